package incr

import (
	"encoding/binary"
	"hash/fnv"

	"pressroom/internal/markdown"
)

// Body is a page's rendered Markdown as the incremental build keeps it:
// what it was rendered from, so that a later build can tell whether it
// still holds.
type Body struct {
	FileRev uint64 // the checksum of the file it was rendered from (content.Page.Sum)
	PageRev uint64 // changes when the file or what its links resolved to changes (see Revision)
	Links   []Link
	Res     markdown.Result
}

// Link is one link as the resolver saw it, to tell whether a kept body
// would still come out the same.
type Link struct {
	Dest, Out string
	OK        bool
}

// Reusable tells whether body old, rendered before, holds for a file of
// checksum sum whose links resolve: the file is the same, and each link
// resolves as it did then. A nil old is not.
func (old *Body) Reusable(sum uint64, resolve markdown.Resolver) bool {
	if old == nil || old.FileRev != sum {
		return false
	}
	for _, l := range old.Links {
		if out, ok := resolve(l.Dest); out != l.Out || ok != l.OK {
			return false
		}
	}
	return true
}

// Revision identifies what the page shows of its file: the file and how
// its links resolved (the Markdown renderer is the same within a build, and
// part of the cache's fingerprint across builds).
func (e *Body) Revision() uint64 {
	h := fnv.New64a()
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], e.FileRev)
	h.Write(b[:])
	for _, l := range e.Links {
		h.Write([]byte(l.Dest))
		h.Write([]byte{0})
		h.Write([]byte(l.Out))
		if l.OK {
			h.Write([]byte{1})
		} else {
			h.Write([]byte{2})
		}
	}
	return h.Sum64()
}

// PageRev is the revision of what a page shows of its files: its own and
// its body as rendered (body's PageRev), and the files beside it whose
// sizes it shows (filesKey, content.Page.FilesKey). It is the page as
// Keys takes it.
func PageRev(body *Body, filesKey uint64) uint64 {
	if body == nil {
		return 0
	}
	rev := (body.PageRev ^ filesKey) * 0x9e3779b97f4a7c15
	return rev ^ rev>>29 ^ filesKey
}
