// Package diag holds positioned problems ("path:line:col: message") so that a
// run can report every problem at once, sorted by file and line.
package diag

import (
	"fmt"
	"sort"
	"strings"
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

// Where is the place: "path:line:col", "path:line" or "path".
func (d Diagnostic) Where() string {
	var b strings.Builder
	b.WriteString(d.Path)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Col > 0 {
			fmt.Fprintf(&b, ":%d", d.Col)
		}
	}
	return b.String()
}

func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.Where())
	b.WriteString(": ")
	if d.Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Msg)
	if d.Hint != "" {
		b.WriteString(" (")
		b.WriteString(d.Hint)
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

// Format writes d with the source lines around it, the offending line
// marked and a caret under its column, as a terminal shows it.
func Format(d Diagnostic, lines []SourceLine) string {
	var b strings.Builder
	b.WriteString(d.String())
	for _, l := range lines {
		mark := "  "
		if l.N == d.Line {
			mark = "> "
		}
		fmt.Fprintf(&b, "\n  %s%4d | %s", mark, l.N, l.Text)
		if l.N == d.Line && d.Col > 0 {
			fmt.Fprintf(&b, "\n         | %s^", strings.Repeat(" ", d.Col-1))
		}
	}
	return b.String()
}
