package serve

import (
	"context"
	"io"
	"net/http/httptest"
	"os"
	"path"
	"strings"
	"testing"
	"time"

	"pressroom/internal/build"
)

// TestContentTypesOfExampleSite: the preview of the repository's example
// site answers each kind of its output with its media type, text types
// with their charset; every output is of one of these kinds.
func TestContentTypesOfExampleSite(t *testing.T) {
	srv := New(build.Options{SiteDir: "../..", Theme: os.DirFS("../.."), Now: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC),
		BaseURL: "http://127.0.0.1/"}, "/", io.Discard)
	if _, err := srv.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	h := httptest.NewServer(srv)
	t.Cleanup(h.Close)
	f := &fixture{t: t, srv: srv, http: h}

	// The type of each kind of output: by name for the feeds, else by
	// extension.
	kinds := map[string]string{
		"feed.xml":  "application/rss+xml; charset=utf-8",
		"atom.xml":  "application/atom+xml; charset=utf-8",
		"feed.json": "application/feed+json; charset=utf-8",
		".html":     "text/html; charset=utf-8",
		".css":      "text/css; charset=utf-8",
		".js":       "text/javascript; charset=utf-8",
		".gz":       "application/octet-stream", // the search index, gzip-compressed JSON that its script reads
		".xml":      "application/xml; charset=utf-8",
		".txt":      "text/plain; charset=utf-8",
		".pdf":      "application/pdf",
		".png":      "image/png",
		".ico":      "image/vnd.microsoft.icon",
		".jpg":      "image/jpeg",
		".csv":      "text/csv; charset=utf-8",
		".ics":      "text/calendar; charset=utf-8",
		".vcf":      "text/vcard; charset=utf-8",
	}
	kindOf := func(name string) string {
		if base := path.Base(name); kinds[base] != "" {
			return base
		}
		return path.Ext(name)
	}
	seen := map[string]bool{}
	for _, name := range srv.Files().Names() {
		// The plan knows every output the preview serves, and its type.
		if typ, ok := srv.builder.MediaType(name); !ok || withCharset(typ) != kinds[kindOf(name)] {
			t.Errorf("%s: the plan says %q (%v), want %q", name, typ, ok, kinds[kindOf(name)])
		}
		k := kindOf(name)
		want, ok := kinds[k]
		if !ok {
			t.Errorf("%s: an output of a kind (%q) the test does not know", name, k)
			continue
		}
		if seen[k] && k != ".html" {
			continue // one of each kind is enough, and every page
		}
		seen[k] = true
		_, ctype, _ := f.get("/" + strings.TrimSuffix(name, "index.html"))
		if ctype != want {
			t.Errorf("GET /%s: Content-Type %q, want %q", name, ctype, want)
		}
	}
	for _, k := range []string{"feed.xml", "atom.xml", "feed.json", ".html", ".css", ".xml", ".txt", ".pdf", ".png", ".csv"} {
		if !seen[k] {
			t.Errorf("the example site has no output of kind %q", k)
		}
	}

	// Kinds the example site does not have (yet): attachments and images
	// of other sites, the live-reload script, files of unknown types.
	for _, c := range []struct{ name, want string }{
		{"foto.jpg", "image/jpeg"},
		{"foto.JPEG", "image/jpeg"},
		{"bild.webp", "image/webp"},
		{"logo.svg", "image/svg+xml"},
		{"liesmich.txt", "text/plain; charset=utf-8"},
		{"daten.json", "application/json; charset=utf-8"},
		{"_pressroom/live.js", "text/javascript; charset=utf-8"},
		{"themen/sgb-ii/feed.xml", "application/rss+xml; charset=utf-8"},
		{"pm/anhang.PDF", "application/pdf"},
		{"ohne-endung", "application/octet-stream"},
	} {
		if got := ContentType(c.name); got != c.want {
			t.Errorf("ContentType(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}
