package content

import (
	"fmt"
	"strings"

	"pressroom/internal/config"
	"pressroom/internal/diag"
	"pressroom/internal/skeleton"
)

// goLive finds what a page that goes live should not still have: the
// placeholder text init and new wrote (skeleton.Placeholders), and a
// release without its place (the dateline). They are warnings that
// build and check report for the pages they publish, in p.GoLive; a
// draft is left alone.
func (p *Page) goLive(src []byte, cfg *config.Site) {
	if p.Draft {
		return
	}
	diags := &p.GoLive
	const hint = "replace it before the page goes live (check --strict fails on this)"
	if line, text := skeleton.PlaceholderAt(src); line > 0 {
		diags.Add(diag.Diagnostic{Path: p.Path, Line: line, Warning: true,
			Msg: fmt.Sprintf("placeholder text %q is still here (Platzhalter)", text), Hint: hint})
	}
	if p.Kind(cfg) == config.KindRelease && strings.TrimSpace(p.Place) == "" {
		line, ok := p.KeyLines["place"]
		if !ok {
			line = p.Line("title")
		}
		diags.Add(diag.Diagnostic{Path: p.Path, Line: line, Warning: true,
			Msg:  "the release has no place for its dateline (kein Ort für die Spitzmarke)",
			Hint: "add place: with the town, e.g. place: Berlin; check --strict fails on this"})
	}
}
