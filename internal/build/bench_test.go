package build

import (
	"context"
	"os"
	"testing"
	"time"

	"pressroom/internal/publish"
)

// BenchmarkCorpus builds the corpus in $PRESSROOM_CORPUS (made with
// ../shared/tools/gencorpus) into memory.
func BenchmarkCorpus(b *testing.B) {
	dir := os.Getenv("PRESSROOM_CORPUS")
	if dir == "" {
		b.Skip("set PRESSROOM_CORPUS to a corpus from ../shared/tools/gencorpus")
	}
	for i := 0; i < b.N; i++ {
		mem := publish.NewMemory()
		if _, err := Build(context.Background(), Options{SiteDir: dir, Theme: os.DirFS(repoRoot), Now: time.Now()}, mem); err != nil {
			b.Fatal(err)
		}
	}
}
