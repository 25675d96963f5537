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
	want := "ecr.api ecr.dkr ecs iam kinesis-firehose kinesisanalytics kinesisanalytics-fips kms kms-fips lambda route53 s3"
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
	for partition, home := range map[string]string{"aws": "us-east-1", "aws-cn": "cn-north-1", "aws-us-gov": "us-gov-west-1"} {
		if got := IAM.HomeRegion(partition); got != home || !IAM.Regionless {
			t.Errorf("IAM's home region in %s: %q, want %q", partition, got, home)
		}
	}
	if SSM.HomeRegion("aws") != "" {
		t.Error("SSM has a home region")
	}
}

// Service names per partition and region. In China the prefix is per
// service and region (cn.com.amazonaws for a listed set, com.amazonaws for
// the rest; polly, workspaces and account are listed in cn-northwest-1
// only), and transcribe takes a .cn suffix. Before 2026-11 every service
// not marked otherwise got cn.com.amazonaws: ssm, ssmmessages,
// ec2messages, logs, secretsmanager and glue were named wrongly.
func TestServiceNamesPerPartition(t *testing.T) {
	region := func(name string) core.Region {
		r, ok := core.LookupRegion(name)
		if !ok {
			t.Fatalf("no region %s", name)
		}
		return r
	}
	cases := []struct {
		svc    *Service
		region string
		want   string
	}{
		{SSM, "us-east-1", "com.amazonaws.us-east-1.ssm"},
		{IAM, "us-east-1", "com.amazonaws.iam"},
		{SSM, "cn-north-1", "com.amazonaws.cn-north-1.ssm"}, // was cn.com.amazonaws
		{SSMMessages, "cn-northwest-1", "com.amazonaws.cn-northwest-1.ssmmessages"},
		{EC2Messages, "cn-north-1", "com.amazonaws.cn-north-1.ec2messages"},
		{Logs, "cn-north-1", "com.amazonaws.cn-north-1.logs"},
		{SecretsManager, "cn-north-1", "com.amazonaws.cn-north-1.secretsmanager"},
		{Glue, "cn-northwest-1", "com.amazonaws.cn-northwest-1.glue"},
		{KMS, "cn-north-1", "com.amazonaws.cn-north-1.kms"},
		{ECS, "cn-north-1", "com.amazonaws.cn-north-1.ecs"},
		{EC2, "cn-north-1", "cn.com.amazonaws.cn-north-1.ec2"},
		{ECRApi, "cn-northwest-1", "cn.com.amazonaws.cn-northwest-1.ecr.api"},
		{ECRDkr, "cn-north-1", "cn.com.amazonaws.cn-north-1.ecr.dkr"},
		{S3, "cn-north-1", "cn.com.amazonaws.cn-north-1.s3"},
		{STS, "cn-northwest-1", "cn.com.amazonaws.cn-northwest-1.sts"},
		{Lambda, "cn-north-1", "cn.com.amazonaws.cn-north-1.lambda"},
		{Monitoring, "cn-north-1", "cn.com.amazonaws.cn-north-1.monitoring"},
		{SQS, "cn-north-1", "cn.com.amazonaws.cn-north-1.sqs"},
		{KinesisStreams, "cn-north-1", "cn.com.amazonaws.cn-north-1.kinesis-streams"},
		{ServiceCatalog, "cn-northwest-1", "cn.com.amazonaws.cn-northwest-1.servicecatalog"},
		{IAM, "cn-north-1", "com.amazonaws.iam"},
		{SSM, "us-gov-west-1", "com.amazonaws.us-gov-west-1.ssm"},
		{STS, "us-gov-east-1", "com.amazonaws.us-gov-east-1.sts"},
		{IAM, "us-gov-west-1", "com.amazonaws.iam"},
	}
	for _, c := range cases {
		if got := c.svc.ServiceName(region(c.region)); got != c.want {
			t.Errorf("%s in %s: %s, want %s", c.svc.Key, c.region, got, c.want)
		}
	}
	// The two China regions differ, and transcribe takes a suffix; a
	// Service built by hand with a catalog key is named as its row.
	polly, transcribe := &Service{Key: "polly"}, &Service{Key: "transcribe"}
	if got := (&Service{Key: "iam", Regionless: true}).ServiceName(region("us-east-1")); got != "com.amazonaws.iam" {
		t.Errorf("hand-built regionless iam: %s", got)
	}
	if got := (&Service{Key: "sqs"}).ServiceName(region("cn-north-1")); got != "cn.com.amazonaws.cn-north-1.sqs" {
		t.Errorf("hand-built sqs in China: %s", got)
	}
	if got := polly.ServiceName(region("cn-north-1")); got != "com.amazonaws.cn-north-1.polly" {
		t.Errorf("polly in cn-north-1: %s", got)
	}
	if got := polly.ServiceName(region("cn-northwest-1")); got != "cn.com.amazonaws.cn-northwest-1.polly" {
		t.Errorf("polly in cn-northwest-1: %s", got)
	}
	if got := transcribe.ServiceName(region("cn-north-1")); got != "cn.com.amazonaws.cn-north-1.transcribe.cn" {
		t.Errorf("transcribe in cn-north-1: %s", got)
	}
	// Gateway endpoints are com.amazonaws in China too.
	if got := S3.GatewayServiceName(region("cn-northwest-1")); got != "com.amazonaws.cn-northwest-1.s3" {
		t.Errorf("S3 gateway in China: %s", got)
	}
}

// The provider's S3 test, as 5.x writes it: unanchored.
func TestProviderSendsInboundOnly(t *testing.T) {
	for name, want := range map[string]bool{
		"com.amazonaws.us-east-1.s3":         true,
		"cn.com.amazonaws.cn-north-1.s3":     true,
		"cn.com.amazonaws.cn-northwest-1.s3": true,
		"com.amazonaws.us-gov-west-1.s3":     false,
		"com.amazonaws.us-east-1.dynamodb":   false,
		"com.amazonaws.cn-north-1.dynamodb":  false,
		"com.amazonaws.ap-southeast-7.s3":    true,
		"com.amazonaws.us-gov-east-1.s3":     false,
	} {
		if got := providerSendsInboundOnly(name); got != want {
			t.Errorf("%s: %v, want %v", name, got, want)
		}
	}
}

func TestCustomNames(t *testing.T) {
	if p := checkCustom(Custom("com.amazonaws.vpce.ap-northeast-1.vpce-svc-0a1b2c3d4e5f60718")); p != "" {
		t.Error(p)
	}
	if p := checkCustom(Custom("${TfToken[TOKEN.1]}")); p != "" {
		t.Error("a token is taken as it is:", p)
	}
	if p := checkCustom(Custom("cn.com.amazonaws.vpce.cn-northwest-1.vpce-svc-070f9283a2c0d1f0c")); p != "" {
		t.Error("a China endpoint service name was refused:", p)
	}
	if p := checkCustom(Custom("com.amazonaws.us-east-1.sqs")); p == "" {
		t.Error("an AWS service name passed as custom")
	}
}
