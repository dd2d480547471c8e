package serve

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestHostHeaderChecked: a page of another site that rebinds its name to
// 127.0.0.1 cannot read the preview: only loopback names, the address the
// request came to and names allowed with --allow-host are answered.
func TestHostHeaderChecked(t *testing.T) {
	f := start(t)
	f.srv.AllowHosts("presse.test", "Vorschau.Example.")
	local := &net.TCPAddr{IP: net.ParseIP("192.168.1.5"), Port: 1313}
	for _, c := range []struct {
		host string
		ok   bool
	}{
		{"evil.example", false},
		{"evil.example:1313", false},
		{"127.0.0.1.evil.example", false},
		{"127.0.0.1.evil.example:1313", false},
		{"localhost.evil.example", false},
		{"evillocalhost", false},
		{"192.168.1.6:1313", false},
		{"0.0.0.0:1313", false},
		{"presse.test.evil.example", false},
		{"", false},
		{"localhost", true},
		{"localhost:1313", true},
		{"LOCALHOST.:1313", true},
		{"vorschau.localhost:1313", true},
		{"127.0.0.1:1313", true},
		{"127.8.9.10", true},
		{"[::1]:1313", true},
		{"[::1]", true},
		{"192.168.1.5:1313", true}, // the address the request came to
		{"presse.test:1313", true},
		{"vorschau.example", true},
	} {
		for _, path := range []string{"/presse/", "/presse/pressemitteilungen/2026/c/", "/_pressroom/live.js"} {
			r := httptest.NewRequest("GET", path, nil)
			r.Host = c.host
			r = r.WithContext(context.WithValue(r.Context(), http.LocalAddrContextKey, local))
			w := httptest.NewRecorder()
			f.srv.ServeHTTP(w, r)
			body := w.Body.String()
			if c.ok && w.Code != http.StatusOK {
				t.Errorf("Host %q %s: %d, want 200", c.host, path, w.Code)
			}
			if !c.ok {
				if w.Code != http.StatusForbidden || !strings.Contains(body, "--allow-host") ||
					!strings.HasPrefix(w.Header().Get("Content-Type"), "text/plain") {
					t.Errorf("Host %q %s: %d %q, want 403 naming --allow-host", c.host, path, w.Code, body)
				}
				if strings.Contains(body, "Gesperrt") || strings.Contains(body, "Erste") {
					t.Errorf("Host %q %s: the page leaks", c.host, path)
				}
			}
		}
	}
}

// TestEventsOriginChecked: the event stream refuses pages of other origins.
func TestEventsOriginChecked(t *testing.T) {
	f := start(t)
	f.srv.Close() // streams end after the first event
	for _, c := range []struct {
		origin string
		ok     bool
	}{
		{"", true},
		{"http://127.0.0.1:1313", true},
		{"http://localhost:1313", true},
		{"http://evil.example", false},
		{"http://127.0.0.1.evil.example:1313", false},
		{"null", false},
	} {
		r := httptest.NewRequest("GET", "/_pressroom/events", nil)
		r.Host = "127.0.0.1:1313"
		if c.origin != "" {
			r.Header.Set("Origin", c.origin)
		}
		w := httptest.NewRecorder()
		f.srv.ServeHTTP(w, r)
		if c.ok && (w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "data: ")) {
			t.Errorf("Origin %q: %d %q, want the stream", c.origin, w.Code, w.Body.String())
		}
		if !c.ok && (w.Code != http.StatusForbidden || strings.Contains(w.Body.String(), "data: ")) {
			t.Errorf("Origin %q: %d %q, want 403", c.origin, w.Code, w.Body.String())
		}
	}
}

// TestOverlayCutsLongLine: an error on a line of megabytes reaches the
// browser with the message whole and the line cut around the problem.
func TestOverlayCutsLongLine(t *testing.T) {
	f := start(t)
	f.write("content/pressemitteilungen/2026-01-05-a.md", "---\ntitle: Erste\ndate: 2026-01-05\nsummary: \""+strings.Repeat("x", 2<<20)+"\" kaputt\n---\nText.\n")
	ev := f.rebuild("content/pressemitteilungen/2026-01-05-a.md")
	if len(ev.Errors) != 1 || !strings.HasPrefix(ev.Errors[0].Where, "content/pressemitteilungen/2026-01-05-a.md:4") {
		t.Fatalf("errors %+v", ev.Errors)
	}
	for _, l := range ev.Errors[0].Lines {
		if n := len([]rune(l.Text)); n > 210 {
			t.Errorf("line %d has %d characters", l.N, n)
		}
	}
}
