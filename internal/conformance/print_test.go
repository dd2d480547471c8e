package conformance

import (
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/net/html"

	"pressroom/internal/build"
	"pressroom/internal/site"
)

// linksRelease is a release added to the example site for printing: its
// text links to another site, to a page of the site and to a download.
const linksRelease = `---
title: "Studie zur Wirkung der Beratung vorgestellt"
date: 2026-11-02 10:00
place: Berlin
tags: [Jobcenter]
attachments:
  - file: studie.pdf
    title: Studie (Langfassung)
---

Das Netzwerk Kommunale Jobcenter hat heute eine [Studie des Instituts für Arbeitsmarktforschung](https://www.iaf.example.org/studien/beratung-2026) vorgestellt.

Die Ergebnisse ergänzen das [Strategische Leitbild 2030](/positionspapiere/strategisches-leitbild-2030/).
`

// exampleWithLinks is the example site with linksRelease.
func exampleWithLinks(t *testing.T) *output {
	t.Helper()
	fsys := fstest.MapFS{}
	src := os.DirFS(root)
	err := fs.WalkDir(src, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(src, p)
		fsys[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	toml, err := fs.ReadFile(src, "site.toml")
	if err != nil {
		t.Fatal(err)
	}
	fsys["site.toml"] = &fstest.MapFile{Data: toml}
	fsys["content/pressemitteilungen/2026-11-02-studie/index.md"] = &fstest.MapFile{Data: []byte(linksRelease)}
	fsys["content/pressemitteilungen/2026-11-02-studie/studie.pdf"] = &fstest.MapFile{Data: []byte("%PDF-1.4\n")}
	return buildTo(t, "print", build.Options{SiteDir: root, Site: fsys})
}

// TestPrint prints a paper and two releases of the example site to PDF
// with chromium's own printer (--print-to-pdf) and reads the PDFs with
// pdftotext: A4, the text and the press contact are there, navigation is
// not, the URLs of links in the text and of downloads are shown, the page's
// own address is printed, and the contact block is on one page.
func TestPrint(t *testing.T) {
	heavy(t)
	exe := chromium(t)
	totext, info := pdftotext(t), pdfinfo(t)
	o := exampleWithLinks(t)
	srv := serve(t, o)
	for _, url := range []string{
		"/positionspapiere/strategisches-leitbild-2030/",
		"/pressemitteilungen/2025/zwanzig-jahre-kommunale-jobcenter/",
		"/pressemitteilungen/2026/studie/",
	} {
		t.Run(strings.Trim(url, "/"), func(t *testing.T) {
			var page *site.Page
			for _, p := range o.res.Site.Pages {
				if p.URL == url {
					page = p
				}
			}
			if page == nil {
				t.Fatalf("no page %s", url)
			}
			doc := parseHTML(t, url, o.read(t, site.OutputPath(url)))
			pdf := filepath.Join(t.TempDir(), "page.pdf")
			// Chromium now and then crashes when other tests run browsers at
			// the same time: it gets three tries.
			var out []byte
			var err error
			for try := 0; try < 3; try++ {
				ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
				cmd := exec.CommandContext(ctx, exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
					"--no-pdf-header-footer", "--user-data-dir="+t.TempDir(), "--print-to-pdf="+pdf, srv.URL+url)
				out, err = cmd.CombinedOutput()
				cancel()
				if err == nil {
					break
				}
			}
			if err != nil {
				t.Fatalf("chromium --print-to-pdf: %v\n%s", err, out)
			}
			if meta := string(run(t, info, pdf)); !strings.Contains(meta, "(A4)") {
				t.Errorf("not A4:\n%s", meta)
			}
			pages := pdfPages(t, totext, info, pdf)
			all := flat(strings.Join(pages, " "))
			if !strings.Contains(noSpace(all), o.url(site.OutputPath(url))) {
				t.Errorf("the printout lacks the page's address %s", o.url(site.OutputPath(url)))
			}
			want := []string{page.Title}
			for _, c := range page.Contacts {
				want = append(want, c.Name, c.Phone, c.Email)
			}
			for _, org := range page.Orgs {
				want = append(want, org.Org.AboutTitle)
			}
			if page.Place != "" {
				want = append(want, page.Place+", ")
			}
			for _, w := range want {
				if !strings.Contains(all, flat(w)) {
					t.Errorf("the printout lacks %q", w)
				}
			}
			checkNoNavigation(t, doc, all)
			checkLinkURLs(t, doc, all)
			checkContactsTogether(t, page, pages)
		})
	}
}

// pdfPages is the text of each page of a PDF.
func pdfPages(t *testing.T, totext, info, pdf string) []string {
	t.Helper()
	n := 0
	if m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(string(run(t, info, pdf))); m != nil {
		n, _ = strconv.Atoi(m[1])
	}
	if n == 0 {
		t.Fatal("the PDF has no pages")
	}
	pages := make([]string, n)
	for i := range pages {
		// -layout: without it pdftotext joins words hyphenated at the end
		// of a line, and URLs broken after a "-" lose it.
		pages[i] = string(run(t, totext, "-layout", "-enc", "UTF-8", "-f", strconv.Itoa(i+1), "-l", strconv.Itoa(i+1), pdf, "-"))
	}
	return pages
}

// flat collapses white space, as lines of a printout break anywhere.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// noSpace drops white space: a long URL breaks anywhere in print.
func noSpace(s string) string { return strings.Join(strings.Fields(s), "") }

// checkNoNavigation asserts that the texts of the page's navigation (skip
// link, menus, feed links, previous and next, related releases) are not
// printed. A text that
// also stands in the printed part of the page is left out of the check.
func checkNoNavigation(t *testing.T, doc *html.Node, printed string) {
	t.Helper()
	isNav := func(n *html.Node) bool {
		return n.Data == "nav" || hasClass(n, "skip") || hasClass(n, "feeds") || hasClass(n, "related")
	}
	var rest strings.Builder
	for _, n := range findAll(doc, tag("body")) {
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode && isNav(n) {
				return
			}
			if n.Type == html.TextNode {
				rest.WriteString(n.Data + " ")
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(n)
	}
	other := flat(rest.String())
	checked := 0
	for _, nav := range findAll(doc, isNav) {
		if within(nav.Parent, isNav) {
			continue
		}
		for _, a := range append(findAll(nav, tag("a")), findAll(nav, tag("span"))...) {
			s := text(a)
			if len(s) < 4 || strings.Contains(other, s) {
				continue
			}
			checked++
			if strings.Contains(printed, s) {
				t.Errorf("navigation printed: %q", s)
			}
		}
	}
	if checked < 5 {
		t.Errorf("only %d texts of navigation to look for", checked)
	}
}

// checkLinkURLs asserts that the URL of every link in the text and of
// every download is printed beside it.
func checkLinkURLs(t *testing.T, doc *html.Node, printed string) {
	t.Helper()
	bare := noSpace(printed)
	for _, a := range findAll(doc, tag("a")) {
		href := attrOr(a, "href")
		inText := within(a, func(n *html.Node) bool { return hasClass(n, "body") }) && !strings.HasPrefix(href, "#")
		download := within(a, func(n *html.Node) bool { return hasClass(n, "downloads") })
		if !inText && !download || strings.HasPrefix(href, "mailto:") || strings.HasPrefix(href, "tel:") {
			continue
		}
		if !strings.Contains(bare, noSpace("("+href+")")) {
			t.Errorf("the printout does not show the URL of the link %q: %s", text(a), href)
		}
	}
}

// checkContactsTogether asserts that the press contact heading and each
// contact's name, phone and e-mail are on one page.
func checkContactsTogether(t *testing.T, p *site.Page, pages []string) {
	t.Helper()
	if len(p.Contacts) == 0 {
		t.Fatal("the page has no press contact")
	}
	for _, c := range p.Contacts {
		found := false
		for _, pg := range pages {
			text := flat(pg)
			if strings.Contains(text, "Pressekontakt") && strings.Contains(text, c.Name) && strings.Contains(text, c.Phone) && strings.Contains(text, c.Email) {
				found = true
			}
		}
		if !found {
			t.Errorf("the contact block of %s is split across pages or missing", c.Name)
		}
	}
}
