package stacks

import (
	"fmt"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/endpoints"
	"github.com/privnet/privnet/constructs/network"
)

// EndpointCatalogConfig is a closed VPC reaching many AWS
// services through interface endpoints, and S3 and DynamoDB through free
// gateway endpoints.
type EndpointCatalogConfig struct {
	Name       string   `json:"name"`
	Kind       string   `json:"kind"`
	Region     string   `json:"region"`
	Cidr       string   `json:"cidr"`
	AzCount    int      `json:"azCount"`
	Interfaces []string `json:"interfaces"` // catalog keys
	Gateways   []string `json:"gateways"`   // catalog keys
}

func (c *EndpointCatalogConfig) check(k *checker) {
	k.region("region", c.Region)
	k.requiredCidr("cidr", c.Cidr)
	k.azCount("azCount", c.AzCount)
	k.services("gateways", c.Gateways)
	k.services("interfaces", c.Interfaces)
	// Each endpoint's construct id is its service key.
	for i, s := range c.Interfaces {
		if contains(c.Gateways, s) {
			k.fail(fmt.Sprintf("interfaces[%d]", i), fmt.Sprintf("%s is in gateways too, and this kind names each endpoint by its service", quote(s)),
				"keep it in one list (s3-onprem shows an S3 interface endpoint beside the gateway)")
		}
	}
}

func (c *EndpointCatalogConfig) build(app *core.App, name string, _ map[string]any) error {
	EndpointCatalog(app, name, *c)
	return nil
}

// EndpointCatalog makes the endpoint-catalog stack.
func EndpointCatalog(app *core.App, name string, c EndpointCatalogConfig) *core.Stack {
	stack := core.NewStack(app, name, core.StackProps{Region: c.Region})
	vpc := network.NewVpc(stack, "network", &network.VpcProps{
		Cidr:    c.Cidr,
		AzCount: c.AzCount,
		Tiers:   []network.TierProps{{Name: "isolated", Prefix: 24}},
	})
	for _, k := range c.Gateways {
		svc, _ := endpoints.Lookup(k)
		endpoints.NewGatewayEndpoint(stack, k, &endpoints.GatewayEndpointProps{Vpc: vpc, Service: svc})
	}
	for _, k := range c.Interfaces {
		svc, _ := endpoints.Lookup(k)
		endpoints.NewInterfaceEndpoint(stack, k, &endpoints.InterfaceEndpointProps{Vpc: vpc, Service: svc})
	}
	return stack
}
