package review

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/privnet/privnet/tfjson"
)

func TestRulePorts(t *testing.T) {
	for in, want := range map[string]string{
		`{"ip_protocol":"tcp","from_port":443,"to_port":443}`:     "443/tcp",
		`{"ip_protocol":"udp","from_port":1024,"to_port":65535}`:  "1024-65535/udp",
		`{"ip_protocol":"TCP","from_port":443.0,"to_port":"443"}`: "443/tcp",
		`{"ip_protocol":"-1"}`:                                  "all traffic",
		`{"ip_protocol":"-1","from_port":1e300}`:                "all traffic", // ports are ignored with -1
		`{"ip_protocol":"icmp","from_port":-1,"to_port":-1}`:    "all ICMP",
		`{"ip_protocol":"icmp","from_port":8,"to_port":0}`:      "ICMP type 8 code 0",
		`{"ip_protocol":"tcp","from_port":-1,"to_port":-1}`:     "all ports/tcp",
		`{"ip_protocol":6,"from_port":22,"to_port":22}`:         "22/6",
		`{"ip_protocol":"tcp","from_port":1e300,"to_port":443}`: "from_port 1e300 is not a port (an integer from -1 to 65535)",
		`{"ip_protocol":"tcp","from_port":1e400,"to_port":443}`: "from_port 1e400 is not a port (an integer from -1 to 65535)",
		`{"ip_protocol":"tcp","from_port":22,"to_port":22.5}`:   "to_port 22.5 is not a port (an integer from -1 to 65535)",
		`{"ip_protocol":"tcp","from_port":-2,"to_port":22}`:     "from_port -2 is not a port (an integer from -1 to 65535)",
		`{"ip_protocol":"tcp","from_port":"x","to_port":22}`:    `from_port "x" is not a port (an integer from -1 to 65535)`,
		`{"ip_protocol":"tcp","from_port":[1],"to_port":22}`:    "from_port [1] is not a port (an integer from -1 to 65535)",
		`{"ip_protocol":"tcp","from_port":443,"to_port":22}`:    "from_port 443 is above to_port 22 (swap them)",
		`{"ip_protocol":"tcp","from_port":-1,"to_port":22}`:     "from_port -1 and to_port 22: use -1 in both for all ports, or two ports",
		`{"ip_protocol":"tcp","from_port":22}`:                  "only one of from_port and to_port is set (set both)",
		`{"ip_protocol":"icmp","from_port":300,"to_port":0}`:    "ICMP type 300, code 0: ICMP types and codes go from -1 to 255",
		`{"from_port":22,"to_port":22}`:                         "ip_protocol (not set) is not a protocol (use tcp, udp, icmp, a protocol number, or -1 for all)",
	} {
		var r map[string]any
		if err := tfjson.DecodeJSON([]byte(in), &r); err != nil {
			t.Fatal(err)
		}
		p, err := parseRulePorts(r)
		got := p.String()
		if err != nil {
			got = err.Error()
		}
		if got != want {
			t.Errorf("%s: %q, want %q", in, got, want)
		}
	}
}

// from_port 1e300 was printed as 0--9223372036854775808: now the rule is
// listed as invalid, at the top and in its stack, and drawn nowhere.
func TestOverflowingPortIsRefused(t *testing.T) {
	s, err := Parse("s", []byte(`{"provider":{"aws":[{"region":"us-east-1"}]},"resource":{
		"aws_security_group":{"g":{}},
		"aws_vpc_endpoint":{"e":{"vpc_endpoint_type":"Interface","security_group_ids":["${aws_security_group.g.id}"]}},
		"aws_vpc_security_group_ingress_rule":{"r":{"security_group_id":"${aws_security_group.g.id}","ip_protocol":"tcp",
			"from_port":1e300,"to_port":1e300,"cidr_ipv4":"0.0.0.0/0"}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	md := Report([]*Stack{s}, nil)
	for _, w := range []string{
		"> [!CAUTION]\n",
		"> - **s**: 1 invalid value(s), left out of the report\n",
		"- `g` (interface endpoint `e`): no rules (nothing in, nothing out)\n",
		"- invalid: aws_vpc_security_group_ingress_rule.r: from_port 1e300 is not a port (an integer from -1 to 65535); the rule is left out\n",
	} {
		if !strings.Contains(md, w) {
			t.Errorf("report lacks %q", w)
		}
	}
	if strings.Contains(md, "9223372036854775808") || strings.Contains(md, "0.0.0.0") {
		t.Errorf("the invalid rule is printed:\n%s", md)
	}
}

// A rule on a group that is not in the stack (a literal sg- id, a data
// source) is shown, not dropped.
func TestRuleOnAnotherGroupIsShown(t *testing.T) {
	r := map[string]any{"security_group_id": "sg-0123456789", "ip_protocol": "tcp", "from_port": json.Number("22"), "to_port": json.Number("22"), "cidr_ipv4": "0.0.0.0/0"}
	s := &Stack{Name: "s", Resources: map[string]map[string]map[string]any{"aws_vpc_security_group_ingress_rule": {"open": r}}}
	want := "- `sg-0123456789` (not a security group of this stack):\n  - 22/tcp from 0.0.0.0/0\n"
	if md := Report([]*Stack{s}, nil); !strings.Contains(md, want) {
		t.Errorf("report lacks %q:\n%s", want, md)
	}
}
