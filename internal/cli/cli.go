// Package cli holds pressroom's commands, one file each.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"pressroom/internal/config"
	"pressroom/internal/diag"
)

// Exit codes.
const (
	exitOK          = 0
	exitContent     = 1 // content or configuration errors
	exitUsage       = 2
	exitInterrupted = 130 // stopped by SIGINT or SIGTERM
)

// env is what every command gets.
type env struct {
	theme  fs.FS
	stdout io.Writer
	stderr io.Writer
}

type command struct {
	name    string
	summary string
	run     func(e *env, args []string) int
}

func commands() []command {
	return []command{
		{"init", "start a new site in a folder", runInit},
		{"new", "start a release, paper or page", runNew},
		{"list", "list releases and papers with their status", runList},
		{"serve", "preview the site with live reload", runServe},
		{"build", "build the site into a folder (default: public/)", runBuild},
		{"ping", "notify the WebSub hub of the feeds that changed", runPing},
		{"check", "check the site for errors without writing anything", runCheck},
		{"mail", "make a release into an e-mail, or send it", runMail},
		{"version", "print the version", runVersion},
		{"help", "show help for a command", nil},
	}
}

// Main runs the command line and returns the exit code.
func Main(args []string, theme fs.FS, stdout, stderr io.Writer) int {
	e := &env{theme: theme, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	name, rest := args[0], args[1:]
	switch name {
	case "-h", "-help", "--help":
		usage(stdout)
		return exitOK
	case "help":
		if len(rest) == 0 || rest[0] == "help" || strings.HasPrefix(rest[0], "-") {
			usage(stdout)
			return exitOK
		}
		name, rest = rest[0], []string{"-h"}
	}
	var names []string
	for _, c := range commands() {
		if c.name == name && c.run != nil {
			return c.run(e, rest)
		}
		names = append(names, c.name)
	}
	fmt.Fprintf(stderr, "pressroom: unknown command %q\n", diag.Printable(name))
	if s := config.Closest(name, names); s != "" {
		fmt.Fprintf(stderr, "did you mean \"pressroom %s\"?\n", s)
	}
	fmt.Fprintln(stderr)
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "pressroom: a static site generator for press offices")
	fmt.Fprintln(w, "\nUsage: pressroom <command> [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun \"pressroom <command> -h\" for the flags of a command.")
}

// newFlags makes a flag set that reports to stderr and explains the command.
func newFlags(e *env, name, args, about string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: pressroom %s %s\n\n%s\n\nFlags:\n", name, args, about)
		printFlags(fs, args)
	}
	return fs
}

// printFlags lists the flags as the usage line args spells them: one dash
// for a letter (-s SITE), two for a word (--drafts), with the argument's
// name from args; the flag package reads both spellings.
func printFlags(fs *flag.FlagSet, args string) {
	names := map[string]string{}
	for _, m := range flagArg.FindAllStringSubmatch(args, -1) {
		names[m[1]] = m[2]
	}
	fs.VisitAll(func(f *flag.Flag) {
		dashes := "--"
		if len(f.Name) == 1 {
			dashes = "-"
		}
		arg, help := flag.UnquoteUsage(f)
		if n, ok := names[f.Name]; ok && arg != "" {
			arg = n
		} else {
			arg = strings.ToUpper(arg)
		}
		line := "  " + dashes + f.Name
		if arg != "" {
			line += " " + arg
		}
		line += "\n    \t" + strings.ReplaceAll(help, "\n", "\n    \t")
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			if f.DefValue == "true" {
				line += " (default true)"
			}
		} else if f.DefValue != "" {
			line += fmt.Sprintf(" (default %q)", f.DefValue)
		}
		fmt.Fprintln(fs.Output(), line)
	})
}

// flagArg is a flag with its argument in a usage line: -s SITE, --now RFC3339.
var flagArg = regexp.MustCompile(`--?([a-z][a-z-]*)[ =]([A-Z][A-Z0-9_]*\b|[a-z]+(?:\|[a-z]+)+)`)

// siteMissing reports, as the one error of the command, that dir holds no
// site: neither site.toml nor content/.
func siteMissing(e *env, cmd, dir string) bool {
	for _, name := range []string{"site.toml", "content"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return false
		}
	}
	what := "holds no site (neither site.toml nor content/)"
	if _, err := os.Stat(dir); err != nil {
		what = "does not exist"
	}
	fmt.Fprintf(e.stderr, "pressroom %s: %s %s: start a site with \"pressroom init %s\", or name your site's folder with -s DIR\n",
		cmd, diag.Printable(dir), what, diag.Printable(dir))
	return true
}

// parse parses flags; it returns an exit code and false when the command
// should stop (help asked for, or a usage error).
func parse(fs *flag.FlagSet, args []string) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, false
		}
		return exitUsage, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return exitUsage, false
	}
	return 0, true
}

// parseNow reads --now, else SOURCE_DATE_EPOCH, else the clock.
func parseNow(flagValue string) (time.Time, error) {
	if flagValue != "" {
		t, err := time.Parse(time.RFC3339, flagValue)
		if err != nil {
			return t, fmt.Errorf("--now %q: use RFC 3339, e.g. 2026-03-12T10:00:00+01:00", flagValue)
		}
		return t, nil
	}
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH %q is not a number of seconds", s)
		}
		return time.Unix(n, 0), nil
	}
	return time.Now(), nil
}

// report prints diagnostics, each with its source line and a caret, and
// returns the exit code of err. Colour only on a terminal.
func report(w io.Writer, siteDir string, warnings diag.List, err error) int {
	color := isTerminal(w) && os.Getenv("NO_COLOR") == ""
	sources := map[string][]byte{}
	show := func(d diag.Diagnostic) {
		var lines []diag.SourceLine
		if d.Line > 0 && !strings.Contains(d.Path, " ") {
			src, ok := sources[d.Path]
			if !ok {
				src, _ = os.ReadFile(filepath.Join(siteDir, filepath.FromSlash(d.Path)))
				sources[d.Path] = src
			}
			lines = diag.Snippet(src, d.Line, 0)
		}
		text := diag.Format(d, lines)
		if color {
			head, rest, _ := strings.Cut(text, "\n")
			code := "\x1b[1;31m"
			if d.Warning {
				code = "\x1b[1;33m"
			}
			text = code + head + "\x1b[0m"
			if rest != "" {
				text += "\n" + rest
			}
		}
		fmt.Fprintln(w, text)
	}
	for _, d := range warnings {
		show(d)
	}
	counted := ""
	if n := len(warnings); n > 0 {
		counted = fmt.Sprintf("%d %s", n, plural(n, "warning", "warnings"))
	}
	if err == nil {
		if counted != "" {
			fmt.Fprintln(w, counted)
		}
		return exitOK
	}
	var de *diag.Error
	if errors.As(err, &de) {
		for _, d := range de.List {
			show(d)
		}
		n := len(de.List)
		if counted != "" {
			counted = ", " + counted
		}
		fmt.Fprintf(w, "%d %s%s\n", n, plural(n, "error", "errors"), counted)
		return exitContent
	}
	fmt.Fprintln(w, "pressroom:", diag.Printable(err.Error()))
	return exitContent
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
