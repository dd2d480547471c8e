package publish

import (
	"path/filepath"
	"strings"
	"testing"
)

// FuzzPathGuard checks that CheckName accepts only names of files inside
// the output folder.
func FuzzPathGuard(f *testing.F) {
	for _, s := range []string{
		"index.html", "pressemitteilungen/2021/x/index.html", "css/style.1234.css", "feed.xml",
		"", ".", "..", "../x", "a/../../b", "a/..", "./a", "a/./b", "a//b", "a/", "/etc/passwd", "//server/share",
		"c:/x", "C:\\x", "a\\b", "..\\..\\x", "a\x00b", "...", ".../x", "a/...", ".hidden/x", "a/.b",
		"%2e%2e/x", "\u2024\u2024/x", "x/index.html\n", " /x",
	} {
		f.Add(s)
	}
	root := filepath.Join(f.TempDir(), "public")
	f.Fuzz(func(t *testing.T, name string) {
		if CheckName(name) != nil {
			return
		}
		for _, e := range strings.Split(name, "/") {
			if e == ".." || e == "." || e == "" {
				t.Errorf("CheckName accepted %q with the element %q", name, e)
			}
		}
		full := filepath.Join(root, name)
		rel, err := filepath.Rel(root, full)
		if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
			t.Errorf("CheckName accepted %q, which is %s: not inside %s", name, full, root)
		}
		for _, e := range strings.Split(full, string(filepath.Separator)) {
			if e == ".." {
				t.Errorf("CheckName accepted %q, which gives %s with a .. element", name, full)
			}
		}
	})
}
