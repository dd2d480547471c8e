package incr

import (
	"io/fs"
	"time"

	"pressroom/internal/content"
	"pressroom/internal/diag"
	"pressroom/internal/site"
)

// State is what the builds of one builder carry from one to the next: the
// keys of the outputs of the last successful build, the rendered bodies
// of the last build, and the cache file that carries both to the next run
// of the program.
type State struct {
	dir     string        // the cache folder; "" for none
	inputs  func() Inputs // what the cache's fingerprint covers
	print   uint64        // the fingerprint of the current full build, once made
	started time.Time     // when the current full build began
	outputs Outputs
	bodies  map[string]*Body // by path
	unread  map[string]bool  // pages taken from the cache without their body
	cached  *Cached          // the cache file read for the current full build
	writer  *cacheWriter     // the cache of the last build, being written
	related *Related         // the related releases of the last model, if models are made again
	kept    kept             // the preview's last model and what follows from it
}

// NewState returns the state of a builder whose cache folder is dir (""
// for none); inputs tells what outputs depend on besides the pages, once
// a full build has read site.toml and the theme.
func NewState(dir string, inputs func() Inputs) *State {
	return &State{dir: dir, inputs: inputs}
}

// Begin starts a full build at instant started: nothing of the last build
// is taken but from the cache file. With remodel, the builder makes models
// again after it (the preview), which carry related releases from one to
// the next (see Related).
func (s *State) Begin(started time.Time, remodel bool) {
	s.bodies = map[string]*Body{}
	s.print, s.started, s.cached, s.unread, s.related = 0, started, nil, nil, nil
	if remodel {
		s.related = &Related{}
	}
}

// Related carries the related releases from one model to the next; nil
// for a builder that makes one model.
func (s *State) Related() site.RelatedMemo {
	if s.related == nil {
		return nil
	}
	return s.related
}

func (s *State) fingerprint() uint64 {
	if s.print == 0 {
		s.print = fingerprint(s.inputs())
	}
	return s.print
}

// ReadCache reads the cache file, if it was made by this program for the
// same inputs, and gives the pages whose files need not be read again
// (nil if none).
func (s *State) ReadCache(fsys fs.FS) content.Reuse {
	if s.dir == "" {
		return nil
	}
	c, ok := read(s.dir, s.fingerprint())
	if !ok {
		return nil
	}
	s.cached = c
	return c.Reuse(fsys)
}

// Loaded tells the state the pages the full build loaded: those taken
// from the cache file are without their body (see Unread). It waits for
// the rest of the cache and reports whether the build is warm: whether the
// bodies and keys of the cache can be reused.
func (s *State) Loaded(pages []*content.Page) bool {
	c := s.cached
	if c == nil {
		return false
	}
	s.unread = map[string]bool{}
	for _, p := range pages {
		if c.pages[p.Path].Page == p {
			s.unread[p.Path] = true
		}
	}
	// Without the bodies, the pages from the cache are still good: they
	// are read again when their bodies are needed.
	if !c.finish() {
		return false
	}
	s.outputs, s.bodies = c.keys, c.bodies
	return true
}

// Unread tells whether the page of path was taken from the cache without
// its body.
func (s *State) Unread(path string) bool { return s.unread[path] }

// Body is the body rendered for the page of path in the last build, or
// nil.
func (s *State) Body(path string) *Body { return s.bodies[path] }

// Bodies are the bodies of the last build, by path.
func (s *State) Bodies() map[string]*Body { return s.bodies }

// SetBodies keeps the bodies of this build, by path.
func (s *State) SetBodies(b map[string]*Body) { s.bodies = b }

// Outputs are the outputs of the last successful build and their keys;
// nil if none.
func (s *State) Outputs() Outputs { return s.outputs }

// SetOutputs keeps the outputs of a successful build.
func (s *State) SetOutputs(o Outputs) { s.outputs = o }

// BeginCache begins the cache file of a cold build, into which Store puts
// the HTML of bodies as they are rendered; false if there is no cache
// folder.
func (s *State) BeginCache() bool {
	s.DropCache()
	if s.dir == "" {
		return false
	}
	s.writer = newWriter(s.dir)
	return true
}

// Store adds the HTML of a body to the cache file begun: after it, the
// HTML need not be held for the cache. It is safe for concurrent use.
func (s *State) Store(e *Body) {
	if s.writer != nil {
		s.writer.store(e)
	}
}

// FinishCache writes, in the background, the rest of the cache file but
// the keys: the pages read (files, by path, with what reading them
// reported) and the bodies of this build.
func (s *State) FinishCache(files map[string]*content.Page, fileDiags map[string]diag.List) {
	if s.writer != nil {
		s.writer.finish(s.fingerprint(), s.started, files, fileDiags, s.bodies)
	}
}

// SaveCache puts the cache file of the last successful build in place,
// for the next build, with the pages read (see FinishCache). Call it once
// the output is in place; else DropCache.
func (s *State) SaveCache(files map[string]*content.Page, fileDiags map[string]diag.List) error {
	if s.dir == "" || s.outputs == nil {
		return nil
	}
	c := s.writer
	s.writer = nil
	if c == nil {
		c = newWriter(s.dir)
	}
	if c.done == nil {
		c.finish(s.fingerprint(), s.started, files, fileDiags, s.bodies)
	}
	return c.save(s.outputs)
}

// DropCache gives up the cache file that the last build began to write,
// for a build that failed or changed nothing.
func (s *State) DropCache() {
	if s.writer != nil {
		s.writer.drop()
		s.writer = nil
	}
}
