package review

import (
	"fmt"
	"sort"
	"strings"
)

// Diagram is a Mermaid flowchart of the stack: VPCs and tiers as
// subgraphs, endpoints, instances and Lattice pieces inside the tier of
// their first subnet, and the flows their security groups allow. Every
// label is escaped with label and every node id comes from ids, so a name
// cannot end a label, add a statement or merge two nodes.
func Diagram(s *Stack) string {
	d, _ := diagram(newView(s))
	return d
}

// diagram is the flowchart and its number of edges.
func diagram(v *view) (string, int) {
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	w("flowchart LR\n")
	tierID := func(t *tier) string { return v.ids.get("tier", t.vpc+"\x00"+t.name) }

	// Nodes by the tier of their first subnet ("" outside every tier).
	nodeTier := map[string][]string{}
	place := func(node, text string, subnet any) {
		where := ""
		if _, sn, _, ok := Ref(subnet); ok && v.subnetTier[sn] != nil {
			where = tierID(v.subnetTier[sn])
		}
		nodeTier[where] = append(nodeTier[where], fmt.Sprintf("%s[\"%s\"]", node, text))
	}
	for _, o := range ownerTypes {
		for _, n := range v.Names(o.tfType) {
			r := v.Get(o.tfType, n)
			node := v.ids.get(o.prefix, n)
			subnet := r[o.subnets]
			if l, isList := subnet.([]any); isList {
				subnet = nil
				if len(l) > 0 {
					subnet = l[0]
				}
			}
			if m, isBlock := subnet.(map[string]any); isBlock {
				subnet = m["subnet_id"] // a Resolver endpoint's ip_address block
			}
			text := label(named(o.kind, n))
			if o.tfType == "aws_route53_resolver_endpoint" {
				text = label(named(strings.ToLower(str(r, "direction"))+" Resolver endpoint", n))
			}
			if o.tfType == "aws_vpc_endpoint" {
				switch typ := str(r, "vpc_endpoint_type"); typ {
				case "Gateway":
					nodeTier[""] = append(nodeTier[""], fmt.Sprintf("%s[(\"%s\")]", node, label(named("gateway endpoint", shortService(str(r, "service_name"))))))
					continue
				case "Resource":
					text = label(named("resource endpoint", n))
				case "ServiceNetwork":
					text = label(named("service network endpoint", n))
				default:
					text = label(named(strings.ToLower(typ)+" endpoint", shortService(str(r, "service_name"))))
				}
			}
			place(node, text, subnet)
		}
	}

	for _, vpc := range v.Names("aws_vpc") {
		w("  subgraph %s[\"VPC %s %s\"]\n", v.ids.get("vpc", vpc), label(vpc), label(str(v.Get("aws_vpc", vpc), "cidr_block")))
		for _, t := range v.tiers[vpc] {
			tid := tierID(t)
			w("    subgraph %s[\"%s tier (%s)\"]\n", tid, label(t.name), label(t.kind))
			sns := make([]string, len(t.cidrs))
			for i, c := range t.cidrs {
				sns[i] = label(c) + " " + label(t.azs[i])
			}
			w("      %s[\"%s\"]\n", v.ids.unique("subnets\x00"+t.vpc+"\x00"+t.name, tid+"_subnets", "_"), strings.Join(sns, "<br/>"))
			for _, l := range nodeTier[tid] {
				w("      %s\n", l)
			}
			w("    end\n")
		}
		w("  end\n")
	}
	for _, l := range nodeTier[""] {
		w("  %s\n", l)
	}

	edges := 0
	edge := func(format string, a ...any) {
		edges++
		w(format, a...)
	}
	for _, n := range v.Names("aws_vpclattice_resource_configuration") {
		c := v.Get("aws_vpclattice_resource_configuration", n)
		rc := v.ids.get("rc", n)
		w("  %s{{\"%s\"}}\n", rc, label(named("resource configuration", n)))
		if _, g, _, ok := Ref(c["resource_gateway_identifier"]); ok {
			edge("  %s --> %s\n", rc, v.ids.get("rgw", g))
		}
		if _, g, _, ok := Ref(c["resource_configuration_group_id"]); ok {
			edge("  %s --> %s\n", rc, v.ids.get("rc", g))
		}
		for _, d := range list(c, "resource_configuration_definition") {
			dm, _ := d.(map[string]any)
			for _, x := range list(dm, "ip_resource") {
				xm, _ := x.(map[string]any)
				if inst := v.instByIP[str(xm, "ip_address")]; inst != "" {
					edge("  %s -. \"names\" .-> %s\n", rc, v.ids.get("i", inst))
				}
			}
		}
	}
	for _, n := range v.Names("aws_vpc_endpoint") {
		e := v.Get("aws_vpc_endpoint", n)
		ep := v.ids.get("ep", n)
		if _, c, _, ok := Ref(e["resource_configuration_arn"]); ok {
			edge("  %s --> %s\n", ep, v.ids.get("rc", c))
		}
		if strings.Contains(str(e, "service_name"), "${") {
			edge("  %s -. \"PrivateLink to %s\" .-> %s((\"endpoint service in another stack\"))\n", ep, label(str(e, "service_region")), v.ids.unique("remote\x00"+n, "remote_"+ep, "_"))
		}
	}
	for _, n := range v.Names("aws_vpc_endpoint_service") {
		e := v.Get("aws_vpc_endpoint_service", n)
		svc := v.ids.get("svc", n)
		w("  %s[/\"%s\"/]\n", svc, label(named("endpoint service", n)))
		for _, l := range list(e, "network_load_balancer_arns") {
			if _, lb, _, ok := Ref(l); ok {
				edge("  %s --> %s\n", svc, v.ids.get("nlb", lb))
			}
		}
	}

	// Flows allowed by security groups: ingress rules, from the peer to
	// the group's owner; egress rules to a group are drawn from the
	// ingress side only, so each flow shows once. Invalid rules are not
	// in v.rules: they are listed under "Not in this report".
	var nodes, flows []string
	seen := map[string]bool{}
	cidrNode := func(cidr, text string) string {
		id := v.ids.get("net", cidr)
		if !seen[id] {
			seen[id] = true
			nodes = append(nodes, fmt.Sprintf("  %s([\"%s\"])", id, text))
		}
		return id
	}
	for _, r := range v.rules {
		var from, to string
		c := str(r.attrs, "cidr_ipv4")
		switch {
		case v.owners[r.group].node == "":
			continue // a group nothing in the diagram owns
		case !r.egress:
			to = v.owners[r.group].node
			if _, pg, _, ok := Ref(r.attrs["referenced_security_group_id"]); ok {
				from = v.owners[pg].node
			} else if c != "" {
				text := label(c)
				if vpc := v.vpcByCidr[c]; vpc != "" {
					text = "clients in VPC " + label(vpc)
				}
				from = cidrNode(c, text)
			} else if c6 := str(r.attrs, "cidr_ipv6"); c6 != "" {
				// A VPC's IPv6 block is the same clients as its IPv4
				// block: one node, one flow.
				if g := vpcIpv6.FindStringSubmatch(c6); g != nil {
					key, text := "vpc6:"+g[1], "clients in VPC "+label(g[1])
					if c4 := str(v.Get("aws_vpc", g[1]), "cidr_block"); c4 != "" && v.vpcByCidr[c4] == g[1] {
						key = c4
					}
					from = cidrNode(key, text)
				} else {
					from = cidrNode(c6, label(c6))
				}
			}
		default:
			from = v.owners[r.group].node
			ip, host := strings.CutSuffix(c, "/32")
			switch t, pl, _, ok := Ref(r.attrs["prefix_list_id"]); {
			case ok && t == "aws_vpc_endpoint":
				to = v.ids.get("ep", pl)
			case host && v.instByIP[ip] != "":
				to = v.ids.get("i", v.instByIP[ip])
			case host:
				to = cidrNode(c, label(ip))
			}
		}
		if from == "" || to == "" {
			continue
		}
		if e := fmt.Sprintf("  %s -- \"%s\" --> %s", from, label(r.ports.String()), to); !seen[e] {
			seen[e] = true
			flows = append(flows, e)
		}
	}
	// The hybrid link: the gateway, the VPN devices and Direct Connect
	// gateways behind it, and the networks a static connection routes.
	for _, n := range v.Names("aws_vpn_gateway") {
		gw := v.ids.get("vgw", n)
		nodes = append(nodes, fmt.Sprintf("  %s[/\"%s\"\\]", gw, label(named("virtual private gateway", n))))
		if _, vn, _, ok := Ref(v.Get("aws_vpn_gateway", n)["vpc_id"]); ok && v.Get("aws_vpc", vn) != nil {
			flows = append(flows, fmt.Sprintf("  %s --- %s", v.ids.get("vpc", vn), gw))
		}
		for _, c := range v.Names("aws_vpn_connection") {
			conn := v.Get("aws_vpn_connection", c)
			if !isRef(conn["vpn_gateway_id"], "aws_vpn_gateway", n) {
				continue
			}
			dev := v.ids.get("cgw", c)
			ip := ""
			if t, cg, _, ok := Ref(conn["customer_gateway_id"]); ok && t == "aws_customer_gateway" {
				ip = str(v.Get("aws_customer_gateway", cg), "ip_address")
			}
			nodes = append(nodes, fmt.Sprintf("  %s((\"%s\"))", dev, label("VPN device "+ip)))
			routing := "BGP"
			switch fmt.Sprint(conn["static_routes_only"]) {
			case "true":
				routing = "static"
			case "false", "<nil>":
			default:
				routing = "routing not known at synth"
			}
			flows = append(flows, fmt.Sprintf("  %s -- \"%s\" --- %s", gw, label("VPN "+c+" ("+routing+")"), dev))
			for _, r := range v.Names("aws_vpn_connection_route") {
				cr := v.Get("aws_vpn_connection_route", r)
				if isRef(cr["vpn_connection_id"], "aws_vpn_connection", c) {
					cidr := str(cr, "destination_cidr_block")
					flows = append(flows, fmt.Sprintf("  %s --- %s", dev, cidrNode(cidr, label(cidr))))
				}
			}
		}
		for _, d := range v.Names("aws_dx_gateway_association") {
			a := v.Get("aws_dx_gateway_association", d)
			if !isRef(a["associated_gateway_id"], "aws_vpn_gateway", n) {
				continue
			}
			dx := v.ids.get("dx", d)
			nodes = append(nodes, fmt.Sprintf("  %s((\"%s\"))", dx, label("Direct Connect gateway "+str(a, "dx_gateway_id"))))
			flows = append(flows, fmt.Sprintf("  %s -- \"Direct Connect\" --- %s", gw, dx))
		}
	}
	// Transit Gateways and the VPCs attached to them (a gateway of another
	// stack or account, known by its ID, as a node of its own), and VPC
	// peerings, the inter-region ones marked.
	remote := map[string]bool{}
	outside := func(kind string, ref any, words string) string {
		raw := shownPlain(ref)
		if t, n, _, ok := Ref(ref); ok {
			raw = t + "." + n
		} else if st, n, ok := v.remote(raw); ok {
			raw = n + " of stack " + st
		}
		id := v.ids.get(kind, "\x00"+raw)
		if !remote[id] {
			remote[id] = true
			nodes = append(nodes, fmt.Sprintf("  %s((\"%s\"))", id, label(words+" "+raw)))
		}
		return id
	}
	for _, n := range v.Names("aws_ec2_transit_gateway") {
		nodes = append(nodes, fmt.Sprintf("  %s{{\"%s\"}}", v.ids.get("tgw", n), label(named("Transit Gateway", n))))
	}
	inStack := func(ref any, tfType string) (string, bool) {
		t, n, _, ok := Ref(ref)
		return n, ok && t == tfType && v.Get(t, n) != nil
	}
	for _, n := range v.Names("aws_ec2_transit_gateway_vpc_attachment") {
		a := v.Get("aws_ec2_transit_gateway_vpc_attachment", n)
		vn, ok := inStack(a["vpc_id"], "aws_vpc")
		if !ok || a["transit_gateway_id"] == nil {
			continue
		}
		gw := ""
		if g, ok := inStack(a["transit_gateway_id"], "aws_ec2_transit_gateway"); ok {
			gw = v.ids.get("tgw", g)
		} else {
			gw = outside("tgw", a["transit_gateway_id"], "Transit Gateway")
		}
		flows = append(flows, fmt.Sprintf("  %s -- \"%s\" --- %s", v.ids.get("vpc", vn), label("attachment "+n), gw))
	}
	for _, n := range v.Names("aws_vpc_peering_connection") {
		p := v.Get("aws_vpc_peering_connection", n)
		from, ok := inStack(p["vpc_id"], "aws_vpc")
		if !ok || p["peer_vpc_id"] == nil {
			continue
		}
		words := "peering"
		if p["peer_region"] != nil && scalar(p["peer_region"]) != v.Region {
			words = "peering, inter-region"
		}
		to := ""
		if pv, ok := inStack(p["peer_vpc_id"], "aws_vpc"); ok {
			to = v.ids.get("vpc", pv)
		} else {
			to = outside("peervpc", p["peer_vpc_id"], "VPC")
		}
		flows = append(flows, fmt.Sprintf("  %s -- \"%s\" --- %s", v.ids.get("vpc", from), label(words), to))
	}
	// Forwarding rules: the domain, from the outbound endpoint to each
	// target.
	for _, n := range v.Names("aws_route53_resolver_rule") {
		r := v.Get("aws_route53_resolver_rule", n)
		t, out, _, ok := Ref(r["resolver_endpoint_id"])
		if !ok || t != "aws_route53_resolver_endpoint" || v.Get("aws_route53_resolver_endpoint", out) == nil {
			continue
		}
		for _, t := range list(r, "target_ip") {
			m, _ := t.(map[string]any)
			ip := str(m, "ip")
			if ip == "" {
				continue
			}
			flows = append(flows, fmt.Sprintf("  %s -. \"%s\" .-> %s", v.ids.get("dns", out), label("forwards "+str(r, "domain_name")), cidrNode(ip+"/32", label(ip))))
		}
	}
	sort.Strings(nodes)
	sort.Strings(flows)
	for _, l := range append(nodes, flows...) {
		w("%s\n", l)
	}
	return b.String(), edges + len(flows)
}
