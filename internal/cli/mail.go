package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	netmail "net/mail"
	"os"
	"os/signal"
	"path"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"pressroom/internal/build"
	"pressroom/internal/config"
	"pressroom/internal/content"
	"pressroom/internal/diag"
	"pressroom/internal/mail"
	"pressroom/internal/site"
)

func runMail(e *env, args []string) int {
	fl := newFlags(e, "mail", "FILE [-s SITE] [-o release.eml] [--embargoed] [--smtp HOST:PORT --from ADDR --to ADDR,… | --to-file LIST] [--dry-run]",
		"Makes the e-mail edition of the release in FILE (its Markdown file or bundle folder): a MIME\n"+
			"message with a plain-text and an HTML part, showing what the release's page shows, links and\n"+
			"images absolute, with downloads, press contacts and the issuers' boilerplate. The subject is\n"+
			"[mail] subjectPrefix of site.toml and the title.\n"+
			"  -o FILE   writes it (\"-\": standard output; the default without --smtp)\n"+
			"  --smtp    sends it through the relay, one message per recipient (To: that recipient alone),\n"+
			"            over STARTTLS, logging in with "+mail.UserEnv+" and "+mail.PasswordEnv+" if set;\n"+
			"            every address is checked first, and nothing is sent when one is wrong.\n"+
			"A release under embargo is mailed only with --embargoed, with the Sperrfrist in the subject and\n"+
			"at the top; a draft never.")
	siteDir := fl.String("s", ".", "the site's folder (with site.toml and content/)")
	out := fl.String("o", "", "write the message to this file (\"-\": standard output)")
	nowFlag := fl.String("now", "", "the time of the message and of the embargo check, RFC 3339 (default: SOURCE_DATE_EPOCH or the clock)")
	embargoed := fl.Bool("embargoed", false, "mail a release under embargo, with the Sperrfrist in the subject and at the top")
	smtpAddr := fl.String("smtp", "", "send through this SMTP relay, HOST:PORT (e.g. mail.example.org:587)")
	fromFlag := fl.String("from", "", "the sender (default: the release's first press contact with an e-mail address)")
	toFlag := fl.String("to", "", "recipients, separated by commas")
	toFile := fl.String("to-file", "", "a file of recipients, one address a line; lines beginning with # are comments")
	insecure := fl.Bool("insecure", false, "allow a relay on this machine (localhost) without STARTTLS")
	dryRun := fl.Bool("dry-run", false, "check everything and show what would be sent, send nothing")
	pos, code, ok := parseArgs(fl, args)
	if !ok {
		return code
	}
	usageErr := func(format string, a ...any) int {
		fmt.Fprintf(e.stderr, "pressroom mail: "+format+"\n", a...)
		return exitUsage
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(e.stderr, "pressroom mail: "+format+"\n", a...)
		return exitContent
	}
	switch {
	case len(pos) == 0:
		fl.Usage()
		return exitUsage
	case len(pos) > 1:
		return usageErr("one release at a time: %q and %q given", pos[0], pos[1])
	}
	now, err := parseNow(*nowFlag)
	if err != nil {
		return usageErr("%v", err)
	}
	sending := *smtpAddr != ""
	hasRecipients := *toFlag != "" || *toFile != ""
	switch {
	case hasRecipients && !sending && !*dryRun:
		return usageErr("--to and --to-file need --smtp HOST:PORT (or --dry-run to see what would go)")
	case sending && !hasRecipients:
		return usageErr("--smtp needs recipients: --to ADDR,… or --to-file LIST")
	case sending && *fromFlag == "":
		return usageErr("--smtp needs --from ADDR, the sender the relay accepts")
	case *insecure && !sending:
		return usageErr("--insecure is only for sending (--smtp)")
	case *dryRun && !hasRecipients:
		return usageErr("--dry-run shows what --smtp would send: give --to or --to-file")
	}
	relay := mail.Relay{Addr: *smtpAddr, Insecure: *insecure, User: os.Getenv(mail.UserEnv), Password: os.Getenv(mail.PasswordEnv)}
	if sending {
		if err := mail.CheckRelay(relay); err != nil {
			return usageErr("--smtp: %v", err)
		}
	}

	// Every input is checked before anything is written or sent.
	var from *netmail.Address
	if *fromFlag != "" {
		if from, err = mail.ParseAddress(*fromFlag); err != nil {
			return usageErr("--from: %v", err)
		}
	}
	var rcpt mail.Recipients
	if *toFlag != "" {
		if err := mail.ParseList(&rcpt, *toFlag); err != nil {
			return usageErr("--to: %v", err)
		}
	}
	if *toFile != "" {
		data, err := os.ReadFile(*toFile)
		if err != nil {
			return fail("--to-file: %v", err)
		}
		if d := mail.ReadList(&rcpt, *toFile, data); len(d) > 0 {
			return report(e.stderr, ".", nil, d.Err())
		}
		if len(rcpt.List) == 0 {
			return fail("%s: no addresses in it", *toFile)
		}
	}

	rel, err := releasePath(*siteDir, pos[0])
	if err != nil {
		return fail("%v", err)
	}
	opts := build.Options{SiteDir: *siteDir, Theme: e.theme, Now: now, PreviewSecret: os.Getenv(site.PreviewSecretEnv)}
	ld, diags := build.Load(opts)
	if code := report(e.stderr, *siteDir, diags.Warnings(), diags.Err()); code != exitOK {
		return code
	}
	cfg := ld.Config
	all, _ := ld.Model(true, true)
	var page *site.Page
	for _, p := range append(append([]*site.Page(nil), all.Pages...), all.Held...) {
		if p.Path == rel {
			page = p
		}
	}
	if page == nil {
		return fail("%s is not a page of the site in %s (a Markdown file below content/)", rel, *siteDir)
	}
	if page.Kind != config.KindRelease {
		return fail("%s is a %s, not a release: only releases (sections of kind release) are mailed", rel, map[string]string{
			config.KindPaper: "paper (Positionspapier)", config.KindPage: "plain page"}[page.Kind])
	}
	st := statusOf(page, now)
	if page.Draft || st == statusDraft {
		return fail("%s is a draft (draft: true): a draft is never mailed; remove draft: true once it is final", rel)
	}
	var embargo time.Time
	model, target, preview := ld.Site, (*site.Page)(nil), false
	if st == statusEmbargoed || st == statusScheduled {
		embargo = page.Released()
		if !*embargoed {
			return fail("%s is under embargo until %s: mail it before then only with --embargoed (the Sperrfrist heads the subject and the text)",
				rel, embargo.In(cfg.Location).Format("2006-01-02 15:04 MST"))
		}
		// Its embargo preview, whose URL works now; else the release as
		// it will be published, with its future URL.
		for _, p := range model.Previews {
			if p.Path == rel {
				target, preview = p, true
			}
		}
		if target == nil {
			model, _ = ld.Model(false, true)
		}
	}
	if target == nil {
		for _, p := range model.Pages {
			if p.Path == rel {
				target = p
			}
		}
		if target == nil {
			return fail("%s: the build does not publish it", rel)
		}
	}
	page = target
	about, bodies, d := ld.Bodies(model, []*site.Page{page})
	if code := report(e.stderr, *siteDir, d.Warnings(), d.Err()); code != exitOK {
		return code
	}
	ed, err := mail.Compose(mail.Release{Config: cfg, Page: page, Body: bodies[page], About: about, Embargo: embargo, Preview: preview, From: from})
	if errors.Is(err, mail.ErrNoSender) {
		return usageErr("%v: give --from ADDR", err)
	}
	if err != nil {
		return fail("%s: %v", rel, err)
	}
	if from == nil {
		from = ed.From
	}

	// The file.
	if *out != "" || !sending && !*dryRun {
		msg := ed.Message(nil, now)
		if *out == "" || *out == "-" {
			if _, err := e.stdout.Write(msg); err != nil {
				return fail("%v", err)
			}
		} else {
			if err := writeFileAtomic(*out, msg); err != nil {
				return fail("%v", err)
			}
			fmt.Fprintf(e.stderr, "wrote %s (%s, %d bytes)\n", *out, diag.Printable(ed.Subject), len(msg))
		}
	}
	if !sending && !*dryRun {
		return exitOK
	}

	msgs := make([]mail.Outbound, len(rcpt.List))
	for i, a := range rcpt.List {
		msgs[i] = mail.Outbound{To: a, Data: ed.Message([]*netmail.Address{a}, now)}
	}
	dupes := ""
	if rcpt.Duplicates > 0 {
		dupes = fmt.Sprintf(" (%d %s left out)", rcpt.Duplicates, plural(rcpt.Duplicates, "duplicate", "duplicates"))
	}
	if *dryRun {
		relayName := *smtpAddr
		if relayName == "" {
			relayName = "(no --smtp given)"
		}
		fmt.Fprintf(e.stdout, "dry run: nothing sent\nrelay:    %s\nfrom:     %s\nsubject:  %s\nmessages: %d, one per recipient%s\n",
			diag.Printable(relayName), diag.Printable(from.String()), diag.Printable(ed.Subject), len(msgs), dupes)
		for _, m := range msgs {
			fmt.Fprintf(e.stdout, "  would send  %s  (%d bytes)\n", diag.Printable(m.To.Address), len(m.Data))
		}
		return exitOK
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	results, err := mail.Send(ctx, relay, from, msgs)
	if err != nil {
		return fail("%v", err)
	}
	accepted, refused := 0, 0
	for _, r := range results {
		if r.Err == nil {
			accepted++
			fmt.Fprintf(e.stdout, "accepted  %s\n", diag.Printable(r.To.Address))
			continue
		}
		refused++
		word := "refused "
		if errors.Is(r.Err, mail.ErrNotSent) {
			word = "not sent"
		}
		fmt.Fprintf(e.stdout, "%s  %s: %s\n", word, diag.Printable(r.To.Address), diag.Printable(mail.Describe(r.Err)))
	}
	fmt.Fprintf(e.stdout, "%d of %d accepted by %s%s\n", accepted, len(results), diag.Printable(*smtpAddr), dupes)
	if refused > 0 {
		if ctx.Err() != nil {
			return exitInterrupted
		}
		return exitContent
	}
	return exitOK
}

// releasePath finds the file of the release named on the command line (a
// path from here, or from the site's folder; a bundle's folder stands for
// its index.md) as a slash path relative to the site.
func releasePath(siteDir, arg string) (string, error) {
	absSite, err := filepath.Abs(siteDir)
	if err != nil {
		return "", err
	}
	var candidates []string
	if filepath.IsAbs(arg) {
		candidates = []string{arg}
	} else {
		here, _ := filepath.Abs(arg)
		candidates = []string{here, filepath.Join(absSite, arg)}
	}
	for _, c := range candidates {
		fi, err := os.Stat(c)
		if err != nil {
			continue
		}
		if fi.IsDir() {
			c = filepath.Join(c, "index.md")
			if _, err := os.Stat(c); err != nil {
				return "", fmt.Errorf("%s: a folder without index.md, not a release", arg)
			}
		}
		rel, err := filepath.Rel(absSite, c)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return "", fmt.Errorf("%s is not in the site's folder %s (name the site with -s SITE)", arg, siteDir)
		}
		rel = filepath.ToSlash(rel)
		if !strings.HasPrefix(rel, content.Dir+"/") || path.Ext(rel) != ".md" {
			return "", fmt.Errorf("%s is not a release: releases are Markdown files below %s/", arg, content.Dir)
		}
		return rel, nil
	}
	return "", fmt.Errorf("%s: %w", arg, fs.ErrNotExist)
}

// writeFileAtomic writes data to name through a temporary file beside it,
// so that a reader never sees half a message.
func writeFileAtomic(name string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(name), ".pressroom-mail-*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
