package build

import (
	"bufio"
	"encoding/gob"
	"hash/fnv"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"pressroom/internal/config"
	"pressroom/internal/markdown"
	"pressroom/internal/render"
)

// CacheDir is the folder in a site where build keeps what it needs to make
// the next build fast: the rendered Markdown of every page and what each
// output was made from. Deleting it is always safe.
const CacheDir = ".pressroom-cache"

// cacheVersion changes when the format of the cache changes.
const cacheVersion = "pressroom-cache-2"

// The cache file is a gob stream: a cacheHeader, then one cachedBody per
// page, each its own message; then the HTML of all bodies, one after the
// other, read in one piece rather than decoded.
type cacheHeader struct {
	Fingerprint uint64
	Keys        render.Keys
	Bodies      int
}

type cachedBody struct {
	Path             string
	FileRev, PageRev uint64
	Links            []cachedLink
	HTMLLen          int
	TOC              []markdown.Heading
	Lead             string
	Broken           []markdown.Link
}

type cachedLink struct {
	Dest, Out string
	OK        bool
}

// fingerprint hashes everything outputs depend on besides the pages: the
// program itself, the options, site.toml, templates and assets, and where
// the output goes. A cache with another fingerprint is not used.
func (b *Builder) fingerprint(out string) uint64 {
	h := fnv.New64a()
	str := func(s string) { io.WriteString(h, s); h.Write([]byte{0}) }
	str(cacheVersion)
	if exe, err := os.Executable(); err == nil {
		if f, err := os.Open(exe); err == nil {
			io.Copy(h, f)
			f.Close()
		}
	}
	o := b.opts
	abs, _ := filepath.Abs(out)
	str(abs)
	str(o.BaseURL)
	str(o.PreviewSecret)
	var flags [3]byte
	for i, f := range []bool{o.Drafts, o.Future, o.Check} {
		if f {
			flags[i] = 1
		}
	}
	h.Write(flags[:])
	src, _ := fs.ReadFile(b.fsys, config.File)
	h.Write(src)
	names := make([]string, 0, len(b.templates))
	for n := range b.templates {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		str(n)
		str(b.templates[n].Text)
	}
	names = names[:0]
	for n := range b.assetFiles {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		str(n)
		h.Write(b.assetFiles[n])
	}
	return h.Sum64()
}

// readCache returns the state of the previous build from the cache, if it
// was made by this program for the same site, options and output.
func (b *Builder) readCache() (render.Keys, map[string]*body, bool) {
	if b.opts.CacheDir == "" {
		return nil, nil, false
	}
	f, err := os.Open(filepath.Join(b.opts.CacheDir, "build.gob"))
	if err != nil {
		return nil, nil, false
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	dec := gob.NewDecoder(r)
	var h cacheHeader
	if dec.Decode(&h) != nil || h.Fingerprint != b.fingerprint(b.opts.Output) {
		return nil, nil, false
	}
	bodies := make(map[string]*body, h.Bodies)
	order := make([]*body, 0, h.Bodies)
	lens := make([]int, 0, h.Bodies)
	total := 0
	for i := 0; i < h.Bodies; i++ {
		var cb cachedBody
		if dec.Decode(&cb) != nil || cb.HTMLLen < 0 {
			return nil, nil, false
		}
		e := &body{fileRev: cb.FileRev, pageRev: cb.PageRev,
			res: markdown.Result{TOC: cb.TOC, Lead: cb.Lead, Broken: cb.Broken}}
		for _, l := range cb.Links {
			e.links = append(e.links, resolved{l.Dest, l.Out, l.OK})
		}
		bodies[cb.Path] = e
		order = append(order, e)
		lens = append(lens, cb.HTMLLen)
		total += cb.HTMLLen
	}
	html := make([]byte, total)
	if _, err := io.ReadFull(r, html); err != nil {
		return nil, nil, false
	}
	for i, e := range order {
		n := lens[i]
		e.res.HTML, html = html[:n:n], html[n:]
	}
	return h.Keys, bodies, true
}

// SaveCache writes the state of the last successful build into the cache
// folder, for the next build. Call it once the output is in place.
func (b *Builder) SaveCache() error {
	if b.opts.CacheDir == "" || b.keys == nil {
		return nil
	}
	if err := os.MkdirAll(b.opts.CacheDir, 0o755); err != nil {
		return err
	}
	tmp := filepath.Join(b.opts.CacheDir, "build.gob.tmp")
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	w := bufio.NewWriterSize(f, 1<<20)
	enc := gob.NewEncoder(w)
	err = enc.Encode(cacheHeader{Fingerprint: b.fingerprint(b.opts.Output), Keys: b.keys, Bodies: len(b.bodies)})
	paths := make([]string, 0, len(b.bodies))
	for p := range b.bodies {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		if err != nil {
			break
		}
		e := b.bodies[p]
		cb := cachedBody{Path: p, FileRev: e.fileRev, PageRev: e.pageRev, HTMLLen: len(e.res.HTML), TOC: e.res.TOC, Lead: e.res.Lead, Broken: e.res.Broken}
		for _, l := range e.links {
			cb.Links = append(cb.Links, cachedLink{l.dest, l.out, l.ok})
		}
		err = enc.Encode(&cb)
	}
	for _, p := range paths {
		if err != nil {
			break
		}
		_, err = w.Write(b.bodies[p].res.HTML)
	}
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(b.opts.CacheDir, "build.gob"))
}
