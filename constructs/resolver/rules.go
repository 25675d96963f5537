package resolver

import "github.com/privnet/privnet/constructs/core"

// The Route 53 Resolver rules. Sources are cited in each rule;
// docs/rules.md is generated from them.
var (
	RuleTwoIps = core.NewRule(core.Rule{
		ID:    "PN-DNS-1",
		Title: "A Resolver endpoint has at least two IP addresses, each a usable address of its subnet",
		Fact: "Route 53 requires at least two IP addresses for a Resolver endpoint (the API accepts one, the service does not); the AWS provider takes 2 to 10 ip_address blocks. " +
			"A fixed IP must lie in its subnet and not be one of the five addresses AWS reserves in every subnet (the first four and the last).",
		Source:  "Amazon Route 53 Developer Guide, \"Best practices for Resolver endpoints: high availability\"; Route 53 Resolver API Reference, CreateResolverEndpoint (IpAddresses); Amazon VPC User Guide, \"Subnet CIDR blocks\" (reserved addresses), checked 2026-11-24",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleTwoAzs = core.NewRule(core.Rule{
		ID:    "PN-DNS-2",
		Title: "A Resolver endpoint spans two AZs (privnet policy)",
		Fact: "privnet policy, not an AWS requirement: AWS advises IP addresses in at least two Availability Zones so that an endpoint outlives one AZ; " +
			"privnet makes it an error that can be suppressed with a reason.",
		Source:  "privnet policy, after Amazon Route 53 Developer Guide, \"Best practices for Resolver endpoints: high availability\" (\"You should also specify IP addresses in at least two Availability Zones\"), checked 2026-11-24",
		Checked: "2026-11",
	})
	RuleAdmit = core.NewRule(core.Rule{
		ID:    "PN-DNS-3",
		Title: "An inbound endpoint admits the networks that query it, and opens to all only when asked with a reason",
		Fact: "An inbound endpoint answers only the clients its security group admits on port 53 (TCP and UDP): with none admitted, on-premises forwarders time out. " +
			"Rules narrower than all addresses turn on connection tracking, which AWS says can lower an endpoint IP's capacity to as little as about 1,500 queries per second; " +
			"privnet admits the declared networks by default and opens port 53 to all (untracked) only with OpenIngress and its reason.",
		Source:  "Amazon Route 53 Developer Guide, \"Best practices for Resolver endpoints: scaling\" and \"Security group settings\"; Amazon EC2 User Guide, \"Security group connection tracking\", checked 2026-11-24",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleShadow = core.NewRule(core.Rule{
		ID:    "PN-DNS-4",
		Title: "A forwarding rule does not take an AWS service's name from a VPC whose endpoint answers it",
		Fact: "Resolver uses the rule with the most specific domain name, and \"If you have a private hosted zone … and a Resolver rule … for the same domain name, the Resolver rule takes precedence\". " +
			"A forwarding rule associated with a VPC for an interface endpoint's private DNS name (ssm.eu-west-1.amazonaws.com), or a name under it, sends those queries to the rule's targets instead of the endpoint's zone. " +
			"(A rule for a less specific domain, such as amazonaws.com or \".\", leaves the zone's names to the zone.)",
		Source:  "Amazon Route 53 Developer Guide, \"Considerations when working with a private hosted zone\" and \"Forwarding outbound DNS queries to your network\", checked 2026-11-24",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleLoop = core.NewRule(core.Rule{
		ID:      "PN-DNS-5",
		Title:   "A VPC is not associated with a rule that forwards to its own inbound endpoint",
		Fact:    "AWS: \"Don't associate the same VPC to a Resolver rule and its inbound endpoint\": the query comes back to the VPC's resolver, which forwards it again, a loop that fails the query.",
		Source:  "Amazon Route 53 Developer Guide, \"Best practices for Resolver endpoints\" (Avoid loop configurations), checked 2026-11-24",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleForward = core.NewRule(core.Rule{
		ID:    "PN-DNS-6",
		Title: "A forwarding rule names a domain, an outbound endpoint and IPv4 targets",
		Fact: "A FORWARD rule needs its outbound endpoint, a domain name and at least one target IP (port 53 unless given). Only Resolver creates RECURSIVE rules. " +
			"A target outside private address space is allowed by AWS (reached through NAT or the internet) and is a warning here: queries then leave the private network.",
		Source:  "Route 53 Resolver API Reference, CreateResolverRule (RuleType, TargetIps); Amazon Route 53 Developer Guide, \"Forwarding outbound DNS queries to your network\", checked 2026-11-24",
		Checked: "2026-11", Unsuppressible: true,
	})
)
