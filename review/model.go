// Package review turns synthesized stacks (cdktf.out) into a Markdown
// report a team can paste into a pull request: endpoints, security group
// rules in words, Instance Connect, Lattice, a cost estimate, a Mermaid
// diagram, and, against a base cdktf.out, what changes and what is replaced
// or deleted. It reads JSON only: no jsii, no AWS.
package review

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// Stack is one synthesized stack.
type Stack struct {
	Name   string
	Region string
	// Resources by type, then Terraform name: the attributes as written.
	Resources map[string]map[string]map[string]any
	Outputs   map[string]any
}

// Load reads every cdktf.out/stacks/*/cdk.tf.json, sorted by stack name.
func Load(outdir string) ([]*Stack, error) {
	files, err := filepath.Glob(filepath.Join(outdir, "stacks", "*", "cdk.tf.json"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no stacks in %s (run make synth first)", outdir)
	}
	sort.Strings(files)
	var out []*Stack
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		s, err := Parse(filepath.Base(filepath.Dir(f)), b)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		out = append(out, s)
	}
	return out, nil
}

// Parse reads one stack's cdk.tf.json.
func Parse(name string, b []byte) (*Stack, error) {
	var doc struct {
		Provider map[string][]map[string]any          `json:"provider"`
		Resource map[string]map[string]map[string]any `json:"resource"`
		Output   map[string]any                       `json:"output"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, err
	}
	s := &Stack{Name: name, Resources: doc.Resource, Outputs: doc.Output}
	if s.Resources == nil {
		s.Resources = map[string]map[string]map[string]any{}
	}
	for _, r := range doc.Provider["aws"] {
		if reg, ok := r["region"].(string); ok {
			s.Region = reg
		}
	}
	return s, nil
}

// Names of one type, sorted.
func (s *Stack) Names(tfType string) []string {
	var out []string
	for n := range s.Resources[tfType] {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Get is one resource's attributes, or nil.
func (s *Stack) Get(tfType, name string) map[string]any { return s.Resources[tfType][name] }

// Count is the number of resources in the stack.
func (s *Stack) Count() int {
	n := 0
	for _, byName := range s.Resources {
		n += len(byName)
	}
	return n
}

var refRe = regexp.MustCompile(`^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)\}$`)

// Ref splits "${aws_subnet.x.id}" into type, name and attribute.
func Ref(v any) (tfType, name, attr string, ok bool) {
	s, _ := v.(string)
	m := refRe.FindStringSubmatch(s)
	if m == nil {
		return "", "", "", false
	}
	return m[1], m[2], m[3], true
}

func str(m map[string]any, k string) string {
	v, _ := m[k].(string)
	return v
}

func list(m map[string]any, k string) []any {
	v, _ := m[k].([]any)
	return v
}

func num(m map[string]any, k string) (float64, bool) {
	v, ok := m[k].(float64)
	return v, ok
}

// subnetAz is the AZ of a subnet reference.
func (s *Stack) subnetAz(ref any) string {
	if t, n, _, ok := Ref(ref); ok && t == "aws_subnet" {
		return str(s.Get(t, n), "availability_zone")
	}
	return "?"
}

func (s *Stack) azsOf(refs []any) []string {
	var azs []string
	for _, r := range refs {
		azs = append(azs, s.subnetAz(r))
	}
	return azs
}

// sgNames turns security group references into their Terraform names.
func sgNames(refs []any) []string {
	var out []string
	for _, r := range refs {
		if _, n, _, ok := Ref(r); ok {
			out = append(out, n)
		}
	}
	return out
}

// shortService strips com.amazonaws.<region>. from an AWS service name.
func shortService(name, region string) string {
	switch {
	case strings.Contains(name, "${"):
		return "endpoint service of another stack"
	case strings.HasPrefix(name, "com.amazonaws.vpce."):
		return name
	}
	for _, p := range []string{"cn.com.amazonaws.", "com.amazonaws."} {
		if strings.HasPrefix(name, p) {
			rest := strings.TrimPrefix(name, p)
			if i := strings.Index(rest, "."); i > 0 && strings.Count(rest[:i], "-") >= 2 {
				return rest[i+1:]
			}
			return rest
		}
	}
	return name
}
