package config

import (
	"testing"
	"testing/fstest"
)

// TestEventSection: a folder termine (events on an English site) is a
// section of events unless site.toml says otherwise, declared without a
// kind or not declared at all.
func TestEventSection(t *testing.T) {
	for _, c := range []struct{ toml, name, want string }{
		{"", "termine", KindEvent},
		{`language = "en"`, "events", KindEvent},
		{`language = "en"`, "termine", KindRelease},
		{"[sections.termine]\ntitle = \"Termine\"", "termine", KindEvent},
		{"[sections.termine]\nkind = \"release\"", "termine", KindRelease},
	} {
		s, diags := Load(fstest.MapFS{File: {Data: []byte(c.toml)}})
		if diags.HasErrors() {
			t.Fatalf("%q: %v", c.toml, diags)
		}
		sec := s.Sections[c.name]
		if sec == nil {
			sec = s.Clone().AddSection(c.name)
		}
		if sec.Kind != c.want {
			t.Errorf("%q: section %s is of kind %q, want %q", c.toml, c.name, sec.Kind, c.want)
		}
		if sec.Kind == KindEvent && sec.Permalink != "/:section/:slug/" {
			t.Errorf("%q: permalink %q", c.toml, sec.Permalink)
		}
	}
	if s, _ := Load(fstest.MapFS{File: {Data: []byte("")}}); s.Paths.Calendar != "kalender" {
		t.Errorf("paths.calendar = %q", s.Paths.Calendar)
	}
}
