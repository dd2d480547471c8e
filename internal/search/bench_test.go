package search

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkCorpus indexes the Markdown of a corpus made by
// ../shared/tools/gencorpus (PRESSROOM_CORPUS=DIR), its files as text.
func BenchmarkCorpus(b *testing.B) {
	dir := os.Getenv("PRESSROOM_CORPUS")
	if dir == "" {
		b.Skip("PRESSROOM_CORPUS is not set")
	}
	var texts []string
	filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(p) == ".md" {
			t, _ := os.ReadFile(p)
			texts = append(texts, string(t))
		}
		return nil
	})
	l := LayoutFor(len(texts))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		x := NewBuilder("de", len(texts), Labels{})
		for id, t := range texts {
			x.Add(id, Doc{Title: t[:min(len(t), 80)], Text: t, Year: 2020})
		}
		files, err := x.Files(l)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for _, f := range files {
			n += len(f)
		}
		b.ReportMetric(float64(n), "bytes")
		b.ReportMetric(float64(len(files)), "files")
	}
}
