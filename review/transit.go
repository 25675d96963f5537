package review

import (
	"fmt"
	"regexp"
	"strings"
)

// transitTypes are the resources the Transit Gateway and peering section
// shows; the section is written when the stack has one of them, or a VPC
// route to a gateway or a peering connection (a shared gateway of another
// account is known by its ID only).
var transitTypes = []string{
	"aws_ec2_transit_gateway", "aws_ec2_transit_gateway_vpc_attachment", "aws_ec2_transit_gateway_vpc_attachment_accepter",
	"aws_ec2_transit_gateway_route_table", "aws_ec2_transit_gateway_route_table_association",
	"aws_ec2_transit_gateway_route_table_propagation", "aws_ec2_transit_gateway_route", "aws_ec2_transit_gateway_peering_attachment",
	"aws_vpc_peering_connection", "aws_vpc_peering_connection_accepter", "aws_vpc_peering_connection_options",
}

// transitTargets are the route arguments that send traffic to a gateway
// or a peering connection, with what they name in words.
var transitTargets = []struct{ attr, what string }{
	{"transit_gateway_id", "Transit Gateway"},
	{"vpc_peering_connection_id", "VPC peering connection"},
}

// vpcRoute is one route of a VPC route table to a gateway or a peering:
// the table and the destination, both already Markdown.
type vpcRoute struct{ table, dest string }

// tgwLink is an association, a propagation or a static route of a
// Transit Gateway route table, in Markdown: what it says and its name.
type tgwLink struct{ what, by string }

// transitIndex holds, built in one pass over each type, what the section
// looks up per gateway, attachment, route table and peering, so that a
// stack of many of each is not read quadratically.
type transitIndex struct {
	routes map[string][]vpcRoute // by target key (see targetKey)
	order  []string              // target keys, in the order first seen
	shown  map[string]bool       // target keys written so far
	// Associations by attachment key and by table key; propagations and
	// static routes by table key.
	assocByAtt, assocByTable, props, statics map[string][]tgwLink
	tables                                   []string            // table keys not in the stack, in the order first seen
	accepters                                map[string][]string // attachment or peering key -> accepters
	options                                  map[string][]string // peering key -> options resources
	shares                                   map[string][]string // shared resource key -> RAM resource associations
	principals                               map[string][]string // RAM share key -> principals, in Markdown
}

// refKey is a reference as type.name, or a value as written ("\x00" first, so
// that it cannot be taken for a reference); "" when absent.
func refKey(x any) string {
	if t, n, _, ok := Ref(x); ok {
		return t + "." + n
	}
	if x == nil {
		return ""
	}
	return "\x00" + shownPlain(x)
}

// targetKey is a route target's key with the argument it is in.
func targetKey(attr string, x any) string {
	if k := refKey(x); k != "" {
		return attr + "|" + k
	}
	return ""
}

func newTransitIndex(v *view) *transitIndex {
	x := &transitIndex{routes: map[string][]vpcRoute{}, shown: map[string]bool{},
		assocByAtt: map[string][]tgwLink{}, assocByTable: map[string][]tgwLink{}, props: map[string][]tgwLink{}, statics: map[string][]tgwLink{},
		accepters: map[string][]string{}, options: map[string][]string{}, shares: map[string][]string{}, principals: map[string][]string{}}
	addRoute := func(r map[string]any, table string) {
		dest := ""
		for _, d := range []string{"destination_cidr_block", "destination_ipv6_cidr_block", "destination_prefix_list_id"} {
			if r[d] != nil {
				dest = text(shownPlain(r[d]))
				break
			}
		}
		if dest == "" {
			dest = "no destination"
		}
		for _, t := range transitTargets {
			if k := targetKey(t.attr, r[t.attr]); k != "" {
				if x.routes[k] == nil {
					x.order = append(x.order, k)
				}
				x.routes[k] = append(x.routes[k], vpcRoute{table, dest})
			}
		}
	}
	for _, n := range v.Names("aws_route") {
		r := v.Get("aws_route", n)
		addRoute(r, v.anyRef(r["route_table_id"], "aws_route_table", "aws_default_route_table"))
	}
	for _, typ := range []string{"aws_route_table", "aws_default_route_table"} {
		for _, rt := range v.Names(typ) {
			for _, r := range objectsIn(v.Get(typ, rt), "route") {
				addRoute(r, code(rt))
			}
		}
	}
	inStack := map[string]bool{}
	for _, n := range v.Names("aws_ec2_transit_gateway_route_table") {
		inStack["aws_ec2_transit_gateway_route_table."+n] = true
	}
	table := func(r map[string]any) string {
		k := refKey(r["transit_gateway_route_table_id"])
		if !inStack[k] {
			inStack[k] = true
			x.tables = append(x.tables, k)
		}
		return k
	}
	for _, n := range v.Names("aws_ec2_transit_gateway_route_table_association") {
		a := v.Get("aws_ec2_transit_gateway_route_table_association", n)
		by := "by " + code(n)
		if a["replace_existing_association"] == true {
			by += ", replacing the attachment's current association"
		}
		t := table(a)
		x.assocByAtt[refKey(a["transit_gateway_attachment_id"])] = append(x.assocByAtt[refKey(a["transit_gateway_attachment_id"])], tgwLink{v.tableMD(t), by})
		x.assocByTable[t] = append(x.assocByTable[t], tgwLink{v.attachmentMD(a["transit_gateway_attachment_id"]), "by " + code(n)})
	}
	for _, n := range v.Names("aws_ec2_transit_gateway_route_table_propagation") {
		p := v.Get("aws_ec2_transit_gateway_route_table_propagation", n)
		t := table(p)
		x.props[t] = append(x.props[t], tgwLink{v.attachmentMD(p["transit_gateway_attachment_id"]), "by " + code(n)})
	}
	for _, n := range v.Names("aws_ec2_transit_gateway_route") {
		r := v.Get("aws_ec2_transit_gateway_route", n)
		dest := text(shownPlain(r["destination_cidr_block"]))
		switch bh := r["blackhole"]; {
		case bh == true:
			dest += " dropped (blackhole)"
		case bh != nil && bh != false:
			dest += " blackhole " + text(shownPlain(bh)) + " (not a literal value)"
		case r["transit_gateway_attachment_id"] == nil:
			dest += " to no attachment"
		default:
			dest += " to " + v.attachmentMD(r["transit_gateway_attachment_id"])
		}
		t := table(r)
		x.statics[t] = append(x.statics[t], tgwLink{dest, "by " + code(n)})
	}
	for _, typ := range []struct{ tfType, attr string }{
		{"aws_ec2_transit_gateway_vpc_attachment_accepter", "transit_gateway_attachment_id"},
		{"aws_vpc_peering_connection_accepter", "vpc_peering_connection_id"},
	} {
		for _, n := range v.Names(typ.tfType) {
			k := refKey(v.Get(typ.tfType, n)[typ.attr])
			x.accepters[k] = append(x.accepters[k], n)
		}
	}
	for _, n := range v.Names("aws_vpc_peering_connection_options") {
		k := refKey(v.Get("aws_vpc_peering_connection_options", n)["vpc_peering_connection_id"])
		if t, a, _, ok := Ref(v.Get("aws_vpc_peering_connection_options", n)["vpc_peering_connection_id"]); ok && t == "aws_vpc_peering_connection_accepter" {
			k = refKey(v.Get(t, a)["vpc_peering_connection_id"]) // options set once the accepter has accepted
		}
		x.options[k] = append(x.options[k], n)
	}
	for _, n := range v.Names("aws_ram_resource_association") {
		k := refKey(v.Get("aws_ram_resource_association", n)["resource_arn"])
		x.shares[k] = append(x.shares[k], n)
	}
	for _, n := range v.Names("aws_ram_principal_association") {
		p := v.Get("aws_ram_principal_association", n)
		k := refKey(p["resource_share_arn"])
		x.principals[k] = append(x.principals[k], v.anyRefPlain(p["principal"]))
	}
	return x
}

// routesTo is the VPC routes to the targets, grouped by route table in the
// order first seen: "`rt_a`: 10.2.0.0/16, 10.3.0.0/16; `rt_b`: …".
func (x *transitIndex) routesTo(keys ...string) string {
	var tables []string
	byTable := map[string][]string{}
	for _, k := range keys {
		x.shown[k] = true
		for _, r := range x.routes[k] {
			if byTable[r.table] == nil {
				tables = append(tables, r.table)
			}
			byTable[r.table] = append(byTable[r.table], r.dest)
		}
	}
	if len(tables) == 0 {
		return ""
	}
	parts := make([]string, len(tables))
	for i, t := range tables {
		parts[i] = t + ": " + strings.Join(byTable[t], ", ")
	}
	return strings.Join(parts, "; ")
}

func links(ls []tgwLink) string {
	if len(ls) == 0 {
		return "none"
	}
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.what + " (" + l.by + ")"
	}
	return strings.Join(out, ", ")
}

// anyRef is what a reference names, in Markdown: the Terraform name of a
// resource of one of types in the stack; otherwise the reference or the
// value as written, marked as not in the stack (an ID of another account's
// gateway) or as an expression.
func (v *view) anyRef(x any, types ...string) string {
	if t, n, _, ok := Ref(x); ok {
		if contains(types, t) && v.Get(t, n) != nil {
			return code(n)
		}
		return code(t+"."+n) + " (not in this stack)"
	}
	if x == nil {
		return "none"
	}
	s := shownPlain(x)
	if st, n, ok := v.remote(s); ok {
		return code(n) + " of stack " + code(st)
	}
	if strings.Contains(s, "${") {
		return code(s) + " (an expression)"
	}
	return code(s) + " (not in this stack)"
}

// crossStack is how cdktf reads another stack's value: its remote state's
// output.
var crossStack = regexp.MustCompile(`^\$\{data\.terraform_remote_state\.cross-stack-reference-input-([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)\}$`)

// remote names what a reference through another stack's remote state is:
// the stack and the Terraform name of the resource its output gives, when
// the report has that stack and the output is a plain reference.
func (v *view) remote(s string) (stack, name string, ok bool) {
	m := crossStack.FindStringSubmatch(s)
	if m == nil {
		return "", "", false
	}
	other := v.others[m[1]]
	if other == nil {
		return "", "", false
	}
	o, _ := other.Outputs[m[2]].(map[string]any)
	if _, n, _, ok := Ref(o["value"]); ok {
		return other.Name, n, true
	}
	return "", "", false
}

// attachmentMD names a Transit Gateway attachment reference.
func (v *view) attachmentMD(x any) string {
	switch t, _, _, _ := Ref(x); t {
	case "aws_ec2_transit_gateway_vpc_attachment_accepter":
		return v.anyRef(x, t) + " (accepter)"
	case "aws_ec2_transit_gateway_peering_attachment", "aws_ec2_transit_gateway_peering_attachment_accepter":
		return v.anyRef(x, t) + " (peering attachment)"
	}
	return v.anyRef(x, "aws_ec2_transit_gateway_vpc_attachment")
}

// tableMD names a Transit Gateway route table by its key.
func (v *view) tableMD(k string) string {
	if n, ok := strings.CutPrefix(k, "aws_ec2_transit_gateway_route_table."); ok && v.Get("aws_ec2_transit_gateway_route_table", n) != nil {
		return code(n)
	}
	return v.keyMD(k)
}

// keyMD names any key (see refKey): a value as written, or a reference
// to something not in the stack.
func (v *view) keyMD(k string) string {
	if raw, ok := strings.CutPrefix(k, "\x00"); ok {
		return v.anyRef(raw)
	}
	if k == "" {
		return "none"
	}
	return code(k) + " (not in this stack)"
}

// enableArg says an enable/disable argument: as written, AWS's default
// when absent, and marked when it is neither word (an expression).
func enableArg(x any, awsDefault string) (word string, on, known bool) {
	switch x {
	case nil:
		return awsDefault + " (AWS's default)", awsDefault == "enable", true
	case "enable":
		return "enable", true, true
	case "disable":
		return "disable", false, true
	}
	return text(shownPlain(x)) + " (not enable or disable)", false, false
}

// transit writes the Transit Gateway and VPC peering pieces: each
// gateway with what it does implicitly and who it is shared with, each
// VPC attachment with its subnets and its route table, each route table
// with its associations, propagations and static routes, each peering
// with its sides, its accepter and DNS options, and the VPC routes to
// each. Every value read from the JSON is escaped; every line starts with
// privnet's words.
func transit(b *strings.Builder, v *view) {
	w := func(format string, a ...any) { fmt.Fprintf(b, format, a...) }
	present := false
	for _, t := range transitTypes {
		present = present || len(v.Names(t)) > 0
	}
	x := newTransitIndex(v)
	if !present && len(x.order) == 0 {
		return
	}
	w("### Transit Gateway and peering\n\n")
	for _, n := range v.Names("aws_ec2_transit_gateway") {
		g := v.Get("aws_ec2_transit_gateway", n)
		asn := "AWS's default (64512)"
		if g["amazon_side_asn"] != nil {
			asn = text(shownPlain(g["amazon_side_asn"]))
		}
		sg, _, _ := enableArg(g["security_group_referencing_support"], "disable")
		w("- Transit Gateway %s, Amazon-side ASN %s, security group referencing %s\n", code(n), asn, sg)
		for _, f := range []struct{ attr, what, implicit string }{
			{"default_route_table_association", "association", "attachments are associated with the default route table implicitly"},
			{"default_route_table_propagation", "propagation", "attachments propagate their routes to the default route table implicitly"},
		} {
			word, on, known := enableArg(g[f.attr], "enable")
			switch {
			case !known:
				w("  - default route table %s %s: whether %s is not known at synth\n", f.what, word, f.implicit)
			case on:
				w("  - default route table %s %s: %s\n", f.what, word, f.implicit)
			default:
				w("  - default route table %s %s: nothing implicit (privnet's default), each attachment's %s is written out\n", f.what, word, f.what)
			}
		}
		if shares := v.sharesOf(x, "aws_ec2_transit_gateway."+n); shares != "" {
			w("  - %s\n", shares)
		}
		if r := x.routesTo("transit_gateway_id|aws_ec2_transit_gateway." + n); r != "" {
			w("  - VPC routes to it: %s\n", r)
		} else {
			w("  - no VPC route of this stack sends traffic to it\n")
		}
	}
	for _, n := range v.Names("aws_ec2_transit_gateway_vpc_attachment") {
		v.tgwAttachment(b, x, n)
	}
	for _, n := range v.Names("aws_ec2_transit_gateway_vpc_attachment_accepter") {
		a := v.Get("aws_ec2_transit_gateway_vpc_attachment_accepter", n)
		if t, an, _, ok := Ref(a["transit_gateway_attachment_id"]); ok && t == "aws_ec2_transit_gateway_vpc_attachment" && v.Get(t, an) != nil {
			continue // shown with its attachment
		}
		w("- VPC attachment accepter %s accepts attachment %s\n", code(n), v.attachmentMD(a["transit_gateway_attachment_id"]))
		w("  - associated with %s\n", links(x.assocByAtt["aws_ec2_transit_gateway_vpc_attachment_accepter."+n]))
	}
	for _, n := range v.Names("aws_ec2_transit_gateway_peering_attachment") {
		p := v.Get("aws_ec2_transit_gateway_peering_attachment", n)
		region := "the same region"
		if p["peer_region"] != nil {
			region = "region " + text(shownPlain(p["peer_region"]))
		}
		w("- Transit Gateway peering attachment %s from Transit Gateway %s to Transit Gateway %s in %s\n", code(n),
			v.anyRef(p["transit_gateway_id"], "aws_ec2_transit_gateway"), v.anyRef(p["peer_transit_gateway_id"], "aws_ec2_transit_gateway"), region)
	}
	tables := []string{}
	for _, n := range v.Names("aws_ec2_transit_gateway_route_table") {
		tables = append(tables, "aws_ec2_transit_gateway_route_table."+n)
	}
	for _, k := range append(tables, x.tables...) {
		of := ""
		if n, ok := strings.CutPrefix(k, "aws_ec2_transit_gateway_route_table."); ok && v.Get("aws_ec2_transit_gateway_route_table", n) != nil {
			of = " of Transit Gateway " + v.anyRef(v.Get("aws_ec2_transit_gateway_route_table", n)["transit_gateway_id"], "aws_ec2_transit_gateway")
		}
		w("- Transit Gateway route table %s%s\n", v.tableMD(k), of)
		w("  - associated: %s\n", links(x.assocByTable[k]))
		w("  - propagated: %s\n", links(x.props[k]))
		w("  - static routes: %s\n", links(x.statics[k]))
	}
	for _, n := range v.Names("aws_vpc_peering_connection") {
		v.peering(b, x, n)
	}
	for _, n := range v.Names("aws_vpc_peering_connection_accepter") {
		a := v.Get("aws_vpc_peering_connection_accepter", n)
		if t, pn, _, ok := Ref(a["vpc_peering_connection_id"]); ok && t == "aws_vpc_peering_connection" && v.Get(t, pn) != nil {
			continue // shown with its peering
		}
		w("- VPC peering accepter %s accepts peering connection %s, auto_accept %s\n", code(n), v.anyRef(a["vpc_peering_connection_id"]), yesNo(a["auto_accept"]))
		k := refKey(a["vpc_peering_connection_id"])
		if o := v.dnsOptions(a, x.options[k]); o != "" {
			w("  - %s\n", o)
		}
		x.options[k] = nil
		if r := x.routesTo("vpc_peering_connection_id|aws_vpc_peering_connection_accepter."+n, "vpc_peering_connection_id|"+k); r != "" {
			w("  - VPC routes to it: %s\n", r)
		}
	}
	for _, k := range sortedKeys(x.options) {
		for _, o := range x.options[k] {
			w("- VPC peering options %s for peering connection %s: %s\n", code(o), v.keyMD(k), orText(v.dnsOptions(v.Get("aws_vpc_peering_connection_options", o), nil), "no DNS option set"))
		}
	}
	for _, k := range x.order {
		if x.shown[k] {
			continue
		}
		attr, target, _ := strings.Cut(k, "|")
		what := "Transit Gateway"
		if attr == "vpc_peering_connection_id" {
			what = "VPC peering connection"
		}
		w("- VPC routes to %s %s: %s\n", what, v.keyMD(target), x.routesTo(k))
	}
	w("\n")
}

// tgwAttachment writes a VPC attachment: its VPC, its subnets (AWS takes
// one per AZ, and only workloads in those AZs reach the gateway), its
// accepter, and its route table: named, implicit, or none, when the
// gateway drops its traffic.
func (v *view) tgwAttachment(b *strings.Builder, x *transitIndex, n string) {
	w := func(format string, a ...any) { fmt.Fprintf(b, format, a...) }
	a := v.Get("aws_ec2_transit_gateway_vpc_attachment", n)
	w("- VPC attachment %s of VPC %s to Transit Gateway %s\n", code(n), v.anyRef(a["vpc_id"], "aws_vpc"), v.anyRef(a["transit_gateway_id"], "aws_ec2_transit_gateway"))
	subnets, isList := a["subnet_ids"].([]any)
	if !isList {
		w("  - subnets %s (not a list of subnets)\n", text(shownPlain(a["subnet_ids"])))
	} else {
		var parts, twice []string
		seen := map[string]bool{}
		for _, s := range subnets {
			az := v.subnetAz(s)
			parts = append(parts, fmt.Sprintf("%s (%s)", v.anyRef(s, "aws_subnet"), text(az)))
			if az != "?" && seen[az] && !contains(twice, az) {
				twice = append(twice, az)
			}
			seen[az] = true
		}
		switch {
		case len(subnets) == 0:
			w("  - no subnets: AWS refuses an attachment without one\n")
		case len(twice) > 0:
			w("  - %s: %s; more than one in %s, and AWS takes one subnet per AZ\n", plural(len(subnets), "subnet"), strings.Join(parts, ", "), texts(twice))
		default:
			w("  - %s: %s; one subnet per AZ; workloads in other AZs cannot reach the gateway\n", plural(len(subnets), "subnet"), strings.Join(parts, ", "))
		}
	}
	self := "aws_ec2_transit_gateway_vpc_attachment." + n
	assocs := x.assocByAtt[self]
	for _, acc := range x.accepters[self] {
		w("  - accepted by %s\n", code(acc))
		assocs = append(assocs, x.assocByAtt["aws_ec2_transit_gateway_vpc_attachment_accepter."+acc]...)
	}
	gw := map[string]any(nil)
	if t, g, _, ok := Ref(a["transit_gateway_id"]); ok && t == "aws_ec2_transit_gateway" {
		gw = v.Get(t, g)
	}
	_, assocOn, assocKnown := enableArg(gw["default_route_table_association"], "enable")
	_, propOn, propKnown := enableArg(gw["default_route_table_propagation"], "enable")
	switch {
	case len(assocs) > 1:
		w("  - associated with %s: AWS associates an attachment with one route table only\n", links(assocs))
	case len(assocs) == 1:
		w("  - associated with route table %s\n", links(assocs))
	case gw == nil:
		w("  - associated with no route table of this stack: unless the gateway, which is not in this stack, associates it by default, the gateway drops its traffic\n")
	case !assocKnown:
		w("  - associated with no route table of this stack, and whether the gateway associates it by default is not known at synth\n")
	case assocOn && a["transit_gateway_default_route_table_association"] != false:
		w("  - associated with the gateway's default route table implicitly (default route table association on)\n")
	default:
		w("  - associated with no route table: the gateway drops its traffic\n")
	}
	if gw != nil && propKnown && propOn && a["transit_gateway_default_route_table_propagation"] != false {
		w("  - propagates its routes to the gateway's default route table implicitly (default route table propagation on)\n")
	}
}

// peering writes a VPC peering connection: its two VPCs, region and
// account, how it is accepted, the DNS options of each side and the VPC
// routes to it.
func (v *view) peering(b *strings.Builder, x *transitIndex, n string) {
	w := func(format string, a ...any) { fmt.Fprintf(b, format, a...) }
	p := v.Get("aws_vpc_peering_connection", n)
	region := "same region"
	if p["peer_region"] != nil {
		region = "peer region " + text(shownPlain(p["peer_region"]))
		if scalar(p["peer_region"]) != v.Region {
			region += " (inter-region)"
		}
	}
	account := "same account"
	if p["peer_owner_id"] != nil {
		account = "peer account " + text(shownPlain(p["peer_owner_id"]))
	}
	w("- VPC peering %s from VPC %s to VPC %s, %s, %s, auto_accept %s\n", code(n), v.anyRef(p["vpc_id"], "aws_vpc"), v.anyRef(p["peer_vpc_id"], "aws_vpc"), region, account, yesNo(p["auto_accept"]))
	self := "aws_vpc_peering_connection." + n
	keys := []string{"vpc_peering_connection_id|" + self}
	for _, acc := range x.accepters[self] {
		w("  - accepted by %s, auto_accept %s\n", code(acc), yesNo(v.Get("aws_vpc_peering_connection_accepter", acc)["auto_accept"]))
		keys = append(keys, "vpc_peering_connection_id|aws_vpc_peering_connection_accepter."+acc)
	}
	if o := v.dnsOptions(p, x.options[self]); o != "" {
		w("  - %s\n", o)
	}
	x.options[self] = nil
	if r := x.routesTo(keys...); r != "" {
		w("  - VPC routes to it: %s\n", r)
	} else {
		w("  - no VPC route of this stack sends traffic to it\n")
	}
}

// dnsOptions says, for each side, whether it resolves the other VPC's
// private DNS names, from the requester and accepter blocks of r (a
// peering or its accepter) and of the options resources; each block is an
// object or a list of one. "" when none is set.
func (v *view) dnsOptions(r map[string]any, opts []string) string {
	var parts []string
	say := func(of string, m map[string]any) {
		for _, side := range []string{"requester", "accepter"} {
			for _, o := range objectsIn(m, side) {
				dns := "not set (off)"
				switch x := o["allow_remote_vpc_dns_resolution"]; x {
				case true:
					dns = "yes"
				case false:
					dns = "no"
				case nil:
				default:
					dns = text(shownPlain(x)) + " (not a literal value)"
				}
				parts = append(parts, fmt.Sprintf("%s %s%s", side, dns, of))
			}
		}
	}
	say("", r)
	for _, o := range opts {
		say(" (by "+code(o)+")", v.Get("aws_vpc_peering_connection_options", o))
	}
	if len(parts) == 0 {
		return ""
	}
	return "DNS resolution of the remote VPC's private names: " + strings.Join(parts, ", ")
}

// sharesOf says with whom AWS RAM shares the resource k (type.name):
// the shares whose resource associations name it, and their principals.
func (v *view) sharesOf(x *transitIndex, k string) string {
	var out []string
	for _, ra := range x.shares[k] {
		arn := v.Get("aws_ram_resource_association", ra)["resource_share_arn"]
		share := v.anyRef(arn, "aws_ram_resource_share")
		if t, s, _, ok := Ref(arn); ok && t == "aws_ram_resource_share" && v.Get(t, s)["allow_external_principals"] == true {
			share += ", which allows principals outside the organization"
		}
		who := "no principal in this stack"
		if ps := x.principals[refKey(arn)]; len(ps) > 0 {
			who = strings.Join(ps, ", ")
		}
		out = append(out, fmt.Sprintf("shared through RAM share %s (by %s) with %s", share, code(ra), who))
	}
	return strings.Join(out, "; ")
}

// anyRefPlain is a reference's Terraform name, or a value as written
// (an account ID, an organization ARN), in a code span.
func (v *view) anyRefPlain(x any) string {
	if t, n, _, ok := Ref(x); ok {
		return code(t + "." + n)
	}
	return code(shownPlain(x))
}
