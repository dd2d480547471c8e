package photo

import (
	"bytes"
	"testing"
)

// FuzzClean: any bytes give an error or a cleaned file, never a panic; a
// cleaned file reads again, says the same size and cleans to itself.
func FuzzClean(f *testing.F) {
	f.Add(cameraJPEG(f, 16, 16, 1))
	f.Add([]byte("\xff\xd8\xff\xe1\x00\x10Exif\x00\x00II*\x00\x08\x00\x00\x00\xff\xda\x00\x02\xff\xd9"))
	f.Add([]byte(pngSig + "\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\x00IEND\xaeB`\x82"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := Rights{Credit: "Foto: X", Copyright: "© X"}
		m, err := Inspect(data, r)
		out, m2, err2 := Clean(data, r)
		if (err == nil) != (err2 == nil) {
			t.Fatalf("Inspect: %v, Clean: %v", err, err2)
		}
		if err != nil {
			return
		}
		if m.CleanSize != len(out) || m2.CleanSize != len(out) || m.Size(r) != len(out) {
			t.Fatalf("sizes %d %d %d, file %d", m.CleanSize, m2.CleanSize, m.Size(r), len(out))
		}
		again, _, err := Clean(out, r)
		if err != nil {
			t.Fatalf("the cleaned file does not read: %v", err)
		}
		if !bytes.Equal(again, out) {
			t.Fatal("cleaning twice changes the file")
		}
	})
}
