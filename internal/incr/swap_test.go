package incr

import (
	"testing"
	"testing/fstest"
	"time"

	"pressroom/internal/config"
	"pressroom/internal/content"
	"pressroom/internal/site"
)

// TestKeepModel: a file whose body alone changed keeps the model, moved to
// the new instant; anything that could change the model is refused.
func TestKeepModel(t *testing.T) {
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
	model := func() *site.Site {
		pages, d := content.Load(fsys, cfg, nil)
		if d.HasErrors() {
			t.Fatal(d)
		}
		s, _ := site.New(cfg, pages, site.Options{Now: now, PreviewSecret: "geheim-geheim-Vorschau-2026", Drafts: true})
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
	old := func(name string) *content.Page {
		p, _ := content.LoadFile(fsys, cfg, name)
		return p
	}
	a := "content/pressemitteilungen/a.md"
	before := old(a)
	body := edit(a, "---\ntitle: A\ndate: 2026-01-01\n---\nNeuer Text.\n")
	if !KeepModel(s, []Change{{before, body}}, now.Add(time.Hour)) {
		t.Fatal("a changed body was refused")
	}
	if !s.Now.Equal(now.Add(time.Hour)) {
		t.Errorf("swapped: now %v", s.Now)
	}
	for name, refuse := range map[string]struct {
		file, text string
		at         time.Time
	}{
		"changed title":   {"b.md", "---\ntitle: B neu\ndate: 2026-01-02\n---\nText.\n", now},
		"held page":       {"spaet.md", "---\ntitle: Später\ndate: 2026-01-20\n---\nAnders.\n", now},
		"embargo preview": {"sperre.md", "---\ntitle: Sperre\ndate: 2026-01-03\nembargo: 2026-01-10T10:00:00Z\nembargo_preview: true\n---\nAnders.\n", now},
		"past an embargo": {"a.md", "---\ntitle: A\ndate: 2026-01-01\n---\nNoch einmal.\n", time.Date(2026, 1, 11, 0, 0, 0, 0, time.UTC)},
		"back in time":    {"a.md", "---\ntitle: A\ndate: 2026-01-01\n---\nZurück.\n", now.Add(-time.Hour)},
	} {
		file, s := "content/pressemitteilungen/"+refuse.file, model()
		before := old(file)
		if KeepModel(s, []Change{{before, edit(file, refuse.text)}}, refuse.at) {
			t.Errorf("%s: kept", name)
		}
	}
}
