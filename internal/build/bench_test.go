package build

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"pressroom/internal/config"
	"pressroom/internal/content"
	"pressroom/internal/feeds"
	"pressroom/internal/markdown"
	"pressroom/internal/publish"
	"pressroom/internal/render"
	"pressroom/internal/site"
)

// corpus is the site in $PRESSROOM_CORPUS, made with
// go run -C ../shared/tools/gencorpus . -n 10000 -o DIR (bench/compare.sh
// does it all).
func corpus(b *testing.B) string {
	dir := os.Getenv("PRESSROOM_CORPUS")
	if dir == "" {
		b.Skip("set PRESSROOM_CORPUS to a corpus from ../shared/tools/gencorpus")
	}
	return dir
}

// BenchmarkCorpus builds the whole corpus into memory.
func BenchmarkCorpus(b *testing.B) {
	dir := corpus(b)
	for i := 0; i < b.N; i++ {
		mem := publish.NewMemory()
		if _, err := Build(context.Background(), Options{SiteDir: dir, Theme: os.DirFS(repoRoot), Now: time.Now()}, mem); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheckCorpus checks the corpus, as pressroom check does.
func BenchmarkCheckCorpus(b *testing.B) {
	dir := corpus(b)
	for i := 0; i < b.N; i++ {
		if _, err := Check(context.Background(), Options{SiteDir: dir, Theme: os.DirFS(repoRoot), Now: time.Now()}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStages times each stage of the pipeline on the corpus.
func BenchmarkStages(b *testing.B) {
	dir := corpus(b)
	fsys := os.DirFS(dir)
	cfg, _ := config.Load(fsys)
	pages, _ := content.Load(fsys, cfg, nil)
	b.Run("load", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			content.Load(fsys, cfg, nil)
		}
	})
	b.Run("frontmatter", func(b *testing.B) {
		one := pages[len(pages)/2].Path
		for i := 0; i < b.N; i++ {
			content.LoadFile(fsys, cfg, one)
		}
	})
	md := markdown.New(markdown.Options{Language: cfg.Language})
	b.Run("markdown", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			for _, p := range pages {
				md.Render(p.Body, nil)
			}
		}
	})
	opts := site.Options{Now: time.Now()}
	b.Run("model", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			site.New(cfg, pages, opts)
		}
	})
	builder := newBuilder(Options{SiteDir: dir, Theme: os.DirFS(repoRoot), Now: time.Now()}, mode{})
	if _, err := builder.Full(context.Background(), publish.Discard{}); err != nil {
		b.Fatal(err)
	}
	s, _ := site.New(cfg, pages, opts)
	builder.renderMarkdown(s, nil, func(string) bool { return true }, true)
	b.Run("render", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			r, _ := render.New(render.Input{Site: s, Templates: builder.theme.Templates, Assets: builder.theme.Assets, About: builder.about, Bodies: builder.shown.body})
			if _, err := r.Render(publish.Discard{}, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("feeds", func(b *testing.B) {
		var items []*feeds.Item
		for _, p := range s.Dated[:20] {
			items = append(items, &feeds.Item{Title: p.Title, URL: "https://presse.example.org" + p.URL, Summary: p.Summary,
				Content: string(builder.shown.body(p).HTML), Published: p.Date, Updated: p.Modified()})
		}
		meta := feeds.Meta{Title: "Presse", HomeURL: "https://presse.example.org/", FolderURL: "https://presse.example.org/"}
		for i := 0; i < b.N; i++ {
			var b bytes.Buffer
			feeds.RSS(&b, meta, items)
			feeds.Atom(&b, meta, items)
			feeds.JSON(&b, meta, items)
		}
	})
	b.Run("write", func(b *testing.B) {
		page := make([]byte, 12000)
		for i := 0; i < b.N; i++ {
			d, err := publish.NewDir(filepath.Join(b.TempDir(), "public"))
			if err != nil {
				b.Fatal(err)
			}
			for j := 0; j < 1000; j++ {
				d.Write(fmt.Sprintf("pressemitteilungen/2021/m%d/index.html", j), page)
			}
			d.Commit()
			d.Wait()
		}
	})
}

// BenchmarkUpdate rebuilds the corpus after one release changed, as the
// preview does on a save.
func BenchmarkUpdate(b *testing.B) {
	dir := corpus(b)
	matches, _ := filepath.Glob(filepath.Join(dir, "content", "pressemitteilungen", "*.md"))
	if len(matches) == 0 {
		b.Fatal("no releases in the corpus")
	}
	file := matches[len(matches)/2]
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	defer os.WriteFile(file, orig, 0o644)
	name, _ := filepath.Rel(dir, file)
	builder := NewPreview(Options{SiteDir: dir, Theme: os.DirFS(repoRoot), Now: time.Now(), Drafts: true, Future: true})
	mem := publish.NewMemory()
	if _, err := builder.Full(context.Background(), mem); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		text := bytes.Replace(orig, []byte("\n---\n"), fmt.Appendf(nil, "\n---\n\nÄnderung Nummer %d.\n", i), 1)
		if err := os.WriteFile(file, text, 0o644); err != nil {
			b.Fatal(err)
		}
		batch := mem.Begin()
		if _, err := builder.Update(context.Background(), []string{filepath.ToSlash(name)}, batch); err != nil {
			b.Fatal(err)
		}
		batch.Commit()
	}
}
