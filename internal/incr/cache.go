package incr

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/gob"
	"hash"
	"hash/crc32"
	"hash/fnv"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"pressroom/internal/content"
	"pressroom/internal/diag"
	"pressroom/internal/markdown"
)

// CacheDir is the folder in a site where build keeps what it needs to make
// the next build fast: the rendered Markdown of every page and what each
// output was made from. Deleting it is always safe.
const CacheDir = ".pressroom-cache"

// cacheVersion changes when the format of the cache changes.
const cacheVersion = "pressroom-cache-7"

// The cache file begins with the HTML of all bodies, one after the other,
// written as they are rendered and read in one piece rather than decoded.
// A gob stream follows: a cacheHeader, one cachedPage per page whose file
// need not be read again while it stays the same, one cachedBody per
// rendered body, each its own message, then the keys of the outputs
// (Outputs), known last. The last 12 bytes are the CRC-32C of the gob
// stream and where it begins; each body carries the CRC-32C of its HTML. A
// cache whose stream does not match is not used, a body whose HTML does not
// match is rendered again.
const trailerSize = 12

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

type cacheHeader struct {
	Fingerprint uint64
	Started     time.Time // when the build began that read the pages
	Pages       int
	Bodies      int
}

type cachedPage struct {
	Page  *content.Page
	Diags diag.List
}

type cachedBody struct {
	Path             string
	FileRev, PageRev uint64
	Links            []Link
	HTMLAt, HTMLLen  int64
	HTMLSum          uint32 // CRC-32C of the HTML
	TOC              []markdown.Heading
	Lead             string
	Broken           []markdown.Link
}

// Inputs are what outputs depend on besides the pages: a cache made for
// other inputs is not used.
type Inputs struct {
	Output                 string // the output folder
	BaseURL, PreviewSecret string
	Drafts, Future, Check  bool
	Config                 []byte            // site.toml
	Templates              map[string]string // the theme's and the site's, by name
	Files                  map[string][]byte // the theme's files (assets), by output path
}

// fingerprint hashes the inputs and the program itself.
func fingerprint(in Inputs) uint64 {
	h := fnv.New64a()
	str := func(s string) { io.WriteString(h, s); h.Write([]byte{0}) }
	str(cacheVersion)
	if exe, err := os.Executable(); err == nil {
		if f, err := os.Open(exe); err == nil {
			io.Copy(h, f)
			f.Close()
		}
	}
	abs, _ := filepath.Abs(in.Output)
	str(abs)
	str(in.BaseURL)
	str(in.PreviewSecret)
	var flags [3]byte
	for i, f := range []bool{in.Drafts, in.Future, in.Check} {
		if f {
			flags[i] = 1
		}
	}
	h.Write(flags[:])
	h.Write(in.Config)
	names := make([]string, 0, len(in.Templates))
	for n := range in.Templates {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		str(n)
		str(in.Templates[n])
	}
	names = names[:0]
	for n := range in.Files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		str(n)
		h.Write(in.Files[n])
	}
	return h.Sum64()
}

func init() {
	// The types that frontmatter params hold, for gob.
	gob.Register(map[string]any{})
	gob.Register([]any{})
	gob.Register(time.Time{})
}

// Cached is the state of a previous build, read from the cache file.
type Cached struct {
	keys    Outputs          // once finish said true
	bodies  map[string]*Body // once finish said true
	pages   map[string]cachedPage
	started time.Time
	done    chan bool
}

// Reuse gives the pages of the previous build whose files are the same.
// A file changed in the two seconds before that build began may have been
// changed again after it read the file, within the resolution of the
// file's time (two seconds on FAT): such a file is read again.
func (c *Cached) Reuse(fsys fs.FS) content.Reuse {
	if len(c.pages) == 0 {
		return nil
	}
	before := c.started.Add(-2 * time.Second)
	return func(name string) (*content.Page, diag.List, bool) {
		k, ok := c.pages[name]
		if !ok || !k.Page.Stamp.ModTime.Before(before) || k.Page.Stamp.Change.After(before) {
			return nil, nil, false
		}
		info, err := fs.Stat(fsys, name)
		if err != nil || !k.Page.Stamp.Same(content.StampOf(info)) {
			return nil, nil, false
		}
		return k.Page, k.Diags, true
	}
}

// read returns the state of the previous build from the cache folder dir,
// if it was made by this program for the same inputs (fingerprint print).
func read(dir string, print uint64) (*Cached, bool) {
	f, err := os.Open(filepath.Join(dir, cacheFile))
	if err != nil {
		return nil, false
	}
	var end [trailerSize]byte
	info, err := f.Stat()
	if err == nil {
		_, err = f.ReadAt(end[:], info.Size()-trailerSize)
	}
	sum, blob := binary.LittleEndian.Uint32(end[:4]), int64(binary.LittleEndian.Uint64(end[4:]))
	if err != nil || blob < 0 || blob > info.Size()-trailerSize {
		f.Close()
		return nil, false
	}
	stream := make([]byte, info.Size()-trailerSize-blob)
	if _, err := f.ReadAt(stream, blob); err != nil || crc32.Checksum(stream, castagnoli) != sum {
		f.Close()
		return nil, false
	}
	dec := gob.NewDecoder(bytes.NewReader(stream))
	var h cacheHeader
	if dec.Decode(&h) != nil || h.Fingerprint != print {
		f.Close()
		return nil, false
	}
	c := &Cached{pages: make(map[string]cachedPage, h.Pages), started: h.Started, done: make(chan bool, 1)}
	for i := 0; i < h.Pages; i++ {
		var cp cachedPage
		if dec.Decode(&cp) != nil || cp.Page == nil {
			f.Close()
			return nil, false
		}
		c.pages[cp.Page.Path] = cp
	}
	// The bodies are read while the content is (see finish).
	go func() {
		defer f.Close()
		c.bodies = readBodies(dec, io.NewSectionReader(f, 0, blob), h.Bodies)
		c.done <- c.bodies != nil && dec.Decode(&c.keys) == nil
	}()
	return c, true
}

// cacheFile is the name of the cache file in the cache folder.
const cacheFile = "build.gob"

// finish waits for the bodies and the keys and tells whether they could
// be read.
func (c *Cached) finish() bool { return <-c.done }

// readBodies decodes n cachedBody messages and reads the HTML they point
// to from blob.
func readBodies(dec *gob.Decoder, blob *io.SectionReader, n int) map[string]*Body {
	bodies := make(map[string]*Body, n)
	type span struct{ at, n int64 }
	order := make([]*Body, 0, n)
	spans := make([]span, 0, n)
	sums := make([]uint32, 0, n)
	paths := make([]string, 0, n)
	for i := 0; i < n; i++ {
		var cb cachedBody
		if dec.Decode(&cb) != nil {
			return nil
		}
		if cb.HTMLAt < 0 || cb.HTMLLen < 0 || cb.HTMLAt+cb.HTMLLen > blob.Size() {
			continue
		}
		e := &Body{FileRev: cb.FileRev, PageRev: cb.PageRev, Links: cb.Links,
			Res: markdown.Result{TOC: cb.TOC, Lead: cb.Lead, Broken: cb.Broken}}
		bodies[cb.Path] = e
		order = append(order, e)
		spans = append(spans, span{cb.HTMLAt, cb.HTMLLen})
		sums = append(sums, cb.HTMLSum)
		paths = append(paths, cb.Path)
	}
	html := make([]byte, blob.Size())
	if n, _ := blob.ReadAt(html, 0); n != len(html) {
		return nil
	}
	for i, e := range order {
		sp := spans[i]
		e.Res.HTML = html[sp.at : sp.at+sp.n : sp.at+sp.n]
		if crc32.Checksum(e.Res.HTML, castagnoli) != sums[i] {
			delete(bodies, paths[i]) // damaged: rendered again
		}
	}
	return bodies
}

// cacheWriter writes the cache into a temporary file: first the HTML of
// the bodies, as a cold build renders them (store), then, in the
// background while the outputs are rendered, all but the keys of the
// outputs (finish), then the keys (save).
type cacheWriter struct {
	dir, tmp string
	f        *os.File
	mu       sync.Mutex
	w        *bufio.Writer
	at       map[*Body][2]int64 // where store put the HTML of a body, and its length
	sums     map[*Body]uint32   // the CRC-32C of the HTML of a body
	sum      hash.Hash32        // of the gob stream
	blob     int64              // bytes of HTML written
	err      error              // the first that went wrong
	enc      *gob.Encoder
	done     chan error // set by finish
}

// newWriter begins the cache file of a build in dir.
func newWriter(dir string) *cacheWriter {
	c := &cacheWriter{dir: dir, tmp: filepath.Join(dir, cacheFile+".tmp"), at: map[*Body][2]int64{}, sums: map[*Body]uint32{}, sum: crc32.New(castagnoli)}
	c.err = os.MkdirAll(dir, 0o755)
	if c.err == nil {
		c.f, c.err = os.Create(c.tmp)
	}
	if c.err == nil {
		c.w = bufio.NewWriterSize(c.f, 1<<20)
	}
	return c
}

// store adds the HTML of a body to the file. After it, the HTML need not be
// held for the cache.
func (c *cacheWriter) store(e *Body) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err != nil {
		return
	}
	if _, done := c.at[e]; done {
		return
	}
	n, err := c.w.Write(e.Res.HTML)
	c.at[e] = [2]int64{c.blob, int64(n)}
	c.sums[e] = crc32.Checksum(e.Res.HTML, castagnoli)
	c.blob += int64(n)
	c.err = err
}

// keptPage tells whether the cache keeps page p (read with diagnostics
// d), so that the next build need not read its file while it stays the
// same: a page whose file had errors is read again, to report them, and
// so is one that shows other files than its own (a bundle's, an image,
// attachments), whose sizes it shows.
func keptPage(p *content.Page, d diag.List) bool {
	return !p.Bundle && p.Image == "" && len(p.Attachments) == 0 && !d.HasErrors()
}

// finish writes, in the background, the HTML of the bodies not yet stored,
// then the header, the pages and the bodies' other parts, as far as they
// are known once the bodies are rendered.
func (c *cacheWriter) finish(print uint64, started time.Time, files map[string]*content.Page, fileDiags map[string]diag.List, bodies map[string]*Body) {
	c.done = make(chan error, 1)
	var pages []cachedPage
	for name, p := range files {
		if keptPage(p, fileDiags[name]) {
			q := *p
			q.Body = nil // read again if needed
			pages = append(pages, cachedPage{&q, fileDiags[name]})
		}
	}
	paths := make([]string, 0, len(bodies))
	for p := range bodies {
		paths = append(paths, p)
	}
	header := cacheHeader{Fingerprint: print, Started: started, Pages: len(pages), Bodies: len(paths)}
	go func() {
		sort.Strings(paths)
		for _, p := range paths {
			c.store(bodies[p])
		}
		err := c.err
		if err == nil {
			c.enc = gob.NewEncoder(io.MultiWriter(c.w, c.sum))
			sort.Slice(pages, func(i, j int) bool { return pages[i].Page.Path < pages[j].Page.Path })
			err = c.enc.Encode(header)
		}
		for i := 0; i < len(pages) && err == nil; i++ {
			err = c.enc.Encode(&pages[i])
		}
		for i := 0; i < len(paths) && err == nil; i++ {
			e := bodies[paths[i]]
			at := c.at[e]
			cb := cachedBody{Path: paths[i], FileRev: e.FileRev, PageRev: e.PageRev, Links: e.Links, HTMLAt: at[0], HTMLLen: at[1], HTMLSum: c.sums[e], TOC: e.Res.TOC, Lead: e.Res.Lead, Broken: e.Res.Broken}
			err = c.enc.Encode(&cb)
		}
		c.done <- err
	}()
}

// drop gives up the file.
func (c *cacheWriter) drop() {
	if c.done != nil {
		<-c.done
	}
	if c.f != nil {
		c.f.Close()
		os.Remove(c.tmp)
	}
}

// save ends the file with the keys and puts it in place.
func (c *cacheWriter) save(keys Outputs) error {
	err := <-c.done
	if err == nil {
		err = c.enc.Encode(keys)
	}
	if err == nil {
		// The file's last bytes check the gob stream and tell where it
		// begins.
		_, err = c.w.Write(binary.LittleEndian.AppendUint64(binary.LittleEndian.AppendUint32(nil, c.sum.Sum32()), uint64(c.blob)))
	}
	if err == nil {
		err = c.w.Flush()
	}
	if c.f != nil {
		if cerr := c.f.Close(); err == nil {
			err = cerr
		}
		defer os.Remove(c.tmp)
	}
	if err != nil {
		return err
	}
	return os.Rename(c.tmp, filepath.Join(c.dir, cacheFile))
}
