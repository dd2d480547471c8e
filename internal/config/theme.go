package config

import (
	"fmt"
	"image"
	_ "image/png" // icons and logos
	"io/fs"
	"math"
	"path"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"pressroom/internal/diag"
)

// Theme is the identity of a site in the default theme ([theme] in
// site.toml).
type Theme struct {
	// Accent is the colour of links and of the masthead, e.g. "#0b4f94";
	// AccentDark that of links in dark mode. Both must reach WCAG AA's
	// contrast for text (4.5:1) against the page, and white text against
	// Accent.
	Accent     string `toml:"accent"`
	AccentDark string `toml:"accentDark"`
	// Logo is an SVG or PNG file of the site (a path relative to its
	// folder), shown in the masthead beside the title.
	Logo string `toml:"logo"`
	// Icon is a square PNG of the site, at least 180 pixels wide: the
	// favicon (/favicon.ico) and the touch icon (/apple-touch-icon.png).
	Icon string `toml:"icon"`
}

// The page backgrounds of the default theme, light and dark.
const (
	PageLight = "#ffffff"
	PageDark  = "#15181c"
)

// MinContrast is WCAG 2.1 AA's contrast for text.
const MinContrast = 4.5

func (t *Theme) validate(fsys fs.FS, src []byte, diags *diag.List) {
	at := func(key string) int { return keyLine(src, toml.Key{"theme", key}) }
	check := func(key, colour, against, what string) {
		if colour == "" {
			return
		}
		c, err := ParseColour(colour)
		if err != nil {
			diags.Errorf(File, at(key), "theme.%s: %v", key, err)
			return
		}
		bg, _ := ParseColour(against)
		if ratio := Contrast(c, bg); ratio < MinContrast {
			diags.Add(diag.Diagnostic{Path: File, Line: at(key),
				Msg: fmt.Sprintf("theme.%s %q has a contrast of %.2f:1 against %s (%s); WCAG AA needs %.1f:1 for text",
					key, colour, ratio, what, against, MinContrast),
				Hint: "choose a " + map[bool]string{true: "darker", false: "lighter"}[against == PageLight] + " colour"})
		}
	}
	check("accent", t.Accent, PageLight, "the page and the masthead's white text")
	check("accentDark", t.AccentDark, PageDark, "the page in dark mode")
	file := func(key, name string, exts ...string) {
		if name == "" {
			return
		}
		ext := strings.ToLower(path.Ext(name))
		ok := false
		for _, e := range exts {
			ok = ok || ext == e
		}
		if !ok {
			diags.Errorf(File, at(key), "theme.%s %q must be a %s file", key, name, strings.Join(exts, " or "))
			return
		}
		f, err := fsys.Open(path.Clean(name))
		if err != nil {
			diags.Errorf(File, at(key), "theme.%s: file %q not found in the site's folder", key, name)
			return
		}
		defer f.Close()
		if ext != ".png" {
			return
		}
		cfg, _, err := image.DecodeConfig(f)
		switch {
		case err != nil:
			diags.Errorf(File, at(key), "theme.%s: %q is not a PNG image: %v", key, name, err)
		case key == "icon" && (cfg.Width != cfg.Height || cfg.Width < 180):
			diags.Add(diag.Diagnostic{Path: File, Line: at(key), Warning: true,
				Msg:  fmt.Sprintf("theme.icon %q is %d × %d pixels", name, cfg.Width, cfg.Height),
				Hint: "a touch icon should be square and at least 180 × 180 pixels"})
		}
	}
	file("logo", t.Logo, ".svg", ".png")
	file("icon", t.Icon, ".png")
}

// Colour is an sRGB colour.
type Colour struct{ R, G, B uint8 }

// ParseColour reads "#rgb" or "#rrggbb".
func ParseColour(s string) (Colour, error) {
	h := strings.TrimPrefix(s, "#")
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	n, err := strconv.ParseUint(h, 16, 32)
	if !strings.HasPrefix(s, "#") || len(h) != 6 || err != nil {
		return Colour{}, fmt.Errorf("%q is not a colour: write it as #rrggbb, e.g. #0b4f94", s)
	}
	return Colour{uint8(n >> 16), uint8(n >> 8), uint8(n)}, nil
}

// Hex writes the colour as #rrggbb.
func (c Colour) Hex() string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// Contrast is WCAG 2.1's contrast ratio of two colours, from 1 to 21.
func Contrast(a, b Colour) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(c Colour) float64 {
	ch := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(c.R) + 0.7152*ch(c.G) + 0.0722*ch(c.B)
}
