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

// The JSON of a pull request is untrusted: whatever it holds, the engine
// gives a verdict for every declared need, never a panic, and the same
// verdicts twice.
func FuzzAnalyze(f *testing.F) {
	withNeed := func(s string) []byte {
		var d map[string]any
		_ = json.Unmarshal([]byte(s), &d)
		d["//"] = map[string]any{"privnet": map[string]any{"needs": []any{
			fromApp(svc("sts"), svc("s3")), fromApp(svc("iam")),
			fromApp(need.Target{Kind: need.Instance, Addr: "aws_instance.app", Ports: []int{22}}),
			fromApp(need.Target{Kind: need.Resource, Stack: "lattice-resource", Addr: "aws_vpclattice_resource_configuration.server-config"}),
			fromApp(need.Target{Kind: need.EndpointService, Stack: "xregion-service", Addr: "aws_vpc_endpoint_service.service"}),
			need.Declared{Path: "x", From: need.Source{External: &need.External{Name: "on-premises", CIDRs: []string{"192.168.0.0/16"}, Vpc: "aws_vpc.v"}}, Need: need.Need{Label: "s3", Targets: []need.Target{svc("s3")}}},
		}}}
		b, _ := json.Marshal(d)
		return b
	}
	f.Add(withNeed(base))
	// The hybrid link and the inbound resolver, for the on-premises need.
	h := hybrid(f, parseDoc(f, base))
	if b, err := json.Marshal(h); err == nil {
		f.Add(withNeed(string(b)))
	}
	// A dual-stack network, and its app subnet IPv6-only with NAT64.
	six := dual(f)
	six.set("resource.aws_vpc_security_group_egress_rule.app_6", map[string]any{"security_group_id": "${aws_security_group.app.id}", "ip_protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv6": "${aws_vpc.v.ipv6_cidr_block}"})
	if b, err := json.Marshal(six); err == nil {
		f.Add(withNeed(string(b)))
	}
	six.set("resource.aws_subnet.app.ipv6_native", true).set("resource.aws_subnet.app.enable_dns64", true).del("resource.aws_subnet.app.cidr_block")
	six.set("resource.aws_route.app_nat64", map[string]any{"route_table_id": "${aws_route_table.app.id}", "destination_ipv6_cidr_block": "64:ff9b::/96", "nat_gateway_id": "${aws_nat_gateway.nat.id}"})
	if b, err := json.Marshal(six); err == nil {
		f.Add(withNeed(string(b)))
	}
	// Two VPCs joined by a Transit Gateway, and by a peering, for the
	// need of the other VPC's instance.
	for _, d := range []doc{viaTransit(f), viaPeering(f)} {
		d.set("//", map[string]any{"privnet": map[string]any{"needs": []any{
			fromApp(need.Target{Kind: need.Instance, Addr: "aws_instance.other", Ports: []int{22}}),
			need.Declared{Path: "t/other", From: need.Source{Addrs: []string{"aws_instance.other"}}, Need: need.Need{Label: "back", Targets: []need.Target{{Kind: need.Instance, Addr: "aws_instance.app", Ports: []int{443}}}}},
		}}})
		if b, err := json.Marshal(d); err == nil {
			f.Add(b)
		}
	}
	files, _ := filepath.Glob(filepath.Join("..", "test", "golden", "*.json"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	// The fuzzed stack is analyzed beside two shipped ones, so that its
	// references into other stacks are followed too.
	var others []*tfjson.Stack
	for _, n := range []string{"lattice-resource", "xregion-service"} {
		others = append(others, golden(f, n).stack(f, n))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := tfjson.Parse("t", b)
		if err != nil {
			return
		}
		stacks := append([]*tfjson.Stack{s}, others...)
		one := Analyze(stacks)
		two := Analyze(stacks)
		want := len(s.Needs) + len(others[0].Needs) + len(others[1].Needs)
		if len(one) != want || len(two) != len(one) {
			t.Fatalf("%d needs, %d verdicts", want, len(one))
		}
		for i := range one {
			if one[i].Verdict != two[i].Verdict || one[i].Problem != two[i].Problem {
				t.Fatalf("verdicts differ between runs: %+v / %+v", one[i], two[i])
			}
			if strings.Contains(one[i].Problem, "privnet failed to evaluate") {
				t.Fatalf("a panic, recovered: %s", one[i].Problem)
			}
			switch one[i].Verdict {
			case Private, Internet, Unreachable, Unknown:
			default:
				t.Fatalf("verdict %q", one[i].Verdict)
			}
		}
	})
}
