package review

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The golden snapshots are the shipped stacks' cdk.tf.json: the report is
// built from them, with no synth.
func golden(t *testing.T) []*Stack {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join("..", "test", "golden", "*.json"))
	if len(files) == 0 {
		t.Fatal("no golden snapshots")
	}
	var out []*Stack
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s, err := Parse(strings.TrimSuffix(filepath.Base(f), ".json"), b)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

func find(t *testing.T, stacks []*Stack, name string) *Stack {
	t.Helper()
	for _, s := range stacks {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("no stack %s", name)
	return nil
}

// Hand-computed: endpoint-catalog has 8 interface endpoints in 2 AZs of
// ap-northeast-1 at $0.014 per AZ-hour: 8 × 2 × 730 × 0.014 = $163.52.
// iam-privatelink has iam and sts in 2 AZs of us-east-1 at $0.01:
// 2 × 2 × 730 × 0.01 = $29.20. xregion-service has one NLB in us-east-1:
// 730 × 0.0225 = $16.425, $16.43 rounded. ssm-private-instance: 3
// endpoints in 1 AZ of ap-northeast-1: 3 × 730 × 0.014 = $30.66.
func TestCostFigures(t *testing.T) {
	stacks := golden(t)
	for name, want := range map[string]float64{
		"endpoint-catalog":     163.52,
		"iam-privatelink":      29.20,
		"xregion-service":      16.43,
		"ssm-private-instance": 30.66,
		"baseline":             0,
	} {
		c := Estimate(find(t, stacks, name))
		if c.Total != want || c.Unknown != 0 {
			t.Errorf("%s: $%.2f (%d unknown), want $%.2f", name, c.Total, c.Unknown, want)
		}
	}
	c := Estimate(find(t, stacks, "endpoint-catalog"))
	if l := c.Lines[0]; l.Units != 16*730 || l.Rate != 0.014 {
		t.Errorf("endpoint-catalog line %+v", l)
	}
	// A resource endpoint's hourly rate is not in the table: said, not guessed.
	if c := Estimate(find(t, stacks, "lattice-resource")); c.Unknown != 1 || c.Total != 0 {
		t.Errorf("lattice-resource %+v", c)
	}
}

func TestNatCostAndUnknownRegion(t *testing.T) {
	s := &Stack{Name: "x", Region: "ap-northeast-1", Resources: map[string]map[string]map[string]any{
		"aws_nat_gateway": {"a": {}, "b": {}},
	}}
	// 2 × 730 × 0.062 = 90.52
	if c := Estimate(s); c.Total != 90.52 || !strings.Contains(strings.Join(c.PerGB, ";"), "$0.062 per GB") {
		t.Errorf("NAT %+v", c)
	}
	s.Region = "sa-east-1"
	if c := Estimate(s); c.Total != 0 || c.Unknown != 1 {
		t.Errorf("unknown region priced: %+v", c)
	}
}

// The diff mode against a deliberately changed copy of the shipped stacks.
func TestDiffWarnsAboutReplacementAndDeletion(t *testing.T) {
	base := golden(t)
	head := golden(t)
	ec := find(t, head, "endpoint-catalog")
	ec.Resources["aws_subnet"]["network_isolated_ap-northeast-1c"]["cidr_block"] = "10.1.9.0/24" // replaced
	delete(ec.Resources["aws_vpc_endpoint"], "kms")                                              // deleted
	ec.Resources["aws_vpc_endpoint"]["ssm"]["private_dns_enabled"] = false                       // updated in place
	ec.Resources["aws_flow_log"]["network"]["traffic_type"] = "REJECT"                           // not watched
	ec.Resources["aws_vpc_endpoint"]["sts"] = map[string]any{"vpc_endpoint_type": "Interface"}   // added
	iam := find(t, head, "iam-privatelink")
	// The default AMI is ignore_changes: a new AMI is no replacement.
	iam.Resources["aws_instance"]["app"]["ami"] = "ami-0123456789abcdef0"
	// A bigger root volume changes in place; an unencrypted one replaces.
	iam.Resources["aws_instance"]["app"]["root_block_device"] = map[string]any{"encrypted": true, "volume_type": "gp3", "volume_size": 30.0}
	ssm := find(t, head, "ssm-private-instance")
	ssm.Resources["aws_instance"]["app"]["root_block_device"] = map[string]any{"encrypted": false, "volume_type": "gp3"}

	var got []string
	for _, c := range Diff(base, head) {
		got = append(got, c.String()+" "+c.Warning)
	}
	want := []string{
		"endpoint-catalog: changed aws_flow_log.network (traffic_type) ",
		"endpoint-catalog: changed aws_subnet.network_isolated_ap-northeast-1c (cidr_block) replaced (cidr_block changed)",
		"endpoint-catalog: removed aws_vpc_endpoint.kms deleted",
		"endpoint-catalog: changed aws_vpc_endpoint.ssm (private_dns_enabled) ",
		"endpoint-catalog: added aws_vpc_endpoint.sts ",
		"iam-privatelink: changed aws_instance.app (ami, root_block_device) ",
		"ssm-private-instance: changed aws_instance.app (root_block_device) replaced (root_block_device.encrypted changed)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("diff:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	md := Report(head, base)
	top := md[:strings.Index(md, "## Changes against the base")]
	for _, w := range []string{
		"> [!WARNING]",
		"destroys 3 resource(s)",
		"**endpoint-catalog** `aws_subnet.network_isolated_ap-northeast-1c`: replaced (cidr_block changed)",
		"**endpoint-catalog** `aws_vpc_endpoint.kms`: deleted",
	} {
		if !strings.Contains(top, w) {
			t.Errorf("the top of the report lacks %q:\n%s", w, top)
		}
	}
	if len(Diff(base, golden(t))) != 0 {
		t.Error("identical stacks differ")
	}
}

func TestReportContents(t *testing.T) {
	md := Report(golden(t), nil)
	for _, w := range []string{
		"| `ssm_ssm` | ssm | Interface | ap-northeast-1a | yes | ssm_ssm_sg | — |",
		"| `iam_iam` | iam | Interface | us-east-1a, us-east-1b | yes | iam_iam_sg | — |",
		"| `s3` | s3 | Interface | ap-northeast-1a, ap-northeast-1c | yes (inbound resolver only) | s3_sg | — |",
		"| `service` | endpoint service of another stack | Interface | ap-northeast-1a, ap-northeast-1c | no | service_sg | to us-east-1 |",
		// Each rule once: the description only when it adds to the rule.
		"- `s3_sg` (interface endpoint `s3`):\n  - 443/tcp from 192.168.0.0/16\n",
		"- `eic_sg` (Instance Connect endpoint `eic`):\n  - 22/tcp to sg `app_sg` (instance `app`)\n",
		"  - 443/tcp to the s3 prefix list (gateway endpoint `ssm_s3`): “to S3 through the gateway endpoint (agent updates, patches)”\n",
		"  - 443/tcp from 10.1.0.0/16 (VPC `network`)\n",
		"- `eic` in us-east-1a, preserve_client_ip no, security group `eic_sg`, create timeout 20m",
		"- resource configuration `server-config` SINGLE → 10.5.0.10, TCP 22,443 through gateway `gateway`, shareable service networks no",
		"- endpoint service `service`: regions us-east-1, ap-northeast-1, acceptance required yes, 1 allowed principal(s)",
		"eic_eic -- \"22/tcp\" --> i_app",
		"```mermaid\nflowchart LR\n",
	} {
		if !strings.Contains(md, w) {
			t.Errorf("report lacks %q", w)
		}
	}
}

// docs/review-example.md is the report of the shipped stacks; it must be
// current. Rewrite with UPDATE_SNAPSHOTS=1 go test ./review/.
func TestCheckedInExample(t *testing.T) {
	md := Report(golden(t), nil)
	path := filepath.Join("..", "docs", "review-example.md")
	if os.Getenv("UPDATE_SNAPSHOTS") == "1" {
		if err := os.WriteFile(path, []byte(md), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	b, err := os.ReadFile(path)
	if err != nil || string(b) != md {
		t.Fatalf("%s is not the current report of the shipped stacks; run UPDATE_SNAPSHOTS=1 go test ./review/ and review it", path)
	}
}

// A stack whose billed resources are only ones the table does not price
// says "not estimated", not $0.00; the per-GB list holds per-GB rates only.
func TestCostWording(t *testing.T) {
	stacks := golden(t)
	for name, want := range map[string]string{
		"baseline":         "not estimated",
		"lattice-resource": "not estimated (1 item(s) without a price)",
		"endpoint-catalog": "$163.52",
	} {
		if got := money(Estimate(find(t, stacks, name))); got != want {
			t.Errorf("%s: %q, want %q", name, got, want)
		}
	}
	if got := strings.Join(Estimate(find(t, stacks, "baseline")).NotEstimated, ", "); got != "1 KMS key, 1 CloudWatch log group, 1 flow log" {
		t.Errorf("baseline not estimated: %q", got)
	}
	for _, s := range stacks {
		c := Estimate(s)
		for _, l := range c.PerGB {
			if !strings.Contains(l, "per GB") {
				t.Errorf("%s: %q is in the per-GB list", s.Name, l)
			}
		}
	}
	c := Estimate(find(t, stacks, "xregion-service"))
	if len(c.PerGB) != 0 || len(c.Usage) != 1 || !strings.HasPrefix(c.Free[0], "Endpoint services:") {
		t.Errorf("xregion-service: %+v", c)
	}
	md := Report(stacks, nil)
	if strings.Contains(md, "$0.00") {
		t.Error("the report prints $0.00")
	}
}
