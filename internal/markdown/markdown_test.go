package markdown

import (
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestRender(t *testing.T) {
	src := "Der \"Tag der Jobcenter\" -- ein Erfolg...\n\n## Größe & Maß\n\n### Größe & Maß\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n\n~~alt~~ https://example.org\n\nText[^1]\n\n[^1]: Quelle.\n\n<script>alert(1)</script>\n"
	res, err := New(Options{Language: "de"}).Render([]byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	html := string(res.HTML)
	for _, want := range []string{
		"„Tag der Jobcenter“", "–", "…",
		`<h2 id="groesse-mass">`, `<h3 id="groesse-mass-1">`,
		`<div class="table-scroll" tabindex="0" role="region" aria-label="Tabelle">` + "\n<table>", `<td style="text-align:right">2</td>`, "</table>\n</div>",
		"<del>alt</del>", `<a href="https://example.org">`,
		`class="footnotes"`, "raw HTML omitted",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %q:\n%s", want, html)
		}
	}
	if strings.Contains(html, "<script>") {
		t.Error("raw HTML passed through without unsafe")
	}
	if len(res.TOC) != 2 || res.TOC[0].ID != "groesse-mass" || res.TOC[0].Text != "Größe & Maß" || res.TOC[1].Level != 3 {
		t.Errorf("TOC = %+v", res.TOC)
	}
	if res.Lead != "Der „Tag der Jobcenter“ – ein Erfolg…" {
		t.Errorf("Lead = %q", res.Lead)
	}
}

func TestEnglishQuotesAndUnsafe(t *testing.T) {
	res, _ := New(Options{Language: "en", Unsafe: true}).Render([]byte("\"quoted\"\n\n<b>raw</b>\n"), nil)
	if html := string(res.HTML); !strings.Contains(html, "“quoted”") || !strings.Contains(html, "<b>raw</b>") {
		t.Errorf("got %s", html)
	}
}

func TestResolver(t *testing.T) {
	src := "Intro\n\nSee [the other](other.md) and [gone](/missing/).\n\n![img](foto.jpg)\n"
	res, _ := New(Options{}).Render([]byte(src), func(dest string) (string, bool) {
		switch dest {
		case "other.md":
			return "/pressemitteilungen/2021/other/", true
		case "/missing/":
			return dest, false
		}
		return dest, true
	})
	if !strings.Contains(string(res.HTML), `href="/pressemitteilungen/2021/other/"`) {
		t.Errorf("link not rewritten: %s", res.HTML)
	}
	if len(res.Broken) != 1 || res.Broken[0].Dest != "/missing/" || res.Broken[0].Line != 3 {
		t.Errorf("Broken = %+v", res.Broken)
	}
}

// MayLinkWithin may say yes too often, never too seldom: whenever it says
// no, Check must resolve no destination without a URL scheme.
func FuzzMayLinkWithin(f *testing.F) {
	for _, s := range []string{
		"Text ohne Links.[^1]\n\n[^1]: Eine Fußnote.",
		"[Bericht](/pressemitteilungen/bericht/)",
		"![Bild](bild.jpg)",
		"[Bericht][b]\n\n[b]: /pressemitteilungen/bericht/",
		"[^a b]: /url\n\n[^a b]",
		"[^a\nb]: /url\n\n[^a\nb]",
		"[x \\[^1]: /url\n\n[x \\[^1]",
		"> [ziel]: /url\n>\n> [ziel]",
		"[^]: /url\n\n[^]",
		"[^ ]: /url\n\n[^ ]",
		"Kapitel [3]: Ergebnis",
		"[Extern](https://www.example.org/) und [mail](mailto:a@example.org)",
		"[Extern](\n<https://www.example.org/>)",
		"[a]: https://www.example.org/\n[b]: /intern/\n\n[a] [b]",
		"[a](ht\\tps://x) [b](&#104;ttps://x) [c](:x)",
	} {
		f.Add(s)
	}
	r := New(Options{Language: "de"})
	f.Fuzz(func(t *testing.T, src string) {
		if MayLinkWithin([]byte(src)) {
			return
		}
		r.Check([]byte(src), func(dest string) (string, bool) {
			if u, err := url.Parse(dest); err == nil && u.Scheme == "" {
				t.Fatalf("MayLinkWithin(%q) = false, but Check resolved %q", src, dest)
			}
			return dest, true
		})
	})
}

func TestMayLinkWithin(t *testing.T) {
	for src, want := range map[string]bool{
		"Nur Text, mit Fußnote.[^1]\n\n[^1]: Eine Anmerkung.": false,
		"Kein Link, nur [eckige] Klammern.":                   false,
		"[Bericht](/pressemitteilungen/bericht/)":             true,
		"[Bericht][b]\n\n[b]: /pressemitteilungen/bericht/":   true,
		"[^a b]: /url":                          false,
		"[^a\nb]: /url":                         true,
		"[x \\[^1]: /url":                       true,
		"[Extern](https://www.example.org/)":    false,
		"[Extern](<mailto:presse@example.org>)": false,
		"[b]: /intern/":                         true,
		"[a](ht\\tps://x)":                      true,
	} {
		if got := MayLinkWithin([]byte(src)); got != want {
			t.Errorf("MayLinkWithin(%q) = %v, want %v", src, got, want)
		}
	}
}

// TestNoControlCharacters: a numeric character reference makes a control
// character that no HTML or XML may hold; it is dropped (a vertical tab
// or form feed becomes a space).
func TestNoControlCharacters(t *testing.T) {
	r := New(Options{Language: "de"})
	res, err := r.Render([]byte("Eins&#11;zwei&#xC;drei&#1;vier&#x7f;&#xFFFE;&#65535;fünf `a&#11;b`\n\n# Titel&#11;x\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	got := string(res.HTML)
	if want := "<p>Eins zwei drei" + "vier" + "fünf"; !strings.HasPrefix(got, want) {
		t.Errorf("HTML = %q, want prefix %q", got, want)
	}
	for _, r := range got {
		if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r == 0xfffe || r == 0xffff {
			t.Errorf("HTML has %U: %q", r, got)
		}
	}
}

// TestHeadingIDsAvoidReserved: a heading named like an id of the page
// around the body ("Pressekontakt") gets another id, and every id stays
// unique, however the headings are named.
func TestHeadingIDsAvoidReserved(t *testing.T) {
	var src strings.Builder
	for _, id := range append(ThemeIDs, "downloads-1", "Downloads", "Abschnitt", "", "abschnitt") {
		src.WriteString("## " + id + "\n\n")
	}
	res, err := New(Options{}).Render([]byte(src.String()), nil)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, id := range ThemeIDs {
		seen[id] = true
	}
	for _, m := range regexp.MustCompile(` id="([^"]*)"`).FindAllStringSubmatch(string(res.HTML), -1) {
		if seen[m[1]] {
			t.Errorf("id %q twice or reserved in:\n%s", m[1], res.HTML)
		}
		seen[m[1]] = true
	}
	if len(res.TOC) != len(ThemeIDs)+5 || res.TOC[0].ID != ThemeIDs[0]+"-1" {
		t.Errorf("TOC = %+v", res.TOC)
	}
	res, _ = New(Options{ReservedIDs: []string{"eigene"}}).Render([]byte("## Eigene\n\n## Downloads\n"), nil)
	if got := string(res.HTML); !strings.Contains(got, `id="eigene-1"`) || !strings.Contains(got, `id="downloads"`) {
		t.Errorf("own reserved ids: %s", got)
	}
}

// TestThemeIDsAreReserved: every id the default theme writes is in
// ThemeIDs.
func TestThemeIDsAreReserved(t *testing.T) {
	reserved := map[string]bool{}
	for _, id := range ThemeIDs {
		reserved[id] = true
	}
	var files []string
	for _, pattern := range []string{"../../layouts/*.html", "../../layouts/*/*.html", "../render/*.go"} {
		m, _ := filepath.Glob(pattern)
		files = append(files, m...)
	}
	if len(files) < 10 {
		t.Fatalf("templates not found: %v", files)
	}
	re := regexp.MustCompile(`\bid=\\?"([^"{\\]+)\\?"`)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(data), -1) {
			if !reserved[m[1]] {
				t.Errorf("%s: id %q is not in ThemeIDs", f, m[1])
			}
		}
	}
}
