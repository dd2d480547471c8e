package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"pressroom/internal/build"
	"pressroom/internal/config"
	"pressroom/internal/feeds"
)

// pingRecord is the file in the site's cache folder that holds the content
// hash of every feed as the hub last accepted it.
const pingRecord = "websub.json"

// pinger notifies a WebSub hub of the feeds that changed since the last
// successful ping.
type pinger struct {
	hub     string
	client  *http.Client
	backoff time.Duration // before the first retry; doubles
	tries   int
	out     io.Writer
}

func runPing(e *env, args []string) int {
	fs := newFlags(e, "ping", "[-s SITE] [-o OUT]",
		"Notifies the WebSub hub of [feeds] hub of every feed in OUT whose content changed since the last ping (hub.mode=publish).")
	siteDir := fs.String("s", ".", "the site's folder (with site.toml)")
	out := fs.String("o", "", "the built site (default SITE/public)")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if *out == "" {
		*out = filepath.Join(*siteDir, "public")
	}
	return ping(e, *siteDir, *out)
}

// ping runs the ping of a built site; build --ping calls it too.
func ping(e *env, siteDir, out string) int {
	cfg, diags := config.Load(os.DirFS(siteDir))
	if cfg == nil || diags.HasErrors() {
		report(e.stderr, siteDir, diags, nil)
		return exitContent
	}
	if cfg.Feeds.Hub == "" {
		fmt.Fprintln(e.stderr, "pressroom ping: no hub: set [feeds] hub = \"https://…\" in site.toml")
		return exitContent
	}
	p := pinger{hub: cfg.Feeds.Hub, client: &http.Client{Timeout: 30 * time.Second}, backoff: time.Second, tries: 4, out: e.stdout}
	if d := os.Getenv("PRESSROOM_PING_BACKOFF"); d != "" {
		if b, err := time.ParseDuration(d); err == nil {
			p.backoff = b
		}
	}
	if err := p.run(context.Background(), cfg.Base, out, filepath.Join(siteDir, build.CacheDir, pingRecord)); err != nil {
		fmt.Fprintln(e.stderr, "pressroom ping:", err)
		return exitContent
	}
	return exitOK
}

func (p *pinger) run(ctx context.Context, base *url.URL, out, record string) error {
	hashes := map[string]string{}
	err := filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch d.Name() {
		case feeds.RSSFile, feeds.AtomFile, feeds.JSONFile:
		default:
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, path)
		sum := sha256.Sum256(data)
		hashes[base.String()+filepath.ToSlash(rel)] = hex.EncodeToString(sum[:])
		return nil
	})
	if err != nil {
		return fmt.Errorf("reading the feeds of %s: %w", out, err)
	}
	if len(hashes) == 0 {
		return fmt.Errorf("no feeds in %s: build first", out)
	}
	last := map[string]string{}
	if b, err := os.ReadFile(record); err == nil {
		if err := json.Unmarshal(b, &last); err != nil {
			fmt.Fprintf(p.out, "%s is not readable (%v): notifying the hub of every feed\n", record, err)
			last = map[string]string{}
		}
	}
	var changed []string
	for u, h := range hashes {
		if last[u] != h {
			changed = append(changed, u)
		}
	}
	sort.Strings(changed)
	if len(changed) == 0 {
		fmt.Fprintf(p.out, "no feed changed since the last ping (%d feeds)\n", len(hashes))
		return nil
	}
	// The record keeps what the hub accepted: a feed that failed is
	// notified again next time. Feeds no longer built are dropped.
	next := map[string]string{}
	for u, h := range last {
		if _, ok := hashes[u]; ok {
			next[u] = h
		}
	}
	var failed []string
	for _, u := range changed {
		if err := p.publish(ctx, u); err != nil {
			failed = append(failed, u)
			fmt.Fprintf(p.out, "failed    %s: %v\n", u, err)
			continue
		}
		next[u] = hashes[u]
		fmt.Fprintf(p.out, "notified  %s\n", u)
	}
	if err := os.MkdirAll(filepath.Dir(record), 0o755); err == nil {
		b, _ := json.MarshalIndent(next, "", "  ")
		tmp := record + ".tmp"
		if err = os.WriteFile(tmp, append(b, '\n'), 0o644); err == nil {
			err = os.Rename(tmp, record)
		}
		if err != nil {
			return fmt.Errorf("the record of the ping was not saved (the next ping notifies these feeds again): %w", err)
		}
	}
	fmt.Fprintf(p.out, "hub %s: %d of %d changed feeds notified, %d unchanged\n", p.hub, len(changed)-len(failed), len(changed), len(hashes)-len(changed))
	if len(failed) > 0 {
		return fmt.Errorf("%d feeds not notified (the next ping tries them again)", len(failed))
	}
	return nil
}

// publish sends hub.mode=publish for one feed, with retries and a doubling
// pause on network errors, 429 and 5xx; other answers are final.
func (p *pinger) publish(ctx context.Context, feed string) error {
	form := url.Values{"hub.mode": {"publish"}, "hub.url": {feed}}
	wait := p.backoff
	var last error
	for try := 1; try <= p.tries; try++ {
		if try > 1 {
			select {
			case <-time.After(wait):
			case <-ctx.Done():
				return ctx.Err()
			}
			wait *= 2
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.hub, strings.NewReader(form.Encode()))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := p.client.Do(req)
		if err != nil {
			last = err
			continue
		}
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		resp.Body.Close()
		if resp.StatusCode >= 200 && resp.StatusCode < 300 {
			return nil
		}
		last = fmt.Errorf("hub answered %s: %s", resp.Status, strings.TrimSpace(string(body)))
		if resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode < 500 {
			return last
		}
	}
	return fmt.Errorf("after %d tries: %w", p.tries, last)
}
