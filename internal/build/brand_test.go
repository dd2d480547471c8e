package build

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"
)

// tinyPNG and tinyJPEG are real images of one pixel, for pages that show
// an image: a JPEG or PNG that cannot be read is an error.
var tinyPNG, tinyJPEG = tinyImages()

func tinyImages() ([]byte, []byte) {
	img := image.NewNRGBA(image.Rect(0, 0, 1, 1))
	var p, j bytes.Buffer
	png.Encode(&p, img)
	jpeg.Encode(&j, img, nil)
	return p.Bytes(), j.Bytes()
}

func pngOf(t *testing.T, w, h int) string {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	img.Set(0, 0, color.NRGBA{0x0b, 0x4f, 0x94, 0xff})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestIdentity: [theme] gives the masthead a logo, the stylesheet the
// accent colours, and /favicon.ico and /apple-touch-icon.png the icon; a
// site without them still answers /favicon.ico with the theme's icon, and
// a site's own favicon.ico wins.
func TestIdentity(t *testing.T) {
	icon := pngOf(t, 192, 192)
	s := testSite{
		"site.toml": siteTOML + "\n[theme]\naccent = \"#7a1f5c\"\naccentDark = \"#f0a8d0\"\nlogo = \"logo.svg\"\nicon = \"icon.png\"\n",
		"logo.svg":  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>`,
		"icon.png":  icon,
		"content/pressemitteilungen/2021-10-05-a.md": release("A", "2021-10-05"),
	}
	b := buildSite(t, s, Options{})
	b.contains("index.html", `<a class="site-title" href="/" aria-current="page"><img class="logo" src="/logo.svg" alt="">`)
	b.contains("logo.svg", "<svg")
	var css string
	for _, name := range b.mem.Names() {
		if strings.HasPrefix(name, "css/style.") {
			css = b.file(name)
		}
	}
	for _, want := range []string{"--link: #7a1f5c; --focus: #7a1f5c; --head-bg: #7a1f5c;", "@media (prefers-color-scheme: dark) {\n  :root { --link: #f0a8d0; }"} {
		if !strings.Contains(css, want) {
			t.Errorf("the stylesheet lacks %q", want)
		}
	}
	if b.file("apple-touch-icon.png") != icon {
		t.Error("apple-touch-icon.png is not the icon")
	}
	ico := b.file("favicon.ico")
	if !strings.HasPrefix(ico, "\x00\x00\x01\x00\x01\x00\xc0\xc0") || !strings.HasSuffix(ico, icon) {
		t.Errorf("favicon.ico is not an ICO file of the icon: % x", ico[:min(len(ico), 16)])
	}

	// Without [theme]: the theme's icon, no logo, the default colours.
	plain := buildSite(t, testSite{"site.toml": siteTOML, "content/pressemitteilungen/2021-10-05-a.md": release("A", "2021-10-05")}, Options{})
	if !strings.HasPrefix(plain.file("favicon.ico"), "\x00\x00\x01\x00") || !plain.has("apple-touch-icon.png") {
		t.Error("no favicon.ico or touch icon without [theme]")
	}
	plain.lacks("index.html", `class="logo"`)

	// The site's own favicon.ico wins.
	s["assets/favicon.ico"] = "own"
	if b := buildSite(t, s, Options{}); b.file("favicon.ico") != "own" {
		t.Error("the site's own favicon.ico was replaced")
	}
}

// TestIdentityRefused: colours that fail WCAG AA, and files that are not
// there or of the wrong kind, are errors at their line, with the figure.
func TestIdentityRefused(t *testing.T) {
	// The figures are WCAG 2.1's, computed by hand (python) for these colours.
	for _, c := range []struct{ theme, want string }{
		{"accent = \"#7fb2e5\"", `site.toml:14: theme.accent "#7fb2e5" has a contrast of 2.23:1 against the page and the masthead's white text (#ffffff); WCAG AA needs 4.5:1 for text`},
		{"accentDark = \"#1e4470\"", `site.toml:14: theme.accentDark "#1e4470" has a contrast of 1.79:1 against the page in dark mode (#15181c)`},
		{"accent = \"blau\"", `site.toml:14: theme.accent: "blau" is not a colour`},
		{"logo = \"fehlt.svg\"", `site.toml:14: theme.logo: file "fehlt.svg" not found`},
		{"icon = \"logo.gif\"", `site.toml:14: theme.icon "logo.gif" must be a .png file`},
	} {
		toml := siteTOML + "\n[theme]\n" + c.theme + "\n"
		lines := strings.Count(strings.TrimLeft(siteTOML, "\n"), "\n")
		want := strings.Replace(c.want, "site.toml:14:", fmt.Sprintf("site.toml:%d:", lines+3), 1)
		_, err := tryBuild(testSite{"site.toml": toml, "content/pressemitteilungen/2021-10-05-a.md": release("A", "2021-10-05")}, Options{})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("[theme] %s: got %v, want %q", c.theme, err, want)
		}
	}
}
