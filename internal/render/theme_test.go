package render

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// TestCopiedTemplatesCountAsBuiltin: a site's unchanged copy of a default
// template (init --layouts) may be reused by once like the default one; an
// edited copy may not, and shows each page's own data.
func TestCopiedTemplatesCountAsBuiltin(t *testing.T) {
	theme := os.DirFS("../..")
	footer, err := fs.ReadFile(theme, "layouts/partials/footer.html")
	if err != nil {
		t.Fatal(err)
	}
	header, err := fs.ReadFile(theme, "layouts/partials/header.html")
	if err != nil {
		t.Fatal(err)
	}
	site := fstest.MapFS{
		"layouts/partials/footer.html": {Data: footer},
		"layouts/partials/header.html": {Data: append([]byte("<p>{{.URL}}</p>"), header...)},
	}
	tmpls, diags := loadTemplates(theme, site)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if f := tmpls["partials/footer.html"]; !f.Builtin || strings.HasSuffix(f.Path, "(built-in)") {
		t.Errorf("unchanged copy: %+v", f.Path)
	}
	if h := tmpls["partials/header.html"]; h.Builtin {
		t.Error("an edited copy counts as built-in")
	}
	if !tmpls["partials/entry.html"].Builtin {
		t.Error("the default entry.html is not built-in")
	}
}
