package test

import (
	"bytes"
	"fmt"
	"go/format"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/privnet/privnet/constructs/core"
)

// docs are the Markdown files a user of the repository reads.
func docs(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("../docs/*.md")
	if err != nil {
		t.Fatal(err)
	}
	return append([]string{"../README.md"}, files...)
}

// fences returns the contents of the ```lang blocks of a Markdown file
// ("" for blocks with no language).
func fences(md, lang string) []string {
	var out []string
	var cur []string
	in, want := false, false
	for _, line := range strings.Split(md, "\n") {
		switch {
		case !in && strings.HasPrefix(line, "```"):
			in, want, cur = true, strings.TrimPrefix(line, "```") == lang, nil
		case in && line == "```":
			in = false
			if want {
				out = append(out, strings.Join(cur, "\n")+"\n")
			}
		case in:
			cur = append(cur, line)
		}
	}
	return out
}

// The README, docs/ and the code's comments stand alone: nothing points
// outside the repository (the project's rulebook and source articles are
// not in it).
func TestDocsStandAlone(t *testing.T) {
	outside := regexp.MustCompile(`(?i)\.\./shared|DOMAIN\.md|seeds?/|\bseeds? [0-9]`)
	files := docs(t)
	err := filepath.WalkDir("..", func(p string, d os.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && (d.Name() == "node_modules" || d.Name() == ".git" || strings.HasPrefix(d.Name(), "cdktf.out")):
			return filepath.SkipDir
		case !d.IsDir() && (strings.HasSuffix(p, ".go") || strings.HasSuffix(p, ".sh") || d.Name() == "Makefile") && !strings.HasSuffix(p, "docs_test.go"):
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for n, line := range strings.Split(string(b), "\n") {
			if outside.MatchString(line) {
				t.Errorf("%s:%d points outside the repository: %s", f, n+1, line)
			}
		}
	}
}

// The README's app is run exactly as the README says to set it up (a
// module with a replace directive and privnet's go.sum), gofmt-clean;
// without its AllowFrom line it fails with the message the README shows.
// The Go fragments of docs/ are gofmt-clean and compile.
func TestDocsExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the README's app as a module of its own")
	}
	repo, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var program string
	for _, g := range fences(string(readme), "go") {
		if strings.HasPrefix(g, "package main") {
			program = g
		}
	}
	if program == "" {
		t.Fatal("the README has no Go program")
	}
	if f, err := format.Source([]byte(program)); err != nil || string(f) != program {
		t.Errorf("the README's program is not gofmt-clean (%v):\n%s", err, unifiedDiff(program, string(f), 1))
	}
	var setup string
	for _, s := range fences(string(readme), "sh") {
		if strings.Contains(s, "go mod edit") {
			setup = s
		}
	}
	if setup == "" {
		t.Fatal("the README does not say how to set up a module")
	}

	// ../privnet in the README's commands is this checkout.
	work := t.TempDir()
	if err := os.Symlink(repo, filepath.Join(work, "privnet")); err != nil {
		t.Fatal(err)
	}
	shop := filepath.Join(work, "shop")
	os.Mkdir(shop, 0o755)
	run := func(dir string, name string, args ...string) (string, error) {
		cmd := exec.Command(name, args...)
		cmd.Dir = dir
		cmd.Env = os.Environ()
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		return out.String(), err
	}
	if err := os.WriteFile(filepath.Join(shop, "main.go"), []byte(program), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := run(shop, "bash", "-euc", setup); err != nil {
		t.Fatalf("the README's commands failed: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(shop, "cdktf.out", "stacks", "shop", "cdk.tf.json")); err != nil {
		t.Errorf("the README's app wrote no stack: %v", err)
	}

	// The fragments of docs/, each in a block of a function that declares
	// the names they use.
	var frags strings.Builder
	frags.WriteString(`package frags

import (
	"fmt"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/endpoints"
	"github.com/privnet/privnet/constructs/endpointservice"
	"github.com/privnet/privnet/constructs/instance"
	"github.com/privnet/privnet/constructs/instanceconnect"
	"github.com/privnet/privnet/constructs/lattice"
	"github.com/privnet/privnet/constructs/network"
	"github.com/privnet/privnet/constructs/resolver"
	"github.com/privnet/privnet/constructs/transit"
	"github.com/privnet/privnet/constructs/vpn"
	"github.com/privnet/privnet/reach"
	"github.com/privnet/privnet/tfjson"
)

var (
	_ = fmt.Sprint
	_ = reach.Analyze
	_ = tfjson.Load
	_ = endpoints.SSM
	_ = endpointservice.New
	_ = resolver.NewInbound
	_ = vpn.NewGateway
	_ = transit.NewGateway
	_ = instance.New
	_ = instanceconnect.New
	_ = lattice.NewResourceGateway
)
`)
	count := 0
	for _, f := range docs(t)[1:] {
		b, _ := os.ReadFile(f)
		for i, g := range fences(string(b), "go") {
			count++
			var body strings.Builder
			for _, line := range strings.Split(strings.TrimSuffix(g, "\n"), "\n") {
				if line == "" {
					body.WriteString("\n")
				} else {
					body.WriteString("\t\t" + line + "\n")
				}
			}
			fn := fmt.Sprintf("\n// %s, Go block %d\nfunc frag%d(app *core.App, stack, tokyo *core.Stack, vpc, consumer, tokyoVpc *network.Vpc) {\n\t{\n%s\t}\n}\n",
				filepath.Base(f), i+1, count, body.String())
			if formatted, err := format.Source([]byte("package p\n" + fn)); err != nil || string(formatted) != "package p\n"+fn {
				t.Errorf("%s, Go block %d is not gofmt-clean (%v):\n%s", f, i+1, err, unifiedDiff("package p\n"+fn, string(formatted), 1))
			}
			frags.WriteString(fn)
		}
	}
	if count == 0 {
		t.Error("docs/ has no Go blocks to compile")
	}
	os.Mkdir(filepath.Join(shop, "frags"), 0o755)
	if err := os.WriteFile(filepath.Join(shop, "frags", "frags.go"), []byte(frags.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := run(shop, "go", "build", "./..."); err != nil {
		t.Fatalf("the README's program or docs/'s Go blocks do not compile: %v\n%s", err, out)
	}

	// The error the README shows is the one the app gives without AllowFrom.
	shown := fences(string(readme), "")
	var message string
	for _, s := range shown {
		if strings.HasPrefix(s, "PN-") {
			message = strings.TrimSpace(s)
		}
	}
	if message == "" {
		t.Fatal("the README shows no error message")
	}
	broken := strings.Replace(program, "\tssm.AllowFrom(vm)", "\t_, _ = ssm, vm //", 1)
	if broken == program {
		t.Fatal("the README's program has no ssm.AllowFrom(vm) line")
	}
	os.WriteFile(filepath.Join(shop, "main.go"), []byte(broken), 0o644)
	out, err := run(shop, "go", "run", ".")
	if err == nil {
		t.Fatal("the README's app without AllowFrom succeeded")
	}
	if !strings.Contains(out, "  - "+message+"\n") {
		t.Errorf("the README shows\n%s\nbut the app says\n%s", message, out)
	}
}

// Every package that registers rules is imported by cmd/rulesdoc (which
// writes docs/rules.md) and by these tests (which check every rule): a new
// package forgotten there would go undocumented and untested.
func TestEveryRulePackageIsDocumented(t *testing.T) {
	rulesdoc, err := os.ReadFile("../cmd/rulesdoc/main.go")
	if err != nil {
		t.Fatal(err)
	}
	ruleID := regexp.MustCompile(`ID:\s+"(PN-[A-Z0-9]+-[0-9]+)"`)
	files, _ := filepath.Glob("../constructs/*/*.go")
	seen := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, _ := os.ReadFile(f)
		if !strings.Contains(string(b), "NewRule(") {
			continue
		}
		pkg := "github.com/privnet/privnet/constructs/" + filepath.Base(filepath.Dir(f))
		if pkg != "github.com/privnet/privnet/constructs/core" && !strings.Contains(string(rulesdoc), `"`+pkg+`"`) {
			t.Errorf("cmd/rulesdoc does not import %s, which registers rules (%s)", pkg, f)
		}
		for _, m := range ruleID.FindAllStringSubmatch(string(b), -1) {
			seen++
			if _, ok := core.LookupRule(m[1]); !ok {
				t.Errorf("rule %s of %s is not registered in the test binary: import its package in test/", m[1], f)
			}
		}
	}
	if seen != len(core.Rules()) {
		t.Errorf("%d rule IDs in constructs/, %d registered", seen, len(core.Rules()))
	}
}
