package test

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/endpoints"
	"github.com/privnet/privnet/constructs/endpointservice"
	pninstance "github.com/privnet/privnet/constructs/instance"
	"github.com/privnet/privnet/constructs/instanceconnect"
	"github.com/privnet/privnet/constructs/lattice"
	"github.com/privnet/privnet/constructs/network"
)

// testdata/record.context.json records one account's us-east-1: VPC
// vpc-0a1b2c3d4e5f60718 (10.20.0.0/16 and 10.21.0.0/16) with subnets in
// us-east-1a (use1-az6), us-east-1b (use1-az1) and us-east-1c (use1-az2,
// on the main table), an ssm endpoint with private DNS and an s3 gateway
// endpoint already there; kms supported in us-east-1a and us-east-1b only.
const (
	recordFile = "testdata/record.context.json"
	sharedVpc  = "vpc-0a1b2c3d4e5f60718"
	subnetA    = "subnet-0aaa1111bbbb2222c"
	subnetB    = "subnet-0aaa1111bbbb2222d"
	subnetC    = "subnet-0aaa1111bbbb2222e"
	lookupCmd  = "go run github.com/privnet/privnet/cmd/lookup -file testdata/record.context.json -region us-east-1"
)

func importShared(s *core.Stack) *network.Vpc {
	return network.ImportVpc(s, "shared", &network.ImportVpcProps{VpcId: sharedVpc, FromRecord: true})
}

// Adding to a recorded VPC makes nothing its owner manages: no VPC,
// subnet, route table, route, NACL, default security group or flow log.
// Endpoints reference the VPC and subnets by ID, the kms endpoint skips the
// subnet in an AZ kms does not support, the gateway endpoint associates
// with each of the recorded tables once, and security groups admit both
// of the VPC's CIDRs.
func TestImportedVpcOwnsNothing(t *testing.T) {
	withRecord(t, recordFile)
	j := synthOne(t, "us-east-1", func(s *core.Stack) {
		v := importShared(s)
		for _, svc := range []*endpoints.Service{endpoints.KMS, endpoints.STS} {
			endpoints.NewInterfaceEndpoint(s, svc.Key, &endpoints.InterfaceEndpointProps{Vpc: v, Service: svc})
		}
		endpoints.NewGatewayEndpoint(s, "dynamodb", &endpoints.GatewayEndpointProps{Vpc: v, Service: endpoints.DynamoDB})
		pninstance.New(s, "app", &pninstance.Props{Vpc: v, DisableSsm: true, Reaches: []endpoints.Need{endpoints.KMS, endpoints.STS}})
	})
	for _, typ := range []string{"aws_vpc", "aws_subnet", "aws_route_table", "aws_route", "aws_route_table_association", "aws_network_acl",
		"aws_default_network_acl", "aws_default_security_group", "aws_default_route_table", "aws_flow_log", "aws_internet_gateway", "aws_nat_gateway"} {
		if n := len(j.resources(typ)); n != 0 {
			t.Errorf("%d %s made in an imported VPC", n, typ)
		}
	}
	kms := j.resource(t, "aws_vpc_endpoint", "kms")
	if kms["vpc_id"] != sharedVpc {
		t.Errorf("vpc_id = %v", kms["vpc_id"])
	}
	if got := kms["subnet_ids"]; !reflect.DeepEqual(got, []any{subnetA, subnetB}) {
		t.Errorf("kms subnet_ids = %v, want the two subnets in AZs kms supports", got)
	}
	if got := j.resource(t, "aws_vpc_endpoint", "sts")["subnet_ids"]; !reflect.DeepEqual(got, []any{subnetA, subnetB, subnetC}) {
		t.Errorf("sts subnet_ids = %v", got)
	}
	if got := j.resource(t, "aws_vpc_endpoint", "dynamodb")["route_table_ids"]; !reflect.DeepEqual(got, []any{"rtb-0a00000000000000a", "rtb-0b00000000000000b", "rtb-0c00000000000000c"}) {
		t.Errorf("dynamodb route_table_ids = %v", got)
	}
	if got := j.resource(t, "aws_instance", "app")["subnet_id"]; got != subnetA {
		t.Errorf("instance subnet_id = %v", got)
	}
	var cidrs []string
	for _, r := range j.resources("aws_vpc_security_group_ingress_rule") {
		if c, _ := r["cidr_ipv4"].(string); c != "" && strings.Contains(r["security_group_id"].(string), "kms") {
			cidrs = append(cidrs, c)
		}
	}
	sort.Strings(cidrs)
	if !reflect.DeepEqual(cidrs, []string{"10.20.0.0/16", "10.21.0.0/16"}) {
		t.Errorf("kms ingress from %v, want both VPC CIDRs", cidrs)
	}
	// The VPC's own S3 gateway endpoint: the instance may reach its
	// prefix list, named by the recorded routes.
	s3 := j.resources("aws_vpc_security_group_egress_rule")["app_sg_443-tcp_to_s3"]
	if s3 == nil || s3["prefix_list_id"] != "pl-63a5400a" {
		t.Errorf("instance egress to the existing S3 gateway: %v", s3)
	}
	meta := j["//"].(map[string]any)["privnet"].(map[string]any)
	placement := meta["placement"].([]any)
	var kmsPlacement map[string]any
	for _, p := range placement {
		if p.(map[string]any)["path"] == "t/kms" {
			kmsPlacement = p.(map[string]any)
		}
	}
	if kmsPlacement == nil || !reflect.DeepEqual(kmsPlacement["skipped"], []any{subnetC + " (us-east-1c (use1-az2))"}) {
		t.Errorf("kms placement = %v", kmsPlacement)
	}
	imported := meta["imported"].([]any)
	if len(imported) != 1 || imported[0].(map[string]any)["vpc"].(map[string]any)["id"] != sharedVpc {
		t.Errorf("imported = %v", imported)
	}
}

// Each rule of imported VPCs, AZ IDs and recorded lookups: the bad input
// and its message.
func TestImportRules(t *testing.T) {
	broken := filepath.Join(t.TempDir(), "broken.json")
	if err := os.WriteFile(broken, []byte(`{"format": "privnet.context/v1", "regions": {"us-east-1": {"account": "1234"}}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, record string
		build        func(s *core.Stack)
		want         []string
	}{
		{"not a vpc id", "", func(s *core.Stack) {
			network.ImportVpc(s, "shared", &network.ImportVpcProps{VpcId: "my-vpc"})
		}, []string{`PN-VPC-11 t/shared: VpcId "my-vpc" is not a VPC ID (fix: give the existing VPC's ID, like "vpc-0a1b2c3d4e5f60718")`}},
		{"attributes with bad values", "", func(s *core.Stack) {
			network.ImportVpc(s, "shared", &network.ImportVpcProps{VpcId: sharedVpc, Cidrs: []string{"10.20.0.1/16"}, Subnets: []network.ImportedSubnet{
				{Id: "subnet-xyz", Az: "us-east-1a", Cidr: "10.20.0.0/24"},
				{Id: subnetB, AzId: "euw1-az1", Cidr: "10.20.1.0/24"},
			}})
		}, []string{
			`PN-VPC-11 t/shared: Cidrs[0] "10.20.0.1/16" is not an IPv4 network address with its prefix length (fix: write it like "10.20.0.0/16")`,
			`PN-VPC-11 t/shared: Subnets[0]: Id "subnet-xyz" is not a subnet ID (fix: give the subnet's ID, like "subnet-0a1b2c3d4e5f60718")`,
			`PN-VPC-11 t/shared: Subnets[1] (subnet-0aaa1111bbbb2222d): AzId "euw1-az1" is not an AZ ID of us-east-1 (use1-az<n>) (fix: give the subnet's AvailabilityZoneId as aws ec2 describe-subnets shows it)`,
		}},
		{"two subnets in one az need tiers", "", func(s *core.Stack) {
			network.ImportVpc(s, "shared", &network.ImportVpcProps{VpcId: sharedVpc, Cidrs: []string{"10.20.0.0/16"}, Subnets: []network.ImportedSubnet{
				{Id: subnetA, Az: "us-east-1a", Cidr: "10.20.0.0/24"}, {Id: subnetB, Az: "us-east-1a", Cidr: "10.20.1.0/24"},
			}})
		}, []string{`PN-VPC-11 t/shared: the VPC has more than one subnet in us-east-1a (subnet-0aaa1111bbbb2222c, subnet-0aaa1111bbbb2222d), so privnet cannot pick a tier by itself (fix: name the tiers: Tiers: []network.ImportedTier{{Name: "app", SubnetIds: []string{...}}}, one subnet per AZ each)`}},
		{"gateway endpoint on subnets without route tables", "", func(s *core.Stack) {
			v := network.ImportVpc(s, "shared", &network.ImportVpcProps{VpcId: sharedVpc, Cidrs: []string{"10.20.0.0/16"}, DnsSupport: network.On, DnsHostnames: network.On,
				Subnets: []network.ImportedSubnet{{Id: subnetA, Az: "us-east-1a", Cidr: "10.20.0.0/24"}}})
			endpoints.NewGatewayEndpoint(s, "s3", &endpoints.GatewayEndpointProps{Vpc: v, Service: endpoints.S3})
		}, []string{`PN-VPC-11 t/s3: a gateway endpoint associates with its subnets' route tables, and subnets subnet-0aaa1111bbbb2222c of imported VPC t/shared were given without RouteTableId (fix: give their RouteTableId, or import the VPC FromRecord)`}},
		{"by hand: an az that is not a zone, an az id the record does not have", recordFile, func(s *core.Stack) {
			network.ImportVpc(s, "shared", &network.ImportVpcProps{VpcId: sharedVpc, Cidrs: []string{"10.20.0.0/16"}, Subnets: []network.ImportedSubnet{
				{Id: subnetA, Az: "us-east-1", Cidr: "10.20.0.0/24"},
				{Id: subnetB, Az: "us-east-1b", AzId: "use1-az6", Cidr: "10.20.1.0/24"},
				{Id: subnetC, AzId: "use1-az9", Cidr: "10.21.0.0/24"},
			}})
		}, []string{
			`PN-VPC-11 t/shared: Subnets[0] (subnet-0aaa1111bbbb2222c): Az "us-east-1" is not a zone of the stack's region us-east-1 (fix: give the subnet's AZ as aws ec2 describe-subnets shows it)`,
			`PN-VPC-11 t/shared: Subnets[1] (subnet-0aaa1111bbbb2222d): Az us-east-1b is use1-az1 in the recorded zones of the account, not "use1-az6" (fix: give the subnet's AvailabilityZone and AvailabilityZoneId as aws ec2 describe-subnets shows them)`,
			`PN-VPC-11 t/shared: Subnets[2] (subnet-0aaa1111bbbb2222e): AzId use1-az9 is not one of the zones recorded for us-east-1 (fix: give the subnet's AvailabilityZoneId as aws ec2 describe-subnets shows it, or record the region again: ` + lookupCmd + `)`,
		}},
		{"a named tier with two subnets in one az", recordFile, func(s *core.Stack) {
			network.ImportVpc(s, "shared", &network.ImportVpcProps{VpcId: sharedVpc, Cidrs: []string{"10.20.0.0/16"}, Subnets: []network.ImportedSubnet{
				{Id: subnetA, Az: "us-east-1a", Cidr: "10.20.0.0/24"}, {Id: subnetB, Az: "us-east-1a", Cidr: "10.20.1.0/24"},
			}, Tiers: []network.ImportedTier{{Name: "app", SubnetIds: []string{subnetA, subnetB}}}})
		}, []string{`PN-VPC-11 t/shared: tier app has two subnets in us-east-1a (subnet-0aaa1111bbbb2222c, subnet-0aaa1111bbbb2222d) (fix: put one subnet per AZ in each tier)`}},
		{"a gateway endpoint on tables an existing one uses", recordFile, func(s *core.Stack) {
			endpoints.NewGatewayEndpoint(s, "s3", &endpoints.GatewayEndpointProps{Vpc: importShared(s), Service: endpoints.S3})
		}, []string{`PN-EP-19 t/s3: route tables rtb-0a00000000000000a, rtb-0b00000000000000b of VPC t/shared already route s3 through endpoint vpce-0b1b2c3d4e5f60718, made outside privnet (fix: drop this endpoint (the existing one serves those tables), or give it tiers whose route tables the existing endpoint does not use)`}},
		{"a network firewall over az ids with no record", "", func(s *core.Stack) {
			network.NewVpc(s, "network", &network.VpcProps{Cidr: "10.0.0.0/16", Azs: []string{"use1-az1", "use1-az6"}, Nat: network.NatPerAz,
				Tiers:    []network.TierProps{{Name: "public", Kind: network.Public}, {Name: "app", Kind: network.PrivateWithNat}},
				Firewall: &network.FirewallProps{AllowedDomains: []string{"pypi.org"}}})
		}, []string{`PN-VPC-12 t/network: a Network Firewall's endpoints are found by AZ name, and Azs gives AZ IDs with no recorded lookup of the region to map them (fix: give Azs as names, or record the region: go run github.com/privnet/privnet/cmd/lookup -region us-east-1)`}},
		{"az names and ids mixed", "", func(s *core.Stack) {
			network.NewVpc(s, "network", &network.VpcProps{Cidr: "10.0.0.0/16", Azs: []string{"use1-az1", "us-east-1b"}})
		}, []string{`PN-VPC-12 t/network: Azs mixes AZ IDs and AZ names ("us-east-1b") (fix: give all AZs as IDs (use1-az1) or all as names (us-east-1a))`}},
		{"az id of another region", "", func(s *core.Stack) {
			network.NewVpc(s, "network", &network.VpcProps{Cidr: "10.0.0.0/16", Azs: []string{"apne1-az1"}})
		}, []string{`PN-VPC-12 t/network: "apne1-az1" is not an AZ ID of the stack's region us-east-1, whose AZ IDs are use1-az<n> (fix: use AZ IDs of us-east-1 (aws ec2 describe-availability-zones --region us-east-1 shows ZoneId))`}},
		{"az id not in the record", recordFile, func(s *core.Stack) {
			network.NewVpc(s, "network", &network.VpcProps{Cidr: "10.0.0.0/16", Azs: []string{"use1-az6", "use1-az3"}})
		}, []string{`PN-VPC-12 t/network: use1-az3 is not one of the zones recorded for us-east-1 (use1-az6, use1-az1, use1-az2, use1-az4) (fix: use a recorded AZ ID, or record the region again: ` + lookupCmd + `)`}},
		{"subnets given in an unsupported az", recordFile, func(s *core.Stack) {
			v := importShared(s)
			endpoints.NewInterfaceEndpoint(s, "kms", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.KMS, Subnets: v.Tier("imported").Subnets})
		}, []string{`PN-EP-18 t/kms: subnet subnet-0aaa1111bbbb2222e is in us-east-1c (use1-az2), which com.amazonaws.us-east-1.kms does not support (it supports us-east-1a, us-east-1b, as recorded) (fix: give subnets in the supported AZs, or leave Subnets empty to have the tier's supported subnets used)`}},
		{"no supported az left", recordFile, func(s *core.Stack) {
			v := network.ImportVpc(s, "shared", &network.ImportVpcProps{VpcId: sharedVpc, FromRecord: true, Tiers: []network.ImportedTier{{Name: "c", SubnetIds: []string{subnetC}}}})
			endpoints.NewInterfaceEndpoint(s, "kms", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.KMS})
		}, []string{`PN-EP-18 t/kms: none of the endpoint's subnets is in an AZ com.amazonaws.us-east-1.kms supports (it supports us-east-1a, us-east-1b, as recorded) (fix: use a tier with subnets in a supported AZ, or add one to the VPC)`}},
		{"a second private-dns endpoint beside an existing one", recordFile, func(s *core.Stack) {
			v := importShared(s)
			endpoints.NewInterfaceEndpoint(s, "ssm", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.SSM})
		}, []string{`PN-EP-6 t/ssm: VPC t/shared already has endpoint vpce-0a1b2c3d4e5f60718 with private DNS for com.amazonaws.us-east-1.ssm, made outside privnet (recorded in testdata/record.context.json) (fix: drop this endpoint and use the existing one, or set DisablePrivateDns on this one)`}},
		{"vpc not in the record", recordFile, func(s *core.Stack) {
			// What is built on it reports nothing more.
			v := network.ImportVpc(s, "other", &network.ImportVpcProps{VpcId: "vpc-0ffffffffffffffff", FromRecord: true})
			ssm := endpoints.NewSsmEndpoints(s, "ssm", &endpoints.RecipeProps{Vpc: v})
			ssm.AllowFrom(pninstance.New(s, "app", &pninstance.Props{Vpc: v}))
		}, []string{`PN-APP-9 t/other: the recorded lookups (testdata/record.context.json) of us-east-1 have no VPC vpc-0ffffffffffffffff (fix: record it (read-only AWS calls, with your usual credentials): ` + lookupCmd + ` -vpc vpc-0ffffffffffffffff -service com.amazonaws.us-east-1.ec2messages,com.amazonaws.us-east-1.ssm,com.amazonaws.us-east-1.ssmmessages)`}},
		{"service not in the record", recordFile, func(s *core.Stack) {
			v := importShared(s)
			endpoints.NewInterfaceEndpoint(s, "ecr", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.ECRApi})
		}, []string{`PN-APP-9 t/ecr: the recorded lookups (testdata/record.context.json) of us-east-1 have no endpoint service com.amazonaws.us-east-1.ecr.api, so its supported AZs are unknown (fix: record it (read-only AWS calls, with your usual credentials): ` + lookupCmd + ` -vpc vpc-0a1b2c3d4e5f60718 -service com.amazonaws.us-east-1.ecr.api)`}},
		{"record that is not valid", broken, func(s *core.Stack) {
			network.ImportVpc(s, "shared", &network.ImportVpcProps{VpcId: sharedVpc, FromRecord: true})
		}, []string{`PN-APP-9 app: cannot use the recorded lookups: ` + broken + `: regions."us-east-1".account "1234" is not a 12-digit account ID (fix: run go run github.com/privnet/privnet/cmd/lookup again for the regions it records, or restore the file from version control)`}},
	}
	for _, c := range cases {
		if c.want == nil {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			withRecord(t, c.record)
			wantIssues(t, issues(t, "us-east-1", c.build), c.want...)
		})
	}
	t.Run("region not in the record", func(t *testing.T) {
		withRecord(t, recordFile)
		wantIssues(t, issues(t, "eu-west-1", func(s *core.Stack) {
			network.ImportVpc(s, "shared", &network.ImportVpcProps{VpcId: sharedVpc, FromRecord: true})
		}), `PN-APP-9 t/shared: the recorded lookups (testdata/record.context.json) have no region eu-west-1 (fix: record it (read-only AWS calls, with your usual credentials): go run github.com/privnet/privnet/cmd/lookup -file testdata/record.context.json -region eu-west-1 -vpc vpc-0a1b2c3d4e5f60718)`)
	})
}

// An import by hand leaves what it does not give unknown, and says so:
// private DNS is not refused for DNS settings privnet does not know, nor
// an instance for Systems Manager endpoints the VPC may have.
func TestImportByHandUnknownDns(t *testing.T) {
	got := issues(t, "us-east-1", func(s *core.Stack) {
		v := network.ImportVpc(s, "shared", &network.ImportVpcProps{VpcId: sharedVpc, Cidrs: []string{"10.20.0.0/16"},
			Subnets: []network.ImportedSubnet{{Id: subnetA, Az: "us-east-1a", Cidr: "10.20.0.0/24", RouteTableId: "rtb-0a00000000000000a"}}})
		endpoints.NewInterfaceEndpoint(s, "sts", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.STS})
		// Its Systems Manager endpoints are not known either: no PN-SSM-1.
		pninstance.New(s, "app", &pninstance.Props{Vpc: v})
	})
	if len(got) != 0 {
		t.Fatalf("issues: %v", got)
	}
}

// AZ IDs: subnets name their zone by availability_zone_id, and with a
// record the names are known too (the review and Lattice use them).
func TestVpcOverAzIds(t *testing.T) {
	withRecord(t, recordFile)
	var v *network.Vpc
	j := synthOne(t, "us-east-1", func(s *core.Stack) {
		v = network.NewVpc(s, "network", &network.VpcProps{Cidr: "10.0.0.0/16", Azs: []string{"use1-az1", "use1-az6"}})
	})
	subs := j.resources("aws_subnet")
	a, ok := subs["network_isolated_use1-az1"]
	if !ok {
		t.Fatalf("subnets: %v", keys(subs))
	}
	if a["availability_zone_id"] != "use1-az1" || a["availability_zone"] != nil {
		t.Errorf("subnet zone: %v / %v", a["availability_zone_id"], a["availability_zone"])
	}
	if s := v.Tier("isolated").Subnets[0]; s.Az != "us-east-1b" || s.AzId != "use1-az1" {
		t.Errorf("Az %q AzId %q", s.Az, s.AzId)
	}
}

// Every construct that takes a VPC takes an imported one: Instance
// Connect, Lattice (a resource gateway in the imported VPC, a consumer
// in a VPC of privnet's whose AZs are compared by AZ ID), and an NLB
// endpoint service.
func TestImportedVpcConsumers(t *testing.T) {
	withRecord(t, recordFile)
	j := synthOne(t, "us-east-1", func(s *core.Stack) {
		v := importShared(s)
		vm := pninstance.New(s, "app", &pninstance.Props{Vpc: v, DisableSsm: true})
		instanceconnect.New(s, "eic", &instanceconnect.Props{Vpc: v}).Allow(vm)
		gw := lattice.NewResourceGateway(s, "gw", &lattice.ResourceGatewayProps{Vpc: v})
		cfg := lattice.NewResourceConfiguration(s, "db", &lattice.ResourceConfigurationProps{Gateway: gw, IpAddress: "10.20.0.50", Ports: "5432"})
		consumer := network.NewVpc(s, "consumer", &network.VpcProps{Cidr: "10.30.0.0/16", Azs: []string{"use1-az1", "use1-az6"}})
		lattice.NewResourceEndpoint(s, "db-endpoint", &lattice.ResourceEndpointProps{Vpc: consumer, Configuration: cfg})
		endpointservice.New(s, "svc", &endpointservice.Props{Vpc: v, Port: 443, Targets: []endpointservice.Target{{Instance: vm}}})
	})
	if got := j.resource(t, "aws_ec2_instance_connect_endpoint", "eic")["subnet_id"]; got != subnetA {
		t.Errorf("Instance Connect subnet = %v", got)
	}
	if got := j.resource(t, "aws_vpclattice_resource_gateway", "gw")["subnet_ids"]; !reflect.DeepEqual(got, []any{subnetA, subnetB, subnetC}) {
		t.Errorf("resource gateway subnets = %v", got)
	}
	for _, lb := range j.resources("aws_lb") {
		if got := lb["subnets"]; !reflect.DeepEqual(got, []any{subnetA, subnetB, subnetC}) {
			t.Errorf("NLB subnets = %v", got)
		}
	}
}

// Lattice's shared-AZ check compares AZ IDs when both sides have them:
// the consumer over use1-az4 only shares no zone with the gateway's
// use1-az6, use1-az1 and use1-az2.
func TestLatticeSharedAzById(t *testing.T) {
	withRecord(t, recordFile)
	got := issues(t, "us-east-1", func(s *core.Stack) {
		v := importShared(s)
		gw := lattice.NewResourceGateway(s, "gw", &lattice.ResourceGatewayProps{Vpc: v})
		cfg := lattice.NewResourceConfiguration(s, "db", &lattice.ResourceConfigurationProps{Gateway: gw, IpAddress: "10.20.0.50", Ports: "5432"})
		consumer := network.NewVpc(s, "consumer", &network.VpcProps{Cidr: "10.30.0.0/16", Azs: []string{"use1-az4"}})
		lattice.NewResourceEndpoint(s, "db-endpoint", &lattice.ResourceEndpointProps{Vpc: consumer, Configuration: cfg})
	})
	wantIssues(t, got, `PN-LAT-13 t/db-endpoint: the endpoint's AZs (use1-az4) and resource gateway t/gw's AZs (use1-az6, use1-az1, use1-az2) have none in common; traffic crosses only in a shared AZ (fix: put the endpoint or the gateway in at least one AZ of the other)`)
}

// Synth reads what the lookup command writes: its golden output (made
// against the fake EC2 API in cmd/lookup) imports and places endpoints.
func TestSynthReadsTheCommandsRecord(t *testing.T) {
	withRecord(t, "../cmd/lookup/testdata/example.context.json")
	j := synthOne(t, "us-east-1", func(s *core.Stack) {
		v := network.ImportVpc(s, "shared", &network.ImportVpcProps{VpcId: sharedVpc, FromRecord: true})
		endpoints.NewInterfaceEndpoint(s, "kms", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.KMS})
	})
	kms := j.resource(t, "aws_vpc_endpoint", "kms")
	if got := kms["subnet_ids"].([]any); len(got) != 2 {
		t.Errorf("kms subnets %v: want the two in the AZs the record says kms supports", got)
	}
}

// A VPC over AZ IDs with no record (the names unknown) builds its public
// tier, NAT gateways and routes, named by the IDs it was given.
func TestAzIdsWithoutRecordBuildNat(t *testing.T) {
	j := synthOne(t, "us-east-1", func(s *core.Stack) {
		network.NewVpc(s, "network", &network.VpcProps{Cidr: "10.0.0.0/16", Azs: []string{"use1-az1", "use1-az6"}, Nat: network.NatPerAz,
			Tiers: []network.TierProps{{Name: "public", Kind: network.Public}, {Name: "app", Kind: network.PrivateWithNat}}})
	})
	nats := j.resources("aws_nat_gateway")
	if _, ok := nats["network_use1-az6"]; !ok || len(nats) != 2 {
		t.Errorf("NAT gateways: %v", keys(nats))
	}
	if r := j.resource(t, "aws_route", "network_app_use1-az6_default"); r["nat_gateway_id"] != "${aws_nat_gateway.network_use1-az6.id}" {
		t.Errorf("app route in use1-az6: %v", r)
	}
}

// Existing endpoints count only when they answer the service's name: an
// ssm endpoint without private DNS does not serve an instance, and one
// being deleted holds no name against a new one.
func TestExistingEndpointStates(t *testing.T) {
	dir := t.TempDir()
	b, err := os.ReadFile(recordFile)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(b), `"privateDns": true,`, `"privateDns": false,`, 1)
	if edited == string(b) {
		t.Fatal("the fixture changed: no private DNS to turn off")
	}
	noDns := filepath.Join(dir, "nodns.json")
	os.WriteFile(noDns, []byte(edited), 0o644)
	withRecord(t, noDns)
	wantIssues(t, issues(t, "us-east-1", func(s *core.Stack) {
		pninstance.New(s, "app", &pninstance.Props{Vpc: importShared(s)})
	}), `PN-SSM-1 t/app: instance is managed by Systems Manager and may send HTTPS only inside VPC t/shared, which has no ssm or ssmmessages endpoint (fix: add endpoints.NewSsmEndpoints(stack, "ssm", &endpoints.RecipeProps{Vpc: vpc}) (and AllowFrom the instance), or set DisableSsm)`)

	deleting := filepath.Join(dir, "deleting.json")
	os.WriteFile(deleting, []byte(strings.Replace(string(b), `"state": "available",`, `"state": "deleting",`, 1)), 0o644)
	withRecord(t, deleting)
	if got := issues(t, "us-east-1", func(s *core.Stack) {
		endpoints.NewInterfaceEndpoint(s, "ssm", &endpoints.InterfaceEndpointProps{Vpc: importShared(s), Service: endpoints.SSM})
	}); len(got) != 0 {
		t.Errorf("a new ssm endpoint beside one being deleted: %v", got)
	}
}

// An NLB endpoint service in an imported VPC takes targets in its
// secondary CIDR.
func TestImportedSecondaryCidrTarget(t *testing.T) {
	withRecord(t, recordFile)
	if got := issues(t, "us-east-1", func(s *core.Stack) {
		endpointservice.New(s, "svc", &endpointservice.Props{Vpc: importShared(s), Port: 443, Targets: []endpointservice.Target{{Ip: "10.21.0.50"}}})
	}); len(got) != 0 {
		t.Errorf("issues: %v", got)
	}
}

// The rest of PN-VPC-11, PN-VPC-12, PN-VPC-2, PN-EP-18, PN-EP-19 and
// PN-APP-9's messages: each bad input and its message.
func TestImportRulesMore(t *testing.T) {
	by := func(s *core.Stack, tiers []network.ImportedTier, subs ...network.ImportedSubnet) *network.Vpc {
		return network.ImportVpc(s, "shared", &network.ImportVpcProps{VpcId: sharedVpc, Cidrs: []string{"10.20.0.0/16"}, DnsSupport: network.On, DnsHostnames: network.On, Subnets: subs, Tiers: tiers})
	}
	a := network.ImportedSubnet{Id: subnetA, Az: "us-east-1a", Cidr: "10.20.0.0/24", RouteTableId: "rtb-0a00000000000000a"}
	b := network.ImportedSubnet{Id: subnetB, Az: "us-east-1b", Cidr: "10.20.1.0/24"}
	cases := []struct {
		name, record string
		build        func(s *core.Stack)
		want         []string
	}{
		{"an empty tier, a firewall kind", recordFile, func(s *core.Stack) {
			network.ImportVpc(s, "shared", &network.ImportVpcProps{VpcId: sharedVpc, FromRecord: true, Tiers: []network.ImportedTier{{Name: "spare"}, {Name: "app", Kind: network.FirewallTier, SubnetIds: []string{subnetA}}}})
		}, []string{
			`PN-VPC-11 t/shared: tier spare names no subnet (fix: give the tier's subnet IDs, or drop the tier)`,
			`PN-VPC-11 t/shared: tier app has kind "firewall", which an imported tier cannot have (fix: use "isolated", "private-with-nat" or "public", or leave it empty to read it from the recorded routes)`,
		}},
		{"imported twice", recordFile, func(s *core.Stack) {
			importShared(s)
			network.ImportVpc(s, "again", &network.ImportVpcProps{VpcId: sharedVpc, FromRecord: true})
		}, []string{`PN-VPC-11 t/again: VPC vpc-0a1b2c3d4e5f60718 is already imported by t/shared in this app (fix: import it once and pass that Vpc to the constructs of every stack of its region)`}},
		{"from the record, with attributes", recordFile, func(s *core.Stack) {
			network.ImportVpc(s, "shared", &network.ImportVpcProps{VpcId: sharedVpc, FromRecord: true, Cidrs: []string{"10.20.0.0/16"}})
		}, []string{`PN-VPC-11 t/shared: FromRecord takes the VPC's facts from the record, and Cidrs, Subnets or DNS settings are given too (fix: drop the attributes, or drop FromRecord)`}},
		{"by hand, nothing given", "", func(s *core.Stack) { network.ImportVpc(s, "shared", &network.ImportVpcProps{VpcId: sharedVpc}) }, []string{
			`PN-VPC-11 t/shared: no Cidrs given (fix: give the VPC's IPv4 CIDRs (primary first), or use FromRecord)`,
			`PN-VPC-11 t/shared: no Subnets given (fix: give the subnets privnet may use (ID, AZ, CIDR, route table), or use FromRecord)`,
		}},
		{"by hand, bad fields", "", func(s *core.Stack) {
			network.ImportVpc(s, "shared", &network.ImportVpcProps{VpcId: sharedVpc, Cidrs: []string{"10.20.0.0/16"}, DnsSupport: "yes", Subnets: []network.ImportedSubnet{
				{Id: subnetA, Cidr: "10.20.0.0/24"}, {Id: subnetB, Az: "us-east-1b", Cidr: "10.20.1.0/24", RouteTableId: "table-1"}}})
		}, []string{
			`PN-VPC-11 t/shared: DnsSupport "yes" is not on or off (fix: use network.On or network.Off, or leave it unknown)`,
			`PN-VPC-11 t/shared: Subnets[0] (subnet-0aaa1111bbbb2222c) has neither Az nor AzId (fix: give the AZ's name or ID (aws ec2 describe-subnets shows both))`,
			`PN-VPC-11 t/shared: Subnets[1] (subnet-0aaa1111bbbb2222d): RouteTableId "table-1" is not a route table ID (fix: give it like "rtb-0a1b2c3d4e5f60718", or leave it empty)`,
		}},
		{"by hand, bad tiers", "", func(s *core.Stack) {
			by(s, []network.ImportedTier{{Name: "App", SubnetIds: []string{subnetA}}, {Name: "x", SubnetIds: []string{subnetA, subnetC}}, {Name: "y", SubnetIds: []string{subnetA}}, {Name: "y", SubnetIds: []string{subnetB}}}, a, b)
		}, []string{
			`PN-VPC-11 t/shared: Tiers[0]: tier name "App" is not usable in resource names (fix: use 1 to 31 lower-case letters, digits and hyphens, starting with a letter)`,
			`PN-VPC-11 t/shared: tier x names subnet "subnet-0aaa1111bbbb2222e", which is not in Subnets (fix: name subnets of the VPC (subnet-0aaa1111bbbb2222c, subnet-0aaa1111bbbb2222d))`,
			`PN-VPC-11 t/shared: subnet subnet-0aaa1111bbbb2222c is in more than one tier (fix: put each subnet in one tier)`,
			`PN-VPC-11 t/shared: two tiers are named "y" (fix: give every tier its own name)`,
		}},
		{"az names then ids", "", func(s *core.Stack) {
			network.NewVpc(s, "network", &network.VpcProps{Cidr: "10.0.0.0/16", Azs: []string{"us-east-1a", "use1-az1"}})
		}, []string{`PN-VPC-12 t/network: Azs mixes AZ IDs and AZ names ("us-east-1a") (fix: give all AZs as IDs (use1-az1) or all as names (us-east-1a))`}},
		{"a tier subnet the record does not have", recordFile, func(s *core.Stack) {
			network.ImportVpc(s, "shared", &network.ImportVpcProps{VpcId: sharedVpc, FromRecord: true, Tiers: []network.ImportedTier{{Name: "app", SubnetIds: []string{"subnet-0fffffffffffffff0"}}}})
		}, []string{`PN-APP-9 t/shared: tier app names subnet "subnet-0fffffffffffffff0", which the recorded VPC vpc-0a1b2c3d4e5f60718 does not have (the record may be stale) (fix: name subnets of the VPC (subnet-0aaa1111bbbb2222c, subnet-0aaa1111bbbb2222d, subnet-0aaa1111bbbb2222e), or record the VPC again: ` + lookupCmd + ` -vpc vpc-0a1b2c3d4e5f60718)`}},
		{"an az name the account does not have", recordFile, func(s *core.Stack) {
			network.NewVpc(s, "network", &network.VpcProps{Cidr: "10.0.0.0/16", Azs: []string{"us-east-1e"}})
		}, []string{`PN-VPC-2 t/network: AZ "us-east-1e" is not one of the zones recorded for us-east-1 in the account (us-east-1a, us-east-1b, us-east-1c, us-east-1d) (fix: use a recorded zone, or record the region again: ` + lookupCmd + `)`}},
		{"two gateway endpoints of the app on one table", "", func(s *core.Stack) {
			v := testVpc(s, nil)
			endpoints.NewGatewayEndpoint(s, "s3", &endpoints.GatewayEndpointProps{Vpc: v, Service: endpoints.S3})
			endpoints.NewGatewayEndpoint(s, "s3-again", &endpoints.GatewayEndpointProps{Vpc: v, Service: endpoints.S3})
		}, []string{`PN-EP-19 t/s3-again: its route tables already route s3 through gateway endpoint t/s3 (fix: keep one gateway endpoint per service on a route table: drop this one, or give the two endpoints different tiers)`}},
		{"a consumer in an az the service's load balancer lacks", "", func(s *core.Stack) {
			v := network.NewVpc(s, "svc-net", &network.VpcProps{Cidr: "10.0.0.0/16", Azs: []string{"us-east-1a", "us-east-1b"}})
			vm := pninstance.New(s, "app", &pninstance.Props{Vpc: v, DisableSsm: true})
			svc := endpointservice.New(s, "svc", &endpointservice.Props{Vpc: v, Port: 443, Targets: []endpointservice.Target{{Instance: vm}}})
			c := network.NewVpc(s, "consumer", &network.VpcProps{Cidr: "10.1.0.0/16", Azs: []string{"us-east-1b", "us-east-1c"}})
			endpointservice.NewConsumer(s, "cons", &endpointservice.ConsumerProps{Vpc: c, Service: svc})
		}, []string{`PN-EP-18 t/cons: the endpoint has a subnet in us-east-1c, and endpoint service t/svc is offered only in its load balancer's AZs (us-east-1a, us-east-1b) (fix: put the consumer's subnets in the service's AZs (its Tier), or give the service's load balancer a subnet in that AZ)`}},
		{"a context file that does not exist", "testdata/none.json", func(s *core.Stack) {}, []string{
			`PN-APP-9 app: the recorded lookups testdata/none.json, named by AppProps.ContextFile, do not exist (fix: write them with go run github.com/privnet/privnet/cmd/lookup -file testdata/none.json -region '<region>' -vpc '<vpc-id>', or leave ContextFile empty)`,
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			withRecord(t, c.record)
			wantIssues(t, issues(t, "us-east-1", c.build), c.want...)
		})
	}
}

// What is not recorded is said: an existing Instance Connect endpoint
// (one per VPC) of an imported VPC, and an existing endpoint's groups.
func TestImportNotices(t *testing.T) {
	app := core.NewApp(&core.AppProps{Outdir: filepath.Join(t.TempDir(), "out"), ContextFile: recordFile})
	s := core.NewStack(app, "t", core.StackProps{Region: "us-east-1"})
	v := importShared(s)
	vm := pninstance.New(s, "app", &pninstance.Props{Vpc: v})
	instanceconnect.New(s, "eic", &instanceconnect.Props{Vpc: v}).Allow(vm)
	ssm := endpoints.NewInterfaceEndpoint(s, "ssmmessages", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.SSMMessages})
	ssm.AllowFrom(vm)
	if err := app.Run(); err != nil {
		t.Fatal(err)
	}
	all := strings.Join(app.Notices(), "\n")
	for _, want := range []string{
		"t/eic: whether imported VPC t/shared already has an EC2 Instance Connect endpoint (AWS allows one per VPC) is not recorded: check with aws ec2 describe-instance-connect-endpoints before deploying",
		"t/app: uses endpoint vpce-0a1b2c3d4e5f60718 for ssm, which VPC t/shared already has; whether its security group admits the instance is not recorded",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("notices lack %q:\n%s", want, all)
		}
	}
}
