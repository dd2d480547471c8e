package build

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"encoding/xml"
	"html"
	"io"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"pressroom/internal/content"
)

// wellFormedXML tells whether doc is well-formed XML for encoding/xml.
func wellFormedXML(doc string) error {
	d := xml.NewDecoder(strings.NewReader(doc))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// strictlyClean reports the first byte of a control character other than
// tab, line feed and carriage return in any output file.
func (b *built) strictlyClean() {
	b.t.Helper()
	for _, name := range b.mem.Names() {
		data, _ := b.mem.Get(name)
		if strings.HasPrefix(content.MediaType(name), "image/") {
			continue // the theme's icons: binary, not text
		}
		if strings.HasSuffix(name, ".gz") { // the search index: gzip-compressed JSON
			zr, err := gzip.NewReader(bytes.NewReader(data))
			if err == nil {
				data, err = io.ReadAll(zr)
			}
			if err != nil {
				b.t.Errorf("%s: %v", name, err)
				continue
			}
		}
		if i := bytes.IndexFunc(data, func(r rune) bool {
			return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xfffe || r == 0xffff
		}); i >= 0 {
			b.t.Errorf("%s has a control character at %d: %q", name, i, data[max(0, i-20):min(len(data), i+20)])
		}
	}
}

// TestControlCharactersAreRemoved: text pasted from Word brings vertical
// tabs and form feeds, in the file itself or as escapes in quoted YAML
// and JSON strings; every feed still parses, no output holds them, and a
// warning names the file and line of each.
func TestControlCharactersAreRemoved(t *testing.T) {
	s := testSite{
		"site.toml": siteTOML,
		"content/pressemitteilungen/2025-03-01-word.md": "---\ntitle: \"Zahlen\vund\fFakten\"\ndate: 2025-03-01 10:00\n" +
			"summary: Kurz\vgefasst\x01.\ntags: [Arbeit\f Markt]\nplace: Köln\x00\n---\n\nErster\vAbsatz\f mit \x1bSteuerzeichen &#11; und &#xC;.\n\nZweiter\x7f Absatz.\n",
		"content/pressemitteilungen/2025-03-02-escape.md": "---\ntitle: \"Escape\\v im Titel\"\ndate: 2025-03-02 10:00\n" +
			"summary: \"Kurz\\fgefasst\"\n---\n\nText.\n",
		"content/positionspapiere/json.md": "{\n  \"title\": \"JSON\\u000bTitel\",\n  \"date\": \"2025-03-03\"\n}\n\nText\u0085 mit \uFFFF.\n",
	}
	b := buildSite(t, s, Options{})
	for _, name := range b.mem.Names() {
		if strings.HasSuffix(name, ".xml") {
			if err := wellFormedXML(b.file(name)); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
		if strings.HasSuffix(name, ".json") {
			var v any
			if err := json.Unmarshal([]byte(b.file(name)), &v); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
	}
	b.strictlyClean()
	b.contains("pressemitteilungen/2025/word/index.html", "Zahlen und Fakten", "Erster Absatz  mit Steuerzeichen")
	b.contains("feed.xml", "<title>Zahlen und Fakten</title>", "Kurz gefasst.")
	b.contains("pressemitteilungen/2025/escape/index.html", "Escape  im Titel")
	b.contains("positionspapiere/json/index.html", "JSON Titel")
	var got []string
	for _, w := range b.res.Warnings {
		if strings.Contains(w.Msg, "U+") {
			got = append(got, w.String())
		}
	}
	want := []string{
		"content/positionspapiere/json.md:2: warning: control character U+000B (vertical tab) removed",
		"content/positionspapiere/json.md:6: warning: control characters U+0085, U+FFFF (noncharacter) removed",
		"content/pressemitteilungen/2025-03-01-word.md:2: warning: control characters U+000B (vertical tab), U+000C (form feed) removed",
		"content/pressemitteilungen/2025-03-01-word.md:4: warning: control characters U+000B (vertical tab), U+0001 removed",
		"content/pressemitteilungen/2025-03-01-word.md:5: warning: control character U+000C (form feed) removed",
		"content/pressemitteilungen/2025-03-01-word.md:6: warning: control character U+0000 (NUL) removed",
		"content/pressemitteilungen/2025-03-01-word.md:9: warning: control characters U+000B (vertical tab), U+000C (form feed), U+001B (escape) removed",
		"content/pressemitteilungen/2025-03-01-word.md:11: warning: control character U+007F (delete) removed",
		"content/pressemitteilungen/2025-03-02-escape.md:2: warning: control character U+000B (vertical tab) removed",
		"content/pressemitteilungen/2025-03-02-escape.md:4: warning: control character U+000C (form feed) removed",
	}
	if len(got) != len(want) {
		t.Fatalf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("warning %d:\n%s\nwant:\n%s", i, got[i], want[i])
		}
	}
}

// TestFileNamesAreEncodedInURLs: a download or image whose name has "#",
// "?", "%" or spaces is linked so that the link, resolved against the
// page and percent-decoded, names the file in the output, on the page and
// in every feed.
func TestFileNamesAreEncodedInURLs(t *testing.T) {
	names := []string{"Bericht #2.pdf", "a?b.pdf", "100%.pdf", "mit leer zeichen.pdf", "Größe & Maß.pdf"}
	front := "attachments:\n"
	for _, n := range names {
		front += "  - file: \"" + n + "\"\n"
	}
	s := testSite{
		"site.toml": siteTOML,
		"content/pressemitteilungen/2025-03-01-dateien/index.md":         release("Dateien", "2025-03-01 10:00", front+"image: \"Foto #1 100%.png\"\nimage_alt: Foto"),
		"content/pressemitteilungen/2025-03-01-dateien/Foto #1 100%.png": string(tinyPNG),
		"content/positionspapiere/papier/index.md":                       release("Papier", "2025-03-02", front),
	}
	for _, n := range names {
		s["content/pressemitteilungen/2025-03-01-dateien/"+n] = "%PDF-1.4"
		s["content/positionspapiere/papier/"+n] = "%PDF-1.4"
	}
	b := buildSite(t, s, Options{})
	check := func(where, ref string, base *url.URL) {
		t.Helper()
		u, err := url.Parse(html.UnescapeString(ref))
		if err != nil {
			t.Errorf("%s: %q: %v", where, ref, err)
			return
		}
		abs := base.ResolveReference(u)
		if abs.RawQuery != "" || abs.Fragment != "" || abs.Host != base.Host {
			t.Errorf("%s: %q resolves to %s, with a query or fragment", where, ref, abs)
			return
		}
		if !b.has(strings.TrimPrefix(abs.Path, "/")) {
			t.Errorf("%s: %q resolves to %s, which is not in the output", where, ref, abs.Path)
		}
	}
	attr := regexp.MustCompile(`<a href="([^"]*)" download|<img src="([^"]*)"|<(?:enclosure|link) [^>]*(?:url|href)="([^"]*\.(?:pdf|png))"|"url": "([^"]*\.pdf)"|"image": "([^"]*)"`)
	for _, page := range []string{"pressemitteilungen/2025/dateien/", "positionspapiere/papier/"} {
		base, _ := url.Parse("https://presse.example.org/" + page)
		for _, file := range []string{page + "index.html", "feed.xml", "atom.xml", "feed.json"} {
			n := 0
			for _, m := range attr.FindAllStringSubmatch(b.file(file), -1) {
				for _, ref := range m[1:] {
					if ref != "" && !strings.Contains(ref, "/assets/") {
						if strings.HasSuffix(file, ".json") {
							ref = strings.ReplaceAll(ref, `\u0026`, "&")
						}
						check(file, ref, base)
						n++
					}
				}
			}
			if n == 0 {
				t.Errorf("%s: no file links found", file)
			}
		}
	}
}

// TestHeadingIDsAreUniqueOnThePage: body headings named like the ids of
// the theme (Pressekontakt, Downloads, …) get other ids; no page has an
// id twice.
func TestHeadingIDsAreUniqueOnThePage(t *testing.T) {
	body := "\n\n## Pressekontakt\n\nText.\n\n## Downloads\n\n## Inhalt\n\n## Related\n\n## Topics\n\n## TOC Title\n\n" +
		"## Entries Title\n\n## Latest Releases\n\n## Latest Papers\n\n## Downloads\n\n### Downloads 1\n"
	att := "tags: [Arbeit]\nattachments: [{file: m.pdf, title: Mappe}]"
	s := testSite{
		"site.toml": siteTOML,
		"content/pressemitteilungen/2025-03-01-a/index.md": release("A", "2025-03-01 10:00", att) + body,
		"content/pressemitteilungen/2025-03-01-a/m.pdf":    "%PDF-1.4",
		"content/pressemitteilungen/2025-03-02-b.md":       release("B", "2025-03-02 10:00", "tags: [Arbeit]") + body,
		"content/positionspapiere/p/index.md":              release("P", "2025-03-03", att) + body,
		"content/positionspapiere/p/m.pdf":                 "%PDF-1.4",
		"content/impressum/index.md":                       "---\ntitle: Impressum\n" + att + "\n---\n" + body,
		"content/impressum/m.pdf":                          "%PDF-1.4",
	}
	b := buildSite(t, s, Options{})
	id := regexp.MustCompile(`\sid="([^"]*)"`)
	for _, name := range b.mem.Names() {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		seen := map[string]bool{}
		for _, m := range id.FindAllStringSubmatch(b.file(name), -1) {
			if seen[m[1]] {
				t.Errorf("%s: id %q twice", name, m[1])
			}
			seen[m[1]] = true
		}
	}
	b.contains("pressemitteilungen/2025/a/index.html", `id="pressekontakt"`, `<h2 id="pressekontakt-1">Pressekontakt</h2>`, `id="downloads-2"`, `id="downloads-1-1"`)
}

// TestUnicodeNamesAndTags: a file name saved on macOS (NFD) gives the same
// slug as in NFC, a tag in NFD and in NFC is one topic, a file named in
// NFC in the frontmatter is found in NFD on disk, and topics in other
// scripts keep a page of their own.
func TestUnicodeNamesAndTags(t *testing.T) {
	nfd := "fu\u0308nf" // "fünf" as macOS writes it
	s := testSite{
		"site.toml": siteTOML,
		"content/pressemitteilungen/2025-03-01-" + nfd + "-millionen.md":  release("NFD", "2025-03-01 10:00", "tags: [\"F"+strings.TrimPrefix(nfd, "f")+" Sterne\", Łódź]"),
		"content/pressemitteilungen/2025-03-02-b/index.md":                release("NFC", "2025-03-02 10:00", "tags: [Fünf Sterne, Nguyễn, Αθήνα, Москва, 日本, 中国]", "attachments: [{file: Bericht-fünf.pdf}]"),
		"content/pressemitteilungen/2025-03-02-b/Bericht-" + nfd + ".pdf": "%PDF-1.4",
		"content/pressemitteilungen/2025-03-03-c.md":                      release("C", "2025-03-03 10:00", "tags: [\"!!!\"]"),
	}
	b := buildSite(t, s, Options{})
	b.contains("pressemitteilungen/2025/fuenf-millionen/index.html", "NFD")
	for _, topic := range []string{"fuenf-sterne", "lodz", "nguyen", "athina", "moskva", "u65e5-u672c", "u4e2d-u56fd"} {
		if !b.has("themen/" + topic + "/index.html") {
			t.Errorf("no topic page themen/%s/", topic)
		}
	}
	// One page for the NFD and the NFC tag, with both releases.
	b.contains("themen/fuenf-sterne/index.html", ">NFD<", ">NFC<", "Fünf Sterne")
	b.lacks("themen/fuenf-sterne/index.html", nfd)
	n := 0
	for _, name := range b.mem.Names() {
		if strings.HasPrefix(name, "themen/") && strings.HasSuffix(name, "/index.html") && name != "themen/index.html" {
			n++
		}
	}
	if n != 7 {
		t.Errorf("%d topic pages, want 7: %v", n, b.mem.Names())
	}
	b.contains("pressemitteilungen/2025/b/index.html", `href="Bericht-fu%CC%88nf.pdf"`)
	if !b.has("pressemitteilungen/2025/b/Bericht-" + nfd + ".pdf") {
		t.Error("the attachment is not published")
	}
	found := false
	for _, w := range b.res.Warnings {
		if w.Path == "content/pressemitteilungen/2025-03-03-c.md" && w.Line == 4 && strings.Contains(w.Msg, `the tag "!!!" has no letter or digit`) {
			found = true
		}
	}
	if !found {
		t.Errorf("no warning about the tag without letters: %v", b.res.Warnings)
	}
}

// TestDatesNearMidnightAgree: a date near the turn of the year, given in
// the site's timezone or with another offset, shows the same year in the
// URL, on the page and in every feed: that of the site's timezone.
func TestDatesNearMidnightAgree(t *testing.T) {
	for _, tc := range []struct {
		date, year, day string
	}{
		{"2025-12-31 23:30", "2025", "31. Dezember 2025"},
		{"2025-12-31T23:30:00+01:00", "2025", "31. Dezember 2025"},
		{"2025-12-31T23:30:00+14:00", "2025", "31. Dezember 2025"}, // 10:30 in Berlin
		{"2025-12-31T23:30:00-12:00", "2026", "1. Januar 2026"},    // 12:30 the next day in Berlin
		{"2026-01-01T00:30:00+14:00", "2025", "31. Dezember 2025"}, // 11:30 the day before
		{"2025-12-31T23:30:00Z", "2026", "1. Januar 2026"},         // 00:30 in Berlin
		{"\"2025-12-31T22:59:59Z\"", "2025", "31. Dezember 2025"},  // 23:59:59 in Berlin
		{"2025-12-31T23:30:00-12:00\nupdated: 2026-01-01T10:00:00-12:00", "2026", "1. Januar 2026"},
	} {
		s := testSite{
			"site.toml": siteTOML,
			"content/pressemitteilungen/silvester.md": release("Silvester", tc.date),
		}
		b := buildSite(t, s, Options{})
		page := "pressemitteilungen/" + tc.year + "/silvester/index.html"
		if !b.has(page) {
			t.Errorf("%s: no %s; have %v", tc.date, page, b.mem.Names())
			continue
		}
		b.contains(page, tc.day)
		b.contains("pressemitteilungen/"+tc.year+"/index.html", "Silvester")
		var rss struct {
			Items []struct {
				Link    string `xml:"link"`
				PubDate string `xml:"pubDate"`
			} `xml:"channel>item"`
		}
		if err := xml.Unmarshal([]byte(b.file("feed.xml")), &rss); err != nil || len(rss.Items) != 1 {
			t.Fatalf("%s: feed.xml: %v %+v", tc.date, err, rss)
		}
		if !strings.Contains(rss.Items[0].PubDate, " "+tc.year+" ") || !strings.Contains(rss.Items[0].Link, "/"+tc.year+"/") {
			t.Errorf("%s: RSS item %+v, want the year %s", tc.date, rss.Items[0], tc.year)
		}
		var atom struct {
			Entries []struct {
				Published string `xml:"published"`
			} `xml:"entry"`
		}
		if err := xml.Unmarshal([]byte(b.file("atom.xml")), &atom); err != nil || len(atom.Entries) != 1 {
			t.Fatalf("%s: atom.xml: %v", tc.date, err)
		}
		if !strings.HasPrefix(atom.Entries[0].Published, tc.year+"-") {
			t.Errorf("%s: Atom entry published %s, want the year %s", tc.date, atom.Entries[0].Published, tc.year)
		}
		var jf struct {
			Items []struct {
				DatePublished string `json:"date_published"`
			} `json:"items"`
		}
		if err := json.Unmarshal([]byte(b.file("feed.json")), &jf); err != nil || len(jf.Items) != 1 {
			t.Fatalf("%s: feed.json: %v", tc.date, err)
		}
		if !strings.HasPrefix(jf.Items[0].DatePublished, tc.year+"-") {
			t.Errorf("%s: JSON item published %s, want the year %s", tc.date, jf.Items[0].DatePublished, tc.year)
		}
	}
}
