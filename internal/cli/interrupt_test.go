package cli

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
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

// TestInterruptedBuild: SIGINT and SIGTERM stop a build with "interrupted"
// and exit 130; the temporary folder is removed and the output is as it
// was.
func TestInterruptedBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode")
	}
	dir := bigSite(t, 800, 10)
	if code, _, errOut := run("build", "-s", dir); code != 0 {
		t.Fatal(errOut)
	}
	public := filepath.Join(dir, "public")
	before := treeDigest(t, public)
	beside, _ := filepath.Glob(filepath.Join(dir, ".public*"))
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			os.RemoveAll(filepath.Join(dir, ".pressroom-cache")) // a full build
			cmd := exec.Command(os.Args[0], "build", "-s", dir)
			cmd.Env = append(os.Environ(), "PRESSROOM_TEST_AS_CLI=1")
			var errOut bytes.Buffer
			cmd.Stderr = &errOut
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			deadline := time.Now().Add(20 * time.Second)
			sent := false
			for time.Now().Before(deadline) && !sent {
				if tmps, _ := filepath.Glob(filepath.Join(dir, ".public.tmp-*", "pressemitteilungen")); len(tmps) > 0 {
					cmd.Process.Signal(sig)
					sent = true
				}
				time.Sleep(time.Millisecond)
			}
			err := cmd.Wait()
			if !sent {
				t.Fatalf("the build finished before the signal: %v", err)
			}
			code := cmd.ProcessState.ExitCode()
			if code != 130 || !strings.Contains(errOut.String(), "interrupted") || strings.Contains(errOut.String(), "context canceled") {
				t.Errorf("exit %d, want 130 with \"interrupted\":\n%s", code, errOut.String())
			}
			if treeDigest(t, public) != before {
				t.Error("an interrupted build changed public/")
			}
			if now, _ := filepath.Glob(filepath.Join(dir, ".public*")); strings.Join(now, " ") != strings.Join(beside, " ") {
				t.Errorf("beside public/ now %v, before %v", now, beside)
			}
		})
	}
}

// TestKillAtAnyInstant kills builds at instants spread over a whole build,
// its swap included: public/ is always there, the old output or the new
// one, whole.
func TestKillAtAnyInstant(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode")
	}
	dir := bigSite(t, 400, 10)
	build := func() (time.Duration, error) {
		cmd := exec.Command(os.Args[0], "build", "-s", dir, "--now", "2026-01-01T00:00:00Z")
		cmd.Env = append(os.Environ(), "PRESSROOM_TEST_AS_CLI=1")
		start := time.Now()
		out, err := cmd.CombinedOutput()
		if err != nil {
			err = fmt.Errorf("%v: %s", err, out)
		}
		return time.Since(start), err
	}
	if _, err := build(); err != nil {
		t.Fatal(err)
	}
	public := filepath.Join(dir, "public")
	old := treeDigest(t, public)
	os.WriteFile(filepath.Join(dir, "site.toml"), []byte(strings.Replace(siteTOML, `title = "CLI"`, `title = "CLI neu"`, 1)), 0o644)
	took, err := build()
	if err != nil {
		t.Fatal(err)
	}
	new := treeDigest(t, public)
	os.WriteFile(filepath.Join(dir, "site.toml"), []byte(siteTOML), 0o644)
	if _, err := build(); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 8; i++ {
		os.WriteFile(filepath.Join(dir, "site.toml"), []byte(strings.Replace(siteTOML, `title = "CLI"`, `title = "CLI neu"`, 1)), 0o644)
		cmd := exec.Command(os.Args[0], "build", "-s", dir, "--now", "2026-01-01T00:00:00Z")
		cmd.Env = append(os.Environ(), "PRESSROOM_TEST_AS_CLI=1")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(took * time.Duration(i) / 8)
		cmd.Process.Kill()
		cmd.Wait()
		switch treeDigest(t, public) {
		case old:
		case new:
			// Back to the old site for the next kill.
			os.WriteFile(filepath.Join(dir, "site.toml"), []byte(siteTOML), 0o644)
			if _, err := build(); err != nil {
				t.Fatal(err)
			}
		default:
			t.Fatalf("killed after %v: public/ is neither the old output nor the new one", took*time.Duration(i)/8)
		}
	}
}
