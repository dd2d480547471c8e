package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"pressroom/internal/build"
	"pressroom/internal/config"
	"pressroom/internal/content"
	"pressroom/internal/diag"
	"pressroom/internal/site"
	"pressroom/internal/slug"
)

func runNew(e *env, args []string) int {
	fl := newFlags(e, "new", `release|paper|page "TITLE" [-s SITE] [--org ID] [--date DATE] [--embargo DATE] [--bundle] [--section NAME]`,
		"Starts a release, a paper or a plain page with its frontmatter filled in and a skeleton of the text,\n"+
			"and prints its file and the URL it will have:\n"+
			"  release  content/<release section>/YYYY-MM-DD-<slug>.md\n"+
			"  paper    content/<paper section>/YYYY-MM-DD-<slug>.md\n"+
			"  page     content/<slug>.md (linked in the footer, like Impressum)\n"+
			"or, with --bundle, a folder of that name with index.md in it. The section is the first one of\n"+
			"that kind in site.toml; the slug is made from the title; the date is now in the site's timezone.\n"+
			"An existing file is never overwritten: if the file, or another page with the same URL,\n"+
			"exists, new refuses (exit 1); choose another title or edit that file.")
	siteDir := fl.String("s", ".", "the site's folder (with site.toml and content/)")
	orgFlag := fl.String("org", "", "issuing organisation id, several separated by commas for a joint release (default: defaultOrganization of site.toml)")
	dateFlag := fl.String("date", "", "date: 2026-03-12 10:00, 2026-03-12 or 2026-03-12T10:00:00+01:00; without offset in the site's timezone (default: now)")
	embargoFlag := fl.String("embargo", "", "Sperrfrist: not published before this instant, after the date (same forms as --date)")
	bundle := fl.Bool("bundle", false, "make a folder with index.md instead of a file, to put attachments and images beside it")
	sectionFlag := fl.String("section", "", "the section folder below content/ (default: the first section of the kind in site.toml)")
	pos, code, ok := parseArgs(fl, args)
	if !ok {
		return code
	}
	usageErr := func(format string, a ...any) int {
		fmt.Fprintf(e.stderr, "pressroom new: "+format+"\n", a...)
		return exitUsage
	}
	if len(pos) == 0 {
		fl.Usage()
		return exitUsage
	}
	kind := pos[0]
	switch kind {
	case config.KindRelease, config.KindPaper, config.KindPage:
	default:
		return usageErr("unknown kind %q: use release, paper or page, e.g. pressroom new release \"Titel der Meldung\"", kind)
	}
	title := strings.TrimSpace(strings.Join(pos[1:], " "))
	if title == "" {
		return usageErr("give the title in quotes, e.g. pressroom new %s \"Titel der Meldung\"", kind)
	}
	name := content.ShortSlug(slug.Make(title)) // as the build shortens it: the file name stays short
	if name == "" {
		return usageErr("the title %q has no letters or digits to make a file name of", title)
	}
	if kind == config.KindPage {
		for _, f := range []struct{ name, value string }{{"date", *dateFlag}, {"embargo", *embargoFlag}, {"org", *orgFlag}, {"section", *sectionFlag}} {
			if f.value != "" {
				return usageErr("--%s is not for pages: a plain page has no date, issuer or section", f.name)
			}
		}
	}

	if _, err := fs.Stat(os.DirFS(*siteDir), config.File); err != nil {
		fmt.Fprintf(e.stderr, "pressroom new: no %s in %s: start a site with pressroom init DIR, or name its folder with -s SITE\n",
			config.File, *siteDir)
		return exitContent
	}
	now, err := parseNow("")
	if err != nil {
		return usageErr("%v", err)
	}
	// The site as build sees it now; without a good site.toml nothing can
	// be made. Problems of the content are told once the file is made.
	opts := build.Options{SiteDir: *siteDir, Now: now, PreviewSecret: os.Getenv(site.PreviewSecretEnv)}
	ld, diags := build.Load(opts)
	if ld.Site == nil {
		return report(e.stderr, *siteDir, diags.Warnings(), diags.Err())
	}
	cfg := ld.Config
	date := now.In(cfg.Location).Truncate(time.Minute)
	if *dateFlag != "" {
		if date, err = content.ParseDate(*dateFlag, cfg.Location); err != nil {
			return usageErr("--date: %v (use 2026-03-12, 2026-03-12 10:00 or 2026-03-12T10:00:00+01:00)", err)
		}
	}
	var embargo time.Time
	if *embargoFlag != "" {
		if embargo, err = content.ParseDate(*embargoFlag, cfg.Location); err != nil {
			return usageErr("--embargo: %v (use 2026-03-12 10:00 or 2026-03-12T10:00:00+01:00)", err)
		}
		if !embargo.After(date) {
			return usageErr("--embargo %s is not after the date %s: the embargo is the instant the release becomes public",
				formatDate(embargo, cfg), formatDate(date, cfg))
		}
	}

	var orgs []*config.Organization
	var rel string
	if kind == config.KindPage {
		rel = path.Join(content.Dir, name)
	} else {
		section, err := sectionFor(cfg, kind, *sectionFlag)
		if err != nil {
			fmt.Fprintln(e.stderr, "pressroom new:", err)
			return exitContent
		}
		ids := *orgFlag
		if ids == "" {
			ids = cfg.DefaultOrganization
		}
		for _, id := range strings.Split(ids, ",") {
			if id = strings.TrimSpace(id); id == "" {
				continue
			}
			o := cfg.Organization(id)
			if o == nil {
				fmt.Fprintf(e.stderr, "pressroom new: unknown organization %q; known: %s\n", id, knownOrgs(cfg))
				return exitContent
			}
			orgs = append(orgs, o)
		}
		rel = path.Join(content.Dir, section, date.In(cfg.Location).Format("2006-01-02")+"-"+name)
	}
	if *bundle {
		rel += "/index.md"
	} else {
		rel += ".md"
	}
	file := filepath.Join(*siteDir, filepath.FromSlash(rel))
	if _, err := os.Stat(file); err == nil {
		fmt.Fprintf(e.stderr, "pressroom new: %s exists already: not overwritten; choose another title or edit that file\n", diag.Printable(file))
		return exitContent
	}

	text := skeletonText(cfg, kind, title, date, embargo, orgs)
	created := filepath.Dir(file) // the bundle folder, removed again on failure if new creates it
	if _, err := os.Stat(created); !*bundle || err == nil {
		created = ""
	}
	if err := writeNew(file, []byte(text)); err != nil {
		fmt.Fprintln(e.stderr, "pressroom new:", err)
		return exitContent
	}
	undo := func() {
		os.Remove(file)
		if created != "" {
			os.Remove(created)
		}
	}

	// The URL comes from the model, as the build computes it (drafts and
	// future pages included); another page with the same URL is refused
	// like an existing file.
	ld, diags = build.Load(opts)
	var own, others diag.List
	for _, x := range ld.ContentDiags {
		if x.Path == rel {
			own.Add(x)
		}
	}
	for _, x := range diags {
		if x.Path != rel {
			others.Add(x)
		}
	}
	var s *site.Site
	if ld.Site != nil {
		s, _ = ld.Model(true, true)
	}
	var page *site.Page
	for i := 0; s != nil && i < len(s.Pages); i++ {
		if s.Pages[i].Path == rel {
			page = s.Pages[i]
		}
	}
	if own.HasErrors() || page == nil {
		undo()
		fmt.Fprintf(e.stderr, "pressroom new: the new file did not load, so it was removed again:\n")
		return report(e.stderr, *siteDir, nil, own.Err())
	}
	for _, p := range s.Pages {
		if p != page && p.URL == page.URL {
			undo()
			fmt.Fprintf(e.stderr, "pressroom new: refused: the URL %s is already that of %s; choose another title or edit that file\n",
				diag.Printable(page.URL), diag.Printable(filepath.Join(*siteDir, filepath.FromSlash(p.Path))))
			return exitContent
		}
	}
	fmt.Fprintf(e.stdout, "created %s\n", diag.Printable(file))
	fmt.Fprintf(e.stdout, "URL:    %s\n", diag.Printable(absURL(cfg, page.URL)))
	switch st := statusOf(page, now); st {
	case statusDraft:
		then := ""
		if at := page.Released(); at.After(now) {
			then = ", and then from " + at.In(cfg.Location).Format("2006-01-02 15:04 MST") + " on"
		}
		fmt.Fprintf(e.stdout, "status: draft: build leaves it out until you delete the line draft: true%s\n", then)
	case statusPublished:
	default:
		fmt.Fprintf(e.stdout, "status: %s: build publishes it from then on\n", st.describe(page, cfg))
	}
	// The rest of the site as build reports it: the new file is there,
	// but build fails until these are fixed.
	if others.HasErrors() {
		fmt.Fprintln(e.stderr, "pressroom new: the new file is good, but build reports these problems elsewhere in the site:")
		report(e.stderr, *siteDir, others.Warnings(), others.Err())
	}
	return exitOK
}

// sectionFor returns the section folder for a new page of kind: the named
// one, or the first one of that kind in site.toml.
func sectionFor(cfg *config.Site, kind, name string) (string, error) {
	if name != "" {
		sec := cfg.Sections[name]
		switch {
		case name != slug.Make(name):
			return "", fmt.Errorf("--section %q must be a folder name of lower case letters, digits and dashes", name)
		case sec == nil && kind == config.KindRelease:
			return name, nil // undeclared sections are release sections
		case sec == nil:
			return "", fmt.Errorf("--section %s is not declared in %s: add [sections.%s] with kind = %q", name, config.File, name, kind)
		case sec.Kind != kind:
			return "", fmt.Errorf("--section %s is of kind %s, not %s", name, sec.Kind, kind)
		}
		return name, nil
	}
	for _, n := range cfg.SectionOrder {
		if cfg.Sections[n].Kind == kind {
			return n, nil
		}
	}
	folder := map[string]map[string]string{
		config.KindRelease: {"de": "pressemitteilungen", "en": "press-releases"},
		config.KindPaper:   {"de": "positionspapiere", "en": "position-papers"},
	}[kind][cfg.Language]
	if kind == config.KindRelease {
		return folder, nil // an undeclared section is a release section
	}
	return "", fmt.Errorf("%s declares no section of kind %s: add [sections.%s] with kind = %q", config.File, kind, folder, kind)
}

func knownOrgs(cfg *config.Site) string {
	var ids []string
	for _, o := range cfg.Organizations {
		ids = append(ids, o.ID)
	}
	if len(ids) == 0 {
		return "none (declare [[organizations]] in " + config.File + ")"
	}
	return strings.Join(ids, ", ")
}

// skeletonText is the new file: frontmatter and a skeleton of the text in
// the site's language.
func skeletonText(cfg *config.Site, kind, title string, date, embargo time.Time, orgs []*config.Organization) string {
	en := cfg.Language == "en"
	var b strings.Builder
	line := func(format string, a ...any) { fmt.Fprintf(&b, format+"\n", a...) }
	line("---")
	line("title: %s", quote(title))
	draft := func() {
		if en {
			line("# A draft: build leaves it out. To publish it, delete this line and the next.")
		} else {
			line("# Entwurf: build veröffentlicht ihn nicht. Zum Veröffentlichen diese und die nächste Zeile löschen.")
		}
		line("draft: true")
	}
	if kind == config.KindPage {
		draft()
		line("---")
		if en {
			line("Text of the page. Placeholder: please complete.")
		} else {
			line("Text der Seite. Platzhalter: bitte ergänzen.")
		}
		return b.String()
	}
	line("date: %s", formatDate(date, cfg))
	if !embargo.IsZero() {
		if en {
			line("# Embargo: not published before this instant; rebuild then.")
		} else {
			line("# Sperrfrist: vorher nicht veröffentlicht; dann neu bauen.")
		}
		line("embargo: %s", formatDate(embargo, cfg))
	}
	if kind == config.KindRelease {
		if en {
			line(`# Place of the dateline ("Berlin, 12 March 2026 –" before the first paragraph), e.g. place: Berlin`)
		} else {
			line(`# Ort der Spitzmarke ("Berlin, 12. März 2026 –" vor dem ersten Absatz), z. B. place: Berlin`)
		}
		line(`place: ""`)
	}
	var ids, contacts, abouts []string
	seen := map[string]bool{}
	for _, o := range orgs {
		ids = append(ids, quoteID(o.ID))
		abouts = append(abouts, `"`+o.AboutTitle+`"`)
		for _, c := range o.Contacts {
			if !seen[c] {
				seen[c] = true
				contacts = append(contacts, quoteID(c))
			}
		}
	}
	if len(orgs) > 0 {
		line("organizations: [%s]", strings.Join(ids, ", "))
		line("contacts: [%s]", strings.Join(contacts, ", "))
	}
	line("tags: []")
	if kind == config.KindRelease && len(orgs) > 0 {
		and := map[bool]string{true: " and ", false: " und "}[en]
		if en {
			line("# The press contact and %s are added below the release", strings.Join(abouts, and))
			line("# from site.toml automatically: do not write them here.")
		} else {
			line("# Pressekontakt und %s setzt pressroom aus", strings.Join(abouts, and))
			line("# site.toml automatisch darunter: nicht hier schreiben.")
		}
	}
	draft()
	line("---")
	speaker := map[bool]string{true: "First Last, role", false: "Vorname Nachname, Funktion"}[en]
	if len(orgs) > 0 {
		speaker += map[bool]string{true: " at ", false: " bei "}[en] + orgs[0].Name
	}
	speaker = strings.TrimSuffix(speaker, ".") // the sentence ends with a full stop
	switch {
	case kind == config.KindRelease && en:
		line("Lead: who did what, when, where and why? This first paragraph is also the teaser in lists and feeds.")
		line("")
		line("Details, figures and background.")
		line("")
		line(`"A quote", says %s.`, speaker)
		line("")
		line("What happens next.")
	case kind == config.KindRelease:
		line("Vorspann: Wer hat was, wann, wo und warum getan? Dieser erste Absatz ist auch der Anreißer in Listen und Feeds.")
		line("")
		line("Einzelheiten, Zahlen und Hintergründe.")
		line("")
		line(`"Ein Zitat", sagt %s.`, speaker)
		line("")
		line("Wie es weitergeht.")
	case en:
		line("Summary: what is it about, what do we ask for? This first paragraph is also the teaser in lists and feeds.")
		line("")
		line("## Background")
		line("")
		line("…")
		line("")
		line("## Our proposals")
		line("")
		line("1. …")
		line("2. …")
		line("")
		line("## Conclusion")
		line("")
		line("…")
	default:
		line("Zusammenfassung: Worum geht es, was fordern wir? Dieser erste Absatz ist auch der Anreißer in Listen und Feeds.")
		line("")
		line("## Ausgangslage")
		line("")
		line("…")
		line("")
		line("## Unsere Forderungen")
		line("")
		line("1. …")
		line("2. …")
		line("")
		line("## Fazit")
		line("")
		line("…")
	}
	return b.String()
}

// formatDate writes an instant as frontmatter reads it back: in the site's
// timezone, without offset, to the minute (to the second if it has seconds).
func formatDate(t time.Time, cfg *config.Site) string {
	t = t.In(cfg.Location)
	if t.Second() != 0 {
		return t.Format("2006-01-02 15:04:05")
	}
	return t.Format("2006-01-02 15:04")
}

// quote writes text as a YAML string in double quotes.
func quote(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}

// quoteID writes an id plain if YAML reads it back as the same text.
func quoteID(id string) string {
	var v any
	if id == slug.Make(id) && yaml.Unmarshal([]byte(id), &v) == nil && v == any(id) {
		return id
	}
	return quote(id)
}

// absURL is the absolute URL of a site-relative one.
func absURL(cfg *config.Site, u string) string {
	return strings.TrimSuffix(cfg.BaseURL, "/") + u
}

// parseArgs parses flags that may stand before, between or after the
// positional arguments, which it returns. It returns an exit code and false
// when the command should stop (help asked for, or a usage error).
func parseArgs(fs *flag.FlagSet, args []string) ([]string, int, bool) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, exitOK, false
			}
			return nil, exitUsage, false
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, 0, true
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(pos, rest...), 0, true // after --, everything is positional
		}
		pos, args = append(pos, rest[0]), rest[1:]
	}
}
