package transit

import (
	"fmt"
	"sync"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/route"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpcpeeringconnection"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpcpeeringconnectionaccepter"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpcpeeringconnectionoptions"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/network"
)

// PeeringProps configures a VPC peering connection.
type PeeringProps struct {
	// Requester is the VPC that asks, in the region of the peering's own
	// scope; Accepter the VPC that accepts.
	Requester, Accepter *network.Vpc
	// AccepterScope, for an Accepter in another region or account, is
	// where the accepter side is made: a stack of the Accepter's region
	// and account other than the Accepter's own (the requester refers to the Accepter's VPC, and
	// the accepter to the requester's peering: in the Accepter's stack
	// that would be a cycle, which cdktf refuses). Holds the accepter and
	// the Accepter's routes.
	AccepterScope constructs.Construct
	// RequesterTiers and AccepterTiers get routes to the other VPC's
	// blocks. Default: every tier but the firewall's.
	RequesterTiers, AccepterTiers []string
	// DnsResolution lets each side resolve the other's public DNS host
	// names to private addresses (allow_remote_vpc_dns_resolution).
	DnsResolution bool
	// RequesterOptionsScope, for DnsResolution across regions or
	// accounts, is where the requester's option is set once the accepter
	// has accepted: a stack of the Requester's region and account other
	// than the peering's own (which the accepter's stack depends on).
	RequesterOptionsScope constructs.Construct
}

// Peering is the connection, its accepter and its routes.
type Peering struct {
	constructs.Construct
	core.Base
	Resource vpcpeeringconnection.VpcPeeringConnection
	// Accepter is the accepter side of a peering across regions, nil in
	// one region (auto_accept).
	Accepter vpcpeeringconnectionaccepter.VpcPeeringConnectionAccepterA
	// InterRegion: the VPCs are in two regions; CrossAccount: in two
	// accounts (their stacks' Account differ).
	InterRegion, CrossAccount bool
}

// side holds the accepter's resources in the AccepterScope.
type side struct {
	constructs.Construct
	core.Base
}

// pairs are the VPC pairs peered in this process, so that a second
// peering of a pair is refused ("You cannot have more than one VPC
// peering connection between the same two VPCs at the same time").
var pairs sync.Map

// NewPeering makes the peering and the routes on both sides. In one
// region and account it is accepted at once (auto_accept) and its DNS
// options are set once it exists. Across regions the requester sets
// peer_region, and the accepter side (aws_vpc_peering_connection_accepter,
// with the accepter's routes) is made in AccepterScope; routes to a
// peering not yet accepted are blackholes until it is active (Amazon VPC
// Peering Guide, "Update your route tables for a VPC peering connection").
// With a VPC of another account (its stack's Account), the requester
// names peer_owner_id and the accepter side is made the same way, in a
// stack of that account.
func NewPeering(scope constructs.Construct, id string, props *PeeringProps) *Peering {
	if props == nil {
		props = &PeeringProps{}
	}
	p := &Peering{}
	p.Init(p, scope, id)
	r, a := props.Requester, props.Accepter
	if r == nil || a == nil || r.VpcId == nil || a.VpcId == nil {
		p.Report(core.RuleWiring, "a peering needs a Requester and an Accepter VPC that were built", "pass both VPCs")
		return p
	}
	if !p.Uses("VPC", &r.Base) {
		return p
	}
	if r == a {
		p.Report(RulePeering, fmt.Sprintf("VPC %s is peered with itself", r.Path), "peer two different VPCs")
		return p
	}
	if p.Stack.OtherAccount(r.Stack) {
		p.Report(RuleShare, fmt.Sprintf("the peering is made in stack %s (account %s) and Requester %s is in stack %s (account %s): the requester's side is made in its account",
			p.Stack.Name, orWord(p.Stack.Account, "unnamed"), r.Path, r.Stack.Name, orWord(r.Stack.Account, "unnamed")), "make the peering in a stack of the Requester's account")
		return p
	}
	p.InterRegion = a.Stack.Region.Name != r.Stack.Region.Name
	p.CrossAccount = a.Stack.OtherAccount(r.Stack)
	var far, opts *side
	where := fmt.Sprintf("a stack of %s", a.Stack.Region.Name)
	if p.CrossAccount {
		where = fmt.Sprintf("a stack of account %s in %s", orWord(a.Stack.Account, "unnamed"), a.Stack.Region.Name)
	}
	switch {
	case p.CrossAccount && a.Stack.Account == "":
		p.Report(RuleShare, fmt.Sprintf("Accepter %s is in stack %s, which names no Account, and the Requester's account is %s: the peering needs the accepter's account (peer_owner_id)", a.Path, a.Stack.Name, r.Stack.Account),
			"set Account on the Accepter's stack (core.StackProps)")
		return p
	case (p.InterRegion || p.CrossAccount) && props.AccepterScope == nil:
		why := fmt.Sprintf("Accepter %s is in %s and the peering in %s", a.Path, a.Stack.Region.Name, r.Stack.Region.Name)
		if p.CrossAccount {
			why = fmt.Sprintf("Accepter %s is in account %s and the peering in %s", a.Path, a.Stack.Account, orWord(r.Stack.Account, "the credentials' account"))
		}
		p.Report(RulePeering, why+": the accepter side must be made in the Accepter's region and account",
			fmt.Sprintf("pass AccepterScope, %s other than %s's own", where, a.Path))
		return p
	case p.InterRegion || p.CrossAccount:
		far = &side{}
		// Peerings of several stacks may share one accepter stack.
		far.Init(far, props.AccepterScope, p.Stack.Name+"-"+p.Name)
		if far.Stack == nil || far.Stack.Region.Name != a.Stack.Region.Name || far.Stack.OtherAccount(a.Stack) || far.Stack == a.Stack {
			p.Report(RulePeering, fmt.Sprintf("AccepterScope must be in %s other than %s, the Accepter's own: the requester refers to the Accepter's VPC and the accepter to the requester's peering, a cycle cdktf refuses", where, a.Stack.Name),
				fmt.Sprintf("make %s for the peering's accepter side", where))
			return p
		}
		if props.DnsResolution {
			if props.RequesterOptionsScope == nil {
				p.Report(RulePeering, "DnsResolution across regions or accounts sets each side's option after acceptance, with its own credentials: the requester's needs a stack that comes after the accepter's",
					fmt.Sprintf("pass RequesterOptionsScope, a stack of %s (the Requester's region and account) other than %s, or drop DnsResolution", r.Stack.Region.Name, p.Stack.Name))
				return p
			}
			opts = &side{}
			opts.Init(opts, props.RequesterOptionsScope, p.Stack.Name+"-"+p.Name)
			if opts.Stack == nil || opts.Stack.Region.Name != r.Stack.Region.Name || opts.Stack.OtherAccount(r.Stack) || opts.Stack == p.Stack || opts.Stack == far.Stack {
				p.Report(RulePeering, fmt.Sprintf("RequesterOptionsScope must be a stack of the Requester's region (%s) and account other than %s (the requester's) and %s (the accepter's): it comes after both", r.Stack.Region.Name, p.Stack.Name, far.Stack.Name),
					fmt.Sprintf("make a stack of %s for the requester's DNS option", r.Stack.Region.Name))
				return p
			}
		}
	case props.AccepterScope != nil:
		p.Report(RulePeering, "AccepterScope is for an Accepter in another region or account, and both VPCs are in "+r.Stack.Region.Name+" and one account", "drop AccepterScope")
	}
	if props.RequesterOptionsScope != nil && (!props.DnsResolution || far == nil) {
		p.Report(RulePeering, "RequesterOptionsScope is for DnsResolution across regions or accounts", "drop RequesterOptionsScope")
	}
	key := [2]*network.Vpc{r, a}
	if a.Stack.Name+"/"+a.Path < r.Stack.Name+"/"+r.Path {
		key = [2]*network.Vpc{a, r}
	}
	if prev, taken := pairs.LoadOrStore(key, p.Path); taken {
		p.Report(RulePeering, fmt.Sprintf("VPCs %s and %s are peered already by %s, and AWS keeps one peering between two VPCs", r.Path, a.Path, prev), "keep one peering")
		return p
	}
	for _, x := range r.Cidrs() {
		for _, y := range a.Cidrs() {
			if x.Overlaps(y) {
				p.Report(RulePeering, fmt.Sprintf("VPCs %s (%s) and %s (%s) overlap, and AWS does not peer overlapping CIDR blocks", r.Path, x, a.Path, y), "renumber one of them")
			}
		}
	}
	if props.DnsResolution && (!r.DnsHostnames || !a.DnsHostnames) {
		p.Report(RulePeering, "DnsResolution needs DNS hostnames on in both VPCs (allow_remote_vpc_dns_resolution, provider documentation)", "turn DNS hostnames on in both VPCs, or drop DnsResolution")
	}
	name := p.Stack.Name + "-" + p.Name
	cfg := &vpcpeeringconnection.VpcPeeringConnectionConfig{
		VpcId:     r.VpcId,
		PeerVpcId: a.VpcId,
		Tags:      &map[string]*string{"Name": jsii.String(name)},
	}
	if p.InterRegion {
		// "auto_accept must be false, and use the
		// aws_vpc_peering_connection_accepter to manage the accepter side"
		// (provider documentation, peer_region).
		cfg.PeerRegion = jsii.String(a.Stack.Region.Name)
	}
	if p.CrossAccount {
		// "Defaults to the account ID the AWS provider is currently
		// connected to, so must be managed if connecting cross-account".
		cfg.PeerOwnerId = jsii.String(a.Stack.Account)
	}
	if far == nil {
		cfg.AutoAccept = jsii.Bool(true)
	}
	if !a.Literal {
		p.Stack.Needs(a.Stack, p.Path, p.Path+" peers with "+a.Path)
	}
	p.Resource = vpcpeeringconnection.NewVpcPeeringConnection(p, jsii.String("peering"), cfg)
	p.Stack.NameResource(p.Resource, "aws_vpc_peering_connection", p.Path, p.Name)
	accepted := cdktf.ITerraformDependable(p.Resource)
	accepterBase, accepterScope := &p.Base, constructs.Construct(p)
	if far != nil {
		p.Accepter = vpcpeeringconnectionaccepter.NewVpcPeeringConnectionAccepterA(far, jsii.String("accepter"), &vpcpeeringconnectionaccepter.VpcPeeringConnectionAccepterAConfig{
			VpcPeeringConnectionId: p.Resource.Id(),
			AutoAccept:             jsii.Bool(true),
			Tags:                   &map[string]*string{"Name": jsii.String(name)},
		})
		far.Stack.NameResource(p.Accepter, "aws_vpc_peering_connection_accepter", far.Path, far.Name)
		far.Stack.Needs(p.Stack, p.Path, far.Path+" accepts "+p.Path)
		if !a.Literal {
			far.Stack.Needs(a.Stack, p.Path, far.Path+" routes in "+a.Path)
		}
		accepterBase, accepterScope = &far.Base, far
	}
	switch {
	case props.DnsResolution && far == nil:
		// Options need the peering active (provider documentation): with
		// auto_accept it is once the connection exists.
		o := vpcpeeringconnectionoptions.NewVpcPeeringConnectionOptions(p, jsii.String("options"), &vpcpeeringconnectionoptions.VpcPeeringConnectionOptionsConfig{
			VpcPeeringConnectionId: p.Resource.Id(),
			Requester:              &vpcpeeringconnectionoptions.VpcPeeringConnectionOptionsRequester{AllowRemoteVpcDnsResolution: jsii.Bool(true)},
			Accepter:               &vpcpeeringconnectionoptions.VpcPeeringConnectionOptionsAccepter{AllowRemoteVpcDnsResolution: jsii.Bool(true)},
		})
		p.Stack.NameResource(o, "aws_vpc_peering_connection_options", p.Path, p.Name)
	case props.DnsResolution:
		// Each side with its own credentials, after acceptance: both name
		// the accepter's ID, as the provider's example does ("As options
		// can't be set until the connection has been accepted, create an
		// explicit dependency on the accepter").
		acc := vpcpeeringconnectionoptions.NewVpcPeeringConnectionOptions(far, jsii.String("options"), &vpcpeeringconnectionoptions.VpcPeeringConnectionOptionsConfig{
			VpcPeeringConnectionId: p.Accepter.Id(),
			Accepter:               &vpcpeeringconnectionoptions.VpcPeeringConnectionOptionsAccepter{AllowRemoteVpcDnsResolution: jsii.Bool(true)},
		})
		far.Stack.NameResource(acc, "aws_vpc_peering_connection_options", far.Path, far.Name)
		req := vpcpeeringconnectionoptions.NewVpcPeeringConnectionOptions(opts, jsii.String("options"), &vpcpeeringconnectionoptions.VpcPeeringConnectionOptionsConfig{
			VpcPeeringConnectionId: p.Accepter.Id(),
			Requester:              &vpcpeeringconnectionoptions.VpcPeeringConnectionOptionsRequester{AllowRemoteVpcDnsResolution: jsii.Bool(true)},
		})
		opts.Stack.NameResource(req, "aws_vpc_peering_connection_options", opts.Path, opts.Name)
		opts.Stack.Needs(far.Stack, p.Path, opts.Path+" sets the requester's option after "+far.Path+" accepts")
	}
	if far != nil {
		accepted = p.Accepter
	}
	n1 := p.routes(&p.Base, p, "requester", r, a, props.RequesterTiers, p.Resource)
	n2 := p.routes(accepterBase, accepterScope, "accepter", a, r, props.AccepterTiers, accepted)
	if n1 == 0 && n2 > 0 || n2 == 0 && n1 > 0 {
		one, none := r, a
		if n1 == 0 {
			one, none = a, r
		}
		p.Report(RuleRouting, fmt.Sprintf("only VPC %s routes to the peering: VPC %s has no route to %s, so nothing crosses it (the answers have no way back)", one.Path, none.Path, one.Path),
			"route both sides: give the other side tiers with route tables")
	}
	l := network.Link{Via: p.Path, Kind: "VPC peering", Ingress: far == nil, Egress: far == nil,
		NoRefs: "\"You can't reference the security group of a peer VPC that's in a different Region. Instead, use the CIDR block of the peer VPC.\""}
	if p.CrossAccount && !p.InterRegion {
		l.NoRefs = "the VPCs are in two accounts, and privnet does not write a group of another account (account/sg-id)"
	}
	l.To = a
	r.AddLink(l)
	l.To = r
	a.AddLink(l)
	return p
}

// routes writes, in from's tiers, a route to each block of to, each
// depending on dep (the peering, or its accepter); it returns how many
// tables route (an imported VPC's, noted for its owner, count).
func (p *Peering) routes(base *core.Base, scope constructs.Construct, side string, from, to *network.Vpc, tiers []string, dep cdktf.ITerraformDependable) int {
	for _, name := range tiers {
		if !from.HasTier(name) {
			p.Report(network.RuleTierLookup, fmt.Sprintf("VPC %s has no tier %s", from.Path, core.Quote(name)), "name one of the VPC's tiers")
		}
	}
	if from.Imported != nil {
		var blocks []string
		for _, b := range to.Cidrs() {
			blocks = append(blocks, b.String())
		}
		p.Stack.Note(p.Path, fmt.Sprintf("VPC %s is imported: its owner must route %s to peering %s in its route tables", from.Path, fmt.Sprint(blocks), p.Path))
		return 1
	}
	n := 0
	for _, t := range from.Tiers() {
		if !wanted(t, tiers) {
			continue
		}
		for _, s := range t.Subnets {
			if s.RouteTableId == nil {
				continue
			}
			for _, b := range to.Cidrs() {
				if prev := from.ClaimRoute(s, b, p.Path); prev != "" {
					p.Report(RuleRouting, fmt.Sprintf("the route table of tier %s in %s (VPC %s) has a route to %s already, from %s, and AWS keeps one route per destination in a table", core.Quote(t.Name), s.AzLabel(), from.Path, b, prev),
						"route that destination one way")
					continue
				}
				n++
				slug := network.CidrSlug(b)
				rt := route.NewRoute(scope, jsii.String("route-"+side+"-"+t.Name+"-"+from.ZoneKey(s)+"-"+slug), &route.RouteConfig{
					RouteTableId:           s.RouteTableId,
					DestinationCidrBlock:   jsii.String(b.String()),
					VpcPeeringConnectionId: p.Resource.Id(),
					DependsOn:              &[]cdktf.ITerraformDependable{dep},
				})
				base.Stack.NameResource(rt, "aws_route", base.Path, base.Name, side, t.Name, from.ZoneKey(s), slug)
			}
		}
	}
	return n
}

// wanted tells whether tier t is one of names, or, with no names, any
// tier but the firewall's.
func wanted(t *network.Tier, names []string) bool {
	if len(names) == 0 {
		return t.Kind != network.FirewallTier
	}
	for _, n := range names {
		if n == t.Name {
			return true
		}
	}
	return false
}
