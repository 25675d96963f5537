package test

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/endpoints"
	"github.com/privnet/privnet/constructs/network"
	"github.com/privnet/privnet/constructs/resolver"
	"github.com/privnet/privnet/constructs/vpn"
)

// onPremVpc is a VPC with two tiers and one declared on-premises network.
func onPremVpc(s *core.Stack) (*network.Vpc, *network.External) {
	v := hybridVpc(s)
	return v, network.NewExternal(v, "on-premises", []string{"192.168.0.0/16"}, "Site-to-Site VPN")
}

// rulesOf lists "proto port cidr" of a group's ingress rules.
func rulesOf(j tfJSON, kind, group string) []string {
	var out []string
	for _, r := range j.resources(kind) {
		if r["security_group_id"] != "${aws_security_group."+group+".id}" {
			continue
		}
		out = append(out, fmt.Sprint(r["ip_protocol"], " ", r["from_port"], " ", r["to_port"], " ", r["cidr_ipv4"]))
	}
	sort.Strings(out)
	return out
}

// The inbound endpoint: fixed IPs in two AZs, its own group admitting the
// declared network on 53/udp and 53/tcp and nothing else, and the output
// the on-premises forwarders read.
func TestResolverInbound(t *testing.T) {
	j := synthOne(t, "eu-west-1", func(s *core.Stack) {
		v, _ := onPremVpc(s)
		vpn.NewGateway(s, "vgw", &vpn.GatewayProps{Vpc: v})
		resolver.NewInbound(s, "inbound", &resolver.InboundProps{EndpointProps: resolver.EndpointProps{Vpc: v, Tier: "endpoints", Ips: []string{"10.2.2.10", "10.2.3.10"}}})
	})
	e := j.resource(t, "aws_route53_resolver_endpoint", "inbound")
	if e["direction"] != "INBOUND" || !reflect.DeepEqual(e["security_group_ids"], []any{"${aws_security_group.inbound_sg.id}"}) {
		t.Errorf("endpoint: %v", e)
	}
	ips := e["ip_address"].([]any)
	if len(ips) != 2 || ips[0].(map[string]any)["ip"] != "10.2.2.10" || ips[1].(map[string]any)["subnet_id"] != "${aws_subnet.network_endpoints_eu-west-1b.id}" {
		t.Errorf("ip_address: %v", ips)
	}
	if got, want := rulesOf(j, "aws_vpc_security_group_ingress_rule", "inbound_sg"), []string{"tcp 53 53 192.168.0.0/16", "udp 53 53 192.168.0.0/16"}; !reflect.DeepEqual(got, want) {
		t.Errorf("ingress %v, want %v", got, want)
	}
	if got := rulesOf(j, "aws_vpc_security_group_egress_rule", "inbound_sg"); len(got) != 0 {
		t.Errorf("egress %v, want none (the group is stateful)", got)
	}
	if o := j.outputs()["inbound_ips"].(map[string]any); o["value"] != "${[for a in aws_route53_resolver_endpoint.inbound.ip_address : a.ip]}" {
		t.Errorf("output: %v", o)
	}
}

// OpenIngress opens 53 to all, and all egress, so AWS does not track the
// flows; the reason is in every rule.
func TestResolverInboundOpen(t *testing.T) {
	j := synthOne(t, "eu-west-1", func(s *core.Stack) {
		v, _ := onPremVpc(s)
		vpn.NewGateway(s, "vgw", &vpn.GatewayProps{Vpc: v})
		resolver.NewInbound(s, "inbound", &resolver.InboundProps{EndpointProps: resolver.EndpointProps{Vpc: v}, OpenIngress: "60k QPS from the data centre"})
	})
	if got, want := rulesOf(j, "aws_vpc_security_group_ingress_rule", "inbound_sg"), []string{"tcp 53 53 0.0.0.0/0", "udp 53 53 0.0.0.0/0"}; !reflect.DeepEqual(got, want) {
		t.Errorf("ingress %v, want %v", got, want)
	}
	if got, want := rulesOf(j, "aws_vpc_security_group_egress_rule", "inbound_sg"), []string{"tcp 0 65535 0.0.0.0/0", "udp 0 65535 0.0.0.0/0"}; !reflect.DeepEqual(got, want) {
		t.Errorf("egress %v, want %v", got, want)
	}
	for _, r := range j.resources("aws_vpc_security_group_ingress_rule") {
		if !strings.Contains(r["description"].(string), "60k QPS from the data centre") {
			t.Errorf("rule without the reason: %v", r)
		}
	}
}

// The outbound endpoint, a forwarding rule to two on-premises servers
// (one on another port), its association, and egress only to them.
func TestResolverForward(t *testing.T) {
	j := synthOne(t, "eu-west-1", func(s *core.Stack) {
		v, _ := onPremVpc(s)
		vpn.NewGateway(s, "vgw", &vpn.GatewayProps{Vpc: v})
		out := resolver.NewOutbound(s, "outbound", &resolver.EndpointProps{Vpc: v, Tier: "endpoints"})
		resolver.NewForwardRule(s, "corp", &resolver.ForwardProps{Outbound: out, Domain: "Corp.Example.com.", Targets: []string{"192.168.10.10", "192.168.10.11:5353"}})
	})
	r := j.resource(t, "aws_route53_resolver_rule", "corp")
	if r["domain_name"] != "corp.example.com" || r["rule_type"] != "FORWARD" || r["resolver_endpoint_id"] != "${aws_route53_resolver_endpoint.outbound.id}" {
		t.Errorf("rule: %v", r)
	}
	if tg := r["target_ip"].([]any); len(tg) != 2 || tg[1].(map[string]any)["port"] != 5353.0 || tg[0].(map[string]any)["ip"] != "192.168.10.10" {
		t.Errorf("targets: %v", tg)
	}
	if a := j.resource(t, "aws_route53_resolver_rule_association", "corp_0"); a["vpc_id"] != "${aws_vpc.network.id}" || a["resolver_rule_id"] != "${aws_route53_resolver_rule.corp.id}" {
		t.Errorf("association: %v", a)
	}
	want := []string{"tcp 53 53 192.168.10.10/32", "tcp 5353 5353 192.168.10.11/32", "udp 53 53 192.168.10.10/32", "udp 5353 5353 192.168.10.11/32"}
	if got := rulesOf(j, "aws_vpc_security_group_egress_rule", "outbound_sg"); !reflect.DeepEqual(got, want) {
		t.Errorf("egress %v, want %v", got, want)
	}
	if got := rulesOf(j, "aws_vpc_security_group_ingress_rule", "outbound_sg"); len(got) != 0 {
		t.Errorf("ingress %v, want none", got)
	}
}

// Each Resolver rule: the bad input and its message.
func TestResolverRules(t *testing.T) {
	cases := []struct {
		name  string
		build func(s *core.Stack)
		want  []string
	}{
		{"one IP, bad fixed IPs", func(s *core.Stack) {
			v := network.NewVpc(s, "one", &network.VpcProps{Cidr: "10.3.0.0/16", AzCount: 1})
			network.NewExternal(v, "on-premises", []string{"192.168.0.0/16"}, "VPN")
			resolver.NewInbound(s, "inbound", &resolver.InboundProps{EndpointProps: resolver.EndpointProps{Vpc: v}})
			v2, _ := onPremVpc(s)
			resolver.NewInbound(s, "fixed", &resolver.InboundProps{EndpointProps: resolver.EndpointProps{Vpc: v2, Tier: "endpoints", Ips: []string{"10.2.2.1", "10.9.0.10"}}})
			resolver.NewInbound(s, "fixed2", &resolver.InboundProps{EndpointProps: resolver.EndpointProps{Vpc: v2, Tier: "endpoints", Ips: []string{"10.2.2.255", "nope"}}})
			resolver.NewInbound(s, "fixed3", &resolver.InboundProps{EndpointProps: resolver.EndpointProps{Vpc: v2, Tier: "endpoints", Ips: []string{"10.2.2.10"}}})
		}, []string{
			`PN-DNS-1 t/inbound: the endpoint has 1 IP address (one per subnet), and Route 53 requires at least two (fix: place it in a tier with subnets in two AZs (AzCount: 2), or list two Subnets)`,
			`PN-DNS-1 t/fixed: Ips[0] 10.2.2.1 is one of the first four addresses of 10.2.2.0/24, which AWS reserves (fix: give an address from the fifth on)`,
			`PN-DNS-1 t/fixed: Ips[1] 10.9.0.10 is not in its subnet 10.2.3.0/24 (eu-west-1b) (fix: give an address of that subnet, in the subnets' order)`,
			`PN-DNS-1 t/fixed2: Ips[0] 10.2.2.255 is the last address of 10.2.2.0/24, which AWS reserves (fix: give another address of the subnet)`,
			`PN-DNS-1 t/fixed2: Ips[1] "nope" is not an IPv4 address (fix: write it like 10.0.1.10)`,
			`PN-DNS-1 t/fixed3: 1 Ips for 2 subnets (fix: give one IP per subnet, in the subnets' order, or none)`,
		}},
		{"two IPs in one AZ (policy)", func(s *core.Stack) {
			v, _ := onPremVpc(s)
			a := v.Tier("endpoints").Subnets[0]
			resolver.NewInbound(s, "inbound", &resolver.InboundProps{EndpointProps: resolver.EndpointProps{Vpc: v, Subnets: []*network.Subnet{a, a}, Ips: []string{"10.2.2.10", "10.2.2.11"}}})
		}, []string{
			`PN-DNS-2 t/inbound: all 2 IP addresses are in eu-west-1a, so one AZ's outage stops the endpoint (fix: use subnets in two AZs (privnet policy; suppress PN-DNS-2 with a reason to keep one AZ))`,
		}},
		{"an inbound endpoint that admits nothing", func(s *core.Stack) {
			resolver.NewInbound(s, "inbound", &resolver.InboundProps{EndpointProps: resolver.EndpointProps{Vpc: hybridVpc(s)}})
		}, []string{
			`PN-DNS-3 t/inbound: the inbound endpoint admits no network, so no DNS server can query it (fix: declare the on-premises networks (network.NewExternal), or list them in Admit; or set OpenIngress with the reason)`,
		}},
		{"a rule that takes an endpoint's name", func(s *core.Stack) {
			v, _ := onPremVpc(s)
			endpoints.NewInterfaceEndpoint(s, "ssm", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.SSM, Tier: "endpoints"})
			out := resolver.NewOutbound(s, "outbound", &resolver.EndpointProps{Vpc: v, Tier: "endpoints"})
			resolver.NewForwardRule(s, "ssm-fwd", &resolver.ForwardProps{Outbound: out, Domain: "ssm.eu-west-1.amazonaws.com", Targets: []string{"192.168.10.10"}})
			// Less specific than the endpoint's zone: the zone still wins.
			resolver.NewForwardRule(s, "amazonaws", &resolver.ForwardProps{Outbound: out, Domain: "amazonaws.com", Targets: []string{"192.168.10.10"}})
			resolver.NewForwardRule(s, "root", &resolver.ForwardProps{Outbound: out, Domain: ".", Targets: []string{"192.168.10.10"}})
		}, []string{
			`PN-DNS-4 t/ssm-fwd: the rule forwards ssm.eu-west-1.amazonaws.com, which is (or is under) ssm.eu-west-1.amazonaws.com, the private DNS name of t/ssm in VPC t/network: its clients would resolve it through 192.168.10.10, not to the endpoint (fix: forward only the on-premises domains (corp.example.com), and leave the service's name to the endpoint's private DNS)`,
		}},
		{"a rule that loops to the VPC's own inbound endpoint", func(s *core.Stack) {
			v, _ := onPremVpc(s)
			resolver.NewInbound(s, "inbound", &resolver.InboundProps{EndpointProps: resolver.EndpointProps{Vpc: v, Tier: "endpoints", Ips: []string{"10.2.2.10", "10.2.3.10"}}})
			out := resolver.NewOutbound(s, "outbound", &resolver.EndpointProps{Vpc: v, Tier: "app"})
			resolver.NewForwardRule(s, "corp", &resolver.ForwardProps{Outbound: out, Domain: "corp.example.com", Targets: []string{"192.168.10.10", "10.2.3.10"}})
		}, []string{
			`PN-DNS-5 t/corp: VPC t/network is associated with the rule, which forwards corp.example.com to 10.2.3.10, an IP of its own inbound endpoint t/inbound: the queries loop (fix: forward to the DNS servers that hold the domain, or associate the rule with other VPCs only)`,
		}},
		{"a malformed rule", func(s *core.Stack) {
			v, _ := onPremVpc(s)
			out := resolver.NewOutbound(s, "outbound", &resolver.EndpointProps{Vpc: v})
			resolver.NewForwardRule(s, "bad", &resolver.ForwardProps{Outbound: out, Domain: "corp..example.com", Targets: []string{"192.168.10.10"}})
			resolver.NewForwardRule(s, "none", &resolver.ForwardProps{Outbound: out, Domain: "corp.example.com"})
			resolver.NewForwardRule(s, "targets", &resolver.ForwardProps{Outbound: out, Domain: "lab.example.com", Targets: []string{"192.168.10.10:0", "::1", "${var.x}"}})
			resolver.NewForwardRule(s, "again", &resolver.ForwardProps{Outbound: out, Domain: "CORP.example.com.", Targets: []string{"192.168.10.12"}})
			resolver.NewForwardRule(s, "nothing", &resolver.ForwardProps{Domain: "corp.example.com"})
		}, []string{
			`PN-DNS-6 t/bad: Domain "corp..example.com" is not a domain name (fix: write it like "corp.example.com")`,
			`PN-DNS-6 t/none: the rule has no Targets (fix: list the on-premises DNS servers' IPv4 addresses)`,
			`PN-DNS-6 t/targets: Targets[0] "192.168.10.10:0" is not an IPv4 address with an optional port (fix: write it like "192.168.10.10" or "192.168.10.10:53")`,
			`PN-DNS-6 t/targets: Targets[1] "::1" is not an IPv4 address with an optional port (fix: write it like "192.168.10.10" or "192.168.10.10:53")`,
			`PN-DNS-6 t/targets: Targets[2] "${var.x}" is not an IPv4 address with an optional port (fix: write it like "192.168.10.10" or "192.168.10.10:53")`,
			`PN-DNS-6 t/again: VPC t/network is already associated with rule t/none for corp.example.com, and AWS associates one rule per domain with a VPC (fix: forward the domain to all its servers in one rule)`,
			`PN-DNS-6 t/nothing: a forwarding rule needs an Outbound endpoint that was built (fix: pass resolver.NewOutbound)`,
		}},
		{"subnets not of the VPC, a subnet twice without IPs", func(s *core.Stack) {
			v, _ := onPremVpc(s)
			other := network.NewVpc(s, "other", &network.VpcProps{Cidr: "10.9.0.0/16", AzCount: 2})
			a, b := v.Tier("endpoints").Subnets[0], v.Tier("endpoints").Subnets[1]
			resolver.NewOutbound(s, "foreign", &resolver.EndpointProps{Vpc: v, Subnets: []*network.Subnet{nil, a, other.Tiers()[0].Subnets[0], b}})
			resolver.NewOutbound(s, "twice", &resolver.EndpointProps{Vpc: v, Subnets: []*network.Subnet{a, a, b}})
		}, []string{
			`PN-DNS-1 t/foreign: Subnets[0] is not a subnet of VPC t/network (fix: give subnets of the endpoint's VPC (vpc.Tier(name).Subnets))`,
			`PN-DNS-1 t/foreign: Subnets[2] is not a subnet of VPC t/network (fix: give subnets of the endpoint's VPC (vpc.Tier(name).Subnets))`,
			`PN-DNS-1 t/twice: subnet 10.2.2.0/24 is listed twice without fixed Ips, and Terraform merges identical ip_address blocks into one (fix: give a distinct IP for each subnet in Ips)`,
		}},
		{"an open inbound endpoint: a reason AWS refuses, forwarders beside it", func(s *core.Stack) {
			v, _ := onPremVpc(s)
			resolver.NewInbound(s, "quotes", &resolver.InboundProps{EndpointProps: resolver.EndpointProps{Vpc: v}, OpenIngress: `peak 60k QPS, "see" <ticket>`})
			resolver.NewInbound(s, "both", &resolver.InboundProps{EndpointProps: resolver.EndpointProps{Vpc: v}, OpenIngress: "peak 60k QPS", Forwarders: []string{"192.168.10.10"}})
			resolver.NewInbound(s, "stray", &resolver.InboundProps{EndpointProps: resolver.EndpointProps{Vpc: v}, Forwarders: []string{"172.16.0.1", "dns1"}})
		}, []string{
			`PN-DNS-3 t/quotes: OpenIngress "peak 60k QPS, \"see\" <ticket>" has characters AWS refuses in a security group rule's description, or is longer than 200 (fix: write the reason with letters, digits, spaces and . _-:/()#,@[]+=&;{}!$* only)`,
			`PN-DNS-3 t/both: both OpenIngress and Forwarders are given: open ingress admits every address, so the forwarders would restrict nothing (fix: drop one of them)`,
			`PN-DNS-3 t/stray: Forwarders[0] 172.16.0.1 is in none of the admitted networks (fix: give the address of an on-premises DNS server in a declared network, or declare its network)`,
			`PN-DNS-3 t/stray: Forwarders[1] "dns1" is not an IPv4 address (fix: write it like 192.168.10.10)`,
		}},
		{"a rule for a cross-region endpoint's name, and for IAM's", func(s *core.Stack) {
			v, _ := onPremVpc(s)
			endpoints.NewInterfaceEndpoint(s, "kms-use1", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.KMS, ServiceRegion: "us-east-1", Tier: "endpoints"})
			endpoints.NewInterfaceEndpoint(s, "iam", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.IAM, ServiceRegion: "us-east-1", Tier: "endpoints"})
			out := resolver.NewOutbound(s, "outbound", &resolver.EndpointProps{Vpc: v, Tier: "endpoints"})
			resolver.NewForwardRule(s, "kms", &resolver.ForwardProps{Outbound: out, Domain: "kms.us-east-1.amazonaws.com", Targets: []string{"192.168.10.10"}})
			resolver.NewForwardRule(s, "iam-fwd", &resolver.ForwardProps{Outbound: out, Domain: "iam.amazonaws.com", Targets: []string{"192.168.10.10"}})
		}, []string{
			`PN-DNS-4 t/kms: the rule forwards kms.us-east-1.amazonaws.com, which is (or is under) kms.us-east-1.amazonaws.com, the private DNS name of t/kms-use1 in VPC t/network: its clients would resolve it through 192.168.10.10, not to the endpoint (fix: forward only the on-premises domains (corp.example.com), and leave the service's name to the endpoint's private DNS)`,
			`PN-DNS-4 t/iam-fwd: the rule forwards iam.amazonaws.com, which is (or is under) iam.amazonaws.com, the private DNS name of t/iam in VPC t/network: its clients would resolve it through 192.168.10.10, not to the endpoint (fix: forward only the on-premises domains (corp.example.com), and leave the service's name to the endpoint's private DNS)`,
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			wantIssues(t, issues(t, "eu-west-1", c.build), c.want...)
		})
	}
}

// A public forward target is a warning, not an error: the app runs and
// says so.
func TestResolverPublicTargetWarns(t *testing.T) {
	app := core.NewApp(&core.AppProps{Outdir: t.TempDir()})
	s := core.NewStack(app, "t", core.StackProps{Region: "eu-west-1"})
	v, _ := onPremVpc(s)
	out := resolver.NewOutbound(s, "outbound", &resolver.EndpointProps{Vpc: v})
	resolver.NewForwardRule(s, "corp", &resolver.ForwardProps{Outbound: out, Domain: "corp.example.com", Targets: []string{"198.51.100.53"}})
	if err := app.Run(); err != nil {
		t.Fatal(err)
	}
	want := "t/corp: warning (PN-DNS-6): target 198.51.100.53 is outside private address space: the forwarded queries leave the private network (through NAT or the internet), and AWS allows it"
	if !slices.Contains(app.Notices(), want) {
		t.Errorf("notices %q, want %q", app.Notices(), want)
	}
}

// The hybrid link's own rules: a declared network inside the VPC, and a
// tier that on premises calls with no route back.
func TestOnPremRoutes(t *testing.T) {
	wantIssues(t, issues(t, "eu-west-1", func(s *core.Stack) {
		v := hybridVpc(s)
		network.NewExternal(v, "lab", []string{"10.2.200.0/24", "192.168.0.0/16"}, "VPN")
		vpn.NewGateway(s, "vgw", &vpn.GatewayProps{Vpc: v, PropagateTo: []string{"app"}})
		resolver.NewInbound(s, "inbound", &resolver.InboundProps{EndpointProps: resolver.EndpointProps{Vpc: v, Tier: "endpoints"}})
	}),
		`PN-VPC-13 t/network (external network "lab"): CIDR 10.2.200.0/24 overlaps VPC t/network (10.2.0.0/16) (fix: renumber one of them: the VPC's local route wins for its own addresses, so those on-premises addresses are unreachable from it)`,
		`PN-VPN-5 t/inbound: Resolver inbound endpoint exchanges traffic with on premises, but the route table of tier "endpoints" in eu-west-1a, eu-west-1b has neither propagation from t/vgw nor a static route to the on-premises networks (fix: add endpoints to the gateway's PropagateTo (or StaticTo))`)
}

// StaticTo writes a route per declared network into the tier's tables,
// instead of propagation; a static connection takes the declared CIDRs.
func TestVpnStaticTo(t *testing.T) {
	j := synthOne(t, "eu-west-1", func(s *core.Stack) {
		v, onPrem := onPremVpc(s)
		g := vpn.NewGateway(s, "vgw", &vpn.GatewayProps{Vpc: v, StaticTo: []string{"endpoints"}})
		vpn.NewConnection(s, "office", &vpn.ConnectionProps{Gateway: g, CustomerGatewayIp: "203.0.113.10"})
		e := endpoints.NewInterfaceEndpoint(s, "sts", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.STS, Tier: "endpoints"})
		e.AllowFromNetwork(onPrem)
	})
	if n := len(j.resources("aws_vpn_gateway_route_propagation")); n != 2 {
		t.Errorf("%d propagations, want 2 (the app tier)", n)
	}
	r := j.resource(t, "aws_route", "vgw_endpoints_eu-west-1a_192_168_0_0_16")
	if r["destination_cidr_block"] != "192.168.0.0/16" || r["gateway_id"] != "${aws_vpn_gateway.vgw.id}" || r["route_table_id"] != "${aws_route_table.network_endpoints_eu-west-1a.id}" {
		t.Errorf("route: %v", r)
	}
	if c := j.resource(t, "aws_vpn_connection_route", "office_192_168_0_0_16"); c["destination_cidr_block"] != "192.168.0.0/16" {
		t.Errorf("connection route: %v", c)
	}
	if got, want := rulesOf(j, "aws_vpc_security_group_ingress_rule", "sts_sg"), []string{"tcp 443 443 192.168.0.0/16"}; !reflect.DeepEqual(got, want) {
		t.Errorf("sts ingress %v, want %v", got, want)
	}
}
