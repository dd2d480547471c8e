package incr

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"pressroom/internal/config"
	"pressroom/internal/content"
	"pressroom/internal/site"
)

const modelTOML = `title = "Presse"
baseURL = "https://presse.example.org/"
timezone = "Europe/Berlin"

[[organizations]]
id = "dlt"
name = "Deutscher Landkreistag"

[[organizations]]
id = "jc"
name = "Jobcenter"

[sections.pm]
kind = "release"

[sections.pp]
kind = "paper"

[sections.tage]
kind = "release"
permalink = "/:section/:year/:month/:day/:slug/"

[sections.seiten]
kind = "page"
`

func modelConfig(t *testing.T) *config.Site {
	t.Helper()
	cfg, d := config.Load(fstest.MapFS{config.File: {Data: []byte(modelTOML)}})
	if d.HasErrors() {
		t.Fatal(d)
	}
	return cfg
}

// berlin is an instant in the site's timezone.
func berlin(t *testing.T, s string) time.Time {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	d, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// file is a loaded file: section/name.md, with its slug from the name.
func file(section, name string, date time.Time) *content.Page {
	p := &content.Page{Section: section, Slug: name, Title: name, Date: date}
	if section == "" {
		p.Path = "content/" + name + ".md"
	} else {
		p.Path = "content/" + section + "/" + name + ".md"
	}
	return p
}

func paths(ps []*site.Page) string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Path)
	}
	return strings.Join(out, " ")
}

func relatedSite(t *testing.T) (*config.Site, []*content.Page, time.Time) {
	cfg := modelConfig(t)
	day := func(d int) time.Time { return berlin(t, "2026-01-01 10:00").AddDate(0, 0, d-1) }
	rel := func(name string, d int, orgs []string, tags ...string) *content.Page {
		p := file("pm", name, day(d))
		p.Tags, p.Organizations = tags, orgs
		return p
	}
	dlt, jc := []string{"dlt"}, []string{"jc"}
	files := []*content.Page{
		rel("x", 10, dlt, "A", "B"),
		rel("y", 1, jc, "A", "B"),
		rel("n1", 11, jc, "A"), rel("n2", 12, jc, "A"), rel("n3", 13, jc, "A"),
		rel("n4", 14, jc, "A"), rel("n5", 15, jc, "A"), rel("n6", 16, jc, "A"),
		rel("solo", 20, nil, "C"),
		rel("j1", 2, dlt), rel("j2", 3, dlt),
	}
	draft := rel("draft", 17, dlt, "A", "B")
	draft.Draft = true
	future := rel("future", 40, dlt, "A", "B")
	embargo := rel("embargo", 18, dlt, "A", "B")
	embargo.Embargo = day(40)
	paper := file("pp", "paper", day(19))
	paper.Tags, paper.Organizations = []string{"A", "B"}, dlt
	files = append(files, draft, future, embargo, paper)
	return cfg, files, day(30)
}

// TestRelatedCarried: a model made with the related releases of the last
// one has the related releases of a model made afresh, also after a
// page's topics changed or a page went.
func TestRelatedCarried(t *testing.T) {
	cfg, files, now := relatedSite(t)
	memo := &Related{}
	related := func(s *site.Site) map[string]string {
		out := map[string]string{}
		for _, p := range s.Pages {
			out[p.Path] = paths(p.Related)
		}
		return out
	}
	check := func(step string, files []*content.Page) {
		t.Helper()
		carried, _ := site.New(cfg, files, site.Options{Now: now, Related: memo})
		fresh, _ := site.New(cfg, files, site.Options{Now: now})
		if c, f := related(carried), related(fresh); !mapsEqual(c, f) {
			t.Errorf("%s: carried %v, afresh %v", step, c, f)
		}
	}
	check("first", files)
	check("same", files)
	changed := slices.Clone(files)
	x := *changed[0]
	x.Tags = []string{"C"}
	changed[0] = &x
	check("x now on C", changed)
	check("same again", changed)
	check("n6 gone", slices.DeleteFunc(slices.Clone(changed), func(p *content.Page) bool { return p.Slug == "n6" }))
	check("back", files)

	// Releases far down two long topics: one moving from the one to the
	// other changes no list of candidates (the newest of each topic), only
	// its own topics.
	var long []*content.Page
	start := berlin(t, "2020-01-01 10:00")
	for i := 0; i < 2*(200+10); i++ {
		p := file("pm", fmt.Sprintf("r%03d", i), start.Add(time.Duration(i)*time.Hour))
		p.Tags = []string{[]string{"A", "D"}[i%2]}
		long = append(long, p)
	}
	memo = &Related{}
	check("long topics", long)
	moved := slices.Clone(long)
	old := *moved[0]
	old.Tags = []string{"D"}
	moved[0] = &old
	check("oldest moved from A to D", moved)
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
