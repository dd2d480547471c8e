// Command icon draws the default theme's icon, a page of a press release
// on the masthead's blue, and writes assets/apple-touch-icon.png (180 ×
// 180; the build makes favicon.ico of it):
//
//	go run ./tools/icon
package main

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"log"
	"os"
)

func main() {
	const n = 180
	img := image.NewNRGBA(image.Rect(0, 0, n, n))
	blue := color.NRGBA{0x0f, 0x35, 0x58, 0xff}
	white := color.NRGBA{0xff, 0xff, 0xff, 0xff}
	light := color.NRGBA{0x9f, 0xc4, 0xe8, 0xff}
	// A rounded square of blue.
	const r = 36
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			cx, cy := clamp(x, r, n-1-r), clamp(y, r, n-1-r)
			if dx, dy := x-cx, y-cy; dx*dx+dy*dy <= r*r {
				img.Set(x, y, blue)
			}
		}
	}
	rect := func(x0, y0, x1, y1 int, c color.NRGBA) {
		for y := y0; y < y1; y++ {
			for x := x0; x < x1; x++ {
				img.Set(x, y, c)
			}
		}
	}
	// A sheet with a headline and lines of text.
	rect(44, 34, 136, 146, white)
	rect(56, 48, 124, 64, blue)
	for i, w := range []int{68, 68, 68, 44} {
		rect(56, 78+i*16, 56+w, 86+i*16, light)
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile("assets/apple-touch-icon.png", b.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
}

func clamp(v, lo, hi int) int { return max(lo, min(v, hi)) }
