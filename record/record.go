// Package record is privnet's recorded lookups: privnet.context.json,
// written by cmd/lookup from the AWS APIs and read by synth, which never
// calls AWS. AWS CDK's cdk.context.json is the model: look things up once,
// commit the record, review its diff, and let synth read only the record.
//
// Pure Go, no jsii and no AWS SDK: the constructs, the reachability engine
// and the lookup command all read and write it through this package.
package record

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"os"
	"regexp"
	"sort"
	"strings"
)

// Format names the record's layout. A record of another format is refused
// with the command that rewrites it.
const Format = "privnet.context/v1"

// DefaultFile is where the app and the lookup command look by default: the
// project root, beside cdktf.json.
const DefaultFile = "privnet.context.json"

// MaxSize bounds the file read: a record of a few hundred VPCs is well
// under a megabyte.
const MaxSize = 32 << 20

// File is the whole record.
type File struct {
	Format string `json:"format"`
	// Regions are keyed by region name. Each was looked up in one account.
	Regions map[string]*Region `json:"regions"`
}

// Region is what was looked up in one region of one account.
type Region struct {
	// Account is the account the lookup ran as (sts:GetCallerIdentity):
	// AZ names map to physical zones per account, so the record's AZ
	// names hold for that account only.
	Account string `json:"account"`
	// Azs are the region's zones as the account sees them, by name.
	Azs []Az `json:"azs"`
	// Vpcs are keyed by VPC ID.
	Vpcs map[string]*Vpc `json:"vpcs,omitempty"`
	// Services are keyed by full service name
	// (com.amazonaws.us-east-1.ssm, com.amazonaws.vpce.us-east-1.vpce-svc-…).
	Services map[string]*Service `json:"services,omitempty"`
}

// Az is one availability zone: its name in this account and its ID, which
// names the same physical zone in every account.
type Az struct {
	Name string `json:"name"`
	Id   string `json:"id"`
}

// Vpc is an existing VPC (DescribeVpcs, DescribeVpcAttribute,
// DescribeDhcpOptions, DescribeSubnets, DescribeRouteTables,
// DescribeNetworkAcls, DescribeVpcEndpoints).
type Vpc struct {
	Id      string `json:"id"`
	OwnerId string `json:"ownerId,omitempty"`
	Name    string `json:"name,omitempty"` // its Name tag
	// Cidrs are the associated IPv4 blocks, the primary first.
	Cidrs     []string `json:"cidrs"`
	Ipv6Cidrs []string `json:"ipv6Cidrs,omitempty"`
	// DnsSupport and DnsHostnames are the VPC attributes
	// enableDnsSupport and enableDnsHostnames.
	DnsSupport   bool `json:"dnsSupport"`
	DnsHostnames bool `json:"dnsHostnames"`
	// DhcpOptionsId and DnsServers: the DHCP option set's
	// domain-name-servers; empty or AmazonProvidedDNS is the VPC resolver.
	DhcpOptionsId string   `json:"dhcpOptionsId,omitempty"`
	DnsServers    []string `json:"dnsServers,omitempty"`
	// MainRouteTable is the table of subnets with no explicit association.
	MainRouteTable string       `json:"mainRouteTable"`
	Subnets        []Subnet     `json:"subnets"`
	RouteTables    []RouteTable `json:"routeTables"`
	NetworkAcls    []NetworkAcl `json:"networkAcls"`
	Endpoints      []Endpoint   `json:"endpoints,omitempty"`
}

// Subnet is a subnet of an existing VPC.
type Subnet struct {
	Id   string `json:"id"`
	Name string `json:"name,omitempty"` // its Name tag
	Az   string `json:"az"`
	AzId string `json:"azId"`
	// Cidr is the IPv4 block, "" for an IPv6-only subnet.
	Cidr      string   `json:"cidr"`
	Ipv6Cidrs []string `json:"ipv6Cidrs,omitempty"`
	// Dns64 is the subnet's enableDns64, recorded for subnets with an
	// IPv6 block (nil in records made before it was).
	Dns64 *bool `json:"dns64,omitempty"`
	// RouteTable is the table the subnet uses; Implicit says it is the
	// main table, through no explicit association.
	RouteTable string `json:"routeTable"`
	Implicit   bool   `json:"implicit,omitempty"`
	NetworkAcl string `json:"networkAcl"`
	// Tags are the subnet's tags other than Name, for choosing tiers.
	Tags map[string]string `json:"tags,omitempty"`
}

// RouteTable is a route table with its routes.
type RouteTable struct {
	Id     string  `json:"id"`
	Main   bool    `json:"main,omitempty"`
	Routes []Route `json:"routes"`
}

// Route is one route: Destination is an IPv4 or IPv6 CIDR or a prefix
// list ID; Target is the gateway's ID as AWS gives it ("local", igw-…,
// nat-…, tgw-…, pcx-…, vgw-…, vpce-…, eni-…, eigw-…).
type Route struct {
	Destination string `json:"destination"`
	Target      string `json:"target"`
	// Blackhole: the target is gone (State blackhole); the route drops.
	Blackhole bool `json:"blackhole,omitempty"`
}

// NetworkAcl is a network ACL with its entries.
type NetworkAcl struct {
	Id      string     `json:"id"`
	Default bool       `json:"default,omitempty"`
	Entries []AclEntry `json:"entries"`
}

// AclEntry is one NACL rule: numbers 1 to 32766, and AWS's catch-all
// denies 32767 (IPv4) and 32768 (IPv6; terraform-provider-aws
// defaultACLRuleNumberIPv6, read 2026-11). Protocol is AWS's number as a string ("-1"
// all, "6" TCP, "17" UDP); ports are 0 when the protocol has none.
type AclEntry struct {
	Number   int    `json:"number"`
	Egress   bool   `json:"egress,omitempty"`
	Allow    bool   `json:"allow"`
	Protocol string `json:"protocol"`
	Cidr     string `json:"cidr"`
	FromPort int    `json:"fromPort,omitempty"`
	ToPort   int    `json:"toPort,omitempty"`
}

// Endpoint is a VPC endpoint that already exists in the VPC.
type Endpoint struct {
	Id          string `json:"id"`
	ServiceName string `json:"serviceName"`
	Type        string `json:"type"` // Interface, Gateway, GatewayLoadBalancer, Resource, ServiceNetwork
	State       string `json:"state,omitempty"`
	// PrivateDns: private DNS is on (interface endpoints).
	PrivateDns     bool     `json:"privateDns,omitempty"`
	Subnets        []string `json:"subnets,omitempty"`
	SecurityGroups []string `json:"securityGroups,omitempty"`
	RouteTables    []string `json:"routeTables,omitempty"`
	// IpAddressType (ipv4, dualstack, ipv6) and DnsRecordIpType (ipv4,
	// dualstack, ipv6, service-defined) say which records its DNS names
	// have; "" in records made before they were recorded.
	IpAddressType   string `json:"ipAddressType,omitempty"`
	DnsRecordIpType string `json:"dnsRecordIpType,omitempty"`
}

// Available tells whether the endpoint is up: state available (or not
// recorded, as when given by hand).
func (e Endpoint) Available() bool {
	return e.State == "" || strings.EqualFold(e.State, "available")
}

// HoldsName tells whether the endpoint, in its state, holds its service's
// names in the VPC (its private DNS zone, its route tables' prefix-list
// routes): while it is being made or is up (EC2 VpcEndpoint State:
// PendingAcceptance, Pending, Available, Partial; not Deleting, Deleted,
// Rejected, Failed or Expired; EC2 API Reference, checked 2026-11).
func (e Endpoint) HoldsName() bool {
	switch strings.ToLower(e.State) {
	case "", "available", "pending", "pendingacceptance", "partial":
		return true
	}
	return false
}

// GatewayPrefixLists maps each gateway endpoint of the VPC to the prefix
// list its recorded routes send the service to (clients' security groups
// name it by its ID).
func (v *Vpc) GatewayPrefixLists() map[string]string {
	out := map[string]string{}
	for _, t := range v.RouteTables {
		for _, r := range t.Routes {
			if IsID("vpce", r.Target) && IsID("pl", r.Destination) && !r.Blackhole && out[r.Target] == "" {
				out[r.Target] = r.Destination
			}
		}
	}
	return out
}

// Service is an endpoint service as DescribeVpcEndpointServices gives it,
// seen from the region (and account) of the lookup.
type Service struct {
	Name string   `json:"name"`
	Type []string `json:"type"` // Interface, Gateway, GatewayLoadBalancer
	// Region is the service's own region when it is not the lookup's
	// (cross-region PrivateLink); "" for the lookup's region.
	Region string `json:"region,omitempty"`
	// Azs are the AZ names the service supports, as the account sees them;
	// AzIds the same zones by ID where AWS gives them.
	Azs   []string `json:"azs"`
	AzIds []string `json:"azIds,omitempty"`
	// PrivateDnsNames are the names private DNS answers.
	PrivateDnsNames    []string `json:"privateDnsNames,omitempty"`
	IpAddressTypes     []string `json:"ipAddressTypes,omitempty"`
	AcceptanceRequired bool     `json:"acceptanceRequired,omitempty"`
	Owner              string   `json:"owner,omitempty"`
	// RemoteAzs are the AZ IDs of a cross-region service's own side, looked
	// up in its region, when the lookup could see them.
	RemoteAzIds []string `json:"remoteAzIds,omitempty"`
}

// Lookup is what an app needs from the record in one region: the exact
// command that records it names every item, so that running it gives a
// complete record.
type Lookup struct {
	Region   string
	Vpcs     []string
	Services []string
}

// CommandName runs the lookup command: by its package path, which works in
// this repository and in a module that requires privnet (after
// go mod edit -tool github.com/privnet/privnet/cmd/lookup && go mod tidy,
// which keeps the AWS SDK's checksums in go.sum; measured with Go 1.26).
const CommandName = "go run github.com/privnet/privnet/cmd/lookup"

// Command is the exact command that looks up what l names and records it
// in file (the default file is left out).
func (l Lookup) Command(file string) string {
	var b strings.Builder
	b.WriteString(CommandName)
	if file != "" && file != DefaultFile {
		b.WriteString(" -file " + ShellQuote(file))
	}
	b.WriteString(" -region " + ShellQuote(l.Region))
	if len(l.Vpcs) > 0 {
		b.WriteString(" -vpc " + ShellQuote(strings.Join(SortedSet(l.Vpcs), ",")))
	}
	if len(l.Services) > 0 {
		b.WriteString(" -service " + ShellQuote(strings.Join(SortedSet(l.Services), ",")))
	}
	return b.String()
}

var shellSafe = regexp.MustCompile(`^[A-Za-z0-9_./,:=@+-]+$`)

// ShellQuote writes s for a POSIX shell command line.
func ShellQuote(s string) string {
	if shellSafe.MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// SortedSet is in sorted, each string once, without empty ones.
func SortedSet(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

// ErrNotExist is returned by Load for a file that is not there.
var ErrNotExist = errors.New("no record")

// Load reads and checks a record. A missing file is ErrNotExist (synth
// then behaves as without a record); anything else wrong is an error that
// names the file and the fix.
func Load(path string) (*File, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, ErrNotExist
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file; the record is a JSON file written by %s", path, CommandName)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if len(data) > MaxSize {
		return nil, fmt.Errorf("%s is larger than %d MiB, more than any record privnet writes; remove it and run %s again", path, MaxSize>>20, CommandName)
	}
	r, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return r, nil
}

// Parse reads a record from JSON and checks it.
func Parse(data []byte) (*File, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var r File
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("not a privnet record (%v); write it with "+CommandName, err)
	}
	if dec.More() {
		return nil, errors.New("has data after the record; write it with " + CommandName)
	}
	if r.Format != Format {
		return nil, fmt.Errorf("has format %s, and this privnet reads %s; run %s again to rewrite it", quote(r.Format), Format, CommandName)
	}
	if err := r.Check(); err != nil {
		return nil, err
	}
	return &r, nil
}

var (
	regionName = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$`)
	account    = regexp.MustCompile(`^[0-9]{12}$`)
	// AZ names, Local Zones (us-east-1-bos-1a) and Wavelength Zones
	// (us-east-1-wl1-bos-wlz-1).
	azName  = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}([a-z]|(-[a-z0-9]+)+-[0-9]{1,2}[a-z]?)$`)
	azID    = regexp.MustCompile(`^[a-z]{2,5}[0-9]{1,2}-(az[0-9]{1,2}|[a-z0-9-]+)$`)
	awsID   = regexp.MustCompile(`^(vpc|subnet|rtb|acl|vpce|dopt|sg|igw|nat|tgw|pcx|vgw|eni|eigw|lgw|cagw|pl)-[0-9a-f]{8,17}$`)
	svcName = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{2,200}$`)
	dnsName = regexp.MustCompile(`^(\*\.)?[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\.?$`)
)

// IsID tells whether s is an AWS resource ID of kind prefix ("vpc", "subnet").
func IsID(prefix, s string) bool {
	return strings.HasPrefix(s, prefix+"-") && awsID.MatchString(s)
}

// Check tells the first thing wrong with the record: names, IDs and CIDRs
// that AWS would not give, and AZs outside their region. A record is
// edited in pull requests like any file, so it is checked as input.
func (r *File) Check() error {
	for _, name := range sortedKeys(r.Regions) {
		reg := r.Regions[name]
		at := "regions." + quote(name)
		if !regionName.MatchString(name) {
			return fmt.Errorf("%s: %s is not a region name", at, quote(name))
		}
		if reg == nil {
			return fmt.Errorf("%s is null", at)
		}
		if !account.MatchString(reg.Account) {
			return fmt.Errorf("%s.account %s is not a 12-digit account ID", at, quote(reg.Account))
		}
		seen := map[string]bool{}
		for i, az := range reg.Azs {
			if !strings.HasPrefix(az.Name, name) || !azName.MatchString(az.Name) || !azID.MatchString(az.Id) || seen[az.Name] || seen[az.Id] {
				return fmt.Errorf("%s.azs[%d] (%s, %s) is not a zone of %s with its AZ ID, or is listed twice", at, i, quote(az.Name), quote(az.Id), name)
			}
			seen[az.Name], seen[az.Id] = true, true
		}
		for _, id := range sortedKeys(reg.Vpcs) {
			if err := reg.checkVpc(at+".vpcs."+quote(id), id, reg.Vpcs[id]); err != nil {
				return err
			}
		}
		for _, n := range sortedKeys(reg.Services) {
			s := reg.Services[n]
			sat := at + ".services." + quote(n)
			switch {
			case s == nil:
				return fmt.Errorf("%s is null", sat)
			case !svcName.MatchString(n) || s.Name != n:
				return fmt.Errorf("%s: the key and name must be the service name (%s)", sat, quote(s.Name))
			case s.Region != "" && !regionName.MatchString(s.Region):
				return fmt.Errorf("%s.region %s is not a region name", sat, quote(s.Region))
			}
			for _, az := range s.Azs {
				if reg.AzId(az) == "" && !(azName.MatchString(az) && strings.HasPrefix(az, name)) {
					return fmt.Errorf("%s.azs: %s is not a zone of %s", sat, quote(az), name)
				}
			}
			for _, id := range append(append([]string(nil), s.AzIds...), s.RemoteAzIds...) {
				if !azID.MatchString(id) {
					return fmt.Errorf("%s: %s is not an AZ ID", sat, quote(id))
				}
			}
			for _, d := range s.PrivateDnsNames {
				if len(d) > 253 || !dnsName.MatchString(d) {
					return fmt.Errorf("%s.privateDnsNames: %s is not a DNS name", sat, quote(d))
				}
			}
		}
	}
	return nil
}

func (reg *Region) checkVpc(at, id string, v *Vpc) error {
	if v == nil {
		return fmt.Errorf("%s is null", at)
	}
	if !IsID("vpc", id) || v.Id != id {
		return fmt.Errorf("%s: the key and id must be the VPC ID (vpc-…), not %s", at, quote(v.Id))
	}
	if v.OwnerId != "" && !account.MatchString(v.OwnerId) {
		return fmt.Errorf("%s.ownerId %s is not an account ID", at, quote(v.OwnerId))
	}
	if len(v.Cidrs) == 0 {
		return fmt.Errorf("%s has no IPv4 CIDR", at)
	}
	// AWS allows 5 IPv4 blocks per VPC, 50 at most when raised (Amazon
	// VPC quotas, "IPv4 CIDR blocks per VPC", checked 2026-11).
	if len(v.Cidrs) > 50 {
		return fmt.Errorf("%s has %d IPv4 CIDRs, more than AWS allows (50)", at, len(v.Cidrs))
	}
	if !freeText(v.Name) {
		return fmt.Errorf("%s: its name holds control characters or a Terraform expression (${ or %%{), which privnet does not write into its output", at)
	}
	var vpcCidrs []netip.Prefix
	var subnetCidrs []idPrefix
	for _, c := range v.Cidrs {
		p, err := netip.ParsePrefix(c)
		if err != nil || !p.Addr().Is4() || p.Masked() != p {
			return fmt.Errorf("%s.cidrs: %s is not an IPv4 network", at, quote(c))
		}
		vpcCidrs = append(vpcCidrs, p)
	}
	if a, b, ok := firstOverlap(vpcCidrs); ok {
		return fmt.Errorf("%s.cidrs: %s overlaps %s; a VPC's blocks do not", at, b, a)
	}
	for _, c := range append(append([]string(nil), v.Ipv6Cidrs...), subnetsV6(v)...) {
		if p, err := netip.ParsePrefix(c); err != nil || !p.Addr().Is6() || p.Masked() != p {
			return fmt.Errorf("%s: %s is not an IPv6 network", at, quote(c))
		}
	}
	for _, s := range v.DnsServers {
		if len(s) > 253 || !(dnsName.MatchString(s) || isAddr(s)) {
			return fmt.Errorf("%s.dnsServers: %s is neither an address nor a DNS name", at, quote(s))
		}
	}
	if v.DhcpOptionsId != "" && v.DhcpOptionsId != "default" && !IsID("dopt", v.DhcpOptionsId) {
		return fmt.Errorf("%s.dhcpOptionsId %s is not a DHCP options ID", at, quote(v.DhcpOptionsId))
	}
	tables := map[string]bool{}
	for i, t := range v.RouteTables {
		if !IsID("rtb", t.Id) || tables[t.Id] {
			return fmt.Errorf("%s.routeTables[%d]: %s is not a route table ID, or is listed twice", at, i, quote(t.Id))
		}
		tables[t.Id] = true
		for j, r := range t.Routes {
			if !validDestination(r.Destination) || !ValidTarget(r.Target) {
				return fmt.Errorf("%s.routeTables[%d].routes[%d]: %s → %s is not a route AWS gives", at, i, j, quote(r.Destination), quote(r.Target))
			}
		}
	}
	if !tables[v.MainRouteTable] {
		return fmt.Errorf("%s.mainRouteTable %s is not one of its route tables", at, quote(v.MainRouteTable))
	}
	acls := map[string]bool{}
	for i, a := range v.NetworkAcls {
		if !IsID("acl", a.Id) || acls[a.Id] {
			return fmt.Errorf("%s.networkAcls[%d]: %s is not a network ACL ID, or is listed twice", at, i, quote(a.Id))
		}
		acls[a.Id] = true
		for j, e := range a.Entries {
			p, err := netip.ParsePrefix(e.Cidr)
			if err != nil || p.Masked() != p || e.Number < 1 || e.Number > 32768 || !validProto(e.Protocol) || e.FromPort < 0 || e.ToPort > 65535 || e.FromPort > e.ToPort {
				return fmt.Errorf("%s.networkAcls[%d].entries[%d] is not an entry AWS gives (rule %d, %s, ports %d-%d)", at, i, j, e.Number, quote(e.Cidr), e.FromPort, e.ToPort)
			}
		}
	}
	subnets := map[string]bool{}
	for i, s := range v.Subnets {
		sat := fmt.Sprintf("%s.subnets[%d]", at, i)
		p, err := netip.ParsePrefix(s.Cidr)
		switch {
		case !IsID("subnet", s.Id) || subnets[s.Id]:
			return fmt.Errorf("%s: %s is not a subnet ID, or is listed twice", sat, quote(s.Id))
		case !(s.Cidr == "" && len(s.Ipv6Cidrs) > 0) && (err != nil || !p.Addr().Is4() || p.Masked() != p):
			// (An IPv6-only subnet has no IPv4 block.)
			return fmt.Errorf("%s (%s): %s is not an IPv4 network", sat, s.Id, quote(s.Cidr))
		case s.Cidr != "" && !inAny(p, vpcCidrs):
			return fmt.Errorf("%s (%s): %s is in none of the VPC's blocks", sat, s.Id, s.Cidr)
		case !freeText(s.Name) || !freeTextMap(s.Tags):
			return fmt.Errorf("%s (%s): its name or tags hold control characters or a Terraform expression (${ or %%{), which privnet does not write into its output", sat, s.Id)
		case !azName.MatchString(s.Az) || !strings.HasPrefix(s.Az, regionOf(at)) || !azID.MatchString(s.AzId):
			return fmt.Errorf("%s (%s): AZ %s (%s) is not a zone of the region with its ID", sat, s.Id, quote(s.Az), quote(s.AzId))
		case reg.AzId(s.Az) != "" && reg.AzId(s.Az) != s.AzId:
			return fmt.Errorf("%s (%s): AZ %s has ID %s in the region's zones, not %s", sat, s.Id, s.Az, reg.AzId(s.Az), quote(s.AzId))
		case !tables[s.RouteTable]:
			return fmt.Errorf("%s (%s): route table %s is not one of the VPC's", sat, s.Id, quote(s.RouteTable))
		case !acls[s.NetworkAcl]:
			return fmt.Errorf("%s (%s): network ACL %s is not one of the VPC's", sat, s.Id, quote(s.NetworkAcl))
		}
		subnets[s.Id] = true
		if s.Cidr != "" {
			subnetCidrs = append(subnetCidrs, idPrefix{s.Id, p})
		}
	}
	// Subnets overlap nowhere: sorted by address, each against the next
	// (n log n: a record is untrusted, and may be large).
	sort.SliceStable(subnetCidrs, func(i, j int) bool { return subnetCidrs[i].p.Addr().Less(subnetCidrs[j].p.Addr()) })
	for i := 1; i < len(subnetCidrs); i++ {
		a, b := subnetCidrs[i-1], subnetCidrs[i]
		if a.p.Overlaps(b.p) {
			return fmt.Errorf("%s: subnet %s (%s) overlaps subnet %s (%s)", at, b.id, b.p, a.id, a.p)
		}
	}
	for i, e := range v.Endpoints {
		if !IsID("vpce", e.Id) || !svcName.MatchString(e.ServiceName) || !endpointTypes[e.Type] || e.State != "" && !stateWord.MatchString(e.State) {
			return fmt.Errorf("%s.endpoints[%d]: %s for %s (type %s, state %s) is not an endpoint AWS gives", at, i, quote(e.Id), quote(e.ServiceName), quote(e.Type), quote(e.State))
		}
		for _, s := range e.Subnets {
			if !subnets[s] {
				return fmt.Errorf("%s.endpoints[%d] (%s): subnet %s is not one of the VPC's", at, i, e.Id, quote(s))
			}
		}
		for _, g := range e.SecurityGroups {
			if !IsID("sg", g) {
				return fmt.Errorf("%s.endpoints[%d] (%s): %s is not a security group ID", at, i, e.Id, quote(g))
			}
		}
		for _, t := range e.RouteTables {
			if !tables[t] {
				return fmt.Errorf("%s.endpoints[%d] (%s): route table %s is not one of the VPC's", at, i, e.Id, quote(t))
			}
		}
		// EC2 API Reference, IpAddressType and DnsRecordIpType (checked
		// 2026-11-24).
		if e.IpAddressType != "" && !IpAddressTypes[e.IpAddressType] {
			return fmt.Errorf("%s.endpoints[%d] (%s): IP address type %s is not ipv4, dualstack or ipv6", at, i, e.Id, quote(e.IpAddressType))
		}
		switch e.DnsRecordIpType {
		case "", "ipv4", "dualstack", "ipv6", "service-defined":
		default:
			return fmt.Errorf("%s.endpoints[%d] (%s): DNS record IP type %s is not ipv4, dualstack, ipv6 or service-defined", at, i, e.Id, quote(e.DnsRecordIpType))
		}
	}
	return nil
}

// IpAddressTypes are the IP address types of a VPC endpoint (EC2 API
// Reference, IpAddressType, checked 2026-11-24).
var IpAddressTypes = map[string]bool{"ipv4": true, "dualstack": true, "ipv6": true}

// endpointTypes are the VPC endpoint types DescribeVpcEndpoints gives
// (EC2 API Reference, VpcEndpointType, checked 2026-11).
var endpointTypes = map[string]bool{"Interface": true, "Gateway": true, "GatewayLoadBalancer": true, "Resource": true, "ServiceNetwork": true}

// stateWord is an endpoint state as AWS writes it (available,
// pendingAcceptance, …).
var stateWord = regexp.MustCompile(`^[A-Za-z]{1,40}$`)

// freeText tells whether a name or tag value from AWS may go into
// privnet's output as is: no control characters, and nothing cdktf or
// Terraform would read as an expression (${…}, %{…}). Tags hold any
// text, and the record is edited in pull requests.
func freeText(s string) bool {
	if len(s) > 256 || strings.Contains(s, "${") || strings.Contains(s, "%{") {
		return false
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u2028' || r == '\u2029' || (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069') {
			return false
		}
	}
	return true
}

func freeTextMap(m map[string]string) bool {
	for k, v := range m {
		if !freeText(k) || !freeText(v) {
			return false
		}
	}
	return true
}

func inAny(p netip.Prefix, blocks []netip.Prefix) bool {
	for _, b := range blocks {
		if b.Bits() <= p.Bits() && b.Contains(p.Addr()) {
			return true
		}
	}
	return false
}

type idPrefix struct {
	id string
	p  netip.Prefix
}

// firstOverlap finds two prefixes that overlap, after sorting a copy by
// address: of prefixes sorted so, any overlap shows between neighbours
// (a block that holds another starts at or before it).
func firstOverlap(ps []netip.Prefix) (netip.Prefix, netip.Prefix, bool) {
	s := append([]netip.Prefix(nil), ps...)
	sort.SliceStable(s, func(i, j int) bool {
		if s[i].Addr() != s[j].Addr() {
			return s[i].Addr().Less(s[j].Addr())
		}
		return s[i].Bits() < s[j].Bits()
	})
	for i := 1; i < len(s); i++ {
		if s[i-1].Overlaps(s[i]) {
			return s[i-1], s[i], true
		}
	}
	return netip.Prefix{}, netip.Prefix{}, false
}

func subnetsV6(v *Vpc) []string {
	var out []string
	for _, s := range v.Subnets {
		out = append(out, s.Ipv6Cidrs...)
	}
	return out
}

func isAddr(s string) bool {
	_, err := netip.ParseAddr(s)
	return err == nil
}

// regionOf is the region of a path "regions."<name>"...".
func regionOf(at string) string {
	s := strings.TrimPrefix(at, `regions."`)
	if i := strings.IndexByte(s, '"'); i >= 0 {
		return s[:i]
	}
	return s
}

func validDestination(s string) bool {
	if IsID("pl", s) {
		return true
	}
	p, err := netip.ParsePrefix(s)
	return err == nil && p.Masked() == p
}

// targetArn is a route target given by ARN: a Cloud WAN core network or
// an ODB network (EC2 Route CoreNetworkArn, OdbNetworkArn; checked
// 2026-11).
var targetArn = regexp.MustCompile(`^arn:aws[a-z-]*:(networkmanager|odb):[a-z0-9-]*:[0-9]{12}:[a-z-]+/[A-Za-z0-9_.-]{1,128}$`)

// ValidTarget tells whether s is a route target the record holds.
func ValidTarget(s string) bool {
	return s == "local" || targetArn.MatchString(s) || awsID.MatchString(s) && !IsID("vpc", s) && !IsID("subnet", s) && !IsID("rtb", s) && !IsID("acl", s)
}

func validProto(p string) bool {
	if p == "-1" {
		return true
	}
	n := 0
	for _, c := range p {
		if c < '0' || c > '9' {
			return false
		}
		n = n*10 + int(c-'0')
		if n > 255 {
			return false
		}
	}
	return p != ""
}

// AzId is the ID of the zone the account calls name, "" when unknown.
func (reg *Region) AzId(name string) string {
	if reg == nil {
		return ""
	}
	for _, az := range reg.Azs {
		if az.Name == name {
			return az.Id
		}
	}
	return ""
}

// AzName is the account's name for the zone with ID id, "" when unknown.
func (reg *Region) AzName(id string) string {
	if reg == nil {
		return ""
	}
	for _, az := range reg.Azs {
		if az.Id == id {
			return az.Name
		}
	}
	return ""
}

// Marshal writes the record as the lookup command does: sorted, indented
// and ending in a newline, so that the same lookups give the same bytes.
// Lists whose order AWS does not define are sorted first.
func (r *File) Marshal() ([]byte, error) {
	r.Format = Format
	for _, reg := range r.Regions {
		if reg == nil {
			continue
		}
		sort.Slice(reg.Azs, func(i, j int) bool { return reg.Azs[i].Name < reg.Azs[j].Name })
		for _, v := range reg.Vpcs {
			if v != nil {
				v.normalize()
			}
		}
		for _, s := range reg.Services {
			if s != nil {
				for _, l := range [][]string{s.Type, s.Azs, s.AzIds, s.PrivateDnsNames, s.IpAddressTypes, s.RemoteAzIds} {
					sort.Strings(l)
				}
			}
		}
	}
	out, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

func (v *Vpc) normalize() {
	// Cidrs keep the primary first: the rest are sorted.
	if len(v.Cidrs) > 1 {
		sort.Strings(v.Cidrs[1:])
	}
	sort.Strings(v.Ipv6Cidrs)
	sort.Slice(v.Subnets, func(i, j int) bool { return v.Subnets[i].Id < v.Subnets[j].Id })
	for i := range v.Subnets {
		sort.Strings(v.Subnets[i].Ipv6Cidrs)
	}
	sort.Slice(v.RouteTables, func(i, j int) bool { return v.RouteTables[i].Id < v.RouteTables[j].Id })
	for i := range v.RouteTables {
		rs := v.RouteTables[i].Routes
		sort.Slice(rs, func(a, b int) bool {
			if rs[a].Destination != rs[b].Destination {
				return rs[a].Destination < rs[b].Destination
			}
			return rs[a].Target < rs[b].Target
		})
	}
	sort.Slice(v.NetworkAcls, func(i, j int) bool { return v.NetworkAcls[i].Id < v.NetworkAcls[j].Id })
	for i := range v.NetworkAcls {
		es := v.NetworkAcls[i].Entries
		sort.Slice(es, func(a, b int) bool {
			if es[a].Egress != es[b].Egress {
				return !es[a].Egress
			}
			return es[a].Number < es[b].Number
		})
	}
	sort.Slice(v.Endpoints, func(i, j int) bool { return v.Endpoints[i].Id < v.Endpoints[j].Id })
	for i := range v.Endpoints {
		e := &v.Endpoints[i]
		sort.Strings(e.Subnets)
		sort.Strings(e.SecurityGroups)
		sort.Strings(e.RouteTables)
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// quote writes an untrusted string for a message: Go-quoted and cut, so
// that control characters and terminal escapes never reach the reader.
func quote(s string) string {
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	return fmt.Sprintf("%q", s)
}

// Imported is what a stack records of a VPC it imports, in its metadata
// ("//".privnet.imported), for the reachability engine and the review: the
// facts as recorded or given by hand, and the facts that are unknown.
type Imported struct {
	// Path is the construct path of the imported VPC.
	Path string `json:"path"`
	Vpc  Vpc    `json:"vpc"`
	// Unknown names facts privnet does not have: "dns", "routes",
	// "networkAcls", "endpoints", "dhcp".
	Unknown []string `json:"unknown,omitempty"`
	// FromRecord: the facts come from privnet.context.json.
	FromRecord bool `json:"fromRecord,omitempty"`
	// Azs are the region's zones as recorded (names and IDs).
	Azs []Az `json:"azs,omitempty"`
	// Tiers are the tiers privnet grouped the subnets into.
	Tiers []ImportedTier `json:"tiers,omitempty"`
}

// ImportedTier places one subnet in a tier.
type ImportedTier struct {
	Tier   string `json:"tier"`
	Subnet string `json:"subnet"`
}

// Placement is what the AZ check did for one interface endpoint, recorded
// in its stack's metadata ("//".privnet.placement) for the review.
type Placement struct {
	Path    string `json:"path"`
	Service string `json:"service"`
	// Checked: the service's supported AZs were read from the record.
	Checked   bool     `json:"checked"`
	Supported string   `json:"supported,omitempty"`
	Skipped   []string `json:"skipped,omitempty"`
}
