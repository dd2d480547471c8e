package build

import (
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"pressroom/internal/diag"
	"pressroom/internal/photo"
	"pressroom/internal/render"
	"pressroom/internal/site"
)

// photoSet is the build's side of render.Photos: it reads the photos of
// the published pages, checks them, and makes their files with the
// builder's processor.
type photoSet struct {
	fsys     fs.FS
	proc     *photo.Processor
	settings photo.Settings
	metas    map[string]*photo.Meta
	stamps   map[string]uint64 // content.FileKey of each photo as its page was read
}

func (s *photoSet) Meta(from string) *photo.Meta { return s.metas[from] }

func (s *photoSet) Stamp(from string) uint64 { return s.stamps[from] }

// has tells whether a file is a photo that could be read.
func (s *photoSet) has(from string) bool     { return s.metas[from] != nil }
func (s *photoSet) Settings() photo.Settings { return s.settings }

func (s *photoSet) Variant(from string, stamp uint64, settings photo.Settings, w int) ([]byte, error) {
	m := s.metas[from]
	if m == nil {
		return nil, fmt.Errorf("not a photo")
	}
	return s.proc.Variant(func() ([]byte, uint64, error) {
		data, err := fs.ReadFile(s.fsys, from)
		if err != nil {
			return nil, 0, err
		}
		return data, photo.Sum(data), nil
	}, stamp, m, settings, w)
}

func (s *photoSet) Original(from string, r photo.Rights) ([]byte, error) {
	data, err := fs.ReadFile(s.fsys, from)
	if err != nil {
		return nil, err
	}
	out, _, err := photo.Clean(data, r)
	return out, err
}

// inspected is what reading a photo's file found, for the builds to come
// while the file stays the same.
type inspected struct {
	stamp uint64
	meta  *photo.Meta
	err   error
}

// photoRef is one use of a photo on a page.
type photoRef struct {
	p               *site.Page
	key, file, from string
	line            int
	alt, credit     string
	gallery         bool
}

// isPhoto tells whether a file named as image or in images is handled as
// a photo (see render.Photos): a JPEG or PNG.
func isPhoto(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".jpg", ".jpeg", ".png":
		return true
	}
	return false
}

// photoRefs lists the photos of the published pages and previews.
func photoRefs(s *site.Site) []photoRef {
	var out []photoRef
	pages := append(append([]*site.Page(nil), s.Pages...), s.Previews...)
	for _, p := range pages {
		if p.Image != "" && isPhoto(p.Image) {
			from := path.Join(p.Dir, path.Clean(p.Image))
			out = append(out, photoRef{p: p, key: "image", file: p.Image, from: from, line: p.Line("image"), alt: p.ImageAlt, credit: p.ImageCredit})
		}
		for _, ph := range p.Images {
			if !isPhoto(ph.File) {
				continue
			}
			line := ph.Line
			if line == 0 {
				line = p.Line("images")
			}
			out = append(out, photoRef{p: p, key: "images", file: ph.File, from: path.Join(p.Dir, path.Clean(ph.File)), line: line, alt: ph.Alt, credit: ph.Credit, gallery: true})
		}
	}
	return out
}

// photos reads and checks the photos of the published pages: a file that
// cannot be read as a JPEG or PNG is an error at its frontmatter entry; a
// photo without credit, one too small for print and one that had a GPS
// position (which is removed) are warnings.
func (b *Builder) photos(s *site.Site) (*photoSet, diag.List) {
	if b.photoProc == nil {
		dir := ""
		switch {
		case b.mode.cache.Dir != "":
			dir = filepath.Join(b.mode.cache.Dir, "photos")
		case !b.mode.once && !b.mode.check && b.opts.SiteDir != "" && b.opts.Site == nil:
			// The preview: a full rebuild (a template changed) takes the
			// variants from the site's cache folder too.
			dir = filepath.Join(b.opts.SiteDir, CacheDir, "photos")
		}
		b.photoProc = photo.NewProcessor(dir)
	}
	if b.inspected == nil {
		b.inspected = map[string]inspected{}
	}
	set := &photoSet{fsys: b.fsys, proc: b.photoProc, metas: map[string]*photo.Meta{}, stamps: map[string]uint64{},
		settings: photo.Settings{Widths: s.Config.Images.Widths, Quality: s.Config.Images.Quality}}
	refs := photoRefs(s)
	// Read on all cores: each file once.
	var todo []string
	for _, ref := range refs {
		var stamp uint64
		if cp := b.pages[ref.p.Path]; cp != nil {
			stamp = cp.FileKeys[ref.from]
		}
		set.stamps[ref.from] = stamp
		if in, ok := b.inspected[ref.from]; ok && in.stamp == stamp && stamp != 0 {
			continue
		}
		b.inspected[ref.from] = inspected{stamp: stamp}
		todo = append(todo, ref.from)
	}
	results := make([]inspected, len(todo))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < 2*runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				data, err := fs.ReadFile(b.fsys, todo[i])
				if err == nil {
					results[i].meta, err = photo.Inspect(data, photo.Rights{})
				}
				results[i].err = err
			}
		}()
	}
	for i := range todo {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, from := range todo {
		in := b.inspected[from]
		in.meta, in.err = results[i].meta, results[i].err
		b.inspected[from] = in
	}
	var diags diag.List
	warned := map[string]bool{}
	for _, ref := range refs {
		in := b.inspected[ref.from]
		if in.err != nil {
			// A JPEG or PNG that cannot be read is an error: it cannot be
			// cleaned of personal data, so it is not published as it is.
			if !warned[ref.from+"\x00"+ref.p.Path] {
				diags.Add(diag.Diagnostic{Path: ref.p.Path, Line: ref.line, Msg: fmt.Sprintf("%s: %q cannot be read as a photo: %v", ref.key, ref.file, in.err),
					Hint: "save it again as JPEG or PNG from an image program"})
			}
			warned[ref.from+"\x00"+ref.p.Path] = true
			continue
		}
		m := in.meta
		set.metas[ref.from] = m
		if ref.credit == "" && m.Found.Credit == "" && m.Found.Creator == "" {
			diags.Add(diag.Diagnostic{Path: ref.p.Path, Line: ref.line, Warning: true,
				Msg:  fmt.Sprintf("%s: %q has no credit: journalists must name the photographer", ref.key, ref.file),
				Hint: creditHint(ref.key)})
		}
		if warned[ref.from] {
			continue
		}
		warned[ref.from] = true
		if m.GPS {
			diags.Add(diag.Diagnostic{Path: ref.p.Path, Line: ref.line, Warning: true,
				Msg:  fmt.Sprintf("%s: %q had a GPS position in its metadata: it is removed from every published file", ref.key, ref.file),
				Hint: "the original in content/ still has it; remove it there too if it should not be kept"})
		}
		if m.Pixels() < 1_000_000 {
			diags.Add(diag.Diagnostic{Path: ref.p.Path, Line: ref.line, Warning: true,
				Msg:  fmt.Sprintf("%s: %q has %d × %d px: zu klein für den Druck (too small for print: under 1 megapixel)", ref.key, ref.file, m.Width, m.Height),
				Hint: "use the camera's original file"})
		}
	}
	return set, diags
}

func creditHint(key string) string {
	if key == "image" {
		return "add image_credit: \"Foto: …\""
	}
	return "add credit: \"Foto: …\" to the photo's entry"
}

var _ render.Photos = (*photoSet)(nil)

// cleanCopy removes the GPS position and other personal metadata from a
// JPEG or PNG that a page publishes as a plain file (a bundle's file, an
// attachment), as from its photos; the image data stay as they are.
func cleanCopy(from string, data []byte) ([]byte, diag.List) {
	var diags diag.List
	if photo.Sniff(data) == photo.Unknown {
		return data, nil // not an image, whatever its name: nothing to clean
	}
	out, m, err := photo.Clean(data, photo.Rights{})
	if err != nil {
		diags.Add(diag.Diagnostic{Path: from, Warning: true, Msg: fmt.Sprintf("cannot read it as a JPEG or PNG (%v): published as it is, metadata included", err)})
		return data, diags
	}
	if m.GPS {
		diags.Add(diag.Diagnostic{Path: from, Warning: true, Msg: "had a GPS position in its metadata: it is removed from the published file"})
	}
	return out, diags
}
