package markdown

import (
	"net/url"
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
