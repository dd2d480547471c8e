package site

import (
	"strings"
	"testing"

	"pressroom/internal/publish"
)

// FuzzCleanURL checks that CleanURL makes any URL from frontmatter or a
// permalink pattern a safe site-relative URL whose output file stays
// inside the output folder.
func FuzzCleanURL(f *testing.F) {
	for _, s := range []string{
		"/pressemitteilungen/2021/tag-der-jobcenter/", "/aktuelles/pm-17.html", "/", "", "x", "/x",
		"/../../etc/passwd", "../x/", "/a/./b/", "/a//b/", "//evil.example.org/", "/a/../../b.html",
		"\\..\\..\\windows\\", "C:\\x", "/c:/x/", "/a\x00b/", "/a\nb/", "/.../", "/..", "/.hidden/",
		"/%2e%2e/x/", "http://example.org/", "/a b/", "/\xff/", "/index.html/..", "/x.html", ".html", "/..html",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, u string) {
		got := CleanURL(u)
		if !strings.HasPrefix(got, "/") {
			t.Errorf("CleanURL(%q) = %q does not start with /", u, got)
		}
		if strings.ContainsAny(got, "\\\x00:") {
			t.Errorf("CleanURL(%q) = %q has a backslash, NUL or colon", u, got)
		}
		for _, seg := range strings.Split(got, "/") {
			if seg == ".." || seg == "." {
				t.Errorf("CleanURL(%q) = %q has a %s segment", u, got, seg)
			}
		}
		if strings.Contains(got, "//") {
			t.Errorf("CleanURL(%q) = %q has an empty segment", u, got)
		}
		if !strings.HasSuffix(got, "/") && !strings.HasSuffix(got, ".html") {
			t.Errorf("CleanURL(%q) = %q ends neither in / nor in .html", u, got)
		}
		if again := CleanURL(got); again != got {
			t.Errorf("CleanURL(%q) = %q, but CleanURL(%q) = %q", u, got, got, again)
		}
		if out := OutputPath(got); publish.CheckName(out) != nil {
			t.Errorf("CleanURL(%q) = %q, whose output file %q the output guard refuses: %v", u, got, out, publish.CheckName(out))
		}
	})
}
