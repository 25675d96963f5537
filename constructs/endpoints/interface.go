package endpoints

import (
	"fmt"
	"net/netip"
	"regexp"
	"slices"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpcendpoint"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/network"
	"github.com/privnet/privnet/constructs/securitygroup"
	"github.com/privnet/privnet/record"
)

// InterfaceEndpointProps configures an InterfaceEndpoint.
type InterfaceEndpointProps struct {
	// Vpc is where the endpoint's network interfaces live. Required.
	Vpc *network.Vpc
	// Service is a catalog value (endpoints.SSM) or Custom(name). Required.
	Service *Service
	// Tier puts one network interface in each of the tier's subnets.
	// Default: the VPC's first tier that is not public.
	Tier string
	// Subnets, when given, are used instead of Tier: at most one per AZ.
	Subnets []*network.Subnet
	// DisablePrivateDns keeps the service's normal hostname pointing to the
	// public endpoint; clients then use the endpoint's own DNS names.
	// Default: private DNS on for AWS services, off for custom services.
	DisablePrivateDns bool
	// PrivateDnsForAllResolvers (S3 and DynamoDB only) makes private DNS
	// answer every resolver in the VPC. Default: false, so private DNS
	// answers only a Route 53 inbound resolver endpoint (on-premises
	// clients), and clients in the VPC use the gateway endpoint, which the
	// VPC must then have.
	PrivateDnsForAllResolvers bool
	// IpAddressType is ipv4, dualstack or ipv6. Default: ipv4.
	IpAddressType string
	// DnsRecordIpType is ipv4, dualstack, ipv6 or service-defined, and must
	// fit IpAddressType. Default: AWS's choice for the address type.
	DnsRecordIpType string
	// ServiceRegion reaches the service in another region (cross-region
	// PrivateLink, Nov 2025: only the services marked CrossRegion, and
	// endpoint services that list this region). Default: the stack's region.
	ServiceRegion string
	// Policy limits what the endpoint lets through. Default: none, which
	// is AWS's full access.
	Policy *core.Policy
	// Ports clients connect to. Default: the service's (443 for most;
	// Keyspaces 9142, SES SMTP 25, 465, 587, 2465 and 2587).
	Ports []int
	// RestrictIngress drops the default ingress from the whole VPC CIDR
	// even when no client is named; only AllowFrom and AllowFromCidr then
	// let clients in. Without it, the whole VPC may reach the endpoint
	// until a client is named: AllowFrom, AllowFromCidr or AllowFromVpc
	// before app.Validate (app.Run validates) then admit exactly those;
	// named later, they narrow nothing and PN-SG-7 says so.
	RestrictIngress bool
}

// InterfaceEndpoint is an interface VPC endpoint with its own security
// group: never the VPC's default group, which AWS would otherwise attach and
// which privnet locks down, so the endpoint would be unreachable.
type InterfaceEndpoint struct {
	constructs.Construct
	core.Base
	Vpc *network.Vpc
	// ipType is the endpoint's IpAddressType as asked ("" is ipv4).
	ipType string
	// placement is what the AZ check did (the review shows it).
	placement record.Placement
	Service   *Service
	// ServiceName is what AWS is given, for example com.amazonaws.us-east-1.ssm.
	ServiceName string
	// ServiceRegion is the service's region when it is not the stack's.
	ServiceRegion string
	PrivateDns    bool
	// InboundResolverOnly: S3/DynamoDB private DNS answers only inbound
	// resolver endpoints.
	InboundResolverOnly bool
	Azs                 []string
	Resource            vpcendpoint.VpcEndpoint
	Group               *securitygroup.SecurityGroup
	ports               []int
	// Subnets are the endpoint's subnets (those it was placed in).
	Subnets []*network.Subnet
}

// EndpointId is the endpoint's ID (a token any stack can use). A method,
// not a field: reading it costs a runtime round trip, and large apps make
// hundreds of endpoints whose ID nobody reads.
func (e *InterfaceEndpoint) EndpointId() *string {
	if e.Resource == nil {
		return core.Unbuilt(e.Path)
	}
	return e.Resource.Id()
}

// DnsEntry is the endpoint's DNS entries (dns_name, hosted_zone_id): the
// regional name first, then one per AZ, then private DNS names.
func (e *InterfaceEndpoint) DnsEntry() vpcendpoint.VpcEndpointDnsEntryList {
	if e.Resource == nil {
		return nil
	}
	return e.Resource.DnsEntry()
}

// SecurityGroup is the endpoint's own group.
func (e *InterfaceEndpoint) SecurityGroup() *securitygroup.SecurityGroup { return e.Group }

// AllowFrom lets the security group of from (an instance, another group)
// reach the endpoint's ports.
func (e *InterfaceEndpoint) AllowFrom(from securitygroup.Haver) {
	var ports []securitygroup.Port
	for _, p := range e.ports {
		ports = append(ports, securitygroup.TCP(p))
	}
	e.Group.AdmitFrom(&e.Base, from, ports, func(p securitygroup.Port, fromPath string) string {
		return fmt.Sprintf("%d/tcp to %s from %s", p.From, e.Service, fromPath)
	})
}

// AllowFromVpc lets the whole VPC reach the endpoint's ports: the default
// when no client is named, kept with this beside named ones.
func (e *InterfaceEndpoint) AllowFromVpc() {
	if e.Group == nil {
		return
	}
	for _, p := range e.ports {
		e.Group.AllowIngressFromVpc(securitygroup.TCP(p), fmt.Sprintf("%d/tcp to %s from the VPC", p, e.Service))
	}
}

// AllowFromCidr lets a network (on premises, over VPN or Direct Connect)
// reach the endpoint's ports: IPv4, or IPv6 for a dualstack endpoint.
// 0.0.0.0/0 and ::/0 are refused.
func (e *InterfaceEndpoint) AllowFromCidr(cidr string) {
	if e.Group == nil {
		return // the endpoint reported why it has none
	}
	if p, err := netip.ParsePrefix(cidr); err == nil && p.Addr().Is6() && e.ipType != "dualstack" && e.ipType != "ipv6" {
		e.Report(RuleIpAddressType, fmt.Sprintf("AllowFromCidr(%q) is IPv6, and the endpoint has IPv4 addresses only: no IPv6 client reaches it", cidr),
			`give the endpoint IpAddressType "dualstack", or admit the clients' IPv4 network`)
		return
	}
	for _, p := range e.ports {
		e.Group.AllowIngressFromCidr(securitygroup.TCP(p), cidr, fmt.Sprintf("%d/tcp to %s from %s", p, e.Service, cidr))
	}
}

// AllowFromNetwork lets a declared network outside the VPC (on premises,
// network.NewExternal) reach the endpoint's ports, and tells the hybrid
// link (vpn.NewGateway) that the endpoint's subnets must route back to it.
func (e *InterfaceEndpoint) AllowFromNetwork(n *network.External) {
	if e.Group == nil || n == nil {
		return
	}
	if n.Vpc != e.Vpc {
		e.Report(network.RuleExternal, fmt.Sprintf("network %s does not arrive in the endpoint's VPC %s", core.Quote(n.Name), e.Vpc.Path), "admit a network declared (network.NewExternal) in the endpoint's VPC")
		return
	}
	for _, c := range n.Prefixes() {
		for _, p := range e.ports {
			e.Group.AllowIngressFromCidr(securitygroup.TCP(p), c.String(), fmt.Sprintf("%d/tcp to %s from %s", p, e.Service, c))
		}
	}
	e.Vpc.NeedsOnPrem(e.Path, "interface endpoint "+e.Service.String(), e.Subnets)
}

// NewInterfaceEndpoint makes the endpoint and its security group. Problems
// are reported with the construct path; deferred checks that need every
// endpoint of the VPC run at app.Run.
func NewInterfaceEndpoint(scope constructs.Construct, id string, props *InterfaceEndpointProps) *InterfaceEndpoint {
	if props == nil {
		props = &InterfaceEndpointProps{}
	}
	e := &InterfaceEndpoint{Vpc: props.Vpc, Service: props.Service}
	e.Init(e, scope, id)
	report := e.Report
	if props.Vpc == nil || props.Service == nil {
		report(RuleRequired, "interface endpoint needs a Vpc and a Service", "pass the VPC and a catalog service such as endpoints.SSM")
		return e
	}
	v, svc := props.Vpc, props.Service
	if !e.Uses("VPC", &v.Base) {
		return e
	}
	if svc.Problem != "" {
		report(RuleAwsService, fmt.Sprintf("endpoints.AwsService(%s): %s", core.Quote(svc.Key), svc.Problem), `pass the name's part after the region, like "bedrock-runtime", with ports 1 to 65535`)
		return e
	}
	if svc.IsCustom() {
		if p := checkCustom(svc); p != "" {
			report(RuleCustomName, p, "use a catalog value (endpoints.SSM, …; docs/catalog.md), endpoints.AwsService(\"key\", nil) for an AWS service launched after the catalog, or the provider's service_name")
		}
	}
	if len(svc.Types) == 0 {
		report(RuleType, fmt.Sprintf("service %q lists no endpoint types", svc.Key), "use a catalog value (endpoints.SSM, …) or endpoints.Custom")
		return e
	}
	if !svc.Offers(Interface) {
		report(RuleType, fmt.Sprintf("%s has no interface endpoint, only a %s endpoint", svc, strings.ToLower(string(svc.Types[0]))),
			"use endpoints.NewGatewayEndpoint")
	}

	e.ServiceRegion = e.serviceRegion(props, report)
	region := e.Stack.Region
	if e.ServiceRegion != "" {
		region, _ = core.LookupRegion(e.ServiceRegion)
	}
	e.ServiceName = svc.ServiceName(region)
	e.checkHomeRegion(report)

	// Private DNS.
	e.PrivateDns = svc.PrivateDns && !props.DisablePrivateDns
	if e.PrivateDns && v.Imported != nil && !v.Imported.Knows("dns") {
		e.Stack.Note(e.Path, fmt.Sprintf("private DNS needs DNS support and hostnames on VPC %s, which was imported without them: not checked (give DnsSupport and DnsHostnames, or import it FromRecord)", v.Path))
	} else if e.PrivateDns && (!v.DnsSupport || !v.DnsHostnames) {
		report(RuleVpcDns, fmt.Sprintf("private DNS needs enable_dns_support and enable_dns_hostnames on the VPC, and %s has %s off", v.Path, dnsOff(v)),
			"turn DNS support and hostnames on in the VPC (the default), or set DisablePrivateDns and use the endpoint's own DNS names")
	}
	inboundCapable := svc == S3 || svc == DynamoDB
	if props.PrivateDnsForAllResolvers && !inboundCapable {
		report(RuleAllResolvers, fmt.Sprintf("PrivateDnsForAllResolvers applies only to s3 and dynamodb, not %s", svc), "drop it")
	}
	e.InboundResolverOnly = e.PrivateDns && inboundCapable && !props.PrivateDnsForAllResolvers
	if e.PrivateDns && inboundCapable && !providerSendsInboundOnly(e.ServiceName) {
		report(RuleDroppedSetting, fmt.Sprintf("private DNS for %s needs private_dns_only_for_inbound_resolver_endpoint, which the pinned AWS provider 5.88 drops for the service name %s: the endpoint would get AWS's default, not what privnet writes", svc, e.ServiceName),
			"set DisablePrivateDns and use the endpoint's own DNS names (its <name>_dns_names output), or upgrade the AWS provider")
	}

	ipType, dnsType := e.checkIpTypes(props, report)
	e.ipType = ipType
	subnetIds := e.pickSubnets(props, report)
	switch {
	case ipType == "dualstack" && v.Ipv6:
		for _, sn := range e.Subnets {
			if !sn.Ipv6 || sn.Ipv6Only {
				what := "has no IPv6 block"
				if sn.Ipv6Only {
					what = "is IPv6-only"
				}
				report(RuleIpAddressType, fmt.Sprintf("IpAddressType dualstack needs an IPv4 and an IPv6 block in each subnet, and subnet %s (%s) %s", v.ZoneKey(sn), sn.Label(), what),
					`put the endpoint in a dualstack tier (network.TierProps.Ip), or use "ipv6" in IPv6-only subnets`)
				break
			}
		}
	case ipType == "ipv6" && v.Ipv6:
		for _, sn := range e.Subnets {
			if !sn.Ipv6Only {
				report(RuleIpAddressType, fmt.Sprintf("IpAddressType ipv6 needs IPv6-only subnets, and subnet %s (%s) has an IPv4 block", v.ZoneKey(sn), sn.Label()),
					`put the endpoint in an IPv6-only tier (network.TierProps.Ip "ipv6"), or use "dualstack" in dual-stack subnets`)
				break
			}
		}
	case ipType == "" || ipType == "ipv4":
		network.RequireIpv4(&e.Base, "an interface endpoint of IpAddressType ipv4", e.Subnets,
			`set IpAddressType "ipv6" (when the service accepts IPv6), or put the endpoint in a tier with IPv4 (Tier or Subnets)`)
	}

	e.ports = props.Ports
	if len(e.ports) == 0 {
		e.ports = svc.InterfacePorts() // 443; Keyspaces 9142; SES SMTP's five
	}
	e.Group = securitygroup.Owned(e, &e.Base, &securitygroup.Props{
		Vpc:         v,
		Description: fmt.Sprintf("Interface endpoint %s (%s): who may reach it", e.Path, e.describe()),
	})
	if !props.RestrictIngress {
		for _, p := range e.ports {
			e.Group.AdmitVpcUnlessNamed(securitygroup.TCP(p), fmt.Sprintf("%d/tcp to %s from the VPC", p, svc))
		}
	}

	cfg := &vpcendpoint.VpcEndpointConfig{
		VpcId:             v.VpcId,
		VpcEndpointType:   jsii.String(string(Interface)),
		ServiceName:       jsii.String(e.ServiceName),
		SubnetIds:         &subnetIds,
		SecurityGroupIds:  &[]*string{e.Group.RefFrom(e.Stack)},
		PrivateDnsEnabled: jsii.Bool(e.PrivateDns),
		Tags:              &map[string]*string{"Name": jsii.String(e.Stack.Name + "-" + strings.ReplaceAll(e.Name, "_", "-"))},
	}
	if ipType != "" {
		cfg.IpAddressType = jsii.String(ipType)
	}
	if dnsType != "" || (e.PrivateDns && inboundCapable) {
		cfg.DnsOptions = &vpcendpoint.VpcEndpointDnsOptions{}
		if dnsType != "" {
			cfg.DnsOptions.DnsRecordIpType = jsii.String(dnsType)
		}
		if e.PrivateDns && inboundCapable {
			cfg.DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint = jsii.Bool(e.InboundResolverOnly)
		}
	}
	if e.ServiceRegion != "" {
		cfg.ServiceRegion = jsii.String(e.ServiceRegion)
	}
	if props.Policy != nil {
		cfg.Policy = e.Stack.PolicyString(*props.Policy)
	}
	e.Resource = vpcendpoint.NewVpcEndpoint(e, jsii.String("endpoint"), cfg)
	tfName := e.Stack.NameResource(e.Resource, "aws_vpc_endpoint", e.Path, e.Name)

	// The endpoint-specific names: what clients use without private DNS,
	// for example aws s3 --endpoint-url.
	ref := "aws_vpc_endpoint." + tfName
	e.Stack.Output(e, e.Path, "dns-names", e.Name+"_dns_names",
		fmt.Sprintf("DNS names of endpoint %s (%s): the regional name first, then one per AZ", e.Path, e.describe()),
		"${"+ref+".dns_entry[*].dns_name}")
	if svc == S3 {
		e.Stack.Output(e, e.Path, "endpoint-url", e.Name+"_endpoint_url",
			"For aws s3 --endpoint-url through endpoint "+e.Path,
			"https://bucket${trimprefix("+ref+".dns_entry[0].dns_name, \"*\")}")
	}
	st := register(v)
	st.interfaces = append(st.interfaces, e)
	if e.ServiceRegion == "" && st.local[svc] == nil {
		st.local[svc] = e
	}
	return e
}

// describe names the service for descriptions: its service name, or its
// label when the name is a token only Terraform resolves (a description
// must be readable, and changing a group's replaces the group).
func (e *InterfaceEndpoint) describe() string {
	if strings.Contains(e.ServiceName, "${") {
		return e.Service.String()
	}
	return e.ServiceName
}

// serviceRegion checks ServiceRegion and returns it, or "" when the
// endpoint is in the service's own region.
func (e *InterfaceEndpoint) serviceRegion(props *InterfaceEndpointProps, report func(*core.Rule, string, string)) string {
	sr := props.ServiceRegion
	if sr == "" || sr == e.Stack.Region.Name {
		return ""
	}
	r, ok := core.LookupRegion(sr)
	switch {
	case !ok:
		report(RuleServiceRegion, fmt.Sprintf("ServiceRegion %q is not in privnet's region table", sr), "use a region name such as us-east-1")
		return ""
	case r.Partition != e.Stack.Region.Partition:
		report(RuleServiceRegion, fmt.Sprintf("ServiceRegion %s is in partition %s, the stack in %s", sr, r.Partition, e.Stack.Region.Partition),
			"cross-region PrivateLink stays within one partition")
		return ""
	}
	switch ok, known := props.Service.CrossRegionIn(r.Partition); {
	case !known:
		// Built as asked when suppressed.
		report(RuleCrossRegionUnknown, fmt.Sprintf("cross-region endpoints to AWS services are not documented in partition %s, so privnet cannot tell whether %s is reachable from %s", r.Partition, props.Service, e.Stack.Region.Name),
			fmt.Sprintf("put the endpoint in a VPC in %s (peering or Transit Gateway from here), or suppress PN-EP-15 once AWS documents it", sr))
	case !ok:
		report(RuleServiceRegion, fmt.Sprintf("%s cannot be reached cross-region: service_region works only for %s (AWS, Nov 2025)", props.Service, strings.Join(crossRegionKeys(), ", ")),
			fmt.Sprintf("drop ServiceRegion and put the endpoint in a VPC in %s, or connect the VPCs by peering or Transit Gateway", sr))
		return ""
	}
	return sr
}

// checkHomeRegion enforces where a service's only endpoint lives: IAM's in
// its partition's control-plane region (us-east-1, cn-north-1,
// us-gov-west-1; IAM User Guide, "AWS PrivateLink for IAM"). Other regions
// reach it cross-region.
func (e *InterfaceEndpoint) checkHomeRegion(report func(*core.Rule, string, string)) {
	home := e.Service.HomeRegion(e.Stack.Region.Partition)
	if home == "" {
		return
	}
	// The region the endpoint reaches: its ServiceRegion, or its own.
	where, what := e.Stack.Region.Name, "this stack is in "
	if e.ServiceRegion != "" {
		where, what = e.ServiceRegion, "ServiceRegion is "
	}
	if where != home {
		fix := fmt.Sprintf(`set ServiceRegion: %q for a cross-region endpoint, or put the endpoint in a VPC in %s`, home, home)
		if e.Stack.Region.Name == home {
			fix = "drop ServiceRegion: the stack is in " + home
		} else if _, known := e.Service.CrossRegionIn(e.Stack.Region.Partition); !known {
			// ServiceRegion would only trade this error for PN-EP-15.
			fix = fmt.Sprintf("put the endpoint in a VPC in %s (cross-region endpoints to AWS services are not documented in %s)", home, e.Stack.Region.Partition)
		}
		report(RuleIamHome, fmt.Sprintf("%s's endpoint %s exists only in %s (its control plane), and %s%s", e.Service, e.ServiceName, home, what, where), fix)
	}
}

// providerS3 is the AWS provider 5.x's test for an S3 service name, the
// only names it sends private_dns_only_for_inbound_resolver_endpoint for:
// unanchored, so cn.com.amazonaws.cn-north-1.s3 matches and
// com.amazonaws.us-gov-west-1.s3 and any dynamodb do not
// (terraform-provider-aws internal/service/ec2/vpc_endpoint.go,
// isAmazonS3VPCEndpoint, read 2026-11 in 5.5x and 5.100.0).
var providerS3 = regexp.MustCompile(`com\.amazonaws\.([a-z]+\-[a-z]+\-[0-9]{1,2})\.s3`)

func providerSendsInboundOnly(serviceName string) bool { return providerS3.MatchString(serviceName) }

// AWS: ip_address_type and dns_record_ip_type must agree (PrivateLink
// "DNS record IP type", checked 2026-11).
var dnsFits = map[string][]string{
	"ipv4":      {"ipv4", "dualstack"},
	"ipv6":      {"ipv6", "dualstack"},
	"dualstack": {"dualstack"},
	// Creates A and AAAA records: the endpoint must be dualstack (CDK's
	// VpcEndpointDnsRecordIpType.SERVICE_DEFINED, from the EC2 API's
	// DnsOptions; checked 2026-11).
	"service-defined": {"dualstack"},
}

func (e *InterfaceEndpoint) checkIpTypes(props *InterfaceEndpointProps, report func(*core.Rule, string, string)) (string, string) {
	ip, dns := props.IpAddressType, props.DnsRecordIpType
	switch ip {
	case "", "ipv4":
	case "dualstack", "ipv6":
		// "dualstack: ... supported only if all selected subnets have both
		// IPv4 and IPv6 address ranges and the service accepts both IPv4
		// and IPv6 requests"; "ipv6: ... only if all selected subnets are
		// IPv6 only subnets" (AWS PrivateLink Guide, "IP address types",
		// read 2026-11-24).
		switch {
		case !e.Vpc.Ipv6:
			report(RuleIpAddressType, fmt.Sprintf("IpAddressType %s needs IPv6 subnets, and VPC %s has no IPv6 CIDR", ip, e.Vpc.Path), `use "ipv4", or give the VPC an IPv6 block (network.VpcProps.Ipv6) and dualstack or IPv6-only tiers`)
		}
		types, from := e.Service.IpTypes, "the catalog's record of AWS's documentation"
		if rec := e.recordedIpTypes(); rec != nil {
			types, from = rec, "the recorded lookups, "+e.Stack.App().ContextFile()
		}
		if len(types) > 0 && !slices.Contains(types, ip) {
			report(RuleIpAddressType, fmt.Sprintf("%s's endpoints offer IP address types %s, not %s (%s)", e.Service, strings.Join(types, ", "), ip, from),
				fmt.Sprintf("use %s", strings.Join(types, " or ")))
		} else if len(types) == 0 {
			e.Stack.Note(e.Path, fmt.Sprintf("whether %s's endpoint service accepts IpAddressType %s is recorded neither in the catalog nor in the recorded lookups: AWS refuses the endpoint if it does not (%s)", e.Service, ip, e.Stack.LookupCommand()))
		}
	default:
		report(RuleIpAddressType, fmt.Sprintf("IpAddressType %q is not ipv4, dualstack or ipv6", ip), `use "ipv4", "dualstack" or "ipv6"`)
		return ip, dns
	}
	if dns == "" {
		return ip, dns
	}
	fits, ok := dnsFits[dns]
	if !ok {
		report(RuleDnsRecordIpType, fmt.Sprintf("DnsRecordIpType %q is not ipv4, dualstack, ipv6 or service-defined", dns), "use one of those")
		return ip, dns
	}
	eff := ip
	if eff == "" {
		eff = "ipv4"
	}
	for _, f := range fits {
		if f == eff {
			return ip, dns
		}
	}
	report(RuleDnsRecordIpType, fmt.Sprintf("DnsRecordIpType %s does not fit IpAddressType %s: %s records need an address type of %s", dns, eff, dns, strings.Join(fits, " or ")),
		fmt.Sprintf("set DnsRecordIpType to one that fits %s (%s)", eff, strings.Join(fitting(eff), ", ")))
	return ip, dns
}

// recordedIpTypes are the endpoint IP address types the recorded lookup of
// the service allows: DescribeVpcEndpointServices' SupportedIpAddressTypes
// lists ipv4 and ipv6, and an endpoint is dualstack only for a service
// that supports both (PrivateLink Guide, "IP address types"). nil when the
// service is not recorded, or crosses regions.
func (e *InterfaceEndpoint) recordedIpTypes() []string {
	reg := e.Stack.Recorded()
	if reg == nil || e.ServiceRegion != "" {
		return nil
	}
	svc := reg.Services[e.ServiceName]
	if svc == nil || len(svc.IpAddressTypes) == 0 {
		return nil
	}
	v4, v6 := false, false
	for _, t := range svc.IpAddressTypes {
		v4 = v4 || strings.EqualFold(t, "ipv4")
		v6 = v6 || strings.EqualFold(t, "ipv6")
	}
	var out []string
	if v4 {
		out = append(out, "ipv4")
	}
	if v4 && v6 {
		out = append(out, "dualstack")
	}
	if v6 {
		out = append(out, "ipv6")
	}
	return out
}

func fitting(ip string) []string {
	var out []string
	for _, d := range []string{"ipv4", "dualstack", "ipv6", "service-defined"} {
		for _, f := range dnsFits[d] {
			if f == ip {
				out = append(out, d)
			}
		}
	}
	return out
}

// pickSubnets returns one subnet per AZ, from Subnets or the tier.
func (e *InterfaceEndpoint) pickSubnets(props *InterfaceEndpointProps, report func(*core.Rule, string, string)) []*string {
	subnets := props.Subnets
	if len(subnets) == 0 {
		t := e.Vpc.TierOrDefault(props.Tier)
		if t == nil {
			report(network.RuleTierLookup, fmt.Sprintf("VPC %s has no tier %q", e.Vpc.Path, props.Tier), "name one of the VPC's tiers")
			return nil
		}
		subnets = t.Subnets
	}
	supported, checked := e.supportedAzs()
	explicit := len(props.Subnets) > 0
	var ids []*string
	byAz := map[string]*network.Subnet{}
	for _, s := range subnets {
		if prev, dup := byAz[s.Zone()]; dup {
			report(RuleOneSubnetPerAz, fmt.Sprintf("subnets %s and %s are both in %s; an endpoint takes one subnet per AZ", prev.Label(), s.Label(), s.AzLabel()),
				"give one subnet per AZ")
			continue
		}
		byAz[s.Zone()] = s
		if checked && !supported(s) {
			zone := zoneName(s)
			if explicit {
				report(RuleUnsupportedAz, fmt.Sprintf("subnet %s is in %s, which %s does not support (it supports %s, as recorded)", subnetName(s), zone, e.ServiceName, e.placement.Supported),
					"give subnets in the supported AZs, or leave Subnets empty to have the tier's supported subnets used")
			} else {
				e.placement.Skipped = append(e.placement.Skipped, subnetName(s)+" ("+zone+")")
			}
			continue
		}
		e.Azs = append(e.Azs, s.AzLabel())
		e.Subnets = append(e.Subnets, s)
		ids = append(ids, s.SubnetId)
	}
	if checked && len(ids) == 0 && len(subnets) > 0 {
		report(RuleUnsupportedAz, fmt.Sprintf("none of the endpoint's subnets is in an AZ %s supports (it supports %s, as recorded)", e.ServiceName, e.placement.Supported),
			"use a tier with subnets in a supported AZ, or add one to the VPC")
	}
	if e.placement.Checked {
		// Only checked placements are recorded: the review says AZ
		// support was not checked for every other interface endpoint.
		e.Stack.Meta("placement", e.placement)
	}
	return ids
}

// supportedAzs tells which subnets are in an AZ the endpoint's service
// supports, from the recorded lookups of the stack's region. checked is
// false without a record for the region (the review then says AZ support
// was not checked) and for cross-region endpoints, whose AZs are the
// consumer side's.
func (e *InterfaceEndpoint) supportedAzs() (func(*network.Subnet) bool, bool) {
	e.placement = record.Placement{Path: e.Path, Service: e.ServiceName}
	reg := e.Stack.Recorded()
	switch {
	case strings.Contains(e.ServiceName, "${"):
		return nil, false
	case e.ServiceRegion != "":
		// Cross-region: the supported AZs are the consumer side's, which
		// the service's own region does not tell.
		return nil, false
	}
	// Asked even when the region is not recorded: if the app imports a
	// VPC of the region, the command it is told to run records the
	// services too, in one run.
	e.Stack.AskRecord(nil, []string{e.ServiceName})
	if reg == nil {
		return nil, false
	}
	svc := reg.Services[e.ServiceName]
	if svc == nil {
		e.Stack.Defer(func() {
			e.Report(core.RuleRecord, fmt.Sprintf("the recorded lookups (%s) of %s have no endpoint service %s, so its supported AZs are unknown", e.Stack.App().ContextFile(), e.Stack.Region.Name, e.ServiceName),
				"record it (read-only AWS calls, with your usual credentials): "+e.Stack.LookupCommand())
		})
		return nil, false
	}
	names, ids := map[string]bool{}, map[string]bool{}
	for _, az := range svc.Azs {
		names[az] = true
		if id := reg.AzId(az); id != "" {
			ids[id] = true
		}
	}
	for _, id := range svc.AzIds {
		ids[id] = true
	}
	e.placement.Checked = true
	e.placement.Supported = strings.Join(svc.Azs, ", ")
	return func(s *network.Subnet) bool {
		if s.AzId != "" && len(ids) > 0 {
			return ids[s.AzId]
		}
		return names[s.Az]
	}, true
}

func zoneName(s *network.Subnet) string {
	switch {
	case s.Az != "" && s.AzId != "":
		return s.Az + " (" + s.AzId + ")"
	case s.Az != "":
		return s.Az
	}
	return s.AzId
}

func subnetName(s *network.Subnet) string {
	if s.Imported {
		return *s.SubnetId
	}
	return "aws_subnet." + s.TfName
}

func dnsOff(v *network.Vpc) string {
	switch {
	case !v.DnsSupport && !v.DnsHostnames:
		return "DNS support and DNS hostnames"
	case !v.DnsSupport:
		return "DNS support"
	default:
		return "DNS hostnames"
	}
}

func crossRegionKeys() []string {
	var out []string
	for _, k := range Keys() {
		if s, _ := Lookup(k); s.CrossRegion {
			out = append(out, k)
		}
	}
	return out
}
