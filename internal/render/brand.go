package render

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	_ "image/png" // the icon
	"io/fs"
	"path"
	"strings"

	"pressroom/internal/config"
)

// brand is a site's identity from [theme] in site.toml, applied to the
// assets of the theme: accent colours appended to the stylesheet, the
// logo and the icon as asset files. The site's own assets/ files of the
// same name win over these.
type brand struct {
	config.Theme
	site fs.FS
}

// css is what the stylesheet gets for the accent colours: links, focus
// and masthead in light mode, links in dark mode.
func (b brand) css() []byte {
	var out bytes.Buffer
	if c, err := config.ParseColour(b.Accent); err == nil && b.Accent != "" {
		fmt.Fprintf(&out, "\n/* [theme] accent of site.toml */\n@media not all and (prefers-color-scheme: dark) {\n  :root { --link: %[1]s; --focus: %[1]s; --head-bg: %[1]s; }\n}\n", c.Hex())
	}
	if c, err := config.ParseColour(b.AccentDark); err == nil && b.AccentDark != "" {
		fmt.Fprintf(&out, "\n/* [theme] accentDark of site.toml */\n@media (prefers-color-scheme: dark) {\n  :root { --link: %s; }\n}\n", c.Hex())
	}
	return out.Bytes()
}

// files are the logo (as logo.svg or logo.png, for {{asset "logo"}}: see
// LogoAsset) and the icon as apple-touch-icon.png.
func (b brand) files() (map[string][]byte, error) {
	out := map[string][]byte{}
	if b.site == nil {
		return out, nil
	}
	if b.Logo != "" {
		data, err := fs.ReadFile(b.site, path.Clean(b.Logo))
		if err != nil {
			return out, fmt.Errorf("theme.logo: %v", err)
		}
		out[LogoAsset(b.Logo)] = data
	}
	if b.Icon != "" {
		data, err := fs.ReadFile(b.site, path.Clean(b.Icon))
		if err != nil {
			return out, fmt.Errorf("theme.icon: %v", err)
		}
		if _, _, err := image.DecodeConfig(bytes.NewReader(data)); err != nil {
			return out, fmt.Errorf("theme.icon %q: %v", b.Icon, err)
		}
		out["apple-touch-icon.png"] = data
	}
	return out, nil
}

// favicon is /favicon.ico, which browsers ask for on every site, made of
// the touch icon unless the site has one of its own.
func favicon(srcs map[string]source) (source, bool) {
	touch, ok := srcs["apple-touch-icon.png"]
	if own, has := srcs["favicon.ico"]; has && (!own.builtin || !ok) {
		return own, true
	}
	if !ok {
		return source{}, false
	}
	data, err := touch.read()
	if err != nil {
		return source{}, false
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return source{}, false
	}
	return source{path: "favicon.ico", data: icoOfPNG(data, cfg.Width, cfg.Height)}, true
}

// LogoAsset is the asset name of a logo file.
func LogoAsset(file string) string {
	return "logo" + strings.ToLower(path.Ext(file))
}

// icoOfPNG wraps a PNG image in an ICO file: one entry whose data is the
// PNG, as browsers read it since ICO files may hold PNG images.
func icoOfPNG(png []byte, w, h int) []byte {
	dim := func(n int) byte {
		if n >= 256 {
			return 0 // 0 stands for 256 or more
		}
		return byte(n)
	}
	var b bytes.Buffer
	binary.Write(&b, binary.LittleEndian, [3]uint16{0, 1, 1}) // reserved, type icon, one image
	b.Write([]byte{dim(w), dim(h), 0, 0})                     // width, height, no palette, reserved
	binary.Write(&b, binary.LittleEndian, [2]uint16{1, 32})   // colour planes, bits per pixel
	binary.Write(&b, binary.LittleEndian, [2]uint32{uint32(len(png)), 6 + 16})
	b.Write(png)
	return b.Bytes()
}
