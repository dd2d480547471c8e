package serve

import (
	"context"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"pressroom/internal/testtool"
	"pressroom/internal/watch"
)

// paperSite turns the fixture into a site with a long paper that has a
// form field, a <details> and many paragraphs (raw HTML allowed), and
// follows its files with the real watcher.
func paperSite(t *testing.T, css string) *fixture {
	t.Helper()
	f := start(t)
	f.write("site.toml", siteTOML+`[sections.positionspapiere]
title = "Positionspapiere"
kind = "paper"
[markdown]
unsafe = true
`)
	f.write("content/positionspapiere/leitbild.md", paper("Absatz 30 in der ersten Fassung."))
	if css != "" {
		theme, err := os.ReadFile("../../assets/css/style.css")
		if err != nil {
			t.Fatal(err)
		}
		f.write("assets/css/style.css", string(theme)+"\n"+css)
	}
	f.srv.OnEvent = nil
	if _, err := f.srv.Rebuild(context.Background(), []string{"site.toml"}); err != nil {
		t.Fatal(err)
	}
	w, err := watch.New(f.dir, []string{"content", "layouts", "assets"}, []string{"site.toml"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	batches := make(chan []string)
	go w.Run(ctx, batches, nil)
	go f.srv.Follow(ctx, batches)
	t.Cleanup(func() { cancel(); w.Close() })
	return f
}

// paper is a long position paper whose 30th of 40 paragraphs is p30.
func paper(p30 string) string {
	var b strings.Builder
	b.WriteString("---\ntitle: Leitbild 2030\ndate: 2026-01-10\n---\n")
	b.WriteString(`<p><label for="suche">Suche</label> <input id="suche" type="search"></p>` + "\n\n")
	b.WriteString("<details id=\"mehr\"><summary>Mehr erfahren</summary>\n\nDer Hintergrund des Leitbilds.\n\n</details>\n\n")
	for i := 1; i <= 40; i++ {
		if i == 30 {
			fmt.Fprintf(&b, "%s\n\n", p30)
			continue
		}
		fmt.Fprintf(&b, "Absatz %d: Die kommunalen Jobcenter beraten Menschen in ihrer Nähe, verlässlich und mit Zeit für jede einzelne Lage, "+
			"von der ersten Beratung bis zur Arbeitsaufnahme und darüber hinaus.\n\n", i)
	}
	return b.String()
}

func evalJS[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// TestBrowserUpdatesInPlace: an edit in the lower half of a long paper is
// morphed into the open page: scroll position, focus in the search field,
// the text typed into it, an open <details> and a selection stay, and the
// page is not loaded again. A second tab on the same page updates too; a
// tab on a release the edit does not touch is left alone.
func TestBrowserUpdatesInPlace(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	f := paperSite(t, "")
	bctx := testtool.Browser(t, 90*time.Second)
	open := func(ctx context.Context, path string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(1000, 700), chromedp.Navigate(f.http.URL+path)); err != nil {
			t.Fatal(err)
		}
		waitJS(t, ctx, "the event stream of "+path, `document.documentElement.hasAttribute("data-pressroom-live")`)
		evalJS[bool](t, ctx, `window.pressroomMarker = "unberührt"; true`)
	}
	paperPath := "/presse/positionspapiere/leitbild/"
	second, cancel2 := chromedp.NewContext(bctx)
	defer cancel2()
	other, cancel3 := chromedp.NewContext(bctx)
	defer cancel3()
	open(bctx, paperPath)
	open(second, paperPath)
	open(other, "/presse/pressemitteilungen/2026/b/")

	// The reader scrolls down to paragraph 35, opens the details, selects
	// a word of paragraph 38 and types into the search field without
	// scrolling.
	setup := `(() => {
		document.getElementById("mehr").open = true;
		const p = [...document.querySelectorAll("p")].find(p => p.textContent.startsWith("Absatz 35:"));
		p.scrollIntoView();
		const q = document.getElementById("suche");
		q.focus({preventScroll: true});
		q.value = "Leitbild";
		const t = [...document.querySelectorAll("p")].find(p => p.textContent.startsWith("Absatz 38:")).firstChild;
		const r = document.createRange(); r.setStart(t, 0); r.setEnd(t, 9);
		const s = getSelection(); s.removeAllRanges(); s.addRange(r);
		return window.scrollY;
	})()`
	y := evalJS[float64](t, bctx, setup)
	if y < 500 {
		t.Fatalf("the page did not scroll (scrollY %v): not long enough for the test", y)
	}
	f.write("content/positionspapiere/leitbild.md", paper("Absatz 30 in der zweiten Fassung."))
	waitJS(t, bctx, "the edit", `document.body.innerText.includes("Absatz 30 in der zweiten Fassung.")`)
	waitJS(t, second, "the edit in the second tab", `document.body.innerText.includes("Absatz 30 in der zweiten Fassung.")`)

	if m := evalJS[string](t, bctx, `window.pressroomMarker || ""`); m != "unberührt" {
		t.Error("the page was loaded again, not updated in place")
	}
	if y2 := evalJS[float64](t, bctx, `window.scrollY`); math.Abs(y2-y) > 2 {
		t.Errorf("scroll position %v after the edit, %v before", y2, y)
	}
	if id := evalJS[string](t, bctx, `document.activeElement ? document.activeElement.id : ""`); id != "suche" {
		t.Errorf("focus after the edit is on %q, not the search field", id)
	}
	if v := evalJS[string](t, bctx, `document.getElementById("suche").value`); v != "Leitbild" {
		t.Errorf("the search field holds %q after the edit", v)
	}
	if !evalJS[bool](t, bctx, `document.getElementById("mehr").open`) {
		t.Error("the open <details> closed")
	}
	if sel := evalJS[string](t, bctx, `String(getSelection())`); sel != "Absatz 38" {
		t.Errorf("selection after the edit: %q", sel)
	}
	if m := evalJS[string](t, second, `window.pressroomMarker || ""`); m != "unberührt" {
		t.Error("the second tab was loaded again")
	}
	// The other tab got its event (it counts builds) and did nothing.
	waitJS(t, other, "the other tab's event", `true`)
	if m := evalJS[string](t, other, `window.pressroomMarker || ""`); m != "unberührt" {
		t.Error("a release the edit does not touch was loaded again")
	}

	// A changed title is morphed too, <title> included.
	f.write("content/positionspapiere/leitbild.md", strings.Replace(paper("Absatz 30 in der dritten Fassung."), "Leitbild 2030", "Leitbild 2035", 1))
	waitJS(t, bctx, "the new title", `document.title.includes("Leitbild 2035") && document.querySelector("h1").textContent.includes("Leitbild 2035")`)
	if m := evalJS[string](t, bctx, `window.pressroomMarker || ""`); m != "unberührt" {
		t.Error("the page was loaded again for a new title")
	}
	// Another page's edit leaves this one alone, while the release's tab
	// shows it.
	f.write("content/pressemitteilungen/2026-02-05-b.md", "---\ntitle: Zweite\ndate: 2026-02-05\n---\nAnderer Text, neu.\n")
	waitJS(t, other, "the release's edit", `document.body.innerText.includes("Anderer Text, neu.")`)
	if m := evalJS[string](t, other, `window.pressroomMarker || ""`); m != "unberührt" {
		t.Error("the release was loaded again, not updated in place")
	}
	if m := evalJS[string](t, bctx, `window.pressroomMarker || ""`); m != "unberührt" {
		t.Error("the paper was loaded again for another page's edit")
	}
}

// TestBrowserOverlayIsolated: the error overlay is readable in light and
// dark mode even under a site stylesheet that colours everything, names
// file and line with the source lines in German, and is cleared by the
// fix without loading the page again.
func TestBrowserOverlayIsolated(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	// A site style that leaks into everything it can reach.
	f := paperSite(t, "* { color: #fff !important; background: #f1f3f5 !important; font-size: 3px !important } pre { color: #fff !important }")
	bctx := testtool.Browser(t, 90*time.Second)
	page := "/presse/pressemitteilungen/2026/a/"
	if _, err := chromedp.Run(bctx, chromedp.Navigate(f.http.URL+page)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, bctx, "the event stream", `document.documentElement.hasAttribute("data-pressroom-live")`)
	evalJS[bool](t, bctx, `window.pressroomMarker = 1; true`)
	f.write("content/pressemitteilungen/2026-01-05-a.md", "---\ntitle: Erste\ndate: 2026-01-05\ntags: [kaputt\n---\nText.\n")
	waitJS(t, bctx, "the error overlay", `(() => { const h = document.getElementById("pressroom-overlay");
		return !!h && h.shadowRoot.textContent.includes("content/pressemitteilungen/2026-01-05-a.md:") })()`)
	text := evalJS[string](t, bctx, `document.getElementById("pressroom-overlay").shadowRoot.querySelector(".box").innerText`)
	for _, want := range []string{"Die Seite konnte nicht erstellt werden", "Speichern Sie die korrigierte Datei", "tags: [kaputt"} {
		if !strings.Contains(text, want) {
			t.Errorf("overlay lacks %q:\n%s", want, text)
		}
	}
	// The contrast of the source lines against the overlay, as WCAG
	// computes it, in both colour schemes.
	contrast := `(() => {
		const root = document.getElementById("pressroom-overlay").shadowRoot;
		const lum = c => { const v = c.match(/[\d.]+/g).slice(0, 3).map(Number).map(x => x / 255)
			.map(x => x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4)); return 0.2126*v[0] + 0.7152*v[1] + 0.0722*v[2]; };
		const fg = getComputedStyle(root.querySelector("pre .line")).color;
		const bg = getComputedStyle(root.querySelector(".box")).backgroundColor;
		const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
		return (a + 0.05) / (b + 0.05);
	})()`
	for _, scheme := range []string{"light", "dark"} {
		if _, err := chromedp.Call(bctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}}); err != nil {
			t.Fatal(err)
		}
		if c := evalJS[float64](t, bctx, contrast); c < 7 {
			t.Errorf("overlay contrast in %s mode: %.1f:1", scheme, c)
		}
		if size := evalJS[string](t, bctx, `getComputedStyle(document.getElementById("pressroom-overlay").shadowRoot.querySelector("pre")).fontSize`); size != "14px" {
			t.Errorf("the site's CSS reached the overlay in %s mode: font size %s", scheme, size)
		}
	}
	f.write("content/pressemitteilungen/2026-01-05-a.md", "---\ntitle: Erste\ndate: 2026-01-05\n---\nWieder gut.\n")
	waitJS(t, bctx, "the fix", `!document.getElementById("pressroom-overlay") && document.body.innerText.includes("Wieder gut.")`)
	if m := evalJS[int](t, bctx, `window.pressroomMarker || 0`); m != 1 {
		t.Error("the fix loaded the page again")
	}
}

// TestBrowserHeadChangeReloads: a change to the head that an update does
// not apply (here a link the site's own baseof adds) loads the page again.
func TestBrowserHeadChangeReloads(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	f := paperSite(t, "")
	bctx := testtool.Browser(t, 90*time.Second)
	if err := chromedp.Do(bctx, chromedp.Navigate(f.http.URL+"/presse/pressemitteilungen/2026/a/")); err != nil {
		t.Fatal(err)
	}
	waitJS(t, bctx, "the event stream", `document.documentElement.hasAttribute("data-pressroom-live")`)
	evalJS[bool](t, bctx, `window.pressroomMarker = 1; true`)
	baseof, err := os.ReadFile("../../layouts/baseof.html")
	if err != nil {
		t.Fatal(err)
	}
	f.write("layouts/baseof.html", strings.Replace(string(baseof), "</head>", `<link rel="help" href="/presse/hilfe/">`+"\n</head>", 1))
	waitJS(t, bctx, "the reload", `!window.pressroomMarker && !!document.querySelector('link[rel="help"]')`)
}
