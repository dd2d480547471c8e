package render

import (
	"bytes"
	"fmt"
	"html/template"
	"net/url"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"pressroom/internal/config"
	"pressroom/internal/site"
)

// testConfig loads a site.toml given as text.
func testConfig(t *testing.T, toml string) *config.Site {
	t.Helper()
	cfg, d := config.Load(fstest.MapFS{config.File: {Data: []byte(toml)}})
	if d.HasErrors() {
		t.Fatal(d)
	}
	return cfg
}

// entriesOf makes n dated pages, newest first, one day apart.
func entriesOf(n int) []*site.Page {
	out := make([]*site.Page, n)
	for i := range out {
		out[i] = &site.Page{
			Path: fmt.Sprintf("content/pm/%03d.md", i),
			Date: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -i),
		}
	}
	return out
}

// TestPaginate: a list of n entries is split into pages of per entries at
// base, base/seite/2/, …; an empty list still has its one page; each
// page's pager links its neighbours.
func TestPaginate(t *testing.T) {
	for _, tc := range []struct {
		n, per int
		urls   []string
		sizes  []int
	}{
		{0, 10, []string{"/pm/"}, []int{0}},
		{1, 10, []string{"/pm/"}, []int{1}},
		{10, 10, []string{"/pm/"}, []int{10}},
		{11, 10, []string{"/pm/", "/pm/seite/2/"}, []int{10, 1}},
		{25, 10, []string{"/pm/", "/pm/seite/2/", "/pm/seite/3/"}, []int{10, 10, 5}},
		{3, 1, []string{"/pm/", "/pm/seite/2/", "/pm/seite/3/"}, []int{1, 1, 1}},
	} {
		t.Run(fmt.Sprintf("%d_per_%d", tc.n, tc.per), func(t *testing.T) {
			entries := entriesOf(tc.n)
			pages := paginate(entries, tc.per, "/pm/", "seite")
			if len(pages) != len(tc.urls) {
				t.Fatalf("%d pages, want %d", len(pages), len(tc.urls))
			}
			at := 0
			for i, pg := range pages {
				if pg.url != tc.urls[i] {
					t.Errorf("page %d at %q, want %q", i+1, pg.url, tc.urls[i])
				}
				if pg.total != len(tc.urls) {
					t.Errorf("page %d: total %d, want %d", i+1, pg.total, len(tc.urls))
				}
				if len(pg.entries) != tc.sizes[i] {
					t.Errorf("page %d has %d entries, want %d", i+1, len(pg.entries), tc.sizes[i])
				}
				for j, p := range pg.entries {
					if p != entries[at+j] {
						t.Errorf("page %d entry %d is %s, want %s", i+1, j, p.Path, entries[at+j].Path)
					}
				}
				at += len(pg.entries)

				pager := pg.pager()
				if pager.Number != i+1 || pager.Total != len(tc.urls) {
					t.Errorf("page %d: pager says %d of %d", i+1, pager.Number, pager.Total)
				}
				wantPrev, wantNext := "", ""
				if i > 0 {
					wantPrev = tc.urls[i-1]
				}
				if i+1 < len(tc.urls) {
					wantNext = tc.urls[i+1]
				}
				if pager.PrevURL != wantPrev || pager.NextURL != wantNext {
					t.Errorf("page %d: prev %q next %q, want %q and %q", i+1, pager.PrevURL, pager.NextURL, wantPrev, wantNext)
				}
				if len(tc.urls) == 1 && pager.Pages != nil {
					t.Errorf("a list of one page has page links %v", pager.Pages)
				}
				if len(tc.urls) > 1 {
					cur := 0
					for _, l := range pager.Pages {
						if l.Current {
							cur++
							if l.Number != i+1 || l.URL != pg.url {
								t.Errorf("page %d: current link is %d at %s", i+1, l.Number, l.URL)
							}
						}
					}
					if cur != 1 {
						t.Errorf("page %d: %d current links", i+1, cur)
					}
				}
			}
			if at != tc.n {
				t.Errorf("the pages hold %d entries, want %d", at, tc.n)
			}
		})
	}
}

// TestPagerWindow: the first and last pages and two either side of the
// current one are linked, with a gap where numbers are left out.
func TestPagerWindow(t *testing.T) {
	for _, tc := range []struct {
		cur, total int
		want       string
	}{
		{1, 1, "[1]"},
		{1, 2, "[1] 2"},
		{2, 2, "1 [2]"},
		{1, 5, "[1] 2 3 …5"},
		{3, 5, "1 2 [3] 4 5"},
		{1, 10, "[1] 2 3 …10"},
		{4, 10, "1 2 3 [4] 5 6 …10"},
		{5, 10, "1 …3 4 [5] 6 7 …10"},
		{7, 10, "1 …5 6 [7] 8 9 10"},
		{10, 10, "1 …8 9 [10]"},
		{500, 1000, "1 …498 499 [500] 501 502 …1000"},
	} {
		urlOf := func(n int) string { return fmt.Sprintf("/l/%d/", n) }
		var got []string
		for _, l := range pagerWindow(tc.cur, tc.total, urlOf) {
			s := fmt.Sprint(l.Number)
			if l.Current {
				s = "[" + s + "]"
			}
			if l.Gap {
				s = "…" + s
			}
			if l.URL != urlOf(l.Number) {
				t.Errorf("pagerWindow(%d, %d): link %d to %s", tc.cur, tc.total, l.Number, l.URL)
			}
			got = append(got, s)
		}
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("pagerWindow(%d, %d) = %s, want %s", tc.cur, tc.total, g, tc.want)
		}
	}
}

// TestCheckPlan: two outputs at one path, or an output where another
// needs a folder, are an error naming both; distinct paths are not.
func TestCheckPlan(t *testing.T) {
	pageA := origin{path: "content/pm/a.md", line: 3, what: "the page of ", of: "content/pm/a.md"}
	pageB := origin{path: "content/pm/b.md", line: 4, what: "the page of ", of: "content/pm/b.md"}
	feed := origin{what: "a feed of /"}
	for _, tc := range []struct {
		name string
		jobs []job
		// want: the path and line of the error, and texts its message has.
		path string
		line int
		want []string
	}{
		{name: "distinct", jobs: []job{
			{name: "index.html", src: origin{what: "the home page"}},
			{name: "pm/a/index.html", src: pageA},
			{name: "pm/b/index.html", src: pageB},
			{name: "pm/ab/index.html", src: pageB},
			{name: "pm/a.html", src: pageA},
			{name: "feed.xml", src: feed},
			{name: "pm/feed.xml", src: feed},
		}},
		{name: "one path", jobs: []job{
			{name: "pm/x/index.html", src: pageA},
			{name: "pm/x/index.html", src: pageB},
		}, path: "content/pm/b.md", line: 4, want: []string{"the page of content/pm/a.md", "the page of content/pm/b.md", "/pm/x/"}},
		{name: "page at a feed's path", jobs: []job{
			{name: "feed.xml", src: feed},
			{name: "feed.xml", src: pageA},
		}, path: "content/pm/a.md", line: 3, want: []string{"the page of content/pm/a.md", "a feed of /", "/feed.xml"}},
		{name: "feed at a page's path", jobs: []job{
			{name: "feed.xml", src: pageA},
			{name: "feed.xml", src: feed},
		}, path: "content/pm/a.md", line: 3, want: []string{"the page of content/pm/a.md", "a feed of /", "/feed.xml"}},
		{name: "folder is a file", jobs: []job{
			{name: "feed.xml", src: feed},
			{name: "feed.xml/index.html", src: pageA},
		}, path: "content/pm/a.md", line: 3, want: []string{"the page of content/pm/a.md", "a feed of /", "folder /feed.xml"}},
		{name: "file is a folder", jobs: []job{
			{name: "pm/a.html/x/index.html", src: pageB},
			{name: "pm/a.html", src: pageA},
		}, want: []string{"the page of content/pm/a.md", "the page of content/pm/b.md", "folder /pm/a.html"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := checkPlan(tc.jobs)
			if tc.want == nil {
				if len(diags) != 0 {
					t.Errorf("errors for distinct paths: %v", diags)
				}
				return
			}
			if len(diags) != 1 {
				t.Fatalf("%d errors, want 1: %v", len(diags), diags)
			}
			d := diags[0]
			if d.Warning {
				t.Errorf("a warning, not an error: %v", d)
			}
			if tc.path != "" && (d.Path != tc.path || d.Line != tc.line) {
				t.Errorf("reported at %s:%d, want %s:%d: %v", d.Path, d.Line, tc.path, tc.line, d)
			}
			if d.Path == "" {
				t.Errorf("reported at no file: %v", d)
			}
			for _, w := range tc.want {
				if !strings.Contains(d.Msg, w) {
					t.Errorf("message %q does not name %q", d.Msg, w)
				}
			}
		})
	}
	// Two generated outputs at one path are reported at site.toml.
	_, d := checkPlan([]job{{name: "themen/index.html", src: origin{what: "the index of topics"}}, {name: "themen/index.html", src: origin{path: config.File, what: "the list of section themen"}}})
	if len(d) != 1 || d[0].Path != config.File {
		t.Errorf("two generated outputs: %v, want one error at %s", d, config.File)
	}
}

func TestAddress(t *testing.T) {
	for name, want := range map[string]string{
		"index.html":                    "/",
		"pm/index.html":                 "/pm/",
		"pm/2021/x/index.html":          "/pm/2021/x/",
		"feed.xml":                      "/feed.xml",
		"pm/feed.json":                  "/pm/feed.json",
		"alt/pm-17.html":                "/alt/pm-17.html",
		"xindex.html":                   "/xindex.html",
		"404.html":                      "/404.html",
		"pm/a/bild.jpg":                 "/pm/a/bild.jpg",
		"css/style.0123456789abcef.css": "/css/style.0123456789abcef.css",
	} {
		if got := address(name); got != want {
			t.Errorf("address(%q) = %q, want %q", name, got, want)
		}
	}
}

// TestNewestModified: a feed has the n entries changed last, newest
// first: an old entry with a correction moves up by its date.
func TestNewestModified(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 1, d, 10, 0, 0, 0, time.UTC) }
	page := func(name string, date, updated int) *site.Page {
		p := &site.Page{Path: name, Date: day(date)}
		if updated != 0 {
			p.Updated = day(updated)
		}
		return p
	}
	for _, tc := range []struct {
		name    string
		entries []*site.Page // newest first, by date
		n       int
		want    string
	}{
		{"empty", nil, 3, ""},
		{"fewer than n", []*site.Page{page("c", 3, 0), page("b", 2, 0)}, 5, "c b"},
		{"first n", []*site.Page{page("e", 5, 0), page("d", 4, 0), page("c", 3, 0), page("b", 2, 0), page("a", 1, 0)}, 3, "e d c"},
		{"old correction moves up", []*site.Page{page("e", 5, 0), page("d", 4, 0), page("c", 3, 0), page("b", 2, 0), page("a", 1, 9)}, 3, "a e d"},
		{"correction among the first", []*site.Page{page("e", 5, 0), page("d", 4, 7), page("c", 3, 0), page("b", 2, 0)}, 3, "d e c"},
		{"correction between", []*site.Page{page("e", 10, 0), page("d", 8, 0), page("c", 6, 0), page("b", 2, 9)}, 3, "e b d"},
		{"updated before the date is ignored", []*site.Page{page("e", 5, 0), page("d", 4, 0), page("a", 3, 1)}, 2, "e d"},
		{"two corrections", []*site.Page{page("e", 5, 0), page("d", 4, 0), page("b", 2, 8), page("a", 1, 9)}, 2, "a b"},
		{"n 1", []*site.Page{page("e", 5, 0), page("d", 4, 0)}, 1, "e"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, p := range newestModified(tc.entries, tc.n) {
				got = append(got, p.Path)
			}
			if g := strings.Join(got, " "); g != tc.want {
				t.Errorf("newestModified(%d) = %q, want %q", tc.n, g, tc.want)
			}
		})
	}
}

// TestAbsolutize: href and src values of rendered HTML are resolved
// against the page's URL; absolute ones and other text stay.
func TestAbsolutize(t *testing.T) {
	base, _ := url.Parse("https://presse.example.org/presse/pm/2021/x/")
	for _, tc := range []struct{ in, want string }{
		{`<p>Text</p>`, `<p>Text</p>`},
		{``, ``},
		{`<a href="../y/">y</a>`, `<a href="https://presse.example.org/presse/pm/2021/y/">y</a>`},
		{`<a href="anhang.pdf">PDF</a>`, `<a href="https://presse.example.org/presse/pm/2021/x/anhang.pdf">PDF</a>`},
		{`<a href="/presse/themen/sgb-ii/">SGB II</a>`, `<a href="https://presse.example.org/presse/themen/sgb-ii/">SGB II</a>`},
		{`<img src="bild.jpg" alt="Bild">`, `<img src="https://presse.example.org/presse/pm/2021/x/bild.jpg" alt="Bild">`},
		{`<sup><a href="#fn:1">1</a></sup>`, `<sup><a href="https://presse.example.org/presse/pm/2021/x/#fn:1">1</a></sup>`},
		{`<a href="https://example.com/a?b=1">x</a>`, `<a href="https://example.com/a?b=1">x</a>`},
		{`<a href="mailto:presse@example.org">Mail</a>`, `<a href="mailto:presse@example.org">Mail</a>`},
		{`<a href="?a=1&amp;b=2">q</a>`, `<a href="https://presse.example.org/presse/pm/2021/x/?a=1&amp;b=2">q</a>`},
		// Character references are read as such, and the resolved URL is
		// escaped as html/template escapes an attribute value.
		{`<a href="anhang&#43;karte.pdf">PDF</a>`, `<a href="https://presse.example.org/presse/pm/2021/x/anhang&#43;karte.pdf">PDF</a>`},
		{`<a href="?q=a+b&amp;c='d'">q</a>`, `<a href="https://presse.example.org/presse/pm/2021/x/?q=a&#43;b&amp;c=&#39;d&#39;">q</a>`},
		{`<a data-href="rel/">x</a>`, `<a data-href="rel/">x</a>`},
		{`<p>href="nicht/" im Text</p>`, `<p>href="nicht/" im Text</p>`},
		{`<img src="a.png"><a href="b/">b</a><img src="c.png">`,
			`<img src="https://presse.example.org/presse/pm/2021/x/a.png"><a href="https://presse.example.org/presse/pm/2021/x/b/">b</a><img src="https://presse.example.org/presse/pm/2021/x/c.png">`},
		{`<a class="x" href="a/" title="t"><img alt="" src="b.png"></a>`,
			`<a class="x" href="https://presse.example.org/presse/pm/2021/x/a/" title="t"><img alt="" src="https://presse.example.org/presse/pm/2021/x/b.png"></a>`},
	} {
		if got := Absolutize(tc.in, base); got != tc.want {
			t.Errorf("Absolutize(%s)\n got %s\nwant %s", tc.in, got, tc.want)
		}
	}
}

// TestSize: file sizes as readers know them, with the decimal comma in
// German.
func TestSize(t *testing.T) {
	de := &Renderer{cfg: testConfig(t, "language = \"de\"\n")}
	en := &Renderer{cfg: testConfig(t, "language = \"en\"\n")}
	for _, tc := range []struct {
		n      int64
		de, en string
	}{
		{0, "0 Byte", "0 Byte"},
		{1, "1 Byte", "1 Byte"},
		{999, "999 Byte", "999 Byte"},
		{1000, "1,0 KB", "1.0 KB"},
		{1234, "1,2 KB", "1.2 KB"},
		{9940, "9,9 KB", "9.9 KB"},
		{10000, "10 KB", "10 KB"},
		{12345, "12 KB", "12 KB"},
		{345678, "346 KB", "346 KB"},
		{1000000, "1,0 MB", "1.0 MB"},
		{1500000, "1,5 MB", "1.5 MB"},
		{23456789, "23,5 MB", "23.5 MB"},
		{2000000000, "2000,0 MB", "2000.0 MB"},
	} {
		if got := de.size(tc.n); got != tc.de {
			t.Errorf("de: size(%d) = %q, want %q", tc.n, got, tc.de)
		}
		if got := en.size(tc.n); got != tc.en {
			t.Errorf("en: size(%d) = %q, want %q", tc.n, got, tc.en)
		}
	}
}

func TestFileType(t *testing.T) {
	for mime, want := range map[string]string{
		"application/pdf":    "PDF",
		"application/msword": "Word",
		"application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
		"application/vnd.ms-excel": "Excel",
		"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":         "Excel",
		"application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint",
		"application/vnd.oasis.opendocument.text":                                   "ODT",
		"application/vnd.oasis.opendocument.spreadsheet":                            "ODS",
		"text/csv":                 "CSV",
		"text/plain":               "Text",
		"application/zip":          "ZIP",
		"image/jpeg":               "JPEG",
		"image/png":                "PNG",
		"image/svg+xml":            "SVG",
		"text/html; charset=utf-8": "HTML",
		"application/epub+zip":     "EPUB",
		"audio/mpeg":               "MPEG",
		"":                         "",
		"unbekannt":                "unbekannt",
		"/x":                       "/x",
	} {
		if got := fileType(mime); got != want {
			t.Errorf("fileType(%q) = %q, want %q", mime, got, want)
		}
	}
}

// Seeds of the writer's fuzz tests: what pages and their links hold.
var writerSeeds = []string{
	"", "a", "Presse", "Über uns", "Größe & Maß", "ß", "日本語", "🙂", "a b", " ", "\t\n",
	`"zitiert"`, "it's", "„Zitat“", "<script>alert(1)</script>", "a+b", "1 < 2 > 0", "&amp;", "&#34;",
	"\x00", "a\x00b", "\xff", "\xe0<", "\ufdd0", "\uffff", "\u2028", "`",
	"/pressemitteilungen/2021/x/", "https://presse.example.org/pm/?a=1&b=2#top", "http://x/", "HTTPS://X/",
	"mailto:presse@example.org", "MailTo:a@b", "tel:+49301234567", "javascript:alert(1)", "JavaScript:alert(1)",
	" javascript:alert(1)", "data:text/html,<b>", "vbscript:x", "/a:b", "a/b:c", "a:b/c", ":", "x:", "//evil.example.org/",
	"%", "%2", "%20", "%2e%2E", "%zz", "%%41", "100%", "a%2Fb%", "#", "#fn:1", "?", "?q=a b&c=d", "/?#", "[::1]",
	"!$&'()*+,;=", "-._~", "a\\b", "/a b/ä/", "https://example.org/ä ö/?q=ü#ß",
}

// templateOut executes tmpl with s and returns what is between before and
// after in the result.
func templateOut(t *testing.T, tmpl *template.Template, s, before, after string) string {
	t.Helper()
	var b bytes.Buffer
	if err := tmpl.Execute(&b, s); err != nil {
		t.Fatalf("html/template on %q: %v", s, err)
	}
	out := b.String()
	if !strings.HasPrefix(out, before) || !strings.HasSuffix(out, after) {
		t.Fatalf("html/template on %q wrote %q", s, out)
	}
	return out[len(before) : len(out)-len(after)]
}

func writerOut(f func(*writer, string), s string) string {
	var b bytes.Buffer
	f(&writer{Buffer: &b}, s)
	return b.String()
}

var (
	textTemplate    = template.Must(template.New("").Parse(`<p>{{.}}</p>`))
	attrTemplate    = template.Must(template.New("").Parse(`<meta name="description" content="{{.}}">`))
	titleTemplate   = template.Must(template.New("").Parse(`<a title="{{.}}">`))
	hrefTemplate    = template.Must(template.New("").Parse(`<a href="{{.}}">`))
	srcTemplate     = template.Must(template.New("").Parse(`<img src="{{.}}">`))
	linkRelTemplate = template.Must(template.New("").Parse(`<link rel="canonical" href="{{.}}">`))
	fragTemplate    = template.Must(template.New("").Parse(`<a href="#{{.}}">`))
)

// checkText: w.text writes what html/template writes for a string in HTML
// text and in a quoted attribute value, which is what it claims.
func checkText(t *testing.T, s string) {
	got := writerOut((*writer).text, s)
	for _, c := range []struct {
		tmpl          *template.Template
		before, after string
	}{
		{textTemplate, `<p>`, `</p>`},
		{attrTemplate, `<meta name="description" content="`, `">`},
		{titleTemplate, `<a title="`, `">`},
	} {
		if want := templateOut(t, c.tmpl, s, c.before, c.after); got != want {
			t.Errorf("text(%q) = %q, html/template in %s…%s writes %q", s, got, c.before, c.after, want)
		}
	}
}

// checkURL: w.url writes what html/template writes for a string that is
// the whole value of an href or src attribute.
func checkURL(t *testing.T, s string) {
	got := writerOut((*writer).url, s)
	for _, c := range []struct {
		tmpl          *template.Template
		before, after string
	}{
		{hrefTemplate, `<a href="`, `">`},
		{srcTemplate, `<img src="`, `">`},
		{linkRelTemplate, `<link rel="canonical" href="`, `">`},
	} {
		if want := templateOut(t, c.tmpl, s, c.before, c.after); got != want {
			t.Errorf("url(%q) = %q, html/template in %s…%s writes %q", s, got, c.before, c.after, want)
		}
	}
}

// checkURLPart: processURL(s, false), written as text, is what
// html/template writes for a string after the start of a URL attribute
// (the paper's table of contents: href="#{{.ID}}").
func checkURLPart(t *testing.T, s string) {
	got := writerOut(func(w *writer, s string) { w.text(processURL(s, false)) }, s)
	if want := templateOut(t, fragTemplate, s, `<a href="#`, `">`); got != want {
		t.Errorf("processURL(%q, false) = %q, html/template in href=\"#…\" writes %q", s, got, want)
	}
}

// TestWriter: some of the writer's output by hand, and each seed as
// html/template has it.
func TestWriter(t *testing.T) {
	for s, want := range map[string]string{
		"Größe & Maß":                 "Größe &amp; Maß",
		`<b a="1" b='2'>+</b>`:        "&lt;b a=&#34;1&#34; b=&#39;2&#39;&gt;&#43;&lt;/b&gt;",
		"a\x00b":                      "a\uFFFDb",
		"plain text, no change: äöü.": "plain text, no change: äöü.",
	} {
		if got := writerOut((*writer).text, s); got != want {
			t.Errorf("text(%q) = %q, want %q", s, got, want)
		}
	}
	for s, want := range map[string]string{
		"/pm/2021/x/":                       "/pm/2021/x/",
		"javascript:alert(1)":               "#ZgotmplZ",
		"JAVASCRIPT:alert(1)":               "#ZgotmplZ",
		"data:text/html,x":                  "#ZgotmplZ",
		"/a:b":                              "/a:b",
		"mailto:presse@example.org":         "mailto:presse@example.org",
		"https://example.org/?a=1&b=2#top":  "https://example.org/?a=1&amp;b=2#top",
		"/ä ö/":                             "/%c3%a4%20%c3%b6/",
		"/a%20b/%zz":                        "/a%20b/%25zz",
		`/"quoted"/'single'/<>/`:            "/%22quoted%22/%27single%27/%3c%3e/",
		"/a+b/":                             "/a&#43;b/",
		"https://example.org/x?q=%41%4":     "https://example.org/x?q=%41%254",
		"tel:+49301234567":                  "#ZgotmplZ",
		"//evil.example.org/path?x=y&amp;z": "//evil.example.org/path?x=y&amp;amp;z",
	} {
		if got := writerOut((*writer).url, s); got != want {
			t.Errorf("url(%q) = %q, want %q", s, got, want)
		}
	}
	for _, s := range writerSeeds {
		checkText(t, s)
		checkURL(t, s)
		checkURLPart(t, s)
	}
}

// FuzzWriterText compares w.text with html/template's escaping of text
// and quoted attribute values.
func FuzzWriterText(f *testing.F) {
	for _, s := range writerSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkText(t, s) })
}

// FuzzWriterURL compares w.url with html/template's filtering and
// escaping of a whole href or src value, and processURL of a part with
// its escaping of a fragment.
func FuzzWriterURL(f *testing.F) {
	for _, s := range writerSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkURL(t, s)
		checkURLPart(t, s)
	})
}

// TestDateline: the place of a release's dateline is escaped as
// html/template escapes text, by the one escaper of the Go written output.
func TestDateline(t *testing.T) {
	r := &Renderer{cfg: testConfig(t, "title = \"T\"\nbaseURL = \"https://presse.example.org/\"\n")}
	date := time.Date(2021, 10, 5, 10, 30, 0, 0, r.cfg.Location)
	for _, place := range []string{"Köln", "Köln & Bonn", `Bad "Quelle" <Ort>`, "Aachen+Düren", "O'Higgins", "a\x00b"} {
		for _, body := range []string{"<p>Erster Absatz</p>\n", "<h2>Zuerst</h2>\n"} {
			p := &site.Page{Kind: config.KindRelease, Place: place, Date: date}
			r.bodies = func(*site.Page) Body { return Body{HTML: []byte(body)} }
			var b bytes.Buffer
			r.writeBody(&b, p)
			dateline := `<span class="dateline">` + templateOut(t, textTemplate, place, "<p>", "</p>") + ", 5. Oktober 2021 – </span>"
			want := "<p>" + dateline + strings.TrimPrefix(body, "<p>")
			if !strings.HasPrefix(body, "<p>") {
				want = "<p>" + dateline + "</p>\n" + body
			}
			if got := b.String(); got != want {
				t.Errorf("place %q, body %q:\n got %q\nwant %q", place, body, got, want)
			}
		}
	}
}
