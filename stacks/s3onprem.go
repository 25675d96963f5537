package stacks

import (
	"encoding/json"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/endpoints"
	"github.com/privnet/privnet/constructs/network"
)

// S3OnPremConfig is seed 002: an S3 interface endpoint reached from an
// on-premises network over VPN or Direct Connect.
type S3OnPremConfig struct {
	Name        string   `json:"name"`
	Kind        string   `json:"kind"`
	Region      string   `json:"region"`
	Cidr        string   `json:"cidr"`
	AzCount     int      `json:"azCount"`
	OnPremCidrs []string `json:"onPremCidrs"`
}

func buildS3OnPrem(app *core.App, name string, raw json.RawMessage, _ map[string]any) error {
	var c S3OnPremConfig
	if err := decode(raw, &c); err != nil {
		return err
	}
	S3OnPrem(app, name, c)
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
	return stack
}
