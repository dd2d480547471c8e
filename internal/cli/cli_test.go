package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func run(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := Main(args, os.DirFS(filepath.Join("..", "..")), &out, &errOut)
	return code, out.String(), errOut.String()
}

func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const siteTOML = `title = "CLI"
baseURL = "https://presse.example.org/"
[[organizations]]
id = "netz"
name = "Netzwerk"
`

func TestUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{nil, 2, "Usage: pressroom <command>"},
		{[]string{"help"}, 0, "serve"},
		{[]string{"-h"}, 0, "build"},
		{[]string{"help", "build"}, 0, "--base-url"},
		{[]string{"build", "-h"}, 0, "\n  --drafts\n"},
		{[]string{"build", "-h"}, 0, "\n  -s SITE\n"},
		{[]string{"help", "-h"}, 0, "Commands:"},
		{[]string{"serv"}, 2, `did you mean "pressroom serve"?`},
		{[]string{"serve", "-h"}, 0, "--port"},
		{[]string{"version", "-h"}, 0, "Prints the version"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"build", "--nope"}, 2, "flag provided but not defined"},
		{[]string{"build", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"build", "--now", "gestern"}, 2, "use RFC 3339"},
	} {
		code, out, errOut := run(c.args...)
		if code != c.code || !strings.Contains(out+errOut, c.want) {
			t.Errorf("pressroom %v = %d, want %d with %q:\n%s%s", c.args, code, c.code, c.want, out, errOut)
		}
	}
	if code, out, _ := run("version"); code != 0 || !strings.HasPrefix(out, "pressroom ") {
		t.Errorf("version = %d %q", code, out)
	}
}

func TestBuild(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"site.toml": siteTOML,
		"content/pressemitteilungen/2026-03-12-a.md":       "---\ntitle: A\ndate: 2026-03-12 08:00\nembargo: 2026-03-12 10:00\n---\nText.\n",
		"content/pressemitteilungen/2026-01-02-b.md":       "---\ntitle: B\ndate: 2026-01-02\n---\nText.\n",
		"content/pressemitteilungen/2026-01-03-c/index.md": "---\ntitle: C\ndate: 2026-01-03\nattachments: [{file: x.pdf, title: X}]\n---\nText.\n",
		"content/pressemitteilungen/2026-01-03-c/x.pdf":    "%PDF-1.4",
	})
	code, out, errOut := run("build", "-s", dir, "--now", "2026-03-12T09:00:00+01:00")
	if code != 0 {
		t.Fatalf("build = %d\n%s%s", code, out, errOut)
	}
	for _, want := range []string{"built ", " pages, ", " feeds, ", "held back: 1", "next embargo lifts 2026-03-12 10:00 CET (content/pressemitteilungen/2026-03-12-a.md)"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "pressemitteilungen", "2026", "c", "x.pdf")); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "pressemitteilungen", "2026", "a")); err == nil {
		t.Error("embargoed release written")
	}
	before, _ := os.ReadFile(filepath.Join(dir, "public", "index.html"))

	// A broken file: exit 1, errors with file and line, public/ untouched.
	os.WriteFile(filepath.Join(dir, "content/pressemitteilungen/2026-01-02-b.md"), []byte("---\ntitel: B\ndate: 2026-01-02\n---\nText.\n"), 0o644)
	code, out, errOut = run("build", "-s", dir)
	if code != 1 || !strings.Contains(errOut, `content/pressemitteilungen/2026-01-02-b.md:2: unknown key "titel" (did you mean "title"?)`) ||
		!strings.Contains(errOut, "build failed") {
		t.Errorf("broken build = %d\n%s%s", code, out, errOut)
	}
	after, _ := os.ReadFile(filepath.Join(dir, "public", "index.html"))
	if !bytes.Equal(before, after) {
		t.Error("a failed build changed public/")
	}

	// -o and --base-url.
	out2 := filepath.Join(t.TempDir(), "www")
	os.WriteFile(filepath.Join(dir, "content/pressemitteilungen/2026-01-02-b.md"), []byte("---\ntitle: B\ndate: 2026-01-02\n---\nText.\n"), 0o644)
	if code, _, errOut := run("build", "-s", dir, "-o", out2, "--base-url", "https://www.example.org/presse/"); code != 0 {
		t.Fatalf("build -o = %d: %s", code, errOut)
	}
	feed, _ := os.ReadFile(filepath.Join(out2, "feed.xml"))
	if !strings.Contains(string(feed), "https://www.example.org/presse/pressemitteilungen/2026/b/") {
		t.Errorf("--base-url not used:\n%s", feed)
	}
}

func TestBuildWithoutSite(t *testing.T) {
	// One error that says what to do, and nothing about public/.
	for _, cmd := range []string{"build", "check", "list", "serve"} {
		code, out, errOut := run(cmd, "-s", t.TempDir())
		if code != 1 || !strings.Contains(errOut, "holds no site (neither site.toml nor content/)") || !strings.Contains(errOut, "pressroom init") ||
			strings.Count(errOut, "\n") != 1 || strings.Contains(out+errOut, "public") {
			t.Errorf("%s in an empty folder = %d: %s%s", cmd, code, out, errOut)
		}
	}
	code, _, errOut := run("build", "-s", filepath.Join(t.TempDir(), "nowhere"))
	if code != 1 || !strings.Contains(errOut, "does not exist") {
		t.Errorf("build in a missing folder = %d: %s", code, errOut)
	}
}
