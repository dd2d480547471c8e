//go:build !linux || !(amd64 || arm64)

package cli

// hugePages does nothing here (see hugepages_linux.go).
func hugePages() {}
