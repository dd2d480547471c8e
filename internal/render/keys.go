package render

import (
	"encoding/binary"
	"strings"
	"time"

	"pressroom/internal/site"
)

// keyer hashes the inputs of one output, eight bytes at a step: the same
// inputs give the same key in every run, so that keys can be kept between
// builds. A nil keyer (keys off) does nothing and gives 0: the output is
// always made.
type keyer struct {
	h        uint64
	pageKeys map[*site.Page]uint64
}

const keySeed = 14695981039346656037

// mix adds the word w to the hash h.
func mix(h, w uint64) uint64 {
	h = (h ^ w) * 0x9e3779b97f4a7c15
	return h ^ h>>29
}

func (r *Renderer) newKey(kind string) *keyer {
	if !r.keys {
		return nil
	}
	k := &keyer{h: keySeed, pageKeys: r.pageKeyCache}
	k.str(kind)
	return k
}

func (k *keyer) sum() uint64 {
	if k == nil {
		return 0
	}
	if k.h != 0 {
		return k.h
	}
	return 1
}

func (k *keyer) str(s string) *keyer {
	if k != nil {
		h, n := k.h, len(s)
		for ; len(s) >= 8; s = s[8:] {
			h = mix(h, binary.LittleEndian.Uint64([]byte(s[:8])))
		}
		var tail [8]byte
		copy(tail[:], s)
		// The length ends the text: "a" then "b" differs from "ab".
		k.h = mix(mix(h, binary.LittleEndian.Uint64(tail[:])), uint64(n))
	}
	return k
}

func (k *keyer) num(n uint64) *keyer {
	if k != nil {
		k.h = mix(k.h, n)
	}
	return k
}

func (k *keyer) time(t time.Time) *keyer { return k.num(uint64(t.UnixNano())) }

func (k *keyer) flag(b bool) *keyer {
	if b {
		return k.num(1)
	}
	return k.num(0)
}

// page adds what a page shows of itself anywhere: its revision (its file
// and rendered body), URL and status, hashed once per render.
func (k *keyer) page(p *site.Page) *keyer {
	if k == nil {
		return nil
	}
	if p == nil {
		return k.num(0)
	}
	return k.num(k.pageKeys[p])
}

func (k *keyer) pages(ps []*site.Page) *keyer {
	if k == nil {
		return nil
	}
	k.num(uint64(len(ps)))
	for _, p := range ps {
		k.num(k.pageKeys[p])
	}
	return k
}

// pageKeys hashes each page once for the keys of all outputs that show it,
// the embargo previews too.
func (r *Renderer) pageKeys() map[*site.Page]uint64 {
	if !r.keys {
		return nil
	}
	keys := make(map[*site.Page]uint64, len(r.site.Pages)+len(r.site.Previews))
	for _, p := range append(r.site.Pages[:len(r.site.Pages):len(r.site.Pages)], r.site.Previews...) {
		k := keyer{h: keySeed}
		k.num(p.Rev).num(p.FilesKey).str(p.URL).flag(p.Draft).flag(p.Embargoed).flag(p.Event != nil && p.Event.Upcoming)
		keys[p] = k.sum()
	}
	return keys
}

// global is the hash of what every HTML page shows of the whole site:
// navigation and footer.
func (r *Renderer) global() uint64 {
	k := r.newKey("global")
	for _, sec := range r.site.Sections {
		k.str(sec.Name).str(sec.Title).flag(len(sec.Years) > 0)
	}
	k.flag(len(r.site.Tags) > 0).flag(len(r.site.Orgs) > 0)
	k.pages(r.site.Plain)
	for _, p := range r.site.Plain {
		k.str(p.Title)
	}
	return k.sum()
}

// unknownReads tells whether an output of template tmpl may show anything
// of the model: a template of the site's own, or any page with a partial
// or baseof of the site's own.
func (r *Renderer) unknownReads(tmpl string) bool {
	return r.unknown[tmpl] || r.unknownAll && strings.HasSuffix(tmpl, ".html") || r.texts[tmpl] != nil
}

// whole is the hash of everything a template can reach of the model: every
// published page as its key has it (body, files, URL, status) and as its
// file was when read. Outputs of templates whose reads are not known
// depend on it: any change of the model makes them again.
func (r *Renderer) whole() uint64 {
	k := r.newKey("whole")
	if k == nil || len(r.unknown) == 0 {
		return 0
	}
	k.pages(r.site.Pages)
	for _, p := range r.site.Pages {
		k.str(p.Path).num(uint64(p.Stamp.Size)).time(p.Stamp.ModTime).time(p.Stamp.Change)
	}
	return k.sum()
}
