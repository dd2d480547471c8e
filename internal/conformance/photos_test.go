package conformance

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"pressroom/internal/testtool"
)

// TestPhotoSrcset loads the example site's releases with photos in
// chromium at a phone's width (390 px) and a desktop's (1280 px), at one
// device pixel per CSS pixel: the browser picks the variant its sizes say,
// the smallest at 390 px and a larger one for the wider lead image at
// 1280 px, and every variant it shows is at least as wide as shown.
func TestPhotoSrcset(t *testing.T) {
	heavy(t)
	chromium(t)
	pub := serve(t, example(t))
	ctx := testtool.Browser(t, 3*time.Minute)
	const js = `(async () => {
		const out = [];
		for (const img of document.querySelectorAll(".lead-image img, .gallery img")) {
			img.loading = "eager";
			img.scrollIntoView();
			if (!img.complete) await new Promise(r => { img.onload = r; img.onerror = r; });
			out.push(img.currentSrc.split("/").pop() + " " + img.getBoundingClientRect().width + " -");
		}
		return out;
	})()`
	for _, c := range []struct {
		width int
		page  string
		want  []string // the variants chosen, in order
	}{
		{390, "/pressemitteilungen/2025/fachtagung-jugendberufsagenturen/", []string{"fachtagung-jugendberufsagenturen-480.png"}},
		{1280, "/pressemitteilungen/2025/fachtagung-jugendberufsagenturen/", []string{"fachtagung-jugendberufsagenturen-960.png"}},
		{390, "/pressemitteilungen/2025/zwanzig-jahre-kommunale-jobcenter/", []string{"zwanzig-jahre-kommunale-jobcenter-festakt-rathaus-480.jpg", "zwanzig-jahre-kommunale-jobcenter-podium-jubilaeum-480.jpg"}},
		{1280, "/pressemitteilungen/2025/zwanzig-jahre-kommunale-jobcenter/", []string{"zwanzig-jahre-kommunale-jobcenter-festakt-rathaus-480.jpg", "zwanzig-jahre-kommunale-jobcenter-podium-jubilaeum-480.jpg"}},
	} {
		if _, err := chromedp.Run(ctx, chromedp.EmulateViewport(int64(c.width), 900, chromedp.EmulateScale(1))); err != nil {
			t.Fatal(err)
		}
		// A fresh load: the browser's cache of a larger variant would be
		// taken instead.
		if _, err := chromedp.Run(ctx, chromedp.Navigate("about:blank")); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Navigate(pub.URL+c.page+"?w="+strconv.Itoa(c.width))); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](js, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%d px %s: %v", c.width, c.page, got)
		var names []string
		for _, g := range got {
			f := strings.Fields(g)
			names = append(names, f[0])
			// The variant's width is the end of its name: x-480.jpg.
			stem := strings.TrimSuffix(f[0], f[0][strings.LastIndex(f[0], "."):])
			w := num(stem[strings.LastIndex(stem, "-")+1:])
			if len(f) == 3 && w < num(f[1]) {
				t.Errorf("%d px: %s is %v px wide but shown at %s px", c.width, f[0], w, f[1])
			}
		}
		if strings.Join(names, " ") != strings.Join(c.want, " ") {
			t.Errorf("%d px %s: chose %v, want %v", c.width, c.page, names, c.want)
		}
	}
}

func num(s string) float64 {
	f, _ := strconv.ParseFloat(s, 64)
	return f
}
