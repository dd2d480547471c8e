package content

import (
	"fmt"
	"io/fs"
	"path"
	"strings"

	"pressroom/internal/diag"
)

// Photo is one photo of a page's gallery (frontmatter images).
type Photo struct {
	File    string // relative to the page's folder
	Alt     string // what it shows, for readers who cannot see it
	Caption string // what it shows, for everyone
	Credit  string // "Foto: …"
	License string // terms of use: a text or a URL; default: site.toml's [images] license
	Line    int    // line of its entry in the frontmatter
}

var photoKeys = []string{"file", "alt", "caption", "credit", "license"}

// photos decodes the gallery: a list of tables, or of file names.
func (p *Page) photos(key string, v any, errf errFunc) []Photo {
	l, ok := tableList(v)
	if !ok {
		if v != nil {
			errf(key, "expected a list of {file, alt, caption, credit, license}")
		}
		return nil
	}
	var out []Photo
	for _, item := range l {
		var ph Photo
		get := func(k string) any { return nil }
		switch m := item.(type) {
		case string:
			ph.File = m
		case map[string]any:
			get = func(k string) any { return m[k] }
			for k := range m {
				if !isPhotoKey(k) {
					errf(key, "unknown key %q in a photo (use %s)", k, "file, alt, caption, credit, license")
				}
			}
		case map[any]any:
			get = func(k string) any { return m[k] }
			for k := range m {
				if !isPhotoKey(fmt.Sprint(k)) {
					errf(key, "unknown key %q in a photo (use %s)", fmt.Sprint(k), "file, alt, caption, credit, license")
				}
			}
		default:
			errf(key, "expected {file: \"foto.jpg\", alt: \"…\", credit: \"Foto: …\"}, not a %s", typeName(item))
			continue
		}
		if ph.File == "" {
			for _, f := range []struct {
				k string
				s *string
			}{{"file", &ph.File}, {"alt", &ph.Alt}, {"caption", &ph.Caption}, {"credit", &ph.Credit}, {"license", &ph.License}} {
				if v := get(f.k); v != nil {
					*f.s = p.text(key, v, errf)
				}
			}
		}
		if ph.File == "" {
			errf(key, "a photo has no file")
			continue
		}
		out = append(out, ph)
	}
	return out
}

func isPhotoKey(k string) bool {
	for _, x := range photoKeys {
		if x == k {
			return true
		}
	}
	return false
}

// checkPhotos checks that the gallery's files exist and have alt text, and
// notes the line of each entry.
func (p *Page) checkPhotos(fsys fs.FS, diags *diag.List) {
	lines := p.entryLines("images", len(p.Images))
	for i := range p.Images {
		ph := &p.Images[i]
		ph.Line = p.itemLine("images", ph.File)
		if lines != nil {
			ph.Line = lines[i]
		}
		p.checkFile(fsys, &ph.File, "images", diags)
		switch path.Ext(path.Clean(ph.File)) {
		case ".jpg", ".jpeg", ".JPG", ".JPEG", ".png", ".PNG":
		default:
			diags.Errorf(p.Path, ph.Line, "images: %q is not a JPEG or PNG file", ph.File)
		}
		if ph.Alt == "" {
			diags.Add(diag.Diagnostic{Path: p.Path, Line: ph.Line, Msg: fmt.Sprintf("images: %q has no alt text: blind readers learn nothing about it", ph.File),
				Hint: "add alt: \"…\" saying what the photo shows"})
		}
	}
}

// entryLines finds the line of each of the n entries of a list of tables
// while loading: the lines that begin an item ("- " in YAML, [[key]] in
// TOML) below the key; nil if they are not n.
func (p *Page) entryLines(key string, n int) []int {
	line, ok := p.KeyLines[key]
	if !ok || p.front == nil {
		return nil
	}
	end := p.front.start + len(p.front.lines)
	if p.Format != "toml" {
		for _, l := range p.KeyLines {
			if l > line && l < end {
				end = l
			}
		}
	}
	var out []int
	for l := line; l < end; l++ {
		i := l - p.front.start
		if i < 0 || i >= len(p.front.lines) {
			break
		}
		t := strings.TrimSpace(p.front.lines[i])
		switch {
		case p.Format == "toml" && t == "[["+key+"]]":
			out = append(out, l)
		case p.Format == "yaml" && l > line && (strings.HasPrefix(t, "- ") || t == "-"):
			out = append(out, l)
		}
	}
	if len(out) != n {
		return nil
	}
	return out
}
