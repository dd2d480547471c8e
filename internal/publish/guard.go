package publish

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Marker is the file in an output folder that lists what pressroom build
// wrote there (its manifest), so that a later build may replace the folder
// only while it holds nothing else.
const Marker = ".pressroom-build"

const markerHead = "pressroom build: this folder is written by pressroom build and replaced whole on each build.\n"

// resolve returns p as an absolute path with every symbolic link in the
// part of it that exists resolved.
func resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for cur := abs; ; {
		r, err := filepath.EvalSymlinks(cur)
		if err == nil {
			return filepath.Join(r, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(cur), rest)
		cur = parent
	}
}

// within reports whether dir is parent or inside it.
func within(dir, parent string) bool {
	rel, err := filepath.Rel(parent, dir)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// checkPlace refuses, even with --force, an output that is not a folder
// (a file, a link to one), the root, a mount point (it cannot be replaced
// whole), and, when siteDir is given, the site itself or a folder above
// it, and the site's content/, layouts/, assets/, site.toml and cache or
// anything in or above them. Paths are compared with every symbolic link
// resolved.
func checkPlace(out, siteDir string) (string, error) {
	ro, err := resolve(out)
	if err != nil {
		return "", fmt.Errorf("output folder %s: %v", out, err)
	}
	refuse := func(why string) error {
		return fmt.Errorf("refusing to build into %s: %s", out, why)
	}
	if siteDir != "" {
		rs, err := resolve(siteDir)
		if err != nil {
			return "", fmt.Errorf("site folder %s: %v", siteDir, err)
		}
		if within(rs, ro) {
			return "", refuse("it holds the site itself; choose a folder for the output only, e.g. -o " + filepath.Join(siteDir, "public"))
		}
		for _, name := range []string{"content", "layouts", "assets", "site.toml", ".pressroom-cache"} {
			p, err := resolve(filepath.Join(rs, name))
			if err != nil {
				return "", fmt.Errorf("site folder %s: %v", siteDir, err)
			}
			if within(ro, p) || within(p, ro) {
				return "", refuse(fmt.Sprintf("it is or holds the site's %s; choose another folder, e.g. -o %s", name, filepath.Join(siteDir, "public")))
			}
		}
	}
	if filepath.Dir(ro) == ro {
		return "", refuse("it is the root of the file system")
	}
	st, err := os.Lstat(ro)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return ro, nil
	case err != nil:
		return "", fmt.Errorf("output folder %s: %v", out, err)
	case st.Mode()&fs.ModeSymlink != 0:
		return "", refuse("it is a symbolic link to a folder that does not exist; remove the link or name its target")
	case !st.IsDir():
		return "", refuse("it is a file, not a folder; name a folder with -o (the file is left as it is)")
	}
	if pst, err := os.Stat(filepath.Dir(ro)); err == nil && !sameDevice(st, pst) {
		return "", refuse("it is a mount point, which cannot be replaced whole; build into a folder inside it (e.g. -o " +
			filepath.Join(out, "site") + ") and serve that, or mount the folder above it")
	}
	return ro, nil
}

// checkContents refuses, unless force, an existing output folder that
// holds anything not in the manifest of its marker: files pressroom did
// not write there. Shallow looks only at the folder's own entries; else
// every folder is read whose stamp differs from stamps (see unknownIn).
func checkContents(out, display string, force, shallow bool, stamps dirStamps) error {
	if force {
		return nil
	}
	entries, err := os.ReadDir(out)
	if errors.Is(err, fs.ErrNotExist) || err == nil && len(entries) == 0 {
		return nil
	}
	if err != nil {
		return fmt.Errorf("output folder %s: %v", display, err)
	}
	refuse := func(what string) error {
		return fmt.Errorf("refusing to build into %s: %s, which pressroom did not write there; "+
			"build into another folder (-o), or say --force to replace the folder with all it holds", display, what)
	}
	_, manifest, err := readMarker(out)
	if err != nil {
		return refuse("it holds files (its " + Marker + " is missing or not pressroom's)")
	}
	known := make(map[string]bool, len(manifest))
	for _, n := range manifest {
		known[n] = true
	}
	var unknown string
	if shallow {
		unknown = unknownEntry(entries, known)
	} else {
		unknown, err = unknownIn(out, known, stamps)
	}
	if err != nil {
		return fmt.Errorf("output folder %s: %v", display, err)
	}
	if unknown != "" {
		return refuse("it holds " + filepath.Join(display, filepath.FromSlash(unknown)))
	}
	return nil
}

// unknownEntry is the key of an entry of the output folder itself that
// known does not list, or "".
func unknownEntry(entries []fs.DirEntry, known map[string]bool) string {
	for _, e := range entries {
		key := e.Name()
		if e.IsDir() {
			key += "/"
		}
		if e.Name() != Marker && (e.Type()&fs.ModeSymlink != 0 || !known[key]) {
			return key
		}
	}
	return ""
}

// markerText is the marker of a folder: its token and the sorted list of
// what pressroom wrote in it, folders ending in /. A name with a line
// break (or starting with a quote) is written quoted.
func markerText(token string, manifest []string) []byte {
	sort.Strings(manifest)
	var b bytes.Buffer
	b.Grow(len(markerHead) + 80 + 40*len(manifest))
	b.WriteString(markerHead)
	fmt.Fprintf(&b, "token %s\nfiles %d\n", token, len(manifest))
	for _, n := range manifest {
		if strings.ContainsAny(n, "\n\r") || strings.HasPrefix(n, `"`) {
			n = strconv.Quote(n)
		}
		b.WriteString(n)
		b.WriteByte('\n')
	}
	b.WriteString("end\n")
	return b.Bytes()
}

// readMarker reads the marker of a folder: its token and manifest. A
// marker cut short is not one.
func readMarker(dir string) (token string, manifest []string, err error) {
	data, err := os.ReadFile(filepath.Join(dir, Marker))
	if err != nil {
		return "", nil, err
	}
	rest, ok := bytes.CutPrefix(data, []byte(markerHead))
	if !ok {
		return "", nil, errors.New("not a marker of pressroom")
	}
	sc := bufio.NewScanner(bytes.NewReader(rest))
	sc.Buffer(nil, 1<<20)
	next := func() (string, bool) {
		if !sc.Scan() {
			return "", false
		}
		return sc.Text(), true
	}
	line, _ := next()
	if token, ok = strings.CutPrefix(line, "token "); !ok || token == "" {
		return "", nil, errors.New("marker without token")
	}
	line, _ = next()
	c, ok := strings.CutPrefix(line, "files ")
	n, err := strconv.Atoi(c)
	if !ok || err != nil || n < 0 {
		return "", nil, errors.New("marker without count")
	}
	manifest = make([]string, 0, n)
	for i := 0; i < n; i++ {
		line, ok := next()
		if !ok {
			return "", nil, errors.New("marker cut short")
		}
		if strings.HasPrefix(line, `"`) {
			if line, err = strconv.Unquote(line); err != nil {
				return "", nil, err
			}
		}
		manifest = append(manifest, line)
	}
	if line, _ := next(); line != "end" {
		return "", nil, errors.New("marker cut short")
	}
	return token, manifest, nil
}
