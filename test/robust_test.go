package test

import (
	"runtime/debug"
	"strings"
	"testing"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/endpoints"
	"github.com/privnet/privnet/constructs/endpointservice"
	"github.com/privnet/privnet/constructs/instance"
	"github.com/privnet/privnet/constructs/instanceconnect"
	"github.com/privnet/privnet/constructs/lattice"
	"github.com/privnet/privnet/constructs/network"
	"github.com/privnet/privnet/constructs/resolver"
	"github.com/privnet/privnet/constructs/securitygroup"
	"github.com/privnet/privnet/constructs/vpn"
)

// noPanic runs build on a fresh app and returns the issues Validate
// reports; a panic fails the test with its stack.
func noPanic(t *testing.T, build func(app *core.App)) (msgs []string) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("panic: %v\n%s", r, debug.Stack())
		}
	}()
	app := core.NewApp(&core.AppProps{Outdir: t.TempDir()})
	build(app)
	err := app.Validate()
	if err == nil {
		return nil
	}
	is, ok := err.(core.Issues)
	if !ok {
		t.Fatalf("Validate returned %T: %v", err, err)
	}
	return is.Messages()
}

func wantSome(t *testing.T, got []string, want ...string) {
	t.Helper()
	all := strings.Join(got, "\n")
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("no issue contains %q; issues:\n  %s", w, strings.Join(got, "\n  "))
		}
	}
	if len(got) == 0 {
		t.Errorf("no issue at all")
	}
}

// Every constructor, given each kind of broken input, reports an issue and
// never panics.
func TestConstructorsNeverPanic(t *testing.T) {
	type input struct {
		name string
		// vpc returns the VPC to build on (nil for none) in stack s.
		vpc  func(app *core.App, s *core.Stack) *network.Vpc
		want string
	}
	inputs := []input{
		{"no vpc", func(*core.App, *core.Stack) *network.Vpc { return nil }, ""},
		{"vpc with a bad cidr", func(_ *core.App, s *core.Stack) *network.Vpc {
			return network.NewVpc(s, "bad", &network.VpcProps{Cidr: "banana"})
		}, `Cidr "banana" is not an IPv4 CIDR`},
		{"vpc in an unknown region", func(app *core.App, _ *core.Stack) *network.Vpc {
			o := core.NewStack(app, "nowhere", core.StackProps{Region: "us-east-9"})
			return network.NewVpc(o, "v", &network.VpcProps{Cidr: "10.0.0.0/16"})
		}, `region "us-east-9" is not in privnet's region table`},
		{"vpc of another region", func(app *core.App, _ *core.Stack) *network.Vpc {
			o := core.NewStack(app, "tokyo", core.StackProps{Region: "ap-northeast-1"})
			return network.NewVpc(o, "v", &network.VpcProps{Cidr: "10.0.0.0/16"})
		}, "is in stack tokyo (ap-northeast-1)"},
		{"vpc made with a nil scope", func(*core.App, *core.Stack) *network.Vpc {
			return network.NewVpc(nil, "v", &network.VpcProps{Cidr: "10.0.0.0/16"})
		}, "network.NewVpc was given a nil scope"},
		{"vpc made in the app", func(app *core.App, _ *core.Stack) *network.Vpc {
			return network.NewVpc(app, "v", &network.VpcProps{Cidr: "10.0.0.0/16"})
		}, "network.NewVpc was made in the app itself, not in a stack"},
	}
	type ctor struct {
		name  string
		build func(s *core.Stack, v *network.Vpc)
	}
	ctors := []ctor{
		{"securitygroup", func(s *core.Stack, v *network.Vpc) {
			g := securitygroup.New(s, "sg", &securitygroup.Props{Vpc: v, Description: "d"})
			g.AllowIngressFromVpc(securitygroup.TCP(443), "x")
			g.AllowIngressFrom(securitygroup.TCP(443), nil, "x")
		}},
		{"interface endpoint", func(s *core.Stack, v *network.Vpc) {
			e := endpoints.NewInterfaceEndpoint(s, "ep", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.SSM})
			e.AllowFrom(nil)
			e.AllowFromCidr("10.9.0.0/16")
			_ = e.EndpointId()
		}},
		{"gateway endpoint", func(s *core.Stack, v *network.Vpc) {
			endpoints.NewGatewayEndpoint(s, "gw", &endpoints.GatewayEndpointProps{Vpc: v, Service: endpoints.S3})
		}},
		{"recipes", func(s *core.Stack, v *network.Vpc) {
			endpoints.NewSsmEndpoints(s, "ssm", &endpoints.RecipeProps{Vpc: v}).AllowFrom(nil)
			endpoints.NewIamEndpoints(s, "iam", &endpoints.RecipeProps{Vpc: v})
			endpoints.NewEcrEndpoints(s, "ecr", &endpoints.RecipeProps{Vpc: v})
		}},
		{"instance and instance connect", func(s *core.Stack, v *network.Vpc) {
			vm := instance.New(s, "vm", &instance.Props{Vpc: v})
			eic := instanceconnect.New(s, "eic", &instanceconnect.Props{Vpc: v})
			eic.Allow(vm)
			eic.Allow(nil)
			var typedNil *instance.Instance
			eic.Allow(typedNil)
		}},
		{"lattice", func(s *core.Stack, v *network.Vpc) {
			gw := lattice.NewResourceGateway(s, "rgw", &lattice.ResourceGatewayProps{Vpc: v})
			cfg := lattice.NewResourceConfiguration(s, "cfg", &lattice.ResourceConfigurationProps{Gateway: gw, IpAddress: "10.0.0.10", Ports: "22"})
			lattice.NewResourceEndpoint(s, "rep", &lattice.ResourceEndpointProps{Vpc: v, Configuration: cfg}).AllowFrom(nil)
			sn := lattice.NewServiceNetwork(s, "sn", nil)
			sn.Associate(cfg)
			lattice.NewServiceNetworkEndpoint(s, "snep", &lattice.ServiceNetworkEndpointProps{Vpc: v, Network: sn})
			lattice.NewShare(s, "share", &lattice.ShareProps{Configurations: []*lattice.ResourceConfiguration{cfg}, Principals: []string{"123456789012"}})
		}},
		{"hybrid link and resolver", func(s *core.Stack, v *network.Vpc) {
			ext := network.NewExternal(v, "on-premises", []string{"192.168.0.0/16"}, "VPN")
			g := vpn.NewGateway(s, "vgw", &vpn.GatewayProps{Vpc: v, StaticTo: []string{"nope"}})
			vpn.NewConnection(s, "office", &vpn.ConnectionProps{Gateway: g, CustomerGatewayIp: "203.0.113.10"})
			vpn.NewConnection(s, "none", nil)
			vpn.NewDirectConnect(s, "dx", &vpn.DirectConnectProps{Gateway: g, DxGatewayId: "x"})
			in := resolver.NewInbound(s, "in", &resolver.InboundProps{EndpointProps: resolver.EndpointProps{Vpc: v, Subnets: []*network.Subnet{nil}}, Admit: []*network.External{ext, nil}})
			out := resolver.NewOutbound(s, "out", &resolver.EndpointProps{Vpc: v})
			resolver.NewForwardRule(s, "fwd", &resolver.ForwardProps{Outbound: out, Domain: "corp.example.com", Targets: []string{"192.168.1.1"}, Vpcs: []*network.Vpc{v, nil}})
			resolver.NewForwardRule(s, "fwd-in", &resolver.ForwardProps{Outbound: in, Domain: "x.example.com"})
			resolver.NewInbound(s, "nil", nil)
			resolver.NewOutbound(s, "nil-out", nil)
			e := endpoints.NewInterfaceEndpoint(s, "ep", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.STS})
			e.AllowFromNetwork(ext)
			e.AllowFromNetwork(nil)
			e.AllowFromNetwork(&network.External{Name: "stray"})
		}},
		{"hub", func(s *core.Stack, v *network.Vpc) {
			good := network.NewVpc(s, "good", &network.VpcProps{Cidr: "10.200.0.0/16", AzCount: 1})
			other := core.NewStack(s.App(), "other", core.StackProps{Region: "us-east-1", Account: "444455556666"})
			far := network.NewVpc(other, "far", &network.VpcProps{Cidr: "10.201.0.0/16", AzCount: 1})
			endpoints.NewHub(s, "as-hub", &endpoints.HubProps{Vpc: v, Services: []*endpoints.Service{endpoints.STS, nil}, Spokes: []*network.Vpc{good, nil, v}})
			endpoints.NewHub(s, "as-spoke", &endpoints.HubProps{Vpc: good, Services: []*endpoints.Service{endpoints.SSM}, Spokes: []*network.Vpc{v},
				AccountSpokes: []endpoints.AccountSpoke{{Vpc: v}, {Vpc: nil}, {Vpc: far, AuthorizeScope: s, AssociateScope: nil}}})
		}},
		{"endpoint service", func(s *core.Stack, v *network.Vpc) {
			svc := endpointservice.New(s, "svc", &endpointservice.Props{Vpc: v, Port: 443, Targets: []endpointservice.Target{{Ip: "10.0.0.10"}}})
			endpointservice.NewConsumer(s, "consumer", &endpointservice.ConsumerProps{Vpc: v, Service: svc})
		}},
	}
	for _, in := range inputs {
		for _, c := range ctors {
			t.Run(in.name+"/"+c.name, func(t *testing.T) {
				got := noPanic(t, func(app *core.App) {
					s := core.NewStack(app, "t", core.StackProps{Region: "us-east-1"})
					c.build(s, in.vpc(app, s))
				})
				if in.want != "" {
					wantSome(t, got, in.want)
				} else {
					wantSome(t, got, "")
				}
			})
		}
	}
	// Every constructor with nil props.
	t.Run("nil props", func(t *testing.T) {
		got := noPanic(t, func(app *core.App) {
			s := core.NewStack(app, "t", core.StackProps{Region: "us-east-1"})
			securitygroup.New(s, "sg", nil)
			network.NewVpc(s, "v", nil)
			endpoints.NewInterfaceEndpoint(s, "ep", nil)
			endpoints.NewGatewayEndpoint(s, "gw", nil)
			endpoints.NewSsmEndpoints(s, "ssm", nil)
			instance.New(s, "vm", nil)
			instanceconnect.New(s, "eic", nil)
			lattice.NewResourceGateway(s, "rgw", nil)
			lattice.NewResourceConfiguration(s, "cfg", nil)
			lattice.NewResourceEndpoint(s, "rep", nil)
			lattice.NewServiceNetwork(s, "sn", nil)
			lattice.NewServiceNetworkEndpoint(s, "snep", nil)
			lattice.NewShare(s, "share", nil)
			endpointservice.New(s, "svc", nil)
			endpointservice.NewConsumer(s, "consumer", nil)
			endpoints.NewHub(s, "hub", nil)
		})
		wantSome(t, got,
			`t/sg: security group has no Vpc`,
			`PN-EP-1 t/ep: interface endpoint needs a Vpc and a Service`,
			`PN-EP-1 t/gw: gateway endpoint needs a Vpc and a Service`,
			`PN-EP-1 t/ssm: recipe needs a Vpc`,
			`t/vm: instance has no Vpc`,
			`t/eic: Instance Connect endpoint has no Vpc`,
			`t/rgw: resource gateway has no Vpc`,
			`t/cfg: a SINGLE configuration needs a Gateway`,
			`t/rep: a Resource endpoint needs a Vpc`,
			`t/snep: a ServiceNetwork endpoint needs a Vpc and a Network`,
			`t/share: a share needs Configurations and Principals`,
			`t/svc: endpoint service has no Vpc`,
			`PN-EP-1 t/consumer: interface endpoint needs a Vpc and a Service`,
			`t/hub: a hub needs a Vpc that was built`)
	})
}

// Each misuse of the API that used to panic is an issue naming the path
// and the fix.
func TestApiMisuse(t *testing.T) {
	cases := []struct {
		name  string
		build func(app *core.App)
		want  []string
	}{
		{"NewStack with a nil app", func(*core.App) {
			network.NewVpc(core.NewStack(nil, "shop", core.StackProps{Region: "us-east-1"}), "network", &network.VpcProps{Cidr: "10.0.0.0/16"})
		}, []string{`PN-APP-3 shop: core.NewStack was given a nil app (fix: pass the app made by core.NewApp)`}},
		{"the same stack name twice", func(app *core.App) {
			core.NewStack(app, "shop", core.StackProps{Region: "us-east-1"})
			core.NewStack(app, "shop", core.StackProps{Region: "us-east-1"})
		}, []string{`PN-APP-4 "shop": stack name "shop" is already used by stack "shop" (each stack is a directory of its own) (fix: give every stack its own name)`}},
		{"names that clean up to one", func(app *core.App) {
			core.NewStack(app, "a b", core.StackProps{Region: "us-east-1"})
			core.NewStack(app, "a_b", core.StackProps{Region: "us-east-1"})
		}, []string{
			`PN-APP-4 a b: stack name "a b" is not usable as a directory and Terraform workspace name (fix: start with a letter and use only letters, digits and hyphens)`,
			`PN-APP-4 a_b: stack name "a_b" is not usable as a directory and Terraform workspace name (fix: start with a letter and use only letters, digits and hyphens)`,
			`PN-APP-4 "a_b": stack name "a_b" is already used by stack "a b" (each stack is a directory of its own) (fix: give every stack its own name)`,
		}},
		{"two stacks with no name", func(app *core.App) {
			core.NewStack(app, "", core.StackProps{Region: "us-east-1"})
			core.NewStack(app, "", core.StackProps{Region: "us-east-1"})
			core.NewStack(app, "stack", core.StackProps{Region: "us-east-1"})
		}, []string{
			`PN-APP-4 : stack name "" is not usable as a directory and Terraform workspace name (fix: start with a letter and use only letters, digits and hyphens)`,
			`PN-APP-4 : stack name "" is not usable as a directory and Terraform workspace name (fix: start with a letter and use only letters, digits and hyphens)`,
			`PN-APP-4 "": stack name "" is already used by stack "" (each stack is a directory of its own) (fix: give every stack its own name)`,
			`PN-APP-4 "stack": stack name "stack" is already used by stack "" (each stack is a directory of its own) (fix: give every stack its own name)`,
		}},
		{"a security group rule naming a group of another region", func(app *core.App) {
			tokyo := core.NewStack(app, "tokyo", core.StackProps{Region: "ap-northeast-1"})
			vm := instance.New(tokyo, "app", &instance.Props{Vpc: network.NewVpc(tokyo, "network", &network.VpcProps{Cidr: "10.0.0.0/16"})})
			east := core.NewStack(app, "east", core.StackProps{Region: "us-east-1"})
			sts := endpoints.NewInterfaceEndpoint(east, "sts", &endpoints.InterfaceEndpointProps{Vpc: testVpc(east, nil), Service: endpoints.STS, RestrictIngress: true})
			sts.AllowFrom(vm)
		}, []string{
			`PN-SSM-1 tokyo/app: instance is managed by Systems Manager and may send HTTPS only inside VPC tokyo/network, which has no ssm or ssmmessages endpoint (fix: add endpoints.NewSsmEndpoints(stack, "ssm", &endpoints.RecipeProps{Vpc: vpc}) (and AllowFrom the instance), or set DisableSsm)`,
			`PN-APP-7 east/sts/sg: security group tokyo/app/sg is in stack tokyo (ap-northeast-1), and this construct is in stack east (us-east-1), whose resources are made in us-east-1 (fix: make it in a stack of ap-northeast-1; to reach something across regions, use an endpoint with ServiceRegion, or endpointservice.NewConsumer, in a VPC of us-east-1)`,
		}},
		{"a huge stack name", func(app *core.App) {
			core.NewStack(app, strings.Repeat("a", 10000), core.StackProps{Region: "us-east-1"})
		}, []string{`PN-APP-4 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"… (10000 bytes): stack name "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"… (10000 bytes) is longer than 64 characters (fix: use a short name of letters, digits and hyphens)`}},
		{"an empty construct id", func(app *core.App) {
			network.NewVpc(core.NewStack(app, "t", core.StackProps{Region: "us-east-1"}), "", &network.VpcProps{Cidr: "10.0.0.0/16"})
		}, []string{`PN-APP-4 t/unnamed: network.NewVpc was given an empty construct id (fix: give every construct an id, unique in its scope)`}},
		{"ids that collide after / is rewritten", func(app *core.App) {
			s := core.NewStack(app, "t", core.StackProps{Region: "us-east-1"})
			network.NewVpc(s, "a/b", &network.VpcProps{Cidr: "10.0.0.0/16"})
			network.NewVpc(s, "a--b", &network.VpcProps{Cidr: "10.1.0.0/16"})
		}, []string{`PN-APP-4 t/a--b-2: another construct is already named "a--b" in t (fix: give each construct its own id)`}},
		{"NewVpc with a nil scope", func(*core.App) {
			network.NewVpc(nil, "network", &network.VpcProps{Cidr: "10.0.0.0/16"})
		}, []string{`PN-APP-3 network: network.NewVpc was given a nil scope (fix: make it in a stack made by core.NewStack(app, name, core.StackProps{Region: ...}), which gives it its AWS region)`}},
		{"a tier that does not exist", func(app *core.App) {
			v := network.NewVpc(core.NewStack(app, "t", core.StackProps{Region: "us-east-1"}), "network", &network.VpcProps{Cidr: "10.0.0.0/16",
				Tiers: []network.TierProps{{Name: "app"}, {Name: "data"}}})
			if ids := v.Tier("typo").SubnetIds(); len(ids) != 0 {
				panic("subnets of a missing tier")
			}
		}, []string{`PN-VPC-8 t/network: VPC has no tier "typo" (it has app, data) (fix: name one of the VPC's tiers)`}},
		{"a construct made in the app", func(app *core.App) {
			network.NewVpc(app, "network", &network.VpcProps{Cidr: "10.0.0.0/16"})
		}, []string{`PN-APP-3 network: network.NewVpc was made in the app itself, not in a stack (fix: make it in a stack made by core.NewStack(app, name, core.StackProps{Region: ...}), which gives it its AWS region)`}},
		{"Instance Connect Allow(nil) and a typed nil", func(app *core.App) {
			s := core.NewStack(app, "t", core.StackProps{Region: "us-east-1"})
			eic := instanceconnect.New(s, "eic", &instanceconnect.Props{Vpc: testVpc(s, nil)})
			eic.Allow(nil)
			var vm *instance.Instance
			eic.Allow(vm)
		}, []string{
			`PN-SG-2 t/eic: Allow was given no target, or one that has no security group (fix: pass an instance (or another construct with a security group) that was built without errors)`,
			`PN-SG-2 t/eic: Allow was given no target, or one that has no security group (fix: pass an instance (or another construct with a security group) that was built without errors)`,
		}},
		{"an instance wired to a VPC of another region", func(app *core.App) {
			tokyo := core.NewStack(app, "tokyo", core.StackProps{Region: "ap-northeast-1"})
			v := network.NewVpc(tokyo, "network", &network.VpcProps{Cidr: "10.0.0.0/16"})
			east := core.NewStack(app, "east", core.StackProps{Region: "us-east-1"})
			endpoints.NewInterfaceEndpoint(east, "sts", &endpoints.InterfaceEndpointProps{Vpc: v, Service: endpoints.STS})
			instance.New(east, "app", &instance.Props{Vpc: v})
		}, []string{
			`PN-APP-7 east/sts: VPC tokyo/network is in stack tokyo (ap-northeast-1), and this construct is in stack east (us-east-1), whose resources are made in us-east-1 (fix: make it in a stack of ap-northeast-1; to reach something across regions, use an endpoint with ServiceRegion, or endpointservice.NewConsumer, in a VPC of us-east-1)`,
			`PN-APP-7 east/app: VPC tokyo/network is in stack tokyo (ap-northeast-1), and this construct is in stack east (us-east-1), whose resources are made in us-east-1 (fix: make it in a stack of ap-northeast-1; to reach something across regions, use an endpoint with ServiceRegion, or endpointservice.NewConsumer, in a VPC of us-east-1)`,
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			wantIssues(t, noPanic(t, c.build), c.want...)
		})
	}
}

// After core.Shutdown, the runtime that held every earlier object is gone:
// using an app or stack made before it is reported, not a panic. (The next
// jsii call starts a new runtime, so the tests after this one still work.)
func TestConstructingAfterShutdown(t *testing.T) {
	app := core.NewApp(&core.AppProps{Outdir: t.TempDir()})
	early := core.NewStack(app, "early", core.StackProps{Region: "us-east-1"})
	core.Shutdown()
	var err error
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("panic: %v", r)
			}
		}()
		network.NewVpc(early, "network", &network.VpcProps{Cidr: "10.0.0.0/16"})
		late := core.NewStack(app, "late", core.StackProps{Region: "us-east-1"})
		network.NewVpc(late, "network", &network.VpcProps{Cidr: "10.0.0.0/16"})
		err = app.Run()
	}()
	is, ok := err.(core.Issues)
	if !ok {
		t.Fatalf("Run returned %T %v", err, err)
	}
	wantIssues(t, is.Messages(),
		`PN-APP-2 app: the app was made before core.Shutdown, which stopped the jsii runtime it lives in (fix: call core.Shutdown once, when the program is done with every construct)`,
		`PN-APP-2 early/network: network.NewVpc was called after core.Shutdown, with a scope made before it (fix: call core.Shutdown once, when the program is done with every construct)`,
		`PN-APP-2 late: core.NewStack was called after core.Shutdown, with an app made before it (fix: call core.Shutdown once, when the program is done with every construct)`,
	)
	// A new app after Shutdown works as usual.
	j := synthOne(t, "us-east-1", func(s *core.Stack) { testVpc(s, nil) })
	j.resource(t, "aws_vpc", "network")
}
