package conformance

// Shared by the tests of this package: finding the tools (skip, or fail
// where they are required), building sites to disk once, serving a build on
// a loopback port, and reading HTML.

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/html"

	"pressroom/internal/build"
	"pressroom/internal/publish"
	"pressroom/internal/testtool"
)

// root is the repository: the example site and the default theme.
var root = filepath.Join("..", "..")

// now is the instant the example site is built as of, as in the golden
// tests of internal/build.
var now = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

// tmp holds the builds that tests share; removed after the run.
var tmp string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "pressroom-conformance-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	tmp = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// heavy skips a test that runs external tools in -short mode.
func heavy(t testing.TB) {
	t.Helper()
	if testing.Short() {
		t.Skip("runs external tools: skipped in -short mode")
	}
}

func chromium(t testing.TB) string {
	return testtool.Program(t, "apt-get install chromium", "chromium", "chromium-browser", "google-chrome")
}

func nginx(t testing.TB) string { return testtool.Program(t, "apt-get install nginx", "nginx") }

func pdftotext(t testing.TB) string {
	return testtool.Program(t, "apt-get install poppler-utils", "pdftotext")
}

func pdfinfo(t testing.TB) string {
	return testtool.Program(t, "apt-get install poppler-utils", "pdfinfo")
}

func java(t testing.TB) string {
	return testtool.Program(t, "apt-get install default-jre-headless", "java")
}

// npmFile is a file of the npm packages in tools/ (vnu-jar, axe-core).
func npmFile(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(root, "tools", "node_modules", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		testtool.Missing(t, "tools/node_modules/"+rel, "npm ci --prefix tools --ignore-scripts")
	}
	return p
}

// output is a site built to disk.
type output struct {
	dir  string   // the output folder
	base *url.URL // the base URL, ending in /
	res  *build.Result
}

var (
	buildsMu sync.Mutex
	builds   = map[string]*output{}
)

// buildTo builds a site with the default theme of this repository into
// tmp/<key> through the real write path (publish.Dir), once per key.
func buildTo(t testing.TB, key string, opts build.Options) *output {
	t.Helper()
	buildsMu.Lock()
	defer buildsMu.Unlock()
	if o := builds[key]; o != nil {
		return o
	}
	opts.Theme = os.DirFS(root)
	if opts.Now.IsZero() {
		opts.Now = now
	}
	out := filepath.Join(tmp, filepath.FromSlash(key))
	d, err := publish.NewDir(out)
	if err != nil {
		t.Fatal(err)
	}
	res, err := build.Build(context.Background(), opts, d)
	if err != nil {
		d.Abort()
		t.Fatalf("build of %s failed:\n%v", key, err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	o := &output{dir: out, base: res.Site.Config.Base, res: res}
	builds[key] = o
	return o
}

// example is the example site at the repository root, as published.
func example(t testing.TB) *output {
	return buildTo(t, "example", build.Options{SiteDir: root})
}

// preview is the example site with drafts and future releases, as the
// preview server shows it: with banners.
func preview(t testing.TB) *output {
	return buildTo(t, "preview", build.Options{SiteDir: root, Drafts: true, Future: true})
}

func (o *output) read(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(o.dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// files lists the output files whose names end in one of the suffixes, as
// slash paths, sorted.
func (o *output) files(t testing.TB, suffixes ...string) []string {
	t.Helper()
	var names []string
	err := filepath.WalkDir(o.dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(o.dir, p)
		rel = filepath.ToSlash(rel)
		for _, s := range suffixes {
			if strings.HasSuffix(rel, s) {
				names = append(names, rel)
				break
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(names)
	return names
}

// url is the absolute URL of an output file.
func (o *output) url(name string) string {
	return o.base.String() + strings.TrimSuffix(name, "index.html")
}

// file is the output file that a URL of the site names, if it exists:
// folders give their index.html.
func (o *output) file(u *url.URL) (string, bool) {
	if u.Scheme != o.base.Scheme || u.Host != o.base.Host || !strings.HasPrefix(u.Path, o.base.Path) {
		return "", false
	}
	name := strings.TrimPrefix(u.Path, o.base.Path)
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	if path.Clean(name) != name {
		return "", false
	}
	st, err := os.Stat(filepath.Join(o.dir, filepath.FromSlash(name)))
	return name, err == nil && !st.IsDir()
}

// serve serves a build at its base path on a loopback port as a static
// host does: index.html for folders, 404.html with status 404 for anything
// missing. Pages are reached at srv.URL + path of the base URL.
func serve(t testing.TB, o *output) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name, ok := o.file(&url.URL{Scheme: o.base.Scheme, Host: o.base.Host, Path: r.URL.Path})
		if !ok {
			page, _ := os.ReadFile(filepath.Join(o.dir, "404.html"))
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			w.Write(page)
			return
		}
		f, err := os.Open(filepath.Join(o.dir, filepath.FromSlash(name)))
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		defer f.Close()
		st, _ := f.Stat()
		http.ServeContent(w, r, name, st.ModTime(), f)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// run runs a command and returns its standard output; a failure fails the
// test with standard error.
func run(t testing.TB, name string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(name, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.Bytes())
	}
	return stdout.Bytes()
}

// HTML.

func parseHTML(t testing.TB, name string, data []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return doc
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func attrOr(n *html.Node, key string) string {
	v, _ := attr(n, key)
	return v
}

// findAll lists the element nodes below n (n included) that match, in
// document order.
func findAll(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func tag(name string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == name }
}

func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(attrOr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

// within reports whether n or one of its ancestors matches.
func within(n *html.Node, match func(*html.Node) bool) bool {
	for ; n != nil; n = n.Parent {
		if n.Type == html.ElementNode && match(n) {
			return true
		}
	}
	return false
}

// text is the text content of n with runs of white space collapsed.
func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// metaContent is the content of <meta name|property=key>.
func metaContent(doc *html.Node, key string) (string, bool) {
	for _, m := range findAll(doc, tag("meta")) {
		if attrOr(m, "name") == key || attrOr(m, "property") == key {
			return attr(m, "content")
		}
	}
	return "", false
}
