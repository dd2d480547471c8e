package site

import (
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"pressroom/internal/config"
	"pressroom/internal/content"
	"pressroom/internal/diag"
)

// Event is the event of a published page in a section of kind event, with
// what the model makes of it.
type Event struct {
	*content.Event
	// Upcoming is set while the event has not ended at the instant of the
	// build; InCalendar while it is upcoming or ended within the last year
	// (what the calendar subscriptions hold).
	Upcoming, InCalendar bool
	// Releases are the published pages the event names (releases:), in
	// its order.
	Releases []*Page
	// Sequence is the revision of the event for calendars (SEQUENCE): the
	// frontmatter's sequence, or the whole minutes from date to updated,
	// whichever is greater; it rises with every later updated.
	Sequence int
}

// calendarPast is how long an ended event stays in the calendar
// subscriptions.
const calendarPast = 365 * 24 * time.Hour

// events gives the published events their model: status in time, linked
// releases (which link back) and sequence; it notes when an event ends or
// leaves the calendars (the model changes then, see Stable).
func (s *Site) events(diags *diag.List) {
	byRef := map[string]*Page{}
	held := map[string]bool{}
	for _, p := range s.Pages {
		for _, r := range pageRefs(p) {
			byRef[r] = p
		}
	}
	for _, p := range s.Held {
		for _, r := range pageRefs(p) {
			held[r] = true
		}
	}
	note := func(t time.Time) {
		if t.After(s.Now) && (s.Stable.IsZero() || t.Before(s.Stable)) {
			s.Stable = t
		}
	}
	for _, p := range s.Pages {
		if p.Kind != config.KindEvent || p.source.event == nil {
			continue
		}
		e := &Event{Event: p.source.event, Sequence: p.source.event.Sequence}
		p.Event = e
		s.Events = append(s.Events, p)
		end := e.EndInstant()
		e.Upcoming = !end.Before(s.Now)
		e.InCalendar = !end.Add(calendarPast).Before(s.Now)
		note(end.Add(time.Nanosecond))
		note(end.Add(calendarPast + time.Nanosecond))
		if p.Updated.After(p.Date) {
			// Minutes fit SEQUENCE (32 bits) for 4,000 years.
			e.Sequence = min(max(e.Sequence, int(p.Updated.Sub(p.Date)/time.Minute), 1), 1<<31-1)
		}
		for _, ref := range e.Event.Releases {
			key := normRef(ref)
			q := byRef[key]
			switch {
			case q == p:
				diags.Errorf(p.Path, p.Line("releases"), "releases: %q is the event itself", ref)
			case q != nil:
				e.Releases = append(e.Releases, q)
				if n := len(q.Events); n == 0 || q.Events[n-1] != p {
					q.Events = append(q.Events, p)
				}
			case held[key]:
				// Unpublished (draft, embargo): linked once it is out.
			default:
				diags.Add(diag.Diagnostic{Path: p.Path, Line: p.Line("releases"), Msg: fmt.Sprintf("releases: no page %q", ref),
					Hint: "name the file below content/, e.g. pressemitteilungen/2026-05-04-einladung.md, or the page's URL"})
			}
		}
	}
	// An embargo preview of an event shows it as it will be, unlinked.
	for _, p := range s.Previews {
		if p.Kind == config.KindEvent && p.source.event != nil {
			end := p.source.event.EndInstant()
			p.Event = &Event{Event: p.source.event, Sequence: p.source.event.Sequence, Upcoming: !end.Before(s.Now)}
		}
	}
	sort.SliceStable(s.Events, func(i, j int) bool { return byStart(s.Events[i], s.Events[j]) })
	for _, p := range s.Pages {
		sort.SliceStable(p.Events, func(i, j int) bool { return byStart(p.Events[i], p.Events[j]) })
	}
}

// pageSource is what the model needs of a page's file beyond its own
// fields: the event its frontmatter describes, and whether it is a bundle.
type pageSource struct {
	event  *content.Event
	bundle bool
}

// pageRefs are the ways an event may name a page: its file below content/
// (with or without .md, a bundle by its folder) and its URL.
func pageRefs(p *Page) []string {
	rel := strings.TrimPrefix(p.Path, content.Dir+"/")
	out := []string{normRef(rel), normRef(p.URL)}
	if p.source.bundle {
		out = append(out, normRef(path.Dir(rel)))
	}
	return out
}

// normRef makes the forms of a reference alike: no content/ in front, no
// .md, no slashes around.
func normRef(r string) string {
	r = strings.Trim(strings.TrimSpace(r), "/")
	r = strings.TrimPrefix(r, content.Dir+"/")
	r = strings.TrimSuffix(r, ".md")
	if r == "" {
		return "/"
	}
	return r
}

func byStart(a, b *Page) bool {
	if !a.Event.Start.Equal(b.Event.Start) {
		return a.Event.Start.Before(b.Event.Start)
	}
	return a.Path < b.Path
}

// arrangeEvents orders a section of events: upcoming ones first, the next
// first, then past ones, the latest first; its year archives are by the
// year of the start, each in the order of the calendar.
func (s *Site) arrangeEvents(sec *Section) {
	var upcoming, past []*Page
	for _, p := range sec.Pages {
		if p.Event == nil {
			continue
		}
		if p.Event.Upcoming {
			upcoming = append(upcoming, p)
		} else {
			past = append(past, p)
		}
	}
	sort.SliceStable(upcoming, func(i, j int) bool { return byStart(upcoming[i], upcoming[j]) })
	sort.SliceStable(past, func(i, j int) bool { return byStart(past[j], past[i]) })
	sec.Pages = append(upcoming, past...)
	all := append([]*Page(nil), sec.Pages...)
	sort.SliceStable(all, func(i, j int) bool { return byStart(all[i], all[j]) })
	years := map[int]*Year{}
	for _, p := range all {
		y := p.Event.Start.In(s.Config.Location).Year()
		if years[y] == nil {
			years[y] = &Year{Year: y, URL: sec.URL + strconv.Itoa(y) + "/"}
			sec.Years = append(sec.Years, years[y])
		}
		years[y].Pages = append(years[y].Pages, p)
	}
	sort.Slice(sec.Years, func(i, j int) bool { return sec.Years[i].Year > sec.Years[j].Year })
}

// UpcomingEvents are the events among pages that have not ended, the next
// first.
func UpcomingEvents(pages []*Page) []*Page {
	var out []*Page
	for _, p := range pages {
		if p.Event != nil && p.Event.Upcoming {
			out = append(out, p)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return byStart(out[i], out[j]) })
	return out
}

// CalendarEvents are the events among pages that a calendar subscription
// holds: upcoming ones and those of the last year, by start.
func CalendarEvents(pages []*Page) []*Page {
	var out []*Page
	for _, p := range pages {
		if p.Event != nil && p.Event.InCalendar {
			out = append(out, p)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return byStart(out[i], out[j]) })
	return out
}

// HasEvents tells whether any of pages is an event.
func HasEvents(pages []*Page) bool {
	for _, p := range pages {
		if p.Event != nil {
			return true
		}
	}
	return false
}
