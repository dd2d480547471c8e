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
	fs := newFlags(e, "check", "[-s SITE] [--now RFC3339] [--strict]",
		"Checks the site in SITE as build would — configuration, frontmatter, links, templates — and writes\n"+
			"nothing. Exit 1 when there are errors. Fast enough to run on every save in an editor. With\n"+
			"--strict (for CI before going live) warnings fail too: placeholder text that init and new\n"+
			"wrote, example addresses, a release without place.")
	siteDir := fs.String("s", ".", "the site's folder (with site.toml and content/)")
	now := fs.String("now", "", "the time to check for, RFC 3339 (default: SOURCE_DATE_EPOCH or the clock)")
	strict := fs.Bool("strict", false, "fail (exit 1) on warnings too")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	heap.Bound()
	t, err := parseNow(*now)
	if err != nil {
		fmt.Fprintln(e.stderr, "pressroom check:", err)
		return exitUsage
	}
	if siteMissing(e, "check", *siteDir) {
		return exitContent
	}
	start := time.Now()
	res, err := build.Check(context.Background(), build.Options{SiteDir: *siteDir, Theme: e.theme, Now: t,
		PreviewSecret: os.Getenv(site.PreviewSecretEnv), GoLive: true})
	if code := report(e.stderr, *siteDir, res.Warnings, err); code != exitOK {
		return code
	}
	if *strict && len(res.Warnings) > 0 {
		fmt.Fprintf(e.stderr, "check --strict: the %s above must be fixed before the site goes live\n",
			plural(len(res.Warnings), "warning", "warnings"))
		return exitContent
	}
	fmt.Fprintf(e.stdout, "checked %s in %s: no errors\n", outputs(res), time.Since(start).Round(time.Millisecond))
	return exitOK
}
