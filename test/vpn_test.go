package test

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/network"
	"github.com/privnet/privnet/constructs/resolver"
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
	for _, n := range []string{"office_192_168_0_0_16", "office_172_16_0_0_12"} {
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
			`PN-VPN-2 t/lab: the connection has both BgpAsn (dynamic routing) and StaticRoutes (fix: give BgpAsn for BGP, or StaticRoutes without it)`,
			`PN-VPN-2 t/office: the connection has static routing (no BgpAsn), no StaticRoutes, and the VPC declares no on-premises network, so no traffic would go to it (fix: declare the on-premises networks (network.NewExternal), list them in StaticRoutes, or give the device's BgpAsn for BGP)`,
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
	t.Run("two gateways on one VPC, an empty static route list", func(t *testing.T) {
		wantIssues(t, issues(t, "us-east-1", func(s *core.Stack) {
			v := hybridVpc(s)
			g := vpn.NewGateway(s, "vgw", &vpn.GatewayProps{Vpc: v})
			vpn.NewGateway(s, "vgw2", &vpn.GatewayProps{Vpc: v})
			vpn.NewConnection(s, "office", &vpn.ConnectionProps{Gateway: g, CustomerGatewayIp: "100.64.1.1", StaticRoutes: []string{}})
		}),
			`PN-VPN-3 t/vgw2: VPC t/network already has virtual private gateway t/vgw, and AWS attaches one to a VPC at a time (fix: use that gateway for every connection of the VPC)`,
			`PN-VPN-3 t/office: CustomerGatewayIp 100.64.1.1 is not a public address (fix: give the device's static public IPv4 address (a VPN to a virtual private gateway runs over the internet))`,
			`PN-VPN-2 t/office: the connection has static routing (no BgpAsn) and no StaticRoutes, so no traffic would go to it (fix: declare the on-premises networks (network.NewExternal), list them in StaticRoutes, or give the device's BgpAsn for BGP)`)
	})
}

// Networks declared after the gateway and the connection are routed all
// the same: static routes, connection routes and the route check read them
// at validation.
func TestVpnDeclaredLater(t *testing.T) {
	j := synthOne(t, "eu-west-1", func(s *core.Stack) {
		v := hybridVpc(s)
		network.NewExternal(v, "office", []string{"192.168.0.0/16"}, "VPN")
		g := vpn.NewGateway(s, "vgw", &vpn.GatewayProps{Vpc: v, StaticTo: []string{"endpoints"}})
		vpn.NewConnection(s, "office", &vpn.ConnectionProps{Gateway: g, CustomerGatewayIp: "203.0.113.10"})
		network.NewExternal(v, "lab", []string{"172.20.0.0/16"}, "VPN")
	})
	var dests []string
	for _, r := range j.resources("aws_route") {
		dests = append(dests, r["destination_cidr_block"].(string))
	}
	sort.Strings(dests)
	if strings.Join(dests, " ") != "172.20.0.0/16 172.20.0.0/16 192.168.0.0/16 192.168.0.0/16" {
		t.Errorf("static routes to %v, want both networks in both AZs' tables", dests)
	}
	var conn []string
	for _, r := range j.resources("aws_vpn_connection_route") {
		conn = append(conn, r["destination_cidr_block"].(string))
	}
	sort.Strings(conn)
	if strings.Join(conn, " ") != "172.20.0.0/16 192.168.0.0/16" {
		t.Errorf("connection routes %v", conn)
	}
	// An inbound endpoint made before the network admits it all the same.
	j = synthOne(t, "eu-west-1", func(s *core.Stack) {
		v := hybridVpc(s)
		vpn.NewGateway(s, "vgw", &vpn.GatewayProps{Vpc: v})
		resolver.NewInbound(s, "dns", &resolver.InboundProps{EndpointProps: resolver.EndpointProps{Vpc: v, Tier: "endpoints"}})
		network.NewExternal(v, "office", []string{"192.168.0.0/16"}, "VPN")
	})
	if r := j.resource(t, "aws_vpc_security_group_ingress_rule", "dns_sg_53-udp_from_192_168_0_0_16"); r["cidr_ipv4"] != "192.168.0.0/16" {
		t.Errorf("inbound rule %v", r)
	}
	// The outbound endpoint's need to route on premises, made before the
	// network is declared, is still checked.
	wantIssues(t, issues(t, "eu-west-1", func(s *core.Stack) {
		v := hybridVpc(s)
		vpn.NewGateway(s, "vgw", &vpn.GatewayProps{Vpc: v, PropagateTo: []string{"app"}})
		out := resolver.NewOutbound(s, "outbound", &resolver.EndpointProps{Vpc: v, Tier: "endpoints"})
		resolver.NewForwardRule(s, "corp", &resolver.ForwardProps{Outbound: out, Domain: "corp.example.com", Targets: []string{"192.168.10.10"}})
		network.NewExternal(v, "office", []string{"192.168.0.0/16"}, "VPN")
	}),
		`PN-VPN-5 t/outbound: Resolver outbound endpoint exchanges traffic with on premises, but the route table of tier "endpoints" in eu-west-1a, eu-west-1b has neither propagation from t/vgw nor a static route to the on-premises networks (fix: add endpoints to the gateway's PropagateTo (or StaticTo))`)
}

// A forwarding rule in another stack than the VPC's gateway: its outbound
// endpoint's route is checked all the same (deferred checks run in rounds
// over every stack).
func TestVpnRouteCheckAcrossStacks(t *testing.T) {
	app := core.NewApp(&core.AppProps{Outdir: t.TempDir()})
	net := core.NewStack(app, "net", core.StackProps{Region: "eu-west-1"})
	dns := core.NewStack(app, "dns", core.StackProps{Region: "eu-west-1"})
	v := hybridVpc(net)
	network.NewExternal(v, "office", []string{"192.168.0.0/16"}, "VPN")
	vpn.NewGateway(net, "vgw", &vpn.GatewayProps{Vpc: v, PropagateTo: []string{"app"}})
	out := resolver.NewOutbound(dns, "outbound", &resolver.EndpointProps{Vpc: v, Tier: "endpoints"})
	resolver.NewForwardRule(dns, "corp", &resolver.ForwardProps{Outbound: out, Domain: "corp.example.com", Targets: []string{"192.168.10.10"}})
	err := app.Validate()
	is, ok := err.(core.Issues)
	if !ok {
		t.Fatalf("Validate: %v", err)
	}
	wantIssues(t, is.Messages(),
		`PN-VPN-5 dns/outbound: Resolver outbound endpoint exchanges traffic with on premises, but the route table of tier "endpoints" in eu-west-1a, eu-west-1b has neither propagation from net/vgw nor a static route to the on-premises networks (fix: add endpoints to the gateway's PropagateTo (or StaticTo))`)
}

// A CIDR declared twice would make each static route twice, which AWS
// refuses; long names are cut to AWS's 64 characters.
func TestOnPremDuplicatesAndNames(t *testing.T) {
	wantIssues(t, issues(t, "eu-west-1", func(s *core.Stack) {
		v := hybridVpc(s)
		network.NewExternal(v, "office", []string{"192.168.0.0/16", "192.168.0.0/16"}, "VPN")
		network.NewExternal(v, "lab", []string{"192.168.0.0/16"}, "VPN")
	}),
		`PN-VPC-10 t/network (external network "office"): CIDR 192.168.0.0/16 is declared twice (also in external network "office") (fix: declare each on-premises network once: routes to it are made once per network)`,
		`PN-VPC-10 t/network (external network "lab"): CIDR 192.168.0.0/16 is declared twice (also in external network "office") (fix: declare each on-premises network once: routes to it are made once per network)`)
	out := t.TempDir()
	app := core.NewApp(&core.AppProps{Outdir: out})
	s := core.NewStack(app, "production-shared-network-eu-west-1-hub-of-hubs", core.StackProps{Region: "eu-west-1"})
	v := hybridVpc(s)
	network.NewExternal(v, "office", []string{"192.168.0.0/16"}, "VPN")
	vpn.NewGateway(s, "vgw", &vpn.GatewayProps{Vpc: v})
	resolver.NewInbound(s, "inbound-resolver-for-the-data-centre", &resolver.InboundProps{EndpointProps: resolver.EndpointProps{Vpc: v}})
	if err := app.Run(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(out, "stacks", s.Name, "cdk.tf.json"))
	if err != nil {
		t.Fatal(err)
	}
	e := parse(t, b).resource(t, "aws_route53_resolver_endpoint", "inbound-resolver-for-the-data-centre")
	if n := e["name"].(string); len(n) != 64 || !strings.HasPrefix(n, "production-shared-network-eu-west-1-hub-of-hubs-inbound-") {
		t.Errorf("name %q (%d characters)", n, len(n))
	}
}

// An imported VPC's route tables are its owner's: the gateway says what
// they must route, and does not refuse the app.
func TestVpnImportedVpcNotes(t *testing.T) {
	app := core.NewApp(&core.AppProps{Outdir: t.TempDir()})
	s := core.NewStack(app, "t", core.StackProps{Region: "us-east-1"})
	v := network.ImportVpc(s, "shared", &network.ImportVpcProps{VpcId: "vpc-0a1b2c3d4e5f60718", Cidrs: []string{"10.20.0.0/16"},
		Subnets: []network.ImportedSubnet{{Id: "subnet-0aaa1111bbbb2222c", Az: "us-east-1a", Cidr: "10.20.0.0/24"}, {Id: "subnet-0aaa1111bbbb2222d", Az: "us-east-1b", Cidr: "10.20.1.0/24"}}})
	onPrem := network.NewExternal(v, "on-premises", []string{"192.168.0.0/16"}, "VPN")
	g := vpn.NewGateway(s, "vgw", &vpn.GatewayProps{Vpc: v})
	vpn.NewConnection(s, "office", &vpn.ConnectionProps{Gateway: g, CustomerGatewayIp: "203.0.113.10"})
	resolver.NewInbound(s, "dns", &resolver.InboundProps{EndpointProps: resolver.EndpointProps{Vpc: v}, Forwarders: []string{"192.168.10.10"}})
	_ = onPrem
	if err := app.Run(); err != nil {
		t.Fatal(err)
	}
	want := "t/dns: Resolver inbound endpoint exchanges traffic with on premises: the route tables of imported VPC t/shared must route the on-premises networks to virtual private gateway t/vgw (propagation or static routes), which their owner sets"
	if !slices.Contains(app.Notices(), want) {
		t.Errorf("notices %q, want %q", app.Notices(), want)
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

// A VPC carved over AZ IDs names its gateway's propagations and routes by
// AZ ID, with or without the recorded lookups that tell the AZ names: a
// record added later renames nothing.
func TestVpnNamesStableOverAzIds(t *testing.T) {
	build := func(s *core.Stack) {
		v := network.NewVpc(s, "network", &network.VpcProps{Cidr: "10.0.0.0/16", Azs: []string{"use1-az1", "use1-az6"},
			Tiers: []network.TierProps{{Name: "app"}, {Name: "endpoints"}}})
		network.NewExternal(v, "office", []string{"192.168.0.0/16"}, "VPN")
		g := vpn.NewGateway(s, "vgw", &vpn.GatewayProps{Vpc: v, StaticTo: []string{"endpoints"}})
		vpn.NewConnection(s, "office", &vpn.ConnectionProps{Gateway: g, CustomerGatewayIp: "203.0.113.10"})
	}
	names := func() string {
		j := synthOne(t, "us-east-1", build)
		var out []string
		for _, typ := range []string{"aws_vpn_gateway_route_propagation", "aws_route"} {
			for n := range j.resources(typ) {
				out = append(out, n)
			}
		}
		sort.Strings(out)
		return strings.Join(out, " ")
	}
	without := names()
	withRecord(t, recordFile)
	with := names()
	want := "vgw_app_use1-az1 vgw_app_use1-az6 vgw_endpoints_use1-az1_192_168_0_0_16 vgw_endpoints_use1-az6_192_168_0_0_16"
	if without != want || with != want {
		t.Errorf("names without the record %q, with it %q, want %q", without, with, want)
	}
}
