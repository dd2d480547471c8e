package serve

import (
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"pressroom/internal/build"
	"pressroom/internal/testtool"
	"pressroom/internal/watch"
)

// TestBrowserLiveReload drives a real browser against serve: an edit shows
// up without any action, a broken file shows the overlay, the fix clears
// it, a CSS change restyles the page without reloading it.
func TestBrowserLiveReload(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	f := start(t)
	w, err := watch.New(f.dir, []string{"content", "layouts", "assets"}, []string{"site.toml"})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	batches := make(chan []string)
	go w.Run(ctx, batches, nil)
	// Nobody reads the fixture's event channel here.
	f.srv.OnEvent = nil
	go f.srv.Follow(ctx, batches)

	bctx := testtool.Browser(t, 60*time.Second)
	page := f.http.URL + "/presse/pressemitteilungen/2026/a/"
	waitFor := func(what, js string) { t.Helper(); waitJS(t, bctx, what, js) }
	if _, err := chromedp.Run(bctx, chromedp.Navigate(page)); err != nil {
		t.Fatal(err)
	}
	waitFor("the page", `document.body.innerText.includes("Alter Text.")`)
	// Give the event stream a moment to connect, then mark the page to tell
	// a reload from a swap.
	waitFor("the event stream", `document.documentElement.hasAttribute("data-pressroom-live")`)

	f.write("content/pressemitteilungen/2026-01-05-a.md", "---\ntitle: Erste\ndate: 2026-01-05\n---\nNeuer Text aus dem Editor.\n")
	waitFor("the edit", `document.body.innerText.includes("Neuer Text aus dem Editor.")`)

	f.write("content/pressemitteilungen/2026-01-05-a.md", "---\ntitle: Erste\ndate: 2026-01-05\ntags: [kaputt\n---\nText.\n")
	waitFor("the error overlay", `(() => { const h = document.getElementById("pressroom-overlay"); return !!h && h.shadowRoot.textContent.includes("content/pressemitteilungen/2026-01-05-a.md:") })()`)
	if _, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`window.pressroomMarker = 1; window.scrollTo(0, 50); true`)); err != nil {
		t.Fatal(err)
	}
	f.write("content/pressemitteilungen/2026-01-05-a.md", "---\ntitle: Erste\ndate: 2026-01-05\n---\nWieder gut.\n")
	waitFor("the fix", `!document.getElementById("pressroom-overlay") && document.body.innerText.includes("Wieder gut.")`)

	// The fix is morphed into the page: it was not loaded again.
	if m, _ := chromedp.Run(bctx, chromedp.Evaluate[int](`window.pressroomMarker || 0`)); m != 1 {
		t.Errorf("the fix loaded the page again (marker %d)", m)
	}
	if _, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`window.pressroomMarker = 2; true`)); err != nil {
		t.Fatal(err)
	}
	css, err := os.ReadFile("../../assets/css/style.css")
	if err != nil {
		t.Fatal(err)
	}
	f.write("assets/css/style.css", string(css)+"\nbody { background: rgb(1, 2, 3) !important; }\n")
	waitFor("the new style", `getComputedStyle(document.body).backgroundColor === "rgb(1, 2, 3)"`)
	marker, err := chromedp.Run(bctx, chromedp.Evaluate[int](`window.pressroomMarker || 0`))
	if err != nil {
		t.Fatal(err)
	}
	if marker != 2 {
		t.Errorf("the page reloaded for a CSS change (marker %d)", marker)
	}
	links, _ := chromedp.Run(bctx, chromedp.Evaluate[string](`[...document.querySelectorAll('link[rel=stylesheet]')].map(l => l.href).join(" ")`))
	if strings.Count(links, "style.") != 1 {
		t.Errorf("stylesheets after the swap: %s", links)
	}
}

// waitJS waits until js is true in the page.
func waitJS(t *testing.T, bctx context.Context, what, js string) {
	t.Helper()
	// Generous: in CI the browser shares two cores with other tests.
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if ok, err := chromedp.Run(bctx, chromedp.Evaluate[bool](js)); err == nil && ok {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	html, _ := chromedp.Run(bctx, chromedp.OuterHTML("body"))
	css, _ := chromedp.Run(bctx, chromedp.Evaluate[string](`[...document.querySelectorAll('link[rel=stylesheet]')].map(l => l.href).join(" ")`))
	t.Fatalf("timed out waiting for %s; stylesheets: %s; body:\n%.2000s", what, css, html)
}

// TestBrowserReconnectsAfterRestart stops the preview and starts a new one
// on the same port: the open page finds it by itself and reloads.
func TestBrowserReconnectsAfterRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	f := start(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	first := &http.Server{Handler: f.srv}
	go first.Serve(ln)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	bctx := testtool.Browser(t, 60*time.Second)
	if _, err := chromedp.Run(bctx, chromedp.Navigate("http://"+addr+"/presse/pressemitteilungen/2026/a/")); err != nil {
		t.Fatal(err)
	}
	waitJS(t, bctx, "the event stream", `document.documentElement.hasAttribute("data-pressroom-live")`)

	// Stop, change the file while no server runs, start a new server.
	f.srv.Close()
	first.Close()
	f.write("content/pressemitteilungen/2026-01-05-a.md", "---\ntitle: Erste\ndate: 2026-01-05\n---\nNach dem Neustart.\n")
	next := New(build.Options{SiteDir: f.dir, Theme: os.DirFS("../.."), Now: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC),
		Drafts: true, Future: true, BaseURL: "http://127.0.0.1/presse/"}, "/presse/", io.Discard)
	if _, err := next.Build(ctx); err != nil {
		t.Fatal(err)
	}
	var ln2 net.Listener
	for i := 0; i < 50; i++ {
		if ln2, err = net.Listen("tcp", addr); err == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	second := &http.Server{Handler: next}
	go second.Serve(ln2)
	defer func() { next.Close(); second.Close() }()
	waitJS(t, bctx, "the reload after the restart", `document.body.innerText.includes("Nach dem Neustart.")`)
}
