package stacks

import (
	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/endpoints"
	"github.com/privnet/privnet/constructs/instance"
	"github.com/privnet/privnet/constructs/instanceconnect"
	"github.com/privnet/privnet/constructs/network"
)

// IamPrivateLinkConfig is a private instance calling IAM with no
// internet. Without the IAM and STS endpoints, `aws iam list-roles` and
// `aws sts get-caller-identity` time out.
type IamPrivateLinkConfig struct {
	Name    string `json:"name"`
	Kind    string `json:"kind"`
	Region  string `json:"region"`
	Cidr    string `json:"cidr"`
	AzCount int    `json:"azCount"`
}

func (c *IamPrivateLinkConfig) check(k *checker) {
	k.region("region", c.Region)
	k.requiredCidr("cidr", c.Cidr)
	k.azCount("azCount", c.AzCount)
}

func (c *IamPrivateLinkConfig) build(app *core.App, name string, _ map[string]any) error {
	IamPrivateLink(app, name, *c)
	return nil
}

// IamPrivateLink makes the iam-privatelink stack: a VPC with 4 subnets (an
// endpoints tier and an app tier over 2 AZs), an EC2 Instance Connect
// endpoint, a private instance whose role has ReadOnlyAccess, and the IAM
// and STS endpoints. The instance is reached by Instance Connect, so it
// is not SSM-managed.
func IamPrivateLink(app *core.App, name string, c IamPrivateLinkConfig) *core.Stack {
	stack := core.NewStack(app, name, core.StackProps{Region: c.Region})
	vpc := network.NewVpc(stack, "network", &network.VpcProps{
		Cidr:    c.Cidr,
		AzCount: c.AzCount,
		Tiers: []network.TierProps{
			{Name: "endpoints", Prefix: 24},
			{Name: "app", Prefix: 24},
		},
	})
	iam := endpoints.NewIamEndpoints(stack, "iam", &endpoints.RecipeProps{Vpc: vpc, Tier: "endpoints", RestrictIngress: true})
	vm := instance.New(stack, "app", &instance.Props{
		Vpc: vpc, Tier: "app", DisableSsm: true,
		ManagedPolicies: []string{"ReadOnlyAccess"},
		// aws iam list-roles needs IAM; aws sts get-caller-identity, STS.
		Reaches: []endpoints.Need{endpoints.IAM, endpoints.STS},
	})
	iam.AllowFrom(vm)
	eic := instanceconnect.New(stack, "eic", &instanceconnect.Props{Vpc: vpc, Tier: "app"})
	eic.Allow(vm)
	core.Expect(eic, vm.On(22))
	return stack
}
