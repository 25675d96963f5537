package main

// The fake's data: account 111122223333 in us-east-1, with the example
// VPC that testdata/example.context.json records (platform-shared) and a
// second VPC (legacy-app) that has what the example does not: IPv6,
// custom DNS servers, every kind of route target, NACL rules with ports,
// endpoints that are not recorded.

const (
	account   = "111122223333"
	exampleID = "vpc-0a1b2c3d4e5f60718"
	legacyID  = "vpc-0fedcba9876543210"

	subnetA = "subnet-0a1b2c3d4e5f6a001"
	subnetB = "subnet-0a1b2c3d4e5f6b002"
	subnetC = "subnet-0a1b2c3d4e5f6c003"
	rtbMain = "rtb-0a1b2c3d4e5f60000"
	rtbA    = "rtb-0a1b2c3d4e5f6000a"
	rtbB    = "rtb-0a1b2c3d4e5f6000b"
	aclDef  = "acl-0a1b2c3d4e5f60001"
	doptEx  = "dopt-0a1b2c3d4e5f60002"
	vpceSSM = "vpce-0a1b2c3d4e5f6e001"
	vpceS3  = "vpce-0a1b2c3d4e5f6e002"
	sgVpce  = "sg-0a1b2c3d4e5f6d001"
	tgw     = "tgw-0123456789abcdef0"
	plS3    = "pl-63a5400a"

	legacyA    = "subnet-0fedcba987654a001"
	legacyB    = "subnet-0fedcba987654b001"
	legacyMain = "rtb-0fedcba9876540000"
	legacyRtb  = "rtb-0fedcba9876540010"
	legacyDef  = "acl-0fedcba9876540020"
	legacyAcl  = "acl-0fedcba9876540021"
	legacyDopt = "dopt-0fedcba9876540030"

	partnerService = "com.amazonaws.vpce.us-west-2.vpce-svc-0123456789abcdef0"
)

// exampleServices are the services the example record has.
var exampleServices = []string{
	"com.amazonaws.us-east-1.ssm",
	"com.amazonaws.us-east-1.ssmmessages",
	"com.amazonaws.us-east-1.ec2messages",
	"com.amazonaws.us-east-1.sts",
	"com.amazonaws.us-east-1.kms",
	"com.amazonaws.us-east-1.logs",
	"com.amazonaws.us-east-1.ec2",
}

func tags(kv ...string) []xTag {
	var out []xTag
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, xTag{Key: kv[i], Value: kv[i+1]})
	}
	return out
}

func associated(state string) xState { return xState{State: state} }

func local(cidr string) xRoute {
	return xRoute{DestinationCidrBlock: cidr, GatewayID: "local", State: "active", Origin: "CreateRouteTable"}
}

func s3Route() xRoute {
	return xRoute{DestinationPrefixListID: plS3, GatewayID: vpceS3, State: "active", Origin: "CreateRoute"}
}

// interfaceService is an AWS service that has interface endpoints in the
// zones named (us-east-1a → use1-az6, b → use1-az1, c → use1-az2).
func interfaceService(short string, zones ...string) xServiceDetail {
	ids := map[string]string{"us-east-1a": "use1-az6", "us-east-1b": "use1-az1", "us-east-1c": "use1-az2"}
	name := "com.amazonaws.us-east-1." + short
	dns := short + ".us-east-1.amazonaws.com"
	s := xServiceDetail{
		ServiceName:          name,
		ServiceID:            "vpce-svc-0" + fmtHex(len(short)*7919),
		ServiceType:          []xServiceType{{ServiceType: "Interface"}},
		Owner:                "amazon",
		BaseEndpointDNSNames: []string{short + ".us-east-1.vpce.amazonaws.com"},
		PrivateDnsName:       dns,
		PrivateDnsNames:      []xPrivateDNS{{PrivateDnsName: dns}},
		PolicySupported:      true,
		VerificationState:    "verified",
		SupportedIPTypes:     []string{"ipv4"},
	}
	for _, z := range zones {
		s.AvailabilityZones = append(s.AvailabilityZones, z)
		s.AvailabilityZoneIDs = append(s.AvailabilityZoneIDs, ids[z])
	}
	return s
}

func fmtHex(n int) string {
	const digits = "0123456789abcdef"
	b := []byte("0000000000000000")
	for i := len(b) - 1; i >= 0 && n > 0; i-- {
		b[i] = digits[n%16]
		n /= 16
	}
	return string(b)
}

// exampleAWS is the fake's data for account 111122223333. Every list is
// answered two items a page.
func exampleAWS() *fakeAWS {
	abc := []string{"us-east-1a", "us-east-1b", "us-east-1c"}
	f := &fakeAWS{account: account, pageSize: 2}

	f.azs = []xAZ{
		{ZoneName: "us-east-1a", ZoneState: "available", RegionName: "us-east-1", ZoneID: "use1-az6", ZoneType: "availability-zone", OptInStatus: "opt-in-not-required", GroupName: "us-east-1-zg-1", NetworkBorderGroup: "us-east-1"},
		{ZoneName: "us-east-1b", ZoneState: "available", RegionName: "us-east-1", ZoneID: "use1-az1", ZoneType: "availability-zone", OptInStatus: "opt-in-not-required", GroupName: "us-east-1-zg-1", NetworkBorderGroup: "us-east-1"},
		{ZoneName: "us-east-1c", ZoneState: "available", RegionName: "us-east-1", ZoneID: "use1-az2", ZoneType: "availability-zone", OptInStatus: "opt-in-not-required", GroupName: "us-east-1-zg-1", NetworkBorderGroup: "us-east-1"},
		// A Local Zone the account opted in to: not an availability zone.
		{ZoneName: "us-east-1-bos-1a", ZoneState: "available", RegionName: "us-east-1", ZoneID: "use1-bos1-az1", ZoneType: "local-zone", OptInStatus: "opted-in", GroupName: "us-east-1-bos-1", NetworkBorderGroup: "us-east-1-bos-1", ParentZoneName: "us-east-1b", ParentZoneID: "use1-az1"},
	}

	f.vpcs = []xVpc{
		{
			VpcID: exampleID, OwnerID: account, State: "available", CidrBlock: "10.20.0.0/16",
			CidrAssocs: []xCidrAssoc{
				{AssociationID: "vpc-cidr-assoc-0a1b2c3d4e5f60001", CidrBlock: "10.20.0.0/16", State: associated("associated")},
				{AssociationID: "vpc-cidr-assoc-0a1b2c3d4e5f60002", CidrBlock: "10.21.0.0/16", State: associated("associated")},
				{AssociationID: "vpc-cidr-assoc-0a1b2c3d4e5f60003", CidrBlock: "10.22.0.0/16", State: associated("disassociated")},
			},
			DhcpOptionsID: doptEx, InstanceTenancy: "default",
			Tags:       tags("Name", "platform-shared", "team", "platform"),
			DnsSupport: true, DnsHostnames: true,
		},
		{
			VpcID: legacyID, OwnerID: account, State: "available", CidrBlock: "172.16.0.0/16",
			CidrAssocs: []xCidrAssoc{
				{AssociationID: "vpc-cidr-assoc-0fedcba9876540001", CidrBlock: "172.16.0.0/16", State: associated("associated")},
			},
			Ipv6Assocs: []xIpv6Assoc{
				{AssociationID: "vpc-cidr-assoc-0fedcba9876540002", Ipv6CidrBlock: "2600:1f18:1234:5600::/56", State: associated("associated"), NetworkBorderGroup: "us-east-1", IpSource: "amazon"},
				{AssociationID: "vpc-cidr-assoc-0fedcba9876540003", Ipv6CidrBlock: "2600:1f18:1234:7700::/56", State: associated("disassociated"), NetworkBorderGroup: "us-east-1", IpSource: "amazon"},
			},
			DhcpOptionsID: legacyDopt, InstanceTenancy: "default",
			Tags:       tags("Name", "legacy-app"),
			DnsSupport: true, DnsHostnames: false,
		},
		// Another VPC of the account, never asked for.
		{
			VpcID: "vpc-0aaaaaaaaaaaaaaaa", OwnerID: account, State: "available", CidrBlock: "172.31.0.0/16", DhcpOptionsID: "default", InstanceTenancy: "default", IsDefault: true,
			CidrAssocs: []xCidrAssoc{{AssociationID: "vpc-cidr-assoc-0aaaaaaaaaaaaaaaa", CidrBlock: "172.31.0.0/16", State: associated("associated")}},
		},
	}

	f.dopts = []xDhcpOptions{
		{DhcpOptionsID: doptEx, OwnerID: account, Configs: []xDhcpConfig{
			{Key: "domain-name", Values: []xDhcpValue{{Value: "ec2.internal"}}},
			{Key: "domain-name-servers", Values: []xDhcpValue{{Value: "AmazonProvidedDNS"}}},
		}},
		{DhcpOptionsID: legacyDopt, OwnerID: account, Configs: []xDhcpConfig{
			{Key: "domain-name", Values: []xDhcpValue{{Value: "corp.example.com"}}},
			// Resolvers in the order the DHCP set gives them.
			{Key: "domain-name-servers", Values: []xDhcpValue{{Value: "10.0.0.2"}, {Value: "10.0.0.10"}}},
			{Key: "ntp-servers", Values: []xDhcpValue{{Value: "169.254.169.123"}}},
		}},
	}

	subnet := func(id, vpc, az, azID, cidr string, tg []xTag) xSubnet {
		return xSubnet{SubnetID: id, SubnetArn: "arn:aws:ec2:us-east-1:" + account + ":subnet/" + id, State: "available", OwnerID: account,
			VpcID: vpc, CidrBlock: cidr, AvailableIPs: 4091, AvailabilityZone: az, AvailabilityZoneID: azID, Tags: tg}
	}
	f.subnets = []xSubnet{
		subnet(subnetA, exampleID, "us-east-1a", "use1-az6", "10.20.0.0/20", tags("Name", "platform-shared-private-a", "tier", "private")),
		subnet(legacyA, legacyID, "us-east-1a", "use1-az6", "172.16.0.0/24", tags("Name", "legacy-a", "tier", "app", "team", "payments")),
		subnet(subnetB, exampleID, "us-east-1b", "use1-az1", "10.20.16.0/20", tags("Name", "platform-shared-private-b", "tier", "private")),
		// The third subnet is on the second page.
		subnet(subnetC, exampleID, "us-east-1c", "use1-az2", "10.20.32.0/20", tags("Name", "platform-shared-private-c", "tier", "private")),
		subnet(legacyB, legacyID, "us-east-1b", "use1-az1", "172.16.1.0/24", nil),
	}
	f.subnets[1].Ipv6Assocs = []xIpv6Assoc{{AssociationID: "subnet-cidr-assoc-0fedcba98765400a1", Ipv6CidrBlock: "2600:1f18:1234:5600::/64", State: associated("associated")}}
	f.subnets[1].EnableDns64 = true

	f.tables = []xRouteTable{
		{RouteTableID: rtbA, VpcID: exampleID, OwnerID: account,
			Routes: []xRoute{local("10.20.0.0/16"), local("10.21.0.0/16"), {DestinationCidrBlock: "0.0.0.0/0", TransitGatewayID: tgw, State: "active", Origin: "CreateRoute"}, s3Route()},
			Assocs: []xRTAssoc{{AssociationID: "rtbassoc-0a1b2c3d4e5f6000a", RouteTableID: rtbA, SubnetID: subnetA, State: associated("associated")}},
			Tags:   tags("Name", "platform-shared-private-a")},
		{RouteTableID: rtbB, VpcID: exampleID, OwnerID: account,
			Routes: []xRoute{local("10.20.0.0/16"), local("10.21.0.0/16"), {DestinationCidrBlock: "0.0.0.0/0", TransitGatewayID: tgw, State: "active", Origin: "CreateRoute"}, s3Route()},
			Assocs: []xRTAssoc{{AssociationID: "rtbassoc-0a1b2c3d4e5f6000b", RouteTableID: rtbB, SubnetID: subnetB, State: associated("associated")}},
			Tags:   tags("Name", "platform-shared-private-b")},
		// The main table is on the second page.
		{RouteTableID: rtbMain, VpcID: exampleID, OwnerID: account,
			Routes: []xRoute{local("10.20.0.0/16"), local("10.21.0.0/16"), s3Route()},
			Assocs: []xRTAssoc{{AssociationID: "rtbassoc-0a1b2c3d4e5f60000", RouteTableID: rtbMain, Main: true, State: associated("associated")}}},

		{RouteTableID: legacyMain, VpcID: legacyID, OwnerID: account,
			Routes: []xRoute{
				local("172.16.0.0/16"),
				{DestinationIpv6CidrBlock: "2600:1f18:1234:5600::/56", GatewayID: "local", State: "active", Origin: "CreateRouteTable"},
				{DestinationIpv6CidrBlock: "::/0", EgressOnlyIgwID: "eigw-0fedcba9876540001", State: "active", Origin: "CreateRoute"},
				{DestinationCidrBlock: "0.0.0.0/0", NatGatewayID: "nat-0fedcba9876540003", State: "active", Origin: "CreateRoute"},
				{DestinationCidrBlock: "10.50.0.0/16", VpcPeeringConnectionID: "pcx-0fedcba9876540002", State: "active", Origin: "CreateRoute"},
				{DestinationCidrBlock: "192.168.0.0/16", TransitGatewayID: tgw, State: "blackhole", Origin: "CreateRoute"},
				{DestinationCidrBlock: "10.99.0.0/16", InstanceID: "i-0fedcba9876540004", InstanceOwnerID: account, NetworkInterfaceID: "eni-0fedcba9876540005", State: "active", Origin: "CreateRoute"},
				{DestinationCidrBlock: "10.98.0.0/16", GatewayID: "vgw-0fedcba9876540006", State: "active", Origin: "EnableVgwRoutePropagation"},
			},
			Assocs: []xRTAssoc{
				{AssociationID: "rtbassoc-0fedcba9876540000", RouteTableID: legacyMain, Main: true, State: associated("associated")},
				// An explicit association with the main table.
				{AssociationID: "rtbassoc-0fedcba9876540001", RouteTableID: legacyMain, SubnetID: legacyA, State: associated("associated")},
			}},
		{RouteTableID: legacyRtb, VpcID: legacyID, OwnerID: account,
			Routes: []xRoute{local("172.16.0.0/16")},
			Assocs: []xRTAssoc{
				// Gone: subnet B is on the main table again.
				{AssociationID: "rtbassoc-0fedcba9876540011", RouteTableID: legacyRtb, SubnetID: legacyB, State: associated("disassociated")},
				// An edge association with the internet gateway.
				{AssociationID: "rtbassoc-0fedcba9876540012", RouteTableID: legacyRtb, GatewayID: "igw-0fedcba9876540013", State: associated("associated")},
			}},
	}

	allow := func(n int, egress bool) xAclEntry {
		return xAclEntry{RuleNumber: n, Protocol: "-1", RuleAction: "allow", Egress: egress, CidrBlock: "0.0.0.0/0"}
	}
	deny := func(egress bool) xAclEntry {
		return xAclEntry{RuleNumber: 32767, Protocol: "-1", RuleAction: "deny", Egress: egress, CidrBlock: "0.0.0.0/0"}
	}
	denyV6 := func(egress bool) xAclEntry {
		return xAclEntry{RuleNumber: 32768, Protocol: "-1", RuleAction: "deny", Egress: egress, Ipv6CidrBlock: "::/0"}
	}
	f.acls = []xNetworkAcl{
		{NetworkAclID: aclDef, VpcID: exampleID, OwnerID: account, Default: true,
			Entries: []xAclEntry{allow(100, true), deny(true), allow(100, false), deny(false)},
			Assocs: []xAclAssoc{
				{AssociationID: "aclassoc-0a1b2c3d4e5f6000a", NetworkAclID: aclDef, SubnetID: subnetA},
				{AssociationID: "aclassoc-0a1b2c3d4e5f6000b", NetworkAclID: aclDef, SubnetID: subnetB},
				{AssociationID: "aclassoc-0a1b2c3d4e5f6000c", NetworkAclID: aclDef, SubnetID: subnetC},
			}},
		{NetworkAclID: legacyDef, VpcID: legacyID, OwnerID: account, Default: true,
			Entries: []xAclEntry{allow(100, true), deny(true), denyV6(true), allow(100, false), deny(false), denyV6(false)},
			Assocs:  []xAclAssoc{{AssociationID: "aclassoc-0fedcba987654000b", NetworkAclID: legacyDef, SubnetID: legacyB}}},
		{NetworkAclID: legacyAcl, VpcID: legacyID, OwnerID: account,
			Entries: []xAclEntry{
				{RuleNumber: 100, Protocol: "6", RuleAction: "allow", CidrBlock: "10.0.0.0/8", PortRange: &xPortRange{From: 443, To: 443}},
				{RuleNumber: 110, Protocol: "17", RuleAction: "allow", CidrBlock: "0.0.0.0/0", PortRange: &xPortRange{From: 1024, To: 65535}},
				{RuleNumber: 120, Protocol: "1", RuleAction: "deny", CidrBlock: "0.0.0.0/0", IcmpTypeCode: &xIcmp{Code: -1, Type: 8}},
				{RuleNumber: 130, Protocol: "-1", RuleAction: "allow", Ipv6CidrBlock: "::/0"},
				deny(false), denyV6(false),
				{RuleNumber: 100, Protocol: "-1", RuleAction: "allow", Egress: true, CidrBlock: "0.0.0.0/0"},
				deny(true), denyV6(true),
			},
			Assocs: []xAclAssoc{{AssociationID: "aclassoc-0fedcba987654000a", NetworkAclID: legacyAcl, SubnetID: legacyA}}},
	}

	f.endpoints = []xVpcEndpoint{
		{VpcEndpointID: vpceSSM, VpcEndpointType: "Interface", VpcID: exampleID, ServiceName: "com.amazonaws.us-east-1.ssm", State: "available",
			SubnetIDs: []string{subnetB, subnetA}, Groups: []xGroup{{GroupID: sgVpce, GroupName: "platform-shared-endpoints"}},
			IPAddressType: "ipv4", DnsOptions: &xDnsOptions{DnsRecordIPType: "ipv4"}, PrivateDnsEnabled: true,
			NetworkInterfaceIDs: []string{"eni-0a1b2c3d4e5f6f001", "eni-0a1b2c3d4e5f6f002"}, CreationTimestamp: "2024-03-05T10:11:12.000Z", OwnerID: account},
		{VpcEndpointID: vpceS3, VpcEndpointType: "Gateway", VpcID: exampleID, ServiceName: "com.amazonaws.us-east-1.s3", State: "available",
			PolicyDocument: `{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`,
			RouteTableIDs:  []string{rtbMain, rtbB, rtbA}, IPAddressType: "ipv4", CreationTimestamp: "2024-03-05T10:11:13.000Z", OwnerID: account},

		{VpcEndpointID: "vpce-0fedcba9876540040", VpcEndpointType: "Interface", VpcID: legacyID, ServiceName: partnerService, State: "pendingAcceptance",
			SubnetIDs: []string{legacyA}, Groups: []xGroup{{GroupID: "sg-0fedcba9876540041", GroupName: "partner"}},
			IPAddressType: "ipv4", CreationTimestamp: "2024-04-01T00:00:00.000Z", OwnerID: account},
		{VpcEndpointID: "vpce-0fedcba9876540042", VpcEndpointType: "Interface", VpcID: legacyID, ServiceName: "com.amazonaws.us-east-1.sqs", State: "deleted",
			IPAddressType: "ipv4", CreationTimestamp: "2023-01-01T00:00:00.000Z", OwnerID: account},
		{VpcEndpointID: "vpce-0fedcba9876540043", VpcEndpointType: "Resource", VpcID: legacyID, State: "available",
			SubnetIDs: []string{legacyB}, IPAddressType: "ipv4", CreationTimestamp: "2025-01-01T00:00:00.000Z", OwnerID: account,
			ResourceConfigArn: "arn:aws:vpc-lattice:us-east-1:" + account + ":resourceconfiguration/rcfg-0fedcba9876540044"},
	}

	f.services = []xServiceDetail{
		interfaceService("ec2", abc...),
		interfaceService("ec2messages", abc...),
		interfaceService("kms", "us-east-1a", "us-east-1b"),
		interfaceService("logs", abc...),
		// S3 is two details: the gateway and the interface service.
		{ServiceName: "com.amazonaws.us-east-1.s3", ServiceID: "vpce-svc-0s3gateway", ServiceType: []xServiceType{{ServiceType: "Gateway"}},
			AvailabilityZones: abc, AvailabilityZoneIDs: []string{"use1-az6", "use1-az1", "use1-az2"}, Owner: "amazon",
			BaseEndpointDNSNames: []string{"s3.us-east-1.amazonaws.com"}, PolicySupported: true, SupportedIPTypes: []string{"ipv4"}},
		// Its interface side in two of the three zones: the record keeps
		// the interface's zones, where interface endpoints go.
		{ServiceName: "com.amazonaws.us-east-1.s3", ServiceID: "vpce-svc-0s3interface", ServiceType: []xServiceType{{ServiceType: "Interface"}},
			AvailabilityZones: abc[:2], AvailabilityZoneIDs: []string{"use1-az6", "use1-az1"}, Owner: "amazon",
			BaseEndpointDNSNames: []string{"s3.us-east-1.vpce.amazonaws.com"}, PrivateDnsName: "*.s3.us-east-1.amazonaws.com",
			PrivateDnsNames: []xPrivateDNS{{PrivateDnsName: "*.s3.us-east-1.amazonaws.com"}, {PrivateDnsName: "s3.us-east-1.amazonaws.com"}},
			PolicySupported: true, VerificationState: "verified", SupportedIPTypes: []string{"ipv4", "ipv6"}},
		interfaceService("ssm", abc...),
		interfaceService("ssmmessages", abc...),
		interfaceService("sts", abc...),
		// A partner's service in us-west-2, reached over cross-region
		// PrivateLink.
		{ServiceName: partnerService, ServiceID: "vpce-svc-0123456789abcdef0", ServiceType: []xServiceType{{ServiceType: "Interface"}}, ServiceRegion: "us-west-2",
			AvailabilityZones: []string{"us-west-2a", "us-west-2b"}, AvailabilityZoneIDs: []string{"usw2-az2", "usw2-az1"}, Owner: "444455556666",
			BaseEndpointDNSNames: []string{"vpce-svc-0123456789abcdef0.us-west-2.vpce.amazonaws.com"}, PrivateDnsName: "api.partner.example.com",
			AcceptanceRequired: true, VerificationState: "verified", SupportedIPTypes: []string{"ipv4"}},
	}
	return f
}
