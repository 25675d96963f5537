// Command lookup looks up existing AWS networks with the AWS SDK for Go v2
// and records them in privnet.context.json, which synth reads instead of
// calling AWS:
//
//	go run github.com/privnet/privnet/cmd/lookup -region us-east-1 -vpc vpc-0abc… -service com.amazonaws.us-east-1.ssm,com.amazonaws.us-east-1.s3
//
// It records, for the region: the account (sts:GetCallerIdentity) and its
// availability zones by name and ID; for each -vpc: its CIDRs, DNS
// attributes, DHCP name servers, subnets, route tables, network ACLs and
// existing VPC endpoints; for each -service: what DescribeVpcEndpointServices
// says of it (types, zones, private DNS names). It reads with the user's
// normal credential chain (-profile picks a shared profile) and needs
// read-only access: ec2:Describe* and nothing else.
//
// The record is merged: the looked-up VPCs and services of the region, and
// the region's account and zones, are replaced; other regions, VPCs and
// services are kept. A region is one account: a lookup as another account
// is refused unless -replace-account is given.
//
// Exit status: 0 written (or unchanged), 1 an error, 2 a usage error.
package main

import (
	"context"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
