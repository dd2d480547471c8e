package serve

import (
	"context"
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"pressroom/internal/build"
	"pressroom/internal/heap"
	"pressroom/internal/testtool"
	"pressroom/internal/watch"
)

// BenchmarkBrowserEditToVisible measures what a press officer sees: on the
// corpus in $PRESSROOM_CORPUS, with a release open in headless chromium,
// the time from writing its file to the new text being in the page (the
// page itself notes the instant), through the real watcher, for a changed
// body and a changed title. Run it with -benchtime 20x; it reports the
// median and the 95th percentile. bench/preview.sh runs it here and on
// the preview of main, by turns.
func BenchmarkBrowserEditToVisible(b *testing.B) {
	dir := os.Getenv("PRESSROOM_CORPUS")
	if dir == "" {
		b.Skip("set PRESSROOM_CORPUS to a corpus from ../shared/tools/gencorpus")
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "content", "pressemitteilungen", "*.md"))
	if len(matches) == 0 {
		b.Fatal("no releases in the corpus")
	}
	sort.Strings(matches)
	file := matches[len(matches)/2]
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	defer os.WriteFile(file, orig, 0o644)
	rel, _ := filepath.Rel(dir, file)
	heap.HugePages() // as pressroom serve does

	srv := New(build.Options{SiteDir: dir, Theme: os.DirFS("../.."), Now: time.Now(), Drafts: true, Future: true,
		BaseURL: "http://127.0.0.1/"}, "/", io.Discard)
	res, err := srv.Build(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	url := ""
	for _, p := range res.Site.Pages {
		if p.Path == filepath.ToSlash(rel) {
			url = p.URL
		}
	}
	if url == "" {
		b.Fatalf("no page for %s", rel)
	}
	hs := httptest.NewServer(srv)
	defer hs.Close()
	defer srv.Close()
	w, err := watch.New(dir, []string{"content", "layouts", "assets"}, []string{"site.toml"})
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	batches := make(chan []string)
	go w.Run(ctx, batches, nil)
	go srv.Follow(ctx, batches)

	bctx := testtool.Browser(b, 30*time.Minute)
	if err := chromedp.Do(bctx, chromedp.Navigate(hs.URL+url)); err != nil {
		b.Fatal(err)
	}
	settle := func() {
		b.Helper()
		for i := 0; ; i++ {
			if ok, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`document.readyState === "complete" && document.documentElement.hasAttribute("data-pressroom-live")`)); err == nil && ok {
				break
			}
			if i > 600 {
				b.Fatal("the page's event stream does not connect")
			}
			time.Sleep(50 * time.Millisecond)
		}
		time.Sleep(200 * time.Millisecond) // nothing else under way
	}
	edits := map[string]func(i int) (text, want string){
		"body": func(i int) (string, string) {
			want := fmt.Sprintf("Änderung Nummer %d.", i)
			return strings.Replace(string(orig), "\n---\n", "\n---\n\n"+want+"\n", 1), want
		},
		"title": func(i int) (string, string) {
			want := fmt.Sprintf("Geänderter Titel %d", i)
			return regexp.MustCompile(`\ntitle:[^\n]*`).ReplaceAllString(string(orig), "\ntitle: \""+want+"\""), want
		},
	}
	saves := 0 // each save differs from all before, however often b.Run runs
	for _, name := range []string{"body", "title"} {
		b.Run(name, func(b *testing.B) {
			var times []time.Duration
			for i := 0; i < b.N; i++ {
				saves++
				text, want := edits[name](saves)
				settle()
				// Asked without pause, the page notes when the text is
				// there, in its own clock (the same machine's).
				probe := fmt.Sprintf(`document.body.innerText.includes(%q) ? Date.now() : 0`, want)
				t0 := time.Now()
				if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
					b.Fatal(err)
				}
				var seen int64
				for seen == 0 {
					v, err := chromedp.Run(bctx, chromedp.Evaluate[float64](probe))
					if err == nil {
						seen = int64(v)
					}
					if time.Since(t0) > 60*time.Second {
						b.Fatalf("%q not visible after a minute", want)
					}
				}
				times = append(times, time.UnixMilli(seen).Sub(t0))
			}
			b.StopTimer()
			sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
			b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "ms-median")
			b.ReportMetric(float64(times[len(times)*95/100].Microseconds())/1000, "ms-p95")
			b.ReportMetric(float64(times[len(times)-1].Microseconds())/1000, "ms-max")
		})
	}
}
