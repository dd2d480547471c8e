package photo

import (
	"bytes"
	"image"
	"image/jpeg"
	"testing"
	"time"

	"golang.org/x/image/draw"
)

func TestTiming2(t *testing.T) {
	data := cameraJPEG(t, 4240, 2832, 1)
	src, _, _ := image.Decode(bytes.NewReader(data))
	t1 := time.Now()
	dst := image.NewRGBA(image.Rect(0, 0, 1600, 1068))
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
	t2 := time.Now()
	var buf bytes.Buffer
	jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 80})
	t3 := time.Now()
	d2 := image.NewRGBA(image.Rect(0, 0, 480, 320))
	draw.CatmullRom.Scale(d2, d2.Bounds(), dst, dst.Bounds(), draw.Src, nil)
	t4 := time.Now()
	t.Logf("scale1600 %v enc %v scale480 %v", t2.Sub(t1), t3.Sub(t2), t4.Sub(t3))
}
