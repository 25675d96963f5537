package review

import (
	"fmt"
	"sort"
	"strings"
)

// Report renders the Markdown for the head stacks; base, when not nil, is
// the base branch's stacks for the change list and its warnings.
func Report(head, base []*Stack) string {
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	w("# privnet review\n\n")
	if base != nil {
		changes := Diff(base, head)
		var warn []Change
		for _, c := range changes {
			if c.Warning != "" {
				warn = append(warn, c)
			}
		}
		if len(warn) > 0 {
			w("> [!WARNING]\n> This change destroys %d resource(s) a closed network depends on:\n", len(warn))
			for _, c := range warn {
				w("> - **%s** `%s`: %s\n", c.Stack, c.Address(), c.Warning)
			}
			w("\n")
		}
		w("## Changes against the base\n\n")
		if len(changes) == 0 {
			w("No resource changes.\n\n")
		} else {
			w("| stack | change | resource | attributes |\n|---|---|---|---|\n")
			for _, c := range changes {
				w("| %s | %s | `%s` | %s |\n", c.Stack, c.Kind, c.Address(), strings.Join(c.Attributes, ", "))
			}
			w("\n")
		}
	}
	w("| stack | region | resources | estimated fixed cost / month |\n|---|---|---|---|\n")
	var total float64
	for _, s := range head {
		c := Estimate(s)
		total += c.Total
		w("| [%s](#%s) | %s | %d | %s |\n", s.Name, anchor(s.Name), s.Region, s.Count(), money(c))
	}
	w("\nPrices: %s. Estimates cover hourly charges only; per-GB rates are listed per stack.\n\n", PricesAsOf)
	for _, s := range head {
		stackSection(&b, s)
	}
	return b.String()
}

func anchor(name string) string { return "stack-" + strings.ToLower(name) }

func money(c Cost) string {
	s := fmt.Sprintf("$%.2f", c.Total)
	if c.Unknown > 0 {
		s += fmt.Sprintf(" + %d item(s) without a price", c.Unknown)
	}
	return s
}

func yesNo(v any) string {
	switch v {
	case true:
		return "yes"
	case false:
		return "no"
	}
	return "—"
}

func stackSection(b *strings.Builder, s *Stack) {
	w := func(format string, a ...any) { fmt.Fprintf(b, format, a...) }
	w("<a id=\"%s\"></a>\n## Stack %s (%s)\n\n", anchor(s.Name), s.Name, s.Region)

	// VPCs and tiers.
	for _, v := range s.Names("aws_vpc") {
		tiers := s.tiersOf(v)
		var parts []string
		for _, t := range tiers {
			parts = append(parts, fmt.Sprintf("%s (%s: %s)", t.name, t.kind, strings.Join(t.cidrs, ", ")))
		}
		w("- VPC `%s` %s, tiers: %s\n", v, str(s.Get("aws_vpc", v), "cidr_block"), strings.Join(parts, "; "))
	}
	w("\n")

	if names := s.Names("aws_vpc_endpoint"); len(names) > 0 {
		w("### Endpoints\n\n| endpoint | service | type | AZs | private DNS | security group | cross-region |\n|---|---|---|---|---|---|---|\n")
		for _, n := range names {
			e := s.Get("aws_vpc_endpoint", n)
			typ := str(e, "vpc_endpoint_type")
			svc := shortService(str(e, "service_name"), s.Region)
			azs := strings.Join(s.azsOf(list(e, "subnet_ids")), ", ")
			switch typ {
			case "Gateway":
				azs = fmt.Sprintf("route tables: %d", len(list(e, "route_table_ids")))
			case "Resource":
				if _, cfg, _, ok := Ref(e["resource_configuration_arn"]); ok {
					svc = "resource configuration " + cfg
				} else {
					svc = str(e, "resource_configuration_arn")
				}
			case "ServiceNetwork":
				if _, sn, _, ok := Ref(e["service_network_arn"]); ok {
					svc = "service network " + sn
				}
			}
			cross := "—"
			if r := str(e, "service_region"); r != "" {
				cross = "to " + r
			}
			pdns := yesNo(e["private_dns_enabled"])
			if typ == "Interface" && e["private_dns_enabled"] == true {
				if d, _ := e["dns_options"].(map[string]any); d["private_dns_only_for_inbound_resolver_endpoint"] == true {
					pdns = "yes (inbound resolver only)"
				}
			}
			sg := strings.Join(sgNames(list(e, "security_group_ids")), ", ")
			if sg == "" {
				sg = "—"
			}
			w("| `%s` | %s | %s | %s | %s | %s | %s |\n", n, svc, typ, azs, pdns, sg, cross)
		}
		w("\n")
	}

	if names := s.Names("aws_ec2_instance_connect_endpoint"); len(names) > 0 {
		w("### EC2 Instance Connect endpoints\n\n")
		for _, n := range names {
			e := s.Get("aws_ec2_instance_connect_endpoint", n)
			to, _ := e["timeouts"].(map[string]any)
			w("- `%s` in %s, preserve_client_ip %s, security group %s, create timeout %s\n", n, s.subnetAz(e["subnet_id"]),
				yesNo(e["preserve_client_ip"]), strings.Join(sgNames(list(e, "security_group_ids")), ", "), str(to, "create"))
		}
		w("\n")
	}

	if names := s.Names("aws_instance"); len(names) > 0 {
		w("### Instances\n\n")
		for _, n := range names {
			i := s.Get("aws_instance", n)
			md, _ := i["metadata_options"].(map[string]any)
			ip := str(i, "private_ip")
			if ip == "" {
				ip = "assigned by AWS"
			}
			w("- `%s` %s in %s, private IP %s, public IP %s, IMDSv2 %s, security group %s\n", n, str(i, "instance_type"), s.subnetAz(i["subnet_id"]),
				ip, yesNo(i["associate_public_ip_address"]), map[bool]string{true: "required", false: "optional"}[str(md, "http_tokens") == "required"],
				strings.Join(sgNames(list(i, "vpc_security_group_ids")), ", "))
		}
		w("\n")
	}

	lattice(b, s)
	rules(b, s)
	costSection(b, s)
	w("### Diagram\n\n```mermaid\n%s```\n\n", Diagram(s))
}

func lattice(b *strings.Builder, s *Stack) {
	w := func(format string, a ...any) { fmt.Fprintf(b, format, a...) }
	gws, cfgs := s.Names("aws_vpclattice_resource_gateway"), s.Names("aws_vpclattice_resource_configuration")
	sns, svcs := s.Names("aws_vpclattice_service_network"), s.Names("aws_vpc_endpoint_service")
	if len(gws)+len(cfgs)+len(sns)+len(svcs) == 0 {
		return
	}
	w("### VPC Lattice and endpoint services\n\n")
	for _, n := range gws {
		g := s.Get("aws_vpclattice_resource_gateway", n)
		_, vpc, _, _ := Ref(g["vpc_id"])
		w("- resource gateway `%s` in VPC `%s`, AZs %s, %s\n", n, vpc, strings.Join(s.azsOf(list(g, "subnet_ids")), ", "), str(g, "ip_address_type"))
	}
	for _, n := range cfgs {
		c := s.Get("aws_vpclattice_resource_configuration", n)
		target := "—"
		for _, d := range list(c, "resource_configuration_definition") {
			dm, _ := d.(map[string]any)
			for _, k := range []string{"ip_resource", "dns_resource", "arn_resource"} {
				for _, x := range list(dm, k) {
					xm, _ := x.(map[string]any)
					for _, a := range []string{"ip_address", "domain_name", "arn"} {
						if v := str(xm, a); v != "" {
							target = v
						}
					}
				}
			}
		}
		via := ""
		if _, g, _, ok := Ref(c["resource_gateway_identifier"]); ok {
			via = " through gateway `" + g + "`"
		}
		if _, g, _, ok := Ref(c["resource_configuration_group_id"]); ok {
			via = " in group `" + g + "`"
		}
		var ports []string
		for _, p := range list(c, "port_ranges") {
			ports = append(ports, fmt.Sprint(p))
		}
		w("- resource configuration `%s` %s → %s, TCP %s%s, shareable service networks %s\n", n, str(c, "type"), target,
			strings.Join(ports, ","), via, yesNo(c["allow_association_to_shareable_service_network"]))
	}
	for _, n := range sns {
		w("- service network `%s`, auth %s\n", n, str(s.Get("aws_vpclattice_service_network", n), "auth_type"))
	}
	for _, n := range svcs {
		e := s.Get("aws_vpc_endpoint_service", n)
		var regions []string
		for _, r := range list(e, "supported_regions") {
			regions = append(regions, fmt.Sprint(r))
		}
		w("- endpoint service `%s`: regions %s, acceptance required %s, %d allowed principal(s)\n", n, strings.Join(regions, ", "),
			yesNo(e["acceptance_required"]), len(list(e, "allowed_principals")))
	}
	w("\n")
}

// rules writes each security group's rules in words.
func rules(b *strings.Builder, s *Stack) {
	groups := s.Names("aws_security_group")
	if len(groups) == 0 {
		return
	}
	type rl struct{ text string }
	byGroup := map[string][]string{}
	for _, kind := range []string{"aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"} {
		word := "from"
		if strings.Contains(kind, "egress") {
			word = "to"
		}
		for _, n := range s.Names(kind) {
			r := s.Get(kind, n)
			_, g, _, ok := Ref(r["security_group_id"])
			if !ok {
				continue
			}
			byGroup[g] = append(byGroup[g], fmt.Sprintf("%s %s %s — %s", portText(r), word, peerText(s, r), str(r, "description")))
		}
	}
	fmt.Fprintf(b, "### Security group rules\n\n")
	for _, g := range groups {
		rs := byGroup[g]
		sort.Strings(rs)
		if len(rs) == 0 {
			fmt.Fprintf(b, "- `%s`: no rules (nothing in, nothing out)\n", g)
			continue
		}
		fmt.Fprintf(b, "- `%s`:\n", g)
		for _, r := range rs {
			fmt.Fprintf(b, "  - %s\n", r)
		}
	}
	fmt.Fprintf(b, "\n")
}

func portText(r map[string]any) string {
	from, _ := num(r, "from_port")
	to, _ := num(r, "to_port")
	p := fmt.Sprintf("%d", int(from))
	if to != from {
		p = fmt.Sprintf("%d-%d", int(from), int(to))
	}
	return p + "/" + str(r, "ip_protocol")
}

func peerText(s *Stack, r map[string]any) string {
	if c := str(r, "cidr_ipv4"); c != "" {
		return c
	}
	if _, g, _, ok := Ref(r["referenced_security_group_id"]); ok {
		return "sg " + g
	}
	if t, n, _, ok := Ref(r["prefix_list_id"]); ok && t == "aws_vpc_endpoint" {
		return "the " + shortService(str(s.Get(t, n), "service_name"), s.Region) + " prefix list (gateway endpoint " + n + ")"
	}
	return "?"
}

func costSection(b *strings.Builder, s *Stack) {
	c := Estimate(s)
	fmt.Fprintf(b, "### Estimated cost (%s)\n\n", s.Region)
	if len(c.Lines) == 0 {
		fmt.Fprintf(b, "No hourly charges: VPCs, subnets, route tables, security groups, gateway endpoints, Instance Connect endpoints and resource configurations are free (instances, KMS keys and logs are billed as usual and not estimated here).\n\n")
	} else {
		fmt.Fprintf(b, "| item | quantity | rate | per month |\n|---|---|---|---|\n")
		for _, l := range c.Lines {
			if !l.Known {
				fmt.Fprintf(b, "| %s | %s | no price in the table | — |\n", l.Item, l.Quantity)
				continue
			}
			fmt.Fprintf(b, "| %s | %s | $%g per unit | $%.2f |\n", l.Item, l.Quantity, l.Rate, l.Monthly)
		}
		fmt.Fprintf(b, "| **total** | | | **%s** |\n\n", money(c))
	}
	if len(c.PerGB) > 0 {
		fmt.Fprintf(b, "On top, per GB: %s.\n\n", strings.Join(c.PerGB, "; "))
	}
}

type tier struct {
	name, kind string
	cidrs      []string
	azs        []string
	subnets    []string
}

// tiersOf groups a VPC's subnets by their privnet:tier tag.
func (s *Stack) tiersOf(vpc string) []*tier {
	var out []*tier
	by := map[string]*tier{}
	for _, n := range s.Names("aws_subnet") {
		sn := s.Get("aws_subnet", n)
		if _, v, _, ok := Ref(sn["vpc_id"]); !ok || v != vpc {
			continue
		}
		tags, _ := sn["tags"].(map[string]any)
		name := str(tags, "privnet:tier")
		if name == "" {
			name = "subnets"
		}
		t := by[name]
		if t == nil {
			t = &tier{name: name, kind: str(tags, "privnet:kind")}
			by[name] = t
			out = append(out, t)
		}
		t.cidrs = append(t.cidrs, str(sn, "cidr_block"))
		t.azs = append(t.azs, str(sn, "availability_zone"))
		t.subnets = append(t.subnets, n)
	}
	return out
}
