package lattice

import "github.com/privnet/privnet/constructs/core"

// The VPC Lattice rules: resource gateways, resource configurations and
// their consumers. Sources are cited in each rule; docs/rules.md is
// generated from them. A tier named but missing is network.RuleTierLookup.
var (
	RuleInputs = core.NewRule(core.Rule{
		ID:    "PN-LAT-1",
		Title: "Each Lattice construct is given the pieces it is built from",
		Fact: "A resource gateway lives in a VPC; a Resource endpoint needs a VPC and a resource configuration (or its ARN); a ServiceNetwork endpoint needs a VPC and a service network; " +
			"a service network associates a configuration; a RAM share needs what to share and with whom. Without them there is nothing to build, so privnet builds nothing.",
		Source:  "privnet design (the resources cannot be made without them)",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleName = core.NewRule(core.Rule{
		ID:    "PN-LAT-2",
		Title: "Resource gateway, resource configuration and service network names are VPC Lattice names",
		Fact: "VPC Lattice names are lower-case letters, digits and hyphens, with no hyphen at either end or two in a row; resource gateway and resource configuration names are 3 to 40 characters, " +
			"service network names 3 to 63; AWS refuses any other.",
		Source:  "VPC Lattice API Reference, CreateResourceGateway, CreateResourceConfiguration and CreateServiceNetwork (name)",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleGatewayGroups = core.NewRule(core.Rule{
		ID:      "PN-LAT-3",
		Title:   "A resource gateway has at most 5 security groups",
		Fact:    "A resource gateway takes up to five security groups, whose egress rules decide what it may reach. privnet gives it its own group, so at most 4 more fit; AWS refuses a sixth.",
		Source:  "Amazon VPC Lattice User Guide, \"Create a resource gateway\"; VPC Lattice API Reference, CreateResourceGateway (securityGroupIds)",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleAddressesPerEni = core.NewRule(core.Rule{
		ID:    "PN-LAT-4",
		Title: "A resource gateway's Ipv4AddressesPerEni is 1 to 62, and only AWS's default (16) with the pinned provider",
		Fact: "AWS takes 1 to 62 IPv4 addresses per ENI of a resource gateway, 16 by default, and the value cannot change after creation. " +
			"The pinned AWS provider 5.88 has no ipv4_addresses_per_eni on aws_vpclattice_resource_gateway, so any other value would be silently dropped from the output.",
		Source:  "Amazon VPC Lattice User Guide, \"Resource gateways in VPC Lattice\" (IPv4 addresses per ENI); terraform-provider-aws 5.88, aws_vpclattice_resource_gateway schema",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleGatewayIpType = core.NewRule(core.Rule{
		ID:    "PN-LAT-5",
		Title: "A resource gateway's IP address type is IPV4, IPV6 or DUALSTACK and fits its subnets",
		Fact: "A resource gateway's IP address type must be compatible with its subnets: IPV6 needs IPv6-only subnets and DUALSTACK subnets with both ranges. " +
			"IPV4 needs an IPv4 block in each subnet. AWS refuses a type its subnets do not fit, and any other value. " +
			"The type cannot change in place (the provider replaces the gateway), so DUALSTACK is asked for, never inferred.",
		Source:  "Amazon VPC Lattice User Guide, \"Resource gateways in VPC Lattice\" (IP address types)",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleConfigurationType = core.NewRule(core.Rule{
		ID:    "PN-LAT-6",
		Title: "A resource configuration's type fits its gateway and parent",
		Fact: "A resource configuration is SINGLE, GROUP, CHILD or ARN. SINGLE, GROUP and ARN name a resource gateway and have no parent; " +
			"a CHILD belongs to a GROUP and is reached through the group's gateway, naming none of its own. AWS refuses any other combination.",
		Source:  "VPC Lattice API Reference, CreateResourceConfiguration (type, resourceGatewayIdentifier, resourceConfigurationGroupIdentifier)",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleDefinition = core.NewRule(core.Rule{
		ID:    "PN-LAT-7",
		Title: "A resource configuration's definition fits its type",
		Fact: "A SINGLE or CHILD configuration defines one resource: an IP address or a DNS name. An ARN configuration names an AWS resource by ARN, and supports Amazon RDS only. " +
			"A GROUP has no definition of its own: its CHILDs have them. AWS refuses any other definition.",
		Source:  "Amazon VPC Lattice User Guide, \"Resource configurations for VPC resources\"; VPC Lattice API Reference, ResourceConfigurationDefinition",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleAddress = core.NewRule(core.Rule{
		ID:    "PN-LAT-8",
		Title: "A resource's address is a private IPv4 address or a DNS name",
		Fact: "An IP definition is a private IPv4 address (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10) or an IPv6 address of the gateway VPC's IPv6 CIDR; a public address is refused " +
			"(name such a resource by DNS name). privnet does not take IPv6 definitions yet (the gateway VPC's /56 is known only once made). A domain name must be a valid DNS name.",
		Source:  "Amazon VPC Lattice User Guide, \"Resource configurations for VPC resources\" (resource definition)",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleProtocol = core.NewRule(core.Rule{
		ID:      "PN-LAT-9",
		Title:   "A resource configuration carries TCP",
		Fact:    "VPC Lattice resource configurations support the TCP protocol only; AWS refuses any other.",
		Source:  "VPC Lattice API Reference, CreateResourceConfiguration (protocol: TCP)",
		Checked: "2026-11", Unsuppressible: true,
	})
	RulePorts = core.NewRule(core.Rule{
		ID:    "PN-LAT-10",
		Title: "Ports are TCP port ranges AWS accepts, and a SINGLE or GROUP configuration has them",
		Fact: "A resource configuration's port ranges are single ports or ranges from 1 to 65535, like 22, 1-65535 or 443,8000-8080. A SINGLE or GROUP configuration is reached only on its ports, " +
			"so without them no client reaches the resource; a CHILD takes its group's. privnet opens the security groups on exactly these ports, so it must be able to read them.",
		Source:  "VPC Lattice API Reference, CreateResourceConfiguration (portRanges)",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleGroupPorts = core.NewRule(core.Rule{
		ID:    "PN-LAT-11",
		Title: "privnet knows the ports to open in the gateway's and the endpoint's security groups",
		Fact: "A resource gateway's security groups must allow egress to the resource on its ports, and a Resource endpoint's ingress from its clients. " +
			"An ARN configuration takes its port from the RDS resource and a shared configuration's ARN says nothing of ports, so privnet needs Ports to open the groups; without them traffic is dropped " +
			"unless a group of your own opens it.",
		Source:  "Amazon VPC Lattice User Guide, \"Resource gateways in VPC Lattice\" (security groups); privnet policy: its groups open only what they are told",
		Checked: "2026-11",
	})
	RuleSameRegion = core.NewRule(core.Rule{
		ID:    "PN-LAT-12",
		Title: "Consumers of a resource configuration are in its region",
		Fact: "VPC Lattice does not connect regions: a resource configuration is used only by Resource endpoints and service networks of its own region (the console offers no other). " +
			"Across regions, publish the resource through an NLB endpoint service with supported regions (constructs/endpointservice) and reach it with an interface endpoint with a service region, " +
			"or connect the VPCs by peering or Transit Gateway.",
		Source:  "Amazon VPC Lattice FAQs (cross-Region connectivity patterns); AWS PrivateLink Guide, \"Share your services through AWS PrivateLink\" (Cross-Region access: endpoint services only)",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleSharedAz = core.NewRule(core.Rule{
		ID:    "PN-LAT-13",
		Title: "A consumer endpoint and its resource gateway have an AZ in common",
		Fact: "At least one Availability Zone of the VPC endpoint and the resource gateway have to overlap: traffic crosses only there. " +
			"privnet compares AZ names, which name the same zones only within one account; suppress it when the two are in different accounts and you checked the AZ IDs.",
		Source:  "Amazon VPC Lattice User Guide, \"Resource gateways in VPC Lattice\" (considerations)",
		Checked: "2026-11",
	})
	RuleConfigurationArn = core.NewRule(core.Rule{
		ID:      "PN-LAT-14",
		Title:   "A shared resource configuration is named by its VPC Lattice ARN",
		Fact:    "A Resource endpoint names its resource configuration by ARN: arn:aws:vpc-lattice:<region>:<account>:resourceconfiguration/rcfg-…. AWS refuses anything else, and privnet reads the region from it.",
		Source:  "EC2 API Reference, CreateVpcEndpoint (ResourceConfigurationArn); Service Authorization Reference, Amazon VPC Lattice resource types",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleAuthType = core.NewRule(core.Rule{
		ID:      "PN-LAT-15",
		Title:   "A service network's auth type is AWS_IAM or NONE",
		Fact:    "A service network's auth type is AWS_IAM (an auth policy decides who may use it) or NONE; AWS refuses any other value.",
		Source:  "VPC Lattice API Reference, CreateServiceNetwork (authType)",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleSharePrincipal = core.NewRule(core.Rule{
		ID:    "PN-LAT-16",
		Title: "Resource configurations are shared with accounts, organizations or OUs",
		Fact: "AWS RAM shares VPC Lattice resource configurations with AWS accounts (12-digit IDs), an organization or an organizational unit (their ARNs); " +
			"a principal that is none of these is refused.",
		Source:  "Amazon VPC Lattice User Guide, \"Share VPC Lattice entities\"",
		Checked: "2026-11", Unsuppressible: true,
	})
)
