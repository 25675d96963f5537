package lattice

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ramprincipalassociation"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ramresourceassociation"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ramresourceshare"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpcendpoint"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpclatticeservicenetwork"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpclatticeservicenetworkresourceassociation"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/network"
	"github.com/privnet/privnet/constructs/securitygroup"
)

// The working alternative for cross-region access (rule PN-LAT-12: VPC
// Lattice does not connect regions, and the console never offers a
// configuration of another region).
const crossRegionFix = "VPC Lattice resource configurations cannot be reached from another region; " +
	"publish the resource through an NLB endpoint service with supported_regions (constructs/endpointservice) " +
	"and reach it with an interface endpoint with ServiceRegion, or connect the VPCs by peering or Transit Gateway"

var arnRegion = regexp.MustCompile(`^arn:aws[a-z-]*:vpc-lattice:([a-z0-9-]+):[0-9]{12}:resourceconfiguration/`)

// ResourceEndpointProps configures a ResourceEndpoint.
type ResourceEndpointProps struct {
	// Vpc of the consumers. Required.
	Vpc *network.Vpc
	// Configuration in this app, or ConfigurationArn for one shared from
	// another account through RAM. One is required.
	Configuration    *ResourceConfiguration
	ConfigurationArn string
	// Ports clients use, for the endpoint's security group. Default: the
	// configuration's (required with ConfigurationArn).
	Ports string
	// Tier Default: the VPC's first tier that is not public.
	Tier string
	// RestrictIngress drops the default ingress from the whole VPC CIDR
	// even when no client is named. Without it, the whole VPC may reach
	// the endpoint until AllowFrom names a client before app.Validate
	// (app.Run validates; named later, PN-SG-7).
	RestrictIngress bool
}

// ResourceEndpoint is a VPC endpoint of type Resource, with its own
// security group.
type ResourceEndpoint struct {
	constructs.Construct
	core.Base
	Vpc      *network.Vpc
	Group    *securitygroup.SecurityGroup
	Resource vpcendpoint.VpcEndpoint
	Id       *string
	ports    Ports
}

// SecurityGroup is the endpoint's own group.
func (e *ResourceEndpoint) SecurityGroup() *securitygroup.SecurityGroup { return e.Group }

// AllowFrom lets from's security group reach the resource's ports.
func (e *ResourceEndpoint) AllowFrom(from securitygroup.Haver) {
	var ports []securitygroup.Port
	for _, p := range e.ports {
		ports = append(ports, securitygroup.Port{Protocol: "tcp", From: p.From, To: p.To})
	}
	e.Group.AdmitFrom(&e.Base, from, ports, func(p securitygroup.Port, fromPath string) string {
		return fmt.Sprintf("%s/tcp to the resource from %s", PortRange{p.From, p.To}, fromPath)
	})
}

// NewResourceEndpoint makes the consumer endpoint.
func NewResourceEndpoint(scope constructs.Construct, id string, props *ResourceEndpointProps) *ResourceEndpoint {
	if props == nil {
		props = &ResourceEndpointProps{}
	}
	e := &ResourceEndpoint{Vpc: props.Vpc}
	e.Init(e, scope, id)
	report := e.Report
	c := props.Configuration
	if props.Vpc == nil || (c == nil) == (props.ConfigurationArn == "") {
		report(RuleInputs, "a Resource endpoint needs a Vpc and one of Configuration or ConfigurationArn", "pass the consumer VPC and the resource configuration")
		return e
	}
	v := props.Vpc
	if !e.Uses("VPC", &v.Base) {
		return e
	}
	here := e.Stack.Region.Name

	var arn *string
	if c != nil {
		arn = c.Arn
		e.ports = c.Ports
		if c.Region() != here {
			report(RuleSameRegion, fmt.Sprintf("resource configuration %s is in %s and this endpoint in %s", c.Path, c.Region(), here), crossRegionFix)
		}
	} else {
		arn = jsii.String(props.ConfigurationArn)
		m := arnRegion.FindStringSubmatch(props.ConfigurationArn)
		switch {
		case m == nil:
			report(RuleConfigurationArn, fmt.Sprintf("ConfigurationArn %q is not a VPC Lattice resource configuration ARN", props.ConfigurationArn),
				"use arn:aws:vpc-lattice:<region>:<account>:resourceconfiguration/rcfg-…")
		case m[1] != here:
			report(RuleSameRegion, fmt.Sprintf("resource configuration %s is in %s and this endpoint in %s", props.ConfigurationArn, m[1], here), crossRegionFix)
		}
	}
	if props.Ports != "" {
		ports, err := ParsePorts(props.Ports)
		if err != nil {
			report(RulePorts, fmt.Sprintf("bad port range %q: %v", props.Ports, err), `write ports like "22" or "443,8000-8080"`)
		}
		e.ports = ports
	} else if c == nil {
		report(RuleGroupPorts, "Ports are needed with ConfigurationArn", `give the ports clients use, like "443"`)
	}

	var subnetIds []*string
	var azs []*network.Subnet
	if t := v.TierOrDefault(props.Tier); t == nil {
		report(network.RuleTierLookup, fmt.Sprintf("VPC %s has no tier %q", v.Path, props.Tier), "name one of the VPC's tiers")
	} else {
		for _, s := range t.Subnets {
			subnetIds = append(subnetIds, s.SubnetId)
			azs = append(azs, s)
		}
		network.RequireIpv4(&e.Base, "a Resource endpoint (privnet makes it ipv4)", azs, "place it in a tier with IPv4 (Tier)")
	}
	if c != nil && c.Region() == here {
		checkSharedAz(&e.Base, azs, c)
	}

	e.Group = securitygroup.Owned(e, &e.Base, &securitygroup.Props{
		Vpc: v, Description: fmt.Sprintf("VPC Lattice Resource endpoint %s: who may reach the resource", e.Path),
	})
	if !props.RestrictIngress {
		for _, p := range e.ports {
			e.Group.AdmitVpcUnlessNamed(securitygroup.Port{Protocol: "tcp", From: p.From, To: p.To}, fmt.Sprintf("%s/tcp to the resource from the VPC", p))
		}
	}
	e.Resource = vpcendpoint.NewVpcEndpoint(e, jsii.String("endpoint"), &vpcendpoint.VpcEndpointConfig{
		VpcId:                    v.VpcId,
		VpcEndpointType:          jsii.String("Resource"),
		ResourceConfigurationArn: arn,
		SubnetIds:                &subnetIds,
		SecurityGroupIds:         &[]*string{e.Group.RefFrom(e.Stack)},
		Tags:                     &map[string]*string{"Name": jsii.String(e.Stack.Name + "-" + strings.ReplaceAll(e.Name, "_", "-"))},
	})
	tfName := e.Stack.NameResource(e.Resource, "aws_vpc_endpoint", e.Path, e.Name)
	e.Id = e.Resource.Id()
	e.Stack.Output(e, e.Path, "dns-names", e.Name+"_dns_names", "DNS names of Resource endpoint "+e.Path,
		"${aws_vpc_endpoint."+tfName+".dns_entry[*].dns_name}")
	return e
}

// checkSharedAz: the consumer endpoint and the configuration's resource
// gateway need at least one AZ in common (rule PN-LAT-13). AZ IDs are
// compared when both sides know them: they name the same zone in every
// account, where names hold only within one. With neither all IDs nor all
// names on both sides, the check cannot be made and is left out.
func checkSharedAz(consumer *core.Base, azs []*network.Subnet, c *ResourceConfiguration) {
	if c.Gateway == nil || len(azs) == 0 || len(c.Gateway.Subnets) == 0 {
		return
	}
	mine, theirs, ok := zones(azs, c.Gateway.Subnets, func(s *network.Subnet) string { return s.AzId })
	if !ok {
		if mine, theirs, ok = zones(azs, c.Gateway.Subnets, func(s *network.Subnet) string { return s.Az }); !ok {
			consumer.Stack.Note(consumer.Path, fmt.Sprintf("whether the endpoint and resource gateway %s share an AZ was not checked: one side's zones are known by AZ ID only and the other's by name only (record the region to map them)", c.Gateway.Path))
			return
		}
	}
	if overlap(mine, theirs) {
		return
	}
	consumer.Report(RuleSharedAz, fmt.Sprintf("the endpoint's AZs (%s) and resource gateway %s's AZs (%s) have none in common; traffic crosses only in a shared AZ",
		strings.Join(mine, ", "), c.Gateway.Path, strings.Join(theirs, ", ")),
		"put the endpoint or the gateway in at least one AZ of the other")
}

// zones lists both sides' zones by key, ok only when every subnet has one.
func zones(a, b []*network.Subnet, key func(*network.Subnet) string) ([]string, []string, bool) {
	var out [2][]string
	for i, side := range [][]*network.Subnet{a, b} {
		for _, s := range side {
			k := key(s)
			if k == "" {
				return nil, nil, false
			}
			out[i] = append(out[i], k)
		}
	}
	return out[0], out[1], true
}

func overlap(a, b []string) bool {
	seen := map[string]bool{}
	for _, x := range a {
		seen[x] = true
	}
	for _, x := range b {
		if seen[x] {
			return true
		}
	}
	return false
}

// ServiceNetworkProps configures a ServiceNetwork.
type ServiceNetworkProps struct {
	// Name Default: the stack and construct id.
	Name string
	// AuthType is AWS_IAM (default) or NONE.
	AuthType string
}

// ServiceNetwork groups resource configurations for consumers that reach
// them through one ServiceNetwork endpoint.
type ServiceNetwork struct {
	constructs.Construct
	core.Base
	Resource       vpclatticeservicenetwork.VpclatticeServiceNetwork
	Id             *string
	Arn            *string
	configurations []*ResourceConfiguration
}

// NewServiceNetwork makes the service network.
func NewServiceNetwork(scope constructs.Construct, id string, props *ServiceNetworkProps) *ServiceNetwork {
	if props == nil {
		props = &ServiceNetworkProps{}
	}
	n := &ServiceNetwork{}
	n.Init(n, scope, id)
	name := props.Name
	if name == "" {
		name = defaultName(n.Stack, n.Name)
	}
	if p := checkNameUpTo(name, 63); p != "" {
		n.Stack.Report(RuleName, n.Path, p, strings.Replace(nameFix, "3 to 40", "3 to 63", 1))
	}
	auth := props.AuthType
	switch auth {
	case "":
		auth = "AWS_IAM"
	case "AWS_IAM", "NONE":
	default:
		n.Stack.Report(RuleAuthType, n.Path, fmt.Sprintf("AuthType %q is not AWS_IAM or NONE", auth), `use "AWS_IAM"`)
	}
	n.Resource = vpclatticeservicenetwork.NewVpclatticeServiceNetwork(n, jsii.String("network"), &vpclatticeservicenetwork.VpclatticeServiceNetworkConfig{
		Name: jsii.String(name), AuthType: jsii.String(auth), Tags: &map[string]*string{"Name": jsii.String(name)},
	})
	n.Stack.NameResource(n.Resource, "aws_vpclattice_service_network", n.Path, n.Name)
	n.Id, n.Arn = n.Resource.Id(), n.Resource.Arn()
	return n
}

// Associate adds a resource configuration of the same region to the
// service network.
func (n *ServiceNetwork) Associate(c *ResourceConfiguration) {
	if c == nil || c.Resource == nil {
		n.Report(RuleInputs, "Associate was given no resource configuration", "pass one made by lattice.NewResourceConfiguration")
		return
	}
	if c.Region() != n.Stack.Region.Name {
		n.Stack.Report(RuleSameRegion, n.Path, fmt.Sprintf("resource configuration %s is in %s and the service network in %s", c.Path, c.Region(), n.Stack.Region.Name), crossRegionFix)
		return
	}
	n.configurations = append(n.configurations, c)
	a := vpclatticeservicenetworkresourceassociation.NewVpclatticeServiceNetworkResourceAssociation(n, jsii.String("assoc-"+c.Name),
		&vpclatticeservicenetworkresourceassociation.VpclatticeServiceNetworkResourceAssociationConfig{
			ServiceNetworkIdentifier:        n.Id,
			ResourceConfigurationIdentifier: c.Id,
		})
	n.Stack.NameResource(a, "aws_vpclattice_service_network_resource_association", n.Path, n.Name, c.Name)
}

// ServiceNetworkEndpointProps configures a ServiceNetworkEndpoint.
type ServiceNetworkEndpointProps struct {
	// Vpc of the consumers. Required.
	Vpc *network.Vpc
	// Network is the service network. Required.
	Network *ServiceNetwork
	// Tier Default: the VPC's first tier that is not public. AWS needs a
	// free /28 in each of its subnets.
	Tier string
}

// ServiceNetworkEndpoint is a VPC endpoint of type ServiceNetwork. Its
// security group admits the VPC on the ports of every configuration of
// the network (added at validation, when all are associated).
type ServiceNetworkEndpoint struct {
	constructs.Construct
	core.Base
	Group    *securitygroup.SecurityGroup
	Resource vpcendpoint.VpcEndpoint
	Id       *string
}

// SecurityGroup is the endpoint's own group.
func (e *ServiceNetworkEndpoint) SecurityGroup() *securitygroup.SecurityGroup { return e.Group }

// NewServiceNetworkEndpoint makes the consumer endpoint of a service network.
func NewServiceNetworkEndpoint(scope constructs.Construct, id string, props *ServiceNetworkEndpointProps) *ServiceNetworkEndpoint {
	if props == nil {
		props = &ServiceNetworkEndpointProps{}
	}
	e := &ServiceNetworkEndpoint{}
	e.Init(e, scope, id)
	if props.Vpc == nil || props.Network == nil {
		e.Stack.Report(RuleInputs, e.Path, "a ServiceNetwork endpoint needs a Vpc and a Network", "pass the consumer VPC and the service network")
		return e
	}
	v, n := props.Vpc, props.Network
	if !e.Uses("VPC", &v.Base) {
		return e
	}
	var azs []*network.Subnet
	sameRegion := n.Stack.Region.Name == e.Stack.Region.Name
	if !sameRegion {
		e.Stack.Report(RuleSameRegion, e.Path, fmt.Sprintf("service network %s is in %s and this endpoint in %s", n.Path, n.Stack.Region.Name, e.Stack.Region.Name), crossRegionFix)
	}
	var subnetIds []*string
	if t := v.TierOrDefault(props.Tier); t == nil {
		e.Stack.Report(network.RuleTierLookup, e.Path, fmt.Sprintf("VPC %s has no tier %q", v.Path, props.Tier), "name one of the VPC's tiers")
	} else {
		subnetIds = t.SubnetIds()
		azs = t.Subnets
		network.RequireIpv4(&e.Base, "a ServiceNetwork endpoint (privnet makes it ipv4)", azs, "place it in a tier with IPv4 (Tier)")
	}
	e.Group = securitygroup.Owned(e, &e.Base, &securitygroup.Props{
		Vpc: v, Description: fmt.Sprintf("VPC Lattice ServiceNetwork endpoint %s: who may reach the network's resources", e.Path),
	})
	e.Resource = vpcendpoint.NewVpcEndpoint(e, jsii.String("endpoint"), &vpcendpoint.VpcEndpointConfig{
		VpcId:             v.VpcId,
		VpcEndpointType:   jsii.String("ServiceNetwork"),
		ServiceNetworkArn: n.Arn,
		SubnetIds:         &subnetIds,
		SecurityGroupIds:  &[]*string{e.Group.RefFrom(e.Stack)},
		Tags:              &map[string]*string{"Name": jsii.String(e.Stack.Name + "-" + strings.ReplaceAll(e.Name, "_", "-"))},
	})
	e.Stack.NameResource(e.Resource, "aws_vpc_endpoint", e.Path, e.Name)
	e.Id = e.Resource.Id()
	e.Stack.Defer(func() {
		for _, c := range n.configurations {
			if sameRegion { // AZs of two regions have nothing to share
				checkSharedAz(&e.Base, azs, c)
			}
			for _, p := range c.Ports {
				e.Group.AllowIngressFromVpc(securitygroup.Port{Protocol: "tcp", From: p.From, To: p.To},
					fmt.Sprintf("%s/tcp to %s from the VPC", p, c.Path))
			}
		}
	})
	return e
}

// ShareProps configures a Share.
type ShareProps struct {
	// Configurations to share. Required.
	Configurations []*ResourceConfiguration
	// Principals are 12-digit account IDs, or organization or OU ARNs.
	// Required.
	Principals []string
	// AllowExternalPrincipals lets accounts outside your organization
	// accept. Default: false.
	AllowExternalPrincipals bool
	// Name Default: the stack and construct id.
	Name string
}

// Share is an AWS RAM resource share of resource configurations, for
// consumers in other accounts.
type Share struct {
	constructs.Construct
	core.Base
	Resource ramresourceshare.RamResourceShare
	Arn      *string
}

// NewShare makes the share, its resource associations and principal
// associations.
func NewShare(scope constructs.Construct, id string, props *ShareProps) *Share {
	if props == nil {
		props = &ShareProps{}
	}
	sh := &Share{}
	sh.Init(sh, scope, id)
	stack, tf := sh.Stack, sh.Name
	if len(props.Configurations) == 0 || len(props.Principals) == 0 {
		stack.Report(RuleInputs, sh.Path, "a share needs Configurations and Principals", "name what to share and with whom")
	}
	for _, p := range props.Principals {
		if !core.IsRamPrincipal(p) {
			stack.Report(RuleSharePrincipal, sh.Path, fmt.Sprintf("principal %q is not an account ID, organization ARN or OU ARN", p), "use a 12-digit account ID or an organizations ARN")
		}
	}
	name := props.Name
	if name == "" {
		name = defaultName(stack, tf)
	}
	sh.Resource = ramresourceshare.NewRamResourceShare(sh, jsii.String("share"), &ramresourceshare.RamResourceShareConfig{
		Name: jsii.String(name), AllowExternalPrincipals: jsii.Bool(props.AllowExternalPrincipals),
		Tags: &map[string]*string{"Name": jsii.String(name)},
	})
	stack.NameResource(sh.Resource, "aws_ram_resource_share", sh.Path, tf)
	sh.Arn = sh.Resource.Arn()
	for _, c := range props.Configurations {
		a := ramresourceassociation.NewRamResourceAssociation(sh, jsii.String("res-"+c.Name), &ramresourceassociation.RamResourceAssociationConfig{
			ResourceArn: c.Arn, ResourceShareArn: sh.Arn,
		})
		stack.NameResource(a, "aws_ram_resource_association", sh.Path, tf, c.Name)
	}
	principals := append([]string(nil), props.Principals...)
	sort.Strings(principals)
	for _, p := range principals {
		short := p[strings.LastIndexAny(p, "/:")+1:]
		a := ramprincipalassociation.NewRamPrincipalAssociation(sh, jsii.String("to-"+short), &ramprincipalassociation.RamPrincipalAssociationConfig{
			Principal: jsii.String(p), ResourceShareArn: sh.Arn,
		})
		stack.NameResource(a, "aws_ram_principal_association", sh.Path, tf, short)
	}
	return sh
}

// ShareArn is the share's ARN, which the other accounts accept.
func (sh *Share) ShareArn() *string { return sh.Arn }
