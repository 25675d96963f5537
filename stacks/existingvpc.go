package stacks

import (
	_ "embed"
	"fmt"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/endpoints"
	"github.com/privnet/privnet/constructs/instance"
	"github.com/privnet/privnet/constructs/network"
	"github.com/privnet/privnet/record"
)

// ExistingVpcConfig adds endpoints and a private instance to a VPC that
// another team owns, read from the recorded lookups (privnet.context.json).
type ExistingVpcConfig struct {
	Name   string `json:"name"`
	Kind   string `json:"kind"`
	Region string `json:"region"`
	// VpcId names a VPC of the record's region.
	VpcId string `json:"vpcId"`
	// ExampleRecord reads the record that ships with privnet
	// (stacks/existing-vpc.context.json: a made-up account, eu-west-1)
	// instead of the app's privnet.context.json, so that the example
	// synthesizes anywhere and no other stack reads made-up facts.
	// Default: false.
	ExampleRecord bool `json:"exampleRecord"`
}

// exampleRecord is the example's record, embedded like default.json.
//
//go:embed existing-vpc.context.json
var exampleRecord []byte

func (c *ExistingVpcConfig) check(k *checker) {
	k.region("region", c.Region)
	if !k.missing("vpcId", `give the VPC's ID, like "vpc-0e1b2c3d4e5f60718", recorded by go run github.com/privnet/privnet/cmd/lookup`) && !record.IsID("vpc", c.VpcId) {
		k.fail("vpcId", fmt.Sprintf("%s is not a VPC ID", quote(c.VpcId)), `give it like "vpc-0e1b2c3d4e5f60718"`)
	}
}

func (c *ExistingVpcConfig) build(app *core.App, name string, _ map[string]any) error {
	ExistingVpc(app, name, *c)
	return nil
}

// ExistingVpc makes the existing-vpc stack: the recorded VPC, imported
// (privnet makes nothing its owner manages); the Session Manager
// endpoints it lacks (ssm is there already, with private DNS), and kms,
// sts and logs endpoints, placed only in the AZs each service supports;
// a private instance that must reach kms, sts and logs.
func ExistingVpc(app *core.App, name string, c ExistingVpcConfig) *core.Stack {
	props := core.StackProps{Region: c.Region}
	var recErr error
	if c.ExampleRecord {
		props.Record, recErr = record.Parse(exampleRecord)
	}
	stack := core.NewStack(app, name, props)
	if recErr != nil {
		stack.Report(core.RuleRecord, name, "the example record that ships with privnet does not parse: "+recErr.Error(), "report it; meanwhile drop exampleRecord and record your own VPC")
	}
	vpc := network.ImportVpc(stack, "shared", &network.ImportVpcProps{VpcId: c.VpcId, FromRecord: true})
	vm := instance.New(stack, "app", &instance.Props{Vpc: vpc, Reaches: []endpoints.Need{endpoints.KMS, endpoints.STS, endpoints.Logs}})
	for _, svc := range []*endpoints.Service{endpoints.SSMMessages, endpoints.EC2Messages, endpoints.KMS, endpoints.STS, endpoints.Logs} {
		e := endpoints.NewInterfaceEndpoint(stack, svc.Key, &endpoints.InterfaceEndpointProps{Vpc: vpc, Service: svc, RestrictIngress: true})
		e.AllowFrom(vm)
	}
	return stack
}
