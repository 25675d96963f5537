package instanceconnect

import "github.com/privnet/privnet/constructs/core"

// The EC2 Instance Connect endpoint's rules. Sources are cited in each
// rule; docs/rules.md is generated from them.
var (
	RuleVpc = core.NewRule(core.Rule{
		ID:    "PN-EIC-1",
		Title: "An Instance Connect endpoint names its VPC and has a subnet to sit in",
		Fact: "CreateInstanceConnectEndpoint requires a SubnetId: the endpoint lives in one subnet of the VPC whose instances it reaches. " +
			"Without the VPC or a subnet of it, the endpoint cannot be made.",
		Source: "EC2 API Reference, CreateInstanceConnectEndpoint (SubnetId)", Checked: "2026-11", Unsuppressible: true,
	})
	RuleOnePerVpc = core.NewRule(core.Rule{
		ID:    "PN-EIC-2",
		Title: "A VPC has at most one Instance Connect endpoint",
		Fact: "AWS allows one EC2 Instance Connect endpoint per VPC and one per subnet, and these quotas cannot be raised: the second endpoint's apply fails. " +
			"One endpoint reaches every subnet of its VPC.",
		Source: "Amazon EC2 User Guide, \"Quotas for EC2 Instance Connect Endpoint\"", Checked: "2026-11", Unsuppressible: true,
	})
	RuleIpAddressType = core.NewRule(core.Rule{
		ID:    "PN-EIC-3",
		Title: "The endpoint's IpAddressType is ipv4",
		Fact: "An endpoint's IP address type is ipv4, dualstack or ipv6; dualstack and ipv6 need subnets with IPv6 CIDRs, " +
			"and the pinned AWS provider 5.88 has no argument to set it, so the endpoint would be made IPv4 whatever was asked, in a dual-stack VPC too.",
		Source:  "EC2 API Reference, CreateInstanceConnectEndpoint (IpAddressType); terraform-provider-aws 5.88, aws_ec2_instance_connect_endpoint (no ip_address_type argument)",
		Checked: "2026-11", Unsuppressible: true,
	})
	RulePreserveClientIp = core.NewRule(core.Rule{
		ID:    "PN-EIC-4",
		Title: "PreserveClientIp is used only on an IPv4 endpoint, for instances in the endpoint's VPC",
		Fact: "Client IP preservation is supported only on IPv4 endpoints, and with it on, the instance must be in the same VPC as the endpoint: " +
			"AWS refuses the setting otherwise, or the connection fails.",
		Source:  "Amazon EC2 User Guide, \"Connect to your instances using EC2 Instance Connect Endpoint\" (limitations); EC2 API Reference, ModifyInstanceConnectEndpoint (IpAddressType, PreserveClientIp)",
		Checked: "2026-11", Unsuppressible: true,
	})
	// PN-EIC-5 (PreserveClientIp needs ClientCidrs) is retired: the
	// instance rule naming the endpoint's group works whether client IP
	// preservation is on or off (EC2 User Guide, "Security groups for EC2
	// Instance Connect Endpoint", checked 2026-11).
)
