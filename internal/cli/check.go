package cli

import (
	"context"
	"fmt"
	"os"
	"time"

	"pressroom/internal/build"
	"pressroom/internal/heap"
	"pressroom/internal/site"
)

func runCheck(e *env, args []string) int {
	fs := newFlags(e, "check", "[-s SITE] [--now RFC3339]",
		"Checks the site in SITE as build would — configuration, frontmatter, links, templates — and writes\n"+
			"nothing. Exit 1 when there are errors. Fast enough to run on every save in an editor.")
	siteDir := fs.String("s", ".", "the site's folder (with site.toml and content/)")
	now := fs.String("now", "", "the time to check for, RFC 3339 (default: SOURCE_DATE_EPOCH or the clock)")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	heap.Bound()
	t, err := parseNow(*now)
	if err != nil {
		fmt.Fprintln(e.stderr, "pressroom check:", err)
		return exitUsage
	}
	start := time.Now()
	res, err := build.Check(context.Background(), build.Options{SiteDir: *siteDir, Theme: e.theme, Now: t,
		PreviewSecret: os.Getenv(site.PreviewSecretEnv)})
	if code := report(e.stderr, *siteDir, res.Warnings, err); code != exitOK {
		return code
	}
	fmt.Fprintf(e.stdout, "checked %d pages in %s: no errors\n", len(res.Site.Pages), time.Since(start).Round(time.Millisecond))
	return exitOK
}
