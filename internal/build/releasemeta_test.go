package build

import (
	"os"
	"testing"
)

// TestReleaseMeta: the release page shows date and time when the
// frontmatter has a time, dates joined by no-break spaces, joint issuers
// joined by "und" (not the date's "·"), and a download's type once.
func TestReleaseMeta(t *testing.T) {
	pdf, err := os.ReadFile(repoRoot + "/content/pressemitteilungen/2025-01-08-zwanzig-jahre-kommunale-jobcenter/pressemappe-20-jahre.pdf")
	if err != nil {
		t.Fatal(err)
	}
	b := buildSite(t, testSite{
		"site.toml": siteTOML,
		"content/pressemitteilungen/zeit/index.md": release("Zeit", "2026-03-05 10:00", "place: Köln", "organizations: [netz, buendnis]",
			"attachments:\n  - file: mappe.pdf\n    title: Pressemappe (PDF)"),
		"content/pressemitteilungen/zeit/mappe.pdf": string(pdf),
		"content/pressemitteilungen/tag.md":         release("Tag", "2026-03-04"),
	}, Options{})
	b.contains("pressemitteilungen/2026/zeit/index.html",
		">5.\u00a0März\u00a02026, 10:00\u00a0Uhr</time> · Köln",
		`<p class="issuers">Herausgegeben von <a href="/organisationen/netz/">Netzwerk Test e. V.</a> und <a href="/organisationen/buendnis/">Bündnis Test</a></p>`,
		`>Pressemappe</a> <span class="filemeta">(PDF, `)
	b.lacks("pressemitteilungen/2026/zeit/index.html", "(PDF) (PDF", "5. März", "</a> · <a")
	b.contains("pressemitteilungen/2026/tag/index.html", ">4.\u00a0März\u00a02026</time>")
	b.lacks("pressemitteilungen/2026/tag/index.html", "00:00\u00a0Uhr")
}
