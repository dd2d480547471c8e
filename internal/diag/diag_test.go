package diag

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestListSortAndFormat(t *testing.T) {
	var l List
	l.Errorf("content/b.md", 3, "second %s", "file")
	l.Warnf("content/a.md", 9, "late warning")
	l.Add(Diagnostic{Path: "content/a.md", Line: 2, Col: 5, Msg: "unknown key titel", Hint: "did you mean title?"})
	if !l.HasErrors() {
		t.Fatal("HasErrors = false")
	}
	err := l.Err()
	want := "content/a.md:2:5: unknown key titel (did you mean title?)\ncontent/b.md:3: second file"
	if err == nil || err.Error() != want {
		t.Fatalf("Err() = %v, want %q", err, want)
	}
	if got := l.Warnings()[0].String(); got != "content/a.md:9: warning: late warning" {
		t.Errorf("warning = %q", got)
	}
	var empty List
	empty.Warnf("x", 1, "only a warning")
	if empty.Err() != nil {
		t.Error("warnings alone must not be an error")
	}
}

func TestLineOf(t *testing.T) {
	src := []byte("a\nbb\nccc")
	for off, want := range map[int]int{0: 1, 1: 1, 2: 2, 5: 3, 100: 3} {
		if got := LineOf(src, off); got != want {
			t.Errorf("LineOf(%d) = %d, want %d", off, got, want)
		}
	}
}

func TestSnippetAndFormat(t *testing.T) {
	src := []byte("---\ntitle: x\ndate: 32.13.2021\n---\nBody\n")
	lines := Snippet(src, 3, 1)
	if len(lines) != 3 || lines[0].N != 2 || lines[1].Text != "date: 32.13.2021" || lines[2].Text != "---" {
		t.Fatalf("Snippet = %+v", lines)
	}
	got := Format(Diagnostic{Path: "a.md", Line: 3, Col: 7, Msg: "bad date"}, lines)
	want := "a.md:3:7: bad date\n       2 | title: x\n  >    3 | date: 32.13.2021\n         |       ^\n       4 | ---"
	if got != want {
		t.Errorf("Format =\n%s\nwant\n%s", got, want)
	}
	if Snippet(src, 0, 2) != nil || len(Snippet(src, 6, 2)) != 3 {
		t.Error("edges")
	}
}

func TestPrintable(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain Überschrift", "plain Überschrift"},
		{"tab\tstays", "tab\tstays"},
		{"red \x1b[31mX\x1b[0m", `red \x1b[31mX\x1b[0m`},
		{"line\nbreak\r", `line\nbreak\r`},
		{"del\x7f nul\x00", `del\x7f nul\x00`},
		{"c1 \u0085 \u009b", `c1 \u0085 \u009b`},
		{"sep \u2028 \u2029", `sep \u2028 \u2029`},
		{"bidi \u202a\u202e \u2066\u2069", `bidi \u202a\u202e \u2066\u2069`},
		{"latin1 \xfcber", `latin1 \xfcber`},
	} {
		if got := Printable(c.in); got != c.want {
			t.Errorf("Printable(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestFormatEscapesControls(t *testing.T) {
	d := Diagnostic{Path: "content/\xffx.md", Line: 2, Col: 9, Msg: "bad \x1b[2J title", Hint: "fix \u202e it"}
	lines := []SourceLine{{N: 2, Text: "title: \x1b[31mx"}}
	got := Format(d, lines)
	want := `content/\xffx.md:2:9: bad \x1b[2J title (fix \u202e it)` + "\n  >    2 | title: \\x1b[31mx\n         |            ^"
	if got != want {
		t.Errorf("Format =\n%s\nwant\n%s", got, want)
	}
	if s := d.String(); strings.ContainsAny(s, "\x1b\u202e") || !utf8.ValidString(s) {
		t.Errorf("String() = %q: control characters reach the terminal", d.String())
	}
}

func TestFormatCutsLongLine(t *testing.T) {
	long := strings.Repeat("a", 2<<20) + "BAD" + strings.Repeat("b", 2<<20)
	col := 2<<20 + 1
	d := Diagnostic{Path: "content/x.md", Line: 1, Col: col, Msg: "unexpected BAD"}
	got := Format(d, []SourceLine{{N: 1, Text: long}})
	if len(got) > 1000 {
		t.Fatalf("Format gives %d bytes for a line of 4 MB", len(got))
	}
	lines := strings.Split(got, "\n")
	if lines[0] != "content/x.md:1:2097153: unexpected BAD" {
		t.Errorf("message changed: %q", lines[0])
	}
	if !strings.Contains(lines[1], "…aaa") || !strings.HasSuffix(lines[1], "bbb…") {
		t.Errorf("snippet not cut on both sides: %q", lines[1])
	}
	caret := strings.Index(lines[2], "^")
	if r := []rune(lines[1]); caret < 0 || caret+3 > len(r) || string(r[caret:caret+3]) != "BAD" {
		t.Errorf("caret not under the column:\n%s\n%s", lines[1], lines[2])
	}
}
