package review

import (
	"fmt"
	"strings"

	"github.com/privnet/privnet/reach"
)

// reachSection is a stack's reachability matrix: its sources as rows, its
// declared needs and the endpoints, Lattice configurations and endpoint
// services present as columns, a footnote per ✗ and ?. Every name in it
// comes from the pull request: escaped like the rest of the report.
func reachSection(b *strings.Builder, m *reach.Matrix) {
	w := func(format string, a ...any) { fmt.Fprintf(b, format, a...) }
	w("### Reachability\n\n")
	if m == nil || len(m.Rows) == 0 || len(m.Columns) == 0 {
		w("No workload and no endpoint, Lattice configuration or endpoint service to check.\n\n")
		return
	}
	w("✓ private, ⚠ through the internet, ✗ unreachable, ? cannot be known at synth. %s Columns marked * are needs the stack declares.\n\n", text(reach.Scope))
	header := []string{"source"}
	for _, c := range m.Columns {
		label := code(c.Label)
		if c.Declared {
			label += " \\*"
		}
		header = append(header, label)
	}
	w("%s", strings.TrimSuffix(cells(header...), "\n"))
	w("\n|---|")
	for range m.Columns {
		w("---|")
	}
	w("\n")
	var notes []string
	for _, r := range m.Rows {
		row := []string{code(r.Source)}
		for i, c := range r.Cells {
			cell := c.Verdict.Symbol()
			if c.Verdict == reach.Unreachable || c.Verdict == reach.Unknown {
				link := ""
				if c.Link != nil {
					link = " [" + c.Link.ID + "]"
				}
				fix := ""
				if c.Fix != "" {
					fix = " Fix: " + c.Fix
				}
				notes = append(notes, fmt.Sprintf("%s → %s: %s%s%s", r.Source, m.Columns[i].Label, c.Problem, link, fix))
				cell += fmt.Sprintf(" (%d)", len(notes))
			}
			row = append(row, cell)
		}
		w("%s", cells(row...))
	}
	w("\n")
	for i, n := range notes {
		w("%d. %s\n", i+1, text(n))
	}
	if len(notes) > 0 {
		w("\n")
	}
}

// maxChanges is how many changed verdicts the top of the report lists;
// the rest are counted (every matrix below shows them).
const maxChanges = 50

// reachChanges is the top-of-report list of verdicts a change turns: what
// it makes worse first, then the rest; cells that are new and not private
// are counted, not listed, so that added workloads cannot push a
// regression out of a comment.
func reachChanges(b *strings.Builder, changes []reach.Change) {
	var worse, other []reach.Change
	added := 0
	for _, c := range changes {
		switch {
		case c.Worse(): // a new ✗ cell too
			worse = append(worse, c)
		case c.Was == "":
			added++ // a new ⚠ or ? cell
		default:
			other = append(other, c)
		}
	}
	if len(worse)+len(other)+added == 0 {
		return
	}
	w := func(format string, a ...any) { fmt.Fprintf(b, format, a...) }
	kind := "NOTE"
	if len(worse) > 0 {
		kind = "WARNING"
	}
	if len(worse)+len(other) > 0 {
		w("> [!%s]\n> This change turns %d reachability verdict(s), %d of them worse (the network only: not IAM, not endpoint policies):\n", kind, len(worse)+len(other), len(worse))
	} else {
		w("> [!%s]\n> Reachability (the network only: not IAM, not endpoint policies):\n", kind)
	}
	list := append(worse, other...)
	for i, c := range list {
		if i == maxChanges {
			w("> - and %d more: see the stacks' matrices\n", len(list)-maxChanges)
			break
		}
		w("> - **%s** %s\n", text(c.Stack), text(c.String()))
	}
	if added > 0 {
		w("> - %d new cell(s) (a new workload or target) are ⚠ or ?: see the stacks' matrices\n", added)
	}
	w("\n")
}
