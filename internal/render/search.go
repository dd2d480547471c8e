package render

import (
	"bytes"
	"fmt"
	"html/template"
	"sort"
	"strings"
	"sync"

	"pressroom/internal/config"
	"pressroom/internal/diag"
	"pressroom/internal/search"
	"pressroom/internal/site"
)

// Search is what the search page's template receives: the values of the
// filters and where the index is.
type Search struct {
	IndexURL string // site-relative folder of the index files, ending in /
	Sections []SearchOption
	Orgs     []SearchOption
	Topics   []SearchOption
	Years    []int
}

// SearchOption is one value of a filter.
type SearchOption struct{ Value, Label string }

// searchIndex is the index of the site's search: the pages it holds,
// newest first, and the index made once, when the first of its files is
// written. Stream adds the pages as their bodies are rendered, so that a
// one-shot build need not keep the bodies; the others are added from
// their bodies when the index is made.
type searchIndex struct {
	url    string // the search page
	dir    string // output folder of the index files, ending in /
	docs   []*site.Page
	ids    map[*site.Page]int
	layout search.Layout
	labels search.Labels
	// the index of each section, organisation and topic in labels
	secs, orgs, topics map[string]int
	builder            *search.Builder
	once               sync.Once
	files              map[string][]byte
	err                error
}

// pages declares the indexed pages (revisions and URLs), once for all
// the index's files.
func (x *searchIndex) pages(d Deps) {
	d.Shared("search-pages", func(d Deps) {
		d.Pages(x.docs)
		for _, p := range x.docs {
			d.Str(p.URL)
		}
	})
}

// searchTemplate marks the index files in the plan: a check
// (Input.Sample) does not make them.
const searchTemplate = "(search)"

// searched lists the pages the index holds: the published pages of the
// indexed sections, never a draft, an embargoed page or an embargo
// preview, newest first.
func searched(s *site.Site) []*site.Page {
	cfg := s.Config.Search
	var docs []*site.Page
	for _, p := range s.Pages {
		if p.Draft || p.Embargoed || p.Preview {
			continue
		}
		name := ""
		if p.Section != nil {
			name = p.Section.Name
		}
		if cfg.Indexes(name) {
			docs = append(docs, p)
		}
	}
	sort.SliceStable(docs, func(i, j int) bool {
		if !docs[i].Date.Equal(docs[j].Date) {
			return docs[i].Date.After(docs[j].Date)
		}
		return docs[i].URL < docs[j].URL
	})
	return docs
}

// newSearch prepares the search of the site, or returns nil if it has
// none.
func (r *Renderer) newSearch() (*searchIndex, diag.List) {
	cfg := r.cfg.Search
	var diags diag.List
	if !cfg.On() {
		return nil, nil
	}
	for _, name := range cfg.Sections {
		if r.cfg.Sections[name] == nil {
			diags.Add(diag.Diagnostic{Path: config.File, Warning: true, Msg: fmt.Sprintf("search.sections names %q, which is no section", name)})
		}
	}
	url := "/" + r.cfg.Paths.Search + "/"
	x := &searchIndex{url: url, dir: site.OutputPath(url)[:len(site.OutputPath(url))-len("index.html")] + "index/",
		docs: searched(r.site), ids: map[*site.Page]int{}, secs: map[string]int{}, orgs: map[string]int{}, topics: map[string]int{}}
	for i, p := range x.docs {
		x.ids[p] = i
	}
	for _, sec := range r.site.Sections {
		x.secs[sec.Name] = len(x.labels.Sections)
		x.labels.Sections = append(x.labels.Sections, sec.Title)
		x.labels.SectionIDs = append(x.labels.SectionIDs, sec.Name)
	}
	for _, t := range r.site.Orgs {
		x.orgs[t.Org.ID] = len(x.labels.Orgs)
		x.labels.Orgs = append(x.labels.Orgs, t.Name)
		x.labels.OrgIDs = append(x.labels.OrgIDs, t.Org.ID)
	}
	for _, t := range r.site.Tags {
		x.topics[t.Slug] = len(x.labels.Topics)
		x.labels.Topics = append(x.labels.Topics, t.Name)
		x.labels.TopicIDs = append(x.labels.TopicIDs, t.Slug)
	}
	x.layout = search.LayoutFor(len(x.docs))
	x.builder = search.NewBuilder(r.cfg.Language, len(x.docs), x.labels)
	return x, diags
}

// add indexes page p if the index holds it; its body must be rendered.
func (r *Renderer) addSearched(p *site.Page) {
	x := r.search
	if x == nil {
		return
	}
	id, ok := x.ids[p]
	if !ok {
		return
	}
	d := search.Doc{URL: p.URL, Title: p.Title, Summary: r.summary(p), Text: plain(template.HTML(r.bodies(p).HTML)), Section: -1, Year: p.Date.In(r.cfg.Location).Year()}
	if !p.Date.IsZero() {
		d.ISO, d.Date = p.Date.In(r.cfg.Location).Format("2006-01-02"), r.date(p.Date)
	}
	if p.Section != nil {
		d.Section = x.secs[p.Section.Name]
	}
	extra := []string{p.Place}
	for _, o := range p.Orgs {
		if i, ok := x.orgs[o.Org.ID]; ok {
			d.Orgs = append(d.Orgs, i)
		}
		extra = append(extra, o.Name)
	}
	for _, t := range p.Tags {
		if i, ok := x.topics[t.Slug]; ok {
			d.Topics = append(d.Topics, i)
		}
		extra = append(extra, t.Name)
	}
	d.Extra = strings.Join(extra, " ")
	x.builder.Add(id, d)
}

// searchFiles makes the index, once: the pages Stream did not add are
// added from their bodies.
func (r *Renderer) searchFiles() (map[string][]byte, error) {
	x := r.search
	x.once.Do(func() {
		for i, p := range x.docs {
			if !x.builder.Has(i) {
				r.addSearched(p)
			}
		}
		x.files, x.err = x.builder.Files(x.layout)
	})
	return x.files, x.err
}

// searchJobs adds the search page and the index files to the plan. Their
// keys are made from what they show: the pages the index holds, with
// their revisions, and the labels of sections, issuers and topics.
func (r *Renderer) searchJobs(jobs *[]job, page func(kind, url, tmpl string, src origin, deps func(Deps), data func() *Data) int) {
	x := r.search
	if x == nil {
		return
	}
	labels := func(k Deps) {
		for _, l := range [][]string{x.labels.Sections, x.labels.SectionIDs, x.labels.Orgs, x.labels.OrgIDs, x.labels.Topics, x.labels.TopicIDs} {
			k.Num(uint64(len(l)))
			for _, s := range l {
				k.Str(s)
			}
		}
	}
	src := origin{path: config.File, what: "the search page"}
	page("search", x.url, "search.html", src, func(k Deps) {
		labels(k)
		k.Str(x.dir)
		for _, y := range r.searchYears() {
			k.Num(uint64(y))
		}
	}, func() *Data {
		return &Data{Kind: "search", Title: r.t("search"), NoIndex: true, Search: r.searchData()}
	})
	for _, name := range x.layout.Names() {
		out := x.dir + name
		*jobs = append(*jobs, job{name: out, kind: kindOther, tmpl: searchTemplate, src: origin{path: config.File, what: "the search index file " + name},
			deps: func(k Deps) {
				k.Str("search").Str(r.cfg.Language).Str(name).Num(uint64(x.layout.Docs))
				labels(k)
				x.pages(k)
			},
			run: func(b *bytes.Buffer) error {
				files, err := r.searchFiles()
				if err != nil {
					return err
				}
				b.Write(files[name])
				return nil
			}})
	}
}

// searchYears are the years of the pages the index holds, newest first.
func (r *Renderer) searchYears() []int {
	var years []int
	for _, p := range r.search.docs {
		if p.Date.IsZero() {
			continue
		}
		if y := p.Date.In(r.cfg.Location).Year(); len(years) == 0 || years[len(years)-1] != y {
			years = append(years, y)
		}
	}
	return years
}

func (r *Renderer) searchData() *Search {
	x := r.search
	d := &Search{IndexURL: strings.TrimSuffix(x.url, "/") + "/index/", Years: r.searchYears()}
	for i, id := range x.labels.SectionIDs {
		d.Sections = append(d.Sections, SearchOption{id, x.labels.Sections[i]})
	}
	for i, id := range x.labels.OrgIDs {
		d.Orgs = append(d.Orgs, SearchOption{id, x.labels.Orgs[i]})
	}
	for i, id := range x.labels.TopicIDs {
		d.Topics = append(d.Topics, SearchOption{id, x.labels.Topics[i]})
	}
	return d
}
