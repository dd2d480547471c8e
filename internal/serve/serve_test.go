package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pressroom/internal/build"
)

const siteTOML = `title = "Vorschau"
baseURL = "https://presse.example.org/presse/"
[[organizations]]
id = "netz"
name = "Netzwerk"
[sections.pressemitteilungen]
title = "Pressemitteilungen"
`

type fixture struct {
	t      *testing.T
	dir    string
	srv    *Server
	http   *httptest.Server
	events chan Event
}

func start(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{t: t, dir: t.TempDir(), events: make(chan Event, 10)}
	f.write("site.toml", siteTOML)
	f.write("content/pressemitteilungen/2026-01-05-a.md", "---\ntitle: Erste\ndate: 2026-01-05\n---\nAlter Text.\n")
	f.write("content/pressemitteilungen/2026-02-05-b.md", "---\ntitle: Zweite\ndate: 2026-02-05\n---\nAnderer Text.\n")
	f.write("content/pressemitteilungen/2026-12-24-c.md", "---\ntitle: Gesperrt\ndate: 2026-12-24 09:00\nembargo: 2026-12-24 10:00\n---\nText.\n")
	f.write("content/pressemitteilungen/2026-03-01-d.md", "---\ntitle: Im Entwurf\ndate: 2026-03-01\ndraft: true\n---\nText.\n")
	f.srv = New(build.Options{SiteDir: f.dir, Theme: os.DirFS("../.."), Now: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC),
		Drafts: true, Future: true, BaseURL: "http://127.0.0.1/presse/"}, "/presse/", io.Discard)
	f.srv.OnEvent = func(ev Event) { f.events <- ev }
	if _, err := f.srv.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	f.http = httptest.NewServer(f.srv)
	t.Cleanup(f.http.Close)
	return f
}

func (f *fixture) write(name, text string) {
	p := filepath.Join(f.dir, filepath.FromSlash(name))
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) get(path string) (int, string, string) {
	f.t.Helper()
	resp, err := http.Get(f.http.URL + path)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Content-Type"), string(b)
}

func (f *fixture) rebuild(changed ...string) Event {
	f.t.Helper()
	f.srv.Rebuild(context.Background(), changed)
	select {
	case ev := <-f.events:
		return ev
	case <-time.After(5 * time.Second):
		f.t.Fatal("no event")
	}
	return Event{}
}

func TestServesFilesWithTypes(t *testing.T) {
	f := start(t)
	for _, c := range []struct {
		path, ctype string
		status      int
		contains    string
	}{
		{"/presse/", "text/html; charset=utf-8", 200, `<script src="/_pressroom/live.js" data-gen="1" data-lang="de"></script>`},
		{"/presse/feed.xml", "application/rss+xml; charset=utf-8", 200, "<rss"},
		{"/presse/atom.xml", "application/atom+xml; charset=utf-8", 200, "<feed"},
		{"/presse/feed.json", "application/feed+json; charset=utf-8", 200, "jsonfeed.org"},
		{"/presse/sitemap.xml", "application/xml; charset=utf-8", 200, "<urlset"},
		{"/presse/gibt-es-nicht/", "text/html; charset=utf-8", 404, "Seite nicht gefunden"},
		{"/presse/css/", "text/html; charset=utf-8", 404, "Seite nicht gefunden"},
		{"/presse/../../etc/passwd", "text/html; charset=utf-8", 404, "Seite nicht gefunden"},
		{"/_pressroom/live.js", "text/javascript; charset=utf-8", 200, "EventSource"},
	} {
		status, ctype, body := f.get(c.path)
		if status != c.status || ctype != c.ctype || !strings.Contains(body, c.contains) {
			t.Errorf("GET %s = %d %s, want %d %s containing %q", c.path, status, ctype, c.status, c.ctype, c.contains)
		}
	}
	if _, _, body := f.get("/presse/feed.xml"); strings.Contains(body, "live.js") {
		t.Error("script injected into a feed")
	}
	// Drafts and embargoed releases are shown in the preview, with banners.
	if _, _, body := f.get("/presse/pressemitteilungen/2026/c/"); !strings.Contains(body, "Sperrfrist bis 24. Dezember 2026, 10:00 Uhr") {
		t.Error("embargo banner missing")
	}
	if _, _, body := f.get("/presse/pressemitteilungen/2026/d/"); !strings.Contains(body, "Entwurf") {
		t.Error("draft banner missing")
	}
	resp, err := http.Get(f.http.URL + "/")
	if err != nil || resp.Request.URL.Path != "/presse/" {
		t.Errorf("/ does not lead to the base path: %v %v", err, resp.Request.URL)
	}
}

func TestEditReloadsChangedPageOnly(t *testing.T) {
	f := start(t)
	f.write("content/pressemitteilungen/2026-01-05-a.md", "---\ntitle: Erste\ndate: 2026-01-05\n---\nNeuer Text.\n")
	ev := f.rebuild("content/pressemitteilungen/2026-01-05-a.md")
	if len(ev.Errors) != 0 {
		t.Fatalf("errors: %+v", ev.Errors)
	}
	if !contains(ev.Reload, "/presse/pressemitteilungen/2026/a/") || contains(ev.Reload, "/presse/pressemitteilungen/2026/b/") {
		t.Errorf("reload = %v", ev.Reload)
	}
	if _, _, body := f.get("/presse/pressemitteilungen/2026/a/"); !strings.Contains(body, "Neuer Text.") {
		t.Error("new text not served")
	}
}

func TestBrokenFileKeepsLastGoodSiteAndShowsError(t *testing.T) {
	f := start(t)
	f.write("content/pressemitteilungen/2026-01-05-a.md", "---\ntitle: Erste\ndate: 2026-01-05\ntags: [kaputt\n---\nNeu.\n")
	ev := f.rebuild("content/pressemitteilungen/2026-01-05-a.md")
	if len(ev.Errors) == 0 {
		t.Fatal("no error reported")
	}
	e := ev.Errors[0]
	if !strings.HasPrefix(e.Where, "content/pressemitteilungen/2026-01-05-a.md:") || len(e.Lines) == 0 {
		t.Errorf("problem = %+v", e)
	}
	if status, _, body := f.get("/presse/pressemitteilungen/2026/a/"); status != 200 || !strings.Contains(body, "Alter Text.") {
		t.Error("last good page not served")
	}
	// A browser connecting now is told the error at once.
	hello := firstEvent(t, f.http.URL+"/_pressroom/events")
	if len(hello.Errors) == 0 || hello.Build == "" {
		t.Errorf("hello = %+v", hello)
	}
	f.write("content/pressemitteilungen/2026-01-05-a.md", "---\ntitle: Erste\ndate: 2026-01-05\n---\nRepariert.\n")
	ev = f.rebuild("content/pressemitteilungen/2026-01-05-a.md")
	if len(ev.Errors) != 0 || !contains(ev.Reload, "/presse/pressemitteilungen/2026/a/") {
		t.Errorf("after the fix: %+v", ev)
	}
}

func TestCSSChangeSwapsStylesheetWithoutReload(t *testing.T) {
	f := start(t)
	css, _ := os.ReadFile("../../assets/css/style.css")
	f.write("assets/css/style.css", string(css)+"\nbody{color:red}\n")
	ev := f.rebuild("assets/css/style.css")
	if len(ev.CSS) != 1 {
		t.Fatalf("css = %v", ev.CSS)
	}
	if len(ev.Reload) != 0 {
		t.Errorf("pages reloaded for a CSS change: %v", ev.Reload)
	}
	for old, nw := range ev.CSS {
		if status, _, _ := f.get(nw); status != 200 {
			t.Errorf("new stylesheet %s: %d", nw, status)
		}
		if status, _, _ := f.get(old); status != 404 {
			t.Errorf("old stylesheet %s still served", old)
		}
	}
}

func TestDeletedPageIsGone(t *testing.T) {
	f := start(t)
	os.Remove(filepath.Join(f.dir, "content/pressemitteilungen/2026-02-05-b.md"))
	ev := f.rebuild("content/pressemitteilungen/2026-02-05-b.md")
	if !contains(ev.Reload, "/presse/pressemitteilungen/2026/b/") {
		t.Errorf("reload = %v", ev.Reload)
	}
	if status, _, _ := f.get("/presse/pressemitteilungen/2026/b/"); status != 404 {
		t.Errorf("deleted page: %d", status)
	}
}

func firstEvent(t *testing.T, url string) Event {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Errorf("content type %s", ct)
	}
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
			var ev Event
			if err := json.Unmarshal([]byte(data), &ev); err != nil {
				t.Fatal(err)
			}
			return ev
		}
	}
	t.Fatal("no event")
	return Event{}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestGenerations: each build that changes the site counts up; pages carry
// the count they were served at and the first event of a stream the
// current one, so a browser that missed an event while reconnecting
// reloads. A failed build does not count.
func TestGenerations(t *testing.T) {
	f := start(t)
	_, _, page := f.get("/presse/")
	if !strings.Contains(page, `data-gen="1"`) {
		t.Fatalf("first build: page lacks data-gen=\"1\":\n%s", page)
	}
	f.write("content/pressemitteilungen/2026-01-05-a.md", "---\ntitle: Erste\ndate: 2026-01-05\n---\nGeändert.\n")
	if ev := f.rebuild("content/pressemitteilungen/2026-01-05-a.md"); ev.Gen != 2 {
		t.Errorf("after a change: gen %d, want 2", ev.Gen)
	}
	f.write("content/pressemitteilungen/2026-01-05-a.md", "---\ntitle: [kaputt\n---\n")
	if ev := f.rebuild("content/pressemitteilungen/2026-01-05-a.md"); ev.Gen != 2 || len(ev.Errors) == 0 {
		t.Errorf("after a failed build: gen %d, errors %v; want 2 and errors", ev.Gen, ev.Errors)
	}
	if _, _, page := f.get("/presse/"); !strings.Contains(page, `data-gen="2"`) {
		t.Error("a page served after the change lacks data-gen=\"2\"")
	}
}

// stream opens an event stream as the page at path does and returns its
// events after the first.
func stream(t *testing.T, base, path string) <-chan Event {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/_pressroom/events?page="+url.QueryEscape(path), nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	events := make(chan Event, 10)
	hello := make(chan bool)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<24)
		first := true
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				var ev Event
				json.Unmarshal([]byte(data), &ev)
				if first {
					first = false
					close(hello)
					continue
				}
				events <- ev
			}
		}
	}()
	<-hello
	return events
}

func next(t *testing.T, events <-chan Event) Event {
	t.Helper()
	select {
	case ev := <-events:
		return ev
	case <-time.After(5 * time.Second):
		t.Fatal("no event")
	}
	return Event{}
}

// TestEventCarriesThePage: each browser names its page when it connects
// and gets with the event the new HTML of that page if the save changed
// it, else nothing to do; a page that is gone is to be loaded again.
func TestEventCarriesThePage(t *testing.T) {
	f := start(t)
	a1 := stream(t, f.http.URL, "/presse/pressemitteilungen/2026/a/")
	a2 := stream(t, f.http.URL, "/presse/pressemitteilungen/2026/a/")
	b := stream(t, f.http.URL, "/presse/pressemitteilungen/2026/b/")
	f.write("content/pressemitteilungen/2026-01-05-a.md", "---\ntitle: Erste\ndate: 2026-01-05\n---\nNeuer Text.\n")
	f.rebuild("content/pressemitteilungen/2026-01-05-a.md")
	for _, events := range []<-chan Event{a1, a2} {
		ev := next(t, events)
		if !strings.Contains(ev.HTML, "Neuer Text.") || !strings.Contains(ev.HTML, `<script src="/_pressroom/live.js" data-gen="2" data-lang="de">`) || len(ev.Reload) != 0 {
			t.Errorf("the page's event: reload %v, html:\n%.300s", ev.Reload, ev.HTML)
		}
	}
	if ev := next(t, b); ev.HTML != "" || len(ev.Reload) != 0 || ev.Gen != 2 {
		t.Errorf("another page's event: gen %d, reload %v, html %.100q", ev.Gen, ev.Reload, ev.HTML)
	}
	os.Remove(filepath.Join(f.dir, "content/pressemitteilungen/2026-02-05-b.md"))
	f.rebuild("content/pressemitteilungen/2026-02-05-b.md")
	if ev := next(t, b); ev.HTML != "" || !contains(ev.Reload, "/presse/pressemitteilungen/2026/b/") {
		t.Errorf("a deleted page's event: reload %v, html %.100q", ev.Reload, ev.HTML)
	}
	// a lost its neighbour link to b: it is updated, not loaded again.
	if ev := next(t, a1); !strings.Contains(ev.HTML, "Neuer Text.") || len(ev.Reload) != 0 {
		t.Errorf("a's event after b was deleted: reload %v, html %.100q", ev.Reload, ev.HTML)
	}
}

// TestOverlayLanguageIsTheSites: the live script learns the site's
// language, for the overlay's fixed text.
func TestOverlayLanguageIsTheSites(t *testing.T) {
	f := start(t)
	f.write("site.toml", strings.Replace(siteTOML, `title = "Vorschau"`, "title = \"Preview\"\nlanguage = \"en\"", 1))
	f.rebuild("site.toml")
	if _, _, page := f.get("/presse/"); !strings.Contains(page, `data-lang="en"></script>`) {
		t.Errorf("an English site's page lacks data-lang=\"en\":\n%.3000s", page)
	}
	if _, _, js := f.get("/_pressroom/live.js"); !strings.Contains(js, "the site could not be built") || !strings.Contains(js, "Die Seite konnte nicht erstellt werden") {
		t.Error("the live script lacks the overlay's English or German text")
	}
}
