package chars

import (
	"reflect"
	"testing"
)

func TestDropAndClean(t *testing.T) {
	for _, tc := range []struct {
		in, out string
		found   []rune
		lines   []int
	}{
		{"plain text, Umlaute äöü\tund\nZeilen\r\n", "plain text, Umlaute äöü\tund\nZeilen\r\n", nil, nil},
		{"Word\vZeile\fSeite", "Word Zeile Seite", []rune{'\v', '\f'}, []int{1, 1}},
		{"a\x00b\x1b[31mc\x7fd", "ab[31mcd", []rune{0, 0x1b, 0x7f}, []int{1, 1, 1}},
		{"eins\nzwei\u0085drei\n\uFFFEvier\uFDD0", "eins\nzweidrei\nvier", []rune{0x85, 0xfffe, 0xfdd0}, []int{2, 3, 3}},
		{"kaputt \xff!", "kaputt !", []rune{0xfffd}, []int{1}},
	} {
		var found []rune
		var lines []int
		got := string(Drop([]byte(tc.in), func(line int, r rune) { found, lines = append(found, r), append(lines, line) }))
		if got != tc.out || !reflect.DeepEqual(found, tc.found) || !reflect.DeepEqual(lines, tc.lines) {
			t.Errorf("Drop(%q) = %q, %U at %v; want %q, %U at %v", tc.in, got, found, lines, tc.out, tc.found, tc.lines)
		}
	}
	if s, found := Clean("Gru\u0308n\v"); s != "Grün " || !reflect.DeepEqual(found, []rune{'\v'}) {
		t.Errorf("Clean = %q, %U", s, found)
	}
	b := []byte("nothing to do")
	if out := Drop(b, nil); &out[0] != &b[0] {
		t.Error("Drop copied a clean text")
	}
	// The fast look agrees with the rune by rune rule on every character.
	for r := rune(0); r <= 0x10ffff; r++ {
		if r >= 0xd800 && r <= 0xdfff {
			continue
		}
		for _, pad := range []string{"", "abc", "abcdefgh", "abcdefghijk"} {
			b := []byte(pad + "x" + string(r) + "y" + pad + pad)
			if allowed(b) == Unwanted(r) {
				t.Fatalf("allowed(%q) = %v, Unwanted = %v", b, allowed(b), Unwanted(r))
			}
		}
	}
	if Name('\v') != "U+000B (vertical tab)" || Name(0x85) != "U+0085" {
		t.Errorf("Name: %q %q", Name('\v'), Name(0x85))
	}
}
