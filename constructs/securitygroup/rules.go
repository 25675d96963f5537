package securitygroup

import "github.com/privnet/privnet/constructs/core"

// The security group's rules. Sources are cited in each rule;
// docs/rules.md is generated from them.
var (
	RuleVpc = core.NewRule(core.Rule{
		ID:    "PN-SG-1",
		Title: "A security group names the VPC it belongs to",
		Fact: "A security group lives in one VPC. Made without one, Terraform would put it in the account's default VPC, which a closed network may not have, " +
			"and the rules and resources that use it could not be wired, so privnet builds none.",
		Source: "EC2 API Reference, CreateSecurityGroup (VpcId); privnet design", Checked: "2026-11", Unsuppressible: true,
	})
	RulePeer = core.NewRule(core.Rule{
		ID:    "PN-SG-2",
		Title: "Every rule names a peer that exists: a CIDR, a built security group or a prefix list",
		Fact: "A security group rule needs exactly one peer (cidr_ipv4, referenced_security_group_id or prefix_list_id). A construct that could not build its own group " +
			"has no group ID to name, so a rule to or from it cannot be made and is left out.",
		Source:  "terraform-provider-aws, internal/service/ec2/vpc_security_group_ingress_rule.go (ConfigValidators: ExactlyOneOf cidr_ipv4, cidr_ipv6, prefix_list_id, referenced_security_group_id)",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleCidr = core.NewRule(core.Rule{
		ID:    "PN-SG-3",
		Title: "A rule's CIDR is an IPv4 or IPv6 network address",
		Fact: "The AWS provider validates cidr_ipv4 of a security group rule as an IPv4 CIDR with no host bits set (10.0.0.0/16, not 10.0.0.1/16), " +
			"and cidr_ipv6 as an IPv6 one (2001:db8::/56, not 2001:db8::1/56), so any other value fails the plan.",
		Source:  "terraform-provider-aws, internal/service/ec2/vpc_security_group_ingress_rule.go (cidr_ipv4: IPv4CIDRNetworkAddress, cidr_ipv6: IPv6CIDRNetworkAddress validators)",
		Checked: "2026-11", Unsuppressible: true,
	})
	RulePorts = core.NewRule(core.Rule{
		ID:    "PN-SG-4",
		Title: "A rule is a TCP or UDP port range within 0–65535, From ≤ To",
		Fact: "The ports of a TCP or UDP rule run from 0 to 65535, and a range starts at or below its end; EC2 refuses others. " +
			"privnet's Port models TCP and UDP port ranges only: for ICMP the same fields mean a type and a code, and protocol -1 means all ports, " +
			"so a rule of another protocol is not built.",
		Source:  "EC2 API Reference, IpPermission (FromPort, ToPort, IpProtocol); privnet design",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleInternet = core.NewRule(core.Rule{
		ID:    "PN-SG-5",
		Title: "No rule opens a group to or from the whole internet (0.0.0.0/0, ::/0)",
		Fact: "A closed network reaches AWS through endpoints in the VPC and other networks through named CIDRs; a /0 rule (IPv4 or IPv6) opens the group to every address, " +
			"and security scanners (trivy AVD-AWS-0107 ingress, AVD-AWS-0104 egress) flag it. Suppressed, the rule is built as asked.",
		Source:  "privnet policy: a closed network needs no path to every address; trivy checks aws-ec2-no-public-ingress-sgr and aws-ec2-no-public-egress-sgr",
		Checked: "2026-11",
	})
	RuleDescription = core.NewRule(core.Rule{
		ID:    "PN-SG-6",
		Title: "Security groups and their rules say why they exist",
		Fact: "A group or rule without a description leaves reviewers guessing what it guards, and security scanners flag it (trivy AVD-AWS-0099 for groups, AVD-AWS-0124 for rules). " +
			"Suppressed, the group gets the provider's default description (\"Managed by Terraform\") and the rule none.",
		Source:  "privnet policy: every rule is reviewed in pull requests; trivy checks aws-ec2-add-description-to-security-group and aws-ec2-add-description-to-security-group-rule",
		Checked: "2026-11",
	})
	RuleNamedLate = core.NewRule(core.Rule{
		ID:    "PN-SG-7",
		Title: "An endpoint's clients are named before the app validates",
		Fact: "An endpoint admits the whole VPC unless the stack names its clients; privnet decides when the app validates (app.Validate, or app.Run, which validates first). " +
			"A client named afterwards would sit beside the VPC-wide rule already made, narrowing nothing, while the code reads as least privilege.",
		Source: "privnet design (securitygroup.AdmitVpcUnlessNamed)", Checked: "2026-11", Unsuppressible: true,
	})
	RuleCrossVpc = core.NewRule(core.Rule{
		ID:    "PN-SG-8",
		Title: "A rule references a group of another VPC only across a link that carries the reference",
		Fact: "A security group rule may reference a group of another VPC only when the VPCs are joined: over VPC peering in one Region, inbound or outbound " +
			"(\"You can't reference the security group of a peer VPC that's in a different Region. Instead, use the CIDR block of the peer VPC.\"); " +
			"over a Transit Gateway in one Region, inbound rules only, and only with security group referencing on at the gateway and its attachments " +
			"(off by default at the gateway; \"Outbound security rules referencing over Transit Gateway aren't supported\"). Otherwise use the other VPC's CIDR.",
		Source: "Amazon VPC Peering Guide, \"Update your security groups to reference peer security groups\"; AWS Networking & Content Delivery blog, " +
			"\"Introducing security group referencing for AWS Transit Gateway\" (GA 2024-09-25); AWS provider 5.88 aws_ec2_transit_gateway (security_group_referencing_support, default disable); checked 2026-11-24",
		Checked: "2026-11", Unsuppressible: true,
	})
)
