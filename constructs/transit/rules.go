package transit

import "github.com/privnet/privnet/constructs/core"

// The Transit Gateway rules. Sources are cited in each rule; docs/rules.md
// is generated from them.
var (
	RuleAsn = core.NewRule(core.Rule{
		ID:      "PN-TGW-1",
		Title:   "A Transit Gateway's Amazon-side ASN is a private one",
		Fact:    "The Amazon-side ASN of a Transit Gateway is 64,512–65,534 (16-bit) or 4,200,000,000–4,294,967,294 (32-bit); the default is 64,512.",
		Source:  "AWS provider 5.88 aws_ec2_transit_gateway (amazon_side_asn); Amazon VPC Transit Gateways, \"Transit gateway options\", checked 2026-11-24",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleSubnets = core.NewRule(core.Rule{
		ID:    "PN-TGW-2",
		Title: "A VPC attachment has one subnet per AZ, in the attached VPC",
		Fact: "\"You can select only one subnet per Availability Zone\" for a VPC attachment, and \"any resources in Availability Zones where there is no transit gateway attachment cannot reach the transit gateway\": " +
			"the attachment's subnets are of the VPC it attaches, one in each AZ whose workloads cross the gateway.",
		Source:  "Amazon VPC Transit Gateways, \"Transit gateway attachments to a VPC\" and \"Create a transit gateway attachment to a VPC\", checked 2026-11-24",
		Checked: "2026-11", Unsuppressible: true,
	})
	RulePeering = core.NewRule(core.Rule{
		ID:      "PN-TGW-4",
		Title:   "A VPC peering joins two different VPCs that do not overlap",
		Fact:    "AWS does not peer VPCs with overlapping IPv4 or IPv6 CIDR blocks, and peering is not transitive.",
		Source:  "Amazon VPC Peering Guide, \"VPC peering limitations\", checked 2026-11-24",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleOverlap = core.NewRule(core.Rule{
		ID:    "PN-TGW-3",
		Title: "VPCs attached to one Transit Gateway do not overlap",
		Fact: "\"A transit gateway doesn't support routing between VPCs with identical CIDRs\". A route table sends a destination to one attachment, and each VPC's local route keeps " +
			"its own copy of an overlap, so of two overlapping attached VPCs at most one is reached at the overlap, and its answers stay home: privnet refuses overlapping blocks as well as identical ones.",
		Source:  "Amazon VPC Transit Gateways, \"Amazon VPC attachments in AWS Transit Gateway\" (limits), checked 2026-11-24; privnet policy for overlaps that are not identical",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleRouting = core.NewRule(core.Rule{
		ID:    "PN-TGW-5",
		Title: "Traffic sent to a Transit Gateway or a peering has a route there and a route back",
		Fact: "Each Transit Gateway attachment is associated with one route table, which routes what its VPC sends: an attachment with none, or a table with no route to a destination " +
			"(or a blackhole), drops it. The answers come back by the table of the destination's attachment, which must route the sender's blocks to the sender's attachment. " +
			"A peering carries traffic only when both VPCs route the other's blocks to it. A VPC route table keeps one route per destination.",
		Source: "Amazon VPC Transit Gateways, \"Transit gateway route tables\" and \"Route evaluation order\"; Amazon VPC Peering Guide, \"Update your route tables for a VPC peering connection\"; " +
			"EC2 API Reference, CreateRoute (RouteAlreadyExists); checked 2026-11-24",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleShare = core.NewRule(core.Rule{
		ID:    "PN-TGW-6",
		Title: "A gateway or peering across accounts is shared, accepted and routed in the right accounts",
		Fact: "Another account attaches its VPC to a Transit Gateway only once the gateway is shared with it through AWS RAM; the attachment is made in the VPC's account, and, " +
			"with auto_accept_shared_attachments off, accepted in the gateway's account, which alone associates it with its route tables and propagates it. " +
			"On a shared gateway the attachment's default-route-table flags \"cannot be configured\". A peering with a VPC of another account names peer_owner_id, " +
			"is accepted in that account, and cannot use auto_accept. Each side is made with its account's credentials: a stack per account, named by core.StackProps.Account.",
		Source: "Amazon VPC Transit Gateways, \"Share a transit gateway\" and \"Accept a shared attachment\"; AWS provider 5.88 aws_ec2_transit_gateway_vpc_attachment and _accepter, " +
			"aws_vpc_peering_connection (peer_owner_id, auto_accept); checked 2026-11-24",
		Checked: "2026-11", Unsuppressible: true,
	})
)
