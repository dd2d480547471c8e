package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"pressroom/internal/site"
)

// TestListNewBuildSameDiagnostics: list, new and build read a site through
// one front half (build.Load), so they report the same problems of
// site.toml and the content, with the same messages at the same lines.
func TestListNewBuildSameDiagnostics(t *testing.T) {
	clock(t) // 2026-03-12 08:00 UTC
	t.Setenv(site.PreviewSecretEnv, "")
	good := "---\ntitle: Gut\ndate: 2026-03-01\n---\nText.\n"
	for _, c := range []struct {
		name  string
		files map[string]string
		want  []string // diagnostics, in the order reported
	}{
		{"site.toml", map[string]string{
			"site.toml":                           "title = \"Kaputt\"\nbaseURL = \"https://www.example.org/\"\nsprache = \"de\"\n",
			"content/meldungen/2026-03-01-gut.md": good,
		}, []string{`site.toml:3: unknown key "sprache"`}},
		{"frontmatter", map[string]string{
			"site.toml":                           twoOrgs,
			"content/meldungen/2026-03-01-gut.md": good,
			"content/meldungen/2026-03-02-b.md":   "---\ntitle: B\ndatum: 2026-03-02\n---\nText.\n",
		}, []string{`content/meldungen/2026-03-02-b.md:1: missing date`, `content/meldungen/2026-03-02-b.md:3: unknown key "datum" (did you mean "date"?)`}},
		{"unknown organisation", map[string]string{
			"site.toml":                           twoOrgs,
			"content/meldungen/2026-03-01-gut.md": good,
			"content/meldungen/2026-03-03-c.md":   "---\ntitle: C\ndate: 2026-03-03\norganizations: [nope]\n---\nText.\n",
			"content/meldungen/_vorlage.md":       "---\ntitel: hidden, not read\n---\n",
		}, []string{`content/meldungen/2026-03-03-c.md:4: unknown organization "nope"`}},
		// Of the model that build makes at now: the embargoed release is
		// held back, and its preview needs the secret.
		{"embargo preview", map[string]string{
			"site.toml":                           twoOrgs,
			"content/meldungen/2026-03-01-gut.md": good,
			"content/meldungen/2026-03-10-v.md":   "---\ntitle: V\ndate: 2026-03-10\nembargo: 2026-03-20 10:00\nembargo_preview: true\n---\nText.\n",
		}, []string{`content/meldungen/2026-03-10-v.md:5: embargo_preview needs a secret`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := writeSite(t, c.files)
			got := map[string][]string{}
			codes := map[string]int{}
			for _, args := range [][]string{
				{"build", "-s", dir, "-o", filepath.Join(t.TempDir(), "public")},
				{"list", "-s", dir},
				{"new", "release", "Neue Meldung", "-s", dir},
			} {
				code, _, errOut := run(args...)
				codes[args[0]] = code
				got[args[0]] = diagnosticLines(errOut)
			}
			// new makes nothing without a good site.toml; else it makes the
			// file and tells what build will report.
			wantNew := 0
			if c.name == "site.toml" {
				wantNew = 1
			}
			if codes["build"] != 1 || codes["list"] != 1 || codes["new"] != wantNew {
				t.Errorf("exit codes %v: build and list must fail, new exit %d", codes, wantNew)
			}
			b := strings.Join(got["build"], "\n")
			if len(got["build"]) != len(c.want) {
				t.Fatalf("build reported:\n%s\nwant %d: %q", b, len(c.want), c.want)
			}
			for i, w := range c.want {
				if !strings.HasPrefix(got["build"][i], w) {
					t.Errorf("build reported %q, want %q", got["build"][i], w)
				}
			}
			for _, cmd := range []string{"list", "new"} {
				if g := strings.Join(got[cmd], "\n"); g != b {
					t.Errorf("%s reported:\n%s\nbuild:\n%s", cmd, g, b)
				}
			}
		})
	}
}

// diagnosticLines are the lines of a command's error output that name a
// problem (not the source lines shown below each).
func diagnosticLines(out string) []string {
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		// build also warns that the site is not ready to go live (list and new do not)
		if (strings.HasPrefix(l, "content/") || strings.HasPrefix(l, "site.toml")) && !strings.Contains(l, "check --strict fails on this") {
			lines = append(lines, l)
		}
	}
	return lines
}
