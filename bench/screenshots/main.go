// Command screenshots builds the example site and photographs it with
// headless chromium for the README: a release on a desktop (1280×800) and
// a phone (390×844), light and dark, as PNG files in docs/screenshots.
//
//	go run ./bench/screenshots            # from the repository root
//	go run ./bench/screenshots -chromium /usr/bin/chromium -o docs/screenshots
package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

func main() {
	out := flag.String("o", filepath.Join("docs", "screenshots"), "folder of the PNG files")
	exe := flag.String("chromium", "", "the browser (default: chromium, chromium-browser or google-chrome on PATH)")
	page := flag.String("page", "/pressemitteilungen/2025/fachtagung-jugendberufsagenturen/", "the page photographed")
	flag.Parse()
	if err := run(*out, *exe, *page); err != nil {
		fmt.Fprintln(os.Stderr, "screenshots:", err)
		os.Exit(1)
	}
}

func run(out, exe, page string) error {
	if exe == "" {
		for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
			if p, err := exec.LookPath(name); err == nil {
				exe = p
				break
			}
		}
		if exe == "" {
			return fmt.Errorf("no chromium on PATH: install it or give -chromium")
		}
	}
	tmp, err := os.MkdirTemp("", "pressroom-screenshots-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	site := filepath.Join(tmp, "public")
	// A fixed --now, so that the pictures change only with the site.
	build := exec.Command("go", "run", ".", "build", "-o", site, "--now", "2026-03-12T12:00:00+01:00")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("building the example site: %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: http.FileServer(http.Dir(site))}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true), chromedp.Flag("hide-scrollbars", true), chromedp.UserDataDir(filepath.Join(tmp, "profile")))
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer acancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`true`)); err != nil {
		return fmt.Errorf("starting %s: %v", exe, err)
	}
	ctx, cancel = context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	views := []struct {
		name string
		act  chromedp.Action[chromedp.Void]
	}{
		{"desktop", chromedp.EmulateViewport(1280, 800)},
		{"phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(2))},
	}
	for _, v := range views {
		for _, scheme := range []string{"light", "dark"} {
			if _, err := chromedp.Run(ctx, v.act); err != nil {
				return err
			}
			if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}}); err != nil {
				return err
			}
			if _, err := chromedp.Run(ctx, chromedp.Navigate(base+page)); err != nil {
				return err
			}
			png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			if err != nil {
				return err
			}
			name := filepath.Join(out, fmt.Sprintf("release-%s-%s.png", v.name, scheme))
			if err := os.WriteFile(name, png, 0o644); err != nil {
				return err
			}
			fmt.Println(name)
		}
	}
	return nil
}
