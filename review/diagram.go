package review

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

var unsafeID = regexp.MustCompile(`[^A-Za-z0-9_]`)

func id(kind, name string) string { return kind + "_" + unsafeID.ReplaceAllString(name, "_") }

// Diagram is a Mermaid flowchart of the stack: VPCs and tiers as
// subgraphs, endpoints, instances and Lattice pieces inside the tier of
// their first subnet, and the flows their security groups allow.
func Diagram(s *Stack) string {
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	w("flowchart LR\n")

	// Which node owns which security group, and which tier each subnet is in.
	owner := map[string]string{}
	nodeTier := map[string][]string{} // tier id -> node lines
	subnetTier := map[string]string{}
	for _, v := range s.Names("aws_vpc") {
		for _, t := range s.tiersOf(v) {
			for _, sn := range t.subnets {
				subnetTier[sn] = id("tier", v+"_"+t.name)
			}
		}
	}
	place := func(node, label string, subnet any) {
		tierID := ""
		if _, sn, _, ok := Ref(subnet); ok {
			tierID = subnetTier[sn]
		}
		nodeTier[tierID] = append(nodeTier[tierID], fmt.Sprintf("%s[\"%s\"]", node, label))
	}
	first := func(v []any) any {
		if len(v) > 0 {
			return v[0]
		}
		return nil
	}
	for _, n := range s.Names("aws_vpc_endpoint") {
		e := s.Get("aws_vpc_endpoint", n)
		node := id("ep", n)
		label := fmt.Sprintf("%s endpoint %s", strings.ToLower(str(e, "vpc_endpoint_type")), shortService(str(e, "service_name"), s.Region))
		switch str(e, "vpc_endpoint_type") {
		case "Gateway":
			nodeTier[""] = append(nodeTier[""], fmt.Sprintf("%s[(\"%s\")]", node, label))
			continue
		case "Resource":
			label = "resource endpoint " + n
		case "ServiceNetwork":
			label = "service network endpoint " + n
		}
		place(node, label, first(list(e, "subnet_ids")))
		for _, g := range sgNames(list(e, "security_group_ids")) {
			owner[g] = node
		}
	}
	// The other owners of security groups: type, node prefix, label, the
	// subnet attribute (first element of a list, or a single reference) and
	// the security groups attribute.
	for _, o := range []struct{ tfType, prefix, label, subnets, groups string }{
		{"aws_instance", "i", "instance", "subnet_id", "vpc_security_group_ids"},
		{"aws_ec2_instance_connect_endpoint", "eic", "Instance Connect endpoint", "subnet_id", "security_group_ids"},
		{"aws_vpclattice_resource_gateway", "rgw", "resource gateway", "subnet_ids", "security_group_ids"},
		{"aws_lb", "nlb", "NLB", "subnets", "security_groups"},
	} {
		for _, n := range s.Names(o.tfType) {
			r := s.Get(o.tfType, n)
			node := id(o.prefix, n)
			subnet := r[o.subnets]
			if l, isList := subnet.([]any); isList {
				subnet = first(l)
			}
			place(node, o.label+" "+n, subnet)
			for _, g := range sgNames(list(r, o.groups)) {
				owner[g] = node
			}
		}
	}

	for _, v := range s.Names("aws_vpc") {
		w("  subgraph %s[\"VPC %s %s\"]\n", id("vpc", v), v, str(s.Get("aws_vpc", v), "cidr_block"))
		for _, t := range s.tiersOf(v) {
			tid := id("tier", v+"_"+t.name)
			w("    subgraph %s[\"%s tier (%s)\"]\n", tid, t.name, t.kind)
			var sns []string
			for i, c := range t.cidrs {
				sns = append(sns, c+" "+t.azs[i])
			}
			w("      %s_subnets[\"%s\"]\n", tid, strings.Join(sns, "<br/>"))
			for _, l := range nodeTier[tid] {
				w("      %s\n", l)
			}
			w("    end\n")
		}
		w("  end\n")
	}
	for _, l := range nodeTier[""] {
		w("  %s\n", l)
	}
	for _, n := range s.Names("aws_vpclattice_resource_configuration") {
		c := s.Get("aws_vpclattice_resource_configuration", n)
		w("  %s{{\"resource configuration %s\"}}\n", id("rc", n), n)
		if _, g, _, ok := Ref(c["resource_gateway_identifier"]); ok {
			w("  %s --> %s\n", id("rc", n), id("rgw", g))
		}
		if _, g, _, ok := Ref(c["resource_configuration_group_id"]); ok {
			w("  %s --> %s\n", id("rc", n), id("rc", g))
		}
		for _, d := range list(c, "resource_configuration_definition") {
			dm, _ := d.(map[string]any)
			for _, x := range list(dm, "ip_resource") {
				xm, _ := x.(map[string]any)
				if inst := instanceWithIp(s, str(xm, "ip_address")); inst != "" {
					w("  %s -. \"names\" .-> %s\n", id("rc", n), id("i", inst))
				}
			}
		}
	}
	for _, n := range s.Names("aws_vpc_endpoint") {
		e := s.Get("aws_vpc_endpoint", n)
		if _, c, _, ok := Ref(e["resource_configuration_arn"]); ok {
			w("  %s --> %s\n", id("ep", n), id("rc", c))
		}
		if strings.Contains(str(e, "service_name"), "${") {
			w("  %s -. \"PrivateLink to %s\" .-> remote_%s((\"endpoint service in another stack\"))\n", id("ep", n), str(e, "service_region"), id("ep", n))
		}
	}
	for _, n := range s.Names("aws_vpc_endpoint_service") {
		e := s.Get("aws_vpc_endpoint_service", n)
		w("  %s[/\"endpoint service %s\"/]\n", id("svc", n), n)
		for _, l := range list(e, "network_load_balancer_arns") {
			if _, lb, _, ok := Ref(l); ok {
				w("  %s --> %s\n", id("svc", n), id("nlb", lb))
			}
		}
	}

	// Flows allowed by security groups: ingress rules, from the peer to
	// the group's owner; egress rules to a group are drawn from the
	// ingress side only, so each flow shows once.
	var edges []string
	seen := map[string]bool{}
	cidrNodes := map[string]bool{}
	for _, n := range s.Names("aws_vpc_security_group_ingress_rule") {
		r := s.Get("aws_vpc_security_group_ingress_rule", n)
		_, g, _, ok := Ref(r["security_group_id"])
		to := owner[g]
		if !ok || to == "" {
			continue
		}
		from := ""
		if _, pg, _, ok := Ref(r["referenced_security_group_id"]); ok {
			from = owner[pg]
		} else if c := str(r, "cidr_ipv4"); c != "" {
			from = id("net", c)
			if !cidrNodes[from] {
				cidrNodes[from] = true
				label := c
				if vpc := vpcWithCidr(s, c); vpc != "" {
					label = "clients in VPC " + vpc
				}
				edges = append(edges, fmt.Sprintf("  %s([\"%s\"])", from, label))
			}
		}
		if from == "" {
			continue
		}
		e := fmt.Sprintf("  %s -- \"%s\" --> %s", from, portText(r), to)
		if !seen[e] {
			seen[e] = true
			edges = append(edges, e)
		}
	}
	for _, n := range s.Names("aws_vpc_security_group_egress_rule") {
		r := s.Get("aws_vpc_security_group_egress_rule", n)
		_, g, _, _ := Ref(r["security_group_id"])
		from := owner[g]
		if from == "" {
			continue
		}
		to := ""
		c := str(r, "cidr_ipv4")
		inst := instanceWithIp(s, strings.TrimSuffix(c, "/32"))
		switch t, pl, _, ok := Ref(r["prefix_list_id"]); {
		case ok && t == "aws_vpc_endpoint":
			to = id("ep", pl)
		case strings.HasSuffix(c, "/32") && inst != "":
			to = id("i", inst)
		case strings.HasSuffix(c, "/32"):
			to = id("net", c)
			if !cidrNodes[to] {
				cidrNodes[to] = true
				edges = append(edges, fmt.Sprintf("  %s([\"%s\"])", to, strings.TrimSuffix(c, "/32")))
			}
		}
		if to == "" {
			continue
		}
		e := fmt.Sprintf("  %s -- \"%s\" --> %s", from, portText(r), to)
		if !seen[e] {
			seen[e] = true
			edges = append(edges, e)
		}
	}
	sort.SliceStable(edges, func(i, j int) bool {
		// node definitions first, then edges, each in a stable order
		ni, nj := !strings.Contains(edges[i], "--"), !strings.Contains(edges[j], "--")
		if ni != nj {
			return ni
		}
		return edges[i] < edges[j]
	})
	for _, e := range edges {
		w("%s\n", e)
	}
	return b.String()
}

func instanceWithIp(s *Stack, ip string) string {
	for _, n := range s.Names("aws_instance") {
		if ip != "" && str(s.Get("aws_instance", n), "private_ip") == ip {
			return n
		}
	}
	return ""
}

func vpcWithCidr(s *Stack, cidr string) string {
	for _, v := range s.Names("aws_vpc") {
		if str(s.Get("aws_vpc", v), "cidr_block") == cidr {
			return v
		}
	}
	return ""
}
