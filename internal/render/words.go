package render

import (
	"time"

	"pressroom/internal/config"
	"pressroom/internal/site"
)

// Words is what the default theme writes of a site in words, for outputs
// made outside the templates (the e-mail edition): the UI strings, dates,
// file sizes and types, and a release's body with its dateline, each as
// the pages show it.
type Words struct{ r *Renderer }

// WordsOf returns the words of the site configured by cfg, with the
// rendered bodies of its pages from bodies.
func WordsOf(cfg *config.Site, bodies func(*site.Page) Body) Words {
	return Words{&Renderer{cfg: cfg, bodies: bodies}}
}

// T is the UI string of key ([strings] of site.toml, else the language's).
func (w Words) T(key string) string { return w.r.t(key) }

// Date is a date as pages show it: "12. März 2026".
func (w Words) Date(t time.Time) string { return w.r.date(t) }

// DateTime is an instant as pages show it: "12. März 2026, 10:00 Uhr".
func (w Words) DateTime(t time.Time) string { return w.r.datetime(t) }

// Size is a file size: "1,2 MB".
func (w Words) Size(n int64) string { return w.r.size(n) }

// FileType names a MIME type the way readers know it: "PDF".
func (w Words) FileType(mime string) string { return fileType(mime) }

// Body is the page's rendered HTML with the dateline of a release, as on
// its page.
func (w Words) Body(p *site.Page) string { return string(w.r.body(p)) }

// FileURL is the relative URL of a file beside a page, each segment
// escaped.
func (w Words) FileURL(name string) string { return fileURL(name) }
