package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

func runVersion(e *env, args []string) int {
	fs := newFlags(e, "version", "", "Prints the version of pressroom.")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	version, rev := "(devel)", ""
	if info, ok := debug.ReadBuildInfo(); ok {
		version = info.Main.Version
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				rev = " " + s.Value[:12]
			}
		}
	}
	fmt.Fprintf(e.stdout, "pressroom %s%s %s\n", version, rev, runtime.Version())
	return exitOK
}
