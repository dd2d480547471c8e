package cli

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
)

// bigSite is a site of n releases, each with a paragraph of size bytes.
func bigSite(t *testing.T, n, size int) string {
	files := map[string]string{"site.toml": siteTOML}
	for i := 0; i < n; i++ {
		files[fmt.Sprintf("content/pressemitteilungen/2020-01-01-m%04d.md", i)] = fmt.Sprintf("---\ntitle: Meldung %d\ndate: 2020-01-01\ntags: [T%d]\n---\nText %d %s.\n", i, i%50, i, strings.Repeat("x", size))
	}
	return writeSite(t, files)
}

// listDir lists a folder's names, sorted.
func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

// TestOutputThatIsAFileIsRefused: -o naming a file, of the site or not,
// is refused with exit 1 and the file is left as it is, also on a second
// build.
func TestOutputThatIsAFileIsRefused(t *testing.T) {
	dir := writeSite(t, map[string]string{"site.toml": siteTOML, "content/ueber-uns.md": "---\ntitle: Über uns\n---\nText.\n"})
	other := t.TempDir()
	notes := filepath.Join(other, "notes.txt")
	os.WriteFile(notes, []byte("meine Notizen"), 0o644)
	link := filepath.Join(other, "link.txt")
	os.Symlink(notes, link)
	for _, c := range []struct{ out, file, want string }{
		{notes, notes, "it is a file"},
		{link, notes, "it is a file"},
		{filepath.Join(dir, "site.toml"), filepath.Join(dir, "site.toml"), "site.toml"},
		{filepath.Join(dir, "content", "ueber-uns.md"), filepath.Join(dir, "content", "ueber-uns.md"), "content"},
	} {
		before, _ := os.ReadFile(c.file)
		besideBefore := listDir(t, filepath.Dir(c.file))
		// Twice: the second build must not take the first's output for its own.
		for _, force := range []bool{false, true, false} {
			args := []string{"build", "-s", dir, "-o", c.out}
			if force {
				args = append(args, "--force")
			}
			code, _, errOut := run(args...)
			if code != 1 || !strings.Contains(errOut, c.want) || !strings.Contains(errOut, "refusing to build into "+c.out) {
				t.Errorf("%v: exit %d, want 1 with %q:\n%s", args, code, c.want, errOut)
			}
		}
		if after, err := os.ReadFile(c.file); err != nil || !bytes.Equal(after, before) {
			t.Errorf("-o %s: the file changed: %q, %v", c.out, after, err)
		}
		if beside := listDir(t, filepath.Dir(c.file)); strings.Join(beside, " ") != strings.Join(besideBefore, " ") {
			t.Errorf("-o %s: beside the file now %v, before %v", c.out, beside, besideBefore)
		}
	}
}

// TestLookalikeFoldersAreNotRemoved: folders beside the output whose
// names only look like pressroom's temporary or previous outputs survive
// every build; those pressroom made go.
func TestLookalikeFoldersAreNotRemoved(t *testing.T) {
	dir := writeSite(t, map[string]string{"site.toml": siteTOML, "content/ueber-uns.md": "---\ntitle: Über uns\n---\nText.\n"})
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	users := []string{"public.old-2023", "public.tmp-notes", ".public.old-foo", ".public.tmp-backup", ".public.tmp-0123456789abcdef", "public-backup"}
	for _, u := range users {
		os.MkdirAll(filepath.Join(parent, u, "sub"), 0o755)
		os.WriteFile(filepath.Join(parent, u, "sub", "wichtig.txt"), []byte(u), 0o644)
	}
	for i := 0; i < 3; i++ {
		if code, _, errOut := run("build", "-s", dir, "-o", out); code != 0 {
			t.Fatal(errOut)
		}
		// A copy of the previous output that pressroom left: a user's backup.
		if i == 1 {
			for _, name := range listDir(t, parent) {
				if strings.HasPrefix(name, ".public.tmp-") && !contains(users, name) {
					cmd := exec.Command("cp", "-a", filepath.Join(parent, name), filepath.Join(parent, ".public.tmp-kopie"))
					if b, err := cmd.CombinedOutput(); err != nil {
						t.Fatal(err, string(b))
					}
					users = append(users, ".public.tmp-kopie")
				}
			}
		}
	}
	for _, u := range users {
		if _, err := os.Stat(filepath.Join(parent, u, "sub")); err != nil && u != ".public.tmp-kopie" {
			t.Errorf("%s was removed: %v", u, err)
		}
		if _, err := os.Stat(filepath.Join(parent, u)); err != nil {
			t.Errorf("%s was removed: %v", u, err)
		}
	}
	// What pressroom made itself: the lock with its record and the
	// previous output, nothing more.
	var ours []string
	for _, name := range listDir(t, parent) {
		if !contains(users, name) && name != "public" {
			ours = append(ours, name)
		}
	}
	if len(ours) != 2 || ours[0] != ".public.lock" || !strings.HasPrefix(ours[1], ".public.tmp-") {
		t.Errorf("pressroom's own beside the output: %v", ours)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestCopiedMarkerDoesNotAllowReplacing: a folder with pressroom's marker
// copied into it along with the build (cp -a public/. /var/www/) holds
// other files too; it is not replaced without --force.
func TestCopiedMarkerDoesNotAllowReplacing(t *testing.T) {
	dir := writeSite(t, map[string]string{"site.toml": siteTOML, "content/ueber-uns.md": "---\ntitle: Über uns\n---\nText.\n"})
	public := filepath.Join(dir, "public")
	if code, _, errOut := run("build", "-s", dir); code != 0 {
		t.Fatal(errOut)
	}
	for _, c := range []struct{ name, extra string }{
		{"intranet", "intranet/index.html"},
		{"well-known", ".well-known/security.txt"},
		{"a file in a folder of the build", "ueber-uns/notizen.txt"},
		{"a folder in a folder of the build", "ueber-uns/alt/"},
	} {
		t.Run(c.name, func(t *testing.T) {
			www := filepath.Join(t.TempDir(), "www")
			os.MkdirAll(www, 0o755)
			if b, err := exec.Command("cp", "-a", public+"/.", www+"/").CombinedOutput(); err != nil {
				t.Fatal(err, string(b))
			}
			// Only what pressroom wrote: may be replaced.
			if code, _, errOut := run("build", "-s", dir, "-o", www); code != 0 {
				t.Fatalf("a copy of the build is refused: %s", errOut)
			}
			p := filepath.Join(www, filepath.FromSlash(c.extra))
			if strings.HasSuffix(c.extra, "/") {
				os.MkdirAll(p, 0o755)
			} else {
				os.MkdirAll(filepath.Dir(p), 0o755)
				os.WriteFile(p, []byte("nicht von pressroom"), 0o644)
			}
			before := treeDigest(t, www)
			code, _, errOut := run("build", "-s", dir, "-o", www)
			first := strings.Split(strings.TrimSuffix(c.extra, "/"), "/")[0]
			if code != 1 || !strings.Contains(errOut, filepath.Join(www, first)) || !strings.Contains(errOut, "--force") {
				t.Errorf("exit %d, want 1 naming %s and --force:\n%s", code, first, errOut)
			}
			if treeDigest(t, www) != before {
				t.Error("the folder changed")
			}
			if code, _, errOut := run("build", "-s", dir, "-o", www, "--force"); code != 0 {
				t.Errorf("--force: %s", errOut)
			}
			if _, err := os.Stat(p); err == nil {
				t.Error("--force kept the foreign file")
			}
		})
	}
}

// TestSiteThroughASymlinkIsProtected: the site's folders and files are
// never the output, even reached through a symbolic link and with --force.
func TestSiteThroughASymlinkIsProtected(t *testing.T) {
	real := writeSite(t, map[string]string{"site.toml": siteTOML, "content/ueber-uns.md": "---\ntitle: Über uns\n---\nText.\n",
		"layouts/partials/x.html": "x", "assets/x.css": "x"})
	base := t.TempDir()
	link := filepath.Join(base, "site")
	if err := os.Symlink(real, link); err != nil {
		t.Skip(err)
	}
	contentLink := filepath.Join(base, "inhalt")
	os.Symlink(filepath.Join(real, "content"), contentLink)
	before := treeDigest(t, real)
	for _, c := range []struct{ site, out string }{
		{link, filepath.Join(real, "content")},
		{real, filepath.Join(link, "content")},
		{link, contentLink},
		{link, filepath.Join(real, "layouts")},
		{link, filepath.Join(real, "assets")},
		{link, filepath.Join(real, "content", "neu")},
		{link, real},
		{real, link},
		{link, filepath.Dir(real)},
		{link, filepath.Join(real, "site.toml")},
	} {
		code, _, errOut := run("build", "-s", c.site, "-o", c.out, "--force")
		if code != 1 || !strings.Contains(errOut, "refusing to build into "+c.out) {
			t.Errorf("-s %s -o %s --force: exit %d:\n%s", c.site, c.out, code, errOut)
		}
	}
	if treeDigest(t, real) != before {
		t.Error("the site changed")
	}
}

// TestConcurrentBuildsIntoOneFolder runs three builds into one output at
// once: they run one after the other, and the output is complete.
func TestConcurrentBuildsIntoOneFolder(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode")
	}
	dir := bigSite(t, 400, 100)
	ref := filepath.Join(t.TempDir(), "ref")
	if code, _, errOut := run("build", "-s", dir, "-o", ref); code != 0 {
		t.Fatal(errOut)
	}
	want := treeDigestWithout(t, ref, ".pressroom-build")
	out := filepath.Join(t.TempDir(), "public")
	var wg sync.WaitGroup
	var mu sync.Mutex
	var stderrs []string
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(os.Args[0], "build", "-s", dir, "-o", out, "--now", "2026-01-01T00:00:00Z")
			cmd.Env = append(os.Environ(), "PRESSROOM_TEST_AS_CLI=1")
			var errOut bytes.Buffer
			cmd.Stderr = &errOut
			err := cmd.Run()
			mu.Lock()
			defer mu.Unlock()
			stderrs = append(stderrs, errOut.String())
			if err != nil {
				t.Errorf("a concurrent build failed: %v\n%s", err, errOut.String())
			}
		}()
	}
	wg.Wait()
	if got := treeDigestWithout(t, out, ".pressroom-build"); got != want {
		t.Error("the output of concurrent builds differs from one build's")
	}
	if !strings.Contains(strings.Join(stderrs, ""), "waiting for another build into "+out) {
		t.Logf("the builds did not overlap: %q", stderrs)
	}
}

// treeDigestWithout is treeDigest without the files of one name.
func treeDigestWithout(t *testing.T, dir, skip string) string {
	t.Helper()
	copyDir := filepath.Join(t.TempDir(), "c")
	if b, err := exec.Command("cp", "-a", dir, copyDir).CombinedOutput(); err != nil {
		t.Fatal(err, string(b))
	}
	os.Remove(filepath.Join(copyDir, skip))
	return treeDigest(t, copyDir)
}

// TestContentIsAFile: a file named content is an error, not an empty
// site.
func TestContentIsAFile(t *testing.T) {
	dir := writeSite(t, map[string]string{"site.toml": siteTOML, "content": "kein Ordner"})
	code, _, errOut := run("build", "-s", dir)
	if code != 1 || !strings.Contains(errOut, "content: content is a file, not a folder") {
		t.Errorf("exit %d:\n%s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Error("built an output")
	}
}

// mountTmpfs mounts a tmpfs at dir (root only), unmounted at the end.
func mountTmpfs(t *testing.T, dir, opts string) {
	t.Helper()
	if os.Geteuid() != 0 {
		if os.Getenv("PRESSROOM_REQUIRE_TOOLS") == "1" {
			t.Fatal("PRESSROOM_REQUIRE_TOOLS=1 but not root: cannot mount a tmpfs")
		}
		t.Skip("not root: cannot mount a tmpfs for this test")
	}
	os.MkdirAll(dir, 0o755)
	if b, err := exec.Command("mount", "-t", "tmpfs", "-o", opts, "tmpfs", dir).CombinedOutput(); err != nil {
		if os.Getenv("PRESSROOM_REQUIRE_TOOLS") == "1" {
			t.Fatalf("mount tmpfs: %v %s", err, b)
		}
		t.Skipf("cannot mount a tmpfs: %v %s", err, b)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
}

// TestDiskFull builds into a small tmpfs that fills up: the build stops
// with a message naming the file, exit 1, no temporary folder, the old
// output intact.
func TestDiskFull(t *testing.T) {
	dir := bigSite(t, 5, 100)
	disk := filepath.Join(t.TempDir(), "disk")
	mountTmpfs(t, disk, "size=512k")
	out := filepath.Join(disk, "public")
	if code, _, errOut := run("build", "-s", dir, "-o", out); code != 0 {
		t.Fatal(errOut)
	}
	before := treeDigest(t, out)
	beside := listDir(t, disk)
	// Fill the disk, leave a little room, and make the site bigger.
	filler, _ := os.Create(filepath.Join(disk, "filler"))
	chunk := make([]byte, 4096)
	for {
		if _, err := filler.Write(chunk); err != nil {
			break
		}
	}
	st, _ := filler.Stat()
	filler.Truncate(st.Size() - 32<<10)
	filler.Close()
	big := bigSite(t, 200, 2000)
	os.RemoveAll(filepath.Join(dir, "content"))
	os.Rename(filepath.Join(big, "content"), filepath.Join(dir, "content"))
	code, _, errOut := run("build", "-s", dir, "-o", out)
	if code != 1 || !strings.Contains(errOut, "no space left on device") || !strings.Contains(errOut, "cannot write "+out) ||
		strings.Contains(errOut, "panic") {
		t.Errorf("exit %d, want 1 with the file and \"no space left on device\":\n%s", code, errOut)
	}
	os.Remove(filepath.Join(disk, "filler"))
	if treeDigest(t, out) != before {
		t.Error("the old output changed")
	}
	if now := listDir(t, disk); strings.Join(now, " ") != strings.Join(beside, " ")+" filler" && strings.Join(now, " ") != strings.Join(beside, " ") {
		t.Errorf("beside the output now %v, before %v", now, beside)
	}
}

// TestOutputFolderProblems: a parent that cannot be written, and an
// output that is a mount point, are errors with the path and what to do.
func TestOutputFolderProblems(t *testing.T) {
	dir := writeSite(t, map[string]string{"site.toml": siteTOML, "content/ueber-uns.md": "---\ntitle: Über uns\n---\nText.\n"})
	t.Run("mount point", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "www")
		mountTmpfs(t, out, "size=4m")
		os.WriteFile(filepath.Join(out, "index.html"), []byte("alt"), 0o644)
		for _, force := range []string{"--force=false", "--force"} {
			code, _, errOut := run("build", "-s", dir, "-o", out, force)
			if code != 1 || !strings.Contains(errOut, out) || !strings.Contains(errOut, "mount point") || !strings.Contains(errOut, "build into a folder inside it") {
				t.Errorf("%s: exit %d:\n%s", force, code, errOut)
			}
		}
		if b, _ := os.ReadFile(filepath.Join(out, "index.html")); string(b) != "alt" {
			t.Error("the mount point's files changed")
		}
	})
	t.Run("read-only parent", func(t *testing.T) {
		parent := filepath.Join(t.TempDir(), "ro")
		why := "read-only file system"
		if os.Geteuid() == 0 {
			mountTmpfs(t, parent, "size=1m,ro")
		} else {
			os.Mkdir(parent, 0o555)
			why = "permission denied"
		}
		out := filepath.Join(parent, "public")
		code, _, errOut := run("build", "-s", dir, "-o", out)
		if code != 1 || !strings.Contains(errOut, "cannot write in "+parent) || !strings.Contains(errOut, why) ||
			!strings.Contains(errOut, "build into a folder you may write to") {
			t.Errorf("exit %d:\n%s", code, errOut)
		}
	})
}
