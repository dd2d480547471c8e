package render

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"

	"pressroom/internal/site"
)

//go:generate go run -tags nodirect ./gen -layouts ../../layouts -o direct_gen.go

// The default theme's release, paper and list pages, with baseof.html
// and the partials they include, and the partials that memo renders for a
// page (entry, related-item) are also Go functions, in direct_gen.go,
// which internal/render/gen generates from the templates' escaped parse
// trees: they are most of a site, and html/template spends some 3 µs of
// reflection on each of a page's 150 actions. A site that changes one of
// the templates a function stands for gets its templates executed as
// usual; the partials a page shares with others (header, footer,
// contacts, boilerplate, feed links, year links) go through once, so they
// may be changed freely. TestDirectEqualsTemplates checks that both make
// the same bytes.

// genPage is a page written in Go: the templates it stands for, and the
// function that writes it.
type genPage struct {
	name      string
	templates []string
	write     func(*Renderer, *writer, *Data)
}

// genPartial is a partial for memo written in Go.
type genPartial struct {
	name      string
	templates []string
	write     func(*Renderer, *writer, *site.Page)
}

// setDirect picks the Go functions that may render pages and partials in
// place of the templates: those whose templates are all the default ones.
func (r *Renderer) setDirect() {
	r.direct = map[string]func(*Renderer, *writer, *Data){}
	r.directPartials = map[string]func(*Renderer, *writer, *site.Page){}
	builtin := func(templates []string) bool {
		for _, t := range templates {
			if !r.builtin[t] {
				return false
			}
		}
		return true
	}
	for _, g := range genPages {
		if builtin(g.templates) {
			r.direct[g.name] = g.write
		}
	}
	for _, g := range genPartials {
		if builtin(g.templates) {
			r.directPartials[g.name] = g.write
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
func (w *writer) url(s string) { w.text(processURL(urlFilter(s), true)) }

// urlFilter refuses a URL of another scheme than http, https and mailto,
// as html/template does.
func urlFilter(s string) string {
	if protocol, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(protocol, "/") &&
		!strings.EqualFold(protocol, "http") && !strings.EqualFold(protocol, "https") && !strings.EqualFold(protocol, "mailto") {
		return "#ZgotmplZ"
	}
	return s
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

// keep keeps the first error.
func (w *writer) keep(err error) {
	if err != nil && w.err == nil {
		w.err = err
	}
}

// keepString, keepHTML and keepJS keep the error of a template function
// and return its value: the generated code goes on and returns the first
// error at the end.
func (w *writer) keepString(s string, err error) string { w.keep(err); return s }

func (w *writer) keepHTML(h template.HTML, err error) template.HTML { w.keep(err); return h }

func (w *writer) keepJS(j template.JS, err error) template.JS { w.keep(err); return j }

// writeContent writes the body of a single page: .Content of the
// templates, which the Go pages do not copy (pageData).
func (r *Renderer) writeContent(w *writer, d *Data) {
	if d.Content == "" && d.Page != nil {
		r.writeBody(w.Buffer, d.Page)
		return
	}
	w.WriteString(string(d.Content))
}

// page writes a page with the Go function of its template.
func (r *Renderer) page(buf *bytes.Buffer, d *Data, write func(*Renderer, *writer, *Data)) error {
	w := &writer{Buffer: buf}
	write(r, w, d)
	return w.err
}
