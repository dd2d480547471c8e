package content

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
)

// TestSourceAgreesWithLoad: for every file of a site, Source (the check of
// a file the watcher reports) says what the full load does with it.
func TestSourceAgreesWithLoad(t *testing.T) {
	dir := t.TempDir()
	page := "---\ntitle: T\ndate: 2026-01-01\n---\nText.\n"
	outside := filepath.Join(t.TempDir(), "aussen.md")
	os.WriteFile(outside, []byte(page), 0o644)
	files := []string{
		"content/seite.md",
		"content/pm/2026-01-01-a.md",
		"content/pm/b/index.md",
		"content/pm/b/anhang.pdf",
		"content/pm/_vorlage.md",
		"content/pm/.versteckt.md",
		"content/_entwuerfe/x.md",
		"content/pm/.git/y.md",
		"content/pm/notiz.txt",
		"content/pm/\xfcber.md",
		"content/\xe4rger/z.md",
	}
	for _, name := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	links := map[string]string{
		"content/pm/aussen.md": outside,
		"content/pm/innen.md":  "2026-01-01-a.md",
		"content/verweis":      filepath.Join(dir, "content", "pm"),
		"content/_aus.md":      outside,
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Skip(err)
		}
		files = append(files, name)
	}
	files = append(files, "content/verweis/2026-01-01-a.md", "content/fehlt.md")
	if err := syscall.Mkfifo(filepath.Join(dir, "content", "rohr.md"), 0o644); err == nil {
		files = append(files, "content/rohr.md")
	}
	fsys := DirFS(dir)
	pages, diags := Load(fsys, loadConfig(t, siteTOML), nil)
	loaded := map[string]bool{}
	for _, p := range pages {
		loaded[p.Path] = true
	}
	refused := map[string]string{}
	for _, d := range diags {
		if !d.Warning {
			refused[d.Path] = d.String()
		}
	}
	var got []string
	for _, name := range files {
		ok, d := Source(fsys, name)
		if ok != loaded[name] {
			t.Errorf("Source(%q) = %v, Load loads it: %v", name, ok, loaded[name])
		}
		if ok {
			got = append(got, name)
		}
		if len(d) > 0 && refused[d[0].Path] != d[0].String() {
			t.Errorf("Source(%q) reports %s; Load: %q", name, d[0], refused[d[0].Path])
		}
		if _, bad := refused[name]; bad && len(d) == 0 {
			t.Errorf("Source(%q) reports nothing; Load: %s", name, refused[name])
		}
	}
	sort.Strings(got)
	if want := "content/pm/2026-01-01-a.md content/pm/b/index.md content/seite.md"; strings.Join(got, " ") != want {
		t.Errorf("pages %v, want %s", got, want)
	}
	for _, name := range []string{"content/pm/\xfcber.md", "content/\xe4rger", "content/pm/aussen.md", "content/pm/innen.md", "content/verweis"} {
		if refused[name] == "" {
			t.Errorf("Load does not refuse %q", name)
		}
	}
	if msg := refused["content/pm/\xfcber.md"]; !strings.HasPrefix(msg, `content/pm/\xfcber.md: the file name is not valid UTF-8`) || !strings.Contains(msg, "rename") {
		t.Errorf("not-UTF-8 name: %q", msg)
	}
}
