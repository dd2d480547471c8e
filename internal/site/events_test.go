package site

import (
	"testing"
	"time"

	"pressroom/internal/content"
)

// TestEvents: a section of events lists upcoming events first, the next
// first, then past ones, the latest first; year archives go by the start;
// an event links the releases it names, which link back, but not an
// unpublished one; the model notes when an event ends (Stable).
func TestEvents(t *testing.T) {
	cfg := modelConfig(t)
	now := berlin(t, "2026-11-23 12:00")
	ev := func(name string, start, end string) *content.Page {
		p := file("termine", name, berlin(t, "2026-01-05 10:00"))
		p.Event = &content.Event{Start: berlin(t, start)}
		if end != "" {
			p.Event.End = berlin(t, end)
		}
		return p
	}
	rel := file("pm", "einladung", berlin(t, "2026-11-01 10:00"))
	held := file("pm", "entwurf", berlin(t, "2026-11-02 10:00"))
	held.Draft = true
	next := ev("naechste", "2026-11-30 10:00", "2026-11-30 12:00")
	next.Event.Releases = []string{"pm/einladung.md", "content/pm/entwurf.md"}
	later := ev("spaeter", "2027-02-01 10:00", "")
	running := ev("laeuft", "2026-11-23 09:00", "2026-11-23 17:00")
	past := ev("vorbei", "2026-03-01 10:00", "2026-03-01 12:00")
	old := ev("alt", "2024-03-01 10:00", "")
	s, d := New(cfg, []*content.Page{rel, held, next, later, running, past, old}, Options{Now: now})
	if d.HasErrors() {
		t.Fatal(d)
	}
	var sec *Section
	for _, x := range s.Sections {
		if x.Name == "termine" {
			sec = x
		}
	}
	if got, want := slugs(sec.Pages), "laeuft naechste spaeter vorbei alt"; got != want {
		t.Errorf("section order %q, want %q", got, want)
	}
	if len(sec.Years) != 3 || sec.Years[0].Year != 2027 || slugs(sec.Years[1].Pages) != "vorbei laeuft naechste" {
		t.Errorf("years: %d, 2026: %q", len(sec.Years), slugs(sec.Years[1].Pages))
	}
	if got := slugs(UpcomingEvents(s.Pages)); got != "laeuft naechste spaeter" {
		t.Errorf("upcoming %q", got)
	}
	if got := slugs(CalendarEvents(s.Pages)); got != "vorbei laeuft naechste spaeter" {
		t.Errorf("in calendars %q", got)
	}
	var n *Page
	for _, p := range s.Pages {
		if p.Slug == "naechste" {
			n = p
		}
	}
	if len(n.Event.Releases) != 1 || n.Event.Releases[0].Slug != "einladung" || len(n.Event.Releases[0].Events) != 1 {
		t.Errorf("releases of the event: %v", n.Event.Releases)
	}
	// The running event ends at 17:00: the model changes then.
	if want := berlin(t, "2026-11-23 17:00").Add(time.Nanosecond); !s.Stable.Equal(want) {
		t.Errorf("Stable %v, want %v", s.Stable, want)
	}
}
