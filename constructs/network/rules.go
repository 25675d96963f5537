package network

import "github.com/privnet/privnet/constructs/core"

// The VPC's rules. Sources are cited in each rule; docs/rules.md is
// generated from them.
var (
	RuleVpcCidr = core.NewRule(core.Rule{
		ID:     "PN-VPC-1",
		Title:  "The VPC CIDR is an IPv4 block from /16 to /28, written without host bits",
		Fact:   "AWS accepts VPC IPv4 blocks from /16 to /28; CreateVpc refuses others, and a block with host bits set is not what Terraform will show back.",
		Source: "Amazon VPC User Guide, \"VPC CIDR blocks\"", Checked: "2026-11", Unsuppressible: true,
	})
	RuleAzs = core.NewRule(core.Rule{
		ID:    "PN-VPC-2",
		Title: "AZs belong to the stack's region, once each, and a count can be satisfied",
		Fact: "A subnet's AZ must be an AZ of the provider's region, or the apply fails. AZ names map to different zones per account; in regions where accounts see different names (us-west-1), " +
			"a count cannot pick them, so they must be listed (aws ec2 describe-availability-zones). ap-northeast-1b is closed to new accounts.",
		Source: "AWS Regions and Availability Zones documentation; EC2 DescribeAvailabilityZones", Checked: "2026-11", Unsuppressible: true,
	})
	RuleTiers = core.NewRule(core.Rule{
		ID:     "PN-VPC-3",
		Title:  "Tiers have names usable in resource names, unique in the VPC, a known kind, and address families the VPC has",
		Fact:   "A tier's name is part of its subnets' Terraform names and tags, so two tiers of one name would collide; its kind decides its routes (isolated, private-with-nat, public).",
		Source: "privnet design (Terraform names must be unique)", Checked: "2026-11", Unsuppressible: true,
	})
	RuleSubnets = core.NewRule(core.Rule{
		ID:    "PN-VPC-4",
		Title: "Subnets fit in the VPC, from /16 to /28, one per AZ, with no overlap",
		Fact: "AWS refuses a subnet outside its VPC's CIDR, one that overlaps another, or a prefix outside /16–/28. privnet carves tiers in order so that appending a tier never moves an earlier subnet, " +
			"and ReserveAzs keeps room for AZs added later.",
		Source: "Amazon VPC User Guide, \"Subnet CIDR blocks\"", Checked: "2026-11", Unsuppressible: true,
	})
	RuleNat = core.NewRule(core.Rule{
		ID:     "PN-VPC-5",
		Title:  "NAT gateways live in a public tier, a private-with-nat tier has them, and IPv6 egress has a private-with-nat tier with IPv6 and no firewall to bypass",
		Fact:   "A NAT gateway needs a subnet with a route to an internet gateway; a private-with-nat tier without a NAT gateway has no route out, which its kind promises.",
		Source: "Amazon VPC User Guide, \"NAT gateways\"", Checked: "2026-11", Unsuppressible: true,
	})
	RuleFlowLogTraffic = core.NewRule(core.Rule{
		ID:     "PN-VPC-6",
		Title:  "Flow logs record rejected traffic (ALL or REJECT)",
		Fact:   "AWS accepts ACCEPT, REJECT or ALL. A flow log of ACCEPT only hides the rejected connections a closed network most needs to see when a call hangs.",
		Source: "Amazon VPC User Guide, \"Flow log records\"; privnet policy", Checked: "2026-11",
	})
	RuleFlowLogValues = core.NewRule(core.Rule{
		ID:    "PN-VPC-7",
		Title: "Flow log traffic type and retention are values AWS accepts",
		Fact: "A flow log's traffic type is ACCEPT, REJECT or ALL; PutRetentionPolicy takes only 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653 days. " +
			"Any other value fails the apply.",
		Source: "EC2 API Reference, CreateFlowLogs; CloudWatch Logs API Reference, PutRetentionPolicy", Checked: "2026-11", Unsuppressible: true,
	})
	RuleTierLookup = core.NewRule(core.Rule{
		ID:     "PN-VPC-8",
		Title:  "A tier asked for by name exists",
		Fact:   "vpc.Tier(name) with a name the VPC does not have would wire nothing (no subnets) to the next construct.",
		Source: "privnet design", Checked: "2026-11", Unsuppressible: true,
	})
	RuleFirewall = core.NewRule(core.Rule{
		ID:    "PN-VPC-9",
		Title: "A Network Firewall sits between a public tier and the internet gateway, and lists domains",
		Fact: "Network Firewall filters traffic that its routes send through it: privnet routes the public tier's internet traffic through the firewall endpoint of its AZ, " +
			"and the internet gateway's replies back through it, so a VPC without a public tier has nothing for it to filter. Its domain list takes host names, " +
			"or names starting with a dot for a domain and its subdomains; the firewall's subnets form a tier named \"firewall\".",
		Source:  "AWS Network Firewall Developer Guide, \"Route table configurations\" and \"Domain list rule groups\"",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleExternal = core.NewRule(core.Rule{
		ID:     "PN-VPC-10",
		Title:  "An external network has a name and IPv4 CIDRs",
		Fact:   "A network outside the VPC (network.NewExternal) is a source of needs: the reachability check admits it by its addresses, so they must be IPv4 network addresses with their prefix lengths.",
		Source: "privnet design", Checked: "2026-11", Unsuppressible: true,
	})
	RuleOnPremOverlap = core.NewRule(core.Rule{
		ID:      "PN-VPC-13",
		Title:   "A network outside the VPC does not overlap it",
		Fact:    "The VPC's local route is more specific than any route to a VPN or Direct Connect for the VPC's own addresses, so on-premises addresses inside the VPC's blocks are unreachable from it.",
		Source:  "Amazon VPC User Guide, \"Route priority\" (the local route); AWS Site-to-Site VPN User Guide, \"Route tables and VPN route priority\", checked 2026-11-24",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleImport = core.NewRule(core.Rule{
		ID:    "PN-VPC-11",
		Title: "An imported VPC is named by its ID, with valid attributes and one subnet per AZ in each tier",
		Fact: "network.ImportVpc references an existing VPC and its subnets by ID and makes nothing in it that its owner manages. Its CIDRs, subnets (ID, AZ name or ID, CIDR, route table) and tiers " +
			"must be what AWS gives (describe-vpcs, describe-subnets), and a tier, like an endpoint, takes one subnet per AZ.",
		Source: "Amazon VPC User Guide, \"Subnets for your VPC\" and \"AZ IDs\" (checked 2026-11); privnet policy: never change what privnet does not own", Checked: "2026-11", Unsuppressible: true,
	})
	RuleAzId = core.NewRule(core.Rule{
		ID:    "PN-VPC-12",
		Title: "AZs are given as names or as AZ IDs of the stack's region, not both",
		Fact: "An AZ name (us-east-1a) maps to a different physical zone in every account; an AZ ID (use1-az1) names the same zone everywhere, and subnets take it as availability_zone_id. " +
			"AZ IDs start with the region's code (use1 for us-east-1, apne1 for ap-northeast-1). A VPC's AZs are all names or all IDs, so that one zone is never listed twice under two names.",
		Source: "AWS Regions and Availability Zones, \"AZ IDs\" and \"AWS Availability Zones\" (docs.aws.amazon.com/global-infrastructure, checked 2026-11); AWS provider 5.88 aws_subnet availability_zone_id", Checked: "2026-11", Unsuppressible: true,
	})
)

// RuleIpv4Subnet is reported by the constructs that place an IPv4
// interface (RequireIpv4).
var RuleIpv4Subnet = core.NewRule(core.Rule{
	ID:    "PN-VPC-14",
	Title: "What needs an IPv4 address is not placed in an IPv6-only subnet",
	Fact: "An IPv6-only subnet has no IPv4 block, so nothing there gets an IPv4 address: an interface endpoint must be of IP address type ipv6 in IPv6-only subnets (ipv4 and dualstack need IPv4), " +
		"and an EC2 Instance Connect endpoint (no ip_address_type in AWS provider 5.88), a Route 53 Resolver endpoint of IPv4 addresses, a Lattice resource gateway or service-network endpoint of IPv4, " +
		"a Transit Gateway attachment, a Network Load Balancer and an instance with a fixed IPv4 address all need one.",
	Source:  "Amazon VPC User Guide, \"IPv6-only subnets\"; AWS PrivateLink Guide, \"IP address types\" (read 2026-11-24)",
	Checked: "2026-11", Unsuppressible: true,
})
