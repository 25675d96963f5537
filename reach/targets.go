package reach

import (
	"fmt"
	"net/netip"
	"slices"
	"sort"
	"strings"

	"github.com/privnet/privnet/constructs/endpoints/catalog"
	"github.com/privnet/privnet/constructs/region"
	"github.com/privnet/privnet/reach/need"
)

// verdict of one target from one client.
type verdict struct {
	v   Verdict
	via string
	o   outcome // the broken link or the missing fact
}

func fromOutcome(o outcome, kind Verdict, via string) verdict {
	switch o.v {
	case no:
		return verdict{v: Unreachable, o: o}
	case unk:
		return verdict{v: Unknown, o: o}
	}
	return verdict{v: kind, via: via}
}

// target evaluates one target from c.
func (m *model) target(c *client, t need.Target) verdict {
	if c.st.regionF != "" {
		return verdict{v: Unknown, o: unknown(LinkModel, c.st.regionF)}
	}
	if c.f != "" && c.ext == nil && c.subnet == nil {
		return verdict{v: Unknown, o: unknown(LinkModel, c.f)}
	}
	if c.ext == nil && c.subnet.vpc == nil {
		return verdict{v: Unknown, o: unknown(LinkModel, c.subnet.vpcF)}
	}
	if c.ext != nil && c.extVPC == nil {
		return verdict{v: Unknown, o: unknown(LinkModel, fmt.Sprintf("the VPC %s arrives in (%s) is not in this app", c.ext.Name, quote(c.ext.Vpc)))}
	}
	switch t.Kind {
	case need.Service:
		return m.service(c, t)
	case need.EndpointService:
		return m.endpointService(c, t)
	case need.Resource:
		return m.resource(c, t)
	case need.Instance:
		return m.instance(c, t)
	}
	return verdict{v: Unknown, o: unknown(LinkModel, fmt.Sprintf("a need of kind %s, which privnet does not know", quote(string(t.Kind))))}
}

func (m *model) stackOf(c *client, t need.Target) *stack {
	if t.Stack == "" {
		return c.st
	}
	return m.stacks[t.Stack]
}

// eniPorts checks every port of a path to network interfaces.
// maxPorts bounds the ports of one need.
const maxPorts = 64

func (c *client) eniPorts(target string, subnets []*subnet, subF fact, groups []*secGroup, groupsF fact, ports []int) outcome {
	ports = slices.Compact(slices.Sorted(slices.Values(ports)))
	if len(ports) > maxPorts {
		return unknown(LinkModel, fmt.Sprintf("the need names %d ports, more than privnet checks (%d)", len(ports), maxPorts))
	}
	var os []outcome
	for _, p := range ports {
		o := c.toENIs(target, subnets, subF, groups, groupsF, p)
		os = append(os, o)
		if o.v == no {
			break
		}
	}
	return all(os...)
}

// vpcResolves checks that the client's VPC answers DNS at all.
func vpcResolves(v *vpc) outcome {
	switch v.dnsSupport {
	case no:
		return broken(LinkVpcDNS, fmt.Sprintf("DNS support is off in %s: the VPC resolver answers nothing, so no name resolves", v.addr),
			"turn on DNS support (enable_dns_support) in the VPC")
	case unk:
		return unknown(LinkModel, v.dnsF)
	}
	return pass
}

func (m *model) service(c *client, t need.Target) verdict {
	v := c.vpc()
	svc, inCatalog := catalog.Lookup(t.Service)
	if !inCatalog && t.ServiceName == "" && t.Service == "" {
		return verdict{v: Unknown, o: unknown(LinkModel, "a service need names no service")}
	}
	label := t.Service
	if label == "" {
		label = t.ServiceName
	}
	regionName := t.Region
	if regionName == "" {
		regionName = c.st.region.Name
	}
	partition := c.st.region.Partition
	home := regionName
	if inCatalog && svc.Homed {
		home = svc.HomeRegion(partition)
		if home == "" {
			return verdict{v: Unreachable, o: broken(LinkRegion, fmt.Sprintf("%s has no endpoint in partition %s", label, partition), "call it from a partition that has it")}
		}
	}
	var match, elsewhere []*endpoint
	var gateway *endpoint
	serves := func(e *endpoint) bool {
		return (inCatalog && e.svc == svc) || (t.ServiceName != "" && e.name == t.ServiceName) ||
			// A service outside the catalog (endpoints.AwsService), by its key.
			(!inCatalog && t.Service != "" && e.svc == nil && (strings.HasSuffix(e.name, "."+t.Service) || strings.HasSuffix(e.name, "."+t.Service+".cn")))
	}
	for _, e := range v.endpoints {
		if !serves(e) || e.nameF != "" {
			continue
		}
		switch {
		case e.typ == "Gateway":
			if gateway == nil {
				gateway = e
			}
		case e.typ != "Interface":
		case e.region == home:
			match = append(match, e)
		default:
			elsewhere = append(elsewhere, e)
		}
	}
	// Endpoints whose service, type or region cannot be known may be the
	// one this need uses: no verdict on their absence.
	missing := func() (outcome, bool) {
		if len(v.unknownEndpoints) > 0 {
			return unknown(LinkModel, v.unknownEndpoints[0].nameF), true
		}
		if len(v.st.looseEndpoints) > 0 {
			return unknown(LinkModel, v.st.looseEndpoints[0]), true
		}
		return outcome{}, false
	}
	// A cross-region endpoint exists only for a service AWS enables so.
	crossRegion := func(e *endpoint) outcome {
		if e.region == e.st.region.Name || !inCatalog {
			return pass
		}
		ok, known := svc.CrossRegionIn(partition)
		switch {
		case !known:
			return unknown(LinkRegion, fmt.Sprintf("whether %s can be reached across regions in partition %s is not recorded", label, partition))
		case !ok:
			return broken(LinkRegion, fmt.Sprintf("%s sets service region %s, but %s is not a cross-region enabled service in %s", e.addr, e.region, label, partition),
				fmt.Sprintf("put an endpoint for %s in its own region's VPC, or reach that VPC", label))
		}
		return pass
	}
	ports := t.Ports
	if len(ports) == 0 {
		ports = []int{443}
		if inCatalog {
			ports = svc.InterfacePorts()
		}
	}
	hostname, known := label, false
	if inCatalog {
		r, ok := region.Lookup(home)
		if !ok {
			r = c.st.region
		}
		if names, _ := svc.DNSNames(r); len(names) > 0 {
			hostname, known = names[0], true
		}
	}
	viaENI := func(e *endpoint, how, what string) verdict {
		switch {
		case strings.HasPrefix(what, " through"): // a zone answered: its hop is written
		case what != "":
			c.hop("dns", e.addr, fmt.Sprintf("%s resolves to the endpoint's addresses (its private DNS, answered by the VPC resolver)", hostname), yes)
		case strings.HasPrefix(how, "the endpoint-specific"):
			c.hop("dns", e.addr, "the client calls the endpoint's own DNS name (vpce-…), public DNS answers with its addresses", yes)
		}
		c.hop("endpoint", e.addr, fmt.Sprintf("%s endpoint in %s, security groups %s", e.typ, subnetNames(e.subnets), groupNames(e.groupsOrDefault())), yes)
		o, family := c.endpointPorts(e, ports)
		return fromOutcome(all(crossRegion(e), o), Private, how+e.addr+what+regionNote(e, c)+family)
	}
	dhcpO, dhcpOK := v.resolverOnly(label)
	zone := v.zoneFor(hostname, known)
	k := call{label: label, hostname: hostname, home: home, ports: ports, serves: serves, crossRegion: crossRegion, inVPC: viaENI}
	if c.ext != nil {
		useZone := zone != nil && !t.EndpointName
		for _, e := range match {
			if !useZone || e.private != yes {
				continue
			}
			// The VPC's own rule applies here too: the endpoint's private
			// DNS is more specific than a parent zone.
			switch {
			case zone.bad != "" && !zone.dup:
				useZone = false // the zone is not associated: the endpoint answers
			case zone.name == "" || labels(zone.name) >= labels(strings.TrimPrefix(hostname, "*.")):
				return verdict{v: Unknown, o: zone.beside(e, hostname, v)}
			default:
				useZone = false
			}
		}
		if useZone {
			// On-premises DNS forwards the name to an inbound Resolver
			// endpoint, which answers from the VPC's zones.
			e, vd, ok := m.zoneTarget(c, zone, k)
			if !ok {
				return vd
			}
			if e.vpc != v {
				return verdict{v: Unknown, o: unknown(LinkModel, fmt.Sprintf("%s arrives in %s, whose zone %s sends %s to %s in %s: paths from on premises through a second VPC are not modelled yet", c.ext.Name, v.addr, quote(zone.name), hostname, e.addr, e.vpc.addr))}
			}
			if _, o := c.arrive(); o.v == no {
				return verdict{v: Unreachable, o: o}
			}
			r, o := c.inboundResolver(e, hostname, zone.name)
			if o.v != yes {
				return verdict{v: verdictOf(o), o: o}
			}
			return viaENI(e, "interface endpoint ", " through private hosted zone "+zone.name+", resolved through inbound Resolver endpoint "+r)
		}
		if len(match) == 0 {
			if o, ok := missing(); ok {
				return verdict{v: Unknown, o: o}
			}
			if gateway != nil {
				return verdict{v: Unreachable, o: broken(LinkGatewayOutside, fmt.Sprintf("%s reaches %s in %s only through a gateway endpoint, which does not work from %s", v.addr, label, home, c.ext.Name),
					fmt.Sprintf("add an interface endpoint for %s that admits %s", label, c.ext.Name))}
			}
			return verdict{v: Unreachable, o: broken(LinkEndpoint, fmt.Sprintf("no interface endpoint for %s in %s, where %s arrives", label, v.addr, c.ext.Name), fmt.Sprintf("add an interface endpoint for %s", label))}
		}
		e := match[0]
		for _, m := range match {
			if m.private == yes {
				e = m
				break
			}
		}
		if t.EndpointName {
			return viaENI(e, "the endpoint-specific DNS name of ", "")
		}
		if _, o := c.arrive(); o.v == no {
			return verdict{v: Unreachable, o: o} // the way in comes first
		}
		// The public name: on-premises DNS forwards it to an inbound
		// Resolver endpoint, which answers from the endpoint's private DNS.
		r, o := c.inboundResolver(e, hostname, "")
		if o.v != yes {
			return verdict{v: verdictOf(o), o: o}
		}
		return viaENI(e, "interface endpoint ", " with private DNS, resolved through inbound Resolver endpoint "+r)
	}
	if o := vpcResolves(v); o.v != yes {
		return verdict{v: verdictOf(o), o: o}
	}
	if t.EndpointName && len(match) > 0 {
		return viaENI(match[0], "the endpoint-specific DNS name of ", "")
	}
	viaZone := func() verdict { return m.viaZone(c, zone, k) }
	// Which way the service's public name goes.
	var reason outcome
	var chosen *endpoint
	for _, e := range match {
		if e.private == yes && e.inbound == no {
			chosen = e
			break
		}
	}
	if chosen == nil {
		for _, e := range match {
			switch {
			case e.private == unk:
				return verdict{v: Unknown, o: unknown(LinkModel, fmt.Sprintf("whether %s has private DNS is not a literal value", e.addr))}
			case e.private == yes && e.inbound == unk:
				return verdict{v: Unknown, o: unknown(LinkModel, fmt.Sprintf("whether the private DNS of %s answers inbound resolvers only is not a literal value", e.addr))}
			}
		}
	}
	var gsvc *catalog.Service
	if inCatalog {
		gsvc = svc
	}
	public := func() (string, outcome) {
		var vias []string
		var os []outcome
		for _, p := range ports {
			via, o := c.publicPath(gsvc, regionName, p)
			vias = append(vias, via)
			os = append(os, o)
		}
		return vias[0], all(os...)
	}
	switch {
	case len(match) == 0 && zone != nil:
		// A private hosted zone for the name (a hub's shared endpoints, or
		// a Route 53 Profile's) answers it before anything else.
		return viaZone()
	case len(match) == 0 && len(elsewhere) > 0:
		e := elsewhere[0]
		reason = broken(LinkRegion, fmt.Sprintf("endpoint %s reaches %s in %s, but the call goes to %s", e.addr, label, e.region, home),
			fmt.Sprintf("set the endpoint's service region to %s (ServiceRegion), for a cross-region enabled service", home))
	case len(match) == 0 && gateway != nil && gateway.region == regionName && c.subnet.rt != nil && slices.Contains(c.subnet.rt.gateway, gateway):
		// The gateway endpoint is in the client's table: the public way
		// takes it, and its own failure is the verdict.
		if f := v.forwarded(hostname, ""); f != "" {
			return verdict{v: Unknown, o: unknown(LinkDHCP, f)}
		}
		c.note("dns", v.addr, fmt.Sprintf("%s resolves to public addresses, which the route table sends to gateway endpoint %s", hostname, gateway.addr))
		via, po := public()
		switch po.v {
		case yes:
			return verdict{v: Private, via: via}
		case unk:
			return verdict{v: Unknown, o: po}
		}
		if o, ok := missing(); ok {
			return verdict{v: Unknown, o: o} // an unknown endpoint may be the service's
		}
		return verdict{v: Unreachable, o: po}
	case len(match) == 0 && gateway != nil && gateway.region == regionName:
		table := "which uses its VPC's main route table (made by AWS, not in this app), so no gateway endpoint is associated with it"
		if c.subnet.rt != nil {
			table = c.subnet.rt.addr
			if c.subnet.rt == v.mainRT {
				table += " (the VPC's main table, which it uses implicitly)"
			}
		}
		reason = broken(LinkGatewayRoute, fmt.Sprintf("gateway endpoint %s is not associated with the route table of %s, %s", gateway.addr, c.subnet.addr, table),
			fmt.Sprintf("associate the gateway endpoint with that route table (its tier in the endpoint's props), or add an interface endpoint for %s", label))
		if gateway.gwF != "" {
			reason = unknown(LinkModel, gateway.gwF)
		}
	case len(match) == 0:
		reason = broken(LinkEndpoint, fmt.Sprintf("no endpoint for %s in %s", label, v.addr), fmt.Sprintf("add an interface endpoint for %s (endpoints.NewInterfaceEndpoint, or a recipe)", label))
	case chosen == nil && match[0].inbound == yes && match[0].private == yes:
		reason = broken(LinkInboundOnly, fmt.Sprintf("the private DNS of %s answers inbound resolver endpoints only, so %s resolves the public name", match[0].addr, c.label),
			fmt.Sprintf("associate a gateway endpoint for %s with the route table of %s", label, c.subnet.addr))
	case chosen == nil && zone != nil:
		// Private DNS off, and a zone for the name (the hub's own zone,
		// made with its VPC) answers it.
		return viaZone()
	case chosen == nil:
		reason = broken(LinkPrivateDNS, fmt.Sprintf("endpoint %s has private DNS off and %s uses the public name, which resolves to public addresses", match[0].addr, c.label),
			"turn on private DNS on the endpoint, or call its endpoint-specific DNS name (--endpoint-url; a need made with endpoints.ByEndpointName)")
	case v.dnsHostnames == unk:
		return verdict{v: Unknown, o: unknown(LinkModel, v.dnsF)}
	case v.dnsHostnames == no:
		reason = broken(LinkVpcDNS, fmt.Sprintf("DNS hostnames are off in %s, so the private DNS of %s does not apply", v.addr, chosen.addr), "turn on DNS hostnames (enable_dns_hostnames) in the VPC")
	case !dhcpOK:
		return verdict{v: Unknown, o: dhcpO}
	case len(v.dnsOverride) > 0:
		return verdict{v: Unknown, o: unknown(LinkDHCP, v.dnsOverride[0])}
	case zone != nil && (zone.bad == "" || zone.dup) && (zone.name == "" || labels(zone.name) >= labels(strings.TrimPrefix(hostname, "*."))):
		return verdict{v: Unknown, o: zone.beside(chosen, hostname, v)}
	case v.forwarded(hostname, hostname) != "":
		return verdict{v: Unknown, o: unknown(LinkDHCP, v.forwarded(hostname, hostname))}
	case !chosen.inboundSet && gsvc != nil && gsvc.Offers(catalog.Gateway) && gateway != nil:
		// S3 or DynamoDB, dns_options not given, a gateway endpoint in the
		// VPC: AWS may answer for inbound resolvers only. Both ways must
		// agree for a verdict.
		iv := viaENI(chosen, "interface endpoint ", " with private DNS")
		via, po := public()
		if iv.v == Private && po.v == yes && strings.HasPrefix(via, "gateway endpoint") {
			return verdict{v: Private, via: iv.via + " or " + via + " (dns_options not set: AWS chooses)"}
		}
		if iv.v == Unreachable && po.v == no {
			return iv // neither way works
		}
		return verdict{v: Unknown, o: unknown(LinkInboundOnly, fmt.Sprintf("%s does not set dns_options, so whether its private DNS answers inbound resolvers only (the VPC then uses %s) is AWS's choice, and the two ways differ", chosen.addr, orDefault(via, "the gateway endpoint")))}
	default:
		// The name resolves to the endpoint: no fallback to the internet.
		return viaENI(chosen, "interface endpoint ", " with private DNS")
	}
	if f := v.forwarded(hostname, ""); f != "" {
		return verdict{v: Unknown, o: unknown(LinkDHCP, f)}
	}
	c.note("dns", v.addr, fmt.Sprintf("%s resolves to public addresses, so the public way is taken: %s", hostname, reason.problem))
	via, po := public()
	switch po.v {
	case yes:
		if strings.HasPrefix(via, "gateway endpoint") {
			return verdict{v: Private, via: via}
		}
		return verdict{v: Internet, via: via + " (" + reason.problem + ")"}
	case unk:
		return verdict{v: Unknown, o: po}
	}
	if reason.v == unk {
		return verdict{v: Unknown, o: reason}
	}
	if reason.link == LinkEndpoint || reason.link == LinkRegion || reason.link == LinkGatewayRoute {
		if o, ok := missing(); ok {
			return verdict{v: Unknown, o: o}
		}
	}
	// Both ways are broken: the first broken link is why the name does not
	// resolve privately; the public way's failure completes the sentence.
	o := reason
	if reason.link == LinkEndpoint || reason.link == LinkRegion {
		o.problem += ", and " + po.problem + ": the call times out"
	} else {
		o.problem += "; " + po.problem + ": the call times out"
	}
	return verdict{v: Unreachable, o: o}
}

// subnetNames lists subnets' addresses, for a trace.
func subnetNames(ss []*subnet) string {
	var out []string
	for _, s := range ss {
		out = append(out, s.addr)
	}
	return strings.Join(out, ", ")
}

func verdictOf(o outcome) Verdict {
	if o.v == unk {
		return Unknown
	}
	return Unreachable
}

// regionNote says a cross-region endpoint is one.
func regionNote(e *endpoint, c *client) string {
	if e.region != "" && e.region != e.st.region.Name {
		return ", cross-region to " + e.region
	}
	return ""
}

// groupsOrDefault: an endpoint with no group gets the VPC's default one.
func (e *endpoint) groupsOrDefault() []*secGroup {
	if e.sgs == nil && e.sgF == "" && e.vpc != nil {
		return []*secGroup{e.vpc.defaultSG}
	}
	return e.sgs
}

func (m *model) endpointService(c *client, t need.Target) verdict {
	st := m.stackOf(c, t)
	if st == nil || st.services[t.Addr] == nil {
		return verdict{v: Unknown, o: unknown(LinkModel, fmt.Sprintf("endpoint service %s is not in this app", quote(t.Addr)))}
	}
	es := st.services[t.Addr]
	if es.st.regionF != "" {
		return verdict{v: Unknown, o: unknown(LinkModel, es.st.regionF)}
	}
	v := c.vpc()
	var e *endpoint
	for _, x := range v.endpoints {
		if x.custom == es && x.typ == "Interface" {
			if x.nameF != "" {
				return verdict{v: Unknown, o: unknown(LinkModel, x.nameF)}
			}
			e = x
			break
		}
	}
	if e == nil {
		for _, x := range v.endpoints {
			if x.typ == "Interface" && x.custom == nil && x.svc == nil && strings.Contains(x.name, "vpce-svc-") {
				return verdict{v: Unknown, o: unknown(LinkModel, fmt.Sprintf("%s names endpoint service %s, which may be %s: its name is known only after deploy", x.addr, quote(x.name), es.addr))}
			}
		}
		if len(v.unknownEndpoints) > 0 {
			return verdict{v: Unknown, o: unknown(LinkModel, v.unknownEndpoints[0].nameF)}
		}
		if len(v.st.looseEndpoints) > 0 {
			return verdict{v: Unknown, o: unknown(LinkModel, v.st.looseEndpoints[0])}
		}
		return verdict{v: Unreachable, o: broken(LinkEndpoint, fmt.Sprintf("no endpoint for endpoint service %s in %s", es.addr, v.addr), "add an endpoint for it (endpointservice.NewConsumer)")}
	}
	home := es.st.region.Name
	if e.region != home {
		return verdict{v: Unreachable, o: broken(LinkRegion, fmt.Sprintf("endpoint %s reaches %s, but endpoint service %s is in %s", e.addr, e.region, es.addr, home),
			fmt.Sprintf("set the endpoint's service region to %s", home))}
	}
	if here := e.st.region.Name; here != home && es.regionsF != "" {
		return verdict{v: Unknown, o: unknown(LinkModel, es.regionsF)}
	} else if here != home && !slices.Contains(es.regions, here) {
		return verdict{v: Unreachable, o: broken(LinkEndpointServiceRegion, fmt.Sprintf("endpoint service %s does not list %s in its supported regions", es.addr, here),
			fmt.Sprintf("add %s to the service's supported regions", here))}
	}
	if o := vpcResolves(v); o.v != yes {
		return verdict{v: verdictOf(o), o: o}
	}
	if es.lbF != "" {
		return verdict{v: Unknown, o: unknown(LinkModel, es.lbF)}
	}
	ports := t.Ports
	if len(ports) == 0 {
		for _, lb := range es.lbs {
			for p := range lb.listeners {
				ports = append(ports, p)
			}
		}
		sort.Ints(ports)
		ports = slices.Compact(ports)
	}
	if len(ports) == 0 {
		for _, lb := range es.lbs {
			if len(lb.st.looseListeners) > 0 {
				return verdict{v: Unknown, o: unknown(LinkModel, lb.st.looseListeners[0])}
			}
		}
		return verdict{v: Unreachable, o: broken(LinkPort, fmt.Sprintf("the load balancer of endpoint service %s has no listener", es.addr), "add a listener")}
	}
	c.hop("endpoint", e.addr, fmt.Sprintf("endpoint for %s in %s, security groups %s", es.addr, subnetNames(e.subnets), groupNames(e.groupsOrDefault())), yes)
	first, family := c.endpointPorts(e, ports)
	os := []outcome{first}
	for _, p := range ports {
		for _, lb := range es.lbs {
			os = append(os, lb.toTargets(p, c.tr))
		}
	}
	via := fmt.Sprintf("endpoint %s to endpoint service %s%s", e.addr, es.addr, family)
	if e.st.region.Name != home {
		via += ", cross-region to " + home
	}
	if es.acceptance != no {
		// Accepting a connection is the provider's authorization, outside
		// the network this check proves (Scope); said where it applies.
		via += " (once the provider accepts the connection: acceptance_required)"
	}
	return fromOutcome(all(os...), Private, via)
}

// maxTargetPaths bounds the target paths of one listener.
const maxTargetPaths = 512

// toTargets checks a load balancer's listener on port and its way to its
// targets.
func (lb *loadBalancer) toTargets(port int, tr *[]Hop) outcome {
	if lb.f != "" {
		return unknown(LinkModel, lb.f)
	}
	tgs := lb.listeners[port]
	if len(tgs) == 0 {
		if len(lb.st.looseListeners) > 0 {
			return unknown(LinkModel, lb.st.looseListeners[0])
		}
		return broken(LinkPort, fmt.Sprintf("load balancer %s has no listener on TCP %d", lb.addr, port), fmt.Sprintf("add a listener on %d", port))
	}
	var os []outcome
	for _, tg := range tgs {
		os = append(os, lb.toGroup(tg, tr))
	}
	return all(os...) // a broken group wins over an unknown one
}

// toGroup checks a load balancer's way to the targets of one group.
func (lb *loadBalancer) toGroup(tg *targetGroup, tr *[]Hop) outcome {
	if lb.enforcePL {
		return unknown(LinkTargetIngress, fmt.Sprintf("load balancer %s applies its security groups to PrivateLink traffic, whose source addresses privnet cannot know", lb.addr))
	}
	if tg.f != "" {
		return unknown(LinkModel, tg.f)
	}
	if len(tg.targets) == 0 {
		return broken(LinkPort, fmt.Sprintf("target group %s has no target", tg.addr), "attach a target")
	}
	// Each target from each of the load balancer's subnets, once; hostile
	// JSON with thousands of them gets a verdict it cannot make slow.
	if len(tg.targets)*len(lb.subnets) > maxTargetPaths {
		return unknown(LinkModel, fmt.Sprintf("%s has %d targets in %d subnets, more paths than privnet checks (%d)", tg.addr, len(tg.targets), len(lb.subnets), maxTargetPaths))
	}
	seen := map[[2]any]bool{}
	for _, in := range tg.targets {
		for _, s := range lb.subnets {
			if seen[[2]any{in, s}] {
				continue
			}
			seen[[2]any{in, s}] = true
			nlb := &client{label: "load balancer " + lb.addr, st: lb.st, subnet: s, groups: lb.sgs, tr: tr}
			if len(lb.sgs) == 0 {
				nlb.tier = true // no group: the target must admit its subnets
			}
			if o := nlb.toInstance(in, tg.port); o.v != yes {
				return o
			}
		}
	}
	return pass
}

// toInstance checks one port from c to an instance in the same VPC.
func (c *client) toInstance(in *instance, port int) outcome {
	if in.subnetF != "" {
		return unknown(LinkModel, in.subnetF)
	}
	var to []netip.Prefix
	if in.ip.IsValid() {
		to = []netip.Prefix{netip.PrefixFrom(in.ip, 32)}
	} else if in.subnet.cidrF == "" {
		to = []netip.Prefix{in.subnet.cidr}
	}
	d := dest{groups: in.sgs, prefixes: to, label: in.addr}
	return all(c.egressTo(port, d), admits(in.sgs, in.sgF, in.addr, port, c), c.naclPath(c.subnet, c.prefixes(), in.subnet, to, port, false))
}

func (m *model) resource(c *client, t need.Target) verdict {
	st := m.stackOf(c, t)
	if st == nil || st.configs[t.Addr] == nil {
		return verdict{v: Unknown, o: unknown(LinkModel, fmt.Sprintf("resource configuration %s is not in this app", quote(t.Addr)))}
	}
	cfg := st.configs[t.Addr]
	if cfg.st.regionF != "" {
		return verdict{v: Unknown, o: unknown(LinkModel, cfg.st.regionF)}
	}
	v := c.vpc()
	if cfg.st.region.Name != v.st.region.Name {
		return verdict{v: Unreachable, o: broken(LinkLatticeRegion, fmt.Sprintf("resource configuration %s is in %s and %s in %s: VPC Lattice cannot cross regions", cfg.addr, cfg.st.region.Name, v.addr, v.st.region.Name),
			"reach it through an NLB endpoint service with supported_regions (package endpointservice), or VPC peering / Transit Gateway")}
	}
	var e *endpoint
	for _, x := range v.endpoints {
		if x.typ == "Resource" && x.config == cfg {
			if x.nameF != "" {
				return verdict{v: Unknown, o: unknown(LinkModel, x.nameF)}
			}
			e = x
			break
		}
	}
	if e == nil {
		for _, x := range v.endpoints {
			if x.typ == "Resource" && x.configF != "" {
				return verdict{v: Unknown, o: unknown(LinkModel, x.configF)}
			}
		}
		if len(v.unknownEndpoints) > 0 {
			return verdict{v: Unknown, o: unknown(LinkModel, v.unknownEndpoints[0].nameF)}
		}
		if len(v.st.looseEndpoints) > 0 {
			return verdict{v: Unknown, o: unknown(LinkModel, v.st.looseEndpoints[0])}
		}
		return verdict{v: Unreachable, o: broken(LinkEndpoint, fmt.Sprintf("no Resource endpoint for %s in %s", cfg.addr, v.addr), "add one (lattice.NewResourceEndpoint)")}
	}
	if cfg.portsF != "" {
		return verdict{v: Unknown, o: unknown(LinkModel, cfg.portsF)}
	}
	if len(cfg.ports) == 0 {
		return verdict{v: Unreachable, o: broken(LinkPort, fmt.Sprintf("resource configuration %s forwards no port", cfg.addr), "give it port ranges")}
	}
	ports := t.Ports
	if len(ports) == 0 {
		for _, r := range cfg.ports {
			ports = append(ports, r[0])
		}
	}
	for _, p := range ports {
		in := false
		for _, r := range cfg.ports {
			if p >= r[0] && p <= r[1] {
				in = true
			}
		}
		if !in {
			return verdict{v: Unreachable, o: broken(LinkPort, fmt.Sprintf("resource configuration %s does not forward TCP %d", cfg.addr, p), fmt.Sprintf("add %d to its port ranges", p))}
		}
	}
	if o := vpcResolves(v); o.v != yes {
		return verdict{v: verdictOf(o), o: o}
	}
	c.hop("endpoint", e.addr, fmt.Sprintf("Resource endpoint for %s in %s, security groups %s", cfg.addr, subnetNames(e.subnets), groupNames(e.groupsOrDefault())), yes)
	first, family := c.endpointPorts(e, ports)
	os := []outcome{first}
	// The provider's side: the gateway to the resource.
	switch {
	case cfg.gwF != "":
		os = append(os, unknown(LinkModel, cfg.gwF))
	case cfg.gateway.f != "":
		os = append(os, unknown(LinkModel, cfg.gateway.f))
	case cfg.f != "":
		os = append(os, unknown(LinkModel, cfg.f))
	default:
		gw := cfg.gateway
		for _, ip := range cfg.ips {
			var res *instance
			for _, in := range gw.st.byIP[ip] {
				if in.subnet != nil && in.subnet.vpc == gw.vpc {
					res = in
					break
				}
			}
			if res == nil {
				os = append(os, unknown(LinkLatticeGateway, fmt.Sprintf("the resource at %s is not an instance of this app, so its security group is not known", ip)))
				continue
			}
			for _, p := range ports {
				for _, s := range gw.subnets {
					g := &client{label: "resource gateway " + gw.addr, st: gw.st, subnet: s, groups: gw.sgs, tr: c.tr}
					os = append(os, relink(g.toInstance(res, p), LinkLatticeGateway))
				}
			}
		}
	}
	return fromOutcome(all(os...), Private, "Lattice Resource endpoint "+e.addr+family)
}

// relink files a security-group failure on the provider's side under l.
func relink(o outcome, l *Link) outcome {
	if o.link == LinkClientEgress || o.link == LinkTargetIngress {
		o.link = l
	}
	return o
}

func (m *model) instance(c *client, t need.Target) verdict {
	st := m.stackOf(c, t)
	if st == nil || st.instances[t.Addr] == nil {
		return verdict{v: Unknown, o: unknown(LinkModel, fmt.Sprintf("instance %s is not in this app", quote(t.Addr)))}
	}
	in := st.instances[t.Addr]
	if in.subnetF != "" {
		return verdict{v: Unknown, o: unknown(LinkModel, in.subnetF)}
	}
	if vd, ok := c.instanceFamilies(in); !ok {
		return vd
	}
	ports := t.Ports
	if len(ports) == 0 {
		ports = []int{22}
	}
	if in.subnet.vpc == nil {
		return verdict{v: Unknown, o: unknown(LinkModel, in.subnet.vpcF)}
	}
	if c.ext != nil {
		// On premises calls the instance by its address, over the link.
		if in.subnet.vpc != c.extVPC {
			return verdict{v: Unknown, o: unknown(LinkModel, fmt.Sprintf("%s arrives in %s, and instance %s is in %s: paths between VPCs (peering, Transit Gateway) are not modelled yet", c.ext.Name, c.extVPC.addr, in.addr, in.subnet.vpc.addr))}
		}
		return fromOutcome(c.eniPorts(in.addr, []*subnet{in.subnet}, "", in.sgs, in.sgF, ports), Private, "the hybrid link to "+in.addr)
	}
	if in.subnet.vpc == nil {
		return verdict{v: Unknown, o: unknown(LinkModel, in.subnet.vpcF)}
	}
	if c.subnet.vpc != in.subnet.vpc {
		to := in.subnet.cidr
		if in.ip.IsValid() {
			to = netip.PrefixFrom(in.ip, 32)
		}
		return m.toOtherVPC(c, in, to, ports)
	}
	c.hop("target", in.addr, fmt.Sprintf("instance in %s, security groups %s", in.subnet.addr, groupNames(in.sgs)), yes)
	var os []outcome
	for _, p := range ports {
		if c.eic && p != 22 && p != 3389 {
			return verdict{v: Unreachable, o: broken(LinkPort, fmt.Sprintf("Instance Connect endpoint %s forwards only TCP 22 and 3389, not %d", c.label, p), "use 22 (SSH) or 3389 (RDP)")}
		}
		from := c
		if c.eic && c.preserve != no {
			// With preserve_client_ip the source is the operator's own
			// address: only rules naming the endpoint's group, or any
			// address, still hold (security groups and ACLs alike).
			cp := *c
			cp.anyAddr = true
			from = &cp
		}
		o := from.toInstance(in, p)
		if o.v == unk && c.eic && c.preserve != no {
			o.problem = fmt.Sprintf("%s keeps the client's IP (preserve_client_ip), so %s sees the operator's address, which privnet cannot know: %s", c.label, in.addr, o.problem)
		}
		os = append(os, o)
	}
	via := "within " + in.subnet.vpc.addr
	if c.eic {
		via = "Instance Connect endpoint " + c.label
	}
	return fromOutcome(all(os...), Private, via)
}

// toOtherVPC follows a client to an instance (or an endpoint's interface)
// in another VPC, at address to: the most specific route of the client's
// table decides, and peering or a Transit Gateway carries it.
func (m *model) toOtherVPC(c *client, in *instance, to netip.Prefix, ports []int) verdict {
	if !to.IsValid() {
		return verdict{v: Unknown, o: unknown(LinkModel, in.subnet.cidrF)}
	}
	if c.subnet.rtF != "" {
		return verdict{v: Unknown, o: unknown(LinkModel, c.subnet.rtF)}
	}
	// The most specific route that covers the target decides.
	var best *route
	if c.subnet.rt != nil {
		for i, r := range c.subnet.rt.routes {
			if r.dstPL != "" || (r.f != "" && !r.dst.IsValid()) {
				return verdict{v: Unknown, o: unknown(LinkModel, firstFact(r.f, fmt.Sprintf("%s has a route to prefix list %s, whose addresses privnet cannot know", c.subnet.rt.addr, quote(r.dstPL))))}
			}
			if r.dst.IsValid() && r.dst.Contains(to.Addr()) && (best == nil || r.dst.Bits() > best.dst.Bits()) {
				best = &c.subnet.rt.routes[i]
			}
		}
	}
	if best != nil && (best.kind == "tgw" || best.kind == "pcx") {
		if best.f != "" {
			return verdict{v: Unknown, o: unknown(LinkModel, best.f)}
		}
		target := best.target
		switch {
		case best.tgw != nil:
			target = best.tgw.addr
		case best.pcx != nil:
			target = best.pcx.addr
		}
		c.hop("route", tableName(c.subnet), fmt.Sprintf("%s goes to %s", best.dst, target), yes)
		return m.across(c, in, best, to, ports)
	}
	if best != nil && best.kind != "igw" && best.kind != "nat" {
		return verdict{v: Unknown, o: unknown(LinkModel, firstFact(best.f, fmt.Sprintf("%s routes %s through %s, which privnet does not follow", c.subnet.addr, best.dst, quote(best.target))))}
	}
	if len(c.st.looseRoutes) > 0 {
		return verdict{v: Unknown, o: unknown(LinkModel, c.st.looseRoutes[0])}
	}
	return verdict{v: Unreachable, o: broken(LinkRoute, fmt.Sprintf("%s is in %s and %s in %s, and no route joins them", c.label, c.subnet.vpc.addr, in.addr, in.subnet.vpc.addr),
		"put them in one VPC, or connect the VPCs (peering, Transit Gateway)")}
}

// resolverOnly says whether the VPC's DHCP options send clients to the
// VPC resolver only (ok), or why that cannot be known.
func (v *vpc) resolverOnly(label string) (outcome, bool) {
	switch {
	case v.dhcpF != "":
		return unknown(LinkModel, v.dhcpF), false
	case v.dhcpServers != nil && !slices.Contains(v.dhcpServers, "AmazonProvidedDNS"):
		return unknown(LinkDHCP, fmt.Sprintf("the DHCP options of %s send DNS to %s, not the VPC resolver: private DNS works only if they forward %s's name to it", v.addr, strings.Join(v.dhcpServers, ", "), label)), false
	case v.dhcpServers != nil && len(v.dhcpServers) > 1:
		return unknown(LinkDHCP, fmt.Sprintf("the DHCP options of %s list other DNS servers beside AmazonProvidedDNS (%s): which one a client asks is its own choice", v.addr, strings.Join(v.dhcpServers, ", "))), false
	}
	return pass, true
}
