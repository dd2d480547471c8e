package conformance

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"pressroom/internal/content"
	"pressroom/internal/site"
)

// TestEventJSONLD checks the JSON-LD of every event of the example site
// against the properties Google documents for events
// (developers.google.com/search/docs/appearance/structured-data/event):
// name, startDate (and endDate) as ISO 8601 with offset or as a day,
// eventStatus and eventAttendanceMode from schema.org's values, location
// as a Place with a PostalAddress and/or a VirtualLocation with a URL,
// matching the attendance mode, previousStartDate when rescheduled, and
// the organisers with name and URL.
func TestEventJSONLD(t *testing.T) {
	o := example(t)
	n := 0
	statuses := map[string]string{"": "EventScheduled", content.StatusCancelled: "EventCancelled",
		content.StatusPostponed: "EventPostponed", content.StatusRescheduled: "EventRescheduled"}
	for _, p := range o.res.Site.Events {
		name := site.OutputPath(p.URL)
		doc := parseHTML(t, name, o.read(t, name))
		scripts := findAll(doc, func(n *html.Node) bool { return n.Data == "script" && attrOr(n, "type") == "application/ld+json" })
		if len(scripts) != 1 {
			t.Errorf("%s: %d JSON-LD scripts", name, len(scripts))
			continue
		}
		var ld struct {
			Context, Type, Name, StartDate, EndDate, EventStatus, EventAttendanceMode, URL, Description, PreviousStartDate string
			Location                                                                                                       []struct {
				Type      string `json:"@type"`
				Name, URL string
				Address   *struct {
					Type          string `json:"@type"`
					StreetAddress string
				}
			}
			Organizer []struct {
				Type      string `json:"@type"`
				Name, URL string
			}
		}
		// encoding/json matches keys without regard to case; @context
		// and @type by hand.
		raw := rawText(scripts[0])
		if err := json.Unmarshal([]byte(raw), &ld); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		var at map[string]any
		json.Unmarshal([]byte(raw), &at)
		e := p.Event
		errorf := func(format string, a ...any) { t.Helper(); t.Errorf(name+": "+format+"\n"+raw, a...) }
		if at["@context"] != "https://schema.org" || at["@type"] != "Event" || ld.Name != p.Title || ld.URL != o.base.String()+strings.TrimPrefix(p.URL, "/") {
			errorf("context, type, name or url")
		}
		date := func(s string) time.Time {
			if e.AllDay {
				d, err := time.ParseInLocation("2006-01-02", s, o.res.Site.Config.Location)
				if err != nil {
					errorf("%q is not a day", s)
				}
				return d
			}
			d, err := time.Parse(time.RFC3339, s)
			if err != nil {
				errorf("%q is not ISO 8601 with an offset", s)
			}
			return d
		}
		if !date(ld.StartDate).Equal(e.Start) {
			errorf("startDate %q, want %v", ld.StartDate, e.Start)
		}
		if !e.End.IsZero() && !date(ld.EndDate).Equal(e.End) {
			errorf("endDate %q, want %v", ld.EndDate, e.End)
		}
		if ld.EventStatus != "https://schema.org/"+statuses[e.Status] {
			errorf("eventStatus %q", ld.EventStatus)
		}
		if e.Status == content.StatusRescheduled && ld.PreviousStartDate == "" {
			errorf("no previousStartDate")
		}
		var place, virtual bool
		for _, l := range ld.Location {
			switch l.Type {
			case "Place":
				place = l.Name != "" || l.Address != nil && l.Address.Type == "PostalAddress" && l.Address.StreetAddress != ""
			case "VirtualLocation":
				virtual = strings.HasPrefix(l.URL, "https://")
			default:
				errorf("location of type %q", l.Type)
			}
		}
		mode := map[[2]bool]string{{true, false}: "Offline", {false, true}: "Online", {true, true}: "Mixed"}[[2]bool{place, virtual}]
		if mode == "" || ld.EventAttendanceMode != "https://schema.org/"+mode+"EventAttendanceMode" {
			errorf("location %v/%v and eventAttendanceMode %q", place, virtual, ld.EventAttendanceMode)
		}
		if len(ld.Organizer) == 0 {
			errorf("no organizer")
		}
		for _, org := range ld.Organizer {
			if org.Type != "Organization" || org.Name == "" || org.URL == "" {
				errorf("organizer %+v", org)
			}
		}
		n++
	}
	if n < 4 {
		t.Errorf("%d events checked, want the four of the example site", n)
	}
}
