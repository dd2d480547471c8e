package render

import (
	"strings"
	"time"

	"pressroom/internal/site"
)

// Deps takes what an output is made from, as the plan declares it for
// each output (see job.deps): texts, numbers, instants, pages as every
// output shows them (file, body, URL, status), and parts that many outputs
// share, declared once by name. What is made of the declarations (the
// keys of the incremental build) is not render's business: see
// internal/incr.
type Deps interface {
	Str(string) Deps
	Num(uint64) Deps
	Time(time.Time) Deps
	Flag(bool) Deps
	Page(*site.Page) Deps // nil: no page
	Pages([]*site.Page) Deps
	// Shared adds the part name, which add declares; it is the same for
	// every output of a render, and declared once.
	Shared(name string, add func(Deps)) Deps
}

// Output is one output of the plan that Render makes, with what it is
// made from.
type Output struct {
	Name string // path in the output
	Deps func(Deps)
}

// Outputs lists the outputs that Render makes, in the order Render takes
// its unchanged flags in: every output of the plan but the files copied
// as they are (see Files) and the theme's assets.
func (r *Renderer) Outputs() []Output {
	out := make([]Output, len(r.made))
	for i, j := range r.made {
		out[i] = Output{Name: r.jobs[j].name, Deps: r.jobs[j].deps}
	}
	return out
}

// global declares what every HTML page shows of the whole site:
// navigation and footer.
func (r *Renderer) global(d Deps) {
	for _, sec := range r.site.Sections {
		d.Str(sec.Name).Str(sec.Title).Flag(len(sec.Years) > 0)
	}
	d.Flag(len(r.site.Tags) > 0).Flag(len(r.site.Orgs) > 0).Str(r.view.SearchURL).Str(r.view.ContactsURL)
	d.Pages(r.site.Plain)
	for _, p := range r.site.Plain {
		d.Str(p.Title)
	}
}

// unknownReads tells whether an output of template tmpl may show anything
// of the model: a template of the site's own, or any page with a partial
// or baseof of the site's own.
func (r *Renderer) unknownReads(tmpl string) bool {
	return r.unknown[tmpl] || r.unknownAll && strings.HasSuffix(tmpl, ".html") || r.texts[tmpl] != nil
}

// whole declares everything a template can reach of the model: every
// published page (its file, body, files, URL, status). Outputs of
// templates whose reads are not known depend on it: any change of the
// model makes them again.
func (r *Renderer) whole(d Deps) {
	d.Pages(r.site.Pages)
	for _, p := range r.site.Pages {
		d.Str(p.Path)
	}
}
