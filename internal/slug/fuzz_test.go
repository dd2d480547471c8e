package slug

import (
	"strings"
	"testing"
)

// FuzzSlug checks that every slug is a plain URL segment: only a-z, 0-9
// and single dashes between them, and that slugging it again changes
// nothing.
func FuzzSlug(f *testing.F) {
	for _, s := range []string{
		"Die kommunalen Jobcenter blicken in die Zukunft", "Straße, Größe & Übergänge", "SGB II",
		"Übergang Schule–Beruf", "  --Café  Crème!-- ", "ÄÖÜ ẞ", "2030: Leitbild", "日本語", "", "-", "a--b",
		"../../etc/passwd", "C:\\Windows", "a\x00b", "\xff\xfe", "İstanbul", "Œuvre þorn", "ǅ", "K", "ﬁ",
		"2021-10-05-tag-der-jobcenter", ".hidden", "a/b\\c:d", "\u200bzero\u200bwidth",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Make(s)
		for i := 0; i < len(got); i++ {
			c := got[i]
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
				t.Fatalf("Make(%q) = %q: byte %q is not a-z, 0-9 or -", s, got, c)
			}
		}
		if strings.HasPrefix(got, "-") || strings.HasSuffix(got, "-") || strings.Contains(got, "--") {
			t.Errorf("Make(%q) = %q: leading, trailing or double dash", s, got)
		}
		if again := Make(got); again != got {
			t.Errorf("Make(%q) = %q, but Make(%q) = %q", s, got, got, again)
		}
	})
}
