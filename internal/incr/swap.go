package incr

import (
	"reflect"
	"time"

	"pressroom/internal/content"
	"pressroom/internal/site"
)

// Change is a file read again: its page as the model was made of it (nil
// if it was not part of it) and as it is now (nil if it is gone or could
// not be read).
type Change struct {
	Old, New *content.Page
}

// KeepModel tells whether model s, made of the files before the changes,
// is also the model of the files after them at the instant now, and then
// moves it to now: each changed file is that of a published page (not a
// held one, which embargo previews show) and differs from it in its body
// alone, and no page is released between s.Now and now. The preview's
// common save, of a body, thus keeps the model and what follows from it.
func KeepModel(s *site.Site, changes []Change, now time.Time) bool {
	if now.Before(s.Now) || !s.Stable.IsZero() && !now.Before(s.Stable) {
		return false
	}
	published := make(map[string]bool, len(changes))
	for _, c := range changes {
		if c.Old == nil || c.New == nil || c.Old.Path != c.New.Path || !SameFrontmatter(c.Old, c.New) {
			return false
		}
		published[c.New.Path] = false
	}
	for _, p := range s.Pages {
		if _, ok := published[p.Path]; ok {
			published[p.Path] = true
		}
	}
	for _, ok := range published {
		if !ok {
			return false
		}
	}
	s.Now = now
	return true
}

// SameFrontmatter tells whether q, read from the same path as p, differs
// from p in its body alone.
func SameFrontmatter(p, q *content.Page) bool {
	a, b := *p, *q
	a.Body, a.Sum, a.Stamp = nil, 0, content.Stamp{}
	b.Body, b.Sum, b.Stamp = nil, 0, content.Stamp{}
	return reflect.DeepEqual(a, b)
}
