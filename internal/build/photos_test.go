package build

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"pressroom/internal/publish"
	"pressroom/internal/testtool"
)

// testJPEG is a w × h JPEG with some structure.
func testJPEG(t testing.TB, w, h int, seed uint8) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x*255/w) + seed, uint8(y * 255 / h), uint8((x ^ y) & 0xff), 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 85}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// withGPS has exiftool write a GPS position, a serial number and an IPTC
// credit into a JPEG, as a camera and a photo desk do.
func withGPS(t *testing.T, exe string, data []byte, credit string) []byte {
	t.Helper()
	name := filepath.Join(t.TempDir(), "f.jpg")
	os.WriteFile(name, data, 0o644)
	args := []string{"-q", "-overwrite_original", "-GPSLatitude=51.3397", "-GPSLatitudeRef=N", "-GPSLongitude=12.3731", "-GPSLongitudeRef=E",
		"-SerialNumber=4711-0815", "-OwnerName=Erika Mustermann", "-Make=Beispielkamera"}
	if credit != "" {
		args = append(args, "-IPTC:Credit="+credit)
	}
	if out, err := exec.Command(exe, append(args, name)...).CombinedOutput(); err != nil {
		t.Fatalf("exiftool: %v %s", err, out)
	}
	b, _ := os.ReadFile(name)
	return b
}

// exifTags reads the tags of every file with exiftool, by file.
func exifTags(t *testing.T, exe string, files map[string][]byte) map[string]map[string]any {
	t.Helper()
	dir := t.TempDir()
	var names []string
	for name, data := range files {
		p := filepath.Join(dir, strings.ReplaceAll(name, "/", "__"))
		os.WriteFile(p, data, 0o644)
		names = append(names, p)
	}
	sort.Strings(names)
	out, err := exec.Command(exe, append([]string{"-j", "-a", "-G1"}, names...)...).Output()
	if err != nil {
		t.Fatalf("exiftool -j: %v", err)
	}
	var l []map[string]any
	if err := json.Unmarshal(out, &l); err != nil {
		t.Fatal(err)
	}
	res := map[string]map[string]any{}
	for _, m := range l {
		res[strings.ReplaceAll(filepath.Base(m["SourceFile"].(string)), "__", "/")] = m
	}
	return res
}

const photoRelease = `---
title: Neues Rathaus eröffnet
date: 2026-03-02 10:00
summary: Die Stadt hat ihr neues Rathaus eröffnet.
image: aussen.jpg
image_alt: Das neue Rathaus von außen
image_credit: "Foto: Anna Berg"
images:
  - file: aussen.jpg
    alt: Das neue Rathaus von außen
    caption: Der Haupteingang am Markt
    credit: "Foto: Anna Berg"
  - file: saal.jpg
    alt: Der Ratssaal mit 60 Plätzen
    caption: Der neue Ratssaal
    license: https://example.org/bildrechte
---

Text.
`

// TestPhotos builds a release with a lead photo and a gallery whose files
// have GPS positions: no published file has one (exiftool finds none), the
// original keeps its credit and carries the frontmatter's, the variants
// have the widths the page promises, and the page, its JSON-LD and feeds
// name the credit.
func TestPhotos(t *testing.T) {
	exe := testtool.Program(t, "apt-get install libimage-exiftool-perl", "exiftool")
	aussen := withGPS(t, exe, testJPEG(t, 2000, 1250, 0), "")
	saal := withGPS(t, exe, testJPEG(t, 1100, 1000, 40), "Foto: Stadt Musterstadt")
	s := testSite{
		"site.toml": siteTOML + "\n[images]\nlicense = \"Honorarfrei bei Nennung\"\n",
		"content/pressemitteilungen/2026-03-02-rathaus/index.md":   photoRelease,
		"content/pressemitteilungen/2026-03-02-rathaus/aussen.jpg": string(aussen),
		"content/pressemitteilungen/2026-03-02-rathaus/saal.jpg":   string(saal),
		// A photo beside the page that it does not name: copied, cleaned.
		"content/pressemitteilungen/2026-03-02-rathaus/beiwerk.jpg": string(aussen),
		// A draft's photos go nowhere.
		"content/pressemitteilungen/2026-03-03-entwurf/index.md": release("Entwurf", "2026-03-03", "draft: true",
			"images: [{file: geheim.jpg, alt: Geheim, credit: \"Foto: X\"}]"),
		"content/pressemitteilungen/2026-03-03-entwurf/geheim.jpg": string(aussen),
	}
	b := buildSite(t, s, Options{})
	dir := "pressemitteilungen/2026/rathaus/"
	files := map[string][]byte{}
	for _, name := range b.mem.Names() {
		if strings.HasSuffix(name, ".jpg") || strings.HasSuffix(name, ".png") {
			data, _ := b.mem.Get(name)
			files[name] = data
		}
		if strings.Contains(name, "entwurf") || strings.Contains(name, "geheim") {
			t.Errorf("a draft's file is published: %s", name)
		}
	}
	wantWidths := map[string][]int{"rathaus-aussen": {480, 960, 1200, 1600}, "rathaus-saal": {480, 960, 1100}}
	for stem, widths := range wantWidths {
		for _, w := range widths {
			name := dir + stem + "-" + itoa(w) + ".jpg"
			data, ok := files[name]
			if !ok {
				t.Errorf("no variant %s", name)
				continue
			}
			cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
			if err != nil || cfg.Width != w {
				t.Errorf("%s: %d px wide (%v), want %d", name, cfg.Width, err, w)
			}
		}
		if _, ok := files[dir+stem+".jpg"]; !ok {
			t.Errorf("no original %s%s.jpg", dir, stem)
		}
	}
	if _, ok := files[dir+"rathaus-aussen-2000.jpg"]; ok {
		t.Error("a variant as wide as the original was made though a smaller width was enough")
	}
	if _, ok := files[dir+"aussen.jpg"]; ok {
		t.Error("the photo is also copied under its own name")
	}
	for name, data := range files {
		var err error
		if strings.HasSuffix(name, ".png") {
			_, err = png.Decode(bytes.NewReader(data))
		} else {
			_, err = jpeg.Decode(bytes.NewReader(data))
		}
		if err != nil {
			t.Errorf("%s does not decode: %v", name, err)
		}
	}
	tags := exifTags(t, exe, files)
	if len(tags) != len(files) {
		t.Fatalf("exiftool read %d of %d files", len(tags), len(files))
	}
	for name, m := range tags {
		for k, v := range m {
			lk := strings.ToLower(k)
			if strings.HasPrefix(k, "GPS") || strings.Contains(lk, "gps") || strings.Contains(lk, "serial") || strings.Contains(lk, "owner") || strings.HasSuffix(lk, ":make") {
				t.Errorf("%s: %s = %v", name, k, v)
			}
		}
	}
	if got := tags[dir+"rathaus-saal.jpg"]["IPTC:Credit"]; got != "Foto: Stadt Musterstadt" {
		t.Errorf("the original lost its credit: %v", got)
	}
	if got := tags[dir+"rathaus-aussen.jpg"]["IPTC:Credit"]; got != "Foto: Anna Berg" {
		t.Errorf("the original does not carry the frontmatter's credit: %v", got)
	}
	if got := tags[dir+"rathaus-aussen.jpg"]["XMP-xmpRights:UsageTerms"]; got != "Honorarfrei bei Nennung" {
		t.Errorf("the original does not carry the terms of use: %v", got)
	}
	if _, ok := tags[dir+"beiwerk.jpg"]; !ok {
		t.Error("the bundle's other photo is not published")
	}
	b.contains(dir+"index.html",
		`srcset="rathaus-aussen-480.jpg 480w, rathaus-aussen-960.jpg 960w, rathaus-aussen-1200.jpg 1200w, rathaus-aussen-1600.jpg 1600w"`,
		`src="rathaus-aussen-960.jpg"`, `width="960" height="600" alt="Das neue Rathaus von außen">`,
		`alt="Der Ratssaal mit 60 Plätzen" loading="lazy">`,
		`<span class="caption">Der neue Ratssaal</span> <span class="credit">Foto: Stadt Musterstadt</span>`,
		`<a class="download" href="rathaus-aussen.jpg" download="rathaus-aussen.jpg">Foto in Druckqualität, 2000 × 1250 px (JPEG, `,
		`<a class="terms" href="https://example.org/bildrechte">`, `Nutzungsbedingungen: Honorarfrei bei Nennung`,
		`<meta property="og:image" content="https://presse.example.org/pressemitteilungen/2026/rathaus/rathaus-aussen-1200.jpg">`,
		`"creditText":"Foto: Anna Berg"`, `"license":"https://example.org/bildrechte"`, `"copyrightNotice":"© Anna Berg"`)
	b.lacks(dir+"index.html", `rathaus-aussen.jpg" alt`, `loading="lazy">`+"\n    <figcaption>")
	b.contains("feed.json", `"image": "https://presse.example.org/pressemitteilungen/2026/rathaus/rathaus-aussen-1200.jpg"`, `"title": "Foto: Anna Berg"`)
	b.contains("feed.xml", `<enclosure url="https://presse.example.org/pressemitteilungen/2026/rathaus/rathaus-aussen.jpg"`)
	var gps []string
	for _, w := range b.res.Warnings {
		if strings.Contains(w.Msg, "GPS") {
			gps = append(gps, w.String())
		}
	}
	if len(gps) != 3 { // aussen.jpg, saal.jpg, beiwerk.jpg
		t.Errorf("GPS warnings:\n%s", strings.Join(gps, "\n"))
	}
}

func itoa(n int) string {
	return strings.TrimLeft(string([]byte{byte('0' + n/1000%10), byte('0' + n/100%10), byte('0' + n/10%10), byte('0' + n%10)}), "0")
}

// TestPhotoChecks: an unreadable gallery photo and one without alt text
// are errors at their frontmatter entries; one without credit and one too
// small for print are warnings.
func TestPhotoChecks(t *testing.T) {
	small := testJPEG(t, 800, 600, 1)
	s := testSite{
		"site.toml": siteTOML,
		"content/pressemitteilungen/2026-03-02-a/index.md":   "---\ntitle: A\ndate: 2026-03-02\nsummary: S.\nimages:\n  - file: klein.jpg\n    alt: Klein\n  - file: kaputt.jpg\n    alt: Kaputt\n    credit: \"Foto: K\"\n  - file: klein.jpg\n---\n\nText.\n",
		"content/pressemitteilungen/2026-03-02-a/klein.jpg":  string(small),
		"content/pressemitteilungen/2026-03-02-a/kaputt.jpg": string(small[:300]),
	}
	_, err := tryBuild(s, Options{})
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		`content/pressemitteilungen/2026-03-02-a/index.md:8: images: "kaputt.jpg" cannot be read as a photo`,
		`content/pressemitteilungen/2026-03-02-a/index.md:11: images: "klein.jpg" has no alt text`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	s["content/pressemitteilungen/2026-03-02-a/index.md"] = "---\ntitle: A\ndate: 2026-03-02\nsummary: S.\nimages:\n  - file: klein.jpg\n    alt: Klein\n---\n\nText.\n"
	b := buildSite(t, s, Options{})
	var got []string
	for _, w := range b.res.Warnings {
		got = append(got, w.String())
	}
	for _, want := range []string{
		`content/pressemitteilungen/2026-03-02-a/index.md:6: warning: images: "klein.jpg" has no credit`,
		`content/pressemitteilungen/2026-03-02-a/index.md:6: warning: images: "klein.jpg" has 800 × 600 px: zu klein für den Druck`,
	} {
		if !strings.Contains(strings.Join(got, "\n"), want) {
			t.Errorf("warnings lack %q:\n%s", want, strings.Join(got, "\n"))
		}
	}
}

// TestPhotosWarm: a build with the cache makes the same photos as one
// without, a warm build decodes none, and a photo taken out of the
// frontmatter takes its variants with it.
func TestPhotosWarm(t *testing.T) {
	dir := t.TempDir()
	root, out := filepath.Join(dir, "site"), filepath.Join(dir, "public")
	write := func(name string, data []byte) {
		p := filepath.Join(root, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("site.toml", []byte(siteTOML))
	bundle := "content/pressemitteilungen/2026-03-02-rathaus/"
	write(bundle+"index.md", []byte(photoRelease))
	write(bundle+"aussen.jpg", testJPEG(t, 1700, 1000, 0))
	var grey bytes.Buffer
	png.Encode(&grey, image.NewGray(image.Rect(0, 0, 1300, 800)))
	write(bundle+"saal.jpg", testJPEG(t, 1300, 800, 9))
	opts := Options{SiteDir: root, Theme: os.DirFS(repoRoot), Now: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)}
	cache := Cache{Dir: filepath.Join(root, CacheDir), Output: out}
	warm := func() *Builder {
		t.Helper()
		d, err := publish.NewDir(out)
		if err != nil {
			t.Fatal(err)
		}
		_, p, err := BuildCached(context.Background(), opts, cache, d)
		if err != nil {
			d.Abort()
			t.Fatal(err)
		}
		if err := d.Commit(); err != nil {
			t.Fatal(err)
		}
		if d.Changed() {
			p.Save()
		} else {
			p.Drop()
		}
		d.Wait()
		return p.b
	}
	compare := func(what string) {
		t.Helper()
		mem := publish.NewMemory()
		if _, err := Build(context.Background(), opts, mem); err != nil {
			t.Fatal(err)
		}
		for _, name := range mem.Names() {
			want, _ := mem.Get(name)
			got, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("%s: %s differs from a build without the cache (%v)", what, name, err)
			}
		}
		filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && !strings.HasPrefix(d.Name(), ".") {
				rel, _ := filepath.Rel(out, p)
				if _, ok := mem.Get(filepath.ToSlash(rel)); !ok {
					t.Errorf("%s: %s is left over", what, rel)
				}
			}
			return nil
		})
	}
	if b := warm(); b.photoProc.Decodes() != 2 {
		t.Errorf("cold build: %d decodes, want 2", b.photoProc.Decodes())
	}
	compare("cold")
	if b := warm(); b.photoProc.Decodes() != 0 {
		t.Errorf("warm build: %d decodes, want 0", b.photoProc.Decodes())
	}
	compare("warm")
	// The output folder gone: the variants come from the cache folder.
	os.RemoveAll(out)
	if b := warm(); b.photoProc.Decodes() != 0 {
		t.Errorf("build into a new folder: %d decodes, want 0", b.photoProc.Decodes())
	}
	compare("new folder")
	write(bundle+"index.md", []byte(strings.Replace(photoRelease, "  - file: saal.jpg\n    alt: Der Ratssaal mit 60 Plätzen\n    caption: Der neue Ratssaal\n    license: https://example.org/bildrechte\n", "", 1)))
	warm()
	compare("photo removed")
	if _, err := os.Stat(filepath.Join(out, "pressemitteilungen/2026/rathaus/rathaus-saal-480.jpg")); err == nil {
		t.Error("the variant of a removed photo is still published")
	}
}
