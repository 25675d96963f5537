// Package network is the VPC construct: an isolated-by-default VPC with
// carved subnet tiers, one route table per subnet, a locked-down default
// security group and KMS-encrypted flow logs (rules PN-VPC-*, docs/rules.md).
package network

import (
	"fmt"
	"net/netip"
	"regexp"
	"slices"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/defaultsecuritygroup"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/egressonlyinternetgateway"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/eip"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/internetgateway"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/natgateway"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/route"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/routetable"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/routetableassociation"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/subnet"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpc"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/reach/need"
	"github.com/privnet/privnet/record"
)

func recordedNames(azs []record.Az) string {
	var names []string
	for _, az := range azs {
		names = append(names, az.Name)
	}
	return strings.Join(names, ", ")
}

func recordedIds(azs []record.Az) string {
	var ids []string
	for _, az := range azs {
		ids = append(ids, az.Id)
	}
	return strings.Join(ids, ", ")
}

// Kind is how a tier's subnets reach (or don't reach) the internet.
type Kind string

const (
	// Isolated subnets have only the VPC's local route. The default.
	Isolated Kind = "isolated"
	// PrivateWithNat subnets route 0.0.0.0/0 to a NAT gateway in the
	// public tier of the same AZ (or the single NAT gateway).
	PrivateWithNat Kind = "private-with-nat"
	// Public subnets route 0.0.0.0/0 to the internet gateway. Instances in
	// them still get no public IP unless they ask for one.
	Public Kind = "public"
)

// IpMode is which address families a tier's subnets have.
type IpMode string

const (
	// Ipv4Only subnets have an IPv4 block only. The default.
	Ipv4Only IpMode = ""
	// DualStack subnets have an IPv4 block and an IPv6 /64 of the VPC's
	// Amazon-provided /56, and give instances an IPv6 address.
	DualStack IpMode = "dualstack"
	// Ipv6Only subnets have an IPv6 /64 and no IPv4 block (ipv6_native):
	// they take no IPv4 room, instances launched there get an IPv6
	// address and a resource-name host name with an AAAA record, and
	// constructs that place an IPv4 interface refuse them (PN-VPC-14).
	// An isolated IPv6-only tier has no route out; a private-with-nat one
	// gets DNS64 and a 64:ff9b::/96 route to the NAT gateway (NAT64) for
	// IPv4-only names, and ::/0 to the egress-only internet gateway when
	// EgressOnlyIgw is set. Public tiers cannot be IPv6-only.
	Ipv6Only IpMode = "ipv6"
)

// NatMode says how many NAT gateways the VPC has.
type NatMode string

const (
	NatNone   NatMode = ""       // no NAT gateway (default)
	NatSingle NatMode = "single" // one, in the first AZ: cheaper, one AZ's outage cuts all
	NatPerAz  NatMode = "per-az" // one per AZ
)

// TierProps describes one subnet tier: one subnet per AZ.
type TierProps struct {
	// Name appears in resource names and tags: lower-case letters, digits
	// and hyphens, unique in the VPC. Required.
	Name string
	// Kind Default: Isolated.
	Kind Kind
	// Prefix is the subnets' prefix length. Default: 24, or the VPC's
	// prefix + 2 when the VPC is smaller than /22.
	Prefix int
	// Cidrs gives the subnets explicitly, one per AZ in AZ order, instead
	// of carving them. Default: carved.
	Cidrs []string
	// Ip is the tier's address families: "" (IPv4 only), DualStack or
	// Ipv6Only, which need VpcProps.Ipv6. An IPv6-only tier takes no IPv4
	// room, so turning one into a dual-stack tier later moves the IPv4
	// blocks of the tiers after it: place IPv6-only tiers last. Default:
	// IPv4 only.
	Ip IpMode
}

// FlowLogProps configures the VPC flow log. Default: on, all traffic, to a
// CloudWatch log group kept 365 days and encrypted with a new KMS key.
type FlowLogProps struct {
	// Disabled turns flow logs off (security scanners will flag it).
	Disabled bool
	// TrafficType is ALL or REJECT. Default: ALL.
	TrafficType string
	// RetentionDays is one of CloudWatch's retention values. Default: 365.
	RetentionDays int
	// KmsKeyArn encrypts the log group with an existing key, whose policy
	// must let CloudWatch Logs use it. Default: a new key with rotation,
	// which also encrypts the firewall's alert log group (with a key named
	// here, or flow logs disabled, the firewall gets a key of its own).
	KmsKeyArn string
}

// VpcProps configures a Vpc.
type VpcProps struct {
	// Cidr is the VPC's IPv4 block, /16 to /28. Required.
	Cidr string
	// Azs names the availability zones, which must be in the stack's
	// region. Default: the first AzCount zones of the region table.
	Azs []string
	// AzCount is used when Azs is empty. Default: 2.
	AzCount int
	// ReserveAzs leaves room in every carved tier for this many AZs, so
	// that adding an AZ later moves no existing subnet. Default: the number
	// of AZs.
	ReserveAzs int
	// Tiers are carved in order; appending a tier never moves an earlier
	// one. Default: one isolated tier named "isolated".
	Tiers []TierProps
	// Nat Default: NatNone. Needs a Public tier.
	Nat NatMode
	// DisableDnsSupport and DisableDnsHostnames turn off what private DNS
	// of interface endpoints needs. Default: both on.
	DisableDnsSupport   bool
	DisableDnsHostnames bool
	// FlowLogs Default: on (see FlowLogProps).
	FlowLogs FlowLogProps
	// Ipv6 gives the VPC an Amazon-provided IPv6 /56
	// (assign_generated_ipv6_cidr_block); tiers take /64s of it with
	// TierProps.Ip. Default: IPv4 only.
	Ipv6 bool
	// EgressOnlyIgw makes an egress-only internet gateway and routes ::/0
	// to it from the dual-stack and IPv6-only private-with-nat tiers: IPv6 out, nothing
	// in, as NAT does for IPv4. Isolated tiers never route out. Needs
	// Ipv6. Default: none.
	EgressOnlyIgw bool
	// Firewall puts an AWS Network Firewall between the public tier and
	// the internet gateway, letting out only the domains it lists. Needs a
	// public tier. Default: none (an isolated VPC reaches no internet; a
	// VPC with NAT and no firewall is flagged by the review report).
	Firewall *FirewallProps
}

// Subnet is one subnet with its own route table.
type Subnet struct {
	// TfName is the subnet's Terraform name (aws_subnet.<TfName>); the
	// subnet ID for a subnet of an imported VPC.
	TfName string
	// Az is the AZ's name in the account, AzId its zone ID (use1-az1),
	// the same zone in every account. Either may be "" when unknown: a
	// tier carved over AZ IDs knows names only through the record.
	Az           string
	AzId         string
	Cidr         netip.Prefix
	Resource     subnet.Subnet
	RouteTable   routetable.RouteTable
	SubnetId     *string
	RouteTableId *string
	// Imported: the subnet exists already (ImportVpc); Resource and
	// RouteTable are nil, and RouteTableId nil when unknown.
	Imported bool
	// Ipv6: the subnet has an IPv6 /64, the Ipv6Netnum-th of the VPC's
	// /56 (cidrsubnet's netnum, 8 new bits).
	Ipv6       bool
	Ipv6Netnum int
	// Ipv6Only: the subnet has no IPv4 block (Cidr is not valid).
	Ipv6Only bool
	// Ipv6Cidr is an imported subnet's IPv6 block, from the record (a
	// subnet made here takes Ipv6Netnum of a block known only once made).
	Ipv6Cidr netip.Prefix
}

// Label names the subnet's addresses for people: its IPv4 block, or for
// an IPv6-only subnet the /64 it takes of the VPC's /56.
func (s *Subnet) Label() string {
	if s.Cidr.IsValid() || !s.Ipv6Only {
		return s.Cidr.String()
	}
	if s.Ipv6Cidr.IsValid() {
		return s.Ipv6Cidr.String()
	}
	return fmt.Sprintf("IPv6 /64 number %d", s.Ipv6Netnum)
}

// ZoneKey is the subnet's zone as the VPC's Azs named it (an AZ name, or
// an AZ ID with ByAzId): the part of a Terraform name that a record added
// later does not change. Constructs that name resources per subnet use it.
func (v *Vpc) ZoneKey(s *Subnet) string { return v.zoneKey(s) }

// zoneKey is how the VPC's Azs named the subnet's zone (an AZ name, or an
// AZ ID with ByAzId): it names the resources of that zone, so that a record
// added later, which tells names and IDs both, renames nothing.
func (v *Vpc) zoneKey(s *Subnet) string {
	if v.ByAzId {
		return s.AzId
	}
	return s.Az
}

// AzLabel names the subnet's zone for people: its AZ name when known,
// else its AZ ID.
func (s *Subnet) AzLabel() string {
	if s.Az != "" {
		return s.Az
	}
	return s.AzId
}

// Zone is the subnet's zone for comparisons: its AZ ID when known, else
// its AZ name.
func (s *Subnet) Zone() string {
	if s.AzId != "" {
		return s.AzId
	}
	return s.Az
}

// Tier is a tier's subnets, in AZ order.
type Tier struct {
	Name    string
	Kind    Kind
	Ip      IpMode
	Subnets []*Subnet
	vpc     *Vpc
}

// ReachSource makes the tier a source of needs (core.Expect): a workload
// in any of its subnets. Its workloads' security groups are their own, so
// the check assumes they allow their traffic out, and needs the target to
// admit the tier's addresses.
func (t *Tier) ReachSource() need.Source {
	var out need.Source
	for _, s := range t.Subnets {
		if s.Imported {
			out.Addrs = append(out.Addrs, *s.SubnetId) // the engine knows it by ID
			continue
		}
		out.Addrs = append(out.Addrs, "aws_subnet."+s.TfName)
	}
	return out
}

// PrivnetBase is the tier's VPC, for the stack and the path of messages.
func (t *Tier) PrivnetBase() *core.Base {
	if t == nil || t.vpc == nil {
		return nil
	}
	return &t.vpc.Base
}

// SubnetIds returns the tier's subnet IDs in AZ order.
func (t *Tier) SubnetIds() []*string {
	if t == nil {
		return nil
	}
	ids := make([]*string, len(t.Subnets))
	for i, s := range t.Subnets {
		ids[i] = s.SubnetId
	}
	return ids
}

// Vpc is the construct. Its fields are what users wire next.
type Vpc struct {
	constructs.Construct
	// Base holds the stack, the construct path (for messages) and Name,
	// which starts the Terraform names of the VPC's resources.
	core.Base
	// Cidr is the parsed VPC block; invalid when the props' was.
	Cidr         netip.Prefix
	Azs          []string
	DnsSupport   bool
	DnsHostnames bool
	Resource     vpc.Vpc
	VpcId        *string
	// TfName is the VPC's Terraform name (aws_vpc.<TfName>).
	TfName string
	// NatGateways are the VPC's NAT gateways, in AZ order (none by default).
	NatGateways []natgateway.NatGateway
	FlowLog     *FlowLog
	// Firewall is the VPC's Network Firewall, nil without one.
	Firewall *Firewall
	// Ipv6 is set when the VPC has an Amazon-provided IPv6 /56, and
	// Ipv6Cidr is that block (known once made: a token).
	Ipv6     bool
	Ipv6Cidr *string
	// SecondaryIpv6Cidrs are an imported VPC's other IPv6 blocks.
	SecondaryIpv6Cidrs []netip.Prefix
	// SecondaryCidrs are an imported VPC's other IPv4 blocks.
	SecondaryCidrs []netip.Prefix
	// ByAzId: Azs are AZ IDs (use1-az1), and the subnets name their zone
	// by availability_zone_id.
	ByAzId bool
	// Imported is set for a VPC privnet did not make (ImportVpc): it owns
	// none of its resources. nil for a VPC made by NewVpc.
	Imported *Imported

	tiers []*Tier
	// externals are the networks declared outside the VPC (NewExternal);
	// onPrem the subnets that exchange traffic with them (NeedsOnPrem).
	externals []*External
	onPrem    []OnPremNeed
	claims    routeClaims
	links     links
}

// Contains tells whether addr is in one of the VPC's IPv4 blocks (an
// imported VPC's secondary blocks included).
func (v *Vpc) Contains(addr netip.Addr) bool {
	for _, p := range v.Cidrs() {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}

// Cidrs are the VPC's IPv4 blocks, the primary first.
func (v *Vpc) Cidrs() []netip.Prefix {
	if !v.Cidr.IsValid() {
		return nil
	}
	return append([]netip.Prefix{v.Cidr}, v.SecondaryCidrs...)
}

// Tiers returns the tiers in the order given.
func (v *Vpc) Tiers() []*Tier { return v.tiers }

// Tier returns the tier called name. A name the VPC does not have is
// reported, with the tiers it has, and gives an empty tier, so that
// vpc.Tier("app").SubnetIds() never panics on a typo. HasTier asks
// without reporting.
func (v *Vpc) Tier(name string) *Tier {
	if t := v.findTier(name); t != nil {
		return t
	}
	var names []string
	for _, t := range v.tiers {
		names = append(names, t.Name)
	}
	v.Report(RuleTierLookup, fmt.Sprintf("VPC has no tier %s (it has %s)", core.Quote(name), strings.Join(names, ", ")),
		"name one of the VPC's tiers")
	return &Tier{Name: name}
}

// HasTier tells whether the VPC has a tier called name.
func (v *Vpc) HasTier(name string) bool { return v.findTier(name) != nil }

func (v *Vpc) findTier(name string) *Tier {
	for _, t := range v.tiers {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// TierOrDefault returns the tier called name or, when name is empty, the
// first tier that is not public (where private things go), else the first
// tier; nil if there is none.
func (v *Vpc) TierOrDefault(name string) *Tier {
	if name != "" {
		return v.findTier(name)
	}
	for _, t := range v.tiers {
		if t.Kind != Public && t.Kind != FirewallTier {
			return t
		}
	}
	if len(v.tiers) > 0 {
		return v.tiers[0]
	}
	return nil
}

// Usable tells whether a is an address of p that an instance or network
// interface may take: inside p, and not one of the five addresses AWS
// reserves in every subnet, the first four and the last (VPC user guide,
// "Subnet CIDR blocks").
func Usable(p netip.Prefix, a netip.Addr) bool {
	if !p.Contains(a) || !a.Is4() {
		return false
	}
	u := func(x netip.Addr) uint32 {
		b := x.As4()
		return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	}
	off := u(a) - u(p.Masked().Addr())
	return off >= 4 && off < (uint32(1)<<(32-p.Bits()))-1
}

// TierOf is the tier that holds the subnet, or nil when the subnet is not
// the VPC's.
func (v *Vpc) TierOf(s *Subnet) *Tier {
	for _, t := range v.tiers {
		if slices.Contains(t.Subnets, s) {
			return t
		}
	}
	return nil
}

// RouteTableIds returns the route tables of the named tiers (all tiers
// when none is named), tier by tier in AZ order.
func (v *Vpc) RouteTableIds(tiers ...string) []*string {
	var ids []*string
	for _, t := range v.tiers {
		if len(tiers) > 0 && !contains(tiers, t.Name) || len(tiers) == 0 && t.Kind == FirewallTier {
			continue
		}
		for _, s := range t.Subnets {
			if s.RouteTableId == nil {
				continue // an imported subnet whose table is unknown
			}
			if s.Imported && containsPtr(ids, *s.RouteTableId) {
				continue // imported subnets share tables
			}
			ids = append(ids, s.RouteTableId)
		}
	}
	return ids
}

// UnknownRouteTables lists the subnets of the named tiers (all when none
// is named) whose route table is not known: an imported VPC's subnets
// given without RouteTableId.
func (v *Vpc) UnknownRouteTables(tiers ...string) []string {
	var out []string
	for _, t := range v.tiers {
		if len(tiers) > 0 && !contains(tiers, t.Name) {
			continue
		}
		for _, s := range t.Subnets {
			if s.RouteTableId == nil {
				out = append(out, *s.SubnetId)
			}
		}
	}
	return out
}

func containsPtr(list []*string, s string) bool {
	for _, x := range list {
		if x != nil && *x == s {
			return true
		}
	}
	return false
}

// HasInternetRoute tells whether any subnet routes to the internet (a
// public tier, or NAT).
func (v *Vpc) HasInternetRoute() bool {
	for _, t := range v.tiers {
		if t.Kind != Isolated && len(t.Subnets) > 0 {
			return true
		}
	}
	return false
}

var tierName = regexp.MustCompile(`^[a-z][a-z0-9-]{0,30}$`)

// NewVpc makes a VPC. Every problem with the props is reported with the
// construct path through the stack, and app.Run stops before synth.
func NewVpc(scope constructs.Construct, id string, props *VpcProps) *Vpc {
	if props == nil {
		props = &VpcProps{}
	}
	v := &Vpc{}
	v.Init(v, scope, id)
	v.DnsSupport, v.DnsHostnames = !props.DisableDnsSupport, !props.DisableDnsHostnames
	report := v.Report

	// The VPC block.
	cidr, err := netip.ParsePrefix(props.Cidr)
	switch {
	case props.Cidr == "":
		report(RuleVpcCidr, "no Cidr given", `set Cidr to a private IPv4 block such as "10.0.0.0/16"`)
	case err != nil || !cidr.Addr().Is4():
		report(RuleVpcCidr, fmt.Sprintf("Cidr %q is not an IPv4 CIDR", props.Cidr), `write it like "10.0.0.0/16"`)
	case cidr != cidr.Masked():
		report(RuleVpcCidr, fmt.Sprintf("Cidr %q has host bits set", props.Cidr), fmt.Sprintf("use %q", cidr.Masked().String()))
	case cidr.Bits() < minPrefix || cidr.Bits() > maxPrefix:
		report(RuleVpcCidr, fmt.Sprintf("VPC prefix /%d is outside the /%d–/%d AWS allows", cidr.Bits(), minPrefix, maxPrefix),
			fmt.Sprintf("use a prefix from /%d to /%d", minPrefix, maxPrefix))
	default:
		v.Cidr = cidr
	}

	v.Azs = v.pickAzs(props, report)
	tiers := v.checkTiers(props, report)
	withFirewall := false
	if props.Firewall != nil {
		if fw, ok := v.checkFirewall(props, tiers, report); ok {
			tiers = append(tiers, fw) // carved last: the others do not move
			withFirewall = true
		}
	}

	vcfg := &vpc.VpcConfig{
		CidrBlock:          jsii.String(props.Cidr),
		EnableDnsSupport:   jsii.Bool(v.DnsSupport),
		EnableDnsHostnames: jsii.Bool(v.DnsHostnames),
		Tags:               v.tags(""),
	}
	if props.Ipv6 {
		// An Amazon-provided /56 ("Add IPv6 support for your VPC", Amazon
		// VPC User Guide, read 2026-11-24): its address is known only once
		// made, so subnets take theirs with cidrsubnet().
		v.Ipv6 = true
		vcfg.AssignGeneratedIpv6CidrBlock = jsii.Bool(true)
	}
	v.Resource = vpc.NewVpc(v, jsii.String("vpc"), vcfg)
	v.TfName = v.name(v.Resource, "aws_vpc")
	v.VpcId = v.Resource.Id()
	if v.Ipv6 {
		v.Ipv6Cidr = v.Resource.Ipv6CidrBlock()
	}

	// AWS FSBP EC2.2 / CIS 5.3: the default security group allows nothing.
	// Adopting it with no rules makes Terraform remove the ones AWS made.
	dsg := defaultsecuritygroup.NewDefaultSecurityGroup(v, jsii.String("default-sg"), &defaultsecuritygroup.DefaultSecurityGroupConfig{
		VpcId: v.VpcId,
		Tags:  v.tags("default-deny-all"),
	})
	v.name(dsg, "aws_default_security_group")

	v.carve(props, tiers, report)
	var logGroups []string
	if withFirewall && props.FlowLogs.KmsKeyArn == "" {
		logGroups = append(logGroups, firewallLogGroup(v))
	}
	// The firewall's alert log group shares the flow-log key when privnet
	// makes that key (its policy names both groups). A key of the user's
	// (FlowLogs.KmsKeyArn), whose policy privnet does not write, or no flow
	// logs at all, give the firewall a key of its own.
	var logKey *string
	if !props.FlowLogs.Disabled {
		v.FlowLog = newFlowLog(v, props.FlowLogs, logGroups, report)
		if v.FlowLog.Key != nil {
			logKey = v.FlowLog.keyArn
		}
	}
	if withFirewall && v.ByAzId && v.Stack.Recorded() == nil {
		// The firewall's sync states name AZs by name: routes to its
		// endpoints need the names, which only a record maps from IDs.
		v.Stack.Defer(func() {
			report(RuleAzId, "a Network Firewall's endpoints are found by AZ name, and Azs gives AZ IDs with no recorded lookup of the region to map them",
				"give Azs as names, or record the region: "+v.Stack.LookupCommand())
		})
		withFirewall = false
	}
	if withFirewall {
		if t := v.findTier(string(FirewallTier)); t != nil && len(t.Subnets) > 0 {
			v.Firewall = newFirewall(v, props.Firewall, t, logKey)
		}
	}
	v.routes(props)
	v.ipv6Routes(props)

	v.Stack.Output(v, v.Path, "vpc-id", v.Name+"_vpc_id", "ID of VPC "+v.Path, v.VpcId)
	for _, t := range v.tiers {
		if len(t.Subnets) > 0 {
			v.Stack.Output(v, v.Path, "subnets-"+t.Name, v.Name+"_"+t.Name+"_subnet_ids",
				fmt.Sprintf("Subnet IDs of tier %s of VPC %s, in AZ order %s", t.Name, v.Path, strings.Join(v.Azs, ", ")), t.SubnetIds())
		}
	}
	return v
}

// pickAzIds takes Azs given as AZ IDs: subnets then name their zone by
// availability_zone_id, the same zone in every account.
func (v *Vpc) pickAzIds(props *VpcProps, report func(*core.Rule, string, string)) []string {
	v.ByAzId = true
	region := v.Stack.Region.Name
	rec := v.Stack.Recorded()
	seen := map[string]bool{}
	var ids []string
	for _, id := range props.Azs {
		switch {
		case !LooksLikeAzId(id):
			report(RuleAzId, fmt.Sprintf("Azs mixes AZ IDs and AZ names (%s)", core.Quote(id)), "give all AZs as IDs (use1-az1) or all as names (us-east-1a)")
			continue
		case !IsAzId(region, id):
			report(RuleAzId, fmt.Sprintf("%s is not an AZ ID of the stack's region %s, whose AZ IDs are %s-az<n>", core.Quote(id), region, AzIdPrefix(region)),
				fmt.Sprintf("use AZ IDs of %s (aws ec2 describe-availability-zones --region %s shows ZoneId)", region, region))
			continue
		case rec != nil && len(rec.Azs) > 0 && rec.AzName(id) == "":
			msg := fmt.Sprintf("%s is not one of the zones recorded for %s (%s)", id, region, recordedIds(rec.Azs))
			v.Stack.Defer(func() {
				report(RuleAzId, msg, "use a recorded AZ ID, or record the region again: "+v.Stack.LookupCommand())
			})
			continue
		case seen[id]:
			report(RuleAzs, fmt.Sprintf("AZ %s is listed twice", id), "list each AZ once")
			continue
		}
		seen[id] = true
		ids = append(ids, id)
	}
	return ids
}

func (v *Vpc) pickAzs(props *VpcProps, report func(*core.Rule, string, string)) []string {
	region := v.Stack.Region
	if len(props.Azs) > 0 {
		if props.AzCount != 0 && props.AzCount != len(props.Azs) {
			report(RuleAzs, fmt.Sprintf("AzCount %d and %d Azs disagree", props.AzCount, len(props.Azs)), "give Azs or AzCount, not both")
		}
		if LooksLikeAzId(props.Azs[0]) || len(props.Azs) > 1 && LooksLikeAzId(props.Azs[1]) {
			return v.pickAzIds(props, report)
		}
		seen := map[string]bool{}
		rec := v.Stack.Recorded()
		var azs []string
		for _, az := range props.Azs {
			switch {
			case LooksLikeAzId(az):
				report(RuleAzId, fmt.Sprintf("Azs mixes AZ names and AZ IDs (%s)", core.Quote(az)), "give all AZs as names (us-east-1a) or all as IDs (use1-az1)")
				continue
			case seen[az]:
				report(RuleAzs, fmt.Sprintf("AZ %s is listed twice", az), "list each AZ once")
				continue
			case rec != nil && len(rec.Azs) > 0 && rec.AzId(az) == "":
				msg := fmt.Sprintf("AZ %q is not one of the zones recorded for %s in the account (%s)", az, region.Name, recordedNames(rec.Azs))
				v.Stack.Defer(func() {
					report(RuleAzs, msg, "use a recorded zone, or record the region again: "+v.Stack.LookupCommand())
				})
				continue
			case v.Stack.RegionKnown() && !region.HasAz(az):
				known := strings.Join(region.Azs, ", ")
				if known == "" {
					known = region.Name + "<letter>"
				}
				report(RuleAzs, fmt.Sprintf("AZ %q is not an availability zone of the stack's region %s", az, region.Name),
					fmt.Sprintf("use AZs of %s: %s", region.Name, known))
				continue
			}
			seen[az] = true
			azs = append(azs, az)
		}
		return azs
	}
	n := props.AzCount
	if n == 0 {
		n = 2
	}
	switch {
	case n < 0:
		report(RuleAzs, fmt.Sprintf("AzCount %d is negative", n), "use 1 or more (2 or more for high availability)")
		return nil
	case !v.Stack.RegionKnown():
		return nil // the stack already reports its unknown region
	case len(region.Azs) == 0:
		report(RuleAzs, fmt.Sprintf("AzCount needs %s's AZ names, which privnet's region table leaves out (they differ between accounts there, or were not confirmed)", region.Name),
			"list the AZs your account has in Azs (aws ec2 describe-availability-zones)")
		return nil
	case n > len(region.Azs):
		report(RuleAzs, fmt.Sprintf("AzCount %d is more than the %d AZs privnet knows in %s", n, len(region.Azs), region.Name),
			fmt.Sprintf("use at most %d, or list Azs explicitly", len(region.Azs)))
		n = len(region.Azs)
	}
	return append([]string(nil), region.Azs[:n]...)
}

// checkTiers fills defaults and reports bad tiers; the result has one
// entry per given tier (or the default), with Kind and Prefix set.
func (v *Vpc) checkTiers(props *VpcProps, report func(*core.Rule, string, string)) []TierProps {
	tiers := append([]TierProps(nil), props.Tiers...)
	if len(tiers) == 0 {
		tiers = []TierProps{{Name: "isolated"}}
	}
	seen := map[string]bool{}
	hasPublic, hasNatTier := false, false
	for i := range tiers {
		t := &tiers[i]
		switch {
		case !tierName.MatchString(t.Name):
			report(RuleTiers, fmt.Sprintf("tier name %q is not usable in resource names", t.Name),
				"use 1 to 31 lower-case letters, digits and hyphens, starting with a letter")
		case seen[t.Name]:
			report(RuleTiers, fmt.Sprintf("two tiers are named %q", t.Name), "give every tier its own name")
		}
		seen[t.Name] = true
		switch t.Kind {
		case "":
			t.Kind = Isolated
		case Isolated:
		case Public:
			hasPublic = true
		case PrivateWithNat:
			hasNatTier = true
		default:
			report(RuleTiers, fmt.Sprintf("tier %q has unknown kind %q", t.Name, t.Kind),
				fmt.Sprintf("use %q, %q or %q", Isolated, PrivateWithNat, Public))
			t.Kind = Isolated
		}
		switch t.Ip {
		case Ipv4Only, "ipv4":
			t.Ip = Ipv4Only
		case DualStack:
			if !props.Ipv6 {
				report(RuleTiers, fmt.Sprintf("tier %q is dualstack, and the VPC has no IPv6 block", t.Name), "set Ipv6 on the VPC, or drop the tier's Ip")
				t.Ip = Ipv4Only
			} else if t.Kind == Public && props.Firewall != nil {
				report(RuleTiers, fmt.Sprintf("tier %q is public and dualstack, and the VPC's Network Firewall filters IPv4 only here: IPv6 would go round it", t.Name),
					"keep the public tier IPv4 only, or drop the Firewall")
				t.Ip = Ipv4Only
			}
		case Ipv6Only:
			switch {
			case !props.Ipv6:
				report(RuleTiers, fmt.Sprintf("tier %q is IPv6-only, and the VPC has no IPv6 block", t.Name), "set Ipv6 on the VPC, or drop the tier's Ip")
				t.Ip = Ipv4Only
			case t.Kind == Public:
				report(RuleTiers, fmt.Sprintf("tier %q is public and IPv6-only, and a public tier holds the NAT gateways and the Network Firewall, which need IPv4 addresses", t.Name),
					`make the public tier "dualstack", and put IPv6-only workloads in an isolated or private-with-nat tier`)
				t.Ip = Ipv4Only
			case len(t.Cidrs) > 0:
				report(RuleTiers, fmt.Sprintf("tier %q is IPv6-only and gives Cidrs, which are IPv4 blocks", t.Name), `drop Cidrs (its IPv6 /64s are carved), or make the tier "dualstack"`)
				t.Ip = Ipv4Only
			}
		default:
			report(RuleTiers, fmt.Sprintf("tier %q has unknown Ip %q", t.Name, t.Ip), `use "" (IPv4 only), "dualstack" or "ipv6"`)
			t.Ip = Ipv4Only
		}
		if t.Prefix == 0 && len(t.Cidrs) == 0 {
			t.Prefix = 24
			if v.Cidr.IsValid() && v.Cidr.Bits() > 22 {
				t.Prefix = min(v.Cidr.Bits()+2, maxPrefix)
			}
		}
	}
	switch {
	case props.EgressOnlyIgw && !props.Ipv6:
		report(RuleNat, "EgressOnlyIgw is set, and the VPC has no IPv6 block", "set Ipv6 (and dualstack tiers), or drop EgressOnlyIgw")
	case props.EgressOnlyIgw && props.Firewall != nil:
		report(RuleNat, "EgressOnlyIgw is set beside the Network Firewall: IPv6 would leave through the egress-only gateway around it, to any domain",
			"drop EgressOnlyIgw (the private tiers then reach the internet over IPv4, through the firewall), or drop the Firewall")
	}
	switch props.Nat {
	case NatNone:
		if hasNatTier {
			report(RuleNat, "a private-with-nat tier needs NAT gateways, and Nat is not set",
				`set Nat to "single" or "per-az" (with a public tier), or make the tier isolated`)
		}
	case NatSingle, NatPerAz:
		if !hasPublic {
			report(RuleNat, fmt.Sprintf("Nat is %q but the VPC has no public tier for the NAT gateways to live in", props.Nat),
				`add a tier with Kind: network.Public, or drop Nat`)
		}
	default:
		report(RuleNat, fmt.Sprintf("unknown Nat mode %q", props.Nat), `use "", "single" or "per-az"`)
	}
	return tiers
}

func (v *Vpc) carve(props *VpcProps, tiers []TierProps, report func(*core.Rule, string, string)) {
	reserve := props.ReserveAzs
	if reserve != 0 && reserve < len(v.Azs) {
		report(RuleSubnets, fmt.Sprintf("ReserveAzs %d is less than the %d AZs in use", reserve, len(v.Azs)),
			fmt.Sprintf("set ReserveAzs to %d or more, or leave it 0", len(v.Azs)))
	}
	blocks := make([]Block, len(tiers))
	for i, t := range tiers {
		blocks[i] = Block{Prefix: t.Prefix, Count: len(v.Azs), Reserve: reserve, None: t.Ip == Ipv6Only}
		if len(t.Cidrs) > 0 {
			if len(t.Cidrs) != len(v.Azs) {
				report(RuleSubnets, fmt.Sprintf("tier %q gives %d Cidrs for %d AZs", t.Name, len(t.Cidrs), len(v.Azs)),
					"give one CIDR per AZ, in AZ order, or none to have them carved")
			}
			for _, c := range t.Cidrs {
				p, err := netip.ParsePrefix(c)
				if err != nil {
					p = netip.Prefix{}
				}
				blocks[i].Fixed = append(blocks[i].Fixed, p)
			}
		}
	}
	var carved [][]netip.Prefix
	if v.Cidr.IsValid() {
		var problems []CarveProblem
		carved, problems = Carve(v.Cidr, blocks)
		for _, p := range problems {
			where := fmt.Sprintf("tier %q: ", tiers[p.Tier].Name)
			if p.Subnet >= 0 && len(tiers[p.Tier].Cidrs) > p.Subnet {
				where = fmt.Sprintf("tier %q, Cidrs[%d] %q: ", tiers[p.Tier].Name, p.Subnet, tiers[p.Tier].Cidrs[p.Subnet])
			}
			report(RuleSubnets, where+p.Problem, p.Fix)
		}
	}

	// IPv6 /64s: tier i, AZ j takes netnum i×room+j of the /56 (256 of
	// them), room being the AZs reserved: as for IPv4, appending a tier
	// moves nothing, and reserved room holds later AZs. A tier takes its
	// room whether it is dualstack or not, so turning IPv6 on for a tier
	// later moves no other.
	room := max(reserve, len(v.Azs))
	for i, tp := range tiers {
		if tp.Ip != Ipv4Only && (i+1)*room > 256 {
			report(RuleSubnets, fmt.Sprintf("tier %q: %d tiers × %d AZs of room need more than the 256 IPv6 /64s of the VPC's /56", tp.Name, i+1, room),
				"use fewer tiers, or a smaller ReserveAzs")
		}
	}
	made := map[string]bool{}
	for i, tp := range tiers {
		if !tierName.MatchString(tp.Name) || made[tp.Name] {
			continue // reported by checkTiers; its name cannot make resources
		}
		made[tp.Name] = true
		t := &Tier{Name: tp.Name, Kind: tp.Kind, Ip: tp.Ip, vpc: v}
		v.tiers = append(v.tiers, t)
		if carved == nil {
			continue
		}
		for j, az := range v.Azs {
			if tp.Ip == Ipv6Only {
				if i*room+j >= 256 {
					continue // reported above
				}
			} else if j >= len(carved[i]) || !carved[i][j].IsValid() {
				continue
			}
			s := &Subnet{Az: az}
			cfg := &subnet.SubnetConfig{
				VpcId: v.VpcId,
				Tags:  v.tags(t.Name+"-"+az, "privnet:tier", t.Name, "privnet:kind", string(t.Kind)),
			}
			if tp.Ip == Ipv6Only {
				// An IPv6-only subnet ("IPv6-only subnets", Amazon VPC
				// User Guide, read 2026-11-24): ipv6_native with no IPv4
				// block; its instances are named by resource name, with an
				// AAAA record, and get an IPv6 address on launch; only
				// Nitro instance types launch there. DNS64 is
				// on only where NAT64 can carry what it synthesizes (a
				// private-with-nat tier): elsewhere a synthesized
				// 64:ff9b:: answer would lead nowhere.
				s.Ipv6, s.Ipv6Only, s.Ipv6Netnum = true, true, i*room+j
				cfg.Ipv6Native = jsii.Bool(true)
				cfg.Ipv6CidrBlock = jsii.String(fmt.Sprintf("${cidrsubnet(aws_vpc.%s.ipv6_cidr_block, 8, %d)}", v.TfName, s.Ipv6Netnum))
				cfg.AssignIpv6AddressOnCreation = jsii.Bool(true)
				cfg.PrivateDnsHostnameTypeOnLaunch = jsii.String("resource-name")
				cfg.EnableResourceNameDnsAaaaRecordOnLaunch = jsii.Bool(true)
				// AWS forces A records off there; Terraform's default is
				// the same, written out so the plan says so.
				cfg.EnableResourceNameDnsARecordOnLaunch = jsii.Bool(false)
				cfg.EnableDns64 = jsii.Bool(tp.Kind == PrivateWithNat)
			} else {
				s.Cidr = carved[i][j]
				cfg.CidrBlock = jsii.String(s.Cidr.String())
				// Never on non-public subnets (AWS FSBP EC2.15); off on
				// public ones too, so no instance gets a public IP unasked.
				cfg.MapPublicIpOnLaunch = jsii.Bool(false)
			}
			if tp.Ip == DualStack && i*room+j < 256 {
				s.Ipv6, s.Ipv6Netnum = true, i*room+j
				cfg.Ipv6CidrBlock = jsii.String(fmt.Sprintf("${cidrsubnet(aws_vpc.%s.ipv6_cidr_block, 8, %d)}", v.TfName, s.Ipv6Netnum))
				// An IPv6 address is public: a public tier gives none unasked,
				// as it gives no public IPv4 (map_public_ip_on_launch).
				cfg.AssignIpv6AddressOnCreation = jsii.Bool(tp.Kind != Public)
			}
			if v.ByAzId {
				s.AzId, s.Az = az, v.Stack.Recorded().AzName(az)
				cfg.AvailabilityZoneId = jsii.String(az)
			} else {
				s.AzId = v.Stack.Recorded().AzId(az)
				cfg.AvailabilityZone = jsii.String(az)
			}
			id := t.Name + "-" + az
			s.Resource = subnet.NewSubnet(v, jsii.String("subnet-"+id), cfg)
			s.TfName = v.name(s.Resource, "aws_subnet", t.Name, az)
			s.SubnetId = s.Resource.Id()
			s.RouteTable = routetable.NewRouteTable(v, jsii.String("rt-"+id), &routetable.RouteTableConfig{
				VpcId: v.VpcId,
				Tags:  v.tags(t.Name+"-"+az, "privnet:tier", t.Name),
			})
			v.name(s.RouteTable, "aws_route_table", t.Name, az)
			s.RouteTableId = s.RouteTable.Id()
			assoc := routetableassociation.NewRouteTableAssociation(v, jsii.String("rta-"+id), &routetableassociation.RouteTableAssociationConfig{
				SubnetId:     s.SubnetId,
				RouteTableId: s.RouteTableId,
			})
			v.name(assoc, "aws_route_table_association", t.Name, az)
			t.Subnets = append(t.Subnets, s)
		}
	}
}

// ipv6Routes adds the egress-only internet gateway and the ::/0 routes of
// dual-stack private-with-nat tiers to it, when asked for; public
// dual-stack tiers get theirs to the internet gateway in routes.
func (v *Vpc) ipv6Routes(props *VpcProps) {
	if !props.EgressOnlyIgw || !v.Ipv6 {
		return
	}
	var eigw egressonlyinternetgateway.EgressOnlyInternetGateway
	for _, t := range v.tiers {
		if t.Kind != PrivateWithNat || t.Ip == Ipv4Only {
			continue
		}
		if eigw == nil {
			// "An egress-only internet gateway ... allows outbound
			// communication over IPv6 from instances in your VPC to the
			// internet, and prevents the internet from initiating an IPv6
			// connection with your instances" (Amazon VPC User Guide,
			// "Enable outbound IPv6 traffic using an egress-only internet
			// gateway", read 2026-11-24).
			eigw = egressonlyinternetgateway.NewEgressOnlyInternetGateway(v, jsii.String("eigw"), &egressonlyinternetgateway.EgressOnlyInternetGatewayConfig{
				VpcId: v.VpcId,
				Tags:  v.tags(""),
			})
			v.name(eigw, "aws_egress_only_internet_gateway")
		}
		for _, s := range t.Subnets {
			v.ClaimRoute(s, netip.MustParsePrefix("::/0"), v.Path)
			r := route.NewRoute(v, jsii.String("default6-route-"+t.Name+"-"+v.zoneKey(s)), &route.RouteConfig{
				RouteTableId: s.RouteTableId, DestinationIpv6CidrBlock: jsii.String("::/0"), EgressOnlyGatewayId: eigw.Id(),
			})
			v.name(r, "aws_route", t.Name, v.zoneKey(s), "default6")
		}
	}
	if eigw == nil {
		v.Report(RuleNat, "EgressOnlyIgw is set, and no tier is private-with-nat with IPv6: nothing would use it", "make a private-with-nat tier dualstack or IPv6-only, or drop EgressOnlyIgw")
	}
}

// routes adds the internet gateway, NAT gateways and default routes of
// public and private-with-nat tiers. Isolated tiers get none.
func (v *Vpc) routes(props *VpcProps) {
	var public *Tier
	for _, t := range v.tiers {
		if t.Kind == Public && public == nil {
			public = t
		}
	}
	if public == nil {
		return
	}
	igw := internetgateway.NewInternetGateway(v, jsii.String("igw"), &internetgateway.InternetGatewayConfig{
		VpcId: v.VpcId,
		Tags:  v.tags(""),
	})
	v.name(igw, "aws_internet_gateway")
	natByAz := map[string]*string{}
	if props.Nat == NatSingle || props.Nat == NatPerAz {
		for i, s := range public.Subnets {
			if props.Nat == NatSingle && i > 0 {
				break
			}
			ip := eip.NewEip(v, jsii.String("nat-eip-"+v.zoneKey(s)), &eip.EipConfig{Domain: jsii.String("vpc"), Tags: v.tags("nat-" + v.zoneKey(s))})
			v.name(ip, "aws_eip", "nat", v.zoneKey(s))
			nat := natgateway.NewNatGateway(v, jsii.String("nat-"+v.zoneKey(s)), &natgateway.NatGatewayConfig{
				AllocationId: ip.AllocationId(),
				SubnetId:     s.SubnetId,
				Tags:         v.tags("nat-" + v.zoneKey(s)),
				DependsOn:    &[]cdktf.ITerraformDependable{igw},
			})
			v.name(nat, "aws_nat_gateway", v.zoneKey(s))
			v.NatGateways = append(v.NatGateways, nat)
			natByAz[v.zoneKey(s)] = nat.Id()
		}
	}
	fw := v.Firewall
	for _, t := range v.tiers {
		for _, s := range t.Subnets {
			if t.Ip == Ipv6Only {
				v.nat64(t, s, natByAz)
				continue
			}
			cfg := &route.RouteConfig{RouteTableId: s.RouteTableId, DestinationCidrBlock: jsii.String("0.0.0.0/0")}
			switch t.Kind {
			case Public:
				if fw != nil {
					// Out through the firewall of the same AZ.
					cfg.VpcEndpointId = fw.endpointIn(s.Az)
				} else {
					cfg.GatewayId = igw.Id()
				}
			case FirewallTier:
				cfg.GatewayId = igw.Id()
			case PrivateWithNat:
				nat := natByAz[v.zoneKey(s)]
				if nat == nil && len(v.NatGateways) > 0 {
					nat = v.NatGateways[0].Id()
				}
				if nat == nil {
					continue // reported: no NAT, or no public subnet in that AZ
				}
				cfg.NatGatewayId = nat
			default:
				continue
			}
			v.ClaimRoute(s, netip.MustParsePrefix("0.0.0.0/0"), v.Path)
			r := route.NewRoute(v, jsii.String("default-route-"+t.Name+"-"+v.zoneKey(s)), cfg)
			v.name(r, "aws_route", t.Name, v.zoneKey(s), "default")
			if t.Kind == Public && t.Ip == DualStack {
				// A public dual-stack subnet reaches the internet over IPv6
				// through the same internet gateway (no firewall: refused).
				v.ClaimRoute(s, netip.MustParsePrefix("::/0"), v.Path)
				r6 := route.NewRoute(v, jsii.String("default6-route-"+t.Name+"-"+v.zoneKey(s)), &route.RouteConfig{
					RouteTableId: s.RouteTableId, DestinationIpv6CidrBlock: jsii.String("::/0"), GatewayId: igw.Id(),
				})
				v.name(r6, "aws_route", t.Name, v.zoneKey(s), "default6")
			}
		}
	}
	if fw == nil {
		return
	}
	// Traffic coming back from the internet to the public subnets goes
	// through the firewall too: the internet gateway's own route table (an
	// edge association) sends each public subnet to its AZ's firewall
	// endpoint ("Route table configurations for AWS Network Firewall",
	// simple single-zone and multi-zone architectures, checked 2026-11).
	edge := routetable.NewRouteTable(v, jsii.String("rt-igw-edge"), &routetable.RouteTableConfig{
		VpcId: v.VpcId,
		Tags:  v.tags("igw-edge"),
	})
	v.name(edge, "aws_route_table", "igw-edge")
	assoc := routetableassociation.NewRouteTableAssociation(v, jsii.String("rta-igw-edge"), &routetableassociation.RouteTableAssociationConfig{
		GatewayId:    igw.Id(),
		RouteTableId: edge.Id(),
	})
	v.name(assoc, "aws_route_table_association", "igw-edge")
	for _, s := range public.Subnets {
		r := route.NewRoute(v, jsii.String("edge-route-"+v.zoneKey(s)), &route.RouteConfig{
			RouteTableId:         edge.Id(),
			DestinationCidrBlock: jsii.String(s.Cidr.String()),
			VpcEndpointId:        fw.endpointIn(s.Az),
		})
		v.name(r, "aws_route", "igw-edge", v.zoneKey(s))
	}
}

// nat64 routes an IPv6-only private-with-nat subnet's 64:ff9b::/96 to the
// NAT gateway of its AZ (or the single one): with DNS64 on the subnet, an
// IPv4-only name answers with an address in that prefix, which the NAT
// gateway translates to IPv4 ("DNS64 and NAT64", Amazon VPC User Guide,
// read 2026-11-24). Isolated IPv6-only tiers get no route.
func (v *Vpc) nat64(t *Tier, s *Subnet, natByAz map[string]*string) {
	if t.Kind != PrivateWithNat {
		return
	}
	nat := natByAz[v.zoneKey(s)]
	if nat == nil && len(v.NatGateways) > 0 {
		nat = v.NatGateways[0].Id()
	}
	if nat == nil {
		return // reported: no NAT
	}
	v.ClaimRoute(s, netip.MustParsePrefix("64:ff9b::/96"), v.Path)
	r := route.NewRoute(v, jsii.String("nat64-route-"+t.Name+"-"+v.zoneKey(s)), &route.RouteConfig{
		RouteTableId: s.RouteTableId, DestinationIpv6CidrBlock: jsii.String("64:ff9b::/96"), NatGatewayId: nat,
	})
	v.name(r, "aws_route", t.Name, v.zoneKey(s), "nat64")
}

// name gives a resource a readable Terraform name: the VPC's prefix and
// parts. It returns the name.
func (v *Vpc) name(el interface{ OverrideLogicalId(*string) }, tfType string, parts ...string) string {
	return v.Stack.NameResource(el, tfType, v.Path, append([]string{v.Name}, parts...)...)
}

// tags returns the Name tag (the stack, the VPC and suffix) and extra
// key/value pairs.
func (v *Vpc) tags(suffix string, kv ...string) *map[string]*string {
	name := v.Stack.Name + "-" + strings.ReplaceAll(v.Name, "_", "-")
	if suffix != "" {
		name += "-" + suffix
	}
	m := map[string]*string{"Name": jsii.String(name)}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = jsii.String(kv[i+1])
	}
	return &m
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// RequireIpv4 reports on b (PN-VPC-14) the first of subnets that has no
// IPv4 block: what (an endpoint, a gateway) would get an IPv4 address
// there. It tells whether all of them have one.
func RequireIpv4(b *core.Base, what string, subnets []*Subnet, fix string) bool {
	for _, s := range subnets {
		if s != nil && s.Ipv6Only {
			b.Report(RuleIpv4Subnet, fmt.Sprintf("%s needs an IPv4 address, and subnet %s (%s) is IPv6-only", what, s.Label(), s.AzLabel()), fix)
			return false
		}
	}
	return true
}
