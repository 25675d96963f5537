package endpoints

import (
	"fmt"
	"slices"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpcendpoint"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/network"
)

// GatewayEndpointProps configures a GatewayEndpoint.
type GatewayEndpointProps struct {
	// Vpc Required.
	Vpc *network.Vpc
	// Service is S3 or DynamoDB. Required.
	Service *Service
	// Tiers whose route tables get the service's prefix-list route.
	// Default: every tier.
	Tiers []string
	// Policy Default: none (AWS's full access).
	Policy *core.Policy
	// ServiceRegion must be the stack's region: gateway endpoints do not
	// cross regions (AWS PrivateLink Guide, "Gateway endpoints"). It exists
	// only to say so clearly.
	ServiceRegion string
}

// GatewayEndpoint is a gateway VPC endpoint: free, and a route in each
// chosen route table to the service's prefix list.
type GatewayEndpoint struct {
	constructs.Construct
	core.Base
	Vpc         *network.Vpc
	Service     *Service
	ServiceName string
	Resource    vpcendpoint.VpcEndpoint
	Id          *string
	// PrefixListId is the service's managed prefix list: instances allow
	// egress to it to reach the service through the gateway.
	PrefixListId *string
}

// NewGatewayEndpoint makes the endpoint and associates it with the route
// tables of the chosen tiers.
func NewGatewayEndpoint(scope constructs.Construct, id string, props *GatewayEndpointProps) *GatewayEndpoint {
	if props == nil {
		props = &GatewayEndpointProps{}
	}
	g := &GatewayEndpoint{Vpc: props.Vpc, Service: props.Service}
	g.Init(g, scope, id)
	report := g.Report
	if props.Vpc == nil || props.Service == nil {
		report(RuleRequired, "gateway endpoint needs a Vpc and a Service", "pass the VPC and endpoints.S3 or endpoints.DynamoDB")
		return g
	}
	v, svc := props.Vpc, props.Service
	if !g.Uses("VPC", &v.Base) {
		return g
	}
	if !svc.Offers(Gateway) {
		report(RuleType, fmt.Sprintf("%s has no gateway endpoint; only s3 and dynamodb do", svc), "use endpoints.NewInterfaceEndpoint")
	}
	if sr := props.ServiceRegion; sr != "" && sr != g.Stack.Region.Name {
		report(RuleGatewayRegion, fmt.Sprintf("gateway endpoints reach only their own region (%s), not %s", g.Stack.Region.Name, sr),
			fmt.Sprintf("use an interface endpoint with ServiceRegion %q (s3 supports it), or a gateway endpoint in a VPC in %s", sr, sr))
	}
	g.ServiceName = svc.GatewayServiceName(g.Stack.Region)

	var tables []*string
	for _, name := range props.Tiers {
		if !v.HasTier(name) {
			report(network.RuleTierLookup, fmt.Sprintf("VPC %s has no tier %q", v.Path, name), "name one of the VPC's tiers, or none for all")
		}
	}
	tables = v.RouteTableIds(props.Tiers...)
	if unknown := v.UnknownRouteTables(props.Tiers...); len(unknown) > 0 {
		report(network.RuleImport, fmt.Sprintf("a gateway endpoint associates with its subnets' route tables, and subnets %s of imported VPC %s were given without RouteTableId", strings.Join(unknown, ", "), v.Path),
			"give their RouteTableId, or import the VPC FromRecord")
	}

	for _, x := range v.ExistingEndpoints() {
		if x.Type != "Gateway" || x.ServiceName != g.ServiceName || !x.HoldsName() {
			continue
		}
		var taken []string
		for _, t := range tables {
			if t != nil && slices.Contains(x.RouteTables, *t) {
				taken = append(taken, *t)
			}
		}
		if len(taken) > 0 {
			report(RuleGatewayTableTaken, fmt.Sprintf("route tables %s of VPC %s already route %s through endpoint %s, made outside privnet", strings.Join(taken, ", "), v.Path, svc, x.Id),
				"drop this endpoint (the existing one serves those tables), or give it tiers whose route tables the existing endpoint does not use")
		}
	}

	cfg := &vpcendpoint.VpcEndpointConfig{
		VpcId:           v.VpcId,
		VpcEndpointType: jsii.String(string(Gateway)),
		ServiceName:     jsii.String(g.ServiceName),
		RouteTableIds:   &tables,
		Tags:            &map[string]*string{"Name": jsii.String(g.Stack.Name + "-" + strings.ReplaceAll(g.Name, "_", "-"))},
	}
	if props.Policy != nil {
		cfg.Policy = g.Stack.PolicyString(*props.Policy)
	}
	g.Resource = vpcendpoint.NewVpcEndpoint(g, jsii.String("endpoint"), cfg)
	g.Stack.NameResource(g.Resource, "aws_vpc_endpoint", g.Path, g.Name)
	g.Id = g.Resource.Id()
	g.PrefixListId = g.Resource.PrefixListId()
	if svc.Offers(Gateway) {
		st := register(v)
		if st.gateways[svc.Key] == nil {
			st.gateways[svc.Key] = g
		}
		// Two gateway endpoints of the app for one service on one table.
		if st.gatewayTables[svc.Key] == nil {
			st.gatewayTables[svc.Key] = map[string]string{}
		}
		var taken []string
		for _, t := range tables {
			if t == nil {
				continue
			}
			if other, dup := st.gatewayTables[svc.Key][*t]; dup {
				taken = append(taken, other)
				continue
			}
			st.gatewayTables[svc.Key][*t] = g.Path
		}
		if len(taken) > 0 {
			report(RuleGatewayTableTaken, fmt.Sprintf("its route tables already route %s through gateway endpoint %s", svc, taken[0]),
				"keep one gateway endpoint per service on a route table: drop this one, or give the two endpoints different tiers")
		}
	}
	return g
}

// Describe says what the endpoint is, for messages and reports. (A
// construct registered with jsii through _Override needs at least one
// pointer method.)
func (g *GatewayEndpoint) Describe() string {
	return fmt.Sprintf("gateway endpoint %s (%s)", g.Path, g.ServiceName)
}
