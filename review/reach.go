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
	w("| source |")
	for _, c := range m.Columns {
		label := code(c.Label)
		if c.Declared {
			label += " \\*"
		}
		w(" %s |", label)
	}
	w("\n|---|")
	for range m.Columns {
		w("---|")
	}
	w("\n")
	var notes []string
	for _, r := range m.Rows {
		cells := []string{code(r.Source)}
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
			cells = append(cells, cell)
		}
		w("%s", cells2(cells))
	}
	w("\n")
	for i, n := range notes {
		w("%d. %s\n", i+1, text(n))
	}
	if len(notes) > 0 {
		w("\n")
	}
}

// cells2 is a table row of cells already escaped.
func cells2(cs []string) string { return cells(cs...) }

// reachChanges is the top-of-report list of verdicts a change turns.
func reachChanges(b *strings.Builder, changes []reach.Change) {
	if len(changes) == 0 {
		return
	}
	w := func(format string, a ...any) { fmt.Fprintf(b, format, a...) }
	worse := 0
	for _, c := range changes {
		if c.Was == reach.Private || c.Now == reach.Unreachable {
			worse++
		}
	}
	kind := "NOTE"
	if worse > 0 {
		kind = "WARNING"
	}
	w("> [!%s]\n> This change turns %d reachability verdict(s) (the network only: not IAM, not endpoint policies):\n", kind, len(changes))
	for _, c := range changes {
		w("> - **%s** %s\n", text(c.Stack), text(c.String()))
	}
	w("\n")
}
