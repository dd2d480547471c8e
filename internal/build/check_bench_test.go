package build

import (
	"context"
	"os"
	"testing"
	"time"

	"pressroom/internal/publish"
)

func BenchmarkCheckCorpus(b *testing.B) {
	dir := corpus(b)
	for i := 0; i < b.N; i++ {
		if _, err := Build(context.Background(), Options{SiteDir: dir, Theme: os.DirFS(repoRoot), Now: time.Now(), Check: true}, publish.Discard{}); err != nil {
			b.Fatal(err)
		}
	}
}
