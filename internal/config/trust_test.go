package config

import (
	"strings"
	"testing"
)

func TestTimezoneAndBaseURLRefused(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		line      int
		msg, hint string // substrings
	}{
		{"Local", "title = \"T\"\n\ntimezone = \"Local\"\n" + valid, 3, `timezone "Local"`, "e.g. Europe/Berlin"},
		{"empty", "title = \"T\"\ntimezone = \"\"\n" + valid, 2, `timezone ""`, "e.g. Europe/Berlin"},
		{"relative path", "title = \"T\"\ntimezone = \"../../etc/localtime\"\n" + valid, 2, `unknown timezone`, "e.g. Europe/Berlin"},
		{"user and password", "title = \"T\"\nbaseURL = \"https://redaktion:geheim@presse.example.org/\"\n" + valid, 2, "user name or password", ""},
		{"user only", "title = \"T\"\n\nbaseURL = \"https://redaktion@presse.example.org/\"\n" + valid, 3, "user name or password", ""},
		{"password only", "title = \"T\"\nbaseURL = \"http://:geheim@presse.example.org/\"\n" + valid, 2, "user name or password", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := load(t, tc.src)
			errs := diags.Errors()
			if len(errs) != 1 || errs[0].Path != File || errs[0].Line != tc.line ||
				!strings.Contains(errs[0].Msg, tc.msg) || !strings.Contains(errs[0].String(), tc.hint) {
				t.Fatalf("want one error %s:%d with %q and %q, got:\n%s", File, tc.line, tc.msg, tc.hint, listString(diags))
			}
			if strings.Contains(errs[0].String(), "geheim") {
				t.Errorf("the error repeats the password: %s", errs[0])
			}
		})
	}
	for _, tz := range []string{"UTC", "Europe/Berlin", "America/New_York"} {
		mustLoad(t, "title = \"T\"\ntimezone = \""+tz+"\"\n"+valid)
	}
	// --base-url goes through SetBaseURL.
	var s Site
	if err := s.SetBaseURL("https://u:geheim@presse.example.org/"); err == nil || strings.Contains(err.Error(), "geheim") {
		t.Errorf("SetBaseURL with credentials: %v", err)
	}
}
