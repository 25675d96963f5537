package endpointservice

import "github.com/privnet/privnet/constructs/core"

// The endpoint service's rules. Sources are cited in each rule;
// docs/rules.md is generated from them. A tier named but missing is
// network.RuleTierLookup.
var (
	RuleInputs = core.NewRule(core.Rule{
		ID:      "PN-SVC-1",
		Title:   "An endpoint service is given its VPC, and targets that were built",
		Fact:    "The NLB of an endpoint service lives in a VPC and forwards to its targets: without a VPC there is nothing to build, and an instance target that could not be built has no ID to register.",
		Source:  "privnet design (the resources cannot be made without them)",
		Checked: "2026-11", Unsuppressible: true,
	})
	RulePort = core.NewRule(core.Rule{
		ID:      "PN-SVC-2",
		Title:   "The listener and target ports are TCP ports from 1 to 65535",
		Fact:    "An NLB listener and a target group take a port from 1 to 65535; Elastic Load Balancing refuses any other.",
		Source:  "Elastic Load Balancing API Reference, CreateListener and CreateTargetGroup (Port)",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleSupportedRegions = core.NewRule(core.Rule{
		ID:    "PN-SVC-3",
		Title: "Supported regions are regions privnet knows, in the service's partition",
		Fact: "An endpoint service's supported regions are regions of its own partition: cross-region PrivateLink does not cross partitions. " +
			"privnet reads a region's partition from its region table, so a region missing there cannot be checked.",
		Source:  "AWS PrivateLink Guide, \"Share your services through AWS PrivateLink\" (Cross-Region access); EC2 API Reference, CreateVpcEndpointServiceConfiguration (SupportedRegions)",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleCrossRegionAzs = core.NewRule(core.Rule{
		ID:    "PN-SVC-4",
		Title: "A cross-region endpoint service has its NLB in at least two AZs",
		Fact: "Since Nov 2024 an endpoint service behind an NLB can be offered to other regions (supported_regions), and the consumer's interface endpoint sets service_region. " +
			"AWS requires the NLB of such a service to be in at least two Availability Zones.",
		Source:  "AWS PrivateLink Guide, \"Share your services through AWS PrivateLink\" (Cross-Region access)",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleTargets = core.NewRule(core.Rule{
		ID:    "PN-SVC-5",
		Title: "Targets are all IPv4 addresses in the VPC or all instances",
		Fact: "A target group has one target type, ip or instance, so targets cannot mix them. An ip target is an IPv4 address; one outside the target group's VPC can be registered " +
			"only with the availability zone \"all\", which privnet does not write, so registering it fails.",
		Source:  "Elastic Load Balancing API Reference, CreateTargetGroup (TargetType) and RegisterTargets (TargetDescription.AvailabilityZone)",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleAllowedPrincipals = core.NewRule(core.Rule{
		ID:      "PN-SVC-6",
		Title:   "Allowed principals are IAM principal ARNs",
		Fact:    "An endpoint service admits principals named by ARN (an account's root, a role or a user) or \"*\"; AWS refuses any other value.",
		Source:  "EC2 API Reference, ModifyVpcEndpointServicePermissions (AddAllowedPrincipals)",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleConsumerRegion = core.NewRule(core.Rule{
		ID:    "PN-SVC-7",
		Title: "A consumer's region is one the endpoint service supports",
		Fact: "An interface endpoint with service_region reaches an endpoint service only from a region the service lists in its supported regions (its own region is always one); " +
			"AWS refuses to create it from any other.",
		Source:  "AWS PrivateLink Guide, \"Share your services through AWS PrivateLink\" (Cross-Region access); EC2 API Reference, CreateVpcEndpoint (ServiceRegion)",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleNoTargets = core.NewRule(core.Rule{
		ID:    "PN-SVC-8",
		Title: "An endpoint service has targets behind it",
		Fact: "AWS accepts a target group with no targets, but an endpoint service in front of it accepts connections and sends them nowhere. " +
			"Suppress it when something else registers the targets (an Auto Scaling group, ECS): the target group is then made empty, for IP targets.",
		Source:  "Elastic Load Balancing User Guide, \"Target groups for your Network Load Balancers\"; privnet policy",
		Checked: "2026-11",
	})
	RuleAccessLogs = core.NewRule(core.Rule{
		ID:      "PN-SVC-9",
		Title:   "The NLB's access logs go to a bucket with a valid name",
		Fact:    "Elastic Load Balancing writes access logs to an S3 bucket it names in the load balancer's attributes; a name S3 does not allow fails the apply.",
		Source:  "Amazon S3 User Guide, \"Bucket naming rules\"; Elastic Load Balancing, \"Access logs for your Network Load Balancer\"",
		Checked: "2026-11", Unsuppressible: true,
	})
)
