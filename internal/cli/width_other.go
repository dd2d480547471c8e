//go:build !unix

package cli

import "io"

// terminalWidth is the width of the terminal w writes to, or 0 where it
// is not known.
func terminalWidth(w io.Writer) int { return 0 }
