package render

import (
	"bytes"
	"html/template"
	"strconv"

	"pressroom/internal/config"
	"pressroom/internal/feeds"
	"pressroom/internal/markdown"
	"pressroom/internal/site"
)

// Data is what every HTML template receives.
type Data struct {
	Site        *SiteView
	Config      *config.Site
	Kind        string // release, paper, page, home, section, year, tag, org, tags, orgs, 404, alias
	Title       string
	Description string
	URL         string // site-relative
	Feeds       []Feed // this page's own feeds, for autodiscovery and links
	SiteFeeds   []Feed
	Page        *site.Page         // single pages
	Content     template.HTML      // body of a single page, with its dateline
	TOC         []markdown.Heading // headings of a single page's body
	Section     *site.Section      // section and year lists
	Year        *site.Year
	Term        *site.Term // tag and organisation pages
	Terms       []*site.Term
	Entries     []*site.Page // entries of this list page
	Pager       *Pager
	Latest      []*site.Page  // home: latest releases
	Papers      []*site.Page  // home: latest papers
	Events      []*site.Page  // home, an organisation's page: upcoming events, the next first
	Target      string        // alias: where to go
	Search      *Search       // the search page
	Cards       []ContactCard // the contacts page: every press contact
	NoIndex     bool
}

// SiteView is what templates see of the model: the published pages and
// their lists; never the pages held back, embargo previews or the instant
// of the build.
type SiteView struct {
	Config   *config.Site
	Pages    []*site.Page // every published page: dated ones newest first, then plain pages
	Dated    []*site.Page // releases and papers, newest first
	Plain    []*site.Page // pages at the content root, by title
	Sections []*site.Section
	Tags     []*site.Term
	Orgs     []*site.Term
	Params   map[string]any // [params] of site.toml
	// TagsURL and OrgsURL are the URLs of the index of topics and of
	// organisations.
	TagsURL, OrgsURL string
	// SearchURL is the URL of the search page; "" if the site has none.
	SearchURL string
	// ContactsURL is the URL of the contacts page; "" if the site has no
	// press contacts.
	ContactsURL string
}

func viewOf(s *site.Site) *SiteView {
	return &SiteView{Config: s.Config, Pages: s.Pages, Dated: s.Dated, Plain: s.Plain, Sections: s.Sections, Tags: s.Tags, Orgs: s.Orgs, Params: s.Config.Params, TagsURL: s.TagsURL, OrgsURL: s.OrgsURL}
}

// Feed is a link to one feed.
type Feed struct {
	Title string
	URL   string // site-relative
	Type  string // MIME type
	Label string // RSS, Atom, JSON
}

// Pager is the position of a list page among its siblings.
type Pager struct {
	Number, Total int
	PrevURL       string // newer entries
	NextURL       string // older entries
	Pages         []PagerLink
}

// PagerLink is one numbered page link; Gap marks left-out numbers ("…")
// before it.
type PagerLink struct {
	Number  int
	URL     string
	Current bool
	Gap     bool
}

// run executes template tmpl for the page at url with the data that data
// makes then.
func (r *Renderer) run(url, tmpl string, data func() *Data) func(*bytes.Buffer) error {
	return func(b *bytes.Buffer) error {
		d := data()
		d.Site, d.Config, d.URL, d.SiteFeeds = r.view, r.cfg, url, r.siteFeeds
		return r.exec(b, tmpl, d)
	}
}

// summary is the teaser of a page: its frontmatter summary, or the first
// paragraph of its body.
func (r *Renderer) summary(p *site.Page) string {
	if p.Summary != "" {
		return p.Summary
	}
	return r.bodies(p).Lead
}

// pageTemplate is the template of a single page.
func pageTemplate(p *site.Page) string {
	switch {
	case p.Layout != "":
		return p.Layout + ".html"
	case p.Kind == config.KindRelease:
		return "release.html"
	case p.Kind == config.KindPaper:
		return "paper.html"
	}
	return p.Kind + ".html"
}

// pageData makes the data of a single page.
func (r *Renderer) pageData(p *site.Page, tmpl string) func() *Data {
	return func() *Data {
		d := &Data{Kind: p.Kind, Title: p.Title, Description: r.summary(p), Page: p, NoIndex: p.Draft || p.Embargoed, TOC: r.bodies(p).TOC}
		if r.direct[tmpl] == nil {
			d.Content = r.body(p) // the Go pages write it without a copy
		}
		if p.Section != nil {
			d.Section = p.Section
			d.Feeds = r.feedLinks(p.Section.URL, p.Section.Title)
		}
		return d
	}
}

// feedLists calls f for each folder with feeds: the home page, the
// sections of dated pages, each tag and each organisation.
func (r *Renderer) feedLists(f func(folder, title, desc string, entries []*site.Page)) {
	s := r.site
	f("/", s.Config.Title, s.Config.Description, s.Dated)
	for _, sec := range s.Sections {
		if sec.Kind != config.KindPage {
			f(sec.URL, sec.Title+" – "+s.Config.Title, "", sec.Pages)
		}
	}
	for _, t := range append(append([]*site.Term(nil), s.Tags...), s.Orgs...) {
		desc := ""
		if t.Org != nil {
			desc = t.Org.Name
		}
		f(t.URL, t.Name+" – "+s.Config.Title, desc, t.Pages)
	}
}

// feedLinks are the three feeds of a folder.
func (r *Renderer) feedLinks(folder, title string) []Feed {
	return []Feed{
		{Title: title + " (RSS)", URL: folder + feeds.RSSFile, Type: feeds.RSSType, Label: "RSS"},
		{Title: title + " (Atom)", URL: folder + feeds.AtomFile, Type: feeds.AtomType, Label: "Atom"},
		{Title: title + " (JSON Feed)", URL: folder + feeds.JSONFile, Type: feeds.JSONType, Label: "JSON"},
	}
}

// listPage is one page of a paginated list; its pager is made when the
// page is rendered.
type listPage struct {
	url     string
	entries []*site.Page
	pager   func() *Pager
	total   int
}

// paginate splits entries into pages: base, base/seite/2/, ...
func paginate(entries []*site.Page, per int, base, word string) []listPage {
	total := (len(entries) + per - 1) / per
	if total == 0 {
		total = 1
	}
	urlOf := func(n int) string {
		if n == 1 {
			return base
		}
		return base + word + "/" + strconv.Itoa(n) + "/"
	}
	out := make([]listPage, total)
	for i := range out {
		lo, hi := i*per, min((i+1)*per, len(entries))
		if lo > hi {
			lo = hi
		}
		out[i] = listPage{url: urlOf(i + 1), entries: entries[lo:hi], total: total, pager: func() *Pager {
			p := &Pager{Number: i + 1, Total: total}
			if i > 0 {
				p.PrevURL = urlOf(i)
			}
			if i+1 < total {
				p.NextURL = urlOf(i + 2)
			}
			if total > 1 {
				p.Pages = pagerWindow(i+1, total, urlOf)
			}
			return p
		}}
	}
	return out
}

// pagerWindow links the first and last page and two on each side of the
// current one, so that a list of a thousand pages does not link each.
func pagerWindow(cur, total int, urlOf func(int) string) []PagerLink {
	var links []PagerLink
	last := 0
	for n := 1; n <= total; n++ {
		if n != 1 && n != total && (n < cur-2 || n > cur+2) {
			continue
		}
		links = append(links, PagerLink{Number: n, URL: urlOf(n), Current: n == cur, Gap: n > last+1})
		last = n
	}
	return links
}

// body is the page's HTML with the dateline ("Köln, 5. Oktober 2021 – ")
// opening the first paragraph of a release.
func (r *Renderer) body(p *site.Page) template.HTML {
	var b bytes.Buffer
	r.writeBody(&b, p)
	return template.HTML(b.String())
}

func (r *Renderer) writeBody(b *bytes.Buffer, p *site.Page) {
	html := r.bodies(p).HTML
	if p.Kind != config.KindRelease || p.Place == "" {
		b.Write(html)
		return
	}
	b.WriteString(`<p><span class="dateline">`)
	escapeHTML(b, p.Place)
	b.WriteString(", ")
	escapeHTML(b, r.date(p.Date))
	b.WriteString(" – </span>")
	if bytes.HasPrefix(html, []byte("<p>")) {
		b.Write(html[3:])
		return
	}
	b.WriteString("</p>\n")
	b.Write(html)
}
