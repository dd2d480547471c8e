// Package serve previews a site from memory over HTTP, rebuilds it when its
// files change and tells the browsers over server-sent events: each open
// page gets its own new HTML with the event (it is morphed into the page in
// place), a changed stylesheet is swapped, build errors are shown and
// cleared.
package serve

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"pressroom/internal/build"
	"pressroom/internal/content"
	"pressroom/internal/diag"
	"pressroom/internal/publish"
)

//go:embed live.js
var liveJS string

// The morphing library, idiomorph, as npm publishes it (see morph_test.go).
//
//go:embed morph/idiomorph.min.js
var idiomorphJS string

// liveScript is what /_pressroom/live.js serves: idiomorph and the live
// client in one function, so that neither adds a global name.
func liveScript() []byte {
	return []byte("(function () {\n" + idiomorphJS + "\n" + liveJS + "\n})();\n")
}

// Event is what the browser is told after a rebuild.
type Event struct {
	Build  string            `json:"build,omitempty"`  // id of this server run: only in the first event of a stream
	Gen    int               `json:"gen"`              // how many builds changed the site since the server started
	Reload []string          `json:"reload,omitempty"` // URL paths of changed pages; "*" for all
	CSS    map[string]string `json:"css,omitempty"`    // old stylesheet path -> new
	Errors []Problem         `json:"errors"`           // empty: the build is good
	// HTML is, in the event a browser gets, the new page it shows (with
	// the live script), if the build changed it; its Reload is then empty.
	// A page that is gone, or whose HTML is not at hand, is in Reload.
	HTML string `json:"html,omitempty"`

	pages map[string]bool // names of the changed HTML outputs (see describe)
}

// client is one open event stream: the page it shows, as its output's
// name, and whether that output existed when it connected (else the page
// shows the 404 page).
type client struct {
	page    string
	path    string // the URL path the browser named
	missing bool
}

// Problem is a diagnostic with its source lines, for the overlay.
type Problem struct {
	Where string            `json:"where"` // path:line:col
	Msg   string            `json:"msg"`
	Hint  string            `json:"hint,omitempty"`
	Line  int               `json:"line"`
	Lines []diag.SourceLine `json:"lines,omitempty"`
}

// Server is the preview of one site.
type Server struct {
	builder  *build.Preview
	mem      *publish.Memory
	siteDir  string
	basePath string // "/" or "/presse/"
	id       string
	log      io.Writer
	hosts    map[string]bool // names allowed besides loopback (see AllowHosts)
	script   []byte

	mu      sync.Mutex
	gen     int // see Event.Gen; pages carry the one they were served at
	errors  []Problem
	lang    string // the site's language, for the overlay: "de" or "en"
	clients map[chan Event]client
	closed  chan struct{} // closed by Close: event streams end
	once    sync.Once

	// OnEvent, if set, is called with each event sent (for tests and
	// benchmarks).
	OnEvent func(Event)
}

// New makes a server for the site; opts.BaseURL must be the preview's own
// address (with the site's base path).
func New(opts build.Options, basePath string, log io.Writer) *Server {
	return &Server{
		builder:  build.NewPreview(opts),
		mem:      publish.NewMemory(),
		siteDir:  opts.SiteDir,
		basePath: basePath,
		id:       strconv.FormatInt(time.Now().UnixNano(), 36),
		log:      log,
		hosts:    map[string]bool{},
		script:   liveScript(),
		lang:     "de",
		clients:  map[chan Event]client{},
		closed:   make(chan struct{}),
	}
}

// AllowHosts lets the server answer requests for these host names or
// addresses too (--allow-host), besides loopback and the address a request
// came to. Call it before serving.
func (s *Server) AllowHosts(names ...string) {
	for _, n := range names {
		if h, _, err := net.SplitHostPort(n); err == nil {
			n = h
		}
		if n = normalHost(n); n != "" {
			s.hosts[n] = true
		}
	}
}

// normalHost is a host name as compared: lower case, without a final dot
// or the brackets of an IPv6 address.
func normalHost(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	if strings.HasPrefix(h, "[") && strings.HasSuffix(h, "]") {
		h = h[1 : len(h)-1]
	}
	return strings.TrimSuffix(h, ".")
}

// hostAllowed tells whether a request for host (a Host header or the host
// of an Origin, with or without port) may be answered. A page of another
// site that points its own name at 127.0.0.1 (DNS rebinding) sends that
// name: only names that cannot be rebound (localhost, *.localhost,
// loopback addresses), the address the request came to and names allowed
// explicitly are answered.
func (s *Server) hostAllowed(host string, r *http.Request) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = normalHost(host)
	if host == "" {
		return false
	}
	if host == "localhost" || strings.HasSuffix(host, ".localhost") || s.hosts[host] {
		return true
	}
	ip := net.ParseIP(host)
	if ip == nil {
		return false
	}
	if ip.IsLoopback() {
		return true
	}
	if la, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr); ok {
		if ta, ok := la.(*net.TCPAddr); ok && ta.IP.Equal(ip) && !ip.IsUnspecified() {
			return true
		}
	}
	return false
}

// forbidden answers a request for a host that is not allowed.
func forbidden(w http.ResponseWriter, what, host string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusForbidden)
	fmt.Fprintf(w, "pressroom serve: %s %q ist nicht erlaubt (is not allowed).\n"+
		"Die Vorschau antwortet nur für localhost, 127.0.0.1, ::1 und die Adresse, an der sie lauscht;\n"+
		"weitere Namen mit: pressroom serve --allow-host NAME\n"+
		"(The preview answers only for localhost, 127.0.0.1, ::1 and the address it listens on;\n"+
		"allow other names with: pressroom serve --allow-host NAME)\n", what, host)
}

// Close ends the event streams, so that the HTTP server can shut down at
// once; browsers reconnect to the next server by themselves.
func (s *Server) Close() { s.once.Do(func() { close(s.closed) }) }

// Build makes the first full build. An error is reported but the server
// still runs: it shows the error until the files are fixed.
func (s *Server) Build(ctx context.Context) (*build.Result, error) {
	batch := s.mem.Begin()
	res, err := s.builder.Full(ctx, batch)
	s.finish(batch, res, err, false)
	return res, err
}

// Rebuild rebuilds after files changed and notifies the browsers.
func (s *Server) Rebuild(ctx context.Context, changed []string) (*build.Result, error) {
	s.builder.SetNow(time.Now())
	batch := s.mem.Begin()
	res, err := s.builder.Update(ctx, changed, batch)
	ev := s.finish(batch, res, err, true)
	s.broadcast(ev)
	return res, err
}

// Follow rebuilds for each batch of changed files until ctx ends.
func (s *Server) Follow(ctx context.Context, batches <-chan []string) {
	for {
		select {
		case <-ctx.Done():
			return
		case changed := <-batches:
			s.Rebuild(ctx, changed)
		}
	}
}

// finish commits a good build or keeps the last good one, and makes the
// event that tells the browsers.
func (s *Server) finish(batch *publish.Batch, res *build.Result, err error, rebuild bool) Event {
	ev := Event{Errors: []Problem{}}
	if res != nil {
		for _, w := range res.Warnings {
			fmt.Fprintln(s.log, w.String())
		}
	}
	if err != nil {
		var de *diag.Error
		if errors.As(err, &de) {
			for _, d := range de.List {
				p := s.problem(d)
				ev.Errors = append(ev.Errors, p)
				fmt.Fprintln(s.log, diag.Format(d, p.Lines))
			}
		} else {
			ev.Errors = append(ev.Errors, Problem{Where: "pressroom", Msg: err.Error()})
			fmt.Fprintln(s.log, "pressroom:", diag.Printable(err.Error()))
		}
		fmt.Fprintf(s.log, "build failed (%d %s): still serving the last good build\n", len(ev.Errors), plural(len(ev.Errors)))
	} else {
		changes := batch.Commit()
		ev.Reload, ev.CSS, ev.pages = s.describe(changes)
		if rebuild {
			fmt.Fprintf(s.log, "rebuilt in %s: %d %s changed\n", res.Duration.Round(time.Millisecond), len(changes), pluralFile(len(changes)))
		}
	}
	s.mu.Lock()
	if res != nil && res.Site != nil && res.Site.Config != nil {
		s.lang = "de"
		if res.Site.Config.Language == "en" {
			s.lang = "en"
		}
	}
	s.errors = ev.Errors
	if len(ev.Reload) > 0 || len(ev.CSS) > 0 {
		s.gen++
	}
	ev.Gen = s.gen
	s.mu.Unlock()
	return ev
}

func plural(n int) string {
	if n == 1 {
		return "error"
	}
	return "errors"
}

func pluralFile(n int) string {
	if n == 1 {
		return "file"
	}
	return "files"
}

// problem adds the source lines to a diagnostic.
func (s *Server) problem(d diag.Diagnostic) Problem {
	p := Problem{Where: d.Where(), Msg: d.Msg, Hint: d.Hint, Line: d.Line}
	if d.Line > 0 && !strings.Contains(d.Path, " ") {
		if src, err := os.ReadFile(filepath.Join(s.siteDir, filepath.FromSlash(d.Path))); err == nil {
			p.Lines = diag.Snippet(src, d.Line, 2)
			// A line of megabytes is cut around the problem, as on the
			// terminal.
			for i, l := range p.Lines {
				col := 0
				if l.N == d.Line {
					col = d.Col
				}
				p.Lines[i].Text, _ = diag.Clip(l.Text, col, diag.SnippetWidth)
			}
		}
	}
	return p
}

var fingerprinted = regexp.MustCompile(`^(.*)\.[0-9a-f]{10}\.css$`)

// describe turns committed changes into the pages to reload (as URL paths
// and as output names) and the stylesheets to swap. A page whose only
// change is the name of a swapped stylesheet is not reloaded.
func (s *Server) describe(changes []publish.Change) (reload []string, css map[string]string, pages map[string]bool) {
	added, removed := map[string]string{}, map[string]string{}
	for _, c := range changes {
		if m := fingerprinted.FindStringSubmatch(c.Name); m != nil {
			if c.Deleted {
				removed[m[1]] = c.Name
			} else if c.Old == nil {
				added[m[1]] = c.Name
			}
		}
	}
	var oldNew [][2]string
	for base, old := range removed {
		if nw, ok := added[base]; ok {
			if css == nil {
				css = map[string]string{}
			}
			css[s.basePath+old] = s.basePath + nw
			oldNew = append(oldNew, [2]string{old, nw})
		}
	}
	for _, c := range changes {
		if !strings.HasSuffix(c.Name, ".html") {
			continue
		}
		if !c.Deleted && c.Old != nil && len(oldNew) > 0 {
			now, _ := s.mem.Get(c.Name)
			before := c.Old
			for _, on := range oldNew {
				before = bytes.ReplaceAll(before, []byte(on[0]), []byte(on[1]))
			}
			if bytes.Equal(before, now) {
				continue
			}
		}
		reload = append(reload, s.basePath+strings.TrimSuffix(c.Name, "index.html"))
		if pages == nil {
			pages = map[string]bool{}
		}
		pages[c.Name] = true
	}
	return reload, css, pages
}

// broadcast sends each browser the event with what its page needs: the
// page's new HTML if the build changed it, nothing more if not.
func (s *Server) broadcast(ev Event) {
	s.mu.Lock()
	html := map[string]string{} // each changed page made once, for all its tabs
	for c, cl := range s.clients {
		mine := ev
		mine.Reload = nil
		if name, ok := s.affects(ev, cl); ok {
			if _, done := html[name]; !done {
				html[name] = s.pageFor(name, ev.Gen)
			}
			if mine.HTML = html[name]; mine.HTML == "" {
				mine.Reload = []string{cl.path}
			}
		}
		select {
		case c <- mine:
		default: // a slow client misses an event rather than stalling the rest
		}
	}
	s.mu.Unlock()
	if s.OnEvent != nil {
		s.OnEvent(ev)
	}
}

// affects tells whether the event changes the page a browser shows, and
// the output it shows now ("" if it is gone).
func (s *Server) affects(ev Event, cl client) (string, bool) {
	if cl.page == "" {
		return "", false
	}
	if ev.pages[cl.page] {
		if cl.missing {
			return "", true // the page appeared: load it
		}
		if _, ok := s.mem.Get(cl.page); !ok {
			return "", true // it is gone: the reload shows the 404 page
		}
		return cl.page, true
	}
	if cl.missing && ev.pages["404.html"] {
		return "404.html", true
	}
	return "", false
}

// pageFor is the page name as served, with the live script, or "" if it is
// not (or no longer) an HTML output.
func (s *Server) pageFor(name string, gen int) string {
	if name == "" {
		return ""
	}
	data, ok := s.mem.Get(name)
	if !ok || !strings.HasPrefix(s.contentType(name), "text/html") {
		return ""
	}
	return string(inject(data, gen, s.lang))
}

// outputName is the output a URL path names, and whether the path is
// below the base path at all.
func (s *Server) outputName(p string) (string, bool) {
	if !strings.HasPrefix(p, s.basePath) {
		return "", false
	}
	name := strings.TrimPrefix(path.Clean("/"+strings.TrimPrefix(p, s.basePath)), "/")
	if name == "" || strings.HasSuffix(p, "/") {
		name = strings.TrimPrefix(name+"/index.html", "/")
	}
	return name, true
}

// ServeHTTP serves the site from memory, the live-reload script and the
// event stream.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.hostAllowed(r.Host, r) {
		forbidden(w, "Host", r.Host)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	switch r.URL.Path {
	case "/_pressroom/events":
		// Pages of other origins get no events either.
		if o := r.Header.Get("Origin"); o != "" {
			u, err := url.Parse(o)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !s.hostAllowed(u.Host, r) {
				forbidden(w, "Origin", o)
				return
			}
		}
		s.events(w, r)
		return
	case "/_pressroom/live.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Write(s.script)
		return
	}
	p := r.URL.Path
	name, ok := s.outputName(p)
	if !ok {
		if p == "/" || p == strings.TrimSuffix(s.basePath, "/") {
			http.Redirect(w, r, s.basePath, http.StatusFound)
			return
		}
		s.notFound(w, r)
		return
	}
	gen, lang := s.generation() // before the page: never newer than it
	data, ok := s.mem.Get(name)
	if !ok {
		if _, dir := s.mem.Get(name + "/index.html"); dir && !strings.HasSuffix(p, "/") {
			http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
			return
		}
		s.notFound(w, r)
		return
	}
	s.send(w, r, name, data, gen, lang, http.StatusOK)
}

func (s *Server) generation() (int, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.gen, s.lang
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	gen, lang := s.generation()
	if data, ok := s.mem.Get("404.html"); ok {
		s.send(w, r, "404.html", data, gen, lang, http.StatusNotFound)
		return
	}
	http.NotFound(w, r)
}

// send writes a file with its type; HTML gets the live-reload script.
func (s *Server) send(w http.ResponseWriter, r *http.Request, name string, data []byte, gen int, lang string, status int) {
	ctype := s.contentType(name)
	w.Header().Set("Content-Type", ctype)
	if strings.HasPrefix(ctype, "text/html") {
		data = inject(data, gen, lang)
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// contentType is the media type an output is served with, as the plan
// says where it knows the output.
func (s *Server) contentType(name string) string {
	if t, ok := s.builder.MediaType(name); ok {
		return withCharset(t)
	}
	return ContentType(name)
}

// inject puts the live-reload script before </body>, with the generation
// of the build the page comes from (a browser that missed an event, as it
// was reconnecting, learns from the next stream that it shows an old page)
// and the site's language (for the overlay's fixed text).
func inject(page []byte, gen int, lang string) []byte {
	script := []byte(`<script src="/_pressroom/live.js" data-gen="` + strconv.Itoa(gen) + `" data-lang="` + lang + `"></script>`)
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(append([]byte{}, page...), script...)
	}
	out := make([]byte, 0, len(page)+len(script)+1)
	out = append(out, page[:i]...)
	out = append(out, script...)
	out = append(out, '\n')
	return append(out, page[i:]...)
}

// ContentType is the media type of an output file (content.MediaType),
// with the charset for text: text/*, JSON, XML and the feeds. A name the
// table does not know gets the system's type for its extension, if any.
func ContentType(name string) string {
	t := content.MediaType(name)
	if t == "application/octet-stream" {
		if sys := mime.TypeByExtension(path.Ext(name)); sys != "" {
			return sys
		}
		return t
	}
	return withCharset(t)
}

// withCharset adds the charset to a text format's media type.
func withCharset(t string) string {
	if textual(t) {
		t += "; charset=utf-8"
	}
	return t
}

// textual reports whether t is a text format whose charset a response names.
func textual(t string) bool {
	sub, ok := strings.CutPrefix(t, "application/")
	if !ok {
		return strings.HasPrefix(t, "text/")
	}
	return sub == "json" || sub == "xml" || strings.HasSuffix(sub, "+xml") || strings.HasSuffix(sub, "+json")
}

// events streams server-sent events to one browser.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Connection", "keep-alive")
	c := make(chan Event, 8)
	cl := client{path: r.URL.Query().Get("page")}
	if name, ok := s.outputName(cl.path); ok {
		cl.page = name
		_, exists := s.mem.Get(name)
		cl.missing = !exists
	}
	s.mu.Lock()
	s.clients[c] = cl
	hello := Event{Build: s.id, Gen: s.gen, Errors: s.errors}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, c)
		s.mu.Unlock()
	}()
	write := func(ev Event) bool {
		b, _ := json.Marshal(ev)
		if _, err := fmt.Fprintf(w, "retry: 1000\ndata: %s\n\n", b); err != nil {
			return false
		}
		flusher.Flush()
		return true
	}
	if !write(hello) {
		return
	}
	ping := time.NewTicker(25 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.closed:
			return
		case ev := <-c:
			if !write(ev) {
				return
			}
		case <-ping.C:
			if _, err := io.WriteString(w, ": ping\n\n"); err != nil {
				return
			}
			flusher.Flush()
		}
	}
}

// Files gives read access to the built site (for tests).
func (s *Server) Files() *publish.Memory { return s.mem }
