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
		`PN-TGW-3 t/hub-att: RouteTo 10.0.128.0/17 overlaps VPC t/hub (10.0.0.0/16), whose local route keeps it (fix: route only the other VPCs' blocks)`,
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
