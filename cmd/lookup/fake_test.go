package main

// A fake EC2 and STS on loopback, speaking the protocols the SDK speaks:
// EC2 Query (POST form Action=…&Version=2016-11-15, XML answers in the
// EC2 namespace, errors as <Response><Errors><Error>…) and STS awsQuery
// (<GetCallerIdentityResponse><GetCallerIdentityResult>…, errors as
// <ErrorResponse><Error>…). The element names are those the SDK's
// deserializers read (service/ec2 deserializers.go,
// awsEc2query_deserializeDocument*; service/sts deserializers.go,
// awsAwsquery_deserializeOpDocumentGetCallerIdentityOutput).

import (
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
)

const (
	ec2Namespace = "http://ec2.amazonaws.com/doc/2016-11-15/"
	stsNamespace = "https://sts.amazonaws.com/doc/2011-06-15/"
)

type xTag struct {
	XMLName xml.Name `xml:"item"`
	Key     string   `xml:"key"`
	Value   string   `xml:"value"`
}

type xState struct {
	State string `xml:"state"`
}

type xCidrAssoc struct {
	XMLName       xml.Name `xml:"item"`
	AssociationID string   `xml:"associationId"`
	CidrBlock     string   `xml:"cidrBlock"`
	State         xState   `xml:"cidrBlockState"`
}

type xIpv6Assoc struct {
	XMLName            xml.Name `xml:"item"`
	AssociationID      string   `xml:"associationId"`
	Ipv6CidrBlock      string   `xml:"ipv6CidrBlock"`
	State              xState   `xml:"ipv6CidrBlockState"`
	NetworkBorderGroup string   `xml:"networkBorderGroup,omitempty"`
	IpSource           string   `xml:"ipSource,omitempty"`
}

type xVpc struct {
	XMLName         xml.Name     `xml:"item"`
	VpcID           string       `xml:"vpcId"`
	OwnerID         string       `xml:"ownerId"`
	State           string       `xml:"state"`
	CidrBlock       string       `xml:"cidrBlock"`
	CidrAssocs      []xCidrAssoc `xml:"cidrBlockAssociationSet>item"`
	Ipv6Assocs      []xIpv6Assoc `xml:"ipv6CidrBlockAssociationSet>item,omitempty"`
	DhcpOptionsID   string       `xml:"dhcpOptionsId"`
	Tags            []xTag       `xml:"tagSet>item,omitempty"`
	InstanceTenancy string       `xml:"instanceTenancy"`
	IsDefault       bool         `xml:"isDefault"`
	// Not on the wire: the attributes DescribeVpcAttribute gives.
	DnsSupport   bool `xml:"-"`
	DnsHostnames bool `xml:"-"`
}

type xSubnet struct {
	XMLName            xml.Name     `xml:"item"`
	SubnetID           string       `xml:"subnetId"`
	SubnetArn          string       `xml:"subnetArn"`
	State              string       `xml:"state"`
	OwnerID            string       `xml:"ownerId"`
	VpcID              string       `xml:"vpcId"`
	CidrBlock          string       `xml:"cidrBlock"`
	Ipv6Assocs         []xIpv6Assoc `xml:"ipv6CidrBlockAssociationSet>item,omitempty"`
	AvailableIPs       int          `xml:"availableIpAddressCount"`
	AvailabilityZone   string       `xml:"availabilityZone"`
	AvailabilityZoneID string       `xml:"availabilityZoneId"`
	DefaultForAz       bool         `xml:"defaultForAz"`
	MapPublicIP        bool         `xml:"mapPublicIpOnLaunch"`
	EnableDns64        bool         `xml:"enableDns64"`
	Tags               []xTag       `xml:"tagSet>item,omitempty"`
}

type xRoute struct {
	XMLName                  xml.Name `xml:"item"`
	DestinationCidrBlock     string   `xml:"destinationCidrBlock,omitempty"`
	DestinationIpv6CidrBlock string   `xml:"destinationIpv6CidrBlock,omitempty"`
	DestinationPrefixListID  string   `xml:"destinationPrefixListId,omitempty"`
	GatewayID                string   `xml:"gatewayId,omitempty"`
	InstanceID               string   `xml:"instanceId,omitempty"`
	InstanceOwnerID          string   `xml:"instanceOwnerId,omitempty"`
	NatGatewayID             string   `xml:"natGatewayId,omitempty"`
	TransitGatewayID         string   `xml:"transitGatewayId,omitempty"`
	VpcPeeringConnectionID   string   `xml:"vpcPeeringConnectionId,omitempty"`
	EgressOnlyIgwID          string   `xml:"egressOnlyInternetGatewayId,omitempty"`
	NetworkInterfaceID       string   `xml:"networkInterfaceId,omitempty"`
	CoreNetworkArn           string   `xml:"coreNetworkArn,omitempty"`
	State                    string   `xml:"state"`
	Origin                   string   `xml:"origin"`
}

type xRTAssoc struct {
	XMLName       xml.Name `xml:"item"`
	AssociationID string   `xml:"routeTableAssociationId"`
	RouteTableID  string   `xml:"routeTableId"`
	SubnetID      string   `xml:"subnetId,omitempty"`
	GatewayID     string   `xml:"gatewayId,omitempty"`
	Main          bool     `xml:"main"`
	State         xState   `xml:"associationState"`
}

type xRouteTable struct {
	XMLName      xml.Name   `xml:"item"`
	RouteTableID string     `xml:"routeTableId"`
	VpcID        string     `xml:"vpcId"`
	OwnerID      string     `xml:"ownerId"`
	Routes       []xRoute   `xml:"routeSet>item"`
	Assocs       []xRTAssoc `xml:"associationSet>item,omitempty"`
	Tags         []xTag     `xml:"tagSet>item,omitempty"`
}

type xPortRange struct {
	From int `xml:"from"`
	To   int `xml:"to"`
}

type xIcmp struct {
	Code int `xml:"code"`
	Type int `xml:"type"`
}

type xAclEntry struct {
	XMLName       xml.Name    `xml:"item"`
	RuleNumber    int         `xml:"ruleNumber"`
	Protocol      string      `xml:"protocol"`
	RuleAction    string      `xml:"ruleAction"`
	Egress        bool        `xml:"egress"`
	CidrBlock     string      `xml:"cidrBlock,omitempty"`
	Ipv6CidrBlock string      `xml:"ipv6CidrBlock,omitempty"`
	IcmpTypeCode  *xIcmp      `xml:"icmpTypeCode,omitempty"`
	PortRange     *xPortRange `xml:"portRange,omitempty"`
}

type xAclAssoc struct {
	XMLName       xml.Name `xml:"item"`
	AssociationID string   `xml:"networkAclAssociationId"`
	NetworkAclID  string   `xml:"networkAclId"`
	SubnetID      string   `xml:"subnetId"`
}

type xNetworkAcl struct {
	XMLName      xml.Name    `xml:"item"`
	NetworkAclID string      `xml:"networkAclId"`
	VpcID        string      `xml:"vpcId"`
	Default      bool        `xml:"default"`
	Entries      []xAclEntry `xml:"entrySet>item"`
	Assocs       []xAclAssoc `xml:"associationSet>item,omitempty"`
	Tags         []xTag      `xml:"tagSet>item,omitempty"`
	OwnerID      string      `xml:"ownerId"`
}

type xGroup struct {
	XMLName   xml.Name `xml:"item"`
	GroupID   string   `xml:"groupId"`
	GroupName string   `xml:"groupName"`
}

type xDnsOptions struct {
	DnsRecordIPType string `xml:"dnsRecordIpType"`
}

type xVpcEndpoint struct {
	XMLName             xml.Name     `xml:"item"`
	VpcEndpointID       string       `xml:"vpcEndpointId"`
	VpcEndpointType     string       `xml:"vpcEndpointType"`
	VpcID               string       `xml:"vpcId"`
	ServiceName         string       `xml:"serviceName,omitempty"`
	State               string       `xml:"state"`
	PolicyDocument      string       `xml:"policyDocument,omitempty"`
	RouteTableIDs       []string     `xml:"routeTableIdSet>item,omitempty"`
	SubnetIDs           []string     `xml:"subnetIdSet>item,omitempty"`
	Groups              []xGroup     `xml:"groupSet>item,omitempty"`
	IPAddressType       string       `xml:"ipAddressType"`
	DnsOptions          *xDnsOptions `xml:"dnsOptions,omitempty"`
	PrivateDnsEnabled   bool         `xml:"privateDnsEnabled"`
	RequesterManaged    bool         `xml:"requesterManaged"`
	NetworkInterfaceIDs []string     `xml:"networkInterfaceIdSet>item,omitempty"`
	CreationTimestamp   string       `xml:"creationTimestamp"`
	OwnerID             string       `xml:"ownerId"`
	ResourceConfigArn   string       `xml:"resourceConfigurationArn,omitempty"`
}

type xDhcpValue struct {
	XMLName xml.Name `xml:"item"`
	Value   string   `xml:"value"`
}

type xDhcpConfig struct {
	XMLName xml.Name     `xml:"item"`
	Key     string       `xml:"key"`
	Values  []xDhcpValue `xml:"valueSet>item"`
}

type xDhcpOptions struct {
	XMLName       xml.Name      `xml:"item"`
	DhcpOptionsID string        `xml:"dhcpOptionsId"`
	OwnerID       string        `xml:"ownerId"`
	Configs       []xDhcpConfig `xml:"dhcpConfigurationSet>item"`
	Tags          []xTag        `xml:"tagSet>item,omitempty"`
}

type xAZ struct {
	XMLName            xml.Name `xml:"item"`
	ZoneName           string   `xml:"zoneName"`
	ZoneState          string   `xml:"zoneState"`
	RegionName         string   `xml:"regionName"`
	ZoneID             string   `xml:"zoneId"`
	ZoneType           string   `xml:"zoneType"`
	OptInStatus        string   `xml:"optInStatus"`
	GroupName          string   `xml:"groupName"`
	NetworkBorderGroup string   `xml:"networkBorderGroup"`
	ParentZoneName     string   `xml:"parentZoneName,omitempty"`
	ParentZoneID       string   `xml:"parentZoneId,omitempty"`
}

type xServiceType struct {
	XMLName     xml.Name `xml:"item"`
	ServiceType string   `xml:"serviceType"`
}

type xPrivateDNS struct {
	XMLName        xml.Name `xml:"item"`
	PrivateDnsName string   `xml:"privateDnsName"`
}

type xServiceDetail struct {
	XMLName              xml.Name       `xml:"item"`
	ServiceName          string         `xml:"serviceName"`
	ServiceID            string         `xml:"serviceId"`
	ServiceType          []xServiceType `xml:"serviceType>item"`
	ServiceRegion        string         `xml:"serviceRegion,omitempty"`
	AvailabilityZones    []string       `xml:"availabilityZoneSet>item"`
	AvailabilityZoneIDs  []string       `xml:"availabilityZoneIdSet>item,omitempty"`
	Owner                string         `xml:"owner"`
	BaseEndpointDNSNames []string       `xml:"baseEndpointDnsNameSet>item,omitempty"`
	PrivateDnsName       string         `xml:"privateDnsName,omitempty"`
	PrivateDnsNames      []xPrivateDNS  `xml:"privateDnsNameSet>item,omitempty"`
	PolicySupported      bool           `xml:"vpcEndpointPolicySupported"`
	AcceptanceRequired   bool           `xml:"acceptanceRequired"`
	ManagesVpcEndpoints  bool           `xml:"managesVpcEndpoints"`
	VerificationState    string         `xml:"privateDnsNameVerificationState,omitempty"`
	SupportedIPTypes     []string       `xml:"supportedIpAddressTypeSet>item,omitempty"`
}

// fault is an error answer the fake gives to the first Times calls of an
// action (Times < 0: every call).
type fault struct {
	Status  int
	Code    string
	Message string
	Times   int
}

// fakeAWS is one account's EC2 and STS in us-east-1.
type fakeAWS struct {
	t        *testing.T
	url      string
	account  string
	pageSize int

	azs       []xAZ
	vpcs      []xVpc
	dopts     []xDhcpOptions
	subnets   []xSubnet
	tables    []xRouteTable
	acls      []xNetworkAcl
	endpoints []xVpcEndpoint
	services  []xServiceDetail

	mu       sync.Mutex
	faults   map[string]*fault
	calls    map[string]int
	requests []url.Values
}

// start serves f on loopback for the test.
func (f *fakeAWS) start(t *testing.T) *fakeAWS {
	f.t = t
	f.calls = map[string]int{}
	if f.faults == nil {
		f.faults = map[string]*fault{}
	}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	f.url = srv.URL
	return f
}

func (f *fakeAWS) setFault(action string, flt fault) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.faults[action] = &flt
}

func (f *fakeAWS) count(action string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[action]
}

func (f *fakeAWS) total() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.calls {
		n += c
	}
	return n
}

// sent are the requests of an action, in order.
func (f *fakeAWS) sent(action string) []url.Values {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []url.Values
	for _, r := range f.requests {
		if r.Get("Action") == action {
			out = append(out, r)
		}
	}
	return out
}

func (f *fakeAWS) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil || r.Method != http.MethodPost {
		http.Error(w, "POST a form", http.StatusMethodNotAllowed)
		return
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
		f.t.Errorf("fake: Content-Type %q", ct)
	}
	v, err := url.ParseQuery(string(body))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	action := v.Get("Action")
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls[action]++
	f.requests = append(f.requests, v)

	service, version := "ec2", "2016-11-15"
	if action == "GetCallerIdentity" {
		service, version = "sts", "2011-06-15"
	}
	// SigV4 with the fake credentials, for the service and region.
	auth := r.Header.Get("Authorization")
	if !strings.HasPrefix(auth, "AWS4-HMAC-SHA256 Credential=fake/") || !strings.Contains(auth, "/us-east-1/"+service+"/aws4_request") {
		f.t.Errorf("fake: %s: Authorization %q", action, auth)
		f.fail(w, service, fault{Status: 403, Code: "IncompleteSignature", Message: "bad signature"})
		return
	}
	if got := v.Get("Version"); got != version {
		f.t.Errorf("fake: %s: Version %q, want %q", action, got, version)
	}
	if flt := f.faults[action]; flt != nil && flt.Times != 0 {
		if flt.Times > 0 {
			flt.Times--
		}
		f.fail(w, service, *flt)
		return
	}
	f.answer(w, action, v)
}

// fail writes an error as EC2 (Response/Errors/Error, RequestID) or STS
// (ErrorResponse/Error, RequestId) does: the SDK reads them with
// aws/protocol/ec2query.GetErrorResponseComponents and
// aws/protocol/xml.GetErrorResponseComponents.
func (f *fakeAWS) fail(w http.ResponseWriter, service string, flt fault) {
	w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
	w.WriteHeader(flt.Status)
	if service == "sts" {
		fmt.Fprintf(w, `<ErrorResponse xmlns="%s"><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error><RequestId>c1a2b3c4-0000-4000-8000-000000000001</RequestId></ErrorResponse>`,
			stsNamespace, esc(flt.Code), esc(flt.Message))
		return
	}
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<Response><Errors><Error><Code>%s</Code><Message>%s</Message></Error></Errors><RequestID>e1a2b3c4-0000-4000-8000-000000000002</RequestID></Response>`,
		esc(flt.Code), esc(flt.Message))
}

func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// list is a Query list: Key.1, Key.2, …
func list(v url.Values, key string) []string {
	var out []string
	for i := 1; ; i++ {
		s, ok := v[key+"."+strconv.Itoa(i)]
		if !ok {
			return out
		}
		out = append(out, s...)
	}
}

// filters are the Filter.N.Name / Filter.N.Value.M of a request.
func filters(v url.Values) map[string][]string {
	out := map[string][]string{}
	for i := 1; ; i++ {
		name := v.Get("Filter." + strconv.Itoa(i) + ".Name")
		if name == "" {
			return out
		}
		out[name] = append(out[name], list(v, "Filter."+strconv.Itoa(i)+".Value")...)
	}
}

// match tells whether value passes the filter name (absent: any).
func match(fs map[string][]string, name, value string) bool {
	vals, ok := fs[name]
	if !ok {
		return true
	}
	for _, v := range vals {
		if v == value {
			return true
		}
	}
	return false
}

func has(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// page cuts items to the page NextToken names.
func page[T any](f *fakeAWS, items []T, v url.Values) ([]T, string, bool) {
	start := 0
	if tok := v.Get("NextToken"); tok != "" {
		n, err := strconv.Atoi(strings.TrimPrefix(tok, "fake-token-"))
		if err != nil || n <= 0 || n > len(items) {
			return nil, "", false
		}
		start = n
	}
	end := len(items)
	if f.pageSize > 0 && start+f.pageSize < end {
		end = start + f.pageSize
	}
	next := ""
	if end < len(items) {
		next = "fake-token-" + strconv.Itoa(end)
	}
	return items[start:end], next, true
}

func (f *fakeAWS) answer(w http.ResponseWriter, action string, v url.Values) {
	fs := filters(v)
	switch action {
	case "GetCallerIdentity":
		w.Header().Set("Content-Type", "text/xml")
		fmt.Fprintf(w, `<GetCallerIdentityResponse xmlns="%s">
  <GetCallerIdentityResult>
    <Arn>arn:aws:iam::%s:user/dev</Arn>
    <UserId>AIDAEXAMPLEUSERID0001</UserId>
    <Account>%s</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata>
    <RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId>
  </ResponseMetadata>
</GetCallerIdentityResponse>`, stsNamespace, f.account, f.account)

	case "DescribeAvailabilityZones":
		var out []xAZ
		for _, z := range f.azs {
			if match(fs, "zone-type", z.ZoneType) && (z.OptInStatus != "not-opted-in" || v.Get("AllAvailabilityZones") == "true") {
				out = append(out, z)
			}
		}
		f.respond(w, action, "availabilityZoneInfo", out, "")

	case "DescribeVpcs":
		ids := list(v, "VpcId")
		for _, id := range ids {
			if !f.hasVpc(id) {
				f.fail(w, "ec2", fault{Status: 400, Code: "InvalidVpcID.NotFound", Message: fmt.Sprintf("The vpc ID '%s' does not exist", id)})
				return
			}
		}
		var out []xVpc
		for _, x := range f.vpcs {
			if (len(ids) == 0 || has(ids, x.VpcID)) && match(fs, "vpc-id", x.VpcID) {
				out = append(out, x)
			}
		}
		f.paged(w, action, "vpcSet", out, v)

	case "DescribeVpcAttribute":
		id, attr := v.Get("VpcId"), v.Get("Attribute")
		for _, x := range f.vpcs {
			if x.VpcID != id {
				continue
			}
			val := x.DnsSupport
			if attr == "enableDnsHostnames" {
				val = x.DnsHostnames
			} else if attr != "enableDnsSupport" {
				f.fail(w, "ec2", fault{Status: 400, Code: "InvalidParameterValue", Message: "Value (" + attr + ") for parameter attribute is invalid."})
				return
			}
			w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
			fmt.Fprintf(w, `<DescribeVpcAttributeResponse xmlns="%s"><requestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</requestId><vpcId>%s</vpcId><%s><value>%t</value></%s></DescribeVpcAttributeResponse>`,
				ec2Namespace, id, attr, val, attr)
			return
		}
		f.fail(w, "ec2", fault{Status: 400, Code: "InvalidVpcID.NotFound", Message: fmt.Sprintf("The vpc ID '%s' does not exist", id)})

	case "DescribeDhcpOptions":
		ids := list(v, "DhcpOptionsId")
		var out []xDhcpOptions
		for _, id := range ids {
			found := false
			for _, d := range f.dopts {
				if d.DhcpOptionsID == id {
					out, found = append(out, d), true
				}
			}
			if !found {
				f.fail(w, "ec2", fault{Status: 400, Code: "InvalidDhcpOptionID.NotFound", Message: fmt.Sprintf("The dhcpOption ID '%s' does not exist", id)})
				return
			}
		}
		f.paged(w, action, "dhcpOptionsSet", out, v)

	case "DescribeSubnets":
		var out []xSubnet
		for _, x := range f.subnets {
			if match(fs, "vpc-id", x.VpcID) {
				out = append(out, x)
			}
		}
		f.paged(w, action, "subnetSet", out, v)

	case "DescribeRouteTables":
		var out []xRouteTable
		for _, x := range f.tables {
			if match(fs, "vpc-id", x.VpcID) {
				out = append(out, x)
			}
		}
		f.paged(w, action, "routeTableSet", out, v)

	case "DescribeNetworkAcls":
		var out []xNetworkAcl
		for _, x := range f.acls {
			if match(fs, "vpc-id", x.VpcID) {
				out = append(out, x)
			}
		}
		f.paged(w, action, "networkAclSet", out, v)

	case "DescribeVpcEndpoints":
		var out []xVpcEndpoint
		for _, x := range f.endpoints {
			if match(fs, "vpc-id", x.VpcID) {
				out = append(out, x)
			}
		}
		f.paged(w, action, "vpcEndpointSet", out, v)

	case "DescribeVpcEndpointServices":
		names, regions := list(v, "ServiceName"), list(v, "ServiceRegion")
		var out []xServiceDetail
		for _, n := range names {
			found := false
			for _, s := range f.services {
				region := s.ServiceRegion
				if region == "" {
					region = "us-east-1"
				}
				inRegions := len(regions) == 0 && region == "us-east-1" || has(regions, region)
				if s.ServiceName == n && inRegions {
					out, found = append(out, s), true
				}
			}
			if !found {
				f.fail(w, "ec2", fault{Status: 400, Code: "InvalidServiceName", Message: fmt.Sprintf("The Vpc Endpoint Service '%s' does not exist", n)})
				return
			}
		}
		items, next, ok := page(f, out, v)
		if !ok {
			f.fail(w, "ec2", fault{Status: 400, Code: "InvalidNextToken", Message: "The token is not valid"})
			return
		}
		var names2 []string
		for _, s := range items {
			names2 = append(names2, s.ServiceName)
		}
		w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
		fmt.Fprintf(w, `<DescribeVpcEndpointServicesResponse xmlns="%s"><requestId>19a9ff46-7df6-49b8-9726-3df27527089d</requestId>`, ec2Namespace)
		fmt.Fprint(w, "<serviceNameSet>")
		for _, n := range names2 {
			fmt.Fprintf(w, "<item>%s</item>", esc(n))
		}
		fmt.Fprint(w, "</serviceNameSet>")
		f.items(w, "serviceDetailSet", items)
		if next != "" {
			fmt.Fprintf(w, "<nextToken>%s</nextToken>", next)
		}
		fmt.Fprint(w, "</DescribeVpcEndpointServicesResponse>")

	default:
		f.t.Errorf("fake: unexpected action %q", action)
		f.fail(w, "ec2", fault{Status: 400, Code: "InvalidAction", Message: "The action " + action + " is not valid for this web service."})
	}
}

func (f *fakeAWS) hasVpc(id string) bool {
	for _, x := range f.vpcs {
		if x.VpcID == id {
			return true
		}
	}
	return false
}

// paged writes one page of items as <ActionResponse><requestId/><set>…
// <nextToken/>.
func pagedOf[T any](f *fakeAWS, w http.ResponseWriter, action, set string, items []T, v url.Values) {
	items, next, ok := page(f, items, v)
	if !ok {
		f.fail(w, "ec2", fault{Status: 400, Code: "InvalidNextToken", Message: "The token is not valid"})
		return
	}
	f.respond(w, action, set, items, next)
}

func (f *fakeAWS) paged(w http.ResponseWriter, action, set string, items any, v url.Values) {
	switch items := items.(type) {
	case []xVpc:
		pagedOf(f, w, action, set, items, v)
	case []xDhcpOptions:
		pagedOf(f, w, action, set, items, v)
	case []xSubnet:
		pagedOf(f, w, action, set, items, v)
	case []xRouteTable:
		pagedOf(f, w, action, set, items, v)
	case []xNetworkAcl:
		pagedOf(f, w, action, set, items, v)
	case []xVpcEndpoint:
		pagedOf(f, w, action, set, items, v)
	default:
		panic(fmt.Sprintf("paged %T", items))
	}
}

func (f *fakeAWS) respond(w http.ResponseWriter, action, set string, items any, next string) {
	w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<%sResponse xmlns="%s">
  <requestId>6e0bf2e6-2d4a-4d2b-9c4f-EXAMPLE%04d</requestId>
`, action, ec2Namespace, len(f.requests))
	f.items(w, set, items)
	if next != "" {
		fmt.Fprintf(w, "  <nextToken>%s</nextToken>\n", next)
	}
	fmt.Fprintf(w, "</%sResponse>\n", action)
}

func (f *fakeAWS) items(w io.Writer, set string, items any) {
	out, err := xml.MarshalIndent(items, "    ", "  ")
	if err != nil {
		f.t.Errorf("fake: %v", err)
	}
	fmt.Fprintf(w, "  <%s>\n%s\n  </%s>\n", set, out, set)
}
