package serve

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pressroom/internal/build"
	"pressroom/internal/publish"
)

// sameSetSite is a site with files build leaves out or refuses beside one
// release: hidden is published by neither, refused fails both.
var (
	sameSetBase = map[string]string{
		"site.toml": siteTOML,
		"content/pressemitteilungen/2026-01-05-a.md": "---\ntitle: Erste\ndate: 2026-01-05\n---\nText.\n",
		"intern/innen.md": "---\ntitle: Innen verlinkt\ndate: 2026-01-06\n---\nText.\n",
	}
	sameSetHidden = map[string]string{
		"content/pressemitteilungen/_versteckt.md":          "---\ntitle: Unterstrich\ndate: 2026-01-07\n---\nText.\n",
		"content/pressemitteilungen/.versteckt.md":          "---\ntitle: Punktdatei\ndate: 2026-01-08\n---\nText.\n",
		"content/_entwuerfe/2026-01-09-e.md":                "---\ntitle: Entwurfsordner\ndate: 2026-01-09\n---\nText.\n",
		"content/pressemitteilungen/_alt/2026-01-10-alt.md": "---\ntitle: Altordner\ndate: 2026-01-10\n---\nText.\n",
	}
	leakedTitles = []string{"Unterstrich", "Punktdatei", "Entwurfsordner", "Altordner", "Innen verlinkt", "Draußen"}
)

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// addLinks adds a symbolic link to a file outside the site and one to a
// file of the site outside content/, and returns their paths.
func addLinks(t *testing.T, dir string) []string {
	t.Helper()
	outside := filepath.Join(t.TempDir(), "draussen.md")
	os.WriteFile(outside, []byte("---\ntitle: Draußen\ndate: 2026-01-11\n---\nGeheim.\n"), 0o644)
	links := map[string]string{
		"content/pressemitteilungen/2026-01-11-draussen.md": outside,
		"content/pressemitteilungen/2026-01-06-innen.md":    filepath.Join("..", "..", "intern", "innen.md"),
	}
	var names []string
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Skip("no symbolic links:", err)
		}
		names = append(names, name)
	}
	return names
}

func sameSetOptions(dir string) build.Options {
	return build.Options{SiteDir: dir, Theme: os.DirFS("../.."), Now: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC),
		BaseURL: "http://127.0.0.1/presse/"}
}

// built is what build publishes: its outputs, or its error.
func built(t *testing.T, dir string) ([]string, error) {
	t.Helper()
	mem := publish.NewMemory()
	_, err := build.Build(context.Background(), sameSetOptions(dir), mem)
	return mem.Names(), err
}

func noLeaks(t *testing.T, what string, mem *publish.Memory) {
	t.Helper()
	for _, n := range mem.Names() {
		data, _ := mem.Get(n)
		for _, title := range leakedTitles {
			if strings.Contains(string(data), title) {
				t.Errorf("%s: %s shows %q", what, n, title)
			}
		}
	}
}

// TestServePublishesWhatBuildPublishes: serve --drafts=false --future=false
// has exactly the outputs of build, at start and after the watcher
// reports hidden files and symbolic links.
func TestServePublishesWhatBuildPublishes(t *testing.T) {
	ctx := context.Background()
	t.Run("hidden names", func(t *testing.T) {
		dir := t.TempDir()
		writeFiles(t, dir, sameSetBase)
		srv := New(sameSetOptions(dir), "/presse/", io.Discard)
		if _, err := srv.Build(ctx); err != nil {
			t.Fatal(err)
		}
		writeFiles(t, dir, sameSetHidden)
		var changed []string
		for name := range sameSetHidden {
			changed = append(changed, name)
		}
		if _, err := srv.Rebuild(ctx, changed); err != nil {
			t.Fatalf("serve after the change: %v", err)
		}
		want, err := built(t, dir)
		if err != nil {
			t.Fatal(err)
		}
		if got := srv.Files().Names(); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("serve after the change publishes\n%s\nbuild publishes\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		noLeaks(t, "serve after the change", srv.Files())
		fresh := New(sameSetOptions(dir), "/presse/", io.Discard)
		if _, err := fresh.Build(ctx); err != nil {
			t.Fatal(err)
		}
		if got := fresh.Files().Names(); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("serve publishes\n%s\nbuild publishes\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
	t.Run("symbolic links", func(t *testing.T) {
		dir := t.TempDir()
		writeFiles(t, dir, sameSetBase)
		srv := New(sameSetOptions(dir), "/presse/", io.Discard)
		if _, err := srv.Build(ctx); err != nil {
			t.Fatal(err)
		}
		before := srv.Files().Names()
		links := addLinks(t, dir)
		_, buildErr := built(t, dir)
		if buildErr == nil {
			t.Fatal("build accepts symbolic links in content/")
		}
		for _, name := range links {
			if !strings.Contains(buildErr.Error(), name+": symbolic links are not followed") {
				t.Errorf("build error does not name %s:\n%v", name, buildErr)
			}
		}
		_, err := srv.Rebuild(ctx, links)
		if err == nil || err.Error() != buildErr.Error() {
			t.Errorf("serve after the change: %v\nbuild: %v", err, buildErr)
		}
		if got := srv.Files().Names(); strings.Join(got, "\n") != strings.Join(before, "\n") {
			t.Errorf("serve changed its outputs for a build that fails:\n%s", strings.Join(got, "\n"))
		}
		noLeaks(t, "serve after the change", srv.Files())
		fresh := New(sameSetOptions(dir), "/presse/", io.Discard)
		if _, err := fresh.Build(ctx); err == nil || err.Error() != buildErr.Error() {
			t.Errorf("serve: %v\nbuild: %v", err, buildErr)
		}
		noLeaks(t, "serve", fresh.Files())
	})
}
