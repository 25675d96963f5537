package reach

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/privnet/privnet/tfjson"
)

// A private hosted zone of the app, with the records privnet can follow:
// a hub's zones send its spokes' calls to the hub's endpoints.
type phz struct {
	st   *stack
	addr string
	name string // lower case, no final dot
	// records by lower-case name ("*.x" for a wildcard): the A or CNAME
	// record that answers an IPv4 client.
	records map[string]*phzRecord
	f       fact // a record of the zone cannot be read: every answer is unknown
}

type phzRecord struct {
	addr string
	e    *endpoint // the interface endpoint it sends the name to
	f    fact      // why its target cannot be followed
}

// dataZone is a zone read at plan: ${data.aws_route53_zone.x.…}.
var dataZone = regexp.MustCompile(`^\$\{data\.aws_route53_zone\.([A-Za-z0-9_-]+)\.`)

// authz is a VPC association authorization: the zone's account lets a
// VPC of another account be associated with the zone.
type authz struct {
	st   *stack
	addr string
	vpc  *vpc
	f    fact // made with count or for_each: whether it exists is not known
}

// authzAt is the authorization at addr of st, as read.
func (m *model) authzAt(st *stack, addr string) *authz {
	for _, as := range m.auths {
		for _, a := range as {
			if a.st == st && a.addr == addr {
				return a
			}
		}
	}
	return nil
}

// associationAllowed says whether AWS makes association addrA (of stack
// st) of zone z with v: by the VPC's account, and, for a zone of another
// account, after that account's authorization of the VPC (Route 53 API
// Reference, CreateVPCAssociationAuthorization and
// AssociateVPCWithHostedZone). bad: refused; why: not in the JSON.
func (m *model) associationAllowed(st *stack, addrA string, z *phz, v *vpc, named *authz) (bad, why fact) {
	switch same, f := sameAccount(st, v.st); same {
	case unk:
		return "", f
	case no:
		return fmt.Sprintf("%s is made in stack %s, not in the account of %s: the VPC's account makes the association", addrA, st.name, v.addr), ""
	}
	switch same, f := sameAccount(z.st, v.st); same {
	case unk:
		return "", f
	case yes:
		return "", ""
	}
	// Any authorization of the zone's account for this VPC that the
	// association waits for lets it through; one it may not wait for, or
	// whose account or existence is not known, leaves it unknown; one of
	// another account only is refused.
	why, wrong := "", ""
	for _, a := range m.auths[z] {
		if a.vpc != v {
			continue
		}
		switch same, f := sameAccount(a.st, z.st); {
		case same == unk:
			why = firstFact(why, f)
		case same == no:
			wrong = firstFact(wrong, fmt.Sprintf("%s is made in stack %s, not in the account of zone %s: only the zone's account can authorize an association", a.addr, a.st.name, z.addr))
		case a.f != "":
			why = firstFact(why, a.f)
		case named == a || m.dependsOn(st, a.st):
			return "", ""
		default:
			why = firstFact(why, fmt.Sprintf("%s exists, but nothing makes %s wait for it (its zone_id from the authorization, or a reference to its stack): AWS refuses the association if it comes first", a.addr, addrA))
		}
	}
	switch {
	case why != "":
		return "", why
	case wrong != "":
		return wrong, ""
	}
	return fmt.Sprintf("%s associates zone %s of stack %s with %s of stack %s, another account, and no authorization by the zone's account allows it: AWS refuses it", addrA, z.addr, z.st.name, v.addr, v.st.name), ""
}

// dependsOn tells whether stack a reads b's state, directly or through
// other stacks (cdktf deploys b first).
func (m *model) dependsOn(a, b *stack) bool {
	key := [2]*stack{a, b}
	if d, ok := m.deps[key]; ok {
		return d
	}
	d := m.readsState(a, b)
	m.deps[key] = d
	return d
}

// readsState walks the stacks a reads through cdktf's cross-stack
// references (data.terraform_remote_state.cross-stack-reference-input-*):
// the blocks cdktf writes for the values a stack uses from another.
func (m *model) readsState(a, b *stack) bool {
	seen := map[*stack]bool{a: true}
	next := []*stack{a}
	for len(next) > 0 {
		st := next[0]
		next = next[1:]
		data, _ := st.doc.Blocks["data"].(map[string]any)
		rs, _ := data["terraform_remote_state"].(map[string]any)
		for _, n := range tfjson.SortedKeys(rs) {
			if !strings.HasPrefix(n, "cross-stack-reference-input-") {
				continue
			}
			o := m.remoteStack(st, n)
			if o == b {
				return true
			}
			if o != nil && !seen[o] {
				seen[o] = true
				next = append(next, o)
			}
		}
	}
	return false
}

// A Route 53 Profile of the app: the zones its resource associations
// bring to the VPCs it is associated with.
type profile struct {
	st    *stack
	addr  string
	zones []*phz
	f     fact // a resource association cannot be read (or is a Resolver rule)
}

// readZones reads private hosted zones (pass 1), then their records and
// Route 53 Profiles (pass 2, which may name zones of other stacks).
func (st *stack) readZones(m *model, pass int) {
	if pass == 1 {
		st.each("aws_route53_zone", func(n string, a map[string]any) {
			if _, ok := a["vpc"]; !ok {
				return // a public zone answers no VPC
			}
			z := &phz{st: st, addr: "aws_route53_zone." + n, records: map[string]*phzRecord{}, f: st.dyn["aws_route53_zone."+n]}
			z.name = strings.TrimSuffix(strings.ToLower(tfjson.Str(a, "name")), ".")
			if z.name == "" || strings.Contains(z.name, "${") {
				z.f = firstFact(z.f, fmt.Sprintf("the name of %s is not a literal value", z.addr))
			}
			st.phzs[z.addr] = z
		})
		st.each("aws_route53profiles_profile", func(n string, a map[string]any) {
			st.profiles["aws_route53profiles_profile."+n] = &profile{st: st, addr: "aws_route53profiles_profile." + n, f: st.dyn["aws_route53profiles_profile."+n]}
		})
		return
	}
	// zoneOfRecord is the zone of the app a record (or a set of records)
	// goes in; nil for a zone made outside the app, or public. One that
	// cannot be followed may be any private zone of the app.
	zoneOfRecord := func(addr string, x any) *phz {
		s2, zaddr, _, f := m.resolve(st, x, "the zone")
		if f == "" {
			return s2.phzs[zaddr]
		}
		lit, isStr := x.(string)
		if isStr && !strings.Contains(lit, "${") {
			return nil // a zone ID given as a literal: made outside the app
		}
		if g := dataZone.FindStringSubmatch(lit); g != nil {
			d, _ := st.doc.Blocks["data"].(map[string]any)
			zs, _ := d["aws_route53_zone"].(map[string]any)
			// A public zone read at plan answers no VPC: private_zone false,
			// or a lookup by name alone (a vpc_id or zone_id lookup may
			// return a private zone: provider documentation,
			// aws_route53_zone data source).
			if b, _ := zs[g[1]].(map[string]any); b != nil && (b["private_zone"] == false || b["private_zone"] == nil && b["vpc_id"] == nil && b["zone_id"] == nil) {
				return nil
			}
		}
		m.looseRecords = append(m.looseRecords, fmt.Sprintf("the zone of %s cannot be followed (%s), and it may hold a record for the service's name", addr, f))
		return nil
	}
	st.each("aws_route53_vpc_association_authorization", func(n string, a map[string]any) {
		addr := "aws_route53_vpc_association_authorization." + n
		s2, zaddr, _, f := m.resolve(st, a["zone_id"], "the zone")
		if f != "" || s2.phzs[zaddr] == nil {
			return
		}
		s3, vaddr, _, vf := m.resolve(st, a["vpc_id"], "the VPC")
		if vf != "" || s3.vpcs[vaddr] == nil {
			return
		}
		z := s2.phzs[zaddr]
		m.auths[z] = append(m.auths[z], &authz{st: st, addr: addr, vpc: s3.vpcs[vaddr], f: st.dyn[addr]})
	})
	st.each("aws_route53_records_exclusive", func(n string, a map[string]any) {
		if z := zoneOfRecord("aws_route53_records_exclusive."+n, a["zone_id"]); z != nil {
			z.f = firstFact(z.f, fmt.Sprintf("the records of %s are written by aws_route53_records_exclusive.%s, which privnet does not read", z.addr, n))
		}
	})
	st.each("aws_route53_record", func(n string, a map[string]any) {
		addr := "aws_route53_record." + n
		typ, typeOK := a["type"].(string)
		typeOK = typeOK && !strings.Contains(typ, "${")
		if typ = strings.ToUpper(typ); typeOK && typ != "A" && typ != "CNAME" {
			return // AAAA, TXT, MX…: not what an IPv4 client's call asks
		}
		z := zoneOfRecord(addr, a["zone_id"])
		if z == nil {
			return
		}
		if !typeOK {
			z.f = firstFact(z.f, fmt.Sprintf("the type of %s is not a literal value", addr))
			return
		}
		if df := st.dyn[addr]; df != "" {
			z.f = firstFact(z.f, df)
			return
		}
		var name string
		switch x := a["name"].(type) {
		case string, json.Number, float64, bool:
			name = strings.TrimSuffix(strings.ToLower(tfjson.Scalar(x)), ".")
		default:
			name = "${"
		}
		if strings.Contains(name, "${") {
			z.f = firstFact(z.f, fmt.Sprintf("the name of %s is not a literal value", addr))
			return
		}
		// The provider writes a name outside the zone as relative to it
		// (expandRecordName, terraform-provider-aws).
		if name == "" {
			name = z.name
		} else if name != z.name && !strings.HasSuffix(name, "."+z.name) {
			name += "." + z.name
		}
		r := &phzRecord{addr: addr}
		var target string
		als, _ := tfjson.Objects(a["alias"], "alias")
		if len(als) == 1 {
			target = tfjson.Str(als[0], "name")
		} else if rs, ok := a["records"].([]any); ok && len(rs) == 1 && typ == "CNAME" {
			target, _ = rs[0].(string)
		}
		_, weighted := a["set_identifier"]
		en, isEndpoint := tfjson.EndpointDNS(target)
		switch {
		case weighted:
			r.f = fmt.Sprintf("%s has a routing policy (set_identifier): which answer a client gets is Route 53's choice", addr)
		case typ == "CNAME" && name == z.name:
			r.f = fmt.Sprintf("%s is a CNAME at the apex of %s, which Route 53 refuses", addr, z.addr)
		case target == "":
			r.f = fmt.Sprintf("%s answers %s with addresses of its own, not an endpoint of this app", addr, quote(name))
		case !isEndpoint:
			r.f = fmt.Sprintf("%s answers %s with %s, not an endpoint of this app privnet can follow", addr, quote(name), quote(target))
		case st.endpoints["aws_vpc_endpoint."+en] == nil:
			r.f = fmt.Sprintf("%s names aws_vpc_endpoint.%s, which is not an endpoint privnet could place", addr, en)
		case len(als) == 1 && tfjson.Str(als[0], "zone_id") != "${aws_vpc_endpoint."+en+".dns_entry[0].hosted_zone_id}":
			r.f = fmt.Sprintf("the alias of %s names the DNS name of aws_vpc_endpoint.%s with another hosted zone ID, which Route 53 refuses or answers from elsewhere", addr, en)
		default:
			r.e = st.endpoints["aws_vpc_endpoint."+en]
		}
		if z.records[name] != nil {
			r.f = fmt.Sprintf("%s and %s both answer %s", z.records[name].addr, addr, quote(name))
		}
		z.records[name] = r
	})
	st.each("aws_route53profiles_resource_association", func(n string, a map[string]any) {
		addr := "aws_route53profiles_resource_association." + n
		s2, paddr, _, f := m.resolve(st, a["profile_id"], "the Profile")
		if f != "" || s2.profiles[paddr] == nil {
			return // the association of a Profile that is not in the app cannot be placed
		}
		p := s2.profiles[paddr]
		s3, zaddr, _, f := m.resolve(st, a["resource_arn"], "the resource")
		switch {
		case st.dyn[addr] != "":
			p.f = firstFact(p.f, st.dyn[addr])
		case f != "":
			p.f = firstFact(p.f, fmt.Sprintf("%s brings a resource to %s that privnet cannot follow: %s", addr, p.addr, f))
		case s3.phzs[zaddr] == nil:
			p.f = firstFact(p.f, fmt.Sprintf("%s brings %s to %s, which may answer a service's name and privnet does not read", addr, zaddr, p.addr))
		default:
			p.zones = append(p.zones, s3.phzs[zaddr])
		}
	})
}

// zoneOverride is a zone associated with a VPC (z nil: the zone, or the
// Profile's zones, cannot be read).
type zoneOverride struct {
	name string
	what string // the zone, and how it is associated
	z    *phz
	f    fact
	bad  fact // the association fails at apply
	dup  bool // two zones of one name: one of them answers
	fix  string
}

// zoneFor is the zone of the VPC that answers hostname: the most specific
// whose name is the hostname or a parent of it, or one privnet cannot
// read (which may be it); nil when no zone of the VPC answers it.
func (v *vpc) zoneFor(hostname string, known bool) *zoneOverride {
	h := strings.TrimSuffix(strings.ToLower(hostname), ".")
	var refused *zoneOverride // the most specific zone whose association fails
	for i, z := range v.zones {
		switch {
		case z.name == "":
			return &v.zones[i] // a name privnet cannot read may be the most specific
		case z.bad != "" && under(h, z.name) && (refused == nil || labels(z.name) > labels(refused.name)):
			refused = &v.zones[i]
		}
	}
	if !known {
		// A name privnet does not know (a service outside the catalog, or
		// with no recorded name): any associated zone may answer it.
		for _, z := range v.zones {
			if z.bad == "" {
				return &zoneOverride{f: fmt.Sprintf("privnet does not know the DNS name of %s, and %s has private hosted zones that may answer it (%s)", quote(hostname), v.addr, firstFact(z.what, z.f))}
			}
		}
		return nil
	}
	// The most specific zone whose association holds answers; a zone
	// whose association fails answers nothing.
	var best *zoneOverride
	for i, z := range v.zones {
		if z.bad == "" && under(h, z.name) && (best == nil || labels(z.name) > labels(best.name)) {
			best = &v.zones[i]
		}
	}
	if best != nil {
		for i := range v.zones {
			switch z := &v.zones[i]; {
			case z.bad != "" || z == best || z.name != best.name || z.z != nil && z.z == best.z:
			case z.z != nil && best.z != nil:
				// Two zones of one name on one VPC: AWS associates only
				// one (ConflictingDomainExists), the first applied.
				f := fmt.Sprintf("zones %s and %s both have name %s and are associated with %s: AWS refuses the second association (ConflictingDomainExists)", best.z.addr, z.z.addr, quote(z.name), v.addr)
				return &zoneOverride{name: z.name, f: f, bad: f, dup: true, fix: "associate one zone of a name with the VPC"}
			default:
				// One of the two may not be associated at all, or may be
				// the same zone: which answers is not in the JSON.
				return &zoneOverride{name: z.name, dup: true, f: fmt.Sprintf("%s and %s both associate a zone named %s with %s, and which one AWS keeps is not in the JSON", best.what, z.what, quote(z.name), v.addr)}
			}
		}
	}
	if strings.HasPrefix(h, "*.") {
		// A zone below a wildcard name answers some of the names it stands
		// for (one registry, one bucket), and not the others.
		parent := h[2:]
		for _, z := range v.zones {
			if z.bad == "" && strings.HasSuffix(z.name, "."+parent) {
				return &zoneOverride{name: z.name, f: fmt.Sprintf("private hosted zone %s (%s) is associated with %s and answers some of the names %s stands for: which one the client calls is not in the JSON", quote(z.name), z.what, v.addr, hostname)}
			}
		}
	}
	if best == nil {
		return refused
	}
	return best
}

// answer is the record of the zone that answers name: its own, or the
// closest wildcard above it; nil is NXDOMAIN.
func (z *phz) answer(name string) *phzRecord {
	name = strings.TrimSuffix(strings.ToLower(name), ".")
	if r := z.records[name]; r != nil {
		return r
	}
	for d := name; d != z.name && strings.Contains(d, "."); {
		_, d, _ = strings.Cut(d, ".")
		if r := z.records["*."+d]; r != nil {
			return r
		}
	}
	return nil
}

// call is what a service need asks of a zone: its name, the endpoints it
// may land on, and how an endpoint of the client's own VPC is judged.
type call struct {
	label, hostname string
	home            string // the region the call goes to
	ports           []int
	serves          func(e *endpoint) bool
	crossRegion     func(e *endpoint) outcome
	inVPC           func(e *endpoint, how, what string) verdict
}

// zoneTarget is the endpoint the zone's record sends the name to, with
// the hop written; or the verdict that stops there.
func (m *model) zoneTarget(c *client, zo *zoneOverride, k call) (*endpoint, verdict, bool) {
	v := c.vpc()
	switch {
	case zo.bad != "":
		fix := zo.fix
		if fix == "" {
			fix = "authorize the association in the zone's account and make it in the VPC's, after the authorization (endpoints.HubProps.AccountSpokes)"
		}
		return nil, verdict{v: Unreachable, o: broken(LinkHostedZone, zo.bad, fix)}, false
	case zo.z == nil && zo.name == "":
		return nil, verdict{v: Unknown, o: unknown(LinkDHCP, zo.f)}, false
	case zo.z == nil:
		return nil, verdict{v: Unknown, o: unknown(LinkHostedZone, zo.f)}, false
	case len(m.looseRecords) > 0:
		return nil, verdict{v: Unknown, o: unknown(LinkModel, m.looseRecords[0])}, false
	case zo.z.f != "":
		return nil, verdict{v: Unknown, o: unknown(LinkModel, zo.z.f)}, false
	}
	z := zo.z
	q := k.hostname
	if strings.HasPrefix(q, "*.") {
		q = "x" + q[1:] // a name the wildcard stands for: an account's registry, a bucket
	}
	r := z.answer(q)
	if r == nil {
		c.hop("dns", z.addr, fmt.Sprintf("%s holds no record for %s", z.name, k.hostname), no)
		return nil, verdict{v: Unreachable, o: broken(LinkHostedZone, fmt.Sprintf("private hosted zone %s (%s), associated with %s, holds no record for %s: the VPC resolver answers NXDOMAIN, not the public name (a zone answers for every name within it)", quote(z.name), z.addr, v.addr, k.hostname),
			fmt.Sprintf("add an alias record for %s to the endpoint's DNS name, or leave the zone off %s", k.hostname, v.addr))}, false
	}
	if r.f != "" {
		return nil, verdict{v: Unknown, o: unknown(LinkModel, r.f)}, false
	}
	e := r.e
	switch {
	case e.nameF != "":
		return nil, verdict{v: Unknown, o: unknown(LinkModel, e.nameF)}, false
	case e.typ != "Interface" || !k.serves(e):
		return nil, verdict{v: Unreachable, o: broken(LinkHostedZone, fmt.Sprintf("%s sends %s to %s, which is not an interface endpoint for %s", r.addr, k.hostname, e.addr, k.label),
			fmt.Sprintf("point the record at an interface endpoint for %s", k.label))}, false
	case e.region != k.home:
		return nil, verdict{v: Unreachable, o: broken(LinkRegion, fmt.Sprintf("%s sends %s to %s, which reaches %s in %s, but the call goes to %s", r.addr, k.hostname, e.addr, k.label, e.region, k.home),
			fmt.Sprintf("set the endpoint's service region to %s (ServiceRegion), for a cross-region enabled service", k.home))}, false
	case e.vpc == nil:
		return nil, verdict{v: Unknown, o: unknown(LinkModel, e.vpcF)}, false
	}
	c.hop("dns", r.addr, fmt.Sprintf("%s resolves through private hosted zone %s to the addresses of %s", k.hostname, z.name, e.addr), yes)
	return e, verdict{}, true
}

// viaZone follows a service's name through the private hosted zone that
// answers it in the client's VPC: to the record's endpoint, in the same
// VPC or across peering or a Transit Gateway to each of its interfaces.
func (m *model) viaZone(c *client, zo *zoneOverride, k call) verdict {
	v := c.vpc()
	switch {
	case v.dnsHostnames == unk:
		return verdict{v: Unknown, o: unknown(LinkModel, v.dnsF)}
	case v.dnsHostnames == no:
		name := quote(zo.name)
		if zo.z != nil {
			name = zo.z.addr
		}
		return verdict{v: Unreachable, o: broken(LinkVpcDNS, fmt.Sprintf("DNS hostnames are off in %s, so private hosted zone %s does not answer there", v.addr, name), "turn on DNS hostnames (enable_dns_hostnames) in the VPC")}
	}
	if o, ok := v.resolverOnly(k.label); !ok {
		return verdict{v: Unknown, o: o}
	}
	if len(v.ruleF) > 0 {
		return verdict{v: Unknown, o: unknown(LinkDHCP, v.ruleF[0])}
	}
	if f := v.forwarded(k.hostname, zo.name); f != "" {
		return verdict{v: Unknown, o: unknown(LinkDHCP, f)}
	}
	e, vd, ok := m.zoneTarget(c, zo, k)
	if !ok {
		return vd
	}
	z := zo.z
	through := " through private hosted zone " + z.name
	if e.vpc == v {
		return k.inVPC(e, "interface endpoint ", through)
	}
	if e.subF != "" {
		return verdict{v: Unknown, o: unknown(LinkModel, e.subF)}
	}
	if len(e.subnets) == 0 {
		return verdict{v: Unknown, o: unknown(LinkModel, e.addr+" has no subnets privnet can read")}
	}
	if o := c.crossFamilies(e); o.v != yes {
		return verdict{v: verdictOf(o), o: o}
	}
	// DNS answers with every interface's address: each must be reachable.
	var got *verdict
	for _, s := range e.subnets {
		if s.vpc == nil {
			return verdict{v: Unknown, o: unknown(LinkModel, s.vpcF)}
		}
		eni := &instance{st: e.st, addr: e.addr, subnet: s, sgs: e.groupsOrDefault(), sgF: e.sgF, eni: true}
		vd := m.toOtherVPC(c, eni, s.cidr, k.ports)
		if vd.v == Unreachable {
			return vd
		}
		if got == nil || got.v == Private && vd.v == Unknown {
			got = &vd
		}
	}
	if got.v != Private {
		return *got
	}
	if o := k.crossRegion(e); o.v != yes {
		return fromOutcome(o, Private, "")
	}
	return verdict{v: Private, via: fmt.Sprintf("interface endpoint %s in %s%s, over %s%s", e.addr, e.vpc.addr, through, got.via, regionNote(e, c))}
}

// beside is why a zone of the VPC makes the answer for hostname unknown
// next to endpoint e's private DNS: a zone privnet cannot read, or one of
// the endpoint's own name (AWS refuses whichever comes second:
// ConflictingDomainExists), or one below a wildcard name.
func (zo *zoneOverride) beside(e *endpoint, hostname string, v *vpc) outcome {
	switch {
	case zo.name == "":
		return unknown(LinkDHCP, zo.f)
	case zo.z == nil || zo.dup:
		return unknown(LinkHostedZone, zo.f)
	}
	return unknown(LinkDHCP, fmt.Sprintf("private hosted zone %s (%s) is associated with %s beside the private DNS of %s for the same name: AWS refuses whichever comes second, and which does is not in the JSON", quote(zo.name), zo.what, v.addr, e.addr))
}
