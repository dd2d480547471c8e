package build

import (
	"fmt"
	"io/fs"
	"strings"

	"pressroom/internal/config"
	"pressroom/internal/content"
	"pressroom/internal/diag"
	"pressroom/internal/site"
)

// goLive returns the warnings that the published site is not ready to go
// live: of site.toml, of each page it publishes (content.Page.GoLive),
// and a legal page that is missing.
func goLive(fsys fs.FS, cfg *config.Site, s *site.Site, pages map[string]*content.Page) diag.List {
	list := cfg.GoLive(fsys)
	for _, p := range s.Pages {
		if src := pages[p.Path]; src != nil && !p.Preview {
			list.Add(src.GoLive...)
		}
	}
	for _, l := range legalPages() {
		found := false
		for _, p := range s.Plain {
			for _, w := range l.words {
				found = found || strings.Contains(p.Slug, w)
			}
		}
		if !found {
			list.Add(diag.Diagnostic{Path: content.Dir, Warning: true,
				Msg:  fmt.Sprintf("the site has no %s: public bodies and most organisations must publish one", l.name),
				Hint: fmt.Sprintf("add content/%s.md (pressroom init writes a skeleton of it); check --strict fails on this", l.words[0])})
		}
	}
	return list
}

// legalPages are the pages a site must have, found by words in their
// slugs (German and English).
func legalPages() []struct {
	name  string
	words []string
} {
	return []struct {
		name  string
		words []string
	}{
		{"Impressum (imprint)", []string{"impressum", "imprint", "legal-notice"}},
		{"Datenschutzerklärung (privacy policy)", []string{"datenschutz", "privacy"}},
		{"Erklärung zur Barrierefreiheit (accessibility statement, BGG § 12b)", []string{"barrierefreiheit", "accessibility"}},
	}
}
