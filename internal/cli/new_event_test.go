package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestNewEvent: new event starts a Termin in content/termine/ (a section
// of events without being declared) that builds.
func TestNewEvent(t *testing.T) {
	clock(t)
	dir := writeSite(t, map[string]string{"site.toml": twoOrgs})
	mustRun(t, "new", "event", "Fachtag Digitalisierung", "-s", dir)
	file := filepath.Join(dir, "content", "termine", "2026-03-12-fachtag-digitalisierung.md")
	text := read(t, file)
	for _, want := range []string{"start: 2026-03-26 10:00", "end: 2026-03-26 12:00", `location: ""`, "## Programm"} {
		if !strings.Contains(text, want) {
			t.Errorf("the new event lacks %q:\n%s", want, text)
		}
	}
	publishDraft(t, file)
	mustRun(t, "build", "-s", dir)
	read(t, filepath.Join(dir, "public", "termine", "fachtag-digitalisierung", "fachtag-digitalisierung.ics"))
}
