package build

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"pressroom/internal/diag"
	"pressroom/internal/publish"
)

// TestInvalidFixtures builds every site below testdata/invalid/. A case with
// a file want.txt must fail, and its error output must contain each line of
// want.txt ("path:line[:col]: message", paths relative to the site). A case
// with a file want-ok must build; each line of want-ok ("output-file: text")
// names an output that must contain the text. Cases whose folder name starts
// with "todo-" describe checks the build does not make yet and are skipped.
func TestInvalidFixtures(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "invalid", "*"))
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) == 0 {
		t.Fatal("no fixtures in testdata/invalid")
	}
	theme := os.DirFS(repoRoot)
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	positioned := regexp.MustCompile(`^[^:\s][^:]*:[1-9][0-9]*(:[1-9][0-9]*)?: `)
	for _, dir := range dirs {
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if strings.HasPrefix(name, "todo-") {
				t.Skipf("not checked by the build yet: see %s/want.txt", dir)
			}
			wantOK, okErr := os.ReadFile(filepath.Join(dir, "want-ok"))
			want, wantErr := os.ReadFile(filepath.Join(dir, "want.txt"))
			if (okErr == nil) == (wantErr == nil) {
				t.Fatalf("%s needs exactly one of want.txt and want-ok", dir)
			}
			mem := publish.NewMemory()
			_, err := Build(context.Background(), Options{SiteDir: dir, Theme: theme, Now: now}, mem)
			if okErr == nil {
				if err != nil {
					t.Fatalf("build failed, want success:\n%v", err)
				}
				for _, line := range wantLines(wantOK) {
					file, text, _ := strings.Cut(line, ": ")
					got, ok := mem.Get(file)
					if !ok {
						t.Errorf("no output %s", file)
					} else if !strings.Contains(string(got), text) {
						t.Errorf("%s lacks %q", file, text)
					}
				}
				return
			}
			if err == nil {
				t.Fatalf("build succeeded, want errors:\n%s", want)
			}
			var de *diag.Error
			if !errors.As(err, &de) {
				t.Fatalf("error is a %T, not a *diag.Error: %v", err, err)
			}
			got := err.Error()
			t.Logf("errors:\n%s", got)
			wants := wantLines(want)
			if len(wants) == 0 {
				t.Fatalf("%s/want.txt is empty", dir)
			}
			for _, w := range wants {
				if !strings.Contains(got, w) {
					t.Errorf("errors lack\n\t%s\ngot:\n%s", w, got)
				}
			}
			// Every problem names its file and line, for a press officer
			// to find it.
			for _, d := range de.List {
				if !positioned.MatchString(d.String()) {
					t.Errorf("diagnostic without file and line: %s", d)
				}
			}
		})
	}
}

// wantLines returns the non-empty lines of a want file.
func wantLines(b []byte) []string {
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimRight(l, "\r"); strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}
