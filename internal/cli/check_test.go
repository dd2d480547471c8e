package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"site.toml": siteTOML,
		"content/pressemitteilungen/2026-01-02-b.md": "---\ntitle: B\ndate: 2026-01-02\n---\nText.\n",
	})
	code, out, errOut := run("check", "-s", dir)
	if code != 0 || !strings.Contains(out, "checked 9 pages, 9 feeds, 10 files") {
		t.Fatalf("check = %d\n%s%s", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Error("check wrote public/")
	}
	// A content error: the message, the source line and a caret.
	os.WriteFile(filepath.Join(dir, "content/pressemitteilungen/2026-01-02-b.md"), []byte("---\ntitle: B\ndate: 32.13.2026\n---\nText.\n"), 0o644)
	code, _, errOut = run("check", "-s", dir)
	if code != 1 || !strings.Contains(errOut, "content/pressemitteilungen/2026-01-02-b.md:3: date: cannot read \"32.13.2026\" as a date") ||
		!strings.Contains(errOut, ">    3 | date: 32.13.2026") || strings.Contains(errOut, "\x1b[") {
		t.Errorf("broken date = %d:\n%s", code, errOut)
	}
	// A template error is found although check renders only a sample.
	os.WriteFile(filepath.Join(dir, "content/pressemitteilungen/2026-01-02-b.md"), []byte("---\ntitle: B\ndate: 2026-01-02\n---\nText.\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "layouts"), 0o755)
	os.WriteFile(filepath.Join(dir, "layouts/release.html"), []byte("{{define \"main\"}}\n{{.Page.Nope}}\n{{end}}\n"), 0o644)
	code, _, errOut = run("check", "-s", dir)
	if code != 1 || !strings.Contains(errOut, "layouts/release.html:2:") {
		t.Errorf("template error = %d:\n%s", code, errOut)
	}
}
