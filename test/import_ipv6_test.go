package test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/endpoints"
	pninstance "github.com/privnet/privnet/constructs/instance"
	"github.com/privnet/privnet/constructs/network"
)

const dualVpc = "vpc-0d0d0d0d0d0d0d0d0"

// withDualRecord is the test record with a dual-stack VPC added: two
// dual-stack subnets and two IPv6-only ones, a main table with the local
// routes of both families, and the default ACL allowing both (as AWS
// makes it for a VPC with IPv6). acl6 replaces its IPv6 entries.
func withDualRecord(t *testing.T, acl6 []any) {
	t.Helper()
	b, err := os.ReadFile("testdata/record.context.json")
	if err != nil {
		t.Fatal(err)
	}
	var d map[string]any
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	sub := func(id, az, azID, cidr, v6 string) map[string]any {
		return map[string]any{"id": id, "az": az, "azId": azID, "cidr": cidr, "ipv6Cidrs": []any{v6}, "routeTable": "rtb-0d0d0d0d0d0d0d0d0", "implicit": true, "networkAcl": "acl-0d0d0d0d0d0d0d0d0"}
	}
	if acl6 == nil {
		acl6 = []any{
			map[string]any{"number": 101, "allow": true, "protocol": "-1", "cidr": "::/0"},
			map[string]any{"number": 101, "egress": true, "allow": true, "protocol": "-1", "cidr": "::/0"},
		}
	}
	entries := append([]any{
		map[string]any{"number": 100, "allow": true, "protocol": "-1", "cidr": "0.0.0.0/0"},
		map[string]any{"number": 100, "egress": true, "allow": true, "protocol": "-1", "cidr": "0.0.0.0/0"},
	}, acl6...)
	region := d["regions"].(map[string]any)["us-east-1"].(map[string]any)
	region["services"].(map[string]any)["com.amazonaws.us-east-1.monitoring"] = map[string]any{"name": "com.amazonaws.us-east-1.monitoring", "type": []any{"Interface"},
		"azs": []any{"us-east-1a", "us-east-1b"}, "privateDnsNames": []any{"monitoring.us-east-1.amazonaws.com"}, "ipAddressTypes": []any{"ipv4", "ipv6"}, "owner": "amazon"}
	vpcs := region["vpcs"].(map[string]any)
	vpcs[dualVpc] = map[string]any{
		"id": dualVpc, "ownerId": "111122223333", "cidrs": []any{"10.30.0.0/16"}, "ipv6Cidrs": []any{"2600:1f18:1234:5600::/56"},
		"dnsSupport": true, "dnsHostnames": true, "mainRouteTable": "rtb-0d0d0d0d0d0d0d0d0",
		"subnets": []any{
			sub("subnet-0d0d0d0d0d0d0d0d1", "us-east-1a", "use1-az6", "10.30.0.0/24", "2600:1f18:1234:5600::/64"),
			sub("subnet-0d0d0d0d0d0d0d0d2", "us-east-1b", "use1-az1", "10.30.1.0/24", "2600:1f18:1234:5601::/64"),
			sub("subnet-0d0d0d0d0d0d0d0d3", "us-east-1a", "use1-az6", "", "2600:1f18:1234:5602::/64"),
			sub("subnet-0d0d0d0d0d0d0d0d4", "us-east-1b", "use1-az1", "", "2600:1f18:1234:5603::/64"),
		},
		"routeTables": []any{map[string]any{"id": "rtb-0d0d0d0d0d0d0d0d0", "main": true, "routes": []any{
			map[string]any{"destination": "10.30.0.0/16", "target": "local"}, map[string]any{"destination": "2600:1f18:1234:5600::/56", "target": "local"}}}},
		"networkAcls": []any{map[string]any{"id": "acl-0d0d0d0d0d0d0d0d0", "default": true, "entries": append(entries,
			map[string]any{"number": 32767, "allow": false, "protocol": "-1", "cidr": "0.0.0.0/0"},
			map[string]any{"number": 32767, "egress": true, "allow": false, "protocol": "-1", "cidr": "0.0.0.0/0"},
			map[string]any{"number": 32768, "allow": false, "protocol": "-1", "cidr": "::/0"},
			map[string]any{"number": 32768, "egress": true, "allow": false, "protocol": "-1", "cidr": "::/0"})}},
	}
	out, _ := json.MarshalIndent(d, "", "  ")
	p := filepath.Join(t.TempDir(), "dual.context.json")
	if err := os.WriteFile(p, out, 0o600); err != nil {
		t.Fatal(err)
	}
	withRecord(t, p)
}

func importDual(s *core.Stack) *network.Vpc {
	return network.ImportVpc(s, "dual", &network.ImportVpcProps{VpcId: dualVpc, FromRecord: true, Tiers: []network.ImportedTier{
		{Name: "dual", SubnetIds: []string{"subnet-0d0d0d0d0d0d0d0d1", "subnet-0d0d0d0d0d0d0d0d2"}},
		{Name: "six", SubnetIds: []string{"subnet-0d0d0d0d0d0d0d0d3", "subnet-0d0d0d0d0d0d0d0d4"}},
	}})
}

// An imported dual-stack VPC, from the record: its tiers are dual-stack
// and IPv6-only as recorded, a dualstack endpoint goes in the dual-stack
// tier and admits the VPC's recorded IPv6 block, and an instance in the
// IPv6-only tier reaches it over IPv6, through the recorded routes and
// ACLs. An ACL without IPv6 rules breaks that path.
func TestImportedDualStack(t *testing.T) {
	build := func(s *core.Stack) {
		v := importDual(s)
		if v.Tier("dual").Ip != network.DualStack || v.Tier("six").Ip != network.Ipv6Only || !v.Ipv6 || *v.Ipv6Cidr != "2600:1f18:1234:5600::/56" {
			t.Errorf("tiers %q %q, IPv6 %v", v.Tier("dual").Ip, v.Tier("six").Ip, v.Ipv6)
		}
		// CloudWatch, recorded with IPv4 and IPv6: dualstack.
		endpoints.NewInterfaceEndpoint(s, "monitoring", &endpoints.InterfaceEndpointProps{Vpc: v, Tier: "dual", Service: endpoints.Monitoring, IpAddressType: "dualstack"})
		pninstance.New(s, "app", &pninstance.Props{Vpc: v, Tier: "six", DisableSsm: true, Reaches: []endpoints.Need{endpoints.Monitoring}})
	}
	withDualRecord(t, nil)
	got, warn := runNeeds(t, "us-east-1", build)
	if len(got)+len(warn) != 0 {
		t.Errorf("issues %v, warnings %v", got, warn)
	}
	j := synthOne(t, "us-east-1", build)
	found := false
	for _, r := range j.resources("aws_vpc_security_group_ingress_rule") {
		found = found || r["cidr_ipv6"] == "2600:1f18:1234:5600::/56"
	}
	if !found {
		t.Errorf("the endpoint does not admit the VPC's IPv6 block: %v", j.resources("aws_vpc_security_group_ingress_rule"))
	}
	withDualRecord(t, []any{})
	got, _ = runNeeds(t, "us-east-1", build)
	wantIssues(t, got,
		`PN-REACH-1 t/app: aws_instance.app cannot reach monitoring (need "monitoring"): over IPv6: network ACL acl-0d0d0d0d0d0d0d0d0 of subnet-0d0d0d0d0d0d0d0d3 blocks TCP 443 out: rule 32768 denies it [link: network-acl] (fix: allow TCP 443 out in acl-0d0d0d0d0d0d0d0d0 (network ACLs are stateless: the reply needs its own rule))`)
	// A tier mixing IPv6-only subnets with others is refused.
	withDualRecord(t, nil)
	wantIssues(t, issues(t, "us-east-1", func(s *core.Stack) {
		network.ImportVpc(s, "dual", &network.ImportVpcProps{VpcId: dualVpc, FromRecord: true, Tiers: []network.ImportedTier{
			{Name: "mixed", SubnetIds: []string{"subnet-0d0d0d0d0d0d0d0d1", "subnet-0d0d0d0d0d0d0d0d4"}},
		}})
	}),
		`PN-VPC-11 t/dual: tier mixed mixes IPv6-only subnets (subnet-0d0d0d0d0d0d0d0d4) with subnets that have IPv4 (subnet-0d0d0d0d0d0d0d0d1) (fix: put the IPv6-only subnets in a tier of their own)`)
	// Placement reads the recorded families too.
	withDualRecord(t, nil)
	wantIssues(t, issues(t, "us-east-1", func(s *core.Stack) {
		v := importDual(s)
		endpoints.NewInterfaceEndpoint(s, "sts", &endpoints.InterfaceEndpointProps{Vpc: v, Tier: "six", Service: endpoints.STS})
	}),
		`PN-VPC-14 t/sts: an interface endpoint of IpAddressType ipv4 needs an IPv4 address, and subnet 2600:1f18:1234:5602::/64 (us-east-1a) is IPv6-only (fix: set IpAddressType "ipv6" (when the service accepts IPv6), or put the endpoint in a tier with IPv4 (Tier or Subnets))`)
}
