package test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/instance"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpnconnectionroute"
	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/endpoints"
	pninstance "github.com/privnet/privnet/constructs/instance"
	"github.com/privnet/privnet/constructs/instanceconnect"
	"github.com/privnet/privnet/constructs/network"
	"github.com/privnet/privnet/constructs/resolver"
	"github.com/privnet/privnet/constructs/vpn"
)

// runNeeds builds one stack, runs the app (synth, then the reachability
// check) and returns its issues and its reachability warnings.
func runNeeds(t *testing.T, region string, build func(s *core.Stack)) (issues, warnings []string) {
	t.Helper()
	app := core.NewApp(&core.AppProps{Outdir: filepath.Join(t.TempDir(), "out"), ContextFile: contextFile})
	s := core.NewStack(app, "t", core.StackProps{Region: region})
	build(s)
	if err := app.Run(); err != nil {
		is, ok := err.(core.Issues)
		if !ok {
			t.Fatalf("Run returned %T: %v", err, err)
		}
		issues = is.Messages()
	}
	for _, n := range app.Notices() {
		if strings.HasPrefix(n, "PN-REACH") {
			warnings = append(warnings, n)
		}
	}
	return issues, warnings
}

func twoTierVpc(s *core.Stack) *network.Vpc {
	return network.NewVpc(s, "network", &network.VpcProps{Cidr: "10.3.0.0/16", AzCount: 2, Tiers: []network.TierProps{
		{Name: "endpoints", Prefix: 24}, {Name: "app", Prefix: 24},
	}})
}

// The IAM endpoint alone: aws sts get-caller-identity hangs.
func TestReachIamWithoutSts(t *testing.T) {
	got, warn := runNeeds(t, "us-east-1", func(s *core.Stack) {
		vpc := twoTierVpc(s)
		iam := endpoints.NewInterfaceEndpoint(s, "iam", &endpoints.InterfaceEndpointProps{Vpc: vpc, Service: endpoints.IAM, Tier: "endpoints"})
		vm := pninstance.New(s, "app", &pninstance.Props{Vpc: vpc, Tier: "app", DisableSsm: true, Reaches: []endpoints.Need{endpoints.IAM, endpoints.STS}})
		iam.AllowFrom(vm)
	})
	wantIssues(t, got,
		`PN-REACH-1 t/app: aws_instance.app cannot reach sts (need "sts"): no endpoint for sts in aws_vpc.network, and no route to the internet (aws_route_table.network_app_us-east-1a has no default route): the call times out [link: endpoint] (fix: add an interface endpoint for sts (endpoints.NewInterfaceEndpoint, or a recipe))`)
	if len(warn) != 0 {
		t.Errorf("warnings: %v", warn)
	}
}

// ssm-messages (with a hyphen) is not Session Manager's
// ssmmessages.
func TestReachSessionManagerMisspelled(t *testing.T) {
	got, _ := runNeeds(t, "us-east-1", func(s *core.Stack) {
		vpc := twoTierVpc(s)
		vm := pninstance.New(s, "app", &pninstance.Props{Vpc: vpc, Tier: "app", DisableSsm: true, Reaches: []endpoints.Need{endpoints.SessionManager}})
		for _, svc := range []*endpoints.Service{endpoints.SSM, endpoints.AwsService("ssm-messages", nil)} {
			e := endpoints.NewInterfaceEndpoint(s, svc.Key, &endpoints.InterfaceEndpointProps{Vpc: vpc, Service: svc, Tier: "endpoints"})
			e.AllowFrom(vm)
		}
	})
	wantIssues(t, got,
		`PN-REACH-1 t/app: aws_instance.app cannot reach ssmmessages (need "Session Manager"): no endpoint for ssmmessages in aws_vpc.network, and no route to the internet (aws_route_table.network_app_us-east-1a has no default route): the call times out [link: endpoint] (fix: add an interface endpoint for ssmmessages (endpoints.NewInterfaceEndpoint, or a recipe))`)
}

// An Instance Connect endpoint the instance does not admit.
func TestReachInstanceConnectNotAdmitted(t *testing.T) {
	got, _ := runNeeds(t, "us-east-1", func(s *core.Stack) {
		vpc := twoTierVpc(s)
		vm := pninstance.New(s, "app", &pninstance.Props{Vpc: vpc, Tier: "app", DisableSsm: true})
		eic := instanceconnect.New(s, "eic", &instanceconnect.Props{Vpc: vpc, Tier: "app"})
		core.Expect(eic, vm.On(22))
	})
	wantIssues(t, got,
		`PN-REACH-1 t/eic: aws_ec2_instance_connect_endpoint.eic cannot reach aws_instance.app on 22 (need "instance t/app on [22]"): the security groups of aws_ec2_instance_connect_endpoint.eic (aws_security_group.eic_sg) allow no TCP 22 out to aws_instance.app [link: client-egress] (fix: add an egress rule for TCP 22 to aws_instance.app (the construct's AllowTo, or the VPC CIDR))`)
}

// A plain cdktf instance in a privnet stack is a source too.
func TestReachPlainInstance(t *testing.T) {
	got, _ := runNeeds(t, "us-east-1", func(s *core.Stack) {
		vpc := twoTierVpc(s)
		plain := instance.NewInstance(s, jsii.String("plain"), &instance.InstanceConfig{
			Ami: jsii.String("ami-12345678"), InstanceType: jsii.String("t3.micro"),
			SubnetId: vpc.Tier("app").Subnets[0].SubnetId,
		})
		core.Expect(plain, endpoints.SSM)
	})
	wantIssues(t, got,
		`PN-REACH-1 t/plain: aws_instance.plain cannot reach ssm (need "ssm"): no endpoint for ssm in aws_vpc.network, and no route to the internet (aws_route_table.network_app_us-east-1a has no default route): the call times out [link: endpoint] (fix: add an interface endpoint for ssm (endpoints.NewInterfaceEndpoint, or a recipe))`)
}

// On premises, with no hybrid link built: unreachable, an error naming the
// link; with the link and an inbound resolver, nothing to say.
func TestReachOnPremises(t *testing.T) {
	build := func(linked bool, more ...func(s *core.Stack, c *vpn.Connection)) func(s *core.Stack) {
		return func(s *core.Stack) {
			vpc := network.NewVpc(s, "network", &network.VpcProps{Cidr: "10.4.0.0/16", AzCount: 2, Tiers: []network.TierProps{{Name: "isolated", Prefix: 24}}})
			onPrem := network.NewExternal(vpc, "on-premises", []string{"192.168.0.0/16"}, "Site-to-Site VPN")
			endpoints.NewGatewayEndpoint(s, "s3-gateway", &endpoints.GatewayEndpointProps{Vpc: vpc, Service: endpoints.S3})
			e := endpoints.NewInterfaceEndpoint(s, "s3", &endpoints.InterfaceEndpointProps{Vpc: vpc, Service: endpoints.S3, RestrictIngress: true})
			e.AllowFromNetwork(onPrem)
			if linked {
				g := vpn.NewGateway(s, "vgw", &vpn.GatewayProps{Vpc: vpc})
				c := vpn.NewConnection(s, "office", &vpn.ConnectionProps{Gateway: g, CustomerGatewayIp: "203.0.113.10"})
				resolver.NewInbound(s, "dns", &resolver.InboundProps{EndpointProps: resolver.EndpointProps{Vpc: vpc}})
				for _, f := range more {
					f(s, c)
				}
			}
			core.Expect(onPrem, endpoints.S3)
		}
	}
	got, warn := runNeeds(t, "ap-northeast-1", build(false))
	wantIssues(t, got,
		`PN-REACH-1 t/network: on-premises cannot reach s3 (need "s3"): no virtual private gateway is attached to aws_vpc.network, so on-premises (192.168.0.0/16) has no way into it [link: hybrid] (fix: attach one with a VPN connection or a Direct Connect association (vpn.NewGateway with vpn.NewConnection or vpn.NewDirectConnect))`)
	if len(warn) != 0 {
		t.Errorf("warnings: %v", warn)
	}
	got, warn = runNeeds(t, "ap-northeast-1", build(true))
	if len(got)+len(warn) != 0 {
		t.Errorf("with the link: %v %v", got, warn)
	}
	// A static route only known at plan: unknown, a warning.
	got, warn = runNeeds(t, "ap-northeast-1", build(true, func(s *core.Stack, c *vpn.Connection) {
		vpnconnectionroute.NewVpnConnectionRoute(s, jsii.String("later"), &vpnconnectionroute.VpnConnectionRouteConfig{
			VpnConnectionId: c.Resource.Id(), DestinationCidrBlock: jsii.String("${var.onprem}")})
	}))
	if len(got) != 0 {
		t.Errorf("issues: %v", got)
	}
	wantIssues(t, warn,
		`PN-REACH-2 t/network: whether on-premises reaches s3 (need "s3") cannot be known at synth: a static route of aws_vpn_connection.office is not known at synth`)
}

// Bad needs and bad external networks.
func TestReachBadInput(t *testing.T) {
	wantIssues(t, issues(t, "us-east-1", func(s *core.Stack) {
		vpc := twoTierVpc(s)
		vm := pninstance.New(s, "app", &pninstance.Props{Vpc: vpc, Tier: "app", DisableSsm: true})
		core.Expect(vm)
		core.Expect(vm, nil)
		core.Expect(vpc, endpoints.SSM)
		network.NewExternal(vpc, "", []string{"192.168.1.1/16", "fd00::/8"}, "")
	}),
		`PN-REACH-3 t/app: declares no need (fix: name what it must reach (endpoints.STS, endpoints.SessionManager, a resource configuration's On(ports)))`,
		`PN-REACH-3 t/app: need 1 is nil (fix: pass a catalog service, a chain or a target's need)`,
		`PN-REACH-3 t/network: is a *network.Vpc, which cannot be a source of a need (fix: expect from an instance, a tier (vpc.Tier(name)), an Instance Connect endpoint or a network.External)`,
		`PN-VPC-10 t/network (external network ""): has no name (fix: name the network ("on-premises"))`,
		`PN-VPC-10 t/network (external network ""): CIDR "192.168.1.1/16" is not an IPv4 network address with its prefix length (fix: write it like 192.168.0.0/16)`,
		`PN-VPC-10 t/network (external network ""): CIDR "fd00::/8" is not an IPv4 network address with its prefix length (fix: write it like 192.168.0.0/16)`)
}

// The reachability rules guard against a certain failure: suppressing
// them is refused.
func TestReachRulesCannotBeSuppressed(t *testing.T) {
	for _, id := range []string{"PN-REACH-1", "PN-REACH-2"} {
		rule, _ := core.LookupRule(id)
		wantIssues(t, issuesSuppressing(t, "us-east-1", func(s *core.Stack) {}, id),
			"PN-APP-8 t: rule "+id+" ("+rule.Title+") guards against a certain failure and cannot be suppressed (fix: fix what the rule reports)")
		suppressTested[id] = true
	}
}
