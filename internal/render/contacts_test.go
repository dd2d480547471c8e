package render

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestVCardFolding: content lines longer than 75 octets are folded, never
// inside a UTF-8 sequence, and unfold to the line; text values escaped.
func TestVCardFolding(t *testing.T) {
	for _, l := range []string{"FN:kurz", "ORG:" + strings.Repeat("Bündnis für Arbeit ", 12), "X:" + strings.Repeat("ä", 100)} {
		var b bytes.Buffer
		folded(&b, l)
		out := b.String()
		if !strings.HasSuffix(out, "\r\n") {
			t.Errorf("%q: no CRLF at the end", out)
		}
		for _, line := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
			if len(line) > 75 || !utf8.ValidString(line) {
				t.Errorf("line of %d octets or broken UTF-8: %q", len(line), line)
			}
		}
		if got := strings.ReplaceAll(strings.TrimSuffix(out, "\r\n"), "\r\n ", ""); got != l {
			t.Errorf("unfolded %q, want %q", got, l)
		}
	}
	if got, want := vcardText("A, B; C\\D\nE"), `A\, B\; C\\D\nE`; got != want {
		t.Errorf("vcardText = %q, want %q", got, want)
	}
}
