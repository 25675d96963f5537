// Package need is the vocabulary of reachability: what a workload must
// reach (a Need, made of Targets) and where it reaches from (a Source),
// as plain data. Constructs make them (endpoints.SSM, lattice resource
// configurations, instances), core writes them into the synthesized
// stack's metadata ("//".privnet.needs), and package reach reads them back
// with the Terraform JSON. It imports nothing of privnet, so every package
// can use it.
package need

// Kind is what a Target is.
type Kind string

const (
	// Service is an AWS service of the catalog (or named by
	// endpoints.AwsService): Service holds its key.
	Service Kind = "service"
	// EndpointService is someone's own endpoint service (an NLB behind
	// aws_vpc_endpoint_service): Addr names it.
	EndpointService Kind = "endpoint-service"
	// Resource is a VPC Lattice resource configuration: Addr names it.
	Resource Kind = "resource"
	// Instance is an EC2 instance, reached within its VPC (from an EC2
	// Instance Connect endpoint, or another workload): Addr names it.
	Instance Kind = "instance"
)

// Target is one thing to reach.
type Target struct {
	Kind Kind `json:"kind"`
	// Service is the catalog key ("sts", "ecr.dkr") for Kind Service.
	Service string `json:"service,omitempty"`
	// ServiceName is the whole endpoint service name for a service
	// outside the catalog (endpoints.AwsService).
	ServiceName string `json:"service_name,omitempty"`
	// Region is where the service is called: "" is the source's region.
	Region string `json:"region,omitempty"`
	// Addr is the Terraform address of the target
	// ("aws_vpclattice_resource_configuration.server-config"), and Stack
	// the stack it is in ("" is the source's).
	Addr  string `json:"addr,omitempty"`
	Stack string `json:"stack,omitempty"`
	// Ports to reach: "" is the service's own (443 for most).
	Ports []int `json:"ports,omitempty"`
	// EndpointName: the client calls the endpoint's own DNS name
	// (vpce-….amazonaws.com, --endpoint-url), not the service's public
	// name, so private DNS is not needed.
	EndpointName bool `json:"endpoint_name,omitempty"`
}

// Need is what a workload must reach: one target, or a chain of them
// that must all be reachable (Session Manager: ssm and ssmmessages).
type Need struct {
	// Label names the need in messages ("Session Manager", "sts").
	Label   string   `json:"label"`
	Targets []Target `json:"targets"`
}

// Needer is anything that stands for a Need: a catalog service
// (endpoints.STS), a chain (endpoints.SessionManager), a resource
// configuration on some ports.
type Needer interface {
	Need() Need
}

// Of is a Need as a Needer.
type Of Need

// Need returns n.
func (n Of) Need() Need { return Need(n) }

// Chain is a need made of others, all of which must be reachable.
func Chain(label string, parts ...Needer) Of {
	out := Of{Label: label}
	for _, p := range parts {
		if p == nil {
			continue
		}
		out.Targets = append(out.Targets, p.Need().Targets...)
	}
	return out
}

// Source is where a need is reached from.
type Source struct {
	// Addrs are Terraform addresses in Stack of the workloads
	// (aws_instance), subnets (aws_subnet: a tier) or Instance Connect
	// endpoints the need is reached from. A need holds for a source when
	// it holds from every one of them.
	Addrs []string `json:"addrs,omitempty"`
	// External is a network outside AWS (on premises) the app declares.
	External *External `json:"external,omitempty"`
}

// External is a network outside the VPC, such as on premises.
type External struct {
	Name  string   `json:"name"`
	CIDRs []string `json:"cidrs"`
	// Via is the link it arrives by ("Site-to-Site VPN", "Direct
	// Connect"), and Vpc the Terraform address of the VPC it arrives in.
	Via string `json:"via"`
	Vpc string `json:"vpc"`
}

// Sourcer is anything a need can be reached from: an instance, a subnet
// tier, an Instance Connect endpoint, an external network.
type Sourcer interface {
	ReachSource() Source
}

// Declared is one need of one source, as core records it in the stack's
// metadata: Path is the construct path of the source, for messages.
type Declared struct {
	Path string `json:"path"`
	From Source `json:"from"`
	Need Need   `json:"need"`
}
