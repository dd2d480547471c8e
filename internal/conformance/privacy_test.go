package conformance

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"pressroom/internal/config"
	"pressroom/internal/site"
)

// TestPrivacy checks every page and stylesheet of the example site, as
// published and as previewed: nothing is loaded from another host (no
// fonts, scripts, images, frames or stylesheets from elsewhere), no element
// of the theme links to another host (links in the text and the
// organisations' websites from site.toml excepted), no scripts besides
// JSON-LD data and the search page's own script (which uses no cookies,
// storage, eval or other host), and nothing that sets or reads a cookie.
func TestPrivacy(t *testing.T) {
	for _, o := range []*output{example(t), preview(t)} {
		orgSites := map[string]bool{}
		for _, org := range o.res.Site.Config.Organizations {
			if org.URL != "" {
				orgSites[org.URL] = true
			}
		}
		// The search's script: no cookies, no storage, no eval, no other
		// host.
		for _, name := range o.files(t, ".js") {
			js := string(o.read(t, name))
			for _, bad := range []string{"cookie", "localStorage", "sessionStorage", "eval(", "new Function", "http:", "https:", "WebAssembly", "import("} {
				if strings.Contains(js, bad) {
					t.Errorf("%s has %q", name, bad)
				}
			}
		}
		pages := o.files(t, ".html")
		for _, name := range pages {
			data := o.read(t, name)
			base, _ := url.Parse(o.url(name))
			doc := parseHTML(t, name, data)
			if bytes.Contains(data, []byte("document.cookie")) || bytes.Contains(bytes.ToLower(data), []byte("set-cookie")) {
				t.Errorf("%s: touches cookies", name)
			}
			for _, n := range findAll(doc, func(*html.Node) bool { return true }) {
				for _, a := range n.Attr {
					if strings.HasPrefix(a.Key, "on") {
						t.Errorf("%s: script in the attribute %s of <%s>", name, a.Key, n.Data)
					}
				}
				// The one script is the search page's own, from the site.
				if n.Data == "script" && attrOr(n, "type") != "application/ld+json" &&
					!(name == "suche/index.html" && strings.HasPrefix(attrOr(n, "src"), "/js/search.") && strings.HasSuffix(attrOr(n, "src"), ".js")) {
					t.Errorf("%s: a script (%s)", name, attrOr(n, "src"))
				}
				for _, ref := range urlAttrs(n) {
					u, err := base.Parse(ref)
					if err != nil || u.Host == "" || u.Host == o.base.Host {
						continue
					}
					inText := within(n, func(m *html.Node) bool { return hasClass(m, "body") || hasClass(m, "about") })
					if n.Data == "a" && (inText || orgSites[ref]) {
						continue // a link of the content or the configuration
					}
					t.Errorf("%s: <%s> refers to another host: %s", name, n.Data, ref)
				}
			}
		}
		for _, name := range o.files(t, ".css") {
			css := o.read(t, name)
			for _, m := range cssURL.FindAllSubmatch(css, -1) {
				ref := string(m[1]) + string(m[2])
				if u, err := url.Parse(ref); err != nil || u.Host != "" || strings.HasPrefix(ref, "//") {
					t.Errorf("%s: loads %s", name, ref)
				}
			}
			if bytes.Contains(css, []byte("@font-face")) || bytes.Contains(css, []byte("@import")) {
				t.Errorf("%s: loads fonts or other stylesheets", name)
			}
		}
		if len(pages) < 40 {
			t.Errorf("only %d pages", len(pages))
		}
	}
}

// urlAttrs are the URLs an element refers to.
func urlAttrs(n *html.Node) []string {
	var out []string
	for _, a := range n.Attr {
		switch a.Key {
		case "href", "src", "action", "formaction", "poster", "data", "cite", "background":
			out = append(out, a.Val)
		case "srcset", "imagesrcset":
			for _, c := range strings.Split(a.Val, ",") {
				if f := strings.Fields(c); len(f) > 0 {
					out = append(out, f[0])
				}
			}
		case "style":
			for _, m := range cssURL.FindAllStringSubmatch(a.Val, -1) {
				out = append(out, m[1]+m[2])
			}
		}
	}
	if n.Data == "meta" {
		if c := attrOr(n, "content"); strings.EqualFold(attrOr(n, "http-equiv"), "refresh") {
			if _, target, ok := strings.Cut(c, "url="); ok {
				out = append(out, target)
			}
		} else if strings.HasPrefix(c, "http://") || strings.HasPrefix(c, "https://") {
			out = append(out, c) // og:image, og:url
		}
	}
	return out
}

// Budgets of the default theme.
const (
	maxCSS         = 15_000 // bytes of stylesheets
	maxReleaseHTML = 30_000 // bytes of a release page besides its text
)

var stylesheet = regexp.MustCompile(`(?i)<link[^>]+rel="?stylesheet`)

// TestPageWeight checks the budgets of the default theme: its CSS under
// 15 KB, no render-blocking script on any page (no script that runs at
// all: only JSON-LD data), one stylesheet, and the HTML of every release
// under 30 KB plus its text.
func TestPageWeight(t *testing.T) {
	o := example(t)
	total := 0
	for _, name := range o.files(t, ".css") {
		total += len(o.read(t, name))
	}
	if total == 0 || total >= maxCSS {
		t.Errorf("the stylesheets have %d bytes, want some and under %d", total, maxCSS)
	}
	for _, name := range o.files(t, ".html") {
		data := o.read(t, name)
		doc := parseHTML(t, name, data)
		for _, s := range findAll(doc, tag("script")) {
			typ := attrOr(s, "type")
			_, async := attr(s, "async")
			_, deferred := attr(s, "defer")
			if typ != "application/ld+json" && !async && !deferred && typ != "module" {
				t.Errorf("%s: render-blocking script %s", name, attrOr(s, "src"))
			}
		}
		if n := len(stylesheet.FindAll(data, -1)); n > 1 {
			t.Errorf("%s: %d stylesheets", name, n)
		}
	}
	most, at := 0, ""
	for _, p := range o.res.Site.Pages {
		if p.Kind != config.KindRelease {
			continue
		}
		name := site.OutputPath(p.URL)
		over := len(o.read(t, name)) - len(o.res.Body(p).HTML)
		if over > most {
			most, at = over, name
		}
		if over >= maxReleaseHTML {
			t.Errorf("%s: %d bytes besides its %d bytes of text, want under %d", name, over, len(o.res.Body(p).HTML), maxReleaseHTML)
		}
	}
	t.Logf("CSS: %d bytes; the heaviest release page: %s with %s besides its text", total, at, fmt.Sprintf("%d bytes", most))
}
