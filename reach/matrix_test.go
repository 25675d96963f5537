package reach

import (
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
