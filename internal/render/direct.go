package render

import (
	"bytes"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"time"

	"pressroom/internal/config"
	"pressroom/internal/site"
)

// The default theme's release, paper and list pages, its list entries and
// related items are written here in Go, byte for byte as its templates
// write them (TestDirectEqualsTemplates): they are most of a site, and
// html/template spends some 3 µs of reflection on each of a page's 150
// actions. A site that changes one of the templates these Go functions
// stand for gets its templates executed as usual; the partials a page
// shares with others (header, footer, contacts, boilerplate, feed links,
// year links) go through once, so they may be changed freely.

// setDirect picks the Go functions that may render pages and partials in
// place of the templates: those whose templates are all the default ones.
func (r *Renderer) setDirect() {
	r.direct = map[string]func(*writer, *Data) error{}
	r.directPartials = map[string]func(*writer, *site.Page){}
	frame := []string{"baseof.html", "partials/meta.html", "partials/banner.html"}
	for _, d := range []struct {
		name      string
		templates []string // that the function stands for besides name
		page      func(*writer, *Data) error
		partial   func(*writer, *site.Page)
	}{
		{"release.html", append(frame, "partials/downloads.html", "partials/tags.html", "partials/related.html", "partials/neighbours.html"), r.releaseMain, nil},
		{"paper.html", append(frame, "partials/downloads.html", "partials/tags.html", "partials/neighbours.html"), r.paperMain, nil},
		{"list.html", append(frame, "partials/pager.html"), r.listMain, nil},
		{"partials/entry.html", nil, nil, r.entry},
		{"partials/related-item.html", nil, nil, r.relatedItem},
	} {
		ok := r.builtin[d.name]
		for _, t := range d.templates {
			ok = ok && r.builtin[t]
		}
		switch {
		case !ok:
		case d.page != nil:
			r.direct[d.name] = d.page
		default:
			r.directPartials[d.name] = d.partial
		}
	}
}

// writer writes a page with the escaping of html/template.
type writer struct {
	*bytes.Buffer
	err error
}

// text writes s escaped for HTML text and quoted attribute values.
func (w *writer) text(s string) { escapeHTML(w.Buffer, s) }

// escapeHTML writes s to b as html/template escapes it in HTML text and
// quoted attribute values (FuzzWriterText): the one escaper of the Go
// written parts of the output besides html/template itself, for pages,
// datelines, feed content and the sitemap alike.
func escapeHTML(b *bytes.Buffer, s string) {
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case 0:
			esc = "\uFFFD"
		case '"':
			esc = "&#34;"
		case '&':
			esc = "&amp;"
		case '\'':
			esc = "&#39;"
		case '+':
			esc = "&#43;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		default:
			continue
		}
		b.WriteString(s[:i])
		b.WriteString(esc)
		s = s[i+1:]
		i = -1
	}
	b.WriteString(s)
}

// url writes s as the whole value of a URL attribute (href, src): a
// scheme other than http, https and mailto is refused, the rest
// percent-encoded where a URL needs it.
func (w *writer) url(s string) {
	if protocol, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(protocol, "/") &&
		!strings.EqualFold(protocol, "http") && !strings.EqualFold(protocol, "https") && !strings.EqualFold(protocol, "mailto") {
		s = "#ZgotmplZ"
	}
	w.text(processURL(s, true))
}

// processURL percent-encodes s as html/template does: in a whole URL
// (norm) the reserved characters and valid escapes stay; in a part of it
// they are encoded too.
func processURL(s string, norm bool) string {
	var b strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case strings.IndexByte("!#$&*+,/:;=?@[]", c) >= 0:
			if norm {
				continue
			}
		case c == '-' || c == '.' || c == '_' || c == '~', 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			continue
		case c == '%':
			if norm && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				continue
			}
		}
		b.WriteString(s[written:i])
		fmt.Fprintf(&b, "%%%02x", c)
		written = i + 1
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// link writes a link to href (a URL) with text.
func (w *writer) link(href, text string) {
	w.WriteString("<a href=\"")
	w.url(href)
	w.WriteString("\">")
	w.text(text)
	w.WriteString("</a>")
}

// time writes a <time> element of a day.
func (r *Renderer) time(w *writer, t time.Time) {
	w.WriteString("<time datetime=\"")
	w.text(r.iso(t))
	w.WriteString("\">")
	w.text(r.date(t))
	w.WriteString("</time>")
}

// html writes h as it is, or keeps the first error.
func (w *writer) html(h template.HTML, err error) {
	if err != nil && w.err == nil {
		w.err = err
	}
	w.WriteString(string(h))
}

// page writes baseof.html around main, for the kinds of pages that are
// written in Go (neither the home page nor 404.html).
func (r *Renderer) page(buf *bytes.Buffer, d *Data, main func(*writer, *Data) error) error {
	w := &writer{Buffer: buf}
	cfg := d.Config
	w.WriteString("<!DOCTYPE html>\n<html lang=\"")
	w.text(cfg.Language)
	w.WriteString("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
	w.text(d.Title)
	w.WriteString(" – ")
	w.text(cfg.Title)
	w.WriteString("</title>")
	if d.Description != "" {
		w.WriteString("\n<meta name=\"description\" content=\"")
		w.text(d.Description)
		w.WriteString("\">")
	}
	if d.NoIndex {
		w.WriteString("\n<meta name=\"robots\" content=\"noindex\">")
	}
	w.WriteString("\n<link rel=\"canonical\" href=\"")
	w.url(r.abs(d.URL))
	w.WriteString("\">\n<link rel=\"stylesheet\" href=\"")
	css, ok := r.assets["css/style.css"]
	if !ok {
		return fmt.Errorf("asset %q not found in assets/", "css/style.css")
	}
	w.url(r.rel(css))
	w.WriteString("\">")
	w.html(r.once("site-feeds", "partials/feeds-head.html", d.SiteFeeds))
	if d.URL != "/" && len(d.Feeds) > 0 {
		w.html(r.once(d.Feeds[0].URL, "partials/feeds-head.html", d.Feeds))
	}
	if d.Page != nil {
		w.html("", r.writeSocialMeta(w, d.Page))
	}
	w.WriteString("\n\n</head>\n<body class=\"kind-")
	w.text(d.Kind)
	w.WriteString("\">\n<a class=\"skip\" href=\"#inhalt\">")
	w.text(r.t("skip"))
	w.WriteString("</a>\n")
	w.html(r.once(navKey(d), "partials/header.html", d))
	w.WriteString("\n<main id=\"inhalt\" tabindex=\"-1\">")
	if p := d.Page; p != nil {
		if p.Draft {
			w.WriteString("\n<p class=\"banner banner-draft\"><strong>")
			w.text(r.t("draft"))
			w.WriteString(":</strong> ")
			w.text(r.t("draftNote"))
			w.WriteString("</p>")
		} else if p.Embargoed {
			w.WriteString("\n<p class=\"banner banner-embargo\"><strong>")
			w.text(fmt.Sprintf(r.t("embargoNote"), r.datetime(p.Released())))
			w.WriteString("</strong></p>")
		}
	}
	w.WriteString("\n\n")
	if err := main(w, d); err != nil {
		return err
	}
	w.WriteString("\n<p class=\"print-url\">")
	w.text(r.abs(d.URL))
	w.WriteString("</p>\n</main>\n")
	w.html(r.once(footerKey(d), "partials/footer.html", d))
	w.WriteString("\n</body>\n</html>\n")
	return w.err
}

// releaseMain is the main block of release.html.
func (r *Renderer) releaseMain(w *writer, d *Data) error {
	p := d.Page
	w.WriteString("\n<article class=\"release h-entry\">\n  <header class=\"article-header\">\n    <p class=\"kicker\">")
	if len(p.Orgs) > 1 {
		w.text(r.t("jointRelease"))
	} else {
		w.text(r.t("release"))
	}
	w.WriteString("</p>\n    <h1>")
	w.text(p.Title)
	w.WriteString("</h1>\n    <p class=\"article-meta\">\n      ")
	r.time(w, p.Released())
	r.issuers(w, p.Orgs)
	w.WriteString("\n    </p>")
	if !p.Updated.IsZero() && p.Updated.After(p.Date) {
		w.WriteString("\n    <p class=\"updated\"><strong>")
		w.text(r.t("updated"))
		w.WriteString(" ")
		r.time(w, p.Updated)
		w.WriteString("</strong>")
		if p.Correction != "" {
			w.WriteString(" – ")
			w.text(r.t("correction"))
			w.WriteString(" ")
			w.text(p.Correction)
		}
		w.WriteString("</p>")
	}
	w.WriteString("\n  </header>")
	w.html(r.partial("partials/figure.html", p))
	w.WriteString("\n  <div class=\"body\">\n    ")
	r.writeBody(w.Buffer, p)
	w.WriteString("\n  </div>")
	w.html(r.partial("partials/gallery.html", p))
	r.downloads(w, p)
	r.tags(w, p)
	if len(p.Events) > 0 {
		w.html(r.memo("partials/event-links.html", p))
	}
	r.shared(w, p)
	if len(p.Related) > 0 {
		w.WriteString("\n<section class=\"related\" aria-labelledby=\"related\">\n  <h2 id=\"related\">")
		w.text(r.t("related"))
		w.WriteString("</h2>\n  <ul>")
		for _, rel := range p.Related {
			w.WriteString("\n    ")
			w.html(r.memo("partials/related-item.html", rel))
		}
		w.WriteString("\n  </ul>\n</section>")
	}
	w.WriteString("\n")
	r.neighbours(w, p)
	w.WriteString("\n</article>\n")
	return w.err
}

// paperMain is the main block of paper.html.
func (r *Renderer) paperMain(w *writer, d *Data) error {
	p := d.Page
	w.WriteString("\n<article class=\"paper\">\n  <header class=\"article-header\">\n    <p class=\"kicker\">")
	w.text(r.t("paper"))
	w.WriteString("</p>\n    <h1>")
	w.text(p.Title)
	w.WriteString("</h1>\n    <p class=\"article-meta\">\n      ")
	w.text(r.t("asOf"))
	w.WriteString(" ")
	r.time(w, p.Modified())
	r.issuers(w, p.Orgs)
	w.WriteString("\n    </p>")
	if p.Correction != "" {
		w.WriteString("\n    <p class=\"updated\"><strong>")
		w.text(r.t("correction"))
		w.WriteString("</strong> ")
		w.text(p.Correction)
		w.WriteString("</p>")
	}
	if p.Summary != "" {
		w.WriteString("\n    <p class=\"summary\">")
		w.text(p.Summary)
		w.WriteString("</p>")
	}
	w.WriteString("\n  </header>")
	if toc := r.bodies(p).TOC; len(toc) > 0 {
		w.WriteString("\n  <nav class=\"toc\" aria-labelledby=\"toc-title\">\n    <h2 id=\"toc-title\">")
		w.text(r.t("contents"))
		w.WriteString("</h2>\n    <ol>")
		for _, h := range toc {
			w.WriteString("\n      <li class=\"toc-" + strconv.Itoa(h.Level) + "\"><a href=\"#")
			w.text(processURL(h.ID, false))
			w.WriteString("\">")
			w.text(h.Text)
			w.WriteString("</a></li>")
		}
		w.WriteString("\n    </ol>\n  </nav>")
	}
	r.downloads(w, p)
	w.WriteString("\n  <div class=\"body\">\n    ")
	r.writeBody(w.Buffer, p)
	w.WriteString("\n  </div>")
	r.tags(w, p)
	r.shared(w, p)
	r.neighbours(w, p)
	w.WriteString("\n</article>\n")
	return w.err
}

// iso formats an instant for <time datetime>.
func (r *Renderer) iso(t time.Time) string { return t.In(r.cfg.Location).Format(time.RFC3339) }

// issuers writes the links to the issuing organisations.
func (r *Renderer) issuers(w *writer, orgs []*site.Term) {
	if len(orgs) == 0 {
		return
	}
	w.WriteString(" · <span class=\"issuers\">")
	for i, o := range orgs {
		if i > 0 {
			w.WriteString(" · ")
		}
		w.link(r.rel(o.URL), o.Name)
	}
	w.WriteString("</span>")
}

// downloads is partials/downloads.html.
func (r *Renderer) downloads(w *writer, p *site.Page) {
	if len(p.Attachments) > 0 {
		w.WriteString("\n<section class=\"downloads\" aria-labelledby=\"downloads\">\n  <h2 id=\"downloads\">")
		w.text(r.t("downloads"))
		w.WriteString("</h2>\n  <ul>")
		for _, a := range p.Attachments {
			w.WriteString("\n    <li><a href=\"")
			w.url(fileURL(a.File))
			w.WriteString("\" download type=\"")
			w.text(a.Type)
			w.WriteString("\">")
			w.text(a.Title)
			w.WriteString("</a> <span class=\"filemeta\">(")
			w.text(fileType(a.Type))
			w.WriteString(", ")
			w.text(r.size(a.Size))
			w.WriteString(")</span></li>")
		}
		w.WriteString("\n  </ul>\n</section>")
	}
	w.WriteString("\n")
}

// tags is partials/tags.html.
func (r *Renderer) tags(w *writer, p *site.Page) {
	if len(p.Tags) > 0 {
		w.WriteString("\n<p class=\"tags\"><span>")
		w.text(r.t("tags"))
		w.WriteString(":</span>")
		for i, t := range p.Tags {
			if i > 0 {
				w.WriteString(",")
			}
			w.WriteString(" ")
			w.link(r.rel(t.URL), t.Name)
		}
		w.WriteString("\n</p>")
	}
	w.WriteString("\n")
}

// shared writes the contacts and the boilerplate of the issuers, which
// many pages share.
func (r *Renderer) shared(w *writer, p *site.Page) {
	key, err := ids(p.Contacts)
	w.html("", err)
	w.html(r.once(key, "partials/contacts.html", p))
	key, err = ids(p.Orgs)
	w.html("", err)
	w.html(r.once(key, "partials/about.html", p))
}

// neighbours is partials/neighbours.html.
func (r *Renderer) neighbours(w *writer, p *site.Page) {
	if p.Prev != nil || p.Next != nil {
		w.WriteString("\n<nav class=\"neighbours\" aria-label=\"")
		if p.Kind == config.KindRelease {
			w.text(r.t("releases"))
		} else {
			w.text(r.t("papers"))
		}
		w.WriteString("\">\n  <ul>")
		link := func(q *site.Page, class, release, other string) {
			w.WriteString("\n    <li class=\"" + class + "\"><span>")
			if q.Kind == config.KindRelease {
				w.text(r.t(release))
			} else {
				w.text(r.t(other))
			}
			w.WriteString("</span> <a href=\"")
			w.url(r.rel(q.URL))
			w.WriteString("\" rel=\"" + class + "\">")
			w.text(q.Title)
			w.WriteString("</a></li>")
		}
		if p.Prev != nil {
			link(p.Prev, "prev", "previousRelease", "previous")
		}
		if p.Next != nil {
			link(p.Next, "next", "nextRelease", "next")
		}
		w.WriteString("\n  </ul>\n</nav>")
	}
	w.WriteString("\n")
}

// listMain is the main block of list.html.
func (r *Renderer) listMain(w *writer, d *Data) error {
	w.WriteString("\n<header class=\"list-header\">")
	switch d.Kind {
	case "tag":
		w.WriteString("<p class=\"kicker\">")
		w.text(r.t("tag"))
		w.WriteString("</p>")
	case "org":
		w.WriteString("<p class=\"kicker\">")
		w.text(r.t("organization"))
		w.WriteString("</p>")
	}
	w.WriteString("\n  <h1>")
	w.text(d.Title)
	w.WriteString("</h1>")
	if d.Term != nil && d.Term.Org != nil {
		o := d.Term.Org
		if o.About != "" {
			w.WriteString("\n  <div class=\"about\">")
			w.WriteString(string(r.about[o.ID]))
			w.WriteString("</div>")
		}
		if o.URL != "" {
			w.WriteString("<p><a href=\"")
			w.url(o.URL)
			w.WriteString("\">")
			w.text(r.t("website"))
			w.WriteString(": ")
			w.text(o.URL)
			w.WriteString("</a></p>")
		}
	}
	if len(d.Feeds) > 0 {
		w.WriteString("\n  <p class=\"feeds\">")
		w.text(r.t("subscribe"))
		w.WriteString(":")
		for i, f := range d.Feeds {
			if i > 0 {
				w.WriteString(",")
			}
			w.WriteString(" <a href=\"")
			w.url(r.rel(f.URL))
			w.WriteString("\" type=\"")
			w.text(f.Type)
			w.WriteString("\">")
			w.text(f.Label)
			w.WriteString("</a>")
		}
		w.WriteString("</p>")
	}
	if d.Term != nil && r.hasCalendar(d.Term) {
		w.html(r.partial("partials/calendar-links.html", r.calendarURL(d.Term.URL)))
	}
	w.WriteString("\n</header>")
	if len(d.Events) > 0 {
		w.WriteString("\n<section class=\"events\" aria-labelledby=\"upcoming-events\">\n  <h2 id=\"upcoming-events\">")
		w.text(r.t("upcomingEvents"))
		w.WriteString("</h2>\n  ")
		w.html(r.partial("partials/events.html", d.Events))
		w.WriteString("\n</section>")
	}
	if d.Section != nil && (d.Kind == "section" || d.Kind == "year") {
		w.html(r.once(yearsKey(d), "partials/years.html", d))
	}
	w.WriteString("\n<section class=\"entries\" aria-labelledby=\"entries-title\">\n  <h2 id=\"entries-title\" class=\"visually-hidden\">")
	w.text(r.t("entries"))
	w.WriteString("</h2>")
	for _, p := range d.Entries {
		w.WriteString("\n  ")
		w.html(r.memo("partials/entry.html", p))
	}
	if len(d.Entries) == 0 {
		w.WriteString("\n  <p>")
		w.text(r.t("noEntries"))
		w.WriteString("</p>")
	}
	w.WriteString("\n</section>\n")
	if p := d.Pager; p != nil && p.Total > 1 {
		w.WriteString("\n<nav class=\"pager\" aria-label=\"")
		w.text(r.t("pagination"))
		w.WriteString("\">\n  <p class=\"pager-status\">")
		w.text(fmt.Sprintf(r.t("pageOf"), p.Number, p.Total))
		w.WriteString("</p>\n  <ul>")
		w.WriteString(string(r.pagerItems(p)))
		w.WriteString("\n  </ul>\n</nav>")
	}
	w.WriteString("\n\n")
	return w.err
}

// entry is partials/entry.html.
func (r *Renderer) entry(w *writer, p *site.Page) {
	w.WriteString("<article class=\"entry\">\n  <h3 class=\"entry-title\">")
	w.link(r.rel(p.URL), p.Title)
	w.WriteString("</h3>\n  <p class=\"entry-meta\">")
	if !p.Date.IsZero() {
		r.time(w, p.Released())
	}
	if p.Kind == config.KindPaper {
		w.WriteString(" · ")
		w.text(r.t("paper"))
	}
	if p.Event != nil {
		w.WriteString(" · ")
		w.text(r.t("event"))
		w.WriteString(": ")
		w.text(r.eventWhen(p.Event))
	}
	for i, o := range p.Orgs {
		if i == 0 {
			w.WriteString(" · ")
		} else {
			w.WriteString(", ")
		}
		w.text(o.Name)
	}
	if p.Draft {
		w.WriteString(" · <strong class=\"status\">")
		w.text(r.t("draft"))
		w.WriteString("</strong>")
	} else if p.Embargoed {
		w.WriteString(" · <strong class=\"status\">")
		w.text(fmt.Sprintf(r.t("embargoNote"), r.datetime(p.Released())))
		w.WriteString("</strong>")
	}
	w.WriteString("\n  </p>")
	if s := r.summary(p); s != "" {
		w.WriteString("\n  <p class=\"entry-summary\">")
		w.text(s)
		w.WriteString("</p>")
	}
	w.WriteString("\n</article>\n")
}

// relatedItem is partials/related-item.html.
func (r *Renderer) relatedItem(w *writer, p *site.Page) {
	w.WriteString("<li>")
	w.link(r.rel(p.URL), p.Title)
	w.WriteString(" <span class=\"entry-meta\">(")
	r.time(w, p.Released())
	w.WriteString(")</span></li>")
}
