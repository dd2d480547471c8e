package build

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"pressroom/internal/publish"
)

// TestFeedArchives builds a site with three items a feed and checks the
// archive documents (RFC 5005 §4): full pages counted from the oldest
// release, linked with prev-archive, next-archive and current, marked
// fh:archive, no draft in them; then, as new releases arrive, that a warm
// build neither changes nor rewrites the archive documents that keep their
// entries.
func TestFeedArchives(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "site")
	out := filepath.Join(dir, "public")
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("site.toml", siteTOML+"\n[feeds]\nitems = 3\narchives = \"all\"\n")
	add := func(i int) {
		write(fmt.Sprintf("content/pressemitteilungen/2024-01-%02d-m%d.md", i, i),
			release(fmt.Sprintf("Meldung %d", i), fmt.Sprintf("2024-01-%02d 10:00", i)))
	}
	for i := 1; i <= 7; i++ {
		add(i)
	}
	write("content/pressemitteilungen/2024-01-02-entwurf.md", release("Geheimer Entwurf", "2024-01-02 11:00", "draft: true"))
	opts := Options{SiteDir: root, Theme: os.DirFS(repoRoot), Now: time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)}
	cache := Cache{Dir: filepath.Join(root, CacheDir), Output: out}
	warm := func() {
		t.Helper()
		d, err := publish.NewDir(out)
		if err != nil {
			t.Fatal(err)
		}
		_, b, err := BuildCached(context.Background(), opts, cache, d)
		if err != nil {
			d.Abort()
			t.Fatal(err)
		}
		if err := d.Commit(); err != nil {
			t.Fatal(err)
		}
		if d.Changed() {
			if err := b.Save(); err != nil {
				t.Fatal(err)
			}
		} else {
			b.Drop()
		}
		d.Wait()
	}
	read := func(name string) string {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	titles := regexp.MustCompile(`<title>(Meldung \d+)</title>`)
	items := func(name string) string {
		var got []string
		for _, m := range titles.FindAllStringSubmatch(read(name), -1) {
			got = append(got, m[1])
		}
		return strings.Join(got, ", ")
	}
	const base = "https://presse.example.org/"
	link := func(rel, href, typ string) string {
		return `<link href="` + base + href + `" rel="` + rel + `" type="` + typ + `">`
	}
	has := func(name string, want ...string) {
		t.Helper()
		doc := read(name)
		for _, w := range want {
			if !strings.Contains(doc, w) {
				t.Errorf("%s lacks %s:\n%s", name, w, doc)
			}
		}
	}
	hasNot := func(name string, unwanted ...string) {
		t.Helper()
		doc := read(name)
		for _, w := range unwanted {
			if strings.Contains(doc, w) {
				t.Errorf("%s has %s", name, w)
			}
		}
	}
	warm()

	// Seven releases, three a page: two full archive pages, the seventh
	// only in the subscription feed, which holds the newest three.
	for name, want := range map[string]string{
		"feed.xml":                             "Meldung 7, Meldung 6, Meldung 5",
		"archiv/feed-1.xml":                    "Meldung 3, Meldung 2, Meldung 1",
		"archiv/feed-2.xml":                    "Meldung 6, Meldung 5, Meldung 4",
		"archiv/atom-1.xml":                    "Meldung 3, Meldung 2, Meldung 1",
		"archiv/atom-2.xml":                    "Meldung 6, Meldung 5, Meldung 4",
		"pressemitteilungen/archiv/feed-2.xml": "Meldung 6, Meldung 5, Meldung 4",
	} {
		if got := items(name); got != want {
			t.Errorf("%s holds %s, want %s", name, got, want)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "archiv", "feed-3.xml")); err == nil {
		t.Error("archiv/feed-3.xml is made of a page that is not full")
	}
	if _, err := os.Stat(filepath.Join(out, "archiv", "feed-1.json")); err == nil {
		t.Error("a JSON Feed archive is made")
	}
	const rss, atom = "application/rss+xml", "application/atom+xml"
	rssLink := func(rel, href string) string {
		return strings.Replace(link(rel, href, rss), "<link", "<atom:link", 1)
	}
	has("feed.xml", rssLink("prev-archive", "archiv/feed-2.xml"))
	hasNot("feed.xml", "fh:archive", "next-archive")
	has("archiv/feed-1.xml", `xmlns:fh="http://purl.org/syndication/history/1.0"`, "<fh:archive></fh:archive>",
		rssLink("self", "archiv/feed-1.xml"), rssLink("current", "feed.xml"), rssLink("next-archive", "archiv/feed-2.xml"))
	hasNot("archiv/feed-1.xml", "prev-archive", "Geheimer Entwurf")
	has("archiv/feed-2.xml", rssLink("prev-archive", "archiv/feed-1.xml"), rssLink("next-archive", "feed.xml"))
	has("atom.xml", link("prev-archive", "archiv/atom-2.xml", atom))
	has("archiv/atom-1.xml", "<fh:archive></fh:archive>", link("self", "archiv/atom-1.xml", atom),
		link("current", "atom.xml", atom), link("next-archive", "archiv/atom-2.xml", atom))
	has("archiv/atom-2.xml", link("prev-archive", "archiv/atom-1.xml", atom), link("next-archive", "atom.xml", atom))

	// A new release: no page is full; the archives keep bytes and files.
	old := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
	archives := []string{"archiv/feed-1.xml", "archiv/feed-2.xml", "archiv/atom-1.xml", "archiv/atom-2.xml", "pressemitteilungen/archiv/feed-1.xml"}
	before := map[string]string{}
	for _, a := range archives {
		before[a] = read(a)
		if err := os.Chtimes(filepath.Join(out, filepath.FromSlash(a)), old, old); err != nil {
			t.Fatal(err)
		}
	}
	untouched := func(names ...string) {
		t.Helper()
		for _, a := range names {
			if read(a) != before[a] {
				t.Errorf("%s changed", a)
			}
			info, err := os.Stat(filepath.Join(out, filepath.FromSlash(a)))
			if err != nil {
				t.Fatal(err)
			}
			if !info.ModTime().Equal(old) {
				t.Errorf("%s was written again", a)
			}
		}
	}
	add(8)
	warm()
	if got := items("feed.xml"); got != "Meldung 8, Meldung 7, Meldung 6" {
		t.Errorf("feed.xml holds %s", got)
	}
	untouched(archives...)

	// The ninth fills page 3: page 2 now links to it, page 1 stays.
	add(9)
	warm()
	if got := items("archiv/feed-3.xml"); got != "Meldung 9, Meldung 8, Meldung 7" {
		t.Errorf("archiv/feed-3.xml holds %s", got)
	}
	has("archiv/feed-2.xml", rssLink("next-archive", "archiv/feed-3.xml"))
	has("feed.xml", rssLink("prev-archive", "archiv/feed-3.xml"))
	untouched("archiv/feed-1.xml", "archiv/atom-1.xml", "pressemitteilungen/archiv/feed-1.xml")
}
