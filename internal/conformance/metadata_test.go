package conformance

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/net/html"

	"pressroom/internal/build"
	"pressroom/internal/config"
	"pressroom/internal/publish"
	"pressroom/internal/site"
)

// TestMetadata checks the head of every release and paper of the example
// site: title, meta description, canonical link, Open Graph and Twitter
// card tags (with the image where there is one, resolving to a file of the
// build), and schema.org JSON-LD that parses as JSON: a NewsArticle or
// Report with headline, datePublished, dateModified (the correction's date
// where there is one), the issuing organisations as authors and the site's
// organisation as publisher.
func TestMetadata(t *testing.T) {
	o := example(t)
	cfg := o.res.Site.Config
	var publisher *config.Organization
	for _, org := range cfg.Organizations {
		if org.ID == cfg.DefaultOrganization {
			publisher = org
		}
	}
	checked := map[string]int{}
	for _, p := range o.res.Site.Pages {
		if p.Kind != config.KindRelease && p.Kind != config.KindPaper {
			continue
		}
		name := site.OutputPath(p.URL)
		doc := parseHTML(t, name, o.read(t, name))
		page := o.base.String() + strings.TrimPrefix(p.URL, "/")
		errorf := func(format string, args ...any) {
			t.Helper()
			t.Errorf(name+": "+format, args...)
		}
		summary := p.Summary
		if summary == "" {
			summary = o.res.Body(p).Lead
		}
		modified := p.Modified()
		if modified.Before(p.Released()) {
			modified = p.Released()
		}

		if titles := findAll(doc, tag("title")); len(titles) != 1 || !strings.HasPrefix(text(titles[0]), p.Title) {
			errorf("title %v, want one starting with %q", titles, p.Title)
		}
		for key, want := range map[string]string{
			"description":            summary,
			"og:type":                "article",
			"og:title":               p.Title,
			"og:url":                 page,
			"og:description":         summary,
			"og:site_name":           cfg.Title,
			"article:published_time": p.Released().In(cfg.Location).Format(time.RFC3339),
			"article:modified_time":  modified.In(cfg.Location).Format(time.RFC3339),
		} {
			if got, ok := metaContent(doc, key); !ok || got != want || want == "" {
				errorf("<meta %s> = %q, want %q", key, got, want)
			}
		}
		canonical := ""
		for _, l := range findAll(doc, tag("link")) {
			if attrOr(l, "rel") == "canonical" {
				canonical = attrOr(l, "href")
			}
		}
		if canonical != page {
			errorf("canonical %q, want %q", canonical, page)
		}
		card, _ := metaContent(doc, "twitter:card")
		image, hasImage := metaContent(doc, "og:image")
		if p.Image != "" || len(p.Images) > 0 {
			checked["with image"]++
			u, err := url.Parse(image)
			if _, ok := o.file(u); err != nil || !ok || card != "summary_large_image" {
				errorf("og:image %q (no file in the build?), twitter:card %q", image, card)
			}
			// The lead image, else the gallery's first photo.
			wantAlt := p.ImageAlt
			if p.Image == "" {
				wantAlt = p.Images[0].Alt
			}
			if alt, _ := metaContent(doc, "og:image:alt"); alt != wantAlt {
				errorf("og:image:alt %q, want %q", alt, wantAlt)
			}
		} else if hasImage || card != "summary" {
			errorf("og:image %q, twitter:card %q for a page without image", image, card)
		}

		scripts := findAll(doc, func(n *html.Node) bool {
			return n.Data == "script" && attrOr(n, "type") == "application/ld+json"
		})
		if len(scripts) != 1 {
			errorf("%d JSON-LD scripts, want 1", len(scripts))
			continue
		}
		var ld struct {
			Context          string          `json:"@context"`
			Type             string          `json:"@type"`
			Headline         string          `json:"headline"`
			URL              string          `json:"url"`
			MainEntityOfPage string          `json:"mainEntityOfPage"`
			Description      string          `json:"description"`
			Image            json.RawMessage `json:"image"`
			DatePublished    string          `json:"datePublished"`
			DateModified     string          `json:"dateModified"`
			InLanguage       string          `json:"inLanguage"`
			Author           []struct {
				Type string `json:"@type"`
				Name string `json:"name"`
				URL  string `json:"url"`
			} `json:"author"`
			Publisher struct {
				Type string `json:"@type"`
				Name string `json:"name"`
			} `json:"publisher"`
		}
		if err := json.Unmarshal([]byte(rawText(scripts[0])), &ld); err != nil {
			errorf("JSON-LD does not parse: %v\n%s", err, rawText(scripts[0]))
			continue
		}
		wantType := map[string]string{config.KindRelease: "NewsArticle", config.KindPaper: "Report"}[p.Kind]
		if ld.Context != "https://schema.org" || ld.Type != wantType || ld.Headline != p.Title || ld.URL != page ||
			ld.MainEntityOfPage != page || ld.Description != summary || ld.InLanguage != cfg.Language || ldImage(ld.Image, p.ImageCredit, p.Image != "") != image {
			errorf("JSON-LD %+v (image %s)", ld, ld.Image)
		}
		for what, d := range map[string]struct {
			got  string
			want time.Time
		}{"datePublished": {ld.DatePublished, p.Released()}, "dateModified": {ld.DateModified, modified}} {
			got, err := time.Parse(time.RFC3339, d.got)
			if err != nil || !got.Equal(d.want) {
				errorf("JSON-LD %s %q, want %s", what, d.got, d.want.Format(time.RFC3339))
			}
		}
		if !p.Updated.IsZero() {
			checked["corrected"]++
			if got, _ := time.Parse(time.RFC3339, ld.DateModified); !got.Equal(p.Updated) {
				errorf("JSON-LD dateModified %q, want the correction's date %s", ld.DateModified, p.Updated)
			}
		}
		var authors, want []string
		for _, a := range ld.Author {
			if a.Type != "Organization" || a.URL == "" {
				errorf("JSON-LD author %+v", a)
			}
			authors = append(authors, a.Name)
		}
		for _, org := range p.Orgs {
			want = append(want, org.Name)
		}
		if !slices.Equal(authors, want) || len(want) == 0 {
			errorf("JSON-LD authors %v, want %v", authors, want)
		}
		if ld.Publisher.Type != "Organization" || publisher == nil || ld.Publisher.Name != publisher.Name {
			errorf("JSON-LD publisher %+v", ld.Publisher)
		}
		if len(p.Orgs) > 1 {
			checked["joint"]++
		}
		checked[p.Kind]++
	}
	for _, what := range []string{config.KindRelease, config.KindPaper, "with image", "corrected", "joint"} {
		if checked[what] == 0 {
			t.Errorf("no %s page checked", what)
		}
	}
	t.Logf("checked %v", checked)
}

// TestJSONLDEscaping builds a release whose title and summary hold what
// could end a script element or break JSON: the JSON-LD must still parse
// to the same text, and the page must hold no second script.
func TestJSONLDEscaping(t *testing.T) {
	title := `</script><script>alert("x")</script> & „Zitat“ <!-- ` + "\u2028" + ` \ '`
	summary := `Erst <b>fett</b>, dann ]]> und </SCRIPT >.`
	fsys := fstest.MapFS{
		"site.toml": {Data: []byte("title = \"Test\"\nbaseURL = \"https://presse.example.org/\"\n[[organizations]]\nid = \"o\"\nname = \"O & Co\"\n")},
		"content/pressemitteilungen/2026-01-05-x.md": {Data: []byte("---\ntitle: " + jsonString(title) + "\nsummary: " + jsonString(summary) +
			"\ndate: 2026-01-05\n---\nText.\n")},
	}
	mem := publish.NewMemory()
	if _, err := build.Build(context.Background(), build.Options{Site: fsys, Theme: os.DirFS(root), Now: now}, mem); err != nil {
		t.Fatal(err)
	}
	page, ok := mem.Get("pressemitteilungen/2026/x/index.html")
	if !ok {
		t.Fatalf("no page; have %v", mem.Names())
	}
	doc := parseHTML(t, "page", page)
	scripts := findAll(doc, tag("script"))
	if len(scripts) != 1 || attrOr(scripts[0], "type") != "application/ld+json" {
		t.Fatalf("%d scripts, want the JSON-LD only:\n%s", len(scripts), page)
	}
	var ld struct{ Headline, Description string }
	if err := json.Unmarshal([]byte(rawText(scripts[0])), &ld); err != nil {
		t.Fatalf("JSON-LD does not parse: %v\n%s", err, rawText(scripts[0]))
	}
	if ld.Headline != title || ld.Description != summary {
		t.Errorf("JSON-LD headline %q, description %q; want %q, %q", ld.Headline, ld.Description, title, summary)
	}
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// rawText is the text of an element as written, for script elements.
func rawText(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

// ldImage is the image of a JSON-LD description as og:image has it: a
// URL, or for photos the thumbnail of the first ImageObject, which must
// name the credit the page gives.
func ldImage(raw json.RawMessage, credit string, lead bool) string {
	if len(raw) == 0 {
		return ""
	}
	var u string
	if json.Unmarshal(raw, &u) == nil {
		return u
	}
	var objs []struct {
		Type         string `json:"@type"`
		ThumbnailURL string `json:"thumbnailUrl"`
		ContentURL   string `json:"contentUrl"`
		CreditText   string `json:"creditText"`
	}
	if json.Unmarshal(raw, &objs) != nil || len(objs) == 0 || objs[0].Type != "ImageObject" || objs[0].ContentURL == "" {
		return "(not an image: " + string(raw) + ")"
	}
	if lead && credit != "" && objs[0].CreditText != credit {
		return "(creditText " + objs[0].CreditText + ", want " + credit + ")"
	}
	return objs[0].ThumbnailURL
}
