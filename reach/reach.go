// Package reach proves, before deploy, what each workload of an app can
// reach privately, and when it cannot, which link is broken. It reads the
// synthesized Terraform JSON of every stack (package tfjson), so it covers
// resources made with plain cdktf bindings beside privnet's constructs,
// and the needs the stacks declared ("//".privnet.needs: instance
// Reaches, core.Expect). It is pure Go: no jsii, no network. core.App runs
// it after synth; it reads the same JSON as package review.
//
// A need gets one of four verdicts: private (with the path taken),
// internet (it works through a NAT or internet gateway, leaving the
// private network), unreachable (with the first broken link and the fix),
// or unknown (a fact that cannot be known at synth, named). Reachability
// checks the network only (Scope).
//
// The model is built once, linearly; clients that share subnet, security
// groups and address share their verdicts.
package reach

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/privnet/privnet/reach/need"
	"github.com/privnet/privnet/tfjson"
)

// Verdict is what a need gets.
type Verdict string

const (
	Private     Verdict = "private"
	Internet    Verdict = "internet"
	Unreachable Verdict = "unreachable"
	Unknown     Verdict = "unknown"
)

// rank orders verdicts from best to worst: a need with several targets
// or sources gets its worst one.
func (v Verdict) rank() int {
	switch v {
	case Private:
		return 0
	case Internet:
		return 1
	case Unknown:
		return 2
	}
	return 3
}

// Result is the verdict of one declared need.
type Result struct {
	// Stack and Path name where the need was declared (the source's
	// construct path), From the source (a Terraform address or an
	// external network), Need the need's label.
	Stack, Path, From, Need string
	Verdict                 Verdict
	// Target is the target that decided the verdict (the worst one).
	Target string
	// Via is the path taken, for private and internet verdicts.
	Via string
	// Link is the broken link (unreachable) or the link whose fact is
	// missing (unknown); Problem says what, Fix what to do.
	Link         *Link
	Problem, Fix string
	// Targets are the verdicts of each target of the need, from each
	// source, in order.
	Targets []TargetResult
}

// Hop is one step of a traced path: the DNS answer, the route used, the
// security-group rules and network ACL entries on both sides, the
// endpoint or gateway reached. Status is passes, stops or unknown.
type Hop struct {
	Step     string `json:"step"`
	Resource string `json:"resource"`
	Detail   string `json:"detail"`
	Status   string `json:"status"`
}

// Trace evaluates one target from one source of a stack, like traceroute:
// the verdict and every hop on the way (nothing is cached).
func (a *Analyzer) Trace(stackName string, from need.Source, t need.Target) (r TargetResult, hops []Hop) {
	st := a.m.stacks[stackName]
	if st == nil {
		return TargetResult{Verdict: Unknown, Link: LinkModel, Problem: fmt.Sprintf("stack %s is not in the output", quote(stackName))}, nil
	}
	defer func() {
		if p := recover(); p != nil {
			r = TargetResult{Verdict: Unknown, Link: LinkModel, Problem: fmt.Sprintf("privnet failed to evaluate it (%v): report it with the synthesized stack", p)}
		}
	}()
	var c *client
	switch {
	case from.External != nil:
		c = a.m.external(st, from.External)
	case len(from.Addrs) == 1:
		c = a.m.client(st, from.Addrs[0])
	default:
		return TargetResult{Verdict: Unknown, Link: LinkModel, Problem: "a trace starts from one source"}, nil
	}
	c.tr = &hops
	v := a.m.target(c, t)
	if v.v == Unreachable || v.v == Unknown {
		// Every check that stops a path records its hop; one that has no
		// hop of its own (a listener, a region, a fact) ends the trace here.
		last := ""
		for _, h := range hops {
			if h.Status == "stops" || h.Status == "unknown" {
				last = h.Status
			}
		}
		want := map[Verdict]string{Unreachable: "stops", Unknown: "unknown"}[v.v]
		if last != want {
			hops = append(hops, Hop{Step: linkID(v.o.link), Resource: c.label, Detail: v.o.problem, Status: want})
		}
	}
	return TargetResult{From: c.label, Target: targetLabel(t), Verdict: v.v, Via: v.via, Link: v.o.link, Problem: v.o.problem, Fix: v.o.fix}, hops
}

// TargetResult is the verdict of one target from one source.
type TargetResult struct {
	From, Target string
	Verdict      Verdict
	Via          string
	Link         *Link
	Problem, Fix string
}

// Analyze evaluates every need the stacks declare, in stack order, then
// the order of declaration.
func Analyze(stacks []*tfjson.Stack) []Result {
	a := New(stacks)
	var out []Result
	for _, s := range stacks {
		for _, d := range s.Needs {
			out = append(out, a.Check(s.Name, d))
		}
	}
	return out
}

// Analyzer holds the model of one app's stacks.
type Analyzer struct {
	m     *model
	cache map[string]verdict
}

// New builds the model of the stacks: linear in their resources.
func New(stacks []*tfjson.Stack) *Analyzer {
	return &Analyzer{m: build(stacks), cache: map[string]verdict{}}
}

// Check evaluates one need declared in stack.
func (a *Analyzer) Check(stackName string, d need.Declared) (r Result) {
	r = Result{Stack: stackName, Path: d.Path, Need: d.Need.Label, Verdict: Private}
	defer func() {
		// A bug in privnet must not stop a synth with a panic: the need
		// is then undecided, and says so.
		if p := recover(); p != nil {
			r.Verdict, r.Link, r.Via, r.Fix = Unknown, LinkModel, "", ""
			r.Problem = fmt.Sprintf("privnet failed to evaluate it (%v): report it with the synthesized stack", p)
		}
	}()
	if len(d.Need.Targets) == 0 || (len(d.From.Addrs) == 0 && d.From.External == nil) {
		r.Verdict, r.Link, r.Problem = Unknown, LinkModel, "the need names no source or no target"
		return r
	}
	st := a.m.stacks[stackName]
	var clients []*client
	switch {
	case st == nil:
		r.From = strings.Join(d.From.Addrs, ", ")
		r.Verdict, r.Link, r.Problem = Unknown, LinkModel, fmt.Sprintf("stack %s is not in the output", quote(stackName))
		return r
	case d.From.External != nil:
		r.From = d.From.External.Name
		clients = append(clients, a.m.external(st, d.From.External))
	default:
		r.From = strings.Join(d.From.Addrs, ", ")
		for _, addr := range d.From.Addrs {
			clients = append(clients, a.m.client(st, addr))
		}
	}
	for _, c := range clients {
		for _, t := range d.Need.Targets {
			v := a.eval(c, t)
			tr := TargetResult{From: c.label, Target: targetLabel(t), Verdict: v.v, Via: v.via, Link: v.o.link, Problem: v.o.problem, Fix: v.o.fix}
			r.Targets = append(r.Targets, tr)
			if len(r.Targets) == 1 || v.v.rank() > r.Verdict.rank() {
				r.Verdict, r.Target, r.Via, r.Link, r.Problem, r.Fix = tr.Verdict, tr.Target, tr.Via, tr.Link, tr.Problem, tr.Fix
			}
		}
	}
	return r
}

// clientName stands for the client in cached verdicts: clients of one
// group share a verdict, each with its own name in the words.
const clientName = "\x00client\x00"

// eval is target with a cache by client group and target.
func (a *Analyzer) eval(c *client, t need.Target) verdict {
	tk, _ := json.Marshal(t)
	k := c.key() + "\x00" + string(tk)
	v, ok := a.cache[k]
	if !ok {
		label := c.label
		c.label = clientName
		v = a.m.target(c, t)
		c.label = label
		a.cache[k] = v
	}
	name := strings.NewReplacer(clientName, c.label).Replace
	v.via, v.o.problem, v.o.fix = name(v.via), name(v.o.problem), name(v.o.fix)
	return v
}

// external makes the client for a network outside the VPC: it arrives in
// the VPC it names, by reference ("${aws_vpc.x.id}") or address
// ("aws_vpc.x").
func (m *model) external(st *stack, x *need.External) *client {
	c := &client{label: x.Name, st: st, ext: x}
	if _, addr, _, f := m.resolve(st, x.Vpc, "the VPC of "+x.Name); f == "" {
		c.extVPC = st.vpcs[addr]
	} else {
		c.extVPC = st.vpcs[x.Vpc]
	}
	return c
}

// client makes the client for a source address: an instance, a subnet
// (a tier: its workloads' groups are theirs), or an Instance Connect
// endpoint.
func (m *model) client(st *stack, addr string) *client {
	c := &client{label: addr, st: st}
	switch {
	case st.instances[addr] != nil:
		in := st.instances[addr]
		c.subnet, c.groups, c.ip, c.public = in.subnet, in.sgs, in.ip, in.publicIP
		c.f = firstFact(in.subnetF, in.sgF)
	case st.subnets[addr] != nil:
		c.subnet, c.tier, c.public = st.subnets[addr], true, st.subnets[addr].mapPublicIP
		c.label = "tier subnet " + addr
	case st.eics[addr] != nil:
		e := st.eics[addr]
		c.subnet, c.groups, c.eic, c.preserve = e.subnet, e.sgs, true, e.preserve
		c.public = no
		c.f = firstFact(e.subnetF, e.sgF)
	default:
		c.f = fmt.Sprintf("source %s is not an instance, subnet or Instance Connect endpoint of stack %s", quote(addr), st.name)
	}
	if c.subnet == nil && c.f == "" {
		c.f = fmt.Sprintf("the subnet of %s is not known", addr)
	}
	return c
}

func targetLabel(t need.Target) string {
	ports := ""
	if len(t.Ports) > 0 {
		var ps []string
		for _, p := range t.Ports {
			ps = append(ps, fmt.Sprint(p))
		}
		ports = " on " + strings.Join(ps, ", ")
	}
	switch t.Kind {
	case need.Service:
		name := t.Service
		if name == "" {
			name = t.ServiceName
		}
		if t.Region != "" {
			name += " in " + t.Region
		}
		return name + ports
	}
	return t.Addr + ports
}
