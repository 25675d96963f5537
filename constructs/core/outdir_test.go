package core

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The local backend's state lands beside the output directory, outside it:
// cleaning or replacing the output never touches state.
func TestStatePathIsOutsideTheOutdir(t *testing.T) {
	for _, out := range []string{"cdktf.out", "/work/project/cdktf.out", "build/cdktf.out.hcl"} {
		work := filepath.Join(out, "stacks", "shop") // where Terraform runs
		got := filepath.Clean(filepath.Join(work, StatePath("shop")))
		want := filepath.Join(filepath.Dir(out), "terraform.shop.tfstate")
		if got != want {
			t.Errorf("state of %s resolves to %s, want %s", out, got, want)
		}
		if rel, _ := filepath.Rel(out, got); !strings.HasPrefix(rel, "..") {
			t.Errorf("state %s is inside the output directory %s", got, out)
		}
		// A workspace's state: <workspace_dir>/<workspace>/terraform.tfstate,
		// one folder per stack.
		ws := filepath.Clean(filepath.Join(work, WorkspaceDir("shop"), "staging", "terraform.tfstate"))
		if want := filepath.Join(filepath.Dir(out), "terraform.tfstate.d", "shop", "staging", "terraform.tfstate"); ws != want {
			t.Errorf("workspace state of %s resolves to %s, want %s", out, ws, want)
		}
	}
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestCheckOutdir(t *testing.T) {
	root := t.TempDir()
	cdktfOutput := func(dir string) {
		write(t, filepath.Join(dir, "manifest.json"), `{"version":"0.20.12","stacks":{"a":{"workingDirectory":"stacks/a"}}}`)
		write(t, filepath.Join(dir, "stacks", "a", "cdk.tf.json"), "{}")
	}
	ok := func(dir string) {
		t.Helper()
		if err := checkOutdir(dir); err != nil {
			t.Errorf("%s refused: %v", dir, err)
		}
	}
	refused := func(dir, want string) {
		t.Helper()
		err := checkOutdir(dir)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want an error with %q", dir, err, want)
		}
	}

	ok(filepath.Join(root, "missing"))
	empty := filepath.Join(root, "empty")
	os.Mkdir(empty, 0o755)
	ok(empty)
	out := filepath.Join(root, "out")
	cdktfOutput(out)
	write(t, filepath.Join(out, "review.md"), "# report")
	os.MkdirAll(filepath.Join(out, "stacks", "a", ".terraform", "providers"), 0o755)
	// terraform init's backend settings, not state.
	write(t, filepath.Join(out, "stacks", "a", ".terraform", "terraform.tfstate"), `{"backend":{}}`)
	ok(out)
	ok(out + "/")

	refused("/", "is the file system root")
	refused(filepath.Join(root, "..", filepath.Base(root), "out", "..", "..", "..", "..", "..", "..", "..", "..", "..", ".."), "is the file system root")
	link := filepath.Join(root, "link")
	os.Symlink(out, link)
	refused(link, "is a symlink; privnet never writes through a symlink")
	refused(link+"/", "is a symlink; privnet never writes through a symlink")
	file := filepath.Join(root, "file")
	write(t, file, "x")
	refused(file, "is not a directory")
	notOurs := filepath.Join(root, "src")
	write(t, filepath.Join(notOurs, "main.go"), "package main")
	refused(notOurs, "is not empty and is not a cdktf output (it has no cdktf manifest.json)")

	// A manifest.json that is not cdktf's does not make a cdktf output.
	ext := filepath.Join(root, "extension")
	write(t, filepath.Join(ext, "manifest.json"), `{"name":"my chrome extension","version":"1"}`)
	write(t, filepath.Join(ext, "stacks", "icons", "logo.png"), "png")
	refused(ext, "is not a cdktf output (it has no cdktf manifest.json)")
	loose := filepath.Join(root, "loose")
	cdktfOutput(loose)
	write(t, filepath.Join(loose, "stacks", "README.txt"), "notes")
	refused(loose, "holds stacks/README.txt, which privnet did not make")

	foreign := filepath.Join(root, "foreign")
	cdktfOutput(foreign)
	write(t, filepath.Join(foreign, "notes.txt"), "mine")
	refused(foreign, "holds notes.txt, which privnet did not make")

	// State where privnet's old backend path put it: refused, with the
	// command that moves it where the backend points now.
	oldState := filepath.Join(root, "old")
	cdktfOutput(oldState)
	write(t, filepath.Join(oldState, "terraform.shop.tfstate"), "{}")
	write(t, filepath.Join(oldState, "terraform.web.tfstate"), "{}")
	refused(oldState, "holds Terraform state (terraform.shop.tfstate, terraform.web.tfstate); privnet never replaces a directory that holds state (fix: move it where the local backend now points, the directory above: mv -n "+
		filepath.Join(oldState, "terraform.shop.tfstate")+" "+filepath.Join(root, "terraform.shop.tfstate")+"; mv -n "+
		filepath.Join(oldState, "terraform.web.tfstate")+" "+filepath.Join(root, "terraform.web.tfstate")+")")
	deepState := filepath.Join(root, "deep")
	cdktfOutput(deepState)
	write(t, filepath.Join(deepState, "stacks", "a", "terraform.tfstate.backup"), "{}")
	refused(deepState, "holds Terraform state (stacks/a/terraform.tfstate.backup)")
}

// Replacing the output keeps what Terraform left in the stacks that stay,
// drops the stacks the manifest no longer lists, keeps what privnet did not
// make, and follows no symlink.
func TestCommitOutdir(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "cdktf.out")
	write(t, filepath.Join(out, "manifest.json"), `{"version":"0.20.12","stacks":{"a":{"workingDirectory":"stacks/a"},"b":{"workingDirectory":"stacks/b"},"c":{"workingDirectory":"stacks/c"},"d":{"workingDirectory":"stacks/d"}}}`)
	write(t, filepath.Join(out, "review.md"), "old report")
	write(t, filepath.Join(out, "stacks", "a", "cdk.tf.json"), "old a")
	write(t, filepath.Join(out, "stacks", "a", ".terraform.lock.hcl"), "lock")
	write(t, filepath.Join(out, "stacks", "a", ".terraform", "providers", "p"), "plugin")
	write(t, filepath.Join(out, "stacks", "b", "cdk.tf.json"), "old b")
	write(t, filepath.Join(out, "stacks", "b", ".terraform", "x"), "cache")
	write(t, filepath.Join(out, "stacks", "c", "cdk.tf.json"), "old c")
	write(t, filepath.Join(out, "stacks", "c", "plan.out"), "a saved plan")
	// A symlink planted in the old output must not be followed.
	victim := filepath.Join(root, "victim")
	write(t, filepath.Join(victim, "precious"), "keep me")
	write(t, filepath.Join(out, "stacks", "d", "cdk.tf.json"), "old d")
	write(t, filepath.Join(out, "stacks", "d", ".terraform.lock.hcl"), "d's lock")
	os.Symlink(victim, filepath.Join(out, "stacks", "a", "link"))
	if err := checkOutdir(out); err != nil {
		t.Fatal(err)
	}

	staging, err := makeStaging(out)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(staging) != root || !strings.HasPrefix(filepath.Base(staging), ".cdktf.out.privnet-") {
		t.Errorf("staging %s is not beside %s", staging, out)
	}
	write(t, filepath.Join(staging, "manifest.json"), `{"stacks":{"a":{}}}`)
	write(t, filepath.Join(staging, "stacks", "a", "cdk.tf.json"), "new a")

	swapped := false
	notes, err := commitOutdir(staging, out, func() { swapped = true })
	if err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(out, "stacks", "a", "cdk.tf.json")); got != "new a" {
		t.Errorf("a's JSON is %q", got)
	}
	if got := read(t, filepath.Join(out, "stacks", "a", ".terraform.lock.hcl")); got != "lock" {
		t.Errorf("lock file %q", got)
	}
	if got := read(t, filepath.Join(out, "stacks", "a", ".terraform", "providers", "p")); got != "plugin" {
		t.Errorf(".terraform %q", got)
	}
	if !swapped {
		t.Error("the swap was not announced")
	}
	for _, gone := range []string{"review.md", "stacks/b"} {
		if _, err := os.Lstat(filepath.Join(out, gone)); err == nil {
			t.Errorf("%s lingers", gone)
		}
	}
	if got := read(t, filepath.Join(out, "stacks", "c", "plan.out")); got != "a saved plan" {
		t.Errorf("c's file %q", got)
	}
	// A lock file records provider checksums: stack d's directory stays.
	if got := read(t, filepath.Join(out, "stacks", "d", ".terraform.lock.hcl")); got != "d's lock" {
		t.Errorf("d's lock file %q", got)
	}
	if len(notes) != 2 || !strings.Contains(notes[0], "this synth did not make stack c, and its directory holds plan.out") ||
		!strings.Contains(notes[1], "this synth did not make stack d, and its directory holds .terraform.lock.hcl") {
		t.Errorf("notes %q", notes)
	}
	if fi, err := os.Lstat(filepath.Join(out, "stacks", "a", "link")); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("a's symlink was not carried over as a symlink: %v", err)
	}
	if got := read(t, filepath.Join(victim, "precious")); got != "keep me" {
		t.Errorf("a file behind a symlink changed: %q", got)
	}
	if _, err := os.Stat(staging); err == nil {
		t.Errorf("staging %s lingers", staging)
	}
	left, _ := filepath.Glob(filepath.Join(root, ".cdktf.out.privnet-*"))
	if len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

// An output directory in a directory that cannot be written is refused up
// front with the reason and the fix.
func TestStagingNeedsAWritableParent(t *testing.T) {
	root := t.TempDir()
	file := filepath.Join(root, "file")
	write(t, file, "x")
	_, err := makeStaging(filepath.Join(file, "out"))
	if err == nil || !strings.Contains(err.Error(), "not a directory (fix: pick a writable output directory)") {
		t.Errorf("got %v", err)
	}
}

// A failure after the swap deletes nothing: the previous output, with what
// was not yet carried over, stays where the error says.
func TestCommitOutdirKeepsTheOldOutputOnError(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "cdktf.out")
	write(t, filepath.Join(out, "manifest.json"), `{"version":"0.20.12","stacks":{"a":{"workingDirectory":"stacks/a"}}}`)
	write(t, filepath.Join(out, "stacks", "a", ".terraform.lock.hcl"), "lock")
	write(t, filepath.Join(out, "stacks", "a", ".terraform", "providers", "p"), "plugin")
	staging, err := makeStaging(out)
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(staging, "manifest.json"), `{"version":"0.20.12","stacks":{"a":{"workingDirectory":"stacks/a"}}}`)
	write(t, filepath.Join(staging, "stacks", "a", "cdk.tf.json"), "new a")
	// Something in the way of the carry-over: .terraform cannot be renamed
	// over a non-empty directory.
	write(t, filepath.Join(staging, "stacks", "a", ".terraform", "in-the-way"), "x")

	_, err = commitOutdir(staging, out, func() {})
	if err == nil || !strings.Contains(err.Error(), "the previous one, whole but for what was carried over, in "+staging) {
		t.Fatalf("got %v", err)
	}
	if got := read(t, filepath.Join(staging, "stacks", "a", ".terraform", "providers", "p")); got != "plugin" {
		t.Errorf("the old output's .terraform is gone: %q", got)
	}
	if got := read(t, filepath.Join(staging, "stacks", "a", ".terraform.lock.hcl")); got != "lock" {
		t.Errorf("the old output's lock file is gone: %q", got)
	}
	if got := read(t, filepath.Join(out, "stacks", "a", "cdk.tf.json")); got != "new a" {
		t.Errorf("the new output is not in place: %q", got)
	}
}
