package review

import (
	"strings"
	"testing"
)

// The hybrid section of the shipped stacks, and how it changes with the
// JSON: what reach reads, the review shows the same way.
func TestHybridSection(t *testing.T) {
	section := func(s *Stack) string {
		md := Report([]*Stack{s}, nil)
		start := strings.Index(md, "### Hybrid link and DNS\n")
		if start < 0 {
			t.Fatalf("no hybrid section in %s", s.Name)
		}
		end := strings.Index(md[start+1:], "\n### ")
		return md[start : start+1+end]
	}
	s3 := find(t, golden(t), "s3-onprem")
	got := section(s3)
	for _, w := range []string{
		"- virtual private gateway `vgw`, attached to VPC `network`, Amazon-side ASN AWS's default (64512)\n",
		"  - Site-to-Site VPN connection `office` to customer gateway `office` at 203.0.113.10 (two tunnels, each in its own AZ); static routes 192.168.0.0/16\n",
		"  - route tables that learn its routes (propagation): `network_isolated_ap-northeast-1a`, `network_isolated_ap-northeast-1c`\n",
		"- Resolver endpoint `dns-inbound` (inbound): 10.2.0.10 (ap-northeast-1a), 10.2.1.10 (ap-northeast-1c), security group `dns-inbound_sg`\n",
		"  - admits 192.168.10.10/32, 192.168.10.11/32 only: AWS tracks these connections",
		"- The path of s3: on premises resolves the service's name through the inbound endpoint and gets interface endpoint `s3`",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("section lacks %q:\n%s", w, got)
		}
	}
	dns := find(t, golden(t), "onprem-dns")
	if w := "- Resolver rule `forward-0` (forward): `corp.example.com` and its subdomains go to 192.168.10.10:53, 192.168.10.11:53 through outbound endpoint `dns-outbound`, for VPCs `network`\n"; !strings.Contains(section(dns), w) {
		t.Errorf("section lacks %q:\n%s", w, section(dns))
	}
	if w := "ASN 65010 (two tunnels, each in its own AZ); BGP: the gateway sends the VPC's traffic to what the device advertises"; !strings.Contains(section(dns), w) {
		t.Errorf("section lacks %q", w)
	}

	// The same pieces written another way: an attachment, propagation in
	// the table, routing as a string, an inbound endpoint opened to all
	// with all egress (untracked), then with narrower egress (tracked).
	g := find(t, golden(t), "s3-onprem")
	delete(g.Resources["aws_vpn_gateway"]["vgw"], "vpc_id")
	g.Resources["aws_vpn_gateway_attachment"] = map[string]map[string]any{"a": {"vpc_id": "${aws_vpc.network.id}", "vpn_gateway_id": "${aws_vpn_gateway.vgw.id}"}}
	delete(g.Resources, "aws_vpn_gateway_route_propagation")
	g.Resources["aws_route_table"]["network_isolated_ap-northeast-1a"]["propagating_vgws"] = []any{"${aws_vpn_gateway.vgw.id}"}
	g.Resources["aws_vpn_connection"]["office"]["static_routes_only"] = "${var.static}"
	rules := g.Resources["aws_vpc_security_group_ingress_rule"]
	for n := range rules {
		if strings.HasPrefix(n, "dns-inbound") {
			delete(rules, n)
		}
	}
	rules["open"] = map[string]any{"security_group_id": "${aws_security_group.dns-inbound_sg.id}", "ip_protocol": "udp", "from_port": 53.0, "to_port": 53.0, "cidr_ipv4": "0.0.0.0/0", "description": "DNS from anywhere, untracked: peak 60k QPS"}
	g.Resources["aws_vpc_security_group_egress_rule"] = map[string]map[string]any{
		"all": {"security_group_id": "${aws_security_group.dns-inbound_sg.id}", "ip_protocol": "-1", "cidr_ipv4": "0.0.0.0/0"},
	}
	got = section(g)
	for _, w := range []string{
		"attached to VPC `network` (by `a`)",
		"routing \\${var.static} (not a literal value)",
		"  - route tables that learn its routes (propagation): `network_isolated_ap-northeast-1a`\n",
		"  - port 53 open to all addresses, and all egress, so AWS does not track the flows (Route 53 \"Resolver endpoint scaling\"): DNS from anywhere, untracked: peak 60k QPS\n",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("section lacks %q:\n%s", w, got)
		}
	}
	g.Resources["aws_vpc_security_group_egress_rule"]["all"]["ip_protocol"] = "udp"
	g.Resources["aws_vpc_security_group_egress_rule"]["all"]["from_port"] = 53.0
	g.Resources["aws_vpc_security_group_egress_rule"]["all"]["to_port"] = 53.0
	if w := "port 53 open to all addresses, but egress is narrower than all traffic to all addresses, so AWS still tracks the flows"; !strings.Contains(section(g), w) {
		t.Errorf("section lacks %q:\n%s", w, section(g))
	}
}

// The cost lines of the hybrid pieces: resolver ENI-hours priced with the
// source on the line, VPN hours counted without a rate, per-GB items that
// say per GB.
func TestHybridCost(t *testing.T) {
	c := Estimate(find(t, golden(t), "s3-onprem"))
	var resolver, vpn *CostLine
	for i, l := range c.Lines {
		switch l.Item {
		case "Route 53 Resolver endpoints":
			resolver = &c.Lines[i]
		case "Site-to-Site VPN connections":
			vpn = &c.Lines[i]
		}
	}
	if resolver == nil || !resolver.Known || resolver.Units != 2*HoursPerMonth || resolver.Monthly != 182.50 || !strings.Contains(resolver.Quantity, "AWS Knowledge Center") {
		t.Errorf("resolver line %+v", resolver)
	}
	if vpn == nil || vpn.Known || !strings.Contains(vpn.Quantity, "1 connection × 730 h") {
		t.Errorf("VPN line %+v", vpn)
	}
	if money(c) != "$202.94 + 1 item(s) without a price" {
		t.Errorf("total %s", money(c))
	}
	// China is not priced: the one rate names no region of it.
	s := find(t, golden(t), "s3-onprem")
	s.Region = "cn-north-1"
	for _, l := range Estimate(s).Lines {
		if l.Item == "Route 53 Resolver endpoints" && l.Known {
			t.Errorf("resolver priced in China: %+v", l)
		}
	}
}
