package build

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

// wellFormedXML tells whether doc is well-formed XML for encoding/xml.
func wellFormedXML(doc string) error {
	d := xml.NewDecoder(strings.NewReader(doc))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// strictlyClean reports the first byte of a control character other than
// tab, line feed and carriage return in any output file.
func (b *built) strictlyClean() {
	b.t.Helper()
	for _, name := range b.mem.Names() {
		data, _ := b.mem.Get(name)
		if i := bytes.IndexFunc(data, func(r rune) bool {
			return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xfffe || r == 0xffff
		}); i >= 0 {
			b.t.Errorf("%s has a control character at %d: %q", name, i, data[max(0, i-20):min(len(data), i+20)])
		}
	}
}

// TestControlCharactersAreRemoved: text pasted from Word brings vertical
// tabs and form feeds, in the file itself or as escapes in quoted YAML
// and JSON strings; every feed still parses, no output holds them, and a
// warning names the file and line of each.
func TestControlCharactersAreRemoved(t *testing.T) {
	s := testSite{
		"site.toml": siteTOML,
		"content/pressemitteilungen/2025-03-01-word.md": "---\ntitle: \"Zahlen\vund\fFakten\"\ndate: 2025-03-01 10:00\n" +
			"summary: Kurz\vgefasst\x01.\ntags: [Arbeit\f Markt]\nplace: Köln\x00\n---\n\nErster\vAbsatz\f mit \x1bSteuerzeichen &#11; und &#xC;.\n\nZweiter\x7f Absatz.\n",
		"content/pressemitteilungen/2025-03-02-escape.md": "---\ntitle: \"Escape\\v im Titel\"\ndate: 2025-03-02 10:00\n" +
			"summary: \"Kurz\\fgefasst\"\n---\n\nText.\n",
		"content/positionspapiere/json.md": "{\n  \"title\": \"JSON\\u000bTitel\",\n  \"date\": \"2025-03-03\"\n}\n\nText\u0085 mit \uFFFF.\n",
	}
	b := buildSite(t, s, Options{})
	for _, name := range b.mem.Names() {
		if strings.HasSuffix(name, ".xml") {
			if err := wellFormedXML(b.file(name)); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
		if strings.HasSuffix(name, ".json") {
			var v any
			if err := json.Unmarshal([]byte(b.file(name)), &v); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
	}
	b.strictlyClean()
	b.contains("pressemitteilungen/2025/word/index.html", "Zahlen und Fakten", "Erster Absatz  mit Steuerzeichen")
	b.contains("feed.xml", "<title>Zahlen und Fakten</title>", "Kurz gefasst.")
	b.contains("pressemitteilungen/2025/escape/index.html", "Escape  im Titel")
	b.contains("positionspapiere/json/index.html", "JSON Titel")
	var got []string
	for _, w := range b.res.Warnings {
		if strings.Contains(w.Msg, "U+") {
			got = append(got, w.String())
		}
	}
	want := []string{
		"content/positionspapiere/json.md:2: warning: control character U+000B (vertical tab) removed",
		"content/positionspapiere/json.md:6: warning: control characters U+0085, U+FFFF (noncharacter) removed",
		"content/pressemitteilungen/2025-03-01-word.md:2: warning: control characters U+000B (vertical tab), U+000C (form feed) removed",
		"content/pressemitteilungen/2025-03-01-word.md:4: warning: control characters U+000B (vertical tab), U+0001 removed",
		"content/pressemitteilungen/2025-03-01-word.md:5: warning: control character U+000C (form feed) removed",
		"content/pressemitteilungen/2025-03-01-word.md:6: warning: control character U+0000 (NUL) removed",
		"content/pressemitteilungen/2025-03-01-word.md:9: warning: control characters U+000B (vertical tab), U+000C (form feed), U+001B (escape) removed",
		"content/pressemitteilungen/2025-03-01-word.md:11: warning: control character U+007F (delete) removed",
		"content/pressemitteilungen/2025-03-02-escape.md:2: warning: control character U+000B (vertical tab) removed",
		"content/pressemitteilungen/2025-03-02-escape.md:4: warning: control character U+000C (form feed) removed",
	}
	if len(got) != len(want) {
		t.Fatalf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("warning %d:\n%s\nwant:\n%s", i, got[i], want[i])
		}
	}
}
