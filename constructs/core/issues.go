// Package core holds what every privnet construct shares: the app and stack
// wrappers that know the AWS region, the synth-time error collector, the
// region table and readable Terraform names. It knows nothing about stacks of
// the project or the command line.
package core

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Issue is one synth-time error: the rule it breaks, where it is (the
// construct path), what is wrong, and how to fix it.
type Issue struct {
	Rule    *Rule
	Path    string
	Problem string
	Fix     string
}

// Error starts with the rule's ID, so that a user finds the rule, its AWS
// fact and its source in docs/rules.md in one step.
func (i *Issue) Error() string {
	id := "PN-?"
	if i.Rule != nil {
		id = i.Rule.ID
	}
	if i.Fix == "" {
		return fmt.Sprintf("%s %s: %s", id, i.Path, i.Problem)
	}
	return fmt.Sprintf("%s %s: %s (fix: %s)", id, i.Path, i.Problem, i.Fix)
}

// Issues is every problem found in an app, reported together.
type Issues []*Issue

func (is Issues) Error() string {
	var b strings.Builder
	if len(is) == 1 {
		b.WriteString("privnet: 1 error:")
	} else {
		fmt.Fprintf(&b, "privnet: %d errors:", len(is))
	}
	for _, i := range is {
		b.WriteString("\n  - ")
		b.WriteString(i.Error())
	}
	return b.String()
}

// Messages returns each issue's text, in order; tests compare these.
func (is Issues) Messages() []string {
	out := make([]string, len(is))
	for n, i := range is {
		out[n] = i.Error()
	}
	return out
}

// Quote quotes a user's string for a message, cut short when long, so
// that a huge input cannot make a huge message.
func Quote(s string) string {
	const most = 48
	if len(s) <= most {
		return strconv.Quote(s)
	}
	cut := most
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return fmt.Sprintf("%s… (%d bytes)", strconv.Quote(s[:cut]), len(s))
}
