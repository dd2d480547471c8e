package conformance

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"pressroom/internal/testtool"
)

// searchQueries are the 20 queries of the comparison: German terms,
// inflected and folded forms, prefixes, organisation names, a phrase.
var searchQueries = []string{
	"Qualifizierung", "Jobcenter", "Leitbild", "Fachkräfte", "Fachkraefte", "Langzeitarbeitslose",
	"Arbeitsmarkt", "Arbeitsmarktes", "Bürgergeld", "Buergergeld", "Landkreistag", "Städtetag",
	"Weinheimer Initiative", "Treptow-Köpenick", "Eingliederung", "Ausbildung", "Digitalisierung",
	"Förderung", "Qualifi", `"Kommune der Qualifizierung"`,
}

// TestSearchFigures measures the search of a built site in chromium, and
// Pagefind's beside it if the site has a pagefind/ folder (npx pagefind
// --site DIR): the bytes a first query transfers (script, index parts,
// result data for 10 results) and a later one, the time from opening the
// page with a query to its results, the median time from a keystroke to
// rendered results, and the results of each query. It runs only with
// PRESSROOM_SEARCH_SITE set to the folder of a site built at the base
// path "/", such as the 10k corpus's (see bench/search.sh).
func TestSearchFigures(t *testing.T) {
	dir := os.Getenv("PRESSROOM_SEARCH_SITE")
	if dir == "" {
		t.Skip("PRESSROOM_SEARCH_SITE is not set (see bench/search.sh)")
	}
	heavy(t)
	chromium(t)
	// The server counts the bytes of each response (body and headers as
	// sent, no compression): what a query transfers, wherever the browser
	// fetched it from (a page, a worker).
	var mu sync.Mutex
	type sent struct {
		path  string
		bytes int64
	}
	var log []sent
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cw := &countingWriter{ResponseWriter: w}
		files.ServeHTTP(cw, r)
		n := cw.n
		for k, v := range w.Header() {
			n += int64(len(k) + 4 + len(strings.Join(v, ", ")))
		}
		mu.Lock()
		log = append(log, sent{r.URL.Path, n})
		mu.Unlock()
	}))
	defer srv.Close()
	ctx := testtool.Browser(t, 20*time.Minute)
	// transferred sums the bytes of the responses whose path has one of
	// the prefixes, and forgets all responses.
	transferred := func(prefixes ...string) (int64, int) {
		time.Sleep(200 * time.Millisecond)
		mu.Lock()
		defer mu.Unlock()
		var n int64
		count := 0
		for _, s := range log {
			for _, p := range prefixes {
				if strings.HasPrefix(s.path, p) {
					n += s.bytes
					count++
					break
				}
			}
		}
		log = nil
		return n, count
	}
	eval := func(js string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return v
	}
	fresh := func(u string) {
		t.Helper()
		if _, err := chromedp.Call(ctx, network.ClearBrowserCache, cdp.Empty{}); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Navigate(u)); err != nil {
			t.Fatal(err)
		}
	}
	kb := func(n int64) string { return fmt.Sprintf("%.1f KB", float64(n)/1000) }

	// pressroom: open the page with the query, wait for the results.
	type result struct {
		count  string
		titles []string
	}
	ours := map[string]result{}
	var firstBytes, laterBytes, firstMs []float64
	for i, q := range searchQueries {
		fresh(srv.URL + "/suche/?q=" + urlQuery(q))
		ms := eval(`new Promise(r => { const f = () => performance.getEntriesByName("search-results").length ? r(String(performance.getEntriesByName("search-results")[0].startTime)) : setTimeout(f, 5); f(); })`)
		var v float64
		fmt.Sscan(ms, &v)
		firstMs = append(firstMs, v)
		b, nfiles := transferred("/js/", "/suche/index/")
		firstBytes = append(firstBytes, float64(b))
		res := result{count: eval(`document.getElementById("suche-status").textContent`)}
		res.titles = strings.Split(eval(`[...document.querySelectorAll("#suche-treffer h3")].slice(0, 3).map(h => h.textContent).join("\n")`), "\n")
		ours[q] = res
		// A later query on the same page: another of the list.
		next := searchQueries[(i+7)%len(searchQueries)]
		eval(`new Promise(r => { const f = document.getElementById("suche"), i = document.getElementById("suche-q"); f.addEventListener("searchdone", () => r(""), {once: true}); i.value = ` + jsString(next) + `; i.dispatchEvent(new Event("input")); })`)
		lb, _ := transferred("/js/", "/suche/index/")
		laterBytes = append(laterBytes, float64(lb))
		t.Logf("pressroom %-24q first: %s in %d files, %.0f ms to results; then %q: %s", q, kb(b), nfiles, v, next, kb(lb))
	}
	// Keystrokes: type each query letter by letter on a loaded page.
	fresh(srv.URL + "/suche/")
	eval(`new Promise(r => { const f = () => document.getElementById("suche-q") ? r("") : setTimeout(f, 5); f(); })`)
	eval(`new Promise(r => { const f = document.getElementById("suche"), i = document.getElementById("suche-q"); f.addEventListener("searchdone", () => r(""), {once: true}); i.value = "Jobcenter"; i.dispatchEvent(new Event("input")); })`)
	var keys []float64
	for _, q := range searchQueries {
		for n := 1; n <= len([]rune(q)); n++ {
			part := string([]rune(q)[:n])
			ms := eval(`new Promise(r => { const f = document.getElementById("suche"), i = document.getElementById("suche-q");
				let t0; const done = () => r(String(performance.now() - t0));
				f.addEventListener("searchdone", done, {once: true});
				i.value = ` + jsString(part) + `; t0 = performance.now(); i.dispatchEvent(new Event("input"));
				setTimeout(() => { f.removeEventListener("searchdone", done); r("-1"); }, 3000); })`)
			var v float64
			fmt.Sscan(ms, &v)
			if v >= 0 {
				keys = append(keys, v)
			}
		}
	}
	t.Logf("pressroom: first query %s median (max %s), later query %s median; first results after opening %.0f ms median; keystroke to results %.1f ms median over %d keystrokes (90th percentile %.1f ms)",
		kb(int64(median(firstBytes))), kb(int64(maxOf(firstBytes))), kb(int64(median(laterBytes))), median(firstMs), median(keys), len(keys), percentile(keys, 0.9))

	if _, err := os.Stat(filepath.Join(dir, "pagefind", "pagefind.js")); err != nil {
		t.Logf("no pagefind/ in %s: Pagefind not measured", dir)
		return
	}
	// Pagefind: its JS API on a page of its own, the data of the first 10
	// results loaded as its UI would.
	if err := os.WriteFile(filepath.Join(dir, "pf-test.html"), []byte(`<!DOCTYPE html><html lang="de"><meta charset="utf-8"><title>pf</title><body><script type="module">
window.pfReady = import("/pagefind/pagefind.js").then(async pf => { await pf.options({}); await pf.init(); window.pf = pf; });
</script></body></html>`), 0o644); err != nil {
		t.Fatal(err)
	}
	defer os.Remove(filepath.Join(dir, "pf-test.html"))
	var pfFirst, pfLater, pfMs []float64
	for i, q := range searchQueries {
		fresh(srv.URL + "/pf-test.html")
		ms := eval(`(async () => { await window.pfReady; const t0 = performance.now(); const r = await pf.search(` + jsString(q) + `); const d = await Promise.all(r.results.slice(0, 10).map(x => x.data())); window.last = [r.results.length, d.slice(0, 3).map(x => x.meta.title || x.url)]; return String(performance.now() - t0); })()`)
		var v float64
		fmt.Sscan(ms, &v)
		pfMs = append(pfMs, v)
		b, nfiles := transferred("/pagefind/")
		pfFirst = append(pfFirst, float64(b))
		got := eval(`JSON.stringify(window.last)`)
		next := searchQueries[(i+7)%len(searchQueries)]
		eval(`(async () => { const r = await pf.search(` + jsString(next) + `); await Promise.all(r.results.slice(0, 10).map(x => x.data())); return ""; })()`)
		lb, _ := transferred("/pagefind/")
		pfLater = append(pfLater, float64(lb))
		t.Logf("pagefind  %-24q first: %s in %d files, %.0f ms search+data; then %q: %s", q, kb(b), nfiles, v, next, kb(lb))
		t.Logf("compare %-24q pressroom: %s %q | pagefind: %s", q, ours[q].count, ours[q].titles, got)
	}
	t.Logf("pagefind: first query %s median (max %s), later query %s median; search and data of 10 results %.0f ms median",
		kb(int64(median(pfFirst))), kb(int64(maxOf(pfFirst))), kb(int64(median(pfLater))), median(pfMs))
}

func urlQuery(q string) string {
	return strings.NewReplacer(" ", "+", `"`, "%22", "&", "%26").Replace(q)
}

func median(v []float64) float64 { return percentile(v, 0.5) }

func percentile(v []float64, p float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	return s[int(p*float64(len(s)-1)+0.5)]
}

func maxOf(v []float64) float64 {
	m := 0.0
	for _, x := range v {
		m = max(m, x)
	}
	return m
}

type countingWriter struct {
	http.ResponseWriter
	n int64
}

func (w *countingWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	w.n += int64(n)
	return n, err
}
