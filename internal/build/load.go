package build

import (
	"io/fs"
	"sort"

	"pressroom/internal/config"
	"pressroom/internal/content"
	"pressroom/internal/diag"
	"pressroom/internal/site"
)

// Loaded is a site read as far as its model: site.toml, the pages and the
// model made of them, as every build makes them. list and new see the site
// through it, so that they see the same pages and report the same errors
// as build.
type Loaded struct {
	Config *config.Site    // nil if site.toml could not be read
	Pages  []*content.Page // by path; nil when site.toml has errors
	Site   *site.Site      // the model for the options; nil when site.toml has errors
	opts   Options         // what the model was made for
	// What each step reported.
	ConfigDiags, ContentDiags, ModelDiags diag.List
}

// Load reads the site of opts (site.toml, then the content, then the
// model) for opts.Now, Drafts, Future, BaseURL and PreviewSecret. It stops
// after site.toml when that has errors. The list holds all that the steps
// reported, warnings too.
func Load(opts Options) (*Loaded, diag.List) {
	return load(siteFS(opts), opts, nil, nil)
}

// Model makes the model of the same pages again with or without drafts
// and future pages (list shows them all).
func (l *Loaded) Model(drafts, future bool) (*site.Site, diag.List) {
	o := l.opts
	o.Drafts, o.Future = drafts, future
	return newModel(l.Config, l.Pages, o, nil)
}

// siteFS is the file system of the site of opts.
func siteFS(opts Options) fs.FS {
	if opts.Site != nil {
		return opts.Site
	}
	return content.DirFS(opts.SiteDir)
}

// load is Load for the builder: related carries the related releases from
// one model to the next, and reuse, if not nil, is called once site.toml
// is read without errors, before the content, for the pages of an earlier
// build that need not be read again.
func load(fsys fs.FS, opts Options, related site.RelatedMemo, reuse func(*config.Site) content.Reuse) (*Loaded, diag.List) {
	l := &Loaded{opts: opts}
	l.Config, l.ConfigDiags = config.Load(fsys)
	if l.Config != nil && opts.BaseURL != "" {
		if err := l.Config.SetBaseURL(opts.BaseURL); err != nil {
			l.ConfigDiags.Errorf("--base-url", 0, "%v", err)
		}
	}
	all := append(diag.List(nil), l.ConfigDiags...)
	if l.Config == nil || l.ConfigDiags.HasErrors() {
		return l, all
	}
	var r content.Reuse
	if reuse != nil {
		r = reuse(l.Config)
	}
	l.Pages, l.ContentDiags = content.Load(fsys, l.Config, r)
	sort.Slice(l.Pages, func(i, j int) bool { return l.Pages[i].Path < l.Pages[j].Path })
	l.Site, l.ModelDiags = newModel(l.Config, l.Pages, opts, related)
	all.Add(l.ContentDiags...)
	all.Add(l.ModelDiags...)
	return l, all
}

// newModel makes the model of the pages, which are in the order of their
// paths.
func newModel(cfg *config.Site, pages []*content.Page, opts Options, related site.RelatedMemo) (*site.Site, diag.List) {
	return site.New(cfg, pages, site.Options{Now: opts.Now, Drafts: opts.Drafts, Future: opts.Future, PreviewSecret: opts.PreviewSecret, Related: related})
}
