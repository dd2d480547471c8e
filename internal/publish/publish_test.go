package publish

import (
	"os"
	"os/exec"
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
	d.Wait()
	// The previous output waits beside, hidden, for the next build; the
	// lock file records it.
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 3 || entries[0].Name() != ".public.lock" || entries[1].Name()[:12] != ".public.tmp-" {
		t.Fatalf("beside the output: %v", entries)
	}
	d, _ = NewDir(out)
	d.Write("index.html", []byte("third"))
	d.Commit()
	d.Wait()
	if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 3 {
		t.Fatalf("beside the output after the third build: %v", entries)
	}
}

// checkOutput refuses, as Open does, output folders that a build must not
// replace (checkPlace, then checkContents of the whole folder).
func checkOutput(out, siteDir string, force bool) error {
	resolved, err := checkPlace(out, siteDir)
	if err != nil {
		return err
	}
	return checkContents(resolved, out, force, false, nil)
}

func TestCheckOutput(t *testing.T) {
	site := t.TempDir()
	for _, d := range []string{"content/pressemitteilungen", "layouts", "assets"} {
		os.MkdirAll(filepath.Join(site, d), 0o755)
	}
	foreign := filepath.Join(t.TempDir(), "www")
	os.MkdirAll(foreign, 0o755)
	os.WriteFile(filepath.Join(foreign, "index.php"), []byte("<?php"), 0o644)
	earlier := filepath.Join(t.TempDir(), "public")
	d, _ := NewDir(earlier)
	d.Write("index.html", nil)
	d.Write("a/index.html", nil)
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	// An earlier build with a file added, and one with a marker that is
	// not pressroom's.
	added := filepath.Join(t.TempDir(), "public")
	exec.Command("cp", "-a", earlier, added).Run()
	os.WriteFile(filepath.Join(added, "a", "notes.txt"), nil, 0o644)
	empty := filepath.Join(t.TempDir(), "public")
	os.MkdirAll(empty, 0o755)
	os.WriteFile(filepath.Join(empty, Marker), nil, 0o644)
	os.WriteFile(filepath.Join(empty, "index.html"), nil, 0o644)
	os.WriteFile(filepath.Join(site, "site.toml"), nil, 0o644)
	file := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(file, nil, 0o644)
	for _, c := range []struct {
		out   string
		force bool
		ok    bool
	}{
		{filepath.Join(site, "public"), false, true},
		{filepath.Join(t.TempDir(), "new"), false, true},
		{earlier, false, true},
		{site, false, false},
		{filepath.Dir(site), false, false},
		{filepath.Join(site, "content"), true, false},
		{filepath.Join(site, "content", "pressemitteilungen"), false, false},
		{filepath.Join(site, "layouts"), false, false},
		{filepath.Join(site, "assets"), false, false},
		{foreign, false, false},
		{foreign, true, true},
		{added, false, false},
		{added, true, true},
		{empty, false, false},
		{file, false, false},
		{file, true, false},
		{filepath.Join(site, "site.toml"), true, false},
		{filepath.Join(site, ".pressroom-cache"), true, false},
		{"/", true, false},
	} {
		err := checkOutput(c.out, site, c.force)
		if (err == nil) != c.ok {
			t.Errorf("checkOutput(%s, force=%v) = %v", c.out, c.force, err)
		}
	}
}

func TestLeftoversOfAKilledBuildAreRemoved(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	// Folders that only look like pressroom's stay.
	os.MkdirAll(filepath.Join(parent, ".public.tmp-123", "x"), 0o755)
	os.MkdirAll(filepath.Join(parent, "public.old-abc"), 0o755)
	// A build killed before its end: its folder stays behind.
	killed, err := NewDir(out)
	if err != nil {
		t.Fatal(err)
	}
	killed.Write("index.html", []byte("x"))
	killed.lock.Close() // as the kill would
	d, err := NewDir(out)
	if err != nil {
		t.Fatal(err)
	}
	d.Write("index.html", []byte("x"))
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	d.Wait()
	entries, _ := os.ReadDir(parent)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(names) != 4 || names[0] != ".public.lock" || names[1] != ".public.tmp-123" || names[2] != "public" || names[3] != "public.old-abc" {
		t.Errorf("beside the output: %v", names)
	}
	if _, err := os.Stat(killed.tmp); err == nil {
		t.Error("the killed build's folder is left")
	}
	if _, err := os.Stat(filepath.Join(out, Marker)); err != nil {
		t.Error("no marker in the build")
	}
}
