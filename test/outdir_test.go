package test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/network"
)

// buildInto makes an app writing to outdir with one VPC stack per name;
// bad makes the first VPC invalid.
func buildInto(outdir string, bad bool, names ...string) *core.App {
	app := core.NewApp(&core.AppProps{Outdir: outdir})
	for i, n := range names {
		s := core.NewStack(app, n, core.StackProps{Region: "us-east-1"})
		cidr := "10.0.0.0/16"
		if bad && i == 0 {
			cidr = "banana"
		}
		network.NewVpc(s, "network", &network.VpcProps{Cidr: cidr})
	}
	return app
}

// A failed run leaves the previous output exactly as it was; a good run
// replaces it, keeps what Terraform left in stacks that stay, and drops
// stacks no longer made. The local backend points outside the output.
func TestOutdirIsReplacedOnlyOnSuccess(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "cdktf.out")
	if err := buildInto(out, false, "a", "b").Run(); err != nil {
		t.Fatal(err)
	}
	first := readFile(t, filepath.Join(out, "stacks", "a", "cdk.tf.json"))
	if !strings.Contains(first, `"path": "../../../terraform.a.tfstate"`) {
		t.Errorf("local backend path is not the project root's state file:\n%s", first)
	}
	lock := filepath.Join(out, "stacks", "a", ".terraform.lock.hcl")
	if err := os.WriteFile(lock, []byte("# lock"), 0o644); err != nil {
		t.Fatal(err)
	}

	err := buildInto(out, true, "a", "c").Run()
	if err == nil || !strings.Contains(err.Error(), `Cidr "banana" is not an IPv4 CIDR`) {
		t.Fatalf("bad app ran: %v", err)
	}
	if got := readFile(t, filepath.Join(out, "stacks", "a", "cdk.tf.json")); got != first {
		t.Errorf("a failed run changed the output")
	}
	if _, err := os.Stat(filepath.Join(out, "stacks", "c")); err == nil {
		t.Errorf("a failed run wrote stack c")
	}
	if left, _ := filepath.Glob(filepath.Join(root, ".cdktf.out.privnet-*")); len(left) > 0 {
		t.Errorf("a failed run left %v", left)
	}

	if err := buildInto(out, false, "a", "c").Run(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "stacks", "b")); err == nil {
		t.Errorf("stack b, no longer made, lingers")
	}
	if got := readFile(t, lock); got != "# lock" {
		t.Errorf("the lock file Terraform left was not kept: %q", got)
	}
	readFile(t, filepath.Join(out, "stacks", "c", "cdk.tf.json"))
}

// Output directories privnet must not replace are refused before anything
// is written, with the reason and the fix.
func TestOutdirRefusals(t *testing.T) {
	root := t.TempDir()
	withState := filepath.Join(root, "cdktf.out")
	if err := buildInto(withState, false, "shop").Run(); err != nil {
		t.Fatal(err)
	}
	state := filepath.Join(withState, "terraform.shop.tfstate") // where privnet put it before
	os.WriteFile(state, []byte(`{"version":4}`), 0o644)
	notOurs := filepath.Join(root, "src")
	os.MkdirAll(notOurs, 0o755)
	os.WriteFile(filepath.Join(notOurs, "main.go"), []byte("package main"), 0o644)
	link := filepath.Join(root, "link")
	os.Symlink(notOurs, link)

	for _, c := range []struct{ outdir, want string }{
		{"/", `PN-APP-1 app: output directory "/" is the file system root; privnet replaces its output directory whole (fix: use a directory of its own, like cdktf.out)`},
		{withState, `PN-APP-1 app: output directory "` + withState + `" holds Terraform state (terraform.shop.tfstate); privnet never replaces a directory that holds state (fix: move it where the local backend now points, the directory above: mv -n ` + state + ` ` + filepath.Join(root, "terraform.shop.tfstate") + `)`},
		{notOurs, `PN-APP-1 app: output directory "` + notOurs + `" is not empty and is not a cdktf output (it has no cdktf manifest.json); privnet replaces its output directory whole (fix: pick an empty or new directory)`},
		{link, `PN-APP-1 app: output directory "` + link + `" is a symlink; privnet never writes through a symlink (fix: give the directory it points to as -outdir)`},
	} {
		err := buildInto(c.outdir, false, "shop").Run()
		is, ok := err.(core.Issues)
		if !ok {
			t.Fatalf("outdir %s: got %T %v", c.outdir, err, err)
		}
		wantIssues(t, is.Messages(), c.want)
	}
	if got := readFile(t, state); got != `{"version":4}` {
		t.Errorf("state changed: %q", got)
	}
	if got := readFile(t, filepath.Join(notOurs, "main.go")); got != "package main" {
		t.Errorf("a file privnet did not make changed: %q", got)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
