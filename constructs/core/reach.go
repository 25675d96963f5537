package core

import (
	"encoding/json"
	"fmt"

	"github.com/aws/jsii-runtime-go"
	"github.com/hashicorp/terraform-cdk-go/cdktf"
	"github.com/privnet/privnet/reach"
	"github.com/privnet/privnet/reach/need"
	"github.com/privnet/privnet/tfjson"
)

// The rules of reachability: what a workload declares it must reach is
// proved at synth, over the synthesized JSON of every stack (package
// reach).
var (
	RuleReach = NewRule(Rule{
		ID:    "PN-REACH-1",
		Title: "Every declared need is reachable",
		Fact: "A workload that cannot reach an AWS API or a private resource hangs until its call times out; nothing fails at deploy. " +
			"privnet walks the links of each declared need (instance Reaches, core.Expect) through the synthesized network: endpoint, region, DNS, routes, " +
			"security groups, network ACLs and the return path, and fails on the first broken one (each link, its AWS fact and source: docs/rules.md, below). " +
			reach.Scope,
		Source:  "AWS PrivateLink Guide; Amazon VPC User Guide (route tables, security groups, network ACLs, DNS attributes); Amazon VPC Lattice User Guide",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleReachUnknown = NewRule(Rule{
		ID:    "PN-REACH-2",
		Title: "A need that cannot be decided at synth is named, with the missing fact",
		Fact: "Data sources, values made outside the app, expressions and pieces privnet does not model yet (peering, Transit Gateway, hybrid links) are known only at plan or not at all: " +
			"such a need is neither passed nor failed. Synth succeeds with a warning that names the fact.",
		Source:  "privnet policy: never turn what cannot be known into a pass or a fail",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleExpect = NewRule(Rule{
		ID:    "PN-REACH-3",
		Title: "A need names a source privnet can place and at least one target",
		Fact: "A need is checked from a Terraform resource of a privnet stack: an instance, a subnet tier, an EC2 Instance Connect endpoint, an external network declared on a VPC, " +
			"or a plain cdktf aws_instance or aws_subnet in such a stack. A need with no target checks nothing.",
		Source:  "privnet design",
		Checked: "2026-11", Unsuppressible: true,
	})
)

// Source is what a need is reached from: an instance, a subnet tier, an
// Instance Connect endpoint, an external network (network.External).
type Source interface {
	ReachSource() need.Source
	PrivnetBase() *Base
}

// Declare records needs of a source of this stack, at path. Constructs
// call it (instance Props.Reaches); core.Expect for the rest.
func (s *Stack) Declare(path string, from need.Source, to ...need.Needer) {
	if len(to) == 0 {
		s.Report(RuleExpect, path, "declares no need", "name what it must reach (endpoints.STS, endpoints.SessionManager, a resource configuration's On(ports))")
		return
	}
	for i, n := range to {
		if isNil(n) {
			s.Report(RuleExpect, path, fmt.Sprintf("need %d is nil", i+1), "pass a catalog service, a chain or a target's need")
			continue
		}
		nd := n.Need()
		if len(nd.Targets) == 0 {
			s.Report(RuleExpect, path, fmt.Sprintf("need %q has no target", nd.Label), "give it at least one target")
			continue
		}
		if nd.Label == "" {
			nd.Label = nd.Targets[0].Service
			if nd.Label == "" {
				nd.Label = nd.Targets[0].Addr
			}
		}
		s.needs = append(s.needs, need.Declared{Path: path, From: from, Need: nd})
	}
}

// Expect declares that from must reach every one of to, privately or
// through the internet; Run fails when one cannot be reached
// (PN-REACH-1) and warns when it cannot be known (PN-REACH-2). from is a
// privnet source (instance, tier, Instance Connect endpoint,
// network.External) or a plain cdktf aws_instance or aws_subnet made in a
// privnet stack.
func Expect(from any, to ...need.Needer) {
	switch f := from.(type) {
	case Source:
		if isNil(f) || f.PrivnetBase() == nil || f.PrivnetBase().Stack == nil {
			reportStray(RuleExpect, "core.Expect", "was given a source that was not built", "pass an instance, tier or endpoint made in a stack")
			return
		}
		b := f.PrivnetBase()
		b.Stack.Declare(b.Path, f.ReachSource(), to...)
	case cdktf.TerraformResource:
		if isNil(f) {
			reportStray(RuleExpect, "core.Expect", "was given a nil resource", "pass a resource made in a privnet stack")
			return
		}
		s, _, _, problem, _ := resolveScope(f)
		if s == nil {
			reportStray(RuleExpect, "core.Expect", "was given a resource outside a privnet stack: "+problem, "make it in a stack made by core.NewStack")
			return
		}
		typ := *f.TerraformResourceType()
		path := *f.Node().Path()
		if typ != "aws_instance" && typ != "aws_subnet" {
			s.Report(RuleExpect, path, fmt.Sprintf("is a %s, which cannot be a source of a need", typ), "expect from an aws_instance or aws_subnet, or a privnet construct")
			return
		}
		addr := typ + "." + *s.TerraformStack.GetLogicalId(f)
		s.Declare(path, need.Source{Addrs: []string{addr}}, to...)
	case hasBase:
		if b := f.PrivnetBase(); b != nil && b.Stack != nil {
			b.Stack.Report(RuleExpect, b.Path, fmt.Sprintf("is a %T, which cannot be a source of a need", from), "expect from an instance, a tier (vpc.Tier(name)), an Instance Connect endpoint or a network.External")
			return
		}
		reportStray(RuleExpect, "core.Expect", "was given a construct that was not built", "pass an instance, tier or endpoint made in a stack")
	default:
		if from == nil || isNil(from) {
			reportStray(RuleExpect, "core.Expect", "was given a nil source", "pass an instance, tier or endpoint made in a stack")
			return
		}
		reportStray(RuleExpect, "core.Expect", fmt.Sprintf("was given a %T, which is not a source of a need", from), "pass an instance, tier, Instance Connect endpoint, network.External, or a cdktf aws_instance or aws_subnet")
	}
}

// Import records the facts of a VPC the stack imports (network.ImportVpc)
// in its metadata ("//".privnet.imported), for the reachability engine and
// the review, which see only the synthesized JSON.
func (s *Stack) Import(facts any) { s.Meta("imported", facts) }

// Meta adds v to the list "//".privnet.<key> of the stack's metadata, for
// the review and the reachability engine, which read only the JSON.
func (s *Stack) Meta(key string, v any) {
	if s == nil {
		return
	}
	if s.meta == nil {
		s.meta = map[string][]any{}
	}
	s.meta[key] = append(s.meta[key], v)
}

// Note records something the user should know that is not an error (a
// fact privnet could not check): app.Run prints it after a synth.
func (s *Stack) Note(path, text string) {
	if s != nil {
		s.notes = append(s.notes, path+": "+text)
	}
}

// App is the app the stack belongs to.
func (s *Stack) App() *App { return s.app }

// reportStray reports an issue that belongs to no stack: the next app to
// validate gets it.
func reportStray(rule *Rule, path, problem, fix string) {
	s := strayStack(nil, "core-expect", StackProps{}, true)
	s.issues = append(s.issues, &Issue{Rule: rule, Path: path, Problem: problem, Fix: fix})
}

// recordNeeds writes a stack's needs into its metadata
// ("//".privnet.needs), where package reach, and the review, read them.
func (a *App) recordNeeds(s *Stack) {
	for _, key := range tfjson.SortedKeys(s.meta) {
		if a.hcl {
			break
		}
		b, err := json.Marshal(s.meta[key])
		if err == nil {
			var list []any
			_ = json.Unmarshal(b, &list)
			s.AddOverride(jsii.String("//.privnet."+key), list)
		}
	}
	if len(s.needs) == 0 || a.hcl {
		return
	}
	b, err := json.Marshal(s.needs)
	if err != nil {
		return // strings and ints only
	}
	var list []any
	_ = json.Unmarshal(b, &list)
	s.AddOverride(jsii.String("//.privnet.needs"), list)
}

// checkReach proves the declared needs over the staged output: every
// unreachable need is an issue, every undecided one a warning.
func (a *App) checkReach() error {
	n := 0
	for _, s := range a.stacks {
		n += len(s.needs)
	}
	if n == 0 {
		return nil
	}
	if a.hcl {
		a.notes = append(a.notes, fmt.Sprintf("%s: %d declared needs are not checked with HCL output (reachability reads the JSON); synthesize without -hcl to check them", RuleReachUnknown.ID, n))
		return nil
	}
	stacks, err := tfjson.Load(a.staging)
	if err != nil {
		return Issues{&Issue{Rule: RuleReach, Path: "app", Problem: "cannot read the synthesized output back to check reachability: " + err.Error(), Fix: "report it: privnet wrote that output"}}
	}
	var issues Issues
	for _, r := range reach.Analyze(stacks) {
		switch r.Verdict {
		case reach.Unreachable:
			issues = append(issues, &Issue{Rule: RuleReach, Path: r.Path,
				Problem: fmt.Sprintf("%s cannot reach %s (need %q): %s [link: %s]", r.From, r.Target, r.Need, r.Problem, r.Link.ID), Fix: r.Fix})
		case reach.Unknown:
			a.notes = append(a.notes, (&Issue{Rule: RuleReachUnknown, Path: r.Path,
				Problem: fmt.Sprintf("whether %s reaches %s (need %q) cannot be known at synth: %s", r.From, r.Target, r.Need, r.Problem)}).Error())
		}
	}
	if len(issues) > 0 {
		return issues
	}
	return nil
}
