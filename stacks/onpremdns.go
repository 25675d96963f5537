package stacks

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/endpoints"
	"github.com/privnet/privnet/constructs/network"
	"github.com/privnet/privnet/constructs/resolver"
)

// OnPremDnsConfig is hybrid DNS both ways over a hybrid link: an inbound
// Resolver endpoint that on premises forwards the VPC's names to (an STS
// endpoint's among them), and an outbound endpoint with forwarding rules
// that send the VPC's queries for on-premises domains to on-premises DNS
// servers.
type OnPremDnsConfig struct {
	Name              string   `json:"name"`
	Kind              string   `json:"kind"`
	Region            string   `json:"region"`
	Cidr              string   `json:"cidr"`
	AzCount           int      `json:"azCount"`
	OnPremCidrs       []string `json:"onPremCidrs"`
	CustomerGatewayIp string   `json:"customerGatewayIp"`
	DxGatewayId       string   `json:"dxGatewayId"`
	BgpAsn            int      `json:"bgpAsn"`
	// InboundIps fixes the inbound endpoint's IPs, one per AZ, for the
	// on-premises forwarders' configuration.
	InboundIps []string `json:"inboundIps"`
	// Domains are forwarded to DnsServers (on premises, port 53 or
	// "ip:port"); the same servers forward to the inbound endpoint, whose
	// group admits only them.
	Domains    []string `json:"domains"`
	DnsServers []string `json:"dnsServers"`
}

func (c *OnPremDnsConfig) check(k *checker) {
	k.region("region", c.Region)
	k.requiredCidr("cidr", c.Cidr)
	k.azCount("azCount", c.AzCount)
	onPremCidrs(k, "onPremCidrs", c.OnPremCidrs)
	hybridLink(k, c.CustomerGatewayIp, c.DxGatewayId, c.BgpAsn)
	for i, ip := range c.InboundIps {
		k.ipv4(fmt.Sprintf("inboundIps[%d]", i), ip)
	}
	if len(c.Domains) > 0 && len(c.DnsServers) == 0 {
		k.fail("dnsServers", "domains are forwarded, but no DNS server is given", `list the on-premises DNS servers, like ["192.168.10.10"]`)
	}
	for i, d := range c.DnsServers {
		if _, err := netip.ParseAddrPort(d); err != nil {
			k.ipv4(fmt.Sprintf("dnsServers[%d]", i), d)
		}
	}
	seen := map[string]bool{}
	for i, d := range c.Domains {
		n := strings.ToLower(strings.TrimSuffix(strings.TrimSpace(d), "."))
		if seen[n] {
			k.fail(fmt.Sprintf("domains[%d]", i), fmt.Sprintf("%s is listed twice", quote(d)), "list each domain once: AWS associates one rule per domain with a VPC")
		}
		seen[n] = true
	}
}

func (c *OnPremDnsConfig) build(app *core.App, name string, _ map[string]any) error {
	OnPremDns(app, name, *c)
	return nil
}

// OnPremDns makes the onprem-dns stack: a VPC with a workload tier and a
// DNS tier, the on-premises network declared once and linked, an STS
// endpoint that on premises calls by its public name through the inbound
// endpoint, and forwarding rules for the on-premises domains.
func OnPremDns(app *core.App, name string, c OnPremDnsConfig) *core.Stack {
	stack := core.NewStack(app, name, core.StackProps{Region: c.Region})
	vpc := network.NewVpc(stack, "network", &network.VpcProps{
		Cidr:    c.Cidr,
		AzCount: c.AzCount,
		Tiers:   []network.TierProps{{Name: "workloads", Prefix: 24}, {Name: "dns", Prefix: 28}},
	})
	onPrem := network.NewExternal(vpc, "on-premises", c.OnPremCidrs, via(c.DxGatewayId))
	link(stack, vpc, c.CustomerGatewayIp, c.DxGatewayId, c.BgpAsn)
	sts := endpoints.NewInterfaceEndpoint(stack, "sts", &endpoints.InterfaceEndpointProps{Vpc: vpc, Service: endpoints.STS, Tier: "dns", RestrictIngress: true})
	sts.AllowFromNetwork(onPrem)
	var forwarders []string
	for _, s := range c.DnsServers {
		if a, err := netip.ParseAddrPort(s); err == nil {
			s = a.Addr().String() // a server on another port still forwards from its address
		}
		forwarders = append(forwarders, s)
	}
	resolver.NewInbound(stack, "dns-inbound", &resolver.InboundProps{EndpointProps: resolver.EndpointProps{Vpc: vpc, Tier: "dns", Ips: c.InboundIps}, Forwarders: forwarders})
	if len(c.Domains) > 0 {
		out := resolver.NewOutbound(stack, "dns-outbound", &resolver.EndpointProps{Vpc: vpc, Tier: "dns"})
		for i, d := range c.Domains {
			resolver.NewForwardRule(stack, fmt.Sprintf("forward-%d", i), &resolver.ForwardProps{Outbound: out, Domain: d, Targets: c.DnsServers})
		}
	}
	core.Expect(onPrem, endpoints.STS)
	return stack
}
