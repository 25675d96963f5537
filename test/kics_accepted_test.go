package test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// The KICS acceptances rest on facts about the stacks; the facts that can be
// read from the synthesized JSON are checked here, so that an acceptance
// cannot outlive its reason. "VPC Without Network Firewall" is accepted for
// isolated VPCs only: no gateway, attachment or peering, and no route to
// anything but the VPC itself.
func TestKicsAcceptancesHold(t *testing.T) {
	b, err := os.ReadFile("../tools/scan/kics-accepted.json")
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Accepted []struct {
			Name   string              `json:"name"`
			Where  map[string][]string `json:"where"`
			Reason string              `json:"reason"`
		} `json:"accepted"`
	}
	if err := json.Unmarshal(b, &file); err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, a := range file.Accepted {
		for stack, resources := range a.Where {
			raw, ok := shipped[stack]
			if !ok {
				t.Errorf("%s: accepted in %s, which is not a shipped stack", a.Name, stack)
				continue
			}
			j := parse(t, raw)
			for _, res := range resources {
				typ, name, _ := strings.Cut(res, ".")
				if typ == "output" {
					continue
				}
				if _, ok := j.resources(typ)[name]; !ok {
					t.Errorf("%s: %s accepted in %s, which has no such resource", a.Name, res, stack)
					continue
				}
				if a.Name != "VPC Without Network Firewall" {
					continue
				}
				checked++
				// Isolated VPCs have no link out at all; hybrid ones only
				// their virtual private gateway to on premises.
				hybrid := strings.HasPrefix(a.Reason, "These VPCs reach only on premises")
				// Joined ones only other VPCs, by routes to their blocks
				// through a Transit Gateway or a peering.
				joined := strings.HasPrefix(a.Reason, "These VPCs reach only other VPCs of the app")
				ref := "${aws_vpc." + name + ".id}"
				for n, igw := range j.resources("aws_internet_gateway") {
					if igw["vpc_id"] == ref {
						t.Errorf("%s: %s.%s has internet gateway %s: the acceptance's reason (an isolated VPC) does not hold", a.Name, stack, name, n)
					}
				}
				// No way out of the VPC at all: no NAT, egress-only or
				// VPN gateway, Transit Gateway attachment, peering, or
				// route to any of them.
				for _, typ := range []string{"aws_nat_gateway", "aws_egress_only_internet_gateway", "aws_vpn_gateway", "aws_vpn_connection",
					"aws_ec2_transit_gateway_vpc_attachment", "aws_vpc_peering_connection", "aws_vpc_peering_connection_accepter"} {
					link := strings.HasPrefix(typ, "aws_ec2_transit_gateway") || strings.HasPrefix(typ, "aws_vpc_peering")
					if n := len(j.resources(typ)); n > 0 && !(hybrid && (typ == "aws_vpn_gateway" || typ == "aws_vpn_connection")) && !(joined && link) {
						t.Errorf("%s: %s has %d %s", a.Name, stack, n, typ)
					}
				}
				for n, r := range j.resources("aws_route") {
					for _, k := range []string{"gateway_id", "nat_gateway_id", "transit_gateway_id", "vpc_peering_connection_id", "egress_only_gateway_id", "network_interface_id", "vpc_endpoint_id"} {
						if _, ok := r[k]; ok && !(joined && (k == "transit_gateway_id" || k == "vpc_peering_connection_id")) {
							t.Errorf("%s: %s route %s goes to %s", a.Name, stack, n, k)
						}
					}
					if dst, _ := r["destination_cidr_block"].(string); joined && (dst == "" || strings.HasSuffix(dst, "/0")) {
						t.Errorf("%s: %s route %s goes to %q, not another VPC's block", a.Name, stack, n, dst)
					}
				}
			}
		}
	}
	if checked == 0 {
		t.Error("no VPC Without Network Firewall acceptance checked")
	}
}
