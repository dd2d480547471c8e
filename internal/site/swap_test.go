package site

import (
	"testing"
	"testing/fstest"
	"time"

	"pressroom/internal/config"
	"pressroom/internal/content"
)

// TestSwap: a file whose body alone changed takes the place of the old one
// in the model; anything that could change the model is refused.
func TestSwap(t *testing.T) {
	fsys := fstest.MapFS{
		"site.toml":                            {Data: []byte("title = \"Presse\"\nbaseURL = \"https://example.org/\"\nlanguage = \"de\"\n")},
		"content/pressemitteilungen/a.md":      {Data: []byte("---\ntitle: A\ndate: 2026-01-01\n---\nText.\n")},
		"content/pressemitteilungen/b.md":      {Data: []byte("---\ntitle: B\ndate: 2026-01-02\n---\nText.\n")},
		"content/pressemitteilungen/sperre.md": {Data: []byte("---\ntitle: Sperre\ndate: 2026-01-03\nembargo: 2026-01-10T10:00:00Z\nembargo_preview: true\n---\nText.\n")},
		"content/pressemitteilungen/spaet.md":  {Data: []byte("---\ntitle: Später\ndate: 2026-01-20\n---\nText.\n")},
	}
	cfg, d := config.Load(fsys)
	if d.HasErrors() {
		t.Fatal(d)
	}
	now := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	model := func() *Site {
		pages, d := content.Load(fsys, cfg, nil)
		if d.HasErrors() {
			t.Fatal(d)
		}
		s, _ := New(cfg, pages, Options{Now: now, PreviewSecret: "geheim-geheim-Vorschau-2026", Drafts: true})
		return s
	}
	edit := func(name, text string) *content.Page {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
		p, d := content.LoadFile(fsys, cfg, name)
		if p == nil {
			t.Fatal(d)
		}
		return p
	}
	s := model()
	if !s.Stable.Equal(time.Date(2026, 1, 10, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("stable until %v, want the embargo's end", s.Stable)
	}
	body := edit("content/pressemitteilungen/a.md", "---\ntitle: A\ndate: 2026-01-01\n---\nNeuer Text.\n")
	if !s.Swap([]string{body.Path}, now.Add(time.Hour)) {
		t.Fatal("a changed body was refused")
	}
	if !s.Now.Equal(now.Add(time.Hour)) {
		t.Errorf("swapped: now %v", s.Now)
	}
	for name, refuse := range map[string]struct {
		file, text string
		at         time.Time
	}{
		"held page":       {"spaet.md", "---\ntitle: Später\ndate: 2026-01-20\n---\nAnders.\n", now},
		"embargo preview": {"sperre.md", "---\ntitle: Sperre\ndate: 2026-01-03\nembargo: 2026-01-10T10:00:00Z\nembargo_preview: true\n---\nAnders.\n", now},
		"past an embargo": {"a.md", "---\ntitle: A\ndate: 2026-01-01\n---\nNoch einmal.\n", time.Date(2026, 1, 11, 0, 0, 0, 0, time.UTC)},
		"back in time":    {"a.md", "---\ntitle: A\ndate: 2026-01-01\n---\nZurück.\n", now.Add(-time.Hour)},
	} {
		s := model()
		if s.Swap([]string{edit("content/pressemitteilungen/"+refuse.file, refuse.text).Path}, refuse.at) {
			t.Errorf("%s: swapped", name)
		}
	}
}
