package reach

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/privnet/privnet/reach/need"
	"github.com/privnet/privnet/tfjson"
)

// Matrix is one stack's reachability at a glance: its sources as rows,
// and as columns the needs it declares plus every endpoint, Lattice
// resource configuration and endpoint service present (not the whole
// catalog). Every cell is the verdict of that column's target from that
// row's source.
type Matrix struct {
	Stack   string
	Columns []Column
	Rows    []Row
}

// Column is one target (or chain of targets) of the matrix.
type Column struct {
	// Label names it: a declared need's label, or what is present
	// ("sts", "s3 (gateway)", "resource …").
	Label string
	// Declared: the stack declares this need (from some source).
	Declared bool
	need     need.Need
	// by are the sources that declared it; vpcs are where what it names
	// is present. A cell applies to a source that declared the need, or
	// to a workload in one of those VPCs.
	by   map[string]bool
	vpcs map[*vpc]bool
}

// Row is one source and its verdicts, one per column.
type Row struct {
	// Source is the Terraform address (or the external network's name),
	// Path the construct path that declared needs from it ("" when none).
	Source, Path string
	Cells        []Result
}

// Matrices evaluates every stack's matrix, in stack order.
func Matrices(stacks []*tfjson.Stack) []Matrix {
	a := New(stacks)
	var out []Matrix
	for _, s := range stacks {
		out = append(out, a.matrix(s))
	}
	return out
}

// rowSource is a row's source as declared.
type rowSource struct {
	key, path string
	src       need.Source
	vpc       *vpc
	workload  bool // an instance, tier or external network: it calls services
}

func (a *Analyzer) matrix(s *tfjson.Stack) Matrix {
	mx := Matrix{Stack: s.Name}
	st := a.m.stacks[s.Name]
	if st == nil {
		return mx
	}
	// Rows: every instance, then every other source the stack declares
	// needs from (tiers, Instance Connect endpoints, external networks).
	var rows []rowSource
	seen := map[string]bool{}
	add := func(r rowSource) {
		if !seen[r.key] {
			seen[r.key] = true
			rows = append(rows, r)
		}
	}
	paths := map[string]string{}
	for _, d := range s.Needs {
		paths[sourceKey(d.From)] = d.Path
	}
	rowOf := func(src need.Source, path string) rowSource {
		r := rowSource{key: sourceKey(src), path: path, src: src, workload: true}
		switch {
		case src.External != nil:
			r.vpc = a.m.external(st, src.External).extVPC
		case len(src.Addrs) > 0:
			c := a.m.client(st, src.Addrs[0])
			r.vpc, r.workload = c.vpc(), !c.eic
		}
		return r
	}
	for _, n := range tfjson.SortedKeys(st.instances) {
		src := need.Source{Addrs: []string{n}}
		add(rowOf(src, paths[sourceKey(src)]))
	}
	for _, d := range s.Needs {
		add(rowOf(d.From, d.Path))
	}
	// Columns: the declared needs, then what is present. One column per
	// label and targets: a present endpoint for a declared need's target
	// joins that column (then every workload of its VPC gets a cell too);
	// two needs of one label and other targets get two columns.
	byKey := map[string]int{}
	labels := map[string]int{}
	addCol := func(c Column, by string, at *vpc) {
		if len(c.need.Targets) == 0 {
			return
		}
		var ks []string
		for _, t := range c.need.Targets {
			ks = append(ks, targetKey(t, st.name))
		}
		key := strings.Join(ks, "+") // label and targets: one column each
		i, ok := byKey[key]
		if !ok {
			if labels[c.Label] > 0 {
				base := c.Label
				for n := 2; labels[c.Label] > 0; n++ {
					c.Label = fmt.Sprintf("%s (%d)", base, n)
				}
			}
			labels[c.Label]++
			c.by, c.vpcs = map[string]bool{}, map[*vpc]bool{}
			i = len(mx.Columns)
			byKey[key] = i
			mx.Columns = append(mx.Columns, c)
		}
		col := &mx.Columns[i]
		if by != "" {
			col.by[by] = true
			col.Declared = true
		}
		if at != nil {
			col.vpcs[at] = true
		}
	}
	for _, d := range s.Needs {
		addCol(Column{Label: d.Need.Label, need: d.Need}, sourceKey(d.From), nil)
	}
	for _, n := range tfjson.SortedKeys(st.endpoints) {
		e := st.endpoints[n]
		if e.nameF != "" || e.vpc == nil {
			continue
		}
		switch {
		case e.custom != nil:
			addCol(Column{Label: "endpoint service " + e.custom.addr, need: need.Need{Label: e.custom.addr,
				Targets: []need.Target{{Kind: need.EndpointService, Stack: e.custom.st.name, Addr: e.custom.addr}}}}, "", e.vpc)
		case e.config != nil:
			addCol(Column{Label: "resource " + e.config.addr, need: need.Need{Label: e.config.addr,
				Targets: []need.Target{{Kind: need.Resource, Stack: e.config.st.name, Addr: e.config.addr}}}}, "", e.vpc)
		case e.svc != nil:
			t := need.Target{Kind: need.Service, Service: e.svc.Key}
			if e.region != st.region.Name && e.typ == "Interface" && !e.svc.Homed {
				t.Region = e.region
			}
			label := e.svc.Key
			if t.Region != "" {
				label += " in " + t.Region
			}
			addCol(Column{Label: label, need: need.Need{Label: label, Targets: []need.Target{t}}}, "", e.vpc)
		}
	}
	for _, r := range rows {
		row := Row{Source: r.key, Path: r.path}
		for _, c := range mx.Columns {
			applies := c.by[r.key] || (r.workload && r.vpc != nil && c.vpcs[r.vpc])
			if !applies {
				row.Cells = append(row.Cells, Result{}) // not this source's need, nor in its VPC
				continue
			}
			row.Cells = append(row.Cells, a.Check(s.Name, need.Declared{Path: r.path, From: r.src, Need: c.need}))
		}
		mx.Rows = append(mx.Rows, row)
	}
	return mx
}

// targetKey identifies a target, for columns that would repeat one.
func targetKey(t need.Target, stack string) string {
	if t.Stack == "" {
		t.Stack = stack
	}
	ports := slices.Sorted(slices.Values(t.Ports))
	return fmt.Sprintf("%s|%s|%s|%s|%s|%v|%v", t.Kind, t.Service, t.ServiceName, t.Region, t.Stack+"/"+t.Addr, t.EndpointName, ports)
}

// sourceKey names a source: its addresses, or its external network.
func sourceKey(s need.Source) string {
	if s.External != nil {
		return s.External.Name + " (" + strings.Join(s.External.CIDRs, ", ") + ")"
	}
	return strings.Join(s.Addrs, ", ")
}

// Change is a verdict that differs between a base and a head.
type Change struct {
	Stack, Source, Column string
	Was, Now              Verdict
	// Why is the head's problem (or the base's, when the head passes).
	Why string
}

// Changes lists the cells of head whose verdict differs from base's, and
// the cells that appear or disappear (Was or Now empty), in order.
func Changes(base, head []Matrix) []Change {
	type key struct{ stack, source, column string }
	old := map[key]Result{}
	for _, m := range base {
		for _, r := range m.Rows {
			for i, c := range r.Cells {
				old[key{m.Stack, r.Source, m.Columns[i].Label}] = c
			}
		}
	}
	var out []Change
	seen := map[key]bool{}
	for _, m := range head {
		for _, r := range m.Rows {
			for i, c := range r.Cells {
				k := key{m.Stack, r.Source, m.Columns[i].Label}
				seen[k] = true
				was, ok := old[k]
				if ok && was.Verdict == "" {
					ok = false
				}
				if c.Verdict == "" {
					if ok && was.Verdict == Private {
						out = append(out, Change{Stack: m.Stack, Source: r.Source, Column: m.Columns[i].Label, Was: was.Verdict, Why: "no longer checked: the need or the target moved"})
					}
					continue
				}
				if ok && was.Verdict == c.Verdict {
					continue
				}
				ch := Change{Stack: m.Stack, Source: r.Source, Column: m.Columns[i].Label, Now: c.Verdict, Why: c.Problem}
				if ok {
					ch.Was = was.Verdict
					if ch.Why == "" {
						ch.Why = was.Problem // what no longer stands in the way
					}
				}
				if !ok && c.Verdict == Private {
					continue // a new cell that passes is not news
				}
				out = append(out, ch)
			}
		}
	}
	for _, m := range base {
		for _, r := range m.Rows {
			for i, c := range r.Cells {
				k := key{m.Stack, r.Source, m.Columns[i].Label}
				if !seen[k] && c.Verdict == Private {
					// A cell of the base that the head no longer has.
					out = append(out, Change{Stack: m.Stack, Source: r.Source, Column: m.Columns[i].Label, Was: c.Verdict,
						Why: "the source or the target is gone"})
				}
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Worse() != b.Worse() {
			return a.Worse() // what a change breaks comes first
		}
		if a.Stack != b.Stack {
			return a.Stack < b.Stack
		}
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		return a.Column < b.Column
	})
	return out
}

// Worse tells whether the change makes a verdict worse: private before
// and not now, or unreachable now and not before.
func (c Change) Worse() bool {
	return (c.Was == Private && c.Now != Private) || (c.Now == Unreachable && c.Was != Unreachable)
}

// Symbol is a verdict as the matrix shows it.
func (v Verdict) Symbol() string {
	switch v {
	case Private:
		return "✓"
	case Internet:
		return "⚠"
	case Unreachable:
		return "✗"
	case Unknown:
		return "?"
	}
	return "–"
}

// String of a change, in a line: "app → sts: was ✓, now ✗: …".
func (c Change) String() string {
	was, now := "absent", "absent"
	if c.Was != "" {
		was = c.Was.Symbol() + " " + string(c.Was)
	}
	if c.Now != "" {
		now = c.Now.Symbol() + " " + string(c.Now)
	}
	s := fmt.Sprintf("%s → %s: was %s, now %s", c.Source, c.Column, was, now)
	switch {
	case c.Why == "":
	case c.Now == Private || c.Now == Internet:
		s += " (it was: " + c.Why + ")"
	default:
		s += ": " + c.Why
	}
	return s
}
