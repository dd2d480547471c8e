package photo

import (
	"bytes"
	"image"
	"image/jpeg"
	"math"
	"runtime"
	"sync"
	"testing"
	"time"
)

// cameraJPEG makes a camera-like JPEG w × h: smooth shading with detail, so
// that it compresses like a photo rather than like a flat area.
func cameraJPEG(tb testing.TB, w, h int, seed int) []byte {
	tb.Helper()
	img := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := 128 + 60*math.Sin(float64(x+seed*31)/97) + 40*math.Cos(float64(y)/53) + float64((x*7+y*13+seed)%23)
			img.Y[img.YOffset(x, y)] = uint8(math.Max(0, math.Min(255, v)))
		}
	}
	for y := 0; y < h/2; y++ {
		for x := 0; x < w/2; x++ {
			i := img.COffset(x*2, y*2)
			img.Cb[i] = uint8(128 + 50*math.Sin(float64(x)/211+float64(seed)))
			img.Cr[i] = uint8(128 + 50*math.Cos(float64(y)/173))
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkVariants makes the three default widths and the 1200 px social
// image of 12-megapixel camera JPEGs, on all cores.
func BenchmarkVariants(b *testing.B) {
	data := cameraJPEG(b, 4240, 2832, 1)
	m, err := Inspect(data, Rights{})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var wg sync.WaitGroup
		for c := 0; c < runtime.GOMAXPROCS(0); c++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := Variants(data, m, Widths(m.Width, []int{480, 960, 1200, 1600}), 80); err != nil {
					b.Error(err)
				}
			}()
		}
		wg.Wait()
	}
}

// BenchmarkProcessor makes the variants of eight camera JPEGs (12 and 24
// megapixels, made by the benchmark) on all cores as a build does: cold
// (nothing cached) and warm (a new processor on the cache folder), and
// reports the peak of the heap in use.
func BenchmarkProcessor(b *testing.B) {
	var photos [][]byte
	for i := 0; i < 8; i++ {
		w, h := 4240, 2832 // 12 MP
		if i%4 == 3 {
			w, h = 6000, 4000 // 24 MP
		}
		photos = append(photos, cameraJPEG(b, w, h, i))
	}
	metas := make([]*Meta, len(photos))
	for i, p := range photos {
		metas[i], _ = Inspect(p, Rights{})
	}
	s := Settings{Widths: []int{480, 960, 1200, 1600}, Quality: 80}
	run := func(b *testing.B, p *Processor) {
		var wg sync.WaitGroup
		next := make(chan int)
		for w := 0; w < 3*runtime.GOMAXPROCS(0); w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range next {
					data := photos[i/4]
					m := metas[i/4]
					ws := Widths(m.Width, s.Widths)
					if _, err := p.Variant(func() ([]byte, uint64, error) { return data, Sum(data), nil }, uint64(i/4+1), m, s, ws[i%4]); err != nil {
						b.Error(err)
					}
				}
			}()
		}
		for i := 0; i < 4*len(photos); i++ {
			next <- i
		}
		close(next)
		wg.Wait()
	}
	peak := func(b *testing.B, f func()) {
		runtime.GC()
		var base runtime.MemStats
		runtime.ReadMemStats(&base)
		done := make(chan bool)
		var max uint64
		go func() {
			var m runtime.MemStats
			for {
				select {
				case <-done:
					done <- true
					return
				case <-time.After(20 * time.Millisecond):
					runtime.ReadMemStats(&m)
					if m.HeapInuse > max {
						max = m.HeapInuse
					}
				}
			}
		}()
		f()
		done <- true
		<-done
		b.ReportMetric(float64(max)/(1<<20), "peak-heap-MiB")
	}
	b.Run("cold", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			p := NewProcessor(b.TempDir())
			peak(b, func() { run(b, p) })
		}
		b.ReportMetric(float64(len(photos)), "photos/op")
	})
	b.Run("warm", func(b *testing.B) {
		dir := b.TempDir()
		run(b, NewProcessor(dir))
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			p := NewProcessor(dir)
			peak(b, func() { run(b, p) })
			if p.Decodes() != 0 {
				b.Errorf("warm: %d decodes", p.Decodes())
			}
		}
	})
}
