package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGoLive: a new site from init and a release from new are flagged
// until every placeholder, example address and missing place is dealt
// with; build and check warn with file:line and a count, check --strict
// fails; drafts are left alone.
func TestGoLive(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	mustRun(t, "init", dir)
	code, _, errOut := run("check", "-s", dir, "--strict")
	if code != 1 {
		t.Fatalf("check --strict on a new site = %d:\n%s", code, errOut)
	}
	for _, want := range []string{
		`content/impressum.md:4: warning: placeholder text "Platzhalter: bitte ergänzen" is still here`,
		`content/datenschutz.md:4: warning: placeholder text "Platzhalter: bitte ergänzen"`,
		`content/barrierefreiheit.md:4: warning: placeholder text "Platzhalter: bitte ergänzen"`,
		`presseportal-gestartet.md:15: warning: placeholder text "Dies ist eine Beispielmeldung"`,
		`site.toml:12: warning: baseURL "https://presse.example.org/" is an example address`,
		`site.toml:47: warning: placeholder text`,
		`site.toml:61: warning: contact presse: email "presse@example.org" is an example address`,
		"\n8 warnings\ncheck --strict: the warnings above must be fixed before the site goes live\n",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("check --strict lacks %q:\n%s", want, errOut)
		}
	}
	// Without --strict check passes; build warns the same and publishes.
	if code, out, errOut := run("check", "-s", dir); code != 0 || !strings.Contains(errOut, "\n8 warnings\n") || !strings.Contains(out, "no errors") {
		t.Errorf("check = %d:\n%s%s", code, out, errOut)
	}
	if code, _, errOut := run("build", "-s", dir); code != 0 || !strings.Contains(errOut, "\n8 warnings\n") {
		t.Errorf("build = %d:\n%s", code, errOut)
	}

	// A new release is a draft: nothing to warn about until it is published.
	mustRun(t, "new", "release", "Kommunen fordern Planungssicherheit", "-s", dir, "--date", "2026-03-12 10:00")
	file := filepath.Join(dir, "content", "pressemitteilungen", "2026-03-12-kommunen-fordern-planungssicherheit.md")
	if _, _, errOut := run("check", "-s", dir); !strings.Contains(errOut, "\n8 warnings\n") {
		t.Errorf("the draft is warned about:\n%s", errOut)
	}
	publishDraft(t, file)
	_, _, errOut = run("check", "-s", dir)
	for _, want := range []string{
		"2026-03-12-kommunen-fordern-planungssicherheit.md:5: warning: the release has no place for its dateline",
		`2026-03-12-kommunen-fordern-planungssicherheit.md:12: warning: placeholder text "Vorspann: Wer hat was, wann, wo und warum getan?"`,
		"\n10 warnings\n",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("check of the published skeleton lacks %q:\n%s", want, errOut)
		}
	}

	// A site made ready: check --strict passes.
	ready := writeSite(t, map[string]string{
		"site.toml": "title = \"Presse\"\nbaseURL = \"https://presse.musterverband.de/\"\n" +
			"[[contacts]]\nid = \"presse\"\nname = \"Erika Muster\"\nemail = \"presse@musterverband.de\"\n",
		"content/pressemitteilungen/2026-01-02-b.md": "---\ntitle: B\ndate: 2026-01-02\nplace: Köln\n---\nText.\n",
		"content/impressum.md":                       "---\ntitle: Impressum\n---\nMusterverband e. V., Musterstraße 1, 10115 Berlin.\n",
		"content/datenschutz.md":                     "---\ntitle: Datenschutz\n---\nWir speichern keine Daten.\n",
		"content/barrierefreiheit.md":                "---\ntitle: Erklärung zur Barrierefreiheit\n---\nDiese Website ist vollständig barrierefrei.\n",
	})
	if code, out, errOut := run("check", "-s", ready, "--strict"); code != 0 || strings.Contains(errOut, "warning") {
		t.Errorf("check --strict of a ready site = %d:\n%s%s", code, out, errOut)
	}
	// Without an accessibility statement, and with a placeholder.
	os.Remove(filepath.Join(ready, "content/barrierefreiheit.md"))
	if code, _, errOut := run("check", "-s", ready, "--strict"); code != 1 || !strings.Contains(errOut, "content: warning: the site has no Erklärung zur Barrierefreiheit") {
		t.Errorf("check --strict without an accessibility statement = %d:\n%s", code, errOut)
	}
	os.WriteFile(filepath.Join(ready, "content/impressum.md"), []byte("---\ntitle: Impressum\n---\n\nVertreten durch: Platzhalter: bitte ergänzen.\n"), 0o644)
	if code, _, errOut := run("check", "-s", ready, "--strict"); code != 1 || !strings.Contains(errOut, "content/impressum.md:5: warning: placeholder text") {
		t.Errorf("check --strict with a placeholder = %d:\n%s", code, errOut)
	}
}
