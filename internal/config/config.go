// Package config reads site.toml into a validated Site with defaults.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // timezones work on machines without a zoneinfo database

	"github.com/BurntSushi/toml"

	"pressroom/internal/chars"
	"pressroom/internal/diag"
	"pressroom/internal/slug"
)

// File is the name of the configuration file in a site's folder.
const File = "site.toml"

// Kinds of sections.
const (
	KindRelease = "release"
	KindPaper   = "paper"
	KindPage    = "page"
	// KindEvent is a section of Termine: pages with a start, an .ics each.
	KindEvent = "event"
)

// Site is the configuration of one site.
type Site struct {
	Title               string              `toml:"title"`
	BaseURL             string              `toml:"baseURL"`
	Language            string              `toml:"language"`
	Timezone            string              `toml:"timezone"`
	Description         string              `toml:"description"`
	Copyright           string              `toml:"copyright"`
	DefaultOrganization string              `toml:"defaultOrganization"`
	Organizations       []*Organization     `toml:"organizations"`
	Contacts            []*Contact          `toml:"contacts"`
	Sections            map[string]*Section `toml:"sections"`
	Feeds               Feeds               `toml:"feeds"`
	Mail                Mail                `toml:"mail"` // the e-mail edition (see mail.go)
	Pagination          Pagination          `toml:"pagination"`
	Markdown            Markdown            `toml:"markdown"`
	Images              Images              `toml:"images"`
	Paths               Paths               `toml:"paths"`
	Search              Search              `toml:"search"`
	Strings             map[string]string   `toml:"strings"`
	Params              map[string]any      `toml:"params"` // a theme's own keys: .Site.Params
	Theme               Theme               `toml:"theme"`

	// Derived by Load.
	Location     *time.Location `toml:"-"`
	Base         *url.URL       `toml:"-"` // always ends in "/"
	SectionOrder []string       `toml:"-"` // section names in the order of site.toml
}

// Organization is an issuer of releases.
type Organization struct {
	ID         string   `toml:"id"`
	Name       string   `toml:"name"`
	URL        string   `toml:"url"`
	About      string   `toml:"about"`      // Markdown boilerplate
	AboutTitle string   `toml:"aboutTitle"` // heading of the boilerplate, default "Über <name>"
	Contacts   []string `toml:"contacts"`   // default press contacts
}

// Contact is a press contact.
type Contact struct {
	ID    string `toml:"id"`
	Name  string `toml:"name"`
	Role  string `toml:"role"`
	Phone string `toml:"phone"`
	Email string `toml:"email"`
}

// Section configures a content folder.
type Section struct {
	Title     string `toml:"title"`
	Kind      string `toml:"kind"`
	Permalink string `toml:"permalink"`
}

// Feeds configures the feeds.
type Feeds struct {
	Items int   `toml:"items"`
	Full  *bool `toml:"full"`
	// Hub is a WebSub hub's URL: every feed declares it (rel="hub"), and
	// pressroom ping notifies it of the feeds that changed.
	Hub string `toml:"hub"`
	// Archives says which feeds keep their older entries in archive
	// documents (RFC 5005): "site" (the default: the site's own feeds),
	// "all" (every section's, topic's and organisation's too) or "none".
	Archives string `toml:"archives"`
}

// Archived reports whether the feeds of folder ("/" for the site's) get
// archive documents.
func (f Feeds) Archived(folder string) bool {
	switch f.Archives {
	case "all":
		return true
	case "none":
		return false
	}
	return folder == "/"
}

// FullContent reports whether feed items carry the whole text.
func (f Feeds) FullContent() bool { return f.Full == nil || *f.Full }

// Images configures the photos of pages (frontmatter image and images):
// the widths of their web variants, the JPEG quality and the terms of use
// shown beside each print download and written into the files.
type Images struct {
	Widths  []int  `toml:"widths"`
	Quality int    `toml:"quality"`
	License string `toml:"license"` // default terms of use: a text or a URL
}

// Pagination configures list pages.
type Pagination struct {
	PerPage int `toml:"perPage"`
}

// Markdown configures the renderer.
type Markdown struct {
	Unsafe bool `toml:"unsafe"`
}

// Paths are the words used in generated URLs.
type Paths struct {
	Tags          string `toml:"tags"`
	Organizations string `toml:"organizations"`
	Page          string `toml:"page"`
	Preview       string `toml:"preview"`  // embargo previews
	Search        string `toml:"search"`   // the search page
	Calendar      string `toml:"calendar"` // calendar subscriptions: /kalender.ics
	Archive       string `toml:"archive"`  // feed archives: /archiv/feed-1.xml
	Contacts      string `toml:"contacts"` // the press contacts with their vCards
}

// words are the path words with their defaults in English and German.
func (p *Paths) words() []struct {
	word   *string
	en, de string
} {
	return []struct {
		word   *string
		en, de string
	}{
		{&p.Tags, "topics", "themen"}, {&p.Organizations, "organizations", "organisationen"},
		{&p.Page, "page", "seite"}, {&p.Preview, "preview", "vorschau"}, {&p.Search, "search", "suche"},
		{&p.Calendar, "calendar", "kalender"}, {&p.Archive, "archive", "archiv"}, {&p.Contacts, "contact", "kontakt"},
	}
}

// Search configures the site's search page and index.
type Search struct {
	Enabled  *bool    `toml:"enabled"`  // default true
	Sections []string `toml:"sections"` // sections indexed; default all
	Pages    *bool    `toml:"pages"`    // the pages at the content root; default true
}

// On reports whether the site has a search page and index.
func (s Search) On() bool { return s.Enabled == nil || *s.Enabled }

// Indexes reports whether the pages of section ("" for the content
// root) are indexed.
func (s Search) Indexes(section string) bool {
	if section == "" {
		return s.Pages == nil || *s.Pages
	}
	if s.Sections == nil {
		return true
	}
	for _, n := range s.Sections {
		if n == section {
			return true
		}
	}
	return false
}

// Placeholders allowed in permalink patterns.
var placeholder = regexp.MustCompile(`:[a-z]+`)

var knownPlaceholders = map[string]bool{":section": true, ":year": true, ":month": true, ":day": true, ":slug": true}

// Load reads site.toml from fsys (the site's folder). A missing file gives
// the defaults. Problems are returned as diagnostics.
func Load(fsys fs.FS) (*Site, diag.List) {
	var diags diag.List
	s := &Site{}
	src, err := fs.ReadFile(fsys, File)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		diags.Warnf(File, 0, "no site.toml: using the defaults")
		src = nil
	case err != nil:
		diags.Errorf(File, 0, "%v", err)
		return nil, diags
	}
	md, err := toml.Decode(string(src), s)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line, col, msg, hint := TOMLError(src, pe)
			diags.Add(diag.Diagnostic{Path: File, Line: line, Col: col, Msg: msg, Hint: hint})
		} else {
			diags.Add(diag.Diagnostic{Path: File, Line: lineOfKeyErr(src, err), Msg: err.Error()})
		}
		return nil, diags
	}
	for _, k := range md.Undecoded() {
		line := keyLine(src, k)
		d := diag.Diagnostic{Path: File, Line: line, Msg: fmt.Sprintf("unknown key %q", k.String())}
		if s := suggestKey(k); s != "" {
			d.Hint = fmt.Sprintf("did you mean %q?", s)
		}
		diags.Add(d)
	}
	for _, k := range md.Keys() {
		// [sections.x] gives the key sections.x; dotted keys such as
		// x.kind below [sections] give only sections.x.kind.
		if len(k) >= 2 && k[0] == "sections" && !slices.Contains(s.SectionOrder, k[1]) {
			s.SectionOrder = append(s.SectionOrder, k[1])
		}
	}
	if md.IsDefined("timezone") && s.Timezone == "" {
		diags.Add(diag.Diagnostic{Path: File, Line: keyLine(src, toml.Key{"timezone"}), Msg: `timezone "" names no timezone`, Hint: timezoneHint})
	}
	s.cleanStrings(src, &diags)
	s.applyDefaults()
	s.validate(src, &diags)
	s.Theme.validate(fsys, src, &diags)
	return s, diags
}

// cleanStrings puts every text of the configuration into NFC and removes
// the characters no output may hold (see chars.Clean), which TOML escapes
// such as "\u000B" can make, with a warning at the key.
func (s *Site) cleanStrings(src []byte, diags *diag.List) {
	var walk func(v reflect.Value, key string)
	walk = func(v reflect.Value, key string) {
		switch v.Kind() {
		case reflect.String:
			clean, found := chars.Clean(v.String())
			if len(found) > 0 {
				names := make([]string, len(found))
				for i, r := range found {
					names[i] = chars.Name(r)
				}
				diags.Add(diag.Diagnostic{Path: File, Line: keyLine(src, toml.Key{key}), Warning: true,
					Msg: fmt.Sprintf("%s: %s removed (Steuerzeichen entfernt)", key, strings.Join(names, ", "))})
			}
			if clean != v.String() {
				v.SetString(clean)
			}
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem(), key)
			}
		case reflect.Interface:
			if !v.IsNil() {
				e := reflect.New(v.Elem().Type()).Elem()
				e.Set(v.Elem())
				walk(e, key)
				v.Set(e)
			}
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				if name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("toml"), ","); name != "" && name != "-" {
					walk(v.Field(i), name)
				}
			}
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i), key)
			}
		case reflect.Map:
			for _, k := range v.MapKeys() {
				e := reflect.New(v.Type().Elem()).Elem()
				e.Set(v.MapIndex(k))
				walk(e, k.String())
				v.SetMapIndex(k, e)
			}
		}
	}
	walk(reflect.ValueOf(s).Elem(), "")
}

func (s *Site) applyDefaults() {
	if s.Language == "" {
		s.Language = "de"
	}
	if s.Timezone == "" {
		s.Timezone = "Europe/Berlin"
	}
	if s.Title == "" {
		s.Title = map[string]string{"de": "Presse", "en": "Press"}[s.Language]
	}
	if s.BaseURL == "" {
		s.BaseURL = "https://example.org/"
	}
	if s.Feeds.Items == 0 {
		s.Feeds.Items = 20
	}
	if s.Pagination.PerPage == 0 {
		s.Pagination.PerPage = 10
	}
	if len(s.Images.Widths) == 0 {
		s.Images.Widths = []int{480, 960, 1600}
	}
	if s.Images.Quality == 0 {
		s.Images.Quality = 80
	}
	en := s.Language == "en"
	for _, w := range s.Paths.words() {
		if *w.word == "" {
			*w.word = pick(en, w.en, w.de)
		}
	}
	if s.Sections == nil {
		s.Sections = map[string]*Section{}
	}
	for name, sec := range s.Sections {
		if sec.Kind == "" {
			sec.Kind = KindRelease
			if name == EventSection(s.Language) {
				sec.Kind = KindEvent
			}
		}
		if sec.Title == "" {
			sec.Title = TitleFromName(name)
		}
		if sec.Permalink == "" {
			sec.Permalink = DefaultPermalink(sec.Kind)
		}
	}
	if s.DefaultOrganization == "" && len(s.Organizations) > 0 {
		s.DefaultOrganization = s.Organizations[0].ID
	}
	for _, o := range s.Organizations {
		if o.AboutTitle == "" {
			o.AboutTitle = pick(en, "About ", "Über ") + o.Name
		}
	}
}

func pick(cond bool, a, b string) string {
	if cond {
		return a
	}
	return b
}

// DefaultPermalink is the permalink pattern of a section kind.
func DefaultPermalink(kind string) string {
	if kind == KindRelease {
		return "/:section/:year/:slug/"
	}
	return "/:section/:slug/"
}

// EventSection is the name of the folder that is a section of events
// without being declared in site.toml: termine, or events on an English
// site.
func EventSection(language string) string { return pick(language == "en", "events", "termine") }

// TitleFromName makes a title of a folder name: "jahres-berichte" -> "Jahres Berichte".
func TitleFromName(name string) string {
	words := strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' || r == ' ' })
	for i, w := range words {
		r := []rune(w)
		words[i] = strings.ToUpper(string(r[:1])) + string(r[1:])
	}
	return strings.Join(words, " ")
}

// Clone returns a copy whose sections can be added to without changing s.
func (s *Site) Clone() *Site {
	c := *s
	c.Sections = make(map[string]*Section, len(s.Sections))
	for k, v := range s.Sections {
		c.Sections[k] = v
	}
	c.SectionOrder = append([]string(nil), s.SectionOrder...)
	return &c
}

// AddSection declares a section that is not in site.toml, with defaults.
func (s *Site) AddSection(name string) *Section {
	kind := KindRelease
	if name == EventSection(s.Language) {
		kind = KindEvent // content/termine/ is a section of events
	}
	sec := &Section{Title: TitleFromName(name), Kind: kind, Permalink: DefaultPermalink(kind)}
	s.Sections[name] = sec
	s.SectionOrder = append(s.SectionOrder, name)
	return sec
}

func (s *Site) validate(src []byte, diags *diag.List) {
	at := func(key string) int { return keyLine(src, toml.Key{key}) }
	if s.Language != "de" && s.Language != "en" {
		diags.Errorf(File, at("language"), "language %q is not supported (use \"de\" or \"en\")", s.Language)
	}
	// Only a named zone: "Local" would make embargoes lift by the clock
	// settings of whichever machine builds.
	loc, err := time.LoadLocation(s.Timezone)
	switch {
	case s.Timezone == "Local":
		diags.Add(diag.Diagnostic{Path: File, Line: at("timezone"), Msg: `timezone "Local" depends on the machine that builds: when an embargo lifts must not`, Hint: timezoneHint})
		loc = time.UTC
	case err != nil:
		diags.Add(diag.Diagnostic{Path: File, Line: at("timezone"), Msg: fmt.Sprintf("unknown timezone %q", s.Timezone), Hint: timezoneHint})
		loc = time.UTC
	}
	s.Location = loc
	if err := s.SetBaseURL(s.BaseURL); err != nil {
		diags.Errorf(File, at("baseURL"), "%v", err)
	}
	entryLine := func(lines []int, i int, id string) int {
		if i < len(lines) {
			return lines[i]
		}
		return valueLine(src, "id", id)
	}
	orgLines := entryLines(src, "organizations", "id")
	orgs := map[string]bool{}
	for i, o := range s.Organizations {
		line := entryLine(orgLines, i, o.ID)
		switch {
		case o.ID == "":
			diags.Errorf(File, line, "an organization has no id")
		case o.ID != slug.Make(o.ID):
			diags.Errorf(File, line, "organization id %q must be lower case ASCII letters, digits and dashes (like %q)", o.ID, slug.Make(o.ID))
		case orgs[o.ID]:
			diags.Errorf(File, line, "organization id %q is declared twice", o.ID)
		}
		orgs[o.ID] = true
		if o.Name == "" {
			diags.Errorf(File, line, "organization %q has no name", o.ID)
		}
	}
	contactLines := entryLines(src, "contacts", "id")
	contacts := map[string]bool{}
	for i, c := range s.Contacts {
		line := entryLine(contactLines, i, c.ID)
		switch {
		case c.ID == "":
			diags.Errorf(File, line, "a contact has no id")
		case contacts[c.ID]:
			diags.Errorf(File, line, "contact id %q is declared twice", c.ID)
		}
		contacts[c.ID] = true
		if c.Name == "" {
			diags.Errorf(File, line, "contact %q has no name", c.ID)
		}
	}
	orgContactLines := entryLines(src, "organizations", "contacts")
	for i, o := range s.Organizations {
		for _, c := range o.Contacts {
			if !contacts[c] {
				diags.Errorf(File, entryLine(orgContactLines, i, o.ID), "organization %q names unknown contact %q", o.ID, c)
			}
		}
	}
	if s.DefaultOrganization != "" && !orgs[s.DefaultOrganization] {
		diags.Errorf(File, at("defaultOrganization"), "defaultOrganization %q is not one of the organizations", s.DefaultOrganization)
	}
	for _, name := range s.SectionOrder {
		sec := s.Sections[name]
		line := keyLine(src, toml.Key{"sections", name})
		if name != slug.Make(name) {
			diags.Errorf(File, line, "section name %q must be lower case ASCII letters, digits and dashes", name)
		}
		switch sec.Kind {
		case KindRelease, KindPaper, KindPage, KindEvent:
		default:
			diags.Errorf(File, line, "section %q: unknown kind %q (use release, paper, page or event)", name, sec.Kind)
		}
		plLine := line
		if l := lineInTable(src, line, "permalink"); l > 0 {
			plLine = l
		}
		if !strings.HasPrefix(sec.Permalink, "/") || !strings.Contains(sec.Permalink, ":slug") {
			diags.Errorf(File, plLine, "section %q: permalink %q must start with / and contain :slug", name, sec.Permalink)
		}
		for _, p := range placeholder.FindAllString(sec.Permalink, -1) {
			if !knownPlaceholders[p] {
				diags.Errorf(File, plLine, "section %q: unknown placeholder %s in permalink (use :section, :year, :month, :day, :slug)", name, p)
			}
		}
	}
	if s.Feeds.Items < 0 {
		diags.Errorf(File, at("items"), "feeds.items must be positive")
	}
	switch s.Feeds.Archives {
	case "", "site", "all", "none":
	default:
		diags.Errorf(File, at("archives"), "feeds.archives %q: use \"site\" (the site's own feeds), \"all\" or \"none\"", s.Feeds.Archives)
	}
	if h := s.Feeds.Hub; h != "" {
		if u, err := url.Parse(h); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			diags.Errorf(File, at("hub"), "feeds.hub %q must be an absolute http(s) URL, e.g. https://pubsubhubbub.appspot.com/", h)
		}
	}
	if s.Pagination.PerPage < 0 {
		diags.Errorf(File, at("perPage"), "pagination.perPage must be positive")
	}
	for _, w := range s.Images.Widths {
		if w < 16 || w > 10000 {
			diags.Errorf(File, at("widths"), "images.widths: %d is not a width between 16 and 10000 pixels", w)
		}
	}
	if s.Images.Quality < 1 || s.Images.Quality > 100 {
		diags.Errorf(File, at("quality"), "images.quality must be between 1 and 100")
	}
	for _, w := range s.Paths.words() {
		if p := *w.word; p != slug.Make(p) {
			diags.Errorf(File, at("paths"), "path word %q must be lower case ASCII letters, digits and dashes", p)
		}
	}
}

// timezoneHint says what a timezone must be.
const timezoneHint = `use an IANA zone name, e.g. Europe/Berlin, or UTC`

// SetBaseURL parses and sets the base URL; it may have a path, but no user
// name or password, which every page and feed would show.
func (s *Site) SetBaseURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("baseURL %q must be an absolute http(s) URL such as \"https://presse.example.org/\"", raw)
	}
	if u.User != nil {
		u.User = nil
		return fmt.Errorf("baseURL must not contain a user name or password: every page and feed would show them (remove the part before @, as in %q)", u.String())
	}
	u.Path = path.Clean("/"+u.Path) + "/"
	u.Path = strings.Replace(u.Path, "//", "/", 1)
	u.RawQuery, u.Fragment, u.RawPath = "", "", ""
	s.BaseURL = u.String()
	s.Base = u
	return nil
}

// Organization returns the organization with the id, or nil.
func (s *Site) Organization(id string) *Organization {
	for _, o := range s.Organizations {
		if o.ID == id {
			return o
		}
	}
	return nil
}

// Contact returns the contact with the id, or nil.
func (s *Site) Contact(id string) *Contact {
	for _, c := range s.Contacts {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// keyLine finds the line of the last part of key in src (best effort: the
// first line that assigns it, or the table header).
func keyLine(src []byte, key toml.Key) int {
	if len(key) == 0 {
		return 0
	}
	last := regexp.QuoteMeta(key[len(key)-1])
	re := regexp.MustCompile(`(?m)^[ \t]*(\[+[ \t]*)?([\w.-]*\.)?"?` + last + `"?[ \t]*(=|\])`)
	if loc := re.FindIndex(src); loc != nil {
		return diag.LineOf(src, loc[0])
	}
	return 0
}

// valueLine finds the line where key = "value".
func valueLine(src []byte, key, value string) int {
	re := regexp.MustCompile(`(?m)^[ \t]*` + regexp.QuoteMeta(key) + `[ \t]*=[ \t]*["']` + regexp.QuoteMeta(value) + `["']`)
	if loc := re.FindIndex(src); loc != nil {
		return diag.LineOf(src, loc[0])
	}
	return 0
}

var tableHeader = regexp.MustCompile(`^[ \t]*\[\[?[ \t]*[\w."-]+[ \t]*\]\]?[ \t\r]*(#.*)?$`)

// entryLines returns, for each [[table]] entry of src in order, the line
// where it sets key, or the line of its header if it does not.
func entryLines(src []byte, table, key string) []int {
	header := regexp.MustCompile(`^[ \t]*\[\[[ \t]*"?` + regexp.QuoteMeta(table) + `"?[ \t]*\]\]`)
	assign := regexp.MustCompile(`^[ \t]*"?` + regexp.QuoteMeta(key) + `"?[ \t]*=`)
	var lines []int
	in, found := false, false
	for i, l := range strings.Split(string(src), "\n") {
		switch {
		case header.MatchString(l):
			lines = append(lines, i+1)
			in, found = true, false
		case tableHeader.MatchString(l):
			in = false
		case in && !found && assign.MatchString(l):
			lines[len(lines)-1] = i + 1
			found = true
		}
	}
	return lines
}

// lineInTable returns the line below the table header at line header (a
// line of src) that sets key, or 0.
func lineInTable(src []byte, header int, key string) int {
	if header < 1 {
		return 0
	}
	assign := regexp.MustCompile(`^[ \t]*"?` + regexp.QuoteMeta(key) + `"?[ \t]*=`)
	for i, l := range strings.Split(string(src), "\n") {
		switch n := i + 1; {
		case n <= header:
		case tableHeader.MatchString(l) || strings.HasPrefix(strings.TrimSpace(l), "["):
			return 0
		case assign.MatchString(l):
			return n
		}
	}
	return 0
}

// TOMLError positions and explains a TOML syntax error in src: the line,
// the column (0 if unknown), the message and a hint for someone who is not
// a programmer. It is also used for TOML frontmatter.
func TOMLError(src []byte, pe toml.ParseError) (line, col int, msg, hint string) {
	line, msg = pe.Position.Line, pe.Message
	// The column of BurntSushi/toml is off at the start of a line: count
	// it from the byte offset.
	start, n := 0, 1
	for start < len(src) && n < line {
		if src[start] == '\n' {
			n++
		}
		start++
	}
	end := start
	for end < len(src) && src[end] != '\n' {
		end++
	}
	text := strings.TrimRight(string(src[start:end]), "\r")
	if c := pe.Position.Start - start + 1; n == line && c >= 1 && c <= len(text)+1 {
		col = c
	}
	switch {
	case strings.Contains(msg, "strings cannot contain newlines"):
		hint = "a text in quotes is not closed: add the closing quote on this line"
	case strings.HasPrefix(msg, "expected value but found"):
		key := strings.TrimSpace(strings.SplitN(text, "=", 2)[0])
		if pe.LastKey != "" && strings.HasSuffix(pe.LastKey, key) && strings.Contains(text, "=") {
			hint = "put text in quotes: " + key + ` = "…"`
		} else if pe.LastKey != "" {
			hint = fmt.Sprintf("the value of %s above is not closed: is a ] or } missing?", pe.LastKey)
		}
	case strings.Contains(msg, "has already been defined"):
		hint = "each key may be given only once: remove one of them"
	}
	return line, col, msg, hint
}

// suggestKey returns the known key closest to an unknown key of site.toml,
// or "".
func suggestKey(k toml.Key) string {
	if len(k) == 0 {
		return ""
	}
	known := knownKeys(reflect.TypeOf(Site{}), k[:len(k)-1])
	last := strings.ToLower(k[len(k)-1])
	if s, ok := configSynonyms[last]; ok && slices.Contains(known, s) {
		return s
	}
	return Closest(last, known)
}

// configSynonyms catch German spellings of the keys of site.toml.
var configSynonyms = map[string]string{
	"titel": "title", "sprache": "language", "zeitzone": "timezone", "beschreibung": "description",
	"organisationen": "organizations", "kontakte": "contacts", "abschnitte": "sections", "rubriken": "sections",
	"art": "kind", "typ": "kind", "telefon": "phone", "rolle": "role", "funktion": "role",
	"webseite": "url", "website": "url", "ueber": "about", "über": "about",
}

// knownKeys lists the keys of the table at path below t, from the toml
// tags of its struct.
func knownKeys(t reflect.Type, path toml.Key) []string {
	for _, part := range path {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		switch t.Kind() {
		case reflect.Map:
			t = t.Elem() // part is a map key, e.g. the section name
			continue
		case reflect.Struct:
		default:
			return nil
		}
		found := false
		for i := 0; i < t.NumField(); i++ {
			if name, _, _ := strings.Cut(t.Field(i).Tag.Get("toml"), ","); name == part {
				t, found = t.Field(i).Type, true
				break
			}
		}
		if !found {
			return nil
		}
	}
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	var out []string
	for i := 0; i < t.NumField(); i++ {
		if name, _, _ := strings.Cut(t.Field(i).Tag.Get("toml"), ","); name != "" && name != "-" {
			out = append(out, name)
		}
	}
	return out
}

// Closest returns the word of known nearest to word (at most two edits
// away, ignoring case), or "".
func Closest(word string, known []string) string {
	best, bestDist := "", 3
	for _, k := range known {
		if d := distance(strings.ToLower(word), strings.ToLower(k)); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

// distance is the Levenshtein distance of two short strings.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

func lineOfKeyErr(src []byte, err error) int {
	// Type errors from toml name the key: toml: line 3 (last key "x"): ...
	var m = regexp.MustCompile(`line (\d+)`).FindStringSubmatch(err.Error())
	if m != nil {
		var n int
		fmt.Sscan(m[1], &n)
		return n
	}
	return 0
}
