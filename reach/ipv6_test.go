package reach

import (
	"net/netip"
	"testing"

	"github.com/privnet/privnet/reach/need"
	"github.com/privnet/privnet/tfjson"
)

// dual makes the base network dual-stack: the VPC's Amazon-provided /56,
// a /64 for each subnet, and a dualstack STS endpoint. The app's group
// allows 443 out to the VPC's IPv4 block only.
func dual(t testing.TB) doc {
	d := parseDoc(t, base)
	d.set("resource.aws_vpc.v.assign_generated_ipv6_cidr_block", true)
	d.set("resource.aws_subnet.app.ipv6_cidr_block", "${cidrsubnet(aws_vpc.v.ipv6_cidr_block, 8, 1)}")
	d.set("resource.aws_subnet.ep.ipv6_cidr_block", "${cidrsubnet(aws_vpc.v.ipv6_cidr_block, 8, 2)}")
	d.set("resource.aws_vpc_endpoint.sts.ip_address_type", "dualstack")
	return d
}

// Each piece of an IPv6 path changed in turn.
func TestIpv6Paths(t *testing.T) {
	egress6 := func(t *testing.T, d doc, cidr string) doc {
		return d.set("resource.aws_vpc_security_group_egress_rule.app_443_6", obj(t, `{"security_group_id": "${aws_security_group.app.id}", "ip_protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv6": "`+cidr+`"}`))
	}
	acl := func(t *testing.T, d doc, rules string) doc {
		return d.set("resource.aws_network_acl.acl", obj(t, `{"vpc_id": "${aws_vpc.v.id}", "subnet_ids": ["${aws_subnet.ep.id}"], "ingress": `+rules+`, "egress": `+rules+`}`))
	}
	const v4All = `{"rule_no": 100, "action": "allow", "protocol": "-1", "cidr_block": "0.0.0.0/0", "from_port": 0, "to_port": 0}`
	const v6All = `{"rule_no": 101, "action": "allow", "protocol": "-1", "ipv6_cidr_block": "::/0", "from_port": 0, "to_port": 0}`
	ipv6Only := func(t *testing.T, d doc) doc {
		d.del("resource.aws_subnet.app.cidr_block")
		return d.set("resource.aws_subnet.app.ipv6_native", true)
	}
	natAndIgw := func(t *testing.T, d doc) doc {
		publicNat(t, d)
		d.set("resource.aws_route.app_nat64", obj(t, `{"route_table_id": "${aws_route_table.app.id}", "destination_ipv6_cidr_block": "64:ff9b::/96", "nat_gateway_id": "${aws_nat_gateway.nat.id}"}`))
		return d.set("resource.aws_subnet.app.enable_dns64", true)
	}
	cases := []struct {
		name   string
		change func(t *testing.T, d doc) doc
		want   Verdict
		link   string
		words  string
	}{
		{"IPv6 allowed out to the VPC's block", func(t *testing.T, d doc) doc { return egress6(t, d, "${aws_vpc.v.ipv6_cidr_block}") }, Private, "", "interface endpoint aws_vpc_endpoint.sts"},
		{"IPv6 allowed out to the endpoint's subnet", func(t *testing.T, d doc) doc { return egress6(t, d, "${aws_subnet.ep.ipv6_cidr_block}") }, Private, "", "interface endpoint aws_vpc_endpoint.sts"},
		{"IPv6 allowed out to ::/0", func(t *testing.T, d doc) doc { return egress6(t, d, "::/0") }, Private, "", "interface endpoint aws_vpc_endpoint.sts"},
		{"no IPv6 out: the AAAA answer is refused", func(t *testing.T, d doc) doc { return d }, Unreachable, "client-egress", "over IPv6: the security groups of aws_instance.app (aws_security_group.app) allow no TCP 443 out to aws_vpc_endpoint.sts"},
		{"IPv6 out to the app's own /64 only", func(t *testing.T, d doc) doc { return egress6(t, d, "${aws_subnet.app.ipv6_cidr_block}") }, Unreachable, "client-egress", "over IPv6"},
		{"a literal IPv6 CIDR cannot be compared with the VPC's block", func(t *testing.T, d doc) doc { return egress6(t, d, "2600:1f18:aaaa::/56") }, Unknown, "client-egress", "whether 2600:1f18:aaaa::/56"},
		// A literal inside the stand-in range is no way round it.
		{"a literal in 2001:db8::/32", func(t *testing.T, d doc) doc { return egress6(t, d, "2001:db8::/32") }, Unknown, "client-egress", "whether 2001:db8::/32"},
		{"A records only: the IPv4 path alone", func(t *testing.T, d doc) doc {
			return d.set("resource.aws_vpc_endpoint.sts.dns_options", obj(t, `{"dns_record_ip_type": "ipv4"}`))
		}, Private, "", "interface endpoint aws_vpc_endpoint.sts"},
		{"an IPv4-only client of a dualstack endpoint", func(t *testing.T, d doc) doc { return d.del("resource.aws_subnet.app.ipv6_cidr_block") }, Private, "", "interface endpoint"},
		{"an IPv4-only client of AAAA records only", func(t *testing.T, d doc) doc {
			d.del("resource.aws_subnet.app.ipv6_cidr_block")
			return d.set("resource.aws_vpc_endpoint.sts.dns_options", obj(t, `{"dns_record_ip_type": "ipv6"}`))
		}, Unreachable, "ip-family", "aws_vpc_endpoint.sts answers IPv6 addresses only (a dualstack endpoint, DNS record IP type ipv6), and aws_instance.app has no IPv6 address"},
		{"a network ACL with IPv4 rules only", func(t *testing.T, d doc) doc { return acl(t, egress6(t, d, "::/0"), "["+v4All+"]") }, Unreachable, "network-acl", "over IPv6: network ACL aws_network_acl.acl of aws_subnet.ep blocks TCP 443 in"},
		{"a network ACL with IPv6 rules too", func(t *testing.T, d doc) doc { return acl(t, egress6(t, d, "::/0"), "["+v4All+","+v6All+"]") }, Private, "", "interface endpoint"},
		{"an ACL's literal IPv6 rule", func(t *testing.T, d doc) doc {
			return acl(t, egress6(t, d, "::/0"), `[`+v4All+`, {"rule_no": 101, "action": "allow", "protocol": "-1", "ipv6_cidr_block": "2600:1f18::/40", "from_port": 0, "to_port": 0}]`)
		}, Unknown, "network-acl", "whether it covers"},
		{"an IP address type privnet does not know", func(t *testing.T, d doc) doc { return d.set("resource.aws_vpc_endpoint.sts.ip_address_type", "ipv7") }, Unknown, "model", `IP address type "ipv7"`},
		{"an IPv6-only client of an IPv4 endpoint, no DNS64", func(t *testing.T, d doc) doc {
			return ipv6Only(t, d.set("resource.aws_vpc_endpoint.sts.ip_address_type", "ipv4"))
		}, Unreachable, "ip-family", "aws_subnet.app is IPv6-only, and aws_vpc_endpoint.sts answers IPv4 addresses only; without DNS64"},
		{"DNS64 without NAT64", func(t *testing.T, d doc) doc {
			return ipv6Only(t, d.set("resource.aws_vpc_endpoint.sts.ip_address_type", "ipv4")).set("resource.aws_subnet.app.enable_dns64", true)
		}, Unreachable, "ip-family", "has no route for 64:ff9b::/96"},
		{"NAT64, but no IPv6 out to 64:ff9b::/96", func(t *testing.T, d doc) doc {
			return natAndIgw(t, ipv6Only(t, egress6(t, d.set("resource.aws_vpc_endpoint.sts.ip_address_type", "ipv4"), "${aws_vpc.v.ipv6_cidr_block}")))
		}, Unreachable, "client-egress", "over IPv6: the security groups of aws_instance.app (aws_security_group.app) allow no TCP 443 out to 64:ff9b::/96 (NAT64)"},
		{"NAT64 to an endpoint that admits the app's group only", func(t *testing.T, d doc) doc {
			return natAndIgw(t, ipv6Only(t, egress6(t, d.set("resource.aws_vpc_endpoint.sts.ip_address_type", "ipv4"), "64:ff9b::/96")))
		}, Unreachable, "target-ingress", "does not admit TCP 443 from NAT gateway aws_nat_gateway.nat (NAT64 for aws_instance.app)"},
		{"NAT64 to an endpoint that admits the VPC", func(t *testing.T, d doc) doc {
			d = natAndIgw(t, ipv6Only(t, egress6(t, d.set("resource.aws_vpc_endpoint.sts.ip_address_type", "ipv4"), "64:ff9b::/96")))
			return d.set("resource.aws_vpc_security_group_ingress_rule.ep_vpc", obj(t, `{"security_group_id": "${aws_security_group.ep.id}", "ip_protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": "10.0.0.0/16"}`))
		}, Private, "", "interface endpoint aws_vpc_endpoint.sts"},
		{"an IPv6-only client, no endpoint, no way out", func(t *testing.T, d doc) doc { return ipv6Only(t, d.del("resource.aws_vpc_endpoint.sts")) }, Unreachable, "endpoint", "aws_subnet.app is IPv6-only, with no route to ::/0 and no NAT64"},
		{"NAT64 by an inline route of the table", func(t *testing.T, d doc) doc {
			d = natAndIgw(t, ipv6Only(t, egress6(t, d.del("resource.aws_vpc_endpoint.sts"), "64:ff9b::/96"))).del("resource.aws_route.app_nat64")
			return d.set("resource.aws_route_table.app.route", []any{obj(t, `{"ipv6_cidr_block": "64:ff9b::/96", "nat_gateway_id": "${aws_nat_gateway.nat.id}"}`)})
		}, Internet, "", "NAT64 through NAT gateway aws_nat_gateway.nat"},
		{"an IPv6-only client, no endpoint, NAT64 out", func(t *testing.T, d doc) doc {
			return natAndIgw(t, ipv6Only(t, egress6(t, d.del("resource.aws_vpc_endpoint.sts"), "64:ff9b::/96")))
		}, Internet, "", "NAT64 through NAT gateway aws_nat_gateway.nat"},
		{"an IPv6-only client, no endpoint, ::/0 to an egress-only gateway", func(t *testing.T, d doc) doc {
			d = ipv6Only(t, d.del("resource.aws_vpc_endpoint.sts"))
			d.set("resource.aws_egress_only_internet_gateway.eigw", obj(t, `{"vpc_id": "${aws_vpc.v.id}"}`))
			return d.set("resource.aws_route.app_v6", obj(t, `{"route_table_id": "${aws_route_table.app.id}", "destination_ipv6_cidr_block": "::/0", "egress_only_gateway_id": "${aws_egress_only_internet_gateway.eigw.id}"}`))
		}, Unknown, "ip-family", "whether the service answers with IPv6 addresses is not recorded"},
		{"DNS64 on a dual-stack subnet, no NAT64", func(t *testing.T, d doc) doc {
			return egress6(t, d.set("resource.aws_vpc_endpoint.sts.ip_address_type", "ipv4"), "::/0").set("resource.aws_subnet.app.enable_dns64", true)
		}, Unreachable, "ip-family", "aws_subnet.app has DNS64, and has no route for 64:ff9b::/96"},
		{"DNS64 and NAT64 on a dual-stack subnet", func(t *testing.T, d doc) doc {
			d = natAndIgw(t, egress6(t, d.set("resource.aws_vpc_endpoint.sts.ip_address_type", "ipv4"), "::/0"))
			return d.set("resource.aws_vpc_security_group_ingress_rule.ep_vpc", obj(t, `{"security_group_id": "${aws_security_group.ep.id}", "ip_protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": "10.0.0.0/16"}`))
		}, Private, "", "over IPv4 and NAT64 through aws_nat_gateway.nat"},
		{"a group reference that cannot be read stays unknown over IPv6", func(t *testing.T, d doc) doc {
			return d.set("resource.aws_vpc_security_group_egress_rule.app_data", obj(t, `{"security_group_id": "${aws_security_group.app.id}", "ip_protocol": "tcp", "from_port": 443, "to_port": 443, "referenced_security_group_id": "${data.aws_security_group.x.id}"}`))
		}, Unknown, "client-egress", "data source"},
		{"DNS64 that is not a literal value", func(t *testing.T, d doc) doc {
			return ipv6Only(t, d.set("resource.aws_vpc_endpoint.sts.ip_address_type", "ipv4")).set("resource.aws_subnet.app.enable_dns64", "${var.dns64}")
		}, Unknown, "model", "whether aws_subnet.app has DNS64 is not a literal value"},
		{"NAT64 to a NAT gateway outside the app", func(t *testing.T, d doc) doc {
			d = ipv6Only(t, d.del("resource.aws_vpc_endpoint.sts")).set("resource.aws_subnet.app.enable_dns64", true)
			return d.set("resource.aws_route.app_nat64", obj(t, `{"route_table_id": "${aws_route_table.app.id}", "destination_ipv6_cidr_block": "64:ff9b::/96", "nat_gateway_id": "${data.aws_nat_gateway.x.id}"}`))
		}, Unknown, "model", "which privnet does not model"},
		{"an IPv6-only client of an ipv6 endpoint", func(t *testing.T, d doc) doc {
			d = ipv6Only(t, egress6(t, d.set("resource.aws_vpc_endpoint.sts.ip_address_type", "ipv6"), "${aws_vpc.v.ipv6_cidr_block}"))
			d.del("resource.aws_subnet.ep.cidr_block")
			return d.set("resource.aws_subnet.ep.ipv6_native", true)
		}, Private, "", "interface endpoint aws_vpc_endpoint.sts"},
	}
	// Paths to instances are followed over IPv4 only: where the two ends
	// share no family they are broken, where they share IPv6 only unknown,
	// even when the target admits 0.0.0.0/0.
	toOther := fromApp(need.Target{Kind: need.Instance, Addr: "aws_instance.other", Ports: []int{22}})
	withOther := func(t *testing.T, d doc) doc {
		d.set("resource.aws_instance.other", obj(t, `{"ami": "ami-1", "instance_type": "t3.micro", "subnet_id": "${aws_subnet.ep.id}", "vpc_security_group_ids": ["${aws_security_group.ep.id}"]}`))
		d.set("resource.aws_vpc_security_group_ingress_rule.ep_any", obj(t, `{"security_group_id": "${aws_security_group.ep.id}", "ip_protocol": "-1", "cidr_ipv4": "0.0.0.0/0"}`))
		return d.set("resource.aws_vpc_security_group_egress_rule.app_any", obj(t, `{"security_group_id": "${aws_security_group.app.id}", "ip_protocol": "-1", "cidr_ipv4": "0.0.0.0/0"}`))
	}
	only6 := func(d doc, sn string) doc {
		d.del("resource.aws_subnet." + sn + ".cidr_block")
		return d.set("resource.aws_subnet."+sn+".ipv6_native", true)
	}
	for _, c := range []struct {
		name  string
		d     doc
		want  Verdict
		words string
	}{
		{"both dual-stack", withOther(t, dual(t)), Private, ""},
		{"an IPv6-only client, an IPv4-only target", only6(withOther(t, dual(t)).del("resource.aws_subnet.ep.ipv6_cidr_block"), "app"), Unreachable, "aws_instance.app is IPv6-only (no DNS64, no NAT64 route) and aws_instance.other has IPv4 only"},
		{"an IPv4-only client, an IPv6-only target", only6(withOther(t, dual(t)).del("resource.aws_subnet.app.ipv6_cidr_block"), "ep"), Unreachable, "aws_instance.other has no IPv4 address (an IPv6-only subnet), and aws_instance.app has no IPv6 address"},
		{"a dual-stack client, an IPv6-only target", only6(withOther(t, dual(t)), "ep"), Unknown, "meet over IPv6 only"},
		{"an IPv6-only client with DNS64, an IPv4-only target", only6(withOther(t, dual(t)).del("resource.aws_subnet.ep.ipv6_cidr_block"), "app").set("resource.aws_subnet.app.enable_dns64", true), Unknown, "NAT64 to an instance is not followed"},
	} {
		r := New([]*tfjson.Stack{c.d.stack(t, "t")}).Check("t", toOther)
		link := "ip-family"
		if c.want == Private {
			link = ""
		}
		t.Run(c.name, func(t *testing.T) { check(t, r, c.want, link, c.words) })
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := c.change(t, dual(t))
			r := New([]*tfjson.Stack{d.stack(t, "t")}).Check("t", fromApp(svc("sts")))
			check(t, r, c.want, c.link, c.words)
		})
	}
}

// An endpoint across a peering answers AAAA: the spoke's dual-stack client
// needs an IPv6 route to the hub's block; with one, the IPv6 path is not
// followed further (unknown), and with A records only it is the IPv4 path.
func TestIpv6AcrossVpcs(t *testing.T) {
	n := fromApp(svc("ssm"))
	run := func(d doc) Result { return New([]*tfjson.Stack{d.stack(t, "t")}).Check("t", n) }
	d := withHub(t, viaPeering(t))
	d.set("resource.aws_vpc.v.assign_generated_ipv6_cidr_block", true)
	d.set("resource.aws_vpc.w.assign_generated_ipv6_cidr_block", true)
	d.set("resource.aws_subnet.app.ipv6_cidr_block", "${cidrsubnet(aws_vpc.v.ipv6_cidr_block, 8, 1)}")
	d.set("resource.aws_subnet.w.ipv6_cidr_block", "${cidrsubnet(aws_vpc.w.ipv6_cidr_block, 8, 1)}")
	d.set("resource.aws_vpc_endpoint.hub_ssm.ip_address_type", "dualstack")
	check(t, run(d), Unreachable, "ip-family", "over IPv6: aws_vpc_endpoint.hub_ssm answers IPv6 addresses, which aws_instance.app may use, and aws_route_table.app has no IPv6 route to aws_vpc.w")
	d2 := d.clone(t)
	d2.set("resource.aws_route.app_w6", obj(t, `{"route_table_id": "${aws_route_table.app.id}", "destination_ipv6_cidr_block": "${aws_vpc.w.ipv6_cidr_block}", "vpc_peering_connection_id": "${aws_vpc_peering_connection.vw.id}"}`))
	check(t, run(d2), Unknown, "ip-family", "IPv6 paths across aws_vpc_peering_connection.vw (pcx) are not followed yet")
	d.set("resource.aws_vpc_endpoint.hub_ssm.dns_options", obj(t, `{"dns_record_ip_type": "ipv4"}`))
	check(t, run(d), Private, "", "interface endpoint aws_vpc_endpoint.hub_ssm in aws_vpc.w")
}

// Stand-ins are stable, distinct, and inside 2001:db8::/32; /64s follow
// their netnums.
func TestIpv6StandIns(t *testing.T) {
	a, b := synth56("s/aws_vpc.a"), synth56("s/aws_vpc.b")
	if a != synth56("s/aws_vpc.a") || a == b || !synthRoot.Contains(a.Addr()) || a.Bits() != 56 {
		t.Errorf("stand-ins %v %v", a, b)
	}
	p := subnet64(netip.MustParsePrefix("2001:db8:1:200::/56"), 7)
	if p.String() != "2001:db8:1:207::/64" {
		t.Errorf("netnum 7: %v", p)
	}
	// Two VPCs whose stand-ins collide get distinct blocks.
	d := parseDoc(t, base)
	d.set("resource.aws_vpc.v.assign_generated_ipv6_cidr_block", true)
	m := build([]*tfjson.Stack{d.stack(t, "t")})
	v := m.stacks["t"].vpcs["aws_vpc.v"]
	// w is named as v is, so its stand-in collides with v's.
	w := &vpc{st: m.stacks["t"], addr: "aws_vpc.v"}
	w.vpcIpv6(map[string]any{"assign_generated_ipv6_cidr_block": true})
	if w.ipv6 == v.ipv6 || !w.ipv6.IsValid() || synth56("t/aws_vpc.v") != v.ipv6 {
		t.Errorf("w %v v %v", w.ipv6, v.ipv6)
	}
	// Hostile IPv6 values: unknown, never a panic or a match.
	for _, bad := range []any{"::ffff:10.0.0.0/104", "fe80::1%eth0/64", "2001:db8::/129", "${cidrsubnet(aws_vpc.v.ipv6_cidr_block, 8, 999)}", "${cidrsubnet(aws_vpc.nope.ipv6_cidr_block, 8, 1)}", 42, []any{}} {
		if _, _, f := m.ipv6Prefix(m.stacks["t"], bad, "x"); f == "" {
			t.Errorf("%v read as an IPv6 CIDR", bad)
		}
	}
}

// An inline route block names its destination cidr_block (not
// destination_cidr_block): read as the route it is.
func TestInlineRouteBlock(t *testing.T) {
	d := parseDoc(t, base).del("resource.aws_vpc_endpoint.sts")
	d.set("resource.aws_subnet.pub", obj(t, `{"vpc_id": "${aws_vpc.v.id}", "cidr_block": "10.0.0.0/24", "availability_zone": "us-east-1a"}`))
	d.set("resource.aws_internet_gateway.igw", obj(t, `{"vpc_id": "${aws_vpc.v.id}"}`))
	d.set("resource.aws_nat_gateway.nat", obj(t, `{"subnet_id": "${aws_subnet.pub.id}", "allocation_id": "eipalloc-1"}`))
	d.set("resource.aws_route_table.pub", obj(t, `{"vpc_id": "${aws_vpc.v.id}", "route": [{"cidr_block": "0.0.0.0/0", "gateway_id": "${aws_internet_gateway.igw.id}"}]}`))
	d.set("resource.aws_route_table_association.pub", obj(t, `{"subnet_id": "${aws_subnet.pub.id}", "route_table_id": "${aws_route_table.pub.id}"}`))
	d.set("resource.aws_route_table.app.route", []any{obj(t, `{"cidr_block": "0.0.0.0/0", "nat_gateway_id": "${aws_nat_gateway.nat.id}"}`)})
	d.set("resource.aws_vpc_security_group_egress_rule.app_any", obj(t, `{"security_group_id": "${aws_security_group.app.id}", "ip_protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": "0.0.0.0/0"}`))
	check(t, New([]*tfjson.Stack{d.stack(t, "t")}).Check("t", fromApp(svc("sts"))), Internet, "", "NAT gateway aws_nat_gateway.nat")
}

// Second review: what a family that cannot be known, DNS64 on a
// dual-stack subnet's public names, an Instance Connect endpoint, a
// recorded NACL entry that cannot be read and an older record make of a
// path.
func TestIpv6Reviewed(t *testing.T) {
	run := func(d doc, n need.Declared) Result { return New([]*tfjson.Stack{d.stack(t, "t")}).Check("t", n) }
	natOut := func(t *testing.T, d doc) doc {
		d = publicNat(t, d.del("resource.aws_vpc_endpoint.sts"))
		d.set("resource.aws_route.app_default", obj(t, `{"route_table_id": "${aws_route_table.app.id}", "destination_cidr_block": "0.0.0.0/0", "nat_gateway_id": "${aws_nat_gateway.nat.id}"}`))
		return d.set("resource.aws_vpc_security_group_egress_rule.app_any", obj(t, `{"security_group_id": "${aws_security_group.app.id}", "ip_protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": "0.0.0.0/0"}`))
	}
	check(t, run(natOut(t, dual(t)), fromApp(svc("sts"))), Internet, "", "NAT gateway aws_nat_gateway.nat")
	// Whether the subnet is IPv6-only is not known: its IPv4 way may not be.
	d := natOut(t, dual(t)).set("resource.aws_subnet.app.ipv6_native", "${var.only}")
	check(t, run(d, fromApp(svc("sts"))), Unknown, "model", "whether aws_subnet.app is IPv6-only is not a literal value")
	// DNS64 on the dual-stack subnet: the public name's synthesized AAAA
	// answer leads nowhere without NAT64, and through it with one.
	d = natOut(t, dual(t)).set("resource.aws_subnet.app.enable_dns64", true)
	check(t, run(d, fromApp(svc("sts"))), Unreachable, "endpoint", "aws_subnet.app has DNS64, and has no route for 64:ff9b::/96 to a NAT gateway")
	d.set("resource.aws_route.app_nat64", obj(t, `{"route_table_id": "${aws_route_table.app.id}", "destination_ipv6_cidr_block": "64:ff9b::/96", "nat_gateway_id": "${aws_nat_gateway.nat.id}"}`))
	d.set("resource.aws_vpc_security_group_egress_rule.app_64", obj(t, `{"security_group_id": "${aws_security_group.app.id}", "ip_protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv6": "64:ff9b::/96"}`))
	check(t, run(d, fromApp(svc("sts"))), Internet, "", "NAT gateway aws_nat_gateway.nat (and NAT64 through NAT gateway aws_nat_gateway.nat)")
	d.set("resource.aws_subnet.app.enable_dns64", "${var.dns64}")
	check(t, run(d, fromApp(svc("sts"))), Unknown, "model", "whether aws_subnet.app has DNS64 is not a literal value")

	// An Instance Connect endpoint in a dual-stack subnet is IPv4: an
	// instance in an IPv6-only subnet is out of its reach.
	d = dual(t)
	d.set("resource.aws_ec2_instance_connect_endpoint.eic", obj(t, `{"subnet_id": "${aws_subnet.app.id}", "security_group_ids": ["${aws_security_group.app.id}"]}`))
	d.set("resource.aws_instance.other", obj(t, `{"ami": "ami-1", "instance_type": "t3.micro", "subnet_id": "${aws_subnet.ep.id}", "vpc_security_group_ids": ["${aws_security_group.ep.id}"]}`))
	d.del("resource.aws_subnet.ep.cidr_block")
	d.set("resource.aws_subnet.ep.ipv6_native", true)
	eic := need.Declared{Path: "x", From: need.Source{Addrs: []string{"aws_ec2_instance_connect_endpoint.eic"}},
		Need: need.Need{Label: "ssh", Targets: []need.Target{{Kind: need.Instance, Addr: "aws_instance.other", Ports: []int{22}}}}}
	check(t, run(d, eic), Unreachable, "ip-family", "aws_instance.other has no IPv4 address (an IPv6-only subnet), and aws_ec2_instance_connect_endpoint.eic has no IPv6 address")

	// An IPv6-only client with a NAT64 route and no DNS64 may still call
	// 64:ff9b::a.b.c.d: unknown, not broken.
	d = dual(t)
	d = publicNat(t, d)
	d.del("resource.aws_subnet.app.cidr_block")
	d.set("resource.aws_subnet.app.ipv6_native", true)
	d.del("resource.aws_subnet.ep.ipv6_cidr_block")
	d.set("resource.aws_route.app_nat64", obj(t, `{"route_table_id": "${aws_route_table.app.id}", "destination_ipv6_cidr_block": "64:ff9b::/96", "nat_gateway_id": "${aws_nat_gateway.nat.id}"}`))
	d.set("resource.aws_instance.other", obj(t, `{"ami": "ami-1", "instance_type": "t3.micro", "subnet_id": "${aws_subnet.ep.id}", "vpc_security_group_ids": ["${aws_security_group.ep.id}"]}`))
	check(t, run(d, fromApp(need.Target{Kind: need.Instance, Addr: "aws_instance.other", Ports: []int{22}})), Unknown, "ip-family", "NAT64 to an instance is not followed")
}
