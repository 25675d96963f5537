package reach

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/privnet/privnet/reach/need"
	"github.com/privnet/privnet/tfjson"
)

// One hand-written network per link: the base network, changed in one
// way, with the verdict it must get, the link named, and words the
// problem (or the path) must hold.
func TestLinks(t *testing.T) {
	natAndIgw := func(t *testing.T, d doc) doc {
		publicNat(t, d)
		d.set("resource.aws_route.app_default", obj(t, `{"route_table_id": "${aws_route_table.app.id}", "destination_cidr_block": "0.0.0.0/0", "nat_gateway_id": "${aws_nat_gateway.nat.id}"}`))
		d.set("resource.aws_vpc_security_group_egress_rule.app_any", obj(t, `{"security_group_id": "${aws_security_group.app.id}", "ip_protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": "0.0.0.0/0"}`))
		return d
	}
	s3Gateway := func(t *testing.T, d doc, tables string) doc {
		d.set("resource.aws_vpc_endpoint.s3gw", obj(t, `{"vpc_id": "${aws_vpc.v.id}", "service_name": "com.amazonaws.us-east-1.s3", "vpc_endpoint_type": "Gateway", "route_table_ids": [`+tables+`]}`))
		d.set("resource.aws_vpc_security_group_egress_rule.app_s3", obj(t, `{"security_group_id": "${aws_security_group.app.id}", "ip_protocol": "tcp", "from_port": 443, "to_port": 443, "prefix_list_id": "${aws_vpc_endpoint.s3gw.prefix_list_id}"}`))
		return d
	}
	s3Interface := func(t *testing.T, d doc, inboundOnly bool) doc {
		e := obj(t, `{"vpc_id": "${aws_vpc.v.id}", "service_name": "com.amazonaws.us-east-1.s3", "vpc_endpoint_type": "Interface", "private_dns_enabled": true,
			"subnet_ids": ["${aws_subnet.ep.id}"], "security_group_ids": ["${aws_security_group.ep.id}"]}`)
		if inboundOnly {
			e["dns_options"] = obj(t, `{"private_dns_only_for_inbound_resolver_endpoint": true}`)
		}
		d.set("resource.aws_vpc_endpoint.s3", e)
		return d
	}
	onPrem := need.Declared{Path: "t/onprem", From: need.Source{External: &need.External{Name: "on-premises", CIDRs: []string{"192.168.0.0/16"}, Via: "VPN", Vpc: "aws_vpc.v"}},
		Need: need.Need{Label: "s3", Targets: []need.Target{svc("s3")}}}
	denyACL := func(t *testing.T, d doc, subnet, ingress, egress string) doc {
		d.set("resource.aws_network_acl.acl", obj(t, `{"vpc_id": "${aws_vpc.v.id}", "subnet_ids": ["${aws_subnet.`+subnet+`.id}"], "ingress": `+ingress+`, "egress": `+egress+`}`))
		return d
	}
	const allowAll = `[{"rule_no": 100, "action": "allow", "protocol": "-1", "cidr_block": "0.0.0.0/0", "from_port": 0, "to_port": 0}]`

	cases := []struct {
		name   string
		change func(t *testing.T, d doc) doc
		need   need.Declared
		want   Verdict
		link   string // the link's ID; "" for private and internet
		words  string // in Problem (or Via when it passes)
	}{
		{"the base network", func(t *testing.T, d doc) doc { return d }, fromApp(svc("sts")), Private, "", "interface endpoint aws_vpc_endpoint.sts with private DNS"},
		{"no endpoint, no internet", func(t *testing.T, d doc) doc { return d.del("resource.aws_vpc_endpoint.sts") }, fromApp(svc("sts")),
			Unreachable, "endpoint", "no endpoint for sts in aws_vpc.v, and no route to the internet (aws_route_table.app has no default route): the call times out"},
		{"no endpoint, a NAT gateway", func(t *testing.T, d doc) doc { return natAndIgw(t, d.del("resource.aws_vpc_endpoint.sts")) }, fromApp(svc("sts")),
			Internet, "", "NAT gateway aws_nat_gateway.nat (no endpoint for sts in aws_vpc.v)"},
		{"a NAT gateway in a subnet with no way out", func(t *testing.T, d doc) doc {
			return natAndIgw(t, d.del("resource.aws_vpc_endpoint.sts")).del("resource.aws_route.pub_default")
		}, fromApp(svc("sts")), Unreachable, "endpoint", "NAT gateway aws_nat_gateway.nat is in aws_subnet.pub, which has no route to an internet gateway"},
		{"IAM outside its home region", func(t *testing.T, d doc) doc {
			d.set("provider.aws", []any{map[string]any{"region": "eu-west-1"}})
			return d.set("resource.aws_vpc_endpoint.sts.service_name", "com.amazonaws.iam")
		}, fromApp(svc("iam")), Unreachable, "region", "endpoint aws_vpc_endpoint.sts reaches iam in eu-west-1, but the call goes to us-east-1"},
		{"IAM through a cross-region endpoint", func(t *testing.T, d doc) doc {
			d.set("provider.aws", []any{map[string]any{"region": "eu-west-1"}})
			d.set("resource.aws_vpc_endpoint.sts.service_region", "us-east-1")
			return d.set("resource.aws_vpc_endpoint.sts.service_name", "com.amazonaws.iam")
		}, fromApp(svc("iam")), Private, "", "interface endpoint aws_vpc_endpoint.sts with private DNS, cross-region to us-east-1"},
		{"a target in another region, a same-region endpoint", func(t *testing.T, d doc) doc { return d }, fromApp(need.Target{Kind: need.Service, Service: "sts", Region: "us-west-2"}),
			Unreachable, "region", "endpoint aws_vpc_endpoint.sts reaches sts in us-east-1, but the call goes to us-west-2"},
		{"private DNS off, the public name", func(t *testing.T, d doc) doc {
			return d.set("resource.aws_vpc_endpoint.sts.private_dns_enabled", false)
		}, fromApp(svc("sts")),
			Unreachable, "private-dns", "endpoint aws_vpc_endpoint.sts has private DNS off and aws_instance.app uses the public name, which resolves to public addresses; no route to the internet"},
		{"private DNS off, the endpoint's own name", func(t *testing.T, d doc) doc {
			return d.set("resource.aws_vpc_endpoint.sts.private_dns_enabled", false)
		},
			fromApp(need.Target{Kind: need.Service, Service: "sts", EndpointName: true}), Private, "", "the endpoint-specific DNS name of aws_vpc_endpoint.sts"},
		{"private DNS off, a NAT gateway", func(t *testing.T, d doc) doc {
			return natAndIgw(t, d.set("resource.aws_vpc_endpoint.sts.private_dns_enabled", false))
		}, fromApp(svc("sts")), Internet, "", "NAT gateway aws_nat_gateway.nat (endpoint aws_vpc_endpoint.sts has private DNS off"},
		{"DNS support off", func(t *testing.T, d doc) doc { return d.set("resource.aws_vpc.v.enable_dns_support", false) }, fromApp(svc("sts")),
			Unreachable, "vpc-dns", "DNS support is off in aws_vpc.v: the VPC resolver answers nothing"},
		{"DNS hostnames off (the provider's default)", func(t *testing.T, d doc) doc { return d.del("resource.aws_vpc.v.enable_dns_hostnames") }, fromApp(svc("sts")),
			Unreachable, "vpc-dns", "DNS hostnames are off in aws_vpc.v, so the private DNS of aws_vpc_endpoint.sts does not apply"},
		{"DHCP options with DNS servers of their own", func(t *testing.T, d doc) doc {
			d.set("resource.aws_vpc_dhcp_options.corp", obj(t, `{"domain_name_servers": ["10.0.0.53", "10.0.0.54"]}`))
			return d.set("resource.aws_vpc_dhcp_options_association.corp", obj(t, `{"vpc_id": "${aws_vpc.v.id}", "dhcp_options_id": "${aws_vpc_dhcp_options.corp.id}"}`))
		}, fromApp(svc("sts")), Unknown, "dhcp-dns", "send DNS to 10.0.0.53, 10.0.0.54, not the VPC resolver"},
		{"S3 private DNS for inbound resolvers only, no gateway endpoint", func(t *testing.T, d doc) doc { return s3Interface(t, d, true) }, fromApp(svc("s3")),
			Unreachable, "inbound-only", "the private DNS of aws_vpc_endpoint.s3 answers inbound resolver endpoints only"},
		{"S3 private DNS for inbound resolvers only, a gateway endpoint", func(t *testing.T, d doc) doc {
			return s3Gateway(t, s3Interface(t, d, true), `"${aws_route_table.app.id}"`)
		}, fromApp(svc("s3")), Private, "", "gateway endpoint aws_vpc_endpoint.s3gw through the route table's prefix list"},
		{"a gateway endpoint from on premises", func(t *testing.T, d doc) doc { return s3Gateway(t, d, `"${aws_route_table.app.id}"`) }, onPrem,
			Unreachable, "gateway-outside", "only through a gateway endpoint, which does not work from on-premises"},
		{"a gateway endpoint not in the client's route table", func(t *testing.T, d doc) doc { return s3Gateway(t, d, `"${aws_route_table.ep.id}"`) }, fromApp(svc("s3")),
			Unreachable, "gateway-route", "gateway endpoint aws_vpc_endpoint.s3gw is not associated with the route table of aws_subnet.app, aws_route_table.app"},
		{"the main route table, implicitly", func(t *testing.T, d doc) doc {
			d.del("resource.aws_route_table_association.app")
			d.set("resource.aws_default_route_table.main", obj(t, `{"default_route_table_id": "${aws_vpc.v.default_route_table_id}"}`))
			return s3Gateway(t, d, `"${aws_default_route_table.main.id}"`)
		}, fromApp(svc("s3")), Private, "", "gateway endpoint aws_vpc_endpoint.s3gw"},
		{"AWS's main route table, not in the app", func(t *testing.T, d doc) doc {
			d.del("resource.aws_route_table_association.app")
			return s3Gateway(t, d, `"${aws_route_table.ep.id}"`)
		}, fromApp(svc("s3")), Unreachable, "gateway-route", "which uses its VPC's main route table (made by AWS, not in this app)"},
		{"the client's egress", func(t *testing.T, d doc) doc { return d.del("resource.aws_vpc_security_group_egress_rule.app_443") }, fromApp(svc("sts")),
			Unreachable, "client-egress", "the security groups of aws_instance.app (aws_security_group.app) allow no TCP 443 out to aws_vpc_endpoint.sts"},
		{"the endpoint's ingress", func(t *testing.T, d doc) doc { return d.del("resource.aws_vpc_security_group_ingress_rule.ep_443") }, fromApp(svc("sts")),
			Unreachable, "target-ingress", "aws_vpc_endpoint.sts (security groups aws_security_group.ep) does not admit TCP 443 from aws_instance.app"},
		{"an endpoint with no group gets the default one", func(t *testing.T, d doc) doc { return d.del("resource.aws_vpc_endpoint.sts.security_group_ids") }, fromApp(svc("sts")),
			Unreachable, "target-ingress", "(security groups the default security group of aws_vpc.v) does not admit TCP 443"},
		{"a network ACL denies the request", func(t *testing.T, d doc) doc {
			return denyACL(t, d, "ep", `[{"rule_no": 50, "action": "deny", "protocol": "tcp", "cidr_block": "10.0.1.0/24", "from_port": 443, "to_port": 443}, {"rule_no": 100, "action": "allow", "protocol": "-1", "cidr_block": "0.0.0.0/0", "from_port": 0, "to_port": 0}]`, allowAll)
		}, fromApp(svc("sts")), Unreachable, "network-acl", "network ACL aws_network_acl.acl of aws_subnet.ep blocks TCP 443 in: rule 50 denies it"},
		{"a network ACL with no rule for the replies", func(t *testing.T, d doc) doc {
			return denyACL(t, d, "app", `[{"rule_no": 100, "action": "allow", "protocol": "tcp", "cidr_block": "10.0.0.0/16", "from_port": 443, "to_port": 443}]`, allowAll)
		}, fromApp(svc("sts")), Unreachable, "network-acl", "blocks the replies on ports 1024-65535 in"},
		{"a network ACL that lets both ways through", func(t *testing.T, d doc) doc {
			return denyACL(t, d, "app", `[{"rule_no": 100, "action": "allow", "protocol": "tcp", "cidr_block": "10.0.0.0/16", "from_port": 1024, "to_port": 65535}]`,
				`[{"rule_no": 100, "action": "allow", "protocol": "tcp", "cidr_block": "10.0.2.0/24", "from_port": 443, "to_port": 443}]`)
		}, fromApp(svc("sts")), Private, "", "interface endpoint aws_vpc_endpoint.sts"},
		{"on premises through the S3 interface endpoint, over the hybrid link", func(t *testing.T, d doc) doc {
			return s3Interface(t, hybrid(t, d), true)
		}, onPrem, Private, "", "interface endpoint aws_vpc_endpoint.s3 with private DNS, resolved through inbound Resolver endpoint aws_route53_resolver_endpoint.inbound"},
		{"on premises, not admitted by the endpoint", func(t *testing.T, d doc) doc {
			return s3Interface(t, hybrid(t, d).del("resource.aws_vpc_security_group_ingress_rule.ep_onprem"), true)
		}, onPrem, Unreachable, "target-ingress", "does not admit TCP 443 from on-premises"},
		{"an instance in another VPC, no route", func(t *testing.T, d doc) doc {
			d.set("resource.aws_vpc.w", obj(t, `{"cidr_block": "10.1.0.0/16"}`))
			d.set("resource.aws_subnet.w", obj(t, `{"vpc_id": "${aws_vpc.w.id}", "cidr_block": "10.1.1.0/24", "availability_zone": "us-east-1a"}`))
			return d.set("resource.aws_instance.other", obj(t, `{"ami": "ami-1", "instance_type": "t3.micro", "subnet_id": "${aws_subnet.w.id}"}`))
		}, fromApp(need.Target{Kind: need.Instance, Addr: "aws_instance.other", Ports: []int{22}}), Unreachable, "route",
			"aws_instance.app is in aws_vpc.v and aws_instance.other in aws_vpc.w, and no route joins them"},
		{"an instance behind a peering outside the app", func(t *testing.T, d doc) doc {
			d.set("resource.aws_vpc.w", obj(t, `{"cidr_block": "10.1.0.0/16"}`))
			d.set("resource.aws_subnet.w", obj(t, `{"vpc_id": "${aws_vpc.w.id}", "cidr_block": "10.1.1.0/24", "availability_zone": "us-east-1a"}`))
			d.set("resource.aws_instance.other", obj(t, `{"ami": "ami-1", "instance_type": "t3.micro", "subnet_id": "${aws_subnet.w.id}"}`))
			return d.set("resource.aws_route.peer", obj(t, `{"route_table_id": "${aws_route_table.app.id}", "destination_cidr_block": "10.1.0.0/16", "vpc_peering_connection_id": "pcx-1"}`))
		}, fromApp(need.Target{Kind: need.Instance, Addr: "aws_instance.other", Ports: []int{22}}), Unknown, "model", "\"pcx-1\", which is not a peering of this app"},
		{"a subnet from a data source", func(t *testing.T, d doc) doc {
			return d.set("resource.aws_instance.app.subnet_id", "${data.aws_subnet.shared.id}")
		}, fromApp(svc("sts")), Unknown, "model", "the subnet of aws_instance.app comes from a data source"},
		{"a service outside the catalog, by its key", func(t *testing.T, d doc) doc {
			return d.set("resource.aws_vpc_endpoint.sts.service_name", "com.amazonaws.us-east-1.brand-new")
		}, fromApp(svc("brand-new")), Private, "", "interface endpoint aws_vpc_endpoint.sts with private DNS"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := c.change(t, parseDoc(t, base))
			r := New([]*tfjson.Stack{d.stack(t, "t")}).Check("t", c.need)
			check(t, r, c.want, c.link, c.words)
		})
	}
}

func check(t *testing.T, r Result, want Verdict, link, words string) {
	t.Helper()
	id := ""
	if r.Link != nil {
		id = r.Link.ID
	}
	text := r.Problem
	if want == Private || want == Internet {
		text = r.Via
	}
	if r.Verdict != want || id != link || !strings.Contains(text, words) {
		t.Errorf("got %s [%s] %q (via %q, fix %q)\nwant %s [%s] with %q", r.Verdict, id, r.Problem, r.Via, r.Fix, want, link, words)
	}
	if r.Verdict == Unreachable && r.Fix == "" {
		t.Errorf("an unreachable verdict without a fix: %+v", r)
	}
}

// The Lattice and endpoint-service links, on the shipped stacks.
func TestLinksAcrossStacks(t *testing.T) {
	lattice := func(t *testing.T) doc { return golden(t, "lattice-resource") }
	needOf := func(t *testing.T, d doc) need.Declared {
		s := d.stack(t, "x")
		if len(s.Needs) == 0 {
			t.Fatal("the golden stack declares no need")
		}
		return s.Needs[0]
	}
	t.Run("Lattice: the shipped consumer", func(t *testing.T) {
		d := lattice(t)
		r := New([]*tfjson.Stack{d.stack(t, "lattice-resource")}).Check("lattice-resource", needOf(t, d))
		check(t, r, Private, "", "Lattice Resource endpoint aws_vpc_endpoint.server-endpoint")
	})
	t.Run("Lattice: the gateway cannot reach the resource", func(t *testing.T) {
		d := lattice(t)
		d.del("resource.aws_vpc_security_group_egress_rule.gateway_sg_443-tcp_to_10_5_0_10_32")
		r := New([]*tfjson.Stack{d.stack(t, "lattice-resource")}).Check("lattice-resource", needOf(t, d))
		check(t, r, Unreachable, "lattice-gateway", "the security groups of resource gateway aws_vpclattice_resource_gateway.gateway (aws_security_group.gateway_sg) allow no TCP 443 out to aws_instance.server")
	})
	t.Run("Lattice: the resource does not admit the gateway", func(t *testing.T) {
		d := lattice(t)
		d.del("resource.aws_vpc_security_group_ingress_rule.server_sg_22-tcp_from_sg-gateway_sg")
		r := New([]*tfjson.Stack{d.stack(t, "lattice-resource")}).Check("lattice-resource", needOf(t, d))
		check(t, r, Unreachable, "lattice-gateway", "aws_instance.server (security groups aws_security_group.server_sg) does not admit TCP 22 from resource gateway")
	})
	t.Run("Lattice: a port the configuration does not forward", func(t *testing.T) {
		d := lattice(t)
		n := needOf(t, d)
		n.Need.Targets[0].Ports = []int{8443}
		r := New([]*tfjson.Stack{d.stack(t, "lattice-resource")}).Check("lattice-resource", n)
		check(t, r, Unreachable, "port", "does not forward TCP 8443")
	})
	t.Run("Lattice: a consumer in another region", func(t *testing.T) {
		provider := lattice(t)
		provider.set("output.cfg_arn", map[string]any{"value": "${aws_vpclattice_resource_configuration.server-config.arn}"})
		consumer := parseDoc(t, `{
		  "provider": {"aws": [{"region": "eu-west-1"}]},
		  "resource": {
		    "aws_vpc": {"c": {"cidr_block": "10.9.0.0/16", "enable_dns_support": true, "enable_dns_hostnames": true}},
		    "aws_subnet": {"a": {"vpc_id": "${aws_vpc.c.id}", "cidr_block": "10.9.1.0/24", "availability_zone": "eu-west-1a"}},
		    "aws_security_group": {"e": {"vpc_id": "${aws_vpc.c.id}"}},
		    "aws_vpc_security_group_ingress_rule": {"e": {"security_group_id": "${aws_security_group.e.id}", "ip_protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_ipv4": "10.9.0.0/16"}},
		    "aws_vpc_endpoint": {"r": {"vpc_id": "${aws_vpc.c.id}", "vpc_endpoint_type": "Resource", "subnet_ids": ["${aws_subnet.a.id}"], "security_group_ids": ["${aws_security_group.e.id}"],
		      "resource_configuration_arn": "${data.terraform_remote_state.p.outputs.cfg_arn}"}}
		  }
		}`)
		n := need.Declared{Path: "consumer/app", From: need.Source{Addrs: []string{"aws_subnet.a"}},
			Need: need.Need{Label: "server", Targets: []need.Target{{Kind: need.Resource, Stack: "lattice-resource", Addr: "aws_vpclattice_resource_configuration.server-config", Ports: []int{22}}}}}
		r := New([]*tfjson.Stack{provider.stack(t, "lattice-resource"), consumer.stack(t, "consumer")}).Check("consumer", n)
		check(t, r, Unreachable, "lattice-region", "is in us-east-1 and aws_vpc.c in eu-west-1: VPC Lattice cannot cross regions")
	})
	service, consumer := func(t *testing.T) doc { return golden(t, "xregion-service") }, func(t *testing.T) doc { return golden(t, "xregion-consumer") }
	t.Run("NLB endpoint service across regions", func(t *testing.T) {
		c := consumer(t)
		r := New([]*tfjson.Stack{service(t).stack(t, "xregion-service"), c.stack(t, "xregion-consumer")}).Check("xregion-consumer", needOf(t, c))
		check(t, r, Private, "", "endpoint aws_vpc_endpoint.service to endpoint service aws_vpc_endpoint_service.service, cross-region to us-east-1")
	})
	t.Run("NLB endpoint service: the consumer's region not supported", func(t *testing.T) {
		s, c := service(t), consumer(t)
		s.set("resource.aws_vpc_endpoint_service.service.supported_regions", []any{"us-east-1"})
		r := New([]*tfjson.Stack{s.stack(t, "xregion-service"), c.stack(t, "xregion-consumer")}).Check("xregion-consumer", needOf(t, c))
		check(t, r, Unreachable, "service-region", "endpoint service aws_vpc_endpoint_service.service does not list ap-northeast-1 in its supported regions")
	})
	t.Run("NLB endpoint service: the target does not admit the load balancer", func(t *testing.T) {
		s, c := service(t), consumer(t)
		s.del("resource.aws_vpc_security_group_ingress_rule.server_sg_443-tcp_from_sg-service_sg")
		r := New([]*tfjson.Stack{s.stack(t, "xregion-service"), c.stack(t, "xregion-consumer")}).Check("xregion-consumer", needOf(t, c))
		check(t, r, Unreachable, "target-ingress", "aws_instance.server (security groups aws_security_group.server_sg) does not admit TCP 443 from load balancer aws_lb.service")
	})
	t.Run("Instance Connect: a port it does not forward", func(t *testing.T) {
		d := golden(t, "iam-privatelink")
		n := need.Declared{Path: "x", From: need.Source{Addrs: []string{"aws_ec2_instance_connect_endpoint.eic"}},
			Need: need.Need{Label: "web", Targets: []need.Target{{Kind: need.Instance, Addr: "aws_instance.app", Ports: []int{80}}}}}
		r := New([]*tfjson.Stack{d.stack(t, "iam-privatelink")}).Check("iam-privatelink", n)
		check(t, r, Unreachable, "port", "forwards only TCP 22 and 3389, not 80")
	})
}

// Hostile JSON: an output that names itself, a huge port range, a rule
// with a wrong type: verdicts, no panic, no endless loop.
func TestHostileInput(t *testing.T) {
	d := parseDoc(t, base)
	d.set("output.loop", map[string]any{"value": "${data.terraform_remote_state.cross-stack-reference-input-u.outputs.loop}"})
	d.set("resource.aws_instance.app.subnet_id", "${data.terraform_remote_state.cross-stack-reference-input-u.outputs.loop}")
	u := parseDoc(t, `{"provider": {"aws": [{"region": "us-east-1"}]}, "output": {"loop": {"value": "${data.terraform_remote_state.cross-stack-reference-input-t.outputs.loop}"}}}`)
	r := New([]*tfjson.Stack{d.stack(t, "t"), u.stack(t, "u")}).Check("t", fromApp(svc("sts")))
	check(t, r, Unknown, "model", "more than 8 stack outputs")

	// A remote state that is not a stack of the app is not followed.
	d = parseDoc(t, base)
	d.set("resource.aws_instance.app.subnet_id", "${data.terraform_remote_state.elsewhere.outputs.subnet}")
	d.set("output.subnet", map[string]any{"value": "${aws_subnet.app.id}"})
	r = New([]*tfjson.Stack{d.stack(t, "t")}).Check("t", fromApp(svc("sts")))
	check(t, r, Unknown, "model", "remote state \"elsewhere\", which is not a stack of this app")

	d = parseDoc(t, base)
	d.set("resource.aws_vpc_security_group_egress_rule.app_443.from_port", "many")
	d.set("resource.aws_vpc_security_group_egress_rule.app_443.cidr_ipv4", []any{1, 2})
	d.set("resource.aws_vpc_endpoint.sts.subnet_ids", "subnet-1")
	r = New([]*tfjson.Stack{d.stack(t, "t")}).Check("t", fromApp(svc("sts")))
	if r.Verdict == Private {
		t.Errorf("a broken network got %s", r.Verdict)
	}
}

// Clients that share subnet and groups share a verdict, each with its
// own name in it.
func TestGroupedClientsKeepTheirNames(t *testing.T) {
	d := parseDoc(t, base)
	d.set("resource.aws_instance.second", d.get("resource.aws_instance.app"))
	d.del("resource.aws_vpc_security_group_egress_rule.app_443")
	a := New([]*tfjson.Stack{d.stack(t, "t")})
	for _, name := range []string{"aws_instance.app", "aws_instance.second"} {
		n := fromApp(svc("sts"))
		n.From.Addrs = []string{name}
		r := a.Check("t", n)
		check(t, r, Unreachable, "client-egress", "the security groups of "+name+" (aws_security_group.app) allow no TCP 443")
	}
	if len(a.cache) != 1 {
		t.Errorf("%d cached verdicts for one group of clients", len(a.cache))
	}
}

// An interface endpoint with no subnets has nothing to connect to; an
// instance on a network interface made elsewhere is not followed.
func TestEndpointWithoutSubnetsAndForeignInterfaces(t *testing.T) {
	d := parseDoc(t, base).del("resource.aws_vpc_endpoint.sts.subnet_ids")
	check(t, New([]*tfjson.Stack{d.stack(t, "t")}).Check("t", fromApp(svc("sts"))), Unreachable, "endpoint", "aws_vpc_endpoint.sts has no subnets")

	d = parseDoc(t, base).set("resource.aws_instance.app.network_interface", []any{map[string]any{"network_interface_id": "eni-1", "device_index": 0}})
	check(t, New([]*tfjson.Stack{d.stack(t, "t")}).Check("t", fromApp(svc("sts"))), Unknown, "model", "attached to a network interface made elsewhere")
}

// Hostile sizes stay fast, within the caps and beyond them: 64 listeners
// on distinct ports with 20 targets each, an ACL of 240 rules (both
// checked in full), then 2,000 copies of one subnet and 2,000 ports, and
// an ACL of 15,000 rules (over the caps, decided at once).
func TestHostileSizes(t *testing.T) {
	s, c := golden(t, "xregion-service"), golden(t, "xregion-consumer")
	var ports []int
	for i := 0; i < 64; i++ {
		port := 1000 + i
		ports = append(ports, port)
		s.set(fmt.Sprintf("resource.aws_lb_target_group.g%d", i), map[string]any{"port": port})
		s.set(fmt.Sprintf("resource.aws_lb_listener.l%d", i), map[string]any{"load_balancer_arn": "${aws_lb.service.arn}", "port": port,
			"default_action": []any{map[string]any{"type": "forward", "target_group_arn": fmt.Sprintf("${aws_lb_target_group.g%d.arn}", i)}}})
		for j := 0; j < 20; j++ {
			s.set(fmt.Sprintf("resource.aws_lb_target_group_attachment.a%d_%d", i, j), map[string]any{"target_group_arn": fmt.Sprintf("${aws_lb_target_group.g%d.arn}", i), "target_id": "${aws_instance.server.id}"})
		}
		s.set(fmt.Sprintf("resource.aws_vpc_security_group_ingress_rule.p%d", i), map[string]any{"security_group_id": "${aws_security_group.server_sg.id}", "ip_protocol": "tcp", "from_port": port, "to_port": port, "referenced_security_group_id": "${aws_security_group.service_sg.id}"})
		s.set(fmt.Sprintf("resource.aws_vpc_security_group_egress_rule.p%d", i), map[string]any{"security_group_id": "${aws_security_group.service_sg.id}", "ip_protocol": "tcp", "from_port": port, "to_port": port, "referenced_security_group_id": "${aws_security_group.server_sg.id}"})
	}
	acl := func(n int) map[string]any {
		var rules []any
		for i := 0; i < n; i++ {
			rules = append(rules, map[string]any{"rule_no": i + 1, "action": "allow", "protocol": "tcp", "cidr_block": "10.0.0.0/8", "from_port": 1024 + i*200, "to_port": 1024 + i*200 + 250})
		}
		rules = append(rules, map[string]any{"rule_no": 30000, "action": "allow", "protocol": "-1", "cidr_block": "0.0.0.0/0", "from_port": 0, "to_port": 0})
		return map[string]any{"vpc_id": "${aws_vpc.network.id}", "subnet_ids": []any{"${aws_subnet.network_app_ap-northeast-1a.id}"}, "ingress": rules, "egress": rules}
	}
	c.set("resource.aws_network_acl.big", acl(240))
	c.set("resource.aws_vpc_security_group_ingress_rule.all", map[string]any{"security_group_id": "${aws_security_group.service_sg.id}", "ip_protocol": "tcp", "from_port": 0, "to_port": 65535, "cidr_ipv4": "10.8.0.0/16"})
	cs := c.stack(t, "xregion-consumer")
	n := cs.Needs[0]
	n.Need.Targets[0].Ports = ports
	start := time.Now()
	r := New([]*tfjson.Stack{s.stack(t, "xregion-service"), cs}).Check("xregion-consumer", n)
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("64 ports, 1,280 targets, 240 ACL rules: %v", d)
	}
	check(t, r, Private, "", "endpoint aws_vpc_endpoint.service to endpoint service aws_vpc_endpoint_service.service")

	var dup []any
	for i := 0; i < 2000; i++ {
		dup = append(dup, "${aws_subnet.network_app_ap-northeast-1a.id}")
	}
	c.set("resource.aws_vpc_endpoint.service.subnet_ids", dup)
	c.set("resource.aws_network_acl.big", acl(15000))
	cs = c.stack(t, "xregion-consumer")
	n = cs.Needs[0]
	for i := 0; i < 2000; i++ {
		n.Need.Targets[0].Ports = append(n.Need.Targets[0].Ports, 1000+i)
	}
	start = time.Now()
	r = New([]*tfjson.Stack{s.stack(t, "xregion-service"), cs}).Check("xregion-consumer", n)
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("2,000 subnets, 2,000 ports, 15,000 ACL rules: %v", d)
	}
	if r.Verdict == Private {
		t.Errorf("over the caps, and ports with no listener: %s %s", r.Verdict, r.Via)
	}
}
