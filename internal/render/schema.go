package render

import (
	"bytes"
	"encoding/json"
	"html/template"
	"net/url"
	"strconv"
	"strings"

	"pressroom/internal/config"
	"pressroom/internal/site"
)

// ld is a schema.org description in JSON-LD. The fields are in the order
// of their names, as encoding/json would write a map.
type ld struct {
	Context          string  `json:"@context"`
	Type             string  `json:"@type"`
	Author           []ldOrg `json:"author"`
	DateModified     string  `json:"dateModified"`
	DatePublished    string  `json:"datePublished"`
	Dateline         string  `json:"dateline,omitempty"`
	Description      string  `json:"description,omitempty"`
	Headline         string  `json:"headline"`
	Image            any     `json:"image,omitempty"` // a URL, or the photos as []ldImage
	InLanguage       string  `json:"inLanguage"`
	Keywords         string  `json:"keywords,omitempty"`
	MainEntityOfPage string  `json:"mainEntityOfPage"`
	Publisher        ldOrg   `json:"publisher"`
	URL              string  `json:"url"`
}

type ldOrg struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url"`
}

// schema describes a release or paper for schema.org JSON-LD: a
// NewsArticle or a Report with its dates, its issuing organisations as
// authors and the site's organisation as publisher. Other pages get nil.
func (r *Renderer) schema(p *site.Page) *ld {
	var typ string
	switch p.Kind {
	case config.KindRelease:
		typ = "NewsArticle"
	case config.KindPaper:
		typ = "Report"
	default:
		return nil
	}
	published, modified := p.Released(), p.Modified()
	if modified.Before(published) {
		modified = published
	}
	page := r.abs(p.URL)
	d := &ld{Context: "https://schema.org", Type: typ, Headline: p.Title, URL: page, MainEntityOfPage: page,
		DatePublished: r.iso(published), DateModified: r.iso(modified), InLanguage: r.cfg.Language,
		Author:      make([]ldOrg, 0, len(p.Orgs)),
		Publisher:   ldOrg{Type: "Organization", Name: r.cfg.Title, URL: r.abs("/")},
		Description: r.summary(p)}
	for _, o := range p.Orgs {
		d.Author = append(d.Author, r.schemaOrg(o))
	}
	for _, o := range r.site.Orgs {
		if o.Org.ID == r.cfg.DefaultOrganization {
			d.Publisher = r.schemaOrg(o)
		}
	}
	if p.Image != "" {
		d.Image = resolve(page, p.Image)
	}
	if imgs := r.schemaImages(p, page); len(imgs) > 0 {
		d.Image = imgs
	}
	if p.Kind == config.KindRelease {
		d.Dateline = p.Place
	}
	names := make([]string, len(p.Tags))
	for i, t := range p.Tags {
		names[i] = t.Name
	}
	d.Keywords = strings.Join(names, ", ")
	return d
}

// schemaOrg is an organisation for JSON-LD: its website, or its page here.
func (r *Renderer) schemaOrg(t *site.Term) ldOrg {
	u := t.Org.URL
	if u == "" {
		u = r.abs(t.URL)
	}
	return ldOrg{Type: "Organization", Name: t.Org.Name, URL: u}
}

// jsonScript writes v as JSON for a <script type="application/ld+json">
// element. encoding/json escapes <, > and & (as \u003c and so on), so no
// text in v can end the element early.
func jsonScript(v any) (template.JS, error) {
	b, err := json.Marshal(v)
	return template.JS(b), err
}

// resolve makes ref, a file beside a page, absolute against the page's
// absolute URL, as feeds do with attachments and images.
func resolve(base, ref string) string {
	b, err := url.Parse(base)
	if err != nil {
		return ref
	}
	return b.ResolveReference(&url.URL{Path: ref}).String()
}

// socialMeta writes the meta elements of a single page for link previews
// (Open Graph, Twitter cards) and its schema.org JSON-LD: in Go rather than
// in a template, as every page has them.
func (r *Renderer) socialMeta(p *site.Page) (template.HTML, error) {
	var b bytes.Buffer
	err := r.writeSocialMeta(&writer{Buffer: &b}, p)
	return template.HTML(b.String()), err
}

func (r *Renderer) writeSocialMeta(w *writer, p *site.Page) error {
	tag := func(attr, name, content string) {
		w.WriteString("\n<meta " + attr + `="` + name + `" content="`)
		w.text(content)
		w.WriteString(`">`)
	}
	page := r.abs(p.URL)
	tag("property", "og:type", "article")
	tag("property", "og:title", p.Title)
	tag("property", "og:url", page)
	tag("property", "og:site_name", r.cfg.Title)
	locale := "en_GB"
	if r.cfg.Language == "de" {
		locale = "de_DE"
	}
	tag("property", "og:locale", locale)
	if s := r.summary(p); s != "" {
		tag("property", "og:description", s)
	}
	if !p.Date.IsZero() {
		published, modified := p.Released(), p.Modified()
		if modified.Before(published) {
			modified = published
		}
		tag("property", "article:published_time", r.iso(published))
		tag("property", "article:modified_time", r.iso(modified))
	}
	if f := r.socialFigure(p); f != nil {
		tag("property", "og:image", resolve(page, f.OG))
		tag("property", "og:image:width", strconv.Itoa(f.OGW))
		tag("property", "og:image:height", strconv.Itoa(f.OGH))
		if f.Alt != "" {
			tag("property", "og:image:alt", f.Alt)
			tag("name", "twitter:image:alt", f.Alt)
		}
		tag("name", "twitter:card", "summary_large_image")
	} else if p.Image != "" {
		tag("property", "og:image", resolve(page, p.Image))
		if p.ImageWidth > 0 {
			tag("property", "og:image:width", strconv.Itoa(p.ImageWidth))
			tag("property", "og:image:height", strconv.Itoa(p.ImageHeight))
		}
		if p.ImageAlt != "" {
			tag("property", "og:image:alt", p.ImageAlt)
			tag("name", "twitter:image:alt", p.ImageAlt)
		}
		tag("name", "twitter:card", "summary_large_image")
	} else {
		tag("name", "twitter:card", "summary")
	}
	var d any
	if p.Event != nil {
		d = r.eventSchema(p)
	} else if a := r.schema(p); a != nil {
		d = a
	}
	if d != nil {
		w.WriteString("\n<script type=\"application/ld+json\">")
		// As json.Marshal, which escapes <, > and &: no text can end
		// the element early. Encode adds a line break.
		if err := json.NewEncoder(w.Buffer).Encode(d); err != nil {
			return err
		}
		w.Truncate(w.Len() - 1)
		w.WriteString("</script>")
	}
	return nil
}
