package conformance

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"pressroom/internal/build"
	"pressroom/internal/testtool"
)

// TestFeedValidator checks every RSS and Atom feed of the example site and
// of a generated corpus of 300 documents with the W3C Feed Validation
// Service's own code (../shared/tools/feedvalidator): 0 errors and 0
// warnings.
func TestFeedValidator(t *testing.T) {
	heavy(t)
	script := filepath.Join(root, "..", "shared", "tools", "feedvalidator", "validate.py")
	if _, err := os.Stat(script); err != nil {
		testtool.Missing(t, "../shared/tools/feedvalidator", "a checkout of shared/ beside the repository")
	}
	// Debian's packages are in Debian's Python, which another python3
	// first in PATH (pyenv, a virtualenv) may not see.
	python := ""
	for _, cand := range []string{"python3", "/usr/bin/python3"} {
		if p, err := exec.LookPath(cand); err == nil && exec.Command(p, "-c", "import lxml, html5lib, rdflib").Run() == nil {
			python = p
			break
		}
	}
	if python == "" {
		testtool.Missing(t, "python3-lxml, python3-html5lib, python3-rdflib", "apt-get install python3-lxml python3-html5lib python3-rdflib")
	}
	script, _ = filepath.Abs(script)
	for _, c := range []struct {
		name string
		o    func() *output
	}{
		{"the example site", func() *output { return example(t) }},
		{"the 300-document corpus", func() *output {
			return buildTo(t, "corpus-300", build.Options{SiteDir: generateCorpus(t, 300)})
		}},
	} {
		o := c.o()
		names := o.files(t, "feed.xml", "atom.xml")
		if len(names) < 3 {
			t.Fatalf("%s: only %d feeds", c.name, len(names))
		}
		// The archive documents (RFC 5005) too: the corpus has more
		// entries than a feed holds.
		archives := 0
		for _, n := range o.files(t, ".xml") {
			if strings.HasPrefix(n, "archiv/") || strings.Contains(n, "/archiv/") {
				names = append(names, n)
				archives++
			}
		}
		if c.name != "the example site" && archives < 2 {
			t.Fatalf("%s: %d archive documents", c.name, archives)
		}
		cmd := exec.Command(python, append([]string{script, o.base.String()}, names...)...)
		cmd.Dir = o.dir
		out, err := cmd.CombinedOutput()
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		last := lines[len(lines)-1]
		if err != nil || !strings.HasPrefix(last, "0 errors, 0 warnings in ") {
			t.Errorf("%s: feed validator: %v\n%s", c.name, err, out)
			continue
		}
		t.Logf("%s: %s", c.name, last)
	}
}
