// Package endpoints is VPC endpoints (PrivateLink): interface and gateway
// endpoints with their own security groups, recipes for SSM, IAM and ECR,
// and their rules (PN-EP-*, docs/rules.md), over the service catalog of
// package catalog, whose every row is also here (endpoints.SSM,
// endpoints.BedrockRuntime, …; catalog_gen.go).
package endpoints

import "github.com/privnet/privnet/constructs/endpoints/catalog"

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
