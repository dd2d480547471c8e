package main

import (
	"bytes"
	"errors"
	"fmt"
	"go/format"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"text/template/parse"
	"unicode"
)

// Generate returns the source of direct_gen.go for the templates in
// layouts (the default theme's layouts folder).
func Generate(layouts fs.FS) ([]byte, error) {
	texts := map[string]string{}
	err := fs.WalkDir(layouts, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			var b []byte
			b, err = fs.ReadFile(layouts, p)
			texts[p] = string(b)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	stubs, err := stubFuncs(texts)
	if err != nil {
		return nil, err
	}
	// The sets as render.New makes them: baseof.html and the partials,
	// and one page template each.
	base := template.New("").Funcs(stubs)
	for _, name := range slices.Sorted(maps.Keys(texts)) {
		if name == "baseof.html" || strings.HasPrefix(name, "partials/") {
			if _, err := base.New(name).Parse(texts[name]); err != nil {
				return nil, err
			}
		}
	}
	g := &gen{funcs: map[string]*function{}, imports: map[string]bool{}}
	for _, page := range pages {
		set, err := base.Clone()
		if err == nil {
			_, err = set.New(page).Parse(texts[page])
		}
		if err != nil {
			return nil, err
		}
		if err := escape(set, "baseof.html"); err != nil {
			return nil, err
		}
		frame, err := g.use(set, "baseof.html", dataType)
		if err != nil {
			return nil, err
		}
		main, err := g.use(set, "main", dataType)
		if err != nil {
			return nil, err
		}
		main.goName = "gen" + goName(page) + "Main"
		main.doc = "the block main of " + page
		g.pages = append(g.pages, genPage{page, frame, main})
		if page == "list.html" {
			// render executes partials in the set of list.html.
			for _, name := range partials {
				if err := escape(set, name); err != nil {
					return nil, err
				}
				f, err := g.use(set, name, pageType)
				if err != nil {
					return nil, err
				}
				g.partials = append(g.partials, f)
			}
		}
	}
	for len(g.queue) > 0 {
		f := g.queue[0]
		g.queue = g.queue[1:]
		if err := g.function(f); err != nil {
			return nil, err
		}
	}
	return g.file()
}

// escape makes html/template escape the template name of set (and those
// it includes): it does so before it first executes it. Executing it with
// no data fails; only an error of escaping counts.
func escape(set *template.Template, name string) error {
	err := set.ExecuteTemplate(io.Discard, name, nil)
	var e *template.Error
	if errors.As(err, &e) {
		return err
	}
	return nil
}

// stubFuncs are functions of the names that the templates call, for
// parsing them; those of the generated templates are typed (funcs).
func stubFuncs(texts map[string]string) (template.FuncMap, error) {
	m := template.FuncMap{}
	for name, text := range texts {
		t := parse.New(name)
		t.Mode = parse.SkipFuncCheck
		if _, err := t.Parse(text, "", "", map[string]*parse.Tree{}); err != nil {
			return nil, err
		}
		walk(t.Root, func(n parse.Node) {
			if id, ok := n.(*parse.IdentifierNode); ok {
				m[id.Ident] = func(...any) any { return nil }
			}
		})
	}
	for name, f := range funcs {
		m[name] = reflect.Zero(f.typ).Interface()
	}
	return m, nil
}

// walk calls f on every node under n.
func walk(n parse.Node, f func(parse.Node)) {
	if reflect.ValueOf(n).IsNil() {
		return
	}
	f(n)
	switch n := n.(type) {
	case *parse.ListNode:
		for _, c := range n.Nodes {
			walk(c, f)
		}
	case *parse.ActionNode:
		walk(n.Pipe, f)
	case *parse.PipeNode:
		for _, c := range n.Cmds {
			walk(c, f)
		}
	case *parse.CommandNode:
		for _, c := range n.Args {
			walk(c, f)
		}
	case *parse.ChainNode:
		walk(n.Node, f)
	case *parse.IfNode:
		walk(n.Pipe, f)
		walk(n.List, f)
		walk(n.ElseList, f)
	case *parse.WithNode:
		walk(n.Pipe, f)
		walk(n.List, f)
		walk(n.ElseList, f)
	case *parse.RangeNode:
		walk(n.Pipe, f)
		walk(n.List, f)
		walk(n.ElseList, f)
	case *parse.TemplateNode:
		walk(n.Pipe, f)
	}
}

// goName makes a Go name of a template name: "partials/related-item.html"
// -> "PartialsRelatedItem".
func goName(name string) string {
	var b strings.Builder
	up := true
	for _, r := range strings.TrimSuffix(name, ".html") {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			up = true
			continue
		}
		if up {
			r = unicode.ToUpper(r)
		}
		up = false
		b.WriteRune(r)
	}
	return b.String()
}

// gen generates the file.
type gen struct {
	funcs    map[string]*function // by template name
	queue    []*function
	pages    []genPage
	partials []*function
	imports  map[string]bool
	body     bytes.Buffer
}

type genPage struct {
	name        string
	frame, main *function
}

// function is a template made a Go function.
type function struct {
	name   string
	goName string
	doc    string // what it is, for its comment
	dot    reflect.Type
	tree   *parse.Tree
	set    *template.Template // where it was found
	text   string             // the escaped tree, which all sets must agree on
	// calls are the templates it includes.
	calls []*function
}

// use returns the function of template name in set, with dot of type dot.
func (g *gen) use(set *template.Template, name string, dot reflect.Type) (*function, error) {
	if base, _, ok := strings.Cut(name, "$htmltemplate"); ok {
		// html/template copies a template included in another context
		// than the one it starts in.
		return nil, fmt.Errorf("%s is included in a context other than HTML text: not supported", base)
	}
	t := set.Lookup(name)
	if t == nil || t.Tree == nil {
		return nil, fmt.Errorf("no template %s", name)
	}
	if name == "main" {
		// Each page has a main of its own.
		f := &function{name: name, dot: dot, tree: t.Tree, set: set}
		g.queue = append(g.queue, f)
		return f, nil
	}
	if f := g.funcs[name]; f != nil {
		if f.dot != dot {
			return nil, fmt.Errorf("%s is given a %s and a %s", name, f.dot, dot)
		}
		if f.text != t.Tree.Root.String() {
			return nil, fmt.Errorf("%s is escaped differently in different pages", name)
		}
		return f, nil
	}
	f := &function{name: name, goName: "gen" + goName(name), doc: name, dot: dot, tree: t.Tree, set: set, text: t.Tree.Root.String()}
	g.funcs[name] = f
	g.queue = append(g.queue, f)
	return f, nil
}

// file is the generated source.
func (g *gen) file() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("// Code generated by internal/render/gen from the default theme's layouts; DO NOT EDIT.\n\n")
	b.WriteString("//go:build !nodirect\n\npackage render\n\nimport (\n")
	// The standard library first, then the module's packages.
	for _, own := range []bool{false, true} {
		for _, p := range slices.Sorted(maps.Keys(g.imports)) {
			if strings.HasPrefix(p, "pressroom/") == own {
				fmt.Fprintf(&b, "%q\n", p)
			}
		}
		b.WriteString("\n")
	}
	b.WriteString(")\n\n")
	b.WriteString("// genPages are the pages written in Go, with the templates each stands for.\n")
	b.WriteString("var genPages = []genPage{\n")
	for _, p := range g.pages {
		fmt.Fprintf(&b, "{%q, %s, (*Renderer).gen%s},\n", p.name, quoteList(slices.Compact(slices.Sorted(slices.Values(append(append(g.closure(p.frame), g.closure(p.main)...), p.name))))), goName(p.name))
	}
	b.WriteString("}\n\n")
	b.WriteString("// genPartials are the partials of a page written in Go, for memo.\n")
	b.WriteString("var genPartials = []genPartial{\n")
	for _, f := range g.partials {
		fmt.Fprintf(&b, "{%q, %s, (*Renderer).%s},\n", f.name, quoteList(g.closure(f)), f.goName)
	}
	b.WriteString("}\n\n")
	for _, p := range g.pages {
		fmt.Fprintf(&b, "// gen%s is %s in baseof.html.\n", goName(p.name), p.name)
		fmt.Fprintf(&b, "func (r *Renderer) gen%s(w *writer, d *Data) { r.%s(w, d, (*Renderer).%s) }\n\n", goName(p.name), p.frame.goName, p.main.goName)
	}
	b.Write(g.body.Bytes())
	src, err := format.Source(b.Bytes())
	if err != nil {
		return b.Bytes(), fmt.Errorf("formatting the generated code: %w", err)
	}
	return src, nil
}

// closure names the templates that f stands for: its own and those it
// includes.
func (g *gen) closure(f *function) []string {
	seen := map[string]bool{}
	var visit func(*function)
	visit = func(f *function) {
		if f.name != "main" {
			seen[f.name] = true
		}
		for _, c := range f.calls {
			if !seen[c.name] {
				visit(c)
			}
		}
	}
	visit(f)
	return slices.Sorted(maps.Keys(seen))
}

func quoteList(l []string) string {
	q := make([]string, len(l))
	for i, s := range l {
		q[i] = strconv.Quote(s)
	}
	return "[]string{" + strings.Join(q, ", ") + "}"
}
