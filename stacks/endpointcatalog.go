package stacks

import (
	"encoding/json"
	"fmt"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/endpoints"
	"github.com/privnet/privnet/constructs/network"
)

// EndpointCatalogConfig is seed 001: a closed VPC reaching many AWS
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

func buildEndpointCatalog(app *core.App, name string, raw json.RawMessage, _ map[string]any) error {
	var c EndpointCatalogConfig
	if err := decode(raw, &c); err != nil {
		return err
	}
	for _, list := range [][]string{c.Interfaces, c.Gateways} {
		for _, k := range list {
			if _, ok := endpoints.Lookup(k); !ok {
				return fmt.Errorf("unknown service %q (known: %v)", k, endpoints.Keys())
			}
		}
	}
	EndpointCatalog(app, name, c)
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
