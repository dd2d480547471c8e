package content

import (
	"fmt"
	"net/mail"
	"net/url"
	"regexp"
	"strings"
	"time"

	"pressroom/internal/config"
	"pressroom/internal/diag"
)

// Event is what the frontmatter of a page in a section of kind event says
// of the event (Termin); nil on other pages.
type Event struct {
	Start, End time.Time // End is zero if not given
	AllDay     bool      // dates without times; End, if given, is the last day
	// Location names the place, Address is its postal address, Online the
	// URL of a stream or meeting.
	Location, Address, Online string
	Status                    string    // "" (as planned), cancelled, postponed or rescheduled
	PreviousStart             time.Time // the start before a rescheduling
	// Registration is a URL or an e-mail address; RegistrationDeadline
	// the last instant to register, zero if none.
	Registration         string
	RegistrationDeadline time.Time
	Accreditation        string   // a note for the press
	Releases             []string // pages linked with the event: paths below content/ or URLs
	// Sequence is the frontmatter's sequence (the revision of the event
	// for calendars); 0 if not given.
	Sequence int

	// dateOnly tells which dates were written without a time.
	startDateOnly, endDateOnly bool
}

// Event statuses.
const (
	StatusCancelled   = "cancelled"
	StatusPostponed   = "postponed"
	StatusRescheduled = "rescheduled"
)

// event returns the page's event, made on first use.
func (p *Page) event() *Event {
	if p.Event == nil {
		p.Event = &Event{}
	}
	return p.Event
}

// dateOnlyRe matches a date written without a time.
var dateOnlyRe = regexp.MustCompile(`^\s*\d{4}-\d{2}-\d{2}\s*$`)

// isDateOnly tells whether a frontmatter value is a day without a time:
// "2026-05-12", or a TOML local date.
func isDateOnly(v any) bool {
	switch d := v.(type) {
	case string:
		return dateOnlyRe.MatchString(d)
	case time.Time:
		return d.Location().String() == "date-local"
	}
	return false
}

func eventDate(field func(*Event) *time.Time, dateOnly func(*Event) *bool) func(*Page, string, any, *decoding) {
	return func(p *Page, key string, v any, c *decoding) {
		e := p.event()
		*field(e) = p.date(key, v, c.loc, c.diags)
		if dateOnly != nil {
			*dateOnly(e) = isDateOnly(v)
		}
	}
}

func eventText(field func(*Event) *string) func(*Page, string, any, *decoding) {
	return func(p *Page, key string, v any, c *decoding) { *field(p.event()) = p.text(key, v, c.errf) }
}

// eventFields are the frontmatter keys of events, part of Fields.
var eventFields = []Field{
	{"start", "events: when the event begins, a date as for `date` (`2026-05-12 10:00`); a day alone (`2026-05-12`) is an all-day event; required for events",
		eventDate(func(e *Event) *time.Time { return &e.Start }, func(e *Event) *bool { return &e.startDateOnly })},
	{"end", "events: when it ends (`2026-05-12 16:30`); for an all-day event the last day (`2026-05-13`); not before `start`",
		eventDate(func(e *Event) *time.Time { return &e.End }, func(e *Event) *bool { return &e.endDateOnly })},
	{"allDay", "events: `true`: the event takes whole days, from the day of `start` to that of `end`; times are not shown",
		func(p *Page, key string, v any, c *decoding) { p.event().AllDay = p.boolean(key, v, c.errf) }},
	{"location", `events: the name of the place, e.g. "Rathaus Schöneberg, Willy-Brandt-Saal"`, eventText(func(e *Event) *string { return &e.Location })},
	{"address", `events: the postal address of the place, e.g. "John-F.-Kennedy-Platz 1, 10825 Berlin"`, eventText(func(e *Event) *string { return &e.Address })},
	{"online", "events: the URL of a stream or online meeting (https)", eventText(func(e *Event) *string { return &e.Online })},
	{"status", "events: `cancelled` (abgesagt), `postponed` (verschoben, new date open) or `rescheduled` (verlegt, with `previousStart`); none: as planned",
		eventText(func(e *Event) *string { return &e.Status })},
	{"previousStart", "events: the start before the event was rescheduled; needed with `status: rescheduled`",
		eventDate(func(e *Event) *time.Time { return &e.PreviousStart }, nil)},
	{"registration", "events: where to register, a URL or an e-mail address; or `{url: …, deadline: 2026-05-01}` (also `email:`) with the last day to register",
		func(p *Page, key string, v any, c *decoding) { p.registration(key, v, c) }},
	{"accreditation", `events: a note for the press, e.g. "Akkreditierung bis 8. Mai bei der Pressestelle"`, eventText(func(e *Event) *string { return &e.Accreditation })},
	{"releases", "events: the pages that belong to the event (invitation, follow-up release), by file below content/ (`pressemitteilungen/2026-05-04-einladung.md`) or URL; they link back to the event",
		func(p *Page, key string, v any, c *decoding) { p.event().Releases = p.list(key, v, false, c.errf) }},
	{"sequence", "events: the revision of the event for calendars (SEQUENCE), a number; if not given, pressroom counts the changes it can see (see Events)",
		func(p *Page, key string, v any, c *decoding) {
			switch n := v.(type) {
			case int:
				p.event().Sequence = n
			case int64:
				p.event().Sequence = int(n)
			case float64:
				p.event().Sequence = int(n)
			default:
				c.errf(key, "expected a whole number, not a %s", typeName(v))
				return
			}
			if p.Event.Sequence < 0 {
				c.errf(key, "must not be negative")
			}
		}},
}

// registration decodes the registration key: a text, or a table with url
// or email and deadline.
func (p *Page) registration(key string, v any, c *decoding) {
	e := p.event()
	var m map[string]any
	switch t := v.(type) {
	case map[string]any:
		m = t
	case map[any]any:
		m = map[string]any{}
		for k, x := range t {
			m[fmt.Sprint(k)] = x
		}
	default:
		e.Registration = p.text(key, v, c.errf)
		return
	}
	for k, x := range m {
		switch k {
		case "url", "email":
			if e.Registration != "" {
				c.errf(key, "give url or email, not both")
			}
			e.Registration = p.text(key, x, c.errf)
		case "deadline":
			e.RegistrationDeadline = p.date(key, x, c.loc, c.diags)
		default:
			c.errf(key, "unknown key %q (use url or email, and deadline)", k)
		}
	}
	if e.Registration == "" {
		c.errf(key, "no url or email to register with")
	}
}

// statusHints maps German and other spellings of statuses to the known ones.
var statusHints = map[string]string{
	"abgesagt": StatusCancelled, "canceled": StatusCancelled, "cancel": StatusCancelled, "ausgefallen": StatusCancelled,
	"verschoben": StatusPostponed, "postpone": StatusPostponed, "verlegt": StatusRescheduled, "neuer termin": StatusRescheduled,
}

// validateEvent checks the event of a page in a section of kind event,
// and that pages of other kinds have no event keys.
func (p *Page) validateEvent(kind string, diags *diag.List) {
	e := p.Event
	if kind != config.KindEvent {
		if e != nil {
			for _, f := range eventFields {
				if _, ok := p.KeyLines[f.Key]; ok {
					diags.Add(diag.Diagnostic{Path: p.Path, Line: p.Line(f.Key), Msg: fmt.Sprintf("%s: only events have this key", f.Key),
						Hint: "put the page into a section of kind event (content/termine/ or kind = \"event\" in site.toml)"})
					break
				}
			}
			p.Event = nil
		}
		return
	}
	if e == nil {
		e = p.event()
	}
	if e.Start.IsZero() {
		if _, given := p.KeyLines["start"]; !given {
			diags.Add(diag.Diagnostic{Path: p.Path, Line: p.Line("title"), Msg: "missing start: an event needs the instant it begins",
				Hint: "add start: 2026-05-12 10:00 (and end: 2026-05-12 16:30) to the frontmatter"})
		}
		return
	}
	// A day alone as start (and end, if given) is an all-day event.
	if _, given := p.KeyLines["allDay"]; !given && e.startDateOnly && (e.End.IsZero() || e.endDateOnly) {
		e.AllDay = true
	}
	if e.AllDay {
		y, m, d := e.Start.Date()
		e.Start = time.Date(y, m, d, 0, 0, 0, 0, e.Start.Location())
		if !e.End.IsZero() {
			y, m, d := e.End.Date()
			e.End = time.Date(y, m, d, 0, 0, 0, 0, e.End.Location())
		}
	}
	if !e.End.IsZero() && e.End.Before(e.Start) {
		diags.Add(diag.Diagnostic{Path: p.Path, Line: p.Line("end"),
			Msg:  fmt.Sprintf("end: the event ends (%s) before it starts (%s)", e.End.Format("2006-01-02 15:04"), e.Start.Format("2006-01-02 15:04")),
			Hint: "swap start and end, or correct the day"})
	}
	switch e.Status {
	case "", StatusCancelled, StatusPostponed, StatusRescheduled:
	default:
		hint := "use cancelled, postponed or rescheduled, or leave status out for an event as planned"
		if s, ok := statusHints[strings.ToLower(e.Status)]; ok {
			hint = fmt.Sprintf("did you mean %q?", s)
		}
		diags.Add(diag.Diagnostic{Path: p.Path, Line: p.Line("status"), Msg: fmt.Sprintf("status: unknown status %q", e.Status), Hint: hint})
	}
	if e.Status == StatusRescheduled && e.PreviousStart.IsZero() {
		if _, given := p.KeyLines["previousStart"]; !given {
			diags.Add(diag.Diagnostic{Path: p.Path, Line: p.Line("status"), Msg: "status: a rescheduled event needs previousStart, the start it was moved from",
				Hint: "add previousStart: 2026-04-21 10:00"})
		}
	}
	if !e.PreviousStart.IsZero() && e.Status != StatusRescheduled {
		diags.Add(diag.Diagnostic{Path: p.Path, Line: p.Line("previousStart"), Warning: true,
			Msg: "previousStart is shown only with status: rescheduled"})
	}
	if e.Online != "" {
		if u, err := url.Parse(e.Online); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			diags.Add(diag.Diagnostic{Path: p.Path, Line: p.Line("online"), Msg: fmt.Sprintf("online: %q is not a web address", e.Online),
				Hint: "give the whole URL of the stream or meeting, starting with https://"})
		}
	}
	if e.Registration != "" && registrationLink(e.Registration) == "" {
		diags.Add(diag.Diagnostic{Path: p.Path, Line: p.Line("registration"), Msg: fmt.Sprintf("registration: %q is neither a web address nor an e-mail address", e.Registration),
			Hint: "give https://… or an address such as anmeldung@example.org"})
	}
	if !e.RegistrationDeadline.IsZero() && e.RegistrationDeadline.After(e.Start) {
		diags.Add(diag.Diagnostic{Path: p.Path, Line: p.Line("registration"), Warning: true,
			Msg: "registration: the deadline is after the start of the event"})
	}
}

// RegistrationLink is the link of a registration: the URL, or a mailto:
// link for an e-mail address.
func (e *Event) RegistrationLink() string { return registrationLink(e.Registration) }

// RegistrationEmail tells whether the registration is by e-mail.
func (e *Event) RegistrationEmail() bool {
	return strings.HasPrefix(registrationLink(e.Registration), "mailto:")
}

// RegistrationAddress is the registration without a mailto: in front.
func (e *Event) RegistrationAddress() string {
	return strings.TrimPrefix(e.Registration, "mailto:")
}

func registrationLink(s string) string {
	if u, err := url.Parse(s); err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" {
		return s
	}
	addr := strings.TrimPrefix(s, "mailto:")
	if a, err := mail.ParseAddress(addr); err == nil && a.Address == addr && a.Name == "" && strings.Contains(addr[strings.LastIndexByte(addr, '@')+1:], ".") {
		return "mailto:" + addr
	}
	return ""
}

// LastDay is the last day of an event in its timezone: the day of its end,
// or of its start if it has no end.
func (e *Event) LastDay() time.Time {
	if e.End.IsZero() {
		return e.Start
	}
	return e.End
}

// EndInstant is the instant the event is over: its end; for an all-day
// event the midnight after its last day; without an end, its start (an
// all-day event: the midnight after the day).
func (e *Event) EndInstant() time.Time {
	if e.AllDay {
		d := e.LastDay()
		return time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, d.Location())
	}
	if e.End.IsZero() {
		return e.Start
	}
	return e.End
}

// MultiDay tells whether the event ends on another day than it starts.
func (e *Event) MultiDay() bool {
	if e.End.IsZero() {
		return false
	}
	y1, m1, d1 := e.Start.Date()
	y2, m2, d2 := e.End.Date()
	return y1 != y2 || m1 != m2 || d1 != d2
}
