package network

import (
	"fmt"
	"net/netip"
	"sort"
	"strings"
	"sync"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/record"
)

// Setting is a VPC attribute of an imported VPC given by hand: on, off,
// or not known (privnet then says so instead of guessing).
type Setting string

const (
	SettingUnknown Setting = ""
	On             Setting = "on"
	Off            Setting = "off"
)

// ImportVpcProps names an existing VPC, made by another team or another
// tool, for privnet's constructs to add to. privnet never changes what it
// does not own: it makes no default security group, no flow log unless
// FlowLogs asks, and no route tables or routes; gateway endpoints only
// associate themselves with the route tables named.
type ImportVpcProps struct {
	// VpcId is the existing VPC's ID. Required.
	VpcId string
	// FromRecord takes every fact from the recorded lookups
	// (privnet.context.json, written by go run github.com/privnet/privnet/cmd/lookup): CIDRs, DNS
	// attributes, subnets with AZ names and IDs, route tables with their
	// routes, network ACLs and the endpoints already there. Synth reads
	// only the record. Default: false, the attributes below.
	FromRecord bool

	// The attributes, without FromRecord. What is not given is unknown,
	// and checks that need it say so.
	// Cidrs are the VPC's IPv4 blocks, the primary first. Required without
	// FromRecord.
	Cidrs []string
	// DnsSupport and DnsHostnames: the VPC attributes. Default: unknown.
	DnsSupport, DnsHostnames Setting
	// Subnets are the subnets privnet may use. Required without FromRecord.
	Subnets []ImportedSubnet

	// Tiers group the subnets (by ID) into tiers for the constructs that
	// take a tier. Default: one tier, "imported", of every subnet, which
	// needs one subnet per AZ; a VPC with more subnets must name its tiers.
	Tiers []ImportedTier
	// FlowLogs adds a flow log of privnet's to the VPC. Default: none (the
	// VPC's owner decides its flow logs).
	FlowLogs *FlowLogProps
}

// ImportedSubnet is a subnet of an existing VPC, given by hand.
type ImportedSubnet struct {
	Id string
	// Az and AzId: the AZ's name in this account and its ID (use1-az1),
	// which names the same zone in every account. At least one.
	Az, AzId string
	Cidr     string
	// RouteTableId is the subnet's route table; gateway endpoints
	// associate with it. Default: unknown (no gateway endpoint can).
	RouteTableId string
}

// ImportedTier is a tier of an existing VPC: a name and its subnets.
type ImportedTier struct {
	Name      string
	SubnetIds []string
	// Kind Default: from the recorded routes (a default route to an
	// internet gateway is public, to a NAT gateway private-with-nat), else
	// isolated.
	Kind Kind
}

// Imported is what privnet knows of a VPC it did not make.
type Imported struct {
	// Facts are the VPC's facts as recorded or given; Unknown names the
	// facts privnet does not have (dns, routes, networkAcls, endpoints).
	Facts   *record.Vpc
	Unknown []string
	// FromRecord: the facts come from the recorded lookups.
	FromRecord bool
}

// Knows tells whether a fact ("dns", "routes", "networkAcls",
// "endpoints") is known.
func (i *Imported) Knows(fact string) bool {
	if i == nil {
		return true
	}
	for _, u := range i.Unknown {
		if u == fact {
			return false
		}
	}
	return true
}

// ExistingEndpoints are the endpoints already in the VPC (from the record).
func (v *Vpc) ExistingEndpoints() []record.Endpoint {
	if v == nil || v.Imported == nil || v.Imported.Facts == nil {
		return nil
	}
	return v.Imported.Facts.Endpoints
}

// ExistingGateway is the ID of a gateway endpoint for serviceName that
// the imported VPC already has (recorded, available), and the prefix list
// its recorded routes send the service to; "" when it has none. Clients
// need egress to that prefix list.
func (v *Vpc) ExistingGateway(serviceName string) (id, prefixList string) {
	if v == nil || v.Imported == nil || v.Imported.Facts == nil {
		return "", ""
	}
	f := v.Imported.Facts
	for _, e := range f.Endpoints {
		if e.Type == "Gateway" && e.ServiceName == serviceName && e.Available() {
			return e.Id, f.GatewayPrefixLists()[e.Id]
		}
	}
	return "", ""
}

// ImportVpc makes a Vpc of an existing VPC. It makes no resource (unless
// FlowLogs asks for one); the constructs given it reference the VPC and
// its subnets by ID. Problems are reported with the construct path.
func ImportVpc(scope constructs.Construct, id string, props *ImportVpcProps) *Vpc {
	if props == nil {
		props = &ImportVpcProps{}
	}
	v := &Vpc{}
	v.Init(v, scope, id)
	// Its IDs are the recorded ones, written as values: a stack that uses
	// it refers to nothing of the stack it was imported in.
	v.Literal = true
	report := v.Report
	v.Imported = &Imported{FromRecord: props.FromRecord}
	if !record.IsID("vpc", props.VpcId) {
		report(RuleImport, fmt.Sprintf("VpcId %s is not a VPC ID", core.Quote(props.VpcId)), `give the existing VPC's ID, like "vpc-0a1b2c3d4e5f60718"`)
		v.VpcId = core.Unbuilt(v.Path)
		return v
	}
	v.VpcId = jsii.String(props.VpcId)
	v.TfName = ""
	if first := claimImport(v); first != "" {
		// Two Vpcs of one VPC would each count its endpoints apart, and
		// their facts could differ: one import serves every stack of
		// the region (it makes no resource).
		report(RuleImport, fmt.Sprintf("VPC %s is already imported by %s in this app", props.VpcId, first),
			"import it once and pass that Vpc to the constructs of every stack of its region")
		v.unusable(nil)
		return v
	}

	var facts *record.Vpc
	if props.FromRecord {
		facts = v.fromRecord(props)
		if facts == nil {
			v.unusable(props.Tiers)
			return v
		}
	} else {
		facts = v.fromAttributes(props)
	}
	v.Imported.Facts = facts
	v.DnsSupport, v.DnsHostnames = facts.DnsSupport, facts.DnsHostnames
	if len(facts.Cidrs) > 0 {
		v.Cidr, _ = netip.ParsePrefix(facts.Cidrs[0])
		for _, c := range facts.Cidrs[1:] {
			if p, err := netip.ParsePrefix(c); err == nil {
				v.SecondaryCidrs = append(v.SecondaryCidrs, p)
			}
		}
	}
	// Its IPv6 blocks, known from the record: the first stands for the
	// VPC in rules that admit or reach it, as the /56 of a VPC made here.
	for i, c := range facts.Ipv6Cidrs {
		if p, err := netip.ParsePrefix(c); err == nil && p.Addr().Is6() {
			if i == 0 {
				v.Ipv6, v.Ipv6Cidr = true, jsii.String(p.Masked().String())
			} else {
				v.SecondaryIpv6Cidrs = append(v.SecondaryIpv6Cidrs, p.Masked())
			}
		}
	}
	v.importTiers(props, facts)
	sort.Strings(v.Imported.Unknown)
	v.Stack.Import(v.importFacts())

	if props.FlowLogs != nil && !props.FlowLogs.Disabled {
		v.FlowLog = newFlowLog(v, *props.FlowLogs, nil, report)
	}
	return v
}

// unusable leaves a VPC whose import failed (reported) with empty tiers
// ("imported" and those named) and every fact unknown, so that what is
// built on it reports no errors of its own.
func (v *Vpc) unusable(named []ImportedTier) {
	v.Imported.Unknown = []string{"dhcp", "dns", "endpoints", "networkAcls", "routes"}
	v.tiers = []*Tier{{Name: "imported", Kind: Isolated, vpc: v}}
	for _, t := range named {
		if t.Name != "imported" && tierName.MatchString(t.Name) {
			v.tiers = append(v.tiers, &Tier{Name: t.Name, Kind: Isolated, vpc: v})
		}
	}
}

var (
	importsMu sync.Mutex
	imports   = map[*core.App]map[string]string{} // app -> VPC ID -> path
)

// claimImport registers v's VPC ID in its app, and returns the path of an
// earlier import of the same VPC, "" when it is the first.
func claimImport(v *Vpc) string {
	importsMu.Lock()
	defer importsMu.Unlock()
	app := v.Stack.App()
	if imports[app] == nil {
		imports[app] = map[string]string{}
	}
	id := *v.VpcId
	if first, ok := imports[app][id]; ok {
		return first
	}
	imports[app][id] = v.Path
	return ""
}

// fromRecord reads the VPC from the recorded lookups; a missing entry is
// an issue that names the lookup command (at Validate, when every
// construct has said what it needs).
func (v *Vpc) fromRecord(props *ImportVpcProps) *record.Vpc {
	s := v.Stack
	s.AskRecord([]string{props.VpcId}, nil)
	if s.RecordBroken() {
		return nil // the app reports the record's problem
	}
	if len(props.Cidrs) > 0 || len(props.Subnets) > 0 || props.DnsSupport != "" || props.DnsHostnames != "" {
		v.Report(RuleImport, "FromRecord takes the VPC's facts from the record, and Cidrs, Subnets or DNS settings are given too",
			"drop the attributes, or drop FromRecord")
	}
	reg := s.Recorded()
	var facts *record.Vpc
	if reg != nil {
		facts = reg.Vpcs[props.VpcId]
	}
	if facts == nil {
		where := fmt.Sprintf("the recorded lookups (%s) have no region %s", s.App().ContextFile(), s.Region.Name)
		if reg != nil {
			where = fmt.Sprintf("the recorded lookups (%s) of %s have no VPC %s", s.App().ContextFile(), s.Region.Name, props.VpcId)
		}
		s.Defer(func() {
			v.Report(core.RuleRecord, where, "record it (read-only AWS calls, with your usual credentials): "+s.LookupCommand())
		})
		return nil
	}
	cp := *facts
	return &cp
}

// fromAttributes builds the facts from the attributes given by hand.
func (v *Vpc) fromAttributes(props *ImportVpcProps) *record.Vpc {
	report := v.Report
	f := &record.Vpc{Id: props.VpcId}
	unknown := []string{"routes", "networkAcls", "endpoints", "dhcp"}
	reg := v.Stack.Recorded()
	if len(props.Cidrs) == 0 {
		report(RuleImport, "no Cidrs given", "give the VPC's IPv4 CIDRs (primary first), or use FromRecord")
	}
	for i, c := range props.Cidrs {
		p, err := netip.ParsePrefix(c)
		if err != nil || !p.Addr().Is4() || p.Masked() != p {
			report(RuleImport, fmt.Sprintf("Cidrs[%d] %s is not an IPv4 network address with its prefix length", i, core.Quote(c)), `write it like "10.20.0.0/16"`)
			continue
		}
		if prev := overlapping(p, f.Cidrs); prev != "" {
			report(RuleImport, fmt.Sprintf("Cidrs[%d] %s overlaps %s; a VPC's blocks do not", i, p, prev), "give each of the VPC's blocks once")
			continue
		}
		f.Cidrs = append(f.Cidrs, p.String())
	}
	for _, d := range []struct {
		name string
		s    Setting
		to   *bool
	}{{"DnsSupport", props.DnsSupport, &f.DnsSupport}, {"DnsHostnames", props.DnsHostnames, &f.DnsHostnames}} {
		switch d.s {
		case On:
			*d.to = true
		case Off:
		case SettingUnknown:
			if !contains(unknown, "dns") {
				unknown = append(unknown, "dns")
			}
		default:
			report(RuleImport, fmt.Sprintf("%s %s is not on or off", d.name, core.Quote(string(d.s))), "use network.On or network.Off, or leave it unknown")
		}
	}
	tables := map[string]bool{}
	for i, sn := range props.Subnets {
		at := fmt.Sprintf("Subnets[%d]", i)
		p, err := netip.ParsePrefix(sn.Cidr)
		switch {
		case !record.IsID("subnet", sn.Id):
			report(RuleImport, fmt.Sprintf("%s: Id %s is not a subnet ID", at, core.Quote(sn.Id)), `give the subnet's ID, like "subnet-0a1b2c3d4e5f60718"`)
			continue
		case err != nil || !p.Addr().Is4() || p.Masked() != p:
			report(RuleImport, fmt.Sprintf("%s (%s): Cidr %s is not an IPv4 network address with its prefix length", at, sn.Id, core.Quote(sn.Cidr)), `write it like "10.20.1.0/24"`)
			continue
		case sn.Az == "" && sn.AzId == "":
			report(RuleImport, fmt.Sprintf("%s (%s) has neither Az nor AzId", at, sn.Id), "give the AZ's name or ID (aws ec2 describe-subnets shows both)")
			continue
		case sn.Az != "" && !isAzName(v.Stack.Region.Name, sn.Az, reg):
			report(RuleImport, fmt.Sprintf("%s (%s): Az %s is not a zone of the stack's region %s", at, sn.Id, core.Quote(sn.Az), v.Stack.Region.Name), "give the subnet's AZ as aws ec2 describe-subnets shows it")
			continue
		case sn.Az != "" && sn.AzId != "" && reg.AzId(sn.Az) != "" && reg.AzId(sn.Az) != sn.AzId:
			report(RuleImport, fmt.Sprintf("%s (%s): Az %s is %s in the recorded zones of the account, not %s", at, sn.Id, sn.Az, reg.AzId(sn.Az), core.Quote(sn.AzId)),
				"give the subnet's AvailabilityZone and AvailabilityZoneId as aws ec2 describe-subnets shows them")
			continue
		case sn.AzId != "" && reg != nil && len(reg.Azs) > 0 && reg.AzName(sn.AzId) == "":
			msg := fmt.Sprintf("%s (%s): AzId %s is not one of the zones recorded for %s", at, sn.Id, sn.AzId, v.Stack.Region.Name)
			v.Stack.Defer(func() {
				report(RuleImport, msg, "give the subnet's AvailabilityZoneId as aws ec2 describe-subnets shows it, or record the region again: "+v.Stack.LookupCommand())
			})
			continue
		case sn.AzId != "" && !IsAzId(v.Stack.Region.Name, sn.AzId):
			report(RuleImport, fmt.Sprintf("%s (%s): AzId %s is not an AZ ID of %s (%s-az<n>)", at, sn.Id, core.Quote(sn.AzId), v.Stack.Region.Name, AzIdPrefix(v.Stack.Region.Name)), "give the subnet's AvailabilityZoneId as aws ec2 describe-subnets shows it")
			continue
		case sn.RouteTableId != "" && !record.IsID("rtb", sn.RouteTableId):
			report(RuleImport, fmt.Sprintf("%s (%s): RouteTableId %s is not a route table ID", at, sn.Id, core.Quote(sn.RouteTableId)), `give it like "rtb-0a1b2c3d4e5f60718", or leave it empty`)
			continue
		}
		var blocks []string
		for _, sub := range f.Subnets {
			blocks = append(blocks, sub.Cidr)
		}
		switch {
		case len(f.Cidrs) > 0 && !inside(p, f.Cidrs):
			report(RuleImport, fmt.Sprintf("%s (%s): Cidr %s is in none of the VPC's Cidrs (%s)", at, sn.Id, p, strings.Join(f.Cidrs, ", ")), "give the subnet's CIDR as aws ec2 describe-subnets shows it, and every block of the VPC in Cidrs")
			continue
		case overlapping(p, blocks) != "":
			report(RuleImport, fmt.Sprintf("%s (%s): Cidr %s overlaps another subnet's %s", at, sn.Id, p, overlapping(p, blocks)), "give each subnet once, with its own CIDR")
			continue
		}
		if sn.RouteTableId != "" && !tables[sn.RouteTableId] {
			tables[sn.RouteTableId] = true
			f.RouteTables = append(f.RouteTables, record.RouteTable{Id: sn.RouteTableId})
		}
		f.Subnets = append(f.Subnets, record.Subnet{Id: sn.Id, Az: sn.Az, AzId: sn.AzId, Cidr: p.String(), RouteTable: sn.RouteTableId})
	}
	if len(props.Subnets) == 0 {
		report(RuleImport, "no Subnets given", "give the subnets privnet may use (ID, AZ, CIDR, route table), or use FromRecord")
	}
	v.Imported.Unknown = unknown
	return f
}

// importTiers groups the VPC's subnets into tiers.
func (v *Vpc) importTiers(props *ImportVpcProps, f *record.Vpc) {
	report := v.Report
	byID := map[string]*record.Subnet{}
	for i := range f.Subnets {
		byID[f.Subnets[i].Id] = &f.Subnets[i]
	}
	tiers := props.Tiers
	if len(tiers) == 0 {
		all := ImportedTier{Name: "imported"}
		for _, s := range f.Subnets {
			all.SubnetIds = append(all.SubnetIds, s.Id)
		}
		tiers = []ImportedTier{all}
	}
	reg := v.Stack.Recorded()
	seen := map[string]bool{}
	inTier := map[string]bool{} // subnets already placed in a tier
	for ti, tp := range tiers {
		switch {
		case !tierName.MatchString(tp.Name):
			report(RuleImport, fmt.Sprintf("Tiers[%d]: tier name %s is not usable in resource names", ti, core.Quote(tp.Name)),
				"use 1 to 31 lower-case letters, digits and hyphens, starting with a letter")
			continue
		case seen[tp.Name]:
			report(RuleImport, fmt.Sprintf("two tiers are named %s", core.Quote(tp.Name)), "give every tier its own name")
			continue
		}
		seen[tp.Name] = true
		switch tp.Kind {
		case "", Isolated, PrivateWithNat, Public:
		default:
			report(RuleImport, fmt.Sprintf("tier %s has kind %s, which an imported tier cannot have", tp.Name, core.Quote(string(tp.Kind))),
				fmt.Sprintf("use %q, %q or %q, or leave it empty to read it from the recorded routes", Isolated, PrivateWithNat, Public))
			tp.Kind = ""
		}
		if len(tp.SubnetIds) == 0 && len(props.Tiers) > 0 {
			// A tier without subnets would give the constructs on it
			// none: an endpoint with no subnet, an instance with none.
			report(RuleImport, fmt.Sprintf("tier %s names no subnet", tp.Name), "give the tier's subnet IDs, or drop the tier")
			continue
		}
		t := &Tier{Name: tp.Name, Kind: tp.Kind, vpc: v}
		perAz := map[string]string{}
		kinds := map[Kind]bool{}
		for _, id := range tp.SubnetIds {
			rs := byID[id]
			if rs == nil {
				fix := "name subnets of the VPC (" + strings.Join(subnetIDs(f), ", ") + ")"
				if props.FromRecord {
					v.Stack.Defer(func() {
						report(core.RuleRecord, fmt.Sprintf("tier %s names subnet %s, which the recorded VPC %s does not have (the record may be stale)", tp.Name, core.Quote(id), f.Id),
							fix+", or record the VPC again: "+v.Stack.LookupCommand())
					})
				} else {
					report(RuleImport, fmt.Sprintf("tier %s names subnet %s, which is not in Subnets", tp.Name, core.Quote(id)), fix)
				}
				continue
			}
			if rs.Cidr == "" && len(props.Tiers) == 0 {
				// The default tier is the subnets with IPv4, one per AZ;
				// IPv6-only subnets are used by naming them in a tier.
				continue
			}
			s := &Subnet{Az: rs.Az, AzId: rs.AzId, SubnetId: jsii.String(rs.Id), RouteTableId: nil, Imported: true}
			s.Cidr, _ = netip.ParsePrefix(rs.Cidr)
			for _, c := range rs.Ipv6Cidrs {
				if p, err := netip.ParsePrefix(c); err == nil && p.Addr().Is6() && !s.Ipv6Cidr.IsValid() {
					s.Ipv6, s.Ipv6Cidr = true, p.Masked()
				}
			}
			// The record refuses a subnet with neither block.
			s.Ipv6Only = rs.Cidr == "" && s.Ipv6 // placement rules refuse IPv4 interfaces here (PN-VPC-14)
			if s.Az == "" {
				s.Az = reg.AzName(s.AzId)
			}
			if s.AzId == "" {
				s.AzId = reg.AzId(s.Az)
			}
			if rs.RouteTable != "" {
				s.RouteTableId = jsii.String(rs.RouteTable)
			}
			s.TfName = rs.Id
			zone := s.Zone()
			if prev, dup := perAz[zone]; dup && len(props.Tiers) == 0 {
				report(RuleImport, fmt.Sprintf("the VPC has more than one subnet in %s (%s, %s), so privnet cannot pick a tier by itself", s.AzLabel(), prev, rs.Id),
					`name the tiers: Tiers: []network.ImportedTier{{Name: "app", SubnetIds: []string{...}}}, one subnet per AZ each`)
				break
			} else if dup {
				// Endpoints, NLBs and resource gateways take one subnet
				// per AZ: a tier is what they take.
				report(RuleImport, fmt.Sprintf("tier %s has two subnets in %s (%s, %s)", tp.Name, s.AzLabel(), prev, rs.Id),
					"put one subnet per AZ in each tier")
				continue
			}
			perAz[zone] = rs.Id
			if inTier[rs.Id] {
				report(RuleImport, fmt.Sprintf("subnet %s is in more than one tier", rs.Id), "put each subnet in one tier")
			}
			inTier[rs.Id] = true
			kinds[kindOf(f, rs)] = true
			t.Subnets = append(t.Subnets, s)
		}
		t.Ip = importedIp(t.Subnets)
		var only, four []string
		for _, s := range t.Subnets {
			if s.Ipv6Only {
				only = append(only, *s.SubnetId)
			} else {
				four = append(four, *s.SubnetId)
			}
		}
		if len(only) > 0 && len(four) > 0 {
			// A construct takes a tier's subnets together: an endpoint
			// or gateway cannot have one IP address type in both kinds.
			report(RuleImport, fmt.Sprintf("tier %s mixes IPv6-only subnets (%s) with subnets that have IPv4 (%s)", tp.Name, strings.Join(only, ", "), strings.Join(four, ", ")),
				"put the IPv6-only subnets in a tier of their own")
		}
		if t.Kind == "" {
			t.Kind = Isolated
			if v.Imported.Knows("routes") {
				switch {
				case kinds[Public]:
					t.Kind = Public
				case kinds[PrivateWithNat]:
					t.Kind = PrivateWithNat
				}
			}
		}
		v.tiers = append(v.tiers, t)
		for _, s := range t.Subnets {
			if !contains(v.Azs, s.AzLabel()) && s.AzLabel() != "" {
				v.Azs = append(v.Azs, s.AzLabel())
			}
		}
	}
}

// importedIp is an imported tier's address families: IPv6-only or
// dual-stack when each of its subnets is, else IPv4 (a tier mixing
// IPv6-only subnets with others is refused).
func importedIp(ss []*Subnet) IpMode {
	only, dual := len(ss) > 0, len(ss) > 0
	for _, s := range ss {
		only = only && s.Ipv6Only
		dual = dual && s.Ipv6 && !s.Ipv6Only
	}
	switch {
	case only:
		return Ipv6Only
	case dual:
		return DualStack
	}
	return Ipv4Only
}

// isAzName tells whether az is an AZ name of region: one of the recorded
// zones when the record has them, else one of the region table's (any
// <region><letter> where the table lists none).
func isAzName(region, az string, reg *record.Region) bool {
	if reg != nil && len(reg.Azs) > 0 {
		return reg.AzId(az) != ""
	}
	if r, ok := core.LookupRegion(region); ok && len(r.Azs) > 0 {
		return r.HasAz(az)
	}
	rest, ok := strings.CutPrefix(az, region)
	return ok && len(rest) == 1 && rest[0] >= 'a' && rest[0] <= 'z'
}

// overlapping is the first of blocks that overlaps p, "" when none does.
func overlapping(p netip.Prefix, blocks []string) string {
	for _, b := range blocks {
		if q, err := netip.ParsePrefix(b); err == nil && q.Overlaps(p) {
			return b
		}
	}
	return ""
}

// inside tells whether p lies in one of blocks.
func inside(p netip.Prefix, blocks []string) bool {
	for _, b := range blocks {
		if q, err := netip.ParsePrefix(b); err == nil && q.Bits() <= p.Bits() && q.Contains(p.Addr()) {
			return true
		}
	}
	return false
}

// kindOf is a recorded subnet's kind, from its route table's default route.
func kindOf(f *record.Vpc, s *record.Subnet) Kind {
	for _, t := range f.RouteTables {
		if t.Id != s.RouteTable {
			continue
		}
		for _, r := range t.Routes {
			if r.Destination != "0.0.0.0/0" || r.Blackhole {
				continue
			}
			switch {
			case strings.HasPrefix(r.Target, "igw-"):
				return Public
			case strings.HasPrefix(r.Target, "nat-"):
				return PrivateWithNat
			}
		}
	}
	return Isolated
}

func subnetIDs(f *record.Vpc) []string {
	var out []string
	for _, s := range f.Subnets {
		out = append(out, s.Id)
	}
	return out
}

// importFacts is what the VPC's stack records for the reachability engine
// and the review ("//".privnet.imported): the facts and what is unknown.
func (v *Vpc) importFacts() record.Imported {
	im := record.Imported{Path: v.Path, Vpc: *v.Imported.Facts, Unknown: v.Imported.Unknown, FromRecord: v.Imported.FromRecord}
	// Names and tags are free text from AWS: nothing reads them from the
	// metadata, and cdktf would resolve a token in them.
	im.Vpc.Name = ""
	im.Vpc.Subnets = append([]record.Subnet(nil), im.Vpc.Subnets...)
	for i := range im.Vpc.Subnets {
		im.Vpc.Subnets[i].Name, im.Vpc.Subnets[i].Tags = "", nil
	}
	if reg := v.Stack.Recorded(); reg != nil {
		im.Azs = reg.Azs
	}
	for _, t := range v.tiers {
		for _, s := range t.Subnets {
			im.Tiers = append(im.Tiers, record.ImportedTier{Tier: t.Name, Subnet: *s.SubnetId})
		}
	}
	return im
}
