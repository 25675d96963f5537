package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestResource(t *testing.T) {
	for key, want := range map[string]string{
		"aws_lb[service]":                        "aws_lb.service",
		"aws_instance.{{app}}":                   "aws_instance.app",
		"resource.aws_kms_key.network_flow-logs": "aws_kms_key.network_flow-logs",
		"aws_kms_key[network_flow-logs].policy":  "aws_kms_key.network_flow-logs",
		"aws_security_group[{{server_sg}}].tags": "aws_security_group.server_sg",
		"output.{{cross-stack-output-x}}":        "output.cross-stack-output-x",
		"resource":                               "resource",
	} {
		if got := resource(key); got != want {
			t.Errorf("resource(%q) = %q, want %q", key, got, want)
		}
	}
}

// Resources are paired with their stack: a resource accepted in one stack
// is not accepted in another that has one of the same name.
func TestAccepts(t *testing.T) {
	acc := []Acceptance{
		{Query: "q1", Everywhere: true},
		{Query: "q3", Where: map[string][]string{"a": {"aws_vpc.network"}, "b": {"aws_vpc.consumer"}}},
	}
	for _, c := range []struct {
		query, stack, res string
		want              bool
	}{
		{"q1", "z", "x.y", true},
		{"q3", "a", "aws_vpc.network", true},
		{"q3", "b", "aws_vpc.consumer", true},
		{"q3", "a", "aws_vpc.consumer", false}, // accepted in b, not in a
		{"q3", "b", "aws_vpc.network", false},
		{"q3", "c", "aws_vpc.network", false}, // a new stack
		{"q4", "a", "aws_vpc.network", false},
	} {
		if _, got := accepts(acc, c.query, c.stack, c.res); got != c.want {
			t.Errorf("accepts(%s, %s, %s) = %v", c.query, c.stack, c.res, got)
		}
	}
	if got := strings.Join(everywhere(acc), ","); got != "q1" {
		t.Errorf("everywhere %q", got)
	}
}

// The gate fails on an unaccepted finding, on an acceptance that matched
// nothing, and on an incomplete scan of any stack; it passes when every
// finding is accepted and every acceptance used.
func TestGate(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "gate")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	const q = "e592a0c5-5bdb-414c-9066-5dba7cdea370"
	acc := write("acc.json", `{"kics_queries_total":600,"accepted":[{"query":"`+q+`","name":"n","severity":"LOW","where":{"a":["aws_vpc.network"]},"reason":"why"}]}`)
	finding := func(key string) string {
		return `{"query_id":"` + q + `","query_name":"n","severity":"LOW","files":[{"file_name":"x/cdk.tf.json","search_key":"` + key + `","line":3}]}`
	}
	report := func(parsed, failed, total int, queries ...string) string {
		return `{"files_parsed":` + itoa(parsed) + `,"files_failed_to_scan":0,"queries_failed_to_execute":` + itoa(failed) + `,"queries_total":` + itoa(total) + `,"queries":[` + strings.Join(queries, ",") + `]}`
	}
	run := func(a, b string) (int, string) {
		reports := filepath.Join(dir, "r"+strconv.Itoa(len(a)+len(b)))
		write(filepath.Join(filepath.Base(reports), "a.json"), a)
		write(filepath.Join(filepath.Base(reports), "b.json"), b)
		out, err := exec.Command(bin, "-reports", reports, "-accepted", acc, "-stacks", "a,b").CombinedOutput()
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode(), string(out)
		}
		return 0, string(out)
	}
	if code, out := run(report(1, 0, 600, finding("aws_vpc[network]")), report(1, 0, 600)); code != 0 {
		t.Errorf("accepted finding: exit %d\n%s", code, out)
	}
	if code, out := run(report(1, 0, 600, finding("aws_vpc[network]")), report(1, 0, 600, finding("aws_vpc[network]"))); code != 1 ||
		!strings.Contains(out, "1 unaccepted finding(s):\nLOW\tb\tn ["+q+"]\taws_vpc[network] (line 3)") {
		t.Errorf("the same resource in another stack: exit %d\n%s", code, out)
	}
	if code, out := run(report(1, 0, 600), report(1, 0, 600)); code != 1 || !strings.Contains(out, "1 acceptance(s) matched no finding") || !strings.Contains(out, "n ["+q+"]\ta\taws_vpc.network") {
		t.Errorf("a stale acceptance: exit %d\n%s", code, out)
	}
	if code, out := run(report(1, 0, 600, finding("aws_vpc[network]")), report(0, 0, 600)); code != 2 || !strings.Contains(out, "incomplete scan of b: 0 of 1 stack file parsed") {
		t.Errorf("a file not parsed: exit %d\n%s", code, out)
	}
	if code, out := run(report(1, 3, 600, finding("aws_vpc[network]")), report(1, 0, 600)); code != 2 || !strings.Contains(out, "incomplete scan of a: 1 of 1 stack file parsed, 0 failed, 3 queries failed") {
		t.Errorf("failed queries: exit %d\n%s", code, out)
	}
	if code, out := run(report(1, 0, 600, finding("aws_vpc[network]")), report(1, 0, 350)); code != 2 || !strings.Contains(out, "350 queries run where the pinned KICS has 600") {
		t.Errorf("a partial query set: exit %d\n%s", code, out)
	}
	for name, text := range map[string]string{
		"no resources":     `{"kics_queries_total":600,"accepted":[{"query":"` + q + `","name":"n","where":{"a":[]},"reason":"why"}]}`,
		"neither":          `{"kics_queries_total":600,"accepted":[{"query":"` + q + `","name":"n","reason":"why"}]}`,
		"no query total":   `{"accepted":[{"query":"` + q + `","name":"n","everywhere":true,"reason":"why"}]}`,
		"old stacks field": `{"kics_queries_total":600,"accepted":[{"query":"` + q + `","name":"n","stacks":["a"],"reason":"why"}]}`,
	} {
		p := write("bad.json", text)
		out, err := exec.Command(bin, "-accepted", p, "-exclude-queries").CombinedOutput()
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 {
			t.Errorf("%s: accepted: %v\n%s", name, err, out)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
