// Package build runs the pipeline: load -> parse -> model -> render ->
// publish.
package build

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"html/template"
	"io/fs"
	"net/url"
	"os"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"pressroom/internal/config"
	"pressroom/internal/content"
	"pressroom/internal/diag"
	"pressroom/internal/markdown"
	"pressroom/internal/render"
	"pressroom/internal/site"
)

// Options of one build.
type Options struct {
	SiteDir string // the site's folder
	Site    fs.FS  // the site's files; default os.DirFS(SiteDir)
	Theme   fs.FS  // the default theme: layouts/ and assets/
	Now     time.Time
	Drafts  bool
	Future  bool
	BaseURL string // overrides site.toml
}

// Result describes a finished build.
type Result struct {
	Site     *site.Site
	Stats    render.Stats
	Files    int // copied files: assets, attachments, bundle files
	Warnings diag.List
	Duration time.Duration
}

// Build builds the site into sink. Problems are returned as a *diag.Error;
// warnings are in the result.
func Build(ctx context.Context, opts Options, sink render.Sink) (*Result, error) {
	start := time.Now()
	fsys := opts.Site
	if fsys == nil {
		fsys = os.DirFS(opts.SiteDir)
	}
	res := &Result{}
	var diags diag.List
	fail := func() (*Result, error) {
		res.Warnings = diags.Warnings()
		return res, diags.Err()
	}
	cfg, d := config.Load(fsys)
	diags.Add(d...)
	if cfg == nil || diags.HasErrors() {
		return fail()
	}
	if opts.BaseURL != "" {
		if err := cfg.SetBaseURL(opts.BaseURL); err != nil {
			diags.Errorf("--base-url", 0, "%v", err)
			return fail()
		}
	}
	pages, d := content.Load(fsys, cfg)
	diags.Add(d...)
	s, d := site.New(cfg, pages, site.Options{Now: opts.Now, Drafts: opts.Drafts, Future: opts.Future})
	diags.Add(d...)
	res.Site = s
	if err := ctx.Err(); err != nil {
		return res, err
	}
	templates, d := loadTemplates(opts.Theme, fsys)
	diags.Add(d...)
	assets, files, d := loadAssets(opts.Theme, fsys)
	diags.Add(d...)
	md := markdown.New(markdown.Options{Unsafe: cfg.Markdown.Unsafe, Language: cfg.Language})
	diags.Add(renderMarkdown(s, md)...)
	about := map[string]template.HTML{}
	for _, o := range cfg.Organizations {
		r, err := md.Render([]byte(o.About), nil)
		if err != nil {
			diags.Errorf(config.File, 0, "organization %s: %v", o.ID, err)
		}
		about[o.ID] = template.HTML(r.HTML)
	}
	if diags.HasErrors() {
		return fail()
	}
	r, d := render.New(render.Input{Site: s, Templates: templates, Assets: assets, About: about})
	diags.Add(d...)
	if diags.HasErrors() {
		return fail()
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	stats, err := r.Render(sink)
	if err != nil {
		var de *diag.Error
		if errors.As(err, &de) {
			diags.Add(de.List...)
		} else {
			diags.Errorf("public", 0, "%v", err)
		}
		return fail()
	}
	res.Stats = stats
	for name, data := range files {
		if err := sink.Write(name, data); err != nil {
			diags.Errorf(name, 0, "%v", err)
		}
	}
	res.Files = len(files)
	n, d := copyResources(fsys, s, sink)
	res.Files += n
	diags.Add(d...)
	res.Duration = time.Since(start)
	if diags.HasErrors() {
		return fail()
	}
	res.Warnings = diags.Warnings()
	res.Warnings.Sort()
	return res, nil
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
func loadTemplates(theme, site fs.FS) (map[string]render.Template, diag.List) {
	srcs, diags := overlay(theme, site, "layouts")
	out := map[string]render.Template{}
	for name, src := range srcs {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		b, err := fs.ReadFile(src.fsys, src.path)
		if err != nil {
			diags.Errorf(src.path, 0, "%v", err)
			continue
		}
		p := src.path
		if src.builtin {
			p += " (built-in)"
		}
		out[name] = render.Template{Name: name, Path: p, Text: string(b)}
	}
	return out, diags
}

// loadAssets reads assets/ of the theme and the site. Stylesheets get a
// fingerprint in their name so that hosts may cache them forever.
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
		if path.Ext(name) == ".css" {
			sum := sha256.Sum256(b)
			out = strings.TrimSuffix(name, ".css") + "." + hex.EncodeToString(sum[:])[:10] + ".css"
		}
		urls[name] = "/" + out
		files[out] = b
	}
	return urls, files, diags
}

// renderMarkdown renders the body of every published page on all cores.
func renderMarkdown(s *site.Site, md *markdown.Renderer) diag.List {
	byPath := map[string]*site.Page{}
	for _, p := range s.Pages {
		byPath[p.Path] = p
	}
	basePath := strings.TrimSuffix(s.Config.Base.Path, "/")
	perPage := make([]diag.List, len(s.Pages))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				p := s.Pages[i]
				res, err := md.Render(p.Body, linkResolver(p, byPath, basePath))
				if err != nil {
					perPage[i].Errorf(p.Path, p.BodyLine, "%v", err)
					continue
				}
				p.Content, p.TOC, p.Lead = res.HTML, res.TOC, res.Lead
				for _, b := range res.Broken {
					perPage[i].Errorf(p.Path, p.BodyLine+b.Line-1, "link to %s: no such page", b.Dest)
				}
			}
		}()
	}
	for i := range s.Pages {
		next <- i
	}
	close(next)
	wg.Wait()
	var diags diag.List
	for _, d := range perPage {
		diags.Add(d...)
	}
	return diags
}

// linkResolver rewrites links to Markdown files into page URLs and puts the
// base path in front of root-relative links.
func linkResolver(p *site.Page, byPath map[string]*site.Page, basePath string) markdown.Resolver {
	return func(dest string) (string, bool) {
		u, err := url.Parse(dest)
		if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(dest, "//") || u.Path == "" {
			return dest, true
		}
		if strings.HasSuffix(u.Path, ".md") {
			target := path.Clean(path.Join(p.Dir, u.Path))
			if strings.HasPrefix(u.Path, "/") {
				target = path.Clean(content.Dir + u.Path)
			}
			t, ok := byPath[target]
			if !ok {
				return dest, false
			}
			u.Path = basePath + t.URL
			return u.String(), true
		}
		if strings.HasPrefix(u.Path, "/") {
			return basePath + dest, true
		}
		return dest, true
	}
}

// copyResources copies the files of bundles and the attachments and images
// named in frontmatter beside their pages.
func copyResources(fsys fs.FS, s *site.Site, sink render.Sink) (int, diag.List) {
	var diags diag.List
	type copyJob struct{ from, to string }
	var jobs []copyJob
	seen := map[string]bool{}
	for _, p := range s.Pages {
		dir := path.Dir(site.OutputPath(p.URL))
		add := func(rel string) {
			to := path.Join(dir, rel)
			if !seen[to] {
				seen[to] = true
				jobs = append(jobs, copyJob{path.Join(p.Dir, rel), to})
			}
		}
		for _, f := range p.Files {
			add(f)
		}
		for _, a := range p.Attachments {
			add(path.Clean(a.File))
		}
		if p.Image != "" {
			add(path.Clean(p.Image))
		}
	}
	sort.Slice(jobs, func(i, j int) bool { return jobs[i].to < jobs[j].to })
	for _, j := range jobs {
		b, err := fs.ReadFile(fsys, j.from)
		if err == nil {
			err = sink.Write(j.to, b)
		}
		if err != nil {
			diags.Errorf(j.from, 0, "%v", err)
		}
	}
	return len(jobs), diags
}
