package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWarmBuildEqualsColdBuild builds a site, changes it, builds again from
// the cache (keeping unchanged outputs from the last build) and compares
// the result with a cold build of the changed site, byte for byte.
func TestWarmBuildEqualsColdBuild(t *testing.T) {
	files := map[string]string{"site.toml": siteTOML}
	for i := 0; i < 60; i++ {
		files[fmt.Sprintf("content/pressemitteilungen/2024-%02d-%02d-m%02d.md", i%12+1, i%28+1, i)] =
			fmt.Sprintf("---\ntitle: Meldung %d\ndate: 2024-%02d-%02d\ntags: [T%d, Alle]\n---\nText %d.\n", i, i%12+1, i%28+1, i%5, i)
	}
	files["content/pressemitteilungen/2024-06-01-anhang/index.md"] = "---\ntitle: Mit Anhang\ndate: 2024-06-01\nattachments: [{file: a.pdf, title: A}]\n---\nText.\n"
	files["content/pressemitteilungen/2024-06-01-anhang/a.pdf"] = "%PDF-1.4 eins"
	dir := writeSite(t, files)
	a := filepath.Join(t.TempDir(), "a")
	if code, _, errOut := run("build", "-s", dir, "-o", a); code != 0 {
		t.Fatal(errOut)
	}
	// Nothing changed: the output folder stays as it is, nothing is
	// swapped.
	before := treeDigest(t, a)
	if code, out, errOut := run("build", "-s", dir, "-o", a); code != 0 || !strings.Contains(out, "unchanged, kept from the last build") {
		t.Fatalf("second build: %s%s", out, errOut)
	}
	if old, _ := filepath.Glob(filepath.Join(filepath.Dir(a), ".a.tmp-*")); len(old) != 0 || treeDigest(t, a) != before {
		t.Errorf("a build with nothing changed replaced the output (left %v)", old)
	}
	// Change a body, a title, an attachment; add and delete a release.
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/pressemitteilungen/2024-01-01-m00.md", "---\ntitle: Meldung 0\ndate: 2024-01-01\ntags: [T0, Alle]\n---\nGeänderter Text.\n")
	write("content/pressemitteilungen/2024-02-02-m01.md", "---\ntitle: Neuer Titel\ndate: 2024-02-02\ntags: [T1, Alle]\n---\nText 1.\n")
	write("content/pressemitteilungen/2024-06-01-anhang/a.pdf", "%PDF-1.4 zwei, länger")
	write("content/pressemitteilungen/2024-12-24-neu.md", "---\ntitle: Neu\ndate: 2024-12-24\ntags: [Alle]\n---\nNeu.\n")
	os.Remove(filepath.Join(dir, "content/pressemitteilungen/2024-03-03-m02.md"))

	code, out, errOut := run("build", "-s", dir, "-o", a)
	if code != 0 {
		t.Fatal(errOut)
	}
	if !strings.Contains(out, "unchanged, kept from the last build") {
		t.Errorf("the second build did not use the cache: %s", out)
	}
	b := filepath.Join(t.TempDir(), "b")
	os.RemoveAll(filepath.Join(dir, ".pressroom-cache"))
	if code, out, errOut := run("build", "-s", dir, "-o", b); code != 0 || strings.Contains(out, "kept") {
		t.Fatalf("cold build: %s%s", out, errOut)
	}
	if da, db := treeDigest(t, a), treeDigest(t, b); da != db {
		t.Error("the warm build differs from a cold build")
		diffTrees(t, a, b)
	}
}

func diffTrees(t *testing.T, a, b string) {
	t.Helper()
	filepath.WalkDir(b, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(b, p)
		x, _ := os.ReadFile(filepath.Join(a, rel))
		y, _ := os.ReadFile(p)
		if string(x) != string(y) {
			t.Errorf("differs: %s", rel)
		}
		return nil
	})
}
