package endpoints

// Service names differ per partition and, in China, per service and
// region. AWS CDK keeps these lists (getDefaultEndpointPrefix and
// getDefaultEndpointSuffix in aws-cdk-lib aws-ec2/lib/vpc-endpoint.ts,
// read 2026-11 at commit 000a9eb6): in cn-north-1 and cn-northwest-1 the
// services listed take the prefix cn.com.amazonaws, every other one
// com.amazonaws, and transcribe also takes the suffix .cn
// (cn.com.amazonaws.cn-north-1.transcribe.cn). The two lists differ:
// account, polly and workspaces are only in cn-northwest-1,
// iotsitewise.api and iotsitewise.data only in cn-north-1. Gateway
// endpoints (S3, DynamoDB) are com.amazonaws.<region>.<service> in China
// too (eksctl#3081: cn.com.amazonaws.cn-northwest-1.s3 "does not exist"
// as a gateway service).

var chinaPrefixed = map[string]map[string]bool{
	"cn-north-1": set("application-autoscaling", "appmesh-envoy-management", "athena", "autoscaling", "awsconnector",
		"backup", "batch", "cassandra", "cloudcontrolapi", "cloudformation", "codedeploy-commands-secure", "databrew", "dms",
		"ebs", "ec2", "ecr.api", "ecr.dkr", "eks", "elasticache", "elasticbeanstalk", "elasticfilesystem",
		"elasticfilesystem-fips", "emr-containers", "execute-api", "fsx", "imagebuilder", "iot.data", "iotsitewise.api",
		"iotsitewise.data", "kinesis-streams", "lambda", "license-manager", "monitoring", "rds", "redshift", "redshift-data",
		"s3", "sagemaker.api", "sagemaker.featurestore-runtime", "sagemaker.runtime", "securityhub", "servicecatalog",
		"sms", "sqs", "states", "sts", "sync-states", "synthetics", "transcribe", "transcribestreaming", "transfer", "xray"),
	"cn-northwest-1": set("account", "application-autoscaling", "appmesh-envoy-management", "athena", "autoscaling", "awsconnector",
		"backup", "batch", "cassandra", "cloudcontrolapi", "cloudformation", "codedeploy-commands-secure", "databrew", "dms", "ebs", "ec2",
		"ecr.api", "ecr.dkr", "eks", "elasticache", "elasticbeanstalk", "elasticfilesystem", "elasticfilesystem-fips", "emr-containers",
		"execute-api", "fsx", "imagebuilder", "iot.data", "kinesis-streams", "lambda", "license-manager", "monitoring", "polly", "rds",
		"redshift", "redshift-data", "s3", "sagemaker.api", "sagemaker.featurestore-runtime", "sagemaker.runtime", "securityhub",
		"servicecatalog", "sms", "sqs", "states", "sts", "sync-states", "synthetics", "transcribe", "transcribestreaming", "transfer",
		"workspaces", "xray"),
}

var chinaSuffixed = map[string]map[string]bool{
	"cn-north-1":     set("transcribe"),
	"cn-northwest-1": set("transcribe"),
}

// homeRegions: IAM's control plane, and so its only PrivateLink endpoint
// (com.amazonaws.iam), is in one region per partition: "IAM currently
// supports VPC endpoints in the following Regions: US East (N. Virginia),
// China (Beijing), AWS GovCloud (US-West)" (IAM User Guide, "AWS
// PrivateLink for IAM", VPC endpoint availability, checked 2026-11).
var iamHome = map[string]string{"aws": "us-east-1", "aws-cn": "cn-north-1", "aws-us-gov": "us-gov-west-1"}

// crossRegionPartitions are where cross-region interface endpoints to AWS
// services exist: the commercial partition since November 2025, and
// China, whose edition of "Cross-region enabled AWS services"
// (docs.amazonaws.cn PrivateLink Guide, read 2026-11) lists the same
// twelve services (its service-name prefixes are inconsistent, so only
// the list is taken from it). No GovCloud edition was found: there it is
// not known (PN-EP-15).
var crossRegionPartitions = map[string]bool{"aws": true, "aws-cn": true}

func set(keys ...string) map[string]bool {
	m := make(map[string]bool, len(keys))
	for _, k := range keys {
		m[k] = true
	}
	return m
}
