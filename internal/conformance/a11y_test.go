package conformance

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"pressroom/internal/testtool"
)

// axeViolation is one rule that axe-core found broken, with its elements.
type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Tags   []string `json:"tags"`
	Nodes  []struct {
		Target  string `json:"target"`
		Summary string `json:"summary"`
		HTML    string `json:"html"`
	} `json:"nodes"`
}

// runAxe runs axe-core with its default rules (every tag: WCAG 2.0, 2.1,
// 2.2 A and AA, best practices) on the page and returns the violations.
const runAxe = `axe.run(document, {resultTypes: ["violations"]}).then(r => JSON.stringify(r.violations.map(v => ({
	id: v.id, impact: v.impact, help: v.help, tags: v.tags,
	nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary, html: n.html.slice(0, 200)}))}))))`

// pageChecks are what axe leaves out or reports only as a best practice:
// one h1, landmarks, lang, images with alt or marked decorative, downloads
// announced with type and size in their list item (the link's context),
// no sideways scrolling, no cookies.
const pageChecks = `(() => {
	const p = [];
	const h1 = document.querySelectorAll("h1").length;
	if (h1 !== 1) p.push(h1 + " h1 elements, want 1");
	if (!document.documentElement.lang) p.push("no lang on html");
	for (const [sel, what] of [["main", "main landmark"], ["body > header", "banner (page header)"], ["body > footer", "contentinfo (page footer)"], ["header nav", "main navigation"]]) {
		const n = document.querySelectorAll(sel).length;
		if (n !== 1) p.push(n + " " + what + ", want 1");
	}
	for (const img of document.images) {
		if (!img.hasAttribute("alt") && img.getAttribute("role") !== "presentation" && img.getAttribute("aria-hidden") !== "true") p.push("image without alt or decorative mark: " + img.getAttribute("src"));
	}
	for (const a of document.querySelectorAll("a[download]")) {
		const ctx = (a.closest("li, p") || a).textContent.replace(/\s+/g, " ");
		if (!/\((PDF|CSV|Word|Excel|PowerPoint|ODT|ODS|Text|ZIP|[A-Z0-9]{2,}), [0-9.,]+ (Byte|KB|MB)\)/.test(ctx)) p.push("download without type and size: " + ctx.trim());
	}
	const w = document.documentElement.scrollWidth, vw = document.documentElement.clientWidth;
	if (w > vw) p.push("scrolls sideways: " + w + "px of content in a " + vw + "px viewport");
	if (document.cookie !== "") p.push("cookie: " + document.cookie);
	return p;
})()`

// focusChecks run after one press of Tab on a fresh page: the first stop
// is the skip link, visible and leading to main; then every focusable
// element shows a focus indicator at least 2px wide with a contrast of at
// least 3:1 against what is around it (WCAG 2.4.7, 1.4.11).
const focusChecks = `(() => {
	const p = [];
	const lum = c => {
		const m = c.match(/[\d.]+/g).map(Number);
		const [r, g, b] = m.slice(0, 3).map(v => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
		return 0.2126 * r + 0.7152 * g + 0.0722 * b;
	};
	const alpha = c => { const m = c.match(/[\d.]+/g); return m.length > 3 ? Number(m[3]) : 1; };
	const bg = el => {
		for (let e = el.parentElement; e; e = e.parentElement) {
			const c = getComputedStyle(e).backgroundColor;
			if (alpha(c) > 0) return c;
		}
		return getComputedStyle(document.documentElement).backgroundColor || "rgb(255, 255, 255)";
	};
	const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((u, v) => v - u); return (x + 0.05) / (y + 0.05); };
	const first = document.activeElement;
	if (!first || first.tagName !== "A" || !first.hash) {
		p.push("the first Tab stop is not a skip link: " + (first ? first.outerHTML.slice(0, 100) : "nothing"));
	} else {
		const target = document.getElementById(decodeURIComponent(first.hash.slice(1)));
		if (!target || target.tagName !== "MAIN") p.push("the skip link does not lead to main");
		const r = first.getBoundingClientRect();
		if (r.width < 1 || r.height < 1 || r.right <= 0 || r.bottom <= 0 || r.left >= innerWidth || r.top >= innerHeight) p.push("the skip link is not visible when focused");
	}
	const all = document.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex='-1'])");
	for (const el of all) {
		el.focus();
		if (document.activeElement !== el) continue;
		const s = getComputedStyle(el);
		const what = el.outerHTML.slice(0, 100);
		if (s.outlineStyle === "none" || parseFloat(s.outlineWidth) < 2) { p.push("no visible focus indicator: " + what); continue; }
		const cr = ratio(s.outlineColor, bg(el));
		if (cr < 3) p.push("focus indicator contrast " + cr.toFixed(2) + ":1 (" + s.outlineColor + " on " + bg(el) + "): " + what);
	}
	return p;
})()`

// TestAccessibility runs axe-core in chromium on the home page, a section
// list, two releases (downloads; lead image), a paper, a tag page, the 404
// page, a draft in the preview and the search page with results, each in light and dark colours, at
// desktop width and at 375 px: zero violations. It also checks the skip
// link, visible focus, one h1, landmarks, alt text, downloads with type and
// size, reflow, no cookies and that the browser requested nothing from any
// other host.
func TestAccessibility(t *testing.T) {
	heavy(t)
	chromium(t)
	axeJS, err := os.ReadFile(npmFile(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	pub, prev := serve(t, example(t)), serve(t, preview(t))
	pages := []struct{ name, url string }{
		{"home", pub.URL + "/"},
		{"section list", pub.URL + "/pressemitteilungen/"},
		{"release with downloads", pub.URL + "/pressemitteilungen/2025/zwanzig-jahre-kommunale-jobcenter/"},
		{"release with lead image", pub.URL + "/pressemitteilungen/2025/fachtagung-jugendberufsagenturen/"},
		{"paper", pub.URL + "/positionspapiere/strategisches-leitbild-2030/"},
		{"tag page", pub.URL + "/themen/sgb-ii/"},
		{"event", pub.URL + "/termine/tag-der-kommunalen-jobcenter-2026/"},
		{"cancelled event", pub.URL + "/termine/ausbildungsboerse-musterstadt-2026/"},
		{"events section", pub.URL + "/termine/"},
		{"contacts page", pub.URL + "/kontakt/"},
		{"organisation page", pub.URL + "/organisationen/buendnis-arbeit/"},
		{"404 page", pub.URL + "/gibt-es-nicht/"},
		{"draft in the preview", prev.URL + "/pressemitteilungen/2026/entwurf-stellungnahme-neue-grundsicherung/"},
		{"search page with results", pub.URL + "/suche/?q=Jobcenter"},
	}
	ctx := testtool.Browser(t, 5*time.Minute)

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

	eval := func(js string) []string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](js))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	viewports := []struct {
		name string
		act  chromedp.Action[chromedp.Void]
	}{
		{"1280 px", chromedp.EmulateViewport(1280, 900)},
		{"375 px", chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile, chromedp.EmulateScale(2))},
	}
	for _, vp := range viewports {
		if _, err := chromedp.Run(ctx, vp.act); err != nil {
			t.Fatal(err)
		}
		for _, pg := range pages {
			if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}); err != nil {
				t.Fatal(err)
			}
			if _, err := chromedp.Run(ctx, chromedp.Navigate(pg.url)); err != nil {
				t.Fatalf("%s: %v", pg.url, err)
			}
			if strings.Contains(pg.url, "/suche/") {
				if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelectorAll("#suche-treffer mark").length > 0`, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
					t.Fatalf("%s: no results: %v", pg.url, err)
				}
			}
			where := pg.name + " at " + vp.name
			if _, err := chromedp.Run(ctx, chromedp.KeyEvent("\t")); err != nil {
				t.Fatal(err)
			}
			for _, p := range eval(focusChecks) {
				t.Errorf("%s: %s", where, p)
			}
			for _, p := range eval(pageChecks) {
				t.Errorf("%s: %s", where, p)
			}
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](string(axeJS)+";true")); err != nil {
				t.Fatalf("injecting axe-core: %v", err)
			}
			for _, scheme := range []string{"light", "dark"} {
				if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
					Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}}); err != nil {
					t.Fatal(err)
				}
				if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(`matchMedia("(prefers-color-scheme: %s)").matches`, scheme))); err != nil || !ok {
					t.Fatalf("could not emulate the %s colour scheme (%v)", scheme, err)
				}
				start := time.Now()
				res, err := chromedp.Run(ctx, chromedp.Evaluate[string](runAxe, chromedp.EvalAwaitPromise))
				if err != nil {
					t.Fatalf("%s: axe-core: %v", where, err)
				}
				var vs []axeViolation
				if err := json.Unmarshal([]byte(res), &vs); err != nil {
					t.Fatal(err)
				}
				for _, v := range vs {
					var b strings.Builder
					for _, n := range v.Nodes {
						fmt.Fprintf(&b, "\n\t%s: %s\n\t\t%s", n.Target, strings.ReplaceAll(n.Summary, "\n", " "), n.HTML)
					}
					t.Errorf("%s, %s: axe %s (%s): %s%s", where, scheme, v.ID, v.Impact, v.Help, b.String())
				}
				t.Logf("%s, %s: axe-core in %s", where, scheme, time.Since(start).Round(time.Millisecond))
			}
		}
	}

	mu.Lock()
	defer mu.Unlock()
	if len(requests) < len(pages) {
		t.Errorf("saw only %d requests", len(requests))
	}
	for _, r := range requests {
		u, err := url.Parse(r)
		if err != nil || (u.Host != strings.TrimPrefix(pub.URL, "http://") && u.Host != strings.TrimPrefix(prev.URL, "http://")) {
			t.Errorf("the browser requested %s: not the site's own host", r)
		}
	}
}
