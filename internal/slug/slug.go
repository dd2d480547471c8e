// Package slug turns titles, file names and tags into ASCII URL segments.
package slug

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

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

// translit spells Greek and Cyrillic letters (lower case) in Latin ones,
// the way URLs and passports commonly do.
var translit = map[rune]string{
	'α': "a", 'β': "v", 'γ': "g", 'δ': "d", 'ε': "e", 'ζ': "z", 'η': "i", 'θ': "th", 'ι': "i", 'κ': "k",
	'λ': "l", 'μ': "m", 'ν': "n", 'ξ': "x", 'ο': "o", 'π': "p", 'ρ': "r", 'σ': "s", 'ς': "s", 'τ': "t",
	'υ': "y", 'φ': "f", 'χ': "ch", 'ψ': "ps", 'ω': "o",
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh", 'з': "z", 'и': "i",
	'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t",
	'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "",
	'э': "e", 'ю': "yu", 'я': "ya", 'є': "ye", 'і': "i", 'ї': "yi", 'ґ': "g", 'ў': "u",
	'ђ': "dj", 'ј': "j", 'љ': "lj", 'њ': "nj", 'ћ': "c", 'џ': "dz", 'ѓ': "gj", 'ќ': "kj", 'ѕ': "dz",
}

// Make returns the slug of s: ASCII, lower case, ä->ae, ö->oe, ü->ue, ß->ss.
// s is read in Unicode NFC, so that a name saved on macOS (NFD) gives the
// same slug. Other Latin letters keep their base letter (Łódź -> lodz,
// Nguyễn -> nguyen, Æ -> ae), Greek and Cyrillic are transliterated
// (Αθήνα -> athina, Москва -> moskva), and a letter or digit of any other
// script is written as its code point, "u" and hex digits (日本 ->
// u65e5-u672c), so that no topic in another script loses its name or shares
// another's. Runs of any other characters become "-"; no leading or
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
	puts := func(f string) {
		for i := 0; i < len(f); i++ {
			put(f[i])
		}
	}
	// letter writes a letter that is not ASCII, reports whether it could.
	letter := func(r rune) bool {
		if f, ok := fold[r]; ok {
			puts(f)
			return true
		}
		if f, ok := translit[unicode.ToLower(r)]; ok {
			puts(f)
			return true
		}
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			s = norm.NFC.String(s)
			break
		}
	}
	for _, r := range s {
		if r < utf8.RuneSelf {
			put(byte(r))
			continue
		}
		if letter(r) {
			continue
		}
		// The base letters of a compatibility decomposition, marks
		// dropped: ễ -> e, ǅ -> dz, ﬁ -> fi, ά -> α -> a.
		for _, d := range norm.NFKD.String(string(r)) {
			switch {
			case unicode.Is(unicode.Mn, d):
			case d < utf8.RuneSelf:
				put(byte(d))
			case letter(d):
			case unicode.IsLetter(d) || unicode.IsNumber(d):
				dash = true
				puts("u" + strconv.FormatInt(int64(d), 16))
				dash = true
			default:
				dash = true
			}
		}
	}
	return b.String()
}
