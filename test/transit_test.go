package test

import (
	"reflect"
	"testing"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/network"
	"github.com/privnet/privnet/constructs/transit"
)

// Work in progress for issue 19: the Transit Gateway's core pieces.
func TestTransitGateway(t *testing.T) {
	j := synthOne(t, "eu-west-1", func(s *core.Stack) {
		hub := network.NewVpc(s, "hub", &network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 2, Tiers: []network.TierProps{{Name: "app"}, {Name: "tgw", Prefix: 28}}})
		spoke := network.NewVpc(s, "spoke", &network.VpcProps{Cidr: "10.1.0.0/16", AzCount: 2, Tiers: []network.TierProps{{Name: "app"}, {Name: "tgw", Prefix: 28}}})
		g := transit.NewGateway(s, "tgw", nil)
		h := transit.Attach(s, "hub-att", &transit.AttachmentProps{Gateway: g, Vpc: hub, Tier: "tgw"})
		sp := transit.Attach(s, "spoke-att", &transit.AttachmentProps{Gateway: g, Vpc: spoke, Tier: "tgw"})
		rt := transit.NewRouteTable(s, "rt", &transit.RouteTableProps{Gateway: g, Associate: []*transit.Attachment{h, sp}, Propagate: []*transit.Attachment{h, sp}})
		rt.Blackhole("10.99.0.0/16")
		h.RouteTo([]string{"10.1.0.0/16"}, "app")
		sp.RouteTo([]string{"10.0.0.0/16"}, "app")
	})
	g := j.resource(t, "aws_ec2_transit_gateway", "tgw")
	if g["default_route_table_association"] != "disable" || g["default_route_table_propagation"] != "disable" || g["security_group_referencing_support"] != "disable" {
		t.Errorf("gateway %v", g)
	}
	a := j.resource(t, "aws_ec2_transit_gateway_vpc_attachment", "hub-att")
	if a["transit_gateway_default_route_table_association"] != false || !reflect.DeepEqual(a["subnet_ids"], []any{"${aws_subnet.hub_tgw_eu-west-1a.id}", "${aws_subnet.hub_tgw_eu-west-1b.id}"}) {
		t.Errorf("attachment %v", a)
	}
	if n := len(j.resources("aws_ec2_transit_gateway_route_table_association")); n != 2 {
		t.Errorf("%d associations", n)
	}
	r := j.resource(t, "aws_route", "hub-att_app_eu-west-1a_10_1_0_0_16")
	if r["transit_gateway_id"] != "${aws_ec2_transit_gateway.tgw.id}" || !reflect.DeepEqual(r["depends_on"], []any{"aws_ec2_transit_gateway_vpc_attachment.hub-att"}) {
		t.Errorf("route %v", r)
	}
	if b := j.resource(t, "aws_ec2_transit_gateway_route", "rt_blackhole_10_99_0_0_16"); b["blackhole"] != true {
		t.Errorf("blackhole %v", b)
	}
}

func TestTransitRules(t *testing.T) {
	wantIssues(t, issues(t, "eu-west-1", func(s *core.Stack) {
		hub := network.NewVpc(s, "hub", &network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 2})
		twin := network.NewVpc(s, "twin", &network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 2})
		g := transit.NewGateway(s, "tgw", &transit.GatewayProps{AmazonSideAsn: 7224})
		a := hub.Tiers()[0].Subnets[0]
		h := transit.Attach(s, "hub-att", &transit.AttachmentProps{Gateway: g, Vpc: hub, Subnets: []*network.Subnet{a, a}})
		transit.Attach(s, "twin-att", &transit.AttachmentProps{Gateway: g, Vpc: twin})
		h.RouteTo([]string{"10.0.128.0/17"})
	}),
		`PN-TGW-1 t/tgw: AmazonSideAsn 7224 is outside the private ranges AWS takes for a Transit Gateway (fix: use 64512–65534 or 4200000000–4294967294, or 0 for AWS's default)`,
		`PN-TGW-2 t/hub-att: subnets 10.0.0.0/24 and 10.0.0.0/24 are both in eu-west-1a, and an attachment takes one subnet per AZ (fix: give one subnet per AZ)`,
		`PN-TGW-3 t/hub-att: RouteTo 10.0.128.0/17 lies in VPC t/hub, whose local route keeps it (fix: route only the other VPCs' blocks, or a summary of them)`,
		`PN-TGW-3 t/tgw: attached VPCs t/hub (10.0.0.0/16) and t/twin (10.0.0.0/16) overlap (fix: renumber one of them before attaching both)`)
}

// Work in progress for issue 19: a peering in one region and account.
func TestTransitPeering(t *testing.T) {
	j := synthOne(t, "eu-west-1", func(s *core.Stack) {
		a := network.NewVpc(s, "a", &network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 2})
		b := network.NewVpc(s, "b", &network.VpcProps{Cidr: "10.1.0.0/16", AzCount: 2})
		transit.NewPeering(s, "ab", &transit.PeeringProps{Requester: a, Accepter: b, DnsResolution: true})
	})
	p := j.resource(t, "aws_vpc_peering_connection", "ab")
	if p["auto_accept"] != true || p["vpc_id"] != "${aws_vpc.a.id}" || p["peer_vpc_id"] != "${aws_vpc.b.id}" {
		t.Errorf("peering %v", p)
	}
	routes := j.resources("aws_route")
	var peered int
	for _, r := range routes {
		if r["vpc_peering_connection_id"] == "${aws_vpc_peering_connection.ab.id}" {
			peered++
		}
	}
	if peered != 4 {
		t.Errorf("%d routes through the peering, want 4 (2 AZs on each side)", peered)
	}
	if o := j.resource(t, "aws_vpc_peering_connection_options", "ab"); o["requester"].(map[string]any)["allow_remote_vpc_dns_resolution"] != true {
		t.Errorf("options %v", o)
	}
	wantIssues(t, issues(t, "eu-west-1", func(s *core.Stack) {
		a := network.NewVpc(s, "a", &network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 1})
		b := network.NewVpc(s, "b", &network.VpcProps{Cidr: "10.0.128.0/17", AzCount: 1})
		transit.NewPeering(s, "ab", &transit.PeeringProps{Requester: a, Accepter: b})
		transit.NewPeering(s, "aa", &transit.PeeringProps{Requester: a, Accepter: a})
	}),
		`PN-TGW-4 t/ab: VPCs t/a (10.0.0.0/16) and t/b (10.0.128.0/17) overlap, and AWS does not peer overlapping CIDR blocks (fix: renumber one of them)`,
		`PN-TGW-4 t/aa: VPC t/a is peered with itself (fix: peer two different VPCs)`)
}

// From the review of the first slice: summary routes are fine, repeats
// are one, an attachment has one table, routes only where the attachment
// has a subnet, and no panic on an unbuilt VPC.
func TestTransitReviewed(t *testing.T) {
	j := synthOne(t, "eu-west-1", func(s *core.Stack) {
		a := network.NewVpc(s, "a", &network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 2})
		g := transit.NewGateway(s, "tgw", nil)
		att := transit.Attach(s, "att", &transit.AttachmentProps{Gateway: g, Vpc: a})
		att.RouteTo([]string{"10.0.0.0/8", "0.0.0.0/0"})
		att.RouteTo([]string{"10.0.0.0/8"})
		rt := transit.NewRouteTable(s, "rt", &transit.RouteTableProps{Gateway: g, Associate: []*transit.Attachment{att, att}})
		rt.Blackhole("10.9.0.0/16")
		rt.Blackhole("10.9.0.0/16")
	})
	if n := len(j.resources("aws_route")); n != 4 {
		t.Errorf("%d routes to the gateway, want 4 (2 CIDRs in 2 AZs, the repeat once)", n)
	}
	if n := len(j.resources("aws_ec2_transit_gateway_route_table_association")); n != 1 {
		t.Errorf("%d associations", n)
	}
	wantIssues(t, issues(t, "eu-west-1", func(s *core.Stack) {
		a := network.NewVpc(s, "a", &network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 2})
		b := network.NewVpc(s, "b", &network.VpcProps{Cidr: "10.1.0.0/16", AzCount: 2, DisableDnsHostnames: true})
		g := transit.NewGateway(s, "tgw", nil)
		att := transit.Attach(s, "att", &transit.AttachmentProps{Gateway: g, Vpc: a, Subnets: a.Tiers()[0].Subnets[:1]})
		att.RouteTo([]string{"10.1.0.0/16"}, "nosuch")
		att.RouteTo([]string{"10.1.0.0/16"})
		transit.NewRouteTable(s, "rt1", &transit.RouteTableProps{Gateway: g, Associate: []*transit.Attachment{att}})
		transit.NewRouteTable(s, "rt2", &transit.RouteTableProps{Gateway: g, Associate: []*transit.Attachment{att}})
		transit.NewPeering(s, "ghost", &transit.PeeringProps{Requester: a, Accepter: &network.Vpc{}})
		transit.NewPeering(s, "ab", &transit.PeeringProps{Requester: a, Accepter: b, DnsResolution: true})
	}),
		`PN-VPC-8 t/att: VPC t/a has no tier "nosuch" (fix: name one of the VPC's tiers)`,
		`PN-TGW-2 t/att: tier "isolated" routes 10.1.0.0/16 to the gateway in eu-west-1b, where the attachment has no subnet, so that traffic cannot reach the gateway (fix: give the attachment a subnet in that AZ)`,
		`PN-TGW-2 t/rt2: attachment t/att is associated with t/rt1 already, and AWS associates an attachment with one route table (fix: associate it with one table)`,
		`PN-APP-7 t/ghost: a peering needs a Requester and an Accepter VPC that were built (fix: pass both VPCs)`,
		`PN-TGW-4 t/ab: DnsResolution needs DNS hostnames on in both VPCs (allow_remote_vpc_dns_resolution, provider documentation) (fix: turn DNS hostnames on in both VPCs, or drop DnsResolution)`)
}
