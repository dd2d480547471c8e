package content

import (
	"io/fs"
	"os"
	"path/filepath"
)

// DirFS is os.DirFS(dir), whose files Load reads with fewer system calls
// where it can (see readStamped).
func DirFS(dir string) fs.FS { return dirFS{os.DirFS(dir).(statReadDirFS), dir} }

type statReadDirFS interface {
	fs.StatFS
	fs.ReadDirFS
	fs.ReadFileFS
	fs.ReadLinkFS // Lstat: Source tells symbolic links
}

type dirFS struct {
	statReadDirFS
	dir string
}

// readFile reads a file below content/ and tells its stamp.
func readFile(fsys fs.FS, name string) ([]byte, Stamp, error) {
	if d, ok := fsys.(dirFS); ok && fs.ValidPath(name) {
		if data, st, done, err := readStamped(filepath.Join(d.dir, filepath.FromSlash(name))); done {
			if err != nil {
				err = &fs.PathError{Op: "read", Path: name, Err: err}
			}
			return data, st, err
		}
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, Stamp{}, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, Stamp{}, err
	}
	return readAll(info.Size(), func(b []byte) (int, error) { return f.Read(b) }, StampOf(info))
}
