// Package site is the pure model of a site: which pages are published, their
// URLs, sections, year archives, tags, organisations and neighbours. It does
// no I/O.
package site

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"pressroom/internal/config"
	"pressroom/internal/content"
	"pressroom/internal/diag"
	"pressroom/internal/slug"
)

// Options decide what is published.
type Options struct {
	Now    time.Time
	Drafts bool // include drafts
	Future bool // include pages dated or embargoed after Now
	// PreviewSecret makes the unguessable URLs of embargo previews.
	PreviewSecret string
	// Related, if set, carries the related releases from one model of a
	// site to the next (the preview's rebuilds): those that nothing they
	// depend on changed for are not looked for again. internal/incr
	// keeps them.
	Related RelatedMemo
}

// RelatedMemo carries related releases from an earlier model of a site.
type RelatedMemo interface {
	// Reuse gives releases (newest first) the related releases found for
	// them before, where those still hold for the candidates of each
	// topic and issuer (lists: indexes into releases, of each of terms),
	// and returns the indexes of the other releases, for which they are
	// looked for.
	Reuse(releases []*Page, terms []*Term, lists map[*Term][]int32) []int
	// Remember keeps the related releases of this model for the next.
	Remember(releases []*Page)
}

// Site is the published part of a site and its structure.
type Site struct {
	Config   *config.Site
	Now      time.Time
	Pages    []*Page    // every published page: dated ones newest first, then plain pages
	Dated    []*Page    // releases and papers, newest first
	Plain    []*Page    // pages at the content root, by title
	Sections []*Section // in the order of site.toml, then by name
	Tags     []*Term    // by slug
	Orgs     []*Term    // organisations in the order of site.toml
	// TagsURL and OrgsURL are the URLs of the index of topics and of
	// organisations; each term's URL lies below them.
	TagsURL, OrgsURL string
	Held             []*Page // unpublished: drafts and embargoed or future pages
	Previews         []*Page // embargo previews for journalists: held releases at unguessable URLs
	// NextRelease is the earliest instant after Now at which a held page
	// (not a draft) becomes public; zero if none.
	NextRelease     time.Time
	NextReleasePage *Page
	// Stable is the earliest instant after Now at which a page is released
	// and its status changes; zero if none. Before it, the model of the
	// same files for a later instant differs only in Now.
	Stable time.Time
}

// Page is a published page: what its frontmatter says and where the
// model puts it. It holds nothing of its file beyond that (no body, no
// checksum, no file stamps): the rendered body is render's (see
// render.Input.Bodies), the state of incremental builds is internal/incr's.
type Page struct {
	Path string // slash path of its file relative to the site, e.g. content/pressemitteilungen/x.md
	Kind string
	Slug string

	Title, Summary, Place, Layout, Correction string
	Date, Embargo, Updated                    time.Time
	Aliases                                   []string
	Attachments                               []content.Attachment
	Images                                    []content.Photo // the gallery
	Dir                                       string          // slash folder of the page's file, relative to the site
	Image, ImageAlt, ImageCredit              string
	ImageWidth, ImageHeight                   int            // 0 if not a PNG, JPEG or GIF
	Params                                    map[string]any // a theme's own keys
	EmbargoPreview                            bool           // the frontmatter asks for an embargo preview

	Section   *Section
	URL       string // site-relative, "/pressemitteilungen/2021/slug/" or "/alt/x.html"
	Orgs      []*Term
	Contacts  []*config.Contact
	Tags      []*Term
	Prev      *Page   // older page of the same section
	Next      *Page   // newer page of the same section
	Draft     bool    // shown only because drafts are included
	Embargoed bool    // released after Now (date or embargo ahead), shown only because future pages are included, or as an embargo preview
	Preview   bool    // an embargo preview at an unguessable URL
	Related   []*Page // other releases on the same topics or by the same issuers

	keyLines map[string]int // line of each frontmatter key, for messages
	tagNames []string       // the topics as the frontmatter names them
}

// Line returns the line of a frontmatter key in the page's file, or 1.
func (p *Page) Line(key string) int {
	if l, ok := p.keyLines[key]; ok {
		return l
	}
	return 1
}

// newPage is the page of the file cp, before the model places it.
func newPage(cfg *config.Site, cp *content.Page) *Page {
	return &Page{Path: cp.Path, Kind: cp.Kind(cfg), Slug: cp.Slug,
		Title: cp.Title, Summary: cp.Summary, Place: cp.Place, Layout: cp.Layout, Correction: cp.Correction,
		Date: cp.Date, Embargo: cp.Embargo, Updated: cp.Updated, Aliases: cp.Aliases, Attachments: cp.Attachments,
		Image: cp.Image, ImageAlt: cp.ImageAlt, ImageCredit: cp.ImageCredit, ImageWidth: cp.ImageWidth, ImageHeight: cp.ImageHeight,
		Params: cp.Params, EmbargoPreview: cp.EmbargoPreview, keyLines: cp.KeyLines, tagNames: cp.Tags,
		Images: cp.Images, Dir: cp.Dir}
}

// Released is the instant the page becomes public: the later of date and embargo.
func (p *Page) Released() time.Time {
	if p.Embargo.After(p.Date) {
		return p.Embargo
	}
	return p.Date
}

// Modified is the updated date, or the date.
func (p *Page) Modified() time.Time {
	if !p.Updated.IsZero() && p.Updated.After(p.Date) {
		return p.Updated
	}
	return p.Date
}

// IsFuture reports whether the page becomes public only after now: its
// date or its embargo lies after now. This holds for every kind of page:
// a plain page (Impressum) with an embargo or a date ahead is held back
// like a release.
func IsFuture(p *content.Page, now time.Time) bool { return releaseTime(p).After(now) }

// Publishes reports whether a build with these options publishes the page.
// It is the one rule of publication: the model holds back every page it
// rejects, so that no output made from the model (page, list, feed,
// sitemap, alias, topic, issuer, neighbour, related release, file) can
// show it.
func (o Options) Publishes(p *content.Page) bool {
	return (!p.Draft || o.Drafts) && (o.Future || !IsFuture(p, o.Now))
}

func releaseTime(p *content.Page) time.Time {
	if p.Embargo.After(p.Date) {
		return p.Embargo
	}
	return p.Date
}

// Section is a content folder with its published pages.
type Section struct {
	Name string
	*config.Section
	URL   string
	Pages []*Page // dated: newest first; kind page: by title
	Years []*Year // newest first; empty for kind page
}

// Year is a year archive of a section.
type Year struct {
	Year  int
	URL   string
	Pages []*Page
}

// Term is a tag or an organisation with its pages, newest first.
type Term struct {
	Name  string
	Slug  string
	URL   string
	Org   *config.Organization // set for organisations
	Pages []*Page
}

// New builds the model from loaded pages. Sections that site.toml does not
// declare are added to a copy of cfg.
func New(cfg *config.Site, pages []*content.Page, opts Options) (*Site, diag.List) {
	var diags diag.List
	cfg = cfg.Clone()
	s := &Site{Config: cfg, Now: opts.Now}
	sections := map[string]*Section{}
	for _, cp := range pages {
		if cp.Section != "" && cfg.Sections[cp.Section] == nil {
			cfg.AddSection(cp.Section)
		}
	}
	for _, name := range cfg.SectionOrder {
		sec := &Section{Name: name, Section: cfg.Sections[name], URL: "/" + name + "/"}
		sections[name] = sec
		s.Sections = append(s.Sections, sec)
	}
	// Organisations are terms like topics, each with its URL made here.
	orgs := map[string]*Term{}
	s.TagsURL, s.OrgsURL = "/"+cfg.Paths.Tags+"/", "/"+cfg.Paths.Organizations+"/"
	for _, o := range cfg.Organizations {
		t := &Term{Name: o.Name, Slug: o.ID, URL: s.OrgsURL + o.ID + "/", Org: o}
		orgs[o.ID] = t
		s.Orgs = append(s.Orgs, t)
	}
	for _, cp := range pages {
		p := newPage(cfg, cp)
		if cp.Section != "" {
			p.Section = sections[cp.Section]
		}
		p.URL = permalink(cfg, p, cp.URL)
		for _, id := range cp.Organizations {
			if t := orgs[id]; t != nil {
				p.Orgs = append(p.Orgs, t)
			}
		}
		for _, id := range cp.Contacts {
			if c := cfg.Contact(id); c != nil {
				p.Contacts = append(p.Contacts, c)
			}
		}
		released := releaseTime(cp)
		future := IsFuture(cp, opts.Now)
		if future && (s.Stable.IsZero() || released.Before(s.Stable)) {
			s.Stable = released
		}
		if !opts.Publishes(cp) {
			s.Held = append(s.Held, p)
			if !cp.Draft && future && (s.NextRelease.IsZero() || released.Before(s.NextRelease)) {
				s.NextRelease, s.NextReleasePage = released, p
			}
			if !cp.Draft && future && cp.EmbargoPreview {
				s.addPreview(p, opts.PreviewSecret, &diags)
			}
			continue
		}
		p.Draft = cp.Draft
		p.Embargoed = future
		s.Pages = append(s.Pages, p)
	}
	sort.SliceStable(s.Pages, func(i, j int) bool { return less(s.Pages[i], s.Pages[j]) })
	sort.Slice(s.Held, func(i, j int) bool { return s.Held[i].Path < s.Held[j].Path })
	sort.Slice(s.Previews, func(i, j int) bool { return s.Previews[i].Path < s.Previews[j].Path })
	s.checkURLs(&diags)

	tags := map[string]*Term{}
	tagSlugs := map[string]string{}
	for _, p := range s.Pages {
		if p.Kind == config.KindPage {
			if p.Section == nil {
				s.Plain = append(s.Plain, p)
			} else {
				p.Section.Pages = append(p.Section.Pages, p)
			}
			continue
		}
		s.Dated = append(s.Dated, p)
		p.Section.Pages = append(p.Section.Pages, p)
		for _, name := range p.tagNames {
			sl, ok := tagSlugs[name]
			if !ok {
				sl = slug.Make(name)
				tagSlugs[name] = sl
			}
			if sl == "" {
				continue
			}
			t := tags[sl]
			if t == nil {
				t = &Term{Name: name, Slug: sl, URL: s.TagsURL + sl + "/"}
				tags[sl] = t
				s.Tags = append(s.Tags, t)
			}
			if n := len(t.Pages); n == 0 || t.Pages[n-1] != p {
				t.Pages = append(t.Pages, p)
				p.Tags = append(p.Tags, t)
			}
		}
		for _, o := range p.Orgs {
			o.Pages = append(o.Pages, p)
		}
	}
	sort.Slice(s.Tags, func(i, j int) bool { return s.Tags[i].Slug < s.Tags[j].Slug })
	for _, sec := range s.Sections {
		if sec.Kind == config.KindPage {
			continue
		}
		for i, p := range sec.Pages {
			if i > 0 {
				p.Next = sec.Pages[i-1]
			}
			if i+1 < len(sec.Pages) {
				p.Prev = sec.Pages[i+1]
			}
			y := p.Date.In(cfg.Location).Year()
			if n := len(sec.Years); n == 0 || sec.Years[n-1].Year != y {
				sec.Years = append(sec.Years, &Year{Year: y, URL: sec.URL + strconv.Itoa(y) + "/"})
			}
			last := sec.Years[len(sec.Years)-1]
			last.Pages = append(last.Pages, p)
		}
	}
	s.relate(opts.Related)
	return s, diags
}

// Limits of related releases: how many are shown, and how far down each
// topic's and issuer's list (newest first) candidates are looked for, which
// keeps the work linear in the number of releases.
const (
	relatedShown = 5
	relatedScan  = 200
)

// relate finds for each release up to five other releases that share the
// most topics and issuers (a shared topic counts twice), the newer first on
// a tie, and lists them newest first. Releases are scored in parallel, each
// with a scratch array indexed by release.
func (s *Site) relate(prev RelatedMemo) {
	var releases []*Page
	index := map[*Page]int32{}
	for _, p := range s.Dated {
		if p.Kind == config.KindRelease {
			index[p] = int32(len(releases))
			releases = append(releases, p)
		}
	}
	if len(releases) < 2 {
		return
	}
	// The candidate lists: the newest releases of each topic and issuer.
	terms := append(append([]*Term(nil), s.Tags...), s.Orgs...)
	lists := map[*Term][]int32{}
	for _, t := range terms {
		var l []int32
		for _, q := range t.Pages {
			if i, ok := index[q]; ok {
				l = append(l, i)
				if len(l) == relatedScan {
					break
				}
			}
		}
		lists[t] = l
	}
	todo := make([]int, len(releases))
	for i := range todo {
		todo[i] = i
	}
	if prev != nil {
		todo = prev.Reuse(releases, terms, lists)
		defer prev.Remember(releases)
	}
	workers := min(runtime.GOMAXPROCS(0), 4)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			score := make([]int32, len(releases))
			var touched []int32
			for ti := w; ti < len(todo); ti += workers {
				pi := todo[ti]
				p := releases[pi]
				touched = touched[:0]
				add := func(l []int32, weight int32) {
					for _, i := range l {
						if int(i) == pi {
							continue
						}
						if score[i] == 0 {
							touched = append(touched, i)
						}
						score[i] += weight
					}
				}
				for _, t := range p.Tags {
					add(lists[t], 2)
				}
				for _, o := range p.Orgs {
					add(lists[o], 1)
				}
				// Keep the best five: higher score, then newer (a lower
				// index, as releases are newest first).
				var best [relatedShown]int32
				n := 0
				better := func(a, b int32) bool {
					if score[a] != score[b] {
						return score[a] > score[b]
					}
					return a < b
				}
				for _, i := range touched {
					if n < relatedShown {
						best[n] = i
						n++
					} else if better(i, best[n-1]) {
						best[n-1] = i
					} else {
						continue
					}
					for j := n - 1; j > 0 && better(best[j], best[j-1]); j-- {
						best[j], best[j-1] = best[j-1], best[j]
					}
				}
				for _, i := range touched {
					score[i] = 0
				}
				chosen := best[:n]
				sort.Slice(chosen, func(a, b int) bool { return chosen[a] < chosen[b] })
				p.Related = make([]*Page, n)
				for j, i := range chosen {
					p.Related[j] = releases[i]
				}
			}
		}(w)
	}
	wg.Wait()
}

// addPreview makes an embargoed release also available at an unguessable
// URL for journalists. Without a secret the URL would be guessable: that
// is an error.
func (s *Site) addPreview(held *Page, secret string, diags *diag.List) {
	if secret == "" {
		diags.Add(diag.Diagnostic{Path: held.Path, Line: held.Line("embargo_preview"),
			Msg:  "embargo_preview needs a secret to make an unguessable URL",
			Hint: "set the environment variable " + PreviewSecretEnv + " to a random text of 24 characters or more and keep it; make one with: head -c 32 /dev/urandom | base64"})
		return
	}
	if err := CheckPreviewSecret(secret); err != nil {
		diags.Add(diag.Diagnostic{Path: held.Path, Line: held.Line("embargo_preview"), Msg: err.Error(),
			Hint: "make one with: head -c 32 /dev/urandom | base64"})
		return
	}
	p := *held
	p.Preview, p.Embargoed, p.Prev, p.Next = true, true, nil, nil
	p.URL = PreviewURL(s.Config, secret, held.Path)
	s.Previews = append(s.Previews, &p)
}

// PreviewSecretEnv names the environment variable with the site secret of
// embargo previews.
const PreviewSecretEnv = "PRESSROOM_PREVIEW_SECRET"

// CheckPreviewSecret tells whether a secret is long enough for unguessable
// preview URLs (128 bits at least): 24 characters or more, blanks around
// it not counted, of at least 8 different ones.
func CheckPreviewSecret(secret string) error {
	secret = strings.TrimSpace(secret)
	distinct := map[rune]bool{}
	for _, r := range secret {
		distinct[r] = true
	}
	if n := utf8.RuneCountInString(secret); n < 24 || len(distinct) < 8 {
		return fmt.Errorf("%s is too easy to guess (%d characters, %d different): the preview URLs need at least 24 random characters", PreviewSecretEnv, n, len(distinct))
	}
	return nil
}

// PreviewURL is the site-relative URL of the embargo preview of the file at
// path: a token derived from the secret and the file, stable across builds.
func PreviewURL(cfg *config.Site, secret, path string) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(path))
	return "/" + cfg.Paths.Preview + "/" + hex.EncodeToString(mac.Sum(nil))[:32] + "/"
}

// less orders dated pages newest first, plain pages after them by title.
func less(a, b *Page) bool {
	ap, bp := a.Kind == config.KindPage, b.Kind == config.KindPage
	if ap != bp {
		return bp
	}
	if ap {
		if a.Title != b.Title {
			return a.Title < b.Title
		}
		return a.Path < b.Path
	}
	if !a.Date.Equal(b.Date) {
		return a.Date.After(b.Date)
	}
	return a.Path < b.Path
}

// permalink expands the section's pattern for p.
func permalink(cfg *config.Site, p *Page, explicit string) string {
	if explicit != "" {
		return CleanURL(explicit)
	}
	if p.Section == nil {
		return "/" + p.Slug + "/"
	}
	d := p.Date.In(cfg.Location)
	pattern := p.Section.Permalink
	b := make([]byte, 0, len(pattern)+len(p.Slug)+16)
	for i := 0; i < len(pattern); {
		if pattern[i] != ':' {
			b = append(b, pattern[i])
			i++
			continue
		}
		j := i + 1
		for j < len(pattern) && pattern[j] >= 'a' && pattern[j] <= 'z' {
			j++
		}
		switch pattern[i:j] {
		case ":section":
			b = append(b, p.Section.Name...)
		case ":year":
			b = strconv.AppendInt(b, int64(d.Year()), 10)
		case ":month":
			b = append(b, byte('0'+d.Month()/10), byte('0'+d.Month()%10))
		case ":day":
			b = append(b, byte('0'+d.Day()/10), byte('0'+d.Day()%10))
		case ":slug":
			b = append(b, p.Slug...)
		default:
			b = append(b, pattern[i:j]...)
		}
		i = j
	}
	return CleanURL(string(b))
}

// CleanURL makes a site-relative URL safe: it starts with "/", has no "..",
// and ends in "/" unless it names an .html file.
func CleanURL(u string) string {
	if isClean(u) {
		return u
	}
	u = strings.Map(func(r rune) rune {
		if r == '\\' || r == 0 || r == ':' || r < ' ' {
			return '-'
		}
		return r
	}, u)
	c := path.Clean("/" + u)
	if !strings.HasSuffix(c, ".html") && !strings.HasSuffix(c, "/") {
		c += "/"
	}
	return c
}

// isClean reports whether u is already what CleanURL makes of it: the
// common case of a permalink, checked without allocating.
func isClean(u string) bool {
	if len(u) < 2 || u[0] != '/' || u[len(u)-1] != '/' {
		return false
	}
	for i := 0; i < len(u); i++ {
		c := u[i]
		if c < ' ' || c == '\\' || c == ':' || (c == '/' && i > 0 && u[i-1] == '/') {
			return false
		}
		if c == '.' && (i == 0 || u[i-1] == '/') {
			return false
		}
	}
	return true
}

// checkURLs reports two pages with the same URL and aliases that collide.
func (s *Site) checkURLs(diags *diag.List) {
	byURL := map[string]*Page{}
	for _, p := range s.Pages {
		if other, ok := byURL[p.URL]; ok {
			diags.Add(diag.Diagnostic{Path: p.Path, Line: p.Line("slug"),
				Msg:  fmt.Sprintf("URL %s is also the URL of %s", p.URL, other.Path),
				Hint: "rename one of the files, or give one a different slug: in its frontmatter"})
			continue
		}
		byURL[p.URL] = p
	}
	seen := map[string]*Page{}
	for _, p := range s.Pages {
		for _, a := range p.Aliases {
			u := CleanURL(a)
			if other, ok := byURL[u]; ok {
				diags.Errorf(p.Path, p.Line("aliases"), "alias %s is the URL of %s", a, other.Path)
			} else if other, ok := seen[u]; ok && other != p {
				diags.Errorf(p.Path, p.Line("aliases"), "alias %s is also an alias of %s", a, other.Path)
			}
			seen[u] = p
		}
	}
}

// OutputPath is the file that serves a site-relative URL.
func OutputPath(u string) string {
	p := strings.TrimPrefix(u, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
}
