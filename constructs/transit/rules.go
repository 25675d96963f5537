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
		ID:      "PN-TGW-3",
		Title:   "VPCs attached to one Transit Gateway do not overlap",
		Fact:    "A route table of a Transit Gateway sends a destination to one attachment; overlapping VPC blocks cannot both be reached, and each VPC's local route keeps its own copy of the overlap.",
		Source:  "privnet design: a destination in two attachments' blocks is reached at most one way (to be checked against Amazon VPC Transit Gateways, \"Transit gateway route tables\")",
		Checked: "2026-11", Unsuppressible: true,
	})
)
