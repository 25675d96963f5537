package reach

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/privnet/privnet/constructs/endpoints/catalog"
	"github.com/privnet/privnet/reach/need"
)

// client is where a connection starts: a workload (instance, Instance
// Connect endpoint), a subnet tier, or a network outside AWS.
type client struct {
	label  string
	st     *stack
	subnet *subnet
	groups []*secGroup // nil for a tier: its workloads' groups are theirs
	tier   bool
	ip     netip.Addr
	public tri
	ext    *need.External
	extVPC *vpc
	eic    bool
	// preserve: an Instance Connect endpoint with preserve_client_ip, so
	// the instance sees the operator's address, not the endpoint's.
	preserve tri
	// anyAddr: the client's source address cannot be known (preserve_client_ip).
	anyAddr bool
	// proto is the protocol of the connection checked: "" is TCP; "udp"
	// for DNS queries, which need both.
	proto string
	// v6: the path is checked over IPv6, from the subnet's IPv6 block to
	// the target's (endpointPorts decides which families a client uses).
	v6 bool
	// natSource: the client is a NAT gateway carrying another's traffic
	// (NAT64): it is in no security group.
	natSource bool
	f         fact
	// tr, when set, collects the hops of a trace (Analyzer.Trace).
	tr *[]Hop
}

// note records a step of a trace that decides nothing by itself (where
// a name resolves, which way is taken).
func (c *client) note(step, resource, detail string) {
	if c == nil || c.tr == nil {
		return
	}
	*c.tr = append(*c.tr, Hop{Step: step, Resource: resource, Detail: detail, Status: "info"})
}

// hop records one step of a trace.
func (c *client) hop(step, resource, detail string, v tri) {
	if c == nil || c.tr == nil {
		return
	}
	status := map[tri]string{yes: "passes", no: "stops", unk: "unknown"}[v]
	if c.v6 {
		detail += " (IPv6)" // not merged with the same step over IPv4
	}
	h := Hop{Step: step, Resource: resource, Detail: detail, Status: status}
	if slices.Contains(*c.tr, h) {
		return // a link checked again for another part of the path (the hybrid link)
	}
	*c.tr = append(*c.tr, h)
}

func (c *client) vpc() *vpc {
	if c.ext != nil {
		return c.extVPC
	}
	if c.subnet == nil {
		return nil
	}
	return c.subnet.vpc
}

// prefixes are the client's addresses: its IP, or its subnet, or the
// external network's CIDRs.
func (c *client) prefixes() []netip.Prefix {
	if c.ext != nil {
		var out []netip.Prefix
		for _, s := range c.ext.CIDRs {
			if p, ok := prefix(s); ok {
				out = append(out, p)
			}
		}
		return out
	}
	if c.anyAddr {
		return nil
	}
	if c.v6 {
		if c.subnet != nil && c.subnet.ipv6.IsValid() {
			return []netip.Prefix{c.subnet.ipv6}
		}
		return nil
	}
	if c.ip.IsValid() {
		return []netip.Prefix{netip.PrefixFrom(c.ip, 32)}
	}
	if c.subnet != nil && c.subnet.cidrF == "" {
		return []netip.Prefix{c.subnet.cidr}
	}
	return nil
}

// key groups clients that share subnet, groups and address: they get the
// same verdicts, so each group is evaluated once.
func (c *client) key() string {
	var b strings.Builder
	b.WriteString(c.st.name + "|")
	if c.extVPC != nil {
		b.WriteString(c.extVPC.st.name + "/" + c.extVPC.addr + "|")
	}
	if c.subnet != nil {
		b.WriteString(c.st.name + "/" + c.subnet.addr)
	}
	for _, g := range c.groups {
		b.WriteString("|" + g.st.name + "/" + g.addr)
	}
	fmt.Fprintf(&b, "|%v|%v|%d|%v|%d|%q|%s|%v|%v", c.tier, c.ip, c.public, c.eic, c.preserve, c.proto, c.f, c.v6, c.natSource)
	if c.ext != nil {
		fmt.Fprintf(&b, "|ext:%q:%q:%q", c.ext.Name, c.ext.CIDRs, c.ext.Vpc)
	}
	return b.String()
}

// outcome of one link or path.
type outcome struct {
	v       tri // yes: passes; no: broken; unk: cannot be known
	link    *Link
	problem string
	fix     string
}

var pass = outcome{v: yes}

func broken(l *Link, problem, fix string) outcome {
	return outcome{v: no, link: l, problem: problem, fix: fix}
}

func unknown(l *Link, f fact) outcome { return outcome{v: unk, link: l, problem: f} }

// all combines independent checks: the first broken one wins over an
// unknown one, which wins over a pass.
func all(os ...outcome) outcome {
	var u *outcome
	for i := range os {
		switch os[i].v {
		case no:
			return os[i]
		case unk:
			if u == nil {
				u = &os[i]
			}
		}
	}
	if u != nil {
		return *u
	}
	return pass
}

// --- security groups ---

// dest is what a rule must match: groups, or addresses, or the public
// internet (with the prefix lists that stand for the service).
type dest struct {
	groups   []*secGroup
	prefixes []netip.Prefix
	public   bool
	pls      []string // prefix-list references that name the service
	label    string
	// unknownAddr: some of the destination's addresses are not known at
	// synth, so only a rule for 0.0.0.0/0 (or a group) decides.
	unknownAddr bool
	// proto: "" is TCP.
	proto string
	// v6: the addresses are IPv6, and the groups' IPv6 rules decide.
	v6 bool
}

// ruleMatch tells whether a rule admits port to d.
func ruleMatch(r sgRule, port int, d dest, owner *secGroup) tri {
	if r.f != "" {
		return unk // its protocol, ports or peer cannot be read: it may match
	}
	if !(r.proto == "-1" || r.proto == orDefault(d.proto, "tcp")) || port < r.from || port > r.to {
		return no
	}
	if r.ref != nil {
		for _, g := range d.groups {
			if g == r.ref {
				return yes
			}
		}
		return no
	}
	if r.pl != "" {
		for _, p := range d.pls {
			if strings.Contains(r.pl, p) {
				return yes
			}
		}
		if d.public {
			return unk
		}
		return no
	}
	if !r.hasCIDR {
		return no
	}
	if r.lit6 {
		for _, p := range d.prefixes {
			if synthRoot.Overlaps(p) {
				return unk // the VPC's real block is known only after apply
			}
		}
	}
	if d.public {
		if r.cidr.Bits() == 0 {
			return yes
		}
		if isPrivate(r.cidr) {
			return no
		}
		return unk
	}
	if len(d.prefixes) == 0 || d.unknownAddr {
		if r.cidr.Bits() == 0 {
			return yes
		}
		return unk
	}
	res := yes
	for _, p := range d.prefixes {
		switch {
		case r.cidr.Bits() <= p.Bits() && r.cidr.Contains(p.Addr()):
		case r.cidr.Overlaps(p):
			res = unk
		default:
			return no
		}
	}
	return res
}

// groupsAllow tells whether any rule of the groups admits port to d: yes,
// no, or unknown with why; and on yes the group and the rule that lets it
// through ("group|rule", for a trace).
func groupsAllow(groups []*secGroup, egress bool, port int, d dest) (tri, string, string) {
	got, why, match := groupsAllowOne(groups, egress, port, d)
	if got == yes || len(d.prefixes) < 2 || d.public || d.unknownAddr {
		return got, why, match
	}
	// No one rule covers every address of the target (an endpoint across
	// the blocks of a VPC with a secondary CIDR): rules are a union, so
	// it is admitted when each of its subnets is, by some rule.
	var matches []string
	for _, p := range d.prefixes {
		one := d
		one.prefixes = []netip.Prefix{p}
		r, _, m := groupsAllowOne(groups, egress, port, one)
		if r != yes {
			return got, why, match
		}
		if !slices.Contains(matches, m) {
			matches = append(matches, m)
		}
	}
	// "group|rule" for a trace: one group, or each rule with its group.
	var names, rules, both []string
	for _, m := range matches {
		g, r := splitMatch(m, "")
		if !slices.Contains(names, g) {
			names = append(names, g)
		}
		rules = append(rules, r)
		both = append(both, r+" ("+g+")")
	}
	if len(names) == 1 {
		return yes, "", names[0] + "|" + strings.Join(rules, " and ")
	}
	return yes, "", strings.Join(names, ", ") + "|" + strings.Join(both, " and ")
}

func groupsAllowOne(groups []*secGroup, egress bool, port int, d dest) (tri, string, string) {
	best, why := no, ""
	for _, g := range groups {
		if g.f != "" {
			best, why = unk, g.f
			continue
		}
		if g.awsDefault {
			// AWS's default group: egress to anywhere, ingress from itself.
			if egress {
				return yes, "", g.addr + "|AWS's default rules: all traffic out"
			}
			for _, x := range d.groups {
				if x == g {
					return yes, "", g.addr + "|AWS's default rules: from its own members"
				}
			}
			continue
		}
		rules := g.ingress
		if egress {
			rules = g.egress
		}
		if d.v6 {
			six := g.ingress6
			if egress {
				six = g.egress6
			}
			rules = v6Rules(rules, six)
		}
		for _, r := range rules {
			switch ruleMatch(r, port, d, g) {
			case yes:
				return yes, "", fmt.Sprintf("%s|%s %s %s", g.addr, ruleProto(r), map[bool]string{true: "to", false: "from"}[egress], rulePeer(r))
			case unk:
				if best == no {
					best = unk
					why = r.f
					if why == "" {
						why = fmt.Sprintf("whether %s (a rule of %s) covers %s is known only at deploy", ruleText(r), g.addr, d.label)
					}
				}
			}
		}
	}
	return best, why, ""
}

// splitMatch is the group and the rule of a match ("" when none matched:
// then the groups looked at, and no rule).
func splitMatch(match, groups string) (string, string) {
	if g, rule, ok := strings.Cut(match, "|"); ok {
		return g, rule
	}
	return groups, ""
}

func ruleProto(r sgRule) string {
	if r.proto == "-1" {
		return "all traffic"
	}
	if r.from == r.to {
		return fmt.Sprintf("%s %d", r.proto, r.from)
	}
	return fmt.Sprintf("%s %d-%d", r.proto, r.from, r.to)
}

func rulePeer(r sgRule) string {
	if r.ref != nil {
		return "group " + r.ref.addr
	}
	return ruleText(r)
}

func ruleText(r sgRule) string {
	switch {
	case r.label != "":
		return r.label
	case r.hasCIDR:
		return r.cidr.String()
	case r.pl != "":
		return "prefix list " + quote(r.pl)
	}
	return "a rule"
}

func groupNames(gs []*secGroup) string {
	var out []string
	for _, g := range gs {
		out = append(out, g.addr)
	}
	return strings.Join(out, ", ")
}

// egressTo checks the client's security groups.
func (c *client) egressTo(port int, d dest) outcome {
	if c.tier || c.ext != nil {
		return pass // a tier's workloads bring their own groups; outside AWS there are none
	}
	if c.f != "" {
		return unknown(LinkModel, c.f)
	}
	d.proto, d.v6 = c.proto, c.v6
	v, why, match := groupsAllow(c.groups, true, port, d)
	res, rule := splitMatch(match, groupNames(c.groups))
	c.hop("egress", res, orDefault(rule, orDefault(why, fmt.Sprintf("no rule allows %s %d out to %s", c.protoName(), port, d.label))), v)
	switch v {
	case unk:
		return unknown(LinkClientEgress, why)
	case no:
		return broken(LinkClientEgress, fmt.Sprintf("the security groups of %s (%s) allow no %s %d out to %s", c.label, groupNames(c.groups), c.protoName(), port, d.label),
			fmt.Sprintf("add an egress rule for %s %d to %s (the construct's AllowTo, or the VPC CIDR)", c.protoName(), port, d.label))
	}
	return pass
}

// admits checks a target's security groups against the client.
func admits(groups []*secGroup, groupsF fact, target string, port int, c *client) outcome {
	if groupsF != "" {
		return unknown(LinkModel, groupsF)
	}
	d := dest{groups: c.groups, prefixes: c.prefixes(), label: c.label, proto: c.proto, v6: c.v6}
	if c.f != "" && !c.tier {
		return unknown(LinkModel, c.f)
	}
	v, why, match := groupsAllow(groups, false, port, d)
	res, rule := splitMatch(match, groupNames(groups))
	c.hop("ingress", res, orDefault(rule, orDefault(why, fmt.Sprintf("no rule admits %s %d from %s", c.protoName(), port, c.label))), v)
	switch v {
	case yes:
		return pass
	case unk:
		return unknown(LinkTargetIngress, why)
	}
	if c.tier && !c.natSource {
		// A tier's workloads may be in a group the target admits.
		for _, g := range groups {
			for _, r := range g.ingress {
				if r.ref != nil && (r.proto == "-1" || r.proto == orDefault(c.proto, "tcp")) && port >= r.from && port <= r.to {
					return unknown(LinkTargetIngress, fmt.Sprintf("%s admits %s %d only from members of %s: whether the workloads of %s are in it is theirs to say", target, c.protoName(), port, r.ref.addr, c.label))
				}
			}
		}
	}
	return broken(LinkTargetIngress, fmt.Sprintf("%s (security groups %s) does not admit %s %d from %s", target, groupNames(groups), c.protoName(), port, c.label),
		fmt.Sprintf("admit the client on %s %d: the construct's AllowFrom with the client, or its CIDR", c.protoName(), port))
}

// --- network ACLs ---

// naclAllows tells whether the rules let TCP ports lo..hi from or to peer
// through, first match by rule number. An invalid peer is an address
// privnet cannot know: only a rule for 0.0.0.0/0 decides for it. A range
// (the replies' ephemeral ports) allowed only in part is unknown: the
// client's operating system picks its ports (Linux 32768-60999, Windows
// 49152-65535, a NAT gateway 1024-65535).
func naclAllows(rules []naclRule, proto string, lo, hi int, peer netip.Prefix, public bool) (tri, string) {
	type span struct{ lo, hi int }
	left := []span{{lo, hi}}
	allowed, denied := false, false
	risk, denyRule := "", 0
	partialAllow, partialDeny := false, false
	for _, r := range rules {
		if r.f != "" {
			return unk, r.f // a rule that cannot be read may match
		}
		if !(r.proto == "-1" || r.proto == orDefault(proto, "tcp")) {
			continue
		}
		overlap := false
		for _, s := range left {
			if r.from <= s.hi && r.to >= s.lo {
				overlap = true
			}
		}
		if !overlap {
			continue
		}
		var covers, partial bool
		switch {
		case public && isPrivate(r.cidr):
			continue // a private range is not the internet's
		case public || !peer.IsValid():
			covers = r.cidr.Bits() == 0
			partial = !covers
		default:
			covers = r.cidr.Bits() <= peer.Bits() && r.cidr.Contains(peer.Addr())
			partial = !covers && r.cidr.Overlaps(peer)
		}
		if partial {
			// It matters only if it would decide otherwise than what
			// follows: recorded by its action, judged at the end.
			if r.allow && !partialAllow {
				partialAllow = true
			} else if !r.allow && !partialDeny {
				partialDeny = true
			}
			if risk == "" {
				if !peer.IsValid() && !public {
					risk = fmt.Sprintf("rule %d names %s, and the peer's addresses are not known at synth", r.num, orDefault(r.label, r.cidr.String()))
				} else {
					risk = fmt.Sprintf("rule %d covers only part of the peer's addresses", r.num)
				}
			}
			continue
		}
		if !covers {
			continue
		}
		var next []span
		for _, s := range left {
			if r.to < s.lo || r.from > s.hi {
				next = append(next, s)
				continue
			}
			if r.allow {
				allowed = true
			} else {
				denied = true
				if denyRule == 0 {
					denyRule = r.num
				}
			}
			if s.lo < r.from {
				next = append(next, span{s.lo, r.from - 1})
			}
			if s.hi > r.to {
				next = append(next, span{r.to + 1, s.hi})
			}
		}
		left = next
		if len(left) == 0 {
			break
		}
	}
	if len(left) > 0 {
		denied = true // the final rule denies what no rule matched
	}
	switch {
	case risk != "" && ((!denied && partialDeny) || (!allowed && partialAllow) || (allowed && denied)):
		return unk, risk
	case !denied:
		return yes, ""
	case !allowed && denyRule != 0:
		return no, fmt.Sprintf("rule %d denies it", denyRule)
	case !allowed:
		return no, "no rule allows it (the final rule denies)"
	}
	return unk, fmt.Sprintf("only part of ports %d-%d is allowed: enough only if the client's operating system picks its ports there (Linux 32768-60999, Windows 49152-65535)", lo, hi)
}

// naclPath checks the ACLs between two subnets for a TCP port, and the
// replies on ephemeral ports. A nil subnet is outside the VPC (its side is
// not checked); traffic within one subnet meets no ACL.
func (c *client) naclPath(from *subnet, fromPeer []netip.Prefix, to *subnet, toPeer []netip.Prefix, port int, public bool) outcome {
	if from != nil && to != nil && from == to {
		return pass
	}
	check := func(s *subnet, egress bool, lo, hi int, peers []netip.Prefix, what string) outcome {
		if s == nil || s.nacl == nil {
			return pass
		}
		if s.nacl.f != "" {
			return unknown(LinkNACL, s.nacl.f)
		}
		rules := s.nacl.ingress
		if egress {
			rules = s.nacl.egress
		}
		if c.v6 {
			rules = s.nacl.ingress6
			if egress {
				rules = s.nacl.egress6
			}
		}
		if public || len(peers) == 0 {
			peers = []netip.Prefix{{}} // the internet, or addresses not known at synth
		}
		for _, p := range peers {
			rs := rules
			if c.v6 {
				rs = naclRules6(rules, p)
			}
			v, why := naclAllows(rs, c.proto, lo, hi, p, public)
			c.hop("network-acl", s.nacl.addr+" of "+s.addr, what+": "+orDefault(why, "allowed"), v)
			switch v {
			case no:
				return broken(LinkNACL, fmt.Sprintf("network ACL %s of %s blocks %s: %s", s.nacl.addr, s.addr, what, why),
					fmt.Sprintf("allow %s in %s (network ACLs are stateless: the reply needs its own rule)", what, s.nacl.addr))
			case unk:
				return unknown(LinkNACL, fmt.Sprintf("network ACL %s of %s: %s", s.nacl.addr, s.addr, why))
			}
		}
		return pass
	}
	req := fmt.Sprintf("%s %d", c.protoName(), port)
	rep := "the replies on ports 1024-65535"
	return all(
		check(from, true, port, port, toPeer, req+" out"),
		check(to, false, port, port, fromPeer, req+" in"),
		check(to, true, 1024, 65535, fromPeer, rep+" out"),
		check(from, false, 1024, 65535, toPeer, rep+" in"),
	)
}

// --- paths to an ENI in the client's VPC (interface and Resource endpoints) ---

// toENIs checks a connection from the client to network interfaces in
// subnets, guarded by groups: security groups both ways, ACLs both ways,
// and, for a client outside the VPC, the way back.
func (c *client) toENIs(target string, subnets []*subnet, subF fact, groups []*secGroup, groupsF fact, port int) outcome {
	if subF != "" {
		return unknown(LinkModel, subF)
	}
	if len(subnets) == 0 {
		return broken(LinkEndpoint, fmt.Sprintf("%s has no subnets, so no network interface to connect to", target), "give the endpoint a subnet in each AZ of its clients")
	}
	// A network outside AWS first needs its way in: the hybrid link.
	var g *vgw
	in := pass
	if c.ext != nil {
		if g, in = c.arrive(); in.v == no {
			return in
		}
	}
	d := dest{groups: groups, label: target, v6: c.v6}
	d.prefixes, d.unknownAddr = c.subnetAddrs(subnets)
	o := all(in, c.egressTo(port, d), admits(groups, groupsF, target, port, c))
	if o.v == no {
		return o
	}
	acl := []outcome{o}
	for _, s := range subnets {
		var a outcome
		if c.ext != nil {
			// Outside the VPC only the endpoint's subnet has an ACL of ours.
			a = c.naclPath(nil, c.prefixes(), s, []netip.Prefix{s.cidr}, port, false)
		} else {
			a = c.naclPath(c.subnet, c.prefixes(), s, []netip.Prefix{c.addrOf(s)}, port, false)
		}
		acl = append(acl, a)
		if a.v == no {
			break
		}
	}
	o = all(acl...)
	if o.v == no {
		return o
	}
	if c.ext != nil && in.v == yes {
		return all(o, c.returnRoute(g, subnets))
	}
	return o
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// --- the public path: gateway endpoint, or the internet ---

// publicPath is how the client reaches a public address of svc in
// region: through a gateway endpoint in its route table, or the internet.
func (c *client) publicPath(svc *catalog.Service, regionName string, port int) (via string, o outcome) {
	if c.ext != nil {
		return "", broken(LinkModel, "a network outside AWS reaches public names by its own internet link, which is not this app's", "")
	}
	s := c.subnet
	if s.rtF != "" {
		return "", unknown(LinkModel, s.rtF)
	}
	if s.famF != "" {
		return "", unknown(LinkModel, s.famF)
	}
	if s.ipv6Only {
		// IPv4 gateway endpoints' prefix lists carry no IPv6 traffic.
		return c.internet6(port)
	}
	via, o = c.publicPath4(svc, regionName, port)
	return c.publicDns64(via, o, port)
}

// publicPath4 is publicPath over IPv4: a gateway endpoint, or the
// internet.
func (c *client) publicPath4(svc *catalog.Service, regionName string, port int) (via string, o outcome) {
	s := c.subnet
	var gws []*endpoint
	if s.rt != nil {
		gws = s.rt.gateway
	}
	if svc != nil && svc.Offers(catalog.Gateway) {
		for _, e := range gws {
			if e.svc == svc && e.region == regionName {
				c.hop("route", tableName(s), fmt.Sprintf("the prefix list of %s to gateway endpoint %s", svc.Key, e.addr), yes)
				d := dest{public: true, pls: []string{"aws_vpc_endpoint." + strings.TrimPrefix(e.addr, "aws_vpc_endpoint.") + ".prefix_list_id", "com.amazonaws." + regionName + "." + svc.Key}, label: "the prefix list of " + svc.Key}
				if e.pl != "" {
					d.pls = append(d.pls, e.pl)
				}
				return fmt.Sprintf("gateway endpoint %s through the route table's prefix list", e.addr),
					all(c.egressTo(port, d), c.naclPath(s, c.prefixes(), nil, nil, port, true))
			}
		}
	}
	return c.internet(port)
}

// internet is the client's way to public addresses through its default
// route.
func (c *client) internet(port int) (string, outcome) {
	s := c.subnet
	def, o := defaultRoute(s.rt)
	if o.v != yes {
		return "", o
	}
	if def == nil {
		c.hop("route", orDefault(tableName(s), "the main route table (AWS's)"), "no route to 0.0.0.0/0", no)
		if len(s.st.looseRoutes) > 0 {
			return "", unknown(LinkModel, s.st.looseRoutes[0]+", and it may be the way out")
		}
		if s.rt == nil {
			return "", broken(LinkInternet, fmt.Sprintf("no route to the internet (%s uses its VPC's main route table, which has only the local route)", s.addr), "")
		}
		return "", broken(LinkInternet, fmt.Sprintf("no route to the internet (%s has no default route)", s.rt.addr), "")
	}
	c.hop("route", orDefault(tableName(s), "the main route table"), fmt.Sprintf("0.0.0.0/0 to %s (%s)", def.target, def.kind), yes)
	d := dest{public: true, label: "the internet (0.0.0.0/0)"}
	sg := all(c.egressTo(port, d), c.naclPath(s, c.prefixes(), nil, nil, port, true))
	switch def.kind {
	case "igw":
		pub := c.public
		if c.tier && pub == no {
			pub = unk // a tier's workloads may ask for one
		}
		c.hop("public-ip", c.label, fmt.Sprintf("public IPv4 address: %s", map[tri]string{yes: "yes", no: "none", unk: "not known at synth"}[pub]), pub)
		if c.public == no && !c.tier {
			return "", broken(LinkInternet, fmt.Sprintf("%s routes to an internet gateway, but %s has no public IPv4 address", s.addr, c.label), "")
		}
		if c.public == unk || c.tier {
			return "internet gateway", all(sg, unknown(LinkInternet, fmt.Sprintf("whether the workloads of %s have public IPv4 addresses", c.label)))
		}
		return "internet gateway", sg
	case "nat":
		via, o := c.natOut(def.nat, def.target, port)
		if via == "" {
			return "", o
		}
		return via, all(sg, o)
	case "firewall":
		up := firewallUplink(def)
		if up == nil || up.kind != "igw" {
			return "", broken(LinkInternet, fmt.Sprintf("%s routes to Network Firewall %s, whose subnets have no route to an internet gateway", s.addr, def.target), "")
		}
		if c.public == no && !c.tier {
			return "", broken(LinkInternet, fmt.Sprintf("%s reaches the internet gateway through Network Firewall %s, but %s has no public IPv4 address", s.addr, def.target, c.label), "")
		}
		if c.public != yes {
			return "Network Firewall " + def.target + " and internet gateway", all(sg, unknown(LinkInternet, fmt.Sprintf("whether the workloads of %s have public IPv4 addresses", c.label)))
		}
		return "Network Firewall " + def.target + " and internet gateway", sg
	}
	return "", unknown(LinkModel, fmt.Sprintf("the default route of %s goes to %s (%s), which privnet does not model yet", s.addr, quote(def.target), def.kind))
}

// natOut is the way on from a NAT gateway the client's subnet routes to:
// a public one, in a subnet routed to an internet gateway (through a
// firewall or not), and that subnet's ACL both legs: in from the client
// (in its family), out to the internet (IPv4). via is "" when the way is
// broken or unknown.
func (c *client) natOut(nat *natGateway, target string, port int) (string, outcome) {
	s := c.subnet
	if nat == nil {
		return "", unknown(LinkModel, fmt.Sprintf("%s routes to NAT gateway %s, which is not in this app", s.addr, quote(target)))
	}
	if nat.f != "" {
		return "", unknown(LinkModel, nat.f)
	}
	if !nat.public {
		return "", broken(LinkInternet, fmt.Sprintf("%s routes to %s, a private NAT gateway, which does not reach the internet", s.addr, nat.addr), "")
	}
	ns := nat.subnet
	if ns.rtF != "" {
		return "", unknown(LinkModel, ns.rtF)
	}
	up, o := defaultRoute(ns.rt)
	if o.v != yes {
		return "", o
	}
	if up != nil {
		c.hop("route", orDefault(tableName(ns), "the main route table"), fmt.Sprintf("NAT gateway %s's subnet: 0.0.0.0/0 to %s (%s)", nat.addr, up.target, up.kind), map[bool]tri{true: yes, false: no}[up.kind == "igw" || up.kind == "firewall"])
	} else {
		c.hop("route", orDefault(tableName(ns), "the main route table"), fmt.Sprintf("NAT gateway %s's subnet has no route to 0.0.0.0/0", nat.addr), no)
	}
	// The NAT gateway's subnet has an ACL of its own, both legs.
	c4 := *c
	c4.v6 = false
	acl := all(c.naclPath(nil, c.prefixes(), ns, nil, port, false), c4.naclPath(ns, nil, nil, nil, port, true))
	via := "NAT gateway " + nat.addr
	if up != nil && up.kind == "firewall" {
		via += " and Network Firewall " + up.target
		up = firewallUplink(up)
	}
	if up == nil || up.kind != "igw" {
		return "", broken(LinkInternet, fmt.Sprintf("NAT gateway %s is in %s, which has no route to an internet gateway", nat.addr, nat.subnet.addr), "")
	}
	return via, acl
}

// tableName is the route table a subnet uses, for a trace.
func tableName(s *subnet) string {
	if s == nil || s.rt == nil {
		return ""
	}
	return s.rt.addr
}

// defaultRoute is the table's 0.0.0.0/0 route, or nil.
func defaultRoute(rt *routeTable) (*route, outcome) {
	if rt == nil {
		return nil, pass // AWS's main table: the local route only
	}
	for i := range rt.routes {
		r := &rt.routes[i]
		if r.f != "" && r.dstPL == "" && !r.dst.IsValid() {
			return nil, unknown(LinkModel, r.f)
		}
		if r.dst.IsValid() && r.dst.Bits() == 0 {
			if r.f != "" {
				return nil, unknown(LinkModel, r.f)
			}
			return r, pass
		}
	}
	return nil, pass
}

// firewallUplink is the default route of a firewall's subnets.
func firewallUplink(r *route) *route {
	for _, s := range r.firewall {
		if up, o := defaultRoute(s.rt); o.v == yes && up != nil {
			return up
		}
	}
	return nil
}

// isPrivate: RFC 1918 and shared address space.
func isPrivate(p netip.Prefix) bool {
	for _, s := range []string{"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"} {
		q := netip.MustParsePrefix(s)
		if q.Bits() <= p.Bits() && q.Contains(p.Addr()) {
			return true
		}
	}
	return false
}

// protoName is the connection's protocol in messages.
func (c *client) protoName() string { return strings.ToUpper(orDefault(c.proto, "tcp")) }
