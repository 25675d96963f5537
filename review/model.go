// Package review turns synthesized stacks (cdktf.out) into a Markdown
// report a team can paste into a pull request: endpoints, security group
// rules in words, Instance Connect, Lattice, a cost estimate, a Mermaid
// diagram, and, against a base cdktf.out, what changes (resources and every
// other block: backend, providers, data sources, modules, outputs…), what
// is replaced or deleted, and what moves the state or the region. It reads
// JSON only: no jsii, no AWS.
//
// The JSON of a pull request is untrusted: names, tags and numbers in it
// are escaped or validated before they reach the report (escape.go), and
// the files are read only from where manifest.json says, inside the output
// directory, within size limits (package tfjson, which reads the JSON).
package review

import (
	"strings"

	"github.com/privnet/privnet/constructs/endpoints/catalog"
	"github.com/privnet/privnet/tfjson"
)

// Stack is one synthesized stack (tfjson.Stack).
type Stack = tfjson.Stack

// Suppressed is one rule silenced for a construct (tfjson.Suppressed).
type Suppressed = tfjson.Suppressed

// Input limits of Load (tfjson's).
const (
	MaxManifestBytes = tfjson.MaxManifestBytes // manifest.json
	MaxStackBytes    = tfjson.MaxStackBytes    // one stack's cdk.tf.json
	MaxTotalBytes    = tfjson.MaxTotalBytes    // all stack files of one output directory
)

// Parse reads one stack's cdk.tf.json: see tfjson.Parse.
func Parse(name string, b []byte) (*Stack, error) { return tfjson.Parse(name, b) }

// Load reads the stacks that outdir/manifest.json lists, sorted by name:
// see tfjson.Load.
func Load(outdir string) ([]*Stack, error) { return tfjson.Load(outdir) }

// Ref splits "${aws_subnet.x.id}" into type, name and attribute: see
// tfjson.Ref.
func Ref(v any) (tfType, name, attr string, ok bool) { return tfjson.Ref(v) }

func str(m map[string]any, k string) string { return tfjson.Str(m, k) }

func scalar(v any) string { return tfjson.Scalar(v) }

func list(m map[string]any, k string) []any { return tfjson.List(m, k) }

func objects(v any, where string) ([]map[string]any, error) { return tfjson.Objects(v, where) }

func sortedKeys[V any](m map[string]V) []string { return tfjson.SortedKeys(m) }

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

// anotherStack is how a service name from another stack reads.
const anotherStack = "endpoint service of another stack"

// shortService strips com.amazonaws.<region>. from an AWS service name.
func shortService(name string) string {
	switch {
	case strings.Contains(name, "${"):
		return anotherStack
	case strings.HasPrefix(name, "com.amazonaws.vpce."):
		return name
	}
	if s, _, ok := catalog.ByServiceName(name); ok {
		return s.Key
	}
	for _, p := range []string{"cn.com.amazonaws.", "com.amazonaws."} {
		if rest, ok := strings.CutPrefix(name, p); ok {
			if i := strings.Index(rest, "."); i > 0 && strings.Count(rest[:i], "-") >= 2 {
				return rest[i+1:]
			}
			return rest
		}
	}
	return name
}
