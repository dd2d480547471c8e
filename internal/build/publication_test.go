package build

import (
	"context"
	"os"
	"path"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"pressroom/internal/publish"
)

// publicationTOML adds a section of kind page to the test site.
const publicationTOML = siteTOML + `
[sections.service]
title = "Service"
kind = "page"
`

var publicationNow = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

func plainPage(title string, extra ...string) string {
	return "---\ntitle: \"" + title + "\"\n" + strings.Join(extra, "\n") + "\n---\n\nText von " + title + ".\n"
}

// TestEmbargoOnEveryKind checks that an embargo, a date ahead and draft
// hold back a page of every kind: plain pages and pages of a section of
// kind page too, with no page, footer link or sitemap entry, and a link to
// one from a published page is an error.
func TestEmbargoOnEveryKind(t *testing.T) {
	s := testSite{
		"site.toml":                       publicationTOML,
		"content/impressum.md":            plainPage("Impressum"),
		"content/sperrseite.md":           plainPage("Gesperrte Seite", "embargo: 2026-11-24 10:00"),
		"content/spaetseite.md":           plainPage("Spaete Seite", "date: 2026-12-01"),
		"content/entwurfseite.md":         plainPage("Entwurfseite", "draft: true"),
		"content/service/anfahrt.md":      plainPage("Anfahrt"),
		"content/service/gesperrt.md":     plainPage("Gesperrter Service", "embargo: 2026-11-24 10:00"),
		"content/service/spaeter.md":      plainPage("Spaeter Service", "date: 2026-12-01"),
		"content/service/entwurf.md":      plainPage("Entwurfservice", "draft: true"),
		"content/service/frueher.md":      plainPage("Frueherer Service", "date: 2026-01-01", "embargo: 2026-02-01"),
		"content/pressemitteilungen/a.md": release("Offen", "2026-01-10"),
	}
	hidden := map[string]string{
		"Gesperrte Seite": "/sperrseite/", "Spaete Seite": "/spaetseite/", "Entwurfseite": "/entwurfseite/",
		"Gesperrter Service": "/service/gesperrt/", "Spaeter Service": "/service/spaeter/", "Entwurfservice": "/service/entwurf/",
	}
	b := buildSite(t, s, Options{Now: publicationNow})
	b.contains("impressum/index.html", "Impressum")
	b.contains("service/anfahrt/index.html", "Anfahrt")
	b.contains("service/frueher/index.html", "Frueherer Service")
	b.contains("index.html", `/impressum/`)
	for title, u := range hidden {
		b.nowhere(title)
		b.nowhere(u)
		if b.has(strings.TrimPrefix(u, "/") + "index.html") {
			t.Errorf("%s (%s) was published", title, u)
		}
	}
	if len(b.res.Site.Held) != len(hidden) {
		t.Errorf("held %d pages, want %d", len(b.res.Site.Held), len(hidden))
	}
	want := time.Date(2026, 11, 24, 10, 0, 0, 0, mustLoc("Europe/Berlin"))
	if got := b.res.Site.NextRelease; !got.Equal(want) {
		t.Errorf("NextRelease = %v, want %v", got, want)
	}

	// Once the embargo lifted, the plain page and the service page are out.
	after := buildSite(t, s, Options{Now: want})
	after.contains("sperrseite/index.html", "Gesperrte Seite")
	after.contains("service/gesperrt/index.html", "Gesperrter Service")
	after.contains("index.html", "/sperrseite/")
	after.contains("sitemap.xml", "/sperrseite/", "/service/gesperrt/")
	after.lacks("sitemap.xml", "/spaetseite/", "/entwurfseite/")

	// With --future and --drafts they are shown, marked and not in the sitemap.
	all := buildSite(t, s, Options{Now: publicationNow, Drafts: true, Future: true})
	all.contains("sperrseite/index.html", "banner-embargo")
	all.contains("entwurfseite/index.html", "banner-draft")
	all.lacks("sitemap.xml", "/sperrseite/", "/entwurfseite/", "/service/gesperrt/")

	// A link from a published page to a held one is an error, for
	// Markdown links and URLs alike.
	for link, why := range map[string]string{
		"sperrseite.md":       "not yet published: content/sperrseite.md is released 2026-11-24 10:00 CET",
		"/sperrseite/":        "not yet published: content/sperrseite.md is released 2026-11-24 10:00 CET",
		"service/gesperrt.md": "not yet published: content/service/gesperrt.md is released 2026-11-24 10:00 CET",
		"/service/spaeter/":   "not yet published: content/service/spaeter.md is released 2026-12-01 00:00 CET",
		"/entwurfseite/":      "not published: content/entwurfseite.md is a draft",
	} {
		bad := testSite{}
		for k, v := range s {
			bad[k] = v
		}
		bad["content/impressum.md"] = plainPage("Impressum") + "\n[Link](" + link + ")\n"
		_, err := tryBuild(bad, Options{Now: publicationNow})
		if err == nil || !strings.Contains(err.Error(), "content/impressum.md:8: link to "+link+": "+why) {
			t.Errorf("link to %s: %v", link, err)
		}
	}
}

// TestFilesOnlyWithPublishedPages checks that a published bundle does not
// copy the files of a nested bundle that is embargoed, nor of a draft, and
// that links to them are errors.
func TestFilesOnlyWithPublishedPages(t *testing.T) {
	s := testSite{
		"site.toml": publicationTOML,
		"content/pressemitteilungen/2026-01-10-aussen/index.md": release("Aussen", "2026-01-10",
			"attachments: [{file: mappe.pdf, title: Mappe}]"),
		"content/pressemitteilungen/2026-01-10-aussen/mappe.pdf":              "mappe",
		"content/pressemitteilungen/2026-01-10-aussen/bilder/offen.png":       string(tinyPNG),
		"content/pressemitteilungen/2026-01-10-aussen/innen/index.md":         release("Innen gesperrt", "2026-11-20", "embargo: 2026-11-24 10:00", "attachments: [{file: innengeheim.pdf}]"),
		"content/pressemitteilungen/2026-01-10-aussen/innen/innengeheim.pdf":  "geheim",
		"content/pressemitteilungen/2026-01-10-aussen/innen/innenbeilage.csv": "geheim",
		"content/pressemitteilungen/2026-01-10-aussen/nebenan.md":             release("Nebenan Entwurf", "2026-01-09", "draft: true", "attachments: [{file: nebengeheim.pdf}]"),
		"content/pressemitteilungen/2026-01-10-aussen/nebengeheim.pdf":        "geheim",
		"content/pressemitteilungen/2026-01-11-entwurf/index.md":              release("Entwurfsbundle", "2026-01-11", "draft: true", "image: entwurfbild.png", "image_alt: Bild"),
		"content/pressemitteilungen/2026-01-11-entwurf/entwurfbild.png":       string(tinyPNG),
		"content/pressemitteilungen/2026-01-11-entwurf/entwurfbeilage.txt":    "geheim",
		"content/service/hilfe/index.md":                                      plainPage("Hilfe"),
		"content/service/hilfe/hilfe.pdf":                                     "hilfe",
		"content/service/hilfe/spaeter/index.md":                              plainPage("Hilfe spaeter", "embargo: 2026-11-24 10:00"),
		"content/service/hilfe/spaeter/spaetgeheim.pdf":                       "geheim",
	}
	b := buildSite(t, s, Options{Now: publicationNow})
	for _, name := range []string{"pressemitteilungen/2026/aussen/mappe.pdf", "pressemitteilungen/2026/aussen/bilder/offen.png", "service/hilfe/hilfe.pdf"} {
		if !b.has(name) {
			t.Errorf("%s missing", name)
		}
	}
	for _, secret := range []string{"innengeheim", "innenbeilage", "nebengeheim", "entwurfbild", "entwurfbeilage", "spaetgeheim", "/innen/", "/spaeter/"} {
		for _, name := range b.mem.Names() {
			if strings.Contains(name, secret) {
				t.Errorf("output %s is a file of an unpublished page", name)
			}
		}
		b.nowhere(secret)
	}

	// Links from a published page to such files find no output.
	for link, why := range map[string]string{
		"innen/innengeheim.pdf":                                 "not yet published: content/pressemitteilungen/2026-01-10-aussen/innen/index.md is released 2026-11-24 10:00 CET",
		"nebengeheim.pdf":                                       "not published: content/pressemitteilungen/2026-01-10-aussen/nebenan.md is a draft",
		"../entwurf/entwurfbild.png":                            "not published: content/pressemitteilungen/2026-01-11-entwurf/index.md is a draft",
		"/pressemitteilungen/2026/entwurf/entwurfbild.png":      "not published: content/pressemitteilungen/2026-01-11-entwurf/index.md is a draft",
		"/pressemitteilungen/2026/aussen/innen/innengeheim.pdf": "no such page",
	} {
		bad := testSite{}
		for k, v := range s {
			bad[k] = v
		}
		bad["content/pressemitteilungen/2026-01-10-aussen/index.md"] += "\n[Datei](" + link + ")\n"
		_, err := tryBuild(bad, Options{Now: publicationNow})
		if err == nil || !strings.Contains(err.Error(), "link to "+link+": "+why) {
			t.Errorf("link to %s: %v", link, err)
		}
	}
	// Naming one as the attachment of a published page is an error at its line.
	bad := testSite{}
	for k, v := range s {
		bad[k] = v
	}
	bad["content/pressemitteilungen/2026-01-10-aussen/index.md"] = release("Aussen", "2026-01-10", "attachments: [{file: innen/innengeheim.pdf}]")
	for _, check := range []bool{false, true} {
		_, err := tryRun(bad, Options{Now: publicationNow}, check)
		want := `content/pressemitteilungen/2026-01-10-aussen/index.md:4: attachments: "innen/innengeheim.pdf" is a file of content/pressemitteilungen/2026-01-10-aussen/innen/index.md, which is not published`
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("attachment of an embargoed bundle (check %v): %v", check, err)
		}
	}

	// Once the embargo lifted, the nested bundle's files are out, at its
	// own URL and not the outer bundle's.
	after := buildSite(t, s, Options{Now: time.Date(2026, 11, 24, 10, 0, 0, 0, mustLoc("Europe/Berlin"))})
	for _, name := range []string{"pressemitteilungen/2026/innen/innengeheim.pdf", "pressemitteilungen/2026/innen/innenbeilage.csv", "service/spaeter/spaetgeheim.pdf"} {
		if !after.has(name) {
			t.Errorf("%s missing after the embargo", name)
		}
	}
	for _, name := range after.mem.Names() {
		if strings.HasPrefix(name, "pressemitteilungen/2026/aussen/innen/") {
			t.Errorf("%s: a nested bundle's file published with the outer one", name)
		}
	}
}

// TestEmbargoPreviewFiles checks that the embargo preview has its image
// and attachments under its own folder, and that they are nowhere else.
func TestEmbargoPreviewFiles(t *testing.T) {
	s := testSite{
		"site.toml": publicationTOML,
		"content/pressemitteilungen/2026-11-20-alt.md": release("Alt", "2026-11-20"),
		"content/pressemitteilungen/2026-11-24-vorab/index.md": release("Vorab mit Dateien", "2026-11-24 08:00", "embargo: 2026-11-24 10:00", "embargo_preview: true",
			"image: vorabfoto.png", "image_alt: Foto", "attachments: [{file: vorabmappe.pdf, title: Mappe}, {file: daten/vorabzahlen.csv}]") +
			"\n[Mappe im Text](vorabmappe.pdf)\n",
		"content/pressemitteilungen/2026-11-24-vorab/vorabfoto.png":         string(tinyPNG),
		"content/pressemitteilungen/2026-11-24-vorab/vorabmappe.pdf":        "pdf",
		"content/pressemitteilungen/2026-11-24-vorab/daten/vorabzahlen.csv": "csv",
		"content/pressemitteilungen/2026-11-24-vorab/vorabbeilage.txt":      "txt",
	}
	b := buildSite(t, s, Options{Now: publicationNow, PreviewSecret: "geheim-geheim-Vorschau-2026"})
	var preview string
	for _, n := range b.mem.Names() {
		if strings.HasPrefix(n, "vorschau/") && strings.HasSuffix(n, "/index.html") {
			preview = n
		}
	}
	if preview == "" {
		t.Fatalf("no preview page: %v", b.mem.Names())
	}
	dir := strings.TrimSuffix(preview, "index.html")
	html := b.file(preview)
	refs := regexp.MustCompile(`(?:src|href)="([^"]*vorab[^"]*)"`).FindAllStringSubmatch(html, -1)
	seen := map[string]bool{}
	for _, m := range refs {
		ref := strings.TrimPrefix(m[1], "https://presse.example.org/")
		if !strings.HasPrefix(ref, dir) {
			ref = dir + ref
		}
		seen[strings.TrimPrefix(ref, dir)] = true
		if !b.has(ref) {
			t.Errorf("preview refers to %s, which is not in the output", m[1])
		}
	}
	for f := range seen {
		if strings.HasSuffix(f, "-vorabfoto.png") {
			seen["vorabfoto.png"] = true // the photo as its cleaned original, named after the page
		}
	}
	for _, f := range []string{"vorabfoto.png", "vorabmappe.pdf", "daten/vorabzahlen.csv"} {
		if !seen[f] {
			t.Errorf("preview does not refer to %s; refs %v", f, refs)
		}
	}
	if !b.has(dir + "vorabbeilage.txt") {
		t.Errorf("the bundle's own file is missing from the preview folder")
	}
	token := strings.TrimSuffix(strings.TrimPrefix(dir, "vorschau/"), "/")
	for _, n := range b.mem.Names() {
		if strings.HasPrefix(n, dir) {
			continue
		}
		if strings.Contains(n, "vorab") {
			t.Errorf("%s: a file of the preview outside its folder", n)
		}
		data, _ := b.mem.Get(n)
		for _, secret := range []string{"Vorab mit Dateien", token, "vorabfoto", "vorabmappe", "vorabzahlen", "vorabbeilage"} {
			if strings.Contains(string(data), secret) {
				t.Errorf("%s mentions %q", n, secret)
			}
		}
	}
}

// TestNothingUnpublishedLeaks builds a site with a held page of every kind
// (release, paper, page of a section of kind page, plain page) and every
// reason (draft, embargo, date ahead), each a bundle with aliases, topics,
// an issuer, attachments, an image and a file of its own, beside published
// pages that share its topics and issuer, and asserts that no output file,
// nor any output's name, holds its title, URL, slug, alias or file names.
func TestNothingUnpublishedLeaks(t *testing.T) {
	s := testSite{
		"site.toml":                publicationTOML,
		"content/impressum.md":     plainPage("Impressum", "tags: [Gemeinsam]"),
		"content/service/offen.md": plainPage("Offener Service"),
	}
	folders := map[string]string{"release": "pressemitteilungen/", "paper": "positionspapiere/", "section": "service/", "plain": ""}
	for kind, folder := range folders {
		if kind != "section" && kind != "plain" {
			s["content/"+folder+"2026-01-01-offen.md"] = release("Offen "+kind, "2026-01-01", "tags: [Gemeinsam]", "organizations: [buendnis]")
			s["content/"+folder+"2026-12-24-spaeter-offen.md"] = release("Nachher "+kind, "2026-11-22", "tags: [Gemeinsam]", "organizations: [buendnis]")
		}
		for status, fm := range map[string][]string{
			"draft":   {"date: 2026-06-01", "draft: true"},
			"embargo": {"date: 2026-06-01", "embargo: 2026-11-24 10:00"},
			"future":  {"date: 2026-12-01"},
		} {
			token := "xq" + kind + status
			dir := "content/" + folder + token + "/"
			extra := append([]string{
				"title: \"Titel " + strings.ToUpper(token) + "\"",
				"summary: \"Zusammenfassung " + token + "\"",
				"tags: [Gemeinsam, Thema " + token + "]",
				"organizations: [buendnis]",
				"aliases: [/alt/" + token + "-alias/]",
				"attachments: [{file: " + token + "-anhang.pdf, title: Anhang " + token + "}]",
				"image: " + token + "-bild.png",
				"image_alt: Bild " + token,
			}, fm...)
			s[dir+"index.md"] = "---\n" + strings.Join(extra, "\n") + "\n---\n\nText " + token + ".\n"
			s[dir+token+"-anhang.pdf"] = "%PDF " + token
			s[dir+token+"-bild.png"] = "png " + token
			s[dir+token+"-beilage.txt"] = "txt " + token
		}
	}
	b := buildSite(t, s, Options{Now: publicationNow})
	if n := len(b.res.Site.Held); n != 12 {
		t.Errorf("%d pages held, want 12", n)
	}
	b.contains("themen/gemeinsam/index.html", "Nachher release", "Nachher paper")
	b.contains("organisationen/buendnis/index.html", "Nachher release")
	b.contains("pressemitteilungen/2026/offen/index.html", "/pressemitteilungen/2026/spaeter-offen/")
	for _, name := range b.mem.Names() {
		if strings.Contains(strings.ToLower(name), "xq") {
			t.Errorf("output %s belongs to an unpublished page", name)
		}
		data, _ := b.mem.Get(name)
		if i := strings.Index(strings.ToLower(string(data)), "xq"); i >= 0 {
			t.Errorf("%s mentions an unpublished page: …%s…", name, data[max(0, i-40):min(len(data), i+40)])
		}
	}
}

// TestNestedBundleComesAndGoes checks that a rebuild after a page appears
// in or leaves a folder below a bundle gives the bundle the files a full
// build gives it: the nested page's files move between the two.
func TestNestedBundleComesAndGoes(t *testing.T) {
	fsys := testSite{
		"site.toml": publicationTOML,
		"content/pressemitteilungen/2026-01-10-aussen/index.md":            release("Aussen", "2026-01-10"),
		"content/pressemitteilungen/2026-01-10-aussen/innen/innen.pdf":     "pdf",
		"content/pressemitteilungen/2026-01-10-aussen/innen/tief/a.txt":    "txt",
		"content/pressemitteilungen/2026-01-10-aussen/innen/tief/b.txt":    "txt",
		"content/pressemitteilungen/2026-01-10-aussen/innen/tief/c.csv":    "csv",
		"content/pressemitteilungen/2026-01-10-aussen/innen/index.md":      release("Innen", "2026-01-09", "embargo: 2026-11-24 10:00"),
		"content/pressemitteilungen/2026-01-10-aussen/innen/tief/seite.md": release("Tief", "2026-01-08"),
	}.fs()
	opts := Options{Site: fsys, Theme: os.DirFS(repoRoot), Now: publicationNow}
	served := publish.NewMemory()
	b := NewPreview(opts)
	batch := served.Begin()
	if _, err := b.Full(context.Background(), batch); err != nil {
		t.Fatal(err)
	}
	batch.Commit()
	for step, name := range []string{
		"content/pressemitteilungen/2026-01-10-aussen/innen/index.md",
		"content/pressemitteilungen/2026-01-10-aussen/innen/tief/seite.md",
		"content/pressemitteilungen/2026-01-10-aussen/innen/index.md",
		"content/pressemitteilungen/2026-01-10-aussen/innen/tief/seite.md",
	} {
		if _, ok := fsys[name]; ok {
			delete(fsys, name)
		} else {
			fsys[name] = &fstest.MapFile{Data: []byte(release("Innen "+path.Base(name), "2026-01-09", "embargo: 2026-11-24 10:00"))}
		}
		batch := served.Begin()
		if _, err := b.Update(context.Background(), []string{name}, batch); err != nil {
			t.Fatalf("step %d: %v", step, err)
		}
		batch.Commit()
		full, err := tryBuildFS(fsys, opts)
		if err != nil {
			t.Fatal(err)
		}
		if diff := compareMemory(full, served); diff != "" {
			t.Errorf("step %d (%s): incremental differs from full:\n%s", step, name, diff)
		}
	}
}
