package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/smtp"
	"net/textproto"
	"strings"
	"time"
)

// Environment variables with the relay's login (AUTH PLAIN).
const (
	UserEnv     = "PRESSROOM_SMTP_USER"
	PasswordEnv = "PRESSROOM_SMTP_PASSWORD"
)

// Relay is the SMTP server the messages go through.
type Relay struct {
	Addr string // host:port
	// Insecure allows a relay on this machine (loopback) that offers no
	// STARTTLS; without it the messages go only encrypted.
	Insecure bool
	// User and Password log in with AUTH PLAIN (only over TLS, or to a
	// loopback relay); no User: no login.
	User, Password string
	// TLS is the configuration of STARTTLS; nil: the system's roots and
	// the relay's host name.
	TLS *tls.Config
	// Hello is the name given in EHLO; "" gives "localhost".
	Hello   string
	Timeout time.Duration // of each step; 0 gives a minute
}

// CheckRelay tells what is wrong with the relay's address and options
// before anything is sent.
func CheckRelay(r Relay) error {
	host, port, err := net.SplitHostPort(r.Addr)
	if err != nil || host == "" || port == "" {
		return fmt.Errorf("%q is not HOST:PORT (e.g. mail.example.org:587)", r.Addr)
	}
	if r.Insecure && !IsLoopback(host) {
		return fmt.Errorf("--insecure is only for a relay on this machine (localhost, 127.0.0.1, ::1), not %s: messages to another host go encrypted (STARTTLS) or not at all", host)
	}
	if r.User != "" && r.Password == "" {
		return fmt.Errorf("%s is set but %s is not", UserEnv, PasswordEnv)
	}
	return nil
}

// IsLoopback reports whether host names this machine.
func IsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Outbound is one message to one recipient.
type Outbound struct {
	To   *mail.Address
	Data []byte
}

// Result is what the relay said to one message.
type Result struct {
	To  *mail.Address
	Err error // nil: accepted
}

// ErrNotSent marks the results of messages that were not tried because
// the session with the relay failed before them.
var ErrNotSent = errors.New("not sent")

// Send sends each message to its recipient alone, in one session with the
// relay: EHLO, STARTTLS (required unless Insecure), AUTH PLAIN if a user
// is set, then MAIL, RCPT and DATA for each. A refused recipient does not
// stop the others; an error of the session (connecting, TLS, login) is
// returned before anything is sent, and one in the middle marks the
// remaining messages ErrNotSent. Nothing is sent twice.
func Send(ctx context.Context, r Relay, from *mail.Address, msgs []Outbound) ([]Result, error) {
	if err := CheckRelay(r); err != nil {
		return nil, err
	}
	host, _, _ := net.SplitHostPort(r.Addr)
	timeout := r.Timeout
	if timeout == 0 {
		timeout = time.Minute
	}
	d := net.Dialer{Timeout: timeout}
	conn, err := d.DialContext(ctx, "tcp", r.Addr)
	if err != nil {
		return nil, fmt.Errorf("connect to %s: %w", r.Addr, err)
	}
	defer conn.Close()
	deadline := func() { conn.SetDeadline(time.Now().Add(timeout)) }
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Now()) })
	defer stop()
	deadline()
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", r.Addr, err)
	}
	defer c.Close()
	hello := r.Hello
	if hello == "" {
		hello = "localhost"
	}
	if err := c.Hello(hello); err != nil {
		return nil, fmt.Errorf("%s: EHLO: %w", r.Addr, err)
	}
	if ok, _ := c.Extension("STARTTLS"); ok {
		cfg := r.TLS
		if cfg == nil {
			cfg = &tls.Config{}
		} else {
			cfg = cfg.Clone()
		}
		if cfg.ServerName == "" {
			cfg.ServerName = host
		}
		if err := c.StartTLS(cfg); err != nil {
			return nil, fmt.Errorf("%s: STARTTLS: %w", r.Addr, err)
		}
	} else if !r.Insecure {
		return nil, fmt.Errorf("%s offers no STARTTLS: nothing sent (for a relay on this machine without TLS, pass --insecure)", r.Addr)
	}
	if r.User != "" {
		if ok, _ := c.Extension("AUTH"); !ok {
			return nil, fmt.Errorf("%s offers no AUTH, but %s is set: nothing sent", r.Addr, UserEnv)
		}
		if err := c.Auth(smtp.PlainAuth("", r.User, r.Password, host)); err != nil {
			return nil, fmt.Errorf("%s: login as %s: %w", r.Addr, r.User, err)
		}
	}
	results := make([]Result, len(msgs))
	for i, m := range msgs {
		results[i].To = m.To
		if err := ctx.Err(); err != nil {
			markNotSent(results[i:], msgs[i:], err)
			return results, nil
		}
		deadline()
		err, broken := sendOne(c, from, m)
		results[i].Err = err
		if broken {
			markNotSent(results[i+1:], msgs[i+1:], err)
			return results, nil
		}
	}
	deadline()
	c.Quit()
	return results, nil
}

// sendOne sends one message; broken says the session cannot go on.
func sendOne(c *smtp.Client, from *mail.Address, m Outbound) (err error, broken bool) {
	if err := c.Mail(from.Address); err != nil {
		return err, isBroken(err)
	}
	if err := c.Rcpt(m.To.Address); err != nil {
		if isBroken(err) {
			return err, true
		}
		return err, c.Reset() != nil
	}
	w, err := c.Data()
	if err != nil {
		if isBroken(err) {
			return err, true
		}
		return err, c.Reset() != nil
	}
	if _, err := w.Write(m.Data); err != nil {
		return err, true
	}
	if err := w.Close(); err != nil {
		return err, isBroken(err)
	}
	return nil, false
}

// isBroken tells an error of the connection from a reply of the relay
// (which leaves the session usable).
func isBroken(err error) bool {
	var reply *textproto.Error
	if errors.As(err, &reply) {
		return reply.Code == 421 // the relay closes the session
	}
	return true
}

func markNotSent(results []Result, msgs []Outbound, cause error) {
	for i := range results {
		results[i] = Result{To: msgs[i].To, Err: fmt.Errorf("%w: %w", ErrNotSent, cause)}
	}
}

// Describe is an error as the report shows it: a relay's reply as it came
// ("550 5.1.1 no such user"), anything else as it is.
func Describe(err error) string {
	var reply *textproto.Error
	if errors.As(err, &reply) {
		s := fmt.Sprintf("%03d %s", reply.Code, reply.Msg)
		if errors.Is(err, ErrNotSent) {
			s = ErrNotSent.Error() + ": " + s
		}
		return s
	}
	return err.Error()
}
