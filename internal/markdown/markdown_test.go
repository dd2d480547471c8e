package markdown

import (
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
