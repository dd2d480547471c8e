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
const cacheVersion = "pressroom-cache-1"

// The cache file is a gob stream: a cacheHeader, then one cachedBody per
// page, each its own message so that neither side holds all at once.
type cacheHeader struct {
	Fingerprint uint64
	Keys        render.Keys
	Bodies      int
}

type cachedBody struct {
	Path             string
	FileRev, PageRev uint64
	Links            []cachedLink
	HTML             []byte
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

// loadCache takes the state of the previous build from the cache, if it
// was made by this program for the same site, options and output. It
// reports whether it did.
func (b *Builder) loadCache() bool {
	if b.opts.CacheDir == "" {
		return false
	}
	f, err := os.Open(filepath.Join(b.opts.CacheDir, "build.gob"))
	if err != nil {
		return false
	}
	defer f.Close()
	dec := gob.NewDecoder(bufio.NewReaderSize(f, 1<<20))
	var h cacheHeader
	if dec.Decode(&h) != nil || h.Fingerprint != b.fingerprint(b.opts.Output) {
		return false
	}
	bodies := make(map[string]*body, h.Bodies)
	for i := 0; i < h.Bodies; i++ {
		var cb cachedBody
		if dec.Decode(&cb) != nil {
			return false
		}
		e := &body{fileRev: cb.FileRev, pageRev: cb.PageRev,
			res: markdown.Result{HTML: cb.HTML, TOC: cb.TOC, Lead: cb.Lead, Broken: cb.Broken}}
		for _, l := range cb.Links {
			e.links = append(e.links, resolved{l.Dest, l.Out, l.OK})
		}
		bodies[cb.Path] = e
	}
	b.keys, b.bodies = h.Keys, bodies
	return true
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
		cb := cachedBody{Path: p, FileRev: e.fileRev, PageRev: e.pageRev, HTML: e.res.HTML, TOC: e.res.TOC, Lead: e.res.Lead, Broken: e.res.Broken}
		for _, l := range e.links {
			cb.Links = append(cb.Links, cachedLink{l.dest, l.out, l.ok})
		}
		err = enc.Encode(&cb)
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
