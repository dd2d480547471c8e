// Package watch reports changed files of a site: recursively below the
// watched folders, including folders created later, batched and debounced
// so that an editor's atomic save or a checkout of many files is one batch.
package watch

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Watcher watches some folders and files of a site.
type Watcher struct {
	root  string
	dirs  []string // slash paths relative to root, watched recursively
	files []string // slash paths relative to root, watched alone
	fsw   *fsnotify.Watcher
	// Quiet is how long no event must arrive before a batch is reported
	// (an editor's save is a burst of events within a millisecond or so);
	// Max bounds how long a batch may be held back.
	Quiet, Max time.Duration
}

// New watches dirs (recursively) and files below root. Folders and files
// that do not exist yet are picked up when they are created.
func New(root string, dirs, files []string) (*Watcher, error) {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &Watcher{root: root, dirs: dirs, files: files, fsw: fsw, Quiet: 10 * time.Millisecond, Max: 250 * time.Millisecond}
	// The root itself: for site.toml and for watched folders created later.
	if err := fsw.Add(root); err != nil {
		fsw.Close()
		return nil, err
	}
	for _, d := range dirs {
		w.addTree(filepath.Join(root, filepath.FromSlash(d)), nil)
	}
	return w, nil
}

// Close stops watching.
func (w *Watcher) Close() error { return w.fsw.Close() }

// addTree watches dir and every folder below it; files found are passed to
// found (for folders that appeared after start, whose files no event names).
func (w *Watcher) addTree(dir string, found func(string)) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if p != dir && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			w.fsw.Add(p)
		} else if found != nil {
			found(p)
		}
		return nil
	})
}

// rel returns the slash path of p relative to the root and whether it is
// watched.
func (w *Watcher) rel(p string) (string, bool) {
	r, err := filepath.Rel(w.root, p)
	if err != nil || strings.HasPrefix(r, "..") {
		return "", false
	}
	r = filepath.ToSlash(r)
	for _, f := range w.files {
		if r == f {
			return r, true
		}
	}
	for _, d := range w.dirs {
		if r == d || strings.HasPrefix(r, d+"/") {
			return r, !ignored(r)
		}
	}
	return r, false
}

// ignored are editor droppings: hidden files, backups, swap files.
func ignored(rel string) bool {
	base := rel[strings.LastIndexByte(rel, '/')+1:]
	return strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") || strings.HasPrefix(base, "#") ||
		strings.HasSuffix(base, ".swp") || strings.HasSuffix(base, ".swx") || strings.HasSuffix(base, ".tmp")
}

// Run reports batches of changed paths (slash, relative to the root,
// sorted, each once) until ctx ends. Errors of the watcher are passed to
// onError.
func (w *Watcher) Run(ctx context.Context, batches chan<- []string, onError func(error)) {
	pending := map[string]bool{}
	var quiet, max <-chan time.Time
	add := func(p string) {
		if r, ok := w.rel(p); ok {
			if len(pending) == 0 {
				max = time.After(w.Max)
			}
			pending[r] = true
			quiet = time.After(w.Quiet)
		}
	}
	flush := func() {
		if len(pending) == 0 {
			return
		}
		out := make([]string, 0, len(pending))
		for p := range pending {
			out = append(out, p)
		}
		sort.Strings(out)
		pending = map[string]bool{}
		quiet, max = nil, nil
		select {
		case batches <- out:
		case <-ctx.Done():
		}
	}
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			if ev.Op&fsnotify.Create != 0 {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					if r, ok := w.rel(ev.Name); ok || w.isWatchedDir(r) {
						// A new folder (or a watched folder created after
						// start): watch it and report what is already in it.
						w.addTree(ev.Name, add)
						continue
					}
				}
			}
			add(ev.Name)
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			if onError != nil {
				onError(err)
			}
		case <-quiet:
			flush()
		case <-max:
			flush()
		}
	}
}

func (w *Watcher) isWatchedDir(rel string) bool {
	for _, d := range w.dirs {
		if rel == d {
			return true
		}
	}
	return false
}
