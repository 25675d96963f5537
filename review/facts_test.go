package review

import (
	"strings"
	"testing"
)

// A service name that changes (privnet 2026-11 fixed China's names, e.g.
// cn.com.amazonaws.cn-north-1.ssm to com.amazonaws.cn-north-1.ssm)
// replaces the endpoint; with private DNS on that is an outage, and the
// warning says so. Without private DNS it is a plain replacement.
func TestServiceNameChangeIsAnOutage(t *testing.T) {
	stack := func(name string, privateDns bool) *Stack {
		s, err := Parse("china", []byte(`{"provider":{"aws":[{"region":"cn-north-1"}]},"resource":{"aws_vpc_endpoint":{"ssm":{
			"vpc_id":"${aws_vpc.network.id}","vpc_endpoint_type":"Interface","service_name":"`+name+`","private_dns_enabled":`+map[bool]string{true: "true", false: "false"}[privateDns]+`}}}}`))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	md := Report([]*Stack{stack("com.amazonaws.cn-north-1.ssm", true)}, []*Stack{stack("cn.com.amazonaws.cn-north-1.ssm", true)})
	want := "> - **china** `aws_vpc_endpoint.ssm`: replaced (service_name changed): an outage, since with private DNS on the new endpoint cannot exist beside the old one"
	if !strings.Contains(md, want) {
		t.Errorf("report lacks %q:\n%s", want, md[:min(len(md), 1200)])
	}
	md = Report([]*Stack{stack("com.amazonaws.cn-north-1.ssm", false)}, []*Stack{stack("cn.com.amazonaws.cn-north-1.ssm", false)})
	if !strings.Contains(md, "`aws_vpc_endpoint.ssm`: replaced (service_name changed)\n") || strings.Contains(md, "an outage") {
		t.Errorf("without private DNS:\n%s", md[:min(len(md), 1200)])
	}
}

// VPC Lattice pricing: resource configurations in a service network are
// billed per hour, the ServiceNetwork endpoint is not (before 2026-11 the
// report billed the endpoint and called the configurations free).
func TestLatticePricing(t *testing.T) {
	s, err := Parse("lat", []byte(`{"provider":{"aws":[{"region":"us-east-1"}]},"resource":{
		"aws_vpc_endpoint":{"sn":{"vpc_endpoint_type":"ServiceNetwork","service_network_arn":"${aws_vpclattice_service_network.sn.arn}"}},
		"aws_vpclattice_service_network":{"sn":{"name":"sn"}},
		"aws_vpclattice_service_network_resource_association":{"a":{"service_network_identifier":"${aws_vpclattice_service_network.sn.id}"}},
		"aws_vpclattice_resource_gateway":{"gw":{"name":"gw"}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	c := Estimate(s)
	if len(c.Lines) != 1 || c.Lines[0].Item != "Resource configurations in service networks" || c.Lines[0].Known || c.Unknown != 1 {
		t.Errorf("lines %+v", c.Lines)
	}
	if !strings.Contains(strings.Join(c.Free, "\n"), "ServiceNetwork endpoints and VPC associations: no charge") {
		t.Errorf("free %q", c.Free)
	}
}

// A cross-region endpoint to an AWS service is noted with the provider code
// path it rests on (docs/endpoints.md); one to a customer endpoint service,
// literal or referenced, is not. The region comes from the pull request
// and is escaped.
func TestCrossRegionAwsServiceNote(t *testing.T) {
	report := func(name, region string) string {
		s, err := Parse("x", []byte(`{"provider":{"aws":[{"region":"cn-northwest-1"}]},"resource":{"aws_vpc_endpoint":{"iam":{
			"vpc_id":"${aws_vpc.network.id}","vpc_endpoint_type":"Interface","service_name":"`+name+`","service_region":"`+region+`"}}}}`))
		if err != nil {
			t.Fatal(err)
		}
		return Report([]*Stack{s}, nil)
	}
	note := "rest on the AWS provider passing `service_region` to CreateVpcEndpoint with no lookup first"
	if md := report("com.amazonaws.iam", "cn-north-1"); !strings.Contains(md, "Cross-region endpoints to AWS services (`iam` to cn-north-1) "+note) || !strings.Contains(md, "(not pinned in the stack;") {
		t.Errorf("no note for IAM:\n%s", md)
	}
	for _, name := range []string{"com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", "cn.com.amazonaws.vpce.cn-north-1.vpce-svc-0123456789abcdef0", "${aws_vpc_endpoint_service.s.service_name}"} {
		if md := report(name, "us-east-1"); strings.Contains(md, note) {
			t.Errorf("note for endpoint service %s", name)
		}
	}
	if md := report("com.amazonaws.iam", "<img src=x>"); strings.Contains(md, "<img") {
		t.Errorf("region not escaped")
	}
}

// An endpoint for an AWS service outside the catalog (endpoints.AwsService)
// is marked; catalog services, in any name form and partition, are not.
func TestNotInCatalogMark(t *testing.T) {
	report := func(region, name, typ string) string {
		s, err := Parse("x", []byte(`{"provider":{"aws":[{"region":"`+region+`"}]},"resource":{"aws_vpc_endpoint":{"e":{
			"vpc_id":"${aws_vpc.network.id}","vpc_endpoint_type":"`+typ+`","service_name":"`+name+`"}}}}`))
		if err != nil {
			t.Fatal(err)
		}
		return Report([]*Stack{s}, nil)
	}
	if md := report("us-east-1", "com.amazonaws.us-east-1.bedrock-agentcore-next", "Interface"); !strings.Contains(md, "| `e` | bedrock-agentcore-next (not in the catalog) |") {
		t.Errorf("no mark:\n%s", md)
	}
	for _, c := range [][3]string{
		{"us-east-1", "com.amazonaws.us-east-1.bedrock-runtime", "Interface"},
		{"us-east-1", "aws.sagemaker.us-east-1.notebook", "Interface"},
		{"cn-north-1", "cn.com.amazonaws.cn-north-1.transcribe.cn", "Interface"},
		{"cn-north-1", "com.amazonaws.cn-north-1.s3", "Gateway"},
		{"us-east-1", "com.amazonaws.iam", "Interface"},
	} {
		if md := report(c[0], c[1], c[2]); strings.Contains(md, "not in the catalog") || !strings.Contains(md, "is not known offline: privnet assumes it is") {
			t.Errorf("%s marked, or no availability line", c[1])
		}
	}
}
