package reach

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/privnet/privnet/reach/need"
	"github.com/privnet/privnet/tfjson"
)

// doc is a Terraform JSON document being edited by a test.
type doc map[string]any

func parseDoc(t testing.TB, s string) doc {
	t.Helper()
	var d doc
	if err := json.Unmarshal([]byte(s), &d); err != nil {
		t.Fatalf("fixture: %v", err)
	}
	return d
}

// walk returns the object that holds the last key of a dotted path, made
// on the way when make is set.
func (d doc) walk(path string, make bool) (map[string]any, string) {
	keys := strings.Split(path, ".")
	m := map[string]any(d)
	for _, k := range keys[:len(keys)-1] {
		next, ok := m[k].(map[string]any)
		if !ok {
			if !make {
				return nil, ""
			}
			next = map[string]any{}
			m[k] = next
		}
		m = next
	}
	return m, keys[len(keys)-1]
}

// set writes a value at a dotted path ("resource.aws_vpc.v.enable_dns_support").
func (d doc) set(path string, v any) doc {
	m, k := d.walk(path, true)
	m[k] = v
	return d
}

// del removes what a dotted path names.
func (d doc) del(path string) doc {
	if m, k := d.walk(path, false); m != nil {
		delete(m, k)
	}
	return d
}

// get reads what a dotted path names.
func (d doc) get(path string) any {
	m, k := d.walk(path, false)
	if m == nil {
		return nil
	}
	return m[k]
}

// obj is a JSON object literal, for set.
func obj(t testing.TB, s string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatalf("obj %s: %v", s, err)
	}
	return m
}

func (d doc) clone(t testing.TB) doc {
	b, _ := json.Marshal(d)
	var c doc
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

func (d doc) stack(t testing.TB, name string) *tfjson.Stack {
	t.Helper()
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	s, err := tfjson.Parse(name, b)
	if err != nil {
		t.Fatalf("stack %s: %v", name, err)
	}
	return s
}

// golden loads a shipped stack's golden snapshot (with its declared
// needs in the metadata).
func golden(t testing.TB, name string) doc {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "test", "golden", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	return parseDoc(t, string(b))
}

// goldenNames lists the shipped stacks.
func goldenNames(t testing.TB) []string {
	files, err := filepath.Glob(filepath.Join("..", "test", "golden", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden stacks: %v", err)
	}
	var out []string
	for _, f := range files {
		out = append(out, strings.TrimSuffix(filepath.Base(f), ".json"))
	}
	return out
}

// base is the smallest private network: an instance in an app subnet, an
// STS interface endpoint with private DNS in an endpoint subnet, the
// instance's group allowed 443 out to the VPC, the endpoint's group
// admitting the instance's group. No route to the internet.
const base = `{
  "provider": {"aws": [{"region": "us-east-1"}]},
  "resource": {
    "aws_vpc": {"v": {"cidr_block": "10.0.0.0/16", "enable_dns_support": true, "enable_dns_hostnames": true}},
    "aws_subnet": {
      "app": {"vpc_id": "${aws_vpc.v.id}", "cidr_block": "10.0.1.0/24", "availability_zone": "us-east-1a"},
      "ep":  {"vpc_id": "${aws_vpc.v.id}", "cidr_block": "10.0.2.0/24", "availability_zone": "us-east-1a"}
    },
    "aws_route_table": {"app": {"vpc_id": "${aws_vpc.v.id}"}, "ep": {"vpc_id": "${aws_vpc.v.id}"}},
    "aws_route_table_association": {
      "app": {"subnet_id": "${aws_subnet.app.id}", "route_table_id": "${aws_route_table.app.id}"},
      "ep":  {"subnet_id": "${aws_subnet.ep.id}", "route_table_id": "${aws_route_table.ep.id}"}
    },
    "aws_security_group": {"app": {"vpc_id": "${aws_vpc.v.id}"}, "ep": {"vpc_id": "${aws_vpc.v.id}"}},
    "aws_vpc_security_group_egress_rule": {
      "app_443": {"security_group_id": "${aws_security_group.app.id}", "ip_protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": "10.0.0.0/16"}
    },
    "aws_vpc_security_group_ingress_rule": {
      "ep_443": {"security_group_id": "${aws_security_group.ep.id}", "ip_protocol": "tcp", "from_port": 443, "to_port": 443, "referenced_security_group_id": "${aws_security_group.app.id}"}
    },
    "aws_instance": {"app": {"ami": "ami-12345678", "instance_type": "t3.micro", "subnet_id": "${aws_subnet.app.id}", "vpc_security_group_ids": ["${aws_security_group.app.id}"]}},
    "aws_vpc_endpoint": {
      "sts": {"vpc_id": "${aws_vpc.v.id}", "service_name": "com.amazonaws.us-east-1.sts", "vpc_endpoint_type": "Interface", "private_dns_enabled": true,
              "subnet_ids": ["${aws_subnet.ep.id}"], "security_group_ids": ["${aws_security_group.ep.id}"]}
    }
  }
}`

// fromApp is a need of the base network's instance.
func fromApp(targets ...need.Target) need.Declared {
	return need.Declared{Path: "t/app", From: need.Source{Addrs: []string{"aws_instance.app"}}, Need: need.Need{Label: "test", Targets: targets}}
}

func svc(key string) need.Target { return need.Target{Kind: need.Service, Service: key} }

// hybrid adds the base network's link to on premises (192.168.0.0/16): a
// virtual private gateway with a static VPN connection routing it, its
// routes propagated into the endpoint subnet's table, an inbound Resolver
// endpoint in that subnet whose group admits it on 53 (UDP and TCP), and the endpoint's
// group (ep) admitting it on 443.
func hybrid(t testing.TB, d doc) doc {
	d.set("resource.aws_vpn_gateway.vgw", obj(t, `{"vpc_id": "${aws_vpc.v.id}"}`))
	d.set("resource.aws_customer_gateway.cgw", obj(t, `{"ip_address": "203.0.113.10", "type": "ipsec.1"}`))
	d.set("resource.aws_vpn_connection.office", obj(t, `{"vpn_gateway_id": "${aws_vpn_gateway.vgw.id}", "customer_gateway_id": "${aws_customer_gateway.cgw.id}", "type": "ipsec.1", "static_routes_only": true}`))
	d.set("resource.aws_vpn_connection_route.office", obj(t, `{"vpn_connection_id": "${aws_vpn_connection.office.id}", "destination_cidr_block": "192.168.0.0/16"}`))
	d.set("resource.aws_vpn_gateway_route_propagation.ep", obj(t, `{"vpn_gateway_id": "${aws_vpn_gateway.vgw.id}", "route_table_id": "${aws_route_table.ep.id}"}`))
	d.set("resource.aws_security_group.dns", obj(t, `{"vpc_id": "${aws_vpc.v.id}"}`))
	d.set("resource.aws_vpc_security_group_ingress_rule.dns_53", obj(t, `{"security_group_id": "${aws_security_group.dns.id}", "ip_protocol": "tcp", "from_port": 53, "to_port": 53, "cidr_ipv4": "192.168.0.0/16"}`))
	d.set("resource.aws_vpc_security_group_ingress_rule.dns_53u", obj(t, `{"security_group_id": "${aws_security_group.dns.id}", "ip_protocol": "udp", "from_port": 53, "to_port": 53, "cidr_ipv4": "192.168.0.0/16"}`))
	d.set("resource.aws_route53_resolver_endpoint.inbound", obj(t, `{"direction": "INBOUND", "security_group_ids": ["${aws_security_group.dns.id}"],
		"ip_address": [{"subnet_id": "${aws_subnet.ep.id}"}, {"subnet_id": "${aws_subnet.ep.id}", "ip": "10.0.2.10"}]}`))
	d.set("resource.aws_vpc_security_group_ingress_rule.ep_onprem", obj(t, `{"security_group_id": "${aws_security_group.ep.id}", "ip_protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": "192.168.0.0/16"}`))
	return d
}

// publicNat adds a public subnet routed to an internet gateway, with a
// NAT gateway in it (nothing routes to it yet).
func publicNat(t testing.TB, d doc) doc {
	d.set("resource.aws_subnet.pub", obj(t, `{"vpc_id": "${aws_vpc.v.id}", "cidr_block": "10.0.0.0/24", "availability_zone": "us-east-1a"}`))
	d.set("resource.aws_route_table.pub", obj(t, `{"vpc_id": "${aws_vpc.v.id}"}`))
	d.set("resource.aws_route_table_association.pub", obj(t, `{"subnet_id": "${aws_subnet.pub.id}", "route_table_id": "${aws_route_table.pub.id}"}`))
	d.set("resource.aws_internet_gateway.igw", obj(t, `{"vpc_id": "${aws_vpc.v.id}"}`))
	d.set("resource.aws_nat_gateway.nat", obj(t, `{"subnet_id": "${aws_subnet.pub.id}", "allocation_id": "eipalloc-1"}`))
	d.set("resource.aws_route.pub_default", obj(t, `{"route_table_id": "${aws_route_table.pub.id}", "destination_cidr_block": "0.0.0.0/0", "gateway_id": "${aws_internet_gateway.igw.id}"}`))
	return d
}
