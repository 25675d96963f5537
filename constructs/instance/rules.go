package instance

import "github.com/privnet/privnet/constructs/core"

// The private instance's rules (PN-EC2-*) and the Systems Manager reach
// checks (PN-SSM-*). Sources are cited in each rule; docs/rules.md is
// generated from them.
var (
	RuleVpc = core.NewRule(core.Rule{
		ID:    "PN-EC2-1",
		Title: "An instance names the VPC it lives in",
		Fact: "An instance needs a subnet and a security group of its VPC; without the VPC neither exists, " +
			"and RunInstances with no subnet would launch it in the account's default VPC, so privnet builds nothing.",
		Source: "EC2 API Reference, RunInstances (SubnetId); privnet design", Checked: "2026-11", Unsuppressible: true,
	})
	RulePublicTier = core.NewRule(core.Rule{
		ID:    "PN-EC2-2",
		Title: "A private instance is not put in a public tier",
		Fact: "A public tier's subnets route to an internet gateway. privnet's instances have no public IP and reach AWS through endpoints, " +
			"so a public subnet only gives them a route they should not have. Suppressed, the instance is put in the tier asked for.",
		Source:  "privnet policy: private instances live in isolated or private-with-nat subnets; Amazon VPC User Guide, \"Subnets for your VPC\" (public subnets)",
		Checked: "2026-11",
	})
	RuleInstanceType = core.NewRule(core.Rule{
		ID:     "PN-EC2-3",
		Title:  "InstanceType is written like an EC2 instance type (family.size)",
		Fact:   "EC2 instance types are named <family>.<size> (t3.micro, m7g.large); RunInstances refuses any other name, so the apply fails.",
		Source: "Amazon EC2 Instance Types guide, \"Amazon EC2 instance type naming conventions\"", Checked: "2026-11", Unsuppressible: true,
	})
	RuleNitro = core.NewRule(core.Rule{
		ID:    "PN-EC2-6",
		Title: "An instance in an IPv6-only subnet is of a Nitro type",
		Fact: "Only instances built on the AWS Nitro System launch in IPv6-only subnets. The Xen-based families (t1, t2, m1-m4, c1, c3, c4, r3, r4, x1, x1e, d2, h1, i2, i3 but i3.metal, " +
			"g2, g3, g3s, p2, p3 but p3dn, f1, and the retired cc2, cg1, cr1, hi1, hs1) are refused at launch there.",
		Source:  "Amazon VPC User Guide, \"IPv6-only subnets\" (Nitro-based instances only); Amazon EC2 Instance Types guide, \"Instances built on the AWS Nitro System\" (read 2026-11-24)",
		Checked: "2026-11", Unsuppressible: true,
	})
	RuleRootVolume = core.NewRule(core.Rule{
		ID:    "PN-EC2-4",
		Title: "The gp3 root volume size is from 1 to 65,536 GiB",
		Fact: "A gp3 volume takes 1 to 65,536 GiB (16,384 before September 2025); RunInstances refuses other sizes. " +
			"It must also be at least the AMI's snapshot size, which privnet cannot know at synth.",
		Source:  "EC2 API Reference, CreateVolume (Size: gp3 1 - 65,536 GiB)",
		Checked: "2026-11", Unsuppressible: true,
	})
	RulePrivateIp = core.NewRule(core.Rule{
		ID:    "PN-EC2-5",
		Title: "A fixed PrivateIp is a usable IPv4 address of the instance's subnet",
		Fact: "An instance's primary private IPv4 address must be inside its subnet and not one of the five AWS reserves in every subnet " +
			"(the first four and the last); RunInstances refuses others.",
		Source: "Amazon VPC User Guide, \"Subnet CIDR blocks\"; EC2 API Reference, RunInstances (PrivateIpAddress)", Checked: "2026-11", Unsuppressible: true,
	})

	RuleSsmEndpoints = core.NewRule(core.Rule{
		ID:    "PN-SSM-1",
		Title: "An instance managed by Systems Manager has ssm and ssmmessages endpoints in its VPC",
		Fact: "SSM Agent registers and opens sessions through the ssm and ssmmessages APIs; agent 3.3.40.0 and newer use ec2messages only when ssmmessages fails, " +
			"so an ec2messages endpoint matters only for older agents (the recipe makes it; the review report notes a VPC without it). " +
			"privnet's instance lets HTTPS out only to its VPC, so without interface endpoints there the agent never reaches Systems Manager, even from a subnet with a NAT route, " +
			"and Session Manager cannot open a shell. Suppressed (another team's endpoints, a shared VPC), the instance is built as asked.",
		Source:  "AWS Systems Manager User Guide, \"Improve the security of EC2 instances by using VPC endpoints for Systems Manager\"; AWS Systems Manager User Guide, \"Reference: ec2messages, ssmmessages, and other API operations\"",
		Checked: "2026-11",
	})
	RuleSsmAdmit = core.NewRule(core.Rule{
		ID:    "PN-SSM-2",
		Title: "The Systems Manager endpoints admit 443/tcp from the instance",
		Fact: "An interface endpoint's security group decides who may reach it. If the ssm, ssmmessages or ec2messages endpoint admits neither the instance's group nor the VPC CIDR on 443/tcp, " +
			"the agent's calls hang and the instance never shows as managed. An ec2messages endpoint, which is optional, must admit the instance when the VPC has one: its private DNS takes the name, so an agent older than 3.3.40.0, or the fallback, would hang on it. Suppressed (rules added outside privnet), the endpoints are left as they are.",
		Source:  "Amazon VPC User Guide (AWS PrivateLink), \"Access an AWS service using an interface VPC endpoint\" (security groups); AWS Systems Manager User Guide, \"Improve the security of EC2 instances by using VPC endpoints for Systems Manager\"",
		Checked: "2026-11",
	})
)
