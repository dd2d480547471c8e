// Package smtptest is an SMTP relay on loopback for tests, as httptest is
// an HTTP server: EHLO, STARTTLS with a self-signed certificate, AUTH
// PLAIN, MAIL, RCPT, DATA, RSET, NOOP and QUIT, keeping what it received.
// Only tests import it.
package smtptest

import (
	"bufio"
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"math/big"
	"net"
	"net/textproto"
	"strings"
	"sync"
	"testing"
	"time"
)

// Message is one message the relay accepted.
type Message struct {
	From string   // the envelope sender
	To   []string // the envelope recipients
	Data []byte   // the message, dot-stuffing undone, lines ending in CRLF
	TLS  bool     // received over TLS
	User string   // the user logged in as, "" if none
}

// Options configure the relay.
type Options struct {
	NoTLS bool // offer no STARTTLS
	// User and Password, if User is set, are the login the relay accepts
	// (and requires before MAIL).
	User, Password string
	// Refuse holds the recipients refused with 550 (lower case).
	Refuse map[string]bool
}

// Server is a running relay.
type Server struct {
	Addr string      // 127.0.0.1:port
	TLS  *tls.Config // a client configuration that trusts the relay's certificate
	opts Options
	cert tls.Certificate
	ln   net.Listener
	wg   sync.WaitGroup

	mu       sync.Mutex
	messages []Message
	commands []string
}

// Start starts a relay that stops with the test.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	cert, pool := selfSigned(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{Addr: ln.Addr().String(), TLS: &tls.Config{RootCAs: pool}, opts: opts, cert: cert, ln: ln}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			s.wg.Add(1)
			go func() {
				defer s.wg.Done()
				s.serve(conn)
			}()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		s.wg.Wait()
	})
	return s
}

// Messages returns the messages accepted so far.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.messages...)
}

// Commands returns the commands received so far (AUTH without its
// argument).
func (s *Server) Commands() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.commands...)
}

func (s *Server) serve(conn net.Conn) {
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(30 * time.Second))
	tp := textproto.NewConn(conn)
	reply := func(code int, lines ...string) {
		for i, l := range lines {
			sep := "-"
			if i == len(lines)-1 {
				sep = " "
			}
			tp.PrintfLine("%d%s%s", code, sep, l)
		}
	}
	reply(220, "smtptest ready")
	var (
		isTLS bool
		user  string
		cur   *Message
	)
	for {
		line, err := tp.ReadLine()
		if err != nil {
			return
		}
		verb, arg, _ := strings.Cut(line, " ")
		verb = strings.ToUpper(verb)
		s.mu.Lock()
		if verb == "AUTH" {
			s.commands = append(s.commands, "AUTH")
		} else {
			s.commands = append(s.commands, line)
		}
		s.mu.Unlock()
		switch verb {
		case "EHLO", "HELO":
			ext := []string{"smtptest greets " + arg, "8BITMIME", "PIPELINING"}
			if !s.opts.NoTLS && !isTLS {
				ext = append(ext, "STARTTLS")
			}
			if s.opts.User != "" && (isTLS || s.opts.NoTLS) {
				ext = append(ext, "AUTH PLAIN")
			}
			reply(250, ext...)
		case "STARTTLS":
			if s.opts.NoTLS || isTLS {
				reply(502, "no STARTTLS here")
				continue
			}
			reply(220, "go ahead")
			tc := tls.Server(conn, &tls.Config{Certificates: []tls.Certificate{s.cert}})
			if err := tc.Handshake(); err != nil {
				return
			}
			conn, isTLS = tc, true
			tp = textproto.NewConn(tc)
			user, cur = "", nil
		case "AUTH":
			mech, resp, _ := strings.Cut(arg, " ")
			if !strings.EqualFold(mech, "PLAIN") || s.opts.User == "" {
				reply(504, "unknown mechanism")
				continue
			}
			if resp == "" {
				reply(334, "")
				if resp, err = tp.ReadLine(); err != nil {
					return
				}
			}
			raw, err := base64.StdEncoding.DecodeString(resp)
			parts := bytes.Split(raw, []byte{0})
			if err != nil || len(parts) != 3 || string(parts[1]) != s.opts.User || string(parts[2]) != s.opts.Password {
				reply(535, "authentication failed")
				continue
			}
			user = s.opts.User
			reply(235, "authenticated")
		case "MAIL":
			if s.opts.User != "" && user == "" {
				reply(530, "authentication required")
				continue
			}
			cur = &Message{From: addrOf(arg, "FROM:"), TLS: isTLS, User: user}
			reply(250, "ok")
		case "RCPT":
			if cur == nil {
				reply(503, "MAIL first")
				continue
			}
			to := addrOf(arg, "TO:")
			if s.opts.Refuse[strings.ToLower(to)] {
				reply(550, "no such user here: "+to)
				continue
			}
			cur.To = append(cur.To, to)
			reply(250, "ok")
		case "DATA":
			if cur == nil || len(cur.To) == 0 {
				reply(503, "RCPT first")
				continue
			}
			reply(354, "end with .")
			data, err := readData(tp.Reader.R)
			if err != nil {
				return
			}
			cur.Data = data
			s.mu.Lock()
			s.messages = append(s.messages, *cur)
			s.mu.Unlock()
			cur = nil
			reply(250, "queued")
		case "RSET":
			cur = nil
			reply(250, "ok")
		case "NOOP":
			reply(250, "ok")
		case "QUIT":
			reply(221, "bye")
			return
		default:
			reply(500, "unknown command")
		}
	}
}

// readData reads the lines of DATA up to the lone dot, undoing the dot
// stuffing, keeping CRLF.
func readData(r *bufio.Reader) ([]byte, error) {
	var b bytes.Buffer
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return nil, err
		}
		if line == ".\r\n" {
			return b.Bytes(), nil
		}
		b.WriteString(strings.TrimPrefix(line, "."))
	}
}

// addrOf takes the address out of "FROM:<a@b> SIZE=…".
func addrOf(arg, prefix string) string {
	arg = strings.TrimSpace(arg)
	if len(arg) >= len(prefix) && strings.EqualFold(arg[:len(prefix)], prefix) {
		arg = arg[len(prefix):]
	}
	arg = strings.TrimSpace(arg)
	if i := strings.IndexByte(arg, '>'); strings.HasPrefix(arg, "<") && i > 0 {
		return arg[1:i]
	}
	return arg
}

// selfSigned makes a certificate for 127.0.0.1 and localhost and the pool
// that trusts it.
func selfSigned(t testing.TB) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "smtptest"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		IPAddresses:           []net.IP{net.ParseIP("127.0.0.1"), net.IPv6loopback},
		DNSNames:              []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool
}
