package content

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/adrg/frontmatter"
)

// adrgWhole splits src as adrg/frontmatter does when it reads the whole
// file: the format and text it gives to decode, and the rest.
func adrgWhole(src []byte) (format string, raw, rest []byte, found bool) {
	var formats []*frontmatter.Format
	for _, f := range frontmatterFences {
		fm := frontmatter.NewFormat(f.start, f.end, func(data []byte, _ any) error {
			format, raw, found = f.format, bytes.Clone(data), true
			return nil
		})
		fm.UnmarshalDelims, fm.RequiresNewLine = f.json, f.json
		formats = append(formats, fm)
	}
	rest, err := frontmatter.Parse(bytes.NewReader(src), nil, formats...)
	if err != nil {
		panic(err) // a bytes.Reader does not fail
	}
	return format, raw, rest, found
}

func TestSplitSource(t *testing.T) {
	for _, c := range []struct {
		name, src, format, raw, body string
		bodyLine, firstLine          int
	}{
		{"yaml", "---\ntitle: T\n---\n\nText.\n", "yaml", "title: T\n", "\nText.\n", 4, 1},
		{"blank lines before", "\n \n---\ntitle: T\n---\nText.\n", "yaml", "title: T\n", "Text.\n", 6, 3},
		{"spaces around the fences", "---  \ntitle: T\n  ---\nText.\n", "yaml", "title: T\n", "Text.\n", 4, 1},
		{"no newline at the end", "---\ntitle: T\n---", "yaml", "title: T\n", "", 3, 1},
		{"empty", "---\n---\nText.\n", "yaml", "", "Text.\n", 3, 1},
		{"toml", "+++\ntitle = \"T\"\n+++\nText.\n", "toml", "title = \"T\"\n", "Text.\n", 4, 1},
		{"json", "{\n  \"title\": \"T\"\n}\n\nText.\n", "json", "{\n  \"title\": \"T\"\n}\n\n", "Text.\n", 5, 1},
		// JSON ends at a line "}" followed by an empty line only.
		{"json with a } inside", "{\n\"a\": {\n}\n, \"b\": 1\n}\n\nText.\n", "json", "{\n\"a\": {\n}\n, \"b\": 1\n}\n\n", "Text.\n", 7, 1},
		{"not closed", "---\ntitle: T\n\nText.\n", "", "", "", 0, 1},
		{"none", "\nText.\n---\n", "", "", "", 0, 2},
		{"long first line", strings.Repeat("x", 10000) + "\n---\n---\n", "", "", "", 0, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := []byte(c.src)
			var decoded []byte
			sp, err := splitSource(src, func(format string, raw []byte) error {
				decoded = raw
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if sp.format != c.format || string(sp.raw) != c.raw || string(decoded) != c.raw || sp.firstLine != c.firstLine {
				t.Errorf("split = %q %q (decoded %q), first line %d; want %q %q, first line %d",
					sp.format, sp.raw, decoded, sp.firstLine, c.format, c.raw, c.firstLine)
			}
			if c.format == "" {
				if sp.bodyAt != -1 {
					t.Errorf("body at %d of a file without frontmatter", sp.bodyAt)
				}
				return
			}
			if body := src[sp.bodyAt:]; string(body) != c.body {
				t.Errorf("body %q, want %q", body, c.body)
			}
			m, diags := splitFrontmatter("x.md", src)
			if diags.HasErrors() {
				t.Fatal(diags.Err())
			}
			if m.bodyLine != c.bodyLine || string(m.body) != c.body {
				t.Errorf("body %q at line %d, want %q at line %d", m.body, m.bodyLine, c.body, c.bodyLine)
			}
			// The body is the file's tail, not a copy of it.
			if len(m.body) > 0 && &m.body[len(m.body)-1] != &src[len(src)-1] {
				t.Errorf("the body is a copy")
			}
		})
	}
}

// TestSplitReadsOnlyFrontmatter: adrg/frontmatter reads the frontmatter,
// not the body, whatever the shape of the file.
func TestSplitReadsOnlyFrontmatter(t *testing.T) {
	body := bytes.Repeat([]byte("Ein Absatz mit Text, der nicht gelesen werden muss.\n\n"), 1<<16) // 3.3 MB
	for _, head := range []string{"---\ntitle: T\n---\n", "\n---\ntitle: T\n---\n", "---\r\ntitle: T\r\n---\r\n",
		"+++\ntitle = \"T\"\n+++\n", "{\n\"title\": \"T\"\n}\n\n"} {
		src := append([]byte(head), body...)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		m, diags := splitFrontmatter("x.md", src)
		runtime.ReadMemStats(&after)
		if m == nil {
			t.Fatalf("%q: %v", head, diags.Err())
		}
		if n := after.TotalAlloc - before.TotalAlloc; n > 64<<10 {
			t.Errorf("%q: splitting allocated %d bytes for a file of %d: the body was read", head, n, len(src))
		}
	}
}

// FuzzSplitAgainstAdrg: fed line by line up to the end of the frontmatter,
// adrg/frontmatter finds what it finds when it reads the whole file: the
// same format, the same frontmatter text, the same body.
func FuzzSplitAgainstAdrg(f *testing.F) {
	// The example site's pages and the skeleton's.
	for _, dir := range []string{"../../content", "../skeleton/files"} {
		fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
			if err == nil && strings.HasSuffix(p, ".md") {
				src, err := os.ReadFile(filepath.Join(dir, p))
				if err != nil {
					f.Fatal(err)
				}
				f.Add(src)
			}
			return nil
		})
	}
	// The corpus's shapes (../shared/tools/gencorpus) and edges.
	for _, s := range []string{
		"---\ntitle: \"Fachtagung bereits Forderung: Koordiniert Quartier\"\ndate: 2025-11-30T06:39:19+01:00\nsummary: \"Auch.\"\ntags: [\"Bündnis für Arbeit\"]\norganizations: [\"dst\"]\n---\n\nVor besonders.\n\n## 1. Kompetenz\n\n| Kennzahl | 2022 |\n|---|---:|\n",
		"---\ntitle: \"T\"\ndate: 2025-11-30T06:39:19+01:00\nplace: \"Köln\"\ncontacts: [\"presse\"]\n---\n\nText.\n\n---\n\nMehr.\n",
		"\n\n---\ntitle: T\n---\n", "---\n---\n", "---\ntitle: T\n", "---", "--- \ntitle: T\n ---\n",
		"+++\ntitle = \"T\"\n+++\n", "+++\n+++", "{\n\"title\": \"T\"\n}\n\nText.\n", "{\n\"a\": {\n}\n\"b\": 1\n}\n\n",
		"{\n\"title\": \"T\"\n}\nText.\n}\n\n", "{\n}", "Text.\n", "", " \n\t\n", "\u00a0\n---\nx: y\n---\n",
		strings.Repeat("-", 5000) + "\n", "---" + strings.Repeat(" ", 5000) + "\nx: y\n---\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		format, raw, rest, found := adrgWhole(src)
		sp, err := splitSource(src, func(string, []byte) error { return nil })
		if err != nil {
			t.Fatal(err)
		}
		if !found {
			if sp.bodyAt != -1 || sp.format != "" {
				t.Fatalf("adrg finds no frontmatter in %q, the split finds %s %q", src, sp.format, sp.raw)
			}
			return
		}
		if sp.bodyAt < 0 || sp.format != format || !bytes.Equal(sp.raw, raw) || !bytes.Equal(src[sp.bodyAt:], rest) {
			t.Fatalf("in %q adrg finds %s %q and the body %q; the split %s %q and %q",
				src, format, raw, rest, sp.format, sp.raw, src[max(0, sp.bodyAt):])
		}
		// The line noted as the first is the opening fence.
		lines := bytes.Split(src, []byte("\n"))
		if sp.firstLine < 1 || sp.firstLine > len(lines) || string(bytes.TrimSpace(lines[sp.firstLine-1])) != sp.first ||
			!strings.HasPrefix(format, map[string]string{"---": "yaml", "+++": "toml", "{": "json"}[sp.first]) {
			t.Fatalf("in %q the split notes line %d, %q, as the opening of %s", src, sp.firstLine, sp.first, format)
		}
	})
}
