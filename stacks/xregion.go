package stacks

import (
	"fmt"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/endpointservice"
	"github.com/privnet/privnet/constructs/instance"
	"github.com/privnet/privnet/constructs/network"
)

// XRegionServiceConfig is the working cross-region path (where VPC Lattice cannot go): an
// NLB endpoint service whose supported_regions include the consumers'.
type XRegionServiceConfig struct {
	Name             string   `json:"name"`
	Kind             string   `json:"kind"`
	Region           string   `json:"region"`
	Cidr             string   `json:"cidr"`
	AzCount          int      `json:"azCount"`
	Port             int      `json:"port"`
	SupportedRegions []string `json:"supportedRegions"`
}

func (c *XRegionServiceConfig) check(k *checker) {
	k.region("region", c.Region)
	k.requiredCidr("cidr", c.Cidr)
	k.azCount("azCount", c.AzCount)
	if !k.missing("port", "give the TCP port clients connect to, 1 to 65535") {
		k.count("port", c.Port, 1, 65535, "give the TCP port clients connect to, 1 to 65535")
	}
	k.regions("supportedRegions", c.SupportedRegions)
}

func (c *XRegionServiceConfig) build(app *core.App, name string, built map[string]any) error {
	_, svc := XRegionService(app, name, *c)
	built[name] = svc
	return nil
}

// XRegionService makes the xregion-service stack: a private instance
// behind an internal NLB, published as an endpoint service to this account
// in the supported regions, acceptance required.
func XRegionService(app *core.App, name string, c XRegionServiceConfig) (*core.Stack, *endpointservice.Service) {
	stack := core.NewStack(app, name, core.StackProps{Region: c.Region})
	vpc := network.NewVpc(stack, "network", &network.VpcProps{
		Cidr: c.Cidr, AzCount: c.AzCount,
		Tiers: []network.TierProps{{Name: "app", Prefix: 24}},
	})
	vm := instance.New(stack, "server", &instance.Props{Vpc: vpc, DisableSsm: true})
	svc := endpointservice.New(stack, "service", &endpointservice.Props{
		Vpc:               vpc,
		Port:              c.Port,
		Targets:           []endpointservice.Target{{Instance: vm}},
		SupportedRegions:  c.SupportedRegions,
		AllowedPrincipals: []string{stack.Region.Arn("iam", "", *stack.AccountId(), "root")},
	})
	return stack, svc
}

// XRegionConsumerConfig is the consumer side, in another region.
type XRegionConsumerConfig struct {
	Name         string `json:"name"`
	Kind         string `json:"kind"`
	Region       string `json:"region"`
	Cidr         string `json:"cidr"`
	AzCount      int    `json:"azCount"`
	ServiceStack string `json:"serviceStack"`
}

func (c *XRegionConsumerConfig) check(k *checker) {
	k.region("region", c.Region)
	k.requiredCidr("cidr", c.Cidr)
	k.azCount("azCount", c.AzCount)
	k.stackOfKind("serviceStack", c.ServiceStack, "xregion-service")
}

func (c *XRegionConsumerConfig) needs() []string { return []string{c.ServiceStack} }

func (c *XRegionConsumerConfig) build(app *core.App, name string, built map[string]any) error {
	svc, ok := built[c.ServiceStack].(*endpointservice.Service)
	if !ok {
		return fmt.Errorf("serviceStack %q is not an xregion-service stack built before this one", c.ServiceStack)
	}
	XRegionConsumer(app, name, *c, svc)
	return nil
}

// XRegionConsumer makes the xregion-consumer stack: an interface endpoint to
// the service in its home region (service_region). The service name comes
// from the provider stack through cdktf's cross-stack reference.
func XRegionConsumer(app *core.App, name string, c XRegionConsumerConfig, svc *endpointservice.Service) *core.Stack {
	stack := core.NewStack(app, name, core.StackProps{Region: c.Region})
	vpc := network.NewVpc(stack, "network", &network.VpcProps{
		Cidr: c.Cidr, AzCount: c.AzCount,
		Tiers: []network.TierProps{{Name: "app", Prefix: 24}},
	})
	endpointservice.NewConsumer(stack, "service", &endpointservice.ConsumerProps{Vpc: vpc, Service: svc})
	core.Expect(vpc.Tier("app"), svc)
	return stack
}
