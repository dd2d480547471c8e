package conformance

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"pressroom/internal/testtool"
)

// TestReleaseAtOnce measures in chromium what a journalist sees of a
// release without scrolling: on a 1280×800 desktop the top of the press
// contact, the downloads and the press photo lie within the viewport (a
// side column beside the text); on a 390 px phone a "Kontakt & Downloads"
// link within the first screen jumps to them.
func TestReleaseAtOnce(t *testing.T) {
	heavy(t)
	chromium(t)
	pub := serve(t, example(t))
	// The release with a lead photo, one with downloads, a joint release.
	releases := []string{
		"/pressemitteilungen/2025/fachtagung-jugendberufsagenturen/",
		"/pressemitteilungen/2025/zwanzig-jahre-kommunale-jobcenter/",
		"/pressemitteilungen/2023/gemeinsame-fachkraefteinitiative/",
	}
	ctx := testtool.Browser(t, 2*time.Minute)
	// tops are the tops of the parts (or -1: none on the page), relative
	// to the viewport, and its height.
	const tops = `(() => {
		const top = s => { const e = document.querySelector(s); return e ? e.getBoundingClientRect().top : -1; };
		return [innerHeight, top(".contacts"), top(".downloads"), top(".lead-image"), top(".jump a"),
			document.querySelector(".jump a") ? getComputedStyle(document.querySelector(".jump")).display === "none" ? 0 : 1 : -1,
			document.documentElement.scrollWidth - innerWidth];
	})()`
	parts := []string{"press contact", "downloads", "press photo"}
	for _, u := range releases {
		if _, err := chromedp.Run(ctx, chromedp.EmulateViewport(1280, 800)); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Navigate(pub.URL+u)); err != nil {
			t.Fatal(err)
		}
		v, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](tops))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s at 1280×800: viewport %v, contact %v, downloads %v, photo %v", u, v[0], v[1], v[2], v[3])
		for i, what := range parts {
			if top := v[1+i]; top >= v[0] {
				t.Errorf("%s at 1280×800: the %s begins at %v px, below the viewport (%v px)", u, what, top, v[0])
			}
		}
		if v[1] < 0 {
			t.Errorf("%s: no press contact", u)
		}
		if v[6] > 0 {
			t.Errorf("%s at 1280×800: the page scrolls sideways by %v px", u, v[6])
		}

		if _, err := chromedp.Run(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(3))); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Navigate(pub.URL+u)); err != nil {
			t.Fatal(err)
		}
		v, err = chromedp.Run(ctx, chromedp.Evaluate[[]float64](tops))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s at 390 px: viewport %v, jump link %v, contact %v", u, v[0], v[4], v[1])
		if v[5] != 1 || v[4] < 0 || v[4] >= v[0] {
			t.Errorf("%s at 390 px: no visible jump link to contact and downloads within the first screen (top %v, viewport %v)", u, v[4], v[0])
			continue
		}
		if v[6] > 0 {
			t.Errorf("%s at 390 px: the page scrolls sideways by %v px", u, v[6])
		}
		// One tap: the link brings the contact into view.
		if _, err := chromedp.Run(ctx, chromedp.Click(".jump a")); err != nil {
			t.Fatal(err)
		}
		time.Sleep(200 * time.Millisecond)
		v, err = chromedp.Run(ctx, chromedp.Evaluate[[]float64](tops))
		if err != nil {
			t.Fatal(err)
		}
		if v[1] < -1 || v[1] >= v[0] {
			t.Errorf("%s at 390 px: after the jump the press contact is at %v px, not in the viewport (%v px)", u, v[1], v[0])
		}
	}
}
