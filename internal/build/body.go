package build

import (
	"html/template"
	"strings"

	"pressroom/internal/config"
	"pressroom/internal/content"
	"pressroom/internal/diag"
	"pressroom/internal/markdown"
	"pressroom/internal/render"
	"pressroom/internal/site"
)

// Bodies renders the Markdown of pages of the model s (made from l) as a
// build of s renders it, for outputs made outside the build (the e-mail
// edition): the site's renderer with the theme's reserved ids, links
// rewritten and checked against the outputs of s. Each page gets its
// body. It returns the organisations' boilerplate, rendered the same way,
// by id, the bodies, and the problems found (the theme's, broken links),
// which are errors as in a build.
func (l *Loaded) Bodies(s *site.Site, pages []*site.Page) (map[string]template.HTML, map[*site.Page]render.Body, diag.List) {
	var diags diag.List
	theme, d := render.LoadTheme(l.opts.Theme, siteFS(l.opts), l.Config)
	diags.Add(d...)
	if diags.HasErrors() {
		return nil, nil, diags
	}
	md := markdown.New(markdown.Options{Unsafe: l.Config.Markdown.Unsafe, Language: l.Config.Language, ReservedIDs: theme.IDs()})
	about := map[string]template.HTML{}
	for _, o := range l.Config.Organizations {
		r, err := md.Render([]byte(o.About), nil)
		if err != nil {
			diags.Errorf(config.File, 0, "organization %s: %v", o.ID, err)
		}
		about[o.ID] = template.HTML(r.HTML)
	}
	src := map[string]*content.Page{}
	for _, p := range l.Pages {
		src[p.Path] = p
	}
	files, _, d := resources(s, src, func(string) bool { return false })
	diags.Add(d...)
	r, d := render.New(render.Input{Site: s, Templates: theme.Templates, Assets: theme.Assets, About: about, Files: files, Sample: true})
	diags.Add(d...)
	if r == nil || diags.HasErrors() {
		return nil, nil, diags
	}
	byPath := map[string]*site.Page{}
	for _, p := range s.Pages {
		byPath[p.Path] = p
	}
	basePath := strings.TrimSuffix(s.Config.Base.Path, "/")
	bodies := map[*site.Page]render.Body{}
	for _, p := range pages {
		cp := src[p.Path]
		if cp == nil {
			continue
		}
		res, err := md.Render(cp.Body, linkResolver(p, cp.Dir, byPath, basePath, r.HasOutput))
		if err != nil {
			diags.Errorf(p.Path, cp.BodyLine, "%v", err)
			continue
		}
		for _, link := range res.Broken {
			diags.Errorf(p.Path, cp.BodyLine+link.Line-1, "link to %s: %s", link.Dest, brokenLink(s, src, p, link.Dest))
		}
		bodies[p] = render.Body{HTML: res.HTML, TOC: res.TOC, Lead: res.Lead}
	}
	return about, bodies, diags
}
