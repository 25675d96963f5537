package review

import (
	"strings"
	"testing"
)

// The report says a VPC's internet egress is filtered by a domain list only
// when it is: privnet's kind of allow list (drop default, ALLOWLIST domain
// lists, nothing stateless) and no route around the firewall. A firewall
// built otherwise is named without a claim about what it lets out.
func TestEgressClaims(t *testing.T) {
	line := func(s *Stack) string {
		md := Report([]*Stack{s}, nil)
		for _, l := range strings.Split(md, "\n") {
			if strings.HasPrefix(l, "  - internet:") {
				return l
			}
		}
		t.Fatalf("no internet line:\n%s", md)
		return ""
	}
	fw := func() *Stack { return find(t, golden(t), "egress-firewall") }
	get := func(s *Stack, typ, name string) map[string]any { return s.Get(typ, name) }
	policy := func(s *Stack) map[string]any {
		return get(s, "aws_networkfirewall_firewall_policy", "network_firewall")["firewall_policy"].(map[string]any)
	}
	domainList := func(s *Stack) map[string]any {
		rg := get(s, "aws_networkfirewall_rule_group", "network_firewall")["rule_group"].(map[string]any)
		return rg["rules_source"].(map[string]any)["rules_source_list"].(map[string]any)
	}

	if got := line(fw()); !strings.Contains(got, "filtered both ways by Network Firewall `network_firewall`, which lets out HTTP and HTTPS to `pypi.org`") {
		t.Errorf("shipped firewall: %s", got)
	}
	// The protocols said are the list's target types.
	s := fw()
	domainList(s)["target_types"] = []any{"TLS_SNI"}
	if got := line(s); !strings.Contains(got, "which lets out HTTPS to `pypi.org`") {
		t.Errorf("TLS_SNI only: %s", got)
	}
	cases := []struct {
		name   string
		change func(s *Stack)
		why    string
	}{
		{"deny list", func(s *Stack) { domainList(s)["generated_rules_type"] = "DENYLIST" }, "a domain list of its policy is not an allow list"},
		{"pass by default", func(s *Stack) { policy(s)["stateful_default_actions"] = []any{"aws:alert_established"} }, "its policy does not drop what no rule passes"},
		{"suricata rules beside the list", func(s *Stack) {
			rg := get(s, "aws_networkfirewall_rule_group", "network_firewall")["rule_group"].(map[string]any)
			rg["rules_source"].(map[string]any)["rules_string"] = "pass ip any any -> any any (sid:1;)"
		}, "a rule group of its policy is not a domain list alone"},
		{"stateless rules", func(s *Stack) {
			policy(s)["stateless_rule_group_reference"] = []any{map[string]any{"priority": 1, "resource_arn": "arn:aws:network-firewall:us-east-1:1:stateless-rulegroup/x"}}
		}, "its policy has stateless rule groups"},
		{"public subnet straight to the gateway", func(s *Stack) {
			r := get(s, "aws_route", "network_public_us-east-1a_default")
			delete(r, "vpc_endpoint_id")
			r["gateway_id"] = "${aws_internet_gateway.network.id}"
		}, "route `network_public_us-east-1a_default` sends traffic to the internet gateway around it"},
		{"a pass rule in a rules group", func(s *Stack) {
			rg := get(s, "aws_networkfirewall_rule_group", "network_firewall-drops")["rule_group"].(map[string]any)
			rg["rules_source"].(map[string]any)["rules_string"] = "pass udp any any -> any 53 (sid:1;)"
		}, "a rule group of its policy is not a domain list alone"},
		{"the main route table to the gateway", func(s *Stack) {
			s.Resources["aws_route"]["main_default"] = map[string]any{"route_table_id": "${aws_vpc.network.main_route_table_id}",
				"destination_cidr_block": "0.0.0.0/0", "gateway_id": "${aws_internet_gateway.network.id}"}
		}, "route `main_default` sends traffic to the internet gateway from a route table with no subnet of its own (the main route table serves every subnet without one)"},
		{"a default route table with inline routes", func(s *Stack) {
			s.Resources["aws_default_route_table"] = map[string]map[string]any{"main": {"default_route_table_id": "${aws_vpc.network.default_route_table_id}",
				"route": []any{map[string]any{"cidr_block": "0.0.0.0/0", "gateway_id": "${aws_internet_gateway.network.id}"}}}}
		}, "route table `main` has inline routes"},
		{"IPv6 out through an egress-only gateway", func(s *Stack) {
			s.Resources["aws_egress_only_internet_gateway"] = map[string]map[string]any{"v6": {"vpc_id": "${aws_vpc.network.id}"}}
		}, "IPv6 leaves through egress-only internet gateway `v6` around it"},
		{"no edge routes back", func(s *Stack) {
			delete(s.Resources["aws_route"], "network_igw-edge_us-east-1a")
			delete(s.Resources["aws_route"], "network_igw-edge_us-east-1b")
		}, "replies from the internet gateway do not come back through it"},
	}
	for _, c := range cases {
		s := fw()
		c.change(s)
		got := line(s)
		want := "with Network Firewall `network_firewall`, whose filtering this report does not analyse (" + c.why + ")"
		if !strings.Contains(got, want) || strings.Contains(got, "lets out") {
			t.Errorf("%s:\n  %s\nwant it to contain\n  %s", c.name, got, want)
		}
	}
}

// An egress-only internet gateway is a way out over IPv6 even in a VPC
// with no internet gateway: the report does not call that VPC closed.
func TestEgressOnlyGatewayIsInternet(t *testing.T) {
	s := stackOf(t, "v6", `{"provider":{"aws":[{"region":"us-east-1"}]},"resource":{
"aws_vpc":{"network":{"cidr_block":"10.0.0.0/16","assign_generated_ipv6_cidr_block":true}},
"aws_egress_only_internet_gateway":{"out6":{"vpc_id":"${aws_vpc.network.id}"}}}}`)
	r := Report([]*Stack{s}, nil)
	for _, want := range []string{
		"VPC `network` reaches the internet (egress-only internet gateway `out6` (IPv6 out)) with no Network Firewall",
		"  - internet: through egress-only internet gateway `out6` (IPv6 out), **with no Network Firewall**\n",
	} {
		if !strings.Contains(r, want) {
			t.Errorf("missing %q in\n%s", want, r)
		}
	}
}
