package endpoints

import (
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/network"
	"github.com/privnet/privnet/constructs/securitygroup"
)

// RecipeProps configures a recipe: the endpoints one task needs.
type RecipeProps struct {
	// Vpc Required.
	Vpc *network.Vpc
	// Tier for the interface endpoints. Default: the VPC's first tier that
	// is not public.
	Tier string
	// RestrictIngress drops the default 443 from the whole VPC; AllowFrom
	// then names the clients.
	RestrictIngress bool
}

// Recipe is a set of endpoints made together.
type Recipe struct {
	constructs.Construct
	core.Base
	Interfaces []*InterfaceEndpoint
	// Gateway is the VPC's S3 gateway endpoint, made by the recipe or
	// found already in the VPC; nil for recipes that need none.
	Gateway *GatewayEndpoint
}

// AllowFrom lets from's security group reach every interface endpoint of
// the recipe.
func (r *Recipe) AllowFrom(from securitygroup.Haver) {
	for _, e := range r.Interfaces {
		e.AllowFrom(from)
	}
}

// Endpoint returns the recipe's interface endpoint for svc, or nil.
func (r *Recipe) Endpoint(svc *Service) *InterfaceEndpoint {
	for _, e := range r.Interfaces {
		if e.Service == svc {
			return e
		}
	}
	return nil
}

func newRecipe(scope constructs.Construct, id string, props *RecipeProps, services []*Service, s3Gateway bool, region func(*Service) string) *Recipe {
	if props == nil {
		props = &RecipeProps{}
	}
	r := &Recipe{}
	r.Init(r, scope, id)
	if props.Vpc == nil {
		r.Report(RuleRequired, "recipe needs a Vpc", "pass the VPC the endpoints go in")
		return r
	}
	for _, svc := range services {
		r.Interfaces = append(r.Interfaces, NewInterfaceEndpoint(r, svc.Key, &InterfaceEndpointProps{
			Vpc: props.Vpc, Service: svc, Tier: props.Tier, RestrictIngress: props.RestrictIngress,
			ServiceRegion: region(svc),
		}))
	}
	if s3Gateway {
		r.Gateway = GatewayOf(props.Vpc, S3)
		if r.Gateway == nil {
			r.Gateway = NewGatewayEndpoint(r, "s3", &GatewayEndpointProps{Vpc: props.Vpc, Service: S3})
		}
	}
	return r
}

func sameRegion(*Service) string { return "" }

// NewSsmEndpoints is what Session Manager needs in a closed VPC (Systems
// Manager User Guide, "Improve the security of EC2 instances by using VPC
// endpoints for Systems Manager"): ssm, ssmmessages and ec2messages interface
// endpoints, and an S3 gateway endpoint for agent updates and patching
// (reused when the VPC has one).
func NewSsmEndpoints(scope constructs.Construct, id string, props *RecipeProps) *Recipe {
	return newRecipe(scope, id, props, []*Service{SSM, SSMMessages, EC2Messages}, true, sameRegion)
}

// NewIamEndpoints is what IAM calls need: the IAM endpoint and
// STS, without which role credentials cannot be fetched and
// `aws sts get-caller-identity` hangs. Outside IAM's home region (us-east-1,
// cn-north-1, us-gov-west-1 by partition) the IAM endpoint is made
// cross-region to it, where IAM's endpoint lives.
func NewIamEndpoints(scope constructs.Construct, id string, props *RecipeProps) *Recipe {
	stack := core.StackOf(scope)
	return newRecipe(scope, id, props, []*Service{IAM, STS}, false, func(s *Service) string {
		if home := s.HomeRegion(stack.Region.Partition); home != "" && stack.Region.Name != home {
			return home
		}
		return ""
	})
}

// NewEcrEndpoints is what pulling images from ECR needs: ecr.api, ecr.dkr
// and an S3 gateway endpoint (image layers are in S3).
func NewEcrEndpoints(scope constructs.Construct, id string, props *RecipeProps) *Recipe {
	return newRecipe(scope, id, props, []*Service{ECRApi, ECRDkr}, true, sameRegion)
}
