package reach

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/privnet/privnet/tfjson"
)

// The hybrid link: a virtual private gateway attached to a VPC, the VPN
// connections and Direct Connect associations that bring on premises to
// it, the route tables that learn its routes, and the Route 53 Resolver
// inbound endpoints that on-premises DNS servers forward to.

type vgw struct {
	st    *stack
	addr  string
	vpc   *vpc
	f     fact
	conns []*vpnConn
	// dx are the Direct Connect gateway associations (BGP, always).
	dx []string
}

type vpnConn struct {
	addr   string
	static tri // static_routes_only
	routes []netip.Prefix
	f      fact
}

type resolverEP struct {
	st      *stack
	addr    string
	vpc     *vpc
	inbound bool
	subnets []*subnet
	subF    fact
	sgs     []*secGroup
	sgF     fact
}

// buildHybrid reads the gateways, their connections and propagation. It
// runs before the routes are read: a route to the gateway names it.
func (st *stack) buildHybrid(m *model) {
	attach := func(g *vgw, v any, what string) {
		s2, addr, _, f := m.resolve(st, v, what)
		switch {
		case f != "":
			g.f = f
		case s2.vpcs[addr] == nil:
			g.f = fmt.Sprintf("%s names %s, which is not a VPC of this app", what, addr)
		default:
			g.vpc = s2.vpcs[addr]
			g.vpc.vgws = append(g.vpc.vgws, g)
		}
	}
	st.each("aws_vpn_gateway", func(n string, a map[string]any) {
		g := &vgw{st: st, addr: "aws_vpn_gateway." + n, f: st.dyn["aws_vpn_gateway."+n]}
		st.vgws[g.addr] = g
		if a["vpc_id"] != nil && g.f == "" {
			attach(g, a["vpc_id"], "the VPC of "+g.addr)
		}
	})
	gateway := func(v any, what string) *vgw {
		if s2, addr, _, f := m.resolve(st, v, what); f == "" {
			return s2.vgws[addr]
		}
		return nil
	}
	st.each("aws_vpn_gateway_attachment", func(n string, a map[string]any) {
		if g := gateway(a["vpn_gateway_id"], "the gateway of aws_vpn_gateway_attachment."+n); g != nil && g.vpc == nil && g.f == "" {
			attach(g, a["vpc_id"], "the VPC of aws_vpn_gateway_attachment."+n)
		}
	})
	conns := map[string]*vpnConn{}
	st.each("aws_vpn_connection", func(n string, a map[string]any) {
		g := gateway(a["vpn_gateway_id"], "the gateway of aws_vpn_connection."+n)
		if g == nil {
			return // to a Transit Gateway, or a gateway not in this app
		}
		c := &vpnConn{addr: "aws_vpn_connection." + n, static: boolAttr(a, "static_routes_only", false), f: st.dyn["aws_vpn_connection."+n]}
		if c.static == unk && c.f == "" {
			c.f = "whether " + c.addr + " routes statically is not a literal value"
		}
		conns[c.addr] = c
		g.conns = append(g.conns, c)
	})
	st.each("aws_vpn_connection_route", func(n string, a map[string]any) {
		s2, addr, _, f := m.resolve(st, a["vpn_connection_id"], "the connection of aws_vpn_connection_route."+n)
		if f != "" || s2 != st || conns[addr] == nil {
			return
		}
		c := conns[addr]
		if p, ok := prefix(a["destination_cidr_block"]); ok && st.dyn["aws_vpn_connection_route."+n] == "" {
			c.routes = append(c.routes, p)
		} else if c.f == "" {
			c.f = "a static route of " + c.addr + " is not known at synth"
		}
	})
	st.each("aws_dx_gateway_association", func(n string, a map[string]any) {
		if g := gateway(a["associated_gateway_id"], "the gateway of aws_dx_gateway_association."+n); g != nil {
			g.dx = append(g.dx, "aws_dx_gateway_association."+n)
		}
	})
	st.each("aws_vpn_gateway_route_propagation", func(n string, a map[string]any) {
		g := gateway(a["vpn_gateway_id"], "the gateway of aws_vpn_gateway_route_propagation."+n)
		rt, f := m.tableRef(st, a["route_table_id"], "the table of aws_vpn_gateway_route_propagation."+n)
		if g != nil && f == "" && rt != nil {
			rt.propagated = append(rt.propagated, g)
		}
	})
	for _, typ := range []string{"aws_route_table", "aws_default_route_table"} {
		st.each(typ, func(n string, a map[string]any) {
			rt := st.rts[typ+"."+n]
			l, _ := a["propagating_vgws"].([]any)
			for _, v := range l {
				if g := gateway(v, "a propagating gateway of "+typ+"."+n); g != nil && rt != nil {
					rt.propagated = append(rt.propagated, g)
				}
			}
		})
	}
}

// buildResolvers reads the Resolver endpoints: after the subnets and
// security groups.
func (st *stack) buildResolvers(m *model) {
	st.each("aws_route53_resolver_endpoint", func(n string, a map[string]any) {
		r := &resolverEP{st: st, addr: "aws_route53_resolver_endpoint." + n, inbound: strings.EqualFold(tfjson.Str(a, "direction"), "INBOUND")}
		st.resolvers[r.addr] = r
		if !r.inbound {
			return // outbound endpoints carry the VPC's queries out: not a path of a need yet
		}
		blocks, _ := tfjson.Objects(a["ip_address"], "ip_address")
		for _, b := range blocks {
			s, f := st.subnetRef(m, b["subnet_id"], "a subnet of "+r.addr)
			if f != "" {
				r.subF = f
				continue
			}
			if !slices.Contains(r.subnets, s) {
				r.subnets = append(r.subnets, s)
			}
		}
		if len(blocks) == 0 && r.subF == "" {
			r.subF = "the IP addresses of " + r.addr + " are not literal blocks"
		}
		r.sgs, r.sgF = st.groupList(m, a, "security_group_ids", "the security groups of "+r.addr)
		if f := st.dyn[r.addr]; f != "" {
			r.subF = f
		}
		if len(r.subnets) > 0 && r.subnets[0].vpc != nil {
			r.vpc = r.subnets[0].vpc
			r.vpc.inbound = append(r.vpc.inbound, r)
		}
	})
}

// arrive is the way in for a network outside AWS: a virtual private
// gateway attached to its VPC, with a VPN connection or Direct Connect
// association that carries each of its CIDRs (a static connection only
// those in its static routes; BGP what on premises advertises, which the
// declaration stands for).
func (c *client) arrive() (*vgw, outcome) {
	v, x := c.extVPC, c.ext
	cidrs := strings.Join(x.CIDRs, ", ")
	if len(v.vgws) == 0 {
		if strings.HasPrefix(v.addr, "vpc-") {
			return nil, unknown(LinkHybrid, fmt.Sprintf("%s is imported, and the record does not say which gateway brings %s (%s) into it", v.addr, x.Name, cidrs))
		}
		c.hop("hybrid", v.addr, "no virtual private gateway is attached", no)
		return nil, broken(LinkHybrid, fmt.Sprintf("no virtual private gateway is attached to %s, so %s (%s) has no way into it", v.addr, x.Name, cidrs),
			"attach one with a VPN connection or a Direct Connect association (vpn.NewGateway with vpn.NewConnection or vpn.NewDirectConnect)")
	}
	g := v.vgws[0] // AWS attaches one gateway to a VPC at a time
	if g.f != "" {
		return g, unknown(LinkModel, g.f)
	}
	if len(g.conns) == 0 && len(g.dx) == 0 {
		c.hop("hybrid", g.addr, "no VPN connection or Direct Connect association", no)
		return g, broken(LinkHybrid, fmt.Sprintf("virtual private gateway %s has no VPN connection or Direct Connect association, so %s has no way in", g.addr, x.Name),
			"add a VPN connection (vpn.NewConnection) or a Direct Connect association (vpn.NewDirectConnect)")
	}
	var how []string
	for _, p := range c.prefixes() {
		v, h, o := g.learns(p)
		switch v {
		case no:
			c.hop("hybrid", g.addr, fmt.Sprintf("no connection carries %s", p), no)
			return g, o
		case unk:
			return g, o
		}
		if !slices.Contains(how, h) {
			how = append(how, h)
		}
	}
	c.hop("hybrid", g.addr, fmt.Sprintf("%s arrives by %s", x.Name, strings.Join(how, " and ")), yes)
	return g, pass
}

// learns tells whether the gateway knows the way to p, and how: a VPN
// connection with BGP or a Direct Connect association (on premises
// advertises its declared networks), or a static route of a connection.
func (g *vgw) learns(p netip.Prefix) (tri, string, outcome) {
	var unknownF fact
	for _, c := range g.conns {
		switch {
		case c.f != "":
			unknownF = c.f
		case c.static == no:
			return yes, c.addr + " (BGP)", pass
		default:
			for _, r := range c.routes {
				if covers(r, p) {
					return yes, c.addr + " (static route " + r.String() + ")", pass
				}
			}
		}
	}
	if len(g.dx) > 0 {
		return yes, g.dx[0] + " (Direct Connect, BGP)", pass
	}
	if unknownF != "" {
		return unk, "", unknown(LinkModel, unknownF)
	}
	return no, "", broken(LinkHybrid, fmt.Sprintf("the VPN connections of %s route statically, and none of their static routes covers %s, so the gateway sends it nothing", g.addr, p),
		"add the network to the connection's static routes (vpn.ConnectionProps.StaticRoutes, or declare it before the connection)")
}

func covers(outer, inner netip.Prefix) bool {
	return outer.Bits() <= inner.Bits() && outer.Contains(inner.Addr())
}

// returnRoute checks that each subnet routes the client's networks back
// through the gateway: a static route to it, or its propagated routes,
// whichever is the most specific route (a static one wins a tie).
func (c *client) returnRoute(g *vgw, subnets []*subnet) outcome {
	for _, s := range subnets {
		if s.rtF != "" {
			return unknown(LinkModel, s.rtF)
		}
		table := tableName(s)
		if s.rt == nil {
			table = "the VPC's main route table (AWS's, only the local route)"
		}
		for _, p := range c.prefixes() {
			if s.vpc != nil {
				for _, b := range s.vpc.cidrs {
					if b.Overlaps(p) {
						c.hop("return-route", table, fmt.Sprintf("%s overlaps %s: the local route takes it", p, b), no)
						return broken(LinkReturnRoute, fmt.Sprintf("%s (%s) overlaps %s's block %s, which the local route keeps in the VPC", c.ext.Name, p, s.vpc.addr, b), "renumber one of them")
					}
				}
			}
			var best *route
			if s.rt != nil {
				for i, r := range s.rt.routes {
					if r.dstPL != "" {
						continue
					}
					if r.f != "" && !r.dst.IsValid() {
						return unknown(LinkModel, r.f)
					}
					if covers(r.dst, p) && (best == nil || r.dst.Bits() > best.dst.Bits()) {
						best = &s.rt.routes[i]
					}
				}
			}
			// A more specific route inside p takes part of it.
			if s.rt != nil {
				for _, r := range s.rt.routes {
					if r.dst.IsValid() && r.f == "" && r.dst.Bits() > p.Bits() && p.Contains(r.dst.Addr()) && !(r.kind == "vgw" && r.vgw == g) {
						c.hop("return-route", table, fmt.Sprintf("%s to %s (%s)", r.dst, r.target, r.kind), no)
						return broken(LinkReturnRoute, fmt.Sprintf("%s sends part of %s (%s) to %s, not to %s", table, c.ext.Name, r.dst, r.target, g.addr),
							"remove that route, or send it to the virtual private gateway")
					}
				}
			}
			propagated := s.rt != nil && slices.Contains(s.rt.propagated, g)
			if propagated && (best == nil || best.dst.Bits() < p.Bits()) {
				// The gateway's routes for p are at least as specific as p
				// (it learns p itself, or a static route that covers it and
				// that the connection check found).
				c.hop("return-route", table, fmt.Sprintf("%s propagated from %s", p, g.addr), yes)
				continue
			}
			switch {
			case best == nil:
				c.hop("return-route", table, fmt.Sprintf("no route to %s", p), no)
				if len(s.st.looseRoutes) > 0 {
					return unknown(LinkModel, s.st.looseRoutes[0]+", and it may be the way back")
				}
				return broken(LinkReturnRoute, fmt.Sprintf("%s has no route back to %s (%s): neither propagation from %s nor a static route, in %s", s.addr, c.ext.Name, p, g.addr, table),
					"propagate the gateway's routes into that table (vpn.GatewayProps.PropagateTo), or route the network to the gateway (StaticTo)")
			case best.f != "":
				return unknown(LinkModel, best.f)
			case best.kind == "vgw" && best.vgw == g:
				c.hop("return-route", table, fmt.Sprintf("%s to %s", best.dst, g.addr), yes)
			default:
				c.hop("return-route", table, fmt.Sprintf("%s to %s (%s)", best.dst, best.target, best.kind), no)
				return broken(LinkReturnRoute, fmt.Sprintf("%s sends %s (%s) to %s by its route %s, not to %s", table, c.ext.Name, p, best.target, best.dst, g.addr),
					"route the network to the virtual private gateway, or propagate its routes into the table")
			}
		}
	}
	return pass
}

// inboundResolver is the DNS path of a client outside AWS that calls a
// service by its public name: its DNS servers forward the name to an
// inbound Resolver endpoint of the VPC, which answers from the endpoint's
// private DNS. It checks the endpoint has private DNS, the VPC answers,
// and one inbound endpoint admits the client on 53 with a way back.
func (c *client) inboundResolver(e *endpoint, hostname string) (string, outcome) {
	v := c.extVPC
	switch e.private {
	case no:
		return "", broken(LinkPrivateDNS, fmt.Sprintf("endpoint %s has private DNS off, so %s, resolving %s, gets the service's public addresses", e.addr, c.ext.Name, hostname),
			"turn on private DNS on the endpoint and forward the name to an inbound Resolver endpoint, or call the endpoint-specific DNS name (a need made with endpoints.ByEndpointName)")
	case unk:
		return "", unknown(LinkModel, fmt.Sprintf("whether %s has private DNS is not a literal value", e.addr))
	}
	if o := vpcResolves(v); o.v != yes {
		return "", o
	}
	switch v.dnsHostnames {
	case no:
		return "", broken(LinkVpcDNS, fmt.Sprintf("DNS hostnames are off in %s, so the private DNS of %s does not apply", v.addr, e.addr), "turn on DNS hostnames (enable_dns_hostnames) in the VPC")
	case unk:
		return "", unknown(LinkModel, v.dnsF)
	}
	if len(v.dnsOverride) > 0 {
		return "", unknown(LinkDHCP, v.dnsOverride[0])
	}
	if f := v.forwarded(hostname, hostname); f != "" {
		return "", unknown(LinkDHCP, f)
	}
	if len(v.inbound) == 0 {
		c.hop("dns", v.addr, "no Route 53 Resolver inbound endpoint", no)
		return "", broken(LinkResolver, fmt.Sprintf("%s has no Route 53 Resolver inbound endpoint, so the DNS servers of %s cannot ask it: %s resolves to the service's public addresses there, not to %s", v.addr, c.ext.Name, hostname, e.addr),
			fmt.Sprintf("add an inbound endpoint (resolver.NewInbound) that admits %s, and have its DNS servers forward %s to the endpoint's IPs", c.ext.Name, hostname))
	}
	var first *outcome
	for _, r := range v.inbound {
		// The queries come from the network's DNS servers: when the
		// endpoint admits only some addresses of the network (its
		// forwarders), they are the clients of this hop.
		fc := c
		if fwd := forwarders(r, c.prefixes()); len(fwd) > 0 {
			x := *c.ext
			x.CIDRs = fwd
			cp := *c
			cp.ext = &x
			fc = &cp
			c.note("dns", r.addr, fmt.Sprintf("the DNS servers of %s that the endpoint admits: %s", c.ext.Name, strings.Join(fwd, ", ")))
		}
		o := fc.eniPorts(r.addr, r.subnets, r.subF, r.sgs, r.sgF, []int{53})
		if o.v == yes {
			c.hop("dns", r.addr, fmt.Sprintf("%s forwards %s to inbound endpoint %s, which answers with the addresses of %s", c.ext.Name, hostname, r.addr, e.addr), yes)
			return r.addr, pass
		}
		if first == nil {
			first = &o
		}
	}
	return "", *first
}

// forwarders are the addresses inside the client's networks, narrower than
// them, that the endpoint's groups admit on TCP 53 (its on-premises DNS
// servers).
func forwarders(r *resolverEP, nets []netip.Prefix) []string {
	var out []string
	for _, g := range r.sgs {
		for _, rule := range g.ingress {
			if !rule.hasCIDR || rule.f != "" || !(rule.proto == "tcp" || rule.proto == "-1") || rule.from > 53 || rule.to < 53 {
				continue
			}
			for _, p := range nets {
				if covers(p, rule.cidr) && rule.cidr.Bits() > p.Bits() && !slices.Contains(out, rule.cidr.String()) {
					out = append(out, rule.cidr.String())
				}
			}
		}
	}
	return out
}

// fwdRule is a Resolver rule associated with a VPC: FORWARD sends the
// domain's queries to its targets, SYSTEM keeps them with the VPC resolver.
type fwdRule struct {
	domain string // lower case, no final dot; "" or "." is the root
	system bool
	addr   string
}

// forwarded says which Resolver rule sends name away from the VPC
// resolver, or "". Resolver uses the rule with the most specific domain; a
// private hosted zone (zone: an endpoint's private DNS, "" for none) acts
// as a rule of its own name, and a rule for the same name beats it
// (Route 53 Developer Guide, "Considerations when working with a private
// hosted zone").
func (v *vpc) forwarded(name, zone string) fact {
	name = strings.ToLower(strings.TrimSuffix(strings.TrimPrefix(name, "*."), "."))
	zone = strings.ToLower(strings.TrimSuffix(strings.TrimPrefix(zone, "*."), "."))
	var best *fwdRule
	for i, r := range v.rules {
		if !under(name, r.domain) {
			continue
		}
		if best == nil || labels(r.domain) > labels(best.domain) || labels(r.domain) == labels(best.domain) && !r.system {
			best = &v.rules[i]
		}
	}
	if best == nil || best.system {
		return ""
	}
	if zone != "" && under(name, zone) && labels(zone) > labels(best.domain) {
		return "" // the endpoint's zone is more specific
	}
	return fmt.Sprintf("Resolver rule %s forwards %s (its domain %s) to DNS servers outside the VPC, which answer instead of the VPC resolver", best.addr, name, quote(orDefault(best.domain, ".")))
}

func under(name, domain string) bool {
	return domain == "" || domain == "." || name == domain || strings.HasSuffix(name, "."+domain)
}

func labels(d string) int {
	if d == "" || d == "." {
		return 0
	}
	return strings.Count(d, ".") + 1
}
