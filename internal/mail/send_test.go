package mail

import (
	"context"
	"errors"
	"net/mail"
	"strings"
	"testing"
	"time"

	"pressroom/internal/mail/smtptest"
)

func outbound(e *Edition, to ...string) []Outbound {
	var out []Outbound
	for _, a := range to {
		addr := &mail.Address{Address: a}
		out = append(out, Outbound{To: addr, Data: e.Message([]*mail.Address{addr}, testNow)})
	}
	return out
}

// TestSend: over STARTTLS with a login, one message per recipient, each
// addressed to that recipient alone; a refused recipient is reported and
// does not stop the others.
func TestSend(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{User: "presse", Password: "geheim", Refuse: map[string]bool{"weg@example.org": true}})
	e := edition(t, testFiles(), releasePath, time.Time{})
	from := &mail.Address{Address: "presse@musterverband.example.org"}
	relay := Relay{Addr: srv.Addr, TLS: srv.TLS, User: "presse", Password: "geheim"}
	res, err := Send(context.Background(), relay, from, outbound(e, "a@example.org", "weg@example.org", "b@example.org"))
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 3 || res[0].Err != nil || res[2].Err != nil || res[1].Err == nil || !strings.Contains(res[1].Err.Error(), "550") {
		t.Fatalf("results %+v: want a and b accepted, weg refused with 550", res)
	}
	got := srv.Messages()
	if len(got) != 2 {
		t.Fatalf("relay got %d messages, want 2", len(got))
	}
	for i, want := range []string{"a@example.org", "b@example.org"} {
		m := got[i]
		if !m.TLS || m.User != "presse" || m.From != from.Address || len(m.To) != 1 || m.To[0] != want {
			t.Errorf("message %d: TLS %v, user %q, from %q, to %v; want TLS, presse, %s to %s alone", i, m.TLS, m.User, m.From, m.To, from.Address, want)
		}
		msg, _, texts := parts(t, m.Data)
		if to := msg.Header.Get("To"); to != "<"+want+">" {
			t.Errorf("message %d: To %q", i, to)
		}
		if !strings.Contains(texts[0], "Förderung für Ausbildung") {
			t.Errorf("message %d: text part lacks the title", i)
		}
	}
	cmds := strings.Join(srv.Commands(), "\n")
	if !strings.Contains(cmds, "STARTTLS\nEHLO localhost\nAUTH\nMAIL FROM:<presse@musterverband.example.org>") {
		t.Errorf("session did not go STARTTLS, EHLO, AUTH, MAIL:\n%s", cmds)
	}
	if strings.Count(cmds, "RCPT TO:") != 3 || strings.Count(cmds, "DATA") != 2 {
		t.Errorf("one RCPT per message and DATA only for the accepted:\n%s", cmds)
	}
}

// TestSendNeedsTLS: a relay without STARTTLS gets nothing unless it is on
// loopback and --insecure is given.
func TestSendNeedsTLS(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{NoTLS: true})
	e := edition(t, testFiles(), releasePath, time.Time{})
	from := &mail.Address{Address: "presse@musterverband.example.org"}
	_, err := Send(context.Background(), Relay{Addr: srv.Addr}, from, outbound(e, "a@example.org"))
	if err == nil || !strings.Contains(err.Error(), "offers no STARTTLS: nothing sent") {
		t.Errorf("err %v, want no STARTTLS", err)
	}
	if n := len(srv.Messages()); n != 0 || strings.Contains(strings.Join(srv.Commands(), " "), "MAIL") {
		t.Errorf("relay without TLS got %d messages: %v", n, srv.Commands())
	}
	res, err := Send(context.Background(), Relay{Addr: srv.Addr, Insecure: true}, from, outbound(e, "a@example.org"))
	if err != nil || len(res) != 1 || res[0].Err != nil || len(srv.Messages()) != 1 || srv.Messages()[0].TLS {
		t.Errorf("insecure to loopback: %v %+v", err, res)
	}
}

// TestSendLoginFails: a wrong password sends nothing.
func TestSendLoginFails(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{User: "presse", Password: "geheim"})
	e := edition(t, testFiles(), releasePath, time.Time{})
	from := &mail.Address{Address: "presse@musterverband.example.org"}
	_, err := Send(context.Background(), Relay{Addr: srv.Addr, TLS: srv.TLS, User: "presse", Password: "falsch"}, from, outbound(e, "a@example.org"))
	if err == nil || !strings.Contains(err.Error(), "535") {
		t.Errorf("err %v, want the relay's 535", err)
	}
	if len(srv.Messages()) != 0 {
		t.Error("sent after a failed login")
	}
	// An untrusted certificate: nothing sent either.
	_, err = Send(context.Background(), Relay{Addr: srv.Addr, User: "presse", Password: "geheim"}, from, outbound(e, "a@example.org"))
	if err == nil || !strings.Contains(err.Error(), "STARTTLS") || len(srv.Messages()) != 0 {
		t.Errorf("untrusted certificate: %v", err)
	}
}

func TestCheckRelay(t *testing.T) {
	for _, c := range []struct {
		r    Relay
		want string
	}{
		{Relay{Addr: "mail.example.org"}, "is not HOST:PORT"},
		{Relay{Addr: "mail.example.org:25", Insecure: true}, "--insecure is only for a relay on this machine"},
		{Relay{Addr: "192.0.2.1:25", Insecure: true}, "--insecure is only"},
		{Relay{Addr: "localhost:25", User: "u"}, PasswordEnv + " is not"},
		{Relay{Addr: "localhost:25", Insecure: true}, ""},
		{Relay{Addr: "[::1]:25", Insecure: true}, ""},
		{Relay{Addr: "127.0.0.1:2525", Insecure: true}, ""},
	} {
		err := CheckRelay(c.r)
		if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
			t.Errorf("CheckRelay(%+v) = %v, want %q", c.r, err, c.want)
		}
	}
}

// TestSendStops: a relay that goes away in the middle leaves the rest
// marked not sent, never tried twice.
func TestSendCancelled(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{NoTLS: true})
	e := edition(t, testFiles(), releasePath, time.Time{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := Send(ctx, Relay{Addr: srv.Addr, Insecure: true}, &mail.Address{Address: "p@example.org"}, outbound(e, "a@example.org", "b@example.org"))
	if err == nil {
		for _, r := range res {
			if r.Err == nil || !errors.Is(r.Err, ErrNotSent) {
				t.Errorf("cancelled: %+v", r)
			}
		}
	}
	if len(srv.Messages()) != 0 {
		t.Error("sent after cancel")
	}
}
