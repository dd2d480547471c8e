package watch

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

type fixture struct {
	t       *testing.T
	root    string
	batches chan []string
}

func start(t *testing.T) *fixture {
	t.Helper()
	root := t.TempDir()
	for _, d := range []string{"content/pressemitteilungen", "layouts", "public"} {
		os.MkdirAll(filepath.Join(root, d), 0o755)
	}
	w, err := New(root, []string{"content", "layouts", "assets"}, []string{"site.toml"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	f := &fixture{t: t, root: root, batches: make(chan []string, 100)}
	go w.Run(ctx, f.batches, func(err error) { t.Error(err) })
	t.Cleanup(func() { cancel(); w.Close() })
	return f
}

func (f *fixture) write(name, text string) {
	f.t.Helper()
	p := filepath.Join(f.root, filepath.FromSlash(name))
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		f.t.Fatal(err)
	}
}

// collect gathers what is reported until nothing comes for a while.
func (f *fixture) collect() (map[string]bool, int) {
	f.t.Helper()
	got := map[string]bool{}
	n := 0
	timeout := time.After(3 * time.Second)
	for {
		select {
		case b := <-f.batches:
			n++
			for _, p := range b {
				got[p] = true
			}
			timeout = time.After(400 * time.Millisecond)
		case <-timeout:
			return got, n
		}
	}
}

func (f *fixture) expect(want ...string) map[string]bool {
	f.t.Helper()
	got, _ := f.collect()
	for _, w := range want {
		if !got[w] {
			f.t.Errorf("not reported: %s (got %v)", w, got)
		}
	}
	return got
}

func TestWriteAndIgnore(t *testing.T) {
	f := start(t)
	f.write("content/pressemitteilungen/a.md", "x")
	f.write("public/index.html", "x")
	f.write("content/pressemitteilungen/.a.md.swp", "x")
	f.write("site.toml", "title = 'x'")
	got := f.expect("content/pressemitteilungen/a.md", "site.toml")
	for p := range got {
		if p != "content/pressemitteilungen/a.md" && p != "site.toml" {
			t.Errorf("reported %s", p)
		}
	}
}

func TestAtomicSave(t *testing.T) {
	f := start(t)
	f.write("content/pressemitteilungen/a.md", "v1")
	f.collect()
	// Editors write a temporary file and rename it over the original.
	f.write("content/pressemitteilungen/.a.md.tmp123", "v2")
	if err := os.Rename(filepath.Join(f.root, "content/pressemitteilungen/.a.md.tmp123"), filepath.Join(f.root, "content/pressemitteilungen/a.md")); err != nil {
		t.Fatal(err)
	}
	f.expect("content/pressemitteilungen/a.md")
}

func TestRenameAndDelete(t *testing.T) {
	f := start(t)
	f.write("content/pressemitteilungen/a.md", "x")
	f.collect()
	os.Rename(filepath.Join(f.root, "content/pressemitteilungen/a.md"), filepath.Join(f.root, "content/pressemitteilungen/b.md"))
	f.expect("content/pressemitteilungen/a.md", "content/pressemitteilungen/b.md")
	os.Remove(filepath.Join(f.root, "content/pressemitteilungen/b.md"))
	f.expect("content/pressemitteilungen/b.md")
}

func TestNewFolders(t *testing.T) {
	f := start(t)
	// A bundle folder created after start, with a file in it at once, and a
	// file added later into it.
	f.write("content/positionspapiere/leitbild/index.md", "x")
	f.expect("content/positionspapiere/leitbild/index.md")
	f.write("content/positionspapiere/leitbild/anhang.pdf", "x")
	f.expect("content/positionspapiere/leitbild/anhang.pdf")
	// A watched folder that did not exist at start.
	f.write("assets/css/style.css", "body{}")
	f.expect("assets/css/style.css")
}

func TestBurstIsBatched(t *testing.T) {
	f := start(t)
	var want []string
	for i := 0; i < 500; i++ {
		name := fmt.Sprintf("content/pressemitteilungen/m%03d.md", i)
		f.write(name, "x")
		want = append(want, name)
	}
	got, batches := f.collect()
	for _, w := range want {
		if !got[w] {
			t.Fatalf("not reported: %s", w)
		}
	}
	if batches > 25 {
		t.Errorf("500 files came in %d batches", batches)
	}
}

// TestEditorSaveIsOneBatch: the steps of an editor's save (vim: move the
// file to a backup, write the new one in pieces, set its mode, remove the
// backup) come as one batch, so the file is read once, complete. On a
// loaded machine a step may be delayed past Quiet now and then: a few of
// the saves may split, most may not.
func TestEditorSaveIsOneBatch(t *testing.T) {
	f := start(t)
	name := filepath.Join(f.root, "content/pressemitteilungen/a.md")
	f.write("content/pressemitteilungen/a.md", "v0")
	f.collect()
	split := 0
	for i := 1; i <= 10; i++ {
		if err := os.Rename(name, name+"~"); err != nil {
			t.Fatal(err)
		}
		out, err := os.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(out, "---\ntitle: Fassung %d\n", i)
		out.Sync()
		fmt.Fprintf(out, "---\nText %d.\n", i)
		out.Close()
		os.Chmod(name, 0o644)
		os.Remove(name + "~")
		got, n := f.collect()
		if !got["content/pressemitteilungen/a.md"] {
			t.Fatalf("save %d not reported: %v", i, got)
		}
		if n > 1 {
			split++
		}
	}
	if split > 3 {
		t.Errorf("%d of 10 saves came in more than one batch", split)
	}
}
