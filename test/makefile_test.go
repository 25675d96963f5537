package test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// make clean removes the output folders but never Terraform state: a
// folder that holds state is kept whole, and make clean fails and says so.
func TestMakeCleanKeepsState(t *testing.T) {
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("make is not installed")
	}
	dir := t.TempDir()
	mk, err := os.ReadFile("../Makefile")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "Makefile"), mk, 0o644); err != nil {
		t.Fatal(err)
	}
	put := func(rel, text string) {
		p := filepath.Join(dir, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	clean := func() (string, error) {
		cmd := exec.Command("make", "--no-print-directory", "clean")
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		return string(out), err
	}

	// State where privnet's old backend path put it, and in a stack folder.
	put("cdktf.out/manifest.json", "{}")
	put("cdktf.out/terraform.shop.tfstate", `{"version":4}`)
	put("cdktf.out.hcl/stacks/shop/cdk.tf", "")
	put("cdktf.out.hcl/stacks/shop/terraform.tfstate.backup", `{"version":4}`)
	put("terraform.shop.tfstate", `{"version":4}`) // where state lives now
	out, err := clean()
	if err == nil {
		t.Errorf("make clean succeeded while keeping state:\n%s", out)
	}
	for _, want := range []string{
		"make clean: kept cdktf.out: it holds Terraform state (cdktf.out/terraform.shop.tfstate)",
		"make clean: kept cdktf.out.hcl: it holds Terraform state (cdktf.out.hcl/stacks/shop/terraform.tfstate.backup)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("make clean said:\n%s\nwant a line with %q", out, want)
		}
	}
	for _, kept := range []string{"cdktf.out/terraform.shop.tfstate", "cdktf.out/manifest.json", "cdktf.out.hcl/stacks/shop/terraform.tfstate.backup", "terraform.shop.tfstate"} {
		if _, err := os.Stat(filepath.Join(dir, kept)); err != nil {
			t.Errorf("%s is gone: %v", kept, err)
		}
	}

	// Without state, the output folders go, and so does a leftover of an
	// interrupted synth; .terraform/terraform.tfstate is terraform init's
	// backend settings, not state; the project root's state stays.
	os.Remove(filepath.Join(dir, "cdktf.out/terraform.shop.tfstate"))
	os.Remove(filepath.Join(dir, "cdktf.out.hcl/stacks/shop/terraform.tfstate.backup"))
	put("cdktf.out/stacks/shop/.terraform/terraform.tfstate", `{"backend":{}}`)
	put(".cdktf.out.privnet-123/stacks/shop/cdk.tf.json", "{}")
	if out, err := clean(); err != nil {
		t.Fatalf("make clean: %v\n%s", err, out)
	}
	for _, gone := range []string{"cdktf.out", "cdktf.out.hcl", ".cdktf.out.privnet-123"} {
		if _, err := os.Stat(filepath.Join(dir, gone)); err == nil {
			t.Errorf("%s is still there", gone)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "terraform.shop.tfstate")); err != nil {
		t.Errorf("the project root's state is gone: %v", err)
	}
}
