package incr

import (
	"testing"
	"time"

	"pressroom/internal/render"
	"pressroom/internal/site"
)

// TestKeyer: the same inputs give the same key; other inputs, the same
// inputs in another order, or texts cut elsewhere give another.
func TestKeyer(t *testing.T) {
	set := &keySet{parts: map[string]uint64{}}
	newKey := func() *keyer { return &keyer{h: keySeed, of: set} }
	day := time.Date(2026, 3, 12, 9, 0, 0, 0, time.UTC)
	p1, p2 := &site.Page{Path: "a"}, &site.Page{Path: "b"}
	set.pages = map[*site.Page]uint64{p1: 11, p2: 22}
	inputs := map[string]func(*keyer){
		"nothing":          func(*keyer) {},
		"a":                func(k *keyer) { k.Str("a") },
		"b":                func(k *keyer) { k.Str("b") },
		"a b":              func(k *keyer) { k.Str("a").Str("b") },
		"b a":              func(k *keyer) { k.Str("b").Str("a") },
		"ab":               func(k *keyer) { k.Str("ab") },
		"ab empty":         func(k *keyer) { k.Str("ab").Str("") },
		"empty":            func(k *keyer) { k.Str("") },
		"8 bytes":          func(k *keyer) { k.Str("abcdefgh") },
		"8 bytes other":    func(k *keyer) { k.Str("abcdefgi") },
		"8 bytes + a":      func(k *keyer) { k.Str("abcdefgha") },
		"8 bytes, a":       func(k *keyer) { k.Str("abcdefgh").Str("a") },
		"16 bytes":         func(k *keyer) { k.Str("abcdefghijklmnop") },
		"16 bytes other":   func(k *keyer) { k.Str("abcdefghijklmnoq") },
		"NUL":              func(k *keyer) { k.Str("\x00") },
		"two NUL":          func(k *keyer) { k.Str("\x00\x00") },
		"num 3":            func(k *keyer) { k.Num(3) },
		"num 1":            func(k *keyer) { k.Num(1) },
		"num 1 2":          func(k *keyer) { k.Num(1).Num(2) },
		"num 2 1":          func(k *keyer) { k.Num(2).Num(1) },
		"flag true":        func(k *keyer) { k.Flag(true).Str("x") },
		"flag false":       func(k *keyer) { k.Flag(false).Str("x") },
		"time":             func(k *keyer) { k.Time(day) },
		"time + 1ns":       func(k *keyer) { k.Time(day.Add(1)) },
		"page 1":           func(k *keyer) { k.Page(p1) },
		"page 2":           func(k *keyer) { k.Page(p2) },
		"no page":          func(k *keyer) { k.Page(nil).Str("y") },
		"pages 1 2":        func(k *keyer) { k.Pages([]*site.Page{p1, p2}) },
		"pages 2 1":        func(k *keyer) { k.Pages([]*site.Page{p2, p1}) },
		"pages 1, pages 2": func(k *keyer) { k.Pages([]*site.Page{p1}).Pages([]*site.Page{p2}) },
		"pages none":       func(k *keyer) { k.Pages(nil) },
	}
	seen := map[uint64]string{}
	for name, add := range inputs {
		a, b := newKey(), newKey()
		add(a)
		add(b)
		if a.sum() != b.sum() {
			t.Errorf("%s: two keys of the same input differ", name)
		}
		if a.sum() == 0 {
			t.Errorf("%s: key 0, which means unknown", name)
		}
		if other, ok := seen[a.sum()]; ok {
			t.Errorf("%q and %q have the same key %x", name, other, a.sum())
		}
		seen[a.sum()] = name
	}

	if (&keyer{h: 0}).sum() == 0 {
		t.Error("a hash of 0 is given as key 0, which means unknown")
	}
}

// TestKeysShared: a shared part is declared once per build and changes
// the key of every output that declares it when it changes.
func TestKeysShared(t *testing.T) {
	p := &site.Page{Path: "a", URL: "/a/"}
	s := &site.Site{Pages: []*site.Page{p}}
	calls := 0
	part := "x"
	shared := func(d render.Deps) { calls++; d.Str(part) }
	outs := []render.Output{
		{Name: "a/index.html", Deps: func(d render.Deps) { d.Shared("global", shared).Page(p) }},
		{Name: "b/index.html", Deps: func(d render.Deps) { d.Shared("global", shared) }},
		{Name: "c/index.html", Deps: func(d render.Deps) { d.Page(p) }},
	}
	rev := uint64(1)
	keys := Keys(s, outs, func(*site.Page) uint64 { return rev })
	if calls != 1 {
		t.Errorf("the shared part was declared %d times, want once", calls)
	}
	part = "y"
	again := Keys(s, outs, func(*site.Page) uint64 { return rev })
	if again["a/index.html"] == keys["a/index.html"] || again["b/index.html"] == keys["b/index.html"] || again["c/index.html"] != keys["c/index.html"] {
		t.Errorf("a changed shared part: keys %v, then %v", keys, again)
	}
	rev = 2
	third := Keys(s, outs, func(*site.Page) uint64 { return rev })
	if third["a/index.html"] == again["a/index.html"] || third["b/index.html"] != again["b/index.html"] || third["c/index.html"] == again["c/index.html"] {
		t.Errorf("a changed page: keys %v, then %v", again, third)
	}
}
