package render

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"pressroom/internal/config"
	"pressroom/internal/site"
	"pressroom/internal/slug"
)

// ContactCard is a press contact as the contacts page shows it: the
// contact, the organisations that name it, and the URL of its vCard.
type ContactCard struct {
	*config.Contact
	Orgs  []*site.Term
	VCard string // site-relative URL of the .vcf file
}

// Contacts is what partials/contacts.html shows: press contacts.
type Contacts struct {
	Contacts []*config.Contact
}

// contactsURL is the URL of the contacts page; "" if the site has no
// contacts.
func (r *Renderer) contactsURL() string {
	if len(r.cfg.Contacts) == 0 {
		return ""
	}
	return "/" + r.cfg.Paths.Contacts + "/"
}

// vcardURL is the site-relative URL of a contact's vCard.
func (r *Renderer) vcardURL(c *config.Contact) string {
	return "/" + r.cfg.Paths.Contacts + "/" + slug.Make(c.ID) + ".vcf"
}

// contactOrgs are the organisations that name the contact, in the order
// of site.toml.
func (r *Renderer) contactOrgs(c *config.Contact) []*site.Term {
	var orgs []*site.Term
	for _, o := range r.site.Orgs {
		for _, id := range o.Org.Contacts {
			if id == c.ID {
				orgs = append(orgs, o)
				break
			}
		}
	}
	return orgs
}

// orgContacts are the press contacts of an organisation, for its page.
func (r *Renderer) orgContacts(o *config.Organization) *Contacts {
	var cs []*config.Contact
	for _, id := range o.Contacts {
		if c := r.cfg.Contact(id); c != nil {
			cs = append(cs, c)
		}
	}
	if len(cs) == 0 {
		return nil
	}
	return &Contacts{Contacts: cs}
}

// contactCards are all the site's press contacts.
func (r *Renderer) contactCards() []ContactCard {
	cards := make([]ContactCard, len(r.cfg.Contacts))
	for i, c := range r.cfg.Contacts {
		cards[i] = ContactCard{Contact: c, Orgs: r.contactOrgs(c), VCard: r.vcardURL(c)}
	}
	return cards
}

// contactDeps declares what the contacts of the site are: every field the
// contacts page and the vCards show.
func (r *Renderer) contactDeps(k Deps) {
	for _, c := range r.contactCards() {
		k.Str(c.ID).Str(c.Name).Str(c.Role).Str(c.Phone).Str(c.Email).Num(uint64(len(c.Orgs)))
		for _, o := range c.Orgs {
			k.Str(o.Name).Str(o.URL).Str(o.Org.URL)
		}
	}
}

// contactsJobs adds the contacts page and a vCard for every contact.
func (r *Renderer) contactsJobs(jobs *[]job, page func(kind, url, tmpl string, src origin, deps func(Deps), data func() *Data) int) int {
	u := r.contactsURL()
	if u == "" {
		return -1
	}
	src := origin{path: "site.toml", what: "the contacts page"}
	i := page("contacts", u, "contacts.html", src, r.contactDeps, func() *Data {
		return &Data{Kind: "contacts", Title: r.t("contactsTitle"), Cards: r.contactCards()}
	})
	for _, c := range r.contactCards() {
		c := c
		*jobs = append(*jobs, job{name: strings.TrimPrefix(c.VCard, "/"), kind: kindOther, tmpl: "vcard",
			src:  origin{path: "site.toml", what: "the vCard of contact ", of: c.ID},
			deps: func(k Deps) { k.Str("vcard").Str(r.cfg.Language); r.contactDeps(k) },
			run:  func(b *bytes.Buffer) error { writeVCard(b, c, r.cfg.Language); return nil }})
	}
	return i
}

// writeVCard writes a contact as a vCard 4.0 (RFC 6350): lines ended by
// CRLF, folded at 75 octets, text values escaped.
func writeVCard(b *bytes.Buffer, c ContactCard, lang string) {
	line := func(name, value string) {
		folded(b, name+":"+value)
	}
	line("BEGIN", "VCARD")
	line("VERSION", "4.0")
	line("KIND", "individual")
	line("FN", vcardText(c.Name))
	// N: family name; given names; additional; prefixes; suffixes. The
	// last word of the name is taken as the family name.
	family, given := c.Name, ""
	if i := strings.LastIndexByte(strings.TrimSpace(c.Name), ' '); i > 0 {
		given, family = strings.TrimSpace(c.Name[:i]), strings.TrimSpace(c.Name[i+1:])
	}
	line("N", vcardText(family)+";"+vcardText(given)+";;;")
	for _, o := range c.Orgs {
		line("ORG", vcardText(o.Name))
	}
	if c.Role != "" {
		line("TITLE", vcardText(c.Role))
	}
	if c.Phone != "" {
		line("TEL;VALUE=uri;TYPE=work,voice", "tel:"+strings.Map(telRune, c.Phone))
	}
	if c.Email != "" {
		line("EMAIL;TYPE=work", vcardText(c.Email))
	}
	if len(c.Orgs) == 1 && c.Orgs[0].Org.URL != "" {
		line("URL;TYPE=work", c.Orgs[0].Org.URL)
	}
	line("LANG", lang)
	line("END", "VCARD")
}

// vcardText escapes a text value (RFC 6350 3.4): backslash, comma,
// semicolon and newline.
func vcardText(s string) string {
	return strings.NewReplacer(`\`, `\\`, ",", `\,`, ";", `\;`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`).Replace(s)
}

// folded writes a content line, folded into lines of at most 75 octets
// (never inside a UTF-8 sequence), each ended by CRLF.
func folded(b *bytes.Buffer, l string) {
	limit := 75
	for len(l) > limit {
		n := limit
		for n > 0 && !utf8.RuneStart(l[n]) {
			n--
		}
		b.WriteString(l[:n])
		b.WriteString("\r\n ")
		l = l[n:]
		limit = 74 // the leading space counts
	}
	b.WriteString(l)
	b.WriteString("\r\n")
}
