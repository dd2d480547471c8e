package conformance

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"pressroom/internal/build"
	"pressroom/internal/publish"
	"pressroom/internal/testtool"
)

// The unique words of a release under embargo, its embargo preview and a
// draft: the search must never find them.
const (
	embargoWord = "Zaubermelone"
	draftWord   = "Zauberkartoffel"
)

// searchSite copies the example site into a folder, with a release under
// embargo (and its preview) and a draft that hold unique words, and builds
// it under the base path /presse/.
func searchSite(t *testing.T) string {
	t.Helper()
	src := t.TempDir()
	if out, err := exec.Command("cp", "-r", filepath.Join(root, "site.toml"), filepath.Join(root, "content"), src).CombinedOutput(); err != nil {
		t.Fatalf("cp: %v: %s", err, out)
	}
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(src, "content", name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("pressemitteilungen/2026-11-30-sperrfrist.md", "---\ntitle: Geheime "+embargoWord+" vor der Sperrfrist\ndate: 2026-11-30 10:00\nembargo: 2026-11-30 10:00\nembargo_preview: true\n---\n\nDie "+embargoWord+" wird erst nach der Sperrfrist vorgestellt. Jobcenter.\n")
	write("pressemitteilungen/2026-11-01-entwurf.md", "---\ntitle: Entwurf zur "+draftWord+"\ndate: 2026-11-01\ndraft: true\n---\n\nDie "+draftWord+" ist ein Entwurf. Jobcenter.\n")
	out := filepath.Join(t.TempDir(), "public")
	d, err := publish.NewDir(out)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := build.Build(context.Background(), build.Options{SiteDir: src, Theme: os.DirFS(root), Now: now, BaseURL: "https://presse.example.org/presse/", PreviewSecret: "Qx7vLp2Rk9Wm4Tz8Hc3Nb6Yd"}, d); err != nil {
		d.Abort()
		t.Fatal(err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	return out
}

// csp is a strict Content-Security-Policy: scripts and fetches from the
// site alone, no eval, no WebAssembly.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"

// serveUnder serves dir under the base path /presse/ with the strict CSP.
func serveUnder(t *testing.T, dir string) *httptest.Server {
	fs := http.StripPrefix("/presse", http.FileServer(http.Dir(dir)))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, "/presse/") {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Security-Policy", csp)
		fs.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// gunzipAll is the text of every file of the index.
func gunzipAll(t *testing.T, dir string) string {
	t.Helper()
	var all strings.Builder
	files, _ := filepath.Glob(filepath.Join(dir, "*.gz"))
	if len(files) == 0 {
		t.Fatalf("no index files in %s", dir)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		text, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(text)
	}
	return all.String()
}

type hit struct {
	Title, Href, Meta, Snippet string
	Marks                      []string
}

const readHits = `[...document.querySelectorAll("#suche-treffer li")].map(li => ({
	Title: li.querySelector("h3").textContent, Href: li.querySelector("a").getAttribute("href"),
	Meta: li.querySelector(".entry-meta").textContent, Snippet: (li.querySelector(".search-snippet") || {}).textContent || "",
	Marks: [...li.querySelectorAll("mark")].map(m => m.textContent)}))`

// TestSearch types queries into the search page of the example site in
// chromium, under a base path and a strict CSP: results with marks, the
// inflected, folded, prefix and phrase forms, the filters, the keyboard,
// the header's field, and never the words of an embargoed release, its
// preview or a draft. The browser asks no other host.
func TestSearch(t *testing.T) {
	heavy(t)
	chromium(t)
	out := searchSite(t)
	index := gunzipAll(t, filepath.Join(out, "suche", "index"))
	for _, w := range []string{embargoWord, strings.ToLower(embargoWord), draftWord, strings.ToLower(draftWord)} {
		if strings.Contains(index, w) {
			t.Errorf("the index holds %q, a word of an unpublished page", w)
		}
	}
	if !strings.Contains(index, "qualifizierung") {
		t.Errorf("the index lacks qualifizierung")
	}
	srv := serveUnder(t, out)
	ctx := testtool.Browser(t, 3*time.Minute)
	var mu sync.Mutex
	var requests []string
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			mu.Lock()
			requests = append(requests, e.Request.URL)
			mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	do := func(actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		for _, a := range actions {
			if _, err := chromedp.Run(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
	}
	eval := func(js string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	poll := func(js string) {
		t.Helper()
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
			t.Fatalf("waiting for %s: %v", js, err)
		}
	}
	hits := func() []hit {
		t.Helper()
		h, err := chromedp.Run(ctx, chromedp.Evaluate[[]hit](readHits))
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	// query types q into the emptied field and waits for the status.
	query := func(q string) ([]hit, string) {
		t.Helper()
		eval(`document.getElementById("suche-q").value = ""; document.getElementById("suche-status").textContent = ""; ""`)
		do(chromedp.Focus(chromedp.ID("suche-q")), chromedp.SendKeys(chromedp.ID("suche-q"), q))
		poll(`document.getElementById("suche-status").textContent.includes(` + jsString(strings.TrimSpace(q)) + `)`)
		return hits(), eval(`document.getElementById("suche-status").textContent`)
	}
	titles := func(h []hit) string {
		var s []string
		for _, x := range h {
			s = append(s, x.Title)
		}
		return strings.Join(s, " | ")
	}
	do(chromedp.Navigate(srv.URL+"/presse/suche/"), chromedp.WaitVisible(chromedp.ID("suche-q")))

	h, status := query("Jobcenter")
	if len(h) < 5 || !strings.Contains(status, "Treffer") {
		t.Fatalf("Jobcenter: %d results, status %q", len(h), status)
	}
	for _, x := range h {
		if !strings.HasPrefix(x.Href, "/presse/") {
			t.Errorf("result link %s lacks the base path", x.Href)
		}
		if strings.Contains(x.Title, embargoWord) || strings.Contains(x.Title, draftWord) {
			t.Errorf("result of an unpublished page: %s", x.Title)
		}
	}
	marked := false
	for _, x := range h {
		for _, m := range x.Marks {
			marked = marked || strings.HasPrefix(strings.ToLower(m), "jobcenter")
		}
	}
	if !marked {
		t.Errorf("no result marks Jobcenter: %+v", h)
	}
	cases := []struct{ q, want string }{
		{"Leitbild", "Strategisches Leitbild 2030"},
		{"Qualifizierung", "Fachkräfte"},
		{"Qualifizierungen", "Fachkräfte"},
		{"Leitbildes", "Strategisches Leitbild 2030"}, // a form no page has
		{"Qualifi", "Fachkräfte"},
		{"Strasse", "Straße"},
		{"Buendnis", "Bündnis"},
		{`"aufsuchende Beratung"`, "Aufsuchende Beratung"},
	}
	for _, c := range cases {
		h, status := query(c.q)
		if !strings.Contains(titles(h), c.want) {
			t.Errorf("%s: no result with %q in its title: %s (%s)", c.q, c.want, titles(h), status)
		}
	}
	if h, _ := query("Leitbild"); len(h) == 0 || !strings.Contains(h[0].Title, "Leitbild") {
		t.Errorf("Leitbild: the page with it in the title is not first: %s", titles(h))
	}
	for _, w := range []string{embargoWord, draftWord} {
		if h, status := query(w); len(h) != 0 || !strings.Contains(status, "Keine Treffer") {
			t.Errorf("%s: %d results (%s), want none", w, len(h), status)
		}
	}
	// The filters: only 2025, then only the Bündnis's; the address keeps them.
	query("Jobcenter")
	eval(`const y = document.getElementById("suche-jahr"); y.value = "2025"; y.dispatchEvent(new Event("change")); ""`)
	poll(`[...document.querySelectorAll("#suche-treffer time")].length > 0 && [...document.querySelectorAll("#suche-treffer time")].every(t => t.dateTime.startsWith("2025"))`)
	eval(`const o = document.getElementById("suche-org"); o.value = "buendnis-arbeit"; o.dispatchEvent(new Event("change")); ""`)
	poll(`[...document.querySelectorAll("#suche-treffer .entry-meta")].every(m => m.textContent.includes("Bündnis für Arbeit")) && [...document.querySelectorAll("#suche-treffer time")].every(t => t.dateTime.startsWith("2025"))`)
	if loc := eval(`location.href`); !strings.Contains(loc, "year=2025") || !strings.Contains(loc, "org=buendnis-arbeit") {
		t.Errorf("the address does not keep the filters: %s", loc)
	}
	eval(`for (const id of ["suche-jahr", "suche-org"]) { const s = document.getElementById(id); s.value = ""; s.dispatchEvent(new Event("change")); } ""`)

	// The keyboard: down from the field to the first result, down again,
	// up twice back into the field.
	h, _ = query("Jobcenter")
	do(chromedp.Focus(chromedp.ID("suche-q")), chromedp.KeyEvent(kb.ArrowDown))
	if active := eval(`document.activeElement.closest("#suche-treffer li") ? document.activeElement.textContent : document.activeElement.id`); active != h[0].Title {
		t.Errorf("arrow down from the field: focus on %q, want the first result %q", active, h[0].Title)
	}
	do(chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowUp), chromedp.KeyEvent(kb.ArrowUp))
	if active := eval(`document.activeElement.id`); active != "suche-q" {
		t.Errorf("arrow up from the first result: focus on %q, want the field", active)
	}

	// The header's field of another page opens the search with results.
	do(chromedp.Navigate(srv.URL+"/presse/"), chromedp.WaitVisible(chromedp.ID("kopf-suche")),
		chromedp.SendKeys(chromedp.ID("kopf-suche"), "Leitbild\r"), chromedp.WaitVisible(chromedp.ID("suche-q")))
	poll(`document.querySelectorAll("#suche-treffer li").length > 0`)
	if loc := eval(`location.href`); !strings.HasPrefix(loc, srv.URL+"/presse/suche/?q=Leitbild") {
		t.Errorf("the header's search went to %s", loc)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, r := range requests {
		if !strings.HasPrefix(r, srv.URL+"/") {
			t.Errorf("the browser requested %s: not the site's own host", r)
		}
	}
}

func jsString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	return `"` + r.Replace(s) + `"`
}
