// Package testtool finds the external programs that the heavier tests run
// (chromium, nginx, poppler, java) and starts a headless browser. Where a
// program is missing the test is skipped with a message that says how to
// install it, or failed where PRESSROOM_REQUIRE_TOOLS is set (in CI).
// Only tests import it.
package testtool

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Require is the environment variable that turns a missing tool from a
// skip into a failure.
const Require = "PRESSROOM_REQUIRE_TOOLS"

// Missing skips the test because what is not installed, naming how to
// install it, or fails it where the tools are required.
func Missing(t testing.TB, what, install string) {
	t.Helper()
	if os.Getenv(Require) != "" {
		t.Fatalf("%s is required (%s is set) but missing; install it with: %s", what, Require, install)
	}
	t.Skipf("%s missing: skipping (install it with: %s)", what, install)
}

// Program finds an executable by one of its names, also in the sbin
// folders that a user's PATH may lack (nginx lives in /usr/sbin).
func Program(t testing.TB, install string, names ...string) string {
	t.Helper()
	for _, name := range names {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
		for _, dir := range []string{"/usr/sbin", "/usr/local/sbin", "/sbin"} {
			p := filepath.Join(dir, name)
			if st, err := os.Stat(p); err == nil && !st.IsDir() && st.Mode()&0o111 != 0 {
				return p
			}
		}
	}
	Missing(t, names[0], install)
	return ""
}

// Browser starts a headless chromium and returns a context for one tab
// that ends after timeout; the browser ends with the test. A browser that
// fails to start (it happens on a loaded machine) is tried again twice.
func Browser(t testing.TB, timeout time.Duration) context.Context {
	t.Helper()
	exe := Program(t, "apt-get install chromium", "chromium", "chromium-browser", "google-chrome")
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox,
			chromedp.Flag("disable-gpu", true), chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
			chromedp.Flag("disable-quic", true), chromedp.UserDataDir(t.TempDir()))
		actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancel := chromedp.NewContext(actx)
		// Start the browser on a context without a deadline: a deadline on
		// the first Run would end the browser with it.
		if _, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`true`)); err != nil {
			cancel()
			acancel()
			time.Sleep(time.Second)
			continue
		}
		t.Cleanup(acancel)
		t.Cleanup(cancel)
		ctx, cancel = context.WithTimeout(ctx, timeout)
		t.Cleanup(cancel)
		return ctx
	}
	t.Fatalf("starting chromium: %v", err)
	return nil
}
