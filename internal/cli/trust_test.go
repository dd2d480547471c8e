package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"pressroom/internal/diag"
)

// unsafeOnTerminal lists what must never reach a terminal from content.
const unsafeOnTerminal = "\x1b\x07\x08\r\u009b\u202e\u2066\u2028"

func TestTerminalTextIsEscaped(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"site.toml": siteTOML,
		"content/pressemitteilungen/2026-03-01-farbe.md": "---\ntitle: \"Rot \\e[31mROT\\e[0m \\e[2J \\u202eniwuR\"\ndate: 2026-03-01\n---\nText.\n",
	})
	code, out, errOut := run("list", "-s", dir, "--now", "2026-03-12T09:00:00+01:00")
	if code != 0 {
		t.Fatalf("list = %d\n%s%s", code, out, errOut)
	}
	if strings.ContainsAny(out+errOut, unsafeOnTerminal) {
		t.Errorf("list writes control characters:\n%q", out)
	}
	// The escapes are removed from the title when it is read (see
	// content: control characters), the bidi override is shown escaped.
	if !strings.Contains(out, `Rot [31mROT[0m [2J \u202eniwuR`) {
		t.Errorf("list does not show the title escaped:\n%s", out)
	}

	// A warning about a line with escape sequences and an error on it:
	// message and snippet are escaped.
	os.WriteFile(filepath.Join(dir, "content/pressemitteilungen/2026-03-01-farbe.md"),
		[]byte("---\ntitle: \"Rot \x1b[31mROT \x1b]0;owned\x07 \u202e\"\ndatum: 2026-03-01\n---\nText.\n"), 0o644)
	for _, args := range [][]string{{"build", "-s", dir}, {"list", "-s", dir}, {"check", "-s", dir}} {
		code, out, errOut = run(args...)
		if code != 1 || !strings.Contains(errOut, "2026-03-01-farbe.md:2") {
			t.Fatalf("%v = %d, want 1 naming the file:\n%s%s", args, code, out, errOut)
		}
		if strings.ContainsAny(out+errOut, unsafeOnTerminal) {
			t.Errorf("%v writes control characters:\n%q", args, errOut)
		}
		if !strings.Contains(errOut, `Rot \x1b[31mROT \x1b]0;owned\x07 \u202e`) {
			t.Errorf("%v does not show the line escaped:\n%s", args, errOut)
		}
	}
}

func TestNewLongTitle(t *testing.T) {
	dir := writeSite(t, map[string]string{"site.toml": twoOrgs})
	title := strings.Repeat("Arbeitsmarktpolitische Eckpunkte ", 10)[:300]
	for _, bundle := range []bool{false, true} {
		args := []string{"new", "release", title, "-s", dir, "--date", "2026-03-12 10:00"}
		if bundle {
			args = append(args, "--bundle", "--section", "papiere")
			args[1] = "paper"
		}
		code, out, errOut := run(args...)
		if code != 0 {
			t.Fatalf("%v = %d:\n%s%s", args, code, out, errOut)
		}
		created := strings.TrimPrefix(strings.SplitN(out, "\n", 2)[0], "created ")
		rel, _ := filepath.Rel(dir, created)
		for _, part := range strings.Split(filepath.ToSlash(rel), "/") {
			if len(part) >= 255 {
				t.Errorf("file name of %d bytes: %s", len(part), part)
			}
		}
		name := filepath.Base(created)
		if bundle {
			name = filepath.Base(filepath.Dir(created))
		}
		slug := strings.TrimSuffix(strings.TrimPrefix(name, "2026-03-12-"), ".md")
		if len(slug) > 120 || !strings.HasPrefix(slug, "arbeitsmarktpolitische-eckpunkte-") || strings.HasSuffix(slug, "-") {
			t.Errorf("slug %q (%d): want the title's slug shortened at a dash to at most 120", slug, len(slug))
		}
		if !strings.Contains(out, "/"+slug+"/") {
			t.Errorf("URL does not end in the file's slug:\n%s", out)
		}
	}
	if code, out, errOut := run("build", "-s", dir); code != 0 || strings.Contains(out+errOut, "shortened") {
		t.Errorf("build = %d:\n%s%s", code, out, errOut)
	}
}

func TestFileNameNotUTF8(t *testing.T) {
	for _, bad := range []string{
		"content/pressemitteilungen/2026-03-02-\xfcber.md",
		"content/pressemitteilungen/2026-03-01-a/Pr\xe4sentation.pdf",
		"content/\xc4rger/x.md",
		"assets/gr\xfcn.css",
		"layouts/\xfcber.html",
	} {
		dir := writeSite(t, map[string]string{
			"site.toml": siteTOML,
			"content/pressemitteilungen/2026-03-01-a/index.md": "---\ntitle: A\ndate: 2026-03-01\n---\nText.\n",
			bad: "---\ntitle: Über\ndate: 2026-03-02\n---\nText.\n",
		})
		where := diag.Printable(bad)
		if strings.HasPrefix(bad, "content/\xc4") {
			where = `content/\xc4rger`
		}
		for _, args := range [][]string{{"build", "-s", dir}, {"check", "-s", dir}, {"list", "-s", dir}} {
			if args[0] == "list" && !strings.HasPrefix(bad, "content/") {
				continue
			}
			code, out, errOut := run(args...)
			if code != 1 || !strings.Contains(errOut, where+": the file name is not valid UTF-8") || !strings.Contains(errOut, "rename") {
				t.Errorf("%s %s = %d, want 1 naming the file escaped:\n%s%s", args[0], where, code, out, errOut)
			}
			if !utf8.ValidString(out + errOut) {
				t.Errorf("%s %s writes the raw bytes of the name", args[0], where)
			}
		}
	}
}

func TestLongErrorLineIsCut(t *testing.T) {
	long := strings.Repeat("x", 2<<20)
	dir := writeSite(t, map[string]string{
		"site.toml": siteTOML + "description = \"" + long + "\" kaputt\n",
		"content/pressemitteilungen/2026-03-01-a.md": "---\ntitle: A\ndate: 2026-03-01\n---\nText.\n",
	})
	code, out, errOut := run("build", "-s", dir)
	if code != 1 || !strings.Contains(errOut, "site.toml:6:") {
		t.Fatalf("build = %d, want 1 naming site.toml:6:\n%.2000s", code, errOut)
	}
	if len(out+errOut) > 2000 {
		t.Errorf("build writes %d bytes for one error", len(out+errOut))
	}
	if !strings.Contains(errOut, "…") {
		t.Errorf("the snippet is not marked cut:\n%s", errOut)
	}
}

func TestAllowHostFlag(t *testing.T) {
	var h hostList
	for _, v := range []string{"presse.test", " a.lan , b.lan,", "192.168.1.5"} {
		if err := h.Set(v); err != nil {
			t.Fatal(err)
		}
	}
	if got := h.String(); got != "presse.test,a.lan,b.lan,192.168.1.5" {
		t.Errorf("--allow-host = %s", got)
	}
	for _, v := range []string{"http://presse.test/", "user@host", "a b"} {
		if err := h.Set(v); err == nil {
			t.Errorf("--allow-host %q accepted", v)
		}
	}
}

func TestControlCharactersInFileNames(t *testing.T) {
	name := "content/pressemitteilungen/2026-12-24-\x1b[2Jweg.md"
	dir := writeSite(t, map[string]string{
		"site.toml": siteTOML,
		name:        "---\ntitle: Weg\ndate: 2026-12-24 09:00\nembargo: 2026-12-24 10:00\n---\nText.\n",
	})
	for _, args := range [][]string{{"build", "-s", dir, "--now", "2026-12-01T10:00:00+01:00"}, {"list", "-s", dir, "--now", "2026-12-01T10:00:00+01:00"}} {
		code, out, errOut := run(args...)
		if code != 0 || !strings.Contains(out, `2026-12-24-\x1b[2Jweg.md`) || strings.ContainsAny(out+errOut, "\x1b") {
			t.Errorf("%s = %d:\n%q\n%s", args[0], code, out, errOut)
		}
	}
}
