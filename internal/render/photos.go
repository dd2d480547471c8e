package render

import (
	"bytes"
	"fmt"
	"path"
	"strconv"
	"strings"

	"pressroom/internal/diag"
	"pressroom/internal/photo"
	"pressroom/internal/site"
	"pressroom/internal/slug"
)

// Photos knows the photos of the site's pages (frontmatter image and
// images, JPEG or PNG) and makes their published files: the build gives
// it, as the renderer reads no files.
type Photos interface {
	// Meta is what a photo's file (a slash path in the site) says; nil if
	// it is not a photo that could be read (the build reported why).
	Meta(from string) *photo.Meta
	// Stamp is the file's content.FileKey as its page was read: what
	// its outputs are made from.
	Stamp(from string) uint64
	// Settings are the site's settings for variants; Widths does not
	// hold OGWidth.
	Settings() photo.Settings
	// Variant makes the variant w px wide of a photo, one of those
	// photo.Widths gives for s.
	Variant(from string, stamp uint64, s photo.Settings, w int) ([]byte, error)
	// Original makes the published original: its metadata cleaned, its
	// rights fields r written.
	Original(from string, r photo.Rights) ([]byte, error)
}

// photoTemplate marks the outputs of photos in the plan: a check
// (Input.Sample) does not make them.
const photoTemplate = "(photo)"

// OGWidth is the width of the variant for link previews (og:image).
const OGWidth = 1200

// Figure is one photo of a page as templates see it.
type Figure struct {
	Src           string // the largest variant at most 960 px wide, relative to the page
	Srcset, Sizes string
	Width, Height int // of Src
	Alt, Caption  string
	Credit        string // shown, "Foto: …"
	License       string // terms of use, a text; LicenseURL if it is a URL
	LicenseURL    string
	Download      string // the cleaned original, relative to the page
	DownloadName  string // its file name
	// Format, Pixels and Size describe the original: "JPEG",
	// "5472 × 3648", its size in bytes.
	Format       string
	OrigW, OrigH int
	Size         int64
	// Info is "Foto in Druckqualität, 5472 × 3648 px (JPEG, 6,2 MB)".
	Info          string
	Lazy          bool   // below the fold: loading="lazy"
	OG            string // the 1200 px variant, relative to the page
	OGW, OGH      int
	gallery       bool
	from, to, dir string
	stamp         uint64
	meta          *photo.Meta
	widths        []int
	rights        photo.Rights
}

// pageFigures are the photos of a page.
type pageFigures struct {
	all  []*Figure
	lead *Figure
}

func diagnosticAt(o origin, msg string) diag.Diagnostic {
	return diag.Diagnostic{Path: o.path, Line: o.line, Msg: msg}
}

// variantName is the output name of the variant w px wide.
func (f *Figure) variantName(w int) string {
	ext := path.Ext(f.to)
	return strings.TrimSuffix(f.to, ext) + "-" + strconv.Itoa(w) + ext
}

// figures lists the photos of p, the lead image first, each file once;
// nil without Photos.
func (r *Renderer) figures(p *site.Page) *pageFigures {
	if r.photos == nil {
		return &pageFigures{}
	}
	if f, ok := r.figs[p]; ok {
		return f
	}
	var out []*Figure
	seen := map[string]*Figure{}
	dir := path.Dir(site.OutputPath(p.URL))
	pageSlug := path.Base(strings.TrimSuffix(p.URL, "/"))
	if pageSlug == "" || pageSlug == "." {
		pageSlug = "foto"
	}
	add := func(file, alt, caption, credit, license string, gallery bool) *Figure {
		from := path.Join(p.Dir, path.Clean(file))
		if f := seen[from]; f != nil {
			// The lead image in the gallery too: shown in both, made once.
			g := *f
			g.gallery, g.Alt, g.Caption = true, alt, caption
			out = append(out, &g)
			return &g
		}
		m := r.photos.Meta(from)
		if m == nil {
			return nil
		}
		stem := slug.Make(strings.TrimSuffix(path.Base(file), path.Ext(file)))
		name := pageSlug + "-" + stem
		if strings.HasPrefix(stem, pageSlug) {
			name = stem
		}
		f := &Figure{Alt: alt, Caption: caption, Format: m.Format.String(), OrigW: m.Width, OrigH: m.Height,
			gallery: gallery, from: from, dir: dir, stamp: r.photos.Stamp(from), meta: m}
		f.to = path.Join(dir, name+m.Format.Ext())
		f.DownloadName = path.Base(f.to)
		f.Download = fileURL(f.DownloadName)
		if credit == "" {
			credit = m.Found.Credit
		}
		if credit == "" && m.Found.Creator != "" {
			credit = r.t("photoBy") + " " + m.Found.Creator
		}
		f.Credit = credit
		if license == "" {
			license = r.cfg.Images.License
		}
		if strings.HasPrefix(license, "https://") || strings.HasPrefix(license, "http://") {
			f.LicenseURL = license
		} else {
			f.License = license
		}
		f.rights = photo.Rights{Creator: creator(credit), Credit: credit, Caption: caption, Terms: f.License, TermsURL: f.LicenseURL}
		if m.Found.Copyright == "" && f.rights.Creator != "" {
			f.rights.Copyright = "© " + f.rights.Creator
		}
		if m.Found.Creator != "" {
			f.rights.Creator = ""
		}
		f.Size = int64(m.Size(f.rights))
		f.Info = fmt.Sprintf("%s, %d × %d px (%s, %s)", r.t("printPhoto"), m.Width, m.Height, m.Format, r.size(f.Size))
		f.widths = photo.Widths(m.Width, r.photoSettings().Widths)
		var set []string
		for _, w := range f.widths {
			set = append(set, fileURL(path.Base(f.variantName(w)))+" "+strconv.Itoa(w)+"w")
			if w <= 960 || f.Src == "" {
				f.Src, f.Width, f.Height = fileURL(path.Base(f.variantName(w))), w, photo.Height(w, m.Width, m.Height)
			}
		}
		f.Srcset = strings.Join(set, ", ")
		og := f.widths[len(f.widths)-1]
		for _, w := range f.widths {
			if w == OGWidth {
				og = w
			}
		}
		f.OG, f.OGW, f.OGH = fileURL(path.Base(f.variantName(og))), og, photo.Height(og, m.Width, m.Height)
		seen[from] = f
		out = append(out, f)
		return f
	}
	pf := &pageFigures{}
	if p.Image != "" && isPhotoFile(p.Image) {
		pf.lead = add(p.Image, p.ImageAlt, "", p.ImageCredit, "", false)
	}
	for _, ph := range p.Images {
		add(ph.File, ph.Alt, ph.Caption, ph.Credit, ph.License, true)
	}
	for _, f := range out {
		if f.gallery {
			f.Sizes = "(min-width: 42rem) 20rem, calc(100vw - 2rem)"
			f.Lazy = true
		} else {
			f.Sizes = "(min-width: 42rem) 40rem, calc(100vw - 2rem)"
		}
	}
	pf.all = out
	if r.figs != nil {
		r.figs[p] = pf
	}
	return pf
}

// photoSettings are the site's settings with the width of link previews.
func (r *Renderer) photoSettings() photo.Settings {
	s := r.photos.Settings()
	s.Widths = append(append([]int(nil), s.Widths...), OGWidth)
	return s
}

// isPhotoFile tells whether a file is handled as a photo: JPEG or PNG.
func isPhotoFile(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".jpg", ".jpeg", ".png":
		return true
	}
	return false
}

// creator is the photographer named in a credit: "Foto: Anna Berg" ->
// "Anna Berg".
func creator(credit string) string {
	c := strings.TrimSpace(credit)
	for _, prefix := range []string{"Foto:", "Fotos:", "Bild:", "Photo:", "Image:", "Illustration:", "Grafik:", "Foto", "©", "(c)"} {
		if len(c) >= len(prefix) && strings.EqualFold(c[:len(prefix)], prefix) {
			c = strings.TrimSpace(c[len(prefix):])
			break
		}
	}
	return c
}

// leadFigure is the page's lead image as a photo, or nil.
func (r *Renderer) leadFigure(p *site.Page) *Figure { return r.figures(p).lead }

// socialFigure is the photo of link previews: the lead image, else the
// gallery's first photo.
func (r *Renderer) socialFigure(p *site.Page) *Figure {
	if f := r.figures(p); f.lead != nil || p.Image != "" {
		return f.lead
	} else if len(f.all) > 0 {
		return f.all[0]
	}
	return nil
}

// galleryFigures are the photos of the page's gallery.
func (r *Renderer) galleryFigures(p *site.Page) []*Figure {
	var out []*Figure
	for _, f := range r.figures(p).all {
		if f.gallery {
			out = append(out, f)
		}
	}
	return out
}

// photoJobs adds the outputs of the photos of p: the cleaned original and
// the variants, each made from the original's stamp and the settings.
func (r *Renderer) photoJobs(jobs *[]job, p *site.Page) {
	for _, f := range r.figures(p).all {
		if f.gallery && f.meta == nil {
			continue
		}
		if p.Image != "" && f.gallery && r.figures(p).lead != nil && f.from == r.figures(p).lead.from {
			continue // made as the lead image
		}
		f := f
		src := origin{path: p.Path, line: p.Line("image"), what: "the photo " + f.from + " of ", of: p.Path}
		for _, ph := range p.Images {
			if path.Join(p.Dir, path.Clean(ph.File)) == f.from && ph.Line > 0 {
				src.line = ph.Line
				break
			}
		}
		fail := func(err error) error {
			return diagErr{diagnosticAt(src, fmt.Sprintf("%s: %v", path.Base(f.from), err))}
		}
		s := r.photoSettings()
		*jobs = append(*jobs, job{name: f.to, kind: kindOther, tmpl: photoTemplate, src: src,
			deps: func(k Deps) {
				k.Str("photo").Num(f.stamp).Str(f.rights.Creator).Str(f.rights.Credit).Str(f.rights.Copyright).Str(f.rights.Caption).Str(f.rights.Terms).Str(f.rights.TermsURL)
			},
			run: func(b *bytes.Buffer) error {
				data, err := r.photos.Original(f.from, f.rights)
				if err != nil {
					return fail(err)
				}
				b.Write(data)
				return nil
			}})
		for _, w := range f.widths {
			w := w
			*jobs = append(*jobs, job{name: f.variantName(w), kind: kindOther, tmpl: photoTemplate, src: src,
				deps: func(k Deps) {
					k.Str("variant").Num(f.stamp).Num(uint64(w)).Num(uint64(s.Quality))
					for _, x := range f.widths {
						k.Num(uint64(x))
					}
				},
				run: func(b *bytes.Buffer) error {
					data, err := r.photos.Variant(f.from, f.stamp, s, w)
					if err != nil {
						return fail(err)
					}
					b.Write(data)
					return nil
				}})
		}
	}
}

// ldImage is a photo for schema.org JSON-LD, with the fields search
// engines show as its licence details. The fields are in the order of
// their names.
type ldImage struct {
	Type               string    `json:"@type"`
	AcquireLicensePage string    `json:"acquireLicensePage,omitempty"`
	Caption            string    `json:"caption,omitempty"`
	ContentURL         string    `json:"contentUrl"`
	CopyrightNotice    string    `json:"copyrightNotice,omitempty"`
	CreditText         string    `json:"creditText,omitempty"`
	Creator            *ldPerson `json:"creator,omitempty"`
	Height             int       `json:"height"`
	License            string    `json:"license,omitempty"`
	ThumbnailURL       string    `json:"thumbnailUrl"`
	Width              int       `json:"width"`
}

type ldPerson struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

// schemaImages describes the photos of p (the lead image first) for
// JSON-LD, with the page's absolute URL page.
func (r *Renderer) schemaImages(p *site.Page, page string) []ldImage {
	var out []ldImage
	seen := map[string]bool{}
	for _, f := range r.figures(p).all {
		if seen[f.from] {
			continue
		}
		seen[f.from] = true
		img := ldImage{Type: "ImageObject", ContentURL: resolve(page, f.Download), ThumbnailURL: resolve(page, f.OG),
			Width: f.OrigW, Height: f.OrigH, Caption: f.Caption, CreditText: f.Credit, CopyrightNotice: f.copyright(),
			License: f.LicenseURL, AcquireLicensePage: page}
		if c := f.creatorName(); c != "" {
			img.Creator = &ldPerson{Type: "Person", Name: c}
		}
		if img.Caption == "" {
			img.Caption = f.Alt
		}
		out = append(out, img)
	}
	return out
}

// copyright is the copyright notice the published original carries.
func (f *Figure) copyright() string {
	if f.rights.Copyright != "" {
		return f.rights.Copyright
	}
	return f.meta.Found.Copyright
}

// creatorName is the photographer the published original names.
func (f *Figure) creatorName() string {
	if f.rights.Creator != "" {
		return f.rights.Creator
	}
	return f.meta.Found.Creator
}
