package build

import (
	"strings"
	"testing"
)

// TestSearchIndexHoldsPublishedPagesOnly: the search index has the words
// of the published pages, and none of a draft, of a release under embargo
// or of its embargo preview, even when the build includes drafts and
// future releases (as the preview server does).
func TestSearchIndexHoldsPublishedPagesOnly(t *testing.T) {
	s := testSite{
		"site.toml": siteTOML,
		"content/pressemitteilungen/2026-03-01-offen.md":   release("Offene Qualifizierungsoffensive", "2026-03-01", "tags: [Arbeit]") + "\nDie Hafenmeisterei in München.\n",
		"content/pressemitteilungen/2026-12-01-sperre.md":  release("Gesperrt", "2026-12-01 10:00", "embargo: 2026-12-01 10:00", "embargo_preview: true") + "\nDie Sperrfristbanane.\n",
		"content/pressemitteilungen/2026-11-01-entwurf.md": release("Entwurf", "2026-11-01", "draft: true") + "\nDie Entwurfsgurke.\n",
	}
	for _, opts := range []Options{{PreviewSecret: "Qx7vLp2Rk9Wm4Tz8Hc3Nb6Yd"}, {Drafts: true, Future: true}} {
		b := buildSite(t, s, opts)
		var index strings.Builder
		for _, name := range b.mem.Names() {
			if strings.HasPrefix(name, "suche/index/") {
				index.WriteString(b.text(name))
			}
		}
		for _, w := range []string{"hafenmeisterei", "muenchen", "qualifizierungsoffensive", "Offene Qualifizierungsoffensive"} {
			if !strings.Contains(index.String(), w) {
				t.Errorf("%+v: the index lacks %q", opts, w)
			}
		}
		for _, w := range []string{"sperrfristbanane", "Sperrfristbanane", "entwurfsgurke", "Entwurfsgurke", "Gesperrt", "Entwurf\""} {
			if strings.Contains(index.String(), w) {
				t.Errorf("%+v: the index holds %q of an unpublished page", opts, w)
			}
		}
		b.contains("suche/index.html", `<form class="search-form" id="suche" role="search" action="/suche/"`, `data-index="/suche/index/"`, `<option value="arbeit">Arbeit</option>`, "<noscript>")
		b.contains("index.html", `<form class="header-search" role="search" action="/suche/" method="get">`)
		b.lacks("sitemap.xml", "/suche/")
	}
}

// TestSearchSettings: [search] turns the search off, limits it to
// sections, and [paths] names its page; an English site has /search/.
func TestSearchSettings(t *testing.T) {
	page := release("Die Jobcenter", "2026-03-01")
	paper := "---\ntitle: Leitbild\ndate: 2026-02-01\n---\n\nDas Leitbildpapier.\n"
	b := buildSite(t, testSite{"site.toml": siteTOML + "\n[search]\nenabled = false\n", "content/pressemitteilungen/a.md": page}, Options{})
	for _, name := range b.mem.Names() {
		if strings.HasPrefix(name, "suche/") {
			t.Errorf("search is off, but there is %s", name)
		}
	}
	b.lacks("index.html", "header-search")
	b = buildSite(t, testSite{"site.toml": siteTOML + "\n[search]\nsections = [\"positionspapiere\"]\n\n[paths]\nsearch = \"finden\"\n",
		"content/pressemitteilungen/a.md": page, "content/positionspapiere/b.md": paper}, Options{})
	if !strings.Contains(b.text("finden/index/w0.gz"), "leitbildpapier") || strings.Contains(b.text("finden/index/w0.gz"), "jobcenter") {
		t.Errorf("only the papers should be indexed: %s", b.text("finden/index/w0.gz"))
	}
	b.contains("index.html", `action="/finden/"`)
	en := strings.Replace(siteTOML, `language = "de"`, `language = "en"`, 1)
	b = buildSite(t, testSite{"site.toml": en, "content/pressemitteilungen/a.md": release("Job centres", "2026-03-01")}, Options{})
	b.contains("search/index.html", "<h1>Search</h1>")
	if !strings.Contains(b.text("search/index/w0.gz"), `"centr`) {
		t.Errorf("English stems: %s", b.text("search/index/w0.gz"))
	}
}
