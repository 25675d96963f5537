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
		}, sts, Unreachable, "hybrid", "none of their static routes covers 192.168.0.0/16"},
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
		{"the resolver does not admit on premises", func(t *testing.T, d doc) doc { return d.del("resource.aws_vpc_security_group_ingress_rule.dns_53") }, sts,
			Unreachable, "target-ingress", "aws_route53_resolver_endpoint.inbound (security groups aws_security_group.dns) does not admit TCP 53 from on-premises"},
		{"the resolver admits only the on-premises DNS servers", func(t *testing.T, d doc) doc {
			return d.set("resource.aws_vpc_security_group_ingress_rule.dns_53.cidr_ipv4", "192.168.10.10/32")
		}, sts, Private, "", "inbound Resolver endpoint"},
		{"the resolver admits only a server outside the network", func(t *testing.T, d doc) doc {
			return d.set("resource.aws_vpc_security_group_ingress_rule.dns_53.cidr_ipv4", "172.16.0.10/32")
		}, sts, Unreachable, "target-ingress", "does not admit TCP 53 from on-premises"},
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
