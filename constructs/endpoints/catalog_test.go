package endpoints

import (
	"testing"

	"github.com/privnet/privnet/constructs/core"
)

func region(t *testing.T, name string) core.Region {
	t.Helper()
	r, ok := core.LookupRegion(name)
	if !ok {
		t.Fatalf("no region %s", name)
	}
	return r
}

func TestServiceNames(t *testing.T) {
	cases := []struct {
		svc    *Service
		region string
		want   string
	}{
		{SSM, "ap-northeast-1", "com.amazonaws.ap-northeast-1.ssm"},
		{SSMMessages, "us-east-1", "com.amazonaws.us-east-1.ssmmessages"},
		{ECRDkr, "eu-west-1", "com.amazonaws.eu-west-1.ecr.dkr"},
		{KinesisStreams, "ap-northeast-1", "com.amazonaws.ap-northeast-1.kinesis-streams"},
		{IAM, "us-east-1", "com.amazonaws.iam"},
		{S3, "cn-north-1", "cn.com.amazonaws.cn-north-1.s3"}, // interface
		{KMS, "cn-northwest-1", "com.amazonaws.cn-northwest-1.kms"},
		{Custom("com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"), "ap-northeast-1", "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"},
	}
	for _, c := range cases {
		if got := c.svc.ServiceName(region(t, c.region)); got != c.want {
			t.Errorf("%s in %s: %s, want %s", c.svc, c.region, got, c.want)
		}
	}
}

func TestGatewayServiceNames(t *testing.T) {
	for _, c := range []struct{ region, want string }{
		{"cn-north-1", "com.amazonaws.cn-north-1.s3"},
		{"us-east-1", "com.amazonaws.us-east-1.s3"},
	} {
		if got := S3.GatewayServiceName(region(t, c.region)); got != c.want {
			t.Errorf("S3 gateway in %s: %s, want %s", c.region, got, c.want)
		}
	}
}

func TestCatalogFacts(t *testing.T) {
	// The list: every one is in the catalog.
	for _, k := range []string{"ssm", "ssmmessages", "ec2messages", "ec2", "sts", "iam", "kms", "logs", "monitoring", "s3",
		"dynamodb", "ecr.api", "ecr.dkr", "elasticloadbalancing", "kinesis-streams", "servicecatalog", "secretsmanager",
		"lambda", "sqs", "sns", "execute-api"} {
		if _, ok := Lookup(k); !ok {
			t.Errorf("catalog lacks %s", k)
		}
	}
	if !S3.Offers(Gateway) || !S3.Offers(Interface) || !DynamoDB.Offers(Gateway) || SSM.Offers(Gateway) {
		t.Error("endpoint types wrong")
	}
	// Cross-region enabled AWS services, Nov 2025, as far as the catalog has them.
	want := "ecr.api ecr.dkr ecs iam kinesis-firehose kms lambda s3"
	got := ""
	for i, k := range crossRegionKeys() {
		if i > 0 {
			got += " "
		}
		got += k
	}
	if got != want {
		t.Errorf("cross-region services %q, want %q", got, want)
	}
	if IAM.HomeRegion != "us-east-1" || !IAM.Regionless {
		t.Error("IAM's home region")
	}
}

func TestCustomNames(t *testing.T) {
	if p := checkCustom(Custom("com.amazonaws.vpce.ap-northeast-1.vpce-svc-0a1b2c3d4e5f60718")); p != "" {
		t.Error(p)
	}
	if p := checkCustom(Custom("${TfToken[TOKEN.1]}")); p != "" {
		t.Error("a token is taken as it is:", p)
	}
	if p := checkCustom(Custom("com.amazonaws.us-east-1.sqs")); p == "" {
		t.Error("an AWS service name passed as custom")
	}
}
