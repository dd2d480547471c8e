package render

import (
	"bytes"
	"fmt"
	"html/template"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/emersion/go-ical"

	"pressroom/internal/content"
	"pressroom/internal/site"
)

// icsURL is the site-relative URL of the calendar file of an event: beside
// its page, named by its slug (tag-der-kommunalen-jobcenter.ics), so that
// the file a journalist downloads says what it is.
func icsURL(p *site.Page) string {
	dir := p.URL
	if !strings.HasSuffix(dir, "/") {
		dir = path.Dir(dir) + "/"
		if dir == "//" {
			dir = "/"
		}
	}
	return dir + p.Slug + ".ics"
}

// calendarURL is the site-relative URL of the calendar subscription of a
// folder: the site's (/), an organisation's or a topic's.
func (r *Renderer) calendarURL(folder string) string {
	return folder + r.cfg.Paths.Calendar + ".ics"
}

// webcal makes a site-relative URL of a calendar a webcal:// link, which
// calendar programs open as a subscription (html/template would refuse
// the scheme in a text).
func (r *Renderer) webcal(u string) template.URL {
	abs := r.abs(u)
	if i := strings.Index(abs, "://"); i >= 0 {
		abs = abs[i+3:]
	}
	return template.URL("webcal://" + abs)
}

// icsJobs adds the calendar files to the plan: one per event, and the
// subscriptions of the site, of each organisation and of each topic that
// has events.
func (r *Renderer) icsJobs(jobs *[]job) {
	s := r.site
	if len(s.Events) == 0 {
		return
	}
	for _, p := range s.Events {
		p := p
		one := []*site.Page{p}
		*jobs = append(*jobs, job{name: strings.TrimPrefix(icsURL(p), "/"), kind: kindOther, tmpl: "ics",
			src:  origin{path: p.Path, line: p.Line("start"), what: "the calendar file of ", of: p.Path},
			deps: func(k Deps) { k.Str("ics").Shared("global", r.global).Str(p.URL).Page(p).Str(r.calendarYears(one)) },
			run:  func(b *bytes.Buffer) error { return r.writeCalendar(b, p.Title, one) }})
	}
	sub := func(folder, name string, src origin, pages []*site.Page) {
		events := site.CalendarEvents(pages)
		*jobs = append(*jobs, job{name: strings.TrimPrefix(r.calendarURL(folder), "/"), kind: kindOther, tmpl: "ics", src: src,
			deps: func(k Deps) {
				k.Str("ics").Shared("global", r.global).Str(name).Pages(events).Str(r.calendarYears(events))
			},
			run: func(b *bytes.Buffer) error { return r.writeCalendar(b, name, events) }})
	}
	sub("/", r.t("events")+" – "+s.Config.Title, origin{what: "the calendar subscription of the site"}, s.Events)
	for _, t := range append(append([]*site.Term(nil), s.Orgs...), s.Tags...) {
		if site.HasEvents(t.Pages) {
			sub(t.URL, r.t("events")+" – "+t.Name, termOrigin(t), t.Pages)
		}
	}
}

// hasCalendar tells whether a folder (the site's, a term's) has a calendar
// subscription: the site if it has events, a term if any of its pages is
// one.
func (r *Renderer) hasCalendar(t *site.Term) bool {
	if t == nil {
		return len(r.site.Events) > 0
	}
	return site.HasEvents(t.Pages)
}

// calendarYears are the years the time zone of a calendar covers: those of
// its events, a year before and after; without events the year of the
// build.
func (r *Renderer) calendarYears(events []*site.Page) string {
	from, to := r.yearSpan(events)
	return fmt.Sprint(from, to)
}

func (r *Renderer) yearSpan(events []*site.Page) (int, int) {
	loc := r.cfg.Location
	if len(events) == 0 {
		y := r.site.Now.In(loc).Year()
		return y, y
	}
	from, to := 9999, 1
	for _, p := range events {
		for _, t := range []time.Time{p.Event.Start, p.Event.EndInstant(), p.Event.PreviousStart} {
			if t.IsZero() {
				continue
			}
			from, to = min(from, t.In(loc).Year()), max(to, t.In(loc).Year())
		}
	}
	return max(from-1, 1), min(to+1, 9999)
}

// writeCalendar writes an iCalendar file (RFC 5545) of events with the time
// zone of the site, through go-ical (escaping of text, CRLF line ends) and
// fold (lines of at most 75 octets).
func (r *Renderer) writeCalendar(b *bytes.Buffer, name string, events []*site.Page) error {
	cal := ical.NewCalendar()
	cal.Props.SetText(ical.PropProductID, "-//pressroom//"+r.cfg.Title+"//"+strings.ToUpper(r.cfg.Language))
	cal.Props.SetText(ical.PropVersion, "2.0")
	cal.Props.SetText(ical.PropCalendarScale, "GREGORIAN")
	cal.Props.SetText(ical.PropMethod, "PUBLISH")
	cal.Props.SetText("X-WR-CALNAME", name)
	cal.Props.SetText("X-WR-TIMEZONE", r.tzid())
	from, to := r.yearSpan(events)
	cal.Children = append(cal.Children, vtimezone(r.cfg.Location, r.tzid(), from, to))
	for _, p := range events {
		cal.Children = append(cal.Children, r.vevent(p).Component)
	}
	var raw bytes.Buffer
	if err := ical.NewEncoder(&raw).Encode(cal); err != nil {
		return err
	}
	fold(b, raw.Bytes())
	return nil
}

// tzid is the name of the site's time zone in calendars.
func (r *Renderer) tzid() string { return r.cfg.Location.String() }

// vevent describes one event.
func (r *Renderer) vevent(p *site.Page) *ical.Event {
	e := p.Event
	ev := ical.NewEvent()
	page := r.abs(p.URL)
	ev.Props.SetText(ical.PropUID, r.eventUID(p))
	stamp := p.Modified()
	ev.Props.SetDateTime(ical.PropDateTimeStamp, stamp.UTC())
	ev.Props.SetDateTime(ical.PropLastModified, stamp.UTC())
	ev.Props.SetDateTime(ical.PropCreated, p.Date.UTC())
	ev.Props.Set(&ical.Prop{Name: ical.PropSequence, Params: ical.Params{}, Value: fmt.Sprint(e.Sequence)})
	if e.AllDay {
		ev.Props.SetDate(ical.PropDateTimeStart, e.Start)
		last := e.LastDay()
		ev.Props.SetDate(ical.PropDateTimeEnd, time.Date(last.Year(), last.Month(), last.Day()+1, 0, 0, 0, 0, time.UTC))
	} else {
		ev.Props.Set(r.localTime(ical.PropDateTimeStart, e.Start))
		if !e.End.IsZero() {
			ev.Props.Set(r.localTime(ical.PropDateTimeEnd, e.End))
		}
	}
	summary := p.Title
	switch e.Status {
	case content.StatusCancelled:
		ev.SetStatus(ical.EventCancelled)
		summary = r.t("eventCancelled") + ": " + summary
	case content.StatusPostponed:
		ev.SetStatus(ical.EventTentative)
		summary = r.t("eventPostponed") + ": " + summary
	default:
		ev.SetStatus(ical.EventConfirmed)
	}
	ev.Props.SetText(ical.PropSummary, summary)
	if loc := eventPlace(e); loc != "" {
		ev.Props.SetText(ical.PropLocation, loc)
	} else if e.Online != "" {
		ev.Props.SetText(ical.PropLocation, e.Online)
	}
	if u, err := url.Parse(page); err == nil {
		ev.Props.SetURI(ical.PropURL, u)
	}
	ev.Props.SetText(ical.PropDescription, r.eventDescription(p))
	if len(p.Tags) > 0 {
		names := make([]string, len(p.Tags))
		for i, t := range p.Tags {
			names[i] = t.Name
		}
		prop := ical.NewProp(ical.PropCategories)
		prop.SetTextList(names)
		ev.Props.Set(prop)
	}
	for _, c := range p.Contacts {
		if c.Email != "" && !strings.ContainsAny(c.Name, "\"\r\n") {
			prop := ical.NewProp(ical.PropOrganizer)
			prop.Value = "mailto:" + c.Email
			prop.Params.Set(ical.ParamCommonName, c.Name)
			ev.Props.Set(prop)
			break
		}
	}
	return ev
}

// localTime is a date and time in the site's zone, with its TZID.
func (r *Renderer) localTime(name string, t time.Time) *ical.Prop {
	prop := ical.NewProp(name)
	t = t.In(r.cfg.Location)
	if r.cfg.Location == time.UTC {
		prop.SetDateTime(t)
		return prop
	}
	prop.Value = t.Format("20060102T150405")
	prop.Params.Set(ical.ParamTimezoneID, r.tzid())
	return prop
}

// eventUID is the stable UID of an event: its path and the site's host,
// the same in every build as long as its URL stays.
func (r *Renderer) eventUID(p *site.Page) string {
	u, err := url.Parse(r.abs(p.URL))
	if err != nil || u.Host == "" {
		return strings.Trim(p.URL, "/") + "@pressroom"
	}
	return strings.Trim(u.Path, "/") + "@" + u.Host
}

// eventPlace is the place of an event in one line: name and address.
func eventPlace(e *site.Event) string {
	var parts []string
	for _, s := range []string{e.Location, e.Address} {
		if s = strings.Join(strings.Fields(s), " "); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}

// eventDescription is the text of an event for calendars: summary,
// programme (the body as plain text), online link, registration,
// accreditation and the page's URL. A page's body may be dropped once its
// page is written (see Stream): the text is kept then.
func (r *Renderer) eventDescription(p *site.Page) string {
	if d, ok := r.descriptions.Load(p); ok {
		return d.(string)
	}
	var parts []string
	e := p.Event
	switch e.Status {
	case content.StatusCancelled:
		parts = append(parts, r.t("eventCancelledNote"))
	case content.StatusPostponed:
		parts = append(parts, r.t("eventPostponedNote"))
	case content.StatusRescheduled:
		parts = append(parts, fmt.Sprintf(r.t("eventRescheduledNote"), r.eventWhenAt(e.PreviousStart, e)))
	}
	body := plain(template.HTML(r.bodies(p).HTML))
	if s := p.Summary; s != "" && !strings.Contains(body, s) {
		parts = append(parts, s)
	}
	if body != "" {
		parts = append(parts, body)
	}
	if e.Online != "" {
		parts = append(parts, r.t("eventOnline")+": "+e.Online)
	}
	if e.Registration != "" {
		line := r.t("eventRegistration") + ": " + e.RegistrationAddress()
		if !e.RegistrationDeadline.IsZero() {
			line += " (" + fmt.Sprintf(r.t("eventDeadline"), r.date(e.RegistrationDeadline)) + ")"
		}
		parts = append(parts, line)
	}
	if e.Accreditation != "" {
		parts = append(parts, r.t("eventAccreditation")+": "+e.Accreditation)
	}
	parts = append(parts, r.abs(p.URL))
	d := strings.Join(parts, "\n\n")
	r.descriptions.Store(p, d)
	return d
}

// fold folds the lines of an iCalendar file (ending in CRLF) at 75 octets
// (RFC 5545, 3.1): a longer line goes on in lines that start with a space,
// cut between characters, never inside one.
func fold(b *bytes.Buffer, raw []byte) {
	for len(raw) > 0 {
		i := bytes.Index(raw, []byte("\r\n"))
		if i < 0 {
			i = len(raw)
		}
		line := raw[:i]
		limit := 75
		for len(line) > limit {
			cut := limit
			for cut > 0 && line[cut]&0xC0 == 0x80 {
				cut--
			}
			b.Write(line[:cut])
			b.WriteString("\r\n ")
			line = line[cut:]
			limit = 74 // the space counts
		}
		b.Write(line)
		b.WriteString("\r\n")
		raw = raw[min(i+2, len(raw)):]
	}
}

// vtimezone describes the zone loc for the years from to to (RFC 5545,
// 3.6.5) from Go's zone data: each change of offset in those years, and
// the one in effect at their start; runs of changes that follow one rule
// (the last Sunday of March at 02:00) are one observance with an RRULE.
func vtimezone(loc *time.Location, tzid string, from, to int) *ical.Component {
	tz := ical.NewComponent(ical.CompTimezone)
	tz.Props.SetText(ical.PropTimezoneID, tzid)
	type change struct {
		at       time.Time // the instant
		off, was int       // offsets after and before, seconds east of UTC
		name     string
		dst      bool
	}
	begin := time.Date(from, 1, 1, 0, 0, 0, 0, loc)
	limit := time.Date(to+1, 1, 1, 0, 0, 0, 0, loc)
	var changes []change
	t := begin
	if start, _ := begin.ZoneBounds(); !start.IsZero() {
		t = start
	}
	for {
		name, off := t.In(loc).Zone()
		_, was := t.Add(-time.Second).In(loc).Zone()
		if len(changes) == 0 || off != changes[len(changes)-1].off || name != changes[len(changes)-1].name {
			changes = append(changes, change{at: t, off: off, was: was, name: name, dst: t.In(loc).IsDST()})
		}
		_, end := t.In(loc).ZoneBounds()
		if end.IsZero() || !end.Before(limit) {
			break
		}
		t = end
	}
	if len(changes) == 1 && changes[0].at.Equal(begin) {
		// No change at all (UTC, or a zone without summer time lately).
		changes[0].at, changes[0].was = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC).Add(-time.Duration(changes[0].off)*time.Second), changes[0].off
	}
	// rule says on which day of its month a change falls: the n-th or
	// last weekday.
	rule := func(c change) string {
		local := c.at.Add(time.Duration(c.was) * time.Second).UTC()
		day := []string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}[local.Weekday()]
		n := (local.Day()-1)/7 + 1
		if local.AddDate(0, 0, 7).Month() != local.Month() {
			n = -1
		}
		return fmt.Sprintf("FREQ=YEARLY;BYMONTH=%d;BYDAY=%d%s", local.Month(), n, day) + "|" + local.Format("150405")
	}
	same := func(a, b change) bool {
		return a.off == b.off && a.was == b.was && a.name == b.name && a.dst == b.dst && rule(a) == rule(b) &&
			b.at.Add(time.Duration(b.was)*time.Second).UTC().Year() == a.at.Add(time.Duration(a.was)*time.Second).UTC().Year()+1
	}
	// Runs of changes of one kind: summer time and winter time alternate,
	// so a run is every second change.
	done := make([]bool, len(changes))
	var comps []*ical.Component
	for i := range changes {
		if done[i] {
			continue
		}
		run := []change{changes[i]}
		lastAt := i
		done[i] = true
		for j := i + 2; j < len(changes) && same(run[len(run)-1], changes[j]); j += 2 {
			run = append(run, changes[j])
			done[j], lastAt = true, j
		}
		c := run[0]
		kind := ical.CompTimezoneStandard
		if c.dst {
			kind = ical.CompTimezoneDaylight
		}
		o := ical.NewComponent(kind)
		o.Props.Set(&ical.Prop{Name: ical.PropDateTimeStart, Params: ical.Params{}, Value: c.at.Add(time.Duration(c.was) * time.Second).UTC().Format("20060102T150405")})
		o.Props.Set(&ical.Prop{Name: ical.PropTimezoneOffsetFrom, Params: ical.Params{}, Value: utcOffset(c.was)})
		o.Props.Set(&ical.Prop{Name: ical.PropTimezoneOffsetTo, Params: ical.Params{}, Value: utcOffset(c.off)})
		if c.name != "" && !strings.HasPrefix(c.name, "+") && !strings.HasPrefix(c.name, "-") {
			o.Props.SetText(ical.PropTimezoneName, c.name)
		}
		if len(run) > 1 {
			rr, _, _ := strings.Cut(rule(c), "|")
			last := run[len(run)-1]
			// The last run of its kind goes on; an earlier one ends
			// where it did.
			for k := lastAt + 1; k < len(changes); k++ {
				if changes[k].dst == c.dst {
					rr += ";UNTIL=" + last.at.UTC().Format("20060102T150405Z")
					break
				}
			}
			o.Props.Set(&ical.Prop{Name: ical.PropRecurrenceRule, Params: ical.Params{}, Value: rr})
		}
		comps = append(comps, o)
	}
	tz.Children = comps
	return tz
}

// utcOffset writes an offset as RFC 5545 does: +0100, -0330.
func utcOffset(sec int) string {
	sign := "+"
	if sec < 0 {
		sign, sec = "-", -sec
	}
	s := fmt.Sprintf("%s%02d%02d", sign, sec/3600, sec/60%60)
	if sec%60 != 0 {
		s += fmt.Sprintf("%02d", sec%60)
	}
	return s
}
