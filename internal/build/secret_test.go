package build

import (
	"strings"
	"testing"
	"time"
)

// TestWeakPreviewSecretRefused: a secret that can be guessed makes
// guessable preview URLs; the error says how to make a good one.
func TestWeakPreviewSecretRefused(t *testing.T) {
	s := testSite{
		"site.toml": siteTOML,
		"content/pressemitteilungen/2026-11-24-sperrfrist.md": release("Vorab", "2026-11-24 08:00", "embargo: 2026-11-24 10:00", "embargo_preview: true"),
	}
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	for _, secret := range []string{"x", "geheim", "  geheim  ", strings.Repeat("a", 40), "abababababababababababababab", "0123456789abcdefghijklm"} {
		_, err := tryBuild(s, Options{Now: now, PreviewSecret: secret})
		if err == nil || !strings.Contains(err.Error(), "content/pressemitteilungen/2026-11-24-sperrfrist.md:5: ") ||
			!strings.Contains(err.Error(), "PRESSROOM_PREVIEW_SECRET") || !strings.Contains(err.Error(), "head -c 32 /dev/urandom | base64") {
			t.Errorf("secret %q: %v", secret, err)
		}
	}
	for _, secret := range []string{"0123456789abcdefghijklmn", "q8W0xkT3m9YpZ2c7Lr5Nf1Hs4Bv6Dj0aEo8Ui2Gt7Kw=", " 7f3a9c1e5b2d8f4a6c0e9b3d7f1a5c2e \n"} {
		if _, err := tryBuild(s, Options{Now: now, PreviewSecret: secret}); err != nil {
			t.Errorf("secret %q: %v", secret, err)
		}
	}
}
