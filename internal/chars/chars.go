// Package chars is the one rule for the characters of text that pressroom
// publishes: no character that XML or HTML forbids, and Unicode NFC. Text
// pasted from Word brings controls along (a vertical tab for a line break,
// a form feed for a page break), and macOS writes file names in NFD.
package chars

import (
	"encoding/binary"
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

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

// Drop returns b without the unwanted characters and bytes that are not
// UTF-8 (see Unwanted), a vertical tab or form feed turned into a space; b
// itself if it has none. found, if not nil, learns the line (from 1) and
// the character of each; an invalid byte is utf8.RuneError.
func Drop(b []byte, found func(line int, r rune)) []byte {
	if allowed(b) {
		return b
	}
	var out []byte // nil until an unwanted character is found
	line, done := 1, 0
	for i := 0; i < len(b); {
		c := b[i]
		if c >= 0x20 && c < 0x7f || c == '\t' {
			i++
			continue
		}
		r, size := rune(c), 1
		if c >= 0x80 {
			r, size = utf8.DecodeRune(b[i:])
		}
		if r == '\n' {
			line++
		}
		if Unwanted(r) || r == utf8.RuneError && size == 1 {
			if found != nil {
				found(line, r)
			}
			if out == nil {
				out = make([]byte, 0, len(b))
			}
			out = append(out, b[done:i]...)
			if r == '\v' || r == '\f' {
				out = append(out, ' ')
			}
			done = i + size
		}
		i += size
	}
	if out == nil {
		return b
	}
	return append(out, b[done:]...)
}

// allowed tells fast whether b is UTF-8 without an unwanted character, as
// nearly every text is: eight bytes at a time while they are printable
// ASCII, and a rune decoded only where a byte is not.
func allowed(b []byte) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for i := 0; i < len(b); {
		if i+8 <= len(b) {
			w := binary.LittleEndian.Uint64(b[i:])
			del := w ^ 0x7f*ones // a zero byte where w has 0x7f
			// No byte of 0x80 or more, none below 0x20 (the borrow of
			// w - 0x2020… shows one), none 0x7f.
			if w&highs == 0 && (w-0x20*ones)&^w&highs == 0 && (del-ones)&^del&highs == 0 {
				i += 8
				continue
			}
		}
		c := b[i]
		switch {
		case c >= 0x20 && c < 0x7f, c == '\n', c == '\t', c == '\r':
			i++
		case c < 0x80:
			return false
		default:
			r, size := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && size == 1 || Unwanted(r) {
				return false
			}
			i += size
		}
	}
	return true
}

// Clean returns s in NFC without the unwanted characters (see Drop), and
// the unwanted characters it found, in order, each once.
func Clean(s string) (string, []rune) {
	var found []rune
	for _, r := range s {
		if Unwanted(r) || r == utf8.RuneError {
			s = string(Drop([]byte(s), func(_ int, r rune) { found = Add(found, r) }))
			break
		}
	}
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	return s, found
}

// Add adds r to the list l unless it holds it.
func Add(l []rune, r rune) []rune {
	for _, x := range l {
		if x == r {
			return l
		}
	}
	return append(l, r)
}

// Name names an unwanted character: "U+000B (vertical tab)".
func Name(r rune) string {
	name := map[rune]string{0: "NUL", '\b': "backspace", '\v': "vertical tab", '\f': "form feed",
		0x1b: "escape", 0x7f: "delete", 0xfffe: "noncharacter", 0xffff: "noncharacter",
		utf8.RuneError: "invalid UTF-8"}[r]
	if name == "" {
		return fmt.Sprintf("U+%04X", r)
	}
	return fmt.Sprintf("U+%04X (%s)", r, name)
}
