// Package vpn is the hybrid link over AWS Site-to-Site VPN: a virtual
// private gateway attached to a VPC, with route propagation into chosen
// tiers, and VPN connections to customer gateways with static routes or
// BGP (rules PN-VPN-*, docs/rules.md).
//
// The on-premises networks are declared once, with network.NewExternal,
// before the gateway: the gateway routes them (propagation, or static
// routes with StaticTo), a static connection takes their CIDRs, and the
// gateway checks that every subnet that exchanges traffic with them
// (Vpc.NeedsOnPrem: endpoints that admit them, Resolver endpoints) has a
// route to them (PN-VPN-5). The reachability check follows the same
// resources from the synthesized JSON.
package vpn

import (
	"fmt"
	"net/netip"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/customergateway"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dxgatewayassociation"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/route"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpnconnection"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpnconnectionroute"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpngateway"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpngatewayroutepropagation"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/network"
)

// GatewayProps configures a virtual private gateway.
type GatewayProps struct {
	// Vpc the gateway attaches to. Required.
	Vpc *network.Vpc
	// AmazonSideAsn is the gateway's BGP ASN. Default: AWS's (64512).
	AmazonSideAsn int64
	// PropagateTo names the tiers whose route tables learn the on-premises
	// routes. Default: every tier that is not public (nor the firewall's),
	// less those in StaticTo; none for an imported VPC, whose route tables
	// are its owner's.
	PropagateTo []string
	// StaticTo names tiers that get static routes to the VPC's declared
	// external networks (network.NewExternal, declared before the gateway)
	// instead of propagation: what a reviewer sees in the table, unchanged
	// by what BGP learns.
	StaticTo []string
}

// Gateway is a virtual private gateway attached to a VPC.
type Gateway struct {
	constructs.Construct
	core.Base
	Vpc      *network.Vpc
	Resource vpngateway.VpnGateway
	Id       *string
	// routed holds the subnets whose route tables reach on premises
	// through the gateway: propagated or static.
	routed map[*network.Subnet]bool
}

// NewGateway makes the gateway, attached to the VPC, and its route
// propagation.
func NewGateway(scope constructs.Construct, id string, props *GatewayProps) *Gateway {
	if props == nil {
		props = &GatewayProps{}
	}
	g := &Gateway{Vpc: props.Vpc, routed: map[*network.Subnet]bool{}}
	g.Init(g, scope, id)
	if props.Vpc == nil {
		g.Report(RuleGateway, "a virtual private gateway needs a Vpc", "pass the VPC it attaches to")
		return g
	}
	v := props.Vpc
	if !g.Uses("VPC", &v.Base) {
		return g
	}
	if other := attached(v, g); other != nil {
		g.Report(RuleGateway, fmt.Sprintf("VPC %s already has virtual private gateway %s, and AWS attaches one to a VPC at a time", v.Path, other.Path),
			"use that gateway for every connection of the VPC")
		return g
	}
	if a := props.AmazonSideAsn; a != 0 && !(a >= 64512 && a <= 65534 || a >= 4200000000 && a <= 4294967294) {
		g.Report(RuleAsn, fmt.Sprintf("AmazonSideAsn %d is outside the private ranges AWS takes for a virtual private gateway", a),
			"use 64512–65534 or 4200000000–4294967294, or 0 for AWS's default")
	}
	tiers, static := props.PropagateTo, props.StaticTo
	if v.Imported != nil && len(tiers)+len(static) > 0 {
		g.Report(RuleGateway, fmt.Sprintf("VPC %s is imported: propagating or adding routes would change route tables its owner manages", v.Path),
			"drop PropagateTo and StaticTo and have the VPC's owner route to the gateway, or build the VPC with privnet")
		tiers, static = nil, nil
	} else if tiers == nil && v.Imported == nil {
		for _, t := range v.Tiers() {
			if t.Kind != network.Public && t.Kind != network.FirewallTier && !slices.Contains(static, t.Name) {
				tiers = append(tiers, t.Name)
			}
		}
	}
	for _, name := range append(slices.Clone(tiers), static...) {
		if !v.HasTier(name) {
			g.Report(network.RuleTierLookup, fmt.Sprintf("VPC %s has no tier %s", v.Path, core.Quote(name)), "name one of the VPC's tiers")
		}
	}
	for _, name := range static {
		if slices.Contains(tiers, name) {
			g.Report(RuleTierRoute, fmt.Sprintf("tier %s is both in PropagateTo and StaticTo", core.Quote(name)), "route each tier one way")
		}
	}
	// The static routes and the check of every subnet that talks to on
	// premises wait for validation, when every declared network and every
	// endpoint exists, whatever the order they were made in.
	v.Stack.Defer(func() {
		g.staticRoutes(static)
		v.Stack.Defer(g.checkRoutes) // after the checks that record needs (forwarding rules')
	})

	cfg := &vpngateway.VpnGatewayConfig{
		VpcId: v.VpcId,
		Tags:  &map[string]*string{"Name": jsii.String(g.Stack.Name + "-" + strings.ReplaceAll(g.Name, "_", "-"))},
	}
	if props.AmazonSideAsn != 0 {
		cfg.AmazonSideAsn = jsii.String(strconv.FormatInt(props.AmazonSideAsn, 10))
	}
	g.Resource = vpngateway.NewVpnGateway(g, jsii.String("gateway"), cfg)
	g.Stack.NameResource(g.Resource, "aws_vpn_gateway", g.Path, g.Name)
	g.Id = g.Resource.Id()
	for _, t := range v.Tiers() {
		if slices.Contains(tiers, t.Name) {
			for _, s := range t.Subnets {
				g.routed[s] = true
			}
		}
	}
	// Named by tier and AZ: adding a tier or an AZ renames nothing.
	for _, t := range v.Tiers() {
		if !slices.Contains(tiers, t.Name) {
			continue
		}
		for _, s := range t.Subnets {
			if s.RouteTableId == nil {
				continue
			}
			where := t.Name + "-" + v.ZoneKey(s)
			p := vpngatewayroutepropagation.NewVpnGatewayRoutePropagation(g, jsii.String("propagation-"+where), &vpngatewayroutepropagation.VpnGatewayRoutePropagationConfig{
				VpnGatewayId: g.Id,
				RouteTableId: s.RouteTableId,
			})
			g.Stack.NameResource(p, "aws_vpn_gateway_route_propagation", g.Path, g.Name, t.Name, v.ZoneKey(s))
		}
	}
	for _, t := range v.Tiers() {
		if slices.Contains(static, t.Name) {
			for _, s := range t.Subnets {
				if s.RouteTableId != nil {
					g.routed[s] = true
				}
			}
		}
	}
	return g
}

// staticRoutes writes, in each route table of the StaticTo tiers, a route
// to the gateway for every declared network.
func (g *Gateway) staticRoutes(static []string) {
	v := g.Vpc
	if len(static) > 0 && len(v.Externals()) == 0 {
		g.Report(RuleTierRoute, "StaticTo names tiers, but the VPC declares no external network to route to", "declare the on-premises networks with network.NewExternal")
		return
	}
	for _, t := range v.Tiers() {
		if !slices.Contains(static, t.Name) {
			continue
		}
		for _, s := range t.Subnets {
			if s.RouteTableId == nil {
				continue
			}
			for _, e := range v.Externals() {
				for _, p := range e.Prefixes() {
					// Named by tier, AZ and destination: a network added
					// later renames no route.
					where := t.Name + "-" + v.ZoneKey(s) + "-" + network.CidrSlug(p)
					r := route.NewRoute(g, jsii.String("route-"+where), &route.RouteConfig{
						RouteTableId:         s.RouteTableId,
						DestinationCidrBlock: jsii.String(p.String()),
						GatewayId:            g.Id,
					})
					// The route needs the gateway attached: vpn_gateway's
					// vpc_id attaches it, and the route refers to the
					// gateway, so Terraform orders them.
					g.Stack.NameResource(r, "aws_route", g.Path, g.Name, t.Name, v.ZoneKey(s), network.CidrSlug(p))
				}
			}
		}
	}
}

// checkRoutes reports each subnet that must exchange traffic with on
// premises (Vpc.NeedsOnPrem) and whose route table the gateway does not
// route there; for an imported VPC, whose tables are its owner's, it says
// what the owner must route.
func (g *Gateway) checkRoutes() {
	for _, need := range g.Vpc.OnPremNeeds() {
		if g.Vpc.Imported != nil {
			// The route tables are the owner's: privnet cannot route them,
			// and cannot know the gateway's ID before it exists.
			g.Stack.Note(need.Path, fmt.Sprintf("%s exchanges traffic with on premises: the route tables of imported VPC %s must route the on-premises networks to virtual private gateway %s (propagation or static routes), which their owner sets",
				need.What, g.Vpc.Path, g.Path))
			continue
		}
		byTier := map[string][]string{}
		var tiers []string
		for _, s := range need.Subnets {
			if s == nil {
				continue
			}
			if g.routed[s] {
				continue
			}
			tier := ""
			if t := g.Vpc.TierOf(s); t != nil {
				tier = t.Name
			}
			if _, seen := byTier[tier]; !seen {
				tiers = append(tiers, tier)
			}
			byTier[tier] = append(byTier[tier], s.AzLabel())
		}
		for _, tier := range tiers {
			where := "its subnets"
			if tier != "" {
				where = "tier " + core.Quote(tier)
			}
			g.Stack.Report(RuleTierRoute, need.Path, fmt.Sprintf("%s exchanges traffic with on premises, but the route table of %s in %s has neither propagation from %s nor a static route to the on-premises networks",
				need.What, where, strings.Join(byTier[tier], ", "), g.Path), fmt.Sprintf("add %s to the gateway's PropagateTo (or StaticTo)", orWord(tier, "the subnets' tier")))
		}
	}
}

func orWord(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

// ConnectionProps configures a Site-to-Site VPN connection.
type ConnectionProps struct {
	// Gateway is the VPC's virtual private gateway. Required.
	Gateway *Gateway
	// CustomerGatewayIp is the on-premises device's static public IPv4
	// address. Required.
	CustomerGatewayIp string
	// BgpAsn is the device's ASN, for dynamic (BGP) routing. Default: 0,
	// static routing, which needs StaticRoutes.
	BgpAsn int64
	// StaticRoutes are the on-premises networks, with static routing.
	// Default, with static routing: the CIDRs of every external network
	// the VPC declares (network.NewExternal), read at validation.
	StaticRoutes []string
}

// Connection is a customer gateway and its VPN connection.
type Connection struct {
	constructs.Construct
	core.Base
	Customer customergateway.CustomerGateway
	Resource vpnconnection.VpnConnection
}

// reservedAsn: ASNs a customer gateway cannot take, and where ("" is every
// Region). "Customer gateway options for your AWS Site-to-Site VPN
// connection", checked 2026-11-24.
var reservedAsn = map[int64]string{7224: "", 9059: "eu-west-1", 10124: "ap-northeast-1", 17943: "ap-southeast-1"}

// NewConnection makes the customer gateway, the VPN connection and its
// static routes.
func NewConnection(scope constructs.Construct, id string, props *ConnectionProps) *Connection {
	if props == nil {
		props = &ConnectionProps{}
	}
	c := &Connection{}
	c.Init(c, scope, id)
	report := c.Report
	if props.Gateway == nil || props.Gateway.Resource == nil {
		report(RuleGateway, "a VPN connection needs a Gateway that was built", "pass the VPC's vpn.NewGateway")
		return c
	}
	g := props.Gateway
	if !c.Uses("virtual private gateway", &g.Base) {
		return c
	}
	ip, err := netip.ParseAddr(props.CustomerGatewayIp)
	switch {
	case props.CustomerGatewayIp == "":
		report(RuleGateway, "no CustomerGatewayIp given", "give the on-premises device's static public IPv4 address")
	case err != nil || !ip.Is4():
		report(RuleGateway, fmt.Sprintf("CustomerGatewayIp %s is not an IPv4 address", core.Quote(props.CustomerGatewayIp)), "give the device's public IPv4 address, like 203.0.113.10")
	case !publicIPv4(ip):
		report(RuleGateway, fmt.Sprintf("CustomerGatewayIp %s is not a public address", ip), "give the device's static public IPv4 address (a VPN to a virtual private gateway runs over the internet)")
	}
	asn := props.BgpAsn
	region := c.Stack.Region.Name
	switch where, reserved := reservedAsn[asn]; {
	case asn < 0 || asn > 4294967295:
		report(RuleAsn, fmt.Sprintf("BgpAsn %d is outside 1–4294967295", asn), "give the device's ASN")
	case reserved && (where == "" || where == region):
		report(RuleAsn, fmt.Sprintf("BgpAsn %d is reserved by AWS in %s", asn, orAll(where)), "give the device another ASN, such as a private one (64512–65534)")
	}
	static := asn == 0
	declared := static && props.StaticRoutes == nil // the declared networks, read at validation
	switch {
	case static && !declared && len(props.StaticRoutes) == 0:
		report(RuleStaticRoutes, "the connection has static routing (no BgpAsn) and no StaticRoutes, so no traffic would go to it", "declare the on-premises networks (network.NewExternal), list them in StaticRoutes, or give the device's BgpAsn for BGP")
	case !static && len(props.StaticRoutes) > 0:
		report(RuleStaticRoutes, "the connection has both BgpAsn (dynamic routing) and StaticRoutes", "give BgpAsn for BGP, or StaticRoutes without it")
	}
	var routes []netip.Prefix
	for i, r := range props.StaticRoutes {
		p, err := netip.ParsePrefix(r)
		if err != nil || !p.Addr().Is4() || p.Masked() != p {
			report(RuleStaticRoutes, fmt.Sprintf("StaticRoutes[%d] %s is not an IPv4 network address with its prefix length", i, core.Quote(r)), `write it like "192.168.0.0/16"`)
			continue
		}
		if b, ok := g.Vpc.Overlaps(p); ok {
			report(network.RuleOnPremOverlap, fmt.Sprintf("on-premises network %s overlaps VPC %s (%s)", p, g.Vpc.Path, b), "renumber one of them: the VPC's local route wins for its own addresses")
		}
		routes = append(routes, p)
	}

	name := c.Stack.Name + "-" + strings.ReplaceAll(c.Name, "_", "-")
	ccfg := &customergateway.CustomerGatewayConfig{
		Type:      jsii.String("ipsec.1"),
		IpAddress: jsii.String(props.CustomerGatewayIp),
		Tags:      &map[string]*string{"Name": jsii.String(name)},
	}
	switch {
	case asn > 2147483647:
		ccfg.BgpAsnExtended = jsii.String(strconv.FormatInt(asn, 10)) // CreateCustomerGateway: above 2,147,483,647
	case asn > 0:
		ccfg.BgpAsn = jsii.String(strconv.FormatInt(asn, 10))
	}
	c.Customer = customergateway.NewCustomerGateway(c, jsii.String("customer-gateway"), ccfg)
	c.Stack.NameResource(c.Customer, "aws_customer_gateway", c.Path, c.Name)
	c.Resource = vpnconnection.NewVpnConnection(c, jsii.String("connection"), &vpnconnection.VpnConnectionConfig{
		VpnGatewayId:      g.Id,
		CustomerGatewayId: c.Customer.Id(),
		Type:              jsii.String("ipsec.1"),
		StaticRoutesOnly:  jsii.Bool(static),
		Tags:              &map[string]*string{"Name": jsii.String(name)},
	})
	c.Stack.NameResource(c.Resource, "aws_vpn_connection", c.Path, c.Name)
	if !declared {
		c.routes(routes)
		return c
	}
	// By default the routes are every network the VPC declares, whenever it
	// was declared: read at validation.
	c.Stack.Defer(func() {
		var all []netip.Prefix
		for _, e := range g.Vpc.Externals() {
			all = append(all, e.Prefixes()...)
		}
		if len(all) == 0 {
			report(RuleStaticRoutes, "the connection has static routing (no BgpAsn), no StaticRoutes, and the VPC declares no on-premises network, so no traffic would go to it",
				"declare the on-premises networks (network.NewExternal), list them in StaticRoutes, or give the device's BgpAsn for BGP")
		}
		c.routes(all)
	})
	return c
}

// routes makes the connection's static routes, each once, named by its
// destination.
func (c *Connection) routes(routes []netip.Prefix) {
	seen := map[netip.Prefix]bool{}
	for _, p := range routes {
		if seen[p] {
			continue
		}
		seen[p] = true
		r := vpnconnectionroute.NewVpnConnectionRoute(c, jsii.String("route-"+network.CidrSlug(p)), &vpnconnectionroute.VpnConnectionRouteConfig{
			VpnConnectionId:      c.Resource.Id(),
			DestinationCidrBlock: jsii.String(p.String()),
		})
		c.Stack.NameResource(r, "aws_vpn_connection_route", c.Path, c.Name, network.CidrSlug(p))
	}
}

// notPublic are the IPv4 ranges that are not public unicast addresses
// (RFC 6890): a VPN device on the internet cannot have one.
var notPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"), netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("169.254.0.0/16"), netip.MustParsePrefix("172.16.0.0/12"),
	netip.MustParsePrefix("192.0.0.0/24"), netip.MustParsePrefix("192.168.0.0/16"), netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("224.0.0.0/4"), netip.MustParsePrefix("240.0.0.0/4"),
}

func publicIPv4(ip netip.Addr) bool {
	for _, p := range notPublic {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

func orAll(where string) string {
	if where == "" {
		return "every Region"
	}
	return where
}

// DirectConnectProps associates a virtual private gateway with an existing
// Direct Connect gateway.
type DirectConnectProps struct {
	// Gateway is the VPC's virtual private gateway. Required.
	Gateway *Gateway
	// DxGatewayId is the Direct Connect gateway's ID. Required.
	DxGatewayId string
	// AllowedPrefixes filter what the association advertises on premises;
	// each VPC block must lie in one. Default: the VPC's blocks (written
	// out, so that Terraform sees drift).
	AllowedPrefixes []string
}

// DirectConnect is the association.
type DirectConnect struct {
	constructs.Construct
	core.Base
	Resource dxgatewayassociation.DxGatewayAssociation
}

var uuid = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// NewDirectConnect makes the association of the gateway with the Direct
// Connect gateway, in the same account. (Across accounts the gateway's
// owner proposes and the Direct Connect gateway's owner accepts: not built
// here.)
func NewDirectConnect(scope constructs.Construct, id string, props *DirectConnectProps) *DirectConnect {
	if props == nil {
		props = &DirectConnectProps{}
	}
	d := &DirectConnect{}
	d.Init(d, scope, id)
	if props.Gateway == nil || props.Gateway.Resource == nil {
		d.Report(RuleGateway, "a Direct Connect association needs a Gateway that was built", "pass the VPC's vpn.NewGateway")
		return d
	}
	g := props.Gateway
	if !d.Uses("virtual private gateway", &g.Base) {
		return d
	}
	if !uuid.MatchString(props.DxGatewayId) {
		d.Report(RuleDirectConnect, fmt.Sprintf("DxGatewayId %s is not a Direct Connect gateway ID", core.Quote(props.DxGatewayId)),
			"give the gateway's ID as aws directconnect describe-direct-connect-gateways shows it (a UUID)")
	}
	allowed := props.AllowedPrefixes
	if len(allowed) == 0 {
		for _, b := range g.Vpc.Cidrs() {
			allowed = append(allowed, b.String())
		}
	}
	var prefixes []netip.Prefix
	for i, a := range allowed {
		p, err := netip.ParsePrefix(a)
		if err != nil || !p.Addr().Is4() || p.Masked() != p {
			d.Report(RuleDirectConnect, fmt.Sprintf("AllowedPrefixes[%d] %s is not an IPv4 network address with its prefix length", i, core.Quote(a)), `write it like "10.0.0.0/16"`)
			continue
		}
		prefixes = append(prefixes, p)
	}
	for _, b := range g.Vpc.Cidrs() {
		covered := false
		for _, p := range prefixes {
			covered = covered || p.Bits() <= b.Bits() && p.Contains(b.Addr())
		}
		if !covered && len(prefixes) > 0 {
			d.Report(RuleDirectConnect, fmt.Sprintf("VPC block %s lies in none of the AllowedPrefixes (%s)", b, strings.Join(allowed, ", ")),
				"allow the VPC's blocks, or wider prefixes that hold them")
		}
	}
	var list []*string
	for _, p := range prefixes {
		list = append(list, jsii.String(p.String()))
	}
	d.Resource = dxgatewayassociation.NewDxGatewayAssociation(d, jsii.String("association"), &dxgatewayassociation.DxGatewayAssociationConfig{
		DxGatewayId:         jsii.String(props.DxGatewayId),
		AssociatedGatewayId: g.Id,
		AllowedPrefixes:     &list,
	})
	d.Stack.NameResource(d.Resource, "aws_dx_gateway_association", d.Path, d.Name)
	return d
}

// The gateway of each VPC: AWS attaches one at a time.
var (
	gatewaysMu sync.Mutex
	gateways   = map[*network.Vpc]*Gateway{}
)

// attached records g as v's gateway, or returns the one v already has.
func attached(v *network.Vpc, g *Gateway) *Gateway {
	gatewaysMu.Lock()
	defer gatewaysMu.Unlock()
	if other := gateways[v]; other != nil {
		return other
	}
	gateways[v] = g
	return nil
}
