package reach

import (
	"fmt"
	"math/rand"
	"sort"
	"strings"
	"testing"

	"github.com/privnet/privnet/tfjson"
)

// app is the shipped stacks, by name, as documents to change.
type app map[string]doc

func shipped(t testing.TB) app {
	a := app{}
	for _, n := range goldenNames(t) {
		a[n] = golden(t, n)
	}
	return a
}

func (a app) clone(t testing.TB) app {
	out := app{}
	for n, d := range a {
		out[n] = d.clone(t)
	}
	return out
}

// verdicts analyzes the app: need key ("stack|path|label") -> verdict.
func (a app) verdicts(t testing.TB) map[string]Verdict {
	t.Helper()
	var stacks []*tfjson.Stack
	for _, n := range tfjson.SortedKeys(a) {
		stacks = append(stacks, a[n].stack(t, n))
	}
	return verdictMap(Analyze(stacks))
}

// verdictMap keys each result by stack, path and need label, and by its
// place among needs of the same name, so that none hides another.
func verdictMap(rs []Result) map[string]Verdict {
	out := map[string]Verdict{}
	for _, r := range rs {
		k := r.Stack + "|" + r.Path + "|" + r.Need
		if _, dup := out[k]; dup {
			for i := 2; ; i++ {
				if _, dup := out[fmt.Sprintf("%s#%d", k, i)]; !dup {
					k = fmt.Sprintf("%s#%d", k, i)
					break
				}
			}
		}
		out[k] = r.Verdict
	}
	return out
}

// mutation changes one stack of the app.
type mutation struct {
	name  string
	stack string
	apply func(d doc)
}

// parsed is the app's stacks parsed, reused for stacks a mutation leaves
// alone (parsing every stack for each of hundreds of mutations is most of
// the test's time).
type parsed map[string]*tfjson.Stack

func (a app) parse(t testing.TB) parsed {
	out := parsed{}
	for n, d := range a {
		out[n] = d.stack(t, n)
	}
	return out
}

// with is p with some stacks replaced by changed documents.
func (p parsed) with(t testing.TB, changed app) map[string]Verdict {
	var stacks []*tfjson.Stack
	for _, n := range tfjson.SortedKeys(p) {
		if d, ok := changed[n]; ok {
			stacks = append(stacks, d.stack(t, n))
		} else {
			stacks = append(stacks, p[n])
		}
	}
	return verdictMap(Analyze(stacks))
}

// removals are every single allow of the shipped stacks, taken away: a
// security-group rule, a route, a route table association, a DNS flag,
// private DNS, an endpoint, a gateway endpoint's route table, a
// listener, a target, a supported region, a port range, a NAT or
// internet gateway.
func removals(t testing.TB, a app) []mutation {
	var out []mutation
	for _, sn := range tfjson.SortedKeys(a) {
		d := a[sn]
		res, _ := d["resource"].(map[string]any)
		names := func(typ string) []string {
			m, _ := res[typ].(map[string]any)
			return tfjson.SortedKeys(m)
		}
		del := func(typ string) {
			for _, n := range names(typ) {
				p := "resource." + typ + "." + n
				out = append(out, mutation{sn + ": delete " + typ + "." + n, sn, func(d doc) { d.del(p) }})
			}
		}
		for _, typ := range []string{"aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule", "aws_route",
			"aws_route_table_association", "aws_vpc_endpoint", "aws_lb_listener", "aws_lb_target_group_attachment", "aws_nat_gateway", "aws_internet_gateway"} {
			del(typ)
		}
		for _, n := range names("aws_vpc") {
			for _, flag := range []string{"enable_dns_support", "enable_dns_hostnames"} {
				p := "resource.aws_vpc." + n + "." + flag
				out = append(out, mutation{sn + ": " + flag + " off on aws_vpc." + n, sn, func(d doc) { d.set(p, false) }})
			}
		}
		for _, n := range names("aws_vpc_endpoint") {
			e := d.get("resource.aws_vpc_endpoint." + n).(map[string]any)
			if e["private_dns_enabled"] == true {
				p := "resource.aws_vpc_endpoint." + n + ".private_dns_enabled"
				out = append(out, mutation{sn + ": private DNS off on aws_vpc_endpoint." + n, sn, func(d doc) { d.set(p, false) }})
			}
			for _, key := range []string{"route_table_ids", "subnet_ids", "security_group_ids"} {
				l, _ := e[key].([]any)
				for i := range l {
					p := "resource.aws_vpc_endpoint." + n + "." + key
					out = append(out, mutation{fmt.Sprintf("%s: drop %s[%d] of aws_vpc_endpoint.%s", sn, key, i, n), sn, func(d doc) { d.set(p, without(d.get(p), i)) }})
				}
			}
		}
		for _, n := range names("aws_vpc_endpoint_service") {
			p := "resource.aws_vpc_endpoint_service." + n + ".supported_regions"
			l, _ := d.get(p).([]any)
			for i := range l {
				out = append(out, mutation{fmt.Sprintf("%s: drop supported region %v", sn, l[i]), sn, func(d doc) { d.set(p, without(d.get(p), i)) }})
			}
		}
		for _, n := range names("aws_vpclattice_resource_configuration") {
			p := "resource.aws_vpclattice_resource_configuration." + n + ".port_ranges"
			l, _ := d.get(p).([]any)
			for i := range l {
				out = append(out, mutation{fmt.Sprintf("%s: drop port range %v", sn, l[i]), sn, func(d doc) { d.set(p, without(d.get(p), i)) }})
			}
		}
	}
	return out
}

func without(v any, i int) []any {
	l, _ := v.([]any)
	if i >= len(l) {
		return l
	}
	out := append([]any{}, l[:i]...)
	return append(out, l[i+1:]...)
}

// Removing an allow never turns a verdict into private (✓); adding it
// back never turns a private verdict into unreachable (✗). Every single
// removal over the shipped stacks, and pairs of them.
func TestMonotonicRemovals(t *testing.T) {
	orig := shipped(t)
	before := orig.verdicts(t)
	ms := removals(t, orig)
	if len(ms) < 100 {
		t.Fatalf("only %d removals: the generator lost its way", len(ms))
	}
	checkPair := func(what string, more, less map[string]Verdict) {
		for k, v := range less {
			if v == Private && more[k] != Private {
				t.Errorf("%s: %s is private with less allowed, %s with more", what, k, more[k])
			}
		}
		for k, v := range more {
			if less[k] == Private && v == Unreachable {
				t.Errorf("%s: adding the allow back turns %s from private to unreachable", what, k)
			}
		}
	}
	p := orig.parse(t)
	changed := 0
	for _, m := range ms {
		d := orig[m.stack].clone(t)
		m.apply(d)
		after := p.with(t, app{m.stack: d})
		checkPair(m.name, before, after)
		for k := range before {
			if after[k] != before[k] {
				changed++
				break
			}
		}
	}
	if changed == 0 {
		t.Fatal("no removal changed any verdict: the property test cannot fail")
	}
	// From states that are not all private: each broken base below, then
	// every single removal on top of it. Here the property can fail: a
	// removal that repaired a need would be caught.
	bases := []mutation{}
	for _, m := range ms {
		if strings.Contains(m.name, "delete aws_vpc_endpoint.") || strings.Contains(m.name, "private DNS off") || strings.Contains(m.name, "enable_dns_hostnames off") {
			bases = append(bases, m)
		}
	}
	exercised := 0
	for bi, b := range bases {
		if bi%3 != 0 {
			continue // a third of them: the test stays under a few seconds
		}
		ch := app{b.stack: orig[b.stack].clone(t)}
		b.apply(ch[b.stack])
		more := p.with(t, ch)
		for k, v := range more {
			if v != Private && before[k] == Private {
				exercised++
			}
		}
		for _, m := range ms {
			if m.stack != b.stack {
				continue
			}
			d := ch[b.stack].clone(t)
			m.apply(d)
			checkPair(b.name+" then "+m.name, more, p.with(t, app{b.stack: d}))
		}
	}
	if exercised == 0 {
		t.Fatal("no base state broke a need: the property is never tested from a broken state")
	}
	// Pairs, a fixed sample: the second removal on top of the first.
	rng := rand.New(rand.NewSource(15))
	for i := 0; i < 300; i++ {
		m1, m2 := ms[rng.Intn(len(ms))], ms[rng.Intn(len(ms))]
		ch := app{m1.stack: orig[m1.stack].clone(t)}
		m1.apply(ch[m1.stack])
		one := p.with(t, ch)
		if ch[m2.stack] == nil {
			ch[m2.stack] = orig[m2.stack].clone(t)
		}
		m2.apply(ch[m2.stack])
		checkPair(m1.name+" then "+m2.name, one, p.with(t, ch))
	}
	t.Logf("%d single removals, %d changed a verdict", len(ms), changed)
}

// Adding allows (any TCP in and out on every group, DNS on) never turns
// a private verdict into unreachable, and leaves the shipped ones
// private.
func TestMonotonicAdditions(t *testing.T) {
	orig := shipped(t)
	before := orig.verdicts(t)
	a := orig.clone(t)
	for _, sn := range tfjson.SortedKeys(a) {
		res, _ := a[sn]["resource"].(map[string]any)
		groups, _ := res["aws_security_group"].(map[string]any)
		for _, g := range tfjson.SortedKeys(groups) {
			for _, dir := range []string{"ingress", "egress"} {
				a[sn].set("resource.aws_vpc_security_group_"+dir+"_rule.extra_"+g, map[string]any{
					"security_group_id": "${aws_security_group." + g + ".id}", "ip_protocol": "-1", "cidr_ipv4": "0.0.0.0/0"})
			}
		}
		vpcs, _ := res["aws_vpc"].(map[string]any)
		for _, v := range tfjson.SortedKeys(vpcs) {
			a[sn].set("resource.aws_vpc."+v+".enable_dns_support", true)
			a[sn].set("resource.aws_vpc."+v+".enable_dns_hostnames", true)
		}
	}
	after := a.verdicts(t)
	for k, v := range before {
		if v == Private && after[k] != Private {
			t.Errorf("%s: private before adding allows, %s after", k, after[k])
		}
	}
}

// For a fixed list of single changes to the shipped stacks, exactly the
// verdicts worked out by hand change, to the verdicts worked out by hand.
func TestDeltas(t *testing.T) {
	const (
		iamSts  = "iam-privatelink|iam-privatelink/app|sts"
		iamIam  = "iam-privatelink|iam-privatelink/app|iam"
		iamEic  = "iam-privatelink|iam-privatelink/eic|instance iam-privatelink/app on [22]"
		ssmSM   = "ssm-private-instance|ssm-private-instance/app|Session Manager"
		lattice = "lattice-resource|lattice-resource/consumer|resource lattice-resource/server-config"
		xregion = "xregion-consumer|xregion-consumer/network|endpoint service xregion-service/service"
		onprem  = "s3-onprem|s3-onprem/network|s3"
		cnECR   = "china-workload|china-workload/app|pull images from ECR"
		cnSM    = "china-workload|china-workload/app|Session Manager"
		govIam  = "govcloud-workload|govcloud-workload/app|iam"
	)
	cases := []struct {
		stack, what string
		change      func(d doc)
		want        map[string]Verdict
	}{
		{"iam-privatelink", "delete the STS endpoint", func(d doc) { d.del("resource.aws_vpc_endpoint.iam_sts") }, map[string]Verdict{iamSts: Unreachable}},
		{"iam-privatelink", "the IAM endpoint stops admitting the instance", func(d doc) {
			d.del("resource.aws_vpc_security_group_ingress_rule.iam_iam_sg_443-tcp_from_sg-app_sg")
		}, map[string]Verdict{iamIam: Unreachable}},
		{"iam-privatelink", "DNS hostnames off", func(d doc) { d.set("resource.aws_vpc.network.enable_dns_hostnames", false) },
			map[string]Verdict{iamIam: Unreachable, iamSts: Unreachable}},
		{"iam-privatelink", "the instance's 443 egress removed", func(d doc) { d.del("resource.aws_vpc_security_group_egress_rule.app_sg_443-tcp_to_vpc") },
			map[string]Verdict{iamIam: Unreachable, iamSts: Unreachable}},
		{"iam-privatelink", "the instance stops admitting Instance Connect", func(d doc) {
			d.del("resource.aws_vpc_security_group_ingress_rule.app_sg_22-tcp_from_sg-eic_sg")
		}, map[string]Verdict{iamEic: Unreachable}},
		{"ssm-private-instance", "private DNS off on ssmmessages", func(d doc) { d.set("resource.aws_vpc_endpoint.ssm_ssmmessages.private_dns_enabled", false) },
			map[string]Verdict{ssmSM: Unreachable}},
		{"ssm-private-instance", "delete ec2messages (current agents do not need it)", func(d doc) { d.del("resource.aws_vpc_endpoint.ssm_ec2messages") },
			map[string]Verdict{}},
		{"lattice-resource", "the gateway's 443 egress removed", func(d doc) {
			d.del("resource.aws_vpc_security_group_egress_rule.gateway_sg_443-tcp_to_10_5_0_10_32")
		}, map[string]Verdict{lattice: Unreachable}},
		{"xregion-service", "the consumer's region dropped from supported_regions", func(d doc) {
			d.set("resource.aws_vpc_endpoint_service.service.supported_regions", []any{"us-east-1"})
		}, map[string]Verdict{xregion: Unreachable}},
		{"s3-onprem", "the endpoint stops admitting on premises", func(d doc) {
			d.del("resource.aws_vpc_security_group_ingress_rule.s3_sg_443-tcp_from_192_168_0_0_16")
		}, map[string]Verdict{onprem: Unreachable}},
		{"s3-onprem", "delete the VPN connection", func(d doc) { d.del("resource.aws_vpn_connection").del("resource.aws_vpn_connection_route") },
			map[string]Verdict{onprem: Unreachable}},
		{"s3-onprem", "delete the inbound resolver", func(d doc) { d.del("resource.aws_route53_resolver_endpoint") }, map[string]Verdict{onprem: Unreachable}},
		{"s3-onprem", "stop propagating the gateway's routes", func(d doc) { d.del("resource.aws_vpn_gateway_route_propagation") }, map[string]Verdict{onprem: Unreachable}},
		{"onprem-dns", "delete the inbound resolver", func(d doc) { d.del("resource.aws_route53_resolver_endpoint.dns-inbound") },
			map[string]Verdict{"onprem-dns|onprem-dns/network|sts": Unreachable}},
		{"onprem-dns", "a forwarding rule for STS's own name", func(d doc) {
			d.set("resource.aws_route53_resolver_rule.forward-0.domain_name", "sts.eu-central-1.amazonaws.com")
		}, map[string]Verdict{"onprem-dns|onprem-dns/network|sts": Unknown}},
		{"china-workload", "delete the S3 gateway endpoint", func(d doc) { d.del("resource.aws_vpc_endpoint.ssm_s3") }, map[string]Verdict{cnECR: Unreachable}},
		{"china-workload", "delete ecr.dkr", func(d doc) { d.del("resource.aws_vpc_endpoint.ecr_ecr_dkr") }, map[string]Verdict{cnECR: Unreachable}},
		{"china-workload", "delete ssm", func(d doc) { d.del("resource.aws_vpc_endpoint.ssm_ssm") }, map[string]Verdict{cnSM: Unreachable}},
		{"govcloud-workload", "delete the IAM endpoint", func(d doc) { d.del("resource.aws_vpc_endpoint.iam_iam") }, map[string]Verdict{govIam: Unreachable}},
		{"egress-firewall", "delete the NAT gateways (nothing there declares a need)", func(d doc) { d.del("resource.aws_nat_gateway") }, map[string]Verdict{}},
	}
	orig := shipped(t)
	before := orig.verdicts(t)
	for _, c := range cases {
		t.Run(c.stack+": "+c.what, func(t *testing.T) {
			a := orig.clone(t)
			if a[c.stack] == nil {
				t.Fatalf("no stack %s", c.stack)
			}
			c.change(a[c.stack])
			after := a.verdicts(t)
			got := map[string]Verdict{}
			for k, v := range after {
				if before[k] != v {
					got[k] = v
				}
			}
			if fmt.Sprint(sorted(got)) != fmt.Sprint(sorted(c.want)) {
				t.Errorf("changed: %v\nwant:    %v", sorted(got), sorted(c.want))
			}
		})
	}
}

func sorted(m map[string]Verdict) []string {
	var out []string
	for k, v := range m {
		out = append(out, k+"="+string(v))
	}
	sort.Strings(out)
	return out
}

// Every network app.Run accepts gives ✓ for its declared needs: the
// shipped stacks' needs are all private, on premises' over the hybrid link
// too.
func TestShippedNeedsAgree(t *testing.T) {
	got := shipped(t).verdicts(t)
	if len(got) < 10 {
		t.Fatalf("only %d needs declared in the shipped stacks", len(got))
	}
	for k, v := range got {
		want := Private
		if v != want {
			t.Errorf("%s: %s, want %s", k, v, want)
		}
	}
}
