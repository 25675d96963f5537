package lattice

import (
	"fmt"
	"net/netip"
	"regexp"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	rc "github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpclatticeresourceconfiguration"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/reach/need"
)

// Type is a resource configuration type.
type Type string

const (
	Single Type = "SINGLE" // one IP address or domain name
	Group  Type = "GROUP"  // holds CHILD configurations
	Child  Type = "CHILD"  // one resource of a GROUP, through the group's gateway
	Arn    Type = "ARN"    // an AWS resource by ARN (RDS only)
)

// ResourceConfigurationProps configures a ResourceConfiguration.
type ResourceConfigurationProps struct {
	// Type Default: Single.
	Type Type
	// Gateway the resource is reached through. Required for SINGLE, GROUP
	// and ARN; a CHILD takes its group's.
	Gateway *ResourceGateway
	// Parent is the GROUP of a CHILD. Required for CHILD.
	Parent *ResourceConfiguration
	// IpAddress is the resource's private address (SINGLE or CHILD).
	IpAddress string
	// DomainName is the resource's DNS name (SINGLE or CHILD), instead of
	// IpAddress.
	DomainName string
	// ResourceArn is the RDS resource of an ARN configuration.
	ResourceArn string
	// Ports, like "22", "1-65535" or "443,8000-8080". Required; a CHILD
	// defaults to its group's. For ARN, AWS takes the resource's own port
	// and Ports only opens the gateway's egress to it.
	Ports string
	// Protocol Default: TCP, the only one AWS supports.
	Protocol string
	// Name Default: the stack and construct id.
	Name string
	// AllowShareableServiceNetwork lets the configuration join service
	// networks shared with other accounts. Default: false (AWS's default),
	// always written.
	AllowShareableServiceNetwork bool
}

// ResourceConfiguration is the construct.
type ResourceConfiguration struct {
	constructs.Construct
	core.Base
	Type     Type
	Gateway  *ResourceGateway
	Ports    Ports
	Resource rc.VpclatticeResourceConfiguration
	Id       *string
	Arn      *string
	// Target says what the configuration points at, for messages.
	Target string
	tfName string
}

// On is the need to reach the configuration's resource on ports, through
// a Resource endpoint in the source's VPC (core.Expect). Default: its
// first port of each range.
func (c *ResourceConfiguration) On(ports ...int) need.Needer {
	label := "resource " + c.Path
	if len(ports) > 0 {
		label += fmt.Sprintf(" on %v", ports)
	}
	return need.Of{Label: label, Targets: []need.Target{{Kind: need.Resource, Addr: "aws_vpclattice_resource_configuration." + c.tfName, Stack: c.Stack.Name, Ports: ports}}}
}

// Need is On with the configuration's ports.
func (c *ResourceConfiguration) Need() need.Need { return c.On().Need() }

// Region is where the configuration lives; consumers must be there too.
func (c *ResourceConfiguration) Region() string { return c.Stack.Region.Name }

// Private IPv4 ranges a resource configuration may name (RFC 1918 and the
// shared address space; VPC Lattice "IP address" definitions, checked
// 2026-11). Public addresses are refused: use a domain name instead.
var privateRanges = []netip.Prefix{
	netip.MustParsePrefix("10.0.0.0/8"),
	netip.MustParsePrefix("172.16.0.0/12"),
	netip.MustParsePrefix("192.168.0.0/16"),
	netip.MustParsePrefix("100.64.0.0/10"),
}

var domainName = regexp.MustCompile(`^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\.?$`)

var rdsArn = regexp.MustCompile(`^arn:aws[a-z-]*:rds:[a-z0-9-]+:[0-9]{12}:(db|cluster):[a-z][a-z0-9-]*$`)

// NewResourceConfiguration makes the configuration and opens the gateway's
// egress to the resource.
func NewResourceConfiguration(scope constructs.Construct, id string, props *ResourceConfigurationProps) *ResourceConfiguration {
	if props == nil {
		props = &ResourceConfigurationProps{}
	}
	c := &ResourceConfiguration{Type: props.Type}
	c.Init(c, scope, id)
	report := c.Report
	if c.Type == "" {
		c.Type = Single
	}

	name := props.Name
	if name == "" {
		name = defaultName(c.Stack, c.Name)
	}
	if p := checkName(name); p != "" {
		report(RuleName, p, nameFix)
	}
	if p := props.Protocol; p != "" && p != "TCP" {
		report(RuleProtocol, fmt.Sprintf("protocol %q: VPC Lattice resource configurations carry TCP only", p), `drop Protocol or set "TCP"`)
	}

	cfg := &rc.VpclatticeResourceConfigurationConfig{
		Name: jsii.String(name),
		Type: jsii.String(string(c.Type)),
		Tags: &map[string]*string{"Name": jsii.String(name)},
	}
	switch c.Type {
	case Single, Group, Arn:
		c.Gateway = props.Gateway
		if c.Gateway == nil {
			report(RuleConfigurationType, fmt.Sprintf("a %s configuration needs a Gateway", c.Type), "pass the resource gateway of the resource's VPC")
		} else if c.Gateway.Id != nil {
			cfg.ResourceGatewayIdentifier = c.Gateway.Id
		}
		cfg.AllowAssociationToShareableServiceNetwork = jsii.Bool(props.AllowShareableServiceNetwork)
		if props.Parent != nil {
			report(RuleConfigurationType, fmt.Sprintf("a %s configuration has no Parent", c.Type), "drop Parent, or make this a CHILD")
		}
	case Child:
		switch {
		case props.Parent == nil:
			report(RuleConfigurationType, "a CHILD configuration needs its GROUP as Parent", "pass the GROUP configuration as Parent, or make this a SINGLE")
		case props.Parent.Type != Group:
			report(RuleConfigurationType, fmt.Sprintf("Parent %s is a %s, not a GROUP", props.Parent.Path, props.Parent.Type), "make the parent Type: lattice.Group")
		default:
			c.Gateway = props.Parent.Gateway
			cfg.ResourceConfigurationGroupId = props.Parent.Id
		}
		if props.Gateway != nil {
			report(RuleConfigurationType, "a CHILD configuration takes its group's gateway", "drop Gateway")
		}
	default:
		report(RuleConfigurationType, fmt.Sprintf("unknown Type %q", c.Type), "use SINGLE, GROUP, CHILD or ARN")
	}

	// Ports.
	switch {
	case props.Ports != "":
		ports, err := ParsePorts(props.Ports)
		if err != nil {
			report(RulePorts, fmt.Sprintf("bad port range %q: %v", props.Ports, err), `write ports like "22", "1-65535" or "443,8000-8080"`)
		} else {
			c.Ports = ports
		}
	case c.Type == Child && props.Parent != nil:
		c.Ports = props.Parent.Ports
	case c.Type == Arn:
		report(RuleGroupPorts, "no Ports given: the gateway's security group needs the database port", `give it, like "5432" or "3306"`)
	case c.Type == Single || c.Type == Group:
		report(RulePorts, "no Ports given", `give the TCP ports clients use, like "443" or "22,443"`)
	}
	if c.Type != Arn && len(c.Ports) > 0 {
		cfg.PortRanges = jsii.Strings(c.Ports.Strings()...)
		if c.Type != Child {
			// The API takes protocol for SINGLE and GROUP only; a CHILD
			// has its group's (CreateResourceConfiguration, 2026-11).
			cfg.Protocol = jsii.String("TCP")
		}
	}

	// The definition.
	def := &rc.VpclatticeResourceConfigurationResourceConfigurationDefinition{}
	var ip netip.Addr
	given := 0
	for _, s := range []string{props.IpAddress, props.DomainName, props.ResourceArn} {
		if s != "" {
			given++
		}
	}
	switch c.Type {
	case Group:
		if given > 0 {
			report(RuleDefinition, "a GROUP configuration has no definition of its own; its CHILDs do", "move IpAddress, DomainName or ResourceArn to a CHILD")
		}
	case Arn:
		if props.IpAddress != "" || props.DomainName != "" {
			report(RuleDefinition, "an ARN configuration takes ResourceArn, not an address", "drop IpAddress and DomainName")
		}
		if !rdsArn.MatchString(props.ResourceArn) {
			report(RuleDefinition, fmt.Sprintf("ResourceArn %q is not an RDS database or cluster ARN; ARN configurations support RDS only", props.ResourceArn),
				"give the ARN of an RDS instance or cluster, or use a SINGLE configuration with its address")
		}
		def.ArnResource = &[]*rc.VpclatticeResourceConfigurationResourceConfigurationDefinitionArnResource{{Arn: jsii.String(props.ResourceArn)}}
		c.Target = props.ResourceArn
	case Single, Child:
		switch {
		case given != 1 || props.ResourceArn != "":
			report(RuleDefinition, "give exactly one of IpAddress or DomainName", "set IpAddress for an address, DomainName for a DNS name")
		case props.IpAddress != "":
			a, err := netip.ParseAddr(props.IpAddress)
			switch {
			case err != nil:
				report(RuleAddress, fmt.Sprintf("IpAddress %q is not an IP address", props.IpAddress), `write it like "10.0.1.25"`)
			case a.Is6():
				report(RuleAddress, fmt.Sprintf("IpAddress %s is IPv6: IPv6 definitions must come from the gateway VPC's IPv6 block, which privnet does not check yet", a), "use the resource's private IPv4 address")
			case !isPrivate(a):
				report(RuleAddress, fmt.Sprintf("IpAddress %s is public; resource configurations take private addresses only (10/8, 172.16/12, 192.168/16, 100.64/10)", a),
					"use the resource's private address, or its DNS name as DomainName")
			default:
				ip = a
			}
			def.IpResource = &[]*rc.VpclatticeResourceConfigurationResourceConfigurationDefinitionIpResource{{IpAddress: jsii.String(props.IpAddress)}}
			c.Target = props.IpAddress
		default:
			if !domainName.MatchString(props.DomainName) {
				report(RuleAddress, fmt.Sprintf("DomainName %q is not a DNS name", props.DomainName), `write it like "db.internal.example.com"`)
			}
			def.DnsResource = &[]*rc.VpclatticeResourceConfigurationResourceConfigurationDefinitionDnsResource{{
				DomainName: jsii.String(props.DomainName), IpAddressType: jsii.String("IPV4"),
			}}
			c.Target = props.DomainName
		}
	}
	if c.Gateway != nil && c.Gateway.IpAddressType == "IPV6" && c.Type != Group && c.Target != "" && props.ResourceArn == "" {
		// "IPv6 ... supported only if all selected subnets are IPv6 only
		// subnets, and the resource also has an IPv6 address" (VPC
		// Lattice User Guide, "Resource gateways", read 2026-11-24);
		// privnet's definitions are IPv4 addresses and IPV4 names.
		report(RuleGatewayIpType, fmt.Sprintf("resource gateway %s is IPV6, and %s is reached over IPv4", c.Gateway.Path, c.Target),
			"use a DUALSTACK or IPV4 gateway in subnets with IPv4 for IPv4 resources")
	}
	if c.Type != Group {
		// Blocks in this provider are lists of one.
		cfg.ResourceConfigurationDefinition = &[]*rc.VpclatticeResourceConfigurationResourceConfigurationDefinition{def}
	}
	c.Resource = rc.NewVpclatticeResourceConfiguration(c, jsii.String("configuration"), cfg)
	c.tfName = c.Stack.NameResource(c.Resource, "aws_vpclattice_resource_configuration", c.Path, c.Name)
	c.Id, c.Arn = c.Resource.Id(), c.Resource.Arn()
	if c.Gateway != nil && c.Type != Group {
		what := c.Target
		if what == "" {
			what = c.Path
		}
		c.Gateway.allowTo(c.Ports, ip, what)
	}
	c.Stack.Output(c, c.Path, "arn", c.Name+"_arn", "ARN of resource configuration "+c.Path+" (share it, or give it to a Resource endpoint)", c.Arn)
	return c
}

func isPrivate(a netip.Addr) bool {
	for _, p := range privateRanges {
		if p.Contains(a) {
			return true
		}
	}
	return false
}
