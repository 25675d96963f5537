package reach

import (
	"fmt"
	"net/netip"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/privnet/privnet/constructs/endpoints/catalog"
	"github.com/privnet/privnet/constructs/region"
	"github.com/privnet/privnet/tfjson"
)

// tri is a fact that may be unknown at synth (a token, a data source).
type tri int8

const (
	no tri = iota
	yes
	unk
)

// fact is a value privnet could not know, and why: "" when known.
type fact = string

// model is the network of every stack of an app, indexed once. Later
// sources of facts (recorded lookups of existing VPCs, Transit Gateways,
// peering, on-premises links, Resolver rules) add entities here; the
// evaluation walks links between them.
type model struct {
	stacks map[string]*stack
	// imported maps the AWS IDs of imported VPCs' pieces (vpc-, subnet-,
	// rtb-, acl-) to the stack that imports them: the app's resources
	// reference them by ID.
	imported map[string]*stack
	// tgwShares are the Transit Gateways each RAM share (stack|address)
	// shares.
	tgwShares map[string][]*tgw
	// looseRecords: Route 53 records whose zone cannot be followed; any
	// zone of the app may hold them.
	looseRecords []fact
	// auths are the VPC association authorizations, by zone; deps the
	// answers of dependsOn.
	auths map[*phz][]*authz
	deps  map[[2]*stack]bool
	// standIns are the stand-in IPv6 blocks given so far (ipv6.go).
	standIns map[netip.Prefix]bool
}

type stack struct {
	m       *model
	name    string
	region  region.Region
	regionF fact   // why the region is unknown
	account string // the account the provider allows, "" when unnamed
	// accountF: the provider names its account in a way privnet cannot
	// read as one.
	accountF fact
	doc      *tfjson.Stack

	vpcs      map[string]*vpc
	subnets   map[string]*subnet
	rts       map[string]*routeTable
	sgs       map[string]*secGroup
	nacls     map[string]*nacl
	endpoints map[string]*endpoint
	instances map[string]*instance
	eics      map[string]*eic
	nats      map[string]*natGateway
	igws      map[string]*vpc // internet gateway -> its VPC
	firewalls map[string][]*subnet
	gateways  map[string]*resourceGateway
	configs   map[string]*resourceConfig
	services  map[string]*endpointService
	lbs       map[string]*loadBalancer
	tgs       map[string]*targetGroup
	vgws      map[string]*vgw
	conns     map[string]*vpnConn
	resolvers map[string]*resolverEP
	tgws      map[string]*tgw
	tgwAtts   map[string]*tgwAtt
	tgwTables map[string]*tgwTable
	pcxs      map[string]*pcx
	phzs      map[string]*phz            // private hosted zones
	profiles  map[string]*profile        // Route 53 Profiles
	byIP      map[netip.Addr][]*instance // instances with a fixed private IP, by name
	// dyn: resources whose instances are known only at plan (count or
	// for_each from an expression) or made in another region (an aliased
	// provider), by address: what is built from them is unknown.
	dyn map[string]fact
	// loose are facts of pieces that could not be placed (an endpoint or
	// a listener whose VPC or load balancer cannot be followed): a path
	// that would need such a piece is unknown, not broken.
	looseEndpoints, looseListeners, looseRoutes []fact
	// looseHybrid and looseResolvers: gateways, attachments, connections,
	// propagations and Resolver endpoints that could not be followed.
	looseHybrid, looseResolvers []fact
	// looseTransit: Transit Gateway pieces that could not be followed.
	looseTransit []fact
}

type vpc struct {
	st    *stack
	addr  string
	cidrs []netip.Prefix
	cidrF fact
	// ipv6 stands for the VPC's Amazon-provided /56 (a block of
	// 2001:db8::/32 picked by its name: the real one is known only once
	// made); ipv6F says why it cannot be read.
	ipv6         netip.Prefix
	ipv6F        fact
	dnsSupport   tri
	dnsHostnames tri
	dnsF         fact
	dhcpServers  []string // nil: the VPC resolver (AmazonProvidedDNS)
	dhcpF        fact
	mainRT       *routeTable // nil: the main table AWS makes (local route only)
	mainF        fact        // the main table cannot be known
	mainReplaced string      // the association that replaced AWS's main table
	defaultSG    *secGroup   // aws_default_security_group, or AWS's default
	defaultNACL  *nacl       // nil: AWS's default (allows all)
	endpoints    []*endpoint
	// unknownEndpoints are endpoints in the VPC whose service, type or
	// region cannot be known: a path that finds no endpoint is unknown.
	unknownEndpoints []*endpoint
	// dnsOverride: Resolver rules or private hosted zones associated with
	// the VPC, which may answer a service's name instead of the endpoint.
	dnsOverride []fact
	// zones are the private hosted zones for AWS domains associated with
	// the VPC (by name; "" when the name, or a Profile's zones, cannot be
	// read), for the paths with no endpoint of their own.
	zones []zoneOverride
	// ruleF: Resolver rules associated with the VPC whose domain cannot
	// be read (they may take any name).
	ruleF []fact
	// rules are the Resolver rules associated with the VPC whose domain
	// privnet can read.
	rules []fwdRule
	// vgws are the virtual private gateways attached to the VPC; inbound
	// its Route 53 Resolver inbound endpoints.
	vgws    []*vgw
	inbound []*resolverEP
	// tgwAtts are the VPC's Transit Gateway attachments.
	tgwAtts []*tgwAtt
	// looseHybrid and looseResolvers: hybrid pieces and Resolver
	// endpoints that concern this VPC and cannot be followed.
	looseHybrid, looseResolvers []fact
}

type subnet struct {
	st    *stack
	addr  string
	vpc   *vpc
	vpcF  fact
	cidr  netip.Prefix
	cidrF fact
	az    string
	rt    *routeTable
	rtF   fact
	nacl  *nacl
	naclF fact
	// mapPublicIP: instances launched here get a public IPv4 address.
	mapPublicIP tri
	// has6: the subnet has an IPv6 block, ipv6 (stand-in of its VPC's,
	// see vpc.ipv6) when it can be read, else ipv6F; ipv6Only: it has no
	// IPv4 block (ipv6_native); dns64: its resolver synthesizes
	// 64:ff9b::/96 answers for names with IPv4 addresses only; famF:
	// whether it is IPv6-only cannot be known, dns64F: whether it has
	// DNS64 (which matters only for names with IPv4 addresses only).
	has6, ipv6Only, dns64 bool
	famF, dns64F          fact
	ipv6                  netip.Prefix
	ipv6F                 fact
}

type route struct {
	dst      netip.Prefix
	dstPL    string // a prefix list destination (its reference)
	kind     string // igw, nat, firewall, tgw, pcx, vgw, eni, other
	nat      *natGateway
	vgw      *vgw // the gateway of a route of kind vgw, when in this app
	tgw      *tgw // the Transit Gateway of a route of kind tgw, when in this app
	pcx      *pcx // the peering of a route of kind pcx, when in this app
	firewall []*subnet
	target   string // as written, for messages
	f        fact   // the route's target or destination cannot be known
}

type routeTable struct {
	st     *stack
	addr   string
	vpc    *vpc
	routes []route
	// routes6 are the IPv6 routes, apart so that no IPv4 walk meets them.
	routes6 []route
	gateway []*endpoint // gateway endpoints associated with the table
	// propagated: virtual private gateways whose routes the table learns.
	propagated []*vgw
}

type natGateway struct {
	addr   string
	subnet *subnet
	f      fact
	public bool // connectivity_type public (the default)
}

type sgRule struct {
	proto    string // "tcp", "udp", "icmp", "-1"
	from, to int
	cidr     netip.Prefix
	hasCIDR  bool
	ref      *secGroup
	self     bool
	pl       string // prefix list reference
	f        fact   // the peer cannot be known
	// lit6: an IPv6 CIDR written as a literal (not ::/0), which cannot be
	// compared with the stand-in of a VPC's Amazon-provided block; label
	// names a stand-in CIDR for people (the IPv6 block of aws_vpc.x).
	lit6  bool
	label string
}

type secGroup struct {
	st      *stack
	addr    string
	vpc     *vpc
	ingress []sgRule
	egress  []sgRule
	// ingress6 and egress6 are the IPv6 CIDR rules; group references
	// (in ingress and egress) match both families.
	ingress6, egress6 []sgRule
	// awsDefault: the VPC's default group as AWS makes it (not in the
	// JSON): ingress from itself, egress to anywhere.
	awsDefault bool
	f          fact
}

// add files rules of one direction: IPv4 (with the group references and
// prefix lists) and IPv6.
func (g *secGroup) add(ingress bool, rules, rules6 []sgRule) {
	if ingress {
		g.ingress, g.ingress6 = append(g.ingress, rules...), append(g.ingress6, rules6...)
	} else {
		g.egress, g.egress6 = append(g.egress, rules...), append(g.egress6, rules6...)
	}
}

type naclRule struct {
	num      int
	allow    bool
	proto    string
	from, to int
	cidr     netip.Prefix
	f        fact
	lit6     bool   // as sgRule.lit6
	label    string // as sgRule.label
}

type nacl struct {
	f       fact
	addr    string
	ingress []naclRule
	egress  []naclRule
	// ingress6 and egress6 are the IPv6 rules, numbered with the others.
	ingress6, egress6 []naclRule
}

type endpoint struct {
	st      *stack
	addr    string
	typ     string // Interface, Gateway, Resource, ServiceNetwork, GatewayLoadBalancer
	vpc     *vpc
	vpcF    fact
	name    string // service name as resolved ("" when unknown)
	nameF   fact
	svc     *catalog.Service
	custom  *endpointService // an endpoint service of this app
	region  string           // the service's region: service_region, or the stack's
	private tri              // private DNS
	// inbound: private DNS for inbound resolver endpoints only; inboundSet
	// says dns_options gave it (AWS chooses otherwise).
	inbound    tri
	inboundSet bool
	gwF        fact // a route table of the gateway endpoint cannot be followed
	subnets    []*subnet
	subF       fact
	sgs        []*secGroup // nil: the VPC's default group
	sgF        fact
	config     *resourceConfig
	configF    fact
	// pl: an existing gateway endpoint's prefix list ID, from the record.
	pl string
	// ipType and dnsType are ip_address_type and the DNS record IP type
	// ("" when not set); ipF why they cannot be read.
	ipType, dnsType string
	ipF             fact
	// ip6F: whether its names answer AAAA cannot be known (an existing
	// endpoint recorded without its type); it matters to IPv6 clients.
	ip6F fact
}

type instance struct {
	st       *stack
	addr     string
	eni      bool // an endpoint's network interface in subnet, not an instance
	subnet   *subnet
	subnetF  fact
	sgs      []*secGroup
	sgF      fact
	ip       netip.Addr
	publicIP tri
}

type eic struct {
	preserve tri // preserve_client_ip: the instance sees the operator's address
	st       *stack
	addr     string
	subnet   *subnet
	subnetF  fact
	sgs      []*secGroup
	sgF      fact
}

type resourceGateway struct {
	st      *stack
	addr    string
	vpc     *vpc
	subnets []*subnet
	sgs     []*secGroup
	f       fact
}

type resourceConfig struct {
	st      *stack
	addr    string
	gateway *resourceGateway
	gwF     fact
	ports   [][2]int
	portsF  fact
	ips     []netip.Addr
	domain  string
	f       fact
}

type endpointService struct {
	st       *stack
	addr     string
	lbs      []*loadBalancer
	lbF      fact
	regions  []string // supported_regions (the service's own is implied)
	regionsF fact
	// acceptance: the provider accepts each connection (acceptance_required).
	acceptance tri
}

type loadBalancer struct {
	st        *stack
	addr      string
	subnets   []*subnet
	sgs       []*secGroup
	enforcePL bool                   // security groups apply to PrivateLink traffic
	listeners map[int][]*targetGroup // by port: every group the listener forwards to
	f         fact
}

type targetGroup struct {
	seen    map[*instance]bool
	addr    string
	port    int
	targets []*instance
	f       fact
}

// --- building ---

var (
	plainRef  = regexp.MustCompile(`^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_0-9]+)\}$`)
	remoteRef = regexp.MustCompile(`^\$\{data\.terraform_remote_state\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)\}$`)
	dataRef   = regexp.MustCompile(`^\$\{data\.([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.[A-Za-z0-9_.\[\]*]+\}$`)
	fwRef     = regexp.MustCompile(`aws_networkfirewall_firewall\.([A-Za-z0-9_-]+)\.`)
)

func build(docs []*tfjson.Stack) *model {
	m := &model{stacks: map[string]*stack{}, imported: map[string]*stack{}, tgwShares: map[string][]*tgw{}, auths: map[*phz][]*authz{}, deps: map[[2]*stack]bool{}}
	for _, d := range docs {
		st := &stack{m: m, name: d.Name, doc: d,
			vpcs: map[string]*vpc{}, subnets: map[string]*subnet{}, rts: map[string]*routeTable{}, sgs: map[string]*secGroup{},
			nacls: map[string]*nacl{}, endpoints: map[string]*endpoint{}, instances: map[string]*instance{}, eics: map[string]*eic{},
			nats: map[string]*natGateway{}, igws: map[string]*vpc{}, firewalls: map[string][]*subnet{}, gateways: map[string]*resourceGateway{},
			configs: map[string]*resourceConfig{}, services: map[string]*endpointService{}, lbs: map[string]*loadBalancer{}, tgs: map[string]*targetGroup{}, vgws: map[string]*vgw{}, conns: map[string]*vpnConn{}, resolvers: map[string]*resolverEP{},
			tgws: map[string]*tgw{}, tgwAtts: map[string]*tgwAtt{}, tgwTables: map[string]*tgwTable{}, pcxs: map[string]*pcx{}, phzs: map[string]*phz{}, profiles: map[string]*profile{}, byIP: map[netip.Addr][]*instance{}}
		if r, ok := region.Lookup(d.Region); ok {
			st.region = r
		} else {
			st.regionF = fmt.Sprintf("stack %s's region %s is not in privnet's region table", d.Name, quote(d.Region))
		}
		m.stacks[d.Name] = st
		st.account, st.accountF = d.Account, d.AccountF
		if st.accountF != "" {
			st.accountF = "stack " + d.Name + ": " + st.accountF
		}
		st.dyn = dynamic(d)
	}
	// Stacks in name order, resources in name order: deterministic.
	for _, n := range tfjson.SortedKeys(m.stacks) {
		m.stacks[n].buildBasics(m)
	}
	for _, n := range tfjson.SortedKeys(m.stacks) {
		m.stacks[n].buildImported(m)
	}
	for _, n := range tfjson.SortedKeys(m.stacks) {
		m.stacks[n].buildGateways()
	}
	for pass := 1; pass <= 4; pass++ {
		for _, n := range tfjson.SortedKeys(m.stacks) {
			m.stacks[n].buildHybrid(m, pass)
		}
	}
	for pass := 1; pass <= 6; pass++ {
		for _, n := range tfjson.SortedKeys(m.stacks) {
			m.stacks[n].buildTransit(m, pass)
		}
	}
	for _, n := range tfjson.SortedKeys(m.stacks) {
		m.stacks[n].buildRest(m)
	}
	for _, n := range tfjson.SortedKeys(m.stacks) {
		m.stacks[n].buildEndpoints(m)
		m.stacks[n].buildResolvers(m)
	}
	for pass := 1; pass <= 2; pass++ {
		for _, n := range tfjson.SortedKeys(m.stacks) {
			m.stacks[n].readZones(m, pass)
		}
	}
	for _, n := range tfjson.SortedKeys(m.stacks) {
		m.stacks[n].dnsOverrides(m)
		m.stacks[n].finish()
	}
	return m
}

// each calls f for every resource of a type, by name; a resource with
// count 0 does not exist.
func (st *stack) each(tfType string, f func(name string, a map[string]any)) {
	byName := st.doc.Resources[tfType]
	for _, n := range tfjson.SortedKeys(byName) {
		if c, ok := byName[n]["count"]; ok && tfjson.Scalar(c) == "0" {
			continue
		}
		f(n, byName[n])
	}
}

// dynamic finds the resources whose instances or region cannot be known
// at synth.
func dynamic(d *tfjson.Stack) map[string]fact {
	out := map[string]fact{}
	aliases := map[string]string{}
	// other: aliases that deploy into another account than the stack's
	// (or one that cannot be read).
	other := map[string]bool{}
	providers, _ := d.Blocks["provider"].(map[string]any)
	aws, _ := tfjson.Objects(providers["aws"], "provider")
	for _, p := range aws {
		if a := tfjson.Str(p, "alias"); a != "" {
			aliases[a] = tfjson.Str(p, "region")
			if acct, f := tfjson.ProviderAccount(p); f != "" || acct != d.Account {
				other[a] = true
			}
		}
	}
	for _, typ := range tfjson.SortedKeys(d.Resources) {
		for _, n := range tfjson.SortedKeys(d.Resources[typ]) {
			a, addr := d.Resources[typ][n], typ+"."+n
			if c, ok := a["count"]; ok {
				if n, err := strconv.Atoi(tfjson.Scalar(c)); err != nil || n < 0 {
					out[addr] = fmt.Sprintf("%s is made with count from an expression, so how many exist is known only at plan", addr)
				}
			}
			if _, ok := a["for_each"]; ok {
				out[addr] = fmt.Sprintf("%s is made with for_each, whose instances are known only at plan", addr)
			}
			if p := strings.TrimSuffix(strings.TrimPrefix(tfjson.Str(a, "provider"), "${"), "}"); strings.HasPrefix(p, "aws.") {
				if r := aliases[strings.TrimPrefix(p, "aws.")]; r != d.Region {
					out[addr] = fmt.Sprintf("%s is made with provider %s (region %s), not the stack's, which privnet does not follow per resource", addr, p, quote(r))
				} else if other[strings.TrimPrefix(p, "aws.")] {
					out[addr] = fmt.Sprintf("%s is made with provider %s, whose account is not the stack's, which privnet does not follow per resource", addr, p)
				}
			}
		}
	}
	return out
}

// resolve follows a reference to the resource it names: "${t.n.attr}" in
// st, or a cross-stack output. It returns the stack and "t.n", or a fact
// saying why the value cannot be followed.
func (m *model) resolve(st *stack, v any, what string) (*stack, string, string, fact) {
	return m.resolveDepth(st, v, what, 0)
}

// maxHops bounds the cross-stack outputs followed for one value: an
// output that names itself (untrusted JSON can) ends there.
const maxHops = 8

func (m *model) resolveDepth(st *stack, v any, what string, hops int) (*stack, string, string, fact) {
	s, ok := v.(string)
	if !ok || s == "" {
		if v == nil {
			return nil, "", "", what + " is not set"
		}
		return nil, "", "", what + " is not a reference privnet can follow"
	}
	if g := plainRef.FindStringSubmatch(s); g != nil {
		return st, g[1] + "." + g[2], g[3], ""
	}
	if g := remoteRef.FindStringSubmatch(s); g != nil {
		other := m.remoteStack(st, g[1])
		if other == nil {
			return nil, "", "", fmt.Sprintf("%s comes from remote state %s, which is not a stack of this app", what, quote(g[1]))
		}
		o, _ := other.doc.Outputs[g[2]].(map[string]any)
		if o == nil {
			return nil, "", "", fmt.Sprintf("%s comes from output %s of stack %s, which it does not have", what, quote(g[2]), other.name)
		}
		if hops >= maxHops {
			return nil, "", "", fmt.Sprintf("%s goes through more than %d stack outputs (or round in a circle)", what, maxHops)
		}
		return m.resolveDepth(other, o["value"], what, hops+1)
	}
	if g := dataRef.FindStringSubmatch(s); g != nil {
		return nil, "", "", fmt.Sprintf("%s comes from a data source (data.%s.%s), read only at plan", what, g[1], g[2])
	}
	if strings.Contains(s, "${") {
		return nil, "", "", fmt.Sprintf("%s is an expression privnet cannot evaluate (%s)", what, quote(s))
	}
	if other := m.imported[s]; other != nil {
		return other, s, "id", "" // a piece of an imported VPC, by its ID
	}
	return nil, "", "", fmt.Sprintf("%s is given as %s, made outside this app", what, quote(s))
}

// remoteStack is the stack of this app a terraform_remote_state data
// source reads: cdktf names it cross-stack-reference-input-<stack>; else
// its state path or key must name the stack's state file.
func (m *model) remoteStack(st *stack, name string) *stack {
	if other := m.stacks[strings.TrimPrefix(name, "cross-stack-reference-input-")]; other != nil && other != st {
		return other
	}
	data, _ := st.doc.Blocks["data"].(map[string]any)
	rs, _ := data["terraform_remote_state"].(map[string]any)
	blocks, _ := tfjson.Objects(rs[name], "remote state")
	for _, b := range blocks {
		cfg, _ := b["config"].(map[string]any)
		for _, k := range []string{"path", "key"} {
			p := tfjson.Str(cfg, k)
			for _, n := range tfjson.SortedKeys(m.stacks) {
				if n != st.name && (strings.HasSuffix(p, "terraform."+n+".tfstate") || strings.HasSuffix(p, "/"+n+".tfstate") || p == n+".tfstate") {
					return m.stacks[n]
				}
			}
		}
	}
	return nil
}

func (st *stack) buildBasics(m *model) {
	st.each("aws_vpc", func(n string, a map[string]any) {
		v := &vpc{st: st, addr: "aws_vpc." + n, dnsSupport: boolAttr(a, "enable_dns_support", true), dnsHostnames: boolAttr(a, "enable_dns_hostnames", false)}
		if v.dnsSupport == unk || v.dnsHostnames == unk {
			v.dnsF = fmt.Sprintf("the DNS attributes of %s are not literal values", v.addr)
		}
		if p, ok := prefix(a["cidr_block"]); ok {
			v.cidrs = append(v.cidrs, p)
		} else {
			v.cidrF = fmt.Sprintf("the CIDR block of %s is not known at synth (IPAM or a token)", v.addr)
		}
		if f := st.dyn[v.addr]; f != "" {
			v.dnsF, v.dnsSupport, v.dnsHostnames = f, unk, unk
		}
		v.vpcIpv6(a)
		v.defaultSG = &secGroup{st: st, addr: "the default security group of " + v.addr, vpc: v, awsDefault: true}
		st.vpcs[v.addr] = v
	})
	vpcOf := func(a map[string]any, what string) (*vpc, fact) {
		s2, addr, _, f := m.resolve(st, a["vpc_id"], what)
		if f != "" {
			return nil, f
		}
		if v := s2.vpcs[addr]; v != nil {
			return v, ""
		}
		return nil, fmt.Sprintf("%s names %s, which is not a VPC of this app", what, addr)
	}
	st.each("aws_vpc_ipv4_cidr_block_association", func(n string, a map[string]any) {
		if v, _ := vpcOf(a, "the VPC of aws_vpc_ipv4_cidr_block_association."+n); v != nil {
			if p, ok := prefix(a["cidr_block"]); ok {
				v.cidrs = append(v.cidrs, p)
			} else {
				v.cidrF = fmt.Sprintf("a secondary CIDR block of %s is not known at synth", v.addr)
			}
		}
	})
	st.each("aws_subnet", func(n string, a map[string]any) {
		s := &subnet{st: st, addr: "aws_subnet." + n, az: tfjson.Str(a, "availability_zone"), mapPublicIP: boolAttr(a, "map_public_ip_on_launch", false)}
		s.vpc, s.vpcF = vpcOf(a, "the VPC of "+s.addr)
		if p, ok := prefix(a["cidr_block"]); ok {
			s.cidr = p
		} else {
			s.cidrF = fmt.Sprintf("the CIDR block of %s is not known at synth", s.addr)
		}
		m.subnetIpv6(st, s, a)
		if f := st.dyn[s.addr]; f != "" {
			s.vpc, s.vpcF = nil, f
		}
		st.subnets[s.addr] = s
	})
	st.each("aws_route_table", func(n string, a map[string]any) {
		rt := &routeTable{st: st, addr: "aws_route_table." + n}
		rt.vpc, _ = vpcOf(a, "the VPC of "+rt.addr)
		st.rts[rt.addr] = rt
	})
	st.each("aws_default_route_table", func(n string, a map[string]any) {
		rt := &routeTable{st: st, addr: "aws_default_route_table." + n}
		st.rts[rt.addr] = rt
		s2, addr, _, f := m.resolve(st, a["default_route_table_id"], "the table of "+rt.addr)
		if f == "" {
			if v := s2.vpcs[addr]; v != nil {
				rt.vpc = v
				v.mainRT = rt
			}
		}
	})
	st.each("aws_main_route_table_association", func(n string, a map[string]any) {
		v, _ := vpcOf(a, "the VPC of aws_main_route_table_association."+n)
		s2, addr, _, f := m.resolve(st, a["route_table_id"], "the main table of "+n)
		switch {
		case v == nil:
		case f == "" && s2.rts[addr] != nil && st.dyn["aws_main_route_table_association."+n] == "":
			v.mainRT, v.mainReplaced = s2.rts[addr], "aws_main_route_table_association."+n
		default:
			v.mainF = firstFact(st.dyn["aws_main_route_table_association."+n], f, fmt.Sprintf("the main route table of %s (%s) is not in this app", v.addr, addr))
		}
	})
	st.each("aws_security_group", func(n string, a map[string]any) {
		g := &secGroup{st: st, addr: "aws_security_group." + n, f: st.dyn["aws_security_group."+n]}
		g.vpc, _ = vpcOf(a, "the VPC of "+g.addr)
		st.sgs[g.addr] = g
	})
	st.each("aws_default_security_group", func(n string, a map[string]any) {
		g := &secGroup{st: st, addr: "aws_default_security_group." + n}
		g.vpc, _ = vpcOf(a, "the VPC of "+g.addr)
		st.sgs[g.addr] = g
		if g.vpc != nil {
			g.vpc.defaultSG = g
		}
	})
	st.each("aws_internet_gateway", func(n string, a map[string]any) {
		v, _ := vpcOf(a, "the VPC of aws_internet_gateway."+n)
		st.igws["aws_internet_gateway."+n] = v
	})
	st.each("aws_internet_gateway_attachment", func(n string, a map[string]any) {
		v, _ := vpcOf(a, "the VPC of aws_internet_gateway_attachment."+n)
		if s2, addr, _, f := m.resolve(st, a["internet_gateway_id"], "the gateway"); f == "" {
			s2.igws[addr] = v
		}
	})
	st.each("aws_vpc_dhcp_options_association", func(n string, a map[string]any) {
		v, _ := vpcOf(a, "the VPC of aws_vpc_dhcp_options_association."+n)
		if v == nil {
			return
		}
		s2, addr, _, f := m.resolve(st, a["dhcp_options_id"], "the DHCP options of "+v.addr)
		if f != "" {
			v.dhcpF = f
			return
		}
		o := s2.doc.Get(splitAddr(addr))
		if o == nil {
			v.dhcpF = fmt.Sprintf("the DHCP options of %s (%s) are not in this app", v.addr, addr)
			return
		}
		servers, lf := listAttr(o, "domain_name_servers", "the DNS servers of "+addr)
		if lf != "" {
			v.dhcpF = lf
			return
		}
		if servers == nil {
			return // AWS's resolver
		}
		v.dhcpServers = []string{}
		for _, s := range servers {
			str, ok := s.(string)
			if !ok || strings.Contains(str, "${") {
				v.dhcpF = fmt.Sprintf("the DNS servers of %s are not literal values", addr)
				return
			}
			v.dhcpServers = append(v.dhcpServers, str)
		}
	})
}

func (st *stack) buildRest(m *model) {
	sub := func(v any, what string) (*subnet, fact) { return st.subnetRef(m, v, what) }
	subs := func(a map[string]any, key, what string) ([]*subnet, fact) {
		return st.subnetList(m, a, key, what)
	}
	groups := func(a map[string]any, key, what string) ([]*secGroup, fact) {
		return st.groupList(m, a, key, what)
	}

	// Route tables: associations, routes.
	st.each("aws_route_table_association", func(n string, a map[string]any) {
		rt, f := m.tableRef(st, a["route_table_id"], "the table of aws_route_table_association."+n)
		if a["subnet_id"] == nil {
			return // an edge association (gateway_id)
		}
		s, sf := sub(a["subnet_id"], "the subnet of aws_route_table_association."+n)
		if sf != "" {
			return
		}
		if d := st.dyn["aws_route_table_association."+n]; d != "" {
			f = d
		}
		if f != "" {
			s.rtF = f
		} else {
			s.rt = rt
		}
	})
	addRoute := func(rt *routeTable, a map[string]any, what string) {
		r := route{}
		v6 := false
		// An aws_route names its destination destination_*; an inline
		// route block of aws_route_table cidr_block and ipv6_cidr_block.
		d4, d6 := a["destination_cidr_block"], a["destination_ipv6_cidr_block"]
		if d4 == nil || d4 == "" {
			d4 = a["cidr_block"]
		}
		if d6 == nil || d6 == "" {
			d6 = a["ipv6_cidr_block"]
		}
		if p, ok := prefix(d4); ok {
			r.dst = p
		} else if pl, ok := a["destination_prefix_list_id"].(string); ok && pl != "" {
			r.dstPL = pl
		} else if d6 != nil && d6 != "" {
			v6 = true
			if p, _, f := m.ipv6Prefix(st, d6, "the destination of "+what); f == "" {
				r.dst = p
			} else {
				r.f = f
			}
		} else {
			r.f = what + " has a destination privnet cannot read"
		}
		for _, k := range []string{"gateway_id", "nat_gateway_id", "vpc_endpoint_id", "transit_gateway_id", "vpc_peering_connection_id", "network_interface_id", "egress_only_gateway_id", "local_gateway_id", "carrier_gateway_id", "core_network_arn"} {
			v, ok := a[k]
			if !ok || v == nil || v == "" {
				continue
			}
			r.target = fmt.Sprint(v)
			switch k {
			case "transit_gateway_id":
				r.kind = "tgw"
				if s2, addr, _, f := m.resolve(st, v, what); f == "" {
					r.tgw = s2.tgws[addr]
				}
			case "vpc_peering_connection_id":
				r.kind = "pcx"
				if s2, addr, _, f := m.resolve(st, v, what); f == "" {
					r.pcx = s2.pcxs[addr]
				}
			case "network_interface_id":
				r.kind = "eni"
			case "egress_only_gateway_id":
				r.kind = "eigw"
			}
			if r.kind != "" {
				break
			}
			if k == "vpc_endpoint_id" {
				if g := fwRef.FindStringSubmatch(r.target); g != nil {
					r.kind = "firewall"
					r.target = "aws_networkfirewall_firewall." + g[1]
					r.firewall = st.firewalls[r.target]
					break
				}
				r.kind = "other"
				break
			}
			s2, addr, _, f := m.resolve(st, v, what)
			switch {
			case f == "" && strings.HasPrefix(addr, "aws_internet_gateway."):
				r.kind = "igw"
			case f == "" && strings.HasPrefix(addr, "aws_nat_gateway."):
				r.kind, r.nat = "nat", s2.nats[addr]
			case f == "" && strings.HasPrefix(addr, "aws_vpn_gateway."):
				r.kind, r.vgw = "vgw", s2.vgws[addr]
			case k == "gateway_id" && r.target == "local":
				r.kind = "local"
			default:
				r.kind, r.f = "other", what+" goes to "+quote(r.target)+", which privnet does not model"
			}
			break
		}
		if r.kind == "" {
			r.kind, r.f = "other", what+" has no target privnet can read"
		}
		if v6 {
			rt.routes6 = append(rt.routes6, r)
			return
		}
		rt.routes = append(rt.routes, r)
	}
	// NAT gateways and firewalls first: routes point at them.
	st.each("aws_nat_gateway", func(n string, a map[string]any) {
		g := &natGateway{addr: "aws_nat_gateway." + n, public: tfjson.Str(a, "connectivity_type") != "private"}
		g.subnet, g.f = sub(a["subnet_id"], "the subnet of "+g.addr)
		if f := st.dyn[g.addr]; f != "" {
			g.f = f
		}
		st.nats[g.addr] = g
	})
	st.each("aws_networkfirewall_firewall", func(n string, a map[string]any) {
		var out []*subnet
		maps, _ := tfjson.Objects(a["subnet_mapping"], "subnet_mapping")
		for _, mp := range maps {
			if s, f := sub(mp["subnet_id"], "a subnet of the firewall"); f == "" {
				out = append(out, s)
			}
		}
		st.firewalls["aws_networkfirewall_firewall."+n] = out
	})
	for _, typ := range []string{"aws_route_table", "aws_default_route_table"} {
		st.each(typ, func(n string, a map[string]any) {
			rt := st.rts[typ+"."+n]
			inline, _ := tfjson.Objects(a["route"], "route")
			for i, r := range inline {
				addRoute(rt, r, fmt.Sprintf("route %d of %s", i, rt.addr))
			}
		})
	}
	st.each("aws_route", func(n string, a map[string]any) {
		rt, f := m.tableRef(st, a["route_table_id"], "the table of aws_route."+n)
		if f != "" {
			st.looseRoutes = append(st.looseRoutes, f)
			return
		}
		before, before6 := len(rt.routes), len(rt.routes6)
		addRoute(rt, a, "aws_route."+n)
		if f := st.dyn["aws_route."+n]; f != "" {
			if len(rt.routes) > before {
				rt.routes[len(rt.routes)-1].f = f
			}
			if len(rt.routes6) > before6 {
				rt.routes6[len(rt.routes6)-1].f = f
			}
		}
	})

	// Security groups: inline rules and rule resources.
	peer := func(g *secGroup, r sgRule, a map[string]any, cidrKey, refKey, plKey string) []sgRule {
		var out []sgRule
		if cidrKey != "" {
			switch c := a[cidrKey].(type) {
			case string:
				if p, ok := prefix(c); ok {
					r2 := r
					r2.cidr, r2.hasCIDR = p, true
					out = append(out, r2)
				} else if c != "" {
					r2 := r
					r2.f = fmt.Sprintf("a rule of %s has a CIDR privnet cannot read (%s)", g.addr, quote(c))
					out = append(out, r2)
				}
			case []any:
				for _, x := range c {
					r2 := r
					if p, ok := prefix(x); ok {
						r2.cidr, r2.hasCIDR = p, true
					} else {
						r2.f = fmt.Sprintf("a rule of %s has a CIDR privnet cannot read", g.addr)
					}
					out = append(out, r2)
				}
			}
		}
		for _, x := range oneOrList(a[refKey]) {
			r2 := r
			s2, addr, _, f := m.resolve(st, x, "a security group in a rule of "+g.addr)
			switch {
			case f != "":
				r2.f = f
			case s2.sgs[addr] == nil:
				r2.f = fmt.Sprintf("a rule of %s names %s, not a security group of this app", g.addr, addr)
			default:
				r2.ref = s2.sgs[addr]
			}
			out = append(out, r2)
		}
		for _, x := range oneOrList(a[plKey]) {
			r2 := r
			r2.pl = fmt.Sprint(x)
			out = append(out, r2)
		}
		if b, _ := a["self"].(bool); b {
			r2 := r
			r2.ref = g
			out = append(out, r2)
		}
		return out
	}
	base := func(a map[string]any, protoKey string) sgRule {
		r := sgRule{proto: normProto(tfjson.Scalar(a[protoKey])), from: intAttr(a, "from_port", -1), to: intAttr(a, "to_port", -1)}
		if r.proto == "-1" {
			r.from, r.to = 0, 65535
		} else if f := literalRule(a, protoKey); f != "" {
			r.f = f
		}
		return r
	}
	for _, typ := range []string{"aws_security_group", "aws_default_security_group"} {
		st.each(typ, func(n string, a map[string]any) {
			g := st.sgs[typ+"."+n]
			for _, dir := range []string{"ingress", "egress"} {
				blocks, _ := tfjson.Objects(a[dir], dir)
				for _, b := range blocks {
					rules := peer(g, base(b, "protocol"), b, "cidr_blocks", "security_groups", "prefix_list_ids")
					rules6 := m.peer6(st, g, base(b, "protocol"), b["ipv6_cidr_blocks"])
					g.add(dir == "ingress", rules, rules6)
				}
			}
		})
	}
	for _, dir := range []string{"ingress", "egress"} {
		st.each("aws_vpc_security_group_"+dir+"_rule", func(n string, a map[string]any) {
			s2, addr, _, f := m.resolve(st, a["security_group_id"], "the group of a rule")
			if f != "" || s2.sgs[addr] == nil {
				return
			}
			g := s2.sgs[addr]
			r := base(a, "ip_protocol")
			if f := st.dyn["aws_vpc_security_group_"+dir+"_rule."+n]; f != "" {
				r.f = f
			}
			rules := peer(g, r, a, "cidr_ipv4", "referenced_security_group_id", "prefix_list_id")
			rules6 := m.peer6(st, g, r, a["cidr_ipv6"])
			g.add(dir == "ingress", rules, rules6)
		})
	}
	st.each("aws_security_group_rule", func(n string, a map[string]any) {
		s2, addr, _, f := m.resolve(st, a["security_group_id"], "the group of a rule")
		if f != "" || s2.sgs[addr] == nil {
			return
		}
		g := s2.sgs[addr]
		r := base(a, "protocol")
		if f := st.dyn["aws_security_group_rule."+n]; f != "" {
			r.f = f
		}
		rules := peer(g, r, a, "cidr_blocks", "source_security_group_id", "prefix_list_ids")
		rules6 := m.peer6(st, g, r, a["ipv6_cidr_blocks"])
		g.add(tfjson.Str(a, "type") == "ingress", rules, rules6)
	})

	// Network ACLs.
	naclRules := func(blocks []map[string]any, what string) (out, out6 []naclRule) {
		for _, b := range blocks {
			r := naclRule{num: intAttr(b, "rule_no", intAttr(b, "rule_number", 0)), allow: tfjson.Str(b, "action") == "allow" || tfjson.Str(b, "rule_action") == "allow",
				proto: normProto(tfjson.Scalar(b["protocol"])), from: intAttr(b, "from_port", 0), to: intAttr(b, "to_port", 0)}
			if r.proto == "-1" {
				r.from, r.to = 0, 65535
			} else if f := literalRule(b, "protocol"); f != "" {
				r.f = what + ": " + f
			}
			numKey := "rule_no"
			if _, ok := b[numKey]; !ok {
				numKey = "rule_number"
			}
			if _, err := strconv.Atoi(tfjson.Scalar(b[numKey])); err != nil {
				r.f = what + " has a rule whose number privnet cannot read"
			}
			if p, ok := prefix(b["cidr_block"]); ok {
				r.cidr = p
			} else if c6 := b["ipv6_cidr_block"]; c6 != nil && c6 != "" {
				p, synth, f := m.ipv6Prefix(st, c6, "a rule of "+what)
				r.cidr, r.lit6, r.label = p, f == "" && synth == "" && p.Bits() > 0, synth
				if f != "" {
					r.f = f
				}
				out6 = append(out6, r)
				continue
			} else {
				r.f = what + " has a rule whose CIDR privnet cannot read"
			}
			out = append(out, r)
		}
		return out, out6
	}
	attachNACL := func(nc *nacl, a map[string]any, what string) {
		ss, _ := subs(a, "subnet_ids", what)
		for _, s := range ss {
			s.nacl = nc
		}
	}
	st.each("aws_network_acl", func(n string, a map[string]any) {
		nc := &nacl{addr: "aws_network_acl." + n}
		in, _ := tfjson.Objects(a["ingress"], "ingress")
		eg, _ := tfjson.Objects(a["egress"], "egress")
		nc.ingress, nc.ingress6 = naclRules(in, nc.addr)
		nc.egress, nc.egress6 = naclRules(eg, nc.addr)
		st.nacls[nc.addr] = nc
		attachNACL(nc, a, "the subnets of "+nc.addr)
	})
	st.each("aws_default_network_acl", func(n string, a map[string]any) {
		nc := &nacl{addr: "aws_default_network_acl." + n}
		in, _ := tfjson.Objects(a["ingress"], "ingress")
		eg, _ := tfjson.Objects(a["egress"], "egress")
		nc.ingress, nc.ingress6 = naclRules(in, nc.addr)
		nc.egress, nc.egress6 = naclRules(eg, nc.addr)
		st.nacls[nc.addr] = nc
		if s2, addr, _, f := m.resolve(st, a["default_network_acl_id"], "the ACL"); f == "" && s2.vpcs[addr] != nil {
			s2.vpcs[addr].defaultNACL = nc
		}
		attachNACL(nc, a, "the subnets of "+nc.addr)
	})
	st.each("aws_network_acl_rule", func(n string, a map[string]any) {
		s2, addr, _, f := m.resolve(st, a["network_acl_id"], "the ACL of a rule")
		if f != "" || s2.nacls[addr] == nil {
			return
		}
		nc := s2.nacls[addr]
		rs, rs6 := naclRules([]map[string]any{a}, nc.addr)
		if f := st.dyn["aws_network_acl_rule."+n]; f != "" {
			for i := range rs {
				rs[i].f = f
			}
			for i := range rs6 {
				rs6[i].f = f
			}
		}
		if b, _ := a["egress"].(bool); b {
			nc.egress, nc.egress6 = append(nc.egress, rs...), append(nc.egress6, rs6...)
		} else {
			nc.ingress, nc.ingress6 = append(nc.ingress, rs...), append(nc.ingress6, rs6...)
		}
	})
	st.each("aws_network_acl_association", func(n string, a map[string]any) {
		s2, addr, attr, f := m.resolve(st, a["network_acl_id"], "the ACL of aws_network_acl_association."+n)
		s, sf := sub(a["subnet_id"], "the subnet")
		if sf != "" {
			return
		}
		if f == "" && attr == "default_network_acl_id" && s2.vpcs[addr] != nil && st.dyn["aws_network_acl_association."+n] == "" {
			s.nacl = nil // back to the VPC's default ACL, which finish assigns
			return
		}
		if d := st.dyn["aws_network_acl_association."+n]; d != "" {
			f = d
		}
		switch {
		case f != "":
			s.nacl = &nacl{addr: "aws_network_acl_association." + n, f: f}
		case s2.nacls[addr] == nil:
			s.nacl = &nacl{addr: "aws_network_acl_association." + n, f: fmt.Sprintf("the network ACL of %s (%s) is not in this app", s.addr, addr)}
		default:
			s.nacl = s2.nacls[addr]
		}
	})

	// Lattice.
	st.each("aws_vpclattice_resource_gateway", func(n string, a map[string]any) {
		g := &resourceGateway{st: st, addr: "aws_vpclattice_resource_gateway." + n}
		var f1, f2, f3 fact
		g.vpc, f1 = func() (*vpc, fact) {
			s2, addr, _, f := m.resolve(st, a["vpc_id"], "the VPC of "+g.addr)
			if f != "" {
				return nil, f
			}
			return s2.vpcs[addr], ""
		}()
		g.subnets, f2 = subs(a, "subnet_ids", "the subnets of "+g.addr)
		g.sgs, f3 = groups(a, "security_group_ids", "the security groups of "+g.addr)
		g.f = firstFact(st.dyn[g.addr], f1, f2, f3)
		st.gateways[g.addr] = g
	})
	st.each("aws_vpclattice_resource_configuration", func(n string, a map[string]any) {
		c := &resourceConfig{st: st, addr: "aws_vpclattice_resource_configuration." + n}
		if s2, addr, _, f := m.resolve(st, a["resource_gateway_identifier"], "the gateway of "+c.addr); f != "" {
			c.gwF = f
		} else if c.gateway = s2.gateways[addr]; c.gateway == nil {
			c.gwF = fmt.Sprintf("the gateway of %s (%s) is not in this app", c.addr, addr)
		}
		prs, lf := listAttr(a, "port_ranges", "the port ranges of "+c.addr)
		if lf != "" {
			c.portsF = lf
		}
		for _, pr := range prs {
			lo, hi, ok := portRange(fmt.Sprint(pr))
			if !ok {
				c.portsF = fmt.Sprintf("the port ranges of %s are not literal", c.addr)
				break
			}
			c.ports = append(c.ports, [2]int{lo, hi})
		}
		defs, _ := tfjson.Objects(a["resource_configuration_definition"], "definition")
		for _, d := range defs {
			ips, _ := tfjson.Objects(d["ip_resource"], "ip")
			for _, ip := range ips {
				if x, err := netip.ParseAddr(tfjson.Str(ip, "ip_address")); err == nil {
					c.ips = append(c.ips, x)
				} else {
					c.f = fmt.Sprintf("the IP address of %s is not literal", c.addr)
				}
			}
			dns, _ := tfjson.Objects(d["dns_resource"], "dns")
			for _, x := range dns {
				c.domain = tfjson.Str(x, "domain_name")
			}
		}
		if f := st.dyn[c.addr]; f != "" {
			c.f = f
		}
		if len(c.ips) == 0 && c.f == "" {
			c.f = fmt.Sprintf("%s names its resource by %s, not by an IP address privnet can follow", c.addr, orWord(c.domain, "an ARN or a child configuration"))
		}
		st.configs[c.addr] = c
	})

	// Instances and Instance Connect endpoints.
	st.each("aws_instance", func(n string, a map[string]any) {
		in := &instance{st: st, addr: "aws_instance." + n, publicIP: boolAttr(a, "associate_public_ip_address", false)}
		in.subnet, in.subnetF = sub(a["subnet_id"], "the subnet of "+in.addr)
		if f := st.dyn[in.addr]; f != "" {
			in.subnet, in.subnetF = nil, f
		}
		in.sgs, in.sgF = groups(a, "vpc_security_group_ids", "the security groups of "+in.addr)
		switch {
		case a["network_interface"] != nil || a["primary_network_interface"] != nil:
			in.subnet, in.subnetF = nil, fmt.Sprintf("%s is attached to a network interface made elsewhere, which privnet does not follow", in.addr)
		case a["security_groups"] != nil && a["vpc_security_group_ids"] == nil:
			in.sgF = fmt.Sprintf("%s names its security groups by name (security_groups), which privnet does not follow", in.addr)
		}
		if ip, err := netip.ParseAddr(tfjson.Str(a, "private_ip")); err == nil {
			in.ip = ip
			st.byIP[ip] = append(st.byIP[ip], in)
		}
		if _, set := a["associate_public_ip_address"]; !set && in.subnet != nil {
			in.publicIP = in.subnet.mapPublicIP
		}
		if len(in.sgs) == 0 && in.sgF == "" && in.subnet != nil && in.subnet.vpc != nil {
			// No group given (or an empty list): AWS attaches the VPC's
			// default group.
			in.sgs = []*secGroup{in.subnet.vpc.defaultSG}
		}
		st.instances[in.addr] = in
	})
	// Elastic IPs give an instance a public address.
	for _, typ := range []string{"aws_eip", "aws_eip_association"} {
		st.each(typ, func(n string, a map[string]any) {
			v, ok := a["instance"]
			if !ok {
				v, ok = a["instance_id"]
			}
			if !ok {
				return
			}
			if s2, addr, _, f := m.resolve(st, v, "the instance of "+typ+"."+n); f == "" && s2.instances[addr] != nil {
				if st.dyn[typ+"."+n] != "" {
					if s2.instances[addr].publicIP == no {
						s2.instances[addr].publicIP = unk
					}
				} else {
					s2.instances[addr].publicIP = yes
				}
			}
		})
	}
	st.each("aws_ec2_instance_connect_endpoint", func(n string, a map[string]any) {
		e := &eic{st: st, addr: "aws_ec2_instance_connect_endpoint." + n}
		e.subnet, e.subnetF = sub(a["subnet_id"], "the subnet of "+e.addr)
		if f := st.dyn[e.addr]; f != "" {
			e.subnet, e.subnetF = nil, f
		}
		e.sgs, e.sgF = groups(a, "security_group_ids", "the security groups of "+e.addr)
		if len(e.sgs) == 0 && e.sgF == "" && e.subnet != nil && e.subnet.vpc != nil {
			e.sgs = []*secGroup{e.subnet.vpc.defaultSG}
		}
		e.preserve = boolAttr(a, "preserve_client_ip", false)
		st.eics[e.addr] = e
	})

	// Load balancers and endpoint services.
	st.each("aws_lb", func(n string, a map[string]any) {
		lb := &loadBalancer{st: st, addr: "aws_lb." + n, listeners: map[int][]*targetGroup{}, enforcePL: tfjson.Str(a, "enforce_security_group_inbound_rules_on_private_link_traffic") != "off"}
		var f1, f2 fact
		lb.subnets, f1 = subs(a, "subnets", "the subnets of "+lb.addr)
		lb.sgs, f2 = groups(a, "security_groups", "the security groups of "+lb.addr)
		if len(lb.sgs) == 0 {
			lb.enforcePL = false
		}
		lb.f = firstFact(st.dyn[lb.addr], f1, f2)
		st.lbs[lb.addr] = lb
	})
	st.each("aws_lb_target_group", func(n string, a map[string]any) {
		st.tgs["aws_lb_target_group."+n] = &targetGroup{addr: "aws_lb_target_group." + n, port: intAttr(a, "port", 0), f: st.dyn["aws_lb_target_group."+n]}
	})
	st.each("aws_lb_target_group_attachment", func(n string, a map[string]any) {
		s2, addr, _, f := m.resolve(st, a["target_group_arn"], "the target group")
		if f != "" || s2.tgs[addr] == nil {
			return
		}
		tg := s2.tgs[addr]
		if d := st.dyn["aws_lb_target_group_attachment."+n]; d != "" {
			tg.f = d
			return
		}
		s3, iaddr, _, f := m.resolve(st, a["target_id"], "a target of "+tg.addr)
		if f != "" {
			tg.f = f
			return
		}
		if in := s3.instances[iaddr]; in != nil {
			if tg.seen == nil {
				tg.seen = map[*instance]bool{}
			}
			if !tg.seen[in] {
				tg.seen[in] = true
				tg.targets = append(tg.targets, in)
			}
			if p := intAttr(a, "port", 0); p > 0 {
				tg.port = p
			}
			return
		}
		tg.f = fmt.Sprintf("a target of %s is %s, which privnet does not model", tg.addr, iaddr)
	})
	st.each("aws_lb_listener", func(n string, a map[string]any) {
		what := "aws_lb_listener." + n
		s2, addr, _, f := m.resolve(st, a["load_balancer_arn"], "the load balancer of "+what)
		if f == "" && s2.lbs[addr] == nil {
			f = fmt.Sprintf("the load balancer of %s (%s) is not in this app", what, addr)
		}
		port, err := strconv.Atoi(tfjson.Scalar(a["port"]))
		if f == "" && err != nil {
			f = fmt.Sprintf("the port of %s is not a literal number", what)
		}
		if f == "" {
			f = st.dyn[what]
		}
		if f != "" {
			st.looseListeners = append(st.looseListeners, f)
			return
		}
		lb := s2.lbs[addr]
		// A forward action names its target group directly, or in a
		// forward block (weighted target groups: traffic goes to each, so
		// each must reach its targets).
		acts, err := tfjson.Objects(a["default_action"], "default_action")
		if err != nil || len(acts) == 0 {
			st.looseListeners = append(st.looseListeners, fmt.Sprintf("the default action of %s is not one privnet can read", what))
			return
		}
		for _, act := range acts {
			var arns []any
			if arn, ok := act["target_group_arn"]; ok {
				arns = append(arns, arn)
			} else {
				fw, err := tfjson.Objects(act["forward"], "forward")
				if err != nil {
					st.looseListeners = append(st.looseListeners, fmt.Sprintf("the forward action of %s is not one privnet can read", what))
				}
				for _, x := range fw {
					tgs, err := tfjson.Objects(x["target_group"], "target_group")
					if err != nil {
						st.looseListeners = append(st.looseListeners, fmt.Sprintf("the target groups of %s are not ones privnet can read", what))
					}
					for _, g := range tgs {
						if w, ok := g["weight"]; ok && tfjson.Scalar(w) == "0" {
							continue // weight 0: no traffic goes there
						}
						arns = append(arns, g["arn"])
					}
				}
			}
			for _, arn := range arns {
				s3, tgAddr, _, f := m.resolve(st, arn, "the target group of "+what)
				switch {
				case f != "":
					st.looseListeners = append(st.looseListeners, f)
				case s3.tgs[tgAddr] == nil:
					st.looseListeners = append(st.looseListeners, fmt.Sprintf("the target group of %s (%s) is not in this app", what, tgAddr))
				case !slices.Contains(lb.listeners[port], s3.tgs[tgAddr]):
					lb.listeners[port] = append(lb.listeners[port], s3.tgs[tgAddr])
				}
			}
		}
	})
	st.each("aws_vpc_endpoint_service", func(n string, a map[string]any) {
		es := &endpointService{st: st, addr: "aws_vpc_endpoint_service." + n, acceptance: boolAttr(a, "acceptance_required", false)}
		arns, lf := listAttr(a, "network_load_balancer_arns", "the load balancers of "+es.addr)
		es.lbF = firstFact(st.dyn[es.addr], lf)
		for _, v := range arns {
			s2, addr, _, f := m.resolve(st, v, "the load balancer of "+es.addr)
			if f != "" {
				es.lbF = f
				continue
			}
			if lb := s2.lbs[addr]; lb != nil {
				es.lbs = append(es.lbs, lb)
			}
		}
		if len(es.lbs) == 0 && es.lbF == "" {
			es.lbF = es.addr + " has no network load balancer privnet can follow (a Gateway Load Balancer service is not modelled)"
		}
		regions, rf := listAttr(a, "supported_regions", "the supported regions of "+es.addr)
		es.regionsF = rf
		for _, r := range regions {
			es.regions = append(es.regions, fmt.Sprint(r))
		}
		st.services[es.addr] = es
	})
}

// dnsOverrides finds Resolver rules and private hosted zones associated
// with a VPC that may answer AWS service names instead of the VPC's
// private DNS (privnet reads neither their records nor their targets yet).
func (st *stack) dnsOverrides(m *model) {
	awsDomain := func(name string) bool {
		name = strings.TrimSuffix(strings.ToLower(name), ".")
		for _, d := range []string{"amazonaws.com", "amazonaws.com.cn", "api.aws", "amazonwebservices.com.cn"} {
			if name == "" || name == d || strings.HasSuffix(name, "."+d) || strings.HasSuffix(d, "."+name) {
				return true
			}
		}
		return false
	}
	vpcOf := func(v any) *vpc {
		s2, addr, _, f := m.resolve(st, v, "a VPC")
		if f == "" && strings.HasPrefix(addr, "aws_route53_vpc_association_authorization.") {
			// The provider's example takes the VPC from the authorization.
			s2, addr, _, f = m.resolve(s2, s2.doc.Get(splitAddr(addr))["vpc_id"], "a VPC")
		}
		if f == "" {
			return s2.vpcs[addr]
		}
		return nil
	}
	st.each("aws_route53_resolver_rule_association", func(n string, a map[string]any) {
		v := vpcOf(a["vpc_id"])
		if v == nil {
			return
		}
		domain := "(a domain privnet cannot read)"
		if s2, addr, _, f := m.resolve(st, a["resolver_rule_id"], "the rule"); f == "" {
			if r := s2.doc.Get(splitAddr(addr)); r != nil {
				if d, ok := r["domain_name"].(string); ok && !strings.Contains(d, "${") {
					domain = d
				}
			}
		}
		if strings.HasPrefix(domain, "(") {
			f := fmt.Sprintf("Resolver rule association aws_route53_resolver_rule_association.%s sends %s away from the VPC resolver's private DNS", n, quote(domain))
			v.dnsOverride = append(v.dnsOverride, f)
			v.ruleF = append(v.ruleF, f)
			return
		}
		typ := "FORWARD"
		if s2, addr, _, f := m.resolve(st, a["resolver_rule_id"], "the rule"); f == "" {
			if r := s2.doc.Get(splitAddr(addr)); r != nil {
				typ = strings.ToUpper(tfjson.Str(r, "rule_type"))
			}
		}
		v.rules = append(v.rules, fwdRule{domain: strings.ToLower(strings.TrimSuffix(domain, ".")), system: typ == "SYSTEM", addr: "aws_route53_resolver_rule_association." + n})
	})
	// zone records a zone associated with v. A zone whose name cannot be
	// read may answer anything (dnsOverride); one whose name is read
	// answers its own names (v.zones), through z when privnet can read
	// its records. bad: the association fails at apply.
	zone := func(name string, v *vpc, what string, z *phz, bad, why fact) {
		if v == nil {
			return
		}
		if strings.Contains(name, "${") || strings.HasPrefix(name, "(") {
			if !strings.HasPrefix(name, "(") {
				name = "(a name privnet cannot read)"
			}
			f := fmt.Sprintf("private hosted zone %s (%s) is associated with %s and may answer any name", quote(name), what, v.addr)
			if why != "" {
				f += " (" + why + ")"
			}
			v.dnsOverride = append(v.dnsOverride, f)
			v.zones = append(v.zones, zoneOverride{f: f})
			return
		}
		if !awsDomain(name) {
			return
		}
		f := fmt.Sprintf("private hosted zone %s (%s) is associated with %s, and privnet cannot read its records", quote(name), what, v.addr)
		switch {
		case bad != "":
			f, z = bad, nil
		case why != "":
			f, z = fmt.Sprintf("whether private hosted zone %s (%s) answers %s is not in the JSON: %s", quote(name), what, v.addr, why), nil
		}
		v.zones = append(v.zones, zoneOverride{name: strings.TrimSuffix(strings.ToLower(name), "."), what: what, z: z, f: f, bad: bad})
	}
	st.each("aws_route53_zone", func(n string, a map[string]any) {
		vs, _ := tfjson.Objects(a["vpc"], "vpc")
		for _, b := range vs {
			v := vpcOf(b["vpc_id"])
			if v == nil {
				continue
			}
			// A zone's own VPCs are associated by the zone's account: a VPC
			// of another account is refused (it needs an authorization and
			// its own account's call: Route 53 API Reference,
			// CreateHostedZone and AssociateVPCWithHostedZone).
			bad, why := "", st.dyn["aws_route53_zone."+n]
			switch same, sf := sameAccount(st, v.st); same {
			case unk:
				why = firstFact(why, sf)
			case no:
				bad = fmt.Sprintf("aws_route53_zone.%s of stack %s names %s of stack %s, another account, among its VPCs: AWS associates a VPC of another account only when that account asks, after an authorization", n, st.name, v.addr, v.st.name)
			}
			zone(tfjson.Str(a, "name"), v, "aws_route53_zone."+n, st.phzs["aws_route53_zone."+n], bad, why)
		}
	})
	// A Route 53 Profile brings its zones and rules to the VPC: those of
	// a Profile of this app, of the VPC's account, associated by that
	// account, whose resource associations are all zones, count as the
	// VPC's own; any other may answer anything.
	st.each("aws_route53profiles_association", func(n string, a map[string]any) {
		v := vpcOf(a["resource_id"])
		if v == nil {
			return
		}
		var p *profile
		if s2, addr, _, f := m.resolve(st, a["profile_id"], "the Profile"); f == "" {
			p = s2.profiles[addr]
		}
		why := ""
		switch {
		case p == nil:
		case p.f != "":
			why = p.f
		case st.dyn["aws_route53profiles_association."+n] != "":
			why = st.dyn["aws_route53profiles_association."+n]
		case sameAccountFact(p.st, v.st) != "" || sameAccountFact(st, v.st) != "":
			why = fmt.Sprintf("%s, or the association, is not of %s's account: a Profile reaches another account only shared through AWS RAM, which privnet does not read", p.addr, v.addr)
		}
		if p == nil || why != "" {
			f := fmt.Sprintf("Route 53 Profile association aws_route53profiles_association.%s brings the Profile's private hosted zones and Resolver rules to %s, which may answer the service's name; privnet cannot read them", n, v.addr)
			if why != "" {
				f += " (" + why + ")"
			}
			v.dnsOverride = append(v.dnsOverride, f)
			v.zones = append(v.zones, zoneOverride{f: f})
			return
		}
		for _, z := range p.zones {
			zone(z.name, v, fmt.Sprintf("%s, through Route 53 Profile %s", z.addr, p.addr), z, "", "")
		}
	})
	st.each("aws_route53_zone_association", func(n string, a map[string]any) {
		addrA := "aws_route53_zone_association." + n
		v := vpcOf(a["vpc_id"])
		if v == nil {
			return
		}
		name := "(a zone privnet cannot read)"
		var z *phz
		var named *authz // the authorization zone_id names
		s2, addr, _, f := m.resolve(st, a["zone_id"], "the zone")
		if f == "" && strings.HasPrefix(addr, "aws_route53_vpc_association_authorization.") {
			// Across accounts the association names the zone through its
			// authorization, which must be for the same VPC.
			named = m.authzAt(s2, addr)
			if named == nil || named.vpc != v {
				f = "its authorization " + addr + " names another VPC, or one privnet cannot follow"
			} else {
				s2, addr, _, f = m.resolve(s2, s2.doc.Get(splitAddr(addr))["zone_id"], "the zone")
			}
		}
		if f == "" {
			z = s2.phzs[addr]
			if d := s2.doc.Get(splitAddr(addr)); d != nil {
				if zn, ok := d["name"].(string); ok && !strings.Contains(zn, "${") {
					name = zn
				}
			}
		}
		if strings.HasPrefix(name, "(") {
			why := fmt.Sprintf("%s associates a zone privnet cannot read with %s", addrA, v.addr)
			if f != "" {
				why += " (" + f + ")"
			}
			v.dnsOverride = append(v.dnsOverride, why)
			v.zones = append(v.zones, zoneOverride{f: why})
			return
		}
		bad, why := "", st.dyn[addrA]
		if z != nil {
			b, w := m.associationAllowed(st, addrA, z, v, named)
			bad, why = b, firstFact(why, w)
		}
		zone(name, v, addrA, z, bad, why)
	})
}

// finish runs last: subnets with no table of their own use their VPC's
// main table (which an endpoint may have named); no ACL of their own, the
// VPC's default one.
func (st *stack) finish() {
	// Rules may come from other stacks: order and cap them once all are in.
	for _, n := range tfjson.SortedKeys(st.nacls) {
		nc := st.nacls[n]
		sort.SliceStable(nc.ingress, func(i, j int) bool { return nc.ingress[i].num < nc.ingress[j].num })
		sort.SliceStable(nc.egress, func(i, j int) bool { return nc.egress[i].num < nc.egress[j].num })
		sort.SliceStable(nc.ingress6, func(i, j int) bool { return nc.ingress6[i].num < nc.ingress6[j].num })
		sort.SliceStable(nc.egress6, func(i, j int) bool { return nc.egress6[i].num < nc.egress6[j].num })
		// The quota holds for IPv4 and IPv6 rules separately.
		if max(len(nc.ingress), len(nc.egress), len(nc.ingress6), len(nc.egress6)) > maxACLRules {
			nc.f = fmt.Sprintf("%s has %d and %d IPv4 rules and %d and %d IPv6 rules (in and out), more than AWS allows", nc.addr, len(nc.ingress), len(nc.egress), len(nc.ingress6), len(nc.egress6))
		}
		if f := st.dyn[nc.addr]; f != "" {
			nc.f = f
		}
	}
	for _, g := range st.sgs {
		if max(len(g.ingress), len(g.egress), len(g.ingress6), len(g.egress6)) > maxGroupRules {
			g.f = fmt.Sprintf("%s has %d and %d IPv4 rules and %d and %d IPv6 rules (in and out), more than AWS allows", g.addr, len(g.ingress), len(g.egress), len(g.ingress6), len(g.egress6))
		}
	}
	for _, s := range st.subnets {
		if s.rt == nil && s.rtF == "" && s.vpc != nil {
			s.rt, s.rtF = s.vpc.mainRT, s.vpc.mainF // nil: AWS's main table, local route only
		}
		if s.nacl == nil && s.vpc != nil {
			s.nacl = s.vpc.defaultNACL
		}
	}
}

// buildEndpoints runs once every stack's other resources are in place:
// an endpoint may name an endpoint service or a resource configuration of
// another stack.
func (st *stack) buildEndpoints(m *model) {
	subs := func(a map[string]any, key, what string) ([]*subnet, fact) {
		return st.subnetList(m, a, key, what)
	}
	groups := func(a map[string]any, key, what string) ([]*secGroup, fact) {
		return st.groupList(m, a, key, what)
	}
	st.each("aws_vpc_endpoint", func(n string, a map[string]any) {
		e := &endpoint{st: st, addr: "aws_vpc_endpoint." + n, typ: tfjson.Str(a, "vpc_endpoint_type"), region: st.region.Name}
		if _, set := a["vpc_endpoint_type"]; !set {
			e.typ = "Gateway" // the provider's default
		}
		switch e.typ {
		case "Interface", "Gateway", "Resource", "ServiceNetwork", "GatewayLoadBalancer":
		default:
			e.nameF = fmt.Sprintf("the type of %s is %s, not one privnet can read", e.addr, quote(tfjson.Scalar(a["vpc_endpoint_type"])))
		}
		if r, set := a["service_region"]; set {
			if rs, ok := r.(string); ok && !strings.Contains(rs, "${") {
				e.region = rs
			} else {
				e.nameF = fmt.Sprintf("the service region of %s is not a literal value", e.addr)
			}
		}
		if f := st.dyn[e.addr]; f != "" {
			e.nameF = f
		}
		if s2, addr, _, f := m.resolve(st, a["vpc_id"], "the VPC of "+e.addr); f != "" {
			e.vpcF = f
		} else if e.vpc = s2.vpcs[addr]; e.vpc == nil {
			e.vpcF = fmt.Sprintf("the VPC of %s (%s) is not in this app", e.addr, addr)
		}
		if e.vpcF != "" {
			st.looseEndpoints = append(st.looseEndpoints, e.vpcF)
		}
		e.private = boolAttr(a, "private_dns_enabled", false)
		if e.typ != "Interface" {
			e.private = no
		}
		e.inbound, e.inboundSet = no, false
		if opts, _ := tfjson.Objects(a["dns_options"], "dns_options"); len(opts) > 0 {
			if _, set := opts[0]["private_dns_only_for_inbound_resolver_endpoint"]; set {
				e.inbound, e.inboundSet = boolAttr(opts[0], "private_dns_only_for_inbound_resolver_endpoint", false), true
			}
		}
		e.subnets, e.subF = subs(a, "subnet_ids", "the subnets of "+e.addr)
		e.ipTypes(a)
		e.sgs, e.sgF = groups(a, "security_group_ids", "the security groups of "+e.addr)
		if len(e.sgs) == 0 && e.sgF == "" {
			e.sgs = nil
		}
		switch e.typ {
		case "Resource":
			if s2, addr, _, f := m.resolve(st, a["resource_configuration_arn"], "the resource configuration of "+e.addr); f != "" {
				e.configF = f
			} else if e.config = s2.configs[addr]; e.config == nil {
				e.configF = fmt.Sprintf("the resource configuration of %s (%s) is not in this app", e.addr, addr)
			}
		case "ServiceNetwork":
			e.configF = e.addr + " reaches a service network, whose associations privnet does not model yet"
		default:
			name := a["service_name"]
			if s, ok := name.(string); ok && !strings.Contains(s, "${") {
				e.name = s
				if svc, r, ok := catalog.ByServiceName(s); ok {
					e.svc = svc
					if r != "" {
						e.region = r // the name says which region's service it is
					}
				} else if e.typ == "Gateway" {
					// Gateway endpoints keep com.amazonaws.<region>.<key>
					// in every partition (China included).
					if rest, ok := strings.CutPrefix(s, "com.amazonaws."+st.region.Name+"."); ok {
						if svc, ok := catalog.Lookup(rest); ok && svc.Offers(catalog.Gateway) {
							e.svc = svc
						}
					}
				}
			} else if s2, addr, attr, f := m.resolve(st, name, "the service name of "+e.addr); f == "" && attr == "service_name" && s2.services[addr] != nil {
				e.custom = s2.services[addr]
				e.name = e.custom.addr
			} else if f != "" {
				e.nameF = f
			} else {
				e.nameF = fmt.Sprintf("the service name of %s comes from %s, which privnet does not model", e.addr, addr)
			}
		}
		if e.typ == "Gateway" {
			tables, lf := listAttr(a, "route_table_ids", "the route tables of "+e.addr)
			if lf != "" {
				e.gwF = lf
			}
			for _, v := range tables {
				if rt, f := m.tableRef(st, v, "a route table of "+e.addr); f != "" {
					e.gwF = f
				} else {
					rt.gateway = append(rt.gateway, e)
				}
			}
		}
		if e.vpc != nil {
			e.vpc.endpoints = append(e.vpc.endpoints, e)
			if e.nameF != "" {
				e.vpc.unknownEndpoints = append(e.vpc.unknownEndpoints, e)
			}
		}
		st.endpoints[e.addr] = e
	})
	st.each("aws_vpc_endpoint_route_table_association", func(n string, a map[string]any) {
		s2, addr, _, f := m.resolve(st, a["vpc_endpoint_id"], "the endpoint of aws_vpc_endpoint_route_table_association."+n)
		rt, f2 := m.tableRef(st, a["route_table_id"], "the table of aws_vpc_endpoint_route_table_association."+n)
		if d := st.dyn["aws_vpc_endpoint_route_table_association."+n]; d != "" {
			f2 = d
		}
		switch {
		case f == "" && s2.endpoints[addr] != nil && f2 == "":
			rt.gateway = append(rt.gateway, s2.endpoints[addr])
		case f == "" && s2.endpoints[addr] != nil:
			s2.endpoints[addr].gwF = f2
		default:
			st.looseEndpoints = append(st.looseEndpoints, firstFact(f, "aws_vpc_endpoint_route_table_association."+n+" names no endpoint of this app"))
		}
	})
}

// tableRef follows a route table reference: a table of the app, the
// default (main) table, or a VPC's main table by its attribute.
func (m *model) tableRef(st *stack, v any, what string) (*routeTable, fact) {
	s2, addr, attr, f := m.resolve(st, v, what)
	if f != "" {
		return nil, f
	}
	if rt := s2.rts[addr]; rt != nil {
		return rt, ""
	}
	if vp := s2.vpcs[addr]; vp != nil && (attr == "main_route_table_id" || attr == "default_route_table_id") {
		if vp.mainReplaced != "" {
			return nil, fmt.Sprintf("%s names %s.%s, the table AWS made, which %s replaced as the main table", what, vp.addr, attr, vp.mainReplaced)
		}
		if vp.mainRT == nil {
			vp.mainRT = &routeTable{st: s2, addr: "the main route table of " + vp.addr, vpc: vp}
		}
		return vp.mainRT, ""
	}
	return nil, fmt.Sprintf("%s names %s, which is not a route table of this app", what, addr)
}

// subnetList reads a list of subnet references.
func (st *stack) subnetList(m *model, a map[string]any, key, what string) ([]*subnet, fact) {
	var out []*subnet
	l, ok := a[key].([]any)
	if !ok {
		if a[key] == nil {
			return nil, ""
		}
		return nil, what + " is not a list privnet can read"
	}
	seen := map[*subnet]bool{}
	for _, v := range l {
		s, f := st.subnetRef(m, v, what)
		if f != "" {
			return nil, f
		}
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out, ""
}

// subnetRef follows one subnet reference.
func (st *stack) subnetRef(m *model, v any, what string) (*subnet, fact) {
	s2, addr, _, f := m.resolve(st, v, what)
	if f != "" {
		return nil, f
	}
	if s := s2.subnets[addr]; s != nil {
		return s, ""
	}
	return nil, fmt.Sprintf("%s names %s, which is not a subnet of this app", what, addr)
}

// groupList reads a list of security group references.
func (st *stack) groupList(m *model, a map[string]any, key, what string) ([]*secGroup, fact) {
	l, ok := a[key].([]any)
	if !ok {
		if a[key] == nil {
			return nil, ""
		}
		return nil, what + " is not a list privnet can read"
	}
	out := []*secGroup{}
	seen := map[*secGroup]bool{}
	for _, v := range l {
		s2, addr, _, f := m.resolve(st, v, what)
		if f != "" {
			return nil, f
		}
		g := s2.sgs[addr]
		if g == nil {
			return nil, fmt.Sprintf("%s names %s, which is not a security group of this app", what, addr)
		}
		if !seen[g] {
			seen[g] = true
			out = append(out, g)
		}
	}
	return out, ""
}

// literalRule says why a rule's protocol or ports are not literal values
// ("" when they are): a token port must not read as "any port".
func literalRule(a map[string]any, protoKey string) fact {
	switch normProto(tfjson.Scalar(a[protoKey])) {
	case "tcp", "udp", "icmp", "-1", "58", "icmpv6":
	default:
		return fmt.Sprintf("a rule's protocol %s is not one privnet can read", quote(tfjson.Scalar(a[protoKey])))
	}
	for _, k := range []string{"from_port", "to_port"} {
		if _, err := strconv.Atoi(tfjson.Scalar(a[k])); a[k] != nil && err != nil {
			return fmt.Sprintf("a rule's %s %s is not a literal number", k, quote(fmt.Sprint(a[k])))
		}
	}
	return ""
}

// Caps on what one group or ACL may hold: AWS allows 1,000 rules per
// group and direction (60 by default) and 40 per ACL and direction (20 by
// default); far more is hostile JSON, which must not make the check slow.
const (
	maxGroupRules = 2000
	maxACLRules   = 250
)

// --- small helpers ---

// oneOrList is a rule's peer attribute as a list: one value (the rule
// resources) or a list (inline rules).
func oneOrList(v any) []any {
	switch x := v.(type) {
	case string:
		return []any{x}
	case []any:
		return x
	}
	return nil
}

// listAttr is a list attribute: nil when absent, or why it cannot be read
// (a token where a list belongs is not "none").
func listAttr(a map[string]any, k, what string) ([]any, fact) {
	switch v := a[k].(type) {
	case nil:
		return nil, ""
	case []any:
		for _, x := range v {
			if s, ok := x.(string); ok && strings.Contains(s, "${") && plainRef.FindStringSubmatch(s) == nil && remoteRef.FindStringSubmatch(s) == nil {
				return nil, fmt.Sprintf("%s holds an expression privnet cannot evaluate (%s)", what, quote(s))
			}
		}
		return v, ""
	}
	return nil, fmt.Sprintf("%s is not a list privnet can read", what)
}

func boolAttr(a map[string]any, k string, def bool) tri {
	switch v := a[k].(type) {
	case nil:
		if def {
			return yes
		}
		return no
	case bool:
		if v {
			return yes
		}
		return no
	case string:
		switch v {
		case "true":
			return yes
		case "false":
			return no
		}
	}
	return unk
}

func intAttr(a map[string]any, k string, def int) int {
	s := tfjson.Scalar(a[k])
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return def
	}
	return n
}

func prefix(v any) (netip.Prefix, bool) {
	s, ok := v.(string)
	if !ok {
		return netip.Prefix{}, false
	}
	p, err := netip.ParsePrefix(s)
	if err != nil || !p.Addr().Is4() {
		return netip.Prefix{}, false
	}
	return p.Masked(), true
}

func normProto(p string) string {
	switch strings.ToLower(p) {
	case "6", "tcp":
		return "tcp"
	case "17", "udp":
		return "udp"
	case "1", "icmp":
		return "icmp"
	case "-1", "all":
		return "-1"
	}
	return strings.ToLower(p)
}

// portRange reads "22" or "8000-8080".
func portRange(s string) (int, int, bool) {
	lo, hi, found := strings.Cut(s, "-")
	a, err := strconv.Atoi(lo)
	if err != nil {
		return 0, 0, false
	}
	if !found {
		return a, a, true
	}
	b, err := strconv.Atoi(hi)
	if err != nil {
		return 0, 0, false
	}
	return a, b, true
}

func firstFact(fs ...fact) fact {
	for _, f := range fs {
		if f != "" {
			return f
		}
	}
	return ""
}

func orWord(s, alt string) string {
	if s == "" {
		return alt
	}
	return "domain " + quote(s)
}

// quote is %q, cut to 60 characters: values come from untrusted JSON.
func quote(s string) string {
	if r := []rune(s); len(r) > 60 {
		return strconv.Quote(string(r[:60])) + "…"
	}
	return strconv.Quote(s)
}

// splitAddr is "t.n" as t, n.
func splitAddr(addr string) (string, string) {
	t, n, _ := strings.Cut(addr, ".")
	return t, n
}
