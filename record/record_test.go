package record

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const good = `{
  "format": "privnet.context/v1",
  "regions": {
    "us-east-1": {
      "account": "111122223333",
      "azs": [{"name": "us-east-1b", "id": "use1-az1"}, {"name": "us-east-1a", "id": "use1-az6"}],
      "vpcs": {
        "vpc-0a1b2c3d4e5f60718": {
          "id": "vpc-0a1b2c3d4e5f60718",
          "cidrs": ["10.20.0.0/16", "10.23.0.0/16", "10.21.0.0/16"],
          "dnsSupport": true, "dnsHostnames": true,
          "mainRouteTable": "rtb-0c00000000000000c",
          "subnets": [
            {"id": "subnet-0aaa1111bbbb2222d", "az": "us-east-1b", "azId": "use1-az1", "cidr": "10.20.1.0/24", "routeTable": "rtb-0c00000000000000c", "implicit": true, "networkAcl": "acl-0a0000000000000aa"},
            {"id": "subnet-0aaa1111bbbb2222c", "az": "us-east-1a", "azId": "use1-az6", "cidr": "10.20.0.0/24", "routeTable": "rtb-0c00000000000000c", "implicit": true, "networkAcl": "acl-0a0000000000000aa"}
          ],
          "routeTables": [{"id": "rtb-0c00000000000000c", "main": true, "routes": [{"destination": "10.20.0.0/16", "target": "local"}, {"destination": "0.0.0.0/0", "target": "nat-0a1b2c3d4e5f60718"}]}],
          "networkAcls": [{"id": "acl-0a0000000000000aa", "default": true, "entries": [{"number": 100, "allow": true, "protocol": "-1", "cidr": "0.0.0.0/0"}]}]
        }
      },
      "services": {
        "com.amazonaws.us-east-1.kms": {"name": "com.amazonaws.us-east-1.kms", "type": ["Interface"], "azs": ["us-east-1b", "us-east-1a"], "privateDnsNames": ["kms.us-east-1.amazonaws.com"]}
      }
    }
  }
}`

func TestParseAndMarshal(t *testing.T) {
	r, err := Parse([]byte(good))
	if err != nil {
		t.Fatal(err)
	}
	reg := r.Regions["us-east-1"]
	if reg.AzId("us-east-1a") != "use1-az6" || reg.AzName("use1-az1") != "us-east-1b" || reg.AzId("us-east-1z") != "" {
		t.Errorf("AZ lookups: %q %q", reg.AzId("us-east-1a"), reg.AzName("use1-az1"))
	}
	a, err := r.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	// Sorted: AZs by name, subnets by ID, secondary CIDRs after the
	// primary, which stays first.
	out := string(a)
	if i, j, k := strings.Index(out, `"10.20.0.0/16"`), strings.Index(out, `"10.21.0.0/16"`), strings.Index(out, `"10.23.0.0/16"`); !(i < j && j < k) {
		t.Errorf("CIDRs out of order:\n%s", out)
	}
	if strings.Index(out, "subnet-0aaa1111bbbb2222c") > strings.Index(out, "subnet-0aaa1111bbbb2222d") {
		t.Error("subnets are not sorted")
	}
	if strings.Index(string(a), "us-east-1a") > strings.Index(string(a), "us-east-1b") {
		t.Error("AZs are not sorted")
	}
	again, err := Parse(a)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := again.Marshal()
	if string(a) != string(b) {
		t.Error("marshalling is not stable")
	}
}

// A record is edited in pull requests: what AWS would never give is
// refused with where it is.
func TestParseRefuses(t *testing.T) {
	cases := []struct{ old, new, want string }{
		{`"privnet.context/v1"`, `"privnet.context/v0"`, `has format "privnet.context/v0", and this privnet reads privnet.context/v1`},
		{`"account": "111122223333"`, `"account": "1111"`, `regions."us-east-1".account "1111" is not a 12-digit account ID`},
		{`"us-east-1": {`, `"us east 1": {`, `is not a region name`},
		{`"cidrs": ["10.20.0.0/16",`, `"cidrs": ["10.20.0.1/16",`, `.cidrs: "10.20.0.1/16" is not an IPv4 network`},
		{`"az": "us-east-1b", "azId": "use1-az1"`, `"az": "us-east-1b", "azId": "use1-az6"`, `AZ us-east-1b has ID use1-az1 in the region's zones, not "use1-az6"`},
		{`"az": "us-east-1b"`, `"az": "eu-west-1b"`, `AZ "eu-west-1b" ("use1-az1") is not a zone of the region with its ID`},
		{`"mainRouteTable": "rtb-0c00000000000000c"`, `"mainRouteTable": "rtb-0d00000000000000d"`, `mainRouteTable "rtb-0d00000000000000d" is not one of its route tables`},
		{`"target": "nat-0a1b2c3d4e5f60718"`, `"target": "vpc-0a1b2c3d4e5f60718"`, `is not a route AWS gives`},
		{`"number": 100`, `"number": 0`, `is not an entry AWS gives`},
		{`"vpcs": {`, `"vpcs": {"vpc-1": null,`, `."vpc-1" is null`},
		{`"vpcs": {`, `"vpcs": {"vpc-1": {"id": "vpc-1"},`, `the key and id must be the VPC ID`},
		{`"privateDnsNames": ["kms.us-east-1.amazonaws.com"]`, `"privateDnsNames": ["kms us-east-1"]`, `is not a DNS name`},
		{`"format"`, `"formats": 1, "format"`, `unknown field "formats"`},
	}
	for _, c := range cases {
		bad := strings.Replace(good, c.old, c.new, 1)
		if bad == good {
			t.Fatalf("case %q changes nothing", c.old)
		}
		_, err := Parse([]byte(bad))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s -> %s: error %v, want %q", c.old, c.new, err, c.want)
		}
	}
	if _, err := Parse([]byte(good + "{}")); err == nil {
		t.Error("data after the record was accepted")
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	if _, err := Load(filepath.Join(dir, "none.json")); !errors.Is(err, ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("directory: %v", err)
	}
	big := filepath.Join(dir, "big.json")
	f, _ := os.Create(big)
	f.Truncate(MaxSize + 10)
	f.Close()
	if _, err := Load(big); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("huge file: %v", err)
	}
}

func TestCommand(t *testing.T) {
	l := Lookup{Region: "us-east-1", Vpcs: []string{"vpc-2", "vpc-1", "vpc-2"}, Services: []string{"b", "a"}}
	if got := l.Command(DefaultFile); got != "go run github.com/privnet/privnet/cmd/lookup -region us-east-1 -vpc vpc-1,vpc-2 -service a,b" {
		t.Errorf("command: %s", got)
	}
	if got := (Lookup{Region: "us-east-1"}).Command("my file;rm -rf ~.json"); got != `go run github.com/privnet/privnet/cmd/lookup -file 'my file;rm -rf ~.json' -region us-east-1` {
		t.Errorf("quoted command: %s", got)
	}
}

// An IPv6-only subnet has no IPv4 block: it is recorded, and its IPv6
// block must be one.
func TestIpv6OnlySubnet(t *testing.T) {
	v6 := strings.Replace(good, `"cidr": "10.20.1.0/24"`, `"cidr": "", "ipv6Cidrs": ["2600:1f18:abc:de01::/64"]`, 1)
	if _, err := Parse([]byte(v6)); err != nil {
		t.Errorf("IPv6-only subnet: %v", err)
	}
	bad := strings.Replace(good, `"cidr": "10.20.1.0/24"`, `"cidr": "", "ipv6Cidrs": ["2600:1f18:abc:de01::1/64"]`, 1)
	if _, err := Parse([]byte(bad)); err == nil || !strings.Contains(err.Error(), "is not an IPv6 network") {
		t.Errorf("bad IPv6 block: %v", err)
	}
	none := strings.Replace(good, `"cidr": "10.20.1.0/24"`, `"cidr": ""`, 1)
	if _, err := Parse([]byte(none)); err == nil {
		t.Error("a subnet with no block at all was accepted")
	}
}

// Free text from AWS (names, tags) cannot carry an expression or control
// characters into privnet's output; blocks overlap nowhere; endpoints
// have a type and state AWS gives.
func TestParseRefusesMore(t *testing.T) {
	cases := []struct{ old, new, want string }{
		{`"dnsSupport": true,`, `"name": "${TfToken[TOKEN.3]}", "dnsSupport": true,`, `its name holds control characters or a Terraform expression`},
		{`"dnsSupport": true,`, `"name": "x\u001b]0;PWNED", "dnsSupport": true,`, `its name holds control characters`},
		{`"routeTable": "rtb-0c00000000000000c", "implicit": true, "networkAcl": "acl-0a0000000000000aa"},`, `"routeTable": "rtb-0c00000000000000c", "implicit": true, "networkAcl": "acl-0a0000000000000aa", "tags": {"Team": "%{if true}x%{endif}"}},`, `its name or tags hold`},
		{`"cidrs": ["10.20.0.0/16", "10.23.0.0/16",`, `"cidrs": ["10.20.0.0/16", "10.20.0.0/17",`, `overlaps 10.20.0.0/16; a VPC's blocks do not`},
		{`"cidr": "10.20.1.0/24"`, `"cidr": "10.99.1.0/24"`, `10.99.1.0/24 is in none of the VPC's blocks`},
		{`"cidr": "10.20.1.0/24"`, `"cidr": "10.20.0.0/25"`, `subnet subnet-0aaa1111bbbb2222c (10.20.0.0/24) overlaps subnet subnet-0aaa1111bbbb2222d (10.20.0.0/25)`},
		{`"cidr": "10.20.1.0/24", "routeTable"`, `"cidr": "", "ipv6Cidrs": ["2001:db8::/64"], "azId": "${var.x}", "routeTable"`, `is not a zone of the region with its ID`},
		{`"mainRouteTable": "rtb-0c00000000000000c",`, `"mainRouteTable": "rtb-0c00000000000000c", "endpoints": [{"id": "vpce-0a1b2c3d4e5f60718", "serviceName": "com.amazonaws.us-east-1.kms", "type": "Interface", "ipAddressType": "ipv7"}],`,
			`(vpce-0a1b2c3d4e5f60718): IP address type "ipv7" is not ipv4, dualstack or ipv6`},
		{`"mainRouteTable": "rtb-0c00000000000000c",`, `"mainRouteTable": "rtb-0c00000000000000c", "endpoints": [{"id": "vpce-0a1b2c3d4e5f60718", "serviceName": "com.amazonaws.us-east-1.kms", "type": "Interface", "dnsRecordIpType": "${x}"}],`,
			`DNS record IP type "${x}" is not ipv4, dualstack, ipv6 or service-defined`},
	}
	for _, c := range cases {
		bad := strings.Replace(good, c.old, c.new, 1)
		if bad == good {
			t.Fatalf("case %q changes nothing", c.old)
		}
		_, err := Parse([]byte(bad))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s -> %s: error %v, want %q", c.old, c.new, err, c.want)
		}
	}
}

// A hostile record does not make the checks slow: 100,000 subnets, each
// checked against the others, take a sort, not ten billion comparisons.
func TestHugeRecordIsFast(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"format": "privnet.context/v1", "regions": {"us-east-1": {"account": "111122223333", "azs": [{"name": "us-east-1a", "id": "use1-az6"}], "vpcs": {"vpc-0a1b2c3d4e5f60718": {"id": "vpc-0a1b2c3d4e5f60718", "cidrs": ["10.0.0.0/8"], "dnsSupport": true, "dnsHostnames": true, "mainRouteTable": "rtb-0c00000000000000c", "routeTables": [{"id": "rtb-0c00000000000000c", "routes": []}], "networkAcls": [{"id": "acl-0a0000000000000aa", "entries": []}], "subnets": [`)
	for i := 0; i < 100000; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"id": "subnet-%017x", "az": "us-east-1a", "azId": "use1-az6", "cidr": "10.%d.%d.0/28", "routeTable": "rtb-0c00000000000000c", "networkAcl": "acl-0a0000000000000aa"}`, i, i/256%256, i%256)
	}
	b.WriteString(`]}}}}}`)
	start := time.Now()
	_, err := Parse([]byte(b.String()))
	if err == nil || !strings.Contains(err.Error(), "overlaps subnet") {
		// /28s at x.y.z.0 of the same /24 for i and i+65536: overlaps.
		t.Fatalf("error: %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("100,000 subnets took %v", d)
	}
}
