// Package publish is the one write path of build and serve: files go to a
// folder on disk, swapped in whole only on success, or to memory.
package publish

import (
	"fmt"
	"path"
	"sort"
	"strings"
	"sync"
)

// CheckName rejects output names that could leave the output folder.
func CheckName(name string) error {
	if name == "" || strings.ContainsAny(name, "\\\x00:") || path.IsAbs(name) || path.Clean(name) != name ||
		name == "." || name == ".." || strings.HasPrefix(name, "../") {
		return fmt.Errorf("refusing to write %q: not a plain path inside the output folder", name)
	}
	return nil
}

// Memory keeps files in memory, for the preview server and tests.
type Memory struct {
	mu    sync.RWMutex
	files map[string][]byte
}

// NewMemory returns an empty Memory.
func NewMemory() *Memory { return &Memory{files: map[string][]byte{}} }

// Write stores a copy of data.
func (m *Memory) Write(name string, data []byte) error {
	if err := CheckName(name); err != nil {
		return err
	}
	c := make([]byte, len(data))
	copy(c, data)
	m.mu.Lock()
	m.files[name] = c
	m.mu.Unlock()
	return nil
}

// Delete removes a file.
func (m *Memory) Delete(name string) error {
	m.mu.Lock()
	delete(m.files, name)
	m.mu.Unlock()
	return nil
}

// Begin starts a batch of changes that become visible together on Commit.
func (m *Memory) Begin() *Batch {
	return &Batch{m: m, writes: map[string][]byte{}, deletes: map[string]bool{}}
}

// Batch collects writes and deletes for a Memory.
type Batch struct {
	m       *Memory
	mu      sync.Mutex
	writes  map[string][]byte
	deletes map[string]bool
}

// Write stores a copy of data in the batch.
func (b *Batch) Write(name string, data []byte) error {
	if err := CheckName(name); err != nil {
		return err
	}
	c := make([]byte, len(data))
	copy(c, data)
	b.mu.Lock()
	b.writes[name] = c
	delete(b.deletes, name)
	b.mu.Unlock()
	return nil
}

// Delete marks a file for removal.
func (b *Batch) Delete(name string) error {
	b.mu.Lock()
	b.deletes[name] = true
	delete(b.writes, name)
	b.mu.Unlock()
	return nil
}

// Change is one file that a commit changed.
type Change struct {
	Name    string
	Old     []byte // nil if the file is new
	Deleted bool
}

// Commit applies the batch at once and returns the files whose bytes
// changed, sorted by name. Files written with their old bytes are not changes.
func (b *Batch) Commit() []Change {
	b.mu.Lock()
	defer b.mu.Unlock()
	m := b.m
	m.mu.Lock()
	defer m.mu.Unlock()
	var changes []Change
	for name, data := range b.writes {
		old, ok := m.files[name]
		if ok && string(old) == string(data) {
			continue
		}
		m.files[name] = data
		changes = append(changes, Change{Name: name, Old: old})
	}
	for name := range b.deletes {
		if old, ok := m.files[name]; ok {
			delete(m.files, name)
			changes = append(changes, Change{Name: name, Old: old, Deleted: true})
		}
	}
	sort.Slice(changes, func(i, j int) bool { return changes[i].Name < changes[j].Name })
	b.writes, b.deletes = nil, nil
	return changes
}

// Get returns a file.
func (m *Memory) Get(name string) ([]byte, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	b, ok := m.files[name]
	return b, ok
}

// Names lists the files, sorted.
func (m *Memory) Names() []string {
	m.mu.RLock()
	defer m.mu.RUnlock()
	names := make([]string, 0, len(m.files))
	for n := range m.files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Discard takes outputs and keeps nothing: for checking a site.
type Discard struct{}

// Write does nothing.
func (Discard) Write(name string, _ []byte) error { return CheckName(name) }

// Delete does nothing.
func (Discard) Delete(string) error { return nil }
