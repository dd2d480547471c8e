package publish

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "index.html")
	if err := writeFile(name, []byte(strings.Repeat("lang ", 100000))); err != nil {
		t.Fatal(err)
	}
	// A shorter file in its place leaves nothing of the longer one.
	if err := writeFile(name, []byte("kurz")); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(name)
	if err != nil || string(got) != "kurz" {
		t.Fatalf("read %d bytes %.20q, %v", len(got), got, err)
	}
	os.WriteFile(filepath.Join(dir, "os.html"), nil, 0o644)
	ours, _ := os.Stat(name)
	theirs, _ := os.Stat(filepath.Join(dir, "os.html"))
	if ours.Mode() != theirs.Mode() {
		t.Errorf("mode %v, os.WriteFile makes %v", ours.Mode(), theirs.Mode())
	}
	err = writeFile(filepath.Join(dir, "fehlt", "index.html"), []byte("x"))
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), filepath.Join("fehlt", "index.html")) {
		t.Errorf("into a missing folder: %v", err)
	}
}
