// Package incr owns the state of incremental builds: the keys of the
// outputs, computed from what render's plan declares each is made from;
// which outputs, rendered bodies and related releases of the last build
// are still good; and the cache file that carries them from one build to
// the next. The pipeline packages (content, site, render, build) hold none
// of it: a build with it is byte for byte a build without it.
package incr

import (
	"runtime"
	"sync"

	"pressroom/internal/render"
)

// Outputs maps each output of a build (its path) to the key of what it
// was made from; 0 means unknown (made again).
type Outputs map[string]uint64

// Keeper is a sink that can take an output unchanged from the previous
// build (a folder on disk links it) instead of having it made again.
type Keeper interface {
	Keep(name string) error
}

// Unchanged tells for each output whether its key is that of the previous
// build prev and the sink took it from there, as render.Render takes it.
// A sink that is no Keeper (in memory) keeps what it has by itself. With
// no previous build, nothing is unchanged.
func Unchanged(sink any, outs []render.Output, keys, prev Outputs) []bool {
	if prev == nil {
		return nil
	}
	unchanged := make([]bool, len(outs))
	keeper, _ := sink.(Keeper)
	var wg sync.WaitGroup
	n := runtime.GOMAXPROCS(0)
	for w := 0; w < n; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(outs); i += n {
				name := outs[i].Name
				k := keys[name]
				unchanged[i] = k != 0 && prev[name] == k && (keeper == nil || keeper.Keep(name) == nil)
			}
		}()
	}
	wg.Wait()
	return unchanged
}

// Keep takes an output unchanged from the previous build, if the sink can.
func Keep(sink any, name string) bool {
	k, ok := sink.(Keeper)
	return !ok || k.Keep(name) == nil
}
