//go:build ignore

// examplephotos draws the two photos of the example site's gallery
// (content/pressemitteilungen/2025-01-08-zwanzig-jahre-kommunale-jobcenter):
// go run bench/photos/examplephotos.go. No photo is downloaded: both are
// drawn here, 2000 × 1333 px (2.7 megapixels, enough for print at 17 cm).
package main

import (
	"image"
	"image/color"
	"image/jpeg"
	"log"
	"math"
	"math/rand"
	"os"
)

const w, h = 2000, 1333

func main() {
	dir := "content/pressemitteilungen/2025-01-08-zwanzig-jahre-kommunale-jobcenter/"
	save(dir+"festakt-rathaus.jpg", townHall())
	save(dir+"podium-jubilaeum.jpg", podium())
}

func save(name string, img image.Image) {
	f, err := os.Create(name)
	if err != nil {
		log.Fatal(err)
	}
	if err := jpeg.Encode(f, img, &jpeg.Options{Quality: 82}); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}

// grain adds the noise of a camera sensor.
func grain(img *image.RGBA, rnd *rand.Rand) {
	for i := 0; i < len(img.Pix); i += 4 {
		n := int(rnd.NormFloat64() * 5)
		for c := 0; c < 3; c++ {
			v := int(img.Pix[i+c]) + n
			img.Pix[i+c] = uint8(max(0, min(255, v)))
		}
	}
}

func fill(img *image.RGBA, r image.Rectangle, c color.RGBA) {
	r = r.Intersect(img.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			img.SetRGBA(x, y, c)
		}
	}
}

func disc(img *image.RGBA, cx, cy, rad int, c color.RGBA) {
	for y := cy - rad; y <= cy+rad; y++ {
		for x := cx - rad; x <= cx+rad; x++ {
			if (x-cx)*(x-cx)+(y-cy)*(y-cy) <= rad*rad && image.Pt(x, y).In(img.Bounds()) {
				img.SetRGBA(x, y, c)
			}
		}
	}
}

// townHall: a town hall's facade with a banner under a blue winter sky.
func townHall() image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		t := float64(y) / h
		c := color.RGBA{uint8(90 + 110*t), uint8(140 + 80*t), uint8(210 + 30*t), 255}
		fill(img, image.Rect(0, y, w, y+1), c)
	}
	fill(img, image.Rect(250, 380, 1750, 1180), color.RGBA{214, 196, 170, 255}) // facade
	for i := 0; i < 15; i++ {                                                   // roof
		fill(img, image.Rect(230+i*12, 380-i*14, 1770-i*12, 394-i*14), color.RGBA{120, 60, 50, 255})
	}
	fill(img, image.Rect(930, 120, 1070, 400), color.RGBA{200, 180, 150, 255}) // tower
	disc(img, 1000, 220, 45, color.RGBA{250, 250, 240, 255})                   // clock
	for row := 0; row < 3; row++ {
		for col := 0; col < 9; col++ {
			x, y := 330+col*160, 450+row*200
			fill(img, image.Rect(x, y, x+90, y+130), color.RGBA{60, 80, 100, 255})
			fill(img, image.Rect(x+42, y, x+48, y+130), color.RGBA{230, 225, 215, 255})
		}
	}
	fill(img, image.Rect(880, 930, 1120, 1180), color.RGBA{90, 50, 30, 255})  // door
	fill(img, image.Rect(420, 860, 1580, 920), color.RGBA{230, 110, 20, 255}) // banner
	fill(img, image.Rect(0, 1180, w, h), color.RGBA{150, 150, 145, 255})      // square
	for i := 0; i < 40; i++ {                                                 // people
		x := 120 + i*46
		y := 1230 + int(25*math.Sin(float64(i)))
		disc(img, x, y-60, 16, color.RGBA{70, 50, 40, 255})
		fill(img, image.Rect(x-18, y-44, x+18, y+40), color.RGBA{uint8(40 + i*5%120), 60, uint8(90 + i*7%100), 255})
	}
	grain(img, rand.New(rand.NewSource(1)))
	return img
}

// podium: a panel on a stage, the network's orange behind it.
func podium() image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	fill(img, img.Bounds(), color.RGBA{40, 44, 60, 255})
	fill(img, image.Rect(200, 150, 1800, 700), color.RGBA{230, 110, 20, 255}) // back wall
	fill(img, image.Rect(300, 250, 1700, 330), color.RGBA{255, 255, 255, 255})
	fill(img, image.Rect(0, 800, w, 880), color.RGBA{90, 70, 55, 255})         // stage edge
	fill(img, image.Rect(350, 640, 1650, 720), color.RGBA{235, 235, 230, 255}) // table
	for i := 0; i < 5; i++ {
		x := 480 + i*260
		disc(img, x, 480, 55, color.RGBA{uint8(180 + i*10), uint8(140 + i*8), 110, 255})
		fill(img, image.Rect(x-80, 540, x+80, 650), color.RGBA{uint8(30 + i*30), 50, uint8(120 - i*15), 255})
	}
	for row := 0; row < 4; row++ { // audience
		for i := 0; i < 22; i++ {
			x := 50 + i*92 + (row%2)*46
			y := 980 + row*100
			disc(img, x, y, 34, color.RGBA{uint8(50 + (i*row)%60), 40, 35, 255})
			fill(img, image.Rect(x-44, y+30, x+44, y+110), color.RGBA{uint8(30 + i*4), uint8(40 + row*10), 70, 255})
		}
	}
	grain(img, rand.New(rand.NewSource(2)))
	return img
}
