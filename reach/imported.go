package reach

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/privnet/privnet/constructs/endpoints/catalog"
	"github.com/privnet/privnet/record"
)

// buildImported adds the VPCs a stack imports (network.ImportVpc), from
// the facts its metadata records ("//".privnet.imported): the VPC, its
// subnets, route tables, network ACLs and the endpoints already there,
// each known by its AWS ID, which is how the app's resources reference
// them. A fact the record lacks (an import by hand gives no routes) makes
// what depends on it unknown, never a pass. The JSON is untrusted: IDs,
// CIDRs and entries that do not parse are left out, and what needed them
// is unknown.
func (st *stack) buildImported(m *model) {
	for i, im := range st.doc.Imported {
		v := im.Vpc
		if !record.IsID("vpc", v.Id) || st.vpcs[v.Id] != nil || m.imported[v.Id] != nil {
			continue // not a VPC ID, or imported twice: the first holds
		}
		unknownFact := func(what string) fact {
			if im.FromRecord {
				return fmt.Sprintf("the %s of imported VPC %s are not in the record", what, v.Id)
			}
			return fmt.Sprintf("the %s of imported VPC %s were not given (import it FromRecord to have them)", what, v.Id)
		}
		knows := func(f string) bool {
			for _, u := range im.Unknown {
				if u == f {
					return false
				}
			}
			return true
		}
		vp := &vpc{st: st, addr: v.Id, dnsSupport: triOf(v.DnsSupport), dnsHostnames: triOf(v.DnsHostnames)}
		m.imported[v.Id] = st
		st.vpcs[v.Id] = vp
		// The owner's default group may have any rules (FSBP EC2.2 asks
		// for none): they are not recorded.
		vp.defaultSG = &secGroup{st: st, addr: "the default security group of " + v.Id, vpc: vp,
			f: fmt.Sprintf("the rules of the default security group of imported VPC %s are not recorded", v.Id)}
		for _, c := range v.Cidrs {
			if p, err := netip.ParsePrefix(c); err == nil && p.Addr().Is4() {
				vp.cidrs = append(vp.cidrs, p.Masked())
			} else {
				vp.cidrF = fmt.Sprintf("a CIDR of imported VPC %s (%s) does not parse", v.Id, quote(c))
			}
		}
		if len(vp.cidrs) == 0 && vp.cidrF == "" {
			vp.cidrF = unknownFact("CIDRs")
		}
		for _, c := range v.Ipv6Cidrs {
			if p, err := netip.ParsePrefix(c); err == nil && p.Addr().Is6() && !vp.ipv6.IsValid() {
				vp.ipv6 = p.Masked() // the first: as recorded, not a stand-in
			}
		}
		if !knows("dns") {
			vp.dnsSupport, vp.dnsHostnames, vp.dnsF = unk, unk, unknownFact("DNS attributes")
		}
		switch {
		case !knows("dhcp"):
			vp.dhcpF = unknownFact("DHCP options")
		case len(v.DnsServers) > 0 && !(len(v.DnsServers) == 1 && v.DnsServers[0] == "AmazonProvidedDNS"):
			vp.dhcpServers = append([]string{}, v.DnsServers...)
		}

		// Route tables, by ID.
		routesKnown := knows("routes")
		gatewayEndpoints := map[string]bool{}
		for _, e := range v.Endpoints {
			if e.Type == "Gateway" {
				gatewayEndpoints[e.Id] = true
			}
		}
		for _, t := range v.RouteTables {
			if !record.IsID("rtb", t.Id) || st.rts[t.Id] != nil {
				continue
			}
			rt := &routeTable{st: st, addr: t.Id, vpc: vp}
			st.rts[t.Id] = rt
			m.imported[t.Id] = st
			for _, r := range t.Routes {
				if r.Blackhole {
					continue // its target is gone: the route drops traffic
				}
				if rr, v6, ok := importedRoute(r, t.Id, gatewayEndpoints); ok && v6 {
					rt.routes6 = append(rt.routes6, rr)
				} else if ok {
					rt.routes = append(rt.routes, rr)
				}
			}
			if t.Id == v.MainRouteTable && routesKnown {
				vp.mainRT = rt
			}
		}
		if !routesKnown {
			vp.mainF = unknownFact("routes")
		}

		// Network ACLs, by ID.
		naclsKnown := knows("networkAcls")
		for _, a := range v.NetworkAcls {
			if !record.IsID("acl", a.Id) || st.nacls[a.Id] != nil {
				continue
			}
			nc := &nacl{addr: a.Id}
			for _, e := range a.Entries {
				r := naclRule{num: e.Number, allow: e.Allow, proto: normProto(e.Protocol), from: e.FromPort, to: e.ToPort}
				p, err := netip.ParsePrefix(e.Cidr)
				if err != nil {
					r.f = fmt.Sprintf("a rule of network ACL %s has a CIDR privnet cannot read", a.Id)
				}
				r.cidr = p.Masked()
				if r.proto == "-1" {
					r.from, r.to = 0, 65535
				}
				switch v6 := err == nil && p.Addr().Is6(); {
				case err != nil && e.Egress:
					// Unreadable, it may match either family.
					nc.egress, nc.egress6 = append(nc.egress, r), append(nc.egress6, r)
				case err != nil:
					nc.ingress, nc.ingress6 = append(nc.ingress, r), append(nc.ingress6, r)
				case v6 && e.Egress:
					nc.egress6 = append(nc.egress6, r)
				case v6:
					nc.ingress6 = append(nc.ingress6, r)
				case e.Egress:
					nc.egress = append(nc.egress, r)
				default:
					nc.ingress = append(nc.ingress, r)
				}
			}
			st.nacls[a.Id] = nc
			m.imported[a.Id] = st
			if a.Default {
				vp.defaultNACL = nc
			}
		}

		// Subnets, by ID.
		for _, s := range v.Subnets {
			if !record.IsID("subnet", s.Id) || st.subnets[s.Id] != nil {
				continue
			}
			sn := &subnet{st: st, addr: s.Id, vpc: vp, az: s.Az, mapPublicIP: unk}
			if sn.az == "" {
				sn.az = s.AzId
			}
			if p, err := netip.ParsePrefix(s.Cidr); err == nil && p.Addr().Is4() {
				sn.cidr = p.Masked()
			} else if s.Cidr == "" && len(s.Ipv6Cidrs) > 0 {
				sn.ipv6Only, sn.cidrF = true, fmt.Sprintf("imported subnet %s is IPv6-only: it has no IPv4 block", s.Id)
			} else {
				sn.cidrF = fmt.Sprintf("the CIDR of imported subnet %s does not parse", s.Id)
			}
			for _, c := range s.Ipv6Cidrs {
				sn.has6 = true
				if p, err := netip.ParsePrefix(c); err == nil && p.Addr().Is6() && !sn.ipv6.IsValid() {
					sn.ipv6 = p.Masked()
				} else if err != nil || !p.Addr().Is6() {
					sn.ipv6F = fmt.Sprintf("an IPv6 block of imported subnet %s does not parse", s.Id)
				}
			}
			// DNS64 decides what names with IPv4 addresses only answer a
			// subnet with IPv6: unknown when the record predates it.
			switch {
			case !sn.has6:
			case s.Dns64 != nil:
				sn.dns64 = *s.Dns64
			default:
				sn.dns64F = fmt.Sprintf("whether imported subnet %s has DNS64 is not in the record (record the VPC again)", s.Id)
			}
			switch {
			case !routesKnown:
				sn.rtF = unknownFact("routes")
			case st.rts[s.RouteTable] != nil:
				sn.rt = st.rts[s.RouteTable]
			default:
				sn.rtF = fmt.Sprintf("the route table of imported subnet %s (%s) is not in the record", s.Id, quote(s.RouteTable))
			}
			switch {
			case !naclsKnown:
				sn.nacl = &nacl{addr: "the network ACL of " + s.Id, f: unknownFact("network ACLs")}
			case st.nacls[s.NetworkAcl] != nil:
				sn.nacl = st.nacls[s.NetworkAcl]
			default:
				sn.nacl = &nacl{addr: "the network ACL of " + s.Id, f: fmt.Sprintf("the network ACL of imported subnet %s (%s) is not in the record", s.Id, quote(s.NetworkAcl))}
			}
			st.subnets[s.Id] = sn
			m.imported[s.Id] = st
		}

		// Endpoints already in the VPC. Their security groups are not
		// recorded, so a path through one is unknown at that hop.
		if !knows("endpoints") {
			vp.unknownEndpoints = append(vp.unknownEndpoints, &endpoint{st: st, addr: "the endpoints of " + v.Id, vpc: vp, nameF: unknownFact("endpoints")})
		}
		gatewayPL := v.GatewayPrefixLists()
		for _, e := range v.Endpoints {
			if !record.IsID("vpce", e.Id) {
				continue
			}
			ep := &endpoint{st: st, addr: e.Id + " (existing)", typ: e.Type, vpc: vp, name: e.ServiceName, region: st.region.Name, inbound: no,
				ipType: strings.ToLower(e.IpAddressType), dnsType: strings.ToLower(e.DnsRecordIpType)}
			switch {
			case ep.ipType != "" && !record.IpAddressTypes[ep.ipType]:
				ep.ipF = fmt.Sprintf("existing endpoint %s has IP address type %s, which privnet does not know", e.Id, quote(e.IpAddressType))
			case ep.ipType == "" && e.Type == "Interface" && len(v.Ipv6Cidrs) > 0:
				// Recorded before IP address types were: in a VPC with
				// IPv6 the endpoint may answer AAAA, which only an IPv6
				// client would take.
				ep.ip6F = fmt.Sprintf("the IP address type of existing endpoint %s is not in the record (record the VPC again)", e.Id)
			}
			ep.private = no
			if e.PrivateDns && e.Type == "Interface" {
				ep.private = yes
			}
			if svc, r, ok := catalog.ByServiceName(e.ServiceName); ok {
				ep.svc = svc
				if r != "" {
					ep.region = r
				}
			} else if rest, ok := strings.CutPrefix(e.ServiceName, "com.amazonaws."+st.region.Name+"."); ok && e.Type == "Gateway" {
				if svc, ok := catalog.Lookup(rest); ok && svc.Offers(catalog.Gateway) {
					ep.svc = svc
				}
			}
			if e.State != "" && !strings.EqualFold(e.State, "available") {
				ep.nameF = fmt.Sprintf("existing endpoint %s was %s when recorded, not available", e.Id, quote(e.State))
			}
			for _, sid := range e.Subnets {
				if sn := st.subnets[sid]; sn != nil {
					ep.subnets = append(ep.subnets, sn)
				} else {
					ep.subF = fmt.Sprintf("a subnet of existing endpoint %s (%s) is not in the record", e.Id, quote(sid))
				}
			}
			if e.Type == "Interface" {
				ep.sgF = fmt.Sprintf("the security groups of existing endpoint %s (%s) are not recorded", e.Id, strings.Join(e.SecurityGroups, ", "))
			}
			for _, t := range e.RouteTables {
				if rt := st.rts[t]; rt != nil {
					rt.gateway = append(rt.gateway, ep)
				}
			}
			ep.pl = gatewayPL[e.Id] // rules name the prefix list by its ID
			vp.endpoints = append(vp.endpoints, ep)
			if ep.nameF != "" {
				vp.unknownEndpoints = append(vp.unknownEndpoints, ep)
			}
			st.endpoints[ep.addr] = ep
		}
		_ = i
	}
}

// importedRoute reads a recorded route: the target's kind from its ID.
func importedRoute(r record.Route, table string, gatewayEndpoints map[string]bool) (out route, v6, ok bool) {
	out = route{target: r.Target}
	switch {
	case record.IsID("pl", r.Destination):
		out.dstPL = r.Destination
	default:
		p, err := netip.ParsePrefix(r.Destination)
		if err != nil {
			out.f = fmt.Sprintf("a route of %s has a destination privnet cannot read (%s)", table, quote(r.Destination))
			break
		}
		v6 = p.Addr().Is6()
		out.dst = p.Masked()
	}
	kinds := map[string]string{"igw": "igw", "nat": "nat", "tgw": "tgw", "pcx": "pcx", "vgw": "vgw", "eni": "eni", "eigw": "eigw"}
	if r.Target == "local" {
		out.kind = "local"
		return out, v6, true
	}
	prefix, _, _ := strings.Cut(r.Target, "-")
	if k, ok := kinds[prefix]; ok && record.IsID(prefix, r.Target) {
		out.kind = k
		if k == "nat" {
			// A NAT gateway privnet did not make: where it leads is not
			// recorded (its subnet's routes), so the path is unknown.
			out.kind, out.f = "other", fmt.Sprintf("%s routes %s to NAT gateway %s, which was made outside this app", table, r.Destination, r.Target)
		}
		return out, v6, true
	}
	if record.IsID("vpce", r.Target) && out.dstPL != "" && gatewayEndpoints[r.Target] {
		// A gateway endpoint's route: the endpoint carries it. (A Gateway
		// Load Balancer endpoint's route looks the same in
		// DescribeRouteTables: it stays, and privnet does not model it.)
		return route{}, false, false
	}
	out.kind, out.f = "other", fmt.Sprintf("%s routes %s to %s, which privnet does not model", table, r.Destination, quote(r.Target))
	return out, v6, true
}

func triOf(b bool) tri {
	if b {
		return yes
	}
	return no
}
