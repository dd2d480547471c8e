// Package feeds writes RSS 2.0, Atom and JSON Feed 1.1 documents with
// github.com/gorilla/feeds, completed where the formats ask for more than
// that package writes (self links, enclosures, published dates).
package feeds

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"html"
	"strconv"
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
	Image       string
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
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

type rssDoc struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	Content string     `xml:"xmlns:content,attr"`
	Atom    string     `xml:"xmlns:atom,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Self atomLink `xml:"atom:link"`
	*feeds.RssFeed
}

// RSS writes an RSS 2.0 document into buf.
func RSS(buf *bytes.Buffer, m Meta, items []*Item) error {
	ch := (&feeds.Rss{Feed: m.feed(items)}).RssFeed()
	ch.Language = m.Language
	ch.PubDate = ""
	ch.ManagingEditor = "" // RSS wants an e-mail address here; the publisher is in the title
	ch.Generator = "pressroom"
	for i, it := range ch.Items {
		// Readers take <description> as HTML: the plain-text summary is
		// escaped for HTML, and then once more for XML by the encoder.
		it.Description = html.EscapeString(items[i].Summary)
		it.PubDate = items[i].Published.Format(time.RFC1123Z)
		if len(items[i].Tags) > 0 {
			it.Category = items[i].Tags[0]
		}
	}
	doc := rssDoc{Version: "2.0", Content: "http://purl.org/rss/1.0/modules/content/", Atom: "http://www.w3.org/2005/Atom",
		Channel: rssChannel{Self: atomLink{Href: m.FolderURL + RSSFile, Rel: "self", Type: RSSType}, RssFeed: ch}}
	return marshalXML(buf, doc)
}

type atomDoc struct {
	*feeds.AtomFeed
	Lang  string     `xml:"xml:lang,attr,omitempty"`
	Links []atomLink `xml:"link"`
}

// Atom writes an Atom 1.0 document into buf.
func Atom(buf *bytes.Buffer, m Meta, items []*Item) error {
	f := (&feeds.Atom{Feed: m.feed(items)}).AtomFeed()
	f.Link = nil
	if f.Author == nil {
		f.Author = &feeds.AtomAuthor{AtomPerson: feeds.AtomPerson{Name: m.Title}}
	}
	for i, e := range f.Entries {
		it := items[i]
		e.Published = it.Published.Format(time.RFC3339)
		if e.Summary != nil {
			e.Summary.Type = "text"
		}
		for _, a := range it.Attachments[min(1, len(it.Attachments)):] {
			e.Links = append(e.Links, feeds.AtomLink{Href: a.URL, Rel: "enclosure", Type: a.Type, Length: strconv.FormatInt(a.Length, 10)})
		}
		if len(it.Authors) > 0 {
			e.Author = &feeds.AtomAuthor{AtomPerson: feeds.AtomPerson{Name: joinNames(it.Authors)}}
		}
	}
	doc := atomDoc{AtomFeed: f, Lang: m.Language, Links: []atomLink{
		{Href: m.HomeURL, Rel: "alternate", Type: "text/html"},
		{Href: m.FolderURL + AtomFile, Rel: "self", Type: AtomType},
	}}
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
	Items []jsonItem `json:"items"`
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

func joinNames(names []string) string {
	var b bytes.Buffer
	for i, n := range names {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(n)
	}
	return b.String()
}
