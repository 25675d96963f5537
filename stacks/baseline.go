package stacks

import (
	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/network"
)

// BaselineConfig is the smallest closed network: one isolated VPC.
type BaselineConfig struct {
	Name    string `json:"name"`
	Kind    string `json:"kind"`
	Region  string `json:"region"`
	Cidr    string `json:"cidr"`
	AzCount int    `json:"azCount"`
}

func (c *BaselineConfig) check(k *checker) {
	k.region("region", c.Region)
	k.requiredCidr("cidr", c.Cidr)
	k.azCount("azCount", c.AzCount)
}

func (c *BaselineConfig) build(app *core.App, name string, _ map[string]any) error {
	Baseline(app, name, *c)
	return nil
}

// Baseline makes the baseline stack: an isolated VPC with one isolated
// tier over AzCount AZs, flow logs on, the default security group locked.
func Baseline(app *core.App, name string, c BaselineConfig) *core.Stack {
	stack := core.NewStack(app, name, core.StackProps{Region: c.Region})
	network.NewVpc(stack, "network", &network.VpcProps{
		Cidr:    c.Cidr,
		AzCount: c.AzCount,
		Tiers:   []network.TierProps{{Name: "isolated", Kind: network.Isolated, Prefix: 24}},
	})
	return stack
}
