// Package instanceconnect is an EC2 Instance Connect endpoint: SSH (and
// RDP) to private instances with no bastion and no public IP (rules
// PN-EIC-*, docs/rules.md).
package instanceconnect

import (
	"fmt"
	"net/netip"
	"strings"
	"sync"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ec2instanceconnectendpoint"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/network"
	"github.com/privnet/privnet/constructs/securitygroup"
	"github.com/privnet/privnet/reach/need"
)

// Props configures an Endpoint.
type Props struct {
	// Vpc Required.
	Vpc *network.Vpc
	// Subnet the endpoint sits in. Default: the first subnet of Tier.
	Subnet *network.Subnet
	// Tier Default: the VPC's first tier that is not public.
	Tier string
	// PreserveClientIp makes instances see the client's IP instead of the
	// endpoint's. The instances' rule naming the endpoint's group admits
	// sessions either way; ClientCidrs may be added. It is always written:
	// the AWS API default is false, older Terraform docs said true.
	// Only with IPv4, and only for instances in the endpoint's VPC.
	PreserveClientIp bool
	// ClientCidrs are networks clients connect from, admitted on the
	// instances beside the endpoint's group when PreserveClientIp is on.
	// Default: none.
	ClientCidrs []string
	// Rdp also allows 3389/tcp (Windows). Default: SSH (22/tcp) only.
	Rdp bool
	// IpAddressType is ipv4 (default), dualstack or ipv6.
	IpAddressType string
}

// Endpoint is the construct.
type Endpoint struct {
	constructs.Construct
	core.Base
	Vpc              *network.Vpc
	Subnet           *network.Subnet
	PreserveClientIp bool
	Resource         ec2instanceconnectendpoint.Ec2InstanceConnectEndpoint
	Id               *string
	Group            *securitygroup.SecurityGroup
	ports            []int
	clientCidrs      []string
	tfName           string
}

// ReachSource makes the endpoint a source of needs: core.Expect(eic,
// app.On(22)) proves that the endpoint reaches the instance.
func (e *Endpoint) ReachSource() need.Source {
	return need.Source{Addrs: []string{"aws_ec2_instance_connect_endpoint." + e.tfName}}
}

// SecurityGroup is the endpoint's own group. Its ingress rules are ignored
// by AWS; its egress decides which instances it reaches.
func (e *Endpoint) SecurityGroup() *securitygroup.SecurityGroup { return e.Group }

var (
	mu    sync.Mutex
	byVpc = map[*network.Vpc]*Endpoint{}
)

// New makes the endpoint and its security group.
func New(scope constructs.Construct, id string, props *Props) *Endpoint {
	if props == nil {
		props = &Props{}
	}
	e := &Endpoint{Vpc: props.Vpc, PreserveClientIp: props.PreserveClientIp}
	e.Init(e, scope, id)
	report := e.Report
	for i, c := range props.ClientCidrs {
		// "Preserve client IP is only supported on IPv4" (EC2 User Guide,
		// EC2 Instance Connect Endpoint): an IPv6 client network is never
		// the address the instances see.
		if p, err := netip.ParsePrefix(c); err == nil && p.Addr().Is6() {
			report(RulePreserveClientIp, fmt.Sprintf("ClientCidrs[%d] %s is IPv6, and the endpoint preserves IPv4 clients' addresses only", i, c), "list the clients' IPv4 networks")
			continue
		}
		e.clientCidrs = append(e.clientCidrs, c)
	}
	if props.Vpc == nil {
		report(RuleVpc, "Instance Connect endpoint has no Vpc", "pass the VPC whose instances it reaches")
		return e
	}
	v := props.Vpc
	if !e.Uses("VPC", &v.Base) {
		return e
	}

	// Quotas: one endpoint per VPC and per subnet, not adjustable
	// (EC2 Instance Connect endpoint quotas, checked 2026-11).
	mu.Lock()
	first := byVpc[v]
	if first == nil {
		byVpc[v] = e
	}
	mu.Unlock()
	if first != nil {
		report(RuleOnePerVpc, fmt.Sprintf("VPC %s already has an EC2 Instance Connect endpoint (%s); AWS allows one per VPC, and the quota cannot be raised", v.Path, first.Path),
			"use that endpoint: it reaches every subnet of the VPC")
	}
	if first == nil && v.Imported != nil {
		// DescribeInstanceConnectEndpoints is not recorded: one the VPC
		// already has would fail the apply.
		e.Stack.Note(e.Path, fmt.Sprintf("whether imported VPC %s already has an EC2 Instance Connect endpoint (AWS allows one per VPC) is not recorded: check with aws ec2 describe-instance-connect-endpoints before deploying", v.Path))
	}

	switch props.IpAddressType {
	case "", "ipv4":
	case "dualstack", "ipv6":
		if props.PreserveClientIp {
			report(RulePreserveClientIp, fmt.Sprintf("PreserveClientIp works only with IPv4, and the endpoint is %s", props.IpAddressType),
				`set IpAddressType to "ipv4", or drop PreserveClientIp`)
		}
		if v.Ipv6 {
			report(RuleIpAddressType, fmt.Sprintf("IpAddressType %s cannot be set: the pinned AWS provider 5.88 has no ip_address_type on aws_ec2_instance_connect_endpoint, so the endpoint would be IPv4 whatever was asked", props.IpAddressType),
				`use "ipv4": the endpoint reaches the instances of dual-stack subnets over IPv4`)
		} else {
			report(RuleIpAddressType, fmt.Sprintf("IpAddressType %s needs IPv6 subnets, and VPC %s has no IPv6 CIDR (nor can the pinned AWS provider 5.88 set it)", props.IpAddressType, v.Path),
				`use "ipv4"`)
		}
	default:
		report(RuleIpAddressType, fmt.Sprintf("IpAddressType %q is not ipv4, dualstack or ipv6", props.IpAddressType), `use "ipv4"`)
	}

	e.Subnet = props.Subnet
	if e.Subnet == nil {
		t := v.TierOrDefault(props.Tier)
		switch {
		case t == nil:
			report(network.RuleTierLookup, fmt.Sprintf("VPC %s has no tier %q", v.Path, props.Tier), "name one of the VPC's tiers")
		case len(t.Subnets) > 0:
			e.Subnet = t.Subnets[0]
		}
	}
	if e.Subnet != nil {
		network.RequireIpv4(&e.Base, "an EC2 Instance Connect endpoint (AWS provider 5.88 cannot set its ip_address_type)", []*network.Subnet{e.Subnet},
			"place it in a tier with IPv4 (Tier or Subnet): it reaches the instances of IPv6-only subnets only if they also have IPv4, which they do not")
	}

	e.ports = []int{22}
	if props.Rdp {
		e.ports = append(e.ports, 3389)
	}
	e.Group = securitygroup.Owned(e, &e.Base, &securitygroup.Props{
		Vpc:         v,
		Description: fmt.Sprintf("EC2 Instance Connect endpoint %s: SSH to the instances it serves", e.Path),
	})

	cfg := &ec2instanceconnectendpoint.Ec2InstanceConnectEndpointConfig{
		SecurityGroupIds: &[]*string{e.Group.RefFrom(e.Stack)},
		PreserveClientIp: jsii.Bool(props.PreserveClientIp),
		// It takes about 10 minutes to create: give it twice that.
		Timeouts: &ec2instanceconnectendpoint.Ec2InstanceConnectEndpointTimeouts{
			Create: jsii.String("20m"),
			Delete: jsii.String("20m"),
		},
		Tags: &map[string]*string{"Name": jsii.String(e.Stack.Name + "-" + strings.ReplaceAll(e.Name, "_", "-"))},
	}
	if e.Subnet == nil || e.Subnet.SubnetId == nil {
		// The VPC reports why it has no subnets; the endpoint cannot be
		// made without one.
		report(RuleVpc, fmt.Sprintf("no subnet to put the endpoint in: VPC %s has none", v.Path), "fix the VPC's own errors first")
		e.Id = core.Unbuilt(e.Path)
		return e
	}
	cfg.SubnetId = e.Subnet.SubnetId
	e.Resource = ec2instanceconnectendpoint.NewEc2InstanceConnectEndpoint(e, jsii.String("endpoint"), cfg)
	e.tfName = e.Stack.NameResource(e.Resource, "aws_ec2_instance_connect_endpoint", e.Path, e.Name)
	e.Id = e.Resource.Id()
	e.Stack.Output(e, e.Path, "id", e.Name+"_id", "ID of EC2 Instance Connect endpoint "+e.Path, e.Id)
	return e
}

// Allow lets the endpoint reach target (an instance, or anything with a
// security group) on 22/tcp (and 3389): egress from the endpoint's group,
// and ingress on the target's group from the endpoint's group, or from
// ClientCidrs when PreserveClientIp is on. A target with an Id gets an
// output with the command that opens the session.
func (e *Endpoint) Allow(target securitygroup.Haver) {
	if e.Group == nil || e.Group.Resource == nil {
		return
	}
	tg := securitygroup.GroupOf(target)
	if tg == nil {
		e.Report(securitygroup.RulePeer, "Allow was given no target, or one that has no security group",
			"pass an instance (or another construct with a security group) that was built without errors")
		return
	}
	if e.PreserveClientIp && tg.Vpc != e.Vpc {
		e.Stack.Report(RulePreserveClientIp, e.Path, fmt.Sprintf("PreserveClientIp works only for instances in the endpoint's VPC, and %s is in %s", tg.Path, tg.Vpc.Path),
			"drop PreserveClientIp, or give that VPC its own endpoint")
		return
	}
	// The rule naming the endpoint's group lets sessions in whether client
	// IP preservation is on or off ("Security groups for EC2 Instance
	// Connect Endpoint", EC2 User Guide, checked 2026-11); ClientCidrs,
	// with preservation on, admit the clients' networks too.
	for _, p := range e.ports {
		e.Group.AllowEgressTo(securitygroup.TCP(p), target, fmt.Sprintf("%d/tcp to %s", p, tg.Path))
		tg.AllowIngressFrom(securitygroup.TCP(p), e, fmt.Sprintf("%d/tcp from Instance Connect endpoint %s", p, e.Path))
		if e.PreserveClientIp {
			for _, c := range e.clientCidrs {
				tg.AllowIngressFromCidr(securitygroup.TCP(p), c, fmt.Sprintf("%d/tcp from clients %s through Instance Connect endpoint %s", p, c, e.Path))
			}
		}
	}
	if inst, ok := target.(interface{ Id() *string }); ok && inst.Id() != nil {
		name := strings.ReplaceAll(strings.TrimPrefix(tg.Path, e.Stack.Name+"/"), "/", "_")
		name = strings.TrimSuffix(name, "_sg")
		e.Stack.Output(e, e.Path, "ssh-"+name, name+"_ssh",
			fmt.Sprintf("SSH to %s through EC2 Instance Connect endpoint %s", strings.TrimSuffix(tg.Path, "/sg"), e.Path),
			fmt.Sprintf("aws ec2-instance-connect ssh --region %s --connection-type eice --os-user ec2-user --instance-id %s", e.Stack.Region.Name, *inst.Id()))
	}
}
