// Package build runs the pipeline: load -> parse -> model -> render ->
// publish.
package build

import (
	"context"
	"errors"
	"html/template"
	"io/fs"
	"net/url"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"pressroom/internal/config"
	"pressroom/internal/content"
	"pressroom/internal/diag"
	"pressroom/internal/incr"
	"pressroom/internal/markdown"
	"pressroom/internal/photo"
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
	// PreviewSecret makes the URLs of embargo previews (see
	// site.PreviewSecretEnv).
	PreviewSecret string
	// GoLive adds the warnings that the site is not ready to go live
	// (placeholder text, example addresses, a release without place):
	// for build and check, not for the preview.
	GoLive bool
}

// mode is what an entry point (Build, BuildCached, Check, Preview) makes
// of the builder.
type mode struct {
	// once says the builder builds only once: it drops the Markdown
	// sources once rendered, to use less memory, and writes each page as
	// soon as its body is rendered.
	once bool
	// check validates everything but renders only a sample of the outputs
	// (one per template) and copies no files: for pressroom check.
	check bool
	// cache, if its Dir is set, keeps the state of a build for the next
	// one (see Pending).
	cache Cache
}

// Result describes a finished build.
type Result struct {
	Site     *site.Site
	Stats    render.Stats
	Files    int // copied files: assets, attachments, bundle files
	Warnings diag.List
	Duration time.Duration
	// Body gives the rendered body of a page of Site, as render got it
	// (a one-shot build keeps its lead and headings, not its HTML).
	Body func(*site.Page) render.Body
}

// Sink receives the outputs of a build.
type Sink interface {
	Write(name string, data []byte) error
	Delete(name string) error
}

// Builder is the engine behind the entry points (see entry.go): it builds
// a site and rebuilds it after changes to its files, redoing only what a
// change can affect. A Builder is not safe for concurrent use.
type Builder struct {
	opts Options
	mode mode
	fsys fs.FS

	cfg        *config.Site
	cfgDiags   diag.List
	pages      map[string]*content.Page // by path; nil: the file could not be read
	fileDiags  map[string]diag.List     // diagnostics of loading, by path
	themeDiags diag.List
	theme      *render.Theme
	md         *markdown.Renderer
	about      map[string]template.HTML
	inc        *incr.State // what one build leaves for the next: bodies, keys of outputs, cache file
	shown      *shown      // the bodies of the pages of the last model, for render
	// types tells the media types of the outputs of the last render (of a
	// preview), for requests served while the next one runs.
	types     atomic.Pointer[func(string) (string, bool)]
	needsFull bool
	// photoProc makes the variants of photos; inspected is what reading
	// each photo found (see photos).
	photoProc *photo.Processor
	inspected map[string]inspected
}

// newBuilder returns a builder for the site.
func newBuilder(opts Options, m mode) *Builder {
	b := &Builder{opts: opts, mode: m, fsys: siteFS(opts), needsFull: true}
	b.inc = incr.NewState(m.cache.Dir, b.inputs)
	return b
}

// inputs are what the outputs depend on besides the pages, for the cache's
// fingerprint: a cache made for other inputs is not used.
func (b *Builder) inputs() incr.Inputs {
	in := incr.Inputs{Output: b.mode.cache.Output, BaseURL: b.opts.BaseURL, PreviewSecret: b.opts.PreviewSecret,
		Drafts: b.opts.Drafts, Future: b.opts.Future, Check: b.mode.check, Templates: map[string]string{}, Files: b.theme.Files}
	in.Config, _ = fs.ReadFile(b.fsys, config.File)
	for n, t := range b.theme.Templates {
		in.Templates[n] = t.Text
	}
	return in
}

// SetNow changes the instant that embargoes are measured against.
func (b *Builder) SetNow(t time.Time) { b.opts.Now = t }

// Full reads everything again and writes every output.
func (b *Builder) Full(ctx context.Context, sink Sink) (*Result, error) {
	start := time.Now()
	b.needsFull = true
	// Only the preview makes a model again: it carries related releases.
	b.inc.Begin(start, !b.mode.once)
	// The theme is read once site.toml is good, and then the cache, whose
	// fingerprint covers both, to know which files need not be read again.
	ld, _ := load(b.fsys, b.opts, b.inc.Related(), func(cfg *config.Site) content.Reuse {
		b.cfg = cfg
		b.theme, b.themeDiags = render.LoadTheme(b.opts.Theme, b.fsys, cfg)
		return b.inc.ReadCache(b.fsys)
	})
	b.cfg, b.cfgDiags = ld.Config, ld.ConfigDiags
	if ld.Site == nil {
		res := &Result{Warnings: b.cfgDiags.Warnings()}
		return res, b.cfgDiags.Err()
	}
	b.pages, b.fileDiags = map[string]*content.Page{}, map[string]diag.List{}
	for _, p := range ld.Pages {
		b.pages[p.Path] = p
	}
	for _, x := range ld.ContentDiags {
		b.fileDiags[x.Path] = append(b.fileDiags[x.Path], x)
	}
	b.md = markdown.New(markdown.Options{Unsafe: b.cfg.Markdown.Unsafe, Language: b.cfg.Language, ReservedIDs: b.theme.IDs()})
	b.about = map[string]template.HTML{}
	for _, o := range b.cfg.Organizations {
		r, err := b.md.Render([]byte(o.About), nil)
		if err != nil {
			b.cfgDiags.Errorf(config.File, 0, "organization %s: %v", o.ID, err)
		}
		b.about[o.ID] = template.HTML(r.HTML)
	}
	warm := b.inc.Loaded(ld.Pages)
	if !b.mode.once {
		b.inc.SetModel(ld.Site, ld.ModelDiags)
	}
	res, err := b.assemble(ctx, sink, warm, ld.Site, ld.ModelDiags)
	if err == nil {
		b.needsFull = false
	}
	res.Duration = time.Since(start)
	return res, err
}

// isIncremental reports whether a change of the file (slash path relative
// to the site) can be handled without reading everything again.
func isIncremental(name string) bool {
	return strings.HasPrefix(name, content.Dir+"/") && strings.HasSuffix(name, ".md")
}

// Update rebuilds after the files (slash paths relative to the site)
// changed, were created or deleted. Only Markdown files below content/ are
// read again alone; any other change leads to a full build. sink gets only
// the outputs that changed and the deletions of those that are gone.
func (b *Builder) Update(ctx context.Context, changed []string, sink Sink) (*Result, error) {
	if b.needsFull || b.cfg == nil {
		return b.Full(ctx, sink)
	}
	for _, name := range changed {
		if !isIncremental(name) {
			return b.Full(ctx, sink)
		}
	}
	changed = b.withEnclosingBundles(changed)
	start := time.Now()
	changes := make([]incr.Change, 0, len(changed))
	for _, name := range changed {
		c := incr.Change{Old: b.pages[name]}
		// A file is read by the rule of the full load: one that it would
		// leave out or refuse (a hidden name, a symbolic link) is not.
		if ok, d := content.Source(b.fsys, name); !ok {
			delete(b.pages, name)
			delete(b.fileDiags, name)
			if len(d) > 0 {
				b.fileDiags[name] = d
			}
			changes = append(changes, c)
			continue
		}
		p, d := content.LoadFile(b.fsys, b.cfg, name)
		if p == nil {
			delete(b.pages, name)
		} else {
			b.pages[name] = p
		}
		c.New = p
		changes = append(changes, c)
		b.fileDiags[name] = d
	}
	// A change to the bodies alone, the common save, leaves the model as
	// it is.
	model, modelDiags := b.inc.Model(changes, b.opts.Now)
	res, err := b.assemble(ctx, sink, true, model, modelDiags)
	res.Duration = time.Since(start)
	return res, err
}

// assemble runs model -> Markdown -> render -> copy on what is loaded; the
// model is made unless given (with what making it reported). With reuse, outputs whose inputs did not
// change since the last build are not made again. Outputs of the last
// build that are gone are deleted.
func (b *Builder) assemble(ctx context.Context, sink Sink, reuse bool, model *site.Site, modelDiags diag.List) (*Result, error) {
	res := &Result{}
	var diags diag.List
	diags.Add(b.cfgDiags...)
	diags.Add(b.themeDiags...)
	for p, d := range b.fileDiags {
		diags.Add(d...)
		if _, ok := b.pages[p]; !ok && len(d) == 0 {
			delete(b.fileDiags, p)
		}
	}
	s := model
	if s != nil {
		diags.Add(modelDiags...)
	} else {
		pages := make([]*content.Page, 0, len(b.pages))
		for _, p := range b.pages {
			pages = append(pages, p)
		}
		sort.Slice(pages, func(i, j int) bool { return pages[i].Path < pages[j].Path })
		var d diag.List
		s, d = newModel(b.cfg, pages, b.opts, b.inc.Related())
		diags.Add(d...)
		if !b.mode.once {
			b.inc.SetModel(s, d)
		}
	}
	res.Site = s
	if b.opts.GoLive && s != nil {
		diags.Add(goLive(b.fsys, b.cfg, s, b.pages)...)
	}
	sh := &b.shown
	res.Body = func(p *site.Page) render.Body { return (*sh).body(p) }
	// The files beside pages follow from the model: the preview's save
	// of a body alone keeps both.
	photos, pd := b.photos(s)
	diags.Add(pd...)
	files, stamps, filesDiags := b.inc.Files(s, func() ([]render.File, map[string]uint64, diag.List) { return resources(s, b.pages, photos.has) })
	diags.Add(filesDiags...)
	checked := b.inc.Checked(s)
	fail := func() (*Result, error) {
		res.Warnings = diags.Warnings()
		res.Warnings.Sort()
		return res, diags.Err()
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	// A one-shot cold build writes each single page as soon as its body
	// is rendered, and the body into the cache, rather than holding all
	// bodies to the end (see render.Stream).
	r, rd := render.New(render.Input{Site: s, Templates: b.theme.Templates, Assets: b.theme.Assets, About: b.about, Files: files, Checked: checked, Photos: photos,
		Sample: b.mode.check, Stream: b.mode.once && !reuse, Bodies: func(p *site.Page) render.Body { return b.shown.body(p) }})
	b.inc.DropCache()
	caching := !reuse && b.inc.BeginCache()
	var stream func(*site.Page, *incr.Body)
	if r != nil && r.Streams() && !rd.HasErrors() {
		stream = func(p *site.Page, e *incr.Body) {
			r.Stream(sink, p)
			if caching {
				b.inc.Store(e)
			}
			e.Res.HTML = nil // as early as may be: the bodies of all pages add up
		}
	}
	exact := !b.mode.check || r == nil || !r.Known()
	has := func(string) bool { return true } // with broken templates, nothing is made
	if r != nil {
		has = r.HasOutput
	}
	diags.Add(b.renderMarkdown(s, stream, has, exact)...)
	if diags.HasErrors() {
		return fail()
	}
	if caching {
		b.inc.FinishCache(b.pages, b.fileDiags)
	}
	diags.Add(rd...)
	if diags.HasErrors() {
		return fail()
	}
	if !b.mode.once {
		b.inc.SetChecked(s, r.Checked())
		types := r.MediaTypes()
		b.types.Store(&types)
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	prev := b.inc.Outputs()
	if !reuse {
		prev = nil
	}
	outs := r.Outputs()
	var keys incr.Outputs
	var unchanged []bool
	if b.mode.check {
		keys = incr.Outputs{}
	} else {
		keys = incr.Keys(s, outs, b.shown.rev)
		unchanged = incr.Unchanged(sink, outs, keys, prev)
	}
	stats, err := r.Render(sink, unchanged)
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
	if b.mode.check {
		res.Files = len(b.theme.Files) + len(r.Files()) // as a build would copy them
		res.Warnings = diags.Warnings()
		res.Warnings.Sort()
		return res, diags.Err()
	}
	for name, data := range b.theme.Files {
		if _, done := prev[name]; !done || !incr.Keep(sink, name) {
			if err := sink.Write(name, data); err != nil {
				diags.Errorf(name, 0, "%v", err)
			}
		}
		keys[name] = 1
	}
	res.Files = len(b.theme.Files)
	n, d := b.copyResources(r.Files(), stamps, sink, prev, keys)
	res.Files += n
	diags.Add(d...)
	for name := range b.inc.Outputs() {
		if _, still := keys[name]; !still {
			if err := sink.Delete(name); err != nil {
				diags.Errorf(name, 0, "%v", err)
			}
		}
	}
	if diags.HasErrors() {
		return fail()
	}
	b.inc.SetOutputs(keys)
	res.Warnings = diags.Warnings()
	res.Warnings.Sort()
	return res, nil
}

// renderMarkdown renders the body of every published page on all cores,
// reusing cached bodies whose file and links are unchanged. stream, if not
// nil, gets each of the site's pages as soon as its body is rendered.
// Without exact, a check renders only what finds errors in the bodies.
func (b *Builder) renderMarkdown(s *site.Site, stream func(*site.Page, *incr.Body), has func(string) bool, exact bool) diag.List {
	byPath := map[string]*site.Page{}
	for _, p := range s.Pages {
		byPath[p.Path] = p
	}
	pages := s.Pages
	if len(s.Previews) > 0 {
		pages = append(append([]*site.Page(nil), s.Pages...), s.Previews...)
	}
	basePath := strings.TrimSuffix(s.Config.Base.Path, "/")
	entries := make([]*incr.Body, len(pages))
	src := make([]*content.Page, len(pages))
	sh := &shown{at: make(map[*site.Page]int, len(pages)), entries: entries, src: src}
	for i, p := range pages {
		sh.at[p] = i
		src[i] = b.pages[p.Path]
	}
	b.shown = sh
	perPage := make([]diag.List, len(pages))
	var wg sync.WaitGroup
	next := make(chan int)
	workers := runtime.GOMAXPROCS(0)
	if stream != nil {
		// Writing a page blocks a worker that could be rendering.
		workers *= 3
	}
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				p, cp := pages[i], src[i]
				resolve := linkResolver(p, cp.Dir, byPath, basePath, has)
				fileRev := cp.Sum
				if old := b.inc.Body(p.Path); old.Reusable(fileRev, resolve) {
					entries[i] = old
					continue
				}
				if b.inc.Unread(p.Path) {
					// Taken from the cache, and its body is needed after all.
					if again, _ := content.LoadFile(b.fsys, b.cfg, p.Path); again != nil {
						cp.Body = again.Body
					}
				}
				e := &incr.Body{FileRev: fileRev}
				convert := b.md.Render
				if !exact {
					convert = b.md.Check
				}
				res, err := convert(cp.Body, func(dest string) (string, bool) {
					out, ok := resolve(dest)
					e.Links = append(e.Links, incr.Link{Dest: dest, Out: out, OK: ok})
					return out, ok
				})
				if err != nil {
					perPage[i].Errorf(p.Path, cp.BodyLine, "%v", err)
					continue
				}
				if b.mode.once {
					cp.Body = nil // as early as may be: the sources of all pages add up
				}
				e.Res = res
				e.PageRev = e.Revision()
				entries[i] = e
				if stream != nil && !p.Preview {
					stream(p, e)
				}
			}
		}()
	}
	for i, p := range pages {
		// A page whose file is the same and that links nowhere keeps its
		// body without more ado: most pages, when one file changed.
		if old := b.inc.Body(p.Path); old != nil && len(old.Links) == 0 && old.FileRev == src[i].Sum {
			entries[i] = old
			continue
		}
		// A check needs a body only for its links, and for the lead of a
		// release without summary.
		if !exact && !markdown.MayLinkWithin(src[i].Body) && (p.Kind != config.KindRelease || p.Summary != "") {
			entries[i] = &incr.Body{FileRev: src[i].Sum}
			continue
		}
		next <- i
	}
	close(next)
	wg.Wait()
	var diags diag.List
	bodies := make(map[string]*incr.Body, len(pages))
	for i, p := range pages {
		diags.Add(perPage[i]...)
		e := entries[i]
		if e == nil {
			continue
		}
		bodies[p.Path] = e
		if e.PageRev == 0 {
			e.PageRev = e.Revision()
		}
		if b.mode.once {
			src[i].Body = nil
		}
		if p.Kind == config.KindRelease && p.Summary == "" && e.Res.Lead == "" && !p.Preview {
			diags.Add(diag.Diagnostic{Path: p.Path, Line: src[i].BodyLine, Warning: true,
				Msg:  "no summary and no first paragraph: lists and feeds show no teaser",
				Hint: "add summary: \"…\" to the frontmatter or begin the text with a paragraph"})
		}
		for _, l := range e.Res.Broken {
			diags.Errorf(p.Path, src[i].BodyLine+l.Line-1, "link to %s: %s", l.Dest, brokenLink(s, b.pages, p, l.Dest))
		}
	}
	b.inc.SetBodies(bodies)
	return diags
}

// shown holds the rendered bodies of the pages of one model, for render:
// the model itself holds none.
type shown struct {
	at      map[*site.Page]int
	entries []*incr.Body    // by the index in at; nil until rendered
	src     []*content.Page // the page's file
}

// body is what render gets of the body of p (see render.Input.Bodies).
func (s *shown) body(p *site.Page) render.Body {
	if s == nil {
		return render.Body{}
	}
	i, ok := s.at[p]
	if !ok || s.entries[i] == nil {
		return render.Body{}
	}
	e := s.entries[i]
	return render.Body{HTML: e.Res.HTML, TOC: e.Res.TOC, Lead: e.Res.Lead}
}

// rev is the revision of what p shows of its files: its own, its body as
// rendered, the files beside it (their sizes).
func (s *shown) rev(p *site.Page) uint64 {
	i, ok := s.at[p]
	if !ok || s.entries[i] == nil {
		return 0
	}
	return incr.PageRev(s.entries[i], s.src[i].FilesKey)
}

// linkResolver rewrites links to Markdown files into page URLs and puts the
// base path in front of root-relative links. A link within the site that
// leads to no output of the build is rejected.
func linkResolver(p *site.Page, dir string, byPath map[string]*site.Page, basePath string, has func(string) bool) markdown.Resolver {
	return func(dest string) (string, bool) {
		u, err := url.Parse(dest)
		if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(dest, "//") || u.Path == "" {
			return dest, true
		}
		if strings.HasSuffix(u.Path, ".md") {
			target := path.Clean(path.Join(dir, u.Path))
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
			return basePath + dest, has(u.Path)
		}
		return dest, has((&url.URL{Path: p.URL}).ResolveReference(&url.URL{Path: u.Path}).Path)
	}
}

// copyResources copies the files of bundles and the attachments and images
// named in frontmatter beside their pages (output path, site path). Files
// copied before (keys of the last build) are not copied again unless they
// changed (see content.FileKey).
func (b *Builder) copyResources(files []render.File, stamps map[string]uint64, sink Sink, prev, keys incr.Outputs) (int, diag.List) {
	var diags, d diag.List
	for _, f := range files {
		to, from := f.To, f.From
		// Known from reading the page, which looked at the file.
		if keys[to] = stamps[from]; keys[to] == 0 {
			keys[to] = content.FileKey(b.fsys, from)
		}
		if k, done := prev[to]; done && k == keys[to] && incr.Keep(sink, to) {
			continue
		}
		data, err := fs.ReadFile(b.fsys, from)
		if err == nil && isPhoto(from) {
			data, d = cleanCopy(from, data)
			diags.Add(d...)
		}
		if err == nil {
			err = sink.Write(to, data)
		}
		if err != nil {
			diags.Errorf(from, 0, "%v", err)
		}
	}
	return len(files), diags
}
