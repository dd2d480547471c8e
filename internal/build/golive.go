package build

import (
	"io/fs"

	"pressroom/internal/config"
	"pressroom/internal/diag"
	"pressroom/internal/site"
)

// goLive returns the warnings that the published site is not ready to go
// live: of site.toml, and of each page it publishes (content.Page.GoLive).
func goLive(fsys fs.FS, cfg *config.Site, s *site.Site) diag.List {
	list := cfg.GoLive(fsys)
	for _, p := range s.Pages {
		if !p.Preview {
			list.Add(p.GoLive...)
		}
	}
	return list
}
