//go:build unix

package publish

import (
	"io"
	"io/fs"
	"syscall"

	"pressroom/internal/rawfile"
)

// writeFile is os.WriteFile(name, data, 0o644) without what an *os.File
// costs beyond the system calls (registering with the poller, switching to
// non-blocking mode, a finalizer): a few microseconds on each of the
// thousands of files of a build.
func writeFile(name string, data []byte) error {
	fd, err := rawfile.Open(name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC|syscall.O_CLOEXEC, 0o644)
	if err != nil {
		return &fs.PathError{Op: "open", Path: name, Err: err}
	}
	for len(data) > 0 && err == nil {
		var n int
		n, err = rawfile.Write(fd, data)
		if err == nil && n == 0 {
			err = io.ErrShortWrite
		}
		if err != nil {
			break
		}
		data = data[n:]
	}
	if cerr := syscall.Close(fd); err == nil {
		err = cerr
	}
	if err != nil {
		return &fs.PathError{Op: "write", Path: name, Err: err}
	}
	return nil
}
