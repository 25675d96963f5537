package vpn

import "github.com/privnet/privnet/constructs/core"

// The Site-to-Site VPN rules. Sources are cited in each rule; docs/rules.md
// is generated from them.
var (
	RuleAsn = core.NewRule(core.Rule{
		ID:    "PN-VPN-1",
		Title: "BGP ASNs are ones AWS accepts on each side",
		Fact: "A customer gateway takes an ASN from 1 to 4,294,967,295 except 7224 (reserved in every Region), 9059 (eu-west-1), 10124 (ap-northeast-1) and 17943 (ap-southeast-1); " +
			"one above 2,147,483,647 goes in bgp_asn_extended. A virtual private gateway's Amazon-side ASN is 64,512–65,534 or 4,200,000,000–4,294,967,294.",
		Source:  "AWS Site-to-Site VPN User Guide, \"Customer gateway options for your AWS Site-to-Site VPN connection\"; EC2 API Reference, CreateCustomerGateway and CreateVpnGateway (AmazonSideAsn), checked 2026-11-24",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleStaticRoutes = core.NewRule(core.Rule{
		ID:    "PN-VPN-2",
		Title: "A VPN with static routing names its on-premises routes",
		Fact: "With static routing, only the prefixes entered as static routes of the connection receive traffic from the VPC: a static VPN with none carries nothing. " +
			"BGP and static routes are not mixed on one connection here.",
		Source:  "AWS Site-to-Site VPN User Guide, \"Site-to-Site VPN routing options\" (static and dynamic routing), checked 2026-11-24",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleGateway = core.NewRule(core.Rule{
		ID:    "PN-VPN-3",
		Title: "A virtual private gateway attaches to a VPC privnet may change, and a customer gateway has a public address",
		Fact: "Route propagation writes routes into the VPC's route tables, which privnet does not change in a VPC it imported (its owner's). " +
			"A customer gateway of a VPN to a virtual private gateway is reached at a static public IPv4 address (private-IP VPNs need a transit gateway).",
		Source:  "EC2 API Reference, EnableVgwRoutePropagation and CreateCustomerGateway (IpAddress); AWS Site-to-Site VPN User Guide, \"Private IP Site-to-Site VPN\", checked 2026-11-24",
		Checked: "2026-11", Unsuppressible: true,
	})
)

// RuleDirectConnect guards the Direct Connect gateway association.
var RuleDirectConnect = core.NewRule(core.Rule{
	ID:    "PN-VPN-4",
	Title: "A Direct Connect gateway association names the gateway and allows the VPC's blocks",
	Fact: "A Direct Connect gateway is named by its ID (a UUID). The association's allowed prefixes only filter what is advertised on premises, and AWS requires them to be the same as, " +
		"or wider than, the VPC's CIDR blocks: only the VPC's blocks are advertised.",
	Source:  "AWS Direct Connect User Guide, \"Allowed prefixes interactions\", and EC2/Direct Connect API Reference, CreateDirectConnectGatewayAssociation, checked 2026-11-24",
	Checked: "2026-11", Unsuppressible: true,
})

// RuleTierRoute guards the way back to on premises.
var RuleTierRoute = core.NewRule(core.Rule{
	ID:    "PN-VPN-5",
	Title: "A tier that exchanges traffic with on premises routes to it",
	Fact: "Replies and calls to on premises leave by the route table of the subnet they start from: it needs a route to the on-premises networks through the virtual private gateway, " +
		"propagated from the gateway (route propagation) or static. Without one, the traffic of an endpoint or Resolver endpoint that on premises calls goes nowhere.",
	Source:  "AWS Site-to-Site VPN User Guide, \"Configure routing\" (route tables and route propagation); EC2 API Reference, EnableVgwRoutePropagation, checked 2026-11-24",
	Checked: "2026-11", Unsuppressible: true,
})
