package review

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/privnet/privnet/tfjson"
)

// hybrid writes the link to on premises and the Route 53 Resolver pieces:
// the virtual private gateway, its VPN connections and Direct Connect
// associations, which route tables learn its routes, the Resolver
// endpoints with their addresses and the ingress choice they make, the
// forwarding rules, and the path of S3 from on premises. Every value read
// from the JSON is escaped.
func hybrid(b *strings.Builder, v *view) {
	w := func(format string, a ...any) { fmt.Fprintf(b, format, a...) }
	gws, eps := v.Names("aws_vpn_gateway"), v.Names("aws_route53_resolver_endpoint")
	rules := v.Names("aws_route53_resolver_rule")
	if len(gws)+len(eps)+len(rules)+len(v.Names("aws_dx_gateway_association"))+len(v.Names("aws_vpn_connection")) == 0 {
		return
	}
	w("### Hybrid link and DNS\n\n")
	for _, n := range gws {
		g := v.Get("aws_vpn_gateway", n)
		vpc := "no VPC in this stack"
		if _, vn, _, ok := Ref(g["vpc_id"]); ok {
			vpc = "VPC " + code(vn)
		}
		for _, a := range v.Names("aws_vpn_gateway_attachment") {
			at := v.Get("aws_vpn_gateway_attachment", a)
			if isRef(at["vpn_gateway_id"], "aws_vpn_gateway", n) {
				if _, vn, _, ok := Ref(at["vpc_id"]); ok {
					vpc = "VPC " + code(vn) + " (by " + code(a) + ")"
				}
			}
		}
		asn := "AWS's default (64512)"
		if a := str(g, "amazon_side_asn"); a != "" {
			asn = text(a)
		}
		w("- virtual private gateway %s, attached to %s, Amazon-side ASN %s\n", code(n), vpc, asn)
		for _, c := range v.Names("aws_vpn_connection") {
			conn := v.Get("aws_vpn_connection", c)
			if !isRef(conn["vpn_gateway_id"], "aws_vpn_gateway", n) {
				continue
			}
			device := "a customer gateway not in this stack"
			if t, cg, _, ok := Ref(conn["customer_gateway_id"]); ok && t == "aws_customer_gateway" {
				cgw := v.Get("aws_customer_gateway", cg)
				device = fmt.Sprintf("customer gateway %s at %s", code(cg), text(str(cgw, "ip_address")))
				if a := str(cgw, "bgp_asn"); a != "" {
					device += ", ASN " + text(a)
				} else if a := str(cgw, "bgp_asn_extended"); a != "" {
					device += ", ASN " + text(a)
				}
			}
			routing := "BGP: the gateway sends the VPC's traffic to what the device advertises"
			if static := fmt.Sprint(conn["static_routes_only"]); static != "false" && static != "<nil>" && static != "true" {
				routing = "routing " + text(static) + " (not a literal value)"
			} else if static == "true" {
				var routes []string
				for _, r := range v.Names("aws_vpn_connection_route") {
					cr := v.Get("aws_vpn_connection_route", r)
					if isRef(cr["vpn_connection_id"], "aws_vpn_connection", c) {
						routes = append(routes, str(cr, "destination_cidr_block"))
					}
				}
				routing = "static routes " + orNoneWord(texts(routes))
			}
			w("  - Site-to-Site VPN connection %s to %s (two tunnels, each in its own AZ); %s\n", code(c), device, routing)
		}
		for _, d := range v.Names("aws_dx_gateway_association") {
			a := v.Get("aws_dx_gateway_association", d)
			if !isRef(a["associated_gateway_id"], "aws_vpn_gateway", n) {
				continue
			}
			w("  - Direct Connect association %s with Direct Connect gateway %s, allowed prefixes %s\n", code(d), text(str(a, "dx_gateway_id")), orNoneWord(texts(strs(list(a, "allowed_prefixes")))))
		}
		var tables []string
		for _, p := range v.Names("aws_vpn_gateway_route_propagation") {
			pr := v.Get("aws_vpn_gateway_route_propagation", p)
			if isRef(pr["vpn_gateway_id"], "aws_vpn_gateway", n) {
				if _, rt, _, ok := Ref(pr["route_table_id"]); ok {
					tables = append(tables, rt)
				}
			}
		}
		for _, typ := range []string{"aws_route_table", "aws_default_route_table"} {
			for _, rt := range v.Names(typ) {
				for _, pg := range list(v.Get(typ, rt), "propagating_vgws") {
					if isRef(pg, "aws_vpn_gateway", n) {
						tables = append(tables, rt)
					}
				}
			}
		}
		w("  - route tables that learn its routes (propagation): %s\n", codes(tables))
		var static []string
		for _, r := range v.Names("aws_route") {
			rr := v.Get("aws_route", r)
			if isRef(rr["gateway_id"], "aws_vpn_gateway", n) {
				_, rt, _, _ := Ref(rr["route_table_id"])
				static = append(static, fmt.Sprintf("%s in %s", text(str(rr, "destination_cidr_block")), code(rt)))
			}
		}
		for _, typ := range []string{"aws_route_table", "aws_default_route_table"} {
			for _, rt := range v.Names(typ) {
				for _, r := range list(v.Get(typ, rt), "route") {
					rr, _ := r.(map[string]any)
					if isRef(rr["gateway_id"], "aws_vpn_gateway", n) {
						static = append(static, fmt.Sprintf("%s in %s", text(str(rr, "destination_cidr_block")), code(rt)))
					}
				}
			}
		}
		if len(static) > 0 {
			w("  - static routes to it: %s\n", strings.Join(static, ", "))
		}
	}
	for _, n := range eps {
		e := v.Get("aws_route53_resolver_endpoint", n)
		var ips []string
		blocks, _ := objects(e["ip_address"], "ip_address")
		for _, m := range blocks {
			ip := str(m, "ip")
			if ip == "" {
				ip = "an address AWS picks"
			}
			ips = append(ips, fmt.Sprintf("%s (%s)", text(ip), text(v.subnetAz(m["subnet_id"]))))
		}
		dir := strings.ToLower(str(e, "direction"))
		what := dir
		if dir != "inbound" && dir != "outbound" {
			what = "direction " + text(str(e, "direction"))
		}
		w("- Resolver endpoint %s (%s): %s, security group %s\n", code(n), what, strings.Join(ips, ", "), codes(sgNames(list(e, "security_group_ids"))))
		if dir == "inbound" {
			w("  - %s\n", v.inboundChoice(e))
		}
	}
	for _, n := range rules {
		r := v.Get("aws_route53_resolver_rule", n)
		var targets []string
		for _, t := range list(r, "target_ip") {
			m, _ := t.(map[string]any)
			port := "53"
			if m["port"] != nil {
				port = "?"
				if n, err := strconv.Atoi(tfjson.Scalar(m["port"])); err == nil && n > 0 && n < 65536 {
					port = strconv.Itoa(n)
				}
			}
			targets = append(targets, str(m, "ip")+":"+port)
		}
		via := "no outbound endpoint in this stack"
		if _, o, _, ok := Ref(r["resolver_endpoint_id"]); ok {
			via = "outbound endpoint " + code(o)
		}
		var vpcs []string
		for _, a := range v.Names("aws_route53_resolver_rule_association") {
			as := v.Get("aws_route53_resolver_rule_association", a)
			if isRef(as["resolver_rule_id"], "aws_route53_resolver_rule", n) {
				_, vn, _, _ := Ref(as["vpc_id"])
				vpcs = append(vpcs, orText(vn, str(as, "vpc_id")))
			}
		}
		w("- Resolver rule %s (%s): %s and its subdomains go to %s through %s, for VPCs %s\n", code(n), text(strings.ToLower(str(r, "rule_type"))), code(str(r, "domain_name")),
			orNoneWord(texts(targets)), via, codes(vpcs))
	}
	v.s3Path(b)
	w("\n")
}

// inboundChoice says which ingress an inbound endpoint's group makes, and
// what it trades.
func (v *view) inboundChoice(e map[string]any) string {
	groups := sgNames(list(e, "security_group_ids"))
	var from []string
	open, openWhy, egressAll := false, "", map[string]bool{}
	for _, r := range v.rules {
		if !contains(groups, r.group) {
			continue
		}
		switch r.ports.proto {
		case "tcp", "udp", "6", "17", "-1":
		default:
			continue // ICMP and other protocols carry no DNS
		}
		c := str(r.attrs, "cidr_ipv4")
		all := r.ports.proto == "-1" || r.ports.from == -1 || r.ports.from == 0 && r.ports.to == 65535
		if r.egress {
			if c == "0.0.0.0/0" && all {
				egressAll[r.ports.proto] = true
			}
			continue
		}
		dns := r.ports.proto == "-1" || r.ports.from == -1 || r.ports.from <= 53 && 53 <= r.ports.to
		if !dns {
			continue
		}
		if c6 := str(r.attrs, "cidr_ipv6"); c == "" && c6 != "" {
			// An IPv6 network asks only an endpoint with IPv6 addresses
			// (privnet's are IPv4); it is listed as it is, even ::/0:
			// whether flows are tracked is decided per family.
			if t := strings.ToUpper(str(e, "resolver_endpoint_type")); t == "IPV6" || t == "DUALSTACK" {
				if !contains(from, c6) {
					from = append(from, c6)
				}
			}
			continue
		}
		if c == "0.0.0.0/0" {
			open = true
			if d := str(r.attrs, "description"); d != "" {
				openWhy = d
			}
			continue
		}
		if c != "" && !contains(from, c) {
			from = append(from, c)
		}
	}
	untracked := egressAll["-1"] || egressAll["udp"] && egressAll["tcp"]
	switch {
	case open && untracked:
		return "port 53 open to all addresses, and all egress, so AWS does not track the flows (Route 53 \"Resolver endpoint scaling\")" + optional(": ", text(openWhy))
	case open:
		return "port 53 open to all addresses, but egress is narrower than all traffic to all addresses, so AWS still tracks the flows (Route 53 \"Resolver endpoint scaling\")" + optional(": ", text(openWhy))
	}
	if len(from) == 0 {
		return "admits no address on 53: no DNS server can ask it"
	}
	return fmt.Sprintf("admits %s only: AWS tracks these connections, which can lower an IP's capacity to about 1,500 queries per second (Route 53 \"Resolver endpoint scaling\"); resolver.InboundProps.OpenIngress, with a reason, trades that for 53 open to all", texts(from))
}

func optional(sep, s string) string {
	if s == "" {
		return ""
	}
	return sep + s
}

// s3Path explains how S3 is reached when an S3 interface endpoint answers
// inbound resolvers only and an inbound endpoint is there to ask.
func (v *view) s3Path(b *strings.Builder) {
	inbound := false
	for _, n := range v.Names("aws_route53_resolver_endpoint") {
		inbound = inbound || strings.EqualFold(str(v.Get("aws_route53_resolver_endpoint", n), "direction"), "INBOUND")
	}
	for _, n := range v.Names("aws_vpc_endpoint") {
		e := v.Get("aws_vpc_endpoint", n)
		d, _ := e["dns_options"].(map[string]any)
		if str(e, "vpc_endpoint_type") != "Interface" || e["private_dns_enabled"] != true || d["private_dns_only_for_inbound_resolver_endpoint"] != true {
			continue
		}
		svc := shortService(str(e, "service_name"))
		if inbound {
			fmt.Fprintf(b, "- The path of %s: on premises resolves the service's name through the inbound endpoint and gets interface endpoint %s, whose private DNS answers inbound resolvers only; clients in the VPC resolve the public name and use the gateway endpoint in their route table\n", text(svc), code(n))
		} else {
			fmt.Fprintf(b, "- The path of %s: interface endpoint %s answers inbound resolvers only, and this stack has no inbound endpoint: on premises must call the endpoint-specific DNS name\n", text(svc), code(n))
		}
	}
}

func orNoneWord(s string) string {
	if s == "" || s == "—" {
		return "none"
	}
	return s
}

func orText(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func strs(l []any) []string {
	var out []string
	for _, x := range l {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// isRef tells whether v refers to the resource name of type tfType.
func isRef(v any, tfType, name string) bool {
	t, n, _, ok := Ref(v)
	return ok && t == tfType && n == name
}
