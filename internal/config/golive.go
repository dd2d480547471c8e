package config

import (
	"fmt"
	"io/fs"
	"net/url"
	"strings"

	"github.com/BurntSushi/toml"

	"pressroom/internal/diag"
	"pressroom/internal/skeleton"
)

// liveHint ends every warning that a site is not ready to go live.
const liveHint = "replace it before the site goes live (check --strict fails on this)"

// GoLive warns about what init wrote for the user to replace and what
// cannot be right on a live site: placeholder text, and the example
// domains of RFC 2606 in baseURL, organisations and contacts. build and
// check report these (check --strict fails on them); the preview, list
// and new do not.
func (s *Site) GoLive(fsys fs.FS) diag.List {
	src, _ := fs.ReadFile(fsys, File)
	var list diag.List
	diags := &list
	if line, p := skeleton.PlaceholderAt(src); line > 0 {
		diags.Add(diag.Diagnostic{Path: File, Line: line, Warning: true,
			Msg: fmt.Sprintf("placeholder text %q is still here (Platzhalter)", p), Hint: liveHint})
	}
	example := func(line int, what, value string) {
		diags.Add(diag.Diagnostic{Path: File, Line: line, Warning: true,
			Msg: fmt.Sprintf("%s %q is an example address (Beispieladresse)", what, value), Hint: liveHint})
	}
	if IsExampleURL(s.BaseURL) {
		example(keyLine(src, toml.Key{"baseURL"}), "baseURL", s.BaseURL)
	}
	orgLines := entryLines(src, "organizations", "id")
	for i, o := range s.Organizations {
		if IsExampleURL(o.URL) {
			example(lineOr(valueLine(src, "url", o.URL), orgLines, i), "organization "+o.ID+": url", o.URL)
		}
	}
	contactLines := entryLines(src, "contacts", "id")
	for i, c := range s.Contacts {
		if _, host, ok := strings.Cut(c.Email, "@"); ok && IsExampleHost(host) {
			example(lineOr(valueLine(src, "email", c.Email), contactLines, i), "contact "+c.ID+": email", c.Email)
		}
	}
	return list
}

// lineOr is line, or else the line of entry i.
func lineOr(line int, entries []int, i int) int {
	if line == 0 && i < len(entries) {
		return entries[i]
	}
	return line
}

// IsExampleURL reports whether u is an address at an example domain.
func IsExampleURL(u string) bool {
	p, err := url.Parse(u)
	return err == nil && IsExampleHost(p.Hostname())
}

// IsExampleHost reports whether host is one of the domains RFC 2606 keeps
// for examples (example.org, example.com, example.net and below them, and
// the top-level domains .example, .test, .invalid).
func IsExampleHost(host string) bool {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	for _, d := range []string{"example.org", "example.com", "example.net", "example", "test", "invalid"} {
		if host == d || strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	return false
}
