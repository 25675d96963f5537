package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// shipped writes a cdktf output directory of the shipped stacks (the
// golden snapshots) under dir and returns it.
func shipped(t *testing.T, dir string) string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join("..", "..", "test", "golden", "*.json"))
	if len(files) == 0 {
		t.Fatal("no golden snapshots")
	}
	stacks := map[string]any{}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(filepath.Join(dir, "stacks", name), 0o755)
		if err := os.WriteFile(filepath.Join(dir, "stacks", name, "cdk.tf.json"), b, 0o644); err != nil {
			t.Fatal(err)
		}
		stacks[name] = map[string]string{"synthesizedStackPath": "stacks/" + name + "/cdk.tf.json", "workingDirectory": "stacks/" + name}
	}
	b, _ := json.Marshal(map[string]any{"stacks": stacks})
	if err := os.WriteFile(filepath.Join(dir, "manifest.json"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func runReview(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return code, o.String(), e.String()
}

func TestWritesTheReport(t *testing.T) {
	out := shipped(t, filepath.Join(t.TempDir(), "cdktf*[1]")) // a directory, not a pattern
	code, _, stderr := runReview("-out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(out, "review.md"))
	if err != nil || !strings.HasPrefix(string(b), "# privnet review\n") {
		t.Fatalf("review.md: %v %.40q", err, b)
	}
	fi, _ := os.Stat(filepath.Join(out, "review.md"))
	if fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v", fi.Mode())
	}
	// Written again over the old one, and nothing left beside it.
	if code, _, stderr := runReview("-out", out); code != 0 {
		t.Fatalf("second run: exit %d: %s", code, stderr)
	}
	if left, _ := filepath.Glob(filepath.Join(out, ".review-*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}

	dest := filepath.Join(t.TempDir(), "r.md")
	if code, _, stderr := runReview("-out", out, "-base", out, "-o", dest); code != 0 || !strings.Contains(stderr, "review: wrote "+dest) {
		t.Fatalf("-o: exit %d: %s", code, stderr)
	}
	if b, _ := os.ReadFile(dest); !strings.Contains(string(b), "## Changes against the base\n\nNo changes.") {
		t.Errorf("-o with -base: %.200s", b)
	}
	code, stdout, _ := runReview("-out", out, "-o", "-")
	if code != 0 || !strings.HasPrefix(stdout, "# privnet review\n") {
		t.Errorf("-o -: exit %d, %.40q", code, stdout)
	}
	code, stdout, _ = runReview("-out", out, "-o", "-", "-max-bytes", "5000")
	if code != 0 || len(stdout) > 5000 || !strings.Contains(stdout, "The report was cut here to fit a comment") {
		t.Errorf("-max-bytes 5000: exit %d, %d bytes", code, len(stdout))
	}
}

// A review.md planted in the reviewed tree as a symlink made the review
// overwrite the file it pointed to.
func TestNeverWritesThroughASymlink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks")
	}
	out := shipped(t, t.TempDir())
	victim := filepath.Join(t.TempDir(), "victim")
	os.WriteFile(victim, []byte("precious"), 0o644)
	os.Symlink(victim, filepath.Join(out, "review.md"))
	code, _, stderr := runReview("-out", out)
	if code != 1 || !strings.Contains(stderr, "review.md is a symlink; the review does not write through symlinks (delete it, or pass -o with another file)") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	if b, _ := os.ReadFile(victim); string(b) != "precious" {
		t.Errorf("the symlink's target was overwritten: %q", b)
	}
	if code, _, stderr := runReview("-out", out, "-o", t.TempDir()); code != 1 || !strings.Contains(stderr, "exists and is not a regular file") {
		t.Errorf("-o a directory: exit %d: %s", code, stderr)
	}
}

func TestExitCodes(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"-out", "/nonexistent/cdktf.out"}, 1, "review: /nonexistent/cdktf.out does not exist (run make synth first, or pass -out with the synthesized output directory)"},
		{[]string{"-nope"}, 2, "flag provided but not defined: -nope"},
		{[]string{"cdktf.out"}, 2, `review: unexpected argument "cdktf.out": flags only (-out DIR, -base DIR, -o FILE)`},
		{[]string{"-max-bytes", "10"}, 2, "review: -max-bytes 10 is too small (use 0 for no limit, or at least 1024)"},
		{[]string{"-out", shipped(t, t.TempDir()), "-base", t.TempDir()}, 1, "review: base: "},
	} {
		code, _, stderr := runReview(c.args...)
		if code != c.code || !strings.Contains(stderr, c.msg) {
			t.Errorf("%v: exit %d, %q; want %d, %q", c.args, code, stderr, c.code, c.msg)
		}
	}
}
