package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// listSite has one entry of each status at 2026-03-12 09:00 (Berlin).
var listSite = map[string]string{
	"site.toml":                                  twoOrgs,
	"content/meldungen/2026-03-01-alt.md":        "---\ntitle: Veröffentlicht\ndate: 2026-03-01 10:00\n---\nText.\n",
	"content/meldungen/2026-03-10-entwurf.md":    "---\ntitle: Entwurf\ndate: 2026-03-10 10:00\ndraft: true\n---\nText.\n",
	"content/meldungen/2026-03-12-sperrfrist.md": "---\ntitle: Unter Sperrfrist\ndate: 2026-03-12 08:00\nembargo: 2026-03-12 10:00\n---\nText.\n",
	"content/meldungen/2026-04-01-geplant.md":    "---\ntitle: Geplant\ndate: 2026-04-01 07:30\n---\nText.\n",
	"content/papiere/leitbild/index.md":          "---\ntitle: Leitbild\ndate: 2026-02-01\n---\nText.\n",
	"content/impressum.md":                       "---\ntitle: Impressum\n---\nText.\n",
	"content/meldungen/_vorlage.md":              "---\ntitel: ignoriert\n---\n",
}

// rows returns the table of list output: the title of each entry, and
// the entry by title, its lines joined by "  ". Every line fits 80
// columns, and each entry's lines below its first are indented.
func rows(t *testing.T, out string) ([]string, map[string]string) {
	t.Helper()
	lines := strings.Split(out, "\n")
	if !strings.HasPrefix(lines[0], "DATE ") {
		t.Fatalf("no table header:\n%s", out)
	}
	col := strings.Index(lines[0], "TITLE")
	var titles []string
	byTitle := map[string]string{}
	for _, l := range lines[1:] {
		if l == "" {
			break
		}
		if n := utf8.RuneCountInString(l); n > 80 {
			t.Errorf("a line of %d columns:\n%s", n, l)
		}
		if strings.HasPrefix(l, "  ") {
			last := titles[len(titles)-1]
			byTitle[last] += "  " + strings.TrimSpace(l)
			continue
		}
		title := strings.TrimSpace(l[col:])
		titles = append(titles, title)
		byTitle[title] = l
	}
	return titles, byTitle
}

func TestList(t *testing.T) {
	dir := writeSite(t, listSite)
	out := mustRun(t, "list", "-s", dir, "--now", "2026-03-12T09:00:00+01:00")
	titles, row := rows(t, out)
	if got, want := strings.Join(titles, ", "), "Geplant, Unter Sperrfrist, Entwurf, Veröffentlicht, Leitbild"; got != want {
		t.Errorf("order %s, want %s (newest first, no plain pages)\n%s", got, want, out)
	}
	for title, want := range map[string]string{
		"Veröffentlicht":   "2026-03-01 10:00  published  Veröffentlicht  /presse/meldungen/2026/alt/",
		"Entwurf":          "2026-03-10 10:00  draft  Entwurf  /presse/meldungen/2026/entwurf/",
		"Unter Sperrfrist": "2026-03-12 08:00  embargoed  Unter Sperrfrist  /presse/meldungen/2026/sperrfrist/  embargoed until 2026-03-12 10:00 CET",
		"Geplant":          "2026-04-01 07:30  scheduled  Geplant  /presse/meldungen/2026/geplant/  scheduled 2026-04-01 07:30 CEST",
		"Leitbild":         "2026-02-01  published  Leitbild  /presse/papiere/leitbild/", // a date without a time
	} {
		if r := strings.Join(strings.Fields(row[title]), " "); r != strings.Join(strings.Fields(want), " ") {
			t.Errorf("entry of %s = %q, want %q", title, row[title], want)
		}
	}
	for _, want := range []string{
		"ADDRESS BELOW https://www.example.org\n",
		"\n5 releases and papers: 2 published, 1 draft, 1 embargoed, 1 scheduled\n",
		"next embargo lifts 2026-03-12 10:00 CET (content/meldungen/2026-03-12-sperrfrist.md): rebuild then\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("list lacks %q:\n%s", want, out)
		}
	}

	// After the embargo lifted, the release is published.
	out = mustRun(t, "list", "-s", dir, "--now", "2026-03-12T10:00:00+01:00")
	if _, row = rows(t, out); !strings.Contains(row["Unter Sperrfrist"], " published ") {
		t.Errorf("after the embargo:\n%s", out)
	}
	if !strings.Contains(out, "next embargo lifts 2026-04-01 07:30 CEST (content/meldungen/2026-04-01-geplant.md)") {
		t.Errorf("the next release is not the scheduled one:\n%s", out)
	}
}

func TestListFilters(t *testing.T) {
	dir := writeSite(t, listSite)
	for _, c := range []struct {
		flags []string
		want  string
	}{
		{nil, "Geplant, Unter Sperrfrist, Entwurf, Veröffentlicht, Leitbild"},
		{[]string{"--drafts"}, "Entwurf"},
		{[]string{"--embargoed"}, "Unter Sperrfrist"},
		{[]string{"--future"}, "Geplant"},
		{[]string{"--drafts", "--embargoed"}, "Unter Sperrfrist, Entwurf"},
		{[]string{"--drafts", "--embargoed", "--future"}, "Geplant, Unter Sperrfrist, Entwurf"},
	} {
		out := mustRun(t, append([]string{"list", "-s", dir, "--now", "2026-03-12T09:00:00+01:00"}, c.flags...)...)
		titles, _ := rows(t, out)
		if got := strings.Join(titles, ", "); got != c.want {
			t.Errorf("list %v = %s, want %s\n%s", c.flags, got, c.want, out)
		}
		if n := len(titles); n != 5 && !strings.Contains(out, fmt.Sprintf("5 releases and papers (%d shown)", n)) {
			t.Errorf("list %v: no count of the shown entries:\n%s", c.flags, out)
		}
	}
}

func TestListErrors(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"site.toml":                           twoOrgs,
		"content/meldungen/2026-03-01-a.md":   "---\ntitle: A\ndate: 2026-03-01\n---\nText.\n",
		"content/meldungen/2026-03-02-b.md":   "---\ntitle: B\ndatum: 2026-03-02\n---\nText.\n",
		"content/meldungen/2026-03-03-c.md":   "---\ntitle: C\ndate: 2026-03-03\norganizations: [nope]\n---\nText.\n",
		"content/meldungen/2026-03-04-dup.md": "---\ntitle: D\ndate: 2026-03-04\nslug: a\n---\nText.\n",
	})
	code, out, errOut := run("list", "-s", dir)
	for _, want := range []string{
		`content/meldungen/2026-03-02-b.md:3: unknown key "datum" (did you mean "date"?)`,
		`content/meldungen/2026-03-03-c.md:4: unknown organization "nope"`,
		"URL /meldungen/2026/a/ is also the URL of",
		"errors\n",
	} {
		if code != 1 || !strings.Contains(errOut, want) {
			t.Errorf("list of a broken site = %d, lacks %q:\n%s%s", code, want, out, errOut)
		}
	}
	if out != "" {
		t.Errorf("a table despite errors:\n%s", out)
	}

	dir = writeSite(t, map[string]string{"site.toml": twoOrgs, "content/meldungen/2026-03-01-a.md": "---\ntitle: A\ndate: 2026-03-01\n---\nText.\n"})
	if out := mustRun(t, "list", "-s", dir, "--embargoed", "--drafts"); out != "nothing to list: no entry has the status asked for\n\n1 release or paper (0 shown): 1 published, 0 drafts, 0 embargoed, 0 scheduled\n" {
		t.Errorf("list without matches:\n%s", out)
	}
	empty := writeSite(t, map[string]string{"site.toml": twoOrgs, "content/impressum.md": "---\ntitle: Impressum\n---\n"})
	if out := mustRun(t, "list", "-s", empty); !strings.Contains(out, "no releases or papers yet") {
		t.Errorf("empty list:\n%s", out)
	}
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"list", "-h"}, 0, "embargoed until <instant>"},
		{[]string{"list", "--now", "morgen"}, 2, "use RFC 3339"},
		{[]string{"list", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"list", "-s", t.TempDir()}, 1, "holds no site"},
	} {
		code, out, errOut := run(c.args...)
		if code != c.code || !strings.Contains(out+errOut, c.want) {
			t.Errorf("pressroom %v = %d, want %d with %q:\n%s%s", c.args, code, c.code, c.want, out, errOut)
		}
	}
}

func TestListPrintsEmbargoPreviewLinks(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"site.toml": siteTOML,
		"content/pressemitteilungen/2026-03-12-vorab.md": "---\ntitle: Vorab\ndate: 2026-03-12 08:00\nembargo: 2026-03-12 10:00\nembargo_preview: true\n---\nText.\n",
	})
	t.Setenv("PRESSROOM_PREVIEW_SECRET", "geheim-geheim-Vorschau-2026")
	code, out, errOut := run("list", "-s", dir, "--embargoed", "--now", "2026-03-12T09:00:00+01:00")
	if code != 0 || !strings.Contains(out, "https://presse.example.org/vorschau/") {
		t.Fatalf("list = %d\n%s%s", code, out, errOut)
	}
	// The same link the build makes.
	if code, _, errOut := run("build", "-s", dir, "--now", "2026-03-12T09:00:00+01:00"); code != 0 {
		t.Fatal(errOut)
	}
	i := strings.Index(out, "https://presse.example.org/vorschau/")
	link := strings.Fields(out[i:])[0]
	page := filepath.Join(dir, "public", filepath.FromSlash(strings.TrimPrefix(link, "https://presse.example.org/")), "index.html")
	if data, err := os.ReadFile(page); err != nil || !strings.Contains(string(data), "Vorab") {
		t.Errorf("preview page %s: %v", page, err)
	}
}
