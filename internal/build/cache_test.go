package build

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"pressroom/internal/content"
	"pressroom/internal/incr"
	"pressroom/internal/publish"
)

// TestCacheRoundTrip saves the state of a build and reads it back in a new
// builder; a damaged or cut file is not used, and does no harm.
func TestCacheRoundTrip(t *testing.T) {
	s := testSite{"site.toml": siteTOML,
		"content/pressemitteilungen/2021-03-01-a.md": release("Eins", "2021-03-01", "") + "\n## Teil\n\nSiehe [B](2021-04-01-b.md) und [weg](/gibt-es-nicht/).\n",
		"content/pressemitteilungen/2021-04-01-b.md": release("Zwei", "2021-04-01", ""),
	}
	dir := t.TempDir()
	opts := Options{Site: s.fs(), Theme: os.DirFS(repoRoot), Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	// The preview's builder with a cache: it keeps the bodies to compare.
	m := mode{cache: Cache{Dir: dir, Output: filepath.Join(dir, "out")}}
	a := newBuilder(opts, m)
	if _, err := a.Full(context.Background(), publish.NewMemory()); err == nil {
		t.Fatal("the broken link was not reported")
	}
	// A good build is what gets saved: fix the link.
	s["content/pressemitteilungen/2021-03-01-a.md"] = release("Eins", "2021-03-01", "") + "\n## Teil\n\nSiehe [B](2021-04-01-b.md).\n"
	opts.Site = s.fs()
	a = newBuilder(opts, m)
	if _, err := a.Full(context.Background(), publish.NewMemory()); err != nil {
		t.Fatal(err)
	}
	if err := a.inc.SaveCache(a.pages, a.fileDiags); err != nil {
		t.Fatal(err)
	}
	// The state of a builder as Full makes it before it reads the cache.
	read := func() (*incr.State, bool) {
		st := incr.NewState(dir, a.inputs)
		st.Begin(time.Now(), false)
		st.ReadCache(opts.Site)
		var pages []*content.Page
		for _, p := range a.pages {
			pages = append(pages, p)
		}
		return st, st.Loaded(pages)
	}
	c, ok := read()
	if !ok {
		t.Fatal("the cache was not used")
	}
	if !reflect.DeepEqual(a.inc.Outputs(), c.Outputs()) {
		t.Error("keys differ after the round trip")
	}
	if len(a.inc.Bodies()) != 2 || !reflect.DeepEqual(a.inc.Bodies(), c.Bodies()) {
		t.Errorf("bodies differ after the round trip:\n%+v\n%+v", a.inc.Bodies(), c.Bodies())
	}
	file := filepath.Join(dir, "build.gob")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, cut := range []int{0, 5, len(data) / 2, len(data) - 1} {
		os.WriteFile(file, data[:cut], 0o644)
		if _, ok := read(); ok {
			t.Errorf("a cache cut at %d of %d bytes was used", cut, len(data))
		}
	}
	os.WriteFile(file, data, 0o644)
	if _, ok := read(); !ok {
		t.Error("the restored cache was not used")
	}
}

// countingFS counts the files opened in it.
type countingFS struct {
	fstest.MapFS
	mu    sync.Mutex
	opens map[string]int
}

func (c *countingFS) Open(name string) (fs.File, error) {
	c.mu.Lock()
	c.opens[name]++
	c.mu.Unlock()
	return c.MapFS.Open(name)
}

// TestUnchangedFilesAreNotRead: a build from the cache takes the pages of
// files whose size and times are the same from it, unread, and reads a
// file again when it changed, when it was changed just before the last
// build began, or when its body is needed after all; the output is always
// that of a cold build.
func TestUnchangedFilesAreNotRead(t *testing.T) {
	past := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	files := fstest.MapFS{"site.toml": {Data: []byte(siteTOML), ModTime: past}}
	put := func(name, text string, mod time.Time) {
		files[name] = &fstest.MapFile{Data: []byte(text), ModTime: mod}
	}
	for i := 1; i <= 9; i++ {
		put(fmt.Sprintf("content/pressemitteilungen/2021-0%d-01-m%d.md", i, i), release(fmt.Sprintf("Meldung %d", i), fmt.Sprintf("2021-0%d-01", i), "summary: Kurz.")+"\nText.\n", past)
	}
	// A links to B: when B is gone, A's body must be read again to say
	// where the broken link is.
	put("content/pressemitteilungen/2021-10-01-a.md", release("A", "2021-10-01", "summary: A.")+"\nSiehe [B](2021-11-01-b.md).\n", past)
	put("content/pressemitteilungen/2021-11-01-b.md", release("B", "2021-11-01", "summary: B."), past)
	dir := t.TempDir()
	cold := func() *publish.Memory {
		mem := publish.NewMemory()
		if _, err := Build(context.Background(), Options{Site: files, Theme: os.DirFS(repoRoot), Now: past.Add(24 * time.Hour)}, mem); err != nil {
			t.Fatal(err)
		}
		return mem
	}
	same := func(a, b *publish.Memory) {
		t.Helper()
		if !reflect.DeepEqual(a.Names(), b.Names()) {
			t.Fatalf("outputs differ:\n%v\n%v", a.Names(), b.Names())
		}
		for _, n := range a.Names() {
			x, _ := a.Get(n)
			y, _ := b.Get(n)
			if !bytes.Equal(x, y) {
				t.Errorf("%s differs from a cold build", n)
			}
		}
	}
	read := func(c *countingFS) (names []string) {
		for n, k := range c.opens {
			if strings.HasSuffix(n, ".md") && k > 0 {
				names = append(names, n)
			}
		}
		sort.Strings(names)
		return names
	}
	saved := func(p *Pending) {
		t.Helper()
		if err := p.Save(); err != nil {
			t.Fatal(err)
		}
	}
	// A builder whose state is saved after each build, as build does, into
	// the same output, which keeps what a build did not make again.
	mem := publish.NewMemory()
	run := func() (*countingFS, *publish.Memory, error) {
		t.Helper()
		c := &countingFS{MapFS: files, opens: map[string]int{}}
		_, b, err := BuildCached(context.Background(), Options{Site: c, Theme: os.DirFS(repoRoot), Now: past.Add(24 * time.Hour)},
			Cache{Dir: dir, Output: filepath.Join(dir, "out")}, mem)
		if err == nil {
			saved(b)
		}
		return c, mem, err
	}
	c, mem, err := run()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(read(c)); n != 11 {
		t.Errorf("a cold build read %d files, want 11", n)
	}
	same(mem, cold())

	// Nothing changed: nothing is read.
	c, mem, err = run()
	if err != nil {
		t.Fatal(err)
	}
	if r := read(c); len(r) != 0 {
		t.Errorf("a build with nothing changed read %v", r)
	}
	same(mem, cold())

	// One file changed: it alone is read.
	put("content/pressemitteilungen/2021-01-01-m1.md", release("Geändert", "2021-01-01", "summary: Neu.")+"\nText.\n", past.Add(time.Hour))
	c, mem, err = run()
	if err != nil {
		t.Fatal(err)
	}
	if r, want := read(c), []string{"content/pressemitteilungen/2021-01-01-m1.md"}; !reflect.DeepEqual(r, want) {
		t.Errorf("read %v, want %v", r, want)
	}
	same(mem, cold())

	// A file changed a moment before a build began, and again after it
	// read the file, within the resolution of the file's time (same time,
	// same size): the next build reads it again all the same.
	m2 := "content/pressemitteilungen/2021-02-01-m2.md"
	moment := time.Now().Add(-time.Second / 2)
	put(m2, release("Meldung 2", "2021-02-01", "summary: Kurz.")+"\nTxet.\n", moment)
	if _, _, err := run(); err != nil {
		t.Fatal(err)
	}
	put(m2, release("Meldung 2", "2021-02-01", "summary: Kurz.")+"\nText.\n", moment)
	c, mem, err = run()
	if err != nil {
		t.Fatal(err)
	}
	if c.opens[m2] == 0 {
		t.Error("a file changed just before the last build began was not read again")
	}
	same(mem, cold())

	// B is gone: A's broken link is reported at its line, from its body
	// read again.
	delete(files, "content/pressemitteilungen/2021-11-01-b.md")
	c, _, err = run()
	if err == nil || !strings.Contains(err.Error(), "content/pressemitteilungen/2021-10-01-a.md:11: link to 2021-11-01-b.md: no such page") {
		t.Errorf("broken link: %v", err)
	}
	if c.opens["content/pressemitteilungen/2021-10-01-a.md"] == 0 {
		t.Error("A's body was not read again")
	}
}
