package photo

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/image/draw"

	"pressroom/internal/testtool"
)

// exiftool runs exiftool on a copy of data with args and returns the
// file it wrote.
func exiftool(t *testing.T, data []byte, args ...string) []byte {
	t.Helper()
	exe := testtool.Program(t, "apt-get install libimage-exiftool-perl", "exiftool")
	name := filepath.Join(t.TempDir(), "foto.jpg")
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(exe, append(append([]string{"-q", "-overwrite_original"}, args...), name)...).CombinedOutput()
	if err != nil {
		t.Fatalf("exiftool: %v\n%s", err, out)
	}
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// tags reads all tags of a file with exiftool, by group:name.
func tags(t *testing.T, data []byte) map[string]any {
	t.Helper()
	exe := testtool.Program(t, "apt-get install libimage-exiftool-perl", "exiftool")
	name := filepath.Join(t.TempDir(), "x.jpg")
	os.WriteFile(name, data, 0o644)
	out, err := exec.Command(exe, "-j", "-a", "-G1", "-n", name).Output()
	if err != nil {
		t.Fatalf("exiftool -j: %v", err)
	}
	var l []map[string]any
	if err := json.Unmarshal(out, &l); err != nil || len(l) != 1 {
		t.Fatalf("exiftool -j: %v %s", err, out)
	}
	return l[0]
}

// camera is a JPEG with the metadata a phone writes: GPS position, serial
// numbers, owner, maker data, an IPTC credit and Orientation 6.
func camera(t *testing.T, w, h int) []byte {
	return exiftool(t, cameraJPEG(t, w, h, 3),
		"-GPSLatitude=50.9375", "-GPSLatitudeRef=N", "-GPSLongitude=6.9603", "-GPSLongitudeRef=E", "-GPSAltitude=53",
		"-SerialNumber=SN-4711", "-LensSerialNumber=L-0815", "-OwnerName=Erika Mustermann", "-Make=Beispiel", "-Model=Kamera 1",
		"-IPTC:Credit=Foto: Stadt Musterstadt", "-IPTC:By-line=Erika Mustermann", "-XMP:Creator=Erika Mustermann",
		"-XMP:Location=Rathausplatz", "-Comment=privat", "-Orientation#=6")
}

// imageData is what follows the metadata of a JPEG: tables, frame, scans.
func imageData(t *testing.T, data []byte) [][]byte {
	t.Helper()
	segs, err := jpegSegments(data)
	if err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	for _, s := range segs {
		if (s.marker < 0xE0 || s.marker > 0xEF) && s.marker != 0xFE && s.marker != mSOI {
			out = append(out, s.raw)
		}
	}
	return out
}

func TestCleanRemovesPersonalDataAndKeepsImageAndRights(t *testing.T) {
	orig := camera(t, 1200, 900)
	before := tags(t, orig)
	if before["GPS:GPSLatitude"] == nil || before["IPTC:Credit"] == nil {
		t.Fatalf("exiftool did not write the test's tags: %v", before)
	}
	m, err := Inspect(orig, Rights{})
	if err != nil {
		t.Fatal(err)
	}
	if !m.GPS || !m.Personal || m.Orientation != 6 || m.Width != 900 || m.Height != 1200 || m.Found.Credit != "Foto: Stadt Musterstadt" || m.Found.Creator != "Erika Mustermann" {
		t.Errorf("Inspect: %+v", m)
	}
	r := Rights{Caption: "Der Rathausplatz", Terms: "Honorarfrei bei Nennung", Copyright: "© 2026 Stadt Musterstadt"}
	out, m2, err := Clean(orig, r)
	if err != nil {
		t.Fatal(err)
	}
	if m.Size(r) != len(out) || m2.CleanSize != len(out) {
		t.Errorf("Size says %d, CleanSize %d, the file has %d bytes", m.Size(r), m2.CleanSize, len(out))
	}
	after := tags(t, out)
	for k, v := range after {
		lk := strings.ToLower(k)
		for _, bad := range []string{"gps", "serial", "owner", "make", "model", "location", "comment"} {
			if strings.Contains(lk, bad) && !strings.HasPrefix(k, "System:") && !strings.HasPrefix(k, "File:") {
				t.Errorf("cleaned file still has %s = %v", k, v)
			}
		}
	}
	want := map[string]any{"IFD0:Orientation": 6.0, "IPTC:Credit": "Foto: Stadt Musterstadt", "IPTC:By-line": "Erika Mustermann",
		"XMP-photoshop:Credit": "Foto: Stadt Musterstadt", "XMP-dc:Creator": "Erika Mustermann", "IPTC:CopyrightNotice": "© 2026 Stadt Musterstadt",
		"XMP-dc:Rights": "© 2026 Stadt Musterstadt", "XMP-xmpRights:UsageTerms": "Honorarfrei bei Nennung", "IPTC:Caption-Abstract": "Der Rathausplatz"}
	for k, v := range want {
		if after[k] != v {
			t.Errorf("cleaned file: %s = %v, want %v", k, after[k], v)
		}
	}
	a, b := imageData(t, orig), imageData(t, out)
	if len(a) != len(b) {
		t.Fatalf("%d segments of image data, were %d", len(b), len(a))
	}
	for i := range a {
		if !bytes.Equal(a[i], b[i]) {
			t.Errorf("segment %d of the image data changed", i)
		}
	}
	// Still the same picture, decoded.
	x, err1 := jpeg.Decode(bytes.NewReader(orig))
	y, err2 := jpeg.Decode(bytes.NewReader(out))
	if err1 != nil || err2 != nil || !bytes.Equal(x.(*image.YCbCr).Y, y.(*image.YCbCr).Y) {
		t.Errorf("pixels differ: %v %v", err1, err2)
	}
	// Cleaning the cleaned file changes nothing.
	again, _, err := Clean(out, Rights{})
	if err != nil || !bytes.Equal(again, out) {
		t.Errorf("cleaning twice changed the file (%v)", err)
	}
}

func TestCleanDropsTrailingPreviews(t *testing.T) {
	data := cameraJPEG(t, 64, 48, 1)
	withTrailer := append(append([]byte(nil), data...), []byte("\xff\xd8\xff\xe1\x00\x10Exif\x00\x00GPS-preview\xff\xd9")...)
	out, _, err := Clean(withTrailer, Rights{})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(out, []byte("GPS-preview")) {
		t.Error("the data after the image's end are still there")
	}
}

func TestPNGClean(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 30, 20))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 7)
	}
	var buf bytes.Buffer
	png.Encode(&buf, img)
	data := buf.Bytes()
	// Insert a tEXt chunk with a position and an eXIf chunk after IHDR.
	var extra bytes.Buffer
	writeChunk(&extra, "tEXt", []byte("Comment\x00bei Familie Muster, Hauptstr. 1"))
	writeChunk(&extra, "eXIf", writeExif(3, Rights{Creator: "Max"}))
	ihdrEnd := 8 + 12 + 13
	tagged := append(append(append([]byte(nil), data[:ihdrEnd]...), extra.Bytes()...), data[ihdrEnd:]...)
	m, err := Inspect(tagged, Rights{})
	if err != nil || m.Orientation != 3 || m.Found.Creator != "Max" {
		t.Fatalf("Inspect: %+v %v", m, err)
	}
	out, _, err := Clean(tagged, Rights{Credit: "Foto: Max"})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(out, []byte("Hauptstr")) {
		t.Error("the text chunk is still there")
	}
	if !bytes.Contains(out, []byte("Foto: Max")) {
		t.Error("no credit written")
	}
	if _, err := png.Decode(bytes.NewReader(out)); err != nil {
		t.Errorf("cleaned PNG does not decode: %v", err)
	}
	if !bytes.Contains(out, data[ihdrEnd:len(data)-12]) {
		t.Error("the image data changed")
	}
}

func TestDamagedFiles(t *testing.T) {
	good := cameraJPEG(t, 64, 48, 1)
	for name, data := range map[string][]byte{
		"empty":       nil,
		"text":        []byte("kein JPEG"),
		"cut header":  good[:20],
		"no frame":    []byte("\xff\xd8\xff\xdb\x00\x04\x00\x00\xff\xd9"),
		"png cut":     []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"),
		"bad segment": []byte("\xff\xd8\xff\xe1\xff\xff\x00"),
	} {
		if _, err := Inspect(data, Rights{}); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestWidthsNeverUpscale(t *testing.T) {
	for _, c := range []struct {
		width int
		want  []int
		got   string
	}{
		{5472, []int{480, 960, 1600, 1200}, "[480 960 1200 1600]"},
		{1000, []int{480, 960, 1600, 1200}, "[480 960 1000]"},
		{300, []int{480, 960}, "[300]"},
	} {
		if got := fmt.Sprint(Widths(c.width, c.want)); got != c.got {
			t.Errorf("Widths(%d, %v) = %s, want %s", c.width, c.want, got, c.got)
			t.Errorf("Widths(%d, %v) = [%s], want %s", c.width, c.want, got, c.got)
		}
	}
}

// TestVariantsTurnUpright: a variant of a photo stored on its side
// (Orientation 6) is upright, as wide as asked, without metadata.
func TestVariantsTurnUpright(t *testing.T) {
	// Stored 80 × 40, red at the stored top left; shown turned 90°
	// clockwise: 40 × 80, red at the top right.
	img := image.NewRGBA(image.Rect(0, 0, 80, 40))
	for y := 0; y < 40; y++ {
		for x := 0; x < 80; x++ {
			c := color.RGBA{0, 0, 200, 255}
			if x < 20 && y < 20 {
				c = color.RGBA{230, 0, 0, 255}
			}
			img.Set(x, y, c)
		}
	}
	m := &Meta{Format: JPEG, Orientation: 6, Width: 40, Height: 80}
	outs, err := Scale(img, m, []int{20, 40}, 90)
	if err != nil {
		t.Fatal(err)
	}
	for i, w := range []int{20, 40} {
		v, err := jpeg.Decode(bytes.NewReader(outs[i]))
		if err != nil {
			t.Fatal(err)
		}
		if b := v.Bounds(); b.Dx() != w || b.Dy() != 2*w {
			t.Errorf("variant %d is %v", w, b)
		}
		r, _, bl, _ := v.At(w-2, 1).RGBA()
		if r>>8 < 150 || bl>>8 > 100 {
			t.Errorf("variant %d: top right is not red: %v", w, v.At(w-2, 1))
		}
		if bytes.Contains(outs[i][:200], []byte("Exif")) {
			t.Errorf("variant %d has EXIF", w)
		}
	}
}

// TestProcessorCachesByContent: a second processor on the same folder
// decodes nothing and gives the same bytes.
func TestProcessorCachesByContent(t *testing.T) {
	data := cameraJPEG(t, 1000, 700, 2)
	m, _ := Inspect(data, Rights{})
	dir := t.TempDir()
	s := Settings{Widths: []int{480, 960, 1600}, Quality: 80}
	read := func() ([]byte, uint64, error) { return data, Sum(data), nil }
	var first [][]byte
	for round := 0; round < 2; round++ {
		p := NewProcessor(dir)
		for i, w := range Widths(m.Width, s.Widths) {
			out, err := p.Variant(read, 42, m, s, w)
			if err != nil {
				t.Fatal(err)
			}
			if round == 0 {
				first = append(first, out)
			} else if !bytes.Equal(out, first[i]) {
				t.Errorf("width %d: the cached variant differs", w)
			}
		}
		if want := int64(1 - round); p.Decodes() != want {
			t.Errorf("round %d: %d decodes, want %d", round, p.Decodes(), want)
		}
	}
}

// TestCatmullRomMatchesXImage: the resampler gives what
// golang.org/x/image/draw's CatmullRom gives, within rounding.
func TestCatmullRomMatchesXImage(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 301, 203))
	for y := 0; y < 203; y++ {
		for x := 0; x < 301; x++ {
			src.Set(x, y, color.RGBA{uint8(x * 7), uint8(y * 3), uint8((x * y) % 251), 255})
		}
	}
	for _, size := range [][2]int{{100, 67}, {240, 150}, {301, 203}, {57, 203}} {
		got := catmullRom(src, size[0], size[1])
		want := image.NewRGBA(image.Rect(0, 0, size[0], size[1]))
		draw.CatmullRom.Scale(want, want.Bounds(), src, src.Bounds(), draw.Src, nil)
		var sum, worst int
		for i := range got.Pix {
			d := int(got.Pix[i]) - int(want.Pix[i])
			if d < 0 {
				d = -d
			}
			sum += d
			worst = max(worst, d)
		}
		if mean := float64(sum) / float64(len(got.Pix)); mean > 0.5 || worst > 20 {
			t.Errorf("%v: mean difference %.2f, worst %d", size, mean, worst)
		}
	}
}

// TestCleanPlainJPEG: a JPEG without any metadata segment (as Go's
// encoder writes it: the tables right after SOI) keeps every segment and
// decodes to the same pixels.
func TestCleanPlainJPEG(t *testing.T) {
	data := cameraJPEG(t, 120, 80, 5)
	out, _, err := Clean(data, Rights{Credit: "Foto: X"})
	if err != nil {
		t.Fatal(err)
	}
	a, err1 := jpeg.Decode(bytes.NewReader(data))
	b, err2 := jpeg.Decode(bytes.NewReader(out))
	if err1 != nil || err2 != nil || !bytes.Equal(a.(*image.YCbCr).Y, b.(*image.YCbCr).Y) {
		t.Fatalf("the cleaned file does not show the same picture: %v %v", err1, err2)
	}
	if x, y := imageData(t, data), imageData(t, out); len(x) != len(y) {
		t.Errorf("%d segments of image data, were %d", len(y), len(x))
	}
}
