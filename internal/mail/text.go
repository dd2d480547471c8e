package mail

import (
	stdhtml "html"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// width is the length plain-text lines are wrapped at (a line may be
// longer only where a word, such as a URL, is).
const width = 72

// textBuilder collects the blocks of the plain-text part.
type textBuilder struct {
	blocks []string
	items  []string
}

func (t *textBuilder) para(s string) {
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		lines = append(lines, wrap(l, width)...)
	}
	t.blocks = append(t.blocks, strings.Join(lines, "\n"))
}

func (t *textBuilder) heading(s string, under rune) {
	t.blocks = append(t.blocks, s+"\n"+strings.Repeat(string(under), utf8.RuneCountInString(s)))
}

func (t *textBuilder) lines(lines []string) { t.blocks = append(t.blocks, strings.Join(lines, "\n")) }

func (t *textBuilder) rule() { t.blocks = append(t.blocks, strings.Repeat("-", width)) }

// raw adds text already made into blocks (htmlText).
func (t *textBuilder) raw(s string) {
	if s = strings.Trim(s, "\n"); s != "" {
		t.blocks = append(t.blocks, s)
	}
}

// item adds an item of a list ("- " before its first line); endList ends
// the list.
func (t *textBuilder) item(s string) {
	var out []string
	for i, l := range strings.Split(s, "\n") {
		for j, w := range wrap(l, width-2) {
			if i == 0 && j == 0 {
				out = append(out, "- "+w)
			} else {
				out = append(out, "  "+w)
			}
		}
	}
	t.items = append(t.items, strings.Join(out, "\n"))
}

func (t *textBuilder) endList() {
	if len(t.items) > 0 {
		t.blocks = append(t.blocks, strings.Join(t.items, "\n"))
		t.items = nil
	}
}

func (t *textBuilder) String() string { return strings.Join(t.blocks, "\n\n") + "\n" }

// wrap breaks a line at spaces into lines of at most n characters; a word
// longer than n stands alone.
func wrap(s string, n int) []string {
	words := strings.Fields(s)
	if len(words) == 0 {
		return []string{""}
	}
	var lines []string
	cur, curLen := words[0], utf8.RuneCountInString(words[0])
	for _, w := range words[1:] {
		l := utf8.RuneCountInString(w)
		if curLen+1+l > n {
			lines = append(lines, cur)
			cur, curLen = w, l
			continue
		}
		cur += " " + w
		curLen += 1 + l
	}
	return append(lines, cur)
}

// A token of HTML: text, or a tag with its name (lower case), attributes
// and the source it came from.
type token struct {
	text    string // text (entities not decoded), or the tag's source
	tag     string // "" for text
	closing bool
	attrs   map[string]string
}

var attrRE = regexp.MustCompile(`([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?`)

// tokens splits HTML into text, tags and comments (a comment is a tag
// named "!--").
func tokens(s string) []token {
	var out []token
	for len(s) > 0 {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			out = append(out, token{text: s})
			break
		}
		if i > 0 {
			out = append(out, token{text: s[:i]})
			s = s[i:]
		}
		if strings.HasPrefix(s, "<!--") {
			end := strings.Index(s, "-->")
			if end < 0 {
				end = len(s) - 3
			}
			out = append(out, token{text: s[:end+3], tag: "!--"})
			s = s[end+3:]
			continue
		}
		// The end of the tag, not counting a > within quotes.
		end, quote := -1, byte(0)
		for j := 1; j < len(s); j++ {
			c := s[j]
			switch {
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				quote = c
			case c == '>':
				end = j
			}
			if end >= 0 {
				break
			}
		}
		if end < 0 {
			out = append(out, token{text: s})
			break
		}
		src := s[:end+1]
		s = s[end+1:]
		inner := strings.TrimSuffix(strings.TrimSuffix(src[1:len(src)-1], "/"), " ")
		tk := token{text: src}
		if strings.HasPrefix(inner, "/") {
			tk.closing = true
			inner = inner[1:]
		}
		name := inner
		if k := strings.IndexAny(inner, " \t\n\r"); k >= 0 {
			name = inner[:k]
			tk.attrs = map[string]string{}
			for _, m := range attrRE.FindAllStringSubmatch(inner[k:], -1) {
				tk.attrs[strings.ToLower(m[1])] = stdhtml.UnescapeString(m[2] + m[3] + m[4])
			}
		}
		tk.tag = strings.ToLower(name)
		if tk.tag == "" {
			tk.tag = "?"
		}
		out = append(out, tk)
	}
	return out
}

// blockTags end the text before them and begin a block.
var blockTags = map[string]bool{"p": true, "div": true, "section": true, "figure": true, "figcaption": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "ul": true, "ol": true, "li": true,
	"blockquote": true, "pre": true, "table": true, "thead": true, "tbody": true, "tr": true, "dl": true,
	"dt": true, "dd": true, "hr": true, "aside": true, "header": true, "footer": true, "article": true}

// htmlText is the plain text of rendered HTML, in blocks separated by a
// blank line: paragraphs wrapped, headings underlined, list items with "- "
// or their number, quotes with "> ", a link's address after its text, an
// image as its alt text and address. Links within the page at base
// (footnotes) keep their text alone.
func htmlText(h string) string {
	c := &converter{}
	for _, tk := range tokens(h) {
		c.token(tk)
	}
	c.flush()
	var b strings.Builder
	for i, bl := range c.blocks {
		if i > 0 {
			if bl.group != "" && bl.group == c.blocks[i-1].group {
				b.WriteString("\n")
			} else {
				b.WriteString("\n\n")
			}
		}
		b.WriteString(bl.text)
	}
	return b.String()
}

type block struct {
	text  string
	group string // "item" or "row": such blocks follow each other without a blank line
}

type list struct {
	ordered bool
	n       int
}

type link struct {
	href  string
	start int
	skip  bool
}

// hardBreak marks a <br> in the text of a block.
const hardBreak = "\x00"

type converter struct {
	blocks  []block
	cur     strings.Builder
	quote   int
	lists   []list
	marker  string // the marker of the list item whose first line is next
	pre     bool
	heading string
	links   []link
	skip    int // within script, style or a footnote's back link
	cells   int // cells so far in the table row
	inRow   bool
}

func (c *converter) token(tk token) {
	if tk.tag == "" {
		if c.skip > 0 {
			return
		}
		c.cur.WriteString(stdhtml.UnescapeString(tk.text))
		return
	}
	name := tk.tag
	switch name {
	case "script", "style":
		if !tk.closing {
			c.skip++
		} else if c.skip > 0 {
			c.skip--
		}
		return
	}
	if c.skip > 0 && name != "a" {
		return
	}
	if blockTags[name] {
		c.flush()
	}
	switch name {
	case "br":
		c.cur.WriteString(hardBreak)
	case "ul", "ol":
		if tk.closing {
			if len(c.lists) > 0 {
				c.lists = c.lists[:len(c.lists)-1]
			}
		} else {
			n := 0
			if s, err := strconv.Atoi(tk.attrs["start"]); err == nil {
				n = s - 1
			}
			c.lists = append(c.lists, list{ordered: name == "ol", n: n})
		}
	case "li":
		if !tk.closing && len(c.lists) > 0 {
			l := &c.lists[len(c.lists)-1]
			l.n++
			c.marker = "- "
			if l.ordered {
				c.marker = strconv.Itoa(l.n) + ". "
			}
		}
	case "blockquote":
		if tk.closing {
			c.quote = max(0, c.quote-1)
		} else {
			c.quote++
		}
	case "pre":
		c.pre = !tk.closing
	case "h1", "h2", "h3", "h4", "h5", "h6":
		c.heading = ""
		if !tk.closing {
			c.heading = name
		}
	case "hr":
		c.blocks = append(c.blocks, block{text: c.prefix() + "* * *"})
	case "tr":
		c.inRow, c.cells = !tk.closing, 0
	case "td", "th":
		if !tk.closing {
			if c.cells > 0 {
				c.cur.WriteString(" | ")
			}
			c.cells++
		}
	case "sup":
		if tk.closing {
			c.cur.WriteString("]")
		} else {
			c.cur.WriteString("[")
		}
	case "img":
		alt, src := tk.attrs["alt"], tk.attrs["src"]
		if alt != "" {
			c.cur.WriteString("[" + alt + "]")
		}
		if src != "" {
			c.cur.WriteString(" <" + src + ">")
		}
	case "a":
		if !tk.closing {
			skip := strings.Contains(tk.attrs["class"], "footnote-backref")
			c.links = append(c.links, link{href: tk.attrs["href"], start: c.cur.Len(), skip: skip})
			if skip {
				c.skip++
			}
			return
		}
		if len(c.links) == 0 {
			return
		}
		l := c.links[len(c.links)-1]
		c.links = c.links[:len(c.links)-1]
		if l.skip {
			c.skip = max(0, c.skip-1)
			return
		}
		text := strings.TrimSpace(c.cur.String()[min(l.start, c.cur.Len()):])
		href := l.href
		switch {
		case href == "" || strings.Contains(tk.attrs["class"], "footnote-ref"):
		case strings.Contains(href, "#fn"): // a footnote reference: its number says it
		case href == text, href == "mailto:"+text, strings.HasPrefix(href, "tel:"):
		default:
			c.cur.WriteString(" <" + href + ">")
		}
	}
}

// prefix is what each line of a block begins with: quote marks.
func (c *converter) prefix() string { return strings.Repeat("> ", c.quote) }

// flush ends the current block.
func (c *converter) flush() {
	raw := c.cur.String()
	c.cur.Reset()
	quote := c.prefix()
	indent := ""
	group := ""
	if len(c.lists) > 0 {
		indent = strings.Repeat("   ", len(c.lists)-1)
		group = "item"
	}
	if c.inRow {
		group = "row"
	}
	if c.pre {
		text := strings.TrimRight(strings.ReplaceAll(raw, hardBreak, "\n"), "\n")
		if strings.TrimSpace(text) == "" {
			return
		}
		var lines []string
		for _, l := range strings.Split(text, "\n") {
			lines = append(lines, quote+indent+"    "+l)
		}
		c.blocks = append(c.blocks, block{text: strings.Join(lines, "\n")})
		return
	}
	var parts []string
	for _, part := range strings.Split(raw, hardBreak) {
		parts = append(parts, strings.Join(strings.Fields(part), " "))
	}
	if strings.TrimSpace(strings.Join(parts, "")) == "" {
		return
	}
	first, rest := indent, indent
	if c.marker != "" {
		first = indent + c.marker
		rest = indent + strings.Repeat(" ", utf8.RuneCountInString(c.marker))
		c.marker = ""
	} else if group == "item" {
		// A further paragraph of an item: aligned with its text.
		first, rest = indent+"  ", indent+"  "
		group = ""
	}
	var lines []string
	for _, part := range parts {
		for _, w := range wrap(part, width-utf8.RuneCountInString(quote+rest)) {
			p := rest
			if len(lines) == 0 {
				p = first
			}
			lines = append(lines, quote+p+w)
		}
	}
	if c.heading != "" {
		text := strings.Join(lines, " ")
		switch c.heading {
		case "h1":
			lines = []string{text, strings.Repeat("=", utf8.RuneCountInString(text))}
		case "h2":
			lines = []string{text, strings.Repeat("-", utf8.RuneCountInString(text))}
		}
		c.heading = ""
	}
	c.blocks = append(c.blocks, block{text: strings.Join(lines, "\n"), group: group})
}
