package reach

import (
	"testing"

	"github.com/privnet/privnet/reach/need"
	"github.com/privnet/privnet/tfjson"
)

// What cannot be known at synth stays unknown (never a pass, never a
// fail), and the facts the engine reads beyond the base network: one
// change of the base network each.
func TestFactsOfTheJSON(t *testing.T) {
	acl := func(t *testing.T, d doc, subnet, ingress, egress string) doc {
		return d.set("resource.aws_network_acl.acl", obj(t, `{"vpc_id": "${aws_vpc.v.id}", "subnet_ids": ["${aws_subnet.`+subnet+`.id}"], "ingress": `+ingress+`, "egress": `+egress+`}`))
	}
	const allowAll = `[{"rule_no": 100, "action": "allow", "protocol": "-1", "cidr_block": "0.0.0.0/0", "from_port": 0, "to_port": 0}]`
	const denyAll = `[{"rule_no": 100, "action": "deny", "protocol": "-1", "cidr_block": "0.0.0.0/0", "from_port": 0, "to_port": 0}]`
	otherVpc := func(t *testing.T, d doc) doc {
		d.set("resource.aws_vpc.w", obj(t, `{"cidr_block": "10.1.0.0/16"}`))
		d.set("resource.aws_subnet.w", obj(t, `{"vpc_id": "${aws_vpc.w.id}", "cidr_block": "10.1.1.0/24", "availability_zone": "us-east-1a"}`))
		return d.set("resource.aws_instance.other", obj(t, `{"ami": "ami-1", "instance_type": "t3.micro", "subnet_id": "${aws_subnet.w.id}"}`))
	}
	toOther := fromApp(need.Target{Kind: need.Instance, Addr: "aws_instance.other", Ports: []int{22}})
	onPrem := need.Declared{Path: "t/onprem", From: need.Source{External: &need.External{Name: "on-premises", CIDRs: []string{"192.168.0.0/16"}, Via: "VPN", Vpc: "aws_vpc.v"}},
		Need: need.Need{Label: "sts", Targets: []need.Target{svc("sts")}}}
	s3Both := func(t *testing.T, d doc, gatewayEgress bool) doc {
		d.set("resource.aws_vpc_endpoint.s3", obj(t, `{"vpc_id": "${aws_vpc.v.id}", "service_name": "com.amazonaws.us-east-1.s3", "vpc_endpoint_type": "Interface", "private_dns_enabled": true,
			"subnet_ids": ["${aws_subnet.ep.id}"], "security_group_ids": ["${aws_security_group.ep.id}"]}`))
		d.set("resource.aws_vpc_endpoint.s3gw", obj(t, `{"vpc_id": "${aws_vpc.v.id}", "service_name": "com.amazonaws.us-east-1.s3", "vpc_endpoint_type": "Gateway", "route_table_ids": ["${aws_route_table.app.id}"]}`))
		if gatewayEgress {
			d.set("resource.aws_vpc_security_group_egress_rule.app_s3", obj(t, `{"security_group_id": "${aws_security_group.app.id}", "ip_protocol": "tcp", "from_port": 443, "to_port": 443, "prefix_list_id": "${aws_vpc_endpoint.s3gw.prefix_list_id}"}`))
		}
		return d
	}
	cases := []struct {
		name   string
		change func(t *testing.T, d doc) doc
		need   need.Declared
		want   Verdict
		link   string
		words  string
	}{
		{"a target instance whose subnet's VPC is a data source", func(t *testing.T, d doc) doc {
			otherVpc(t, d)
			return d.set("resource.aws_subnet.w.vpc_id", "${data.aws_vpc.shared.id}")
		}, toOther, Unknown, "model", "data source (data.aws_vpc.shared)"},
		{"an endpoint named by a data source", func(t *testing.T, d doc) doc {
			return d.set("resource.aws_vpc_endpoint.sts.service_name", "${data.aws_vpc_endpoint_service.sts.service_name}")
		}, fromApp(svc("sts")), Unknown, "model", "comes from a data source"},
		{"an endpoint with a token service region", func(t *testing.T, d doc) doc {
			return d.set("resource.aws_vpc_endpoint.sts.service_region", "${var.region}")
		}, fromApp(svc("sts")), Unknown, "model", "the service region of aws_vpc_endpoint.sts is not a literal value"},
		{"an endpoint whose VPC is a token", func(t *testing.T, d doc) doc {
			return d.set("resource.aws_vpc_endpoint.sts.vpc_id", "${var.vpc}")
		}, fromApp(svc("sts")), Unknown, "model", "the VPC of aws_vpc_endpoint.sts is an expression"},
		{"count 0: the endpoint does not exist", func(t *testing.T, d doc) doc { return d.set("resource.aws_vpc_endpoint.sts.count", 0) },
			fromApp(svc("sts")), Unreachable, "endpoint", "no endpoint for sts"},
		{"count from an expression", func(t *testing.T, d doc) doc { return d.set("resource.aws_vpc_endpoint.sts.count", "${var.n}") },
			fromApp(svc("sts")), Unknown, "model", "count from an expression"},
		{"for_each on the egress rule", func(t *testing.T, d doc) doc {
			return d.set("resource.aws_vpc_security_group_egress_rule.app_443.for_each", "${var.cidrs}")
		}, fromApp(svc("sts")), Unknown, "client-egress", "for_each"},
		{"a token port on the egress rule", func(t *testing.T, d doc) doc {
			return d.set("resource.aws_vpc_security_group_egress_rule.app_443.from_port", "${var.port}")
		}, fromApp(svc("sts")), Unknown, "client-egress", "from_port"},
		{"the region in the service name", func(t *testing.T, d doc) doc {
			return d.set("resource.aws_vpc_endpoint.sts.service_name", "com.amazonaws.eu-west-1.sts")
		}, fromApp(svc("sts")), Unreachable, "region", "endpoint aws_vpc_endpoint.sts reaches sts in eu-west-1, but the call goes to us-east-1"},
		{"a cross-region endpoint for a service AWS does not enable so", func(t *testing.T, d doc) doc {
			d.set("resource.aws_vpc_endpoint.sts.service_region", "us-west-2")
			return d.set("resource.aws_vpc_endpoint.sts.service_name", "com.amazonaws.us-west-2.ssm")
		}, fromApp(need.Target{Kind: need.Service, Service: "ssm", Region: "us-west-2"}), Unreachable, "region", "ssm is not a cross-region enabled service in aws"},
		{"a client subnet with a token CIDR, an ACL naming addresses", func(t *testing.T, d doc) doc {
			d.set("resource.aws_subnet.app.cidr_block", "${var.cidr}")
			return acl(t, d, "ep", `[{"rule_no": 50, "action": "deny", "protocol": "tcp", "cidr_block": "10.0.1.0/24", "from_port": 443, "to_port": 443}, {"rule_no": 100, "action": "allow", "protocol": "-1", "cidr_block": "0.0.0.0/0", "from_port": 0, "to_port": 0}]`, allowAll)
		}, fromApp(svc("sts")), Unknown, "network-acl", "the peer's addresses are not known at synth"},
		{"a client subnet with a token CIDR, an ACL denying all", func(t *testing.T, d doc) doc {
			d.set("resource.aws_subnet.app.cidr_block", "${var.cidr}")
			return acl(t, d, "ep", denyAll, allowAll)
		}, fromApp(svc("sts")), Unreachable, "network-acl", "rule 100 denies it"},
		{"on premises, an ACL denying all on the endpoint's subnet", func(t *testing.T, d doc) doc {
			return acl(t, hybrid(t, d), "ep", denyAll, allowAll)
		}, onPrem, Unreachable, "network-acl", "blocks UDP 53 in"},
		{"on premises, an ACL denying 443 only on the endpoint's subnet", func(t *testing.T, d doc) doc {
			return acl(t, hybrid(t, d), "ep", `[{"rule_no": 50, "action": "deny", "protocol": "tcp", "cidr_block": "0.0.0.0/0", "from_port": 443, "to_port": 443}, {"rule_no": 100, "action": "allow", "protocol": "-1", "cidr_block": "0.0.0.0/0", "from_port": 0, "to_port": 0}]`, allowAll)
		}, onPrem, Unreachable, "network-acl", "blocks TCP 443 in"},
		{"replies allowed on Linux's ephemeral ports only", func(t *testing.T, d doc) doc {
			return acl(t, d, "app", `[{"rule_no": 100, "action": "allow", "protocol": "tcp", "cidr_block": "10.0.0.0/16", "from_port": 32768, "to_port": 65535}]`, allowAll)
		}, fromApp(svc("sts")), Unknown, "network-acl", "only part of ports 1024-65535 is allowed"},
		{"a NAT gateway whose subnet's ACL denies all", func(t *testing.T, d doc) doc {
			d.del("resource.aws_vpc_endpoint.sts")
			d.set("resource.aws_subnet.pub", obj(t, `{"vpc_id": "${aws_vpc.v.id}", "cidr_block": "10.0.0.0/24", "availability_zone": "us-east-1a"}`))
			d.set("resource.aws_route_table.pub", obj(t, `{"vpc_id": "${aws_vpc.v.id}", "route": [{"cidr_block": "0.0.0.0/0", "destination_cidr_block": "0.0.0.0/0", "gateway_id": "${aws_internet_gateway.igw.id}"}]}`))
			d.set("resource.aws_route_table_association.pub", obj(t, `{"subnet_id": "${aws_subnet.pub.id}", "route_table_id": "${aws_route_table.pub.id}"}`))
			d.set("resource.aws_internet_gateway.igw", obj(t, `{"vpc_id": "${aws_vpc.v.id}"}`))
			d.set("resource.aws_nat_gateway.nat", obj(t, `{"subnet_id": "${aws_subnet.pub.id}"}`))
			d.set("resource.aws_route.app_default", obj(t, `{"route_table_id": "${aws_route_table.app.id}", "destination_cidr_block": "0.0.0.0/0", "nat_gateway_id": "${aws_nat_gateway.nat.id}"}`))
			d.set("resource.aws_vpc_security_group_egress_rule.app_any", obj(t, `{"security_group_id": "${aws_security_group.app.id}", "ip_protocol": "-1", "cidr_ipv4": "0.0.0.0/0"}`))
			return acl(t, d, "pub", denyAll, denyAll)
		}, fromApp(svc("sts")), Unreachable, "endpoint", "network ACL aws_network_acl.acl of aws_subnet.pub blocks"},
		{"a gateway endpoint on the VPC's main table, by its attribute", func(t *testing.T, d doc) doc {
			d.del("resource.aws_route_table_association.app")
			d.set("resource.aws_vpc_endpoint.s3gw", obj(t, `{"vpc_id": "${aws_vpc.v.id}", "service_name": "com.amazonaws.us-east-1.s3", "vpc_endpoint_type": "Gateway", "route_table_ids": ["${aws_vpc.v.main_route_table_id}"]}`))
			return d.set("resource.aws_vpc_security_group_egress_rule.app_s3", obj(t, `{"security_group_id": "${aws_security_group.app.id}", "ip_protocol": "tcp", "from_port": 443, "to_port": 443, "prefix_list_id": "${aws_vpc_endpoint.s3gw.prefix_list_id}"}`))
		}, fromApp(svc("s3")), Private, "", "gateway endpoint aws_vpc_endpoint.s3gw"},
		{"a gateway endpoint whose table is a token", func(t *testing.T, d doc) doc {
			return d.set("resource.aws_vpc_endpoint.s3gw", obj(t, `{"vpc_id": "${aws_vpc.v.id}", "service_name": "com.amazonaws.us-east-1.s3", "vpc_endpoint_type": "Gateway", "route_table_ids": ["${var.rt}"]}`))
		}, fromApp(svc("s3")), Unknown, "model", "the route tables of aws_vpc_endpoint.s3gw holds an expression privnet cannot evaluate"},
		{"another VPC behind a default route to a Transit Gateway", func(t *testing.T, d doc) doc {
			otherVpc(t, d)
			return d.set("resource.aws_route.tgw", obj(t, `{"route_table_id": "${aws_route_table.app.id}", "destination_cidr_block": "0.0.0.0/0", "transit_gateway_id": "tgw-1"}`))
		}, toOther, Unknown, "model", "through \"tgw-1\", which is not a Transit Gateway of this app"},
		{"S3 private DNS with dns_options unset, both ways working", func(t *testing.T, d doc) doc { return s3Both(t, d, true) },
			fromApp(svc("s3")), Private, "", "(dns_options not set: AWS chooses)"},
		{"S3 private DNS with dns_options unset, the gateway way blocked", func(t *testing.T, d doc) doc { return s3Both(t, d, false) },
			fromApp(svc("s3")), Unknown, "inbound-only", "does not set dns_options"},
		{"S3 private DNS for inbound resolvers from a token", func(t *testing.T, d doc) doc {
			s3Both(t, d, true)
			return d.set("resource.aws_vpc_endpoint.s3.dns_options", map[string]any{"private_dns_only_for_inbound_resolver_endpoint": "${var.x}"})
		}, fromApp(svc("s3")), Unknown, "model", "answers inbound resolvers only is not a literal value"},
		{"an empty list of groups gets the default group", func(t *testing.T, d doc) doc {
			return d.set("resource.aws_instance.app.vpc_security_group_ids", []any{})
		}, fromApp(svc("sts")), Unreachable, "target-ingress", "does not admit TCP 443 from aws_instance.app"},
		// Resolver rules: the most specific domain wins, and the endpoint's
		// private hosted zone counts as a rule of its own name.
		{"a Resolver rule for amazonaws.com: the endpoint's zone is more specific", func(t *testing.T, d doc) doc {
			return rule(t, d, "fwd", "amazonaws.com", "FORWARD")
		}, fromApp(svc("sts")), Private, "", "interface endpoint aws_vpc_endpoint.sts with private DNS"},
		{"a Resolver rule for the endpoint's own name", func(t *testing.T, d doc) doc {
			return rule(t, d, "fwd", "STS.us-east-1.amazonaws.com.", "FORWARD")
		}, fromApp(svc("sts")), Unknown, "dhcp-dns", "Resolver rule aws_route53_resolver_rule_association.fwd forwards sts.us-east-1.amazonaws.com (its domain \"sts.us-east-1.amazonaws.com\")"},
		{"a \".\" rule, and a name with no endpoint: the public way is forwarded", func(t *testing.T, d doc) doc {
			return rule(t, d.del("resource.aws_vpc_endpoint.sts"), "all", ".", "FORWARD")
		}, fromApp(svc("sts")), Unknown, "dhcp-dns", "forwards sts.us-east-1.amazonaws.com (its domain \".\")"},
		{"a \".\" rule beside a SYSTEM rule for amazonaws.com", func(t *testing.T, d doc) doc {
			rule(t, d.del("resource.aws_vpc_endpoint.sts"), "all", ".", "FORWARD")
			return rule(t, d, "aws", "amazonaws.com", "SYSTEM")
		}, fromApp(svc("sts")), Unreachable, "endpoint", "no endpoint for sts"},
		{"a rule whose domain is a variable", func(t *testing.T, d doc) doc {
			return rule(t, d, "fwd", "${var.domain}", "FORWARD")
		}, fromApp(svc("sts")), Unknown, "dhcp-dns", "sends \"(a domain privnet cannot read)\" away from the VPC resolver"},
		{"a rule for an on-premises domain", func(t *testing.T, d doc) doc {
			return rule(t, d, "corp", "corp.example.com", "FORWARD")
		}, fromApp(svc("sts")), Private, "", "interface endpoint aws_vpc_endpoint.sts with private DNS"},
		{"on premises, a rule for the endpoint's name in its VPC", func(t *testing.T, d doc) doc {
			return rule(t, hybrid(t, d), "fwd", "sts.us-east-1.amazonaws.com", "FORWARD")
		}, onPrem, Unknown, "dhcp-dns", "Resolver rule aws_route53_resolver_rule_association.fwd forwards sts.us-east-1.amazonaws.com"},
		{"a private hosted zone for the service's name", func(t *testing.T, d doc) doc {
			return d.set("resource.aws_route53_zone.sts", obj(t, `{"name": "sts.us-east-1.amazonaws.com", "vpc": [{"vpc_id": "${aws_vpc.v.id}"}]}`))
		}, fromApp(svc("sts")), Unknown, "dhcp-dns", "private hosted zone \"sts.us-east-1.amazonaws.com\""},
		{"a need with no target", func(t *testing.T, d doc) doc { return d }, fromApp(), Unknown, "model", "names no source or no target"},
		// The second review.
		{"an ACL deny rule with a token protocol, before allow-all", func(t *testing.T, d doc) doc {
			return acl(t, d, "ep", `[{"rule_no": 50, "action": "deny", "protocol": "${var.p}", "cidr_block": "10.0.1.0/24", "from_port": 443, "to_port": 443}, {"rule_no": 100, "action": "allow", "protocol": "-1", "cidr_block": "0.0.0.0/0", "from_port": 0, "to_port": 0}]`, allowAll)
		}, fromApp(svc("sts")), Unknown, "network-acl", "protocol"},
		{"an egress rule with a token protocol", func(t *testing.T, d doc) doc {
			return d.set("resource.aws_vpc_security_group_egress_rule.app_443.ip_protocol", "${var.p}")
		}, fromApp(svc("sts")), Unknown, "client-egress", "protocol"},
		{"a default route from count of an expression", func(t *testing.T, d doc) doc {
			d.del("resource.aws_vpc_endpoint.sts")
			d.set("resource.aws_internet_gateway.igw", obj(t, `{"vpc_id": "${aws_vpc.v.id}"}`))
			d.set("resource.aws_instance.app.associate_public_ip_address", true)
			d.set("resource.aws_vpc_security_group_egress_rule.app_any", obj(t, `{"security_group_id": "${aws_security_group.app.id}", "ip_protocol": "-1", "cidr_ipv4": "0.0.0.0/0"}`))
			return d.set("resource.aws_route.out", obj(t, `{"count": "${var.online ? 1 : 0}", "route_table_id": "${aws_route_table.app.id}", "destination_cidr_block": "0.0.0.0/0", "gateway_id": "${aws_internet_gateway.igw.id}"}`))
		}, fromApp(svc("sts")), Unknown, "model", "count from an expression"},
		{"an ACL association from count of an expression", func(t *testing.T, d doc) doc {
			d.set("resource.aws_network_acl.acl", obj(t, `{"vpc_id": "${aws_vpc.v.id}", "ingress": `+denyAll+`, "egress": `+denyAll+`}`))
			return d.set("resource.aws_network_acl_association.a", obj(t, `{"count": "${var.n}", "network_acl_id": "${aws_network_acl.acl.id}", "subnet_id": "${aws_subnet.ep.id}"}`))
		}, fromApp(svc("sts")), Unknown, "network-acl", "count from an expression"},
		{"DNS servers from a token", func(t *testing.T, d doc) doc {
			d.set("resource.aws_vpc_dhcp_options.corp", obj(t, `{"domain_name_servers": "${var.dns}"}`))
			return d.set("resource.aws_vpc_dhcp_options_association.corp", obj(t, `{"vpc_id": "${aws_vpc.v.id}", "dhcp_options_id": "${aws_vpc_dhcp_options.corp.id}"}`))
		}, fromApp(svc("sts")), Unknown, "model", "is not a list privnet can read"},
		{"a hosted zone whose name is a token", func(t *testing.T, d doc) doc {
			return d.set("resource.aws_route53_zone.z", obj(t, `{"name": "${var.zone}", "vpc": [{"vpc_id": "${aws_vpc.v.id}"}]}`))
		}, fromApp(svc("sts")), Unknown, "dhcp-dns", "a name privnet cannot read"},
		{"the VPC's main table by attribute, after it was replaced", func(t *testing.T, d doc) doc {
			d.del("resource.aws_route_table_association.app")
			d.set("resource.aws_main_route_table_association.m", obj(t, `{"vpc_id": "${aws_vpc.v.id}", "route_table_id": "${aws_route_table.app.id}"}`))
			d.set("resource.aws_vpc_endpoint.s3gw", obj(t, `{"vpc_id": "${aws_vpc.v.id}", "service_name": "com.amazonaws.us-east-1.s3", "vpc_endpoint_type": "Gateway", "route_table_ids": ["${aws_vpc.v.main_route_table_id}"]}`))
			return d.set("resource.aws_vpc_security_group_egress_rule.app_s3", obj(t, `{"security_group_id": "${aws_security_group.app.id}", "ip_protocol": "tcp", "from_port": 443, "to_port": 443, "prefix_list_id": "${aws_vpc_endpoint.s3gw.prefix_list_id}"}`))
		}, fromApp(svc("s3")), Unknown, "model", "which aws_main_route_table_association.m replaced as the main table"},
		{"a public subnet's usual ACL on the NAT path", func(t *testing.T, d doc) doc {
			d.del("resource.aws_vpc_endpoint.sts")
			d.set("resource.aws_subnet.pub", obj(t, `{"vpc_id": "${aws_vpc.v.id}", "cidr_block": "10.0.0.0/24", "availability_zone": "us-east-1a"}`))
			d.set("resource.aws_route_table.pub", obj(t, `{"vpc_id": "${aws_vpc.v.id}", "route": [{"destination_cidr_block": "0.0.0.0/0", "gateway_id": "${aws_internet_gateway.igw.id}"}]}`))
			d.set("resource.aws_route_table_association.pub", obj(t, `{"subnet_id": "${aws_subnet.pub.id}", "route_table_id": "${aws_route_table.pub.id}"}`))
			d.set("resource.aws_internet_gateway.igw", obj(t, `{"vpc_id": "${aws_vpc.v.id}"}`))
			d.set("resource.aws_nat_gateway.nat", obj(t, `{"subnet_id": "${aws_subnet.pub.id}"}`))
			d.set("resource.aws_route.app_default", obj(t, `{"route_table_id": "${aws_route_table.app.id}", "destination_cidr_block": "0.0.0.0/0", "nat_gateway_id": "${aws_nat_gateway.nat.id}"}`))
			d.set("resource.aws_vpc_security_group_egress_rule.app_any", obj(t, `{"security_group_id": "${aws_security_group.app.id}", "ip_protocol": "-1", "cidr_ipv4": "0.0.0.0/0"}`))
			return acl(t, d, "pub", `[{"rule_no": 100, "action": "allow", "protocol": "-1", "cidr_block": "10.0.0.0/16", "from_port": 0, "to_port": 0}, {"rule_no": 200, "action": "allow", "protocol": "tcp", "cidr_block": "0.0.0.0/0", "from_port": 1024, "to_port": 65535}]`,
				`[{"rule_no": 100, "action": "allow", "protocol": "tcp", "cidr_block": "0.0.0.0/0", "from_port": 443, "to_port": 443}, {"rule_no": 200, "action": "allow", "protocol": "tcp", "cidr_block": "10.0.0.0/16", "from_port": 1024, "to_port": 65535}]`)
		}, fromApp(svc("sts")), Internet, "", "NAT gateway aws_nat_gateway.nat"},
		{"S3 with dns_options unset, both ways broken", func(t *testing.T, d doc) doc {
			s3Both(t, d, false)
			return d.del("resource.aws_vpc_security_group_ingress_rule.ep_443")
		}, fromApp(svc("s3")), Unreachable, "target-ingress", "does not admit TCP 443"},
		{"a gateway endpoint in the table, no egress to its prefix list", func(t *testing.T, d doc) doc {
			return d.set("resource.aws_vpc_endpoint.s3gw", obj(t, `{"vpc_id": "${aws_vpc.v.id}", "service_name": "com.amazonaws.us-east-1.s3", "vpc_endpoint_type": "Gateway", "route_table_ids": ["${aws_route_table.app.id}"]}`))
		}, fromApp(svc("s3")), Unreachable, "client-egress", "allow no TCP 443 out to the prefix list of s3"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := c.change(t, parseDoc(t, base))
			r := New([]*tfjson.Stack{d.stack(t, "t")}).Check("t", c.need)
			check(t, r, c.want, c.link, c.words)
		})
	}
}

// Instance Connect with preserve_client_ip: a rule admitting the
// endpoint's subnet no longer matches; one naming its group does.
func TestInstanceConnectPreserveClientIp(t *testing.T) {
	d := golden(t, "iam-privatelink")
	n := need.Declared{Path: "x", From: need.Source{Addrs: []string{"aws_ec2_instance_connect_endpoint.eic"}},
		Need: need.Need{Label: "ssh", Targets: []need.Target{{Kind: need.Instance, Addr: "aws_instance.app", Ports: []int{22}}}}}
	d.set("resource.aws_ec2_instance_connect_endpoint.eic.preserve_client_ip", true)
	check(t, New([]*tfjson.Stack{d.stack(t, "s")}).Check("s", n), Private, "", "Instance Connect endpoint")
	d.del("resource.aws_vpc_security_group_ingress_rule.app_sg_22-tcp_from_sg-eic_sg")
	d.set("resource.aws_vpc_security_group_ingress_rule.by_cidr", obj(t, `{"security_group_id": "${aws_security_group.app_sg.id}", "ip_protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_ipv4": "10.3.0.0/16"}`))
	check(t, New([]*tfjson.Stack{d.stack(t, "s")}).Check("s", n), Unknown, "target-ingress", "keeps the client's IP (preserve_client_ip)")
}

// An endpoint service that requires acceptance says so on its path;
// a listener with a forward block is read.
func TestEndpointServiceDetails(t *testing.T) {
	s, c := golden(t, "xregion-service"), golden(t, "xregion-consumer")
	cs := c.stack(t, "xregion-consumer")
	r := New([]*tfjson.Stack{s.stack(t, "xregion-service"), cs}).Check("xregion-consumer", cs.Needs[0])
	check(t, r, Private, "", "once the provider accepts the connection: acceptance_required")
	s.set("resource.aws_lb_listener.service.default_action", []any{map[string]any{"type": "forward",
		"forward": []any{map[string]any{"target_group": []any{map[string]any{"arn": "${aws_lb_target_group.service.arn}"}}}}}})
	r = New([]*tfjson.Stack{s.stack(t, "xregion-service"), cs}).Check("xregion-consumer", cs.Needs[0])
	check(t, r, Private, "", "endpoint aws_vpc_endpoint.service to endpoint service aws_vpc_endpoint_service.service")
	s.set("resource.aws_lb_listener.service.load_balancer_arn", "${var.lb}")
	r = New([]*tfjson.Stack{s.stack(t, "xregion-service"), cs}).Check("xregion-consumer", cs.Needs[0])
	check(t, r, Unknown, "model", "the load balancer of aws_lb_listener.service is an expression")
}

// The second review's findings across stacks and constructs.
func TestAcrossStacksAndClients(t *testing.T) {
	t.Run("an ACL rule from another stack is ordered with the ACL's own", func(t *testing.T) {
		a := parseDoc(t, base)
		a.set("resource.aws_network_acl.acl", map[string]any{"vpc_id": "${aws_vpc.v.id}", "subnet_ids": []any{"${aws_subnet.ep.id}"},
			"ingress": []any{map[string]any{"rule_no": 100, "action": "allow", "protocol": "-1", "cidr_block": "0.0.0.0/0", "from_port": 0, "to_port": 0}},
			"egress":  []any{map[string]any{"rule_no": 100, "action": "allow", "protocol": "-1", "cidr_block": "0.0.0.0/0", "from_port": 0, "to_port": 0}}})
		a.set("output.acl", map[string]any{"value": "${aws_network_acl.acl.id}"})
		b := parseDoc(t, `{"provider": {"aws": [{"region": "us-east-1"}]}, "resource": {"aws_network_acl_rule": {"deny": {
			"network_acl_id": "${data.terraform_remote_state.cross-stack-reference-input-a.outputs.acl}", "rule_number": 50, "egress": false,
			"protocol": "tcp", "rule_action": "deny", "cidr_block": "10.0.1.0/24", "from_port": 443, "to_port": 443}}}}`)
		r := New([]*tfjson.Stack{a.stack(t, "a"), b.stack(t, "b")}).Check("a", fromApp(svc("sts")))
		check(t, r, Unreachable, "network-acl", "rule 50 denies it")
	})
	t.Run("weighted target groups: each must reach its targets", func(t *testing.T) {
		s, c := golden(t, "xregion-service"), golden(t, "xregion-consumer")
		s.set("resource.aws_lb_target_group.empty", map[string]any{"port": 443, "protocol": "TCP", "vpc_id": "${aws_vpc.network.id}"})
		s.set("resource.aws_lb_listener.service.default_action", []any{map[string]any{"type": "forward", "forward": []any{map[string]any{"target_group": []any{
			map[string]any{"arn": "${aws_lb_target_group.service.arn}", "weight": 50}, map[string]any{"arn": "${aws_lb_target_group.empty.arn}", "weight": 50}}}}}})
		cs := c.stack(t, "xregion-consumer")
		r := New([]*tfjson.Stack{s.stack(t, "xregion-service"), cs}).Check("xregion-consumer", cs.Needs[0])
		check(t, r, Unreachable, "port", "target group aws_lb_target_group.empty has no target")
	})
	t.Run("a Resource endpoint whose VPC is a token", func(t *testing.T) {
		d := golden(t, "lattice-resource")
		d.set("resource.aws_vpc_endpoint.server-endpoint.vpc_id", "${var.vpc}")
		s := d.stack(t, "lattice-resource")
		check(t, New([]*tfjson.Stack{s}).Check("lattice-resource", s.Needs[0]), Unknown, "model", "the VPC of aws_vpc_endpoint.server-endpoint is an expression")
	})
	t.Run("resource configuration ports from a token", func(t *testing.T) {
		d := golden(t, "lattice-resource")
		d.set("resource.aws_vpclattice_resource_configuration.server-config.port_ranges", "${var.ports}")
		s := d.stack(t, "lattice-resource")
		check(t, New([]*tfjson.Stack{s}).Check("lattice-resource", s.Needs[0]), Unknown, "model", "the port ranges of aws_vpclattice_resource_configuration.server-config is not a list")
	})
	t.Run("one on-premises network, two stacks: verdicts of their own", func(t *testing.T) {
		a := hybrid(t, parseDoc(t, base))
		b := hybrid(t, parseDoc(t, base)).del("resource.aws_vpc_endpoint.sts")
		n := need.Declared{Path: "x", From: need.Source{External: &need.External{Name: "on-premises", CIDRs: []string{"192.168.0.0/16"}, Vpc: "aws_vpc.v"}}, Need: need.Need{Label: "sts", Targets: []need.Target{svc("sts")}}}
		an := New([]*tfjson.Stack{a.stack(t, "a"), b.stack(t, "b")})
		check(t, an.Check("a", n), Private, "", "resolved through inbound Resolver endpoint")
		check(t, an.Check("b", n), Unreachable, "endpoint", "no interface endpoint for sts in aws_vpc.v")
	})
	t.Run("preserve_client_ip: an ACL naming the endpoint's subnet no longer decides", func(t *testing.T) {
		d := golden(t, "iam-privatelink")
		d.set("resource.aws_ec2_instance_connect_endpoint.eic.preserve_client_ip", true)
		d.set("resource.aws_ec2_instance_connect_endpoint.eic.subnet_id", "${aws_subnet.network_endpoints_us-east-1a.id}")
		d.set("resource.aws_network_acl.acl", map[string]any{"vpc_id": "${aws_vpc.network.id}", "subnet_ids": []any{"${aws_subnet.network_app_us-east-1a.id}"},
			"ingress": []any{map[string]any{"rule_no": 100, "action": "allow", "protocol": "-1", "cidr_block": "10.3.0.0/24", "from_port": 0, "to_port": 0}},
			"egress":  []any{map[string]any{"rule_no": 100, "action": "allow", "protocol": "-1", "cidr_block": "0.0.0.0/0", "from_port": 0, "to_port": 0}}})
		n := need.Declared{Path: "x", From: need.Source{Addrs: []string{"aws_ec2_instance_connect_endpoint.eic"}},
			Need: need.Need{Label: "ssh", Targets: []need.Target{{Kind: need.Instance, Addr: "aws_instance.app", Ports: []int{22}}}}}
		check(t, New([]*tfjson.Stack{d.stack(t, "s")}).Check("s", n), Unknown, "network-acl", "keeps the client's IP (preserve_client_ip)")
	})
}

// The third review's findings.
func TestThirdReview(t *testing.T) {
	t.Run("an IPv6 route from count of an expression leaves the IPv4 one alone", func(t *testing.T) {
		d := parseDoc(t, base).del("resource.aws_vpc_endpoint.sts")
		d.set("resource.aws_internet_gateway.igw", obj(t, `{"vpc_id": "${aws_vpc.v.id}"}`))
		d.set("resource.aws_instance.app.associate_public_ip_address", true)
		d.set("resource.aws_vpc_security_group_egress_rule.app_any", obj(t, `{"security_group_id": "${aws_security_group.app.id}", "ip_protocol": "-1", "cidr_ipv4": "0.0.0.0/0"}`))
		d.set("resource.aws_route.a_out", obj(t, `{"route_table_id": "${aws_route_table.app.id}", "destination_cidr_block": "0.0.0.0/0", "gateway_id": "${aws_internet_gateway.igw.id}"}`))
		d.set("resource.aws_route.b_v6", obj(t, `{"count": "${var.v6 ? 1 : 0}", "route_table_id": "${aws_route_table.app.id}", "destination_ipv6_cidr_block": "::/0", "gateway_id": "${aws_internet_gateway.igw.id}"}`))
		check(t, New([]*tfjson.Stack{d.stack(t, "t")}).Check("t", fromApp(svc("sts"))), Internet, "", "internet gateway")
	})
	weighted := func(t *testing.T, second map[string]any) Result {
		s, c := golden(t, "xregion-service"), golden(t, "xregion-consumer")
		s.set("resource.aws_lb_target_group.empty", map[string]any{"port": 443})
		s.set("resource.aws_lb_target_group.aaa", map[string]any{"port": 443})
		s.set("resource.aws_lb_target_group_attachment.aaa", map[string]any{"for_each": "${var.ids}", "target_group_arn": "${aws_lb_target_group.aaa.arn}", "target_id": "${each.value}"})
		s.set("resource.aws_lb_listener.service.default_action", []any{map[string]any{"type": "forward", "forward": []any{map[string]any{"target_group": []any{
			map[string]any{"arn": "${aws_lb_target_group.aaa.arn}", "weight": 50}, second}}}}})
		cs := c.stack(t, "xregion-consumer")
		return New([]*tfjson.Stack{s.stack(t, "xregion-service"), cs}).Check("xregion-consumer", cs.Needs[0])
	}
	t.Run("a broken target group wins over an unknown one", func(t *testing.T) {
		check(t, weighted(t, map[string]any{"arn": "${aws_lb_target_group.empty.arn}", "weight": 50}), Unreachable, "port", "aws_lb_target_group.empty has no target")
	})
	t.Run("a target group of weight 0 takes no traffic", func(t *testing.T) {
		check(t, weighted(t, map[string]any{"arn": "${aws_lb_target_group.empty.arn}", "weight": 0}), Unknown, "model", "for_each")
	})
	t.Run("a gateway in the table, an endpoint of unknown service beside it", func(t *testing.T) {
		d := parseDoc(t, base)
		d.set("resource.aws_vpc_endpoint.s3gw", obj(t, `{"vpc_id": "${aws_vpc.v.id}", "service_name": "com.amazonaws.us-east-1.s3", "vpc_endpoint_type": "Gateway", "route_table_ids": ["${aws_route_table.app.id}"]}`))
		d.set("resource.aws_vpc_endpoint.x", obj(t, `{"vpc_id": "${aws_vpc.v.id}", "service_name": "${var.svc}", "vpc_endpoint_type": "Interface", "private_dns_enabled": true, "subnet_ids": ["${aws_subnet.ep.id}"]}`))
		check(t, New([]*tfjson.Stack{d.stack(t, "t")}).Check("t", fromApp(svc("s3"))), Unknown, "model", "the service name of aws_vpc_endpoint.x")
	})
	t.Run("an ACL association back to the VPC's default ACL", func(t *testing.T) {
		d := parseDoc(t, base)
		d.set("resource.aws_network_acl_association.back", obj(t, `{"network_acl_id": "${aws_vpc.v.default_network_acl_id}", "subnet_id": "${aws_subnet.ep.id}"}`))
		check(t, New([]*tfjson.Stack{d.stack(t, "t")}).Check("t", fromApp(svc("sts"))), Private, "", "interface endpoint aws_vpc_endpoint.sts")
	})
}

// rule associates a Resolver rule of the domain and type with the base VPC.
func rule(t *testing.T, d doc, name, domain, typ string) doc {
	d.set("resource.aws_route53_resolver_rule."+name, obj(t, `{"domain_name": "`+domain+`", "rule_type": "`+typ+`"}`))
	return d.set("resource.aws_route53_resolver_rule_association."+name, obj(t, `{"resolver_rule_id": "${aws_route53_resolver_rule.`+name+`.id}", "vpc_id": "${aws_vpc.v.id}"}`))
}
