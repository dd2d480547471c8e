package render

import (
	"bytes"
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"pressroom/internal/config"
	"pressroom/internal/content"
	"pressroom/internal/diag"
	"pressroom/internal/site"
)

// Kinds of outputs.
const (
	kindPage  = iota // an HTML page
	kindFeed         // RSS, Atom, JSON Feed
	kindOther        // sitemap, robots.txt
	kindFile         // a file of a page copied as it is: bundle file, attachment, image
	kindAsset        // a file of the theme's assets
)

// job is one output of the site: the plan lists them all, and everything
// that needs to know the outputs (render, the link checker, the check for
// two outputs at one path, the copy of files) reads the plan.
type job struct {
	name string // output path
	kind int
	tmpl string // template it is made with: a page's, a feed's items' partial
	src  origin
	// deps declares what the output is made from; run makes it
	// (pages, feeds and the like); from is the site file a copied file
	// is a copy of.
	deps func(Deps)
	run  func(*bytes.Buffer) error
	from string
	// sitemap is set for the pages the sitemap lists, with their time of
	// last change if known.
	sitemap bool
	lastmod time.Time
}

// mediaType is the media type of the output: an HTML page's, or what the
// one table of types says for its name (a feed by its name, the others by
// extension).
func (j *job) mediaType() string {
	if j.kind == kindPage {
		return "text/html"
	}
	return content.MediaType(j.name)
}

// origin is where an output comes from, for messages: a file and line, and
// what the output is (what, then of, then the page number of a list, put
// together only for a message: a site has many outputs).
type origin struct {
	path     string
	line     int
	what, of string
	n        int
}

func (o origin) String() string {
	if o.n > 0 {
		return fmt.Sprintf("%s%s, page %d", o.what, o.of, o.n+1)
	}
	return o.what + o.of
}

// pageOrigin is a page's own output.
func pageOrigin(p *site.Page) origin {
	// The line of url: if the frontmatter gives the address, else of slug:.
	line := p.Line("url")
	if line == 1 {
		line = p.Line("slug")
	}
	return origin{path: p.Path, line: line, what: "the page of ", of: p.Path}
}

// plan lists every output of the site with what it is made from.
func (r *Renderer) plan(files []File) []job {
	s := r.site
	var jobs []job
	// page adds an HTML page; its data is made when the job runs. deps adds
	// the inputs of the page beyond the whole site's navigation.
	// It returns the index of the HTML page in jobs.
	page := func(kind, url, tmpl string, src origin, deps func(Deps), data func() *Data) int {
		out := func(name, tmpl string, okind int, data func() *Data) {
			jobs = append(jobs, job{name: name, kind: okind, tmpl: tmpl, src: src, run: r.run(url, tmpl, data),
				deps: func(k Deps) {
					k.Str(kind).Shared("global", r.global).Str(tmpl).Str(url)
					if r.unknownReads(tmpl) {
						k.Shared("whole", r.whole)
					}
					deps(k)
				}})
		}
		name := site.OutputPath(url)
		at := len(jobs)
		out(name, tmpl, kindPage, data)
		// The same page in the other formats of the template.
		if dir, ok := strings.CutSuffix(name, "index.html"); ok {
			for _, ext := range r.formats[tmpl] {
				out(dir+"index"+ext, strings.TrimSuffix(tmpl, ".html")+ext, kindOther, func() *Data {
					d := data()
					if d.Page != nil && d.Content == "" {
						d.Content = r.body(d.Page)
					}
					return d
				})
			}
		}
		return at
	}
	// listed puts a page into the sitemap.
	listed := func(i int, lastmod time.Time) { jobs[i].sitemap, jobs[i].lastmod = true, lastmod }
	var newest time.Time
	for _, p := range s.Pages {
		tmpl := pageTemplate(p)
		i := page("page", p.URL, tmpl, pageOrigin(p), func(k Deps) {
			k.Page(p).Page(p.Prev).Page(p.Next).Pages(p.Related).Pages(p.Events)
			if p.Event != nil {
				k.Pages(p.Event.Releases)
			}
			for _, t := range p.Tags {
				k.Str(t.Name).Str(t.URL)
			}
		}, r.pageData(p, tmpl))
		r.photoJobs(&jobs, p)
		if !p.Draft && !p.Embargoed {
			listed(i, p.Modified())
			if p.Modified().After(newest) {
				newest = p.Modified()
			}
		}
		for _, a := range p.Aliases {
			target, u := p.URL, site.CleanURL(a)
			page("alias", u, "alias.html", origin{path: p.Path, line: p.Line("aliases"), what: "an alias of ", of: p.Path}, func(k Deps) { k.Page(p) }, func() *Data {
				return &Data{Kind: "alias", Title: p.Title, Target: target, NoIndex: true}
			})
		}
	}
	for _, p := range s.Previews {
		r.photoJobs(&jobs, p)
		page("preview", p.URL, p.Kind+".html", origin{path: p.Path, line: p.Line("embargo_preview"), what: "the embargo preview of ", of: p.Path}, func(k Deps) {
			k.Page(p)
			for _, t := range p.Tags {
				k.Str(t.Name).Str(t.URL)
			}
		}, func() *Data {
			d := &Data{Kind: p.Kind, Title: p.Title, Description: r.summary(p), Page: p, NoIndex: true, TOC: r.bodies(p).TOC}
			if r.direct[p.Kind+".html"] == nil {
				d.Content = r.body(p)
			}
			return d
		})
	}
	home := &Data{Kind: "home", Title: s.Config.Title, Description: s.Config.Description}
	for _, p := range s.Dated {
		if p.Kind == config.KindRelease && len(home.Latest) < r.cfg.Pagination.PerPage {
			home.Latest = append(home.Latest, p)
		}
		if p.Kind == config.KindPaper && len(home.Papers) < 5 {
			home.Papers = append(home.Papers, p)
		}
	}
	if up := site.UpcomingEvents(s.Events); len(up) > 0 {
		home.Events = up[:min(len(up), 5)]
	}
	home.Feeds = r.feedLinks("/", s.Config.Title)
	listed(page("home", "/", "home.html", origin{what: "the home page"}, func(k Deps) {
		k.Pages(home.Latest).Pages(home.Papers).Pages(home.Events)
		for _, t := range s.Tags {
			k.Str(t.Name).Str(t.URL)
		}
	}, func() *Data { return home }), newest)

	// list adds a paginated list made with tmpl; events are the upcoming
	// events its first page shows besides its entries.
	list := func(kind, url, title, desc, tmpl string, src origin, entries, events []*site.Page, fill func(*Data)) {
		feeds := r.feedLinks(url, title)
		for n, pg := range paginate(entries, r.cfg.Pagination.PerPage, url, r.cfg.Paths.Page) {
			src := src
			src.n = n
			var evs []*site.Page
			if n == 0 {
				evs = events
			}
			i := page(kind, pg.url, tmpl, src, func(k Deps) {
				k.Str(title).Str(desc).Num(uint64(n)).Num(uint64(pg.total)).Pages(pg.entries).Pages(evs)
				if kind == "section" || kind == "year" {
					for _, sec := range s.Sections {
						if strings.HasPrefix(url, sec.URL) {
							for _, y := range sec.Years {
								k.Str(y.URL)
							}
						}
					}
				}
			}, func() *Data {
				d := &Data{Kind: kind, Title: title, Description: desc, Entries: pg.entries, Pager: pg.pager(), Feeds: feeds, Events: evs}
				if n > 0 {
					d.Title = fmt.Sprintf("%s – "+r.t("pageOf"), title, n+1, pg.total)
				}
				fill(d)
				return d
			})
			if n == 0 {
				listed(i, time.Time{})
			}
		}
	}
	for _, sec := range s.Sections {
		src := r.sectionOrigin(sec)
		tmpl := "list.html"
		if sec.Kind == config.KindEvent {
			tmpl = "events.html"
		}
		list("section", sec.URL, sec.Title, "", tmpl, src, sec.Pages, nil, func(d *Data) { d.Section = sec })
		for _, y := range sec.Years {
			title := sec.Title + " " + strconv.Itoa(y.Year)
			ysrc := src
			ysrc.what = fmt.Sprintf("the archive %d of section %s", y.Year, sec.Name)
			list("year", y.URL, title, "", tmpl, ysrc, y.Pages, nil, func(d *Data) { d.Section, d.Year = sec, y; d.Feeds = nil })
		}
	}
	terms := func(kind, url, title, what string, all []*site.Term) {
		listed(page(kind, url, "terms.html", origin{what: what}, func(k Deps) {
			for _, t := range all {
				k.Str(t.Name).Str(t.URL).Num(uint64(len(t.Pages)))
			}
		}, func() *Data { return &Data{Kind: kind, Title: title, Terms: all} }), time.Time{})
		for _, t := range all {
			desc := ""
			if t.Org != nil {
				desc = t.Org.Name
			}
			var events []*site.Page
			if t.Org != nil {
				events = site.UpcomingEvents(t.Pages)
			}
			list(strings.TrimSuffix(kind, "s"), t.URL, t.Name, desc, "list.html", termOrigin(t), t.Pages, events, func(d *Data) { d.Term = t })
		}
	}
	terms("tags", s.TagsURL, r.t("tags"), "the index of topics", s.Tags)
	terms("orgs", s.OrgsURL, r.t("organizations"), "the index of organisations", s.Orgs)
	page("404", "/404.html", "404.html", origin{what: "the page for addresses not found"}, func(Deps) {}, func() *Data {
		return &Data{Kind: "404", Title: r.t("notFoundTitle"), NoIndex: true}
	})
	r.searchJobs(&jobs, page)
	if i := r.contactsJobs(&jobs, page); i >= 0 {
		listed(i, time.Time{})
	}
	r.icsJobs(&jobs)
	r.feedLists(func(folder, title, desc string, entries []*site.Page) {
		r.feedJobs(&jobs, folder, title, desc, entries)
	})
	jobs = append(jobs, r.sitemapJobs(jobs)...)
	copied := map[[2]string]bool{}
	for _, f := range files {
		// A bundle's file that its page names as well goes out once.
		if copied[[2]string{f.From, f.To}] {
			continue
		}
		copied[[2]string{f.From, f.To}] = true
		line := 1
		if f.Key != "" {
			line = f.Page.Line(f.Key)
		}
		jobs = append(jobs, job{name: f.To, kind: kindFile, from: f.From, src: origin{path: f.Page.Path, line: line, what: "the file " + f.From + " of ", of: f.Page.Path}})
	}
	for name, u := range r.assets {
		jobs = append(jobs, job{name: strings.TrimPrefix(u, "/"), kind: kindAsset, src: origin{path: "assets/" + name, what: "the asset ", of: "assets/" + name}})
	}
	return jobs
}

// MediaTypes tells the media type of each output of the plan, by its
// path: for the preview's responses.
func (r *Renderer) MediaTypes() func(name string) (string, bool) {
	types := make([]string, len(r.jobs))
	for i := range r.jobs {
		types[i] = r.jobs[i].mediaType()
	}
	at := r.at
	return func(name string) (string, bool) {
		i, ok := at[name]
		if !ok {
			return "", false
		}
		return types[i], true
	}
}

func (r *Renderer) sectionOrigin(sec *site.Section) origin {
	return origin{path: config.File, what: "the list of section ", of: sec.Name}
}

// termOrigin is a topic's or organisation's list: the first page that
// names the topic, or site.toml.
func termOrigin(t *site.Term) origin {
	if t.Org == nil && len(t.Pages) > 0 {
		p := t.Pages[len(t.Pages)-1]
		return origin{path: p.Path, line: p.Line("tags"), what: "the page of topic ", of: strconv.Quote(t.Name)}
	}
	return origin{path: config.File, what: "the page of ", of: strconv.Quote(t.Name)}
}

// checkPlan reports two outputs at one path, and an output at a path
// that another output needs as a folder (a page at /feed.xml/ and the
// feed /feed.xml).
// It returns the index of each path's output in jobs.
func checkPlan(jobs []job) (map[string]int, diag.List) {
	var diags diag.List
	at := make(map[string]int, len(jobs))
	report := func(a, b *job, folder string) {
		// Name the file that can be changed: a page's rather than a
		// generated output's.
		if a.src.path == "" || (b.src.path != "" && a.src.path == config.File) {
			a, b = b, a
		}
		p := a.src.path
		if p == "" {
			p = config.File
		}
		msg := fmt.Sprintf("%s has the address %s, which is also that of %s", a.src, address(a.name), b.src)
		if folder != "" {
			msg = fmt.Sprintf("%s has the address %s, which needs a folder %s, but that is %s", a.src, address(a.name), address(folder), b.src)
			if a.name == folder || strings.HasPrefix(b.name, a.name+"/") {
				msg = fmt.Sprintf("%s has the address %s, which needs a folder %s, but that is %s", b.src, address(b.name), address(folder), a.src)
			}
		}
		diags.Add(diag.Diagnostic{Path: p, Line: a.src.line, Msg: msg,
			Hint: "give one of them another slug: or url: in its frontmatter, or rename the file or section"})
	}
	for i := range jobs {
		j := &jobs[i]
		if k, dup := at[j.name]; dup {
			report(j, &jobs[k], "")
			continue
		}
		at[j.name] = i
	}
	for i := range jobs {
		j := &jobs[i]
		for dir := path.Dir(j.name); dir != "."; dir = path.Dir(dir) {
			if k, ok := at[dir]; ok {
				report(j, &jobs[k], dir)
				break
			}
		}
	}
	return at, diags
}

// address is the site-relative URL of an output path.
func address(name string) string {
	if name == "index.html" || strings.HasSuffix(name, "/index.html") {
		return "/" + strings.TrimSuffix(name, "index.html")
	}
	return "/" + name
}

// HasOutput tells whether the site-relative path p (a URL's path, "/x/"
// or "/x/index.html" for a page) is an output.
func (r *Renderer) HasOutput(p string) bool {
	n := strings.TrimPrefix(path.Clean("/"+p), "/")
	_, file := r.at[n]
	_, page := r.at[path.Join(n, "index.html")]
	return file && n != "" || page
}

// Files lists the files to copy (From, To), sorted by output path.
func (r *Renderer) Files() []File {
	var out []File
	for _, j := range r.jobs {
		if j.kind == kindFile {
			out = append(out, File{From: j.from, To: j.name})
		}
	}
	sort.Slice(out, func(i, k int) bool { return out[i].To < out[k].To })
	return out
}
