package test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/instance"
	"github.com/privnet/privnet/constructs/network"
	"github.com/privnet/privnet/constructs/securitygroup"
	"github.com/privnet/privnet/constructs/transit"
	"github.com/privnet/privnet/reach"
	"github.com/privnet/privnet/tfjson"
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
		`PN-TGW-3 t/tgw: attached VPCs t/hub (10.0.0.0/16) and t/twin (10.0.0.0/16) overlap (fix: renumber one of them before attaching both)`,
		`PN-TGW-5 t/hub-att: attachment t/hub-att is associated with no route table of gateway t/tgw, so the gateway has no route for what VPC t/hub sends it and drops it (fix: name the attachment in a route table's Associate)`,
		`PN-TGW-5 t/twin-att: attachment t/twin-att is associated with no route table of gateway t/tgw, so the gateway has no route for what VPC t/twin sends it and drops it (fix: name the attachment in a route table's Associate)`)
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
		b := network.NewVpc(s, "b", &network.VpcProps{Cidr: "10.1.0.0/16", AzCount: 2})
		g := transit.NewGateway(s, "tgw", nil)
		att := transit.Attach(s, "att", &transit.AttachmentProps{Gateway: g, Vpc: a})
		batt := transit.Attach(s, "batt", &transit.AttachmentProps{Gateway: g, Vpc: b})
		att.RouteTo([]string{"10.0.0.0/8", "0.0.0.0/0"})
		att.RouteTo([]string{"10.0.0.0/8"})
		rt := transit.NewRouteTable(s, "rt", &transit.RouteTableProps{Gateway: g, Associate: []*transit.Attachment{att, att, batt}, Propagate: []*transit.Attachment{att, batt}})
		rt.Blackhole("10.9.0.0/16")
		rt.Blackhole("10.9.0.0/16")
	})
	if n := len(j.resources("aws_route")); n != 4 {
		t.Errorf("%d routes to the gateway, want 4 (2 CIDRs in 2 AZs, the repeat once)", n)
	}
	if n := len(j.resources("aws_ec2_transit_gateway_route_table_association")); n != 2 {
		t.Errorf("%d associations, want 2 (the repeat once)", n)
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
		`PN-TGW-4 t/ab: DnsResolution needs DNS hostnames on in both VPCs (allow_remote_vpc_dns_resolution, provider documentation) (fix: turn DNS hostnames on in both VPCs, or drop DnsResolution)`,
		`PN-TGW-5 t/ab: the route table of tier "isolated" in eu-west-1a (VPC t/a) has a route to 10.1.0.0/16 already, from t/att, and AWS keeps one route per destination in a table (fix: route that destination one way)`,
		`PN-TGW-5 t/att: VPC t/a sends 10.1.0.0/16 to gateway t/tgw, where no attached VPC holds it and route table t/rt1 sends it nowhere (fix: attach the VPC that holds it, or stop routing it to the gateway)`)
}

// The gateway's routing, checked when the app validates: where each
// destination a VPC sends goes, and whether the answers come back.
func TestTransitRouting(t *testing.T) {
	three := func(s *core.Stack) (g *transit.Gateway, a, b, c *transit.Attachment) {
		va := network.NewVpc(s, "a", &network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 2})
		vb := network.NewVpc(s, "b", &network.VpcProps{Cidr: "10.1.0.0/16", AzCount: 2})
		vc := network.NewVpc(s, "c", &network.VpcProps{Cidr: "10.2.0.0/16", AzCount: 2})
		g = transit.NewGateway(s, "tgw", nil)
		a = transit.Attach(s, "a-att", &transit.AttachmentProps{Gateway: g, Vpc: va})
		b = transit.Attach(s, "b-att", &transit.AttachmentProps{Gateway: g, Vpc: vb})
		c = transit.Attach(s, "c-att", &transit.AttachmentProps{Gateway: g, Vpc: vc})
		return
	}
	// Spokes a and b reach shared c, not each other: two tables, c's
	// blocks statically in the spokes' table.
	j := synthOne(t, "eu-west-1", func(s *core.Stack) {
		g, a, b, c := three(s)
		spokes := transit.NewRouteTable(s, "spokes", &transit.RouteTableProps{Gateway: g, Associate: []*transit.Attachment{a, b}})
		spokes.StaticRoute("10.2.0.0/16", c)
		spokes.StaticRoute("10.2.0.0/16", c)
		transit.NewRouteTable(s, "shared", &transit.RouteTableProps{Gateway: g, Associate: []*transit.Attachment{c}, Propagate: []*transit.Attachment{a, b}})
		a.RouteTo([]string{"10.2.0.0/16"})
		b.RouteTo([]string{"10.2.0.0/16"})
		c.RouteTo([]string{"10.0.0.0/15"})
	})
	r := j.resource(t, "aws_ec2_transit_gateway_route", "spokes_route_10_2_0_0_16")
	if r["transit_gateway_attachment_id"] != "${aws_ec2_transit_gateway_vpc_attachment.c-att.id}" || r["blackhole"] != nil || r["destination_cidr_block"] != "10.2.0.0/16" {
		t.Errorf("static route %v", r)
	}
	if n := len(j.resources("aws_ec2_transit_gateway_route")); n != 1 {
		t.Errorf("%d static routes, want 1 (the repeat is the same route)", n)
	}
	if att := j.resource(t, "aws_ec2_transit_gateway_vpc_attachment", "a-att"); att["security_group_referencing_support"] != "disable" {
		t.Errorf("attachment %v", att)
	}
	wantIssues(t, issues(t, "eu-west-1", func(s *core.Stack) {
		g, a, b, c := three(s)
		// a's table: nothing for b, a blackhole for c; b's table sends a's
		// answers to c; c has no table.
		ta := transit.NewRouteTable(s, "ta", &transit.RouteTableProps{Gateway: g, Associate: []*transit.Attachment{a}})
		ta.Blackhole("10.2.0.0/16")
		ta.StaticRoute("10.2.0.0/16", c)
		tb := transit.NewRouteTable(s, "tb", &transit.RouteTableProps{Gateway: g, Associate: []*transit.Attachment{b}, Propagate: []*transit.Attachment{b}})
		tb.StaticRoute("10.0.0.0/16", c)
		ta.StaticRoute("10.1.0.0/16", b)
		a.RouteTo([]string{"10.1.0.0/16", "10.2.0.0/16", "10.7.0.0/16"})
		transit.NewRouteTable(s, "other", &transit.RouteTableProps{Gateway: transit.NewGateway(s, "tgw2", nil)}).StaticRoute("10.0.0.0/16", a)
	}),
		`PN-TGW-5 t/ta: StaticRoute 10.2.0.0/16: the table routes 10.2.0.0/16 already (dropped), and AWS keeps one static route per destination in a table (fix: route that destination one way)`,
		`PN-APP-7 t/other: StaticRoute "10.0.0.0/16" names an attachment of another gateway, or one that was not built (fix: name an attachment of this table's gateway, or use Blackhole)`,
		`PN-TGW-5 t/a-att: VPC t/a sends 10.1.0.0/16 to gateway t/tgw, but the route table of t/b's attachment, t/tb, sends it to t/c-att (10.0.0.0/16): no table sends the answers back to t/a (10.0.0.0/16) (fix: propagate t/a-att into t/tb)`,
		`PN-TGW-5 t/a-att: VPC t/a sends 10.2.0.0/16 to gateway t/tgw, and route table t/ta drops 10.2.0.0/16 (a blackhole route) (fix: remove the blackhole, or stop routing that destination to the gateway)`,
		`PN-TGW-5 t/a-att: VPC t/a sends 10.7.0.0/16 to gateway t/tgw, where no attached VPC holds it and route table t/ta sends it nowhere (fix: attach the VPC that holds it, or stop routing it to the gateway)`,
		`PN-TGW-5 t/c-att: attachment t/c-att is associated with no route table of gateway t/tgw, so the gateway has no route for what VPC t/c sends it and drops it (fix: name the attachment in a route table's Associate)`)
	wantIssues(t, issues(t, "eu-west-1", func(s *core.Stack) {
		g, a, b, _ := three(s)
		transit.NewRouteTable(s, "ta", &transit.RouteTableProps{Gateway: g, Associate: []*transit.Attachment{a, b}})
		a.RouteTo([]string{"10.1.0.0/16"})
	}),
		`PN-TGW-5 t/a-att: VPC t/a sends 10.1.0.0/16 to gateway t/tgw, and the route table of its attachment, t/ta, has no route to 10.1.0.0/16 (VPC t/b): the gateway drops it (fix: propagate t/b-att into t/ta, or give it a static route)`,
		`PN-TGW-5 t/c-att: attachment t/c-att is associated with no route table of gateway t/tgw, so the gateway has no route for what VPC t/c sends it and drops it (fix: name the attachment in a route table's Associate)`)
}

// A security-group rule may reference a group of another VPC only across
// a link that carries the reference (PN-SG-8).
func TestTransitGroupReferences(t *testing.T) {
	build := func(referencing bool, link string) func(s *core.Stack) {
		return func(s *core.Stack) {
			a := network.NewVpc(s, "a", &network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 1})
			b := network.NewVpc(s, "b", &network.VpcProps{Cidr: "10.1.0.0/16", AzCount: 1})
			ga := securitygroup.New(s, "ga", &securitygroup.Props{Vpc: a, Description: "a"})
			gb := securitygroup.New(s, "gb", &securitygroup.Props{Vpc: b, Description: "b"})
			ga.AllowIngressFrom(securitygroup.TCP(443), gb, "b's clients")
			gb.AllowEgressTo(securitygroup.TCP(443), ga, "to a")
			switch link {
			case "tgw":
				g := transit.NewGateway(s, "tgw", &transit.GatewayProps{SecurityGroupReferencing: referencing})
				x := transit.Attach(s, "a-att", &transit.AttachmentProps{Gateway: g, Vpc: a})
				y := transit.Attach(s, "b-att", &transit.AttachmentProps{Gateway: g, Vpc: b})
				transit.NewRouteTable(s, "rt", &transit.RouteTableProps{Gateway: g, Associate: []*transit.Attachment{x, y}, Propagate: []*transit.Attachment{x, y}})
			case "peering":
				transit.NewPeering(s, "ab", &transit.PeeringProps{Requester: a, Accepter: b})
			}
		}
	}
	wantIssues(t, issues(t, "eu-west-1", build(false, "")),
		`PN-SG-8 t/ga: an inbound rule for 443/tcp references group t/gb of VPC t/b, and no peering or Transit Gateway joins VPC t/a to it (fix: join the VPCs (transit.NewPeering, transit.Attach) or reference the other VPC's CIDR)`,
		`PN-SG-8 t/gb: an outbound rule for 443/tcp references group t/ga of VPC t/a, and no peering or Transit Gateway joins VPC t/b to it (fix: join the VPCs (transit.NewPeering, transit.Attach) or reference the other VPC's CIDR)`)
	wantIssues(t, issues(t, "eu-west-1", build(false, "tgw")),
		`PN-SG-8 t/ga: an inbound rule for 443/tcp references group t/gb of VPC t/b, and no link between the VPCs carries it (Transit Gateway t/tgw: security group referencing is off at the gateway (SecurityGroupReferencing), as AWS's default) (fix: reference the other VPC's CIDR instead, or turn on what the link needs)`,
		`PN-SG-8 t/gb: an outbound rule for 443/tcp references group t/ga of VPC t/a, and no link between the VPCs carries it (Transit Gateway t/tgw: security group referencing is off at the gateway (SecurityGroupReferencing), as AWS's default) (fix: reference the other VPC's CIDR instead, or turn on what the link needs)`)
	wantIssues(t, issues(t, "eu-west-1", build(true, "tgw")),
		`PN-SG-8 t/gb: an outbound rule for 443/tcp references group t/ga of VPC t/a, and no link between the VPCs carries it (Transit Gateway t/tgw: outbound rules cannot reference groups across a Transit Gateway) (fix: reference the other VPC's CIDR instead, or turn on what the link needs)`)
	wantIssues(t, issues(t, "eu-west-1", build(false, "peering")))
	j := synthOne(t, "eu-west-1", build(false, "peering"))
	if r := j.resource(t, "aws_vpc_security_group_ingress_rule", "ga_443-tcp_from_sg-gb"); r["referenced_security_group_id"] != "${aws_security_group.gb.id}" {
		t.Errorf("rule %v", r)
	}
}

// A peering across regions: the requester names the region, the accepter
// side lives in a third stack of the accepter's region (the accepter's
// own would make a cycle), and cdktf orders the stacks.
func TestTransitPeeringInterRegion(t *testing.T) {
	dir := t.TempDir()
	app := core.NewApp(&core.AppProps{Outdir: dir})
	east := core.NewStack(app, "east", core.StackProps{Region: "us-east-1"})
	west := core.NewStack(app, "west", core.StackProps{Region: "us-west-2"})
	link := core.NewStack(app, "west-link", core.StackProps{Region: "us-west-2"})
	a := network.NewVpc(east, "a", &network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 2})
	b := network.NewVpc(west, "b", &network.VpcProps{Cidr: "10.1.0.0/16", AzCount: 2})
	p := transit.NewPeering(east, "ab", &transit.PeeringProps{Requester: a, Accepter: b, AccepterScope: link})
	if !p.InterRegion {
		t.Fatal("not inter-region")
	}
	if err := app.Run(); err != nil {
		t.Fatal(err)
	}
	read := func(name string) tfJSON { return readStack(t, dir, name) }
	e, l := read("east"), read("west-link")
	pc := e.resource(t, "aws_vpc_peering_connection", "ab")
	if pc["peer_region"] != "us-west-2" || pc["auto_accept"] != nil || !strings.HasPrefix(fmt.Sprint(pc["peer_vpc_id"]), "${data.terraform_remote_state.cross-stack-reference-input-west.outputs.") {
		t.Errorf("requester %v", pc)
	}
	acc := l.resource(t, "aws_vpc_peering_connection_accepter", "east-ab")
	if acc["auto_accept"] != true || !strings.HasPrefix(fmt.Sprint(acc["vpc_peering_connection_id"]), "${data.terraform_remote_state.cross-stack-reference-input-east.outputs.") {
		t.Errorf("accepter %v", acc)
	}
	var back int
	for _, r := range l.resources("aws_route") {
		if reflect.DeepEqual(r["depends_on"], []any{"aws_vpc_peering_connection_accepter.east-ab"}) && r["destination_cidr_block"] == "10.0.0.0/16" {
			back++
		}
	}
	if back != 2 {
		t.Errorf("%d accepter-side routes after the accepter, want 2", back)
	}
	// The order cdktf deploys them: west, then east, then west-link.
	m := map[string]any{}
	raw, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	deps := func(name string) any { return m["stacks"].(map[string]any)[name].(map[string]any)["dependencies"] }
	if !reflect.DeepEqual(deps("east"), []any{"west"}) || !reflect.DeepEqual(deps("west-link"), []any{"east", "west"}) && !reflect.DeepEqual(deps("west-link"), []any{"west", "east"}) || !reflect.DeepEqual(deps("west"), []any{}) {
		t.Errorf("dependencies: east %v, west-link %v, west %v", deps("east"), deps("west-link"), deps("west"))
	}

	wantIssues(t, issues(t, "us-east-1", func(s *core.Stack) {
		a := network.NewVpc(s, "a", &network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 1})
		far := network.NewVpc(core.NewStack(s.App(), "far", core.StackProps{Region: "us-west-2"}), "far", &network.VpcProps{Cidr: "10.1.0.0/16", AzCount: 1})
		transit.NewPeering(s, "none", &transit.PeeringProps{Requester: a, Accepter: far})
		transit.NewPeering(s, "cycle", &transit.PeeringProps{Requester: a, Accepter: far, AccepterScope: far.Stack.Scope()})
		near := network.NewVpc(s, "near", &network.VpcProps{Cidr: "10.2.0.0/16", AzCount: 1})
		transit.NewPeering(s, "same", &transit.PeeringProps{Requester: a, Accepter: near, AccepterScope: s.Scope()})
		transit.NewPeering(s, "again", &transit.PeeringProps{Requester: near, Accepter: a})
		transit.NewPeering(s, "oneside", &transit.PeeringProps{Requester: near, Accepter: far, AccepterScope: core.NewStack(s.App(), "link", core.StackProps{Region: "us-west-2"}), AccepterTiers: []string{"nosuch"}})
	}),
		`PN-TGW-4 t/none: Accepter far/far is in us-west-2 and the peering in us-east-1: the accepter side must be made in the Accepter's region and account (fix: pass AccepterScope, a stack of us-west-2 other than far/far's own)`,
		`PN-TGW-4 t/cycle: AccepterScope must be in a stack of us-west-2 other than far, the Accepter's own: the requester refers to the Accepter's VPC and the accepter to the requester's peering, a cycle cdktf refuses (fix: make a stack of us-west-2 for the peering's accepter side)`,
		`PN-TGW-4 t/same: AccepterScope is for an Accepter in another region or account, and both VPCs are in us-east-1 and one account (fix: drop AccepterScope)`,
		`PN-TGW-4 t/again: VPCs t/near and t/a are peered already by t/same, and AWS keeps one peering between two VPCs (fix: keep one peering)`,
		`PN-VPC-8 t/oneside: VPC far/far has no tier "nosuch" (fix: name one of the VPC's tiers)`,
		`PN-TGW-5 t/oneside: only VPC t/near routes to the peering: VPC far/far has no route to t/near, so nothing crosses it (the answers have no way back) (fix: route both sides: give the other side tiers with route tables)`)
}

// From the second review: a reference carried by one of two links holds;
// a blackhole or detour inside a delivered block is seen; peerings of two
// stacks share one accepter stack.
func TestTransitReviewedAgain(t *testing.T) {
	wantIssues(t, issues(t, "eu-west-1", func(s *core.Stack) {
		a := network.NewVpc(s, "a", &network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 1})
		b := network.NewVpc(s, "b", &network.VpcProps{Cidr: "10.1.0.0/16", AzCount: 1})
		g := transit.NewGateway(s, "tgw", nil)
		x := transit.Attach(s, "a-att", &transit.AttachmentProps{Gateway: g, Vpc: a})
		y := transit.Attach(s, "b-att", &transit.AttachmentProps{Gateway: g, Vpc: b})
		transit.NewRouteTable(s, "rt", &transit.RouteTableProps{Gateway: g, Associate: []*transit.Attachment{x, y}, Propagate: []*transit.Attachment{x, y}})
		transit.NewPeering(s, "ab", &transit.PeeringProps{Requester: a, Accepter: b, RequesterTiers: []string{"isolated"}})
		ga := securitygroup.New(s, "ga", &securitygroup.Props{Vpc: a, Description: "a"})
		gb := securitygroup.New(s, "gb", &securitygroup.Props{Vpc: b, Description: "b"})
		ga.AllowIngressFrom(securitygroup.TCP(443), gb, "b's clients over the peering")
	}))
	for _, hole := range []string{"blackhole", "detour"} {
		got := issues(t, "eu-west-1", func(s *core.Stack) {
			va := network.NewVpc(s, "a", &network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 1})
			vb := network.NewVpc(s, "b", &network.VpcProps{Cidr: "10.1.0.0/16", AzCount: 1})
			vc := network.NewVpc(s, "c", &network.VpcProps{Cidr: "10.2.0.0/16", AzCount: 1})
			g := transit.NewGateway(s, "tgw", nil)
			a := transit.Attach(s, "a-att", &transit.AttachmentProps{Gateway: g, Vpc: va})
			b := transit.Attach(s, "b-att", &transit.AttachmentProps{Gateway: g, Vpc: vb})
			c := transit.Attach(s, "c-att", &transit.AttachmentProps{Gateway: g, Vpc: vc})
			rt := transit.NewRouteTable(s, "rt", &transit.RouteTableProps{Gateway: g, Associate: []*transit.Attachment{a, b, c}, Propagate: []*transit.Attachment{a, b, c}})
			if hole == "blackhole" {
				rt.Blackhole("10.1.5.0/24")
			} else {
				rt.StaticRoute("10.1.5.0/24", c)
			}
			a.RouteTo([]string{"10.1.0.0/16"})
		})
		want := map[string]string{
			"blackhole": `PN-TGW-5 t/a-att: VPC t/a sends 10.1.0.0/16 to gateway t/tgw, and route table t/rt drops 10.1.5.0/24 (a blackhole route) (fix: remove the blackhole, or stop routing that destination to the gateway)`,
			"detour":    ``,
		}[hole]
		if hole == "detour" {
			// Part of b's block goes to c: the gateway delivers it, to c,
			// which is another VPC's business; nothing to report for b.
			wantIssues(t, got)
			continue
		}
		wantIssues(t, got, want)
	}
	dir := t.TempDir()
	app := core.NewApp(&core.AppProps{Outdir: dir})
	link := core.NewStack(app, "link", core.StackProps{Region: "us-west-2"})
	west := core.NewStack(app, "west", core.StackProps{Region: "us-west-2"})
	b := network.NewVpc(west, "b", &network.VpcProps{Cidr: "10.1.0.0/16", AzCount: 1})
	for i, region := range []string{"us-east-1", "eu-west-1"} {
		st := core.NewStack(app, "r"+fmt.Sprint(i), core.StackProps{Region: region})
		a := network.NewVpc(st, "a", &network.VpcProps{Cidr: fmt.Sprintf("10.%d.0.0/16", 2+i), AzCount: 1})
		transit.NewPeering(st, "peer", &transit.PeeringProps{Requester: a, Accepter: b, AccepterScope: link})
	}
	if err := app.Validate(); err != nil {
		t.Fatalf("two peerings into one accepter stack: %v", err)
	}
}

// A gateway shared through RAM with a spoke of another account: the share
// in the owner's stack, the attachment (without the default-table flags)
// in the spoke's, and the accepter with the association and propagation
// in a third stack of the owner's account; cdktf orders them, and
// reachability follows the spoke to the hub's server and back.
func TestTransitAcrossAccounts(t *testing.T) {
	dir := t.TempDir()
	app := core.NewApp(&core.AppProps{Outdir: dir})
	owner := core.NewStack(app, "owner", core.StackProps{Region: "eu-west-1", Account: "111122223333"})
	spoke := core.NewStack(app, "spoke", core.StackProps{Region: "eu-west-1", Account: "444455556666", AssumeRole: "arn:aws:iam::444455556666:role/network"})
	accept := core.NewStack(app, "owner-accept", core.StackProps{Region: "eu-west-1", Account: "111122223333"})
	hub := network.NewVpc(owner, "hub", &network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 2})
	sv := network.NewVpc(spoke, "app", &network.VpcProps{Cidr: "10.1.0.0/16", AzCount: 2})
	g := transit.NewGateway(owner, "tgw", &transit.GatewayProps{ShareWith: []string{"444455556666"}})
	h := transit.Attach(owner, "hub-att", &transit.AttachmentProps{Gateway: g, Vpc: hub})
	sp := transit.Attach(spoke, "app-att", &transit.AttachmentProps{Gateway: g, Vpc: sv, AccepterScope: accept})
	transit.NewRouteTable(owner, "rt", &transit.RouteTableProps{Gateway: g, Associate: []*transit.Attachment{h, sp}, Propagate: []*transit.Attachment{h, sp}})
	h.RouteTo([]string{"10.1.0.0/16"})
	sp.RouteTo([]string{"10.0.0.0/16"})
	server := instance.New(owner, "server", &instance.Props{Vpc: hub, DisableSsm: true})
	server.SecurityGroup().AllowIngressFromCidr(securitygroup.TCP(443), "10.1.0.0/16", "the spoke's workloads")
	core.Expect(sv.Tier("isolated"), server.On(443))
	if err := app.Run(); err != nil {
		t.Fatal(err)
	}
	read := func(name string) tfJSON { return readStack(t, dir, name) }
	o, s, l := read("owner"), read("spoke"), read("owner-accept")
	if sh := o.resource(t, "aws_ram_resource_share", "tgw"); sh["allow_external_principals"] != false {
		t.Errorf("share %v", sh)
	}
	if pa := o.resource(t, "aws_ram_principal_association", "tgw_444455556666"); pa["principal"] != "444455556666" {
		t.Errorf("principal %v", pa)
	}
	if ra := o.resource(t, "aws_ram_resource_association", "tgw"); ra["resource_arn"] != "${aws_ec2_transit_gateway.tgw.arn}" {
		t.Errorf("resource association %v", ra)
	}
	att := s.resource(t, "aws_ec2_transit_gateway_vpc_attachment", "app-att")
	if _, set := att["transit_gateway_default_route_table_association"]; set || !strings.HasPrefix(fmt.Sprint(att["transit_gateway_id"]), "${data.terraform_remote_state.cross-stack-reference-input-owner.") {
		t.Errorf("a shared gateway's attachment %v", att)
	}
	acc := l.resource(t, "aws_ec2_transit_gateway_vpc_attachment_accepter", "spoke-app-att")
	if acc["transit_gateway_default_route_table_association"] != false || !strings.HasPrefix(fmt.Sprint(acc["transit_gateway_attachment_id"]), "${data.terraform_remote_state.cross-stack-reference-input-spoke.") {
		t.Errorf("accepter %v", acc)
	}
	as := l.resource(t, "aws_ec2_transit_gateway_route_table_association", "rt_spoke-app-att")
	if as["transit_gateway_attachment_id"] != "${aws_ec2_transit_gateway_vpc_attachment_accepter.spoke-app-att.id}" {
		t.Errorf("association %v", as)
	}
	if len(o.resources("aws_ec2_transit_gateway_route_table_association")) != 1 || len(l.resources("aws_ec2_transit_gateway_route_table_propagation")) != 1 {
		t.Errorf("the hub's association belongs in the owner's stack, the spoke's in the accepter's")
	}
	p := s["provider"].(map[string]any)["aws"].([]any)[0].(map[string]any)
	if !reflect.DeepEqual(p["allowed_account_ids"], []any{"444455556666"}) {
		t.Errorf("spoke provider %v", p)
	}
	stacks, err := tfjson.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	rs := reach.Analyze(stacks)
	if len(rs) != 1 || rs[0].Verdict != reach.Private || !strings.Contains(rs[0].Via, "aws_ec2_transit_gateway.tgw") {
		t.Errorf("reachability %+v", rs)
	}
	// Without the accepter, the spoke's attachment is never accepted.
	var noAcc []*tfjson.Stack
	for _, st := range stacks {
		if st.Name == "owner-accept" {
			delete(st.Resources, "aws_ec2_transit_gateway_vpc_attachment_accepter")
		}
		noAcc = append(noAcc, st)
	}
	if rs := reach.Analyze(noAcc); len(rs) != 1 || rs[0].Verdict != reach.Unreachable || !strings.Contains(rs[0].Problem, "no accepter accepts it") {
		t.Errorf("without the accepter: %+v", rs)
	}
	// From the review: what AWS would refuse is not a pass.
	fresh := func(change func(by map[string]*tfjson.Stack)) reach.Result {
		t.Helper()
		stacks, err := tfjson.Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		by := map[string]*tfjson.Stack{}
		for _, st := range stacks {
			by[st.Name] = st
		}
		change(by)
		rs := reach.Analyze(stacks)
		if len(rs) != 1 {
			t.Fatalf("%d results", len(rs))
		}
		return rs[0]
	}
	for _, c := range []struct {
		name   string
		change func(by map[string]*tfjson.Stack)
		want   reach.Verdict
		words  string
	}{
		{"no RAM share", func(by map[string]*tfjson.Stack) {
			delete(by["owner"].Resources, "aws_ram_principal_association")
		}, reach.Unreachable, "is not shared with it through AWS RAM"},
		{"shared with the organization", func(by map[string]*tfjson.Stack) {
			by["owner"].Resources["aws_ram_principal_association"]["tgw_444455556666"]["principal"] = "arn:aws:organizations::111122223333:organization/o-abcdefghij"
		}, reach.Private, ""},
		{"a principal from an expression", func(by map[string]*tfjson.Stack) {
			by["owner"].Resources["aws_ram_principal_association"]["tgw_444455556666"]["principal"] = "${var.account}"
		}, reach.Unknown, "names its principal by an expression"},
		{"the accepter in another region", func(by map[string]*tfjson.Stack) {
			by["owner-accept"].Region = "eu-central-1"
		}, reach.Unknown, "is made in eu-central-1"},
		{"the accepter with another account's credentials", func(by map[string]*tfjson.Stack) {
			by["owner-accept"].Account = "777788889999"
		}, reach.Unknown, "with the credentials of another account"},
		{"a share naming the gateway by a literal ARN", func(by map[string]*tfjson.Stack) {
			by["owner"].Resources["aws_ram_resource_association"]["tgw"]["resource_arn"] = "arn:aws:ec2:eu-west-1:111122223333:transit-gateway/tgw-0123456789abcdef0"
		}, reach.Unknown, "the resource of aws_ram_resource_association.tgw"},
		{"the share in another stack of the owner's account", func(by map[string]*tfjson.Stack) { moveShare(by, "owner-accept") }, reach.Private, ""},
		{"the share made in the spoke's account", func(by map[string]*tfjson.Stack) { moveShare(by, "spoke") }, reach.Unreachable, "is not shared with it through AWS RAM"},
		{"the principal added from the spoke's account", func(by map[string]*tfjson.Stack) {
			o, sp := by["owner"], by["spoke"]
			sp.Resources["aws_ram_principal_association"] = o.Resources["aws_ram_principal_association"]
			delete(o.Resources, "aws_ram_principal_association")
			o.Outputs["share_arn"] = map[string]any{"value": "${aws_ram_resource_share.tgw.arn}"}
			sp.Resources["aws_ram_principal_association"]["tgw_444455556666"]["resource_share_arn"] = "${data.terraform_remote_state.cross-stack-reference-input-owner.outputs.share_arn}"
		}, reach.Unreachable, "is not shared with it through AWS RAM"},
		{"the gateway's ID where RAM takes its ARN", func(by map[string]*tfjson.Stack) {
			by["owner"].Resources["aws_ram_resource_association"]["tgw"]["resource_arn"] = "${aws_ec2_transit_gateway.tgw.id}"
		}, reach.Unreachable, "is not shared with it through AWS RAM"},
		{"an accepter stack that names no account", func(by map[string]*tfjson.Stack) {
			by["owner-accept"].Account = ""
		}, reach.Unknown, "names none, so whether they are one account is not in the JSON"},
		{"a provider that allows several accounts", func(by map[string]*tfjson.Stack) {
			by["spoke"].Account, by["spoke"].AccountF = "", "the provider allows several accounts, or names them by an expression"
		}, reach.Unknown, "the provider allows several accounts"},
	} {
		if r := fresh(c.change); r.Verdict != c.want || !strings.Contains(r.Problem, c.words) {
			t.Errorf("%s: %s %q, want %s %q", c.name, r.Verdict, r.Problem, c.want, c.words)
		}
	}

	wantIssues(t, issues(t, "eu-west-1", func(s *core.Stack) {
		o := core.NewStack(s.App(), "o", core.StackProps{Region: "eu-west-1", Account: "111122223333"})
		b := core.NewStack(s.App(), "b", core.StackProps{Region: "eu-west-1", Account: "444455556666"})
		c := core.NewStack(s.App(), "c", core.StackProps{Region: "eu-west-1", Account: "777788889999"})
		g := transit.NewGateway(o, "tgw", &transit.GatewayProps{ShareWith: []string{"444455556666", "111122223333", "4444-5555"}})
		transit.Attach(b, "no-scope", &transit.AttachmentProps{Gateway: g, Vpc: network.NewVpc(b, "v1", &network.VpcProps{Cidr: "10.1.0.0/16", AzCount: 1})})
		transit.Attach(b, "own-stack", &transit.AttachmentProps{Gateway: g, Vpc: network.NewVpc(b, "v2", &network.VpcProps{Cidr: "10.2.0.0/16", AzCount: 1}), AccepterScope: o})
		transit.Attach(c, "unshared", &transit.AttachmentProps{Gateway: g, Vpc: network.NewVpc(c, "v3", &network.VpcProps{Cidr: "10.3.0.0/16", AzCount: 1})})
		transit.Attach(s, "unnamed", &transit.AttachmentProps{Gateway: g, Vpc: network.NewVpc(s, "v4", &network.VpcProps{Cidr: "10.4.0.0/16", AzCount: 1})})
		transit.Attach(c, "elsewhere", &transit.AttachmentProps{Gateway: g, Vpc: network.NewVpc(b, "v5", &network.VpcProps{Cidr: "10.5.0.0/16", AzCount: 1})})
	}),
		`PN-TGW-6 t/unnamed: the attachment's stack t names no Account, and gateway o/tgw is in account 111122223333: privnet cannot tell whether the gateway is shared with it (fix: set Account on the attachment's stack (core.StackProps))`,
		`PN-TGW-6 o/tgw: ShareWith names 111122223333, the gateway's own account (fix: share with the other accounts only)`,
		`PN-TGW-6 o/tgw: ShareWith "4444-5555" is not an account ID, organization ARN or OU ARN (fix: name 12-digit account IDs, or organizations ARNs)`,
		`PN-TGW-6 b/no-scope: the attachment is in account 444455556666 and gateway o/tgw in account 111122223333, which does not accept shared attachments by itself (fix: pass AccepterScope, a stack of account 111122223333 in eu-west-1 other than o)`,
		`PN-TGW-6 b/own-stack: AccepterScope is in stack o: the attachment refers to the gateway and the accepter to the attachment, so the accepter needs a stack of its own, a cycle otherwise, which cdktf refuses (fix: make a stack of account 111122223333 in eu-west-1 for the accepter)`,
		`PN-TGW-6 c/unshared: gateway o/tgw is not shared with account 777788889999, the attachment's (fix: add 777788889999 to the gateway's ShareWith)`,
		`PN-TGW-6 c/elsewhere: the attachment is made in stack c (account 777788889999) and VPC b/v5 is in stack b (account 444455556666): an attachment is made in its VPC's account (fix: make the attachment in a stack of the VPC's account)`)
}

// A peering with a VPC of another account, in one region: peer_owner_id,
// no auto_accept, the accepter in a stack of that account.
func TestTransitPeeringAcrossAccounts(t *testing.T) {
	dir := t.TempDir()
	app := core.NewApp(&core.AppProps{Outdir: dir})
	mine := core.NewStack(app, "mine", core.StackProps{Region: "eu-west-1", Account: "111122223333"})
	theirs := core.NewStack(app, "theirs", core.StackProps{Region: "eu-west-1", Account: "444455556666"})
	link := core.NewStack(app, "theirs-link", core.StackProps{Region: "eu-west-1", Account: "444455556666"})
	a := network.NewVpc(mine, "a", &network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 1})
	b := network.NewVpc(theirs, "b", &network.VpcProps{Cidr: "10.1.0.0/16", AzCount: 1})
	p := transit.NewPeering(mine, "ab", &transit.PeeringProps{Requester: a, Accepter: b, AccepterScope: link})
	server := instance.New(theirs, "server", &instance.Props{Vpc: b, DisableSsm: true})
	server.SecurityGroup().AllowIngressFromCidr(securitygroup.TCP(443), "10.0.0.0/16", "a's workloads over the peering")
	core.Expect(a.Tier("isolated"), server.On(443))
	if !p.CrossAccount || p.InterRegion {
		t.Fatalf("cross-account %v, inter-region %v", p.CrossAccount, p.InterRegion)
	}
	if err := app.Run(); err != nil {
		t.Fatal(err)
	}
	pc := readStack(t, dir, "mine").resource(t, "aws_vpc_peering_connection", "ab")
	if pc["peer_owner_id"] != "444455556666" || pc["auto_accept"] != nil || pc["peer_region"] != nil {
		t.Errorf("requester %v", pc)
	}
	if acc := readStack(t, dir, "theirs-link").resource(t, "aws_vpc_peering_connection_accepter", "mine-ab"); acc["auto_accept"] != true {
		t.Errorf("accepter %v", acc)
	}
	stacks, err := tfjson.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if rs := reach.Analyze(stacks); len(rs) != 1 || rs[0].Verdict != reach.Private || !strings.Contains(rs[0].Via, "aws_vpc_peering_connection.ab") {
		t.Errorf("reachability %+v", rs)
	}
	for _, st := range stacks {
		if st.Name == "theirs-link" {
			st.Account = "111122223333" // accepted with the requester's credentials
		}
	}
	if rs := reach.Analyze(stacks); len(rs) != 1 || rs[0].Verdict != reach.Unknown || !strings.Contains(rs[0].Problem, "is made with the credentials of account 111122223333, and aws_vpc_peering_connection.ab's peer VPC aws_vpc.b is in account 444455556666") {
		t.Errorf("accepted in the wrong account: %+v", rs)
	}
	// The request must name the peer's account, as a string or a number.
	for _, owner := range []any{nil, "999999999999", json.Number("444455556666")} {
		stacks, err := tfjson.Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range stacks {
			if st.Name == "mine" {
				if owner == nil {
					delete(st.Resources["aws_vpc_peering_connection"]["ab"], "peer_owner_id")
				} else {
					st.Resources["aws_vpc_peering_connection"]["ab"]["peer_owner_id"] = owner
				}
			}
		}
		rs := reach.Analyze(stacks)
		if owner == nil || owner == "999999999999" {
			if len(rs) != 1 || rs[0].Verdict != reach.Unreachable || !strings.Contains(rs[0].Problem, "the request fails") {
				t.Errorf("peer_owner_id %v: %+v", owner, rs)
			}
		} else if len(rs) != 1 || rs[0].Verdict != reach.Private {
			t.Errorf("peer_owner_id as a number: %+v", rs)
		}
	}
	wantIssues(t, issues(t, "eu-west-1", func(s *core.Stack) {
		other := core.NewStack(s.App(), "other", core.StackProps{Region: "eu-west-1", Account: "444455556666"})
		a := network.NewVpc(s, "a", &network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 1})
		b := network.NewVpc(other, "b", &network.VpcProps{Cidr: "10.1.0.0/16", AzCount: 1})
		transit.NewPeering(s, "no-scope", &transit.PeeringProps{Requester: a, Accepter: b})
		transit.NewPeering(other, "wrong-side", &transit.PeeringProps{Requester: a, Accepter: b})
		ga := securitygroup.New(s, "ga", &securitygroup.Props{Vpc: a, Description: "a"})
		gb := securitygroup.New(other, "gb", &securitygroup.Props{Vpc: b, Description: "b"})
		ga.AllowIngressFrom(securitygroup.TCP(443), gb, "b's clients")
	}),
		`PN-TGW-4 t/no-scope: Accepter other/b is in account 444455556666 and the peering in the credentials' account: the accepter side must be made in the Accepter's region and account (fix: pass AccepterScope, a stack of account 444455556666 in eu-west-1 other than other/b's own)`,
		`PN-SG-8 t/ga: an inbound rule for 443/tcp references group other/gb of VPC other/b, and no peering or Transit Gateway joins VPC t/a to it (fix: join the VPCs (transit.NewPeering, transit.Attach) or reference the other VPC's CIDR)`,
		`PN-TGW-6 other/wrong-side: the peering is made in stack other (account 444455556666) and Requester t/a is in stack t (account unnamed): the requester's side is made in its account (fix: make the peering in a stack of the Requester's account)`)
}

// DNS resolution over an inter-region peering: the accepter's option in
// the accepter's stack, the requester's in a fourth stack of the
// requester's region; both name the accepter, so they come after it.
func TestTransitPeeringDnsAcrossRegions(t *testing.T) {
	dir := t.TempDir()
	app := core.NewApp(&core.AppProps{Outdir: dir})
	east := core.NewStack(app, "east", core.StackProps{Region: "us-east-1"})
	west := core.NewStack(app, "west", core.StackProps{Region: "us-west-2"})
	link := core.NewStack(app, "west-link", core.StackProps{Region: "us-west-2"})
	opts := core.NewStack(app, "east-dns", core.StackProps{Region: "us-east-1"})
	a := network.NewVpc(east, "a", &network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 1})
	b := network.NewVpc(west, "b", &network.VpcProps{Cidr: "10.1.0.0/16", AzCount: 1})
	transit.NewPeering(east, "ab", &transit.PeeringProps{Requester: a, Accepter: b, AccepterScope: link, DnsResolution: true, RequesterOptionsScope: opts})
	if err := app.Run(); err != nil {
		t.Fatal(err)
	}
	read := func(name string) tfJSON { return readStack(t, dir, name) }
	acc := read("west-link").resource(t, "aws_vpc_peering_connection_options", "east-ab")
	if acc["vpc_peering_connection_id"] != "${aws_vpc_peering_connection_accepter.east-ab.id}" || acc["requester"] != nil {
		t.Errorf("accepter's option %v", acc)
	}
	req := read("east-dns").resource(t, "aws_vpc_peering_connection_options", "east-ab")
	if !strings.HasPrefix(fmt.Sprint(req["vpc_peering_connection_id"]), "${data.terraform_remote_state.cross-stack-reference-input-west-link.outputs.") || req["accepter"] != nil {
		t.Errorf("requester's option %v", req)
	}
	if n := len(read("east").resources("aws_vpc_peering_connection_options")); n != 0 {
		t.Errorf("%d options in the requester's own stack, which comes before the accepter", n)
	}
	wantIssues(t, issues(t, "us-east-1", func(s *core.Stack) {
		far := core.NewStack(s.App(), "far", core.StackProps{Region: "us-west-2"})
		l := core.NewStack(s.App(), "far-link", core.StackProps{Region: "us-west-2"})
		a := network.NewVpc(s, "a", &network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 1})
		b := network.NewVpc(far, "b", &network.VpcProps{Cidr: "10.1.0.0/16", AzCount: 1})
		c := network.NewVpc(far, "c", &network.VpcProps{Cidr: "10.2.0.0/16", AzCount: 1})
		d := network.NewVpc(s, "d", &network.VpcProps{Cidr: "10.3.0.0/16", AzCount: 1})
		transit.NewPeering(s, "no-scope", &transit.PeeringProps{Requester: a, Accepter: b, AccepterScope: l, DnsResolution: true})
		transit.NewPeering(s, "own", &transit.PeeringProps{Requester: a, Accepter: c, AccepterScope: l, DnsResolution: true, RequesterOptionsScope: s})
		transit.NewPeering(s, "needless", &transit.PeeringProps{Requester: a, Accepter: d, RequesterOptionsScope: s})
	}),
		`PN-TGW-4 t/no-scope: DnsResolution across regions or accounts sets each side's option after acceptance, with its own credentials: the requester's needs a stack that comes after the accepter's (fix: pass RequesterOptionsScope, a stack of us-east-1 (the Requester's region and account) other than t, or drop DnsResolution)`,
		`PN-TGW-4 t/own: RequesterOptionsScope must be a stack of the Requester's region (us-east-1) and account other than t (the requester's) and far-link (the accepter's): it comes after both (fix: make a stack of us-east-1 for the requester's DNS option)`,
		`PN-TGW-4 t/needless: RequesterOptionsScope is for DnsResolution across regions or accounts (fix: drop RequesterOptionsScope)`)
}

// From the review of the cross-account round: placements that would make
// stacks refer to one another in a circle are reported by privnet, naming
// the pieces, before cdktf would refuse them; a route table of a shared
// gateway is the owner's; a stack that assumes a role is in its account.
func TestTransitCircles(t *testing.T) {
	wantIssues(t, issues(t, "eu-west-1", func(s *core.Stack) {
		s1 := core.NewStack(s.App(), "s1", core.StackProps{Region: "eu-west-1"})
		s2 := core.NewStack(s.App(), "s2", core.StackProps{Region: "eu-west-1"})
		g := transit.NewGateway(s, "tgw", nil)
		a1 := transit.Attach(s1, "a1", &transit.AttachmentProps{Gateway: g, Vpc: network.NewVpc(s1, "v1", &network.VpcProps{Cidr: "10.1.0.0/16", AzCount: 1})})
		a2 := transit.Attach(s2, "a2", &transit.AttachmentProps{Gateway: g, Vpc: network.NewVpc(s2, "v2", &network.VpcProps{Cidr: "10.2.0.0/16", AzCount: 1})})
		transit.NewRouteTable(s1, "t1", &transit.RouteTableProps{Gateway: g, Associate: []*transit.Attachment{a1}, Propagate: []*transit.Attachment{a2}})
		transit.NewRouteTable(s2, "t2", &transit.RouteTableProps{Gateway: g, Associate: []*transit.Attachment{a2}, Propagate: []*transit.Attachment{a1}})
	}),
		`PN-APP-7 s1: stacks refer to one another in a circle, which cdktf refuses (each must be deployed before the other): s1 needs s2 (s1/a1 names route table s2/t2); s2 needs s1 (s2/a2 names route table s1/t1) (fix: move one of those pieces to a stack of its own that comes after both (an AccepterScope, for the pieces that take one))`)
	wantIssues(t, issues(t, "eu-west-1", func(s *core.Stack) {
		s.Scope() // the gateway's stack t, account 111
		hub := core.NewStack(s.App(), "hub", core.StackProps{Region: "eu-west-1", Account: "111122223333"})
		spoke := core.NewStack(s.App(), "spoke", core.StackProps{Region: "eu-west-1", AssumeRole: "arn:aws:iam::444455556666:role/network"})
		g := transit.NewGateway(hub, "tgw", &transit.GatewayProps{ShareWith: []string{"444455556666"}})
		a := transit.Attach(spoke, "a", &transit.AttachmentProps{Gateway: g, Vpc: network.NewVpc(spoke, "v", &network.VpcProps{Cidr: "10.1.0.0/16", AzCount: 1}), AccepterScope: s})
		transit.NewRouteTable(spoke, "theirs", &transit.RouteTableProps{Gateway: g, Associate: []*transit.Attachment{a}})
	}),
		`PN-TGW-6 spoke/a: AccepterScope must be a stack of the gateway's account (111122223333) and region (eu-west-1) (fix: pass a stack of the gateway's account and region)`,
		`PN-TGW-6 spoke/theirs: the route table is made in stack spoke (account 444455556666), and gateway hub/tgw is in account 111122223333, which alone makes its route tables (fix: make the route table in a stack of the gateway's account)`)
	wantIssues(t, issues(t, "eu-west-1", func(s *core.Stack) {
		hub := core.NewStack(s.App(), "hub", core.StackProps{Region: "eu-west-1", Account: "111122223333"})
		spoke := core.NewStack(s.App(), "spoke", core.StackProps{Region: "eu-west-1", Account: "444455556666"})
		shared := core.NewStack(s.App(), "shared", core.StackProps{Region: "eu-west-1", Account: "111122223333"})
		g := transit.NewGateway(hub, "tgw", &transit.GatewayProps{ShareWith: []string{"444455556666"}})
		accept := core.NewStack(s.App(), "accept", core.StackProps{Region: "eu-west-1", Account: "111122223333"})
		sv := network.NewVpc(spoke, "v", &network.VpcProps{Cidr: "10.1.0.0/16", AzCount: 1})
		a := transit.Attach(spoke, "a", &transit.AttachmentProps{Gateway: g, Vpc: sv, AccepterScope: accept})
		transit.NewRouteTable(hub, "rt", &transit.RouteTableProps{Gateway: g, Associate: []*transit.Attachment{a}})
		// The spoke peers with a VPC of the gateway's account, accepted in
		// the gateway's stack, which the spoke's stack needs: a circle.
		transit.NewPeering(spoke, "p", &transit.PeeringProps{Requester: sv, Accepter: network.NewVpc(shared, "w", &network.VpcProps{Cidr: "10.2.0.0/16", AzCount: 1}), AccepterScope: hub})
	}),
		`PN-APP-7 hub: stacks refer to one another in a circle, which cdktf refuses (each must be deployed before the other): hub needs spoke (hub/spoke-p accepts spoke/p); spoke needs hub (spoke/a uses Transit Gateway hub/tgw) (fix: move one of those pieces to a stack of its own that comes after both (an AccepterScope, for the pieces that take one))`)
}

// From the third review: an imported VPC's IDs are values, so using it
// from another stack refers to nothing of the stack that imported it: no
// circle.
func TestImportedVpcMakesNoCircle(t *testing.T) {
	withRecord(t, recordFile)
	wantIssues(t, issues(t, "us-east-1", func(s *core.Stack) {
		b := core.NewStack(s.App(), "b", core.StackProps{Region: "us-east-1"})
		x := importShared(s)
		y := network.NewVpc(b, "y", &network.VpcProps{Cidr: "10.1.0.0/16", AzCount: 1})
		securitygroup.New(s, "gy", &securitygroup.Props{Vpc: y, Description: "y"})
		securitygroup.New(b, "gx", &securitygroup.Props{Vpc: x, Description: "x"})
	}))
}

// readStack reads one synthesized stack of an app's output directory.
func readStack(t *testing.T, dir, name string) tfJSON {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "stacks", name, "cdk.tf.json"))
	if err != nil {
		t.Fatal(err)
	}
	return parse(t, b)
}

// moveShare moves the owner stack's RAM share of its gateway to stack to,
// which names the gateway through the owner's remote state.
func moveShare(by map[string]*tfjson.Stack, to string) {
	o, dst := by["owner"], by[to]
	for _, typ := range []string{"aws_ram_resource_share", "aws_ram_resource_association", "aws_ram_principal_association"} {
		dst.Resources[typ] = o.Resources[typ]
		delete(o.Resources, typ)
	}
	o.Outputs["tgw_arn"] = map[string]any{"value": "${aws_ec2_transit_gateway.tgw.arn}"}
	dst.Resources["aws_ram_resource_association"]["tgw"]["resource_arn"] = "${data.terraform_remote_state.cross-stack-reference-input-owner.outputs.tgw_arn}"
}
