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

	"pressroom/internal/config"
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
// site; the site's file wins. Either may be nil. The identity of [theme]
// in site.toml (cfg may be nil) is applied to the assets: the accent
// colours to the stylesheet, the logo and the icon as files.
func LoadTheme(theme, site fs.FS, cfg *config.Site) (*Theme, diag.List) {
	t := &Theme{}
	var diags, d diag.List
	t.Templates, diags = loadTemplates(theme, site)
	var b brand
	if cfg != nil {
		b = brand{cfg.Theme, site}
	}
	t.Assets, t.Files, d = loadAssets(theme, site, b)
	diags.Add(d...)
	return t, diags
}

// overlay lists the files below dir in the theme and the site; the site's
// file wins. The result maps the name below dir to the path it came from.
type source struct {
	fsys    fs.FS
	path    string
	builtin bool
	data    []byte // made, not read (see brand)
}

func (s source) read() ([]byte, error) {
	if s.fsys == nil {
		return s.data, nil
	}
	return fs.ReadFile(s.fsys, s.path)
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
			out[strings.TrimPrefix(p, dir+"/")] = source{fsys: layer.fsys, path: p, builtin: layer.builtin}
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
func loadAssets(theme, site fs.FS, br brand) (urls map[string]string, files map[string][]byte, diags diag.List) {
	srcs, diags := overlay(theme, site, "assets")
	urls, files = map[string]string{}, map[string][]byte{}
	add, err := br.files()
	if err != nil {
		diags.Errorf(config.File, 0, "%v", err)
	}
	for name, data := range add {
		if src, ok := srcs[name]; !ok || src.builtin { // the site's own file wins
			srcs[name] = source{path: name, data: data}
		}
	}
	if src, ok := favicon(srcs); ok {
		srcs["favicon.ico"] = src
	}
	for name, src := range srcs {
		b, err := src.read()
		if err != nil {
			diags.Errorf(src.path, 0, "%v", err)
			continue
		}
		if name == "css/style.css" {
			b = append(b, br.css()...)
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
