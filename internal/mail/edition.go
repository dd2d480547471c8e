// Package mail makes the e-mail edition of a release: an RFC 5322 message,
// multipart/alternative with a plain-text and an HTML part, and sends it
// through an SMTP relay, one message per recipient. It does not read the
// site: the caller gives it the release as the model and the renderer made
// it (see build.Loaded.Bodies).
package mail

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	stdhtml "html"
	"html/template"
	"net/mail"
	"net/url"
	"strings"
	"time"

	"pressroom/internal/config"
	"pressroom/internal/render"
	"pressroom/internal/site"
)

// Release is what an edition is made of.
type Release struct {
	Config *config.Site
	Page   *site.Page  // a release
	Body   render.Body // its rendered body
	// About is the rendered boilerplate of each organisation, by id.
	About map[string]template.HTML
	// Embargo, if not zero, is the Sperrfrist: it heads the subject and
	// both parts.
	Embargo time.Time
	// Preview tells that Page is the release's embargo preview: its URL
	// works now, for journalists only. Without it, an embargoed release's
	// URL works only from the Sperrfrist on.
	Preview bool
	// From is the sender; nil: the release's first press contact with an
	// e-mail address.
	From *mail.Address
}

// Edition is a release made into an e-mail, to be addressed (Message).
type Edition struct {
	Subject  string
	From     *mail.Address
	ReplyTo  []*mail.Address // the press contacts, when From is none of them
	Language string
	Location *time.Location
	Text     string // the plain-text part
	HTML     string // the HTML part, a whole document with inline styles
	URL      string // the absolute URL of the release (or of its preview)
	host     string // of Message-IDs
	sum      string // of the content, for Message-IDs and the boundary
}

// ErrNoSender is returned when an edition has no From: no --from and no
// press contact with an e-mail address.
var ErrNoSender = fmt.Errorf("no sender: the release's press contacts have no e-mail address")

// Compose makes the edition of a release.
func Compose(r Release) (*Edition, error) {
	cfg, p := r.Config, r.Page
	if p == nil || p.Kind != config.KindRelease {
		return nil, fmt.Errorf("not a release")
	}
	w := render.WordsOf(cfg, func(*site.Page) render.Body { return r.Body })
	s := strings0(cfg)
	pageURL := strings.TrimSuffix(cfg.BaseURL, "/") + p.URL
	base, err := url.Parse(pageURL)
	if err != nil {
		return nil, err
	}
	e := &Edition{Language: cfg.Language, Location: cfg.Location, URL: pageURL, host: cfg.Base.Hostname()}
	if e.host == "" {
		e.host = "localhost"
	}

	// Sender and replies.
	var contacts []*mail.Address
	for _, c := range p.Contacts {
		if c.Email != "" {
			if a, err := mail.ParseAddress(c.Email); err == nil {
				contacts = append(contacts, &mail.Address{Name: c.Name, Address: a.Address})
			}
		}
	}
	e.From = r.From
	if e.From == nil {
		if len(contacts) == 0 {
			return nil, ErrNoSender
		}
		e.From = contacts[0]
	}
	for _, c := range contacts {
		if !strings.EqualFold(c.Address, e.From.Address) {
			e.ReplyTo = contacts
			break
		}
	}

	subject := strings.TrimSpace(cfg.MailSubjectPrefix() + " " + p.Title)
	var embargo string
	if !r.Embargo.IsZero() {
		embargo = strings.ToUpper(w.T("embargo")) + ": " + w.DateTime(r.Embargo)
		subject = embargo + " – " + subject
	}
	// A subject is searched for as typed: ordinary spaces, not the
	// no-break spaces that keep a date together on a page.
	e.Subject = strings.ReplaceAll(subject, "\u00a0", " ")

	kicker := w.T("release")
	if len(p.Orgs) > 1 {
		kicker = w.T("jointRelease")
	}
	var orgs []string
	for _, o := range p.Orgs {
		orgs = append(orgs, o.Name)
	}
	body := render.Absolutize(w.Body(p), base)

	// The note on where the release is online.
	var online, onlineNote string
	switch {
	case r.Embargo.IsZero():
		online = s["online"]
	case r.Preview:
		online = s["preview"]
	default:
		online = fmt.Sprintf(s["onlineFrom"], w.DateTime(r.Embargo))
		onlineNote = s["onlineFromNote"]
	}

	// The plain-text part.
	var t textBuilder
	if embargo != "" {
		t.para(embargo)
		t.para(fmt.Sprintf(s["embargoNote"], w.DateTime(r.Embargo)))
		t.rule()
	}
	t.para(kicker)
	t.heading(p.Title, '=')
	meta := w.Date(p.Released())
	if len(orgs) > 0 {
		meta += " · " + strings.Join(orgs, " · ")
	}
	t.para(meta)
	if p.Updated.After(p.Date) {
		u := w.T("updated") + " " + w.Date(p.Updated)
		if p.Correction != "" {
			u += " – " + w.T("correction") + " " + p.Correction
		}
		t.para(u)
	}
	if p.Image != "" {
		img := base.ResolveReference(&url.URL{Path: p.Image}).String()
		var about []string
		for _, s := range []string{p.ImageAlt, p.ImageCredit} {
			if s != "" {
				about = append(about, s)
			}
		}
		if len(about) == 0 {
			about = []string{w.T("photo")}
		}
		t.para("[" + strings.Join(about, " – ") + "]\n<" + img + ">")
	}
	t.raw(htmlText(body))
	if len(p.Attachments) > 0 {
		t.heading(w.T("downloads"), '-')
		for _, a := range p.Attachments {
			u := base.ResolveReference(&url.URL{Path: a.File}).String()
			t.item(fmt.Sprintf("%s (%s, %s)\n%s", a.Title, w.FileType(a.Type), w.Size(a.Size), u))
		}
		t.endList()
	}
	if len(p.Tags) > 0 {
		var names []string
		for _, tag := range p.Tags {
			names = append(names, tag.Name)
		}
		t.para(w.T("tags") + ": " + strings.Join(names, ", "))
	}
	if len(p.Contacts) > 0 {
		title := w.T("pressContact")
		if len(p.Contacts) > 1 {
			title = w.T("pressContacts")
		}
		t.heading(title, '-')
		for _, c := range p.Contacts {
			lines := []string{c.Name}
			if c.Role != "" {
				lines = append(lines, c.Role)
			}
			if c.Phone != "" {
				lines = append(lines, w.T("phone")+": "+c.Phone)
			}
			if c.Email != "" {
				lines = append(lines, w.T("email")+": "+c.Email)
			}
			t.lines(lines)
		}
	}
	for _, term := range p.Orgs {
		o := term.Org
		if o.About == "" {
			continue
		}
		t.heading(o.AboutTitle, '-')
		t.raw(htmlText(render.Absolutize(string(r.About[o.ID]), cfg.Base)))
		if o.URL != "" {
			t.para(w.T("website") + ": " + o.URL)
		}
	}
	t.rule()
	t.para(online + "\n" + pageURL)
	if onlineNote != "" {
		t.para(onlineNote)
	}
	if cfg.Copyright != "" {
		t.para(cfg.Copyright)
	}
	e.Text = t.String()

	// The HTML part.
	var h strings.Builder
	esc := stdhtml.EscapeString
	h.WriteString("<!DOCTYPE html>\n<html lang=\"" + esc(cfg.Language) + "\">\n<head>\n<meta charset=\"utf-8\">\n" +
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + esc(subject) + "</title>\n</head>\n")
	h.WriteString(`<body style="` + styleBody + `">` + "\n")
	h.WriteString(`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="` + styleOuter + `"><tr><td align="center" style="padding:16px 8px;">` + "\n")
	h.WriteString(`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="` + styleInner + `"><tr><td style="` + styleCell + `">` + "\n")
	if embargo != "" {
		h.WriteString(`<p style="` + styleEmbargo + `"><strong>` + esc(embargo) + `</strong><br>` + esc(fmt.Sprintf(s["embargoNote"], w.DateTime(r.Embargo))) + "</p>\n")
	}
	h.WriteString(`<p style="` + styleKicker + `">` + esc(kicker) + "</p>\n")
	h.WriteString(`<h1 style="` + styleH1 + `">` + esc(p.Title) + "</h1>\n")
	h.WriteString(`<p style="` + styleMeta + `">` + esc(w.Date(p.Released())))
	for _, o := range p.Orgs {
		h.WriteString(" · ")
		if u := orgURL(cfg, o); u != "" {
			h.WriteString(`<a href="` + esc(u) + `" style="` + styleLink + `">` + esc(o.Name) + "</a>")
		} else {
			h.WriteString(esc(o.Name))
		}
	}
	h.WriteString("</p>\n")
	if p.Updated.After(p.Date) {
		h.WriteString(`<p style="` + styleP + `"><strong>` + esc(w.T("updated")+" "+w.Date(p.Updated)) + "</strong>")
		if p.Correction != "" {
			h.WriteString(" – " + esc(w.T("correction")+" "+p.Correction))
		}
		h.WriteString("</p>\n")
	}
	if p.Image != "" {
		img := base.ResolveReference(&url.URL{Path: p.Image}).String()
		h.WriteString(`<p style="` + styleFigure + `"><img src="` + esc(img) + `" alt="` + esc(p.ImageAlt) + `" width="590"` + ` style="` + styleImg + `">`)
		if p.ImageCredit != "" {
			h.WriteString(`<br><span style="` + styleCaption + `">` + esc(p.ImageCredit) + "</span>")
		}
		h.WriteString("</p>\n")
	}
	h.WriteString(inlineStyles(body) + "\n")
	if len(p.Attachments) > 0 {
		h.WriteString(`<h2 style="` + styleH2 + `">` + esc(w.T("downloads")) + "</h2>\n<ul style=\"" + styleList + "\">\n")
		for _, a := range p.Attachments {
			u := base.ResolveReference(&url.URL{Path: a.File}).String()
			h.WriteString(`<li style="` + styleItem + `"><a href="` + esc(u) + `" type="` + esc(a.Type) + `" style="` + styleLink + `">` + esc(a.Title) +
				`</a> <span style="` + styleFilemeta + `">(` + esc(w.FileType(a.Type)) + ", " + esc(w.Size(a.Size)) + ")</span></li>\n")
		}
		h.WriteString("</ul>\n")
	}
	if len(p.Tags) > 0 {
		h.WriteString(`<p style="` + styleP + `">` + esc(w.T("tags")) + ":")
		for i, tag := range p.Tags {
			if i > 0 {
				h.WriteString(",")
			}
			h.WriteString(` <a href="` + esc(strings.TrimSuffix(cfg.BaseURL, "/")+tag.URL) + `" style="` + styleLink + `">` + esc(tag.Name) + "</a>")
		}
		h.WriteString("</p>\n")
	}
	if len(p.Contacts) > 0 {
		title := w.T("pressContact")
		if len(p.Contacts) > 1 {
			title = w.T("pressContacts")
		}
		h.WriteString(`<h2 style="` + styleH2 + `">` + esc(title) + "</h2>\n")
		for _, c := range p.Contacts {
			h.WriteString(`<p style="` + styleP + `"><strong>` + esc(c.Name) + "</strong>")
			if c.Role != "" {
				h.WriteString("<br>" + esc(c.Role))
			}
			if c.Phone != "" {
				h.WriteString("<br>" + esc(w.T("phone")) + `: <a href="tel:` + esc(tel(c.Phone)) + `" style="` + styleLink + `">` + esc(c.Phone) + "</a>")
			}
			if c.Email != "" {
				h.WriteString("<br>" + esc(w.T("email")) + `: <a href="mailto:` + esc(c.Email) + `" style="` + styleLink + `">` + esc(c.Email) + "</a>")
			}
			h.WriteString("</p>\n")
		}
	}
	for _, term := range p.Orgs {
		o := term.Org
		if o.About == "" {
			continue
		}
		h.WriteString(`<h2 style="` + styleH2 + `">` + esc(o.AboutTitle) + "</h2>\n")
		h.WriteString(inlineStyles(render.Absolutize(string(r.About[o.ID]), cfg.Base)) + "\n")
		if o.URL != "" {
			h.WriteString(`<p style="` + styleP + `"><a href="` + esc(o.URL) + `" style="` + styleLink + `">` + esc(w.T("website")+": "+o.URL) + "</a></p>\n")
		}
	}
	h.WriteString(`<p style="` + styleFooter + `">` + esc(online) + `<br><a href="` + esc(pageURL) + `" style="` + styleLink + `">` + esc(pageURL) + "</a>")
	if onlineNote != "" {
		h.WriteString("<br>" + esc(onlineNote))
	}
	if cfg.Copyright != "" {
		h.WriteString("<br>" + esc(cfg.Copyright))
	}
	h.WriteString("</p>\n</td></tr></table>\n</td></tr></table>\n</body>\n</html>\n")
	e.HTML = h.String()

	sum := sha256.Sum256([]byte(p.Path + "\x00" + e.Subject + "\x00" + e.Text + "\x00" + e.HTML))
	e.sum = hex.EncodeToString(sum[:])
	return e, nil
}

// orgURL is the absolute URL of an organisation's page on the site.
func orgURL(cfg *config.Site, o *site.Term) string {
	return strings.TrimSuffix(cfg.BaseURL, "/") + o.URL
}

// tel is a phone number as a tel: URL has it: digits and a leading plus.
func tel(s string) string {
	return strings.Map(func(r rune) rune {
		if (r >= '0' && r <= '9') || r == '+' {
			return r
		}
		return -1
	}, s)
}

// mailStrings are the edition's own words; [strings] of site.toml
// overrides them by key ("mailOnline" and so on).
var mailStrings = map[string]map[string]string{
	"de": {
		"online":         "Diese Pressemitteilung im Web:",
		"preview":        "Vorab-Ansicht im Web (nur für Redaktionen, bis zum Ablauf der Sperrfrist nicht weitergeben):",
		"onlineFrom":     "Ab %s im Web:",
		"onlineFromNote": "Die Seite, das Bild und die Downloads sind erst mit Ablauf der Sperrfrist abrufbar.",
		"embargoNote":    "Bitte beachten Sie die Sperrfrist: Veröffentlichung nicht vor %s.",
	},
	"en": {
		"online":         "This press release on the web:",
		"preview":        "Advance copy on the web (for newsrooms only; do not pass on before the embargo lifts):",
		"onlineFrom":     "On the web from %s:",
		"onlineFromNote": "The page, its image and downloads can be fetched only once the embargo lifts.",
		"embargoNote":    "Please respect the embargo: not to be published before %s.",
	},
}

// strings0 is the edition's words for the site's language, with the
// site's overrides.
func strings0(cfg *config.Site) map[string]string {
	out := map[string]string{}
	for k, v := range mailStrings[cfg.Language] {
		out[k] = v
		if o, ok := cfg.Strings["mail"+strings.ToUpper(k[:1])+k[1:]]; ok {
			out[k] = o
		}
	}
	return out
}
