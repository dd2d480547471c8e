package markdown

import (
	"bytes"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// German typography beyond goldmark's typographer: no line break inside
// "e. V.", "5. März 2026", "Nr. 5", "§ 5" or between a number and its unit
// (the space becomes a no-break space, U+00A0), and a quotation opened
// with „ and closed with a straight " (as pasted text often is) closed
// with “.

const nbsp = "\u00a0"

// textRenderer writes text as goldmark's HTML renderer does, with the
// spaces that must not break made no-break spaces.
type textRenderer struct{ html.Config }

func (r *textRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindText, r.renderText)
}

func (r *textRenderer) SetOption(name renderer.OptionName, value any) {
	r.Config.SetOption(name, value)
}

func (r *textRenderer) renderText(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Text)
	value := n.Segment.Value(source)
	if n.IsRaw() {
		r.Writer.RawWrite(w, value)
		return ast.WalkContinue, nil
	}
	// goldmark may split a text before a space ("Art." and " 3").
	if len(value) > 1 && value[0] == ' ' {
		if prev, ok := node.PreviousSibling().(*ast.Text); ok && !prev.SoftLineBreak() && !prev.HardLineBreak() && together(prev.Segment.Value(source), value[1:]) {
			w.WriteString(nbsp)
			value = value[1:]
		}
	}
	r.Writer.Write(w, keepTogether(value))
	switch {
	case n.HardLineBreak() || n.SoftLineBreak() && r.HardWraps:
		if r.XHTML {
			w.WriteString("<br />\n")
		} else {
			w.WriteString("<br>\n")
		}
	case n.SoftLineBreak():
		w.WriteByte('\n')
	}
	return ast.WalkContinue, nil
}

// keepTogether returns s with the spaces that must not break replaced by
// no-break spaces; s itself if there are none.
func keepTogether(s []byte) []byte {
	var out []byte
	last := 0
	for i := bytes.IndexByte(s, ' '); i >= 0; {
		if i > 0 && i+1 < len(s) && mayJoin(s[i-1], s[i+1]) && together(s[:i], s[i+1:]) {
			out = append(append(out, s[last:i]...), nbsp...)
			last = i + 1
		}
		k := bytes.IndexByte(s[i+1:], ' ')
		if k < 0 {
			break
		}
		i += 1 + k
	}
	if out == nil {
		return s
	}
	return append(out, s[last:]...)
}

// together tells whether the space between before and after must not
// break.
func together(before, after []byte) bool {
	if len(before) == 0 || len(after) == 0 || !mayJoin(before[len(before)-1], after[0]) {
		return false
	}
	prev := lastWord(before)
	next := firstWord(after)
	if len(prev) == 0 || len(next) == 0 {
		return false
	}
	p, q := prev[len(prev)-1], next[0]
	switch {
	case p == '.' && isDigits(prev[:len(prev)-1]) && len(prev) <= 3:
		return isMonth(next) // 5. März
	case p == '.' && isOneOf(prev, "Mio.", "Mrd."):
		return isOneOf(next, "Euro", "EUR", "€", "Menschen", "Einwohner") // 2,5 Mio. Euro
	case p == '.':
		w := prev[:len(prev)-1]
		// e. V., z. B., d. h.; goldmark may split the last full stop off
		// the text ("e. V" and ".").
		if len(w) <= 3 && isLetters(w) && (len(next) <= 4 && next[len(next)-1] == '.' && isLetters(next[:len(next)-1]) ||
			len(next) <= 3 && isLetters(next) && len(after) == len(next)) {
			return true
		}
		return isDigit(q) && isOneOf(w, "Nr", "Nrn", "Abs", "Art", "S", "Bd", "Kap", "Tab", "Abb", "Ziff", "Anl", "Rn", "No", "Fig")
	case bytes.HasSuffix(prev, []byte("§")):
		return isDigit(q) // § 5, §§ 5
	case isDigit(p):
		// 502 Euro, 10 %, 12 Uhr, 5 March (English dates)
		return isOneOf(next, "Euro", "EUR", "€", "%", "Prozent", "Mio.", "Mrd.", "Millionen", "Milliarden", "km", "m", "m²", "kg", "Uhr", "percent", "million", "billion") ||
			isMonth(next)
	case isDigit(q):
		return isMonth(prev) && len(next) == 4 && isDigits(next) // März 2026
	case string(prev) == "SGB":
		return isOneOf(next, "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIV") // SGB II
	}
	return false
}

// mayJoin tells by the bytes around a space whether together may hold:
// most spaces stand between two words and are decided here.
func mayJoin(p, q byte) bool {
	return p == '.' || p == 0xa7 || p >= '0' && p <= '9' || // after . § or a digit
		q >= '0' && q <= '9' || // März 2026
		p == 'B' && (q == 'I' || q == 'V' || q == 'X') // SGB II
}

// lastWord and firstWord are the word before and after a space, up to the
// next space, without the punctuation that may follow a word.
func lastWord(s []byte) []byte { return s[bytes.LastIndexByte(s, ' ')+1:] }

func firstWord(s []byte) []byte {
	if i := bytes.IndexByte(s, ' '); i >= 0 {
		s = s[:i]
	}
	// A comma or other mark after the word ("2026,") is not part of it;
	// the full stop of an abbreviation is.
	for len(s) > 0 {
		c := s[len(s)-1]
		if c == ',' || c == ';' || c == ':' || c == ')' || c == '!' || c == '?' {
			s = s[:len(s)-1]
			continue
		}
		break
	}
	return s
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isDigits(s []byte) bool {
	for _, c := range s {
		if !isDigit(c) {
			return false
		}
	}
	return len(s) > 0
}

func isLetters(s []byte) bool {
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return len(s) > 0
}

func isOneOf(s []byte, words ...string) bool {
	for _, w := range words {
		if string(s) == w {
			return true
		}
	}
	return false
}

func isMonth(s []byte) bool {
	s = bytes.TrimSuffix(s, []byte("."))
	return isOneOf(s, "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember",
		"Jan", "Feb", "Mär", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Okt", "Nov", "Dez",
		"January", "February", "March", "May", "June", "July", "October", "December", "Mar", "Oct", "Dec")
}

// quoteTransformer closes with “ a quotation opened with „ whose closing
// quote is a straight ", which goldmark's typographer leaves as it is
// since it found no straight opening quote.
type quoteTransformer struct{}

var (
	lowOpen   = []byte("„")
	highClose = []byte("“")
)

func (quoteTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	if !bytes.Contains(src, lowOpen) {
		return
	}
	type split struct {
		n  *ast.Text
		at []int // offsets of the straight quotes to close with
	}
	var splits []split
	open := false
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph, *ast.Heading, *ast.TextBlock:
			open = false // a quotation does not run on into the next block
		case *ast.String:
			open = quoteState(n.Value, open, nil)
		case *ast.Text:
			if !n.IsRaw() {
				var at []int
				open = quoteState(n.Segment.Value(src), open, &at)
				if len(at) > 0 {
					splits = append(splits, split{n, at})
				}
			}
		}
		return ast.WalkContinue, nil
	})
	// Each straight quote that closes a „ becomes a “ between the text
	// before and after it.
	for _, sp := range splits {
		seg, parent := sp.n.Segment, sp.n.Parent()
		from := seg.Start
		for _, at := range sp.at {
			parent.InsertBefore(parent, sp.n, ast.NewTextSegment(text.NewSegment(from, seg.Start+at)))
			parent.InsertBefore(parent, sp.n, ast.NewString(highClose))
			from = seg.Start + at + 1
		}
		rest := ast.NewTextSegment(seg.WithStart(from))
		rest.SetSoftLineBreak(sp.n.SoftLineBreak())
		rest.SetHardLineBreak(sp.n.HardLineBreak())
		parent.ReplaceChild(parent, sp.n, rest)
	}
}

// quoteState is whether a „ quotation is open after s, given open before;
// the offsets of straight quotes that close one are added to closing.
func quoteState(s []byte, open bool, closing *[]int) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRune(s[i:])
		switch r {
		case '„':
			open = true
		case '“':
			open = false
		case '"':
			if open && closing != nil {
				*closing = append(*closing, i)
			}
			open = false
		}
		i += size
	}
	return open
}
