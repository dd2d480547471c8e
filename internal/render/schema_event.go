package render

import (
	"pressroom/internal/content"
	"pressroom/internal/site"
)

// EventSchema is a schema.org Event in JSON-LD, with the properties Google
// documents for events: name, startDate, endDate, eventStatus,
// eventAttendanceMode, location (a Place with a PostalAddress, a
// VirtualLocation, or both), organizer, description, url.
type EventSchema struct {
	Context             string      `json:"@context"`
	Type                string      `json:"@type"`
	Description         string      `json:"description,omitempty"`
	EndDate             string      `json:"endDate,omitempty"`
	EventAttendanceMode string      `json:"eventAttendanceMode"`
	EventStatus         string      `json:"eventStatus"`
	InLanguage          string      `json:"inLanguage"`
	Location            []any       `json:"location,omitempty"`
	Name                string      `json:"name"`
	Organizer           []SchemaOrg `json:"organizer"`
	PreviousStartDate   string      `json:"previousStartDate,omitempty"`
	StartDate           string      `json:"startDate"`
	URL                 string      `json:"url"`
}

type ldPlace struct {
	Type    string     `json:"@type"`
	Address *ldAddress `json:"address,omitempty"`
	Name    string     `json:"name,omitempty"`
}

type ldAddress struct {
	Type          string `json:"@type"`
	StreetAddress string `json:"streetAddress"`
}

type ldVirtual struct {
	Type string `json:"@type"`
	URL  string `json:"url"`
}

// eventSchema describes an event for schema.org JSON-LD.
func (r *Renderer) eventSchema(p *site.Page) *EventSchema {
	e := p.Event
	if e == nil {
		return nil
	}
	day := func(t interface{ Format(string) string }) string { return t.Format("2006-01-02") }
	d := &EventSchema{Context: "https://schema.org", Type: "Event", Name: p.Title, URL: r.abs(p.URL), InLanguage: r.cfg.Language,
		Description: r.summary(p), Organizer: make([]SchemaOrg, 0, len(p.Orgs)), EventStatus: "https://schema.org/EventScheduled"}
	if e.AllDay {
		d.StartDate = day(e.Start.In(r.cfg.Location))
		d.EndDate = day(e.LastDay().In(r.cfg.Location))
	} else {
		d.StartDate = r.iso(e.Start)
		if !e.End.IsZero() {
			d.EndDate = r.iso(e.End)
		}
	}
	switch e.Status {
	case content.StatusCancelled:
		d.EventStatus = "https://schema.org/EventCancelled"
	case content.StatusPostponed:
		d.EventStatus = "https://schema.org/EventPostponed"
	case content.StatusRescheduled:
		d.EventStatus = "https://schema.org/EventRescheduled"
		if !e.PreviousStart.IsZero() {
			d.PreviousStartDate = r.iso(e.PreviousStart)
		}
	}
	place := e.Location != "" || e.Address != ""
	if place {
		pl := ldPlace{Type: "Place", Name: e.Location}
		if e.Address != "" {
			pl.Address = &ldAddress{Type: "PostalAddress", StreetAddress: e.Address}
		}
		d.Location = append(d.Location, pl)
	}
	if e.Online != "" {
		d.Location = append(d.Location, ldVirtual{Type: "VirtualLocation", URL: e.Online})
	}
	switch {
	case place && e.Online != "":
		d.EventAttendanceMode = "https://schema.org/MixedEventAttendanceMode"
	case e.Online != "":
		d.EventAttendanceMode = "https://schema.org/OnlineEventAttendanceMode"
	default:
		d.EventAttendanceMode = "https://schema.org/OfflineEventAttendanceMode"
	}
	for _, o := range p.Orgs {
		d.Organizer = append(d.Organizer, r.schemaOrg(o))
	}
	return d
}
