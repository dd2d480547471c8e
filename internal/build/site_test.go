package build

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"pressroom/internal/diag"
	"pressroom/internal/publish"
)

var repoRoot = filepath.Join("..", "..")

// testSite is a small site written inline.
type testSite map[string]string

func (s testSite) fs() fstest.MapFS {
	m := fstest.MapFS{}
	for name, text := range s {
		m[name] = &fstest.MapFile{Data: []byte(strings.TrimLeft(text, "\n"))}
	}
	return m
}

// built is the output of a build, with assertions.
type built struct {
	t   *testing.T
	mem *publish.Memory
	res *Result
}

func buildSite(t *testing.T, s testSite, opts Options) *built {
	t.Helper()
	b, err := tryBuild(s, opts)
	if err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	b.t = t
	return b
}

func tryBuild(s testSite, opts Options) (*built, error) { return tryRun(s, opts, false) }

// tryRun builds the site, or checks it as pressroom check does (then
// nothing is written).
func tryRun(s testSite, opts Options, check bool) (*built, error) {
	opts.Site = s.fs()
	opts.Theme = os.DirFS(repoRoot)
	if opts.Now.IsZero() {
		opts.Now = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	}
	mem := publish.NewMemory()
	if check {
		res, err := Check(context.Background(), opts)
		return &built{mem: mem, res: res}, err
	}
	res, err := Build(context.Background(), opts, mem)
	return &built{mem: mem, res: res}, err
}

func (b *built) file(name string) string {
	b.t.Helper()
	data, ok := b.mem.Get(name)
	if !ok {
		b.t.Fatalf("no file %s; have:\n%s", name, strings.Join(b.mem.Names(), "\n"))
	}
	return string(data)
}

func (b *built) has(name string) bool {
	_, ok := b.mem.Get(name)
	return ok
}

func (b *built) contains(name string, wants ...string) {
	b.t.Helper()
	got := b.file(name)
	for _, w := range wants {
		if !strings.Contains(got, w) {
			b.t.Errorf("%s lacks %q", name, w)
		}
	}
}

func (b *built) lacks(name string, unwanted ...string) {
	b.t.Helper()
	got := b.file(name)
	for _, w := range unwanted {
		if strings.Contains(got, w) {
			b.t.Errorf("%s contains %q", name, w)
		}
	}
}

// nowhere asserts that no output file mentions s.
func (b *built) nowhere(s string) {
	b.t.Helper()
	for _, name := range b.mem.Names() {
		if strings.Contains(b.text(name), s) {
			b.t.Errorf("%s mentions %q", name, s)
		}
	}
}

// text is the content of an output file; that of the search index's
// gzip-compressed files uncompressed.
func (b *built) text(name string) string {
	b.t.Helper()
	data, _ := b.mem.Get(name)
	if strings.HasSuffix(name, ".gz") {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err == nil {
			data, err = io.ReadAll(zr)
		}
		if err != nil {
			b.t.Fatalf("%s: %v", name, err)
		}
	}
	return string(data)
}

const siteTOML = `
title = "Testpresse"
baseURL = "https://presse.example.org/"
language = "de"

[[organizations]]
id = "netz"
name = "Netzwerk Test e. V."
aboutTitle = "Über das Netzwerk Test"
about = "Das **Netzwerk Test** vertritt 70 Jobcenter."
contacts = ["anna"]

[[organizations]]
id = "buendnis"
name = "Bündnis Test"
about = "Ein lokales Bündnis."
contacts = ["ben"]

[[contacts]]
id = "anna"
name = "Anna Beispiel"
role = "Pressesprecherin"
phone = "+49 30 123-45"
email = "anna@example.org"

[[contacts]]
id = "ben"
name = "Ben Muster"
email = "ben@example.org"

[sections.pressemitteilungen]
title = "Pressemitteilungen"
kind = "release"

[sections.positionspapiere]
title = "Positionspapiere"
kind = "paper"

[pagination]
perPage = 2
`

func release(title, date string, extra ...string) string {
	return "---\ntitle: \"" + title + "\"\ndate: " + date + "\n" + strings.Join(extra, "\n") + "\n---\n\nErster Absatz von " + title + ".\n\nZweiter Absatz.\n"
}

func TestEmbargoAndDrafts(t *testing.T) {
	s := testSite{
		"site.toml": siteTOML,
		"content/pressemitteilungen/2026-01-10-oeffentlich.md": release("Öffentlich", "2026-01-10"),
		"content/pressemitteilungen/2026-11-20-entwurf.md":     release("Geheimer Entwurf", "2026-11-20", "draft: true", "tags: [Geheimthema]"),
		"content/pressemitteilungen/2026-11-23-sperrfrist.md":  release("Sperrfristmeldung", "2026-11-23 08:00", "embargo: 2026-11-24 10:00", "tags: [Sperrthema]"),
		"content/pressemitteilungen/2026-12-01-zukunft.md":     release("Zukunftsmeldung", "2026-12-01"),
	}
	b := buildSite(t, s, Options{Now: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)})
	b.contains("pressemitteilungen/2026/oeffentlich/index.html", "Öffentlich")
	for _, hidden := range []string{"Geheimer Entwurf", "Sperrfristmeldung", "Zukunftsmeldung", "Geheimthema", "Sperrthema", "/entwurf/", "/sperrfrist/", "/zukunft/"} {
		b.nowhere(hidden)
	}
	if b.has("pressemitteilungen/2026/sperrfrist/index.html") || b.has("themen/sperrthema/index.html") {
		t.Error("embargoed release was published")
	}
	want := time.Date(2026, 11, 24, 10, 0, 0, 0, mustLoc("Europe/Berlin"))
	if got := b.res.Site.NextRelease; !got.Equal(want) {
		t.Errorf("NextRelease = %v, want %v", got, want)
	}

	// An hour after the embargo lifted, the release is out, the draft still not.
	b = buildSite(t, s, Options{Now: time.Date(2026, 11, 24, 10, 0, 0, 0, mustLoc("Europe/Berlin"))})
	b.contains("pressemitteilungen/2026/sperrfrist/index.html", "Sperrfristmeldung")
	b.contains("feed.xml", "Sperrfristmeldung")
	b.contains("themen/sperrthema/index.html", "Sperrfristmeldung")
	b.nowhere("Geheimer Entwurf")

	// --drafts and --future show everything, marked.
	b = buildSite(t, s, Options{Drafts: true, Future: true})
	b.contains("pressemitteilungen/2026/entwurf/index.html", "Geheimer Entwurf", `class="banner banner-draft"`, `name="robots" content="noindex"`)
	b.contains("pressemitteilungen/2026/sperrfrist/index.html", "banner-embargo", "Sperrfrist bis 24. November 2026, 10:00 Uhr")
	b.lacks("sitemap.xml", "/entwurf/", "/sperrfrist/")
}

func mustLoc(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func TestReleasePage(t *testing.T) {
	s := testSite{
		"site.toml": siteTOML,
		"content/pressemitteilungen/2021-10-05-gemeinsam/index.md": release("Gemeinsam stark", "2021-10-05 10:30",
			"place: Köln", "organizations: [netz, buendnis]", "tags: [SGB II, Übergang Schule–Beruf]",
			"attachments:\n  - file: mappe.pdf\n    title: Pressemappe", "image: foto.jpg", "image_alt: Zwei Menschen am Tisch", "image_credit: \"Foto: Beispiel\""),
		"content/pressemitteilungen/2021-10-05-gemeinsam/mappe.pdf": strings.Repeat("x", 2500),
		"content/pressemitteilungen/2021-10-05-gemeinsam/foto.jpg":  string(tinyJPEG),
		"content/pressemitteilungen/2021-09-01-frueher.md":          release("Früher", "2021-09-01"),
		"content/pressemitteilungen/2022-01-01-spaeter.md":          release("Später", "2022-01-01", "contacts: [ben]"),
	}
	b := buildSite(t, s, Options{})
	page := "pressemitteilungen/2021/gemeinsam/index.html"
	b.contains(page,
		"<h1>Gemeinsam stark</h1>",
		`<span class="dateline">Köln, 5. Oktober 2021 – </span>Erster Absatz`,
		"Gemeinsame Pressemitteilung", "Netzwerk Test e. V.", "Bündnis Test",
		`href="/themen/sgb-ii/"`, `href="/themen/uebergang-schule-beruf/"`,
		`<a href="mappe.pdf" download type="application/pdf">Pressemappe</a> <span class="filemeta">(PDF, 2,5 KB)</span>`,
		`<img src="gemeinsam-foto-1.jpg" srcset="gemeinsam-foto-1.jpg 1w"`, `alt="Zwei Menschen am Tisch">`, `<span class="credit">Foto: Beispiel</span>`,
		"Pressekontakte", "Anna Beispiel", "Pressesprecherin", `href="tel:&#43;493012345"`, "mailto:anna@example.org", "Ben Muster",
		"<h2>Über das Netzwerk Test</h2>", "<strong>Netzwerk Test</strong> vertritt", "<h2>Über Bündnis Test</h2>",
		`href="/pressemitteilungen/2021/frueher/" rel="prev"`, `href="/pressemitteilungen/2022/spaeter/" rel="next"`,
		`<link rel="alternate" type="application/rss+xml"`,
	)
	if got := b.file("pressemitteilungen/2021/gemeinsam/mappe.pdf"); len(got) != 2500 {
		t.Errorf("attachment has %d bytes", len(got))
	}
	if !b.has("pressemitteilungen/2021/gemeinsam/gemeinsam-foto.jpg") || b.has("pressemitteilungen/2021/gemeinsam/foto.jpg") {
		t.Error("the photo is not published as the cleaned original named after the release")
	}
	// Contacts default to the organisation's; explicit ones replace them.
	b.contains("pressemitteilungen/2021/frueher/index.html", "Anna Beispiel", "<h2 id=\"pressekontakt\">Pressekontakt</h2>")
	b.lacks("pressemitteilungen/2022/spaeter/index.html", "Anna Beispiel")
	b.contains("pressemitteilungen/2022/spaeter/index.html", "Ben Muster")
	// The organisation pages list their releases and boilerplate.
	b.contains("organisationen/buendnis/index.html", "Gemeinsam stark", "Ein lokales Bündnis.")
	b.lacks("organisationen/buendnis/index.html", "Früher")
	b.contains("organisationen/netz/feed.xml", "Gemeinsam stark", "Früher")
}

func TestSlugs(t *testing.T) {
	s := testSite{
		"site.toml": siteTOML,
		"content/pressemitteilungen/2023-02-03-Größere Straßen für Übergänge.md": release("Straßen", "2023-02-03", "tags: [Größe & Maß]"),
		"content/pressemitteilungen/2023-02-04-x.md":                             release("Mit Slug", "2023-02-04", "slug: Äußerst wichtig"),
		"content/positionspapiere/leitbild-2030.md":                              release("Leitbild", "2023-06-20"),
		"content/ueber-uns.md":                                                   "---\ntitle: Über uns\n---\nWir.\n",
	}
	b := buildSite(t, s, Options{})
	for _, f := range []string{
		"pressemitteilungen/2023/groessere-strassen-fuer-uebergaenge/index.html",
		"pressemitteilungen/2023/aeusserst-wichtig/index.html",
		"themen/groesse-mass/index.html",
		"positionspapiere/leitbild-2030/index.html",
		"ueber-uns/index.html",
	} {
		if !b.has(f) {
			t.Errorf("missing %s", f)
		}
	}
	b.contains("index.html", `<a href="/ueber-uns/">Über uns</a>`)
	b.contains("themen/index.html", "Größe &amp; Maß")
}

func TestSubdirectoryBaseURL(t *testing.T) {
	s := testSite{
		"site.toml": strings.Replace(siteTOML, `baseURL = "https://presse.example.org/"`, `baseURL = "https://www.example.org/presse"`, 1),
		"content/pressemitteilungen/2021-10-05-a.md": release("A", "2021-10-05") + "\n[Impressum](/impressum/) und [B](2021-10-06-b.md).\n",
		"content/pressemitteilungen/2021-10-06-b.md": release("B", "2021-10-06"),
		"content/impressum.md":                       "---\ntitle: Impressum\n---\nText\n",
	}
	b := buildSite(t, s, Options{})
	b.contains("pressemitteilungen/2021/a/index.html",
		`<link rel="canonical" href="https://www.example.org/presse/pressemitteilungen/2021/a/">`,
		`href="/presse/css/style.`, `href="/presse/feed.xml"`, `<a class="site-title" href="/presse/"`,
		`<a href="/presse/impressum/">Impressum</a>`, `<a href="/presse/pressemitteilungen/2021/b/">B</a>`)
	b.contains("feed.xml", "<link>https://www.example.org/presse/pressemitteilungen/2021/a/</link>",
		`href="https://www.example.org/presse/impressum/"`, `<atom:link href="https://www.example.org/presse/feed.xml"`)
	b.contains("sitemap.xml", "<loc>https://www.example.org/presse/pressemitteilungen/2021/a/</loc>")
	b.contains("robots.txt", "Sitemap: https://www.example.org/presse/sitemap.xml")
	b.contains("404.html", `href="/presse/"`)

	// --base-url overrides site.toml.
	b = buildSite(t, s, Options{BaseURL: "http://127.0.0.1:8080/"})
	b.contains("pressemitteilungen/2021/a/index.html", `<a href="/impressum/">Impressum</a>`, `href="http://127.0.0.1:8080/pressemitteilungen/2021/a/"`)
}

func TestPaginationAndYears(t *testing.T) {
	s := testSite{"site.toml": siteTOML}
	for i, d := range []string{"2020-03-01", "2020-05-01", "2021-01-15", "2021-06-30", "2022-12-24"} {
		s["content/pressemitteilungen/"+d+"-m.md"] = release("Meldung "+string(rune('A'+i)), d, "slug: meldung-"+string(rune('a'+i)))
	}
	b := buildSite(t, s, Options{})
	b.contains("pressemitteilungen/index.html", "Meldung E", "Meldung D", `href="/pressemitteilungen/seite/2/" rel="next"`, "Seite 1 von 3")
	b.lacks("pressemitteilungen/index.html", "Meldung C")
	b.contains("pressemitteilungen/seite/2/index.html", "Meldung C", "Meldung B", `href="/pressemitteilungen/" rel="prev"`, `href="/pressemitteilungen/seite/3/" rel="next"`)
	b.contains("pressemitteilungen/seite/3/index.html", "Meldung A")
	if b.has("pressemitteilungen/seite/4/index.html") {
		t.Error("empty fourth page")
	}
	b.contains("pressemitteilungen/2021/index.html", "Meldung C", "Meldung D", `href="/pressemitteilungen/2020/"`, `href="/pressemitteilungen/2022/"`)
	b.lacks("pressemitteilungen/2021/index.html", "Meldung A", "Meldung E")
	b.contains("pressemitteilungen/2020/index.html", "Meldung A", "Meldung B")
}

func TestAliases(t *testing.T) {
	s := testSite{
		"site.toml": siteTOML,
		"content/pressemitteilungen/2022-07-14-mittel.md": release("Mittel", "2022-07-14", `aliases: ["/aktuelles/pm-2022-07.html", "/alt/mittel/"]`),
	}
	b := buildSite(t, s, Options{})
	for _, f := range []string{"aktuelles/pm-2022-07.html", "alt/mittel/index.html"} {
		b.contains(f, `<meta http-equiv="refresh" content="0; url=/pressemitteilungen/2022/mittel/">`,
			`<link rel="canonical" href="https://presse.example.org/pressemitteilungen/2022/mittel/">`,
			`<a href="/pressemitteilungen/2022/mittel/">Mittel</a>`)
	}
	b.lacks("sitemap.xml", "aktuelles")
}

type rssDoc struct {
	Channel struct {
		Title string `xml:"title"`
		Self  struct {
			Href string `xml:"href,attr"`
			Rel  string `xml:"rel,attr"`
		} `xml:"http://www.w3.org/2005/Atom link"`
		Link  string `xml:"link"`
		Items []struct {
			Title       string `xml:"title"`
			Link        string `xml:"link"`
			GUID        string `xml:"guid"`
			PubDate     string `xml:"pubDate"`
			Description string `xml:"description"`
			Content     string `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
			Enclosure   *struct {
				URL    string `xml:"url,attr"`
				Length string `xml:"length,attr"`
				Type   string `xml:"type,attr"`
			} `xml:"enclosure"`
		} `xml:"item"`
	} `xml:"channel"`
}

type atomDoc struct {
	ID      string `xml:"id"`
	Updated string `xml:"updated"`
	Author  struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Links []struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr"`
	} `xml:"link"`
	Entries []struct {
		Title     string `xml:"title"`
		ID        string `xml:"id"`
		Updated   string `xml:"updated"`
		Published string `xml:"published"`
		Content   string `xml:"content"`
	} `xml:"entry"`
}

type jsonDoc struct {
	Version     string `json:"version"`
	HomePageURL string `json:"home_page_url"`
	FeedURL     string `json:"feed_url"`
	Items       []struct {
		ID            string `json:"id"`
		URL           string `json:"url"`
		Title         string `json:"title"`
		ContentHTML   string `json:"content_html"`
		DatePublished string `json:"date_published"`
		DateModified  string `json:"date_modified"`
		Attachments   []struct {
			URL  string `json:"url"`
			Size int64  `json:"size_in_bytes"`
		} `json:"attachments"`
	} `json:"items"`
}

func TestFeeds(t *testing.T) {
	s := testSite{
		"site.toml": siteTOML + "\n[feeds]\nitems = 2\n",
		"content/pressemitteilungen/2021-10-05-a/index.md": release("Älteste „Meldung“ & Co", "2021-10-05 10:00", "tags: [SGB II]",
			"attachments: [{file: m.pdf, title: Mappe}]") + "\n![Bild](bild.png) [intern](/pressemitteilungen/) [extern](https://example.com/x?a=1&b=2)\n",
		"content/pressemitteilungen/2021-10-05-a/m.pdf":    "%PDF-1.4",
		"content/pressemitteilungen/2021-10-05-a/bild.png": string(tinyPNG),
		"content/pressemitteilungen/2021-11-01-b.md":       release("Mittlere", "2021-11-01 09:00", "updated: 2022-01-02 08:00", "tags: [SGB II]"),
		"content/pressemitteilungen/2021-12-01-c.md":       release("Neueste", "2021-12-01 09:00"),
		"content/positionspapiere/p.md":                    release("Papier", "2021-06-01"),
	}
	b := buildSite(t, s, Options{})
	var rss rssDoc
	if err := xml.Unmarshal([]byte(b.file("themen/sgb-ii/feed.xml")), &rss); err != nil {
		t.Fatal(err)
	}
	c := rss.Channel
	if c.Self.Href != "https://presse.example.org/themen/sgb-ii/feed.xml" || c.Self.Rel != "self" || c.Link != "https://presse.example.org/themen/sgb-ii/" {
		t.Errorf("channel = %+v", c)
	}
	if len(c.Items) != 2 || c.Items[0].Title != "Mittlere" || c.Items[1].Title != "Älteste „Meldung“ & Co" {
		t.Fatalf("items = %+v", c.Items)
	}
	old := c.Items[1]
	if old.GUID != "https://presse.example.org/pressemitteilungen/2021/a/" || old.PubDate != "Tue, 05 Oct 2021 10:00:00 +0200" {
		t.Errorf("old item = %+v", old)
	}
	if old.Enclosure == nil || old.Enclosure.URL != "https://presse.example.org/pressemitteilungen/2021/a/m.pdf" || old.Enclosure.Length != "8" {
		t.Errorf("enclosure = %+v", old.Enclosure)
	}
	for _, want := range []string{`src="https://presse.example.org/pressemitteilungen/2021/a/bild.png"`,
		`href="https://presse.example.org/pressemitteilungen/"`, `href="https://example.com/x?a=1&amp;b=2"`} {
		if !strings.Contains(old.Content, want) {
			t.Errorf("content lacks %s:\n%s", want, old.Content)
		}
	}
	// Only a description, which readers take as HTML, escapes text twice.
	if strings.Contains(regexp.MustCompile(`(?s)<description>.*?</description>`).ReplaceAllString(b.file("themen/sgb-ii/feed.xml"), ""), "&amp;amp;") {
		t.Error("double-escaped entity")
	}
	// The site feed holds the newest two of releases and papers.
	var atom atomDoc
	if err := xml.Unmarshal([]byte(b.file("atom.xml")), &atom); err != nil {
		t.Fatal(err)
	}
	// The corrected entry moves up by its correction date.
	if len(atom.Entries) != 2 || atom.Entries[0].Title != "Mittlere" || atom.Entries[1].Title != "Neueste" || atom.Author.Name == "" || atom.ID != "https://presse.example.org/" {
		t.Errorf("atom = %+v", atom)
	}
	rels := map[string]string{}
	for _, l := range atom.Links {
		rels[l.Rel] = l.Href
	}
	if rels["self"] != "https://presse.example.org/atom.xml" || rels["alternate"] != "https://presse.example.org/" {
		t.Errorf("atom links = %v", rels)
	}
	// updated is honoured: the feed's updated time is the correction's.
	if err := xml.Unmarshal([]byte(b.file("pressemitteilungen/atom.xml")), &atom); err != nil {
		t.Fatal(err)
	}
	if atom.Updated != "2022-01-02T08:00:00+01:00" || atom.Entries[0].Updated != "2022-01-02T08:00:00+01:00" || atom.Entries[0].Published != "2021-11-01T09:00:00+01:00" ||
		atom.Entries[0].ID != "https://presse.example.org/pressemitteilungen/2021/b/" {
		t.Errorf("atom updated = %s, entry %+v", atom.Updated, atom.Entries[0])
	}
	var jf jsonDoc
	if err := json.Unmarshal([]byte(b.file("pressemitteilungen/feed.json")), &jf); err != nil {
		t.Fatal(err)
	}
	if jf.Version != "https://jsonfeed.org/version/1.1" || jf.FeedURL != "https://presse.example.org/pressemitteilungen/feed.json" ||
		jf.HomePageURL != "https://presse.example.org/pressemitteilungen/" || len(jf.Items) != 2 {
		t.Errorf("json feed = %+v", jf)
	}
	if jf.Items[0].DateModified != "2022-01-02T08:00:00+01:00" || jf.Items[0].DatePublished != "2021-11-01T09:00:00+01:00" ||
		jf.Items[0].ID != "https://presse.example.org/pressemitteilungen/2021/b/" {
		t.Errorf("json item = %+v", jf.Items[0])
	}
	b.contains("positionspapiere/feed.json", `"title": "Papier"`)
	// Every HTML page links its feeds.
	b.contains("themen/sgb-ii/index.html", `href="/themen/sgb-ii/feed.xml"`, `href="/themen/sgb-ii/atom.xml"`, `href="/themen/sgb-ii/feed.json"`, `href="/feed.xml"`)
}

func TestErrorsAreReportedWithFileAndLine(t *testing.T) {
	s := testSite{
		"site.toml":                       siteTOML,
		"content/pressemitteilungen/a.md": "---\ntitle: A\ndatum: 2021-01-01\norganizations: [nope]\n---\nText\n",
		"content/pressemitteilungen/b.md": "---\ntitle: B\ndate: 32.13.2021\n---\nText\n",
	}
	_, err := tryBuild(s, Options{})
	var de *diag.Error
	if !errors.As(err, &de) {
		t.Fatalf("err = %v", err)
	}
	got := err.Error()
	for _, want := range []string{
		`content/pressemitteilungen/a.md:1: missing date`,
		`content/pressemitteilungen/a.md:3: unknown key "datum" (did you mean "date"?)`,
		`content/pressemitteilungen/a.md:4: unknown organization "nope"`,
		`content/pressemitteilungen/b.md:3: date: cannot read "32.13.2021" as a date`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("errors lack %q:\n%s", want, got)
		}
	}
}

func TestEnglishSiteAndStringOverrides(t *testing.T) {
	s := testSite{
		"site.toml": strings.Replace(siteTOML, `language = "de"`, `language = "en"`, 1) + "\n[strings]\npressContact = \"Media contact\"\n",
		"content/pressemitteilungen/2021-10-05-a.md": release("A", "2021-10-05", "place: Cologne", "tags: [Labour Market]") + "\nShe said \"yes\".\n",
		"content/pressemitteilungen/2021-10-06-b.md": release("B", "2021-10-06"),
		"content/pressemitteilungen/2021-10-07-c.md": release("C", "2021-10-07"),
	}
	b := buildSite(t, s, Options{})
	b.contains("pressemitteilungen/2021/a/index.html", `<html lang="en">`, "Cologne, 5 October 2021 – ", "Media contact", "Press release",
		"She said “yes”.", `href="/topics/labour-market/"`, `href="/organizations/netz/"`, "Über das Netzwerk Test")
	b.contains("pressemitteilungen/index.html", `href="/pressemitteilungen/page/2/"`, "Page 1 of 2")
	b.contains("topics/index.html", "Topics")
}

func TestLayoutOverridesAndTemplateErrors(t *testing.T) {
	s := testSite{
		"site.toml":                    siteTOML,
		"content/impressum.md":         "---\ntitle: Impressum\n---\nText.\n",
		"content/sonder.md":            "---\ntitle: Sonderseite\nlayout: sonder\n---\nSondertext.\n",
		"layouts/partials/footer.html": "<footer>Eigener Fuß {{.Config.Title}}</footer>\n",
		"layouts/sonder.html":          "<!DOCTYPE html><title>{{.Title}}</title><p>Eigene Vorlage: {{.Content}}</p>\n",
	}
	b := buildSite(t, s, Options{})
	b.contains("impressum/index.html", "<footer>Eigener Fuß Testpresse</footer>", "<h1>Impressum</h1>")
	b.lacks("impressum/index.html", "Abonnieren:")
	b.contains("sonder/index.html", "Eigene Vorlage: <p>Sondertext.</p>")

	// A template that fails to parse names its file and line.
	s["layouts/partials/footer.html"] = "<footer>\n{{.Config.Title}\n</footer>\n"
	_, err := tryBuild(s, Options{})
	if err == nil || !strings.Contains(err.Error(), "layouts/partials/footer.html:2:") {
		t.Errorf("parse error = %v", err)
	}
	// A template that fails to execute, too.
	s["layouts/partials/footer.html"] = "<footer>\n\n{{.Config.Nope}}\n</footer>\n"
	_, err = tryBuild(s, Options{})
	if err == nil || !strings.Contains(err.Error(), "layouts/partials/footer.html:3:") || !strings.Contains(err.Error(), "Nope") {
		t.Errorf("exec error = %v", err)
	}
	// A layout that does not exist.
	s["layouts/partials/footer.html"] = "<footer></footer>"
	s["content/sonder.md"] = "---\ntitle: Sonderseite\nlayout: fehlt\n---\nText.\n"
	_, err = tryBuild(s, Options{})
	if err == nil || !strings.Contains(err.Error(), `content/sonder.md:3: layout "fehlt": no template layouts/fehlt.html`) {
		t.Errorf("missing layout = %v", err)
	}
}

func TestUndeclaredSectionURLAndSummaryFeeds(t *testing.T) {
	s := testSite{
		"site.toml": siteTOML + "\n[feeds]\nfull = false\n",
		"content/meldungen-aus-den-laendern/2024-05-06-x.md": release("Länder", "2024-05-06"),
		"content/pressemitteilungen/2022-07-14-alt.md":       release("Alte Adresse", "2022-07-14", `url: /aktuelles/pm-2022-07.html`),
	}
	b := buildSite(t, s, Options{})
	b.contains("meldungen-aus-den-laendern/2024/x/index.html", "Länder")
	b.contains("meldungen-aus-den-laendern/index.html", "<h1>Meldungen Aus Den Laendern</h1>")
	b.contains("index.html", `href="/meldungen-aus-den-laendern/"`)
	b.contains("aktuelles/pm-2022-07.html", "<h1>Alte Adresse</h1>", `<link rel="canonical" href="https://presse.example.org/aktuelles/pm-2022-07.html">`)
	b.contains("feed.xml", "<link>https://presse.example.org/aktuelles/pm-2022-07.html</link>", "<description>Erster Absatz von Länder.</description>")
	b.lacks("feed.xml", "content:encoded")
}

func TestRelatedReleases(t *testing.T) {
	s := testSite{
		"site.toml": siteTOML,
		"content/pressemitteilungen/2021-01-01-a.md": release("A", "2021-01-01", "tags: [SGB II, Jobcenter]"),
		"content/pressemitteilungen/2021-02-01-b.md": release("B", "2021-02-01", "tags: [SGB II, Jobcenter]"),
		"content/pressemitteilungen/2021-03-01-c.md": release("C", "2021-03-01", "tags: [Jobcenter]"),
		"content/pressemitteilungen/2021-04-01-d.md": release("D", "2021-04-01", "tags: [Kultur]", "organizations: [buendnis]"),
		"content/pressemitteilungen/2021-05-01-e.md": release("E", "2021-05-01", "tags: [SGB II, Jobcenter]", "draft: true"),
		"content/pressemitteilungen/2030-01-01-f.md": release("F", "2030-01-01", "tags: [SGB II, Jobcenter]"),
		"content/positionspapiere/p.md":              release("Papier", "2021-06-01", "tags: [SGB II, Jobcenter]"),
	}
	for i := 0; i < 6; i++ {
		s[fmt.Sprintf("content/pressemitteilungen/2020-0%d-01-x%d.md", i+1, i)] = release(fmt.Sprintf("X%d", i), fmt.Sprintf("2020-0%d-01", i+1), "tags: [SGB II]")
	}
	b := buildSite(t, s, Options{})
	page := b.file("pressemitteilungen/2021/a/index.html")
	related := page[strings.Index(page, `<section class="related"`):]
	related = related[:strings.Index(related, "</section>")]
	// B shares both topics and the issuer; C one topic; X5, X4, X3 one
	// topic, newest first; never A itself, the draft E, the future F, the
	// paper or D of another issuer and topic.
	for _, want := range []string{"Weitere Pressemitteilungen", ">B<", ">C<", ">X5<", ">X4<", ">X3<"} {
		if !strings.Contains(related, want) {
			t.Errorf("related lacks %s:\n%s", want, related)
		}
	}
	for _, unwanted := range []string{">A<", ">E<", ">F<", ">D<", "Papier", ">X2<"} {
		if strings.Contains(related, unwanted) {
			t.Errorf("related has %s:\n%s", unwanted, related)
		}
	}
	if !(strings.Index(related, ">C<") < strings.Index(related, ">B<") && strings.Index(related, ">B<") < strings.Index(related, ">X5<")) {
		t.Errorf("related not newest first:\n%s", related)
	}
}

func TestCorrectionsInFeeds(t *testing.T) {
	s := testSite{
		"site.toml": siteTOML,
		"content/pressemitteilungen/2022-11-28-zahlen.md": release("Zahlen", "2022-11-28 10:00", "updated: 2023-01-10 09:30",
			`correction: "In einer früheren Fassung stand 870.000 statt 780.000."`),
		"content/pressemitteilungen/2022-12-15-neuer.md": release("Neuer", "2022-12-15 10:00"),
	}
	b := buildSite(t, s, Options{})
	b.contains("pressemitteilungen/2022/zahlen/index.html", "Aktualisiert am", "10. Januar 2023", "Korrektur:", "870.000 statt 780.000")
	var rss rssDoc
	xml.Unmarshal([]byte(b.file("feed.xml")), &rss)
	items := rss.Channel.Items
	if len(items) != 2 || items[0].Title != "Zahlen" || items[0].GUID != "https://presse.example.org/pressemitteilungen/2022/zahlen/" ||
		items[0].PubDate != "Mon, 28 Nov 2022 10:00:00 +0100" || !strings.Contains(items[0].Content, "870.000 statt 780.000") {
		t.Errorf("rss items = %+v", items)
	}
	var atom atomDoc
	xml.Unmarshal([]byte(b.file("atom.xml")), &atom)
	if atom.Entries[0].Title != "Zahlen" || atom.Entries[0].Updated != "2023-01-10T09:30:00+01:00" || atom.Entries[0].Published != "2022-11-28T10:00:00+01:00" {
		t.Errorf("atom entries = %+v", atom.Entries)
	}
	var jf jsonDoc
	json.Unmarshal([]byte(b.file("feed.json")), &jf)
	if jf.Items[0].Title != "Zahlen" || jf.Items[0].DateModified != "2023-01-10T09:30:00+01:00" || jf.Items[0].DatePublished != "2022-11-28T10:00:00+01:00" {
		t.Errorf("json items = %+v", jf.Items)
	}
}

func TestEmbargoPreview(t *testing.T) {
	s := testSite{
		"site.toml": siteTOML,
		"content/pressemitteilungen/2026-11-20-alt.md":        release("Alt", "2026-11-20"),
		"content/pressemitteilungen/2026-11-24-sperrfrist.md": release("Vorab für Redaktionen", "2026-11-24 08:00", "embargo: 2026-11-24 10:00", "embargo_preview: true", "tags: [Vorabthema]"),
	}
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	_, err := tryBuild(s, Options{Now: now})
	if err == nil || !strings.Contains(err.Error(), "content/pressemitteilungen/2026-11-24-sperrfrist.md:5: embargo_preview needs a secret") {
		t.Fatalf("without a secret: %v", err)
	}
	b := buildSite(t, s, Options{Now: now, PreviewSecret: "geheim-geheim-Vorschau-2026"})
	var preview string
	for _, n := range b.mem.Names() {
		if strings.HasPrefix(n, "vorschau/") {
			preview = n
		}
	}
	if len(preview) < len("vorschau/")+32 {
		t.Fatalf("no preview page: %v", b.mem.Names())
	}
	b.contains(preview, "Vorab für Redaktionen", `<meta name="robots" content="noindex">`, "Sperrfrist bis 24. November 2026, 10:00 Uhr")
	for _, n := range b.mem.Names() {
		if n == preview {
			continue
		}
		data, _ := b.mem.Get(n)
		for _, secret := range []string{"Vorab für Redaktionen", strings.TrimSuffix(strings.TrimPrefix(preview, "vorschau/"), "/index.html"), "Vorabthema"} {
			if strings.Contains(string(data), secret) {
				t.Errorf("%s mentions %q", n, secret)
			}
		}
	}
	// The token is stable across builds and depends on the secret.
	again := buildSite(t, s, Options{Now: now, PreviewSecret: "geheim-geheim-Vorschau-2026"})
	if !again.has(preview) {
		t.Error("preview URL changed between builds")
	}
	other := buildSite(t, s, Options{Now: now, PreviewSecret: "anderes-Geheimnis-fuer-2026"})
	if other.has(preview) {
		t.Error("preview URL does not depend on the secret")
	}
	// Once the embargo lifted there is the release, and no preview.
	after := buildSite(t, s, Options{Now: now.Add(48 * time.Hour), PreviewSecret: "geheim-geheim-Vorschau-2026"})
	if after.has(preview) {
		t.Error("preview still built after the embargo")
	}
	after.contains("pressemitteilungen/2026/sperrfrist/index.html", "Vorab für Redaktionen")
}

func TestInternalLinksAreChecked(t *testing.T) {
	s := testSite{
		"site.toml": siteTOML,
		"content/pressemitteilungen/2021-01-01-a/index.md": release("A", "2021-01-01") +
			"\n[Liste](/pressemitteilungen/) [Jahr](/pressemitteilungen/2021/) [B](/pressemitteilungen/2021/b/#teil) [Feed](/themen/sgb-ii/feed.xml)\n" +
			"[Anhang](plan.pdf) [B relativ](../b/) [Impressum](/impressum)\n\n[Fehlt](/pressemitteilungen/2021/fehlt/)\n\n[Entwurf](/pressemitteilungen/2021/entwurf/)\n",
		"content/pressemitteilungen/2021-01-01-a/plan.pdf": "pdf",
		"content/pressemitteilungen/2021-02-01-b.md":       release("B", "2021-02-01", "tags: [SGB II]"),
		"content/pressemitteilungen/2021-03-01-entwurf.md": release("Entwurf", "2021-03-01", "draft: true"),
		"content/impressum.md":                             "---\ntitle: Impressum\n---\nText.\n",
		// Links that leave the site and footnotes need no parsing in a
		// check; the reference definition does.
		"content/pressemitteilungen/2021-04-01-c.md": release("C", "2021-04-01", "summary: Kurz.") +
			"\n[Extern](https://www.example.org/) <https://example.org/>[^1] [Ref]\n\n[^1]: Fußnote.\n\n[Ref]: /pressemitteilungen/2021/weg/\n",
	}
	// check finds what build finds.
	for _, check := range []bool{false, true} {
		_, err := tryRun(s, Options{}, check)
		if err == nil {
			t.Fatalf("broken links built (check: %v)", check)
		}
		got := err.Error()
		for _, want := range []string{
			"content/pressemitteilungen/2021-01-01-a/index.md:14: link to /pressemitteilungen/2021/fehlt/: no such page",
			"content/pressemitteilungen/2021-01-01-a/index.md:16: link to /pressemitteilungen/2021/entwurf/: not published: content/pressemitteilungen/2021-03-01-entwurf.md is a draft",
			"content/pressemitteilungen/2021-04-01-c.md:11: link to /pressemitteilungen/2021/weg/: no such page",
		} {
			if !strings.Contains(got, want) {
				t.Errorf("errors (check: %v) lack %q:\n%s", check, want, got)
			}
		}
		if n := strings.Count(got, ": link to "); n != 3 {
			t.Errorf("%d broken links reported (check: %v), want 3:\n%s", n, check, got)
		}
	}
}

func TestWarnings(t *testing.T) {
	s := testSite{
		"site.toml": siteTOML,
		"content/pressemitteilungen/2021-01-01-a/index.md": "---\ntitle: A\ndate: 2021-01-01\nimage: foto.png\n---\n\n## Nur eine Überschrift\n",
		"content/pressemitteilungen/2021-01-01-a/foto.png": string(tinyPNG),
		"content/pressemitteilungen/2021-01-02-b.md":       "---\ntitle: B\ndate: 2021-01-02\nsummary: Kurz.\n---\n\n- Liste\n",
	}
	want := []string{
		"content/pressemitteilungen/2021-01-01-a/index.md:4: warning: image: \"foto.png\" has 1 × 1 px: zu klein für den Druck (too small for print: under 1 megapixel) (use the camera's original file)",
		"content/pressemitteilungen/2021-01-01-a/index.md:4: warning: image: \"foto.png\" has no credit: journalists must name the photographer (add image_credit: \"Foto: …\")",
		"content/pressemitteilungen/2021-01-01-a/index.md:4: warning: the image has no alt text: blind readers learn nothing about it (add image_alt: \"…\" saying what the picture shows)",
		"content/pressemitteilungen/2021-01-01-a/index.md:6: warning: no summary and no first paragraph: lists and feeds show no teaser (add summary: \"…\" to the frontmatter or begin the text with a paragraph)",
	}
	var b *built
	for _, check := range []bool{true, false} {
		var err error
		if b, err = tryRun(s, Options{}, check); err != nil {
			t.Fatalf("build failed (check: %v):\n%v", check, err)
		}
		b.t = t
		var got []string
		for _, w := range b.res.Warnings {
			got = append(got, w.String())
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("warnings (check: %v):\n%s\nwant:\n%s", check, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	b.contains("pressemitteilungen/2021/a/index.html", `<img src="a-foto-1.png"`, `alt="">`)

	// A JPEG or PNG that cannot be read is an error: it could not be
	// cleaned of personal data.
	s["content/pressemitteilungen/2021-01-01-a/foto.png"] = "kein PNG"
	if _, err := tryBuild(s, Options{}); err == nil || !strings.Contains(err.Error(), `index.md:4: image: "foto.png" cannot be read as a photo`) {
		t.Errorf("an unreadable photo: %v", err)
	}
}

// TestPagerWindow: a long list links the first and last page and two on
// each side of the current one, with "…" for the numbers left out.
func TestPagerWindow(t *testing.T) {
	s := testSite{"site.toml": siteTOML}
	for i := 0; i < 16; i++ {
		s[fmt.Sprintf("content/pressemitteilungen/2020-01-%02d-m.md", i+1)] = release(fmt.Sprintf("Meldung %d", i), fmt.Sprintf("2020-01-%02d", i+1), fmt.Sprintf("slug: m%d", i))
	}
	b := buildSite(t, s, Options{})
	li := func(n int, current bool) string {
		u := "/pressemitteilungen/"
		if n > 1 {
			u = fmt.Sprintf("/pressemitteilungen/seite/%d/", n)
		}
		if current {
			return fmt.Sprintf(`<li><a aria-current="page" href="%s">%d</a></li>`, u, n)
		}
		return fmt.Sprintf(`<li><a href="%s">%d</a></li>`, u, n)
	}
	gap := `<li class="gap" aria-hidden="true">…</li>`
	join := func(items ...string) string { return strings.Join(items, "\n    ") }
	b.contains("pressemitteilungen/seite/5/index.html", "Seite 5 von 8",
		`<li><a href="/pressemitteilungen/seite/4/" rel="prev">← Neuere Einträge</a></li>`,
		join(li(1, false), gap, li(3, false), li(4, false), li(5, true), li(6, false), li(7, false), li(8, false)),
		`<li><a href="/pressemitteilungen/seite/6/" rel="next">Ältere Einträge →</a></li>`)
	b.contains("pressemitteilungen/index.html", join(li(1, true), li(2, false), li(3, false), gap, li(8, false)))
	b.lacks("pressemitteilungen/index.html", `rel="prev"`)
}

// TestEmptyFeedIsStable: the feeds of a section without entries say the
// site was last updated when its newest page was, not when the build ran,
// so that building again later changes nothing.
func TestEmptyFeedIsStable(t *testing.T) {
	s := testSite{"site.toml": siteTOML,
		"content/pressemitteilungen/2021-03-01-a.md": release("Eins", "2021-03-01 10:00", "updated: 2021-05-02 12:00"),
	}
	a := buildSite(t, s, Options{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	b := buildSite(t, s, Options{Now: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)})
	for _, name := range []string{"positionspapiere/feed.xml", "positionspapiere/atom.xml", "positionspapiere/feed.json"} {
		if a.file(name) != b.file(name) {
			t.Errorf("%s differs between two builds at different times", name)
		}
	}
	a.contains("positionspapiere/atom.xml", "<updated>2021-05-02T12:00:00+02:00</updated>")
}
