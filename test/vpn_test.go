package test

import (
	"reflect"
	"testing"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/network"
	"github.com/privnet/privnet/constructs/vpn"
)

func hybridVpc(s *core.Stack) *network.Vpc {
	return network.NewVpc(s, "network", &network.VpcProps{Cidr: "10.2.0.0/16", AzCount: 2, Tiers: []network.TierProps{{Name: "app"}, {Name: "endpoints"}}})
}

// A static VPN: the gateway attached to the VPC, propagation into every
// tier's tables, the customer gateway, the connection with static routing
// and one route per on-premises network.
func TestVpnStatic(t *testing.T) {
	j := synthOne(t, "ap-northeast-1", func(s *core.Stack) {
		v := hybridVpc(s)
		g := vpn.NewGateway(s, "vgw", &vpn.GatewayProps{Vpc: v})
		vpn.NewConnection(s, "office", &vpn.ConnectionProps{Gateway: g, CustomerGatewayIp: "203.0.113.10", StaticRoutes: []string{"192.168.0.0/16", "172.16.0.0/12"}})
	})
	if gw := j.resource(t, "aws_vpn_gateway", "vgw"); gw["vpc_id"] != "${aws_vpc.network.id}" {
		t.Errorf("gateway: %v", gw)
	}
	if n := len(j.resources("aws_vpn_gateway_route_propagation")); n != 4 {
		t.Errorf("%d propagations, want 4 (2 tiers × 2 AZs)", n)
	}
	cgw := j.resource(t, "aws_customer_gateway", "office")
	if cgw["ip_address"] != "203.0.113.10" || cgw["type"] != "ipsec.1" || cgw["bgp_asn"] != nil {
		t.Errorf("customer gateway: %v", cgw)
	}
	conn := j.resource(t, "aws_vpn_connection", "office")
	if conn["static_routes_only"] != true || conn["vpn_gateway_id"] != "${aws_vpn_gateway.vgw.id}" || conn["customer_gateway_id"] != "${aws_customer_gateway.office.id}" {
		t.Errorf("connection: %v", conn)
	}
	var dests []any
	for _, n := range []string{"office_0", "office_1"} {
		dests = append(dests, j.resource(t, "aws_vpn_connection_route", n)["destination_cidr_block"])
	}
	if !reflect.DeepEqual(dests, []any{"192.168.0.0/16", "172.16.0.0/12"}) {
		t.Errorf("routes: %v", dests)
	}
}

// Each VPN rule: the bad input and its message.
func TestVpnRules(t *testing.T) {
	cases := []struct {
		name, region string
		build        func(s *core.Stack)
		want         []string
	}{
		{"reserved and out-of-range ASNs", "eu-west-1", func(s *core.Stack) {
			g := vpn.NewGateway(s, "vgw", &vpn.GatewayProps{Vpc: hybridVpc(s), AmazonSideAsn: 7224})
			vpn.NewConnection(s, "office", &vpn.ConnectionProps{Gateway: g, CustomerGatewayIp: "203.0.113.10", BgpAsn: 9059})
			vpn.NewConnection(s, "lab", &vpn.ConnectionProps{Gateway: g, CustomerGatewayIp: "203.0.113.11", BgpAsn: 7224})
		}, []string{
			`PN-VPN-1 t/vgw: AmazonSideAsn 7224 is outside the private ranges AWS takes for a virtual private gateway (fix: use 64512–65534 or 4200000000–4294967294, or 0 for AWS's default)`,
			`PN-VPN-1 t/office: BgpAsn 9059 is reserved by AWS in eu-west-1 (fix: give the device another ASN, such as a private one (64512–65534))`,
			`PN-VPN-1 t/lab: BgpAsn 7224 is reserved by AWS in every Region (fix: give the device another ASN, such as a private one (64512–65534))`,
		}},
		{"static routing with no routes, or both", "us-east-1", func(s *core.Stack) {
			g := vpn.NewGateway(s, "vgw", &vpn.GatewayProps{Vpc: hybridVpc(s)})
			vpn.NewConnection(s, "office", &vpn.ConnectionProps{Gateway: g, CustomerGatewayIp: "203.0.113.10"})
			vpn.NewConnection(s, "lab", &vpn.ConnectionProps{Gateway: g, CustomerGatewayIp: "203.0.113.11", BgpAsn: 65010, StaticRoutes: []string{"192.168.0.0/16"}})
		}, []string{
			`PN-VPN-2 t/office: the connection has static routing (no BgpAsn) and no StaticRoutes, so no traffic would go to it (fix: declare the on-premises networks (network.NewExternal) before the connection, list them in StaticRoutes, or give the device's BgpAsn for BGP)`,
			`PN-VPN-2 t/lab: the connection has both BgpAsn (dynamic routing) and StaticRoutes (fix: give BgpAsn for BGP, or StaticRoutes without it)`,
		}},
		{"an on-premises network inside the VPC", "us-east-1", func(s *core.Stack) {
			g := vpn.NewGateway(s, "vgw", &vpn.GatewayProps{Vpc: hybridVpc(s)})
			vpn.NewConnection(s, "office", &vpn.ConnectionProps{Gateway: g, CustomerGatewayIp: "203.0.113.10", StaticRoutes: []string{"10.2.128.0/20", "10.2.0.1/16"}})
		}, []string{
			`PN-VPC-13 t/office: on-premises network 10.2.128.0/20 overlaps VPC t/network (10.2.0.0/16) (fix: renumber one of them: the VPC's local route wins for its own addresses)`,
			`PN-VPN-2 t/office: StaticRoutes[1] "10.2.0.1/16" is not an IPv4 network address with its prefix length (fix: write it like "192.168.0.0/16")`,
		}},
		{"a private customer gateway address, propagation into an imported VPC", "us-east-1", func(s *core.Stack) {
			v := network.ImportVpc(s, "shared", &network.ImportVpcProps{VpcId: "vpc-0a1b2c3d4e5f60718", Cidrs: []string{"10.20.0.0/16"},
				Subnets: []network.ImportedSubnet{{Id: "subnet-0aaa1111bbbb2222c", Az: "us-east-1a", Cidr: "10.20.0.0/24"}}})
			g := vpn.NewGateway(s, "vgw", &vpn.GatewayProps{Vpc: v, PropagateTo: []string{"imported"}})
			vpn.NewConnection(s, "office", &vpn.ConnectionProps{Gateway: g, CustomerGatewayIp: "192.168.1.1", StaticRoutes: []string{"192.168.0.0/16"}})
		}, []string{
			`PN-VPN-3 t/vgw: VPC t/shared is imported: propagating or adding routes would change route tables its owner manages (fix: drop PropagateTo and StaticTo and have the VPC's owner route to the gateway, or build the VPC with privnet)`,
			`PN-VPN-3 t/office: CustomerGatewayIp 192.168.1.1 is not a public address (fix: give the device's static public IPv4 address (a VPN to a virtual private gateway runs over the internet))`,
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			wantIssues(t, issues(t, c.region, c.build), c.want...)
		})
	}
}

// A Direct Connect association allows the VPC's blocks by default.
func TestDirectConnect(t *testing.T) {
	j := synthOne(t, "us-east-1", func(s *core.Stack) {
		g := vpn.NewGateway(s, "vgw", &vpn.GatewayProps{Vpc: hybridVpc(s)})
		vpn.NewDirectConnect(s, "dx", &vpn.DirectConnectProps{Gateway: g, DxGatewayId: "5f294f92-bafb-4011-916d-9b0bec736f0e"})
	})
	a := j.resource(t, "aws_dx_gateway_association", "dx")
	if a["associated_gateway_id"] != "${aws_vpn_gateway.vgw.id}" || !reflect.DeepEqual(a["allowed_prefixes"], []any{"10.2.0.0/16"}) {
		t.Errorf("association: %v", a)
	}
}

func TestDirectConnectRules(t *testing.T) {
	wantIssues(t, issues(t, "us-east-1", func(s *core.Stack) {
		g := vpn.NewGateway(s, "vgw", &vpn.GatewayProps{Vpc: hybridVpc(s)})
		vpn.NewDirectConnect(s, "dx", &vpn.DirectConnectProps{Gateway: g, DxGatewayId: "dxgw-1", AllowedPrefixes: []string{"10.2.0.0/24"}})
	}),
		`PN-VPN-4 t/dx: DxGatewayId "dxgw-1" is not a Direct Connect gateway ID (fix: give the gateway's ID as aws directconnect describe-direct-connect-gateways shows it (a UUID))`,
		`PN-VPN-4 t/dx: VPC block 10.2.0.0/16 lies in none of the AllowedPrefixes (10.2.0.0/24) (fix: allow the VPC's blocks, or wider prefixes that hold them)`)
}
