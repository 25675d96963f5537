// Package lattice is VPC Lattice resource access (rules PN-LAT-*,
// docs/rules.md): a resource gateway in the VPC that holds a resource,
// resource configurations describing the resource, and the consumers that
// reach it from other VPCs of the same region: a Resource endpoint, or a
// service network with a ServiceNetwork endpoint, shared across accounts
// with RAM.
package lattice

import (
	"fmt"
	"net/netip"
	"regexp"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpclatticeresourcegateway"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/network"
	"github.com/privnet/privnet/constructs/securitygroup"
)

// ResourceGatewayProps configures a ResourceGateway.
type ResourceGatewayProps struct {
	// Vpc holds the resources. Required.
	Vpc *network.Vpc
	// Tier puts the gateway in the tier's subnets (one per AZ; at least
	// one AZ must also be a consumer's). Default: the VPC's first tier that
	// is not public.
	Tier string
	// Name is the gateway's name: a-z, 0-9 and single hyphens, 3 to 40
	// characters. Default: the stack and construct id.
	Name string
	// ExtraSecurityGroups go beside the gateway's own group; AWS allows 5
	// in all. Their egress rules decide what the gateway may reach.
	ExtraSecurityGroups []*securitygroup.SecurityGroup
	// IpAddressType is IPV4 (default), IPV6 or DUALSTACK, which needs
	// dual-stack subnets.
	IpAddressType string
	// Ipv4AddressesPerEni is 1-62 and cannot change later. Default: AWS's
	// (16). The pinned AWS provider 5.88 cannot set any other value.
	Ipv4AddressesPerEni int
}

// ResourceGateway is the construct. Its own security group starts with no
// egress; each resource configuration adds egress to its address and ports.
type ResourceGateway struct {
	constructs.Construct
	core.Base
	Vpc *network.Vpc
	Azs []string
	// Subnets are the gateway's subnets (their AZ names and IDs).
	Subnets  []*network.Subnet
	Group    *securitygroup.SecurityGroup
	Resource vpclatticeresourcegateway.VpclatticeResourceGateway
	Id       *string
	Arn      *string
	// IpAddressType is what the gateway was made with: IPV4, DUALSTACK
	// or IPV6.
	IpAddressType string
}

// SecurityGroup is the gateway's own group.
func (g *ResourceGateway) SecurityGroup() *securitygroup.SecurityGroup { return g.Group }

// Lattice names: lower-case letters, digits and hyphens, no hyphen at
// either end or twice in a row, 3 to 40 characters (VPC Lattice API,
// CreateResourceGateway and CreateResourceConfiguration, checked 2026-11).
var latticeName = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func checkName(name string) string { return checkNameUpTo(name, 40) }

// checkNameUpTo is checkName with another longest length: service network
// names may have 63 characters (CreateServiceNetwork, checked 2026-11).
func checkNameUpTo(name string, most int) string {
	if len(name) < 3 || len(name) > most || !latticeName.MatchString(name) {
		return fmt.Sprintf("name %q is not a VPC Lattice name", name)
	}
	return ""
}

const nameFix = "use 3 to 40 lower-case letters, digits and hyphens, with no hyphen at either end or two in a row"

// defaultName makes a Lattice name from the stack and construct path.
func defaultName(stack *core.Stack, tfName string) string {
	n := strings.ToLower(stack.Name + "-" + tfName)
	n = regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(n, "-")
	n = strings.Trim(n, "-")
	if len(n) > 40 {
		n = strings.TrimRight(n[:40], "-")
	}
	return n
}

// NewResourceGateway makes the gateway and its security group.
func NewResourceGateway(scope constructs.Construct, id string, props *ResourceGatewayProps) *ResourceGateway {
	if props == nil {
		props = &ResourceGatewayProps{}
	}
	g := &ResourceGateway{Vpc: props.Vpc}
	g.Init(g, scope, id)
	report := g.Report
	if props.Vpc == nil {
		report(RuleInputs, "resource gateway has no Vpc", "pass the VPC that holds the resources")
		return g
	}
	v := props.Vpc
	if !g.Uses("VPC", &v.Base) {
		return g
	}
	name := props.Name
	if name == "" {
		name = defaultName(g.Stack, g.Name)
	}
	if p := checkName(name); p != "" {
		report(RuleName, p, nameFix)
	}
	if n := props.Ipv4AddressesPerEni; n != 0 {
		switch {
		case n < 1 || n > 62:
			report(RuleAddressesPerEni, fmt.Sprintf("Ipv4AddressesPerEni %d is outside 1-62", n), "use 1 to 62, or 0 for AWS's default (16)")
		case n != 16:
			report(RuleAddressesPerEni, fmt.Sprintf("Ipv4AddressesPerEni %d cannot be set: the pinned AWS provider 5.88 has no ipv4_addresses_per_eni", n),
				"leave it 0 (AWS's default, 16) until the provider is upgraded")
		}
	}
	ipType := props.IpAddressType
	switch ipType {
	case "", "IPV4":
	case "DUALSTACK", "IPV6":
		if !v.Ipv6 {
			report(RuleGatewayIpType, fmt.Sprintf("IpAddressType %s needs IPv6 subnets, and VPC %s has no IPv6 CIDR", ipType, v.Path), `use "IPV4"`)
		}
	default:
		report(RuleGatewayIpType, fmt.Sprintf("IpAddressType %q is not IPV4, IPV6 or DUALSTACK", ipType), `use "IPV4"`)
	}
	if n := 1 + len(props.ExtraSecurityGroups); n > 5 {
		report(RuleGatewayGroups, fmt.Sprintf("%d security groups (its own and %d extra); a resource gateway takes at most 5", n, n-1),
			"pass at most 4 ExtraSecurityGroups")
	}

	var subnetIds []*string
	if t := v.TierOrDefault(props.Tier); t == nil {
		report(network.RuleTierLookup, fmt.Sprintf("VPC %s has no tier %q", v.Path, props.Tier), "name one of the VPC's tiers")
	} else {
		for _, s := range t.Subnets {
			subnetIds = append(subnetIds, s.SubnetId)
			g.Azs = append(g.Azs, s.AzLabel())
			g.Subnets = append(g.Subnets, s)
		}
	}
	// DUALSTACK fits only subnets that each have an IPv6 block (Amazon VPC
	// Lattice User Guide, "Resource gateways", IP address type, read
	// 2026-11-24). It is asked for, never inferred: the provider replaces a
	// gateway whose type changes, so making a tier dual-stack must not.
	// IPV6 fits only IPv6-only subnets, and IPV4 only subnets with IPv4.
	dual, only6, any6only := v.Ipv6 && len(g.Subnets) > 0, v.Ipv6 && len(g.Subnets) > 0, false
	for _, s := range g.Subnets {
		dual = dual && s.Ipv6 && !s.Ipv6Only
		only6 = only6 && s.Ipv6Only
		any6only = any6only || s.Ipv6Only
	}
	switch {
	case ipType == "" && any6only, ipType == "IPV4" && any6only:
		report(RuleGatewayIpType, "IpAddressType IPV4 needs an IPv4 block in each of the gateway's subnets, and its tier is IPv6-only", `use "IPV6" in IPv6-only subnets, or put the gateway in a tier with IPv4`)
	case ipType == "DUALSTACK" && v.Ipv6 && !dual:
		report(RuleGatewayIpType, "IpAddressType DUALSTACK needs an IPv4 and an IPv6 block in each of the gateway's subnets, and its tier is not dualstack", "put the gateway in a dualstack tier (network.TierProps.Ip), or use \"IPV4\"")
	case ipType == "IPV6" && v.Ipv6 && !only6:
		report(RuleGatewayIpType, "IpAddressType IPV6 needs IPv6-only subnets, and the gateway's tier has IPv4", `put the gateway in an IPv6-only tier (network.TierProps.Ip "ipv6"), or use "DUALSTACK" in dual-stack subnets`)
	}
	if ipType == "" {
		ipType = "IPV4"
	}
	g.IpAddressType = ipType
	g.Group = securitygroup.Owned(g, &g.Base, &securitygroup.Props{
		Vpc:         v,
		Description: fmt.Sprintf("VPC Lattice resource gateway %s: egress to its resources only", g.Path),
	})
	sgs := []*string{g.Group.RefFrom(g.Stack)}
	for _, x := range props.ExtraSecurityGroups {
		sgs = append(sgs, x.RefFrom(g.Stack))
	}
	g.Resource = vpclatticeresourcegateway.NewVpclatticeResourceGateway(g, jsii.String("gateway"), &vpclatticeresourcegateway.VpclatticeResourceGatewayConfig{
		Name:             jsii.String(name),
		VpcId:            v.VpcId,
		SubnetIds:        &subnetIds,
		SecurityGroupIds: &sgs,
		IpAddressType:    jsii.String(ipType),
		Tags:             &map[string]*string{"Name": jsii.String(name)},
	})
	g.Stack.NameResource(g.Resource, "aws_vpclattice_resource_gateway", g.Path, g.Name)
	g.Id, g.Arn = g.Resource.Id(), g.Resource.Arn()
	return g
}

// allowTo opens the gateway's egress to a resource (an address, or the
// VPC for domain names and ARNs) on its ports.
func (g *ResourceGateway) allowTo(ports Ports, ip netip.Addr, what string) {
	if g.Group == nil {
		return
	}
	for _, p := range ports {
		sp := securitygroup.Port{Protocol: "tcp", From: p.From, To: p.To}
		if ip.IsValid() {
			g.Group.AllowEgressToCidr(sp, netip.PrefixFrom(ip, ip.BitLen()).String(), fmt.Sprintf("%s/tcp to %s", p, what))
		} else {
			g.Group.AllowEgressToVpc(sp, fmt.Sprintf("%s/tcp to %s in the VPC", p, what))
		}
	}
}
