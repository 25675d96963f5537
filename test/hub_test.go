package test

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/endpoints"
	"github.com/privnet/privnet/constructs/network"
	"github.com/privnet/privnet/constructs/transit"
	"github.com/privnet/privnet/stacks"
)

// hubAndSpokes makes a hub VPC and two spokes on one Transit Gateway,
// routed both ways.
func hubAndSpokes(s *core.Stack, spokeProps ...network.VpcProps) (hub *network.Vpc, spokes []*network.Vpc) {
	hub = network.NewVpc(s, "hub", &network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 2})
	g := transit.NewGateway(s, "tgw", nil)
	ha := transit.Attach(s, "hub-att", &transit.AttachmentProps{Gateway: g, Vpc: hub})
	atts := []*transit.Attachment{ha}
	for i := range 2 {
		p := network.VpcProps{}
		if i < len(spokeProps) {
			p = spokeProps[i]
		}
		p.Cidr, p.AzCount = []string{"10.1.0.0/16", "10.2.0.0/16"}[i], 2
		sp := network.NewVpc(s, []string{"spoke-1", "spoke-2"}[i], &p)
		a := transit.Attach(s, sp.Name+"-att", &transit.AttachmentProps{Gateway: g, Vpc: sp})
		a.RouteTo([]string{"10.0.0.0/16"})
		atts = append(atts, a)
		spokes = append(spokes, sp)
	}
	ha.RouteTo([]string{"10.1.0.0/16", "10.2.0.0/16"})
	transit.NewRouteTable(s, "rt", &transit.RouteTableProps{Gateway: g, Associate: atts, Propagate: atts})
	return hub, spokes
}

func svcs(t *testing.T, keys ...string) []*endpoints.Service {
	var out []*endpoints.Service
	for _, k := range keys {
		s, ok := endpoints.Lookup(k)
		if !ok {
			t.Fatalf("no catalog service %s", k)
		}
		out = append(out, s)
	}
	return out
}

// A hub of interface endpoints shared with two spokes: private DNS off,
// a zone per DNS name with alias records (at * for wildcards), each zone
// made with the hub VPC and associated with each spoke, the spokes
// admitted, and an organization-only policy.
func TestHubZones(t *testing.T) {
	j := synthOne(t, "eu-west-1", func(s *core.Stack) {
		hub, spokes := hubAndSpokes(s)
		endpoints.NewHub(s, "shared", &endpoints.HubProps{Vpc: hub, Services: svcs(t, "ssm", "ecr.dkr", "kms"), Spokes: spokes, OrganizationId: "o-a1b2c3d4e5"})
	})
	ep := j.resource(t, "aws_vpc_endpoint", "shared_ssm")
	if ep["private_dns_enabled"] != false || !strings.Contains(ep["policy"].(string), `"aws:PrincipalOrgID":"o-a1b2c3d4e5"`) {
		t.Errorf("hub endpoint %v", ep)
	}
	var zones []string
	for n, z := range j.resources("aws_route53_zone") {
		zones = append(zones, z["name"].(string))
		if !reflect.DeepEqual(z["lifecycle"], map[string]any{"ignore_changes": []any{"vpc"}}) || !reflect.DeepEqual(z["vpc"], []any{map[string]any{"vpc_id": "${aws_vpc.hub.id}"}}) {
			t.Errorf("zone %s: %v", n, z)
		}
	}
	if got := strings.Join(sortedCopy(zones), " "); got != "dkr.ecr.eu-west-1.amazonaws.com kms.eu-west-1.amazonaws.com ssm.eu-west-1.amazonaws.com" {
		t.Errorf("zones %s", got)
	}
	star := j.resource(t, "aws_route53_record", "shared_dkr_ecr_eu-west-1_amazonaws_com_star")
	if star["name"] != "*.dkr.ecr.eu-west-1.amazonaws.com" || star["type"] != "A" || !reflect.DeepEqual(star["alias"], map[string]any{
		"evaluate_target_health": false, "name": "${aws_vpc_endpoint.shared_ecr_dkr.dns_entry[0].dns_name}", "zone_id": "${aws_vpc_endpoint.shared_ecr_dkr.dns_entry[0].hosted_zone_id}"}) {
		t.Errorf("wildcard record %v", star)
	}
	if _, apex := j.resources("aws_route53_record")["shared_dkr_ecr_eu-west-1_amazonaws_com_apex"]; apex {
		t.Error("ecr.dkr has no apex name, only the wildcard")
	}
	if n := len(j.resources("aws_route53_zone_association")); n != 6 {
		t.Errorf("%d zone associations, want 6 (3 zones, 2 spokes)", n)
	}
	admitted := map[string]bool{}
	for _, r := range j.resources("aws_vpc_security_group_ingress_rule") {
		if r["security_group_id"] == "${aws_security_group.shared_ssm_sg.id}" {
			admitted[fmtAny(r["cidr_ipv4"])] = true
		}
	}
	if !admitted["10.0.0.0/16"] || !admitted["10.1.0.0/16"] || !admitted["10.2.0.0/16"] {
		t.Errorf("ssm admits %v", admitted)
	}
}

func TestHubRules(t *testing.T) {
	wantIssues(t, issues(t, "eu-west-1", func(s *core.Stack) {
		hub, spokes := hubAndSpokes(s, network.VpcProps{DisableDnsHostnames: true})
		lonely := network.NewVpc(s, "lonely", &network.VpcProps{Cidr: "10.3.0.0/16", AzCount: 1})
		own := endpoints.NewInterfaceEndpoint(s, "own-ssm", &endpoints.InterfaceEndpointProps{Vpc: spokes[1], Service: svcs(t, "ssm")[0]})
		_ = own
		endpoints.NewHub(s, "shared", &endpoints.HubProps{Vpc: hub, Services: svcs(t, "ssm", "ecs-agent"), Spokes: append(spokes, lonely, hub), OrganizationId: "acme"})
		endpoints.NewHub(s, "empty", &endpoints.HubProps{Vpc: hub})
	}),
		`PN-EP-20 t/shared: Spokes[3] is the hub VPC itself (fix: list the other VPCs)`,
		`PN-EP-20 t/shared: OrganizationId "acme" is not an organization ID (fix: write it like "o-a1b2c3d4e5")`,
		`PN-EP-20 t/shared: ecs-agent's clients call hosts named ecs-a-*.eu-west-1.amazonaws.com, which no private hosted zone or DNS wildcard can hold (a wildcard is a whole label) (fix: give each VPC that needs it its own endpoint with private DNS)`,
		`PN-EP-20 t/empty: the hub has no Services (fix: name the services its endpoints serve)`,
		`PN-EP-21 t/shared: spoke t/spoke-1 has DNS support or DNS hostnames off, and private hosted zones need both (enableDnsSupport, enableDnsHostnames) (fix: turn both on in the spoke)`,
		`PN-EP-21 t/shared: spoke t/spoke-2 has its own endpoint t/own-ssm for ssm with private DNS, and the hub's zone for the same name cannot be associated with it beside that endpoint's (ConflictingDomainExists) (fix: drop the spoke's endpoint, or its private DNS, or leave the spoke out of the hub)`,
		`PN-EP-21 t/shared: spoke t/lonely is joined to hub t/hub by no peering or Transit Gateway, so the zones send it to addresses it cannot reach (fix: join them (transit.NewPeering, or transit.Attach both to one gateway, with routes both ways))`)
	no := false
	wantIssues(t, issues(t, "eu-west-1", func(s *core.Stack) {
		hub, spokes := hubAndSpokes(s)
		h := endpoints.NewHub(s, "shared", &endpoints.HubProps{Vpc: hub, Services: svcs(t, "sts"), Spokes: spokes, AdmitSpokes: &no})
		h.Endpoint(svcs(t, "sts")[0]).AllowFromCidr("10.1.0.0/16")
	}),
		`PN-EP-21 t/shared: endpoint t/shared/sts does not admit spoke t/spoke-2 (10.2.0.0/16) on 443 (fix: admit it: hub.Endpoint(sts).AllowFromCidr("10.2.0.0/16"))`)
}

func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	slices.Sort(out)
	return out
}

func fmtAny(v any) string { return fmt.Sprint(v) }

// S3 through the hub: the zones of its names (the apex and * of s3, s3-
// control, and * of s3-accesspoint), and a notice of what centralising
// costs against the spokes' free gateway endpoints.
func TestHubS3(t *testing.T) {
	app := core.NewApp(&core.AppProps{Outdir: t.TempDir()})
	s := core.NewStack(app, "t", core.StackProps{Region: "eu-west-1"})
	hub, spokes := hubAndSpokes(s)
	h := endpoints.NewHub(s, "shared", &endpoints.HubProps{Vpc: hub, Services: svcs(t, "s3"), Spokes: spokes})
	if err := app.Run(); err != nil {
		t.Fatal(err)
	}
	var zones []string
	for z := range h.Zones {
		zones = append(zones, z)
	}
	if got := strings.Join(sortedCopy(zones), " "); got != "s3-accesspoint.eu-west-1.amazonaws.com s3-control.eu-west-1.amazonaws.com s3.eu-west-1.amazonaws.com" {
		t.Errorf("zones %s", got)
	}
	if !strings.Contains(strings.Join(app.Notices(), "\n"), "t/shared: s3 through the hub moves the spokes off a free gateway endpoint") {
		t.Errorf("notices %v", app.Notices())
	}
}

// The zones shared through one Route 53 Profile instead: the Profile holds
// each zone and is associated with each spoke (a VPC takes one Profile),
// and a spoke's need for a hub service passes through the Profile's zone.
func TestHubProfile(t *testing.T) {
	app := core.NewApp(&core.AppProps{Outdir: t.TempDir()})
	s := core.NewStack(app, "t", core.StackProps{Region: "eu-west-1"})
	hub, spokes := hubAndSpokes(s)
	ssm := svcs(t, "ssm")[0]
	endpoints.NewHub(s, "shared", &endpoints.HubProps{Vpc: hub, Services: []*endpoints.Service{ssm}, Spokes: spokes, Profile: true})
	core.Expect(spokes[0].Tiers()[0], ssm)
	if err := app.Run(); err != nil {
		t.Fatal(err)
	}
	j := readStack(t, app.OutputDir(), "t")
	if n := len(j.resources("aws_route53_zone_association")); n != 0 {
		t.Errorf("%d zone associations beside the Profile", n)
	}
	ra := j.resource(t, "aws_route53profiles_resource_association", "shared_ssm_eu-west-1_amazonaws_com")
	if ra["resource_arn"] != "${aws_route53_zone.shared_ssm_eu-west-1_amazonaws_com.arn}" || ra["profile_id"] != "${aws_route53profiles_profile.shared.id}" {
		t.Errorf("resource association %v", ra)
	}
	pa := j.resource(t, "aws_route53profiles_association", "shared_spoke-1")
	if pa["resource_id"] != "${aws_vpc.spoke-1.id}" || pa["name"] != "t-shared-spoke-1" {
		t.Errorf("profile association %v", pa)
	}
	// Reachability reads the Profile's zones: the spoke's need passes (an
	// unknown verdict would be a PN-REACH-2 notice), and the only notice is
	// the zone's assumed name.
	if n := app.Notices(); len(n) != 1 || !strings.Contains(n[0], "the zones are named for ssm.eu-west-1.amazonaws.com") {
		t.Errorf("notices %v", n)
	}
	wantIssues(t, issues(t, "eu-west-1", func(s *core.Stack) {
		hub, spokes := hubAndSpokes(s)
		endpoints.NewHub(s, "a", &endpoints.HubProps{Vpc: hub, Services: svcs(t, "sts"), Spokes: spokes[:1], Profile: true})
		endpoints.NewHub(s, "b", &endpoints.HubProps{Vpc: hub, Services: svcs(t, "kms"), Spokes: spokes[:1], Profile: true})
	}),
		`PN-EP-21 t/b: spoke t/spoke-1 is associated with the Route 53 Profile of t/a already, and a VPC takes one Profile (fix: share one hub's Profile with the spoke, or use zone associations)`)
}

// From the review of the hub: a zone for another service does not hide a
// spoke's missing endpoint; the hub VPC's own clients are not failed for
// the endpoint's private DNS being off; spokes of one name in two stacks
// get their own resources; two hubs cannot give one spoke a zone of one
// name.
func TestHubReviewed(t *testing.T) {
	app := core.NewApp(&core.AppProps{Outdir: t.TempDir()})
	s := core.NewStack(app, "t", core.StackProps{Region: "eu-west-1"})
	hub, spokes := hubAndSpokes(s)
	endpoints.NewHub(s, "shared", &endpoints.HubProps{Vpc: hub, Services: svcs(t, "sts"), Spokes: spokes})
	core.Expect(spokes[0].Tiers()[0], svcs(t, "ssm")[0])
	err := app.Run()
	if err == nil || !strings.Contains(err.Error(), "PN-REACH-1") || !strings.Contains(err.Error(), "no endpoint for ssm in aws_vpc.spoke-1") {
		t.Errorf("a zone for sts hid the missing ssm endpoint: %v", err)
	}
	app = core.NewApp(&core.AppProps{Outdir: t.TempDir()})
	s = core.NewStack(app, "t", core.StackProps{Region: "eu-west-1"})
	hub, spokes = hubAndSpokes(s)
	endpoints.NewHub(s, "shared", &endpoints.HubProps{Vpc: hub, Services: svcs(t, "ssm"), Spokes: spokes})
	core.Expect(hub.Tiers()[0], svcs(t, "ssm")[0])
	if err := app.Run(); err != nil {
		t.Errorf("the hub VPC's own client: %v", err)
	}
	j := synthOne(t, "eu-west-1", func(s *core.Stack) {
		other := core.NewStack(s.App(), "other", core.StackProps{Region: "eu-west-1"})
		hub := network.NewVpc(s, "hub", &network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 1})
		a := network.NewVpc(s, "sp", &network.VpcProps{Cidr: "10.1.0.0/16", AzCount: 1})
		b := network.NewVpc(other, "sp", &network.VpcProps{Cidr: "10.2.0.0/16", AzCount: 1})
		transit.NewPeering(s, "pa", &transit.PeeringProps{Requester: hub, Accepter: a})
		transit.NewPeering(s, "pb", &transit.PeeringProps{Requester: hub, Accepter: b})
		endpoints.NewHub(s, "shared", &endpoints.HubProps{Vpc: hub, Services: svcs(t, "sts"), Spokes: []*network.Vpc{a, b}})
	})
	if len(j.resources("aws_route53_zone_association")) != 2 || j.resources("aws_route53_zone_association")["shared_sts_eu-west-1_amazonaws_com_other-sp"] == nil {
		t.Errorf("associations %v", keys(j.resources("aws_route53_zone_association")))
	}
	wantIssues(t, issues(t, "eu-west-1", func(s *core.Stack) {
		hub, spokes := hubAndSpokes(s)
		hub2 := network.NewVpc(s, "hub2", &network.VpcProps{Cidr: "10.5.0.0/16", AzCount: 1})
		transit.NewPeering(s, "p", &transit.PeeringProps{Requester: hub2, Accepter: spokes[0]})
		endpoints.NewHub(s, "a", &endpoints.HubProps{Vpc: hub, Services: svcs(t, "ssm"), Spokes: spokes[:1]})
		endpoints.NewHub(s, "b", &endpoints.HubProps{Vpc: hub2, Services: svcs(t, "ssm"), Spokes: spokes[:1]})
	}),
		`PN-EP-21 t/b: spoke t/spoke-1 is associated with zone ssm.eu-west-1.amazonaws.com of hub t/a already, and a VPC takes one zone of a name (ConflictingDomainExists) (fix: serve the spoke each service from one hub)`)
}

// A spoke in another account: the hub's account authorizes each zone's
// association in AuthorizeScope, and the spoke's account makes it in
// AssociateScope, naming the zone through the authorization so that it
// waits for it; the spoke's need for a hub service passes.
func TestHubAccountSpoke(t *testing.T) {
	app := core.NewApp(&core.AppProps{Outdir: t.TempDir()})
	s := core.NewStack(app, "t", core.StackProps{Region: "eu-west-1", Account: "111122223333"})
	remote := core.NewStack(app, "remote", core.StackProps{Region: "eu-west-1", Account: "444455556666"})
	accept := core.NewStack(app, "accept", core.StackProps{Region: "eu-west-1", Account: "111122223333"})
	associate := core.NewStack(app, "associate", core.StackProps{Region: "eu-west-1", Account: "444455556666"})
	hub := network.NewVpc(s, "hub", &network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 1})
	g := transit.NewGateway(s, "tgw", &transit.GatewayProps{ShareWith: []string{"444455556666"}})
	ha := transit.Attach(s, "hub-att", &transit.AttachmentProps{Gateway: g, Vpc: hub})
	sp := network.NewVpc(remote, "sp", &network.VpcProps{Cidr: "10.1.0.0/16", AzCount: 1})
	sa := transit.Attach(remote, "sp-att", &transit.AttachmentProps{Gateway: g, Vpc: sp, AccepterScope: accept})
	sa.RouteTo([]string{"10.0.0.0/16"})
	ha.RouteTo([]string{"10.1.0.0/16"})
	transit.NewRouteTable(s, "rt", &transit.RouteTableProps{Gateway: g, Associate: []*transit.Attachment{ha, sa}, Propagate: []*transit.Attachment{ha, sa}})
	endpoints.NewHub(s, "shared", &endpoints.HubProps{Vpc: hub, Services: svcs(t, "sts"),
		AccountSpokes: []endpoints.AccountSpoke{{Vpc: sp, AuthorizeScope: accept, AssociateScope: associate}}})
	core.Expect(sp.Tiers()[0], svcs(t, "sts")[0])
	if err := app.Run(); err != nil {
		t.Fatal(err)
	}
	// Only the notice of the zone's assumed name: the need passes.
	if n := app.Notices(); len(n) != 1 || !strings.Contains(n[0], "the zones are named for sts.eu-west-1.amazonaws.com") {
		t.Errorf("notices %v", n)
	}
	au := readStack(t, app.OutputDir(), "accept").resources("aws_route53_vpc_association_authorization")
	if len(au) != 1 {
		t.Fatalf("authorizations %v", au)
	}
	for _, a := range au {
		if !strings.HasPrefix(fmtAny(a["zone_id"]), "${data.terraform_remote_state.") || !strings.HasPrefix(fmtAny(a["vpc_id"]), "${data.terraform_remote_state.") {
			t.Errorf("authorization %v", a)
		}
	}
	as := readStack(t, app.OutputDir(), "associate").resources("aws_route53_zone_association")
	if len(as) != 1 {
		t.Fatalf("associations %v", as)
	}
	for _, a := range as {
		if !strings.Contains(fmtAny(a["zone_id"]), "aws_route53_vpc_association_authorization") {
			t.Errorf("association does not wait for the authorization: %v", a)
		}
	}
	if n := len(readStack(t, app.OutputDir(), "t").resources("aws_route53_zone_association")); n != 0 {
		t.Errorf("%d associations in the hub's stack", n)
	}
}

func TestHubAccountSpokeRules(t *testing.T) {
	type scopes struct {
		authorize, associate func(s, remote *core.Stack) *core.Stack
	}
	build := func(t *testing.T, sc scopes, profile bool, twice bool) []string {
		return issues(t, "eu-west-1", func(s *core.Stack) {
			remote := core.NewStack(s.App(), "remote", core.StackProps{Region: "eu-west-1", Account: "444455556666"})
			hub := network.NewVpc(s, "hub", &network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 1})
			sp := network.NewVpc(remote, "sp", &network.VpcProps{Cidr: "10.1.0.0/16", AzCount: 1})
			as := endpoints.AccountSpoke{Vpc: sp}
			if sc.authorize != nil {
				as.AuthorizeScope = sc.authorize(s, remote)
			}
			if sc.associate != nil {
				as.AssociateScope = sc.associate(s, remote)
			}
			list := []endpoints.AccountSpoke{as}
			if twice {
				list = append(list, as)
			}
			endpoints.NewHub(s, "shared", &endpoints.HubProps{Vpc: hub, Services: svcs(t, "sts"), AccountSpokes: list, Profile: profile})
		})
	}
	hubAcct := func(name string) func(s, _ *core.Stack) *core.Stack {
		return func(s, _ *core.Stack) *core.Stack {
			return core.NewStack(s.App(), name, core.StackProps{Region: "eu-west-1"})
		}
	}
	spokeAcct := func(s, _ *core.Stack) *core.Stack {
		return core.NewStack(s.App(), "assoc", core.StackProps{Region: "eu-west-1", Account: "444455556666"})
	}
	wantIssues(t, build(t, scopes{}, false, false),
		`PN-EP-20 t/shared: AccountSpokes[0]: spoke remote/sp is in account 444455556666 and the hub in the credentials' account: the hub's account authorizes each zone's association, and the spoke's account makes it (fix: pass AuthorizeScope, a stack of the credentials' account in eu-west-1, and AssociateScope, a stack of account 444455556666 in eu-west-1, neither the hub's nor the spoke's)`)
	wantIssues(t, build(t, scopes{func(s, _ *core.Stack) *core.Stack { return s }, spokeAcct}, false, false),
		`PN-EP-20 t/shared: AccountSpokes[0]: AuthorizeScope is in stack t; it must be a stack of the hub's account (the credentials' account) and region (eu-west-1), other than the hub's t and the spoke's remote (it refers to both: a cycle otherwise, which cdktf refuses) (fix: make a stack of the hub's account for it (a Transit Gateway's AccepterScope stack fits))`)
	wantIssues(t, build(t, scopes{hubAcct("auth"), func(_, r *core.Stack) *core.Stack { return r }}, false, false),
		`PN-EP-20 t/shared: AccountSpokes[0]: AssociateScope is in stack remote; it must be a stack of the spoke's account (account 444455556666) and region (eu-west-1), other than the spoke's remote (the authorization refers to the spoke's VPC, and the association to the authorization: a cycle otherwise) (fix: make a stack of the spoke's account for it)`)
	wantIssues(t, build(t, scopes{hubAcct("auth"), spokeAcct}, true, false),
		`PN-EP-20 t/shared: AccountSpokes[0]: spoke remote/sp is in another account, and a Profile reaches it only shared through AWS RAM, which privnet does not build (fix: use zone associations (Profile false) for a hub with spokes in other accounts)`)
	wantIssues(t, build(t, scopes{hubAcct("auth"), spokeAcct}, false, true),
		`PN-EP-20 t/shared: AccountSpokes[1]: spoke remote/sp is listed twice (fix: list it once)`,
		`PN-EP-21 t/shared: spoke remote/sp is joined to hub t/hub by no peering or Transit Gateway, so the zones send it to addresses it cannot reach (fix: join them (transit.NewPeering, or transit.Attach both to one gateway, with routes both ways))`)
	// A spoke in another region.
	wantIssues(t, issues(t, "eu-west-1", func(s *core.Stack) {
		far := core.NewStack(s.App(), "far", core.StackProps{Region: "us-east-1", Account: "444455556666"})
		hub := network.NewVpc(s, "hub", &network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 1})
		a := network.NewVpc(far, "a", &network.VpcProps{Cidr: "10.1.0.0/16", AzCount: 1})
		endpoints.NewHub(s, "shared", &endpoints.HubProps{Vpc: hub, Services: svcs(t, "sts"), AccountSpokes: []endpoints.AccountSpoke{{Vpc: a, AuthorizeScope: s, AssociateScope: far}}})
	}),
		`PN-EP-20 t/shared: AccountSpokes[0]: spoke far/a is in us-east-1 and the hub in eu-west-1: the hub's endpoints serve their own region (fix: give the spoke's region a hub of its own)`)
	// Scopes in no stack: core's PN-APP-3 says so, and the hub does not
	// add that the stand-in stack is the wrong one.
	app := core.NewApp(&core.AppProps{Outdir: t.TempDir()})
	s := core.NewStack(app, "t", core.StackProps{Region: "eu-west-1"})
	remote := core.NewStack(app, "remote", core.StackProps{Region: "eu-west-1", Account: "444455556666"})
	hub := network.NewVpc(s, "hub", &network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 1})
	b := network.NewVpc(remote, "b", &network.VpcProps{Cidr: "10.2.0.0/16", AzCount: 1})
	endpoints.NewHub(s, "shared", &endpoints.HubProps{Vpc: hub, Services: svcs(t, "sts"), AccountSpokes: []endpoints.AccountSpoke{{Vpc: b, AuthorizeScope: app, AssociateScope: app}}})
	if err := app.Run(); err == nil || !strings.Contains(err.Error(), "PN-APP-3 t-shared-remote-b-authorize: endpoints.(*Hub).accountSpoke was made in the app itself") || strings.Contains(err.Error(), "AuthorizeScope is in stack") {
		t.Errorf("scopes in no stack: %v", err)
	}
	// A spoke of the hub's own account in AccountSpokes, and one of another
	// account in Spokes.
	wantIssues(t, issues(t, "eu-west-1", func(s *core.Stack) {
		hub, spokes := hubAndSpokes(s)
		other := core.NewStack(s.App(), "other", core.StackProps{Region: "eu-west-1", Account: "444455556666"})
		far := network.NewVpc(other, "far", &network.VpcProps{Cidr: "10.7.0.0/16", AzCount: 1})
		endpoints.NewHub(s, "shared", &endpoints.HubProps{Vpc: hub, Services: svcs(t, "sts"), Spokes: []*network.Vpc{spokes[0], far}, AccountSpokes: []endpoints.AccountSpoke{{Vpc: spokes[1]}}})
	}),
		`PN-EP-20 t/shared: spoke other/far is in account 444455556666 and the hub in the credentials' account: its zone associations need an authorization in the hub's account first (fix: list it in AccountSpokes, with an AuthorizeScope and an AssociateScope)`,
		`PN-EP-20 t/shared: AccountSpokes[0]: spoke t/spoke-2 is in the hub's account (the credentials' account) (fix: list it in Spokes)`)
	wantIssues(t, issues(t, "eu-west-1", func(s *core.Stack) {
		hub, spokes := hubAndSpokes(s)
		endpoints.NewHub(s, "shared", &endpoints.HubProps{Vpc: hub, Services: svcs(t, "sts"), Spokes: spokes, AccountSpokes: []endpoints.AccountSpoke{{Vpc: hub}}})
	}),
		`PN-EP-20 t/shared: AccountSpokes[0]: the spoke is the hub VPC itself (fix: list the other VPCs)`)
}

// IAM's only endpoint is in us-east-1: a hub there serves it under its
// global name; a hub elsewhere must make it a cross-region endpoint, and
// then serves the same zone; a spoke's need for it passes either way.
func TestHubIam(t *testing.T) {
	iam := svcs(t, "iam")[0]
	for _, c := range []struct {
		region  string
		regions map[*endpoints.Service]string
	}{{"us-east-1", nil}, {"eu-west-1", map[*endpoints.Service]string{iam: "us-east-1"}}} {
		app := core.NewApp(&core.AppProps{Outdir: t.TempDir()})
		s := core.NewStack(app, "t", core.StackProps{Region: c.region})
		hub, spokes := hubAndSpokes(s)
		endpoints.NewHub(s, "shared", &endpoints.HubProps{Vpc: hub, Services: []*endpoints.Service{iam}, Spokes: spokes, ServiceRegions: c.regions})
		core.Expect(spokes[0].Tiers()[0], iam)
		if err := app.Run(); err != nil {
			t.Fatalf("%s: %v", c.region, err)
		}
		if n := app.Notices(); len(n) != 0 {
			t.Errorf("%s: notices %v", c.region, n)
		}
		j := readStack(t, app.OutputDir(), "t")
		z := j.resource(t, "aws_route53_zone", "shared_iam_amazonaws_com")
		ep := j.resource(t, "aws_vpc_endpoint", "shared_iam")
		if z["name"] != "iam.amazonaws.com" || ep["service_name"] != "com.amazonaws.iam" || (c.regions != nil) != (ep["service_region"] == "us-east-1") {
			t.Errorf("%s: zone %v, endpoint %v", c.region, z["name"], ep)
		}
	}
	wantIssues(t, issues(t, "eu-west-1", func(s *core.Stack) {
		hub, spokes := hubAndSpokes(s)
		endpoints.NewHub(s, "shared", &endpoints.HubProps{Vpc: hub, Services: []*endpoints.Service{iam, svcs(t, "sts")[0]}, Spokes: spokes})
	}),
		`PN-EP-20 t/shared: iam's endpoint exists only in us-east-1 (its control plane), and the hub is in eu-west-1 (fix: set ServiceRegions[iam] to "us-east-1" (a cross-region endpoint), or make the hub in us-east-1)`)
	wantIssues(t, issues(t, "us-east-1", func(s *core.Stack) {
		hub, spokes := hubAndSpokes(s)
		endpoints.NewHub(s, "shared", &endpoints.HubProps{Vpc: hub, Services: []*endpoints.Service{iam}, Spokes: spokes, ServiceRegions: map[*endpoints.Service]string{iam: "eu-west-1"}})
	}),
		`PN-EP-20 t/shared: iam's endpoint exists only in us-east-1 (its control plane), and ServiceRegions gives it eu-west-1 (fix: drop ServiceRegions[iam]: the hub is in us-east-1)`)
}

// Spokes whose stack and VPC names join to one string ("t-a"+"sp" and
// "t"+"a-sp") get constructs of their own, not a jsii panic; the hub-spoke
// stack serves IAM from eu-west-1 as a cross-region endpoint.
func TestHubNamesAndIam(t *testing.T) {
	j := synthOne(t, "eu-west-1", func(s *core.Stack) {
		other := core.NewStack(s.App(), "t-a", core.StackProps{Region: "eu-west-1"})
		hub := network.NewVpc(s, "hub", &network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 1})
		a := network.NewVpc(other, "sp", &network.VpcProps{Cidr: "10.1.0.0/16", AzCount: 1})
		b := network.NewVpc(s, "a-sp", &network.VpcProps{Cidr: "10.2.0.0/16", AzCount: 1})
		transit.NewPeering(s, "pa", &transit.PeeringProps{Requester: hub, Accepter: a})
		transit.NewPeering(s, "pb", &transit.PeeringProps{Requester: hub, Accepter: b})
		endpoints.NewHub(s, "shared", &endpoints.HubProps{Vpc: hub, Services: svcs(t, "sts"), Spokes: []*network.Vpc{a, b}})
	})
	if n := len(j.resources("aws_route53_zone_association")); n != 2 {
		t.Errorf("%d associations, want 2", n)
	}
	app := core.NewApp(&core.AppProps{Outdir: t.TempDir()})
	cfg, err := stacks.ParseConfig([]byte(`{"stacks":[{"name":"h","kind":"hub-spoke","region":"eu-west-1","account":"111122223333","remoteAccount":"444455556666","hubCidr":"10.0.0.0/16","spokeCidr":"10.1.0.0/16","remoteCidr":"10.2.0.0/16","services":["ssm","ssmmessages","iam"]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if err := stacks.Build(app, cfg); err != nil {
		t.Fatal(err)
	}
	if err := app.Run(); err != nil {
		t.Fatal(err)
	}
	ep := readStack(t, app.OutputDir(), "h").resource(t, "aws_vpc_endpoint", "shared_iam")
	if ep["service_region"] != "us-east-1" {
		t.Errorf("iam endpoint %v", ep)
	}
}

// A hub's spokes must not overlap it. Joined by peering or by a Transit
// Gateway, an overlapping spoke is refused by the link's own rule
// (PN-TGW-4, PN-TGW-3) before the zones could send it anywhere.
func TestHubSpokeOverlap(t *testing.T) {
	wantIssues(t, issues(t, "eu-west-1", func(s *core.Stack) {
		hub := network.NewVpc(s, "hub", &network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 1})
		sp := network.NewVpc(s, "sp", &network.VpcProps{Cidr: "10.0.0.0/20", AzCount: 1})
		transit.NewPeering(s, "p", &transit.PeeringProps{Requester: hub, Accepter: sp})
		endpoints.NewHub(s, "shared", &endpoints.HubProps{Vpc: hub, Services: svcs(t, "sts"), Spokes: []*network.Vpc{sp}})
	}), `PN-TGW-4 t/p: VPCs t/hub (10.0.0.0/16) and t/sp (10.0.0.0/20) overlap, and AWS does not peer overlapping CIDR blocks (fix: renumber one of them)`)
	wantIssues(t, issues(t, "eu-west-1", func(s *core.Stack) {
		hub := network.NewVpc(s, "hub", &network.VpcProps{Cidr: "10.0.0.0/16", AzCount: 1})
		sp := network.NewVpc(s, "sp", &network.VpcProps{Cidr: "10.0.0.0/20", AzCount: 1})
		g := transit.NewGateway(s, "tgw", nil)
		ha := transit.Attach(s, "hub-att", &transit.AttachmentProps{Gateway: g, Vpc: hub})
		sa := transit.Attach(s, "sp-att", &transit.AttachmentProps{Gateway: g, Vpc: sp})
		transit.NewRouteTable(s, "rt", &transit.RouteTableProps{Gateway: g, Associate: []*transit.Attachment{ha, sa}, Propagate: []*transit.Attachment{ha, sa}})
		endpoints.NewHub(s, "shared", &endpoints.HubProps{Vpc: hub, Services: svcs(t, "sts"), Spokes: []*network.Vpc{sp}})
	}), `PN-TGW-3 t/tgw: attached VPCs t/hub (10.0.0.0/16) and t/sp (10.0.0.0/20) overlap (fix: renumber one of them before attaching both)`)
}
