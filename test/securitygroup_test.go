package test

import (
	"strings"
	"testing"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/endpoints"
	"github.com/privnet/privnet/constructs/instance"
	"github.com/privnet/privnet/constructs/network"
	"github.com/privnet/privnet/constructs/securitygroup"
)

// testGroup is a security group with a description in the test VPC.
func testGroup(s *core.Stack, v *network.Vpc) *securitygroup.SecurityGroup {
	return securitygroup.New(s, "sg", &securitygroup.Props{Vpc: v, Description: "test group"})
}

// Each security group rule (PN-SG-*): the bad input and its message.
func TestSecurityGroupRules(t *testing.T) {
	cases := []struct {
		name  string
		build func(s *core.Stack)
		want  []string
	}{
		{"group without a vpc", func(s *core.Stack) {
			securitygroup.New(s, "sg", &securitygroup.Props{Description: "test group"})
		}, []string{`PN-SG-1 t/sg: security group has no Vpc (fix: pass the VPC the group belongs to)`}},
		{"rule to a peer with no group", func(s *core.Stack) {
			g := testGroup(s, testVpc(s, nil))
			g.AllowIngressFrom(securitygroup.TCP(22), nil, "22/tcp from nothing")
			g.AllowEgressToPrefixList(securitygroup.TCP(443), nil, "s3", "443/tcp to no prefix list")
		}, []string{
			`PN-SG-2 t/sg: a rule names a peer that has no security group (fix: pass a construct that built its group (its own error says why it did not))`,
			`PN-SG-2 t/sg: rule has no peer (fix: name a CIDR, a security group or a prefix list)`,
		}},
		{"AdmitFrom a construct with no group", func(s *core.Stack) {
			g := testGroup(s, testVpc(s, nil))
			g.AdmitFrom(&g.Base, nil, []securitygroup.Port{securitygroup.TCP(443)}, func(securitygroup.Port, string) string { return "443/tcp" })
		}, []string{`PN-SG-2 t/sg: AllowFrom names a construct that has no security group (fix: pass a construct that built its group (its own error says why it did not))`}},
		{"cidr that is not a cidr, and one with host bits", func(s *core.Stack) {
			g := testGroup(s, testVpc(s, nil))
			g.AllowIngressFromCidr(securitygroup.TCP(443), "on-premises", "443/tcp from on premises")
			g.AllowEgressToCidr(securitygroup.TCP(443), "192.168.1.1/16", "443/tcp to on premises")
		}, []string{
			`PN-SG-3 t/sg: "on-premises" is not an IPv4 or IPv6 CIDR (fix: write it like "192.168.0.0/16" or "2001:db8::/56")`,
			`PN-SG-3 t/sg: CIDR 192.168.1.1/16 has host bits set (fix: write 192.168.0.0/16)`,
		}},
		{"protocol other than tcp or udp, and a backwards port range", func(s *core.Stack) {
			g := testGroup(s, testVpc(s, nil))
			g.AllowIngressFromVpc(securitygroup.Port{Protocol: "icmp", From: 8, To: 0}, "ping from the VPC")
			g.AllowIngressFromVpc(securitygroup.Port{Protocol: "tcp", From: 443, To: 80}, "web from the VPC")
		}, []string{
			`PN-SG-4 t/sg: protocol "icmp" is not tcp or udp (fix: use tcp or udp; other protocols are not needed here)`,
			`PN-SG-4 t/sg: port range 443-80 is not within 0-65535 with From <= To (fix: use ports from 0 to 65535)`,
		}},
		{"egress to the whole internet", func(s *core.Stack) {
			testGroup(s, testVpc(s, nil)).AllowEgressToCidr(securitygroup.TCP(443), "0.0.0.0/0", "443/tcp anywhere")
		}, []string{`PN-SG-5 t/sg: rule egress 443/tcp to 0.0.0.0/0 opens the group to the whole internet (fix: name the VPC CIDR, an on-premises CIDR or a security group instead)`}},
		{"a /0 with host bits breaks both rules (suppressing PN-SG-5 leaves PN-SG-3)", func(s *core.Stack) {
			testGroup(s, testVpc(s, nil)).AllowIngressFromCidr(securitygroup.TCP(443), "10.0.0.0/0", "443/tcp from anywhere")
		}, []string{
			`PN-SG-5 t/sg: rule ingress 443/tcp from 10.0.0.0/0 opens the group to the whole internet (fix: name the VPC CIDR, an on-premises CIDR or a security group instead)`,
			`PN-SG-3 t/sg: CIDR 10.0.0.0/0 has host bits set (fix: write 0.0.0.0/0)`,
		}},
		{"group and rule without descriptions", func(s *core.Stack) {
			g := securitygroup.New(s, "sg", &securitygroup.Props{Vpc: testVpc(s, nil), Description: " "})
			g.AllowIngressFromVpc(securitygroup.TCP(443), "")
		}, []string{
			`PN-SG-6 t/sg: security group has no Description (fix: say what the group guards)`,
			`PN-SG-6 t/sg: rule for 443/tcp has no description (fix: say why the rule exists)`,
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			wantIssues(t, issues(t, "us-east-1", c.build), c.want...)
		})
	}
}

// A suppressed rule builds what was asked: the /0 rule as written, and a
// group and rule with no description (the provider's default description
// for the group, none for the rule, rather than an empty one).
func TestSecurityGroupSuppressedBuildsWhatWasAsked(t *testing.T) {
	j := synthOne(t, "us-east-1", func(s *core.Stack) {
		core.Suppress(s, securitygroup.RuleInternet.ID, "test: an egress proxy outside the VPC")
		core.Suppress(s, securitygroup.RuleDescription.ID, "test: described elsewhere")
		g := securitygroup.New(s, "sg", &securitygroup.Props{Vpc: testVpc(s, nil)})
		g.AllowEgressToCidr(securitygroup.TCP(443), "0.0.0.0/0", "443/tcp anywhere")
		g.AllowIngressFromVpc(securitygroup.TCP(443), "")
	})
	if d, ok := j.resource(t, "aws_security_group", "sg")["description"]; ok {
		t.Errorf("group description %v, want none (the provider's default)", d)
	}
	var cidrs []string
	for _, r := range j.resources("aws_vpc_security_group_egress_rule") {
		cidrs = append(cidrs, r["cidr_ipv4"].(string))
	}
	if strings.Join(cidrs, " ") != "0.0.0.0/0" {
		t.Errorf("egress cidrs %v", cidrs)
	}
	for n, r := range j.resources("aws_vpc_security_group_ingress_rule") {
		if d, ok := r["description"]; ok {
			t.Errorf("rule %s description %q, want none", n, d)
		}
	}
}

// An endpoint's clients named after the app validated narrow nothing: the
// VPC-wide rule exists by then. PN-SG-7 says so at the next validation
// (app.Run validates again), and the rule cannot be suppressed.
func TestClientsNamedAfterValidate(t *testing.T) {
	late := func(suppress bool) []string {
		app := core.NewApp(&core.AppProps{Outdir: t.TempDir()})
		s := core.NewStack(app, "t", core.StackProps{Region: "us-east-1"})
		if suppress {
			core.Suppress(s, "PN-SG-7", suppressReason)
		}
		v := testVpc(s, nil)
		e := endpoints.NewInterfaceEndpoint(s, "kms", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.KMS})
		vm := instance.New(s, "vm", &instance.Props{Vpc: v, DisableSsm: true})
		first := app.Validate()
		if suppress {
			if first == nil {
				t.Fatal("suppressing PN-SG-7 was not refused")
			}
		} else if first != nil {
			t.Fatalf("first validation: %v", first)
		}
		e.AllowFrom(vm)
		e.AllowFromCidr("192.168.0.0/16")
		err := app.Validate()
		is, ok := err.(core.Issues)
		if !ok {
			t.Fatalf("second validation returned %T %v", err, err)
		}
		return is.Messages()
	}
	msg := `PN-SG-7 t/kms/sg: client t/vm/sg is named after the app validated, when the group already admits the whole VPC (fix: name the endpoint's clients (AllowFrom, AllowFromCidr) before app.Validate or app.Run)`
	wantIssues(t, late(false), msg)
	got := late(true)
	refused := `PN-APP-8 t: rule PN-SG-7 (An endpoint's clients are named before the app validates) guards against a certain failure and cannot be suppressed (fix: fix what the rule reports)`
	if len(got) != 2 || got[0] != refused || got[1] != msg {
		t.Errorf("suppressed:\n  %s", strings.Join(got, "\n  "))
	}
	suppressTested["PN-SG-7"] = true
}
