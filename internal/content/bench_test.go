package content

import (
	"io/fs"
	"os"
	"strings"
	"testing"
)

// corpusFiles reads the Markdown files of the corpus in $PRESSROOM_CORPUS
// (made by ../shared/tools/gencorpus) into memory.
func corpusFiles(b *testing.B) [][]byte {
	dir := os.Getenv("PRESSROOM_CORPUS")
	if dir == "" {
		b.Skip("set PRESSROOM_CORPUS to a corpus from ../shared/tools/gencorpus")
	}
	var files [][]byte
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		src, err := os.ReadFile(dir + "/" + p)
		files = append(files, src)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return files
}

// BenchmarkSplitCorpus splits and decodes the frontmatter of every file of
// the corpus (split: adrg/frontmatter and the decoders), and decodes the
// YAML alone, with the fast path (yaml) and with yaml.v3 only (yaml.v3).
func BenchmarkSplitCorpus(b *testing.B) {
	files := corpusFiles(b)
	var raws [][]byte
	for _, src := range files {
		m, d := splitFrontmatter("x.md", src)
		if d.HasErrors() {
			b.Fatal(d.Err())
		}
		if m.format == "yaml" {
			raws = append(raws, m.raw)
		}
	}
	b.Run("split", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			for _, src := range files {
				splitFrontmatter("x.md", src)
			}
		}
	})
	b.Run("yaml", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			for _, raw := range raws {
				var fields map[string]any
				decodeYAML(raw, &fields)
			}
		}
	})
	b.Run("yaml.v3", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			for _, raw := range raws {
				slowYAML(raw)
			}
		}
	})
}
