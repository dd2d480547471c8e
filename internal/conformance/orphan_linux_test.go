//go:build linux

package conformance

import (
	"os/exec"
	"syscall"
)

// endWithTest makes a server the test starts die with the test process,
// also when that is killed before its cleanup runs.
func endWithTest(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
