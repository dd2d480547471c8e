package render

import (
	"encoding/json"
	"html/template"
	"net/url"
	"strconv"
	"strings"
	"time"

	"pressroom/internal/config"
	"pressroom/internal/site"
)

// schema describes a release or paper for schema.org JSON-LD: a
// NewsArticle or a Report with its dates, its issuing organisations as
// authors and the site's organisation as publisher. Other pages get nil.
func (r *Renderer) schema(p *site.Page) map[string]any {
	var typ string
	switch p.Kind {
	case config.KindRelease:
		typ = "NewsArticle"
	case config.KindPaper:
		typ = "Report"
	default:
		return nil
	}
	iso := func(t time.Time) string { return t.In(r.cfg.Location).Format(time.RFC3339) }
	published, modified := p.Released(), p.Modified()
	if modified.Before(published) {
		modified = published
	}
	page := r.abs(p.URL)
	authors := make([]any, 0, len(p.Orgs))
	for _, o := range p.Orgs {
		authors = append(authors, r.schemaOrg(o))
	}
	publisher := map[string]any{"@type": "Organization", "name": r.cfg.Title, "url": r.abs("/")}
	for _, o := range r.cfg.Organizations {
		if o.ID == r.cfg.DefaultOrganization {
			publisher = r.schemaOrg(o)
		}
	}
	ld := map[string]any{
		"@context":         "https://schema.org",
		"@type":            typ,
		"headline":         p.Title,
		"url":              page,
		"mainEntityOfPage": page,
		"datePublished":    iso(published),
		"dateModified":     iso(modified),
		"inLanguage":       r.cfg.Language,
		"author":           authors,
		"publisher":        publisher,
	}
	if s := p.Summary(); s != "" {
		ld["description"] = s
	}
	if p.Image != "" {
		ld["image"] = resolve(page, p.Image)
	}
	if p.Place != "" && p.Kind == config.KindRelease {
		ld["dateline"] = p.Place
	}
	if len(p.Tags) > 0 {
		names := make([]string, len(p.Tags))
		for i, t := range p.Tags {
			names[i] = t.Name
		}
		ld["keywords"] = strings.Join(names, ", ")
	}
	return ld
}

// schemaOrg is an organisation for JSON-LD: its website, or its page here.
func (r *Renderer) schemaOrg(o *config.Organization) map[string]any {
	u := o.URL
	if u == "" {
		u = r.abs("/" + r.cfg.Paths.Organizations + "/" + o.ID + "/")
	}
	return map[string]any{"@type": "Organization", "name": o.Name, "url": u}
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
	var b strings.Builder
	tag := func(attr, name, content string) {
		b.WriteString("\n<meta " + attr + `="` + name + `" content="` + template.HTMLEscapeString(content) + `">`)
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
	if s := p.Summary(); s != "" {
		tag("property", "og:description", s)
	}
	if !p.Date.IsZero() {
		published, modified := p.Released(), p.Modified()
		if modified.Before(published) {
			modified = published
		}
		tag("property", "article:published_time", published.In(r.cfg.Location).Format(time.RFC3339))
		tag("property", "article:modified_time", modified.In(r.cfg.Location).Format(time.RFC3339))
	}
	if p.Image != "" {
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
	if ld := r.schema(p); ld != nil {
		js, err := jsonScript(ld)
		if err != nil {
			return "", err
		}
		b.WriteString("\n<script type=\"application/ld+json\">" + string(js) + "</script>")
	}
	return template.HTML(b.String()), nil
}
