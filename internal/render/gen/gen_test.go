package main

import (
	"bytes"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// TestGeneratedIsCurrent: the checked-in direct_gen.go is what the
// generator makes of the default layouts now, so that the Go pages are
// the templates' (go generate ./internal/render after a change of either).
func TestGeneratedIsCurrent(t *testing.T) {
	want, err := Generate(os.DirFS("../../../layouts"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../direct_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		line := bytes.Count(want[:i], []byte("\n")) + 1
		t.Errorf("internal/render/direct_gen.go is not what go generate ./internal/render makes of layouts/ (from line %d on):\n%s",
			line, want[bytes.LastIndexByte(want[:i], '\n')+1:min(len(want), i+200)])
	}
}

// TestGenerateRefuses: what the generator cannot write as html/template
// would is an error naming the template and the action, not wrong code.
func TestGenerateRefuses(t *testing.T) {
	layouts := defaultLayouts(t)
	if _, err := Generate(layouts); err != nil {
		t.Fatalf("the default layouts: %v", err)
	}
	for _, c := range []struct{ add, want string }{
		{`<a onclick="f({{.Title}})">x</a>`, "_html_template_jsvalescaper"},          // a string in JavaScript
		{`{{plain (about (index .Orgs 0))}}`, "plain: not in the generator's table"}, // a function without Go
		{`{{.NoSuchField}}`, "has no field or method NoSuchField"},
		{`{{.Title | printf "%s"}}`, "more than one command"},
		{`<style>p::after { content: "{{.Title}}" }</style>`, "_html_template_cssescaper"},
		{`<a title="{{template "partials/x.html" .}}">`, "partials/x.html is included in a context other than HTML text"},
	} {
		l := fstest.MapFS{}
		for n, f := range layouts {
			l[n] = f
		}
		l["partials/x.html"] = &fstest.MapFile{Data: []byte("{{.Title}}")}
		l["partials/entry.html"] = &fstest.MapFile{Data: append(bytes.Clone(layouts["partials/entry.html"].Data), c.add...)}
		_, err := Generate(l)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "partials/entry.html") {
			t.Errorf("entry.html with %s: error %v, want one about partials/entry.html with %q", c.add, err, c.want)
		}
	}
}

// TestGenerateVariables: a variable the template declares but does not
// use is used as _ = x, so that the code compiles.
func TestGenerateVariables(t *testing.T) {
	layouts := defaultLayouts(t)
	layouts["partials/entry.html"].Data = append(layouts["partials/entry.html"].Data,
		`{{$unused := .Title}}{{range $i, $o := .Orgs}}{{$x := $o.Name}}{{end}}{{with .Summary}}{{$y := .}}{{end}}`...)
	src, err := Generate(layouts)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"_ = unused", "_ = x", "_ = y", "for _, e"} {
		if !bytes.Contains(src, []byte(want)) {
			t.Errorf("no %q in the generated code", want)
		}
	}
}

// defaultLayouts are the default theme's templates, in memory.
func defaultLayouts(t *testing.T) fstest.MapFS {
	t.Helper()
	layouts := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS("../../../layouts"), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			var b []byte
			b, err = os.ReadFile("../../../layouts/" + p)
			layouts[p] = &fstest.MapFile{Data: b}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return layouts
}
