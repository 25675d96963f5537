package catalog

// Facts the generated rows do not carry, from AWS documentation (read
// 2026-11-23 unless said otherwise). Applied once, at package init.

// crossRegionKeys are the services AWS lists as "Cross-region enabled AWS
// services" (AWS PrivateLink Guide, Nov 2025; the China edition lists the
// same twelve names).
var crossRegionKeys = []string{
	"s3", "iam", "ecr.api", "ecr.dkr", "kms", "kms-fips", "ecs", "lambda",
	"kinesis-firehose", "kinesisanalytics", "kinesisanalytics-fips", "route53",
}

// homedKeys have their only endpoint in one region per partition (IAM's
// control plane; partitions.go).
var homedKeys = []string{"iam"}

// ports that differ from the pinned aws-cdk-lib's 443: Amazon SES's SMTP
// endpoint listens on 25, 587 and 2587 (STARTTLS) and 465 and 2465 (TLS)
// (Amazon SES Developer Guide, "Connecting to an Amazon SES SMTP
// endpoint"; CDK gives 443).
var ports = map[string][]int{
	"email-smtp": {25, 465, 587, 2465, 2587},
}

// dnsNames are the private DNS names AWS documents for a service's
// interface endpoint, where they are not just <key>.<region>.<dnsSuffix>,
// or where there are several. Sources: CloudWatch, the PrivateLink Guide's
// describe-vpc-endpoint-services example (PrivateDnsNames, four names);
// Batch, "Creating an interface VPC endpoint for AWS Batch"; S3, "AWS
// PrivateLink for Amazon S3" (bucket, control and access point names; the
// wildcards are what virtual-hosted names need); API Gateway, "private
// APIs" (execute-api and its wildcard); ECR, "Amazon ECR interface VPC
// endpoints" (api.ecr and the *.dkr.ecr registry names); Kinesis Video
// Streams, "Use Kinesis Video Streams with interface VPC endpoints".
var dnsNames = map[string][]string{
	"monitoring":   {"monitoring.{region}.{dnsSuffix}", "monitoring.{region}.{dualStackSuffix}", "monitoring-fips.{region}.{dnsSuffix}", "monitoring-fips.{region}.{dualStackSuffix}"},
	"batch":        {"batch.{region}.{dnsSuffix}", "batch.{region}.{dualStackSuffix}"},
	"s3":           {"s3.{region}.{dnsSuffix}", "*.s3.{region}.{dnsSuffix}", "s3-control.{region}.{dnsSuffix}", "*.s3-control.{region}.{dnsSuffix}", "*.s3-accesspoint.{region}.{dnsSuffix}"},
	"execute-api":  {"execute-api.{region}.{dnsSuffix}", "*.execute-api.{region}.{dnsSuffix}"},
	"ecr.api":      {"api.ecr.{region}.{dnsSuffix}"},
	"ecr.dkr":      {"*.dkr.ecr.{region}.{dnsSuffix}"},
	"kinesisvideo": {"*.kinesisvideo.{region}.{dnsSuffix}"},
}

// globalDnsNames are the private DNS names of services named without a
// region, in partition aws: IAM's API is iam.amazonaws.com in every
// commercial region (IAM User Guide, "AWS Identity and Access Management
// and interface VPC endpoints", and the IAM API Reference's endpoint,
// read 2026-11-24). Other partitions' names are not recorded.
var globalDnsNames = map[string][]string{
	"iam": {"iam.amazonaws.com"},
}

// noPrivateDns: AWS registers no private DNS name for these endpoints, so
// clients need a private hosted zone of their own (AWS IoT Core Developer
// Guide, "Using AWS IoT Core with interface VPC endpoints": iot.data; Amazon
// DynamoDB Developer Guide, DynamoDB Streams endpoints).
var noPrivateDns = []string{"iot.data", "dynamodb-streams"}

// ipTypes are the endpoint IP address types AWS documents per service, where
// it does so for the endpoint itself: CloudWatch's SupportedIpAddressTypes
// in the PrivateLink Guide's example are ipv4 and ipv6, so an endpoint may
// be ipv4, dualstack or ipv6; KMS and Private CA are "privately accessible
// over IPv4 and IPv6 ... using AWS PrivateLink" (their IPv6 pages): a
// service that accepts IPv6 requests through PrivateLink lists ipv6 among
// its SupportedIpAddressTypes, which is what an ipv6 endpoint needs besides
// IPv6-only subnets (PrivateLink Guide, "IP address types", read
// 2026-11-24). AWS's per-family IPv6 table and the service pages disagree
// for ECR, IAM and S3, so those are not recorded.
var ipTypes = map[string][]string{
	"monitoring": {"ipv4", "dualstack", "ipv6"},
	"kms":        {"ipv4", "dualstack", "ipv6"},
	"acm-pca":    {"ipv4", "dualstack", "ipv6"},
}

func init() {
	for _, k := range crossRegionKeys {
		if s := rows[k]; s != nil {
			s.CrossRegion = true
		}
	}
	for _, k := range homedKeys {
		rows[k].Homed = true
	}
	for k, p := range ports {
		rows[k].Ports = p
	}
	for k, names := range dnsNames {
		if s := rows[k]; s != nil {
			s.DnsNames = names
			for _, n := range names {
				s.Wildcard = s.Wildcard || n[0] == '*'
			}
		}
	}
	for _, k := range noPrivateDns {
		if s := rows[k]; s != nil {
			s.PrivateDns = false
		}
	}
	for k, t := range ipTypes {
		if s := rows[k]; s != nil {
			s.IpTypes = t
		}
	}
}
