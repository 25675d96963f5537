package reach

import (
	"fmt"
	"strings"
	"testing"

	"github.com/privnet/privnet/reach/need"
	"github.com/privnet/privnet/tfjson"
)

// other adds a second VPC w (10.1.0.0/16) to the base network, with an
// instance other that admits SSH from the app's group, and the app's
// group allowing SSH out to w.
func other(t testing.TB) doc {
	d := parseDoc(t, base)
	d.set("resource.aws_vpc.w", obj(t, `{"cidr_block": "10.1.0.0/16", "enable_dns_support": true, "enable_dns_hostnames": true}`))
	d.set("resource.aws_subnet.w", obj(t, `{"vpc_id": "${aws_vpc.w.id}", "cidr_block": "10.1.1.0/24", "availability_zone": "us-east-1a"}`))
	d.set("resource.aws_route_table.w", obj(t, `{"vpc_id": "${aws_vpc.w.id}"}`))
	d.set("resource.aws_route_table_association.w", obj(t, `{"subnet_id": "${aws_subnet.w.id}", "route_table_id": "${aws_route_table.w.id}"}`))
	d.set("resource.aws_security_group.other", obj(t, `{"vpc_id": "${aws_vpc.w.id}"}`))
	d.set("resource.aws_vpc_security_group_ingress_rule.other_22", obj(t, `{"security_group_id": "${aws_security_group.other.id}", "ip_protocol": "tcp", "from_port": 22, "to_port": 22, "referenced_security_group_id": "${aws_security_group.app.id}"}`))
	d.set("resource.aws_vpc_security_group_egress_rule.app_22", obj(t, `{"security_group_id": "${aws_security_group.app.id}", "ip_protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_ipv4": "10.1.0.0/16"}`))
	d.set("resource.aws_instance.other", obj(t, `{"ami": "ami-1", "instance_type": "t3.micro", "subnet_id": "${aws_subnet.w.id}", "vpc_security_group_ids": ["${aws_security_group.other.id}"]}`))
	// The other way: other calls app on 443, which app's group admits
	// from w's block.
	d.set("resource.aws_vpc_security_group_egress_rule.other_443", obj(t, `{"security_group_id": "${aws_security_group.other.id}", "ip_protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": "10.0.0.0/16"}`))
	d.set("resource.aws_vpc_security_group_ingress_rule.app_443", obj(t, `{"security_group_id": "${aws_security_group.app.id}", "ip_protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": "10.1.0.0/16"}`))
	return d
}

// viaTransit joins v and w through a Transit Gateway, the way package
// transit writes it: no default table, one table both attachments use
// and propagate to, routes both ways.
func viaTransit(t testing.TB) doc {
	d := other(t)
	d.set("resource.aws_ec2_transit_gateway.tgw", obj(t, `{"default_route_table_association": "disable", "default_route_table_propagation": "disable", "security_group_referencing_support": "disable"}`))
	for _, n := range []string{"v", "w"} {
		sub := map[string]string{"v": "app", "w": "w"}[n]
		d.set("resource.aws_ec2_transit_gateway_vpc_attachment."+n, obj(t, `{"transit_gateway_id": "${aws_ec2_transit_gateway.tgw.id}", "vpc_id": "${aws_vpc.`+n+`.id}", "subnet_ids": ["${aws_subnet.`+sub+`.id}"],
			"security_group_referencing_support": "disable", "transit_gateway_default_route_table_association": false, "transit_gateway_default_route_table_propagation": false}`))
		d.set("resource.aws_ec2_transit_gateway_route_table_association."+n, obj(t, `{"transit_gateway_attachment_id": "${aws_ec2_transit_gateway_vpc_attachment.`+n+`.id}", "transit_gateway_route_table_id": "${aws_ec2_transit_gateway_route_table.rt.id}"}`))
		d.set("resource.aws_ec2_transit_gateway_route_table_propagation."+n, obj(t, `{"transit_gateway_attachment_id": "${aws_ec2_transit_gateway_vpc_attachment.`+n+`.id}", "transit_gateway_route_table_id": "${aws_ec2_transit_gateway_route_table.rt.id}"}`))
	}
	d.set("resource.aws_ec2_transit_gateway_route_table.rt", obj(t, `{"transit_gateway_id": "${aws_ec2_transit_gateway.tgw.id}"}`))
	d.set("resource.aws_route.app_w", obj(t, `{"route_table_id": "${aws_route_table.app.id}", "destination_cidr_block": "10.1.0.0/16", "transit_gateway_id": "${aws_ec2_transit_gateway.tgw.id}"}`))
	d.set("resource.aws_route.w_app", obj(t, `{"route_table_id": "${aws_route_table.w.id}", "destination_cidr_block": "10.0.0.0/16", "transit_gateway_id": "${aws_ec2_transit_gateway.tgw.id}"}`))
	return d
}

// viaPeering joins v and w with a peering accepted at once, routes both
// ways.
func viaPeering(t testing.TB) doc {
	d := other(t)
	d.set("resource.aws_vpc_peering_connection.vw", obj(t, `{"vpc_id": "${aws_vpc.v.id}", "peer_vpc_id": "${aws_vpc.w.id}", "auto_accept": true}`))
	d.set("resource.aws_route.app_w", obj(t, `{"route_table_id": "${aws_route_table.app.id}", "destination_cidr_block": "10.1.0.0/16", "vpc_peering_connection_id": "${aws_vpc_peering_connection.vw.id}"}`))
	d.set("resource.aws_route.w_app", obj(t, `{"route_table_id": "${aws_route_table.w.id}", "destination_cidr_block": "10.0.0.0/16", "vpc_peering_connection_id": "${aws_vpc_peering_connection.vw.id}"}`))
	return d
}

// Each piece of the way between two VPCs removed or changed in turn, with
// the verdict, the link and the words; every case both ways: the app
// calls other on 22 (its group named by other's rule), other calls the
// app on 443 (by CIDR).
func TestAcrossVpcs(t *testing.T) {
	ssh := fromApp(need.Target{Kind: need.Instance, Addr: "aws_instance.other", Ports: []int{22}})
	https := need.Declared{Path: "t/other", From: need.Source{Addrs: []string{"aws_instance.other"}}, Need: need.Need{Label: "back", Targets: []need.Target{{Kind: need.Instance, Addr: "aws_instance.app", Ports: []int{443}}}}}
	type want struct {
		v           Verdict
		link, words string
	}
	cases := []struct {
		name          string
		fixture       func(t testing.TB) doc
		change        func(t *testing.T, d doc) doc
		there, backTo want
	}{
		{"Transit Gateway: the whole way, group referencing off", viaTransit, func(t *testing.T, d doc) doc { return d },
			want{Unreachable, "target-ingress", "rules that name its security groups do not count across this way"}, want{Private, "", "aws_ec2_transit_gateway.tgw"}},
		{"Transit Gateway: referencing on at the gateway and attachments", viaTransit, func(t *testing.T, d doc) doc {
			d.set("resource.aws_ec2_transit_gateway_vpc_attachment.v.security_group_referencing_support", "enable")
			d.set("resource.aws_ec2_transit_gateway_vpc_attachment.w.security_group_referencing_support", "enable")
			return d.set("resource.aws_ec2_transit_gateway.tgw.security_group_referencing_support", "enable")
		}, want{Private, "", "aws_ec2_transit_gateway.tgw"}, want{Private, "", "aws_ec2_transit_gateway.tgw"}},
		{"Transit Gateway: referencing on at the gateway only", viaTransit, func(t *testing.T, d doc) doc {
			return d.set("resource.aws_ec2_transit_gateway.tgw.security_group_referencing_support", "enable")
		}, want{Unreachable, "target-ingress", "do not count across this way"}, want{Private, "", "aws_ec2_transit_gateway.tgw"}},
		{"Transit Gateway: CIDR rule", viaTransit, func(t *testing.T, d doc) doc {
			return d.set("resource.aws_vpc_security_group_ingress_rule.other_22", obj(t, `{"security_group_id": "${aws_security_group.other.id}", "ip_protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_ipv4": "10.0.1.0/24"}`))
		}, want{Private, "", "aws_ec2_transit_gateway.tgw"}, want{Private, "", "aws_ec2_transit_gateway.tgw"}},
		{"Transit Gateway: no route to it", viaTransit, func(t *testing.T, d doc) doc { return d.del("resource.aws_route.app_w") },
			want{Unreachable, "route", "no route joins them"}, want{Unreachable, "return-route", "aws_route_table.app has no route to 10.1.1.0"}},
		{"Transit Gateway: an attachment with no table", viaTransit, func(t *testing.T, d doc) doc {
			return d.del("resource.aws_ec2_transit_gateway_route_table_association.v")
		}, want{Unreachable, "transit-gateway", "aws_ec2_transit_gateway_vpc_attachment.v is associated with no route table"}, want{Unreachable, "transit-gateway", "aws_ec2_transit_gateway_vpc_attachment.v is associated with no route table"}},
		{"Transit Gateway: the target not propagated", viaTransit, func(t *testing.T, d doc) doc {
			return d.del("resource.aws_ec2_transit_gateway_route_table_propagation.w")
		}, want{Unreachable, "transit-gateway", "aws_ec2_transit_gateway_route_table.rt has no route to 10.1."}, want{Unreachable, "transit-gateway", "has no route to 10.1.1.0"}},
		{"Transit Gateway: a static route beats the propagated one, to a blackhole", viaTransit, func(t *testing.T, d doc) doc {
			return d.set("resource.aws_ec2_transit_gateway_route.hole", obj(t, `{"transit_gateway_route_table_id": "${aws_ec2_transit_gateway_route_table.rt.id}", "destination_cidr_block": "10.1.0.0/16", "blackhole": true}`))
		}, want{Unreachable, "transit-gateway", "drops 10.1."}, want{Unreachable, "transit-gateway", "drops 10.1.1.0"}},
		{"Transit Gateway: a more specific propagated block beats a static summary", viaTransit, func(t *testing.T, d doc) doc {
			return d.set("resource.aws_ec2_transit_gateway_route.hole", obj(t, `{"transit_gateway_route_table_id": "${aws_ec2_transit_gateway_route_table.rt.id}", "destination_cidr_block": "10.0.0.0/8", "blackhole": true}`))
		}, want{Unreachable, "target-ingress", "do not count across this way"}, want{Private, "", "aws_ec2_transit_gateway.tgw"}},
		{"Transit Gateway: the client's AZ has no attachment subnet", viaTransit, func(t *testing.T, d doc) doc {
			return d.set("resource.aws_subnet.app.availability_zone", "us-east-1b").set("resource.aws_subnet.ep.availability_zone", "us-east-1a").
				set("resource.aws_ec2_transit_gateway_vpc_attachment.v.subnet_ids", []any{"${aws_subnet.ep.id}"})
		}, want{Unreachable, "transit-gateway", "aws_ec2_transit_gateway_vpc_attachment.v has no subnet in us-east-1b, where aws_subnet.app is"}, want{Unreachable, "transit-gateway", "has no subnet in us-east-1b"}},
		{"Transit Gateway: no route back in the target's subnet", viaTransit, func(t *testing.T, d doc) doc { return d.del("resource.aws_route.w_app") },
			want{Unreachable, "return-route", "aws_route_table.w has no route to 10.0.1.0"}, want{Unreachable, "route", "no route joins them"}},
		{"Transit Gateway: the default route table", viaTransit, func(t *testing.T, d doc) doc {
			return d.set("resource.aws_ec2_transit_gateway.tgw.default_route_table_propagation", "enable")
		}, want{Unknown, "model", "default route table"}, want{Unknown, "model", "default route table"}},
		{"peering: the whole way", viaPeering, func(t *testing.T, d doc) doc { return d },
			want{Private, "", "aws_vpc_peering_connection.vw"}, want{Private, "", "aws_vpc_peering_connection.vw"}},
		{"peering: peer_region where the peer VPC is not", viaPeering, func(t *testing.T, d doc) doc {
			d.set("resource.aws_vpc_peering_connection.vw", obj(t, `{"vpc_id": "${aws_vpc.v.id}", "peer_vpc_id": "${aws_vpc.w.id}", "peer_region": "us-west-2"}`))
			return d.set("resource.aws_vpc_peering_connection_accepter.vw", obj(t, `{"vpc_peering_connection_id": "${aws_vpc_peering_connection.vw.id}", "auto_accept": true}`))
		}, want{Unknown, "model", "asks for its peer VPC in us-west-2, and aws_vpc.w is in us-east-1"}, want{Unknown, "model", "asks for its peer VPC in us-west-2"}},
		{"Transit Gateway: an attachment associated with two tables", viaTransit, func(t *testing.T, d doc) doc {
			d.set("resource.aws_ec2_transit_gateway_route_table.rt2", obj(t, `{"transit_gateway_id": "${aws_ec2_transit_gateway.tgw.id}"}`))
			return d.set("resource.aws_ec2_transit_gateway_route_table_association.z", obj(t, `{"transit_gateway_attachment_id": "${aws_ec2_transit_gateway_vpc_attachment.w.id}", "transit_gateway_route_table_id": "${aws_ec2_transit_gateway_route_table.rt2.id}"}`))
		}, want{Unknown, "model", "is associated with aws_ec2_transit_gateway_route_table.rt and aws_ec2_transit_gateway_route_table.rt2"}, want{Unknown, "model", "Resource.AlreadyAssociated"}},
		{"Transit Gateway: an association that cannot be followed", viaTransit, func(t *testing.T, d doc) doc {
			d.del("resource.aws_ec2_transit_gateway_route_table_association.v")
			return d.set("resource.aws_ec2_transit_gateway_route_table_association.x", obj(t, `{"transit_gateway_attachment_id": "${data.aws_ec2_transit_gateway_vpc_attachment.v.id}", "transit_gateway_route_table_id": "${aws_ec2_transit_gateway_route_table.rt.id}"}`))
		}, want{Unknown, "model", "data source"}, want{Unknown, "model", "data source"}},
		{"Transit Gateway: a static route into a table that cannot be followed", viaTransit, func(t *testing.T, d doc) doc {
			d.del("resource.aws_ec2_transit_gateway_route_table_propagation.w")
			return d.set("resource.aws_ec2_transit_gateway_route.x", obj(t, `{"transit_gateway_route_table_id": "${data.aws_ec2_transit_gateway_route_table.x.id}", "destination_cidr_block": "10.1.0.0/16", "transit_gateway_attachment_id": "${aws_ec2_transit_gateway_vpc_attachment.w.id}"}`))
		}, want{Unknown, "model", "data source"}, want{Unknown, "model", "data source"}},
		{"Transit Gateway: an attachment made with another account's provider", viaTransit, func(t *testing.T, d doc) doc {
			d.set("provider.aws", []any{map[string]any{"region": "us-east-1"}, map[string]any{"region": "us-east-1", "alias": "other", "allowed_account_ids": []any{"444455556666"}}})
			return d.set("resource.aws_ec2_transit_gateway_vpc_attachment.w.provider", "aws.other")
		}, want{Unknown, "model", "whose account is not the stack's"}, want{Unknown, "model", "whose account is not the stack's"}},
		{"peering: peer_owner_id where no stack names its account", viaPeering, func(t *testing.T, d doc) doc {
			d.del("resource.aws_vpc_peering_connection.vw.auto_accept")
			d.set("resource.aws_vpc_peering_connection.vw.peer_owner_id", "111122223333")
			return d.set("resource.aws_vpc_peering_connection_accepter.vw", obj(t, `{"vpc_peering_connection_id": "${aws_vpc_peering_connection.vw.id}", "auto_accept": true}`))
		}, want{Unknown, "model", "whether they are one account is not in the JSON"}, want{Unknown, "model", "whether they are one account is not in the JSON"}},
		{"peering: allowed_account_ids and assume_role null or empty are not set", viaPeering, func(t *testing.T, d doc) doc {
			return d.set("provider.aws", []any{map[string]any{"region": "us-east-1", "allowed_account_ids": []any{}, "assume_role": nil}})
		}, want{Private, "", "aws_vpc_peering_connection.vw"}, want{Private, "", "aws_vpc_peering_connection.vw"}},
		{"Transit Gateway: a blackhole inside the propagated block", viaTransit, func(t *testing.T, d doc) doc {
			return d.set("resource.aws_ec2_transit_gateway_route.hole", obj(t, `{"transit_gateway_route_table_id": "${aws_ec2_transit_gateway_route_table.rt.id}", "destination_cidr_block": "10.1.1.0/24", "blackhole": true}`))
		}, want{Unreachable, "transit-gateway", "drops 10.1.1."}, want{Unreachable, "transit-gateway", "drops 10.1.1.0"}},
		{"peering: it joins other VPCs", viaPeering, func(t *testing.T, d doc) doc {
			d.set("resource.aws_vpc.x", obj(t, `{"cidr_block": "10.2.0.0/16"}`))
			return d.set("resource.aws_vpc_peering_connection.vw.peer_vpc_id", "${aws_vpc.x.id}")
		}, want{Unreachable, "peering", "peering is not transitive"}, want{Unreachable, "peering", "peering is not transitive"}},
		{"peering: no route back", viaPeering, func(t *testing.T, d doc) doc { return d.del("resource.aws_route.w_app") },
			want{Unreachable, "return-route", "has no route to 10.0.1.0"}, want{Unreachable, "route", "no route joins them"}},
		{"peering: a peering outside the app", viaPeering, func(t *testing.T, d doc) doc { return d.del("resource.aws_vpc_peering_connection") },
			want{Unknown, "model", "which is not a peering of this app"}, want{Unknown, "model", "which is not a peering of this app"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := c.change(t, c.fixture(t))
			a := New([]*tfjson.Stack{d.stack(t, "t")})
			r := a.Check("t", ssh)
			check(t, r, c.there.v, c.there.link, c.there.words)
			r = a.Check("t", https)
			check(t, r, c.backTo.v, c.backTo.link, c.backTo.words)
		})
	}
}

// The shipped inter-region peering (lattice-peer, its accepter stack and
// lattice-resource's provider VPC), read through three stacks' remote
// state: the consumer reaches the server; without the accepter it never
// does, and a rule naming the consumer's group would not count.
func TestAcrossRegionsShipped(t *testing.T) {
	n := func(t *testing.T, d doc) need.Declared {
		s := d.stack(t, "lattice-peer")
		if len(s.Needs) != 1 {
			t.Fatalf("lattice-peer declares %d needs", len(s.Needs))
		}
		return s.Needs[0]
	}
	run := func(t *testing.T, change func(peer, acc, res doc)) Result {
		peer, acc, res := golden(t, "lattice-peer"), golden(t, "lattice-peer-accepter"), golden(t, "lattice-resource")
		change(peer, acc, res)
		return New([]*tfjson.Stack{peer.stack(t, "lattice-peer"), acc.stack(t, "lattice-peer-accepter"), res.stack(t, "lattice-resource")}).Check("lattice-peer", n(t, peer))
	}
	check(t, run(t, func(peer, acc, res doc) {}), Private, "", "aws_vpc_peering_connection.peering")
	check(t, run(t, func(peer, acc, res doc) { acc.del("resource.aws_vpc_peering_connection_accepter") }), Unreachable, "peering", "never accepted")
	check(t, run(t, func(peer, acc, res doc) {
		acc.set("resource.aws_vpc_peering_connection_accepter.lattice-peer-peering.auto_accept", false)
	}), Unknown, "model", "does not set auto_accept, so whether it accepts is not in the JSON")
	check(t, run(t, func(peer, acc, res doc) {
		acc.del("resource.aws_route")
	}), Unreachable, "return-route", "aws_route_table.provider_app_us-east-1a has no route to 10.13.0.0, so the answers from aws_subnet.provider_app_us-east-1a have no way back through aws_vpc_peering_connection.peering")
	check(t, run(t, func(peer, acc, res doc) {
		res.set("resource.aws_vpc_security_group_ingress_rule.server_sg_443-tcp_from_10_13_0_0_16.cidr_ipv4", "10.99.0.0/16")
	}), Unreachable, "target-ingress", "does not admit TCP 443 from tier subnet aws_subnet.consumer_app_us-west-2a (rules that name its security groups do not count across this way: use its CIDR)")
}

// withHub makes w a hub that shares an ssm endpoint with v (d is
// viaTransit or viaPeering): the endpoint in w with private DNS off, its
// group admitting v's block, a zone for ssm's name made with w, an alias
// record to the endpoint, the zone associated with v, and v's app group
// allowing 443 out to w.
func withHub(t testing.TB, d doc) doc {
	d.set("resource.aws_security_group.hubep", obj(t, `{"vpc_id": "${aws_vpc.w.id}"}`))
	d.set("resource.aws_vpc_security_group_ingress_rule.hubep_443", obj(t, `{"security_group_id": "${aws_security_group.hubep.id}", "ip_protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": "10.0.0.0/16"}`))
	d.set("resource.aws_vpc_security_group_egress_rule.app_443_hub", obj(t, `{"security_group_id": "${aws_security_group.app.id}", "ip_protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": "10.1.0.0/16"}`))
	d.set("resource.aws_vpc_endpoint.hub_ssm", obj(t, `{"vpc_id": "${aws_vpc.w.id}", "service_name": "com.amazonaws.us-east-1.ssm", "vpc_endpoint_type": "Interface", "private_dns_enabled": false,
		"subnet_ids": ["${aws_subnet.w.id}"], "security_group_ids": ["${aws_security_group.hubep.id}"]}`))
	d.set("resource.aws_route53_zone.ssm", obj(t, `{"name": "ssm.us-east-1.amazonaws.com", "vpc": [{"vpc_id": "${aws_vpc.w.id}"}], "lifecycle": {"ignore_changes": ["vpc"]}}`))
	d.set("resource.aws_route53_record.ssm", obj(t, `{"zone_id": "${aws_route53_zone.ssm.zone_id}", "name": "ssm.us-east-1.amazonaws.com", "type": "A",
		"alias": {"name": "${aws_vpc_endpoint.hub_ssm.dns_entry[0].dns_name}", "zone_id": "${aws_vpc_endpoint.hub_ssm.dns_entry[0].hosted_zone_id}", "evaluate_target_health": false}}`))
	d.set("resource.aws_route53_zone_association.ssm_v", obj(t, `{"zone_id": "${aws_route53_zone.ssm.zone_id}", "vpc_id": "${aws_vpc.v.id}"}`))
	return d
}

// A spoke reaches a hub's endpoint through the hub's zone, over the
// Transit Gateway or peering; each piece removed flips the verdict, with
// the link and the words.
func TestSharedZone(t *testing.T) {
	n := fromApp(svc("ssm"))
	run := func(d doc) Result { return New([]*tfjson.Stack{d.stack(t, "t")}).Check("t", n) }
	check(t, run(withHub(t, viaTransit(t))), Private, "", "interface endpoint aws_vpc_endpoint.hub_ssm in aws_vpc.w through private hosted zone ssm.us-east-1.amazonaws.com, over aws_ec2_transit_gateway.tgw")
	check(t, run(withHub(t, viaPeering(t))), Private, "", "interface endpoint aws_vpc_endpoint.hub_ssm in aws_vpc.w through private hosted zone ssm.us-east-1.amazonaws.com, over aws_vpc_peering_connection.vw")
	cases := []struct {
		change      func(d doc)
		want        Verdict
		link, words string
	}{
		{func(d doc) { d.del("resource.aws_route53_zone_association.ssm_v") }, Unreachable, "endpoint", "no endpoint for ssm in aws_vpc.v"},
		{func(d doc) { d.del("resource.aws_vpc_security_group_ingress_rule.hubep_443") }, Unreachable, "target-ingress", "aws_vpc_endpoint.hub_ssm"},
		{func(d doc) { d.del("resource.aws_vpc_security_group_egress_rule.app_443_hub") }, Unreachable, "client-egress", ""},
		{func(d doc) { d.del("resource.aws_route53_record.ssm") }, Unreachable, "hosted-zone", `private hosted zone "ssm.us-east-1.amazonaws.com" (aws_route53_zone.ssm), associated with aws_vpc.v, holds no record for ssm.us-east-1.amazonaws.com: the VPC resolver answers NXDOMAIN`},
		// A wildcard does not answer its zone's own name.
		{func(d doc) { d.set("resource.aws_route53_record.ssm.name", "*.ssm.us-east-1.amazonaws.com") }, Unreachable, "hosted-zone", "holds no record for ssm.us-east-1.amazonaws.com"},
		// A name given relative to the zone is the provider's "name.zone".
		{func(d doc) { d.set("resource.aws_route53_record.ssm.name", "") }, Private, "", "through private hosted zone"},
		{func(d doc) { d.set("resource.aws_vpc_endpoint.hub_ssm.service_name", "com.amazonaws.us-east-1.kms") }, Unreachable, "hosted-zone", "aws_route53_record.ssm sends ssm.us-east-1.amazonaws.com to aws_vpc_endpoint.hub_ssm, which is not an interface endpoint for ssm"},
		{func(d doc) {
			d.set("resource.aws_route53_record.ssm.alias.name", "vpce-123.ssm.us-east-1.vpce.amazonaws.com")
		}, Unknown, "model", `answers "ssm.us-east-1.amazonaws.com" with "vpce-123.ssm.us-east-1.vpce.amazonaws.com", not an endpoint of this app`},
		{func(d doc) { d.set("resource.aws_route53_record.ssm.set_identifier", "a") }, Unknown, "model", "has a routing policy"},
		{func(d doc) { d.set("resource.aws_route53_zone.ssm.name", "${var.zone}") }, Unknown, "dhcp-dns", "aws_route53_zone_association.ssm_v associates a zone privnet cannot read with aws_vpc.v"},
		{func(d doc) { d.set("resource.aws_vpc.v.enable_dns_hostnames", false) }, Unreachable, "vpc-dns", "DNS hostnames are off in aws_vpc.v, so private hosted zone aws_route53_zone.ssm does not answer there"},
		// The endpoint's interface in an AZ the hub's attachment does not cover.
		{func(d doc) {
			d.set("resource.aws_subnet.w2", obj(t, `{"vpc_id": "${aws_vpc.w.id}", "cidr_block": "10.1.2.0/24", "availability_zone": "us-east-1b"}`))
			d.set("resource.aws_route_table_association.w2", obj(t, `{"subnet_id": "${aws_subnet.w2.id}", "route_table_id": "${aws_route_table.w.id}"}`))
			d.set("resource.aws_vpc_endpoint.hub_ssm.subnet_ids", []any{"${aws_subnet.w.id}", "${aws_subnet.w2.id}"})
		}, Unreachable, "transit-gateway", "aws_ec2_transit_gateway_vpc_attachment.w has no subnet in us-east-1b, where aws_subnet.w2 is, so the answers of aws_vpc_endpoint.hub_ssm cannot reach the gateway"},
		// A zone for another name answers nothing of ssm's.
		{func(d doc) {
			d.set("resource.aws_route53_zone.ssm.name", "sqs.us-east-1.amazonaws.com")
			d.set("resource.aws_route53_record.ssm.name", "sqs.us-east-1.amazonaws.com")
		}, Unreachable, "endpoint", "no endpoint for ssm in aws_vpc.v"},
		// Records privnet cannot read leave the zone unknown, not empty.
		{func(d doc) {
			d.set("resource.aws_route53_record.ssm.zone_id", "${element(aws_route53_zone.ssm.*.zone_id, 0)}")
		}, Unknown, "model", "the zone of aws_route53_record.ssm cannot be followed"},
		{func(d doc) {
			d.set("resource.aws_route53_record.ssm.zone_id", []any{"${aws_route53_zone.ssm.zone_id}"})
		}, Unknown, "model", "the zone of aws_route53_record.ssm cannot be followed"},
		{func(d doc) { d.set("resource.aws_route53_record.ssm.type", "${var.type}") }, Unknown, "model", "the type of aws_route53_record.ssm is not a literal value"},
		{func(d doc) { d.set("resource.aws_route53_record.ssm.name", []any{"a"}) }, Unknown, "model", "the name of aws_route53_record.ssm is not a literal value"},
		// A number is a name relative to the zone: 5.ssm…, not the apex.
		{func(d doc) { d.set("resource.aws_route53_record.ssm.name", 5) }, Unreachable, "hosted-zone", "holds no record for ssm.us-east-1.amazonaws.com"},
		{func(d doc) {
			d.set("resource.aws_route53_records_exclusive.ssm", obj(t, `{"zone_id": "${aws_route53_zone.ssm.zone_id}"}`))
		}, Unknown, "model", "are written by aws_route53_records_exclusive.ssm, which privnet does not read"},
		{func(d doc) {
			d.set("resource.aws_route53_record.ssm.alias.zone_id", "Z2FDTNDATAQYW2")
		}, Unknown, "model", "the alias of aws_route53_record.ssm names the DNS name of aws_vpc_endpoint.hub_ssm with another hosted zone ID"},
		{func(d doc) {
			d.del("resource.aws_route53_record.ssm.alias")
			d.set("resource.aws_route53_record.ssm.type", "CNAME")
			d.set("resource.aws_route53_record.ssm.records", []any{"${aws_vpc_endpoint.hub_ssm.dns_entry[0].dns_name}"})
		}, Unknown, "model", "aws_route53_record.ssm is a CNAME at the apex of aws_route53_zone.ssm, which Route 53 refuses"},
		{func(d doc) {
			d.del("resource.aws_route53_record.ssm.alias")
			d.set("resource.aws_route53_record.ssm.records", []any{"10.1.1.5"})
		}, Unknown, "model", `aws_route53_record.ssm answers "ssm.us-east-1.amazonaws.com" with addresses of its own`},
		// A TXT record whose zone cannot be followed cannot answer the
		// service's A query: it changes nothing.
		{func(d doc) {
			d.set("resource.aws_route53_record.txt", obj(t, `{"zone_id": "${var.zone}", "name": "x", "type": "TXT", "records": ["v=1"]}`))
		}, Private, "", "through private hosted zone ssm.us-east-1.amazonaws.com"},
		{func(d doc) { d.set("resource.aws_route53_record.ssm.name", map[string]any{}) }, Unknown, "model", "the name of aws_route53_record.ssm is not a literal value"},
		// A zone read at plan by name alone is public: its records answer
		// no VPC. One looked up by VPC may be private: unknown.
		{func(d doc) {
			d.set("data.aws_route53_zone.pub", obj(t, `{"name": "example.com"}`))
			d.set("resource.aws_route53_record.pub", obj(t, `{"zone_id": "${data.aws_route53_zone.pub.zone_id}", "name": "ssm.us-east-1.amazonaws.com", "type": "A", "records": ["192.0.2.1"]}`))
		}, Private, "", "through private hosted zone ssm.us-east-1.amazonaws.com"},
		{func(d doc) {
			d.set("data.aws_route53_zone.x", obj(t, `{"name": "ssm.us-east-1.amazonaws.com", "vpc_id": "${aws_vpc.w.id}"}`))
			d.set("resource.aws_route53_record.x", obj(t, `{"zone_id": "${data.aws_route53_zone.x.zone_id}", "name": "ssm.us-east-1.amazonaws.com", "type": "A", "records": ["192.0.2.1"]}`))
		}, Unknown, "model", "the zone of aws_route53_record.x cannot be followed"},
		// Two zones of one name on one VPC: AWS takes only one.
		{func(d doc) {
			d.set("resource.aws_route53_zone.aaa", obj(t, `{"name": "ssm.us-east-1.amazonaws.com", "vpc": [{"vpc_id": "${aws_vpc.v.id}"}]}`))
		}, Unreachable, "hosted-zone", `zones aws_route53_zone.aaa and aws_route53_zone.ssm both have name "ssm.us-east-1.amazonaws.com" and are associated with aws_vpc.v: AWS refuses the second association (ConflictingDomainExists)`},
		// A Profile instead of the association: its zone counts.
		{func(d doc) {
			d.del("resource.aws_route53_zone_association.ssm_v")
			d.set("resource.aws_route53profiles_profile.hub", obj(t, `{"name": "hub"}`))
			d.set("resource.aws_route53profiles_resource_association.ssm", obj(t, `{"name": "ssm", "profile_id": "${aws_route53profiles_profile.hub.id}", "resource_arn": "${aws_route53_zone.ssm.arn}"}`))
			d.set("resource.aws_route53profiles_association.v", obj(t, `{"name": "v", "profile_id": "${aws_route53profiles_profile.hub.id}", "resource_id": "${aws_vpc.v.id}"}`))
		}, Private, "", "through private hosted zone ssm.us-east-1.amazonaws.com, over aws_ec2_transit_gateway.tgw"},
		// A Profile that also brings a Resolver rule: its answers cannot be known.
		{func(d doc) {
			d.del("resource.aws_route53_zone_association.ssm_v")
			d.set("resource.aws_route53profiles_profile.hub", obj(t, `{"name": "hub"}`))
			d.set("resource.aws_route53profiles_resource_association.fwd", obj(t, `{"name": "fwd", "profile_id": "${aws_route53profiles_profile.hub.id}", "resource_arn": "${aws_route53_resolver_rule.fwd.arn}"}`))
			d.set("resource.aws_route53profiles_association.v", obj(t, `{"name": "v", "profile_id": "${aws_route53profiles_profile.hub.id}", "resource_id": "${aws_vpc.v.id}"}`))
		}, Unknown, "dhcp-dns", "Route 53 Profile association aws_route53profiles_association.v brings the Profile's private hosted zones and Resolver rules to aws_vpc.v"},
	}
	for i, c := range cases {
		d := withHub(t, viaTransit(t))
		c.change(d)
		t.Run(fmt.Sprint(i), func(t *testing.T) { check(t, run(d), c.want, c.link, c.words) })
	}
	// A zone for ssm answers nothing of sts's: the client's own sts
	// endpoint, with private DNS, still serves it.
	check(t, New([]*tfjson.Stack{withHub(t, viaTransit(t)).stack(t, "t")}).Check("t", fromApp(svc("sts"))), Private, "", "interface endpoint aws_vpc_endpoint.sts with private DNS")
	// A zone of the endpoint's own name beside its private DNS: one of the
	// two is refused, which is not in the JSON.
	own := parseDoc(t, base)
	own.set("resource.aws_route53_zone.sts", obj(t, `{"name": "sts.us-east-1.amazonaws.com", "vpc": [{"vpc_id": "${aws_vpc.v.id}"}]}`))
	check(t, New([]*tfjson.Stack{own.stack(t, "t")}).Check("t", fromApp(svc("sts"))), Unknown, "dhcp-dns", `private hosted zone "sts.us-east-1.amazonaws.com" (aws_route53_zone.sts) is associated with aws_vpc.v beside the private DNS of aws_vpc_endpoint.sts for the same name`)
	// A zone below a wildcard name (one registry) beside the endpoint's
	// private DNS for *.dkr.ecr…: some registries resolve there, some not.
	reg := parseDoc(t, base)
	reg.set("resource.aws_vpc_endpoint.dkr", obj(t, `{"vpc_id": "${aws_vpc.v.id}", "service_name": "com.amazonaws.us-east-1.ecr.dkr", "vpc_endpoint_type": "Interface", "private_dns_enabled": true,
		"subnet_ids": ["${aws_subnet.ep.id}"], "security_group_ids": ["${aws_security_group.ep.id}"]}`))
	check(t, New([]*tfjson.Stack{reg.stack(t, "t")}).Check("t", fromApp(svc("ecr.dkr"))), Private, "", "interface endpoint aws_vpc_endpoint.dkr with private DNS")
	reg.set("resource.aws_route53_zone.registry", obj(t, `{"name": "123456789012.dkr.ecr.us-east-1.amazonaws.com", "vpc": [{"vpc_id": "${aws_vpc.v.id}"}]}`))
	check(t, New([]*tfjson.Stack{reg.stack(t, "t")}).Check("t", fromApp(svc("ecr.dkr"))), Unknown, "hosted-zone", `private hosted zone "123456789012.dkr.ecr.us-east-1.amazonaws.com" (aws_route53_zone.registry) is associated with aws_vpc.v and answers some of the names *.dkr.ecr.us-east-1.amazonaws.com stands for`)
	// Two zones of the endpoint's own name beside its private DNS: still
	// unknown, not the endpoint.
	twice := parseDoc(t, base)
	twice.set("resource.aws_route53_zone.a", obj(t, `{"name": "sts.us-east-1.amazonaws.com", "vpc": [{"vpc_id": "${aws_vpc.v.id}"}]}`))
	twice.set("resource.aws_route53_zone.b", obj(t, `{"name": "sts.us-east-1.amazonaws.com", "vpc": [{"vpc_id": "${aws_vpc.v.id}"}]}`))
	check(t, New([]*tfjson.Stack{twice.stack(t, "t")}).Check("t", fromApp(svc("sts"))), Unknown, "hosted-zone", "zones aws_route53_zone.a and aws_route53_zone.b both have name")
	// A parent zone whose association cannot be judged does not beat the
	// endpoint's more specific private DNS.
	parent := parseDoc(t, base)
	parent.set("resource.aws_route53_zone.region", obj(t, `{"name": "us-east-1.amazonaws.com", "vpc": [{"vpc_id": "${aws_vpc.v.id}"}], "count": "${var.n}"}`))
	check(t, New([]*tfjson.Stack{parent.stack(t, "t")}).Check("t", fromApp(svc("sts"))), Private, "", "interface endpoint aws_vpc_endpoint.sts with private DNS")
	// A service outside the catalog whose key has a dot: its name is not
	// known either.
	dotted := parseDoc(t, base)
	dotted.set("resource.aws_vpc_endpoint.fb", obj(t, `{"vpc_id": "${aws_vpc.v.id}", "service_name": "com.amazonaws.us-east-1.foo.bar", "vpc_endpoint_type": "Interface", "private_dns_enabled": true,
		"subnet_ids": ["${aws_subnet.ep.id}"], "security_group_ids": ["${aws_security_group.ep.id}"]}`))
	dotted.set("resource.aws_route53_zone.fb", obj(t, `{"name": "foo.bar.us-east-1.amazonaws.com", "vpc": [{"vpc_id": "${aws_vpc.v.id}"}]}`))
	check(t, New([]*tfjson.Stack{dotted.stack(t, "t")}).Check("t", fromApp(svc("foo.bar"))), Unknown, "dhcp-dns", `privnet does not know the DNS name of "foo.bar"`)
	// A refused zone of one name beside one that holds: the one that holds
	// answers.
	ok := withHub(t, viaTransit(t))
	ok.set("provider.aws", []any{map[string]any{"region": "us-east-1", "allowed_account_ids": []any{"111111111111"}}})
	ok.set("output.v", obj(t, `{"value": "${aws_vpc.v.id}"}`))
	other := parseDoc(t, `{"provider": {"aws": [{"region": "us-east-1", "allowed_account_ids": ["999999999999"]}]}, "resource": {}}`)
	other.set("data.terraform_remote_state.cross-stack-reference-input-t", obj(t, `{"backend": "local", "config": {"path": "../../../terraform.t.tfstate"}}`))
	other.set("resource.aws_route53_zone.o", obj(t, `{"name": "ssm.us-east-1.amazonaws.com", "vpc": [{"vpc_id": "${data.terraform_remote_state.cross-stack-reference-input-t.outputs.v}"}]}`))
	check(t, New([]*tfjson.Stack{ok.stack(t, "t"), other.stack(t, "o")}).Check("t", n), Private, "", "through private hosted zone ssm.us-east-1.amazonaws.com")
	// A service privnet knows no DNS name of, beside any zone: unknown.
	foo := parseDoc(t, base)
	foo.set("resource.aws_vpc_endpoint.foo", obj(t, `{"vpc_id": "${aws_vpc.v.id}", "service_name": "com.amazonaws.us-east-1.foosvc", "vpc_endpoint_type": "Interface", "private_dns_enabled": true,
		"subnet_ids": ["${aws_subnet.ep.id}"], "security_group_ids": ["${aws_security_group.ep.id}"]}`))
	check(t, New([]*tfjson.Stack{foo.stack(t, "t")}).Check("t", fromApp(svc("foosvc"))), Private, "", "interface endpoint aws_vpc_endpoint.foo with private DNS")
	foo.set("resource.aws_route53_zone.foo", obj(t, `{"name": "foosvc.us-east-1.amazonaws.com", "vpc": [{"vpc_id": "${aws_vpc.v.id}"}]}`))
	check(t, New([]*tfjson.Stack{foo.stack(t, "t")}).Check("t", fromApp(svc("foosvc"))), Unknown, "dhcp-dns", `privnet does not know the DNS name of "foosvc", and aws_vpc.v has private hosted zones that may answer it (aws_route53_zone.foo)`)
	// Two zones of one name, one of them associated with count from an
	// expression: which AWS keeps is unknown, whatever the names' order.
	for _, name := range []string{"aaa", "zzz"} {
		d := withHub(t, viaTransit(t))
		d.set("resource.aws_route53_zone."+name, obj(t, `{"name": "ssm.us-east-1.amazonaws.com", "vpc": [{"vpc_id": "${aws_vpc.w.id}"}]}`))
		d.set("resource.aws_route53_zone_association."+name+"_v", obj(t, `{"zone_id": "${aws_route53_zone.`+name+`.zone_id}", "vpc_id": "${aws_vpc.v.id}", "count": "${var.n}"}`))
		check(t, New([]*tfjson.Stack{d.stack(t, "t")}).Check("t", n), Unknown, "hosted-zone", "both associate a zone named \"ssm.us-east-1.amazonaws.com\" with aws_vpc.v, and which one AWS keeps is not in the JSON")
	}
	// The hub's own workloads use the zone made with the hub VPC.
	d := withHub(t, viaTransit(t))
	d.set("resource.aws_vpc_security_group_egress_rule.other_443_hub", obj(t, `{"security_group_id": "${aws_security_group.other.id}", "ip_protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": "10.1.0.0/16"}`))
	d.set("resource.aws_vpc_security_group_ingress_rule.hubep_443_w", obj(t, `{"security_group_id": "${aws_security_group.hubep.id}", "ip_protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": "10.1.0.0/16"}`))
	inHub := need.Declared{Path: "t/other", From: need.Source{Addrs: []string{"aws_instance.other"}}, Need: need.Need{Label: "test", Targets: []need.Target{svc("ssm")}}}
	check(t, New([]*tfjson.Stack{d.stack(t, "t")}).Check("t", inHub), Private, "", "interface endpoint aws_vpc_endpoint.hub_ssm through private hosted zone ssm.us-east-1.amazonaws.com")
}

// A wildcard answers every name below it that has no record of its own,
// at any depth; nothing answers a name outside.
func TestZoneAnswer(t *testing.T) {
	z := &phz{name: "dkr.ecr.eu-west-1.amazonaws.com", records: map[string]*phzRecord{"*.dkr.ecr.eu-west-1.amazonaws.com": {addr: "star"}, "own.dkr.ecr.eu-west-1.amazonaws.com": {addr: "own"}}}
	for q, want := range map[string]string{"123456789012.dkr.ecr.eu-west-1.amazonaws.com": "star", "a.b.dkr.ecr.eu-west-1.amazonaws.com": "star",
		"OWN.dkr.ecr.eu-west-1.amazonaws.com.": "own", "dkr.ecr.eu-west-1.amazonaws.com": ""} {
		got := ""
		if r := z.answer(q); r != nil {
			got = r.addr
		}
		if got != want {
			t.Errorf("%s: %q, want %q", q, got, want)
		}
	}
}

// The shipped hub-spoke scenario through its four stacks: the remote
// spoke's instance reaches ssm in the hub through the zone its account
// associated after the hub's account authorized it; without that
// association, or the hub endpoint's rule for the remote block, it does
// not; the local spoke is untouched by the remote's association.
func TestHubSpokeShipped(t *testing.T) {
	names := []string{"hub-spoke", "hub-spoke-remote", "hub-spoke-accept", "hub-spoke-associate"}
	run := func(t *testing.T, from string, change func(ds map[string]doc)) Result {
		ds := map[string]doc{}
		for _, n := range names {
			ds[n] = golden(t, n)
		}
		change(ds)
		var stacks []*tfjson.Stack
		for _, n := range names {
			stacks = append(stacks, ds[n].stack(t, n))
		}
		s := ds[from].stack(t, from)
		if len(s.Needs) != 1 {
			t.Fatalf("%s declares %d needs", from, len(s.Needs))
		}
		return New(stacks).Check(from, s.Needs[0])
	}
	check(t, run(t, "hub-spoke-remote", func(map[string]doc) {}), Private, "", "interface endpoint aws_vpc_endpoint.shared_ssm in aws_vpc.hub through private hosted zone ssm.eu-west-1.amazonaws.com, over aws_ec2_transit_gateway.tgw")
	noAssoc := func(ds map[string]doc) {
		ds["hub-spoke-associate"].del("resource.aws_route53_zone_association.shared_ssm_eu-west-1_amazonaws_com_hub-spoke-remote-spoke")
	}
	check(t, run(t, "hub-spoke-remote", noAssoc), Unreachable, "endpoint", "no endpoint for ssm in aws_vpc.spoke")
	check(t, run(t, "hub-spoke", noAssoc), Private, "", "through private hosted zone ssm.eu-west-1.amazonaws.com")
	noRule := func(ds map[string]doc) {
		ds["hub-spoke"].del("resource.aws_vpc_security_group_ingress_rule.shared_ssm_sg_443-tcp_from_10_19_0_0_16")
	}
	check(t, run(t, "hub-spoke-remote", noRule), Unreachable, "target-ingress", "aws_vpc_endpoint.shared_ssm")
	check(t, run(t, "hub-spoke", noRule), Private, "", "through private hosted zone ssm.eu-west-1.amazonaws.com")
	// Across accounts the zone's account must authorize the VPC before the
	// VPC's account associates it: AWS refuses anything else.
	const ssmAssoc = "resource.aws_route53_zone_association.shared_ssm_eu-west-1_amazonaws_com_hub-spoke-remote-spoke"
	direct := func(ds map[string]doc) {
		ds["hub-spoke-associate"].set(ssmAssoc+".zone_id",
			"${data.terraform_remote_state.cross-stack-reference-input-hub-spoke.outputs.cross-stack-output-aws_route53_zoneshared_ssm_eu-west-1_amazonaws_comzone_id}")
		ds["hub-spoke-associate"].set("data.terraform_remote_state.cross-stack-reference-input-hub-spoke", obj(t, `{"backend": "local", "config": {"path": "x"}}`))
	}
	// The zone named directly, the authorization made in a stack it reads:
	// it exists before the association.
	check(t, run(t, "hub-spoke-remote", direct), Private, "", "through private hosted zone ssm.eu-west-1.amazonaws.com")
	// No authorization at all.
	check(t, run(t, "hub-spoke-remote", func(ds map[string]doc) {
		direct(ds)
		ds["hub-spoke-accept"].del("resource.aws_route53_vpc_association_authorization.shared_ssm_eu-west-1_amazonaws_com_hub-spoke-remote-spoke")
	}), Unreachable, "hosted-zone", "aws_route53_zone_association.shared_ssm_eu-west-1_amazonaws_com_hub-spoke-remote-spoke associates zone aws_route53_zone.shared_ssm_eu-west-1_amazonaws_com of stack hub-spoke with aws_vpc.spoke of stack hub-spoke-remote, another account, and no authorization by the zone's account allows it: AWS refuses it")
	// An authorization that nothing makes the association wait for.
	check(t, run(t, "hub-spoke-remote", func(ds map[string]doc) {
		direct(ds)
		// Every association names its zone in the hub's stack, and the
		// associations' stack no longer reads the authorizations' state.
		for n, a := range ds["hub-spoke-associate"].get("resource.aws_route53_zone_association").(map[string]any) {
			slug := strings.TrimSuffix(strings.TrimPrefix(n, "shared_"), "_hub-spoke-remote-spoke")
			a.(map[string]any)["zone_id"] = "${data.terraform_remote_state.cross-stack-reference-input-hub-spoke.outputs.cross-stack-output-aws_route53_zoneshared_" + slug + "zone_id}"
		}
		ds["hub-spoke-associate"].del("data.terraform_remote_state.cross-stack-reference-input-hub-spoke-accept")
		// A remote-state block cdktf did not write orders nothing.
		ds["hub-spoke-associate"].set("data.terraform_remote_state.hub-spoke-accept", obj(t, `{"backend": "s3", "config": {"bucket": "b", "key": "k"}}`))
	}), Unknown, "hosted-zone", "aws_route53_vpc_association_authorization.shared_ssm_eu-west-1_amazonaws_com_hub-spoke-remote-spoke exists, but nothing makes aws_route53_zone_association.shared_ssm_eu-west-1_amazonaws_com_hub-spoke-remote-spoke wait for it")
	// The association takes its VPC from the authorization, as the
	// provider's example does.
	check(t, run(t, "hub-spoke-remote", func(ds map[string]doc) {
		ds["hub-spoke-accept"].set("output.auth_vpc", obj(t, `{"value": "${aws_route53_vpc_association_authorization.shared_ssm_eu-west-1_amazonaws_com_hub-spoke-remote-spoke.vpc_id}"}`))
		ds["hub-spoke-associate"].set(ssmAssoc+".vpc_id", "${data.terraform_remote_state.cross-stack-reference-input-hub-spoke-accept.outputs.auth_vpc}")
	}), Private, "", "through private hosted zone ssm.eu-west-1.amazonaws.com")
	// The authorization made in the spoke's account.
	check(t, run(t, "hub-spoke-remote", func(ds map[string]doc) {
		ds["hub-spoke-accept"].set("provider.aws", []any{map[string]any{"region": "eu-west-1", "allowed_account_ids": []any{"444455556666"}}})
	}), Unreachable, "hosted-zone", "is made in stack hub-spoke-accept, not in the account of zone aws_route53_zone.shared_ssm_eu-west-1_amazonaws_com: only the zone's account can authorize an association")
	// The association made outside the VPC's account, for a zone and VPC of
	// one account.
	check(t, run(t, "hub-spoke", func(ds map[string]doc) {
		ds["hub-spoke-associate"].set("resource.aws_route53_zone_association.local", obj(t, `{"zone_id": "${data.terraform_remote_state.cross-stack-reference-input-hub-spoke.outputs.cross-stack-output-aws_route53_zoneshared_ssm_eu-west-1_amazonaws_comzone_id}", "vpc_id": "${data.terraform_remote_state.cross-stack-reference-input-hub-spoke.outputs.spoke_vpc}"}`))
		ds["hub-spoke"].set("output.spoke_vpc", obj(t, `{"value": "${aws_vpc.spoke.id}"}`))
		ds["hub-spoke"].del("resource.aws_route53_zone_association.shared_ssm_eu-west-1_amazonaws_com_spoke")
	}), Unreachable, "hosted-zone", "aws_route53_zone_association.local is made in stack hub-spoke-associate, not in the account of aws_vpc.spoke: the VPC's account makes the association")
	// A zone made with a VPC of another account among its own.
	check(t, run(t, "hub-spoke-remote", func(ds map[string]doc) {
		ds["hub-spoke-associate"].del(ssmAssoc)
		ds["hub-spoke"].set("resource.aws_route53_zone.shared_ssm_eu-west-1_amazonaws_com.vpc", []any{map[string]any{"vpc_id": "${aws_vpc.hub.id}"}, map[string]any{"vpc_id": "${data.terraform_remote_state.remote.outputs.cross-stack-output-aws_vpcspokeid}"}})
		ds["hub-spoke"].set("data.terraform_remote_state.remote", obj(t, `{"backend": "local", "config": {"path": "../../../terraform.hub-spoke-remote.tfstate"}}`))
	}), Unreachable, "hosted-zone", "aws_route53_zone.shared_ssm_eu-west-1_amazonaws_com of stack hub-spoke names aws_vpc.spoke of stack hub-spoke-remote, another account, among its VPCs")
	// An association whose authorization is for another VPC cannot be
	// followed.
	check(t, run(t, "hub-spoke-remote", func(ds map[string]doc) {
		ds["hub-spoke-accept"].set("resource.aws_route53_vpc_association_authorization.shared_ssm_eu-west-1_amazonaws_com_hub-spoke-remote-spoke.vpc_id", "vpc-0123456789abcdef0")
	}), Unknown, "dhcp-dns", "associates a zone privnet cannot read with aws_vpc.spoke (its authorization aws_route53_vpc_association_authorization.shared_ssm_eu-west-1_amazonaws_com_hub-spoke-remote-spoke names another VPC, or one privnet cannot follow)")
}
