package content

import (
	"encoding/binary"
	"io/fs"
	"path"
)

// FileKey tells a changed file from an unchanged one: its size and times
// where the system gives the time of the last change of status (Linux:
// rewriting a file changes it, even when its size and modification time
// are put back, as cp -p, rsync -t and unzip do), else its size and
// contents. 0: the file cannot be read.
func FileKey(fsys fs.FS, name string) uint64 {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return 0
	}
	st := StampOf(info)
	var b [24]byte
	binary.LittleEndian.PutUint64(b[0:], uint64(st.Size))
	binary.LittleEndian.PutUint64(b[8:], uint64(st.ModTime.UnixNano()))
	if st.Change.IsZero() {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return 0
		}
		binary.LittleEndian.PutUint64(b[16:], Checksum(data))
	} else {
		binary.LittleEndian.PutUint64(b[16:], uint64(st.Change.UnixNano()))
	}
	return Checksum(b[:]) | 1
}

// filesKey combines the keys of the files a page shows besides its own:
// bundle files, attachments (their sizes) and the image (its size in
// pixels). It changes when any of them does. It returns the key of each
// file too, by its path in the site, for the copy of the file.
func (p *Page) filesKey(fsys fs.FS) (uint64, map[string]uint64) {
	var names []string
	names = append(names, p.Files...)
	for _, a := range p.Attachments {
		names = append(names, path.Clean(a.File))
	}
	if p.Image != "" {
		names = append(names, path.Clean(p.Image))
	}
	for _, ph := range p.Images {
		names = append(names, path.Clean(ph.File))
	}
	if len(names) == 0 {
		return 0, nil
	}
	keys := make(map[string]uint64, len(names))
	b := make([]byte, 0, 32*len(names))
	for _, n := range names {
		from := path.Join(p.Dir, n)
		if _, done := keys[from]; !done {
			keys[from] = FileKey(fsys, from)
		}
		b = append(b, n...)
		b = append(b, 0)
		b = binary.LittleEndian.AppendUint64(b, keys[from])
	}
	return Checksum(b), keys
}
