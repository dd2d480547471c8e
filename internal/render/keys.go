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
	h maphash.Hash
}

func (r *Renderer) newKey(kind string) *keyer {
	if r.seed == nil || r.wholeSite {
		return nil
	}
	k := &keyer{}
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
// and rendered body), URL and status.
func (k *keyer) page(p *site.Page) *keyer {
	if p == nil {
		return k.num(0)
	}
	return k.num(p.Rev).str(p.URL).flag(p.Draft).flag(p.Embargoed)
}

func (k *keyer) pages(ps []*site.Page) *keyer {
	k.num(uint64(len(ps)))
	for _, p := range ps {
		k.page(p)
	}
	return k
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
