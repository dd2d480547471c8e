package build

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"math/rand"
	"os"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"pressroom/internal/publish"
)

// TestIncrementalEqualsFull makes random edits to a site, rebuilds after
// each with Update and checks that the output is byte for byte that of a
// fresh full build.
func TestIncrementalEqualsFull(t *testing.T) {
	for _, own := range []bool{false, true} {
		t.Run(fmt.Sprintf("own-templates=%v", own), func(t *testing.T) { incrementalEqualsFull(t, own) })
	}
}

// incrementalEqualsFull runs the random edits, with the default theme or
// with templates of the site's own that show what the default ones do not
// (see ownTemplates).
func incrementalEqualsFull(t *testing.T, own bool) {
	rng := rand.New(rand.NewSource(7))
	fsys := testSite{"site.toml": siteTOML + "\n[feeds]\nitems = 4\n"}.fs()
	if own {
		for name, text := range ownTemplates {
			fsys[name] = &fstest.MapFile{Data: []byte(text)}
		}
	}
	const bundle = "content/pressemitteilungen/2022-05-01-mappe/"
	fsys[bundle+"index.md"] = &fstest.MapFile{Data: []byte(release("Pressemappe", "2022-05-01 10:00",
		"attachments: [{file: mappe.pdf, title: Pressemappe}]", "image: bild.png", "image_alt: Ein Bild") + "\nMit Mappe.\n")}
	fsys[bundle+"mappe.pdf"] = &fstest.MapFile{Data: []byte("%PDF-1.4 eins")}
	fsys[bundle+"bild.png"] = &fstest.MapFile{Data: greyPNG(3, 2)}
	fsys["content/impressum.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Impressum\n---\nAngaben.\n")}
	tags := []string{"SGB II", "Jobcenter", "Fachkräfte", "Digitalisierung"}
	orgs := []string{"netz", "buendnis"}
	write := func(name, text string) { fsys[name] = &fstest.MapFile{Data: []byte(text)} }
	var names []string
	held := map[string]bool{} // drafts, and releases out only as time goes on: no link goes to them
	// newRelease is the text of a new release for the file name.
	newRelease := func(i int, name string) string {
		date := time.Date(2019+rng.Intn(5), time.Month(1+rng.Intn(12)), 1+rng.Intn(28), 8+rng.Intn(10), 0, 0, 0, time.UTC)
		extra := []string{
			fmt.Sprintf("tags: [%q, %q]", tags[rng.Intn(len(tags))], tags[rng.Intn(len(tags))]),
			fmt.Sprintf("organizations: [%s]", orgs[rng.Intn(len(orgs))]),
			"place: Köln",
		}
		held[name] = rng.Intn(4) == 0
		if held[name] {
			extra = append(extra, "draft: true")
		}
		if rng.Intn(5) == 0 {
			extra = append(extra, fmt.Sprintf("aliases: [\"/alt/%d.html\"]", i))
		}
		if rng.Intn(6) == 0 { // see case 8
			held[name] = true
			extra = append(extra, fmt.Sprintf("embargo: 2026-01-%02d 10:00", 2+rng.Intn(9)))
		}
		body := ""
		if len(names) > 0 && rng.Intn(3) == 0 {
			if other := names[rng.Intn(len(names))]; !held[other] {
				body = fmt.Sprintf("\nSiehe [die andere Meldung](%s).\n", strings.TrimPrefix(other, "content/pressemitteilungen/"))
			}
		}
		return release(fmt.Sprintf("Meldung %d-%d", i, rng.Intn(1000)), date.Format("2006-01-02 15:04"), extra...) + body
	}
	for i := 0; i < 25; i++ {
		name := fmt.Sprintf("content/pressemitteilungen/m%02d.md", i)
		write(name, newRelease(i, name))
		names = append(names, name)
	}
	write("content/positionspapiere/p1.md", release("Papier", "2020-05-05", "tags: [SGB II]")+"\n## Teil\n\nText[^1]\n\n[^1]: Fußnote.\n")
	opts := Options{Site: fsys, Theme: os.DirFS(repoRoot), Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}

	served := publish.NewMemory()
	b := NewPreview(opts)
	batch := served.Begin()
	if _, err := b.Full(context.Background(), batch); err != nil {
		t.Fatal(err)
	}
	batch.Commit()

	for step := 0; step < 80; step++ {
		var changed []string
		what := rng.Intn(13)
		name := names[rng.Intn(len(names))]
		switch what {
		case 0, 1: // rewrite a release entirely: new title, date, tags, status
			write(name, newRelease(step+100, name))
			changed = append(changed, name)
		case 2: // edit only the body
			old := string(fsys[name].Data)
			write(name, old+"\nNoch ein Absatz "+fmt.Sprint(step)+".\n")
			changed = append(changed, name)
		case 3: // add a release
			name = fmt.Sprintf("content/pressemitteilungen/neu%02d.md", step)
			write(name, newRelease(step+200, name))
			names = append(names, name)
			changed = append(changed, name)
		case 4: // delete a release
			delete(fsys, name)
			changed = append(changed, name)
			for i, n := range names {
				if n == name {
					names = append(names[:i], names[i+1:]...)
					break
				}
			}
			if len(names) == 0 {
				write(name, newRelease(step, name))
				names = append(names, name)
			}
		case 5: // break a file, which must fail, then repair it
			old := fsys[name].Data
			write(name, "---\ntitle: [kaputt\n---\n")
			batch := served.Begin()
			if _, err := b.Update(context.Background(), []string{name}, batch); err == nil {
				t.Fatalf("step %d: broken frontmatter built", step)
			}
			fsys[name] = &fstest.MapFile{Data: old}
			changed = append(changed, name)
		case 7: // an asset comes or goes: a full build, which must drop what is gone
			if _, ok := fsys["assets/extra.txt"]; ok {
				delete(fsys, "assets/extra.txt")
			} else {
				write("assets/extra.txt", "x")
			}
			changed = append(changed, "assets/extra.txt", name)
			write(name, newRelease(step+500, name))
		case 8: // a day passes, maybe past an embargo, and a body changes
			opts.Now = opts.Now.Add(24 * time.Hour)
			b.SetNow(opts.Now)
			write(name, string(fsys[name].Data)+"\nAm nächsten Tag.\n")
			changed = append(changed, name)
		case 9: // the attachment rewritten: same size, other bytes, same time
			f := fsys[bundle+"mappe.pdf"]
			f.Data = []byte(fmt.Sprintf("%%PDF-1.4 %04d", step))
			changed = append(changed, bundle+"mappe.pdf")
		case 10: // the attachment gets another size, the image other pixel sizes
			fsys[bundle+"mappe.pdf"] = &fstest.MapFile{Data: []byte(strings.Repeat("%PDF-1.4 ", 1+rng.Intn(50)))}
			fsys[bundle+"bild.png"] = &fstest.MapFile{Data: greyPNG(1+rng.Intn(9), 1+rng.Intn(9))}
			changed = append(changed, bundle+"mappe.pdf", bundle+"bild.png")
		case 11: // a bundle file comes or goes
			extra := bundle + "daten.csv"
			if _, ok := fsys[extra]; ok {
				delete(fsys, extra)
			} else {
				write(extra, "a;b\n")
			}
			changed = append(changed, extra)
		case 12: // edit only the body's first paragraph, the lead of lists and feeds
			old := string(fsys[name].Data)
			i := strings.Index(old[3:], "\n---\n") + 3
			write(name, old[:i]+fmt.Sprintf("\n---\nEin neuer Anfang %d.\n\n", step)+old[i+5:])
			changed = append(changed, name)
		case 6: // two files at once
			other := names[rng.Intn(len(names))]
			write(name, newRelease(step+300, name))
			write(other, newRelease(step+400, other))
			changed = append(changed, name, other)
		}
		batch := served.Begin()
		res, err := b.Update(context.Background(), changed, batch)
		if err != nil {
			// A random edit may make a duplicate URL or a link to a deleted
			// page: the full build must fail alike.
			if _, ferr := tryBuildFS(fsys, opts); ferr == nil {
				t.Fatalf("step %d: update failed but a full build succeeds: %v", step, err)
			}
			continue
		}
		batch.Commit()
		full, err := tryBuildFS(fsys, opts)
		if err != nil {
			t.Fatalf("step %d: update succeeded but a full build fails: %v", step, err)
		}
		if diff := compareMemory(full, served); diff != "" {
			t.Fatalf("step %d (edit %d of %v, rendered %d): incremental differs from full:\n%s", step, what, changed, res.Stats.Rendered, diff)
		}
	}
}

func tryBuildFS(fsys fstest.MapFS, opts Options) (*publish.Memory, error) {
	opts.Site = fsys
	mem := publish.NewMemory()
	_, err := Build(context.Background(), opts, mem)
	return mem, err
}

func compareMemory(want, got *publish.Memory) string {
	var out []string
	wn, gn := want.Names(), got.Names()
	set := map[string]bool{}
	for _, n := range wn {
		set[n] = true
	}
	for _, n := range gn {
		if !set[n] {
			out = append(out, "extra file "+n)
		}
	}
	for _, n := range wn {
		w, _ := want.Get(n)
		g, ok := got.Get(n)
		switch {
		case !ok:
			out = append(out, "missing file "+n)
		case string(w) != string(g):
			out = append(out, n+" differs: "+firstDiff(string(w), string(g)))
		}
	}
	sort.Strings(out)
	if len(out) > 10 {
		out = append(out[:10], fmt.Sprintf("… and %d more", len(out)-10))
	}
	return strings.Join(out, "\n")
}

// greyPNG is a grey PNG of w×h pixels.
func greyPNG(w, h int) []byte {
	var b bytes.Buffer
	png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h)))
	return b.Bytes()
}
