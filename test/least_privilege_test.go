package test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path"
	"strings"
	"testing"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/endpoints"
	"github.com/privnet/privnet/constructs/endpointservice"
	"github.com/privnet/privnet/constructs/instance"
	"github.com/privnet/privnet/constructs/network"
)

// allows tells whether an IAM statement's actions (with * wildcards)
// cover action.
func allows(actions any, action string) bool {
	var list []string
	switch a := actions.(type) {
	case string:
		list = []string{a}
	case []any:
		for _, x := range a {
			list = append(list, x.(string))
		}
	}
	for _, pattern := range list {
		if ok, _ := path.Match(strings.ToLower(pattern), strings.ToLower(action)); ok {
			return true
		}
	}
	return false
}

// The flow-log key: the account administers it (it can always change the
// policy and delete the key) without kms:*, and CloudWatch Logs uses it
// for the VPC's own log groups only.
func TestFlowLogKeyPolicy(t *testing.T) {
	j := parse(t, shipped["baseline"])
	var policy struct {
		Statement []struct {
			Sid       string
			Principal map[string]any
			Action    any
			Condition map[string]map[string]any
		}
	}
	if err := json.Unmarshal([]byte(j.resource(t, "aws_kms_key", "network_flow-logs")["policy"].(string)), &policy); err != nil {
		t.Fatal(err)
	}
	if len(policy.Statement) != 2 {
		t.Fatalf("statements %+v", policy.Statement)
	}
	admin, logs := policy.Statement[0], policy.Statement[1]
	if admin.Principal["AWS"] != "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" || admin.Condition != nil {
		t.Errorf("administrator statement %+v", admin)
	}
	for _, a := range []string{"kms:PutKeyPolicy", "kms:GetKeyPolicy", "kms:DescribeKey", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion",
		"kms:EnableKeyRotation", "kms:DisableKey", "kms:TagResource", "kms:CreateGrant", "kms:RevokeGrant"} {
		if !allows(admin.Action, a) {
			t.Errorf("the account cannot %s", a)
		}
	}
	for _, a := range []string{"kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:ReEncryptFrom"} {
		if allows(admin.Action, a) {
			t.Errorf("the account statement grants %s to any IAM principal the account allows", a)
		}
	}
	for _, a := range admin.Action.([]any) {
		if a == "kms:*" || a == "*" {
			t.Errorf("the administrator statement grants %v", a)
		}
	}
	if logs.Principal["Service"] != "logs.us-east-1.amazonaws.com" {
		t.Errorf("logs statement %+v", logs)
	}
	for _, a := range []string{"kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:GenerateDataKey", "kms:DescribeKey"} {
		if !allows(logs.Action, a) {
			t.Errorf("CloudWatch Logs cannot %s", a)
		}
	}
	if got := logs.Condition["ArnEquals"]["kms:EncryptionContext:aws:logs:arn"]; got != "arn:aws:logs:us-east-1:${data.aws_caller_identity.current.account_id}:log-group:/privnet/baseline/network/flow-logs" {
		t.Errorf("logs statement condition %v", got)
	}
}

// An endpoint admits the whole VPC only while nobody says who uses it.
func TestEndpointsAdmitTheirNamedClients(t *testing.T) {
	j := synthOne(t, "us-east-1", func(s *core.Stack) {
		v := testVpc(s, nil)
		vm := instance.New(s, "vm", &instance.Props{Vpc: v, DisableSsm: true})
		endpoints.NewInterfaceEndpoint(s, "kms", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.KMS})
		sts := endpoints.NewInterfaceEndpoint(s, "sts", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.STS})
		sts.AllowFrom(vm)
		logs := endpoints.NewInterfaceEndpoint(s, "logs", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.Logs})
		logs.AllowFrom(vm)
		logs.AllowFromVpc()
		endpoints.NewInterfaceEndpoint(s, "sqs", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.SQS, RestrictIngress: true})
		onprem := endpoints.NewInterfaceEndpoint(s, "ssm", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.SSM})
		onprem.AllowFromCidr("192.168.0.0/16")
		svc := endpointservice.New(s, "svc", &endpointservice.Props{Vpc: v, Port: 443, Targets: []endpointservice.Target{{Ip: "10.0.0.10"}}})
		endpointservice.New(s, "open", &endpointservice.Props{Vpc: v, Port: 8443, Targets: []endpointservice.Target{{Ip: "10.0.0.11"}}, AllowFromVpc: true,
			DisableDeletionProtection: true, AccessLogs: &endpointservice.AccessLogs{Bucket: "my-nlb-logs", Prefix: "privnet"}})
		_ = svc
	})
	ingress := strings.Join(keys(j.resources("aws_vpc_security_group_ingress_rule")), " ")
	want := "kms_sg_443-tcp_from_vpc logs_sg_443-tcp_from_sg-vm_sg logs_sg_443-tcp_from_vpc open_sg_8443-tcp_from_vpc ssm_sg_443-tcp_from_192_168_0_0_16 sts_sg_443-tcp_from_sg-vm_sg"
	if ingress != want {
		t.Errorf("ingress rules:\n %s\nwant\n %s", ingress, want)
	}
	svc, open := j.resource(t, "aws_lb", "svc"), j.resource(t, "aws_lb", "open")
	if svc["enable_deletion_protection"] != true || svc["access_logs"] != nil {
		t.Errorf("default NLB %v", svc)
	}
	logs, _ := open["access_logs"].(map[string]any)
	if open["enable_deletion_protection"] != false || logs["bucket"] != "my-nlb-logs" || logs["prefix"] != "privnet" || logs["enabled"] != true {
		t.Errorf("NLB with logs %v", open)
	}
}

func TestInstanceDetailedMonitoring(t *testing.T) {
	j := synthOne(t, "us-east-1", func(s *core.Stack) {
		v := testVpc(s, nil)
		instance.New(s, "on", &instance.Props{Vpc: v, DisableSsm: true})
		instance.New(s, "off", &instance.Props{Vpc: v, DisableSsm: true, DisableDetailedMonitoring: true})
	})
	if j.resource(t, "aws_instance", "on")["monitoring"] != true || j.resource(t, "aws_instance", "off")["monitoring"] != false {
		t.Error("monitoring is not as asked")
	}
}

// A VPC's internet egress through Network Firewall: public subnets go out
// through their AZ's firewall endpoint, firewall subnets to the internet
// gateway, and the gateway's edge route table brings replies back through
// the firewall; the policy lets the listed domains out and drops the rest.
func TestNetworkFirewall(t *testing.T) {
	j := parse(t, shipped["egress-firewall"])
	endpoint := func(az string) string {
		return `${[for s in aws_networkfirewall_firewall.network_firewall.firewall_status[0].sync_states : s.attachment[0].endpoint_id if s.availability_zone == "` + az + `"][0]}`
	}
	routes := j.resources("aws_route")
	for _, az := range []string{"us-east-1a", "us-east-1b"} {
		if r := routes["network_public_"+az+"_default"]; r["vpc_endpoint_id"] != endpoint(az) || r["gateway_id"] != nil {
			t.Errorf("public %s default route %v", az, r)
		}
		if r := routes["network_firewall_"+az+"_default"]; r["gateway_id"] != "${aws_internet_gateway.network.id}" {
			t.Errorf("firewall %s default route %v", az, r)
		}
		if r := routes["network_app_"+az+"_default"]; r["nat_gateway_id"] != "${aws_nat_gateway.network_"+az+".id}" {
			t.Errorf("app %s default route %v", az, r)
		}
		if r := routes["network_igw-edge_"+az]; r["vpc_endpoint_id"] != endpoint(az) || r["route_table_id"] != "${aws_route_table.network_igw-edge.id}" {
			t.Errorf("edge route %s %v", az, r)
		}
	}
	if a := j.resource(t, "aws_route_table_association", "network_igw-edge"); a["gateway_id"] != "${aws_internet_gateway.network.id}" {
		t.Errorf("edge association %v", a)
	}
	if n := len(routes); n != 8 {
		t.Errorf("%d routes, want 8: %v", n, keys(routes))
	}
	fw := j.resource(t, "aws_networkfirewall_firewall", "network_firewall")
	if len(fw["subnet_mapping"].([]any)) != 2 || fw["delete_protection"] != true {
		t.Errorf("firewall %v", fw)
	}
	rg := j.resource(t, "aws_networkfirewall_rule_group", "network_firewall")["rule_group"].(map[string]any)
	targets := rg["rules_source"].(map[string]any)["rules_source_list"].(map[string]any)["targets"]
	if b, _ := json.Marshal(targets); string(b) != `["pypi.org","files.pythonhosted.org",".github.com"]` {
		t.Errorf("domains %s", b)
	}
	policy := j.resource(t, "aws_networkfirewall_firewall_policy", "network_firewall")["firewall_policy"].(map[string]any)
	if b, _ := json.Marshal(policy["stateful_default_actions"]); string(b) != `["aws:drop_established_app_layer","aws:alert_established_app_layer"]` {
		t.Errorf("default actions %s", b)
	}
	if c := j.resource(t, "aws_networkfirewall_rule_group", "network_firewall")["capacity"]; c != float64(1000) {
		t.Errorf("capacity %v, want the fixed 1000", c)
	}
	// A domain list takes one unit per domain and protocol, plus one per
	// protocol (AWS Network Firewall Developer Guide, "Stateful rule group
	// capacity": domain lists): the most domains allowed must fit.
	if need := network.MaxFirewallDomains*2 + 2; need > network.FirewallCapacity {
		t.Errorf("%d domains need %d, capacity %d", network.MaxFirewallDomains, need, network.FirewallCapacity)
	}
	// UDP and ICMP, which no handshake holds back, are dropped after the
	// allow list.
	drops := j.resource(t, "aws_networkfirewall_rule_group", "network_firewall-drops")["rule_group"].(map[string]any)
	rules := drops["rules_source"].(map[string]any)["rules_string"].(string)
	if !strings.HasPrefix(rules, "drop udp $HOME_NET any -> any any") || !strings.Contains(rules, "\ndrop icmp $HOME_NET any -> any any") {
		t.Errorf("drop rules %q", rules)
	}
	refs, _ := json.Marshal(policy["stateful_rule_group_reference"])
	if string(refs) != `[{"priority":1,"resource_arn":"${aws_networkfirewall_rule_group.network_firewall.arn}"},{"priority":2,"resource_arn":"${aws_networkfirewall_rule_group.network_firewall-drops.arn}"}]` {
		t.Errorf("rule groups %s", refs)
	}
	if fw["subnet_change_protection"] != true {
		t.Errorf("subnet change protection %v", fw["subnet_change_protection"])
	}
	// The endpoint expression, evaluated by terraform itself over sync
	// states shaped as the provider's (a set of objects, in any order),
	// picks the endpoint of the route's AZ.
	if _, err := exec.LookPath("terraform"); err != nil {
		t.Log("terraform not installed: the endpoint expression is not evaluated")
	} else {
		states := `[{sync_states = toset([{availability_zone = "us-east-1b", attachment = [{endpoint_id = "vpce-b"}]}, {availability_zone = "us-east-1a", attachment = [{endpoint_id = "vpce-a"}]}])}]`
		for az, want := range map[string]string{"us-east-1a": `"vpce-a"`, "us-east-1b": `"vpce-b"`} {
			expr := strings.TrimSuffix(strings.TrimPrefix(endpoint(az), "${"), "}")
			expr = strings.Replace(expr, "aws_networkfirewall_firewall.network_firewall.firewall_status", states, 1)
			cmd := exec.Command("terraform", "console")
			cmd.Dir = t.TempDir()
			cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE=/dev/null", "CHECKPOINT_DISABLE=1")
			cmd.Stdin = strings.NewReader(expr + "\n")
			out, err := cmd.CombinedOutput()
			if got := strings.TrimSpace(string(out)); err != nil || got != want {
				t.Errorf("terraform console %s: %s %v, want %s", az, got, err, want)
			}
		}
	}
	// The flow-log key lets CloudWatch Logs encrypt the firewall's alerts.
	if !strings.Contains(j.resource(t, "aws_kms_key", "network_flow-logs")["policy"].(string), "log-group:/privnet/egress-firewall/network/firewall-alerts") {
		t.Error("the key does not name the firewall's log group")
	}
	if j.resource(t, "aws_cloudwatch_log_group", "network_firewall")["kms_key_id"] != "${aws_kms_key.network_flow-logs.arn}" {
		t.Error("the firewall's log group is not encrypted with the VPC's key")
	}
}

func TestFirewallRules(t *testing.T) {
	cases := []struct {
		name  string
		props network.VpcProps
		want  []string
	}{
		{"no public tier", network.VpcProps{Cidr: "10.0.0.0/16", Firewall: &network.FirewallProps{}},
			[]string{`PN-VPC-9 t/network: Firewall filters traffic between a public tier and the internet gateway, and the VPC has no public tier (fix: add a public tier (with Nat for private tiers), or drop Firewall: an isolated VPC reaches no internet to filter)`}},
		{"a tier named firewall, a bad domain", network.VpcProps{Cidr: "10.0.0.0/16",
			Tiers:    []network.TierProps{{Name: "public", Kind: network.Public}, {Name: "firewall"}},
			Firewall: &network.FirewallProps{AllowedDomains: []string{"pypi.org", "https://github.com"}}},
			[]string{
				`PN-VPC-9 t/network: a tier is named "firewall", the name of the firewall's own tier (fix: name the tier otherwise)`,
				`PN-VPC-9 t/network: AllowedDomains entry "https://github.com" is not a domain name (fix: write "example.com", or ".example.com" for it and its subdomains)`,
			}},
		{"more domains than the rule group holds", network.VpcProps{Cidr: "10.0.0.0/16",
			Tiers:    []network.TierProps{{Name: "public", Kind: network.Public}},
			Firewall: &network.FirewallProps{AllowedDomains: manyDomains(network.MaxFirewallDomains + 1)}},
			[]string{`PN-VPC-9 t/network: 451 AllowedDomains do not fit the domain rule group's capacity (1000, at most 450 domains) (fix: allow a parent domain (".example.com") instead of its names one by one)`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			wantIssues(t, vpcIssues(t, "us-east-1", c.props), c.want...)
		})
	}
	wantIssues(t, issues(t, "us-east-1", func(s *core.Stack) {
		endpointservice.New(s, "svc", &endpointservice.Props{Vpc: testVpc(s, nil), Port: 443, Targets: []endpointservice.Target{{Ip: "10.0.0.10"}},
			AccessLogs: &endpointservice.AccessLogs{Bucket: "My_Bucket"}})
	}), `PN-SVC-9 t/svc: AccessLogs.Bucket "My_Bucket" is not an S3 bucket name (fix: name the bucket: 3 to 63 lower-case letters, digits, dots and hyphens)`)
}

func manyDomains(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("host%d.example.com", i)
	}
	return out
}

// The firewall's settings that decide whether an apply can change or
// destroy it: the rule group's capacity is the same for 1 and 450 domains
// (AWS cannot change it in place), protections can be turned off for a
// destroy, and its alert log group is encrypted with a key whose policy
// names it: privnet's flow-log key, or its own when the flow logs use the
// user's key or are off.
func TestFirewallApplySafety(t *testing.T) {
	build := func(domains []string, fw network.FirewallProps, flow network.FlowLogProps) tfJSON {
		fw.AllowedDomains = domains
		return synthOne(t, "us-east-1", func(s *core.Stack) {
			network.NewVpc(s, "network", &network.VpcProps{Cidr: "10.0.0.0/16", Nat: network.NatPerAz,
				Tiers: []network.TierProps{{Name: "public", Kind: network.Public}, {Name: "app"}}, Firewall: &fw, FlowLogs: flow})
		})
	}
	capacity := func(j tfJSON) any {
		return j.resource(t, "aws_networkfirewall_rule_group", "network_firewall")["capacity"]
	}
	one, most := build([]string{"pypi.org"}, network.FirewallProps{}, network.FlowLogProps{}), build(manyDomains(network.MaxFirewallDomains), network.FirewallProps{}, network.FlowLogProps{})
	if capacity(one) != capacity(most) || capacity(one) != float64(1000) {
		t.Errorf("capacity %v for 1 domain, %v for %d", capacity(one), capacity(most), network.MaxFirewallDomains)
	}
	if len(one.resources("aws_kms_key")) != 1 {
		t.Errorf("keys %v, want the flow-log key alone", keys(one.resources("aws_kms_key")))
	}

	off := build([]string{"pypi.org"}, network.FirewallProps{DisableProtection: true}, network.FlowLogProps{})
	if fw := off.resource(t, "aws_networkfirewall_firewall", "network_firewall"); fw["delete_protection"] != false || fw["subnet_change_protection"] != false {
		t.Errorf("DisableProtection: %v %v", fw["delete_protection"], fw["subnet_change_protection"])
	}

	for name, flow := range map[string]network.FlowLogProps{
		"user's flow-log key": {KmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"},
		"no flow logs":        {Disabled: true},
	} {
		j := build([]string{"pypi.org"}, network.FirewallProps{}, flow)
		key := j.resource(t, "aws_kms_key", "network_firewall-logs")
		if !strings.Contains(key["policy"].(string), "log-group:/privnet/t/network/firewall-alerts") || key["enable_key_rotation"] != true {
			t.Errorf("%s: firewall key %v", name, key)
		}
		if g := j.resource(t, "aws_cloudwatch_log_group", "network_firewall"); g["kms_key_id"] != "${aws_kms_key.network_firewall-logs.arn}" {
			t.Errorf("%s: alert log group key %v", name, g["kms_key_id"])
		}
		if _, ok := j.resources("aws_kms_key")["network_flow-logs"]; ok {
			t.Errorf("%s: privnet made a flow-log key", name)
		}
	}
}
