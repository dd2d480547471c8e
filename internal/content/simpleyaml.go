package content

import (
	"bytes"
	"regexp"
	"unicode/utf8"
)

// simpleYAML decodes the YAML that frontmatter mostly is, without yaml.v3's
// parser: top-level keys with a one-line value (in quotes, or plain text or
// a date), a list in brackets, or a list of "- " lines. ok is false for
// anything else, and yaml.v3 decides; where ok is true, the result is what
// yaml.v3 would give (FuzzSimpleYAML checks it).
func simpleYAML(data []byte) (fields map[string]any, ok bool) {
	if !simpleText(data) {
		return nil, false
	}
	fields = map[string]any{}
	lines := bytes.Split(data, []byte("\n"))
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if len(bytes.TrimRight(line, " ")) == 0 || line[0] == '#' {
			continue
		}
		k := simpleKey.Find(line)
		if k == nil || len(k) > 1000 { // yaml.v3 takes keys of up to 1024 bytes
			return nil, false
		}
		key := string(k[:bytes.IndexByte(k, ':')])
		if _, dup := fields[key]; dup {
			return nil, false
		}
		rest := bytes.Trim(line[len(k):], " ")
		switch {
		case len(rest) == 0: // a list of "- " lines follows
			var items []any
			indent := -1
			for ; i+1 < len(lines); i++ {
				item := bytes.TrimLeft(lines[i+1], " ")
				if len(item) == 0 || item[0] != '-' {
					break
				}
				n := len(lines[i+1]) - len(item)
				if indent >= 0 && n != indent || len(item) < 2 || item[1] != ' ' {
					return nil, false
				}
				indent = n
				v, ok := simpleScalar(bytes.Trim(item[2:], " "), false)
				if !ok {
					return nil, false
				}
				items = append(items, v)
			}
			if items == nil {
				return nil, false
			}
			fields[key] = items
		case rest[0] == '[':
			l, ok := simpleFlowList(rest)
			if !ok {
				return nil, false
			}
			fields[key] = l
		default:
			v, ok := simpleScalar(rest, false)
			if !ok {
				return nil, false
			}
			fields[key] = v
		}
	}
	return fields, true
}

var (
	simpleKey = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*:( |$)`)
	// simpleDate is a plain value that begins with a digit and that
	// yaml.v3 reads as text or as a timestamp, never as a number.
	simpleDate = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[Tt ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?: ?Z|[+-][0-9]{2}(?::?[0-9]{2})?)?)?$`)
)

// simpleText refuses what YAML treats specially or refuses: tabs, control
// characters, line breaks other than \n, byte order marks.
func simpleText(data []byte) bool {
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			if c < ' ' && c != '\n' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError || r >= 0x80 && r <= 0x9f || r == 0x2028 || r == 0x2029 || r == 0xfeff || r >= 0xfffe && r <= 0xffff {
			return false
		}
		i += n
	}
	return true
}

// simpleScalar reads one value: in double quotes without escapes, in
// single quotes, or plain text that YAML reads as text (or as a date, which
// pressroom keeps as text too). In a list in brackets (flow), plain text
// must not hold brackets or commas.
func simpleScalar(s []byte, flow bool) (string, bool) {
	if len(s) == 0 {
		return "", false
	}
	switch s[0] {
	case '"':
		if len(s) < 2 || s[len(s)-1] != '"' || bytes.ContainsAny(s[1:len(s)-1], `"\`) {
			return "", false
		}
		return string(s[1 : len(s)-1]), true
	case '\'':
		if len(s) < 2 || s[len(s)-1] != '\'' {
			return "", false
		}
		in := s[1 : len(s)-1]
		if bytes.Count(in, []byte("'")) != 2*bytes.Count(in, []byte("''")) {
			return "", false
		}
		return string(bytes.ReplaceAll(in, []byte("''"), []byte("'"))), true
	}
	if bytes.IndexByte([]byte("-?:,[]{}#&*!|>%@`<=~+."), s[0]) >= 0 ||
		bytes.Contains(s, []byte(": ")) || bytes.Contains(s, []byte(" #")) || s[len(s)-1] == ':' ||
		flow && bytes.ContainsAny(s, ",[]{}") {
		return "", false
	}
	if s[0] >= '0' && s[0] <= '9' {
		if !simpleDate.Match(s) {
			return "", false
		}
		return string(s), true
	}
	switch string(s) {
	case "true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL":
		return "", false
	}
	return string(s), true
}

// simpleFlowList reads a list in brackets on one line: ["a", "b"].
func simpleFlowList(s []byte) ([]any, bool) {
	if s[len(s)-1] != ']' {
		return nil, false
	}
	in := bytes.Trim(s[1:len(s)-1], " ")
	l := []any{}
	for len(in) > 0 {
		end := bytes.IndexByte(in, ',')
		if q := in[0]; q == '"' || q == '\'' {
			// The item ends at the quote that closes it.
			close := 1
			for close < len(in) && (in[close] != q || q == '\'' && close+1 < len(in) && in[close+1] == '\'') {
				if in[close] == q {
					close++ // '' inside single quotes
				}
				close++
			}
			rest := bytes.TrimLeft(in[min(close+1, len(in)):], " ")
			if len(rest) > 0 && rest[0] != ',' {
				return nil, false
			}
			end = len(in) - len(rest)
			if len(rest) == 0 {
				end = -1
			}
		}
		item := in
		if end >= 0 {
			item, in = in[:end], bytes.TrimLeft(in[end+1:], " ")
			if len(in) == 0 {
				return nil, false // a comma at the end
			}
		} else {
			in = nil
		}
		v, ok := simpleScalar(bytes.Trim(item, " "), true)
		if !ok {
			return nil, false
		}
		l = append(l, v)
	}
	return l, true
}
