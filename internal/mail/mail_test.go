package mail

import (
	"bufio"
	"bytes"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"pressroom/internal/build"
	"pressroom/internal/site"
)

const testTOML = `title = "Presse Musterverband"
baseURL = "https://presse.example.org/verband/"
language = "de"
copyright = "© 2026 Musterverband e. V."

[[organizations]]
id = "verband"
name = "Kommunaler Musterverband e. V."
url = "https://www.example.org/"
about = "Der **Musterverband** vertritt 120 Landkreise. [Satzung](https://www.example.org/satzung/)"
contacts = ["presse"]

[[contacts]]
id = "presse"
name = "Jörg Übelhör"
role = "Pressesprecher"
phone = "+49 30 123456-0"
email = "presse@musterverband.example.org"

[sections.pressemitteilungen]
kind = "release"

[sections.positionspapiere]
kind = "paper"
`

const releaseMD = `---
title: "Förderung für Ausbildung: Kreise schlagen Alarm über gekürzte Mittel"
date: 2026-03-12 09:00
place: Köln
tags: [Ausbildung, SGB II]
image: foto.png
image_alt: Auszubildende in einer Werkstatt
image_credit: "Foto: Musterverband"
attachments:
  - {file: positionen.pdf, title: Positionen des Verbands}
---
Die Landkreise fordern **verlässliche Mittel** für die Ausbildung.[^1]

## Was jetzt nötig ist

- mehr Geld für Maßnahmen,
- weniger Bürokratie.

Mehr im [Bericht](bericht.pdf), in der [letzten Meldung](../2026-01-10-vorher.md) und bei der [Agentur](https://www.example.com/a?x=1&y=2).

| Jahr | Mittel |
| --- | --- |
| 2025 | 1,2 Mrd. |

[^1]: Nach Angaben der Kreise.
`

func testFiles() map[string]string {
	return map[string]string{
		"site.toml": testTOML,
		"content/pressemitteilungen/2026-03-12-ausbildung/index.md":       releaseMD,
		"content/pressemitteilungen/2026-03-12-ausbildung/foto.png":       "png",
		"content/pressemitteilungen/2026-03-12-ausbildung/positionen.pdf": strings.Repeat("%PDF ", 300),
		"content/pressemitteilungen/2026-03-12-ausbildung/bericht.pdf":    "%PDF",
		"content/pressemitteilungen/2026-01-10-vorher.md":                 "---\ntitle: Vorher\ndate: 2026-01-10\n---\nText.\n",
	}
}

var testNow = time.Date(2026, 3, 20, 8, 0, 0, 0, time.UTC)

// edition makes the edition of the file at rel of the site as pressroom
// mail does.
func edition(t *testing.T, files map[string]string, rel string, embargo time.Time) *Edition {
	t.Helper()
	m := fstest.MapFS{}
	for name, text := range files {
		m[name] = &fstest.MapFile{Data: []byte(text)}
	}
	ld, diags := build.Load(build.Options{Site: m, Theme: os.DirFS(filepath.Join("..", "..")), Now: testNow, Future: true})
	if diags.HasErrors() {
		t.Fatalf("load: %v", diags.Err())
	}
	var page *site.Page
	for _, p := range ld.Site.Pages {
		if p.Path == rel {
			page = p
		}
	}
	if page == nil {
		t.Fatalf("no page %s", rel)
	}
	about, bodies, d := ld.Bodies(ld.Site, []*site.Page{page})
	if d.HasErrors() {
		t.Fatalf("bodies: %v", d.Err())
	}
	e, err := Compose(Release{Config: ld.Config, Page: page, Body: bodies[page], About: about, Embargo: embargo})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

const releasePath = "content/pressemitteilungen/2026-03-12-ausbildung/index.md"

// parts reads a message with net/mail and mime/multipart: its header and
// each part's content type and decoded text.
func parts(t *testing.T, raw []byte) (*mail.Message, []string, []string) {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("net/mail: %v", err)
	}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/alternative" {
		t.Fatalf("Content-Type %q (%v), want multipart/alternative", msg.Header.Get("Content-Type"), err)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	var types, texts []string
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(p) // quoted-printable decoded by the reader
		if err != nil {
			t.Fatal(err)
		}
		types = append(types, p.Header.Get("Content-Type"))
		texts = append(texts, strings.ReplaceAll(string(data), "\r\n", "\n"))
	}
	return msg, types, texts
}

func TestEditionParts(t *testing.T) {
	e := edition(t, testFiles(), releasePath, time.Time{})
	raw := e.Message(nil, testNow)
	msg, types, texts := parts(t, raw)
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "Pressemitteilung: Förderung für Ausbildung: Kreise schlagen Alarm über gekürzte Mittel"; subject != want {
		t.Errorf("subject %q, want %q", subject, want)
	}
	from, err := msg.Header.AddressList("From")
	if err != nil || len(from) != 1 || from[0].Name != "Jörg Übelhör" || from[0].Address != "presse@musterverband.example.org" {
		t.Errorf("From %v (%v), want the press contact", from, err)
	}
	if got := msg.Header.Get("To"); got != "undisclosed-recipients:;" {
		t.Errorf("To %q of a message to no one", got)
	}
	if d, err := msg.Header.Date(); err != nil || !d.Equal(testNow) {
		t.Errorf("Date %v (%v), want %v", d, err, testNow)
	}
	if id := msg.Header.Get("Message-ID"); !regexp.MustCompile(`^<[0-9a-f]{32}\.pressroom@presse\.example\.org>$`).MatchString(id) {
		t.Errorf("Message-ID %q", id)
	}
	if got := strings.Join(types, ", "); got != "text/plain; charset=utf-8, text/html; charset=utf-8" {
		t.Fatalf("parts %s", got)
	}
	text, html := texts[0], texts[1]
	pageURL := "https://presse.example.org/verband/pressemitteilungen/2026/ausbildung/"
	for _, want := range []string{
		"Pressemitteilung\n\nFörderung für Ausbildung: Kreise schlagen Alarm über gekürzte Mittel\n=====",
		"12. März 2026 · Kommunaler Musterverband e. V.",
		"Köln, 12. März 2026 – Die Landkreise fordern verlässliche Mittel für die\nAusbildung.[1]",
		"Was jetzt nötig ist\n-------------------",
		"- mehr Geld für Maßnahmen,\n- weniger Bürokratie.",
		"Jahr | Mittel\n2025 | 1,2 Mrd.",
		"[Auszubildende in einer Werkstatt – Foto: Musterverband]\n<" + pageURL + "foto.png>",
		"Downloads\n---------\n\n- Positionen des Verbands (PDF, 1,5 KB)\n  " + pageURL + "positionen.pdf",
		"Themen: Ausbildung, SGB II",
		"Pressekontakt\n-------------\n\nJörg Übelhör\nPressesprecher\nTelefon: +49 30 123456-0\nE-Mail: presse@musterverband.example.org",
		"Über Kommunaler Musterverband e. V.\n",
		"Der Musterverband vertritt 120 Landkreise. Satzung\n<https://www.example.org/satzung/>",
		"Diese Pressemitteilung im Web:\n" + pageURL,
		"© 2026 Musterverband e. V.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text part lacks %q:\n%s", want, text)
		}
	}
	flat := strings.Join(strings.Fields(text), " ")
	for _, want := range []string{
		"Bericht <" + pageURL + "bericht.pdf>",
		"letzten Meldung <https://presse.example.org/verband/pressemitteilungen/2026/vorher/>",
		"Agentur <https://www.example.com/a?x=1&y=2>",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("text part lacks %q:\n%s", want, text)
		}
	}
	for _, line := range strings.Split(text, "\n") {
		if n := len([]rune(line)); n > width && !strings.Contains(line, "https://") {
			t.Errorf("text line of %d characters: %q", n, line)
		}
	}
	for _, want := range []string{
		`<html lang="de">`,
		`<h1 style="`, ">Förderung für Ausbildung: Kreise schlagen Alarm über gekürzte Mittel</h1>",
		`<span class="dateline" style="font-weight:bold;">Köln, 12. März 2026 – </span>Die Landkreise`,
		`<img src="` + pageURL + `foto.png" alt="Auszubildende in einer Werkstatt"`,
		`<a href="` + pageURL + `positionen.pdf" type="application/pdf"`, `(PDF, 1,5 KB)`,
		`<a href="https://presse.example.org/verband/pressemitteilungen/2026/vorher/" style="`,
		`<a href="https://www.example.com/a?x=1&amp;y=2" style="`,
		`<a href="tel:+49301234560" `, `<a href="mailto:presse@musterverband.example.org"`,
		`<a href="https://www.example.org/satzung/" style="`,
		`<table style="`, `<td style="`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML part lacks %s:\n%s", want, html)
		}
	}
	// Every link and image absolute, every style inline.
	for _, m := range regexp.MustCompile(`(?:href|src)="([^"]*)"`).FindAllStringSubmatch(html, -1) {
		if !regexp.MustCompile(`^(https://|mailto:|tel:)`).MatchString(m[1]) {
			t.Errorf("link %q is not absolute", m[1])
		}
	}
	if strings.Contains(html, "<style") || strings.Contains(html, "<link") || strings.Contains(html, "<script") {
		t.Errorf("HTML part relies on a style sheet or script:\n%s", html)
	}
	for _, tag := range regexp.MustCompile(`<(p|h1|h2|ul|li|a|table|td|th)\b[^>]*>`).FindAllString(html, -1) {
		if !strings.Contains(tag, ` style="`) {
			t.Errorf("element without inline style: %s", tag)
		}
	}
	// The raw message: CRLF only, short lines, 7 bit.
	for i, line := range strings.Split(string(raw), "\r\n") {
		if strings.Contains(line, "\n") || len(line) > 78 {
			t.Errorf("raw line %d (%d bytes, LF alone or too long): %q", i+1, len(line), line)
		}
		for _, c := range []byte(line) {
			if c >= 0x80 {
				t.Fatalf("raw line %d has 8-bit bytes: %q", i+1, line)
			}
		}
	}
}

func TestEditionReproducible(t *testing.T) {
	e := edition(t, testFiles(), releasePath, time.Time{})
	a := e.Message(nil, testNow)
	if b := edition(t, testFiles(), releasePath, time.Time{}).Message(nil, testNow); !bytes.Equal(a, b) {
		t.Error("the same release and date gave two different messages")
	}
	ids := map[string]bool{}
	for _, to := range []string{"a@example.org", "b@example.org"} {
		msg, _, _ := parts(t, e.Message([]*mail.Address{{Address: to}}, testNow))
		if got := msg.Header.Get("To"); got != "<"+to+">" {
			t.Errorf("To %q, want %s alone", got, to)
		}
		ids[msg.Header.Get("Message-ID")] = true
	}
	msg, _, _ := parts(t, e.Message(nil, testNow.Add(time.Hour)))
	ids[msg.Header.Get("Message-ID")] = true
	if len(ids) != 3 {
		t.Errorf("Message-IDs not unique per recipient and date: %v", ids)
	}
}

func TestEmbargoEdition(t *testing.T) {
	embargo := time.Date(2026, 3, 12, 10, 0, 0, 0, time.FixedZone("CET", 3600))
	e := edition(t, testFiles(), releasePath, embargo)
	msg, _, texts := parts(t, e.Message(nil, testNow))
	subject, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if want := "SPERRFRIST: 12. März 2026, 10:00 Uhr – Pressemitteilung: Förderung"; !strings.HasPrefix(subject, want) {
		t.Errorf("subject %q, want it to begin %q", subject, want)
	}
	if !strings.HasPrefix(texts[0], "SPERRFRIST: 12. März 2026, 10:00 Uhr\n\nBitte beachten Sie die Sperrfrist") {
		t.Errorf("text part does not begin with the Sperrfrist:\n%s", texts[0])
	}
	body := texts[1][strings.Index(texts[1], "<td style=\"padding:24px"):]
	if i := strings.Index(body, "SPERRFRIST: 12. März 2026, 10:00 Uhr"); i < 0 || i > strings.Index(body, "<h1") {
		t.Errorf("HTML part does not show the Sperrfrist above the title:\n%s", body)
	}
	if !strings.Contains(texts[0], "Ab 12. März 2026, 10:00 Uhr im Web:") {
		t.Errorf("text part does not say from when the page is online:\n%s", texts[0])
	}
}

func TestSubjectPrefix(t *testing.T) {
	for _, c := range []struct{ toml, want string }{
		{"[mail]\nsubjectPrefix = \"PM |\"\n", "PM | Vorher"},
		{"[mail]\nsubjectPrefix = \"\"\n", "Vorher"},
		{"", "Pressemitteilung: Vorher"},
	} {
		files := testFiles()
		files["site.toml"] = testTOML + c.toml
		e := edition(t, files, "content/pressemitteilungen/2026-01-10-vorher.md", time.Time{})
		if e.Subject != c.want {
			t.Errorf("%q: subject %q, want %q", c.toml, e.Subject, c.want)
		}
	}
	files := testFiles()
	files["site.toml"] = strings.Replace(testTOML, `language = "de"`, `language = "en"`, 1)
	e := edition(t, files, "content/pressemitteilungen/2026-01-10-vorher.md", time.Time{})
	if e.Subject != "Press release: Vorher" {
		t.Errorf("English subject %q", e.Subject)
	}
	if !strings.Contains(e.Text, "This press release on the web:") {
		t.Errorf("English text:\n%s", e.Text)
	}
}

func TestLongSubjectFolded(t *testing.T) {
	files := testFiles()
	long := "Überörtliche Sozialhilfeträger, Landkreise und kreisfreie Städte verständigen sich auf gemeinsame Grundsätze für die Eingliederungshilfe äöüß"
	files["content/pressemitteilungen/2026-01-10-vorher.md"] = "---\ntitle: \"" + long + "\"\ndate: 2026-01-10\n---\nText.\n"
	e := edition(t, files, "content/pressemitteilungen/2026-01-10-vorher.md", time.Time{})
	raw := e.Message(nil, testNow)
	head := string(raw[:bytes.Index(raw, []byte("\r\n\r\n"))])
	for _, line := range strings.Split(head, "\r\n") {
		if len(line) > 78 {
			t.Errorf("header line of %d bytes: %q", len(line), line)
		}
	}
	msg, _, _ := parts(t, raw)
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil || subject != "Pressemitteilung: "+long {
		t.Errorf("subject %q (%v)", subject, err)
	}
}

func TestNotARelease(t *testing.T) {
	files := testFiles()
	files["content/positionspapiere/leitbild.md"] = "---\ntitle: Leitbild\ndate: 2026-01-01\n---\nText.\n"
	m := fstest.MapFS{}
	for name, text := range files {
		m[name] = &fstest.MapFile{Data: []byte(text)}
	}
	ld, _ := build.Load(build.Options{Site: m, Now: testNow})
	for _, p := range ld.Site.Pages {
		if p.Path == "content/positionspapiere/leitbild.md" {
			if _, err := Compose(Release{Config: ld.Config, Page: p}); err == nil {
				t.Error("a paper was made into a release's e-mail")
			}
			return
		}
	}
	t.Fatal("no paper")
}

func TestHTMLText(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"<p>Ein   Satz\nmit Umbruch.</p>\n<p>Zweiter.</p>", "Ein Satz mit Umbruch.\n\nZweiter."},
		{"<ol start=\"3\">\n<li>drei</li>\n<li>vier</li>\n</ol>", "3. drei\n4. vier"},
		{"<ul>\n<li><p>lose</p>\n<p>mehr</p>\n</li>\n<li>zwei<ul><li>innen</li></ul></li>\n</ul>", "- lose\n\n  mehr\n\n- zwei\n   - innen"},
		{"<blockquote>\n<p>Zitat</p>\n</blockquote>", "> Zitat"},
		{"<pre><code>a  b\n  c\n</code></pre>", "    a  b\n      c"},
		{"<p>Zeile<br>\nneu</p>", "Zeile\nneu"},
		{`<p><a href="https://x.example/">https://x.example/</a> <a href="mailto:a@b.example">a@b.example</a></p>`, "https://x.example/ a@b.example"},
		{`<p>&quot;A&quot; &amp; B</p><script>alert(1)</script>`, `"A" & B`},
		{`<h3>Unter</h3><hr>`, "Unter\n\n* * *"},
		{`<p><img src="https://x.example/b.png" alt="Bild"></p>`, "[Bild] <https://x.example/b.png>"},
	} {
		if got := htmlText(c.in); got != c.want {
			t.Errorf("htmlText(%q)\n = %q\nwant %q", c.in, got, c.want)
		}
	}
}

func TestInlineStyles(t *testing.T) {
	got := inlineStyles(`<p class="x">a <a href="u">b</a><img src="i" alt=""/> <em>c</em></p><p style="color:red">d</p>`)
	for _, want := range []string{`<p class="x" style="` + styleP + `">`, `<a href="u" style="` + styleLink + `">`,
		`<img src="i" alt="" style="` + styleImg + `"/>`, `<em>c</em>`, `<p style="color:red">d</p>`} {
		if !strings.Contains(got, want) {
			t.Errorf("inlineStyles lacks %s:\n%s", want, got)
		}
	}
}

func TestRecipients(t *testing.T) {
	var r Recipients
	if err := ParseList(&r, "a@example.org, Redaktion <B@Example.org>, A@EXAMPLE.org"); err != nil {
		t.Fatal(err)
	}
	list := "# Verteiler Landespresse\n\nb@example.org\n  c@example.org  \nkein-at-zeichen\n# Ende\nd@\n"
	d := ReadList(&r, "list.txt", []byte(list))
	var got []string
	for _, a := range r.List {
		got = append(got, a.Address)
	}
	if strings.Join(got, " ") != "a@example.org B@Example.org c@example.org" || r.Duplicates != 2 {
		t.Errorf("recipients %v, %d duplicates; want three, two duplicates", got, r.Duplicates)
	}
	if len(d) != 2 || d[0].Path != "list.txt" || d[0].Line != 5 || d[1].Line != 7 || !strings.Contains(d[0].Msg, `"kein-at-zeichen" is not an e-mail address`) {
		t.Errorf("diagnostics %v, want list.txt:5 and list.txt:7", d)
	}
	if err := ParseList(&r, "x@example.org, nicht gut"); err == nil || !strings.Contains(err.Error(), `"nicht gut"`) {
		t.Errorf("bad --to: %v", err)
	}
}

// TestQuotedPrintableLines: a long line of the body is broken softly, and
// a part decodes to what was written, with a final line break.
func TestQuotedPrintableLines(t *testing.T) {
	e := edition(t, testFiles(), releasePath, time.Time{})
	raw := e.Message(nil, testNow)
	body := raw[bytes.Index(raw, []byte("\r\n\r\n")):]
	sc := bufio.NewScanner(bytes.NewReader(body))
	for sc.Scan() {
		if len(sc.Text()) > 76 {
			t.Errorf("line %q", sc.Text())
		}
	}
	_, _, texts := parts(t, raw)
	if texts[0] != e.Text {
		n := len(texts[0]) - 40
		t.Errorf("the text part decodes to something else:\n%q\n%q", texts[0][n:], e.Text[len(e.Text)-40:])
	}
	if texts[1] != e.HTML {
		t.Errorf("the HTML part decodes to something else")
	}
}

// FuzzHTML: any HTML, also broken, gives text and styled HTML without a
// panic, and the styled HTML has no script.
func FuzzHTML(f *testing.F) {
	for _, s := range []string{releaseMD, "<p>a</p>", "</blockquote></blockquote><p>x", "<a href='x'>y", "<", "<>", "<a/>",
		`<p title="a>b">c</p>`, "<!-- x", "</script><script>alert(1)</script><p>z</p>", "<ol start=-5><li>x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		htmlText(s)
		out := inlineStyles(s)
		for _, tk := range tokens(out) {
			if tk.tag == "script" && !tk.closing {
				t.Fatalf("script kept: %q -> %q", s, out)
			}
		}
	})
}
