package stacks

import (
	"fmt"
	"strconv"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/instance"
	"github.com/privnet/privnet/constructs/network"
	"github.com/privnet/privnet/constructs/securitygroup"
	"github.com/privnet/privnet/constructs/transit"
)

// LatticePeerConfig is the Lattice scenario's working alternative across
// regions (VPC Lattice cannot cross them): a consumer VPC in another
// region reaches the lattice-resource stack's server over inter-region
// VPC peering. The peering's accepter side is a stack of its own,
// <name>-accepter, in the server's region.
type LatticePeerConfig struct {
	Name          string `json:"name"`
	Kind          string `json:"kind"`
	Region        string `json:"region"`
	Cidr          string `json:"cidr"`
	AzCount       int    `json:"azCount"`
	ResourceStack string `json:"resourceStack"`
	Port          int    `json:"port"`
}

func (c *LatticePeerConfig) check(k *checker) {
	k.region("region", c.Region)
	k.requiredCidr("cidr", c.Cidr)
	k.azCount("azCount", c.AzCount)
	k.stackOfKind("resourceStack", c.ResourceStack, "lattice-resource")
	if !k.missing("port", "give the TCP port the consumer calls the server on, 1 to 65535") {
		k.count("port", c.Port, 1, 65535, "give the TCP port the consumer calls the server on, 1 to 65535")
	}
}

func (c *LatticePeerConfig) needs() []string { return []string{c.ResourceStack} }

func (c *LatticePeerConfig) build(app *core.App, name string, built map[string]any) error {
	res, ok := built[c.ResourceStack].(latticeBuilt)
	if !ok {
		return fmt.Errorf("resourceStack %q is not a lattice-resource stack built before this one", c.ResourceStack)
	}
	LatticePeer(app, name, *c, res.provider, res.server)
	return nil
}

// LatticePeer makes the lattice-peer stack and its accepter stack: a
// consumer VPC peered with the provider VPC (the requester here, the
// accepter side in <name>-accepter), routes both ways, and the server
// admitting the consumer's block on the port. Across regions a rule
// cannot name the consumer's groups (PN-SG-8): it names its CIDR.
func LatticePeer(app *core.App, name string, c LatticePeerConfig, provider *network.Vpc, server *instance.Instance) *core.Stack {
	stack := core.NewStack(app, name, core.StackProps{Region: c.Region})
	consumer := network.NewVpc(stack, "consumer", &network.VpcProps{
		Cidr: c.Cidr, AzCount: c.AzCount,
		Tiers: []network.TierProps{{Name: "app", Prefix: 24}},
	})
	accepter := core.NewStack(app, name+"-accepter", core.StackProps{Region: provider.Stack.Region.Name})
	transit.NewPeering(stack, "peering", &transit.PeeringProps{
		Requester: consumer, Accepter: provider, AccepterScope: accepter,
		AccepterTiers: []string{"app"},
	})
	server.SecurityGroup().AllowIngressFromCidr(securitygroup.TCP(c.Port), c.Cidr,
		fmt.Sprintf("%d/tcp from consumer VPC %s over peering %s/peering", c.Port, consumer.Path, stack.Name))
	core.Expect(consumer.Tier("app"), server.On(c.Port))
	return stack
}

// TransitHubConfig is three VPCs on one Transit Gateway: a shared-services
// VPC with a server, and two spokes that reach it and not each other.
type TransitHubConfig struct {
	Name       string   `json:"name"`
	Kind       string   `json:"kind"`
	Region     string   `json:"region"`
	SharedCidr string   `json:"sharedCidr"`
	SpokeCidrs []string `json:"spokeCidrs"`
	AzCount    int      `json:"azCount"`
	Port       int      `json:"port"`
}

func (c *TransitHubConfig) check(k *checker) {
	k.region("region", c.Region)
	k.requiredCidr("sharedCidr", c.SharedCidr)
	k.azCount("azCount", c.AzCount)
	if !k.missing("spokeCidrs", "list the spokes' VPC CIDRs, one or more") {
		if len(c.SpokeCidrs) == 0 || len(c.SpokeCidrs) > 8 {
			k.fail("spokeCidrs", fmt.Sprintf("has %d entries", len(c.SpokeCidrs)), "list 1 to 8 spoke VPC CIDRs")
		}
		for i, s := range c.SpokeCidrs {
			k.requiredCidr("spokeCidrs["+strconv.Itoa(i)+"]", s)
		}
	}
	if !k.missing("port", "give the TCP port the spokes call the server on, 1 to 65535") {
		k.count("port", c.Port, 1, 65535, "give the TCP port the spokes call the server on, 1 to 65535")
	}
}

func (c *TransitHubConfig) build(app *core.App, name string, _ map[string]any) error {
	TransitHub(app, name, *c)
	return nil
}

// TransitHub makes the transit-hub stack. Each VPC gives the gateway a
// small tier of its own in every AZ (AWS's advice: a /28 per AZ for the
// attachment). The spokes' table learns only the shared VPC; the shared
// table learns every spoke: spokes do not reach one another.
func TransitHub(app *core.App, name string, c TransitHubConfig) *core.Stack {
	stack := core.NewStack(app, name, core.StackProps{Region: c.Region})
	tiers := []network.TierProps{{Name: "app", Prefix: 24}, {Name: "tgw", Prefix: 28}}
	shared := network.NewVpc(stack, "shared", &network.VpcProps{Cidr: c.SharedCidr, AzCount: c.AzCount, Tiers: tiers})
	gw := transit.NewGateway(stack, "tgw", nil)
	hub := transit.Attach(stack, "shared-attachment", &transit.AttachmentProps{Gateway: gw, Vpc: shared, Tier: "tgw"})
	server := instance.New(stack, "server", &instance.Props{Vpc: shared, DisableSsm: true})
	var spokes []*transit.Attachment
	var spokeVpcs []*network.Vpc
	for i, cidr := range c.SpokeCidrs {
		id := fmt.Sprintf("spoke-%d", i+1)
		v := network.NewVpc(stack, id, &network.VpcProps{Cidr: cidr, AzCount: c.AzCount, Tiers: tiers})
		a := transit.Attach(stack, id+"-attachment", &transit.AttachmentProps{Gateway: gw, Vpc: v, Tier: "tgw"})
		a.RouteTo([]string{c.SharedCidr}, "app")
		server.SecurityGroup().AllowIngressFromCidr(securitygroup.TCP(c.Port), cidr, fmt.Sprintf("%d/tcp from %s over Transit Gateway %s", c.Port, v.Path, gw.Path))
		spokes, spokeVpcs = append(spokes, a), append(spokeVpcs, v)
	}
	hub.RouteTo(c.SpokeCidrs, "app")
	transit.NewRouteTable(stack, "spokes-table", &transit.RouteTableProps{Gateway: gw, Associate: spokes, Propagate: []*transit.Attachment{hub}})
	transit.NewRouteTable(stack, "shared-table", &transit.RouteTableProps{Gateway: gw, Associate: []*transit.Attachment{hub}, Propagate: spokes})
	for _, v := range spokeVpcs {
		core.Expect(v.Tier("app"), server.On(c.Port))
	}
	return stack
}
