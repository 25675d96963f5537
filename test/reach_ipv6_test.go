package test

import (
	"strings"
	"testing"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/endpoints"
	pninstance "github.com/privnet/privnet/constructs/instance"
	"github.com/privnet/privnet/constructs/network"
)

// Reachability over IPv6. A dual-stack client given A and AAAA answers may
// use either, so both paths must pass; here the endpoint admits the
// client's IPv4 network only.
func TestReachDualStackBothFamilies(t *testing.T) {
	got, warn := runNeeds(t, "us-east-1", func(s *core.Stack) {
		v := network.NewVpc(s, "net", &network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 2, Ipv6: true,
			Tiers: []network.TierProps{{Name: "app", Ip: network.DualStack}}})
		kms := endpoints.NewInterfaceEndpoint(s, "kms", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.KMS, IpAddressType: "dualstack", RestrictIngress: true})
		kms.AllowFromCidr("10.0.0.0/16")
		pninstance.New(s, "app", &pninstance.Props{Vpc: v, DisableSsm: true, Reaches: []endpoints.Need{endpoints.KMS}})
	})
	wantIssues(t, got,
		`PN-REACH-1 t/app: aws_instance.app cannot reach kms (need "kms"): over IPv6: aws_vpc_endpoint.kms (security groups aws_security_group.kms_sg) does not admit TCP 443 from aws_instance.app [link: target-ingress] (fix: admit the client on TCP 443: the construct's AllowFrom with the client, or its CIDR)`)
	if len(warn) != 0 {
		t.Errorf("warnings %v", warn)
	}
	// The same with DnsRecordIpType ipv4: the name answers A records only,
	// and the IPv4 path is the only one.
	got, warn = runNeeds(t, "us-east-1", func(s *core.Stack) {
		v := network.NewVpc(s, "net", &network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 2, Ipv6: true,
			Tiers: []network.TierProps{{Name: "app", Ip: network.DualStack}}})
		kms := endpoints.NewInterfaceEndpoint(s, "kms", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.KMS, IpAddressType: "dualstack", DnsRecordIpType: "ipv4", RestrictIngress: true})
		kms.AllowFromCidr("10.0.0.0/16")
		pninstance.New(s, "app", &pninstance.Props{Vpc: v, DisableSsm: true, Reaches: []endpoints.Need{endpoints.KMS}})
	})
	if len(got)+len(warn) != 0 {
		t.Errorf("issues %v, warnings %v", got, warn)
	}
}

// IPv6-only tiers: an ipv6 endpoint is reached over IPv6; an IPv4 endpoint
// only through DNS64 and NAT64, which an isolated tier has not and a
// private-with-nat tier has; an IPv4-only tier cannot use an ipv6
// endpoint.
func TestReachIpv6Only(t *testing.T) {
	got, warn := runNeeds(t, "us-east-1", func(s *core.Stack) {
		v := sixVpc(s, "net")
		endpoints.NewInterfaceEndpoint(s, "kms", &endpoints.InterfaceEndpointProps{Vpc: v, Tier: "data", Service: endpoints.KMS, IpAddressType: "ipv6"})
		endpoints.NewInterfaceEndpoint(s, "sts", &endpoints.InterfaceEndpointProps{Vpc: v, Tier: "legacy", Service: endpoints.STS})
		core.Expect(v.Tier("data"), endpoints.KMS, endpoints.STS)
		core.Expect(v.Tier("app"), endpoints.STS)
		core.Expect(v.Tier("legacy"), endpoints.KMS)
	})
	wantIssues(t, got,
		`PN-REACH-1 t/net: aws_subnet.net_data_us-east-1a, aws_subnet.net_data_us-east-1b cannot reach sts (need "sts"): aws_subnet.net_data_us-east-1a is IPv6-only, and aws_vpc_endpoint.sts answers IPv4 addresses only; without DNS64 on the subnet no IPv6 address is synthesized [link: ip-family] (fix: make the endpoint dualstack or ipv6 (an ipv6 one in IPv6-only subnets), or give the subnet DNS64 and a route for 64:ff9b::/96 to a NAT gateway (a private-with-nat IPv6-only tier))`,
		`PN-REACH-1 t/net: aws_subnet.net_legacy_us-east-1a, aws_subnet.net_legacy_us-east-1b cannot reach kms (need "kms"): aws_vpc_endpoint.kms answers IPv6 addresses only (an ipv6 endpoint), and tier subnet aws_subnet.net_legacy_us-east-1a has no IPv6 address [link: ip-family] (fix: give the client's subnet an IPv6 block (a dualstack tier), or make the endpoint dualstack with A records)`)
	if len(warn) != 0 {
		t.Errorf("warnings %v", warn)
	}
	// Through NAT64 the endpoint sees the NAT gateway's IPv4 address: an
	// endpoint that admits only the IPv4 tier turns it away.
	got, _ = runNeeds(t, "us-east-1", func(s *core.Stack) {
		v := sixVpc(s, "net")
		sts := endpoints.NewInterfaceEndpoint(s, "sts", &endpoints.InterfaceEndpointProps{Vpc: v, Tier: "legacy", Service: endpoints.STS, RestrictIngress: true})
		sts.AllowFromCidr("10.0.3.0/24")
		core.Expect(v.Tier("app"), endpoints.STS)
	})
	if len(got) != 1 || !strings.Contains(got[0], "does not admit TCP 443 from NAT gateway aws_nat_gateway.net_us-east-1a (NAT64 for") {
		t.Errorf("issues %v", got)
	}
}
