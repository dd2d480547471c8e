package cli

import (
	"bytes"
	"mime"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pressroom/internal/mail/smtptest"
)

const mailTOML = `title = "Presse Kreisverband"
baseURL = "https://www.example.org/presse/"

[[organizations]]
id = "kreisverband"
name = "Kreisverband Musterland"
about = "Der Kreisverband vertritt die elf Kreise des Landes."
contacts = ["presse"]

[[contacts]]
id = "presse"
name = "Erika Müller"
role = "Pressesprecherin"
email = "presse@kreisverband.example.org"

[sections.meldungen]
kind = "release"

[sections.papiere]
kind = "paper"
`

// mailSite: at 2026-03-12 08:00 UTC (clock) one release is out, one under
// embargo, one a draft, and there is a paper.
var mailSite = map[string]string{
	"site.toml": mailTOML,
	"content/meldungen/2026-03-01-haushalt.md":   "---\ntitle: Kreise legen Haushaltsplan vor – Zuschüsse für Schulen steigen\ndate: 2026-03-01 10:00\nplace: Musterstadt\n---\nDie Kreise investieren **mehr** in ihre Schulen. Mehr auf der [Übersicht](/meldungen/).\n",
	"content/meldungen/2026-03-12-sperrfrist.md": "---\ntitle: Neue Förderung für Kitas\ndate: 2026-03-12 08:00\nembargo: 2026-03-12 10:00\n---\nText unter Sperrfrist.\n",
	"content/meldungen/2026-03-12-vorschau.md":   "---\ntitle: Vorschau\ndate: 2026-03-12 08:00\nembargo: 2026-03-12 11:00\nembargo_preview: true\n---\nText unter Sperrfrist.\n",
	"content/meldungen/2026-03-10-entwurf.md":    "---\ntitle: Entwurf\ndate: 2026-03-10 10:00\ndraft: true\n---\nNoch nicht fertig.\n",
	"content/papiere/leitbild.md":                "---\ntitle: Leitbild\ndate: 2026-02-01\n---\nText.\n",
}

const haushalt = "content/meldungen/2026-03-01-haushalt.md"

// mailClock sets the clock of mailSite and the secret of its embargo
// previews.
func mailClock(t *testing.T) {
	clock(t)
	t.Setenv("PRESSROOM_PREVIEW_SECRET", "ein-langes-geheimnis-fuer-vorschauen-123")
}

func readEML(t *testing.T, raw []byte) (*mail.Message, string) {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("net/mail: %v\n%s", err, raw)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	return msg, subject
}

func TestMailWritesFile(t *testing.T) {
	mailClock(t)
	dir := writeSite(t, mailSite)
	out := filepath.Join(t.TempDir(), "release.eml")
	code, stdout, stderr := run("mail", "-s", dir, haushalt, "-o", out)
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	msg, subject := readEML(t, raw)
	if subject != "Pressemitteilung: Kreise legen Haushaltsplan vor – Zuschüsse für Schulen steigen" {
		t.Errorf("subject %q", subject)
	}
	if d, _ := msg.Header.Date(); d.Unix() != 1773302400 {
		t.Errorf("Date %v, want SOURCE_DATE_EPOCH", d)
	}
	if !strings.Contains(stderr, "wrote "+out) {
		t.Errorf("stderr %q", stderr)
	}
	// The same again, FILE last and from standard output: the same bytes.
	code, stdout, _ = run("mail", "-s", dir, "-o", "-", filepath.Join(dir, haushalt))
	if code != 0 || stdout != string(raw) {
		t.Errorf("a second run (exit %d) gave other bytes", code)
	}
	// A bundle's folder names its index.md; a relative link became absolute.
	if !strings.Contains(string(raw), "https://www.example.org/presse/meldungen/") {
		t.Errorf("no absolute link in:\n%s", raw)
	}
}

func TestMailEmbargoed(t *testing.T) {
	mailClock(t)
	dir := writeSite(t, mailSite)
	code, stdout, stderr := run("mail", "-s", dir, "content/meldungen/2026-03-12-sperrfrist.md")
	if code != exitContent || !strings.Contains(stderr, "under embargo until 2026-03-12 10:00 CET: mail it before then only with --embargoed") || stdout != "" {
		t.Errorf("without --embargoed: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, stderr = run("mail", "-s", dir, "--embargoed", "content/meldungen/2026-03-12-sperrfrist.md")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	_, subject := readEML(t, []byte(stdout))
	if subject != "SPERRFRIST: 12. März 2026, 10:00 Uhr – Pressemitteilung: Neue Förderung für Kitas" {
		t.Errorf("subject %q", subject)
	}
	if !strings.Contains(stdout, "https://www.example.org/presse/meldungen/2026/sperrfrist/") || !strings.Contains(stdout, "Ab 12. M=C3=A4rz 2026, 10:00 Uhr im Web:") {
		t.Errorf("without a preview secret the message names the URL the release will have and when:\n%s", stdout)
	}
	// With embargo_preview, the journalists' preview, whose URL works now.
	code, stdout, stderr = run("mail", "-s", dir, "--embargoed", "content/meldungen/2026-03-12-vorschau.md")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "https://www.example.org/presse/vorschau/") || strings.Contains(stdout, "/meldungen/2026/vorschau/") ||
		!strings.Contains(stdout, "Vorab-Ansicht") {
		t.Errorf("with a preview the message links the preview alone:\n%s", stdout)
	}
}

func TestMailBadInput(t *testing.T) {
	mailClock(t)
	dir := writeSite(t, mailSite)
	list := filepath.Join(t.TempDir(), "list.txt")
	os.WriteFile(list, []byte("# Landespresse\nredaktion@zeitung.example.org\nkein-at-zeichen\n"), 0o644)
	srv := smtptest.Start(t, smtptest.Options{NoTLS: true})
	for _, c := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unknown file", []string{"content/meldungen/gibt-es-nicht.md"}, 1, "gibt-es-nicht.md: file does not exist"},
		{"outside content", []string{"site.toml"}, 1, "is not a release: releases are Markdown files below content/"},
		{"a paper", []string{"content/papiere/leitbild.md"}, 1, "is a paper (Positionspapier), not a release"},
		{"a draft", []string{"content/meldungen/2026-03-10-entwurf.md", "--embargoed"}, 1, "is a draft (draft: true): a draft is never mailed"},
		{"bad list", []string{haushalt, "--smtp", srv.Addr, "--insecure", "--from", "p@example.org", "--to-file", list}, 1, list + ":3: \"kein-at-zeichen\" is not an e-mail address"},
		{"no file", nil, 2, "Usage: pressroom mail FILE"},
		{"two files", []string{haushalt, haushalt}, 2, "one release at a time"},
		{"insecure remote", []string{haushalt, "--smtp", "mail.example.org:25", "--insecure", "--from", "p@example.org", "--to", "a@example.org"}, 2, "--insecure is only for a relay on this machine"},
		{"no from", []string{haushalt, "--smtp", srv.Addr, "--to", "a@example.org"}, 2, "--smtp needs --from"},
		{"no recipients", []string{haushalt, "--smtp", srv.Addr, "--from", "p@example.org"}, 2, "--smtp needs recipients"},
		{"to without smtp", []string{haushalt, "--to", "a@example.org"}, 2, "--to and --to-file need --smtp"},
		{"bad to", []string{haushalt, "--smtp", srv.Addr, "--insecure", "--from", "p@example.org", "--to", "a@example.org,b@"}, 2, `--to: "b@" is not an e-mail address`},
		{"bad from", []string{haushalt, "--smtp", srv.Addr, "--insecure", "--from", "presse", "--to", "a@example.org"}, 2, `--from: "presse" is not an e-mail address`},
		{"bad relay", []string{haushalt, "--smtp", "mail.example.org", "--from", "p@example.org", "--to", "a@example.org"}, 2, "is not HOST:PORT"},
		{"bad now", []string{haushalt, "--now", "gestern"}, 2, "--now"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, stderr := run(append([]string{"mail", "-s", dir}, c.args...)...)
			if code != c.code || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, want %d with %q\n%s%s", code, c.code, c.want, stdout, stderr)
			}
		})
	}
	if n := len(srv.Commands()); n != 0 {
		t.Errorf("the relay was contacted: %v", srv.Commands())
	}
	t.Setenv("PRESSROOM_SMTP_USER", "presse")
	code, _, stderr := run("mail", "-s", dir, haushalt, "--smtp", srv.Addr, "--insecure", "--from", "p@example.org", "--to", "a@example.org")
	if code != 2 || !strings.Contains(stderr, "PRESSROOM_SMTP_PASSWORD is not") {
		t.Errorf("user without password: exit %d %s", code, stderr)
	}
}

func TestMailSend(t *testing.T) {
	mailClock(t)
	dir := writeSite(t, mailSite)
	srv := smtptest.Start(t, smtptest.Options{NoTLS: true, Refuse: map[string]bool{"weg@zeitung.example.org": true}})
	list := filepath.Join(t.TempDir(), "list.txt")
	os.WriteFile(list, []byte("# Verteiler\n\nredaktion@zeitung.example.org\nREDAKTION@Zeitung.example.org\nweg@zeitung.example.org\n"), 0o644)
	args := []string{"mail", "-s", dir, haushalt, "--smtp", srv.Addr, "--insecure", "--from", "Pressestelle <presse@kreisverband.example.org>",
		"--to", "Lokales <lokales@radio.example.org>,redaktion@zeitung.example.org", "--to-file", list}

	code, stdout, stderr := run(append(args, "--dry-run")...)
	if code != 0 || len(srv.Commands()) != 0 {
		t.Fatalf("dry run: exit %d, relay saw %v\n%s%s", code, srv.Commands(), stdout, stderr)
	}
	for _, want := range []string{"dry run: nothing sent", "messages: 3, one per recipient (2 duplicates left out)",
		"would send  lokales@radio.example.org", "would send  redaktion@zeitung.example.org", "would send  weg@zeitung.example.org"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("dry run lacks %q:\n%s", want, stdout)
		}
	}

	code, stdout, stderr = run(args...)
	if code != exitContent {
		t.Errorf("a refused recipient: exit %d, want 1\n%s%s", code, stdout, stderr)
	}
	for _, want := range []string{"accepted  lokales@radio.example.org\n", "accepted  redaktion@zeitung.example.org\n",
		"refused   weg@zeitung.example.org: 550 no such user here", "2 of 3 accepted by " + srv.Addr + " (2 duplicates left out)"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("report lacks %q:\n%s", want, stdout)
		}
	}
	if n := strings.Count(strings.ToLower(stdout), "redaktion@zeitung.example.org"); n != 1 {
		t.Errorf("an address printed %d times:\n%s", n, stdout)
	}
	got := srv.Messages()
	if len(got) != 2 {
		t.Fatalf("relay got %d messages", len(got))
	}
	for i, want := range []string{"lokales@radio.example.org", "redaktion@zeitung.example.org"} {
		msg, subject := readEML(t, got[i].Data)
		to, _ := msg.Header.AddressList("To")
		if len(got[i].To) != 1 || got[i].To[0] != want || len(to) != 1 || to[0].Address != want || got[i].From != "presse@kreisverband.example.org" {
			t.Errorf("message %d: envelope %s -> %v, To %v; want %s alone", i, got[i].From, got[i].To, to, want)
		}
		if !strings.HasPrefix(subject, "Pressemitteilung: Kreise legen") {
			t.Errorf("subject %q", subject)
		}
		if from, _ := msg.Header.AddressList("From"); len(from) != 1 || from[0].Name != "Pressestelle" {
			t.Errorf("From %v", from)
		}
	}
}
