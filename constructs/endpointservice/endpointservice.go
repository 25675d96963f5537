// Package endpointservice is a PrivateLink endpoint service of your own: an
// internal NLB in front of IP or instance targets, published with
// aws_vpc_endpoint_service, reachable from other VPCs, accounts and, since
// Nov 2024, other regions (supported_regions) — the working cross-region
// path where VPC Lattice resource configurations cannot go (rule
// PN-LAT-12). Its rules are PN-SVC-* (docs/rules.md).
package endpointservice

import (
	"fmt"
	"net/netip"
	"regexp"
	"sort"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/lb"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/lblistener"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/lbtargetgroup"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/lbtargetgroupattachment"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpcendpointservice"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/endpoints"
	"github.com/privnet/privnet/constructs/network"
	"github.com/privnet/privnet/constructs/securitygroup"
	"github.com/privnet/privnet/reach/need"
)

// Target is one backend: a private IP in the VPC, or an instance.
type Target struct {
	Ip       string
	Instance interface {
		securitygroup.Haver
		Id() *string
	}
}

// Props configures a Service.
type Props struct {
	// Vpc holds the NLB and the targets. Required.
	Vpc *network.Vpc
	// Tier for the NLB: one subnet per AZ. Cross-region services need at
	// least two AZs. Default: the VPC's first tier that is not public.
	Tier string
	// Port is the TCP port of the listener and, unless TargetPort is set,
	// of the targets. Required.
	Port       int
	TargetPort int
	// Targets are all IPs or all instances. Required.
	Targets []Target
	// SupportedRegions are the regions consumers may connect from; the
	// service's own region is always included. Default: only its own.
	SupportedRegions []string
	// AllowedPrincipals may create endpoints to the service (account root,
	// role or user ARNs). Default: none but the owner.
	AllowedPrincipals []string
	// AutoAccept accepts connections without review. Default: false
	// (acceptance required).
	AutoAccept bool
	// AllowFromVpc lets clients in the service's own VPC reach the NLB
	// directly. Consumers through PrivateLink need no rule: with
	// enforcement of inbound rules on PrivateLink traffic off, the NLB's
	// group does not evaluate their traffic. Default: false, no ingress.
	AllowFromVpc bool
	// DisableDeletionProtection lets Terraform delete the NLB. Default:
	// protected: replacing the NLB breaks every consumer's endpoint, so
	// turn this on (and apply) before destroying the service on purpose.
	DisableDeletionProtection bool
	// AccessLogs sends the NLB's access logs to an S3 bucket you name,
	// whose policy lets Elastic Load Balancing write them. NLB access logs
	// record TLS connections only ("Access logs for your Network Load
	// Balancer", checked 2026-11): with the TCP listener this construct
	// makes, they stay empty. Default: none.
	AccessLogs *AccessLogs
}

// AccessLogs names where an NLB's access logs go.
type AccessLogs struct {
	Bucket string // required
	Prefix string
}

// Service is the construct.
type Service struct {
	constructs.Construct
	core.Base
	Vpc  *network.Vpc
	Port int
	// Regions is every region consumers may connect from, the host's first.
	Regions  []string
	Azs      []string
	Lb       lb.Lb
	Group    *securitygroup.SecurityGroup
	Resource vpcendpointservice.VpcEndpointService
	// ServiceName is com.amazonaws.vpce.<region>.vpce-svc-… (a token: pass
	// it to a consumer stack and cdktf wires the cross-stack reference).
	ServiceName *string
	Id          *string
	tfName      string
}

// Need is the need to reach the service through an endpoint in the
// source's VPC (its consumer), on its port (core.Expect).
func (s *Service) Need() need.Need {
	return need.Need{Label: "endpoint service " + s.Path, Targets: []need.Target{{Kind: need.EndpointService, Addr: "aws_vpc_endpoint_service." + s.tfName, Stack: s.Stack.Name}}}
}

// SecurityGroup is the NLB's group.
func (s *Service) SecurityGroup() *securitygroup.SecurityGroup { return s.Group }

// New makes the NLB, its target group, listener and the endpoint service.
func New(scope constructs.Construct, id string, props *Props) *Service {
	if props == nil {
		props = &Props{}
	}
	s := &Service{Vpc: props.Vpc, Port: props.Port}
	s.Init(s, scope, id)
	report := s.Report
	if props.Vpc == nil {
		report(RuleInputs, "endpoint service has no Vpc", "pass the VPC of the NLB and its targets")
		return s
	}
	v := props.Vpc
	if !s.Uses("VPC", &v.Base) {
		return s
	}
	home := s.Stack.Region

	if props.Port < 1 || props.Port > 65535 {
		report(RulePort, fmt.Sprintf("Port %d is outside 1-65535", props.Port), "give the TCP port clients connect to")
	}
	targetPort := props.TargetPort
	if targetPort == 0 {
		targetPort = props.Port
	} else if targetPort < 1 || targetPort > 65535 {
		report(RulePort, fmt.Sprintf("TargetPort %d is outside 1-65535", targetPort), "give the targets' TCP port, or 0 for Port")
	}

	// Regions: the host first, then the others sorted.
	seen := map[string]bool{home.Name: true}
	var others []string
	for _, r := range props.SupportedRegions {
		reg, ok := core.LookupRegion(r)
		switch {
		case !ok:
			report(RuleSupportedRegions, fmt.Sprintf("supported region %q is not in privnet's region table", r), "use a region name such as ap-northeast-1")
		case reg.Partition != home.Partition:
			report(RuleSupportedRegions, fmt.Sprintf("supported region %s is in partition %s, the service in %s", r, reg.Partition, home.Partition), "cross-region PrivateLink stays within one partition")
		case !seen[r]:
			seen[r] = true
			others = append(others, r)
		}
	}
	sort.Strings(others)
	s.Regions = append([]string{home.Name}, others...)

	var subnetIds []*string
	if t := v.TierOrDefault(props.Tier); t == nil {
		report(network.RuleTierLookup, fmt.Sprintf("VPC %s has no tier %q", v.Path, props.Tier), "name one of the VPC's tiers")
	} else {
		subnetIds = t.SubnetIds()
		for _, sn := range t.Subnets {
			s.Azs = append(s.Azs, sn.AzLabel())
		}
		network.RequireIpv4(&s.Base, "the endpoint service's Network Load Balancer (privnet makes it ipv4)", t.Subnets, "put the NLB in a tier with IPv4 (Tier)")
	}
	// Cross-region endpoint services need an NLB in at least two AZs
	// (rule PN-SVC-4).
	if len(others) > 0 && len(s.Azs) < 2 {
		report(RuleCrossRegionAzs, fmt.Sprintf("the service is offered to %s, and a cross-region endpoint service needs its NLB in at least two AZs; it has %d", strings.Join(others, ", "), len(s.Azs)),
			"put the NLB in a tier that spans two or more AZs")
	}

	targetType := ""
	for _, t := range props.Targets {
		kind := "ip"
		if t.Instance != nil {
			kind = "instance"
		}
		if targetType != "" && kind != targetType {
			report(RuleTargets, "Targets mix IPs and instances", "use all IPs or all instances")
		}
		targetType = kind
		if t.Instance == nil {
			a, err := netip.ParseAddr(t.Ip)
			switch {
			case err != nil || !a.Is4():
				report(RuleTargets, fmt.Sprintf("target %q is not an IPv4 address", t.Ip), `write it like "10.0.1.25"`)
			case v.Cidr.IsValid() && !v.Contains(a):
				report(RuleTargets, fmt.Sprintf("target %s is outside VPC %s (%s)", a, v.Path, prefixes(v.Cidrs())), "give an address in the VPC (or peer the networks and add it deliberately)")
			}
		}
	}
	if len(props.Targets) == 0 {
		report(RuleNoTargets, "no Targets", "give the IPs or instances behind the service, or suppress PN-SVC-8 when something else registers them")
		targetType = "ip"
	}

	// The NLB's group: clients' traffic arrives through PrivateLink (not
	// evaluated, see enforce_… below) or from the VPC; egress only to the
	// targets on their port.
	s.Group = securitygroup.Owned(s, &s.Base, &securitygroup.Props{
		Vpc: v, Description: fmt.Sprintf("NLB of endpoint service %s: TCP %d in, to the targets only", s.Path, props.Port),
	})
	if props.AllowFromVpc {
		s.Group.AllowIngressFromVpc(securitygroup.TCP(props.Port), fmt.Sprintf("%d/tcp from clients in the VPC", props.Port))
	}
	var logs *lb.LbAccessLogs
	if a := props.AccessLogs; a != nil {
		if !bucketName.MatchString(a.Bucket) {
			report(RuleAccessLogs, fmt.Sprintf("AccessLogs.Bucket %s is not an S3 bucket name", core.Quote(a.Bucket)),
				"name the bucket: 3 to 63 lower-case letters, digits, dots and hyphens")
		}
		logs = &lb.LbAccessLogs{Bucket: jsii.String(a.Bucket), Enabled: jsii.Bool(true)}
		if a.Prefix != "" {
			logs.Prefix = jsii.String(a.Prefix)
		}
	}

	s.Lb = lb.NewLb(s, jsii.String("nlb"), &lb.LbConfig{
		NamePrefix:                   jsii.String("pl-"),
		Internal:                     jsii.Bool(true),
		LoadBalancerType:             jsii.String("network"),
		Subnets:                      &subnetIds,
		SecurityGroups:               &[]*string{s.Group.RefFrom(s.Stack)},
		EnableCrossZoneLoadBalancing: jsii.Bool(true),
		// PrivateLink traffic comes from consumers' endpoints in other VPCs
		// and regions; the endpoint service's principals and acceptance
		// decide who connects.
		EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic: jsii.String("off"),
		EnableDeletionProtection:                             jsii.Bool(!props.DisableDeletionProtection),
		AccessLogs:                                           logs,
		Tags:                                                 &map[string]*string{"Name": jsii.String(s.Stack.Name + "-" + strings.ReplaceAll(s.Name, "_", "-"))},
	})
	s.Stack.NameResource(s.Lb, "aws_lb", s.Path, s.Name)

	tg := lbtargetgroup.NewLbTargetGroup(s, jsii.String("targets"), &lbtargetgroup.LbTargetGroupConfig{
		NamePrefix: jsii.String("pl-"),
		Port:       jsii.Number(float64(targetPort)),
		Protocol:   jsii.String("TCP"),
		TargetType: jsii.String(targetType),
		VpcId:      v.VpcId,
		HealthCheck: &lbtargetgroup.LbTargetGroupHealthCheck{
			Protocol: jsii.String("TCP"),
		},
		Tags: &map[string]*string{"Name": jsii.String(s.Stack.Name + "-" + strings.ReplaceAll(s.Name, "_", "-"))},
	})
	s.Stack.NameResource(tg, "aws_lb_target_group", s.Path, s.Name)
	for n, t := range props.Targets {
		cfg := &lbtargetgroupattachment.LbTargetGroupAttachmentConfig{TargetGroupArn: tg.Arn(), Port: jsii.Number(float64(targetPort))}
		label := ""
		if t.Instance != nil {
			tgs := securitygroup.GroupOf(t.Instance)
			if tgs == nil {
				report(RuleInputs, fmt.Sprintf("target %d is an instance that has no security group", n), "pass an instance that was built without errors (its own error says why)")
				continue
			}
			cfg.TargetId = t.Instance.Id()
			label = strings.TrimSuffix(strings.ReplaceAll(strings.TrimPrefix(tgs.Path, s.Stack.Name+"/"), "/", "_"), "_sg")
			s.Group.AllowEgressTo(securitygroup.TCP(targetPort), t.Instance, fmt.Sprintf("%d/tcp to target %s", targetPort, tgs.Path))
			tgs.AllowIngressFrom(securitygroup.TCP(targetPort), s, fmt.Sprintf("%d/tcp from the NLB of endpoint service %s", targetPort, s.Path))
		} else {
			cfg.TargetId = jsii.String(t.Ip)
			label = fmt.Sprint(n)
			if a, err := netip.ParseAddr(t.Ip); err == nil && a.Is4() {
				s.Group.AllowEgressToCidr(securitygroup.TCP(targetPort), t.Ip+"/32", fmt.Sprintf("%d/tcp to target %s", targetPort, t.Ip))
				label = strings.ReplaceAll(t.Ip, ".", "-")
			}
		}
		att := lbtargetgroupattachment.NewLbTargetGroupAttachment(s, jsii.String("target-"+label), cfg)
		s.Stack.NameResource(att, "aws_lb_target_group_attachment", s.Path, s.Name, label)
	}

	ln := lblistener.NewLbListener(s, jsii.String("listener"), &lblistener.LbListenerConfig{
		LoadBalancerArn: s.Lb.Arn(),
		Port:            jsii.Number(float64(props.Port)),
		Protocol:        jsii.String("TCP"),
		DefaultAction: &[]*lblistener.LbListenerDefaultAction{{
			Type: jsii.String("forward"), TargetGroupArn: tg.Arn(),
		}},
	})
	s.Stack.NameResource(ln, "aws_lb_listener", s.Path, s.Name)

	for _, p := range props.AllowedPrincipals {
		if !strings.Contains(p, "${") && !principalArn.MatchString(p) {
			report(RuleAllowedPrincipals, fmt.Sprintf("allowed principal %q is not an IAM principal ARN", p), "use arn:aws:iam::<account>:root, a role or a user ARN")
		}
	}
	s.Resource = vpcendpointservice.NewVpcEndpointService(s, jsii.String("service"), &vpcendpointservice.VpcEndpointServiceConfig{
		AcceptanceRequired:      jsii.Bool(!props.AutoAccept),
		NetworkLoadBalancerArns: &[]*string{s.Lb.Arn()},
		AllowedPrincipals:       jsii.Strings(props.AllowedPrincipals...),
		SupportedRegions:        jsii.Strings(s.Regions...),
		Tags:                    &map[string]*string{"Name": jsii.String(s.Stack.Name + "-" + strings.ReplaceAll(s.Name, "_", "-"))},
	})
	s.tfName = s.Stack.NameResource(s.Resource, "aws_vpc_endpoint_service", s.Path, s.Name)
	s.ServiceName, s.Id = s.Resource.ServiceName(), s.Resource.Id()
	s.Stack.Output(s, s.Path, "service-name", s.Name+"_service_name", "Service name of endpoint service "+s.Path+", for consumers' interface endpoints", s.ServiceName)
	return s
}

// S3 bucket names: 3 to 63 lower-case letters, digits, dots and hyphens,
// starting and ending with a letter or digit (S3 User Guide, "Bucket
// naming rules", checked 2026-11).
var bucketName = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)

var principalArn = regexp.MustCompile(`^(\*|arn:aws[a-z-]*:iam::[0-9]{12}:(root|role/.+|user/.+))$`)

// ConsumerProps configures a consumer endpoint of a Service.
type ConsumerProps struct {
	// Vpc of the consumers. Required.
	Vpc *network.Vpc
	// Service in this app (another stack, another region). Required.
	Service *Service
	// Tier Default: the VPC's first tier that is not public.
	Tier string
	// RestrictIngress drops the default ingress from the whole VPC CIDR
	// even when no client is named. Without it, the whole VPC may reach
	// the endpoint until AllowFrom names a client before app.Validate
	// (app.Run validates; named later, PN-SG-7).
	RestrictIngress bool
}

// NewConsumer makes an interface endpoint to svc, cross-region when the
// consumer's stack is in another region (service_region), after checking
// that the service lists the consumer's region.
func NewConsumer(scope constructs.Construct, id string, props *ConsumerProps) *endpoints.InterfaceEndpoint {
	if props == nil || props.Service == nil || props.Service.ServiceName == nil {
		e := endpoints.NewInterfaceEndpoint(scope, id, &endpoints.InterfaceEndpointProps{})
		return e
	}
	svc := props.Service
	here := core.StackOf(scope).Region.Name
	listed := false
	for _, r := range svc.Regions {
		listed = listed || r == here
	}
	e := endpoints.NewInterfaceEndpoint(scope, id, &endpoints.InterfaceEndpointProps{
		Vpc:             props.Vpc,
		Service:         endpoints.CustomLabeled(*svc.ServiceName, "endpoint service "+svc.Path),
		ServiceRegion:   svc.Stack.Region.Name,
		Tier:            props.Tier,
		Ports:           []int{svc.Port},
		RestrictIngress: props.RestrictIngress,
	})
	if !listed {
		e.Stack.Report(RuleConsumerRegion, e.Path, fmt.Sprintf("endpoint service %s supports regions %s, not this endpoint's %s", svc.Path, strings.Join(svc.Regions, ", "), here),
			fmt.Sprintf("add %q to the service's SupportedRegions", here))
	}
	if here == svc.Stack.Region.Name {
		checkConsumerAzs(e, svc)
	}
	return e
}

// checkConsumerAzs: an endpoint service of this app is offered in the AZs
// of its NLB, which privnet knows without a lookup. A consumer's subnet in
// another AZ fails the apply ("The VPC endpoint service … does not support
// the availability zone of the subnet"; PN-EP-18). Zones are compared as
// the two sides name them: both by AZ name, or both by AZ ID.
func checkConsumerAzs(e *endpoints.InterfaceEndpoint, svc *Service) {
	if len(e.Azs) == 0 || len(svc.Azs) == 0 || idLike(e.Azs) != idLike(svc.Azs) || mixed(e.Azs) || mixed(svc.Azs) {
		return
	}
	offered := map[string]bool{}
	for _, az := range svc.Azs {
		offered[az] = true
	}
	for _, az := range e.Azs {
		if !offered[az] {
			e.Report(endpoints.RuleUnsupportedAz, fmt.Sprintf("the endpoint has a subnet in %s, and endpoint service %s is offered only in its load balancer's AZs (%s)", az, svc.Path, strings.Join(svc.Azs, ", ")),
				"put the consumer's subnets in the service's AZs (its Tier), or give the service's load balancer a subnet in that AZ")
		}
	}
}

func idLike(azs []string) bool { return network.LooksLikeAzId(azs[0]) }

func mixed(azs []string) bool {
	for _, az := range azs {
		if network.LooksLikeAzId(az) != idLike(azs) {
			return true
		}
	}
	return false
}

func prefixes(ps []netip.Prefix) string {
	var out []string
	for _, p := range ps {
		out = append(out, p.String())
	}
	return strings.Join(out, ", ")
}
