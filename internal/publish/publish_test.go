package publish

import (
	"os"
	"path/filepath"
	"testing"
)

func TestCheckName(t *testing.T) {
	for _, bad := range []string{"", "../x", "/etc/passwd", "a/../../b", "c:/x", "a\\b", "a\x00b", "./a", "a//b"} {
		if CheckName(bad) == nil {
			t.Errorf("CheckName(%q) accepted", bad)
		}
	}
	for _, good := range []string{"index.html", "pressemitteilungen/2021/x/index.html", "css/style.1234.css"} {
		if err := CheckName(good); err != nil {
			t.Errorf("CheckName(%q): %v", good, err)
		}
	}
}

func TestDirSwapAndAbort(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	os.MkdirAll(out, 0o755)
	os.WriteFile(filepath.Join(out, "stale.html"), []byte("old"), 0o644)

	d, err := NewDir(out)
	if err != nil {
		t.Fatal(err)
	}
	d.Write("a/b/index.html", []byte("new"))
	d.Abort()
	if b, _ := os.ReadFile(filepath.Join(out, "stale.html")); string(b) != "old" {
		t.Fatal("abort touched the previous output")
	}

	d, _ = NewDir(out)
	if err := d.Write("a/b/index.html", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if err := d.Write("../escape.html", []byte("x")); err == nil {
		t.Fatal("wrote outside the output")
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "a/b/index.html")); string(b) != "new" {
		t.Fatal("new file missing")
	}
	if _, err := os.Stat(filepath.Join(out, "stale.html")); err == nil {
		t.Fatal("stale file survived the swap")
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Fatalf("leftovers beside the output: %v", entries)
	}
}
