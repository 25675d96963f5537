package test

import (
	"strings"
	"testing"

	"github.com/aws/jsii-runtime-go"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/network"
)

func vpcIssues(t *testing.T, region string, props network.VpcProps) []string {
	t.Helper()
	return issues(t, region, func(s *core.Stack) { network.NewVpc(s, "network", &props) })
}

// Every bad input of the VPC rules (PN-VPC-*) stops synth with the construct
// path, what is wrong and the fix.
func TestVpcRules(t *testing.T) {
	cases := []struct {
		name   string
		region string
		props  network.VpcProps
		want   []string
	}{
		{"no cidr", "us-east-1", network.VpcProps{},
			[]string{`PN-VPC-1 t/network: no Cidr given (fix: set Cidr to a private IPv4 block such as "10.0.0.0/16")`}},
		{"invalid cidr", "us-east-1", network.VpcProps{Cidr: "10.0.0.0/33"},
			[]string{`PN-VPC-1 t/network: Cidr "10.0.0.0/33" is not an IPv4 CIDR (fix: write it like "10.0.0.0/16")`}},
		{"ipv6 cidr", "us-east-1", network.VpcProps{Cidr: "fd00::/56"},
			[]string{`PN-VPC-1 t/network: Cidr "fd00::/56" is not an IPv4 CIDR (fix: write it like "10.0.0.0/16")`}},
		{"host bits", "us-east-1", network.VpcProps{Cidr: "10.0.0.1/16"},
			[]string{`PN-VPC-1 t/network: Cidr "10.0.0.1/16" has host bits set (fix: use "10.0.0.0/16")`}},
		{"prefix too short", "us-east-1", network.VpcProps{Cidr: "10.0.0.0/12"},
			[]string{`PN-VPC-1 t/network: VPC prefix /12 is outside the /16–/28 AWS allows (fix: use a prefix from /16 to /28)`}},
		{"prefix too long", "us-east-1", network.VpcProps{Cidr: "10.0.0.0/29"},
			[]string{`PN-VPC-1 t/network: VPC prefix /29 is outside the /16–/28 AWS allows (fix: use a prefix from /16 to /28)`}},
		{"subnets do not fit", "us-east-1", network.VpcProps{Cidr: "10.0.0.0/24", AzCount: 3,
			Tiers: []network.TierProps{{Name: "app", Prefix: 25}}},
			[]string{`PN-VPC-4 t/network: tier "app": 3 subnets of /25 do not fit in 10.0.0.0/24: room is left for 2 (fix: use a longer subnet prefix, fewer AZs or tiers, or a larger VPC CIDR)`}},
		{"subnet prefix out of range", "us-east-1", network.VpcProps{Cidr: "10.0.0.0/16",
			Tiers: []network.TierProps{{Name: "app", Prefix: 29}}},
			[]string{`PN-VPC-4 t/network: tier "app": subnet prefix /29 is outside the /16–/28 AWS allows (fix: use a prefix from /16 to /28)`}},
		{"subnet larger than vpc", "us-east-1", network.VpcProps{Cidr: "10.0.0.0/20",
			Tiers: []network.TierProps{{Name: "app", Prefix: 18}}},
			[]string{`PN-VPC-4 t/network: tier "app": subnet prefix /18 is larger than the VPC's /20 (fix: use a prefix from /20 to /28)`}},
		{"explicit subnet outside vpc", "us-east-1", network.VpcProps{Cidr: "10.0.0.0/16",
			Tiers: []network.TierProps{{Name: "app", Cidrs: []string{"10.0.0.0/24", "10.9.0.0/24"}}}},
			[]string{`PN-VPC-4 t/network: tier "app", Cidrs[1] "10.9.0.0/24": subnet 10.9.0.0/24 is outside the VPC CIDR 10.0.0.0/16 (fix: pick a block inside 10.0.0.0/16)`}},
		{"explicit subnets overlap", "us-east-1", network.VpcProps{Cidr: "10.0.0.0/16",
			Tiers: []network.TierProps{{Name: "app"}, {Name: "db", Cidrs: []string{"10.0.1.0/24", "10.0.2.0/24"}}}},
			[]string{`PN-VPC-4 t/network: tier "db", Cidrs[0] "10.0.1.0/24": subnet 10.0.1.0/24 overlaps 10.0.1.0/24 (fix: pick a free block; carved tiers take consecutive ranges from the start of the VPC CIDR in tier order)`}},
		{"explicit cidr count", "us-east-1", network.VpcProps{Cidr: "10.0.0.0/16",
			Tiers: []network.TierProps{{Name: "app", Cidrs: []string{"10.0.0.0/24"}}}},
			[]string{`PN-VPC-4 t/network: tier "app" gives 1 Cidrs for 2 AZs (fix: give one CIDR per AZ, in AZ order, or none to have them carved)`}},
		{"explicit cidr invalid", "us-east-1", network.VpcProps{Cidr: "10.0.0.0/16",
			Tiers: []network.TierProps{{Name: "app", Cidrs: []string{"10.0.0.0/24", "bogus"}}}},
			[]string{`PN-VPC-4 t/network: tier "app", Cidrs[1] "bogus": subnet is not an IPv4 CIDR (fix: write it like 10.0.1.0/24)`}},
		{"az of another region", "us-east-1", network.VpcProps{Cidr: "10.0.0.0/16", Azs: []string{"us-east-1a", "eu-west-1a"}},
			[]string{`PN-VPC-2 t/network: AZ "eu-west-1a" is not an availability zone of the stack's region us-east-1 (fix: use AZs of us-east-1: us-east-1a, us-east-1b, us-east-1c, us-east-1d, us-east-1f, us-east-1e)`}},
		{"ap-northeast-1b", "ap-northeast-1", network.VpcProps{Cidr: "10.0.0.0/16", Azs: []string{"ap-northeast-1a", "ap-northeast-1b"}},
			[]string{`PN-VPC-2 t/network: AZ "ap-northeast-1b" is not an availability zone of the stack's region ap-northeast-1 (fix: use AZs of ap-northeast-1: ap-northeast-1a, ap-northeast-1c, ap-northeast-1d)`}},
		{"az twice", "us-east-1", network.VpcProps{Cidr: "10.0.0.0/16", Azs: []string{"us-east-1a", "us-east-1a"}},
			[]string{`PN-VPC-2 t/network: AZ us-east-1a is listed twice (fix: list each AZ once)`}},
		{"too many azs", "eu-west-1", network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 4},
			[]string{`PN-VPC-2 t/network: AzCount 4 is more than the 3 AZs privnet knows in eu-west-1 (fix: use at most 3, or list Azs explicitly)`}},
		{"azs and count disagree", "us-east-1", network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 3, Azs: []string{"us-east-1a", "us-east-1b"}},
			[]string{`PN-VPC-2 t/network: AzCount 3 and 2 Azs disagree (fix: give Azs or AzCount, not both)`}},
		{"two tiers one name", "us-east-1", network.VpcProps{Cidr: "10.0.0.0/16",
			Tiers: []network.TierProps{{Name: "app"}, {Name: "app"}}},
			[]string{`PN-VPC-3 t/network: two tiers are named "app" (fix: give every tier its own name)`}},
		{"bad tier name", "us-east-1", network.VpcProps{Cidr: "10.0.0.0/16",
			Tiers: []network.TierProps{{Name: "App Tier"}}},
			[]string{`PN-VPC-3 t/network: tier name "App Tier" is not usable in resource names (fix: use 1 to 31 lower-case letters, digits and hyphens, starting with a letter)`}},
		{"unknown kind", "us-east-1", network.VpcProps{Cidr: "10.0.0.0/16",
			Tiers: []network.TierProps{{Name: "app", Kind: "private"}}},
			[]string{`PN-VPC-3 t/network: tier "app" has unknown kind "private" (fix: use "isolated", "private-with-nat" or "public")`}},
		{"nat without public tier", "us-east-1", network.VpcProps{Cidr: "10.0.0.0/16", Nat: network.NatSingle,
			Tiers: []network.TierProps{{Name: "app", Kind: network.PrivateWithNat}}},
			[]string{`PN-VPC-5 t/network: Nat is "single" but the VPC has no public tier for the NAT gateways to live in (fix: add a tier with Kind: network.Public, or drop Nat)`}},
		{"nat tier without nat", "us-east-1", network.VpcProps{Cidr: "10.0.0.0/16",
			Tiers: []network.TierProps{{Name: "web", Kind: network.Public}, {Name: "app", Kind: network.PrivateWithNat}}},
			[]string{`PN-VPC-5 t/network: a private-with-nat tier needs NAT gateways, and Nat is not set (fix: set Nat to "single" or "per-az" (with a public tier), or make the tier isolated)`}},
		{"reserve below azs", "us-east-1", network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 3, ReserveAzs: 2},
			[]string{`PN-VPC-4 t/network: ReserveAzs 2 is less than the 3 AZs in use (fix: set ReserveAzs to 3 or more, or leave it 0)`}},
		{"flow log accept only", "us-east-1", network.VpcProps{Cidr: "10.0.0.0/16", FlowLogs: network.FlowLogProps{TrafficType: "ACCEPT"}},
			[]string{`PN-VPC-6 t/network: flow log TrafficType "ACCEPT" records no rejected traffic (fix: use "ALL" (default) or "REJECT")`}},
		{"flow log traffic type unknown", "us-east-1", network.VpcProps{Cidr: "10.0.0.0/16", FlowLogs: network.FlowLogProps{TrafficType: "SOME"}},
			[]string{`PN-VPC-7 t/network: flow log TrafficType "SOME" is not ALL, REJECT or ACCEPT (fix: use "ALL" (default) or "REJECT")`}},
		{"flow log retention", "us-east-1", network.VpcProps{Cidr: "10.0.0.0/16", FlowLogs: network.FlowLogProps{RetentionDays: 42}},
			[]string{`PN-VPC-7 t/network: flow log RetentionDays 42 is not a CloudWatch Logs retention period (fix: use one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			wantIssues(t, vpcIssues(t, c.region, c.props), c.want...)
		})
	}
}

func TestStackRules(t *testing.T) {
	t.Run("unknown region", func(t *testing.T) {
		app := core.NewApp(&core.AppProps{Outdir: t.TempDir()})
		core.NewStack(app, "t", core.StackProps{Region: "mars-north-1"})
		wantIssues(t, app.Validate().(core.Issues).Messages(),
			`PN-APP-5 t: region "mars-north-1" is not in privnet's region table (fix: use one of `+strings.Join(core.RegionNames(), ", ")+`, or add a row to constructs/core/regions.go)`)
	})
	t.Run("bad stack name", func(t *testing.T) {
		app := core.NewApp(&core.AppProps{Outdir: t.TempDir()})
		core.NewStack(app, "my stack", core.StackProps{Region: "us-east-1"})
		wantIssues(t, app.Validate().(core.Issues).Messages(),
			`PN-APP-4 my stack: stack name "my stack" is not usable as a directory and Terraform workspace name (fix: start with a letter and use only letters, digits and hyphens)`)
	})
	t.Run("plain cdktf stack", func(t *testing.T) {
		app := core.NewApp(&core.AppProps{Outdir: t.TempDir()})
		plain := cdktf.NewTerraformStack(app, jsii.String("plain"))
		network.NewVpc(plain, "network", &network.VpcProps{Cidr: "10.0.0.0/16"})
		wantIssues(t, app.Validate().(core.Issues).Messages(),
			`PN-APP-3 plain: stack was made with cdktf.NewTerraformStack, so privnet does not know its AWS region (fix: make it with core.NewStack(app, name, core.StackProps{Region: ...}) on a core.App)`)
	})
}

// Errors are collected and reported together, not one per run.
func TestVpcIssuesAreReportedTogether(t *testing.T) {
	app := core.NewApp(&core.AppProps{Outdir: t.TempDir()})
	s := core.NewStack(app, "t", core.StackProps{Region: "us-east-1"})
	network.NewVpc(s, "a", &network.VpcProps{Cidr: "10.0.0.0/12"})
	network.NewVpc(s, "b", &network.VpcProps{Cidr: "10.0.0.0/16", Tiers: []network.TierProps{{Name: "x"}, {Name: "x"}}})
	err := app.Run()
	if err == nil {
		t.Fatal("Run succeeded with two bad VPCs")
	}
	want := "privnet: 2 errors:\n" +
		"  - PN-VPC-1 t/a: VPC prefix /12 is outside the /16–/28 AWS allows (fix: use a prefix from /16 to /28)\n" +
		`  - PN-VPC-3 t/b: two tiers are named "x" (fix: give every tier its own name)`
	if err.Error() != want {
		t.Fatalf("got:\n%s\nwant:\n%s", err, want)
	}
}

// The baseline snapshot pins the isolated defaults; this checks them by
// meaning, so a snapshot rewrite cannot silently drop one.
func TestBaselineDefaults(t *testing.T) {
	j := parse(t, shipped["baseline"])
	v := j.resource(t, "aws_vpc", "network")
	if v["enable_dns_support"] != true || v["enable_dns_hostnames"] != true || v["cidr_block"] != "10.0.0.0/16" {
		t.Errorf("aws_vpc.network = %v", v)
	}
	sg := j.resource(t, "aws_default_security_group", "network")
	if _, ok := sg["ingress"]; ok {
		t.Errorf("default SG has ingress: %v", sg)
	}
	if _, ok := sg["egress"]; ok {
		t.Errorf("default SG has egress: %v", sg)
	}
	subnets := j.resources("aws_subnet")
	if got := strings.Join(keys(subnets), " "); got != "network_isolated_us-east-1a network_isolated_us-east-1b" {
		t.Fatalf("subnets %s", got)
	}
	for name, s := range subnets {
		if s["map_public_ip_on_launch"] != false {
			t.Errorf("%s map_public_ip_on_launch = %v", name, s["map_public_ip_on_launch"])
		}
	}
	// Isolated: no gateway, no NAT, no route at all.
	for _, tp := range []string{"aws_internet_gateway", "aws_nat_gateway", "aws_route", "aws_eip"} {
		if len(j.resources(tp)) > 0 {
			t.Errorf("isolated baseline has %s", tp)
		}
	}
	// One route table per subnet, explicitly associated.
	for _, az := range []string{"us-east-1a", "us-east-1b"} {
		a := j.resource(t, "aws_route_table_association", "network_isolated_"+az)
		if a["route_table_id"] != "${aws_route_table.network_isolated_"+az+".id}" || a["subnet_id"] != "${aws_subnet.network_isolated_"+az+".id}" {
			t.Errorf("association %s = %v", az, a)
		}
	}
	fl := j.resource(t, "aws_flow_log", "network")
	if fl["traffic_type"] != "ALL" || fl["log_destination"] != "${aws_cloudwatch_log_group.network_flow-logs.arn}" ||
		fl["iam_role_arn"] != "${aws_iam_role.network_flow-logs.arn}" || fl["vpc_id"] != "${aws_vpc.network.id}" {
		t.Errorf("flow log = %v", fl)
	}
	lg := j.resource(t, "aws_cloudwatch_log_group", "network_flow-logs")
	if lg["kms_key_id"] != "${aws_kms_key.network_flow-logs.arn}" || lg["retention_in_days"] != float64(365) {
		t.Errorf("log group = %v", lg)
	}
	if j.resource(t, "aws_kms_key", "network_flow-logs")["enable_key_rotation"] != true {
		t.Error("flow log key rotation off")
	}
	pol := j.resource(t, "aws_iam_role_policy", "network_flow-logs")["policy"].(string)
	if !strings.Contains(pol, `"Resource":["${aws_cloudwatch_log_group.network_flow-logs.arn}","${aws_cloudwatch_log_group.network_flow-logs.arn}:log-stream:*"]`) {
		t.Errorf("flow log role is not limited to its log group: %s", pol)
	}
	if strings.Contains(string(shipped["baseline"]), "0.0.0.0/0") {
		t.Error("baseline mentions 0.0.0.0/0")
	}
	for _, o := range []string{"network_vpc_id", "network_isolated_subnet_ids"} {
		if _, ok := j.outputs()[o]; !ok {
			t.Errorf("no output %s", o)
		}
	}
	backend := j["terraform"].(map[string]any)["backend"].(map[string]any)["local"].(map[string]any)
	if backend["path"] != "../../../terraform.baseline.tfstate" { // the project root, outside cdktf.out
		t.Errorf("backend path %v", backend["path"])
	}
}

func TestVpcPublicNatPerAz(t *testing.T) {
	j := synthOne(t, "eu-west-1", func(s *core.Stack) {
		network.NewVpc(s, "net", &network.VpcProps{
			Cidr: "10.20.0.0/16", AzCount: 3, Nat: network.NatPerAz,
			Tiers: []network.TierProps{
				{Name: "public", Kind: network.Public, Prefix: 26},
				{Name: "app", Kind: network.PrivateWithNat, Prefix: 22},
				{Name: "data", Prefix: 24},
			},
		})
	})
	if got := strings.Join(keys(j.resources("aws_nat_gateway")), " "); got != "net_eu-west-1a net_eu-west-1b net_eu-west-1c" {
		t.Fatalf("NAT gateways %s", got)
	}
	nat := j.resource(t, "aws_nat_gateway", "net_eu-west-1b")
	if nat["subnet_id"] != "${aws_subnet.net_public_eu-west-1b.id}" || nat["allocation_id"] != "${aws_eip.net_nat_eu-west-1b.allocation_id}" {
		t.Errorf("NAT b = %v", nat)
	}
	r := j.resource(t, "aws_route", "net_app_eu-west-1c_default")
	if r["nat_gateway_id"] != "${aws_nat_gateway.net_eu-west-1c.id}" || r["route_table_id"] != "${aws_route_table.net_app_eu-west-1c.id}" {
		t.Errorf("app route c = %v", r)
	}
	if j.resource(t, "aws_route", "net_public_eu-west-1a_default")["gateway_id"] != "${aws_internet_gateway.net.id}" {
		t.Error("public route does not use the internet gateway")
	}
	if _, ok := j.resources("aws_route")["net_data_eu-west-1a_default"]; ok {
		t.Error("isolated tier got a default route")
	}
	// Carving: /26s first, then /22s aligned, then /24s.
	for name, cidr := range map[string]string{
		"net_public_eu-west-1a": "10.20.0.0/26", "net_public_eu-west-1c": "10.20.0.128/26",
		"net_app_eu-west-1a": "10.20.4.0/22", "net_app_eu-west-1c": "10.20.12.0/22",
		"net_data_eu-west-1a": "10.20.16.0/24",
	} {
		if got := j.resource(t, "aws_subnet", name)["cidr_block"]; got != cidr {
			t.Errorf("%s cidr %v, want %s", name, got, cidr)
		}
	}
	if j.resource(t, "aws_subnet", "net_public_eu-west-1a")["map_public_ip_on_launch"] != false {
		t.Error("public subnet maps public IPs on launch")
	}
}

func TestVpcSingleNatAndExplicitSubnets(t *testing.T) {
	j := synthOne(t, "us-west-2", func(s *core.Stack) {
		network.NewVpc(s, "net", &network.VpcProps{
			Cidr: "172.16.0.0/20", Azs: []string{"us-west-2b", "us-west-2d"}, Nat: network.NatSingle,
			Tiers: []network.TierProps{
				{Name: "public", Kind: network.Public, Cidrs: []string{"172.16.15.0/28", "172.16.15.16/28"}},
				{Name: "app", Kind: network.PrivateWithNat},
			},
			FlowLogs: network.FlowLogProps{TrafficType: "REJECT", RetentionDays: 30, KmsKeyArn: "arn:aws:kms:us-west-2:111122223333:key/abc"},
		})
	})
	if got := keys(j.resources("aws_nat_gateway")); len(got) != 1 {
		t.Fatalf("NAT gateways %v, want one", got)
	}
	for _, az := range []string{"us-west-2b", "us-west-2d"} {
		if j.resource(t, "aws_route", "net_app_"+az+"_default")["nat_gateway_id"] != "${aws_nat_gateway.net_us-west-2b.id}" {
			t.Errorf("%s does not route to the single NAT", az)
		}
	}
	if j.resource(t, "aws_subnet", "net_public_us-west-2d")["cidr_block"] != "172.16.15.16/28" {
		t.Error("explicit CIDR not used")
	}
	// /20 VPC: the default tier prefix is /24; carving starts at the VPC start.
	if j.resource(t, "aws_subnet", "net_app_us-west-2b")["cidr_block"] != "172.16.0.0/24" {
		t.Error("carved app subnet moved")
	}
	if len(j.resources("aws_kms_key")) != 0 {
		t.Error("a key was made although KmsKeyArn was given")
	}
	lg := j.resource(t, "aws_cloudwatch_log_group", "net_flow-logs")
	if lg["kms_key_id"] != "arn:aws:kms:us-west-2:111122223333:key/abc" || lg["retention_in_days"] != float64(30) {
		t.Errorf("log group = %v", lg)
	}
	if j.resource(t, "aws_flow_log", "net")["traffic_type"] != "REJECT" {
		t.Error("traffic type not REJECT")
	}
}

func TestVpcSmallCidrDefaultsAndNoFlowLogs(t *testing.T) {
	j := synthOne(t, "ap-northeast-1", func(s *core.Stack) {
		network.NewVpc(s, "tiny", &network.VpcProps{Cidr: "192.168.10.0/24", FlowLogs: network.FlowLogProps{Disabled: true}})
	})
	// Default tier in a /24 VPC: /26 subnets in ap-northeast-1a and 1c.
	if got := j.resource(t, "aws_subnet", "tiny_isolated_ap-northeast-1c")["cidr_block"]; got != "192.168.10.64/26" {
		t.Errorf("cidr %v", got)
	}
	if len(j.resources("aws_flow_log")) != 0 {
		t.Error("flow log made although disabled")
	}
}

// China uses its own partition and DNS suffix in ARNs and principals.
func TestVpcChinaPartition(t *testing.T) {
	j := synthOne(t, "cn-north-1", func(s *core.Stack) {
		network.NewVpc(s, "net", &network.VpcProps{Cidr: "10.0.0.0/16"})
	})
	pol := j.resource(t, "aws_kms_key", "net_flow-logs")["policy"].(string)
	if !strings.Contains(pol, "arn:aws-cn:iam::") || !strings.Contains(pol, "logs.cn-north-1.amazonaws.com.cn") {
		t.Errorf("key policy not in aws-cn: %s", pol)
	}
	// The flow logs service keeps its global principal in China
	// (docs.amazonaws.cn flow-logs-iam-role): .amazonaws.com.cn would leave
	// a role nobody can assume and flow logs that never arrive.
	trust := j.resource(t, "aws_iam_role", "net_flow-logs")["assume_role_policy"].(string)
	if !strings.Contains(trust, `"vpc-flow-logs.amazonaws.com"`) || !strings.Contains(trust, "arn:aws-cn:ec2:cn-north-1:") {
		t.Errorf("flow logs trust in China: %s", trust)
	}
}
