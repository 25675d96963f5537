// Package instance is a private EC2 instance for a closed network: no public
// IP, IMDSv2 only, an encrypted root volume, its own security group with
// egress to the VPC on 443 only, and a role for Systems Manager (rules
// PN-EC2-* and PN-SSM-*, docs/rules.md).
package instance

import (
	"fmt"
	"net/netip"
	"regexp"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawsssmparameter"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/iaminstanceprofile"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/iamrole"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/iamrolepolicyattachment"
	awsinstance "github.com/cdktf/cdktf-provider-aws-go/aws/v19/instance"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/endpoints"
	"github.com/privnet/privnet/constructs/network"
	"github.com/privnet/privnet/constructs/securitygroup"
	"github.com/privnet/privnet/reach/need"
)

// Props configures an Instance.
type Props struct {
	// Vpc Required.
	Vpc *network.Vpc
	// Subnet Default: the first subnet of Tier.
	Subnet *network.Subnet
	// Tier Default: the VPC's first tier that is not public.
	Tier string
	// InstanceType Default: t3.micro.
	InstanceType string
	// Ami is an AMI ID. Default: the latest Amazon Linux 2023 from AWS's
	// public SSM parameter (read at plan time; later releases do not
	// replace the instance), arm64 for Graviton types.
	Ami string
	// ManagedPolicies are AWS managed policy names (ReadOnlyAccess) or
	// policy ARNs to attach beside AmazonSSMManagedInstanceCore.
	ManagedPolicies []string
	// DisableSsm leaves out AmazonSSMManagedInstanceCore and the check
	// that Systems Manager can reach the instance. Default: SSM-managed.
	DisableSsm bool
	// RootVolumeGiB Default: the AMI's size.
	RootVolumeGiB int
	// PrivateIp fixes the instance's address in its subnet (for resource
	// configurations and targets that name it). Default: AWS picks one.
	PrivateIp string
	// DisableDetailedMonitoring keeps CloudWatch's 5-minute basic metrics.
	// Default: detailed (1-minute) monitoring, which security scanners ask
	// for (KICS "EC2 Instance Monitoring Disabled") and which shows a
	// stalled private instance minutes sooner; it costs about $2.10 per
	// instance a month in us-east-1 (the review report prices it).
	DisableDetailedMonitoring bool
	// Reaches is what the instance must reach: catalog services
	// (endpoints.STS), chains (endpoints.SessionManager), resource
	// configurations or endpoint services on some ports. Synth proves
	// each one over the synthesized network and fails, naming the broken
	// link, when one cannot be reached (PN-REACH-1). Default: none.
	Reaches []endpoints.Need
}

// Instance is the construct.
type Instance struct {
	constructs.Construct
	core.Base
	Vpc          *network.Vpc
	Subnet       *network.Subnet
	Ssm          bool
	Resource     awsinstance.Instance
	Group        *securitygroup.SecurityGroup
	Role         iamrole.IamRole
	Profile      iaminstanceprofile.IamInstanceProfile
	InstanceId   *string
	PrivateIp    *string
	InstanceType string
	// TfName is the instance's Terraform name (aws_instance.<TfName>).
	TfName string
}

// ReachSource makes the instance a source of needs (core.Expect).
func (i *Instance) ReachSource() need.Source {
	return need.Source{Addrs: []string{"aws_instance." + i.TfName}}
}

// On is the need to reach the instance on ports, within its VPC (from
// an Instance Connect endpoint or another workload). Default port: 22.
func (i *Instance) On(ports ...int) endpoints.Need {
	label := "instance " + i.Path
	if len(ports) > 0 {
		label += fmt.Sprintf(" on %v", ports)
	}
	return need.Of{Label: label, Targets: []need.Target{{Kind: need.Instance, Addr: "aws_instance." + i.TfName, Stack: i.Stack.Name, Ports: ports}}}
}

// SecurityGroup is the instance's own group.
func (i *Instance) SecurityGroup() *securitygroup.SecurityGroup { return i.Group }

// Id is the instance ID (for outputs and commands).
func (i *Instance) Id() *string { return i.InstanceId }

// AWS's public parameters for the latest Amazon Linux 2023 ("Amazon Linux
// 2023 user guide: get the latest AMI", checked 2026-11).
var al2023 = map[string]string{
	"x86_64": "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
	"arm64":  "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64",
}

// Graviton families have a g after the generation digit (t4g, m7g, c7gn,
// x2gd, hpc7g; g5 and g4dn are x86 GPU families), except the first, a1.
var graviton = regexp.MustCompile(`^([a-z]+[0-9]+[a-z]*g[a-z]*|a1)\.`)

// maxGp3GiB is the largest gp3 volume (EC2 API Reference, CreateVolume:
// 65,536 GiB since September 2025, checked 2026-11).
const maxGp3GiB = 65536

var instanceType = regexp.MustCompile(`^[a-z][a-z0-9-]*\.[a-z0-9]+$`)

// New makes the instance, its role, profile and security group.
func New(scope constructs.Construct, id string, props *Props) *Instance {
	if props == nil {
		props = &Props{}
	}
	i := &Instance{Vpc: props.Vpc, Ssm: !props.DisableSsm}
	i.Init(i, scope, id)
	report := i.Report
	if props.Vpc == nil {
		report(RuleVpc, "instance has no Vpc", "pass the VPC the instance lives in")
		return i
	}
	v := props.Vpc
	if !i.Uses("VPC", &v.Base) {
		return i
	}
	region := i.Stack.Region

	i.Subnet = props.Subnet
	if i.Subnet == nil {
		t := v.TierOrDefault(props.Tier)
		switch {
		case t == nil:
			report(network.RuleTierLookup, fmt.Sprintf("VPC %s has no tier %q", v.Path, props.Tier), "name one of the VPC's tiers")
		case len(t.Subnets) == 0:
			// The VPC reports why it has no subnets.
		default:
			i.Subnet = t.Subnets[0]
			if t.Kind == network.Public {
				// Suppressed, the instance stays in the tier asked for.
				report(RulePublicTier, fmt.Sprintf("tier %q is public", t.Name), "put private instances in an isolated or private-with-nat tier")
			}
		}
	}
	i.InstanceType = props.InstanceType
	if i.InstanceType == "" {
		i.InstanceType = "t3.micro"
	} else if !instanceType.MatchString(i.InstanceType) {
		report(RuleInstanceType, fmt.Sprintf("InstanceType %q is not an EC2 instance type", i.InstanceType), `write it like "t3.micro"`)
	}
	if props.RootVolumeGiB < 0 || props.RootVolumeGiB > maxGp3GiB {
		report(RuleRootVolume, fmt.Sprintf("RootVolumeGiB %d is outside 1-%d", props.RootVolumeGiB, maxGp3GiB), fmt.Sprintf("use a size from 1 to %d GiB, or 0 for the AMI's", maxGp3GiB))
	}

	// The group: egress 443 to the VPC (the endpoints live there); the S3
	// prefix list is added at validation if the VPC has an S3 gateway.
	i.Group = securitygroup.Owned(i, &i.Base, &securitygroup.Props{
		Vpc:         v,
		Description: fmt.Sprintf("Instance %s: HTTPS to the VPC's endpoints only", i.Path),
	})
	i.Group.AllowEgressToVpc(securitygroup.TCP(443), "443/tcp to the VPC's interface endpoints")

	// The role trusts EC2 only.
	trust := core.Policy{Statements: []core.Statement{{
		Principal: map[string][]string{"Service": {ec2Principal(region)}},
		Actions:   []string{"sts:AssumeRole"},
	}}}
	i.Role = iamrole.NewIamRole(i, jsii.String("role"), &iamrole.IamRoleConfig{
		Description:      jsii.String("Role of instance " + i.Path),
		AssumeRolePolicy: i.Stack.PolicyString(trust),
		Tags:             i.tags(""),
	})
	i.Stack.NameResource(i.Role, "aws_iam_role", i.Path, i.Name)
	var policies []string
	if i.Ssm {
		policies = append(policies, "AmazonSSMManagedInstanceCore")
	}
	policies = append(policies, props.ManagedPolicies...)
	seen := map[string]bool{}
	for _, p := range policies {
		arn := p
		if !strings.HasPrefix(p, "arn:") {
			arn = "arn:" + region.Partition + ":iam::aws:policy/" + p
		}
		if seen[arn] {
			continue
		}
		seen[arn] = true
		short := p[strings.LastIndex(p, "/")+1:]
		att := iamrolepolicyattachment.NewIamRolePolicyAttachment(i, jsii.String("policy-"+short), &iamrolepolicyattachment.IamRolePolicyAttachmentConfig{
			Role: i.Role.Name(), PolicyArn: jsii.String(arn),
		})
		i.Stack.NameResource(att, "aws_iam_role_policy_attachment", i.Path, i.Name, short)
	}
	i.Profile = iaminstanceprofile.NewIamInstanceProfile(i, jsii.String("profile"), &iaminstanceprofile.IamInstanceProfileConfig{
		Role: i.Role.Name(), Tags: i.tags(""),
	})
	i.Stack.NameResource(i.Profile, "aws_iam_instance_profile", i.Path, i.Name)

	cfg := &awsinstance.InstanceConfig{
		Ami:                      jsii.String(props.Ami),
		InstanceType:             jsii.String(i.InstanceType),
		IamInstanceProfile:       i.Profile.Name(),
		VpcSecurityGroupIds:      &[]*string{i.Group.RefFrom(i.Stack)},
		AssociatePublicIpAddress: jsii.Bool(false),
		Monitoring:               jsii.Bool(!props.DisableDetailedMonitoring),
		MetadataOptions: &awsinstance.InstanceMetadataOptions{
			HttpTokens:              jsii.String("required"), // IMDSv2 only
			HttpEndpoint:            jsii.String("enabled"),
			HttpPutResponseHopLimit: jsii.Number(1),
		},
		RootBlockDevice: &awsinstance.InstanceRootBlockDevice{
			Encrypted:  jsii.Bool(true),
			VolumeType: jsii.String("gp3"),
		},
		Tags: i.tags(""),
	}
	if props.RootVolumeGiB > 0 {
		cfg.RootBlockDevice.VolumeSize = jsii.Number(float64(props.RootVolumeGiB))
	}
	if i.Subnet != nil {
		cfg.SubnetId = i.Subnet.SubnetId
		if i.Subnet.Ipv6Only && xen[strings.SplitN(i.InstanceType, ".", 2)[0]] && !strings.HasSuffix(i.InstanceType, ".metal") {
			report(RuleNitro, fmt.Sprintf("InstanceType %s is Xen-based, and subnet %s (%s) is IPv6-only, where only Nitro-based instances launch", i.InstanceType, i.Subnet.Label(), i.Subnet.AzLabel()),
				`use a Nitro type (the default "t3.micro", or any current generation), or put the instance in a tier with IPv4`)
		}
		if i.Subnet.Ipv6Only {
			// No IPv4 there, so no public IPv4 to refuse (and AWS documents
			// no use of the IPv4 setting for such subnets); the instance
			// metadata service is reached at its IPv6 address
			// (fd00:ec2::254), off unless enabled (EC2 User Guide,
			// "Instance metadata service endpoints", read 2026-11-24).
			cfg.AssociatePublicIpAddress = nil
			cfg.MetadataOptions.HttpProtocolIpv6 = jsii.String("enabled")
		}
	}
	if props.PrivateIp != "" {
		a, err := netip.ParseAddr(props.PrivateIp)
		switch {
		case err != nil || !a.Is4():
			report(RulePrivateIp, fmt.Sprintf("PrivateIp %q is not an IPv4 address", props.PrivateIp), `write it like "10.0.1.10"`)
		case i.Subnet != nil && i.Subnet.Ipv6Only:
			report(RulePrivateIp, fmt.Sprintf("PrivateIp %s is an IPv4 address, and subnet %s (%s) is IPv6-only", a, i.Subnet.Label(), i.Subnet.AzLabel()),
				"drop PrivateIp (the instance takes an IPv6 address of the subnet), or put the instance in a tier with IPv4")
		case i.Subnet != nil && i.Subnet.Cidr.IsValid() && !network.Usable(i.Subnet.Cidr, a):
			report(RulePrivateIp, fmt.Sprintf("PrivateIp %s is not a usable address of subnet %s (AWS keeps the first four and the last)", a, i.Subnet.Cidr),
				"pick an address inside the subnet")
		}
		cfg.PrivateIp = jsii.String(props.PrivateIp)
	}
	if props.Ami == "" {
		arch := "x86_64"
		if graviton.MatchString(i.InstanceType) {
			arch = "arm64"
		}
		ami := dataawsssmparameter.NewDataAwsSsmParameter(i, jsii.String("ami"), &dataawsssmparameter.DataAwsSsmParameterConfig{
			Name: jsii.String(al2023[arch]),
		})
		i.Stack.NameResource(ami, "data.aws_ssm_parameter", i.Path, i.Name, "ami")
		// insecure_value: the parameter is public, and value would mark
		// the AMI (and the plan's diff of it) sensitive.
		cfg.Ami = ami.InsecureValue()
		// A new AMI release must not replace a running instance.
		cfg.Lifecycle = &cdktf.TerraformResourceLifecycle{IgnoreChanges: &[]*string{jsii.String("ami")}}
	}
	i.Resource = awsinstance.NewInstance(i, jsii.String("instance"), cfg)
	tfName := i.Stack.NameResource(i.Resource, "aws_instance", i.Path, i.Name)
	i.TfName = tfName
	i.InstanceId = i.Resource.Id()
	i.PrivateIp = i.Resource.PrivateIp()

	i.Stack.Output(i, i.Path, "id", i.Name+"_instance_id", "ID of instance "+i.Path, i.InstanceId)
	if i.Ssm {
		i.Stack.Output(i, i.Path, "ssm", i.Name+"_ssm_session", "Open a shell on "+i.Path+" through Session Manager",
			fmt.Sprintf("aws ssm start-session --region %s --target ${%s}", region.Name, "aws_instance."+tfName+".id"))
	}
	i.Stack.Defer(i.check)
	if props.Reaches != nil {
		i.Stack.Declare(i.Path, i.ReachSource(), props.Reaches...)
	}
	return i
}

// check runs at validation, when every endpoint of the VPC exists.
func (i *Instance) check() {
	v := i.Vpc
	if gw := endpoints.GatewayOf(v, endpoints.S3); gw != nil {
		i.Group.AllowEgressToPrefixList(securitygroup.TCP(443), gw.PrefixListId, "s3",
			"443/tcp to S3 through the gateway endpoint (agent updates, patches)")
	} else if id, pl := v.ExistingGateway(endpoints.S3.GatewayServiceName(i.Stack.Region)); pl != "" {
		// The imported VPC's own S3 gateway endpoint, by the prefix list
		// its recorded routes name.
		i.Group.AllowEgressToPrefixList(securitygroup.TCP(443), jsii.String(pl), "s3",
			"443/tcp to S3 through the VPC's gateway endpoint "+id+" (agent updates, patches)")
	}
	if !i.Ssm {
		return
	}
	// Session Manager needs ssm and ssmmessages in the instance's VPC,
	// each admitting the instance (PN-SSM-1, PN-SSM-2). SSM Agent 3.3.40.0
	// and newer reach Systems Manager through ssmmessages and fall back to
	// ec2messages only when that fails (SSM Agent release notes, 3.3.40.0,
	// 2024-02-07; "Reference: ec2messages, ssmmessages, and other API
	// operations"): the recipe still makes ec2messages, and the review
	// report notes its absence, but it is not required. When the VPC has
	// one it must admit the instance all the same: its private DNS takes
	// the name, so an older agent, or the fallback, would hang on it. The
	// VPC's route to the internet does not help: the instance's group lets
	// HTTPS out only to the VPC, so the public SSM endpoints are out of
	// reach even from a NAT tier.
	// An imported VPC whose endpoints are not known (given by hand, or its
	// record is missing, which is reported) may have the endpoints privnet
	// does not make.
	unknownEndpoints := v.Imported != nil && !v.Imported.Knows("endpoints")
	var missing, shut []string
	hubs := map[*network.Vpc]bool{}
	for _, svc := range []*endpoints.Service{endpoints.SSM, endpoints.SSMMessages, endpoints.EC2Messages} {
		e := endpoints.LocalInterface(v, svc)
		switch {
		case e == nil && endpoints.Served(v, svc) != nil:
			// A hub's zone sends the name to the hub's endpoint, which
			// admits the spoke's blocks (PN-EP-21): HTTPS goes out to the
			// hub VPC too.
			hv := endpoints.Served(v, svc).Vpc
			if !hubs[hv] {
				hubs[hv] = true
				for _, c := range hv.Cidrs() {
					i.Group.AllowEgressToCidr(securitygroup.TCP(443), c.String(), "443/tcp to the endpoints of hub VPC "+hv.Path)
				}
			}
		case e == nil && endpoints.ExistingInterface(v, svc) != "":
			// Made outside privnet: whether its security group admits
			// the instance is not recorded (the review and the
			// reachability check say unknown).
			i.Stack.Note(i.Path, fmt.Sprintf("uses endpoint %s for %s, which VPC %s already has; whether its security group admits the instance is not recorded", endpoints.ExistingInterface(v, svc), svc.Key, v.Path))
		case e == nil && unknownEndpoints:
			if svc != endpoints.EC2Messages {
				i.Stack.Note(i.Path, fmt.Sprintf("whether VPC %s has a %s endpoint for the instance was not checked: its existing endpoints are not known (import it FromRecord)", v.Path, svc.Key))
			}
		case e == nil:
			if svc != endpoints.EC2Messages {
				missing = append(missing, svc.Key)
			}
		case e.Group != nil && !e.Group.Admits(443, i.Group):
			shut = append(shut, e.Path)
		}
	}
	if len(missing) > 0 {
		i.Stack.Report(RuleSsmEndpoints, i.Path, fmt.Sprintf("instance is managed by Systems Manager and may send HTTPS only inside VPC %s, which has no %s endpoint", v.Path, strings.Join(missing, " or ")),
			`add endpoints.NewSsmEndpoints(stack, "ssm", &endpoints.RecipeProps{Vpc: vpc}) (and AllowFrom the instance), or set DisableSsm`)
	}
	if len(shut) > 0 {
		i.Stack.Report(RuleSsmAdmit, i.Path, fmt.Sprintf("Systems Manager endpoints %s do not admit 443/tcp from the instance", strings.Join(shut, ", ")),
			"call AllowFrom(instance) on them (or on the recipe)")
	}
}

// ec2Principal is the principal instance roles trust. China's regions use
// ec2.amazonaws.com.cn (docs.amazonaws.cn IAM roles for EC2; the Karpenter
// and terraform-aws-modules policies list it beside ec2.amazonaws.com for
// iam:PassedToService, checked 2026-11-23).
func ec2Principal(r core.Region) string {
	if r.Partition == "aws-cn" {
		return "ec2.amazonaws.com.cn"
	}
	return "ec2.amazonaws.com"
}

func (i *Instance) tags(suffix string) *map[string]*string {
	name := i.Stack.Name + "-" + strings.ReplaceAll(i.Name, "_", "-")
	if suffix != "" {
		name += "-" + suffix
	}
	return &map[string]*string{"Name": jsii.String(name)}
}

// xen are the instance families not built on the Nitro System (EC2
// Instance Types guide, "Instances built on the AWS Nitro System", read
// 2026-11-24): they do not launch in IPv6-only subnets. i3.metal is Nitro.
var xen = map[string]bool{
	"t1": true, "t2": true, "m1": true, "m2": true, "m3": true, "m4": true, "c1": true, "c3": true, "c4": true, "r3": true, "r4": true,
	"x1": true, "x1e": true, "d2": true, "h1": true, "i2": true, "i3": true, "g2": true, "g3": true, "g3s": true, "p2": true, "p3": true, "f1": true,
	"cc2": true, "cr1": true, "hs1": true, "hi1": true, "cg1": true,
}
