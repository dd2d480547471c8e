// Package photo makes the published files of a press photo: the original
// with its metadata cleaned (GPS, serial numbers and other personal data
// removed; the image data kept bit for bit; the rights fields kept or
// written) and web variants at several widths. It knows no site: it works
// on bytes, and Processor adds a cache folder and bounded memory.
//
// JPEG and PNG metadata are read and written by a small segment walker of
// its own rather than a general EXIF library: only a handful of tags are
// read (Orientation, Artist, Copyright, the GPS and serial tags), and
// everything that is not needed to show the image is dropped, not edited.
package photo

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"regexp"
	"strings"
)

// Format of an image file.
type Format int

const (
	Unknown Format = iota
	JPEG
	PNG
)

func (f Format) String() string {
	switch f {
	case JPEG:
		return "JPEG"
	case PNG:
		return "PNG"
	}
	return "unknown"
}

// Ext is the usual file extension of the format.
func (f Format) Ext() string {
	if f == PNG {
		return ".png"
	}
	return ".jpg"
}

// Rights are the rights fields a published file carries. Empty fields are
// taken from the file if it has them.
type Rights struct {
	Creator   string // the photographer: IPTC By-line, XMP dc:creator, EXIF Artist
	Credit    string // the credit line: IPTC Credit, XMP photoshop:Credit
	Copyright string // IPTC Copyright Notice, XMP dc:rights, EXIF Copyright
	Caption   string // IPTC Caption-Abstract, XMP dc:description
	Terms     string // terms of use: XMP xmpRights:UsageTerms
	TermsURL  string // XMP xmpRights:WebStatement
}

// Meta is what the metadata of a file says.
type Meta struct {
	Format Format
	// Width and Height are the size as shown, after Orientation.
	Width, Height int
	// Orientation is the EXIF orientation, 1–8 (1 if none).
	Orientation int
	// GPS tells that the file had a GPS position (EXIF or XMP).
	GPS bool
	// Personal tells that the file had other personal data that is
	// dropped: serial numbers, owner name, maker notes, comments.
	Personal bool
	// Rights found in the file.
	Found Rights
	// CleanSize is the size of the cleaned original with the rights
	// given to Inspect or Clean; base that without the segments written.
	CleanSize int
	base      int
}

// Pixels is the number of pixels.
func (m *Meta) Pixels() int { return m.Width * m.Height }

// ErrFormat is returned for a file that is not a JPEG or PNG this package
// can read.
var ErrFormat = errors.New("not a JPEG or PNG image")

// Sniff tells the format from the first bytes.
func Sniff(data []byte) Format {
	switch {
	case len(data) >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF:
		return JPEG
	case len(data) >= 8 && string(data[:8]) == pngSig:
		return PNG
	}
	return Unknown
}

// Inspect reads the metadata of an image file and checks its structure
// (not its pixels: see Variants); CleanSize is that of Clean(data, r).
func Inspect(data []byte, r Rights) (*Meta, error) {
	var c counter
	m, err := cleanTo(&c, data, r)
	if err != nil {
		return nil, err
	}
	m.CleanSize = int(c)
	var rc counter
	writeRights(&rc, m, merge(r, m.Found))
	m.base = m.CleanSize - int(rc)
	return m, nil
}

// Clean returns the file with its metadata replaced: only what shows the
// image as it is (colour profile, JFIF, Adobe colour transform, Orientation)
// and the rights fields are kept. The image data are copied unchanged.
// Fields of r that are empty are taken from the file.
func Clean(data []byte, r Rights) ([]byte, *Meta, error) {
	var w bytes.Buffer
	w.Grow(len(data))
	m, err := cleanTo(&w, data, r)
	if err != nil {
		return nil, nil, err
	}
	m.CleanSize = w.Len()
	return w.Bytes(), m, nil
}

type sink interface {
	Write([]byte) (int, error)
}

type counter int

func (c *counter) Write(b []byte) (int, error) { *c += counter(len(b)); return len(b), nil }

func cleanTo(w sink, data []byte, r Rights) (*Meta, error) {
	switch Sniff(data) {
	case JPEG:
		return cleanJPEG(w, data, r)
	case PNG:
		return cleanPNG(w, data, r)
	}
	return nil, ErrFormat
}

// merge fills the empty fields of r from what the file had.
func merge(r, found Rights) Rights {
	if r.Creator == "" {
		r.Creator = found.Creator
	}
	if r.Credit == "" {
		r.Credit = found.Credit
	}
	if r.Copyright == "" {
		r.Copyright = found.Copyright
	}
	if r.Caption == "" {
		r.Caption = found.Caption
	}
	if r.Terms == "" {
		r.Terms = found.Terms
	}
	if r.TermsURL == "" {
		r.TermsURL = found.TermsURL
	}
	return r
}

// ---- JPEG ----

const (
	mSOI  = 0xD8
	mEOI  = 0xD9
	mSOS  = 0xDA
	mAPP0 = 0xE0
	mAPP1 = 0xE1
	mAPP2 = 0xE2
	mAPPD = 0xED
	mAPPE = 0xEE
	mCOM  = 0xFE
)

var (
	exifID    = []byte("Exif\x00\x00")
	xmpID     = []byte("http://ns.adobe.com/xap/1.0/\x00")
	iccID     = []byte("ICC_PROFILE\x00")
	adobeID   = []byte("Adobe")
	jfifID    = []byte("JFIF\x00")
	psID      = []byte("Photoshop 3.0\x00")
	errJPEG   = errors.New("damaged JPEG: the file ends within a segment")
	errNoSOF  = errors.New("damaged JPEG: no frame header (SOF)")
	errNoScan = errors.New("damaged JPEG: no image data (SOS)")
)

type segment struct {
	marker byte
	data   []byte // payload without marker and length
	raw    []byte // the whole segment as in the file, with what follows up to the next marker for SOS
}

// jpegSegments splits a JPEG into its segments up to EOI; what follows EOI
// (the previews of a multi-picture file, with their own metadata) is left
// out.
func jpegSegments(data []byte) ([]segment, error) {
	var segs []segment
	i := 2
	for {
		// Fill bytes 0xFF before a marker are allowed.
		for i < len(data) && data[i] == 0xFF && i+1 < len(data) && data[i+1] == 0xFF {
			i++
		}
		if i+2 > len(data) || data[i] != 0xFF {
			return nil, errJPEG
		}
		marker := data[i+1]
		start := i
		if marker == mEOI {
			segs = append(segs, segment{marker: marker, raw: data[start : i+2]})
			return segs, nil
		}
		if marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7) {
			segs = append(segs, segment{marker: marker, raw: data[start : i+2]})
			i += 2
			continue
		}
		if i+4 > len(data) {
			return nil, errJPEG
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if n < 2 || i+2+n > len(data) {
			return nil, errJPEG
		}
		end := i + 2 + n
		payload := data[i+4 : end]
		if marker == mSOS {
			// Entropy-coded data up to the next marker that is neither a
			// stuffed 0x00 nor a restart marker.
			j := end
			for j+1 < len(data) {
				if data[j] == 0xFF {
					if b := data[j+1]; b != 0x00 && !(b >= 0xD0 && b <= 0xD7) && b != 0xFF {
						break
					}
				}
				j++
			}
			if j+1 >= len(data) {
				// No EOI: many cameras' files are cut short by a byte or
				// two; keep what there is.
				segs = append(segs, segment{marker: marker, data: payload, raw: data[start:]})
				return segs, nil
			}
			end = j
		}
		segs = append(segs, segment{marker: marker, data: payload, raw: data[start:end]})
		i = end
	}
}

func cleanJPEG(w sink, data []byte, r Rights) (*Meta, error) {
	segs, err := jpegSegments(data)
	if err != nil {
		return nil, err
	}
	m := &Meta{Format: JPEG, Orientation: 1}
	keep := make([]bool, len(segs))
	sof, sos := false, false
	insertAt := 0 // segments are written after this one (APP0 JFIF, else SOI)
	for k, s := range segs {
		switch {
		case s.marker == mAPP0:
			keep[k] = true
			if bytes.HasPrefix(s.data, jfifID) && !sos {
				insertAt = k + 1
			}
		case s.marker == mAPP1 && bytes.HasPrefix(s.data, exifID):
			readExif(s.data[len(exifID):], m)
		case s.marker == mAPP1 && bytes.HasPrefix(s.data, xmpID):
			readXMP(s.data[len(xmpID):], m)
		case s.marker == mAPP2 && bytes.HasPrefix(s.data, iccID):
			keep[k] = true
		case s.marker == mAPPD && bytes.HasPrefix(s.data, psID):
			readIRB(s.data[len(psID):], m)
		case s.marker == mAPPE && bytes.HasPrefix(s.data, adobeID):
			keep[k] = true
		case s.marker >= mAPP0 && s.marker <= 0xEF, s.marker == mCOM:
			// Maker data, multi-picture index, FlashPix, comments.
			m.Personal = true
		default:
			keep[k] = true
			if s.marker >= 0xC0 && s.marker <= 0xCF && s.marker != 0xC4 && s.marker != 0xC8 && s.marker != 0xCC {
				if len(s.data) < 5 {
					return nil, errNoSOF
				}
				if !sof {
					m.Height = int(binary.BigEndian.Uint16(s.data[1:]))
					m.Width = int(binary.BigEndian.Uint16(s.data[3:]))
				}
				sof = true
			}
			if s.marker == mSOS {
				sos = true
			}
		}
	}
	if !sof || m.Width == 0 || m.Height == 0 {
		return nil, errNoSOF
	}
	if !sos {
		return nil, errNoScan
	}
	if m.Orientation >= 5 {
		m.Width, m.Height = m.Height, m.Width
	}
	rights := merge(r, m.Found)
	w.Write([]byte{0xFF, mSOI})
	put := func() { writeRights(w, m, rights) }
	if insertAt == 0 {
		put()
	}
	for k, s := range segs {
		if s.marker == mSOI {
			continue
		}
		if keep[k] {
			w.Write(s.raw)
		}
		if k+1 == insertAt {
			put()
		}
	}
	return m, nil
}

// writeRights writes the metadata segments (JPEG) or chunks (PNG) that a
// cleaned file carries: Orientation and the rights fields.
func writeRights(w sink, m *Meta, r Rights) {
	exif := writeExif(m.Orientation, r)
	xmp := writeXMP(r)
	if m.Format == PNG {
		if exif != nil {
			writeChunk(w, "eXIf", exif)
		}
		if xmp != nil {
			writeChunk(w, "iTXt", append([]byte("XML:com.adobe.xmp\x00\x00\x00\x00\x00"), xmp...))
		}
		return
	}
	if exif != nil {
		writeSegment(w, mAPP1, exifID, exif)
	}
	if xmp != nil {
		writeSegment(w, mAPP1, xmpID, xmp)
	}
	if irb := writeIRB(r); irb != nil {
		writeSegment(w, mAPPD, psID, irb)
	}
}

// Size is the size of Clean(data, r) for the file data whose Meta m is,
// without cleaning it again.
func (m *Meta) Size(r Rights) int {
	var c counter
	writeRights(&c, m, merge(r, m.Found))
	return m.base + int(c)
}

func writeSegment(w sink, marker byte, id, payload []byte) {
	// A segment holds at most 65533 bytes; longer rights texts are cut
	// (they are short in practice).
	max := 65533 - len(id)
	if len(payload) > max {
		payload = payload[:max]
	}
	var h [4]byte
	h[0], h[1] = 0xFF, marker
	binary.BigEndian.PutUint16(h[2:], uint16(2+len(id)+len(payload)))
	w.Write(h[:])
	w.Write(id)
	w.Write(payload)
}

// ---- EXIF (TIFF) ----

const (
	tagOrientation = 0x0112
	tagArtist      = 0x013B
	tagCopyright   = 0x8298
	tagExifIFD     = 0x8769
	tagGPSIFD      = 0x8825
)

// readExif reads the few tags pressroom needs from a TIFF structure.
func readExif(t []byte, m *Meta) {
	m.Personal = true // camera make, model, times: never kept
	if len(t) < 8 {
		return
	}
	var bo binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return
	}
	ifd := func(off uint32, each func(tag, typ uint16, count, value uint32, raw []byte)) {
		if off < 8 || int(off)+2 > len(t) {
			return
		}
		n := int(bo.Uint16(t[off:]))
		for e := 0; e < n; e++ {
			p := int(off) + 2 + 12*e
			if p+12 > len(t) {
				return
			}
			each(bo.Uint16(t[p:]), bo.Uint16(t[p+2:]), bo.Uint32(t[p+4:]), bo.Uint32(t[p+8:]), t[p+8:p+12])
		}
	}
	ascii := func(count, value uint32, raw []byte) string {
		var b []byte
		if count <= 4 {
			b = raw[:count]
		} else if int(value)+int(count) <= len(t) && int(value) >= 0 {
			b = t[value : value+count]
		}
		return strings.TrimSpace(strings.TrimRight(string(b), "\x00"))
	}
	ifd(bo.Uint32(t[4:]), func(tag, typ uint16, count, value uint32, raw []byte) {
		switch tag {
		case tagOrientation:
			if o := int(bo.Uint16(raw)); o >= 1 && o <= 8 {
				m.Orientation = o
			}
		case tagArtist:
			m.Found.Creator = ascii(count, value, raw)
		case tagCopyright:
			m.Found.Copyright = ascii(count, value, raw)
		case tagGPSIFD:
			ifd(value, func(tag, _ uint16, _, _ uint32, _ []byte) {
				if tag >= 1 && tag <= 4 { // latitude and longitude
					m.GPS = true
				}
			})
		}
	})
}

// writeExif writes a TIFF structure with only Orientation, Artist and
// Copyright; nil if there is nothing to write.
func writeExif(orientation int, r Rights) []byte {
	type entry struct {
		tag   uint16
		typ   uint16
		count uint32
		data  []byte
	}
	if orientation <= 1 && r.Creator == "" && r.Copyright == "" {
		return nil
	}
	var es []entry
	short := func(tag uint16, v int) { es = append(es, entry{tag, 3, 1, []byte{byte(v), byte(v >> 8), 0, 0}}) }
	str := func(tag uint16, s string) {
		if s != "" {
			b := append([]byte(s), 0)
			es = append(es, entry{tag, 2, uint32(len(b)), b})
		}
	}
	// In the order of their tags, with those EXIF requires in IFD0.
	short(tagOrientation, max(orientation, 1))
	dpi := []byte{72, 0, 0, 0, 1, 0, 0, 0}
	es = append(es, entry{0x011A, 5, 1, dpi}, entry{0x011B, 5, 1, dpi}) // X and Y resolution: 72/1
	short(0x0128, 2)                                                    // resolution unit: inch
	str(tagArtist, r.Creator)
	short(0x0213, 1) // YCbCr positioning: centred
	str(tagCopyright, r.Copyright)
	le := binary.LittleEndian
	head := 8 + 2 + 12*len(es) + 4
	out := make([]byte, head)
	copy(out, "II*\x00")
	le.PutUint32(out[4:], 8)
	le.PutUint16(out[8:], uint16(len(es)))
	for i, e := range es {
		p := 10 + 12*i
		le.PutUint16(out[p:], e.tag)
		le.PutUint16(out[p+2:], e.typ)
		le.PutUint32(out[p+4:], e.count)
		if len(e.data) <= 4 {
			copy(out[p+8:p+12], e.data)
			continue
		}
		le.PutUint32(out[p+8:], uint32(len(out)))
		out = append(out, e.data...)
		if len(out)%2 == 1 {
			out = append(out, 0)
		}
	}
	return out
}

// ---- IPTC in a Photoshop image resource block ----

const (
	iptcByline    = 80
	iptcCredit    = 110
	iptcCopyright = 116
	iptcCaption   = 120
)

// readIRB reads the IPTC record of Photoshop's image resources.
func readIRB(b []byte, m *Meta) {
	for len(b) >= 12 && string(b[:4]) == "8BIM" {
		id := binary.BigEndian.Uint16(b[4:])
		nl := int(b[6])
		p := 7 + nl
		if p%2 == 1 {
			p++
		}
		if p+4 > len(b) {
			return
		}
		size := int(binary.BigEndian.Uint32(b[p:]))
		p += 4
		if size < 0 || p+size > len(b) {
			return
		}
		if id == 0x0404 {
			readIPTC(b[p:p+size], m)
		} else if id != 0x0406 && id != 0x03ED { // keep nothing but note it
			m.Personal = true
		}
		p += size
		if p%2 == 1 {
			p++
		}
		if p > len(b) {
			return
		}
		b = b[p:]
	}
}

func readIPTC(b []byte, m *Meta) {
	for len(b) >= 5 && b[0] == 0x1C {
		rec, ds := b[1], b[2]
		n := int(binary.BigEndian.Uint16(b[3:]))
		if n&0x8000 != 0 || 5+n > len(b) {
			return
		}
		v := strings.TrimSpace(string(b[5 : 5+n]))
		if rec == 2 {
			switch ds {
			case iptcByline:
				m.Found.Creator = v
			case iptcCredit:
				m.Found.Credit = v
			case iptcCopyright:
				m.Found.Copyright = v
			case iptcCaption:
				m.Found.Caption = v
			}
		}
		b = b[5+n:]
	}
}

// writeIRB writes Photoshop image resources with one IPTC record (UTF-8).
func writeIRB(r Rights) []byte {
	var iptc []byte
	ds := func(rec, tag byte, v string) {
		if v == "" {
			return
		}
		if len(v) > 2000 {
			v = v[:2000]
		}
		iptc = append(iptc, 0x1C, rec, tag, byte(len(v)>>8), byte(len(v)))
		iptc = append(iptc, v...)
	}
	ds(1, 90, "\x1b%G") // coded character set: UTF-8
	ds(2, 0, "\x00\x04")
	ds(2, iptcByline, r.Creator)
	ds(2, iptcCredit, r.Credit)
	ds(2, iptcCopyright, r.Copyright)
	ds(2, iptcCaption, r.Caption)
	if len(iptc) <= 5+3+5+2 {
		return nil
	}
	out := []byte("8BIM\x04\x04\x00\x00")
	out = binary.BigEndian.AppendUint32(out, uint32(len(iptc)))
	out = append(out, iptc...)
	if len(out)%2 == 1 {
		out = append(out, 0)
	}
	return out
}

// ---- XMP ----

var (
	xmpGPS    = regexp.MustCompile(`exif:GPS(Latitude|Longitude)`)
	xmpSerial = regexp.MustCompile(`(?i)SerialNumber|OwnerName`)
	xmpFields = map[string]*regexp.Regexp{
		"creator":   regexp.MustCompile(`(?s)<dc:creator>.*?<rdf:li[^>]*>([^<]*)</rdf:li>`),
		"rights":    regexp.MustCompile(`(?s)<dc:rights>.*?<rdf:li[^>]*>([^<]*)</rdf:li>`),
		"credit":    regexp.MustCompile(`(?s)photoshop:Credit(?:="([^"]*)"|>([^<]*)<)`),
		"terms":     regexp.MustCompile(`(?s)<xmpRights:UsageTerms>.*?<rdf:li[^>]*>([^<]*)</rdf:li>`),
		"statement": regexp.MustCompile(`(?s)xmpRights:WebStatement(?:="([^"]*)"|>([^<]*)<)`),
	}
)

func readXMP(b []byte, m *Meta) {
	s := string(b)
	if xmpGPS.MatchString(s) {
		m.GPS = true
	}
	if xmpSerial.MatchString(s) {
		m.Personal = true
	}
	get := func(name string) string {
		if g := xmpFields[name].FindStringSubmatch(s); g != nil {
			for _, v := range g[1:] {
				if v != "" {
					return xmlUnescape(strings.TrimSpace(v))
				}
			}
		}
		return ""
	}
	set := func(f *string, v string) {
		if *f == "" {
			*f = v
		}
	}
	set(&m.Found.Creator, get("creator"))
	set(&m.Found.Copyright, get("rights"))
	set(&m.Found.Credit, get("credit"))
	set(&m.Found.Terms, get("terms"))
	set(&m.Found.TermsURL, get("statement"))
}

var xmlUnescaper = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&quot;", `"`, "&apos;", "'", "&#39;", "'", "&amp;", "&")

func xmlUnescape(s string) string { return xmlUnescaper.Replace(s) }

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// writeXMP writes an XMP packet with the rights fields; nil if none.
func writeXMP(r Rights) []byte {
	if r == (Rights{}) {
		return nil
	}
	var b strings.Builder
	b.WriteString(`<?xpacket begin="` + "\ufeff" + `" id="W5M0MpCehiHzreSzNTczkc9d"?>` + "\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` + "\n")
	b.WriteString(`<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/"`)
	if r.Credit != "" {
		fmt.Fprintf(&b, ` photoshop:Credit="%s"`, xmlEscaper.Replace(r.Credit))
	}
	if r.TermsURL != "" {
		fmt.Fprintf(&b, ` xmpRights:WebStatement="%s"`, xmlEscaper.Replace(r.TermsURL))
	}
	b.WriteString(">\n")
	if r.Creator != "" {
		fmt.Fprintf(&b, "<dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>\n", xmlEscaper.Replace(r.Creator))
	}
	alt := func(el, v string) {
		if v != "" {
			fmt.Fprintf(&b, "<%s><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></%s>\n", el, xmlEscaper.Replace(v), el)
		}
	}
	alt("dc:rights", r.Copyright)
	alt("dc:description", r.Caption)
	alt("xmpRights:UsageTerms", r.Terms)
	b.WriteString("</rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end=\"r\"?>")
	return []byte(b.String())
}

// ---- PNG ----

const pngSig = "\x89PNG\r\n\x1a\n"

// pngKeep are the ancillary chunks that show the image as it is; other
// ancillary chunks (text, time, EXIF, private ones) are dropped.
var pngKeep = map[string]bool{
	"tRNS": true, "cHRM": true, "gAMA": true, "iCCP": true, "sBIT": true, "sRGB": true, "cICP": true,
	"mDCV": true, "cLLI": true, "bKGD": true, "hIST": true, "pHYs": true, "sPLT": true,
	"acTL": true, "fcTL": true, "fdAT": true,
}

func cleanPNG(w sink, data []byte, r Rights) (*Meta, error) {
	m := &Meta{Format: PNG, Orientation: 1}
	type chunk struct {
		typ string
		raw []byte
	}
	var chunks []chunk
	i := 8
	for {
		if i+12 > len(data) {
			return nil, errors.New("damaged PNG: the file ends within a chunk")
		}
		n := int(binary.BigEndian.Uint32(data[i:]))
		if n < 0 || n > len(data) || i+12+n > len(data) {
			return nil, errors.New("damaged PNG: the file ends within a chunk")
		}
		typ := string(data[i+4 : i+8])
		body := data[i+8 : i+8+n]
		chunks = append(chunks, chunk{typ, data[i : i+12+n]})
		switch typ {
		case "IHDR":
			if n < 8 {
				return nil, errors.New("damaged PNG: short header")
			}
			m.Width = int(binary.BigEndian.Uint32(body))
			m.Height = int(binary.BigEndian.Uint32(body[4:]))
		case "eXIf":
			readExif(body, m)
		case "iTXt":
			if bytes.HasPrefix(body, []byte("XML:com.adobe.xmp\x00")) {
				readXMP(body, m)
			} else {
				m.Personal = true
			}
		case "tEXt", "zTXt", "tIME":
			m.Personal = true
		}
		i += 12 + n
		if typ == "IEND" {
			break
		}
	}
	if len(chunks) == 0 || chunks[0].typ != "IHDR" || m.Width == 0 || m.Height == 0 {
		return nil, errors.New("damaged PNG: no header")
	}
	if m.Orientation >= 5 {
		m.Width, m.Height = m.Height, m.Width
	}
	rights := merge(r, m.Found)
	w.Write([]byte(pngSig))
	for k, c := range chunks {
		first := c.typ[0] >= 'A' && c.typ[0] <= 'Z'
		if first || pngKeep[c.typ] {
			w.Write(c.raw)
		}
		if k == 0 {
			writeRights(w, m, rights)
		}
	}
	return m, nil
}

func writeChunk(w sink, typ string, body []byte) {
	var h [8]byte
	binary.BigEndian.PutUint32(h[:], uint32(len(body)))
	copy(h[4:], typ)
	w.Write(h[:])
	w.Write(body)
	crc := crc32.Update(crc32.ChecksumIEEE(h[4:]), crc32.IEEETable, body)
	var c [4]byte
	binary.BigEndian.PutUint32(c[:], crc)
	w.Write(c[:])
}
