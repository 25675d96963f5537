package test

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// Synthesizing again, into another directory and from another working
// directory, gives byte-identical JSON with no path of this machine in it.
func TestDeterministic(t *testing.T) {
	elsewhere := t.TempDir()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(elsewhere); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	again, err := synthDefault(filepath.Join(elsewhere, "nested", "out"))
	if err != nil {
		t.Fatal(err)
	}
	absolute := regexp.MustCompile(`"(/tmp|/home|/root|/Users|/work|[A-Z]:\\\\)[^"]*"`)
	for name, b := range shipped {
		if string(again[name]) != string(b) {
			t.Errorf("stack %s differs between two synths:\n%s", name, unifiedDiff(string(b), string(again[name]), 2))
		}
		if m := absolute.Find(b); m != nil {
			t.Errorf("stack %s holds an absolute path: %s", name, m)
		}
	}
}
