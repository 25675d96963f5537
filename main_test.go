package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/privnet/privnet/constructs/core"
)

// Every test here calls run in this process, so they share one jsii
// runtime (loading the AWS provider costs seconds per process); only two
// of them synthesize.
func TestMain(m *testing.M) {
	code := m.Run()
	core.Shutdown()
	os.Exit(code)
}

// call runs the command and returns its exit code, stdout and stderr.
func call(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const knownStacks = "baseline, endpoint-catalog, s3-onprem, onprem-dns, iam-privatelink, ssm-private-instance, lattice-resource, lattice-peer, transit-hub, xregion-service, xregion-consumer, egress-firewall, china-workload, govcloud-workload, existing-vpc, hub-spoke, dual-stack"

// Usage and configuration errors exit 2 before anything is built: the
// output directory is never made.
func TestUsageAndConfigErrorsExitTwo(t *testing.T) {
	dir := t.TempDir()
	cfg := func(name, content string) string { return writeFile(t, dir, name, content) }
	base := `{"name":"b","kind":"baseline","region":"us-east-1","cidr":"10.0.0.0/16"}`
	for _, tc := range []struct {
		name string
		args []string
		want string // all of stderr
	}{
		{"empty object", []string{"-config", cfg("empty.json", `{}`)},
			"privnet: " + dir + `/empty.json:1:1: stacks: missing, so the configuration makes no stack (fix: list the stacks to make, each {"name": ..., "kind": ...} with the kind's settings, as in stacks/default.json)` + "\n"},
		{"null", []string{"-config", cfg("null.json", `null`)},
			"privnet: " + dir + `/null.json:1:1: the configuration is null, not an object (fix: write {"stacks": [...]} as in stacks/default.json)` + "\n"},
		{"no stacks", []string{"-config", cfg("none.json", `{"stacks":[]}`)},
			"privnet: " + dir + `/none.json:1:11: stacks: the list is empty, so the configuration makes no stack (fix: list the stacks to make, each {"name": ..., "kind": ...} with the kind's settings, as in stacks/default.json)` + "\n"},
		{"key case", []string{"-config", cfg("case.json", `{"stacks":[{"name":"b","kind":"baseline","region":"us-east-1","CIDR":"10.0.0.0/16"}]}`)},
			"privnet: " + dir + `/case.json:1:63: stacks[0]: key "CIDR" must be written "cidr": keys are case-sensitive` + "\n"},
		{"unknown top-level key", []string{"-config", cfg("top.json", `{"stacks":[`+base+`],"stack":[]}`)},
			"privnet: " + dir + `/top.json:1:86: unknown key "stack" at the top level (fix: the configuration has one key, "stacks")` + "\n"},
		{"duplicate key", []string{"-config", cfg("dup.json", "{\"stacks\":[\n"+base+",\n"+base+"\n],\n\"stacks\":[]}")},
			"privnet: " + dir + `/dup.json:5:1: key "stacks" appears twice in this object (first at line 1, column 2) (fix: keep one; JSON readers disagree on which one wins)` + "\n"},
		{"trailing data", []string{"-config", cfg("trail.json", `{"stacks":[`+base+`]}`+"\n"+`{"stacks":[]}`)},
			"privnet: " + dir + `/trail.json:2:1: data after the end of the configuration document (fix: keep exactly one JSON object in the file)` + "\n"},
		{"syntax error", []string{"-config", cfg("syntax.json", "{\"stacks\": [\n  {\"name\": \"b\" \"kind\": \"baseline\"}\n]}")},
			"privnet: " + dir + `/syntax.json:2:16: JSON syntax error: invalid character '"' after object key:value pair` + "\n"},
		{"names that clean up alike", []string{"-config", cfg("names.json", `{"stacks":[`+strings.Replace(base, `"b"`, `"a b"`, 1)+`,`+strings.Replace(base, `"b"`, `"a_b"`, 1)+`]}`)},
			"privnet: 2 errors in the configuration:\n" +
				"  - " + dir + `/names.json:1:20: stacks[0].name: "a b" is not a usable stack name: it names a directory, a state file and a Terraform workspace (fix: start with a letter and use only letters, digits and hyphens)` + "\n" +
				"  - " + dir + `/names.json:1:95: stacks[1].name: "a_b" is not a usable stack name: it names a directory, a state file and a Terraform workspace (fix: start with a letter and use only letters, digits and hyphens)` + "\n"},
		{"long name", []string{"-config", cfg("long.json", `{"stacks":[`+strings.Replace(base, `"b"`, `"`+strings.Repeat("n", 10000)+`"`, 1)+`]}`)},
			"privnet: " + dir + `/long.json:1:20: stacks[0].name: "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn"… (10000 characters) is longer than 64 characters (fix: use a shorter name)` + "\n"},
		{"negative endpointsPerVpc", []string{"-config", cfg("scale.json", `{"stacks":[{"name":"s","kind":"scale","region":"us-east-1","vpcs":2,"endpointsPerVpc":-1}]}`)},
			"privnet: " + dir + `/scale.json:1:87: stacks[0].endpointsPerVpc: -1 is negative (fix: use 0 to 33: the kind takes 33 interface services that need no other resource)` + "\n"},
		{"missing file", []string{"-config", dir + "/missing.json"},
			"privnet: " + dir + "/missing.json: cannot read the configuration: no such file or directory\n"},
		{"directory", []string{"-config", dir},
			"privnet: " + dir + ": is a directory, not a regular file (fix: write the configuration to a file and give its path)\n"},
		{"device", []string{"-config", "/dev/zero"},
			"privnet: /dev/zero: is a device, not a regular file (fix: write the configuration to a file and give its path)\n"},
		{"unknown stack", []string{"nope", "baseline"},
			`privnet: stacks/default.json (embedded): no stack named "nope" (fix: name stacks of the configuration: ` + knownStacks + ")\n"},
		{"-- ends the flags", []string{"--", "-q"},
			`privnet: stacks/default.json (embedded): no stack named "-q" (fix: name stacks of the configuration: ` + knownStacks + ")\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			outdir := filepath.Join(t.TempDir(), "out")
			code, stdout, stderr := call(append([]string{"-outdir", outdir}, tc.args...)...)
			if code != 2 || stdout != "" || stderr != tc.want {
				t.Fatalf("exit %d, stdout %q, stderr:\n%s\nwant exit 2, stderr:\n%s", code, stdout, stderr, tc.want)
			}
			if _, err := os.Lstat(outdir); !os.IsNotExist(err) {
				t.Fatalf("the output directory was made (%v)", err)
			}
		})
	}
}

func TestBadFlagExitsTwoAndHelpZero(t *testing.T) {
	code, _, stderr := call("-nope")
	if code != 2 || !strings.HasPrefix(stderr, "flag provided but not defined: -nope\nusage: privnet [flags] [stack ...]\n") {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	code, _, stderr = call("baseline", "-h")
	if code != 0 || !strings.HasPrefix(stderr, "usage: privnet [flags] [stack ...]\n") {
		t.Fatalf("-h: exit %d, stderr:\n%s", code, stderr)
	}
}

func TestParseArgs(t *testing.T) {
	for _, tc := range []struct {
		args          []string
		names, config string
		quiet         bool
	}{
		{[]string{"baseline", "-q"}, "baseline", "", true},
		{[]string{"-q", "a", "-config", "c.json", "b"}, "a b", "c.json", true},
		{[]string{"a", "--", "-q", "b"}, "a -q b", "", false},
		{[]string{"-config", "--", "a"}, "a", "--", false},
		{[]string{"-config", "--", "--", "-q"}, "-q", "--", false},
		{[]string{"-config=x", "--", "-q"}, "-q", "x", false},
		{nil, "", "", false},
	} {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		config := fs.String("config", "", "")
		quiet := fs.Bool("q", false, "")
		names, err := parseArgs(fs, tc.args)
		if err != nil || strings.Join(names, " ") != tc.names || *config != tc.config || *quiet != tc.quiet {
			t.Errorf("%q: names %q config %q quiet %v (%v); want %q %q %v", tc.args, names, *config, *quiet, err, tc.names, tc.config, tc.quiet)
		}
	}
}

// -list shows what a selection would build, with no jsii call.
func TestListShowsTheSelection(t *testing.T) {
	code, stdout, stderr := call("xregion-consumer", "-list")
	if code != 0 || stderr != "" || stdout != "xregion-service\txregion-service\nxregion-consumer\txregion-consumer\n" {
		t.Fatalf("exit %d, stdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
}

func TestCountIn(t *testing.T) {
	j := `{"data":{"aws_caller_identity":{"current":{}}},"resource":{"aws_vpc":{"a":{},"b":{}},"aws_subnet":{"c":{}}},"output":{"x":{}}}`
	if n, err := countIn("cdk.tf.json", []byte(j)); n != 3 || err != nil {
		t.Fatalf("JSON: %d (%v), want 3", n, err)
	}
	h := "data \"aws_caller_identity\" \"current\" {\n}\n\nresource \"aws_vpc\" \"a\" {\n  tags = {\n    resource = \"x\"\n  }\n}\nresource \"aws_subnet\" \"c\" {\n}\noutput \"x\" {\n}\n"
	if n, err := countIn("cdk.tf", []byte(h)); n != 2 || err != nil {
		t.Fatalf("HCL: %d (%v), want 2", n, err)
	}
	if _, err := countIn("cdk.tf.json", []byte("{")); err == nil {
		t.Fatal("broken JSON counted")
	}
}

// A configuration the plan accepts but a construct refuses exits 1, with
// the construct's message.
func TestValidationErrorExitsOne(t *testing.T) {
	dir := t.TempDir()
	cfg := writeFile(t, dir, "wide.json", `{"stacks":[{"name":"wide","kind":"baseline","region":"us-east-1","cidr":"10.0.0.0/8"}]}`)
	code, stdout, stderr := call("-config", cfg, "-outdir", filepath.Join(dir, "out"))
	want := "PN-VPC-1 wide/network: VPC prefix /8 is outside the /16–/28 AWS allows (fix: use a prefix from /16 to /28)"
	if code != 1 || stdout != "" || !strings.Contains(stderr, want) {
		t.Fatalf("exit %d, stderr:\n%s\nwant exit 1 and %q", code, stderr, want)
	}
}

// stackDirs lists the stack directories of an output directory.
func stackDirs(t *testing.T, outdir string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(outdir, "stacks"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

// Naming a stack builds it and the stacks it needs, nothing else: before,
// the name selected every stack after it in the configuration. Flags may
// follow the names. Each stack gets a line with its resource count.
func TestSynthBuildsTheNamedStackAndItsNeeds(t *testing.T) {
	outdir := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := call("xregion-consumer", "-outdir", outdir)
	if code != 0 || stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr:\n%s", code, stdout, stderr)
	}
	if got := strings.Join(stackDirs(t, outdir), " "); got != "xregion-consumer xregion-service" {
		t.Fatalf("stack directories: %s", got)
	}
	var manifest struct{ Stacks map[string]any }
	b, err := os.ReadFile(filepath.Join(outdir, "manifest.json"))
	if err == nil {
		err = json.Unmarshal(b, &manifest)
	}
	if err != nil || len(manifest.Stacks) != 2 {
		t.Fatalf("manifest: %v, %d stacks", err, len(manifest.Stacks))
	}

	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("want 3 lines on stderr, got:\n%s", stderr)
	}
	perStack := regexp.MustCompile(`^privnet: (\S+) +(\d+) resources  built in \d+\.\d\ds$`)
	total := 0
	for i, name := range []string{"xregion-service", "xregion-consumer"} {
		m := perStack.FindStringSubmatch(lines[i])
		if m == nil || m[1] != name {
			t.Fatalf("line %d: %q, want the line of %s", i+1, lines[i], name)
		}
		n, _ := strconv.Atoi(m[2])
		var doc struct{ Resource map[string]map[string]any }
		b, err := os.ReadFile(filepath.Join(outdir, "stacks", name, "cdk.tf.json"))
		if err == nil {
			err = json.Unmarshal(b, &doc)
		}
		want := 0
		for _, byName := range doc.Resource {
			want += len(byName)
		}
		if err != nil || want == 0 || n != want {
			t.Fatalf("%s: line says %d resources, the file has %d (%v)", name, n, want, err)
		}
		total += n
	}
	summary := regexp.MustCompile(`^privnet: 2 stacks, (\d+) resources in (.+) \(build \d+\.\d\ds, synth \d+\.\d\ds, total \d+\.\d\ds\)$`)
	m := summary.FindStringSubmatch(lines[2])
	if m == nil || m[1] != fmt.Sprint(total) || m[2] != outdir {
		t.Fatalf("summary %q, want %d resources in %s", lines[2], total, outdir)
	}
}

func TestQuietPrintsNothing(t *testing.T) {
	outdir := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := call("baseline", "-q", "-outdir", outdir)
	if code != 0 || stdout != "" || stderr != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if got := strings.Join(stackDirs(t, outdir), " "); got != "baseline" {
		t.Fatalf("stack directories: %s", got)
	}
}

// A stack that makes another (lattice-peer's accepter stack) shows it on
// a line of its own, counted in the summary.
func TestMadeStacksAreListed(t *testing.T) {
	outdir := filepath.Join(t.TempDir(), "out")
	code, _, stderr := call("lattice-resource", "lattice-peer", "-outdir", outdir)
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	if got := strings.Join(stackDirs(t, outdir), " "); got != "lattice-peer lattice-peer-accepter lattice-resource" {
		t.Fatalf("stack directories: %s", got)
	}
	if !regexp.MustCompile(`(?m)^privnet: lattice-peer-accepter +3 resources  made with lattice-peer$`).MatchString(stderr) ||
		!regexp.MustCompile(`(?m)^privnet: 3 stacks, 62 resources in `).MatchString(stderr) {
		t.Fatalf("stderr:\n%s", stderr)
	}
}
