package stacks

import (
	"fmt"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/endpoints"
	"github.com/privnet/privnet/constructs/network"
)

// S3OnPremConfig is an S3 interface endpoint reached from an
// on-premises network over VPN or Direct Connect.
type S3OnPremConfig struct {
	Name        string   `json:"name"`
	Kind        string   `json:"kind"`
	Region      string   `json:"region"`
	Cidr        string   `json:"cidr"`
	AzCount     int      `json:"azCount"`
	OnPremCidrs []string `json:"onPremCidrs"`
}

func (c *S3OnPremConfig) check(k *checker) {
	k.region("region", c.Region)
	k.requiredCidr("cidr", c.Cidr)
	k.azCount("azCount", c.AzCount)
	seen := map[string]bool{}
	for i, s := range c.OnPremCidrs {
		f := fmt.Sprintf("onPremCidrs[%d]", i)
		if seen[s] {
			k.fail(f, fmt.Sprintf("%s is listed twice", quote(s)), "list each network once")
		} else {
			k.cidr(f, s)
		}
		seen[s] = true
	}
}

func (c *S3OnPremConfig) build(app *core.App, name string, _ map[string]any) error {
	S3OnPrem(app, name, *c)
	return nil
}

// S3OnPrem makes the s3-onprem stack. The interface endpoint's own group
// admits only the on-premises networks; clients in the VPC use the gateway
// endpoint, which S3's inbound-resolver-only private DNS requires anyway.
// On-premises clients use the endpoint-specific names in the outputs
// (aws s3 --endpoint-url), or private DNS through a Route 53 inbound
// resolver endpoint.
func S3OnPrem(app *core.App, name string, c S3OnPremConfig) *core.Stack {
	stack := core.NewStack(app, name, core.StackProps{Region: c.Region})
	vpc := network.NewVpc(stack, "network", &network.VpcProps{
		Cidr:    c.Cidr,
		AzCount: c.AzCount,
		Tiers:   []network.TierProps{{Name: "isolated", Prefix: 24}},
	})
	endpoints.NewGatewayEndpoint(stack, "s3-gateway", &endpoints.GatewayEndpointProps{Vpc: vpc, Service: endpoints.S3})
	s3 := endpoints.NewInterfaceEndpoint(stack, "s3", &endpoints.InterfaceEndpointProps{
		Vpc: vpc, Service: endpoints.S3, RestrictIngress: true,
	})
	for _, cidr := range c.OnPremCidrs {
		s3.AllowFromCidr(cidr)
	}
	// On premises reaches S3 through the interface endpoint. No hybrid
	// link is built yet, so the check says "unknown", not a pass.
	onPrem := network.NewExternal(vpc, "on-premises", c.OnPremCidrs, "Site-to-Site VPN or Direct Connect")
	core.Expect(onPrem, endpoints.S3)
	return stack
}
