package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// twoOrgs is a site with two organisations, a release and a paper section.
const twoOrgs = `title = "Zwei"
baseURL = "https://www.example.org/presse/"
defaultOrganization = "verband"

[[organizations]]
id = "verband"
name = "Musterverband e. V."
contacts = ["presse"]

[[organizations]]
id = "buendnis"
name = "Bündnis Musterstadt"
contacts = ["buero", "presse"]

[[contacts]]
id = "presse"
name = "Erika Beispiel"

[[contacts]]
id = "buero"
name = "Max Muster"

[sections.meldungen]
kind = "release"

[sections.papiere]
kind = "paper"
`

func TestNewTwice(t *testing.T) {
	clock(t)
	dir := writeSite(t, map[string]string{"site.toml": twoOrgs})
	mustRun(t, "new", "release", "Gleicher Titel", "-s", dir)
	file := filepath.Join(dir, "content", "meldungen", "2026-03-12-gleicher-titel.md")
	os.WriteFile(file, []byte(read(t, file)+"\nMein Text.\n"), 0o644)

	code, out, errOut := run("new", "release", "Gleicher Titel", "-s", dir)
	if code != 1 || !strings.Contains(errOut, file+" exists already: not overwritten") || out != "" {
		t.Errorf("second new = %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(read(t, file), "Mein Text.") {
		t.Error("the existing file was overwritten")
	}

	// Another day of the same year gives the same URL: refused, and no
	// file is left behind.
	code, out, errOut = run("new", "release", "Gleicher Titel", "-s", dir, "--date", "2026-01-05")
	if code != 1 || !strings.Contains(errOut, "refused: the URL /meldungen/2026/gleicher-titel/ is already that of "+file) {
		t.Errorf("same URL = %d\n%s%s", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "meldungen", "2026-01-05-gleicher-titel.md")); err == nil {
		t.Error("the refused file was left behind")
	}
	// Likewise a bundle of the same name; its folder is removed again.
	code, _, errOut = run("new", "release", "Gleicher Titel", "-s", dir, "--bundle")
	if code != 1 || !strings.Contains(errOut, "refused: the URL") {
		t.Errorf("same URL as a bundle = %d: %s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "meldungen", "2026-03-12-gleicher-titel")); err == nil {
		t.Error("the refused bundle's folder was left behind")
	}
	// A new year is a new URL.
	out = mustRun(t, "new", "release", "Gleicher Titel", "-s", dir, "--date", "2027-01-05")
	if !strings.Contains(out, "URL:    https://www.example.org/presse/meldungen/2027/gleicher-titel/") {
		t.Errorf("new in 2027:\n%s", out)
	}
}

func TestNewBundle(t *testing.T) {
	clock(t)
	dir := writeSite(t, map[string]string{"site.toml": twoOrgs})
	out := mustRun(t, "new", "release", "Mit Anhang", "--bundle", "-s", dir, "--date", "2026-03-01 11:00")
	index := filepath.Join(dir, "content", "meldungen", "2026-03-01-mit-anhang", "index.md")
	if !strings.Contains(out, "created "+index+"\n") || !strings.Contains(out, "/meldungen/2026/mit-anhang/") {
		t.Errorf("new --bundle:\n%s", out)
	}
	if !strings.HasPrefix(read(t, index), "---\ntitle: \"Mit Anhang\"\ndate: 2026-03-01 11:00\n") {
		t.Errorf("index.md:\n%s", read(t, index))
	}
	os.WriteFile(filepath.Join(filepath.Dir(index), "mappe.pdf"), []byte("%PDF-1.4"), 0o644)
	publishDraft(t, index)
	mustRun(t, "build", "-s", dir)
	if _, err := os.Stat(filepath.Join(dir, "public", "meldungen", "2026", "mit-anhang", "mappe.pdf")); err != nil {
		t.Error(err)
	}

	out = mustRun(t, "new", "page", "Über uns", "--bundle", "-s", dir)
	if !strings.Contains(out, filepath.Join(dir, "content", "ueber-uns", "index.md")) || !strings.Contains(out, "URL:    https://www.example.org/presse/ueber-uns/\n") {
		t.Errorf("new page --bundle:\n%s", out)
	}
}

func TestNewFrontmatter(t *testing.T) {
	clock(t)
	dir := writeSite(t, map[string]string{"site.toml": twoOrgs})
	out := mustRun(t, "new", "release", "Gemeinsam: \"Wir\" & die Stadt", "-s", dir, "--org", "buendnis,verband",
		"--date", "2026-03-13 09:00", "--embargo", "2026-03-13T10:00:00+01:00")
	file := filepath.Join(dir, "content", "meldungen", "2026-03-13-gemeinsam-wir-die-stadt.md")
	if !strings.Contains(out, "status: draft: build leaves it out until you delete the line draft: true, and then from 2026-03-13 10:00 CET on") {
		t.Errorf("new with embargo:\n%s", out)
	}
	text := read(t, file)
	for _, want := range []string{
		"---\ntitle: \"Gemeinsam: \\\"Wir\\\" & die Stadt\"\ndate: 2026-03-13 09:00\n",
		"\nembargo: 2026-03-13 10:00\n",
		"\nplace: \"\"\n",
		"\norganizations: [buendnis, verband]\ncontacts: [buero, presse]\ntags: []\n",
		`"Über Bündnis Musterstadt" und "Über Musterverband e. V."`, // in a comment
		"\n# Entwurf: build veröffentlicht ihn nicht. Zum Veröffentlichen diese und die nächste Zeile löschen.\ndraft: true\n---\nVorspann: ",
		"\"Ein Zitat\", sagt Vorname Nachname, Funktion bei Bündnis Musterstadt.\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("new file lacks %q:\n%s", want, text)
		}
	}
	body := text[strings.LastIndex(text, "\n---\n"):]
	if strings.Contains(body, "Über") {
		t.Errorf("the boilerplate is in the body:\n%s", body)
	}

	// The default organisation and its contacts; a paper in the paper section.
	mustRun(t, "new", "paper", "Leitbild", "-s", dir, "--date", "2026-02-01")
	text = read(t, filepath.Join(dir, "content", "papiere", "2026-02-01-leitbild.md"))
	if !strings.Contains(text, "date: 2026-02-01 00:00\norganizations: [verband]\ncontacts: [presse]\ntags: []\n") || strings.Contains(text, "place:") ||
		!strings.Contains(text, "## Unsere Forderungen") {
		t.Errorf("paper:\n%s", text)
	}
	mustRun(t, "new", "page", "Über uns", "-s", dir)
	if text = read(t, filepath.Join(dir, "content", "ueber-uns.md")); text != "---\ntitle: \"Über uns\"\n# Entwurf: build veröffentlicht ihn nicht. Zum Veröffentlichen diese und die nächste Zeile löschen.\ndraft: true\n---\nText der Seite. Platzhalter: bitte ergänzen.\n" {
		t.Errorf("page:\n%s", text)
	}
	// Everything new makes builds, once it is no longer a draft.
	publishDraft(t, file)
	mustRun(t, "build", "-s", dir, "--now", "2026-03-14T00:00:00+01:00")
	page := read(t, filepath.Join(dir, "public", "meldungen", "2026", "gemeinsam-wir-die-stadt", "index.html"))
	if !strings.Contains(page, "<h1>Gemeinsam: &#34;Wir&#34; &amp; die Stadt</h1>") {
		t.Errorf("title not on the page")
	}
}

func TestNewErrors(t *testing.T) {
	clock(t)
	dir := writeSite(t, map[string]string{"site.toml": twoOrgs})
	noPapers := writeSite(t, map[string]string{"site.toml": "title = \"Ohne Rubriken\"\n[[organizations]]\nid = \"netz\"\nname = \"Netzwerk\"\n"})
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"new", "release", "X", "--org", "nope"}, 1, `unknown organization "nope"; known: verband, buendnis`},
		{[]string{"new", "release", "X", "--org", "verband,nope"}, 1, `unknown organization "nope"`},
		{[]string{"new"}, 2, "Usage: pressroom new release|paper|page"},
		{[]string{"new", "meldung", "X"}, 2, `unknown kind "meldung"`},
		{[]string{"new", "release"}, 2, "give the title in quotes"},
		{[]string{"new", "release", "!!!"}, 2, "has no letters or digits"},
		{[]string{"new", "release", "X", "--date", "32.13.2026"}, 2, `--date: cannot read "32.13.2026" as a date`},
		{[]string{"new", "release", "X", "--date", "2026-03-12 10:00", "--embargo", "2026-03-12 09:00"}, 2, "--embargo 2026-03-12 09:00 is not after the date 2026-03-12 10:00"},
		{[]string{"new", "page", "X", "--date", "2026-03-12"}, 2, "--date is not for pages"},
		{[]string{"new", "release", "X", "--section", "papiere"}, 1, "--section papiere is of kind paper, not release"},
		{[]string{"new", "-h"}, 0, "existing file is never overwritten"},
	} {
		code, out, errOut := run(append(c.args, "-s", dir)...)
		if code != c.code || !strings.Contains(out+errOut, c.want) {
			t.Errorf("pressroom %v = %d, want %d with %q:\n%s%s", c.args, code, c.code, c.want, out, errOut)
		}
	}
	if entries, err := os.ReadDir(filepath.Join(dir, "content")); err == nil {
		t.Errorf("a failed new wrote %v", entries)
	}
	if code, _, errOut := run("new", "paper", "X", "-s", noPapers); code != 1 || !strings.Contains(errOut, "declares no section of kind paper") {
		t.Errorf("paper without a paper section = %d: %s", code, errOut)
	}
	if code, _, errOut := run("new", "release", "X", "-s", t.TempDir()); code != 1 || !strings.Contains(errOut, "no site.toml in") {
		t.Errorf("new outside a site = %d: %s", code, errOut)
	}
	// Without a declared release section, releases go to pressemitteilungen/.
	if out := mustRun(t, "new", "release", "X", "-s", noPapers); !strings.Contains(out, filepath.Join("content", "pressemitteilungen", "2026-03-12-x.md")) {
		t.Errorf("new release in a site without sections:\n%s", out)
	}
}
