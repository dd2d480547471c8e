package render

import (
	"encoding/json"
	"html/template"
	"net/url"
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
