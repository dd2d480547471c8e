package render

import (
	"bytes"
	"fmt"
	stdhtml "html"
	"html/template"
	"net/url"
	"strconv"
	"strings"
	"time"

	"pressroom/internal/config"
	"pressroom/internal/site"
)

// funcs returns the template functions of a site.
func (r *Renderer) funcs() template.FuncMap {
	cfg := r.cfg
	loc := cfg.Location
	return template.FuncMap{
		"t": r.t,
		"tf": func(key string, args ...any) string {
			return fmt.Sprintf(r.t(key), args...)
		},
		// date formats a day: "5. Oktober 2021" / "5 October 2021".
		"date": func(t time.Time) string { return r.date(t) },
		// datetime formats a day and time: "12. März 2026, 10:00 Uhr".
		"datetime": func(t time.Time) string { return r.datetime(t) },
		// when is date and time, or the date alone for a date at midnight.
		"when": r.when,
		// listSep separates the items of a running list: "A, B und C".
		"listSep": r.listSep,
		// downloadTitle drops a "(PDF)" at the end of an attachment's title.
		"downloadTitle": downloadTitle,
		// iso formats a machine-readable instant for <time datetime>.
		"iso":  r.iso,
		"year": func(t time.Time) int { return t.In(loc).Year() },
		// url makes a site-relative URL root-relative (with the base path).
		"url": r.rel,
		// abs makes a site-relative URL absolute.
		"abs": r.abs,
		// asset returns the URL of a (fingerprinted) asset file.
		// logo is the URL of the logo of [theme] in site.toml, or "".
		"logo": func() string {
			if u, ok := r.assets[LogoAsset(r.cfg.Theme.Logo)]; ok && r.cfg.Theme.Logo != "" {
				return r.rel(u)
			}
			return ""
		},
		"asset": r.asset,
		// fileURL makes the name of a file beside a page a relative URL:
		// "Bericht #2.pdf" -> "Bericht%20%232.pdf".
		"fileURL":  fileURL,
		"size":     r.size,
		"filetype": fileType,
		// plain makes text of HTML, for other formats than HTML: tags
		// dropped, entities decoded, a blank line after each block.
		"plain": plain,
		"about": r.aboutOf,
		// summary is the teaser of a page: its summary, or the first
		// paragraph of its body.
		"summary": r.summary,
		// entry renders partials/entry.html for a page once per build: a
		// release appears in many lists, always alike. memo does the same
		// for any partial that shows a page: memo "partials/x.html" .
		"entry": r.entry,
		"memo":  r.memo,
		// once renders a partial once per key and reuses the result: for
		// the parts of a page that many pages share (header, footer, feed
		// links). A partial the site overrides is rendered every time, as
		// its key may not cover what it shows.
		"once":   r.once,
		"navKey": navKey,
		// ids is a key for once from the ids of organisations or
		// contacts: once (ids .Orgs) "partials/about.html" .
		"ids": ids,
		// footerKey says what the footer marks as current on a page.
		"footerKey": footerKey,
		// yearsKey says which section and year the year links show.
		"yearsKey": yearsKey,
		"tel":      func(s string) string { return strings.Map(telRune, s) },
		// vcard is the URL of a press contact's vCard; orgContacts the
		// press contacts of an organisation (nil if none).
		"vcard":       r.vcardURL,
		"orgContacts": r.orgContacts,
		"add":         func(a, b int) int { return a + b },
		// schema is the schema.org description of a release or paper;
		// json writes it into <script type="application/ld+json">.
		"schema": r.schema,
		"json":   jsonScript,
		// resolve makes a file beside a page absolute: resolve (abs .URL) .Image.
		"resolve": resolve,
		// later is the later of two instants.
		"later": later,
		// leadPhoto is the page's lead image as a photo with its web
		// variants and print download (a *Figure), or nil; gallery the
		// photos of its images.
		"leadPhoto": r.leadFigure,
		"gallery":   r.galleryFigures,
		// eventWhen says when an event takes place: "Dienstag, 12. Mai
		// 2026, 10:00–16:30 Uhr"; eventWhenAt an earlier start of it.
		"eventWhen":   r.eventWhen,
		"eventWhenAt": r.eventWhenAt,
		// eventPlace is the place of an event with its address, one line.
		"eventPlace": eventPlace,
		// icsURL is the URL of an event's calendar file; calendarURL that
		// of a folder's subscription ("/", a term's URL); webcal makes
		// such a URL a webcal:// link; hasCalendar tells whether a term
		// (nil: the site) has a subscription.
		"icsURL":      icsURL,
		"calendarURL": r.calendarURL,
		"webcal":      r.webcal,
		"hasCalendar": r.hasCalendar,
		// upcomingOf and pastOf are the events of a list that have not
		// ended and that have, in the list's order.
		"upcomingOf": upcomingOf,
		"pastOf":     pastOf,
		// socialPhoto is the photo of a page's link previews (a *Figure), or nil.
		"socialPhoto": r.socialFigure,
		// eventSchema is an event's schema.org description, or nil.
		"eventSchema": r.eventSchema,
		"sameDay": func(a, b time.Time) bool {
			return a.In(loc).Format("20060102") == b.In(loc).Format("20060102")
		},
	}
}

// asset returns the URL of a (fingerprinted) asset file.
func (r *Renderer) asset(name string) (string, error) {
	u, ok := r.assets[name]
	if !ok {
		return "", fmt.Errorf("asset %q not found in assets/", name)
	}
	return r.rel(u), nil
}

// aboutOf is the rendered boilerplate of an organisation.
func (r *Renderer) aboutOf(o *config.Organization) template.HTML { return r.about[o.ID] }

// entry renders partials/entry.html for a page once per build.
func (r *Renderer) entry(p *site.Page) (template.HTML, error) {
	return r.memo("partials/entry.html", p)
}

// later is the later of a and b.
func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// memo renders the partial name with page p once per build and reuses
// the result.
func (r *Renderer) memo(name string, p *site.Page) (template.HTML, error) {
	type key struct {
		name string
		p    *site.Page
	}
	if h, ok := r.memos.Load(key{name, p}); ok {
		return h.(template.HTML), nil
	}
	if f := r.directPartials[name]; f != nil {
		var b bytes.Buffer
		w := &writer{Buffer: &b}
		f(r, w, p)
		if w.err != nil {
			return "", w.err
		}
		h := template.HTML(b.String())
		r.memos.Store(key{name, p}, h)
		return h, nil
	}
	h, err := r.partial(name, p)
	if err == nil {
		r.memos.Store(key{name, p}, h)
	}
	return h, err
}

func (r *Renderer) once(key, name string, data any) (template.HTML, error) {
	builtin := r.builtin[name]
	if builtin {
		if h, ok := r.fragments.Load(name + "\x00" + key); ok {
			return h.(template.HTML), nil
		}
	}
	h, err := r.partial(name, data)
	if err == nil && builtin {
		r.fragments.Store(name+"\x00"+key, h)
	}
	return h, err
}

// partial executes a partial with data.
func (r *Renderer) partial(name string, data any) (template.HTML, error) {
	set := r.sets["list.html"]
	if set == nil {
		return "", fmt.Errorf("%s: no template list.html", name)
	}
	var b strings.Builder
	if err := set.ExecuteTemplate(&b, name, data); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// navKey says what the header's navigation marks as current on a page.
func navKey(d *Data) string {
	k := d.Kind
	switch d.Kind {
	case "tag", "tags":
		k = "tags"
	case "org", "orgs":
		k = "orgs"
	}
	if d.Section != nil {
		k += " " + d.Section.Name
		if d.URL == d.Section.URL {
			k += " list"
		}
	}
	if d.URL == "/" {
		k += " home"
	}
	return k
}

// footerKey is the URL of the page if the footer links it, else "".
func footerKey(d *Data) string {
	if d.Site.ContactsURL != "" && d.URL == d.Site.ContactsURL {
		return d.URL
	}
	for _, p := range d.Site.Plain {
		if p.URL == d.URL {
			return d.URL
		}
	}
	return ""
}

func yearsKey(d *Data) string {
	k := d.Section.URL
	if d.Year != nil {
		k += strconv.Itoa(d.Year.Year)
	}
	return k
}

// ids joins the ids of organisations or contacts.
func ids(v any) (string, error) {
	var b strings.Builder
	switch l := v.(type) {
	case []*site.Term:
		for _, t := range l {
			b.WriteString(t.URL + " ")
		}
	case []*config.Contact:
		for _, c := range l {
			b.WriteString(c.ID + " ")
		}
	default:
		return "", fmt.Errorf("ids: cannot make a key of %T", v)
	}
	return b.String(), nil
}

func telRune(r rune) rune {
	if (r >= '0' && r <= '9') || r == '+' {
		return r
	}
	return -1
}

func (r *Renderer) t(key string) string {
	if s, ok := r.cfg.Strings[key]; ok {
		return s
	}
	if s, ok := uiStrings[r.cfg.Language][key]; ok {
		return s
	}
	return key
}

// nbsp is the no-break space that joins the parts of a date and of a
// time, so that "5. März 2026" and "10:00 Uhr" never break.
const nbsp = "\u00a0"

func (r *Renderer) date(t time.Time) string {
	t = t.In(r.cfg.Location)
	m := months[r.cfg.Language][t.Month()-1]
	if r.cfg.Language == "en" {
		return fmt.Sprintf("%d"+nbsp+"%s"+nbsp+"%d", t.Day(), m, t.Year())
	}
	return fmt.Sprintf("%d."+nbsp+"%s"+nbsp+"%d", t.Day(), m, t.Year())
}

func (r *Renderer) datetime(t time.Time) string {
	t = t.In(r.cfg.Location)
	if r.cfg.Language == "en" {
		return r.date(t) + ", " + t.Format("15:04")
	}
	return r.date(t) + ", " + t.Format("15:04") + nbsp + "Uhr"
}

// when is the day of an instant, with the time of day unless it is
// midnight in the site's timezone (a frontmatter date without a time).
func (r *Renderer) when(t time.Time) string {
	if l := t.In(r.cfg.Location); l.Hour() == 0 && l.Minute() == 0 && l.Second() == 0 {
		return r.date(t)
	}
	return r.datetime(t)
}

// listSep is what goes before item i of n in a running list: nothing,
// a comma, or "und" before the last ("A, B und C").
func (r *Renderer) listSep(i, n int) string {
	switch {
	case i == 0:
		return ""
	case i == n-1:
		return " " + r.t("and") + " "
	}
	return ", "
}

// downloadTitle is an attachment's title without a type in parentheses at
// its end that the download line shows anyway: "Pressemappe (PDF)" is
// "Pressemappe" beside "(PDF, 804 Byte)".
func downloadTitle(title, mime string) string {
	t := strings.TrimSpace(title)
	if i := strings.LastIndex(t, " ("); i > 0 && strings.HasSuffix(t, ")") {
		in := strings.TrimSpace(t[i+2 : len(t)-1])
		if strings.EqualFold(in, fileType(mime)) || strings.EqualFold(in, "."+strings.ToLower(fileType(mime))) {
			return strings.TrimSpace(t[:i])
		}
	}
	return title
}

// iso formats an instant for <time datetime>.
func (r *Renderer) iso(t time.Time) string { return t.In(r.cfg.Location).Format(time.RFC3339) }

func (r *Renderer) rel(u string) string {
	return strings.TrimSuffix(r.cfg.Base.Path, "/") + u
}

func (r *Renderer) abs(u string) string {
	return strings.TrimSuffix(r.cfg.BaseURL, "/") + u
}

// fileURL percent-encodes each segment of a slash path to a file, so that
// "#", "?", "%" and spaces in its name are part of the name in a URL.
func fileURL(name string) string {
	segs := strings.Split(name, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// size formats a file size: "1,2 MB" in German, "1.2 MB" in English.
func (r *Renderer) size(n int64) string {
	var s string
	switch {
	case n < 1000:
		return strconv.FormatInt(n, 10) + " Byte"
	case n < 10*1000:
		s = strconv.FormatFloat(float64(n)/1000, 'f', 1, 64) + " KB"
	case n < 1000*1000:
		s = strconv.FormatFloat(float64(n)/1000, 'f', 0, 64) + " KB"
	default:
		s = strconv.FormatFloat(float64(n)/1e6, 'f', 1, 64) + " MB"
	}
	if r.cfg.Language == "de" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// fileType names a MIME type the way readers know it: "PDF", "CSV".
func fileType(mime string) string {
	switch mime {
	case "application/pdf":
		return "PDF"
	case "application/msword", "application/vnd.openxmlformats-officedocument.wordprocessingml.document":
		return "Word"
	case "application/vnd.ms-excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
		return "Excel"
	case "application/vnd.openxmlformats-officedocument.presentationml.presentation":
		return "PowerPoint"
	case "application/vnd.oasis.opendocument.text":
		return "ODT"
	case "application/vnd.oasis.opendocument.spreadsheet":
		return "ODS"
	case "text/csv":
		return "CSV"
	case "text/plain":
		return "Text"
	case "application/zip":
		return "ZIP"
	}
	if i := strings.IndexByte(mime, '/'); i > 0 {
		sub := mime[i+1:]
		if j := strings.IndexAny(sub, "+;"); j > 0 {
			sub = sub[:j]
		}
		return strings.ToUpper(sub)
	}
	return mime
}

// plain is the text of an HTML fragment: tags dropped, entities decoded,
// paragraphs, headings, list items and table rows ended by line breaks.
func plain(h template.HTML) string {
	var b strings.Builder
	s := string(h)
	for len(s) > 0 {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			b.WriteString(stdhtml.UnescapeString(s))
			break
		}
		// The line breaks between blocks are the tags'.
		if text := s[:i]; strings.TrimSpace(text) != "" || !strings.Contains(text, "\n") {
			b.WriteString(stdhtml.UnescapeString(text))
		}
		j := strings.IndexByte(s[i:], '>')
		if j < 0 {
			break
		}
		tag := ""
		if f := strings.Fields(strings.Trim(s[i+1:i+j], "/ ")); len(f) > 0 {
			tag = strings.ToLower(f[0])
		}
		closing := strings.HasPrefix(s[i+1:], "/")
		switch {
		case tag == "br":
			b.WriteString("\n")
		case closing && (tag == "p" || tag == "h1" || tag == "h2" || tag == "h3" || tag == "h4" || tag == "h5" || tag == "h6" ||
			tag == "blockquote" || tag == "ul" || tag == "ol" || tag == "table" || tag == "pre"):
			b.WriteString("\n\n")
		case closing && (tag == "li" || tag == "tr"):
			b.WriteString("\n")
		case !closing && tag == "li":
			b.WriteString("- ")
		case closing && (tag == "td" || tag == "th"):
			b.WriteString("\t")
		}
		s = s[i+j+1:]
	}
	return strings.TrimSpace(b.String())
}
