package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/privnet/privnet/record"
)

var update = flag.Bool("update", false, "rewrite testdata/example.context.json (or UPDATE_SNAPSHOTS=1)")

const golden = "testdata/example.context.json"

func TestMain(m *testing.M) {
	// Retries back off a millisecond, so that throttling tests are fast.
	retryMaxBackoff = time.Millisecond
	os.Exit(m.Run())
}

// isolate points the SDK at fake credentials and nothing else: no shared
// config, no instance metadata, no endpoint or retry settings of the
// machine running the tests.
func isolate(t *testing.T) {
	t.Helper()
	for _, k := range []string{"AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION",
		"AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_EC2", "AWS_ENDPOINT_URL_STS", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
		"AWS_MAX_ATTEMPTS", "AWS_RETRY_MODE", "AWS_CA_BUNDLE", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE",
		"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_USE_FIPS_ENDPOINT",
		"AWS_USE_DUALSTACK_ENDPOINT", "AWS_STS_REGIONAL_ENDPOINTS", endpointEnv} {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
	t.Setenv("AWS_ACCESS_KEY_ID", "fake")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "fake")
	t.Setenv("AWS_CONFIG_FILE", os.DevNull)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", os.DevNull)
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
}

// start isolates the test and serves the example account.
func start(t *testing.T) *fakeAWS {
	isolate(t)
	return exampleAWS().start(t)
}

type result struct {
	code           int
	stdout, stderr string
}

// lookupAt runs the command against the fake, writing file.
func lookupAt(t *testing.T, f *fakeAWS, file string, args ...string) result {
	t.Helper()
	all := append([]string{"-file", file, "-endpoint-url", f.url}, args...)
	var out, errb bytes.Buffer
	code := run(context.Background(), all, &out, &errb)
	return result{code, out.String(), errb.String()}
}

func exampleArgs() []string {
	return []string{"-region", "us-east-1", "-vpc", exampleID, "-service", strings.Join(exampleServices, ",")}
}

func mustLoad(t *testing.T, path string) *record.File {
	t.Helper()
	f, err := record.Load(path)
	if err != nil {
		t.Fatalf("record.Load: %v", err)
	}
	return f
}

func eq(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got %#v\nwant %#v", what, got, want)
	}
}

func ok(t *testing.T, r result) {
	t.Helper()
	if r.code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
}

// TestExample writes the example record and compares it with the
// committed golden file; a second run gives the same bytes.
func TestExample(t *testing.T) {
	f := start(t)
	file := filepath.Join(t.TempDir(), record.DefaultFile)
	r := lookupAt(t, f, file, exampleArgs()...)
	ok(t, r)
	if r.stderr != "" {
		t.Errorf("stderr: %s", r.stderr)
	}
	if !strings.Contains(r.stdout, "(written)") {
		t.Errorf("stdout: %s", r.stdout)
	}
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(file); st.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", st.Mode().Perm())
	}
	mustLoad(t, file)

	if *update || os.Getenv("UPDATE_SNAPSHOTS") == "1" {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/lookup -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the record differs from %s (go test ./cmd/lookup -update rewrites it after review):\n%s", golden, got)
	}

	r = lookupAt(t, f, file, exampleArgs()...)
	ok(t, r)
	again, _ := os.ReadFile(file)
	if !bytes.Equal(got, again) {
		t.Errorf("a second run changed the record:\n%s", again)
	}
	if !strings.Contains(r.stdout, "(unchanged)") {
		t.Errorf("second run: stdout %q", r.stdout)
	}

	// A fresh file from scratch gives the same bytes too.
	other := filepath.Join(t.TempDir(), "x.json")
	ok(t, lookupAt(t, f, other, exampleArgs()...))
	if b, _ := os.ReadFile(other); !bytes.Equal(b, got) {
		t.Error("two lookups into new files differ")
	}
}

// TestExampleFields checks the example record field by field, and that
// what came on later pages is in it.
func TestExampleFields(t *testing.T) {
	f := start(t)
	file := filepath.Join(t.TempDir(), record.DefaultFile)
	ok(t, lookupAt(t, f, file, exampleArgs()...))
	rec := mustLoad(t, file)

	for _, a := range []string{"DescribeSubnets", "DescribeRouteTables", "DescribeVpcEndpointServices"} {
		if n := f.count(a); n < 2 {
			t.Errorf("%s called %d times, want the pages", a, n)
		}
	}
	// The filters the calls sent.
	for _, a := range []string{"DescribeSubnets", "DescribeRouteTables", "DescribeNetworkAcls", "DescribeVpcEndpoints"} {
		for _, req := range f.sent(a) {
			eq(t, a+" vpc-id filter", filters(req)["vpc-id"], []string{exampleID})
		}
	}
	eq(t, "DescribeAvailabilityZones filter", filters(f.sent("DescribeAvailabilityZones")[0])["zone-type"], []string{"availability-zone"})
	eq(t, "DescribeVpcs VpcId", list(f.sent("DescribeVpcs")[0], "VpcId"), []string{exampleID})

	reg := rec.Regions["us-east-1"]
	if reg == nil || len(rec.Regions) != 1 {
		t.Fatalf("regions: %v", rec.Regions)
	}
	eq(t, "account", reg.Account, account)
	eq(t, "azs", reg.Azs, []record.Az{{Name: "us-east-1a", Id: "use1-az6"}, {Name: "us-east-1b", Id: "use1-az1"}, {Name: "us-east-1c", Id: "use1-az2"}})

	v := reg.Vpcs[exampleID]
	if v == nil || len(reg.Vpcs) != 1 {
		t.Fatalf("vpcs: %v", reg.Vpcs)
	}
	eq(t, "name", v.Name, "platform-shared")
	eq(t, "owner", v.OwnerId, account)
	eq(t, "cidrs", v.Cidrs, []string{"10.20.0.0/16", "10.21.0.0/16"})
	eq(t, "ipv6", v.Ipv6Cidrs, []string(nil))
	eq(t, "dns support", v.DnsSupport, true)
	eq(t, "dns hostnames", v.DnsHostnames, true)
	eq(t, "dhcp options", v.DhcpOptionsId, doptEx)
	eq(t, "dns servers", v.DnsServers, []string{"AmazonProvidedDNS"})
	eq(t, "main table", v.MainRouteTable, rtbMain)

	eq(t, "subnets", v.Subnets, []record.Subnet{
		{Id: subnetA, Name: "platform-shared-private-a", Az: "us-east-1a", AzId: "use1-az6", Cidr: "10.20.0.0/20", RouteTable: rtbA, NetworkAcl: aclDef, Tags: map[string]string{"tier": "private"}},
		{Id: subnetB, Name: "platform-shared-private-b", Az: "us-east-1b", AzId: "use1-az1", Cidr: "10.20.16.0/20", RouteTable: rtbB, NetworkAcl: aclDef, Tags: map[string]string{"tier": "private"}},
		{Id: subnetC, Name: "platform-shared-private-c", Az: "us-east-1c", AzId: "use1-az2", Cidr: "10.20.32.0/20", RouteTable: rtbMain, Implicit: true, NetworkAcl: aclDef, Tags: map[string]string{"tier": "private"}},
	})
	private := []record.Route{{Destination: "0.0.0.0/0", Target: tgw}, {Destination: "10.20.0.0/16", Target: "local"}, {Destination: "10.21.0.0/16", Target: "local"}, {Destination: plS3, Target: vpceS3}}
	eq(t, "route tables", v.RouteTables, []record.RouteTable{
		{Id: rtbMain, Main: true, Routes: []record.Route{{Destination: "10.20.0.0/16", Target: "local"}, {Destination: "10.21.0.0/16", Target: "local"}, {Destination: plS3, Target: vpceS3}}},
		{Id: rtbA, Routes: private},
		{Id: rtbB, Routes: private},
	})
	eq(t, "network acls", v.NetworkAcls, []record.NetworkAcl{{Id: aclDef, Default: true, Entries: []record.AclEntry{
		{Number: 100, Allow: true, Protocol: "-1", Cidr: "0.0.0.0/0"},
		{Number: 32767, Protocol: "-1", Cidr: "0.0.0.0/0"},
		{Number: 100, Egress: true, Allow: true, Protocol: "-1", Cidr: "0.0.0.0/0"},
		{Number: 32767, Egress: true, Protocol: "-1", Cidr: "0.0.0.0/0"},
	}}})
	eq(t, "endpoints", v.Endpoints, []record.Endpoint{
		{Id: vpceSSM, ServiceName: "com.amazonaws.us-east-1.ssm", Type: "Interface", State: "available", PrivateDns: true, Subnets: []string{subnetA, subnetB}, SecurityGroups: []string{sgVpce},
			IpAddressType: "ipv4", DnsRecordIpType: "ipv4"},
		{Id: vpceS3, ServiceName: "com.amazonaws.us-east-1.s3", Type: "Gateway", State: "available", RouteTables: []string{rtbMain, rtbA, rtbB}, IpAddressType: "ipv4"},
	})

	if len(reg.Services) != len(exampleServices) {
		t.Errorf("services: %d, want %d", len(reg.Services), len(exampleServices))
	}
	for _, n := range exampleServices {
		s := reg.Services[n]
		if s == nil {
			t.Errorf("service %s missing", n)
			continue
		}
		short := strings.TrimPrefix(n, "com.amazonaws.us-east-1.")
		azs, ids := []string{"us-east-1a", "us-east-1b", "us-east-1c"}, []string{"use1-az1", "use1-az2", "use1-az6"}
		if short == "kms" {
			azs, ids = []string{"us-east-1a", "us-east-1b"}, []string{"use1-az1", "use1-az6"}
		}
		eq(t, n, *s, record.Service{Name: n, Type: []string{"Interface"}, Azs: azs, AzIds: ids,
			PrivateDnsNames: []string{short + ".us-east-1.amazonaws.com"}, IpAddressTypes: []string{"ipv4"}, Owner: "amazon"})
	}
}

// TestLegacyVpc: IPv6, custom DNS servers, every route target, NACL
// rules with ports, endpoints left out, merged S3 details, a cross-region
// service.
func TestLegacyVpc(t *testing.T) {
	f := start(t)
	file := filepath.Join(t.TempDir(), record.DefaultFile)
	r := lookupAt(t, f, file, "-region", "us-east-1", "-vpc", legacyID, "-service", "com.amazonaws.us-east-1.s3", "-service", partnerService)
	ok(t, r)
	if !strings.Contains(r.stderr, "vpce-0fedcba9876540043") || strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("stderr should note the resource endpoint, once: %q", r.stderr)
	}
	reg := mustLoad(t, file).Regions["us-east-1"]
	v := reg.Vpcs[legacyID]
	if v == nil {
		t.Fatal("no legacy VPC")
	}
	eq(t, "cidrs", v.Cidrs, []string{"172.16.0.0/16"})
	eq(t, "ipv6", v.Ipv6Cidrs, []string{"2600:1f18:1234:5600::/56"})
	eq(t, "dns", [2]bool{v.DnsSupport, v.DnsHostnames}, [2]bool{true, false})
	eq(t, "dns servers in DHCP order", v.DnsServers, []string{"10.0.0.2", "10.0.0.10"})
	eq(t, "subnets", v.Subnets, []record.Subnet{
		{Id: legacyA, Name: "legacy-a", Az: "us-east-1a", AzId: "use1-az6", Cidr: "172.16.0.0/24", Ipv6Cidrs: []string{"2600:1f18:1234:5600::/64"}, Dns64: ptrTrue, RouteTable: legacyMain, NetworkAcl: legacyAcl, Tags: map[string]string{"tier": "app", "team": "payments"}},
		{Id: legacyB, Az: "us-east-1b", AzId: "use1-az1", Cidr: "172.16.1.0/24", RouteTable: legacyMain, Implicit: true, NetworkAcl: legacyDef},
	})
	eq(t, "route tables", v.RouteTables, []record.RouteTable{
		{Id: legacyMain, Main: true, Routes: []record.Route{
			{Destination: "0.0.0.0/0", Target: "nat-0fedcba9876540003"},
			{Destination: "10.50.0.0/16", Target: "pcx-0fedcba9876540002"},
			{Destination: "10.98.0.0/16", Target: "vgw-0fedcba9876540006"},
			{Destination: "10.99.0.0/16", Target: "eni-0fedcba9876540005"},
			{Destination: "172.16.0.0/16", Target: "local"},
			{Destination: "192.168.0.0/16", Target: tgw, Blackhole: true},
			{Destination: "2600:1f18:1234:5600::/56", Target: "local"},
			{Destination: "::/0", Target: "eigw-0fedcba9876540001"},
		}},
		{Id: legacyRtb, Routes: []record.Route{{Destination: "172.16.0.0/16", Target: "local"}}},
	})
	eq(t, "custom acl", v.NetworkAcls[1], record.NetworkAcl{Id: legacyAcl, Entries: []record.AclEntry{
		{Number: 100, Allow: true, Protocol: "6", Cidr: "10.0.0.0/8", FromPort: 443, ToPort: 443},
		{Number: 110, Allow: true, Protocol: "17", Cidr: "0.0.0.0/0", FromPort: 1024, ToPort: 65535},
		{Number: 120, Protocol: "1", Cidr: "0.0.0.0/0"},
		{Number: 130, Allow: true, Protocol: "-1", Cidr: "::/0"},
		{Number: 32767, Protocol: "-1", Cidr: "0.0.0.0/0"},
		{Number: 32768, Protocol: "-1", Cidr: "::/0"},
		{Number: 100, Egress: true, Allow: true, Protocol: "-1", Cidr: "0.0.0.0/0"},
		{Number: 32767, Egress: true, Protocol: "-1", Cidr: "0.0.0.0/0"},
		{Number: 32768, Egress: true, Protocol: "-1", Cidr: "::/0"},
	}})
	eq(t, "default acl", v.NetworkAcls[0].Id+" default="+map[bool]string{true: "yes"}[v.NetworkAcls[0].Default], legacyDef+" default=yes")
	eq(t, "endpoints", v.Endpoints, []record.Endpoint{
		{Id: "vpce-0fedcba9876540040", ServiceName: partnerService, Type: "Interface", State: "pendingAcceptance", Subnets: []string{legacyA}, SecurityGroups: []string{"sg-0fedcba9876540041"}, IpAddressType: "ipv4"},
	})

	eq(t, "s3", *reg.Services["com.amazonaws.us-east-1.s3"], record.Service{
		Name: "com.amazonaws.us-east-1.s3", Type: []string{"Gateway", "Interface"},
		Azs: []string{"us-east-1a", "us-east-1b"}, AzIds: []string{"use1-az1", "use1-az6"},
		PrivateDnsNames: []string{"*.s3.us-east-1.amazonaws.com", "s3.us-east-1.amazonaws.com"}, IpAddressTypes: []string{"ipv4", "ipv6"}, Owner: "amazon"})
	eq(t, "partner", *reg.Services[partnerService], record.Service{
		Name: partnerService, Type: []string{"Interface"}, Region: "us-west-2", Azs: []string{}, RemoteAzIds: []string{"usw2-az1", "usw2-az2"},
		PrivateDnsNames: []string{"api.partner.example.com"}, IpAddressTypes: []string{"ipv4"}, AcceptanceRequired: true, Owner: "444455556666"})
	// The cross-region service was asked for with its region.
	var regions []string
	for _, req := range f.sent("DescribeVpcEndpointServices") {
		regions = append(regions, strings.Join(list(req, "ServiceRegion"), ","))
	}
	eq(t, "ServiceRegion per call", regions, []string{"", "us-west-2"})
}

// TestMerge keeps other regions, VPCs and services, and replaces what it
// looks up.
func TestMerge(t *testing.T) {
	f := start(t)
	file := filepath.Join(t.TempDir(), record.DefaultFile)
	ok(t, lookupAt(t, f, file, "-region", "us-east-1", "-vpc", legacyID, "-service", "com.amazonaws.us-east-1.s3"))

	before := mustLoad(t, file)
	west := &record.Region{Account: "999988887777", Azs: []record.Az{{Name: "us-west-2a", Id: "usw2-az2"}}}
	before.Regions["us-west-2"] = west
	east := before.Regions["us-east-1"]
	stale := *east.Vpcs[legacyID]
	stale.Name = "renamed-since" // what a lookup of it would replace
	east.Services["com.amazonaws.us-east-1.sqs"] = &record.Service{Name: "com.amazonaws.us-east-1.sqs", Type: []string{"Interface"}, Azs: []string{"us-east-1a"}}
	data, err := before.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	legacyBefore := jsonOf(t, east.Vpcs[legacyID])

	ok(t, lookupAt(t, f, file, exampleArgs()...))
	after := mustLoad(t, file)
	eq(t, "regions", len(after.Regions), 2)
	eq(t, "us-west-2 kept", jsonOf(t, after.Regions["us-west-2"]), jsonOf(t, west))
	ae := after.Regions["us-east-1"]
	eq(t, "legacy VPC kept", jsonOf(t, ae.Vpcs[legacyID]), legacyBefore)
	if ae.Vpcs[exampleID] == nil {
		t.Error("example VPC not added")
	}
	for _, n := range append([]string{"com.amazonaws.us-east-1.s3", "com.amazonaws.us-east-1.sqs"}, exampleServices...) {
		if ae.Services[n] == nil {
			t.Errorf("service %s missing after the merge", n)
		}
	}

	// Looking up the legacy VPC again replaces it.
	ae.Vpcs[legacyID] = &stale
	data, _ = after.Marshal()
	os.WriteFile(file, data, 0o644)
	ok(t, lookupAt(t, f, file, "-region", "us-east-1", "-vpc", legacyID))
	eq(t, "legacy VPC replaced", mustLoad(t, file).Regions["us-east-1"].Vpcs[legacyID].Name, "legacy-app")
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestOtherAccount: a region recorded as another account is refused,
// unless -replace-account.
func TestOtherAccount(t *testing.T) {
	f := start(t)
	file := filepath.Join(t.TempDir(), record.DefaultFile)
	ok(t, lookupAt(t, f, file, "-region", "us-east-1", "-vpc", legacyID))
	rec := mustLoad(t, file)
	rec.Regions["us-east-1"].Account = "444455556666"
	data, _ := rec.Marshal()
	os.WriteFile(file, data, 0o644)
	calls := f.total()

	r := lookupAt(t, f, file, exampleArgs()...)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1", r.code)
	}
	for _, s := range []string{"444455556666", account, "-replace-account", "-profile"} {
		if !strings.Contains(r.stderr, s) {
			t.Errorf("stderr does not name %s: %s", s, r.stderr)
		}
	}
	if got, _ := os.ReadFile(file); !bytes.Equal(got, data) {
		t.Error("the record changed")
	}
	if n := f.total() - calls; n != 1 || f.count("GetCallerIdentity") != 2 {
		t.Errorf("%d calls after the account's, want none", n-1)
	}

	r = lookupAt(t, f, file, append(exampleArgs(), "-replace-account")...)
	ok(t, r)
	reg := mustLoad(t, file).Regions["us-east-1"]
	eq(t, "account", reg.Account, account)
	if reg.Vpcs[legacyID] != nil || reg.Vpcs[exampleID] == nil {
		t.Errorf("vpcs after -replace-account: %v", reg.Vpcs)
	}
}

// TestUnauthorized: an access error names the call and the fix, and the
// record is left as it was.
func TestUnauthorized(t *testing.T) {
	f := start(t)
	dir := t.TempDir()
	file := filepath.Join(dir, record.DefaultFile)
	ok(t, lookupAt(t, f, file, "-region", "us-east-1", "-vpc", legacyID))
	before, _ := os.ReadFile(file)

	f.setFault("DescribeRouteTables", fault{Status: 403, Code: "UnauthorizedOperation", Times: -1,
		Message: "You are not authorized to perform this operation. User: arn:aws:iam::111122223333:user/dev is not authorized to perform: ec2:DescribeRouteTables because no identity-based policy allows the ec2:DescribeRouteTables action"})
	calls := f.count("DescribeRouteTables")
	r := lookupAt(t, f, file, exampleArgs()...)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1", r.code)
	}
	if strings.Count(r.stderr, "\n") != 1 || !strings.HasPrefix(r.stderr, "lookup: ec2:DescribeRouteTables: UnauthorizedOperation: You are not authorized") ||
		!strings.Contains(r.stderr, "ec2:Describe* (read only)") {
		t.Errorf("stderr: %q", r.stderr)
	}
	if n := f.count("DescribeRouteTables") - calls; n != 1 {
		t.Errorf("DescribeRouteTables tried %d times; an access error is not retried", n)
	}
	if after, _ := os.ReadFile(file); !bytes.Equal(after, before) {
		t.Error("the record changed")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

// TestThrottled: the SDK's retryer retries throttling, for EC2
// (RequestLimitExceeded, 503) and STS (Throttling, 400).
func TestThrottled(t *testing.T) {
	f := start(t)
	f.setFault("DescribeSubnets", fault{Status: 503, Code: "RequestLimitExceeded", Message: "Request limit exceeded.", Times: 2})
	f.setFault("DescribeVpcEndpointServices", fault{Status: 503, Code: "RequestLimitExceeded", Message: "Request limit exceeded.", Times: 1})
	f.setFault("GetCallerIdentity", fault{Status: 400, Code: "Throttling", Message: "Rate exceeded", Times: 1})
	// The endpoint from the environment, as a user may set it.
	t.Setenv(endpointEnv, f.url)
	file := filepath.Join(t.TempDir(), record.DefaultFile)
	var out, errb bytes.Buffer
	if code := run(context.Background(), append([]string{"-file", file}, exampleArgs()...), &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	eq(t, "GetCallerIdentity calls", f.count("GetCallerIdentity"), 2)
	eq(t, "DescribeSubnets calls (2 pages, 2 throttled)", f.count("DescribeSubnets"), 4)
	eq(t, "DescribeVpcEndpointServices calls (4 pages, 1 throttled)", f.count("DescribeVpcEndpointServices"), 5)
	got, _ := os.ReadFile(file)
	if want, err := os.ReadFile(golden); err == nil && !bytes.Equal(got, want) {
		t.Errorf("the record after retries differs from %s", golden)
	}
}

// TestThrottledOut: throttling past the retries is an error that says so.
func TestThrottledOut(t *testing.T) {
	f := start(t)
	f.setFault("DescribeVpcs", fault{Status: 503, Code: "RequestLimitExceeded", Message: "Request limit exceeded.", Times: -1})
	file := filepath.Join(t.TempDir(), record.DefaultFile)
	r := lookupAt(t, f, file, exampleArgs()...)
	if r.code != 1 || !strings.Contains(r.stderr, "ec2:DescribeVpcs: RequestLimitExceeded") || !strings.Contains(r.stderr, "throttling") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	eq(t, "attempts", f.count("DescribeVpcs"), defaultMaxAttempts)
	if _, err := os.Stat(file); !os.IsNotExist(err) {
		t.Error("a record was written")
	}
}

func TestVpcNotFound(t *testing.T) {
	f := start(t)
	file := filepath.Join(t.TempDir(), record.DefaultFile)
	r := lookupAt(t, f, file, "-region", "us-east-1", "-vpc", exampleID+",vpc-0000000000000dead")
	if r.code != 1 {
		t.Fatalf("exit %d", r.code)
	}
	for _, s := range []string{"ec2:DescribeVpcs", "InvalidVpcID.NotFound", "vpc-0000000000000dead", "check -vpc"} {
		if !strings.Contains(r.stderr, s) {
			t.Errorf("stderr does not say %s: %q", s, r.stderr)
		}
	}
	if _, err := os.Stat(file); !os.IsNotExist(err) {
		t.Error("a record was written")
	}
}

func TestServiceNotFound(t *testing.T) {
	f := start(t)
	file := filepath.Join(t.TempDir(), record.DefaultFile)
	r := lookupAt(t, f, file, "-region", "us-east-1", "-service", "com.amazonaws.us-east-1.ssm,com.amazonaws.us-east-1.nosuch,com.amazonaws.us-east-1.nothere")
	if r.code != 1 {
		t.Fatalf("exit %d", r.code)
	}
	for _, s := range []string{"ec2:DescribeVpcEndpointServices", "InvalidServiceName", "com.amazonaws.us-east-1.nosuch, com.amazonaws.us-east-1.nothere does not exist in us-east-1", "-service"} {
		if !strings.Contains(r.stderr, s) {
			t.Errorf("stderr does not say %s: %q", s, r.stderr)
		}
	}
	if strings.Contains(r.stderr, "ssm does not") {
		t.Errorf("stderr names a service that exists: %q", r.stderr)
	}
	// A service of another region that the account cannot reach.
	r = lookupAt(t, f, file, "-region", "us-east-1", "-service", "com.amazonaws.eu-west-1.ssm")
	if r.code != 1 || !strings.Contains(r.stderr, "com.amazonaws.eu-west-1.ssm does not exist in eu-west-1 (cross-region") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestUnsupportedRoute: a Cloud WAN route is recorded by its core
// network's ARN; a target the record cannot hold is an error, not a route
// left out.
func TestUnsupportedRoute(t *testing.T) {
	isolate(t)
	arn := "arn:aws:networkmanager::111122223333:core-network/core-network-0fedcba9876540099"
	fa := exampleAWS()
	fa.tables[3].Routes = append(fa.tables[3].Routes, xRoute{DestinationCidrBlock: "10.200.0.0/16", CoreNetworkArn: arn, State: "active", Origin: "CreateRoute"})
	f := fa.start(t)
	file := filepath.Join(t.TempDir(), "r.json")
	if r := lookupAt(t, f, file, "-region", "us-east-1", "-vpc", legacyID); r.code != 0 {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	if b, _ := os.ReadFile(file); !strings.Contains(string(b), `"target": "`+arn+`"`) {
		t.Errorf("the core network route is not recorded:\n%s", b)
	}

	fa = exampleAWS()
	fa.tables[3].Routes = append(fa.tables[3].Routes, xRoute{DestinationCidrBlock: "10.200.0.0/16", CoreNetworkArn: "arn:aws:networkmanager::1:core-network/${x}", State: "active", Origin: "CreateRoute"})
	f = fa.start(t)
	r := lookupAt(t, f, filepath.Join(t.TempDir(), "r.json"), "-region", "us-east-1", "-vpc", legacyID)
	if r.code != 1 || !strings.Contains(r.stderr, "10.200.0.0/16") || !strings.Contains(r.stderr, "core-network") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestSymlinkRefused(t *testing.T) {
	f := start(t)
	dir := t.TempDir()
	target := filepath.Join(dir, "real.json")
	os.WriteFile(target, []byte("{}\n"), 0o644)
	link := filepath.Join(dir, record.DefaultFile)
	if err := os.Symlink(target, link); err != nil {
		t.Skip(err)
	}
	r := lookupAt(t, f, link, exampleArgs()...)
	if r.code != 1 || !strings.Contains(r.stderr, "symlink") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	if b, _ := os.ReadFile(target); string(b) != "{}\n" {
		t.Error("the link's target changed")
	}
	if st, _ := os.Lstat(link); st.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced")
	}
	eq(t, "calls", f.total(), 0)
}

// TestBadRecord: an existing record that is not one is not overwritten.
func TestBadRecord(t *testing.T) {
	f := start(t)
	file := filepath.Join(t.TempDir(), record.DefaultFile)
	os.WriteFile(file, []byte(`{"format":"privnet.context/v0","regions":{}}`), 0o644)
	r := lookupAt(t, f, file, exampleArgs()...)
	if r.code != 1 || !strings.Contains(r.stderr, "privnet.context/v0") || !strings.Contains(r.stderr, "fix or remove it") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	eq(t, "calls", f.total(), 0)
}

// TestNoCredentials: no credentials anywhere is a clear error.
func TestNoCredentials(t *testing.T) {
	f := start(t)
	os.Unsetenv("AWS_ACCESS_KEY_ID")
	os.Unsetenv("AWS_SECRET_ACCESS_KEY")
	r := lookupAt(t, f, filepath.Join(t.TempDir(), "r.json"), exampleArgs()...)
	if r.code != 1 || !strings.HasPrefix(r.stderr, "lookup: no usable AWS credentials: sign in") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	eq(t, "calls", f.total(), 0)
}

// TestDefaultFile writes privnet.context.json in the working directory.
func TestDefaultFile(t *testing.T) {
	f := start(t)
	t.Chdir(t.TempDir())
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"-region", "us-east-1", "-endpoint-url", f.url}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	rec := mustLoad(t, record.DefaultFile)
	reg := rec.Regions["us-east-1"]
	if reg == nil || reg.Account != account || len(reg.Azs) != 3 || reg.Vpcs != nil || reg.Services != nil {
		t.Errorf("record: %+v", reg)
	}
}

func TestUsage(t *testing.T) {
	isolate(t)
	for _, args := range [][]string{
		{},
		{"-vpc", exampleID},
		{"-region", "us-east-1", "-vpc", "vpc-123"},
		{"-region", "us-east-1", "-vpc", "subnet-0a1b2c3d4e5f6a001"},
		{"-region", "us-east-1", "-service", "Com.Amazonaws.SSM"},
		{"-region", "US East"},
		{"-region", "us-east-1", "-nosuchflag"},
		{"-region", "us-east-1", "extra"},
		{"-region", "us-east-1", "-endpoint-url", "localhost:1234"},
		{"-region", "us-east-1", "-file", ""},
	} {
		var out, errb bytes.Buffer
		if code := run(context.Background(), args, &out, &errb); code != 2 || strings.Count(errb.String(), "\n") != 1 || !strings.HasPrefix(errb.String(), "lookup: ") || out.Len() != 0 {
			t.Errorf("%q: exit %d, stderr %q", args, code, errb.String())
		}
	}
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"-h"}, &out, &errb); code != 0 || !strings.Contains(errb.String(), "-region") {
		t.Errorf("-h: exit %d, stderr %q", code, errb.String())
	}
}

// TestRecordRefused: what record.Parse would refuse is not written: here
// a subnet whose AZ is not a zone of the region (AWS never gives one; an
// answer that does is not recorded).
func TestRecordRefused(t *testing.T) {
	isolate(t)
	fa := exampleAWS()
	fa.subnets[4].AvailabilityZone, fa.subnets[4].AvailabilityZoneID = "eu-west-1a", "euw1-az3"
	f := fa.start(t)
	file := filepath.Join(t.TempDir(), record.DefaultFile)
	r := lookupAt(t, f, file, "-region", "us-east-1", "-vpc", legacyID)
	if r.code != 1 || !strings.Contains(r.stderr, "not a record privnet reads") || !strings.Contains(r.stderr, "eu-west-1a") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	if _, err := os.Stat(file); !os.IsNotExist(err) {
		t.Error("a record was written")
	}
}

// TestWriteChecks: a record that cannot be written fails before any AWS
// call, and an existing record keeps its file mode.
func TestWriteChecks(t *testing.T) {
	isolate(t)
	f := exampleAWS().start(t)
	missing := filepath.Join(t.TempDir(), "nodir", record.DefaultFile)
	r := lookupAt(t, f, missing, "-region", "us-east-1")
	if r.code != 1 || !strings.Contains(r.stderr, "create the directory") || f.total() != 0 {
		t.Errorf("missing directory: exit %d, %d calls, stderr %q", r.code, f.total(), r.stderr)
	}
	file := filepath.Join(t.TempDir(), record.DefaultFile)
	if r := lookupAt(t, f, file, "-region", "us-east-1"); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if err := os.Chmod(file, 0o600); err != nil {
		t.Fatal(err)
	}
	if r := lookupAt(t, f, file, "-region", "us-east-1", "-vpc", exampleID); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if st, err := os.Stat(file); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("mode after a rewrite: %v %v", st.Mode(), err)
	}
}

var ptrTrue = func() *bool { b := true; return &b }()
