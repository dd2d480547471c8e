package main

// The translation of an escaped parse tree to Go.

import (
	"bytes"
	"fmt"
	"html/template"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"text/template/parse"
)

// value is a Go expression of a type.
type value struct {
	code string
	typ  reflect.Type
}

// variable is a template variable in Go.
type variable struct {
	name string // in the template, "$o"
	value
	used *bool
}

// fgen generates one function.
type fgen struct {
	*gen
	f    *function
	b    *bytes.Buffer
	vars []variable
	n    int // for fresh Go names
}

func (g *gen) function(f *function) error {
	fg := &fgen{gen: g, f: f, b: &g.body}
	params := "w *writer, d " + g.typeName(f.dot)
	if f.name == "baseof.html" {
		params += ", main func(*Renderer, *writer, *Data)"
	}
	fmt.Fprintf(fg.b, "// %s is %s.\nfunc (r *Renderer) %s(%s) {\n", f.goName, f.doc, f.goName, params)
	root := value{"d", f.dot}
	fg.vars = []variable{{name: "$", value: root, used: new(bool)}}
	if err := fg.scope(func() error { return fg.list(f.tree.Root, root) }); err != nil {
		return err
	}
	fg.b.WriteString("}\n\n")
	return nil
}

// typeName is t in Go in package render.
func (g *gen) typeName(t reflect.Type) string {
	s := t.String()
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if p := t.PkgPath(); p != "" && !strings.HasSuffix(p, "internal/render") {
		g.imports[p] = true
	}
	return strings.ReplaceAll(s, "render.", "")
}

func (fg *fgen) fresh(prefix string) string {
	fg.n++
	return prefix + strconv.Itoa(fg.n)
}

func (fg *fgen) printf(format string, args ...any) { fmt.Fprintf(fg.b, format, args...) }

// scope runs f in a new scope of variables.
func (fg *fgen) scope(f func() error) error {
	mark := len(fg.vars)
	err := f()
	for _, v := range fg.vars[mark:] {
		if !*v.used {
			fg.printf("_ = %s\n", v.code)
		}
	}
	fg.vars = fg.vars[:mark]
	return err
}

func (fg *fgen) list(l *parse.ListNode, dot value) error {
	if l == nil {
		return nil
	}
	for _, n := range l.Nodes {
		if err := fg.node(n, dot); err != nil {
			if strings.HasPrefix(err.Error(), fg.f.tree.ParseName+":") {
				return err // from within n
			}
			return fmt.Errorf("%s: %w", location(fg.f.tree, n), err)
		}
	}
	return nil
}

func location(t *parse.Tree, n parse.Node) string {
	loc, _ := t.ErrorContext(n)
	return loc
}

func (fg *fgen) node(n parse.Node, dot value) error {
	switch n := n.(type) {
	case *parse.TextNode:
		fg.printf("w.WriteString(%s)\n", strconv.Quote(string(n.Text)))
	case *parse.CommentNode:
	case *parse.ActionNode:
		return fg.action(n.Pipe, dot)
	case *parse.IfNode:
		return fg.branch("if", &n.BranchNode, dot)
	case *parse.WithNode:
		return fg.branch("with", &n.BranchNode, dot)
	case *parse.RangeNode:
		return fg.rangeNode(n, dot)
	case *parse.TemplateNode:
		return fg.template(n, dot)
	case *parse.BreakNode:
		fg.printf("break\n")
	case *parse.ContinueNode:
		fg.printf("continue\n")
	default:
		return fmt.Errorf("%s: not supported", n)
	}
	return nil
}

// action writes the value of a pipeline with its escaping, or declares
// its variables.
func (fg *fgen) action(p *parse.PipeNode, dot value) error {
	cmds := p.Cmds
	var escapers []string
	for len(cmds) > 1 {
		last := cmds[len(cmds)-1]
		id, ok := last.Args[0].(*parse.IdentifierNode)
		if !ok || len(last.Args) != 1 || !strings.HasPrefix(id.Ident, "_html_template_") {
			break
		}
		escapers = append([]string{id.Ident}, escapers...)
		cmds = cmds[:len(cmds)-1]
	}
	if len(cmds) != 1 {
		return fmt.Errorf("%s: a pipeline of more than one command is not supported", p)
	}
	if len(p.Decl) > 0 {
		if len(p.Decl) != 1 || len(escapers) > 0 {
			return fmt.Errorf("%s: not supported", p)
		}
		v, err := fg.command(cmds[0], dot)
		if err != nil {
			return err
		}
		name := fg.fresh(strings.TrimPrefix(p.Decl[0].Ident[0], "$"))
		if p.IsAssign {
			return fmt.Errorf("%s: assigning a variable is not supported", p)
		}
		fg.printf("%s := %s\n", name, v.code)
		fg.vars = append(fg.vars, variable{p.Decl[0].Ident[0], value{name, v.typ}, new(bool)})
		return nil
	}
	if code, ok, err := fg.specialField(cmds[0], dot, escapers); ok || err != nil {
		fg.printf("%s\n", code)
		return err
	}
	v, err := fg.command(cmds[0], dot)
	if err != nil {
		return err
	}
	return fg.write(v, escapers)
}

// write writes v with the escaping html/template gives it: safe content in
// its own context as it is, numbers as they are (no escaper changes
// digits), strings filtered and escaped.
func (fg *fgen) write(v value, escapers []string) error {
	// A template.URL passes the URL filter (it may have any scheme) and is
	// normalized and escaped as any URL.
	if v.typ == reflect.TypeFor[template.URL]() && slices.Equal(escapers, []string{"_html_template_urlfilter", "_html_template_urlnormalizer", "_html_template_attrescaper"}) {
		fg.printf("w.text(processURL(string(%s), true))\n", v.code)
		return nil
	}
	if ctx, ok := rawTypes[v.typ]; ok {
		if len(escapers) != 1 || escapers[0] != ctx {
			return fmt.Errorf("%s (%s) with %v: not supported", v.code, v.typ, escapers)
		}
		fg.printf("w.WriteString(string(%s))\n", v.code)
		return nil
	}
	switch v.typ.Kind() {
	case reflect.Int:
		for _, e := range escapers {
			if e == "_html_template_urlfilter" || e == "_html_template_jsvalescaper" {
				return fmt.Errorf("%s (%s) with %v: not supported", v.code, v.typ, escapers)
			}
		}
		fg.imports["strconv"] = true
		fg.printf("w.WriteString(strconv.Itoa(%s))\n", v.code)
		return nil
	case reflect.String:
		if v.typ.PkgPath() != "" {
			return fmt.Errorf("%s (%s): not supported", v.code, v.typ)
		}
	default:
		return fmt.Errorf("%s (%s): writing it is not supported", v.code, v.typ)
	}
	if slices.Equal(escapers, []string{"_html_template_urlfilter", "_html_template_urlnormalizer", "_html_template_attrescaper"}) {
		fg.printf("w.url(%s)\n", v.code) // a whole URL attribute
		return nil
	}
	code := v.code
	for i, e := range escapers {
		last := i == len(escapers)-1
		switch {
		case e == "_html_template_urlfilter":
			code = "urlFilter(" + code + ")"
		case e == "_html_template_urlnormalizer":
			code = "processURL(" + code + ", true)"
		case e == "_html_template_urlescaper":
			code = "processURL(" + code + ", false)"
		case last && (e == "_html_template_htmlescaper" || e == "_html_template_attrescaper" || e == "_html_template_rcdataescaper"):
			fg.printf("w.text(%s)\n", code)
			return nil
		default:
			return fmt.Errorf("%s with %v: not supported", v.code, escapers)
		}
	}
	return fmt.Errorf("%s with %v: not escaped for HTML", v.code, escapers)
}

// specialField writes a field of the table special.
func (fg *fgen) specialField(cmd *parse.CommandNode, dot value, escapers []string) (string, bool, error) {
	if len(cmd.Args) != 1 {
		return "", false, nil
	}
	var recv value
	var field string
	var err error
	switch n := cmd.Args[0].(type) {
	case *parse.FieldNode:
		recv, err = fg.fields(dot, n.Ident[:len(n.Ident)-1])
		field = n.Ident[len(n.Ident)-1]
	case *parse.VariableNode:
		if len(n.Ident) < 2 {
			return "", false, nil
		}
		var v value
		v, err = fg.variable(n.Ident[0])
		if err == nil {
			recv, err = fg.fields(v, n.Ident[1:len(n.Ident)-1])
		}
		field = n.Ident[len(n.Ident)-1]
	default:
		return "", false, nil
	}
	if err != nil {
		return "", false, err
	}
	t := recv.typ
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	format, ok := special[t.String()+"."+field]
	if !ok {
		return "", false, nil
	}
	if len(escapers) != 1 || escapers[0] != "_html_template_htmlescaper" {
		return "", true, fmt.Errorf("%s.%s with %v: not supported", recv.code, field, escapers)
	}
	return fmt.Sprintf(format, recv.code), true, nil
}

// branch is if or with.
func (fg *fgen) branch(kind string, n *parse.BranchNode, dot value) error {
	if len(n.Pipe.Decl) > 0 || len(n.Pipe.Cmds) != 1 {
		return fmt.Errorf("%s: not supported", n.Pipe)
	}
	return fg.scope(func() error {
		inner := dot
		if kind == "if" {
			cond, err := fg.cond(n.Pipe.Cmds[0], dot)
			if err != nil {
				return err
			}
			fg.printf("if %s {\n", cond)
		} else {
			v, err := fg.command(n.Pipe.Cmds[0], dot)
			if err != nil {
				return err
			}
			init := ""
			if simple(v.code) {
				inner = v
			} else {
				name := fg.fresh("v")
				init = name + " := " + v.code + "; "
				inner = value{name, v.typ}
			}
			cond, err := truth(inner)
			if err != nil {
				return err
			}
			fg.printf("if %s%s {\n", init, cond)
		}
		if err := fg.scope(func() error { return fg.list(n.List, inner) }); err != nil {
			return err
		}
		if n.ElseList != nil {
			fg.printf("} else ")
			if len(n.ElseList.Nodes) == 1 {
				if elif, ok := n.ElseList.Nodes[0].(*parse.IfNode); ok && kind == "if" {
					return fg.branch("if", &elif.BranchNode, dot)
				}
			}
			fg.printf("{\n")
			if err := fg.scope(func() error { return fg.list(n.ElseList, dot) }); err != nil {
				return err
			}
		}
		fg.printf("}\n")
		return nil
	})
}

// simple reports whether code is cheap to evaluate again: names and
// fields, no calls.
func simple(code string) bool {
	return !strings.ContainsAny(code, "()[]")
}

func (fg *fgen) rangeNode(n *parse.RangeNode, dot value) error {
	if len(n.Pipe.Cmds) != 1 || len(n.Pipe.Decl) > 2 || n.Pipe.IsAssign {
		return fmt.Errorf("%s: not supported", n.Pipe)
	}
	v, err := fg.command(n.Pipe.Cmds[0], dot)
	if err != nil {
		return err
	}
	if k := v.typ.Kind(); k != reflect.Slice && k != reflect.Array {
		return fmt.Errorf("range over %s: not supported", v.typ)
	}
	return fg.scope(func() error {
		list := v
		if n.ElseList != nil {
			init := ""
			if !simple(v.code) {
				list = value{fg.fresh("l"), v.typ}
				init = list.code + " := " + v.code + "; "
			}
			fg.printf("if %slen(%s) > 0 {\n", init, list.code)
		}
		elem := value{fg.fresh("e"), v.typ.Elem()}
		index := value{fg.fresh("i"), reflect.TypeFor[int]()}
		mark := len(fg.vars)
		used := [2]bool{}
		switch len(n.Pipe.Decl) {
		case 1:
			fg.vars = append(fg.vars, variable{n.Pipe.Decl[0].Ident[0], elem, &used[1]})
		case 2:
			fg.vars = append(fg.vars, variable{n.Pipe.Decl[0].Ident[0], index, &used[0]},
				variable{n.Pipe.Decl[1].Ident[0], elem, &used[1]})
		}
		// The body first, to know whether it uses the index.
		outer := fg.b
		var body bytes.Buffer
		fg.b = &body
		err := fg.scope(func() error { return fg.list(n.List, elem) })
		fg.b = outer
		fg.vars = fg.vars[:mark]
		if err != nil {
			return err
		}
		indexName := "_"
		if used[0] {
			indexName = index.code
		}
		fg.printf("for %s, %s := range %s {\n", indexName, elem.code, list.code)
		fg.b.Write(body.Bytes())
		fg.printf("}\n")
		if n.ElseList != nil {
			fg.printf("} else {\n")
			if err := fg.scope(func() error { return fg.list(n.ElseList, dot) }); err != nil {
				return err
			}
			fg.printf("}\n")
		}
		return nil
	})
}

// template calls the function of an included template.
func (fg *fgen) template(n *parse.TemplateNode, dot value) error {
	arg := value{"nil", nil}
	if n.Pipe != nil {
		if len(n.Pipe.Cmds) != 1 || len(n.Pipe.Decl) > 0 {
			return fmt.Errorf("%s: not supported", n)
		}
		var err error
		if arg, err = fg.command(n.Pipe.Cmds[0], dot); err != nil {
			return err
		}
	}
	if arg.typ == nil {
		return fmt.Errorf("%s: a template needs a dot", n)
	}
	if n.Name == "main" {
		if fg.f.name != "baseof.html" {
			return fmt.Errorf("%s: only baseof.html includes main", n)
		}
		fg.printf("main(r, w, %s)\n", arg.code)
		return nil
	}
	if templated[n.Name] {
		fg.printf("w.WriteString(string(w.keepHTML(r.partial(%q, %s))))\n", n.Name, arg.code)
		return nil
	}
	callee, err := fg.use(fg.f.set, n.Name, arg.typ)
	if err != nil {
		return err
	}
	fg.f.calls = append(fg.f.calls, callee)
	fg.printf("r.%s(w, %s)\n", callee.goName, arg.code)
	return nil
}

// cond is the truth of a command in Go.
func (fg *fgen) cond(cmd *parse.CommandNode, dot value) (string, error) {
	if id, ok := cmd.Args[0].(*parse.IdentifierNode); ok {
		args := cmd.Args[1:]
		switch id.Ident {
		case "and", "or", "not":
			var parts []string
			for _, a := range args {
				c, err := fg.condArg(a, dot)
				if err != nil {
					return "", err
				}
				parts = append(parts, c)
			}
			switch {
			case id.Ident == "not" && len(parts) == 1:
				return "!" + parts[0], nil
			case id.Ident == "and" && len(parts) > 1:
				return "(" + strings.Join(parts, " && ") + ")", nil
			case id.Ident == "or" && len(parts) > 1:
				return "(" + strings.Join(parts, " || ") + ")", nil
			}
			return "", fmt.Errorf("%s: wrong number of arguments", cmd)
		case "eq", "ne", "lt", "le", "gt", "ge":
			var vals []value
			for _, a := range args {
				v, err := fg.arg(a, dot)
				if err != nil {
					return "", err
				}
				vals = append(vals, v)
			}
			if len(vals) < 2 || id.Ident != "eq" && len(vals) != 2 {
				return "", fmt.Errorf("%s: wrong number of arguments", cmd)
			}
			op := map[string]string{"eq": "==", "ne": "!=", "lt": "<", "le": "<=", "gt": ">", "ge": ">="}[id.Ident]
			var parts []string
			for _, v := range vals[1:] {
				parts = append(parts, vals[0].code+" "+op+" "+v.code)
			}
			return "(" + strings.Join(parts, " || ") + ")", nil
		}
	}
	v, err := fg.command(cmd, dot)
	if err != nil {
		return "", err
	}
	return truth(v)
}

func (fg *fgen) condArg(n parse.Node, dot value) (string, error) {
	if p, ok := n.(*parse.PipeNode); ok && len(p.Cmds) == 1 && len(p.Decl) == 0 {
		return fg.cond(p.Cmds[0], dot)
	}
	v, err := fg.arg(n, dot)
	if err != nil {
		return "", err
	}
	return truth(v)
}

// truth is whether text/template finds v true.
func truth(v value) (string, error) {
	switch v.typ.Kind() {
	case reflect.Bool:
		return v.code, nil
	case reflect.String:
		return v.code + ` != ""`, nil
	case reflect.Int, reflect.Int64:
		return v.code + " != 0", nil
	case reflect.Pointer, reflect.Interface, reflect.Func:
		return v.code + " != nil", nil
	case reflect.Slice, reflect.Map, reflect.Array:
		return "len(" + v.code + ") > 0", nil
	}
	return "", fmt.Errorf("the truth of %s (%s) is not supported", v.code, v.typ)
}

// command is the value of a command.
func (fg *fgen) command(cmd *parse.CommandNode, dot value) (value, error) {
	switch n := cmd.Args[0].(type) {
	case *parse.IdentifierNode:
		return fg.call(n.Ident, cmd.Args[1:], dot)
	case *parse.FieldNode:
		recv, err := fg.fields(dot, n.Ident[:len(n.Ident)-1])
		if err != nil {
			return value{}, err
		}
		return fg.selector(recv, n.Ident[len(n.Ident)-1], cmd.Args[1:], dot)
	case *parse.VariableNode:
		v, err := fg.variable(n.Ident[0])
		if err != nil || len(n.Ident) == 1 {
			if len(cmd.Args) > 1 {
				return value{}, fmt.Errorf("%s: arguments to a variable", cmd)
			}
			return v, err
		}
		recv, err := fg.fields(v, n.Ident[1:len(n.Ident)-1])
		if err != nil {
			return value{}, err
		}
		return fg.selector(recv, n.Ident[len(n.Ident)-1], cmd.Args[1:], dot)
	}
	if len(cmd.Args) > 1 {
		return value{}, fmt.Errorf("%s: not supported", cmd)
	}
	return fg.arg(cmd.Args[0], dot)
}

// arg is the value of an argument.
func (fg *fgen) arg(n parse.Node, dot value) (value, error) {
	switch n := n.(type) {
	case *parse.DotNode:
		return dot, nil
	case *parse.StringNode:
		return value{strconv.Quote(n.Text), reflect.TypeFor[string]()}, nil
	case *parse.NumberNode:
		if n.IsInt {
			return value{strconv.FormatInt(n.Int64, 10), reflect.TypeFor[int]()}, nil
		}
	case *parse.BoolNode:
		return value{strconv.FormatBool(n.True), reflect.TypeFor[bool]()}, nil
	case *parse.FieldNode:
		return fg.fields(dot, n.Ident)
	case *parse.VariableNode:
		v, err := fg.variable(n.Ident[0])
		if err != nil {
			return v, err
		}
		return fg.fields(v, n.Ident[1:])
	case *parse.ChainNode:
		v, err := fg.arg(n.Node, dot)
		if err != nil {
			return v, err
		}
		return fg.fields(v, n.Field)
	case *parse.PipeNode:
		if len(n.Decl) == 0 && len(n.Cmds) == 1 {
			return fg.command(n.Cmds[0], dot)
		}
	case *parse.IdentifierNode:
		return fg.call(n.Ident, nil, dot)
	}
	return value{}, fmt.Errorf("%s: not supported", n)
}

func (fg *fgen) variable(name string) (value, error) {
	for i := len(fg.vars) - 1; i >= 0; i-- {
		if v := fg.vars[i]; v.name == name {
			*v.used = true
			return v.value, nil
		}
	}
	return value{}, fmt.Errorf("undefined variable %s", name)
}

// fields follows a chain of fields and methods without arguments.
func (fg *fgen) fields(v value, names []string) (value, error) {
	for _, name := range names {
		var err error
		if v, err = fg.selector(v, name, nil, v); err != nil {
			return v, err
		}
	}
	return v, nil
}

// selector is recv.name: a method (called with args) or a field, as
// text/template looks them up.
func (fg *fgen) selector(recv value, name string, args []parse.Node, dot value) (value, error) {
	t := recv.typ
	m, ok := t.MethodByName(name)
	if !ok && t.Kind() != reflect.Pointer {
		m, ok = reflect.PointerTo(t).MethodByName(name)
	}
	if ok {
		// The receiver is the first parameter of m.Type.
		in := make([]reflect.Type, m.Type.NumIn()-1)
		for i := range in {
			in[i] = m.Type.In(i + 1)
		}
		return fg.invoke(recv.code+"."+name, goCall(recv.code+"."+name), in, m.Type, args, dot)
	}
	if len(args) > 0 {
		return value{}, fmt.Errorf("%s.%s is not a method", recv.code, name)
	}
	s := t
	if s.Kind() == reflect.Pointer {
		s = s.Elem()
	}
	if s.Kind() != reflect.Struct {
		return value{}, fmt.Errorf("%s.%s: %s is not a struct", recv.code, name, t)
	}
	f, ok := s.FieldByName(name)
	if !ok || !f.IsExported() {
		return value{}, fmt.Errorf("%s has no field or method %s", t, name)
	}
	return value{recv.code + "." + name, f.Type}, nil
}

// call is a call of a template function.
func (fg *fgen) call(name string, args []parse.Node, dot value) (value, error) {
	switch name {
	case "len":
		if len(args) != 1 {
			break
		}
		v, err := fg.arg(args[0], dot)
		return value{"len(" + v.code + ")", reflect.TypeFor[int]()}, err
	case "index":
		if len(args) != 2 {
			break
		}
		v, err := fg.arg(args[0], dot)
		if err != nil {
			return v, err
		}
		i, err := fg.arg(args[1], dot)
		if err != nil {
			return v, err
		}
		if v.typ.Kind() != reflect.Slice {
			return v, fmt.Errorf("index of %s: not supported", v.typ)
		}
		return value{v.code + "[" + i.code + "]", v.typ.Elem()}, nil
	case "and", "or", "not", "eq", "ne", "lt", "le", "gt", "ge":
		c, err := fg.cond(&parse.CommandNode{NodeType: parse.NodeCommand, Args: append([]parse.Node{&parse.IdentifierNode{Ident: name}}, args...)}, dot)
		return value{c, reflect.TypeFor[bool]()}, err
	}
	f, ok := funcs[name]
	if !ok {
		return value{}, fmt.Errorf("function %s: not in the generator's table", name)
	}
	in := make([]reflect.Type, f.typ.NumIn())
	for i := range in {
		in[i] = f.typ.In(i)
	}
	return fg.invoke(name, f.call, in, f.typ, args, dot)
}

// invoke calls a function with parameters in and the type typ.
func (fg *fgen) invoke(name string, call func([]string) string, in []reflect.Type, typ reflect.Type, args []parse.Node, dot value) (value, error) {
	if !typ.IsVariadic() && len(args) != len(in) || typ.IsVariadic() && len(args) < len(in)-1 {
		return value{}, fmt.Errorf("%s: %d arguments, want %d", name, len(args), len(in))
	}
	var codes []string
	for _, a := range args {
		v, err := fg.arg(a, dot)
		if err != nil {
			return v, err
		}
		codes = append(codes, v.code)
	}
	if strings.HasPrefix(name, "fmt.") || name == "tf" {
		fg.imports["fmt"] = true
	}
	code := call(codes)
	switch {
	case typ.NumOut() == 1:
		return value{code, typ.Out(0)}, nil
	case typ.NumOut() == 2 && typ.Out(1) == reflect.TypeFor[error]():
		keep, ok := keepers[typ.Out(0)]
		if !ok {
			return value{}, fmt.Errorf("%s: no keeper of its error for %s", name, typ.Out(0))
		}
		return value{keep + "(" + code + ")", typ.Out(0)}, nil
	}
	return value{}, fmt.Errorf("%s: results %s not supported", name, typ)
}
