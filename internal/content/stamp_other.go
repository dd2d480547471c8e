//go:build !linux

package content

import (
	"io/fs"
	"time"
)

// changeTime is unknown here: modification time and size must do.
func changeTime(fs.FileInfo) time.Time { return time.Time{} }
