package content

import (
	"os"
	"strings"
	"testing"
)

// TestREADMEListsFields: README's table of frontmatter keys is the table
// Fields, row by row: a key added to Fields is documented, and README
// names no key that pressroom does not know.
func TestREADMEListsFields(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	start := strings.Index(string(readme), "| key | meaning |\n| --- | --- |\n")
	if start < 0 {
		t.Fatal("README has no table of frontmatter keys")
	}
	table := string(readme[start:])
	table = table[:strings.Index(table, "\n\n")]
	rows := strings.Split(table, "\n")[2:]
	var want []string
	for _, f := range Fields {
		want = append(want, "| `"+f.Key+"` | "+f.Doc+" |")
	}
	for i := 0; i < max(len(rows), len(want)); i++ {
		var got, w string
		if i < len(rows) {
			got = rows[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if got != w {
			t.Errorf("README's row %d is\n%s\nthe table says\n%s", i+1, got, w)
		}
	}
}
