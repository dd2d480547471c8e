package render

import (
	"encoding/binary"
	"hash/maphash"
	"time"

	"pressroom/internal/site"
)

// keyer hashes the inputs of one output. A nil keyer (no seed) does nothing
// and gives 0: the output is always made.
type keyer struct {
	h        maphash.Hash
	pageKeys map[*site.Page]uint64
}

func (r *Renderer) newKey(kind string) *keyer {
	if r.seed == nil || r.wholeSite {
		return nil
	}
	k := &keyer{pageKeys: r.pageKeyCache}
	k.h.SetSeed(*r.seed)
	k.str(kind)
	return k
}

func (k *keyer) sum() uint64 {
	if k == nil {
		return 0
	}
	if s := k.h.Sum64(); s != 0 {
		return s
	}
	return 1
}

func (k *keyer) str(s string) *keyer {
	if k != nil {
		k.h.WriteString(s)
		k.h.WriteByte(0)
	}
	return k
}

func (k *keyer) num(n uint64) *keyer {
	if k != nil {
		var b [8]byte
		binary.LittleEndian.PutUint64(b[:], n)
		k.h.Write(b[:])
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

// pageKeys hashes each page once for the keys of all outputs that show it.
func (r *Renderer) pageKeys() map[*site.Page]uint64 {
	if r.seed == nil || r.wholeSite {
		return nil
	}
	keys := make(map[*site.Page]uint64, len(r.site.Pages))
	var h maphash.Hash
	h.SetSeed(*r.seed)
	var b [8]byte
	for _, p := range r.site.Pages {
		h.Reset()
		binary.LittleEndian.PutUint64(b[:], p.Rev)
		h.Write(b[:])
		h.WriteString(p.URL)
		if p.Draft {
			h.WriteByte(1)
		}
		if p.Embargoed {
			h.WriteByte(2)
		}
		keys[p] = h.Sum64()
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
