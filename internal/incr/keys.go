package incr

import (
	"encoding/binary"
	"runtime"
	"sync"
	"time"

	"pressroom/internal/render"
	"pressroom/internal/site"
)

// keyer hashes the inputs of one output, eight bytes at a step: the same
// inputs give the same key in every run, so that keys can be kept between
// builds. It takes the declarations of render's plan (render.Deps).
type keyer struct {
	h  uint64
	of *keySet
}

const keySeed = 14695981039346656037

// mix adds the word w to the hash h.
func mix(h, w uint64) uint64 {
	h = (h ^ w) * 0x9e3779b97f4a7c15
	return h ^ h>>29
}

func (k *keyer) sum() uint64 {
	if k.h != 0 {
		return k.h
	}
	return 1
}

func (k *keyer) Str(s string) render.Deps {
	k.str(s)
	return k
}

func (k *keyer) str(s string) {
	h, n := k.h, len(s)
	for ; len(s) >= 8; s = s[8:] {
		h = mix(h, binary.LittleEndian.Uint64([]byte(s[:8])))
	}
	var tail [8]byte
	copy(tail[:], s)
	// The length ends the text: "a" then "b" differs from "ab".
	k.h = mix(mix(h, binary.LittleEndian.Uint64(tail[:])), uint64(n))
}

func (k *keyer) Num(n uint64) render.Deps {
	k.h = mix(k.h, n)
	return k
}

func (k *keyer) Time(t time.Time) render.Deps { return k.Num(uint64(t.UnixNano())) }

func (k *keyer) Flag(b bool) render.Deps {
	if b {
		return k.Num(1)
	}
	return k.Num(0)
}

// Page adds what a page shows of itself anywhere: its revision (its file,
// rendered body and the files beside it), URL and status, hashed once per
// build.
func (k *keyer) Page(p *site.Page) render.Deps {
	if p == nil {
		return k.Num(0)
	}
	return k.Num(k.of.pages[p])
}

func (k *keyer) Pages(ps []*site.Page) render.Deps {
	k.Num(uint64(len(ps)))
	for _, p := range ps {
		k.Num(k.of.pages[p])
	}
	return k
}

// Shared adds the hash of a part that many outputs declare, made once.
func (k *keyer) Shared(name string, add func(render.Deps)) render.Deps {
	return k.Str(name).Num(k.of.shared(name, add))
}

// keySet is what the keys of one build share: the hash of each page and
// of each shared part.
type keySet struct {
	pages map[*site.Page]uint64
	mu    sync.Mutex
	parts map[string]uint64
}

func (s *keySet) shared(name string, add func(render.Deps)) uint64 {
	s.mu.Lock()
	h, ok := s.parts[name]
	s.mu.Unlock()
	if ok {
		return h
	}
	k := &keyer{h: keySeed, of: s}
	k.Str(name)
	add(k)
	s.mu.Lock()
	s.parts[name] = k.sum()
	s.mu.Unlock()
	return k.sum()
}

// Keys computes the key of each output from what it declared: the hash
// of its declarations, with each page taken as its revision rev (which
// changes whenever its file, its rendered body or a file beside it whose
// size it shows changes), its URL and its status. The published pages and
// the embargo previews of s are the pages outputs may declare.
func Keys(s *site.Site, outs []render.Output, rev func(*site.Page) uint64) Outputs {
	set := &keySet{pages: make(map[*site.Page]uint64, len(s.Pages)+len(s.Previews)), parts: map[string]uint64{}}
	for _, ps := range [][]*site.Page{s.Pages, s.Previews} {
		for _, p := range ps {
			k := keyer{h: mix(keySeed, rev(p))}
			k.str(p.URL)
			k.h = mix(mix(mix(k.h, flag(p.Draft)), flag(p.Embargoed)), flag(p.Event != nil && p.Event.Upcoming))
			set.pages[p] = k.sum()
		}
	}
	keys := make([]uint64, len(outs))
	parallel(len(outs), func(ks *keyer, i int) {
		ks.h, ks.of = keySeed, set
		outs[i].Deps(ks)
		keys[i] = ks.sum()
	})
	out := make(Outputs, len(outs)+64)
	for i, o := range outs {
		out[o.Name] = keys[i]
	}
	return out
}

// parallel calls f for 0..n-1 on all cores, with a keyer of each core's
// own.
func parallel(n int, f func(*keyer, int)) {
	w := min(runtime.GOMAXPROCS(0), n)
	var wg sync.WaitGroup
	for s := 0; s < w; s++ {
		wg.Add(1)
		go func(s int) {
			defer wg.Done()
			k := &keyer{}
			for i := s; i < n; i += w {
				f(k, i)
			}
		}(s)
	}
	wg.Wait()
}

func flag(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}
