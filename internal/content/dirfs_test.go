package content

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestDirFSReadsAsOSDirFS: DirFS's own reading gives the bytes and stamp
// that reading through os.DirFS gives, and errors name the file as the
// site knows it.
func TestDirFSReadsAsOSDirFS(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "content"), 0o755)
	big := bytes.Repeat([]byte("Zeile mit Umlauten: äöü\r\n"), 10000)
	files := map[string][]byte{"content/a.md": []byte("---\ntitle: A\n---\nText\n"), "content/leer.md": nil, "content/gross.md": big}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		// The change time moves on, the modification time stays.
		time.Sleep(time.Millisecond)
		os.Chmod(filepath.Join(dir, name), 0o640)
	}
	for name, want := range files {
		got, st, err := readFile(DirFS(dir), name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		plain, pst, err := readFile(os.DirFS(dir), name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) || !bytes.Equal(plain, want) {
			t.Errorf("%s: read %d and %d bytes, want %d", name, len(got), len(plain), len(want))
		}
		if !st.Same(pst) || st.Size != int64(len(want)) {
			t.Errorf("%s: stamp %+v, through os.DirFS %+v", name, st, pst)
		}
	}
	_, _, err := readFile(DirFS(dir), "content/fehlt.md")
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "content/fehlt.md") || strings.Contains(err.Error(), dir) {
		t.Errorf("missing file: %v", err)
	}
	if _, _, err := readFile(DirFS(dir), "content"); err == nil {
		t.Error("reading a folder gave no error")
	}
}
