//go:build unix

package rawfile

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestWriteRead(t *testing.T) {
	name := filepath.Join(t.TempDir(), "a.txt")
	fd, err := Open(name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC|syscall.O_CLOEXEC, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := Write(fd, []byte("Pressemitteilung")); n != 16 || err != nil {
		t.Fatalf("Write = %d, %v", n, err)
	}
	syscall.Close(fd)
	if got, _ := os.ReadFile(name); string(got) != "Pressemitteilung" {
		t.Fatalf("file holds %q", got)
	}
	fd, err = Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	b := make([]byte, 64)
	n, err := Read(fd, b)
	if string(b[:n]) != "Pressemitteilung" || err != nil {
		t.Fatalf("Read = %q, %v", b[:n], err)
	}
	syscall.Close(fd)
	// On an error the count is 0, not the system call's -1.
	if n, err := Read(fd, b); n != 0 || err == nil {
		t.Fatalf("Read of a closed descriptor = %d, %v", n, err)
	}
	if n, err := Write(fd, b); n != 0 || err == nil {
		t.Fatalf("Write of a closed descriptor = %d, %v", n, err)
	}
	if _, err := Open(filepath.Join(name, "x"), syscall.O_RDONLY, 0); err == nil {
		t.Fatal("Open below a file: no error")
	}
}
