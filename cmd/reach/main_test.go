package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/owenrumney/go-sarif/v2/sarif"
)

// outdir writes the shipped stacks' golden snapshots (which carry their
// declared needs) as a synthesized output directory; edit changes a
// stack's JSON first.
func outdir(t *testing.T, edit func(name string, doc map[string]any)) string {
	t.Helper()
	dir := t.TempDir()
	files, _ := filepath.Glob(filepath.Join("..", "..", "test", "golden", "*.json"))
	if len(files) == 0 {
		t.Fatal("no golden stacks")
	}
	manifest := map[string]any{}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if edit != nil {
			var doc map[string]any
			if err := json.Unmarshal(b, &doc); err != nil {
				t.Fatal(err)
			}
			edit(name, doc)
			b, _ = json.Marshal(doc)
		}
		os.MkdirAll(filepath.Join(dir, "stacks", name), 0o755)
		if err := os.WriteFile(filepath.Join(dir, "stacks", name, "cdk.tf.json"), b, 0o644); err != nil {
			t.Fatal(err)
		}
		manifest[name] = map[string]any{"synthesizedStackPath": "stacks/" + name + "/cdk.tf.json", "workingDirectory": "stacks/" + name}
	}
	b, _ := json.Marshal(map[string]any{"stacks": manifest})
	os.WriteFile(filepath.Join(dir, "manifest.json"), b, 0o644)
	return dir
}

func reachRun(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// undecidedVpn makes s3-onprem's VPN routing a variable: its need is then
// unknown.
func undecidedVpn(name string, doc map[string]any) {
	if name == "s3-onprem" {
		doc["resource"].(map[string]any)["aws_vpn_connection"].(map[string]any)["office"].(map[string]any)["static_routes_only"] = "${var.static}"
	}
}

// Every declared need, a line each: all private as shipped (exit 0); with
// s3-onprem's VPN routing undecided, that one is unknown (exit 5).
func TestEveryNeed(t *testing.T) {
	code, out, _ := reachRun(t, "-out", outdir(t, nil))
	if code != 0 || strings.Count(out, "✓ ") != 28 {
		t.Errorf("exit %d, want 0, and 28 needs private:\n%s", code, out)
	}
	for _, w := range []string{
		"✓ iam-privatelink  aws_instance.app → sts (need \"sts\"): private, interface endpoint aws_vpc_endpoint.iam_sts with private DNS\n",
		"✓ s3-onprem  on-premises → s3 (need \"s3\"): private, interface endpoint aws_vpc_endpoint.s3 with private DNS, resolved through inbound Resolver endpoint aws_route53_resolver_endpoint.dns-inbound\n",
	} {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
	code, out, _ = reachRun(t, "-out", outdir(t, undecidedVpn))
	if code != exitUnknown {
		t.Errorf("exit %d, want %d", code, exitUnknown)
	}
	if w := "? s3-onprem  on-premises → s3 (need \"s3\"): unknown: whether aws_vpn_connection.office routes statically is not a literal value"; !strings.Contains(out, w) {
		t.Errorf("output lacks %q:\n%s", w, out)
	}
}

// One path, hop by hop, and its exit code: 0 private, 3 internet, 4
// unreachable.
func TestOnePath(t *testing.T) {
	dir := outdir(t, nil)
	code, out, _ := reachRun(t, "-out", dir, "-from", "aws_instance.app", "-to", "sts", "-stack", "iam-privatelink")
	want := "aws_instance.app → sts in stack iam-privatelink\n" +
		" 1  ✓ dns         aws_vpc_endpoint.iam_sts: sts.us-east-1.amazonaws.com resolves to the endpoint's addresses (its private DNS, answered by the VPC resolver)\n" +
		" 2  ✓ endpoint    aws_vpc_endpoint.iam_sts: Interface endpoint in aws_subnet.network_endpoints_us-east-1a, aws_subnet.network_endpoints_us-east-1b, security groups aws_security_group.iam_sts_sg\n" +
		" 3  ✓ egress      aws_security_group.app_sg: tcp 443 to 10.3.0.0/16\n" +
		" 4  ✓ ingress     aws_security_group.iam_sts_sg: tcp 443 from group aws_security_group.app_sg\n" +
		"✓ private, interface endpoint aws_vpc_endpoint.iam_sts with private DNS\n"
	if code != exitOK || !strings.HasPrefix(out, want) || !strings.Contains(out, "It does not check IAM") {
		t.Errorf("exit %d:\n%s\nwant:\n%s", code, out, want)
	}
	code, out, _ = reachRun(t, "-out", dir, "-from", "aws_subnet.network_app_us-east-1a", "-to", "sts", "-stack", "egress-firewall")
	if code != exitInternet || !strings.Contains(out, "✓ route       aws_route_table.network_app_us-east-1a: 0.0.0.0/0 to ${aws_nat_gateway.network_us-east-1a.id} (nat)") {
		t.Errorf("egress-firewall's app tier to sts: exit %d\n%s", code, out)
	}
	broken := outdir(t, func(name string, doc map[string]any) {
		if name == "iam-privatelink" {
			delete(doc["resource"].(map[string]any)["aws_vpc_security_group_ingress_rule"].(map[string]any), "iam_sts_sg_443-tcp_from_sg-app_sg")
		}
	})
	code, out, _ = reachRun(t, "-out", broken, "-from", "aws_instance.app", "-to", "sts", "-stack", "iam-privatelink")
	if code != exitUnreachable || !strings.Contains(out, " 4  ✗ ingress     aws_security_group.iam_sts_sg: no rule admits TCP 443 from aws_instance.app\n") {
		t.Errorf("exit %d:\n%s", code, out)
	}
	code, out, _ = reachRun(t, "-out", dir, "-from", "aws_ec2_instance_connect_endpoint.eic", "-to", "aws_instance.app:22")
	if code != exitOK || !strings.Contains(out, "✓ target      aws_instance.app: instance in aws_subnet.network_app_us-east-1a") {
		t.Errorf("Instance Connect to the instance: exit %d\n%s", code, out)
	}
	for _, bad := range [][]string{
		{"-from", "aws_instance.app", "-to", "sts"},                 // in several stacks
		{"-from", "aws_instance.nope", "-to", "sts"},                // in none
		{"-from", "10.0.0.1/8", "-to", "s3", "-stack", "s3-onprem"}, // not a network address
		{"-from", "aws_instance.app"},                               // no -to
		{"-from", "aws_instance.app", "-to", "aws_instance.app:99999", "-stack", "iam-privatelink"},
		{"-from", "aws_instance.app", "-to", "stss", "-stack", "iam-privatelink"},                // not a catalog key
		{"-from", "aws_instance.app", "-to", "iam-privatelink/sts", "-stack", "iam-privatelink"}, // a service in a stack
		{"-from", "aws_instance.app", "-to", "aws_instance.nope", "-stack", "iam-privatelink"},   // no such target
		{"-from", "192.168.0.0/16", "-to", "s3", "-stack", "s3-onprem", "-vpc", "aws_vpc.nope"},  // no such VPC
		{"-from", "aws_instance.app", "-to", "sts", "-stack", "iam-privatelink", "-json", "-"},   // one path has no JSON
		{"-json", "-", "-sarif", "-"},                                                            // two documents on stdout
		{"-port", "22"},                                                                          // -port without a path
	} {
		if code, _, errs := reachRun(t, append([]string{"-out", dir}, bad...)...); code != exitUsage || errs == "" {
			t.Errorf("%v: exit %d, %q", bad, code, errs)
		}
	}
}

// JSON of every verdict, and SARIF 2.1.0 of the broken and undecided
// ones, read back with go-sarif.
func TestJSONAndSARIF(t *testing.T) {
	dir := outdir(t, func(name string, doc map[string]any) {
		if name == "iam-privatelink" {
			delete(doc["resource"].(map[string]any)["aws_vpc_endpoint"].(map[string]any), "iam_sts")
		}
		undecidedVpn(name, doc)
	})
	code, out, _ := reachRun(t, "-out", dir, "-json", "-")
	if code != exitUnreachable {
		t.Errorf("exit %d", code)
	}
	var doc struct {
		Schema string `json:"schema"`
		Needs  []struct {
			Stack, Path, Need, Verdict, Link, Rule, Problem, Fix string
			Targets                                              []any
		} `json:"needs"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Schema != "privnet.reach/v1" || len(doc.Needs) != 28 {
		t.Fatalf("schema %q, %d needs", doc.Schema, len(doc.Needs))
	}
	broken := 0
	for _, n := range doc.Needs {
		if n.Verdict == "unreachable" {
			broken++
			if n.Stack != "iam-privatelink" || n.Need != "sts" || n.Link != "endpoint" || n.Rule != "PN-REACH-1" || n.Fix == "" || len(n.Targets) != 1 {
				t.Errorf("%+v", n)
			}
		}
	}
	if broken != 1 {
		t.Errorf("%d unreachable needs, want 1", broken)
	}

	sarifPath := filepath.Join(t.TempDir(), "reach.sarif")
	if code, _, errs := reachRun(t, "-out", dir, "-sarif", sarifPath); code != exitUnreachable || errs != "" {
		t.Fatalf("exit %d: %s", code, errs)
	}
	b, _ := os.ReadFile(sarifPath)
	rep, err := sarif.FromBytes(b)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Version != "2.1.0" || len(rep.Runs) != 1 || len(rep.Runs[0].Results) != 2 || len(rep.Runs[0].Tool.Driver.Rules) != 2 {
		t.Fatalf("SARIF: %s", b)
	}
	// The typed report writes back what it read: no field it does not know.
	var again bytes.Buffer
	if err := rep.Write(&again); err != nil {
		t.Fatal(err)
	}
	var x, y any
	json.Unmarshal(b, &x)
	json.Unmarshal(again.Bytes(), &y)
	if xb, _ := json.Marshal(x); string(xb) != func() string { yb, _ := json.Marshal(y); return string(yb) }() {
		t.Errorf("go-sarif does not read back what was written:\n%s\n%s", xb, again.String())
	}
	levels := map[string]string{}
	for _, r := range rep.Runs[0].Results {
		levels[*r.RuleID] = *r.Level
		if len(r.Locations) != 1 || len(r.Locations[0].LogicalLocations) != 1 || r.Locations[0].PhysicalLocation.ArtifactLocation.URI == nil {
			t.Errorf("result without its locations: %+v", r)
		}
	}
	if levels["PN-REACH-1"] != "error" || levels["PN-REACH-2"] != "warning" {
		t.Errorf("levels %v", levels)
	}
}

// Names from the pull request cannot drive the terminal: control and
// format characters come out escaped, in errors too.
func TestHostileNames(t *testing.T) {
	evil := outdir(t, nil)
	os.MkdirAll(filepath.Join(evil, "stacks", "x"), 0o755)
	b, _ := os.ReadFile(filepath.Join(evil, "stacks", "iam-privatelink", "cdk.tf.json"))
	os.WriteFile(filepath.Join(evil, "stacks", "x", "cdk.tf.json"), b, 0o644)
	var m map[string]map[string]any
	mb, _ := os.ReadFile(filepath.Join(evil, "manifest.json"))
	json.Unmarshal(mb, &m)
	m["stacks"]["evil\x1b]0;pwned\x07\x1b[2J"] = map[string]any{"synthesizedStackPath": "stacks/x/cdk.tf.json", "workingDirectory": "stacks/x"}
	mb, _ = json.Marshal(m)
	os.WriteFile(filepath.Join(evil, "manifest.json"), mb, 0o644)
	if code, out, errs := reachRun(t, "-out", evil, "-from", "aws_instance.app", "-to", "sts"); code != exitUsage || strings.ContainsAny(out+errs, "\x1b\x07") {
		t.Errorf("exit %d, raw control characters: %q %q", code, out, errs)
	}

	dir := outdir(t, func(name string, doc map[string]any) {
		if name != "iam-privatelink" {
			return
		}
		meta := doc["//"].(map[string]any)["privnet"].(map[string]any)
		needs := meta["needs"].([]any)
		n := needs[0].(map[string]any)
		n["need"].(map[string]any)["label"] = "evil\x1b[2J\u202egnp.exe\nfake line"
	})
	_, out, _ := reachRun(t, "-out", dir)
	if strings.ContainsAny(out, "\x1b\u202e") || strings.Contains(out, "\nfake line") {
		t.Errorf("raw control characters in the output:\n%q", out)
	}
	if !strings.Contains(out, `evil\u001b[2J\u202egnp.exe\u000afake line`) {
		t.Errorf("the hostile label is not escaped:\n%s", out)
	}
	_, js, _ := reachRun(t, "-out", dir, "-json", "-")
	if strings.ContainsAny(js, "\x1b\u202e") || !strings.Contains(js, `evil\u001b[2J\u202egnp.exe\nfake line`) {
		t.Errorf("the JSON does not escape the hostile label:\n%s", js)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(js), &doc); err != nil {
		t.Fatalf("the JSON does not parse: %v", err)
	}
	// SARIF: the need is broken on purpose so that it is in the log.
	dir = outdir(t, func(name string, doc map[string]any) {
		if name != "iam-privatelink" {
			return
		}
		needs := doc["//"].(map[string]any)["privnet"].(map[string]any)["needs"].([]any)
		needs[1].(map[string]any)["need"].(map[string]any)["label"] = "evil\x1b[2J\u202egnp.exe"
		delete(doc["resource"].(map[string]any)["aws_vpc_endpoint"].(map[string]any), "iam_sts")
	})
	_, sf, _ := reachRun(t, "-out", dir, "-sarif", "-")
	if strings.ContainsAny(sf, "\x1b\u202e") || !strings.Contains(sf, `evil\u001b[2J\u202egnp.exe`) {
		t.Errorf("the SARIF does not escape the hostile label:\n%s", sf)
	}
}
