package stacks

import (
	"fmt"
	"regexp"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/endpoints"
	"github.com/privnet/privnet/constructs/instance"
	"github.com/privnet/privnet/constructs/network"
	"github.com/privnet/privnet/constructs/transit"
)

// HubSpokeConfig is AWS's "centralized access to VPC private endpoints":
// one hub VPC holds the interface endpoints, and two spokes, one of them
// in another account, use them over a Transit Gateway through the hub's
// private hosted zones.
type HubSpokeConfig struct {
	Name   string `json:"name"`
	Kind   string `json:"kind"`
	Region string `json:"region"`
	// Account is the hub's (and the first spoke's); RemoteAccount the
	// second spoke's.
	Account       string `json:"account"`
	RemoteAccount string `json:"remoteAccount"`
	HubCidr       string `json:"hubCidr"`
	SpokeCidr     string `json:"spokeCidr"`
	RemoteCidr    string `json:"remoteCidr"`
	AzCount       int    `json:"azCount"`
	// Services the hub serves. Default: Session Manager's (ssm,
	// ssmmessages, ec2messages), sts, kms, ecr.api and ecr.dkr.
	Services []string `json:"services"`
	// OrganizationId limits the hub's endpoints to the organization's
	// principals. Default: no endpoint policy.
	OrganizationId string `json:"organizationId"`
}

var accountID = regexp.MustCompile(`^[0-9]{12}$`)

func (c *HubSpokeConfig) check(k *checker) {
	k.region("region", c.Region)
	for _, f := range []struct{ field, v string }{{"account", c.Account}, {"remoteAccount", c.RemoteAccount}} {
		if !k.missing(f.field, `give a 12-digit AWS account ID like "111122223333"`) && !accountID.MatchString(f.v) {
			k.fail(f.field, fmt.Sprintf("%s is not a 12-digit AWS account ID", quote(f.v)), `write it like "111122223333"`)
		}
	}
	if c.Account != "" && c.Account == c.RemoteAccount {
		k.fail("remoteAccount", "is the hub's account", "give the second spoke's account, another than the hub's")
	}
	k.requiredCidr("hubCidr", c.HubCidr)
	k.requiredCidr("spokeCidr", c.SpokeCidr)
	k.requiredCidr("remoteCidr", c.RemoteCidr)
	k.azCount("azCount", c.AzCount)
	if k.has("services") {
		if len(c.Services) == 0 || len(c.Services) > 50 {
			k.fail("services", fmt.Sprintf("has %d entries", len(c.Services)), "list 1 to 50 catalog services, or leave it out")
		}
		k.services("services", c.Services)
	}
}

func (c *HubSpokeConfig) build(app *core.App, name string, _ map[string]any) error {
	HubSpoke(app, name, *c)
	return nil
}

// hubServices is the default of HubSpokeConfig.Services.
var hubServices = []string{"ssm", "ssmmessages", "ec2messages", "sts", "kms", "ecr.api", "ecr.dkr"}

// HubSpoke makes the hub-spoke stacks:
//   - <name> (the hub's account): the hub VPC with the endpoints and their
//     zones, the Transit Gateway shared with the remote account, the first
//     spoke, and both route tables;
//   - <name>-remote (the remote account): the second spoke and its
//     attachment;
//   - <name>-accept (the hub's account): the acceptance of that attachment
//     and the authorizations of its zone associations;
//   - <name>-associate (the remote account): the zone associations.
//
// Each spoke has an instance that needs Session Manager, served by the
// hub. Spokes learn only the hub's block; the hub learns both spokes'.
func HubSpoke(app *core.App, name string, c HubSpokeConfig) *core.Stack {
	stack := core.NewStack(app, name, core.StackProps{Region: c.Region, Account: c.Account})
	remote := core.NewStack(app, name+"-remote", core.StackProps{Region: c.Region, Account: c.RemoteAccount})
	accept := core.NewStack(app, name+"-accept", core.StackProps{Region: c.Region, Account: c.Account})
	associate := core.NewStack(app, name+"-associate", core.StackProps{Region: c.Region, Account: c.RemoteAccount})

	spokeTiers := []network.TierProps{{Name: "app", Prefix: 24}, {Name: "tgw", Prefix: 28}}
	hub := network.NewVpc(stack, "hub", &network.VpcProps{Cidr: c.HubCidr, AzCount: c.AzCount,
		Tiers: []network.TierProps{{Name: "endpoints", Prefix: 24}, {Name: "tgw", Prefix: 28}}})
	gw := transit.NewGateway(stack, "tgw", &transit.GatewayProps{ShareWith: []string{c.RemoteAccount}})
	ha := transit.Attach(stack, "hub-attachment", &transit.AttachmentProps{Gateway: gw, Vpc: hub, Tier: "tgw"})
	local := network.NewVpc(stack, "spoke", &network.VpcProps{Cidr: c.SpokeCidr, AzCount: c.AzCount, Tiers: spokeTiers})
	la := transit.Attach(stack, "spoke-attachment", &transit.AttachmentProps{Gateway: gw, Vpc: local, Tier: "tgw"})
	far := network.NewVpc(remote, "spoke", &network.VpcProps{Cidr: c.RemoteCidr, AzCount: c.AzCount, Tiers: spokeTiers})
	fa := transit.Attach(remote, "spoke-attachment", &transit.AttachmentProps{Gateway: gw, Vpc: far, Tier: "tgw", AccepterScope: accept})
	la.RouteTo([]string{c.HubCidr}, "app")
	fa.RouteTo([]string{c.HubCidr}, "app")
	ha.RouteTo([]string{c.SpokeCidr, c.RemoteCidr}, "endpoints")
	transit.NewRouteTable(stack, "spokes-table", &transit.RouteTableProps{Gateway: gw, Associate: []*transit.Attachment{la, fa}, Propagate: []*transit.Attachment{ha}})
	transit.NewRouteTable(stack, "hub-table", &transit.RouteTableProps{Gateway: gw, Associate: []*transit.Attachment{ha}, Propagate: []*transit.Attachment{la, fa}})

	keys := c.Services
	if len(keys) == 0 {
		keys = hubServices
	}
	var svcs []*endpoints.Service
	regions := map[*endpoints.Service]string{}
	for _, k := range keys {
		if s, ok := endpoints.Lookup(k); ok {
			svcs = append(svcs, s)
			// IAM's only endpoint is in its control plane's region: a hub
			// elsewhere reaches it cross-region.
			if home := s.HomeRegion(stack.Region.Partition); home != "" && home != stack.Region.Name {
				regions[s] = home
			}
		}
	}
	endpoints.NewHub(stack, "shared", &endpoints.HubProps{
		Vpc: hub, Tier: "endpoints", Services: svcs, OrganizationId: c.OrganizationId, ServiceRegions: regions,
		Spokes:        []*network.Vpc{local},
		AccountSpokes: []endpoints.AccountSpoke{{Vpc: far, AuthorizeScope: accept, AssociateScope: associate}},
	})
	for _, sp := range []*network.Vpc{local, far} {
		instance.New(sp.Stack, "app", &instance.Props{Vpc: sp, Tier: "app", Reaches: []endpoints.Need{endpoints.SessionManager}})
	}
	return stack
}
