// Package stacks holds the ready stacks, one per scenario of DOMAIN.md,
// built only from privnet's constructs, and the configuration that says
// which to make.
package stacks

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/privnet/privnet/constructs/core"
)

// DefaultConfig is the configuration main.go synthesizes with no arguments.
//
//go:embed default.json
var DefaultConfig []byte

// Config lists the stacks to make, in order.
type Config struct {
	Stacks []StackConfig `json:"stacks"`
}

// StackConfig names a stack and its kind; the kind's builder reads the
// rest of the entry.
type StackConfig struct {
	Name string `json:"name"`
	Kind string `json:"kind"`
	Raw  json.RawMessage
}

func (s *StackConfig) UnmarshalJSON(b []byte) error {
	var head struct {
		Name string `json:"name"`
		Kind string `json:"kind"`
	}
	if err := json.Unmarshal(b, &head); err != nil {
		return err
	}
	s.Name, s.Kind, s.Raw = head.Name, head.Kind, append(json.RawMessage(nil), b...)
	return nil
}

// builder makes one kind of stack from its configuration entry. built
// holds what earlier stacks of the run export (by stack name), for stacks
// that reference another (cross-stack references).
type builder func(app *core.App, name string, raw json.RawMessage, built map[string]any) error

// kinds is the table of stack kinds; a new scenario is one row.
var kinds = map[string]builder{
	"baseline":             buildBaseline,
	"endpoint-catalog":     buildEndpointCatalog,
	"s3-onprem":            buildS3OnPrem,
	"iam-privatelink":      buildIamPrivateLink,
	"ssm-private-instance": buildSsmPrivateInstance,
	"lattice-resource":     buildLatticeResource,
	"xregion-service":      buildXRegionService,
	"xregion-consumer":     buildXRegionConsumer,
	"scale":                buildScale,
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

// ParseConfig reads a configuration, rejecting unknown kinds and names
// used twice.
func ParseConfig(b []byte) (*Config, error) {
	var cfg Config
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&cfg); err != nil {
		return nil, fmt.Errorf("stack configuration: %w", err)
	}
	seen := map[string]bool{}
	for i, s := range cfg.Stacks {
		if s.Name == "" {
			return nil, fmt.Errorf("stack configuration: stacks[%d] has no name", i)
		}
		if seen[s.Name] {
			return nil, fmt.Errorf("stack configuration: stack name %q is used twice", s.Name)
		}
		seen[s.Name] = true
		if kinds[s.Kind] == nil {
			return nil, fmt.Errorf("stack configuration: stack %q has unknown kind %q (known: %s)", s.Name, s.Kind, strings.Join(Kinds(), ", "))
		}
	}
	return &cfg, nil
}

// Build makes the configured stacks in app; only names the selected ones
// when only is not empty.
func Build(app *core.App, cfg *Config, only ...string) error {
	built := map[string]any{}
	want := map[string]bool{}
	for _, o := range only {
		want[o] = true
	}
	for _, s := range cfg.Stacks {
		if len(want) > 0 && !want[s.Name] {
			continue
		}
		delete(want, s.Name)
		if err := kinds[s.Kind](app, s.Name, s.Raw, built); err != nil {
			return fmt.Errorf("stack %q: %w", s.Name, err)
		}
	}
	if len(want) > 0 {
		var missing []string
		for n := range want {
			missing = append(missing, n)
		}
		sort.Strings(missing)
		return fmt.Errorf("no stack named %s in the configuration", strings.Join(missing, ", "))
	}
	return nil
}

// decode reads a stack's entry strictly, so a misspelt key is an error and
// not a silently ignored setting.
func decode(raw json.RawMessage, into any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	return dec.Decode(into)
}
