// Package securitygroup is a security group whose every rule has a
// description, a single port range and a named peer, and never opens to the
// whole internet. Endpoints, Instance Connect endpoints and instances each
// get their own, so nothing ever falls back to the VPC's default group.
package securitygroup

import (
	"fmt"
	"net/netip"
	"reflect"
	"strconv"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/securitygroup"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpcsecuritygroupegressrule"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpcsecuritygroupingressrule"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/network"
)

// Props configures a SecurityGroup.
type Props struct {
	Vpc *network.Vpc // required
	// Description says what the group guards. Required: scanners flag
	// groups without one, and reviewers need it.
	Description string
}

// SecurityGroup is the construct. Terraform removes the allow-all egress
// rule AWS adds to new groups, so a group starts with no rules at all.
type SecurityGroup struct {
	constructs.Construct
	core.Base
	Vpc      *network.Vpc
	Resource securitygroup.SecurityGroup
	// tfName is the group's Terraform name.
	tfName string
	rules  map[string]bool
	// scope holds the group's resources: the group itself, or the
	// construct that owns it (Owned); idPrefix keeps their ids apart there.
	scope    constructs.Construct
	idPrefix string
	// Rules lists the group's rules in the order added, for reports.
	Rules []Rule
	// admits indexes the ingress rules by peer group (nil: the whole VPC),
	// so that Admits, asked once per instance and endpoint, does not scan
	// every rule of a group that many instances use.
	admits map[*SecurityGroup][]Port
	// byDefault are rules from the whole VPC made at validation unless
	// the group's clients are named before (AdmitVpcUnlessNamed).
	byDefault []defaultRule
	named     bool
	// opened: validation made the VPC-wide default rules (no client was
	// named); naming one now is PN-SG-7.
	opened bool
}

type defaultRule struct {
	port Port
	why  string
}

// Rule is one rule as added: exactly one of Cidr, Group, PrefixList is set.
type Rule struct {
	Ingress     bool
	Port        Port
	Cidr        string
	Group       *SecurityGroup
	PrefixList  *string
	Label       string
	Description string
}

// Admits tells whether the group lets TCP port in from group from, or
// from every address of the VPC CIDR.
func (g *SecurityGroup) Admits(port int, from *SecurityGroup) bool {
	if g == nil {
		return false
	}
	if !g.named {
		for _, d := range g.byDefault {
			if d.port.Protocol == "tcp" && d.port.From <= port && port <= d.port.To {
				return true
			}
		}
	}
	for _, peer := range []*SecurityGroup{from, nil} {
		for _, p := range g.admits[peer] {
			if p.Protocol == "tcp" && p.From <= port && port <= p.To {
				return true
			}
		}
	}
	return false
}

// Haver is anything that owns a security group (an endpoint, an instance):
// rules can name it as their peer.
type Haver interface {
	SecurityGroup() *SecurityGroup
}

// GroupOf returns h's group, or nil when h is nil or its construct could
// not build its group (that construct reports why): rules naming it are
// then skipped instead of dereferencing nil.
func GroupOf(h Haver) *SecurityGroup {
	if h == nil {
		return nil
	}
	if v := reflect.ValueOf(h); v.Kind() == reflect.Pointer && v.IsNil() {
		return nil
	}
	g := h.SecurityGroup()
	if g == nil || g.Resource == nil {
		return nil
	}
	return g
}

// SecurityGroup lets a *SecurityGroup be passed where a Haver is wanted.
func (g *SecurityGroup) SecurityGroup() *SecurityGroup { return g }

// New makes a security group with no rules, as a construct of its own.
func New(scope constructs.Construct, id string, props *Props) *SecurityGroup {
	if props == nil {
		props = &Props{}
	}
	g := &SecurityGroup{Vpc: props.Vpc, rules: map[string]bool{}}
	g.Init(g, scope, id)
	g.scope = g
	g.create(props)
	return g
}

// Owned makes the security group of a privnet construct (an endpoint, an
// instance) inside that construct rather than as a construct of its own:
// one runtime round trip fewer per owner, hundreds in a large app
// (BENCHMARKS.md). Its path reads <owner>/sg; it is a Go value only, and
// not a scope for other constructs.
func Owned(owner constructs.Construct, base *core.Base, props *Props) *SecurityGroup {
	g := &SecurityGroup{Vpc: props.Vpc, rules: map[string]bool{}, scope: owner, idPrefix: "sg-"}
	g.Base = core.Base{Stack: base.Stack, Path: base.Path + "/sg", Name: base.Name + "_sg"}
	g.create(props)
	return g
}

func (g *SecurityGroup) create(props *Props) {
	if props.Vpc == nil {
		g.Stack.Report(RuleVpc, g.Path, "security group has no Vpc", "pass the VPC the group belongs to")
		return
	}
	if !g.Uses("VPC", &props.Vpc.Base) {
		return
	}
	if strings.TrimSpace(props.Description) == "" {
		g.Stack.Report(RuleDescription, g.Path, "security group has no Description", "say what the group guards")
	}
	tagName := g.Stack.Name + "-" + strings.ReplaceAll(g.Name, "_", "-")
	cfg := &securitygroup.SecurityGroupConfig{
		// name_prefix, not name: a name must be unique per VPC and cannot
		// change in place; the prefix keeps replacement possible.
		NamePrefix: jsii.String(tagName + "-"),
		VpcId:      props.Vpc.VpcId,
		Tags:       &map[string]*string{"Name": jsii.String(tagName)},
	}
	// With PN-SG-6 suppressed, a group without a description gets the
	// provider's default ("Managed by Terraform"): CreateSecurityGroup
	// requires a GroupDescription.
	if strings.TrimSpace(props.Description) != "" {
		cfg.Description = jsii.String(props.Description)
	}
	g.Resource = securitygroup.NewSecurityGroup(g.scope, jsii.String("sg"), cfg)
	g.tfName = g.Stack.NameResource(g.Resource, "aws_security_group", g.Path, g.Name)
}

// GroupId is the group's ID, as a token any stack can use.
func (g *SecurityGroup) GroupId() *string {
	if g.Resource == nil {
		return core.Unbuilt(g.Path)
	}
	return g.Resource.Id()
}

// RefFrom is the group's ID for a resource of stack: a plain reference in
// the group's own stack (no runtime round trip; most uses), the token in
// another.
func (g *SecurityGroup) RefFrom(stack *core.Stack) *string {
	if stack == g.Stack {
		return g.Stack.Ref("aws_security_group", g.tfName, "id")
	}
	return g.GroupId()
}

// Port is a TCP or UDP port range; From == To for one port.
type Port struct {
	Protocol string // tcp (default) or udp
	From, To int
}

// TCP is one TCP port.
func TCP(port int) Port { return Port{Protocol: "tcp", From: port, To: port} }

// UDP is one UDP port.
func UDP(port int) Port { return Port{Protocol: "udp", From: port, To: port} }

func (p Port) String() string {
	proto := orTCP(p.Protocol)
	if p.From == p.To {
		return fmt.Sprintf("%d/%s", p.From, proto)
	}
	return fmt.Sprintf("%d-%d/%s", p.From, p.To, proto)
}

func (p Port) slug() string {
	return strings.NewReplacer("/", "-").Replace(p.String())
}

// peer is one side of a rule: a CIDR, a security group or a prefix list.
type peer struct {
	cidr       string
	ipv6       bool // cidr is an IPv6 block (cidr_ipv6)
	group      *SecurityGroup
	prefixList *string
	label      string // for names and descriptions
}

// AllowIngressFromCidr allows port from an IPv4 or IPv6 CIDR (the VPC, an
// on-premises network). 0.0.0.0/0 and ::/0 are refused: a closed network
// never needs them.
func (g *SecurityGroup) AllowIngressFromCidr(port Port, cidr, why string) {
	g.nameClient(cidr)
	g.rule(true, port, g.cidrPeer(true, port, cidr), why)
}

// nameClient records that the group's clients are named; after
// validation made the VPC-wide default rules, that narrows nothing.
func (g *SecurityGroup) nameClient(who string) {
	if g.opened {
		g.opened = false // once per group
		g.Stack.Report(RuleNamedLate, g.Path, fmt.Sprintf("client %s is named after the app validated, when the group already admits the whole VPC", who),
			"name the endpoint's clients (AllowFrom, AllowFromCidr) before app.Validate or app.Run")
	}
	g.named = true
}

// AdmitVpcUnlessNamed is the default of a construct that clients reach
// (an endpoint): port from the whole VPC CIDR, unless its clients are
// named before validation (AdmitFrom, AllowIngressFromCidr, or
// AllowIngressFromVpc itself). Then only they get in: least privilege
// where the stack says who needs the construct (KICS "Sensitive Port Is
// Exposed To Wide Private Network"), the whole VPC where it says nothing.
func (g *SecurityGroup) AdmitVpcUnlessNamed(port Port, why string) {
	if g == nil || g.Resource == nil {
		return
	}
	if len(g.byDefault) == 0 {
		g.Stack.Defer(func() {
			if g.named {
				return
			}
			for _, d := range g.byDefault {
				g.AllowIngressFromVpc(d.port, d.why)
			}
			g.named = true // the rules exist now
			g.opened = true
		})
	}
	g.byDefault = append(g.byDefault, defaultRule{port, why})
}

// AllowIngressFromVpc allows port from the whole VPC CIDR.
func (g *SecurityGroup) AllowIngressFromVpc(port Port, why string) {
	if g.Vpc == nil || !g.Vpc.Cidr.IsValid() {
		return // the VPC reports its CIDR
	}
	g.named = true
	g.rule(true, port, peer{cidr: g.Vpc.Cidr.String(), label: "vpc"}, why)
	for i, c := range g.Vpc.SecondaryCidrs { // an imported VPC's other blocks
		g.rule(true, port, peer{cidr: c.String(), label: fmt.Sprintf("vpc-cidr-%d", i+2)}, why)
	}
	if g.Vpc.Ipv6Cidr != nil { // a dual-stack VPC's IPv6 /56
		g.rule(true, port, peer{cidr: *g.Vpc.Ipv6Cidr, ipv6: true, label: "vpc-ipv6"}, ipv6Why(why))
	}
	for i, c := range g.Vpc.SecondaryIpv6Cidrs { // an imported VPC's other IPv6 blocks
		g.rule(true, port, peer{cidr: c.String(), ipv6: true, label: fmt.Sprintf("vpc-ipv6-%d", i+2)}, ipv6Why(why))
	}
}

// AllowEgressToVpc allows port to the whole VPC CIDR.
func (g *SecurityGroup) AllowEgressToVpc(port Port, why string) {
	if g.Vpc == nil || !g.Vpc.Cidr.IsValid() {
		return
	}
	g.rule(false, port, peer{cidr: g.Vpc.Cidr.String(), label: "vpc"}, why)
	for i, c := range g.Vpc.SecondaryCidrs {
		g.rule(false, port, peer{cidr: c.String(), label: fmt.Sprintf("vpc-cidr-%d", i+2)}, why)
	}
	if g.Vpc.Ipv6Cidr != nil {
		g.rule(false, port, peer{cidr: *g.Vpc.Ipv6Cidr, ipv6: true, label: "vpc-ipv6"}, ipv6Why(why))
	}
	for i, c := range g.Vpc.SecondaryIpv6Cidrs {
		g.rule(false, port, peer{cidr: c.String(), ipv6: true, label: fmt.Sprintf("vpc-ipv6-%d", i+2)}, ipv6Why(why))
	}
}

// AllowIngressFrom allows port from another construct's security group.
func (g *SecurityGroup) AllowIngressFrom(port Port, from Haver, why string) {
	if pg := GroupOf(from); pg != nil {
		g.nameClient(pg.Path)
	} else {
		g.nameClient("a client")
	}
	if pg := g.peerGroup(from); pg != nil {
		g.rule(true, port, peer{group: pg}, why)
	}
}

// AllowEgressToCidr allows port to an IPv4 or IPv6 CIDR; 0.0.0.0/0 and
// ::/0 are refused.
func (g *SecurityGroup) AllowEgressToCidr(port Port, cidr, why string) {
	g.rule(false, port, g.cidrPeer(false, port, cidr), why)
}

// AllowEgressTo allows port to another construct's security group.
func (g *SecurityGroup) AllowEgressTo(port Port, to Haver, why string) {
	if pg := g.peerGroup(to); pg != nil {
		g.rule(false, port, peer{group: pg}, why)
	}
}

// AdmitFrom is AllowFrom for the construct that owns g (an endpoint): it
// lets from in on each of ports, describing each rule with why, and the
// owner reports a from that has no security group. A nil g (the owner
// failed to build it, and said so) admits nothing.
func (g *SecurityGroup) AdmitFrom(owner *core.Base, from Haver, ports []Port, why func(p Port, fromPath string) string) {
	if g == nil {
		return
	}
	fg := GroupOf(from)
	if fg == nil {
		owner.Report(RulePeer, "AllowFrom names a construct that has no security group", "pass a construct that built its group (its own error says why it did not)")
		return
	}
	for _, p := range ports {
		g.AllowIngressFrom(p, from, why(p, fg.Path))
	}
}

func (g *SecurityGroup) peerGroup(h Haver) *SecurityGroup {
	pg := GroupOf(h)
	if pg == nil && g.Resource != nil {
		g.Stack.Report(RulePeer, g.Path, "a rule names a peer that has no security group", "pass a construct that built its group (its own error says why it did not)")
	}
	if pg != nil && g.Resource != nil && pg.Vpc != nil && g.Vpc != nil && pg.Stack != nil && g.Stack != nil && pg.Stack.Region.Name != g.Stack.Region.Name {
		// Across regions no link carries a reference (an inter-region
		// peering does not): say so, rather than that the stacks differ.
		var ways []string
		for _, l := range g.Vpc.LinksTo(pg.Vpc) {
			ways = append(ways, l.Kind+" "+l.Via)
		}
		if len(ways) > 0 {
			g.Report(RuleCrossVpc, fmt.Sprintf("a rule references group %s of VPC %s, in %s, across %s, which carries no group reference: \"You can't reference the security group of a peer VPC that's in a different Region. Instead, use the CIDR block of the peer VPC.\"",
				pg.Path, pg.Vpc.Path, pg.Stack.Region.Name, strings.Join(ways, ", ")),
				"reference the other VPC's CIDR (AllowIngressFromCidr, AllowEgressToCidr) instead")
			return nil
		}
	}
	// A group of another region (or app) cannot be referenced: its ID
	// would come through remote state and name nothing here.
	if pg != nil && g.Resource != nil && !g.Uses("security group", &pg.Base) {
		return nil
	}
	return pg
}

// checkCrossVpc reports a rule that references a group of another VPC
// across no link, or across one that does not carry references in the
// rule's direction. It runs at validation: the links (peerings, Transit
// Gateway attachments) may be made after the rule.
func (g *SecurityGroup) checkCrossVpc(ingress bool, pg *SecurityGroup, port Port) {
	dir := "an inbound"
	if !ingress {
		dir = "an outbound"
	}
	links := g.Vpc.LinksTo(pg.Vpc)
	if len(links) == 0 {
		g.Report(RuleCrossVpc, fmt.Sprintf("%s rule for %s references group %s of VPC %s, and no peering or Transit Gateway joins VPC %s to it", dir, port, pg.Path, pg.Vpc.Path, g.Vpc.Path),
			"join the VPCs (transit.NewPeering, transit.Attach) or reference the other VPC's CIDR")
		return
	}
	var why []string
	for _, l := range links {
		if ingress && l.Ingress || !ingress && l.Egress {
			return
		}
		why = append(why, fmt.Sprintf("%s %s: %s", l.Kind, l.Via, l.NoRefs))
	}
	g.Report(RuleCrossVpc, fmt.Sprintf("%s rule for %s references group %s of VPC %s, and no link between the VPCs carries it (%s)", dir, port, pg.Path, pg.Vpc.Path, strings.Join(why, "; ")),
		"reference the other VPC's CIDR instead, or turn on what the link needs")
}

// AllowEgressToPrefixList allows port to an AWS-managed prefix list (the
// S3 gateway endpoint's, for example); label names it in the rule.
func (g *SecurityGroup) AllowEgressToPrefixList(port Port, prefixListId *string, label, why string) {
	g.rule(false, port, peer{prefixList: prefixListId, label: label}, why)
}

// cidrPeer checks cidr as the peer of a rule; the messages name the rule
// (direction and port), so that two of them are told apart, in a review of
// what a suppression silenced too.
func (g *SecurityGroup) cidrPeer(ingress bool, port Port, cidr string) peer {
	p, err := netip.ParsePrefix(cidr)
	switch {
	case err != nil || p.Addr().Is4In6() || p.Addr().Zone() != "":
		g.Stack.Report(RuleCidr, g.Path, fmt.Sprintf("%q is not an IPv4 or IPv6 CIDR", cidr), `write it like "192.168.0.0/16" or "2001:db8::/56"`)
	default:
		if p.Bits() == 0 {
			// Suppressed, the rule is built as asked.
			what := fmt.Sprintf("ingress %s from %s", port, cidr)
			if !ingress {
				what = fmt.Sprintf("egress %s to %s", port, cidr)
			}
			g.Stack.Report(RuleInternet, g.Path, fmt.Sprintf("rule %s opens the group to the whole internet", what),
				"name the VPC CIDR, an on-premises CIDR or a security group instead")
		}
		// Checked for /0 too: a suppressed PN-SG-5 must not let through a
		// CIDR the provider refuses (10.0.0.0/0).
		if p != p.Masked() {
			g.Stack.Report(RuleCidr, g.Path, fmt.Sprintf("CIDR %s has host bits set", cidr), fmt.Sprintf("write %s", p.Masked()))
		}
	}
	if err == nil && p.Addr().Is6() {
		// One network, one spelling: AWS keeps IPv6 blocks canonical, and
		// two spellings of one block would be two rules AWS refuses as
		// duplicates. The label spells every group, so that two blocks
		// never share a name.
		return peer{cidr: p.String(), label: strings.ReplaceAll(p.Addr().StringExpanded(), ":", "") + "-" + strconv.Itoa(p.Bits()), ipv6: true}
	}
	return peer{cidr: cidr, label: cidr}
}

func (g *SecurityGroup) rule(ingress bool, port Port, to peer, why string) {
	if g.Resource == nil {
		return // reported: no VPC
	}
	proto := orTCP(port.Protocol)
	if proto != "tcp" && proto != "udp" {
		g.Stack.Report(RulePorts, g.Path, fmt.Sprintf("protocol %q is not tcp or udp", proto), "use tcp or udp; other protocols are not needed here")
		return
	}
	if port.From < 0 || port.To > 65535 || port.From > port.To {
		g.Stack.Report(RulePorts, g.Path, fmt.Sprintf("port range %d-%d is not within 0-65535 with From <= To", port.From, port.To), "use ports from 0 to 65535")
		return
	}
	if to.group == nil && to.cidr == "" && to.prefixList == nil {
		g.Stack.Report(RulePeer, g.Path, "rule has no peer", "name a CIDR, a security group or a prefix list")
		return
	}
	if strings.TrimSpace(why) == "" {
		g.Stack.Report(RuleDescription, g.Path, fmt.Sprintf("rule for %s has no description", port), "say why the rule exists")
	}
	label := to.label
	if to.group != nil {
		label = "sg-" + to.group.Name
	}
	dir, word := "ingress", "from"
	if !ingress {
		dir, word = "egress", "to"
	}
	name := strings.Join([]string{g.Name, port.slug(), word, label}, "_")
	if g.rules[dir+name] {
		return // the same rule twice is the same rule
	}
	g.rules[dir+name] = true
	if pg := to.group; pg != nil && pg.Vpc != nil && g.Vpc != nil && pg.Vpc != g.Vpc {
		g.Stack.Defer(func() { g.checkCrossVpc(ingress, pg, port) })
	}
	g.Rules = append(g.Rules, Rule{Ingress: ingress, Port: Port{Protocol: proto, From: port.From, To: port.To},
		Cidr: to.cidr, Group: to.group, PrefixList: to.prefixList, Label: label, Description: why})
	if ingress && (to.group != nil || label == "vpc") {
		if g.admits == nil {
			g.admits = map[*SecurityGroup][]Port{}
		}
		g.admits[to.group] = append(g.admits[to.group], Port{Protocol: proto, From: port.From, To: port.To})
	}
	id := g.idPrefix + dir + "-" + port.slug() + "-" + word + "-" + strings.NewReplacer("/", "-").Replace(label)

	// Rules go to the stack's top level under their name when it is free
	// there (no override round trip; they are the most numerous resource).
	var el interface{ OverrideLogicalId(*string) }
	tfType := "aws_vpc_security_group_ingress_rule"
	if !ingress {
		tfType = "aws_vpc_security_group_egress_rule"
	}
	p := g.Stack.Place(g.scope, id, tfType, g.Path, name)
	// Both rule resources take the same arguments: build them once.
	cfg := vpcsecuritygroupingressrule.VpcSecurityGroupIngressRuleConfig{
		SecurityGroupId: g.RefFrom(g.Stack), IpProtocol: jsii.String(proto),
		FromPort: jsii.Number(float64(port.From)), ToPort: jsii.Number(float64(port.To)),
	}
	// With PN-SG-6 suppressed, a rule without a description has none (an
	// empty string would come back from AWS as null, which Terraform
	// reports as an inconsistent result).
	if strings.TrimSpace(why) != "" {
		cfg.Description = jsii.String(why)
	}
	switch {
	case to.group != nil:
		cfg.ReferencedSecurityGroupId = to.group.RefFrom(g.Stack)
	case to.prefixList != nil:
		cfg.PrefixListId = to.prefixList
	case to.ipv6:
		cfg.CidrIpv6 = jsii.String(to.cidr)
	default:
		cfg.CidrIpv4 = jsii.String(to.cidr)
	}
	if ingress {
		el = vpcsecuritygroupingressrule.NewVpcSecurityGroupIngressRule(p.Scope, jsii.String(p.ID), &cfg)
	} else {
		egress := vpcsecuritygroupegressrule.VpcSecurityGroupEgressRuleConfig(cfg)
		el = vpcsecuritygroupegressrule.NewVpcSecurityGroupEgressRule(p.Scope, jsii.String(p.ID), &egress)
	}
	if p.Override {
		el.OverrideLogicalId(jsii.String(p.Name))
	}
}

// OpenUntracked opens ports in from every IPv4 address, and every port out
// to every IPv4 address for the same protocols, so that the flows are not
// tracked: AWS tracks a flow unless rules in both directions allow all
// addresses (Amazon EC2 User Guide, "Security group connection tracking",
// untracked connections, checked 2026-11-24). It exists for Route 53
// Resolver endpoints, whose queries per second per IP fall with connection
// tracking; it is not a way around PN-SG-5, and its caller must ask for it
// by name, with the reason (why), which every rule carries.
func (g *SecurityGroup) OpenUntracked(ports []Port, why string) {
	g.named = true
	protos := map[string]bool{}
	for _, p := range ports {
		g.rule(true, p, peer{cidr: "0.0.0.0/0", label: "anywhere"}, why)
		protos[orTCP(p.Protocol)] = true
	}
	for _, proto := range []string{"tcp", "udp"} {
		if protos[proto] {
			g.rule(false, Port{Protocol: proto, From: 0, To: 65535}, peer{cidr: "0.0.0.0/0", label: "anywhere"}, why)
		}
	}
}

// ipv6Why is the description of a rule's IPv6 twin: the same, marked; an
// empty one stays empty (PN-SG-6 reports it once).
func ipv6Why(why string) string {
	if strings.TrimSpace(why) == "" {
		return why
	}
	return why + " (IPv6)"
}

func orTCP(p string) string {
	if p == "" {
		return "tcp"
	}
	return p
}
