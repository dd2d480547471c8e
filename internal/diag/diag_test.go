package diag

import "testing"

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
