package feeds

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"html"
	"strings"
	"testing"
	"time"
)

func sample() (Meta, []*Item) {
	loc := time.FixedZone("CEST", 2*3600)
	m := Meta{Title: "Presse & Co", Description: "Meldungen", Language: "de", Author: "Netzwerk",
		HomeURL: "https://presse.example.org/", FolderURL: "https://presse.example.org/", Updated: time.Date(2021, 10, 6, 9, 0, 0, 0, loc)}
	items := []*Item{{
		Title: "Größe „zählt“", URL: "https://presse.example.org/pm/2021/a/", Summary: "Kurz & gut",
		Content: `<p>Text <a href="https://presse.example.org/x/">x</a></p>`, Published: time.Date(2021, 10, 5, 10, 0, 0, 0, loc),
		Updated: time.Date(2021, 10, 6, 9, 0, 0, 0, loc), Authors: []string{"Netzwerk"}, Tags: []string{"SGB II"},
		Attachments: []Attachment{{URL: "https://presse.example.org/pm/2021/a/m.pdf", Type: "application/pdf", Title: "Mappe", Length: 1234},
			{URL: "https://presse.example.org/pm/2021/a/z.csv", Type: "text/csv", Title: "Zahlen", Length: 56}},
	}}
	return m, items
}

func TestRSS(t *testing.T) {
	var buf bytes.Buffer
	m, items := sample()
	err := RSS(&buf, m, items)
	out := buf.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	var doc struct {
		Channel struct {
			Items []struct {
				GUID struct {
					Value string `xml:",chardata"`
					Perma string `xml:"isPermaLink,attr"`
				} `xml:"guid"`
				PubDate string `xml:"pubDate"`
			} `xml:"item"`
		} `xml:"channel"`
	}
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("RSS does not parse: %v\n%s", err, s)
	}
	for _, want := range []string{`xmlns:atom="http://www.w3.org/2005/Atom"`, `<atom:link href="https://presse.example.org/feed.xml" rel="self" type="application/rss+xml">`,
		`<enclosure url="https://presse.example.org/pm/2021/a/m.pdf" length="1234" type="application/pdf">`, "Größe „zählt“", "<language>de</language>"} {
		if !strings.Contains(s, want) {
			t.Errorf("RSS lacks %s\n%s", want, s)
		}
	}
	it := doc.Channel.Items[0]
	if it.GUID.Value != "https://presse.example.org/pm/2021/a/" || it.GUID.Perma != "true" || it.PubDate != "Tue, 05 Oct 2021 10:00:00 +0200" {
		t.Errorf("item = %+v", it)
	}
}

func TestAtom(t *testing.T) {
	var buf bytes.Buffer
	m, items := sample()
	err := Atom(&buf, m, items)
	out := buf.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	if err := xml.Unmarshal(out, new(struct{})); err != nil {
		t.Fatalf("Atom does not parse: %v", err)
	}
	for _, want := range []string{`<link href="https://presse.example.org/atom.xml" rel="self"`, `rel="alternate" type="text/html"`,
		"<updated>2021-10-06T09:00:00+02:00</updated>", "<published>2021-10-05T10:00:00+02:00</published>",
		`<id>https://presse.example.org/pm/2021/a/</id>`, `rel="enclosure" type="text/csv" length="56"`, "<name>Netzwerk</name>"} {
		if !strings.Contains(s, want) {
			t.Errorf("Atom lacks %s\n%s", want, s)
		}
	}
}

func TestJSON(t *testing.T) {
	var buf bytes.Buffer
	m, items := sample()
	err := JSON(&buf, m, items)
	out := buf.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if doc["version"] != "https://jsonfeed.org/version/1.1" || doc["feed_url"] != "https://presse.example.org/feed.json" || doc["home_page_url"] != "https://presse.example.org/" {
		t.Errorf("feed = %v", doc)
	}
	s := string(out)
	for _, want := range []string{`"size_in_bytes": 1234`, `<a href=`, "Größe „zählt“", `"date_modified": "2021-10-06T09:00:00+02:00"`} {
		if !strings.Contains(s, want) {
			t.Errorf("JSON lacks %s\n%s", want, s)
		}
	}
}

// TestSummaryIsText checks that a plain-text summary with markup in it
// reaches every reader as text: RSS readers take <description> as HTML, so
// it is escaped once more; Atom says type="text"; JSON Feed's summary is
// plain. Full content stays HTML.
func TestSummaryIsText(t *testing.T) {
	const summary = `<b>fett</b> & <script>alert(1)</script> "zitiert"`
	const content = `<p>Text <b>fett</b></p>`
	for _, full := range []bool{false, true} {
		m, items := sample()
		items[0].Summary = summary
		items[0].Content = ""
		if full {
			items[0].Content = content
		}

		var rss bytes.Buffer
		if err := RSS(&rss, m, items); err != nil {
			t.Fatal(err)
		}
		var rdoc struct {
			Channel struct {
				Items []struct {
					Description string `xml:"description"`
					Encoded     string `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
				} `xml:"item"`
			} `xml:"channel"`
		}
		if err := xml.Unmarshal(rss.Bytes(), &rdoc); err != nil {
			t.Fatalf("RSS does not parse: %v", err)
		}
		ri := rdoc.Channel.Items[0]
		// The description is HTML to a reader: after XML decoding it must
		// hold no markup, and as HTML it must say the summary.
		if strings.ContainsAny(ri.Description, "<>") || html.UnescapeString(ri.Description) != summary {
			t.Errorf("RSS description = %q, want the HTML text of %q", ri.Description, summary)
		}
		if full && ri.Encoded != content {
			t.Errorf("RSS content:encoded = %q, want %q", ri.Encoded, content)
		}

		var atom bytes.Buffer
		if err := Atom(&atom, m, items); err != nil {
			t.Fatal(err)
		}
		var adoc struct {
			Entries []struct {
				Summary struct {
					Type string `xml:"type,attr"`
					Text string `xml:",chardata"`
				} `xml:"summary"`
				Content struct {
					Type string `xml:"type,attr"`
					Text string `xml:",chardata"`
				} `xml:"content"`
			} `xml:"entry"`
		}
		if err := xml.Unmarshal(atom.Bytes(), &adoc); err != nil {
			t.Fatalf("Atom does not parse: %v", err)
		}
		ae := adoc.Entries[0]
		if ae.Summary.Type != "text" || ae.Summary.Text != summary {
			t.Errorf("Atom summary = %+v, want type text and %q", ae.Summary, summary)
		}
		if full && (ae.Content.Type != "html" || ae.Content.Text != content) {
			t.Errorf("Atom content = %+v, want html %q", ae.Content, content)
		}

		var js bytes.Buffer
		if err := JSON(&js, m, items); err != nil {
			t.Fatal(err)
		}
		var jdoc struct {
			Items []struct {
				Summary     string `json:"summary"`
				ContentHTML string `json:"content_html"`
			} `json:"items"`
		}
		if err := json.Unmarshal(js.Bytes(), &jdoc); err != nil {
			t.Fatal(err)
		}
		if ji := jdoc.Items[0]; ji.Summary != summary || full && ji.ContentHTML != content {
			t.Errorf("JSON item = %+v", ji)
		}
	}
}

// TestControlCharactersNeverReachXML: whatever text an item brings, the
// XML feeds parse; encoding/xml writes CDATA as it is, so the writer
// itself removes what XML forbids.
func TestControlCharactersNeverReachXML(t *testing.T) {
	for _, write := range []func(*bytes.Buffer, Meta, []*Item) error{RSS, Atom} {
		m, items := sample()
		m.Title += "\v"
		items[0].Title = "A\vB\x00C"
		items[0].Summary = "Kurz\fgefasst\uFFFE"
		items[0].Content = "<p>Absatz\vmit\x1b Steuerzeichen\uFFFF</p>"
		items[0].Tags = []string{"Tag\x01"}
		var buf bytes.Buffer
		buf.WriteString("before\x01")
		if err := write(&buf, m, items); err != nil {
			t.Fatal(err)
		}
		out := strings.TrimPrefix(buf.String(), "before\x01")
		if len(out) == buf.Len() {
			t.Fatal("the writer changed what the buffer held before")
		}
		d := xml.NewDecoder(strings.NewReader(out))
		for {
			_, err := d.Token()
			if err != nil {
				if err.Error() != "EOF" {
					t.Errorf("%v in:\n%s", err, out)
				}
				break
			}
		}
		if strings.ContainsAny(out, "\v\f\x00\x01\x1b\uFFFE\uFFFF") {
			t.Errorf("control characters in:\n%s", out)
		}
	}
}

// An item carries every topic, every issuing organisation and the lead
// image with its credit, in RSS and in Atom; Atom's feed metadata comes
// before its entries (RFC 4287's schema).
func TestItemsCarryEverything(t *testing.T) {
	m, items := sample()
	it := items[0]
	it.Authors = []string{"Städtetag Musterland", "Landkreistag Musterland"}
	it.Tags = []string{"SGB II", "Kita & Schule"}
	it.Image, it.ImageAlt, it.ImageCredit = "https://presse.example.org/pm/2021/a/bild.jpg", "Rathaus", "Foto: Erika Muster"
	var rss, atom bytes.Buffer
	if err := RSS(&rss, m, items); err != nil {
		t.Fatal(err)
	}
	if err := Atom(&atom, m, items); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		out  string
		want []string
	}{
		{"RSS", rss.String(), []string{"<category>SGB II</category>", "<category>Kita &amp; Schule</category>",
			"<dc:creator>Städtetag Musterland</dc:creator>", "<dc:creator>Landkreistag Musterland</dc:creator>",
			`<media:content url="https://presse.example.org/pm/2021/a/bild.jpg" type="image/jpeg" medium="image">`,
			`<media:credit role="photographer">Foto: Erika Muster</media:credit>`, `xmlns:media="http://search.yahoo.com/mrss/"`}},
		{"Atom", atom.String(), []string{`<category term="SGB II">`, `<category term="Kita &amp; Schule">`,
			"<author>\n      <name>Städtetag Musterland</name>\n    </author>", "<author>\n      <name>Landkreistag Musterland</name>\n    </author>",
			`<media:content url="https://presse.example.org/pm/2021/a/bild.jpg" type="image/jpeg" medium="image">`}},
	} {
		for _, w := range c.want {
			if !strings.Contains(c.out, w) {
				t.Errorf("%s lacks %s\n%s", c.name, w, c.out)
			}
		}
	}
	s := atom.String()
	if self, entry := strings.Index(s, `rel="self"`), strings.Index(s, "<entry>"); self < 0 || self > entry {
		t.Errorf("Atom: the self link must come before the entries\n%s", s)
	}
}

// With a WebSub hub, every format declares it beside its self link.
func TestHub(t *testing.T) {
	m, items := sample()
	m.Hub = "https://hub.example.org/"
	for name, write := range map[string]func(*bytes.Buffer, Meta, []*Item) error{"RSS": RSS, "Atom": Atom, "JSON": JSON} {
		var buf bytes.Buffer
		if err := write(&buf, m, items); err != nil {
			t.Fatal(err)
		}
		want := `href="https://hub.example.org/" rel="hub"`
		if name == "JSON" {
			want = `"hubs": [
    {
      "type": "WebSub",
      "url": "https://hub.example.org/"`
		}
		if !strings.Contains(buf.String(), want) || !strings.Contains(buf.String(), "self") && name != "JSON" {
			t.Errorf("%s lacks %s\n%s", name, want, buf.String())
		}
	}
}

// TestArchiveLinks checks the RFC 5005 links of the subscription feed and of
// the first, a middle and the newest archive document, in both formats.
func TestArchiveLinks(t *testing.T) {
	if got := ArchiveFile(RSSFile, 12); got != "feed-12.xml" {
		t.Errorf("ArchiveFile = %q", got)
	}
	const arch = "https://presse.example.org/archiv/"
	for _, c := range []struct {
		archive   int
		self      string
		want, not []string
	}{
		{0, "feed.xml", []string{`rel="prev-archive"` + "", arch + "feed-3.xml"}, []string{"fh:archive", "next-archive", `rel="current"`}},
		{1, arch + "feed-1.xml", []string{"<fh:archive>", `rel="current"`, arch + "feed-2.xml"}, []string{"prev-archive", `rel="hub"`}},
		{2, arch + "feed-2.xml", []string{arch + "feed-1.xml", arch + "feed-3.xml"}, nil},
		{3, arch + "feed-3.xml", []string{arch + "feed-2.xml", `<atom:link href="https://presse.example.org/feed.xml" rel="next-archive"`}, nil},
	} {
		m, items := sample()
		m.Hub = "https://hub.example.org/"
		m.Archive, m.Archives, m.ArchiveURL = c.archive, 3, arch
		var b bytes.Buffer
		if err := RSS(&b, m, items); err != nil {
			t.Fatal(err)
		}
		doc := b.String()
		for _, w := range append(c.want, `href="`+strings.TrimPrefix(c.self, "feed.xml")) {
			if !strings.Contains(doc, w) {
				t.Errorf("archive %d lacks %s:\n%s", c.archive, w, doc)
			}
		}
		for _, w := range c.not {
			if strings.Contains(doc, w) {
				t.Errorf("archive %d has %s", c.archive, w)
			}
		}
		b.Reset()
		if err := Atom(&b, m, items); err != nil {
			t.Fatal(err)
		}
		if err := xml.Unmarshal(b.Bytes(), new(struct{})); err != nil {
			t.Fatal(err)
		}
		if a := strings.Contains(b.String(), `<fh:archive></fh:archive>`); a != (c.archive > 0) {
			t.Errorf("archive %d: Atom fh:archive %v", c.archive, a)
		}
	}
}
