package serve

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"pressroom/internal/build"
	"pressroom/internal/heap"
	"pressroom/internal/watch"
)

// BenchmarkEditToReload measures, on the corpus in $PRESSROOM_CORPUS (from
// ../shared/tools/gencorpus), the time from saving a changed release to the
// reload event being sent, through the real file watcher, for a changed
// text and a changed title. It reports the median and the 95th percentile.
func BenchmarkEditToReload(b *testing.B) {
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
	heap.HugePages() // as pressroom serve does

	events := make(chan Event, 16)
	srv := New(build.Options{SiteDir: dir, Theme: os.DirFS("../.."), Now: time.Now(), Drafts: true, Future: true,
		BaseURL: "http://127.0.0.1:1313/"}, "/", io.Discard)
	srv.OnEvent = func(ev Event) { events <- ev }
	start := time.Now()
	if _, err := srv.Build(context.Background()); err != nil {
		b.Fatal(err)
	}
	b.Logf("first build: %s", time.Since(start))
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

	// A save that changes the text (the model stays) and one that changes
	// the title (the model is made again: lists, neighbours, feeds).
	edits := map[string]func(i int) string{
		"body": func(i int) string {
			return strings.Replace(string(orig), "\n---\n", fmt.Sprintf("\n---\n\nÄnderung Nummer %d.\n", i), 1)
		},
		"title": func(i int) string {
			return regexp.MustCompile(`\ntitle:[^\n]*`).ReplaceAllString(string(orig), fmt.Sprintf("\ntitle: \"Geänderter Titel %d\"", i))
		},
	}
	saves := 0 // each save differs from all before, however often b.Run runs
	for _, name := range []string{"body", "title"} {
		b.Run(name, func(b *testing.B) {
			var times []time.Duration
			for i := 0; i < b.N; i++ {
				saves++
				text := edits[name](saves)
				t0 := time.Now()
				if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
					b.Fatal(err)
				}
				for {
					ev := <-events
					if len(ev.Errors) > 0 {
						b.Fatalf("build failed: %+v", ev.Errors)
					}
					if len(ev.Reload) > 0 {
						break
					}
				}
				times = append(times, time.Since(t0))
			}
			b.StopTimer()
			sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
			b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "ms-median")
			b.ReportMetric(float64(times[len(times)*95/100].Microseconds())/1000, "ms-p95")
		})
	}
}
