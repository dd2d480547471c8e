package build

import (
	"strings"
	"testing"

	"github.com/emersion/go-vcard"
)

// TestContactsPageAndVCards builds a site with two organisations and
// contacts and checks the contacts page, its link from every page, the
// contacts of organisation pages and the vCards, parsed as RFC 6350.
func TestContactsPageAndVCards(t *testing.T) {
	toml := strings.Replace(siteTOML, `name = "Ben Muster"`, `name = "Ben Muster, Jr."`+"\nrole = \"Referent; Presse\"", 1)
	b := buildSite(t, testSite{
		"site.toml":                       toml,
		"content/pressemitteilungen/a.md": release("Eins", "2026-03-05", "organizations: [netz, buendnis]"),
	}, Options{})
	page := b.file("kontakt/index.html")
	for _, want := range []string{
		"<h1>Pressekontakte</h1>",
		`<h2>Anna Beispiel</h2>`, `<p class="role">Pressesprecherin</p>`,
		`<a href="/organisationen/netz/">Netzwerk Test e. V.</a>`,
		`<a href="tel:&#43;493012345">&#43;49 30 123-45</a>`,
		`<a href="mailto:anna@example.org">anna@example.org</a>`,
		`<a href="/kontakt/anna.vcf" type="text/vcard">`,
		`<a href="/kontakt/ben.vcf" type="text/vcard">`,
		`<a href="/kontakt/" aria-current="page">Pressekontakte</a>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("contacts page lacks %q:\n%s", want, page)
		}
	}
	// Linked from the footer of every page, and from each contact block.
	for _, name := range []string{"index.html", "404.html", "pressemitteilungen/index.html", "pressemitteilungen/2026/a/index.html", "organisationen/netz/index.html"} {
		b.contains(name, `<a href="/kontakt/">Pressekontakte</a>`)
	}
	b.contains("pressemitteilungen/2026/a/index.html", `href="/kontakt/anna.vcf"`, `href="/kontakt/ben.vcf"`)
	// An organisation's page shows its press contacts, and only them.
	b.contains("organisationen/netz/index.html", "Anna Beispiel", `href="/kontakt/anna.vcf"`)
	b.lacks("organisationen/netz/index.html", "Ben Muster")
	b.contains("sitemap.xml", "https://presse.example.org/kontakt/")

	raw := b.file("kontakt/ben.vcf")
	if !strings.HasSuffix(raw, "END:VCARD\r\n") || strings.Contains(strings.ReplaceAll(raw, "\r\n", ""), "\n") {
		t.Errorf("vCard lines must end in CRLF:\n%q", raw)
	}
	for _, want := range []string{"BEGIN:VCARD\r\nVERSION:4.0\r\n", "FN:Ben Muster\\, Jr.\r\n", "TITLE:Referent\\; Presse\r\n"} {
		if !strings.Contains(raw, want) {
			t.Errorf("vCard lacks %q:\n%s", want, raw)
		}
	}
	card, err := vcard.NewDecoder(strings.NewReader(b.file("kontakt/anna.vcf"))).Decode()
	if err != nil {
		t.Fatal(err)
	}
	for field, want := range map[string]string{
		vcard.FieldVersion: "4.0", vcard.FieldFormattedName: "Anna Beispiel", vcard.FieldOrganization: "Netzwerk Test e. V.",
		vcard.FieldTitle: "Pressesprecherin", vcard.FieldTelephone: "tel:+493012345", vcard.FieldEmail: "anna@example.org",
	} {
		if got := card.Value(field); got != want {
			t.Errorf("vCard %s = %q, want %q", field, got, want)
		}
	}
	if n := card.Name(); n == nil || n.FamilyName != "Beispiel" || n.GivenName != "Anna" {
		t.Errorf("vCard N = %+v", n)
	}
}

// TestContactsPathWord: the English path word, and one set in [paths].
func TestContactsPathWord(t *testing.T) {
	en := strings.Replace(siteTOML, `language = "de"`, `language = "en"`, 1)
	b := buildSite(t, testSite{"site.toml": en, "content/pressemitteilungen/a.md": release("One", "2026-03-05")}, Options{})
	b.contains("contact/index.html", "<h1>Press contacts</h1>", `href="/contact/anna.vcf"`)
	b.has("contact/anna.vcf")
	b = buildSite(t, testSite{"site.toml": siteTOML + "\n[paths]\ncontacts = \"presse\"\n", "content/pressemitteilungen/a.md": release("Eins", "2026-03-05")}, Options{})
	b.contains("presse/index.html", `href="/presse/anna.vcf"`)
	b.contains("index.html", `<a href="/presse/">Pressekontakte</a>`)
}
