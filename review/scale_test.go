package review

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/privnet/privnet/reach"
)

// bigStack is the cdk.tf.json of a stack with about n resources, in the
// proportions that made the report quadratic: per VPC two subnets, an
// instance with its group and two rules, and an endpoint with its group
// and a rule from the instance; every rule's CIDR names a VPC or an
// instance, so the lookups by CIDR and IP run for each of them.
func bigStack(n int) []byte {
	res := map[string]map[string]any{}
	add := func(t, name string, attrs map[string]any) {
		if res[t] == nil {
			res[t] = map[string]any{}
		}
		res[t][name] = attrs
	}
	for i := 0; len(res["aws_vpc"])*10 < n; i++ {
		v := fmt.Sprintf("v%d", i)
		cidr := fmt.Sprintf("10.%d.%d.0/24", i/256%256, i%256)
		add("aws_vpc", v, map[string]any{"cidr_block": cidr})
		for j := range 2 {
			add("aws_subnet", fmt.Sprintf("%s_s%d", v, j), map[string]any{"vpc_id": "${aws_vpc." + v + ".id}", "cidr_block": cidr,
				"availability_zone": fmt.Sprintf("us-east-1%c", 'a'+j), "tags": map[string]any{"privnet:tier": "app", "privnet:kind": "isolated"}})
		}
		ip := fmt.Sprintf("10.%d.%d.10", i/256%256, i%256)
		add("aws_instance", v+"_i", map[string]any{"subnet_id": "${aws_subnet." + v + "_s0.id}", "private_ip": ip, "instance_type": "t3.micro",
			"vpc_security_group_ids": []any{"${aws_security_group." + v + "_isg.id}"}})
		add("aws_security_group", v+"_isg", map[string]any{})
		add("aws_vpc_security_group_egress_rule", v+"_out", map[string]any{"security_group_id": "${aws_security_group." + v + "_isg.id}",
			"ip_protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": cidr, "description": "443/tcp to the VPC's interface endpoints"})
		add("aws_vpc_security_group_egress_rule", v+"_host", map[string]any{"security_group_id": "${aws_security_group." + v + "_isg.id}",
			"ip_protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_ipv4": ip + "/32"})
		add("aws_vpc_endpoint", v+"_ssm", map[string]any{"vpc_endpoint_type": "Interface", "service_name": "com.amazonaws.us-east-1.ssm",
			"subnet_ids": []any{"${aws_subnet." + v + "_s0.id}", "${aws_subnet." + v + "_s1.id}"}, "security_group_ids": []any{"${aws_security_group." + v + "_esg.id}"}})
		add("aws_security_group", v+"_esg", map[string]any{})
		add("aws_vpc_security_group_ingress_rule", v+"_in", map[string]any{"security_group_id": "${aws_security_group." + v + "_esg.id}",
			"ip_protocol": "tcp", "from_port": 443, "to_port": 443, "referenced_security_group_id": "${aws_security_group." + v + "_isg.id}"})
	}
	b, _ := json.Marshal(map[string]any{"provider": map[string]any{"aws": []any{map[string]any{"region": "us-east-1"}}}, "resource": res})
	return b
}

// sameIDStack is the cdk.tf.json of a stack with n instances whose valid
// Terraform names differ only in '-' against '_' (a-x_x…, a_x-x…): all of
// them clean up to one diagram id, so each needs a suffix. Trying the
// suffixes from _2 for every name made the report quadratic: 10,000 such
// names took 17 s.
func sameIDStack(n int) []byte {
	inst := map[string]any{}
	for i := range n {
		name := []byte("a")
		for bit := 0; 1<<bit <= n; bit++ {
			name = append(name, "-_"[i>>bit&1], 'x')
		}
		inst[string(name)] = map[string]any{"subnet_id": "${aws_subnet.s.id}", "instance_type": "t3.micro"}
	}
	b, _ := json.Marshal(map[string]any{"provider": map[string]any{"aws": []any{map[string]any{"region": "us-east-1"}}},
		"resource": map[string]any{
			"aws_vpc":      map[string]any{"v": map[string]any{"cidr_block": "10.0.0.0/16"}},
			"aws_subnet":   map[string]any{"s": map[string]any{"vpc_id": "${aws_vpc.v.id}", "cidr_block": "10.0.0.0/24", "availability_zone": "us-east-1a"}},
			"aws_instance": inst,
		}})
	return b
}

// review is the whole work of the command on JSON already read: parse the
// head and the base, diff, report.
func reviewJSON(tb testing.TB, head, base []byte) string {
	h, err := Parse("big", head)
	if err != nil {
		tb.Fatal(err)
	}
	b, err := Parse("big", base)
	if err != nil {
		tb.Fatal(err)
	}
	return Report([]*Stack{h}, []*Stack{b})
}

// 10,000 resources in well under a second (about 0.12 s on a 2-core
// machine); the 2 s budget leaves room for a slow, shared CI machine. The
// quadratic code took 31 s for 4,000 VPCs and 4,000 subnets.
func TestTenThousandResourcesInTwoSeconds(t *testing.T) {
	head := bigStack(10000)
	base := []byte(strings.Replace(string(head), `"v1":{"cidr_block":"10.0.1.0/24"}`, `"v1":{"cidr_block":"10.0.99.0/24"}`, 1))
	start := time.Now()
	md := reviewJSON(t, head, base)
	took := time.Since(start)
	if n := strings.Count(md, "\n- VPC `v"); n < 1000 {
		t.Fatalf("the report shows %d VPCs; the stack did not build", n)
	}
	if !strings.Contains(md, "`aws_vpc.v1`: replaced (cidr_block changed)") {
		t.Error("the base diff did not run")
	}
	if took > 2*time.Second {
		t.Errorf("10,000 resources took %v, over the 2 s budget", took)
	}
	t.Logf("10,000 resources: %v", took)
}

// 10,000 names that clean up to one diagram id, in the same 2 s budget
// (about 0.1 s with the suffix remembered per id).
func TestTenThousandCollidingNamesInTwoSeconds(t *testing.T) {
	head := sameIDStack(10000)
	start := time.Now()
	md := reviewJSON(t, head, head)
	took := time.Since(start)
	if n := strings.Count(md, "\n- `a"); n != 10000 {
		t.Fatalf("the report lists %d instances, want 10000", n)
	}
	if took > 2*time.Second {
		t.Errorf("10,000 colliding names took %v, over the 2 s budget", took)
	}
	t.Logf("10,000 colliding names: %v", took)
	s, _ := Parse("small", sameIDStack(100))
	d, _ := diagram(newView(s))
	for _, id := range []string{"i_a_x_x_x_x_x_x_x[", "i_a_x_x_x_x_x_x_x_2[", "i_a_x_x_x_x_x_x_x_100["} {
		if !strings.Contains(d, "\n      "+id) {
			t.Errorf("no node %s: the 100 colliding names did not get ids _2 to _100", id)
		}
	}
}

// A diagram over Mermaid's limits is left out with a sentence, not drawn
// as an error box.
func TestHugeDiagramIsLeftOut(t *testing.T) {
	s, err := Parse("big", bigStack(10000))
	if err != nil {
		t.Fatal(err)
	}
	md := Report([]*Stack{s}, nil)
	if strings.Contains(md, "```mermaid") || !strings.Contains(md, "### Diagram\n\nLeft out: ") {
		t.Error("a diagram too big for GitHub was not left out")
	}
}

// go test ./review/ -run '^$' -bench . -benchmem
func BenchmarkReview10k(b *testing.B) {
	head := bigStack(10000)
	for b.Loop() {
		reviewJSON(b, head, head)
	}
}

func BenchmarkReview10kCollidingNames(b *testing.B) {
	head := sameIDStack(10000)
	for b.Loop() {
		reviewJSON(b, head, head)
	}
}

func BenchmarkReview1k(b *testing.B) {
	head := bigStack(1000)
	for b.Loop() {
		reviewJSON(b, head, head)
	}
}

// Cut to a comment's size, the report keeps whole lines of its warnings
// even when they alone are too long, and says it was cut.
func TestReportLimitedKeepsWholeLines(t *testing.T) {
	big, err := Parse("big", bigStack(3000))
	if err != nil {
		t.Fatal(err)
	}
	small, err := Parse("big", []byte(tinyStack))
	if err != nil {
		t.Fatal(err)
	}
	md := ReportLimited([]*Stack{small}, []*Stack{big}, 20000)
	if len(md) > 20000 || !strings.HasPrefix(md, "# privnet review\n\n> [!WARNING]\n") || !strings.HasSuffix(md, "The full report is the review.md the review command wrote.\n") {
		t.Fatalf("%d bytes:\n%.300s\n…\n%s", len(md), md, md[max(0, len(md)-300):])
	}
	for _, line := range strings.Split(strings.TrimSpace(md), "\n") {
		if strings.HasPrefix(line, "> - ") && !strings.HasSuffix(line, ": deleted") {
			t.Fatalf("a warning line was cut: %q", line)
		}
	}
	if full := Report([]*Stack{small}, []*Stack{big}); ReportLimited([]*Stack{small}, []*Stack{big}, len(full)) != full {
		t.Error("a report that fits was cut")
	}
}

// BenchmarkReviewWithReach10k: the report of a 10,000-resource app whose
// instances declare needs (reach.Synthetic), matrix included. Issue 16's
// target: under 1 s.
func BenchmarkReviewWithReach10k(b *testing.B) {
	s := reach.Synthetic(205)
	for i := 0; i < b.N; i++ {
		if md := Report([]*Stack{s}, nil); !strings.Contains(md, "### Reachability") {
			b.Fatal("no matrix")
		}
	}
	b.ReportMetric(float64(s.Count()), "resources")
}
