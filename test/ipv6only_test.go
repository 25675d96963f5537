package test

import (
	"reflect"
	"testing"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/endpoints"
	"github.com/privnet/privnet/constructs/endpointservice"
	pninstance "github.com/privnet/privnet/constructs/instance"
	"github.com/privnet/privnet/constructs/instanceconnect"
	"github.com/privnet/privnet/constructs/lattice"
	"github.com/privnet/privnet/constructs/network"
	"github.com/privnet/privnet/constructs/resolver"
	"github.com/privnet/privnet/constructs/transit"
)

// sixVpc has a public dual-stack tier (for the NAT gateway), an IPv6-only
// private-with-nat tier, an IPv6-only isolated tier and an IPv4 tier.
func sixVpc(s *core.Stack, name string) *network.Vpc {
	return network.NewVpc(s, name, &network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 2, ReserveAzs: 3, Ipv6: true, EgressOnlyIgw: true, Nat: network.NatSingle,
		Tiers: []network.TierProps{
			{Name: "public", Kind: network.Public, Ip: network.DualStack},
			{Name: "app", Kind: network.PrivateWithNat, Ip: network.Ipv6Only},
			{Name: "data", Ip: network.Ipv6Only},
			{Name: "legacy"},
		}})
}

// IPv6-only tiers: ipv6_native subnets with no IPv4 block, carved by the
// same netnums as dual-stack ones; they take no IPv4 room, so the IPv4
// tier after them starts right after the public tier's room. The
// private-with-nat one gets DNS64, NAT64 and the egress-only gateway; the
// isolated one no route at all, and no DNS64 (nothing would carry what it
// synthesizes).
func TestIpv6OnlyVpc(t *testing.T) {
	j := synthOne(t, "us-east-1", func(s *core.Stack) { sixVpc(s, "net") })
	for name, want := range map[string]map[string]any{
		"net_app_us-east-1a":  {"ipv6_cidr_block": "${cidrsubnet(aws_vpc.net.ipv6_cidr_block, 8, 3)}", "enable_dns64": true},
		"net_data_us-east-1b": {"ipv6_cidr_block": "${cidrsubnet(aws_vpc.net.ipv6_cidr_block, 8, 7)}", "enable_dns64": false},
	} {
		s := j.resource(t, "aws_subnet", name)
		for k, v := range map[string]any{"ipv6_native": true, "assign_ipv6_address_on_creation": true, "private_dns_hostname_type_on_launch": "resource-name",
			"enable_resource_name_dns_aaaa_record_on_launch": true, "enable_resource_name_dns_a_record_on_launch": false} {
			want[k] = v
		}
		for k, v := range want {
			if s[k] != v {
				t.Errorf("%s: %s = %v, want %v", name, k, s[k], v)
			}
		}
		if s["cidr_block"] != nil || s["map_public_ip_on_launch"] != nil {
			t.Errorf("%s has IPv4 settings: %v", name, s)
		}
	}
	if c := j.resource(t, "aws_subnet", "net_legacy_us-east-1a")["cidr_block"]; c != "10.0.3.0/24" {
		t.Errorf("legacy tier at %v, want 10.0.3.0/24 (right after the public tier's three /24s)", c)
	}
	routes := j.resources("aws_route")
	if r := routes["net_app_us-east-1b_nat64"]; r == nil || r["destination_ipv6_cidr_block"] != "64:ff9b::/96" || r["nat_gateway_id"] != "${aws_nat_gateway.net_us-east-1a.id}" {
		t.Errorf("NAT64 route %v", r)
	}
	if r := routes["net_app_us-east-1a_default6"]; r == nil || r["egress_only_gateway_id"] != "${aws_egress_only_internet_gateway.net.id}" {
		t.Errorf("egress-only route %v", r)
	}
	if routes["net_app_us-east-1a_default"] != nil {
		t.Errorf("an IPv6-only tier got an IPv4 default route: %v", routes["net_app_us-east-1a_default"])
	}
	for n, r := range routes {
		if reflect.DeepEqual(r["route_table_id"], "${aws_route_table.net_data_us-east-1a.id}") {
			t.Errorf("the isolated IPv6-only tier routes out: %s", n)
		}
	}
}

func TestIpv6OnlyTierRules(t *testing.T) {
	wantIssues(t, issues(t, "us-east-1", func(s *core.Stack) {
		network.NewVpc(s, "a", &network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 1, Tiers: []network.TierProps{{Name: "app", Ip: network.Ipv6Only}}})
		network.NewVpc(s, "b", &network.VpcProps{Cidr: "10.1.0.0/16", AzCount: 1, Ipv6: true, Tiers: []network.TierProps{
			{Name: "public", Kind: network.Public, Ip: network.Ipv6Only}, {Name: "fixed", Ip: network.Ipv6Only, Cidrs: []string{"10.1.9.0/24"}}}})
	}),
		`PN-VPC-3 t/a: tier "app" is IPv6-only, and the VPC has no IPv6 block (fix: set Ipv6 on the VPC, or drop the tier's Ip)`,
		`PN-VPC-3 t/b: tier "public" is public and IPv6-only, and a public tier holds the NAT gateways and the Network Firewall, which need IPv4 addresses (fix: make the public tier "dualstack", and put IPv6-only workloads in an isolated or private-with-nat tier)`,
		`PN-VPC-3 t/b: tier "fixed" is IPv6-only and gives Cidrs, which are IPv4 blocks (fix: drop Cidrs (its IPv6 /64s are carved), or make the tier "dualstack")`)
}

// What places an IPv4 interface refuses an IPv6-only subnet (PN-VPC-14),
// each naming what needs the address; endpoints and resource gateways
// refuse address types their subnets do not fit.
func TestIpv6OnlyPlacement(t *testing.T) {
	wantIssues(t, issues(t, "us-east-1", func(s *core.Stack) {
		v := sixVpc(s, "net")
		endpoints.NewInterfaceEndpoint(s, "sts", &endpoints.InterfaceEndpointProps{Vpc: v, Tier: "app", Service: endpoints.STS})
		endpoints.NewInterfaceEndpoint(s, "kms", &endpoints.InterfaceEndpointProps{Vpc: v, Tier: "app", Service: endpoints.KMS, IpAddressType: "dualstack"})
		instanceconnect.New(s, "eic", &instanceconnect.Props{Vpc: v, Tier: "app"})
		resolver.NewOutbound(s, "out", &resolver.EndpointProps{Vpc: v, Tier: "data"})
		g := transit.NewGateway(s, "tgw", nil)
		att := transit.Attach(s, "att", &transit.AttachmentProps{Gateway: g, Vpc: v, Tier: "app"})
		transit.NewRouteTable(s, "rt", &transit.RouteTableProps{Gateway: g, Associate: []*transit.Attachment{att}})
		endpointservice.New(s, "svc", &endpointservice.Props{Vpc: v, Tier: "app", Port: 443, Targets: []endpointservice.Target{{Ip: "10.0.3.10"}}})
		lattice.NewServiceNetworkEndpoint(s, "sne", &lattice.ServiceNetworkEndpointProps{Vpc: v, Tier: "data", Network: lattice.NewServiceNetwork(s, "sn", nil)})
		lattice.NewResourceGateway(s, "gw4", &lattice.ResourceGatewayProps{Vpc: v, Tier: "app"})
		lattice.NewResourceGateway(s, "gw6", &lattice.ResourceGatewayProps{Vpc: v, Tier: "legacy", IpAddressType: "IPV6"})
		six := lattice.NewResourceGateway(s, "six", &lattice.ResourceGatewayProps{Vpc: v, Tier: "data", IpAddressType: "IPV6"})
		lattice.NewResourceConfiguration(s, "db", &lattice.ResourceConfigurationProps{Gateway: six, IpAddress: "10.0.3.50", Ports: "5432"})
		pninstance.New(s, "vm", &pninstance.Props{Vpc: v, Tier: "app", DisableSsm: true, PrivateIp: "10.0.3.10"})
		pninstance.New(s, "old", &pninstance.Props{Vpc: v, Tier: "data", DisableSsm: true, InstanceType: "t2.micro"})
		pninstance.New(s, "metal", &pninstance.Props{Vpc: v, Tier: "data", DisableSsm: true, InstanceType: "i3.metal"})
		pninstance.New(s, "dn", &pninstance.Props{Vpc: v, Tier: "data", DisableSsm: true, InstanceType: "p3dn.24xlarge"})
		lattice.NewResourceEndpoint(s, "re", &lattice.ResourceEndpointProps{Vpc: v, Tier: "data", ConfigurationArn: "arn:aws:vpc-lattice:us-east-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0", Ports: "5432"})
	}),
		`PN-VPC-14 t/sts: an interface endpoint of IpAddressType ipv4 needs an IPv4 address, and subnet IPv6 /64 number 3 (us-east-1a) is IPv6-only (fix: set IpAddressType "ipv6" (when the service accepts IPv6), or put the endpoint in a tier with IPv4 (Tier or Subnets))`,
		`PN-EP-9 t/kms: IpAddressType dualstack needs an IPv4 and an IPv6 block in each subnet, and subnet us-east-1a (IPv6 /64 number 3) is IPv6-only (fix: put the endpoint in a dualstack tier (network.TierProps.Ip), or use "ipv6" in IPv6-only subnets)`,
		`PN-VPC-14 t/eic: an EC2 Instance Connect endpoint (AWS provider 5.88 cannot set its ip_address_type) needs an IPv4 address, and subnet IPv6 /64 number 3 (us-east-1a) is IPv6-only (fix: place it in a tier with IPv4 (Tier or Subnet): it reaches the instances of IPv6-only subnets only if they also have IPv4, which they do not)`,
		`PN-VPC-14 t/out: a Route 53 Resolver endpoint (privnet gives it IPv4 addresses) needs an IPv4 address, and subnet IPv6 /64 number 6 (us-east-1a) is IPv6-only (fix: place it in a tier with IPv4 (Tier or Subnets))`,
		`PN-VPC-14 t/att: a Transit Gateway attachment (privnet routes IPv4 over it) needs an IPv4 address, and subnet IPv6 /64 number 3 (us-east-1a) is IPv6-only (fix: attach the VPC through a tier with IPv4 (Tier or Subnets))`,
		`PN-VPC-14 t/svc: the endpoint service's Network Load Balancer (privnet makes it ipv4) needs an IPv4 address, and subnet IPv6 /64 number 3 (us-east-1a) is IPv6-only (fix: put the NLB in a tier with IPv4 (Tier))`,
		`PN-VPC-14 t/sne: a ServiceNetwork endpoint (privnet makes it ipv4) needs an IPv4 address, and subnet IPv6 /64 number 6 (us-east-1a) is IPv6-only (fix: place it in a tier with IPv4 (Tier))`,
		`PN-LAT-5 t/gw4: IpAddressType IPV4 needs an IPv4 block in each of the gateway's subnets, and its tier is IPv6-only (fix: use "IPV6" in IPv6-only subnets, or put the gateway in a tier with IPv4)`,
		`PN-LAT-5 t/gw6: IpAddressType IPV6 needs IPv6-only subnets, and the gateway's tier has IPv4 (fix: put the gateway in an IPv6-only tier (network.TierProps.Ip "ipv6"), or use "DUALSTACK" in dual-stack subnets)`,
		`PN-LAT-5 t/db: resource gateway t/six is IPV6, and 10.0.3.50 is reached over IPv4 (fix: use a DUALSTACK or IPV4 gateway in subnets with IPv4 for IPv4 resources)`,
		`PN-EC2-5 t/vm: PrivateIp 10.0.3.10 is an IPv4 address, and subnet IPv6 /64 number 3 (us-east-1a) is IPv6-only (fix: drop PrivateIp (the instance takes an IPv6 address of the subnet), or put the instance in a tier with IPv4)`,
		`PN-EC2-6 t/old: InstanceType t2.micro is Xen-based, and subnet IPv6 /64 number 6 (us-east-1a) is IPv6-only, where only Nitro-based instances launch (fix: use a Nitro type (the default "t3.micro", or any current generation), or put the instance in a tier with IPv4)`,
		`PN-VPC-14 t/re: a Resource endpoint (privnet makes it ipv4) needs an IPv4 address, and subnet IPv6 /64 number 6 (us-east-1a) is IPv6-only (fix: place it in a tier with IPv4 (Tier))`)
}

// What fits an IPv6-only tier: an ipv6 interface endpoint, an IPV6
// resource gateway, and an instance, which reads its metadata over IPv6
// and asks for no public IPv4 it could not have.
func TestIpv6OnlyWorkloads(t *testing.T) {
	j := synthOne(t, "us-east-1", func(s *core.Stack) {
		v := sixVpc(s, "net")
		endpoints.NewInterfaceEndpoint(s, "kms", &endpoints.InterfaceEndpointProps{Vpc: v, Tier: "data", Service: endpoints.KMS, IpAddressType: "ipv6", DnsRecordIpType: "ipv6"})
		lattice.NewResourceGateway(s, "gw", &lattice.ResourceGatewayProps{Vpc: v, Tier: "data", IpAddressType: "IPV6"})
		pninstance.New(s, "vm", &pninstance.Props{Vpc: v, Tier: "app", DisableSsm: true})
	})
	if ep := j.resource(t, "aws_vpc_endpoint", "kms"); ep["ip_address_type"] != "ipv6" {
		t.Errorf("endpoint %v", ep)
	}
	if g := j.resource(t, "aws_vpclattice_resource_gateway", "gw"); g["ip_address_type"] != "IPV6" {
		t.Errorf("gateway %v", g)
	}
	vm := j.resource(t, "aws_instance", "vm")
	if vm["associate_public_ip_address"] != nil || vm["metadata_options"].(map[string]any)["http_protocol_ipv6"] != "enabled" {
		t.Errorf("instance %v", vm)
	}
}
