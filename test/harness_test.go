// Package test holds the snapshot and scenario tests. Every test here shares
// one jsii runtime (one node process): loading the AWS provider costs a few
// seconds per process, so stacks are synthesized together and tests never
// run in parallel (jsii is not safe from several goroutines).
package test

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/stacks"
)

var update = flag.Bool("update", false, "rewrite the golden snapshots in test/golden from the current synth")

// shipped holds cdk.tf.json of every stack of the default configuration,
// synthesized once for the whole test binary.
var shipped map[string][]byte

func TestMain(m *testing.M) {
	flag.Parse()
	code := func() int {
		defer core.Shutdown()
		dir, err := os.MkdirTemp("", "privnet-test-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(dir)
		if os.Getenv(helperEnv) != "" {
			return m.Run() // a helper process runs one test of its own
		}
		shipped, err = synthDefault(filepath.Join(dir, "out"))
		if err != nil {
			fmt.Fprintln(os.Stderr, "synth of the shipped stacks failed:", err)
			return 1
		}
		code := m.Run()
		if code == 0 && fullRun() {
			code = checkEveryRuleTested()
		}
		return code
	}()
	os.Exit(code)
}

// helperEnv, set, makes the test binary a helper process that runs one
// test (named by -test.run) with no shipped synth first: for what needs a
// jsii runtime started with another environment (HCL output).
const helperEnv = "PRIVNET_TEST_HELPER"

// Every rule must have a test that feeds its bad input and checks the
// message (wantIssues records the rule IDs of the messages it expects),
// and a test of its suppression (issues does one per rule: silenced when
// suppressible, refused when not).
var (
	badInputTested = map[string]bool{}
	suppressTested = map[string]bool{}
)

// fullRun tells whether every test ran (no -run, -skip or -short), so that
// the per-rule check is fair.
func fullRun() bool {
	for _, f := range []string{"test.run", "test.skip"} {
		if fl := flag.Lookup(f); fl != nil && fl.Value.String() != "" {
			return false
		}
	}
	return !testing.Short()
}

func checkEveryRuleTested() int {
	var missing []string
	for _, r := range core.Rules() {
		if !badInputTested[r.ID] {
			missing = append(missing, r.ID+" has no bad-input test (a wantIssues with its message)")
		}
		if !suppressTested[r.ID] {
			missing = append(missing, r.ID+" has no suppression test (its message from issues(...))")
		}
	}
	if len(missing) == 0 {
		return 0
	}
	fmt.Fprintf(os.Stderr, "FAIL: every rule needs a bad-input test and a suppression test:\n  %s\n", strings.Join(missing, "\n  "))
	return 1
}

// ruleOf is the rule ID a message starts with ("PN-EP-3 t/ssm: ..."), or "".
func ruleOf(msg string) string {
	id, _, ok := strings.Cut(msg, " ")
	if !ok || !strings.HasPrefix(id, "PN-") {
		return ""
	}
	return id
}

// synthDefault synthesizes the embedded default configuration into outdir
// and returns each stack's cdk.tf.json.
func synthDefault(outdir string) (map[string][]byte, error) {
	cfg, err := stacks.ParseConfig(stacks.DefaultConfig)
	if err != nil {
		return nil, err
	}
	app := core.NewApp(&core.AppProps{Outdir: outdir})
	if err := stacks.Build(app, cfg); err != nil {
		return nil, err
	}
	if err := app.Run(); err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for _, s := range app.Stacks() {
		b, err := os.ReadFile(filepath.Join(outdir, "stacks", s.Name, "cdk.tf.json"))
		if err != nil {
			return nil, err
		}
		out[s.Name] = b
	}
	return out, nil
}

func updating() bool { return *update || os.Getenv("UPDATE_SNAPSHOTS") == "1" }

// TestGolden compares every shipped stack with test/golden/<stack>.json.
// Rewrite with UPDATE_SNAPSHOTS=1 go test ./test/ (or -update), then read
// the diff in git before committing it.
func TestGolden(t *testing.T) {
	if len(shipped) == 0 {
		t.Fatal("no stacks were synthesized")
	}
	names := make([]string, 0, len(shipped))
	for n := range shipped {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("golden", name+".json")
			got := shipped[name]
			if updating() {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("no golden snapshot for stack %s (%v); make one with UPDATE_SNAPSHOTS=1 go test ./test/", name, err)
			}
			if string(got) != string(want) {
				t.Fatalf("stack %s differs from %s (- golden, + synthesized):\n%s\nIf the change is intended, run UPDATE_SNAPSHOTS=1 go test ./test/ and review the diff.",
					name, path, unifiedDiff(string(want), string(got), 3))
			}
		})
	}
	// A golden file without a stack is a stack that disappeared.
	files, _ := filepath.Glob(filepath.Join("golden", "*.json"))
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		if _, ok := shipped[name]; !ok {
			if updating() {
				os.Remove(f)
				continue
			}
			t.Errorf("golden %s has no stack of that name in the default configuration", f)
		}
	}
}

// unifiedDiff is a line diff with context, in the style of diff -u, from
// the longest common subsequence. Snapshots are a few thousand lines, so
// the quadratic table stays small.
func unifiedDiff(a, b string, context int) string {
	x, y := strings.Split(a, "\n"), strings.Split(b, "\n")
	n, m := len(x), len(y)
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	type line struct {
		op   byte
		text string
		ai   int
	}
	var lines []line
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && x[i] == y[j]:
			lines = append(lines, line{' ', x[i], i})
			i++
			j++
		case i < n && (j == m || lcs[i+1][j] >= lcs[i][j+1]):
			lines = append(lines, line{'-', x[i], i})
			i++
		default:
			lines = append(lines, line{'+', y[j], i})
			j++
		}
	}
	var out strings.Builder
	last := -1
	for k, l := range lines {
		near := false
		for d := -context; d <= context; d++ {
			if k+d >= 0 && k+d < len(lines) && lines[k+d].op != ' ' {
				near = true
				break
			}
		}
		if !near {
			continue
		}
		if last != k-1 {
			fmt.Fprintf(&out, "@@ golden line %d @@\n", l.ai+1)
		}
		fmt.Fprintf(&out, "%c %s\n", l.op, l.text)
		last = k
	}
	return out.String()
}

func TestUnifiedDiffIsReadable(t *testing.T) {
	a := "{\n  \"a\": 1,\n  \"b\": 2,\n  \"c\": 3,\n  \"d\": 4,\n  \"e\": 5,\n  \"f\": 6\n}"
	b := strings.Replace(a, "\"d\": 4", "\"d\": 40", 1)
	got := unifiedDiff(a, b, 1)
	want := "@@ golden line 4 @@\n    \"c\": 3,\n-   \"d\": 4,\n+   \"d\": 40,\n    \"e\": 5,\n"
	if got != want {
		t.Fatalf("diff:\n%s\nwant:\n%s", got, want)
	}
}

// tfJSON is a synthesized stack, parsed.
type tfJSON map[string]any

func parse(t *testing.T, b []byte) tfJSON {
	t.Helper()
	var j tfJSON
	if err := json.Unmarshal(b, &j); err != nil {
		t.Fatal(err)
	}
	return j
}

// resources returns the resources of one type, by Terraform name.
func (j tfJSON) resources(tfType string) map[string]map[string]any {
	out := map[string]map[string]any{}
	res, _ := j["resource"].(map[string]any)
	byName, _ := res[tfType].(map[string]any)
	for name, r := range byName {
		out[name] = r.(map[string]any)
	}
	return out
}

func (j tfJSON) resource(t *testing.T, tfType, name string) map[string]any {
	t.Helper()
	r, ok := j.resources(tfType)[name]
	if !ok {
		t.Fatalf("no %s.%s; have %v", tfType, name, keys(j.resources(tfType)))
	}
	return r
}

func (j tfJSON) outputs() map[string]any {
	o, _ := j["output"].(map[string]any)
	return o
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// synthOne builds one stack with build and synthesizes it, failing the test
// on any issue.
func synthOne(t *testing.T, region string, build func(s *core.Stack)) tfJSON {
	t.Helper()
	dir := t.TempDir()
	app := core.NewApp(&core.AppProps{Outdir: dir, ContextFile: contextFile})
	s := core.NewStack(app, "t", core.StackProps{Region: region})
	build(s)
	if err := app.Run(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "stacks", "t", "cdk.tf.json"))
	if err != nil {
		t.Fatal(err)
	}
	return parse(t, b)
}

// issues builds a stack with build and returns the messages Validate
// reports (nothing is synthesized).
//
// The first time a rule shows up in its result, it also checks that rule's
// suppression: built again with core.Suppress(stack, rule, reason), a
// suppressible rule's messages are gone and nothing else changed; an
// unsuppressible rule's messages stay and the suppression is refused.
func issues(t *testing.T, region string, build func(s *core.Stack)) []string {
	t.Helper()
	got := issuesSuppressing(t, region, build, "")
	for _, m := range got {
		id := ruleOf(m)
		if id == "" || suppressTested[id] {
			continue
		}
		suppressTested[id] = true
		again := issuesSuppressing(t, region, build, id)
		rule, _ := core.LookupRule(id)
		var want []string
		if rule.Unsuppressible {
			want = append([]string{fmt.Sprintf("PN-APP-8 t: rule %s (%s) guards against a certain failure and cannot be suppressed (fix: fix what the rule reports)", id, rule.Title)}, got...)
		} else {
			for _, g := range got {
				if ruleOf(g) != id {
					want = append(want, g)
				}
			}
		}
		if strings.Join(again, "\n") != strings.Join(want, "\n") {
			t.Errorf("suppressing %s:\n  %s\nwant:\n  %s", id, strings.Join(again, "\n  "), strings.Join(want, "\n  "))
		}
	}
	return got
}

// contextFile is the recorded lookups the apps of issues and synthOne
// read; "" for none (the default file does not exist in test/). Tests set
// it with withRecord.
var contextFile string

func withRecord(t *testing.T, path string) {
	t.Helper()
	contextFile = path
	t.Cleanup(func() { contextFile = "" })
}

// suppressReason is the reason the suppression checks give.
const suppressReason = "test: suppressed on purpose"

func issuesSuppressing(t *testing.T, region string, build func(s *core.Stack), rule string) []string {
	t.Helper()
	app := core.NewApp(&core.AppProps{Outdir: t.TempDir(), ContextFile: contextFile})
	s := core.NewStack(app, "t", core.StackProps{Region: region})
	if rule != "" {
		core.Suppress(s, rule, suppressReason)
	}
	build(s)
	err := app.Validate()
	if err == nil {
		return nil
	}
	is, ok := err.(core.Issues)
	if !ok {
		t.Fatalf("Validate returned %T, not core.Issues: %v", err, err)
	}
	return is.Messages()
}

// wantIssues checks that exactly the wanted messages come back, in order,
// and records their rules as tested with a bad input.
func wantIssues(t *testing.T, got []string, want ...string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("issues:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	for _, w := range want {
		if id := ruleOf(w); id != "" {
			badInputTested[id] = true
		}
	}
}
