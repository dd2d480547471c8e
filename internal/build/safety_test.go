package build

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"pressroom/internal/publish"
)

// digest hashes every output file with its name.
func digest(mem *publish.Memory) string {
	h := sha256.New()
	for _, n := range mem.Names() {
		data, _ := mem.Get(n)
		fmt.Fprintf(h, "%s %d\n", n, len(data))
		h.Write(data)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// TestReproducible builds the example site with one and with all CPUs,
// twice each: the bytes must be the same every time.
func TestReproducible(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	var sums []string
	for _, procs := range []int{1, runtime.NumCPU(), 1, 4} {
		old := runtime.GOMAXPROCS(procs)
		mem := publish.NewMemory()
		_, err := Build(context.Background(), Options{SiteDir: repoRoot, Theme: os.DirFS(repoRoot), Now: now}, mem)
		runtime.GOMAXPROCS(old)
		if err != nil {
			t.Fatal(err)
		}
		sums = append(sums, digest(mem))
	}
	for _, s := range sums[1:] {
		if s != sums[0] {
			t.Fatalf("builds differ: %v", sums)
		}
	}
}

// TestNothingLeavesTheOutput tries to write outside the output folder with
// slugs, aliases, URLs and attachment paths.
func TestNothingLeavesTheOutput(t *testing.T) {
	s := testSite{
		"site.toml": siteTOML,
		"content/pressemitteilungen/2021-01-01-a.md": release("A", "2021-01-01", `slug: "../../../etc/passwd"`,
			`aliases: ["/../../outside.html", "/C:/Windows/x.html", "/a\\..\\..\\b/", "/nul\u0000byte/"]`),
		"content/pressemitteilungen/2021-01-02-b.md": release("B", "2021-01-02", `url: "/../../../tmp/evil.html"`),
		"content/pressemitteilungen/2021-01-03-c.md": release("C", "2021-01-03", `url: "/C:\\evil\\"`),
	}
	b := buildSite(t, s, Options{})
	for _, n := range b.mem.Names() {
		if err := publish.CheckName(n); err != nil {
			t.Errorf("output %q: %v", n, err)
		}
	}
	if !b.has("pressemitteilungen/2021/etc-passwd/index.html") || !b.has("outside.html") || !b.has("tmp/evil.html") {
		t.Errorf("outputs: %v", b.mem.Names())
	}
	// Relative aliases and URLs are refused.
	s = testSite{
		"site.toml": siteTOML,
		"content/pressemitteilungen/2021-01-01-a.md": release("A", "2021-01-01", `aliases: ["../x/"]`),
		"content/pressemitteilungen/2021-01-03-c.md": release("C", "2021-01-03", `url: "C:\\evil\\"`),
	}
	_, err := tryBuild(s, Options{})
	if err == nil || !strings.Contains(err.Error(), `alias "../x/" must start with /`) || !strings.Contains(err.Error(), `must start with /`) {
		t.Errorf("relative alias and url: %v", err)
	}
	// Attachments and images must be beside the page.
	for _, bad := range []string{"../../site.toml", "/etc/passwd", "C:/x.pdf", "a\\..\\..\\x.pdf"} {
		s := testSite{
			"site.toml": siteTOML,
			"content/pressemitteilungen/2021-01-01-a.md": release("A", "2021-01-01", fmt.Sprintf("attachments: [{file: %q}]", bad)),
		}
		if _, err := tryBuild(s, Options{}); err == nil || !strings.Contains(err.Error(), "must be a file name relative to the page's folder") {
			t.Errorf("attachment %q: %v", bad, err)
		}
	}
}

// TestSymlinksOutOfTheSiteAreRefused puts symbolic links to a file outside
// the site into content/ and as an attachment.
func TestSymlinksOutOfTheSiteAreRefused(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "geheim.txt")
	os.WriteFile(outside, []byte("Geheimnis"), 0o644)
	dir := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(text), 0o644)
	}
	write("site.toml", siteTOML)
	write("content/pressemitteilungen/2021-01-01-a/index.md", release("A", "2021-01-01", "attachments: [{file: geheim.txt}]"))
	if err := os.Symlink(outside, filepath.Join(dir, "content/pressemitteilungen/2021-01-01-a/geheim.txt")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	os.Symlink(outside, filepath.Join(dir, "content/pressemitteilungen/link.md"))
	mem := publish.NewMemory()
	_, err := Build(context.Background(), Options{SiteDir: dir, Theme: os.DirFS(repoRoot), Now: time.Now()}, mem)
	if err == nil {
		t.Fatal("built with symbolic links out of the site")
	}
	for _, want := range []string{"content/pressemitteilungen/link.md: symbolic links are not followed",
		"content/pressemitteilungen/2021-01-01-a/geheim.txt: symbolic links are not followed"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("errors lack %q:\n%v", want, err)
		}
	}
	for _, n := range mem.Names() {
		data, _ := mem.Get(n)
		if strings.Contains(string(data), "Geheimnis") {
			t.Errorf("%s has the file from outside", n)
		}
	}
}

// TestFrontmatterCannotInjectMarkup: even with raw HTML on, values from
// frontmatter are text.
func TestFrontmatterCannotInjectMarkup(t *testing.T) {
	evil := `<script>alert(1)</script>`
	s := testSite{
		"site.toml": siteTOML + "\n[markdown]\nunsafe = true\n",
		"content/pressemitteilungen/2021-01-01-a/index.md": "---\ntitle: '" + evil + "'\ndate: 2021-01-01\nsummary: '" + evil + "'\nplace: '" + evil +
			"'\nimage: f.png\nimage_alt: '\" onerror=\"alert(1)'\nimage_credit: '" + evil + "'\ntags: ['" + evil + "']\n---\n\n<b>roh</b> erlaubt\n",
		"content/pressemitteilungen/2021-01-01-a/f.png": string(tinyPNG),
	}
	b := buildSite(t, s, Options{})
	for _, n := range b.mem.Names() {
		data, _ := b.mem.Get(n)
		text := string(data)
		if strings.HasSuffix(n, ".png") {
			continue // the photo's rights fields hold the credit as text, in binary (IPTC, EXIF) or escaped XML (XMP)
		}
		if strings.HasSuffix(n, ".json") {
			// JSON Feed's title, summary and tags are plain text by the
			// format; only content_html is markup.
			var doc struct {
				Items []struct {
					ContentHTML string `json:"content_html"`
				} `json:"items"`
			}
			json.Unmarshal(data, &doc)
			text = ""
			for _, it := range doc.Items {
				text += it.ContentHTML
			}
		}
		if strings.Contains(text, evil) || strings.Contains(text, `" onerror="`) {
			t.Errorf("%s carries markup from frontmatter", n)
		}
	}
	b.contains("pressemitteilungen/2021/a/index.html", "<b>roh</b> erlaubt", "&lt;script&gt;alert(1)&lt;/script&gt;")
}

// TestLimits: huge and deep input gives no panic and no quadratic blow-up.
func TestLimits(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs skipped in -short mode")
	}
	big := strings.Repeat("Ein Absatz mit etwas Text, der sich wiederholt. ", 40) + "\n\n"
	var tags []string
	for i := 0; i < 10000; i++ {
		tags = append(tags, fmt.Sprintf("Thema %d", i))
	}
	s := testSite{
		"site.toml": siteTOML,
		"content/pressemitteilungen/2021-01-01-gross.md": release("Groß", "2021-01-01") + strings.Repeat(big, 20<<20/len(big)),
		"content/pressemitteilungen/2021-01-02-tags.md":  release("Viele Themen", "2021-01-02", "tags: ["+strings.Join(tags, ", ")+"]"),
		"content/pressemitteilungen/2021-01-03-titel.md": release(strings.Repeat("Titel ", 1000), "2021-01-03", "slug: "+strings.Repeat("lang ", 1000)),
		"content/pressemitteilungen/2021-01-04-tief.md":  release("Tief", "2021-01-04") + strings.Repeat(">", 5000) + " tief\n\n" + strings.Repeat("- ", 2000) + "Liste\n\n" + strings.Repeat("*", 10000) + "\n",
	}
	start := time.Now()
	b, err := tryBuild(s, Options{})
	if err != nil {
		t.Fatalf("%.500v", err)
	}
	b.t = t
	t.Logf("built in %s", time.Since(start))
	if len(b.file("pressemitteilungen/2021/gross/index.html")) < 20<<20 {
		t.Error("the big release lost text")
	}
	if !b.has("themen/thema-49/index.html") || b.has("themen/thema-50/index.html") {
		t.Error("not the first 50 tags")
	}
	var warned bool
	for _, w := range b.res.Warnings {
		warned = warned || strings.Contains(w.String(), "content/pressemitteilungen/2021-01-02-tags.md:4: warning: 10000 tags: only the first 50 are used")
	}
	if !warned {
		t.Errorf("no warning about the tags: %v", b.res.Warnings)
	}
}

// TestContentThatIsAFile: a file named content is an error at content,
// not an empty site.
func TestContentThatIsAFile(t *testing.T) {
	b, err := tryBuild(testSite{"site.toml": siteTOML, "content": "kein Ordner"}, Options{})
	if err == nil || !strings.Contains(err.Error(), "content: content is a file, not a folder") {
		t.Errorf("built %d files: %v", len(b.mem.Names()), err)
	}
}
