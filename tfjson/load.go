package tfjson

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
)

// Input limits of Load. A pull request's output is untrusted: it could
// list a thousand stacks or a stack file of gigabytes. The limits are far
// above what privnet writes (the shipped stacks are under 100 KB each).
const (
	// MaxManifestBytes is the limit of manifest.json.
	MaxManifestBytes = 16 << 20
	// MaxStackBytes is the limit of one stack's cdk.tf.json.
	MaxStackBytes = 64 << 20
	// MaxTotalBytes is the limit of all stack files of one output
	// directory together.
	MaxTotalBytes = 512 << 20
)

// manifest is the part of cdktf's manifest.json the review reads.
type manifest struct {
	Stacks map[string]struct {
		SynthesizedStackPath string `json:"synthesizedStackPath"`
		WorkingDirectory     string `json:"workingDirectory"`
	} `json:"stacks"`
}

// Load reads the stacks that outdir/manifest.json lists, sorted by name:
// a stack folder the manifest does not list (left by an older synth) is
// not reported. The manifest's paths are untrusted: they must be relative
// and stay inside outdir, symlinks included (os.Root enforces it), and
// every file read must be a regular file within the limits above.
func Load(outdir string) ([]*Stack, error) {
	fi, err := os.Stat(outdir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("%s does not exist (run make synth first, or pass -out with the synthesized output directory)", outdir)
	case err != nil:
		return nil, err
	case !fi.IsDir():
		return nil, fmt.Errorf("%s is not a directory (pass -out with the synthesized output directory, such as cdktf.out)", outdir)
	}
	root, err := os.OpenRoot(outdir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	show := func(p string) string { return filepath.Join(outdir, filepath.FromSlash(p)) }

	b, err := readRegular(root, "manifest.json", show("manifest.json"), MaxManifestBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s has no manifest.json (run make synth first; the review reads the stacks the manifest lists)", outdir)
	}
	if err != nil {
		return nil, err
	}
	var m manifest
	if err := DecodeJSON(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", show("manifest.json"), err)
	}
	if len(m.Stacks) == 0 {
		return nil, fmt.Errorf("%s lists no stacks (run make synth first)", show("manifest.json"))
	}

	var out []*Stack
	total := int64(0)
	for _, name := range SortedKeys(m.Stacks) {
		st := m.Stacks[name]
		where := fmt.Sprintf("%s: stack %q", show("manifest.json"), name)
		p := st.SynthesizedStackPath
		if err := localPath(p); err != nil {
			return nil, fmt.Errorf("%s: synthesizedStackPath %w", where, err)
		}
		switch {
		case strings.HasSuffix(p, ".tf.json"):
		case strings.HasSuffix(p, ".tf"):
			return nil, fmt.Errorf("%s was synthesized as HCL (%s): the review reads Terraform JSON only (synthesize without -hcl, as make synth does, and review that output)", where, p)
		default:
			return nil, fmt.Errorf("%s: synthesizedStackPath %q is not a .tf.json file", where, p)
		}
		b, err := readRegular(root, filepath.FromSlash(p), show(p), MaxStackBytes)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%w (synthesize again with make synth)", err)
		}
		if err != nil {
			return nil, err
		}
		if total += int64(len(b)); total > MaxTotalBytes {
			return nil, fmt.Errorf("%s: the stack files add up to more than %s, the limit per output directory (review fewer stacks at a time)", outdir, mib(MaxTotalBytes))
		}
		s, err := Parse(name, b)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", show(p), err)
		}
		s.File = p
		if st.WorkingDirectory != "" {
			if err := localPath(st.WorkingDirectory); err != nil {
				return nil, fmt.Errorf("%s: workingDirectory %w", where, err)
			}
			others, err := otherTerraformFiles(root, st.WorkingDirectory, p)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", show(st.WorkingDirectory), err)
			}
			for _, f := range others {
				s.NotReviewed = append(s.NotReviewed, fmt.Sprintf("%s: Terraform also loads this file, and this report does not read it", f))
			}
		}
		out = append(out, s)
	}
	return out, nil
}

// localPath accepts a relative, slash-separated path that stays inside
// the directory it is relative to.
func localPath(p string) error {
	switch {
	case p == "":
		return errors.New("is empty (synthesize again with make synth)")
	case strings.HasPrefix(p, "/") || filepath.IsAbs(p) || filepath.VolumeName(p) != "":
		return fmt.Errorf("%q is absolute; it must be relative to the output directory", p)
	case !filepath.IsLocal(filepath.FromSlash(p)):
		return fmt.Errorf("%q leaves the output directory; it must stay inside it (no ..)", p)
	}
	return nil
}

// readRegular reads one regular file of at most limit bytes under root.
// It refuses anything else before opening it (a FIFO would block, a
// device could be endless), and checks again on the open file.
func readRegular(root *os.Root, name, show string, limit int64) ([]byte, error) {
	fi, err := root.Stat(name)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", show, unwrapPath(err))
	}
	if err := regular(fi, show, limit); err != nil {
		return nil, err
	}
	f, err := root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", show, unwrapPath(err))
	}
	defer f.Close()
	if fi, err = f.Stat(); err != nil {
		return nil, err
	}
	if err := regular(fi, show, limit); err != nil {
		return nil, err
	}
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", show, err)
	}
	if int64(len(b)) > limit {
		return nil, tooBig(show, limit)
	}
	return b, nil
}

func regular(fi fs.FileInfo, show string, limit int64) error {
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("%s is %s, not a regular file (the review reads only regular files; synthesize again with make synth)", show, fileKind(fi.Mode()))
	}
	if fi.Size() > limit {
		return tooBig(show, limit)
	}
	return nil
}

func tooBig(show string, limit int64) error {
	return fmt.Errorf("%s is larger than %s, the review's limit for this file (split the stack, or check what wrote it)", show, mib(limit))
}

func mib(n int64) string { return fmt.Sprintf("%d MiB", n>>20) }

func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeSymlink != 0:
		return "a symlink"
	}
	return "not a regular file"
}

// unwrapPath drops os.Root's own "openat name:" prefix, since the caller
// names the file as the user knows it; os.Root's refusal to leave the
// directory gets a sentence of its own.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		if strings.Contains(pe.Err.Error(), "escapes") {
			return errors.New("it is a symlink (or under one) that points outside the output directory, which the review does not follow")
		}
		return pe.Err
	}
	return err
}

// otherTerraformFiles lists the Terraform files of a stack's working
// directory besides its synthesized file: Terraform loads every *.tf and
// *.tf.json there, so a file the report does not read must be named.
func otherTerraformFiles(root *os.Root, dir, synthesized string) ([]string, error) {
	d, err := root.Open(filepath.FromSlash(dir))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, unwrapPath(err)
	}
	defer d.Close()
	entries, err := d.ReadDir(-1)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		n := e.Name()
		p := path.Join(dir, n)
		if (strings.HasSuffix(n, ".tf") || strings.HasSuffix(n, ".tf.json")) && p != path.Clean(synthesized) {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out, nil
}
