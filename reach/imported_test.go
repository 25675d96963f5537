package reach

import (
	"strings"
	"testing"

	"github.com/privnet/privnet/reach/need"
	"github.com/privnet/privnet/record"
	"github.com/privnet/privnet/tfjson"
)

// importedBase is the base network on a VPC the stack imports: the VPC,
// subnets, tables and ACL are known only from the metadata, by their AWS
// IDs, and the app's resources reference them by ID. It holds an ssm
// endpoint and an s3 gateway endpoint made outside the app.
const importedBase = `{
  "//": {"privnet": {"imported": [{"path": "t/shared", "fromRecord": true, "vpc": {
    "id": "vpc-0a1b2c3d4e5f60718", "cidrs": ["10.20.0.0/16", "10.21.0.0/16"], "dnsSupport": true, "dnsHostnames": true,
    "mainRouteTable": "rtb-0c00000000000000c",
    "subnets": [
      {"id": "subnet-0aaa1111bbbb2222c", "az": "us-east-1a", "azId": "use1-az6", "cidr": "10.20.0.0/24", "routeTable": "rtb-0a00000000000000a", "networkAcl": "acl-0a0000000000000aa"},
      {"id": "subnet-0aaa1111bbbb2222e", "az": "us-east-1c", "azId": "use1-az2", "cidr": "10.21.0.0/24", "routeTable": "rtb-0c00000000000000c", "implicit": true, "networkAcl": "acl-0a0000000000000aa"}
    ],
    "routeTables": [
      {"id": "rtb-0a00000000000000a", "routes": [{"destination": "10.20.0.0/16", "target": "local"}, {"destination": "10.21.0.0/16", "target": "local"}]},
      {"id": "rtb-0c00000000000000c", "main": true, "routes": [{"destination": "10.20.0.0/16", "target": "local"}, {"destination": "10.21.0.0/16", "target": "local"}]}
    ],
    "networkAcls": [{"id": "acl-0a0000000000000aa", "default": true, "entries": [
      {"number": 100, "allow": true, "protocol": "-1", "cidr": "0.0.0.0/0"},
      {"number": 100, "egress": true, "allow": true, "protocol": "-1", "cidr": "0.0.0.0/0"}
    ]}],
    "endpoints": [
      {"id": "vpce-0a1b2c3d4e5f60718", "serviceName": "com.amazonaws.us-east-1.ssm", "type": "Interface", "state": "available", "privateDns": true,
       "subnets": ["subnet-0aaa1111bbbb2222c"], "securityGroups": ["sg-0a1b2c3d4e5f60718"]},
      {"id": "vpce-0b1b2c3d4e5f60718", "serviceName": "com.amazonaws.us-east-1.s3", "type": "Gateway", "state": "available",
       "routeTables": ["rtb-0a00000000000000a"]}
    ]}}]}},
  "provider": {"aws": [{"region": "us-east-1"}]},
  "resource": {
    "aws_security_group": {"app": {"vpc_id": "vpc-0a1b2c3d4e5f60718"}, "ep": {"vpc_id": "vpc-0a1b2c3d4e5f60718"}},
    "aws_vpc_security_group_egress_rule": {
      "app_443": {"security_group_id": "${aws_security_group.app.id}", "ip_protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": "10.20.0.0/16"},
      "app_443_2": {"security_group_id": "${aws_security_group.app.id}", "ip_protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": "10.21.0.0/16"}
    },
    "aws_vpc_security_group_ingress_rule": {
      "ep_443": {"security_group_id": "${aws_security_group.ep.id}", "ip_protocol": "tcp", "from_port": 443, "to_port": 443, "referenced_security_group_id": "${aws_security_group.app.id}"}
    },
    "aws_instance": {"app": {"ami": "ami-12345678", "instance_type": "t3.micro", "subnet_id": "subnet-0aaa1111bbbb2222c", "vpc_security_group_ids": ["${aws_security_group.app.id}"]}},
    "aws_vpc_endpoint": {
      "sts": {"vpc_id": "vpc-0a1b2c3d4e5f60718", "service_name": "com.amazonaws.us-east-1.sts", "vpc_endpoint_type": "Interface", "private_dns_enabled": true,
              "subnet_ids": ["subnet-0aaa1111bbbb2222c", "subnet-0aaa1111bbbb2222e"], "security_group_ids": ["${aws_security_group.ep.id}"]}
    }
  }
}`

// Paths through an imported VPC: its recorded pieces are links like the
// app's own, and what the record lacks is unknown, never a pass.
func TestImportedVpc(t *testing.T) {
	const imp = "//.privnet.imported"
	cases := []struct {
		name   string
		change func(t *testing.T, d doc) doc
		need   need.Declared
		want   Verdict
		link   string
		words  string
	}{
		{"an endpoint across both CIDRs, each admitted by a rule", func(t *testing.T, d doc) doc { return d }, fromApp(svc("sts")),
			Private, "", "interface endpoint aws_vpc_endpoint.sts with private DNS"},
		{"the two CIDRs' rules in two groups of the instance", func(t *testing.T, d doc) doc {
			d.set("resource.aws_security_group.app2", obj(t, `{"vpc_id": "vpc-0a1b2c3d4e5f60718"}`))
			d.set("resource.aws_vpc_security_group_egress_rule.app_443_2.security_group_id", "${aws_security_group.app2.id}")
			d.set("resource.aws_instance.app.vpc_security_group_ids", []any{"${aws_security_group.app.id}", "${aws_security_group.app2.id}"})
			d.set("resource.aws_vpc_security_group_ingress_rule.ep_443_2", obj(t, `{"security_group_id": "${aws_security_group.ep.id}", "ip_protocol": "tcp", "from_port": 443, "to_port": 443, "referenced_security_group_id": "${aws_security_group.app2.id}"}`))
			return d
		}, fromApp(svc("sts")), Private, "", "interface endpoint aws_vpc_endpoint.sts with private DNS"},
		{"the owner's default security group, whose rules are not recorded", func(t *testing.T, d doc) doc {
			d.set("resource.aws_vpc_security_group_ingress_rule.ep_vpc", obj(t, `{"security_group_id": "${aws_security_group.ep.id}", "ip_protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": "10.20.0.0/16"}`))
			return d.del("resource.aws_instance.app.vpc_security_group_ids")
		}, fromApp(svc("sts")), Unknown, "", "the rules of the default security group of imported VPC vpc-0a1b2c3d4e5f60718 are not recorded"},
		{"one CIDR's rule gone", func(t *testing.T, d doc) doc {
			return d.del("resource.aws_vpc_security_group_egress_rule.app_443_2")
		}, fromApp(svc("sts")), Unreachable, "client-egress", "allow no TCP 443 out to aws_vpc_endpoint.sts"},
		{"the recorded ACL denies 443 in", func(t *testing.T, d doc) doc {
			acl := importedVpc(t, d)["networkAcls"].([]any)[0].(map[string]any)
			acl["entries"] = append([]any{obj(t, `{"number": 50, "allow": false, "protocol": "6", "fromPort": 443, "toPort": 443, "cidr": "10.20.0.0/16"}`)}, acl["entries"].([]any)...)
			return d
		}, fromApp(svc("sts")), Unreachable, "network-acl", "network ACL acl-0a0000000000000aa of subnet-0aaa1111bbbb2222e blocks TCP 443 in: rule 50 denies it"},
		{"ACLs not given (an import by hand)", func(t *testing.T, d doc) doc {
			return d.set(imp, []any{withUnknown(t, d, "networkAcls")})
		}, fromApp(svc("sts")), Unknown, "network-acl", "the network ACLs of imported VPC vpc-0a1b2c3d4e5f60718 were not given"},
		{"the existing ssm endpoint, whose groups are not recorded", func(t *testing.T, d doc) doc { return d }, fromApp(svc("ssm")),
			Unknown, "model", "the security groups of existing endpoint vpce-0a1b2c3d4e5f60718 (sg-0a1b2c3d4e5f60718) are not recorded"},
		{"s3 through the existing gateway endpoint, no egress to it", func(t *testing.T, d doc) doc { return d }, fromApp(svc("s3")),
			Unreachable, "client-egress", "prefix list of s3"},
		{"s3 through the existing gateway endpoint, egress to its recorded prefix list", func(t *testing.T, d doc) doc {
			rt := importedVpc(t, d)["routeTables"].([]any)[0].(map[string]any)
			rt["routes"] = append(rt["routes"].([]any), obj(t, `{"destination": "pl-63a5400a", "target": "vpce-0b1b2c3d4e5f60718"}`))
			return d.set("resource.aws_vpc_security_group_egress_rule.app_s3", obj(t, `{"security_group_id": "${aws_security_group.app.id}", "ip_protocol": "tcp", "from_port": 443, "to_port": 443, "prefix_list_id": "pl-63a5400a"}`))
		}, fromApp(svc("s3")), Private, "", "gateway endpoint vpce-0b1b2c3d4e5f60718 (existing) through the route table's prefix list"},
		{"kms: no endpoint, no internet in the recorded routes", func(t *testing.T, d doc) doc { return d }, fromApp(svc("kms")),
			Unreachable, "endpoint", "no endpoint for kms in vpc-0a1b2c3d4e5f60718"},
		{"kms: the routes are not known", func(t *testing.T, d doc) doc {
			return d.set(imp, []any{withUnknown(t, d, "routes")})
		}, fromApp(svc("kms")), Unknown, "", "the routes of imported VPC vpc-0a1b2c3d4e5f60718 were not given"},
		{"kms: the endpoints are not known", func(t *testing.T, d doc) doc {
			return d.set(imp, []any{withUnknown(t, d, "endpoints")})
		}, fromApp(svc("kms")), Unknown, "model", "the endpoints of imported VPC vpc-0a1b2c3d4e5f60718 were not given"},
		{"kms: a recorded route to a NAT gateway made elsewhere", func(t *testing.T, d doc) doc {
			rt := importedVpc(t, d)["routeTables"].([]any)[0].(map[string]any)
			rt["routes"] = append(rt["routes"].([]any), obj(t, `{"destination": "0.0.0.0/0", "target": "nat-0a1b2c3d4e5f60718"}`))
			return d
		}, fromApp(svc("kms")), Unknown, "", "NAT gateway nat-0a1b2c3d4e5f60718, which was made outside this app"},
		{"a tier source by subnet ID", func(t *testing.T, d doc) doc {
			return d.set("resource.aws_vpc_security_group_ingress_rule.ep_vpc", obj(t, `{"security_group_id": "${aws_security_group.ep.id}", "ip_protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": "10.20.0.0/16"}`))
		}, need.Declared{Path: "t/shared", From: need.Source{Addrs: []string{"subnet-0aaa1111bbbb2222c"}}, Need: need.Need{Label: "sts", Targets: []need.Target{svc("sts")}}},
			Private, "", "aws_vpc_endpoint.sts"},
		{"hostile metadata: IDs that are not IDs are left out", func(t *testing.T, d doc) doc {
			v := importedVpc(t, d)
			v["id"] = "vpc-<script>"
			return d
		}, fromApp(svc("sts")), Unknown, "", "made outside this app"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := c.change(t, parseDoc(t, importedBase))
			r := New([]*tfjson.Stack{d.stack(t, "t")}).Check("t", c.need)
			if c.link == "" && (c.want == Unknown) {
				if r.Verdict != Unknown || !strings.Contains(r.Problem, c.words) {
					t.Errorf("got %s [%v] %q, want unknown with %q", r.Verdict, r.Link, r.Problem, c.words)
				}
				return
			}
			check(t, r, c.want, c.link, c.words)
		})
	}
}

func importedVpc(t *testing.T, d doc) map[string]any {
	t.Helper()
	return d["//"].(map[string]any)["privnet"].(map[string]any)["imported"].([]any)[0].(map[string]any)["vpc"].(map[string]any)
}

func withUnknown(t *testing.T, d doc, facts ...string) map[string]any {
	t.Helper()
	im := d["//"].(map[string]any)["privnet"].(map[string]any)["imported"].([]any)[0].(map[string]any)
	var u []any
	for _, f := range facts {
		u = append(u, f)
	}
	im["unknown"] = u
	im["fromRecord"] = false
	return im
}

// A recorded prefix-list route to a vpce- target is a gateway endpoint's
// only when the record says the endpoint is of type Gateway: a Gateway
// Load Balancer endpoint's route looks the same, and is kept (unknown).
func TestImportedPrefixListRoutes(t *testing.T) {
	r := record.Route{Destination: "pl-0123456789abcdef0", Target: "vpce-0c1b2c3d4e5f60718"}
	if _, _, kept := importedRoute(r, "rtb-0a00000000000000a", map[string]bool{"vpce-0c1b2c3d4e5f60718": true}); kept {
		t.Error("a gateway endpoint's route was kept")
	}
	got, _, kept := importedRoute(r, "rtb-0a00000000000000a", map[string]bool{})
	if !kept || got.f == "" || got.dstPL != "pl-0123456789abcdef0" {
		t.Errorf("a Gateway Load Balancer endpoint's route: kept %v, %+v", kept, got)
	}
}

// An imported dual-stack VPC: recorded IPv6 routes stay out of the IPv4
// walk, an IPv6-only client takes the AAAA answers of an ipv6 endpoint
// in its subnets, and an existing endpoint whose IP address type the
// record predates is unknown to an IPv6 client.
func TestImportedIpv6(t *testing.T) {
	dualRecord := func(t *testing.T) doc {
		d := parseDoc(t, importedBase)
		v := importedVpc(t, d)
		v["ipv6Cidrs"] = []any{"2600:1f18:1234:5600::/56"}
		subnets := v["subnets"].([]any)
		subnets[0].(map[string]any)["ipv6Cidrs"] = []any{"2600:1f18:1234:5600::/64"}
		subnets[1].(map[string]any)["ipv6Cidrs"] = []any{"2600:1f18:1234:5601::/64"}
		rt := v["routeTables"].([]any)[0].(map[string]any)
		rt["routes"] = append(rt["routes"].([]any), map[string]any{"destination": "::/0", "target": "eigw-0a1b2c3d4e5f60718"})
		acl := v["networkAcls"].([]any)[0].(map[string]any)
		acl["entries"] = append(acl["entries"].([]any),
			map[string]any{"number": 101, "allow": true, "protocol": "-1", "cidr": "::/0"},
			map[string]any{"number": 101, "egress": true, "allow": true, "protocol": "-1", "cidr": "::/0"})
		return d
	}
	run := func(d doc, n need.Declared) Result { return New([]*tfjson.Stack{d.stack(t, "t")}).Check("t", n) }

	// The IPv4 walk does not take ::/0 for a default route.
	d := dualRecord(t)
	d.del("resource.aws_vpc_endpoint.sts")
	check(t, run(d, fromApp(svc("sts"))), Unreachable, "endpoint", "no route to the internet (rtb-0a00000000000000a has no default route)")

	// The app's subnet made IPv6-only; the sts endpoint ipv6 in both
	// subnets (the second made IPv6-only too); the app's group allows
	// 443 out to the VPC's recorded IPv6 block.
	d = dualRecord(t)
	for _, s := range importedVpc(t, d)["subnets"].([]any) {
		s.(map[string]any)["cidr"] = ""
	}
	d.set("resource.aws_vpc_endpoint.sts.ip_address_type", "ipv6")
	d.set("resource.aws_vpc_security_group_egress_rule.app_6", obj(t, `{"security_group_id": "${aws_security_group.app.id}", "ip_protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv6": "2600:1f18:1234:5600::/56"}`))
	check(t, run(d, fromApp(svc("sts"))), Private, "", "interface endpoint aws_vpc_endpoint.sts with private DNS, over IPv6")
	// Its egress to another /56 does not cover the endpoint.
	d.set("resource.aws_vpc_security_group_egress_rule.app_6.cidr_ipv6", "2600:1f18:9999:5600::/56")
	check(t, run(d, fromApp(svc("sts"))), Unreachable, "client-egress", "over IPv6")

	// A recorded ACL entry that cannot be read may match IPv6 too.
	acl := importedVpc(t, d)["networkAcls"].([]any)[0].(map[string]any)
	d.set("resource.aws_vpc_security_group_egress_rule.app_6.cidr_ipv6", "2600:1f18:1234:5600::/56")
	acl["entries"] = append([]any{map[string]any{"number": 1, "egress": true, "allow": false, "protocol": "-1", "cidr": "2600:zz::/0"}}, acl["entries"].([]any)...)
	check(t, run(d, fromApp(svc("sts"))), Unknown, "network-acl", "has a CIDR privnet cannot read")

	// A dual-stack client of an IPv4 endpoint: whether its subnet has
	// DNS64 (and so may take a synthesized AAAA answer) is in the record,
	// or unknown in an older one.
	d = dualRecord(t)
	check(t, run(d, fromApp(svc("sts"))), Unknown, "model", "whether imported subnet subnet-0aaa1111bbbb2222c has DNS64 is not in the record")
	for _, s := range importedVpc(t, d)["subnets"].([]any) {
		s.(map[string]any)["dns64"] = false
	}
	check(t, run(d, fromApp(svc("sts"))), Private, "", "interface endpoint aws_vpc_endpoint.sts")

	// The existing ssm endpoint, recorded without its IP address type:
	// unknown to an IPv6 client, IPv4 to an IPv4-only one.
	d = dualRecord(t)
	delete(importedVpc(t, d)["subnets"].([]any)[0].(map[string]any), "ipv6Cidrs")
	check(t, run(d, fromApp(svc("ssm"))), Unknown, "model", "the security groups of existing endpoint vpce-0a1b2c3d4e5f60718 (sg-0a1b2c3d4e5f60718) are not recorded")
	d = dualRecord(t)
	check(t, run(d, fromApp(svc("ssm"))), Unknown, "model", "the IP address type of existing endpoint vpce-0a1b2c3d4e5f60718 is not in the record")
	importedVpc(t, d)["endpoints"].([]any)[0].(map[string]any)["ipAddressType"] = "ipv4"
	check(t, run(d, fromApp(svc("ssm"))), Unknown, "model", "the security groups of existing endpoint vpce-0a1b2c3d4e5f60718 (sg-0a1b2c3d4e5f60718) are not recorded")
}
