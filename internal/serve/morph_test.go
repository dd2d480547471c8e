package serve

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pressroom/internal/testtool"
)

// TestMorphIsThePinnedRelease: the checked-in idiomorph is the file of the
// version tools/package-lock.json pins, as npm ci installs it, with its
// licence; and it is what the live script serves.
func TestMorphIsThePinnedRelease(t *testing.T) {
	installed := filepath.Join("..", "..", "tools", "node_modules", "idiomorph")
	if _, err := os.Stat(installed); err != nil {
		testtool.Missing(t, "tools/node_modules/idiomorph", "npm ci --prefix tools --ignore-scripts")
	}
	lock, err := os.ReadFile("../../tools/package-lock.json")
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := os.ReadFile(filepath.Join(installed, "package.json"))
	if err != nil {
		t.Fatal(err)
	}
	version := between(string(pkg), `"version": "`, `"`)
	if version == "" || !strings.Contains(string(lock), `"node_modules/idiomorph": {`+"\n"+`      "version": "`+version+`"`) {
		t.Errorf("tools/node_modules has idiomorph %q, which is not the version package-lock.json pins: run npm ci --prefix tools", version)
	}
	for _, f := range [][2]string{{"dist/idiomorph.min.js", "morph/idiomorph.min.js"}, {"LICENSE", "morph/LICENSE"}} {
		want, err := os.ReadFile(filepath.Join(installed, filepath.FromSlash(f[0])))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.FromSlash(f[1]))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("internal/serve/%s differs from idiomorph %s's %s: copy it again", f[1], version, f[0])
		}
	}
	if !strings.Contains(string(liveScript()), idiomorphJS) || idiomorphJS == "" {
		t.Error("the live script does not carry idiomorph")
	}
}

func between(s, from, to string) string {
	_, after, ok := strings.Cut(s, from)
	if !ok {
		return ""
	}
	v, _, _ := strings.Cut(after, to)
	return v
}
