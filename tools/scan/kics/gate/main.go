// Command gate reads the KICS JSON reports of the stacks, one report per
// stack, and fails on any finding that tools/scan/kics-accepted.json does
// not accept, on an acceptance that no longer matches a finding, and on an
// incomplete scan (a file not parsed, a query that failed or timed out, or
// fewer queries than the pinned KICS has: KICS then drops findings without
// an error).
//
//	go run ./gate -reports dir -accepted ../kics-accepted.json -stacks a,b,c
//	go run ./gate -accepted ../kics-accepted.json -exclude-queries
//
// Each stack is scanned alone: some KICS queries read every file of a scan
// (VPC Without Network Firewall accepts a firewall of any file whose
// vpc_id names a VPC of the same name), so one scan over all stacks would
// hide a stack's finding behind another's resource.
//
// An acceptance names a query and either "everywhere" (passed to KICS
// itself, --exclude-queries, printed by -exclude-queries) or, under
// "where", each stack with the resources (type.name) it applies to; and
// the reason. A new finding of an accepted query in another stack or on
// another resource still fails, and so does a (stack, resource) pair that
// matched nothing: its reason may no longer hold.
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
	Query      string              `json:"query"`
	Name       string              `json:"name"`
	Severity   string              `json:"severity"`
	Everywhere bool                `json:"everywhere,omitempty"`
	Where      map[string][]string `json:"where,omitempty"` // stack -> resources
	Reason     string              `json:"reason"`
}

// Accepted is the file: the accepted findings, and the number of queries
// the pinned KICS runs (a scan that ran fewer is incomplete).
type Accepted struct {
	QueriesTotal int          `json:"kics_queries_total"`
	Accepted     []Acceptance `json:"accepted"`
}

type report struct {
	FilesParsed            int `json:"files_parsed"`
	FilesFailedToScan      int `json:"files_failed_to_scan"`
	QueriesFailedToExecute int `json:"queries_failed_to_execute"`
	QueriesTotal           int `json:"queries_total"`
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
	reports := flag.String("reports", "", "folder of KICS JSON reports, <stack>.json each")
	acceptedPath := flag.String("accepted", "", "accepted findings (JSON)")
	stackList := flag.String("stacks", "", "the stacks scanned, comma-separated: each must have a complete report")
	exclude := flag.Bool("exclude-queries", false, "print the queries accepted everywhere, for kics --exclude-queries, and exit")
	flag.Parse()
	acc, err := load(*acceptedPath)
	if err != nil {
		fail(2, "%v", err)
	}
	if *exclude {
		fmt.Println(strings.Join(everywhere(acc.Accepted), ","))
		return
	}
	stacks := strings.Split(*stackList, ",")
	if *stackList == "" {
		fail(2, "gate: -stacks names no stack")
	}
	var bad []string
	counts := map[string]int{}
	acceptedN := 0
	used := map[string]bool{}
	for _, stack := range stacks {
		r, err := read(filepath.Join(*reports, stack+".json"))
		if err != nil {
			fail(2, "%v", err)
		}
		if r.FilesParsed != 1 || r.FilesFailedToScan != 0 || r.QueriesFailedToExecute != 0 || r.QueriesTotal != acc.QueriesTotal {
			fail(2, "kics: incomplete scan of %s: %d of 1 stack file parsed, %d failed, %d queries failed to execute, %d queries run where the pinned KICS has %d (findings are missing)",
				stack, r.FilesParsed, r.FilesFailedToScan, r.QueriesFailedToExecute, r.QueriesTotal, acc.QueriesTotal)
		}
		for _, q := range r.Queries {
			for _, f := range q.Files {
				counts[q.Severity]++
				res := resource(f.SearchKey)
				if k, ok := accepts(acc.Accepted, q.ID, stack, res); ok {
					acceptedN++
					used[k] = true
					continue
				}
				bad = append(bad, fmt.Sprintf("%s\t%s\t%s [%s]\t%s (line %d)", q.Severity, stack, q.Name, q.ID, f.SearchKey, f.Line))
			}
		}
	}
	stale := unused(acc.Accepted, used)
	sort.Strings(bad)
	fmt.Printf("kics: %d stack(s) scanned one by one, %d finding(s) after --exclude-queries (%s), %d accepted here by stack and resource\n",
		len(stacks), len(bad)+acceptedN, severities(counts), acceptedN)
	if len(bad) > 0 {
		fmt.Printf("kics: %d unaccepted finding(s):\n%s\n", len(bad), strings.Join(bad, "\n"))
	}
	if len(stale) > 0 {
		fmt.Printf("kics: %d acceptance(s) matched no finding (remove them from kics-accepted.json, or check that their reason still holds):\n%s\n", len(stale), strings.Join(stale, "\n"))
	}
	if len(bad) > 0 || len(stale) > 0 {
		os.Exit(1)
	}
}

func read(path string) (*report, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("kics: no report: %v", err)
	}
	var r report
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return &r, nil
}

func load(path string) (*Accepted, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	var a Accepted
	if err := dec.Decode(&a); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if a.QueriesTotal <= 0 {
		return nil, fmt.Errorf("%s: kics_queries_total (the pinned KICS's number of queries) is required", path)
	}
	id := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	for i, x := range a.Accepted {
		switch {
		case !id.MatchString(x.Query):
			return nil, fmt.Errorf("%s: accepted[%d]: %q is not a KICS query ID", path, i, x.Query)
		case x.Name == "" || strings.TrimSpace(x.Reason) == "":
			return nil, fmt.Errorf("%s: accepted[%d] (%s): a name and a reason are required", path, i, x.Query)
		case x.Everywhere == (len(x.Where) > 0):
			return nil, fmt.Errorf("%s: accepted[%d] (%s): give either everywhere or where (stacks and their resources)", path, i, x.Query)
		}
		for stack, res := range x.Where {
			if len(res) == 0 {
				return nil, fmt.Errorf("%s: accepted[%d] (%s): stack %s names no resource: name each one accepted", path, i, x.Query, stack)
			}
		}
	}
	return &a, nil
}

// everywhere are the queries accepted in every stack for every resource.
func everywhere(acc []Acceptance) []string {
	var out []string
	for _, a := range acc {
		if a.Everywhere {
			out = append(out, a.Query)
		}
	}
	sort.Strings(out)
	return out
}

// accepts tells whether a finding is accepted, and by which (query, stack,
// resource) pair.
func accepts(acc []Acceptance, query, stack, res string) (string, bool) {
	for _, a := range acc {
		if a.Query != query {
			continue
		}
		if a.Everywhere {
			return "", true
		}
		for _, r := range a.Where[stack] {
			if r == res {
				return pair(query, stack, r), true
			}
		}
	}
	return "", false
}

func pair(query, stack, res string) string { return query + "\t" + stack + "\t" + res }

// unused lists the (query, stack, resource) pairs that matched no finding.
func unused(acc []Acceptance, used map[string]bool) []string {
	var out []string
	for _, a := range acc {
		for stack, res := range a.Where {
			for _, r := range res {
				if !used[pair(a.Query, stack, r)] {
					out = append(out, fmt.Sprintf("%s [%s]\t%s\t%s", a.Name, a.Query, stack, r))
				}
			}
		}
	}
	sort.Strings(out)
	return out
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
