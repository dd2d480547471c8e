package mail

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"pressroom/internal/testtool"
)

// pyParse reads a message with Python's email package (the policy of
// today's mail programs) and prints what it found as JSON.
const pyParse = `
import email, email.policy, json, sys, re
msg = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
out = {"subject": str(msg["subject"]), "from": [[a.display_name, a.addr_spec] for a in msg["from"].addresses],
       "to": str(msg["to"]), "date": msg["date"].datetime.isoformat(), "id": str(msg["message-id"]),
       "type": msg.get_content_type(), "defects": [repr(d) for d in msg.defects], "parts": []}
for part in msg.iter_parts():
    out["parts"].append({"type": part.get_content_type(), "charset": part.get_content_charset(),
                         "defects": [repr(d) for d in part.defects], "content": part.get_content()})
out["plain"] = msg.get_body(("plain",)).get_content()
out["html"] = msg.get_body(("html",)).get_content()
print(json.dumps(out))
`

type pyMessage struct {
	Subject, To, Date, ID, Type string
	From                        [][2]string
	Defects                     []string
	Parts                       []struct {
		Type, Charset, Content string
		Defects                []string
	}
	Plain, HTML string
}

func pythonParse(t *testing.T, raw []byte) pyMessage {
	t.Helper()
	py := testtool.Program(t, "apt-get install python3", "python3")
	dir := t.TempDir()
	name := filepath.Join(dir, "release.eml")
	if err := os.WriteFile(name, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(py, "-c", pyParse, name).Output()
	if err != nil {
		var stderr string
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("python3 email: %v\n%s", err, stderr)
	}
	var m pyMessage
	if err := json.Unmarshal(out, &m); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return m
}

// TestPythonEmail: the .eml opens in a real mail parser, Python's email
// package: no defects, two parts in UTF-8, the subject with its umlauts,
// the sender's name, absolute links.
func TestPythonEmail(t *testing.T) {
	e := edition(t, testFiles(), releasePath, time.Time{})
	m := pythonParse(t, e.Message(nil, testNow))
	if len(m.Defects) > 0 {
		t.Errorf("defects: %v", m.Defects)
	}
	if want := "Pressemitteilung: Förderung für Ausbildung: Kreise schlagen Alarm über gekürzte Mittel"; m.Subject != want {
		t.Errorf("subject %q, want %q", m.Subject, want)
	}
	if len(m.From) != 1 || m.From[0] != [2]string{"Jörg Übelhör", "presse@musterverband.example.org"} {
		t.Errorf("from %v", m.From)
	}
	if m.Type != "multipart/alternative" || len(m.Parts) != 2 {
		t.Fatalf("type %s with %d parts", m.Type, len(m.Parts))
	}
	for i, want := range []string{"text/plain", "text/html"} {
		p := m.Parts[i]
		if p.Type != want || p.Charset != "utf-8" || len(p.Defects) > 0 {
			t.Errorf("part %d: %s; charset=%s, defects %v; want %s; charset=utf-8", i, p.Type, p.Charset, p.Defects, want)
		}
	}
	if m.Date != "2026-03-20T09:00:00+01:00" {
		t.Errorf("date %s", m.Date)
	}
	if !strings.Contains(m.Plain, "Köln, 12. März 2026 – Die Landkreise fordern verlässliche Mittel") ||
		!strings.Contains(m.Plain, "Über Kommunaler Musterverband e. V.") {
		t.Errorf("plain part:\n%s", m.Plain)
	}
	links := regexp.MustCompile(`(?:href|src)="([^"]*)"`).FindAllStringSubmatch(m.HTML, -1)
	if len(links) < 8 {
		t.Errorf("only %d links in the HTML part", len(links))
	}
	for _, l := range links {
		if !regexp.MustCompile(`^(https://|mailto:|tel:)`).MatchString(l[1]) {
			t.Errorf("link %q not absolute", l[1])
		}
	}
	if !strings.Contains(m.HTML, `href="https://presse.example.org/verband/pressemitteilungen/2026/ausbildung/positionen.pdf"`) {
		t.Errorf("HTML part lacks the download:\n%s", m.HTML)
	}

	embargo := time.Date(2026, 3, 12, 10, 0, 0, 0, time.FixedZone("CET", 3600))
	m = pythonParse(t, edition(t, testFiles(), releasePath, embargo).Message(nil, testNow))
	if !strings.HasPrefix(m.Subject, "SPERRFRIST: 12. März 2026, 10:00 Uhr – Pressemitteilung: Förderung") {
		t.Errorf("embargoed subject %q", m.Subject)
	}
	if !strings.HasPrefix(m.Plain, "SPERRFRIST: 12. März 2026, 10:00 Uhr") {
		t.Errorf("embargoed plain part begins %q", m.Plain[:min(80, len(m.Plain))])
	}
}
