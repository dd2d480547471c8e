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
