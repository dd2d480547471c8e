// Package publish is the one write path of build and serve: files go to a
// folder on disk, swapped in whole only on success, or to memory.
package publish

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// CheckName rejects output names that could leave the output folder.
func CheckName(name string) error {
	if name == "" || strings.ContainsAny(name, "\\\x00:") || path.IsAbs(name) || path.Clean(name) != name ||
		name == "." || name == ".." || strings.HasPrefix(name, "../") {
		return fmt.Errorf("refusing to write %q: not a plain path inside the output folder", name)
	}
	return nil
}

// Marker is the file that marks a folder as written by pressroom build, so
// that a later build may replace it.
const Marker = ".pressroom-build"

// CheckOutput refuses output folders that a build must not replace: the
// site itself or a folder above it, the site's content/, layouts/ or
// assets/ (or a folder in them), and a folder that holds something other
// than an earlier build (unless force).
func CheckOutput(out, siteDir string, force bool) error {
	absOut, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	absSite, err := filepath.Abs(siteDir)
	if err != nil {
		return err
	}
	within := func(dir, parent string) bool {
		rel, err := filepath.Rel(parent, dir)
		return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
	}
	if within(absSite, absOut) {
		return fmt.Errorf("refusing to build into %s: it holds the site itself", out)
	}
	for _, d := range []string{"content", "layouts", "assets"} {
		if within(absOut, filepath.Join(absSite, d)) {
			return fmt.Errorf("refusing to build into %s: it is part of the site's %s/ folder", out, d)
		}
	}
	entries, err := os.ReadDir(absOut)
	if err != nil || len(entries) == 0 || force {
		return nil
	}
	if _, err := os.Stat(filepath.Join(absOut, Marker)); err == nil {
		return nil
	}
	return fmt.Errorf("refusing to build into %s: it holds files that pressroom did not write (use another folder, or --force to replace it)", out)
}

// Dir writes into a temporary folder beside the output folder; Commit swaps
// it in, Abort removes it. The previous output stays untouched until Commit.
type Dir struct {
	final, tmp string
	mu         sync.Mutex
	made       map[string]bool
	kept       []string      // files to take from the previous output
	changed    bool          // something was written or deleted
	cleaned    chan struct{} // closed when the leftovers of earlier builds are removed
}

// NewDir prepares a build of the folder out.
func NewDir(out string) (*Dir, error) {
	out = filepath.Clean(out)
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	// The previous output that the last build swapped out, and what a
	// killed build left: removed while this build works.
	var leftovers []string
	for _, pattern := range []string{".tmp-*", ".old-*"} {
		for _, prefix := range []string{".", ""} {
			old, _ := filepath.Glob(filepath.Join(parent, prefix+filepath.Base(out)+pattern))
			leftovers = append(leftovers, old...)
		}
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".tmp-")
	if err != nil {
		return nil, err
	}
	cleaned := make(chan struct{})
	go func() {
		defer close(cleaned)
		for _, o := range leftovers {
			os.RemoveAll(o)
		}
	}()
	return &Dir{final: out, tmp: tmp, made: map[string]bool{".": true}, cleaned: cleaned}, nil
}

// Write writes one file.
func (d *Dir) Write(name string, data []byte) error {
	if err := CheckName(name); err != nil {
		return err
	}
	d.mu.Lock()
	d.changed = true
	d.mu.Unlock()
	if err := d.mkdir(path.Dir(name)); err != nil {
		return err
	}
	return writeFile(filepath.Join(d.tmp, filepath.FromSlash(name)), data)
}

// mkdir makes a folder of the new output and those above it, once: one
// system call per folder.
func (d *Dir) mkdir(dir string) error {
	if dir == "." {
		return nil
	}
	d.mu.Lock()
	made := d.made[dir]
	d.mu.Unlock()
	if made {
		return nil
	}
	if err := d.mkdir(path.Dir(dir)); err != nil {
		return err
	}
	full := filepath.Join(d.tmp, filepath.FromSlash(dir))
	if err := os.Mkdir(full, 0o755); err != nil {
		// Another worker may have made it just now.
		if st, serr := os.Lstat(full); serr != nil || !st.IsDir() {
			return err
		}
	}
	d.mu.Lock()
	d.made[dir] = true
	d.mu.Unlock()
	return nil
}

// Keep takes a file unchanged from the output of the previous build: a
// hard link, no copy, made by Commit. It fails if the previous output has
// no such file.
func (d *Dir) Keep(name string) error {
	if err := CheckName(name); err != nil {
		return err
	}
	if st, err := os.Lstat(filepath.Join(d.final, filepath.FromSlash(name))); err != nil || !st.Mode().IsRegular() {
		return fmt.Errorf("%s: not in the previous output", name)
	}
	d.mu.Lock()
	d.kept = append(d.kept, name)
	d.mu.Unlock()
	return nil
}

// link makes the hard links of the kept files, on a few goroutines.
func (d *Dir) link() error {
	var wg sync.WaitGroup
	errs := make(chan error, 1)
	next := make(chan string)
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for name := range next {
				err := d.mkdir(path.Dir(name))
				if err == nil {
					err = os.Link(filepath.Join(d.final, filepath.FromSlash(name)), filepath.Join(d.tmp, filepath.FromSlash(name)))
				}
				if err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		}()
	}
	for _, name := range d.kept {
		next <- name
	}
	close(next)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
}

// Delete removes a file written earlier in this build.
func (d *Dir) Delete(name string) error {
	if err := CheckName(name); err != nil {
		return err
	}
	d.mu.Lock()
	d.changed = true
	d.mu.Unlock()
	err := os.Remove(filepath.Join(d.tmp, filepath.FromSlash(name)))
	if os.IsNotExist(err) {
		return nil
	}
	return err
}

// Changed reports whether the build wrote or deleted any file, rather than
// keeping all from the previous output.
func (d *Dir) Changed() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.changed || len(d.kept) == 0
}

// Commit replaces the output folder with the new build. The previous
// output is moved beside it, hidden, and removed by the next build while
// that one works: removing many files is slow on some disks. A build that
// kept every file of the previous output and wrote and deleted none leaves
// the output folder as it is: it is already what the build would make.
func (d *Dir) Commit() error {
	if !d.Changed() {
		if _, err := os.Stat(filepath.Join(d.final, Marker)); err == nil {
			return os.Remove(d.tmp)
		}
	}
	if err := d.link(); err != nil {
		d.Abort()
		return err
	}
	if err := os.WriteFile(filepath.Join(d.tmp, Marker), []byte("This folder is written by pressroom build and replaced whole on each build.\n"), 0o644); err != nil {
		d.Abort()
		return err
	}
	old := ""
	if _, err := os.Stat(d.final); err == nil {
		old = filepath.Join(filepath.Dir(d.final), "."+filepath.Base(d.final)+".old-"+randomSuffix())
		if err := os.Rename(d.final, old); err != nil {
			d.Abort()
			return err
		}
	}
	if err := os.Rename(d.tmp, d.final); err != nil {
		if old != "" {
			os.Rename(old, d.final)
		}
		d.Abort()
		return err
	}
	return nil
}

// Abort discards the new build.
func (d *Dir) Abort() {
	os.RemoveAll(d.tmp)
	d.Wait()
}

// Wait waits until the leftovers of earlier builds are removed.
func (d *Dir) Wait() { <-d.cleaned }

func randomSuffix() string {
	b := make([]byte, 4)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// Memory keeps files in memory, for the preview server and tests.
type Memory struct {
	mu    sync.RWMutex
	files map[string][]byte
}

// NewMemory returns an empty Memory.
func NewMemory() *Memory { return &Memory{files: map[string][]byte{}} }

// Write stores a copy of data.
func (m *Memory) Write(name string, data []byte) error {
	if err := CheckName(name); err != nil {
		return err
	}
	c := make([]byte, len(data))
	copy(c, data)
	m.mu.Lock()
	m.files[name] = c
	m.mu.Unlock()
	return nil
}

// Delete removes a file.
func (m *Memory) Delete(name string) error {
	m.mu.Lock()
	delete(m.files, name)
	m.mu.Unlock()
	return nil
}

// Begin starts a batch of changes that become visible together on Commit.
func (m *Memory) Begin() *Batch {
	return &Batch{m: m, writes: map[string][]byte{}, deletes: map[string]bool{}}
}

// Batch collects writes and deletes for a Memory.
type Batch struct {
	m       *Memory
	mu      sync.Mutex
	writes  map[string][]byte
	deletes map[string]bool
}

// Write stores a copy of data in the batch.
func (b *Batch) Write(name string, data []byte) error {
	if err := CheckName(name); err != nil {
		return err
	}
	c := make([]byte, len(data))
	copy(c, data)
	b.mu.Lock()
	b.writes[name] = c
	delete(b.deletes, name)
	b.mu.Unlock()
	return nil
}

// Delete marks a file for removal.
func (b *Batch) Delete(name string) error {
	b.mu.Lock()
	b.deletes[name] = true
	delete(b.writes, name)
	b.mu.Unlock()
	return nil
}

// Change is one file that a commit changed.
type Change struct {
	Name    string
	Old     []byte // nil if the file is new
	Deleted bool
}

// Commit applies the batch at once and returns the files whose bytes
// changed, sorted by name. Files written with their old bytes are not changes.
func (b *Batch) Commit() []Change {
	b.mu.Lock()
	defer b.mu.Unlock()
	m := b.m
	m.mu.Lock()
	defer m.mu.Unlock()
	var changes []Change
	for name, data := range b.writes {
		old, ok := m.files[name]
		if ok && string(old) == string(data) {
			continue
		}
		m.files[name] = data
		changes = append(changes, Change{Name: name, Old: old})
	}
	for name := range b.deletes {
		if old, ok := m.files[name]; ok {
			delete(m.files, name)
			changes = append(changes, Change{Name: name, Old: old, Deleted: true})
		}
	}
	sort.Slice(changes, func(i, j int) bool { return changes[i].Name < changes[j].Name })
	b.writes, b.deletes = nil, nil
	return changes
}

// Get returns a file.
func (m *Memory) Get(name string) ([]byte, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	b, ok := m.files[name]
	return b, ok
}

// Names lists the files, sorted.
func (m *Memory) Names() []string {
	m.mu.RLock()
	defer m.mu.RUnlock()
	names := make([]string, 0, len(m.files))
	for n := range m.files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Discard takes outputs and keeps nothing: for checking a site.
type Discard struct{}

// Write does nothing.
func (Discard) Write(name string, _ []byte) error { return CheckName(name) }

// Delete does nothing.
func (Discard) Delete(string) error { return nil }
