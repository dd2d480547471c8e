package photo

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"sort"

	"golang.org/x/image/draw"
)

// Widths are the widths of the variants of an image width px wide: those
// of want below it, and the image's own width if want asks for as much or
// more (an image is never made larger), sorted, without repeats.
func Widths(width int, want []int) []int {
	seen := map[int]bool{}
	var out []int
	for _, w := range want {
		if w <= 0 {
			continue
		}
		if w > width {
			w = width
		}
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	sort.Ints(out)
	return out
}

// Height is the height of a variant w px wide of an image width × height.
func Height(w, width, height int) int {
	h := (w*height*2 + width) / (2 * width)
	if h < 1 {
		h = 1
	}
	return h
}

// Variants decodes the image (a JPEG or PNG whose metadata m says) and
// returns it at each of widths (see Widths), turned upright as its
// Orientation says, without any metadata: JPEG at quality for a JPEG, PNG
// for a PNG. The largest is scaled from the image with Catmull-Rom (after
// a box filter by a whole factor, see reduce), each smaller one from the
// one above it.
func Variants(data []byte, m *Meta, widths []int, quality int) ([][]byte, error) {
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("cannot decode the image: %v", err)
	}
	return Scale(src, m, widths, quality)
}

// Scale makes the variants of a decoded image (see Variants).
func Scale(src image.Image, m *Meta, widths []int, quality int) ([][]byte, error) {
	out := make([][]byte, len(widths))
	from := src
	for i := len(widths) - 1; i >= 0; i-- {
		w := widths[i]
		h := Height(w, m.Width, m.Height)
		sw, sh := w, h // in the stored image's axes
		if m.Orientation >= 5 {
			sw, sh = h, w
		}
		if i == len(widths)-1 {
			// A box filter takes the image down by a whole factor to no
			// less than the width
			// (see reduce).
			from = reduce(from, from.Bounds().Dx()/sw)
		}
		var dst *image.RGBA
		if b := from.Bounds(); b.Dx() == sw && b.Dy() == sh {
			dst = toRGBA(from)
		} else {
			dst = catmullRom(toRGBA(from), sw, sh)
		}
		from = dst
		shown := orient(dst, m.Orientation)
		var buf bytes.Buffer
		var err error
		if m.Format == PNG {
			err = (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, shown)
		} else {
			err = jpeg.Encode(&buf, shown, &jpeg.Options{Quality: quality})
		}
		if err != nil {
			return nil, err
		}
		out[i] = buf.Bytes()
	}
	return out, nil
}

func toRGBA(img image.Image) *image.RGBA {
	if r, ok := img.(*image.RGBA); ok {
		return r
	}
	b := img.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(dst, dst.Bounds(), img, b.Min, draw.Src)
	return dst
}

// orient turns an image stored with EXIF orientation o upright.
func orient(src *image.RGBA, o int) *image.RGBA {
	if o <= 1 || o > 8 {
		return src
	}
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	dw, dh := w, h
	if o >= 5 {
		dw, dh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var dx, dy int
			switch o {
			case 2: // mirrored
				dx, dy = w-1-x, y
			case 3: // turned 180°
				dx, dy = w-1-x, h-1-y
			case 4: // mirrored vertically
				dx, dy = x, h-1-y
			case 5: // transposed
				dx, dy = y, x
			case 6: // turned 90° clockwise to show
				dx, dy = h-1-y, x
			case 7: // transversed
				dx, dy = h-1-y, w-1-x
			case 8: // turned 90° counter-clockwise to show
				dx, dy = y, w-1-x
			}
			si := src.PixOffset(x+b.Min.X, y+b.Min.Y)
			di := dst.PixOffset(dx, dy)
			copy(dst.Pix[di:di+4], src.Pix[si:si+4])
		}
	}
	return dst
}

// reduce shrinks a camera image by the whole factor f with a box filter,
// to an RGBA image: before Catmull-Rom scales it the rest of the way, so
// that the kernel runs over a few megapixels, not tens. Only YCbCr and
// gray images (JPEGs) are reduced; others are returned as they are.
func reduce(src image.Image, f int) image.Image {
	if f < 2 {
		return src
	}
	b := src.Bounds()
	w, h := b.Dx()/f, b.Dy()/f
	switch s := src.(type) {
	case *image.YCbCr:
		dst := image.NewRGBA(image.Rect(0, 0, w, h))
		n := uint32(f * f)
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				var sy, scb, scr uint32
				for j := 0; j < f; j++ {
					py := b.Min.Y + y*f + j
					yi := s.YOffset(b.Min.X+x*f, py)
					for i := 0; i < f; i++ {
						sy += uint32(s.Y[yi+i])
						ci := s.COffset(b.Min.X+x*f+i, py)
						scb += uint32(s.Cb[ci])
						scr += uint32(s.Cr[ci])
					}
				}
				r, g, bl := color.YCbCrToRGB(uint8((sy+n/2)/n), uint8((scb+n/2)/n), uint8((scr+n/2)/n))
				o := dst.PixOffset(x, y)
				dst.Pix[o], dst.Pix[o+1], dst.Pix[o+2], dst.Pix[o+3] = r, g, bl, 0xFF
			}
		}
		return dst
	case *image.Gray:
		dst := image.NewGray(image.Rect(0, 0, w, h))
		n := uint32(f * f)
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				var sum uint32
				for j := 0; j < f; j++ {
					o := s.PixOffset(b.Min.X+x*f, b.Min.Y+y*f+j)
					for i := 0; i < f; i++ {
						sum += uint32(s.Pix[o+i])
					}
				}
				dst.Pix[dst.PixOffset(x, y)] = uint8((sum + n/2) / n)
			}
		}
		return dst
	}
	return src
}
