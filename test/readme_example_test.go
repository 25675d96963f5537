package test

import (
	"fmt"
	"os"
	"testing"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/endpoints"
	"github.com/privnet/privnet/constructs/endpointservice"
	"github.com/privnet/privnet/constructs/instance"
	"github.com/privnet/privnet/constructs/instanceconnect"
	"github.com/privnet/privnet/constructs/lattice"
	"github.com/privnet/privnet/constructs/network"
)

// The README's examples, kept compiling (an Example without an Output
// comment is compiled, not run; TestReadmeExample runs the constructs).
func Example_readme() {
	defer core.Shutdown()
	app := core.NewApp(nil)
	readme(app)
	if err := app.Run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func TestReadmeExample(t *testing.T) {
	app := core.NewApp(&core.AppProps{Outdir: t.TempDir()})
	readme(app)
	if err := app.Validate(); err != nil {
		t.Fatal(err)
	}
}

func readme(app *core.App) {
	stack := core.NewStack(app, "shop", core.StackProps{Region: "eu-west-1"})
	vpc := network.NewVpc(stack, "network", &network.VpcProps{
		Cidr:    "10.10.0.0/16",
		AzCount: 3,
		Tiers: []network.TierProps{
			{Name: "app", Prefix: 22},
			{Name: "data", Prefix: 24},
		},
	})
	_ = vpc.Tier("app").SubnetIds()

	kms := endpoints.NewInterfaceEndpoint(stack, "kms", &endpoints.InterfaceEndpointProps{Vpc: vpc, Service: endpoints.KMS})
	kms.AllowFromCidr("192.168.0.0/16")
	endpoints.NewGatewayEndpoint(stack, "s3", &endpoints.GatewayEndpointProps{Vpc: vpc, Service: endpoints.S3})
	ssm := endpoints.NewSsmEndpoints(stack, "ssm", &endpoints.RecipeProps{Vpc: vpc, RestrictIngress: true})
	endpoints.NewIamEndpoints(stack, "iam", &endpoints.RecipeProps{Vpc: vpc})
	endpoints.NewEcrEndpoints(stack, "ecr", &endpoints.RecipeProps{Vpc: vpc})

	vm := instance.New(stack, "app", &instance.Props{Vpc: vpc})
	ssm.AllowFrom(vm)
	eic := instanceconnect.New(stack, "eic", &instanceconnect.Props{Vpc: vpc})
	eic.Allow(vm)

	gw := lattice.NewResourceGateway(stack, "gateway", &lattice.ResourceGatewayProps{Vpc: vpc})
	cfg := lattice.NewResourceConfiguration(stack, "db", &lattice.ResourceConfigurationProps{
		Gateway: gw, IpAddress: "10.10.0.10", Ports: "22,443",
	})
	lattice.NewResourceEndpoint(stack, "db-endpoint", &lattice.ResourceEndpointProps{Vpc: vpc, Configuration: cfg})

	tokyo := core.NewStack(app, "tokyo", core.StackProps{Region: "ap-northeast-1"})
	tokyoVpc := network.NewVpc(tokyo, "network", &network.VpcProps{Cidr: "10.20.0.0/16"})
	svc := endpointservice.New(stack, "service", &endpointservice.Props{
		Vpc: vpc, Port: 443, Targets: []endpointservice.Target{{Instance: vm}},
		SupportedRegions: []string{"ap-northeast-1"},
	})
	endpointservice.NewConsumer(tokyo, "service", &endpointservice.ConsumerProps{Vpc: tokyoVpc, Service: svc})
}
