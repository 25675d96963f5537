// Package endpoints is VPC endpoints (PrivateLink): interface and gateway
// endpoints with their own security groups, recipes for SSM, IAM and ECR,
// and their rules (PN-EP-*, docs/rules.md), over the service catalog of
// package catalog, whose every row is also here (endpoints.SSM,
// endpoints.BedrockRuntime, …; catalog_gen.go).
package endpoints

import (
	"github.com/privnet/privnet/constructs/endpoints/catalog"
	"github.com/privnet/privnet/reach/need"
)

// Service is a catalog row, or an endpoint service of someone's own
// (Custom), or an AWS service outside the catalog (AwsService).
type Service = catalog.Service

// Type is a kind of VPC endpoint.
type Type = catalog.Type

const (
	Interface = catalog.Interface
	Gateway   = catalog.Gateway
)

// AwsServiceProps describes an AWS service the catalog does not have yet.
type AwsServiceProps = catalog.AwsServiceProps

// Lookup finds a catalog service by its key ("ssm", "ecr.api",
// "bedrock-runtime").
func Lookup(key string) (*Service, bool) { return catalog.Lookup(key) }

// Keys lists the catalog, sorted.
func Keys() []string { return catalog.Keys() }

// Custom is an endpoint service of someone's own (an NLB or GWLB behind
// aws_vpc_endpoint_service), named com.amazonaws.vpce.<region>.vpce-svc-…
// Private DNS is off for it unless the provider verified a domain. A name
// that does not look like one is reported when an endpoint uses it
// (PN-EP-2).
func Custom(serviceName string) *Service { return catalog.Custom(serviceName) }

// CustomLabeled is Custom with a label for descriptions and messages, for
// a service whose name is a token (from another stack).
func CustomLabeled(serviceName, label string) *Service {
	return catalog.CustomLabeled(serviceName, label)
}

// AwsService is an AWS service launched after the catalog was made, named
// by the catalog's partition rules: com.amazonaws.<region>.<key>, and in
// China cn.com.amazonaws for the regions props.ChinaPrefixed lists. The
// review report marks it "not in the catalog". A catalog key returns the
// catalog's row. A key that is not a service name part (or bad props) is
// reported by the endpoint that uses it (PN-EP-17), with the construct
// path, like every other bad input.
func AwsService(key string, props *AwsServiceProps) *Service {
	s, err := catalog.AwsService(key, props)
	if err != nil {
		return catalog.Invalid(key, err.Error())
	}
	return s
}

func checkCustom(s *Service) string { return catalog.CheckCustom(s) }

// Need is what a workload must reach: a catalog service (endpoints.STS),
// a chain (endpoints.SessionManager), a resource configuration or an
// endpoint service on some ports. Instance Props.Reaches and core.Expect
// take them; synth proves them (PN-REACH-1).
type Need = need.Needer

// The chains: a need that follows several services.
var (
	// SessionManager needs ssm and ssmmessages (SSM Agent 3.3.40.0 and
	// later; older agents also need ec2messages, which
	// SessionManagerOldAgent adds). AWS Systems Manager User Guide,
	// "Use VPC endpoints" and "Message APIs" (checked 2026-11-23).
	SessionManager = need.Chain("Session Manager", SSM, SSMMessages)
	// SessionManagerOldAgent is Session Manager for SSM Agents older than
	// 3.3.40.0, which use ec2messages.
	SessionManagerOldAgent = need.Chain("Session Manager (agent before 3.3.40.0)", SSM, SSMMessages, EC2Messages)
	// PullFromECR needs ecr.api, ecr.dkr and S3, where the image layers
	// are. Amazon ECR User Guide, "Amazon ECR interface VPC endpoints"
	// (checked 2026-11-23).
	PullFromECR = need.Chain("pull images from ECR", ECRApi, ECRDkr, S3)
	// AssumeRole: calls made with credentials from sts:AssumeRole, and
	// the CLI's sts commands (aws sts get-caller-identity), need STS in
	// the caller's region.
	AssumeRole = need.Chain("AssumeRole (STS)", STS)
)

// InRegion is svc called in another region (through a cross-region
// endpoint, service_region).
func InRegion(svc *Service, regionName string) Need {
	n := svc.Need()
	n.Label += " in " + regionName
	for i := range n.Targets {
		n.Targets[i].Region = regionName
	}
	return need.Of(n)
}

// ByEndpointName is svc called by its endpoint-specific DNS name
// (vpce-….amazonaws.com, --endpoint-url), which needs no private DNS.
func ByEndpointName(svc *Service) Need {
	n := svc.Need()
	n.Label += " (endpoint name)"
	for i := range n.Targets {
		n.Targets[i].EndpointName = true
	}
	return need.Of(n)
}
