package stacks

import (
	"encoding/json"
	"fmt"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/endpoints"
	"github.com/privnet/privnet/constructs/network"
)

// ScaleConfig is a generated large app for benchmarks (BENCHMARKS.md): Vpcs
// VPCs of AzCount AZs, each with EndpointsPerVpc interface endpoints.
type ScaleConfig struct {
	Name            string `json:"name"`
	Kind            string `json:"kind"`
	Region          string `json:"region"`
	Vpcs            int    `json:"vpcs"`
	AzCount         int    `json:"azCount"`
	EndpointsPerVpc int    `json:"endpointsPerVpc"`
}

func buildScale(app *core.App, name string, raw json.RawMessage, _ map[string]any) error {
	var c ScaleConfig
	if err := decode(raw, &c); err != nil {
		return err
	}
	services := scaleServices()
	if c.EndpointsPerVpc > len(services) {
		return fmt.Errorf("endpointsPerVpc %d: the catalog has %d plain interface services", c.EndpointsPerVpc, len(services))
	}
	if c.Vpcs < 1 || c.Vpcs > 250 {
		return fmt.Errorf("vpcs %d: use 1 to 250", c.Vpcs)
	}
	Scale(app, name, c)
	return nil
}

// scaleServices are the catalog's interface services with no rule that
// needs another resource (s3 and dynamodb need gateways), in key order.
func scaleServices() []*endpoints.Service {
	var out []*endpoints.Service
	for _, k := range endpoints.Keys() {
		s, _ := endpoints.Lookup(k)
		if s.Offers(endpoints.Gateway) || s.HomeRegion != "" {
			continue
		}
		out = append(out, s)
	}
	return out
}

// Scale makes the large stack.
func Scale(app *core.App, name string, c ScaleConfig) *core.Stack {
	stack := core.NewStack(app, name, core.StackProps{Region: c.Region})
	services := scaleServices()[:c.EndpointsPerVpc]
	for i := 0; i < c.Vpcs; i++ {
		id := fmt.Sprintf("vpc%02d", i)
		vpc := network.NewVpc(stack, id, &network.VpcProps{
			Cidr: fmt.Sprintf("10.%d.0.0/16", i), AzCount: c.AzCount,
			Tiers: []network.TierProps{{Name: "endpoints", Prefix: 24}},
		})
		for _, svc := range services {
			endpoints.NewInterfaceEndpoint(stack, id+"-"+svc.Key, &endpoints.InterfaceEndpointProps{Vpc: vpc, Service: svc})
		}
	}
	return stack
}
