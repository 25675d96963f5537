package reach

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/privnet/privnet/reach/need"
	"github.com/privnet/privnet/tfjson"
)

// A trace gives the verdict the check gives, for every target of every
// need the shipped stacks declare, and names at least one hop.
func TestTraceAgreesWithCheck(t *testing.T) {
	var stacks []*tfjson.Stack
	for _, n := range goldenNames(t) {
		stacks = append(stacks, golden(t, n).stack(t, n))
	}
	a := New(stacks)
	n := 0
	for _, s := range stacks {
		for _, d := range s.Needs {
			r := a.Check(s.Name, d)
			i := 0
			srcs := []need.Source{d.From}
			if d.From.External == nil {
				srcs = nil
				for _, addr := range d.From.Addrs {
					srcs = append(srcs, need.Source{Addrs: []string{addr}})
				}
			}
			for _, src := range srcs {
				for _, tg := range d.Need.Targets {
					tr, hops := a.Trace(s.Name, src, tg)
					if tr.Verdict != r.Targets[i].Verdict || tr.Problem != r.Targets[i].Problem {
						t.Errorf("%s %s → %s: trace %s %q, check %s %q", s.Name, sourceKey(src), targetLabel(tg), tr.Verdict, tr.Problem, r.Targets[i].Verdict, r.Targets[i].Problem)
					}
					if len(hops) == 0 {
						t.Errorf("%s %s → %s: no hop", s.Name, sourceKey(src), targetLabel(tg))
					}
					if want := map[Verdict]string{Unreachable: "stops", Unknown: "unknown"}[tr.Verdict]; want != "" {
						if last := hops[len(hops)-1].Status; last != want {
							t.Errorf("%s %s → %s: %s, but the last hop %s", s.Name, sourceKey(src), targetLabel(tg), tr.Verdict, last)
						}
					}
					i++
					n++
				}
			}
		}
	}
	if n < 20 {
		t.Fatalf("only %d traces", n)
	}
}

// The matrix of a changed network: the cells that change are the ones
// the change list names.
func TestChangesFollowTheMatrix(t *testing.T) {
	var base, head []*tfjson.Stack
	for _, n := range goldenNames(t) {
		base = append(base, golden(t, n).stack(t, n))
		d := golden(t, n)
		if n == "ssm-private-instance" {
			d.del("resource.aws_vpc_endpoint.ssm_ssmmessages")
		}
		head = append(head, d.stack(t, n))
	}
	got := Changes(Matrices(base), Matrices(head))
	want := map[string]bool{
		"aws_instance.app → Session Manager: was ✓ private, now ✗ unreachable": true,
	}
	seen := 0
	for _, c := range got {
		if c.Stack != "ssm-private-instance" {
			t.Errorf("a change outside the changed stack: %s", c)
		}
		s := c.String()
		for w := range want {
			if len(s) >= len(w) && s[:len(w)] == w {
				seen++
			}
		}
	}
	if seen != len(want) {
		t.Errorf("changes: %v", got)
	}
}

// Columns: one per label and targets; a present endpoint applies to
// every workload of its VPC (each VPC of a stack), a declared need to its
// sources.
func TestMatrixColumns(t *testing.T) {
	m := Matrices([]*tfjson.Stack{Synthetic(3)})[0]
	if len(m.Rows) != 15 {
		t.Fatalf("%d rows, want 15 instances", len(m.Rows))
	}
	for _, r := range m.Rows {
		for i, c := range r.Cells {
			if c.Verdict == "" {
				t.Errorf("%s → %s: no cell, though the endpoint is in its VPC", r.Source, m.Columns[i].Label)
			}
		}
	}
	d := golden(t, "iam-privatelink")
	d.set("resource.aws_instance.worker", d.get("resource.aws_instance.app"))
	// The Instance Connect endpoint declares a need labelled like the
	// instance's, to another target.
	s := d.stack(t, "iam-privatelink")
	for i := range s.Needs {
		if s.Needs[i].Path == "iam-privatelink/eic" {
			s.Needs[i].Need.Label = "iam"
		}
	}
	m = Matrices([]*tfjson.Stack{s})[0]
	var labels []string
	for _, c := range m.Columns {
		labels = append(labels, c.Label)
	}
	if fmt.Sprint(labels) != "[iam sts iam (2)]" {
		t.Errorf("columns %v", labels)
	}
	for _, r := range m.Rows {
		if r.Source == "aws_instance.worker" && (r.Cells[0].Verdict == "" || r.Cells[1].Verdict == "" || r.Cells[2].Verdict != "") {
			t.Errorf("worker's cells: %+v", r.Cells)
		}
	}
}

// Worse changes come first; an improvement says what it was.
func TestChangesOrderAndWords(t *testing.T) {
	ch := []Change{{Stack: "a", Source: "x", Column: "sts", Was: Unreachable, Now: Private, Why: "no endpoint"},
		{Stack: "b", Source: "y", Column: "ssm", Was: Private, Now: Unreachable, Why: "no rule"}}
	if !ch[1].Worse() || ch[0].Worse() {
		t.Error("Worse")
	}
	if s := ch[0].String(); s != "x → sts: was ✗ unreachable, now ✓ private (it was: no endpoint)" {
		t.Errorf("%q", s)
	}
}

// The final review's findings: ports make a column of their own, labels
// stay unique, SARIF URIs cannot read as a scheme, and characters beyond
// U+FFFF are escaped as surrogate pairs.
func TestColumnsPortsLabelsAndOutput(t *testing.T) {
	s := golden(t, "iam-privatelink").stack(t, "iam-privatelink")
	eic := need.Source{Addrs: []string{"aws_ec2_instance_connect_endpoint.eic"}}
	s.Needs = append(s.Needs,
		need.Declared{Path: "p", From: eic, Need: need.Need{Label: "pg", Targets: []need.Target{{Kind: need.Instance, Addr: "aws_instance.app", Ports: []int{5432}}}}},
		need.Declared{Path: "p", From: eic, Need: need.Need{Label: "x (2)", Targets: []need.Target{svc("kms")}}},
		need.Declared{Path: "p", From: eic, Need: need.Need{Label: "x", Targets: []need.Target{svc("logs")}}},
		need.Declared{Path: "p", From: eic, Need: need.Need{Label: "x", Targets: []need.Target{svc("ssm")}}})
	m := Matrices([]*tfjson.Stack{s})[0]
	labels := map[string]bool{}
	for i, c := range m.Columns {
		if labels[c.Label] {
			t.Errorf("two columns labelled %q", c.Label)
		}
		labels[c.Label] = true
		if c.Label == "pg" {
			for _, r := range m.Rows {
				if r.Source == "aws_ec2_instance_connect_endpoint.eic" && r.Cells[i].Verdict != Unreachable {
					t.Errorf("pg from the Instance Connect endpoint: %s", r.Cells[i].Verdict)
				}
			}
		}
	}
	if !labels["pg"] || !labels["x (3)"] {
		t.Errorf("columns %v", labels)
	}
	r := Result{Stack: "s", Path: "p", From: "f", Need: "n\U000E0041", Target: "t", Verdict: Unreachable, Problem: "p", Fix: "f", Link: LinkEndpoint}
	out := string(SARIF([]Result{r}, []*tfjson.Stack{{Name: "s", File: "c:x/cdk.tf.json"}}))
	if !strings.Contains(out, `"uri": "c%3Ax/cdk.tf.json"`) {
		t.Errorf("SARIF URI: %s", out)
	}
	var back map[string]any
	if err := json.Unmarshal(JSON([]Result{r}), &back); err != nil || !strings.Contains(fmt.Sprint(back), "n\U000E0041") {
		t.Errorf("a character beyond U+FFFF does not survive: %v %v", err, back)
	}
}
