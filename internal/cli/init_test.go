package cli

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// clock fixes "now" of init and new at 2026-03-12 09:00 in Berlin.
func clock(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", strconv.FormatInt(time.Date(2026, 3, 12, 8, 0, 0, 0, time.UTC).Unix(), 10))
}

func read(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := run(args...)
	if code != 0 {
		t.Fatalf("pressroom %s = %d\n%s%s", strings.Join(args, " "), code, out, errOut)
	}
	return out
}

func TestInitNewBuild(t *testing.T) {
	clock(t)
	dir := filepath.Join(t.TempDir(), "meinesite")
	out := mustRun(t, "init", dir)
	first := filepath.Join(dir, "content", "pressemitteilungen", "2026-03-12-presseportal-gestartet.md")
	for _, want := range []string{"created a new site in " + dir, filepath.Join(dir, "site.toml"), first, "pressroom new release \"Titel der Meldung\" -s "} {
		if !strings.Contains(out, want) {
			t.Errorf("init output lacks %q:\n%s", want, out)
		}
	}
	if s := read(t, first); !strings.Contains(s, "date: 2026-03-12 09:00\n") {
		t.Errorf("first release not dated now in the site's timezone:\n%s", s)
	}
	for _, name := range []string{"impressum.md", "datenschutz.md"} {
		if s := read(t, filepath.Join(dir, "content", name)); !strings.Contains(s, "Platzhalter: bitte ergänzen") {
			t.Errorf("%s is not marked as a placeholder:\n%s", name, s)
		}
	}
	if s := read(t, filepath.Join(dir, ".gitignore")); !strings.Contains(s, "/public/\n") || !strings.Contains(s, "/.pressroom-cache/\n") {
		t.Errorf(".gitignore:\n%s", s)
	}
	if s := read(t, filepath.Join(dir, "site.toml")); !strings.Contains(s, "# Zeitzone") || !strings.Contains(s, `defaultOrganization = "musterverband"`) {
		t.Errorf("site.toml:\n%s", s)
	}

	out = mustRun(t, "new", "release", "Kommunen fordern Planungssicherheit", "-s", dir, "--date", "2026-03-12 10:00")
	file := filepath.Join(dir, "content", "pressemitteilungen", "2026-03-12-kommunen-fordern-planungssicherheit.md")
	if want := "created " + file + "\nURL:    https://presse.example.org/pressemitteilungen/2026/kommunen-fordern-planungssicherheit/\n" +
		"status: draft: build leaves it out until you delete the line draft: true, and then from 2026-03-12 10:00 CET on\n"; out != want {
		t.Errorf("new printed\n%s\nwant\n%s", out, want)
	}
	publishDraft(t, file)

	out = mustRun(t, "build", "-s", dir, "--now", "2026-03-12T10:30:00+01:00")
	if strings.Contains(out, "held back") {
		t.Errorf("something held back:\n%s", out)
	}
	page := read(t, filepath.Join(dir, "public", "pressemitteilungen", "2026", "kommunen-fordern-planungssicherheit", "index.html"))
	for _, want := range []string{
		"<h1>Kommunen fordern Planungssicherheit</h1>",
		"„Ein Zitat“, sagt Vorname Nachname, Funktion bei Musterverband e.\u00a0V.</p>",
		"<h2>Über den Musterverband</h2>", // from site.toml, not from the file
		"Erika Beispiel",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("release page lacks %q", want)
		}
	}
	if n := strings.Count(page, "Über den Musterverband"); n != 1 {
		t.Errorf("boilerplate %d times on the page", n)
	}
	for _, p := range []string{"pressemitteilungen/2026/presseportal-gestartet", "impressum", "datenschutz"} {
		if _, err := os.Stat(filepath.Join(dir, "public", filepath.FromSlash(p), "index.html")); err != nil {
			t.Error(err)
		}
	}
}

func TestInitRefuses(t *testing.T) {
	dir := writeSite(t, map[string]string{"notizen.txt": "meine Notizen"})
	code, out, errOut := run("init", dir)
	if code != 1 || !strings.Contains(errOut, dir+" is not empty (it has notizen.txt)") {
		t.Errorf("init into a non-empty folder = %d\n%s%s", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "site.toml")); err == nil {
		t.Error("init wrote into a non-empty folder")
	}
	if s := read(t, filepath.Join(dir, "notizen.txt")); s != "meine Notizen" {
		t.Errorf("notizen.txt changed: %q", s)
	}

	file := filepath.Join(dir, "notizen.txt")
	if code, _, errOut := run("init", file); code != 1 || !strings.Contains(errOut, "is a file") {
		t.Errorf("init into a file = %d: %s", code, errOut)
	}
	empty := t.TempDir()
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"init"}, 2, "name the folder of the new site"},
		{[]string{"init", "a", "b"}, 2, "name the folder of the new site"},
		{[]string{"init", empty, "--lang", "fr"}, 2, `language "fr" is not supported`},
		{[]string{"init", "-h"}, 0, "Starts a new site in DIR"},
		{[]string{"help", "init"}, 0, "-layouts"},
	} {
		code, out, errOut := run(c.args...)
		if code != c.code || !strings.Contains(out+errOut, c.want) {
			t.Errorf("pressroom %v = %d, want %d with %q:\n%s%s", c.args, code, c.code, c.want, out, errOut)
		}
	}
	if entries, _ := os.ReadDir(empty); len(entries) > 0 {
		t.Errorf("a failed init wrote %v", entries)
	}
}

func TestInitEnglish(t *testing.T) {
	clock(t)
	dir := t.TempDir() // exists and is empty: that is fine
	mustRun(t, "init", dir, "--lang", "en")
	if s := read(t, filepath.Join(dir, "site.toml")); !strings.Contains(s, "language = \"en\"") || !strings.Contains(s, "[sections.press-releases]") {
		t.Errorf("site.toml:\n%s", s)
	}
	for _, name := range []string{"imprint.md", "privacy.md"} {
		if s := read(t, filepath.Join(dir, "content", name)); !strings.Contains(s, "Placeholder: please complete") {
			t.Errorf("%s is not marked as a placeholder:\n%s", name, s)
		}
	}
	out := mustRun(t, "new", "paper", "Our Strategy 2030", "-s", dir)
	if !strings.Contains(out, filepath.Join(dir, "content", "position-papers", "2026-03-12-our-strategy-2030.md")) ||
		!strings.Contains(out, "URL:    https://press.example.org/position-papers/our-strategy-2030/") {
		t.Errorf("new paper:\n%s", out)
	}
	publishDraft(t, filepath.Join(dir, "content", "position-papers", "2026-03-12-our-strategy-2030.md"))
	mustRun(t, "build", "-s", dir, "--now", "2026-03-12T10:00:00+01:00")
	page := read(t, filepath.Join(dir, "public", "press-releases", "2026", "press-room-launched", "index.html"))
	for _, want := range []string{`<html lang="en"`, "<h1>Example Association launches its press room</h1>", "About the Example Association", "Berlin, 12 March 2026"} {
		if !strings.Contains(page, want) {
			t.Errorf("English release lacks %q", want)
		}
	}
	paper := read(t, filepath.Join(dir, "public", "position-papers", "our-strategy-2030", "index.html"))
	if !strings.Contains(paper, "Our proposals") {
		t.Error("the paper's skeleton is not English")
	}
}

func TestInitLayouts(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	out := mustRun(t, "init", "--layouts", dir)
	theme := os.DirFS(filepath.Join("..", ".."))
	n := 0
	fs.WalkDir(theme, "layouts", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		n++
		want, _ := fs.ReadFile(theme, p)
		if got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p))); err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s not copied: %v", p, err)
		}
		return nil
	})
	if n < 10 || !strings.Contains(out, strconv.Itoa(n)+" templates of the built-in theme") {
		t.Errorf("%d templates; init said:\n%s", n, out)
	}
	footer := filepath.Join(dir, "layouts", "partials", "footer.html")
	os.WriteFile(footer, []byte(strings.Replace(read(t, footer), "<footer", `<p class="mein">mein Fuß</p><footer`, 1)), 0o644)
	mustRun(t, "build", "-s", dir)
	if s := read(t, filepath.Join(dir, "public", "index.html")); !strings.Contains(s, `<p class="mein">mein Fuß</p>`) {
		t.Error("the site's own footer.html is not used")
	}
}

// publishDraft deletes what new wrote to make a file a draft: the comment
// that says how to publish it, and draft: true.
func publishDraft(t *testing.T, file string) {
	t.Helper()
	src := read(t, file)
	lines := strings.Split(src, "\n")
	for i, l := range lines {
		if l == "draft: true" && i > 0 && strings.HasPrefix(lines[i-1], "# ") {
			lines = append(lines[:i-1], lines[i+1:]...)
			if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
	}
	t.Fatalf("%s has no comment and draft: true:\n%s", file, src)
}
