package content

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"gopkg.in/yaml.v3"

	"pressroom/internal/config"
	"pressroom/internal/diag"
)

// matter is the decoded frontmatter of one file, before typing.
type matter struct {
	format   string         // yaml, toml or json
	fields   map[string]any // top-level keys
	keyLines map[string]int // line of each top-level key in the whole file
	bodyLine int            // first line of the body
	body     []byte
	raw      []byte // the frontmatter's text
	rawStart int    // its first line in the file
}

// splitFrontmatter separates and decodes the frontmatter of src. Line
// numbers in diagnostics are those of the whole file.
func splitFrontmatter(path string, src []byte) (*matter, diag.List) {
	var diags diag.List
	m := &matter{fields: map[string]any{}}
	sp, err := splitSource(src, func(format string, raw []byte) error {
		switch format {
		case "yaml":
			return decodeYAML(raw, &m.fields)
		case "toml":
			return toml.Unmarshal(raw, &m.fields)
		}
		return json.Unmarshal(raw, &m.fields)
	})
	m.format = sp.format
	// The data of YAML and TOML starts on the line after the opening
	// fence; JSON's with its "{".
	fmStart := sp.firstLine + 1
	if m.format == "json" {
		fmStart = sp.firstLine
	}
	if err != nil {
		line, col, msg, hint := decodeError(m.format, sp.raw, err)
		diags.Add(diag.Diagnostic{Path: path, Line: fmStart + line - 1, Col: col,
			Msg: fmt.Sprintf("invalid %s frontmatter: %s", strings.ToUpper(m.format), msg), Hint: hint})
		return nil, diags
	}
	if sp.bodyAt < 0 {
		switch first := sp.first; first {
		case "---", "+++", "{":
			closing := map[string]string{"---": "---", "+++": "+++", "{": "}"}[first]
			diags.Errorf(path, sp.firstLine, "frontmatter is not closed: no line %q after the opening %q", closing, first)
			if first == "{" {
				diags[len(diags)-1].Hint = "JSON frontmatter ends with a line \"}\" followed by an empty line"
			} else {
				diags[len(diags)-1].Hint = fmt.Sprintf("add a line %q after the last key, before the text", closing)
			}
		default:
			diags.Add(diag.Diagnostic{Path: path, Line: 1, Msg: "missing frontmatter",
				Hint: "start the file with a line \"---\", then keys such as title: and date:, then a line \"---\""})
		}
		return nil, diags
	}
	if m.fields == nil {
		m.fields = map[string]any{}
	}
	m.body = src[sp.bodyAt:]
	m.bodyLine = diag.LineOf(src, sp.bodyAt)
	m.keyLines = keyLines(m.format, sp.raw, fmStart)
	m.raw, m.rawStart = sp.raw, fmStart
	return m, diags
}

// split is where adrg/frontmatter found the frontmatter of a file.
type split struct {
	format    string // yaml, toml or json; "" when none was found
	raw       []byte // the frontmatter's text, as adrg gives it to decode
	bodyAt    int    // offset of the body in the file; -1 when no frontmatter was read
	first     string // the first line that is not blank, trimmed
	firstLine int    // its number; 0 when every line is blank
}

// frontmatterFences are the formats adrg/frontmatter looks for: YAML
// between lines "---", TOML between lines "+++", and a JSON object ending
// in a line "}" and an empty line.
var frontmatterFences = [...]struct {
	format, start, end string
	json               bool
}{{"yaml", "---", "---", false}, {"toml", "+++", "+++", false}, {"json", "{", "}", true}}

// splitSource finds the frontmatter of src with adrg/frontmatter, the only
// code that decides where frontmatter begins and ends, and calls decode
// with it. A lineFeeder gives adrg src line by line and stops once the
// frontmatter is read, so that adrg reads the frontmatter's bytes and not
// the body. The error is decode's.
func splitSource(src []byte, decode func(format string, raw []byte) error) (split, error) {
	feed := &lineFeeder{src: src}
	sp := split{bodyAt: -1}
	var formats [len(frontmatterFences)]*frontmatter.Format
	for i, f := range frontmatterFences {
		format := f.format
		formats[i] = frontmatter.NewFormat(f.start, f.end, func(data []byte, _ any) error {
			sp.format, sp.raw, sp.bodyAt = format, data, feed.off
			feed.done = true
			return decode(format, data)
		})
		formats[i].UnmarshalDelims, formats[i].RequiresNewLine = f.json, f.json
	}
	_, err := frontmatter.Parse(feed, nil, formats[:]...)
	sp.first, sp.firstLine = feed.first, feed.firstLine
	return sp, err
}

// lineFeeder is the io.Reader that adrg/frontmatter reads a file from. It
// gives one line per Read, so that adrg's buffered reader holds no more
// than the line it looks at, and ends (io.EOF) once adrg has decoded the
// frontmatter (done), or after the first line that is not blank when that
// line opens no frontmatter. It notes that line, as adrg sees it: adrg
// skips lines that are blank after bytes.TrimSpace and compares the first
// other one, trimmed, with the opening fences.
type lineFeeder struct {
	src       []byte
	off       int    // bytes given so far
	lines     int    // lines begun so far, until the first that is not blank
	first     string // the first line that is not blank, trimmed
	firstLine int    // its number, 0 while there is none
	done      bool
}

func (f *lineFeeder) Read(p []byte) (int, error) {
	if f.done || f.off >= len(f.src) {
		return 0, io.EOF
	}
	rest := f.src[f.off:]
	end := bytes.IndexByte(rest, '\n') + 1
	if end == 0 {
		end = len(rest)
	}
	if f.firstLine == 0 && (f.off == 0 || f.src[f.off-1] == '\n') { // a line begins
		f.lines++
		if t := bytes.TrimSpace(rest[:end]); len(t) > 0 {
			f.first, f.firstLine = string(t), f.lines
			f.done = true // no frontmatter: adrg needs no more
			for _, fence := range frontmatterFences {
				f.done = f.done && f.first != fence.start
			}
		}
	}
	n := copy(p, rest[:end]) // a line longer than p comes in parts
	f.off += n
	return n, nil
}

var (
	yamlKey = regexp.MustCompile(`^([A-Za-z_][\w-]*)\s*:`)
	tomlKey = regexp.MustCompile(`^([A-Za-z_][\w-]*)\s*=`)
	// tomlTable is a table header; [[attachments]] declares attachments.
	tomlTable = regexp.MustCompile(`^\s*\[\[?\s*([A-Za-z_][\w-]*)\s*[\].]`)
	jsonKey   = regexp.MustCompile(`^\s*[{,]?\s*"([^"]+)"\s*:`)
	yamlErr   = regexp.MustCompile(`line (\d+):`)
)

// yamlParserProblems are the messages of yaml.v3's parser (as opposed to its
// scanner) errors, whose "line N" is one less than the line in the text.
var yamlParserProblems = []string{"did not find expected key", "did not find expected node content",
	"did not find expected '-' indicator", "did not find expected ',' or", "did not find expected <document start>",
	"found undefined tag handle", "found incompatible YAML document", "found duplicate %YAML directive"}

// keyLines maps each top-level key to its line in the file.
func keyLines(format string, raw []byte, start int) map[string]int {
	re := yamlKey
	switch format {
	case "toml":
		re = tomlKey
	case "json":
		re = jsonKey
	}
	lines := map[string]int{}
	depth := 0
	for i, line := range strings.Split(string(raw), "\n") {
		if format == "toml" && strings.HasPrefix(strings.TrimSpace(line), "[") {
			depth = 1 // keys after a table header are not top-level
			if m := tomlTable.FindStringSubmatch(line); m != nil {
				if _, seen := lines[m[1]]; !seen {
					lines[m[1]] = start + i
				}
			}
		}
		if format == "json" {
			if m := re.FindStringSubmatch(line); m != nil && depth <= 1 {
				if _, seen := lines[m[1]]; !seen {
					lines[m[1]] = start + i
				}
			}
			depth += strings.Count(line, "{") + strings.Count(line, "[") - strings.Count(line, "}") - strings.Count(line, "]")
			continue
		}
		if m := re.FindStringSubmatch(line); m != nil && depth == 0 {
			if _, seen := lines[m[1]]; !seen {
				lines[m[1]] = start + i
			}
		}
	}
	return lines
}

// decodeError returns the line (within raw), the column (0 if unknown), the
// message and a hint for a decoder error.
func decodeError(format string, raw []byte, err error) (line, col int, msg, hint string) {
	msg = err.Error()
	var pe toml.ParseError
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &pe):
		return config.TOMLError(raw, pe)
	case errors.As(err, &se):
		line, col = offsetPosition(raw, int(se.Offset)-1)
		if strings.Contains(se.Error(), "after object key:value pair") || strings.Contains(se.Error(), "after array element") {
			hint = "is a comma missing at the end of the line before?"
		} else if strings.Contains(se.Error(), "looking for beginning of object key string") {
			hint = "the last key must not end with a comma"
		}
		return line, col, se.Error(), hint
	case errors.As(err, &te):
		line, col = offsetPosition(raw, int(te.Offset)-1)
		return line, col, te.Error(), ""
	}
	if format == "yaml" && strings.Contains(msg, "unexpected end of stream") {
		if l, q := unclosedQuote(raw); l > 0 {
			return l, 0, "a text in quotes is not closed", fmt.Sprintf("add the closing %c at the end of the text", q)
		}
	}
	if m := yamlErr.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = strings.TrimPrefix(msg, "yaml: ")
		msg = strings.TrimPrefix(msg, m[0]+" ")
		for _, p := range yamlParserProblems {
			if strings.HasPrefix(msg, p) {
				line++ // yaml.v3 counts lines of parser errors from 0
				break
			}
		}
		return line, 0, msg, yamlHint(raw, line, msg)
	}
	// yaml.v3 leaves out the line when it is the first.
	if format == "yaml" {
		hint = yamlHint(raw, 1, msg)
	}
	return 1, 0, strings.TrimPrefix(msg, "yaml: "), hint
}

// offsetPosition returns the 1-based line and column of byte offset off in
// src.
func offsetPosition(src []byte, off int) (line, col int) {
	off = max(0, min(off, len(src)))
	line = diag.LineOf(src, off)
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	return line, utf8.RuneCount(src[start:off]) + 1
}

var yamlQuoted = regexp.MustCompile(`^\s*(?:-\s+)?(?:[^\s"'#][^:#]*:\s+)?(["'])`)

// unclosedQuote finds the first line of YAML raw whose value opens a quote
// that the line does not close, and the quote.
func unclosedQuote(raw []byte) (int, rune) {
	for i, line := range strings.Split(string(raw), "\n") {
		m := yamlQuoted.FindStringSubmatchIndex(line)
		if m == nil {
			continue
		}
		q := line[m[2]]
		rest := line[m[3]:]
		closed := false
		for j := 0; j < len(rest); j++ {
			if q == '"' && rest[j] == '\\' {
				j++
				continue
			}
			if rest[j] == q {
				if q == '\'' && j+1 < len(rest) && rest[j+1] == '\'' {
					j++ // '' is a quote inside single quotes
					continue
				}
				closed = true
				break
			}
		}
		if !closed {
			return i + 1, rune(q)
		}
	}
	return 0, 0
}

func yamlHint(raw []byte, line int, msg string) string {
	lines := strings.Split(string(raw), "\n")
	if line >= 1 && line <= len(lines) && strings.Contains(lines[line-1], "\t") ||
		line >= 2 && line-2 < len(lines) && strings.Contains(lines[line-2], "\t") {
		return "YAML does not allow tabs for indentation: use spaces"
	}
	if strings.Contains(msg, "mapping values are not allowed") && line >= 1 && line <= len(lines) && strings.Count(lines[line-1], ":") > 1 {
		return "put values that contain a colon in quotes"
	}
	switch {
	case strings.Contains(msg, "mapping values are not allowed") && line >= 1 && line <= len(lines) && strings.HasPrefix(lines[line-1], " "):
		return "this line is indented: a key starts at the beginning of the line"
	case strings.Contains(msg, "did not find expected ',' or ']'"):
		return "a list in [ ] is not closed, or its items lack the commas between them: [a, b]"
	case strings.Contains(msg, "did not find expected ',' or '}'"):
		return "a map in { } is not closed, or its entries lack the commas between them: {a: 1, b: 2}"
	case strings.Contains(msg, "did not find expected key"), strings.Contains(msg, "did not find expected '-' indicator"):
		return "the lines of the frontmatter are indented differently: keys start at the beginning of the line, list items with the same indentation"
	case strings.Contains(msg, "found character that cannot start any token"):
		return "a value starts with a character YAML reserves (such as @ or `): put the value in quotes"
	}
	return ""
}

// decodeYAML decodes YAML 1.2 into v (a *map[string]any) keeping scalars that
// look like timestamps as text, so that dates without an offset can be read
// in the site's timezone.
func decodeYAML(data []byte, v any) error {
	if fields, ok := simpleYAML(data); ok {
		*v.(*map[string]any) = fields
		return nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return err
	}
	out := v.(*map[string]any)
	if len(doc.Content) == 0 {
		return nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: expected keys such as title: and date:, found a %s", root.Line, yamlKind(root))
	}
	r := yamlReader{expanding: map[*yaml.Node]bool{}}
	m, err := r.value(root, false)
	if err != nil {
		return err
	}
	*out = m.(map[string]any)
	return nil
}

// yamlAliasLimit bounds the values that aliases (*name) may stand for in
// one file, against documents that expand to billions of values.
const yamlAliasLimit = 10000

// yamlReader turns YAML nodes into values, expanding aliases.
type yamlReader struct {
	aliased   int                 // values made through aliases so far
	expanding map[*yaml.Node]bool // anchors being expanded, to refuse cycles
}

func (r *yamlReader) value(n *yaml.Node, viaAlias bool) (any, error) {
	if viaAlias {
		if r.aliased++; r.aliased > yamlAliasLimit {
			return nil, fmt.Errorf("line %d: the aliases (*name) stand for more than %d values", n.Line, yamlAliasLimit)
		}
	}
	switch n.Kind {
	case yaml.AliasNode:
		if n.Alias == nil || r.expanding[n.Alias] {
			return nil, fmt.Errorf("line %d: the alias *%s contains itself", n.Line, n.Value)
		}
		r.expanding[n.Alias] = true
		v, err := r.value(n.Alias, true)
		delete(r.expanding, n.Alias)
		return v, err
	case yaml.SequenceNode:
		l := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := r.value(c, viaAlias)
			if err != nil {
				return nil, err
			}
			l = append(l, v)
		}
		return l, nil
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if _, dup := m[k.Value]; dup {
				return nil, fmt.Errorf("line %d: key %q is given twice", k.Line, k.Value)
			}
			v, err := r.value(n.Content[i+1], viaAlias)
			if err != nil {
				return nil, err
			}
			m[k.Value] = v
		}
		return m, nil
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!timestamp", "!!str", "!!binary":
			return n.Value, nil
		case "!!null":
			return nil, nil
		}
		var v any
		if err := n.Decode(&v); err != nil {
			return nil, fmt.Errorf("line %d: %s", n.Line, strings.TrimPrefix(err.Error(), "yaml: "))
		}
		return v, nil
	}
	return nil, fmt.Errorf("line %d: unsupported YAML", n.Line)
}

func yamlKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "list"
	case yaml.ScalarNode:
		return "single value"
	}
	return "document"
}
