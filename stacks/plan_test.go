package stacks

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/privnet/privnet/constructs/core"
)

// Nothing here calls the jsii runtime, but the constructs' bindings unpack
// it into a temporary directory when the package loads: Shutdown removes it
// (in every fuzz worker too).
func TestMain(m *testing.M) {
	code := m.Run()
	core.Shutdown()
	os.Exit(code)
}

const okStack = `{"name":"b","kind":"baseline","region":"us-east-1","cidr":"10.0.0.0/16"}`

func one(s string) string { return `{"stacks":[` + s + `]}` }

var (
	regionFix  = "use one of " + strings.Join(core.RegionNames(), ", ") + ", or add a row to constructs/core/regions.go"
	kindFix    = "use one of baseline, dual-stack, egress-firewall, endpoint-catalog, existing-vpc, hub-spoke, iam-privatelink, lattice-peer, lattice-resource, onprem-dns, private-workload, s3-onprem, scale, ssm-private-instance, transit-hub, xregion-consumer, xregion-service"
	emptyFix   = `list the stacks to make, each {"name": ..., "kind": ...} with the kind's settings, as in stacks/default.json`
	nameRuleFx = "start with a letter and use only letters, digits and hyphens"
)

// badConfigs are inputs the plan refuses, with every message it must give.
var badConfigs = []struct {
	name string
	in   string
	want []string
}{
	// The document.
	{"empty file", "", []string{`my.json: the file is empty (fix: write {"stacks": [...]} as in stacks/default.json)`}},
	{"blank file", " \n\t", []string{`my.json: the file is empty (fix: write {"stacks": [...]} as in stacks/default.json)`}},
	{"null", "null", []string{`my.json:1:1: the configuration is null, not an object (fix: write {"stacks": [...]} as in stacks/default.json)`}},
	{"string", `"stacks"`, []string{`my.json:1:1: the configuration is the string "stacks", not an object (fix: write {"stacks": [...]} as in stacks/default.json)`}},
	{"no stacks", "{}", []string{`my.json:1:1: stacks: missing, so the configuration makes no stack (fix: ` + emptyFix + `)`}},
	{"empty stacks", `{"stacks":[]}`, []string{`my.json:1:11: stacks: the list is empty, so the configuration makes no stack (fix: ` + emptyFix + `)`}},
	{"null stacks", `{"stacks":null}`, []string{`my.json:1:11: stacks: want a list of stacks, got null (fix: ` + emptyFix + `)`}},
	{"syntax error", "{\"stacks\": [\n  {\"name\": \"b\", \"kind\": \"baseline\"\n   \"region\": \"us-east-1\"}\n]}\n",
		[]string{`my.json:3:4: JSON syntax error: invalid character '"' after object key:value pair`}},
	{"trailing comma", one(`{"name":"b",}`), []string{`my.json:1:24: JSON syntax error: invalid character '}' looking for beginning of object key string`}},
	{"cut short", `{"stacks":[` + okStack, []string{`my.json:1:84: the document ends before it is complete (fix: close every { and [ and string)`}},
	{"trailing garbage", one(okStack) + " x", []string{`my.json:1:87: data after the end of the configuration document (fix: keep exactly one JSON object in the file)`}},
	{"second document", one(okStack) + "\n{}", []string{`my.json:2:1: data after the end of the configuration document (fix: keep exactly one JSON object in the file)`}},
	{"too deep", `{"stacks":[` + strings.Repeat(`[`, 40) + strings.Repeat(`]`, 40) + `]}`,
		[]string{`my.json:1:42: stacks` + strings.Repeat("[0]", 31) + `: values are nested more than 32 levels deep (fix: the configuration is three levels deep: an object of stacks, each an object)`}},

	// Keys.
	{"unknown top-level key", `{"stacks":[` + okStack + `],"extra":1}`,
		[]string{`my.json:1:86: unknown key "extra" at the top level (fix: the configuration has one key, "stacks")`}},
	{"top-level key case", `{"Stacks":[` + okStack + `]}`, []string{
		`my.json:1:2: key "Stacks" must be written "stacks": keys are case-sensitive`,
		`my.json:1:1: stacks: missing, so the configuration makes no stack (fix: ` + emptyFix + `)`}},
	{"key case", one(`{"name":"b","kind":"baseline","region":"us-east-1","CIDR":"10.0.0.0/16"}`),
		[]string{`my.json:1:63: stacks[0]: key "CIDR" must be written "cidr": keys are case-sensitive`}},
	{"unknown key", one(`{"name":"b","kind":"baseline","region":"us-east-1","cidr":"10.0.0.0/16","cidrr":"x"}`),
		[]string{`my.json:1:84: stacks[0]: unknown key "cidrr" for kind baseline (fix: use name, kind, region, cidr, azCount)`}},
	{"duplicate top-level key", `{"stacks":[` + okStack + `],"stacks":[` + okStack + `]}`,
		[]string{`my.json:1:86: key "stacks" appears twice in this object (first at line 1, column 2) (fix: keep one; JSON readers disagree on which one wins)`}},
	{"duplicate key", "{\"stacks\": [\n  {\"name\": \"b\", \"kind\": \"baseline\",\n   \"region\": \"us-east-1\",\n   \"cidr\": \"10.0.0.0/16\",\n   \"cidr\": \"10.1.0.0/16\"}\n]}\n",
		[]string{`my.json:5:4: stacks[0]: key "cidr" appears twice in this object (first at line 4, column 4) (fix: keep one; JSON readers disagree on which one wins)`}},

	// Types.
	{"string for a number", one(`{"name":"b","kind":"baseline","region":"us-east-1","cidr":"10.0.0.0/16","azCount":"2"}`),
		[]string{`my.json:1:94: stacks[0].azCount: want a whole number, got the string "2"`}},
	{"huge number", one(`{"name":"b","kind":"baseline","region":"us-east-1","cidr":"10.0.0.0/16","azCount":1e300}`),
		[]string{`my.json:1:94: stacks[0].azCount: 1e300 is not a whole number (fix: write digits only, like 2)`}},
	{"fraction", one(`{"name":"b","kind":"baseline","region":"us-east-1","cidr":"10.0.0.0/16","azCount":2.5}`),
		[]string{`my.json:1:94: stacks[0].azCount: 2.5 is not a whole number (fix: write digits only, like 2)`}},
	{"overflow", one(`{"name":"b","kind":"baseline","region":"us-east-1","cidr":"10.0.0.0/16","azCount":99999999999}`),
		[]string{`my.json:1:94: stacks[0].azCount: 99999999999 is too large`}},
	{"null and list for strings", one(`{"name":"b","kind":"baseline","region":null,"cidr":["10.0.0.0/16"]}`), []string{
		`my.json:1:51: stacks[0].region: want a string, got null`,
		`my.json:1:63: stacks[0].cidr: want a string, got a list`}},
	{"entries not objects", `{"stacks":[1,"x",[]]}`, []string{
		`my.json:1:12: stacks[0]: want an object with name and kind, got the number 1`,
		`my.json:1:14: stacks[1]: want an object with name and kind, got the string "x"`,
		`my.json:1:18: stacks[2]: want an object with name and kind, got a list`}},

	// Names and kinds.
	{"number name", one(`{"name":3,"kind":"baseline","region":"us-east-1","cidr":"10.0.0.0/16"}`),
		[]string{`my.json:1:20: stacks[0].name: want a string, got the number 3`}},
	{"10,000-character name", one(`{"name":"` + strings.Repeat("a", 10000) + `","kind":"baseline","region":"us-east-1","cidr":"10.0.0.0/16"}`),
		[]string{`my.json:1:20: stacks[0].name: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"… (10000 characters) is longer than 64 characters (fix: use a shorter name)`}},
	{"65-character name", one(`{"name":"` + strings.Repeat("a", 65) + `","kind":"baseline","region":"us-east-1","cidr":"10.0.0.0/16"}`),
		[]string{`my.json:1:20: stacks[0].name: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"… (65 characters) is longer than 64 characters (fix: use a shorter name)`}},
	{"empty name", one(`{"name":"","kind":"baseline","region":"us-east-1","cidr":"10.0.0.0/16"}`),
		[]string{`my.json:1:20: stacks[0].name: is empty (fix: give the stack a name: letters, digits and hyphens, starting with a letter)`}},
	{"no name", one(`{"kind":"baseline","region":"us-east-1","cidr":"10.0.0.0/16"}`),
		[]string{`my.json:1:12: stacks[0].name: missing (fix: give the stack a name: letters, digits and hyphens, starting with a letter)`}},
	// "a b", "a_b" and "a/b" all became the directory a_b before.
	{"names that would be rewritten", `{"stacks":[` + okStack + `,` + strings.Replace(okStack, `"b"`, `"B"`, 1) + `,` + okStack + `,` +
		strings.Replace(okStack, `"b"`, `"a b"`, 1) + `,` + strings.Replace(okStack, `"b"`, `"a_b"`, 1) + `,` + strings.Replace(okStack, `"b"`, `"a/b"`, 1) + `]}`, []string{
		`my.json:1:93: stacks[1].name: "B" differs from the name of stacks[0] only in letter case; the two would share a directory and a state file on macOS and Windows (fix: give every stack its own name)`,
		`my.json:1:166: stacks[2].name: "b" is also the name of stacks[0] (fix: give every stack its own name)`,
		`my.json:1:239: stacks[3].name: "a b" is not a usable stack name: it names a directory, a state file and a Terraform workspace (fix: ` + nameRuleFx + `)`,
		`my.json:1:314: stacks[4].name: "a_b" is not a usable stack name: it names a directory, a state file and a Terraform workspace (fix: ` + nameRuleFx + `)`,
		`my.json:1:389: stacks[5].name: "a/b" is not a usable stack name: it names a directory, a state file and a Terraform workspace (fix: ` + nameRuleFx + `)`}},
	{"no kind", one(`{"name":"b","region":"us-east-1","cidr":"10.0.0.0/16"}`),
		[]string{`my.json:1:12: stacks[0].kind: missing (fix: ` + kindFix + `)`}},
	{"unknown kind", one(`{"name":"b","kind":"Baseline","region":"us-east-1","cidr":"10.0.0.0/16"}`),
		[]string{`my.json:1:31: stacks[0].kind: "Baseline" is not a stack kind (fix: ` + kindFix + `)`}},

	// Settings: formats and ranges.
	{"region, cidr, azCount", one(`{"name":"b","kind":"baseline","region":"us-east-9","cidr":"banana","azCount":-1}`), []string{
		`my.json:1:51: stacks[0].region: "us-east-9" is not in privnet's region table (fix: ` + regionFix + `)`,
		`my.json:1:70: stacks[0].cidr: "banana" is not an IPv4 CIDR (fix: write it like "10.0.0.0/16")`,
		`my.json:1:89: stacks[0].azCount: -1 is negative (fix: use 1 to 6, or leave it out for 2)`}},
	{"missing region and cidr", one(`{"name":"b","kind":"iam-privatelink"}`), []string{
		`my.json:1:12: stacks[0].region: missing (fix: ` + regionFix + `)`,
		`my.json:1:12: stacks[0].cidr: missing (fix: give an IPv4 CIDR like "10.0.0.0/16")`}},
	{"azCount too large", one(`{"name":"b","kind":"baseline","region":"us-east-1","cidr":"10.0.0.0/16","azCount":99}`),
		[]string{`my.json:1:94: stacks[0].azCount: 99 is more than any region in privnet's table has (6) (fix: use 1 to 6, or leave it out for 2)`}},
	{"negative endpointsPerVpc", one(`{"name":"s","kind":"scale","region":"us-east-1","vpcs":2,"endpointsPerVpc":-1}`),
		[]string{`my.json:1:87: stacks[0].endpointsPerVpc: -1 is negative (fix: use 0 to 33: the kind takes 33 interface services that need no other resource)`}},
	{"scale out of range", one(`{"name":"s","kind":"scale","region":"us-east-1","vpcs":0,"endpointsPerVpc":999}`), []string{
		`my.json:1:67: stacks[0].vpcs: 0 is outside 1–250 (fix: use 1 to 250: VPC n gets the block 10.n.0.0/16)`,
		`my.json:1:87: stacks[0].endpointsPerVpc: 999 is outside 0–33 (fix: use 0 to 33: the kind takes 33 interface services that need no other resource)`}},
	{"scale too many vpcs", one(`{"name":"s","kind":"scale","region":"us-east-1","vpcs":251}`),
		[]string{`my.json:1:67: stacks[0].vpcs: 251 is outside 1–250 (fix: use 1 to 250: VPC n gets the block 10.n.0.0/16)`}},
	{"scale without vpcs", one(`{"name":"s","kind":"scale","region":"us-east-1","endpointsPerVpc":1}`),
		[]string{`my.json:1:12: stacks[0].vpcs: missing (fix: give the number of VPCs, 1 to 250)`}},
	{"catalog keys", one(`{"name":"e","kind":"endpoint-catalog","region":"us-east-1","cidr":"10.0.0.0/16","interfaces":["ssm","ssm-messages","ssm","s3"],"gateways":["s3"]}`), []string{
		`my.json:1:112: stacks[0].interfaces[1]: "ssm-messages" is not in the endpoint catalog (fix: use a key of the catalog's 480 services (docs/catalog.md lists them): did you mean "ssmmessages"?)`,
		`my.json:1:127: stacks[0].interfaces[2]: "ssm" is listed twice (fix: list each service once)`,
		`my.json:1:133: stacks[0].interfaces[3]: "s3" is in gateways too, and this kind names each endpoint by its service (fix: keep it in one list (s3-onprem shows an S3 interface endpoint beside the gateway))`}},
	{"lattice ip and ports", one(`{"name":"l","kind":"lattice-resource","region":"us-east-1","providerCidr":"10.5.0.0/16","consumerCidr":"10.6.0.0/16","instanceIp":"10.5.0","ports":"22,70000"}`), []string{
		`my.json:1:142: stacks[0].instanceIp: "10.5.0" is not an IPv4 address (fix: write it like "10.0.1.10")`,
		`my.json:1:159: stacks[0].ports: "70000": port 70000 is outside 1-65535 (fix: write TCP ports and ranges like "22,443" or "8000-8080")`}},
	{"lattice missing", one(`{"name":"l","kind":"lattice-resource","region":"us-east-1"}`), []string{
		`my.json:1:12: stacks[0].providerCidr: missing (fix: give an IPv4 CIDR like "10.0.0.0/16")`,
		`my.json:1:12: stacks[0].consumerCidr: missing (fix: give an IPv4 CIDR like "10.0.0.0/16")`,
		`my.json:1:12: stacks[0].instanceIp: missing (fix: write it like "10.0.1.10")`,
		`my.json:1:12: stacks[0].ports: missing (fix: write TCP ports and ranges like "22,443" or "8000-8080")`}},
	{"endpoint service port and regions", one(`{"name":"x","kind":"xregion-service","region":"us-east-1","cidr":"10.7.0.0/16","port":70000,"supportedRegions":["ap-northeast-1","ap-northeast-1","mars-1"]}`), []string{
		`my.json:1:98: stacks[0].port: 70000 is outside 1–65535 (fix: give the TCP port clients connect to, 1 to 65535)`,
		`my.json:1:141: stacks[0].supportedRegions[1]: "ap-northeast-1" is listed twice (fix: list each region once)`,
		`my.json:1:158: stacks[0].supportedRegions[2]: "mars-1" is not in privnet's region table (fix: ` + regionFix + `)`}},
	{"endpoint service without port", one(`{"name":"x","kind":"xregion-service","region":"us-east-1","cidr":"10.7.0.0/16"}`),
		[]string{`my.json:1:12: stacks[0].port: missing (fix: give the TCP port clients connect to, 1 to 65535)`}},
	{"on-premises networks", one(`{"name":"o","kind":"s3-onprem","region":"us-east-1","cidr":"10.2.0.0/16","onPremCidrs":["192.168.0.0/16","192.168.0.0/16","10.0.0.0/33","fe80::/10"]}`), []string{
		`my.json:1:117: stacks[0].onPremCidrs[1]: "192.168.0.0/16" is listed twice (fix: list each network once)`,
		`my.json:1:134: stacks[0].onPremCidrs[2]: "10.0.0.0/33" is not an IPv4 CIDR (fix: write it like "10.0.0.0/16")`,
		`my.json:1:148: stacks[0].onPremCidrs[3]: "fe80::/10" is not an IPv4 CIDR (fix: write it like "10.0.0.0/16")`,
		`my.json:1:12: stacks[0].customerGatewayIp: no hybrid link: neither customerGatewayIp nor dxGatewayId is given (fix: give the VPN device's public IPv4 address ("customerGatewayIp": "203.0.113.10"), or an existing Direct Connect gateway's ID ("dxGatewayId"))`}},
	{"two hybrid links, a BGP ASN for Direct Connect", one(`{"name":"o","kind":"onprem-dns","region":"us-east-1","cidr":"10.2.0.0/16","customerGatewayIp":"203.0.113.10","dxGatewayId":"x","bgpAsn":65010,"domains":["corp.example.com"]}`), []string{
		`my.json:1:12: stacks[0].onPremCidrs: missing (fix: list the on-premises networks, like ["192.168.0.0/16"])`,
		`my.json:1:135: stacks[0].dxGatewayId: both customerGatewayIp and dxGatewayId are given (fix: give one link)`,
		`my.json:1:148: stacks[0].bgpAsn: bgpAsn is for a VPN device; a Direct Connect gateway has its own (fix: drop bgpAsn)`,
		`my.json:1:12: stacks[0].dnsServers: domains are forwarded, but no DNS server is given (fix: list the on-premises DNS servers, like ["192.168.10.10"])`}},
	{"DNS servers and domains", one(`{"name":"o","kind":"onprem-dns","region":"us-east-1","cidr":"10.2.0.0/16","onPremCidrs":["192.168.0.0/16"],"customerGatewayIp":"203.0.113.10","domains":["corp.example.com","CORP.example.com."],"dnsServers":["192.168.10.10:5353","dns1"]}`), []string{
		`my.json:1:240: stacks[0].dnsServers[1]: "dns1" is not an IPv4 address (fix: write it like "10.0.1.10")`,
		`my.json:1:184: stacks[0].domains[1]: "CORP.example.com." is listed twice (fix: list each domain once: AWS associates one rule per domain with a VPC)`}},
	{"a bad VPN device address and resolver IPs", one(`{"name":"o","kind":"s3-onprem","region":"us-east-1","cidr":"10.2.0.0/16","onPremCidrs":[],"customerGatewayIp":"vpn.example.com","resolverIps":["10.2.0.10","x"]}`), []string{
		`my.json:1:99: stacks[0].onPremCidrs: is empty (fix: list the on-premises networks, like ["192.168.0.0/16"])`,
		`my.json:1:122: stacks[0].customerGatewayIp: "vpn.example.com" is not an IPv4 address (fix: write it like "10.0.1.10")`,
		`my.json:1:167: stacks[0].resolverIps[1]: "x" is not an IPv4 address (fix: write it like "10.0.1.10")`}},

	// References.
	{"consumer without service", one(`{"name":"c","kind":"xregion-consumer","region":"ap-northeast-1","cidr":"10.8.0.0/16"}`),
		[]string{`my.json:1:12: stacks[0].serviceStack: missing (fix: name a stack of kind xregion-service listed before this one)`}},
	{"consumer references", `{"stacks":[` + okStack +
		`,{"name":"c","kind":"xregion-consumer","region":"ap-northeast-1","cidr":"10.8.0.0/16","serviceStack":"b"}` +
		`,{"name":"d","kind":"xregion-consumer","region":"ap-northeast-1","cidr":"10.8.0.0/16","serviceStack":"x"}` +
		`,{"name":"e","kind":"xregion-consumer","region":"ap-northeast-1","cidr":"10.8.0.0/16","serviceStack":"nope"}` +
		`,{"name":"x","kind":"xregion-service","region":"us-east-1","cidr":"10.7.0.0/16","port":443}]}`, []string{
		`my.json:1:185: stacks[1].serviceStack: "b" is a stack of kind baseline, not xregion-service (fix: name a stack of kind xregion-service listed before this one)`,
		`my.json:1:290: stacks[2].serviceStack: "x" comes after this stack in the configuration (stacks[4]); stacks are made in order (fix: move it before this one)`,
		`my.json:1:395: stacks[3].serviceStack: no stack is named "nope" (fix: name a stack of kind xregion-service listed before this one)`}},
	{"lattice-peer and transit-hub settings", `{"stacks":[` + okStack +
		`,{"name":"p","kind":"lattice-peer","region":"us-west-2","cidr":"10.8.0.0/16","resourceStack":"b","port":0}` +
		`,{"name":"h","kind":"transit-hub","region":"eu-west-1","sharedCidr":"10.14.0.0/16","spokeCidrs":[],"port":443}` +
		`,{"name":"i","kind":"transit-hub","region":"eu-west-1","sharedCidr":"10.14.0.0/16","spokeCidrs":["10.15.0.0/33"]}]}`, []string{
		`my.json:1:177: stacks[1].resourceStack: "b" is a stack of kind baseline, not lattice-resource (fix: name a stack of kind lattice-resource listed before this one)`,
		`my.json:1:188: stacks[1].port: 0 is outside 1–65535 (fix: give the TCP port the consumer calls the server on, 1 to 65535)`,
		`my.json:1:286: stacks[2].spokeCidrs: has 0 entries (fix: list 1 to 8 spoke VPC CIDRs)`,
		`my.json:1:397: stacks[3].spokeCidrs[0]: "10.15.0.0/33" is not an IPv4 CIDR (fix: write it like "10.0.0.0/16")`,
		`my.json:1:301: stacks[3].port: missing (fix: give the TCP port the spokes call the server on, 1 to 65535)`}},
	{"hub-spoke settings", `{"stacks":[` + okStack +
		`,{"name":"h","kind":"hub-spoke","region":"eu-west-1","account":"12345","remoteAccount":"111122223333","hubCidr":"10.0.0.0/16","spokeCidr":"10.1.0.0/16","services":["ssm","sm"]}` +
		`,{"name":"i","kind":"hub-spoke","region":"eu-west-1","account":"111122223333","remoteAccount":"111122223333","hubCidr":"10.0.0.0/16","spokeCidr":"10.1.0.0/16","remoteCidr":"10.2.0.0/16","services":[]}]}`, []string{
		`my.json:1:147: stacks[1].account: "12345" is not a 12-digit AWS account ID (fix: write it like "111122223333")`,
		`my.json:1:85: stacks[1].remoteCidr: missing (fix: give an IPv4 CIDR like "10.0.0.0/16")`,
		`my.json:1:254: stacks[1].services[1]: "sm" is not in the endpoint catalog (fix: use a key of the catalog's 480 services (docs/catalog.md lists them))`,
		`my.json:1:354: stacks[2].remoteAccount: is the hub's account (fix: give the second spoke's account, another than the hub's)`,
		`my.json:1:457: stacks[2].services: has 0 entries (fix: list 1 to 50 catalog services, or leave it out)`}},
}

func TestParseRefusesBadConfigs(t *testing.T) {
	for _, tc := range badConfigs {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := Parse("my.json", []byte(tc.in))
			if err == nil {
				t.Fatalf("accepted: %d stacks", len(cfg.Stacks))
			}
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("error is %T, not *ConfigError: %v", err, err)
			}
			got := ce.Messages()
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Fatalf("messages:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
		})
	}
}

func TestConfigErrorListsEveryProblemUpToALimit(t *testing.T) {
	var entries []string
	for i := 0; i < 25; i++ {
		entries = append(entries, fmt.Sprintf(`{"name":"s%d","kind":"nope"}`, i))
	}
	_, err := Parse("my.json", []byte(`{"stacks":[`+strings.Join(entries, ",")+`]}`))
	if err == nil {
		t.Fatal("accepted")
	}
	lines := strings.Split(err.Error(), "\n")
	if lines[0] != "25 errors in the configuration:" || len(lines) != 22 || lines[21] != "  - and 5 more" {
		t.Fatalf("error:\n%s", err)
	}
	if !strings.HasPrefix(lines[1], `  - my.json:1:32: stacks[0].kind: "nope" is not a stack kind`) {
		t.Fatalf("first problem: %s", lines[1])
	}
}

func TestTooManyStacks(t *testing.T) {
	entries := make([]string, MaxStacks+1)
	for i := range entries {
		entries[i] = strings.Replace(okStack, `"b"`, fmt.Sprintf(`"s%d"`, i), 1)
	}
	_, err := Parse("my.json", []byte(`{"stacks":[`+strings.Join(entries, ",")+`]}`))
	want := "my.json:1:11: stacks: 501 stacks, more than the 500 one configuration may have (fix: split the configuration into several files)"
	if err == nil || err.Error() != want {
		t.Fatalf("error: %v\nwant:  %s", err, want)
	}
	// 500 is fine.
	cfg, err := Parse("my.json", []byte(`{"stacks":[`+strings.Join(entries[:MaxStacks], ",")+`]}`))
	if err != nil || len(cfg.Stacks) != MaxStacks {
		t.Fatalf("500 stacks: %v", err)
	}
}

func TestTooLarge(t *testing.T) {
	big := one(okStack) + strings.Repeat(" ", MaxConfigBytes)
	_, err := Parse("my.json", []byte(big))
	want := "my.json: is larger than 1048576 bytes (1 MiB), far more than any configuration needs (fix: check that this is the configuration file)"
	if err == nil || err.Error() != want {
		t.Fatalf("error: %v\nwant:  %s", err, want)
	}
}

func TestDefaultConfigPlan(t *testing.T) {
	cfg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if cfg.File != DefaultName {
		t.Fatalf("File %q", cfg.File)
	}
	want := "baseline endpoint-catalog s3-onprem onprem-dns iam-privatelink ssm-private-instance lattice-resource lattice-peer transit-hub xregion-service xregion-consumer egress-firewall china-workload govcloud-workload existing-vpc hub-spoke dual-stack"
	if got := strings.Join(cfg.Names(), " "); got != want {
		t.Fatalf("stacks %s\nwant   %s", got, want)
	}
	last := cfg.Stacks[10]
	if c, ok := last.Spec.(*XRegionConsumerConfig); !ok || c.ServiceStack != "xregion-service" || c.AzCount != 2 || c.Region != "ap-northeast-1" {
		t.Fatalf("xregion-consumer settings %#v", last.Spec)
	}
	if strings.Join(last.Needs, ",") != "xregion-service" {
		t.Fatalf("xregion-consumer needs %v", last.Needs)
	}
	if c, ok := cfg.Stacks[12].Spec.(*PrivateWorkloadConfig); !ok || c.Region != "cn-northwest-1" {
		t.Fatalf("china-workload settings %#v", cfg.Stacks[12].Spec)
	}
	if c, ok := cfg.Stacks[7].Spec.(*LatticePeerConfig); !ok || c.ResourceStack != "lattice-resource" || strings.Join(cfg.Stacks[7].Needs, ",") != "lattice-resource" {
		t.Fatalf("lattice-peer settings %#v, needs %v", cfg.Stacks[7].Spec, cfg.Stacks[7].Needs)
	}
	checkPlan(t, cfg)
}

func TestErrorsNameTheEmbeddedFile(t *testing.T) {
	cfg, _ := Default()
	_, err := cfg.Select("nope", "baseline", "other")
	want := `stacks/default.json (embedded): no stacks named "nope", "other" (fix: name stacks of the configuration: ` +
		`baseline, endpoint-catalog, s3-onprem, onprem-dns, iam-privatelink, ssm-private-instance, lattice-resource, lattice-peer, transit-hub, xregion-service, xregion-consumer, egress-firewall, china-workload, govcloud-workload, existing-vpc, hub-spoke, dual-stack)`
	if err == nil || err.Error() != want {
		t.Fatalf("error: %v\nwant:  %s", err, want)
	}
}

// Before, selecting a stack also selected every stack after it in the
// configuration: the filter emptied as stacks were found.
func TestSelectTakesTheNamedStacksAndTheirNeeds(t *testing.T) {
	cfg, _ := Default()
	for _, tc := range []struct{ names, want string }{
		{"baseline", "baseline"},
		{"iam-privatelink", "iam-privatelink"},
		{"xregion-consumer", "xregion-service xregion-consumer"},
		{"xregion-consumer baseline xregion-consumer", "baseline xregion-service xregion-consumer"},
		{"xregion-service", "xregion-service"},
		{"", strings.Join(cfg.Names(), " ")},
	} {
		sel, err := cfg.Select(strings.Fields(tc.names)...)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(sel.Names(), " "); got != tc.want {
			t.Errorf("Select(%s) = %s, want %s", tc.names, got, tc.want)
		}
	}
}

func TestSelectListsAtMostTwentyKnownNames(t *testing.T) {
	entries := make([]string, 30)
	for i := range entries {
		entries[i] = strings.Replace(okStack, `"b"`, fmt.Sprintf(`"s%d"`, i), 1)
	}
	cfg, err := Parse("my.json", []byte(`{"stacks":[`+strings.Join(entries, ",")+`]}`))
	if err != nil {
		t.Fatal(err)
	}
	_, err = cfg.Select("x")
	if err == nil || !strings.HasSuffix(err.Error(), ", s19, … (30 in all: -list shows them))") {
		t.Fatalf("error: %v", err)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	if err := os.WriteFile(good, []byte(one(okStack)), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink(good, link); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{good, link} {
		cfg, err := Load(p)
		if err != nil || cfg.File != p || len(cfg.Stacks) != 1 {
			t.Fatalf("Load(%s): %v", p, err)
		}
	}

	big := filepath.Join(dir, "big.json")
	if err := os.WriteFile(big, []byte(one(okStack)+strings.Repeat(" ", MaxConfigBytes)), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"stacks":[]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ path, want string }{
		{filepath.Join(dir, "missing.json"), ": cannot read the configuration: no such file or directory"},
		{dir, ": is a directory, not a regular file (fix: write the configuration to a file and give its path)"},
		{"/dev/null", ": is a device, not a regular file (fix: write the configuration to a file and give its path)"},
		{big, ": is larger than 1048576 bytes (1 MiB), far more than any configuration needs (fix: check that this is the configuration file)"},
		{bad, ":1:11: stacks: the list is empty, so the configuration makes no stack (fix: " + emptyFix + ")"},
	} {
		_, err := Load(tc.path)
		if err == nil || err.Error() != tc.path+tc.want {
			t.Errorf("Load(%s): %v\nwant: %s", tc.path, err, tc.path+tc.want)
		}
	}
}

// checkPlan asserts what an accepted plan promises the builders.
func checkPlan(t *testing.T, cfg *Config) {
	t.Helper()
	if n := len(cfg.Stacks); n < 1 || n > MaxStacks {
		t.Fatalf("%d stacks", n)
	}
	pos := map[string]int{}
	folded := map[string]bool{}
	for i, s := range cfg.Stacks {
		if !nameRule.MatchString(s.Name) || len(s.Name) > MaxNameLen {
			t.Fatalf("stack name %q accepted", s.Name)
		}
		if folded[strings.ToLower(s.Name)] {
			t.Fatalf("stack name %q accepted twice (ignoring case)", s.Name)
		}
		folded[strings.ToLower(s.Name)] = true
		mk, ok := kinds[s.Kind]
		if !ok || s.Spec == nil || reflect.TypeOf(s.Spec) != reflect.TypeOf(mk()) {
			t.Fatalf("stack %s: kind %q with settings %T", s.Name, s.Kind, s.Spec)
		}
		v := reflect.ValueOf(s.Spec).Elem()
		if v.FieldByName("Name").String() != s.Name || v.FieldByName("Kind").String() != s.Kind {
			t.Fatalf("stack %s: settings say %s", s.Name, v)
		}
		for _, n := range s.Needs {
			j, ok := pos[n]
			want := map[string]string{"xregion-consumer": "xregion-service", "lattice-peer": "lattice-resource"}[s.Kind]
			if !ok || cfg.Stacks[j].Kind != want {
				t.Fatalf("stack %s needs %q, which is not an earlier %s stack", s.Name, n, want)
			}
		}
		pos[s.Name] = i
		// What would panic or misbehave in the builders.
		if f := v.FieldByName("AzCount"); f.IsValid() && (f.Int() < 0 || int(f.Int()) > maxAzs) {
			t.Fatalf("stack %s: azCount %d accepted", s.Name, f.Int())
		}
		if f := v.FieldByName("Region"); f.IsValid() {
			if _, ok := core.LookupRegion(f.String()); !ok {
				t.Fatalf("stack %s: region %q accepted", s.Name, f.String())
			}
		}
		if sc, ok := s.Spec.(*ScaleConfig); ok {
			if sc.EndpointsPerVpc < 0 || sc.EndpointsPerVpc > len(scaleServices()) || sc.Vpcs < 1 || sc.Vpcs > maxScaleVpcs {
				t.Fatalf("stack %s: scale %+v accepted", s.Name, *sc)
			}
		}
	}
	// Selecting any stack gives it and its needs, in configuration order.
	for _, s := range cfg.Stacks {
		sel, err := cfg.Select(s.Name)
		if err != nil {
			t.Fatal(err)
		}
		last := -1
		for _, x := range sel.Stacks {
			if pos[x.Name] <= last {
				t.Fatalf("Select(%s) is out of order: %v", s.Name, sel.Names())
			}
			last = pos[x.Name]
		}
		want := append(append([]string(nil), s.Needs...), s.Name)
		if len(sel.Stacks) != len(want) {
			t.Fatalf("Select(%s) = %v, want %v", s.Name, sel.Names(), want)
		}
	}
}

// FuzzPlan feeds arbitrary bytes to the plan, which runs before any jsii
// call: nothing may panic, an accepted plan keeps its promises, and a
// refusal is a ConfigError of short lines that each name the file.
func FuzzPlan(f *testing.F) {
	f.Add(DefaultConfig)
	f.Add([]byte(`{"stacks":[{"name":"large","kind":"scale","region":"us-east-1","vpcs":20,"azCount":3,"endpointsPerVpc":30}]}`))
	for _, tc := range badConfigs {
		f.Add([]byte(tc.in))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		cfg, err := Parse("fuzz.json", b)
		if err == nil {
			checkPlan(t, cfg)
			return
		}
		var ce *ConfigError
		if !errors.As(err, &ce) {
			t.Fatalf("error is %T: %v", err, err)
		}
		if len(ce.Problems) == 0 || len(ce.Problems) > maxProblems {
			t.Fatalf("%d problems listed", len(ce.Problems))
		}
		for _, m := range ce.Messages() {
			if !strings.HasPrefix(m, "fuzz.json") || len(m) > 1200 || strings.Contains(m, "\n") {
				t.Fatalf("message of %d bytes: %.300s", len(m), m)
			}
		}
	})
}

// Every kind's settings can be written and read: the smallest entry of each
// is accepted, and its struct holds only field types the reader fills.
func TestEveryKindHasAMinimalEntry(t *testing.T) {
	minimal := map[string]string{
		"baseline":             `{"name":"a","kind":"baseline","region":"us-east-1","cidr":"10.0.0.0/16"}`,
		"endpoint-catalog":     `{"name":"a","kind":"endpoint-catalog","region":"us-east-1","cidr":"10.0.0.0/16"}`,
		"s3-onprem":            `{"name":"a","kind":"s3-onprem","region":"us-east-1","cidr":"10.0.0.0/16","onPremCidrs":["192.168.0.0/16"],"customerGatewayIp":"203.0.113.10"}`,
		"onprem-dns":           `{"name":"a","kind":"onprem-dns","region":"us-east-1","cidr":"10.0.0.0/16","onPremCidrs":["192.168.0.0/16"],"dxGatewayId":"5f294f92-bafb-4011-916d-9b0bec736f0e"}`,
		"iam-privatelink":      `{"name":"a","kind":"iam-privatelink","region":"us-east-1","cidr":"10.0.0.0/16"}`,
		"ssm-private-instance": `{"name":"a","kind":"ssm-private-instance","region":"us-east-1","cidr":"10.0.0.0/16"}`,
		"lattice-resource":     `{"name":"a","kind":"lattice-resource","region":"us-east-1","providerCidr":"10.5.0.0/16","consumerCidr":"10.6.0.0/16","instanceIp":"10.5.0.10","ports":"443"}`,
		"xregion-service":      `{"name":"a","kind":"xregion-service","region":"us-east-1","cidr":"10.0.0.0/16","port":443}`,
		"xregion-consumer":     `{"name":"s","kind":"xregion-service","region":"us-east-1","cidr":"10.0.0.0/16","port":443},{"name":"a","kind":"xregion-consumer","region":"ap-northeast-1","cidr":"10.1.0.0/16","serviceStack":"s"}`,
		"scale":                `{"name":"a","kind":"scale","region":"us-east-1","vpcs":1}`,
		"egress-firewall":      `{"name":"a","kind":"egress-firewall","region":"us-east-1","cidr":"10.0.0.0/16"}`,
		"private-workload":     `{"name":"a","kind":"private-workload","region":"cn-north-1","cidr":"10.0.0.0/16"}`,
		"existing-vpc":         `{"name":"a","kind":"existing-vpc","region":"eu-west-1","vpcId":"vpc-0e1b2c3d4e5f60718"}`,
		"lattice-peer":         `{"name":"r","kind":"lattice-resource","region":"us-east-1","providerCidr":"10.5.0.0/16","consumerCidr":"10.6.0.0/16","instanceIp":"10.5.0.10","ports":"443"},{"name":"a","kind":"lattice-peer","region":"us-west-2","cidr":"10.1.0.0/16","resourceStack":"r","port":443}`,
		"transit-hub":          `{"name":"a","kind":"transit-hub","region":"us-east-1","sharedCidr":"10.0.0.0/16","spokeCidrs":["10.1.0.0/16"],"port":443}`,
		"dual-stack":           `{"name":"a","kind":"dual-stack","region":"us-east-1","cidr":"10.0.0.0/16"}`,
		"hub-spoke":            `{"name":"a","kind":"hub-spoke","region":"us-east-1","account":"111122223333","remoteAccount":"444455556666","hubCidr":"10.0.0.0/16","spokeCidr":"10.1.0.0/16","remoteCidr":"10.2.0.0/16"}`,
	}
	for _, kind := range Kinds() {
		entry, ok := minimal[kind]
		if !ok {
			t.Errorf("kind %s has no minimal entry in this test", kind)
			continue
		}
		cfg, err := Parse("my.json", []byte(one(entry)))
		if err != nil {
			t.Errorf("kind %s: %v", kind, err)
			continue
		}
		if last := cfg.Stacks[len(cfg.Stacks)-1]; last.Name != "a" || last.Kind != kind {
			t.Errorf("kind %s: planned %s of kind %s", kind, last.Name, last.Kind)
		}
		checkPlan(t, cfg)
		typ := reflect.TypeOf(kinds[kind]()).Elem()
		for i := 0; i < typ.NumField(); i++ {
			f := typ.Field(i)
			switch {
			case f.Type.Kind() == reflect.String, f.Type.Kind() == reflect.Int, f.Type.Kind() == reflect.Bool,
				f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.String:
			default:
				t.Errorf("kind %s: field %s of type %s is not one the reader fills", kind, f.Name, f.Type)
			}
		}
	}
}

// Thousands of unknown catalog keys (a hostile or broken file) parse in
// bounded time: suggestions are made for the first ten only. Twice the
// keys take well under four times as long (linear, not quadratic), and
// 20,000 stay under ten seconds on a loaded machine (1.4 s measured alone).
func TestManyUnknownKeysStayCheap(t *testing.T) {
	parse := func(n int) time.Duration {
		var keys []string
		for i := 0; i < n; i++ {
			keys = append(keys, fmt.Sprintf("%q", fmt.Sprintf("nosuchservice%05d", i)))
		}
		cfg := `{"stacks":[{"name":"a","kind":"endpoint-catalog","region":"us-east-1","cidr":"10.0.0.0/16","interfaces":[` + strings.Join(keys, ",") + `]}]}`
		start := time.Now()
		if _, err := Parse("many.json", []byte(cfg)); err == nil {
			t.Fatalf("%d unknown keys accepted", n)
		}
		return time.Since(start)
	}
	half, full := parse(10000), parse(20000)
	if full > 10*time.Second {
		t.Errorf("parsing 20,000 unknown keys took %v", full)
	}
	if full > 3*half+200*time.Millisecond {
		t.Errorf("20,000 unknown keys took %v, 10,000 %v: not linear", full, half)
	}
}

// A true/false setting takes only true or false.
func TestBoolSetting(t *testing.T) {
	_, err := Parse("c.json", []byte(`{"stacks": [{"name": "a", "kind": "existing-vpc", "region": "eu-west-1", "vpcId": "vpc-0e1b2c3d4e5f60718", "exampleRecord": "yes"}]}`))
	if err == nil || !strings.Contains(err.Error(), `c.json:1:125: stacks[0].exampleRecord: want true or false, got the string "yes"`) {
		t.Errorf("error: %v", err)
	}
}
