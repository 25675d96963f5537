package stacks

import (
	"fmt"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/endpoints"
	"github.com/privnet/privnet/constructs/network"
	"github.com/privnet/privnet/constructs/resolver"
	"github.com/privnet/privnet/constructs/vpn"
)

// S3OnPremConfig is an S3 interface endpoint reached from an
// on-premises network over Site-to-Site VPN (or Direct Connect), with an
// inbound Resolver endpoint that the on-premises DNS servers forward S3's
// name to.
type S3OnPremConfig struct {
	Name        string   `json:"name"`
	Kind        string   `json:"kind"`
	Region      string   `json:"region"`
	Cidr        string   `json:"cidr"`
	AzCount     int      `json:"azCount"`
	OnPremCidrs []string `json:"onPremCidrs"`
	// CustomerGatewayIp is the on-premises VPN device's static public
	// IPv4 address; DxGatewayId, instead, an existing Direct Connect
	// gateway to associate. One of the two.
	CustomerGatewayIp string `json:"customerGatewayIp"`
	DxGatewayId       string `json:"dxGatewayId"`
	// BgpAsn is the device's ASN for BGP; 0 (the default) routes the
	// on-premises CIDRs statically.
	BgpAsn int `json:"bgpAsn"`
	// ResolverIps fixes the inbound Resolver endpoint's IPs, one per AZ.
	ResolverIps []string `json:"resolverIps"`
	// DnsServers are the on-premises DNS servers that forward S3's name to
	// the inbound endpoint: its group admits only them. Default: the whole
	// on-premises networks.
	DnsServers []string `json:"dnsServers"`
}

func (c *S3OnPremConfig) check(k *checker) {
	k.region("region", c.Region)
	k.requiredCidr("cidr", c.Cidr)
	k.azCount("azCount", c.AzCount)
	onPremCidrs(k, "onPremCidrs", c.OnPremCidrs)
	hybridLink(k, c.CustomerGatewayIp, c.DxGatewayId, c.BgpAsn)
	for i, ip := range c.ResolverIps {
		k.ipv4(fmt.Sprintf("resolverIps[%d]", i), ip)
	}
	for i, ip := range c.DnsServers {
		k.ipv4(fmt.Sprintf("dnsServers[%d]", i), ip)
	}
}

// onPremCidrs checks a required list of on-premises networks.
func onPremCidrs(k *checker, field string, cidrs []string) {
	if k.missing(field, `list the on-premises networks, like ["192.168.0.0/16"]`) {
		return
	}
	if len(cidrs) == 0 {
		k.fail(field, "is empty", `list the on-premises networks, like ["192.168.0.0/16"]`)
	}
	seen := map[string]bool{}
	for i, s := range cidrs {
		f := fmt.Sprintf("%s[%d]", field, i)
		if seen[s] {
			k.fail(f, fmt.Sprintf("%s is listed twice", quote(s)), "list each network once")
		} else {
			k.cidr(f, s)
		}
		seen[s] = true
	}
}

// hybridLink checks the link settings: a VPN device or a Direct Connect
// gateway, not both.
func hybridLink(k *checker, cgw, dx string, asn int) {
	switch {
	case cgw == "" && dx == "":
		k.fail("customerGatewayIp", "no hybrid link: neither customerGatewayIp nor dxGatewayId is given", `give the VPN device's public IPv4 address ("customerGatewayIp": "203.0.113.10"), or an existing Direct Connect gateway's ID ("dxGatewayId")`)
	case cgw != "" && dx != "":
		k.fail("dxGatewayId", "both customerGatewayIp and dxGatewayId are given", "give one link")
	case cgw != "":
		k.ipv4("customerGatewayIp", cgw)
	}
	if asn != 0 && dx != "" {
		k.fail("bgpAsn", "bgpAsn is for a VPN device; a Direct Connect gateway has its own", "drop bgpAsn")
	}
}

func (c *S3OnPremConfig) build(app *core.App, name string, _ map[string]any) error {
	S3OnPrem(app, name, *c)
	return nil
}

// link builds the virtual private gateway and its VPN connection or Direct
// Connect association; the declared networks are routed by propagation
// into every private tier.
func link(stack *core.Stack, vpc *network.Vpc, cgw, dx string, asn int) {
	gw := vpn.NewGateway(stack, "vgw", &vpn.GatewayProps{Vpc: vpc})
	if dx != "" {
		vpn.NewDirectConnect(stack, "direct-connect", &vpn.DirectConnectProps{Gateway: gw, DxGatewayId: dx})
		return
	}
	vpn.NewConnection(stack, "office", &vpn.ConnectionProps{Gateway: gw, CustomerGatewayIp: cgw, BgpAsn: int64(asn)})
}

func via(dx string) string {
	if dx != "" {
		return "Direct Connect"
	}
	return "Site-to-Site VPN"
}

// S3OnPrem makes the s3-onprem stack: the on-premises network declared
// once, the hybrid link with its routes, the S3 interface endpoint that
// admits it, and an inbound Resolver endpoint that its DNS servers forward
// s3.<region>.amazonaws.com to. The endpoint's private DNS answers inbound
// resolvers only: clients in the VPC use the gateway endpoint, which that
// setting requires anyway.
func S3OnPrem(app *core.App, name string, c S3OnPremConfig) *core.Stack {
	stack := core.NewStack(app, name, core.StackProps{Region: c.Region})
	vpc := network.NewVpc(stack, "network", &network.VpcProps{
		Cidr:    c.Cidr,
		AzCount: c.AzCount,
		Tiers:   []network.TierProps{{Name: "isolated", Prefix: 24}},
	})
	onPrem := network.NewExternal(vpc, "on-premises", c.OnPremCidrs, via(c.DxGatewayId))
	link(stack, vpc, c.CustomerGatewayIp, c.DxGatewayId, c.BgpAsn)
	endpoints.NewGatewayEndpoint(stack, "s3-gateway", &endpoints.GatewayEndpointProps{Vpc: vpc, Service: endpoints.S3})
	s3 := endpoints.NewInterfaceEndpoint(stack, "s3", &endpoints.InterfaceEndpointProps{
		Vpc: vpc, Service: endpoints.S3, RestrictIngress: true,
	})
	s3.AllowFromNetwork(onPrem)
	resolver.NewInbound(stack, "dns-inbound", &resolver.InboundProps{EndpointProps: resolver.EndpointProps{Vpc: vpc, Ips: c.ResolverIps}, Forwarders: c.DnsServers})
	core.Expect(onPrem, endpoints.S3)
	return stack
}
