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

func TestAccepts(t *testing.T) {
	acc := []Acceptance{
		{Query: "q1", Stacks: []string{"*"}},
		{Query: "q2", Stacks: []string{"a", "b"}},
		{Query: "q3", Stacks: []string{"a"}, Resources: []string{"aws_vpc.network"}},
	}
	for _, c := range []struct {
		query, stack, res string
		want              bool
	}{
		{"q1", "z", "x.y", true},
		{"q2", "b", "x.y", true},
		{"q2", "c", "x.y", false}, // a new stack
		{"q3", "a", "aws_vpc.network", true},
		{"q3", "a", "aws_vpc.other", false}, // a new resource
		{"q4", "a", "aws_vpc.network", false},
	} {
		if got := accepts(acc, c.query, c.stack, c.res); got != c.want {
			t.Errorf("accepts(%s, %s, %s) = %v", c.query, c.stack, c.res, got)
		}
	}
	if got := strings.Join(everywhere(acc), ","); got != "q1" {
		t.Errorf("everywhere %q", got)
	}
}

// The gate fails on an unaccepted finding and on an incomplete scan, and
// passes when every finding is accepted.
func TestGate(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "gate")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	acc := write("acc.json", `{"accepted":[{"query":"e592a0c5-5bdb-414c-9066-5dba7cdea370","name":"n","severity":"LOW","stacks":["a"],"resources":["aws_vpc.network"],"reason":"why"}]}`)
	finding := func(stack, key string) string {
		return `{"query_id":"e592a0c5-5bdb-414c-9066-5dba7cdea370","query_name":"n","severity":"LOW","files":[{"file_name":"out/stacks/` + stack + `/cdk.tf.json","search_key":"` + key + `","line":3}]}`
	}
	report := func(parsed, failed int, queries ...string) string {
		return write("r.json", `{"files_parsed":`+itoa(parsed)+`,"files_failed_to_scan":0,"queries_failed_to_execute":`+itoa(failed)+`,"queries_total":600,"queries":[`+strings.Join(queries, ",")+`]}`)
	}
	run := func(r string) (int, string) {
		out, err := exec.Command(bin, "-report", r, "-accepted", acc, "-stacks", "2").CombinedOutput()
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode(), string(out)
		}
		return 0, string(out)
	}
	if code, out := run(report(2, 0, finding("a", "aws_vpc[network]"))); code != 0 {
		t.Errorf("accepted finding: exit %d\n%s", code, out)
	}
	if code, out := run(report(2, 0, finding("a", "aws_vpc[network]"), finding("b", "aws_vpc[network]"))); code != 1 || !strings.Contains(out, "1 unaccepted finding(s):\nLOW\tb\tn [e592a0c5-5bdb-414c-9066-5dba7cdea370]\taws_vpc[network] (line 3)") {
		t.Errorf("the same query in a new stack: exit %d\n%s", code, out)
	}
	if code, out := run(report(1, 0)); code != 2 || !strings.Contains(out, "incomplete scan: 1 of 2 stack files parsed") {
		t.Errorf("a file not parsed: exit %d\n%s", code, out)
	}
	if code, out := run(report(2, 3)); code != 2 || !strings.Contains(out, "3 of 600 queries failed to execute") {
		t.Errorf("failed queries: exit %d\n%s", code, out)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
