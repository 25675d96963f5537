package endpoints

import (
	"fmt"
	"net/netip"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/route53profilesassociation"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/route53profilesprofile"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/route53profilesresourceassociation"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/route53record"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/route53vpcassociationauthorization"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/route53zone"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/route53zoneassociation"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/network"
	"github.com/privnet/privnet/constructs/securitygroup"
)

// HubProps configures a hub of interface endpoints that spoke VPCs share:
// AWS's "centralized access to VPC private endpoints" (whitepaper
// "Building a Scalable and Secure Multi-VPC AWS Network Infrastructure",
// read 2026-11-24).
type HubProps struct {
	// Vpc holds the endpoints. Required.
	Vpc *network.Vpc
	// Services get an endpoint each. Required.
	Services []*Service
	// Spokes use the hub's endpoints through the private hosted zones,
	// over a Transit Gateway or a peering that joins them to the hub
	// (package transit). In the hub's account and region.
	Spokes []*network.Vpc
	// AccountSpokes are spokes in other accounts than the hub's (same
	// region): each zone's association with such a spoke needs an
	// authorization by the hub's account first.
	AccountSpokes []AccountSpoke
	// Tier of the hub VPC for the endpoints. Default: its first tier that
	// is not public.
	Tier string
	// OrganizationId (o-…) limits every endpoint to principals of the
	// organization (aws:PrincipalOrgID). Default: no policy, AWS's full
	// access.
	OrganizationId string
	// Profile shares the zones through one Route 53 Profile associated
	// with each spoke, instead of associating every zone with every spoke
	// (AWS's newer way; a VPC takes one Profile). Default: zone
	// associations.
	Profile bool
	// ServiceRegions makes the hub's endpoint for a service a cross-region
	// one, to the service in the region given (service_region): IAM's,
	// whose only endpoint is in us-east-1, from a hub elsewhere. Only
	// cross-region enabled services.
	ServiceRegions map[*Service]string
	// AdmitSpokes false leaves the endpoints' ingress to the caller
	// (Endpoint(svc).AllowFromCidr); privnet then checks that each spoke
	// is admitted on each port. Default (nil): every spoke's CIDRs.
	AdmitSpokes *bool
}

// AccountSpoke is a spoke VPC in another account than the hub's, and the
// two stacks where its zone associations are made. A zone belongs to the
// hub's account, the VPC to the spoke's: "Authorizes a VPC in a peer
// account to be associated with a local Route53 Hosted Zone" comes first,
// in the zone's account, and the association follows in the VPC's
// (provider documentation, aws_route53_vpc_association_authorization,
// read 2026-11-24). Each account's part is a stack with its own provider,
// as package transit does for shared gateways, instead of a provider
// alias in one stack.
type AccountSpoke struct {
	Vpc *network.Vpc
	// AuthorizeScope is a stack of the hub's account and region, other
	// than the hub's and the spoke's (it refers to both): the
	// authorizations go there. A Transit Gateway's AccepterScope stack
	// fits.
	AuthorizeScope constructs.Construct
	// AssociateScope is a stack of the spoke's account and region, other
	// than the spoke's (the authorization refers to the spoke's VPC, and
	// the association to the authorization): the associations go there.
	AssociateScope constructs.Construct
}

// Hub is the endpoints and their private hosted zones.
type Hub struct {
	constructs.Construct
	core.Base
	Vpc    *network.Vpc
	Spokes []*network.Vpc
	// Zones by zone name (the service's DNS name, or its wildcard's
	// parent), in the order made.
	Zones     map[string]route53zone.Route53Zone
	zoneNames []string
	endpoints map[*Service]*InterfaceEndpoint
	services  []*Service
	// profile is the Route 53 Profile when HubProps.Profile.
	profile route53profilesprofile.Route53ProfilesProfile
	// scopes of the spokes in other accounts.
	scopes map[*network.Vpc]*spokeScopes
	// zoned: the services that got a zone of their names.
	zoned map[*Service]bool
}

type spokeScopes struct{ authorize, associate *side }

// side is the part of the hub made in another stack.
type side struct {
	constructs.Construct
	core.Base
}

// Endpoint is the hub's endpoint for svc, nil when it has none.
func (h *Hub) Endpoint(svc *Service) *InterfaceEndpoint { return h.endpoints[svc] }

// Services the hub serves, in the order given.
func (h *Hub) Services() []*Service { return h.services }

// prefixWildcard matches a private DNS name a zone cannot hold: a label
// that is part wildcard (ecs-a-*), which DNS does not have.
func prefixWildcard(name string) bool {
	for _, l := range strings.Split(name, ".") {
		if strings.Contains(l, "*") && l != "*" {
			return true
		}
	}
	return false
}

// hubZones groups a service's private DNS names by zone: a name is its
// own zone's apex ("A" at the apex), a wildcard (*.x) its parent's ("A"
// at *). Names a zone cannot hold come back apart.
func hubZones(names []string) (zones []string, records map[string][]string, bad []string) {
	records = map[string][]string{}
	for _, n := range names {
		switch {
		case prefixWildcard(n) || strings.Count(n, "*") > 1 || strings.Contains(n, "*") && !strings.HasPrefix(n, "*."):
			bad = append(bad, n)
			continue
		case strings.HasPrefix(n, "*."):
			z := strings.TrimPrefix(n, "*.")
			if _, ok := records[z]; !ok {
				zones = append(zones, z)
			}
			records[z] = append(records[z], "*")
		default:
			if _, ok := records[n]; !ok {
				zones = append(zones, n)
			}
			records[n] = append(records[n], "")
		}
	}
	return zones, records, bad
}

// unzonable are services whose clients call names no zone and no
// wildcard can hold: the ECS agent and telemetry call numbered hosts
// (ecs-a-<n>, ecs-t-<n>) in the region's own domain.
var unzonable = map[string]string{
	"ecs-agent":     "ecs-a-*",
	"ecs-telemetry": "ecs-t-*",
}

// NewHub makes the hub: per service an interface endpoint with private DNS
// off, admitting the spokes, and per DNS name of the service a private
// hosted zone made with the hub VPC, an alias to the endpoint's regional
// DNS name (at the apex, and at * for a wildcard name), and an association
// with each spoke. The zone keeps its first VPC inline and ignores changes
// to it, so the separate associations do not fight it (provider
// documentation, aws_route53_zone).
func NewHub(scope constructs.Construct, id string, props *HubProps) *Hub {
	if props == nil {
		props = &HubProps{}
	}
	h := &Hub{Zones: map[string]route53zone.Route53Zone{}, endpoints: map[*Service]*InterfaceEndpoint{}, zoned: map[*Service]bool{}}
	h.Init(h, scope, id)
	v := props.Vpc
	if v == nil || v.VpcId == nil {
		h.Report(core.RuleWiring, "a hub needs a Vpc that was built", "pass the hub VPC")
		return h
	}
	if !h.Uses("VPC", &v.Base) {
		return h
	}
	h.Vpc = v
	if len(props.Services) == 0 {
		h.Report(RuleHub, "the hub has no Services", "name the services its endpoints serve")
	}
	for i, sp := range props.Spokes {
		switch {
		case sp == nil || sp.VpcId == nil:
			h.Report(core.RuleWiring, fmt.Sprintf("Spokes[%d] is not a VPC that was built", i), "pass built VPCs")
			continue
		case sp == v:
			h.Report(RuleHub, fmt.Sprintf("Spokes[%d] is the hub VPC itself", i), "list the other VPCs")
			continue
		case slices.Contains(h.Spokes, sp):
			continue
		case !h.Uses("spoke VPC", &sp.Base):
			continue
		case sp.Stack.OtherAccount(v.Stack):
			h.Report(RuleHub, fmt.Sprintf("spoke %s is in %s and the hub in %s: its zone associations need an authorization in the hub's account first", sp.Path, accountWord(sp.Stack.Account), accountWord(v.Stack.Account)),
				"list it in AccountSpokes, with an AuthorizeScope and an AssociateScope")
			continue
		}
		h.Spokes = append(h.Spokes, sp)
	}
	for i, as := range props.AccountSpokes {
		if sc := h.accountSpoke(i, as, props.Profile); sc != nil {
			h.scopes[as.Vpc] = sc
			h.Spokes = append(h.Spokes, as.Vpc)
		}
	}
	admit := props.AdmitSpokes == nil || *props.AdmitSpokes
	var policy *core.Policy
	if o := props.OrganizationId; o != "" {
		if !orgId.MatchString(o) {
			h.Report(RuleHub, fmt.Sprintf("OrganizationId %s is not an organization ID", core.Quote(o)), `write it like "o-a1b2c3d4e5"`)
		} else {
			// "aws:PrincipalOrgID": the calling principal's organization.
			policy = &core.Policy{Statements: []core.Statement{{
				Principal: map[string][]string{"AWS": {"*"}}, Actions: []string{"*"}, Resources: []string{"*"},
				Condition: map[string]map[string][]string{"StringEquals": {"aws:PrincipalOrgID": {o}}},
			}}}
		}
	}
	if props.Profile {
		name := h.Stack.Name + "-" + h.Name
		h.profile = route53profilesprofile.NewRoute53ProfilesProfile(h, jsii.String("profile"), &route53profilesprofile.Route53ProfilesProfileConfig{
			Name: jsii.String(profileName(name)), Tags: &map[string]*string{"Name": jsii.String(name)},
		})
		h.Stack.NameResource(h.profile, "aws_route53profiles_profile", h.Path, h.Name)
		for i, sp := range h.Spokes {
			// "A VPC can have only one Profile associated with it" (AWS CLI
			// reference, route53profiles associate-profile, read 2026-11-24).
			profilesMu.Lock()
			prev, taken := profiles[sp]
			if !taken {
				profiles[sp] = h.Path
			}
			profilesMu.Unlock()
			if taken {
				h.Report(RuleHubSpoke, fmt.Sprintf("spoke %s is associated with the Route 53 Profile of %s already, and a VPC takes one Profile", sp.Path, prev), "share one hub's Profile with the spoke, or use zone associations")
				continue
			}
			a := route53profilesassociation.NewRoute53ProfilesAssociation(h, jsii.String("profile-"+strconv.Itoa(i)), &route53profilesassociation.Route53ProfilesAssociationConfig{
				Name: jsii.String(profileName(name + "-" + h.spokeName(sp))), ProfileId: h.profile.Id(), ResourceId: sp.VpcId,
			})
			h.Stack.NameResource(a, "aws_route53profiles_association", h.Path, h.Name, h.spokeName(sp))
		}
	}
	seen := map[string]string{}
	var assumed []string // names the catalog does not record
	for _, svc := range props.Services {
		if svc == nil {
			h.Report(RuleHub, "Services holds nil", "name catalog services")
			continue
		}
		if _, dup := h.endpoints[svc]; dup {
			continue
		}
		sr := props.ServiceRegions[svc]
		reaches := sr // the region the endpoint reaches
		if reaches == "" {
			reaches = v.Stack.Region.Name
		}
		if home := svc.HomeRegion(v.Stack.Region.Partition); home != "" && reaches != home {
			// "Interface VPC endpoints for IAM can only be created in the
			// Region where the IAM control plane is located" (IAM User
			// Guide, "Create a VPC endpoint for IAM", read 2026-11-24);
			// AWS lists IAM among the cross-region enabled services
			// (PrivateLink Guide, Nov 2025).
			fix := fmt.Sprintf("set ServiceRegions[%s] to %q (a cross-region endpoint), or make the hub in %s", svc.Key, home, home)
			if v.Stack.Region.Name == home {
				fix = fmt.Sprintf("drop ServiceRegions[%s]: the hub is in %s", svc.Key, home)
			} else if _, known := svc.CrossRegionIn(v.Stack.Region.Partition); !known {
				fix = fmt.Sprintf("make the hub in %s (cross-region endpoints to AWS services are not documented in %s)", home, v.Stack.Region.Partition)
			}
			where := "the hub is in " + v.Stack.Region.Name
			if sr != "" {
				where = "ServiceRegions gives it " + sr
			}
			h.Report(RuleHub, fmt.Sprintf("%s's endpoint exists only in %s (its control plane), and %s", svc.Key, home, where), fix)
			continue
		}
		if w, ok := unzonable[svc.Key]; ok {
			h.Report(RuleHub, fmt.Sprintf("%s's clients call hosts named %s.%s.%s, which no private hosted zone or DNS wildcard can hold (a wildcard is a whole label)", svc.Key, w, v.Stack.Region.Name, v.Stack.Region.DNSSuffix),
				"give each VPC that needs it its own endpoint with private DNS")
			continue
		}
		// A cross-region endpoint answers its service region's names.
		r := v.Stack.Region
		if sr != "" {
			if r2, ok := core.LookupRegion(sr); ok {
				r = r2
			}
		}
		names, recorded := svc.DNSNames(r)
		zones, records, bad := hubZones(names)
		switch {
		case len(bad) > 0:
			h.Report(RuleHub, fmt.Sprintf("%s's private DNS names %s cannot be held by a private hosted zone (a wildcard is a whole label)", svc.Key, strings.Join(bad, ", ")),
				"give each VPC that needs it its own endpoint with private DNS")
			continue
		case len(zones) == 0:
			h.Report(RuleHub, fmt.Sprintf("privnet does not know %s's private DNS names in %s, so it cannot name its zones", svc.Key, r.Name),
				"give each VPC that needs it its own endpoint with private DNS, or use a catalog service")
			continue
		}
		if svc.Key == "s3" || svc.Key == "dynamodb" {
			// "There is no additional charge for using gateway endpoints"
			// (Amazon VPC User Guide, "Gateway endpoints", read
			// 2026-11-24); a gateway endpoint is not reachable through a
			// Transit Gateway or peering.
			h.Stack.Note(h.Path, fmt.Sprintf("%s through the hub moves the spokes off a free gateway endpoint: every GB then pays the interface endpoint's data processing, and the Transit Gateway's (or a peering's cross-AZ transfer), where a gateway endpoint in each spoke costs nothing", svc.Key))
		}
		if !recorded {
			assumed = append(assumed, strings.Join(names, ", "))
		}
		ep := NewInterfaceEndpoint(h, svc.Key, &InterfaceEndpointProps{
			Vpc: v, Service: svc, Tier: props.Tier, DisablePrivateDns: true, Policy: policy, RestrictIngress: true, ServiceRegion: sr,
		})
		if ep.Resource == nil {
			continue // the endpoint said why
		}
		h.endpoints[svc] = ep
		h.services = append(h.services, svc)
		ep.AllowFromVpc()
		if admit {
			for _, sp := range h.Spokes {
				for _, c := range sp.Cidrs() {
					ep.AllowFromCidr(c.String())
				}
			}
		}
		entry := ep.Resource.DnsEntry().Get(jsii.Number(0))
		for _, z := range zones {
			if prev, taken := seen[z]; taken {
				h.Report(RuleHub, fmt.Sprintf("zone %s is %s's and %s's", z, prev, svc.Key), "serve each name from one service")
				continue
			}
			seen[z] = svc.Key
			h.zone(z, records[z], entry)
			h.zoned[svc] = true
		}
	}
	if len(assumed) > 0 {
		h.Stack.Note(h.Path, fmt.Sprintf("the zones are named for %s, each its service's <key>.<region>.<suffix>: the catalog does not record their private DNS names", strings.Join(assumed, ", ")))
	}
	for _, sp := range h.Spokes {
		profilesMu.Lock()
		other := h.profile != nil && profiles[sp] != h.Path
		profilesMu.Unlock()
		if other {
			continue // its Profile is another hub's
		}
		servedMu.Lock()
		for _, svc := range h.services {
			if !h.zoned[svc] {
				continue // no zone of its names: the spoke's calls do not come here
			}
			if served[sp] == nil {
				served[sp] = map[*Service]*InterfaceEndpoint{}
			}
			if _, taken := served[sp][svc]; !taken {
				served[sp][svc] = h.endpoints[svc]
			}
		}
		servedMu.Unlock()
	}
	if !admit {
		h.Stack.Defer(h.checkAdmitted)
	}
	h.Stack.Defer(h.checkSpokes)
	return h
}

var (
	profilesMu sync.Mutex
	profiles   = map[*network.Vpc]string{} // spoke -> the hub whose Profile it has
	zonesMu    sync.Mutex
	spokeZones = map[spokeZone]string{} // (spoke, zone name) -> the hub
)

// served: the hub endpoint that serves a spoke a service through its
// zones, for the spoke's workloads (instance.New sends their HTTPS there).
var (
	servedMu sync.Mutex
	served   = map[*network.Vpc]map[*Service]*InterfaceEndpoint{}
)

// Served is the hub endpoint whose zone answers svc's name in spoke v,
// nil when no hub serves v svc.
func Served(v *network.Vpc, svc *Service) *InterfaceEndpoint {
	servedMu.Lock()
	defer servedMu.Unlock()
	return served[v][svc]
}

type spokeZone struct {
	vpc  *network.Vpc
	zone string
}

// spokeName names a spoke in the hub's resources: by its construct name,
// with its stack's when that is not the hub's (two stacks may each have a
// VPC of one name).
func (h *Hub) spokeName(sp *network.Vpc) string {
	if sp.Stack != h.Stack {
		return sp.Stack.Name + "-" + sp.Name
	}
	return sp.Name
}

var profileChars = regexp.MustCompile(`[^A-Za-z0-9_-]`)

// profileName fits a Route 53 Profiles name: letters, digits, - and _, at
// most 64 characters (AWS CLI reference, associate-profile: --name).
func profileName(s string) string {
	s = profileChars.ReplaceAllString(s, "-")
	if len(s) > 64 {
		s = s[:64]
	}
	return s
}

// accountSpoke checks a spoke of another account and makes the places of
// its authorizations and associations.
func (h *Hub) accountSpoke(i int, as AccountSpoke, profile bool) *spokeScopes {
	sp, v := as.Vpc, h.Vpc
	field := fmt.Sprintf("AccountSpokes[%d]", i)
	switch {
	case sp == nil || sp.VpcId == nil:
		h.Report(core.RuleWiring, field+".Vpc is not a VPC that was built", "pass a built VPC")
		return nil
	case sp == v:
		h.Report(RuleHub, field+": the spoke is the hub VPC itself", "list the other VPCs")
		return nil
	case slices.Contains(h.Spokes, sp) || h.tried(sp):
		h.Report(RuleHub, fmt.Sprintf("%s: spoke %s is listed twice", field, sp.Path), "list it once")
		return nil
	case sp.Stack.Region.Name != v.Stack.Region.Name:
		h.Report(RuleHub, fmt.Sprintf("%s: spoke %s is in %s and the hub in %s: the hub's endpoints serve their own region", field, sp.Path, sp.Stack.Region.Name, v.Stack.Region.Name),
			"give the spoke's region a hub of its own")
		return nil
	case !sp.Stack.OtherAccount(v.Stack):
		h.Report(RuleHub, fmt.Sprintf("%s: spoke %s is in the hub's account (%s)", field, sp.Path, accountWord(v.Stack.Account)), "list it in Spokes")
		return nil
	case profile:
		h.Report(RuleHub, fmt.Sprintf("%s: spoke %s is in another account, and a Profile reaches it only shared through AWS RAM, which privnet does not build", field, sp.Path),
			"use zone associations (Profile false) for a hub with spokes in other accounts")
		return nil
	case as.AuthorizeScope == nil || as.AssociateScope == nil:
		h.Report(RuleHub, fmt.Sprintf("%s: spoke %s is in %s and the hub in %s: the hub's account authorizes each zone's association, and the spoke's account makes it", field, sp.Path, accountWord(sp.Stack.Account), accountWord(v.Stack.Account)),
			fmt.Sprintf("pass AuthorizeScope, a stack of %s in %s, and AssociateScope, a stack of %s in %s, neither the hub's nor the spoke's", accountWord(v.Stack.Account), v.Stack.Region.Name, accountWord(sp.Stack.Account), v.Stack.Region.Name))
		return nil
	}
	// Marked before the stacks are checked: a spoke listed again must not
	// make a second construct of the same ID.
	if h.scopes == nil {
		h.scopes = map[*network.Vpc]*spokeScopes{}
	}
	h.scopes[sp] = nil
	sc := &spokeScopes{authorize: &side{}, associate: &side{}}
	id := h.Stack.Name + "-" + h.Name + "-" + sp.Stack.Name + "-" + sp.Name
	sc.authorize.Init(sc.authorize, as.AuthorizeScope, id+"-authorize")
	sc.associate.Init(sc.associate, as.AssociateScope, id+"-associate")
	a, b := sc.authorize.Stack, sc.associate.Stack
	switch {
	case a == nil || b == nil || a.Stray() || b.Stray():
		return nil // PN-APP-3 says the scope is in no stack
	case a.OtherAccount(v.Stack) || a.Region.Name != v.Stack.Region.Name || a == v.Stack || a == sp.Stack:
		h.Report(RuleHub, fmt.Sprintf("%s: AuthorizeScope is in stack %s; it must be a stack of the hub's account (%s) and region (%s), other than the hub's %s and the spoke's %s (it refers to both: a cycle otherwise, which cdktf refuses)", field, a.Name, accountWord(v.Stack.Account), v.Stack.Region.Name, v.Stack.Name, sp.Stack.Name),
			"make a stack of the hub's account for it (a Transit Gateway's AccepterScope stack fits)")
		return nil
	case b.OtherAccount(sp.Stack) || b.Region.Name != sp.Stack.Region.Name || b == sp.Stack:
		h.Report(RuleHub, fmt.Sprintf("%s: AssociateScope is in stack %s; it must be a stack of the spoke's account (%s) and region (%s), other than the spoke's %s (the authorization refers to the spoke's VPC, and the association to the authorization: a cycle otherwise)", field, b.Name, accountWord(sp.Stack.Account), sp.Stack.Region.Name, sp.Stack.Name),
			"make a stack of the spoke's account for it")
		return nil
	}
	if !sc.authorize.Uses("hub", &h.Base) || !sc.authorize.Uses("spoke VPC", &sp.Base) || !sc.associate.Uses("spoke VPC", &sp.Base) || !sc.associate.Uses("authorizations", &sc.authorize.Base) {
		return nil
	}
	return sc
}

// tried: an AccountSpokes entry for sp was seen already.
func (h *Hub) tried(sp *network.Vpc) bool {
	_, ok := h.scopes[sp]
	return ok
}

func accountWord(a string) string {
	if a == "" {
		return "the credentials' account"
	}
	return "account " + a
}

var orgId = regexp.MustCompile(`^o-[a-z0-9]{10,32}$`)

// zone makes one private hosted zone, its alias records and its spoke
// associations.
func (h *Hub) zone(name string, records []string, entry interface {
	DnsName() *string
	HostedZoneId() *string
}) {
	slug := strings.NewReplacer(".", "_", "*", "star").Replace(name)
	z := route53zone.NewRoute53Zone(h, jsii.String("zone-"+slug), &route53zone.Route53ZoneConfig{
		Name:    jsii.String(name),
		Comment: jsii.String("privnet hub " + h.Stack.Name + "/" + h.Name + ": " + name + " to the hub's endpoint"),
		Vpc:     &[]*route53zone.Route53ZoneVpc{{VpcId: h.Vpc.VpcId}},
		// "you cannot use in-line VPC associations in conjunction with any
		// aws_route53_zone_association resources with the same zone ID
		// otherwise it will cause a perpetual difference in plan output.
		// You can optionally use ... ignore_changes" (provider
		// documentation, aws_route53_zone, read 2026-11-24).
		Lifecycle: &cdktf.TerraformResourceLifecycle{IgnoreChanges: &[]*string{jsii.String("vpc")}},
	})
	h.Stack.NameResource(z, "aws_route53_zone", h.Path, h.Name, slug)
	h.Zones[name] = z
	h.zoneNames = append(h.zoneNames, name)
	for _, r := range records {
		rname, rslug := name, "apex"
		if r == "*" {
			rname, rslug = "*."+name, "star"
		}
		rec := route53record.NewRoute53Record(h, jsii.String("record-"+slug+"-"+rslug), &route53record.Route53RecordConfig{
			ZoneId: z.ZoneId(),
			Name:   jsii.String(rname),
			Type:   jsii.String("A"),
			Alias:  &route53record.Route53RecordAlias{Name: entry.DnsName(), ZoneId: entry.HostedZoneId(), EvaluateTargetHealth: jsii.Bool(false)},
		})
		h.Stack.NameResource(rec, "aws_route53_record", h.Path, h.Name, slug, rslug)
	}
	if h.profile != nil {
		ra := route53profilesresourceassociation.NewRoute53ProfilesResourceAssociation(h, jsii.String("profile-zone-"+slug), &route53profilesresourceassociation.Route53ProfilesResourceAssociationConfig{
			Name: jsii.String(profileName(h.Stack.Name + "-" + h.Name + "-" + slug)), ProfileId: h.profile.Id(), ResourceArn: z.Arn(),
		})
		h.Stack.NameResource(ra, "aws_route53profiles_resource_association", h.Path, h.Name, slug)
		return
	}
	// Construct IDs number the spokes: names joined from a stack's and a
	// VPC's could meet ("t-a"+"sp", "t"+"a-sp"), and jsii refuses a second
	// child of one ID. A Terraform name that meets another is PN-APP-4.
	for i, sp := range h.Spokes {
		// One zone of a name per VPC: ConflictingDomainExists.
		zonesMu.Lock()
		key := spokeZone{sp, name}
		prev, taken := spokeZones[key]
		if !taken {
			spokeZones[key] = h.Path
		}
		zonesMu.Unlock()
		if taken {
			h.Report(RuleHubSpoke, fmt.Sprintf("spoke %s is associated with zone %s of hub %s already, and a VPC takes one zone of a name (ConflictingDomainExists)", sp.Path, name, prev),
				"serve the spoke each service from one hub")
			continue
		}
		if sc := h.scopes[sp]; sc != nil {
			// The hub's account authorizes, then the spoke's associates:
			// the association takes the zone from the authorization, so
			// it waits for it.
			au := route53vpcassociationauthorization.NewRoute53VpcAssociationAuthorization(sc.authorize, jsii.String("authorization-"+slug), &route53vpcassociationauthorization.Route53VpcAssociationAuthorizationConfig{
				ZoneId: z.ZoneId(),
				VpcId:  sp.VpcId,
			})
			sc.authorize.Stack.NameResource(au, "aws_route53_vpc_association_authorization", sc.authorize.Path, h.Name, slug, h.spokeName(sp))
			a := route53zoneassociation.NewRoute53ZoneAssociation(sc.associate, jsii.String("association-"+slug), &route53zoneassociation.Route53ZoneAssociationConfig{
				ZoneId: au.ZoneId(),
				VpcId:  sp.VpcId,
			})
			sc.associate.Stack.NameResource(a, "aws_route53_zone_association", sc.associate.Path, h.Name, slug, h.spokeName(sp))
			continue
		}
		a := route53zoneassociation.NewRoute53ZoneAssociation(h, jsii.String("association-"+slug+"-"+strconv.Itoa(i)), &route53zoneassociation.Route53ZoneAssociationConfig{
			ZoneId: z.ZoneId(),
			VpcId:  sp.VpcId,
		})
		h.Stack.NameResource(a, "aws_route53_zone_association", h.Path, h.Name, slug, h.spokeName(sp))
	}
}

// checkSpokes runs at validation: each spoke resolves the zones (DNS
// support and hostnames on), is joined to the hub, and has no endpoint of
// its own with private DNS for a service the hub serves (two zones of one
// name cannot be associated with a VPC: ConflictingDomainExists).
func (h *Hub) checkSpokes() {
	for _, sp := range h.Spokes {
		if !sp.DnsSupport || !sp.DnsHostnames {
			h.Report(RuleHubSpoke, fmt.Sprintf("spoke %s has DNS support or DNS hostnames off, and private hosted zones need both (enableDnsSupport, enableDnsHostnames)", sp.Path),
				"turn both on in the spoke")
		}
		if len(sp.LinksTo(h.Vpc)) == 0 {
			h.Report(RuleHubSpoke, fmt.Sprintf("spoke %s is joined to hub %s by no peering or Transit Gateway, so the zones send it to addresses it cannot reach", sp.Path, h.Vpc.Path),
				"join them (transit.NewPeering, or transit.Attach both to one gateway, with routes both ways)")
		}
		for _, svc := range h.services {
			if e := LocalInterface(sp, svc); e != nil && e.PrivateDns {
				why := "the hub's zone for the same name cannot be associated with it beside that endpoint's (ConflictingDomainExists)"
				if h.profile != nil {
					why = "the hub's zone for the same name comes through the Profile beside that endpoint's: two answers for one name"
				}
				h.Report(RuleHubSpoke, fmt.Sprintf("spoke %s has its own endpoint %s for %s with private DNS, and %s", sp.Path, e.Path, svc.Key, why),
					"drop the spoke's endpoint, or its private DNS, or leave the spoke out of the hub")
			}
		}
	}
}

// checkAdmitted runs at validation when the caller admits clients: each
// spoke's blocks are admitted on each port of each endpoint, by a rule
// for a CIDR that holds them.
func (h *Hub) checkAdmitted() {
	for _, svc := range h.services {
		ep := h.endpoints[svc]
		for _, sp := range h.Spokes {
			for _, c := range sp.Cidrs() {
				for _, port := range ep.ports {
					if !admitsCidr(ep.Group, port, c) {
						h.Report(RuleHubSpoke, fmt.Sprintf("endpoint %s does not admit spoke %s (%s) on %d", ep.Path, sp.Path, c, port),
							fmt.Sprintf("admit it: hub.Endpoint(%s).AllowFromCidr(%q)", svc.Key, c))
					}
				}
			}
		}
	}
}

// admitsCidr tells whether g has an ingress rule for port from a CIDR
// that holds c.
func admitsCidr(g *securitygroup.SecurityGroup, port int, c netip.Prefix) bool {
	if g == nil {
		return false
	}
	for _, r := range g.Rules {
		if !r.Ingress || r.Cidr == "" || port < r.Port.From || port > r.Port.To {
			continue
		}
		if p, err := netip.ParsePrefix(r.Cidr); err == nil && p.Bits() <= c.Bits() && p.Contains(c.Addr()) {
			return true
		}
	}
	return false
}
