package network

import (
	"fmt"
	"net/netip"
	"slices"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/reach/need"
)

// External is a network outside the VPC that reaches into it, such as an
// on-premises network over Site-to-Site VPN or Direct Connect. It is
// declared once, with its CIDRs and the link it arrives by; it makes no
// resource. Everything that deals with it reads this one declaration:
//   - security groups admit it (an interface endpoint's AllowFromNetwork,
//     a Resolver inbound endpoint's Admit);
//   - the hybrid link routes it (vpn.NewGateway propagates, or routes
//     statically, to it; a static VPN connection takes its CIDRs);
//   - reachability starts needs from it (core.Expect) and follows the link.
type External struct {
	Vpc   *Vpc
	Name  string
	Cidrs []string
	Via   string
	// prefixes are the parsed Cidrs (the valid ones).
	prefixes []netip.Prefix
}

// OnPremNeed is a place in the VPC that must exchange traffic with its
// external networks: the subnets of an endpoint or resolver endpoint that
// on-premises clients call, or that calls on premises. The hybrid link
// (vpn.NewGateway) checks that their route tables route to the networks.
type OnPremNeed struct {
	Path    string
	What    string
	Subnets []*Subnet
}

// NewExternal declares a network outside the VPC. Name and at least one
// IPv4 CIDR are required; Via names the link ("Site-to-Site VPN",
// "Direct Connect"). A CIDR that overlaps the VPC is an error (PN-VPC-13).
func NewExternal(vpc *Vpc, name string, cidrs []string, via string) *External {
	e := &External{Vpc: vpc, Name: name, Cidrs: cidrs, Via: via}
	if vpc == nil {
		return e
	}
	path := vpc.Path + " (external network " + core.Quote(name) + ")"
	if name == "" {
		vpc.Stack.Report(RuleExternal, path, "has no name", "name the network (\"on-premises\")")
	}
	if len(cidrs) == 0 {
		vpc.Stack.Report(RuleExternal, path, "has no CIDR", "give the network's IPv4 CIDRs")
	}
	for _, c := range cidrs {
		p, err := netip.ParsePrefix(c)
		if err != nil || !p.Addr().Is4() || p.Masked() != p {
			vpc.Stack.Report(RuleExternal, path, fmt.Sprintf("CIDR %s is not an IPv4 network address with its prefix length", core.Quote(c)), "write it like 192.168.0.0/16")
			continue
		}
		if other := vpc.declared(p, e); other != "" {
			vpc.Stack.Report(RuleExternal, path, fmt.Sprintf("CIDR %s is declared twice (also in external network %s)", p, core.Quote(other)),
				"declare each on-premises network once: routes to it are made once per network")
			continue
		}
		if b, ok := vpc.Overlaps(p); ok {
			vpc.Stack.Report(RuleOnPremOverlap, path, fmt.Sprintf("CIDR %s overlaps VPC %s (%s)", p, vpc.Path, b),
				"renumber one of them: the VPC's local route wins for its own addresses, so those on-premises addresses are unreachable from it")
			continue
		}
		e.prefixes = append(e.prefixes, p)
	}
	vpc.externals = append(vpc.externals, e)
	return e
}

// declared names the external network (e itself included) that already
// declares p in the VPC, or "".
func (v *Vpc) declared(p netip.Prefix, e *External) string {
	for _, x := range append(v.externals, e) {
		if slices.Contains(x.prefixes, p) {
			return x.Name
		}
	}
	return ""
}

// Prefixes are the network's valid CIDRs.
func (e *External) Prefixes() []netip.Prefix {
	if e == nil {
		return nil
	}
	return e.prefixes
}

// Overlaps returns the VPC block that p overlaps, if any.
func (v *Vpc) Overlaps(p netip.Prefix) (netip.Prefix, bool) {
	for _, b := range v.Cidrs() {
		if b.Overlaps(p) {
			return b, true
		}
	}
	return netip.Prefix{}, false
}

// Externals are the networks declared outside the VPC, in order.
func (v *Vpc) Externals() []*External { return v.externals }

// NeedsOnPrem records that subnets (of what, at path) exchange traffic
// with the VPC's external networks, so that the hybrid link checks their
// route tables.
func (v *Vpc) NeedsOnPrem(path, what string, subnets []*Subnet) {
	v.onPrem = append(v.onPrem, OnPremNeed{Path: path, What: what, Subnets: subnets})
}

// OnPremNeeds lists what NeedsOnPrem recorded, in order.
func (v *Vpc) OnPremNeeds() []OnPremNeed { return v.onPrem }

// ReachSource makes the network a source of needs.
func (e *External) ReachSource() need.Source {
	if e == nil || e.Vpc == nil {
		return need.Source{}
	}
	return need.Source{External: &need.External{Name: e.Name, CIDRs: e.Cidrs, Via: e.Via, Vpc: "aws_vpc." + e.Vpc.TfName}}
}

// PrivnetBase is the VPC the network arrives in.
func (e *External) PrivnetBase() *core.Base {
	if e == nil || e.Vpc == nil {
		return nil
	}
	return &e.Vpc.Base
}
