package core

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// The output directory is replaced whole, never written into: cdktf writes
// a staging directory beside it, and Run swaps the two only when synth
// succeeded. A failed run leaves the old output as it was; a stack the new
// manifest no longer lists does not linger; and nothing is written through
// a symlink, since every file is written into a directory privnet just
// made.
//
// Terraform state is never in the output directory: the local backend
// points at the directory above it (StatePath). A directory that holds
// state anyway (privnet before this version put it in cdktf.out, or a
// user's own backend) is refused, never replaced.

// StatePath is the local backend's path for stack, relative to the stack's
// working directory <outdir>/stacks/<stack>, where Terraform runs: the
// directory that holds the output directory (the project root for
// cdktf.out). It is relative, so the JSON is the same on every machine.
func StatePath(stack string) string {
	return "../../../terraform." + stack + ".tfstate"
}

// synthOutputs are the files synth writes into a stack's directory; every
// other entry there (.terraform, .terraform.lock.hcl, whatever cdktf
// deploy leaves) is carried over to the new output.
var synthOutputs = map[string]bool{"cdk.tf.json": true, "cdk.tf": true, "metadata.json": true}

// caches are what Terraform leaves in a stack's directory that can be made
// again by terraform init; a stack directory the manifest no longer lists
// is removed when it holds only synth outputs and these.
var caches = map[string]bool{".terraform": true, ".terraform.lock.hcl": true}

// ourTopLevel are the entries privnet and cdktf put at an output
// directory's top level (review.md is cmd/review's default report).
var ourTopLevel = map[string]bool{"manifest.json": true, "stacks": true, "review.md": true}

// checkOutdir tells whether final may be replaced by a new synth: it is
// missing or empty, or it is a cdktf output that holds no state and
// nothing privnet did not make. It follows no symlink.
func checkOutdir(final string) error {
	abs, err := filepath.Abs(final)
	if err != nil {
		return fmt.Errorf("output directory %q: %v", final, err)
	}
	if filepath.Dir(abs) == abs {
		return fmt.Errorf("output directory %q is the file system root; privnet replaces its output directory whole (fix: use a directory of its own, like cdktf.out)", final)
	}
	fi, err := os.Lstat(final)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("output directory %q: %v", final, err)
	case fi.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("output directory %q is a symlink; privnet never writes through a symlink (fix: give the directory it points to as -outdir)", final)
	case !fi.IsDir():
		return fmt.Errorf("output directory %q is not a directory (fix: remove it or pick another output directory)", final)
	}
	entries, err := os.ReadDir(final)
	if err != nil {
		return fmt.Errorf("output directory %q: %v", final, err)
	}
	if len(entries) == 0 {
		return nil
	}
	if m, err := os.Lstat(filepath.Join(final, "manifest.json")); err != nil || !m.Mode().IsRegular() {
		return fmt.Errorf("output directory %q is not empty and is not a cdktf output (it has no manifest.json); privnet replaces its output directory whole (fix: pick an empty or new directory)", final)
	}
	var state, foreign []string
	werr := filepath.WalkDir(final, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(final, p)
		if isState(d.Name()) {
			state = append(state, rel)
		}
		if !strings.Contains(rel, string(filepath.Separator)) && rel != "." && !ourTopLevel[rel] {
			foreign = append(foreign, rel)
		}
		return nil
	})
	if werr != nil {
		return fmt.Errorf("output directory %q: %v", final, werr)
	}
	if len(state) > 0 {
		sort.Strings(state)
		fix := "move the state out of the output directory and point the backend at its new place"
		if old := strings.TrimPrefix(state[0], "terraform."); old != state[0] && !strings.Contains(state[0], string(filepath.Separator)) {
			// Where privnet's local backend put it before: move it where
			// the backend now points.
			fix = fmt.Sprintf("move it where the local backend now points, the directory above: mv %s %s",
				filepath.Join(final, state[0]), filepath.Join(filepath.Dir(final), state[0]))
		}
		return fmt.Errorf("output directory %q holds Terraform state (%s); privnet never replaces a directory that holds state (fix: %s)",
			final, strings.Join(state, ", "), fix)
	}
	if len(foreign) > 0 {
		sort.Strings(foreign)
		return fmt.Errorf("output directory %q holds %s, which privnet did not make; privnet replaces its output directory whole (fix: move it out, or pick another output directory)",
			final, strings.Join(foreign, ", "))
	}
	return nil
}

func isState(name string) bool {
	return strings.HasSuffix(name, ".tfstate") || strings.HasSuffix(name, ".tfstate.backup")
}

// makeStaging makes the directory cdktf writes into, beside final so that
// the swap is a rename on one file system.
func makeStaging(final string) (string, error) {
	abs, err := filepath.Abs(final)
	if err != nil {
		return "", err
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", fmt.Errorf("cannot make %s for output directory %q: %v (fix: pick a writable output directory)", parent, final, unwrapPath(err))
	}
	dir, err := os.MkdirTemp(parent, "."+filepath.Base(abs)+".privnet-")
	if err != nil {
		return "", fmt.Errorf("cannot write beside output directory %q in %s: %v (fix: pick an output directory in a writable directory)", final, parent, unwrapPath(err))
	}
	return dir, nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// commitOutdir makes staging the new final: it carries over what Terraform
// left in the stack directories of stacks the new manifest still lists,
// then swaps the directories and removes the old output. It returns notes
// for the user (stack directories kept because they hold files privnet did
// not make).
func commitOutdir(staging, final string) ([]string, error) {
	// The old output may have changed since NewApp checked it.
	if err := checkOutdir(final); err != nil {
		return nil, err
	}
	var notes []string
	listed := manifestStacks(staging)
	oldStacks := filepath.Join(final, "stacks")
	entries, err := os.ReadDir(oldStacks)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("reading %s: %v", oldStacks, err)
	}
	for _, st := range entries {
		oldDir := filepath.Join(oldStacks, st.Name())
		if st.Type()&fs.ModeSymlink != 0 || !st.IsDir() {
			continue // not a stack directory of ours: goes with the old output
		}
		kids, err := os.ReadDir(oldDir)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %v", oldDir, err)
		}
		newDir := filepath.Join(staging, "stacks", st.Name())
		if listed[st.Name()] {
			for _, k := range kids {
				if synthOutputs[k.Name()] {
					continue
				}
				if err := os.Rename(filepath.Join(oldDir, k.Name()), filepath.Join(newDir, k.Name())); err != nil {
					return nil, fmt.Errorf("keeping %s: %v", filepath.Join(oldDir, k.Name()), err)
				}
			}
			continue
		}
		var foreign []string
		for _, k := range kids {
			if !synthOutputs[k.Name()] && !caches[k.Name()] {
				foreign = append(foreign, k.Name())
			}
		}
		if len(foreign) > 0 {
			// Never delete what privnet did not make: the directory stays,
			// as it was.
			if err := os.MkdirAll(filepath.Join(staging, "stacks"), 0o755); err != nil {
				return nil, err
			}
			if err := os.Rename(oldDir, newDir); err != nil {
				return nil, fmt.Errorf("keeping %s: %v", oldDir, err)
			}
			notes = append(notes, fmt.Sprintf("kept %s: the manifest no longer lists stack %s, but the directory holds %s, which privnet did not make (remove it yourself when it is no longer needed)",
				filepath.Join(final, "stacks", st.Name()), st.Name(), strings.Join(foreign, ", ")))
		}
	}
	if err := os.Chmod(staging, 0o755); err != nil {
		return nil, err
	}
	if _, err := os.Lstat(final); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(staging, final); err != nil {
			return nil, fmt.Errorf("moving the new output into %s: %v", final, err)
		}
		return notes, nil
	}
	// Swap in one step where the system can; the old output is then at
	// the staging path and is removed.
	if err := exchange(staging, final); err != nil {
		old := staging + ".old"
		if err := os.Rename(final, old); err != nil {
			return nil, fmt.Errorf("moving the old output %s aside: %v", final, err)
		}
		if err := os.Rename(staging, final); err != nil {
			_ = os.Rename(old, final) // put the old output back
			return nil, fmt.Errorf("moving the new output into %s: %v", final, err)
		}
		staging = old
	}
	if err := os.RemoveAll(staging); err != nil {
		notes = append(notes, fmt.Sprintf("could not remove the previous output, now in %s: %v", staging, err))
	}
	return notes, nil
}

// manifestStacks reads the stack names of a synthesized output's manifest.
func manifestStacks(outdir string) map[string]bool {
	var m struct {
		Stacks map[string]json.RawMessage `json:"stacks"`
	}
	b, err := os.ReadFile(filepath.Join(outdir, "manifest.json"))
	if err == nil {
		_ = json.Unmarshal(b, &m) // cdktf's own output
	}
	out := map[string]bool{}
	for n := range m.Stacks {
		out[n] = true
	}
	return out
}

var errNoExchange = errors.New("atomic exchange not supported here")
