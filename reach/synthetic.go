package reach

import (
	"encoding/json"
	"fmt"

	"github.com/privnet/privnet/reach/need"
	"github.com/privnet/privnet/tfjson"
)

// Synthetic is one stack of vpcs VPCs, each with three subnets and their
// route tables, ten interface endpoints with their groups and rules, an
// S3 gateway endpoint, and five instances with their groups, each needing
// Session Manager, STS and S3: 49 resources and 5 needs per VPC. It is
// the benchmarks' app (reach, and the review with reachability); 205 VPCs
// make 10,045 resources.
func Synthetic(vpcs int) *tfjson.Stack {
	res := map[string]map[string]map[string]any{}
	add := func(typ, name string, a map[string]any) {
		if res[typ] == nil {
			res[typ] = map[string]map[string]any{}
		}
		res[typ][name] = a
	}
	ref := func(typ, name string) string { return "${" + typ + "." + name + ".id}" }
	services := []string{"ssm", "ssmmessages", "ec2messages", "sts", "kms", "logs", "ecr.api", "ecr.dkr", "secretsmanager", "monitoring"}
	var needs []need.Declared
	for v := 0; v < vpcs; v++ {
		vn := fmt.Sprintf("v%d", v)
		add("aws_vpc", vn, map[string]any{"cidr_block": fmt.Sprintf("10.%d.%d.0/22", v/64, (v%64)*4), "enable_dns_support": true, "enable_dns_hostnames": true})
		var subnets []any
		for s := 0; s < 3; s++ {
			sn := fmt.Sprintf("%s_s%d", vn, s)
			add("aws_subnet", sn, map[string]any{"vpc_id": ref("aws_vpc", vn), "cidr_block": fmt.Sprintf("10.%d.%d.0/24", v/64, (v%64)*4+s), "availability_zone": "us-east-1a"})
			add("aws_route_table", sn, map[string]any{"vpc_id": ref("aws_vpc", vn)})
			add("aws_route_table_association", sn, map[string]any{"subnet_id": ref("aws_subnet", sn), "route_table_id": ref("aws_route_table", sn)})
			subnets = append(subnets, ref("aws_subnet", sn))
		}
		add("aws_vpc_endpoint", vn+"_s3", map[string]any{"vpc_id": ref("aws_vpc", vn), "service_name": "com.amazonaws.us-east-1.s3", "vpc_endpoint_type": "Gateway",
			"route_table_ids": []any{ref("aws_route_table", vn+"_s0"), ref("aws_route_table", vn+"_s1"), ref("aws_route_table", vn+"_s2")}})
		app := vn + "_app"
		add("aws_security_group", app, map[string]any{"vpc_id": ref("aws_vpc", vn)})
		add("aws_vpc_security_group_egress_rule", app+"_443", map[string]any{"security_group_id": ref("aws_security_group", app), "ip_protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": "10.0.0.0/8"})
		add("aws_vpc_security_group_egress_rule", app+"_s3", map[string]any{"security_group_id": ref("aws_security_group", app), "ip_protocol": "tcp", "from_port": 443, "to_port": 443, "prefix_list_id": "${aws_vpc_endpoint." + vn + "_s3.prefix_list_id}"})
		for i, svc := range services {
			en := fmt.Sprintf("%s_e%d", vn, i)
			add("aws_security_group", en, map[string]any{"vpc_id": ref("aws_vpc", vn)})
			add("aws_vpc_security_group_ingress_rule", en, map[string]any{"security_group_id": ref("aws_security_group", en), "ip_protocol": "tcp", "from_port": 443, "to_port": 443, "referenced_security_group_id": ref("aws_security_group", app)})
			add("aws_vpc_endpoint", en, map[string]any{"vpc_id": ref("aws_vpc", vn), "service_name": "com.amazonaws.us-east-1." + svc, "vpc_endpoint_type": "Interface",
				"private_dns_enabled": true, "subnet_ids": subnets, "security_group_ids": []any{ref("aws_security_group", en)}})
		}
		for i := 0; i < 5; i++ {
			in := fmt.Sprintf("%s_i%d", vn, i)
			add("aws_instance", in, map[string]any{"subnet_id": ref("aws_subnet", fmt.Sprintf("%s_s%d", vn, i%3)), "vpc_security_group_ids": []any{ref("aws_security_group", app)}})
			needs = append(needs, need.Declared{Path: in, From: need.Source{Addrs: []string{"aws_instance." + in}}, Need: need.Need{Label: "work",
				Targets: []need.Target{need.Target{Kind: need.Service, Service: "ssm"}, need.Target{Kind: need.Service, Service: "ssmmessages"}, need.Target{Kind: need.Service, Service: "sts"}, need.Target{Kind: need.Service, Service: "s3"}}}})
		}
	}
	b, err := json.Marshal(map[string]any{
		"provider": map[string]any{"aws": []any{map[string]any{"region": "us-east-1"}}},
		"resource": res,
		"//":       map[string]any{"privnet": map[string]any{"needs": needs}},
	})
	if err != nil {
		panic(err)
	}
	st, err := tfjson.Parse("large", b)
	if err != nil {
		panic(err)
	}
	return st
}
