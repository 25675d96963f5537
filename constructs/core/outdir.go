package core

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
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
// points at the directory above it (StatePath, WorkspaceDir). A directory
// that holds state anyway (privnet before this version put it in
// cdktf.out, or a user's own backend) is refused, never replaced.

// StatePath is the local backend's path for stack, relative to the stack's
// working directory <outdir>/stacks/<stack>, where Terraform runs: the
// directory that holds the output directory (the project root for
// cdktf.out). It is relative, so the JSON is the same on every machine.
func StatePath(stack string) string {
	return "../../../terraform." + stack + ".tfstate"
}

// WorkspaceDir is where the local backend keeps the state of stack's
// workspaces other than default (terraform workspace new), relative to the
// stack's working directory: beside StatePath, outside the output
// directory. One per stack: Terraform names a workspace's state
// <workspace_dir>/<workspace>/terraform.tfstate, whatever the path, so two
// stacks sharing the folder would share the state of a workspace
// (terraform internal/backend/local, StatePaths).
func WorkspaceDir(stack string) string {
	return "../../../terraform.tfstate.d/" + stack
}

// synthOutputs are the files synth writes into a stack's directory; every
// other entry there (.terraform, .terraform.lock.hcl, whatever cdktf
// deploy leaves) is carried over to the new output.
var synthOutputs = map[string]bool{"cdk.tf.json": true, "cdk.tf": true, "metadata.json": true, SuppressedFile: true}

// terraformCache is the folder terraform init makes in a stack's directory
// (providers, modules, and .terraform/terraform.tfstate, which holds the
// backend's settings, not state): init makes it again. A stack directory
// the manifest no longer lists is removed when it holds only synth outputs
// and this; anything else (a lock file records provider checksums) keeps it.
const terraformCache = ".terraform"

// ourTopLevel are the entries privnet and cdktf put at an output
// directory's top level (review.md is cmd/review's default report).
var ourTopLevel = map[string]bool{"manifest.json": true, "stacks": true, "review.md": true}

// maxManifest bounds the manifest read to recognise a cdktf output.
const maxManifest = 16 << 20

// checkOutdir tells whether final may be replaced by a new synth: it is
// missing or empty, or it is a cdktf output that holds no state and
// nothing privnet did not make. It follows no symlink.
func checkOutdir(final string) error {
	given := final
	final = filepath.Clean(final) // "link/" would follow the link
	abs, err := filepath.Abs(final)
	if err != nil {
		return fmt.Errorf("output directory %q: %v", given, err)
	}
	if filepath.Dir(abs) == abs {
		return fmt.Errorf("output directory %q is the file system root; privnet replaces its output directory whole (fix: use a directory of its own, like cdktf.out)", given)
	}
	fi, err := os.Lstat(final)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("output directory %q: %v", given, err)
	case fi.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("output directory %q is a symlink; privnet never writes through a symlink (fix: give the directory it points to as -outdir)", given)
	case !fi.IsDir():
		return fmt.Errorf("output directory %q is not a directory (fix: remove it or pick another output directory)", given)
	case isMountPoint(final):
		return fmt.Errorf("output directory %q is a mount point, and privnet replaces its output directory whole by renaming (fix: use a directory inside the mount, like %s)", given, filepath.Join(given, "cdktf.out"))
	}
	entries, err := os.ReadDir(final)
	if err != nil {
		return fmt.Errorf("output directory %q: %v", given, err)
	}
	if len(entries) == 0 {
		return nil
	}
	if !isCdktfOutput(final) {
		return fmt.Errorf("output directory %q is not empty and is not a cdktf output (it has no cdktf manifest.json); privnet replaces its output directory whole (fix: pick an empty or new directory)", given)
	}
	var state, foreign []string
	werr := filepath.WalkDir(final, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(final, p)
		parts := strings.Split(rel, string(filepath.Separator))
		switch {
		case d.IsDir() && d.Name() == terraformCache:
			return filepath.SkipDir // init's own, carried over whole
		case isState(d.Name()):
			state = append(state, rel)
		case len(parts) == 1 && rel != "." && !ourTopLevel[rel]:
			foreign = append(foreign, rel)
		case len(parts) == 2 && parts[0] == "stacks" && !d.IsDir():
			foreign = append(foreign, rel) // stacks/ holds stack directories only
		}
		return nil
	})
	if werr != nil {
		return fmt.Errorf("output directory %q: %v", given, werr)
	}
	if len(state) > 0 {
		sort.Strings(state)
		fix := "move the state out of the output directory and point the backend at its new place"
		var moves []string
		for _, s := range state {
			if strings.HasPrefix(s, "terraform.") && !strings.Contains(s, string(filepath.Separator)) {
				// Where privnet's local backend put it before: move it
				// where the backend now points, never over a file there.
				moves = append(moves, fmt.Sprintf("mv -n %s %s", filepath.Join(given, s), filepath.Join(filepath.Dir(final), s)))
			}
		}
		if len(moves) == len(state) {
			fix = "move it where the local backend now points, the directory above: " + strings.Join(moves, "; ")
		}
		return fmt.Errorf("output directory %q holds Terraform state (%s); privnet never replaces a directory that holds state (fix: %s)",
			given, strings.Join(state, ", "), fix)
	}
	if len(foreign) > 0 {
		sort.Strings(foreign)
		return fmt.Errorf("output directory %q holds %s, which privnet did not make; privnet replaces its output directory whole (fix: move it out, or pick another output directory)",
			given, strings.Join(foreign, ", "))
	}
	return nil
}

// isCdktfOutput tells whether dir holds a manifest.json of cdktf's shape:
// a version, and stacks each working in stacks/<name>.
func isCdktfOutput(dir string) bool {
	p := filepath.Join(dir, "manifest.json")
	fi, err := os.Lstat(p)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() > maxManifest {
		return false
	}
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	var m struct {
		Version *string `json:"version"`
		Stacks  map[string]struct {
			WorkingDirectory string `json:"workingDirectory"`
		} `json:"stacks"`
	}
	if err := json.NewDecoder(io.LimitReader(f, maxManifest)).Decode(&m); err != nil || m.Version == nil || m.Stacks == nil {
		return false
	}
	for name, s := range m.Stacks {
		if s.WorkingDirectory != "stacks/"+name {
			return false
		}
	}
	return true
}

func isState(name string) bool {
	return strings.HasSuffix(name, ".tfstate") || strings.HasSuffix(name, ".tfstate.backup")
}

// stagingPrefix names the directories synth writes before it swaps them in.
func stagingPrefix(final string) string {
	abs, _ := filepath.Abs(filepath.Clean(final))
	return "." + filepath.Base(abs) + ".privnet-"
}

// makeStaging makes the directory cdktf writes into, beside final so that
// the swap is a rename on one file system.
func makeStaging(final string) (string, error) {
	abs, err := filepath.Abs(filepath.Clean(final))
	if err != nil {
		return "", err
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", fmt.Errorf("cannot make %s for output directory %q: %v (fix: pick a writable output directory)", parent, final, unwrapPath(err))
	}
	dir, err := os.MkdirTemp(parent, stagingPrefix(final))
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
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// commitOutdir makes staging the new final: it swaps the two, then carries
// over from the old output what Terraform left in the stack directories
// (.terraform, lock files, saved plans) and the stack directories that hold
// anything privnet did not make, and removes the rest of the old output.
// Until the swap, the old output is untouched; after it, nothing is deleted
// unless everything was carried over, so an error leaves the old output,
// whole, at the path it names. It returns notes for the user.
//
// swapped runs before the staging path may stop holding only the new
// output (it moves to final, or comes to hold the old output): from then
// on it must not be removed as a leftover by a signal or a later error.
func commitOutdir(staging, final string, swapped func()) ([]string, error) {
	final = filepath.Clean(final)
	// The old output may have changed since NewApp checked it.
	if err := checkOutdir(final); err != nil {
		return nil, err
	}
	if err := os.Chmod(staging, 0o755); err != nil {
		return nil, err
	}
	swapped()
	if _, err := os.Lstat(final); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(staging, final); err != nil {
			os.RemoveAll(staging)
			return nil, fmt.Errorf("moving the new output into %s: %v", final, unwrapPath(err))
		}
		return nil, nil
	}
	// Swap in one step where the system can, so that final is never
	// missing; the old output is then at the staging path.
	old := staging
	if err := exchange(staging, final); err != nil {
		old = staging + ".old"
		if err := os.Rename(final, old); err != nil {
			os.RemoveAll(staging)
			return nil, fmt.Errorf("moving the old output %s aside: %v; it is as it was", final, unwrapPath(err))
		}
		if err := os.Rename(staging, final); err != nil {
			if rerr := os.Rename(old, final); rerr != nil {
				return nil, fmt.Errorf("moving the new output into %s: %v; the old output is in %s, the new one in %s", final, unwrapPath(err), old, staging)
			}
			os.RemoveAll(staging)
			return nil, fmt.Errorf("moving the new output into %s: %v; the old output is as it was", final, unwrapPath(err))
		}
	}
	notes, err := carryOver(old, final)
	if err != nil {
		return notes, fmt.Errorf("%v; the new output is in %s, and the previous one, whole but for what was carried over, in %s: move what you need from it, then remove it", err, final, old)
	}
	if err := os.RemoveAll(old); err != nil {
		notes = append(notes, fmt.Sprintf("could not remove the previous output, now in %s: %v", old, err))
	}
	return notes, nil
}

// carryOver moves what privnet did not write from the old output's stack
// directories into the new output (renames only: no file is read or
// written, and no symlink is followed).
func carryOver(old, final string) ([]string, error) {
	var notes []string
	listed := manifestStacks(final)
	oldStacks := filepath.Join(old, "stacks")
	entries, err := os.ReadDir(oldStacks)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %v", oldStacks, err)
	}
	for _, st := range entries {
		oldDir := filepath.Join(oldStacks, st.Name())
		if st.Type()&fs.ModeSymlink != 0 || !st.IsDir() {
			continue // checkOutdir refused these
		}
		kids, err := os.ReadDir(oldDir)
		if err != nil {
			return notes, fmt.Errorf("reading %s: %v", oldDir, err)
		}
		newDir := filepath.Join(final, "stacks", st.Name())
		if listed[st.Name()] {
			for _, k := range kids {
				if synthOutputs[k.Name()] {
					continue
				}
				if err := os.Rename(filepath.Join(oldDir, k.Name()), filepath.Join(newDir, k.Name())); err != nil {
					return notes, fmt.Errorf("keeping %s: %v", filepath.Join("stacks", st.Name(), k.Name()), unwrapPath(err))
				}
			}
			continue
		}
		var kept []string
		for _, k := range kids {
			if !synthOutputs[k.Name()] && k.Name() != terraformCache {
				kept = append(kept, k.Name())
			}
		}
		if len(kept) == 0 {
			continue // only what synth and terraform init make again
		}
		// Never delete what privnet did not make, nor a lock file: the
		// directory stays as it was.
		if err := os.MkdirAll(filepath.Join(final, "stacks"), 0o755); err != nil {
			return notes, err
		}
		if err := os.Rename(oldDir, newDir); err != nil {
			return notes, fmt.Errorf("keeping %s: %v", filepath.Join("stacks", st.Name()), unwrapPath(err))
		}
		notes = append(notes, fmt.Sprintf("kept %s: this synth did not make stack %s, and its directory holds %s (remove it yourself when the stack is gone for good)",
			newDir, st.Name(), strings.Join(kept, ", ")))
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
