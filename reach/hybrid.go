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
	// dx are the Direct Connect gateway associations (BGP, always) that
	// advertise the VPC; dxF why one cannot be known, dxBad why one
	// advertises nothing.
	dx         []string
	dxF, dxBad fact
	// dxAllowed: the allowed prefixes given (nil: the VPC's blocks).
	dxAllowed []netip.Prefix
	// edgeF: a route table associated with the gateway itself (ingress
	// routing), which privnet does not follow.
	edgeF fact
}

type vpnConn struct {
	addr   string
	static tri // static_routes_only
	routes []netip.Prefix
	// local is the on-premises traffic selector (local_ipv4_network_cidr;
	// AWS's default 0.0.0.0/0 when not set).
	local netip.Prefix
	f     fact
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
	// notDo53: the endpoint does not answer plain DNS (its protocols).
	notDo53 string
}

// buildGateways makes every virtual private gateway of the stack, before
// any stack's hybrid pieces are read.
func (st *stack) buildGateways() {
	st.each("aws_vpn_gateway", func(n string, a map[string]any) {
		st.vgws["aws_vpn_gateway."+n] = &vgw{st: st, addr: "aws_vpn_gateway." + n, f: st.dyn["aws_vpn_gateway."+n]}
	})
}

// buildHybrid reads the gateways, their connections and propagation. It
// runs before the routes are read: a route to the gateway names it. A
// piece whose references cannot be followed is a loose fact of the app:
// a path that finds no gateway, connection or propagation is then
// unknown, not broken.
//
// It runs in four passes over every stack, so that references across
// stacks find what they name whatever the stacks' names: 1, the gateways'
// VPCs; 2, attachments; 3, connections, Direct Connect, propagation; 4,
// the connections' static routes.
func (st *stack) buildHybrid(m *model, pass int) {
	loose := func(f fact) { st.looseHybrid = append(st.looseHybrid, f) }
	// looseIn keeps a fact with the VPC it concerns, when that is known.
	looseIn := func(v *vpc, f fact) {
		if v == nil {
			loose(f)
			return
		}
		v.looseHybrid = append(v.looseHybrid, f)
	}
	vpcOf := func(ref any) *vpc {
		if s2, addr, _, f := m.resolve(st, ref, "a VPC"); f == "" {
			return s2.vpcs[addr]
		}
		return nil
	}
	attach := func(g *vgw, v any, what string) {
		s2, addr, _, f := m.resolve(st, v, what)
		switch {
		case f != "":
			loose(f)
		case s2.vpcs[addr] == nil:
			loose(fmt.Sprintf("%s names %s, which is not a VPC of this app", what, addr))
		case g.vpc == s2.vpcs[addr]:
			// attached already (by its vpc_id and an attachment)
		case g.vpc != nil:
			looseIn(s2.vpcs[addr], fmt.Sprintf("%s is attached to %s and, by %s, to %s: AWS attaches it once", g.addr, g.vpc.addr, what, addr))
		default:
			g.vpc = s2.vpcs[addr]
			g.vpc.vgws = append(g.vpc.vgws, g)
		}
	}
	// gateway follows a reference to a gateway: nil and no fact when it
	// names something else (a Transit Gateway), nil and a fact when it
	// cannot be followed.
	gateway := func(v any, what string) (*vgw, fact) {
		s2, addr, _, f := m.resolve(st, v, what)
		switch {
		case f != "":
			return nil, f
		case s2.vgws[addr] != nil:
			return s2.vgws[addr], ""
		case strings.HasPrefix(addr, "aws_vpn_gateway."):
			return nil, fmt.Sprintf("%s names %s, which is not a gateway of this app", what, addr)
		}
		return nil, ""
	}
	if pass == 1 {
		// Every stack's gateways exist before this runs (buildGateways), so a
		// reference from another stack finds them whatever the stacks' names.
		st.each("aws_vpn_gateway", func(n string, a map[string]any) {
			g := st.vgws["aws_vpn_gateway."+n]
			switch {
			case g.f != "":
				looseIn(vpcOf(a["vpc_id"]), g.f)
			case a["vpc_id"] != nil:
				attach(g, a["vpc_id"], "the VPC of "+g.addr)
			}
		})
		return
	}
	if pass == 2 {
		st.each("aws_vpn_gateway_attachment", func(n string, a map[string]any) {
			addr := "aws_vpn_gateway_attachment." + n
			g, f := gateway(a["vpn_gateway_id"], "the gateway of "+addr)
			switch {
			case st.dyn[addr] != "":
				looseIn(vpcOf(a["vpc_id"]), st.dyn[addr])
			case f != "" || g == nil:
				looseIn(vpcOf(a["vpc_id"]), orDefault(f, addr+" attaches a gateway privnet cannot follow"))
			case g.vpc == nil && g.f == "":
				attach(g, a["vpc_id"], "the VPC of "+addr)
			}
		})
		return
	}
	if pass == 4 {
		st.each("aws_vpn_connection_route", func(n string, a map[string]any) {
			addr := "aws_vpn_connection_route." + n
			s2, caddr, _, f := m.resolve(st, a["vpn_connection_id"], "the connection of "+addr)
			if f != "" {
				loose(f)
				return
			}
			c := s2.conns[caddr]
			if c == nil {
				return // a connection to a Transit Gateway
			}
			if p, ok := prefix(a["destination_cidr_block"]); ok && st.dyn[addr] == "" {
				c.routes = append(c.routes, p)
			} else if c.f == "" {
				c.f = "a static route of " + c.addr + " is not known at synth"
			}
		})
		return
	}
	st.each("aws_vpn_connection", func(n string, a map[string]any) {
		addr := "aws_vpn_connection." + n
		g, f := gateway(a["vpn_gateway_id"], "the gateway of "+addr)
		if g == nil {
			if f != "" && a["transit_gateway_id"] == nil {
				loose(f)
			}
			return // to a Transit Gateway, or a gateway not in this app
		}
		c := &vpnConn{addr: addr, static: boolAttr(a, "static_routes_only", false), f: st.dyn[addr]}
		if c.static == unk && c.f == "" {
			c.f = "whether " + c.addr + " routes statically is not a literal value"
		}
		if v, ok := a["local_ipv4_network_cidr"]; ok && v != nil && v != "" {
			if p, ok := prefix(v); ok {
				c.local = p
			} else if c.f == "" {
				c.f = "the on-premises traffic selector (local_ipv4_network_cidr) of " + c.addr + " is not a literal CIDR"
			}
		}
		if v, ok := a["remote_ipv4_network_cidr"]; ok && v != nil && v != "" {
			if p, ok := prefix(v); !ok || p.Bits() != 0 {
				if c.f == "" {
					c.f = "the AWS-side traffic selector (remote_ipv4_network_cidr) of " + c.addr + " limits what the tunnels carry, which privnet does not follow"
				}
			}
		}
		st.conns[c.addr] = c
		g.conns = append(g.conns, c)
	})
	st.each("aws_dx_gateway_association", func(n string, a map[string]any) {
		addr := "aws_dx_gateway_association." + n
		g, f := gateway(a["associated_gateway_id"], "the gateway of "+addr)
		if g == nil {
			if f != "" {
				loose(f)
			}
			return
		}
		if st.dyn[addr] != "" {
			g.dxF = st.dyn[addr]
			return
		}
		// AWS advertises the VPC's blocks only when the allowed prefixes
		// are the same or wider (Direct Connect User Guide, "Allowed
		// prefixes interactions"); none given is the VPC's blocks.
		if l, ok := a["allowed_prefixes"]; ok && l != nil {
			list, _ := l.([]any)
			var allowed []netip.Prefix
			for _, x := range list {
				if p, ok := prefix(x); ok {
					allowed = append(allowed, p)
				} else {
					g.dxF = "an allowed prefix of " + addr + " is not a literal CIDR"
					return
				}
			}
			if _, isList := l.([]any); !isList {
				g.dxF = "the allowed prefixes of " + addr + " are not a literal list"
				return
			}
			if g.vpc == nil {
				g.dxF = "the VPC of " + g.addr + " is not known, so which of its blocks " + addr + " advertises is not"
				return
			}
			if g.vpc.cidrF != "" {
				g.dxF = g.vpc.cidrF
				return
			}
			any := false
			for _, b := range g.vpc.cidrs {
				for _, p := range allowed {
					any = any || covers(p, b)
				}
			}
			if !any {
				g.dxBad = fmt.Sprintf("the allowed prefixes of %s cover none of %s's blocks, so Direct Connect advertises nothing of it", addr, g.vpc.addr)
				return
			}
			g.dxAllowed = append(g.dxAllowed, allowed...)
		}
		g.dx = append(g.dx, addr)
	})
	// A proposal: the Direct Connect gateway's owner accepts it in another
	// account, which this app does not show.
	st.each("aws_dx_gateway_association_proposal", func(n string, a map[string]any) {
		addr := "aws_dx_gateway_association_proposal." + n
		if g, f := gateway(a["associated_gateway_id"], "the gateway of "+addr); g != nil {
			g.dxF = fmt.Sprintf("%s proposes a Direct Connect association of %s, which the Direct Connect gateway's owner accepts in its own account", addr, g.addr)
		} else if f != "" {
			loose(f)
		}
	})
	st.each("aws_vpn_gateway_route_propagation", func(n string, a map[string]any) {
		addr := "aws_vpn_gateway_route_propagation." + n
		g, gf := gateway(a["vpn_gateway_id"], "the gateway of "+addr)
		rt, f := m.tableRef(st, a["route_table_id"], "the table of "+addr)
		var v *vpc
		switch {
		case rt != nil && f == "":
			v = rt.vpc
		case g != nil:
			v = g.vpc
		}
		switch {
		case st.dyn[addr] != "":
			looseIn(v, st.dyn[addr])
		case f != "" || gf != "":
			looseIn(v, orDefault(f, gf))
		case g != nil && rt != nil:
			rt.propagated = append(rt.propagated, g)
		}
	})
	for _, typ := range []string{"aws_route_table", "aws_default_route_table"} {
		st.each(typ, func(n string, a map[string]any) {
			rt := st.rts[typ+"."+n]
			v, ok := a["propagating_vgws"]
			if !ok || v == nil || rt == nil {
				return
			}
			l, isList := v.([]any)
			if !isList {
				loose("the propagating gateways of " + typ + "." + n + " are not a literal list")
				return
			}
			for _, x := range l {
				g, f := gateway(x, "a propagating gateway of "+typ+"."+n)
				if f != "" {
					loose(f)
				} else if g != nil {
					rt.propagated = append(rt.propagated, g)
				}
			}
		})
	}
	// A route table associated with the gateway routes what arrives
	// (ingress routing): not followed.
	st.each("aws_route_table_association", func(n string, a map[string]any) {
		if a["gateway_id"] == nil {
			return
		}
		if g, f := gateway(a["gateway_id"], "the gateway of aws_route_table_association."+n); g != nil {
			g.edgeF = fmt.Sprintf("route table association aws_route_table_association.%s routes what arrives at %s (ingress routing), which privnet does not follow", n, g.addr)
		} else if f != "" {
			// It may be an internet gateway's: a fact of the table's VPC.
			if rt, tf := m.tableRef(st, a["route_table_id"], "the table of aws_route_table_association."+n); tf == "" && rt != nil {
				looseIn(rt.vpc, f)
			} else {
				loose(f)
			}
		}
	})
}

// buildResolvers reads the Resolver endpoints: after the subnets and
// security groups.
func (st *stack) buildResolvers(m *model) {
	st.each("aws_route53_resolver_endpoint", func(n string, a map[string]any) {
		r := &resolverEP{st: st, addr: "aws_route53_resolver_endpoint." + n}
		st.resolvers[r.addr] = r
		// A resolver that cannot be placed is a fact of the VPC its
		// subnets name, when they can be followed, else of the app.
		looseR := func(f fact) {
			blocks, _ := tfjson.Objects(a["ip_address"], "ip_address")
			for _, b := range blocks {
				if s, sf := st.subnetRef(m, b["subnet_id"], "a subnet of "+r.addr); sf == "" && s.vpc != nil {
					s.vpc.looseResolvers = append(s.vpc.looseResolvers, f)
					return
				}
			}
			st.looseResolvers = append(st.looseResolvers, f)
		}
		if f := st.dyn[r.addr]; f != "" {
			looseR(f)
			return
		}
		dir, _ := a["direction"].(string)
		switch {
		case strings.EqualFold(dir, "INBOUND"):
			r.inbound = true
		case strings.EqualFold(dir, "OUTBOUND"):
			return // outbound endpoints carry the VPC's queries out: not a path of a need yet
		default:
			looseR(fmt.Sprintf("the direction of %s is not a literal INBOUND or OUTBOUND", r.addr))
			return
		}
		if v, ok := a["protocols"]; ok && v != nil {
			l, isList := v.([]any)
			do53 := isList && len(l) == 0
			var names []string
			for _, x := range l {
				names = append(names, fmt.Sprint(x))
				do53 = do53 || strings.EqualFold(fmt.Sprint(x), "Do53")
			}
			switch {
			case !isList:
				looseR("the protocols of " + r.addr + " are not a literal list")
				return
			case !do53:
				r.notDo53 = fmt.Sprintf("%s answers %s only, not plain DNS (Do53), which on-premises forwarders send", r.addr, quote(strings.Join(names, ", ")))
			}
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
		switch {
		case len(r.subnets) > 0 && r.subnets[0].vpc != nil:
			r.vpc = r.subnets[0].vpc
			r.vpc.inbound = append(r.vpc.inbound, r)
		default:
			st.looseResolvers = append(st.looseResolvers, orDefault(r.subF, "the VPC of "+r.addr+" cannot be followed"))
		}
	})
}

// looseHybridFor is the first hybrid piece that could not be placed and
// may concern v: one of v's own, else one that concerns no known VPC (the
// stacks' in name order). looseResolversFor is the same for Resolver
// endpoints.
func (m *model) looseHybridFor(v *vpc) fact {
	return m.firstLoose(v, func(v *vpc) []fact { return v.looseHybrid }, func(s *stack) []fact { return s.looseHybrid })
}

func (m *model) looseResolversFor(v *vpc) fact {
	return m.firstLoose(v, func(v *vpc) []fact { return v.looseResolvers }, func(s *stack) []fact { return s.looseResolvers })
}

func (m *model) firstLoose(v *vpc, own func(*vpc) []fact, app func(*stack) []fact) fact {
	if v != nil {
		if l := own(v); len(l) > 0 {
			return l[0]
		}
	}
	for _, n := range tfjson.SortedKeys(m.stacks) {
		if l := app(m.stacks[n]); len(l) > 0 {
			return l[0]
		}
	}
	return ""
}

// arrive is the way in for a network outside AWS: a virtual private
// gateway attached to its VPC, with a VPN connection or Direct Connect
// association that carries each of its CIDRs (a static connection only
// those its static routes cover; BGP what on premises advertises, which
// the declaration stands for).
func (c *client) arrive() (*vgw, outcome) {
	v, x := c.extVPC, c.ext
	cidrs := strings.Join(x.CIDRs, ", ")
	if f := c.extF(); f != "" {
		return nil, unknown(LinkModel, f)
	}
	if len(v.vgws) == 0 {
		if strings.HasPrefix(v.addr, "vpc-") {
			return nil, unknown(LinkHybrid, fmt.Sprintf("%s is imported, and the record does not say which gateway brings %s (%s) into it", v.addr, x.Name, cidrs))
		}
		if f := c.st.m.looseHybridFor(v); f != "" {
			return nil, unknown(LinkModel, f+", and it may be the way in")
		}
		c.hop("hybrid", v.addr, "no virtual private gateway is attached", no)
		return nil, broken(LinkHybrid, fmt.Sprintf("no virtual private gateway is attached to %s, so %s (%s) has no way into it", v.addr, x.Name, cidrs),
			"attach one with a VPN connection or a Direct Connect association (vpn.NewGateway with vpn.NewConnection or vpn.NewDirectConnect)")
	}
	if len(v.vgws) > 1 {
		return nil, unknown(LinkModel, fmt.Sprintf("%s has %d virtual private gateways, and AWS attaches one at a time", v.addr, len(v.vgws)))
	}
	g := v.vgws[0]
	switch {
	case g.f != "":
		return g, unknown(LinkModel, g.f)
	case g.edgeF != "":
		return g, unknown(LinkModel, g.edgeF)
	}
	if len(g.conns) == 0 && len(g.dx) == 0 {
		switch {
		case g.dxF != "":
			return g, unknown(LinkModel, g.dxF)
		case c.st.m.looseHybridFor(v) != "":
			return g, unknown(LinkModel, c.st.m.looseHybridFor(v)+", and it may connect "+g.addr)
		case g.dxBad != "":
			c.hop("hybrid", g.addr, g.dxBad, no)
			return g, broken(LinkHybrid, g.dxBad, "allow the VPC's blocks, or wider prefixes that hold them, in the association's allowed prefixes")
		}
		c.hop("hybrid", g.addr, "no VPN connection or Direct Connect association", no)
		return g, broken(LinkHybrid, fmt.Sprintf("virtual private gateway %s has no VPN connection or Direct Connect association, so %s has no way in", g.addr, x.Name),
			"add a VPN connection (vpn.NewConnection) or a Direct Connect association (vpn.NewDirectConnect)")
	}
	var how []string
	for _, p := range c.prefixes() {
		_, h, o := g.learns(p, c.st.m)
		if o.v != yes {
			if o.v == no {
				c.hop("hybrid", g.addr, fmt.Sprintf("no connection carries %s", p), no)
			}
			return g, o
		}
		if !slices.Contains(how, h) {
			how = append(how, h)
		}
	}
	c.hop("hybrid", g.addr, fmt.Sprintf("%s arrives by %s", x.Name, strings.Join(how, " and ")), yes)
	return g, pass
}

// extF says why the external network's addresses cannot be known: a CIDR
// that does not parse (a variable), or none.
func (c *client) extF() fact {
	if len(c.ext.CIDRs) == 0 {
		return fmt.Sprintf("%s names no CIDR", c.ext.Name)
	}
	for _, s := range c.ext.CIDRs {
		if _, ok := prefix(s); !ok {
			return fmt.Sprintf("the CIDR %s of %s is not known at synth", quote(s), c.ext.Name)
		}
	}
	return ""
}

// learns tells how the gateway knows the way to p, and the prefixes it
// propagates for it: with BGP (a VPN connection or Direct Connect) p
// itself, which on premises advertises; with static routing the static
// routes that cover p, together (their union must hold p).
func (g *vgw) learns(p netip.Prefix, m *model) ([]netip.Prefix, string, outcome) {
	var unknownF fact
	var static []netip.Prefix
	var staticBy []string
	for _, c := range g.conns {
		switch {
		case c.f != "":
			unknownF = c.f
			continue
		case c.local.IsValid() && !covers(c.local, p):
			continue // the tunnels carry only the local traffic selector
		case c.static == no:
			return []netip.Prefix{p}, c.addr + " (BGP)", pass
		}
		for _, r := range c.routes {
			if r.Overlaps(p) {
				static = append(static, r)
				if !slices.Contains(staticBy, c.addr) {
					staticBy = append(staticBy, c.addr)
				}
			}
		}
	}
	if len(g.dx) > 0 {
		return []netip.Prefix{p}, g.dx[0] + " (Direct Connect, BGP)", pass
	}
	if unionCovers(static, p) {
		var rs []string
		for _, r := range static {
			rs = append(rs, r.String())
		}
		return static, strings.Join(staticBy, ", ") + " (static routes " + strings.Join(rs, ", ") + ")", pass
	}
	switch {
	case unknownF != "":
		return nil, "", unknown(LinkModel, unknownF)
	case g.dxF != "":
		return nil, "", unknown(LinkModel, g.dxF)
	case m.looseHybridFor(g.vpc) != "":
		return nil, "", unknown(LinkModel, m.looseHybridFor(g.vpc)+", and it may route "+p.String())
	}
	return nil, "", broken(LinkHybrid, fmt.Sprintf("the VPN connections of %s route statically (or select other traffic), and their static routes do not cover %s, so the gateway sends it nothing", g.addr, p),
		"add the network to the connection's static routes (vpn.ConnectionProps.StaticRoutes, or declare it with network.NewExternal)")
}

func covers(outer, inner netip.Prefix) bool {
	return outer.Bits() <= inner.Bits() && outer.Contains(inner.Addr())
}

// unionCovers tells whether the prefixes together hold every address of p.
func unionCovers(ps []netip.Prefix, p netip.Prefix) bool {
	lo, hi := span(p)
	type iv struct{ lo, hi uint64 }
	var ivs []iv
	for _, q := range ps {
		a, b := span(q)
		ivs = append(ivs, iv{max(a, lo), min(b, hi)})
	}
	slices.SortFunc(ivs, func(x, y iv) int {
		switch {
		case x.lo < y.lo:
			return -1
		case x.lo > y.lo:
			return 1
		}
		return 0
	})
	next := lo
	for _, i := range ivs {
		if i.lo > i.hi {
			continue
		}
		if i.lo > next {
			return false
		}
		if i.hi+1 > next {
			next = i.hi + 1
		}
		if next > hi {
			return true
		}
	}
	return next > hi
}

// span is the first and last address of an IPv4 prefix, as numbers.
func span(p netip.Prefix) (uint64, uint64) {
	a := p.Masked().Addr().As4()
	first := uint64(a[0])<<24 | uint64(a[1])<<16 | uint64(a[2])<<8 | uint64(a[3])
	return first, first + (uint64(1) << (32 - p.Bits())) - 1
}

// returnRoute checks that each subnet routes the client's networks back
// through the gateway. The network is cut at every boundary of the
// table's routes and the gateway's propagated prefixes; in each piece the
// most specific route decides, and a table route beats a propagated one
// of the same length (Amazon VPC User Guide, "Route priority").
func (c *client) returnRoute(g *vgw, subnets []*subnet) outcome {
	for _, s := range subnets {
		if s.rtF != "" {
			return unknown(LinkModel, s.rtF)
		}
		table := tableName(s)
		if s.rt == nil {
			table = "the VPC's main route table (AWS's, only the local route)"
		}
		if o := g.advertises(s); o.v != yes {
			return o
		}
		for _, p := range c.prefixes() {
			if o := c.returnPrefix(g, s, table, p); o.v != yes {
				return o
			}
		}
	}
	return pass
}

func (c *client) returnPrefix(g *vgw, s *subnet, table string, p netip.Prefix) outcome {
	if s.vpc != nil {
		for _, b := range s.vpc.cidrs {
			if b.Overlaps(p) {
				c.hop("return-route", table, fmt.Sprintf("%s overlaps %s: the local route takes it", p, b), no)
				return broken(LinkReturnRoute, fmt.Sprintf("%s (%s) overlaps %s's block %s, which the local route keeps in the VPC", c.ext.Name, p, s.vpc.addr, b), "renumber one of them")
			}
		}
	}
	var routes []route
	if s.rt != nil {
		routes = s.rt.routes
	}
	for _, r := range routes {
		switch {
		case r.dstPL != "":
			// A prefix list: a customer-managed one may hold on-premises
			// networks. (Gateway endpoints' routes are not aws_route.)
			return unknown(LinkModel, fmt.Sprintf("%s routes prefix list %s to %s, whose addresses privnet cannot know", table, quote(r.dstPL), r.target))
		case r.f != "" && (!r.dst.IsValid() || r.dst.Overlaps(p)):
			return unknown(LinkModel, r.f)
		}
	}
	var learned []netip.Prefix
	if s.rt != nil && slices.Contains(s.rt.propagated, g) {
		l, _, o := g.learns(p, c.st.m)
		if o.v != yes {
			return o
		}
		learned = l
	}
	// Cut p at every boundary that falls inside it.
	lo, hi := span(p)
	cuts := []uint64{lo, hi + 1}
	cut := func(q netip.Prefix) {
		a, b := span(q)
		for _, x := range []uint64{a, b + 1} {
			if x > lo && x <= hi {
				cuts = append(cuts, x)
			}
		}
	}
	for _, r := range routes {
		if r.dst.IsValid() && r.dstPL == "" {
			cut(r.dst)
		}
	}
	for _, q := range learned {
		cut(q)
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	var via []string
	for i := 0; i+1 < len(cuts); i++ {
		at := cuts[i]
		// The most specific table route and propagated prefix holding at.
		var best *route
		for j, r := range routes {
			if r.dst.IsValid() && r.dstPL == "" && holds(r.dst, at) && (best == nil || r.dst.Bits() > best.dst.Bits()) {
				best = &routes[j]
			}
		}
		learnedBits := -1
		for _, q := range learned {
			if holds(q, at) && q.Bits() > learnedBits {
				learnedBits = q.Bits()
			}
		}
		piece := ""
		if len(cuts) > 2 {
			piece = ", from " + addrOf(at).String()
		}
		switch {
		case learnedBits >= 0 && (best == nil || learnedBits > best.dst.Bits()):
			via = append(via, "propagated from "+g.addr)
		case best != nil && best.kind == "vgw" && best.vgw == g:
			via = append(via, fmt.Sprintf("%s to %s", best.dst, g.addr))
		case best == nil:
			c.hop("return-route", table, fmt.Sprintf("no route to %s", p), no)
			if len(s.st.looseRoutes) > 0 {
				return unknown(LinkModel, s.st.looseRoutes[0]+", and it may be the way back")
			}
			if f := c.st.m.looseHybridFor(s.vpc); f != "" {
				return unknown(LinkModel, f+", and it may be the way back")
			}
			return broken(LinkReturnRoute, fmt.Sprintf("%s has no route back to %s (%s%s): neither propagation from %s nor a static route, in %s", s.addr, c.ext.Name, p, piece, g.addr, table),
				"propagate the gateway's routes into that table (vpn.GatewayProps.PropagateTo), or route the network to the gateway (StaticTo)")
		default:
			if len(s.st.looseRoutes) > 0 {
				return unknown(LinkModel, s.st.looseRoutes[0]+", and it may be the way back")
			}
			if f := c.st.m.looseHybridFor(s.vpc); f != "" && learnedBits < 0 {
				return unknown(LinkModel, f+", and it may be the way back")
			}
			c.hop("return-route", table, fmt.Sprintf("%s to %s (%s)", best.dst, best.target, best.kind), no)
			if best.dst.Bits() > p.Bits() {
				return broken(LinkReturnRoute, fmt.Sprintf("%s sends part of %s (%s) to %s, not to %s", table, c.ext.Name, best.dst, best.target, g.addr),
					"remove that route, or send it to the virtual private gateway")
			}
			return broken(LinkReturnRoute, fmt.Sprintf("%s sends %s (%s) to %s by its route %s, not to %s", table, c.ext.Name, p, best.target, best.dst, g.addr),
				"route the network to the virtual private gateway, or propagate its routes into the table")
		}
	}
	slices.Sort(via)
	c.hop("return-route", table, fmt.Sprintf("%s: %s", p, strings.Join(slices.Compact(via), "; ")), yes)
	return pass
}

// holds tells whether the prefix holds the address (as a number).
func holds(q netip.Prefix, at uint64) bool {
	a, b := span(q)
	return a <= at && at <= b
}

func addrOf(at uint64) netip.Addr {
	return netip.AddrFrom4([4]byte{byte(at >> 24), byte(at >> 16), byte(at >> 8), byte(at)})
}

// advertises tells whether on premises learns the subnet's addresses: a
// gateway that arrives by Direct Connect only advertises the VPC blocks
// its allowed prefixes cover (Direct Connect User Guide, "Allowed
// prefixes interactions").
func (g *vgw) advertises(s *subnet) outcome {
	if len(g.conns) > 0 || g.dxAllowed == nil || !s.cidr.IsValid() {
		return pass
	}
	for _, a := range g.dxAllowed {
		for _, b := range g.vpc.cidrs {
			if covers(a, b) && b.Overlaps(s.cidr) {
				return pass
			}
		}
	}
	return broken(LinkHybrid, fmt.Sprintf("the allowed prefixes of %s cover no VPC block that holds %s (%s), so Direct Connect does not advertise it on premises", g.dx[0], s.addr, s.cidr),
		"allow the VPC block of that subnet, or a wider prefix that holds it, in the association's allowed prefixes")
}

// inboundResolver is the DNS path of a client outside AWS that calls a
// service by its public name: its DNS servers forward the name to an
// inbound Resolver endpoint of the VPC, which answers from the endpoint's
// private DNS. It checks the endpoint has private DNS, the VPC answers,
// and one inbound endpoint admits the client on 53, UDP and TCP, with a
// way back.
func (c *client) inboundResolver(e *endpoint, hostname, zone string) (string, outcome) {
	v := c.extVPC
	switch {
	case zone != "":
		// A private hosted zone of the VPC answers the name (a hub's):
		// the endpoint's own private DNS does not matter.
	case e.private == no:
		return "", broken(LinkPrivateDNS, fmt.Sprintf("endpoint %s has private DNS off, so %s, resolving %s, gets the service's public addresses", e.addr, c.ext.Name, hostname),
			"turn on private DNS on the endpoint and forward the name to an inbound Resolver endpoint, or call the endpoint-specific DNS name (a need made with endpoints.ByEndpointName)")
	case e.private == unk:
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
	if f := v.forwarded(hostname, orDefault(zone, hostname)); f != "" {
		return "", unknown(LinkDHCP, f)
	}
	var usable []*resolverEP
	why := ""
	for _, r := range v.inbound {
		if r.notDo53 != "" {
			why = r.notDo53
			continue
		}
		usable = append(usable, r)
	}
	if len(usable) == 0 {
		if f := c.st.m.looseResolversFor(v); f != "" {
			return "", unknown(LinkModel, f+", and it may be an inbound endpoint of "+v.addr)
		}
		c.hop("dns", v.addr, orDefault(why, "no Route 53 Resolver inbound endpoint"), no)
		if why != "" {
			return "", broken(LinkResolver, why, "add Do53 to the endpoint's protocols")
		}
		return "", broken(LinkResolver, fmt.Sprintf("%s has no Route 53 Resolver inbound endpoint, so the DNS servers of %s cannot ask it: %s resolves to the service's public addresses there, not to %s", v.addr, c.ext.Name, hostname, e.addr),
			fmt.Sprintf("add an inbound endpoint (resolver.NewInbound) that admits %s, and have its DNS servers forward %s to the endpoint's IPs", c.ext.Name, hostname))
	}
	var first, undecided *outcome
	for _, r := range usable {
		// The queries come from the network's DNS servers: when the
		// endpoint admits only some addresses of the network on 53, UDP
		// and TCP both (its forwarders), they are the clients of this hop.
		fc := c
		if fwd := forwarders(r, c.prefixes()); len(fwd) > 0 {
			x := *c.ext
			x.CIDRs = fwd
			cp := *c
			cp.ext = &x
			fc = &cp
			c.note("dns", r.addr, fmt.Sprintf("the DNS servers of %s that the endpoint admits on 53: %s", c.ext.Name, strings.Join(fwd, ", ")))
		}
		udp := *fc
		udp.proto = "udp"
		o := all(udp.eniPorts(r.addr, r.subnets, r.subF, r.sgs, r.sgF, []int{53}), fc.eniPorts(r.addr, r.subnets, r.subF, r.sgs, r.sgF, []int{53}))
		switch {
		case o.v == yes:
			c.hop("dns", r.addr, fmt.Sprintf("%s forwards %s to inbound endpoint %s, which answers with the addresses of %s", c.ext.Name, hostname, r.addr, e.addr), yes)
			return r.addr, pass
		case o.v == unk && undecided == nil:
			undecided = &o
		case o.v == no && first == nil:
			first = &o
		}
	}
	// Broken only when every endpoint is: one that may work, or one that
	// cannot be placed, leaves it unknown.
	if undecided != nil {
		return "", *undecided
	}
	if f := c.st.m.looseResolversFor(v); f != "" {
		return "", unknown(LinkModel, f+", and it may be an inbound endpoint of "+v.addr)
	}
	return "", *first
}

// forwarders are the addresses inside the client's networks, narrower than
// them, that the endpoint's groups admit on 53 over both UDP and TCP, by
// rules that name port 53 (the on-premises DNS servers).
func forwarders(r *resolverEP, nets []netip.Prefix) []string {
	on := func(proto string) []netip.Prefix {
		var out []netip.Prefix
		for _, g := range r.sgs {
			for _, rule := range g.ingress {
				if rule.hasCIDR && rule.f == "" && rule.proto == proto && rule.from == 53 && rule.to == 53 {
					out = append(out, rule.cidr)
				}
			}
		}
		return out
	}
	udp := on("udp")
	var out []string
	for _, c := range on("tcp") {
		if !slices.Contains(udp, c) {
			continue
		}
		for _, p := range nets {
			if covers(p, c) && c.Bits() > p.Bits() && !slices.Contains(out, c.String()) {
				out = append(out, c.String())
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
