package test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/endpoints"
	"github.com/privnet/privnet/constructs/instance"
	"github.com/privnet/privnet/constructs/instanceconnect"
	"github.com/privnet/privnet/constructs/network"
)

// Each instance, Systems Manager and Instance Connect rule (PN-EC2-*,
// PN-SSM-*, PN-EIC-*): the bad input and its message.
func TestInstanceAccessRules(t *testing.T) {
	cases := []struct {
		name  string
		build func(s *core.Stack)
		want  []string
	}{
		{"second instance connect endpoint in a vpc", func(s *core.Stack) {
			v := testVpc(s, nil)
			instanceconnect.New(s, "eic", &instanceconnect.Props{Vpc: v})
			instanceconnect.New(s, "eic2", &instanceconnect.Props{Vpc: v})
		}, []string{`PN-EIC-2 t/eic2: VPC t/network already has an EC2 Instance Connect endpoint (t/eic); AWS allows one per VPC, and the quota cannot be raised (fix: use that endpoint: it reaches every subnet of the VPC)`}},
		{"preserve client ip on a dualstack endpoint", func(s *core.Stack) {
			v := testVpc(s, nil)
			instanceconnect.New(s, "eic", &instanceconnect.Props{Vpc: v, IpAddressType: "dualstack", PreserveClientIp: true, ClientCidrs: []string{"192.168.0.0/16"}})
		}, []string{
			`PN-EIC-4 t/eic: PreserveClientIp works only with IPv4, and the endpoint is dualstack (fix: set IpAddressType to "ipv4", or drop PreserveClientIp)`,
			`PN-EIC-3 t/eic: IpAddressType dualstack needs IPv6 subnets, and VPC t/network has no IPv6 CIDR (nor can the pinned AWS provider 5.88 set it) (fix: use "ipv4")`,
		}},
		{"preserve client ip to another vpc", func(s *core.Stack) {
			v := testVpc(s, nil)
			other := network.NewVpc(s, "other", &network.VpcProps{Cidr: "10.9.0.0/16"})
			vm := instance.New(s, "vm", &instance.Props{Vpc: other, DisableSsm: true})
			eic := instanceconnect.New(s, "eic", &instanceconnect.Props{Vpc: v, PreserveClientIp: true, ClientCidrs: []string{"192.168.0.0/16"}})
			eic.Allow(vm)
		}, []string{`PN-EIC-4 t/eic: PreserveClientIp works only for instances in the endpoint's VPC, and t/vm/sg is in t/other (fix: drop PreserveClientIp, or give that VPC its own endpoint)`}},
		{"ssm instance without endpoints", func(s *core.Stack) {
			v := testVpc(s, nil)
			instance.New(s, "vm", &instance.Props{Vpc: v})
		}, []string{`PN-SSM-1 t/vm: instance is managed by Systems Manager and may send HTTPS only inside VPC t/network, which has no ssm or ssmmessages endpoint (fix: add endpoints.NewSsmEndpoints(stack, "ssm", &endpoints.RecipeProps{Vpc: vpc}) (and AllowFrom the instance), or set DisableSsm)`}},
		{"ssm instance missing one endpoint (ssmmessages has no hyphen: ssm-messages does not exist)", func(s *core.Stack) {
			v := testVpc(s, nil)
			endpoints.NewInterfaceEndpoint(s, "ssm", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.SSM})
			endpoints.NewInterfaceEndpoint(s, "ec2messages", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.EC2Messages})
			instance.New(s, "vm", &instance.Props{Vpc: v})
		}, []string{`PN-SSM-1 t/vm: instance is managed by Systems Manager and may send HTTPS only inside VPC t/network, which has no ssmmessages endpoint (fix: add endpoints.NewSsmEndpoints(stack, "ssm", &endpoints.RecipeProps{Vpc: vpc}) (and AllowFrom the instance), or set DisableSsm)`}},
		{"ssm endpoints that do not admit the instance", func(s *core.Stack) {
			v := testVpc(s, nil)
			endpoints.NewSsmEndpoints(s, "ssm", &endpoints.RecipeProps{Vpc: v, RestrictIngress: true})
			instance.New(s, "vm", &instance.Props{Vpc: v})
		}, []string{`PN-SSM-2 t/vm: Systems Manager endpoints t/ssm/ssm, t/ssm/ssmmessages, t/ssm/ec2messages do not admit 443/tcp from the instance (fix: call AllowFrom(instance) on them (or on the recipe))`}},
		{"bad instance type", func(s *core.Stack) {
			instance.New(s, "vm", &instance.Props{Vpc: testVpc(s, nil), InstanceType: "large", DisableSsm: true})
		}, []string{`PN-EC2-3 t/vm: InstanceType "large" is not an EC2 instance type (fix: write it like "t3.micro")`}},
		{"instance in a public tier", func(s *core.Stack) {
			v := testVpc(s, &network.VpcProps{Tiers: []network.TierProps{{Name: "web", Kind: network.Public}, {Name: "app"}}})
			instance.New(s, "vm", &instance.Props{Vpc: v, Tier: "web", DisableSsm: true})
		}, []string{`PN-EC2-2 t/vm: tier "web" is public (fix: put private instances in an isolated or private-with-nat tier)`}},
		{"instance without a vpc", func(s *core.Stack) {
			instance.New(s, "vm", &instance.Props{DisableSsm: true})
		}, []string{`PN-EC2-1 t/vm: instance has no Vpc (fix: pass the VPC the instance lives in)`}},
		{"instance in a tier the vpc does not have", func(s *core.Stack) {
			instance.New(s, "vm", &instance.Props{Vpc: testVpc(s, nil), Tier: "typo", DisableSsm: true})
		}, []string{`PN-VPC-8 t/vm: VPC t/network has no tier "typo" (fix: name one of the VPC's tiers)`}},
		{"root volume too large or negative", func(s *core.Stack) {
			v := testVpc(s, nil)
			instance.New(s, "vm", &instance.Props{Vpc: v, RootVolumeGiB: 65537, DisableSsm: true})
			instance.New(s, "neg", &instance.Props{Vpc: v, RootVolumeGiB: -1, DisableSsm: true})
		}, []string{
			`PN-EC2-4 t/vm: RootVolumeGiB 65537 is outside 1-65536 (fix: use a size from 1 to 65536 GiB, or 0 for the AMI's)`,
			`PN-EC2-4 t/neg: RootVolumeGiB -1 is outside 1-65536 (fix: use a size from 1 to 65536 GiB, or 0 for the AMI's)`,
		}},
		{"private ip not ipv4, and one AWS reserves", func(s *core.Stack) {
			v := testVpc(s, nil)
			instance.New(s, "vm", &instance.Props{Vpc: v, PrivateIp: "10.0.0", DisableSsm: true})
			instance.New(s, "reserved", &instance.Props{Vpc: v, PrivateIp: "10.0.0.1", DisableSsm: true})
		}, []string{
			`PN-EC2-5 t/vm: PrivateIp "10.0.0" is not an IPv4 address (fix: write it like "10.0.1.10")`,
			`PN-EC2-5 t/reserved: PrivateIp 10.0.0.1 is not a usable address of subnet 10.0.0.0/24 (AWS keeps the first four and the last) (fix: pick an address inside the subnet)`,
		}},
		{"instance connect endpoint without a vpc", func(s *core.Stack) {
			instanceconnect.New(s, "eic", &instanceconnect.Props{})
		}, []string{`PN-EIC-1 t/eic: Instance Connect endpoint has no Vpc (fix: pass the VPC whose instances it reaches)`}},
		{"instance connect endpoint in a tier the vpc does not have", func(s *core.Stack) {
			instanceconnect.New(s, "eic", &instanceconnect.Props{Vpc: testVpc(s, nil), Tier: "typo"})
		}, []string{
			`PN-VPC-8 t/eic: VPC t/network has no tier "typo" (fix: name one of the VPC's tiers)`,
			`PN-EIC-1 t/eic: no subnet to put the endpoint in: VPC t/network has none (fix: fix the VPC's own errors first)`,
		}},
		{"unknown ip address type", func(s *core.Stack) {
			instanceconnect.New(s, "eic", &instanceconnect.Props{Vpc: testVpc(s, nil), IpAddressType: "ipv5"})
		}, []string{`PN-EIC-3 t/eic: IpAddressType "ipv5" is not ipv4, dualstack or ipv6 (fix: use "ipv4")`}},
		{"instance connect Allow without a target", func(s *core.Stack) {
			eic := instanceconnect.New(s, "eic", &instanceconnect.Props{Vpc: testVpc(s, nil)})
			eic.Allow(nil)
		}, []string{`PN-SG-2 t/eic: Allow was given no target, or one that has no security group (fix: pass an instance (or another construct with a security group) that was built without errors)`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			wantIssues(t, issues(t, "us-east-1", c.build), c.want...)
		})
	}
}

// A route to the internet does not replace the endpoints: the instance's
// group lets HTTPS out only to the VPC, so even from a NAT tier the public
// SSM endpoints are out of reach (PN-SSM-1).
func TestSsmInstanceBehindNatStillNeedsEndpoints(t *testing.T) {
	got := issues(t, "us-east-1", func(s *core.Stack) {
		v := testVpc(s, &network.VpcProps{Nat: network.NatSingle, Tiers: []network.TierProps{{Name: "web", Kind: network.Public}, {Name: "app", Kind: network.PrivateWithNat}}})
		instance.New(s, "vm", &instance.Props{Vpc: v})
	})
	wantIssues(t, got, `PN-SSM-1 t/vm: instance is managed by Systems Manager and may send HTTPS only inside VPC t/network, which has no ssm or ssmmessages endpoint (fix: add endpoints.NewSsmEndpoints(stack, "ssm", &endpoints.RecipeProps{Vpc: vpc}) (and AllowFrom the instance), or set DisableSsm)`)
}

func TestInstanceDefaults(t *testing.T) {
	j := synthOne(t, "us-east-1", func(s *core.Stack) {
		v := testVpc(s, nil)
		vm := instance.New(s, "vm", &instance.Props{Vpc: v, ManagedPolicies: []string{"ReadOnlyAccess"}})
		// The S3 gateway made after the instance still gets its egress rule.
		endpoints.NewSsmEndpoints(s, "ssm", &endpoints.RecipeProps{Vpc: v}).AllowFrom(vm)
		instance.New(s, "arm", &instance.Props{Vpc: v, InstanceType: "t4g.small", DisableSsm: true})
		instance.New(s, "pinned", &instance.Props{Vpc: v, Ami: "ami-0123456789abcdef0", DisableSsm: true, RootVolumeGiB: 30})
	})
	vm := j.resource(t, "aws_instance", "vm")
	md := vm["metadata_options"].(map[string]any)
	if md["http_tokens"] != "required" || vm["associate_public_ip_address"] != false || vm["instance_type"] != "t3.micro" {
		t.Errorf("instance = %v", vm)
	}
	if vm["root_block_device"].(map[string]any)["encrypted"] != true {
		t.Error("root volume not encrypted")
	}
	if vm["ami"] != "${data.aws_ssm_parameter.vm_ami.insecure_value}" {
		t.Errorf("ami %v", vm["ami"])
	}
	params := j["data"].(map[string]any)["aws_ssm_parameter"].(map[string]any)
	if params["arm_ami"].(map[string]any)["name"] != "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64" ||
		params["vm_ami"].(map[string]any)["name"] != "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64" {
		t.Errorf("AMI parameters %v", params)
	}
	if _, ok := params["pinned_ami"]; ok {
		t.Error("an AMI lookup for a pinned AMI")
	}
	pinned := j.resource(t, "aws_instance", "pinned")
	if pinned["ami"] != "ami-0123456789abcdef0" || pinned["root_block_device"].(map[string]any)["volume_size"] != float64(30) {
		t.Errorf("pinned = %v", pinned)
	}
	trust := j.resource(t, "aws_iam_role", "vm")["assume_role_policy"]
	if trust != `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}` {
		t.Errorf("trust %v", trust)
	}
	atts := j.resources("aws_iam_role_policy_attachment")
	if got := strings.Join(keys(atts), " "); got != "vm_AmazonSSMManagedInstanceCore vm_ReadOnlyAccess" {
		t.Errorf("attachments %s", got)
	}
	egress := j.resources("aws_vpc_security_group_egress_rule")
	if egress["vm_sg_443-tcp_to_vpc"]["cidr_ipv4"] != "10.0.0.0/16" {
		t.Error("no 443 egress to the VPC")
	}
	if egress["vm_sg_443-tcp_to_s3"]["prefix_list_id"] != "${aws_vpc_endpoint.ssm_s3.prefix_list_id}" {
		t.Error("no 443 egress to the S3 prefix list")
	}
	if _, ok := egress["arm_sg_443-tcp_to_s3"]; !ok {
		t.Error("second instance has no S3 egress")
	}
	// 3 endpoints × the instance: naming a client drops the VPC-wide default.
	if len(j.resources("aws_vpc_security_group_ingress_rule")) != 3 {
		t.Errorf("ingress rules %v", keys(j.resources("aws_vpc_security_group_ingress_rule")))
	}
	if _, ok := j.outputs()["vm_ssm_session"]; !ok {
		t.Error("no session command output")
	}
}

func TestInstanceConnectEndpoint(t *testing.T) {
	j := synthOne(t, "us-east-1", func(s *core.Stack) {
		v := testVpc(s, nil)
		vm := instance.New(s, "vm", &instance.Props{Vpc: v, DisableSsm: true})
		win := instance.New(s, "win", &instance.Props{Vpc: v, DisableSsm: true})
		eic := instanceconnect.New(s, "eic", &instanceconnect.Props{Vpc: v, Rdp: true})
		eic.Allow(vm)
		eic.Allow(win)
	})
	e := j.resource(t, "aws_ec2_instance_connect_endpoint", "eic")
	to := e["timeouts"].(map[string]any)
	if e["preserve_client_ip"] != false || to["create"] != "20m" || to["delete"] != "20m" {
		t.Errorf("endpoint = %v", e)
	}
	egress := j.resources("aws_vpc_security_group_egress_rule")
	for _, n := range []string{"eic_sg_22-tcp_to_sg-vm_sg", "eic_sg_3389-tcp_to_sg-vm_sg", "eic_sg_22-tcp_to_sg-win_sg"} {
		if egress[n]["referenced_security_group_id"] == nil {
			t.Errorf("no egress %s", n)
		}
	}
	in := j.resource(t, "aws_vpc_security_group_ingress_rule", "vm_sg_22-tcp_from_sg-eic_sg")
	if in["referenced_security_group_id"] != "${aws_security_group.eic_sg.id}" {
		t.Errorf("instance ingress %v", in)
	}
	ssh := j.outputs()["vm_ssh"].(map[string]any)["value"]
	if ssh != "aws ec2-instance-connect ssh --region us-east-1 --connection-type eice --os-user ec2-user --instance-id ${aws_instance.vm.id}" {
		t.Errorf("ssh command %v", ssh)
	}
}

func TestInstanceConnectPreserveClientIp(t *testing.T) {
	j := synthOne(t, "us-east-1", func(s *core.Stack) {
		v := testVpc(s, nil)
		vm := instance.New(s, "vm", &instance.Props{Vpc: v, DisableSsm: true})
		instanceconnect.New(s, "eic", &instanceconnect.Props{Vpc: v, PreserveClientIp: true, ClientCidrs: []string{"203.0.113.0/24"}}).Allow(vm)
	})
	if j.resource(t, "aws_ec2_instance_connect_endpoint", "eic")["preserve_client_ip"] != true {
		t.Error("preserve_client_ip not written")
	}
	in := j.resource(t, "aws_vpc_security_group_ingress_rule", "vm_sg_22-tcp_from_203_0_113_0_24")
	if in["cidr_ipv4"] != "203.0.113.0/24" {
		t.Errorf("ingress %v", in)
	}
	// The rule naming the endpoint's group works with preservation on too
	// (EC2 User Guide, "Security groups for EC2 Instance Connect Endpoint").
	if r := j.resource(t, "aws_vpc_security_group_ingress_rule", "vm_sg_22-tcp_from_sg-eic_sg"); r["referenced_security_group_id"] != "${aws_security_group.eic_sg.id}" {
		t.Errorf("ingress from the endpoint %v", r)
	}
}

// Before 2026-11, PreserveClientIp without ClientCidrs was an error (the
// instances admitted only ClientCidrs then). The instance's rule naming
// the endpoint's group admits sessions whether preservation is on or off:
// it is made, and nothing is refused.
func TestPreserveClientIpWithoutClientCidrs(t *testing.T) {
	wantIssues(t, issues(t, "us-east-1", func(s *core.Stack) {
		v := testVpc(s, nil)
		vm := instance.New(s, "vm", &instance.Props{Vpc: v, DisableSsm: true})
		instanceconnect.New(s, "eic", &instanceconnect.Props{Vpc: v, PreserveClientIp: true}).Allow(vm)
	}))
	j := synthOne(t, "us-east-1", func(s *core.Stack) {
		v := testVpc(s, nil)
		vm := instance.New(s, "vm", &instance.Props{Vpc: v, DisableSsm: true})
		instanceconnect.New(s, "eic", &instanceconnect.Props{Vpc: v, PreserveClientIp: true}).Allow(vm)
	})
	if got := strings.Join(keys(j.resources("aws_vpc_security_group_ingress_rule")), " "); got != "vm_sg_22-tcp_from_sg-eic_sg" {
		t.Errorf("ingress rules %s", got)
	}
}

func TestShippedAccessStacks(t *testing.T) {
	j := parse(t, shipped["iam-privatelink"])
	if n := len(j.resources("aws_subnet")); n != 4 {
		t.Errorf("iam-privatelink has %d subnets, want 4", n)
	}
	if got := strings.Join(keys(j.resources("aws_vpc_endpoint")), " "); got != "iam_iam iam_sts" {
		t.Errorf("endpoints %s", got)
	}
	j.resource(t, "aws_iam_role_policy_attachment", "app_ReadOnlyAccess")
	if _, ok := j.outputs()["app_ssh"]; !ok {
		t.Error("no ssh command output")
	}
	j = parse(t, shipped["ssm-private-instance"])
	if n := len(j.resources("aws_subnet")); n != 1 {
		t.Errorf("ssm-private-instance has %d subnets, want 1", n)
	}
	for _, k := range []string{"ssm_ssm", "ssm_ssmmessages", "ssm_ec2messages"} {
		r := j.resource(t, "aws_vpc_security_group_ingress_rule", k+"_sg_443-tcp_from_sg-app_sg")
		if r["referenced_security_group_id"] != "${aws_security_group.app_sg.id}" {
			t.Errorf("%s ingress %v", k, r)
		}
	}
	if j.outputs()["app_ssm_session"].(map[string]any)["value"] != "aws ssm start-session --region ap-northeast-1 --target ${aws_instance.app.id}" {
		t.Error("session command")
	}
	// No shipped stack mentions 0.0.0.0/0, except the egress-firewall
	// stack's default routes, each through its NAT gateway, its firewall
	// endpoint or (from the firewall's own subnets) the internet gateway.
	for name, b := range shipped {
		sj := parse(t, b)
		allowed := 0
		if name == "egress-firewall" {
			for n, r := range sj.resources("aws_route") {
				if r["destination_cidr_block"] != "0.0.0.0/0" {
					continue
				}
				nat, _ := r["nat_gateway_id"].(string)
				fw, _ := r["vpc_endpoint_id"].(string)
				igw, _ := r["gateway_id"].(string)
				switch {
				case strings.HasPrefix(n, "network_app_") && strings.HasPrefix(nat, "${aws_nat_gateway.network_"),
					strings.HasPrefix(n, "network_public_") && strings.Contains(fw, "aws_networkfirewall_firewall.network_firewall."),
					strings.HasPrefix(n, "network_firewall_") && igw == "${aws_internet_gateway.network.id}":
					allowed++
				default:
					t.Errorf("egress-firewall: route %s to 0.0.0.0/0 %v", n, r)
				}
			}
			if allowed != 6 {
				t.Errorf("egress-firewall has %d default routes, want 6 (2 AZs × app, public, firewall)", allowed)
			}
		}
		// The metadata records an imported VPC's network ACLs as they are
		// in AWS; what this stack makes is the rest.
		var doc map[string]any
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Fatal(err)
		}
		delete(doc, "//")
		made, _ := json.Marshal(doc)
		if n := strings.Count(string(made), `"0.0.0.0/0"`); n != allowed {
			t.Errorf("stack %s mentions 0.0.0.0/0 %d times, %d of them known routes", name, n, allowed)
		}
	}
}

// A suppressed rule builds what was asked: the instance in the public tier,
// an SSM-managed instance in a VPC without the endpoints.
func TestInstanceSuppressedBuildsWhatWasAsked(t *testing.T) {
	j := synthOne(t, "us-east-1", func(s *core.Stack) {
		core.Suppress(s, instance.RulePublicTier.ID, "test: a lab subnet")
		core.Suppress(s, instance.RuleSsmEndpoints.ID, "test: endpoints of a shared VPC")
		v := testVpc(s, &network.VpcProps{Tiers: []network.TierProps{{Name: "web", Kind: network.Public}, {Name: "app"}}})
		vm := instance.New(s, "vm", &instance.Props{Vpc: v, Tier: "web"})
		instanceconnect.New(s, "eic", &instanceconnect.Props{Vpc: v, PreserveClientIp: true}).Allow(vm)
	})
	vm := j.resource(t, "aws_instance", "vm")
	if !strings.Contains(vm["subnet_id"].(string), "_web_") {
		t.Errorf("instance subnet %v, want the web tier's", vm["subnet_id"])
	}
	if _, ok := j.outputs()["vm_ssm_session"]; !ok {
		t.Error("no session command output")
	}
	j.resource(t, "aws_iam_role_policy_attachment", "vm_AmazonSSMManagedInstanceCore")
	if j.resource(t, "aws_ec2_instance_connect_endpoint", "eic")["preserve_client_ip"] != true {
		t.Error("preserve_client_ip not kept")
	}
}
