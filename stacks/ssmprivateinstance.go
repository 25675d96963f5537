package stacks

import (
	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/endpoints"
	"github.com/privnet/privnet/constructs/instance"
	"github.com/privnet/privnet/constructs/network"
)

// SsmPrivateInstanceConfig is a private instance managed by
// Session Manager through VPC endpoints.
type SsmPrivateInstanceConfig struct {
	Name   string `json:"name"`
	Kind   string `json:"kind"`
	Region string `json:"region"`
	Cidr   string `json:"cidr"`
}

func (c *SsmPrivateInstanceConfig) check(k *checker) {
	k.region("region", c.Region)
	k.requiredCidr("cidr", c.Cidr)
}

func (c *SsmPrivateInstanceConfig) build(app *core.App, name string, _ map[string]any) error {
	SsmPrivateInstance(app, name, *c)
	return nil
}

// SsmPrivateInstance makes the ssm-private-instance stack: one private
// subnet; ssm, ssmmessages and ec2messages endpoints that admit 443 only
// from the instance's security group; an S3 gateway endpoint; the instance
// with AmazonSSMManagedInstanceCore.
func SsmPrivateInstance(app *core.App, name string, c SsmPrivateInstanceConfig) *core.Stack {
	stack := core.NewStack(app, name, core.StackProps{Region: c.Region})
	vpc := network.NewVpc(stack, "network", &network.VpcProps{
		Cidr:    c.Cidr,
		AzCount: 1,
		Tiers:   []network.TierProps{{Name: "private", Prefix: 24}},
	})
	ssm := endpoints.NewSsmEndpoints(stack, "ssm", &endpoints.RecipeProps{Vpc: vpc, RestrictIngress: true})
	vm := instance.New(stack, "app", &instance.Props{Vpc: vpc, Reaches: []endpoints.Need{endpoints.SessionManager}})
	ssm.AllowFrom(vm)
	return stack
}
