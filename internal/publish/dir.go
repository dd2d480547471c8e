package publish

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"
)

// noToken is the token of an output folder's marker.
const noToken = "none"

// errNoExchange: the system or file system cannot exchange two folders in
// one step.
var errNoExchange = errors.New("no atomic exchange of folders")

// Options tell Open what to guard.
type Options struct {
	// SiteDir, when set, is the site whose folders and files the output
	// must not be, hold or be inside of (checkPlace).
	SiteDir string
	// Force replaces an output folder that holds files pressroom did not
	// write there.
	Force bool
	// Waiting is called once when another build into the same folder
	// holds its lock; Open then waits until it ends.
	Waiting func()
}

// Dir writes into a temporary folder beside the output folder; Commit swaps
// it in, Abort removes it. The previous output stays untouched until Commit.
//
// Beside the output OUT, the file .OUT.lock holds a lock for the whole
// build (two builds into one folder run one after the other) and the
// record of the folders this pressroom made beside OUT (.OUT.tmp-ID): the
// temporary folder of a build, and the previous output swapped out of
// OUT. Each holds a marker with a random token, the same as in the
// record. Only a folder named in the record whose marker holds its token
// is ever removed; nothing is recognised by its name alone.
type Dir struct {
	final, tmp string
	id, token  string
	lock       *os.File
	record     map[string]string // id -> token of the folders beside final that pressroom made
	mu         sync.Mutex
	made       map[string]bool
	files      map[string]bool // what the new output holds, for its manifest
	kept       []string        // files to take from the previous output
	changed    bool            // something was written or deleted
	cleaned    chan struct{}   // closed when the leftovers of earlier builds are removed
	removed    []string        // ids of the leftovers removed; read after cleaned
	checked    chan error      // the result of checkContents
	finished   bool
	stamps     dirStamps // of the folders of final as pressroom wrote them; kept in the lock file
	stampsText []byte    // stamps as the lock file holds them
}

// NewDir prepares a build of the folder out, without the guards of the
// site and of the folder's contents (Open with Force).
func NewDir(out string) (*Dir, error) {
	return Open(context.Background(), out, Options{Force: true})
}

// Open prepares a build of the folder out: it resolves its path, refuses
// a place that must not be replaced (checkPlace), waits for the lock of
// the folder, refuses a folder that holds files pressroom did not write
// (checkContents, unless Force), and makes the temporary folder.
func Open(ctx context.Context, out string, opt Options) (*Dir, error) {
	final, err := checkPlace(out, opt.SiteDir)
	if err != nil {
		return nil, err
	}
	parent, base := filepath.Dir(final), filepath.Base(final)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, placeError(final, parent, err)
	}
	lock, err := lockOutput(ctx, filepath.Join(parent, "."+base+".lock"), opt.Waiting)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, placeError(final, parent, err)
	}
	data, _ := io.ReadAll(io.NewSectionReader(lock, 0, 1<<40))
	d := &Dir{final: final, lock: lock, record: readRecord(data), stamps: readStamps(data), made: map[string]bool{".": true},
		files: map[string]bool{}, cleaned: make(chan struct{})}
	if d.stamps != nil {
		d.stampsText = data[bytes.Index(data, []byte("\n"+stampsHead))+1:]
	}
	fail := func(err error) (*Dir, error) {
		lock.Close()
		return nil, err
	}
	// The folder's own entries at once; all of it while the build works
	// (a walk of 10,000 pages takes a while), before Commit replaces it.
	if err := checkContents(final, out, opt.Force, true, nil); err != nil {
		return fail(err)
	}
	d.checked = make(chan error, 1)
	go func() { d.checked <- checkContents(final, out, opt.Force, false, d.stamps) }()
	// What earlier builds left beside the output: removed while this
	// build works, if it is what the record says.
	var leftovers []string
	for id, token := range d.record {
		if d.ours(id, token) {
			leftovers = append(leftovers, id)
		} else {
			delete(d.record, id)
		}
	}
	d.id, d.token = randomHex(8), randomHex(16)
	d.record[d.id] = d.token
	if err := d.writeRecord(); err != nil {
		return fail(placeError(final, parent, err))
	}
	d.tmp = d.beside(d.id)
	if err := os.Mkdir(d.tmp, 0o755); err != nil {
		return fail(placeError(final, parent, err))
	}
	if err := writeFile(filepath.Join(d.tmp, Marker), markerText(d.token, nil)); err != nil {
		os.RemoveAll(d.tmp)
		return fail(d.writeError(Marker, err))
	}
	go func() {
		defer close(d.cleaned)
		var removed []string
		for _, id := range leftovers {
			if os.RemoveAll(d.beside(id)) == nil {
				removed = append(removed, id)
			}
		}
		d.removed = removed
	}()
	return d, nil
}

// Final is the output folder, with its symbolic links resolved.
func (d *Dir) Final() string { return d.final }

// beside is the folder with the id beside the output.
func (d *Dir) beside(id string) string {
	return filepath.Join(filepath.Dir(d.final), "."+filepath.Base(d.final)+".tmp-"+id)
}

// ours reports whether the folder of a record's entry is one that this
// pressroom made: a folder (not a link) whose marker holds the token, or
// an empty one (a build killed before it wrote its marker).
func (d *Dir) ours(id, token string) bool {
	p := d.beside(id)
	st, err := os.Lstat(p)
	if err != nil || !st.IsDir() {
		return false
	}
	if t, _, err := readMarker(p); err == nil {
		return t == token
	}
	entries, err := os.ReadDir(p)
	return err == nil && len(entries) == 0
}

// Write writes one file.
func (d *Dir) Write(name string, data []byte) error {
	if err := CheckName(name); err != nil {
		return err
	}
	d.mu.Lock()
	d.changed = true
	d.files[name] = true
	d.mu.Unlock()
	if err := d.mkdir(path.Dir(name)); err != nil {
		return err
	}
	if err := writeFile(filepath.Join(d.tmp, filepath.FromSlash(name)), data); err != nil {
		return d.writeError(name, err)
	}
	return nil
}

// writeError names the file of the output that could not be written and
// says what to do.
func (d *Dir) writeError(name string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	hint := ""
	switch {
	case errors.Is(err, syscall.ENOSPC):
		hint = "; free space on the disk and build again"
	case errors.Is(err, syscall.EACCES), errors.Is(err, syscall.EPERM), errors.Is(err, syscall.EROFS):
		hint = "; build into a folder you may write to (-o)"
	}
	return fmt.Errorf("cannot write %s: %v%s", filepath.Join(d.final, filepath.FromSlash(name)), err, hint)
}

// placeError says that nothing can be written beside the output folder.
func placeError(final, parent string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	hint := ""
	switch {
	case errors.Is(err, syscall.EACCES), errors.Is(err, syscall.EPERM), errors.Is(err, syscall.EROFS):
		hint = fmt.Sprintf("; build into a folder you may write to (-o), or make %s writable", parent)
	case errors.Is(err, syscall.ENOSPC):
		hint = "; free space on the disk and build again"
	}
	return fmt.Errorf("cannot build into %s: cannot write in %s: %v%s", final, parent, err, hint)
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
			return d.writeError(dir, err)
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
	d.files[name] = true
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
					if err != nil {
						err = d.writeError(name, err)
					}
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
	delete(d.files, name)
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

// manifest lists what the new output holds: its files, and its folders
// ending in /.
func (d *Dir) manifest() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	m := make([]string, 0, len(d.files)+len(d.made))
	for n := range d.files {
		m = append(m, n)
	}
	for n := range d.made {
		if n != "." {
			m = append(m, n+"/")
		}
	}
	return m
}

// Commit replaces the output folder with the new build. On Linux the two
// folders are exchanged in one step (renameat2 RENAME_EXCHANGE), so that
// at every instant the output folder is the old or the new one; elsewhere
// the old one is renamed away and the new one into its place. The previous
// output stays beside, hidden, and is removed by the next build while that
// one works: removing many files is slow on some disks. A build that kept
// every file of the previous output and wrote and deleted none leaves the
// output folder as it is: it is already what the build would make.
func (d *Dir) Commit() error {
	if d.finished {
		return errors.New("publish: Commit after Commit or Abort")
	}
	err := d.commit()
	if err != nil {
		d.removeTmp()
	}
	d.finish()
	return err
}

func (d *Dir) commit() error {
	if err := <-d.checked; err != nil {
		return err
	}
	if !d.Changed() {
		if _, err := os.Stat(filepath.Join(d.final, Marker)); err == nil {
			d.removeTmp()
			return nil
		}
	}
	if err := d.link(); err != nil {
		return err
	}
	// The output's marker holds no token, so that the same input gives
	// the same bytes; the token matters only beside the output, where mark
	// puts one. (A kill between here and the swap leaves the folder
	// unrecognised: it stays, nothing is lost.)
	if err := writeFile(filepath.Join(d.tmp, Marker), markerText(noToken, d.manifest())); err != nil {
		return d.writeError(Marker, err)
	}
	d.stamps, d.stampsText = nil, nil // until the new output is in place
	defer func() {
		if d.tmp == "" { // swapped in
			d.stamps = takeStamps(d.final, d.made)
			d.stampsText = d.stamps.text()
		}
	}()
	if _, err := os.Lstat(d.final); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(d.tmp, d.final); err != nil {
			return d.swapError(err)
		}
		delete(d.record, d.id)
		d.tmp = ""
		return nil
	}
	token := randomHex(16)
	switch err := exchange(d.tmp, d.final); {
	case err == nil:
		// The folder at tmp is now the previous output.
		old := d.tmp
		d.tmp = ""
		d.record[d.id] = token
		d.writeRecord()
		mark(old, token)
	case errors.Is(err, errNoExchange):
		id := randomHex(8)
		old := d.beside(id)
		d.record[id] = token
		d.writeRecord()
		if err := os.Rename(d.final, old); err != nil {
			delete(d.record, id)
			return d.swapError(err)
		}
		if err := os.Rename(d.tmp, d.final); err != nil {
			os.Rename(old, d.final)
			delete(d.record, id)
			return d.swapError(err)
		}
		delete(d.record, d.id)
		d.tmp = ""
		mark(old, token)
	default:
		return d.swapError(err)
	}
	return nil
}

// mark gives the previous output, swapped out, the marker that lets the
// next build remove it. A new file: the old marker might be a hard link.
func mark(dir, token string) {
	os.Remove(filepath.Join(dir, Marker))
	writeFile(filepath.Join(dir, Marker), markerText(token, nil))
}

// swapError says why the new output could not take the place of the old.
func (d *Dir) swapError(err error) error {
	var le *os.LinkError
	if errors.As(err, &le) {
		err = le.Err
	}
	hint := ""
	switch {
	case errors.Is(err, syscall.EBUSY), errors.Is(err, syscall.EXDEV):
		hint = "; it is a mount point or on another file system than the folder above it: build into a folder inside it and serve that"
	case errors.Is(err, syscall.EACCES), errors.Is(err, syscall.EPERM), errors.Is(err, syscall.EROFS):
		hint = fmt.Sprintf("; make %s writable, or build into another folder (-o)", filepath.Dir(d.final))
	}
	return fmt.Errorf("cannot put the new build in the place of %s: %v%s", d.final, err, hint)
}

// removeTmp removes the temporary folder; the record forgets it once it
// is gone.
func (d *Dir) removeTmp() {
	if d.tmp == "" {
		return
	}
	if os.RemoveAll(d.tmp) == nil {
		delete(d.record, d.id)
	}
	d.tmp = ""
}

// finish waits for the removal of the leftovers, writes the record and
// releases the lock.
func (d *Dir) finish() {
	<-d.cleaned
	for _, id := range d.removed {
		delete(d.record, id)
	}
	d.writeRecord()
	d.lock.Close()
	d.finished = true
}

// Abort discards the new build.
func (d *Dir) Abort() {
	if d.finished {
		return
	}
	d.removeTmp()
	d.finish()
}

// Wait waits until the leftovers of earlier builds are removed.
func (d *Dir) Wait() { <-d.cleaned }

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

const recordHead = "pressroom build: the lock of the folder beside this file, and the folders beside it that pressroom made; do not edit\n"

// lockOutput opens the lock file and takes its lock, waiting (after
// calling waiting) while another build holds it. A file of that name that
// is not pressroom's is refused.
func lockOutput(ctx context.Context, name string, waiting func()) (*os.File, error) {
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	head := make([]byte, len(recordHead))
	if n, _ := f.ReadAt(head, 0); n > 0 && string(head[:n]) != recordHead {
		f.Close()
		return nil, fmt.Errorf("%s is not pressroom's: move it away", name)
	}
	for first := true; ; first = false {
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, err
		}
		if ok {
			return f, nil
		}
		if first && waiting != nil {
			waiting()
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// readRecord reads the record of the lock file: id -> token. A record cut
// short (a build killed while it wrote it) is empty: then nothing is
// removed.
func readRecord(data []byte) map[string]string {
	record := map[string]string{}
	rest, ok := bytes.CutPrefix(data, []byte(recordHead))
	if !ok {
		return record
	}
	sc := bufio.NewScanner(bytes.NewReader(rest))
	for sc.Scan() {
		if sc.Text() == "end" {
			return record
		}
		id, token, ok := strings.Cut(sc.Text(), " ")
		if !ok || !isHex(id) || !isHex(token) {
			break
		}
		record[id] = token
	}
	return map[string]string{}
}

func isHex(s string) bool {
	_, err := hex.DecodeString(s)
	return err == nil && s != ""
}

// writeRecord writes the record into the lock file, in place: a rename
// would take the file from under the lock of a waiting build.
func (d *Dir) writeRecord() error {
	ids := make([]string, 0, len(d.record))
	for id := range d.record {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var b bytes.Buffer
	b.WriteString(recordHead)
	for _, id := range ids {
		fmt.Fprintf(&b, "%s %s\n", id, d.record[id])
	}
	b.WriteString("end\n")
	b.Write(d.stampsText)
	if _, err := d.lock.WriteAt(b.Bytes(), 0); err != nil {
		return err
	}
	return d.lock.Truncate(int64(b.Len()))
}
