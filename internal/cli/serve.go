package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"pressroom/internal/build"
	"pressroom/internal/config"
	"pressroom/internal/diag"
	"pressroom/internal/heap"
	"pressroom/internal/serve"
	"pressroom/internal/site"
	"pressroom/internal/watch"
)

func runServe(e *env, args []string) int {
	fs := newFlags(e, "serve", "[-s SITE] [--port PORT] [--bind ADDRESS] [--allow-host NAME] [--drafts=true] [--future=true] [--open]",
		"Previews the site at http://127.0.0.1:1313/ from memory and reloads the browser when a file changes.\n"+
			"Drafts and embargoed releases are shown, marked with a banner; --drafts=false --future=false\n"+
			"shows exactly what build would publish. Nothing is written to disk.\n"+
			"It answers only requests for localhost, loopback addresses and the address it listens on, so that\n"+
			"no other web page can read it; --allow-host names more.")
	siteDir := fs.String("s", ".", "the site's folder (with site.toml and content/)")
	port := fs.Int("port", 1313, "port to listen on; the next free one is taken if it is busy")
	bind := fs.String("bind", "127.0.0.1", "address to listen on (0.0.0.0 for every interface)")
	drafts := fs.Bool("drafts", true, "show drafts")
	future := fs.Bool("future", true, "show releases dated or embargoed after now")
	open := fs.Bool("open", false, "open the preview in the browser")
	var allow hostList
	fs.Var(&allow, "allow-host", "also answer requests for this host name or address (repeat it, or separate names with commas)")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if siteMissing(e, "serve", *siteDir) {
		return exitContent
	}
	ln, err := listen(*bind, *port)
	if err != nil {
		fmt.Fprintln(e.stderr, "pressroom serve:", err)
		return exitUsage
	}
	addr := ln.Addr().(*net.TCPAddr)
	if addr.Port != *port {
		fmt.Fprintf(e.stdout, "port %d is busy: using %d instead\n", *port, addr.Port)
	}
	basePath := "/"
	if cfg, _ := config.Load(os.DirFS(*siteDir)); cfg != nil && cfg.Base != nil {
		basePath = cfg.Base.Path
	}
	host := *bind
	if host == "0.0.0.0" || host == "::" || host == "" {
		host = "127.0.0.1"
	}
	base := "http://" + net.JoinHostPort(host, strconv.Itoa(addr.Port)) + basePath

	heap.HugePages()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv := serve.New(build.Options{SiteDir: *siteDir, Theme: e.theme, Now: time.Now(), Drafts: *drafts, Future: *future, BaseURL: base,
		PreviewSecret: os.Getenv(site.PreviewSecretEnv)}, basePath, e.stderr)
	if ip := net.ParseIP(*bind); ip == nil || !ip.IsUnspecified() {
		srv.AllowHosts(*bind)
	}
	srv.AllowHosts(allow...)
	if res, err := srv.Build(ctx); err == nil {
		fmt.Fprintf(e.stdout, "built %d pages, %d feeds, %d files in memory in %s\n",
			res.Stats.Pages, res.Stats.Feeds, res.Files+res.Stats.Other, res.Duration.Round(time.Millisecond))
	}
	w, err := watch.New(*siteDir, []string{"content", "layouts", "assets"}, []string{config.File})
	if err != nil {
		fmt.Fprintln(e.stderr, "pressroom serve: cannot watch the site:", err)
		return exitContent
	}
	defer w.Close()
	batches := make(chan []string)
	go w.Run(ctx, batches, func(err error) { fmt.Fprintln(e.stderr, "watch:", diag.Printable(err.Error())) })
	go srv.Follow(ctx, batches)
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		srv.Close()
		shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		hs.Shutdown(shut)
	}()
	fmt.Fprintf(e.stdout, "previewing %s at %s (Ctrl-C stops)\n", *siteDir, base)
	if *open {
		openBrowser(base)
	}
	if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintln(e.stderr, "pressroom serve:", err)
		return exitContent
	}
	fmt.Fprintln(e.stdout, "stopped")
	return exitOK
}

// hostList is --allow-host: given several times, or names separated by
// commas.
type hostList []string

func (h *hostList) String() string { return strings.Join(*h, ",") }

func (h *hostList) Set(v string) error {
	for _, n := range strings.Split(v, ",") {
		if n = strings.TrimSpace(n); n == "" {
			continue
		}
		if strings.ContainsAny(n, "/@ \t") {
			return fmt.Errorf("%q is not a host name: give a name such as presse.test or an address such as 192.168.1.5", n)
		}
		*h = append(*h, n)
	}
	return nil
}

// listen listens on port, or on the next free one of the ten after it.
func listen(bind string, port int) (net.Listener, error) {
	var first error
	for p := port; p < port+10; p++ {
		ln, err := net.Listen("tcp", net.JoinHostPort(bind, strconv.Itoa(p)))
		if err == nil {
			return ln, nil
		}
		if first == nil {
			first = err
		}
		if port == 0 {
			break
		}
	}
	return nil, fmt.Errorf("cannot listen on %s ports %d to %d: %v", bind, port, port+9, first)
}

func openBrowser(url string) {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	cmd.Start()
}
