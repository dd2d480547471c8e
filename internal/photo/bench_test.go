package photo

import (
	"bytes"
	"image"
	"image/jpeg"
	"math"
	"runtime"
	"sync"
	"testing"
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
