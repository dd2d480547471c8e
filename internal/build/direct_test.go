package build

import (
	"bytes"
	"context"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"pressroom/internal/publish"
	"pressroom/internal/testtool"
)

// trickySite has what challenges escaping and the template's branches:
// markup characters and "+" in texts, URLs that need percent-encoding or
// must be refused, images with and without size and credit, updates and
// corrections, several issuers, attachments, tables of contents, a base
// path and English.
var trickySite = testSite{
	"site.toml": `
title = "Presse <&> \"Test\" + 'Co'"
baseURL = "https://example.org/pr%C3%A4sse/"
language = "de"
description = "Alles über <Arbeit> & \"Soziales\""

[[organizations]]
id = "netz"
name = "Netz & <Werk> \"e. V.\""
url = "https://www.example.org/?a=1&b=2"
about = "Über **uns** & mehr."
contacts = ["anna", "ben"]

[[organizations]]
id = "b-2"
name = "Bündnis 'Zwei' + Partner"

[[contacts]]
id = "anna"
name = "Anna <Beispiel>"
role = "Sprecherin & Leiterin"
phone = "+49 (30) 123-45"
email = "anna+presse@example.org"

[[contacts]]
id = "ben"
name = "Ben"

[sections.pressemitteilungen]
title = "Presse & Mitteilungen"
kind = "release"

[sections.papiere]
title = "Papiere <neu>"
kind = "paper"

[strings]
release = "Meldung <Presse> & +"
related = "Mehr \"dazu\""

[pagination]
perPage = 2
`,
	"content/pressemitteilungen/2021-01-01-a/index.md": `---
title: "Titel <mit> & \"Zeichen\" + 'Apostroph'"
date: 2021-01-01T10:00:00+01:00
updated: 2021-02-01T09:00:00+01:00
correction: "Zahl <korrigiert> & ergänzt"
summary: "Kurz & <knapp> + \"gut\""
place: "Köln & Bonn"
organizations: [netz, b-2]
tags: ["SGB II", "Arbeit & Soziales", "C++"]
image: "bild mit leerzeichen ä.png"
image_alt: "Ein \"Bild\" <alt> & +"
image_credit: "Foto: A & B <C>"
attachments:
  - file: "mappe & plan.pdf"
    title: "Mappe <2021> & mehr"
  - file: "daten.csv"
    title: "Daten"
---

Erster Absatz mit [Link](https://example.org/?x=1&y=2).

## Teil <eins>
`,
	"content/pressemitteilungen/2021-01-01-a/mappe & plan.pdf":           "%PDF-1.4 " + strings.Repeat("x", 12345),
	"content/pressemitteilungen/2021-01-01-a/daten.csv":                  "a,b\n1,2\n",
	"content/pressemitteilungen/2021-01-01-a/bild mit leerzeichen ä.png": string(tinyPNG),
	"content/pressemitteilungen/2021-02-01-b/index.md": `---
title: B
date: 2021-02-01
image: "a'b (1)%20+#.png"
organizations: [netz]
---

Text.
`,
	"content/pressemitteilungen/2021-03-01-c.md": `---
title: C ohne alles
date: 2021-03-01
---
`,
	"content/pressemitteilungen/2021-02-01-b/a'b (1)%20+#.png": string(tinyPNG),
	"content/pressemitteilungen/2021-04-01-d/foto.jpg":         string(tinyJPEG),
	"content/pressemitteilungen/2021-04-01-d/index.md": `---
title: "D: Update ohne Korrektur"
date: 2021-04-01
updated: 2021-04-02
image: "foto.jpg"
image_credit: "Agentur"
tags: ["C++"]
---

Text.
`,
	"content/papiere/leitbild.md": `---
title: "Leitbild <2030> & \"mehr\""
date: 2021-05-01
updated: 2022-05-01
correction: "Kapitel 3 & 4"
summary: "Das Leitbild + Ziele"
organizations: [b-2]
tags: ["Arbeit & Soziales"]
attachments:
  - file: "leitbild.pdf"
    title: "Leitbild (PDF)"
---

Einleitung.

## Ziele & <Wege>

### Unterpunkt „Eins“ + 100 %

## Ziele & <Wege>
`,
	"content/papiere/leitbild.pdf":                    "%PDF-1.4",
	"content/papiere/kurz.md":                         "---\ntitle: Kurz\ndate: 2021-06-01\n---\n\nText.\n",
	"content/papiere/entwurf.md":                      "---\ntitle: Entwurf\ndate: 2021-07-01\ndraft: true\n---\n\nText.\n",
	"content/pressemitteilungen/2026-12-01-sperre.md": "---\ntitle: Gesperrt\ndate: 2026-12-01T10:00:00+01:00\nembargo_preview: true\n---\n\nText.\n",
}

// tinyPNG is a 1×1 PNG.

// TestDirectEqualsTemplates: the pages and partials written in Go
// (internal/render/direct_gen.go, generated from the templates) are byte
// for byte what the default templates make, for the tricky site, in
// English, the example site and a generated corpus. A copy of a template
// with a comment added is no longer the default one: a site with such
// copies of all is rendered by the templates alone.
func TestDirectEqualsTemplates(t *testing.T) {
	theme := os.DirFS(repoRoot)
	layouts := map[string][]byte{}
	fs.WalkDir(theme, "layouts", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			layouts[p], err = fs.ReadFile(theme, p)
		}
		return err
	})
	if len(layouts) < 10 {
		t.Fatalf("found %d templates", len(layouts))
	}
	sites := comparedSites()
	sites["corpus"] = corpusSite(t, 300)
	for name, site := range sites {
		t.Run(name, func(t *testing.T) {
			build := func(site fs.FS) *publish.Memory {
				mem := publish.NewMemory()
				if _, err := Build(context.Background(), comparedOptions(name, site), mem); err != nil {
					t.Fatal(err)
				}
				return mem
			}
			direct := build(site)
			templated := fstest.MapFS{}
			for name, text := range layouts {
				templated[name] = &fstest.MapFile{Data: append(bytes.Clone(text), "{{/* not the default */}}"...)}
			}
			for name, f := range site {
				templated[name] = f
			}
			want := build(templated)
			pages := 0
			for _, name := range want.Names() {
				a, _ := direct.Get(name)
				b, _ := want.Get(name)
				if !bytes.Equal(a, b) {
					t.Errorf("%s differs from the templates' output:\n%s", name, firstDifference(a, b))
				}
				if bytes.Contains(b, []byte(`<body class="kind-`)) {
					pages++
				}
			}
			if pages < 10 {
				t.Errorf("only %d pages compared", pages)
			}
			if name != "example" && name != "corpus" {
				for _, branch := range []string{"banner-draft", "banner-embargo", `class="status"`, "lead-image", `class="toc"`, `class="downloads"`, `class="pager"`} {
					found := false
					for _, n := range want.Names() {
						b, _ := want.Get(n)
						found = found || bytes.Contains(b, []byte(branch))
					}
					if !found {
						t.Errorf("no page shows %s", branch)
					}
				}
			}
		})
	}
}

// corpusSite is a site of n releases and papers made by
// ../shared/tools/gencorpus, in memory.
func corpusSite(t *testing.T, n int) fstest.MapFS {
	t.Helper()
	gen := filepath.Join(repoRoot, "..", "shared", "tools", "gencorpus")
	if _, err := os.Stat(filepath.Join(gen, "main.go")); err != nil {
		testtool.Missing(t, "../shared/tools/gencorpus", "a checkout of shared/ beside the repository")
	}
	dir, err := filepath.Abs(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	// go test puts its own go command first in PATH.
	if out, err := exec.Command("go", "run", "-C", gen, ".", "-n", strconv.Itoa(n), "-o", dir).CombinedOutput(); err != nil {
		t.Fatalf("gencorpus: %v\n%s", err, out)
	}
	site := fstest.MapFS{}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			var data []byte
			data, err = os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			site[filepath.ToSlash(rel)] = &fstest.MapFile{Data: data}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return site
}

// comparedSites are the sites whose outputs must agree however they are
// made: the tricky one, the same in English and the example site.
func comparedSites() map[string]fstest.MapFS {
	english := testSite{}
	for name, text := range trickySite {
		english[name] = text
	}
	english["site.toml"] = strings.Replace(trickySite["site.toml"], `language = "de"`, `language = "en"`, 1)
	example := fstest.MapFS{}
	fs.WalkDir(os.DirFS(repoRoot), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (p == "site.toml" || strings.HasPrefix(p, "content/")) {
			data, _ := fs.ReadFile(os.DirFS(repoRoot), p)
			example[p] = &fstest.MapFile{Data: data}
		}
		return err
	})
	return map[string]fstest.MapFS{"tricky": trickySite.fs(), "english": english.fs(), "example": example}
}

// comparedOptions builds drafts and embargo previews; in English,
// embargoed releases are shown as such.
func comparedOptions(name string, site fs.FS) Options {
	return Options{Site: site, Theme: os.DirFS(repoRoot), Now: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC),
		Drafts: true, PreviewSecret: "geheim-geheim-Vorschau-2026", Future: name == "english"}
}

// TestStreamedBuildEqualsHeld: a one-shot build writes each page as soon
// as its body is rendered and drops the body; its output, and that of the
// next build from its cache, is byte for byte what a build that holds all
// bodies makes.
func TestStreamedBuildEqualsHeld(t *testing.T) {
	for name, site := range comparedSites() {
		t.Run(name, func(t *testing.T) {
			held := publish.NewMemory()
			if _, err := Build(context.Background(), comparedOptions(name, site), held); err != nil {
				t.Fatal(err)
			}
			// The third build finds one title changed: its neighbours,
			// lists and feeds are made again, from the other bodies in
			// the cache.
			changed := fstest.MapFS{}
			for n, f := range site {
				changed[n] = f
			}
			for _, n := range slices.Sorted(maps.Keys(site)) {
				if text := string(site[n].Data); strings.HasPrefix(n, "content/pressemitteilungen/") && strings.Contains(text, "\ntitle:") {
					text = regexp.MustCompile(`\ntitle:.*`).ReplaceAllString(text, "\ntitle: Geänderter Titel")
					changed[n] = &fstest.MapFile{Data: []byte(text)}
					break
				}
			}
			heldChanged := publish.NewMemory()
			if _, err := Build(context.Background(), comparedOptions(name, changed), heldChanged); err != nil {
				t.Fatal(err)
			}
			opts := comparedOptions(name, site)
			cache := Cache{Dir: t.TempDir()}
			out := filepath.Join(t.TempDir(), "public")
			for _, run := range []string{"streamed", "from its cache", "one title changed"} {
				if run == "one title changed" {
					opts.Site, held = changed, heldChanged
				}
				dir, err := publish.NewDir(out)
				if err != nil {
					t.Fatal(err)
				}
				res, pending, err := BuildCached(context.Background(), opts, cache, dir)
				if err != nil {
					t.Fatal(err)
				}
				if err := dir.Commit(); err != nil {
					t.Fatal(err)
				}
				dir.Wait()
				if err := pending.Save(); err != nil {
					t.Fatal(err)
				}
				dropped := 0
				for _, e := range pending.b.inc.Bodies() {
					if e.Res.HTML == nil {
						dropped++
					}
				}
				if run == "streamed" && dropped < len(pending.b.inc.Bodies())/2 {
					t.Errorf("%s: only %d of %d bodies were dropped after their page was written", run, dropped, len(pending.b.inc.Bodies()))
				}
				if run == "from its cache" && res.Stats.Rendered != 0 {
					t.Errorf("%s: %d outputs made again, none changed", run, res.Stats.Rendered)
				}
				files := 0
				filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
					if err == nil && !d.IsDir() && d.Name() != publish.Marker {
						files++
					}
					return err
				})
				if run == "one title changed" && (res.Stats.Rendered < 5 || res.Stats.Rendered >= len(held.Names())) {
					t.Errorf("%s: %d outputs made again", run, res.Stats.Rendered)
				}
				if files != len(held.Names()) {
					t.Errorf("%s: %d outputs, held: %d", run, files, len(held.Names()))
				}
				for _, n := range held.Names() {
					a, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(n)))
					want, _ := held.Get(n)
					if err != nil || !bytes.Equal(a, want) {
						t.Errorf("%s: %s differs (%v):\n%s", run, n, err, firstDifference(a, want))
					}
				}
			}
		})
	}
}

// firstDifference shows where a and b part.
func firstDifference(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-120)
	return "Go:        …" + string(a[from:min(len(a), i+120)]) + "\ntemplates: …" + string(b[from:min(len(b), i+120)])
}
