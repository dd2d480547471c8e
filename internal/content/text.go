package content

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"pressroom/internal/chars"
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

// cleanSource removes the unwanted characters from a whole file (see
// chars.Drop) and returns them by line, and the first line that is not
// UTF-8 (0 if there is none). It leaves the normal form as it is: the body
// may name files as they are named on disk.
func cleanSource(src []byte) (clean []byte, found map[int][]rune, notUTF8 int) {
	clean = chars.Drop(src, func(line int, r rune) {
		if r == utf8.RuneError {
			if notUTF8 == 0 {
				notUTF8 = line
			}
			return
		}
		if found == nil {
			found = map[int][]rune{}
		}
		found[line] = chars.Add(found[line], r)
	})
	return clean, found, notUTF8
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
				found[line] = chars.Add(found[line], r)
			}
		}
	}
}

func cleanValue(v any, bad *[]rune) any {
	switch x := v.(type) {
	case string:
		s, found := chars.Clean(x)
		for _, r := range found {
			*bad = chars.Add(*bad, r)
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
			names[i] = chars.Name(r)
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
