package build

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"pressroom/internal/publish"
)

var fingerprint = regexp.MustCompile(`style\.[0-9a-f]{10}\.css`)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// goldenPages are the example site's key pages.
var goldenPages = []string{
	"index.html",
	"pressemitteilungen/index.html",
	"pressemitteilungen/2023/gemeinsame-fachkraefteinitiative/index.html",
	"pressemitteilungen/2025/zwanzig-jahre-kommunale-jobcenter/index.html",
	"pressemitteilungen/2025/fachtagung-jugendberufsagenturen/index.html",
	"positionspapiere/strategisches-leitbild-2030/index.html",
	"themen/sgb-ii/index.html",
	"organisationen/buendnis-arbeit/index.html",
	"impressum/index.html",
	"404.html",
	"feed.xml",
	"atom.xml",
	"feed.json",
	"sitemap.xml",
}

// TestExampleSiteGolden builds the example site at the repository root and
// compares its key pages with testdata/golden (go test -update rewrites them).
func TestExampleSiteGolden(t *testing.T) {
	mem := publish.NewMemory()
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	res, err := Build(context.Background(), Options{SiteDir: repoRoot, Theme: os.DirFS(repoRoot), Now: now}, mem)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) > 0 {
		t.Errorf("the example site has warnings:\n%v", res.Warnings)
	}
	for _, name := range goldenPages {
		data, ok := mem.Get(name)
		if !ok {
			t.Errorf("missing %s", name)
			continue
		}
		// The stylesheet's fingerprint changes with every edit of the CSS.
		got := fingerprint.ReplaceAll(data, []byte("style.FINGERPRINT.css"))
		golden := filepath.Join("testdata", "golden", strings.ReplaceAll(name, "/", "__"))
		if *update {
			os.MkdirAll(filepath.Dir(golden), 0o755)
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test ./internal/build -update)", err)
		}
		if string(got) != string(want) {
			t.Errorf("%s differs from %s (run go test ./internal/build -update and review the diff):\n%s", name, golden, firstDiff(string(want), string(got)))
		}
	}
	// The draft of the example site is nowhere.
	for _, name := range mem.Names() {
		data, _ := mem.Get(name)
		if strings.Contains(string(data), "entwurf-stellungnahme-neue-grundsicherung") {
			t.Errorf("%s mentions the draft", name)
		}
	}
}

func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, w, g)
		}
	}
	return ""
}
