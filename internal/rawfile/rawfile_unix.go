//go:build unix

package rawfile

import "syscall"

// Open opens the file at the OS path name (syscall.Open).
func Open(name string, mode int, perm uint32) (fd int, err error) {
	return retry(func() (int, error) { return syscall.Open(name, mode, perm) })
}

// Read reads into b once (syscall.Read): n is never negative.
func Read(fd int, b []byte) (n int, err error) {
	n, err = retry(func() (int, error) { return syscall.Read(fd, b) })
	return max(n, 0), err
}

// Write writes b once (syscall.Write): n is never negative.
func Write(fd int, b []byte) (n int, err error) {
	n, err = retry(func() (int, error) { return syscall.Write(fd, b) })
	return max(n, 0), err
}

// retry repeats a system call that a signal interrupted.
func retry(call func() (int, error)) (int, error) {
	for {
		n, err := call()
		if err != syscall.EINTR {
			return n, err
		}
	}
}
