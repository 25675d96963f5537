package network

import (
	"fmt"
	"net/netip"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/reach/need"
)

// External is a network outside the VPC that reaches into it, such as an
// on-premises network over Site-to-Site VPN or Direct Connect. It makes
// no resource: it is a source of needs (core.Expect), so that the
// reachability check knows who arrives, from which addresses, and by
// which link. Until privnet builds the link (the on-premises issue), a
// need from it is "unknown: no route to on-premises is modelled", never a
// pass.
type External struct {
	Vpc   *Vpc
	Name  string
	Cidrs []string
	Via   string
}

// NewExternal declares a network outside the VPC. Name and at least one
// IPv4 CIDR are required; Via names the link ("Site-to-Site VPN",
// "Direct Connect").
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
		if p, err := netip.ParsePrefix(c); err != nil || !p.Addr().Is4() || p.Masked() != p {
			vpc.Stack.Report(RuleExternal, path, fmt.Sprintf("CIDR %s is not an IPv4 network address with its prefix length", core.Quote(c)), "write it like 192.168.0.0/16")
		}
	}
	return e
}

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
