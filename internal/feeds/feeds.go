// Package feeds writes RSS 2.0 and Atom 1.0 documents with encoding/xml
// (gorilla/feeds cannot order Atom's metadata before its entries, nor write
// several categories, dc:creator or Media RSS) and JSON Feed 1.1 with
// github.com/gorilla/feeds, completed where that format asks for more.
package feeds

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"html"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/feeds"

	"pressroom/internal/chars"
)

// File names of the three feeds in a folder, and their media types
// (content.MediaType knows the files by these names).
const (
	RSSFile  = "feed.xml"
	AtomFile = "atom.xml"
	JSONFile = "feed.json"

	RSSType  = "application/rss+xml"
	AtomType = "application/atom+xml"
	JSONType = "application/feed+json"
)

// Meta describes a feed.
type Meta struct {
	Title       string
	Description string
	Language    string
	Copyright   string
	Author      string    // publisher name
	HomeURL     string    // absolute URL of the HTML page the feed follows
	FolderURL   string    // absolute URL of the folder that holds the feeds, ending in /
	Updated     time.Time // newest change of any item
	Hub         string    // WebSub hub URL, or ""

	// Archived feeds (RFC 5005 §4): Archive is the number of the archive
	// document this is (1 the oldest; 0 the subscription feed), Archives
	// how many there are, ArchiveURL the absolute URL of the folder that
	// holds them, ending in /.
	Archive, Archives int
	ArchiveURL        string
}

// History is the namespace of RFC 5005's elements.
const History = "http://purl.org/syndication/history/1.0"

// ArchiveFile is the file name of archive document n of the feed file:
// feed-1.xml, atom-1.xml.
func ArchiveFile(file string, n int) string {
	ext := file[strings.LastIndexByte(file, '.'):]
	return strings.TrimSuffix(file, ext) + "-" + strconv.Itoa(n) + ext
}

// url is the address of the document of file that m describes.
func (m Meta) url(file string) string {
	if m.Archive > 0 {
		return m.ArchiveURL + ArchiveFile(file, m.Archive)
	}
	return m.FolderURL + file
}

// archived is the fh:archive element of an archive document, or nil.
func (m Meta) archived() *struct{} {
	if m.Archive > 0 {
		return &struct{}{}
	}
	return nil
}

// historyNS is the fh namespace where an archive document uses it.
func (m Meta) historyNS() string {
	if m.Archive > 0 {
		return History
	}
	return ""
}

// links are the feed-level links of the XML formats after the alternate
// one: self, and the WebSub hub.
func (m Meta) links(file, typ string) []atomLink {
	l := []atomLink{{Href: m.url(file), Rel: "self", Type: typ}}
	if m.Archive > 0 {
		// An archive document names the subscription feed; the hub is
		// the subscription feed's business.
		l = append(l, atomLink{Href: m.FolderURL + file, Rel: "current", Type: typ})
	} else if m.Hub != "" {
		l = append(l, atomLink{Href: m.Hub, Rel: "hub"})
	}
	prev := m.Archive - 1
	if m.Archive == 0 {
		prev = m.Archives
	}
	if prev > 0 {
		l = append(l, atomLink{Href: m.ArchiveURL + ArchiveFile(file, prev), Rel: "prev-archive", Type: typ})
	}
	// The newest archive document's next is the subscription feed,
	// which holds the entries that follow it: a reader walks from any
	// document to any other, and a lone archive document is linked as
	// the feed validator asks.
	switch {
	case m.Archive > 0 && m.Archive < m.Archives:
		l = append(l, atomLink{Href: m.ArchiveURL + ArchiveFile(file, m.Archive+1), Rel: "next-archive", Type: typ})
	case m.Archive > 0:
		l = append(l, atomLink{Href: m.FolderURL + file, Rel: "next-archive", Type: typ})
	}
	return l
}

// Item is one entry. URLs are absolute.
type Item struct {
	Title       string
	URL         string
	Summary     string // plain text
	Content     string // HTML; empty for summary-only feeds
	Published   time.Time
	Updated     time.Time
	Authors     []string
	Tags        []string
	Image       string // absolute URL of the lead image
	ImageAlt    string
	ImageCredit string
	Attachments []Attachment
}

// Attachment is a download of an item.
type Attachment struct {
	URL, Type, Title string
	Length           int64
}

func (m Meta) feed(items []*Item) *feeds.Feed {
	f := &feeds.Feed{
		Title:       m.Title,
		Link:        &feeds.Link{Href: m.HomeURL},
		Description: m.Description,
		Updated:     m.Updated,
		Id:          m.HomeURL,
		Copyright:   m.Copyright,
	}
	if m.Author != "" {
		f.Author = &feeds.Author{Name: m.Author}
	}
	for _, it := range items {
		fi := &feeds.Item{
			Title:       it.Title,
			Link:        &feeds.Link{Href: it.URL},
			Description: it.Summary,
			Id:          it.URL,
			IsPermaLink: "true",
			Created:     it.Published,
			Updated:     it.Updated,
			Content:     it.Content,
		}
		if len(it.Attachments) > 0 {
			a := it.Attachments[0]
			fi.Enclosure = &feeds.Enclosure{Url: a.URL, Type: a.Type, Length: strconv.FormatInt(a.Length, 10)}
		}
		f.Items = append(f.Items, fi)
	}
	return f
}

type atomLink struct {
	Href   string `xml:"href,attr"`
	Rel    string `xml:"rel,attr"`
	Type   string `xml:"type,attr,omitempty"`
	Length string `xml:"length,attr,omitempty"`
	Title  string `xml:"title,attr,omitempty"`
}

// mediaContent is the Media RSS element of an item's lead image.
type mediaContent struct {
	URL    string      `xml:"url,attr"`
	Type   string      `xml:"type,attr,omitempty"`
	Medium string      `xml:"medium,attr"`
	Title  *mediaText  `xml:"media:description,omitempty"`
	Credit *mediaCredi `xml:"media:credit,omitempty"`
}

type mediaText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

type mediaCredi struct {
	Role string `xml:"role,attr"`
	Text string `xml:",chardata"`
}

func (it *Item) media() *mediaContent {
	if it.Image == "" {
		return nil
	}
	mc := &mediaContent{URL: it.Image, Type: imageType(it.Image), Medium: "image"}
	if it.ImageAlt != "" {
		mc.Title = &mediaText{Type: "plain", Text: it.ImageAlt}
	}
	if it.ImageCredit != "" {
		mc.Credit = &mediaCredi{Role: "photographer", Text: it.ImageCredit}
	}
	return mc
}

func imageType(u string) string {
	if i := strings.LastIndexByte(u, '.'); i >= 0 {
		switch strings.ToLower(u[i:]) {
		case ".jpg", ".jpeg":
			return "image/jpeg"
		case ".png":
			return "image/png"
		case ".gif":
			return "image/gif"
		case ".webp":
			return "image/webp"
		case ".svg":
			return "image/svg+xml"
		case ".avif":
			return "image/avif"
		}
	}
	return ""
}

// RSS 2.0, written with encoding/xml: gorilla/feeds has one category per
// item, no dc:creator and no Media RSS.
type rssDoc struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	Content string     `xml:"xmlns:content,attr"`
	Atom    string     `xml:"xmlns:atom,attr"`
	DC      string     `xml:"xmlns:dc,attr"`
	Media   string     `xml:"xmlns:media,attr"`
	FH      string     `xml:"xmlns:fh,attr,omitempty"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string     `xml:"title"`
	Link          string     `xml:"link"`
	Description   string     `xml:"description"`
	Language      string     `xml:"language,omitempty"`
	Copyright     string     `xml:"copyright,omitempty"`
	LastBuildDate string     `xml:"lastBuildDate,omitempty"`
	Generator     string     `xml:"generator"`
	Links         []atomLink `xml:"atom:link"`
	Archive       *struct{}  `xml:"fh:archive,omitempty"`
	Items         []rssItem  `xml:"item"`
}

type rssGUID struct {
	IsPermaLink string `xml:"isPermaLink,attr"`
	Text        string `xml:",chardata"`
}

type rssEnclosure struct {
	URL    string `xml:"url,attr"`
	Length string `xml:"length,attr"`
	Type   string `xml:"type,attr"`
}

type cdata struct {
	Text string `xml:",cdata"`
}

type rssItem struct {
	Title       string        `xml:"title"`
	Link        string        `xml:"link"`
	Description string        `xml:"description"`
	Content     *cdata        `xml:"content:encoded,omitempty"`
	Creators    []string      `xml:"dc:creator"`
	Categories  []string      `xml:"category"`
	Enclosure   *rssEnclosure `xml:"enclosure,omitempty"`
	GUID        rssGUID       `xml:"guid"`
	PubDate     string        `xml:"pubDate"`
	Media       *mediaContent `xml:"media:content,omitempty"`
}

// RSS writes an RSS 2.0 document into buf.
func RSS(buf *bytes.Buffer, m Meta, items []*Item) error {
	ch := rssChannel{Title: m.Title, Link: m.HomeURL, Description: m.Description, Language: m.Language,
		Copyright: m.Copyright, Generator: "pressroom",
		Links: m.links(RSSFile, RSSType), Archive: m.archived()}
	if !m.Updated.IsZero() {
		ch.LastBuildDate = m.Updated.Format(time.RFC1123Z)
	}
	for _, it := range items {
		ri := rssItem{Title: it.Title, Link: it.URL,
			// Readers take <description> as HTML: the plain-text summary is
			// escaped for HTML, and then once more for XML by the encoder.
			Description: html.EscapeString(it.Summary),
			Creators:    it.Authors, Categories: it.Tags,
			GUID: rssGUID{IsPermaLink: "true", Text: it.URL}, PubDate: it.Published.Format(time.RFC1123Z),
			Media: it.media()}
		if it.Content != "" {
			ri.Content = &cdata{Text: it.Content}
		}
		if len(it.Attachments) > 0 {
			a := it.Attachments[0]
			ri.Enclosure = &rssEnclosure{URL: a.URL, Type: a.Type, Length: strconv.FormatInt(a.Length, 10)}
		}
		ch.Items = append(ch.Items, ri)
	}
	doc := rssDoc{Version: "2.0", Content: "http://purl.org/rss/1.0/modules/content/", Atom: "http://www.w3.org/2005/Atom",
		DC: "http://purl.org/dc/elements/1.1/", Media: "http://search.yahoo.com/mrss/", FH: m.historyNS(), Channel: ch}
	return marshalXML(buf, doc)
}

// Atom 1.0, written with encoding/xml: RFC 4287's schema puts the feed's
// metadata (links included) before its entries, which gorilla/feeds does
// not, and an entry has one author element per person.
type atomDoc struct {
	XMLName   xml.Name    `xml:"feed"`
	NS        string      `xml:"xmlns,attr"`
	Media     string      `xml:"xmlns:media,attr"`
	FH        string      `xml:"xmlns:fh,attr,omitempty"`
	Lang      string      `xml:"xml:lang,attr,omitempty"`
	Title     string      `xml:"title"`
	Subtitle  string      `xml:"subtitle,omitempty"`
	ID        string      `xml:"id"`
	Updated   string      `xml:"updated"`
	Links     []atomLink  `xml:"link"`
	Rights    string      `xml:"rights,omitempty"`
	Author    atomPerson  `xml:"author"`
	Generator string      `xml:"generator"`
	Archive   *struct{}   `xml:"fh:archive,omitempty"`
	Entries   []atomEntry `xml:"entry"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

type atomEntry struct {
	Title      string         `xml:"title"`
	Links      []atomLink     `xml:"link"`
	ID         string         `xml:"id"`
	Published  string         `xml:"published"`
	Updated    string         `xml:"updated"`
	Authors    []atomPerson   `xml:"author"`
	Categories []atomCategory `xml:"category"`
	Summary    *atomText      `xml:"summary,omitempty"`
	Content    *atomText      `xml:"content,omitempty"`
	Media      *mediaContent  `xml:"media:content,omitempty"`
}

// Atom writes an Atom 1.0 document into buf.
func Atom(buf *bytes.Buffer, m Meta, items []*Item) error {
	doc := atomDoc{NS: "http://www.w3.org/2005/Atom", Media: "http://search.yahoo.com/mrss/", Lang: m.Language,
		Title: m.Title, Subtitle: m.Description, ID: m.HomeURL, Updated: m.Updated.Format(time.RFC3339),
		Links:  append([]atomLink{{Href: m.HomeURL, Rel: "alternate", Type: "text/html"}}, m.links(AtomFile, AtomType)...),
		Rights: m.Copyright, Author: atomPerson{Name: m.Author}, Generator: "pressroom", FH: m.historyNS(), Archive: m.archived()}
	if doc.Author.Name == "" {
		doc.Author.Name = m.Title
	}
	for _, it := range items {
		e := atomEntry{Title: it.Title, ID: it.URL, Published: it.Published.Format(time.RFC3339),
			Updated: it.Updated.Format(time.RFC3339), Links: []atomLink{{Href: it.URL, Rel: "alternate", Type: "text/html"}},
			Media: it.media()}
		for _, a := range it.Attachments {
			e.Links = append(e.Links, atomLink{Href: a.URL, Rel: "enclosure", Type: a.Type, Title: a.Title, Length: strconv.FormatInt(a.Length, 10)})
		}
		for _, a := range it.Authors {
			e.Authors = append(e.Authors, atomPerson{Name: a})
		}
		for _, t := range it.Tags {
			e.Categories = append(e.Categories, atomCategory{Term: t})
		}
		if it.Summary != "" {
			e.Summary = &atomText{Type: "text", Text: it.Summary}
		}
		if it.Content != "" {
			e.Content = &atomText{Type: "html", Text: it.Content}
		}
		doc.Entries = append(doc.Entries, e)
	}
	return marshalXML(buf, doc)
}

// JSON writes a JSON Feed 1.1 document into buf.
func JSON(buf *bytes.Buffer, m Meta, items []*Item) error {
	f := (&feeds.JSON{Feed: m.feed(items)}).JSONFeed()
	f.Version = "https://jsonfeed.org/version/1.1"
	f.FeedUrl = m.FolderURL + JSONFile
	f.Language = m.Language
	f.Author = nil
	doc := jsonDoc{JSONFeed: f, Items: make([]jsonItem, len(f.Items))}
	if m.Hub != "" {
		doc.Hubs = []jsonHub{{Type: "WebSub", URL: m.Hub}}
	}
	for i, ji := range f.Items {
		it := items[i]
		ji.Tags = it.Tags
		ji.Image = it.Image
		ji.Author = nil
		for _, a := range it.Authors {
			ji.Authors = append(ji.Authors, &feeds.JSONAuthor{Name: a})
		}
		doc.Items[i].JSONItem = ji
		for _, a := range it.Attachments {
			doc.Items[i].Attachments = append(doc.Items[i].Attachments, jsonAttachment{URL: a.URL, MIMEType: a.Type, Title: a.Title, Size: a.Length})
		}
	}
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// The JSON Feed 1.1 names of attachment fields (size_in_bytes), which
// gorilla/feeds spells differently.
type jsonDoc struct {
	*feeds.JSONFeed
	Hubs  []jsonHub  `json:"hubs,omitempty"`
	Items []jsonItem `json:"items"`
}

type jsonHub struct {
	Type string `json:"type"`
	URL  string `json:"url"`
}

type jsonItem struct {
	*feeds.JSONItem
	Attachments []jsonAttachment `json:"attachments,omitempty"`
}

type jsonAttachment struct {
	URL      string `json:"url"`
	MIMEType string `json:"mime_type"`
	Title    string `json:"title,omitempty"`
	Size     int64  `json:"size_in_bytes,omitempty"`
}

func marshalXML(buf *bytes.Buffer, v any) error {
	start := buf.Len()
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	buf.WriteByte('\n')
	// encoding/xml replaces characters XML forbids in text and attributes,
	// but writes CDATA (content:encoded) as it is: the last line of defence
	// for a text that was not cleaned where it entered.
	changed := false
	if doc := chars.Drop(buf.Bytes()[start:], func(int, rune) { changed = true }); changed {
		buf.Truncate(start)
		buf.Write(doc)
	}
	return nil
}
