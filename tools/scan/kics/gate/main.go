// Command gate reads a KICS JSON report of every stack and fails on any
// finding that tools/scan/kics-accepted.json does not accept, and on an
// incomplete scan (a file not parsed, a query that failed or timed out:
// KICS then drops findings without an error).
//
//	go run ./gate -report kics.json -accepted ../kics-accepted.json -stacks 8
//	go run ./gate -accepted ../kics-accepted.json -exclude-queries
//
// An acceptance names a query, the stacks it applies to ("*" for every
// stack) and, optionally, the resources (type.name) it applies to; and the
// reason. Acceptances for every stack and every resource are passed to
// KICS itself (--exclude-queries, printed by -exclude-queries); the others
// are matched here, finding by finding, so that a new finding of an
// accepted query in a new stack or on a new resource still fails.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// Acceptance is one accepted query, where, and why.
type Acceptance struct {
	Query     string   `json:"query"`
	Name      string   `json:"name"`
	Severity  string   `json:"severity"`
	Stacks    []string `json:"stacks"`
	Resources []string `json:"resources,omitempty"`
	Reason    string   `json:"reason"`
}

type accepted struct {
	Accepted []Acceptance `json:"accepted"`
}

type report struct {
	FilesParsed            int `json:"files_parsed"`
	FilesFailedToScan      int `json:"files_failed_to_scan"`
	QueriesFailedToExecute int `json:"queries_failed_to_execute"`
	QueriesTotal           int `json:"queries_total"`
	SeverityCounters       map[string]int
	Queries                []struct {
		ID       string `json:"query_id"`
		Name     string `json:"query_name"`
		Severity string `json:"severity"`
		Files    []struct {
			File      string `json:"file_name"`
			SearchKey string `json:"search_key"`
			Line      int    `json:"line"`
		} `json:"files"`
	} `json:"queries"`
}

func main() {
	reportPath := flag.String("report", "", "KICS JSON report")
	acceptedPath := flag.String("accepted", "", "accepted findings (JSON)")
	stacks := flag.Int("stacks", 0, "number of stacks scanned: every one must be parsed")
	exclude := flag.Bool("exclude-queries", false, "print the queries accepted everywhere, for kics --exclude-queries, and exit")
	flag.Parse()
	acc, err := load(*acceptedPath)
	if err != nil {
		fail(2, "%v", err)
	}
	if *exclude {
		fmt.Println(strings.Join(everywhere(acc), ","))
		return
	}
	b, err := os.ReadFile(*reportPath)
	if err != nil {
		fail(2, "%v", err)
	}
	var r report
	if err := json.Unmarshal(b, &r); err != nil {
		fail(2, "%s: %v", *reportPath, err)
	}
	if r.FilesParsed != *stacks || r.FilesFailedToScan != 0 || r.QueriesFailedToExecute != 0 || r.QueriesTotal == 0 {
		fail(2, "kics: incomplete scan: %d of %d stack files parsed, %d failed, %d of %d queries failed to execute (their findings are missing)",
			r.FilesParsed, *stacks, r.FilesFailedToScan, r.QueriesFailedToExecute, r.QueriesTotal)
	}
	var bad []string
	counts := map[string]int{}
	acceptedN := 0
	for _, q := range r.Queries {
		for _, f := range q.Files {
			counts[q.Severity]++
			stack := filepath.Base(filepath.Dir(f.File))
			res := resource(f.SearchKey)
			if accepts(acc, q.ID, stack, res) {
				acceptedN++
				continue
			}
			bad = append(bad, fmt.Sprintf("%s\t%s\t%s [%s]\t%s (line %d)", q.Severity, stack, q.Name, q.ID, f.SearchKey, f.Line))
		}
	}
	sort.Strings(bad)
	fmt.Printf("kics: %d finding(s) after --exclude-queries (%s), %d accepted here by stack and resource\n", len(bad)+acceptedN, severities(counts), acceptedN)
	if len(bad) > 0 {
		fmt.Printf("kics: %d unaccepted finding(s):\n%s\n", len(bad), strings.Join(bad, "\n"))
		os.Exit(1)
	}
}

func load(path string) ([]Acceptance, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	var a accepted
	if err := dec.Decode(&a); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	id := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	for i, x := range a.Accepted {
		switch {
		case !id.MatchString(x.Query):
			return nil, fmt.Errorf("%s: accepted[%d]: %q is not a KICS query ID", path, i, x.Query)
		case x.Name == "" || strings.TrimSpace(x.Reason) == "" || len(x.Stacks) == 0:
			return nil, fmt.Errorf("%s: accepted[%d] (%s): a name, the stacks and a reason are required", path, i, x.Query)
		}
	}
	return a.Accepted, nil
}

// everywhere are the queries accepted in every stack for every resource.
func everywhere(acc []Acceptance) []string {
	var out []string
	for _, a := range acc {
		if len(a.Stacks) == 1 && a.Stacks[0] == "*" && len(a.Resources) == 0 {
			out = append(out, a.Query)
		}
	}
	sort.Strings(out)
	return out
}

func accepts(acc []Acceptance, query, stack, res string) bool {
	for _, a := range acc {
		if a.Query != query {
			continue
		}
		inStack := false
		for _, s := range a.Stacks {
			inStack = inStack || s == "*" || s == stack
		}
		if !inStack {
			continue
		}
		if len(a.Resources) == 0 {
			return true
		}
		for _, r := range a.Resources {
			if r == res {
				return true
			}
		}
	}
	return false
}

// KICS writes search keys in several forms: aws_lb[service],
// aws_instance.{{app}}, resource.aws_kms_key.network_flow-logs,
// aws_kms_key[network_flow-logs].policy, output.{{x}}.
var key = regexp.MustCompile(`^(?:resource\.)?([a-z0-9_]+)(?:\[\{\{|\[|\.\{\{|\.)([^\]}.]+)`)

// resource is the type.name a search key is about, or the key itself.
func resource(searchKey string) string {
	if m := key.FindStringSubmatch(searchKey); m != nil {
		return m[1] + "." + m[2]
	}
	return searchKey
}

func severities(c map[string]int) string {
	var parts []string
	for _, s := range []string{"CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO"} {
		parts = append(parts, fmt.Sprintf("%d %s", c[s], s))
	}
	return strings.Join(parts, ", ")
}

func fail(code int, format string, a ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", a...)
	os.Exit(code)
}
