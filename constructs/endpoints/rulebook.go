package endpoints

import "github.com/privnet/privnet/constructs/core"

// The rules of interface and gateway endpoints. Sources are cited in each
// rule; docs/rules.md is generated from them. A tier named that the VPC
// does not have is network.RuleTierLookup (PN-VPC-8), as for the VPC.
var (
	RuleRequired = core.NewRule(core.Rule{
		ID:    "PN-EP-1",
		Title: "An endpoint is given its VPC and its service, a recipe its VPC",
		Fact: "An endpoint is made in a VPC (vpc_id, and its subnets or route tables) for one service (service_name); without either there is nothing to build, " +
			"so privnet builds no endpoint.",
		Source:  "EC2 API Reference, CreateVpcEndpoint (VpcId and ServiceName are required); privnet design",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleType = core.NewRule(core.Rule{
		ID:    "PN-EP-2",
		Title: "The service offers the endpoint type asked for",
		Fact: "Only Amazon S3 and DynamoDB have gateway endpoints; every other AWS service is reached through interface endpoints. " +
			"CreateVpcEndpoint refuses a type the service does not offer, and a service that lists no type cannot be built at all.",
		Source:  "AWS PrivateLink Guide, \"Gateway endpoints\" and \"AWS services that integrate with AWS PrivateLink\"",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleCustomName = core.NewRule(core.Rule{
		ID:    "PN-EP-3",
		Title: "A custom service is named like an endpoint service (com.amazonaws.vpce.<region>.vpce-svc-…)",
		Fact: "endpoints.Custom is for endpoint services of your own or a partner's, which AWS names com.amazonaws.vpce.<region>.vpce-svc-<id>; AWS services are catalog values. " +
			"Any other name is most likely a mistake, and CreateVpcEndpoint refuses a service name that does not exist. " +
			"An AWS service launched after the catalog is endpoints.AwsService(key, props), named by the catalog's partition rules. " +
			"Suppressed, the endpoint is made with the name as given.",
		Source:  "AWS PrivateLink Guide, \"Access a service through an interface endpoint\" and \"AWS services that integrate with AWS PrivateLink\"; privnet policy",
		Checked: "2026-11",
	})
	RuleVpcDns = core.NewRule(core.Rule{
		ID:    "PN-EP-4",
		Title: "Private DNS needs DNS support and DNS hostnames on the VPC",
		Fact: "An interface endpoint with private DNS answers the service's usual host name from a private hosted zone, which works only when the VPC has both " +
			"enableDnsSupport and enableDnsHostnames; AWS refuses private DNS on a VPC with either off.",
		Source:  "Amazon VPC User Guide, \"DNS attributes for your VPC\"; AWS PrivateLink Guide, \"Access an AWS service using an interface VPC endpoint\"",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleInboundResolverGateway = core.NewRule(core.Rule{
		ID:    "PN-EP-5",
		Title: "S3 or DynamoDB private DNS for inbound resolvers only has the service's gateway endpoint in the VPC",
		Fact: "With private DNS, an S3 or DynamoDB interface endpoint by default answers only Route 53 inbound resolver endpoints (on-premises clients), " +
			"so the VPC's own clients keep using the gateway endpoint. AWS refuses PrivateDnsOnlyForInboundResolverEndpoint on a VPC without a gateway endpoint for the service " +
			"(\"the VPC must have a Gateway endpoint for the service\"). privnet sees only the gateway endpoints it makes: suppress the rule when the VPC's gateway endpoint " +
			"is made elsewhere; the endpoint is then made as asked.",
		Source:  "Amazon S3 User Guide, \"AWS PrivateLink for Amazon S3\" (private DNS for inbound resolver endpoints); EC2 API Reference, DnsOptionsSpecification",
		Checked: "2026-11",
	})
	RulePrivateDnsOnce = core.NewRule(core.Rule{
		ID:    "PN-EP-6",
		Title: "A VPC has at most one endpoint with private DNS per service",
		Fact: "Private DNS associates a private hosted zone for the service's domain with the VPC; a second endpoint with private DNS for the same service " +
			"conflicts with it, and AWS refuses it (\"there is already a conflicting DNS domain\").",
		Source:  "AWS PrivateLink Guide, \"Access an AWS service using an interface VPC endpoint\" (Private DNS)",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleAllResolvers = core.NewRule(core.Rule{
		ID:    "PN-EP-7",
		Title: "PrivateDnsForAllResolvers is set only on S3 and DynamoDB endpoints",
		Fact: "The choice between inbound resolvers only and every resolver (PrivateDnsOnlyForInboundResolverEndpoint) exists only for services with both gateway and interface endpoints: " +
			"S3 and DynamoDB. On any other service private DNS answers every resolver already, so the option does nothing and most likely names the wrong service. " +
			"Suppressed, the endpoint is made as asked.",
		Source:  "EC2 API Reference, DnsOptionsSpecification (PrivateDnsOnlyForInboundResolverEndpoint); privnet policy",
		Checked: "2026-11",
	})
	RuleOneSubnetPerAz = core.NewRule(core.Rule{
		ID:      "PN-EP-8",
		Title:   "An interface endpoint has at most one subnet per AZ",
		Fact:    "An interface endpoint places one network interface in each subnet given, and AWS accepts one subnet per Availability Zone; CreateVpcEndpoint refuses two in one AZ.",
		Source:  "AWS PrivateLink Guide, \"Access an AWS service using an interface VPC endpoint\" (Subnets)",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleIpAddressType = core.NewRule(core.Rule{
		ID:    "PN-EP-9",
		Title: "The endpoint's IpAddressType is ipv4, dualstack or ipv6, and its subnets have those addresses",
		Fact: "An interface endpoint's IP address type is ipv4, dualstack or ipv6; dualstack needs subnets with IPv6 ranges and ipv6 needs IPv6-only subnets. " +
			"privnet's dual-stack tiers take dualstack endpoints and its IPv6-only tiers ipv6 ones, of services that accept IPv6 (the recorded lookups, else the catalog).",
		Source:  "AWS PrivateLink Guide, \"IP address types\"",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleDnsRecordIpType = core.NewRule(core.Rule{
		ID:    "PN-EP-10",
		Title: "The DNS record IP type is one AWS accepts and fits the IP address type",
		Fact: "dns_record_ip_type is ipv4, dualstack, ipv6 or service-defined, and must fit ip_address_type: ipv4 records need an ipv4 or dualstack endpoint, " +
			"ipv6 records an ipv6 or dualstack one, dualstack records a dualstack one. AWS refuses the others.",
		Source:  "AWS PrivateLink Guide, \"DNS record IP type\"",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleServiceRegion = core.NewRule(core.Rule{
		ID:    "PN-EP-11",
		Title: "ServiceRegion is a known region of the stack's partition, for a service that works cross-region",
		Fact: "An interface endpoint with service_region reaches a service in another region, within one partition, and only for the AWS services AWS lists as cross-region enabled " +
			"(and endpoint services that list the consumer's region). AWS refuses service_region on any other AWS service. " +
			"privnet names the service from its region table, so the region must be in it. " +
			"The AWS provider copies service_region into CreateVpcEndpoint and looks nothing up first (read in its 2026 source; inferred for the pinned 5.88, whose source could not be read here), " +
			"so the request reaches AWS as written (decision record: docs/endpoints.md, \"Cross-region endpoints to AWS services\").",
		Source:  "AWS PrivateLink Guide, \"Cross-region enabled AWS services\" (Nov 2025) and \"Cross-Region connectivity\"; terraform-provider-aws internal/service/ec2/vpc_endpoint.go resourceVPCEndpointCreate, issues #42970 and #46070",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleIamHome = core.NewRule(core.Rule{
		ID:    "PN-EP-12",
		Title: "IAM's endpoint is made in its partition's IAM region, or reached there with ServiceRegion",
		Fact: "Interface endpoints for IAM (com.amazonaws.iam) exist only in the region of IAM's control plane: us-east-1 in the commercial partition, cn-north-1 (Beijing) in China, " +
			"us-gov-west-1 in GovCloud. Elsewhere the service name does not exist, and the apply fails; an endpoint in another region reaches it with service_region " +
			"(commercial since Nov 2025; China's edition of the cross-region page lists com.amazonaws.iam).",
		Source:  "IAM User Guide, \"AWS PrivateLink for IAM\" (VPC endpoint availability: US East (N. Virginia), China (Beijing), AWS GovCloud (US-West)); AWS PrivateLink Guide, \"Cross-region enabled AWS services\"",
		Checked: "2026-11", Unsuppressible: true,
	})
	// PN-EP-13 (IAM's endpoint only in the commercial partition) is retired:
	// China and GovCloud have IAM endpoints in their own IAM regions.
	RuleGatewayRegion = core.NewRule(core.Rule{
		ID:    "PN-EP-14",
		Title: "A gateway endpoint reaches its own region only",
		Fact: "Gateway endpoints route to the prefix list of the service in the VPC's own region; they cannot reach another region. " +
			"Across regions, S3 is reached with an interface endpoint and service_region.",
		Source:  "AWS PrivateLink Guide, \"Gateway endpoints\" (Considerations)",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleCrossRegionUnknown = core.NewRule(core.Rule{
		ID:    "PN-EP-15",
		Title: "Cross-region endpoints to AWS services are documented in the partition",
		Fact: "AWS documents cross-region interface endpoints to AWS services (service_region) for the commercial partition (Nov 2025) and China; " +
			"no GovCloud edition of \"Cross-region enabled AWS services\" was found, so whether one works there is not known. Suppressed, the endpoint is made as asked.",
		Source:  "AWS PrivateLink Guide, \"Cross-region enabled AWS services\" (commercial and China editions)",
		Checked: "2026-11",
	})
	RuleAwsService = core.NewRule(core.Rule{
		ID:    "PN-EP-17",
		Title: "endpoints.AwsService is given the part of a service name after the region",
		Fact: "AWS names an AWS service's endpoint <prefix>.<region>.<key> (com.amazonaws.us-east-1.bedrock-runtime); AwsService builds that name from the key, " +
			"so the key is lower-case letters, digits, hyphens and dots, with no prefix or region of its own, its ports are 1 to 65535 and its China regions are cn-north-1 and cn-northwest-1. " +
			"Any other input would make a name CreateVpcEndpoint refuses.",
		Source:  "AWS PrivateLink Guide, \"AWS services that integrate with AWS PrivateLink\" (service names); privnet design",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleDroppedSetting = core.NewRule(core.Rule{
		ID:    "PN-EP-16",
		Title: "No setting the pinned provider would drop",
		Fact: "The pinned AWS provider (5.88) sends dns_options.private_dns_only_for_inbound_resolver_endpoint only when the service name matches " +
			"com\\.amazonaws\\.([a-z]+-[a-z]+-[0-9]{1,2})\\.s3 (commercial and China S3); for DynamoDB and GovCloud S3 it drops the setting without a word, " +
			"and the endpoint gets AWS's default, which privnet cannot promise. Private DNS on such an endpoint is refused.",
		Source:  "terraform-provider-aws internal/service/ec2/vpc_endpoint.go, expandDNSOptionsSpecificationWithPrivateDNSOnly and isAmazonS3VPCEndpoint (5.x; anchored and type-checked only in 6.x)",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleUnsupportedAz = core.NewRule(core.Rule{
		ID:    "PN-EP-18",
		Title: "An interface endpoint's subnets are in AZs its service supports",
		Fact: "An interface endpoint places a network interface in each of its subnets, and only in AZs the endpoint service supports: CreateVpcEndpoint fails with " +
			"\"The VPC endpoint service … does not support the availability zone of the subnet\". DescribeVpcEndpointServices lists the supported AZs as the calling account names them " +
			"(for another account's service, only the AZs both use). With a recorded lookup, subnets of a tier in other AZs are skipped (the review lists them); " +
			"subnets named explicitly in an unsupported AZ, or no supported AZ left, are errors. Without a record, AZ support is not checked and the review says so.",
		Source:  "AWS re:Post Knowledge Center, \"interface-endpoint-availability-zone\"; EC2 API Reference, DescribeVpcEndpointServices (AvailabilityZones), checked 2026-11",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleGatewayTableTaken = core.NewRule(core.Rule{
		ID:    "PN-EP-19",
		Title: "A route table routes a gateway service through one gateway endpoint",
		Fact: "A gateway endpoint adds a route to its service's prefix list in each of its route tables. A VPC may hold several gateway endpoints for one service, " +
			"each with other route tables, but a route table holds one route per destination, so a table that another endpoint of the service already uses refuses a second.",
		Source:  "Amazon VPC User Guide, \"Gateway VPC endpoints\" (multiple endpoints for a single service use different route tables), checked 2026-11",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleHub = core.NewRule(core.Rule{
		ID:    "PN-EP-20",
		Title: "A hub of shared endpoints serves names that private hosted zones can hold",
		Fact: "Spokes share a hub's interface endpoints through private hosted zones named for each service's private DNS names, with alias records to the endpoint's regional DNS name, " +
			"and the hub's endpoints have private DNS off. A wildcard name (*.s3.…, *.dkr.ecr.…) needs a record at * in its parent's zone; a name whose label is only part wildcard " +
			"(the ECS agent's ecs-a-*, telemetry's ecs-t-*) cannot be held by any zone, so such a service needs an endpoint in each VPC. " +
			"IAM's endpoint exists only in its control plane's region (us-east-1): a hub elsewhere serves it only as a cross-region endpoint (service_region).",
		Source: "AWS whitepaper \"Building a Scalable and Secure Multi-VPC AWS Network Infrastructure\", \"Centralized access to VPC private endpoints\"; RFC 4592 (a wildcard is a whole label); " +
			"AWS Landing Zone Accelerator, central interface endpoints; IAM User Guide, \"Create a VPC endpoint for IAM\"; AWS PrivateLink Guide, \"Cross-region enabled AWS services\"; checked 2026-11-24",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleHubSpoke = core.NewRule(core.Rule{
		ID:    "PN-EP-21",
		Title: "A hub's spokes resolve its zones, reach it, are admitted, and have no private-DNS endpoint of their own for its services",
		Fact: "A private hosted zone answers a VPC only with enableDnsSupport and enableDnsHostnames on; the answer is the hub endpoint's address, reached only over a peering or Transit Gateway, " +
			"through the endpoint's security group. A VPC cannot hold two zones of one name: associating the hub's zone beside the spoke's own endpoint's private DNS fails " +
			"(ConflictingDomainExists), and so does turning private DNS on beside the hub's zone.",
		Source:  "Amazon Route 53 Developer Guide, \"Considerations when working with a private hosted zone\"; Route 53 API Reference, ConflictingDomainExists; checked 2026-11-24",
		Checked: "2026-11", Unsuppressible: true,
	})
)
