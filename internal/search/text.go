// Package search builds the static search index of a site: the words of
// the published pages, stemmed (German or English Snowball) and folded
// (ä = ae, ß = ss), in a few sharded files that the browser's small
// searcher (assets/js/search.js) fetches as it needs them. The browser
// needs no stemmer: the index carries every word form found in the pages
// (folded) with the stems it stands for.
package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/german"
	"golang.org/x/text/unicode/norm"
)

// maxWord is the longest word indexed, in bytes: longer runs of letters
// are not words a reader types (hashes, URLs without separators).
const maxWord = 48

// Words splits text into its words, lower case, in Unicode NFC: runs of
// letters, marks and digits. The searcher splits a query the same way
// (/[\p{L}\p{M}\p{N}]+/gu on the lower-case NFC text).
func Words(text string) []string {
	out := rawWords(text)
	for i, w := range out {
		out[i] = strings.ToLower(w)
	}
	return out
}

// rawWords are the words of Words as written, not yet in lower case.
func rawWords(text string) []string {
	out := make([]string, 0, len(text)/7)
	eachWord(text, func(w string) { out = append(out, w) })
	return out
}

// eachWord calls f with each word of rawWords in turn, without making
// the list.
func eachWord(text string, f func(string)) {
	if !isASCII(text) && !norm.NFC.IsNormalString(text) {
		text = norm.NFC.String(text)
	}
	start := -1
	for i := 0; i < len(text); {
		c := text[i]
		in, size := false, 1
		if c < 0x80 {
			in = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z'
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(text[i:])
			in = unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsNumber(r)
		}
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			if i-start <= maxWord {
				f(text[start:i])
			}
			start = -1
		}
		i += size
	}
	if start >= 0 && len(text)-start <= maxWord {
		f(text[start:])
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

var umlauts = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss")

// Fold is the form of a word the index and the searcher look it up by:
// ä, ö, ü as ae, oe, ue, ß as ss, other accents (U+0300 to U+036F after
// decomposition) dropped. So Muenchen finds München and Strasse Straße,
// and the other way round. w is a word of Words.
func Fold(w string) string {
	if isASCII(w) {
		return w
	}
	w = umlauts.Replace(w)
	d := norm.NFD.String(w)
	var b strings.Builder
	for _, r := range d {
		if r >= 0x300 && r <= 0x36f {
			continue
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}

// Stemmer stems the words of one language.
type Stemmer struct {
	stem func(*snowballstem.Env) bool
	stop map[string]bool
}

// NewStemmer is the stemmer of language "de" or "en" (German for any
// other).
func NewStemmer(lang string) *Stemmer {
	if lang == "en" {
		return &Stemmer{stem: english.Stem, stop: set(englishStop)}
	}
	return &Stemmer{stem: german.Stem, stop: set(germanStop)}
}

// Stem is the Snowball stem of a word of Words. It is computed from the
// word as written, with its umlauts: the German stemmer takes them off,
// so that Häuser and Haus share the stem haus.
func (s *Stemmer) Stem(w string) string {
	if !hasLetter(w) {
		return w
	}
	env := snowballstem.NewEnv(w)
	s.stem(env)
	return env.Current()
}

// Stop tells whether the folded word f is a stop word, which the index
// leaves out (and the searcher ignores in a query).
func (s *Stemmer) Stop(f string) bool { return s.stop[f] }

// StopWords lists the stop words, folded, sorted.
func (s *Stemmer) StopWords() []string {
	var out []string
	for w := range s.stop {
		out = append(out, w)
	}
	sortStrings(out)
	return out
}

func hasLetter(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[Fold(w)] = true
	}
	return m
}

// The stop words: the commonest function words, which nearly every page
// has and no reader searches for.
const germanStop = `aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes auch auf aus bei beim bin bis bist da damit dann das dass dasselbe dazu dein deine dem den denn der des desselben dessen dich die dies diese dieselbe dieselben diesem diesen dieser dieses dir doch dort du durch ein eine einem einen einer eines einig einige einigem einigen einiger einiges einmal er es etwas euch euer eure für gegen gewesen hab habe haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im in indem ins ist jede jedem jeden jeder jedes jene jenem jenen jener jenes jetzt kann kein keine keinem keinen keiner keines können könnte machen man manche manchem manchen mancher manches mein meine mich mir mit muss musste nach nicht nichts noch nun nur ob oder ohne sehr sein seine seinem seinen seiner seines selbst sich sie sind so solche solchem solchen solcher solches soll sollte sondern sonst über um und uns unser unsere unter viel vom von vor war waren warst was weg weil weiter welche welchem welchen welcher welches wenn werde werden wie wieder will wir wird wirst wo wollen wollte würde würden zu zum zur zwar zwischen`

const englishStop = `a about above after again against all am an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not of off on once only or other our ours ourselves out over own same she should so some such than that the their theirs them themselves then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your yours yourself yourselves`
