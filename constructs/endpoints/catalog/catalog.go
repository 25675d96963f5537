// Package catalog is privnet's table of the AWS services that have VPC
// endpoints (PrivateLink): one row per service, with its endpoint types,
// ports, name form, China prefixes, cross-region capability and, where
// recorded, its private DNS names and IP address types. The rows are
// generated (table_gen.go, go run ./tools/catalog/gen) from the pinned
// aws-cdk-lib's endpoint services and AWS's own list; facts.go adds what
// CDK does not say, each with its source.
//
// Pure Go, no jsii: the endpoints constructs, the review report and the
// reachability analysis all read it. endpoints re-exports every row
// (endpoints.SSM is catalog.SSM).
package catalog

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/privnet/privnet/constructs/region"
	"github.com/privnet/privnet/reach/need"
)

// Type is a kind of VPC endpoint.
type Type string

const (
	Interface Type = "Interface"
	Gateway   Type = "Gateway"
)

// Form is how a service's endpoint name starts, before the region:
// com.amazonaws.<region>.ssm, aws.api.<region>.qbusiness,
// aws.sagemaker.<region>.notebook.
type Form string

const (
	ComAmazonaws Form = "com.amazonaws"
	AwsApi       Form = "aws.api"
	AwsSagemaker Form = "aws.sagemaker"
)

// Service is a catalog row: what privnet knows of one AWS service's
// endpoints, as data.
type Service struct {
	// Key is the name after the region ("ssm", "ecr.api",
	// "bedrock-runtime"), or after the prefix for a service named without
	// a region ("iam", "s3-global.accesspoint").
	Key string
	// Types the service offers (interface, gateway or both).
	Types []Type
	// PrivateDns tells whether AWS registers private DNS names for its
	// interface endpoint (the endpoints constructs turn it on).
	PrivateDns bool
	// Ports the interface endpoint listens on. Default 443; Keyspaces
	// 9142, SES SMTP 25, 465, 587, 2465 and 2587.
	Ports []int
	// Form of a regional name.
	Form Form
	// Global is the whole name of a service named without a region
	// (com.amazonaws.iam, com.amazonaws.s3-global.accesspoint), the same
	// in every region and partition; "" for regional services.
	Global string
	// Regionless is Global != "" (kept for callers of the first catalog).
	Regionless bool
	// FipsOf is the key of the service a FIPS endpoint belongs to
	// ("kms" for "kms-fips").
	FipsOf string
	// CrossRegion: reachable from another region with service_region
	// (AWS "Cross-region enabled AWS services", Nov 2025).
	CrossRegion bool
	// Homed services have their only endpoint in one region per partition
	// (IAM: HomeRegion).
	Homed bool
	// DnsNames are the private DNS names the interface endpoint registers,
	// with {region} and {dnsSuffix} to fill in, where recorded (nil where
	// not: DNSNames then gives the default form, said to be assumed).
	DnsNames []string
	// Wildcard: one of DnsNames is a wildcard (*.s3.…), which a shared
	// private hosted zone must hold as such.
	Wildcard bool
	// IpTypes are the endpoint IP address types AWS documents for the
	// service (ipv4, dualstack, ipv6); nil where not recorded.
	IpTypes []string
	// Source says where the row comes from: "aws-cdk-lib 2.276.0 SSM",
	// "AWS PrivateLink Guide", or "AwsService" for a name outside the
	// catalog.
	Source string
	// NotInCatalog marks a service made with AwsService.
	NotInCatalog bool

	cnPrefixed, cnSuffixed uint8 // China regions (chinaBit) whose names take cn. and .cn
	custom, label          string
	// Problem is why AwsService could not make a service of its key ("" when
	// it could): the endpoints constructs report it (PN-EP-17).
	Problem string
}

// chinaBit is a China region's bit in a row's prefix and suffix masks.
func chinaBit(regionName string) uint8 {
	switch regionName {
	case "cn-north-1":
		return 1
	case "cn-northwest-1":
		return 2
	}
	return 0
}

// Offers tells whether the service has endpoints of type t.
func (s *Service) Offers(t Type) bool {
	for _, x := range s.Types {
		if x == t {
			return true
		}
	}
	return false
}

// IsCustom tells whether s is an endpoint service of someone's own.
func (s *Service) IsCustom() bool { return s.custom != "" }

// GatewayServiceName is the name of the service's gateway endpoint in r:
// com.amazonaws.<region>.<key> in every partition, China included
// (aws-cdk-lib GatewayVpcEndpointAwsService; eksctl#3081).
func (s *Service) GatewayServiceName(r region.Region) string {
	return "com.amazonaws." + r.Name + "." + s.Key
}

// ServiceName is the name to give AWS for an interface endpoint in r (the
// service's region: the stack's, or service_region for a cross-region
// one).
func (s *Service) ServiceName(r region.Region) string {
	prefix, suffix := string(s.Form), ""
	if prefix == "" {
		prefix = string(ComAmazonaws)
	}
	switch {
	case s.custom != "":
		return s.custom
	case s.Global != "":
		return s.Global
	case s.Regionless:
		// A Service built by hand the first catalog's way:
		// Service{Key: "iam", Regionless: true} is com.amazonaws.iam.
		return prefix + "." + s.Key
	}
	masks := s
	if s.cnPrefixed == 0 && s.cnSuffixed == 0 && !s.NotInCatalog {
		// A hand-built Service{Key: "sqs"} is named in China as the
		// catalog's row of its key is.
		if row := rows[s.Key]; row != nil && (row.Form == s.Form || s.Form == "") {
			masks = row
		}
	}
	if b := chinaBit(r.Name); b != 0 {
		if masks.cnPrefixed&b != 0 {
			prefix = "cn." + prefix
		}
		if masks.cnSuffixed&b != 0 {
			suffix = ".cn"
		}
	}
	return prefix + "." + r.Name + "." + s.Key + suffix
}

// DNSNames are the private DNS names of the service's interface endpoint in
// r, and whether they are recorded; unrecorded, the default
// <key>.<region>.<dnsSuffix> is returned with recorded false (some services
// use another host name: ecr.api is api.ecr.<region>.amazonaws.com).
//
// {dualStackSuffix} is the partition's dual-stack domain (api.aws;
// api.amazonwebservices.com.cn in China, botocore partitions.json), and
// FIPS names are left out in China, which has no FIPS endpoints. For a
// service named without a region, or by an aws.api or aws.sagemaker name,
// no default is guessed: nil, false.
func (s *Service) DNSNames(r region.Region) (names []string, recorded bool) {
	fill := strings.NewReplacer("{region}", r.Name, "{dnsSuffix}", r.DNSSuffix, "{dualStackSuffix}", r.DualStackSuffix()).Replace
	if s.DnsNames == nil {
		if g := globalDnsNames[s.Key]; g != nil && r.Partition == "aws" && s.custom == "" {
			return slices.Clone(g), true
		}
		if s.Global != "" || s.Regionless || (s.Form != "" && s.Form != ComAmazonaws) {
			return nil, false
		}
		return []string{fill(s.Key + ".{region}.{dnsSuffix}")}, false
	}
	for _, p := range s.DnsNames {
		if r.Partition == "aws-cn" && strings.Contains(p, "-fips.") {
			continue
		}
		names = append(names, fill(p))
	}
	return names, true
}

// HomeRegion is the only region of partition whose endpoint for the
// service exists, for homed services (IAM); "" for the others, and for a
// partition with no such endpoint.
func (s *Service) HomeRegion(partition string) string {
	if !s.Homed {
		return ""
	}
	return iamHome[partition]
}

// CrossRegionIn tells whether the service can be reached cross-region in
// partition, and whether that is known.
func (s *Service) CrossRegionIn(partition string) (ok, known bool) {
	if s.custom != "" {
		return true, true // endpoint services of your own, Nov 2024
	}
	if !s.CrossRegion {
		return false, true
	}
	return crossRegionPartitions[partition], partition == "aws" || partition == "aws-cn"
}

// InterfacePorts are the ports of the interface endpoint: Ports, or 443.
func (s *Service) InterfacePorts() []int {
	if len(s.Ports) == 0 {
		return []int{443}
	}
	return s.Ports
}

// Need makes the service a need (instance Props.Reaches, core.Expect):
// reach it in the source's region, by its public name, on its ports.
func (s *Service) Need() need.Need {
	t := need.Target{Kind: need.Service, Service: s.Key}
	if s.custom != "" {
		t.Service, t.ServiceName = "", s.custom
	}
	return need.Need{Label: s.String(), Targets: []need.Target{t}}
}

func (s *Service) String() string {
	if s.label != "" {
		return s.label
	}
	if s.custom != "" {
		return s.custom
	}
	return s.Key
}

var (
	rows     = map[string]*Service{}
	byGlobal = map[string]*Service{}
)

func add(s Service) *Service {
	if s.Types == nil {
		s.Types = []Type{Interface}
	}
	s.Regionless = s.Global != ""
	p := &s
	if rows[s.Key] != nil {
		panic("catalog: duplicate key " + s.Key) // the generator refuses duplicates
	}
	rows[s.Key] = p
	if s.Global != "" {
		byGlobal[s.Global] = p
	}
	return p
}

// Lookup finds a catalog service by its key ("ssm", "ecr.api").
func Lookup(key string) (*Service, bool) {
	s, ok := rows[key]
	return s, ok
}

// Keys lists the catalog, sorted.
func Keys() []string {
	out := make([]string, 0, len(rows))
	for k := range rows {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Len is the number of services in the catalog.
func Len() int { return len(rows) }

// ByServiceName finds the catalog service an endpoint name is for, in any
// region and partition (com.amazonaws.us-east-1.ssm,
// cn.com.amazonaws.cn-north-1.transcribe.cn, com.amazonaws.iam), with the
// region the name carries ("" for a global name).
func ByServiceName(name string) (s *Service, regionName string, ok bool) {
	if s, ok := byGlobal[name]; ok {
		return s, "", true
	}
	rest := strings.TrimPrefix(name, "cn.")
	for _, f := range []Form{ComAmazonaws, AwsApi, AwsSagemaker} {
		after, found := strings.CutPrefix(rest, string(f)+".")
		if !found {
			continue
		}
		r, key, found := strings.Cut(after, ".")
		if !found {
			return nil, "", false
		}
		if _, known := region.Lookup(r); !known {
			return nil, "", false
		}
		if s, ok := rows[key]; ok && s.Form == f && s.ServiceName(mustRegion(r)) == name {
			return s, r, true
		}
		if s, ok := rows[strings.TrimSuffix(key, ".cn")]; ok && s.Form == f && s.ServiceName(mustRegion(r)) == name {
			return s, r, true
		}
		return nil, "", false
	}
	return nil, "", false
}

func mustRegion(name string) region.Region {
	r, _ := region.Lookup(name)
	return r
}

// Endpoint services of your own: com.amazonaws.vpce.<region>.vpce-svc-…,
// and cn.com.amazonaws.vpce.<region>.vpce-svc-… in China (names seen in
// China configurations, e.g. cn.com.amazonaws.vpce.cn-northwest-1.vpce-svc-070f9283a2c0d1f0c).
var customName = regexp.MustCompile(`^(cn\.)?com\.amazonaws\.vpce\.[a-z0-9-]+\.vpce-svc-[0-9a-f]{8,17}$`)

// Custom is an endpoint service of someone's own (an NLB or GWLB behind
// aws_vpc_endpoint_service), named com.amazonaws.vpce.<region>.vpce-svc-…
// Private DNS is off for it unless the provider verified a domain. A name
// that does not look like one is reported when an endpoint uses it.
func Custom(serviceName string) *Service {
	return &Service{Key: serviceName, Types: []Type{Interface}, custom: serviceName, CrossRegion: true}
}

// CustomLabeled is Custom with a label for descriptions and messages, for
// a service whose name is a token (from another stack).
func CustomLabeled(serviceName, label string) *Service {
	s := Custom(serviceName)
	s.label = label
	return s
}

// CheckCustom returns the problem with a custom service name, if any. A
// token (the name of an endpoint service in this or another stack) is taken
// as it is.
func CheckCustom(s *Service) string {
	if strings.Contains(s.custom, "${") || customName.MatchString(s.custom) {
		return ""
	}
	return fmt.Sprintf("%q is neither a catalog service nor an endpoint service name like com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", s.custom)
}

// AwsServiceProps describes an AWS service the catalog does not have yet.
type AwsServiceProps struct {
	// Ports the endpoint listens on. Default: 443.
	Ports []int
	// Form of the name. Default: com.amazonaws.
	Form Form
	// ChinaPrefixed lists the China regions (cn-north-1, cn-northwest-1)
	// whose name for the service starts cn.com.amazonaws, as AWS's China
	// documentation gives it. Default: none (com.amazonaws).
	ChinaPrefixed []string
	// NoPrivateDns: AWS registers no private DNS name for the service.
	NoPrivateDns bool
}

// awsKey is a service name's part after the region.
var awsKey = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$`)

// AwsService is an AWS service launched after the catalog was generated,
// named by the same partition rules (com.amazonaws.<region>.<key>; in
// China, cn.com.amazonaws where ChinaPrefixed says so). It is marked
// NotInCatalog, and the review report says so. A catalog key returns the
// catalog's row; a key that is not a name part returns an error.
func AwsService(key string, props *AwsServiceProps) (*Service, error) {
	if s, ok := rows[key]; ok {
		if props != nil {
			return nil, fmt.Errorf("%q is in the catalog: use its row (docs/catalog.md), whose ports and China names are AWS's, without props", key)
		}
		return s, nil
	}
	if props == nil {
		props = &AwsServiceProps{}
	}
	if !awsKey.MatchString(key) || len(key) > 100 || strings.HasPrefix(key, "com.") || strings.HasPrefix(key, "aws.") || strings.HasPrefix(key, "cn.") ||
		strings.HasSuffix(key, ".cn") || strings.Contains(key, "vpce-svc-") {
		return nil, fmt.Errorf("%q is not the part of an endpoint service name after the region (like \"bedrock-runtime\" in com.amazonaws.us-east-1.bedrock-runtime)", key)
	}
	switch props.Form {
	case "", ComAmazonaws, AwsApi, AwsSagemaker:
	default:
		return nil, fmt.Errorf("form %q is not com.amazonaws, aws.api or aws.sagemaker", props.Form)
	}
	s := &Service{Key: key, Types: []Type{Interface}, PrivateDns: !props.NoPrivateDns, Ports: props.Ports, Form: props.Form,
		Source: "AwsService", NotInCatalog: true}
	if s.Form == "" {
		s.Form = ComAmazonaws
	}
	for _, p := range props.Ports {
		if p < 1 || p > 65535 {
			return nil, fmt.Errorf("port %d is not 1 to 65535", p)
		}
	}
	for _, r := range props.ChinaPrefixed {
		b := chinaBit(r)
		if b == 0 {
			return nil, fmt.Errorf("ChinaPrefixed names %q, which is not cn-north-1 or cn-northwest-1", r)
		}
		s.cnPrefixed |= b
	}
	return s, nil
}

// Closest returns up to three catalog keys nearest to key, for "did you
// mean": the same letters without punctuation first ("ssm-messages" is
// ssmmessages), then by edit distance of at most a third of key's length.
// Keys shorter than 3 or longer than 100 characters get none: they are not
// typos of a key, and the work stays bounded for hostile input.
func Closest(key string) []string {
	if len(key) < 3 || len(key) > 100 {
		return nil
	}
	bareKeysOnce.Do(func() {
		for _, k := range Keys() {
			bareKeys = append(bareKeys, [2]string{k, bare(k)})
		}
	})
	type cand struct {
		key  string
		dist int
	}
	var cs []cand
	b, limit := bare(key), len(key)/3+1
	for _, kb := range bareKeys {
		switch {
		case kb[1] == b:
			cs = append(cs, cand{kb[0], 0})
		case abs(len(kb[0])-len(key)) <= limit:
			if d := editDistance(key, kb[0]); d <= limit {
				cs = append(cs, cand{kb[0], d})
			}
		}
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].dist < cs[j].dist })
	var out []string
	for i := 0; i < len(cs) && i < 3; i++ {
		if i > 0 && cs[0].dist == 0 && cs[i].dist > 0 {
			break // the same letters: nothing else is as close
		}
		out = append(out, cs[i].key)
	}
	return out
}

var (
	bareKeysOnce sync.Once
	bareKeys     [][2]string // key, key without punctuation, lower case
)

func bare(s string) string {
	return strings.NewReplacer("-", "", ".", "", "_", "").Replace(strings.ToLower(s))
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Invalid is the service AwsService's error leaves: named by key, with the
// problem for whoever uses it to report.
func Invalid(key, problem string) *Service {
	return &Service{Key: key, Types: []Type{Interface}, Source: "AwsService", NotInCatalog: true, Problem: problem}
}
