package render

import (
	"bytes"
	"fmt"
	"time"
)

// sitemapLimit is the most URLs one sitemap file may hold.
const sitemapLimit = 50000

type sitemapEntry struct {
	url     string
	lastmod time.Time
}

// sitemapJobs writes sitemap.xml (an index with sitemap-N.xml files beyond
// 50,000 URLs) and robots.txt: the pages of the plan marked for it.
func (r *Renderer) sitemapJobs(plan []job) []job {
	var entries []sitemapEntry
	for _, j := range plan {
		if j.sitemap {
			entries = append(entries, sitemapEntry{address(j.name), j.lastmod})
		}
	}
	write := func(b *bytes.Buffer, part []sitemapEntry) {
		b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
		for _, e := range part {
			b.WriteString("  <url><loc>")
			escapeHTML(b, r.abs(e.url))
			b.WriteString("</loc>")
			if !e.lastmod.IsZero() {
				b.WriteString("<lastmod>" + r.iso(e.lastmod) + "</lastmod>")
			}
			b.WriteString("</url>\n")
		}
		b.WriteString("</urlset>\n")
	}
	deps := func(k Deps) {
		k.Str("sitemap")
		for _, e := range entries {
			k.Str(e.url).Time(e.lastmod)
		}
	}
	src := origin{what: "the sitemap"}
	var jobs []job
	if len(entries) <= sitemapLimit {
		jobs = append(jobs, job{name: "sitemap.xml", kind: kindOther, src: src, deps: deps, run: func(b *bytes.Buffer) error { write(b, entries); return nil }})
	} else {
		var index bytes.Buffer
		index.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
		for n := 0; n*sitemapLimit < len(entries); n++ {
			part := entries[n*sitemapLimit : min((n+1)*sitemapLimit, len(entries))]
			name := fmt.Sprintf("sitemap-%d.xml", n+1)
			index.WriteString("  <sitemap><loc>")
			escapeHTML(&index, r.abs("/"+name))
			index.WriteString("</loc></sitemap>\n")
			jobs = append(jobs, job{name: name, kind: kindOther, src: src, deps: deps, run: func(b *bytes.Buffer) error { write(b, part); return nil }})
		}
		index.WriteString("</sitemapindex>\n")
		jobs = append(jobs, job{name: "sitemap.xml", kind: kindOther, src: src, deps: deps, run: func(b *bytes.Buffer) error { b.Write(index.Bytes()); return nil }})
	}
	jobs = append(jobs, job{name: "robots.txt", kind: kindOther, src: origin{what: "robots.txt"}, deps: func(k Deps) { k.Str("robots") }, run: func(b *bytes.Buffer) error {
		fmt.Fprintf(b, "User-agent: *\nAllow: /\n\nSitemap: %s\n", r.abs("/sitemap.xml"))
		return nil
	}})
	return jobs
}
