package skeleton_test

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/BurntSushi/toml"

	"pressroom/internal/config"
	"pressroom/internal/content"
	"pressroom/internal/skeleton"
)

// now is 2026-03-12 09:30 in Berlin.
var now = time.Date(2026, 3, 12, 8, 30, 59, 0, time.UTC)

func TestSiteLoadsWithoutProblems(t *testing.T) {
	for _, c := range []struct{ lang, release, legal string }{
		{"de", "content/pressemitteilungen/2026-03-12-presseportal-gestartet.md", "Platzhalter: bitte ergänzen"},
		{"en", "content/press-releases/2026-03-12-press-room-launched.md", "Placeholder: please complete (Platzhalter: bitte ergänzen)"},
	} {
		files, err := skeleton.Site(c.lang, now)
		if err != nil {
			t.Fatal(err)
		}
		fsys := fstest.MapFS{}
		var names []string
		for _, f := range files {
			fsys[f.Path] = &fstest.MapFile{Data: f.Data}
			names = append(names, f.Path)
		}
		if names[0] != "site.toml" || names[len(names)-1] != ".gitignore" {
			t.Errorf("%s: order %v", c.lang, names)
		}
		cfg, diags := config.Load(fsys)
		if len(diags) > 0 {
			t.Fatalf("%s: site.toml: %v", c.lang, diags)
		}
		if cfg.Language != c.lang || cfg.Timezone != skeleton.Timezone || len(cfg.Organizations) != 1 || len(cfg.Contacts) != 1 {
			t.Errorf("%s: config %+v", c.lang, cfg)
		}
		if !strings.HasSuffix(cfg.Contacts[0].Email, "@example.org") || !strings.Contains(cfg.Copyright, "2026") {
			t.Errorf("%s: contact %+v, copyright %q", c.lang, cfg.Contacts[0], cfg.Copyright)
		}
		pages, diags := content.Load(fsys, cfg, nil)
		if len(diags) > 0 {
			t.Fatalf("%s: content: %v", c.lang, diags)
		}
		var release *content.Page
		legal := 0
		for _, p := range pages {
			if p.Path == c.release {
				release = p
			}
			if p.Section == "" && strings.Contains(string(p.Body), c.legal) {
				legal++
			}
		}
		if release == nil {
			t.Fatalf("%s: no first release %s in %v", c.lang, c.release, names)
		}
		if want := time.Date(2026, 3, 12, 9, 30, 0, 0, cfg.Location); !release.Date.Equal(want) {
			t.Errorf("%s: first release dated %v, want %v (now in the site's timezone, to the minute)", c.lang, release.Date, want)
		}
		if legal != 3 {
			t.Errorf("%s: %d legal pages marked %q, want 3 (Impressum, Datenschutz, Barrierefreiheit)", c.lang, legal, c.legal)
		}
		ignore := string(fsys[".gitignore"].Data)
		if !strings.Contains(ignore, "/public/") || !strings.Contains(ignore, "/.pressroom-cache/") {
			t.Errorf("%s: .gitignore:\n%s", c.lang, ignore)
		}
	}
}

// TestSiteTomlSetsEveryKey keeps the explained site.toml complete: every
// key that config.Site reads is set (or, for [strings] and [theme], shown) in it.
func TestSiteTomlSetsEveryKey(t *testing.T) {
	for _, lang := range skeleton.Languages {
		files, err := skeleton.Site(lang, now)
		if err != nil {
			t.Fatal(err)
		}
		src := string(files[0].Data)
		var v map[string]any
		md, err := toml.Decode(src, &v)
		if err != nil {
			t.Fatal(err)
		}
		set := map[string]bool{}
		for _, k := range md.Keys() {
			if len(k) >= 2 && k[0] == "sections" {
				k[1] = "*"
			}
			set[strings.Join(k, ".")] = true
		}
		for _, key := range tomlKeys(reflect.TypeOf(config.Site{}), "") {
			// [theme] names files the site does not have yet: its keys are shown as comments.
			if name, ok := strings.CutPrefix(key, "theme."); ok && strings.Contains(src, "\n# "+name+" = ") {
				continue
			}
			if !set[key] {
				t.Errorf("%s: site.toml does not set %s", lang, key)
			}
		}
		// Every key has a comment on its line or above it (a comment
		// may explain a group of keys); the keys of the second section
		// repeat those explained in the first.
		lines := strings.Split(src, "\n")
		explained, sections := false, 0
		for i, l := range lines {
			switch {
			case l == "":
				explained = false
			case strings.HasPrefix(l, "#"):
				explained = true
			case strings.HasPrefix(l, "[sections."):
				sections++
				explained = sections > 1
			case strings.HasPrefix(l, "["):
				explained = false
			case strings.Contains(l, " = ") && !explained && !strings.Contains(l, " # "):
				t.Errorf("%s: site.toml line %d %q is not explained by a comment", lang, i+1, l)
			}
		}
	}
}

// tomlKeys lists the keys of a config struct as dotted paths; maps of
// sections get "*" for the name.
func tomlKeys(typ reflect.Type, prefix string) []string {
	var out []string
	for i := 0; i < typ.NumField(); i++ {
		f := typ.Field(i)
		tag := f.Tag.Get("toml")
		if tag == "" || tag == "-" {
			continue
		}
		key := prefix + tag
		ft := f.Type
		if ft.Kind() == reflect.Map && ft.Elem().Kind() == reflect.Pointer {
			out = append(out, tomlKeys(ft.Elem().Elem(), key+".*.")...)
			continue
		}
		for ft.Kind() == reflect.Slice || ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if ft.Kind() == reflect.Struct {
			out = append(out, tomlKeys(ft, key+".")...)
			continue
		}
		out = append(out, key)
	}
	return out
}

func TestUnknownLanguage(t *testing.T) {
	if _, err := skeleton.Site("fr", now); err == nil || !strings.Contains(err.Error(), `"fr"`) {
		t.Errorf("fr: %v", err)
	}
}

// TestPlaceholdersMarkWhatInitWrites: every file of a new site that the
// user must complete holds a placeholder that check finds, at the line
// where it is, and comments of site.toml do not count.
func TestPlaceholdersMarkWhatInitWrites(t *testing.T) {
	for _, lang := range skeleton.Languages {
		files, err := skeleton.Site(lang, now)
		if err != nil {
			t.Fatal(err)
		}
		marked := 0
		for _, f := range files {
			line, p := skeleton.PlaceholderAt(f.Data)
			if line == 0 {
				continue
			}
			marked++
			if got := strings.Split(string(f.Data), "\n")[line-1]; !strings.Contains(got, p) || strings.HasPrefix(strings.TrimSpace(got), "#") {
				t.Errorf("%s %s: line %d is %q, not the placeholder %q", lang, f.Path, line, got, p)
			}
		}
		if marked != 5 { // site.toml, the first release, the three legal pages
			t.Errorf("%s: %d files hold a placeholder, want 4", lang, marked)
		}
	}
	for src, want := range map[string]int{
		"# Platzhalter: bitte ergänzen\nx = 1\n":                          0,
		"a\n  # Dies ist eine Beispielmeldung\n":                          0,
		"a\nb Vorname Nachname, Funktion\nPlatzhalter: bitte ergänzen.\n": 2,
		"Text.\n": 0,
	} {
		if line, _ := skeleton.PlaceholderAt([]byte(src)); line != want {
			t.Errorf("PlaceholderAt(%q) = %d, want %d", src, line, want)
		}
	}
}
