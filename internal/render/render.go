// Package render turns the site model into HTML pages, feeds, the sitemap
// and redirect pages, with html/template. The default templates are
// overridden file by file by the site's own layouts/. It does no I/O: what it
// makes goes to a Sink.
package render

import (
	"bytes"
	"fmt"
	"html/template"
	"path"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	texttemplate "text/template"

	"pressroom/internal/config"
	"pressroom/internal/diag"
	"pressroom/internal/markdown"
	"pressroom/internal/site"
)

// Template is the source of one template file.
type Template struct {
	Name string // relative to layouts/, e.g. "partials/contacts.html"
	Path string // for messages: "layouts/release.html" or "layouts/release.html (built-in)"
	Text string
	// Builtin is set for the default theme's template, and for a site's
	// copy of it that is unchanged: once may reuse what it renders.
	Builtin bool
}

// Sink receives output files. Write must be safe for concurrent use and must
// not keep data after it returns.
type Sink interface {
	Write(name string, data []byte) error
}

// Input is everything the renderer needs.
type Input struct {
	Site      *site.Site
	Templates map[string]Template      // by Name
	Assets    map[string]string        // asset name -> site-relative URL of its output
	About     map[string]template.HTML // organisation id -> rendered boilerplate
	// Bodies gives the rendered body of each page of Site (its published
	// pages and embargo previews): the model holds none. It is called
	// while Stream and Render run, from many goroutines; for the page
	// given to Stream it must give that page's body.
	Bodies func(*site.Page) Body
	// Sample renders only one output of each default template and one of
	// each feed format, and every output of the site's own templates:
	// enough to find every template error, for checking.
	Sample bool
	// Stream lets the builder write each single page as soon as its body
	// is rendered (see Stream).
	Stream bool
	// Files are the files published beside pages: bundle files,
	// attachments, images.
	Files []File
	// Photos knows the photos of pages and makes their files (see
	// photos.go); nil: photos are copied as other files are.
	Photos Photos
	// Checked is Checked() of a render of the same model with the same
	// templates, whose plan had no two outputs at one path: the plan is
	// not checked again (the preview's save of a body alone).
	Checked map[string]int
}

// Body is a page's rendered Markdown.
type Body struct {
	HTML []byte
	TOC  []markdown.Heading
	Lead string // the text of the first paragraph
}

// File is a file of the site published beside a page.
type File struct {
	From, To string     // slash path in the site, path in the output
	Page     *site.Page // the page it goes out with
	Key      string     // the frontmatter key that names it; "" for a bundle's file
}

// Stats counts the outputs.
type Stats struct {
	Pages    int // HTML files
	Feeds    int // feed files
	Other    int // sitemap, robots.txt
	Rendered int // outputs made this time (the others were unchanged)
}

// Renderer renders one site.
type Renderer struct {
	site   *site.Site
	view   *SiteView // what templates see of site
	cfg    *config.Site
	assets map[string]string
	about  map[string]template.HTML
	bodies func(*site.Page) Body
	paths  map[string]string // template name -> path for messages
	// builtin names the default theme's templates (see Template.Builtin).
	builtin map[string]bool
	// jobs is the plan: every output (see plan); at the index of each
	// output path in it; made the indexes of those Render makes (see
	// Outputs).
	jobs []job
	at   map[string]int
	made []int
	// unknown names the templates whose reads are not known, the site's
	// own (a changed copy of a default one counts as the site's own):
	// their outputs depend on the whole model. With a partial or baseof
	// of the site's own, every HTML page is such an output.
	unknown    map[string]bool
	unknownAll bool
	sets       map[string]*template.Template
	// texts are the templates of other formats than HTML, by name
	// ("release.txt"); formats the extensions of them for each HTML
	// template ("release.html" -> [".txt"]): see plan.
	texts   map[string]*texttemplate.Template
	formats map[string][]string
	sample  bool
	// memos caches the partials rendered with a page by memo; fragments
	// the partials rendered by once.
	memos, fragments sync.Map
	// standalone templates define no blocks and are executed themselves
	// rather than through baseof.html.
	standalone map[string]bool
	feeds      *feedCache
	// direct renders the pages of some templates in Go, directPartials
	// some partials for memo (see direct.go and direct_gen.go).
	direct         map[string]func(*Renderer, *writer, *Data)
	directPartials map[string]func(*Renderer, *writer, *site.Page)
	siteFeeds      []Feed
	// stream is set when Stream may be used; inFeed holds the pages whose
	// feed item Stream makes. streamed names the outputs Stream wrote, with
	// what went wrong.
	stream   bool
	inFeed   map[*site.Page]bool
	mu       sync.Mutex
	streamed map[string]bool
	failed   diag.List
	bufs     sync.Pool // of *bytes.Buffer
	// search is the site's search index; nil if it has none.
	search *searchIndex
	// photos makes the files of photos; figs are the photos of each page,
	// made by the plan.
	photos Photos
	figs   map[*site.Page]*pageFigures
	// descriptions keeps the text of each event for its calendars, made
	// while its body is there (see eventDescription).
	descriptions sync.Map
}

// New parses the templates.
func New(in Input) (*Renderer, diag.List) {
	r := &Renderer{site: in.Site, view: viewOf(in.Site), cfg: in.Site.Config, unknown: map[string]bool{}, assets: in.Assets, about: in.About,
		paths: map[string]string{}, builtin: map[string]bool{}, sets: map[string]*template.Template{}, standalone: map[string]bool{},
		texts: map[string]*texttemplate.Template{}, formats: map[string][]string{}}
	r.feeds = newFeedCache(r)
	r.bodies = in.Bodies
	if r.bodies == nil {
		r.bodies = func(*site.Page) Body { return Body{} }
	}
	r.sample = in.Sample
	r.siteFeeds = r.feedLinks("/", in.Site.Config.Title)
	r.stream = in.Stream && !in.Sample
	var diags diag.List
	base := template.New("").Funcs(r.funcs())
	var names []string
	for name, t := range in.Templates {
		r.paths[name] = t.Path
		r.builtin[name] = t.Builtin
		// A template of the site's own may show any page's body.
		r.stream = r.stream && t.Builtin
		names = append(names, name)
		if !t.Builtin {
			r.unknown[name] = true
			if name == "baseof.html" || strings.HasPrefix(name, "partials/") && strings.HasSuffix(name, ".html") {
				r.unknownAll = true
			}
		}
	}
	sort.Strings(names)
	for _, name := range names {
		if name == "baseof.html" || strings.HasPrefix(name, "partials/") {
			if _, err := base.New(name).Parse(in.Templates[name].Text); err != nil {
				diags.Add(r.templateError(err, name))
			}
		}
	}
	if diags.HasErrors() {
		return nil, diags
	}
	for _, name := range names {
		if name == "baseof.html" || strings.HasPrefix(name, "partials/") || !strings.HasSuffix(name, ".html") {
			continue
		}
		set, err := base.Clone()
		if err == nil {
			_, err = set.New(name).Parse(in.Templates[name].Text)
		}
		if err != nil {
			diags.Add(r.templateError(err, name))
			continue
		}
		r.sets[name] = set
		r.standalone[name] = !defines.MatchString(in.Templates[name].Text)
	}
	diags.Add(r.parseTexts(in.Templates, names)...)
	r.setDirect()
	var sd diag.List
	if r.search, sd = r.newSearch(); r.search != nil {
		r.view.SearchURL = r.search.url
	}
	diags.Add(sd...)
	r.view.ContactsURL = r.contactsURL()
	r.photos, r.figs = in.Photos, map[*site.Page]*pageFigures{}
	r.jobs = r.plan(in.Files)
	for i, j := range r.jobs {
		if j.kind != kindFile && j.kind != kindAsset {
			r.made = append(r.made, i)
		}
	}
	if r.at = in.Checked; r.at == nil {
		at, d := checkPlan(r.jobs)
		r.at = at
		diags.Add(d...)
	}
	if r.stream {
		r.streamed = map[string]bool{}
		r.inFeed = map[*site.Page]bool{}
		r.feedLists(func(_, _, _ string, entries []*site.Page) {
			for _, p := range newestModified(entries, r.cfg.Feeds.Items) {
				r.inFeed[p] = true
			}
			// The archive documents hold the full pages of the oldest.
			n := archivePages(len(entries), r.cfg.Feeds.Items) * r.cfg.Feeds.Items
			for _, p := range entries[len(entries)-n:] {
				r.inFeed[p] = true
			}
		})
	}
	for _, need := range []string{"baseof.html", "home.html", "release.html", "paper.html", "page.html", "list.html", "terms.html", "404.html", "alias.html"} {
		if _, ok := in.Templates[need]; !ok {
			diags.Errorf("layouts/"+need, 0, "template missing")
		}
	}
	for _, p := range in.Site.Pages {
		if p.Layout != "" && r.sets[p.Layout+".html"] == nil {
			diags.Errorf(p.Path, p.Line("layout"), "layout %q: no template layouts/%s.html", p.Layout, p.Layout)
		}
	}
	return r, diags
}

var defines = regexp.MustCompile(`\{\{-?\s*define\s`)

var templateErr = regexp.MustCompile(`^template: ([^:]+):(\d+):(?:(\d+):)? ?(.*)$`)

// templateError positions a template error at its file and line.
func (r *Renderer) templateError(err error, name string) diag.Diagnostic {
	msg := err.Error()
	// An error in a partial that once or memo executed: point at the
	// partial.
	if i := strings.LastIndex(msg, ": error calling "); i >= 0 {
		rest := msg[i+len(": error calling "):]
		if j := strings.Index(rest, ": template: "); j >= 0 {
			msg = rest[j+2:]
		}
	}
	d := diag.Diagnostic{Path: r.path(name), Msg: msg}
	if m := templateErr.FindStringSubmatch(msg); m != nil {
		d.Path = r.path(m[1])
		d.Line, _ = strconv.Atoi(m[2])
		d.Col, _ = strconv.Atoi(m[3])
		d.Msg = m[4]
	}
	switch {
	case strings.Contains(d.Msg, "bad character U+007D"), strings.Contains(d.Msg, "unclosed action"):
		d.Hint = "an action is not closed: write {{ … }} with two braces on each side"
	case strings.Contains(d.Msg, "can't evaluate field"):
		d.Hint = "the README lists what templates receive"
	case strings.Contains(d.Msg, "function") && strings.Contains(d.Msg, "not defined"):
		d.Hint = "the README lists the template functions"
	}
	return d
}

func (r *Renderer) path(name string) string {
	if p, ok := r.paths[name]; ok {
		return p
	}
	return "layouts/" + name
}

// Checked is the index of the plan's outputs by path, for Input.Checked.
func (r *Renderer) Checked() map[string]int { return r.at }

// Known tells whether every template is the default theme's, whose
// outputs fail on no model if one of each fails on none: a check may
// render a sample. Outputs of the site's own templates are all rendered,
// with the pages' bodies.
func (r *Renderer) Known() bool { return len(r.unknown) == 0 }

// Streams tells whether Stream may be used: only with the default theme,
// whose templates show no page's body but its own.
func (r *Renderer) Streams() bool { return r.stream }

// Stream writes the page of p, one of the site's pages, to sink as soon as
// its body is rendered, and makes its feed item if a feed shows it: then
// the body is no longer needed, and a build of many pages need not hold all
// their bodies. Render skips the outputs Stream wrote and reports what went
// wrong. It is safe for concurrent use.
func (r *Renderer) Stream(sink Sink, p *site.Page) {
	buf, _ := r.bufs.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	defer r.bufs.Put(buf)
	buf.Reset()
	name, tmpl := site.OutputPath(p.URL), pageTemplate(p)
	if p.Event != nil {
		r.eventDescription(p) // before the body is dropped
	}
	err := r.run(p.URL, tmpl, r.pageData(p, tmpl))(buf)
	if err == nil {
		err = sink.Write(name, buf.Bytes())
	}
	if r.inFeed[p] {
		r.feeds.item(p)
	}
	r.addSearched(p)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.streamed[name] = true
	if err != nil {
		r.failed.Add(r.diagnostic(name, err))
	}
}

// diagnostic tells what went wrong with output name.
func (r *Renderer) diagnostic(name string, err error) diag.Diagnostic {
	if d, ok := err.(diagErr); ok {
		return d.Diagnostic
	}
	return diag.Diagnostic{Path: name, Msg: err.Error()}
}

// Render writes the outputs to sink (see Outputs) but those that
// unchanged marks (nil: none) and those that Stream wrote.
func (r *Renderer) Render(sink Sink, unchanged []bool) (Stats, error) {
	todo := make([]*job, 0, len(r.made))
	sampled := map[string]bool{}
	for i, at := range r.made {
		j := &r.jobs[at]
		if unchanged != nil && unchanged[i] || r.streamed[j.name] {
			continue
		}
		if r.sample && (j.tmpl == photoTemplate || j.tmpl == searchTemplate) {
			continue // made of every page's body, and failing on none: a check makes none
		}
		if r.sample && !r.unknownReads(j.tmpl) {
			kind := j.tmpl + path.Base(j.name) // a page by its template, the others by name too
			if j.kind == kindPage {
				kind = j.tmpl
			}
			if sampled[kind] {
				continue
			}
			sampled[kind] = true
		}
		todo = append(todo, j)
	}
	var stats [3]atomic.Int64
	var wg sync.WaitGroup
	var mu sync.Mutex
	var diags diag.List
	next := make(chan *job)
	// More workers than cores: writing to disk blocks a worker that could
	// be rendering.
	for w := 0; w < 3*runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for j := range next {
				buf.Reset()
				err := j.run(&buf)
				if err == nil {
					err = sink.Write(j.name, buf.Bytes())
				}
				if err != nil {
					mu.Lock()
					diags.Add(r.diagnostic(j.name, err))
					mu.Unlock()
					continue
				}
				stats[j.kind].Add(1)
			}
		}()
	}
	for _, j := range todo {
		next <- j
	}
	close(next)
	wg.Wait()
	// Many pages may fail on the same template line: report each place once.
	diags = dedupe(append(r.failed, diags...))
	st := Stats{Rendered: len(todo) + len(r.streamed)}
	for _, at := range r.made {
		switch r.jobs[at].kind {
		case 0:
			st.Pages++
		case 1:
			st.Feeds++
		default:
			st.Other++
		}
	}
	if n := int(stats[0].Load() + stats[1].Load() + stats[2].Load()); n != len(todo) && diags.Err() == nil {
		diags.Errorf("public", 0, "%d of %d outputs were not written", len(todo)-n, len(todo))
	}
	return st, diags.Err()
}

func dedupe(l diag.List) diag.List {
	seen := map[string]bool{}
	var out diag.List
	for _, d := range l {
		if k := d.String(); !seen[k] {
			seen[k] = true
			out = append(out, d)
		}
	}
	return out
}

type diagErr struct{ diag.Diagnostic }

func (d diagErr) Error() string { return d.String() }

// parseTexts parses the templates of other formats than HTML with
// text/template: layouts/KIND.EXT makes an output index.EXT beside each
// output index.html of layouts/KIND.html (release.txt: index.txt beside
// every release; home.json: /index.json), and partials/NAME.EXT are
// theirs to use.
func (r *Renderer) parseTexts(templates map[string]Template, names []string) diag.List {
	var diags diag.List
	base := texttemplate.New("").Funcs(texttemplate.FuncMap(r.funcs()))
	for _, name := range names {
		if strings.HasPrefix(name, "partials/") && !strings.HasSuffix(name, ".html") {
			if _, err := base.New(name).Parse(templates[name].Text); err != nil {
				diags.Add(r.templateError(err, name))
			}
		}
	}
	for _, name := range names {
		ext := path.Ext(name)
		if ext == ".html" || ext == "" || strings.HasPrefix(name, "partials/") || strings.Contains(name, "/") {
			continue
		}
		set, err := base.Clone()
		if err == nil {
			_, err = set.New(name).Parse(templates[name].Text)
		}
		if err != nil {
			diags.Add(r.templateError(err, name))
			continue
		}
		r.texts[name] = set
		page := strings.TrimSuffix(name, ext) + ".html"
		r.formats[page] = append(r.formats[page], ext)
		if _, ok := templates[page]; !ok {
			diags.Add(diag.Diagnostic{Path: r.path(name), Warning: true,
				Msg:  fmt.Sprintf("no layouts/%s: no output is made with this template", page),
				Hint: "a template KIND.EXT makes index.EXT beside each page of KIND.html, e.g. release.txt beside each release"})
		}
	}
	return diags
}

// exec executes the template set for layout name with data.
func (r *Renderer) exec(buf *bytes.Buffer, name string, data *Data) error {
	if set := r.texts[name]; set != nil {
		if err := set.ExecuteTemplate(buf, name, data); err != nil {
			return diagErr{r.templateError(err, name)}
		}
		return nil
	}
	set := r.sets[name]
	if set == nil {
		return diagErr{diag.Diagnostic{Path: r.path(name), Msg: "template missing"}}
	}
	if write := r.direct[name]; write != nil {
		if err := r.page(buf, data, write); err != nil {
			return diagErr{r.templateError(err, name)}
		}
		return nil
	}
	entry := "baseof.html"
	if r.standalone[name] {
		entry = name
	}
	if err := set.ExecuteTemplate(buf, entry, data); err != nil {
		return diagErr{r.templateError(err, name)}
	}
	return nil
}
