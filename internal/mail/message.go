package mail

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

// Message is the edition as an RFC 5322 message to the recipients (none:
// "undisclosed recipients"), dated date. Its Message-ID and MIME boundary
// follow from the content, the recipients and the date, so the same input
// gives the same bytes. Lines end in CRLF; both parts are UTF-8 in
// quoted-printable, so no line is longer than 76 characters.
func (e *Edition) Message(to []*mail.Address, date time.Time) []byte {
	var b bytes.Buffer
	var rcpt []string
	for _, a := range to {
		rcpt = append(rcpt, a.String())
	}
	seed := sha256.Sum256([]byte(e.sum + "\x00" + strings.Join(rcpt, ",") + "\x00" + date.UTC().Format(time.RFC3339Nano)))
	id := hex.EncodeToString(seed[:16])
	boundary := "=_pressroom_" + hex.EncodeToString(seed[16:28]) // "=_" never occurs in quoted-printable

	header(&b, "Date", date.In(e.Location).Format(time.RFC1123Z))
	header(&b, "From", e.From.String())
	if len(rcpt) == 0 {
		header(&b, "To", "undisclosed-recipients:;")
	} else {
		header(&b, "To", strings.Join(rcpt, ", "))
	}
	if len(e.ReplyTo) > 0 {
		var rt []string
		for _, a := range e.ReplyTo {
			rt = append(rt, a.String())
		}
		header(&b, "Reply-To", strings.Join(rt, ", "))
	}
	header(&b, "Subject", encodeText(e.Subject))
	header(&b, "Message-ID", "<"+id+".pressroom@"+e.host+">")
	header(&b, "Content-Language", e.Language)
	header(&b, "MIME-Version", "1.0")
	header(&b, "Content-Type", `multipart/alternative; boundary="`+boundary+`"`)
	b.WriteString("\r\n")
	b.WriteString("This is a message in MIME format: a plain-text and an HTML version.\r\n")
	for _, part := range []struct{ typ, body string }{{"text/plain", e.Text}, {"text/html", e.HTML}} {
		b.WriteString("\r\n--" + boundary + "\r\n")
		header(&b, "Content-Type", part.typ+"; charset=utf-8")
		header(&b, "Content-Transfer-Encoding", "quoted-printable")
		b.WriteString("\r\n")
		qp := quotedprintable.NewWriter(&b)
		qp.Write([]byte(part.body))
		qp.Close()
	}
	b.WriteString("\r\n--" + boundary + "--\r\n")
	return b.Bytes()
}

// encodeText encodes an unstructured header value (RFC 2047): as it is if
// ASCII, else as UTF-8 Q-encoded words, each short enough that a header
// of the value folded between them has lines of 78 characters at most
// (the first after "Subject: ").
func encodeText(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf || s[i] < ' ' {
			ascii = false
		}
	}
	if ascii {
		return s
	}
	const open, close = "=?utf-8?q?", "?="
	limit := 78 - len("Subject: ")
	var words []string
	var cur strings.Builder
	for _, r := range s {
		var enc string
		switch {
		case r == ' ':
			enc = "_"
		case r < utf8.RuneSelf && r > ' ' && !strings.ContainsRune("=?_\"()<>@;[]", r):
			enc = string(r)
		default:
			var buf [utf8.UTFMax]byte
			for _, c := range buf[:utf8.EncodeRune(buf[:], r)] {
				enc += fmt.Sprintf("=%02X", c)
			}
		}
		if len(open)+cur.Len()+len(enc)+len(close) > limit {
			words = append(words, open+cur.String()+close)
			cur.Reset()
			limit = 78 - 1
		}
		cur.WriteString(enc)
	}
	words = append(words, open+cur.String()+close)
	return strings.Join(words, " ")
}

// header writes a header field folded at spaces before 78 characters
// where it can be.
func header(b *bytes.Buffer, name, value string) {
	line := name + ":"
	n := len(line)
	b.WriteString(line)
	for i, w := range strings.Split(value, " ") {
		switch {
		case i == 0 || n+1+len(w) <= 78:
			b.WriteString(" " + w)
			n += 1 + len(w)
		default:
			b.WriteString("\r\n " + w)
			n = 1 + len(w)
		}
	}
	b.WriteString("\r\n")
}
