// Package stacks holds the ready stacks, one per scenario (README.md),
// built only from privnet's constructs, and the configuration that says
// which to make.
//
// A configuration goes through two steps. Parse (pure Go: no jsii call,
// so it is fuzzed) reads the JSON strictly into a plan of typed settings,
// checks formats, ranges and references, and names the file, line, column
// and field of every problem. Build then makes the planned stacks; the
// network rules themselves stay in the constructs, which report them at
// app.Validate.
package stacks

import (
	_ "embed"
	"fmt"
	"sort"

	"github.com/privnet/privnet/constructs/core"
)

// DefaultConfig is the configuration main.go synthesizes with no arguments.
//
//go:embed default.json
var DefaultConfig []byte

// kinds is the table of stack kinds: each makes the kind's empty settings,
// which the plan fills and checks. A new scenario is one row.
var kinds = map[string]func() Spec{
	"baseline":             func() Spec { return new(BaselineConfig) },
	"endpoint-catalog":     func() Spec { return new(EndpointCatalogConfig) },
	"s3-onprem":            func() Spec { return new(S3OnPremConfig) },
	"onprem-dns":           func() Spec { return new(OnPremDnsConfig) },
	"iam-privatelink":      func() Spec { return new(IamPrivateLinkConfig) },
	"ssm-private-instance": func() Spec { return new(SsmPrivateInstanceConfig) },
	"lattice-resource":     func() Spec { return new(LatticeResourceConfig) },
	"xregion-service":      func() Spec { return new(XRegionServiceConfig) },
	"xregion-consumer":     func() Spec { return new(XRegionConsumerConfig) },
	"scale":                func() Spec { return new(ScaleConfig) },
	"egress-firewall":      func() Spec { return new(EgressFirewallConfig) },
	"private-workload":     func() Spec { return new(PrivateWorkloadConfig) },
	"existing-vpc":         func() Spec { return new(ExistingVpcConfig) },
	"lattice-peer":         func() Spec { return new(LatticePeerConfig) },
	"transit-hub":          func() Spec { return new(TransitHubConfig) },
	"hub-spoke":            func() Spec { return new(HubSpokeConfig) },
	"dual-stack":           func() Spec { return new(DualStackConfig) },
}

// Kinds lists the stack kinds, sorted.
func Kinds() []string {
	out := make([]string, 0, len(kinds))
	for k := range kinds {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Build makes the planned stacks in app, in configuration order; with
// names, only those and the stacks they need (Config.Select).
func Build(app *core.App, cfg *Config, only ...string) error {
	sel, err := cfg.Select(only...)
	if err != nil {
		return err
	}
	b := NewBuilder(app)
	for _, s := range sel.Stacks {
		if err := b.Build(s); err != nil {
			return err
		}
	}
	return nil
}

// Builder makes planned stacks one at a time, so that a caller can time
// each; it keeps what earlier stacks export for the ones that reference
// them.
type Builder struct {
	app   *core.App
	built map[string]any
}

// NewBuilder makes a Builder for app.
func NewBuilder(app *core.App) *Builder {
	return &Builder{app: app, built: map[string]any{}}
}

// Build makes one planned stack. The stacks it needs must have been built
// first (a plan from Parse or Select lists them first).
func (b *Builder) Build(s StackConfig) error {
	for _, n := range s.Needs {
		if _, ok := b.built[n]; !ok {
			return fmt.Errorf("stack %q needs stack %q, which was not built before it", s.Name, n)
		}
	}
	if err := s.Spec.build(b.app, s.Name, b.built); err != nil {
		return fmt.Errorf("stack %q: %w", s.Name, err)
	}
	if _, ok := b.built[s.Name]; !ok {
		b.built[s.Name] = nil
	}
	return nil
}
