package render

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-ical"
)

func TestWhen(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	at := func(s string) time.Time {
		d, err := time.ParseInLocation("2006-01-02 15:04", s, berlin)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	var zero time.Time
	for _, c := range []struct {
		lang       string
		start, end time.Time
		allDay     bool
		want       string
	}{
		{"de", at("2026-05-12 10:00"), at("2026-05-12 16:30"), false, "Dienstag, 12. Mai 2026, 10:00–16:30 Uhr"},
		{"de", at("2026-05-12 10:00"), zero, false, "Dienstag, 12. Mai 2026, 10:00 Uhr"},
		{"de", at("2026-05-12 00:00"), zero, true, "Dienstag, 12. Mai 2026"},
		{"de", at("2026-05-12 00:00"), at("2026-05-13 00:00"), true, "12.–13. Mai 2026"},
		{"de", at("2026-05-12 10:00"), at("2026-05-13 15:00"), false, "12.–13. Mai 2026, Beginn 10:00 Uhr, Ende 15:00 Uhr"},
		{"de", at("2026-04-30 00:00"), at("2026-05-02 00:00"), true, "30. April – 2. Mai 2026"},
		{"de", at("2026-12-30 00:00"), at("2027-01-02 00:00"), true, "30. Dezember 2026 – 2. Januar 2027"},
		{"en", at("2026-05-12 10:00"), at("2026-05-12 16:30"), false, "Tuesday, 12 May 2026, 10:00–16:30"},
		{"en", at("2026-05-12 00:00"), at("2026-05-13 00:00"), true, "12–13 May 2026"},
		{"en", at("2026-04-30 00:00"), at("2026-05-02 00:00"), true, "30 April – 2 May 2026"},
		// An instant given in UTC is shown in the site's zone.
		{"de", at("2026-05-12 10:00").UTC(), zero, false, "Dienstag, 12. Mai 2026, 10:00 Uhr"},
	} {
		if got := when(c.lang, berlin, c.start, c.end, c.allDay); got != c.want {
			t.Errorf("when(%s, %v, %v, %v) = %q, want %q", c.lang, c.start, c.end, c.allDay, got, c.want)
		}
	}
}

// TestFold: lines longer than 75 octets are folded, never inside a
// character, and unfold to the line as it was.
func TestFold(t *testing.T) {
	line := "DESCRIPTION:" + strings.Repeat("Größere Änderungen für Übergänge – ", 8)
	var b bytes.Buffer
	fold(&b, []byte("BEGIN:X\r\n"+line+"\r\nEND:X\r\n"))
	out := b.String()
	if !strings.HasSuffix(out, "\r\n") || strings.Contains(strings.ReplaceAll(out, "\r\n", ""), "\n") {
		t.Fatalf("line ends are not CRLF: %q", out)
	}
	for _, l := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
		if len(l) > 75 {
			t.Errorf("line of %d octets: %q", len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("folded inside a character: %q", l)
		}
	}
	if got := strings.ReplaceAll(out, "\r\n ", ""); got != "BEGIN:X\r\n"+line+"\r\nEND:X\r\n" {
		t.Errorf("unfolded:\n%q\nwant\n%q", got, line)
	}
}

// TestVTimezoneBerlin: the zone's rules are those of Europe/Berlin:
// summer time from the last Sunday of March at 02:00 (+0100 -> +0200),
// winter time from the last Sunday of October at 03:00.
func TestVTimezoneBerlin(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	tz := vtimezone(berlin, "Europe/Berlin", 2025, 2027)
	var std, dst *ical.Component
	for _, c := range tz.Children {
		switch c.Name {
		case ical.CompTimezoneStandard:
			std = c
		case ical.CompTimezoneDaylight:
			dst = c
		}
	}
	if std == nil || dst == nil || len(tz.Children) != 2 {
		t.Fatalf("want one STANDARD and one DAYLIGHT, got %d components", len(tz.Children))
	}
	val := func(c *ical.Component, name string) string { return c.Props.Get(name).Value }
	for _, c := range []struct{ got, want string }{
		{val(dst, ical.PropRecurrenceRule), "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"},
		{val(dst, ical.PropTimezoneOffsetFrom), "+0100"},
		{val(dst, ical.PropTimezoneOffsetTo), "+0200"},
		{val(dst, ical.PropDateTimeStart)[9:], "020000"},
		{val(std, ical.PropRecurrenceRule), "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"},
		{val(std, ical.PropTimezoneOffsetFrom), "+0200"},
		{val(std, ical.PropTimezoneOffsetTo), "+0100"},
		{val(std, ical.PropDateTimeStart)[9:], "030000"},
		{val(std, ical.PropTimezoneName), "CET"},
		{val(dst, ical.PropTimezoneName), "CEST"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	// A zone without summer time has one observance.
	utc := vtimezone(time.UTC, "UTC", 2026, 2026)
	if len(utc.Children) != 1 || val(utc.Children[0], ical.PropTimezoneOffsetTo) != "+0000" {
		t.Errorf("UTC: %d components", len(utc.Children))
	}
}
