package site

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"pressroom/internal/config"
	"pressroom/internal/content"
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

func paths(ps []*Page) string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Path)
	}
	return strings.Join(out, " ")
}

func slugs(ps []*Page) string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Slug)
	}
	return strings.Join(out, " ")
}

// TestPermalink: the section's pattern is expanded with the date in the
// site's timezone; an explicit url: is kept, made safe.
func TestPermalink(t *testing.T) {
	cfg := modelConfig(t)
	for _, tc := range []struct {
		name, section, pattern, url string
		date                        string // in Europe/Berlin
		want                        string
	}{
		{"release default", "pm", "/:section/:year/:slug/", "", "2021-10-05 10:00", "/pm/2021/x/"},
		{"paper default", "pp", "/:section/:slug/", "", "2021-10-05 10:00", "/pp/x/"},
		{"month and day", "pm", "/:section/:year/:month/:day/:slug/", "", "2021-03-05 10:00", "/pm/2021/03/05/x/"},
		{"two-digit month and day", "pm", "/:year/:month/:day/", "", "2021-12-24 10:00", "/2021/12/24/"},
		{"day in the site's timezone", "pm", "/:year/:month/:day/:slug/", "", "2022-01-01 00:30", "/2022/01/01/x/"},
		{"no trailing slash", "pm", "/:section/:slug", "", "2021-10-05 10:00", "/pm/x/"},
		{"html file", "pm", "/:section/:slug.html", "", "2021-10-05 10:00", "/pm/x.html"},
		{"no leading slash", "pm", ":section/:slug/", "", "2021-10-05 10:00", "/pm/x/"},
		{"literal text", "pm", "/archiv/:section-:year/:slug/", "", "2021-10-05 10:00", "/archiv/pm-2021/x/"},
		{"unknown placeholder", "pm", "/:section/:foo/:slug/", "", "2021-10-05 10:00", "/pm/-foo/x/"},
		{"placeholder with more letters", "pm", "/:slugs/", "", "2021-10-05 10:00", "/-slugs/"},
		{"explicit url", "pm", "/:section/:year/:slug/", "/aktuelles/pm-17.html", "2021-10-05 10:00", "/aktuelles/pm-17.html"},
		{"explicit url folder", "pm", "/:section/:year/:slug/", "/alt/17/", "2021-10-05 10:00", "/alt/17/"},
		{"explicit url made a folder", "pm", "/:section/:year/:slug/", "alt/17", "2021-10-05 10:00", "/alt/17/"},
		{"explicit url out of the site", "pm", "/:section/:year/:slug/", "../../etc/passwd", "2021-10-05 10:00", "/etc/passwd/"},
		{"plain page", "", "", "", "2021-10-05 10:00", "/x/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cp := file(tc.section, "x", berlin(t, tc.date))
			cp.URL = tc.url
			p := newPage(cfg, cp)
			if tc.section != "" {
				p.Section = &Section{Name: tc.section, Section: &config.Section{Kind: config.KindRelease, Permalink: tc.pattern}}
			}
			if got := permalink(cfg, p, cp.URL); got != tc.want {
				t.Errorf("permalink %q for %s = %q, want %q", tc.pattern, tc.date, got, tc.want)
			}
		})
	}
}

// TestCleanURL: what frontmatter or a pattern gives becomes a URL inside
// the site, ending in / or .html.
func TestCleanURL(t *testing.T) {
	for in, want := range map[string]string{
		"":                       "/",
		"/":                      "/",
		"x":                      "/x/",
		"/pm/2021/x/":            "/pm/2021/x/",
		"/pm/2021/x":             "/pm/2021/x/",
		"/alt/x.html":            "/alt/x.html",
		"..":                     "/",
		"../..":                  "/",
		"/../../etc/passwd":      "/etc/passwd/",
		"/a/../../b.html":        "/b.html",
		"/a/./b/":                "/a/b/",
		"./a/":                   "/a/",
		"//":                     "/",
		"//evil.example.org/":    "/evil.example.org/",
		"/a//b/":                 "/a/b/",
		"\\":                     "/-/",
		"\\..\\..\\windows\\":    "/-..-..-windows-/",
		"C:\\x":                  "/C--x/",
		":":                      "/-/",
		"/a:b/":                  "/a-b/",
		"http://example.org/":    "/http-/example.org/",
		"/a\x00b/":               "/a-b/",
		"/a\nb/":                 "/a-b/",
		"/ä ö/":                  "/ä ö/",
		"/%2e%2e/":               "/%2e%2e/",
		"/index.html/..":         "/",
		"/.hidden/":              "/.hidden/",
		"/pressemitteilungen/x/": "/pressemitteilungen/x/",
	} {
		if got := CleanURL(in); got != want {
			t.Errorf("CleanURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestOutputPath(t *testing.T) {
	for in, want := range map[string]string{
		"":                "index.html",
		"/":               "index.html",
		"/pm/":            "pm/index.html",
		"/pm/2021/x/":     "pm/2021/x/index.html",
		"/alt/x.html":     "alt/x.html",
		"/404.html":       "404.html",
		"/vorschau/abc/":  "vorschau/abc/index.html",
		"/themen/sgb-ii/": "themen/sgb-ii/index.html",
	} {
		if got := OutputPath(in); got != want {
			t.Errorf("OutputPath(%q) = %q, want %q", in, got, want)
		}
	}
}

// publishing is a site of releases in every state, at now.
func publishing(t *testing.T) (cfg *config.Site, files []*content.Page, now time.Time) {
	cfg = modelConfig(t)
	now = berlin(t, "2026-01-10 12:00")
	tagged := func(p *content.Page, tags ...string) *content.Page {
		p.Tags, p.Organizations = tags, []string{"dlt"}
		return p
	}
	past := tagged(file("pm", "past", berlin(t, "2026-01-01 10:00")), "SGB II")
	older := tagged(file("pm", "older", berlin(t, "2025-12-01 10:00")), "SGB II")
	draft := tagged(file("pm", "draft", berlin(t, "2026-01-02 10:00")), "SGB II", "Entwurf")
	draft.Draft = true
	// A draft that would be released first: NextRelease ignores drafts.
	futureDraft := tagged(file("pm", "futuredraft", berlin(t, "2026-01-10 13:00")), "SGB II")
	futureDraft.Draft = true
	future := tagged(file("pm", "future", berlin(t, "2026-01-20 10:00")), "SGB II", "Zukunft")
	embargo := tagged(file("pm", "embargo", berlin(t, "2026-01-03 10:00")), "SGB II")
	embargo.Embargo = berlin(t, "2026-01-15 10:00")
	embargo.EmbargoPreview = true
	soon := tagged(file("pm", "soon", berlin(t, "2026-01-05 10:00")), "SGB II")
	soon.Embargo = berlin(t, "2026-01-12 09:00")
	lifted := tagged(file("pm", "lifted", berlin(t, "2026-01-04 10:00")), "SGB II")
	lifted.Embargo = berlin(t, "2026-01-06 09:00")
	paper := tagged(file("pp", "paper", berlin(t, "2026-02-01 10:00")), "SGB II")
	impressum := file("", "impressum", time.Time{})
	later := file("", "later", berlin(t, "2027-01-01 10:00")) // a plain page dated ahead is held like a release
	hidden := file("", "hidden", time.Time{})
	hidden.Draft = true
	files = []*content.Page{past, older, draft, futureDraft, future, embargo, soon, lifted, paper, impressum, later, hidden}
	return cfg, files, now
}

// TestPublishing: drafts are held unless Drafts, pages dated or embargoed
// after now unless Future; a held page is in no list of the model.
func TestPublishing(t *testing.T) {
	for _, tc := range []struct {
		name   string
		opts   Options
		pages  string // slugs of Pages, in order
		held   string // slugs of Held, by path
		drafts string // pages marked Draft
		embarg string // pages marked Embargoed
	}{
		{"published only", Options{PreviewSecret: testSecret},
			"lifted past older impressum", "hidden later draft embargo future futuredraft soon paper", "", ""},
		{"drafts", Options{Drafts: true, PreviewSecret: testSecret},
			"lifted draft past older hidden impressum", "later embargo future futuredraft soon paper", "draft hidden", ""},
		{"future", Options{Future: true},
			"paper future soon lifted embargo past older impressum later", "hidden draft futuredraft", "", "paper future soon embargo later"},
		{"everything", Options{Drafts: true, Future: true},
			"paper future futuredraft soon lifted embargo draft past older hidden impressum later", "", "futuredraft draft hidden", "paper future futuredraft soon embargo later"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, files, now := publishing(t)
			tc.opts.Now = now
			s, d := New(cfg, files, tc.opts)
			if d.HasErrors() {
				t.Fatal(d)
			}
			if got := slugs(s.Pages); got != tc.pages {
				t.Errorf("Pages = %s, want %s", got, tc.pages)
			}
			if got := slugs(s.Held); got != tc.held {
				t.Errorf("Held = %s, want %s", got, tc.held)
			}
			var drafts, embargoed []string
			for _, p := range s.Pages {
				if p.Draft {
					drafts = append(drafts, p.Slug)
				}
				if p.Embargoed {
					embargoed = append(embargoed, p.Slug)
				}
			}
			if got := strings.Join(drafts, " "); got != tc.drafts {
				t.Errorf("drafts shown: %s, want %s", got, tc.drafts)
			}
			if got := strings.Join(embargoed, " "); got != tc.embarg {
				t.Errorf("embargoed shown: %s, want %s", got, tc.embarg)
			}
			checkHeldAbsent(t, s)
		})
	}
}

// checkHeldAbsent: no list of the model has a held page, and every page
// in a list is published.
func checkHeldAbsent(t *testing.T, s *Site) {
	t.Helper()
	published := map[*Page]bool{}
	for _, p := range s.Pages {
		published[p] = true
	}
	heldPaths := map[string]bool{}
	for _, p := range s.Held {
		heldPaths[p.Path] = true
		if published[p] {
			t.Errorf("%s is held and published", p.Path)
		}
	}
	check := func(where string, ps []*Page) {
		for _, p := range ps {
			if !published[p] || heldPaths[p.Path] {
				t.Errorf("%s lists %s, which is not published", where, p.Path)
			}
		}
	}
	check("Dated", s.Dated)
	check("Plain", s.Plain)
	for _, sec := range s.Sections {
		check("section "+sec.Name, sec.Pages)
		for _, y := range sec.Years {
			check(y.URL, y.Pages)
		}
	}
	for _, term := range append(append([]*Term(nil), s.Tags...), s.Orgs...) {
		check(term.URL, term.Pages)
		if len(term.Pages) == 0 && term.Org == nil {
			t.Errorf("topic %s has no published page", term.Name)
		}
	}
	for _, p := range s.Pages {
		check(p.Path+" Related", p.Related)
		if p.Prev != nil {
			check(p.Path+" Prev", []*Page{p.Prev})
		}
		if p.Next != nil {
			check(p.Path+" Next", []*Page{p.Next})
		}
	}
}

// TestHeldTopics: a topic only held pages have is not a topic of the site.
func TestHeldTopics(t *testing.T) {
	cfg, files, now := publishing(t)
	s, _ := New(cfg, files, Options{Now: now, PreviewSecret: testSecret})
	var tags []string
	for _, tg := range s.Tags {
		tags = append(tags, tg.Slug+":"+slugs(tg.Pages))
	}
	if got, want := strings.Join(tags, " "), "sgb-ii:lifted past older"; got != want {
		t.Errorf("Tags = %s, want %s", got, want)
	}
	if got := slugs(s.Orgs[0].Pages); got != "lifted past older" {
		t.Errorf("pages of dlt: %s", got)
	}
	if got := slugs(s.Dated); got != "lifted past older" {
		t.Errorf("Dated = %s", got)
	}
	// Neighbours skip the held pages between them.
	byslug := map[string]*Page{}
	for _, p := range s.Pages {
		byslug[p.Slug] = p
	}
	name := func(p *Page) string {
		if p == nil {
			return "none"
		}
		return p.Slug
	}
	for slug, want := range map[string][2]string{
		"lifted": {"none", "past"},
		"past":   {"lifted", "older"},
		"older":  {"past", "none"},
	} {
		p := byslug[slug]
		if got := [2]string{name(p.Next), name(p.Prev)}; got != want {
			t.Errorf("%s: next and prev %v, want %v", slug, got, want)
		}
	}
}

// TestNextRelease: the earliest instant a held page (not a draft) is
// released, whether by date or by embargo.
func TestNextRelease(t *testing.T) {
	cfg, files, now := publishing(t)
	s, _ := New(cfg, files, Options{Now: now, PreviewSecret: testSecret})
	if want := berlin(t, "2026-01-12 09:00"); !s.NextRelease.Equal(want) || s.NextReleasePage == nil || s.NextReleasePage.Slug != "soon" {
		t.Errorf("NextRelease %v (%v), want %v by soon", s.NextRelease, s.NextReleasePage, want)
	}
	// Past the first, the next.
	s, _ = New(cfg, files, Options{Now: berlin(t, "2026-01-12 09:00"), PreviewSecret: testSecret})
	if want := berlin(t, "2026-01-15 10:00"); !s.NextRelease.Equal(want) || s.NextReleasePage.Slug != "embargo" {
		t.Errorf("NextRelease %v (%v), want %v by embargo", s.NextRelease, s.NextReleasePage, want)
	}
	// Nothing held: none.
	s, _ = New(cfg, files, Options{Now: berlin(t, "2030-01-01 00:00")})
	if !s.NextRelease.IsZero() || s.NextReleasePage != nil {
		t.Errorf("NextRelease %v (%v) with nothing to release", s.NextRelease, s.NextReleasePage)
	}
	// Future pages shown: nothing to wait for.
	s, _ = New(cfg, files, Options{Now: now, Future: true})
	if !s.NextRelease.IsZero() {
		t.Errorf("NextRelease %v with future pages shown", s.NextRelease)
	}
}

// TestEmbargoPreview: a held release with embargo_preview gets an
// unguessable URL from the secret, and without a secret an error.
func TestEmbargoPreview(t *testing.T) {
	cfg, files, now := publishing(t)
	s, d := New(cfg, files, Options{Now: now, PreviewSecret: testSecret})
	if d.HasErrors() {
		t.Fatal(d)
	}
	if len(s.Previews) != 1 {
		t.Fatalf("%d previews, want 1", len(s.Previews))
	}
	p := s.Previews[0]
	if p.Path != "content/pm/embargo.md" || !p.Preview || !p.Embargoed || p.Prev != nil || p.Next != nil {
		t.Errorf("preview %s: preview %v, embargoed %v, prev %v, next %v", p.Path, p.Preview, p.Embargoed, p.Prev, p.Next)
	}
	if want := PreviewURL(cfg, testSecret, "content/pm/embargo.md"); p.URL != want || !strings.HasPrefix(p.URL, "/vorschau/") {
		t.Errorf("preview at %s, want %s", p.URL, want)
	}
	if strings.Contains(p.URL, "embargo") || strings.Contains(p.URL, "2026") {
		t.Errorf("the preview's URL %s tells what it is", p.URL)
	}
	if PreviewURL(cfg, "anders", p.Path) == p.URL || PreviewURL(cfg, testSecret, "content/pm/other.md") == p.URL {
		t.Error("the preview URL does not depend on the secret and the file")
	}
	for _, q := range s.Pages {
		if q.URL == p.URL || q.Path == p.Path {
			t.Errorf("the preview is published: %s", q.Path)
		}
	}
	held := false
	for _, h := range s.Held {
		held = held || h.Path == p.Path
		if h.Preview || h.URL == p.URL {
			t.Errorf("held page %s has the preview's URL", h.Path)
		}
	}
	if !held {
		t.Error("the previewed release is not held")
	}

	// Without a secret: an error at the file, and no preview.
	s, d = New(cfg, files, Options{Now: now})
	if len(s.Previews) != 0 {
		t.Errorf("previews without a secret: %s", paths(s.Previews))
	}
	if !d.HasErrors() || d.Errors()[0].Path != "content/pm/embargo.md" || !strings.Contains(d.Errors()[0].Msg, "secret") {
		t.Errorf("without a secret: %v", d)
	}
	// Released, or shown as a future page: no preview, no error.
	for _, opts := range []Options{{Now: now, Future: true}, {Now: berlin(t, "2026-01-16 00:00")}} {
		s, d = New(cfg, files, opts)
		if len(s.Previews) != 0 || d.HasErrors() {
			t.Errorf("%+v: previews %s, %v", opts, paths(s.Previews), d)
		}
	}
}

// TestEmbargoOnPages: a plain page, or a page of a section of kind page,
// with an embargo that has not lifted is held like a release, or the
// embargo is reported; it is not published as if it had none.
func TestEmbargoOnPages(t *testing.T) {
	now := berlin(t, "2026-01-10 12:00")
	for _, section := range []string{"", "seiten"} {
		cfg := modelConfig(t)
		p := file(section, "pressekonferenz", berlin(t, "2026-01-09 10:00"))
		p.Embargo = berlin(t, "2026-01-20 10:00")
		s, d := New(cfg, []*content.Page{p}, Options{Now: now})
		held := len(s.Held) == 1 && len(s.Pages) == 0
		if !held && !d.HasErrors() {
			t.Errorf("%q: a page under embargo is published: %s", section, paths(s.Pages))
		}
		if held && (s.NextRelease.IsZero() || !s.NextRelease.Equal(p.Embargo)) {
			t.Errorf("%q: held, but NextRelease is %v", section, s.NextRelease)
		}
	}
}

// relatedSite: releases on topics A and B by the issuers dlt and jc.
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

// TestRelated: up to five other published releases sharing the most
// topics (twice) and issuers (once), newer ones first on a tie, listed
// newest first.
func TestRelated(t *testing.T) {
	cfg, files, now := relatedSite(t)
	s, d := New(cfg, files, Options{Now: now})
	if d.HasErrors() {
		t.Fatal(d)
	}
	want := map[string]string{
		"x":     "n6 n5 n4 n3 y",  // y shares both topics; then the newest on A
		"y":     "n6 n5 n4 n3 x",  // x has A and B: 4; the newest of n* with A and jc: 3
		"n1":    "n6 n5 n4 n3 n2", // A and jc: 3 each; x and y 2 and 3
		"n6":    "n5 n4 n3 n2 n1", // the newest of those with 3 (y has 3 too, but is older)
		"solo":  "",               // shares nothing
		"j1":    "x j2",           // dlt only
		"j2":    "x j1",           // dlt only
		"paper": "",               // papers have no related releases
	}
	for _, p := range s.Pages {
		w, ok := want[p.Slug]
		if !ok {
			continue
		}
		if got := slugs(p.Related); got != w {
			t.Errorf("related of %s: %s, want %s", p.Slug, got, w)
		}
	}
	for _, p := range s.Pages {
		if len(p.Related) > 5 {
			t.Errorf("%s has %d related releases", p.Slug, len(p.Related))
		}
		for i, q := range p.Related {
			if q == p {
				t.Errorf("%s is related to itself", p.Slug)
			}
			if q.Kind != config.KindRelease {
				t.Errorf("%s: related %s is a %s", p.Slug, q.Slug, q.Kind)
			}
			if i > 0 && q.Date.After(p.Related[i-1].Date) {
				t.Errorf("%s: related not newest first: %s", p.Slug, slugs(p.Related))
			}
		}
	}
	checkHeldAbsent(t, s)
}

// TestYears: year archives count in the site's timezone, newest first.
func TestYears(t *testing.T) {
	cfg := modelConfig(t)
	late := file("pm", "silvester", berlin(t, "2025-12-31 23:30"))                  // 22:30 UTC
	early := file("pm", "neujahr", time.Date(2025, 12, 31, 23, 30, 0, 0, time.UTC)) // 00:30 in Berlin
	mid := file("pm", "sommer", berlin(t, "2025-07-01 10:00"))                      //
	old := file("pm", "alt", berlin(t, "2023-01-01 00:00"))                         // a year left out
	newest := file("pm", "neu", berlin(t, "2026-03-01 10:00"))                      //
	paper := file("pp", "papier", time.Date(2024, 12, 31, 23, 59, 0, 0, time.UTC))  // 2025 in Berlin
	draft := file("pm", "entwurf", time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC))     // held: no 2024
	draft.Draft = true
	s, d := New(cfg, []*content.Page{late, early, mid, old, newest, paper, draft}, Options{Now: berlin(t, "2026-06-01 00:00")})
	if d.HasErrors() {
		t.Fatal(d)
	}
	years := func(sec *Section) string {
		var out []string
		for _, y := range sec.Years {
			out = append(out, y.URL+"="+slugs(y.Pages))
		}
		return strings.Join(out, " ")
	}
	for _, sec := range s.Sections {
		var want string
		switch sec.Name {
		case "pm":
			want = "/pm/2026/=neu neujahr /pm/2025/=silvester sommer /pm/2023/=alt"
		case "pp":
			want = "/pp/2025/=papier"
		}
		if got := years(sec); got != want {
			t.Errorf("years of %s: %s, want %s", sec.Name, got, want)
		}
	}
	for _, p := range s.Pages {
		if p.Slug == "silvester" && p.URL != "/pm/2025/silvester/" || p.Slug == "neujahr" && p.URL != "/pm/2026/neujahr/" {
			t.Errorf("%s at %s", p.Slug, p.URL)
		}
	}
}

// testSecret is a preview secret strong enough for site.New.
const testSecret = "Zq8mVh3TfW1pL0yBn6cRxA2eKs9uGdJ4"
