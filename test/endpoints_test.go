package test

import (
	"sort"
	"strings"
	"testing"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/endpoints"
	"github.com/privnet/privnet/constructs/network"
)

func testVpc(s *core.Stack, props *network.VpcProps) *network.Vpc {
	if props == nil {
		props = &network.VpcProps{}
	}
	if props.Cidr == "" {
		props.Cidr = "10.0.0.0/16"
	}
	return network.NewVpc(s, "network", props)
}

// Each endpoint rule (PN-EP-*): the bad input and its message.
func TestEndpointRules(t *testing.T) {
	cases := []struct {
		name   string
		region string
		build  func(s *core.Stack)
		want   []string
	}{
		{"private dns without vpc dns hostnames", "us-east-1", func(s *core.Stack) {
			v := testVpc(s, &network.VpcProps{DisableDnsHostnames: true})
			endpoints.NewInterfaceEndpoint(s, "ssm", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.SSM})
		}, []string{`PN-EP-4 t/ssm: private DNS needs enable_dns_support and enable_dns_hostnames on the VPC, and t/network has DNS hostnames off (fix: turn DNS support and hostnames on in the VPC (the default), or set DisablePrivateDns and use the endpoint's own DNS names)`}},
		{"private dns without vpc dns support", "us-east-1", func(s *core.Stack) {
			v := testVpc(s, &network.VpcProps{DisableDnsSupport: true, DisableDnsHostnames: true})
			endpoints.NewInterfaceEndpoint(s, "ssm", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.SSM})
		}, []string{`PN-EP-4 t/ssm: private DNS needs enable_dns_support and enable_dns_hostnames on the VPC, and t/network has DNS support and DNS hostnames off (fix: turn DNS support and hostnames on in the VPC (the default), or set DisablePrivateDns and use the endpoint's own DNS names)`}},
		{"two subnets in one az", "us-east-1", func(s *core.Stack) {
			v := testVpc(s, &network.VpcProps{Tiers: []network.TierProps{{Name: "a"}, {Name: "b"}}})
			subnets := []*network.Subnet{v.Tier("a").Subnets[0], v.Tier("b").Subnets[0]}
			endpoints.NewInterfaceEndpoint(s, "ssm", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.SSM, Subnets: subnets})
		}, []string{`PN-EP-8 t/ssm: subnets 10.0.0.0/24 and 10.0.2.0/24 are both in us-east-1a; an endpoint takes one subnet per AZ (fix: give one subnet per AZ)`}},
		{"two private dns endpoints for one service", "us-east-1", func(s *core.Stack) {
			v := testVpc(s, nil)
			endpoints.NewInterfaceEndpoint(s, "ssm", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.SSM})
			endpoints.NewInterfaceEndpoint(s, "ssm-again", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.SSM})
		}, []string{`PN-EP-6 t/ssm-again: VPC t/network already has an endpoint with private DNS for ssm (t/ssm) (fix: keep one endpoint per service in a VPC, or set DisablePrivateDns on this one)`}},
		{"s3 inbound-only private dns without gateway", "ap-northeast-1", func(s *core.Stack) {
			v := testVpc(s, nil)
			endpoints.NewInterfaceEndpoint(s, "s3", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.S3})
		}, []string{`PN-EP-5 t/s3: private DNS for s3 answers only Route 53 inbound resolver endpoints, and VPC t/network has no s3 gateway endpoint for its own clients (fix: add endpoints.NewGatewayEndpoint for s3 in the VPC, or set PrivateDnsForAllResolvers so that every client uses this interface endpoint)`}},
		{"dynamodb inbound-only private dns with only an s3 gateway", "us-east-1", func(s *core.Stack) {
			v := testVpc(s, nil)
			endpoints.NewGatewayEndpoint(s, "s3-gw", &endpoints.GatewayEndpointProps{Vpc: v, Service: endpoints.S3})
			endpoints.NewInterfaceEndpoint(s, "ddb", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.DynamoDB})
		}, []string{
			`PN-EP-16 t/ddb: private DNS for dynamodb needs private_dns_only_for_inbound_resolver_endpoint, which the pinned AWS provider 5.88 drops for the service name com.amazonaws.us-east-1.dynamodb: the endpoint would get AWS's default, not what privnet writes (fix: set DisablePrivateDns and use the endpoint's own DNS names (its <name>_dns_names output), or upgrade the AWS provider)`,
			`PN-EP-5 t/ddb: private DNS for dynamodb answers only Route 53 inbound resolver endpoints, and VPC t/network has no dynamodb gateway endpoint for its own clients (fix: add endpoints.NewGatewayEndpoint for dynamodb in the VPC, or set PrivateDnsForAllResolvers so that every client uses this interface endpoint)`,
		}},
		{"s3 private dns in govcloud, which the provider drops", "us-gov-west-1", func(s *core.Stack) {
			v := testVpc(s, nil)
			endpoints.NewGatewayEndpoint(s, "s3-gw", &endpoints.GatewayEndpointProps{Vpc: v, Service: endpoints.S3})
			endpoints.NewInterfaceEndpoint(s, "s3", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.S3})
		}, []string{`PN-EP-16 t/s3: private DNS for s3 needs private_dns_only_for_inbound_resolver_endpoint, which the pinned AWS provider 5.88 drops for the service name com.amazonaws.us-gov-west-1.s3: the endpoint would get AWS's default, not what privnet writes (fix: set DisablePrivateDns and use the endpoint's own DNS names (its <name>_dns_names output), or upgrade the AWS provider)`}},
		{"service-defined records on ipv4 (accepted before 2026-11)", "us-east-1", func(s *core.Stack) {
			endpoints.NewInterfaceEndpoint(s, "sts", &endpoints.InterfaceEndpointProps{Vpc: testVpc(s, nil), Service: endpoints.STS, DnsRecordIpType: "service-defined"})
		}, []string{`PN-EP-10 t/sts: DnsRecordIpType service-defined does not fit IpAddressType ipv4: service-defined records need an address type of dualstack (fix: set DnsRecordIpType to one that fits ipv4 (ipv4))`}},
		{"cross-region in govcloud is not documented", "us-gov-east-1", func(s *core.Stack) {
			endpoints.NewIamEndpoints(s, "iam", &endpoints.RecipeProps{Vpc: testVpc(s, nil)})
		}, []string{`PN-EP-15 t/iam/iam: cross-region endpoints to AWS services are not documented in partition aws-us-gov, so privnet cannot tell whether iam is reachable from us-gov-east-1 (fix: put the endpoint in a VPC in us-gov-west-1 (peering or Transit Gateway from here), or suppress PN-EP-15 once AWS documents it)`}},
		{"iam in govcloud's other region without ServiceRegion: the fix does not send it to PN-EP-15", "us-gov-east-1", func(s *core.Stack) {
			endpoints.NewInterfaceEndpoint(s, "iam", &endpoints.InterfaceEndpointProps{Vpc: testVpc(s, nil), Service: endpoints.IAM})
		}, []string{`PN-EP-12 t/iam: iam's endpoint com.amazonaws.iam exists only in us-gov-west-1 (its control plane), and this stack is in us-gov-east-1 (fix: put the endpoint in a VPC in us-gov-west-1 (cross-region endpoints to AWS services are not documented in aws-us-gov))`}},
		{"dns record type does not fit", "us-east-1", func(s *core.Stack) {
			v := testVpc(s, nil)
			endpoints.NewInterfaceEndpoint(s, "sts", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.STS, IpAddressType: "ipv4", DnsRecordIpType: "ipv6"})
		}, []string{`PN-EP-10 t/sts: DnsRecordIpType ipv6 does not fit IpAddressType ipv4: ipv6 records need an address type of ipv6 or dualstack (fix: set DnsRecordIpType to one that fits ipv4 (ipv4))`}},
		{"dualstack records on ipv4", "us-east-1", func(s *core.Stack) {
			v := testVpc(s, nil)
			endpoints.NewInterfaceEndpoint(s, "sts", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.STS, DnsRecordIpType: "dualstack"})
		}, []string{`PN-EP-10 t/sts: DnsRecordIpType dualstack does not fit IpAddressType ipv4: dualstack records need an address type of dualstack (fix: set DnsRecordIpType to one that fits ipv4 (ipv4))`}},
		{"ipv6 endpoint in an ipv4 vpc", "us-east-1", func(s *core.Stack) {
			v := testVpc(s, nil)
			endpoints.NewInterfaceEndpoint(s, "sts", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.STS, IpAddressType: "ipv6"})
		}, []string{`PN-EP-9 t/sts: IpAddressType ipv6 needs IPv6 subnets, and VPC t/network has no IPv6 CIDR (fix: use "ipv4", or give the VPC an IPv6 block (network.VpcProps.Ipv6) and dualstack or IPv6-only tiers)`}},
		{"iam outside us-east-1", "ap-northeast-1", func(s *core.Stack) {
			v := testVpc(s, nil)
			endpoints.NewInterfaceEndpoint(s, "iam", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.IAM})
		}, []string{`PN-EP-12 t/iam: iam's endpoint com.amazonaws.iam exists only in us-east-1 (its control plane), and this stack is in ap-northeast-1 (fix: set ServiceRegion: "us-east-1" for a cross-region endpoint, or put the endpoint in a VPC in us-east-1)`}},
		{"iam cross-region to the wrong region", "ap-northeast-1", func(s *core.Stack) {
			v := testVpc(s, nil)
			endpoints.NewInterfaceEndpoint(s, "iam", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.IAM, ServiceRegion: "eu-west-1"})
		}, []string{`PN-EP-12 t/iam: iam's endpoint com.amazonaws.iam exists only in us-east-1 (its control plane), and ServiceRegion is eu-west-1 (fix: set ServiceRegion: "us-east-1" for a cross-region endpoint, or put the endpoint in a VPC in us-east-1)`}},
		{"iam in us-east-1 sent to another region", "us-east-1", func(s *core.Stack) {
			v := testVpc(s, nil)
			endpoints.NewInterfaceEndpoint(s, "iam", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.IAM, ServiceRegion: "eu-west-1"})
		}, []string{`PN-EP-12 t/iam: iam's endpoint com.amazonaws.iam exists only in us-east-1 (its control plane), and ServiceRegion is eu-west-1 (fix: drop ServiceRegion: the stack is in us-east-1)`}},
		{"iam in china outside beijing (an error in any China region before 2026-11)", "cn-northwest-1", func(s *core.Stack) {
			v := testVpc(s, nil)
			endpoints.NewInterfaceEndpoint(s, "iam", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.IAM})
		}, []string{`PN-EP-12 t/iam: iam's endpoint com.amazonaws.iam exists only in cn-north-1 (its control plane), and this stack is in cn-northwest-1 (fix: set ServiceRegion: "cn-north-1" for a cross-region endpoint, or put the endpoint in a VPC in cn-north-1)`}},
		{"service region on a service that cannot cross regions", "us-east-1", func(s *core.Stack) {
			v := testVpc(s, nil)
			endpoints.NewInterfaceEndpoint(s, "sqs", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.SQS, ServiceRegion: "eu-west-1"})
		}, []string{`PN-EP-11 t/sqs: sqs cannot be reached cross-region: service_region works only for ecr.api, ecr.dkr, ecs, iam, kinesis-firehose, kinesisanalytics, kinesisanalytics-fips, kms, kms-fips, lambda, route53, s3 (AWS, Nov 2025) (fix: drop ServiceRegion and put the endpoint in a VPC in eu-west-1, or connect the VPCs by peering or Transit Gateway)`}},
		{"service region in another partition", "us-east-1", func(s *core.Stack) {
			v := testVpc(s, nil)
			endpoints.NewInterfaceEndpoint(s, "kms", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.KMS, ServiceRegion: "cn-north-1"})
		}, []string{`PN-EP-11 t/kms: ServiceRegion cn-north-1 is in partition aws-cn, the stack in aws (fix: cross-region PrivateLink stays within one partition)`}},
		{"cross-region gateway endpoint", "us-east-1", func(s *core.Stack) {
			v := testVpc(s, nil)
			endpoints.NewGatewayEndpoint(s, "s3", &endpoints.GatewayEndpointProps{Vpc: v, Service: endpoints.S3, ServiceRegion: "us-west-2"})
		}, []string{`PN-EP-14 t/s3: gateway endpoints reach only their own region (us-east-1), not us-west-2 (fix: use an interface endpoint with ServiceRegion "us-west-2" (s3 supports it), or a gateway endpoint in a VPC in us-west-2)`}},
		{"gateway endpoint for ssm", "us-east-1", func(s *core.Stack) {
			v := testVpc(s, nil)
			endpoints.NewGatewayEndpoint(s, "ssm", &endpoints.GatewayEndpointProps{Vpc: v, Service: endpoints.SSM})
		}, []string{`PN-EP-2 t/ssm: ssm has no gateway endpoint; only s3 and dynamodb do (fix: use endpoints.NewInterfaceEndpoint)`}},
		{"gateway endpoint for an unknown tier", "us-east-1", func(s *core.Stack) {
			v := testVpc(s, nil)
			endpoints.NewGatewayEndpoint(s, "s3", &endpoints.GatewayEndpointProps{Vpc: v, Service: endpoints.S3, Tiers: []string{"app"}})
		}, []string{`PN-VPC-8 t/s3: VPC t/network has no tier "app" (fix: name one of the VPC's tiers, or none for all)`}},
		{"inbound resolver option on another service", "us-east-1", func(s *core.Stack) {
			v := testVpc(s, nil)
			endpoints.NewInterfaceEndpoint(s, "sns", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.SNS, PrivateDnsForAllResolvers: true})
		}, []string{`PN-EP-7 t/sns: PrivateDnsForAllResolvers applies only to s3 and dynamodb, not sns (fix: drop it)`}},
		{"bad custom service name", "us-east-1", func(s *core.Stack) {
			v := testVpc(s, nil)
			endpoints.NewInterfaceEndpoint(s, "svc", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.Custom("my-service")})
		}, []string{`PN-EP-3 t/svc: "my-service" is neither a catalog service nor an endpoint service name like com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0 (fix: use a catalog value (endpoints.SSM, …; docs/catalog.md), endpoints.AwsService("key", nil) for an AWS service launched after the catalog, or the provider's service_name)`}},
		{"unknown tier", "us-east-1", func(s *core.Stack) {
			v := testVpc(s, nil)
			endpoints.NewInterfaceEndpoint(s, "ssm", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.SSM, Tier: "app"})
		}, []string{`PN-VPC-8 t/ssm: VPC t/network has no tier "app" (fix: name one of the VPC's tiers)`}},
		{"ingress from the whole internet", "us-east-1", func(s *core.Stack) {
			v := testVpc(s, nil)
			e := endpoints.NewInterfaceEndpoint(s, "ssm", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.SSM})
			e.AllowFromCidr("0.0.0.0/0")
		}, []string{`PN-SG-5 t/ssm/sg: rule ingress 443/tcp from 0.0.0.0/0 opens the group to the whole internet (fix: name the VPC CIDR, an on-premises CIDR or a security group instead)`}},
		{"no vpc", "us-east-1", func(s *core.Stack) {
			endpoints.NewInterfaceEndpoint(s, "ssm", &endpoints.InterfaceEndpointProps{Service: endpoints.SSM})
		}, []string{`PN-EP-1 t/ssm: interface endpoint needs a Vpc and a Service (fix: pass the VPC and a catalog service such as endpoints.SSM)`}},
		{"gateway endpoint with no vpc", "us-east-1", func(s *core.Stack) {
			endpoints.NewGatewayEndpoint(s, "s3", &endpoints.GatewayEndpointProps{Service: endpoints.S3})
		}, []string{`PN-EP-1 t/s3: gateway endpoint needs a Vpc and a Service (fix: pass the VPC and endpoints.S3 or endpoints.DynamoDB)`}},
		{"recipe with no vpc", "us-east-1", func(s *core.Stack) {
			endpoints.NewSsmEndpoints(s, "ssm", &endpoints.RecipeProps{})
		}, []string{`PN-EP-1 t/ssm: recipe needs a Vpc (fix: pass the VPC the endpoints go in)`}},
		{"interface endpoint for a gateway-only service", "us-east-1", func(s *core.Stack) {
			v := testVpc(s, nil)
			svc := &endpoints.Service{Key: "gw-only", Types: []endpoints.Type{endpoints.Gateway}}
			endpoints.NewInterfaceEndpoint(s, "gw-only", &endpoints.InterfaceEndpointProps{Vpc: v, Service: svc})
		}, []string{`PN-EP-2 t/gw-only: gw-only has no interface endpoint, only a gateway endpoint (fix: use endpoints.NewGatewayEndpoint)`}},
		{"unknown ip address type", "us-east-1", func(s *core.Stack) {
			v := testVpc(s, nil)
			endpoints.NewInterfaceEndpoint(s, "sts", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.STS, IpAddressType: "ipv5"})
		}, []string{`PN-EP-9 t/sts: IpAddressType "ipv5" is not ipv4, dualstack or ipv6 (fix: use "ipv4", "dualstack" or "ipv6")`}},
		{"unknown dns record ip type", "us-east-1", func(s *core.Stack) {
			v := testVpc(s, nil)
			endpoints.NewInterfaceEndpoint(s, "sts", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.STS, DnsRecordIpType: "ipv5"})
		}, []string{`PN-EP-10 t/sts: DnsRecordIpType "ipv5" is not ipv4, dualstack, ipv6 or service-defined (fix: use one of those)`}},
		{"service region not in the region table", "us-east-1", func(s *core.Stack) {
			v := testVpc(s, nil)
			endpoints.NewInterfaceEndpoint(s, "kms", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.KMS, ServiceRegion: "mars-east-1"})
		}, []string{`PN-EP-11 t/kms: ServiceRegion "mars-east-1" is not in privnet's region table (fix: use a region name such as us-east-1)`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			wantIssues(t, issues(t, c.region, c.build), c.want...)
		})
	}
}

func TestInterfaceEndpointDefaults(t *testing.T) {
	j := synthOne(t, "us-east-1", func(s *core.Stack) {
		v := testVpc(s, nil)
		endpoints.NewInterfaceEndpoint(s, "ssm", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.SSM})
	})
	e := j.resource(t, "aws_vpc_endpoint", "ssm")
	if e["service_name"] != "com.amazonaws.us-east-1.ssm" || e["vpc_endpoint_type"] != "Interface" || e["private_dns_enabled"] != true {
		t.Errorf("endpoint = %v", e)
	}
	if sgs := e["security_group_ids"].([]any); len(sgs) != 1 || sgs[0] != "${aws_security_group.ssm_sg.id}" {
		t.Errorf("endpoint uses %v, not its own group", sgs)
	}
	if subnets := e["subnet_ids"].([]any); len(subnets) != 2 || subnets[1] != "${aws_subnet.network_isolated_us-east-1b.id}" {
		t.Errorf("subnets %v", subnets)
	}
	if _, ok := e["dns_options"]; ok {
		t.Error("dns_options set for ssm")
	}
	sg := j.resource(t, "aws_security_group", "ssm_sg")
	if !strings.HasPrefix(sg["description"].(string), "Interface endpoint t/ssm (com.amazonaws.us-east-1.ssm)") {
		t.Errorf("group description %v", sg["description"])
	}
	rule := j.resource(t, "aws_vpc_security_group_ingress_rule", "ssm_sg_443-tcp_from_vpc")
	if rule["cidr_ipv4"] != "10.0.0.0/16" || rule["from_port"] != float64(443) || rule["to_port"] != float64(443) ||
		rule["ip_protocol"] != "tcp" || rule["description"] != "443/tcp to ssm from the VPC" {
		t.Errorf("rule = %v", rule)
	}
	if len(j.resources("aws_vpc_security_group_egress_rule")) != 0 {
		t.Error("the endpoint group has egress rules")
	}
	if j.outputs()["ssm_dns_names"].(map[string]any)["value"] != "${aws_vpc_endpoint.ssm.dns_entry[*].dns_name}" {
		t.Error("no DNS names output")
	}
}

func TestInterfaceEndpointAllowFromAndPolicy(t *testing.T) {
	j := synthOne(t, "us-east-1", func(s *core.Stack) {
		v := testVpc(s, nil)
		kms := endpoints.NewInterfaceEndpoint(s, "kms", &endpoints.InterfaceEndpointProps{
			Vpc: v, Service: endpoints.KMS, RestrictIngress: true,
			Policy: &core.Policy{Statements: []core.Statement{{
				Principal: map[string][]string{"AWS": {"*"}}, Actions: []string{"kms:Decrypt"}, Resources: []string{"*"},
			}}},
		})
		logs := endpoints.NewInterfaceEndpoint(s, "logs", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.Logs})
		kms.AllowFrom(logs)
	})
	if _, ok := j.resources("aws_vpc_security_group_ingress_rule")["kms_sg_443-tcp_from_vpc"]; ok {
		t.Error("RestrictIngress kept the VPC rule")
	}
	r := j.resource(t, "aws_vpc_security_group_ingress_rule", "kms_sg_443-tcp_from_sg-logs_sg")
	if r["referenced_security_group_id"] != "${aws_security_group.logs_sg.id}" {
		t.Errorf("rule = %v", r)
	}
	pol := j.resource(t, "aws_vpc_endpoint", "kms")["policy"]
	if pol != `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*"}]}` {
		t.Errorf("policy %v", pol)
	}
}

func TestCrossRegionInterfaceEndpoint(t *testing.T) {
	j := synthOne(t, "ap-northeast-1", func(s *core.Stack) {
		v := testVpc(s, nil)
		endpoints.NewInterfaceEndpoint(s, "kms-usw2", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.KMS, ServiceRegion: "us-west-2"})
		endpoints.NewInterfaceEndpoint(s, "kms", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.KMS, ServiceRegion: "ap-northeast-1"})
	})
	e := j.resource(t, "aws_vpc_endpoint", "kms-usw2")
	if e["service_name"] != "com.amazonaws.us-west-2.kms" || e["service_region"] != "us-west-2" {
		t.Errorf("cross-region endpoint = %v", e)
	}
	if _, ok := j.resource(t, "aws_vpc_endpoint", "kms")["service_region"]; ok {
		t.Error("service_region written for the stack's own region")
	}
}

func TestIamRecipe(t *testing.T) {
	for _, region := range []string{"us-east-1", "ap-northeast-1"} {
		t.Run(region, func(t *testing.T) {
			j := synthOne(t, region, func(s *core.Stack) {
				endpoints.NewIamEndpoints(s, "iam", &endpoints.RecipeProps{Vpc: testVpc(s, nil)})
			})
			iam := j.resource(t, "aws_vpc_endpoint", "iam_iam")
			sts := j.resource(t, "aws_vpc_endpoint", "iam_sts")
			if iam["service_name"] != "com.amazonaws.iam" || sts["service_name"] != "com.amazonaws."+region+".sts" {
				t.Errorf("names %v %v", iam["service_name"], sts["service_name"])
			}
			sr, cross := iam["service_region"]
			if cross != (region != "us-east-1") || (cross && sr != "us-east-1") {
				t.Errorf("iam service_region %v in %s", sr, region)
			}
		})
	}
}

func TestSsmAndEcrRecipesShareTheS3Gateway(t *testing.T) {
	j := synthOne(t, "eu-west-1", func(s *core.Stack) {
		v := testVpc(s, &network.VpcProps{AzCount: 3, Tiers: []network.TierProps{{Name: "app"}, {Name: "data"}}})
		ssm := endpoints.NewSsmEndpoints(s, "ssm", &endpoints.RecipeProps{Vpc: v, Tier: "app"})
		ecr := endpoints.NewEcrEndpoints(s, "ecr", &endpoints.RecipeProps{Vpc: v, Tier: "app"})
		if ssm.Gateway != ecr.Gateway {
			t.Error("the ECR recipe made a second S3 gateway endpoint")
		}
	})
	eps := j.resources("aws_vpc_endpoint")
	if got := strings.Join(keys(eps), " "); got != "ecr_ecr_api ecr_ecr_dkr ssm_ec2messages ssm_s3 ssm_ssm ssm_ssmmessages" {
		t.Fatalf("endpoints %s", got)
	}
	if eps["ssm_ssmmessages"]["service_name"] != "com.amazonaws.eu-west-1.ssmmessages" {
		t.Error("ssmmessages name")
	}
	gw := eps["ssm_s3"]
	if gw["vpc_endpoint_type"] != "Gateway" || len(gw["route_table_ids"].([]any)) != 6 {
		t.Errorf("S3 gateway = %v", gw)
	}
	if len(eps["ssm_ssm"]["subnet_ids"].([]any)) != 3 {
		t.Error("ssm not in 3 AZs")
	}
}

func TestGatewayEndpointTiers(t *testing.T) {
	j := synthOne(t, "us-east-1", func(s *core.Stack) {
		v := testVpc(s, &network.VpcProps{Tiers: []network.TierProps{{Name: "app"}, {Name: "data"}}})
		endpoints.NewGatewayEndpoint(s, "ddb", &endpoints.GatewayEndpointProps{Vpc: v, Service: endpoints.DynamoDB, Tiers: []string{"data"}})
	})
	gw := j.resource(t, "aws_vpc_endpoint", "ddb")
	rts := gw["route_table_ids"].([]any)
	if len(rts) != 2 || rts[0] != "${aws_route_table.network_data_us-east-1a.id}" || rts[1] != "${aws_route_table.network_data_us-east-1b.id}" {
		t.Errorf("route tables %v", rts)
	}
	if gw["service_name"] != "com.amazonaws.us-east-1.dynamodb" {
		t.Error(gw["service_name"])
	}
}

func TestCustomEndpointService(t *testing.T) {
	j := synthOne(t, "ap-northeast-1", func(s *core.Stack) {
		endpoints.NewInterfaceEndpoint(s, "partner", &endpoints.InterfaceEndpointProps{
			Vpc: testVpc(s, nil), Service: endpoints.Custom("com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"),
			ServiceRegion: "us-east-1", Ports: []int{5432},
		})
	})
	e := j.resource(t, "aws_vpc_endpoint", "partner")
	if e["private_dns_enabled"] != false || e["service_region"] != "us-east-1" {
		t.Errorf("custom endpoint = %v", e)
	}
	j.resource(t, "aws_vpc_security_group_ingress_rule", "partner_sg_5432-tcp_from_vpc")
}

// The s3-onprem stack as shipped: only the on-premises network reaches the
// S3 interface endpoint (443) and the inbound resolver (53), the VPC has the
// gateway its private DNS needs, the hybrid link routes both ways, and the
// endpoint-specific names and the resolver's IPs are outputs.
func TestS3OnPremStack(t *testing.T) {
	j := parse(t, shipped["s3-onprem"])
	rules := j.resources("aws_vpc_security_group_ingress_rule")
	// 443 from the on-premises network, 53 from its two DNS servers only.
	if got := strings.Join(keys(rules), " "); got != "dns-inbound_sg_53-tcp_from_192_168_10_10_32 dns-inbound_sg_53-tcp_from_192_168_10_11_32 "+
		"dns-inbound_sg_53-udp_from_192_168_10_10_32 dns-inbound_sg_53-udp_from_192_168_10_11_32 s3_sg_443-tcp_from_192_168_0_0_16" {
		t.Fatalf("ingress rules %s", got)
	}
	if rules["s3_sg_443-tcp_from_192_168_0_0_16"]["cidr_ipv4"] != "192.168.0.0/16" || rules["dns-inbound_sg_53-udp_from_192_168_10_11_32"]["cidr_ipv4"] != "192.168.10.11/32" {
		t.Error("rules are not from the on-premises CIDR and DNS servers")
	}
	if n := len(j.resources("aws_vpc_security_group_egress_rule")); n != 0 {
		t.Errorf("%d egress rules, want none", n)
	}
	// The link: the gateway on the VPC, a static connection for the
	// declared network, its routes propagated into both AZs' tables.
	if g := j.resource(t, "aws_vpn_gateway", "vgw"); g["vpc_id"] != "${aws_vpc.network.id}" {
		t.Errorf("gateway %v", g)
	}
	if c := j.resource(t, "aws_vpn_connection", "office"); c["static_routes_only"] != true {
		t.Errorf("connection %v", c)
	}
	if r := j.resource(t, "aws_vpn_connection_route", "office_192_168_0_0_16"); r["destination_cidr_block"] != "192.168.0.0/16" {
		t.Errorf("connection route %v", r)
	}
	var tables []string
	for _, p := range j.resources("aws_vpn_gateway_route_propagation") {
		tables = append(tables, p["route_table_id"].(string))
	}
	sort.Strings(tables)
	if strings.Join(tables, " ") != "${aws_route_table.network_isolated_ap-northeast-1a.id} ${aws_route_table.network_isolated_ap-northeast-1c.id}" {
		t.Errorf("propagation into %v", tables)
	}
	r := j.resource(t, "aws_route53_resolver_endpoint", "dns-inbound")
	if r["direction"] != "INBOUND" || len(r["ip_address"].([]any)) != 2 || r["ip_address"].([]any)[0].(map[string]any)["ip"] != "10.2.0.10" {
		t.Errorf("inbound resolver %v", r)
	}
	e := j.resource(t, "aws_vpc_endpoint", "s3")
	if e["dns_options"].(map[string]any)["private_dns_only_for_inbound_resolver_endpoint"] != true {
		t.Error("S3 private DNS not limited to inbound resolvers")
	}
	if j.resource(t, "aws_vpc_endpoint", "s3-gateway")["vpc_endpoint_type"] != "Gateway" {
		t.Error("no S3 gateway endpoint")
	}
	out := j.outputs()
	if out["s3_endpoint_url"].(map[string]any)["value"] != `https://bucket${trimprefix(aws_vpc_endpoint.s3.dns_entry[0].dns_name, "*")}` {
		t.Errorf("endpoint url output %v", out["s3_endpoint_url"])
	}
	if _, ok := out["s3_dns_names"]; !ok {
		t.Error("no DNS names output")
	}
}

func TestEndpointCatalogStack(t *testing.T) {
	j := parse(t, shipped["endpoint-catalog"])
	eps := j.resources("aws_vpc_endpoint")
	for _, k := range []string{"ec2", "ssm", "ec2messages", "elasticloadbalancing", "kinesis-streams", "servicecatalog", "kms", "monitoring"} {
		e, ok := eps[k]
		if !ok || e["vpc_endpoint_type"] != "Interface" || e["service_name"] != "com.amazonaws.ap-northeast-1."+k {
			t.Errorf("interface endpoint %s = %v", k, e)
		}
	}
	for _, k := range []string{"s3", "dynamodb"} {
		if e := eps[k]; e["vpc_endpoint_type"] != "Gateway" {
			t.Errorf("gateway endpoint %s = %v", k, e)
		}
	}
	if strings.Contains(string(shipped["endpoint-catalog"]), "0.0.0.0/0") {
		t.Error("0.0.0.0/0 in the stack")
	}
}

// A suppressed endpoint rule builds what was asked, not a corrected value.
func TestSuppressedEndpointRulesBuildWhatWasAsked(t *testing.T) {
	t.Run("PN-EP-3 custom name", func(t *testing.T) {
		j := synthOne(t, "us-east-1", func(s *core.Stack) {
			core.Suppress(s, endpoints.RuleCustomName.ID, "a service privnet's catalog does not have yet")
			endpoints.NewInterfaceEndpoint(s, "svc", &endpoints.InterfaceEndpointProps{
				Vpc: testVpc(s, nil), Service: endpoints.Custom("com.amazonaws.us-east-1.bedrock-runtime"),
			})
		})
		if got := j.resource(t, "aws_vpc_endpoint", "svc")["service_name"]; got != "com.amazonaws.us-east-1.bedrock-runtime" {
			t.Errorf("service_name %v, want the name as given", got)
		}
	})
	t.Run("PN-EP-5 inbound resolvers only", func(t *testing.T) {
		j := synthOne(t, "us-east-1", func(s *core.Stack) {
			core.Suppress(s, endpoints.RuleInboundResolverGateway.ID, "the VPC's S3 gateway endpoint is made by another configuration")
			endpoints.NewInterfaceEndpoint(s, "s3", &endpoints.InterfaceEndpointProps{Vpc: testVpc(s, nil), Service: endpoints.S3})
		})
		e := j.resource(t, "aws_vpc_endpoint", "s3")
		if e["private_dns_enabled"] != true || e["dns_options"].(map[string]any)["private_dns_only_for_inbound_resolver_endpoint"] != true {
			t.Errorf("endpoint = %v, want private DNS for inbound resolvers only", e)
		}
	})
	t.Run("PN-EP-7 all resolvers", func(t *testing.T) {
		j := synthOne(t, "us-east-1", func(s *core.Stack) {
			core.Suppress(s, endpoints.RuleAllResolvers.ID, "set for every endpoint by a wrapper")
			endpoints.NewInterfaceEndpoint(s, "sns", &endpoints.InterfaceEndpointProps{Vpc: testVpc(s, nil), Service: endpoints.SNS, PrivateDnsForAllResolvers: true})
		})
		e := j.resource(t, "aws_vpc_endpoint", "sns")
		if _, ok := e["dns_options"]; ok || e["private_dns_enabled"] != true {
			t.Errorf("endpoint = %v, want private DNS for every resolver", e)
		}
	})
}

// IAM's endpoint per partition: in its home region it is made there; the
// IAM recipe elsewhere reaches it cross-region (China since the China
// edition of the cross-region page lists com.amazonaws.iam).
func TestIamEndpointPerPartition(t *testing.T) {
	for _, c := range []struct{ region, serviceRegion string }{
		{"us-east-1", ""}, {"eu-west-1", "us-east-1"},
		{"cn-north-1", ""}, {"cn-northwest-1", "cn-north-1"},
		{"us-gov-west-1", ""},
	} {
		t.Run(c.region, func(t *testing.T) {
			j := synthOne(t, c.region, func(s *core.Stack) {
				endpoints.NewIamEndpoints(s, "iam", &endpoints.RecipeProps{Vpc: testVpc(s, nil)})
			})
			e := j.resource(t, "aws_vpc_endpoint", "iam_iam")
			if e["service_name"] != "com.amazonaws.iam" || (e["service_region"] != nil) != (c.serviceRegion != "") ||
				(c.serviceRegion != "" && e["service_region"] != c.serviceRegion) {
				t.Errorf("IAM endpoint %v, want service_region %q", e, c.serviceRegion)
			}
		})
	}
}

// Rows of the whole catalog synthesize with their own facts: a name form
// other than com.amazonaws, a port other than 443 (Keyspaces 9142, SES
// SMTP's five), no private DNS where AWS registers none, and a service
// outside the catalog named by the partition rules.
func TestWholeCatalogSynthesizes(t *testing.T) {
	later := endpoints.AwsService("bedrock-agentcore-next", &endpoints.AwsServiceProps{ChinaPrefixed: []string{"cn-northwest-1"}})
	j := synthOne(t, "cn-northwest-1", func(s *core.Stack) {
		v := testVpc(s, nil)
		for id, svc := range map[string]*endpoints.Service{
			"runtime": endpoints.BedrockRuntime, "keyspaces": endpoints.Cassandra, "smtp": endpoints.EmailSMTP,
			"iotdata": endpoints.IotData, "notebook": endpoints.SagemakerNotebook, "later": later,
		} {
			endpoints.NewInterfaceEndpoint(s, id, &endpoints.InterfaceEndpointProps{Vpc: v, Service: svc})
		}
	})
	for id, want := range map[string]string{
		"runtime":   "com.amazonaws.cn-northwest-1.bedrock-runtime",
		"keyspaces": "cn.com.amazonaws.cn-northwest-1.cassandra",
		"smtp":      "com.amazonaws.cn-northwest-1.email-smtp",
		"iotdata":   "cn.com.amazonaws.cn-northwest-1.iot.data",
		"notebook":  "aws.sagemaker.cn-northwest-1.notebook",
		"later":     "cn.com.amazonaws.cn-northwest-1.bedrock-agentcore-next",
	} {
		if got := j.resource(t, "aws_vpc_endpoint", id)["service_name"]; got != want {
			t.Errorf("%s: service_name %v, want %s", id, got, want)
		}
	}
	if j.resource(t, "aws_vpc_endpoint", "iotdata")["private_dns_enabled"] != false || j.resource(t, "aws_vpc_endpoint", "runtime")["private_dns_enabled"] != true {
		t.Error("private DNS: iot.data registers none, bedrock-runtime does")
	}
	ingress := j.resources("aws_vpc_security_group_ingress_rule")
	for _, n := range []string{"keyspaces_sg_9142-tcp_from_vpc", "smtp_sg_25-tcp_from_vpc", "smtp_sg_465-tcp_from_vpc", "smtp_sg_587-tcp_from_vpc",
		"smtp_sg_2465-tcp_from_vpc", "smtp_sg_2587-tcp_from_vpc", "runtime_sg_443-tcp_from_vpc"} {
		if _, ok := ingress[n]; !ok {
			t.Errorf("no ingress %s among %v", n, keys(ingress))
		}
	}
	if _, ok := ingress["keyspaces_sg_443-tcp_from_vpc"]; ok {
		t.Error("Keyspaces admits 443, which it does not listen on")
	}
}

// A bad AwsService key is the endpoint's error, with its path (PN-EP-17).
func TestAwsServiceBadKey(t *testing.T) {
	wantIssues(t, issues(t, "us-east-1", func(s *core.Stack) {
		endpoints.NewInterfaceEndpoint(s, "x", &endpoints.InterfaceEndpointProps{Vpc: testVpc(s, nil), Service: endpoints.AwsService("com.amazonaws.us-east-1.x", nil)})
	}), `PN-EP-17 t/x: endpoints.AwsService("com.amazonaws.us-east-1.x"): "com.amazonaws.us-east-1.x" is not the part of an endpoint service name after the region (like "bedrock-runtime" in com.amazonaws.us-east-1.bedrock-runtime) (fix: pass the name's part after the region, like "bedrock-runtime", with ports 1 to 65535)`)
}
