package conformance

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"

	"pressroom/internal/build"
	"pressroom/internal/testtool"
)

// vnuMessage is one message of the Nu HTML Checker's JSON output.
type vnuMessage struct {
	Type      string `json:"type"` // error, non-document-error, info
	SubType   string `json:"subType"`
	URL       string `json:"url"`
	LastLine  int    `json:"lastLine"`
	FirstCol  int    `json:"firstColumn"`
	Message   string `json:"message"`
	Extract   string `json:"extract"`
	HiliteLen int    `json:"hiliteLength"`
}

func (m vnuMessage) String() string {
	return fmt.Sprintf("%s:%d:%d: %s: %s\n\t%s", m.URL, m.LastLine, m.FirstCol, m.Type, m.Message, strings.ReplaceAll(m.Extract, "\n", "⏎"))
}

// vnu runs the Nu HTML Checker (npm vnu-jar, with the machine's Java) on
// the HTML pages and stylesheets of the builds and returns its errors. On
// machines with four cores or more the files are split among several
// checkers; on two, one checker is faster (each one warms up its own JIT).
func vnu(t *testing.T, builds ...*output) []vnuMessage {
	t.Helper()
	javaBin := java(t)
	jar := npmFile(t, "vnu-jar/build/dist/vnu.jar")
	var files []string
	for _, o := range builds {
		for _, name := range o.files(t, ".html", ".css") {
			files = append(files, filepath.Join(o.dir, filepath.FromSlash(name)))
		}
	}
	shards := min(runtime.GOMAXPROCS(0)/2, 4, (len(files)+99)/100)
	shards = max(shards, 1)
	results := make([][]vnuMessage, shards)
	problems := make([]string, shards)
	var wg sync.WaitGroup
	for i := range shards {
		var part []string
		for j := i; j < len(files); j += shards {
			part = append(part, files[j])
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			args := append([]string{"-jar", jar, "--errors-only", "--format", "json", "--also-check-css"}, part...)
			cmd := exec.Command(javaBin, args...)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run() // exits 1 when it found errors
			var out struct {
				Messages []vnuMessage `json:"messages"`
			}
			if jerr := json.Unmarshal(stderr.Bytes(), &out); jerr != nil {
				problems[i] = fmt.Sprintf("vnu: %v; output not JSON (%v):\n%s\n%s", err, jerr, stderr.Bytes(), stdout.Bytes())
				return
			}
			for _, m := range out.Messages {
				if m.Type != "info" {
					results[i] = append(results[i], m)
				}
			}
			if err != nil && len(results[i]) == 0 {
				problems[i] = fmt.Sprintf("vnu failed without messages: %v\n%s", err, stderr.Bytes())
			}
		}()
	}
	wg.Wait()
	var errs []vnuMessage
	for i := range shards {
		if problems[i] != "" {
			t.Fatal(problems[i])
		}
		errs = append(errs, results[i]...)
	}
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].URL < errs[j].URL })
	return errs
}

func reportVNU(t *testing.T, what string, errs []vnuMessage) {
	t.Helper()
	if len(errs) == 0 {
		return
	}
	var b strings.Builder
	for i, m := range errs {
		if i == 50 {
			fmt.Fprintf(&b, "… and %d more\n", len(errs)-i)
			break
		}
		b.WriteString(m.String() + "\n")
	}
	t.Errorf("the Nu HTML Checker found %d errors in %s:\n%s", len(errs), what, b.String())
}

// TestValidHTML checks every HTML page and the stylesheet of the example
// site, as published and as previewed (drafts and embargoed releases with
// their banners), with the Nu HTML Checker: zero errors.
func TestValidHTML(t *testing.T) {
	heavy(t)
	t.Parallel() // Java works while the browser tests wait
	java(t)
	npmFile(t, "vnu-jar/build/dist/vnu.jar")
	pub, prev := example(t), preview(t)
	if n := len(pub.files(t, ".html")); n < 40 {
		t.Fatalf("only %d HTML files in the example site", n)
	}
	reportVNU(t, "the example site", vnu(t, pub, prev))
}

// TestValidHTMLCorpus checks every HTML page of a generated site of 1,000
// releases and papers (../shared/tools/gencorpus) with the Nu HTML Checker:
// zero errors.
func TestValidHTMLCorpus(t *testing.T) {
	heavy(t)
	t.Parallel() // Java works while the browser tests wait
	java(t)
	npmFile(t, "vnu-jar/build/dist/vnu.jar")
	corpus := generateCorpus(t, 1000)
	o := buildTo(t, "corpus", build.Options{SiteDir: corpus})
	if n := len(o.files(t, ".html")); n < 1000 {
		t.Fatalf("only %d HTML files in the corpus site", n)
	}
	reportVNU(t, "the 1,000-document corpus", vnu(t, o))
}

// generateCorpus writes a corpus of n documents with ../shared/tools/gencorpus.
func generateCorpus(t *testing.T, n int) string {
	t.Helper()
	gen := filepath.Join(root, "..", "shared", "tools", "gencorpus")
	if _, err := os.Stat(filepath.Join(gen, "main.go")); err != nil {
		testtool.Missing(t, "../shared/tools/gencorpus", "a checkout of shared/ beside the repository")
	}
	dir := filepath.Join(tmp, fmt.Sprintf("corpus-src-%d", n))
	if _, err := os.Stat(filepath.Join(dir, "site.toml")); err == nil {
		return dir
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	// go test puts its own go command first in PATH.
	run(t, "go", "run", "-C", gen, ".", "-n", fmt.Sprint(n), "-o", abs)
	return dir
}
