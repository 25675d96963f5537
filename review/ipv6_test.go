package review

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// goldenWith is a golden stack with its resources changed by change.
func goldenWith(t *testing.T, name string, change func(resources map[string]any)) *Stack {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "test", "golden", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var d map[string]any
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	change(d["resource"].(map[string]any))
	b, _ = json.Marshal(d)
	return stackOf(t, name, string(b))
}

// withRules is a golden stack with ingress rules added.
func withRules(t *testing.T, name string, rules map[string]any) *Stack {
	t.Helper()
	return goldenWith(t, name, func(res map[string]any) {
		in := res["aws_vpc_security_group_ingress_rule"].(map[string]any)
		for k, v := range rules {
			in[k] = v
		}
	})
}

// IPv6 rules in the diagram: the VPC's IPv6 block is the same clients as
// its IPv4 block (one node, one flow); another IPv6 network is a node of
// its own.
func TestDiagramIpv6Rules(t *testing.T) {
	rule := func(k, v string) map[string]any {
		return map[string]any{"security_group_id": "${aws_security_group.kms_sg.id}", "ip_protocol": "tcp", "from_port": 443, "to_port": 443, k: v}
	}
	s := withRules(t, "dual-stack", map[string]any{
		"v4":  rule("cidr_ipv4", "10.20.0.0/16"),
		"v6":  rule("cidr_ipv6", "${aws_vpc.network.ipv6_cidr_block}"),
		"lit": rule("cidr_ipv6", "2001:db8:1::/56"),
	})
	md := Report([]*Stack{s}, nil)
	if n := strings.Count(md, `(["clients in VPC network"])`); n != 1 {
		t.Errorf("%d nodes for the VPC's clients:\n%s", n, md)
	}
	if !strings.Contains(md, `(["2001:db8:1::/56"])`) {
		t.Errorf("no node for the IPv6 network:\n%s", md)
	}
}

// An inbound Resolver endpoint of IPv4 addresses (privnet's) is asked by
// no IPv6 network: an IPv6 rule on 53, even ::/0, changes nothing. One
// with IPv6 addresses lists the IPv6 networks it admits.
func TestHybridIpv6Admission(t *testing.T) {
	rule := func(v string) map[string]any {
		return map[string]any{"security_group_id": "${aws_security_group.dns-inbound_sg.id}", "ip_protocol": "udp", "from_port": 53, "to_port": 53, "cidr_ipv6": v}
	}
	for _, v := range []string{"2001:db8::/56", "::/0"} {
		md := Report([]*Stack{withRules(t, "s3-onprem", map[string]any{"six": rule(v)})}, nil)
		if !strings.Contains(md, "admits 192.168.10.10/32, 192.168.10.11/32 only") || strings.Contains(md, "port 53 open to all addresses") {
			t.Errorf("%s changed the IPv4 endpoint's admission:\n%s", v, md)
		}
	}
	dual := goldenWith(t, "s3-onprem", func(res map[string]any) {
		res["aws_vpc_security_group_ingress_rule"].(map[string]any)["six"] = rule("2001:db8::/56")
		for _, e := range res["aws_route53_resolver_endpoint"].(map[string]any) {
			e.(map[string]any)["resolver_endpoint_type"] = "DUALSTACK"
		}
	})
	if md := Report([]*Stack{dual}, nil); !strings.Contains(md, "admits 192.168.10.10/32, 192.168.10.11/32, 2001:db8::/56 only") {
		t.Errorf("the dual-stack endpoint's IPv6 network is not listed:\n%s", md)
	}
}

// An IPv6-only tier and its instance: the /64s they take, and no private
// IPv4 address said to be assigned.
func TestIpv6OnlyTierInReport(t *testing.T) {
	md := Report([]*Stack{find(t, golden(t), "dual-stack")}, nil)
	for _, want := range []string{
		"v6 (isolated: IPv6 /64 number 4, IPv6 /64 number 5)",
		"`worker` t3.micro in us-east-1a, private IP none (IPv6-only subnet: an IPv6 address assigned by AWS)",
		`["IPv6 /64 number 4 us-east-1a<br/>IPv6 /64 number 5 us-east-1b"]`,
	} {
		if !strings.Contains(md, want) {
			t.Errorf("no %q in\n%s", want, md)
		}
	}
}
