package cli

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
)

// hubStub is a WebSub hub on loopback that records the feeds it was told
// about; fail says how often to answer 503 for a feed before accepting, or
// -1 for a final 400.
type hubStub struct {
	mu       sync.Mutex
	got      []string
	fail     map[string]int
	attempts map[string]int
}

func (h *hubStub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if r.Method != http.MethodPost || r.FormValue("hub.mode") != "publish" {
		http.Error(w, "want POST hub.mode=publish", http.StatusBadRequest)
		return
	}
	u := r.FormValue("hub.url")
	h.attempts[u]++
	switch n := h.fail[u]; {
	case n < 0:
		http.Error(w, "unknown topic", http.StatusBadRequest)
		return
	case h.attempts[u] <= n:
		http.Error(w, "busy", http.StatusServiceUnavailable)
		return
	}
	h.got = append(h.got, u)
	w.WriteHeader(http.StatusNoContent)
}

func (h *hubStub) take() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	got := h.got
	h.got = nil
	sort.Strings(got)
	return got
}

func TestPing(t *testing.T) {
	t.Setenv("PRESSROOM_PING_BACKOFF", "1ms")
	hub := &hubStub{fail: map[string]int{}, attempts: map[string]int{}}
	srv := httptest.NewServer(hub)
	defer srv.Close()
	dir := writeSite(t, map[string]string{"site.toml": strings.Replace(siteTOML, "[[organizations]]", "[feeds]\nhub = \""+srv.URL+"/\"\n[[organizations]]", 1)})
	out := filepath.Join(dir, "public")
	write := func(name, data string) {
		p := filepath.Join(out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("feed.xml", "rss 1")
	write("atom.xml", "atom 1")
	write("themen/kita/feed.xml", "rss kita 1")
	write("index.html", "not a feed")
	const base = "https://presse.example.org/"
	hub.fail[base+"atom.xml"] = 2 // accepted on the third try
	run := func(wantCode int) string {
		t.Helper()
		var stdout, stderr bytes.Buffer
		code := Main([]string{"ping", "-s", dir}, nil, &stdout, &stderr)
		if code != wantCode {
			t.Fatalf("ping = %d, want %d\n%s%s", code, wantCode, stdout.String(), stderr.String())
		}
		return stdout.String() + stderr.String()
	}
	equal := func(got []string, want ...string) {
		t.Helper()
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("hub was told of %q, want %q", got, want)
		}
	}

	out1 := run(exitOK)
	equal(hub.take(), base+"atom.xml", base+"feed.xml", base+"themen/kita/feed.xml")
	if !strings.Contains(out1, "3 of 3 changed feeds notified") || hub.attempts[base+"atom.xml"] != 3 {
		t.Errorf("first ping (%d tries of atom.xml):\n%s", hub.attempts[base+"atom.xml"], out1)
	}

	if s := run(exitOK); !strings.Contains(s, "no feed changed") {
		t.Errorf("second ping:\n%s", s)
	}
	equal(hub.take())

	write("themen/kita/feed.xml", "rss kita 2")
	write("atom.xml", "atom 2")
	hub.fail[base+"atom.xml"] = -1
	s := run(exitContent)
	equal(hub.take(), base+"themen/kita/feed.xml")
	if !strings.Contains(s, "failed    "+base+"atom.xml") || !strings.Contains(s, "400") {
		t.Errorf("a refused feed is reported:\n%s", s)
	}

	// The refused feed is tried again next time, and only it.
	delete(hub.fail, base+"atom.xml")
	run(exitOK)
	equal(hub.take(), base+"atom.xml")
}

func TestPingWithoutHub(t *testing.T) {
	dir := writeSite(t, map[string]string{"site.toml": siteTOML})
	var stdout, stderr bytes.Buffer
	if code := Main([]string{"ping", "-s", dir}, nil, &stdout, &stderr); code != exitContent || !strings.Contains(stderr.String(), "[feeds] hub") {
		t.Errorf("ping = %d\n%s", code, stderr.String())
	}
}
