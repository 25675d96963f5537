package network

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/cloudwatchloggroup"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/kmskey"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/networkfirewallfirewall"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/networkfirewallfirewallpolicy"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/networkfirewallloggingconfiguration"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/networkfirewallrulegroup"

	"github.com/privnet/privnet/constructs/core"
)

// FirewallProps puts an AWS Network Firewall between the VPC's public tier
// and its internet gateway, in both directions, so that a VPC that reaches
// the internet (through NAT) reaches only the domains listed. An isolated
// VPC needs none: nothing leaves it.
type FirewallProps struct {
	// AllowedDomains are the only names HTTPS (by TLS SNI) and HTTP (by
	// Host) traffic to the internet may reach: "example.com" for one name,
	// ".example.com" for it and its subdomains. Everything else, and every
	// other protocol, is dropped and logged. Default: none, so no HTTPS or
	// HTTP request leaves the VPC for the internet (TCP handshakes still
	// pass: the firewall decides on the first data, the ClientHello or the
	// request, and drops the flow there).
	AllowedDomains []string
	// Prefix of the firewall's subnets, one per AZ in a tier of their own
	// ("firewall", carved after the others). Default: 28.
	Prefix int
	// DisableProtection turns off the firewall's delete protection and
	// subnet change protection, both on by default so that no apply opens
	// or cuts the VPC's egress by accident. Destroying the VPC, or changing
	// its AZs, takes two steps: apply with DisableProtection, then destroy
	// (or change the AZs).
	DisableProtection bool
}

// FirewallCapacity is the capacity of the domain rule group. AWS fixes a
// rule group's capacity when it is made ("You can't change or exceed a
// rule group's capacity", Network Firewall Developer Guide, "Setting rule
// group capacity"; CloudFormation: Capacity, update requires replacement,
// checked 2026-11), and a replacement with a fixed name fails while the
// policy still uses the group. So it is one number whatever the domain
// count: a domain list needs about 2 per domain for TLS_SNI and HTTP_HOST
// together, so MaxFirewallDomains fit.
const (
	FirewallCapacity   = 1000
	MaxFirewallDomains = 450
)

// firewallDropRules are Suricata rules, in strict order after the allow
// list, for what leaves the VPC ($HOME_NET is the VPC's CIDR by default):
// ICMP coming back, such as path-MTU "fragmentation needed" errors for a
// flow, is left to the established-flow default. Their SIDs are high to
// stay clear of the rules Network Firewall generates for domain lists.
const (
	firewallDropRules = `drop udp $HOME_NET any -> any any (msg:"privnet: no UDP from the VPC to the internet"; sid:9100001; rev:1;)
drop icmp $HOME_NET any -> any any (msg:"privnet: no ICMP from the VPC to the internet"; sid:9100002; rev:1;)`
	firewallDropsCapacity = 10
)

// firewallDefaultActions drop, and log, what no rule passed. The
// application-layer variants wait for the TLS ClientHello or HTTP request
// before deciding: with plain aws:drop_established a ClientHello split
// over two TCP segments (large post-quantum key shares make ~1.5 KB
// ClientHellos) is dropped before its SNI can match the allow list. Values
// of StatefulDefaultActions in the Network Firewall API and
// AWS::NetworkFirewall::FirewallPolicy (checked 2026-11); the pinned
// provider passes the strings through unvalidated.
var firewallDefaultActions = []string{"aws:drop_established_app_layer", "aws:alert_established_app_layer"}

// Firewall is the VPC's Network Firewall and what it is made of.
type Firewall struct {
	Resource  networkfirewallfirewall.NetworkfirewallFirewall
	Policy    networkfirewallfirewallpolicy.NetworkfirewallFirewallPolicy
	RuleGroup networkfirewallrulegroup.NetworkfirewallRuleGroup // nil with no AllowedDomains
	// Drops drops UDP and ICMP, which no handshake holds back.
	Drops    networkfirewallrulegroup.NetworkfirewallRuleGroup
	LogGroup cloudwatchloggroup.CloudwatchLogGroup
	// Key encrypts the alert log group when the flow-log key cannot (a key
	// of the user's, or no flow logs); nil when it shares that key.
	Key    kmskey.KmsKey
	tfName string
}

// FirewallTier is the kind of the firewall's own tier.
const FirewallTier Kind = "firewall"

// A Network Firewall domain list target: a host name, or one starting with
// a dot for the name and its subdomains (Network Firewall Developer Guide,
// "Domain list rule groups", checked 2026-11).
var firewallDomain = regexp.MustCompile(`^\.?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$`)

// ValidFirewallDomain tells whether d can be a target of the firewall's
// domain list.
func ValidFirewallDomain(d string) bool { return firewallDomain.MatchString(d) }

// checkFirewall validates the props and returns the tier to carve for the
// firewall's subnets, or ok false.
func (v *Vpc) checkFirewall(props *VpcProps, tiers []TierProps, report func(*core.Rule, string, string)) (TierProps, bool) {
	fw := props.Firewall
	ok := true
	hasPublic := false
	for _, t := range tiers {
		hasPublic = hasPublic || t.Kind == Public
		if t.Name == string(FirewallTier) {
			report(RuleFirewall, `a tier is named "firewall", the name of the firewall's own tier`, "name the tier otherwise")
			ok = false
		}
	}
	if !hasPublic {
		report(RuleFirewall, "Firewall filters traffic between a public tier and the internet gateway, and the VPC has no public tier",
			"add a public tier (with Nat for private tiers), or drop Firewall: an isolated VPC reaches no internet to filter")
		ok = false
	}
	if len(fw.AllowedDomains) > MaxFirewallDomains {
		report(RuleFirewall, fmt.Sprintf("%d AllowedDomains do not fit the domain rule group's capacity (%d, at most %d domains)", len(fw.AllowedDomains), FirewallCapacity, MaxFirewallDomains),
			"allow a parent domain (\".example.com\") instead of its names one by one")
		ok = false
	}
	for _, d := range fw.AllowedDomains {
		if !firewallDomain.MatchString(d) {
			report(RuleFirewall, fmt.Sprintf("AllowedDomains entry %s is not a domain name", core.Quote(d)),
				`write "example.com", or ".example.com" for it and its subdomains`)
			ok = false
		}
	}
	prefix := fw.Prefix
	if prefix == 0 {
		prefix = maxPrefix
	}
	return TierProps{Name: string(FirewallTier), Kind: FirewallTier, Prefix: prefix}, ok
}

// endpointIn is the ID of the firewall's endpoint in az, as Terraform reads
// it from the firewall's sync states at apply time.
func (f *Firewall) endpointIn(az string) *string {
	return jsii.String(fmt.Sprintf(`${[for s in aws_networkfirewall_firewall.%s.firewall_status[0].sync_states : s.attachment[0].endpoint_id if s.availability_zone == "%s"][0]}`, f.tfName, az))
}

// newFirewall makes the rule group, policy, firewall and its alert logging.
// Its subnets are the firewall tier's; the routes through it are made by
// routes.
func newFirewall(v *Vpc, props *FirewallProps, tier *Tier, logKey *string) *Firewall {
	f := &Firewall{}
	name := strings.Trim(v.Stack.Name+"-"+strings.ReplaceAll(v.Name, "_", "-"), "-")
	if len(name) > 100 {
		name = strings.TrimRight(name[:100], "-")
	}
	// Strict order: the allow list first, then drop and log what is left,
	// every protocol included (a domain list alone would let non-HTTP
	// traffic pass; "Strict rule evaluation order", Network Firewall
	// Developer Guide, checked 2026-11).
	policy := &networkfirewallfirewallpolicy.NetworkfirewallFirewallPolicyFirewallPolicy{
		StatelessDefaultActions:         jsii.Strings("aws:forward_to_sfe"),
		StatelessFragmentDefaultActions: jsii.Strings("aws:forward_to_sfe"),
		StatefulEngineOptions: &networkfirewallfirewallpolicy.NetworkfirewallFirewallPolicyFirewallPolicyStatefulEngineOptions{
			RuleOrder: jsii.String("STRICT_ORDER"),
		},
		StatefulDefaultActions: jsii.Strings(firewallDefaultActions...),
	}
	var refs []*networkfirewallfirewallpolicy.NetworkfirewallFirewallPolicyFirewallPolicyStatefulRuleGroupReference
	if len(props.AllowedDomains) > 0 {
		f.RuleGroup = networkfirewallrulegroup.NewNetworkfirewallRuleGroup(v, jsii.String("firewall-domains"), &networkfirewallrulegroup.NetworkfirewallRuleGroupConfig{
			Name:        jsii.String(name + "-domains"),
			Type:        jsii.String("STATEFUL"),
			Capacity:    jsii.Number(FirewallCapacity),
			Description: jsii.String("Domains the private tiers of " + v.Path + " may reach on the internet"),
			RuleGroup: &networkfirewallrulegroup.NetworkfirewallRuleGroupRuleGroup{
				RulesSource: &networkfirewallrulegroup.NetworkfirewallRuleGroupRuleGroupRulesSource{
					RulesSourceList: &networkfirewallrulegroup.NetworkfirewallRuleGroupRuleGroupRulesSourceRulesSourceListStruct{
						GeneratedRulesType: jsii.String("ALLOWLIST"),
						TargetTypes:        jsii.Strings("TLS_SNI", "HTTP_HOST"),
						Targets:            jsii.Strings(props.AllowedDomains...),
					},
				},
				StatefulRuleOptions: &networkfirewallrulegroup.NetworkfirewallRuleGroupRuleGroupStatefulRuleOptions{RuleOrder: jsii.String("STRICT_ORDER")},
			},
			Tags: v.tags("firewall-domains"),
		})
		v.name(f.RuleGroup, "aws_networkfirewall_rule_group", "firewall")
		refs = append(refs, &networkfirewallfirewallpolicy.NetworkfirewallFirewallPolicyFirewallPolicyStatefulRuleGroupReference{
			Priority: jsii.Number(1), ResourceArn: f.RuleGroup.Arn(),
		})
	}
	// UDP and ICMP have no handshake for the established-flow default to
	// wait on: a first datagram to the internet could leave before any
	// reply made the flow established (a DNS query to a public resolver
	// carries data). NAT gateways translate TCP, UDP and ICMP only, so
	// dropping the other two leaves the allow list the only way out.
	f.Drops = networkfirewallrulegroup.NewNetworkfirewallRuleGroup(v, jsii.String("firewall-drops"), &networkfirewallrulegroup.NetworkfirewallRuleGroupConfig{
		Name:        jsii.String(name + "-drops"),
		Type:        jsii.String("STATEFUL"),
		Capacity:    jsii.Number(firewallDropsCapacity),
		Description: jsii.String("UDP and ICMP from " + v.Path + " to the internet: dropped"),
		RuleGroup: &networkfirewallrulegroup.NetworkfirewallRuleGroupRuleGroup{
			RulesSource: &networkfirewallrulegroup.NetworkfirewallRuleGroupRuleGroupRulesSource{
				RulesString: jsii.String(firewallDropRules),
			},
			StatefulRuleOptions: &networkfirewallrulegroup.NetworkfirewallRuleGroupRuleGroupStatefulRuleOptions{RuleOrder: jsii.String("STRICT_ORDER")},
		},
		Tags: v.tags("firewall-drops"),
	})
	v.name(f.Drops, "aws_networkfirewall_rule_group", "firewall-drops")
	refs = append(refs, &networkfirewallfirewallpolicy.NetworkfirewallFirewallPolicyFirewallPolicyStatefulRuleGroupReference{
		Priority: jsii.Number(2), ResourceArn: f.Drops.Arn(),
	})
	policy.StatefulRuleGroupReference = &refs
	f.Policy = networkfirewallfirewallpolicy.NewNetworkfirewallFirewallPolicy(v, jsii.String("firewall-policy"), &networkfirewallfirewallpolicy.NetworkfirewallFirewallPolicyConfig{
		Name:           jsii.String(name),
		Description:    jsii.String("Egress of " + v.Path + ": the listed domains, nothing else"),
		FirewallPolicy: policy,
		Tags:           v.tags("firewall"),
	})
	v.name(f.Policy, "aws_networkfirewall_firewall_policy", "firewall")

	var mapping []*networkfirewallfirewall.NetworkfirewallFirewallSubnetMapping
	for _, s := range tier.Subnets {
		mapping = append(mapping, &networkfirewallfirewall.NetworkfirewallFirewallSubnetMapping{SubnetId: s.SubnetId})
	}
	f.Resource = networkfirewallfirewall.NewNetworkfirewallFirewall(v, jsii.String("firewall"), &networkfirewallfirewall.NetworkfirewallFirewallConfig{
		Name:              jsii.String(name),
		Description:       jsii.String("Filters the internet egress of " + v.Path),
		VpcId:             v.VpcId,
		FirewallPolicyArn: f.Policy.Arn(),
		SubnetMapping:     &mapping,
		// Deleting or moving it would open or cut the VPC's egress.
		DeleteProtection:       jsii.Bool(!props.DisableProtection),
		SubnetChangeProtection: jsii.Bool(!props.DisableProtection),
		Tags:                   v.tags("firewall"),
	})
	f.tfName = v.name(f.Resource, "aws_networkfirewall_firewall", "firewall")

	if logKey == nil {
		f.Key = newLogKey(v, "firewall-logs", "CloudWatchLogsUsesForFirewallLogGroup", "Encrypts the firewall alerts of "+v.Path, []string{firewallLogGroup(v)})
		logKey = f.Key.Arn()
	}
	f.LogGroup = cloudwatchloggroup.NewCloudwatchLogGroup(v, jsii.String("firewall-logs"), &cloudwatchloggroup.CloudwatchLogGroupConfig{
		Name:            jsii.String(firewallLogGroup(v)),
		RetentionInDays: jsii.Number(365),
		KmsKeyId:        logKey,
		Tags:            v.tags("firewall-logs"),
	})
	v.name(f.LogGroup, "aws_cloudwatch_log_group", "firewall")
	logs := networkfirewallloggingconfiguration.NewNetworkfirewallLoggingConfiguration(v, jsii.String("firewall-logging"), &networkfirewallloggingconfiguration.NetworkfirewallLoggingConfigurationConfig{
		FirewallArn: f.Resource.Arn(),
		LoggingConfiguration: &networkfirewallloggingconfiguration.NetworkfirewallLoggingConfigurationLoggingConfiguration{
			LogDestinationConfig: &[]*networkfirewallloggingconfiguration.NetworkfirewallLoggingConfigurationLoggingConfigurationLogDestinationConfig{{
				LogDestinationType: jsii.String("CloudWatchLogs"),
				LogType:            jsii.String("ALERT"),
				LogDestination:     &map[string]*string{"logGroup": f.LogGroup.Name()},
			}},
		},
	})
	v.name(logs, "aws_networkfirewall_logging_configuration", "firewall")
	return f
}

// firewallLogGroup names the firewall's alert log group, beside the flow
// logs' (the flow-log key's policy names both).
func firewallLogGroup(v *Vpc) string {
	return "/privnet/" + v.Stack.Name + "/" + strings.ReplaceAll(v.Name, "_", "/") + "/firewall-alerts"
}
