package reach

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf16"

	"github.com/privnet/privnet/tfjson"
)

// The rule IDs of reachability, as core registers them (docs/rules.md):
// an unreachable need fails synth, an undecided one warns.
const (
	RuleUnreachable = "PN-REACH-1"
	RuleUnknown     = "PN-REACH-2"
)

// Schema names the JSON output's format (docs/reachability.md).
const Schema = "privnet.reach/v1"

// jsonResult is one verdict in the JSON output.
type jsonResult struct {
	Stack   string       `json:"stack"`
	Path    string       `json:"path"`
	From    string       `json:"from"`
	Need    string       `json:"need"`
	Verdict Verdict      `json:"verdict"`
	Target  string       `json:"target,omitempty"`
	Via     string       `json:"via,omitempty"`
	Link    string       `json:"link,omitempty"`
	Rule    string       `json:"rule,omitempty"`
	Problem string       `json:"problem,omitempty"`
	Fix     string       `json:"fix,omitempty"`
	Targets []jsonTarget `json:"targets"`
}

type jsonTarget struct {
	From    string  `json:"from"`
	Target  string  `json:"target"`
	Verdict Verdict `json:"verdict"`
	Via     string  `json:"via,omitempty"`
	Link    string  `json:"link,omitempty"`
	Problem string  `json:"problem,omitempty"`
	Fix     string  `json:"fix,omitempty"`
}

func linkID(l *Link) string {
	if l == nil {
		return ""
	}
	return l.ID
}

// ruleOf is the rule a verdict breaks, if any.
func ruleOf(v Verdict) string {
	switch v {
	case Unreachable:
		return RuleUnreachable
	case Unknown:
		return RuleUnknown
	}
	return ""
}

// JSON is every verdict as a JSON document (schema privnet.reach/v1),
// indented, with a final newline. Strings are JSON-escaped; nothing in
// them is interpreted.
func JSON(results []Result) []byte {
	doc := struct {
		Schema string       `json:"schema"`
		Scope  string       `json:"scope"`
		Needs  []jsonResult `json:"needs"`
	}{Schema: Schema, Scope: Scope, Needs: []jsonResult{}}
	for _, r := range results {
		j := jsonResult{Stack: r.Stack, Path: r.Path, From: r.From, Need: r.Need, Verdict: r.Verdict, Target: r.Target, Via: r.Via,
			Link: linkID(r.Link), Rule: ruleOf(r.Verdict), Problem: r.Problem, Fix: r.Fix, Targets: []jsonTarget{}}
		for _, t := range r.Targets {
			j.Targets = append(j.Targets, jsonTarget{From: t.From, Target: t.Target, Verdict: t.Verdict, Via: t.Via, Link: linkID(t.Link), Problem: t.Problem, Fix: t.Fix})
		}
		doc.Needs = append(doc.Needs, j)
	}
	b, _ := json.MarshalIndent(doc, "", "  ") // strings only: cannot fail
	return append(escapeFormat(b), '\n')
}

// escapeFormat writes format characters (U+202E and its kind, which
// reorder or hide text where the JSON is shown) and the control
// characters encoding/json leaves as they are (DEL, the C1 controls such
// as U+009B, which terminals act on) as \u escapes; they can only be
// inside JSON strings, where the escape means the same. The newlines and
// tabs outside strings are the indentation's.
func escapeFormat(b []byte) []byte {
	var out bytes.Buffer
	for _, r := range string(b) {
		if unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029' || (unicode.IsControl(r) && r != '\n' && r != '\t' && r != '\r') {
			if r > 0xffff {
				hi, lo := utf16.EncodeRune(r) // JSON escapes a surrogate pair
				fmt.Fprintf(&out, "\\u%04x\\u%04x", hi, lo)
				continue
			}
			fmt.Fprintf(&out, "\\u%04x", r)
			continue
		}
		out.WriteRune(r)
	}
	return out.Bytes()
}

// SARIF is the unreachable and undecided needs as a SARIF 2.1.0 log, for
// code scanning: one result per need, its rule ID, level error (✗) or
// warning (?), and its location: the stack's cdk.tf.json (relative to the
// output directory, uriBaseId OUTDIR) and the construct path that
// declared the need.
func SARIF(results []Result, stacks []*tfjson.Stack) []byte {
	files := map[string]string{}
	for _, s := range stacks {
		files[s.Name] = s.File
	}
	type msg struct {
		Text string `json:"text"`
	}
	type rule struct {
		ID               string `json:"id"`
		Name             string `json:"name"`
		ShortDescription msg    `json:"shortDescription"`
		FullDescription  msg    `json:"fullDescription"`
		DefaultConfig    struct {
			Level string `json:"level"`
		} `json:"defaultConfiguration"`
	}
	type artifact struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId"`
	}
	type logical struct {
		FullyQualifiedName string `json:"fullyQualifiedName"`
		Kind               string `json:"kind"`
	}
	type location struct {
		Physical struct {
			Artifact artifact `json:"artifactLocation"`
		} `json:"physicalLocation"`
		Logical []logical `json:"logicalLocations"`
	}
	type result struct {
		RuleID    string            `json:"ruleId"`
		RuleIndex int               `json:"ruleIndex"`
		Level     string            `json:"level"`
		Message   msg               `json:"message"`
		Locations []location        `json:"locations"`
		Props     map[string]string `json:"properties"`
	}
	r1 := rule{ID: RuleUnreachable, Name: "NeedUnreachable", ShortDescription: msg{"Every declared need is reachable"},
		FullDescription: msg{"A workload's declared need has a broken link on its path: its calls would time out. " + Scope}}
	r1.DefaultConfig.Level = "error"
	r2 := rule{ID: RuleUnknown, Name: "NeedUndecided", ShortDescription: msg{"A need that cannot be decided at synth names the missing fact"},
		FullDescription: msg{"A fact on the need's path cannot be known at synth (a data source, an expression, a piece privnet does not model yet). " + Scope}}
	r2.DefaultConfig.Level = "warning"
	var out []result
	for _, r := range results {
		if r.Verdict != Unreachable && r.Verdict != Unknown {
			continue
		}
		res := result{RuleID: RuleUnreachable, Level: "error", Props: map[string]string{"link": linkID(r.Link), "need": r.Need, "from": r.From, "target": r.Target}}
		if r.Verdict == Unknown {
			res.RuleID, res.RuleIndex, res.Level = RuleUnknown, 1, "warning"
		}
		text := fmt.Sprintf("%s cannot reach %s (need %q): %s", r.From, r.Target, r.Need, r.Problem)
		if r.Verdict == Unknown {
			text = fmt.Sprintf("whether %s reaches %s (need %q) cannot be known at synth: %s", r.From, r.Target, r.Need, r.Problem)
		}
		if r.Fix != "" {
			text += " Fix: " + r.Fix
		}
		res.Message = msg{strings.TrimSpace(text)}
		var loc location
		file := files[r.Stack]
		if file == "" {
			file = "stacks/" + r.Stack + "/cdk.tf.json"
		}
		var segs []string
		for _, seg := range strings.Split(file, "/") {
			// ':' too, so that no first segment reads as a scheme (c:x).
			segs = append(segs, strings.ReplaceAll(url.PathEscape(seg), ":", "%3A"))
		}
		loc.Physical.Artifact = artifact{URI: strings.Join(segs, "/"), URIBaseID: "OUTDIR"}
		loc.Logical = []logical{{FullyQualifiedName: r.Path, Kind: "resource"}}
		res.Locations = []location{loc}
		out = append(out, res)
	}
	if out == nil {
		out = []result{}
	}
	doc := map[string]any{
		"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
		"version": "2.1.0",
		"runs": []any{map[string]any{
			"tool": map[string]any{"driver": map[string]any{"name": "privnet-reach", "rules": []rule{r1, r2}}},
			// The stacks' files are relative to the synthesized output
			// directory, which the consumer places (cdktf.out).
			"originalUriBaseIds": map[string]any{"OUTDIR": map[string]any{
				"description": map[string]any{"text": "the synthesized output directory (cdktf.out) the stacks' files are relative to"}}},
			"results": out,
		}},
	}
	b, _ := json.MarshalIndent(doc, "", "  ")
	return append(escapeFormat(b), '\n')
}
