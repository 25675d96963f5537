package catalog

// Service names differ per partition and, in China, per service and
// region: in cn-north-1 and cn-northwest-1 the services AWS CDK lists take
// the prefix cn.com.amazonaws, every other one com.amazonaws, and
// transcribe also takes the suffix .cn (getDefaultEndpointPrefix and
// getDefaultEndpointSuffix in aws-cdk-lib aws-ec2/lib/vpc-endpoint.ts). The
// generator reads them from the names the pinned aws-cdk-lib renders in
// each China region, into each row's masks. Gateway endpoints are
// com.amazonaws.<region>.<service> in China too.

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
