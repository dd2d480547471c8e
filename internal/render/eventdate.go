package render

import (
	"fmt"
	"time"

	"pressroom/internal/site"
)

var weekdays = map[string][7]string{
	"de": {"Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"},
	"en": {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
}

// eventWhen says when an event takes place, in the site's language and
// timezone, its parts joined by no-break spaces: "Dienstag, 12. Mai 2026, 10:00–16:30 Uhr", "12.–13. Mai 2026".
func (r *Renderer) eventWhen(e *site.Event) string {
	return when(r.cfg.Language, r.cfg.Location, e.Start, e.End, e.AllDay)
}

// eventWhenAt says when an event was to take place before it was moved:
// the day, and the time unless the event takes whole days.
func (r *Renderer) eventWhenAt(t time.Time, e *site.Event) string {
	return when(r.cfg.Language, r.cfg.Location, t, time.Time{}, e.AllDay)
}

// when formats the span from start to end (zero: none) in loc.
//
//	one day, times:      Dienstag, 12. Mai 2026, 10:00–16:30 Uhr
//	one day, no end:     Dienstag, 12. Mai 2026, 10:00 Uhr
//	one day, all day:    Dienstag, 12. Mai 2026
//	days of one month:   12.–13. Mai 2026
//	across months:       30. April – 2. Mai 2026
//	across years:        30. Dezember 2026 – 2. Januar 2027
//
// Several days with times add when it begins and ends: "12.–13. Mai 2026,
// Beginn 10:00 Uhr, Ende 15:00 Uhr". English: "Tuesday, 12 May 2026,
// 10:00–16:30", "12–13 May 2026", "30 April – 2 May 2026".
func when(lang string, loc *time.Location, start, end time.Time, allDay bool) string {
	en := lang == "en"
	month := months[lang]
	if _, ok := months[lang]; !ok {
		month = months["de"]
	}
	wd := weekdays[lang]
	if _, ok := weekdays[lang]; !ok {
		wd = weekdays["de"]
	}
	start = start.In(loc)
	if !end.IsZero() {
		end = end.In(loc)
	}
	clock := func(t time.Time) string { return t.Format("15:04") }
	uhr := nbsp + "Uhr"
	if en {
		uhr = ""
	}
	day := func(t time.Time) string {
		if en {
			return fmt.Sprintf("%d"+nbsp+"%s"+nbsp+"%d", t.Day(), month[t.Month()-1], t.Year())
		}
		return fmt.Sprintf("%d."+nbsp+"%s"+nbsp+"%d", t.Day(), month[t.Month()-1], t.Year())
	}
	sameDay := end.IsZero() || start.Format("20060102") == end.Format("20060102")
	if sameDay {
		s := wd[start.Weekday()] + ", " + day(start)
		switch {
		case allDay:
			return s
		case end.IsZero() || end.Equal(start):
			return s + ", " + clock(start) + uhr
		}
		return s + ", " + clock(start) + "–" + clock(end) + uhr
	}
	var s string
	switch {
	case start.Year() == end.Year() && start.Month() == end.Month():
		if en {
			s = fmt.Sprintf("%d–%d"+nbsp+"%s"+nbsp+"%d", start.Day(), end.Day(), month[end.Month()-1], end.Year())
		} else {
			s = fmt.Sprintf("%d.–%d."+nbsp+"%s"+nbsp+"%d", start.Day(), end.Day(), month[end.Month()-1], end.Year())
		}
	case start.Year() == end.Year():
		if en {
			s = fmt.Sprintf("%d"+nbsp+"%s – %s", start.Day(), month[start.Month()-1], day(end))
		} else {
			s = fmt.Sprintf("%d."+nbsp+"%s – %s", start.Day(), month[start.Month()-1], day(end))
		}
	default:
		s = day(start) + " – " + day(end)
	}
	if allDay {
		return s
	}
	if en {
		return s + ", starts " + clock(start) + ", ends " + clock(end)
	}
	return s + ", Beginn " + clock(start) + uhr + ", Ende " + clock(end) + uhr
}

// eventsOf are the events of ps that are upcoming (or past), in order.
func eventsOf(ps []*site.Page, upcoming bool) []*site.Page {
	var out []*site.Page
	for _, p := range ps {
		if p.Event != nil && p.Event.Upcoming == upcoming {
			out = append(out, p)
		}
	}
	return out
}

// upcomingOf and pastOf are the events of a list that have not ended and
// that have, in the list's order (template functions).
func upcomingOf(ps []*site.Page) []*site.Page { return eventsOf(ps, true) }

func pastOf(ps []*site.Page) []*site.Page { return eventsOf(ps, false) }
