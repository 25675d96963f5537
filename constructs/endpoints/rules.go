package endpoints

import (
	"fmt"
	"sync"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/network"
)

// vpcEndpoints is what one VPC has, for the rules that need all of it.
type vpcEndpoints struct {
	interfaces []*InterfaceEndpoint
	gateways   map[string]*GatewayEndpoint // by service key, the first one
	// gatewayTables: by service key, the route tables (their ID tokens)
	// of the VPC's gateway endpoints, and the endpoint on each.
	gatewayTables map[string]map[string]string
	// local is the first same-region interface endpoint per service, so
	// that a check per instance is O(1), not a scan of every endpoint.
	local map[*Service]*InterfaceEndpoint
}

var (
	registryMu sync.Mutex
	registry   = map[*network.Vpc]*vpcEndpoints{}
)

// register returns the VPC's record, making it (and its deferred check)
// on first use.
func register(v *network.Vpc) *vpcEndpoints {
	registryMu.Lock()
	defer registryMu.Unlock()
	st, ok := registry[v]
	if !ok {
		st = &vpcEndpoints{gateways: map[string]*GatewayEndpoint{}, gatewayTables: map[string]map[string]string{}, local: map[*Service]*InterfaceEndpoint{}}
		registry[v] = st
		v.Stack.Defer(func() { st.check(v) })
	}
	return st
}

// GatewayOf returns the VPC's gateway endpoint for svc, or nil.
func GatewayOf(v *network.Vpc, svc *Service) *GatewayEndpoint {
	registryMu.Lock()
	defer registryMu.Unlock()
	if st, ok := registry[v]; ok {
		return st.gateways[svc.Key]
	}
	return nil
}

// LocalInterface returns the VPC's first interface endpoint for svc in the
// stack's own region (not cross-region), or nil.
func LocalInterface(v *network.Vpc, svc *Service) *InterfaceEndpoint {
	registryMu.Lock()
	defer registryMu.Unlock()
	if st, ok := registry[v]; ok {
		return st.local[svc]
	}
	return nil
}

// ExistingInterface is the ID of an interface endpoint for svc that an
// imported VPC already has (recorded), "" when it has none.
func ExistingInterface(v *network.Vpc, svc *Service) string {
	if v == nil || v.Imported == nil || svc == nil {
		return ""
	}
	name := svc.ServiceName(v.Stack.Region)
	for _, x := range v.ExistingEndpoints() {
		// Only an available endpoint with private DNS answers the
		// service's usual name.
		if x.Type == "Interface" && x.ServiceName == name && x.PrivateDns && x.Available() {
			return x.Id
		}
	}
	return ""
}

// check runs once per VPC at Validate; one pass over its endpoints.
func (st *vpcEndpoints) check(v *network.Vpc) {
	withDns := map[string]*InterfaceEndpoint{}
	existing := map[string]string{} // service name -> endpoint ID, private DNS on
	existingGw := map[string]string{}
	for _, x := range v.ExistingEndpoints() {
		switch {
		case x.Type == "Interface" && x.PrivateDns && x.HoldsName() && existing[x.ServiceName] == "":
			existing[x.ServiceName] = x.Id
		case x.Type == "Gateway" && x.HoldsName() && existingGw[x.ServiceName] == "":
			existingGw[x.ServiceName] = x.Id
		}
	}
	for _, e := range st.interfaces {
		if e.Resource != nil && e.PrivateDns && e.ServiceRegion == "" && existing[e.ServiceName] != "" {
			// The existing endpoint's private hosted zone holds the name.
			e.Report(RulePrivateDnsOnce, fmt.Sprintf("VPC %s already has endpoint %s with private DNS for %s, made outside privnet (recorded in %s)", v.Path, existing[e.ServiceName], e.ServiceName, v.Stack.App().ContextFile()),
				"drop this endpoint and use the existing one, or set DisablePrivateDns on this one")
			continue
		}
		if e.Resource == nil {
			continue // reported when made
		}
		if e.PrivateDns {
			// AWS allows one private hosted zone per service name in a VPC.
			key := e.ServiceName + "@" + e.ServiceRegion
			if first, dup := withDns[key]; dup {
				e.Report(RulePrivateDnsOnce, fmt.Sprintf("VPC %s already has an endpoint with private DNS for %s (%s)", v.Path, e.Service, first.Path),
					"keep one endpoint per service in a VPC, or set DisablePrivateDns on this one")
			} else {
				withDns[key] = e
			}
		}
		gw := st.gateways[e.Service.Key]
		if e.InboundResolverOnly && gw != nil && gw.Resource != nil {
			// AWS refuses inbound-resolver-only private DNS until the
			// gateway endpoint exists, so Terraform must make it first.
			e.Resource.SetDependsOn(&[]*string{gw.Resource.Fqn()})
		}
		if e.InboundResolverOnly && gw == nil && existingGw[e.Service.GatewayServiceName(e.Stack.Region)] == "" {
			e.Report(RuleInboundResolverGateway, fmt.Sprintf("private DNS for %s answers only Route 53 inbound resolver endpoints, and VPC %s has no %s gateway endpoint for its own clients", e.Service, v.Path, e.Service),
				fmt.Sprintf("add endpoints.NewGatewayEndpoint for %s in the VPC, or set PrivateDnsForAllResolvers so that every client uses this interface endpoint", e.Service))
		}
	}
}

// PrivateDnsNames lists the private DNS names that the VPC's interface
// endpoints answer (in the stack's region), each with the endpoint's path:
// a Resolver forwarding rule must not take them (PN-DNS-4).
func PrivateDnsNames(v *network.Vpc) map[string]string {
	registryMu.Lock()
	st, ok := registry[v]
	var eps []*InterfaceEndpoint
	if ok {
		eps = append(eps, st.interfaces...)
	}
	registryMu.Unlock()
	out := map[string]string{}
	for _, e := range eps {
		if !e.PrivateDns || e.Service == nil {
			continue
		}
		r := e.Stack.Region
		if e.ServiceRegion != "" { // a cross-region endpoint answers its region's names here
			var ok bool
			if r, ok = core.LookupRegion(e.ServiceRegion); !ok {
				continue
			}
		}
		names, _ := e.Service.DNSNames(r)
		if e.Service.Global != "" && len(names) == 0 && r.Partition == "aws" {
			// A service named without a region (iam): its private DNS
			// name is the global one, iam.amazonaws.com (IAM User Guide,
			// "AWS Identity and Access Management and interface VPC
			// endpoints"). Other partitions' names are not in the catalog.
			names = []string{e.Service.Key + ".amazonaws.com"}
		}
		for _, n := range names {
			out[n] = e.Path
		}
	}
	return out
}
