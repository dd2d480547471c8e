package build

import (
	"fmt"
	"net/url"
	"path"
	"strings"

	"pressroom/internal/content"
	"pressroom/internal/diag"
	"pressroom/internal/render"
	"pressroom/internal/site"
)

// resources lists the files that go out with the published pages of s and
// with the embargo previews (under their own unguessable folders). A file is
// published only as part of a page that is published:
//
//   - a bundle's own files are those below its folder, except those below a
//     folder that holds another page (a nested bundle, any Markdown page)
//     and those another page names as attachment or image;
//   - a page's attachments and image, unless they lie in the folder of
//     another bundle that is not published (a draft, or before its
//     release): that is an error at the page's frontmatter.
//
// So no file of an unpublished page is ever copied, and a link to one finds
// no output (see render's plan).
// src gives the file of each page, by path.
// It also gives the stamp of each file (content.FileKey) as its page was
// read, by its path in the site.
//
// The photos that photo reports as readable go out as the renderer's
// photo outputs instead (cleaned, with variants).
func resources(s *site.Site, src map[string]*content.Page, photo func(from string) bool) ([]render.File, map[string]uint64, diag.List) {
	all := make([]*site.Page, 0, len(s.Pages)+len(s.Held))
	all = append(append(all, s.Pages...), s.Held...)
	bundles := map[string]*site.Page{} // by folder
	pageDirs := map[string]bool{}
	named := map[string][]string{} // file -> paths of the pages that name it
	for _, q := range all {
		cq := src[q.Path]
		if cq.Bundle {
			bundles[cq.Dir] = q
		}
		pageDirs[cq.Dir] = true
		for _, f := range namedFiles(cq) {
			named[f.from] = append(named[f.from], q.Path)
		}
	}
	published := make(map[string]bool, len(s.Pages))
	for _, p := range s.Pages {
		published[p.Path] = true
	}
	// owner is the bundle whose folder holds the file most closely.
	owner := func(file string) *site.Page {
		for d := path.Dir(file); d == content.Dir || strings.HasPrefix(d, content.Dir+"/"); d = path.Dir(d) {
			if q := bundles[d]; q != nil {
				return q
			}
			if d == content.Dir {
				break
			}
		}
		return nil
	}
	var out []render.File
	stamps := map[string]uint64{}
	var diags diag.List
	// The photos of pages go out through the renderer's photo outputs.
	photos := map[string]bool{}
	for _, ref := range photoRefs(s) {
		if photo(ref.from) {
			photos[ref.from] = true
		}
	}
	pages := append(append([]*site.Page(nil), s.Pages...), s.Previews...)
	for _, p := range pages {
		dir := path.Dir(site.OutputPath(p.URL))
		cp := src[p.Path]
	files:
		for _, f := range cp.Files {
			from := path.Join(cp.Dir, f)
			if o := owner(from); o == nil || o.Path != p.Path {
				continue
			}
			for d := path.Dir(from); d != cp.Dir && d != "."; d = path.Dir(d) {
				if pageDirs[d] {
					continue files
				}
			}
			for _, q := range named[from] {
				if q != p.Path {
					continue files
				}
			}
			if photos[from] {
				continue // published as a photo: cleaned, with variants (see render.Photos)
			}
			out = append(out, render.File{From: from, To: path.Join(dir, f), Page: p})
			stamps[from] = cp.FileKeys[from]
		}
		for _, f := range namedFiles(cp) {
			if o := owner(f.from); o != nil && o.Path != p.Path && !published[o.Path] {
				diags.Add(diag.Diagnostic{Path: p.Path, Line: p.Line(f.key),
					Msg:  fmt.Sprintf("%s: %q is a file of %s, which is not published (a draft, or before its release)", f.key, f.rel, o.Path),
					Hint: "publish that page first, or put a copy of the file beside this page"})
				continue
			}
			if photos[f.from] || f.key == "images" {
				continue // published as a photo
			}
			out = append(out, render.File{From: f.from, To: path.Join(dir, f.rel), Page: p, Key: f.key})
			stamps[f.from] = cp.FileKeys[f.from]
		}
	}
	return out, stamps, diags
}

type namedFile struct {
	key, rel, from string // frontmatter key, name relative to the page, path in the site
}

// namedFiles lists the attachments and the image a page names.
func namedFiles(p *content.Page) []namedFile {
	var out []namedFile
	for _, a := range p.Attachments {
		rel := path.Clean(a.File)
		out = append(out, namedFile{"attachments", rel, path.Join(p.Dir, rel)})
	}
	if p.Image != "" {
		rel := path.Clean(p.Image)
		out = append(out, namedFile{"image", rel, path.Join(p.Dir, rel)})
	}
	for _, ph := range p.Images {
		rel := path.Clean(ph.File)
		out = append(out, namedFile{"images", rel, path.Join(p.Dir, rel)})
	}
	return out
}

// brokenLink says why a link of page p to dest finds no output: "no such
// page", or, for a page or file held back, that it is not published (yet).
func brokenLink(s *site.Site, src map[string]*content.Page, p *site.Page, dest string) string {
	const none = "no such page"
	u, err := url.Parse(dest)
	if err != nil || u.Path == "" {
		return none
	}
	var mdPath, sitePath, srcPath string
	if !strings.HasPrefix(u.Path, "/") {
		srcPath = path.Join(src[p.Path].Dir, u.Path) // the file beside the page, as a relative link means
	}
	switch {
	case strings.HasSuffix(u.Path, ".md") && strings.HasPrefix(u.Path, "/"):
		mdPath = path.Clean(content.Dir + u.Path)
	case strings.HasSuffix(u.Path, ".md"):
		mdPath = path.Clean(path.Join(src[p.Path].Dir, u.Path))
	case strings.HasPrefix(u.Path, "/"):
		sitePath = path.Clean(u.Path)
	default:
		sitePath = (&url.URL{Path: p.URL}).ResolveReference(&url.URL{Path: u.Path}).Path
	}
	sitePath = strings.TrimSuffix(strings.TrimSuffix(sitePath, "index.html"), "/")
	matches := func(h *site.Page) bool {
		if mdPath != "" {
			return h.Path == mdPath
		}
		if strings.TrimSuffix(h.URL, "/") == sitePath {
			return true
		}
		for _, a := range h.Aliases {
			if strings.TrimSuffix(site.CleanURL(a), "/") == sitePath {
				return true
			}
		}
		dir := path.Dir(site.OutputPath(h.URL))
		ch := src[h.Path]
		for _, f := range ch.Files {
			if "/"+path.Join(dir, f) == sitePath || path.Join(ch.Dir, f) == srcPath {
				return true
			}
		}
		for _, f := range namedFiles(ch) {
			if "/"+path.Join(dir, f.rel) == sitePath || f.from == srcPath {
				return true
			}
		}
		return false
	}
	for _, h := range s.Held {
		if !matches(h) {
			continue
		}
		if src[h.Path].Draft {
			return "not published: " + h.Path + " is a draft"
		}
		return "not yet published: " + h.Path + " is released " + h.Released().In(s.Config.Location).Format("2006-01-02 15:04 MST")
	}
	return none
}

// withEnclosingBundles adds to the changed files the bundles whose folder
// holds a changed Markdown file in a subfolder: a page that comes or goes
// there changes which files are the bundle's, so the bundle is read again.
func (b *Builder) withEnclosingBundles(changed []string) []string {
	out := append([]string(nil), changed...)
	seen := map[string]bool{}
	for _, name := range changed {
		seen[name] = true
	}
	for _, name := range changed {
		for d := path.Dir(path.Dir(name)); strings.HasPrefix(d, content.Dir+"/"); d = path.Dir(d) {
			index := d + "/index.md"
			if p := b.pages[index]; p != nil && p.Bundle && !seen[index] {
				seen[index] = true
				out = append(out, index)
			}
		}
	}
	return out
}
