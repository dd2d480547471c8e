// Package diag holds positioned problems ("path:line:col: message") so that a
// run can report every problem at once, sorted by file and line.
package diag

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Diagnostic is one problem at one place. Line and Col are 1-based; 0 means
// unknown.
type Diagnostic struct {
	Path    string
	Line    int
	Col     int
	Msg     string
	Hint    string
	Warning bool
}

// Where is the place: "path:line:col", "path:line" or "path", the path
// made printable (see Printable).
func (d Diagnostic) Where() string {
	var b strings.Builder
	b.WriteString(Printable(d.Path))
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Col > 0 {
			fmt.Fprintf(&b, ":%d", d.Col)
		}
	}
	return b.String()
}

// String is the diagnostic as one line, safe to print on a terminal: text
// from the site's files is made printable (see Printable).
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.Where())
	b.WriteString(": ")
	if d.Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(Printable(d.Msg))
	if d.Hint != "" {
		b.WriteString(" (")
		b.WriteString(Printable(d.Hint))
		b.WriteString(")")
	}
	return b.String()
}

// List collects diagnostics. The zero value is ready to use. It is not safe
// for concurrent use: parallel stages keep a List each and Merge them.
type List []Diagnostic

// Errorf adds an error at path:line.
func (l *List) Errorf(path string, line int, format string, args ...any) {
	*l = append(*l, Diagnostic{Path: path, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// Warnf adds a warning at path:line.
func (l *List) Warnf(path string, line int, format string, args ...any) {
	*l = append(*l, Diagnostic{Path: path, Line: line, Msg: fmt.Sprintf(format, args...), Warning: true})
}

// Add appends diagnostics.
func (l *List) Add(d ...Diagnostic) { *l = append(*l, d...) }

// HasErrors reports whether any diagnostic is an error (not a warning).
func (l List) HasErrors() bool {
	for _, d := range l {
		if !d.Warning {
			return true
		}
	}
	return false
}

// Sort orders the list by path, line, column and message.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return a.Msg < b.Msg
	})
}

// Errors returns only the errors, Warnings only the warnings.
func (l List) Errors() List   { return l.filter(false) }
func (l List) Warnings() List { return l.filter(true) }

func (l List) filter(warning bool) List {
	var out List
	for _, d := range l {
		if d.Warning == warning {
			out = append(out, d)
		}
	}
	return out
}

// Err returns the errors of the list as an error, or nil if there are none.
func (l List) Err() error {
	errs := l.Errors()
	if len(errs) == 0 {
		return nil
	}
	errs.Sort()
	return &Error{List: errs}
}

// Error is a non-empty, sorted list of error diagnostics.
type Error struct{ List List }

func (e *Error) Error() string {
	var b strings.Builder
	for i, d := range e.List {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String())
	}
	return b.String()
}

// LineOf returns the 1-based line number of byte offset off in src.
func LineOf(src []byte, off int) int {
	if off > len(src) {
		off = len(src)
	}
	n := 1
	for _, c := range src[:off] {
		if c == '\n' {
			n++
		}
	}
	return n
}

// SourceLine is one numbered line of a source file.
type SourceLine struct {
	N    int    `json:"n"`
	Text string `json:"text"`
}

// Snippet returns the lines around line (1-based) of src, around lines on
// each side.
func Snippet(src []byte, line, around int) []SourceLine {
	if line < 1 {
		return nil
	}
	var out []SourceLine
	n := 1
	for start := 0; start <= len(src); n++ {
		end := start
		for end < len(src) && src[end] != '\n' {
			end++
		}
		if n >= line-around && n <= line+around {
			out = append(out, SourceLine{N: n, Text: strings.TrimRight(string(src[start:end]), "\r")})
		}
		if n > line+around || end >= len(src) {
			break
		}
		start = end + 1
	}
	return out
}

// SnippetWidth is how many characters of a source line a snippet shows at
// most: a longer line is cut around the column of the problem.
const SnippetWidth = 200

// Format writes d with the source lines around it, the offending line
// marked and a caret under its column, as a terminal shows it. Lines are
// cut to SnippetWidth characters and made printable.
func Format(d Diagnostic, lines []SourceLine) string {
	var b strings.Builder
	b.WriteString(d.String())
	for _, l := range lines {
		mark, col := "  ", 0
		if l.N == d.Line {
			mark, col = "> ", d.Col
		}
		text, col := Clip(l.Text, col, SnippetWidth)
		fmt.Fprintf(&b, "\n  %s%4d | %s", mark, l.N, Printable(text))
		if col > 0 {
			// The caret goes under the character: as many columns as the
			// text before it shows, tabs kept.
			pad := []rune(Printable(text[:min(col-1, len(text))]))
			for i, r := range pad {
				if r != '\t' {
					pad[i] = ' '
				}
			}
			fmt.Fprintf(&b, "\n         | %s^", string(pad))
		}
	}
	return b.String()
}

// Clip cuts text to at most width characters around the byte column col
// (1-based; 0 for none: the start is kept), marking each cut with "…",
// and returns the column of the same character in the result (0 if col
// was 0).
func Clip(text string, col, width int) (string, int) {
	if utf8.RuneCountInString(text) <= width {
		return text, col
	}
	pos := min(max(col-1, 0), len(text))
	start := pos
	for n := 0; start > 0 && n < width/2; n++ {
		_, size := utf8.DecodeLastRuneInString(text[:start])
		start -= size
	}
	end := start
	for n := 0; end < len(text) && n < width; n++ {
		_, size := utf8.DecodeRuneInString(text[end:])
		end += size
	}
	for n := utf8.RuneCountInString(text[start:end]); start > 0 && n < width; n++ {
		_, size := utf8.DecodeLastRuneInString(text[:start])
		start -= size
	}
	out := text[start:end]
	if start > 0 {
		out = "…" + out
	}
	if end < len(text) {
		out += "…"
	}
	if col == 0 {
		return out, 0
	}
	col = pos - start + 1
	if start > 0 {
		col += len("…")
	}
	return out, col
}

// Printable returns s as it may be shown on a terminal: text from a site's
// files cannot move the cursor, recolour the line or reorder it. Control
// characters (C0 but tab, DEL, C1), the line and paragraph separators
// U+2028 and U+2029, the bidirectional overrides and isolates U+202A to
// U+202E and U+2066 to U+2069, and bytes that are not UTF-8 are written
// escaped: \x1b, \n, \u202e, \xff. Every writer of text from content to a
// terminal goes through it.
func Printable(s string) string {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unprintable(r, n) {
			break
		}
		i += n
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case !unprintable(r, n):
			b.WriteString(s[i : i+n])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == utf8.RuneError || r < 0x80:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
		i += n
	}
	return b.String()
}

// unprintable tells whether the rune r of n bytes is escaped by Printable.
func unprintable(r rune, n int) bool {
	switch {
	case r == utf8.RuneError && n <= 1:
		return true
	case r < 0x20:
		return r != '\t'
	case r < 0x7f:
		return false
	}
	return r <= 0x9f || r == 0x2028 || r == 0x2029 || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}
