package render

import (
	"bytes"
	stdhtml "html"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"pressroom/internal/feeds"
	"pressroom/internal/site"
)

// feedContent is the partial that makes the full content of a feed item.
const feedContent = "partials/feed-content.html"

// feedCache makes the feed item of a page once, however many feeds it is in.
type feedCache struct {
	r     *Renderer
	mu    sync.Mutex
	items map[*site.Page]*cachedItem
}

type cachedItem struct {
	once sync.Once
	item *feeds.Item
}

func newFeedCache(r *Renderer) *feedCache {
	return &feedCache{r: r, items: map[*site.Page]*cachedItem{}}
}

func (c *feedCache) item(p *site.Page) *feeds.Item {
	c.mu.Lock()
	ci := c.items[p]
	if ci == nil {
		ci = &cachedItem{}
		c.items[p] = ci
	}
	c.mu.Unlock()
	ci.once.Do(func() { ci.item = c.r.feedItem(p) })
	return ci.item
}

func (r *Renderer) feedItem(p *site.Page) *feeds.Item {
	pageURL := r.abs(p.URL)
	base, _ := url.Parse(pageURL)
	it := &feeds.Item{Title: p.Title, URL: pageURL, Summary: r.summary(p), Published: p.Released(), Updated: p.Modified()}
	if it.Updated.Before(it.Published) {
		it.Updated = it.Published
	}
	if r.cfg.Feeds.FullContent() {
		// Its errors are reported with the render's (see Render).
		content, err := r.partial(feedContent, &Data{Site: r.view, Config: r.cfg, Kind: p.Kind, Title: p.Title, URL: p.URL, Page: p, Content: r.body(p)})
		if err != nil {
			r.mu.Lock()
			r.failed.Add(r.diagnostic(feedContent, diagErr{r.templateError(err, feedContent)}))
			r.mu.Unlock()
		}
		it.Content = Absolutize(string(content), base)
	}
	for _, o := range p.Orgs {
		it.Authors = append(it.Authors, o.Name)
	}
	for _, t := range p.Tags {
		it.Tags = append(it.Tags, t.Name)
	}
	if p.Image != "" {
		it.Image = base.ResolveReference(&url.URL{Path: p.Image}).String()
		it.ImageAlt, it.ImageCredit = p.ImageAlt, p.ImageCredit
	}
	for _, a := range p.Attachments {
		it.Attachments = append(it.Attachments, feeds.Attachment{URL: base.ResolveReference(&url.URL{Path: a.File}).String(),
			Type: a.Type, Title: a.Title, Length: a.Size})
	}
	// The lead photo: its 1200 px variant as the item's image, and the
	// print original, titled with its credit, as an enclosure.
	if f := r.leadFigure(p); f != nil {
		it.Image = base.ResolveReference(&url.URL{Path: f.OG}).String()
		title := f.Credit
		if title == "" {
			title = f.Info
		}
		it.Attachments = append(it.Attachments, feeds.Attachment{URL: base.ResolveReference(&url.URL{Path: f.Download}).String(),
			Type: "image/" + strings.ToLower(f.Format), Title: title, Length: f.Size})
	}
	return it
}

// feedJobs adds the three feeds of a folder with the newest entries. A
// corrected entry moves up by the date of its correction.
func (r *Renderer) feedJobs(jobs *[]job, folder, title, desc string, entries []*site.Page) {
	all := entries
	pages := 0
	if r.cfg.Feeds.Archived(folder) {
		pages = archivePages(len(all), r.cfg.Feeds.Items)
	}
	entries = newestModified(entries, r.cfg.Feeds.Items)
	if desc == "" {
		desc = r.cfg.Description
	}
	if desc == "" {
		desc = title
	}
	archive := folder + r.cfg.Paths.Archive + "/"
	meta := feeds.Meta{Title: title, Description: desc, Language: r.cfg.Language, Copyright: r.cfg.Copyright,
		Author: r.cfg.Title, HomeURL: r.abs(folder), FolderURL: r.abs(folder), Hub: r.cfg.Feeds.Hub,
		Archives: pages, ArchiveURL: r.abs(archive)}
	items := func() []*feeds.Item {
		out := make([]*feeds.Item, len(entries))
		for i, p := range entries {
			out[i] = r.feeds.item(p)
		}
		return out
	}
	// An empty feed was last updated when the site was: a rebuild does
	// not change it.
	var quiet time.Time
	if len(entries) == 0 {
		for _, p := range r.site.Dated {
			if m := p.Modified(); m.After(quiet) {
				quiet = m
			}
		}
		if quiet.IsZero() {
			quiet = r.site.Now
		}
	}
	updated := func(items []*feeds.Item) time.Time {
		t := quiet
		for _, it := range items {
			if it.Updated.After(t) {
				t = it.Updated
			}
		}
		return t.In(r.cfg.Location)
	}
	// The template of a feed is the partial that makes its items' content.
	tmpl := ""
	if r.cfg.Feeds.FullContent() {
		tmpl = feedContent
	}
	deps := func(k Deps) {
		k.Str("feed").Str(folder).Str(title).Str(desc).Pages(entries)
		if r.unknownReads(tmpl) {
			k.Shared("whole", r.whole)
		}
		if len(entries) == 0 {
			k.Time(quiet)
		}
		k.Num(uint64(pages))
	}
	src := origin{what: "a feed of ", of: folder}
	for _, f := range []struct {
		name  string
		write func(*bytes.Buffer, feeds.Meta, []*feeds.Item) error
	}{{feeds.RSSFile, feeds.RSS}, {feeds.AtomFile, feeds.Atom}, {feeds.JSONFile, feeds.JSON}} {
		*jobs = append(*jobs, job{name: strings.TrimPrefix(folder, "/") + f.name, kind: kindFeed, tmpl: tmpl, src: src, deps: deps, run: func(b *bytes.Buffer) error {
			its := items()
			m := meta
			m.Updated = updated(its)
			return f.write(b, m, its)
		}})
	}
	// The archive documents of the XML formats (RFC 5005 §4).
	for n := 1; n <= pages; n++ {
		part := archivePage(all, r.cfg.Feeds.Items, n)
		last := n == pages
		deps := func(k Deps) {
			k.Str("feed archive").Str(folder).Str(title).Str(desc).Num(uint64(n)).Flag(last).Pages(part)
			if r.unknownReads(tmpl) {
				k.Shared("whole", r.whole)
			}
		}
		for _, f := range []struct {
			name  string
			write func(*bytes.Buffer, feeds.Meta, []*feeds.Item) error
		}{{feeds.RSSFile, feeds.RSS}, {feeds.AtomFile, feeds.Atom}} {
			*jobs = append(*jobs, job{name: strings.TrimPrefix(archive, "/") + feeds.ArchiveFile(f.name, n), kind: kindFeed, tmpl: tmpl, src: src, deps: deps, run: func(b *bytes.Buffer) error {
				its := make([]*feeds.Item, len(part))
				for i, p := range part {
					its[i] = r.feeds.item(p)
				}
				m := meta
				m.Archive = n
				// Not the subscription feed's: the archive is made of its
				// items only.
				m.Updated = updated(its)
				return f.write(b, m, its)
			}})
		}
	}
}

// archivePages is the number of archive documents of a feed of total
// entries with per items: archive pages are counted from the oldest entry
// and only full pages are made, so that a page, once made, keeps its
// entries. The newest entries beyond the last full page are in the
// subscription feed; with no more entries than the feed holds, there is
// no archive.
func archivePages(total, per int) int {
	if per <= 0 || total <= per {
		return 0
	}
	return total / per
}

// archivePage returns the entries of archive page n (1 the oldest) of
// entries, which are sorted by date, newest first; it keeps that order.
func archivePage(entries []*site.Page, per, n int) []*site.Page {
	end := len(entries) - (n-1)*per
	return entries[end-per : end]
}

// newestModified returns the n entries changed last (by updated, else
// date), newest first. entries are sorted by date, newest first, and an
// entry is modified no earlier than its date, so the result is among the
// first n entries and those with a correction.
func newestModified(entries []*site.Page, n int) []*site.Page {
	top := entries[:min(n, len(entries))]
	var out []*site.Page
	for i, p := range entries {
		if i >= len(top) && !(p.Updated.After(p.Date)) {
			continue
		}
		out = append(out, p)
	}
	if len(out) == len(top) && !anyUpdated(top) {
		return top
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Modified().After(out[j].Modified()) })
	return out[:min(n, len(out))]
}

func anyUpdated(ps []*site.Page) bool {
	for _, p := range ps {
		if p.Updated.After(p.Date) {
			return true
		}
	}
	return false
}

// Absolutize makes the href and src attributes of rendered HTML absolute,
// resolved against base (the page's URL): feed readers show content away
// from the site.
func Absolutize(html string, base *url.URL) string {
	var b bytes.Buffer
	b.Grow(len(html) + 256)
	for {
		i := nextURLAttr(html)
		if i < 0 {
			b.WriteString(html)
			return b.String()
		}
		b.WriteString(html[:i])
		html = html[i:]
		end := strings.IndexByte(html, '"')
		ref := html[:end]
		// Fragments too: a reader resolves "#fn:1" against the feed's own
		// address, not the page's.
		if u, err := url.Parse(stdhtml.UnescapeString(ref)); err == nil && !u.IsAbs() {
			escapeHTML(&b, base.ResolveReference(u).String())
		} else {
			b.WriteString(ref)
		}
		html = html[end:]
	}
}

// nextURLAttr returns the offset of the value of the next href="…" or
// src="…", or -1.
func nextURLAttr(s string) int {
	best := -1
	for _, attr := range []string{` href="`, ` src="`} {
		if i := strings.Index(s, attr); i >= 0 && (best < 0 || i+len(attr) < best) {
			best = i + len(attr)
		}
	}
	return best
}
