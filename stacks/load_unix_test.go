//go:build unix

package stacks

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// A FIFO would block the read until something writes to it; it is refused
// without being opened.
func TestLoadRefusesAFifo(t *testing.T) {
	p := filepath.Join(t.TempDir(), "config.json")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skip("cannot make a FIFO here:", err)
	}
	done := make(chan error, 1)
	go func() { _, err := Load(p); done <- err }()
	select {
	case err := <-done:
		want := p + ": is a named pipe (FIFO), not a regular file (fix: write the configuration to a file and give its path)"
		if err == nil || err.Error() != want {
			t.Fatalf("error: %v\nwant:  %s", err, want)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Load blocked on a FIFO")
	}
}
