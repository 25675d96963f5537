package test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// privnetBinary builds the privnet command once for the tests that run it
// as a process (another HOME, another user).
func privnetBinary(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	// Another user runs it: the test's temporary folders are 0700.
	os.Chmod(filepath.Dir(dir), 0o755)
	os.Chmod(dir, 0o755)
	bin := filepath.Join(dir, "privnet")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/privnet/privnet")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

type result struct {
	code           int
	stdout, stderr string
}

func runPrivnet(t *testing.T, cmd *exec.Cmd) result {
	t.Helper()
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{code, out.String(), errb.String()}
}

// Environments that made synth panic: an unwritable HOME (the jsii package
// cache) and an output directory the user cannot write.
func TestHostileEnvironments(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the command")
	}
	bin := privnetBinary(t)
	root := t.TempDir()
	os.Chmod(filepath.Dir(root), 0o755)
	os.Chmod(root, 0o755)

	// Separate processes with their own node: they may run side by side
	// (without the package cache, each unpacks the provider: ~10 s).
	t.Run("unwritable HOME", func(t *testing.T) {
		t.Parallel()
		cmd := exec.Command(bin, "-outdir", filepath.Join(root, "home.out"), "baseline")
		cmd.Env = append(os.Environ(), "HOME=/dev/null", "JSII_RUNTIME_PACKAGE_CACHE_ROOT=")
		r := runPrivnet(t, cmd)
		if r.code != 0 {
			t.Fatalf("exit %d:\n%s", r.code, r.stderr)
		}
		want := "privnet: cannot write the jsii package cache /dev/null/.cache/aws/jsii/package-cache; running without it (slower). Fix: make it writable, or set JSII_RUNTIME_PACKAGE_CACHE_ROOT to a writable directory"
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr:\n%s\nwant a line %q", r.stderr, want)
		}
		if strings.Contains(r.stderr, "panic") || strings.Contains(r.stderr, "goroutine") {
			t.Errorf("stderr has a trace:\n%s", r.stderr)
		}
	})

	t.Run("unwritable output directory", func(t *testing.T) {
		t.Parallel()
		if os.Getuid() != 0 {
			t.Skip("needs root to run the command as another user")
		}
		locked := filepath.Join(root, "locked") // root's, 0755: nobody cannot write in it
		os.Mkdir(locked, 0o755)
		cmd := exec.Command(bin, "-outdir", filepath.Join(locked, "cdktf.out"), "baseline")
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "HOME=/nonexistent")
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		r := runPrivnet(t, cmd)
		want := `PN-APP-1 app: cannot write beside output directory "` + filepath.Join(locked, "cdktf.out") + `" in ` + locked + `: permission denied (fix: pick an output directory in a writable directory)`
		if r.code != 1 || !strings.Contains(r.stderr, want) {
			t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and %q", r.code, r.stderr, want)
		}
		if strings.Contains(r.stderr, "panic") || strings.Contains(r.stderr, "goroutine") {
			t.Errorf("stderr has a trace:\n%s", r.stderr)
		}
	})
}
