package stacks

import (
	"fmt"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/network"
)

// EgressFirewallConfig is a VPC whose private tier reaches the internet
// only through NAT behind an AWS Network Firewall that lets out HTTPS and
// HTTP to the listed domains, nothing else.
type EgressFirewallConfig struct {
	Name           string   `json:"name"`
	Kind           string   `json:"kind"`
	Region         string   `json:"region"`
	Cidr           string   `json:"cidr"`
	AzCount        int      `json:"azCount"`
	AllowedDomains []string `json:"allowedDomains"`
}

func (c *EgressFirewallConfig) check(k *checker) {
	k.region("region", c.Region)
	k.requiredCidr("cidr", c.Cidr)
	k.azCount("azCount", c.AzCount)
	for i, d := range c.AllowedDomains {
		if !network.ValidFirewallDomain(d) {
			k.fail(fmt.Sprintf("allowedDomains[%d]", i), fmt.Sprintf("%s is not a domain name", quote(d)),
				`write "example.com", or ".example.com" for it and its subdomains`)
		}
	}
}

func (c *EgressFirewallConfig) build(app *core.App, name string, _ map[string]any) error {
	EgressFirewall(app, name, *c)
	return nil
}

// EgressFirewall makes the egress-firewall stack: public subnets holding a
// NAT gateway per AZ, private subnets that reach the internet through
// them, and a Network Firewall, in subnets of its own, on the way between
// the public subnets and the internet gateway, both ways.
func EgressFirewall(app *core.App, name string, c EgressFirewallConfig) *core.Stack {
	stack := core.NewStack(app, name, core.StackProps{Region: c.Region})
	network.NewVpc(stack, "network", &network.VpcProps{
		Cidr:    c.Cidr,
		AzCount: c.AzCount,
		Nat:     network.NatPerAz,
		Tiers: []network.TierProps{
			{Name: "public", Kind: network.Public, Prefix: 24},
			{Name: "app", Kind: network.PrivateWithNat, Prefix: 22},
		},
		Firewall: &network.FirewallProps{AllowedDomains: c.AllowedDomains},
	})
	return stack
}
