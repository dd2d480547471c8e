package render

import (
	"encoding/json"
	"html/template"
	"net/url"
	"strings"

	"pressroom/internal/config"
	"pressroom/internal/site"
)

// Schema is a schema.org description in JSON-LD (partials/meta.html
// writes it with json). The fields are in the order of their names, as
// encoding/json would write a map.
type Schema struct {
	Context          string      `json:"@context"`
	Type             string      `json:"@type"`
	Author           []SchemaOrg `json:"author"`
	DateModified     string      `json:"dateModified"`
	DatePublished    string      `json:"datePublished"`
	Dateline         string      `json:"dateline,omitempty"`
	Description      string      `json:"description,omitempty"`
	Headline         string      `json:"headline"`
	Image            any         `json:"image,omitempty"` // a URL, or the photos as []ldImage
	InLanguage       string      `json:"inLanguage"`
	Keywords         string      `json:"keywords,omitempty"`
	MainEntityOfPage string      `json:"mainEntityOfPage"`
	Publisher        SchemaOrg   `json:"publisher"`
	URL              string      `json:"url"`
}

// SchemaOrg is an organisation in a Schema.
type SchemaOrg struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url"`
}

// schema describes a release or paper for schema.org JSON-LD: a
// NewsArticle or a Report with its dates, its issuing organisations as
// authors and the site's organisation as publisher. Other pages get nil.
func (r *Renderer) schema(p *site.Page) *Schema {
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
	d := &Schema{Context: "https://schema.org", Type: typ, Headline: p.Title, URL: page, MainEntityOfPage: page,
		DatePublished: r.iso(published), DateModified: r.iso(modified), InLanguage: r.cfg.Language,
		Author:      make([]SchemaOrg, 0, len(p.Orgs)),
		Publisher:   SchemaOrg{Type: "Organization", Name: r.cfg.Title, URL: r.abs("/")},
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
func (r *Renderer) schemaOrg(t *site.Term) SchemaOrg {
	u := t.Org.URL
	if u == "" {
		u = r.abs(t.URL)
	}
	return SchemaOrg{Type: "Organization", Name: t.Org.Name, URL: u}
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
