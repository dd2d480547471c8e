package build

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"image"
	"image/png"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pressroom/internal/publish"
)

// ownTemplates replace the default theme's with templates that show what
// the default ones do not: every section's pages by title on every page,
// and each page's attachments with their sizes.
var ownTemplates = map[string]string{
	"layouts/partials/footer.html": `<footer>{{range .Site.Sections}}<h2>{{.Title}}</h2>{{range .Pages}}<a href="{{url .URL}}">{{.Title}}</a> {{end}}{{end}}</footer>`,
	"layouts/release.html": `{{define "main"}}<h1>{{.Page.Title}}</h1><p>{{printf "%v" .Page.Params}}</p>{{.Content}}` +
		`{{range .Page.Attachments}}<a href="{{.File}}">{{.Title}} {{size .Size}}</a>{{end}}` +
		`{{with .Page.Image}}<img src="{{.}}" width="{{$.Page.ImageWidth}}" height="{{$.Page.ImageHeight}}">{{end}}{{end}}`,
	"layouts/release.txt": "{{.Page.Title}}\n\n{{plain .Content}}\n{{range .Page.Attachments}}{{.Title}} {{size .Size}}\n{{end}}" +
		"{{range .Site.Dated}}{{.Title}}\n{{end}}",
}

// TestWarmEqualsCold makes random changes to a site on disk and builds it
// after each as pressroom build does, with the cache, into the same output
// folder; the output must be byte for byte that of a build without the
// cache. The changes include what a cache may miss: attachments and images
// rewritten with the same size and modification time, or with another size,
// bundle files that come and go, a damaged cache, and, with the site's own
// templates, pages that show other pages' titles.
func TestWarmEqualsCold(t *testing.T) {
	for _, own := range []bool{false, true} {
		// Each kind of change alone, then random ones one after another.
		for kind := range changes {
			t.Run(fmt.Sprintf("own-templates=%v/%s", own, changes[kind]), func(t *testing.T) { warmEqualsCold(t, own, []int{kind}) })
		}
		t.Run(fmt.Sprintf("own-templates=%v/random", own), func(t *testing.T) {
			rng := rand.New(rand.NewSource(11))
			var steps []int
			for range 30 {
				steps = append(steps, rng.Intn(len(changes)))
			}
			warmEqualsCold(t, own, steps)
		})
	}
}

// changes names the kinds of changes of warmEqualsCold.
var changes = []string{"body", "title", "attachment-same-size-and-time", "attachment-size", "image-pixel-size",
	"bundle-file", "damaged-cache", "new-release", "nothing", "preview-body"}

func warmEqualsCold(t *testing.T, own bool, steps []int) {
	rng := rand.New(rand.NewSource(11))
	dir := t.TempDir()
	root := filepath.Join(dir, "site")
	out := filepath.Join(dir, "public")
	past := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	write := func(name string, data []byte) {
		t.Helper()
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// rewrite puts other bytes of the same length into a file and gives it
	// back its modification time, as cp -p, rsync -t and unzip do.
	rewrite := func(name string, data []byte) {
		t.Helper()
		p := filepath.Join(root, filepath.FromSlash(name))
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		write(name, data)
		if err := os.Chtimes(p, info.ModTime(), info.ModTime()); err != nil {
			t.Fatal(err)
		}
	}
	picture := func(w, h int) []byte {
		var b bytes.Buffer
		img := image.NewGray(image.Rect(0, 0, w, h))
		for i := range img.Pix {
			img.Pix[i] = byte(rng.Intn(256))
		}
		png.Encode(&b, img)
		return b.Bytes()
	}
	pdf := func(n int, fill byte) []byte { return append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte{fill}, n)...) }

	write("site.toml", []byte(siteTOML))
	for name, text := range ownTemplates {
		if own {
			write(name, []byte(text))
		}
	}
	const bundle = "content/pressemitteilungen/2024-05-01-mappe/"
	write(bundle+"index.md", []byte(release("Pressemappe", "2024-05-01 10:00",
		"attachments: [{file: mappe.pdf, title: Pressemappe}]", "image: bild.png", "image_alt: Ein Bild")+"\nMit Mappe.\n"))
	write(bundle+"mappe.pdf", pdf(800, 'a'))
	write(bundle+"bild.png", picture(40, 30))
	var names []string
	for i := 0; i < 8; i++ {
		name := fmt.Sprintf("content/pressemitteilungen/2024-0%d-10-m%d.md", 1+i%9, i)
		extra := "tags: [Jobcenter]"
		if i == 0 { // a key of the theme's own, of every type, through the cache
			extra += "\nparams:\n  untertitel: Neu\n  zahl: 3\n  anteil: 0.5\n  liste: [a, 2]\n  wann: 2021-01-01\n  tabelle: {x: 1}"
		}
		write(name, []byte(release(fmt.Sprintf("Meldung %d", i), fmt.Sprintf("2024-0%d-10", 1+i%9), extra)+"\nText.\n"))
		names = append(names, name)
	}
	// A release under embargo with a preview for journalists.
	const preview = "content/pressemitteilungen/2025-06-05-vorab.md"
	write(preview, []byte(release("Vorab", "2025-06-05 10:00", "embargo: 2025-06-05 10:00", "embargo_preview: true")+"\nVorab.\n"))
	opts := Options{SiteDir: root, Theme: os.DirFS(repoRoot), Now: past, PreviewSecret: "geheim-geheim-Vorschau-2026"}
	cache := Cache{Dir: filepath.Join(root, CacheDir), Output: out}

	warm := func() error {
		t.Helper()
		d, err := publish.NewDir(out)
		if err != nil {
			t.Fatal(err)
		}
		_, b, err := BuildCached(context.Background(), opts, cache, d)
		if err == nil {
			err = d.Commit()
		} else {
			d.Abort()
		}
		if err == nil && d.Changed() {
			if err := b.Save(); err != nil {
				t.Fatal(err)
			}
		} else {
			b.Drop()
		}
		d.Wait()
		return err
	}
	cold := func() *publish.Memory {
		t.Helper()
		mem := publish.NewMemory()
		if _, err := Build(context.Background(), opts, mem); err != nil {
			t.Fatal(err)
		}
		return mem
	}
	compare := func(step int, what string) {
		t.Helper()
		got := publish.NewMemory()
		filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(out, p)
			if rel == publish.Marker {
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			return got.Write(filepath.ToSlash(rel), data)
		})
		if diff := compareMemory(cold(), got); diff != "" {
			t.Fatalf("step %d (%s): the build with the cache differs from one without:\n%s", step, what, diff)
		}
	}
	if err := warm(); err != nil {
		t.Fatal(err)
	}
	compare(0, "first build")
	for i, kind := range steps {
		step := i + 1
		what := changes[kind]
		switch kind {
		case 0:
			name := names[rng.Intn(len(names))]
			data, _ := os.ReadFile(filepath.Join(root, name))
			write(name, append(data, fmt.Sprintf("\nAbsatz %d.\n", step)...))
		case 1:
			name := names[rng.Intn(len(names))]
			data, _ := os.ReadFile(filepath.Join(root, name))
			write(name, bytes.Replace(data, []byte("title: \""), []byte(fmt.Sprintf("title: \"Neu %d ", step)), 1))
		case 2:
			rewrite(bundle+"mappe.pdf", pdf(800, byte('b'+step%20)))
		case 3:
			write(bundle+"mappe.pdf", pdf(500+rng.Intn(3000), 'c'))
		case 4:
			rewrite(bundle+"bild.png", picture(20+rng.Intn(50), 10+rng.Intn(50)))
		case 5:
			extra := bundle + "grafik.txt"
			if _, err := os.Stat(filepath.Join(root, extra)); err == nil {
				os.Remove(filepath.Join(root, extra))
			} else {
				write(extra, []byte(fmt.Sprintf("Daten %d\n", step)))
			}
		case 6:
			damageBodies(t, filepath.Join(cache.Dir, "build.gob"))
			// Pages are made again that show the changed title.
			name := names[rng.Intn(len(names))]
			data, _ := os.ReadFile(filepath.Join(root, name))
			write(name, bytes.Replace(data, []byte("title: \""), []byte(fmt.Sprintf("title: \"Anders %d ", step)), 1))
		case 7:
			name := fmt.Sprintf("content/pressemitteilungen/2024-11-%02d-neu%d.md", 1+step%28, step)
			write(name, []byte(release(fmt.Sprintf("Neu %d", step), fmt.Sprintf("2024-11-%02d", 1+step%28), "tags: [Jobcenter]")+"\nNeu.\n"))
			names = append(names, name)
		case 9:
			data, _ := os.ReadFile(filepath.Join(root, preview))
			write(preview, append(data, fmt.Sprintf("\nNachtrag %d.\n", step)...))
		}
		if err := warm(); err != nil {
			t.Fatalf("step %d (%s): %v", step, what, err)
		}
		compare(step, what)
	}
}

// damageBodies changes bytes of the HTML that the cache file holds of the
// pages' bodies (the file begins with it; its last 8 bytes tell where it
// ends), as a disk or a hand might: every "Text." becomes "Fake!".
func damageBodies(t *testing.T, file string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	blob := int(binary.LittleEndian.Uint64(data[len(data)-8:]))
	if blob > len(data) || !bytes.Contains(data[:blob], []byte("Text.")) {
		t.Fatal("the cache holds no HTML to damage")
	}
	copy(data, bytes.ReplaceAll(data[:blob], []byte("Text."), []byte("Fake!")))
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCheckFailsWhereBuildFails: a template of the site's own that fails
// on some pages only (here: on a release without topics, and on the second
// page of a list) fails check as it fails build, at the same line.
func TestCheckFailsWhereBuildFails(t *testing.T) {
	for name, tmpl := range map[string]string{
		"layouts/release.html": `{{define "main"}}<h1>{{.Page.Title}}</h1><p>{{(index .Page.Tags 0).Name}}</p>{{.Content}}{{end}}`,
		"layouts/list.html":    `{{define "main"}}<h1>{{.Title}}</h1>{{if gt .Pager.Number 1}}{{template "nope" .}}{{end}}{{end}}`,
	} {
		t.Run(name, func(t *testing.T) {
			s := testSite{"site.toml": siteTOML, name: tmpl} // two entries a list page
			for i := 1; i <= 5; i++ {
				tags := "tags: [Jobcenter]"
				if i == 3 {
					tags = ""
				}
				s[fmt.Sprintf("content/pressemitteilungen/2021-0%d-01-m%d.md", i, i)] = release(fmt.Sprintf("Meldung %d", i), fmt.Sprintf("2021-0%d-01", i), tags) + "\nText.\n"
			}
			_, buildErr := tryBuild(s, Options{})
			_, checkErr := tryRun(s, Options{}, true)
			t.Logf("build: %v", buildErr)
			if buildErr == nil {
				t.Fatal("the build did not fail")
			}
			if checkErr == nil {
				t.Fatalf("check passed a site whose build fails:\n%v", buildErr)
			}
			if first := strings.SplitN(buildErr.Error(), "\n", 2)[0]; !strings.Contains(checkErr.Error(), first) {
				t.Errorf("check says\n%v\nbuild says\n%v", checkErr, buildErr)
			}
		})
	}
}

// TestOutputFormatsByTemplate: layouts/KIND.EXT makes index.EXT beside each
// output of KIND.html, with text/template; one without an HTML template
// is reported.
func TestOutputFormatsByTemplate(t *testing.T) {
	s := testSite{"site.toml": siteTOML,
		"layouts/release.txt":                        "{{.Page.Title}}\n{{date .Page.Date}}\n\n{{plain .Content}}\n",
		"layouts/home.json":                          `{"title": {{json .Title}}, "latest": [{{range $i, $p := .Latest}}{{if $i}}, {{end}}{{json (abs $p.URL)}}{{end}}]}` + "\n",
		"layouts/robots.txt":                         "User-agent: *\n",
		"content/pressemitteilungen/2021-03-01-a.md": release("Kommunen & Jobcenter", "2021-03-01", "") + "\nErster <b>Absatz</b> mit *Betonung*.\n\n- eins\n- zwei\n",
		"content/pressemitteilungen/2021-04-01-b.md": release("Zweite", "2021-04-01", ""),
	}
	b := buildSite(t, s, Options{})
	b.contains("pressemitteilungen/2021/a/index.txt", "Kommunen & Jobcenter\n1. März 2021\n\nErster Absatz von Kommunen & Jobcenter.\n\nZweiter Absatz.\n\nErster Absatz mit Betonung.\n\n- eins\n- zwei\n")
	b.lacks("pressemitteilungen/2021/a/index.txt", "<p>", "&amp;", "<em>")
	b.contains("index.json", `"title": "Testpresse"`, `"https://presse.example.org/pressemitteilungen/2021/b/", "https://presse.example.org/pressemitteilungen/2021/a/"`)
	if b.has("pressemitteilungen/index.txt") || b.has("index.txt") {
		t.Error("a format without its template was made")
	}
	var warned bool
	for _, w := range b.res.Warnings {
		warned = warned || strings.Contains(w.String(), "layouts/robots.txt") && strings.Contains(w.String(), "no layouts/robots.html")
	}
	if !warned {
		t.Errorf("no warning for layouts/robots.txt: %v", b.res.Warnings)
	}
}

// TestParamsReachTemplatesAndFeeds: a key of the theme's own (params:, and
// [params] in site.toml) is shown by a template of the site's own on the
// page and by partials/feed-content.html in every feed, with no change to
// pressroom.
func TestParamsReachTemplatesAndFeeds(t *testing.T) {
	s := testSite{"site.toml": siteTOML + "\n[params]\nclaim = \"Gemeinsam stark\"\n",
		"layouts/partials/feed-content.html":         `{{with .Page.Params.untertitel}}<p class="sub">{{.}}</p>{{end}}{{.Content}}`,
		"layouts/partials/banner.html":               `{{with .Page}}{{with .Params.untertitel}}<p class="sub">{{.}}</p>{{end}}{{end}}<p>{{.Site.Params.claim}}</p>`,
		"content/pressemitteilungen/2021-03-01-a.md": release("Eins", "2021-03-01", "params:\n  untertitel: \"Zwei Jahre & mehr\"\n  zahl: 3") + "\nText.\n",
		"content/pressemitteilungen/2021-04-01-b.md": release("Zwei", "2021-04-01", ""),
	}
	b := buildSite(t, s, Options{})
	b.contains("pressemitteilungen/2021/a/index.html", `<p class="sub">Zwei Jahre &amp; mehr</p>`, "<p>Gemeinsam stark</p>")
	b.lacks("pressemitteilungen/2021/b/index.html", `class="sub"`)
	b.contains("feed.xml", `<p class="sub">Zwei Jahre &amp; mehr</p>`)
	b.contains("atom.xml", "Zwei Jahre &amp;amp; mehr")
	b.contains("feed.json", `<p class=\"sub\">Zwei Jahre &amp; mehr</p>`)

	s["content/pressemitteilungen/2021-04-01-b.md"] = release("Zwei", "2021-04-01", "params: [eins]")
	if _, err := tryBuild(s, Options{}); err == nil || !strings.Contains(err.Error(), "2021-04-01-b.md:4: params: expected a table") {
		t.Errorf("params that are no table: %v", err)
	}
}

// TestHeadingIDsAvoidOwnTemplateIDs: a heading of a body never takes an id
// that a template of the site's own gives an element.
func TestHeadingIDsAvoidOwnTemplateIDs(t *testing.T) {
	s := testSite{"site.toml": siteTOML,
		"layouts/partials/banner.html":               `<aside id="hinweis">Hinweis</aside>`,
		"content/pressemitteilungen/2021-03-01-a.md": release("Eins", "2021-03-01", "") + "\n## Hinweis\n\nText.\n",
	}
	b := buildSite(t, s, Options{})
	b.contains("pressemitteilungen/2021/a/index.html", `<aside id="hinweis">`, `<h2 id="hinweis-1">`)
}

// TestCheckFailsWhereBuildFailsInFeeds: a feed item's content of the site's
// own (partials/feed-content.html) that fails only for an old release,
// which only its topic's feed shows, fails check as it fails build.
func TestCheckFailsWhereBuildFailsInFeeds(t *testing.T) {
	s := testSite{"site.toml": siteTOML + "\n[feeds]\nitems = 2\n",
		"layouts/partials/feed-content.html":           `{{range .Page.Tags}}{{if eq .Name "Alt"}}{{index $.Page.Tags 3}}{{end}}{{end}}{{.Content}}`,
		"content/pressemitteilungen/2021-01-01-alt.md": release("Alt", "2021-01-01", "tags: [Alt]") + "\nText.\n",
	}
	for i := 2; i <= 5; i++ {
		s[fmt.Sprintf("content/pressemitteilungen/2021-0%d-01-m%d.md", i, i)] = release(fmt.Sprintf("Meldung %d", i), fmt.Sprintf("2021-0%d-01", i), "tags: [Neu]") + "\nText.\n"
	}
	_, buildErr := tryBuild(s, Options{})
	_, checkErr := tryRun(s, Options{}, true)
	if buildErr == nil {
		t.Fatal("the build did not fail")
	}
	if checkErr == nil {
		t.Fatalf("check passed a site whose build fails:\n%v", buildErr)
	}
}
