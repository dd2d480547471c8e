//go:build !linux

package publish

// exchange: this system has no atomic exchange of two folders.
func exchange(a, b string) error { return errNoExchange }
