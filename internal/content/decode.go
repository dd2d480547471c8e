package content

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"pressroom/internal/config"
	"pressroom/internal/diag"
	"pressroom/internal/slug"
)

// Field is one frontmatter key pressroom knows: what it means (README's
// table of keys says the same, a test checks it) and how its value is
// decoded into a Page. This table alone says which keys there are.
type Field struct {
	Key, Doc string
	decode   func(p *Page, key string, v any, c *decoding)
}

// decoding is what decoding a page's fields needs besides the value.
type decoding struct {
	loc   *time.Location
	errf  errFunc
	diags *diag.List
}

func text(field func(*Page) *string) func(*Page, string, any, *decoding) {
	return func(p *Page, key string, v any, c *decoding) { *field(p) = p.text(key, v, c.errf) }
}

func date(field func(*Page) *time.Time) func(*Page, string, any, *decoding) {
	return func(p *Page, key string, v any, c *decoding) { *field(p) = p.date(key, v, c.loc, c.diags) }
}

func flag(field func(*Page) *bool) func(*Page, string, any, *decoding) {
	return func(p *Page, key string, v any, c *decoding) { *field(p) = p.boolean(key, v, c.errf) }
}

func list(split bool, field func(*Page) *[]string) func(*Page, string, any, *decoding) {
	return func(p *Page, key string, v any, c *decoding) { *field(p) = p.list(key, v, split, c.errf) }
}

// Fields are the frontmatter keys, in the order README lists them.
// The keys of events follow the others (see eventFields).
var Fields = append([]Field{
	{"title", "required", text(func(p *Page) *string { return &p.Title })},
	{"date", "required for releases, papers and events (for an event: when its announcement is published, not when it takes place): `2021-10-05`, `2021-10-05 10:00` or RFC 3339 (`2021-10-05T10:00:00+02:00`); without offset in the site's timezone; shown in the site's timezone everywhere (URL, page, feeds); years 0001–9999; a page of any kind dated in the future is held back until then",
		date(func(p *Page) *time.Time { return &p.Date })},
	{"summary", "teaser for lists, feeds and the meta description, plain text (`<b>` in it is shown as text, in feeds too); default: the first paragraph",
		text(func(p *Page) *string { return &p.Summary })},
	{"tags", "topics (Themen), a list; a single text with commas is accepted", list(true, func(p *Page) *[]string { return &p.Tags })},
	{"organizations", "issuing organisation ids from site.toml; a joint release names several; default: `defaultOrganization`",
		list(false, func(p *Page) *[]string { return &p.Organizations })},
	{"contacts", "press contact ids; default: the contacts of the issuing organisations", list(false, func(p *Page) *[]string { return &p.Contacts })},
	{"place", `dateline: "Köln" gives "Köln, 5. Oktober 2021 –" before the first paragraph`, text(func(p *Page) *string { return &p.Place })},
	{"embargo", "Sperrfrist: the page is not published (no page, list entry, footer link, feed item, sitemap entry, tag page, redirect, attachment) before this instant; on every kind, plain pages included",
		date(func(p *Page) *time.Time { return &p.Embargo })},
	{"draft", "`true`: not published, nor its files", flag(func(p *Page) *bool { return &p.Draft })},
	{"updated", `date of a correction: shown as "Aktualisiert am …", used as the updated time in feeds (the GUID stays)`,
		date(func(p *Page) *time.Time { return &p.Updated })},
	{"correction", `note shown with ` + "`updated`" + `, e.g. "In einer früheren Fassung stand 870.000."`, text(func(p *Page) *string { return &p.Correction })},
	{"slug", "the last part of the URL instead of the file name", func(p *Page, key string, v any, c *decoding) { p.Slug = slug.Make(p.text(key, v, c.errf)) }},
	{"url", "the whole URL, e.g. to keep an address from an earlier CMS (`/aktuelles/pm-17.html`)", text(func(p *Page) *string { return &p.URL })},
	{"attachments", "downloads: a list of `{file: mappe.pdf, title: Pressemappe}`, files beside the Markdown file; shown with type and size, enclosures in feeds",
		func(p *Page, key string, v any, c *decoding) { p.Attachments = p.attachments(key, v, c.errf) }},
	{"image", "lead image, a file beside the Markdown file", text(func(p *Page) *string { return &p.Image })},
	{"image_alt", "the lead image's alt text: what it shows, for readers who cannot see it", text(func(p *Page) *string { return &p.ImageAlt })},
	{"image_credit", `the lead image's photo credit ("Foto: …")`, text(func(p *Page) *string { return &p.ImageCredit })},
	{"images", "photos for a gallery: a list of `{file: foto.jpg, alt: \"…\", caption: \"…\", credit: \"Foto: …\", license: \"…\"}`, files beside the Markdown file (JPEG or PNG); web variants and a print download without GPS data are made",
		func(p *Page, key string, v any, c *decoding) { p.Images = p.photos(key, v, c.errf) }},
	{"aliases", "old URLs that redirect here, e.g. `[\"/aktuelles/pm-2022-07.html\"]`", list(false, func(p *Page) *[]string { return &p.Aliases })},
	{"layout", "another template: `layout: special` uses `layouts/special.html`", text(func(p *Page) *string { return &p.Layout })},
	{"embargo_preview", "`true`: while the embargo holds, the release is also built at an unguessable URL for journalists (see below)",
		flag(func(p *Page) *bool { return &p.EmbargoPreview })},
	{"params", "free values for a theme's own templates: `params: {untertitel: \"…\"}` is `.Page.Params.untertitel` (site.toml's `[params]`: `.Site.Params`)",
		func(p *Page, key string, v any, c *decoding) { p.Params = p.params(key, v, c.errf) }},
}, eventFields...)

// field finds the Field of a key.
func field(key string) *Field {
	for i := range Fields {
		if Fields[i].Key == key {
			return &Fields[i]
		}
	}
	return nil
}

// synonyms catch German and common foreign spellings of keys.
var synonyms = map[string]string{
	"titel": "title", "datum": "date", "zusammenfassung": "summary", "teaser": "summary",
	"description": "summary", "schlagworte": "tags", "themen": "tags", "stichworte": "tags",
	"organisationen": "organizations", "organisation": "organizations", "organization": "organizations",
	"kontakte": "contacts", "kontakt": "contacts", "contact": "contacts", "ort": "place",
	"sperrfrist": "embargo", "entwurf": "draft", "aktualisiert": "updated", "lastmod": "updated",
	"korrektur": "correction", "anhaenge": "attachments", "anhänge": "attachments", "downloads": "attachments",
	"bild": "image", "alt": "image_alt", "bildnachweis": "image_credit", "credit": "image_credit",
	"alias": "aliases", "tag": "tags", "categories": "tags",
	"beginn": "start", "anfang": "start", "begin": "start", "ende": "end", "ganztags": "allDay", "ganztaegig": "allDay",
	"allday": "allDay", "all_day": "allDay", "veranstaltungsort": "location", "adresse": "address", "anschrift": "address",
	"stream": "online", "livestream": "online", "anmeldung": "registration", "akkreditierung": "accreditation",
	"previous_start": "previousStart", "previousstart": "previousStart", "pressemitteilungen": "releases",
}

// Suggest returns the known key closest to an unknown one, or "".
func Suggest(key string) string {
	k := strings.ToLower(key)
	if s, ok := synonyms[k]; ok {
		return s
	}
	keys := make([]string, len(Fields))
	for i, f := range Fields {
		keys[i] = f.Key
	}
	return config.Closest(k, keys)
}

// decode types the frontmatter fields into p.
func (p *Page) decode(fields map[string]any, cfg *config.Site, diags *diag.List) {
	names := make([]string, 0, len(fields))
	for k := range fields {
		names = append(names, k)
	}
	sort.Strings(names)
	errf := func(key, format string, args ...any) {
		diags.Errorf(p.Path, p.Line(key), "%s: "+format, append([]any{key}, args...)...)
	}
	c := &decoding{loc: cfg.Location, errf: errf, diags: diags}
	for _, key := range names {
		if f := field(key); f != nil {
			f.decode(p, key, fields[key], c)
			continue
		}
		d := diag.Diagnostic{Path: p.Path, Line: p.Line(key), Msg: fmt.Sprintf("unknown key %q", key)}
		if s := Suggest(key); s != "" {
			d.Hint = fmt.Sprintf("did you mean %q?", s)
		}
		diags.Add(d)
	}
	if len(p.Organizations) == 0 && cfg.DefaultOrganization != "" && p.Section != "" {
		p.Organizations = []string{cfg.DefaultOrganization}
	}
	if _, given := fields["contacts"]; !given {
		seen := map[string]bool{}
		for _, id := range p.Organizations {
			if o := cfg.Organization(id); o != nil {
				for _, c := range o.Contacts {
					if !seen[c] {
						seen[c] = true
						p.Contacts = append(p.Contacts, c)
					}
				}
			}
		}
	}
}

type errFunc func(key, format string, args ...any)

func (p *Page) boolean(key string, v any, errf errFunc) bool {
	switch b := v.(type) {
	case bool:
		return b
	case string:
		r, err := strconv.ParseBool(b)
		if err != nil {
			errf(key, "expected true or false, not %q", b)
		}
		return r
	}
	errf(key, "expected true or false")
	return false
}

func (p *Page) text(key string, v any, errf errFunc) string {
	switch s := v.(type) {
	case string:
		return strings.TrimSpace(s)
	case int, int64, float64, bool:
		return fmt.Sprint(s)
	case nil:
		return ""
	}
	errf(key, "expected text, not a %s", typeName(v))
	return ""
}

// list accepts a list of texts or a single text (split at commas if split).
func (p *Page) list(key string, v any, split bool, errf errFunc) []string {
	var out []string
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	switch l := v.(type) {
	case string:
		if split {
			for _, s := range strings.Split(l, ",") {
				add(s)
			}
		} else {
			add(l)
		}
	case []any:
		for _, item := range l {
			switch s := item.(type) {
			case string:
				add(s)
			case int, int64, float64:
				add(fmt.Sprint(s))
			default:
				errf(key, "expected a list of texts, found a %s in it", typeName(item))
				return nil
			}
		}
	case nil:
	default:
		errf(key, "expected a list such as [\"a\", \"b\"], not a %s", typeName(v))
	}
	return out
}

// tableList is a frontmatter list as []any: TOML's [[key]] tables come as
// []map[string]any.
func tableList(v any) ([]any, bool) {
	if tables, ok := v.([]map[string]any); ok {
		l := make([]any, len(tables))
		for i, t := range tables {
			l[i] = t
		}
		return l, true
	}
	l, ok := v.([]any)
	return l, ok
}

func (p *Page) attachments(key string, v any, errf errFunc) []Attachment {
	l, ok := tableList(v)
	if !ok {
		if v != nil {
			errf(key, "expected a list of {file, title}")
		}
		return nil
	}
	var out []Attachment
	for _, item := range l {
		var a Attachment
		switch m := item.(type) {
		case string:
			a.File = m
		case map[string]any:
			a.File, _ = m["file"].(string)
			a.Title, _ = m["title"].(string)
			for k := range m {
				if k != "file" && k != "title" {
					errf(key, "unknown key %q in an attachment (use file and title)", k)
				}
			}
		case map[any]any:
			a.File, _ = m["file"].(string)
			a.Title, _ = m["title"].(string)
			for k := range m {
				if k != "file" && k != "title" {
					errf(key, "unknown key %q in an attachment (use file and title)", fmt.Sprint(k))
				}
			}
		default:
			errf(key, "expected {file: \"x.pdf\", title: \"…\"}, not a %s", typeName(item))
			continue
		}
		if a.File == "" {
			errf(key, "an attachment has no file")
			continue
		}
		out = append(out, a)
	}
	return out
}

// dateLayouts are the accepted forms of dates without an offset.
var dateLayouts = []string{"2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02 15:04", "2006-01-02"}

// ParseDate parses an RFC 3339 date or one of the forms without offset, which
// are taken in loc. The instant is returned in loc, whatever offset s has,
// so that the year in a URL, on the page and in a feed is the same; its
// year must be within 0001–9999, in loc and in UTC.
func ParseDate(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	t, err := time.Parse(time.RFC3339, s)
	for _, layout := range dateLayouts {
		if err == nil {
			break
		}
		t, err = time.ParseInLocation(layout, s, loc)
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("cannot read %q as a date", s)
	}
	if t, err = inSite(t, loc); err != nil {
		return time.Time{}, fmt.Errorf("cannot read %q as a date: %v", s, err)
	}
	return t, nil
}

// inSite returns t in the site's timezone, or an error if its year there
// or in UTC is not within 0001–9999 (what RFC 3339, feeds and URLs can
// write).
func inSite(t time.Time, loc *time.Location) (time.Time, error) {
	written := t.Year()
	// An offset RFC 3339 cannot write (local mean time, as Berlin kept
	// before 1893) would not read back as the same instant: such a date
	// stays in UTC.
	if _, off := t.In(loc).Zone(); off%60 == 0 {
		t = t.In(loc)
	} else {
		t = t.UTC()
	}
	for _, y := range []int{written, t.Year(), t.UTC().Year()} {
		if y < 1 || y > 9999 {
			return time.Time{}, fmt.Errorf("the year %d is outside 0001–9999 (Jahr außerhalb 0001–9999)", y)
		}
	}
	return t, nil
}

var germanDateRe = regexp.MustCompile(`^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,? (\d{1,2}):(\d{2})(?: Uhr)?)?$`)

// germanDate returns a date written the German way ("5.10.2021 10:00")
// in the accepted form ("2021-10-05 10:00"), or "" if s is not one or
// names no real day.
func germanDate(s string, loc *time.Location) string {
	m := germanDateRe.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return ""
	}
	num := func(s string) int { n, _ := strconv.Atoi(s); return n }
	y, mo, d := num(m[3]), num(m[2]), num(m[1])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, loc)
	if t.Year() != y || int(t.Month()) != mo || t.Day() != d {
		return ""
	}
	out := t.Format("2006-01-02")
	if m[4] != "" {
		h, mi := num(m[4]), num(m[5])
		if h > 23 || mi > 59 {
			return ""
		}
		out += fmt.Sprintf(" %02d:%02d", h, mi)
	}
	if _, err := ParseDate(out, loc); err != nil {
		return "" // a year out of range
	}
	return out
}

func (p *Page) date(key string, v any, loc *time.Location, diags *diag.List) time.Time {
	switch d := v.(type) {
	case time.Time:
		// TOML local dates carry no zone of their own: read their wall
		// clock in the site's timezone.
		if strings.Contains(d.Location().String(), "local") {
			d = time.Date(d.Year(), d.Month(), d.Day(), d.Hour(), d.Minute(), d.Second(), d.Nanosecond(), loc)
		}
		t, err := inSite(d, loc)
		if err != nil {
			diags.Add(diag.Diagnostic{Path: p.Path, Line: p.Line(key), Msg: fmt.Sprintf("%s: %v", key, err), Hint: "write a date such as 2021-10-05"})
		}
		return t
	case string:
		t, err := ParseDate(d, loc)
		if err == nil {
			return t
		}
		hint := "use 2021-10-05, 2021-10-05 14:30 or 2021-10-05T14:30:00+02:00"
		if strings.Contains(err.Error(), "the year") {
			hint = "write a date such as 2021-10-05"
		}
		if iso := germanDate(d, loc); iso != "" {
			hint = "write it year first: " + iso
		}
		diags.Add(diag.Diagnostic{Path: p.Path, Line: p.Line(key), Msg: fmt.Sprintf("%s: %v", key, err), Hint: hint})
	default:
		diags.Add(diag.Diagnostic{Path: p.Path, Line: p.Line(key), Msg: fmt.Sprintf("%s: expected a date, not a %s", key, typeName(v)),
			Hint: "use 2021-10-05, 2021-10-05 14:30 or 2021-10-05T14:30:00+02:00"})
	}
	return time.Time{}
}

// params is the free map of a theme's own keys, with keys as text at every
// depth (YAML may give other keys).
func (p *Page) params(key string, v any, errf errFunc) map[string]any {
	if v == nil {
		return nil
	}
	m, ok := paramValue(v).(map[string]any)
	if !ok {
		errf(key, "expected a table of keys and values, e.g. params: {untertitel: \"…\"}, not a %s", typeName(v))
	}
	return m
}

func paramValue(v any) any {
	switch x := v.(type) {
	case map[any]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[fmt.Sprint(k)] = paramValue(e)
		}
		return m
	case map[string]any:
		for k, e := range x {
			x[k] = paramValue(e)
		}
		return x
	case []map[string]any:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = paramValue(e)
		}
		return l
	case []any:
		for i, e := range x {
			x[i] = paramValue(e)
		}
		return x
	}
	return v
}

func typeName(v any) string {
	switch v.(type) {
	case string:
		return "text"
	case []any:
		return "list"
	case map[string]any, map[any]any:
		return "table"
	case bool:
		return "true/false value"
	case int, int64, float64:
		return "number"
	case time.Time:
		return "date"
	case nil:
		return "empty value"
	}
	return fmt.Sprintf("%T", v)
}
