package render

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestOneEscaper: the package's Go written output is escaped by
// escapeHTML alone (checked against html/template by FuzzWriterText):
// no other function of its source calls an escaper of the standard
// library or writes a character reference of its own. The generated
// direct_gen.go escapes as the templates' escaped trees say (gen).
func TestOneEscaper(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	escapers := map[string]bool{"HTMLEscape": true, "HTMLEscapeString": true, "HTMLEscaper": true, "EscapeString": true}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		if ast.IsGenerated(f) {
			// direct_gen.go: the templates' text as it is, and the
			// escaping html/template gives each action.
			continue
		}
		for _, decl := range f.Decls {
			if fn, ok := decl.(*ast.FuncDecl); ok && fn.Name.Name == "escapeHTML" && fn.Recv == nil {
				continue
			}
			ast.Inspect(decl, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.SelectorExpr:
					if escapers[n.Sel.Name] {
						t.Errorf("%s: %s: an escaper besides escapeHTML", fset.Position(n.Pos()), n.Sel.Name)
					}
				case *ast.BasicLit:
					if s, err := strconv.Unquote(n.Value); n.Kind == token.STRING && err == nil {
						for _, ref := range []string{"&amp;", "&lt;", "&gt;", "&quot;", "&#"} {
							if strings.Contains(s, ref) {
								t.Errorf("%s: %q: a character reference written outside escapeHTML", fset.Position(n.Pos()), s)
							}
						}
					}
				}
				return true
			})
		}
	}
}
