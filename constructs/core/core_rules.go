package core

// The rules of the app itself: how privnet is called, where it writes, and
// what it needs to know. Each guards against output that cannot be right
// or a synth that cannot work, so none can be suppressed.
var (
	RuleOutdir = NewRule(Rule{
		ID:    "PN-APP-1",
		Title: "The output directory can be replaced whole",
		Fact: "Synth writes a new output directory beside the old one and swaps them, so that a failed run leaves the old output as it was. " +
			"A directory that is the file system root, a symlink, holds Terraform state or files privnet did not make, or cannot be written beside is refused: replacing it would lose data.",
		Source:  "privnet policy: nothing privnet runs deletes what it did not make; Terraform keeps local state in the file the backend names",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleRuntime = NewRule(Rule{
		ID:    "PN-APP-2",
		Title: "Apps and constructs live in a running jsii runtime",
		Fact: "cdktf objects live in a node.js process (the jsii runtime). core.Shutdown stops it: an app or construct made before it cannot be used after it. " +
			"HCL output must be chosen before the runtime starts, since node reads SYNTH_HCL_OUTPUT once. An app is synthesized once.",
		Source: "jsii-runtime-go v1.140.0 (kernel client lifecycle); cdktf 0.20.12 terraform-stack.js", Checked: "2026-11", Unsuppressible: true,
	})
	RuleScope = NewRule(Rule{
		ID:     "PN-APP-3",
		Title:  "Every construct is made in a stack made by core.NewStack",
		Fact:   "A construct needs its stack's AWS region (service names, ARNs, AZs). A nil scope, the app itself or a stack made with cdktf.NewTerraformStack gives none; cdktf panics on a construct outside a stack.",
		Source: "privnet design; cdktf 0.20.12 TerraformStack.of", Checked: "2026-11", Unsuppressible: true,
	})
	RuleNames = NewRule(Rule{
		ID:    "PN-APP-4",
		Title: "Stack names, construct ids and Terraform names are valid and unique",
		Fact: "A stack name names a directory, a state file and a Terraform workspace: letters, digits and hyphens, at most 64 characters, unique in the app. " +
			"Construct ids are unique in their scope and not empty (the constructs library refuses both, and writes / as --). Two resources of one type cannot share a Terraform name.",
		Source: "constructs 10.4.2 (Node.addChild, sanitizeId); Terraform resource addresses", Checked: "2026-11", Unsuppressible: true,
	})
	RuleRegion = NewRule(Rule{
		ID:    "PN-APP-5",
		Title: "The stack's region is in privnet's region table",
		Fact: "Synth runs with no credentials and no network, so a region's partition, DNS suffix and AZ names come from the table in constructs/core/regions.go; an unknown region would get guessed names. " +
			"The regions of aws, aws-cn and aws-us-gov are covered; those of aws-eusc and the ISO partitions are refused, since their service names, ARNs and DNS suffixes differ.",
		Source: "AWS Regions and Availability Zones documentation; botocore partitions.json (2026-08-07)", Checked: "2026-11", Unsuppressible: true,
	})
	RuleBackend = NewRule(Rule{
		ID:     "PN-APP-6",
		Title:  "An S3 backend names its bucket",
		Fact:   "terraform init fails for an s3 backend without a bucket.",
		Source: "Terraform documentation, Backend Type: s3", Checked: "2026-11", Unsuppressible: true,
	})
	RuleAccount = NewRule(Rule{
		ID:    "PN-APP-10",
		Title: "A stack's account and assumed role are well formed and agree",
		Fact: "An AWS account ID is 12 digits; the provider's allowed_account_ids refuses credentials of any other account at plan. An assumed role is an IAM role ARN of the stack's partition, " +
			"and, when the stack names its account, a role of that account.",
		Source:  "AWS provider 5.88 documentation, provider arguments (allowed_account_ids, assume_role); IAM User Guide, \"IAM identifiers\" (role ARNs); checked 2026-11-24",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleWiring = NewRule(Rule{
		ID:    "PN-APP-7",
		Title: "Pieces wired together are in one app and one region",
		Fact: "A construct makes its resources with the provider of its own stack's region. Wired to a VPC of another region, an endpoint would be named for the wrong region and placed in a VPC its provider cannot see; " +
			"a piece of another app cannot be referenced at all. Across regions, use an endpoint with ServiceRegion or endpointservice.NewConsumer.",
		Source: "AWS provider: one region per provider configuration; cdktf cross-stack references stay within one app", Checked: "2026-11", Unsuppressible: true,
	})
	RuleSuppress = NewRule(Rule{
		ID:    "PN-APP-8",
		Title: "A suppression names a known rule, a construct and a reason",
		Fact: "core.Suppress silences one rule for a construct and everything in it, and the reason is shown in the review report, so nothing is silenced without a trace. " +
			"Rules that guard against a certain failure cannot be suppressed.",
		Source: "privnet policy, after cdk-nag's NagSuppressions", Checked: "2026-11", Unsuppressible: true,
	})
)
