package conformance

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"
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

// TestCalendarFiles reads every .ics file of the example site with two
// independent parsers, go-ical and Debian's python3-icalendar (required
// with PRESSROOM_REQUIRE_TOOLS=1): CRLF line ends, no line over 75
// octets, a VTIMEZONE, and each VEVENT with UID, DTSTAMP and DTSTART.
func TestCalendarFiles(t *testing.T) {
	o := example(t)
	names := o.files(t, ".ics")
	if len(names) < 5 {
		t.Fatalf("only %d calendar files", len(names))
	}
	var paths []string
	for _, name := range names {
		raw := string(o.read(t, name))
		if strings.Contains(strings.ReplaceAll(raw, "\r\n", ""), "\n") || !strings.HasSuffix(raw, "\r\n") {
			t.Errorf("%s: a line does not end in CRLF", name)
		}
		for _, l := range strings.Split(raw, "\r\n") {
			if len(l) > 75 {
				t.Errorf("%s: a line of %d octets", name, len(l))
			}
		}
		cal, err := ical.NewDecoder(strings.NewReader(raw)).Decode()
		if err != nil {
			t.Errorf("%s: go-ical: %v", name, err)
			continue
		}
		if len(cal.Children) == 0 || cal.Children[0].Name != ical.CompTimezone {
			t.Errorf("%s: no VTIMEZONE", name)
		}
		for _, ev := range cal.Events() {
			for _, prop := range []string{ical.PropUID, ical.PropDateTimeStamp, ical.PropDateTimeStart} {
				if ev.Props.Get(prop) == nil {
					t.Errorf("%s: a VEVENT without %s", name, prop)
				}
			}
		}
		paths = append(paths, filepath.Join(o.dir, filepath.FromSlash(name)))
	}
	python := ""
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(p, "-c", "import icalendar").Run() == nil {
			python = p
			break
		}
	}
	if python == "" {
		if os.Getenv("PRESSROOM_REQUIRE_TOOLS") == "1" {
			t.Fatal("python3-icalendar is not installed (apt-get install python3-icalendar)")
		}
		t.Skip("python3-icalendar not installed")
	}
	script := `
import sys, icalendar
n = 0
for name in sys.argv[1:]:
    cal = icalendar.Calendar.from_ical(open(name, 'rb').read())
    assert cal.walk('VTIMEZONE'), name
    for ev in cal.walk('VEVENT'):
        ev.decoded('DTSTART'); ev.decoded('DTSTAMP'); str(ev['UID'])
        n += 1
print(n)
`
	out, err := exec.Command(python, append([]string{"-c", script}, paths...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("python3-icalendar: %v\n%s", err, out)
	}
	t.Logf("python3-icalendar read %s events in %d files", strings.TrimSpace(string(out)), len(paths))
}
