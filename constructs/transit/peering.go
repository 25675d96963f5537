package transit

import (
	"fmt"
	"slices"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/route"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpcpeeringconnection"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpcpeeringconnectionoptions"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/network"
)

// PeeringProps configures a VPC peering connection between two VPCs of
// one region and account (work in progress: across regions or accounts the
// accepter is made through the peer's provider, to come).
type PeeringProps struct {
	Requester, Accepter *network.Vpc
	// RequesterTiers and AccepterTiers get routes to the other VPC's
	// blocks. Default: every tier but the firewall's.
	RequesterTiers, AccepterTiers []string
	// DnsResolution lets each side resolve the other's public DNS host
	// names to private addresses (allow_remote_vpc_dns_resolution).
	DnsResolution bool
}

// Peering is the connection and its routes.
type Peering struct {
	constructs.Construct
	core.Base
	Resource vpcpeeringconnection.VpcPeeringConnection
}

// NewPeering makes the peering, accepted at once (both VPCs are in one
// account and region: auto_accept), its options after it is active, and
// the routes on both sides.
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
	if !p.Uses("VPC", &r.Base) || !p.Uses("VPC", &a.Base) {
		return p // another region: to come
	}
	if r == a {
		p.Report(RulePeering, fmt.Sprintf("VPC %s is peered with itself", r.Path), "peer two different VPCs")
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
	name := p.Stack.Name + "-" + strings.ReplaceAll(p.Name, "_", "-")
	p.Resource = vpcpeeringconnection.NewVpcPeeringConnection(p, jsii.String("peering"), &vpcpeeringconnection.VpcPeeringConnectionConfig{
		VpcId:      r.VpcId,
		PeerVpcId:  a.VpcId,
		AutoAccept: jsii.Bool(true),
		Tags:       &map[string]*string{"Name": jsii.String(name)},
	})
	p.Stack.NameResource(p.Resource, "aws_vpc_peering_connection", p.Path, p.Name)
	if props.DnsResolution {
		// Options need the peering active (provider documentation): with
		// auto_accept it is once the connection exists.
		o := vpcpeeringconnectionoptions.NewVpcPeeringConnectionOptions(p, jsii.String("options"), &vpcpeeringconnectionoptions.VpcPeeringConnectionOptionsConfig{
			VpcPeeringConnectionId: p.Resource.Id(),
			Requester:              &vpcpeeringconnectionoptions.VpcPeeringConnectionOptionsRequester{AllowRemoteVpcDnsResolution: jsii.Bool(true)},
			Accepter:               &vpcpeeringconnectionoptions.VpcPeeringConnectionOptionsAccepter{AllowRemoteVpcDnsResolution: jsii.Bool(true)},
		})
		p.Stack.NameResource(o, "aws_vpc_peering_connection_options", p.Path, p.Name)
	}
	p.routes("requester", r, a, props.RequesterTiers)
	p.routes("accepter", a, r, props.AccepterTiers)
	return p
}

// routes writes, in from's tiers, a route to each block of to.
func (p *Peering) routes(side string, from, to *network.Vpc, tiers []string) {
	for _, name := range tiers {
		if !from.HasTier(name) {
			p.Report(network.RuleTierLookup, fmt.Sprintf("VPC %s has no tier %s", from.Path, core.Quote(name)), "name one of the VPC's tiers")
		}
	}
	for _, t := range from.Tiers() {
		if len(tiers) > 0 && !slices.Contains(tiers, t.Name) || len(tiers) == 0 && t.Kind == network.FirewallTier {
			continue
		}
		for _, s := range t.Subnets {
			if s.RouteTableId == nil {
				continue
			}
			for _, b := range to.Cidrs() {
				slug := strings.NewReplacer(".", "_", "/", "_").Replace(b.String())
				rt := route.NewRoute(p, jsii.String("route-"+side+"-"+t.Name+"-"+from.ZoneKey(s)+"-"+slug), &route.RouteConfig{
					RouteTableId:           s.RouteTableId,
					DestinationCidrBlock:   jsii.String(b.String()),
					VpcPeeringConnectionId: p.Resource.Id(),
					DependsOn:              &[]cdktf.ITerraformDependable{p.Resource},
				})
				p.Stack.NameResource(rt, "aws_route", p.Path, p.Name, side, t.Name, from.ZoneKey(s), slug)
			}
		}
	}
}
