package cli

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestMain lets the test binary act as the pressroom command, so that a
// test can run a build in a process of its own and kill it.
func TestMain(m *testing.M) {
	if os.Getenv("PRESSROOM_TEST_AS_CLI") == "1" {
		os.Exit(Main(os.Args[1:], os.DirFS(filepath.Join("..", "..")), os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

func treeDigest(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		fmt.Fprintf(h, "%s\n", rel)
		if !d.IsDir() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			h.Write(data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// TestKilledBuildLeavesPublicAsItWas kills a build while it writes and
// checks that the previous output is byte for byte unchanged.
func TestKilledBuildLeavesPublicAsItWas(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode")
	}
	files := map[string]string{"site.toml": siteTOML}
	for i := 0; i < 800; i++ {
		files[fmt.Sprintf("content/pressemitteilungen/2020-01-01-m%04d.md", i)] = fmt.Sprintf("---\ntitle: Meldung %d\ndate: 2020-01-01\ntags: [T%d]\n---\nText %d.\n", i, i%50, i)
	}
	dir := writeSite(t, files)
	if code, _, errOut := run("build", "-s", dir); code != 0 {
		t.Fatal(errOut)
	}
	public := filepath.Join(dir, "public")
	before := treeDigest(t, public)
	os.WriteFile(filepath.Join(dir, "content/pressemitteilungen/2020-01-01-m0000.md"), []byte("---\ntitle: Geändert\ndate: 2020-01-01\n---\nNeu.\n"), 0o644)

	for attempt := 0; attempt < 3; attempt++ {
		cmd := exec.Command(os.Args[0], "build", "-s", dir)
		cmd.Env = append(os.Environ(), "PRESSROOM_TEST_AS_CLI=1")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill it once it writes into its temporary folder.
		deadline := time.Now().Add(20 * time.Second)
		killed := false
		for time.Now().Before(deadline) && !killed {
			tmps, _ := filepath.Glob(filepath.Join(dir, ".public.tmp-*", "pressemitteilungen"))
			if len(tmps) > 0 {
				cmd.Process.Kill()
				killed = true
			}
			time.Sleep(time.Millisecond)
		}
		err := cmd.Wait()
		if !killed {
			t.Fatalf("the build finished before it could be killed: %v", err)
		}
		if got := treeDigest(t, public); got != before {
			t.Fatal("a killed build changed public/")
		}
	}
	// The next build succeeds and clears what the killed ones left.
	if code, _, errOut := run("build", "-s", dir); code != 0 {
		t.Fatal(errOut)
	}
	// What the killed builds left is gone; the output before this build
	// waits, hidden, for the next one to remove it.
	if old, _ := filepath.Glob(filepath.Join(dir, ".public.tmp-*")); len(old) != 1 {
		t.Errorf("previous outputs beside public/: %v", old)
	}
	if treeDigest(t, public) == before {
		t.Error("the new build did not replace public/")
	}
}
