package conformance

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
	jsonfeed "github.com/mmcdole/gofeed/json"
	"github.com/mmcdole/gofeed/rss"
	"golang.org/x/net/html"

	"pressroom/internal/site"
)

// rfc1123 is an RSS date with a numeric offset: "Tue, 05 Oct 2021 10:00:00 +0200".
var rfc1123 = regexp.MustCompile(`^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$`)

// TestFeeds parses every feed of the example site with gofeed and checks
// the rules of its format: RSS 2.0 with atom:link rel=self, RFC 1123 dates
// with a numeric offset and permalink GUIDs; Atom with id, updated, author,
// alternate and self links; JSON Feed 1.1 with version, home_page_url and
// feed_url. Item links, enclosures and every URL in item content are
// absolute and resolve to a file of the build (fragments to an id in it);
// titles come through exactly (umlauts unescaped, nothing escaped twice).
func TestFeeds(t *testing.T) {
	o := example(t)
	byURL := map[string]*site.Page{}
	for _, p := range o.res.Site.Pages {
		byURL[o.base.String()+strings.TrimPrefix(p.URL, "/")] = p
	}
	names := append(o.files(t, "/feed.xml", "/atom.xml", "/feed.json"), "feed.xml", "atom.xml", "feed.json")
	if len(names) < 30 {
		t.Fatalf("only %d feeds", len(names))
	}
	items := 0
	for _, name := range names {
		data := o.read(t, name)
		folder := o.url(path.Dir(name) + "/")
		if path.Dir(name) == "." {
			folder = o.base.String()
		}
		self := o.url(name)
		errorf := func(format string, args ...any) {
			t.Helper()
			t.Errorf("%s: %s", name, fmt.Sprintf(format, args...))
		}

		f, err := gofeed.NewParser().Parse(bytes.NewReader(data))
		if err != nil {
			errorf("gofeed: %v", err)
			continue
		}
		wantType := map[string]gofeed.FeedType{"feed.xml": gofeed.FeedTypeRSS, "atom.xml": gofeed.FeedTypeAtom, "feed.json": gofeed.FeedTypeJSON}[path.Base(name)]
		if gofeed.DetectFeedType(bytes.NewReader(data)) != wantType {
			errorf("detected as %v, want %v", gofeed.DetectFeedType(bytes.NewReader(data)), wantType)
		}
		if f.Title == "" || f.Link != folder || f.FeedLink != self || f.UpdatedParsed == nil && wantType != gofeed.FeedTypeJSON {
			errorf("feed: title %q, link %q (want %q), feed link %q (want %q), updated %v", f.Title, f.Link, folder, f.FeedLink, self, f.UpdatedParsed)
		}
		if len(f.Items) == 0 {
			errorf("no items")
		}
		checkEscapes(t, name, data, f)
		for _, it := range f.Items {
			items++
			where := fmt.Sprintf("item %q", it.Link)
			p := byURL[it.Link]
			if p == nil {
				errorf("%s: the link is not a page of the site", where)
				continue
			}
			checkURL(t, o, name+": "+where+": link", it.Link)
			if it.Title != p.Title {
				errorf("%s: title %q, want %q", where, it.Title, p.Title)
			}
			if it.GUID != it.Link {
				errorf("%s: guid %q, want the link", where, it.GUID)
			}
			if it.PublishedParsed == nil || !it.PublishedParsed.Equal(p.Released()) {
				errorf("%s: published %v, want %v", where, it.PublishedParsed, p.Released())
			}
			if it.Content == "" {
				errorf("%s: no content (the example site has full-text feeds)", where)
			}
			for _, ref := range htmlURLs(it.Content) {
				checkURL(t, o, name+": "+where+": content", ref)
			}
			for _, e := range it.Enclosures {
				file := checkURL(t, o, name+": "+where+": enclosure", e.URL)
				if file == "" {
					continue
				}
				st, err := os.Stat(filepath.Join(o.dir, filepath.FromSlash(file)))
				if err == nil && e.Length != "" && e.Length != strconv.FormatInt(st.Size(), 10) {
					errorf("%s: enclosure %s: length %s, file has %d bytes", where, e.URL, e.Length, st.Size())
				}
				if e.Type == "" {
					errorf("%s: enclosure %s without type", where, e.URL)
				}
			}
		}

		switch wantType {
		case gofeed.FeedTypeRSS:
			checkRSS(t, name, data, self, folder)
		case gofeed.FeedTypeAtom:
			checkAtom(t, name, data, self, folder)
		case gofeed.FeedTypeJSON:
			checkJSONFeed(t, name, data, self, folder)
		}
	}
	t.Logf("%d feeds, %d items", len(names), items)
}

func checkRSS(t *testing.T, name string, data []byte, self, folder string) {
	t.Helper()
	f, err := (&rss.Parser{}).Parse(bytes.NewReader(data))
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	if f.Version != "2.0" || f.Title == "" || f.Link != folder || f.Description == "" {
		t.Errorf("%s: version %q, title %q, link %q, description %q", name, f.Version, f.Title, f.Link, f.Description)
	}
	selfOK := false
	for _, l := range f.Extensions["atom"]["link"] {
		if l.Attrs["rel"] == "self" && l.Attrs["href"] == self && l.Attrs["type"] == "application/rss+xml" {
			selfOK = true
		}
	}
	if !selfOK {
		t.Errorf("%s: no atom:link rel=self href=%s type=application/rss+xml", name, self)
	}
	for _, d := range []string{f.LastBuildDate, f.PubDate} {
		if d != "" && !rfc1123.MatchString(d) {
			t.Errorf("%s: channel date %q is not RFC 1123 with a numeric offset", name, d)
		}
	}
	for _, it := range f.Items {
		if !rfc1123.MatchString(it.PubDate) {
			t.Errorf("%s: item %s: pubDate %q is not RFC 1123 with a numeric offset", name, it.Link, it.PubDate)
		}
		if it.GUID == nil || it.GUID.IsPermalink != "true" || it.GUID.Value != it.Link {
			t.Errorf("%s: item %s: guid %+v, want the link with isPermaLink=true", name, it.Link, it.GUID)
		}
		if it.Title == "" || it.Description == "" {
			t.Errorf("%s: item %s: no title or description", name, it.Link)
		}
	}
}

func checkAtom(t *testing.T, name string, data []byte, self, folder string) {
	t.Helper()
	f, err := (&atom.Parser{}).Parse(bytes.NewReader(data))
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	if f.ID == "" || f.Title == "" || f.UpdatedParsed == nil || len(f.Authors) == 0 || f.Authors[0].Name == "" {
		t.Errorf("%s: id %q, title %q, updated %q, authors %v", name, f.ID, f.Title, f.Updated, f.Authors)
	}
	if _, err := time.Parse(time.RFC3339, f.Updated); err != nil {
		t.Errorf("%s: updated: %v", name, err)
	}
	links := map[string]*atom.Link{}
	for _, l := range f.Links {
		links[l.Rel] = l
	}
	if l := links["alternate"]; l == nil || l.Href != folder || l.Type != "text/html" {
		t.Errorf("%s: alternate link %+v, want %s", name, l, folder)
	}
	if l := links["self"]; l == nil || l.Href != self || l.Type != "application/atom+xml" {
		t.Errorf("%s: self link %+v, want %s", name, l, self)
	}
	for _, e := range f.Entries {
		alt := ""
		for _, l := range e.Links {
			if l.Rel == "" || l.Rel == "alternate" {
				alt = l.Href
			}
		}
		if e.ID == "" || e.Title == "" || alt == "" || e.ID != alt {
			t.Errorf("%s: entry id %q, title %q, alternate link %q", name, e.ID, e.Title, alt)
		}
		for _, d := range []string{e.Updated, e.Published} {
			if _, err := time.Parse(time.RFC3339, d); err != nil {
				t.Errorf("%s: entry %s: %v", name, e.ID, err)
			}
		}
		if len(e.Authors) == 0 && len(f.Authors) == 0 {
			t.Errorf("%s: entry %s has no author", name, e.ID)
		}
		if e.Content == nil || e.Content.Type != "html" {
			t.Errorf("%s: entry %s: content %+v, want type html", name, e.ID, e.Content)
		}
	}
}

func checkJSONFeed(t *testing.T, name string, data []byte, self, folder string) {
	t.Helper()
	f, err := (&jsonfeed.Parser{}).Parse(bytes.NewReader(data))
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	if f.Version != "https://jsonfeed.org/version/1.1" || f.HomePageURL != folder || f.FeedURL != self || f.Title == "" || f.Language == "" {
		t.Errorf("%s: version %q, home_page_url %q (want %s), feed_url %q (want %s), title %q, language %q",
			name, f.Version, f.HomePageURL, folder, f.FeedURL, self, f.Title, f.Language)
	}
	for _, it := range f.Items {
		if it.ID == "" || it.URL == "" || it.ContentHTML == "" && it.ContentText == "" {
			t.Errorf("%s: item id %q, url %q: needs id, url and content", name, it.ID, it.URL)
		}
		for _, d := range []string{it.DatePublished, it.DateModified} {
			if _, err := time.Parse(time.RFC3339, d); err != nil {
				t.Errorf("%s: item %s: %v", name, it.ID, err)
			}
		}
		if len(it.Authors) == 0 {
			t.Errorf("%s: item %s has no authors", name, it.ID)
		}
		if it.Attachments != nil {
			for _, a := range *it.Attachments {
				if a.URL == "" || a.MimeType == "" {
					t.Errorf("%s: item %s: attachment %+v needs url and mime_type", name, it.ID, a)
				}
			}
		}
	}
}

var (
	numericRef    = regexp.MustCompile(`&#(x[0-9a-fA-F]+|[0-9]+);`)
	jsonEscape    = regexp.MustCompile(`\\u([0-9a-fA-F]{4})`)
	doubleEscaped = regexp.MustCompile(`&amp;(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);`)
	entity        = regexp.MustCompile(`&(#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z]+);`)
)

// checkEscapes asserts that text is written as itself: no letters as
// numeric references or \u escapes in the file, the umlauts of the titles
// in its bytes, and, once parsed, no entity left in plain text and none
// escaped twice in HTML content.
func checkEscapes(t *testing.T, name string, data []byte, f *gofeed.Feed) {
	t.Helper()
	for _, m := range numericRef.FindAllSubmatch(data, -1) {
		s := string(m[1])
		var n int64
		if strings.HasPrefix(s, "x") {
			n, _ = strconv.ParseInt(s[1:], 16, 32)
		} else {
			n, _ = strconv.ParseInt(s, 10, 32)
		}
		if unicode.IsLetter(rune(n)) {
			t.Errorf("%s: %c written as %s", name, rune(n), m[0])
			break
		}
	}
	for _, m := range jsonEscape.FindAllSubmatch(data, -1) {
		n, _ := strconv.ParseInt(string(m[1]), 16, 32)
		if unicode.IsLetter(rune(n)) {
			t.Errorf("%s: %c written as %s", name, rune(n), m[0])
			break
		}
	}
	for _, it := range f.Items {
		if strings.ContainsAny(it.Title, "äöüÄÖÜß") && !bytes.Contains(data, []byte(it.Title)) && !bytes.Contains(data, []byte(html.EscapeString(it.Title))) {
			t.Errorf("%s: the title %q is not in the feed as written", name, it.Title)
		}
		for _, s := range []string{it.Title, it.Description} {
			if m := entity.FindString(s); m != "" {
				t.Errorf("%s: item %s: entity %s left in plain text %q", name, it.Link, m, s)
			}
		}
		if m := doubleEscaped.FindString(it.Content); m != "" {
			t.Errorf("%s: item %s: entity escaped twice in the content: %s", name, it.Link, m)
		}
	}
}

// htmlURLs lists the URLs in href, src, srcset and poster attributes of an
// HTML fragment.
func htmlURLs(fragment string) []string {
	doc, err := html.Parse(strings.NewReader(fragment))
	if err != nil {
		return []string{"<unparsable HTML>"}
	}
	var out []string
	for _, n := range findAll(doc, func(*html.Node) bool { return true }) {
		for _, a := range n.Attr {
			switch a.Key {
			case "href", "src", "poster":
				out = append(out, a.Val)
			case "srcset":
				for _, c := range strings.Split(a.Val, ",") {
					if f := strings.Fields(c); len(f) > 0 {
						out = append(out, f[0])
					}
				}
			}
		}
	}
	return out
}

// checkURL asserts that ref is absolute and, if it is on the site, names
// a file of the build (and an element with its fragment as id); it returns
// the file.
func checkURL(t *testing.T, o *output, where, ref string) string {
	t.Helper()
	u, err := url.Parse(ref)
	if err != nil || !u.IsAbs() || (u.Scheme == "http" || u.Scheme == "https") && u.Host == "" {
		t.Errorf("%s: %q is not an absolute URL", where, ref)
		return ""
	}
	if u.Host != o.base.Host {
		return ""
	}
	name, ok := o.file(u)
	if !ok {
		t.Errorf("%s: %s: no such file in the build", where, ref)
		return ""
	}
	if u.Fragment != "" && strings.HasSuffix(name, ".html") {
		page := o.read(t, name)
		if !bytes.Contains(page, []byte(` id="`+html.EscapeString(u.Fragment)+`"`)) {
			t.Errorf("%s: %s: no element with id %q in %s", where, ref, u.Fragment, name)
		}
	}
	return name
}
