package cli

import (
	"fmt"
	"io"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"pressroom/internal/build"
	"pressroom/internal/config"
	"pressroom/internal/diag"
	"pressroom/internal/site"
)

func runList(e *env, args []string) int {
	fl := newFlags(e, "list", "[-s SITE] [--drafts] [--embargoed] [--future] [--now RFC3339]",
		"Lists the releases and papers of SITE, newest first: date, status, URL and title. Check it before\n"+
			"a rebuild. The status is one of\n"+
			"  published                  build publishes it\n"+
			"  draft                      draft: true; build leaves it out\n"+
			"  embargoed until <instant>  its embargo lies after now; build publishes it from <instant> on\n"+
			"  scheduled <instant>        its date lies after now (no embargo); likewise\n"+
			"Without flags every entry is listed; --drafts, --embargoed and --future list only those\n"+
			"(several flags: entries of any of them).")
	siteDir := fl.String("s", ".", "the site's folder (with site.toml and content/)")
	drafts := fl.Bool("drafts", false, "list drafts")
	embargoed := fl.Bool("embargoed", false, "list releases under embargo, with the instant it lifts")
	future := fl.Bool("future", false, "list entries dated after now without an embargo (scheduled)")
	nowFlag := fl.String("now", "", "the time to list for, RFC 3339 (default: SOURCE_DATE_EPOCH or the clock)")
	if code, ok := parse(fl, args); !ok {
		return code
	}
	now, err := parseNow(*nowFlag)
	if err != nil {
		fmt.Fprintln(e.stderr, "pressroom list:", err)
		return exitUsage
	}
	if siteMissing(e, "list", *siteDir) {
		return exitContent
	}
	show := map[pageStatus]bool{statusDraft: *drafts, statusEmbargoed: *embargoed, statusScheduled: *future}
	if !*drafts && !*embargoed && !*future {
		show = map[pageStatus]bool{statusPublished: true, statusDraft: true, statusEmbargoed: true, statusScheduled: true}
	}

	// The site as build sees it at now, with the problems build reports.
	ld, diags := build.Load(build.Options{SiteDir: *siteDir, Now: now, PreviewSecret: os.Getenv(site.PreviewSecretEnv)})
	if code := report(e.stderr, *siteDir, diags.Warnings(), diags.Err()); code != exitOK {
		return code
	}
	cfg, published := ld.Config, ld.Site
	// Everything, drafts and future pages included, so that each has its
	// URL; the page's flags tell what build would do with it.
	all, _ := ld.Model(true, true)

	width := listWidth(e.stdout)
	var table strings.Builder
	fmt.Fprintf(&table, "%-16s  %-9s  %s\n", "DATE", "STATUS", "TITLE, ADDRESS BELOW "+diag.Printable(host(cfg)))
	count := map[pageStatus]int{}
	var previews [][2]string
	shown := 0
	for _, p := range all.Dated {
		st := statusOf(p, now)
		count[st]++
		if !show[st] {
			continue
		}
		shown++
		listEntry(&table, width, p, st, cfg)
		if st == statusEmbargoed {
			if u := previewURL(cfg, p); u != "" {
				previews = append(previews, [2]string{u, p.Title})
			}
		}
	}
	if len(all.Dated) == 0 {
		fmt.Fprintf(e.stdout, "no releases or papers yet: pressroom new release %q starts one\n",
			map[bool]string{true: "Title of the release", false: "Titel der Meldung"}[cfg.Language == "en"])
		return exitOK
	}
	if shown == 0 {
		fmt.Fprintln(e.stdout, "nothing to list: no entry has the status asked for")
	} else {
		fmt.Fprint(e.stdout, table.String())
	}
	if len(previews) > 0 {
		fmt.Fprintln(e.stdout, "\nembargo previews for journalists (not linked anywhere; pass on with the embargo):")
		for _, p := range previews {
			fmt.Fprintf(e.stdout, "  %s  %s\n", diag.Printable(p[0]), diag.Printable(p[1]))
		}
	}
	fmt.Fprintf(e.stdout, "\n%d %s", len(all.Dated), plural(len(all.Dated), "release or paper", "releases and papers"))
	if shown != len(all.Dated) {
		fmt.Fprintf(e.stdout, " (%d shown)", shown)
	}
	fmt.Fprintf(e.stdout, ": %d published, %d %s, %d embargoed, %d scheduled\n",
		count[statusPublished], count[statusDraft], plural(count[statusDraft], "draft", "drafts"), count[statusEmbargoed], count[statusScheduled])
	if !published.NextRelease.IsZero() {
		fmt.Fprintf(e.stdout, "next embargo lifts %s (%s): rebuild then\n",
			published.NextRelease.In(cfg.Location).Format("2006-01-02 15:04 MST"), diag.Printable(published.NextReleasePage.Path))
	}
	return exitOK
}

// pageStatus is what a build at some instant does with a page.
type pageStatus int

const (
	statusPublished pageStatus = iota
	statusDraft                // draft: true
	statusEmbargoed            // embargo after now
	statusScheduled            // date after now, no embargo after now
)

// statusOf reads the status of p from a model made with drafts and future
// pages included.
func statusOf(p *site.Page, now time.Time) pageStatus {
	switch {
	case p.Draft:
		return statusDraft
	case !p.Embargoed:
		return statusPublished
	case p.Embargo.After(now):
		return statusEmbargoed
	}
	return statusScheduled
}

// describe is the status as list shows it, with the instant the page
// becomes public.
func (st pageStatus) describe(p *site.Page, cfg *config.Site) string {
	at := p.Released().In(cfg.Location).Format("2006-01-02 15:04 MST")
	switch st {
	case statusDraft:
		return "draft"
	case statusEmbargoed:
		return "embargoed until " + at
	case statusScheduled:
		return "scheduled " + at
	}
	return "published"
}

// previewURL returns the embargo-preview link of an embargoed release for
// journalists (embargo_preview: true), or "" if it has none or the secret
// is not set. list prints the links below the table.
func previewURL(cfg *config.Site, p *site.Page) string {
	secret := os.Getenv(site.PreviewSecretEnv)
	if !p.EmbargoPreview || site.CheckPreviewSecret(secret) != nil { // build reports a weak one
		return ""
	}
	return absURL(cfg, site.PreviewURL(cfg, secret, p.Path))
}

// listIndent is where the title and the URL of an entry start.
const listIndent = 16 + 2 + 9 + 2

// listWidth is the width list fits its lines to: $COLUMNS, else the
// terminal's, else 80.
func listWidth(w io.Writer) int {
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 0 {
		return max(n, listIndent+20)
	}
	if n := terminalWidth(w); n > 0 {
		return max(n, listIndent+20)
	}
	return 80
}

// listEntry writes an entry of list in lines of at most width columns:
// date (without time at midnight, as papers are dated), status and title,
// shortened with … to fit; below it the path of its URL and, for an entry not yet
// public, the instant it goes online.
func listEntry(b *strings.Builder, width int, p *site.Page, st pageStatus, cfg *config.Site) {
	date := p.Date.In(cfg.Location)
	layout := "2006-01-02 15:04"
	if date.Hour() == 0 && date.Minute() == 0 && date.Second() == 0 {
		layout = "2006-01-02"
	}
	word := map[pageStatus]string{statusPublished: "published", statusDraft: "draft", statusEmbargoed: "embargoed", statusScheduled: "scheduled"}[st]
	fmt.Fprintf(b, "%-16s  %-9s  %s\n", date.Format(layout), word, shorten(diag.Printable(p.Title), width-listIndent))
	// The path whole, never cut: it is to be copied.
	fmt.Fprintf(b, "  %s\n", diag.Printable(sitePath(cfg, p.URL)))
	if st == statusEmbargoed || st == statusScheduled {
		fmt.Fprintf(b, "  %s\n", st.describe(p, cfg))
	}
}

// shorten cuts s to n columns, ending in … if it was longer.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimRight(string(r[:n-1]), " ") + "…"
}

// host is the scheme and host of the site's URLs, sitePath the path of
// one below them (with the base path): list prints the host once.
func host(cfg *config.Site) string {
	if u, err := url.Parse(cfg.BaseURL); err == nil {
		return u.Scheme + "://" + u.Host
	}
	return ""
}

func sitePath(cfg *config.Site, u string) string {
	return strings.TrimPrefix(absURL(cfg, u), host(cfg))
}
