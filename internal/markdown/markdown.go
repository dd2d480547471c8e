// Package markdown is the one configured goldmark of pressroom: body ->
// HTML, table of contents and lead paragraph. It knows no site: links are
// resolved through a function the caller passes.
package markdown

import (
	"bytes"
	"strconv"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"pressroom/internal/chars"
	"pressroom/internal/slug"
)

// Options configure the renderer.
type Options struct {
	Unsafe   bool   // pass raw HTML through
	Language string // "de" gives German typographic quotes
	// ReservedIDs are ids the page around a body has already, which no
	// heading gets; nil means ThemeIDs.
	ReservedIDs []string
}

// ThemeIDs are the ids the default theme's templates give elements
// (TestThemeIDsAreReserved keeps the list complete).
var ThemeIDs = []string{"downloads", "entries-title", "event-links", "event-releases", "inhalt", "kontakt-downloads", "kopf-suche", "latest-papers", "latest-releases",
	"past-events", "photos", "pressekontakt", "related", "suche", "suche-ergebnisse", "suche-hilfe", "suche-jahr", "suche-mehr", "suche-org",
	"suche-q", "suche-rubrik", "suche-status", "suche-thema", "suche-treffer", "toc-title", "topics", "upcoming-events"}

// Renderer converts Markdown. It is safe for concurrent use.
type Renderer struct {
	md         goldmark.Markdown
	buffers    sync.Pool // of *bufWriter
	reserved   []string
	tableOpen  []byte // wrapper that lets a wide table scroll on its own
	tableClose []byte
}

// Heading is an entry of the table of contents.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Link is a link or image destination found in the body.
type Link struct {
	Dest string
	Line int // 1-based line within the body
}

// Result is a rendered body.
type Result struct {
	HTML   []byte
	TOC    []Heading // headings of level 2 and 3
	Lead   string    // plain text of the first paragraph
	Broken []Link    // destinations the resolver rejected
}

// Resolver rewrites a link destination; ok=false marks it as broken (it is
// then left as it was).
type Resolver func(dest string) (string, bool)

var resolverKey = parser.NewContextKey()

// New returns a renderer.
func New(o Options) *Renderer {
	subs := map[extension.TypographicPunctuation]string{
		extension.EnDash: "–", extension.EmDash: "—", extension.Ellipsis: "…",
		extension.Apostrophe: "’", extension.LeftAngleQuote: "«", extension.RightAngleQuote: "»",
		extension.LeftDoubleQuote: "“", extension.RightDoubleQuote: "”",
		extension.LeftSingleQuote: "‘", extension.RightSingleQuote: "’",
	}
	if o.Language == "de" {
		subs[extension.LeftDoubleQuote], subs[extension.RightDoubleQuote] = "„", "“"
		subs[extension.LeftSingleQuote], subs[extension.RightSingleQuote] = "‚", "‘"
		subs[extension.LeftAngleQuote], subs[extension.RightAngleQuote] = "»", "«"
	}
	typo := extension.TypographicSubstitutions{}
	for k, v := range subs {
		typo[k] = []byte(v)
	}
	rendererOpts := []goldmark.Option{
		goldmark.WithExtensions(extension.GFM, extension.Footnote,
			extension.NewTypographer(extension.WithTypographicSubstitutions(typo))),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(linkTransformer{}, 100), util.Prioritized(quoteTransformer{}, 200))),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(&textRenderer{html.NewConfig()}, 100))),
	}
	if o.Unsafe {
		rendererOpts = append(rendererOpts, goldmark.WithRendererOptions(html.WithUnsafe()))
	}
	label := "Table"
	if o.Language == "de" {
		label = "Tabelle"
	}
	reserved := o.ReservedIDs
	if reserved == nil {
		reserved = ThemeIDs
	}
	return &Renderer{md: goldmark.New(rendererOpts...), reserved: reserved, buffers: sync.Pool{New: func() any { return new(bufWriter) }},
		tableOpen:  []byte(`<div class="table-scroll" tabindex="0" role="region" aria-label="` + label + `">` + "\n<table>"),
		tableClose: []byte("</table>\n</div>")}
}

type resolveState struct {
	resolve Resolver
	broken  []Link
}

// Render converts src. resolve may be nil.
func (r *Renderer) Render(src []byte, resolve Resolver) (Result, error) {
	return r.convert(src, resolve, true)
}

// Check parses src as Render does, with links resolved, but makes no HTML:
// for checking a site.
func (r *Renderer) Check(src []byte, resolve Resolver) (Result, error) {
	return r.convert(src, resolve, false)
}

// MayLinkWithin reports whether src may hold a link or an image to a
// destination without a URL scheme (such as https: or mailto:), that is,
// within the site. Every inline link has a "](" and every link reference
// definition a "]:" before its destination; a footnote's "[^label]:" is no
// definition. When it says no, resolving the links of src can fail for
// none, and checking src needs no parsing.
func MayLinkWithin(src []byte) bool {
	for i := 0; i < len(src); {
		k := bytes.IndexByte(src[i:], ']')
		if k < 0 || i+k+1 >= len(src) {
			return false
		}
		end := i + k
		i = end + 1
		switch src[i] {
		case '(':
		case ':':
			start := bytes.LastIndexByte(src[:end], '[')
			if start >= 0 && (start == 0 || src[start-1] != '\\') && footnoteLabel(src[start+1:end]) {
				continue
			}
		default:
			continue
		}
		if !hasScheme(src[i+1:]) {
			return true
		}
	}
	return false
}

// hasScheme tells whether the destination at the start of s, after blanks,
// up to one line break and a "<", begins with a URL scheme.
func hasScheme(s []byte) bool {
	s = bytes.TrimLeft(s, " \t")
	if len(s) > 0 && s[0] == '\n' {
		s = bytes.TrimLeft(s[1:], " \t")
	}
	if len(s) > 0 && s[0] == '<' {
		s = s[1:]
	}
	for j, c := range s {
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		case j > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		case j > 0 && c == ':':
			return true
		default:
			return false
		}
	}
	return false
}

// footnoteLabel tells whether l, between "[" and "]:", makes a footnote
// definition, which goldmark's footnote extension takes before a link
// reference definition could: "^" and a label on the same line.
func footnoteLabel(l []byte) bool {
	return len(l) > 1 && len(l) < 500 && l[0] == '^' && !bytes.ContainsAny(l, "\n\r\\") &&
		len(bytes.TrimSpace(l[1:])) > 0
}

func (r *Renderer) convert(src []byte, resolve Resolver, html bool) (Result, error) {
	ids := &headingIDs{seen: make(map[string]int, len(r.reserved))}
	for _, id := range r.reserved {
		ids.seen[id] = 1
	}
	ctx := parser.NewContext(parser.WithIDs(ids))
	state := &resolveState{resolve: resolve}
	ctx.Set(resolverKey, state)
	doc := r.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	var res Result
	if html {
		if err := r.html(&res, src, doc); err != nil {
			return res, err
		}
	}
	res.Broken = state.broken
	r.outline(&res, src, doc)
	return res, nil
}

func (r *Renderer) html(res *Result, src []byte, doc ast.Node) error {
	buf := r.buffers.Get().(*bufWriter)
	defer r.buffers.Put(buf)
	buf.Reset()
	if err := r.md.Renderer().Render(buf, src, doc); err != nil {
		return err
	}
	// The source is clean of unwanted characters (content cleans it), but
	// a numeric character reference such as &#11; makes them anew.
	res.HTML = buf.Bytes()
	if bytes.Contains(src, []byte("&#")) {
		res.HTML = chars.Drop(res.HTML, nil)
	}
	if bytes.Contains(res.HTML, []byte("<table>")) {
		res.HTML = bytes.ReplaceAll(res.HTML, []byte("<table>"), r.tableOpen)
		res.HTML = bytes.ReplaceAll(res.HTML, []byte("</table>"), r.tableClose)
	} else {
		// Exactly as long as needed: bodies are kept for the whole build.
		res.HTML = bytes.Clone(res.HTML)
	}
	return nil
}

// bufWriter lets goldmark write into a bytes.Buffer directly, rather than
// through a bufio.Writer of its own.
type bufWriter struct{ bytes.Buffer }

var _ util.BufWriter = (*bufWriter)(nil)

func (*bufWriter) Flush() error    { return nil }
func (b *bufWriter) Buffered() int { return 0 }

// outline finds the table of contents and the lead paragraph.
func (r *Renderer) outline(res *Result, src []byte, doc ast.Node) {
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Heading:
			if n.Level == 2 || n.Level == 3 {
				id, _ := n.AttributeString("id")
				idb, _ := id.([]byte)
				res.TOC = append(res.TOC, Heading{Level: n.Level, ID: string(idb), Text: plainText(n, src)})
			}
		case *ast.Paragraph:
			if res.Lead == "" {
				res.Lead = plainText(n, src)
			}
		}
	}
}

// plainText returns the text of a node and its children, without markup.
func plainText(n ast.Node, src []byte) string {
	var b bytes.Buffer
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.CodeSpan:
			for cc := t.FirstChild(); cc != nil; cc = cc.NextSibling() {
				if tt, ok := cc.(*ast.Text); ok {
					b.Write(tt.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return string(bytes.TrimSpace(b.Bytes()))
}

// headingIDs makes heading IDs with the slug rules of URLs, unique per
// page: none is one of the page's reserved ids or another heading's; the
// second "Downloads" gets "downloads-1" (and "downloads-2" if a heading
// "Downloads 1" came first).
type headingIDs struct{ seen map[string]int }

func (h *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	base := slug.Make(string(value))
	if base == "" {
		base = "abschnitt"
	}
	id := base
	for n := h.seen[base]; h.seen[id] > 0; n++ {
		id = base + "-" + strconv.Itoa(n)
		h.seen[base] = n + 1
	}
	h.seen[id]++
	return []byte(id)
}

func (h *headingIDs) Put(value []byte) { h.seen[string(value)]++ }

// linkTransformer passes link and image destinations through the resolver.
type linkTransformer struct{}

func (linkTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	state, _ := pc.Get(resolverKey).(*resolveState)
	if state == nil || state.resolve == nil {
		return
	}
	src := reader.Source()
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest *[]byte
		switch l := n.(type) {
		case *ast.Link:
			dest = &l.Destination
		case *ast.Image:
			dest = &l.Destination
		default:
			return ast.WalkContinue, nil
		}
		if out, ok := state.resolve(string(*dest)); ok {
			*dest = []byte(out)
		} else {
			state.broken = append(state.broken, Link{Dest: string(*dest), Line: lineOf(n, src)})
		}
		return ast.WalkContinue, nil
	})
}

// lineOf returns the body line of an inline node: that of its first text,
// else of its block.
func lineOf(n ast.Node, src []byte) int {
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			return bytes.Count(src[:t.Segment.Start], []byte("\n")) + 1
		}
	}
	for b := n.Parent(); b != nil; b = b.Parent() {
		if b.Type() == ast.TypeBlock && b.Lines().Len() > 0 {
			return bytes.Count(src[:b.Lines().At(0).Start], []byte("\n")) + 1
		}
	}
	return 1
}
