package conformance

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"

	"pressroom/internal/build"
	"pressroom/internal/site"
)

// TestNginx serves the example site with a real nginx, configured with the
// README's snippet, at the root of a host and in a subdirectory (/presse/),
// and crawls it from the home page (and robots.txt, as crawlers do):
// every link, stylesheet, image, feed, sitemap entry and download answers
// 200 from the site's own host, nothing is requested from any other host
// or outside the base path, every page and feed of the build is reached,
// feeds have their content types, no response sets a cookie, and a missing
// path gets the 404 page with status 404.
func TestNginx(t *testing.T) {
	heavy(t)
	bin := nginx(t)
	snippet := readmeNginx(t)
	for _, tc := range []struct{ name, base string }{{"root", "/"}, {"subdirectory", "/presse/"}} {
		t.Run(tc.name, func(t *testing.T) {
			port := freePort(t)
			baseURL := fmt.Sprintf("http://127.0.0.1:%d%s", port, tc.base)
			www := filepath.Join(tmp, "nginx-"+tc.name, "www")
			key := path.Join("nginx-"+tc.name, "www", strings.Trim(tc.base, "/"))
			o := buildTo(t, key, build.Options{SiteDir: root, BaseURL: baseURL})
			startNginx(t, bin, snippet, port, www, tc.base)
			c := newCrawler(t, o)
			c.add(o.base.String(), o.base.String(), false)
			c.add("robots.txt", o.base.String(), false) // as crawlers do: it names the sitemap
			c.crawl()
			c.check404()
			c.checkReached()
		})
	}
}

// readmeNginx is the nginx snippet of the README.
func readmeNginx(t *testing.T) string {
	t.Helper()
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)```nginx\n(.*?)```").FindSubmatch(readme)
	if m == nil {
		t.Fatal("README.md has no ```nginx snippet")
	}
	return string(m[1])
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// startNginx runs nginx in the foreground with the README's server block,
// made to listen on the port and serve www, in a prefix folder of its own
// (pid file, logs, temp paths); it is stopped when the test ends.
func startNginx(t *testing.T, bin, snippet string, port int, www, base string) {
	t.Helper()
	dir := t.TempDir()
	replace := func(pattern, with string) {
		t.Helper()
		re := regexp.MustCompile(pattern)
		if n := len(re.FindAllStringIndex(snippet, -1)); n != 1 {
			t.Fatalf("the README's nginx snippet has %d lines matching %s, want 1:\n%s", n, pattern, snippet)
		}
		snippet = re.ReplaceAllLiteralString(snippet, with)
	}
	replace(`(?m)^\s*listen\s[^;]*;`, fmt.Sprintf("    listen 127.0.0.1:%d;", port))
	replace(`(?m)^\s*root\s[^;]*;`, "    root "+www+";")
	replace(`(?m)^\s*error_page\s+404\s[^;]*;`, "    error_page 404 "+base+"404.html;")
	types := "/etc/nginx/mime.types"
	if _, err := os.Stat(types); err != nil {
		types = filepath.Join(dir, "mime.types")
		os.WriteFile(types, []byte("types { text/html html; text/css css; text/xml xml; image/png png; image/jpeg jpg jpeg; application/pdf pdf; application/json json; text/plain txt; }\n"), 0o644)
	}
	for _, d := range []string{"body", "proxy", "fastcgi", "uwsgi", "scgi"} {
		os.MkdirAll(filepath.Join(dir, "tmp", d), 0o755)
	}
	// In the foreground, dying with the test (endWithTest) should the test
	// be killed. As root, as on a server: the master drops its worker to
	// an unprivileged user, who must be able to read the build as it was
	// written (the folders above it are the test's, made readable here).
	// Otherwise one process that serves as a worker would.
	processes := "master_process off;\n"
	if os.Geteuid() == 0 {
		processes = "user nobody nogroup;\nworker_processes 1;\n"
		for d := filepath.Dir(www); strings.HasPrefix(d, tmp); d = filepath.Dir(d) {
			os.Chmod(d, 0o755)
		}
	}
	conf := `daemon off;
` + processes + `pid ` + dir + `/nginx.pid;
error_log ` + dir + `/error.log warn;
events { worker_connections 64; }
http {
    include ` + types + `;
    default_type application/octet-stream;
    access_log ` + dir + `/access.log;
    client_body_temp_path ` + dir + `/tmp/body;
    proxy_temp_path ` + dir + `/tmp/proxy;
    fastcgi_temp_path ` + dir + `/tmp/fastcgi;
    uwsgi_temp_path ` + dir + `/tmp/uwsgi;
    scgi_temp_path ` + dir + `/tmp/scgi;
` + snippet + `
}
`
	confPath := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(confPath, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-p", dir, "-c", confPath, "-e", filepath.Join(dir, "error.log"))
	endWithTest(cmd)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	errorLog := func() string {
		b, _ := os.ReadFile(filepath.Join(dir, "error.log"))
		return out.String() + string(b)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			<-done
		}
		if t.Failed() {
			t.Logf("nginx.conf:\n%s\nerror log:\n%s", conf, errorLog())
		}
	})
	deadline := time.Now().Add(10 * time.Second)
	for {
		select {
		case err := <-done:
			t.Fatalf("nginx exited: %v\n%s\nnginx.conf:\n%s", err, errorLog(), conf)
		default:
		}
		if c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), 100*time.Millisecond); err == nil {
			c.Close()
			if os.Geteuid() == 0 {
				checkWorkerUser(t, cmd.Process.Pid)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("nginx does not listen on port %d:\n%s", port, errorLog())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// crawler fetches a site over HTTP from its home page and checks every
// response.
type crawler struct {
	t       *testing.T
	o       *output
	client  *http.Client
	queue   []link
	seen    map[string]bool
	fetched map[string]string // URL without fragment -> content type
}

// link is a URL found in a page; resource links are fetched by a browser
// by themselves (stylesheets, images), the others when followed.
type link struct {
	url, from string
	resource  bool
}

func newCrawler(t *testing.T, o *output) *crawler {
	return &crawler{t: t, o: o, seen: map[string]bool{}, fetched: map[string]string{},
		client: &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (c *crawler) add(ref, from string, resource bool) {
	base, err := url.Parse(from)
	if err != nil {
		c.t.Errorf("%s: %v", from, err)
		return
	}
	ref = strings.TrimSpace(ref)
	if strings.HasPrefix(ref, "#") {
		return // the same document
	}
	u, err := base.Parse(ref)
	if err != nil {
		c.t.Errorf("%s: bad URL %q: %v", from, ref, err)
		return
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return // mailto:, tel:
	}
	if u.Host != c.o.base.Host {
		if resource {
			c.t.Errorf("%s: loads %s from another host", from, u)
		}
		return // a link to another site: not followed
	}
	if !strings.HasPrefix(u.Path, c.o.base.Path) {
		c.t.Errorf("%s: %s is outside the site's base path %s", from, u, c.o.base.Path)
		return
	}
	u.Fragment = ""
	if !c.seen[u.String()] {
		c.seen[u.String()] = true
		c.queue = append(c.queue, link{u.String(), from, resource})
	}
}

// get fetches a URL and checks what every response must meet.
func (c *crawler) get(u string) (*http.Response, []byte) {
	resp, err := c.client.Get(u)
	if err != nil {
		c.t.Fatalf("GET %s: %v", u, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatalf("GET %s: %v", u, err)
	}
	if sc := resp.Header.Values("Set-Cookie"); len(sc) > 0 {
		c.t.Errorf("%s sets a cookie: %v", u, sc)
	}
	return resp, body
}

// wantTypes are the content types of the outputs by name.
var wantTypes = []struct{ suffix, ctype string }{
	{"/feed.xml", "application/rss+xml; charset=utf-8"},
	{"/atom.xml", "application/atom+xml; charset=utf-8"},
	{"/feed.json", "application/feed+json; charset=utf-8"},
	{".html", "text/html; charset=utf-8"},
	{"/", "text/html; charset=utf-8"},
	{".css", "text/css"},
	{".png", "image/png"},
	{".pdf", "application/pdf"},
	{".vcf", "text/vcard; charset=utf-8"},
	{"/sitemap.xml", "text/xml; charset=utf-8"},
	{"/robots.txt", "text/plain; charset=utf-8"},
}

// crawl fetches what is queued and what it links to.
func (c *crawler) crawl() {
	for len(c.queue) > 0 {
		l := c.queue[0]
		c.queue = c.queue[1:]
		resp, body := c.get(l.url)
		if resp.StatusCode != http.StatusOK {
			c.t.Errorf("%s: broken link to %s: %s %s", l.from, l.url, resp.Status, resp.Header.Get("Location"))
			continue
		}
		ctype := resp.Header.Get("Content-Type")
		c.fetched[l.url] = ctype
		for _, w := range wantTypes {
			if strings.HasSuffix(l.url, w.suffix) {
				if !strings.EqualFold(strings.ReplaceAll(ctype, " ", ""), strings.ReplaceAll(w.ctype, " ", "")) {
					c.t.Errorf("%s: Content-Type %q, want %q", l.url, ctype, w.ctype)
				}
				break
			}
		}
		if strings.Contains(l.url, "/css/style.") && resp.Header.Get("Expires") == "" && !strings.Contains(resp.Header.Get("Cache-Control"), "max-age") {
			c.t.Errorf("%s: the fingerprinted stylesheet is not cached (Expires, Cache-Control: %q)", l.url, resp.Header.Get("Cache-Control"))
		}
		c.extract(l.url, ctype, body)
	}
}

var cssURL = regexp.MustCompile(`url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]`)

// extract adds the URLs that a response links to.
func (c *crawler) extract(from, ctype string, body []byte) {
	mt, _, _ := mime.ParseMediaType(ctype)
	switch {
	case mt == "text/html":
		c.extractHTML(from, body)
	case mt == "text/css":
		for _, m := range cssURL.FindAllSubmatch(body, -1) {
			c.add(string(m[1])+string(m[2]), from, true)
		}
	case mt == "text/plain" && strings.HasSuffix(from, "/robots.txt"):
		for _, line := range strings.Split(string(body), "\n") {
			if v, ok := strings.CutPrefix(line, "Sitemap:"); ok {
				c.add(strings.TrimSpace(v), from, false)
			}
		}
	case strings.HasSuffix(from, "/sitemap.xml"):
		for _, m := range regexp.MustCompile(`<loc>([^<]+)</loc>`).FindAllSubmatch(body, -1) {
			c.add(html.UnescapeString(string(m[1])), from, false)
		}
	case strings.Contains(mt, "rss") || strings.Contains(mt, "atom") || strings.Contains(mt, "json"):
		f, err := gofeed.NewParser().Parse(bytes.NewReader(body))
		if err != nil {
			c.t.Errorf("%s: %v", from, err)
			return
		}
		c.add(f.Link, from, false)
		c.add(f.FeedLink, from, false)
		for _, it := range f.Items {
			c.add(it.Link, from, false)
			for _, e := range it.Enclosures {
				c.add(e.URL, from, false)
			}
			if it.Image != nil {
				c.add(it.Image.URL, from, true)
			}
			for _, ref := range htmlURLs(it.Content) {
				c.add(ref, from, false)
			}
		}
	}
}

func (c *crawler) extractHTML(from string, body []byte) {
	doc, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		c.t.Errorf("%s: %v", from, err)
		return
	}
	for _, n := range findAll(doc, func(*html.Node) bool { return true }) {
		switch n.Data {
		case "a", "area":
			if v, ok := attr(n, "href"); ok {
				c.add(v, from, false)
			}
		case "form": // the header's search field
			if v, ok := attr(n, "action"); ok {
				c.add(v, from, false)
			}
		case "link":
			rel := attrOr(n, "rel")
			resource := rel != "alternate" && rel != "canonical" && rel != "prev" && rel != "next"
			c.add(attrOr(n, "href"), from, resource)
		case "img", "script", "iframe", "source", "video", "audio", "embed", "track", "input":
			for _, k := range []string{"src", "poster", "data"} {
				if v, ok := attr(n, k); ok {
					c.add(v, from, true)
				}
			}
			if v, ok := attr(n, "srcset"); ok {
				for _, cand := range strings.Split(v, ",") {
					if f := strings.Fields(cand); len(f) > 0 {
						c.add(f[0], from, true)
					}
				}
			}
		case "object":
			c.add(attrOr(n, "data"), from, true)
		case "meta":
			if strings.EqualFold(attrOr(n, "http-equiv"), "refresh") {
				if _, target, ok := strings.Cut(attrOr(n, "content"), "url="); ok {
					c.add(target, from, false)
				}
			}
			switch attrOr(n, "property") {
			case "og:url":
				c.add(attrOr(n, "content"), from, false)
			case "og:image":
				c.add(attrOr(n, "content"), from, true)
			}
		}
		if style, ok := attr(n, "style"); ok {
			for _, m := range cssURL.FindAllStringSubmatch(style, -1) {
				c.add(m[1]+m[2], from, true)
			}
		}
	}
}

// check404 asks for missing paths: the 404 page comes with status 404, and
// its own links work from there.
func (c *crawler) check404() {
	title := ""
	doc := parseHTML(c.t, "404.html", c.o.read(c.t, "404.html"))
	for _, h := range findAll(doc, tag("h1")) {
		title = text(h)
	}
	for _, missing := range []string{"gibt-es-nicht/", "pressemitteilungen/2099/gibt-es-nicht/", "gibt-es-nicht.pdf", "themen/gibt-es-nicht/feed.xml"} {
		u := c.o.base.String() + missing
		resp, body := c.get(u)
		if resp.StatusCode != http.StatusNotFound || !bytes.Contains(body, []byte("<h1>"+title+"</h1>")) {
			c.t.Errorf("GET %s: %s, want 404 with the 404 page (%q):\n%.300s", u, resp.Status, title, body)
			continue
		}
		c.extractHTML(u, body)
	}
	// A folder without its slash is redirected to the folder.
	u := c.o.base.String() + "themen"
	resp, _ := c.get(u)
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusMovedPermanently || !strings.HasSuffix(loc, c.o.base.Path+"themen/") {
		c.t.Errorf("GET %s: %s to %q, want a redirect to %sthemen/", u, resp.Status, loc, c.o.base.Path)
	}
	c.crawl()
}

// checkReached asserts that the crawl reached every page, feed and
// download of the build; only the redirect pages of old URLs and the
// search's index files (which the search page's script fetches) are not
// linked, and those are fetched here.
func (c *crawler) checkReached() {
	aliases := map[string]bool{}
	for _, p := range c.o.res.Site.Pages {
		for _, a := range p.Aliases {
			aliases[site.OutputPath(site.CleanURL(a))] = true
		}
	}
	var missed []string
	for _, name := range c.o.files(c.t, "") {
		if name == "404.html" || strings.HasPrefix(path.Base(name), ".") {
			continue // the 404 page is reached above; dot files are the builder's marks
		}
		u := c.o.url(name)
		if _, ok := c.fetched[u]; ok {
			continue
		}
		// The search's index files are fetched by the search page's
		// script.
		if aliases[name] || strings.HasPrefix(name, "suche/index/") {
			c.add(u, "(alias or search index)", !aliases[name])
			c.crawl()
			continue
		}
		if name == "favicon.ico" || name == "apple-touch-icon.png" {
			// Browsers ask for these by name, unlinked: they are served as images.
			if resp, _ := c.get(u); resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "image/") {
				c.t.Errorf("GET %s: %s, %s; want an image", u, resp.Status, resp.Header.Get("Content-Type"))
			}
			continue
		}
		missed = append(missed, name)
	}
	sort.Strings(missed)
	if len(missed) > 0 {
		c.t.Errorf("%d files of the build were not reached from the home page:\n%s", len(missed), strings.Join(missed, "\n"))
	}
	n := 0
	for _, ct := range c.fetched {
		if strings.HasPrefix(ct, "text/html") {
			n++
		}
	}
	c.t.Logf("crawled %d URLs (%d pages) at %s", len(c.fetched), n, c.o.base)
}

// checkWorkerUser asserts that nginx's workers (the children of its
// master) run as nobody, not as root (Linux: /proc). A worker just forked
// is root until it drops to its user: asked again for up to two seconds.
func checkWorkerUser(t *testing.T, master int) {
	t.Helper()
	var root string
	for try := 0; try < 50; try++ {
		children, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%d/children", master, master))
		if err != nil {
			t.Logf("cannot see nginx's workers: %v", err)
			return
		}
		workers := strings.Fields(string(children))
		root = ""
		if len(workers) == 0 {
			root = "(none yet)"
		}
		for _, w := range workers {
			status, err := os.ReadFile("/proc/" + w + "/status")
			if err != nil {
				root = w + " (gone)"
				continue
			}
			m := regexp.MustCompile(`(?m)^Uid:\s+(\d+)`).FindSubmatch(status)
			if m == nil || string(m[1]) == "0" {
				root = w
			}
		}
		if root == "" {
			return
		}
		time.Sleep(40 * time.Millisecond)
	}
	t.Fatalf("nginx's worker %s runs as root (or none runs)", root)
}
