//go:build !linux || !(amd64 || arm64)

package heap

// HugePages does nothing here (see huge_linux.go).
func HugePages() {}
