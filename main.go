// Command pressroom builds and previews the static site of a press office.
package main

import (
	"embed"
	"os"

	"pressroom/internal/cli"
)

// theme is the default theme: templates and assets, overridden file by file
// by a site's own layouts/ and assets/.
//
//go:embed layouts assets
var theme embed.FS

func main() {
	os.Exit(cli.Main(os.Args[1:], theme, os.Stdout, os.Stderr))
}
