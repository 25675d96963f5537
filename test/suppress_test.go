package test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/network"
)

// acceptOnly is a VPC whose flow log records accepted traffic only: rule
// PN-VPC-6, which may be suppressed.
func acceptOnly(s *core.Stack, id, cidr string) *network.Vpc {
	return network.NewVpc(s, id, &network.VpcProps{Cidr: cidr, FlowLogs: network.FlowLogProps{TrafficType: "ACCEPT"}})
}

const acceptMsg = `flow log TrafficType "ACCEPT" records no rejected traffic (fix: use "ALL" (default) or "REJECT")`

// A suppression silences its rule for the construct and what is in it,
// nothing else; the stack's and the app's reach further. The construct
// then builds what was asked (ACCEPT), and the JSON records the
// suppression, its reason and what it silenced, for the review report.
func TestSuppressScope(t *testing.T) {
	t.Run("construct", func(t *testing.T) {
		wantIssues(t, noPanic(t, func(app *core.App) {
			s := core.NewStack(app, "t", core.StackProps{Region: "us-east-1"})
			a := acceptOnly(s, "a", "10.0.0.0/16")
			acceptOnly(s, "b", "10.1.0.0/16")
			core.Suppress(a, "PN-VPC-6", "a lab VPC whose rejected traffic nobody reads")
		}), "PN-VPC-6 t/b: "+acceptMsg)
	})
	t.Run("stack", func(t *testing.T) {
		wantIssues(t, noPanic(t, func(app *core.App) {
			s := core.NewStack(app, "t", core.StackProps{Region: "us-east-1"})
			o := core.NewStack(app, "o", core.StackProps{Region: "us-east-1"})
			acceptOnly(s, "a", "10.0.0.0/16")
			acceptOnly(s, "b", "10.1.0.0/16")
			acceptOnly(o, "c", "10.2.0.0/16")
			core.Suppress(s, "PN-VPC-6", "a lab stack")
		}), "PN-VPC-6 o/c: "+acceptMsg)
	})
	t.Run("app", func(t *testing.T) {
		wantIssues(t, noPanic(t, func(app *core.App) {
			s := core.NewStack(app, "t", core.StackProps{Region: "us-east-1"})
			o := core.NewStack(app, "o", core.StackProps{Region: "us-east-1"})
			acceptOnly(s, "a", "10.0.0.0/16")
			acceptOnly(o, "c", "10.2.0.0/16")
			core.Suppress(app, "PN-VPC-6", "a lab app")
		}))
	})

	dir := t.TempDir()
	app := core.NewApp(&core.AppProps{Outdir: dir})
	s := core.NewStack(app, "t", core.StackProps{Region: "us-east-1"})
	a := acceptOnly(s, "a", "10.0.0.0/16")
	core.Suppress(a, "PN-VPC-6", "a lab VPC whose rejected traffic <!-- nobody reads")
	core.Suppress(s, "PN-SG-5", "nothing to silence")
	if err := app.Run(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "stacks", "t", "cdk.tf.json"))
	if err != nil {
		t.Fatal(err)
	}
	j := parse(t, b)
	if got := j.resource(t, "aws_flow_log", "a")["traffic_type"]; got != "ACCEPT" {
		t.Errorf("suppressed flow log traffic type %v, want what was asked (ACCEPT)", got)
	}
	// Every suppression in force is recorded, the one that silenced
	// nothing too (the review shows both); by rule.
	meta := j["//"].(map[string]any)["privnet"].(map[string]any)["suppressed"].([]any)
	if len(meta) != 2 || meta[0].(map[string]any)["rule"] != "PN-SG-5" || len(meta[0].(map[string]any)["silenced"].([]any)) != 0 {
		t.Fatalf("suppressed %v", meta)
	}
	e := meta[1].(map[string]any)
	if e["rule"] != "PN-VPC-6" || e["path"] != "t/a" || e["reason"] != "a lab VPC whose rejected traffic <!-- nobody reads" ||
		len(e["silenced"].([]any)) != 1 || e["silenced"].([]any)[0] != "PN-VPC-6 t/a: "+acceptMsg {
		t.Errorf("suppression recorded as %v", e)
	}
	if n := app.Notices(); len(n) != 1 || n[0] != "the suppression of PN-SG-5 on t silenced nothing (remove it if the rule no longer fires)" {
		t.Errorf("notices %q", n)
	}
}

// A suppression names a known rule, a construct and a reason.
func TestSuppressMisuse(t *testing.T) {
	wantIssues(t, noPanic(t, func(app *core.App) {
		s := core.NewStack(app, "t", core.StackProps{Region: "us-east-1"})
		a := acceptOnly(s, "a", "10.0.0.0/16")
		core.Suppress(a, "PN-NOPE-1", "x")
		core.Suppress(a, "PN-VPC-6", "  ")
		core.Suppress(a, "PN-VPC-6", strings.Repeat("x", 501))
		core.Suppress(nil, "PN-VPC-6", "x")
	}),
		`PN-APP-3 Suppress: core.Suppress was given a nil scope (fix: pass the construct, stack or app whose rule to silence, made since the last core.Shutdown)`,
		`PN-VPC-6 t/a: `+acceptMsg,
		`PN-APP-8 t/a: core.Suppress names rule "PN-NOPE-1", which privnet does not have (fix: use a rule ID from docs/rules.md, like PN-EP-1)`,
		`PN-APP-8 t/a: core.Suppress of PN-VPC-6 has no reason (fix: say why the rule does not apply here: the review report shows it)`,
		`PN-APP-8 t/a: the reason for suppressing PN-VPC-6 is 501 bytes long (fix: say it in at most 500 bytes)`,
	)
}

// Rules that guard against a certain failure refuse suppression, each
// naming itself.
func TestUnsuppressibleRulesRefuseSuppression(t *testing.T) {
	for _, r := range core.Rules() {
		if !r.Unsuppressible {
			continue
		}
		got := noPanic(t, func(app *core.App) {
			core.Suppress(core.NewStack(app, "t", core.StackProps{Region: "us-east-1"}), r.ID, "we know better")
		})
		want := "PN-APP-8 t: rule " + r.ID + " (" + r.Title + ") guards against a certain failure and cannot be suppressed (fix: fix what the rule reports)"
		if len(got) != 1 || got[0] != want {
			t.Errorf("suppressing %s: %q", r.ID, got)
			continue
		}
		suppressTested[r.ID] = true
	}
}

// docs/rules.md is generated from the registry (go run ./cmd/rulesdoc)
// and must be current; every rule has a title, a fact, a source and a
// date, and an area the document has a section for.
func TestRulesDocIsCurrent(t *testing.T) {
	want := core.RulesMarkdown()
	got, err := os.ReadFile("../docs/rules.md")
	if err != nil || string(got) != want {
		t.Errorf("docs/rules.md is stale or missing (%v): run go run ./cmd/rulesdoc\n%s", err, unifiedDiff(string(got), want, 2))
	}
	for _, r := range core.Rules() {
		if !core.KnownArea(r.Area()) {
			t.Errorf("rule %s: area %s has no section in docs/rules.md (constructs/core/rulesdoc.go)", r.ID, r.Area())
		}
	}
}

// With HCL output, which has no metadata block, the suppressions are
// recorded beside cdk.tf. HCL must be chosen before the jsii runtime
// starts, so this runs in a helper process.
func TestSuppressionsRecordedWithHcl(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out.hcl")
	cmd := exec.Command(os.Args[0], "-test.run", "^TestHclSuppressionHelper$", "-test.count=1")
	cmd.Env = append(os.Environ(), helperEnv+"="+out, "SYNTH_HCL_OUTPUT=true")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("helper: %v\n%s", err, b)
	}
	b, err := os.ReadFile(filepath.Join(out, "stacks", "t", "privnet-suppressed.json"))
	if err != nil {
		t.Fatal(err)
	}
	want := `{
  "suppressed": [
    {
      "path": "t/a",
      "reason": "a lab VPC",
      "rule": "PN-VPC-6",
      "silenced": [
        "PN-VPC-6 t/a: ` + strings.ReplaceAll(acceptMsg, `"`, `\"`) + `"
      ],
      "title": "Flow logs record rejected traffic (ALL or REJECT)"
    }
  ]
}
`
	if string(b) != want {
		t.Errorf("recorded:\n%s\nwant:\n%s", b, want)
	}
	if _, err := os.Stat(filepath.Join(out, "stacks", "t", "cdk.tf")); err != nil {
		t.Errorf("no HCL: %v", err)
	}
}

func TestHclSuppressionHelper(t *testing.T) {
	out := os.Getenv(helperEnv)
	if out == "" {
		t.Skip("run by TestSuppressionsRecordedWithHcl")
	}
	app := core.NewApp(&core.AppProps{Outdir: out, HclOutput: true})
	s := core.NewStack(app, "t", core.StackProps{Region: "us-east-1"})
	core.Suppress(acceptOnly(s, "a", "10.0.0.0/16"), "PN-VPC-6", "a lab VPC")
	if err := app.Run(); err != nil {
		t.Fatal(err)
	}
}
