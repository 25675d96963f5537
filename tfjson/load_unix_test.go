//go:build unix

package tfjson

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// A symlink inside the tree is followed; one that leads out is not, and
// neither is a FIFO (it would block), a directory, or a file over the
// limit.
func TestLoadRefusesWhatIsNotARegularFileInTheTree(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "cdk.tf.json")
	os.WriteFile(outside, []byte(tinyStack), 0o644)

	dir := outdir(t, "", map[string]string{"a": "stacks/a/cdk.tf.json"}, map[string]string{"real/cdk.tf.json": tinyStack})
	os.MkdirAll(filepath.Join(dir, "stacks", "a"), 0o755)
	link := filepath.Join(dir, "stacks", "a", "cdk.tf.json")
	if err := os.Symlink("../../real/cdk.tf.json", link); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(dir); err != nil {
		t.Errorf("a symlink inside the tree: %v", err)
	}

	os.Remove(link)
	os.Symlink(outside, link)
	wantErr(t, loadErr(t, dir), "stacks/a/cdk.tf.json: it is a symlink (or under one) that points outside the output directory, which the review does not follow")

	os.Remove(link)
	os.RemoveAll(filepath.Join(dir, "stacks"))
	os.Symlink(filepath.Dir(outside), filepath.Join(dir, "stacks"))
	wantErr(t, loadErr(t, dir), "points outside the output directory")

	os.Remove(filepath.Join(dir, "stacks"))
	os.MkdirAll(filepath.Join(dir, "stacks", "a"), 0o755)
	if err := syscall.Mkfifo(link, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan string)
	go func() { done <- loadErr(t, dir) }()
	select {
	case got := <-done:
		wantErr(t, got, "stacks/a/cdk.tf.json is a named pipe (FIFO), not a regular file (the review reads only regular files")
	case <-time.After(5 * time.Second):
		t.Fatal("Load blocked on a FIFO")
	}

	os.Remove(link)
	os.Mkdir(link, 0o755)
	wantErr(t, loadErr(t, dir), "stacks/a/cdk.tf.json is a directory, not a regular file")

	os.Remove(link)
	f, _ := os.Create(link)
	f.Truncate(MaxStackBytes + 1) // sparse: no disk used
	f.Close()
	wantErr(t, loadErr(t, dir), "stacks/a/cdk.tf.json is larger than 64 MiB, the review's limit for this file")
}
