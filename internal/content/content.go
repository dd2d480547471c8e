// Package content walks a site's content/ folder, splits and decodes the
// frontmatter of every Markdown file and validates it into typed Pages.
package content

import (
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	_ "image/gif" // image sizes
	_ "image/jpeg"
	_ "image/png"
	"io"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"pressroom/internal/config"
	"pressroom/internal/diag"
	"pressroom/internal/feeds"
	"pressroom/internal/slug"
)

// Dir is the content folder of a site.
const Dir = "content"

// Checksum tells whether a file changed: two CRC-32 of it with different
// polynomials, a 64-bit CRC in effect, which the processor computes many
// times faster than FNV.
func Checksum(b []byte) uint64 {
	return uint64(crc32.Checksum(b, crc32.MakeTable(crc32.Castagnoli)))<<32 | uint64(crc32.ChecksumIEEE(b))
}

// Stamp is what a file looked like when it was read: its size, the time
// of its last change and, where the system tells, of its last change of
// status (which also setting the modification time by hand is).
type Stamp struct {
	Size            int64
	ModTime, Change time.Time
}

// StampOf is the stamp of a file now.
func StampOf(info fs.FileInfo) Stamp {
	return Stamp{Size: info.Size(), ModTime: info.ModTime(), Change: changeTime(info)}
}

// Same tells whether two stamps are of the same file contents, as far as
// sizes and times can tell; a stamp without times tells nothing.
func (s Stamp) Same(o Stamp) bool {
	return !s.ModTime.IsZero() && s.Size == o.Size && s.ModTime.Equal(o.ModTime) && s.Change.Equal(o.Change)
}

// readAll reads a file of about size bytes through read, which returns 0
// or io.EOF at its end.
func readAll(size int64, read func([]byte) (int, error), st Stamp) ([]byte, Stamp, error) {
	data := make([]byte, 0, size+1)
	for {
		n, err := read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF || err == nil && n == 0 {
			return data, st, nil
		}
		if err != nil {
			return nil, Stamp{}, err
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
}

// Page is one Markdown file with its typed frontmatter.
type Page struct {
	Path     string // slash path relative to the site, e.g. content/pressemitteilungen/x.md
	Section  string // first folder below content/; "" for plain pages at the root
	Bundle   bool   // index.md of a folder whose other files belong to it
	Dir      string // slash folder of the file, relative to the site
	Slug     string
	Format   string // yaml, toml or json
	Body     []byte
	BodyLine int      // line of the body's first line in the file
	Files    []string // bundle resources, relative to Dir

	Title, Summary, Place, Layout, Correction string
	Date, Embargo, Updated                    time.Time
	Draft                                     bool
	Tags, Organizations, Contacts, Aliases    []string
	Attachments                               []Attachment
	Image, ImageAlt, ImageCredit              string
	ImageWidth, ImageHeight                   int            // 0 if not a PNG, JPEG or GIF
	Images                                    []Photo        // the gallery
	URL                                       string         // explicit URL from frontmatter, keeps an old address
	EmbargoPreview                            bool           // build an unguessable preview while under embargo
	Params                                    map[string]any // a theme's own keys
	Event                                     *Event         // the event of a page in a section of kind event; nil else

	KeyLines map[string]int // line of each frontmatter key, for diagnostics
	GoLive   diag.List      // warnings that the page is not ready to go live (see goLive)
	Sum      uint64         // checksum of the file (see Checksum): the same bytes give the same sum
	Stamp    Stamp          // the file's size and times when it was read
	// FilesKey changes when a file the page shows besides its own changes
	// (see FileKey): bundle files, attachments, the image; FileKeys are
	// the keys of those files, by their path in the site.
	FilesKey uint64
	FileKeys map[string]uint64

	front *frontText // while loading: the frontmatter, to find the lines of values
}

// frontText is the frontmatter of a file as lines, the first at line start.
type frontText struct {
	lines []string
	start int
}

// Attachment is a download of a page.
type Attachment struct {
	File  string // relative to the page's folder
	Title string
	Size  int64
	Type  string // MIME type
}

// Line returns the line of a frontmatter key, or 1.
func (p *Page) Line(key string) int {
	if l, ok := p.KeyLines[key]; ok {
		return l
	}
	return 1
}

// itemLine returns the line of the value v of key while loading: the line
// of its list item when a list is written one item a line, else the key's.
func (p *Page) itemLine(key, v string) int {
	line, ok := p.KeyLines[key]
	if !ok || p.front == nil || v == "" {
		return p.Line(key)
	}
	end := p.front.start + len(p.front.lines)
	for _, l := range p.KeyLines {
		if l > line && l < end {
			end = l
		}
	}
	for l := line; l < end; l++ {
		i := l - p.front.start
		if i < 0 || i >= len(p.front.lines) {
			break
		}
		if containsWord(p.front.lines[i], v) {
			return l
		}
	}
	return line
}

// containsWord reports whether w occurs in s, not as part of a longer name.
func containsWord(s, w string) bool {
	inName := func(c byte) bool {
		return c >= 0x80 || c == '-' || c == '_' || c == '.' || c == '/' ||
			c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	}
	for i := 0; i <= len(s)-len(w); {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		j += i
		if (j == 0 || !inName(s[j-1])) && (j+len(w) == len(s) || !inName(s[j+len(w)])) {
			return true
		}
		i = j + 1
	}
	return false
}

// reported reports whether diags hold an error about key already.
func reported(diags diag.List, key string) bool {
	for _, d := range diags {
		if !d.Warning && strings.HasPrefix(d.Msg, key+": ") {
			return true
		}
	}
	return false
}

// Reuse may give the page of a file as an earlier build loaded it, and its
// diagnostics, so that the file need not be read again.
type Reuse func(name string) (*Page, diag.List, bool)

// Load reads every page below content/ in fsys (the site's folder), or
// takes it from reuse (which may be nil).
func Load(fsys fs.FS, cfg *config.Site, reuse Reuse) ([]*Page, diag.List) {
	var diags diag.List
	if st, err := fs.Stat(fsys, Dir); err == nil && !st.IsDir() {
		diags.Errorf(Dir, 0, "%s is a file, not a folder: move it away and create %s/ with the Markdown files", Dir, Dir)
		return nil, diags
	}
	var files []string
	err := fs.WalkDir(fsys, Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == Dir {
				return err // no content folder: reported below
			}
			diags.Errorf(p, 0, "%v", err)
			return nil
		}
		if p == Dir {
			return nil
		}
		switch kind, msg, hint := classify(d.Name(), d.Type()); kind {
		case entrySkip:
			if d.IsDir() {
				return fs.SkipDir
			}
		case entryRefused:
			diags.Add(diag.Diagnostic{Path: p, Msg: msg, Hint: hint})
			if d.IsDir() {
				return fs.SkipDir
			}
		case entryPage:
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		if _, statErr := fs.Stat(fsys, Dir); statErr != nil {
			diags.Errorf(Dir, 0, "no content folder: create %s/ with Markdown files", Dir)
			return nil, diags
		}
		diags.Errorf(Dir, 0, "%v", err)
	}
	pages := make([]*Page, len(files))
	perFile := make([]diag.List, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	// Twice as many workers as cores: reading a file blocks one.
	for w := 0; w < 2*runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if reuse != nil {
					if p, d, ok := reuse(files[i]); ok {
						pages[i], perFile[i] = p, d
						continue
					}
				}
				pages[i], perFile[i] = LoadFile(fsys, cfg, files[i])
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	out := pages[:0]
	for i, p := range pages {
		diags.Add(perFile[i]...)
		if p != nil {
			out = append(out, p)
		}
	}
	return out, diags
}

// entryKind is what the walk of content/ does with a file or folder.
type entryKind int

const (
	entrySkip    entryKind = iota // not content: a hidden name, a file other than Markdown
	entryDir                      // a folder to look into
	entryPage                     // a Markdown file: a page
	entryRefused                  // an error (see classify's message)
)

// classify is the one rule of what below content/ is a page, for the walk
// of Load and for Source alike, from an entry's name and type: names that
// start with "." or "_" are left out (a folder with everything in it);
// names that are not UTF-8 and symbolic links are refused; a regular file
// ending in .md is a page.
func classify(name string, typ fs.FileMode) (kind entryKind, msg, hint string) {
	switch {
	case strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_"):
		return entrySkip, "", ""
	case !utf8.ValidString(name):
		return entryRefused, "the file name is not valid UTF-8 text", "rename it, e.g. with convmv -f latin1 -t utf8"
	case typ&fs.ModeSymlink != 0:
		return entryRefused, "symbolic links are not followed in content/", "put the file itself here, or start its name with _ to leave it out"
	case typ.IsDir():
		return entryDir, "", ""
	case !strings.HasSuffix(name, ".md"):
		return entrySkip, "", ""
	case !typ.IsRegular():
		return entryRefused, "not a regular file", "put a Markdown file here, or start its name with _ to leave it out"
	}
	return entryPage, "", ""
}

// Source tells whether the file p (a slash path relative to the site) is a
// page by the rule of Load (see classify), applied to each name below
// content/ on its way, so that a file reported changed is loaded only if a
// full load would load it. A file that is not there is not a page; the
// diagnostics say why a file is refused.
func Source(fsys fs.FS, p string) (bool, diag.List) {
	rel, ok := strings.CutPrefix(p, Dir+"/")
	if !ok || rel == "" {
		return false, nil
	}
	var diags diag.List
	parts := strings.Split(rel, "/")
	sub := Dir
	var kind entryKind
	for i, name := range parts {
		sub += "/" + name
		info, err := fs.Lstat(fsys, sub)
		var typ fs.FileMode
		if err == nil {
			typ = info.Mode().Type()
		}
		var msg, hint string
		kind, msg, hint = classify(name, typ)
		switch {
		case kind == entrySkip:
			return false, nil
		case kind == entryRefused:
			diags.Add(diag.Diagnostic{Path: sub, Msg: msg, Hint: hint})
			return false, diags
		case errors.Is(err, fs.ErrNotExist):
			return false, nil
		case err != nil:
			diags.Errorf(sub, 0, "%v", err)
			return false, diags
		case i < len(parts)-1 && kind != entryDir:
			return false, nil
		}
	}
	return kind == entryPage, nil
}

// LoadFile reads one Markdown file below content/. A page is returned also
// when it has problems, unless it could not be decoded at all.
func LoadFile(fsys fs.FS, cfg *config.Site, p string) (*Page, diag.List) {
	var diags diag.List
	src, stamp, err := readFile(fsys, p)
	if err != nil {
		diags.Errorf(p, 0, "%v", err)
		return nil, diags
	}
	sum := Checksum(src)
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	// Lines end in \n, \r\n or a lone \r, for YAML and CommonMark alike.
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n"))
	}
	if len(bytes.TrimSpace(src)) == 0 {
		diags.Add(diag.Diagnostic{Path: p, Line: 1, Msg: "empty file", Hint: "add frontmatter with at least a title, or delete the file"})
		return nil, diags
	}
	src, controls, notUTF8 := cleanSource(src)
	if notUTF8 > 0 {
		diags.Add(diag.Diagnostic{Path: p, Line: notUTF8, Msg: "the file is not valid UTF-8 text",
			Hint: "save it with the encoding UTF-8"})
		return nil, diags
	}
	if controls == nil {
		controls = map[int][]rune{}
	}
	m, d := splitFrontmatter(p, src)
	diags.Add(d...)
	if m == nil {
		diags.Add(controlWarnings(p, controls)...)
		return nil, diags
	}
	page := &Page{Path: p, Dir: path.Dir(p), Format: m.format, Body: m.body, BodyLine: m.bodyLine, KeyLines: m.keyLines, Sum: sum, Stamp: stamp}
	page.front = &frontText{strings.Split(string(m.raw), "\n"), m.rawStart}
	defer func() { page.front = nil }()
	rel := strings.TrimPrefix(p, Dir+"/")
	name := path.Base(p)
	switch {
	case name == "index.md" && page.Dir != Dir:
		page.Bundle = true
		page.Files = bundleFiles(fsys, page.Dir)
		name = path.Base(page.Dir)
		if strings.Count(rel, "/") > 1 {
			page.Section = rel[:strings.Index(rel, "/")]
		}
	case strings.Contains(rel, "/"):
		page.Section = rel[:strings.Index(rel, "/")]
		name = strings.TrimSuffix(name, ".md")
	default:
		name = strings.TrimSuffix(name, ".md")
	}
	// The file is clean (cleanSource); only an escape ("\v", "\u0308")
	// can put an unwanted character or another normal form into a value.
	if bytes.IndexByte(m.raw, '\\') >= 0 || !norm.NFC.IsNormal(m.raw) {
		page.cleanFields(m.fields, controls)
	}
	page.decode(m.fields, cfg, &diags)
	if page.Slug == "" {
		page.Slug = slug.Make(datePrefix.ReplaceAllString(name, ""))
	}
	if page.Slug == "" {
		diags.Add(diag.Diagnostic{Path: p, Line: page.Line("slug"), Msg: "the page has no usable slug",
			Hint: "rename the file, or add slug: with letters or digits to its frontmatter"})
	}
	if short := ShortSlug(page.Slug); short != page.Slug {
		page.Slug = short
		diags.Add(diag.Diagnostic{Path: p, Line: page.Line("slug"), Warning: true,
			Msg: fmt.Sprintf("the slug is longer than %d characters and was shortened to %q", MaxSlug, page.Slug)})
	}
	if len(page.Tags) > MaxTags {
		diags.Add(diag.Diagnostic{Path: p, Line: page.Line("tags"), Warning: true,
			Msg:  fmt.Sprintf("%d tags: only the first %d are used", len(page.Tags), MaxTags),
			Hint: "a release needs a few topics, not a list of keywords"})
		page.Tags = page.Tags[:MaxTags]
	}
	for _, t := range page.Tags {
		if slug.Make(t) == "" {
			diags.Add(diag.Diagnostic{Path: p, Line: page.itemLine("tags", t), Warning: true,
				Msg:  fmt.Sprintf("the tag %q has no letter or digit: it gets no topic page (kein Themen-Link)", t),
				Hint: "name the topic with a word"})
		}
	}
	page.validate(fsys, cfg, &diags)
	page.goLive(src, cfg)
	page.FilesKey, page.FileKeys = page.filesKey(fsys)
	diags.Add(controlWarnings(p, controls)...)
	return page, diags
}

// bundleFiles lists the files of a bundle other than Markdown, relative to
// its folder. A folder below it that holds a Markdown file (index.md,
// _index.md or any other page) is another page's, and so is all below it:
// its files are not the bundle's, and are published only with that page.
func bundleFiles(fsys fs.FS, dir string) []string {
	var files []string
	fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") || strings.HasPrefix(d.Name(), "_") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() && holdsPage(fsys, p) {
			return fs.SkipDir
		}
		if !d.IsDir() && !strings.HasSuffix(p, ".md") && d.Type().IsRegular() {
			files = append(files, strings.TrimPrefix(p, dir+"/"))
		}
		return nil
	})
	return files
}

// holdsPage reports whether the folder holds a Markdown file of its own.
func holdsPage(fsys fs.FS, dir string) bool {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return true // unreadable: not the bundle's to publish
	}
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".md") {
			return true
		}
	}
	return false
}

// Limits that keep URLs within file name lengths and the work per page
// bounded.
const (
	MaxSlug = 120
	MaxTags = 50
)

// ShortSlug cuts a slug longer than MaxSlug bytes at its last dash within
// the limit (or at the limit when that dash is in the first half): the
// slug the build uses for it.
func ShortSlug(s string) string {
	if len(s) <= MaxSlug {
		return s
	}
	cut := strings.LastIndexByte(s[:MaxSlug], '-')
	if cut < MaxSlug/2 {
		cut = MaxSlug
	}
	return s[:cut]
}

var datePrefix = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}-`)

// Kind returns the kind of the page's section.
func (p *Page) Kind(cfg *config.Site) string {
	if p.Section == "" {
		return config.KindPage
	}
	if sec, ok := cfg.Sections[p.Section]; ok {
		return sec.Kind
	}
	if p.Section == config.EventSection(cfg.Language) {
		return config.KindEvent
	}
	return config.KindRelease
}

func (p *Page) validate(fsys fs.FS, cfg *config.Site, diags *diag.List) {
	kind := p.Kind(cfg)
	if strings.TrimSpace(p.Title) == "" && !reported(*diags, "title") {
		diags.Add(diag.Diagnostic{Path: p.Path, Line: p.Line("title"), Msg: "missing title", Hint: "add a line title: \"…\" to the frontmatter"})
	}
	if p.Date.IsZero() && kind != config.KindPage {
		if _, given := p.KeyLines["date"]; !given {
			hint := "releases and papers need a date, e.g. date: 2021-10-05 10:00"
			if kind == config.KindEvent {
				hint = "an event needs a date: when its announcement is published (start: says when it takes place), e.g. date: 2026-11-10 10:00"
			}
			diags.Add(diag.Diagnostic{Path: p.Path, Line: 1, Msg: "missing date", Hint: hint})
		}
	}
	for _, id := range p.Organizations {
		if cfg.Organization(id) == nil {
			diags.Add(diag.Diagnostic{Path: p.Path, Line: p.itemLine("organizations", id), Msg: fmt.Sprintf("unknown organization %q", id),
				Hint: "declare it as [[organizations]] in site.toml" + known(ids(cfg.Organizations))})
		}
	}
	for _, id := range p.Contacts {
		if cfg.Contact(id) == nil {
			diags.Add(diag.Diagnostic{Path: p.Path, Line: p.itemLine("contacts", id), Msg: fmt.Sprintf("unknown contact %q", id),
				Hint: "declare it as [[contacts]] in site.toml" + known(contactIDs(cfg.Contacts))})
		}
	}
	for i := range p.Attachments {
		a := &p.Attachments[i]
		size, ok := p.checkFile(fsys, &a.File, "attachments", diags)
		a.Size = size
		a.Type = MediaType(a.File)
		if ok && a.Title == "" {
			a.Title = path.Base(a.File)
		}
	}
	if p.Image != "" {
		if _, ok := p.checkFile(fsys, &p.Image, "image", diags); ok {
			p.ImageWidth, p.ImageHeight = imageSize(fsys, path.Join(p.Dir, path.Clean(p.Image)))
		}
		if p.ImageAlt == "" {
			diags.Add(diag.Diagnostic{Path: p.Path, Line: p.Line("image"), Warning: true,
				Msg:  "the image has no alt text: blind readers learn nothing about it",
				Hint: "add image_alt: \"…\" saying what the picture shows"})
		}
	}
	p.checkPhotos(fsys, diags)
	if p.Layout != "" && (strings.ContainsAny(p.Layout, `/\`) || strings.HasPrefix(p.Layout, ".")) {
		diags.Errorf(p.Path, p.Line("layout"), "layout %q must be a plain template name such as \"special\"", p.Layout)
	}
	for _, a := range p.Aliases {
		if !strings.HasPrefix(a, "/") {
			diags.Errorf(p.Path, p.itemLine("aliases", a), "alias %q must start with /", a)
		}
	}
	if p.URL != "" && !strings.HasPrefix(p.URL, "/") {
		diags.Errorf(p.Path, p.Line("url"), "url %q must start with /", p.URL)
	}
	p.validateEvent(kind, diags)
}

// checkFile checks that a file named in the frontmatter exists beside the
// page. The frontmatter is read in NFC; a file whose name is in another
// normal form (NFD, as macOS writes names) is found too, and *file is set
// to its name as it is.
func (p *Page) checkFile(fsys fs.FS, file *string, key string, diags *diag.List) (int64, bool) {
	name := *file
	clean := path.Clean(name)
	if name == "" || path.IsAbs(name) || strings.HasPrefix(clean, "../") || clean == ".." || strings.ContainsAny(name, "\\\x00") || strings.Contains(name, ":") {
		diags.Errorf(p.Path, p.itemLine(key, name), "%s: %q must be a file name relative to the page's folder", key, name)
		return 0, false
	}
	fi, err := fs.Stat(fsys, path.Join(p.Dir, clean))
	if err != nil {
		if actual := otherForm(fsys, p.Dir, clean); actual != "" {
			if fi, err = fs.Stat(fsys, path.Join(p.Dir, actual)); err == nil {
				*file = actual
			}
		}
	}
	if err != nil || fi.IsDir() {
		diags.Add(diag.Diagnostic{Path: p.Path, Line: p.itemLine(key, name), Msg: fmt.Sprintf("%s: file %q not found", key, name),
			Hint: "put it beside " + path.Base(p.Path) + " (" + path.Join(p.Dir, clean) + ")"})
		return 0, false
	}
	return fi.Size(), true
}

// otherForm finds the file clean (a slash path) below dir by the NFC form
// of its names: its path as it is, or "".
func otherForm(fsys fs.FS, dir, clean string) string {
	var found []string
	for _, want := range strings.Split(clean, "/") {
		entries, err := fs.ReadDir(fsys, path.Join(append([]string{dir}, found...)...))
		if err != nil {
			return ""
		}
		n := len(found)
		for _, e := range entries {
			if norm.NFC.String(e.Name()) == norm.NFC.String(want) {
				found = append(found, e.Name())
				break
			}
		}
		if len(found) == n {
			return ""
		}
	}
	return strings.Join(found, "/")
}

func ids(orgs []*config.Organization) []string {
	var out []string
	for _, o := range orgs {
		out = append(out, o.ID)
	}
	return out
}

func contactIDs(cs []*config.Contact) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.ID)
	}
	return out
}

func known(list []string) string {
	if len(list) == 0 {
		return ""
	}
	sort.Strings(list)
	return "; known: " + strings.Join(list, ", ")
}

// imageSize reads the dimensions of a PNG, JPEG or GIF from its header, so
// that the page reserves its space before it loads.
func imageSize(fsys fs.FS, name string) (int, int) {
	f, err := fsys.Open(name)
	if err != nil {
		return 0, 0
	}
	defer f.Close()
	c, _, err := image.DecodeConfig(f)
	if err != nil {
		return 0, 0
	}
	return c.Width, c.Height
}

// MediaType returns the MIME type of a file by its name: the one table of
// media types, for the type of attachments (in pages and feed enclosures)
// and the preview's Content-Type. The three feeds are known by their names
// (feed.xml is RSS, another .xml file XML), other files by extension. The
// table is built in so that output does not depend on the machine; a name
// it does not know is application/octet-stream.
func MediaType(name string) string {
	switch path.Base(name) {
	case feeds.RSSFile:
		return feeds.RSSType
	case feeds.AtomFile:
		return feeds.AtomType
	case feeds.JSONFile:
		return feeds.JSONType
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".html":
		return "text/html"
	case ".css":
		return "text/css"
	case ".js":
		return "text/javascript"
	case ".xml":
		return "application/xml"
	case ".json":
		return "application/json"
	case ".pdf":
		return "application/pdf"
	case ".vcf":
		return "text/vcard"
	case ".doc":
		return "application/msword"
	case ".docx":
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	case ".xls":
		return "application/vnd.ms-excel"
	case ".xlsx":
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case ".pptx":
		return "application/vnd.openxmlformats-officedocument.presentationml.presentation"
	case ".odt":
		return "application/vnd.oasis.opendocument.text"
	case ".ods":
		return "application/vnd.oasis.opendocument.spreadsheet"
	case ".csv":
		return "text/csv"
	case ".txt":
		return "text/plain"
	case ".ics":
		return "text/calendar"
	case ".zip":
		return "application/zip"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".png":
		return "image/png"
	case ".gif":
		return "image/gif"
	case ".webp":
		return "image/webp"
	case ".svg":
		return "image/svg+xml"
	case ".ico":
		return "image/vnd.microsoft.icon"
	case ".mp3":
		return "audio/mpeg"
	case ".mp4":
		return "video/mp4"
	}
	return "application/octet-stream"
}
