package stacks

import (
	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/endpoints"
	"github.com/privnet/privnet/constructs/instance"
	"github.com/privnet/privnet/constructs/network"
)

// DualStackConfig is a closed dual-stack VPC: an Amazon-provided IPv6 /56
// beside the IPv4 block, dual-stack isolated tiers, and dual-stack
// interface endpoints for services the catalog records as offering them.
type DualStackConfig struct {
	Name    string `json:"name"`
	Kind    string `json:"kind"`
	Region  string `json:"region"`
	Cidr    string `json:"cidr"`
	AzCount int    `json:"azCount"`
}

func (c *DualStackConfig) check(k *checker) {
	k.region("region", c.Region)
	k.requiredCidr("cidr", c.Cidr)
	k.azCount("azCount", c.AzCount)
}

func (c *DualStackConfig) build(app *core.App, name string, _ map[string]any) error {
	DualStack(app, name, *c)
	return nil
}

// DualStack makes the dual-stack stack: an isolated VPC with IPv6, an app
// tier and an endpoints tier, both dual-stack (each subnet an IPv6 /64 of
// the /56 by a fixed netnum), an IPv6-only tier after them (no IPv4
// block), KMS and CloudWatch endpoints with dual-stack addresses and DNS
// records (AWS documents both as reachable over IPv6 through PrivateLink),
// and two instances that need both, admitted by the endpoints by their
// security groups: one dual-stack (its calls may take either family, and
// both paths are proved), one IPv6-only (it takes the AAAA answers).
func DualStack(app *core.App, name string, c DualStackConfig) *core.Stack {
	stack := core.NewStack(app, name, core.StackProps{Region: c.Region})
	vpc := network.NewVpc(stack, "network", &network.VpcProps{
		Cidr: c.Cidr, AzCount: c.AzCount, Ipv6: true,
		Tiers: []network.TierProps{
			{Name: "app", Kind: network.Isolated, Prefix: 24, Ip: network.DualStack},
			{Name: "endpoints", Kind: network.Isolated, Prefix: 24, Ip: network.DualStack},
			{Name: "v6", Kind: network.Isolated, Ip: network.Ipv6Only},
		},
	})
	needs := []endpoints.Need{endpoints.KMS, endpoints.Monitoring}
	vm := instance.New(stack, "app", &instance.Props{Vpc: vpc, Tier: "app", DisableSsm: true, Reaches: needs})
	worker := instance.New(stack, "worker", &instance.Props{Vpc: vpc, Tier: "v6", DisableSsm: true, Reaches: needs})
	for _, svc := range []*endpoints.Service{endpoints.KMS, endpoints.Monitoring} {
		ep := endpoints.NewInterfaceEndpoint(stack, svc.Key, &endpoints.InterfaceEndpointProps{
			Vpc: vpc, Service: svc, Tier: "endpoints", IpAddressType: "dualstack", DnsRecordIpType: "dualstack", RestrictIngress: true,
		})
		ep.AllowFrom(vm)
		ep.AllowFrom(worker)
	}
	return stack
}
