package cli

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"pressroom/internal/build"
	"pressroom/internal/diag"
	"pressroom/internal/heap"
	"pressroom/internal/publish"
	"pressroom/internal/site"
)

func runBuild(e *env, args []string) int {
	fs := newFlags(e, "build", "[-s SITE] [-o OUT] [--drafts] [--future] [--now RFC3339] [--base-url URL] [--force] [--ping]",
		"Builds the site in SITE into OUT. The previous OUT is replaced only when the build succeeds.")
	siteDir := fs.String("s", ".", "the site's folder (with site.toml and content/)")
	out := fs.String("o", "", "output folder (default SITE/public)")
	drafts := fs.Bool("drafts", false, "include drafts")
	future := fs.Bool("future", false, "include releases dated or embargoed after now")
	now := fs.String("now", "", "the time to build for, RFC 3339 (default: SOURCE_DATE_EPOCH or the clock)")
	baseURL := fs.String("base-url", "", "override baseURL of site.toml, e.g. https://staging.example.org/presse/")
	force := fs.Bool("force", false, "replace OUT even if it holds files that pressroom did not write")
	doPing := fs.Bool("ping", false, "after the build, notify the WebSub hub of [feeds] hub of the feeds that changed (see ping)")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	heap.Bound()
	t, err := parseNow(*now)
	if err != nil {
		fmt.Fprintln(e.stderr, "pressroom build:", err)
		return exitUsage
	}
	if siteMissing(e, "build", *siteDir) {
		return exitContent
	}
	if *out == "" {
		*out = filepath.Join(*siteDir, "public")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	dir, err := publish.Open(ctx, *out, publish.Options{SiteDir: *siteDir, Force: *force, Waiting: func() {
		fmt.Fprintf(e.stderr, "pressroom build: waiting for another build into %s to end …\n", *out)
	}})
	if err != nil && ctx.Err() != nil {
		return interrupted(e)
	}
	if err != nil {
		fmt.Fprintln(e.stderr, "pressroom build:", err)
		return exitContent
	}
	res, cache, err := build.BuildCached(ctx, build.Options{SiteDir: *siteDir, Theme: e.theme, Now: t, Drafts: *drafts, Future: *future, BaseURL: *baseURL,
		PreviewSecret: os.Getenv(site.PreviewSecretEnv), GoLive: true}, build.Cache{Dir: filepath.Join(*siteDir, build.CacheDir), Output: *out}, dir)
	if ctx.Err() != nil {
		// Interrupted (SIGINT, SIGTERM): the temporary folder goes, the
		// output stays as it was.
		dir.Abort()
		cache.Drop()
		return interrupted(e)
	}
	if err == nil {
		err = dir.Commit()
	} else {
		dir.Abort()
	}
	// A build that changed nothing leaves the cache as it is: it still
	// describes the output.
	if err == nil && dir.Changed() {
		if cerr := cache.Save(); cerr != nil {
			fmt.Fprintln(e.stderr, "pressroom build: the cache was not saved (the next build is slower):", cerr)
		}
	} else {
		cache.Drop()
	}
	defer dir.Wait()
	if code := report(e.stderr, *siteDir, res.Warnings, err); code != exitOK {
		if _, err := os.Stat(*out); err != nil {
			fmt.Fprintln(e.stderr, "build failed: nothing was written")
		} else {
			fmt.Fprintf(e.stderr, "build failed: %s is unchanged\n", *out)
		}
		return code
	}
	kept := ""
	if total := res.Stats.Pages + res.Stats.Feeds + res.Stats.Other; res.Stats.Rendered < total {
		kept = fmt.Sprintf(" (%d unchanged, kept from the last build)", total-res.Stats.Rendered)
	}
	fmt.Fprintf(e.stdout, "built %s into %s in %s%s\n", outputs(res), *out, res.Duration.Round(time.Millisecond), kept)
	if s := res.Site; len(s.Held) > 0 {
		fmt.Fprintf(e.stdout, "held back: %d (drafts or not yet public)\n", len(s.Held))
		if !s.NextRelease.IsZero() {
			fmt.Fprintf(e.stdout, "next embargo lifts %s (%s): rebuild then\n",
				s.NextRelease.In(s.Config.Location).Format("2006-01-02 15:04 MST"), diag.Printable(s.NextReleasePage.Path))
		}
	}
	if *doPing {
		dir.Wait()
		return ping(e, *siteDir, *out)
	}
	return exitOK
}

// interrupted reports a build stopped by a signal: exit 130, as shells do.
func interrupted(e *env) int {
	fmt.Fprintln(e.stderr, "pressroom build: interrupted; the output is unchanged")
	return exitInterrupted
}

// outputs counts what a build writes, as build and check report it.
func outputs(res *build.Result) string {
	return fmt.Sprintf("%d pages, %d feeds, %d files", res.Stats.Pages, res.Stats.Feeds, res.Files+res.Stats.Other)
}
