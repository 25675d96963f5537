package reach

import (
	"fmt"
	"hash/fnv"
	"net/netip"
	"regexp"
	"strconv"
	"strings"

	"github.com/privnet/privnet/record"
	"github.com/privnet/privnet/tfjson"
)

// IPv6. A VPC's Amazon-provided /56 is known only once made, so the model
// gives each such VPC a stand-in block of 2001:db8::/32 (the documentation
// prefix, RFC 3849), picked by the VPC's stack and name; its subnets take
// the /64s their cidrsubnet() netnums name. References to the VPC's or a
// subnet's ipv6_cidr_block resolve to the stand-ins, so rules that name
// them match exactly; a rule that writes an IPv6 CIDR as a literal (other
// than ::/0) cannot be compared with a stand-in, and is unknown there.
var synthRoot = netip.MustParsePrefix("2001:db8::/32")

// nat64Prefix is where DNS64 puts the IPv4 addresses it synthesizes
// (RFC 6052's well-known prefix): a route for it to a NAT gateway is NAT64
// ("DNS64 and NAT64", Amazon VPC User Guide, read 2026-11-24).
var nat64Prefix = netip.MustParsePrefix("64:ff9b::/96")

var cidrsubnet6 = regexp.MustCompile(`^\$\{cidrsubnet\((aws_vpc\.[A-Za-z0-9_-]+)\.ipv6_cidr_block, *8, *([0-9]{1,3})\)\}$`)

// synth56 is the stand-in /56 of a VPC with an Amazon-provided block.
func synth56(key string) netip.Prefix {
	h := fnv.New32a()
	h.Write([]byte(key))
	n := h.Sum32() & 0xffffff
	var b [16]byte
	copy(b[:], synthRoot.Addr().AsSlice()[:4])
	b[4], b[5], b[6] = byte(n>>16), byte(n>>8), byte(n)
	return netip.PrefixFrom(netip.AddrFrom16(b), 56)
}

// subnet64 is the netnum-th /64 of a /56.
func subnet64(p netip.Prefix, netnum int) netip.Prefix {
	b := p.Masked().Addr().As16()
	b[7] = byte(netnum)
	return netip.PrefixFrom(netip.AddrFrom16(b), 64)
}

// vpcIpv6 reads the VPC's IPv6 block: an Amazon-provided one (a stand-in),
// or one written as a literal.
func (v *vpc) vpcIpv6(a map[string]any) {
	if c, ok := a["ipv6_cidr_block"].(string); ok && c != "" {
		if p, err := netip.ParsePrefix(c); err == nil && p.Addr().Is6() && !p.Addr().Is4In6() {
			v.ipv6 = p.Masked()
			return
		}
		v.ipv6F = fmt.Sprintf("the IPv6 block of %s is not known at synth (IPAM or a token)", v.addr)
		return
	}
	switch boolAttr(a, "assign_generated_ipv6_cidr_block", false) {
	case yes:
		v.ipv6 = synth56(v.st.name + "/" + v.addr)
		// Two stand-ins alike would make two VPCs one: the later (in build
		// order, which is sorted) moves on.
		m := v.st.m
		if m.standIns == nil {
			m.standIns = map[netip.Prefix]bool{}
		}
		for m.standIns[v.ipv6] {
			b := v.ipv6.Addr().As16()
			n := (uint32(b[4])<<16 | uint32(b[5])<<8 | uint32(b[6])) + 1
			b[4], b[5], b[6] = byte(n>>16), byte(n>>8), byte(n)
			v.ipv6 = netip.PrefixFrom(netip.AddrFrom16(b), 56)
		}
		m.standIns[v.ipv6] = true
	case unk:
		v.ipv6F = fmt.Sprintf("whether %s has an IPv6 block is not a literal value", v.addr)
	}
	if a["ipv6_ipam_pool_id"] != nil {
		v.ipv6, v.ipv6F = netip.Prefix{}, fmt.Sprintf("the IPv6 block of %s comes from IPAM, known only at apply", v.addr)
	}
}

// ipv6Prefix reads an IPv6 CIDR: a literal, cidrsubnet() of a VPC's block,
// or a reference to a VPC's or subnet's ipv6_cidr_block. synth, when the
// prefix stands for an Amazon-provided block, says which, for people.
func (m *model) ipv6Prefix(st *stack, v any, what string) (p netip.Prefix, synth string, f fact) {
	s, ok := v.(string)
	if !ok || s == "" {
		return netip.Prefix{}, "", what + " is not an IPv6 CIDR privnet can read"
	}
	if !strings.Contains(s, "${") {
		p, err := netip.ParsePrefix(s)
		if err != nil || !p.Addr().Is6() || p.Addr().Is4In6() || p.Addr().Zone() != "" {
			return netip.Prefix{}, "", fmt.Sprintf("%s (%s) is not an IPv6 CIDR", what, quote(s))
		}
		return p.Masked(), "", ""
	}
	if g := cidrsubnet6.FindStringSubmatch(s); g != nil {
		n, _ := strconv.Atoi(g[2])
		vp := st.vpcs[g[1]]
		switch {
		case vp == nil:
			return netip.Prefix{}, "", fmt.Sprintf("%s is carved from %s, which is not a VPC of this stack", what, g[1])
		case vp.ipv6F != "":
			return netip.Prefix{}, "", vp.ipv6F
		case !vp.ipv6.IsValid():
			return netip.Prefix{}, "", fmt.Sprintf("%s is carved from the IPv6 block of %s, which has none", what, vp.addr)
		case n > 255 || vp.ipv6.Bits() != 56:
			return netip.Prefix{}, "", fmt.Sprintf("%s asks for /64 number %d of %s's IPv6 block, which has no such one", what, n, vp.addr)
		}
		return subnet64(vp.ipv6, n), standIn(vp.ipv6, fmt.Sprintf("/64 number %d of the IPv6 block of %s", n, vp.addr)), ""
	}
	s2, addr, attr, f := m.resolve(st, v, what)
	if f != "" {
		return netip.Prefix{}, "", f
	}
	if attr == "ipv6_cidr_block" {
		if vp := s2.vpcs[addr]; vp != nil {
			if vp.ipv6F != "" || !vp.ipv6.IsValid() {
				return netip.Prefix{}, "", orDefault(vp.ipv6F, fmt.Sprintf("%s names the IPv6 block of %s, which has none", what, vp.addr))
			}
			return vp.ipv6, standIn(vp.ipv6, "the IPv6 block of "+vp.addr), ""
		}
		if sn := s2.subnets[addr]; sn != nil {
			if !sn.ipv6.IsValid() {
				return netip.Prefix{}, "", orDefault(sn.ipv6F, fmt.Sprintf("%s names the IPv6 block of %s, which has none", what, sn.addr))
			}
			return sn.ipv6, standIn(sn.ipv6, "the IPv6 block of "+sn.addr), ""
		}
	}
	return netip.Prefix{}, "", fmt.Sprintf("%s names %s.%s, which is not an IPv6 block privnet can read", what, addr, attr)
}

// standIn is label when p is a stand-in block, else "".
func standIn(p netip.Prefix, label string) string {
	if synthRoot.Overlaps(p) {
		return label
	}
	return ""
}

// subnetIpv6 reads a subnet's IPv6 block and family settings.
func (m *model) subnetIpv6(st *stack, s *subnet, a map[string]any) {
	only, d64 := boolAttr(a, "ipv6_native", false), boolAttr(a, "enable_dns64", false)
	s.ipv6Only, s.dns64 = only == yes, d64 == yes
	if only == unk {
		s.famF = fmt.Sprintf("whether %s is IPv6-only is not a literal value", s.addr)
	}
	if d64 == unk {
		s.dns64F = fmt.Sprintf("whether %s has DNS64 is not a literal value", s.addr)
	}
	c6 := a["ipv6_cidr_block"]
	if c6 == nil || c6 == "" {
		if s.ipv6Only {
			s.has6, s.ipv6F = true, fmt.Sprintf("%s is IPv6-only and names no IPv6 block", s.addr)
		}
		return
	}
	s.has6 = true
	p, _, f := m.ipv6Prefix(st, c6, "the IPv6 block of "+s.addr)
	if f != "" {
		s.ipv6F = f
	} else {
		s.ipv6 = p
	}
	if s.ipv6Only && a["cidr_block"] == nil {
		s.cidrF = fmt.Sprintf("%s is IPv6-only: it has no IPv4 block", s.addr)
	}
}

// peer6 reads the IPv6 CIDRs of a security group rule (cidr_ipv6, or
// ipv6_cidr_blocks).
func (m *model) peer6(st *stack, g *secGroup, r sgRule, v any) []sgRule {
	var out []sgRule
	for _, x := range oneOrList(v) {
		if x == nil || x == "" {
			continue
		}
		r2 := r
		p, synth, f := m.ipv6Prefix(st, x, "an IPv6 CIDR of a rule of "+g.addr)
		if f != "" {
			r2.f = f
		} else {
			r2.cidr, r2.hasCIDR, r2.lit6, r2.label = p, true, synth == "" && p.Bits() > 0, synth
		}
		out = append(out, r2)
	}
	return out
}

// ipTypes reads the endpoint's ip_address_type and DNS record IP type.
func (e *endpoint) ipTypes(a map[string]any) {
	read := func(v any, what string) string {
		if v == nil {
			return ""
		}
		s, ok := v.(string)
		if !ok || strings.Contains(s, "${") {
			e.ipF = fmt.Sprintf("the %s of %s is not a literal value", what, e.addr)
			return ""
		}
		return strings.ToLower(s)
	}
	e.ipType = read(a["ip_address_type"], "IP address type")
	if opts, _ := tfjson.Objects(a["dns_options"], "dns_options"); len(opts) > 0 {
		e.dnsType = read(opts[0]["dns_record_ip_type"], "DNS record IP type")
	}
	if e.ipType != "" && !record.IpAddressTypes[e.ipType] {
		e.ipF = fmt.Sprintf("%s has IP address type %s, which privnet does not know", e.addr, quote(e.ipType))
	}
}

// answers tells which records the endpoint's DNS names have: A for an
// ipv4 endpoint, AAAA for an ipv6 one, and for a dualstack one what its
// DNS record IP type says (both by default, and for service-defined,
// which privnet takes to be both) ("IP address types" and "DNS record IP
// types", AWS PrivateLink Guide, read 2026-11-24).
func (e *endpoint) answers() (a, aaaa bool) {
	switch e.ipType {
	case "ipv6":
		return false, true
	case "dualstack":
		switch e.dnsType {
		case "ipv4":
			return true, false
		case "ipv6":
			return false, true
		}
		return true, true
	}
	return true, false
}

// families are the address families the client connects with: IPv4
// where its subnet has an IPv4 block, IPv6 where it has an IPv6 one. A
// network outside AWS is declared by IPv4 CIDRs.
func (c *client) families() (v4, v6 bool) {
	if c.ext != nil || c.subnet == nil || c.eic {
		// An Instance Connect endpoint is IPv4 (provider 5.88 cannot set
		// its type).
		return true, false
	}
	return !c.subnet.ipv6Only, c.subnet.has6
}

// familiesFor is what decides the families of a path to e: the client's
// (v4, v6) and the records e's names have (a, aaaa); o is unknown when
// one of them cannot be known.
func (c *client) familiesFor(e *endpoint) (v4, v6, a, aaaa bool, o outcome) {
	if e.ipF != "" {
		return false, false, false, false, unknown(LinkModel, e.ipF)
	}
	if c.subnet != nil && c.ext == nil && c.subnet.famF != "" {
		return false, false, false, false, unknown(LinkModel, c.subnet.famF)
	}
	v4, v6 = c.families()
	if v6 && e.ip6F != "" {
		return false, false, false, false, unknown(LinkModel, e.ip6F)
	}
	a, aaaa = e.answers()
	return v4, v6, a, aaaa, pass
}

// over6 is the client checked over IPv6.
func (c *client) over6() *client {
	c2 := *c
	c2.v6 = true
	return &c2
}

// subnetAddrs are the subnets' addresses in the client's family.
func (c *client) subnetAddrs(ss []*subnet) (out []netip.Prefix, unknownAddr bool) {
	for _, s := range ss {
		switch {
		case c.v6 && s.ipv6.IsValid():
			out = append(out, s.ipv6)
		case !c.v6 && s.cidrF == "":
			out = append(out, s.cidr)
		default:
			unknownAddr = true
		}
	}
	return out, unknownAddr
}

// addrOf is one subnet's block in the client's family (invalid when not
// known).
func (c *client) addrOf(s *subnet) netip.Prefix {
	if c.v6 {
		return s.ipv6
	}
	return s.cidr
}

// v6Rules are the rules of a group that apply over IPv6: its group
// references, and its IPv6 CIDR rules.
func v6Rules(refs, cidrs []sgRule) []sgRule {
	var out []sgRule
	for _, r := range refs {
		// Group references match both families; a rule whose peer
		// cannot be read, or a prefix list (which may hold IPv6
		// blocks), stays in for what it may match.
		if r.ref != nil || r.f != "" || r.pl != "" {
			out = append(out, r)
		}
	}
	return append(out, cidrs...)
}

// naclRules6 are the ACL's IPv6 rules for peer: a literal CIDR cannot be
// compared with a stand-in block, so it is unknown there.
func naclRules6(rules []naclRule, peer netip.Prefix) []naclRule {
	if !peer.IsValid() || !synthRoot.Overlaps(peer) {
		return rules
	}
	out := make([]naclRule, len(rules))
	for i, r := range rules {
		if r.lit6 && r.f == "" {
			r.f = fmt.Sprintf("rule %d names %s, and whether it covers the VPC's Amazon-provided IPv6 block is known only after apply", r.num, r.cidr)
		}
		out[i] = r
	}
	return out
}

// endpointPorts checks a path to an endpoint's interfaces in the client's
// VPC in every address family the client would use: a dual-stack client
// given A and AAAA answers may take either, so both must pass. An
// IPv6-only client given only A answers goes through NAT64 when its
// subnet has DNS64 and a route for 64:ff9b::/96 to a NAT gateway.
// family says how, for the verdict ("" for IPv4 alone).
func (c *client) endpointPorts(e *endpoint, ports []int) (o outcome, family string) {
	groups := e.groupsOrDefault()
	v4, v6, a, aaaa, fo := c.familiesFor(e)
	if fo.v != yes {
		return fo, ""
	}
	var os []outcome
	if v4 && a {
		os = append(os, c.eniPorts(e.addr, e.subnets, e.subF, groups, e.sgF, ports))
	}
	if v4 && v6 && a && !aaaa && c.subnet.dns64F != "" && (len(os) == 0 || os[0].v != no) {
		return all(append(os, unknown(LinkModel, c.subnet.dns64F))...), ""
	}
	if v4 && v6 && a && !aaaa && c.subnet.dns64 && (len(os) == 0 || os[0].v != no) {
		// DNS64 on a dual-stack subnet: the resolver synthesizes an
		// AAAA answer too, which the client may take, through NAT64.
		o, nat := c.nat64(e, groups, ports)
		os = append(os, o)
		return all(os...), ", over IPv4 and NAT64 through " + orDefault(nat, "a NAT gateway")
	}
	if v6 && aaaa && (len(os) == 0 || os[0].v != no) {
		c6 := c.over6()
		if v4 && a {
			c6.note("family", e.addr, fmt.Sprintf("the name also answers IPv6 addresses (AAAA: %s endpoint), which %s may use: the IPv6 path is checked too", orDefault(e.ipType, "ipv4"), c.label))
		} else {
			c6.note("family", e.addr, fmt.Sprintf("the name answers IPv6 addresses (AAAA: %s endpoint), which %s uses over IPv6", orDefault(e.ipType, "ipv4"), c.label))
		}
		os = append(os, overIPv6(c6.eniPorts(e.addr, e.subnets, e.subF, groups, e.sgF, ports)))
	}
	switch {
	case len(os) == 2:
		return all(os...), ", over IPv4 and IPv6"
	case len(os) == 1 && v4 && a:
		return os[0], ""
	case len(os) == 1:
		return os[0], ", over IPv6"
	case v6 && !v4 && c.subnet.dns64F != "":
		return unknown(LinkModel, c.subnet.dns64F), ""
	case v6 && !v4:
		o, nat := c.nat64(e, groups, ports)
		return o, ", over NAT64 through " + nat
	}
	c.hop("family", e.addr, fmt.Sprintf("%s answers IPv6 addresses only, and %s has no IPv6 address", e.addr, c.label), no)
	kind := "an " + e.ipType + " endpoint"
	if e.ipType == "dualstack" {
		kind = "a dualstack endpoint"
	}
	if e.dnsType != "" {
		kind += ", DNS record IP type " + e.dnsType
	}
	return broken(LinkFamily, fmt.Sprintf("%s answers IPv6 addresses only (%s), and %s has no IPv6 address", e.addr, kind, c.label),
		"give the client's subnet an IPv6 block (a dualstack tier), or make the endpoint dualstack with A records"), ""
}

// overIPv6 says which family a failure is in.
func overIPv6(o outcome) outcome {
	if o.v != yes && o.problem != "" {
		o.problem = "over IPv6: " + o.problem
	}
	return o
}

// route6For is the most specific IPv6 route of the subnet's table that
// covers p (nil: none, or AWS's main table, local route only).
func route6For(s *subnet, p netip.Prefix) (*route, outcome) {
	if s.rtF != "" {
		return nil, unknown(LinkModel, s.rtF)
	}
	if s.rt == nil {
		return nil, pass
	}
	var best *route
	for i := range s.rt.routes6 {
		r := &s.rt.routes6[i]
		if r.f != "" && !r.dst.IsValid() {
			return nil, unknown(LinkModel, r.f)
		}
		if r.dst.IsValid() && r.dst.Bits() <= p.Bits() && r.dst.Contains(p.Addr()) && (best == nil || r.dst.Bits() > best.dst.Bits()) {
			best = r
		}
	}
	if best != nil && best.f != "" {
		return nil, unknown(LinkModel, best.f)
	}
	return best, pass
}

// nat64Gateway is the NAT gateway an IPv6-only subnet reaches IPv4
// through: DNS64 on, and 64:ff9b::/96 routed to a NAT gateway.
func (c *client) nat64Gateway(target string) (*natGateway, outcome) {
	s := c.subnet
	if !s.dns64 {
		c.hop("family", s.addr, fmt.Sprintf("%s is IPv6-only, DNS64 is off, and %s answers IPv4 addresses only", s.addr, target), no)
		return nil, broken(LinkFamily, fmt.Sprintf("%s is IPv6-only, and %s answers IPv4 addresses only; without DNS64 on the subnet no IPv6 address is synthesized", s.addr, target),
			"make the endpoint dualstack or ipv6 (an ipv6 one in IPv6-only subnets), or give the subnet DNS64 and a route for 64:ff9b::/96 to a NAT gateway (a private-with-nat IPv6-only tier)")
	}
	nat, r, o := nat64Nat(s)
	if o.v != yes {
		return nil, o
	}
	if nat == nil {
		where := "no route for 64:ff9b::/96"
		if r != nil {
			where = fmt.Sprintf("64:ff9b::/96 goes to %s (%s), not a NAT gateway", r.target, r.kind)
		}
		c.hop("route", orDefault(tableName(s), "the main route table"), where, no)
		return nil, broken(LinkFamily, fmt.Sprintf("%s has DNS64, and has %s: the IPv6 addresses it synthesizes for %s lead nowhere", s.addr, where, target),
			"route 64:ff9b::/96 to a NAT gateway (a private-with-nat IPv6-only tier), or make the endpoint dualstack or ipv6")
	}
	c.hop("route", orDefault(tableName(s), "the main route table"), fmt.Sprintf("64:ff9b::/96 to %s (NAT64)", nat.addr), yes)
	return nat, pass
}

// nat64Nat is the NAT gateway the subnet routes 64:ff9b::/96 to: r is the
// most specific route for it (nil: none), nat nil when r goes elsewhere,
// and o unknown when the route or its NAT gateway cannot be known.
func nat64Nat(s *subnet) (nat *natGateway, r *route, o outcome) {
	r, o = route6For(s, nat64Prefix)
	switch {
	case o.v != yes:
		return nil, nil, o
	case r == nil || r.kind != "nat":
		return nil, r, pass
	case r.nat == nil:
		return nil, r, unknown(LinkModel, fmt.Sprintf("%s routes 64:ff9b::/96 to NAT gateway %s, which is not in this app", s.addr, quote(r.target)))
	case r.nat.f != "":
		return nil, r, unknown(LinkModel, r.nat.f)
	}
	return r.nat, r, pass
}

// nat64Leg is the client's side of NAT64, over IPv6: its groups' egress
// to 64:ff9b::/96 and its subnet's ACL.
func (c *client) nat64Leg(port int) outcome {
	c6 := c.over6()
	d := dest{prefixes: []netip.Prefix{nat64Prefix}, label: "64:ff9b::/96 (NAT64)", v6: true}
	return all(c6.egressTo(port, d), c6.naclPath(c.subnet, c6.prefixes(), nil, []netip.Prefix{nat64Prefix}, port, false))
}

// nat64 is an IPv6-only client's path to an endpoint with IPv4 addresses
// only: out to 64:ff9b::/96 over IPv6, then from the NAT gateway's own
// IPv4 address, which the endpoint's groups and ACLs then see.
func (c *client) nat64(e *endpoint, groups []*secGroup, ports []int) (outcome, string) {
	nat, o := c.nat64Gateway(e.addr)
	if o.v != yes {
		return o, ""
	}
	c6 := c.over6()
	var os []outcome
	for _, p := range ports {
		// Out of the client's subnet to 64:ff9b::/96, and into the NAT
		// gateway's subnet, over IPv6.
		os = append(os, overIPv6(all(c.nat64Leg(p), c6.naclPath(nil, c6.prefixes(), nat.subnet, nil, p, false))))
	}
	if first := all(os...); first.v == no {
		return first, nat.addr
	}
	from := &client{label: fmt.Sprintf("NAT gateway %s (NAT64 for %s)", nat.addr, c.label), st: c.st, subnet: nat.subnet, tier: true, proto: c.proto, tr: c.tr, natSource: true}
	os = append(os, from.eniPorts(e.addr, e.subnets, e.subF, groups, e.sgF, ports))
	return all(os...), nat.addr
}

// internet6 is an IPv6-only client's way to public names: NAT64 through
// a NAT gateway (public names with IPv4 addresses only, which DNS64
// synthesizes), else whatever ::/0 reaches, for names with IPv6 addresses.
func (c *client) internet6(port int) (string, outcome) {
	s := c.subnet
	if s.famF != "" || s.dns64F != "" {
		return "", unknown(LinkModel, orDefault(s.famF, s.dns64F))
	}
	if s.dns64 {
		if via, o, found := c.nat64Out(port); found {
			return via, o
		}
	}
	r, o := route6For(s, netip.MustParsePrefix("::/0"))
	if o.v != yes {
		return "", o
	}
	if r == nil || r.dst.Bits() != 0 {
		c.hop("route", orDefault(tableName(s), "the main route table (AWS's)"), "IPv6-only: no route to ::/0, and no NAT64", no)
		return "", broken(LinkInternet, fmt.Sprintf("no route to the internet: %s is IPv6-only, with no route to ::/0 and no NAT64 (DNS64 and 64:ff9b::/96 to a NAT gateway)", s.addr), "")
	}
	c.hop("route", orDefault(tableName(s), "the main route table"), fmt.Sprintf("::/0 to %s (%s)", r.target, r.kind), unk)
	return "", unknown(LinkFamily, fmt.Sprintf("%s is IPv6-only and reaches the internet over IPv6 only (::/0 to %s): whether the service answers with IPv6 addresses is not recorded", s.addr, r.target))
}

// nat64Out is the NAT64 way to a public name with IPv4 addresses only,
// whose AAAA answer DNS64 synthesizes: out to 64:ff9b::/96 over IPv6, to
// the NAT gateway, and on to the internet. found is false when the subnet
// routes 64:ff9b::/96 to no NAT gateway.
func (c *client) nat64Out(port int) (via string, o outcome, found bool) {
	s := c.subnet
	nat, r, no6 := nat64Nat(s)
	switch {
	case no6.v != yes:
		return "", no6, true
	case nat == nil:
		return "", outcome{}, false
	}
	c.hop("route", orDefault(tableName(s), "the main route table"), fmt.Sprintf("64:ff9b::/96 to %s (NAT64, with DNS64)", nat.addr), yes)
	out := overIPv6(c.nat64Leg(port))
	if out.v == no {
		return "", out, true
	}
	via, o = c.over6().natOut(nat, r.target, port)
	if via == "" {
		return "", overIPv6(o), true
	}
	return "NAT64 through " + via, all(out, overIPv6(o)), true
}

// publicDns64 is what DNS64 adds to a dual-stack client's way to a public
// name: a synthesized AAAA answer the client may take, so the NAT64 way
// must pass too.
func (c *client) publicDns64(via string, o outcome, port int) (string, outcome) {
	s := c.subnet
	switch {
	case o.v == no || !s.has6 || s.ipv6Only || !s.dns64 && s.dns64F == "":
		return via, o
	case s.dns64F != "":
		return via, all(o, unknown(LinkModel, s.dns64F))
	}
	v6via, o6, found := c.nat64Out(port)
	if !found {
		c.hop("route", orDefault(tableName(s), "the main route table (AWS's)"), "DNS64 on, and no route for 64:ff9b::/96 to a NAT gateway", no)
		return "", broken(LinkFamily, fmt.Sprintf("%s has DNS64, and has no route for 64:ff9b::/96 to a NAT gateway: the IPv6 addresses it synthesizes for public names lead nowhere", s.addr),
			"route 64:ff9b::/96 to a NAT gateway, or turn DNS64 off on the subnet")
	}
	if o6.v == no {
		return "", o6
	}
	return via + " (and " + v6via + ")", all(o, o6)
}

// crossFamilies checks the families of a path to an endpoint in another
// VPC: privnet follows peering and Transit Gateways over IPv4; an IPv6
// answer the client would use needs an IPv6 route there, which is not
// followed further yet.
func (c *client) crossFamilies(e *endpoint) outcome {
	v4, v6, a, aaaa, fo := c.familiesFor(e)
	if fo.v != yes {
		return fo
	}
	if v4 && v6 && a && !aaaa && c.subnet.dns64F != "" {
		return unknown(LinkModel, c.subnet.dns64F)
	}
	if v4 && v6 && a && !aaaa && c.subnet.dns64 {
		return unknown(LinkFamily, fmt.Sprintf("%s has DNS64, so %s may take a synthesized IPv6 address for %s: NAT64 to another VPC is not followed", c.subnet.addr, c.label, e.addr))
	}
	if v6 && aaaa && c.subnet != nil && len(e.subnets) > 0 {
		// The endpoint's first subnet stands for all: a route to another
		// VPC names its block, which holds every one of them.
		s := e.subnets[0]
		if !s.ipv6.IsValid() {
			return unknown(LinkModel, orDefault(s.ipv6F, s.addr+" has no IPv6 block privnet can read"))
		}
		r, o := route6For(c.subnet, s.ipv6)
		if o.v != yes {
			return o
		}
		if r == nil {
			c.hop("route", orDefault(tableName(c.subnet), "the main route table (AWS's)"), fmt.Sprintf("no IPv6 route to %s of %s", s.addr, e.vpc.addr), no)
			return broken(LinkFamily, fmt.Sprintf("over IPv6: %s answers IPv6 addresses, which %s may use, and %s has no IPv6 route to %s", e.addr, c.label, orDefault(tableName(c.subnet), c.subnet.addr), e.vpc.addr),
				"set the endpoint's DNS record IP type to ipv4 (DnsRecordIpType), or route the endpoint VPC's IPv6 block")
		}
		via := strings.TrimSuffix(strings.TrimPrefix(r.target, "${"), ".id}")
		return unknown(LinkFamily, fmt.Sprintf("%s answers IPv6 addresses, and IPv6 paths across %s (%s) are not followed yet", e.addr, via, r.kind))
	}
	if v4 && a {
		return pass
	}
	if v6 && !v4 && a {
		return unknown(LinkFamily, fmt.Sprintf("%s is IPv6-only and %s, in %s, answers IPv4 addresses only: NAT64 to another VPC is not followed yet", c.label, e.addr, e.vpc.addr))
	}
	if !(v6 && aaaa) {
		return broken(LinkFamily, fmt.Sprintf("%s answers IPv6 addresses only, and %s has no IPv6 address", e.addr, c.label), "make the endpoint dualstack with A records")
	}
	return pass
}

// nat64Route tells whether the client's subnet routes 64:ff9b::/96 to a
// NAT gateway (or may: a route that cannot be read).
func (c *client) nat64Route() bool {
	nat, _, o := nat64Nat(c.subnet)
	return o.v != yes || nat != nil
}

// instanceFamilies decides a path to an instance by address family where
// privnet does not follow it: instances are called by their IPv4 address,
// so a path is followed only where both ends have IPv4. ok is false with
// the verdict otherwise: broken where the two share no family (and no
// NAT64 could join them), unknown where they would meet over IPv6 or
// through NAT64.
func (c *client) instanceFamilies(in *instance) (verdict, bool) {
	for _, s := range []*subnet{c.subnet, in.subnet} {
		if s != nil && s.famF != "" {
			return verdict{v: Unknown, o: unknown(LinkModel, s.famF)}, false
		}
	}
	v4, v6 := c.families()
	tv4, tv6 := in.subnet != nil && !in.subnet.ipv6Only, in.subnet != nil && in.subnet.has6
	switch {
	case v4 && tv4:
		return verdict{}, true
	case v6 && tv6:
		return verdict{v: Unknown, o: unknown(LinkFamily, fmt.Sprintf("%s and %s meet over IPv6 only, and paths to instances are followed over IPv4 only", c.label, in.addr))}, false
	case v6 && !v4 && c.subnet.dns64F != "":
		return verdict{v: Unknown, o: unknown(LinkModel, c.subnet.dns64F)}, false
	case v6 && !v4 && (c.subnet.dns64 || c.nat64Route()):
		// DNS64's answers, or an address written 64:ff9b::a.b.c.d, go
		// through NAT64.
		return verdict{v: Unknown, o: unknown(LinkFamily, fmt.Sprintf("%s is IPv6-only and %s has IPv4 only: NAT64 to an instance is not followed", c.label, in.addr))}, false
	}
	c.hop("family", in.addr, fmt.Sprintf("%s and %s share no address family", c.label, in.addr), no)
	what := fmt.Sprintf("%s has no IPv4 address (an IPv6-only subnet)", in.addr)
	if !tv4 && !tv6 {
		what = fmt.Sprintf("%s has no address privnet can read", in.addr)
	} else if tv4 {
		what = fmt.Sprintf("%s is IPv6-only (no DNS64, no NAT64 route) and %s has IPv4 only", c.label, in.addr)
	} else {
		what += fmt.Sprintf(", and %s has no IPv6 address", c.label)
	}
	return verdict{v: Unreachable, o: broken(LinkFamily, what, "put both in subnets with a family in common (a dualstack tier), or give the client DNS64 and NAT64")}, false
}
