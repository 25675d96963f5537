package stacks

import (
	"fmt"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/instance"
	"github.com/privnet/privnet/constructs/lattice"
	"github.com/privnet/privnet/constructs/network"
	"github.com/privnet/privnet/constructs/securitygroup"
)

// LatticeResourceConfig is VPC Lattice resource access in one region: a provider VPC exposes a
// private instance through a resource gateway and a SINGLE resource
// configuration; a consumer VPC reaches it through a Resource endpoint.
type LatticeResourceConfig struct {
	Name         string `json:"name"`
	Kind         string `json:"kind"`
	Region       string `json:"region"`
	ProviderCidr string `json:"providerCidr"`
	ConsumerCidr string `json:"consumerCidr"`
	AzCount      int    `json:"azCount"`
	InstanceIp   string `json:"instanceIp"`
	Ports        string `json:"ports"`
}

func (c *LatticeResourceConfig) check(k *checker) {
	k.region("region", c.Region)
	k.requiredCidr("providerCidr", c.ProviderCidr)
	k.requiredCidr("consumerCidr", c.ConsumerCidr)
	k.azCount("azCount", c.AzCount)
	k.ipv4("instanceIp", c.InstanceIp)
	k.ports("ports", c.Ports)
}

func (c *LatticeResourceConfig) build(app *core.App, name string, built map[string]any) error {
	_, provider, vm := LatticeResource(app, name, *c)
	built[name] = latticeBuilt{provider: provider, server: vm}
	return nil
}

// latticeBuilt is what a lattice-resource stack gives the stacks after
// it: the provider VPC and the server a peered consumer reaches.
type latticeBuilt struct {
	provider *network.Vpc
	server   *instance.Instance
}

// LatticeResource makes the lattice-resource stack.
func LatticeResource(app *core.App, name string, c LatticeResourceConfig) (*core.Stack, *network.Vpc, *instance.Instance) {
	stack := core.NewStack(app, name, core.StackProps{Region: c.Region})
	provider := network.NewVpc(stack, "provider", &network.VpcProps{
		Cidr: c.ProviderCidr, AzCount: c.AzCount,
		Tiers: []network.TierProps{{Name: "app", Prefix: 24}},
	})
	consumer := network.NewVpc(stack, "consumer", &network.VpcProps{
		Cidr: c.ConsumerCidr, AzCount: c.AzCount,
		Tiers: []network.TierProps{{Name: "app", Prefix: 24}},
	})
	vm := instance.New(stack, "server", &instance.Props{Vpc: provider, PrivateIp: c.InstanceIp, DisableSsm: true})
	gw := lattice.NewResourceGateway(stack, "gateway", &lattice.ResourceGatewayProps{Vpc: provider})
	cfg := lattice.NewResourceConfiguration(stack, "server-config", &lattice.ResourceConfigurationProps{
		Gateway: gw, IpAddress: c.InstanceIp, Ports: c.Ports,
	})
	// The instance admits the gateway on the configuration's ports.
	for _, p := range cfg.Ports {
		vm.SecurityGroup().AllowIngressFrom(securitygroup.Port{Protocol: "tcp", From: p.From, To: p.To}, gw,
			fmt.Sprintf("%s/tcp from resource gateway %s", p, gw.Path))
	}
	lattice.NewResourceEndpoint(stack, "server-endpoint", &lattice.ResourceEndpointProps{Vpc: consumer, Configuration: cfg})
	// A workload of the consumer's app tier reaches the server on the
	// configuration's ports (22 and 443 by default).
	core.Expect(consumer.Tier("app"), cfg)
	return stack, provider, vm
}
