package photo

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"hash/fnv"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
)

// version changes when the variants made of the same file change.
const version = "photo-1"

// Settings say how variants are made.
type Settings struct {
	Widths  []int // wanted widths (see Widths)
	Quality int   // JPEG quality, 1–100
}

// Processor makes the variants of photos on all cores with bounded memory,
// once per file and settings: in a build, for all the outputs that ask, and
// across builds through the files in Dir. It is safe for concurrent use.
type Processor struct {
	// Dir holds the variants made before, by the content of the original
	// and the settings; "" keeps none.
	Dir string
	sem *weighted
	mu  sync.Mutex
	// jobs are the photos being made or made and not yet taken by all who
	// asked.
	jobs    map[uint64]*group
	decodes atomic.Int64
}

// Decodes counts the images this processor decoded.
func (p *Processor) Decodes() int64 { return p.decodes.Load() }

// PixelsPerCore is how many pixels the processor decodes at once per core
// (one camera image of up to 24 megapixels each); a larger image takes the
// share of more cores, and one larger than all shares waits until it may
// use the whole budget alone.
const PixelsPerCore = 24_000_000

// NewProcessor returns a processor that keeps its variants in dir.
func NewProcessor(dir string) *Processor {
	return &Processor{Dir: dir, sem: newWeighted(int64(PixelsPerCore * runtime.GOMAXPROCS(0))), jobs: map[uint64]*group{}}
}

type group struct {
	once  sync.Once
	outs  [][]byte
	err   error
	taken map[int]bool
}

// Key is the identity of the variants of a file with settings.
func Key(sum uint64, m *Meta, s Settings, widths []int) uint64 {
	h := fnv.New64a()
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], sum)
	h.Write(b[:])
	fmt.Fprintf(h, "%s %d %d %d %d %v", version, s.Quality, m.Orientation, m.Width, m.Height, widths)
	return h.Sum64()
}

// Sum is the content hash of a file for Key.
func Sum(data []byte) uint64 {
	return uint64(crc32.Checksum(data, crc32.MakeTable(crc32.Castagnoli)))<<32 | uint64(crc32.ChecksumIEEE(data))
}

// Variant returns the variant of width w (one of Widths(m.Width,
// s.Widths)) of the file whose bytes read returns. All variants of a file
// are made together, once; read is called only if they are not in Dir.
func (p *Processor) Variant(read func() ([]byte, uint64, error), stamp uint64, m *Meta, s Settings, w int) ([]byte, error) {
	widths := Widths(m.Width, s.Widths)
	at := -1
	for i, x := range widths {
		if x == w {
			at = i
		}
	}
	if at < 0 {
		return nil, fmt.Errorf("no variant %d px wide", w)
	}
	// Within a build a file is known by its stamp; the cache folder
	// knows it by its content.
	id := Key(stamp, m, s, widths)
	p.mu.Lock()
	g := p.jobs[id]
	if g == nil {
		g = &group{taken: map[int]bool{}}
		p.jobs[id] = g
	}
	p.mu.Unlock()
	g.once.Do(func() { g.outs, g.err = p.make(read, m, s, widths) })
	p.mu.Lock()
	defer p.mu.Unlock()
	if g.err != nil {
		return nil, g.err
	}
	out := g.outs[at]
	g.taken[at] = true
	if len(g.taken) == len(widths) {
		delete(p.jobs, id) // every variant went out: let the memory go
	}
	return out, nil
}

// Forget drops the variants held for files not yet taken by all (after a
// failed build).
func (p *Processor) Forget() {
	p.mu.Lock()
	p.jobs = map[uint64]*group{}
	p.mu.Unlock()
}

func (p *Processor) make(read func() ([]byte, uint64, error), m *Meta, s Settings, widths []int) ([][]byte, error) {
	data, sum, err := read()
	if err != nil {
		return nil, err
	}
	key := Key(sum, m, s, widths)
	names := make([]string, len(widths))
	if p.Dir != "" {
		outs := make([][]byte, len(widths))
		ok := true
		for i, w := range widths {
			names[i] = filepath.Join(p.Dir, strconv.FormatUint(key, 16)+"-"+strconv.Itoa(w)+m.Format.Ext())
		}
		for i := range widths {
			if outs[i], err = os.ReadFile(names[i]); err != nil {
				ok = false
				break
			}
		}
		if ok {
			return outs, nil
		}
	}
	// At most one decode per core, and fewer of larger images.
	n := max(int64(m.Width)*int64(m.Height), PixelsPerCore)
	p.sem.acquire(n)
	p.decodes.Add(1)
	outs, err := Variants(data, m, widths, s.Quality)
	p.sem.release(n)
	if err != nil {
		return nil, err
	}
	if p.Dir != "" {
		if err := os.MkdirAll(p.Dir, 0o755); err == nil {
			for i := range widths {
				// Written beside and renamed: a cached file is whole.
				tmp := names[i] + ".tmp" + strconv.Itoa(os.Getpid())
				if os.WriteFile(tmp, outs[i], 0o644) == nil {
					os.Rename(tmp, names[i])
				}
			}
		}
	}
	return outs, nil
}

// weighted is a semaphore of n units (pixels).
type weighted struct {
	mu   sync.Mutex
	cond *sync.Cond
	size int64
	used int64
}

func newWeighted(n int64) *weighted {
	w := &weighted{size: n}
	w.cond = sync.NewCond(&w.mu)
	return w
}

// acquire takes n units, or all of them if n is more than there are.
func (w *weighted) acquire(n int64) {
	if n > w.size {
		n = w.size
	}
	w.mu.Lock()
	for w.used+n > w.size {
		w.cond.Wait()
	}
	w.used += n
	w.mu.Unlock()
}

func (w *weighted) release(n int64) {
	if n > w.size {
		n = w.size
	}
	w.mu.Lock()
	w.used -= n
	w.mu.Unlock()
	w.cond.Broadcast()
}
