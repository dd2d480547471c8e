package content

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"pressroom/internal/config"
)

// fuzzSiteTOML declares an organisation and contacts so that fuzzed
// frontmatter reaches the checks of ids too.
const fuzzSiteTOML = `
title = "Fuzz"
baseURL = "https://presse.example.org/"

[[organizations]]
id = "verband"
name = "Verband"
contacts = ["presse"]

[[contacts]]
id = "presse"
name = "Erika"

[sections.pressemitteilungen]
kind = "release"
`

// fuzzPNG is a 1×1 PNG, so that image: reaches the size check.
var fuzzPNG = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89" +
	"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")

// FuzzFrontmatter splits, decodes and validates arbitrary files: it must
// never panic, and every diagnostic must point at a line of the file (or
// the one after its end).
func FuzzFrontmatter(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: Titel\ndate: 2021-10-05 10:00\ntags: [SGB II, Jobcenter]\nplace: Köln\n---\n\nErster Absatz.\n",
		"---\ntitle: \"Tag der Jobcenter\ndate: 2021-10-05\n---\n\nText.\n",
		"---\ntitle: 'It''s\ndate: 2021-10-05\n---\n",
		"---\ntitle: Jobcenter: Bilanz\n---\n",
		"---\ntitle: Tab\ndate: 2021-10-05\ntags:\n\t- SGB II\n---\n\nText.\n",
		"---\ntitle: X\ndate: 2021-10-05\norganizations: [verband, nope]\ncontacts:\n  - presse\n  - niemand\n---\n",
		"---\ntitle: X\ndate: 2021-10-05\nattachments:\n  - file: mappe.pdf\n    title: Mappe\n  - fehlt.pdf\n  - {file: ../x.pdf}\n  - file: 'C:\\x'\nimage: foto.png\nimage_alt: Foto\n---\n",
		"---\ntitle: X\ndate: 2021-10-05\naliases: [/alt/, alt2]\nurl: /a/b.html\nslug: Größe & Maß\nlayout: ../x\n---\n",
		"---\ntitle: [a, b]\ndate: 32.13.2021\nembargo: 5.10.2021 10:00\ndraft: vielleicht\nupdated: 2021\n---\n",
		"---\ntitel: Tippfehler\ndatum: 2021-10-05\n---\n",
		"---\n- a\n- b\n---\n",
		"---\nanchor: &a [x]\ntags: *a\ntitle: x\n---\n",
		"---\ntitle: Eins\ntitle: Zwei\n---\n",
		"---\n---\n",
		"---\ntitle: Offen\n\nText.\n",
		"\n\n---\ntitle: Leer davor\ndate: 2021-10-05\n---\nText\n",
		"+++\ntitle = \"TOML\"\ndate = 2021-10-05T10:00:00\ntags = [\"a\",\nplace = \"K\"\n+++\n",
		"+++\ntitle = \"TOML\"\ndate = 2021-10-05\n\n[[attachments]]\nfile = \"mappe.pdf\"\n+++\n\nText.\n",
		"+++\ntitle = x\n+++\n",
		"+++\ntitle = \"offen\n+++\n",
		"{\n  \"title\": \"JSON\",\n  \"date\": \"2021-10-05\"\n  \"place\": \"Köln\"\n}\n\nText.\n",
		"{\n  \"title\": \"JSON\",\n  \"tags\": [\"a\", {\"b\": 1}],\n}\n\nText.\n",
		"{\n  \"title\": \"JSON\"\n}\nText gleich danach.\n",
		"\xef\xbb\xbf---\r\ntitle: BOM\r\ndate: 2021-10-05\r\n---\r\n\r\nText.\r\n",
		"---\ntitle: K\xf6ln\n---\n",
		"Nur Text.\n",
		"",
		"\n \t\n",
		"---\ntitle: |\n  mehrzeilig\n  title: keine Taste\ndate: 2021-10-05\n---\n\n---\n\nText.\n",
		"---\ntitle: !!binary aGFsbG8=\ndate: !!timestamp 2021-10-05\nx: !foo bar\n---\n",
		"---\n? [a, b]\n: c\n---\n",
		// An alias inside its own anchor once overflowed the stack; nine
		// levels of nine aliases stand for 387 million values.
		"---\ntitle: x\na: &a [*a]\n---\n",
		"---\ntitle: x\na: &a {b: [c, *a]}\n---\n",
		"---\ntitle: &t Titel\nsummary: *t\ntags: &l [a, b]\naliases: *l\n---\n",
		"---\ntitle: x\n" + aliasBomb(9) + "---\n",
		"---\ntitle: x\nx: !!int abc\ndraft: !!bool 1\n---\n",
		"---\ntitle: " + strings.Repeat("[", 50) + "\n---\n",
	} {
		f.Add([]byte(s), uint8(0))
	}
	// Frontmatter alone, put between the fences of its format by wrap, so
	// that most fuzzed inputs reach the decoders.
	for _, s := range []struct {
		wrap uint8
		text string
	}{
		{1, "title: Titel\ndate: 2021-10-05\ntags: SGB II, Fachkräfte\nattachments:\n  - file: mappe.pdf\n"},
		{1, "title: \"offen\ndate: 2021-10-05\n"},
		{1, "contacts:\n  - presse\n  - \"niemand\"\norganizations: verband\n"},
		{1, "embargo: 2021-10-05T10:00:00+02:00\nupdated: 2021-10-06\ncorrection: x\nembargo_preview: true\n"},
		{2, "title = \"T\"\ndate = 2021-10-05T10:00:00\ntags = [\"a\", \"b\"]\n[[attachments]]\nfile = \"mappe.pdf\"\n"},
		{2, "title = \"T\"\ndate = 1979-05-27T00:32:00-07:00\nimage = \"foto.png\"\n"},
		{3, "\"title\": \"J\", \"date\": \"2021-10-05\", \"aliases\": [\"/alt/\"]"},
		{3, "\"title\": \"J\",\n\"attachments\": [{\"file\": \"mappe.pdf\", \"title\": \"M\", \"x\": 1}]"},
	} {
		f.Add([]byte(s.text), s.wrap)
	}
	cfg, diags := config.Load(fstest.MapFS{config.File: {Data: []byte(fuzzSiteTOML)}})
	if cfg == nil || diags.HasErrors() {
		f.Fatalf("configuration: %v", diags.Err())
	}
	const dir = "content/pressemitteilungen/2021-10-05-mappe"
	const name = dir + "/index.md"
	f.Fuzz(func(t *testing.T, src []byte, wrap uint8) {
		switch wrap % 4 {
		case 1:
			src = append(append([]byte("---\n"), src...), "\n---\n\nText.\n"...)
		case 2:
			src = append(append([]byte("+++\n"), src...), "\n+++\n\nText.\n"...)
		case 3:
			src = append(append([]byte("{\n"), src...), "\n}\n\nText.\n"...)
		}
		fsys := fstest.MapFS{
			name:                {Data: src},
			dir + "/mappe.pdf":  {Data: []byte("%PDF-1.4")},
			dir + "/foto.png":   {Data: fuzzPNG},
			"content/x.pdf":     {Data: []byte("x")},
			"content/index.md":  {Data: []byte("---\ntitle: Start\n---\n")},
			"content/_drafts/a": {Data: []byte("a")},
		}
		page, diags := LoadFile(fsys, cfg, name)
		// Lines of the file, counting a last one without newline; a lone
		// \r ends a line too.
		last := bytes.Count(bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n")), []byte("\n")) + bytes.Count(src, []byte("\r")) -
			bytes.Count(src, []byte("\r\n")) + 1
		for _, d := range diags {
			if d.Path != name {
				t.Errorf("diagnostic for another file: %s", d)
			}
			if d.Line < 1 || d.Line > last+1 || d.Col < 0 {
				t.Errorf("diagnostic outside the file of %d lines: %s", last, d)
			}
			if d.Msg == "" {
				t.Errorf("diagnostic without a message at line %d", d.Line)
			}
		}
		if page == nil {
			if !diags.HasErrors() {
				t.Errorf("no page and no error")
			}
			return
		}
		if page.BodyLine < 1 || page.BodyLine > last+1 {
			t.Errorf("body line %d outside the file of %d lines", page.BodyLine, last)
		}
		for k, l := range page.KeyLines {
			if l < 1 || l > last {
				t.Errorf("key %q at line %d outside the file of %d lines", k, l, last)
			}
		}
		if page.front != nil {
			t.Errorf("the page keeps its frontmatter text after loading")
		}
	})
}

// FuzzParseDate parses arbitrary dates: it must never panic, and a date it
// reads must read back as the same instant from its RFC 3339 form.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{
		"2021-10-05", "2021-10-05 10:00", "2021-10-05T10:00", "2021-10-05 10:00:30", "2021-10-05T10:00:30",
		"2021-10-05T10:00:00+02:00", "2021-10-05T10:00:00Z", "2021-10-05T10:00:00.123456789-07:30",
		" 2021-10-05 ", "2021-03-28 02:30", "2021-10-31 02:30", "0000-01-01", "9999-12-31T23:59:59+23:59",
		"32.13.2021", "5.10.2021", "05.10.2021 10:00", "5.10.2021, 10:00 Uhr", "29.02.2021", "29.02.2024 24:00",
		"nächsten Dienstag", "", "2021-13-01", "2021-02-30", "2021-10-05T25:00:00Z", "2021-10-05T10:00:60Z",
		"2021-10-05T10:00:00+24:00", "2021-10-05t10:00:00z", "2021-10-05T10:00:00-00:00",
	} {
		f.Add(s)
	}
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, loc := range []*time.Location{time.UTC, berlin} {
			if iso := germanDate(s, loc); iso != "" {
				if _, err := ParseDate(iso, loc); err != nil {
					t.Errorf("germanDate(%q) suggests %q, which ParseDate refuses: %v", s, iso, err)
				}
			}
			d, err := ParseDate(s, loc)
			if err != nil {
				if !d.IsZero() {
					t.Errorf("ParseDate(%q) failed but returned %v", s, d)
				}
				if !strings.Contains(err.Error(), "as a date") {
					t.Errorf("ParseDate(%q) error %q does not say what is wrong", s, err)
				}
				continue
			}
			out := d.Format(time.RFC3339Nano)
			again, err := ParseDate(out, loc)
			if err != nil {
				t.Errorf("ParseDate(%q) = %s, which does not parse again: %v", s, out, err)
				continue
			}
			// RFC 3339 has no seconds in offsets: the local mean time of
			// old dates (Berlin before 1893: +00:53:28) cannot come back
			// as the same instant, only as the same text.
			_, offset := d.Zone()
			if offset%60 == 0 && !again.Equal(d) || again.Format(time.RFC3339Nano) != out {
				t.Errorf("ParseDate(%q) = %s, read back as %s", s, out, again.Format(time.RFC3339Nano))
			}
		}
	})
}

// aliasBomb returns YAML keys of which the last stands for 9^levels values.
func aliasBomb(levels int) string {
	s := "l0: &l0 [x, x, x, x, x, x, x, x, x]\n"
	for i := 1; i < levels; i++ {
		s += fmt.Sprintf("l%d: &l%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*l%d, ", i-1), 9), ", "))
	}
	return s
}
