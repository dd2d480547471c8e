package publish

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// TestWriteFileDiskFull writes to /dev/full: an error naming the file, no
// panic.
func TestWriteFileDiskFull(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full here")
	}
	for _, size := range []int{1, 4096, 1 << 20} {
		err := writeFile("/dev/full", make([]byte, size))
		if !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), "/dev/full") {
			t.Errorf("%d bytes to /dev/full: %v", size, err)
		}
	}
}

// TestModesFollowTheUmask: the output's folders and files are made as cp
// makes them, 0755 and 0644 at umask 022, 0750 and 0640 at umask 027.
func TestModesFollowTheUmask(t *testing.T) {
	for _, c := range []struct {
		umask     int
		dir, file os.FileMode
	}{{0o022, 0o755, 0o644}, {0o027, 0o750, 0o640}} {
		old := syscall.Umask(c.umask)
		out := filepath.Join(t.TempDir(), "public")
		d, err := NewDir(out)
		if err == nil {
			d.Write("index.html", []byte("x"))
			d.Write("a/b/index.html", []byte("x"))
			err = d.Commit()
		}
		syscall.Umask(old)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range []string{".", "a", "a/b", "index.html", "a/b/index.html", Marker} {
			st, err := os.Stat(filepath.Join(out, n))
			if err != nil {
				t.Fatal(err)
			}
			want := c.file
			if st.IsDir() {
				want = c.dir
			}
			if st.Mode().Perm() != want {
				t.Errorf("umask %03o: %s has mode %v, want %v", c.umask, n, st.Mode().Perm(), want)
			}
		}
	}
}

// TestOutputIsNeverMissing watches the output folder while builds swap
// it, again and again: it is there at every instant, complete.
func TestOutputIsNeverMissing(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	build := func(text string) {
		d, err := NewDir(out)
		if err != nil {
			t.Fatal(err)
		}
		d.Write("index.html", []byte(text))
		if err := d.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	build("0")
	var stop, missing atomic.Bool
	done := make(chan struct{})
	go func() {
		defer close(done)
		for !stop.Load() {
			if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
				missing.Store(true)
			}
		}
	}()
	for i := 0; i < 300 && !missing.Load(); i++ {
		build("x")
	}
	stop.Store(true)
	<-done
	if missing.Load() {
		t.Error("the output folder was missing during a swap")
	}
}

// TestMarkerManifest reads back what markerText writes, with odd names.
func TestMarkerManifest(t *testing.T) {
	dir := t.TempDir()
	names := []string{"a/", "a/b.html", "\"quoted", "new\nline", "x y/z.pdf"}
	os.WriteFile(filepath.Join(dir, Marker), markerText("abcd", append([]string(nil), names...)), 0o644)
	token, got, err := readMarker(dir)
	if err != nil || token != "abcd" || len(got) != len(names) {
		t.Fatalf("%q %q %v", token, got, err)
	}
	for _, n := range names {
		if !contains(got, n) {
			t.Errorf("%q lost", n)
		}
	}
	// Cut short: not a marker.
	b := markerText("abcd", names)
	os.WriteFile(filepath.Join(dir, Marker), b[:len(b)-5], 0o644)
	if _, _, err := readMarker(dir); err == nil {
		t.Error("a marker cut short was read")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestSecondBuildWaits: a second build into the same folder waits for the
// lock of the first, says so, and can be interrupted while it waits.
func TestSecondBuildWaits(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	first, err := NewDir(out)
	if err != nil {
		t.Fatal(err)
	}
	first.Write("index.html", []byte("eins"))
	ctx, cancel := context.WithCancel(context.Background())
	if _, err := Open(ctx, out, Options{Waiting: cancel}); !errors.Is(err, context.Canceled) {
		t.Fatalf("an interrupted wait: %v", err)
	}
	waiting := make(chan struct{})
	opened := make(chan *Dir)
	go func() {
		d, err := Open(context.Background(), out, Options{Waiting: func() { close(waiting) }})
		if err != nil {
			t.Error(err)
		}
		opened <- d
	}()
	<-waiting
	select {
	case <-opened:
		t.Fatal("the second build did not wait")
	case <-time.After(200 * time.Millisecond):
	}
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	second := <-opened
	if second == nil {
		return
	}
	second.Write("index.html", []byte("zwei"))
	if err := second.Commit(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "index.html")); string(b) != "zwei" {
		t.Errorf("index.html: %q", b)
	}
}

// BenchmarkCheckContents checks an output of 10,000 pages against its
// manifest.
func BenchmarkCheckContents(b *testing.B) {
	out := filepath.Join(b.TempDir(), "public")
	d, err := NewDir(out)
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < 10000; i++ {
		d.Write(fmt.Sprintf("pressemitteilungen/%d/meldung-nummer-%d/index.html", 2000+i%25, i), []byte("x"))
	}
	if err := d.Commit(); err != nil {
		b.Fatal(err)
	}
	stamps := takeStamps(out, d.made)
	for _, bc := range []struct {
		name   string
		stamps dirStamps
	}{{"read-every-folder", nil}, {"stamps", stamps}} {
		b.Run(bc.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if err := checkContents(out, out, false, false, bc.stamps); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestStampsFindChangedFolders: after a build, the next one reads only the
// folders whose stamp changed, and still finds a file or folder that
// pressroom did not write, however deep, and in a copy of the output.
func TestStampsFindChangedFolders(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	build := func() error {
		d, err := Open(context.Background(), out, Options{})
		if err != nil {
			return err
		}
		for i := 0; i < 30; i++ {
			d.Write(fmt.Sprintf("pm/%d/m%d/index.html", 2020+i%3, i), []byte(fmt.Sprint(i)))
		}
		d.Write("index.html", []byte("home"))
		return d.Commit()
	}
	for i := 0; i < 2; i++ {
		if err := build(); err != nil {
			t.Fatal(err)
		}
	}
	lock, _ := os.ReadFile(filepath.Join(dir, ".public.lock"))
	if readStamps(lock) == nil || len(readStamps(lock)) < 30 {
		t.Fatalf("no stamps in the lock file:\n%s", lock)
	}
	for _, tc := range []struct {
		name string
		add  func(t *testing.T)
	}{
		{"a file deep inside", func(t *testing.T) { write(t, filepath.Join(out, "pm/2021/m1/notizen.txt"), "x") }},
		{"a folder deep inside", func(t *testing.T) { os.MkdirAll(filepath.Join(out, "pm/2022/m2/intern/alt"), 0o755) }},
		{"a file, with the folder's time put back", func(t *testing.T) {
			p := filepath.Join(out, "pm/2020/m0")
			info, _ := os.Stat(p)
			write(t, filepath.Join(p, "x.html"), "x")
			os.Chtimes(p, info.ModTime(), info.ModTime())
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := build(); err != nil {
				t.Fatal(err)
			}
			tc.add(t)
			err := build()
			if err == nil || !strings.Contains(err.Error(), "refusing to build into") {
				t.Fatalf("a build replaced an output that holds a file pressroom did not write: %v", err)
			}
			os.RemoveAll(out)
		})
	}
	// A copy of the output with its times (cp -a) and of the lock file
	// beside it: other inodes, read whole.
	if err := build(); err != nil {
		t.Fatal(err)
	}
	copyDir := filepath.Join(t.TempDir(), "www")
	if out, err := exec.Command("cp", "-a", dir, copyDir).CombinedOutput(); err != nil {
		t.Skipf("cp -a: %v %s", err, out)
	}
	write(t, filepath.Join(copyDir, "public/pm/2021/m4/intranet.html"), "x")
	d, err := Open(context.Background(), filepath.Join(copyDir, "public"), Options{})
	if err == nil {
		err = d.Commit()
	}
	if err == nil || !strings.Contains(err.Error(), "intranet.html") {
		t.Fatalf("a copy with a file added was replaced: %v", err)
	}
}

func write(t *testing.T, name, text string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
