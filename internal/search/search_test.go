package search

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strings"
	"testing"
)

func TestWordsAndFold(t *testing.T) {
	got := Words("Die Straße in München: SGB-II-Reform, 2026 (Qualifizierungs\u00admaßnahmen)")
	want := []string{"die", "straße", "in", "münchen", "sgb", "ii", "reform", "2026", "qualifizierungs", "maßnahmen"}
	// U+00AD, the soft hyphen, is no letter: it splits the word.
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Words = %q, want %q", got, want)
	}
	for in, want := range map[string]string{"straße": "strasse", "strasse": "strasse", "münchen": "muenchen", "muenchen": "muenchen",
		"bündnis": "buendnis", "öffentlich": "oeffentlich", "café": "cafe", "łódź": "łodz", "ärzte": "aerzte"} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStems(t *testing.T) {
	de := NewStemmer("de")
	for _, group := range [][]string{
		{"qualifizierung", "qualifizierungen"},
		{"jobcenter", "jobcentern", "jobcenters"},
		{"haus", "häuser", "hauses"},
		{"straße", "strasse", "straßen"},
		{"leitbild", "leitbilder", "leitbildes"},
		{"beschäftigung", "beschäftigungen"},
	} {
		for _, w := range group[1:] {
			if de.Stem(w) != de.Stem(group[0]) {
				t.Errorf("German: %s stems to %q, %s to %q", w, de.Stem(w), group[0], de.Stem(group[0]))
			}
		}
	}
	en := NewStemmer("en")
	if en.Stem("centres") != en.Stem("centre") || en.Stem("training") != en.Stem("trained") {
		t.Errorf("English stems: %s %s %s %s", en.Stem("centres"), en.Stem("centre"), en.Stem("training"), en.Stem("trained"))
	}
	if !de.Stop("und") || !de.Stop("fuer") || de.Stop("jobcenter") {
		t.Errorf("German stop words")
	}
}

// index is a built index, decoded.
type index struct {
	meta   map[string]any
	shards []shard
	chunks [][][]any
	facets map[string]map[string][]uint32
	files  map[string][]byte
}

type shard struct {
	W map[string]json.RawMessage `json:"w"`
	P [][]uint32                 `json:"p"`
}

func decode(t *testing.T, files map[string][]byte, l Layout) *index {
	t.Helper()
	x := &index{files: files}
	read := func(name string, v any) {
		t.Helper()
		zr, err := gzip.NewReader(bytes.NewReader(files[name]))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		b, _ := io.ReadAll(zr)
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	if len(files) != len(l.Names()) {
		t.Errorf("%d files, the layout has %d", len(files), len(l.Names()))
	}
	read(MetaFile, &x.meta)
	read(FacetsFile, &x.facets)
	for i := 0; i < l.Shards; i++ {
		var s shard
		read(shardName(i), &s)
		x.shards = append(x.shards, s)
	}
	for i := 0; i < l.Chunks; i++ {
		var c [][]any
		read(chunkName(i), &c)
		x.chunks = append(x.chunks, c)
	}
	return x
}

// find looks a folded word up as the searcher does: in the shard whose
// range holds it. It returns the ids of its pages.
func (x *index) find(t *testing.T, w string) []int {
	t.Helper()
	var starts []string
	for _, s := range x.meta["shards"].([]any) {
		starts = append(starts, s.(string))
	}
	i := sort.Search(len(starts), func(i int) bool { return starts[i] > w })
	sh := x.shards[i]
	raw, ok := sh.W[w]
	if !ok {
		return nil
	}
	var idx []int
	if err := json.Unmarshal(raw, &idx); err != nil {
		var one int
		json.Unmarshal(raw, &one)
		idx = []int{one}
	}
	seen := map[int]bool{}
	for _, k := range idx {
		v := uint32(0)
		for _, d := range sh.P[k] {
			v += d
			seen[int(v>>1)] = true
		}
	}
	var ids []int
	for id := range seen {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	return ids
}

func TestIndex(t *testing.T) {
	labels := Labels{Sections: []string{"Pressemitteilungen"}, SectionIDs: []string{"pressemitteilungen"}, Orgs: []string{"Netzwerk"}, OrgIDs: []string{"netzwerk"}, Topics: []string{"SGB II"}, TopicIDs: []string{"sgb-ii"}}
	docs := []Doc{
		{URL: "/a/", Title: "Die Jobcenter in München", Year: 2026, Text: "Qualifizierung auf der Straße.", Orgs: []int{0}, Topics: []int{0}},
		{URL: "/b/", Title: "Ein Leitbild", Year: 2025, Text: "Die Jobcentern Muenchen Strasse und Qualifizierungen.", Orgs: []int{0}},
		{URL: "/c/", Title: "Zwiebeln", Year: 2025, Text: "Nichts davon."},
	}
	l := LayoutFor(len(docs))
	b := NewBuilder("de", len(docs), labels)
	for i, d := range docs {
		b.Add(i, d)
	}
	files, err := b.Files(l)
	if err != nil {
		t.Fatal(err)
	}
	x := decode(t, files, l)
	de := NewStemmer("de")
	for w, want := range map[string][]int{
		"jobcenter": {0, 1}, "jobcentern": {0, 1}, "muenchen": {0, 1}, "strasse": {0, 1}, "qualifizierungen": {0, 1}, "leitbild": {1}, "zwiebeln": {2},
		"zwiebel": nil, // a form no page has: the searcher finds it as a prefix
		"und":     nil, // a stop word
	} {
		if got := x.find(t, w); !reflect.DeepEqual(got, want) {
			t.Errorf("%s (stem %s): pages %v, want %v", w, de.Stem(w), got, want)
		}
	}
	if got := x.facets["year"]["2025"]; !reflect.DeepEqual(got, []uint32{1, 1}) {
		t.Errorf("facet 2025: %v", got)
	}
	if got := x.facets["topic"]["sgb-ii"]; !reflect.DeepEqual(got, []uint32{0}) {
		t.Errorf("facet sgb-ii: %v", got)
	}
	if row := x.chunks[0][1]; row[0] != "/b/" || row[1] != "Ein Leitbild" {
		t.Errorf("row 1: %v", row)
	}
	// The same pages in another order of Add give the same bytes.
	b2 := NewBuilder("de", len(docs), labels)
	for i := len(docs) - 1; i >= 0; i-- {
		b2.Add(i, docs[i])
	}
	files2, _ := b2.Files(l)
	for name := range files {
		if !bytes.Equal(files[name], files2[name]) {
			t.Errorf("%s differs when the pages are added in another order", name)
		}
	}
}

// TestShards: on many pages, every word is found in the shard its range
// names, the files stay within the bounds, and a shard is a fraction of
// the whole.
func TestShards(t *testing.T) {
	const n = 10000
	l := LayoutFor(n)
	if files := len(l.Names()); files > 200 {
		t.Errorf("%d files for %d pages, want at most 200", files, n)
	}
	b := NewBuilder("de", n, Labels{})
	words := func(i int) []string {
		return []string{fmt.Sprintf("wort%d", i%997), fmt.Sprintf("begriff%d", i%89), fmt.Sprintf("zahl%d", i)}
	}
	for i := 0; i < n; i++ {
		b.Add(i, Doc{Title: "Titel", Text: strings.Join(words(i), " ")})
	}
	files, err := b.Files(l)
	if err != nil {
		t.Fatal(err)
	}
	x := decode(t, files, l)
	for _, i := range []int{0, 1, 996, 4711, 9999} {
		for _, w := range words(i) {
			if ids := x.find(t, w); sort.SearchInts(ids, i) == len(ids) || ids[sort.SearchInts(ids, i)] != i {
				t.Errorf("%s: page %d not found (%d pages)", w, i, len(ids))
			}
		}
	}
	total, biggest := 0, 0
	for i := 0; i < l.Shards; i++ {
		s := len(files[shardName(i)])
		total += s
		biggest = max(biggest, s)
	}
	if biggest > total/4 {
		t.Errorf("the biggest shard has %d of %d bytes", biggest, total)
	}
}

func TestLayout(t *testing.T) {
	for _, n := range []int{0, 1, 50, 1000, 10000, 100000} {
		l := LayoutFor(n)
		most := 200 * max(1, n/10000)
		if l.Chunks*l.ChunkSize < n || len(l.Names()) > most || l.Shards < 1 || l.Chunks < 1 || l.ChunkSize > 100 {
			t.Errorf("%d pages: %+v, %d files", n, l, len(l.Names()))
		}
	}
}

// TestConcurrentAdd: pages added at once, in any order, from many
// goroutines, give the bytes of pages added one by one in order (the
// word cache and the stems' numbers depend on the order of Add).
func TestConcurrentAdd(t *testing.T) {
	words := strings.Fields("Häuser Haus Straße Strasse München Muenchen Qualifizierung qualifizierte Arbeitsmarkt Jobcenter Förderung fördern gefördert Landkreis Landkreise Städte Stadt und der die das")
	docs := make([]Doc, 300)
	for i := range docs {
		var text []string
		for j := 0; j < 40; j++ {
			text = append(text, words[(i*7+j*j)%len(words)])
		}
		docs[i] = Doc{URL: fmt.Sprintf("/p/%d/", i), Title: words[i%len(words)] + " " + words[(i/3)%len(words)], Summary: text[0], Text: strings.Join(text, " "), Extra: words[(i*5)%len(words)], Year: 2020 + i%5}
	}
	l := LayoutFor(len(docs))
	one := NewBuilder("de", len(docs), Labels{})
	for i, d := range docs {
		one.Add(i, d)
	}
	want, err := one.Files(l)
	if err != nil {
		t.Fatal(err)
	}
	many := NewBuilder("de", len(docs), Labels{})
	done := make(chan bool)
	for g := 0; g < 4; g++ {
		go func() {
			for i := len(docs) - 1 - g; i >= 0; i -= 4 {
				many.Add(i, docs[i])
				many.Add(i, docs[i]) // a page added twice counts once
			}
			done <- true
		}()
	}
	for g := 0; g < 4; g++ {
		<-done
	}
	got, err := many.Files(l)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range l.Names() {
		if !bytes.Equal(got[name], want[name]) {
			t.Errorf("%s differs when the pages are added concurrently", name)
		}
	}
}

// TestTitleFlag: a stem in the title and the text of a page is marked as
// in the title, once.
func TestTitleFlag(t *testing.T) {
	b := NewBuilder("de", 2, Labels{})
	b.Add(0, Doc{Title: "Häuser", Text: "Das Haus und die Häuser, das Haus."})
	b.Add(1, Doc{Title: "Straße", Text: "Haus"})
	n, ok := b.stemIDs[b.stemmer.Stem("häuser")]
	if !ok {
		t.Fatal("no stem haus")
	}
	if got, want := b.post[n], []uint32{0<<1 | 1, 1 << 1}; !reflect.DeepEqual(got, want) {
		t.Errorf("postings of haus = %v, want %v", got, want)
	}
}
