package test

import (
	"strings"
	"testing"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/endpoints"
	"github.com/privnet/privnet/constructs/endpointservice"
	"github.com/privnet/privnet/constructs/instance"
	"github.com/privnet/privnet/constructs/lattice"
	"github.com/privnet/privnet/constructs/network"
)

// Findings of the review at the end of stop 8, each pinned by a test.

// Construct ids with characters Terraform names cannot hold: outputs that
// write references as text use the same sanitized names as the resources.
func TestNamesWithDotsStayConsistent(t *testing.T) {
	j := synthOne(t, "us-east-1", func(s *core.Stack) {
		v := testVpc(s, nil)
		vm := instance.New(s, "web.1", &instance.Props{Vpc: v})
		endpoints.NewSsmEndpoints(s, "ssm.a", &endpoints.RecipeProps{Vpc: v}).AllowFrom(vm)
		endpoints.NewInterfaceEndpoint(s, "s3.if", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.S3})
	})
	j.resource(t, "aws_instance", "web_1")
	j.resource(t, "aws_vpc_endpoint", "s3_if")
	if got := j.outputs()["web_1_ssm_session"].(map[string]any)["value"]; got != "aws ssm start-session --region us-east-1 --target ${aws_instance.web_1.id}" {
		t.Errorf("session command %v", got)
	}
	if got := j.outputs()["s3_if_dns_names"].(map[string]any)["value"]; got != "${aws_vpc_endpoint.s3_if.dns_entry[*].dns_name}" {
		t.Errorf("dns names %v", got)
	}
}

func TestGravitonA1GetsArm64(t *testing.T) {
	j := synthOne(t, "us-east-1", func(s *core.Stack) {
		instance.New(s, "a1", &instance.Props{Vpc: testVpc(s, nil), InstanceType: "a1.large", DisableSsm: true})
	})
	p := j["data"].(map[string]any)["aws_ssm_parameter"].(map[string]any)["a1_ami"].(map[string]any)
	if p["name"] != "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64" {
		t.Errorf("a1 AMI %v", p["name"])
	}
}

// us-west-1's AZ names differ between accounts: a count cannot pick them,
// explicit ones are taken.
func TestUsWest1(t *testing.T) {
	wantIssues(t, vpcIssues(t, "us-west-1", network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 2}),
		`PN-VPC-2 t/network: AzCount needs us-west-1's AZ names, which privnet's region table leaves out (they differ between accounts there, or were not confirmed) (fix: list the AZs your account has in Azs (aws ec2 describe-availability-zones))`)
	wantIssues(t, vpcIssues(t, "us-west-1", network.VpcProps{Cidr: "10.0.0.0/16", Azs: []string{"us-west-1b", "us-west-1c"}}))
	wantIssues(t, vpcIssues(t, "us-west-1", network.VpcProps{Cidr: "10.0.0.0/16", Azs: []string{"us-west-2a"}}),
		`PN-VPC-2 t/network: AZ "us-west-2a" is not an availability zone of the stack's region us-west-1 (fix: use AZs of us-west-1: us-west-1<letter>)`)
}

// Bad input that used to panic is reported instead.
func TestNoPanicsOnBrokenPeers(t *testing.T) {
	got := issues(t, "us-east-1", func(s *core.Stack) {
		v := testVpc(s, nil)
		broken := instance.New(s, "broken", &instance.Props{}) // no Vpc: no group
		endpoints.NewSsmEndpoints(s, "ssm", &endpoints.RecipeProps{Vpc: v}).AllowFrom(broken)
		endpointservice.New(s, "svc", &endpointservice.Props{Vpc: v, Port: 443, Targets: []endpointservice.Target{{Instance: broken}}})
		lattice.NewServiceNetwork(s, "sn", nil).Associate(nil)
		endpoints.NewInterfaceEndpoint(s, "odd", &endpoints.InterfaceEndpointProps{Vpc: v, Service: &endpoints.Service{Key: "odd"}})
	})
	wantIssues(t, got,
		`PN-EC2-1 t/broken: instance has no Vpc (fix: pass the VPC the instance lives in)`,
		`PN-SG-2 t/ssm/ssm: AllowFrom names a construct that has no security group (fix: pass a construct that built its group (its own error says why it did not))`,
		`PN-SG-2 t/ssm/ssmmessages: AllowFrom names a construct that has no security group (fix: pass a construct that built its group (its own error says why it did not))`,
		`PN-SG-2 t/ssm/ec2messages: AllowFrom names a construct that has no security group (fix: pass a construct that built its group (its own error says why it did not))`,
		`PN-SVC-1 t/svc: target 0 is an instance that has no security group (fix: pass an instance that was built without errors (its own error says why))`,
		`PN-LAT-1 t/sn: Associate was given no resource configuration (fix: pass one made by lattice.NewResourceConfiguration)`,
		`PN-EP-2 t/odd: service "odd" lists no endpoint types (fix: use a catalog value (endpoints.SSM, …) or endpoints.Custom)`,
	)
}

func TestServiceNetworkEndpointSharesAnAz(t *testing.T) {
	got := issues(t, "us-east-1", func(s *core.Stack) {
		provider := testVpc(s, &network.VpcProps{Azs: []string{"us-east-1a", "us-east-1b"}})
		consumer := network.NewVpc(s, "consumer", &network.VpcProps{Cidr: "10.1.0.0/16", Azs: []string{"us-east-1c", "us-east-1d"}})
		cfg := lattice.NewResourceConfiguration(s, "cfg", &lattice.ResourceConfigurationProps{Gateway: gatewayIn(s, provider), IpAddress: "10.0.0.10", Ports: "22"})
		sn := lattice.NewServiceNetwork(s, "sn", nil)
		sn.Associate(cfg)
		lattice.NewServiceNetworkEndpoint(s, "ep", &lattice.ServiceNetworkEndpointProps{Vpc: consumer, Network: sn})
	})
	wantIssues(t, got, `PN-LAT-13 t/ep: the endpoint's AZs (us-east-1c, us-east-1d) and resource gateway t/gw's AZs (us-east-1a, us-east-1b) have none in common; traffic crosses only in a shared AZ (fix: put the endpoint or the gateway in at least one AZ of the other)`)
}

// AWS refuses inbound-resolver-only private DNS before the gateway exists.
func TestS3InterfaceDependsOnGateway(t *testing.T) {
	e := parse(t, shipped["s3-onprem"]).resource(t, "aws_vpc_endpoint", "s3")
	deps, _ := e["depends_on"].([]any)
	if len(deps) != 1 || !strings.Contains(deps[0].(string), "aws_vpc_endpoint.s3-gateway") {
		t.Errorf("depends_on %v", deps)
	}
}

// China: the S3 gateway endpoint is com.amazonaws.<region>.s3.
func TestChinaGatewayName(t *testing.T) {
	j := synthOne(t, "cn-north-1", func(s *core.Stack) {
		endpoints.NewGatewayEndpoint(s, "s3", &endpoints.GatewayEndpointProps{Vpc: testVpc(s, nil), Service: endpoints.S3})
	})
	if got := j.resource(t, "aws_vpc_endpoint", "s3")["service_name"]; got != "com.amazonaws.cn-north-1.s3" {
		t.Errorf("service name %v", got)
	}
}
