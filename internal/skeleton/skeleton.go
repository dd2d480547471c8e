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
func PlaceholderAt(src []byte) (int, string) {
	first, what := 0, ""
	for _, p := range Placeholders() {
		off := 0
		for {
			i := bytes.Index(src[off:], []byte(p))
			if i < 0 {
				break
			}
			i += off
			start := bytes.LastIndexByte(src[:i], '\n') + 1
			if line := bytes.TrimLeft(src[start:i], " \t"); len(line) > 0 && line[0] == '#' {
				off = i + len(p)
				continue
			}
			if at := bytes.Count(src[:i], []byte("\n")) + 1; first == 0 || at < first {
				first, what = at, p
			}
			break
		}
	}
	return first, what
}
