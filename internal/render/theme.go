package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"pressroom/internal/diag"
)

// Theme is what a site looks like: the templates and assets of the default
// theme, overridden file by file by the site's own layouts/ and assets/.
type Theme struct {
	Templates map[string]Template // by Name
	Assets    map[string]string   // asset name -> site-relative URL of its output (Input.Assets)
	Files     map[string][]byte   // output path -> content of every asset
}

// LoadTheme reads layouts/ and assets/ of the default theme and of the
// site; the site's file wins. Either may be nil.
func LoadTheme(theme, site fs.FS) (*Theme, diag.List) {
	t := &Theme{}
	var diags, d diag.List
	t.Templates, diags = loadTemplates(theme, site)
	t.Assets, t.Files, d = loadAssets(theme, site)
	diags.Add(d...)
	return t, diags
}

// overlay lists the files below dir in the theme and the site; the site's
// file wins. The result maps the name below dir to the path it came from.
type source struct {
	fsys    fs.FS
	path    string
	builtin bool
}

func overlay(theme, site fs.FS, dir string) (map[string]source, diag.List) {
	var diags diag.List
	out := map[string]source{}
	for _, layer := range []struct {
		fsys    fs.FS
		builtin bool
	}{{theme, true}, {site, false}} {
		if layer.fsys == nil {
			continue
		}
		err := fs.WalkDir(layer.fsys, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.Type()&fs.ModeSymlink != 0 {
				diags.Errorf(p, 0, "symbolic links are not followed")
				return nil
			}
			if !utf8.ValidString(d.Name()) {
				diags.Add(diag.Diagnostic{Path: p, Msg: "the file name is not valid UTF-8 text", Hint: "rename it, e.g. with convmv -f latin1 -t utf8"})
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
				return nil
			}
			out[strings.TrimPrefix(p, dir+"/")] = source{layer.fsys, p, layer.builtin}
			return nil
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			diags.Errorf(dir, 0, "%v", err)
		}
	}
	return out, diags
}

// loadTemplates reads layouts/ of the theme and the site.
func loadTemplates(theme, site fs.FS) (map[string]Template, diag.List) {
	srcs, diags := overlay(theme, site, "layouts")
	out := map[string]Template{}
	for name, src := range srcs {
		b, err := fs.ReadFile(src.fsys, src.path)
		if err != nil {
			diags.Errorf(src.path, 0, "%v", err)
			continue
		}
		p, builtin := src.path, src.builtin
		if builtin {
			p += " (built-in)"
		} else if theme != nil {
			// A copy of the default template (init --layouts) that is
			// unchanged behaves as the default one.
			orig, err := fs.ReadFile(theme, src.path)
			builtin = err == nil && bytes.Equal(orig, b)
		}
		out[name] = Template{Name: name, Path: p, Text: string(b), Builtin: builtin}
	}
	return out, diags
}

// IDs are the ids that the templates give elements (id attributes), which no
// heading of a body may get: a heading "Pressekontakt" must not take the
// id of the theme's contact block.
func (t *Theme) IDs() []string {
	seen := map[string]bool{}
	var ids []string
	for _, t := range t.Templates {
		for _, m := range idAttr.FindAllStringSubmatch(t.Text, -1) {
			if !seen[m[1]] {
				seen[m[1]] = true
				ids = append(ids, m[1])
			}
		}
	}
	sort.Strings(ids)
	return ids
}

var idAttr = regexp.MustCompile(`\bid="([A-Za-z][A-Za-z0-9_:.-]*)"`)

// loadAssets reads assets/ of the theme and the site. Stylesheets and
// scripts get a fingerprint in their name so that hosts may cache them forever.
func loadAssets(theme, site fs.FS) (urls map[string]string, files map[string][]byte, diags diag.List) {
	srcs, diags := overlay(theme, site, "assets")
	urls, files = map[string]string{}, map[string][]byte{}
	for name, src := range srcs {
		b, err := fs.ReadFile(src.fsys, src.path)
		if err != nil {
			diags.Errorf(src.path, 0, "%v", err)
			continue
		}
		out := name
		if ext := path.Ext(name); ext == ".css" || ext == ".js" {
			sum := sha256.Sum256(b)
			out = strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:])[:10] + ext
		}
		urls[name] = "/" + out
		files[out] = b
	}
	return urls, files, diags
}
