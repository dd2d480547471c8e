package incr

import (
	"time"

	"pressroom/internal/diag"
	"pressroom/internal/render"
	"pressroom/internal/site"
)

// kept is the preview's last model and what follows from it alone: while
// saves of bodies keep the model (see KeepModel), they keep these too.
type kept struct {
	model *site.Site
	diags diag.List // what making the model reported
	// files are the files published beside the pages of the model filesOf
	// (see Files).
	filesOf    *site.Site
	files      []render.File
	stamps     map[string]uint64
	filesDiags diag.List
	// checked is the plan's index of paths of the last render of the model
	// checkedOf that had no two outputs at one path.
	checkedOf *site.Site
	checked   map[string]int
}

// SetModel keeps the model the preview made, with what making it
// reported, for its next rebuild.
func (s *State) SetModel(m *site.Site, d diag.List) { s.kept.model, s.kept.diags = m, d }

// Model gives the preview's last model if it is also the model of the
// files after the changes at the instant now (see KeepModel), with what
// making it reported; else nil.
func (s *State) Model(changes []Change, now time.Time) (*site.Site, diag.List) {
	if s.kept.model == nil || !KeepModel(s.kept.model, changes, now) {
		return nil, nil
	}
	return s.kept.model, s.kept.diags
}

// Files gives the files published beside the pages of model m, the stamp
// of each (content.FileKey, by path in the site) and what finding them
// reported: those found for m before, if it is the same model, else what
// find finds.
func (s *State) Files(m *site.Site, find func() ([]render.File, map[string]uint64, diag.List)) ([]render.File, map[string]uint64, diag.List) {
	k := &s.kept
	if k.filesOf != m {
		k.files, k.stamps, k.filesDiags = find()
		k.filesOf = m
	}
	return k.files, k.stamps, k.filesDiags
}

// Checked gives render.Renderer.Checked of the last render of model m,
// if its plan had no two outputs at one path; else nil.
func (s *State) Checked(m *site.Site) map[string]int {
	if s.kept.checkedOf != m {
		return nil
	}
	return s.kept.checked
}

// SetChecked keeps the index of the plan of a render of model m (see
// Checked).
func (s *State) SetChecked(m *site.Site, at map[string]int) { s.kept.checked, s.kept.checkedOf = at, m }
