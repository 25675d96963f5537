package reach

import (
	"fmt"
	"net/netip"
	"regexp"
	"slices"
	"strings"

	"github.com/privnet/privnet/tfjson"
)

// Paths between VPCs: Transit Gateways (their VPC attachments, route
// tables, associations, propagations and static routes) and VPC peering
// connections (accepted at once, or by an accepter).

type tgw struct {
	st         *stack
	addr       string
	f          fact
	sgRef      bool // security_group_referencing_support enable
	autoAccept bool // auto_accept_shared_attachments enable
	atts       []*tgwAtt
	// principals are those the gateway is shared with through RAM (its
	// stack's shares); principalF why one cannot be read.
	principals []string
	principalF fact
}

// sharedWith tells whether the gateway is shared with account a: by its
// ID, or with an organization or OU (privnet takes it to hold a).
func (g *tgw) sharedWith(a string) tri {
	for _, p := range g.principals {
		if p == a || strings.Contains(p, ":organizations::") {
			return yes
		}
	}
	if g.principalF != "" {
		return unk
	}
	return no
}

// ownerSide tells whether the stacks are the gateway owner's: its
// account and region. A RAM piece made elsewhere is refused by AWS (only
// a share's owner adds resources and principals to it): the sharing is
// then not counted, or unknown, with why. ok is true when it counts.
func ownerSide(g *tgw, stacks ...*stack) (bool, fact) {
	for _, s := range stacks {
		switch same, f := sameAccount(s, g.st); {
		case same == unk:
			return false, f
		case same == no:
			return false, ""
		case s.region.Name != g.st.region.Name:
			return false, ""
		}
	}
	return true, ""
}

// sameAccountFact is "" when a and b are in one account, else why not or
// why that cannot be known.
func sameAccountFact(a, b *stack) fact {
	switch same, f := sameAccount(a, b); same {
	case yes:
		return ""
	case unk:
		return f
	}
	return "not the same account"
}

// sameAccount tells whether stacks a and b deploy into one account, as
// their providers name it (unnamed is the credentials' account, one for
// every stack that names none).
func sameAccount(a, b *stack) (tri, fact) {
	if f := firstFact(a.accountF, b.accountF); f != "" {
		return unk, f
	}
	switch {
	case a.account == b.account:
		return yes, ""
	case a.account == "" || b.account == "":
		// The credentials' account may be the one the other names.
		named, unnamed := a, b
		if a.account == "" {
			named, unnamed = b, a
		}
		return unk, fmt.Sprintf("stack %s names account %s and stack %s names none, so whether they are one account is not in the JSON", named.name, named.account, unnamed.name)
	}
	return no, ""
}

type tgwAtt struct {
	addr    string
	gw      *tgw
	vpc     *vpc
	subnets []*subnet
	f       fact
	sgRef   bool
	table   *tgwTable
	tableF  fact
	// accepted: an attachment from another account than the gateway's
	// waits for an accepter, unless the gateway accepts shared
	// attachments by itself; unshared: the gateway is not shared with the
	// attachment's account.
	accepted tri
	unshared string
}

type tgwTable struct {
	addr       string
	gw         *tgw
	static     []tgwRoute
	propagated []*tgwAtt
	// f: a route or propagation of the table cannot be followed.
	f fact
}

type tgwRoute struct {
	dst netip.Prefix
	att *tgwAtt // nil: blackhole
}

type pcx struct {
	addr     string
	a, b     *vpc
	inter    bool
	owner    string // peer_owner_id, "" for the requester's account
	accepted tri
	f        fact
	// wrongOwner: the peer VPC is not in the account the request names.
	wrongOwner string
}

var accountID = regexp.MustCompile(`^[0-9]{12}$`)

// buildTransit reads the Transit Gateways and peerings in six passes over
// every stack, so that references across stacks find what they name: 1,
// gateways and peerings; 2, the RAM shares' resource associations; 3,
// their principal associations; 4, attachments; 5, their accepters and
// the route tables; 6, associations, propagations, static routes and
// peering accepters.
func (st *stack) buildTransit(m *model, pass int) {
	find := func(v any, what string) (*stack, string, fact) {
		s2, addr, _, f := m.resolve(st, v, what)
		return s2, addr, f
	}
	vpcOf := func(v any, what string) (*vpc, fact) {
		s2, addr, f := find(v, what)
		if f != "" {
			return nil, f
		}
		if s2.vpcs[addr] == nil {
			return nil, fmt.Sprintf("%s names %s, which is not a VPC of this app", what, addr)
		}
		return s2.vpcs[addr], ""
	}
	gwOf := func(v any, what string) (*tgw, fact) {
		s2, addr, f := find(v, what)
		if f != "" {
			return nil, f
		}
		if s2.tgws[addr] == nil {
			return nil, fmt.Sprintf("%s names %s, which is not a Transit Gateway of this app", what, addr)
		}
		return s2.tgws[addr], ""
	}
	attOf := func(v any, what string) (*tgwAtt, fact) {
		s2, addr, f := find(v, what)
		if f != "" {
			return nil, f
		}
		if s2.tgwAtts[addr] == nil {
			return nil, fmt.Sprintf("%s names %s, which is not a Transit Gateway VPC attachment of this app", what, addr)
		}
		return s2.tgwAtts[addr], ""
	}
	tableOf := func(v any, what string) (*tgwTable, fact) {
		s2, addr, f := find(v, what)
		if f != "" {
			return nil, f
		}
		if s2.tgwTables[addr] == nil {
			return nil, fmt.Sprintf("%s names %s, which is not a Transit Gateway route table of this app", what, addr)
		}
		return s2.tgwTables[addr], ""
	}
	loose := func(f fact) { st.looseTransit = append(st.looseTransit, f) }
	switch pass {
	case 1:
		st.each("aws_ec2_transit_gateway", func(n string, a map[string]any) {
			g := &tgw{st: st, addr: "aws_ec2_transit_gateway." + n, f: st.dyn["aws_ec2_transit_gateway."+n], sgRef: tfjson.Str(a, "security_group_referencing_support") == "enable",
				autoAccept: tfjson.Str(a, "auto_accept_shared_attachments") == "enable"}
			if d := tfjson.Str(a, "default_route_table_association"); d != "disable" || tfjson.Str(a, "default_route_table_propagation") != "disable" {
				// The default table and its routes are AWS's, not in the JSON.
				g.f = firstFact(g.f, fmt.Sprintf("%s associates or propagates its attachments into its default route table, which privnet cannot read", g.addr))
			}
			st.tgws[g.addr] = g
		})
		st.each("aws_vpc_peering_connection", func(n string, a map[string]any) {
			p := &pcx{addr: "aws_vpc_peering_connection." + n, f: st.dyn["aws_vpc_peering_connection."+n], accepted: no}
			var f1, f2 fact
			p.a, f1 = vpcOf(a["vpc_id"], "the VPC of "+p.addr)
			p.b, f2 = vpcOf(a["peer_vpc_id"], "the peer VPC of "+p.addr)
			p.f = firstFact(p.f, f1, f2)
			peerRegion := st.region.Name
			if r := tfjson.Str(a, "peer_region"); r != "" {
				peerRegion = r
			} else if a["peer_region"] != nil {
				p.f = firstFact(p.f, p.addr+" has a peer_region privnet cannot read")
			}
			p.inter = peerRegion != st.region.Name
			if p.b != nil && p.b.st.regionF == "" && p.b.st.region.Name != peerRegion {
				// AWS looks for the peer VPC in peer_region: the request fails.
				p.f = firstFact(p.f, fmt.Sprintf("%s asks for its peer VPC in %s, and %s is in %s", p.addr, peerRegion, p.b.addr, p.b.st.region.Name))
			}
			if v, ok := a["peer_owner_id"]; ok && v != nil {
				p.owner = tfjson.Scalar(v)
				if !accountID.MatchString(p.owner) {
					p.f = firstFact(p.f, p.addr+" has a peer_owner_id privnet cannot read as an account ID")
				}
			}
			// The peer VPC is looked for in peer_owner_id's account, or the
			// requester's own.
			owner, ownerF := p.owner, fact("")
			if owner == "" {
				owner, ownerF = st.account, st.accountF
			}
			cross := owner != st.account || st.accountF != ""
			if p.b != nil && p.f == "" {
				switch {
				case firstFact(ownerF, p.b.st.accountF) != "":
					p.f = firstFact(ownerF, p.b.st.accountF)
				case p.b.st.account != owner && (owner == "" || p.b.st.account == ""):
					p.f = fmt.Sprintf("%s looks for its peer VPC %s in account %s, and %s's stack names %s, so whether they are one account is not in the JSON", p.addr, p.b.addr, orDefault(owner, "the credentials' (unnamed)"), p.b.addr, orDefault(p.b.st.account, "none"))
				case p.b.st.account != owner:
					p.wrongOwner = fmt.Sprintf("%s asks for its peer VPC %s in account %s, and %s is in account %s: the request fails", p.addr, p.b.addr, orDefault(owner, "unnamed"), p.b.addr, orDefault(p.b.st.account, "unnamed"))
				}
			}
			switch a["auto_accept"] {
			case true:
				if p.inter || cross {
					// "auto_accept must be false" across regions, and it
					// accepts only in the same account (provider documentation).
					p.f = firstFact(p.f, p.addr+" sets auto_accept across regions or accounts, which the provider refuses")
				}
				p.accepted = yes
			case nil, false:
			default:
				p.accepted = unk
			}
			st.pcxs[p.addr] = p
		})
	case 2:
		// RAM shares of the gateways, in any stack: the share's resource
		// association names the gateway, principal associations the share.
		// An association whose resource cannot be followed may share any
		// gateway of the app.
		st.each("aws_ram_resource_association", func(n string, a map[string]any) {
			what := "aws_ram_resource_association." + n
			s2, addr, attr, f := m.resolve(st, a["resource_arn"], "the resource of "+what)
			var g *tgw
			if f == "" {
				g = s2.tgws[addr]
				if g == nil {
					return // not a Transit Gateway
				}
				if attr != "arn" {
					return // RAM takes the gateway's ARN: this shares nothing
				}
			}
			s3, share, f2 := find(a["resource_share_arn"], "the share of "+what)
			if f = firstFact(f, f2, st.dyn[what]); f != "" {
				raw := tfjson.Scalar(a["resource_arn"])
				if g == nil && !strings.Contains(raw, "${") && !strings.Contains(raw, ":transit-gateway/") {
					return // a literal ARN of something else
				}
				for _, g2 := range m.allTgws(g) {
					g2.principalF = firstFact(g2.principalF, f)
				}
				return
			}
			// Only the gateway's owner adds it to a share of its own, in
			// the gateway's region (RAM shares are regional).
			if ok, f := ownerSide(g, st, s3); !ok {
				g.principalF = firstFact(g.principalF, f)
				return
			}
			m.tgwShares[s3.name+"|"+share] = append(m.tgwShares[s3.name+"|"+share], g)
		})
	case 3:
		st.each("aws_ram_principal_association", func(n string, a map[string]any) {
			what := "aws_ram_principal_association." + n
			s2, share, f := find(a["resource_share_arn"], "the share of "+what)
			gs := m.tgwShares[s2Name(s2)+"|"+share]
			switch {
			case f != "":
				// It may share a gateway: which one is not known.
				for _, g := range m.allTgws(nil) {
					g.principalF = firstFact(g.principalF, f)
				}
			case len(gs) == 0:
				return // another share
			}
			p := tfjson.Scalar(a["principal"])
			for _, g := range gs {
				if ok, f := ownerSide(g, st, s2); !ok {
					g.principalF = firstFact(g.principalF, f)
					continue
				}
				switch {
				case st.dyn[what] != "":
					g.principalF = firstFact(g.principalF, st.dyn[what])
				case p == "" || strings.Contains(p, "${"):
					g.principalF = firstFact(g.principalF, what+" names its principal by an expression")
				default:
					g.principals = append(g.principals, p)
				}
			}
		})
	case 4:
		st.each("aws_ec2_transit_gateway_vpc_attachment", func(n string, a map[string]any) {
			t := &tgwAtt{addr: "aws_ec2_transit_gateway_vpc_attachment." + n, f: st.dyn["aws_ec2_transit_gateway_vpc_attachment."+n],
				sgRef: tfjson.Str(a, "security_group_referencing_support") != "disable", accepted: yes}
			var f1, f2, f3 fact
			t.gw, f1 = gwOf(a["transit_gateway_id"], "the gateway of "+t.addr)
			t.vpc, f2 = vpcOf(a["vpc_id"], "the VPC of "+t.addr)
			t.subnets, f3 = st.subnetList(m, a, "subnet_ids", "the subnets of "+t.addr)
			t.f = firstFact(t.f, f1, f2, f3)
			st.tgwAtts[t.addr] = t
			if t.gw != nil {
				t.gw.atts = append(t.gw.atts, t)
				same, f := sameAccount(t.gw.st, st)
				switch {
				case same == unk:
					t.f = firstFact(t.f, f)
				case same == no:
					// Another account attaches only to a gateway shared
					// with it, and "when a cross-account ... attachment is
					// created", it waits in the owner's account for an
					// accepter, unless the gateway accepts by itself.
					switch t.gw.sharedWith(st.account) {
					case unk:
						t.f = firstFact(t.f, t.gw.principalF)
					case no:
						t.unshared = fmt.Sprintf("%s is in account %s, and %s is not shared with it through AWS RAM (no principal association of its stack's shares names that account or its organization), so the attachment cannot be made",
							t.addr, orDefault(st.account, "unnamed"), t.gw.addr)
					}
					if !t.gw.autoAccept {
						t.accepted = no
					}
				}
			}
			if t.vpc != nil {
				t.vpc.tgwAtts = append(t.vpc.tgwAtts, t)
			} else {
				loose(firstFact(t.f, t.addr+" attaches a VPC privnet cannot follow"))
			}
		})
	case 5:
		// Accepters of attachments of other stacks: associations in the
		// owner's account name the accepter, which is the attachment.
		st.each("aws_ec2_transit_gateway_vpc_attachment_accepter", func(n string, a map[string]any) {
			what := "aws_ec2_transit_gateway_vpc_attachment_accepter." + n
			at, f := attOf(a["transit_gateway_attachment_id"], "the attachment of "+what)
			switch {
			case at == nil:
				loose(f)
			case st.dyn[what] != "":
				at.accepted, at.f = unk, firstFact(at.f, st.dyn[what])
			case at.gw != nil && sameAccountFact(st, at.gw.st) != "":
				at.f = firstFact(at.f, fmt.Sprintf("%s accepts %s with the credentials of another account than %s's (%s)", what, at.addr, at.gw.addr, sameAccountFact(st, at.gw.st)))
			case at.gw != nil && st.region.Name != at.gw.st.region.Name:
				at.f = firstFact(at.f, fmt.Sprintf("%s is made in %s, and %s is in %s", what, st.region.Name, at.gw.addr, at.gw.st.region.Name))
			default:
				at.accepted = yes
				st.tgwAtts[what] = at
			}
		})
		st.each("aws_ec2_transit_gateway_route_table", func(n string, a map[string]any) {
			t := &tgwTable{addr: "aws_ec2_transit_gateway_route_table." + n, f: st.dyn["aws_ec2_transit_gateway_route_table."+n]}
			var f fact
			t.gw, f = gwOf(a["transit_gateway_id"], "the gateway of "+t.addr)
			t.f = firstFact(t.f, f)
			st.tgwTables[t.addr] = t
		})
	case 6:
		st.each("aws_ec2_transit_gateway_route_table_association", func(n string, a map[string]any) {
			what := "aws_ec2_transit_gateway_route_table_association." + n
			at, f1 := attOf(a["transit_gateway_attachment_id"], "the attachment of "+what)
			tb, f2 := tableOf(a["transit_gateway_route_table_id"], "the table of "+what)
			f := firstFact(st.dyn[what], f1, f2)
			switch {
			case at == nil:
				loose(f)
			case f != "":
				at.table, at.tableF = nil, firstFact(at.tableF, f)
			case at.tableF != "":
				// an earlier association could not be read: it stays unknown
			case at.table != nil && at.table != tb:
				at.table, at.tableF = nil, fmt.Sprintf("%s is associated with %s and %s, and AWS associates an attachment with one table (the second fails: Resource.AlreadyAssociated)", at.addr, at.table.addr, tb.addr)
			case tb.gw != nil && at.gw != nil && tb.gw != at.gw:
				at.table, at.tableF = nil, fmt.Sprintf("%s associates %s with %s, a table of another gateway", what, at.addr, tb.addr)
			default:
				at.table = tb
			}
		})
		st.each("aws_ec2_transit_gateway_route_table_propagation", func(n string, a map[string]any) {
			what := "aws_ec2_transit_gateway_route_table_propagation." + n
			at, f1 := attOf(a["transit_gateway_attachment_id"], "the attachment of "+what)
			tb, f2 := tableOf(a["transit_gateway_route_table_id"], "the table of "+what)
			f := firstFact(st.dyn[what], f1, f2)
			switch {
			case tb == nil:
				loose(f)
			case f != "":
				tb.f = firstFact(tb.f, f)
			case at.f != "" || at.vpc == nil:
				tb.f = firstFact(tb.f, at.f, at.addr+" attaches a VPC privnet cannot follow")
			case tb.gw != nil && at.gw != nil && tb.gw != at.gw:
				tb.f = firstFact(tb.f, fmt.Sprintf("%s propagates %s into %s, a table of another gateway", what, at.addr, tb.addr))
			default:
				tb.propagated = append(tb.propagated, at)
			}
		})
		st.each("aws_ec2_transit_gateway_route", func(n string, a map[string]any) {
			what := "aws_ec2_transit_gateway_route." + n
			tb, f := tableOf(a["transit_gateway_route_table_id"], "the table of "+what)
			if tb == nil {
				loose(f)
				return
			}
			dst, ok := prefix(a["destination_cidr_block"])
			if !ok || st.dyn[what] != "" {
				tb.f = firstFact(tb.f, st.dyn[what], what+" has a destination privnet cannot read")
				return
			}
			r := tgwRoute{dst: dst}
			if a["blackhole"] != true {
				at, f := attOf(a["transit_gateway_attachment_id"], "the attachment of "+what)
				if at == nil {
					tb.f = firstFact(tb.f, f)
					return
				}
				if at.f != "" {
					tb.f = firstFact(tb.f, at.f)
					return
				}
				r.att = at
			}
			tb.static = append(tb.static, r)
		})
		st.each("aws_vpc_peering_connection_accepter", func(n string, a map[string]any) {
			what := "aws_vpc_peering_connection_accepter." + n
			s2, addr, f := find(a["vpc_peering_connection_id"], "the peering of "+what)
			p := (*pcx)(nil)
			if f == "" {
				p = s2.pcxs[addr]
			}
			switch {
			case p == nil:
				loose(firstFact(f, fmt.Sprintf("%s names %s, which is not a peering of this app", what, addr)))
			case st.dyn[what] != "" || a["auto_accept"] != true:
				p.accepted = unk
				p.f = firstFact(p.f, st.dyn[what], what+" does not set auto_accept, so whether it accepts is not in the JSON")
			case p.b != nil && sameAccountFact(st, p.b.st) != "":
				p.accepted = unk
				p.f = firstFact(p.f, fmt.Sprintf("%s is made with the credentials of account %s, and %s's peer VPC %s is in account %s: %s", what, orDefault(st.account, "unnamed"), p.addr, p.b.addr, orDefault(p.b.st.account, "unnamed"), sameAccountFact(st, p.b.st)))
			case p.b != nil && st.regionF == "" && st.region.Name != p.b.st.region.Name:
				p.accepted = unk
				p.f = firstFact(p.f, fmt.Sprintf("%s is made in %s, and the peer VPC %s is in %s: the accepter must be made in the peer's region", what, st.region.Name, p.b.addr, p.b.st.region.Name))
			default:
				p.accepted = yes
			}
		})
	}
}

// lookup is where a Transit Gateway route table sends the addresses of
// p: p is cut at every boundary of the table's routes; in each piece the
// most specific static route or propagated VPC block decides, a static
// route winning a tie ("Static routes take precedence over propagated
// routes with the same destination", AWS Knowledge Center, read
// 2026-11-24). It returns the attachment every piece goes to, or what
// breaks.
func (t *tgwTable) lookup(p netip.Prefix) (*tgwAtt, string) {
	var dsts []netip.Prefix
	for _, r := range t.static {
		dsts = append(dsts, r.dst)
	}
	for _, a := range t.propagated {
		if a.vpc != nil {
			dsts = append(dsts, a.vpc.cidrs...)
		}
	}
	var to *tgwAtt
	for _, at := range cuts(p, dsts) {
		best := -1
		var got *tgwAtt
		for _, r := range t.static {
			if holds(r.dst, at) && r.dst.Bits() > best {
				got, best = r.att, r.dst.Bits()
			}
		}
		for _, a := range t.propagated {
			if a.vpc == nil {
				continue
			}
			for _, b := range a.vpc.cidrs {
				// A static route of the same length wins (it came first).
				if holds(b, at) && b.Bits() > best {
					got, best = a, b.Bits()
				}
			}
		}
		switch {
		case best < 0:
			return nil, fmt.Sprintf("%s has no route to %s", t.addr, addrOf(at))
		case got == nil:
			return nil, fmt.Sprintf("%s drops %s (a blackhole route)", t.addr, addrOf(at))
		case to != nil && got != to:
			return nil, fmt.Sprintf("%s sends parts of %s to %s and %s", t.addr, p, to.addr, got.addr)
		}
		to = got
	}
	return to, ""
}

// cuts are the first addresses of the pieces of p that the prefixes dsts
// cut it into: in each piece the same routes hold every address.
func cuts(p netip.Prefix, dsts []netip.Prefix) []uint64 {
	lo, hi := span(p)
	out := []uint64{lo}
	for _, d := range dsts {
		if !d.Addr().Is4() || !d.Overlaps(p) {
			continue
		}
		a, b := span(d)
		if a > lo {
			out = append(out, a)
		}
		if b < hi {
			out = append(out, b+1)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// back checks that subnet s routes every address of p to the way
// matched: the most specific route of its table decides in each piece.
func back(s *subnet, p netip.Prefix, way string, matched func(r *route) bool) outcome {
	if s.rtF != "" {
		return unknown(LinkModel, s.rtF)
	}
	if s.rt == nil {
		return broken(LinkReturnRoute, fmt.Sprintf("%s uses its VPC's main route table, which has only the local route: its answers to %s have no way back through %s", s.addr, p, way),
			fmt.Sprintf("route %s to %s in the subnet's table", p, way))
	}
	var dsts []netip.Prefix
	for _, r := range s.rt.routes {
		if r.dstPL != "" || r.f != "" && !r.dst.IsValid() {
			return unknown(LinkModel, firstFact(r.f, fmt.Sprintf("%s has a route to prefix list %s, whose addresses privnet cannot know", s.rt.addr, quote(r.dstPL))))
		}
		dsts = append(dsts, r.dst)
	}
	for _, at := range cuts(p, dsts) {
		var best *route
		for i, r := range s.rt.routes {
			if holds(r.dst, at) && (best == nil || r.dst.Bits() > best.dst.Bits()) {
				best = &s.rt.routes[i]
			}
		}
		switch {
		case best == nil:
			return broken(LinkReturnRoute, fmt.Sprintf("%s has no route to %s, so the answers from %s have no way back through %s", s.rt.addr, addrOf(at), s.addr, way),
				fmt.Sprintf("route %s to %s in %s", p, way, s.rt.addr))
		case best.f != "":
			return unknown(LinkModel, best.f)
		case !matched(best):
			return broken(LinkReturnRoute, fmt.Sprintf("%s sends %s to %s, not back through %s", s.rt.addr, addrOf(at), quote(best.target), way),
				fmt.Sprintf("route %s to %s in %s", p, way, s.rt.addr))
		}
	}
	return pass
}

// allTgws is g alone, or, with no g, every Transit Gateway of the app.
func (m *model) allTgws(g *tgw) []*tgw {
	if g != nil {
		return []*tgw{g}
	}
	var out []*tgw
	for _, n := range tfjson.SortedKeys(m.stacks) {
		st := m.stacks[n]
		for _, a := range tfjson.SortedKeys(st.tgws) {
			out = append(out, st.tgws[a])
		}
	}
	return out
}

func s2Name(s *stack) string {
	if s == nil {
		return ""
	}
	return s.name
}

// looseTransit is the first Transit Gateway piece of any stack that could
// not be followed, "" when there is none.
func (m *model) looseTransit() fact {
	for _, n := range tfjson.SortedKeys(m.stacks) {
		if l := m.stacks[n].looseTransit; len(l) > 0 {
			return l[0]
		}
	}
	return ""
}

// attachmentIn is the gateway's attachment of v.
func (g *tgw) attachmentIn(v *vpc) *tgwAtt {
	for _, a := range g.atts {
		if a.vpc == v {
			return a
		}
	}
	return nil
}

// covers tells whether the attachment has a subnet in s's AZ: "any
// resources in Availability Zones where there is no transit gateway
// attachment cannot reach the transit gateway".
func (a *tgwAtt) covers(s *subnet) tri {
	if s.az == "" {
		return unk
	}
	for _, x := range a.subnets {
		if x.az == "" {
			return unk
		}
		if x.az == s.az {
			return yes
		}
	}
	return no
}

// across follows a client's connection to an instance in another VPC
// through the route its subnet takes (a peering or a Transit Gateway),
// and the answers back; refs says which security-group references the
// way carries.
func (m *model) across(c *client, in *instance, best *route, to netip.Prefix, ports []int) verdict {
	from, dst := c.subnet.vpc, in.subnet.vpc
	var ingressRefs, egressRefs bool
	var way string
	var matched func(r *route) bool
	switch best.kind {
	case "pcx":
		p := best.pcx
		switch {
		case p == nil:
			return verdict{v: Unknown, o: unknown(LinkModel, fmt.Sprintf("%s routes %s through %s, which is not a peering of this app", c.subnet.addr, best.dst, quote(best.target)))}
		case p.f != "":
			return verdict{v: Unknown, o: unknown(LinkModel, p.f)}
		case !(p.a == from && p.b == dst || p.a == dst && p.b == from):
			return verdict{v: Unreachable, o: broken(LinkPeering, fmt.Sprintf("%s routes %s through %s, which joins %s and %s, not %s: peering is not transitive", c.subnet.addr, best.dst, p.addr, p.a.addr, p.b.addr, dst.addr),
				fmt.Sprintf("peer %s with %s", from.addr, dst.addr))}
		case p.wrongOwner != "":
			return verdict{v: Unreachable, o: broken(LinkPeering, p.wrongOwner, "name the peer VPC's account in peer_owner_id (its stack's core.StackProps.Account)")}
		case p.accepted == no:
			return verdict{v: Unreachable, o: broken(LinkPeering, fmt.Sprintf("%s is never accepted: no auto_accept and no accepter", p.addr), "accept it: auto_accept in one region and account, an aws_vpc_peering_connection_accepter otherwise")}
		case p.accepted == unk:
			return verdict{v: Unknown, o: unknown(LinkPeering, p.addr+" is accepted by a resource whose acceptance is not in the JSON")}
		}
		c.hop("peering", p.addr, fmt.Sprintf("joins %s and %s", p.a.addr, p.b.addr), yes)
		way, ingressRefs, egressRefs = p.addr, !p.inter, !p.inter
		matched = func(r *route) bool { return r.kind == "pcx" && r.pcx == p }
	case "tgw":
		g := best.tgw
		if g == nil {
			return verdict{v: Unknown, o: unknown(LinkModel, fmt.Sprintf("%s routes %s through %s, which is not a Transit Gateway of this app", c.subnet.addr, best.dst, quote(best.target)))}
		}
		if g.f != "" {
			return verdict{v: Unknown, o: unknown(LinkModel, g.f)}
		}
		// A piece of any stack that could not be followed may be the
		// missing attachment, association, propagation or route: what
		// would break is unknown instead.
		loose := m.looseTransit()
		out, in2 := g.attachmentIn(from), g.attachmentIn(dst)
		for _, x := range []struct {
			a *tgwAtt
			v *vpc
		}{{out, from}, {in2, dst}} {
			switch {
			case x.a == nil && loose != "":
				return verdict{v: Unknown, o: unknown(LinkModel, loose)}
			case x.a == nil:
				return verdict{v: Unreachable, o: broken(LinkTransit, fmt.Sprintf("%s is not attached to %s", x.v.addr, g.addr), "attach it (transit.Attach)")}
			case x.a.f != "":
				return verdict{v: Unknown, o: unknown(LinkModel, x.a.f)}
			case x.a.unshared != "":
				return verdict{v: Unreachable, o: broken(LinkTransit, x.a.unshared, fmt.Sprintf("share %s with the attachment's account (transit.GatewayProps.ShareWith)", g.addr))}
			case x.a.accepted == no:
				return verdict{v: Unreachable, o: broken(LinkTransit, fmt.Sprintf("%s is in another account than %s, which does not accept shared attachments by itself, and no accepter accepts it", x.a.addr, g.addr),
					"accept it in the gateway's account (transit.AttachmentProps.AccepterScope)")}
			case x.a.tableF != "":
				return verdict{v: Unknown, o: unknown(LinkModel, x.a.tableF)}
			case x.a.table == nil && loose != "":
				return verdict{v: Unknown, o: unknown(LinkModel, loose)}
			case x.a.table == nil:
				return verdict{v: Unreachable, o: broken(LinkTransit, fmt.Sprintf("%s is associated with no route table, so %s drops what %s sends", x.a.addr, g.addr, x.v.addr), "associate it with a route table")}
			case x.a.table.f != "":
				return verdict{v: Unknown, o: unknown(LinkModel, x.a.table.f)}
			}
		}
		for _, x := range []struct {
			a    *tgwAtt
			s    *subnet
			what string
		}{{out, c.subnet, c.label}, {in2, in.subnet, "the answers of " + in.addr}} {
			switch x.a.covers(x.s) {
			case unk:
				return verdict{v: Unknown, o: unknown(LinkModel, fmt.Sprintf("the AZ of %s or of %s's subnets is not in the JSON", x.s.addr, x.a.addr))}
			case no:
				return verdict{v: Unreachable, o: broken(LinkTransit, fmt.Sprintf("%s has no subnet in %s, where %s is, so %s cannot reach the gateway", x.a.addr, x.s.az, x.s.addr, x.what), "give the attachment a subnet in that AZ")}
			}
		}
		if got, why := out.table.lookup(to); (why != "" || got != in2) && loose != "" {
			return verdict{v: Unknown, o: unknown(LinkModel, loose)}
		} else if why != "" || got != in2 {
			if why == "" {
				why = fmt.Sprintf("%s sends %s to %s", out.table.addr, to, got.addr)
			}
			c.hop("transit-gateway", out.table.addr, why, no)
			return verdict{v: Unreachable, o: broken(LinkTransit, fmt.Sprintf("%s: not to %s, so %s never reaches %s", why, in2.addr, c.label, in.addr), fmt.Sprintf("propagate %s into %s, or add a static route", in2.addr, out.table.addr))}
		}
		for _, p := range c.prefixes() {
			if got, why := in2.table.lookup(p); (why != "" || got != out) && loose != "" {
				return verdict{v: Unknown, o: unknown(LinkModel, loose)}
			} else if why != "" || got != out {
				if why == "" {
					why = fmt.Sprintf("%s sends %s to %s", in2.table.addr, p, got.addr)
				}
				c.hop("transit-gateway", in2.table.addr, why, no)
				return verdict{v: Unreachable, o: broken(LinkTransit, fmt.Sprintf("%s: the answers of %s never reach %s", why, in.addr, c.label), fmt.Sprintf("propagate %s into %s", out.addr, in2.table.addr))}
			}
		}
		c.hop("transit-gateway", g.addr, fmt.Sprintf("%s to %s by %s, back by %s", out.addr, in2.addr, out.table.addr, in2.table.addr), yes)
		way, ingressRefs = g.addr, g.sgRef && out.sgRef && in2.sgRef
		matched = func(r *route) bool { return r.kind == "tgw" && r.tgw == g }
	}
	if len(c.prefixes()) == 0 {
		return verdict{v: Unknown, o: unknown(LinkModel, c.label+"'s address is not known, so its return route cannot be checked")}
	}
	for _, p := range c.prefixes() {
		if o := back(in.subnet, p, way, matched); o.v != yes {
			c.hop("return-route", tableName(in.subnet), o.problem, o.v)
			return fromOutcome(o, Private, way)
		}
	}
	c.hop("return-route", tableName(in.subnet), "routes "+prefixList(c.prefixes())+" back through "+way, yes)
	what := "instance"
	if in.eni {
		what = "endpoint network interface"
	}
	c.hop("target", in.addr, fmt.Sprintf("%s in %s, security groups %s", what, in.subnet.addr, groupNames(in.sgs)), yes)
	var os []outcome
	for _, port := range ports {
		cc := *c
		if !ingressRefs {
			// The target's rules cannot name the client's groups across
			// this way (a tier's workloads' groups neither): only its
			// addresses count.
			cc.groups, cc.tier = nil, false
		}
		d := dest{groups: in.sgs, prefixes: []netip.Prefix{to}, label: in.addr}
		if !egressRefs {
			d.groups = nil
		}
		os = append(os, all(c.egressTo(port, d), admitsAcross(in, port, &cc, c), c.naclPath(c.subnet, c.prefixes(), in.subnet, []netip.Prefix{to}, port, false)))
	}
	return fromOutcome(all(os...), Private, way)
}

// admitsAcross is admits for a client whose groups the target may not
// name (cc has them dropped); a failure keeps the client's own label.
func admitsAcross(in *instance, port int, cc, c *client) outcome {
	o := admits(in.sgs, in.sgF, in.addr, port, cc)
	if o.v == no && (len(c.groups) > 0 || c.tier) && len(cc.groups) == 0 && !cc.tier {
		o.problem += " (rules that name its security groups do not count across this way: use its CIDR)"
	}
	return o
}

func prefixList(ps []netip.Prefix) string {
	var out []string
	for _, p := range ps {
		out = append(out, p.String())
	}
	return strings.Join(out, ", ")
}
