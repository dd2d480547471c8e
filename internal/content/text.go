package content

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"pressroom/internal/diag"
)

// Text enters pressroom here: a file's bytes, and the strings its
// frontmatter decodes to (where escapes such as "\v" or "\u000B" can make
// what the file itself does not hold). The strings are put into Unicode
// NFC, so that a tag or title typed on macOS (NFD) reads as the same
// words; both are cleared of the characters no XML or HTML document may
// hold, which a text pasted from Word brings along (a vertical tab for a
// line break, a form feed for a page break); each line that had one gets a
// warning.

// Unwanted reports whether r may not appear in pressroom's output: the C0
// controls other than tab, line feed and carriage return, DEL and the C1
// controls, surrogates and the Unicode noncharacters (U+FFFE, U+FFFF, …).
// XML 1.0 forbids the C0 controls, U+FFFE and U+FFFF; HTML the rest too.
func Unwanted(r rune) bool {
	switch {
	case r < 0x20:
		return r != '\t' && r != '\n' && r != '\r'
	case r < 0x7f:
		return false
	case r <= 0x9f:
		return true
	case r >= 0xd800 && r <= 0xdfff:
		return true
	case r >= 0xfdd0 && r <= 0xfdef:
		return true
	case r&0xfffe == 0xfffe:
		return true
	}
	return r > utf8.MaxRune
}

// Clean returns s in NFC without the unwanted characters (see Unwanted): a
// vertical tab or form feed becomes a space, the others are dropped; and
// the unwanted characters it found, in order, each once.
func Clean(s string) (string, []rune) {
	var found []rune
	clean := true
	for _, r := range s {
		if Unwanted(r) || r == utf8.RuneError {
			clean = false
			break
		}
	}
	if !clean {
		var b strings.Builder
		b.Grow(len(s))
		for i := 0; i < len(s); {
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && size <= 1:
				found = addRune(found, utf8.RuneError)
			case Unwanted(r):
				found = addRune(found, r)
				if r == '\v' || r == '\f' {
					b.WriteByte(' ')
				}
			default:
				b.WriteString(s[i : i+size])
			}
			i += size
		}
		s = b.String()
	}
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	return s, found
}

func addRune(l []rune, r rune) []rune {
	for _, x := range l {
		if x == r {
			return l
		}
	}
	return append(l, r)
}

// cleanSource removes the unwanted characters from a whole file, which is
// valid UTF-8 with lines ending in \n, as Clean does, and returns them by
// line. It leaves the normal form as it is: the body may name files as
// they are named on disk.
func cleanSource(src []byte) ([]byte, map[int][]rune) {
	var found map[int][]rune
	var out []byte // nil until an unwanted character is found
	line, done := 1, 0
	for i := 0; i < len(src); {
		c := src[i]
		if c >= 0x20 && c < 0x7f || c == '\t' {
			i++
			continue
		}
		r, size := rune(c), 1
		if c >= 0x80 {
			r, size = utf8.DecodeRune(src[i:])
		}
		if r == '\n' {
			line++
		}
		if Unwanted(r) {
			if found == nil {
				found = map[int][]rune{}
				out = make([]byte, 0, len(src))
			}
			found[line] = addRune(found[line], r)
			out = append(out, src[done:i]...)
			if r == '\v' || r == '\f' {
				out = append(out, ' ')
			}
			done = i + size
		}
		i += size
	}
	if out != nil {
		src = append(out, src[done:]...)
	}
	return src, found
}

// cleanFields cleans every string in decoded frontmatter (see Clean), in
// place, and notes the unwanted characters at the line of their key.
func (p *Page) cleanFields(fields map[string]any, found map[int][]rune) {
	for key, v := range fields {
		var bad []rune
		fields[key] = cleanValue(v, &bad)
		if len(bad) > 0 {
			line := p.Line(key)
			for _, r := range bad {
				found[line] = addRune(found[line], r)
			}
		}
	}
}

func cleanValue(v any, bad *[]rune) any {
	switch x := v.(type) {
	case string:
		s, found := Clean(x)
		for _, r := range found {
			*bad = addRune(*bad, r)
		}
		return s
	case []any:
		for i := range x {
			x[i] = cleanValue(x[i], bad)
		}
	case map[string]any:
		for k, e := range x {
			x[k] = cleanValue(e, bad)
		}
	case []map[string]any:
		for _, m := range x {
			cleanValue(m, bad)
		}
	case map[any]any:
		for k, e := range x {
			x[k] = cleanValue(e, bad)
		}
	}
	return v
}

// controlWarnings are the warnings about unwanted characters, one a line.
func controlWarnings(path string, found map[int][]rune) diag.List {
	lines := make([]int, 0, len(found))
	for l := range found {
		lines = append(lines, l)
	}
	sort.Ints(lines)
	var out diag.List
	for _, l := range lines {
		names := make([]string, len(found[l]))
		for i, r := range found[l] {
			names[i] = RuneName(r)
		}
		what := "control character"
		if len(names) > 1 {
			what = "control characters"
		}
		out = append(out, diag.Diagnostic{Path: path, Line: l, Warning: true,
			Msg:  fmt.Sprintf("%s %s removed (Steuerzeichen entfernt)", what, strings.Join(names, ", ")),
			Hint: "text pasted from Word brings them along; delete them, or retype the line"})
	}
	return out
}

// RuneName names an unwanted character: "U+000B (vertical tab)".
func RuneName(r rune) string {
	name := map[rune]string{0: "NUL", '\b': "backspace", '\v': "vertical tab", '\f': "form feed",
		0x1b: "escape", 0x7f: "delete", 0xfffe: "noncharacter", 0xffff: "noncharacter",
		utf8.RuneError: "invalid UTF-8"}[r]
	if name == "" {
		return fmt.Sprintf("U+%04X", r)
	}
	return fmt.Sprintf("U+%04X (%s)", r, name)
}
