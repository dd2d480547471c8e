//go:build (amd64 || arm64) && !race

package heap

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// TestHugePages (not under the race detector, whose shadow memory faults
// on its own) counts the page faults of a process that fills 128 MiB of
// heap with small objects, with and without hugePagesOf at its start: with
// the advice, the faults must be far fewer.
func TestHugePages(t *testing.T) {
	if child := os.Getenv("PRESSROOM_HUGEPAGES_CHILD"); child != "" {
		switch child {
		case "advise":
			hugePagesOf(256 << 20)
		case "HugePages":
			HugePages() // as pressroom does, with the environment it was given
		}
		var before, after syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &before)
		keep := make([][]byte, 0, 1<<15)
		for range 1 << 15 {
			b := make([]byte, 4096)
			b[0] = 1
			keep = append(keep, b)
		}
		syscall.Getrusage(syscall.RUSAGE_SELF, &after)
		fmt.Printf("faults %d %d\n", after.Minflt-before.Minflt, len(keep))
		return
	}
	mode, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil || !strings.Contains(string(mode), "[madvise]") {
		t.Skipf("transparent huge pages are not left to programs here (%q): nothing to measure", strings.TrimSpace(string(mode)))
	}
	faults := func(mode string, env ...string) int {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHugePages$")
		cmd.Env = append(append(os.Environ(), "PRESSROOM_HUGEPAGES_CHILD="+mode), env...)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s: %v", mode, err)
		}
		f := strings.Fields(string(out))
		if len(f) < 2 || f[0] != "faults" {
			t.Fatalf("%s: unexpected output %q", mode, out)
		}
		n, _ := strconv.Atoi(f[1])
		return n
	}
	plain, advised := faults("plain"), faults("advise")
	t.Logf("page faults for 128 MiB of small objects: %d without the advice, %d with it", plain, advised)
	if advised*4 > plain {
		t.Errorf("huge pages should take the faults from %d to under a quarter, got %d", plain, advised)
	}

	// HugePages itself, on by default and off by PRESSROOM_HUGEPAGES=off.
	for _, c := range []struct {
		env  string
		huge bool
	}{
		{"PRESSROOM_HUGEPAGES=", true},
		{"PRESSROOM_HUGEPAGES=on", true},
		{"PRESSROOM_HUGEPAGES=off", false},
		{"PRESSROOM_HUGEPAGES=OFF", false},
	} {
		n := faults("HugePages", c.env)
		t.Logf("%s: %d page faults", c.env, n)
		if got := n*4 <= plain; got != c.huge {
			t.Errorf("%s: %d page faults against %d without the advice; want huge pages %v", c.env, n, plain, c.huge)
		}
	}
}
