package test

import (
	"strings"
	"testing"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/endpointservice"
	"github.com/privnet/privnet/constructs/instance"
	"github.com/privnet/privnet/constructs/lattice"
	"github.com/privnet/privnet/constructs/network"
	"github.com/privnet/privnet/constructs/securitygroup"
)

// appIssues builds a whole app (several stacks) and returns Validate's
// messages.
func appIssues(t *testing.T, build func(app *core.App)) []string {
	t.Helper()
	app := core.NewApp(&core.AppProps{Outdir: t.TempDir()})
	build(app)
	if err := app.Validate(); err != nil {
		return err.(core.Issues).Messages()
	}
	return nil
}

func gatewayIn(s *core.Stack, v *network.Vpc) *lattice.ResourceGateway {
	return lattice.NewResourceGateway(s, "gw", &lattice.ResourceGatewayProps{Vpc: v})
}

const crossRegionFix = "VPC Lattice resource configurations cannot be reached from another region; publish the resource through an NLB endpoint service with supported_regions (constructs/endpointservice) and reach it with an interface endpoint with ServiceRegion, or connect the VPCs by peering or Transit Gateway"

// The VPC Lattice rules (PN-LAT-*): each bad input and its message.
func TestLatticeRules(t *testing.T) {
	cases := []struct {
		name  string
		build func(s *core.Stack)
		want  []string
	}{
		{"public ip definition", func(s *core.Stack) {
			lattice.NewResourceConfiguration(s, "cfg", &lattice.ResourceConfigurationProps{Gateway: gatewayIn(s, testVpc(s, nil)), IpAddress: "8.8.8.8", Ports: "53"})
		}, []string{`PN-LAT-8 t/cfg: IpAddress 8.8.8.8 is public; resource configurations take private addresses only (10/8, 172.16/12, 192.168/16, 100.64/10) (fix: use the resource's private address, or its DNS name as DomainName)`}},
		{"child without group", func(s *core.Stack) {
			lattice.NewResourceConfiguration(s, "child", &lattice.ResourceConfigurationProps{Type: lattice.Child, IpAddress: "10.0.0.10", Ports: "22"})
		}, []string{`PN-LAT-6 t/child: a CHILD configuration needs its GROUP as Parent (fix: pass the GROUP configuration as Parent, or make this a SINGLE)`}},
		{"child of a single", func(s *core.Stack) {
			single := lattice.NewResourceConfiguration(s, "single", &lattice.ResourceConfigurationProps{Gateway: gatewayIn(s, testVpc(s, nil)), IpAddress: "10.0.0.10", Ports: "22"})
			lattice.NewResourceConfiguration(s, "child", &lattice.ResourceConfigurationProps{Type: lattice.Child, Parent: single, IpAddress: "10.0.0.11"})
		}, []string{`PN-LAT-6 t/child: Parent t/single is a SINGLE, not a GROUP (fix: make the parent Type: lattice.Group)`}},
		{"udp", func(s *core.Stack) {
			lattice.NewResourceConfiguration(s, "cfg", &lattice.ResourceConfigurationProps{Gateway: gatewayIn(s, testVpc(s, nil)), IpAddress: "10.0.0.10", Ports: "53", Protocol: "UDP"})
		}, []string{`PN-LAT-9 t/cfg: protocol "UDP": VPC Lattice resource configurations carry TCP only (fix: drop Protocol or set "TCP")`}},
		{"bad port range", func(s *core.Stack) {
			lattice.NewResourceConfiguration(s, "cfg", &lattice.ResourceConfigurationProps{Gateway: gatewayIn(s, testVpc(s, nil)), IpAddress: "10.0.0.10", Ports: "443-80"})
		}, []string{`PN-LAT-10 t/cfg: bad port range "443-80": "443-80": the range starts above its end (fix: write ports like "22", "1-65535" or "443,8000-8080")`}},
		{"bad name", func(s *core.Stack) {
			lattice.NewResourceConfiguration(s, "cfg", &lattice.ResourceConfigurationProps{Gateway: gatewayIn(s, testVpc(s, nil)), IpAddress: "10.0.0.10", Ports: "22", Name: "My--Server-"})
		}, []string{`PN-LAT-2 t/cfg: name "My--Server-" is not a VPC Lattice name (fix: use 3 to 40 lower-case letters, digits and hyphens, with no hyphen at either end or two in a row)`}},
		{"more than five security groups", func(s *core.Stack) {
			v := testVpc(s, nil)
			var extra []*securitygroup.SecurityGroup
			for _, id := range []string{"a", "b", "c", "d", "e"} {
				extra = append(extra, securitygroup.New(s, id, &securitygroup.Props{Vpc: v, Description: "extra " + id}))
			}
			lattice.NewResourceGateway(s, "gw", &lattice.ResourceGatewayProps{Vpc: v, ExtraSecurityGroups: extra})
		}, []string{`PN-LAT-3 t/gw: 6 security groups (its own and 5 extra); a resource gateway takes at most 5 (fix: pass at most 4 ExtraSecurityGroups)`}},
		{"ipv4 addresses per eni out of range", func(s *core.Stack) {
			lattice.NewResourceGateway(s, "gw", &lattice.ResourceGatewayProps{Vpc: testVpc(s, nil), Ipv4AddressesPerEni: 63})
		}, []string{`PN-LAT-4 t/gw: Ipv4AddressesPerEni 63 is outside 1-62 (fix: use 1 to 62, or 0 for AWS's default (16))`}},
		{"ipv4 addresses per eni the provider cannot set", func(s *core.Stack) {
			lattice.NewResourceGateway(s, "gw", &lattice.ResourceGatewayProps{Vpc: testVpc(s, nil), Ipv4AddressesPerEni: 8})
		}, []string{`PN-LAT-4 t/gw: Ipv4AddressesPerEni 8 cannot be set: the pinned AWS provider 5.88 has no ipv4_addresses_per_eni (fix: leave it 0 (AWS's default, 16) until the provider is upgraded)`}},
		{"no az in common", func(s *core.Stack) {
			provider := testVpc(s, &network.VpcProps{Azs: []string{"us-east-1a", "us-east-1b"}})
			consumer := network.NewVpc(s, "consumer", &network.VpcProps{Cidr: "10.1.0.0/16", Azs: []string{"us-east-1c", "us-east-1d"}})
			cfg := lattice.NewResourceConfiguration(s, "cfg", &lattice.ResourceConfigurationProps{Gateway: gatewayIn(s, provider), IpAddress: "10.0.0.10", Ports: "22"})
			lattice.NewResourceEndpoint(s, "ep", &lattice.ResourceEndpointProps{Vpc: consumer, Configuration: cfg})
		}, []string{`PN-LAT-13 t/ep: the endpoint's AZs (us-east-1c, us-east-1d) and resource gateway t/gw's AZs (us-east-1a, us-east-1b) have none in common; traffic crosses only in a shared AZ (fix: put the endpoint or the gateway in at least one AZ of the other)`}},
		{"shared configuration arn of another region", func(s *core.Stack) {
			lattice.NewResourceEndpoint(s, "ep", &lattice.ResourceEndpointProps{Vpc: testVpc(s, nil), Ports: "443",
				ConfigurationArn: "arn:aws:vpc-lattice:eu-west-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0"})
		}, []string{`PN-LAT-12 t/ep: resource configuration arn:aws:vpc-lattice:eu-west-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0 is in eu-west-1 and this endpoint in us-east-1 (fix: ` + crossRegionFix + `)`}},
		{"arn configuration that is not rds", func(s *core.Stack) {
			lattice.NewResourceConfiguration(s, "db", &lattice.ResourceConfigurationProps{Type: lattice.Arn, Gateway: gatewayIn(s, testVpc(s, nil)), Ports: "5432",
				ResourceArn: "arn:aws:s3:::my-bucket"})
		}, []string{`PN-LAT-7 t/db: ResourceArn "arn:aws:s3:::my-bucket" is not an RDS database or cluster ARN; ARN configurations support RDS only (fix: give the ARN of an RDS instance or cluster, or use a SINGLE configuration with its address)`}},
		{"group with a definition", func(s *core.Stack) {
			lattice.NewResourceConfiguration(s, "grp", &lattice.ResourceConfigurationProps{Type: lattice.Group, Gateway: gatewayIn(s, testVpc(s, nil)), Ports: "443", IpAddress: "10.0.0.10"})
		}, []string{`PN-LAT-7 t/grp: a GROUP configuration has no definition of its own; its CHILDs do (fix: move IpAddress, DomainName or ResourceArn to a CHILD)`}},
		{"share with a bad principal", func(s *core.Stack) {
			cfg := lattice.NewResourceConfiguration(s, "cfg", &lattice.ResourceConfigurationProps{Gateway: gatewayIn(s, testVpc(s, nil)), IpAddress: "10.0.0.10", Ports: "22"})
			lattice.NewShare(s, "share", &lattice.ShareProps{Configurations: []*lattice.ResourceConfiguration{cfg}, Principals: []string{"my-friend"}})
		}, []string{`PN-LAT-16 t/share: principal "my-friend" is not an account ID, organization ARN or OU ARN (fix: use a 12-digit account ID or an organizations ARN)`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			wantIssues(t, issues(t, "us-east-1", c.build), c.want...)
		})
	}
}

// A resource configuration used from another region fails at synth,
// naming what works across regions (PN-LAT-12).
func TestLatticeCrossRegionIsRefused(t *testing.T) {
	got := appIssues(t, func(app *core.App) {
		east := core.NewStack(app, "east", core.StackProps{Region: "us-east-1"})
		cfg := lattice.NewResourceConfiguration(east, "cfg", &lattice.ResourceConfigurationProps{
			Gateway: gatewayIn(east, testVpc(east, nil)), IpAddress: "10.0.0.10", Ports: "22,443"})
		tokyo := core.NewStack(app, "tokyo", core.StackProps{Region: "ap-northeast-1"})
		v := network.NewVpc(tokyo, "network", &network.VpcProps{Cidr: "10.1.0.0/16"})
		lattice.NewResourceEndpoint(tokyo, "ep", &lattice.ResourceEndpointProps{Vpc: v, Configuration: cfg})
		sn := lattice.NewServiceNetwork(tokyo, "sn", nil)
		sn.Associate(cfg)
		eastSn := lattice.NewServiceNetwork(east, "sn", nil)
		eastSn.Associate(cfg)
		lattice.NewServiceNetworkEndpoint(tokyo, "sn-ep", &lattice.ServiceNetworkEndpointProps{Vpc: v, Network: eastSn})
	})
	wantIssues(t, got,
		`PN-LAT-12 tokyo/ep: resource configuration east/cfg is in us-east-1 and this endpoint in ap-northeast-1 (fix: `+crossRegionFix+`)`,
		`PN-LAT-12 tokyo/sn: resource configuration east/cfg is in us-east-1 and the service network in ap-northeast-1 (fix: `+crossRegionFix+`)`,
		`PN-LAT-12 tokyo/sn-ep: service network east/sn is in us-east-1 and this endpoint in ap-northeast-1 (fix: `+crossRegionFix+`)`,
	)
}

func TestEndpointServiceRules(t *testing.T) {
	t.Run("cross-region with one az", func(t *testing.T) {
		got := issues(t, "us-east-1", func(s *core.Stack) {
			v := testVpc(s, &network.VpcProps{AzCount: 1})
			endpointservice.New(s, "svc", &endpointservice.Props{Vpc: v, Port: 443, Targets: []endpointservice.Target{{Ip: "10.0.0.10"}},
				SupportedRegions: []string{"ap-northeast-1"}})
		})
		wantIssues(t, got, `PN-SVC-4 t/svc: the service is offered to ap-northeast-1, and a cross-region endpoint service needs its NLB in at least two AZs; it has 1 (fix: put the NLB in a tier that spans two or more AZs)`)
	})
	t.Run("consumer region not supported", func(t *testing.T) {
		got := appIssues(t, func(app *core.App) {
			east := core.NewStack(app, "east", core.StackProps{Region: "us-east-1"})
			svc := endpointservice.New(east, "svc", &endpointservice.Props{Vpc: testVpc(east, nil), Port: 443,
				Targets: []endpointservice.Target{{Ip: "10.0.0.10"}}, SupportedRegions: []string{"eu-west-1"}})
			tokyo := core.NewStack(app, "tokyo", core.StackProps{Region: "ap-northeast-1"})
			endpointservice.NewConsumer(tokyo, "svc", &endpointservice.ConsumerProps{Vpc: testVpc(tokyo, nil), Service: svc})
		})
		wantIssues(t, got, `PN-SVC-7 tokyo/svc: endpoint service east/svc supports regions us-east-1, eu-west-1, not this endpoint's ap-northeast-1 (fix: add "ap-northeast-1" to the service's SupportedRegions)`)
	})
	t.Run("bad targets and principals", func(t *testing.T) {
		got := issues(t, "us-east-1", func(s *core.Stack) {
			v := testVpc(s, nil)
			vm := instance.New(s, "vm", &instance.Props{Vpc: v, DisableSsm: true})
			endpointservice.New(s, "svc", &endpointservice.Props{Vpc: v, Port: 443,
				Targets:           []endpointservice.Target{{Ip: "10.9.0.10"}, {Instance: vm}},
				AllowedPrincipals: []string{"everyone"}})
		})
		wantIssues(t, got,
			`PN-SVC-5 t/svc: target 10.9.0.10 is outside VPC t/network (10.0.0.0/16) (fix: give an address in the VPC (or peer the networks and add it deliberately))`,
			`PN-SVC-5 t/svc: Targets mix IPs and instances (fix: use all IPs or all instances)`,
			`PN-SVC-6 t/svc: allowed principal "everyone" is not an IAM principal ARN (fix: use arn:aws:iam::<account>:root, a role or a user ARN)`)
	})
}

func TestLatticeResourceStack(t *testing.T) {
	j := parse(t, shipped["lattice-resource"])
	cfg := j.resource(t, "aws_vpclattice_resource_configuration", "server-config")
	if cfg["type"] != "SINGLE" || cfg["protocol"] != "TCP" || cfg["resource_gateway_identifier"] != "${aws_vpclattice_resource_gateway.gateway.id}" ||
		cfg["allow_association_to_shareable_service_network"] != false {
		t.Errorf("configuration = %v", cfg)
	}
	ports := cfg["port_ranges"].([]any)
	if len(ports) != 2 || ports[0] != "22" || ports[1] != "443" {
		t.Errorf("ports %v", ports)
	}
	ip := cfg["resource_configuration_definition"].([]any)[0].(map[string]any)["ip_resource"].([]any)[0].(map[string]any)["ip_address"]
	if ip != "10.5.0.10" || j.resource(t, "aws_instance", "server")["private_ip"] != "10.5.0.10" {
		t.Errorf("definition %v does not name the instance's address", ip)
	}
	ep := j.resource(t, "aws_vpc_endpoint", "server-endpoint")
	if ep["vpc_endpoint_type"] != "Resource" || ep["resource_configuration_arn"] != "${aws_vpclattice_resource_configuration.server-config.arn}" ||
		ep["vpc_id"] != "${aws_vpc.consumer.id}" {
		t.Errorf("endpoint = %v", ep)
	}
	egress := j.resources("aws_vpc_security_group_egress_rule")
	for _, p := range []string{"22", "443"} {
		if egress["gateway_sg_"+p+"-tcp_to_10_5_0_10_32"]["cidr_ipv4"] != "10.5.0.10/32" {
			t.Errorf("gateway egress %s", p)
		}
	}
	gw := j.resource(t, "aws_vpclattice_resource_gateway", "gateway")
	if gw["vpc_id"] != "${aws_vpc.provider.id}" || gw["ip_address_type"] != "IPV4" {
		t.Errorf("gateway = %v", gw)
	}
}

func TestXRegionStacks(t *testing.T) {
	svc := parse(t, shipped["xregion-service"])
	es := svc.resource(t, "aws_vpc_endpoint_service", "service")
	regions := es["supported_regions"].([]any)
	if len(regions) != 2 || regions[0] != "us-east-1" || regions[1] != "ap-northeast-1" || es["acceptance_required"] != true {
		t.Errorf("endpoint service = %v", es)
	}
	nlb := svc.resource(t, "aws_lb", "service")
	if nlb["internal"] != true || nlb["load_balancer_type"] != "network" || len(nlb["subnets"].([]any)) != 2 {
		t.Errorf("nlb = %v", nlb)
	}
	if svc.resource(t, "aws_lb_listener", "service")["protocol"] != "TCP" {
		t.Error("listener not TCP")
	}
	con := parse(t, shipped["xregion-consumer"])
	ep := con.resource(t, "aws_vpc_endpoint", "service")
	if ep["service_region"] != "us-east-1" || !strings.HasPrefix(ep["service_name"].(string), "${data.terraform_remote_state.cross-stack-reference-input-xregion-service.outputs.") {
		t.Errorf("consumer endpoint = %v", ep)
	}
	rs := con["data"].(map[string]any)["terraform_remote_state"].(map[string]any)["cross-stack-reference-input-xregion-service"].(map[string]any)
	if rs["config"].(map[string]any)["path"] != "../../../terraform.xregion-service.tfstate" {
		t.Errorf("remote state %v", rs)
	}
	if con["provider"].(map[string]any)["aws"].([]any)[0].(map[string]any)["region"] != "ap-northeast-1" {
		t.Error("consumer not in ap-northeast-1")
	}
}

func TestServiceNetworkAndShare(t *testing.T) {
	j := synthOne(t, "us-east-1", func(s *core.Stack) {
		provider := testVpc(s, nil)
		consumer := network.NewVpc(s, "consumer", &network.VpcProps{Cidr: "10.1.0.0/16"})
		gw := gatewayIn(s, provider)
		grp := lattice.NewResourceConfiguration(s, "dbs", &lattice.ResourceConfigurationProps{Type: lattice.Group, Gateway: gw, Ports: "5432"})
		lattice.NewResourceConfiguration(s, "db1", &lattice.ResourceConfigurationProps{Type: lattice.Child, Parent: grp, DomainName: "db1.internal.example.com"})
		sn := lattice.NewServiceNetwork(s, "sn", nil)
		sn.Associate(grp)
		lattice.NewServiceNetworkEndpoint(s, "sn-ep", &lattice.ServiceNetworkEndpointProps{Vpc: consumer, Network: sn})
		lattice.NewShare(s, "share", &lattice.ShareProps{Configurations: []*lattice.ResourceConfiguration{grp}, Principals: []string{"111122223333"}})
	})
	child := j.resource(t, "aws_vpclattice_resource_configuration", "db1")
	if child["type"] != "CHILD" || child["resource_configuration_group_id"] != "${aws_vpclattice_resource_configuration.dbs.id}" {
		t.Errorf("child = %v", child)
	}
	if _, ok := child["resource_gateway_identifier"]; ok {
		t.Error("child names a gateway")
	}
	if _, ok := child["protocol"]; ok {
		t.Error("child sets protocol, which the API takes for SINGLE and GROUP only")
	}
	ep := j.resource(t, "aws_vpc_endpoint", "sn-ep")
	if ep["vpc_endpoint_type"] != "ServiceNetwork" || ep["service_network_arn"] != "${aws_vpclattice_service_network.sn.arn}" {
		t.Errorf("service network endpoint = %v", ep)
	}
	j.resource(t, "aws_vpc_security_group_ingress_rule", "sn-ep_sg_5432-tcp_from_vpc")
	j.resource(t, "aws_vpclattice_service_network_resource_association", "sn_dbs")
	if j.resource(t, "aws_ram_resource_share", "share")["allow_external_principals"] != false {
		t.Error("share allows external principals")
	}
	j.resource(t, "aws_ram_principal_association", "share_111122223333")
	j.resource(t, "aws_ram_resource_association", "share_dbs")
	if j.resource(t, "aws_vpc_security_group_egress_rule", "gw_sg_5432-tcp_to_vpc")["cidr_ipv4"] != "10.0.0.0/16" {
		t.Error("gateway egress for a DNS child is not to the VPC")
	}
}

// More VPC Lattice and endpoint service rules, each with its bad input.
func TestLatticeMoreRules(t *testing.T) {
	cases := []struct {
		name  string
		build func(s *core.Stack)
		want  string
	}{
		{"gateway address type does not match the subnets", func(s *core.Stack) {
			lattice.NewResourceGateway(s, "gw", &lattice.ResourceGatewayProps{Vpc: testVpc(s, nil), IpAddressType: "IPV6"})
		}, `PN-LAT-5 t/gw: IpAddressType IPV6 needs IPv6 subnets, and VPC t/network has no IPv6 CIDR (fix: use "IPV4")`},
		{"bad gateway name", func(s *core.Stack) {
			lattice.NewResourceGateway(s, "gw", &lattice.ResourceGatewayProps{Vpc: testVpc(s, nil), Name: "-gw"})
		}, `PN-LAT-2 t/gw: name "-gw" is not a VPC Lattice name (fix: use 3 to 40 lower-case letters, digits and hyphens, with no hyphen at either end or two in a row)`},
		{"bad domain name", func(s *core.Stack) {
			lattice.NewResourceConfiguration(s, "cfg", &lattice.ResourceConfigurationProps{Gateway: gatewayIn(s, testVpc(s, nil)), DomainName: "not a name", Ports: "443"})
		}, `PN-LAT-8 t/cfg: DomainName "not a name" is not a DNS name (fix: write it like "db.internal.example.com")`},
		{"ipv6 definition", func(s *core.Stack) {
			lattice.NewResourceConfiguration(s, "cfg", &lattice.ResourceConfigurationProps{Gateway: gatewayIn(s, testVpc(s, nil)), IpAddress: "fd00::10", Ports: "443"})
		}, `PN-LAT-8 t/cfg: IpAddress fd00::10 is IPv6: IPv6 definitions must come from the gateway VPC's IPv6 block, which privnet does not check yet (fix: use the resource's private IPv4 address)`},
		{"endpoint service offered to an unknown region", func(s *core.Stack) {
			endpointservice.New(s, "svc", &endpointservice.Props{Vpc: testVpc(s, nil), Port: 443,
				Targets: []endpointservice.Target{{Ip: "10.0.0.10"}}, SupportedRegions: []string{"mars-1"}})
		}, `PN-SVC-3 t/svc: supported region "mars-1" is not in privnet's region table (fix: use a region name such as ap-northeast-1)`},
		{"gateway without a vpc", func(s *core.Stack) {
			lattice.NewResourceGateway(s, "gw", nil)
		}, `PN-LAT-1 t/gw: resource gateway has no Vpc (fix: pass the VPC that holds the resources)`},
		{"gateway in a tier the vpc does not have", func(s *core.Stack) {
			lattice.NewResourceGateway(s, "gw", &lattice.ResourceGatewayProps{Vpc: testVpc(s, nil), Tier: "data"})
		}, `PN-VPC-8 t/gw: VPC t/network has no tier "data" (fix: name one of the VPC's tiers)`},
		{"arn configuration without the database port", func(s *core.Stack) {
			lattice.NewResourceConfiguration(s, "db", &lattice.ResourceConfigurationProps{Type: lattice.Arn, Gateway: gatewayIn(s, testVpc(s, nil)),
				ResourceArn: "arn:aws:rds:us-east-1:111122223333:db:orders"})
		}, `PN-LAT-11 t/db: no Ports given: the gateway's security group needs the database port (fix: give it, like "5432" or "3306")`},
		{"shared configuration without ports", func(s *core.Stack) {
			lattice.NewResourceEndpoint(s, "ep", &lattice.ResourceEndpointProps{Vpc: testVpc(s, nil),
				ConfigurationArn: "arn:aws:vpc-lattice:us-east-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0"})
		}, `PN-LAT-11 t/ep: Ports are needed with ConfigurationArn (fix: give the ports clients use, like "443")`},
		{"shared configuration named by id, not arn", func(s *core.Stack) {
			lattice.NewResourceEndpoint(s, "ep", &lattice.ResourceEndpointProps{Vpc: testVpc(s, nil), Ports: "443", ConfigurationArn: "rcfg-0123456789abcdef0"})
		}, `PN-LAT-14 t/ep: ConfigurationArn "rcfg-0123456789abcdef0" is not a VPC Lattice resource configuration ARN (fix: use arn:aws:vpc-lattice:<region>:<account>:resourceconfiguration/rcfg-…)`},
		{"service network auth type", func(s *core.Stack) {
			lattice.NewServiceNetwork(s, "sn", &lattice.ServiceNetworkProps{AuthType: "IAM"})
		}, `PN-LAT-15 t/sn: AuthType "IAM" is not AWS_IAM or NONE (fix: use "AWS_IAM")`},
		{"endpoint service without targets", func(s *core.Stack) {
			endpointservice.New(s, "svc", &endpointservice.Props{Vpc: testVpc(s, nil), Port: 443})
		}, `PN-SVC-8 t/svc: no Targets (fix: give the IPs or instances behind the service, or suppress PN-SVC-8 when something else registers them)`},
		{"service network name of 64 characters (63 are allowed)", func(s *core.Stack) {
			lattice.NewServiceNetwork(s, "ok", &lattice.ServiceNetworkProps{Name: strings.Repeat("n", 63)})
			lattice.NewServiceNetwork(s, "sn", &lattice.ServiceNetworkProps{Name: strings.Repeat("n", 64)})
		}, `PN-LAT-2 t/sn: name "` + strings.Repeat("n", 64) + `" is not a VPC Lattice name (fix: use 3 to 63 lower-case letters, digits and hyphens, with no hyphen at either end or two in a row)`},
		{"endpoint service without a port", func(s *core.Stack) {
			endpointservice.New(s, "svc", &endpointservice.Props{Vpc: testVpc(s, nil), Targets: []endpointservice.Target{{Ip: "10.0.0.10"}}})
		}, `PN-SVC-2 t/svc: Port 0 is outside 1-65535 (fix: give the TCP port clients connect to)`},
		{"consumer in a region the service does not list", func(s *core.Stack) {
			// A stack has one region, and a service always lists its own:
			// stand in for a service of another region by narrowing the
			// list the consumer checks.
			v := testVpc(s, nil)
			svc := endpointservice.New(s, "svc", &endpointservice.Props{Vpc: v, Port: 443, Targets: []endpointservice.Target{{Ip: "10.0.0.10"}}})
			svc.Regions = []string{"eu-west-1"}
			endpointservice.NewConsumer(s, "consumer", &endpointservice.ConsumerProps{Vpc: v, Service: svc})
		}, `PN-SVC-7 t/consumer: endpoint service t/svc supports regions eu-west-1, not this endpoint's us-east-1 (fix: add "us-east-1" to the service's SupportedRegions)`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			wantIssues(t, issues(t, "us-east-1", c.build), c.want)
		})
	}
}
