package build

import (
	"context"
	"time"

	"pressroom/internal/incr"
	"pressroom/internal/publish"
)

// The entry points: Build and BuildCached for pressroom build, Check for
// pressroom check, Preview for pressroom serve. Problems are returned as a
// *diag.Error; warnings are in the result.

// Build builds the site into sink once.
func Build(ctx context.Context, opts Options, sink Sink) (*Result, error) {
	return newBuilder(opts, mode{once: true}).Full(ctx, sink)
}

// CacheDir is the folder in a site where build keeps what it needs to make
// the next build fast (see incr.CacheDir). Deleting it is always safe.
const CacheDir = incr.CacheDir

// Cache is where a build keeps its state for the next one: unchanged pages
// are not rendered again and unchanged outputs are linked from Output, the
// folder the previous build wrote.
type Cache struct {
	Dir    string // e.g. SITE/.pressroom-cache (see CacheDir)
	Output string // the output folder
}

// BuildCached builds the site into sink once, using and beginning to write
// the cache. The build's cache is saved only by Pending.Save, once the
// output is in place.
func BuildCached(ctx context.Context, opts Options, cache Cache, sink Sink) (*Result, *Pending, error) {
	b := newBuilder(opts, mode{once: true, cache: cache})
	res, err := b.Full(ctx, sink)
	return res, &Pending{b}, err
}

// Pending is the cache of a build, not yet saved.
type Pending struct{ b *Builder }

// Save writes the state of the build into the cache folder, if the build
// succeeded. Call it once the output is in place; else Drop.
func (p *Pending) Save() error { return p.b.inc.SaveCache(p.b.pages, p.b.fileDiags) }

// Drop gives the cache of the build up: for a build that failed, was
// interrupted or changed nothing (the cache still describes the output).
func (p *Pending) Drop() { p.b.inc.DropCache() }

// Check validates the site as Build would and writes nothing: it renders
// one output of each default template and every output of the site's own
// templates (see render.Input.Sample), and copies no files.
func Check(ctx context.Context, opts Options) (*Result, error) {
	return newBuilder(opts, mode{once: true, check: true}).Full(ctx, publish.Discard{})
}

// Preview builds a site and rebuilds it after changes to its files, redoing
// only what a change can affect: for pressroom serve. A Preview is not safe
// for concurrent use.
type Preview struct{ b *Builder }

// NewPreview returns the preview of the site.
func NewPreview(opts Options) *Preview {
	return &Preview{newBuilder(opts, mode{})}
}

// Full reads everything again and writes every output.
func (p *Preview) Full(ctx context.Context, sink Sink) (*Result, error) { return p.b.Full(ctx, sink) }

// Update rebuilds after the files (slash paths relative to the site)
// changed, were created or deleted; sink gets only the outputs that
// changed and the deletions of those that are gone (see Builder.Update).
func (p *Preview) Update(ctx context.Context, changed []string, sink Sink) (*Result, error) {
	return p.b.Update(ctx, changed, sink)
}

// MediaType is the media type of an output of the last build, by its
// path, as the plan says; false if the last build made no such output.
// It is safe to call while a build runs.
func (p *Preview) MediaType(name string) (string, bool) {
	if types := p.b.types.Load(); types != nil {
		return (*types)(name)
	}
	return "", false
}

// SetNow changes the instant that embargoes are measured against.
func (p *Preview) SetNow(t time.Time) { p.b.SetNow(t) }
