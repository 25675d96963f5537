package reach

// Link is one thing a path needs: a broken link makes a need unreachable,
// a link that cannot be known at synth makes it unknown. Each is data,
// with the AWS fact behind it, its source and when it was checked, like
// privnet's rules (docs/rules.md lists them).
type Link struct {
	ID, Title, Fact, Source, Checked string
}

// The links, in the order a path is walked.
var (
	LinkEndpoint = &Link{ID: "endpoint", Title: "An endpoint for the service is in the client's VPC",
		Fact:   "An isolated subnet reaches an AWS service only through a VPC endpoint in its own VPC (or, later, one it is routed to); without one and without a route to the internet, the client's connection attempts time out.",
		Source: "AWS PrivateLink Guide, \"Access an AWS service using an interface VPC endpoint\"", Checked: "2026-11-23"}
	LinkRegion = &Link{ID: "region", Title: "The service exists in the region the endpoint reaches",
		Fact:   "A global service has its endpoint in one region per partition (IAM: us-east-1 in aws, cn-north-1 in aws-cn); from another region the endpoint must set service_region to it, for a cross-region enabled service. A target in another region is reached only by an endpoint whose service_region is that region.",
		Source: "AWS PrivateLink Guide, \"Cross-region enabled AWS services\" (Nov 2025); IAM User Guide, \"AWS Identity and Access Management and interface VPC endpoints\"", Checked: "2026-11-23"}
	LinkHostedZone = &Link{ID: "hosted-zone", Title: "A private hosted zone of the client's VPC sends the service's name to an interface endpoint",
		Fact:   "A private hosted zone answers for every name within it in the VPCs it is associated with, the most specific zone first: a name with no record (nor a wildcard above it) gets NXDOMAIN, not the public answer. A hub's zone for a service's name, with an alias record to the hub endpoint's regional DNS name, sends a spoke's calls to the hub endpoint's network interfaces, which the spoke reaches over peering or a Transit Gateway. Zones need DNS support and DNS hostnames on in the VPC.",
		Source: "Amazon Route 53 Developer Guide, \"Considerations when working with a private hosted zone\" (overlapping namespaces, VPC settings); AWS whitepaper \"Building a Scalable and Secure Multi-VPC AWS Network Infrastructure\", \"Centralized access to VPC private endpoints\"", Checked: "2026-11-24"}
	LinkPrivateDNS = &Link{ID: "private-dns", Title: "The service's public name resolves to the endpoint",
		Fact:   "A client that calls the service's usual host name (as the AWS CLI and SDKs do) reaches the interface endpoint only when the endpoint has private DNS; otherwise the name resolves to public addresses, which need a route to the internet. The endpoint-specific DNS name (vpce-…) works without private DNS.",
		Source: "AWS PrivateLink Guide, \"DNS hostnames\" and \"Private DNS\"", Checked: "2026-11-23"}
	LinkVpcDNS = &Link{ID: "vpc-dns", Title: "The VPC has DNS support (and DNS hostnames for private DNS)",
		Fact:   "With enableDnsSupport off, the VPC resolver (169.254.169.253) does not answer: nothing resolves. Private DNS of an endpoint also needs enableDnsHostnames.",
		Source: "Amazon VPC User Guide, \"DNS attributes for your VPC\"", Checked: "2026-11-23"}
	LinkDHCP = &Link{ID: "dhcp-dns", Title: "The VPC's DHCP options point clients at the VPC resolver, and nothing else answers the service's name",
		Fact:   "Private DNS names live in private hosted zones that only the VPC resolver (AmazonProvidedDNS) answers. DHCP options that name other DNS servers bypass it, unless those servers forward to it. A Resolver forwarding rule associated with the VPC sends its domain's names to other DNS servers when it is the most specific match: a rule for the endpoint's own name beats the endpoint's private hosted zone, a rule for amazonaws.com or \".\" does not (the zone is more specific) but does take names with no endpoint; a SYSTEM rule keeps names with the VPC resolver. Another private hosted zone for an AWS domain may answer instead of the endpoint's private DNS.",
		Source: "Amazon VPC User Guide, \"DHCP option sets\"; Amazon Route 53 Developer Guide, \"Resolving DNS queries between VPCs and your network\" and \"Considerations when working with a private hosted zone\"", Checked: "2026-11-24"}
	LinkInboundOnly = &Link{ID: "inbound-only", Title: "S3 or DynamoDB private DNS for inbound resolvers has a gateway endpoint beside it",
		Fact:   "With private_dns_only_for_inbound_resolver_endpoint, the interface endpoint's private DNS answers queries from Route 53 Resolver inbound endpoints only; clients in the VPC resolve the public name and reach the service through the gateway endpoint in their route table.",
		Source: "Amazon S3 User Guide, \"AWS PrivateLink for Amazon S3\" (private DNS for inbound resolver endpoints)", Checked: "2026-11-23"}
	LinkGatewayOutside = &Link{ID: "gateway-outside", Title: "A gateway endpoint is used from inside its VPC",
		Fact:   "Gateway endpoints work through the route tables of their VPC: traffic from on premises, a peered VPC or a Transit Gateway cannot use them. Such clients need an interface endpoint.",
		Source: "Amazon VPC User Guide, \"Gateway endpoints\" (limitations)", Checked: "2026-11-23"}
	LinkGatewayRoute = &Link{ID: "gateway-route", Title: "The client's route table is associated with the gateway endpoint",
		Fact:   "A gateway endpoint adds a prefix-list route to the route tables it is associated with, only those; a subnet with no table of its own uses the VPC's main table.",
		Source: "Amazon VPC User Guide, \"Gateway endpoints\" and \"Route tables\" (main route table)", Checked: "2026-11-23"}
	LinkClientEgress = &Link{ID: "client-egress", Title: "The client's security groups allow the port out to the target",
		Fact:   "Security groups made by Terraform have no egress until a rule allows it; a client's connection is sent only if one of its groups allows the protocol and port to the destination's group, CIDR or prefix list.",
		Source: "Amazon VPC User Guide, \"Security group rules\"; Terraform aws_security_group (default egress removed)", Checked: "2026-11-23"}
	LinkTargetIngress = &Link{ID: "target-ingress", Title: "The target's security groups admit the client",
		Fact:   "An endpoint's (or instance's) security groups must admit the client's group or address on the port; an endpoint with no group gets the VPC's default group, which admits only its own members.",
		Source: "AWS PrivateLink Guide, \"Control access to VPC endpoints using security groups\"", Checked: "2026-11-23"}
	LinkNACL = &Link{ID: "network-acl", Title: "Network ACLs allow the traffic both ways",
		Fact:   "Network ACLs are stateless: between two subnets the request needs an allow out of one and into the other, and the reply needs the same on the client's ephemeral ports, which its operating system picks (Linux 32768-60999, Windows 49152-65535, a NAT gateway 1024-65535). Rules are evaluated in order of number; the first match decides. privnet passes replies allowed on all of 1024-65535, fails them when none is, and calls a part unknown.",
		Source: "Amazon VPC User Guide, \"Control subnet traffic with network access control lists\" (ephemeral ports)", Checked: "2026-11-23"}
	LinkInternet = &Link{ID: "internet", Title: "A public name has a route to the internet",
		Fact:   "A public address is reached through a NAT gateway (in a subnet routed to an internet gateway) or directly through an internet gateway by an instance with a public IPv4 address.",
		Source: "Amazon VPC User Guide, \"NAT gateways\" and \"Internet gateways\"", Checked: "2026-11-23"}
	LinkReturnRoute = &Link{ID: "return-route", Title: "The target's subnets route back to the client's network",
		Fact:   "A reply goes back by the route table of the target's subnet: a client outside the VPC (on premises, another VPC) needs a route to its network there.",
		Source: "Amazon VPC User Guide, \"Route tables\"", Checked: "2026-11-23"}
	LinkRoute = &Link{ID: "route", Title: "The client's subnet routes to the target's network",
		Fact:   "Within a VPC the local route reaches every subnet; another VPC's addresses need a route through peering or a Transit Gateway.",
		Source: "Amazon VPC User Guide, \"Route tables\"", Checked: "2026-11-23"}
	LinkPeering = &Link{ID: "peering", Title: "A VPC peering joins the client's VPC and the target's, and is accepted",
		Fact:   "A peering carries traffic only between its two VPCs (it is not transitive) and only once accepted: auto_accept in one region and account, an accepter otherwise. Security group rules may name the peer VPC's groups only in one region: \"You can't reference the security group of a peer VPC that's in a different Region. Instead, use the CIDR block of the peer VPC.\"",
		Source: "Amazon VPC Peering Guide, \"VPC peering limitations\" and \"Update your security groups to reference peer security groups\"", Checked: "2026-11-24"}
	LinkTransit = &Link{ID: "transit-gateway", Title: "The Transit Gateway carries the traffic both ways",
		Fact:   "Each VPC is attached to the gateway with a subnet in the AZ of the workload (\"any resources in Availability Zones where there is no transit gateway attachment cannot reach the transit gateway\"); the route table associated with the client's attachment sends the target's address to the target's attachment, and the target's table sends the client's back, by the most specific route, a static route beating a propagated one of the same length. Security group rules may name groups across the gateway only inbound, with referencing on at the gateway and both attachments.",
		Source: "Amazon VPC Transit Gateways, \"Amazon VPC attachments in AWS Transit Gateway\" and \"Route evaluation order\"; AWS Networking & Content Delivery blog, \"Introducing security group referencing for AWS Transit Gateway\"", Checked: "2026-11-24"}
	LinkLatticeRegion = &Link{ID: "lattice-region", Title: "A Lattice resource is reached from its own region",
		Fact:   "VPC Lattice resource configurations and service networks are regional: a Resource or ServiceNetwork endpoint reaches only resources in its own region. Across regions, use an NLB endpoint service with supported_regions, or VPC peering / Transit Gateway.",
		Source: "Amazon VPC Lattice User Guide, \"Resource configurations\"; AWS PrivateLink Guide, \"Access VPC resources\"", Checked: "2026-11-23"}
	LinkLatticeGateway = &Link{ID: "lattice-gateway", Title: "The resource gateway reaches the resource, and the resource admits it",
		Fact:   "Traffic to a resource leaves from the resource gateway's network interfaces: the gateway's security-group egress must allow the port to the resource, and the resource's group must admit the gateway.",
		Source: "Amazon VPC Lattice User Guide, \"Resource gateways\" (security groups)", Checked: "2026-11-23"}
	LinkPort = &Link{ID: "port", Title: "The target listens on the port",
		Fact:   "A resource configuration forwards only its port ranges; a load balancer only its listeners' ports.",
		Source: "Amazon VPC Lattice User Guide, \"Resource configurations\"; Elastic Load Balancing, \"Listeners for your Network Load Balancers\"", Checked: "2026-11-23"}
	LinkEndpointServiceRegion = &Link{ID: "service-region", Title: "A cross-region endpoint service lists the consumer's region",
		Fact:   "An endpoint service is reached from another region only when its provider lists that region in supported_regions and the consumer endpoint sets service_region to the service's region (since Nov 2024).",
		Source: "AWS PrivateLink Guide, \"Cross-region connectivity\" for endpoint services", Checked: "2026-11-23"}
	LinkHybrid = &Link{ID: "hybrid", Title: "A VPN connection or Direct Connect association brings the on-premises network to the VPC's virtual private gateway",
		Fact:   "On premises reaches a VPC through a virtual private gateway attached to it, with a Site-to-Site VPN connection or a Direct Connect gateway association. With static routing the gateway sends traffic only to the prefixes of the connection's static routes; with BGP (and Direct Connect) to what on premises advertises, which privnet takes to be the networks the app declares.",
		Source: "AWS Site-to-Site VPN User Guide, \"Site-to-Site VPN routing options\"; AWS Direct Connect User Guide, \"Virtual private gateway associations\"", Checked: "2026-11-24"}
	LinkResolver = &Link{ID: "inbound-resolver", Title: "On-premises DNS reaches the endpoint's private DNS through a Route 53 Resolver inbound endpoint",
		Fact:   "An interface endpoint's private DNS lives in a private hosted zone that only the VPC resolver answers; on-premises DNS servers reach it by forwarding the service's name to an inbound Resolver endpoint of the VPC, whose security group must admit them on port 53, UDP and TCP both, and whose subnets must route back. When the group admits only some addresses of the network on 53 (rules for exactly 53, UDP and TCP), privnet takes those to be its DNS servers. Without one, the name resolves to the service's public addresses on premises. S3 and DynamoDB private DNS for inbound resolvers only answers exactly these queries.",
		Source: "Amazon Route 53 Developer Guide, \"Forwarding inbound DNS queries to your VPCs\" and \"Considerations when working with a private hosted zone\"; Amazon S3 User Guide, \"AWS PrivateLink for Amazon S3\"", Checked: "2026-11-24"}
	LinkFamily = &Link{ID: "ip-family", Title: "The client and the addresses its name resolves to share an address family, each path of which passes",
		Fact: "A name resolves to A records (IPv4), AAAA records (IPv6) or both: an ipv4 interface endpoint has A records, an ipv6 one AAAA, a dualstack one what its DNS record IP type says (both by default). " +
			"A dual-stack client may use either, so privnet checks both paths; an IPv6-only client (an ipv6_native subnet) uses IPv6 only, and reaches a name with IPv4 addresses only through DNS64 on its subnet " +
			"and a route for 64:ff9b::/96 to a NAT gateway, which translates to IPv4 (NAT64): the target then sees the NAT gateway's address. Security groups and network ACLs must allow 64:ff9b::/96 on the client's side. " +
			"privnet follows IPv6 within a VPC; across peering and Transit Gateways, an IPv6 path needs an IPv6 route, and is not followed further.",
		Source: "AWS PrivateLink Guide, \"IP address types\" and \"DNS record IP types\"; Amazon VPC User Guide, \"DNS64 and NAT64\" and \"IPv6-only subnets\" (read 2026-11-24)", Checked: "2026-11-24"}
	LinkModel = &Link{ID: "model", Title: "Every piece of the path is something privnet can read at synth",
		Fact:   "Data sources, values from outside the app and expressions are known only at plan; resources privnet does not model yet (records that do not name an endpoint of the app, paths from on premises through a second VPC) cannot be followed. The verdict then names the fact.",
		Source: "privnet policy: never turn what cannot be known into a pass or a fail", Checked: "2026-11-24"}
)

// Links lists every link, in the order a path is walked.
var Links = []*Link{LinkEndpoint, LinkRegion, LinkVpcDNS, LinkDHCP, LinkHostedZone, LinkPrivateDNS, LinkInboundOnly, LinkGatewayOutside,
	LinkGatewayRoute, LinkInternet, LinkHybrid, LinkResolver, LinkRoute, LinkPeering, LinkTransit, LinkClientEgress, LinkTargetIngress, LinkNACL, LinkReturnRoute,
	LinkLatticeRegion, LinkLatticeGateway, LinkPort, LinkEndpointServiceRegion, LinkFamily, LinkModel}

// Scope is what a verdict does not say; shown wherever verdicts are.
const Scope = "Reachability checks the network: endpoints, DNS, routes, security groups and network ACLs. " +
	"It does not check IAM, endpoint policies or the service's own authorization."
