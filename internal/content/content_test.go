package content

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"pressroom/internal/config"
	"pressroom/internal/diag"
)

// siteTOML is the configuration every test site uses unless it brings its own.
const siteTOML = `
title = "Presseportal Test"
baseURL = "https://presse.example.org/"
timezone = "Europe/Berlin"
defaultOrganization = "dlt"

[[organizations]]
id = "dlt"
name = "Deutscher Landkreistag"
contacts = ["presse", "leitung"]

[[organizations]]
id = "jc"
name = "Jobcenter Musterstadt"
contacts = ["leitung", "jc-presse"]

[[contacts]]
id = "presse"
name = "Erika Beispiel"

[[contacts]]
id = "leitung"
name = "Max Muster"

[[contacts]]
id = "jc-presse"
name = "Jana Jobcenter"

[sections.pressemitteilungen]
kind = "release"

[sections.positionspapiere]
kind = "paper"

[sections.service]
kind = "page"
`

// loadConfig loads a site.toml given as text and fails the test on errors.
func loadConfig(t *testing.T, src string) *config.Site {
	t.Helper()
	cfg, diags := config.Load(fstest.MapFS{config.File: {Data: []byte(src)}})
	if diags.HasErrors() {
		t.Fatalf("test configuration is invalid:\n%v", diags.Err())
	}
	return cfg
}

// mapFS makes a file system of texts. A value may be []byte for binary files.
func mapFS(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for name, text := range files {
		m[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return m
}

// load runs Load on files with the default test configuration.
func load(t *testing.T, files map[string]string) ([]*Page, diag.List) {
	t.Helper()
	return Load(mapFS(files), loadConfig(t, siteTOML), nil)
}

// pageAt returns the page with the path, or fails.
func pageAt(t *testing.T, pages []*Page, p string) *Page {
	t.Helper()
	for _, pg := range pages {
		if pg.Path == p {
			return pg
		}
	}
	var got []string
	for _, pg := range pages {
		got = append(got, pg.Path)
	}
	t.Fatalf("no page %s; pages: %v", p, got)
	return nil
}

// loadOne loads a single Markdown file (plus extra files) and returns its page.
func loadOne(t *testing.T, p, src string, extra map[string]string) *Page {
	t.Helper()
	files := map[string]string{p: src}
	for k, v := range extra {
		files[k] = v
	}
	pages, diags := load(t, files)
	if len(diags) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", listString(diags))
	}
	return pageAt(t, pages, p)
}

func listString(l diag.List) string {
	var b strings.Builder
	for _, d := range l {
		b.WriteString("  " + d.String() + "\n")
	}
	return b.String()
}

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

const pdfData = "%PDF-1.4 Pressemappe zwanzig Jahre\n"
const jpgData = "\xff\xd8\xff\xe0 not really a jpeg"

func TestFormatsDecodeToSamePage(t *testing.T) {
	const dir = "content/pressemitteilungen/2025-01-08-zwanzig-jahre"
	const p = dir + "/index.md"
	sources := []struct {
		format, src string
		bodyLine    int
	}{
		{"yaml", `---
title: "Zwanzig Jahre kommunale Jobcenter"
date: 2025-01-08 10:00
summary: Seit 2005 betreuen die kommunalen Jobcenter Menschen aus einer Hand.
tags: [SGB II, Jobcenter]
organizations: [jc, dlt]
contacts: [jc-presse]
place: Köln
attachments:
  - file: pressemappe.pdf
    title: Pressemappe
  - file: bilder/grafik.jpg
image: bilder/grafik.jpg
image_alt: Balkendiagramm der Betreuungszahlen
image_credit: Erika Beispiel
aliases: ["/aktuelles/pm-17.html", /aktuelles/pm-17/]
updated: 2025-01-09T12:30:00+01:00
correction: In einer früheren Fassung stand 870.000.
draft: true
embargo: "2025-01-08 09:30"
slug: Zwanzig Jahre (Jubiläum)
layout: special
url: /aktuelles/zwanzig-jahre/
---

Der erste Absatz.
`, 25},
		{"toml", `+++
title = "Zwanzig Jahre kommunale Jobcenter"
date = 2025-01-08T10:00:00
summary = "Seit 2005 betreuen die kommunalen Jobcenter Menschen aus einer Hand."
tags = ["SGB II", "Jobcenter"]
organizations = ["jc", "dlt"]
contacts = ["jc-presse"]
place = "Köln"
attachments = [
  { file = "pressemappe.pdf", title = "Pressemappe" },
  { file = "bilder/grafik.jpg" },
]
image = "bilder/grafik.jpg"
image_alt = "Balkendiagramm der Betreuungszahlen"
image_credit = "Erika Beispiel"
aliases = ["/aktuelles/pm-17.html", "/aktuelles/pm-17/"]
updated = 2025-01-09T12:30:00+01:00
correction = "In einer früheren Fassung stand 870.000."
draft = true
embargo = 2025-01-08 09:30:00
slug = "Zwanzig Jahre (Jubiläum)"
layout = "special"
url = "/aktuelles/zwanzig-jahre/"
+++

Der erste Absatz.
`, 25},
		{"json", `{
  "title": "Zwanzig Jahre kommunale Jobcenter",
  "date": "2025-01-08 10:00",
  "summary": "Seit 2005 betreuen die kommunalen Jobcenter Menschen aus einer Hand.",
  "tags": ["SGB II", "Jobcenter"],
  "organizations": ["jc", "dlt"],
  "contacts": ["jc-presse"],
  "place": "Köln",
  "attachments": [
    {"file": "pressemappe.pdf", "title": "Pressemappe"},
    {"file": "bilder/grafik.jpg"}
  ],
  "image": "bilder/grafik.jpg",
  "image_alt": "Balkendiagramm der Betreuungszahlen",
  "image_credit": "Erika Beispiel",
  "aliases": ["/aktuelles/pm-17.html", "/aktuelles/pm-17/"],
  "updated": "2025-01-09T12:30:00+01:00",
  "correction": "In einer früheren Fassung stand 870.000.",
  "draft": true,
  "embargo": "2025-01-08 09:30",
  "slug": "Zwanzig Jahre (Jubiläum)",
  "layout": "special",
  "url": "/aktuelles/zwanzig-jahre/"
}

Der erste Absatz.
`, 26},
	}
	for _, tc := range sources {
		t.Run(tc.format, func(t *testing.T) {
			got := loadOne(t, p, tc.src, map[string]string{
				dir + "/pressemappe.pdf":   pdfData,
				dir + "/bilder/grafik.jpg": jpgData,
			})
			if got.Format != tc.format {
				t.Errorf("Format = %q, want %q", got.Format, tc.format)
			}
			checkStr := func(field, got, want string) {
				t.Helper()
				if got != want {
					t.Errorf("%s = %q, want %q", field, got, want)
				}
			}
			checkList := func(field string, got, want []string) {
				t.Helper()
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s = %q, want %q", field, got, want)
				}
			}
			checkTime := func(field string, got, want time.Time) {
				t.Helper()
				if !got.Equal(want) {
					t.Errorf("%s = %v, want %v", field, got, want)
				}
			}
			checkStr("Title", got.Title, "Zwanzig Jahre kommunale Jobcenter")
			checkStr("Summary", got.Summary, "Seit 2005 betreuen die kommunalen Jobcenter Menschen aus einer Hand.")
			checkStr("Place", got.Place, "Köln")
			checkStr("Image", got.Image, "bilder/grafik.jpg")
			checkStr("ImageAlt", got.ImageAlt, "Balkendiagramm der Betreuungszahlen")
			checkStr("ImageCredit", got.ImageCredit, "Erika Beispiel")
			checkStr("Correction", got.Correction, "In einer früheren Fassung stand 870.000.")
			checkStr("Slug", got.Slug, "zwanzig-jahre-jubilaeum")
			checkStr("Layout", got.Layout, "special")
			checkStr("URL", got.URL, "/aktuelles/zwanzig-jahre/")
			checkStr("Section", got.Section, "pressemitteilungen")
			checkStr("Dir", got.Dir, dir)
			checkList("Tags", got.Tags, []string{"SGB II", "Jobcenter"})
			checkList("Organizations", got.Organizations, []string{"jc", "dlt"})
			checkList("Contacts", got.Contacts, []string{"jc-presse"})
			checkList("Aliases", got.Aliases, []string{"/aktuelles/pm-17.html", "/aktuelles/pm-17/"})
			checkList("Files", got.Files, []string{"bilder/grafik.jpg", "pressemappe.pdf"})
			// 10:00 in Berlin in January is 09:00 UTC.
			checkTime("Date", got.Date, utc("2025-01-08T09:00:00Z"))
			checkTime("Embargo", got.Embargo, utc("2025-01-08T08:30:00Z"))
			checkTime("Updated", got.Updated, utc("2025-01-09T11:30:00Z"))
			if !got.Draft {
				t.Error("Draft = false, want true")
			}
			if !got.Bundle {
				t.Error("Bundle = false, want true")
			}
			wantAtt := []Attachment{
				{File: "pressemappe.pdf", Title: "Pressemappe", Size: int64(len(pdfData)), Type: "application/pdf"},
				{File: "bilder/grafik.jpg", Title: "grafik.jpg", Size: int64(len(jpgData)), Type: "image/jpeg"},
			}
			if !reflect.DeepEqual(got.Attachments, wantAtt) {
				t.Errorf("Attachments = %+v, want %+v", got.Attachments, wantAtt)
			}
			if got.BodyLine != tc.bodyLine {
				t.Errorf("BodyLine = %d, want %d", got.BodyLine, tc.bodyLine)
			}
			if b := strings.TrimSpace(string(got.Body)); b != "Der erste Absatz." {
				t.Errorf("Body = %q, want the paragraph only", got.Body)
			}
			for key, want := range map[string]int{"title": 2, "date": 3, "attachments": 9, "image": 13, "url": 23} {
				if l := got.Line(key); l != want {
					t.Errorf("Line(%q) = %d, want %d", key, l, want)
				}
			}
		})
	}
}

func TestTOMLArrayOfTablesAttachments(t *testing.T) {
	const dir = "content/pressemitteilungen/mappe"
	got := loadOne(t, dir+"/index.md", `+++
title = "Mit Pressemappe"
date = 2025-01-08

[[attachments]]
file = "pressemappe.pdf"
title = "Pressemappe"

[[attachments]]
file = "zahlen.csv"
+++

Text.
`, map[string]string{dir + "/pressemappe.pdf": pdfData, dir + "/zahlen.csv": "a;b\n1;2\n"})
	want := []Attachment{
		{File: "pressemappe.pdf", Title: "Pressemappe", Size: int64(len(pdfData)), Type: "application/pdf"},
		{File: "zahlen.csv", Title: "zahlen.csv", Size: 8, Type: "text/csv"},
	}
	if !reflect.DeepEqual(got.Attachments, want) {
		t.Errorf("Attachments = %+v, want %+v", got.Attachments, want)
	}
}

func TestDates(t *testing.T) {
	const berlin = "Europe/Berlin"
	for _, tc := range []struct {
		name     string
		tz       string // site timezone; "" = Europe/Berlin
		matter   string // frontmatter with the date, in any format
		want     string // the instant in UTC
		wantZone string // location name for dates without offset; "" = fixed offset
		wantOff  int    // offset from UTC in seconds
	}{
		{"yaml date", "", "---\ndate: 2021-10-05\n", "2021-10-04T22:00:00Z", berlin, 7200},
		{"yaml quoted date", "", "---\ndate: \"2021-10-05\"\n", "2021-10-04T22:00:00Z", berlin, 7200},
		{"yaml date time summer", "", "---\ndate: 2021-10-05 10:00\n", "2021-10-05T08:00:00Z", berlin, 7200},
		{"yaml quoted date time", "", "---\ndate: '2021-10-05 10:00'\n", "2021-10-05T08:00:00Z", berlin, 7200},
		{"yaml date time winter", "", "---\ndate: 2021-01-05 10:00\n", "2021-01-05T09:00:00Z", berlin, 3600},
		{"yaml date time seconds", "", "---\ndate: 2021-10-05 10:00:30\n", "2021-10-05T08:00:30Z", berlin, 7200},
		{"yaml local T", "", "---\ndate: 2021-10-05T10:00\n", "2021-10-05T08:00:00Z", berlin, 7200},
		{"yaml rfc3339", "", "---\ndate: 2021-10-05T10:00:00+02:00\n", "2021-10-05T08:00:00Z", "", 7200},
		{"yaml quoted rfc3339", "", "---\ndate: \"2021-10-05T10:00:00+02:00\"\n", "2021-10-05T08:00:00Z", "", 7200},
		{"yaml rfc3339 other offset", "", "---\ndate: 2021-10-05T10:00:00-05:00\n", "2021-10-05T15:00:00Z", "Europe/Berlin", 7200},
		{"yaml rfc3339 Z", "", "---\ndate: 2021-10-05T10:00:00Z\n", "2021-10-05T10:00:00Z", "Europe/Berlin", 7200},
		{"toml local date", "", "+++\ndate = 2021-10-05\n", "2021-10-04T22:00:00Z", berlin, 7200},
		{"toml local datetime summer", "", "+++\ndate = 2021-10-05T10:00:00\n", "2021-10-05T08:00:00Z", berlin, 7200},
		{"toml local datetime winter", "", "+++\ndate = 2021-01-05T10:00:00\n", "2021-01-05T09:00:00Z", berlin, 3600},
		{"toml local datetime space", "", "+++\ndate = 2021-10-05 10:00:00\n", "2021-10-05T08:00:00Z", berlin, 7200},
		{"toml offset datetime", "", "+++\ndate = 2021-10-05T10:00:00+02:00\n", "2021-10-05T08:00:00Z", "", 7200},
		{"toml offset datetime other", "", "+++\ndate = 2021-01-05T10:00:00-05:00\n", "2021-01-05T15:00:00Z", "Europe/Berlin", 3600},
		{"toml string", "", "+++\ndate = \"2021-10-05 10:00\"\n", "2021-10-05T08:00:00Z", berlin, 7200},
		{"json date time", "", "{\n\"date\": \"2021-10-05 10:00\",\n", "2021-10-05T08:00:00Z", berlin, 7200},
		{"json date", "", "{\n\"date\": \"2021-01-05\",\n", "2021-01-04T23:00:00Z", berlin, 3600},
		{"json rfc3339", "", "{\n\"date\": \"2021-10-05T10:00:00+02:00\",\n", "2021-10-05T08:00:00Z", "", 7200},
		// The site's timezone, not a fixed one, applies.
		{"yaml other site timezone", "America/New_York", "---\ndate: 2021-10-05 10:00\n", "2021-10-05T14:00:00Z", "America/New_York", -4 * 3600},
		{"toml other site timezone", "America/New_York", "+++\ndate = 2021-01-05T10:00:00\n", "2021-01-05T15:00:00Z", "America/New_York", -5 * 3600},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var src string
			switch tc.matter[0] {
			case '-':
				src = tc.matter + "title: Datum\n---\n\nText.\n"
			case '+':
				src = tc.matter + "title = \"Datum\"\n+++\n\nText.\n"
			case '{':
				src = tc.matter + "\"title\": \"Datum\"\n}\n\nText.\n"
			}
			cfgSrc := siteTOML
			if tc.tz != "" {
				cfgSrc = strings.Replace(siteTOML, `timezone = "Europe/Berlin"`, `timezone = "`+tc.tz+`"`, 1)
			}
			const p = "content/pressemitteilungen/datum.md"
			pages, diags := Load(mapFS(map[string]string{p: src}), loadConfig(t, cfgSrc), nil)
			if len(diags) > 0 {
				t.Fatalf("unexpected diagnostics:\n%s", listString(diags))
			}
			got := pageAt(t, pages, p).Date
			if want := utc(tc.want); !got.Equal(want) {
				t.Errorf("Date = %v (UTC %v), want UTC %v", got, got.UTC(), want)
			}
			if _, off := got.Zone(); off != tc.wantOff {
				t.Errorf("offset of %v = %ds, want %ds", got, off, tc.wantOff)
			}
			if tc.wantZone != "" && got.Location().String() != tc.wantZone {
				t.Errorf("location of %v = %q, want the site's %q", got, got.Location(), tc.wantZone)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		in, want string // want "" = error
	}{
		{"2021-10-05", "2021-10-04T22:00:00Z"},
		{" 2021-10-05 10:00 ", "2021-10-05T08:00:00Z"},
		{"2021-10-05T10:00:00+02:00", "2021-10-05T08:00:00Z"},
		{"2021-12-24 18:00", "2021-12-24T17:00:00Z"},
		{"32.13.2021", ""},
		{"05.10.2021", ""},
		{"2021-13-05", ""},
		{"2021-10-05 25:00", ""},
		{"gestern", ""},
		{"", ""},
	} {
		got, err := ParseDate(tc.in, berlin)
		if tc.want == "" {
			if err == nil {
				t.Errorf("ParseDate(%q) = %v, want an error", tc.in, got)
			} else if !strings.Contains(err.Error(), tc.in) {
				t.Errorf("ParseDate(%q) error %q does not quote the input", tc.in, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseDate(%q): %v", tc.in, err)
		} else if !got.Equal(utc(tc.want)) {
			t.Errorf("ParseDate(%q) = %v, want %s", tc.in, got.UTC(), tc.want)
		}
	}
}

func TestTags(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{"yaml comma text", "---\ntitle: T\ntags: \"Arbeitsmarkt, SGB II\"\n---\n", []string{"Arbeitsmarkt", "SGB II"}},
		{"yaml plain comma text", "---\ntitle: T\ntags: Arbeitsmarkt,SGB II , Jobcenter\n---\n", []string{"Arbeitsmarkt", "SGB II", "Jobcenter"}},
		{"yaml single text", "---\ntitle: T\ntags: Arbeitsmarkt\n---\n", []string{"Arbeitsmarkt"}},
		{"yaml 1.2 no and y stay text", "---\ntitle: T\ntags: [no, y]\n---\n", []string{"no", "y"}},
		{"yaml 1.2 yes on off stay text", "---\ntitle: T\ntags: [yes, on, off, N]\n---\n", []string{"yes", "on", "off", "N"}},
		{"yaml block list", "---\ntitle: T\ntags:\n  - SGB II\n  - Bürgergeld\n---\n", []string{"SGB II", "Bürgergeld"}},
		{"yaml numbers as text", "---\ntitle: T\ntags: [2030, SGB II]\n---\n", []string{"2030", "SGB II"}},
		{"yaml blanks dropped", "---\ntitle: T\ntags: [\" Jobcenter \", \"\"]\n---\n", []string{"Jobcenter"}},
		{"yaml empty", "---\ntitle: T\ntags:\n---\n", nil},
		{"toml comma text", "+++\ntitle = \"T\"\ntags = \"Arbeitsmarkt, SGB II\"\n+++\n", []string{"Arbeitsmarkt", "SGB II"}},
		{"toml list", "+++\ntitle = \"T\"\ntags = [\"no\", \"y\"]\n+++\n", []string{"no", "y"}},
		{"json comma text", "{\n\"title\": \"T\",\n\"tags\": \"Arbeitsmarkt, SGB II\"\n}\n\n", []string{"Arbeitsmarkt", "SGB II"}},
		{"json list", "{\n\"title\": \"T\",\n\"tags\": [\"A\", \"B\"]\n}\n\n", []string{"A", "B"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := loadOne(t, "content/ueber-uns.md", tc.src+"\nText.\n", nil)
			if !reflect.DeepEqual(got.Tags, tc.want) {
				t.Errorf("Tags = %q, want %q", got.Tags, tc.want)
			}
		})
	}
}

func TestSlugs(t *testing.T) {
	for _, tc := range []struct {
		name, path, slug string // slug: frontmatter slug, "" = none
		want             string
	}{
		{"file name", "content/pressemitteilungen/tag-der-jobcenter.md", "", "tag-der-jobcenter"},
		{"date prefix removed", "content/pressemitteilungen/2021-10-05-tag-der-jobcenter.md", "", "tag-der-jobcenter"},
		{"umlauts folded", "content/pressemitteilungen/2022-11-28-Bürgergeld für Größere Übergänge.md", "", "buergergeld-fuer-groessere-uebergaenge"},
		{"sharp s and accents", "content/pressemitteilungen/Straße_Café.md", "", "strasse-cafe"},
		{"date inside kept", "content/pressemitteilungen/bilanz-2021-10-05-x.md", "", "bilanz-2021-10-05-x"},
		{"bundle folder", "content/pressemitteilungen/zwanzig-jahre/index.md", "", "zwanzig-jahre"},
		{"bundle folder with date", "content/pressemitteilungen/2025-01-08-zwanzig-jahre/index.md", "", "zwanzig-jahre"},
		{"paper bundle", "content/positionspapiere/Leitbild 2030/index.md", "", "leitbild-2030"},
		{"plain page", "content/ueber-uns.md", "", "ueber-uns"},
		{"frontmatter overrides", "content/pressemitteilungen/2021-10-05-alt.md", "neu", "neu"},
		{"frontmatter slugified", "content/pressemitteilungen/2021-10-05-alt.md", "Größe & Maß!", "groesse-mass"},
		{"frontmatter overrides bundle", "content/pressemitteilungen/2025-01-08-x/index.md", "Zwanzig Jahre", "zwanzig-jahre"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := "---\ntitle: Slug\ndate: 2021-10-05\n"
			if tc.slug != "" {
				src += "slug: \"" + tc.slug + "\"\n"
			}
			src += "---\n\nText.\n"
			got := loadOne(t, tc.path, src, nil)
			if got.Slug != tc.want {
				t.Errorf("Slug = %q, want %q", got.Slug, tc.want)
			}
		})
	}
}

func TestSectionsAndBundles(t *testing.T) {
	const release = "---\ntitle: T\ndate: 2021-10-05\n---\n\nText.\n"
	files := map[string]string{
		"content/pressemitteilungen/x/index.md":             release,
		"content/pressemitteilungen/x/pressemappe.pdf":      pdfData,
		"content/pressemitteilungen/x/bilder/foto.jpg":      jpgData,
		"content/pressemitteilungen/x/bilder/.DS_Store":     "junk",
		"content/pressemitteilungen/x/.DS_Store":            "junk",
		"content/pressemitteilungen/x/_entwurf.pdf":         "draft",
		"content/pressemitteilungen/x/.git/config":          "junk",
		"content/pressemitteilungen/x/_alt/mappe-alt.pdf":   "old",
		"content/pressemitteilungen/x/zahlen.csv":           "a;b\n",
		"content/pressemitteilungen/2021-10-05-einfach.md":  release,
		"content/pressemitteilungen/beiwerk.pdf":            pdfData,
		"content/pressemitteilungen/2021/im-unterordner.md": release,
		"content/positionspapiere/leitbild/index.md":        release,
		"content/ueber-uns.md":                              "---\ntitle: Über uns\n---\n\nText.\n",
		"content/kontakt/index.md":                          "---\ntitle: Kontakt\n---\n\nText.\n",
		"content/kontakt/karte.png":                         "png",
		"content/neue-rubrik/meldung.md":                    release,
	}
	pages, diags := load(t, files)
	if len(diags) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", listString(diags))
	}
	for _, tc := range []struct {
		path, section, dir, kind string
		bundle                   bool
		files                    []string
	}{
		{"content/pressemitteilungen/x/index.md", "pressemitteilungen", "content/pressemitteilungen/x", config.KindRelease, true,
			[]string{"bilder/foto.jpg", "pressemappe.pdf", "zahlen.csv"}},
		{"content/pressemitteilungen/2021-10-05-einfach.md", "pressemitteilungen", "content/pressemitteilungen", config.KindRelease, false, nil},
		{"content/pressemitteilungen/2021/im-unterordner.md", "pressemitteilungen", "content/pressemitteilungen/2021", config.KindRelease, false, nil},
		{"content/positionspapiere/leitbild/index.md", "positionspapiere", "content/positionspapiere/leitbild", config.KindPaper, true, nil},
		{"content/ueber-uns.md", "", "content", config.KindPage, false, nil},
		{"content/kontakt/index.md", "", "content/kontakt", config.KindPage, true, []string{"karte.png"}},
		{"content/neue-rubrik/meldung.md", "neue-rubrik", "content/neue-rubrik", config.KindRelease, false, nil},
	} {
		t.Run(tc.path, func(t *testing.T) {
			p := pageAt(t, pages, tc.path)
			if p.Section != tc.section {
				t.Errorf("Section = %q, want %q", p.Section, tc.section)
			}
			if p.Dir != tc.dir {
				t.Errorf("Dir = %q, want %q", p.Dir, tc.dir)
			}
			if p.Bundle != tc.bundle {
				t.Errorf("Bundle = %v, want %v", p.Bundle, tc.bundle)
			}
			if !reflect.DeepEqual(p.Files, tc.files) {
				t.Errorf("Files = %q, want %q", p.Files, tc.files)
			}
			if k := p.Kind(loadConfig(t, siteTOML)); k != tc.kind {
				t.Errorf("Kind = %q, want %q", k, tc.kind)
			}
		})
	}
	if len(pages) != 7 {
		t.Errorf("got %d pages, want 7", len(pages))
	}
}

func TestIgnoredFiles(t *testing.T) {
	const broken = "kein frontmatter\n"
	files := map[string]string{
		"content/pressemitteilungen/2021-10-05-ok.md":    "---\ntitle: OK\ndate: 2021-10-05\n---\n\nText.\n",
		"content/.versteckt.md":                          broken,
		"content/_index.md":                              broken,
		"content/_entwuerfe/a.md":                        broken,
		"content/.git/b.md":                              broken,
		"content/pressemitteilungen/_vorlage.md":         broken,
		"content/pressemitteilungen/.#2021-10-05-ok.md":  broken,
		"content/pressemitteilungen/_alt/x/index.md":     broken,
		"content/pressemitteilungen/notizen.txt":         broken,
		"content/pressemitteilungen/.entwurf/y/index.md": broken,
	}
	pages, diags := load(t, files)
	if len(diags) > 0 {
		t.Fatalf("ignored files were read:\n%s", listString(diags))
	}
	if len(pages) != 1 || pages[0].Path != "content/pressemitteilungen/2021-10-05-ok.md" {
		var got []string
		for _, p := range pages {
			got = append(got, p.Path)
		}
		t.Errorf("pages = %q, want only the release", got)
	}
}

func TestNoContentFolder(t *testing.T) {
	pages, diags := Load(fstest.MapFS{"site.toml": {Data: []byte(siteTOML)}}, loadConfig(t, siteTOML), nil)
	if len(pages) != 0 {
		t.Errorf("got %d pages from no content folder", len(pages))
	}
	if len(diags) != 1 || diags[0].Path != Dir || !strings.Contains(diags[0].Msg, "no content folder") || diags[0].Warning {
		t.Errorf("diagnostics = %s, want one error \"no content folder\" at %s", listString(diags), Dir)
	}
}

func TestOrganizationAndContactDefaults(t *testing.T) {
	for _, tc := range []struct {
		name, path, matter string
		cfg                string // "" = siteTOML
		orgs, contacts     []string
	}{
		{"release gets default organization and its contacts", "content/pressemitteilungen/a.md", "date: 2021-10-05\n",
			"", []string{"dlt"}, []string{"presse", "leitung"}},
		{"paper gets default organization", "content/positionspapiere/a.md", "date: 2021-10-05\n",
			"", []string{"dlt"}, []string{"presse", "leitung"}},
		{"undeclared section gets default organization", "content/neu/a.md", "date: 2021-10-05\n",
			"", []string{"dlt"}, []string{"presse", "leitung"}},
		{"joint release: contacts of all issuers, deduplicated, in order", "content/pressemitteilungen/a.md",
			"date: 2021-10-05\norganizations: [dlt, jc]\n", "", []string{"dlt", "jc"}, []string{"presse", "leitung", "jc-presse"}},
		{"issuer order decides contact order", "content/pressemitteilungen/a.md",
			"date: 2021-10-05\norganizations: [jc, dlt]\n", "", []string{"jc", "dlt"}, []string{"leitung", "jc-presse", "presse"}},
		{"single text organization", "content/pressemitteilungen/a.md",
			"date: 2021-10-05\norganizations: jc\n", "", []string{"jc"}, []string{"leitung", "jc-presse"}},
		{"explicit contacts replace the defaults", "content/pressemitteilungen/a.md",
			"date: 2021-10-05\norganizations: [dlt, jc]\ncontacts: [jc-presse]\n", "", []string{"dlt", "jc"}, []string{"jc-presse"}},
		{"explicit contacts with default organization", "content/pressemitteilungen/a.md",
			"date: 2021-10-05\ncontacts: [leitung]\n", "", []string{"dlt"}, []string{"leitung"}},
		{"explicitly no contacts", "content/pressemitteilungen/a.md",
			"date: 2021-10-05\ncontacts: []\n", "", []string{"dlt"}, nil},
		{"plain page has no issuer", "content/impressum.md", "", "", nil, nil},
		{"defaultOrganization chosen in site.toml", "content/pressemitteilungen/a.md", "date: 2021-10-05\n",
			strings.Replace(siteTOML, `defaultOrganization = "dlt"`, `defaultOrganization = "jc"`, 1), []string{"jc"}, []string{"leitung", "jc-presse"}},
		{"first organization is the default", "content/pressemitteilungen/a.md", "date: 2021-10-05\n",
			strings.Replace(siteTOML, `defaultOrganization = "dlt"`, ``, 1), []string{"dlt"}, []string{"presse", "leitung"}},
		{"site without organizations", "content/pressemitteilungen/a.md", "date: 2021-10-05\n",
			"title = \"Ohne\"\n", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfgSrc := tc.cfg
			if cfgSrc == "" {
				cfgSrc = siteTOML
			}
			src := "---\ntitle: T\n" + tc.matter + "---\n\nText.\n"
			pages, diags := Load(mapFS(map[string]string{tc.path: src}), loadConfig(t, cfgSrc), nil)
			if len(diags) > 0 {
				t.Fatalf("unexpected diagnostics:\n%s", listString(diags))
			}
			p := pageAt(t, pages, tc.path)
			if !reflect.DeepEqual(p.Organizations, tc.orgs) {
				t.Errorf("Organizations = %q, want %q", p.Organizations, tc.orgs)
			}
			if len(p.Contacts) != 0 || len(tc.contacts) != 0 {
				if !reflect.DeepEqual(p.Contacts, tc.contacts) {
					t.Errorf("Contacts = %q, want %q", p.Contacts, tc.contacts)
				}
			}
		})
	}
}

func TestAttachments(t *testing.T) {
	const dir = "content/pressemitteilungen/mappe"
	extra := map[string]string{
		dir + "/pressemappe.pdf":                 pdfData,
		dir + "/Bericht.DOCX":                    "docx bytes",
		dir + "/daten/zahlen.xlsx":               "xlsx",
		dir + "/unbekannt.xyz":                   "?",
		"content/geheim.pdf":                     "secret",
		"content/pressemitteilungen/nebenan.pdf": "x",
	}
	got := loadOne(t, dir+"/index.md", `---
title: Anhänge
date: 2021-10-05
attachments:
  - file: pressemappe.pdf
    title: Pressemappe
  - Bericht.DOCX
  - {file: daten/zahlen.xlsx, title: Zahlen}
  - file: ./unbekannt.xyz
---

Text.
`, extra)
	want := []Attachment{
		{File: "pressemappe.pdf", Title: "Pressemappe", Size: int64(len(pdfData)), Type: "application/pdf"},
		{File: "Bericht.DOCX", Title: "Bericht.DOCX", Size: 10, Type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
		{File: "daten/zahlen.xlsx", Title: "Zahlen", Size: 4, Type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
		{File: "./unbekannt.xyz", Title: "unbekannt.xyz", Size: 1, Type: "application/octet-stream"},
	}
	if !reflect.DeepEqual(got.Attachments, want) {
		t.Errorf("Attachments =\n%+v\nwant\n%+v", got.Attachments, want)
	}

	// Refused and missing files: each is an error at the line of its item.
	for _, tc := range []struct {
		name, file, msg string
	}{
		{"missing", "fehlt.pdf", `attachments: file "fehlt.pdf" not found`},
		{"missing in subfolder", "daten/fehlt.pdf", `attachments: file "daten/fehlt.pdf" not found`},
		{"folder", "daten", `attachments: file "daten" not found`},
		{"parent", "../nebenan.pdf", `attachments: "../nebenan.pdf" must be a file name relative to the page's folder`},
		{"parent via subfolder", "daten/../../nebenan.pdf", `attachments: "daten/../../nebenan.pdf" must be a file name relative`},
		{"grandparent", "../../geheim.pdf", `"../../geheim.pdf" must be a file name relative`},
		{"absolute", "/etc/passwd", `attachments: "/etc/passwd" must be a file name relative`},
		{"windows path", `C:\geheim.pdf`, `must be a file name relative`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{
				dir + "/index.md": "---\ntitle: Anhänge\ndate: 2021-10-05\nplace: Berlin\nattachments:\n  - file: pressemappe.pdf\n  - file: '" + tc.file + "'\n    title: X\n---\n\nText.\n",
			}
			for k, v := range extra {
				files[k] = v
			}
			_, diags := load(t, files)
			if len(diags) != 1 {
				t.Fatalf("got %d diagnostics, want 1:\n%s", len(diags), listString(diags))
			}
			d := diags[0]
			if d.Path != dir+"/index.md" || d.Line != 7 || !strings.Contains(d.Msg, tc.msg) || d.Warning {
				t.Errorf("got %s, want an error at %s/index.md:7 containing %q", d, dir, tc.msg)
			}
		})
	}
}

func TestImageMissing(t *testing.T) {
	_, diags := load(t, map[string]string{
		"content/pressemitteilungen/a.md": "---\ntitle: Bild\ndate: 2021-10-05\nimage: foto.jpg\nimage_alt: Ein Foto\n---\n\nText.\n",
	})
	if len(diags) != 1 || diags[0].Line != 4 || !strings.Contains(diags[0].Msg, `image: file "foto.jpg" not found`) {
		t.Errorf("diagnostics:\n%swant one at line 4: image: file \"foto.jpg\" not found", listString(diags))
	}
}

// TestErrors checks the position, message and hint of problems. Each source
// has exactly the problems counted in n (default 1).
func TestErrors(t *testing.T) {
	const rel = "content/pressemitteilungen/2021-10-05-a.md"
	for _, tc := range []struct {
		name, path, src string
		line            int
		msg, hint       string // substrings
		n               int
	}{
		{name: "missing frontmatter", src: "Nur Text ohne Kopf.\n\nMehr Text.\n", line: 1, msg: "missing frontmatter", hint: `"---"`},
		{name: "unterminated yaml", src: "---\ntitle: Offen\ndate: 2021-10-05\n\nText.\n", line: 1, msg: `frontmatter is not closed: no line "---"`},
		{name: "unterminated yaml after blank line", src: "\n---\ntitle: Offen\n\nText.\n", line: 2, msg: `frontmatter is not closed`},
		{name: "unterminated toml", src: "+++\ntitle = \"Offen\"\n\nText.\n", line: 1, msg: `no line "+++"`},
		{name: "unterminated json", src: "{\n  \"title\": \"Offen\"\n}\nText gleich danach.\n", line: 1, msg: `no line "}"`, hint: "empty line"},
		{name: "yaml syntax error on 3rd frontmatter line", src: "---\ntitle: Syntax\ndate: 2021-10-05\nplace: Köln: Rathaus\n---\n\nText.\n",
			line: 4, msg: "invalid YAML frontmatter", hint: "colon in quotes"},
		{name: "yaml syntax error after blank lines", src: "\n\n---\ntitle: Syntax\nplace: Köln: Rathaus\n---\n\nText.\n",
			line: 5, msg: "invalid YAML frontmatter"},
		{name: "yaml tab indentation", src: "---\ntitle: Tab\ndate: 2021-10-05\ntags:\n\t- SGB II\n---\n\nText.\n",
			line: 5, msg: "invalid YAML frontmatter", hint: "tabs"},
		{name: "yaml list instead of keys", src: "---\n- title\n- date\n---\n\nText.\n", line: 2, msg: "expected keys such as title:"},
		{name: "yaml duplicate key", src: "---\ntitle: Eins\ndate: 2021-10-05\ntitle: Zwei\n---\n\nText.\n", line: 4, msg: `invalid YAML frontmatter: key "title" is given twice`},
		{name: "yaml duplicate nested key", path: "content/pressemitteilungen/m/index.md",
			src: "---\ntitle: X\ndate: 2021-10-05\nattachments:\n  - file: a.pdf\n    file: b.pdf\n---\n\nText.\n", line: 6, msg: `key "file" is given twice`},
		{name: "yaml text after quoted value", src: "---\ntitle: X\ndate: 2021-10-05\nplace: \"Köln\" am Rhein\n---\n\nText.\n", line: 4, msg: "did not find expected key"},
		{name: "yaml unclosed flow list", src: "---\ntitle: X\ndate: 2021-10-05\ntags: [SGB II, Jobcenter\nplace: Köln\n---\n\nText.\n", line: 4, msg: "did not find expected ',' or ']'", hint: "a list in [ ] is not closed"},
		{name: "yaml list item after keys", src: "---\ntitle: X\ndate: 2021-10-05\nplace: Köln\n- SGB II\n---\n\nText.\n", line: 5, msg: "did not find expected key"},
		{name: "yaml indented key", src: "---\ntitle: X\ndate: 2021-10-05\nplace: Köln\n  tags: a\n---\n\nText.\n", line: 5, msg: "mapping values are not allowed", hint: "this line is indented"},
		{name: "toml attachments table with missing file", path: "content/pressemitteilungen/m/index.md",
			src: "+++\ntitle = \"X\"\ndate = 2021-10-05\n\n[[attachments]]\nfile = \"fehlt.pdf\"\n+++\n\nText.\n", line: 6, msg: `attachments: file "fehlt.pdf" not found`},
		{name: "toml syntax error", src: "+++\ntitle = \"Syntax\"\ndate = 2021-10-05\nplace = Köln\n+++\n\nText.\n",
			line: 4, msg: "invalid TOML frontmatter"},
		{name: "json syntax error: missing comma", src: "{\n  \"title\": \"Syntax\",\n  \"date\": \"2021-10-05\"\n  \"place\": \"Köln\"\n}\n\nText.\n",
			line: 4, msg: "invalid JSON frontmatter"},
		{name: "json syntax error: trailing comma", src: "{\n  \"title\": \"Syntax\",\n  \"date\": \"2021-10-05\",\n  \"place\": \"Köln\",\n}\n\nText.\n",
			line: 5, msg: "invalid JSON frontmatter"},
		{name: "json wrong type", src: "{\n  \"title\": \"Typ\",\n  \"date\": \"2021-10-05\",\n  \"draft\": \"vielleicht\"\n}\n\nText.\n",
			line: 4, msg: `draft: expected true or false, not "vielleicht"`},
		{name: "unknown key titel", src: "---\ndate: 2021-10-05\ntitel: Tippfehler\n---\n\nText.\n",
			line: 3, msg: `unknown key "titel"`, hint: `did you mean "title"?`, n: 2},
		{name: "unknown key datum", src: "---\ntitle: Datum\ndatum: 2021-10-05\n---\n\nText.\n",
			line: 3, msg: `unknown key "datum"`, hint: `did you mean "date"?`, n: 2},
		{name: "unknown key typo", src: "---\ntitle: Tippfehler\ndate: 2021-10-05\ntgas: [a]\n---\n\nText.\n",
			line: 4, msg: `unknown key "tgas"`, hint: `did you mean "tags"?`},
		{name: "unknown key far off", src: "---\ntitle: X\ndate: 2021-10-05\nfarbe: blau\n---\n\nText.\n",
			line: 4, msg: `unknown key "farbe"`},
		{name: "unknown key toml", src: "+++\ntitle = \"X\"\ndate = 2021-10-05\nsperrfrist = 2021-10-06\n+++\n\nText.\n",
			line: 4, msg: `unknown key "sperrfrist"`, hint: `did you mean "embargo"?`},
		{name: "unknown key json", src: "{\n  \"title\": \"X\",\n  \"date\": \"2021-10-05\",\n  \"ort\": \"Köln\"\n}\n\nText.\n",
			line: 4, msg: `unknown key "ort"`, hint: `did you mean "place"?`},
		{name: "unreadable date", src: "---\ntitle: Datum\ndate: 32.13.2021\n---\n\nText.\n",
			line: 3, msg: `date: cannot read "32.13.2021" as a date`, hint: "use 2021-10-05, 2021-10-05 14:30 or 2021-10-05T14:30:00+02:00"},
		{name: "unreadable embargo", src: "---\ntitle: Datum\ndate: 2021-10-05\nembargo: morgen früh\n---\n\nText.\n",
			line: 4, msg: `embargo: cannot read "morgen früh" as a date`, hint: "2021-10-05 14:30"},
		{name: "date is a number", src: "---\ntitle: Datum\ndate: 2021\n---\n\nText.\n",
			line: 3, msg: "date: expected a date, not a number", hint: "2021-10-05"},
		{name: "missing title", src: "---\ndate: 2021-10-05\n---\n\nText.\n", line: 1, msg: "missing title", hint: "title:"},
		{name: "empty title", src: "---\ndate: 2021-10-05\ntitle: \"  \"\n---\n\nText.\n", line: 3, msg: "missing title"},
		{name: "title is a list", src: "---\ndate: 2021-10-05\ntitle: [a, b]\n---\n\nText.\n", line: 3, msg: "title: expected text, not a list"},
		{name: "missing date for a release", src: "---\ntitle: Ohne Datum\n---\n\nText.\n", line: 1, msg: "missing date"},
		{name: "missing date for a paper", path: "content/positionspapiere/leitbild.md", src: "---\ntitle: Ohne Datum\n---\n\nText.\n", line: 1, msg: "missing date"},
		{name: "missing date in undeclared section", path: "content/neu/x.md", src: "---\ntitle: Ohne Datum\n---\n\nText.\n", line: 1, msg: "missing date"},
		{name: "unknown organization", src: "---\ntitle: X\ndate: 2021-10-05\norganizations: [dlt, gibtsnicht]\n---\n\nText.\n",
			line: 4, msg: `unknown organization "gibtsnicht"`, hint: "known: dlt, jc"},
		{name: "unknown contact", src: "---\ntitle: X\ndate: 2021-10-05\ncontacts:\n  - presse\n  - niemand\n---\n\nText.\n",
			line: 6, msg: `unknown contact "niemand"`, hint: "known: jc-presse, leitung, presse"},
		{name: "empty file", src: "", line: 1, msg: "empty file"},
		{name: "blank file", src: "\n  \n\t\n", line: 1, msg: "empty file"},
		{name: "bom only", src: "\xef\xbb\xbf\n", line: 1, msg: "empty file"},
		{name: "invalid utf-8 in body", src: "---\ntitle: X\ndate: 2021-10-05\n---\n\nK\xf6ln\n", line: 6, msg: "not valid UTF-8", hint: "UTF-8"},
		{name: "invalid utf-8 in frontmatter", src: "---\ntitle: K\xf6ln\ndate: 2021-10-05\n---\n\nText.\n", line: 2, msg: "not valid UTF-8"},
		{name: "invalid utf-8 after crlf", src: "---\r\ntitle: X\r\ndate: 2021-10-05\r\n---\r\n\r\nK\xf6ln\r\n", line: 6, msg: "not valid UTF-8"},
		{name: "draft not a bool", src: "---\ntitle: X\ndate: 2021-10-05\ndraft: vielleicht\n---\n\nText.\n", line: 4, msg: "draft: expected true or false"},
		{name: "tags not a list", src: "---\ntitle: X\ndate: 2021-10-05\ntags: {a: b}\n---\n\nText.\n", line: 4, msg: "tags: expected a list"},
		{name: "alias without slash", src: "---\ntitle: X\ndate: 2021-10-05\naliases: [aktuelles/pm.html]\n---\n\nText.\n", line: 4, msg: `alias "aktuelles/pm.html" must start with /`},
		{name: "url without slash", src: "---\ntitle: X\ndate: 2021-10-05\nurl: aktuelles/pm/\n---\n\nText.\n", line: 4, msg: `url "aktuelles/pm/" must start with /`},
		{name: "layout with path", src: "---\ntitle: X\ndate: 2021-10-05\nlayout: ../geheim\n---\n\nText.\n", line: 4, msg: `layout "../geheim" must be a plain template name`},
		{name: "attachment with unknown key", path: "content/pressemitteilungen/m/index.md",
			src: "---\ntitle: X\ndate: 2021-10-05\nattachments:\n  - datei: a.pdf\n---\n\nText.\n", line: 4, msg: `unknown key "datei" in an attachment`, n: 2},
		{name: "file name without letters", path: "content/pressemitteilungen/2021-10-05-🙂…🙂.md", src: "---\ntitle: X\ndate: 2021-10-05\n---\n\nText.\n", line: 1, msg: "no usable slug"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := tc.path
			if p == "" {
				p = rel
			}
			_, diags := load(t, map[string]string{p: tc.src})
			want := tc.n
			if want == 0 {
				want = 1
			}
			if len(diags.Errors()) != want {
				t.Errorf("got %d errors, want %d:\n%s", len(diags.Errors()), want, listString(diags))
			}
			for _, d := range diags {
				if d.Path == p && d.Line == tc.line && strings.Contains(d.Msg, tc.msg) && strings.Contains(d.Hint, tc.hint) && !d.Warning {
					return
				}
			}
			t.Errorf("no error %s:%d with message %q and hint %q; got:\n%s", p, tc.line, tc.msg, tc.hint, listString(diags))
		})
	}
}

// TestAcceptedVariants checks inputs that must load without any diagnostic,
// and that the body starts at the right line of the file.
func TestAcceptedVariants(t *testing.T) {
	for _, tc := range []struct {
		name, path, src string
		bodyLine        int
		date            string // "" = no date
	}{
		{"yaml", "", "---\ntitle: Titel\ndate: 2021-10-05 10:00\n---\n\nERSTE Zeile.\n", 5, "2021-10-05T08:00:00Z"},
		{"yaml body right after fence", "", "---\ntitle: Titel\ndate: 2021-10-05 10:00\n---\nERSTE Zeile.\n", 5, "2021-10-05T08:00:00Z"},
		{"yaml leading blank lines", "", "\n\n---\ntitle: Titel\ndate: 2021-10-05 10:00\n---\n\nERSTE Zeile.\n", 7, "2021-10-05T08:00:00Z"},
		{"yaml no body", "", "---\ntitle: Titel\ndate: 2021-10-05 10:00\n---\n", 5, "2021-10-05T08:00:00Z"},
		{"yaml multi-line value", "", "---\ntitle: Titel\nsummary: |\n  Zeile eins.\n  title: keine Taste\ndate: 2021-10-05 10:00\n---\n\nERSTE Zeile.\n", 8, "2021-10-05T08:00:00Z"},
		{"yaml body with fence", "", "---\ntitle: Titel\ndate: 2021-10-05 10:00\n---\n\nERSTE Zeile.\n\n---\n\nNach der Linie.\n", 5, "2021-10-05T08:00:00Z"},
		{"toml", "", "+++\ntitle = \"Titel\"\ndate = 2021-10-05T10:00:00\n+++\n\nERSTE Zeile.\n", 5, "2021-10-05T08:00:00Z"},
		{"toml with table", "", "+++\ntitle = \"Titel\"\ndate = 2021-10-05T10:00:00\n\n[[attachments]]\nfile = \"a.pdf\"\n+++\n\nERSTE Zeile.\n", 8, "2021-10-05T08:00:00Z"},
		{"json", "", "{\n  \"title\": \"Titel\",\n  \"date\": \"2021-10-05 10:00\"\n}\n\nERSTE Zeile.\n", 6, "2021-10-05T08:00:00Z"},
		{"json nested", "", "{\n  \"title\": \"Titel\",\n  \"date\": \"2021-10-05 10:00\",\n  \"attachments\": [\n    {\n      \"file\": \"a.pdf\"\n    }\n  ]\n}\n\nERSTE Zeile.\n", 11, "2021-10-05T08:00:00Z"},
		{"byte-order mark", "", "\xef\xbb\xbf---\ntitle: Titel\ndate: 2021-10-05 10:00\n---\n\nERSTE Zeile.\n", 5, "2021-10-05T08:00:00Z"},
		{"byte-order mark toml", "", "\xef\xbb\xbf+++\ntitle = \"Titel\"\ndate = 2021-10-05T10:00:00\n+++\n\nERSTE Zeile.\n", 5, "2021-10-05T08:00:00Z"},
		{"crlf", "", "---\r\ntitle: Titel\r\ndate: 2021-10-05 10:00\r\n---\r\n\r\nERSTE Zeile.\r\n", 5, "2021-10-05T08:00:00Z"},
		{"crlf json", "", "{\r\n  \"title\": \"Titel\",\r\n  \"date\": \"2021-10-05 10:00\"\r\n}\r\n\r\nERSTE Zeile.\r\n", 6, "2021-10-05T08:00:00Z"},
		{"bom and crlf", "", "\xef\xbb\xbf---\r\ntitle: Titel\r\ndate: 2021-10-05 10:00\r\n---\r\n\r\nERSTE Zeile.\r\n", 5, "2021-10-05T08:00:00Z"},
		{"plain page without date", "content/impressum.md", "---\ntitle: Titel\n---\n\nERSTE Zeile.\n", 4, ""},
		{"page section without date", "content/service/faq.md", "---\ntitle: Titel\n---\n\nERSTE Zeile.\n", 4, ""},
		{"empty yaml frontmatter on page", "content/impressum.md", "---\ntitle: Titel\n---\n", 4, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := tc.path
			if p == "" {
				p = "content/pressemitteilungen/2021-10-05-a.md"
			}
			pg := loadOne(t, p, tc.src, map[string]string{"content/pressemitteilungen/a.pdf": "x"})
			if pg.Title != "Titel" {
				t.Errorf("Title = %q, want %q", pg.Title, "Titel")
			}
			if tc.date == "" {
				if !pg.Date.IsZero() {
					t.Errorf("Date = %v, want none", pg.Date)
				}
			} else if !pg.Date.Equal(utc(tc.date)) {
				t.Errorf("Date = %v, want %s", pg.Date, tc.date)
			}
			if pg.BodyLine != tc.bodyLine {
				t.Errorf("BodyLine = %d, want %d", pg.BodyLine, tc.bodyLine)
			}
			if strings.Contains(string(pg.Body), "\r") {
				t.Errorf("Body keeps carriage returns: %q", pg.Body)
			}
			if strings.Contains(string(pg.Body), "title") {
				t.Errorf("Body contains frontmatter: %q", pg.Body)
			}
			// The marker's line in the body, counted from BodyLine, is its
			// line in the file.
			if i := strings.Index(string(pg.Body), "ERSTE"); i >= 0 {
				inBody := strings.Count(string(pg.Body[:i]), "\n")
				src := strings.TrimPrefix(strings.ReplaceAll(tc.src, "\r\n", "\n"), "\xef\xbb\xbf")
				inFile := strings.Count(src[:strings.Index(src, "ERSTE")], "\n") + 1
				if pg.BodyLine+inBody != inFile {
					t.Errorf("marker at body line %d + BodyLine %d - 1 = file line %d, want %d", inBody+1, pg.BodyLine, pg.BodyLine+inBody, inFile)
				}
			}
		})
	}
}

func TestSuggest(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"titel", "title"},
		{"Titel", "title"},
		{"datum", "date"},
		{"tilte", "title"},
		{"tag", "tags"},
		{"organisationen", "organizations"},
		{"sperrfrist", "embargo"},
		{"bild", "image"},
		{"imagealt", "image_alt"},
		{"dates", "date"},
		{"xyzzy", ""},
		{"farbe", ""},
	} {
		if got := Suggest(tc.in); got != tc.want {
			t.Errorf("Suggest(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestMediaType(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"mappe.pdf", "application/pdf"},
		{"MAPPE.PDF", "application/pdf"},
		{"a/b/zahlen.csv", "text/csv"},
		{"foto.JPeG", "image/jpeg"},
		{"bericht.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
		{"bild.webp", "image/webp"},
		{"archiv.zip", "application/zip"},
		{"ohne-endung", "application/octet-stream"},
		{"seltsam.xyz", "application/octet-stream"},
		// The one table serves the preview's outputs too: the feeds by
		// name, the other formats of a site by extension.
		{"feed.xml", "application/rss+xml"},
		{"themen/sgb-ii/atom.xml", "application/atom+xml"},
		{"feed.json", "application/feed+json"},
		{"sitemap.xml", "application/xml"},
		{"daten.json", "application/json"},
		{"index.html", "text/html"},
		{"css/style.1a2b3c.css", "text/css"},
	} {
		if got := MediaType(tc.in); got != tc.want {
			t.Errorf("MediaType(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestBundleFilesLeaveOtherPages checks that a bundle's files are those of
// its own folder and subfolders, not those of a folder that holds another
// page (a nested bundle, an _index.md, any Markdown page).
func TestBundleFilesLeaveOtherPages(t *testing.T) {
	const release = "---\ntitle: T\ndate: 2021-10-05\n---\n\nText.\n"
	pages, diags := load(t, map[string]string{
		"content/pressemitteilungen/x/index.md":                    release,
		"content/pressemitteilungen/x/mappe.pdf":                   pdfData,
		"content/pressemitteilungen/x/beiseite.md":                 release,
		"content/pressemitteilungen/x/bilder/foto.jpg":             jpgData,
		"content/pressemitteilungen/x/bilder/tief/index.md":        release,
		"content/pressemitteilungen/x/bilder/tief/tief.pdf":        pdfData,
		"content/pressemitteilungen/x/gesperrt/index.md":           release,
		"content/pressemitteilungen/x/gesperrt/sperre.pdf":         pdfData,
		"content/pressemitteilungen/x/gesperrt/anhang/liste.csv":   "a;b\n",
		"content/pressemitteilungen/x/liste/_index.md":             release,
		"content/pressemitteilungen/x/liste/liste.pdf":             pdfData,
		"content/pressemitteilungen/x/seite/andere.md":             release,
		"content/pressemitteilungen/x/seite/andere.pdf":            pdfData,
		"content/pressemitteilungen/x/gesperrt/anhang/unter/a.txt": "a",
	})
	if len(diags) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", listString(diags))
	}
	for path, want := range map[string][]string{
		"content/pressemitteilungen/x/index.md":             {"bilder/foto.jpg", "mappe.pdf"},
		"content/pressemitteilungen/x/gesperrt/index.md":    {"anhang/liste.csv", "anhang/unter/a.txt", "sperre.pdf"},
		"content/pressemitteilungen/x/bilder/tief/index.md": {"tief.pdf"},
	} {
		if got := pageAt(t, pages, path).Files; !reflect.DeepEqual(got, want) {
			t.Errorf("%s: Files = %q, want %q", path, got, want)
		}
	}
}
