package config

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"pressroom/internal/diag"
)

func load(t *testing.T, src string) (*Site, diag.List) {
	t.Helper()
	return Load(fstest.MapFS{File: {Data: []byte(src)}})
}

func mustLoad(t *testing.T, src string) *Site {
	t.Helper()
	s, diags := load(t, src)
	if len(diags) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", listString(diags))
	}
	return s
}

func listString(l diag.List) string {
	var b strings.Builder
	for _, d := range l {
		b.WriteString("  " + d.String() + "\n")
	}
	return b.String()
}

// fullTOML uses every key of the README's site.toml section.
const fullTOML = `# Beispiel
title = "Presseportal Musterverband"
baseURL = "https://www.example.org/presse/"
language = "de"
timezone = "Europe/Vienna"
description = "Pressemitteilungen des Musterverbands"
copyright = "© 2026 Musterverband e. V."
defaultOrganization = "partner"

[[organizations]]
id = "verband"
name = "Musterverband e. V."
url = "https://www.example.org/"
aboutTitle = "Über den Musterverband"
about = """Der **Musterverband** vertritt 120 Kommunen."""
contacts = ["presse", "leitung"]

[[organizations]]
id = "partner"
name = "Partner GmbH"
contacts = ["leitung"]

[[contacts]]
id = "presse"
name = "Erika Beispiel"
role = "Pressesprecherin"
phone = "+49 30 1234567"
email = "presse@example.org"

[[contacts]]
id = "leitung"
name = "Max Muster"

[sections.pressemitteilungen]
title = "Pressemitteilungen"
kind = "release"
permalink = "/:section/:year/:month/:day/:slug/"

[sections.positionspapiere]
title = "Positionspapiere"
kind = "paper"
permalink = "/:section/:slug/"

[sections.service]
kind = "page"

[feeds]
items = 5
full = false

[pagination]
perPage = 25

[markdown]
unsafe = true

[paths]
tags = "schlagworte"
organizations = "herausgeber"
page = "blatt"

[strings]
pressContact = "Ansprechpartnerin"
readMore = "Weiterlesen"
`

func TestLoadFull(t *testing.T) {
	s := mustLoad(t, fullTOML)
	for _, c := range []struct{ name, got, want string }{
		{"Title", s.Title, "Presseportal Musterverband"},
		{"BaseURL", s.BaseURL, "https://www.example.org/presse/"},
		{"Base", s.Base.String(), "https://www.example.org/presse/"},
		{"Base.Path", s.Base.Path, "/presse/"},
		{"Language", s.Language, "de"},
		{"Timezone", s.Timezone, "Europe/Vienna"},
		{"Location", s.Location.String(), "Europe/Vienna"},
		{"Description", s.Description, "Pressemitteilungen des Musterverbands"},
		{"Copyright", s.Copyright, "© 2026 Musterverband e. V."},
		{"DefaultOrganization", s.DefaultOrganization, "partner"},
		{"Paths.Tags", s.Paths.Tags, "schlagworte"},
		{"Paths.Organizations", s.Paths.Organizations, "herausgeber"},
		{"Paths.Page", s.Paths.Page, "blatt"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	wantOrgs := []*Organization{
		{ID: "verband", Name: "Musterverband e. V.", URL: "https://www.example.org/", AboutTitle: "Über den Musterverband",
			About: "Der **Musterverband** vertritt 120 Kommunen.", Contacts: []string{"presse", "leitung"}},
		{ID: "partner", Name: "Partner GmbH", AboutTitle: "Über Partner GmbH", Contacts: []string{"leitung"}},
	}
	if !reflect.DeepEqual(s.Organizations, wantOrgs) {
		t.Errorf("Organizations =\n%+v\n%+v\nwant\n%+v\n%+v", s.Organizations[0], s.Organizations[1], wantOrgs[0], wantOrgs[1])
	}
	wantContacts := []*Contact{
		{ID: "presse", Name: "Erika Beispiel", Role: "Pressesprecherin", Phone: "+49 30 1234567", Email: "presse@example.org"},
		{ID: "leitung", Name: "Max Muster"},
	}
	if !reflect.DeepEqual(s.Contacts, wantContacts) {
		t.Errorf("Contacts = %+v, want %+v", s.Contacts, wantContacts)
	}
	wantSections := map[string]*Section{
		"pressemitteilungen": {Title: "Pressemitteilungen", Kind: KindRelease, Permalink: "/:section/:year/:month/:day/:slug/"},
		"positionspapiere":   {Title: "Positionspapiere", Kind: KindPaper, Permalink: "/:section/:slug/"},
		"service":            {Title: "Service", Kind: KindPage, Permalink: "/:section/:slug/"},
	}
	if !reflect.DeepEqual(s.Sections, wantSections) {
		for k, v := range s.Sections {
			t.Logf("section %s: %+v", k, *v)
		}
		t.Errorf("Sections differ, want %v", wantSections)
	}
	if want := []string{"pressemitteilungen", "positionspapiere", "service"}; !reflect.DeepEqual(s.SectionOrder, want) {
		t.Errorf("SectionOrder = %q, want %q", s.SectionOrder, want)
	}
	if s.Feeds.Items != 5 || s.Feeds.FullContent() {
		t.Errorf("Feeds = items %d, full %v; want 5, false", s.Feeds.Items, s.Feeds.FullContent())
	}
	if s.Pagination.PerPage != 25 {
		t.Errorf("PerPage = %d, want 25", s.Pagination.PerPage)
	}
	if !s.Markdown.Unsafe {
		t.Error("Markdown.Unsafe = false, want true")
	}
	if want := map[string]string{"pressContact": "Ansprechpartnerin", "readMore": "Weiterlesen"}; !reflect.DeepEqual(s.Strings, want) {
		t.Errorf("Strings = %v, want %v", s.Strings, want)
	}
	if o := s.Organization("partner"); o == nil || o.Name != "Partner GmbH" {
		t.Errorf("Organization(partner) = %+v", o)
	}
	if s.Organization("nobody") != nil || s.Contact("nobody") != nil {
		t.Error("lookup of an unknown id is not nil")
	}
	if c := s.Contact("presse"); c == nil || c.Email != "presse@example.org" {
		t.Errorf("Contact(presse) = %+v", c)
	}
}

func TestDefaults(t *testing.T) {
	type want struct {
		title, lang, tz, base, basePath string
		items, perPage                  int
		full, unsafe                    bool
		tags, orgs, page, defaultOrg    string
	}
	for _, tc := range []struct {
		name, src string
		want      want
	}{
		{"empty file", "", want{"Presse", "de", "Europe/Berlin", "https://example.org/", "/", 20, 10, true, false, "themen", "organisationen", "seite", ""}},
		{"comments only", "# nichts\n\n", want{"Presse", "de", "Europe/Berlin", "https://example.org/", "/", 20, 10, true, false, "themen", "organisationen", "seite", ""}},
		{"english", "language = \"en\"\n", want{"Press", "en", "Europe/Berlin", "https://example.org/", "/", 20, 10, true, false, "topics", "organizations", "page", ""}},
		{"empty tables", "title = \"T\"\n[feeds]\n[pagination]\n[paths]\n[markdown]\n", want{"T", "de", "Europe/Berlin", "https://example.org/", "/", 20, 10, true, false, "themen", "organisationen", "seite", ""}},
		{"full explicitly true", "[feeds]\nfull = true\nitems = 3\n", want{"Presse", "de", "Europe/Berlin", "https://example.org/", "/", 3, 10, true, false, "themen", "organisationen", "seite", ""}},
		{"one path word set", "language = \"en\"\n[paths]\ntags = \"themes\"\n", want{"Press", "en", "Europe/Berlin", "https://example.org/", "/", 20, 10, true, false, "themes", "organizations", "page", ""}},
		{"first organization is the default", "[[organizations]]\nid = \"a\"\nname = \"A\"\n[[organizations]]\nid = \"b\"\nname = \"B\"\n",
			want{"Presse", "de", "Europe/Berlin", "https://example.org/", "/", 20, 10, true, false, "themen", "organisationen", "seite", "a"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := mustLoad(t, tc.src)
			got := want{s.Title, s.Language, s.Timezone, s.BaseURL, s.Base.Path, s.Feeds.Items, s.Pagination.PerPage,
				s.Feeds.FullContent(), s.Markdown.Unsafe, s.Paths.Tags, s.Paths.Organizations, s.Paths.Page, s.DefaultOrganization}
			if got != tc.want {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
			if s.Location == nil || s.Location.String() != tc.want.tz {
				t.Errorf("Location = %v, want %s", s.Location, tc.want.tz)
			}
			if s.Sections == nil {
				t.Error("Sections is nil; AddSection would panic")
			}
		})
	}
}

func TestMissingFile(t *testing.T) {
	s, diags := Load(fstest.MapFS{"content/a.md": {Data: []byte("x")}})
	if diags.HasErrors() {
		t.Fatalf("a missing site.toml is an error:\n%s", listString(diags))
	}
	if len(diags) != 1 || !diags[0].Warning || diags[0].Path != File || !strings.Contains(diags[0].Msg, "no site.toml") {
		t.Errorf("diagnostics:\n%swant one warning about the missing site.toml", listString(diags))
	}
	if s == nil {
		t.Fatal("no Site")
	}
	if s.Language != "de" || s.Location.String() != "Europe/Berlin" || s.Base.String() != "https://example.org/" || s.Feeds.Items != 20 || s.Paths.Tags != "themen" {
		t.Errorf("not the defaults: %+v", s)
	}
}

func TestAboutTitle(t *testing.T) {
	for _, tc := range []struct{ lang, aboutTitle, want string }{
		{"de", "", "Über Musterverband e. V."},
		{"en", "", "About Musterverband e. V."},
		{"de", "Wer wir sind", "Wer wir sind"},
	} {
		src := "language = \"" + tc.lang + "\"\n[[organizations]]\nid = \"verband\"\nname = \"Musterverband e. V.\"\n"
		if tc.aboutTitle != "" {
			src += "aboutTitle = \"" + tc.aboutTitle + "\"\n"
		}
		s := mustLoad(t, src)
		if got := s.Organizations[0].AboutTitle; got != tc.want {
			t.Errorf("%s, aboutTitle %q: AboutTitle = %q, want %q", tc.lang, tc.aboutTitle, got, tc.want)
		}
	}
}

func TestSections(t *testing.T) {
	s := mustLoad(t, `
[sections.zeta]
title = "Letzte"

[feeds]
items = 3

[sections.jahres-berichte]
kind = "paper"

[sections.alpha]
kind = "page"
permalink = "/:slug/"

[sections.meldungen]
kind = "release"
title = "Meldungen"
`)
	want := map[string]Section{
		"zeta":            {Title: "Letzte", Kind: KindRelease, Permalink: "/:section/:year/:slug/"},
		"jahres-berichte": {Title: "Jahres Berichte", Kind: KindPaper, Permalink: "/:section/:slug/"},
		"alpha":           {Title: "Alpha", Kind: KindPage, Permalink: "/:slug/"},
		"meldungen":       {Title: "Meldungen", Kind: KindRelease, Permalink: "/:section/:year/:slug/"},
	}
	if len(s.Sections) != len(want) {
		t.Errorf("%d sections, want %d", len(s.Sections), len(want))
	}
	for name, w := range want {
		got, ok := s.Sections[name]
		if !ok {
			t.Errorf("section %s missing", name)
			continue
		}
		if *got != w {
			t.Errorf("section %s = %+v, want %+v", name, *got, w)
		}
	}
	if order := []string{"zeta", "jahres-berichte", "alpha", "meldungen"}; !reflect.DeepEqual(s.SectionOrder, order) {
		t.Errorf("SectionOrder = %q, want %q (file order)", s.SectionOrder, order)
	}

	// Sections declared with dotted keys or inline tables count as well.
	s = mustLoad(t, "[sections]\nb.kind = \"paper\"\nb.title = \"Bee\"\na = { kind = \"page\" }\n")
	if order := []string{"b", "a"}; !reflect.DeepEqual(s.SectionOrder, order) {
		t.Errorf("SectionOrder = %q, want %q", s.SectionOrder, order)
	}
	if b := s.Sections["b"]; b == nil || b.Kind != KindPaper || b.Title != "Bee" || b.Permalink != "/:section/:slug/" {
		t.Errorf("section b = %+v", b)
	}

	// AddSection declares a section found only in content/.
	c := s.Clone()
	sec := c.AddSection("neue-rubrik")
	if *sec != (Section{Title: "Neue Rubrik", Kind: KindRelease, Permalink: "/:section/:year/:slug/"}) {
		t.Errorf("AddSection = %+v", *sec)
	}
	if !reflect.DeepEqual(c.SectionOrder, []string{"b", "a", "neue-rubrik"}) || c.Sections["neue-rubrik"] != sec {
		t.Errorf("after AddSection: order %q", c.SectionOrder)
	}
	if _, ok := s.Sections["neue-rubrik"]; ok || len(s.SectionOrder) != 2 {
		t.Errorf("AddSection on a clone changed the original: %q", s.SectionOrder)
	}
}

func TestTitleFromName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"pressemitteilungen", "Pressemitteilungen"},
		{"jahres-berichte", "Jahres Berichte"},
		{"reden_und_interviews", "Reden Und Interviews"},
		{"über-uns", "Über Uns"},
		{"", ""},
	} {
		if got := TitleFromName(tc.in); got != tc.want {
			t.Errorf("TitleFromName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestBaseURL(t *testing.T) {
	for _, tc := range []struct {
		in, want, path string // want "" = error
	}{
		{"https://presse.example.org/", "https://presse.example.org/", "/"},
		{"https://presse.example.org", "https://presse.example.org/", "/"},
		{"https://www.example.org/presse", "https://www.example.org/presse/", "/presse/"},
		{"https://www.example.org/presse/", "https://www.example.org/presse/", "/presse/"},
		{"https://www.example.org/a/b//", "https://www.example.org/a/b/", "/a/b/"},
		{"http://localhost:1313/", "http://localhost:1313/", "/"},
		{"https://www.example.org/presse/?x=1#top", "https://www.example.org/presse/", "/presse/"},
		{"www.example.org", "", ""},
		{"/presse/", "", ""},
		{"ftp://example.org/", "", ""},
		{"https://", "", ""},
		{"https://exa mple.org/", "", ""},
	} {
		var s Site
		err := s.SetBaseURL(tc.in)
		if tc.want == "" {
			if err == nil {
				t.Errorf("SetBaseURL(%q) = %q, want an error", tc.in, s.BaseURL)
			} else if !strings.Contains(err.Error(), tc.in) {
				t.Errorf("SetBaseURL(%q) error %q does not quote the value", tc.in, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("SetBaseURL(%q): %v", tc.in, err)
			continue
		}
		if s.BaseURL != tc.want || s.Base.String() != tc.want || s.Base.Path != tc.path {
			t.Errorf("SetBaseURL(%q): BaseURL %q, Base %q, path %q; want %q, path %q", tc.in, s.BaseURL, s.Base, s.Base.Path, tc.want, tc.path)
		}
	}
}

// valid is appended to error cases so that only the intended problem occurs.
// It starts with a table, so it must come after the top-level keys.
const valid = `
[[organizations]]
id = "verband"
name = "Verband"
contacts = ["presse"]

[[contacts]]
id = "presse"
name = "Erika"
`

func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		line      int
		msg       string // substring
	}{
		{"toml syntax error", "title = \"T\"\nbaseURL = https://example.org/\n" + valid, 2, ""},
		{"toml unterminated string", "title = \"T\"\n\ndescription = \"offen\n" + valid, 3, ""},
		{"toml duplicate key", "title = \"T\"\n" + valid + "\n[feeds]\nitems = 3\nitems = 4\n", 14, "already been defined"},
		{"wrong type", "title = \"T\"\n" + valid + "\n[feeds]\nitems = \"zwanzig\"\n", 13, "feeds.items"},
		{"unknown key at top level", "title = \"T\"\ntitel = \"x\"\n" + valid, 2, `unknown key "titel"`},
		{"unknown key in a table", "title = \"T\"\n" + valid + "\n[feeds]\nitems = 3\nanzahl = 4\n", 14, `unknown key "feeds.anzahl"`},
		{"unknown key in an organization", "title = \"T\"\n" + valid + "\n[[organizations]]\nid = \"b\"\nname = \"B\"\nwebseite = \"https://b.example.org/\"\n", 15, `unknown key "organizations.webseite"`},
		{"unknown key in a section", "title = \"T\"\n" + valid + "\n[sections.pressemitteilungen]\nkind = \"release\"\ntitel = \"PM\"\n", 14, `unknown key "sections.pressemitteilungen.titel"`},
		{"unknown language", "title = \"T\"\nlanguage = \"fr\"\n" + valid, 2, `language "fr" is not supported`},
		{"unknown timezone", "title = \"T\"\n\ntimezone = \"Europe/Köln\"\n" + valid, 3, `unknown timezone "Europe/Köln"`},
		{"baseURL without scheme", "title = \"T\"\nbaseURL = \"presse.example.org\"\n" + valid, 2, `baseURL "presse.example.org" must be an absolute http(s) URL`},
		{"duplicate organization id", "title = \"T\"\n" + valid + "\n[[organizations]]\nname = \"Verband 2\"\nid = \"verband\"\n", 14, `organization id "verband" is declared twice`},
		{"duplicate contact id", "title = \"T\"\n" + valid + "\n[[contacts]]\nid = \"presse\"\nname = \"Erika 2\"\n", 13, `contact id "presse" is declared twice`},
		{"organization id not a slug", "title = \"T\"\n" + valid + "\n[[organizations]]\nid = \"Groß Verband\"\nname = \"G\"\n", 13, `organization id "Groß Verband" must be lower case`},
		{"organization without id", "title = \"T\"\n" + valid + "\n[[organizations]]\nname = \"B\"\n", 12, "an organization has no id"},
		{"unknown contact after Markdown about", "title = \"T\"\n" + valid + "\n[[organizations]]\nid = \"b\"\nname = \"B\"\nabout = \"\"\"\n[Mehr](https://b.example.org/)\n\"\"\"\ncontacts = [\"niemand\"]\n", 18, `organization "b" names unknown contact "niemand"`},
		{"organization without name", "title = \"T\"\n" + valid + "\n[[organizations]]\nid = \"b\"\n", 13, `organization "b" has no name`},
		{"contact without name", "title = \"T\"\n" + valid + "\n[[contacts]]\nid = \"c\"\nrole = \"Sprecher\"\n", 13, `contact "c" has no name`},
		{"organization naming an unknown contact", "title = \"T\"\n" + valid + "\n[[organizations]]\nid = \"b\"\nname = \"B\"\ncontacts = [\"presse\", \"niemand\"]\n", 15, `organization "b" names unknown contact "niemand"`},
		{"organization id equal to an earlier contact id", "title = \"T\"\n[[contacts]]\nid = \"presse\"\nname = \"Erika\"\n\n[[organizations]]\nid = \"x\"\nname = \"X\"\n[[organizations]]\nid = \"presse\"\nname = \"P\"\ncontacts = [\"presse\"]\n[[organizations]]\nid = \"x\"\nname = \"X2\"\n", 14, `organization id "x" is declared twice`},
		{"section with unknown kind", "title = \"T\"\n" + valid + "\n[sections.pressemitteilungen]\nkind = \"news\"\n", 12, `section "pressemitteilungen": unknown kind "news"`},
		{"section name not a slug", "title = \"T\"\n" + valid + "\n[sections.Presse]\nkind = \"release\"\n", 12, `section name "Presse" must be lower case`},
		{"permalink with unknown placeholder", "title = \"T\"\n" + valid + "\n[sections.pressemitteilungen]\npermalink = \"/:section/:foo/:slug/\"\n", 13, "unknown placeholder :foo"},
		{"permalink without slug", "title = \"T\"\n" + valid + "\n[sections.pressemitteilungen]\npermalink = \"/:section/:year/\"\n", 13, "must start with / and contain :slug"},
		{"permalink not absolute", "title = \"T\"\n" + valid + "\n[sections.papiere]\nkind = \"paper\"\npermalink = \":section/:slug/\"\n", 14, "must start with / and contain :slug"},
		{"defaultOrganization naming no organization", "title = \"T\"\ndefaultOrganization = \"dlt\"\n" + valid, 2, `defaultOrganization "dlt" is not one of the organizations`},
		{"defaultOrganization without organizations", "title = \"T\"\n\n\ndefaultOrganization = \"dlt\"\n", 4, `defaultOrganization "dlt" is not one of the organizations`},
		{"negative feed items", "title = \"T\"\n" + valid + "\n[feeds]\nitems = -1\n", 13, "feeds.items must be positive"},
		{"negative perPage", "title = \"T\"\n" + valid + "\n[pagination]\nperPage = -5\n", 13, "perPage must be positive"},
		{"path word not a slug", "title = \"T\"\n" + valid + "\n[paths]\ntags = \"Themen\"\n", 12, `path word "Themen"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, eol := range []string{"\n", "\r\n"} {
				if eol == "\r\n" && tc.name == "toml unterminated string" {
					continue // BurntSushi/toml reports the \r one line early
				}
				_, diags := load(t, strings.ReplaceAll(tc.src, "\n", eol))
				errs := diags.Errors()
				if len(errs) != 1 || len(diags) != 1 {
					t.Errorf("line ends %q: got %d diagnostics, want exactly one error:\n%s", eol, len(diags), listString(diags))
				}
				found := false
				for _, d := range errs {
					found = found || d.Path == File && d.Line == tc.line && strings.Contains(d.Msg, tc.msg)
				}
				if !found {
					t.Errorf("line ends %q: no error %s:%d containing %q; got:\n%s", eol, File, tc.line, tc.msg, listString(diags))
				}
			}
		})
	}
}

// TestManyErrors checks that every problem is reported in one run.
func TestManyErrors(t *testing.T) {
	_, diags := load(t, "language = \"fr\"\ntimezone = \"Mars/Olympus\"\nbaseURL = \"example.org\"\ntitel = \"x\"\n")
	lines := map[int]bool{}
	for _, d := range diags.Errors() {
		lines[d.Line] = true
	}
	if len(diags.Errors()) != 4 || !lines[1] || !lines[2] || !lines[3] || !lines[4] {
		t.Errorf("want 4 errors at lines 1-4, got:\n%s", listString(diags))
	}
}

func TestRepositorySiteTOML(t *testing.T) {
	s, diags := Load(os.DirFS("../.."))
	if len(diags) > 0 {
		t.Fatalf("the example site.toml has problems:\n%s", listString(diags))
	}
	if s.DefaultOrganization != "netzwerk-jobcenter" || len(s.Organizations) != 2 || len(s.Contacts) != 2 {
		t.Errorf("example site: default %q, %d organizations, %d contacts", s.DefaultOrganization, len(s.Organizations), len(s.Contacts))
	}
	if !reflect.DeepEqual(s.SectionOrder, []string{"pressemitteilungen", "positionspapiere", "termine"}) {
		t.Errorf("example site SectionOrder = %q", s.SectionOrder)
	}
}

// TestControlCharactersInSiteTOML: TOML escapes can put characters into a
// text that no XML or HTML output may hold; they are removed with a warning
// at the key, and texts are read in NFC.
func TestControlCharactersInSiteTOML(t *testing.T) {
	s, diags := load(t, "title = \"Presse\\u000Bportal\"\n"+
		"description = \"Gru\\u0308n\"\n\n"+
		"[[organizations]]\nid = \"v\"\nname = \"Verband\"\nabout = \"\\u0007Text\"\n\n"+
		"[strings]\npressContact = \"Kon\\u001Btakt\"\n")
	if s == nil {
		t.Fatal(diags)
	}
	if s.Title != "Presse portal" || s.Description != "Grün" || s.Organizations[0].About != "Text" || s.Strings["pressContact"] != "Kontakt" {
		t.Errorf("not cleaned: %q %q %q %q", s.Title, s.Description, s.Organizations[0].About, s.Strings["pressContact"])
	}
	var got string
	for _, d := range diags.Warnings() {
		got += d.String() + "\n"
	}
	for _, want := range []string{"site.toml:1: warning: title: U+000B (vertical tab) removed", "site.toml:7: warning: about: U+0007 removed", "pressContact: U+001B (escape) removed"} {
		if !strings.Contains(got, want) {
			t.Errorf("warnings lack %q:\n%s", want, got)
		}
	}
}
