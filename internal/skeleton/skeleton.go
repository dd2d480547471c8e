// Package skeleton holds the files of a new site, as "pressroom init"
// writes them: site.toml with every key explained, a first release, and
// placeholders for the legal pages, in German or English.
package skeleton

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"text/template"
	"time"
)

//go:embed files
var files embed.FS

// Timezone is the timezone of a new site.
const Timezone = "Europe/Berlin"

// datePlaceholder in a file name is replaced by the day of the first release.
const datePlaceholder = "YYYY-MM-DD"

// Languages are the languages a new site can have.
var Languages = []string{"de", "en"}

// File is one file of a new site.
type File struct {
	Path string // slash path relative to the site's folder
	Data []byte
}

// Site returns the files of a new site in lang: site.toml, the files below
// content/ sorted by path, then .gitignore. The first
// release is dated now, to the minute, in the site's timezone, so that a
// build publishes it at once.
func Site(lang string, now time.Time) ([]File, error) {
	if !slices.Contains(Languages, lang) {
		return nil, fmt.Errorf("language %q is not supported (use %s)", lang, strings.Join(Languages, " or "))
	}
	loc, err := time.LoadLocation(Timezone)
	if err != nil {
		return nil, err
	}
	now = now.In(loc).Truncate(time.Minute)
	data := struct {
		Date, Timezone string
		Year           int
	}{now.Format("2006-01-02 15:04"), Timezone, now.Year()}
	day := now.Format("2006-01-02")

	var out []File
	root := path.Join("files", lang)
	err = fs.WalkDir(files, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := fs.ReadFile(files, p)
		if err != nil {
			return err
		}
		t, err := template.New(p).Option("missingkey=error").Parse(string(src))
		if err != nil {
			return err
		}
		var b bytes.Buffer
		if err := t.Execute(&b, data); err != nil {
			return err
		}
		name := strings.Replace(strings.TrimPrefix(p, root+"/"), datePlaceholder, day, 1)
		out = append(out, File{name, b.Bytes()})
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b File) int {
		if (a.Path == "site.toml") != (b.Path == "site.toml") {
			return map[bool]int{true: -1, false: 1}[a.Path == "site.toml"]
		}
		return strings.Compare(a.Path, b.Path)
	})
	ignore, err := files.ReadFile("files/gitignore")
	if err != nil {
		return nil, err
	}
	return append(out, File{".gitignore", ignore}), nil
}

// Placeholders returns the texts that init and new write for the user to
// replace: while one of them is still in a page or in site.toml that goes
// live, check and build warn (and check --strict fails).
func Placeholders() []string {
	return []string{
		// init: the legal pages, the boilerplate and the first release.
		"Platzhalter: bitte ergänzen",
		"Placeholder: please complete",
		"ist ein fiktiver Verband für dieses Beispiel",
		"is a fictional association for this example",
		"Dies ist eine Beispielmeldung",
		"This is an example release",
		// new: the skeleton of a release, a paper and a page.
		"Vorspann: Wer hat was, wann, wo und warum getan?",
		"Lead: who did what, when, where and why?",
		"Einzelheiten, Zahlen und Hintergründe.",
		"Details, figures and background.",
		"Vorname Nachname, Funktion",
		"First Last, role",
		"Zusammenfassung: Worum geht es, was fordern wir?",
		"Summary: what is it about, what do we ask for?",
	}
}

// PlaceholderAt returns the line (from 1) of the first placeholder in src
// and the placeholder, or 0 and "" if there is none. Lines that start with
// # are comments (site.toml) and skipped.
//
// Every page is scanned, so the placeholders are looked for by their
// rarest byte (such as the ":" of "Platzhalter: bitte ergänzen", see
// anchor): one bytes.IndexByte pass per such byte, and each placeholder
// with that byte compared whole where it occurs.
func PlaceholderAt(src []byte) (int, string) {
	first, what, order := 0, "", 0
	for c, group := range anchors() {
		for off := 0; ; {
			j := bytes.IndexByte(src[off:], c)
			if j < 0 {
				break
			}
			off += j + 1
			for _, a := range group {
				i := off - 1 - a.at // where the placeholder would start
				if i < 0 || !bytes.HasPrefix(src[i:], a.text) {
					continue
				}
				// The first line; on one line the first of Placeholders.
				n := bytes.Count(src[:i], []byte("\n")) + 1
				if first != 0 && (n > first || n == first && a.order > order) {
					continue
				}
				start := bytes.LastIndexByte(src[:i], '\n') + 1
				if line := bytes.TrimLeft(src[start:i], " \t"); len(line) > 0 && line[0] == '#' {
					continue
				}
				first, what, order = n, string(a.text), a.order
			}
		}
	}
	return first, what
}

// anchored is a placeholder and the offset of its anchor byte.
type anchored struct {
	text      []byte
	at, order int // order: the index in Placeholders
}

// anchors groups the placeholders by their anchor byte; made once.
var anchors = sync.OnceValue(func() map[byte][]anchored {
	m := map[byte][]anchored{}
	for i, p := range Placeholders() {
		at := anchor(p)
		m[p[at]] = append(m[p[at]], anchored{[]byte(p), at, i})
	}
	return m
})

// anchor is the offset of the rarest byte of p in German and English text:
// a punctuation mark other than a comma or full stop, else the least
// common letter.
func anchor(p string) int {
	const common = " enisratdhulcgmobwfkzvpyjxq" // by frequency, most common first
	best, rank := 0, -1
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		r := strings.IndexByte(common, c)
		switch {
		case r >= 0:
		case c == ',' || c == '.' || c >= 0x80: // in every sentence; umlauts in most German ones
			r = 1
		default:
			r = len(common) // other punctuation, digits
		}
		if r > rank {
			best, rank = i, r
		}
	}
	return best
}
