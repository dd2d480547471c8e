package main

import (
	"html/template"
	"reflect"
	"strings"
	"time"

	"pressroom/internal/config"
	"pressroom/internal/render"
	"pressroom/internal/site"
)

// roots are the templates made Go functions of, with the type of their dot:
// the pages (with baseof.html around their block main) and the partials
// that memo renders for a page. Every template they include is made a
// function too.
var (
	pages    = []string{"release.html", "paper.html", "list.html"}
	partials = []string{"partials/entry.html", "partials/related-item.html"}
	dataType = reflect.TypeFor[*render.Data]()
	pageType = reflect.TypeFor[*site.Page]()
)

// fn is a template function as Go: the call made of its arguments, and
// the type of the function, whose results are a value or a value and an
// error.
type fn struct {
	call func(args []string) string
	typ  reflect.Type
}

// goCall calls the Go function name with the arguments.
func goCall(name string) func([]string) string {
	return func(args []string) string { return name + "(" + strings.Join(args, ", ") + ")" }
}

// templated are partials that the generated code has html/template
// execute (r.partial), rather than writing them in Go: the photos, whose
// srcset attributes have an escaping of their own, and which few pages
// show. A site may change them freely.
var templated = map[string]bool{"partials/figure.html": true, "partials/gallery.html": true}

// funcs are the template functions that the generated templates may use
// (see funcs.go in package render): what each one is in Go.
var funcs = map[string]fn{
	"t": {goCall("r.t"), reflect.TypeFor[func(string) string]()},
	"tf": {func(a []string) string {
		return "fmt.Sprintf(" + strings.Join(append([]string{"r.t(" + a[0] + ")"}, a[1:]...), ", ") + ")"
	}, reflect.TypeFor[func(string, ...any) string]()},
	"date":          {goCall("r.date"), reflect.TypeFor[func(time.Time) string]()},
	"datetime":      {goCall("r.datetime"), reflect.TypeFor[func(time.Time) string]()},
	"iso":           {goCall("r.iso"), reflect.TypeFor[func(time.Time) string]()},
	"later":         {goCall("later"), reflect.TypeFor[func(time.Time, time.Time) time.Time]()},
	"url":           {goCall("r.rel"), reflect.TypeFor[func(string) string]()},
	"abs":           {goCall("r.abs"), reflect.TypeFor[func(string) string]()},
	"asset":         {goCall("r.asset"), reflect.TypeFor[func(string) (string, error)]()},
	"fileURL":       {goCall("fileURL"), reflect.TypeFor[func(string) string]()},
	"size":          {goCall("r.size"), reflect.TypeFor[func(int64) string]()},
	"filetype":      {goCall("fileType"), reflect.TypeFor[func(string) string]()},
	"about":         {goCall("r.aboutOf"), reflect.TypeFor[func(*config.Organization) template.HTML]()},
	"summary":       {goCall("r.summary"), reflect.TypeFor[func(*site.Page) string]()},
	"socialPhoto":   {goCall("r.socialFigure"), reflect.TypeFor[func(*site.Page) *render.Figure]()},
	"entry":         {goCall("r.entry"), reflect.TypeFor[func(*site.Page) (template.HTML, error)]()},
	"memo":          {goCall("r.memo"), reflect.TypeFor[func(string, *site.Page) (template.HTML, error)]()},
	"once":          {goCall("r.once"), reflect.TypeFor[func(string, string, any) (template.HTML, error)]()},
	"ids":           {goCall("ids"), reflect.TypeFor[func(any) (string, error)]()},
	"navKey":        {goCall("navKey"), reflect.TypeFor[func(*render.Data) string]()},
	"footerKey":     {goCall("footerKey"), reflect.TypeFor[func(*render.Data) string]()},
	"yearsKey":      {goCall("yearsKey"), reflect.TypeFor[func(*render.Data) string]()},
	"schema":        {goCall("r.schema"), reflect.TypeFor[func(*site.Page) *render.Schema]()},
	"json":          {goCall("jsonScript"), reflect.TypeFor[func(any) (template.JS, error)]()},
	"resolve":       {goCall("resolve"), reflect.TypeFor[func(string, string) string]()},
	"eventSchema":   {goCall("r.eventSchema"), reflect.TypeFor[func(*site.Page) *render.EventSchema]()},
	"eventWhen":     {goCall("r.eventWhen"), reflect.TypeFor[func(*site.Event) string]()},
	"eventWhenAt":   {goCall("r.eventWhenAt"), reflect.TypeFor[func(time.Time, *site.Event) string]()},
	"eventPlace":    {goCall("eventPlace"), reflect.TypeFor[func(*site.Event) string]()},
	"icsURL":        {goCall("icsURL"), reflect.TypeFor[func(*site.Page) string]()},
	"calendarURL":   {goCall("r.calendarURL"), reflect.TypeFor[func(string) string]()},
	"webcal":        {goCall("r.webcal"), reflect.TypeFor[func(string) template.URL]()},
	"hasCalendar":   {goCall("r.hasCalendar"), reflect.TypeFor[func(*site.Term) bool]()},
	"upcomingOf":    {goCall("upcomingOf"), reflect.TypeFor[func([]*site.Page) []*site.Page]()},
	"pastOf":        {goCall("pastOf"), reflect.TypeFor[func([]*site.Page) []*site.Page]()},
	"when":          {goCall("r.when"), reflect.TypeFor[func(time.Time) string]()},
	"listSep":       {goCall("r.listSep"), reflect.TypeFor[func(int, int) string]()},
	"downloadTitle": {goCall("downloadTitle"), reflect.TypeFor[func(string, string) string]()},
	"orgContacts":   {goCall("r.orgContacts"), reflect.TypeFor[func(*config.Organization) *render.Contacts]()},
}

// keepers take the error of a function for the writer and return its value.
var keepers = map[reflect.Type]string{
	reflect.TypeFor[string]():        "w.keepString",
	reflect.TypeFor[template.HTML](): "w.keepHTML",
	reflect.TypeFor[template.JS]():   "w.keepJS",
}

// rawTypes are the types of safe content that html/template writes as
// they are in the contexts of the escapers given.
var rawTypes = map[reflect.Type]string{
	reflect.TypeFor[template.HTML](): "_html_template_htmlescaper",
	reflect.TypeFor[template.JS]():   "_html_template_jsvalescaper",
}

// special are fields that the Go pages write themselves: a page's body,
// which the templates get as .Content, is written from the page without
// a copy.
var special = map[string]string{
	dataType.Elem().String() + ".Content": "r.writeContent(w, %s)",
}
