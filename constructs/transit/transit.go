// Package transit connects VPCs through an AWS Transit Gateway: the gateway
// with its default route table association and propagation turned off, so
// that nothing is implicit; VPC attachments with one subnet per AZ; route
// tables with their associations, propagations and static routes; and the
// VPC routes to the gateway; and VPC peering, in one region or across
// regions (rules PN-TGW-*, docs/rules.md). Every way it makes between two
// VPCs is declared on them (network.Vpc.AddLink), so that a security group
// rule referencing a group across it is checked (PN-SG-8).
package transit

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"sync"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ec2transitgateway"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ec2transitgatewayroute"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ec2transitgatewayroutetable"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ec2transitgatewayroutetableassociation"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ec2transitgatewayroutetablepropagation"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ec2transitgatewayvpcattachment"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ec2transitgatewayvpcattachmentaccepter"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ramprincipalassociation"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ramresourceassociation"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ramresourceshare"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/route"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/network"
)

// GatewayProps configures a Transit Gateway.
type GatewayProps struct {
	// AmazonSideAsn is the gateway's BGP ASN. Default: AWS's (64512).
	AmazonSideAsn int64
	// SecurityGroupReferencing lets security groups of attached VPCs in
	// the same Region reference one another (inbound rules only). Default:
	// off, as AWS.
	SecurityGroupReferencing bool
	// ShareWith shares the gateway through AWS RAM with these principals
	// (account IDs, an organization ARN or OU ARNs), whose stacks then
	// attach their VPCs (Attach with AccepterScope). Default: not shared.
	ShareWith []string
	// AllowExternalPrincipals lets the share name accounts outside the
	// organization, which must accept an invitation. Default: false.
	AllowExternalPrincipals bool
}

// Gateway is a Transit Gateway.
type Gateway struct {
	constructs.Construct
	core.Base
	Resource ec2transitgateway.Ec2TransitGateway
	Id       *string
	// SecurityGroupReferencing as made.
	SecurityGroupReferencing bool

	// ShareWith as made; ShareArn the RAM share's ARN, nil unshared.
	ShareWith []string
	ShareArn  *string

	mu          sync.Mutex
	attachments []*Attachment
}

func enable(on bool) *string {
	if on {
		return jsii.String("enable")
	}
	return jsii.String("disable")
}

// NewGateway makes the gateway with no default route table association or
// propagation: every attachment's routing is written out.
func NewGateway(scope constructs.Construct, id string, props *GatewayProps) *Gateway {
	if props == nil {
		props = &GatewayProps{}
	}
	g := &Gateway{SecurityGroupReferencing: props.SecurityGroupReferencing}
	g.Init(g, scope, id)
	if a := props.AmazonSideAsn; a != 0 && !(a >= 64512 && a <= 65534 || a >= 4200000000 && a <= 4294967294) {
		g.Report(RuleAsn, fmt.Sprintf("AmazonSideAsn %d is outside the private ranges AWS takes for a Transit Gateway", a),
			"use 64512–65534 or 4200000000–4294967294, or 0 for AWS's default")
	}
	name := g.Stack.Name + "-" + strings.ReplaceAll(g.Name, "_", "-")
	cfg := &ec2transitgateway.Ec2TransitGatewayConfig{
		Description:                     jsii.String(name),
		DefaultRouteTableAssociation:    enable(false),
		DefaultRouteTablePropagation:    enable(false),
		AutoAcceptSharedAttachments:     enable(false),
		DnsSupport:                      enable(true),
		SecurityGroupReferencingSupport: enable(props.SecurityGroupReferencing),
		Tags:                            &map[string]*string{"Name": jsii.String(name)},
	}
	if props.AmazonSideAsn != 0 {
		cfg.AmazonSideAsn = jsii.Number(float64(props.AmazonSideAsn))
	}
	g.Resource = ec2transitgateway.NewEc2TransitGateway(g, jsii.String("gateway"), cfg)
	g.Stack.NameResource(g.Resource, "aws_ec2_transit_gateway", g.Path, g.Name)
	g.Id = g.Resource.Id()
	g.share(props)
	g.Stack.Defer(g.check)
	return g
}

// share makes the RAM share of the gateway, its resource association and
// a principal association per principal. Within an organization with
// RAM sharing on, the principals get the gateway without an invitation;
// otherwise they accept one (provider documentation,
// aws_ram_principal_association, read 2026-11-24).
func (g *Gateway) share(props *GatewayProps) {
	if len(props.ShareWith) == 0 {
		return
	}
	seen := map[string]bool{}
	var principals []string
	for _, p := range props.ShareWith {
		switch {
		case !core.IsRamPrincipal(p):
			g.Report(RuleShare, fmt.Sprintf("ShareWith %s is not an account ID, organization ARN or OU ARN", core.Quote(p)), "name 12-digit account IDs, or organizations ARNs")
		case p == g.Stack.Account:
			g.Report(RuleShare, fmt.Sprintf("ShareWith names %s, the gateway's own account", p), "share with the other accounts only")
		case !seen[p]:
			seen[p] = true
			principals = append(principals, p)
		}
	}
	if len(principals) == 0 {
		return
	}
	slices.Sort(principals)
	g.ShareWith = principals
	name := g.Stack.Name + "-" + strings.ReplaceAll(g.Name, "_", "-")
	sh := ramresourceshare.NewRamResourceShare(g, jsii.String("share"), &ramresourceshare.RamResourceShareConfig{
		Name: jsii.String(name), AllowExternalPrincipals: jsii.Bool(props.AllowExternalPrincipals),
		Tags: &map[string]*string{"Name": jsii.String(name)},
	})
	g.Stack.NameResource(sh, "aws_ram_resource_share", g.Path, g.Name)
	g.ShareArn = sh.Arn()
	ra := ramresourceassociation.NewRamResourceAssociation(g, jsii.String("share-gateway"), &ramresourceassociation.RamResourceAssociationConfig{
		ResourceArn: g.Resource.Arn(), ResourceShareArn: g.ShareArn,
	})
	g.Stack.NameResource(ra, "aws_ram_resource_association", g.Path, g.Name)
	for _, p := range principals {
		short := p[strings.LastIndexAny(p, "/:")+1:]
		pa := ramprincipalassociation.NewRamPrincipalAssociation(g, jsii.String("share-"+short), &ramprincipalassociation.RamPrincipalAssociationConfig{
			Principal: jsii.String(p), ResourceShareArn: g.ShareArn,
		})
		g.Stack.NameResource(pa, "aws_ram_principal_association", g.Path, g.Name, short)
	}
}

// sharedWith tells whether the gateway is shared with account a (by its
// ID, or with an organization or OU, which privnet takes to hold it).
func (g *Gateway) sharedWith(a string) bool {
	for _, p := range g.ShareWith {
		if p == a || strings.Contains(p, ":organizations::") {
			return true
		}
	}
	return false
}

// AttachmentProps places a VPC attachment.
type AttachmentProps struct {
	Gateway *Gateway
	Vpc     *network.Vpc
	// Tier whose subnets (one per AZ) carry the attachment. Default: the
	// VPC's first private tier. AWS advises a small subnet of its own.
	Tier string
	// Subnets, instead of Tier: one per AZ.
	Subnets []*network.Subnet
	// AccepterScope, for an attachment in another account than the
	// gateway's (a gateway shared with ShareWith), is where the gateway's
	// account accepts it and associates it with its route tables: a stack
	// of the gateway's account and region other than the gateway's own
	// (which the attachment depends on: a cycle, which cdktf refuses).
	AccepterScope constructs.Construct
}

// Attachment is a VPC attachment.
type Attachment struct {
	constructs.Construct
	core.Base
	Gateway  *Gateway
	Vpc      *network.Vpc
	Subnets  []*network.Subnet
	Resource ec2transitgatewayvpcattachment.Ec2TransitGatewayVpcAttachment
	Id       *string
	// associated is the route table the attachment uses; routed the
	// (table, CIDR) routes RouteTo made; sent the destinations the VPC
	// sends to the gateway, with the path of the call that asked.
	associated *RouteTable
	routed     map[string]bool
	sent       []netip.Prefix
	// accepter is the gateway account's side of an attachment from
	// another account (its accepter, associations, propagations and
	// static routes); ref the attachment's ID as the gateway's account
	// names it (the accepter's, after acceptance).
	accepter *side
	ref      *string
}

// home is where a resource that names both table t and the attachment
// goes: the table's stack when the attachment is there too; the
// gateway account's accepter side for an attachment of another account;
// otherwise the stack that depends on the other. The attachment's stack
// depends on the gateway's, and the table's too: of the two, the one
// that is not the gateway's.
func (a *Attachment) home(t *RouteTable) (constructs.Construct, *core.Base) {
	scope, base := constructs.Construct(a), &a.Base
	switch {
	case a.accepter != nil:
		scope, base = a.accepter, &a.accepter.Base
	case a.Stack == t.Stack || a.Stack == a.Gateway.Stack:
		scope, base = t, &t.Base
	}
	// Validate reports a circle these references make (core.Needs).
	base.Stack.Needs(t.Stack, t.Path, base.Path+" names route table "+t.Path)
	base.Stack.Needs(a.Stack, t.Path, base.Path+" names attachment "+a.Path)
	return scope, base
}

// Attach makes the VPC attachment, with no default association or
// propagation: route tables name it (NewRouteTable).
func Attach(scope constructs.Construct, id string, props *AttachmentProps) *Attachment {
	if props == nil {
		props = &AttachmentProps{}
	}
	a := &Attachment{Gateway: props.Gateway, Vpc: props.Vpc, routed: map[string]bool{}}
	a.Init(a, scope, id)
	g, v := props.Gateway, props.Vpc
	switch {
	case g == nil || g.Resource == nil:
		a.Report(core.RuleWiring, "an attachment needs a Gateway that was built", "pass transit.NewGateway")
		return a
	case v == nil || v.VpcId == nil:
		a.Report(core.RuleWiring, "an attachment needs a Vpc that was built", "pass the VPC it attaches")
		return a
	case props.Tier != "" && len(props.Subnets) > 0:
		a.Report(RuleSubnets, "both Tier and Subnets are given", "give one of them")
	}
	if !a.Uses("Transit Gateway", &g.Base) || !a.Uses("VPC", &v.Base) {
		return a
	}
	if a.Stack.OtherAccount(v.Stack) {
		a.Report(RuleShare, fmt.Sprintf("the attachment is made in stack %s (account %s) and VPC %s is in stack %s (account %s): an attachment is made in its VPC's account",
			a.Stack.Name, orWord(a.Stack.Account, "unnamed"), v.Path, v.Stack.Name, orWord(v.Stack.Account, "unnamed")), "make the attachment in a stack of the VPC's account")
		return a
	}
	cross := a.Stack.OtherAccount(g.Stack)
	if cross && !a.checkShared(props) {
		return a
	}
	if !cross && props.AccepterScope != nil {
		a.Report(RuleShare, "AccepterScope is for an attachment in another account than the gateway's, and both are in "+orWord(g.Stack.Account, "the credentials' account"), "drop AccepterScope")
	}
	subnets := props.Subnets
	if len(subnets) == 0 {
		t := v.TierOrDefault(props.Tier)
		if t == nil {
			a.Report(network.RuleTierLookup, fmt.Sprintf("VPC %s has no tier %s", v.Path, core.Quote(props.Tier)), "name one of the VPC's tiers")
			return a
		}
		subnets = t.Subnets
	}
	network.RequireIpv4(&a.Base, "a Transit Gateway attachment (privnet routes IPv4 over it)", subnets, "attach the VPC through a tier with IPv4 (Tier or Subnets)")
	zones := map[string]*network.Subnet{}
	var ids []*string
	for i, s := range subnets {
		if s == nil || !inVpc(v, s) {
			a.Report(RuleSubnets, fmt.Sprintf("Subnets[%d] is not a subnet of VPC %s", i, v.Path), "give subnets of the attached VPC")
			continue
		}
		if prev := zones[s.Zone()]; prev != nil {
			a.Report(RuleSubnets, fmt.Sprintf("subnets %s and %s are both in %s, and an attachment takes one subnet per AZ", prev.Label(), s.Label(), s.AzLabel()), "give one subnet per AZ")
			continue
		}
		zones[s.Zone()] = s
		a.Subnets = append(a.Subnets, s)
		ids = append(ids, s.SubnetId)
	}
	if len(ids) == 0 {
		a.Report(RuleSubnets, "the attachment has no subnet", "give it one subnet in each AZ whose workloads cross the gateway")
		return a
	}
	name := a.Stack.Name + "-" + strings.ReplaceAll(a.Name, "_", "-")
	cfg := &ec2transitgatewayvpcattachment.Ec2TransitGatewayVpcAttachmentConfig{
		TransitGatewayId: g.Id,
		VpcId:            v.VpcId,
		SubnetIds:        &ids,
		DnsSupport:       enable(true),
		// AWS's default at the attachment is enable, at the gateway
		// disable: written out, so that the JSON says what holds.
		SecurityGroupReferencingSupport: enable(g.SecurityGroupReferencing),
		Tags:                            &map[string]*string{"Name": jsii.String(name)},
	}
	if !cross {
		// "This cannot be configured or perform drift detection with
		// Resource Access Manager shared EC2 Transit Gateways" (provider
		// documentation): set only on the app's own gateway.
		cfg.TransitGatewayDefaultRouteTableAssociation = jsii.Bool(false)
		cfg.TransitGatewayDefaultRouteTablePropagation = jsii.Bool(false)
	}
	a.Resource = ec2transitgatewayvpcattachment.NewEc2TransitGatewayVpcAttachment(a, jsii.String("attachment"), cfg)
	a.Stack.NameResource(a.Resource, "aws_ec2_transit_gateway_vpc_attachment", a.Path, a.Name)
	a.Id = a.Resource.Id()
	a.ref = a.Id
	if cross {
		// The gateway's account accepts it; its default-table flags are
		// false, so that it is associated only where a table says.
		acc := ec2transitgatewayvpcattachmentaccepter.NewEc2TransitGatewayVpcAttachmentAccepter(a.accepter, jsii.String("accepter"), &ec2transitgatewayvpcattachmentaccepter.Ec2TransitGatewayVpcAttachmentAccepterConfig{
			TransitGatewayAttachmentId:                 a.Id,
			TransitGatewayDefaultRouteTableAssociation: jsii.Bool(false),
			TransitGatewayDefaultRouteTablePropagation: jsii.Bool(false),
			Tags: &map[string]*string{"Name": jsii.String(name)},
		})
		a.accepter.Stack.NameResource(acc, "aws_ec2_transit_gateway_vpc_attachment_accepter", a.accepter.Path, a.accepter.Name)
		a.accepter.Stack.Needs(a.Stack, a.Path, a.accepter.Path+" accepts "+a.Path)
		a.ref = acc.Id()
	}
	g.mu.Lock()
	others := slices.Clone(g.attachments)
	g.attachments = append(g.attachments, a)
	g.mu.Unlock()
	for _, b := range others {
		if b.Vpc == v {
			continue // reported at validation
		}
		// Referencing across the gateway: inbound rules, one region, on
		// at the gateway and both attachments (PN-SG-8).
		l := network.Link{Via: g.Path, Kind: "Transit Gateway", Ingress: g.SecurityGroupReferencing,
			NoRefs: "security group referencing is off at the gateway (SecurityGroupReferencing), as AWS's default"}
		switch {
		case b.Stack.OtherAccount(a.Stack):
			l.Ingress = false
			l.NoRefs = "the VPCs are in two accounts, and privnet does not write a group of another account (account/sg-id)"
		case g.SecurityGroupReferencing:
			l.NoRefs = "outbound rules cannot reference groups across a Transit Gateway"
		}
		l.To = b.Vpc
		v.AddLink(l)
		l.To = v
		b.Vpc.AddLink(l)
	}
	return a
}

// checkShared checks an attachment of another account than its
// gateway's: the gateway is shared with the attachment's account, and the
// gateway's account accepts it in AccepterScope.
func (a *Attachment) checkShared(props *AttachmentProps) bool {
	g := a.Gateway
	switch {
	case a.Stack.Account == "":
		a.Report(RuleShare, fmt.Sprintf("the attachment's stack %s names no Account, and gateway %s is in account %s: privnet cannot tell whether the gateway is shared with it", a.Stack.Name, g.Path, g.Stack.Account),
			"set Account on the attachment's stack (core.StackProps)")
		return false
	case !g.sharedWith(a.Stack.Account):
		a.Report(RuleShare, fmt.Sprintf("gateway %s is not shared with account %s, the attachment's", g.Path, a.Stack.Account),
			fmt.Sprintf("add %s to the gateway's ShareWith", a.Stack.Account))
		return false
	case props.AccepterScope == nil:
		a.Report(RuleShare, fmt.Sprintf("the attachment is in account %s and gateway %s in account %s, which does not accept shared attachments by itself", a.Stack.Account, g.Path, orWord(g.Stack.Account, "unnamed")),
			fmt.Sprintf("pass AccepterScope, a stack of account %s in %s other than %s", orWord(g.Stack.Account, "of the gateway"), g.Stack.Region.Name, g.Stack.Name))
		return false
	}
	far := &side{}
	far.Init(far, props.AccepterScope, a.Stack.Name+"-"+a.Name)
	switch {
	case far.Stack == nil || far.Stack.Region.Name != g.Stack.Region.Name || far.Stack.OtherAccount(g.Stack):
		a.Report(RuleShare, fmt.Sprintf("AccepterScope must be a stack of the gateway's account (%s) and region (%s)", orWord(g.Stack.Account, "unnamed"), g.Stack.Region.Name), "pass a stack of the gateway's account and region")
		return false
	case far.Stack == g.Stack || far.Stack == a.Stack:
		a.Report(RuleShare, fmt.Sprintf("AccepterScope is in stack %s: the attachment refers to the gateway and the accepter to the attachment, so the accepter needs a stack of its own, a cycle otherwise, which cdktf refuses", far.Stack.Name),
			fmt.Sprintf("make a stack of account %s in %s for the accepter", orWord(g.Stack.Account, "of the gateway"), g.Stack.Region.Name))
		return false
	}
	a.accepter = far
	return true
}

func inVpc(v *network.Vpc, s *network.Subnet) bool {
	for _, t := range v.Tiers() {
		if slices.Contains(t.Subnets, s) {
			return true
		}
	}
	return false
}

// RouteTo writes, in the route tables of the named tiers (every tier when
// none is named), a route to the gateway for each CIDR. Each route depends
// on the attachment: a route to a gateway the VPC is not attached to yet
// fails.
func (a *Attachment) RouteTo(cidrs []string, tiers ...string) {
	if a == nil || a.Resource == nil {
		return
	}
	if a.Vpc.Imported != nil {
		// The route tables are the owner's: privnet never changes them.
		a.Stack.Note(a.Path, fmt.Sprintf("VPC %s is imported: its owner must route %s to Transit Gateway %s in the route tables of %s, in AZs where the attachment has a subnet",
			a.Vpc.Path, strings.Join(cidrs, ", "), a.Gateway.Path, orWord(strings.Join(tiers, ", "), "its subnets")))
		for _, c := range cidrs {
			if p, err := netip.ParsePrefix(c); err == nil && p.Addr().Is4() && p.Masked() == p {
				a.sent = append(a.sent, p)
			}
		}
		return
	}
	for _, name := range tiers {
		if !a.Vpc.HasTier(name) {
			a.Report(network.RuleTierLookup, fmt.Sprintf("VPC %s has no tier %s", a.Vpc.Path, core.Quote(name)), "name one of the VPC's tiers")
		}
	}
	zones := map[string]bool{}
	for _, s := range a.Subnets {
		zones[s.Zone()] = true
	}
	for _, c := range cidrs {
		p, err := netip.ParsePrefix(c)
		if err != nil || !p.Addr().Is4() || p.Masked() != p {
			a.Report(RuleSubnets, fmt.Sprintf("RouteTo %s is not an IPv4 network address with its prefix length", core.Quote(c)), `write it like "10.1.0.0/16"`)
			continue
		}
		// A summary route (10.0.0.0/8, 0.0.0.0/0) may hold the VPC: its
		// local route still wins inside its blocks. One inside a block
		// would never be used.
		inside := false
		for _, b := range a.Vpc.Cidrs() {
			inside = inside || b.Bits() <= p.Bits() && b.Contains(p.Addr())
		}
		if inside {
			a.Report(RuleOverlap, fmt.Sprintf("RouteTo %s lies in VPC %s, whose local route keeps it", p, a.Vpc.Path), "route only the other VPCs' blocks, or a summary of them")
			continue
		}
		if !slices.Contains(a.sent, p) {
			a.sent = append(a.sent, p)
		}
		slug := network.CidrSlug(p)
		for _, t := range a.Vpc.Tiers() {
			if !wanted(t, tiers) {
				continue
			}
			for _, s := range t.Subnets {
				if s.RouteTableId == nil {
					continue
				}
				if !zones[s.Zone()] {
					// "traffic is forwarded to the transit gateway only when
					// the transit gateway has an attachment in a subnet in
					// the same Availability Zone"
					a.Report(RuleSubnets, fmt.Sprintf("tier %s routes %s to the gateway in %s, where the attachment has no subnet, so that traffic cannot reach the gateway", core.Quote(t.Name), p, s.AzLabel()),
						"give the attachment a subnet in that AZ")
					continue
				}
				key := t.Name + "/" + a.Vpc.ZoneKey(s) + "/" + p.String()
				if a.routed[key] {
					continue // the same route asked twice is the same route
				}
				a.routed[key] = true
				if prev := a.Vpc.ClaimRoute(s, p, a.Path); prev != "" {
					a.Report(RuleRouting, fmt.Sprintf("the route table of tier %s in %s has a route to %s already, from %s, and AWS keeps one route per destination in a table", core.Quote(t.Name), s.AzLabel(), p, prev),
						"route that destination one way")
					continue
				}
				where := t.Name + "-" + a.Vpc.ZoneKey(s) + "-" + slug
				r := route.NewRoute(a, jsii.String("route-"+where), &route.RouteConfig{
					RouteTableId:         s.RouteTableId,
					DestinationCidrBlock: jsii.String(p.String()),
					TransitGatewayId:     a.Gateway.Id,
					DependsOn:            &[]cdktf.ITerraformDependable{a.Resource},
				})
				a.Stack.NameResource(r, "aws_route", a.Path, a.Name, t.Name, a.Vpc.ZoneKey(s), slug)
			}
		}
	}
}

// RouteTableProps configures a Transit Gateway route table.
type RouteTableProps struct {
	Gateway *Gateway
	// Associate are the attachments that use this table (an attachment is
	// associated with one table).
	Associate []*Attachment
	// Propagate are the attachments whose VPC blocks this table learns.
	Propagate []*Attachment
}

// RouteTable is a Transit Gateway route table.
type RouteTable struct {
	constructs.Construct
	core.Base
	Resource ec2transitgatewayroutetable.Ec2TransitGatewayRouteTable
	Gateway  *Gateway
	// static are the table's static routes (a nil attachment drops the
	// traffic); propagated the attachments whose VPC blocks it learns.
	static     map[netip.Prefix]*Attachment
	propagated []*Attachment
}

// NewRouteTable makes the table, its associations and propagations.
func NewRouteTable(scope constructs.Construct, id string, props *RouteTableProps) *RouteTable {
	if props == nil {
		props = &RouteTableProps{}
	}
	t := &RouteTable{Gateway: props.Gateway, static: map[netip.Prefix]*Attachment{}}
	t.Init(t, scope, id)
	g := props.Gateway
	if g == nil || g.Resource == nil {
		t.Report(core.RuleWiring, "a route table needs a Gateway that was built", "pass transit.NewGateway")
		return t
	}
	if !t.Uses("Transit Gateway", &g.Base) {
		return t
	}
	if t.Stack.OtherAccount(g.Stack) {
		t.Report(RuleShare, fmt.Sprintf("the route table is made in stack %s (account %s), and gateway %s is in account %s, which alone makes its route tables", t.Stack.Name, orWord(t.Stack.Account, "unnamed"), g.Path, orWord(g.Stack.Account, "unnamed")),
			"make the route table in a stack of the gateway's account")
		return t
	}
	name := t.Stack.Name + "-" + strings.ReplaceAll(t.Name, "_", "-")
	t.Resource = ec2transitgatewayroutetable.NewEc2TransitGatewayRouteTable(t, jsii.String("table"), &ec2transitgatewayroutetable.Ec2TransitGatewayRouteTableConfig{
		TransitGatewayId: g.Id,
		Tags:             &map[string]*string{"Name": jsii.String(name)},
	})
	t.Stack.NameResource(t.Resource, "aws_ec2_transit_gateway_route_table", t.Path, t.Name)
	seen := map[string]bool{}
	each := func(list []*Attachment, what string, make func(a *Attachment, key string)) {
		for _, a := range list {
			if a == nil || a.Resource == nil || a.Gateway != g {
				t.Report(core.RuleWiring, fmt.Sprintf("%s names an attachment of another gateway, or one that was not built", what), "name attachments of this table's gateway")
				continue
			}
			// Attachments of other stacks may share a name: the stack is
			// part of the key.
			key := a.Stack.Name + "-" + a.Name
			if seen[what+key] {
				continue
			}
			seen[what+key] = true
			make(a, key)
		}
	}
	each(props.Associate, "Associate", func(a *Attachment, key string) {
		if a.associated != nil {
			t.Report(RuleSubnets, fmt.Sprintf("attachment %s is associated with %s already, and AWS associates an attachment with one route table", a.Path, a.associated.Path), "associate it with one table")
			return
		}
		a.associated = t
		scope, base := a.home(t)
		r := ec2transitgatewayroutetableassociation.NewEc2TransitGatewayRouteTableAssociation(scope, jsii.String("association-"+t.idFor(scope, key)), &ec2transitgatewayroutetableassociation.Ec2TransitGatewayRouteTableAssociationConfig{
			TransitGatewayAttachmentId: a.ref,
			TransitGatewayRouteTableId: t.Resource.Id(),
		})
		base.Stack.NameResource(r, "aws_ec2_transit_gateway_route_table_association", t.Path, t.Name, key)
	})
	each(props.Propagate, "Propagate", func(a *Attachment, key string) {
		t.propagated = append(t.propagated, a)
		scope, base := a.home(t)
		r := ec2transitgatewayroutetablepropagation.NewEc2TransitGatewayRouteTablePropagation(scope, jsii.String("propagation-"+t.idFor(scope, key)), &ec2transitgatewayroutetablepropagation.Ec2TransitGatewayRouteTablePropagationConfig{
			TransitGatewayAttachmentId: a.ref,
			TransitGatewayRouteTableId: t.Resource.Id(),
		})
		base.Stack.NameResource(r, "aws_ec2_transit_gateway_route_table_propagation", t.Path, t.Name, key)
	})
	return t
}

// Blackhole drops traffic to cidr at the gateway.
func (t *RouteTable) Blackhole(cidr string) { t.staticRoute("Blackhole", cidr, nil) }

// StaticRoute sends traffic to cidr to the attachment to, whatever the
// table propagates: a static route beats a propagated one of the same
// destination ("Static routes take precedence over propagated routes with
// the same destination", AWS Knowledge Center, "How do I monitor my
// transit gateway route tables", read 2026-11-24).
func (t *RouteTable) StaticRoute(cidr string, to *Attachment) {
	if to == nil || to.Resource == nil || t != nil && to.Gateway != t.Gateway {
		if t != nil && t.Resource != nil {
			t.Report(core.RuleWiring, fmt.Sprintf("StaticRoute %s names an attachment of another gateway, or one that was not built", core.Quote(cidr)), "name an attachment of this table's gateway, or use Blackhole")
		}
		return
	}
	t.staticRoute("StaticRoute", cidr, to)
}

func (t *RouteTable) staticRoute(what, cidr string, to *Attachment) {
	if t == nil || t.Resource == nil {
		return
	}
	p, err := netip.ParsePrefix(cidr)
	if err != nil || !p.Addr().Is4() || p.Masked() != p {
		t.Report(RuleSubnets, fmt.Sprintf("%s %s is not an IPv4 network address with its prefix length", what, core.Quote(cidr)), `write it like "10.1.0.0/16"`)
		return
	}
	if prev, ok := t.static[p]; ok {
		if prev != to {
			t.Report(RuleRouting, fmt.Sprintf("%s %s: the table routes %s already (%s), and AWS keeps one static route per destination in a table", what, p, p, describe(prev)), "route that destination one way")
		}
		return // the same route twice is one
	}
	t.static[p] = to
	slug := network.CidrSlug(p)
	cfg := &ec2transitgatewayroute.Ec2TransitGatewayRouteConfig{
		TransitGatewayRouteTableId: t.Resource.Id(),
		DestinationCidrBlock:       jsii.String(p.String()),
	}
	kind := "blackhole"
	scope, base := constructs.Construct(t), &t.Base
	if to == nil {
		cfg.Blackhole = jsii.Bool(true)
	} else {
		cfg.TransitGatewayAttachmentId = to.ref
		kind = "route"
		scope, base = to.home(t)
	}
	r := ec2transitgatewayroute.NewEc2TransitGatewayRoute(scope, jsii.String(kind+"-"+t.idFor(scope, slug)), cfg)
	base.Stack.NameResource(r, "aws_ec2_transit_gateway_route", t.Path, t.Name, kind, slug)
}

// idFor is the construct id of a resource of table t named by key, made
// in scope: under the table, the key; under another construct (an
// attachment, an accepter side), the table's stack and name too, since
// one attachment may meet several tables.
func (t *RouteTable) idFor(scope constructs.Construct, key string) string {
	if scope == constructs.Construct(t) {
		return key
	}
	return t.Stack.Name + "-" + t.Name + "-" + key
}

func describe(a *Attachment) string {
	if a == nil {
		return "dropped"
	}
	return "to " + a.Path
}

func orWord(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

// lookup is where the table sends p: the most specific static route or
// propagated VPC block that holds p, a static route winning a tie
// (Amazon VPC Transit Gateways, "Route evaluation order"). found is false
// when nothing holds it. A more specific route inside p takes its part:
// that part is looked up on its own, and the first part that goes
// elsewhere is what p goes to.
func (t *RouteTable) lookup(p netip.Prefix) (to *Attachment, via netip.Prefix, found bool) {
	to, via, found = t.lookupWhole(p)
	return t.lowestInside(p, to, via, found)
}

// lowestInside is the first part of p, in address order, that the table
// sends elsewhere than the whole of p goes.
func (t *RouteTable) lowestInside(p netip.Prefix, whole *Attachment, wholeVia netip.Prefix, wholeFound bool) (*Attachment, netip.Prefix, bool) {
	var parts []netip.Prefix
	for q := range t.static {
		if q.Bits() > p.Bits() && p.Contains(q.Addr()) {
			parts = append(parts, q)
		}
	}
	for _, a := range t.propagated {
		for _, q := range a.Vpc.Cidrs() {
			if q.Bits() > p.Bits() && p.Contains(q.Addr()) {
				parts = append(parts, q)
			}
		}
	}
	slices.SortFunc(parts, func(x, y netip.Prefix) int {
		if c := x.Addr().Compare(y.Addr()); c != 0 {
			return c
		}
		return x.Bits() - y.Bits()
	})
	for _, q := range parts {
		if a, v, ok := t.lookupWhole(q); ok != wholeFound || a != whole {
			return a, v, ok
		}
	}
	return whole, wholeVia, wholeFound
}

func (t *RouteTable) lookupWhole(p netip.Prefix) (to *Attachment, via netip.Prefix, found bool) {
	best := -1
	for q, a := range t.static {
		// Two static routes that hold p with one length are one route.
		if q.Bits() <= p.Bits() && q.Contains(p.Addr()) && q.Bits() > best {
			to, via, best = a, q, q.Bits()
		}
	}
	for _, a := range t.propagated {
		for _, q := range a.Vpc.Cidrs() {
			if q.Bits() <= p.Bits() && q.Contains(p.Addr()) && q.Bits() > best {
				to, via, best = a, q, q.Bits()
			}
		}
	}
	return to, via, best >= 0
}

// check runs at validation, when every attachment, table and route of the
// app is made: overlapping attached VPCs, attachments with no route
// table, and destinations a VPC sends to the gateway that the gateway does
// not deliver, or whose answers it does not send back.
func (g *Gateway) check() {
	g.checkOverlaps()
	g.mu.Lock()
	atts := slices.Clone(g.attachments)
	g.mu.Unlock()
	for _, a := range atts {
		t := a.associated
		if t == nil {
			a.Report(RuleRouting, fmt.Sprintf("attachment %s is associated with no route table of gateway %s, so the gateway has no route for what VPC %s sends it and drops it", a.Path, g.Path, a.Vpc.Path),
				"name the attachment in a route table's Associate")
			continue
		}
		for _, p := range a.sent {
			reached := false
			for _, b := range atts {
				if b == a || b.Vpc == a.Vpc {
					continue
				}
				for _, blk := range b.Vpc.Cidrs() {
					if !blk.Overlaps(p) {
						continue
					}
					part := blk
					if p.Bits() > blk.Bits() {
						part = p
					}
					reached = true
					to, via, ok := t.lookup(part)
					switch {
					case !ok:
						a.Report(RuleRouting, fmt.Sprintf("VPC %s sends %s to gateway %s, and the route table of its attachment, %s, has no route to %s (VPC %s): the gateway drops it", a.Vpc.Path, p, g.Path, t.Path, part, b.Vpc.Path),
							fmt.Sprintf("propagate %s into %s, or give it a static route", b.Path, t.Path))
						continue
					case to == nil:
						a.Report(RuleRouting, fmt.Sprintf("VPC %s sends %s to gateway %s, and route table %s drops %s (a blackhole route)", a.Vpc.Path, p, g.Path, t.Path, via),
							"remove the blackhole, or stop routing that destination to the gateway")
						continue
					case to != b:
						continue // another attachment takes it: not this VPC's
					}
					back := b.associated
					if back == nil {
						continue // reported on b
					}
					for _, home := range a.Vpc.Cidrs() {
						if r, rvia, ok := back.lookup(home); !ok || r != a {
							where := "has no route to it"
							if ok {
								where = fmt.Sprintf("sends it %s (%s)", describe(r), rvia)
							}
							a.Report(RuleRouting, fmt.Sprintf("VPC %s sends %s to gateway %s, but the route table of %s's attachment, %s, %s: no table sends the answers back to %s (%s)", a.Vpc.Path, p, g.Path, b.Vpc.Path, back.Path, where, a.Vpc.Path, home),
								fmt.Sprintf("propagate %s into %s", a.Path, back.Path))
						}
					}
				}
			}
			if !reached {
				if to, _, ok := t.lookup(p); !ok || to == nil {
					a.Report(RuleRouting, fmt.Sprintf("VPC %s sends %s to gateway %s, where no attached VPC holds it and route table %s sends it nowhere", a.Vpc.Path, p, g.Path, t.Path),
						"attach the VPC that holds it, or stop routing it to the gateway")
				}
			}
		}
	}
}

// checkOverlaps reports attached VPCs whose blocks overlap.
func (g *Gateway) checkOverlaps() {
	g.mu.Lock()
	atts := slices.Clone(g.attachments)
	g.mu.Unlock()
	for i, a := range atts {
		for _, b := range atts[i+1:] {
			if a.Vpc == b.Vpc {
				g.Report(RuleSubnets, fmt.Sprintf("VPC %s is attached twice (%s and %s)", a.Vpc.Path, a.Path, b.Path), "attach each VPC once")
				continue
			}
			for _, x := range a.Vpc.Cidrs() {
				for _, y := range b.Vpc.Cidrs() {
					if x.Overlaps(y) {
						g.Report(RuleOverlap, fmt.Sprintf("attached VPCs %s (%s) and %s (%s) overlap", a.Vpc.Path, x, b.Vpc.Path, y), "renumber one of them before attaching both")
					}
				}
			}
		}
	}
}
