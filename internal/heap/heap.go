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
// GiB): the garbage collector works harder near the limit. It also lets
// the heap grow by 75 % of what is live between collections rather than
// 100 %, which keeps a 10,000-page build near 200 MiB, for about 3 % more
// time. GOMEMLIMIT and GOGC override them. It calls HugePages first.
func Bound() {
	HugePages()
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(1400 << 20)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(75)
	}
}
