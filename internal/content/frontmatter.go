package content

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"gopkg.in/yaml.v3"

	"pressroom/internal/diag"
)

// matter is the decoded frontmatter of one file, before typing.
type matter struct {
	format   string         // yaml, toml or json
	fields   map[string]any // top-level keys
	keyLines map[string]int // line of each top-level key in the whole file
	bodyLine int            // first line of the body
	body     []byte
}

// splitFrontmatter separates and decodes the frontmatter of src with
// adrg/frontmatter. Line numbers in diagnostics are those of the whole file.
func splitFrontmatter(path string, src []byte) (*matter, diag.List) {
	var diags diag.List
	m := &matter{fields: map[string]any{}}
	var raw []byte
	capture := func(format string, decode func([]byte, any) error) frontmatter.UnmarshalFunc {
		return func(data []byte, v any) error {
			m.format, raw = format, data
			return decode(data, v)
		}
	}
	yamlFmt := frontmatter.NewFormat("---", "---", capture("yaml", decodeYAML))
	tomlFmt := frontmatter.NewFormat("+++", "+++", capture("toml", toml.Unmarshal))
	jsonFmt := frontmatter.NewFormat("{", "}", capture("json", json.Unmarshal))
	jsonFmt.UnmarshalDelims, jsonFmt.RequiresNewLine = true, true

	first, firstLine := firstNonBlankLine(src)
	rest, err := frontmatter.Parse(bytes.NewReader(src), &m.fields, yamlFmt, tomlFmt, jsonFmt)
	fmStart := 1 // line where the frontmatter data starts
	if raw != nil {
		if i := bytes.Index(src, raw); i >= 0 {
			fmStart = diag.LineOf(src, i)
		}
	}
	if err != nil {
		line, col, msg := decodeErrorPosition(m.format, raw, err)
		diags.Add(diag.Diagnostic{Path: path, Line: fmStart + line - 1, Col: col,
			Msg: fmt.Sprintf("invalid %s frontmatter: %s", strings.ToUpper(m.format), msg), Hint: decodeHint(m.format, raw, line)})
		return nil, diags
	}
	if raw == nil {
		switch first {
		case "---", "+++", "{":
			closing := map[string]string{"---": "---", "+++": "+++", "{": "}"}[first]
			diags.Errorf(path, firstLine, "frontmatter is not closed: no line %q after the opening %q", closing, first)
			if first == "{" {
				diags[len(diags)-1].Hint = "JSON frontmatter ends with a line \"}\" followed by an empty line"
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
	m.body = rest
	m.bodyLine = diag.LineOf(src, len(src)-len(rest))
	if len(rest) == 0 {
		m.bodyLine = diag.LineOf(src, len(src))
	}
	m.keyLines = keyLines(m.format, raw, fmStart)
	return m, diags
}

func firstNonBlankLine(src []byte) (string, int) {
	for n, line := range strings.SplitN(string(src[:min(len(src), 4096)]), "\n", 50) {
		if t := strings.TrimSpace(line); t != "" {
			return t, n + 1
		}
	}
	return "", 1
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

// decodeErrorPosition returns the line (within raw) and column of a decoder error.
func decodeErrorPosition(format string, raw []byte, err error) (line, col int, msg string) {
	msg = err.Error()
	var pe toml.ParseError
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &pe):
		return pe.Position.Line, pe.Position.Col, pe.Message
	case errors.As(err, &se):
		return diag.LineOf(raw, int(se.Offset)), 0, se.Error()
	case errors.As(err, &te):
		return diag.LineOf(raw, int(te.Offset)), 0, te.Error()
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
		return line, 0, msg
	}
	return 1, 0, strings.TrimPrefix(msg, "yaml: ")
}

func decodeHint(format string, raw []byte, line int) string {
	if format != "yaml" {
		return ""
	}
	lines := strings.Split(string(raw), "\n")
	if line >= 1 && line <= len(lines) && strings.Contains(lines[line-1], "\t") ||
		line >= 2 && line-2 < len(lines) && strings.Contains(lines[line-2], "\t") {
		return "YAML does not allow tabs for indentation: use spaces"
	}
	if line >= 1 && line <= len(lines) && strings.Count(lines[line-1], ":") > 1 {
		return "put values that contain a colon in quotes"
	}
	return ""
}

// decodeYAML decodes YAML 1.2 into v (a *map[string]any) keeping scalars that
// look like timestamps as text, so that dates without an offset can be read
// in the site's timezone.
func decodeYAML(data []byte, v any) error {
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
	m, err := yamlValue(root)
	if err != nil {
		return err
	}
	*out = m.(map[string]any)
	return nil
}

func yamlValue(n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.AliasNode:
		return yamlValue(n.Alias)
	case yaml.SequenceNode:
		l := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := yamlValue(c)
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
			v, err := yamlValue(n.Content[i+1])
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
			return nil, err
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
