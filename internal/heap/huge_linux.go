//go:build amd64 || arm64

package heap

import (
	"bytes"
	"os"
	"runtime"
	"strings"
	"syscall"
	"unsafe"
)

// heapSpan is how much of the heap HugePages covers: more than a build of
// 100,000 pages uses. It costs address space, not memory.
const heapSpan = 2 << 30

// HugePages asks Linux to back the first 2 GiB of the heap with
// transparent huge pages, where the system leaves that to the program
// (/sys/kernel/mm/transparent_hugepage/enabled set to madvise, the common
// default). A build touches some 200 MB of fresh memory per 10,000 pages,
// and on virtual machines a fault on a 4 KiB page can cost 15–20 µs: on
// ours, 45,000 faults took a quarter of a build's time. With 2 MiB pages
// they are a few thousand.
//
// Go's heap grows from low addresses up and allocates at the lowest free
// address, so a large block made and freed at start-up spans the addresses
// the heap will use; the advice sticks to them after the block is freed.
// It does nothing where the system gives huge pages anyway or never, and
// where it accounts strictly for memory (vm.overcommit_memory 2), which
// would count the block as used, and when PRESSROOM_HUGEPAGES is off.
func HugePages() {
	if hugePagesOff() {
		return
	}
	mode, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil || !bytes.Contains(mode, []byte("[madvise]")) {
		return
	}
	if strict, _ := os.ReadFile("/proc/sys/vm/overcommit_memory"); bytes.Equal(bytes.TrimSpace(strict), []byte("2")) {
		return
	}
	hugePagesOf(heapSpan)
}

// hugePagesOff reports whether the environment turns HugePages off
// (PRESSROOM_HUGEPAGES=off, in any case).
func hugePagesOff() bool {
	return strings.EqualFold(os.Getenv("PRESSROOM_HUGEPAGES"), "off")
}

func hugePagesOf(size int) {
	advise(make([]byte, size))
	runtime.GC() // frees the block
}

// advise gives the advice for the 2 MiB pages that lie wholly in block.
func advise(block []byte) {
	const huge = 2 << 20
	at := uintptr(unsafe.Pointer(unsafe.SliceData(block)))
	from := int((at+huge-1)&^(huge-1) - at)
	to := int((at+uintptr(len(block)))&^(huge-1) - at)
	if from < to {
		syscall.Madvise(block[from:to], syscall.MADV_HUGEPAGE)
	}
}
