package test

import (
	"testing"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/network"
)

// The region table as corrected in 2026-11, each fact with the input that
// went wrong before and what it gives now.
func TestRegionTable(t *testing.T) {
	// cn-north-1 has a, b and d (no c): cn-north-1d was refused.
	j := synthOne(t, "cn-north-1", func(s *core.Stack) {
		network.NewVpc(s, "network", &network.VpcProps{Cidr: "10.0.0.0/16", Azs: []string{"cn-north-1a", "cn-north-1d"}})
	})
	if az := j.resource(t, "aws_subnet", "network_isolated_cn-north-1d")["availability_zone"]; az != "cn-north-1d" {
		t.Errorf("cn-north-1d subnet in %v", az)
	}
	wantIssues(t, vpcIssues(t, "cn-north-1", network.VpcProps{Cidr: "10.0.0.0/16", Azs: []string{"cn-north-1c"}}),
		`PN-VPC-2 t/network: AZ "cn-north-1c" is not an availability zone of the stack's region cn-north-1 (fix: use AZs of cn-north-1: cn-north-1a, cn-north-1b, cn-north-1d)`)

	// Regions launched up to 2026 are known, each in its partition, and
	// the default AZ count takes their first two zones.
	for region, first := range map[string]string{
		"ca-west-1": "ca-west-1a", "mx-central-1": "mx-central-1a", "ap-southeast-5": "ap-southeast-5a",
		"ap-southeast-7": "ap-southeast-7a", "ap-southeast-6": "ap-southeast-6a",
	} {
		r, ok := core.LookupRegion(region)
		if !ok || r.Partition != "aws" || r.DNSSuffix != "amazonaws.com" || len(r.Azs) < 2 || r.Azs[0] != first || !r.OptIn {
			t.Errorf("%s: %+v %v", region, r, ok)
		}
	}
	for region, partition := range map[string]string{"cn-northwest-1": "aws-cn", "us-gov-east-1": "aws-us-gov", "us-gov-west-1": "aws-us-gov"} {
		if r, ok := core.LookupRegion(region); !ok || r.Partition != partition {
			t.Errorf("%s: %+v", region, r)
		}
	}
	// ap-east-2's AZ letters are not in the table: a count cannot be
	// served, listed AZs are taken.
	wantIssues(t, vpcIssues(t, "ap-east-2", network.VpcProps{Cidr: "10.0.0.0/16"}),
		`PN-VPC-2 t/network: AzCount needs ap-east-2's AZ names, which privnet's region table leaves out (they differ between accounts there, or were not confirmed) (fix: list the AZs your account has in Azs (aws ec2 describe-availability-zones))`)
	synthOne(t, "ap-east-2", func(s *core.Stack) {
		network.NewVpc(s, "network", &network.VpcProps{Cidr: "10.0.0.0/16", Azs: []string{"ap-east-2a", "ap-east-2b"}})
	})

	// A region of a partition privnet does not cover was named as a
	// commercial one; it is refused by name.
	for region, partition := range map[string]string{"eusc-de-east-1": "aws-eusc", "us-iso-east-1": "aws-iso", "us-isob-east-1": "aws-iso-b"} {
		// (The stack reports its region when it is made, before a
		// suppression could be: PN-APP-5's suppression is tested elsewhere.)
		wantIssues(t, issuesSuppressing(t, region, func(s *core.Stack) {}, ""),
			"PN-APP-5 t: region "+region+" is in partition "+partition+", which privnet does not cover: its service names, ARNs and DNS suffixes differ from the commercial ones privnet would write (fix: use a region of aws, aws-cn or aws-us-gov)")
	}
}

// A stack in an opt-in region synthesizes, with a notice that the account
// must enable the region first.
func TestOptInRegionNotice(t *testing.T) {
	app := core.NewApp(&core.AppProps{Outdir: t.TempDir()})
	s := core.NewStack(app, "t", core.StackProps{Region: "ca-west-1"})
	network.NewVpc(s, "network", &network.VpcProps{Cidr: "10.0.0.0/16"})
	if err := app.Run(); err != nil {
		t.Fatal(err)
	}
	want := "stack t is in ca-west-1, a region an account must enable before deploying to it (aws account enable-region --region-name ca-west-1)"
	if n := app.Notices(); len(n) != 1 || n[0] != want {
		t.Errorf("notices %q", n)
	}
}
