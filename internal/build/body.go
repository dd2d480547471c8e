package build

import (
	"html/template"
	"strings"

	"pressroom/internal/config"
	"pressroom/internal/diag"
	"pressroom/internal/markdown"
	"pressroom/internal/render"
	"pressroom/internal/site"
)

// Bodies renders the Markdown of pages of the model s (made from l) as a
// build of s renders it, for outputs made outside the build (the e-mail
// edition): the site's renderer with the theme's reserved ids, links
// rewritten and checked against the outputs of s. Each page gets its
// Content, TOC and Lead. It returns the organisations' boilerplate,
// rendered the same way, by id, and the problems found (the theme's, broken
// links), which are errors as in a build.
func (l *Loaded) Bodies(s *site.Site, pages []*site.Page) (map[string]template.HTML, diag.List) {
	var diags diag.List
	theme, d := render.LoadTheme(l.opts.Theme, siteFS(l.opts))
	diags.Add(d...)
	if diags.HasErrors() {
		return nil, diags
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
	files, d := resources(s)
	diags.Add(d...)
	r, d := render.New(render.Input{Site: s, Templates: theme.Templates, Assets: theme.Assets, About: about, Files: files, Sample: true})
	diags.Add(d...)
	if r == nil || diags.HasErrors() {
		return nil, diags
	}
	byPath := map[string]*site.Page{}
	for _, p := range s.Pages {
		byPath[p.Path] = p
	}
	basePath := strings.TrimSuffix(s.Config.Base.Path, "/")
	for _, p := range pages {
		res, err := md.Render(p.Body, linkResolver(p, byPath, basePath, r.HasOutput))
		if err != nil {
			diags.Errorf(p.Path, p.BodyLine, "%v", err)
			continue
		}
		for _, link := range res.Broken {
			diags.Errorf(p.Path, p.BodyLine+link.Line-1, "link to %s: %s", link.Dest, brokenLink(s, p, link.Dest))
		}
		p.Content, p.TOC, p.Lead = res.HTML, res.TOC, res.Lead
	}
	return about, diags
}
