package core

import (
	"encoding/json"
	"strings"
)

// Policy is an IAM policy document built from Go values and emitted as a
// literal JSON string, so that a reviewer reads the policy itself in the
// Terraform JSON. Map keys come out sorted, so the text is deterministic.
type Policy struct {
	Statements []Statement
}

// Statement is one IAM policy statement. Principal maps a principal type
// (AWS, Service) to one or more values; Condition maps an operator to keys
// and values, as IAM writes them.
type Statement struct {
	Sid       string
	Effect    string // Default: Allow
	Principal map[string][]string
	Actions   []string
	Resources []string
	Condition map[string]map[string][]string
}

type jsonStatement struct {
	Sid       string                    `json:"Sid,omitempty"`
	Effect    string                    `json:"Effect"`
	Principal map[string]any            `json:"Principal,omitempty"`
	Action    any                       `json:"Action"`
	Resource  any                       `json:"Resource,omitempty"`
	Condition map[string]map[string]any `json:"Condition,omitempty"`
}

// one writes a single value as a string and several as a list, the way
// IAM shows them.
func one(v []string) any {
	if len(v) == 1 {
		return v[0]
	}
	return v
}

// JSON renders the policy. Tokens (cdktf's ${TfToken[...]}) inside values
// survive and become Terraform interpolations at synth.
func (p Policy) JSON() string {
	doc := struct {
		Version   string          `json:"Version"`
		Statement []jsonStatement `json:"Statement"`
	}{Version: "2012-10-17"}
	for _, s := range p.Statements {
		js := jsonStatement{Sid: s.Sid, Effect: s.Effect, Action: one(s.Actions)}
		if js.Effect == "" {
			js.Effect = "Allow"
		}
		if len(s.Resources) > 0 {
			js.Resource = one(s.Resources)
		}
		if len(s.Principal) > 0 {
			js.Principal = map[string]any{}
			for k, v := range s.Principal {
				js.Principal[k] = one(v)
			}
		}
		if len(s.Condition) > 0 {
			js.Condition = map[string]map[string]any{}
			for op, kv := range s.Condition {
				js.Condition[op] = map[string]any{}
				for k, v := range kv {
					js.Condition[op][k] = one(v)
				}
			}
		}
		doc.Statement = append(doc.Statement, js)
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	// Only strings, maps and slices of strings go in: encoding cannot fail.
	_ = enc.Encode(doc)
	return strings.TrimSuffix(b.String(), "\n")
}
