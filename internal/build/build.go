// Package build runs the pipeline: load -> parse -> model -> render ->
// publish.
package build

import (
	"context"
	"encoding/binary"
	"errors"
	"hash/fnv"
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
	// PreviewSecret makes the URLs of embargo previews (see
	// site.PreviewSecretEnv).
	PreviewSecret string
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
	// one (see SaveCache).
	cache Cache
}

// Result describes a finished build.
type Result struct {
	Site     *site.Site
	Stats    render.Stats
	Files    int // copied files: assets, attachments, bundle files
	Warnings diag.List
	Duration time.Duration
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
	bodies     map[string]*body // rendered Markdown by path
	keys       render.Keys      // outputs of the last successful build and what they were made from
	related    *site.Related    // the related releases of the last model
	model      *site.Site       // the last model, for the preview's rebuilds
	modelDiags diag.List        // what making it reported
	// files are the files published beside the pages of the model
	// filesOf, with what finding them reported (see resources).
	files      []render.File
	filesDiags diag.List
	filesOf    *site.Site
	// checked is the plan's index of paths of the last render that had no
	// two outputs at one path, of the model checkedOf.
	checked   map[string]int
	checkedOf *site.Site
	// renderer is the renderer of the last successful render of a
	// preview, of the model renderedOf, with what making it reported: a
	// save that changes bodies alone renders with it again (see
	// render.Renderer.Again).
	byPath      map[string]*site.Page // the pages of the model byPathOf by path
	byPathOf    *site.Site
	renderer    *render.Renderer
	renderDiags diag.List
	renderedOf  *site.Site
	// types tells the media types of the outputs of the last render (of a
	// preview), for requests served while the next one runs.
	types     atomic.Pointer[func(string) (string, bool)]
	started   time.Time       // when the last full build began
	unread    map[string]bool // pages taken from the cache without their body
	caching   *cacheWriter    // the cache of the last build, being written
	print     uint64          // the fingerprint of the last full build, once made
	needsFull bool
}

// body is a cached Markdown rendering.
type body struct {
	fileRev uint64 // revision of the file it was rendered from
	pageRev uint64 // revision of the page: changes when file or output changes
	links   []resolved
	res     markdown.Result
}

// resolved is one link as the resolver saw it, to tell whether a cached
// body would still come out the same.
type resolved struct {
	dest, out string
	ok        bool
}

// newBuilder returns a builder for the site.
func newBuilder(opts Options, m mode) *Builder {
	return &Builder{opts: opts, mode: m, fsys: siteFS(opts), needsFull: true}
}

// SetNow changes the instant that embargoes are measured against.
func (b *Builder) SetNow(t time.Time) { b.opts.Now = t }

// Full reads everything again and writes every output.
func (b *Builder) Full(ctx context.Context, sink Sink) (*Result, error) {
	start := time.Now()
	b.needsFull = true
	b.bodies = map[string]*body{}
	b.print = 0
	b.related = nil
	if !b.mode.once {
		b.related = &site.Related{}
	}
	b.started = start
	// The theme is read once site.toml is good, and then the cache, whose
	// fingerprint covers both, to know which files need not be read again.
	var c *cached
	warm := false
	ld, _ := load(b.fsys, b.opts, b.related, func(cfg *config.Site) content.Reuse {
		b.cfg = cfg
		b.theme, b.themeDiags = render.LoadTheme(b.opts.Theme, b.fsys)
		if c, warm = b.readCache(); warm {
			return c.reuse(b.fsys)
		}
		return nil
	})
	b.cfg, b.cfgDiags = ld.Config, ld.ConfigDiags
	if ld.Site == nil {
		res := &Result{Warnings: b.cfgDiags.Warnings()}
		return res, b.cfgDiags.Err()
	}
	b.pages, b.fileDiags = map[string]*content.Page{}, map[string]diag.List{}
	b.unread = map[string]bool{}
	for _, p := range ld.Pages {
		b.pages[p.Path] = p
		if warm && c.pages[p.Path].Page == p {
			b.unread[p.Path] = true
		}
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
	// Without the bodies, the pages from the cache are still good: they
	// are read again when their bodies are needed.
	if warm = warm && c.finish(); warm {
		b.keys, b.bodies = c.keys, c.bodies
	}
	if !b.mode.once {
		b.model, b.modelDiags = ld.Site, ld.ModelDiags
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
	var fresh []*content.Page
	swap := b.model != nil
	for _, name := range changed {
		// A file is read by the rule of the full load: one that it would
		// leave out or refuse (a hidden name, a symbolic link) is not.
		if ok, d := content.Source(b.fsys, name); !ok {
			delete(b.pages, name)
			delete(b.fileDiags, name)
			if len(d) > 0 {
				b.fileDiags[name] = d
			}
			swap = false
			continue
		}
		p, d := content.LoadFile(b.fsys, b.cfg, name)
		if p == nil {
			delete(b.pages, name)
			swap = false
		} else {
			b.pages[name] = p
			fresh = append(fresh, p)
		}
		b.fileDiags[name] = d
	}
	// A change to the bodies alone, the common save, leaves the model as
	// it is.
	var model *site.Site
	var modelDiags diag.List
	if swap && b.model.Swap(fresh, b.opts.Now) {
		model, modelDiags = b.model, b.modelDiags
	}
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
		s, d = newModel(b.cfg, pages, b.opts, b.related)
		diags.Add(d...)
		if !b.mode.once {
			b.model, b.modelDiags = s, d
		}
	}
	res.Site = s
	// The files beside pages follow from the model: the preview's save
	// of a body alone keeps both.
	if model == nil || b.filesOf != s {
		b.files, b.filesDiags = resources(s)
		b.filesOf = s
	}
	files := b.files
	diags.Add(b.filesDiags...)
	var checked map[string]int
	if model != nil && b.checkedOf == s {
		checked = b.checked
	}
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
	var r *render.Renderer
	var rd diag.List
	again := model != nil && b.renderedOf == s && b.renderer != nil && !b.mode.once
	if again {
		r, rd = b.renderer, b.renderDiags
		r.Again()
	} else {
		b.renderer, b.renderedOf = nil, nil
		r, rd = render.New(render.Input{Site: s, Templates: b.theme.Templates, Assets: b.theme.Assets, About: b.about, Keys: !b.mode.check, Files: files, Checked: checked,
			Sample: b.mode.check, Stream: b.mode.once && !reuse})
	}
	b.DropCache()
	if b.mode.cache.Dir != "" && !reuse {
		b.caching = b.newCache()
	}
	var stream func(*site.Page, *body)
	if r != nil && r.Streams() && !rd.HasErrors() {
		stream = func(p *site.Page, e *body) {
			r.Stream(sink, p)
			if b.caching != nil {
				b.caching.store(e)
			}
			p.Content, e.res.HTML = nil, nil
		}
	}
	exact := !b.mode.check || r == nil || !r.Known()
	has := func(string) bool { return true } // with broken templates, nothing is made
	if r != nil {
		has = r.HasOutput
	}
	diags.Add(b.renderMarkdown(s, stream, has, exact, again)...)
	if diags.HasErrors() {
		return fail()
	}
	if b.caching != nil {
		b.caching.finish(b)
	}
	diags.Add(rd...)
	if diags.HasErrors() {
		return fail()
	}
	if !b.mode.once && !again {
		b.checked, b.checkedOf = r.Checked(), s
		types := r.MediaTypes()
		b.types.Store(&types)
		b.renderer, b.renderDiags, b.renderedOf = r, rd, s
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	prev := b.keys
	if !reuse {
		prev = nil
	}
	stats, keys, err := r.Render(sink, prev)
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
	if b.renderer == r {
		r.Again() // what it kept of pages: not held until the next save
	}
	if b.mode.check {
		res.Warnings = diags.Warnings()
		res.Warnings.Sort()
		return res, diags.Err()
	}
	for name, data := range b.theme.Files {
		if _, done := prev[name]; !done || !keep(sink, name) {
			if err := sink.Write(name, data); err != nil {
				diags.Errorf(name, 0, "%v", err)
			}
		}
		keys[name] = 1
	}
	res.Files = len(b.theme.Files)
	n, d := b.copyResources(r.Files(), sink, prev, keys)
	res.Files += n
	diags.Add(d...)
	for name := range b.keys {
		if _, still := keys[name]; !still {
			if err := sink.Delete(name); err != nil {
				diags.Errorf(name, 0, "%v", err)
			}
		}
	}
	if diags.HasErrors() {
		return fail()
	}
	b.keys = keys
	res.Warnings = diags.Warnings()
	res.Warnings.Sort()
	return res, nil
}

// renderMarkdown renders the body of every published page on all cores,
// reusing cached bodies whose file and links are unchanged. stream, if not
// nil, gets each of the site's pages as soon as its body is rendered.
// Without exact, a check renders only what finds errors in the bodies.
// With sameLinks, every link resolves as in the last build (the same model
// and outputs): a body whose file is unchanged is kept without looking.
func (b *Builder) renderMarkdown(s *site.Site, stream func(*site.Page, *body), has func(string) bool, exact, sameLinks bool) diag.List {
	byPath := b.byPath
	if b.byPathOf != s || byPath == nil {
		byPath = make(map[string]*site.Page, len(s.Pages))
		for _, p := range s.Pages {
			byPath[p.Path] = p
		}
		if !b.mode.once {
			b.byPath, b.byPathOf = byPath, s
		}
	}
	pages := s.Pages
	if len(s.Previews) > 0 {
		pages = append(append([]*site.Page(nil), s.Pages...), s.Previews...)
	}
	basePath := strings.TrimSuffix(s.Config.Base.Path, "/")
	entries := make([]*body, len(pages))
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
				p := pages[i]
				resolve := linkResolver(p, byPath, basePath, has)
				fileRev := p.Sum
				old := b.bodies[p.Path]
				if old != nil && old.fileRev == fileRev && old.stillResolves(resolve) {
					entries[i] = old
					continue
				}
				if b.unread[p.Path] {
					// Taken from the cache, and its body is needed after all.
					if again, _ := content.LoadFile(b.fsys, b.cfg, p.Path); again != nil {
						p.Body = again.Body
					}
				}
				e := &body{fileRev: fileRev}
				convert := b.md.Render
				if !exact {
					convert = b.md.Check
				}
				res, err := convert(p.Body, func(dest string) (string, bool) {
					out, ok := resolve(dest)
					e.links = append(e.links, resolved{dest, out, ok})
					return out, ok
				})
				if err != nil {
					perPage[i].Errorf(p.Path, p.BodyLine, "%v", err)
					continue
				}
				if b.mode.once {
					p.Body = nil // as early as may be: the sources of all pages add up
				}
				e.res = res
				entries[i] = e
				if stream != nil && !p.Preview {
					e.show(p)
					stream(p, e)
				}
			}
		}()
	}
	for i, p := range pages {
		// A page whose file is the same and that links nowhere keeps its
		// body without more ado: most pages, when one file changed.
		if old := b.bodies[p.Path]; old != nil && (len(old.links) == 0 || sameLinks) && old.fileRev == p.Sum {
			entries[i] = old
			continue
		}
		// A check needs a body only for its links, and for the lead of a
		// release without summary.
		if !exact && !markdown.MayLinkWithin(p.Body) && (p.Kind != config.KindRelease || p.Page.Summary != "") {
			entries[i] = &body{fileRev: p.Sum}
			continue
		}
		next <- i
	}
	close(next)
	wg.Wait()
	var diags diag.List
	// With the same links the pages are those of the last build: their
	// bodies change where they were rendered again.
	bodies := b.bodies
	if !sameLinks || bodies == nil {
		bodies = make(map[string]*body, len(pages))
	}
	for i, p := range pages {
		diags.Add(perPage[i]...)
		e := entries[i]
		if e == nil {
			if sameLinks {
				delete(bodies, p.Path)
			}
			continue
		}
		if !sameLinks || bodies[p.Path] != e {
			bodies[p.Path] = e
		}
		e.show(p)
		if b.mode.once {
			p.Body = nil
		}
		if p.Kind == config.KindRelease && p.Page.Summary == "" && e.res.Lead == "" && !p.Preview {
			diags.Add(diag.Diagnostic{Path: p.Path, Line: p.BodyLine, Warning: true,
				Msg:  "no summary and no first paragraph: lists and feeds show no teaser",
				Hint: "add summary: \"…\" to the frontmatter or begin the text with a paragraph"})
		}
		for _, l := range e.res.Broken {
			diags.Errorf(p.Path, p.BodyLine+l.Line-1, "link to %s: %s", l.Dest, brokenLink(s, p, l.Dest))
		}
	}
	b.bodies = bodies
	return diags
}

// show gives the page its rendered body.
func (e *body) show(p *site.Page) {
	if e.pageRev == 0 {
		e.pageRev = e.revision()
	}
	p.Content, p.TOC, p.Lead, p.Rev = e.res.HTML, e.res.TOC, e.res.Lead, e.pageRev
}

// revision identifies what the page shows of its file: the file and how
// its links resolved (the Markdown renderer is the same within a build, and
// part of the cache's fingerprint across builds).
func (e *body) revision() uint64 {
	h := fnv.New64a()
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], e.fileRev)
	h.Write(b[:])
	for _, l := range e.links {
		h.Write([]byte(l.dest))
		h.Write([]byte{0})
		h.Write([]byte(l.out))
		if l.ok {
			h.Write([]byte{1})
		} else {
			h.Write([]byte{2})
		}
	}
	return h.Sum64()
}

func (e *body) stillResolves(resolve markdown.Resolver) bool {
	for _, l := range e.links {
		if out, ok := resolve(l.dest); out != l.out || ok != l.ok {
			return false
		}
	}
	return true
}

// linkResolver rewrites links to Markdown files into page URLs and puts the
// base path in front of root-relative links. A link within the site that
// leads to no output of the build is rejected.
func linkResolver(p *site.Page, byPath map[string]*site.Page, basePath string, has func(string) bool) markdown.Resolver {
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
			return basePath + dest, has(u.Path)
		}
		return dest, has((&url.URL{Path: p.URL}).ResolveReference(&url.URL{Path: u.Path}).Path)
	}
}

// keep takes an output unchanged from the previous build, if the sink can.
// A sink in memory keeps what it has by itself.
func keep(sink Sink, name string) bool {
	k, ok := sink.(render.Keeper)
	return !ok || k.Keep(name) == nil
}

// copyResources copies the files of bundles and the attachments and images
// named in frontmatter beside their pages (output path, site path). Files
// copied before (keys of the last build) are not copied again unless they
// changed (see content.FileKey).
func (b *Builder) copyResources(files []render.File, sink Sink, prev, keys render.Keys) (int, diag.List) {
	var diags diag.List
	for _, f := range files {
		to, from := f.To, f.From
		// Known from reading the page, which looked at the file.
		if keys[to] = f.Stamp; f.Stamp == 0 {
			keys[to] = content.FileKey(b.fsys, from)
		}
		if k, done := prev[to]; done && k == keys[to] && keep(sink, to) {
			continue
		}
		data, err := fs.ReadFile(b.fsys, from)
		if err == nil {
			err = sink.Write(to, data)
		}
		if err != nil {
			diags.Errorf(from, 0, "%v", err)
		}
	}
	return len(files), diags
}
