// Command gen writes internal/render/direct_gen.go: the default theme's
// release, paper and list pages, with baseof.html and the partials they
// include, and the partials that memo renders for a page (entry,
// related-item), as Go. It parses the templates with html/template, lets
// it escape them, and walks the escaped parse trees: a text node becomes a
// WriteString, an action a typed Go expression (its types found by
// reflection on the types the templates are given, its functions in the
// table funcs) written with the escaping that html/template's escaper
// named for it. Run it by go generate ./internal/render.
//
// It is run with the build tag nodirect, under which package render does
// not use direct_gen.go, so that it runs even when the checked-in file no
// longer compiles.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	layouts := flag.String("layouts", "../../layouts", "the default theme's layouts folder")
	out := flag.String("o", "direct_gen.go", "the file to write")
	flag.Parse()
	src, err := Generate(os.DirFS(filepath.FromSlash(*layouts)))
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
