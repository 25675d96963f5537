package core

import (
	"sort"
	"strings"
)

// Region is what privnet needs to know of an AWS region without asking AWS:
// synth runs with no credentials and no network (rule PN-APP-5).
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
}

// regions is checked against the AWS "Regions and Zones" documentation and
// each region's EC2 DescribeAvailabilityZones output as of 2026-11; adding a
// region is one row. Regions an account cannot opt out of are listed; opt-in
// regions can be added the same way.
var regions = map[string]Region{}

func init() {
	for _, r := range []struct{ name, partition, azLetters string }{
		{"us-east-1", "aws", "abcdfe"},
		{"us-east-2", "aws", "abc"},
		{"us-west-1", "aws", ""},
		{"us-west-2", "aws", "abcd"},
		{"ca-central-1", "aws", "abd"},
		{"sa-east-1", "aws", "abc"},
		{"eu-west-1", "aws", "abc"},
		{"eu-west-2", "aws", "abc"},
		{"eu-west-3", "aws", "abc"},
		{"eu-central-1", "aws", "abc"},
		{"eu-north-1", "aws", "abc"},
		{"ap-northeast-1", "aws", "acd"}, // ap-northeast-1b is closed to new accounts
		{"ap-northeast-2", "aws", "abcd"},
		{"ap-northeast-3", "aws", "abc"},
		{"ap-southeast-1", "aws", "abc"},
		{"ap-southeast-2", "aws", "abc"},
		{"ap-south-1", "aws", "abc"},
		{"cn-north-1", "aws-cn", "ab"},
		{"cn-northwest-1", "aws-cn", "abc"},
		{"us-gov-west-1", "aws-us-gov", "abc"},
		{"us-gov-east-1", "aws-us-gov", "abc"},
	} {
		reg := Region{Name: r.name, Partition: r.partition, DNSSuffix: "amazonaws.com"}
		if r.partition == "aws-cn" {
			reg.DNSSuffix = "amazonaws.com.cn"
		}
		for _, l := range r.azLetters {
			reg.Azs = append(reg.Azs, r.name+string(l))
		}
		regions[r.name] = reg
	}
}

// LookupRegion returns the region table's row for name.
func LookupRegion(name string) (Region, bool) {
	r, ok := regions[name]
	return r, ok
}

// RegionNames lists the regions privnet knows, sorted.
func RegionNames() []string {
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
// region's partition, for example logs.us-east-1.amazonaws.com.
func (r Region) ServicePrincipal(service string, regional bool) string {
	if regional {
		return service + "." + r.Name + "." + r.DNSSuffix
	}
	return service + "." + r.DNSSuffix
}

// Arn builds an ARN in this region's partition. Pass "" as region for global
// services (IAM).
func (r Region) Arn(service, region, account, resource string) string {
	return strings.Join([]string{"arn", r.Partition, service, region, account, resource}, ":")
}
