//go:build nodirect

package render

// Built with the tag nodirect (for internal/render/gen), no page is
// written in Go.
var (
	genPages    []genPage
	genPartials []genPartial
)
