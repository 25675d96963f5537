package review

import (
	"fmt"

	"github.com/privnet/privnet/constructs/region"
)

// HoursPerMonth is AWS's planning month (365 × 24 / 12).
const HoursPerMonth = 730

// Prices are USD, on-demand, per region. Sources, read 2026-11 from copies
// of the AWS pricing pages: "AWS PrivateLink pricing" (interface endpoint
// per AZ-hour; data processed $0.01/GB for the first PB a month),
// "Amazon VPC pricing" (NAT gateway per hour and per GB processed),
// "Elastic Load Balancing pricing" (Network Load Balancer per hour, plus
// NLCU-hours). A region missing from a table is reported as "no price in
// the table", never guessed. (Tokyo was $0.014 per AZ-hour in 2017 too.)
const PricesAsOf = "2026-11 (AWS PrivateLink, Amazon VPC and Elastic Load Balancing pricing pages; Route 53 Resolver endpoints: AWS Knowledge Center, Resolver endpoint costs, read 2026-11-24)"

var interfaceEndpointAzHour = map[string]float64{
	"us-east-1": 0.01, "us-east-2": 0.01, "us-west-2": 0.01,
	"eu-west-1": 0.011, "eu-central-1": 0.012,
	"ap-northeast-1": 0.014, "ap-southeast-1": 0.013,
}

var natGatewayHour = map[string]float64{
	"us-east-1": 0.045, "us-east-2": 0.045, "us-west-2": 0.045,
	"eu-west-1": 0.048, "eu-central-1": 0.052,
	"ap-northeast-1": 0.062, "ap-southeast-1": 0.059,
}

var nlbHour = map[string]float64{
	"us-east-1": 0.0225, "us-east-2": 0.0225, "us-west-2": 0.0225,
	"eu-west-1": 0.0252, "eu-central-1": 0.027,
	"ap-northeast-1": 0.0243, "ap-southeast-1": 0.0252,
}

// EC2 detailed monitoring sends 7 metrics a minute, billed as CloudWatch
// metrics at $0.30 a metric-month for the first 10,000 (Amazon CloudWatch
// pricing, us-east-1, and its example of detailed monitoring, checked
// 2026-11): $2.10 per instance and month, beyond the 10 free metrics of
// the account. Other regions' rates were not read from AWS: not priced.
var detailedMonitoringInstanceMonth = map[string]float64{"us-east-1": 2.10}

// AWS Network Firewall: per firewall endpoint (one per AZ) and hour, plus
// $0.065 per GB processed (AWS Network Firewall pricing, us-east-1,
// checked 2026-11).
var firewallEndpointHour = map[string]float64{"us-east-1": 0.395}

// Route 53 Resolver endpoints: $0.125 per ENI (IP address) and hour, and
// $0.40 per million queries for the first billion a month, then $0.20. The
// one rate, with no region named, of the AWS Knowledge Center article on
// Resolver endpoint costs (German edition, read 2026-11-24); the Route 53
// Developer Guide bills endpoints "based on the number of IP addresses in
// your endpoints and on the number of DNS queries". Applied to the
// commercial partition only: China and GovCloud are not priced.
const resolverEniHour = 0.125

// Site-to-Site VPN is billed per connection-hour and for data transfer
// out (AWS Site-to-Site VPN User Guide, "Pricing"). No AWS-published rate
// could be read on 2026-11-24 (the pricing page is not in the stored
// copies; a "$.05 per hour" in the VPN CloudHub page is an example), so
// the report counts the hours and leaves the rate out.

// AWS Transit Gateway is billed per attachment-hour, to the VPC's owner,
// and per GB "sent from a VPC to the AWS Transit Gateway" (AWS Transit
// Gateway pricing, China edition, https://www.amazonaws.cn/en/transit-gateway/pricing/,
// read 2026-11-24: CNY 0.5 per attachment-hour, CNY 0.143 per GB, the
// only AWS-authored rates that could be read). No AWS-authored USD rate
// could be read on 2026-11-24 (aws.amazon.com/transit-gateway/pricing is
// not in the stored copies; third-party pages quote $0.05 and $0.02), and
// privnet's table is in USD: the report counts the attachment-hours and
// leaves the rate out, as for Site-to-Site VPN.

// VPC peering has no hourly line: AWS bills the data. "All data transfer
// over a VPC peering connection that stays within an Availability Zone is
// free. All data transfer over a VPC peering connection that crosses
// Availability Zones is charged at the standard in-region data transfer
// rates. If the VPCs are peered across Regions, standard inter-Region data
// transfer charges will apply." (AWS whitepaper "Building a Scalable and
// Secure Multi-VPC AWS Network Infrastructure", VPC peering,
// https://docs.aws.amazon.com/whitepapers/latest/building-scalable-secure-multi-vpc-network-infrastructure/vpc-peering.html,
// read 2026-11-24.) No per-GB figure is in privnet's table.

// CostLine is one line of a stack's estimate.
type CostLine struct {
	Item     string
	Quantity string  // what is counted, in words
	Units    float64 // billed units a month (AZ-hours, hours)
	Rate     float64 // USD per unit; 0 with Known false when not in the table
	Known    bool
	Monthly  float64
}

// Cost is a stack's monthly estimate of fixed charges, and what comes on
// top, stated, not estimated: each in its own list, so that a line headed
// "per GB" holds per-GB rates only.
type Cost struct {
	Lines   []CostLine
	Total   float64
	Unknown int // lines without a price in the table
	// PerGB are data-processing rates; Usage other usage-based charges
	// (NLCU-hours); Free what has no charge of its own (said so that a
	// reader does not wonder); NotEstimated the billed resources the
	// table does not price ("1 instance", "2 KMS keys").
	PerGB, Usage, Free, NotEstimated []string
}

// notPriced are billed resources privnet's table leaves out: instances
// (and their volumes) and keys vary too much by type and use to estimate.
var notPriced = []struct{ tfType, what string }{
	{"aws_instance", "instance"},
	{"aws_kms_key", "KMS key"},
	{"aws_cloudwatch_log_group", "CloudWatch log group"},
	{"aws_flow_log", "flow log"},
	{"aws_eip", "Elastic IP"},
	{"aws_ebs_volume", "EBS volume"},
}

// Estimate prices the stack's hourly charges.
func Estimate(s *Stack) Cost {
	var c Cost
	add := func(item, qty string, units float64, table map[string]float64) {
		rate, ok := table[s.Region]
		l := CostLine{Item: item, Quantity: qty, Units: units, Rate: rate, Known: ok}
		if ok {
			l.Monthly = round2(units * rate)
			c.Total += l.Monthly
		} else {
			c.Unknown++
		}
		c.Lines = append(c.Lines, l)
	}
	perGB, usage, free := map[string]bool{}, map[string]bool{}, map[string]bool{}
	azHours, interfaces := 0, 0
	var resourceEndpoints, networkEndpoints []string
	for _, n := range s.Names("aws_vpc_endpoint") {
		e := s.Get("aws_vpc_endpoint", n)
		switch str(e, "vpc_endpoint_type") {
		case "Interface":
			interfaces++
			azHours += len(list(e, "subnet_ids"))
		case "Resource":
			resourceEndpoints = append(resourceEndpoints, n)
		case "ServiceNetwork":
			networkEndpoints = append(networkEndpoints, n)
		}
	}
	if interfaces > 0 {
		add("Interface endpoints", fmt.Sprintf("%s, %d endpoint-AZs × %d h", plural(interfaces, "endpoint"), azHours, HoursPerMonth),
			float64(azHours*HoursPerMonth), interfaceEndpointAzHour)
		if _, ok := interfaceEndpointAzHour[s.Region]; ok {
			perGB["Interface endpoints: $0.01 per GB processed (first PB a month, all interface endpoints of the region)"] = true
		} else {
			perGB["Interface endpoints: per GB processed (no price in the table for this region)"] = true
		}
	}
	if n := len(s.Resources["aws_nat_gateway"]); n > 0 {
		add("NAT gateways", fmt.Sprintf("%d × %d h", n, HoursPerMonth), float64(n*HoursPerMonth), natGatewayHour)
		if r, ok := natGatewayHour[s.Region]; ok {
			perGB[fmt.Sprintf("NAT gateways: $%.3f per GB processed", r)] = true
		} else {
			perGB["NAT gateways: per GB processed (no price in the table for this region)"] = true
		}
	}
	if n := len(s.Resources["aws_lb"]); n > 0 {
		add("Network Load Balancers", fmt.Sprintf("%d × %d h", n, HoursPerMonth), float64(n*HoursPerMonth), nlbHour)
		usage["Network Load Balancers: NLCU-hours by new connections, active connections and bytes (Elastic Load Balancing pricing)"] = true
	}
	monitored := 0
	for _, n := range s.Names("aws_instance") {
		if s.Get("aws_instance", n)["monitoring"] == true {
			monitored++
		}
	}
	if monitored > 0 {
		add("EC2 detailed monitoring", plural(monitored, "instance")+" × 7 metrics a month", float64(monitored), detailedMonitoringInstanceMonth)
	}
	if fws := s.Resources["aws_networkfirewall_firewall"]; len(fws) > 0 {
		endpoints := 0
		for _, n := range s.Names("aws_networkfirewall_firewall") {
			endpoints += len(list(s.Get("aws_networkfirewall_firewall", n), "subnet_mapping"))
		}
		add("Network Firewall endpoints", fmt.Sprintf("%d × %d h", endpoints, HoursPerMonth), float64(endpoints*HoursPerMonth), firewallEndpointHour)
		if _, ok := firewallEndpointHour[s.Region]; ok {
			perGB["Network Firewall: $0.065 per GB processed (us-east-1; AWS Network Firewall pricing)"] = true
		} else {
			perGB["Network Firewall: per GB processed (no price in the table for this region)"] = true
		}
	}
	// VPC Lattice (Amazon VPC Lattice and AWS PrivateLink pricing, checked
	// 2026-11): a resource configuration associated with a service network
	// is billed per hour; the ServiceNetwork endpoint and the VPC's
	// association are not. Before 2026-11 the report had it the other way
	// round. A Resource endpoint is billed as a PrivateLink endpoint, at a
	// rate not in privnet's table.
	if len(resourceEndpoints) > 0 {
		c.Lines = append(c.Lines, CostLine{Item: "Resource endpoints",
			Quantity: fmt.Sprintf("%s, billed per hour (AWS PrivateLink pricing; the rate is not in privnet's table)", plural(len(resourceEndpoints), "endpoint"))})
		c.Unknown++
		perGB["Resource endpoints: per GB processed (AWS PrivateLink pricing)"] = true
	}
	if n := len(s.Resources["aws_vpclattice_service_network_resource_association"]); n > 0 {
		c.Lines = append(c.Lines, CostLine{Item: "Resource configurations in service networks",
			Quantity: fmt.Sprintf("%s, billed per resource-hour (Amazon VPC Lattice pricing; the rate is not in privnet's table)", plural(n, "association"))})
		c.Unknown++
		perGB["VPC Lattice resources: per GB processed (Amazon VPC Lattice pricing)"] = true
	}
	if len(networkEndpoints) > 0 {
		free["ServiceNetwork endpoints and VPC associations: no charge (Amazon VPC Lattice pricing)"] = true
	}
	if len(s.Resources["aws_vpclattice_resource_gateway"]) > 0 {
		perGB["VPC Lattice resource gateways: per GB processed (Amazon VPC Lattice pricing)"] = true
		free["VPC Lattice resource gateways, and resource configurations that are in no service network: no hourly charge"] = true
	}
	if len(s.Resources["aws_vpc_endpoint_service"]) > 0 {
		free["Endpoint services: the provider pays for the load balancer, consumers for their endpoints"] = true
	}
	enis := 0
	for _, n := range s.Names("aws_route53_resolver_endpoint") {
		blocks, _ := objects(s.Get("aws_route53_resolver_endpoint", n)["ip_address"], "ip_address")
		enis += len(blocks)
	}
	if enis > 0 {
		table := map[string]float64{}
		if r, ok := region.Lookup(s.Region); ok && r.Partition == "aws" {
			table[s.Region] = resolverEniHour
		}
		add("Route 53 Resolver endpoints", fmt.Sprintf("%s, %d IP addresses (ENIs) × %d h (AWS Knowledge Center, Resolver endpoint costs, 2026-11-24)", plural(len(s.Resources["aws_route53_resolver_endpoint"]), "endpoint"), enis, HoursPerMonth),
			float64(enis*HoursPerMonth), table)
		usage["Route 53 Resolver endpoints: $0.40 per million queries (first billion a month), then $0.20 (AWS Knowledge Center, Resolver endpoint costs, read 2026-11-24)"] = true
	}
	if n := len(s.Resources["aws_vpn_connection"]); n > 0 {
		c.Lines = append(c.Lines, CostLine{Item: "Site-to-Site VPN connections",
			Quantity: fmt.Sprintf("%s × %d h, billed per connection-hour (AWS Site-to-Site VPN pricing; no AWS-published rate could be read on 2026-11-24, so none is in privnet's table)", plural(n, "connection"), HoursPerMonth)})
		c.Unknown++
		perGB["Site-to-Site VPN: data transfer out of AWS over the tunnels, per GB at the EC2 data-transfer-out rates (AWS Site-to-Site VPN User Guide, Pricing; not in privnet's table)"] = true
	}
	if len(s.Resources["aws_dx_gateway_association"]) > 0 {
		usage["Direct Connect: port-hours, billed on the connection, outside this stack (AWS Direct Connect pricing; not in privnet's table)"] = true
		perGB["Direct Connect: data transfer out, per GB, billed on the connection (AWS Direct Connect pricing; not in privnet's table)"] = true
	}
	if vpcs, peers := len(s.Resources["aws_ec2_transit_gateway_vpc_attachment"]), len(s.Resources["aws_ec2_transit_gateway_peering_attachment"]); vpcs+peers > 0 {
		what := plural(vpcs, "VPC attachment")
		if peers > 0 {
			what += " and " + plural(peers, "peering attachment")
		}
		c.Lines = append(c.Lines, CostLine{Item: "Transit Gateway attachments", Units: float64((vpcs + peers) * HoursPerMonth),
			Quantity: fmt.Sprintf("%s × %d h, billed per attachment-hour (AWS Transit Gateway pricing; no AWS-published USD rate could be read on 2026-11-24, so none is in privnet's table)", what, HoursPerMonth)})
		c.Unknown++
		perGB["Transit Gateway: data processing, per GB sent from a VPC to the gateway (AWS Transit Gateway pricing; not in privnet's table)"] = true
	}
	if len(s.Resources["aws_vpc_peering_connection"]) > 0 {
		perGB["VPC peering: free within one Availability Zone; across Availability Zones, per GB at the standard in-region data transfer rates; across Regions, per GB at the standard inter-Region data transfer rates (AWS whitepaper \"Building a Scalable and Secure Multi-VPC AWS Network Infrastructure\", VPC peering, read 2026-11-24; not in privnet's table)"] = true
	}
	c.PerGB, c.Usage, c.Free = sortedKeys(perGB), sortedKeys(usage), sortedKeys(free)
	for _, p := range notPriced {
		if n := len(s.Resources[p.tfType]); n > 0 {
			c.NotEstimated = append(c.NotEstimated, plural(n, p.what))
		}
	}
	c.Total = round2(c.Total)
	return c
}

func round2(x float64) float64 {
	if x < 0 {
		return -round2(-x)
	}
	return float64(int64(x*100+0.5)) / 100
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
