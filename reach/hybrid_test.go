package reach

import (
	"testing"

	"github.com/privnet/privnet/reach/need"
	"github.com/privnet/privnet/tfjson"
)

// On premises reaching STS over the hybrid link: each piece of the link
// removed or changed in turn, with the verdict, the link named and the
// words of the problem (or the path).
func TestHybridLink(t *testing.T) {
	onPrem := func(targets ...need.Target) need.Declared {
		return need.Declared{Path: "t/onprem", From: need.Source{External: &need.External{Name: "on-premises", CIDRs: []string{"192.168.0.0/16"}, Via: "VPN", Vpc: "aws_vpc.v"}},
			Need: need.Need{Label: "onprem", Targets: targets}}
	}
	sts := onPrem(svc("sts"))
	onPrem10 := func(targets ...need.Target) need.Declared {
		n := onPrem(targets...)
		n.From.External.CIDRs = []string{"192.168.10.0/24"}
		return n
	}
	onPremCIDRs := func(cidrs ...string) need.Declared {
		n := onPrem(svc("sts"))
		n.From.External.CIDRs = cidrs
		return n
	}
	byName := onPrem(need.Target{Kind: need.Service, Service: "sts", EndpointName: true})
	cases := []struct {
		name   string
		change func(t *testing.T, d doc) doc
		need   need.Declared
		want   Verdict
		link   string
		words  string
	}{
		{"the whole link", func(t *testing.T, d doc) doc { return d }, sts, Private, "",
			"interface endpoint aws_vpc_endpoint.sts with private DNS, resolved through inbound Resolver endpoint aws_route53_resolver_endpoint.inbound"},
		{"no gateway", func(t *testing.T, d doc) doc {
			return d.del("resource.aws_vpn_gateway").del("resource.aws_vpn_connection").del("resource.aws_vpn_connection_route").del("resource.aws_vpn_gateway_route_propagation")
		}, sts, Unreachable, "hybrid", "no virtual private gateway is attached to aws_vpc.v, so on-premises (192.168.0.0/16) has no way into it"},
		{"a gateway with no connection", func(t *testing.T, d doc) doc {
			return d.del("resource.aws_vpn_connection").del("resource.aws_vpn_connection_route")
		}, sts, Unreachable, "hybrid", "virtual private gateway aws_vpn_gateway.vgw has no VPN connection or Direct Connect association"},
		{"a static connection that does not route the network", func(t *testing.T, d doc) doc {
			return d.set("resource.aws_vpn_connection_route.office.destination_cidr_block", "172.16.0.0/12")
		}, sts, Unreachable, "hybrid", "their static routes do not cover 192.168.0.0/16"},
		{"BGP instead of static routes", func(t *testing.T, d doc) doc {
			d.del("resource.aws_vpn_connection_route")
			return d.set("resource.aws_vpn_connection.office.static_routes_only", false)
		}, sts, Private, "", "inbound Resolver endpoint"},
		{"Direct Connect instead of VPN", func(t *testing.T, d doc) doc {
			d.del("resource.aws_vpn_connection").del("resource.aws_vpn_connection_route")
			return d.set("resource.aws_dx_gateway_association.dx", obj(t, `{"dx_gateway_id": "5f294f92-bafb-4011-916d-9b0bec736f0e", "associated_gateway_id": "${aws_vpn_gateway.vgw.id}"}`))
		}, sts, Private, "", "inbound Resolver endpoint"},
		{"no propagation into the endpoint's table", func(t *testing.T, d doc) doc { return d.del("resource.aws_vpn_gateway_route_propagation") }, sts,
			Unreachable, "return-route", "aws_subnet.ep has no route back to on-premises (192.168.0.0/16): neither propagation from aws_vpn_gateway.vgw nor a static route, in aws_route_table.ep"},
		{"a static route to the gateway instead", func(t *testing.T, d doc) doc {
			d.del("resource.aws_vpn_gateway_route_propagation")
			return d.set("resource.aws_route.ep_onprem", obj(t, `{"route_table_id": "${aws_route_table.ep.id}", "destination_cidr_block": "192.168.0.0/16", "gateway_id": "${aws_vpn_gateway.vgw.id}"}`))
		}, sts, Private, "", "inbound Resolver endpoint"},
		{"a more specific route elsewhere takes part of the network", func(t *testing.T, d doc) doc {
			d.set("resource.aws_internet_gateway.igw", obj(t, `{"vpc_id": "${aws_vpc.v.id}"}`))
			return d.set("resource.aws_route.ep_part", obj(t, `{"route_table_id": "${aws_route_table.ep.id}", "destination_cidr_block": "192.168.7.0/24", "gateway_id": "${aws_internet_gateway.igw.id}"}`))
		}, sts, Unreachable, "return-route", "sends part of on-premises (192.168.7.0/24) to ${aws_internet_gateway.igw.id}"},
		{"a less specific default route beside propagation", func(t *testing.T, d doc) doc {
			d.set("resource.aws_internet_gateway.igw", obj(t, `{"vpc_id": "${aws_vpc.v.id}"}`))
			return d.set("resource.aws_route.ep_default", obj(t, `{"route_table_id": "${aws_route_table.ep.id}", "destination_cidr_block": "0.0.0.0/0", "gateway_id": "${aws_internet_gateway.igw.id}"}`))
		}, sts, Private, "", "inbound Resolver endpoint"},
		{"no inbound resolver", func(t *testing.T, d doc) doc { return d.del("resource.aws_route53_resolver_endpoint") }, sts,
			Unreachable, "inbound-resolver", "aws_vpc.v has no Route 53 Resolver inbound endpoint, so the DNS servers of on-premises cannot ask it"},
		{"no inbound resolver, the endpoint-specific name", func(t *testing.T, d doc) doc { return d.del("resource.aws_route53_resolver_endpoint") }, byName,
			Private, "", "the endpoint-specific DNS name of aws_vpc_endpoint.sts"},
		{"an outbound resolver only", func(t *testing.T, d doc) doc {
			return d.set("resource.aws_route53_resolver_endpoint.inbound.direction", "OUTBOUND")
		}, sts, Unreachable, "inbound-resolver", "has no Route 53 Resolver inbound endpoint"},
		{"the resolver does not admit on premises", func(t *testing.T, d doc) doc {
			return d.del("resource.aws_vpc_security_group_ingress_rule.dns_53").del("resource.aws_vpc_security_group_ingress_rule.dns_53u")
		}, sts, Unreachable, "target-ingress", "aws_route53_resolver_endpoint.inbound (security groups aws_security_group.dns) does not admit UDP 53 from on-premises"},
		{"the resolver admits TCP 53 only", func(t *testing.T, d doc) doc { return d.del("resource.aws_vpc_security_group_ingress_rule.dns_53u") }, sts,
			Unreachable, "target-ingress", "does not admit UDP 53 from on-premises"},
		{"the resolver admits UDP 53 only", func(t *testing.T, d doc) doc { return d.del("resource.aws_vpc_security_group_ingress_rule.dns_53") }, sts,
			Unreachable, "target-ingress", "does not admit TCP 53 from on-premises"},
		{"the resolver answers DoH only", func(t *testing.T, d doc) doc {
			return d.set("resource.aws_route53_resolver_endpoint.inbound.protocols", []any{"DoH"})
		}, sts, Unreachable, "inbound-resolver", "answers \"DoH\" only, not plain DNS (Do53)"},
		{"the resolver admits a bastion, not the DNS servers", func(t *testing.T, d doc) doc {
			d.del("resource.aws_vpc_security_group_ingress_rule.dns_53").del("resource.aws_vpc_security_group_ingress_rule.dns_53u")
			return d.set("resource.aws_vpc_security_group_ingress_rule.bastion", obj(t, `{"security_group_id": "${aws_security_group.dns.id}", "ip_protocol": "-1", "cidr_ipv4": "192.168.99.99/32"}`))
		}, sts, Unknown, "target-ingress", "whether 192.168.99.99/32 (a rule of aws_security_group.dns) covers on-premises is known only at deploy"},
		{"the resolver's direction is a variable", func(t *testing.T, d doc) doc {
			return d.set("resource.aws_route53_resolver_endpoint.inbound.direction", "${var.direction}")
		}, sts, Unknown, "model", "the direction of aws_route53_resolver_endpoint.inbound is not a literal INBOUND or OUTBOUND"},
		{"the resolver admits only the on-premises DNS servers", func(t *testing.T, d doc) doc {
			d.set("resource.aws_vpc_security_group_ingress_rule.dns_53u.cidr_ipv4", "192.168.10.10/32")
			return d.set("resource.aws_vpc_security_group_ingress_rule.dns_53.cidr_ipv4", "192.168.10.10/32")
		}, sts, Private, "", "inbound Resolver endpoint"},
		{"the resolver admits only a server outside the network", func(t *testing.T, d doc) doc {
			d.set("resource.aws_vpc_security_group_ingress_rule.dns_53u.cidr_ipv4", "172.16.0.10/32")
			return d.set("resource.aws_vpc_security_group_ingress_rule.dns_53.cidr_ipv4", "172.16.0.10/32")
		}, sts, Unreachable, "target-ingress", "does not admit UDP 53 from on-premises"},
		{"the endpoint has private DNS off", func(t *testing.T, d doc) doc {
			return d.set("resource.aws_vpc_endpoint.sts.private_dns_enabled", false)
		}, sts, Unreachable, "private-dns", "endpoint aws_vpc_endpoint.sts has private DNS off, so on-premises, resolving sts.us-east-1.amazonaws.com, gets the service's public addresses"},
		{"the endpoint does not admit on premises", func(t *testing.T, d doc) doc { return d.del("resource.aws_vpc_security_group_ingress_rule.ep_onprem") }, sts,
			Unreachable, "target-ingress", "does not admit TCP 443 from on-premises"},
		{"an instance, admitted on 22", func(t *testing.T, d doc) doc {
			d.set("resource.aws_vpn_gateway_route_propagation.app", obj(t, `{"vpn_gateway_id": "${aws_vpn_gateway.vgw.id}", "route_table_id": "${aws_route_table.app.id}"}`))
			return d.set("resource.aws_vpc_security_group_ingress_rule.app_22", obj(t, `{"security_group_id": "${aws_security_group.app.id}", "ip_protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_ipv4": "192.168.0.0/16"}`))
		}, onPrem(need.Target{Kind: need.Instance, Addr: "aws_instance.app", Ports: []int{22}}), Private, "", "the hybrid link to aws_instance.app"},
		{"an instance whose table does not route back", func(t *testing.T, d doc) doc {
			return d.set("resource.aws_vpc_security_group_ingress_rule.app_22", obj(t, `{"security_group_id": "${aws_security_group.app.id}", "ip_protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_ipv4": "192.168.0.0/16"}`))
		}, onPrem(need.Target{Kind: need.Instance, Addr: "aws_instance.app", Ports: []int{22}}), Unreachable, "return-route", "aws_subnet.app has no route back to on-premises"},
		{"a gateway attached by aws_vpn_gateway_attachment", func(t *testing.T, d doc) doc {
			d.del("resource.aws_vpn_gateway.vgw.vpc_id")
			return d.set("resource.aws_vpn_gateway_attachment.a", obj(t, `{"vpc_id": "${aws_vpc.v.id}", "vpn_gateway_id": "${aws_vpn_gateway.vgw.id}"}`))
		}, sts, Private, "", "inbound Resolver endpoint"},
		// Route precedence: the gateway propagates its static route
		// (192.168.0.0/16); a table route as specific, or more, wins.
		{"a table route less specific than the propagated one", func(t *testing.T, d doc) doc {
			return d.set("resource.aws_route.ep_tgw", obj(t, `{"route_table_id": "${aws_route_table.ep.id}", "destination_cidr_block": "192.168.0.0/15", "transit_gateway_id": "tgw-0123456789abcdef0"}`))
		}, sts, Private, "", "inbound Resolver endpoint"},
		{"a narrower declared network under a route as specific as the propagated one", func(t *testing.T, d doc) doc {
			d.set("resource.aws_internet_gateway.igw", obj(t, `{"vpc_id": "${aws_vpc.v.id}"}`))
			return d.set("resource.aws_route.ep_igw", obj(t, `{"route_table_id": "${aws_route_table.ep.id}", "destination_cidr_block": "192.168.0.0/16", "gateway_id": "${aws_internet_gateway.igw.id}"}`))
		}, onPrem10(svc("sts")), Unreachable, "return-route", "sends on-premises (192.168.10.0/24) to ${aws_internet_gateway.igw.id} by its route 192.168.0.0/16"},
		{"a narrower declared network under a route more specific than the propagated one", func(t *testing.T, d doc) doc {
			return d.set("resource.aws_route.ep_tgw", obj(t, `{"route_table_id": "${aws_route_table.ep.id}", "destination_cidr_block": "192.168.0.0/20", "transit_gateway_id": "tgw-0123456789abcdef0"}`))
		}, onPrem10(svc("sts")), Unreachable, "return-route", "sends on-premises (192.168.10.0/24) to tgw-0123456789abcdef0 by its route 192.168.0.0/20"},
		{"two static routes that together hold the network", func(t *testing.T, d doc) doc {
			d.set("resource.aws_vpn_connection_route.office.destination_cidr_block", "192.168.0.0/17")
			return d.set("resource.aws_vpn_connection_route.office2", obj(t, `{"vpn_connection_id": "${aws_vpn_connection.office.id}", "destination_cidr_block": "192.168.128.0/17"}`))
		}, sts, Private, "", "inbound Resolver endpoint"},
		{"a traffic selector that leaves the network out", func(t *testing.T, d doc) doc {
			return d.set("resource.aws_vpn_connection.office.local_ipv4_network_cidr", "192.168.1.0/24")
		}, sts, Unreachable, "hybrid", "their static routes do not cover 192.168.0.0/16"},
		{"Direct Connect allowing less than the VPC", func(t *testing.T, d doc) doc {
			d.del("resource.aws_vpn_connection").del("resource.aws_vpn_connection_route")
			return d.set("resource.aws_dx_gateway_association.dx", obj(t, `{"dx_gateway_id": "5f294f92-bafb-4011-916d-9b0bec736f0e", "associated_gateway_id": "${aws_vpn_gateway.vgw.id}", "allowed_prefixes": ["10.0.1.0/24"]}`))
		}, sts, Unreachable, "hybrid", "the allowed prefixes of aws_dx_gateway_association.dx cover none of aws_vpc.v's blocks, so Direct Connect advertises nothing of it"},
		{"a route table on the gateway itself (ingress routing)", func(t *testing.T, d doc) doc {
			d.set("resource.aws_route_table.edge", obj(t, `{"vpc_id": "${aws_vpc.v.id}"}`))
			return d.set("resource.aws_route_table_association.edge", obj(t, `{"gateway_id": "${aws_vpn_gateway.vgw.id}", "route_table_id": "${aws_route_table.edge.id}"}`))
		}, sts, Unknown, "model", "routes what arrives at aws_vpn_gateway.vgw (ingress routing)"},
		// What cannot be known at synth is unknown, never a pass or a fail.
		{"propagation made with count from an expression", func(t *testing.T, d doc) doc {
			return d.set("resource.aws_vpn_gateway_route_propagation.ep.count", "${var.propagate ? 1 : 0}")
		}, sts, Unknown, "model", "aws_vpn_gateway_route_propagation.ep"},
		{"Direct Connect made with count from an expression", func(t *testing.T, d doc) doc {
			d.del("resource.aws_vpn_connection").del("resource.aws_vpn_connection_route")
			return d.set("resource.aws_dx_gateway_association.dx", obj(t, `{"count": "${var.dx ? 1 : 0}", "dx_gateway_id": "x", "associated_gateway_id": "${aws_vpn_gateway.vgw.id}"}`))
		}, sts, Unknown, "model", "aws_dx_gateway_association.dx"},
		{"a gateway whose VPC is a data source", func(t *testing.T, d doc) doc {
			return d.set("resource.aws_vpn_gateway.vgw.vpc_id", "${data.aws_vpc.main.id}")
		}, sts, Unknown, "model", "and it may be the way in"},
		{"an attachment of a gateway named by ID", func(t *testing.T, d doc) doc {
			d.del("resource.aws_vpn_gateway.vgw.vpc_id")
			return d.set("resource.aws_vpn_gateway_attachment.a", obj(t, `{"vpc_id": "${aws_vpc.v.id}", "vpn_gateway_id": "vgw-0123456789abcdef0"}`))
		}, sts, Unknown, "model", "and it may be the way in"},
		{"propagation into a table from a data source", func(t *testing.T, d doc) doc {
			return d.set("resource.aws_vpn_gateway_route_propagation.ep.route_table_id", "${data.aws_route_table.ep.id}")
		}, sts, Unknown, "model", "and it may be the way back"},
		{"a static route of a connection named by an expression", func(t *testing.T, d doc) doc {
			return d.set("resource.aws_vpn_connection_route.office.vpn_connection_id", "${var.conn}")
		}, sts, Unknown, "model", "and it may route 192.168.0.0/16"},
		{"a more specific route made with count from an expression", func(t *testing.T, d doc) doc {
			d.set("resource.aws_internet_gateway.igw", obj(t, `{"vpc_id": "${aws_vpc.v.id}"}`))
			return d.set("resource.aws_route.ep_part", obj(t, `{"count": "${var.n}", "route_table_id": "${aws_route_table.ep.id}", "destination_cidr_block": "192.168.7.0/24", "gateway_id": "${aws_internet_gateway.igw.id}"}`))
		}, sts, Unknown, "model", "aws_route.ep_part"},
		{"a declared network that is a variable", func(t *testing.T, d doc) doc { return d }, onPremCIDRs("${var.onprem}"), Unknown, "model", "the CIDR \"${var.onprem}\" of on-premises is not known at synth"},
		{"a declared network beside a variable", func(t *testing.T, d doc) doc { return d }, onPremCIDRs("192.168.0.0/16", "${var.more}"), Unknown, "model", "is not known at synth"},
		{"no declared network", func(t *testing.T, d doc) doc { return d }, onPremCIDRs(), Unknown, "model", "names no CIDR"},
		// The second review: wide static routes, partial ones, per-block
		// Direct Connect, undecided pieces beside broken ones.
		{"a static 0.0.0.0/0 beside the network's own route, and a default route in the table", func(t *testing.T, d doc) doc {
			d.set("resource.aws_vpn_connection_route.all", obj(t, `{"vpn_connection_id": "${aws_vpn_connection.office.id}", "destination_cidr_block": "0.0.0.0/0"}`))
			d.set("resource.aws_internet_gateway.igw", obj(t, `{"vpc_id": "${aws_vpc.v.id}"}`))
			return d.set("resource.aws_route.ep_default", obj(t, `{"route_table_id": "${aws_route_table.ep.id}", "destination_cidr_block": "0.0.0.0/0", "gateway_id": "${aws_internet_gateway.igw.id}"}`))
		}, sts, Private, "", "inbound Resolver endpoint"},
		{"only a static 0.0.0.0/0, and a default route in the table", func(t *testing.T, d doc) doc {
			d.set("resource.aws_vpn_connection_route.office.destination_cidr_block", "0.0.0.0/0")
			d.set("resource.aws_internet_gateway.igw", obj(t, `{"vpc_id": "${aws_vpc.v.id}"}`))
			return d.set("resource.aws_route.ep_default", obj(t, `{"route_table_id": "${aws_route_table.ep.id}", "destination_cidr_block": "0.0.0.0/0", "gateway_id": "${aws_internet_gateway.igw.id}"}`))
		}, sts, Unreachable, "return-route", "by its route 0.0.0.0/0, not to aws_vpn_gateway.vgw"},
		{"two static routes to the gateway that together hold the network", func(t *testing.T, d doc) doc {
			d.del("resource.aws_vpn_gateway_route_propagation")
			d.set("resource.aws_route.lo", obj(t, `{"route_table_id": "${aws_route_table.ep.id}", "destination_cidr_block": "192.168.0.0/17", "gateway_id": "${aws_vpn_gateway.vgw.id}"}`))
			return d.set("resource.aws_route.hi", obj(t, `{"route_table_id": "${aws_route_table.ep.id}", "destination_cidr_block": "192.168.128.0/17", "gateway_id": "${aws_vpn_gateway.vgw.id}"}`))
		}, sts, Private, "", "inbound Resolver endpoint"},
		{"one half of the network routed to the gateway", func(t *testing.T, d doc) doc {
			d.del("resource.aws_vpn_gateway_route_propagation")
			return d.set("resource.aws_route.lo", obj(t, `{"route_table_id": "${aws_route_table.ep.id}", "destination_cidr_block": "192.168.0.0/17", "gateway_id": "${aws_vpn_gateway.vgw.id}"}`))
		}, sts, Unreachable, "return-route", "(192.168.0.0/16, from 192.168.128.0): neither propagation"},
		{"a prefix-list route to a Transit Gateway", func(t *testing.T, d doc) doc {
			return d.set("resource.aws_route.pl", obj(t, `{"route_table_id": "${aws_route_table.ep.id}", "destination_prefix_list_id": "pl-0123456789abcdef0", "transit_gateway_id": "tgw-0123456789abcdef0"}`))
		}, sts, Unknown, "model", "routes prefix list \"pl-0123456789abcdef0\""},
		{"propagation with count from an expression, beside a default route", func(t *testing.T, d doc) doc {
			d.set("resource.aws_vpn_gateway_route_propagation.ep.count", "${var.propagate ? 1 : 0}")
			d.set("resource.aws_internet_gateway.igw", obj(t, `{"vpc_id": "${aws_vpc.v.id}"}`))
			return d.set("resource.aws_route.ep_default", obj(t, `{"route_table_id": "${aws_route_table.ep.id}", "destination_cidr_block": "0.0.0.0/0", "gateway_id": "${aws_internet_gateway.igw.id}"}`))
		}, sts, Unknown, "model", "aws_vpn_gateway_route_propagation.ep"},
		{"a second, closed inbound endpoint beside one whose groups are a data source", func(t *testing.T, d doc) doc {
			d.set("resource.aws_security_group.closed", obj(t, `{"vpc_id": "${aws_vpc.v.id}"}`))
			d.set("resource.aws_route53_resolver_endpoint.a_closed", obj(t, `{"direction": "INBOUND", "security_group_ids": ["${aws_security_group.closed.id}"], "ip_address": [{"subnet_id": "${aws_subnet.ep.id}"}, {"subnet_id": "${aws_subnet.ep.id}", "ip": "10.0.2.11"}]}`))
			return d.set("resource.aws_route53_resolver_endpoint.inbound.security_group_ids", []any{"${data.aws_security_group.dns.id}"})
		}, sts, Unknown, "model", "data.aws_security_group.dns"},
		{"a Direct Connect proposal instead of a connection", func(t *testing.T, d doc) doc {
			d.del("resource.aws_vpn_connection").del("resource.aws_vpn_connection_route")
			return d.set("resource.aws_dx_gateway_association_proposal.p", obj(t, `{"dx_gateway_id": "5f294f92-bafb-4011-916d-9b0bec736f0e", "dx_gateway_owner_account_id": "111122223333", "associated_gateway_id": "${aws_vpn_gateway.vgw.id}"}`))
		}, sts, Unknown, "model", "proposes a Direct Connect association of aws_vpn_gateway.vgw"},
		{"a connection whose static routing is a variable", func(t *testing.T, d doc) doc {
			return d.set("resource.aws_vpn_connection.office.static_routes_only", "${var.static}")
		}, sts, Unknown, "model", "whether aws_vpn_connection.office routes statically is not a literal value"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := hybrid(t, parseDoc(t, base))
			d = c.change(t, d)
			check(t, New([]*tfjson.Stack{d.stack(t, "t")}).Check("t", c.need), c.want, c.link, c.words)
		})
	}
}

// Two networks whose CIDRs print alike get verdicts of their own.
func TestHybridCacheKeepsClientsApart(t *testing.T) {
	d := hybrid(t, parseDoc(t, base))
	an := New([]*tfjson.Stack{d.stack(t, "t")})
	one := need.Declared{Path: "x", From: need.Source{External: &need.External{Name: "n", CIDRs: []string{"192.168.0.0/16 10.9.0.0/16"}, Vpc: "aws_vpc.v"}}, Need: need.Need{Label: "sts", Targets: []need.Target{svc("sts")}}}
	two := need.Declared{Path: "x", From: need.Source{External: &need.External{Name: "n", CIDRs: []string{"192.168.0.0/16", "10.9.0.0/16"}, Vpc: "aws_vpc.v"}}, Need: need.Need{Label: "sts", Targets: []need.Target{svc("sts")}}}
	check(t, an.Check("t", one), Unknown, "model", "is not known at synth")
	check(t, an.Check("t", two), Unreachable, "hybrid", "do not cover 10.9.0.0/16")
}

// Direct Connect advertises the VPC blocks its allowed prefixes cover: an
// endpoint in a covered block is reached, one in another block is not.
func TestHybridDirectConnectPerBlock(t *testing.T) {
	d := hybrid(t, parseDoc(t, base))
	d.del("resource.aws_vpn_connection").del("resource.aws_vpn_connection_route")
	d.set("resource.aws_vpc_ipv4_cidr_block_association.pods", obj(t, `{"vpc_id": "${aws_vpc.v.id}", "cidr_block": "100.64.0.0/16"}`))
	d.set("resource.aws_dx_gateway_association.dx", obj(t, `{"dx_gateway_id": "5f294f92-bafb-4011-916d-9b0bec736f0e", "associated_gateway_id": "${aws_vpn_gateway.vgw.id}", "allowed_prefixes": ["10.0.0.0/16"]}`))
	n := need.Declared{Path: "x", From: need.Source{External: &need.External{Name: "on-premises", CIDRs: []string{"192.168.0.0/16"}, Vpc: "aws_vpc.v"}}, Need: need.Need{Label: "sts", Targets: []need.Target{svc("sts")}}}
	check(t, New([]*tfjson.Stack{d.stack(t, "t")}).Check("t", n), Private, "", "inbound Resolver endpoint")
	d.set("resource.aws_subnet.ep.cidr_block", "100.64.2.0/24")
	check(t, New([]*tfjson.Stack{d.stack(t, "t")}).Check("t", n), Unreachable, "hybrid", "cover no VPC block that holds aws_subnet.ep (100.64.2.0/24)")
}

// A piece that cannot be followed in one stack does not make another
// stack's verdicts unknown when it names that stack's VPC.
func TestHybridLooseFactsStayInTheirVpc(t *testing.T) {
	a := hybrid(t, parseDoc(t, base)).del("resource.aws_vpn_gateway").del("resource.aws_vpn_connection").del("resource.aws_vpn_connection_route").del("resource.aws_vpn_gateway_route_propagation")
	b := hybrid(t, parseDoc(t, base))
	b.set("resource.aws_vpn_gateway.vgw.count", "${var.n}")
	n := need.Declared{Path: "x", From: need.Source{External: &need.External{Name: "on-premises", CIDRs: []string{"192.168.0.0/16"}, Vpc: "aws_vpc.v"}}, Need: need.Need{Label: "sts", Targets: []need.Target{svc("sts")}}}
	an := New([]*tfjson.Stack{a.stack(t, "a"), b.stack(t, "b")})
	check(t, an.Check("a", n), Unreachable, "hybrid", "no virtual private gateway is attached to aws_vpc.v")
	check(t, an.Check("b", n), Unknown, "model", "and it may be the way in")
}

// The gateway in one stack, the connection (and its static route) in
// another: the verdict is the same whichever stack's name sorts first.
func TestHybridAcrossStacks(t *testing.T) {
	net := hybrid(t, parseDoc(t, base))
	conn := net["resource"].(map[string]any)["aws_vpn_connection"]
	route := net["resource"].(map[string]any)["aws_vpn_connection_route"]
	net.del("resource.aws_vpn_connection").del("resource.aws_vpn_connection_route")
	net.set("output.vgw", map[string]any{"value": "${aws_vpn_gateway.vgw.id}"})
	n := need.Declared{Path: "x", From: need.Source{External: &need.External{Name: "on-premises", CIDRs: []string{"192.168.0.0/16"}, Vpc: "aws_vpc.v"}}, Need: need.Need{Label: "sts", Targets: []need.Target{svc("sts")}}}
	for _, other := range []string{"avpn", "zvpn"} {
		v := parseDoc(t, `{"provider": {"aws": [{"region": "us-east-1"}]}, "resource": {}}`)
		c := conn.(map[string]any)["office"].(map[string]any)
		c["vpn_gateway_id"] = "${data.terraform_remote_state.cross-stack-reference-input-net.outputs.vgw}"
		v.set("resource.aws_vpn_connection.office", c)
		v.set("resource.aws_vpn_connection_route.office", route.(map[string]any)["office"])
		v.set("output.conn", map[string]any{"value": "${aws_vpn_connection.office.id}"})
		v.set("data.terraform_remote_state.cross-stack-reference-input-net", map[string]any{"backend": "local", "config": map[string]any{"path": "../net/terraform.net.tfstate"}})
		check(t, New([]*tfjson.Stack{net.stack(t, "net"), v.stack(t, other)}).Check("net", n), Private, "", "inbound Resolver endpoint")
	}
}

// A prefix-list route to a Gateway Load Balancer endpoint may take the
// replies: unknown.
func TestHybridPrefixListToEndpoint(t *testing.T) {
	d := hybrid(t, parseDoc(t, base))
	d.set("resource.aws_route.pl", obj(t, `{"route_table_id": "${aws_route_table.ep.id}", "destination_prefix_list_id": "pl-0123456789abcdef0", "vpc_endpoint_id": "vpce-0123456789abcdef0"}`))
	n := need.Declared{Path: "x", From: need.Source{External: &need.External{Name: "on-premises", CIDRs: []string{"192.168.0.0/16"}, Vpc: "aws_vpc.v"}}, Need: need.Need{Label: "sts", Targets: []need.Target{svc("sts")}}}
	check(t, New([]*tfjson.Stack{d.stack(t, "t")}).Check("t", n), Unknown, "model", "routes prefix list \"pl-0123456789abcdef0\"")
}

// A Resolver endpoint that cannot be placed in one stack's VPC leaves
// another stack's verdict alone.
func TestHybridLooseResolverStaysInItsVpc(t *testing.T) {
	a := hybrid(t, parseDoc(t, base)).del("resource.aws_vpc_security_group_ingress_rule.dns_53").del("resource.aws_vpc_security_group_ingress_rule.dns_53u")
	b := hybrid(t, parseDoc(t, base))
	b.set("resource.aws_route53_resolver_endpoint.inbound.count", "${var.n}")
	n := need.Declared{Path: "x", From: need.Source{External: &need.External{Name: "on-premises", CIDRs: []string{"192.168.0.0/16"}, Vpc: "aws_vpc.v"}}, Need: need.Need{Label: "sts", Targets: []need.Target{svc("sts")}}}
	an := New([]*tfjson.Stack{a.stack(t, "a"), b.stack(t, "b")})
	check(t, an.Check("a", n), Unreachable, "target-ingress", "does not admit UDP 53 from on-premises")
	check(t, an.Check("b", n), Unknown, "model", "and it may be an inbound endpoint of aws_vpc.v")
}

// A gateway in one stack attached by an aws_vpn_gateway_attachment in
// another: the same verdict whichever name sorts first.
func TestHybridAttachmentAcrossStacks(t *testing.T) {
	net := hybrid(t, parseDoc(t, base))
	net.del("resource.aws_vpn_gateway.vgw.vpc_id")
	net.set("output.vgw", map[string]any{"value": "${aws_vpn_gateway.vgw.id}"})
	net.set("output.vpc", map[string]any{"value": "${aws_vpc.v.id}"})
	n := need.Declared{Path: "x", From: need.Source{External: &need.External{Name: "on-premises", CIDRs: []string{"192.168.0.0/16"}, Vpc: "aws_vpc.v"}}, Need: need.Need{Label: "sts", Targets: []need.Target{svc("sts")}}}
	for _, other := range []string{"anet", "znet"} {
		a := parseDoc(t, `{"provider": {"aws": [{"region": "us-east-1"}]}, "resource": {}}`)
		a.set("resource.aws_vpn_gateway_attachment.a", map[string]any{
			"vpn_gateway_id": "${data.terraform_remote_state.cross-stack-reference-input-net.outputs.vgw}",
			"vpc_id":         "${data.terraform_remote_state.cross-stack-reference-input-net.outputs.vpc}"})
		a.set("data.terraform_remote_state.cross-stack-reference-input-net", map[string]any{"backend": "local", "config": map[string]any{"path": "../net/terraform.net.tfstate"}})
		check(t, New([]*tfjson.Stack{net.stack(t, "net"), a.stack(t, other)}).Check("net", n), Private, "", "inbound Resolver endpoint")
	}
}

// On premises resolving through an inbound Resolver endpoint of a VPC
// whose zone (a hub's) answers the name: the endpoint's own private DNS
// does not matter; a zone that sends the name to another VPC's endpoint
// is a path through a second VPC, not followed yet.
func TestHybridThroughZone(t *testing.T) {
	sts := need.Declared{Path: "t/onprem", From: need.Source{External: &need.External{Name: "on-premises", CIDRs: []string{"192.168.0.0/16"}, Via: "VPN", Vpc: "aws_vpc.v"}},
		Need: need.Need{Label: "onprem", Targets: []need.Target{svc("sts")}}}
	d := hybrid(t, parseDoc(t, base))
	d.set("resource.aws_vpc_endpoint.sts.private_dns_enabled", false)
	check(t, New([]*tfjson.Stack{d.stack(t, "t")}).Check("t", sts), Unreachable, "private-dns", "endpoint aws_vpc_endpoint.sts has private DNS off")
	d.set("resource.aws_route53_zone.sts", obj(t, `{"name": "sts.us-east-1.amazonaws.com", "vpc": [{"vpc_id": "${aws_vpc.v.id}"}]}`))
	d.set("resource.aws_route53_record.sts", obj(t, `{"zone_id": "${aws_route53_zone.sts.zone_id}", "name": "sts.us-east-1.amazonaws.com", "type": "A",
		"alias": {"name": "${aws_vpc_endpoint.sts.dns_entry[0].dns_name}", "zone_id": "${aws_vpc_endpoint.sts.dns_entry[0].hosted_zone_id}", "evaluate_target_health": false}}`))
	check(t, New([]*tfjson.Stack{d.stack(t, "t")}).Check("t", sts), Private, "",
		"interface endpoint aws_vpc_endpoint.sts through private hosted zone sts.us-east-1.amazonaws.com, resolved through inbound Resolver endpoint aws_route53_resolver_endpoint.inbound")
	// The inbound endpoint that does not admit on premises still stops it.
	d.del("resource.aws_vpc_security_group_ingress_rule.dns_53u")
	check(t, New([]*tfjson.Stack{d.stack(t, "t")}).Check("t", sts), Unreachable, "target-ingress", "aws_route53_resolver_endpoint.inbound (security groups aws_security_group.dns) does not admit UDP 53 from on-premises")
	// The endpoint's private DNS is more specific than a parent zone, on
	// premises as in the VPC; a zone of its own name beside it is unknown.
	p := hybrid(t, parseDoc(t, base))
	p.set("resource.aws_route53_zone.region", obj(t, `{"name": "us-east-1.amazonaws.com", "vpc": [{"vpc_id": "${aws_vpc.v.id}"}]}`))
	check(t, New([]*tfjson.Stack{p.stack(t, "t")}).Check("t", sts), Private, "", "interface endpoint aws_vpc_endpoint.sts with private DNS, resolved through inbound Resolver endpoint aws_route53_resolver_endpoint.inbound")
	check(t, New([]*tfjson.Stack{p.stack(t, "t")}).Check("t", fromApp(svc("sts"))), Private, "", "interface endpoint aws_vpc_endpoint.sts with private DNS")
	p.set("resource.aws_route53_zone.region.name", "sts.us-east-1.amazonaws.com")
	check(t, New([]*tfjson.Stack{p.stack(t, "t")}).Check("t", sts), Unknown, "dhcp-dns", "beside the private DNS of aws_vpc_endpoint.sts for the same name")
	// Two zones of the endpoint's own name, and a parent zone whose
	// association cannot be judged, on premises too.
	p.set("resource.aws_route53_zone.again", obj(t, `{"name": "sts.us-east-1.amazonaws.com", "vpc": [{"vpc_id": "${aws_vpc.v.id}"}]}`))
	check(t, New([]*tfjson.Stack{p.stack(t, "t")}).Check("t", sts), Unknown, "hosted-zone", "both have name \"sts.us-east-1.amazonaws.com\"")
	p.del("resource.aws_route53_zone.again")
	p.set("resource.aws_route53_zone.region.name", "us-east-1.amazonaws.com")
	p.set("resource.aws_route53_zone.region.count", "${var.n}")
	check(t, New([]*tfjson.Stack{p.stack(t, "t")}).Check("t", sts), Private, "", "interface endpoint aws_vpc_endpoint.sts with private DNS, resolved through inbound Resolver endpoint")
	// The zone sends the name to an endpoint in another VPC.
	o := hybrid(t, withHub(t, viaTransit(t)))
	o.set("resource.aws_vpc_endpoint.hub_sts", obj(t, `{"vpc_id": "${aws_vpc.w.id}", "service_name": "com.amazonaws.us-east-1.sts", "vpc_endpoint_type": "Interface", "private_dns_enabled": false,
		"subnet_ids": ["${aws_subnet.w.id}"], "security_group_ids": ["${aws_security_group.hubep.id}"]}`))
	o.set("resource.aws_route53_zone.sts", obj(t, `{"name": "sts.us-east-1.amazonaws.com", "vpc": [{"vpc_id": "${aws_vpc.w.id}"}]}`))
	o.set("resource.aws_route53_zone_association.sts_v", obj(t, `{"zone_id": "${aws_route53_zone.sts.zone_id}", "vpc_id": "${aws_vpc.v.id}"}`))
	o.set("resource.aws_vpc_endpoint.sts.private_dns_enabled", false)
	o.set("resource.aws_route53_record.sts", obj(t, `{"zone_id": "${aws_route53_zone.sts.zone_id}", "name": "sts.us-east-1.amazonaws.com", "type": "A",
		"alias": {"name": "${aws_vpc_endpoint.hub_sts.dns_entry[0].dns_name}", "zone_id": "${aws_vpc_endpoint.hub_sts.dns_entry[0].hosted_zone_id}", "evaluate_target_health": false}}`))
	check(t, New([]*tfjson.Stack{o.stack(t, "t")}).Check("t", sts), Unknown, "model", "on-premises arrives in aws_vpc.v, whose zone \"sts.us-east-1.amazonaws.com\" sends sts.us-east-1.amazonaws.com to aws_vpc_endpoint.hub_sts in aws_vpc.w: paths from on premises through a second VPC are not modelled yet")
}
