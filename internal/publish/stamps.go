package publish

import (
	"bufio"
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// A folder's entries change only together with its time of last change of
// status (ctime), which no one can set by hand: pressroom keeps, beside the
// output (in the lock file), the inode and that time of each folder it
// wrote (on Linux). The next build reads only
// the folders whose stamp differs to see that the output still holds only
// what pressroom wrote, rather than every folder (a walk of 10,000 pages
// costs a fifth of a second). A copy of the output (cp -a keeps the times it can,
// not inodes) or a folder changed by hand differs and is read whole.

// stamp is what a folder looked like when pressroom had written it.
type stamp struct {
	ino   uint64
	ctime int64 // nanoseconds
}

// dirStamps are the stamps of the folders (slash paths relative to root,
// "." for root) of an output as pressroom wrote it.
type dirStamps map[string]stamp

// takeStamps stamps the folders of the output at root.
func takeStamps(root string, dirs map[string]bool) dirStamps {
	s := make(dirStamps, len(dirs))
	for d := range dirs {
		st, ok := stampOf(filepath.Join(root, filepath.FromSlash(d)))
		if !ok {
			return nil
		}
		s[d] = st
	}
	return s
}

const stampsHead = "stamps\n"

// text writes the stamps, after the record in the lock file.
func (s dirStamps) text() []byte {
	if s == nil {
		return nil
	}
	dirs := make([]string, 0, len(s))
	for d := range s {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	b := make([]byte, 0, 64*len(dirs))
	b = append(b, stampsHead...)
	for _, d := range dirs {
		b = strconv.AppendUint(b, s[d].ino, 10)
		b = append(b, ' ')
		b = strconv.AppendInt(b, s[d].ctime, 10)
		b = append(b, ' ')
		b = strconv.AppendQuote(b, d)
		b = append(b, '\n')
	}
	return append(b, "end\n"...)
}

// readStamps reads the stamps from what follows the record in the lock
// file; nil if there are none or they are cut short.
func readStamps(data []byte) dirStamps {
	i := bytes.Index(data, []byte("\n"+stampsHead))
	if i < 0 {
		return nil
	}
	s := dirStamps{}
	sc := bufio.NewScanner(bytes.NewReader(data[i+1+len(stampsHead):]))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if sc.Text() == "end" {
			return s
		}
		f := strings.SplitN(sc.Text(), " ", 3)
		if len(f) != 3 {
			return nil
		}
		ino, err1 := strconv.ParseUint(f[0], 10, 64)
		ctime, err2 := strconv.ParseInt(f[1], 10, 64)
		d, err3 := strconv.Unquote(f[2])
		if err1 != nil || err2 != nil || err3 != nil {
			return nil
		}
		s[d] = stamp{ino, ctime}
	}
	return nil
}

// unknownIn finds an entry of the output at out that its manifest (known)
// does not list, reading only the folders whose stamp differs from
// stamps; every folder without stamps. It returns the entry's key ("" if
// there is none).
func unknownIn(out string, known map[string]bool, stamps dirStamps) (string, error) {
	children := map[string][]string{}
	for d := range stamps {
		if d != "." {
			children[path.Dir(d)] = append(children[path.Dir(d)], d)
		}
	}
	var unknown string
	var look func(dir string) error
	look = func(dir string) error {
		p := filepath.Join(out, filepath.FromSlash(dir))
		if st, ok := stampOf(p); ok && stamps != nil && stamps[dir] == st {
			// Unchanged since pressroom wrote it: its entries are the
			// manifest's; its folders may have changed since.
			for _, sub := range children[dir] {
				if err := look(sub); err != nil || unknown != "" {
					return err
				}
			}
			return nil
		}
		entries, err := os.ReadDir(p)
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		for _, e := range entries {
			rel := e.Name()
			if dir != "." {
				rel = dir + "/" + e.Name()
			}
			key := rel
			if e.IsDir() {
				key += "/"
			}
			if rel == Marker {
				continue
			}
			if e.Type()&fs.ModeSymlink != 0 || !known[key] {
				unknown = key
				return nil
			}
			if e.IsDir() {
				if err := look(rel); err != nil || unknown != "" {
					return err
				}
			}
		}
		return nil
	}
	err := look(".")
	return unknown, err
}
