package build

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

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
	opts := Options{Site: s.fs(), Theme: os.DirFS(repoRoot), Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), CacheDir: dir, Output: filepath.Join(dir, "out")}
	a := New(opts)
	if _, err := a.Full(context.Background(), publish.NewMemory()); err == nil {
		t.Fatal("the broken link was not reported")
	}
	// A good build is what gets saved: fix the link.
	s["content/pressemitteilungen/2021-03-01-a.md"] = release("Eins", "2021-03-01", "") + "\n## Teil\n\nSiehe [B](2021-04-01-b.md).\n"
	opts.Site = s.fs()
	a = New(opts)
	if _, err := a.Full(context.Background(), publish.NewMemory()); err != nil {
		t.Fatal(err)
	}
	if err := a.SaveCache(); err != nil {
		t.Fatal(err)
	}
	// A builder as Full makes it before it reads the cache.
	fresh := func() *Builder {
		b := New(opts)
		b.cfg, b.templates, b.assetFiles = a.cfg, a.templates, a.assetFiles
		return b
	}
	keys, bodies, ok := fresh().readCache()
	if !ok {
		t.Fatal("the cache was not used")
	}
	if !reflect.DeepEqual(a.keys, keys) {
		t.Error("keys differ after the round trip")
	}
	if len(a.bodies) != 2 || !reflect.DeepEqual(a.bodies, bodies) {
		t.Errorf("bodies differ after the round trip:\n%+v\n%+v", a.bodies, bodies)
	}
	file := filepath.Join(dir, "build.gob")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, cut := range []int{0, 5, len(data) / 2, len(data) - 1} {
		os.WriteFile(file, data[:cut], 0o644)
		if _, _, ok := fresh().readCache(); ok {
			t.Errorf("a cache cut at %d of %d bytes was used", cut, len(data))
		}
	}
	os.WriteFile(file, data, 0o644)
	if _, _, ok := fresh().readCache(); !ok {
		t.Error("the restored cache was not used")
	}
}
