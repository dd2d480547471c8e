//go:build ignore

// gen writes camera-size JPEGs for bench/photos.sh: go run bench/photos/gen.go
// -n 20 -mp 12 -o DIR. Each is drawn here (shading, edges and sensor
// noise, so that it compresses like a photo, about 3–6 MB at quality 92),
// 3:2, on all cores.
package main

import (
	"flag"
	"fmt"
	"image"
	"image/jpeg"
	"log"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"sync"
)

func main() {
	n := flag.Int("n", 20, "number of photos")
	mp := flag.Float64("mp", 12, "megapixels of each")
	out := flag.String("o", ".", "folder")
	flag.Parse()
	w := int(math.Sqrt(*mp * 1e6 * 3 / 2))
	h := w * 2 / 3
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				write(filepath.Join(*out, fmt.Sprintf("foto-%02d.jpg", i+1)), w, h, i)
			}
		}()
	}
	for i := range *n {
		next <- i
	}
	close(next)
	wg.Wait()
}

func write(name string, w, h, seed int) {
	img := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	rnd := rand.New(rand.NewSource(int64(seed)))
	fx, fy := 50+rnd.Float64()*100, 40+rnd.Float64()*80
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := 120 + 50*math.Sin(float64(x)/fx) + 40*math.Cos(float64(y)/fy)
			if (x/97+y/131+seed)%7 == 0 { // edges
				v += 40
			}
			v += rnd.NormFloat64() * 4
			img.Y[img.YOffset(x, y)] = uint8(max(0, min(255, v)))
		}
	}
	for y := 0; y < h/2; y++ {
		for x := 0; x < w/2; x++ {
			i := y*img.CStride + x
			img.Cb[i] = uint8(128 + 40*math.Sin(float64(x+seed*50)/300))
			img.Cr[i] = uint8(128 + 40*math.Cos(float64(y)/250))
		}
	}
	f, err := os.Create(name)
	if err != nil {
		log.Fatal(err)
	}
	if err := jpeg.Encode(f, img, &jpeg.Options{Quality: 92}); err != nil {
		log.Fatal(err)
	}
	f.Close()
}
