package core

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// Suppression is one rule silenced for a construct and everything in it,
// with the reason a person gave.
type Suppression struct {
	Rule *Rule
	// Path is the construct's path; "" for the whole app.
	Path   string
	Reason string
	// Silenced are the issues it silenced, filled by Validate.
	Silenced []*Issue
}

// MaxReason is the longest suppression reason: a sentence or two.
const MaxReason = 500

// Suppress silences the rule ruleID for construct (a privnet construct, a
// stack, or the app) and everything made inside it, as cdk-nag's
// suppressions do. The reason is required: the review report shows it
// beside the rule, so nothing is silenced without a trace. Rules that guard
// against a certain failure (an apply AWS refuses, output that cannot be
// right) cannot be suppressed; trying is an issue, as are an unknown rule
// and a missing reason.
func Suppress(construct constructs.Construct, ruleID, reason string) {
	var (
		stack *Stack
		app   *App
		path  string
	)
	if a, ok := construct.(*App); ok && a != nil {
		app = a
	} else {
		s, owner, rule, problem, _ := resolveScope(construct)
		if problem != "" {
			st := strayStack(owner, "stray", StackProps{}, true)
			st.Report(rule, "Suppress", "core.Suppress "+problem,
				"pass the construct, stack or app whose rule to silence, made since the last core.Shutdown")
			return
		}
		stack, app = s, s.app
		path, _ = scopePath(construct)
		if isNil(construct) {
			path = s.Name
		}
	}
	report := func(problem, fix string) {
		if stack != nil {
			stack.Report(RuleSuppress, path, problem, fix)
		} else {
			app.issues = append(app.issues, &Issue{Rule: RuleSuppress, Path: "app", Problem: problem, Fix: fix})
		}
	}
	rule, known := LookupRule(ruleID)
	reason = strings.TrimSpace(reason)
	switch {
	case !known:
		report(fmt.Sprintf("core.Suppress names rule %s, which privnet does not have", Quote(ruleID)), "use a rule ID from docs/rules.md, like PN-EP-1")
	case rule.Unsuppressible:
		report(fmt.Sprintf("rule %s (%s) guards against a certain failure and cannot be suppressed", rule.ID, rule.Title), "fix what the rule reports")
	case reason == "":
		report(fmt.Sprintf("core.Suppress of %s has no reason", rule.ID), "say why the rule does not apply here: the review report shows it")
	case len(reason) > MaxReason:
		report(fmt.Sprintf("the reason for suppressing %s is %d bytes long", rule.ID, len(reason)), fmt.Sprintf("say it in at most %d bytes", MaxReason))
	default:
		sup := &Suppression{Rule: rule, Path: path, Reason: reason}
		if stack != nil {
			stack.suppressions = append(stack.suppressions, sup)
		} else {
			app.suppressions = append(app.suppressions, sup)
		}
	}
}

// covers tells whether sup silences an issue of rule at path.
func (sup *Suppression) covers(i *Issue) bool {
	if i.Rule != sup.Rule || i.Rule == nil || i.Rule.Unsuppressible {
		return false
	}
	return sup.Path == "" || i.Path == sup.Path || strings.HasPrefix(i.Path, sup.Path+"/")
}

// silence moves the issues of s that a suppression covers out of its
// issue list, recording them on the suppression. The most specific one
// wins (the longest path: a construct's before its stack's), and the
// app's come last, so that a specific reason is not credited to a broad
// one and reported unused.
func (a *App) silence(s *Stack) {
	kept := s.issues[:0]
	for _, i := range s.issues {
		var by *Suppression
		for _, sup := range s.suppressions {
			if sup.covers(i) && (by == nil || len(sup.Path) > len(by.Path)) {
				by = sup
			}
		}
		if by == nil {
			for _, sup := range a.suppressions {
				if sup.covers(i) {
					by = sup
					break
				}
			}
		}
		if by == nil {
			kept = append(kept, i)
			continue
		}
		by.Silenced = append(by.Silenced, i)
		if by.Path == "" {
			s.appSilenced = append(s.appSilenced, i)
		}
	}
	s.issues = kept
}

// Suppressions lists the suppressions of the app and its stacks, in the
// order they were made: the app's first.
func (a *App) Suppressions() []*Suppression {
	out := append([]*Suppression(nil), a.suppressions...)
	for _, s := range a.stacks {
		out = append(out, s.suppressions...)
	}
	return out
}

// SuppressedFile is where an HCL synth records a stack's suppressions,
// beside cdk.tf (HCL has no metadata block to hold them).
const SuppressedFile = "privnet-suppressed.json"

// recordSuppressions writes what was silenced in s into the stack's
// metadata ("//" of cdk.tf.json, which Terraform ignores), so that the
// review report, which reads only the JSON, shows every rule silenced and
// why. With HCL output it returns the record, for Run to write beside
// cdk.tf once the stack's directory exists.
func (a *App) recordSuppressions(s *Stack) []byte {
	type entry struct {
		Rule     string   `json:"rule"`
		Title    string   `json:"title"`
		Path     string   `json:"path"`
		Reason   string   `json:"reason"`
		Silenced []string `json:"silenced"`
	}
	var out []entry
	add := func(sup *Suppression, issues []*Issue) {
		e := entry{Rule: sup.Rule.ID, Title: sup.Rule.Title, Path: sup.Path, Reason: sup.Reason, Silenced: []string{}}
		for _, i := range issues {
			e.Silenced = append(e.Silenced, i.Error())
		}
		out = append(out, e)
	}
	for _, sup := range s.suppressions {
		add(sup, sup.Silenced)
	}
	for _, sup := range a.suppressions {
		var mine []*Issue
		for _, i := range s.appSilenced {
			if sup.covers(i) {
				mine = append(mine, i)
			}
		}
		if len(mine) > 0 {
			add(sup, mine)
		}
	}
	if len(out) == 0 {
		return nil
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Rule != out[j].Rule {
			return ruleLess(out[i].Rule, out[j].Rule)
		}
		return out[i].Path < out[j].Path
	})
	list := make([]any, len(out))
	for i, e := range out {
		silenced := make([]any, len(e.Silenced))
		for k, m := range e.Silenced {
			silenced[k] = m
		}
		list[i] = map[string]any{"rule": e.Rule, "title": e.Title, "path": e.Path, "reason": e.Reason, "silenced": silenced}
	}
	if a.hcl {
		b, _ := json.MarshalIndent(map[string]any{"suppressed": list}, "", "  ") // strings only: cannot fail
		return append(b, '\n')
	}
	s.AddOverride(jsii.String("//.privnet.suppressed"), list)
	return nil
}

// unused are notices for suppressions that silenced nothing: a stale one
// hides the next real problem of its rule without anyone deciding so.
func (a *App) unusedSuppressions() []string {
	var out []string
	for _, sup := range a.Suppressions() {
		if len(sup.Silenced) == 0 {
			where := sup.Path
			if where == "" {
				where = "the app"
			}
			out = append(out, fmt.Sprintf("the suppression of %s on %s silenced nothing (remove it if the rule no longer fires)", sup.Rule.ID, where))
		}
	}
	return out
}
