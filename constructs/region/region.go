// Package region is privnet's table of AWS regions and partitions: what
// privnet knows of a region without asking AWS (synth runs with no
// credentials and no network). Pure Go, no jsii: the review report and the
// reachability engine read it too; core re-exports it.
package region

import (
	"sort"
	"strings"
)

// Region is what privnet needs to know of an AWS region without asking AWS:
// synth runs with no credentials and no network (core rule PN-APP-5).
type Region struct {
	Name      string
	Partition string // aws, aws-cn, aws-us-gov
	// DNSSuffix is the suffix of service principals and endpoints:
	// amazonaws.com, or amazonaws.com.cn in China.
	DNSSuffix string
	// Azs are the availability zone names every account has in the region, in
	// the order a count of AZs takes them. AZ names map to different physical
	// zones per account; these names exist in all accounts. Constrained zones
	// (us-east-1e takes no current instance types) come last. Empty where
	// accounts see different names (us-west-1: a+b or b+c): Azs must then be
	// listed, and any <region><letter> is taken.
	Azs []string
	// OptIn regions are off until the account enables them.
	OptIn bool
}

// regions is every region of the partitions privnet covers (aws, aws-cn,
// aws-us-gov), as listed in botocore's partitions.json (2026-08-07) and the
// AWS "Regions and Availability Zones" documentation (checked 2026-11).
// AZ letters come from DescribeAvailabilityZones as seen in accounts
// (cn-north-1 has a, b and d; ap-northeast-1b is closed to new accounts;
// ca-central-1 has no c). Where accounts see different names (us-west-1)
// or the letters could not be confirmed (ap-east-2), the list is empty and
// Azs must be given. OptIn regions must be enabled in the account first.
var regions = map[string]Region{}

// uncovered are the partitions privnet does not cover: their service
// names, ARNs and DNS suffixes differ (aws-eusc, the ISO partitions), and
// naming them as commercial regions would be wrong (botocore
// partitions.json, 2026-08-07).
var uncovered = map[string]string{
	"eusc-de-east-1": "aws-eusc",
	"us-iso-east-1":  "aws-iso", "us-iso-west-1": "aws-iso",
	"us-isob-east-1": "aws-iso-b", "us-isob-west-1": "aws-iso-b",
	"eu-isoe-west-1": "aws-iso-e",
	"us-isof-east-1": "aws-iso-f", "us-isof-south-1": "aws-iso-f",
}

// UncoveredPartition tells the partition of a region privnet knows of but
// does not cover.
func UncoveredPartition(name string) (string, bool) {
	p, ok := uncovered[name]
	return p, ok
}

func init() {
	for _, r := range []struct {
		name, partition, azLetters string
		optIn                      bool
	}{
		{"us-east-1", "aws", "abcdfe", false},
		{"us-east-2", "aws", "abc", false},
		{"us-west-1", "aws", "", false},
		{"us-west-2", "aws", "abcd", false},
		{"ca-central-1", "aws", "abd", false},
		{"ca-west-1", "aws", "abc", true},
		{"mx-central-1", "aws", "abc", true},
		{"sa-east-1", "aws", "abc", false},
		{"eu-west-1", "aws", "abc", false},
		{"eu-west-2", "aws", "abc", false},
		{"eu-west-3", "aws", "abc", false},
		{"eu-central-1", "aws", "abc", false},
		{"eu-central-2", "aws", "abc", true},
		{"eu-north-1", "aws", "abc", false},
		{"eu-south-1", "aws", "abc", true},
		{"eu-south-2", "aws", "abc", true},
		{"il-central-1", "aws", "abc", true},
		{"me-central-1", "aws", "abc", true},
		{"me-south-1", "aws", "abc", true},
		{"af-south-1", "aws", "abc", true},
		{"ap-northeast-1", "aws", "acd", false}, // ap-northeast-1b is closed to new accounts
		{"ap-northeast-2", "aws", "abcd", false},
		{"ap-northeast-3", "aws", "abc", false},
		{"ap-east-1", "aws", "abc", true},
		{"ap-east-2", "aws", "", true}, // Taipei, 2025: letters not confirmed
		{"ap-south-1", "aws", "abc", false},
		{"ap-south-2", "aws", "abc", true},
		{"ap-southeast-1", "aws", "abc", false},
		{"ap-southeast-2", "aws", "abc", false},
		{"ap-southeast-3", "aws", "abc", true},
		{"ap-southeast-4", "aws", "abc", true},
		{"ap-southeast-5", "aws", "abc", true},
		{"ap-southeast-6", "aws", "abc", true},
		{"ap-southeast-7", "aws", "abc", true},
		{"cn-north-1", "aws-cn", "abd", false},
		{"cn-northwest-1", "aws-cn", "abc", false},
		{"us-gov-west-1", "aws-us-gov", "abc", false},
		{"us-gov-east-1", "aws-us-gov", "abc", false},
	} {
		reg := Region{Name: r.name, Partition: r.partition, DNSSuffix: "amazonaws.com", OptIn: r.optIn}
		if r.partition == "aws-cn" {
			reg.DNSSuffix = "amazonaws.com.cn"
		}
		for _, l := range r.azLetters {
			reg.Azs = append(reg.Azs, r.name+string(l))
		}
		regions[r.name] = reg
	}
}

// Lookup returns the region table's row for name.
func Lookup(name string) (Region, bool) {
	r, ok := regions[name]
	return r, ok
}

// Names lists the regions privnet knows, sorted.
func Names() []string {
	names := make([]string, 0, len(regions))
	for n := range regions {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// HasAz tells whether az is one of the region's availability zones.
func (r Region) HasAz(az string) bool {
	if len(r.Azs) == 0 {
		return len(az) == len(r.Name)+1 && strings.HasPrefix(az, r.Name) && az[len(az)-1] >= 'a' && az[len(az)-1] <= 'z'
	}
	for _, a := range r.Azs {
		if a == az {
			return true
		}
	}
	return false
}

// ServicePrincipal is the IAM service principal of an AWS service in this
// region's partition. A regional principal carries the region and the
// partition's DNS suffix (CloudWatch Logs: logs.cn-north-1.amazonaws.com.cn);
// every other principal is <service>.amazonaws.com in every partition, China
// included: the VPC Flow Logs role in China trusts vpc-flow-logs.amazonaws.com
// (docs.amazonaws.cn VPC user guide, flow-logs-iam-role, read 2026-11-23), and
// aws-cdk-lib region-info/lib/default.ts (2026) keeps only logs
// regional-and-partitional. EC2's own principal in China is the exception
// privnet knows; see instance.ec2Principal.
func (r Region) ServicePrincipal(service string, regional bool) string {
	if regional {
		return service + "." + r.Name + "." + r.DNSSuffix
	}
	return service + ".amazonaws.com"
}

// DualStackSuffix is the partition's domain for dual-stack endpoint names
// (batch.us-east-1.api.aws): api.aws, and api.amazonwebservices.com.cn in
// China (botocore partitions.json, dualStackDnsSuffix, 2026-08-07).
func (r Region) DualStackSuffix() string {
	if r.Partition == "aws-cn" {
		return "api.amazonwebservices.com.cn"
	}
	return "api.aws"
}

// Arn builds an ARN in this region's partition. Pass "" as region for global
// services (IAM).
func (r Region) Arn(service, region, account, resource string) string {
	return strings.Join([]string{"arn", r.Partition, service, region, account, resource}, ":")
}
