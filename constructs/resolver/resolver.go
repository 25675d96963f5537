// Package resolver is Route 53 Resolver for hybrid DNS: inbound endpoints
// that on-premises DNS servers forward to (so that on premises resolves the
// VPC's private names, interface endpoints' private DNS among them),
// outbound endpoints, and forwarding rules that send the VPC's queries for
// on-premises domains to on-premises DNS servers (rules PN-DNS-*,
// docs/rules.md).
package resolver

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/netip"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/route53resolverendpoint"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/route53resolverrule"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/route53resolverruleassociation"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/endpoints"
	"github.com/privnet/privnet/constructs/network"
	"github.com/privnet/privnet/constructs/securitygroup"
)

// EndpointProps places a Resolver endpoint.
type EndpointProps struct {
	// Vpc the endpoint is in. Required.
	Vpc *network.Vpc
	// Tier whose subnets get one IP each. Default: the VPC's first
	// private tier.
	Tier string
	// Subnets, instead of Tier: one IP in each. A subnet listed twice (two
	// IPs in one AZ, which PN-DNS-2 refuses unless suppressed) needs
	// distinct fixed Ips.
	Subnets []*network.Subnet
	// Ips fixes the IPs, in the order of the subnets: on-premises
	// forwarders are configured with them. Default: AWS picks them (they
	// are in the endpoint's <name>_ips output after apply).
	Ips []string
}

// InboundProps configures an inbound endpoint.
type InboundProps struct {
	EndpointProps
	// Admit are the networks whose DNS servers query the endpoint: its
	// security group admits their CIDRs on 53/tcp and 53/udp. Default: every
	// external network the VPC declared (network.NewExternal) before.
	Admit []*network.External
	// Forwarders are the on-premises DNS servers that forward queries to
	// the endpoint ("192.168.10.10"): its group then admits only them, each
	// of which must lie in an admitted network. Default: the admitted
	// networks' whole CIDRs.
	Forwarders []string
	// OpenIngress, when set, is the reason to open 53 to all addresses
	// instead, with all egress, so that AWS does not track the flows: a
	// tracked endpoint IP may answer as few as about 1,500 queries per
	// second (Route 53 "Resolver endpoint scaling"). The review shows it.
	OpenIngress string
}

// Endpoint is a Resolver endpoint with its own security group.
type Endpoint struct {
	constructs.Construct
	core.Base
	Vpc       *network.Vpc
	Direction string
	Resource  route53resolverendpoint.Route53ResolverEndpoint
	Group     *securitygroup.SecurityGroup
	// Subnets are the subnets of its IPs, in order; Ips the fixed IPs
	// ("" where AWS picks).
	Subnets []*network.Subnet
	Ips     []netip.Addr
	tfName  string
	// needsOnPrem: the endpoint told the VPC that it talks to on premises.
	needsOnPrem bool
}

// SecurityGroup is the endpoint's own group.
func (e *Endpoint) SecurityGroup() *securitygroup.SecurityGroup { return e.Group }

// NewInbound makes an inbound endpoint, its security group admitting the
// declared networks on 53, and an output of its IPs for the on-premises
// forwarders.
func NewInbound(scope constructs.Construct, id string, props *InboundProps) *Endpoint {
	if props == nil {
		props = &InboundProps{}
	}
	e := newEndpoint(scope, id, "INBOUND", &props.EndpointProps)
	if e.Resource == nil {
		return e
	}
	reason := strings.TrimSpace(props.OpenIngress)
	if reason != "" && !describable.MatchString(reason) {
		e.Report(RuleAdmit, fmt.Sprintf("OpenIngress %s has characters AWS refuses in a security group rule's description, or is longer than 200", core.Quote(reason)),
			"write the reason with letters, digits, spaces and . _-:/()#,@[]+=&;{}!$* only")
		reason = ""
	}
	if reason != "" && len(props.Forwarders) > 0 {
		e.Report(RuleAdmit, "both OpenIngress and Forwarders are given: open ingress admits every address, so the forwarders would restrict nothing", "drop one of them")
	}
	dns := []securitygroup.Port{securitygroup.UDP(53), securitygroup.TCP(53)}
	if reason != "" {
		e.Group.OpenUntracked(dns, "DNS from anywhere, untracked: "+reason)
	}
	registerInbound(e)
	// The networks are read at validation, whenever they were declared.
	e.Stack.Defer(func() { e.admit(props, reason, dns) })
	return e
}

// admit makes the inbound endpoint's ingress from the admitted networks
// (or their forwarders), and records that its subnets talk to on premises.
func (e *Endpoint) admit(props *InboundProps, reason string, dns []securitygroup.Port) {
	admit := props.Admit
	if admit == nil {
		admit = e.Vpc.Externals()
	}
	switch {
	case reason != "":
	case len(admit) == 0:
		e.Report(RuleAdmit, "the inbound endpoint admits no network, so no DNS server can query it",
			"declare the on-premises networks (network.NewExternal), or list them in Admit; or set OpenIngress with the reason")
	}
	admitted := false
	var nets []netip.Prefix
	for _, n := range admit {
		if n == nil || n.Vpc != e.Vpc {
			e.Report(RuleAdmit, "Admit lists a network not declared in the endpoint's VPC", "declare it with network.NewExternal on the endpoint's VPC")
			continue
		}
		admitted = true
		nets = append(nets, n.Prefixes()...)
	}
	var peers []string
	for i, f := range props.Forwarders {
		a, err := netip.ParseAddr(f)
		if err != nil || !a.Is4() {
			e.Report(RuleAdmit, fmt.Sprintf("Forwarders[%d] %s is not an IPv4 address", i, core.Quote(f)), "write it like 192.168.10.10")
			continue
		}
		in := false
		for _, p := range nets {
			in = in || p.Contains(a)
		}
		if !in {
			e.Report(RuleAdmit, fmt.Sprintf("Forwarders[%d] %s is in none of the admitted networks", i, a), "give the address of an on-premises DNS server in a declared network, or declare its network")
			continue
		}
		if p := netip.PrefixFrom(a, 32).String(); !slices.Contains(peers, p) {
			peers = append(peers, p)
		}
	}
	if len(props.Forwarders) == 0 {
		for _, p := range nets {
			peers = append(peers, p.String())
		}
	}
	if reason == "" {
		for _, c := range peers {
			for _, p := range dns {
				e.Group.AllowIngressFromCidr(p, c, fmt.Sprintf("DNS %s to the inbound resolver from on-premises %s", p, c))
			}
		}
	}
	if admitted || reason != "" && len(e.Vpc.Externals()) > 0 {
		e.Vpc.NeedsOnPrem(e.Path, "Resolver inbound endpoint", e.Subnets)
	}
}

// NewOutbound makes an outbound endpoint. Its security group allows 53 out
// only to the targets of its forwarding rules (NewForwardRule).
func NewOutbound(scope constructs.Construct, id string, props *EndpointProps) *Endpoint {
	if props == nil {
		props = &EndpointProps{}
	}
	return newEndpoint(scope, id, "OUTBOUND", props)
}

func newEndpoint(scope constructs.Construct, id, direction string, props *EndpointProps) *Endpoint {
	e := &Endpoint{Vpc: props.Vpc, Direction: direction}
	e.Init(e, scope, id)
	v := props.Vpc
	if v == nil {
		e.Report(RuleTwoIps, "a Resolver endpoint needs a Vpc", "pass the VPC it is in")
		return e
	}
	if !e.Uses("VPC", &v.Base) {
		return e
	}
	if v.Imported == nil && !v.DnsSupport {
		e.Report(RuleTwoIps, fmt.Sprintf("VPC %s has DNS support off, so the VPC resolver behind the endpoint does not answer", v.Path), "turn DNS support on in the VPC (the default)")
	}
	subnets := props.Subnets
	if len(subnets) == 0 {
		t := v.TierOrDefault(props.Tier)
		if t == nil {
			e.Report(network.RuleTierLookup, fmt.Sprintf("VPC %s has no tier %s", v.Path, core.Quote(props.Tier)), "name one of the VPC's tiers")
			return e
		}
		subnets = t.Subnets
	}
	var kept []*network.Subnet
	for i, s := range subnets {
		if s == nil || v.TierOf(s) == nil {
			e.Report(RuleTwoIps, fmt.Sprintf("Subnets[%d] is not a subnet of VPC %s", i, v.Path), "give subnets of the endpoint's VPC (vpc.Tier(name).Subnets)")
			continue
		}
		kept = append(kept, s)
	}
	subnets = kept
	network.RequireIpv4(&e.Base, "a Route 53 Resolver endpoint (privnet gives it IPv4 addresses)", subnets,
		"place it in a tier with IPv4 (Tier or Subnets)")
	if len(subnets) < 2 {
		e.Report(RuleTwoIps, fmt.Sprintf("the endpoint has %d IP address (one per subnet), and Route 53 requires at least two", len(subnets)),
			"place it in a tier with subnets in two AZs (AzCount: 2), or list two Subnets")
	}
	zones := map[string]bool{}
	seenSubnet := map[*network.Subnet]bool{}
	for _, s := range subnets {
		zones[s.Zone()] = true
		if seenSubnet[s] && len(props.Ips) != len(subnets) {
			// ip_address is a set: two blocks naming only the same subnet
			// are one, and AWS would get one IP where privnet counts two.
			e.Report(RuleTwoIps, fmt.Sprintf("subnet %s is listed twice without fixed Ips, and Terraform merges identical ip_address blocks into one", s.Cidr), "give a distinct IP for each subnet in Ips")
		}
		seenSubnet[s] = true
	}
	if len(subnets) >= 2 && len(zones) < 2 {
		e.Report(RuleTwoAzs, fmt.Sprintf("all %d IP addresses are in %s, so one AZ's outage stops the endpoint", len(subnets), subnets[0].AzLabel()),
			"use subnets in two AZs (privnet policy; suppress PN-DNS-2 with a reason to keep one AZ)")
	}
	if len(subnets) > 10 {
		e.Report(RuleTwoIps, fmt.Sprintf("the endpoint has %d IP addresses, and the AWS provider takes at most 10 ip_address blocks", len(subnets)), "use at most 10 subnets")
	}
	if len(props.Ips) > 0 && len(props.Ips) != len(subnets) {
		e.Report(RuleTwoIps, fmt.Sprintf("%d Ips for %d subnets", len(props.Ips), len(subnets)), "give one IP per subnet, in the subnets' order, or none")
	}
	var blocks []*route53resolverendpoint.Route53ResolverEndpointIpAddress
	seen := map[netip.Addr]bool{}
	for i, s := range subnets {
		b := &route53resolverendpoint.Route53ResolverEndpointIpAddress{SubnetId: s.SubnetId}
		var ip netip.Addr
		if i < len(props.Ips) {
			ip = e.checkIp(i, props.Ips[i], s, seen)
			if ip.IsValid() {
				b.Ip = jsii.String(ip.String())
			}
		}
		e.Ips = append(e.Ips, ip)
		e.Subnets = append(e.Subnets, s)
		blocks = append(blocks, b)
	}
	e.Group = securitygroup.Owned(e, &e.Base, &securitygroup.Props{Vpc: v,
		Description: fmt.Sprintf("Route 53 Resolver %s endpoint %s", strings.ToLower(direction), e.Stack.Name+"-"+strings.ReplaceAll(e.Name, "_", "-"))})
	if e.Group.Resource == nil {
		return e
	}
	name := awsName(e.Stack.Name + "-" + strings.ReplaceAll(e.Name, "_", "-"))
	e.Resource = route53resolverendpoint.NewRoute53ResolverEndpoint(e, jsii.String("endpoint"), &route53resolverendpoint.Route53ResolverEndpointConfig{
		Name:             jsii.String(name),
		Direction:        jsii.String(direction),
		IpAddress:        blocks,
		SecurityGroupIds: &[]*string{e.Group.RefFrom(e.Stack)},
		Tags:             &map[string]*string{"Name": jsii.String(name)},
	})
	e.tfName = e.Stack.NameResource(e.Resource, "aws_route53_resolver_endpoint", e.Path, e.Name)
	e.Stack.Output(e, e.Path, "ips", e.Name+"_ips", "IP addresses of the Route 53 Resolver "+strings.ToLower(direction)+" endpoint",
		"${[for a in aws_route53_resolver_endpoint."+e.tfName+".ip_address : a.ip]}")
	return e
}

// checkIp checks the i-th fixed IP: an IPv4 address inside its subnet,
// not one AWS reserves, not given twice.
func (e *Endpoint) checkIp(i int, s string, sub *network.Subnet, seen map[netip.Addr]bool) netip.Addr {
	ip, err := netip.ParseAddr(s)
	if err != nil || !ip.Is4() {
		e.Report(RuleTwoIps, fmt.Sprintf("Ips[%d] %s is not an IPv4 address", i, core.Quote(s)), "write it like 10.0.1.10")
		return netip.Addr{}
	}
	if seen[ip] {
		e.Report(RuleTwoIps, fmt.Sprintf("Ips[%d] %s is given twice", i, ip), "give each IP once")
		return netip.Addr{}
	}
	seen[ip] = true
	if !sub.Cidr.IsValid() {
		return ip // an imported subnet whose block is unknown: AWS checks it
	}
	if !sub.Cidr.Contains(ip) {
		e.Report(RuleTwoIps, fmt.Sprintf("Ips[%d] %s is not in its subnet %s (%s)", i, ip, sub.Cidr, sub.AzLabel()), "give an address of that subnet, in the subnets' order")
		return netip.Addr{}
	}
	if !network.Usable(sub.Cidr, ip) {
		// Inside the subnet, yet reserved: the last address, or one of the
		// first four.
		if !ip.Next().IsValid() || !sub.Cidr.Contains(ip.Next()) {
			e.Report(RuleTwoIps, fmt.Sprintf("Ips[%d] %s is the last address of %s, which AWS reserves", i, ip, sub.Cidr), "give another address of the subnet")
		} else {
			e.Report(RuleTwoIps, fmt.Sprintf("Ips[%d] %s is one of the first four addresses of %s, which AWS reserves", i, ip, sub.Cidr), "give an address from the fifth on")
		}
		return netip.Addr{}
	}
	return ip
}

// ForwardProps configures a forwarding rule.
type ForwardProps struct {
	// Outbound is the outbound endpoint the queries leave by. Required.
	Outbound *Endpoint
	// Domain is forwarded with its subdomains ("corp.example.com").
	Domain string
	// Targets are the DNS servers, "192.168.10.10" or "192.168.10.10:5353".
	Targets []string
	// Vpcs are associated with the rule: their queries for Domain are
	// forwarded. Default: the outbound endpoint's VPC.
	Vpcs []*network.Vpc
}

// ForwardRule is a FORWARD rule with its associations.
type ForwardRule struct {
	constructs.Construct
	core.Base
	Resource route53resolverrule.Route53ResolverRule
	Domain   string
	Targets  []netip.AddrPort
	Vpcs     []*network.Vpc
	out      *Endpoint
}

// describable is what AWS takes in a security group rule's description
// (EC2 API Reference, IpRange Description: a-zA-Z0-9. _-:/()#,@[]+=&;{}!$*,
// up to 255 characters), less the prefix privnet writes before a reason.
var describable = regexp.MustCompile(`^[a-zA-Z0-9. _\-:/()#,@\[\]+=&;{}!$*]{1,200}$`)

// domainName: labels of letters, digits, hyphens and underscores (SRV and
// such), 1–63 each, up to 253 in all, with an optional final dot.
var label = regexp.MustCompile(`^[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$`)

// NewForwardRule makes the rule, the outbound endpoint's egress to its
// targets on their ports, and the rule's associations.
func NewForwardRule(scope constructs.Construct, id string, props *ForwardProps) *ForwardRule {
	if props == nil {
		props = &ForwardProps{}
	}
	r := &ForwardRule{}
	r.Init(r, scope, id)
	out := props.Outbound
	if out == nil || out.Resource == nil || out.Direction != "OUTBOUND" {
		r.Report(RuleForward, "a forwarding rule needs an Outbound endpoint that was built", "pass resolver.NewOutbound")
		return r
	}
	if !r.Uses("outbound endpoint", &out.Base) {
		return r
	}
	domain, ok := checkDomain(props.Domain)
	if !ok {
		r.Report(RuleForward, fmt.Sprintf("Domain %s is not a domain name", core.Quote(props.Domain)), `write it like "corp.example.com"`)
		return r
	}
	r.Domain = domain
	if len(props.Targets) == 0 {
		r.Report(RuleForward, "the rule has no Targets", "list the on-premises DNS servers' IPv4 addresses")
	}
	for i, t := range props.Targets {
		ap, ok := parseTarget(t)
		if !ok {
			r.Report(RuleForward, fmt.Sprintf("Targets[%d] %s is not an IPv4 address with an optional port", i, core.Quote(t)), `write it like "192.168.10.10" or "192.168.10.10:53"`)
			continue
		}
		if slices.Contains(r.Targets, ap) {
			continue
		}
		r.Targets = append(r.Targets, ap)
		if a := ap.Addr(); !a.IsPrivate() && !inShared(a) {
			r.Stack.Note(r.Path, fmt.Sprintf("warning (PN-DNS-6): target %s is outside private address space: the forwarded queries leave the private network (through NAT or the internet), and AWS allows it", a))
		}
	}
	r.Vpcs = props.Vpcs
	if len(r.Vpcs) == 0 {
		r.Vpcs = []*network.Vpc{out.Vpc}
	}
	var targets []*route53resolverrule.Route53ResolverRuleTargetIp
	for _, ap := range r.Targets {
		targets = append(targets, &route53resolverrule.Route53ResolverRuleTargetIp{Ip: jsii.String(ap.Addr().String()), Port: jsii.Number(float64(ap.Port()))})
		for _, p := range []securitygroup.Port{{Protocol: "udp", From: int(ap.Port()), To: int(ap.Port())}, {Protocol: "tcp", From: int(ap.Port()), To: int(ap.Port())}} {
			out.Group.AllowEgressToCidr(p, ap.Addr().String()+"/32", fmt.Sprintf("DNS %s to forward target %s", p, ap.Addr()))
		}
	}
	r.out = out
	name := awsName(r.Stack.Name + "-" + strings.ReplaceAll(r.Name, "_", "-"))
	r.Resource = route53resolverrule.NewRoute53ResolverRule(r, jsii.String("rule"), &route53resolverrule.Route53ResolverRuleConfig{
		Name:               jsii.String(name),
		DomainName:         jsii.String(domain),
		RuleType:           jsii.String("FORWARD"),
		ResolverEndpointId: out.Resource.Id(),
		TargetIp:           targets,
		Tags:               &map[string]*string{"Name": jsii.String(name)},
	})
	r.Stack.NameResource(r.Resource, "aws_route53_resolver_rule", r.Path, r.Name)
	seen := map[*network.Vpc]bool{}
	for i, v := range r.Vpcs {
		if v == nil || seen[v] {
			continue
		}
		seen[v] = true
		if !r.Uses("VPC", &v.Base) {
			continue
		}
		a := route53resolverruleassociation.NewRoute53ResolverRuleAssociation(r, jsii.String(fmt.Sprintf("association-%d", i)), &route53resolverruleassociation.Route53ResolverRuleAssociationConfig{
			ResolverRuleId: r.Resource.Id(),
			VpcId:          v.VpcId,
		})
		r.Stack.NameResource(a, "aws_route53_resolver_rule_association", r.Path, r.Name, strconv.Itoa(i))
		if other := claimDomain(v, r); other != nil {
			r.Report(RuleForward, fmt.Sprintf("VPC %s is already associated with rule %s for %s, and AWS associates one rule per domain with a VPC", v.Path, other.Path, r.Domain),
				"forward the domain to all its servers in one rule")
		}
	}
	r.Stack.Defer(func() { r.check() })
	return r
}

// check runs at validation, when every endpoint exists: the loop and the
// shadowed service names.
func (r *ForwardRule) check() {
	// A target in a declared on-premises network: the outbound endpoint's
	// subnets must route there (checked by the VPC's gateway).
	if out := r.out; out != nil && !out.needsOnPrem {
		for _, n := range out.Vpc.Externals() {
			for _, c := range n.Prefixes() {
				for _, t := range r.Targets {
					if c.Contains(t.Addr()) && !out.needsOnPrem {
						out.needsOnPrem = true
						out.Vpc.NeedsOnPrem(out.Path, "Resolver outbound endpoint", out.Subnets)
					}
				}
			}
		}
	}
	for _, v := range r.Vpcs {
		if v == nil {
			continue
		}
		for _, in := range inbounds(v) {
			for _, ip := range in.Ips {
				for _, t := range r.Targets {
					if ip.IsValid() && t.Addr() == ip {
						r.Report(RuleLoop, fmt.Sprintf("VPC %s is associated with the rule, which forwards %s to %s, an IP of its own inbound endpoint %s: the queries loop", v.Path, r.Domain, ip, in.Path),
							"forward to the DNS servers that hold the domain, or associate the rule with other VPCs only")
					}
				}
			}
		}
		// The most specific domain wins, and a rule beats a private hosted
		// zone of the same name: a rule for the zone's name or a name under
		// it takes those names from the endpoint. (A rule for amazonaws.com
		// or "." does not: the zone is more specific.)
		names := endpoints.PrivateDnsNames(v)
		var hit []string
		for n := range names {
			if under(r.Domain, strings.TrimPrefix(n, "*.")) {
				hit = append(hit, n)
			}
		}
		sort.Strings(hit)
		if len(hit) > 0 {
			r.Report(RuleShadow, fmt.Sprintf("the rule forwards %s, which is (or is under) %s, the private DNS name of %s in VPC %s: its clients would resolve it through %s, not to the endpoint",
				r.Domain, hit[0], names[hit[0]], v.Path, targetList(r.Targets)),
				"forward only the on-premises domains (corp.example.com), and leave the service's name to the endpoint's private DNS")
		}
	}
}

func targetList(ts []netip.AddrPort) string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Addr().String())
	}
	if len(out) == 0 {
		return "the targets"
	}
	return strings.Join(out, ", ")
}

// under tells whether name is domain or one of its subdomains ("." holds
// every name).
func under(name, domain string) bool {
	name, domain = strings.ToLower(strings.TrimSuffix(name, ".")), strings.ToLower(strings.TrimSuffix(domain, "."))
	return domain == "" || name == domain || strings.HasSuffix(name, "."+domain)
}

// checkDomain normalizes a domain name ("." for the root), lower case
// without the final dot.
func checkDomain(d string) (string, bool) {
	d = strings.TrimSpace(d)
	if d == "." {
		return d, true
	}
	d = strings.ToLower(strings.TrimSuffix(d, "."))
	if d == "" || len(d) > 253 {
		return "", false
	}
	for _, l := range strings.Split(d, ".") {
		if !label.MatchString(l) {
			return "", false
		}
	}
	return d, true
}

func parseTarget(t string) (netip.AddrPort, bool) {
	if ap, err := netip.ParseAddrPort(t); err == nil {
		return ap, ap.Addr().Is4() && ap.Port() != 0
	}
	a, err := netip.ParseAddr(t)
	if err != nil || !a.Is4() {
		return netip.AddrPort{}, false
	}
	return netip.AddrPortFrom(a, 53), true
}

// inShared: 100.64.0.0/10, carrier-grade NAT space, used on premises too.
func inShared(a netip.Addr) bool {
	return netip.MustParsePrefix("100.64.0.0/10").Contains(a)
}

// The inbound endpoints of each VPC (for the loop check), and the
// forwarding rules of each VPC by domain (one per domain).
var (
	mu      sync.Mutex
	inbound = map[*network.Vpc][]*Endpoint{}
	domains = map[*network.Vpc]map[string]*ForwardRule{}
)

func inbounds(v *network.Vpc) []*Endpoint {
	mu.Lock()
	defer mu.Unlock()
	return slices.Clone(inbound[v])
}

func claimDomain(v *network.Vpc, r *ForwardRule) *ForwardRule {
	mu.Lock()
	defer mu.Unlock()
	if domains[v] == nil {
		domains[v] = map[string]*ForwardRule{}
	}
	if other := domains[v][r.Domain]; other != nil {
		return other
	}
	domains[v][r.Domain] = r
	return nil
}

func registerInbound(e *Endpoint) {
	mu.Lock()
	defer mu.Unlock()
	inbound[e.Vpc] = append(inbound[e.Vpc], e)
}

// awsName keeps a Resolver endpoint's or rule's name within the 64
// characters AWS takes (Route 53 Resolver API Reference, Name): a longer
// one keeps its first 55 characters and a hash of the whole.
func awsName(n string) string {
	if len(n) <= 64 {
		return n
	}
	sum := sha256.Sum256([]byte(n))
	return n[:55] + "-" + hex.EncodeToString(sum[:4])
}
