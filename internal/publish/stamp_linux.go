package publish

import (
	"os"
	"syscall"
)

// stampOf is the stamp of the folder at p: its inode and the time of its
// last change of status, which adding, removing or renaming an entry sets,
// and setting the folder's times by hand too. ok is false if it is none.
func stampOf(p string) (stamp, bool) {
	info, err := os.Lstat(p)
	if err != nil || !info.IsDir() {
		return stamp{}, false
	}
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return stamp{}, false
	}
	return stamp{uint64(st.Ino), st.Ctim.Nano()}, true
}
