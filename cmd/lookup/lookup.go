package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"

	"github.com/privnet/privnet/record"
)

const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// endpointEnv sets -endpoint-url when the flag is not given.
const endpointEnv = "PRIVNET_LOOKUP_ENDPOINT_URL"

// defaultMaxAttempts is the SDK standard retryer's attempts per call
// (the SDK's own default is 3) unless the user's configuration sets
// max_attempts / AWS_MAX_ATTEMPTS: a lookup of many VPCs makes many
// Describe calls, and EC2 throttles per account.
const defaultMaxAttempts = 5

// retryMaxBackoff, when not zero, caps the retryer's backoff between
// attempts. Tests set it so that throttling tests take milliseconds; the
// command keeps the SDK's backoff.
var retryMaxBackoff time.Duration

// filterChunk bounds the values of one EC2 filter (EC2 accepts up to 200).
const filterChunk = 100

var (
	regionName  = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$`)
	serviceName = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{2,200}$`)
)

type options struct {
	file           string
	region         string
	vpcs           []string
	services       []string
	profile        string
	endpointURL    string
	replaceAccount bool
}

// listFlag is a comma-separated list that may also be given more than once.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(s string) error {
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*l = append(*l, p)
		}
	}
	return nil
}

// run is the command: it returns the exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	opts, code, ok := parseArgs(args, stderr)
	if !ok {
		return code
	}
	if err := lookup(ctx, opts, stdout, stderr); err != nil {
		fmt.Fprintln(stderr, "lookup: "+oneLine(err.Error()))
		return exitError
	}
	return exitOK
}

func parseArgs(args []string, stderr io.Writer) (options, int, bool) {
	var o options
	var vpcs, services listFlag
	fl := flag.NewFlagSet("lookup", flag.ContinueOnError)
	// The flag package's errors are printed as one line, below; -h
	// prints the usage.
	fl.SetOutput(io.Discard)
	fl.Usage = func() {}
	usageText := func() {
		fl.SetOutput(stderr)
		fmt.Fprintln(stderr, "usage: go run github.com/privnet/privnet/cmd/lookup [-file "+record.DefaultFile+"] -region REGION [-vpc vpc-…,vpc-…] [-service com.amazonaws.REGION.ssm,…] [-profile NAME] [-endpoint-url URL] [-replace-account]")
		fl.PrintDefaults()
	}
	fl.StringVar(&o.file, "file", record.DefaultFile, "the record to write (merged into when it exists)")
	fl.StringVar(&o.region, "region", "", "the region to look up (required)")
	fl.Var(&vpcs, "vpc", "VPC IDs to record, comma-separated")
	fl.Var(&services, "service", "endpoint service names to record, comma-separated (com.amazonaws.us-east-1.ssm, com.amazonaws.vpce.us-east-1.vpce-svc-…)")
	fl.StringVar(&o.profile, "profile", "", "the shared config profile to use (default: the normal credential chain, AWS_PROFILE)")
	fl.StringVar(&o.endpointURL, "endpoint-url", os.Getenv(endpointEnv), "the EC2 and STS endpoint URL (default: AWS's; env "+endpointEnv+")")
	fl.BoolVar(&o.replaceAccount, "replace-account", false, "when the record has the region from another account, drop that region's record and look it up as this account")
	usage := func(format string, a ...any) (options, int, bool) {
		fmt.Fprintf(stderr, "lookup: "+format+" (go run github.com/privnet/privnet/cmd/lookup -h for help)\n", a...)
		return o, exitUsage, false
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usageText()
			return o, exitOK, false
		}
		return usage("%v", err)
	}
	if fl.NArg() > 0 {
		return usage("unexpected argument %s: flags only", strconv.Quote(fl.Arg(0)))
	}
	if o.region == "" {
		return usage("-region is required, e.g. -region us-east-1")
	}
	if !regionName.MatchString(o.region) {
		return usage("-region %s is not a region name such as us-east-1", strconv.Quote(o.region))
	}
	if o.file == "" {
		return usage("-file is empty")
	}
	for _, v := range vpcs {
		if !record.IsID("vpc", v) {
			return usage("-vpc %s is not a VPC ID (vpc- and 8 to 17 hex digits)", strconv.Quote(v))
		}
	}
	for _, s := range services {
		if !serviceName.MatchString(s) {
			return usage("-service %s is not an endpoint service name such as com.amazonaws.%s.ssm", strconv.Quote(s), o.region)
		}
	}
	if o.endpointURL != "" && !strings.HasPrefix(o.endpointURL, "https://") && !strings.HasPrefix(o.endpointURL, "http://") {
		return usage("-endpoint-url %s is not an http(s) URL", strconv.Quote(o.endpointURL))
	}
	o.vpcs = record.SortedSet(vpcs)
	o.services = record.SortedSet(services)
	return o, exitOK, true
}

// lookup looks up what o names and merges it into o.file.
func lookup(ctx context.Context, o options, stdout, stderr io.Writer) error {
	if err := checkTarget(o.file); err != nil {
		return err
	}
	if err := checkDir(o.file); err != nil {
		return err
	}
	file, err := record.Load(o.file)
	switch {
	case errors.Is(err, record.ErrNotExist):
		file = &record.File{Format: record.Format}
	case err != nil:
		return fmt.Errorf("%v (the existing record is kept: fix or remove it, then run the lookup again)", err)
	}
	if file.Regions == nil {
		file.Regions = map[string]*record.Region{}
	}

	l, err := newLooker(ctx, o)
	if err != nil {
		return err
	}
	account, err := l.account(ctx)
	if err != nil {
		return err
	}
	reg := file.Regions[o.region]
	if reg != nil && reg.Account != account {
		if !o.replaceAccount {
			return fmt.Errorf("%s records %s for account %s, and these credentials are account %s: a record region is one account (AZ names differ between accounts) — use credentials of account %s (-profile), or pass -replace-account to drop the region's record and look it up as account %s",
				o.file, o.region, reg.Account, account, reg.Account, account)
		}
		fmt.Fprintf(stderr, "lookup: -replace-account: dropping %s of account %s (%s, %s) from %s\n", o.region, reg.Account, count(len(reg.Vpcs), "VPC"), count(len(reg.Services), "service"), o.file)
		reg = nil
	}
	if reg == nil {
		reg = &record.Region{}
		file.Regions[o.region] = reg
	}
	reg.Account = account
	if reg.Azs, err = l.zones(ctx); err != nil {
		return err
	}
	vpcs, err := l.vpcs(ctx, o.vpcs, stderr)
	if err != nil {
		return err
	}
	services, err := l.services(ctx, o.services, reg.Azs)
	if err != nil {
		return err
	}
	if len(vpcs) > 0 && reg.Vpcs == nil {
		reg.Vpcs = map[string]*record.Vpc{}
	}
	for _, v := range vpcs {
		reg.Vpcs[v.Id] = v
	}
	if len(services) > 0 && reg.Services == nil {
		reg.Services = map[string]*record.Service{}
	}
	for _, s := range services {
		reg.Services[s.Name] = s
	}

	data, err := file.Marshal()
	if err != nil {
		return err
	}
	if _, err := record.Parse(data); err != nil {
		return fmt.Errorf("what AWS returned is not a record privnet reads, so %s was not written: %v (a limit of the record format: please report it with the VPC's shape)", o.file, err)
	}
	summary := fmt.Sprintf("%s: %s of account %s: %s, %s, %s", o.file, o.region, account,
		count(len(reg.Azs), "zone"), count(len(vpcs), "VPC"), count(len(services), "service"))
	if old, err := os.ReadFile(o.file); err == nil && bytes.Equal(old, data) {
		fmt.Fprintln(stdout, summary+" (unchanged)")
		return nil
	}
	if err := writeAtomic(o.file, data); err != nil {
		return err
	}
	fmt.Fprintln(stdout, summary+" (written)")
	return nil
}

// checkTarget refuses a record path that is a symlink or not a regular
// file: the record is written by rename, which would replace the link
// rather than write through it.
func checkTarget(path string) error {
	st, err := os.Lstat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if st.Mode()&os.ModeSymlink != 0 {
		target, _ := os.Readlink(path)
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(path), target)
		}
		return fmt.Errorf("%s is a symlink (to %s): the lookup does not write through links — pass the real file with -file %s", path, strconv.Quote(target), record.ShellQuote(target))
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file; the record is a JSON file: pass another -file", path)
	}
	return nil
}

// checkDir makes sure the record's directory can take it before any AWS
// call: a lookup that cannot be written is time lost.
func checkDir(path string) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write the record beside %s (%v): create the directory, make it writable, or pass another -file", path, err)
	}
	f.Close()
	os.Remove(f.Name())
	return nil
}

// writeAtomic writes data to a temporary file beside path and renames it
// over path, so that a reader sees the old record or the new one.
func writeAtomic(path string, data []byte) (err error) {
	if err := checkTarget(path); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("writing %s: %v", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			err = fmt.Errorf("writing %s: %v", path, err)
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	// A new record is readable by all, as source files are; an existing
	// one keeps its mode.
	mode := os.FileMode(0o644)
	if st, serr := os.Stat(path); serr == nil {
		mode = st.Mode().Perm()
	}
	if err = tmp.Chmod(mode); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// looker makes the AWS calls of one lookup.
type looker struct {
	region string
	ec2    *ec2.Client
	sts    *sts.Client
}

func newLooker(ctx context.Context, o options) (*looker, error) {
	loadOpts := []func(*config.LoadOptions) error{config.WithRegion(o.region)}
	if o.profile != "" {
		loadOpts = append(loadOpts, config.WithSharedConfigProfile(o.profile))
	}
	cfg, err := config.LoadDefaultConfig(ctx, loadOpts...)
	if err != nil {
		var notExist config.SharedConfigProfileNotExistError
		if errors.As(err, &notExist) {
			return nil, fmt.Errorf("profile %s is not in the shared config files (~/.aws/config, ~/.aws/credentials): check -profile or AWS_PROFILE", strconv.Quote(notExist.Profile))
		}
		return nil, fmt.Errorf("loading the AWS configuration: %v — check -profile, AWS_PROFILE and ~/.aws/config", err)
	}
	// The credentials first: a chain that finds none says so only as
	// the error of the first call.
	if cfg.Credentials == nil {
		return nil, errors.New(noCredentials + " (none configured)")
	}
	if _, err := cfg.Credentials.Retrieve(ctx); err != nil {
		return nil, fmt.Errorf("%s (%v)", noCredentials, err)
	}
	retryer := func(r aws.Retryer) aws.Retryer {
		if retryMaxBackoff > 0 {
			r = retry.AddWithMaxBackoffDelay(r, retryMaxBackoff)
		}
		return r
	}
	l := &looker{region: o.region}
	l.ec2 = ec2.NewFromConfig(cfg, func(opt *ec2.Options) {
		if o.endpointURL != "" {
			opt.BaseEndpoint = aws.String(o.endpointURL)
		}
		if opt.RetryMaxAttempts == 0 {
			opt.RetryMaxAttempts = defaultMaxAttempts
		}
		opt.Retryer = retryer(opt.Retryer)
	})
	l.sts = sts.NewFromConfig(cfg, func(opt *sts.Options) {
		if o.endpointURL != "" {
			opt.BaseEndpoint = aws.String(o.endpointURL)
		}
		if opt.RetryMaxAttempts == 0 {
			opt.RetryMaxAttempts = defaultMaxAttempts
		}
		opt.Retryer = retryer(opt.Retryer)
	})
	return l, nil
}

func (l *looker) account(ctx context.Context) (string, error) {
	out, err := l.sts.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		return "", apiError("sts:GetCallerIdentity", err)
	}
	return aws.ToString(out.Account), nil
}

// zones are the region's availability zones that the account has (not
// Local or Wavelength Zones), in every state.
func (l *looker) zones(ctx context.Context) ([]record.Az, error) {
	out, err := l.ec2.DescribeAvailabilityZones(ctx, &ec2.DescribeAvailabilityZonesInput{
		Filters: []types.Filter{{Name: aws.String("zone-type"), Values: []string{"availability-zone"}}},
	})
	if err != nil {
		return nil, apiError("ec2:DescribeAvailabilityZones", err)
	}
	var azs []record.Az
	for _, z := range out.AvailabilityZones {
		if aws.ToString(z.ZoneType) != "availability-zone" {
			continue
		}
		if s := z.OptInStatus; s != "" && s != types.AvailabilityZoneOptInStatusOptInNotRequired && s != types.AvailabilityZoneOptInStatusOptedIn {
			continue
		}
		if r := aws.ToString(z.RegionName); r != "" && r != l.region {
			continue
		}
		azs = append(azs, record.Az{Name: aws.ToString(z.ZoneName), Id: aws.ToString(z.ZoneId)})
	}
	if len(azs) == 0 {
		return nil, fmt.Errorf("ec2:DescribeAvailabilityZones gave no availability zone in %s — check -region (and that the region is enabled for the account)", l.region)
	}
	sort.Slice(azs, func(i, j int) bool { return azs[i].Name < azs[j].Name })
	return azs, nil
}

// vpcs looks up the VPCs ids with what the record holds of each.
func (l *looker) vpcs(ctx context.Context, ids []string, stderr io.Writer) ([]*record.Vpc, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	byID := map[string]*record.Vpc{}
	dopts := map[string][]*record.Vpc{}
	p := ec2.NewDescribeVpcsPaginator(l.ec2, &ec2.DescribeVpcsInput{VpcIds: ids})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			if code := errorCode(err); code == "InvalidVpcID.NotFound" || code == "InvalidVpcID.Malformed" {
				return nil, fmt.Errorf("ec2:DescribeVpcs: %s: %s — no such VPC in %s for these credentials: check -vpc, -region and -profile", code, apiMessage(err), l.region)
			}
			return nil, apiError("ec2:DescribeVpcs", err)
		}
		for _, v := range page.Vpcs {
			id := aws.ToString(v.VpcId)
			rv := &record.Vpc{
				Id:            id,
				OwnerId:       aws.ToString(v.OwnerId),
				Name:          tagValue(v.Tags, "Name"),
				DhcpOptionsId: aws.ToString(v.DhcpOptionsId),
				Subnets:       []record.Subnet{},
				RouteTables:   []record.RouteTable{},
				NetworkAcls:   []record.NetworkAcl{},
			}
			if c := aws.ToString(v.CidrBlock); c != "" {
				rv.Cidrs = append(rv.Cidrs, c)
			}
			for _, a := range v.CidrBlockAssociationSet {
				c := aws.ToString(a.CidrBlock)
				if a.CidrBlockState != nil && a.CidrBlockState.State != types.VpcCidrBlockStateCodeAssociated || c == "" || slices.Contains(rv.Cidrs, c) {
					continue
				}
				rv.Cidrs = append(rv.Cidrs, c)
			}
			for _, a := range v.Ipv6CidrBlockAssociationSet {
				c := aws.ToString(a.Ipv6CidrBlock)
				if a.Ipv6CidrBlockState != nil && a.Ipv6CidrBlockState.State != types.VpcCidrBlockStateCodeAssociated || c == "" || slices.Contains(rv.Ipv6Cidrs, c) {
					continue
				}
				rv.Ipv6Cidrs = append(rv.Ipv6Cidrs, c)
			}
			byID[id] = rv
			if d := rv.DhcpOptionsId; d != "" && d != "default" {
				dopts[d] = append(dopts[d], rv)
			}
		}
	}
	var missing []string
	for _, id := range ids {
		if byID[id] == nil {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("ec2:DescribeVpcs: %s not found in %s for these credentials — check -vpc, -region and -profile", strings.Join(missing, ", "), l.region)
	}

	for _, id := range ids {
		v := byID[id]
		for _, attr := range []types.VpcAttributeName{types.VpcAttributeNameEnableDnsSupport, types.VpcAttributeNameEnableDnsHostnames} {
			out, err := l.ec2.DescribeVpcAttribute(ctx, &ec2.DescribeVpcAttributeInput{VpcId: aws.String(id), Attribute: attr})
			if err != nil {
				return nil, apiError("ec2:DescribeVpcAttribute ("+string(attr)+" of "+id+")", err)
			}
			switch attr {
			case types.VpcAttributeNameEnableDnsSupport:
				v.DnsSupport = out.EnableDnsSupport != nil && aws.ToBool(out.EnableDnsSupport.Value)
			case types.VpcAttributeNameEnableDnsHostnames:
				v.DnsHostnames = out.EnableDnsHostnames != nil && aws.ToBool(out.EnableDnsHostnames.Value)
			}
		}
	}

	if err := l.dhcpOptions(ctx, dopts); err != nil {
		return nil, err
	}
	tables, err := l.routeTables(ctx, ids, byID)
	if err != nil {
		return nil, err
	}
	acls, err := l.networkAcls(ctx, ids, byID)
	if err != nil {
		return nil, err
	}
	if err := l.subnets(ctx, ids, byID, tables, acls); err != nil {
		return nil, err
	}
	if err := l.endpoints(ctx, ids, byID, stderr); err != nil {
		return nil, err
	}
	out := make([]*record.Vpc, 0, len(ids))
	for _, id := range ids {
		out = append(out, byID[id])
	}
	return out, nil
}

func (l *looker) dhcpOptions(ctx context.Context, dopts map[string][]*record.Vpc) error {
	if len(dopts) == 0 {
		return nil
	}
	ids := make([]string, 0, len(dopts))
	for id := range dopts {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	seen := map[string]bool{}
	p := ec2.NewDescribeDhcpOptionsPaginator(l.ec2, &ec2.DescribeDhcpOptionsInput{DhcpOptionsIds: ids})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return apiError("ec2:DescribeDhcpOptions", err)
		}
		for _, d := range page.DhcpOptions {
			id := aws.ToString(d.DhcpOptionsId)
			seen[id] = true
			var servers []string
			for _, c := range d.DhcpConfigurations {
				if aws.ToString(c.Key) != "domain-name-servers" {
					continue
				}
				for _, v := range c.Values {
					if s := aws.ToString(v.Value); s != "" {
						servers = append(servers, s)
					}
				}
			}
			for _, v := range dopts[id] {
				v.DnsServers = append([]string(nil), servers...)
			}
		}
	}
	for _, id := range ids {
		if !seen[id] {
			return fmt.Errorf("ec2:DescribeDhcpOptions did not return %s, the DHCP option set of %s — run the lookup again", id, dopts[id][0].Id)
		}
	}
	return nil
}

// vpcFilter is the filters of one chunk of VPC IDs.
func vpcFilter(ids []string) []types.Filter {
	return []types.Filter{{Name: aws.String("vpc-id"), Values: ids}}
}

// tableInfo is what subnets need of a VPC's route tables.
type tableInfo struct {
	main     string
	explicit map[string]string // subnet → table
}

func (l *looker) routeTables(ctx context.Context, ids []string, byID map[string]*record.Vpc) (map[string]*tableInfo, error) {
	info := map[string]*tableInfo{}
	for _, id := range ids {
		info[id] = &tableInfo{explicit: map[string]string{}}
	}
	for _, chunk := range chunks(ids, filterChunk) {
		p := ec2.NewDescribeRouteTablesPaginator(l.ec2, &ec2.DescribeRouteTablesInput{Filters: vpcFilter(chunk)})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return nil, apiError("ec2:DescribeRouteTables", err)
			}
			for _, t := range page.RouteTables {
				vpcID := aws.ToString(t.VpcId)
				v, ti := byID[vpcID], info[vpcID]
				if v == nil {
					continue
				}
				rt := record.RouteTable{Id: aws.ToString(t.RouteTableId), Routes: []record.Route{}}
				for _, a := range t.Associations {
					if a.AssociationState != nil && a.AssociationState.State != types.RouteTableAssociationStateCodeAssociated {
						continue
					}
					if aws.ToBool(a.Main) {
						rt.Main = true
						ti.main = rt.Id
					}
					if s := aws.ToString(a.SubnetId); s != "" {
						ti.explicit[s] = rt.Id
					}
				}
				for _, r := range t.Routes {
					route, err := recordRoute(r)
					if err != nil {
						return nil, fmt.Errorf("ec2:DescribeRouteTables: %s of %s: %v", rt.Id, vpcID, err)
					}
					rt.Routes = append(rt.Routes, route)
				}
				v.RouteTables = append(v.RouteTables, rt)
			}
		}
	}
	for _, id := range ids {
		if info[id].main == "" {
			return nil, fmt.Errorf("ec2:DescribeRouteTables gave no main route table for %s — check that the credentials may describe every route table of the VPC", id)
		}
		byID[id].MainRouteTable = info[id].main
	}
	return info, nil
}

// recordRoute is a route as the record has it.
func recordRoute(r types.Route) (record.Route, error) {
	var out record.Route
	switch {
	case r.DestinationCidrBlock != nil:
		out.Destination = aws.ToString(r.DestinationCidrBlock)
	case r.DestinationIpv6CidrBlock != nil:
		out.Destination = aws.ToString(r.DestinationIpv6CidrBlock)
	case r.DestinationPrefixListId != nil:
		out.Destination = aws.ToString(r.DestinationPrefixListId)
	default:
		return out, errors.New("a route with no destination")
	}
	// GatewayId holds local, igw-, vgw- and the vpce- of gateway
	// endpoints; an instance route has the instance's ENI as well.
	for _, t := range []*string{r.GatewayId, r.NatGatewayId, r.TransitGatewayId, r.VpcPeeringConnectionId,
		r.EgressOnlyInternetGatewayId, r.LocalGatewayId, r.CarrierGatewayId, r.NetworkInterfaceId} {
		if s := aws.ToString(t); s != "" {
			out.Target = s
			break
		}
	}
	if out.Target == "" {
		other := aws.ToString(r.CoreNetworkArn)
		if other == "" {
			other = aws.ToString(r.OdbNetworkArn)
		}
		if other != "" && record.ValidTarget(other) {
			// Cloud WAN and ODB network routes: recorded by ARN, and
			// a path through them is unknown to privnet.
			out.Target = other
			out.Blackhole = r.State == types.RouteStateBlackhole
			return out, nil
		}
		if other == "" {
			other = aws.ToString(r.InstanceId)
		}
		return out, fmt.Errorf("the route to %s goes to %s, a target the record cannot hold yet (it holds gateway, NAT, transit gateway, peering, ENI and endpoint targets)", out.Destination, strconv.Quote(other))
	}
	out.Blackhole = r.State == types.RouteStateBlackhole
	return out, nil
}

// aclInfo maps subnets to their network ACL, per VPC.
type aclInfo struct {
	def    string
	subnet map[string]string
}

func (l *looker) networkAcls(ctx context.Context, ids []string, byID map[string]*record.Vpc) (map[string]*aclInfo, error) {
	info := map[string]*aclInfo{}
	for _, id := range ids {
		info[id] = &aclInfo{subnet: map[string]string{}}
	}
	for _, chunk := range chunks(ids, filterChunk) {
		p := ec2.NewDescribeNetworkAclsPaginator(l.ec2, &ec2.DescribeNetworkAclsInput{Filters: vpcFilter(chunk)})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return nil, apiError("ec2:DescribeNetworkAcls", err)
			}
			for _, a := range page.NetworkAcls {
				vpcID := aws.ToString(a.VpcId)
				v, ai := byID[vpcID], info[vpcID]
				if v == nil {
					continue
				}
				acl := record.NetworkAcl{Id: aws.ToString(a.NetworkAclId), Default: aws.ToBool(a.IsDefault), Entries: []record.AclEntry{}}
				if acl.Default {
					ai.def = acl.Id
				}
				for _, as := range a.Associations {
					if s := aws.ToString(as.SubnetId); s != "" {
						ai.subnet[s] = acl.Id
					}
				}
				for _, e := range a.Entries {
					entry := record.AclEntry{
						Number:   int(aws.ToInt32(e.RuleNumber)),
						Egress:   aws.ToBool(e.Egress),
						Allow:    e.RuleAction == types.RuleActionAllow,
						Protocol: aws.ToString(e.Protocol),
						Cidr:     aws.ToString(e.CidrBlock),
					}
					if entry.Cidr == "" {
						entry.Cidr = aws.ToString(e.Ipv6CidrBlock)
					}
					if e.PortRange != nil && (entry.Protocol == "6" || entry.Protocol == "17") {
						entry.FromPort = int(aws.ToInt32(e.PortRange.From))
						entry.ToPort = int(aws.ToInt32(e.PortRange.To))
					}
					acl.Entries = append(acl.Entries, entry)
				}
				v.NetworkAcls = append(v.NetworkAcls, acl)
			}
		}
	}
	return info, nil
}

func (l *looker) subnets(ctx context.Context, ids []string, byID map[string]*record.Vpc, tables map[string]*tableInfo, acls map[string]*aclInfo) error {
	for _, chunk := range chunks(ids, filterChunk) {
		p := ec2.NewDescribeSubnetsPaginator(l.ec2, &ec2.DescribeSubnetsInput{Filters: vpcFilter(chunk)})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return apiError("ec2:DescribeSubnets", err)
			}
			for _, s := range page.Subnets {
				vpcID := aws.ToString(s.VpcId)
				v := byID[vpcID]
				if v == nil {
					continue
				}
				rs := record.Subnet{
					Id:   aws.ToString(s.SubnetId),
					Name: tagValue(s.Tags, "Name"),
					Az:   aws.ToString(s.AvailabilityZone),
					AzId: aws.ToString(s.AvailabilityZoneId),
					Cidr: aws.ToString(s.CidrBlock),
				}
				for _, a := range s.Ipv6CidrBlockAssociationSet {
					c := aws.ToString(a.Ipv6CidrBlock)
					if a.Ipv6CidrBlockState != nil && a.Ipv6CidrBlockState.State != types.SubnetCidrBlockStateCodeAssociated || c == "" {
						continue
					}
					rs.Ipv6Cidrs = append(rs.Ipv6Cidrs, c)
				}
				if len(rs.Ipv6Cidrs) > 0 {
					// DNS64 decides what its IPv4-only names answer.
					rs.Dns64 = aws.Bool(aws.ToBool(s.EnableDns64))
				}
				if t := tables[vpcID].explicit[rs.Id]; t != "" {
					rs.RouteTable = t
				} else {
					rs.RouteTable, rs.Implicit = tables[vpcID].main, true
				}
				rs.NetworkAcl = acls[vpcID].subnet[rs.Id]
				if rs.NetworkAcl == "" {
					rs.NetworkAcl = acls[vpcID].def
				}
				for _, t := range s.Tags {
					if k := aws.ToString(t.Key); k != "Name" {
						if rs.Tags == nil {
							rs.Tags = map[string]string{}
						}
						rs.Tags[k] = aws.ToString(t.Value)
					}
				}
				v.Subnets = append(v.Subnets, rs)
			}
		}
	}
	return nil
}

func (l *looker) endpoints(ctx context.Context, ids []string, byID map[string]*record.Vpc, stderr io.Writer) error {
	for _, chunk := range chunks(ids, filterChunk) {
		p := ec2.NewDescribeVpcEndpointsPaginator(l.ec2, &ec2.DescribeVpcEndpointsInput{Filters: vpcFilter(chunk)})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return apiError("ec2:DescribeVpcEndpoints", err)
			}
			for _, e := range page.VpcEndpoints {
				v := byID[aws.ToString(e.VpcId)]
				if v == nil {
					continue
				}
				state := string(e.State)
				if strings.EqualFold(state, "deleted") {
					continue
				}
				re := record.Endpoint{
					Id:          aws.ToString(e.VpcEndpointId),
					ServiceName: aws.ToString(e.ServiceName),
					Type:        string(e.VpcEndpointType),
					State:       state,
					PrivateDns:  aws.ToBool(e.PrivateDnsEnabled),
					Subnets:     e.SubnetIds,
					RouteTables: e.RouteTableIds,
					// Which records its names have, for IPv6 clients.
					IpAddressType: string(e.IpAddressType),
				}
				if e.DnsOptions != nil {
					re.DnsRecordIpType = string(e.DnsOptions.DnsRecordIpType)
				}
				if re.ServiceName == "" {
					// Resource and service-network endpoints name no
					// service, and the record's endpoints need one.
					fmt.Fprintf(stderr, "lookup: note: %s endpoint %s of %s names no service and is not recorded\n", re.Type, re.Id, v.Id)
					continue
				}
				for _, g := range e.Groups {
					if id := aws.ToString(g.GroupId); id != "" {
						re.SecurityGroups = append(re.SecurityGroups, id)
					}
				}
				v.Endpoints = append(v.Endpoints, re)
			}
		}
	}
	return nil
}

// services looks up endpoint services by name. A name of another region
// (com.amazonaws.us-west-2.s3 looked up from us-east-1) is asked for
// with ServiceRegions: cross-region PrivateLink.
func (l *looker) services(ctx context.Context, names []string, azs []record.Az) ([]*record.Service, error) {
	if len(names) == 0 {
		return nil, nil
	}
	byRegion := map[string][]string{}
	for _, n := range names {
		r := nameRegion(n)
		if r == "" {
			r = l.region
		}
		byRegion[r] = append(byRegion[r], n)
	}
	regions := make([]string, 0, len(byRegion))
	for r := range byRegion {
		regions = append(regions, r)
	}
	sort.Strings(regions)
	got := map[string]*record.Service{}
	for _, r := range regions {
		details, err := l.describeServices(ctx, byRegion[r], r)
		if code := errorCode(err); code == "InvalidServiceName" && len(byRegion[r]) > 1 {
			// Name every service that does not exist, not just the
			// first one AWS names.
			var missing []string
			for _, n := range byRegion[r] {
				if _, err := l.describeServices(ctx, []string{n}, r); errorCode(err) == "InvalidServiceName" {
					missing = append(missing, n)
				} else if err != nil {
					return nil, serviceError(err)
				}
			}
			if len(missing) > 0 {
				return nil, missingServices(missing, r, l.region, apiMessage(err))
			}
			details, err = l.describeServices(ctx, byRegion[r], r)
		}
		if err != nil {
			if errorCode(err) == "InvalidServiceName" {
				return nil, missingServices(byRegion[r], r, l.region, apiMessage(err))
			}
			return nil, serviceError(err)
		}
		for _, d := range details {
			n := aws.ToString(d.ServiceName)
			if !slices.Contains(byRegion[r], n) {
				continue
			}
			got[n] = mergeService(got[n], l.recordService(d, azs))
		}
	}
	var missing []string
	out := make([]*record.Service, 0, len(names))
	for _, n := range names {
		if got[n] == nil {
			missing = append(missing, n)
			continue
		}
		out = append(out, got[n])
	}
	if len(missing) > 0 {
		return nil, missingServices(missing, "", l.region, "not in the answer")
	}
	return out, nil
}

func serviceError(err error) error {
	return apiError("ec2:DescribeVpcEndpointServices", err)
}

func missingServices(names []string, serviceRegion, region, msg string) error {
	where := region
	if serviceRegion != "" && serviceRegion != region {
		where = serviceRegion + " (cross-region from " + region + ": the account needs cross-region PrivateLink for it)"
	}
	return fmt.Errorf("ec2:DescribeVpcEndpointServices: InvalidServiceName: %s does not exist in %s (%s) — check -service and -region; -service takes full names, e.g. com.amazonaws.%s.ssm",
		strings.Join(names, ", "), where, msg, region)
}

// describeServices is DescribeVpcEndpointServices of names, all pages.
func (l *looker) describeServices(ctx context.Context, names []string, serviceRegion string) ([]types.ServiceDetail, error) {
	in := &ec2.DescribeVpcEndpointServicesInput{ServiceNames: names}
	if serviceRegion != l.region {
		in.ServiceRegions = []string{serviceRegion}
	}
	var out []types.ServiceDetail
	seen := map[string]bool{}
	for {
		page, err := l.ec2.DescribeVpcEndpointServices(ctx, in)
		if err != nil {
			return nil, err
		}
		out = append(out, page.ServiceDetails...)
		next := aws.ToString(page.NextToken)
		if next == "" || seen[next] {
			return out, nil
		}
		seen[next] = true
		in.NextToken = aws.String(next)
	}
}

func (l *looker) recordService(d types.ServiceDetail, azs []record.Az) *record.Service {
	s := &record.Service{Name: aws.ToString(d.ServiceName), Azs: []string{}}
	local := map[string]bool{}
	for _, az := range azs {
		local[az.Name], local[az.Id] = true, true
	}
	if r := aws.ToString(d.ServiceRegion); r != "" && r != l.region {
		s.Region = r
	}
	for _, t := range d.ServiceType {
		s.Type = appendNew(s.Type, string(t.ServiceType))
	}
	for _, az := range d.AvailabilityZones {
		// A cross-region service may name its own region's zones: those
		// are known by ID (RemoteAzIds).
		if local[az] || strings.HasPrefix(az, l.region) {
			s.Azs = appendNew(s.Azs, az)
		}
	}
	for _, id := range d.AvailabilityZoneIds {
		if local[id] || s.Region == "" {
			s.AzIds = appendNew(s.AzIds, id)
		} else {
			s.RemoteAzIds = appendNew(s.RemoteAzIds, id)
		}
	}
	s.PrivateDnsNames = appendNew(s.PrivateDnsNames, aws.ToString(d.PrivateDnsName))
	for _, p := range d.PrivateDnsNames {
		s.PrivateDnsNames = appendNew(s.PrivateDnsNames, aws.ToString(p.PrivateDnsName))
	}
	for _, t := range d.SupportedIpAddressTypes {
		s.IpAddressTypes = appendNew(s.IpAddressTypes, string(t))
	}
	s.AcceptanceRequired = aws.ToBool(d.AcceptanceRequired)
	s.Owner = aws.ToString(d.Owner)
	return s
}

// mergeService merges two details of one name: AWS gives S3 and DynamoDB
// as one Gateway and one Interface detail. The zones are the Interface
// detail's: only interface endpoints are placed in subnets (a gateway
// endpoint serves the route tables of the whole VPC), and the Gateway
// detail may list zones where no interface endpoint can go.
func mergeService(a, b *record.Service) *record.Service {
	if a == nil {
		return b
	}
	switch {
	case slices.Contains(b.Type, "Interface") && !slices.Contains(a.Type, "Interface"):
		a.Azs, a.AzIds, a.RemoteAzIds = b.Azs, b.AzIds, b.RemoteAzIds
	case slices.Contains(a.Type, "Interface") && !slices.Contains(b.Type, "Interface"):
	default:
		for _, v := range b.Azs {
			a.Azs = appendNew(a.Azs, v)
		}
		for _, v := range b.AzIds {
			a.AzIds = appendNew(a.AzIds, v)
		}
		for _, v := range b.RemoteAzIds {
			a.RemoteAzIds = appendNew(a.RemoteAzIds, v)
		}
	}
	for _, v := range b.Type {
		a.Type = appendNew(a.Type, v)
	}
	for _, v := range b.PrivateDnsNames {
		a.PrivateDnsNames = appendNew(a.PrivateDnsNames, v)
	}
	for _, v := range b.IpAddressTypes {
		a.IpAddressTypes = appendNew(a.IpAddressTypes, v)
	}
	a.AcceptanceRequired = a.AcceptanceRequired || b.AcceptanceRequired
	if a.Owner == "" {
		a.Owner = b.Owner
	}
	if a.Region == "" {
		a.Region = b.Region
	}
	return a
}

// nameRegion is the region a service name names (com.amazonaws.REGION.x,
// com.amazonaws.vpce.REGION.vpce-svc-…), "" when it names none.
func nameRegion(name string) string {
	for _, part := range strings.Split(name, ".") {
		if regionName.MatchString(part) {
			return part
		}
	}
	return ""
}

const noCredentials = "no usable AWS credentials: sign in (aws sso login, -profile NAME or AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) and run the lookup again"

// apiError is a failed call as one line: the call, AWS's code and
// message, and what to do about it.
func apiError(op string, err error) error {
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("%s: interrupted", op)
	}
	var se *v4.SigningError
	if errors.As(err, &se) {
		return fmt.Errorf("%s: %s (%v)", op, noCredentials, se.Err)
	}
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		return fmt.Errorf("%s: %v — check the network, -region and -endpoint-url", op, err)
	}
	code := ae.ErrorCode()
	msg := fmt.Sprintf("%s: %s: %s", op, code, ae.ErrorMessage())
	switch code {
	case "UnauthorizedOperation", "AccessDenied", "AccessDeniedException", "UnauthorizedAccess", "Blocked":
		if strings.HasPrefix(op, "sts:") {
			return errors.New(msg + " — sts:GetCallerIdentity needs no permission, so a policy denies it explicitly: use other credentials (-profile)")
		}
		return errors.New(msg + " — the credentials need ec2:Describe* (read only), e.g. the AWS managed policy AmazonEC2ReadOnlyAccess")
	case "AuthFailure", "InvalidClientTokenId", "SignatureDoesNotMatch", "UnrecognizedClientException", "IncompleteSignature", "InvalidAccessKeyId":
		return errors.New(msg + " — the credentials are not valid here: check -profile / AWS_PROFILE, and that the region is enabled for the account")
	case "ExpiredToken", "ExpiredTokenException", "RequestExpired", "TokenRefreshRequired":
		return errors.New(msg + " — the credentials have expired: sign in again (aws sso login) and run the lookup again")
	case "OptInRequired", "InvalidRegion":
		return errors.New(msg + " — the region is not enabled for the account: enable it, or check -region")
	case "RequestLimitExceeded", "Throttling", "ThrottlingException", "EC2ThrottledException", "RequestThrottled":
		return errors.New(msg + " — AWS kept throttling through the SDK's retries: run the lookup again later, or raise AWS_MAX_ATTEMPTS")
	}
	return errors.New(msg)
}

func errorCode(err error) string {
	var ae smithy.APIError
	if err != nil && errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

func apiMessage(err error) string {
	var ae smithy.APIError
	if err != nil && errors.As(err, &ae) {
		return ae.ErrorMessage()
	}
	if err != nil {
		return err.Error()
	}
	return ""
}

// oneLine makes an error one printable line: AWS messages are not ours,
// so control characters and terminal escapes are dropped, and the line
// is cut.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		if unicode.IsControl(r) || r == unicode.ReplacementChar {
			return -1
		}
		return r
	}, s)
	if r := []rune(s); len(r) > 1000 {
		s = string(r[:1000]) + "…"
	}
	return s
}

func tagValue(tags []types.Tag, key string) string {
	for _, t := range tags {
		if aws.ToString(t.Key) == key {
			return aws.ToString(t.Value)
		}
	}
	return ""
}

func appendNew(list []string, s string) []string {
	if s == "" || slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

func chunks(ids []string, n int) [][]string {
	var out [][]string
	for len(ids) > n {
		out = append(out, ids[:n])
		ids = ids[n:]
	}
	if len(ids) > 0 {
		out = append(out, ids)
	}
	return out
}

func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}
