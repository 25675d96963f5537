package test

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/endpoints"
	"github.com/privnet/privnet/constructs/instanceconnect"
	"github.com/privnet/privnet/constructs/lattice"
	"github.com/privnet/privnet/constructs/network"
	"github.com/privnet/privnet/constructs/securitygroup"
)

// A dual-stack VPC: the Amazon-provided /56, each dual-stack subnet a
// /64 of it by a fixed netnum (tier index × AZ room + AZ index, so that an
// appended tier or a reserved AZ moves nothing), addresses on launch, an
// egress-only gateway for the private-with-nat tier, ::/0 to the internet
// gateway for the public one, and none for the isolated tier.
func TestDualStackVpc(t *testing.T) {
	j := synthOne(t, "us-east-1", func(s *core.Stack) {
		network.NewVpc(s, "net", &network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 2, ReserveAzs: 3, Ipv6: true, EgressOnlyIgw: true, Nat: network.NatSingle,
			Tiers: []network.TierProps{
				{Name: "public", Kind: network.Public, Ip: network.DualStack},
				{Name: "app", Kind: network.PrivateWithNat, Ip: network.DualStack},
				{Name: "data", Ip: network.DualStack},
				{Name: "legacy"},
			}})
	})
	if v := j.resource(t, "aws_vpc", "net"); v["assign_generated_ipv6_cidr_block"] != true {
		t.Errorf("vpc %v", v)
	}
	for name, want := range map[string]string{
		"net_public_us-east-1a": "${cidrsubnet(aws_vpc.net.ipv6_cidr_block, 8, 0)}",
		"net_public_us-east-1b": "${cidrsubnet(aws_vpc.net.ipv6_cidr_block, 8, 1)}",
		"net_app_us-east-1a":    "${cidrsubnet(aws_vpc.net.ipv6_cidr_block, 8, 3)}",
		"net_data_us-east-1b":   "${cidrsubnet(aws_vpc.net.ipv6_cidr_block, 8, 7)}",
	} {
		s := j.resource(t, "aws_subnet", name)
		// A public subnet gives no IPv6 address unasked: it would be
		// public, as a public IPv4 address is.
		if s["ipv6_cidr_block"] != want || s["assign_ipv6_address_on_creation"] != !strings.Contains(name, "public") {
			t.Errorf("%s: %v", name, s)
		}
	}
	if s := j.resource(t, "aws_subnet", "net_legacy_us-east-1a"); s["ipv6_cidr_block"] != nil {
		t.Errorf("an IPv4-only tier got IPv6: %v", s)
	}
	if len(j.resources("aws_egress_only_internet_gateway")) != 1 {
		t.Errorf("egress-only gateways %v", j.resources("aws_egress_only_internet_gateway"))
	}
	routes := j.resources("aws_route")
	if r := routes["net_app_us-east-1a_default6"]; r == nil || r["destination_ipv6_cidr_block"] != "::/0" || r["egress_only_gateway_id"] != "${aws_egress_only_internet_gateway.net.id}" {
		t.Errorf("app route %v", r)
	}
	if r := routes["net_public_us-east-1b_default6"]; r == nil || r["gateway_id"] != "${aws_internet_gateway.net.id}" {
		t.Errorf("public route %v", r)
	}
	for n := range routes {
		if reflect.DeepEqual(routes[n]["route_table_id"], "${aws_route_table.net_data_us-east-1a.id}") {
			t.Errorf("the isolated tier routes out: %s", n)
		}
	}
}

func TestDualStackRules(t *testing.T) {
	wantIssues(t, issues(t, "us-east-1", func(s *core.Stack) {
		network.NewVpc(s, "a", &network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 1, EgressOnlyIgw: true, Tiers: []network.TierProps{{Name: "app", Ip: network.DualStack}}})
		network.NewVpc(s, "b", &network.VpcProps{Cidr: "10.1.0.0/16", AzCount: 1, Ipv6: true, Tiers: []network.TierProps{{Name: "app", Ip: network.Ipv6Only}, {Name: "odd", Ip: "ipv7"}}})
		network.NewVpc(s, "c", &network.VpcProps{Cidr: "10.2.0.0/16", AzCount: 1, Ipv6: true, EgressOnlyIgw: true, Tiers: []network.TierProps{{Name: "app", Ip: network.DualStack}}})
	}),
		`PN-VPC-3 t/a: tier "app" is dualstack, and the VPC has no IPv6 block (fix: set Ipv6 on the VPC, or drop the tier's Ip)`,
		`PN-VPC-5 t/a: EgressOnlyIgw is set, and the VPC has no IPv6 block (fix: set Ipv6 (and dualstack tiers), or drop EgressOnlyIgw)`,
		`PN-VPC-3 t/b: tier "odd" has unknown Ip "ipv7" (fix: use "" (IPv4 only), "dualstack" or "ipv6")`,
		`PN-VPC-5 t/c: EgressOnlyIgw is set, and no tier is private-with-nat with IPv6: nothing would use it (fix: make a private-with-nat tier dualstack or IPv6-only, or drop EgressOnlyIgw)`)
	// Security group rules: IPv6 CIDRs become cidr_ipv6; ::/0 is refused
	// as 0.0.0.0/0 is.
	wantIssues(t, issues(t, "us-east-1", func(s *core.Stack) {
		v := testVpc(s, nil)
		g := securitygroup.New(s, "sg", &securitygroup.Props{Vpc: v, Description: "d"})
		g.AllowIngressFromCidr(securitygroup.TCP(443), "::/0", "x")
		g.AllowEgressToCidr(securitygroup.TCP(443), "2001:db8::1/64", "x")
		g.AllowEgressToCidr(securitygroup.TCP(443), "fe80::1%eth0/64", "x")
	}),
		`PN-SG-5 t/sg: rule ingress 443/tcp from ::/0 opens the group to the whole internet (fix: name the VPC CIDR, an on-premises CIDR or a security group instead)`,
		`PN-SG-3 t/sg: CIDR 2001:db8::1/64 has host bits set (fix: write 2001:db8::/64)`,
		`PN-SG-3 t/sg: "fe80::1%eth0/64" is not an IPv4 or IPv6 CIDR (fix: write it like "192.168.0.0/16" or "2001:db8::/56")`)
	j := synthOne(t, "us-east-1", func(s *core.Stack) {
		v := testVpc(s, nil)
		g := securitygroup.New(s, "sg", &securitygroup.Props{Vpc: v, Description: "d"})
		g.AllowIngressFromCidr(securitygroup.TCP(443), "2001:db8::/56", "from the office's IPv6 block")
	})
	rules := j.resources("aws_vpc_security_group_ingress_rule")
	if len(rules) != 1 {
		t.Fatalf("%d rules, want 1", len(rules))
	}
	for _, r := range rules {
		if r["cidr_ipv6"] != "2001:db8::/56" || r["cidr_ipv4"] != nil {
			t.Errorf("rule %v", r)
		}
	}
	// One network, one rule, whatever its spelling; two networks whose
	// digits read alike, two rules.
	j = synthOne(t, "us-east-1", func(s *core.Stack) {
		v := testVpc(s, nil)
		g := securitygroup.New(s, "sg", &securitygroup.Props{Vpc: v, Description: "d"})
		for _, c := range []string{"2001:db8::/56", "2001:DB8::/56", "2001:db8:0::/56", "2001:db8::1/128", "2001:db8:1::/128"} {
			g.AllowIngressFromCidr(securitygroup.TCP(443), c, "from "+c)
		}
	})
	var got []string
	for _, r := range j.resources("aws_vpc_security_group_ingress_rule") {
		got = append(got, r["cidr_ipv6"].(string))
	}
	if strings.Join(sortedCopy(got), " ") != "2001:db8:1::/128 2001:db8::/56 2001:db8::1/128" {
		t.Errorf("rules for %v", got)
	}
}

// A dual-stack VPC's firewall must not be bypassed over IPv6, by a public
// dual-stack tier or an egress-only gateway; the /56 holds 256 /64s.
func TestDualStackFirewallAndRoom(t *testing.T) {
	fw := &network.FirewallProps{AllowedDomains: []string{"pypi.org"}}
	wantIssues(t, issues(t, "us-east-1", func(s *core.Stack) {
		network.NewVpc(s, "a", &network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 1, Ipv6: true, Nat: network.NatSingle, Firewall: fw,
			Tiers: []network.TierProps{{Name: "public", Kind: network.Public, Ip: network.DualStack}, {Name: "app", Kind: network.PrivateWithNat}}})
		network.NewVpc(s, "b", &network.VpcProps{Cidr: "10.1.0.0/16", AzCount: 1, Ipv6: true, EgressOnlyIgw: true, Nat: network.NatSingle, Firewall: fw,
			Tiers: []network.TierProps{{Name: "public", Kind: network.Public}, {Name: "app", Kind: network.PrivateWithNat, Ip: network.DualStack}}})
	}),
		`PN-VPC-3 t/a: tier "public" is public and dualstack, and the VPC's Network Firewall filters IPv4 only here: IPv6 would go round it (fix: keep the public tier IPv4 only, or drop the Firewall)`,
		`PN-VPC-5 t/b: EgressOnlyIgw is set beside the Network Firewall: IPv6 would leave through the egress-only gateway around it, to any domain (fix: drop EgressOnlyIgw (the private tiers then reach the internet over IPv4, through the firewall), or drop the Firewall)`)
	var tiers []network.TierProps
	for i := range 90 {
		tiers = append(tiers, network.TierProps{Name: fmt.Sprintf("t%d", i), Prefix: 28, Ip: network.DualStack})
	}
	got := issues(t, "us-east-1", func(s *core.Stack) {
		network.NewVpc(s, "c", &network.VpcProps{Cidr: "10.2.0.0/16", AzCount: 3, Ipv6: true, Tiers: tiers})
	})
	want := `PN-VPC-4 t/c: tier "t85": 86 tiers × 3 AZs of room need more than the 256 IPv6 /64s of the VPC's /56 (fix: use fewer tiers, or a smaller ReserveAzs)`
	if len(got) == 0 || !slices.Contains(got, want) {
		t.Errorf("issues %v", got)
	}
}

// IPv6 client networks where they can never match: an IPv4 endpoint's
// AllowFromCidr, and Instance Connect's preserved client addresses.
func TestDualStackClientsThatCannotMatch(t *testing.T) {
	wantIssues(t, issues(t, "us-east-1", func(s *core.Stack) {
		v := network.NewVpc(s, "net", &network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 1, Ipv6: true, Tiers: []network.TierProps{{Name: "app", Ip: network.DualStack}}})
		endpoints.NewInterfaceEndpoint(s, "sts", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.STS}).AllowFromCidr("2001:db8::/56")
		instanceconnect.New(s, "eic", &instanceconnect.Props{Vpc: v, PreserveClientIp: true, ClientCidrs: []string{"192.168.0.0/16", "2001:db8::/56"}})
	}),
		`PN-EP-9 t/sts: AllowFromCidr("2001:db8::/56") is IPv6, and the endpoint has IPv4 addresses only: no IPv6 client reaches it (fix: give the endpoint IpAddressType "dualstack", or admit the clients' IPv4 network)`,
		`PN-EIC-4 t/eic: ClientCidrs[1] 2001:db8::/56 is IPv6, and the endpoint preserves IPv4 clients' addresses only (fix: list the clients' IPv4 networks)`)
}

// Interface endpoints in a dual-stack VPC: dualstack where the subnets
// have IPv6 and the catalog says the service offers it; refused where a
// subnet has none, where the catalog says IPv4 only, and ipv6 (IPv6-only
// subnets) for now.
func TestDualStackEndpoints(t *testing.T) {
	dual := func(s *core.Stack) *network.Vpc {
		return network.NewVpc(s, "net", &network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 2, Ipv6: true,
			Tiers: []network.TierProps{{Name: "app", Ip: network.DualStack}, {Name: "old"}}})
	}
	j := synthOne(t, "us-east-1", func(s *core.Stack) {
		endpoints.NewInterfaceEndpoint(s, "kms", &endpoints.InterfaceEndpointProps{Vpc: dual(s), Service: endpoints.KMS, IpAddressType: "dualstack", DnsRecordIpType: "dualstack"})
	})
	ep := j.resource(t, "aws_vpc_endpoint", "kms")
	if ep["ip_address_type"] != "dualstack" || !reflect.DeepEqual(ep["dns_options"], map[string]any{"dns_record_ip_type": "dualstack"}) {
		t.Errorf("endpoint %v", ep)
	}
	wantIssues(t, issues(t, "us-east-1", func(s *core.Stack) {
		v := dual(s)
		endpoints.NewInterfaceEndpoint(s, "old", &endpoints.InterfaceEndpointProps{Vpc: v, Tier: "old", Service: endpoints.KMS, IpAddressType: "dualstack"})
		endpoints.NewInterfaceEndpoint(s, "pca", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.ACMPCA, IpAddressType: "ipv6"})
		// The catalog's IP address types refuse what the service does not
		// offer: a copy of KMS said to offer IPv4 only.
		four := *endpoints.KMS
		four.IpTypes = []string{"ipv4"}
		endpoints.NewInterfaceEndpoint(s, "four", &endpoints.InterfaceEndpointProps{Vpc: v, Service: &four, IpAddressType: "dualstack", DisablePrivateDns: true})
	}),
		`PN-EP-9 t/old: IpAddressType dualstack needs an IPv4 and an IPv6 block in each subnet, and subnet us-east-1a (10.0.2.0/24) has no IPv6 block (fix: put the endpoint in a dualstack tier (network.TierProps.Ip), or use "ipv6" in IPv6-only subnets)`,
		`PN-EP-9 t/pca: IpAddressType ipv6 needs IPv6-only subnets, and subnet us-east-1a (10.0.0.0/24) has an IPv4 block (fix: put the endpoint in an IPv6-only tier (network.TierProps.Ip "ipv6"), or use "dualstack" in dual-stack subnets)`,
		`PN-EP-9 t/four: kms's endpoints offer IP address types ipv4, not dualstack (the catalog's record of AWS's documentation) (fix: use ipv4)`)
}

// The pinned provider cannot make a dual-stack Instance Connect endpoint:
// asking for one in a dual-stack VPC is a clear error, not an IPv4
// endpoint built in silence.
func TestDualStackInstanceConnect(t *testing.T) {
	wantIssues(t, issues(t, "us-east-1", func(s *core.Stack) {
		v := network.NewVpc(s, "net", &network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 1, Ipv6: true, Tiers: []network.TierProps{{Name: "app", Ip: network.DualStack}}})
		instanceconnect.New(s, "eic", &instanceconnect.Props{Vpc: v, IpAddressType: "dualstack"})
	}),
		`PN-EIC-3 t/eic: IpAddressType dualstack cannot be set: the pinned AWS provider 5.88 has no ip_address_type on aws_ec2_instance_connect_endpoint, so the endpoint would be IPv4 whatever was asked (fix: use "ipv4": the endpoint reaches the instances of dual-stack subnets over IPv4)`)
}

// A resource gateway is IPV4 unless DUALSTACK is asked for: making a tier
// dual-stack must not replace it (its type cannot change in place).
// DUALSTACK asked for in an IPv4 tier of a dual-stack VPC is refused.
func TestDualStackResourceGateway(t *testing.T) {
	j := synthOne(t, "us-east-1", func(s *core.Stack) {
		v := network.NewVpc(s, "net", &network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 2, Ipv6: true,
			Tiers: []network.TierProps{{Name: "app", Ip: network.DualStack}, {Name: "old"}}})
		lattice.NewResourceGateway(s, "dual", &lattice.ResourceGatewayProps{Vpc: v, Tier: "app"})
		lattice.NewResourceGateway(s, "asked", &lattice.ResourceGatewayProps{Vpc: v, Tier: "app", IpAddressType: "DUALSTACK"})
		lattice.NewResourceGateway(s, "four", &lattice.ResourceGatewayProps{Vpc: v, Tier: "old"})
	})
	if g := j.resource(t, "aws_vpclattice_resource_gateway", "dual"); g["ip_address_type"] != "IPV4" {
		t.Errorf("dual %v", g)
	}
	if g := j.resource(t, "aws_vpclattice_resource_gateway", "asked"); g["ip_address_type"] != "DUALSTACK" {
		t.Errorf("asked %v", g)
	}
	if g := j.resource(t, "aws_vpclattice_resource_gateway", "four"); g["ip_address_type"] != "IPV4" {
		t.Errorf("four %v", g)
	}
	wantIssues(t, issues(t, "us-east-1", func(s *core.Stack) {
		v := network.NewVpc(s, "net", &network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 1, Ipv6: true,
			Tiers: []network.TierProps{{Name: "app", Ip: network.DualStack}, {Name: "old"}}})
		lattice.NewResourceGateway(s, "gw", &lattice.ResourceGatewayProps{Vpc: v, Tier: "old", IpAddressType: "DUALSTACK"})
	}),
		`PN-LAT-5 t/gw: IpAddressType DUALSTACK needs an IPv4 and an IPv6 block in each of the gateway's subnets, and its tier is not dualstack (fix: put the gateway in a dualstack tier (network.TierProps.Ip), or use "IPV4")`)
}

// The recorded lookups, where they hold the service, say which address
// types its endpoints take, before the catalog: this record's KMS offers
// IPv4 only.
func TestDualStackRecordedTypes(t *testing.T) {
	withRecord(t, "testdata/record.context.json")
	wantIssues(t, issues(t, "us-east-1", func(s *core.Stack) {
		v := network.NewVpc(s, "net", &network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 2, Ipv6: true, Tiers: []network.TierProps{{Name: "app", Ip: network.DualStack}}})
		endpoints.NewInterfaceEndpoint(s, "kms", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.KMS, IpAddressType: "dualstack"})
	}),
		`PN-EP-9 t/kms: kms's endpoints offer IP address types ipv4, not dualstack (the recorded lookups, testdata/record.context.json) (fix: use ipv4)`)
}
