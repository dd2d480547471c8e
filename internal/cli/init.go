package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"pressroom/internal/skeleton"
)

func runInit(e *env, args []string) int {
	fs := newFlags(e, "init", "DIR [--lang de|en] [--layouts]",
		"Starts a new site in DIR, which must be new or empty: site.toml with every key explained,\n"+
			"one organisation and one press contact (fictional, to edit), a first release, placeholders\n"+
			"for Impressum and Datenschutz, and a .gitignore. The site builds at once with the built-in\n"+
			"theme. --lang en writes an English site (sections press-releases and position-papers).")
	lang := fs.String("lang", "de", "language of the site: de or en")
	layouts := fs.Bool("layouts", false, "also copy the built-in templates into DIR/layouts to customise them")
	pos, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintln(e.stderr, "pressroom init: name the folder of the new site, e.g. pressroom init meinesite")
		fs.Usage()
		return exitUsage
	}
	dir := pos[0]
	t, err := parseNow("")
	if err != nil {
		fmt.Fprintln(e.stderr, "pressroom init:", err)
		return exitUsage
	}
	files, err := skeleton.Site(*lang, t)
	if err != nil {
		fmt.Fprintln(e.stderr, "pressroom init: --lang:", err)
		return exitUsage
	}
	if err := checkEmpty(dir); err != nil {
		fmt.Fprintln(e.stderr, "pressroom init:", err)
		return exitContent
	}
	var theme []skeleton.File
	if *layouts {
		if theme, err = themeLayouts(e.theme); err != nil {
			fmt.Fprintln(e.stderr, "pressroom init: reading the built-in templates:", err)
			return exitContent
		}
	}
	for _, f := range append(files, theme...) {
		if err := writeNew(filepath.Join(dir, filepath.FromSlash(f.Path)), f.Data); err != nil {
			fmt.Fprintln(e.stderr, "pressroom init:", err)
			return exitContent
		}
	}

	fmt.Fprintf(e.stdout, "created a new site in %s (language %s):\n", dir, *lang)
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 3, ' ', 0)
	for _, f := range files {
		fmt.Fprintf(tw, "  %s\t%s\n", filepath.Join(dir, filepath.FromSlash(f.Path)), describe(f.Path))
	}
	if *layouts {
		fmt.Fprintf(tw, "  %s\t%d templates of the built-in theme: edit them, delete those you leave as they are\n",
			filepath.Join(dir, "layouts")+string(filepath.Separator), len(theme))
	}
	tw.Flush()
	q := shellQuote(dir)
	title := map[string]string{"de": "Titel der Meldung", "en": "Title of the release"}[*lang]
	fmt.Fprintf(e.stdout, `
Next steps:
  1. Edit %s: your organisation, press contact and web address (baseURL).
  2. pressroom serve -s %s
     previews the site at http://127.0.0.1:1313/ while you write
  3. pressroom new release %q -s %s
     starts a release
  4. pressroom build -s %s
     publishes the site into %s
`, filepath.Join(dir, "site.toml"), q, title, q, q, filepath.Join(dir, "public")+string(filepath.Separator))
	return exitOK
}

// describe explains a file of a new site in the summary of init.
func describe(p string) string {
	switch {
	case p == "site.toml":
		return "settings: title, address, organisation, press contact"
	case p == ".gitignore":
		return "keeps public/ and .pressroom-cache/ out of git"
	case strings.Count(p, "/") == 1:
		return "placeholder: fill in before going live"
	default:
		return "the first release: replace or delete it"
	}
}

// checkEmpty reports an error if dir exists and is not an empty folder.
func checkEmpty(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		if fi, statErr := os.Stat(dir); statErr == nil && !fi.IsDir() {
			return fmt.Errorf("%s is a file, not a folder", dir)
		}
		return err
	case len(entries) > 0:
		return fmt.Errorf("%s is not empty (it has %s%s): init writes only into a new or empty folder, so that nothing is overwritten",
			dir, entries[0].Name(), more(len(entries)-1))
	}
	return nil
}

func more(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(" and %d more", n)
}

// themeLayouts returns the templates of the built-in theme.
func themeLayouts(theme fs.FS) ([]skeleton.File, error) {
	var out []skeleton.File
	err := fs.WalkDir(theme, "layouts", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		data, err := fs.ReadFile(theme, p)
		if err != nil {
			return err
		}
		out = append(out, skeleton.File{Path: path.Clean(p), Data: data})
		return nil
	})
	return out, err
}

// writeNew creates the file and its folders; it never overwrites a file.
func writeNew(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s exists already: not overwritten", name)
		}
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(name)
	}
	return err
}

// shellQuote quotes a path for the commands init suggests, if it needs it.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
