package stacks

import (
	"fmt"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/endpoints"
	"github.com/privnet/privnet/constructs/network"
)

// ScaleConfig is a generated large app for benchmarks (BENCHMARKS.md): Vpcs
// VPCs of AzCount AZs, each with EndpointsPerVpc interface endpoints.
type ScaleConfig struct {
	Name            string `json:"name"`
	Kind            string `json:"kind"`
	Region          string `json:"region"`
	Vpcs            int    `json:"vpcs"`
	AzCount         int    `json:"azCount"`
	EndpointsPerVpc int    `json:"endpointsPerVpc"`
}

// maxScaleVpcs keeps the generated VPC blocks 10.<i>.0.0/16 distinct.
const maxScaleVpcs = 250

func (c *ScaleConfig) check(k *checker) {
	k.region("region", c.Region)
	if !k.missing("vpcs", fmt.Sprintf("give the number of VPCs, 1 to %d", maxScaleVpcs)) {
		k.count("vpcs", c.Vpcs, 1, maxScaleVpcs, fmt.Sprintf("use 1 to %d: VPC n gets the block 10.n.0.0/16", maxScaleVpcs))
	}
	k.azCount("azCount", c.AzCount)
	n := len(scaleServices())
	k.count("endpointsPerVpc", c.EndpointsPerVpc, 0, n,
		fmt.Sprintf("use 0 to %d: the kind takes %d interface services that need no other resource", n, n))
}

func (c *ScaleConfig) build(app *core.App, name string, _ map[string]any) error {
	Scale(app, name, *c)
	return nil
}

// scaleKeys are the services the kind takes, in order: the first catalog's
// interface services that need no other resource (S3 and DynamoDB need
// gateways, IAM its home region), all of them in every commercial region.
// A fixed list, so that a bigger catalog does not change what a scale
// configuration makes.
var scaleKeys = []string{
	"athena", "autoscaling", "cloudformation", "codebuild", "ebs", "ec2", "ec2messages", "ecr.api", "ecr.dkr", "ecs",
	"ecs-agent", "ecs-telemetry", "elasticfilesystem", "elasticloadbalancing", "events", "execute-api", "glue",
	"kinesis-firehose", "kinesis-streams", "kms", "lambda", "logs", "monitoring", "rds", "secretsmanager",
	"servicecatalog", "sns", "sqs", "ssm", "ssmmessages", "states", "sts", "xray",
}

func scaleServices() []*endpoints.Service {
	out := make([]*endpoints.Service, len(scaleKeys))
	for i, k := range scaleKeys {
		out[i], _ = endpoints.Lookup(k)
	}
	return out
}

// Scale makes the large stack.
func Scale(app *core.App, name string, c ScaleConfig) *core.Stack {
	stack := core.NewStack(app, name, core.StackProps{Region: c.Region})
	services := scaleServices()[:c.EndpointsPerVpc]
	for i := 0; i < c.Vpcs; i++ {
		id := fmt.Sprintf("vpc%02d", i)
		vpc := network.NewVpc(stack, id, &network.VpcProps{
			Cidr: fmt.Sprintf("10.%d.0.0/16", i), AzCount: c.AzCount,
			Tiers: []network.TierProps{{Name: "endpoints", Prefix: 24}},
		})
		for _, svc := range services {
			endpoints.NewInterfaceEndpoint(stack, id+"-"+svc.Key, &endpoints.InterfaceEndpointProps{Vpc: vpc, Service: svc})
		}
	}
	return stack
}
