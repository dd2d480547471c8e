package search

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Doc is one page as the index has it. Docs get ids in the order the
// caller gives: newest first, so that a lower id is a newer page and
// "newest first among equally good matches" is "lowest id first".
type Doc struct {
	URL     string // site-relative, without the base path
	Title   string
	ISO     string // date, 2006-01-02
	Date    string // date as the site shows it
	Section int    // index into Labels.Sections
	Orgs    []int  // indexes into Labels.Orgs
	Topics  []int  // indexes into Labels.Topics
	Year    int
	// Summary and Text are the page's teaser and body as plain text;
	// Extra are words the page is found by besides (place, issuers,
	// topics), not shown.
	Summary, Text, Extra string
}

// Labels are what the results show of a page's section, issuers and
// topics, and the values of the filters (section names, organisation
// ids, topic slugs) in the same order.
type Labels struct {
	Sections, Orgs, Topics       []string // shown
	SectionIDs, OrgIDs, TopicIDs []string // filter values
}

// Layout says how many files the index has: a manifest, the facets for
// the filters, Shards files of words and Chunks files of result data,
// each of ChunkSize pages. It follows from the number of pages alone, so
// that the plan of the site's outputs knows the files before any body is
// rendered.
type Layout struct {
	Docs, Shards, Chunks, ChunkSize int
}

// Bounds of a layout: a shard for about 80 pages and a chunk of at least
// 48, at most maxShards + maxChunks + 2 files (192) up to 10,000 pages, and
// as many more per 10,000 pages beyond, so that a shard or a chunk of a
// larger site is no bigger than one of 10,000 pages.
const (
	maxShards = 90
	maxChunks = 100
	minChunk  = 48
)

// LayoutFor is the layout of an index of n pages.
func LayoutFor(n int) Layout {
	l := Layout{Docs: n}
	per := max(1, (n+9999)/10000) // 10,000s of pages
	l.Shards = min(max(1, (n+79)/80), maxShards*per)
	l.ChunkSize = max(minChunk, (n+maxChunks*per-1)/(maxChunks*per))
	l.Chunks = max(1, (n+l.ChunkSize-1)/l.ChunkSize)
	return l
}

// Names are the index's files, relative to its folder.
func (l Layout) Names() []string {
	names := []string{MetaFile, FacetsFile}
	for i := 0; i < l.Shards; i++ {
		names = append(names, shardName(i))
	}
	for i := 0; i < l.Chunks; i++ {
		names = append(names, chunkName(i))
	}
	return names
}

// The manifest and the facets.
const (
	MetaFile   = "meta.gz"
	FacetsFile = "facets.gz"
)

func shardName(i int) string { return "w" + strconv.Itoa(i) + ".gz" }
func chunkName(i int) string { return "r" + strconv.Itoa(i) + ".gz" }

// SnippetLen is about the most characters of a page's text the results
// keep, to show with the terms marked and to check a quoted phrase on.
const SnippetLen = 280

// Builder collects the pages' words. Add is safe for concurrent use.
//
// Each word as written is folded and stemmed once per build: the cache
// maps it to the number of its stem, so that a page's words cost a map
// look-up each and the postings are kept by number.
type Builder struct {
	stemmer *Stemmer
	lang    string
	labels  Labels
	cacheMu sync.RWMutex
	cache   map[string]int32   // word as written -> its stem's number, -1 for a stop word
	stemIDs map[string]int32   // stem -> its number
	stems   []string           // number -> stem
	vocab   map[string][]int32 // folded word -> its stems' numbers
	mu      sync.Mutex
	post    [][]uint32 // by stem number: id<<1 | title flag, unsorted
	docs    []docMeta
}

type docMeta struct {
	set                  bool
	url, title, iso, day string
	section              int
	orgs, topics         []int
	year                 int
	snippet              string
}

// NewBuilder collects an index of n pages.
func NewBuilder(lang string, n int, labels Labels) *Builder {
	return &Builder{stemmer: NewStemmer(lang), lang: lang, labels: labels, cache: map[string]int32{}, stemIDs: map[string]int32{}, vocab: map[string][]int32{}, docs: make([]docMeta, n)}
}

// word is what the index makes of a word of rawWords.
type word struct {
	fold, stem string
	stop       bool
}

// makeWord folds and stems w, copied: w is part of a page's text, which
// the index must not keep.
func (b *Builder) makeWord(w string) word {
	lw := strings.ToLower(w)
	if lw == w {
		lw = strings.Clone(w)
	}
	e := word{fold: Fold(lw)}
	if e.stop = b.stemmer.Stop(e.fold); !e.stop {
		e.stem = b.stemmer.Stem(lw)
	}
	return e
}

// Has tells whether page id is added.
func (b *Builder) Has(id int) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return id >= 0 && id < len(b.docs) && b.docs[id].set
}

// Add indexes page id.
func (b *Builder) Add(id int, d Doc) {
	// The stems of the page's words, as stem<<1 | whether the title has
	// it; words not yet in the cache are made below.
	found := make([]uint32, 0, 1024)
	var missed []string
	var missedTitle []bool
	title := false
	scan := func(w string) {
		if n, ok := b.cache[w]; ok {
			if n >= 0 {
				v := uint32(n) << 1
				if title {
					v |= 1
				}
				found = append(found, v)
			}
			return
		}
		missed = append(missed, w)
		missedTitle = append(missedTitle, title)
	}
	b.cacheMu.RLock()
	title = true
	eachWord(d.Title, scan)
	title = false
	eachWord(d.Text, scan)
	eachWord(d.Extra, scan)
	if !strings.Contains(d.Text, d.Summary) { // the summary is often the first paragraph
		eachWord(d.Summary, scan)
	}
	b.cacheMu.RUnlock()
	if len(missed) > 0 {
		made := make(map[string]word, len(missed))
		for _, w := range missed {
			if _, ok := made[w]; !ok {
				made[w] = b.makeWord(w)
			}
		}
		b.cacheMu.Lock()
		for i, w := range missed {
			n, ok := b.cache[w]
			if !ok {
				n = b.intern(made[w])
				b.cache[strings.Clone(w)] = n
			}
			if n >= 0 {
				v := uint32(n) << 1
				if missedTitle[i] {
					v |= 1
				}
				found = append(found, v)
			}
		}
		b.cacheMu.Unlock()
	}
	// Each stem once, in the title if any of its words is.
	slices.Sort(found)
	stems := found[:0]
	for _, v := range found {
		if k := len(stems) - 1; k >= 0 && stems[k]>>1 == v>>1 {
			stems[k] |= v
			continue
		}
		stems = append(stems, v)
	}
	snippet := d.Summary
	if rest := SnippetLen - utf8.RuneCountInString(snippet); rest > 40 && d.Text != "" {
		text := d.Text
		if snippet != "" && strings.HasPrefix(text, snippet) {
			text = strings.TrimSpace(text[len(snippet):])
		}
		if snippet != "" {
			snippet += " … "
		}
		snippet += cut(text, rest)
	}
	meta := docMeta{set: true, url: d.URL, title: d.Title, iso: d.ISO, day: d.Date, section: d.Section, orgs: d.Orgs, topics: d.Topics, year: d.Year,
		snippet: strings.Join(strings.Fields(cut(snippet, SnippetLen+40)), " ")}
	b.mu.Lock()
	defer b.mu.Unlock()
	if id < 0 || id >= len(b.docs) || b.docs[id].set {
		return
	}
	b.docs[id] = meta
	for _, v := range stems {
		n := int(v >> 1)
		for n >= len(b.post) {
			b.post = append(b.post, nil)
		}
		b.post[n] = append(b.post[n], uint32(id)<<1|v&1)
	}
}

// intern is the number of e's stem (-1 for a stop word), with e's form
// added to the vocabulary: the vocabulary has every form of every word
// once. b.cacheMu is locked.
func (b *Builder) intern(e word) int32 {
	if e.stop {
		return -1
	}
	n, ok := b.stemIDs[e.stem]
	if !ok {
		n = int32(len(b.stems))
		b.stemIDs[e.stem] = n
		b.stems = append(b.stems, e.stem)
	}
	if !slices.Contains(b.vocab[e.fold], n) {
		b.vocab[e.fold] = append(b.vocab[e.fold], n)
	}
	return n
}

// cut is text up to about n characters, ended at a word.
func cut(text string, n int) string {
	end, count := len(text), 0
	for i := range text {
		if count == n {
			end = i
			break
		}
		count++
	}
	if end == len(text) {
		return text
	}
	if sp := strings.LastIndexByte(text[:end], ' '); sp > end/2 {
		end = sp
	}
	return strings.TrimSpace(text[:end]) + " …"
}

// Files writes the index in layout l: each file's name (see Names) and
// gzip-compressed JSON content. The same pages give the same bytes.
func (b *Builder) Files(l Layout) (map[string][]byte, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.cacheMu.RLock()
	defer b.cacheMu.RUnlock()
	for _, p := range b.post {
		slices.Sort(p)
	}
	post := func(s string) []uint32 {
		if n := int(b.stemIDs[s]); n < len(b.post) {
			return b.post[n]
		}
		return nil
	}
	out := map[string][]byte{}
	put := func(name string, v any) error {
		data, err := json.Marshal(v)
		out[name] = data
		return err
	}
	// Words: sorted, cut into Shards ranges of about equal size.
	words := make([]string, 0, len(b.vocab))
	vocab := make(map[string][]string, len(b.vocab))
	for w, ns := range b.vocab {
		words = append(words, w)
		l := make([]string, len(ns))
		for i, n := range ns {
			l[i] = b.stems[n]
		}
		sort.Strings(l) // the order of Add is not that of the pages
		vocab[w] = l
	}
	sort.Strings(words)
	weight := make([]int, len(words))
	total := 0
	for i, w := range words {
		weight[i] = len(w) + 4
		for _, s := range vocab[w] {
			weight[i] += 2*len(post(s)) + 4
		}
		total += weight[i]
	}
	starts := []string{}
	bounds := []int{0}
	acc := 0
	for i := range words {
		if len(bounds) < l.Shards && acc >= total*len(bounds)/l.Shards && i > bounds[len(bounds)-1] {
			bounds = append(bounds, i)
			starts = append(starts, words[i])
		}
		acc += weight[i]
	}
	for len(bounds) < l.Shards {
		bounds = append(bounds, len(words))
	}
	bounds = append(bounds, len(words))
	for i := 0; i < l.Shards; i++ {
		type shard struct {
			W map[string]any `json:"w"` // folded word -> index of its stem in P, or a list of them
			P [][]uint32     `json:"p"` // postings: delta of id<<1|title
		}
		sh := shard{W: map[string]any{}, P: [][]uint32{}}
		at := map[string]int{}
		for _, w := range words[bounds[i]:bounds[i+1]] {
			var idx []int
			for _, s := range vocab[w] {
				k, ok := at[s]
				if !ok {
					k = len(sh.P)
					at[s] = k
					sh.P = append(sh.P, deltas(post(s)))
				}
				idx = append(idx, k)
			}
			sort.Ints(idx)
			if len(idx) == 1 {
				sh.W[w] = idx[0]
			} else {
				sh.W[w] = idx
			}
		}
		if err := put(shardName(i), sh); err != nil {
			return nil, err
		}
	}
	// Result data.
	for c := 0; c < l.Chunks; c++ {
		var rows [][]any
		for id := c * l.ChunkSize; id < min((c+1)*l.ChunkSize, len(b.docs)); id++ {
			d := b.docs[id]
			rows = append(rows, []any{d.url, d.title, d.iso, d.day, d.section, nonNil(d.orgs), nonNil(d.topics), d.snippet})
		}
		if rows == nil {
			rows = [][]any{}
		}
		if err := put(chunkName(c), rows); err != nil {
			return nil, err
		}
	}
	// Facets: the ids of each filter value, as deltas.
	facet := func(ids []string, has func(d *docMeta, i int) bool) map[string][]uint32 {
		m := map[string][]uint32{}
		for i, v := range ids {
			var l []uint32
			for id := range b.docs {
				if has(&b.docs[id], i) {
					l = append(l, uint32(id))
				}
			}
			if l != nil {
				m[v] = deltas(l)
			}
		}
		return m
	}
	var years []string
	seen := map[int]bool{}
	for _, d := range b.docs {
		if d.set && !seen[d.year] {
			seen[d.year] = true
			years = append(years, strconv.Itoa(d.year))
		}
	}
	facets := map[string]map[string][]uint32{
		"section": facet(b.labels.SectionIDs, func(d *docMeta, i int) bool { return d.set && d.section == i }),
		"org":     facet(b.labels.OrgIDs, func(d *docMeta, i int) bool { return d.set && hasInt(d.orgs, i) }),
		"topic":   facet(b.labels.TopicIDs, func(d *docMeta, i int) bool { return d.set && hasInt(d.topics, i) }),
		"year":    facet(years, func(d *docMeta, i int) bool { return d.set && strconv.Itoa(d.year) == years[i] }),
	}
	if err := put(FacetsFile, facets); err != nil {
		return nil, err
	}
	if err := compress(out); err != nil {
		return nil, err
	}
	// The version of the index, which the searcher asks the other files
	// with: a browser's cached copy of an older one is not taken.
	h := fnv.New64a()
	for _, name := range l.Names()[1:] {
		h.Write(out[name])
	}
	meta := map[string]any{
		"v":      fmt.Sprintf("%016x", h.Sum64()),
		"lang":   b.lang,
		"n":      len(b.docs),
		"cs":     l.ChunkSize,
		"shards": starts,
		"stop":   b.stemmer.StopWords(),
		"s":      nonNilS(b.labels.Sections),
		"o":      nonNilS(b.labels.Orgs),
		"t":      nonNilS(b.labels.Topics),
	}
	if err := put(MetaFile, meta); err != nil {
		return nil, err
	}
	return out, compress(map[string][]byte{MetaFile: out[MetaFile]}, out)
}

// compress gzips the files on all cores, into to (default: files).
func compress(files map[string][]byte, to ...map[string][]byte) error {
	dst := files
	if len(to) > 0 {
		dst = to[0]
	}
	names := make(chan string)
	var mu sync.Mutex
	var wg sync.WaitGroup
	var failed error
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for name := range names {
				mu.Lock()
				data := files[name]
				mu.Unlock()
				var buf bytes.Buffer
				buf.Grow(len(data) / 3)
				zw, _ := gzip.NewWriterLevel(&buf, 4) // 5 % bigger than 6, faster
				zw.Write(data)
				err := zw.Close()
				mu.Lock()
				dst[name] = buf.Bytes()
				if err != nil && failed == nil {
					failed = err
				}
				mu.Unlock()
			}
		}()
	}
	var all []string
	for name := range files {
		all = append(all, name)
	}
	for _, name := range all {
		names <- name
	}
	close(names)
	wg.Wait()
	return failed
}

// deltas writes sorted numbers as differences to the one before.
func deltas(l []uint32) []uint32 {
	out := make([]uint32, len(l))
	prev := uint32(0)
	for i, v := range l {
		out[i] = v - prev
		prev = v
	}
	return out
}

func hasInt(l []int, i int) bool {
	for _, x := range l {
		if x == i {
			return true
		}
	}
	return false
}

func nonNil(l []int) []int {
	if l == nil {
		return []int{}
	}
	return l
}

func nonNilS(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

func sortStrings(l []string) { sort.Strings(l) }
