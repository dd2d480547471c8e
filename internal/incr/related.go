package incr

import (
	"hash/maphash"

	"pressroom/internal/site"
)

// Related remembers the related releases of the last model of a site
// (site.RelatedMemo), for the preview's rebuilds: a release whose topics
// and issuers are the same, among the same candidates, has the same
// related releases.
type Related struct {
	seed  maphash.Seed
	lists uint64                  // hash of every topic's and issuer's candidates
	pages map[string]relatedEntry // by path
}

type relatedEntry struct {
	terms   uint64   // hash of the release's topics and issuers
	related []string // paths
}

// termsOf hashes the topics and issuers of a release.
func (r *Related) termsOf(p *site.Page) uint64 {
	var h maphash.Hash
	h.SetSeed(r.seed)
	for _, t := range p.Tags {
		h.WriteString(t.URL)
	}
	for _, o := range p.Orgs {
		h.WriteString(o.URL)
	}
	return h.Sum64()
}

// Reuse gives the releases the related releases the last model found for
// them, where those still hold: the release's topics and issuers are the
// same, and so is every list of candidates. It returns the indexes of the
// other releases.
func (r *Related) Reuse(releases []*site.Page, terms []*site.Term, lists map[*site.Term][]int32) []int {
	if r.pages == nil {
		r.seed = maphash.MakeSeed()
	}
	var h maphash.Hash
	h.SetSeed(r.seed)
	for _, t := range terms {
		h.WriteString(t.URL)
		for _, i := range lists[t] {
			h.WriteString(releases[i].Path)
			h.WriteByte(0)
		}
	}
	same := h.Sum64() == r.lists
	r.lists = h.Sum64()
	byPath := map[string]*site.Page{}
	for _, p := range releases {
		byPath[p.Path] = p
	}
	var todo []int
	for i, p := range releases {
		if e, ok := r.pages[p.Path]; same && ok && e.terms == r.termsOf(p) {
			p.Related = make([]*site.Page, 0, len(e.related))
			for _, path := range e.related {
				if q := byPath[path]; q != nil {
					p.Related = append(p.Related, q)
				}
			}
			if len(p.Related) == len(e.related) {
				continue
			}
		}
		todo = append(todo, i)
	}
	return todo
}

// Remember keeps the related releases of this model for the next.
func (r *Related) Remember(releases []*site.Page) {
	r.pages = make(map[string]relatedEntry, len(releases))
	for _, p := range releases {
		e := relatedEntry{terms: r.termsOf(p), related: make([]string, len(p.Related))}
		for j, q := range p.Related {
			e.related[j] = q.Path
		}
		r.pages[p.Path] = e
	}
}
