package review

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

// transitStack is a stack with a Transit Gateway, three VPC attachments
// (one associated with no route table), a route table with associations,
// propagations and static routes, a RAM share, two peerings (one across
// regions and accounts, with options written as a list and as an object)
// and VPC routes to each, and a route to a gateway of another account.
const transitStack = `{"provider":{"aws":[{"region":"us-east-1"}]},"resource":{
"aws_vpc":{"hub":{"cidr_block":"10.0.0.0/16"},"spoke":{"cidr_block":"10.1.0.0/16"},"peer":{"cidr_block":"10.2.0.0/16"}},
"aws_subnet":{
 "hub_a":{"vpc_id":"${aws_vpc.hub.id}","cidr_block":"10.0.0.0/24","availability_zone":"us-east-1a"},
 "hub_c":{"vpc_id":"${aws_vpc.hub.id}","cidr_block":"10.0.1.0/24","availability_zone":"us-east-1c"},
 "spoke_a":{"vpc_id":"${aws_vpc.spoke.id}","cidr_block":"10.1.0.0/24","availability_zone":"us-east-1a"},
 "peer_a":{"vpc_id":"${aws_vpc.peer.id}","cidr_block":"10.2.0.0/24","availability_zone":"us-east-1a"}},
"aws_route_table":{"hub_a":{"vpc_id":"${aws_vpc.hub.id}"},"hub_c":{"vpc_id":"${aws_vpc.hub.id}"},"spoke_a":{"vpc_id":"${aws_vpc.spoke.id}"},"peer_a":{"vpc_id":"${aws_vpc.peer.id}"}},
"aws_ec2_transit_gateway":{"tgw":{"amazon_side_asn":64513,"default_route_table_association":"disable","default_route_table_propagation":"disable","security_group_referencing_support":"enable"}},
"aws_ec2_transit_gateway_vpc_attachment":{
 "hub":{"transit_gateway_id":"${aws_ec2_transit_gateway.tgw.id}","vpc_id":"${aws_vpc.hub.id}","subnet_ids":["${aws_subnet.hub_a.id}","${aws_subnet.hub_c.id}"],"transit_gateway_default_route_table_association":false,"transit_gateway_default_route_table_propagation":false},
 "spoke":{"transit_gateway_id":"${aws_ec2_transit_gateway.tgw.id}","vpc_id":"${aws_vpc.spoke.id}","subnet_ids":["${aws_subnet.spoke_a.id}"]},
 "lonely":{"transit_gateway_id":"${aws_ec2_transit_gateway.tgw.id}","vpc_id":"${aws_vpc.peer.id}","subnet_ids":["${aws_subnet.peer_a.id}"]}},
"aws_ec2_transit_gateway_route_table":{"main":{"transit_gateway_id":"${aws_ec2_transit_gateway.tgw.id}"}},
"aws_ec2_transit_gateway_route_table_association":{
 "hub-main":{"transit_gateway_attachment_id":"${aws_ec2_transit_gateway_vpc_attachment.hub.id}","transit_gateway_route_table_id":"${aws_ec2_transit_gateway_route_table.main.id}","replace_existing_association":true},
 "spoke-main":{"transit_gateway_attachment_id":"${aws_ec2_transit_gateway_vpc_attachment.spoke.id}","transit_gateway_route_table_id":"${aws_ec2_transit_gateway_route_table.main.id}"}},
"aws_ec2_transit_gateway_route_table_propagation":{
 "hub-main":{"transit_gateway_attachment_id":"${aws_ec2_transit_gateway_vpc_attachment.hub.id}","transit_gateway_route_table_id":"${aws_ec2_transit_gateway_route_table.main.id}"},
 "spoke-main":{"transit_gateway_attachment_id":"${aws_ec2_transit_gateway_vpc_attachment.spoke.id}","transit_gateway_route_table_id":"${aws_ec2_transit_gateway_route_table.main.id}"}},
"aws_ec2_transit_gateway_route":{
 "summary":{"destination_cidr_block":"10.8.0.0/13","transit_gateway_attachment_id":"${aws_ec2_transit_gateway_vpc_attachment.hub.id}","transit_gateway_route_table_id":"${aws_ec2_transit_gateway_route_table.main.id}"},
 "drop":{"destination_cidr_block":"192.168.0.0/16","blackhole":true,"transit_gateway_route_table_id":"${aws_ec2_transit_gateway_route_table.main.id}"}},
"aws_ram_resource_share":{"tgw":{"name":"tgw","allow_external_principals":false}},
"aws_ram_resource_association":{"tgw":{"resource_arn":"${aws_ec2_transit_gateway.tgw.arn}","resource_share_arn":"${aws_ram_resource_share.tgw.arn}"}},
"aws_ram_principal_association":{"acct":{"principal":"111122223333","resource_share_arn":"${aws_ram_resource_share.tgw.arn}"}},
"aws_vpc_peering_connection":{
 "hub-peer":{"vpc_id":"${aws_vpc.hub.id}","peer_vpc_id":"${aws_vpc.peer.id}","auto_accept":true},
 "far":{"vpc_id":"${aws_vpc.hub.id}","peer_vpc_id":"vpc-0123456789abcdef0","peer_region":"eu-west-1","peer_owner_id":"444455556666","auto_accept":false}},
"aws_vpc_peering_connection_options":{"hub-peer":{"vpc_peering_connection_id":"${aws_vpc_peering_connection.hub-peer.id}","requester":[{"allow_remote_vpc_dns_resolution":true}],"accepter":{"allow_remote_vpc_dns_resolution":false}}},
"aws_route":{
 "hub_a-spoke":{"route_table_id":"${aws_route_table.hub_a.id}","destination_cidr_block":"10.1.0.0/16","transit_gateway_id":"${aws_ec2_transit_gateway.tgw.id}"},
 "hub_c-spoke":{"route_table_id":"${aws_route_table.hub_c.id}","destination_cidr_block":"10.1.0.0/16","transit_gateway_id":"${aws_ec2_transit_gateway.tgw.id}"},
 "hub_a-summary":{"route_table_id":"${aws_route_table.hub_a.id}","destination_cidr_block":"10.8.0.0/13","transit_gateway_id":"${aws_ec2_transit_gateway.tgw.id}"},
 "spoke_a-hub":{"route_table_id":"${aws_route_table.spoke_a.id}","destination_cidr_block":"10.0.0.0/16","transit_gateway_id":"${aws_ec2_transit_gateway.tgw.id}"},
 "hub_a-peer":{"route_table_id":"${aws_route_table.hub_a.id}","destination_cidr_block":"10.2.0.0/16","vpc_peering_connection_id":"${aws_vpc_peering_connection.hub-peer.id}"},
 "peer_a-hub":{"route_table_id":"${aws_route_table.peer_a.id}","destination_cidr_block":"10.0.0.0/16","vpc_peering_connection_id":"${aws_vpc_peering_connection.hub-peer.id}"},
 "peer_a-shared":{"route_table_id":"${aws_route_table.peer_a.id}","destination_cidr_block":"0.0.0.0/0","transit_gateway_id":"tgw-0aaaabbbbccccdddd"}}
}}`

// stackOf parses a stack's JSON, as the review reads it.
func stackOf(t *testing.T, name, doc string) *Stack {
	t.Helper()
	s, err := Parse(name, []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// transitSection is the report's Transit Gateway and peering section of s.
func transitSection(t *testing.T, s *Stack) string {
	t.Helper()
	md := Report([]*Stack{s}, nil)
	start := strings.Index(md, "### Transit Gateway and peering\n")
	if start < 0 {
		t.Fatalf("no transit section in %s", s.Name)
	}
	end := strings.Index(md[start+1:], "\n### ")
	return md[start : start+1+end+1]
}

func TestTransitSection(t *testing.T) {
	want := "### Transit Gateway and peering\n\n" +
		"- Transit Gateway `tgw`, Amazon-side ASN 64513, security group referencing enable\n" +
		"  - default route table association disable: nothing implicit (privnet's default), each attachment's association is written out\n" +
		"  - default route table propagation disable: nothing implicit (privnet's default), each attachment's propagation is written out\n" +
		"  - shared through RAM share `tgw` (by `tgw`) with `111122223333`\n" +
		"  - VPC routes to it: `hub_a`: 10.1.0.0/16, 10.8.0.0/13; `hub_c`: 10.1.0.0/16; `spoke_a`: 10.0.0.0/16\n" +
		"- VPC attachment `hub` of VPC `hub` to Transit Gateway `tgw`\n" +
		"  - 2 subnets: `hub_a` (us-east-1a), `hub_c` (us-east-1c); one subnet per AZ; workloads in other AZs cannot reach the gateway\n" +
		"  - associated with route table `main` (by `hub-main`, replacing the attachment's current association)\n" +
		"- VPC attachment `lonely` of VPC `peer` to Transit Gateway `tgw`\n" +
		"  - 1 subnet: `peer_a` (us-east-1a); one subnet per AZ; workloads in other AZs cannot reach the gateway\n" +
		"  - associated with no route table: the gateway drops its traffic\n" +
		"- VPC attachment `spoke` of VPC `spoke` to Transit Gateway `tgw`\n" +
		"  - 1 subnet: `spoke_a` (us-east-1a); one subnet per AZ; workloads in other AZs cannot reach the gateway\n" +
		"  - associated with route table `main` (by `spoke-main`)\n" +
		"- Transit Gateway route table `main` of Transit Gateway `tgw`\n" +
		"  - associated: `hub` (by `hub-main`), `spoke` (by `spoke-main`)\n" +
		"  - propagated: `hub` (by `hub-main`), `spoke` (by `spoke-main`)\n" +
		"  - static routes: 192.168.0.0/16 dropped (blackhole) (by `drop`), 10.8.0.0/13 to `hub` (by `summary`)\n" +
		"- VPC peering `far` from VPC `hub` to VPC `vpc-0123456789abcdef0` (not in this stack), peer region eu-west-1 (inter-region), peer account 444455556666, auto_accept no\n" +
		"  - no VPC route of this stack sends traffic to it\n" +
		"- VPC peering `hub-peer` from VPC `hub` to VPC `peer`, same region, same account, auto_accept yes\n" +
		"  - DNS resolution of the remote VPC's private names: requester yes (by `hub-peer`), accepter no (by `hub-peer`)\n" +
		"  - VPC routes to it: `hub_a`: 10.2.0.0/16; `peer_a`: 10.0.0.0/16\n" +
		"- VPC routes to Transit Gateway `tgw-0aaaabbbbccccdddd` (not in this stack): `peer_a`: 0.0.0.0/0\n\n"
	if got := transitSection(t, stackOf(t, "tgw", transitStack)); got != want {
		t.Errorf("section:\n%s\nwant:\n%s", got, want)
	}
	// A section exactly for the shipped stacks that join VPCs.
	for _, s := range golden(t) {
		has := strings.Contains(Report([]*Stack{s}, nil), "### Transit Gateway and peering")
		if want := s.Name == "transit-hub" || strings.HasPrefix(s.Name, "lattice-peer") || s.Name == "hub-spoke" || s.Name == "hub-spoke-remote" || s.Name == "hub-spoke-accept"; has != want {
			t.Errorf("%s: transit section %v, want %v", s.Name, has, want)
		}
	}
	hub := transitSection(t, find(t, golden(t), "transit-hub"))
	for _, w := range []string{
		"- VPC attachment `shared-attachment` of VPC `shared` to Transit Gateway `tgw`\n",
		"  - associated with route table `shared-table` (by `shared-table_transit-hub-shared-attachment`)",
	} {
		if !strings.Contains(hub, w) {
			t.Errorf("transit-hub's section lacks %q:\n%s", w, hub)
		}
	}
}

// The same pieces written another way: AWS's defaults (implicit
// association and propagation), an attachment that opts out of them, two
// subnets in one AZ, accepters (the options set on the peering's
// accepter), a share open outside the organization, values that are not
// literals.
func TestTransitSectionVariants(t *testing.T) {
	s := stackOf(t, "tgw", transitStack)
	r := s.Resources
	g := r["aws_ec2_transit_gateway"]["tgw"]
	delete(g, "default_route_table_association")
	delete(g, "default_route_table_propagation")
	delete(g, "amazon_side_asn")
	g["security_group_referencing_support"] = "${var.sgref}"
	r["aws_ec2_transit_gateway_vpc_attachment"]["lonely"]["subnet_ids"] = []any{"${aws_subnet.peer_a.id}", "${aws_subnet.peer_a.id}", "subnet-0123"}
	r["aws_ec2_transit_gateway_vpc_attachment"]["opted-out"] = map[string]any{"transit_gateway_id": "${aws_ec2_transit_gateway.tgw.id}", "vpc_id": "vpc-0bbb",
		"subnet_ids": "${var.subnets}", "transit_gateway_default_route_table_association": false, "transit_gateway_default_route_table_propagation": false}
	r["aws_ec2_transit_gateway_vpc_attachment"]["shared"] = map[string]any{"transit_gateway_id": "tgw-0ccc", "vpc_id": "${aws_vpc.spoke.id}", "subnet_ids": []any{}}
	r["aws_ec2_transit_gateway_vpc_attachment_accepter"] = map[string]map[string]any{
		"spoke": {"transit_gateway_attachment_id": "${aws_ec2_transit_gateway_vpc_attachment.spoke.id}"},
		"other": {"transit_gateway_attachment_id": "tgw-attach-0ddd"},
	}
	r["aws_ec2_transit_gateway_route_table_association"]["other"] = map[string]any{"transit_gateway_attachment_id": "${aws_ec2_transit_gateway_vpc_attachment_accepter.other.id}", "transit_gateway_route_table_id": "tgw-rtb-0eee"}
	r["aws_ec2_transit_gateway_route"]["drop"]["blackhole"] = "${var.drop}"
	r["aws_ram_resource_share"]["tgw"]["allow_external_principals"] = true
	r["aws_vpc_peering_connection_accepter"] = map[string]map[string]any{"hub-peer": {"vpc_peering_connection_id": "${aws_vpc_peering_connection.hub-peer.id}", "auto_accept": true}}
	r["aws_vpc_peering_connection_options"]["hub-peer"]["vpc_peering_connection_id"] = "${aws_vpc_peering_connection_accepter.hub-peer.id}"
	r["aws_vpc_peering_connection_options"]["stray"] = map[string]any{"vpc_peering_connection_id": "pcx-0fff", "accepter": []any{map[string]any{"allow_remote_vpc_dns_resolution": "${var.dns}"}}}
	r["aws_route"]["peer_a-hub"]["vpc_peering_connection_id"] = "${aws_vpc_peering_connection_accepter.hub-peer.id}"
	got := transitSection(t, s)
	for _, w := range []string{
		"- Transit Gateway `tgw`, Amazon-side ASN AWS's default (64512), security group referencing \\${var.sgref} (not enable or disable)\n",
		"  - default route table association enable (AWS's default): attachments are associated with the default route table implicitly\n",
		"  - default route table propagation enable (AWS's default): attachments propagate their routes to the default route table implicitly\n",
		"  - shared through RAM share `tgw`, which allows principals outside the organization (by `tgw`) with `111122223333`\n",
		"  - 3 subnets: `peer_a` (us-east-1a), `peer_a` (us-east-1a), `subnet-0123` (not in this stack) (?); more than one in us-east-1a, and AWS takes one subnet per AZ\n",
		"- VPC attachment `lonely` of VPC `peer` to Transit Gateway `tgw`\n  - 3 subnets",
		"  - associated with the gateway's default route table implicitly (default route table association on)\n  - propagates its routes to the gateway's default route table implicitly (default route table propagation on)\n- VPC attachment `opted-out`",
		"- VPC attachment `opted-out` of VPC `vpc-0bbb` (not in this stack) to Transit Gateway `tgw`\n  - subnets \\${var.subnets} (not a list of subnets)\n  - associated with no route table: the gateway drops its traffic\n",
		"- VPC attachment `shared` of VPC `spoke` to Transit Gateway `tgw-0ccc` (not in this stack)\n  - no subnets: AWS refuses an attachment without one\n  - associated with no route table of this stack: unless the gateway, which is not in this stack, associates it by default, the gateway drops its traffic\n",
		"  - accepted by `spoke`\n  - associated with route table `main` (by `spoke-main`)\n",
		"- VPC attachment accepter `other` accepts attachment `tgw-attach-0ddd` (not in this stack)\n  - associated with `tgw-rtb-0eee` (not in this stack) (by `other`)\n",
		"- Transit Gateway route table `tgw-rtb-0eee` (not in this stack)\n  - associated: `other` (accepter) (by `other`)\n  - propagated: none\n  - static routes: none\n",
		"192.168.0.0/16 blackhole \\${var.drop} (not a literal value) (by `drop`)",
		"  - accepted by `hub-peer`, auto_accept yes\n  - DNS resolution of the remote VPC's private names: requester yes (by `hub-peer`), accepter no (by `hub-peer`)\n  - VPC routes to it: `hub_a`: 10.2.0.0/16; `peer_a`: 10.0.0.0/16\n",
		"- VPC peering options `stray` for peering connection `pcx-0fff` (not in this stack): DNS resolution of the remote VPC's private names: accepter \\${var.dns} (not a literal value)\n- VPC routes",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("section lacks %q:\n%s", w, got)
		}
	}
	// A gateway whose association default is neither word: not known.
	g["default_route_table_association"] = "${var.assoc}"
	if w := "  - associated with no route table of this stack, and whether the gateway associates it by default is not known at synth\n"; !strings.Contains(transitSection(t, s), w) {
		t.Errorf("section lacks %q", w)
	}
	// Routes to a gateway of another account alone make the section.
	only := stackOf(t, "spoke", `{"provider":{"aws":[{"region":"us-east-1"}]},"resource":{"aws_route":{"r":{"route_table_id":"rtb-1","destination_cidr_block":"10.0.0.0/8","transit_gateway_id":"tgw-0aaa"}}}}`)
	if got, w := transitSection(t, only), "- VPC routes to Transit Gateway `tgw-0aaa` (not in this stack): `rtb-1` (not in this stack): 10.0.0.0/8\n"; !strings.Contains(got, w) {
		t.Errorf("section lacks %q:\n%s", w, got)
	}
}

// The diagram: the gateway, an edge from each attached VPC, and an edge
// per peering, marked when it crosses regions; a peer VPC outside the
// stack is a node of its own.
func TestTransitDiagram(t *testing.T) {
	d := Diagram(stackOf(t, "tgw", transitStack))
	for _, w := range []string{
		"  tgw_tgw{{\"Transit Gateway tgw\"}}\n",
		"  vpc_hub -- \"attachment hub\" --- tgw_tgw\n",
		"  vpc_spoke -- \"attachment spoke\" --- tgw_tgw\n",
		"  vpc_peer -- \"attachment lonely\" --- tgw_tgw\n",
		"  vpc_hub -- \"peering\" --- vpc_peer\n",
		"  vpc_hub -- \"peering, inter-region\" --- peervpc__vpc_0123456789abcdef0\n",
		"  peervpc__vpc_0123456789abcdef0((\"VPC vpc-0123456789abcdef0\"))\n",
	} {
		if !strings.Contains(d, w) {
			t.Errorf("diagram lacks %q:\n%s", w, d)
		}
	}
	if d != Diagram(stackOf(t, "tgw", transitStack)) {
		t.Error("the diagram is not deterministic")
	}
}

// The cost lines: attachment-hours counted with no rate (none AWS-authored
// in USD could be read), data processing per GB, and VPC peering's data
// transfer in AWS's words, with no number.
func TestTransitCost(t *testing.T) {
	s := stackOf(t, "tgw", transitStack)
	s.Resources["aws_ec2_transit_gateway_peering_attachment"] = map[string]map[string]any{"west": {"transit_gateway_id": "${aws_ec2_transit_gateway.tgw.id}", "peer_transit_gateway_id": "tgw-0fff", "peer_region": "us-west-2"}}
	c := Estimate(s)
	var tgw *CostLine
	for i, l := range c.Lines {
		if l.Item == "Transit Gateway attachments" {
			tgw = &c.Lines[i]
		}
	}
	if tgw == nil || tgw.Known || tgw.Units != 4*HoursPerMonth || c.Unknown != 1 ||
		tgw.Quantity != "3 VPC attachments and 1 peering attachment × 730 h, billed per attachment-hour (AWS Transit Gateway pricing; no AWS-published USD rate could be read on 2026-11-24, so none is in privnet's table)" {
		t.Errorf("Transit Gateway line %+v (%d unknown)", tgw, c.Unknown)
	}
	perGB := strings.Join(c.PerGB, "\n")
	for _, w := range []string{
		"Transit Gateway: data processing, per GB sent from a VPC to the gateway (AWS Transit Gateway pricing; not in privnet's table)",
		"VPC peering: free within one Availability Zone; across Availability Zones, per GB at the standard in-region data transfer rates; across Regions, per GB at the standard inter-Region data transfer rates (AWS whitepaper \"Building a Scalable and Secure Multi-VPC AWS Network Infrastructure\", VPC peering, read 2026-11-24; not in privnet's table)",
	} {
		if !strings.Contains(perGB, w) {
			t.Errorf("per GB lacks %q:\n%s", w, perGB)
		}
	}
	if money(c) != "not estimated (1 item(s) without a price)" {
		t.Errorf("total %s", money(c))
	}
	md := Report([]*Stack{s}, nil)
	if !strings.Contains(md, "| Transit Gateway attachments | 4 ") && !strings.Contains(md, "| Transit Gateway attachments | 3 VPC attachments and 1 peering attachment × 730 h") {
		t.Error("the report has no Transit Gateway cost row")
	}
	if strings.Contains(md, "$0.05") || strings.Contains(md, "$0.02") {
		t.Error("a rate with no AWS-authored source is in the report")
	}
}

// Replacing a gateway, an attachment or a peering is an outage, and the
// warning says so; changes the provider makes in place, or that it plans
// as no change, are not flagged.
func TestTransitReplacementIsAnOutage(t *testing.T) {
	diff := func(edit func(r map[string]map[string]map[string]any)) []string {
		base, head := stackOf(t, "tgw", transitStack), stackOf(t, "tgw", transitStack)
		edit(head.Resources)
		var out []string
		for _, c := range Diff([]*Stack{base}, []*Stack{head}) {
			out = append(out, c.String()+" "+c.Warning)
		}
		return out
	}
	one := func(what string, got []string, want string) {
		t.Helper()
		if len(got) != 1 || got[0] != want {
			t.Errorf("%s:\n%s\nwant:\n%s", what, strings.Join(got, "\n"), want)
		}
	}
	one("attachment vpc_id", diff(func(r map[string]map[string]map[string]any) {
		r["aws_ec2_transit_gateway_vpc_attachment"]["spoke"]["vpc_id"] = "${aws_vpc.peer.id}"
	}), "tgw: changed aws_ec2_transit_gateway_vpc_attachment.spoke (vpc_id) replaced (vpc_id changed): an outage: traffic between the VPC and the gateway stops from the destroy until the new attachment is made, associated and routed")
	one("peering peer_region", diff(func(r map[string]map[string]map[string]any) {
		r["aws_vpc_peering_connection"]["far"]["peer_region"] = "eu-central-1"
	}), "tgw: changed aws_vpc_peering_connection.far (peer_region) replaced (peer_region changed): an outage: traffic between the VPCs stops from the destroy until the new peering is made, accepted and routed, and the new peering has a new ID, so every route to it is written again")
	one("gateway disable to AWS's default", diff(func(r map[string]map[string]map[string]any) {
		delete(r["aws_ec2_transit_gateway"]["tgw"], "default_route_table_propagation")
	}), "tgw: changed aws_ec2_transit_gateway.tgw (default_route_table_propagation) replaced (default_route_table_propagation changed): an outage: traffic between the attached VPCs stops from the destroy until the new gateway is made, attached and routed, and the new gateway has a new ID, so every attachment, route table and VPC route to it is made again")
	one("static route to blackhole", diff(func(r map[string]map[string]map[string]any) {
		delete(r["aws_ec2_transit_gateway_route"]["summary"], "transit_gateway_attachment_id")
		r["aws_ec2_transit_gateway_route"]["summary"]["blackhole"] = true
	}), "tgw: changed aws_ec2_transit_gateway_route.summary (blackhole, transit_gateway_attachment_id) replaced (transit_gateway_attachment_id, blackhole changed): traffic to the destination takes another route of the table, or is dropped, from the destroy until the new route is made")
	// In place, or no change at all in the plan.
	for what, edit := range map[string]func(r map[string]map[string]map[string]any){
		"asn": func(r map[string]map[string]map[string]any) {
			r["aws_ec2_transit_gateway"]["tgw"]["amazon_side_asn"] = 64600
		},
		"enable to disable": func(r map[string]map[string]map[string]any) {
			r["aws_ec2_transit_gateway"]["tgw"]["security_group_referencing_support"] = "disable"
		},
		"subnets": func(r map[string]map[string]map[string]any) {
			r["aws_ec2_transit_gateway_vpc_attachment"]["hub"]["subnet_ids"] = []any{"${aws_subnet.hub_a.id}"}
		},
		"peer_region removed": func(r map[string]map[string]map[string]any) {
			delete(r["aws_vpc_peering_connection"]["far"], "peer_region")
		},
		"blackhole false": func(r map[string]map[string]map[string]any) {
			r["aws_ec2_transit_gateway_route"]["summary"]["blackhole"] = false
		},
		"replace_existing": func(r map[string]map[string]map[string]any) {
			delete(r["aws_ec2_transit_gateway_route_table_association"]["hub-main"], "replace_existing_association")
		},
	} {
		if got := diff(edit); len(got) != 1 || !strings.HasSuffix(got[0], ") ") {
			t.Errorf("%s flagged as a replacement: %q", what, got)
		}
	}
	// A gateway that was on AWS's default and is turned off changes in
	// place.
	base, head := stackOf(t, "tgw", transitStack), stackOf(t, "tgw", transitStack)
	delete(base.Resources["aws_ec2_transit_gateway"]["tgw"], "default_route_table_association")
	for _, c := range Diff([]*Stack{base}, []*Stack{head}) {
		if c.Warning != "" {
			t.Errorf("enable to disable flagged: %s %s", c, c.Warning)
		}
	}
	// The warning is at the top of the report.
	head = stackOf(t, "tgw", transitStack)
	head.Resources["aws_vpc_peering_connection"]["hub-peer"]["peer_vpc_id"] = "${aws_vpc.spoke.id}"
	md := Report([]*Stack{head}, []*Stack{stackOf(t, "tgw", transitStack)})
	if w := "> - **tgw** `aws_vpc_peering_connection.hub-peer`: replaced (peer_vpc_id changed): an outage: traffic between the VPCs stops"; !strings.Contains(md[:strings.Index(md, "## Changes against the base")], w) {
		t.Errorf("the top of the report lacks %q", w)
	}
}

// Names and values a pull request's author could choose, in every place
// the section and the diagram print them: escaped, and never at the start
// of a line.
func TestTransitHostile(t *testing.T) {
	evil := append([]string{
		"- EVIL list item", "* EVIL", "+ EVIL", "1. EVIL", "> EVIL quote", "# EVIL heading", "| EVIL | cell |",
		"EVIL\n- injected item\n### Injected", "EVIL `code` <script>alert(1)</script>",
		strings.Repeat("EVIL`|<\n", 20000),
	}, hostile...)
	h := func(i int) string { return evil[i%len(evil)] }
	res := map[string]map[string]any{
		"aws_vpc":    {"net": map[string]any{"cidr_block": "10.0.0.0/16"}, "peer": map[string]any{"cidr_block": "10.1.0.0/16"}},
		"aws_subnet": {"s": map[string]any{"vpc_id": "${aws_vpc.net.id}", "cidr_block": "10.0.0.0/24", "availability_zone": "EVIL`az`<script>\n- x"}},
		"aws_ec2_transit_gateway": {
			"tgw": map[string]any{"amazon_side_asn": h(2), "default_route_table_association": h(3), "default_route_table_propagation": h(4), "security_group_referencing_support": h(5)},
		},
		"aws_ec2_transit_gateway_vpc_attachment":          {},
		"aws_ec2_transit_gateway_route_table":             {},
		"aws_ec2_transit_gateway_route_table_association": {},
		"aws_ec2_transit_gateway_route_table_propagation": {},
		"aws_ec2_transit_gateway_route":                   {},
		"aws_vpc_peering_connection":                      {},
		"aws_vpc_peering_connection_accepter":             {},
		"aws_vpc_peering_connection_options":              {},
		"aws_ram_resource_association":                    {},
		"aws_ram_principal_association":                   {},
		"aws_route":                                       {},
	}
	for i, n := range evil {
		res["aws_ec2_transit_gateway"][n] = map[string]any{"amazon_side_asn": []any{h(i), 1}}
		res["aws_ec2_transit_gateway_vpc_attachment"][n] = map[string]any{"transit_gateway_id": []string{"${aws_ec2_transit_gateway.tgw.id}", h(i + 1)}[i%2],
			"vpc_id": []string{"${aws_vpc.net.id}", h(i + 2)}[i%2], "subnet_ids": []any{"${aws_subnet.s.id}", h(i + 3), map[string]any{h(i): h(i)}}}
		res["aws_ec2_transit_gateway_route_table"][n] = map[string]any{"transit_gateway_id": h(i + 4)}
		res["aws_ec2_transit_gateway_route_table_association"][n] = map[string]any{"transit_gateway_attachment_id": h(i + 5), "transit_gateway_route_table_id": h(i + 6)}
		res["aws_ec2_transit_gateway_route_table_propagation"][n] = map[string]any{"transit_gateway_attachment_id": h(i + 7), "transit_gateway_route_table_id": "${aws_ec2_transit_gateway_route_table.x.id}"}
		res["aws_ec2_transit_gateway_route"][n] = map[string]any{"destination_cidr_block": h(i + 8), "blackhole": h(i + 9), "transit_gateway_route_table_id": h(i)}
		res["aws_vpc_peering_connection"][n] = map[string]any{"vpc_id": "${aws_vpc.net.id}", "peer_vpc_id": h(i + 10), "peer_region": h(i + 11), "peer_owner_id": h(i + 12), "auto_accept": h(i)}
		res["aws_vpc_peering_connection_accepter"][n] = map[string]any{"vpc_peering_connection_id": h(i + 13)}
		res["aws_vpc_peering_connection_options"][n] = map[string]any{"vpc_peering_connection_id": h(i + 14), "requester": h(i), "accepter": []any{map[string]any{"allow_remote_vpc_dns_resolution": h(i + 15)}}}
		res["aws_ram_resource_association"][n] = map[string]any{"resource_arn": "${aws_ec2_transit_gateway.tgw.arn}", "resource_share_arn": h(i + 16)}
		res["aws_ram_principal_association"][n] = map[string]any{"principal": h(i + 17), "resource_share_arn": h(i + 16)}
		res["aws_route"][n] = map[string]any{"route_table_id": h(i + 18), "destination_cidr_block": h(i + 19), "transit_gateway_id": []string{"${aws_ec2_transit_gateway.tgw.id}", h(i + 20)}[i%2],
			"vpc_peering_connection_id": h(i + 21)}
	}
	b, err := json.Marshal(map[string]any{"provider": map[string]any{"aws": []any{map[string]any{"region": "us-east-1"}}}, "resource": res})
	if err != nil {
		t.Fatal(err)
	}
	s := stackOf(t, "hostile", string(b))
	md := Report([]*Stack{s}, []*Stack{stackOf(t, "hostile", string(b))})
	got := transitSection(t, s)
	for n, line := range strings.Split(strings.TrimSuffix(got, "\n\n"), "\n")[2:] {
		if !strings.HasPrefix(line, "- ") && !strings.HasPrefix(line, "  - ") {
			t.Errorf("section line %d starts with text privnet does not write: %.80q", n+3, line)
		}
		if rest := strings.TrimLeft(line, " -"); strings.HasPrefix(rest, "EVIL") || strings.HasPrefix(rest, "`") && strings.HasPrefix(strings.Trim(rest, "` "), "EVIL") {
			t.Errorf("section line %d starts with a value from the JSON: %.80q", n+3, line)
		}
	}
	for _, w := range []string{
		"- Transit Gateway `- EVIL list item`, Amazon-side ASN \\[\"- EVIL list item\",1\\], security group referencing",
		"- Transit Gateway `tgw`, Amazon-side ASN + EVIL, security group referencing #\u200b EVIL heading (not enable or disable)\n" +
			"  - default route table association 1. EVIL (not enable or disable): whether attachments are associated with the default route table implicitly is not known at synth\n" +
			"  - default route table propagation &gt; EVIL quote (not enable or disable): whether attachments propagate their routes to the default route table implicitly is not known at synth\n",
		"EVIL␊- injected item␊#\u200b#\u200b#\u200b Injected",
		"``EVIL `code` <script>alert(1)</script>``",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("section lacks %q", w)
		}
	}
	if strings.Contains(md, "\n- injected item") || strings.Contains(md, "\n### Injected") || strings.Contains(md, "\n- EVIL") {
		t.Error("a value from the JSON started a line")
	}
	checkMarkdown(t, md)
	checkMermaid(t, md)
	// Through cmark-gfm (GitHub's Markdown), when installed: one list
	// item per line of the section, and no HTML from a value.
	if bin, err := exec.LookPath("cmark-gfm"); err == nil {
		cmd := exec.Command(bin, "--unsafe", "-e", "table", "-e", "autolink", "-e", "strikethrough", "-e", "tagfilter")
		cmd.Stdin = strings.NewReader(got)
		out, err := cmd.Output()
		if err != nil {
			t.Fatal(err)
		}
		html := string(out)
		if n, want := strings.Count(html, "<li>"), strings.Count(got, "\n- ")+strings.Count(got, "\n  - "); n != want {
			t.Errorf("%d list items rendered, want %d", n, want)
		}
		for _, bad := range []string{"<script", "<h1", "<h2", "<h3>Injected", "<blockquote", "<ol", "<em>", "<strong>", "<table", "<img", "<a "} {
			if strings.Contains(html, bad) {
				t.Errorf("a value became HTML: %q in the rendered section", bad)
			}
		}
	}
	// The diagram alone, whatever its size: every line a statement privnet
	// writes.
	checkMermaid(t, "```mermaid\n"+Diagram(s)+"```\n")
}

// A reference through another stack's remote state is named by what that
// stack's output gives, when the report has the stack; otherwise it stays
// an expression.
func TestTransitNamesOtherStacks(t *testing.T) {
	far := stackOf(t, "far", `{"provider": {"aws": [{"region": "us-west-2"}]},
		"resource": {"aws_vpc": {"b": {"cidr_block": "10.1.0.0/16"}}},
		"output": {"cross-stack-output-aws_vpcbid": {"value": "${aws_vpc.b.id}", "sensitive": true}, "odd": {"value": "x${aws_vpc.b.id}"}}}`)
	near := func(out string) *Stack {
		return stackOf(t, "near", `{"provider": {"aws": [{"region": "us-east-1"}]},
		"resource": {"aws_vpc": {"a": {"cidr_block": "10.0.0.0/16"}},
		"aws_vpc_peering_connection": {"p": {"vpc_id": "${aws_vpc.a.id}", "peer_vpc_id": "${data.terraform_remote_state.cross-stack-reference-input-far.outputs.`+out+`}", "peer_region": "us-west-2"}}}}`)
	}
	md := Report([]*Stack{near("cross-stack-output-aws_vpcbid"), far}, nil)
	for _, w := range []string{
		"- VPC peering `p` from VPC `a` to VPC `b` of stack `far`, peer region us-west-2 (inter-region)",
		`peervpc__b_of_stack_far(("VPC b of stack far"))`,
	} {
		if !strings.Contains(md, w) {
			t.Errorf("report lacks %q", w)
		}
	}
	for _, out := range []string{"odd", "missing"} {
		if md := Report([]*Stack{near(out), far}, nil); !strings.Contains(md, "(an expression)") {
			t.Errorf("output %s: not shown as an expression", out)
		}
	}
	if md := Report([]*Stack{near("cross-stack-output-aws_vpcbid")}, nil); !strings.Contains(md, "(an expression)") {
		t.Error("a stack the report lacks: not shown as an expression")
	}
}
