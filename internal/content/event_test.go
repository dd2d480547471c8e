package content

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"pressroom/internal/config"
)

func loadEvent(t *testing.T, name, text string) (*Page, string) {
	t.Helper()
	cfg := &config.Site{Language: "de", Sections: map[string]*config.Section{}}
	cfg.Location, _ = time.LoadLocation("Europe/Berlin")
	fsys := fstest.MapFS{name: {Data: []byte(strings.TrimLeft(text, "\n"))}}
	p, diags := LoadFile(fsys, cfg, name)
	var b strings.Builder
	for _, d := range diags {
		b.WriteString(d.String() + "\n")
	}
	return p, b.String()
}

// TestEventDecoding: the keys of events in YAML and TOML; a day alone is
// an all-day event; registration as a text or a table.
func TestEventDecoding(t *testing.T) {
	p, d := loadEvent(t, "content/termine/a.md", `
---
title: A
date: 2026-05-01
start: 2026-05-12
end: 2026-05-13
registration: {email: anmeldung@example.org, deadline: 2026-05-01}
---
x`)
	if d != "" {
		t.Fatal(d)
	}
	e := p.Event
	if !e.AllDay || e.Start.Day() != 12 || e.End.Day() != 13 || e.RegistrationLink() != "mailto:anmeldung@example.org" || e.RegistrationDeadline.Day() != 1 {
		t.Errorf("event %+v", e)
	}
	if got := e.EndInstant(); !got.Equal(time.Date(2026, 5, 14, 0, 0, 0, 0, e.Start.Location())) {
		t.Errorf("EndInstant %v", got)
	}
	p, d = loadEvent(t, "content/termine/b.md", `
+++
title = "B"
date = 2026-05-01T09:00:00
start = 2026-05-12T10:00:00
end = 2026-05-12T16:30:00
status = "rescheduled"
previousStart = 2026-04-21T10:00:00
registration = "https://www.example.org/anmeldung"
sequence = 3
+++
x`)
	if d != "" {
		t.Fatal(d)
	}
	e = p.Event
	if e.AllDay || e.Start.Hour() != 10 || e.Start.Location().String() != "Europe/Berlin" || e.End.Minute() != 30 || e.Sequence != 3 ||
		e.PreviousStart.Day() != 21 || e.RegistrationLink() != "https://www.example.org/anmeldung" {
		t.Errorf("event %+v", e)
	}
	// A German key is caught.
	_, d = loadEvent(t, "content/termine/c.md", `
---
title: C
date: 2026-05-01
start: 2026-05-12 10:00
anmeldung: x@example.org
---
x`)
	if !strings.Contains(d, `did you mean "registration"?`) {
		t.Errorf("diagnostics: %s", d)
	}
}
