package core

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
)

// Rule is one check privnet makes at synth: a stable ID that starts every
// message it produces, what it checks, the AWS fact behind it with its
// source and the date the fact was checked. docs/rules.md is generated
// from the registry (go run ./cmd/rulesdoc).
type Rule struct {
	// ID is stable: PN-<AREA>-<n>. It never changes meaning; a retired
	// rule keeps its number unused.
	ID string
	// Title says what must be true, in a line.
	Title string
	// Fact is the AWS behaviour (or privnet policy) the rule rests on, and
	// what goes wrong without it.
	Fact string
	// Source is where the fact comes from: an AWS document, a provider
	// source file, or "privnet policy" with the reason.
	Source string
	// Checked is when the fact was last checked against its source.
	Checked string
	// Unsuppressible rules guard against a certain failure (an apply that
	// AWS refuses, a panic, output that cannot be right): core.Suppress
	// refuses them.
	Unsuppressible bool
}

var (
	rulesMu sync.Mutex
	rules   = map[string]*Rule{}
	ruleID  = regexp.MustCompile(`^PN-[A-Z0-9]+-[1-9][0-9]*$`)
)

// NewRule registers a rule; packages call it in a var declaration, so a
// rule exists as soon as its package is imported. A malformed or
// duplicate ID is a bug in privnet, found by the tests, so it panics at
// init rather than at a user's synth.
func NewRule(r Rule) *Rule {
	rulesMu.Lock()
	defer rulesMu.Unlock()
	if !ruleID.MatchString(r.ID) {
		panic(fmt.Sprintf("privnet: rule ID %q is not PN-<AREA>-<n>", r.ID))
	}
	if _, dup := rules[r.ID]; dup {
		panic(fmt.Sprintf("privnet: rule %s is registered twice", r.ID))
	}
	if r.Title == "" || r.Fact == "" || r.Source == "" || r.Checked == "" {
		panic(fmt.Sprintf("privnet: rule %s lacks a title, fact, source or date", r.ID))
	}
	rules[r.ID] = &r
	return &r
}

// LookupRule finds a registered rule by ID.
func LookupRule(id string) (*Rule, bool) {
	rulesMu.Lock()
	defer rulesMu.Unlock()
	r, ok := rules[id]
	return r, ok
}

// Rules lists the registered rules, sorted by area, then number.
func Rules() []*Rule {
	rulesMu.Lock()
	out := make([]*Rule, 0, len(rules))
	for _, r := range rules {
		out = append(out, r)
	}
	rulesMu.Unlock()
	sort.Slice(out, func(i, j int) bool { return ruleLess(out[i].ID, out[j].ID) })
	return out
}

// Area is the part of the ID between PN- and the number: VPC, EP, ...
func (r *Rule) Area() string {
	a, _, _ := strings.Cut(strings.TrimPrefix(r.ID, "PN-"), "-")
	return a
}

func ruleLess(a, b string) bool {
	ap, an := splitID(a)
	bp, bn := splitID(b)
	if ap != bp {
		return ap < bp
	}
	return an < bn
}

func splitID(id string) (string, int) {
	i := strings.LastIndexByte(id, '-')
	n := 0
	fmt.Sscanf(id[i+1:], "%d", &n)
	return id[:i], n
}
