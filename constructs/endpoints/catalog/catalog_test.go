package catalog

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/privnet/privnet/constructs/region"
)

type oracleFile struct {
	Version   string   `json:"version"`
	Regions   []string `json:"regions"`
	Interface []struct {
		Member            string            `json:"member"`
		Port              int               `json:"port"`
		PrivateDnsDefault bool              `json:"privateDnsDefault"`
		Names             map[string]string `json:"names"`
	} `json:"interface"`
	Gateway []struct {
		Member string            `json:"member"`
		Names  map[string]string `json:"names"`
	} `json:"gateway"`
}

func readOracle(t *testing.T) oracleFile {
	t.Helper()
	b, err := os.ReadFile("testdata/cdk-oracle.json")
	if err != nil {
		t.Fatal(err)
	}
	var o oracleFile
	if err := json.Unmarshal(b, &o); err != nil {
		t.Fatal(err)
	}
	if o.Version == "" || len(o.Interface) < 300 || len(o.Regions) == 0 {
		t.Fatalf("oracle file: version %q, %d interface members, regions %v", o.Version, len(o.Interface), o.Regions)
	}
	return o
}

func lookupRegion(t *testing.T, name string) region.Region {
	t.Helper()
	r, ok := region.Lookup(name)
	if !ok {
		t.Fatalf("no region %s", name)
	}
	return r
}

// The oracle: for every endpoint service of the pinned aws-cdk-lib, the
// service name privnet gives in every region of the oracle (the commercial
// partition, both China regions, GovCloud) is the one CDK renders, and the
// port and private DNS default agree where no AWS fact overrides CDK.
func TestNamesMatchTheOracle(t *testing.T) {
	o := readOracle(t)
	// Where AWS documentation says otherwise than CDK (facts.go).
	portFromAws := map[string]bool{"email-smtp": true}
	dnsFromAws := map[string]bool{"iot.data": true, "dynamodb-streams": true}
	fromCdk := map[string]bool{}
	for _, m := range o.Interface {
		s, _, ok := ByServiceName(m.Names["us-east-1"])
		if !ok {
			t.Errorf("%s: %s is not in the catalog", m.Member, m.Names["us-east-1"])
			continue
		}
		fromCdk[s.Key] = true
		for _, r := range o.Regions {
			if got := s.ServiceName(lookupRegion(t, r)); got != m.Names[r] {
				t.Errorf("%s in %s: %s, aws-cdk-lib %s says %s", s.Key, r, got, o.Version, m.Names[r])
			}
		}
		if p := s.InterfacePorts(); !portFromAws[s.Key] && (len(p) != 1 || p[0] != m.Port) {
			t.Errorf("%s: ports %v, aws-cdk-lib says %d", s.Key, p, m.Port)
		}
		if !dnsFromAws[s.Key] && s.PrivateDns != m.PrivateDnsDefault {
			t.Errorf("%s: private DNS %v, aws-cdk-lib says %v", s.Key, s.PrivateDns, m.PrivateDnsDefault)
		}
		if !s.Offers(Interface) {
			t.Errorf("%s offers no interface endpoint", s.Key)
		}
	}
	for _, m := range o.Gateway {
		key := strings.TrimPrefix(m.Names["us-east-1"], "com.amazonaws.us-east-1.")
		s, ok := Lookup(key)
		if !ok || !s.Offers(Gateway) {
			t.Errorf("gateway %s: %s not in the catalog as a gateway service", m.Member, key)
			continue
		}
		fromCdk[key] = true
		for _, r := range o.Regions {
			if got := s.GatewayServiceName(lookupRegion(t, r)); got != m.Names[r] {
				t.Errorf("gateway %s in %s: %s, aws-cdk-lib says %s", key, r, got, m.Names[r])
			}
		}
	}
	// Every row said to come from CDK does.
	for _, k := range Keys() {
		s, _ := Lookup(k)
		if strings.HasPrefix(s.Source, "aws-cdk-lib ") != fromCdk[k] {
			t.Errorf("%s: source %q, in the oracle: %v", k, s.Source, fromCdk[k])
		}
	}
}

// AWS's own list: every name on "AWS services that integrate with AWS
// PrivateLink" is in the catalog, named as AWS prints it (or as the
// recorded correction says), in two regions.
func TestCoversAwsList(t *testing.T) {
	b, err := os.ReadFile("../../../tools/catalog/aws-privatelink.json")
	if err != nil {
		t.Fatal(err)
	}
	var a struct {
		Names       []string                     `json:"names"`
		Corrections map[string]map[string]string `json:"corrections"`
		LeftOut     map[string]string            `json:"left_out"`
	}
	if err := json.Unmarshal(b, &a); err != nil {
		t.Fatal(err)
	}
	if len(a.Names) < 400 {
		t.Fatalf("AWS list has %d names", len(a.Names))
	}
	covered := 0
	for _, n := range a.Names {
		if why, ok := a.LeftOut[n]; ok {
			if why == "" {
				t.Errorf("%s left out with no reason", n)
			}
			continue
		}
		if c, ok := a.Corrections[n]; ok {
			n = c["use"]
		}
		for _, r := range []string{"us-east-1", "ap-southeast-7"} {
			name := strings.ReplaceAll(n, "<region>", r)
			s, _, ok := ByServiceName(name)
			if !ok {
				t.Errorf("%s is not in the catalog", name)
				continue
			}
			if got := s.ServiceName(lookupRegion(t, r)); got != name {
				t.Errorf("%s: named %s", name, got)
			}
		}
		covered++
	}
	t.Logf("AWS's list: %d names covered, %d left out with a reason; catalog: %d services", covered, len(a.LeftOut), Len())
}

// Names parse back to their row in every region privnet knows, and names
// that are not a catalog service's do not.
func TestByServiceNameRoundTrip(t *testing.T) {
	for _, k := range Keys() {
		s, _ := Lookup(k)
		if !s.Offers(Interface) {
			continue
		}
		for _, rn := range region.Names() {
			name := s.ServiceName(lookupRegion(t, rn))
			got, r, ok := ByServiceName(name)
			if !ok || got != s || (s.Global == "" && r != rn) || (s.Global != "" && r != "") {
				t.Errorf("%s in %s: %s parses to %v %q %v", k, rn, name, got, r, ok)
			}
		}
	}
	for _, name := range []string{"com.amazonaws.us-east-1.no-such-service", "com.amazonaws.mars-east-1.ssm", "cn.com.amazonaws.cn-north-1.ssm",
		"com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", "aws.sagemaker.us-east-1.ssm", "ssm", ""} {
		if s, _, ok := ByServiceName(name); ok {
			t.Errorf("%q parses to %s", name, s.Key)
		}
	}
}

// Every fact of facts.go names a row: a typo would be ignored silently.
func TestFactsNameRows(t *testing.T) {
	keys := append(append(append([]string{}, crossRegionKeys...), homedKeys...), noPrivateDns...)
	for k := range ports {
		keys = append(keys, k)
	}
	for k := range dnsNames {
		keys = append(keys, k)
	}
	for k := range ipTypes {
		keys = append(keys, k)
	}
	for _, k := range keys {
		if _, ok := Lookup(k); !ok {
			t.Errorf("facts.go names %q, which is not a catalog key", k)
		}
	}
	if !S3.Wildcard || !ECRDkr.Wildcard || SSM.Wildcard {
		t.Error("wildcard flags")
	}
	names, recorded := Batch.DNSNames(lookupRegion(t, "eu-west-1"))
	if !recorded || strings.Join(names, " ") != "batch.eu-west-1.amazonaws.com batch.eu-west-1.api.aws" {
		t.Errorf("batch DNS names %v %v", names, recorded)
	}
	names, recorded = SSM.DNSNames(lookupRegion(t, "cn-north-1"))
	if recorded || strings.Join(names, " ") != "ssm.cn-north-1.amazonaws.com.cn" {
		t.Errorf("ssm DNS names %v %v", names, recorded)
	}
	if p := EmailSMTP.InterfacePorts(); len(p) != 5 || p[0] != 25 {
		t.Errorf("email-smtp ports %v", p)
	}
	if IotData.PrivateDns {
		t.Error("iot.data registers no private DNS name")
	}
	if KMSFips.FipsOf != "kms" || !KMSFips.CrossRegion || Route53.Global != "com.amazonaws.route53" || !Route53.CrossRegion {
		t.Error("kms-fips, route53")
	}
}

// The committed table is what the data makes (the generator compares).
func TestTableIsGenerated(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go run")
	}
	b, err := os.ReadFile("table_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`generated (\d{4}-\d{2}-\d{2}) from`).FindSubmatch(b)
	if m == nil {
		t.Fatal("table_gen.go carries no generation date")
	}
	cmd := exec.Command("go", "run", "./tools/catalog/gen", "-check", "-date", string(m[1]))
	cmd.Dir = filepath.Join("..", "..", "..")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
}

// An AWS service launched after the catalog: named by the same rules,
// marked as outside the catalog; a catalog key gives the catalog's row; bad
// keys, forms, ports and China regions are errors.
func TestAwsService(t *testing.T) {
	s, err := AwsService("bedrock-agentcore-next", &AwsServiceProps{ChinaPrefixed: []string{"cn-northwest-1"}, Ports: []int{8443}})
	if err != nil {
		t.Fatal(err)
	}
	for r, want := range map[string]string{
		"us-east-1":      "com.amazonaws.us-east-1.bedrock-agentcore-next",
		"cn-north-1":     "com.amazonaws.cn-north-1.bedrock-agentcore-next",
		"cn-northwest-1": "cn.com.amazonaws.cn-northwest-1.bedrock-agentcore-next",
		"us-gov-west-1":  "com.amazonaws.us-gov-west-1.bedrock-agentcore-next",
	} {
		if got := s.ServiceName(lookupRegion(t, r)); got != want {
			t.Errorf("%s: %s, want %s", r, got, want)
		}
	}
	if !s.NotInCatalog || !s.PrivateDns || s.InterfacePorts()[0] != 8443 {
		t.Errorf("%+v", s)
	}
	if got, err := AwsService("ssm", nil); err != nil || got != SSM {
		t.Errorf("a catalog key: %v %v", got, err)
	}
	q, _ := AwsService("newthing", &AwsServiceProps{Form: AwsApi})
	if got := q.ServiceName(lookupRegion(t, "eu-west-1")); got != "aws.api.eu-west-1.newthing" {
		t.Errorf("aws.api form: %s", got)
	}
	for _, bad := range []struct {
		key   string
		props *AwsServiceProps
	}{
		{"com.amazonaws.us-east-1.x", nil}, {"Bad", nil}, {"", nil}, {"a..b", nil}, {"x y", nil}, {strings.Repeat("a", 101), nil},
		{"x", &AwsServiceProps{Form: "org.example"}}, {"x", &AwsServiceProps{Ports: []int{0}}}, {"x", &AwsServiceProps{Ports: []int{70000}}},
		{"x", &AwsServiceProps{ChinaPrefixed: []string{"us-east-1"}}},
		{"a-", nil}, {"x.cn", nil}, {"vpce-svc-0123456789abcdef0", nil}, {"a.-b", nil},
		{"ssm", &AwsServiceProps{Ports: []int{0}}}, // a catalog key with props
	} {
		if _, err := AwsService(bad.key, bad.props); err == nil {
			t.Errorf("AwsService(%q, %+v) accepted", bad.key, bad.props)
		}
	}
}

// Package init, which builds the table, costs well under 5 ms (issue 14's
// budget): measured by the runtime's own init trace of this test binary.
func TestInitCost(t *testing.T) {
	if os.Getenv("PRIVNET_INITTRACE") != "" {
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestInitCost$")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1", "PRIVNET_INITTRACE=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	m := regexp.MustCompile(`init github.com/privnet/privnet/constructs/endpoints/catalog @[0-9.]+ ms, ([0-9.]+) ms clock`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("no init trace for the catalog:\n%s", out)
	}
	ms, _ := strconv.ParseFloat(string(m[1]), 64)
	t.Logf("catalog init: %.3f ms for %d services", ms, Len())
	if ms >= 5 {
		t.Errorf("catalog init took %.3f ms, budget 5 ms", ms)
	}
}

// docs/catalog.md is the current catalog (go run ./cmd/catalogdoc).
func TestCatalogDocIsCurrent(t *testing.T) {
	b, err := os.ReadFile("../../../docs/catalog.md")
	if err != nil || string(b) != Markdown() {
		t.Errorf("docs/catalog.md is stale or missing (%v): run go run ./cmd/catalogdoc", err)
	}
	if len(goNames) != Len() {
		t.Errorf("%d Go names for %d rows", len(goNames), Len())
	}
}

// A mistyped key gets the key it was meant to be, and hostile input costs
// nothing.
func TestClosest(t *testing.T) {
	for in, want := range map[string]string{
		"ssm-messages":    "ssmmessages",
		"ecr-api":         "ecr.api",
		"bedrock-runtim":  "bedrock-runtime",
		"secretmanager":   "secretsmanager",
		"SSM":             "ssm",
		"kinesis_streams": "kinesis-streams",
	} {
		if got := Closest(in); len(got) == 0 || got[0] != want {
			t.Errorf("Closest(%q) = %v, want %s first", in, got, want)
		}
	}
	for _, in := range []string{strings.Repeat("x", 10000), "", "a", "q"} {
		if got := Closest(in); got != nil {
			t.Errorf("Closest(%.20q) = %v", in, got)
		}
	}
	if got := Closest("zzzzzzzzzzzz"); len(got) != 0 {
		t.Errorf("nothing near: %v", got)
	}
}

// Private DNS names use the partition's dual-stack domain, China has no
// FIPS names, and no default is guessed for names without a region or of
// another form.
func TestDNSNamesPerPartition(t *testing.T) {
	names, _ := Monitoring.DNSNames(lookupRegion(t, "cn-north-1"))
	if strings.Join(names, " ") != "monitoring.cn-north-1.amazonaws.com.cn monitoring.cn-north-1.api.amazonwebservices.com.cn" {
		t.Errorf("monitoring in China: %v", names)
	}
	names, _ = Batch.DNSNames(lookupRegion(t, "us-gov-west-1"))
	if strings.Join(names, " ") != "batch.us-gov-west-1.amazonaws.com batch.us-gov-west-1.api.aws" {
		t.Errorf("batch in GovCloud: %v", names)
	}
	for _, s := range []*Service{SagemakerNotebook, Qbusiness, Codecatalyst} {
		if names, recorded := s.DNSNames(lookupRegion(t, "us-east-1")); names != nil || recorded {
			t.Errorf("%s: a guessed name %v", s.Key, names)
		}
	}
	// IAM's global name is recorded for the commercial partition only.
	if names, recorded := IAM.DNSNames(lookupRegion(t, "eu-west-1")); strings.Join(names, " ") != "iam.amazonaws.com" || !recorded {
		t.Errorf("iam: %v %v", names, recorded)
	}
	if names, recorded := IAM.DNSNames(lookupRegion(t, "cn-north-1")); names != nil || recorded {
		t.Errorf("iam in China: a guessed name %v", names)
	}
}
