package build

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/emersion/go-ical"

	"pressroom/internal/publish"
)

func eventSite() testSite {
	return testSite{
		"site.toml": siteTOML,
		"content/pressemitteilungen/2026-11-02-einladung.md": `
---
title: Einladung zur Fachtagung
date: 2026-11-02 10:00
---
Wir laden ein.
`,
		"content/termine/fachtagung.md": `
---
title: Fachtagung Übergänge – Schule, Ausbildung und Beruf gemeinsam gestalten im ländlichen Raum
date: 2026-11-01 09:00
start: 2026-12-08 10:00
end: 2026-12-08 16:30
location: Rathaus Musterstadt, Großer Saal
address: Marktplatz 1, 12345 Musterstadt
online: https://stream.example.org/fachtagung
registration: {email: anmeldung@example.org, deadline: 2026-12-01}
accreditation: Bitte bis 5. Dezember anmelden.
tags: [Übergänge]
releases: [pressemitteilungen/2026-11-02-einladung.md]
---
Die Fachtagung bringt Schulen, Betriebe und Jobcenter zusammen; größere Änderungen für Übergänge stehen an, über die Ämter, Kammern und Verbände gemeinsam beraten.
`,
		"content/termine/sommerfest.md": `
---
title: Sommerfest
date: 2026-05-01 09:00
start: 2026-07-03
end: 2026-07-04
status: cancelled
---
Fällt aus.
`,
		"content/termine/empfang.md": `
---
title: Sommerempfang
date: 2026-05-01 09:00
start: 2026-07-10 18:00
---
Im Garten.
`,
		"content/termine/geheim.md": `
---
title: Geheime Sitzung Sperrvermerk
date: 2026-11-01 09:00
embargo: 2026-12-01 09:00
start: 2026-12-10 10:00
tags: [Übergänge]
---
Noch nicht öffentlich.
`,
	}
}

func TestEventsWholeSite(t *testing.T) {
	b := buildSite(t, eventSite(), Options{})
	page := "termine/fachtagung/index.html"
	b.contains(page, "Dienstag, 8. Dezember 2026, 10:00–16:30 Uhr", "Rathaus Musterstadt, Großer Saal", "Marktplatz 1, 12345 Musterstadt",
		`href="https://stream.example.org/fachtagung"`, `href="mailto:anmeldung@example.org"`, "bis 1. Dezember 2026", "Bitte bis 5. Dezember anmelden.",
		`href="/termine/fachtagung/fachtagung.ics"`, "In den Kalender", `href="/pressemitteilungen/2026/einladung/"`,
		`"@type":"Event"`, `"eventAttendanceMode":"https://schema.org/MixedEventAttendanceMode"`, `"startDate":"2026-12-08T10:00:00+01:00"`)
	// The release links back.
	b.contains("pressemitteilungen/2026/einladung/index.html", `href="/termine/fachtagung/"`, "Termin zu dieser Pressemitteilung")
	// A cancelled event is struck and labelled.
	b.contains("termine/sommerfest/index.html", "<del>Sommerfest</del>", "Abgesagt", "3.–4. Juli 2026", `"eventStatus":"https://schema.org/EventCancelled"`)
	// The section lists upcoming events first, past ones after; years.
	list := b.file("termine/index.html")
	// (two a page: the upcoming one, then the latest past one; the
	// earlier past one on page 2)
	if i, j := strings.Index(list, "Fachtagung"), strings.Index(list, "Sommerempfang"); i < 0 || j < 0 || i > j {
		t.Errorf("the upcoming event is not before the past one")
	}
	b.contains("termine/seite/2/index.html", "Sommerfest")
	// The archive of a year is in the order of the calendar.
	b.contains("termine/2026/index.html", "Sommerfest", "Sommerempfang")
	b.contains("termine/2026/seite/2/index.html", "Fachtagung")
	// Home and organisation page list upcoming events; subscriptions.
	b.contains("index.html", "Kommende Termine", `href="webcal://presse.example.org/kalender.ics"`, `href="/kalender.ics"`)
	b.lacks("index.html", "<del>Sommerfest</del>")
	b.contains("organisationen/netz/index.html", "Kommende Termine", "organisationen/netz/kalender.ics")
	b.contains("themen/uebergaenge/index.html", "webcal://presse.example.org/themen/uebergaenge/kalender.ics")
	// Feeds carry the event dated by its publication; the sitemap has it.
	b.contains("feed.xml", "<link>https://presse.example.org/termine/fachtagung/</link>", "Sun, 01 Nov 2026 09:00:00 +0100")
	b.contains("sitemap.xml", "https://presse.example.org/termine/fachtagung/")
	// The embargoed event appears nowhere.
	b.nowhere("Sperrvermerk")
	b.nowhere("geheim")

	for _, name := range []string{"termine/fachtagung/fachtagung.ics", "kalender.ics", "organisationen/netz/kalender.ics", "themen/uebergaenge/kalender.ics", "termine/sommerfest/sommerfest.ics"} {
		raw := b.file(name)
		if strings.Contains(strings.ReplaceAll(raw, "\r\n", ""), "\n") {
			t.Errorf("%s: a line ends without CR", name)
		}
		for _, l := range strings.Split(raw, "\r\n") {
			if len(l) > 75 {
				t.Errorf("%s: line of %d octets", name, len(l))
			}
		}
		cal, err := ical.NewDecoder(strings.NewReader(raw)).Decode()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(cal.Children) == 0 || cal.Children[0].Name != ical.CompTimezone {
			t.Errorf("%s: no VTIMEZONE first", name)
		}
	}
	cal, _ := ical.NewDecoder(strings.NewReader(b.file("termine/fachtagung/fachtagung.ics"))).Decode()
	ev := cal.Events()[0]
	berlin, _ := time.LoadLocation("Europe/Berlin")
	start, _ := ev.DateTimeStart(berlin)
	end, _ := ev.DateTimeEnd(berlin)
	if !start.Equal(time.Date(2026, 12, 8, 9, 0, 0, 0, time.UTC)) || !end.Equal(time.Date(2026, 12, 8, 15, 30, 0, 0, time.UTC)) {
		t.Errorf("start %v, end %v", start.UTC(), end.UTC())
	}
	cal, _ = ical.NewDecoder(strings.NewReader(b.file("termine/empfang/empfang.ics"))).Decode()
	if st, _ := cal.Events()[0].DateTimeStart(berlin); !st.Equal(time.Date(2026, 7, 10, 16, 0, 0, 0, time.UTC)) {
		t.Errorf("summer time: start %v, want 16:00 UTC", st.UTC())
	}
	cal, _ = ical.NewDecoder(strings.NewReader(b.file("termine/fachtagung/fachtagung.ics"))).Decode()
	ev = cal.Events()[0]
	text := func(name string) string { s, _ := ev.Props.Text(name); return s }
	if got := text(ical.PropUID); got != "termine/fachtagung@presse.example.org" {
		t.Errorf("UID %q", got)
	}
	if got := text(ical.PropLocation); got != "Rathaus Musterstadt, Großer Saal, Marktplatz 1, 12345 Musterstadt" {
		t.Errorf("LOCATION %q", got)
	}
	if d := text(ical.PropDescription); !strings.Contains(d, "Die Fachtagung bringt Schulen, Betriebe und Jobcenter zusammen; größere Änderungen") || strings.Contains(d, "<p>") {
		t.Errorf("DESCRIPTION %q", d)
	}
	if got := ev.Props.Get(ical.PropDateTimeStamp).Value; got != "20261101T080000Z" {
		t.Errorf("DTSTAMP %q", got)
	}
	if got := ev.Props.Get(ical.PropSequence).Value; got != "0" {
		t.Errorf("SEQUENCE %q", got)
	}
	// The cancelled all-day event: CANCELLED, dates, exclusive end.
	cal, _ = ical.NewDecoder(strings.NewReader(b.file("termine/sommerfest/sommerfest.ics"))).Decode()
	ev = cal.Events()[0]
	if st, _ := ev.Status(); st != ical.EventCancelled {
		t.Errorf("STATUS %q", st)
	}
	if p := ev.Props.Get(ical.PropDateTimeStart); p.Value != "20260703" || p.ValueType() != ical.ValueDate {
		t.Errorf("DTSTART %q", p.Value)
	}
	if p := ev.Props.Get(ical.PropDateTimeEnd); p.Value != "20260705" {
		t.Errorf("DTEND %q, want the day after the last", p.Value)
	}
	// The site's calendar holds both published events, not the embargoed one.
	site := b.file("kalender.ics")
	if strings.Count(site, "BEGIN:VEVENT") != 3 {
		t.Errorf("kalender.ics has %d events", strings.Count(site, "BEGIN:VEVENT"))
	}

	// A change with updated raises the sequence.
	s := eventSite()
	s["content/termine/fachtagung.md"] = strings.Replace(s["content/termine/fachtagung.md"], "date: 2026-11-01 09:00", "date: 2026-11-01 09:00\nupdated: 2026-11-20 12:00", 1)
	b2 := buildSite(t, s, Options{})
	cal, _ = ical.NewDecoder(strings.NewReader(b2.file("termine/fachtagung/fachtagung.ics"))).Decode()
	if got := cal.Events()[0].Props.Get(ical.PropSequence).Value; got == "0" || got == "" {
		t.Errorf("SEQUENCE after a change is %q", got)
	}
	// Once the embargo lifts, the event is everywhere.
	b3 := buildSite(t, eventSite(), Options{Now: time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)})
	b3.contains("kalender.ics", "Sperrvermerk")
	b3.contains("termine/geheim/geheim.ics", "UID:termine/geheim@presse.example.org")

	checkPythonICS(t, b)
}

// checkPythonICS parses the calendar files with Debian's python3-icalendar,
// a second, independent parser, and checks the start in UTC.
func checkPythonICS(t *testing.T, b *built) {
	t.Helper()
	script := `
import sys, icalendar, datetime
for name in sys.argv[1:]:
    cal = icalendar.Calendar.from_ical(open(name, 'rb').read())
    for ev in cal.walk('VEVENT'):
        s = ev.decoded('DTSTART')
        if isinstance(s, datetime.datetime):
            print(name.split('/')[-1], s.astimezone(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%MZ'), str(ev.get('STATUS')))
        else:
            print(name.split('/')[-1], s.isoformat(), str(ev.get('STATUS')))
`
	// Debian's python3 first: a python3 of one's own (pyenv) ahead of it
	// on the PATH lacks Debian's packages.
	python := ""
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(p, "-c", "import icalendar").Run() == nil {
			python = p
			break
		}
	}
	if python == "" {
		if os.Getenv("PRESSROOM_REQUIRE_TOOLS") == "1" {
			t.Fatal("python3-icalendar is not installed")
		}
		t.Log("python3-icalendar not installed: skipping the second parser (PRESSROOM_REQUIRE_TOOLS=1 makes it required)")
		return
	}
	dir := t.TempDir()
	var files []string
	for _, name := range []string{"termine/fachtagung/fachtagung.ics", "termine/sommerfest/sommerfest.ics", "termine/empfang/empfang.ics", "kalender.ics"} {
		f := filepath.Join(dir, strings.ReplaceAll(name, "/", "_"))
		if err := os.WriteFile(f, []byte(b.file(name)), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	out, err := exec.Command(python, append([]string{"-c", script}, files...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("python3-icalendar: %v\n%s", err, out)
	}
	got := string(out)
	t.Logf("python3-icalendar (%s) read:\n%s", python, got)
	for _, want := range []string{"termine_fachtagung_fachtagung.ics 2026-12-08T09:00Z CONFIRMED", "termine_sommerfest_sommerfest.ics 2026-07-03 CANCELLED",
		"termine_empfang_empfang.ics 2026-07-10T16:00Z CONFIRMED"} {
		if !strings.Contains(got, want) {
			t.Errorf("python3-icalendar gave\n%s\nwant %q", got, want)
		}
	}
}

// TestEventEmbargoPreview: the embargo preview of an event shows it, with
// no calendar file beside it and none in the subscriptions.
func TestEventEmbargoPreview(t *testing.T) {
	s := eventSite()
	s["content/termine/geheim.md"] = strings.Replace(s["content/termine/geheim.md"], "tags:", "embargo_preview: true\ntags:", 1)
	b := buildSite(t, s, Options{PreviewSecret: "ein-langes-geheimnis-fuer-vorschauen-1234"})
	var preview string
	for _, name := range b.mem.Names() {
		if strings.HasPrefix(name, "vorschau/") && strings.HasSuffix(name, "index.html") {
			preview = name
		}
	}
	if preview == "" {
		t.Fatal("no embargo preview")
	}
	b.contains(preview, "Geheime Sitzung Sperrvermerk", "Donnerstag, 10. Dezember 2026, 10:00 Uhr")
	b.lacks(preview, ".ics")
	for _, name := range b.mem.Names() {
		if strings.HasSuffix(name, ".ics") {
			b.lacks(name, "Sperrvermerk")
		}
	}
}

// TestEventsIncrementalEqualsFull: the preview's updates of a site with
// events give what a full build gives, as time passes an event's end, an
// embargo lifts, an event is cancelled, its body or a linked release
// changes, and an event comes.
func TestEventsIncrementalEqualsFull(t *testing.T) {
	s := eventSite()
	fsys := s.fs()
	opts := Options{Site: fsys, Theme: os.DirFS(repoRoot), Now: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)}
	served := publish.NewMemory()
	b := NewPreview(opts)
	batch := served.Begin()
	if _, err := b.Full(context.Background(), batch); err != nil {
		t.Fatal(err)
	}
	batch.Commit()
	write := func(name, text string) { fsys[name] = &fstest.MapFile{Data: []byte(strings.TrimLeft(text, "\n"))} }
	edit := func(name, old, new string) {
		write(name, strings.Replace(string(fsys[name].Data), old, new, 1))
	}
	steps := []struct {
		what string
		do   func() []string
	}{
		{"a body alone", func() []string {
			edit("content/termine/fachtagung.md", "zusammen;", "zusammen, erstmals;")
			return []string{"content/termine/fachtagung.md"}
		}},
		{"the linked release's title", func() []string {
			edit("content/pressemitteilungen/2026-11-02-einladung.md", "title: Einladung zur Fachtagung", "title: Einladung zur Fachtagung am 8. Dezember")
			return []string{"content/pressemitteilungen/2026-11-02-einladung.md"}
		}},
		{"the embargo lifts", func() []string {
			opts.Now = time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)
			b.SetNow(opts.Now)
			return nil
		}},
		{"cancelled", func() []string {
			edit("content/termine/fachtagung.md", "tags:", "status: cancelled\nupdated: 2026-12-02 10:00\ntags:")
			return []string{"content/termine/fachtagung.md"}
		}},
		{"the event has ended", func() []string {
			opts.Now = time.Date(2026, 12, 9, 12, 0, 0, 0, time.UTC)
			b.SetNow(opts.Now)
			return nil
		}},
		{"a new event", func() []string {
			write("content/termine/neu.md", `
---
title: Neuer Termin
date: 2026-12-09 09:00
start: 2027-01-15 10:00
end: 2027-01-15 11:00
tags: [Übergänge]
releases: [/pressemitteilungen/2026/einladung/]
---
Neu.
`)
			return []string{"content/termine/neu.md"}
		}},
		{"a year later", func() []string {
			opts.Now = time.Date(2027, 12, 20, 12, 0, 0, 0, time.UTC)
			b.SetNow(opts.Now)
			return nil
		}},
	}
	for _, st := range steps {
		changed := st.do()
		batch := served.Begin()
		if _, err := b.Update(context.Background(), changed, batch); err != nil {
			t.Fatalf("%s: %v", st.what, err)
		}
		batch.Commit()
		full, err := tryBuildFS(fsys, opts)
		if err != nil {
			t.Fatalf("%s: full build: %v", st.what, err)
		}
		if diff := compareMemory(full, served); diff != "" {
			t.Fatalf("%s: incremental differs from full:\n%s", st.what, diff)
		}
	}
	got, _ := served.Get("kalender.ics")
	if strings.Contains(string(got), "Fachtagung") || !strings.Contains(string(got), "Neuer Termin") {
		t.Errorf("a year on, the site's calendar should hold only the new event:\n%s", got)
	}
}
