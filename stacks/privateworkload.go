package stacks

import (
	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/endpoints"
	"github.com/privnet/privnet/constructs/instance"
	"github.com/privnet/privnet/constructs/network"
)

// PrivateWorkloadConfig is a closed VPC with what a container workload
// needs from AWS, in any partition: Session Manager, ECR and IAM. The
// shipped configuration makes it in China (cn-northwest-1) and in GovCloud
// (us-gov-west-1), where endpoint names and IAM's home region differ from
// the aws partition's.
type PrivateWorkloadConfig struct {
	Name    string `json:"name"`
	Kind    string `json:"kind"`
	Region  string `json:"region"`
	Cidr    string `json:"cidr"`
	AzCount int    `json:"azCount"`
}

func (c *PrivateWorkloadConfig) check(k *checker) {
	k.region("region", c.Region)
	k.requiredCidr("cidr", c.Cidr)
	k.azCount("azCount", c.AzCount)
}

func (c *PrivateWorkloadConfig) build(app *core.App, name string, _ map[string]any) error {
	PrivateWorkload(app, name, *c)
	return nil
}

// PrivateWorkload makes the private-workload stack: an endpoints tier and
// an app tier; the SSM, ECR and IAM recipes (one S3 gateway endpoint
// shared by the first two; the IAM endpoint cross-region to the
// partition's IAM region when the stack is elsewhere, as cn-northwest-1 is
// from cn-north-1); and an SSM-managed instance, the only client every
// endpoint admits.
func PrivateWorkload(app *core.App, name string, c PrivateWorkloadConfig) *core.Stack {
	stack := core.NewStack(app, name, core.StackProps{Region: c.Region})
	vpc := network.NewVpc(stack, "network", &network.VpcProps{
		Cidr:    c.Cidr,
		AzCount: c.AzCount,
		Tiers: []network.TierProps{
			{Name: "endpoints", Prefix: 24},
			{Name: "app", Prefix: 24},
		},
	})
	props := &endpoints.RecipeProps{Vpc: vpc, Tier: "endpoints", RestrictIngress: true}
	ssm := endpoints.NewSsmEndpoints(stack, "ssm", props)
	ecr := endpoints.NewEcrEndpoints(stack, "ecr", props)
	iam := endpoints.NewIamEndpoints(stack, "iam", props)
	vm := instance.New(stack, "app", &instance.Props{Vpc: vpc, Tier: "app",
		Reaches: []endpoints.Need{endpoints.SessionManager, endpoints.PullFromECR, endpoints.IAM, endpoints.STS}})
	for _, r := range []*endpoints.Recipe{ssm, ecr, iam} {
		r.AllowFrom(vm)
	}
	return stack
}
