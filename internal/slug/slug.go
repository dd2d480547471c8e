// Package slug turns titles, file names and tags into ASCII URL segments.
package slug

import "strings"

// fold maps letters with diacritics to their ASCII spelling. German umlauts
// and ß are transcribed; other accents are dropped.
var fold = map[rune]string{
	'ä': "ae", 'ö': "oe", 'ü': "ue", 'ß': "ss", 'Ä': "ae", 'Ö': "oe", 'Ü': "ue", 'ẞ': "ss",
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'å': "a", 'ā': "a", 'ă': "a", 'ą': "a",
	'À': "a", 'Á': "a", 'Â': "a", 'Ã': "a", 'Å': "a", 'Ā': "a", 'Ă': "a", 'Ą': "a",
	'æ': "ae", 'Æ': "ae", 'ç': "c", 'Ç': "c", 'ć': "c", 'Ć': "c", 'č': "c", 'Č': "c",
	'ď': "d", 'Ď': "d", 'đ': "d", 'Đ': "d", 'ð': "d", 'Ð': "d",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ē': "e", 'ė': "e", 'ę': "e", 'ě': "e",
	'È': "e", 'É': "e", 'Ê': "e", 'Ë': "e", 'Ē': "e", 'Ė': "e", 'Ę': "e", 'Ě': "e",
	'ğ': "g", 'Ğ': "g", 'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ī': "i", 'į': "i", 'ı': "i",
	'Ì': "i", 'Í': "i", 'Î': "i", 'Ï': "i", 'Ī': "i", 'Į': "i", 'İ': "i",
	'ł': "l", 'Ł': "l", 'ľ': "l", 'Ľ': "l", 'ñ': "n", 'Ñ': "n", 'ń': "n", 'Ń': "n", 'ň': "n", 'Ň': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ø': "o", 'ō': "o", 'ő': "o",
	'Ò': "o", 'Ó': "o", 'Ô': "o", 'Õ': "o", 'Ø': "o", 'Ō': "o", 'Ő': "o", 'œ': "oe", 'Œ': "oe",
	'ř': "r", 'Ř': "r", 'ś': "s", 'Ś': "s", 'š': "s", 'Š': "s", 'ş': "s", 'Ş': "s", 'ș': "s", 'Ș': "s",
	'ť': "t", 'Ť': "t", 'ţ': "t", 'ț': "t", 'Ț': "t", 'þ': "th", 'Þ': "th",
	'ù': "u", 'ú': "u", 'û': "u", 'ū': "u", 'ů': "u", 'ű': "u", 'ų': "u",
	'Ù': "u", 'Ú': "u", 'Û': "u", 'Ū': "u", 'Ů': "u", 'Ű': "u", 'Ų': "u",
	'ý': "y", 'ÿ': "y", 'Ý': "y", 'ź': "z", 'Ź': "z", 'ż': "z", 'Ż': "z", 'ž': "z", 'Ž': "z",
}

// Make returns the slug of s: ASCII, lower case, ä->ae, ö->oe, ü->ue, ß->ss,
// other accents dropped, runs of any other characters -> "-", no leading or
// trailing "-".
func Make(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	dash := false
	put := func(c byte) {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteByte(c)
			return
		}
		dash = true
	}
	for _, r := range s {
		if r < 0x80 {
			put(byte(r))
			continue
		}
		if f, ok := fold[r]; ok {
			for i := 0; i < len(f); i++ {
				put(f[i])
			}
			continue
		}
		dash = true
	}
	return b.String()
}
