package network

import (
	"fmt"
	"strings"

	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/cloudwatchloggroup"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/flowlog"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/iamrole"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/iamrolepolicy"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/kmskey"

	"github.com/privnet/privnet/constructs/core"
)

// FlowLog is the VPC's flow log and where it goes.
type FlowLog struct {
	Resource flowlog.FlowLog
	LogGroup cloudwatchloggroup.CloudwatchLogGroup
	// Key is nil when FlowLogProps.KmsKeyArn named an existing key.
	Key  kmskey.KmsKey
	Role iamrole.IamRole
	// keyArn encrypts the log group: the key made, or the one named.
	keyArn *string
}

// CloudWatch Logs accepts only these retention periods
// (PutRetentionPolicy API reference, checked 2026-11); 0 keeps logs forever.
var retentionDays = []int{0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653}

// newFlowLog makes the flow log; the key it makes also lets CloudWatch
// Logs encrypt the log groups named in more (the firewall's alerts).
func newFlowLog(v *Vpc, props FlowLogProps, more []string, report func(*core.Rule, string, string)) *FlowLog {
	traffic := props.TrafficType
	switch traffic {
	case "":
		traffic = "ALL"
	case "ALL", "REJECT":
	case "ACCEPT":
		// ACCEPT alone hides the rejected traffic a closed network most
		// needs to see. Kept as asked when the rule is suppressed.
		report(RuleFlowLogTraffic, `flow log TrafficType "ACCEPT" records no rejected traffic`, `use "ALL" (default) or "REJECT"`)
	default:
		report(RuleFlowLogValues, fmt.Sprintf("flow log TrafficType %s is not ALL, REJECT or ACCEPT", core.Quote(traffic)), `use "ALL" (default) or "REJECT"`)
		traffic = "ALL"
	}
	retention := props.RetentionDays
	if retention == 0 {
		retention = 365
	} else if !containsInt(retentionDays, retention) {
		report(RuleFlowLogValues, fmt.Sprintf("flow log RetentionDays %d is not a CloudWatch Logs retention period", retention),
			fmt.Sprintf("use one of %s", joinInts(retentionDays[1:])))
		retention = 365
	}

	s := v.Stack
	region := s.Region
	account := s.AccountId()
	groupName := "/privnet/" + s.Name + "/" + strings.ReplaceAll(v.Name, "_", "/") + "/flow-logs"
	groupArns := append([]string{groupName}, more...)
	f := &FlowLog{}

	keyArn := props.KmsKeyArn
	if keyArn == "" {
		f.Key = newLogKey(v, "flow-logs", "CloudWatchLogsUsesForFlowLogGroup", "Encrypts the flow logs of "+v.Path, groupArns)
		keyArn = *f.Key.Arn()
	}

	f.LogGroup = cloudwatchloggroup.NewCloudwatchLogGroup(v, jsii.String("flow-logs-group"), &cloudwatchloggroup.CloudwatchLogGroupConfig{
		Name:            jsii.String(groupName),
		RetentionInDays: jsii.Number(float64(retention)),
		KmsKeyId:        jsii.String(keyArn),
		Tags:            v.tags("flow-logs"),
	})
	f.keyArn = jsii.String(keyArn)
	v.name(f.LogGroup, "aws_cloudwatch_log_group", "flow-logs")

	// The role trusts the flow logs service for this account's flow logs
	// only (confused-deputy guard from the VPC Flow Logs user guide).
	trust := core.Policy{Statements: []core.Statement{{
		Principal: map[string][]string{"Service": {region.ServicePrincipal("vpc-flow-logs", false)}},
		Actions:   []string{"sts:AssumeRole"},
		Condition: map[string]map[string][]string{
			"StringEquals": {"aws:SourceAccount": {*account}},
			"ArnLike":      {"aws:SourceArn": {region.Arn("ec2", region.Name, *account, "vpc-flow-log/*")}},
		},
	}}}
	f.Role = iamrole.NewIamRole(v, jsii.String("flow-logs-role"), &iamrole.IamRoleConfig{
		Description:      jsii.String("Lets VPC Flow Logs write the flow logs of " + v.Path),
		AssumeRolePolicy: v.Stack.PolicyString(trust),
		Tags:             v.tags("flow-logs"),
	})
	v.name(f.Role, "aws_iam_role", "flow-logs")

	// Limited to the one log group and its streams.
	write := core.Policy{Statements: []core.Statement{{
		Actions:   []string{"logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"},
		Resources: []string{*f.LogGroup.Arn(), *f.LogGroup.Arn() + ":log-stream:*"},
	}}}
	rp := iamrolepolicy.NewIamRolePolicy(v, jsii.String("flow-logs-policy"), &iamrolepolicy.IamRolePolicyConfig{
		Name:   jsii.String("write-flow-logs"),
		Role:   f.Role.Id(),
		Policy: v.Stack.PolicyString(write),
	})
	v.name(rp, "aws_iam_role_policy", "flow-logs")

	f.Resource = flowlog.NewFlowLog(v, jsii.String("flow-log"), &flowlog.FlowLogConfig{
		VpcId:              v.VpcId,
		TrafficType:        jsii.String(traffic),
		LogDestinationType: jsii.String("cloud-watch-logs"),
		LogDestination:     f.LogGroup.Arn(),
		IamRoleArn:         f.Role.Arn(),
		Tags:               v.tags("flow-log"),
	})
	v.name(f.Resource, "aws_flow_log")
	return f
}

// KeyAdministration are the actions AWS's default key policy gives key
// administrators ("Default key policy", AWS KMS Developer Guide, checked
// 2026-11), and kms:RotateKeyOnDemand: everything but using the key.
var KeyAdministration = []string{
	"kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*",
	"kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource",
	"kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:RotateKeyOnDemand",
}

func containsInt(list []int, n int) bool {
	for _, x := range list {
		if x == n {
			return true
		}
	}
	return false
}

func joinInts(list []int) string {
	s := make([]string, len(list))
	for i, n := range list {
		s[i] = fmt.Sprint(n)
	}
	return strings.Join(s, ", ")
}

// newLogKey makes a KMS key with rotation for the VPC's log groups named
// (names, not ARNs). Its policy lets CloudWatch Logs use it for those log
// groups only ("Encrypt log data in CloudWatch Logs using AWS KMS", AWS
// docs, checked 2026-11), and the account administer it with the actions
// of AWS's default key policy for key administrators ("Default key
// policy", AWS KMS Developer Guide, checked 2026-11) instead of kms:*
// (KICS "KMS Key With Vulnerable Policy" flags an unconditioned kms:*):
// the account can change the policy and delete the key, so the key never
// becomes unmanageable. The administration actions are not use: no IAM
// policy decrypts with the key directly, though an administrator can give
// itself that right through kms:CreateGrant or kms:PutKeyPolicy, as with
// AWS's own default policy. Keep those actions to key administrators.
func newLogKey(v *Vpc, id, sid, description string, groups []string) kmskey.KmsKey {
	s := v.Stack
	region := s.Region
	account := s.AccountId()
	var arns []string
	for _, g := range groups {
		arns = append(arns, region.Arn("logs", region.Name, *account, "log-group:"+g))
	}
	policy := core.Policy{Statements: []core.Statement{
		{
			Sid:       "AccountAdministers",
			Principal: map[string][]string{"AWS": {region.Arn("iam", "", *account, "root")}},
			Actions:   KeyAdministration,
			Resources: []string{"*"},
		},
		{
			Sid:       sid,
			Principal: map[string][]string{"Service": {region.ServicePrincipal("logs", true)}},
			Actions:   []string{"kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"},
			Resources: []string{"*"},
			Condition: map[string]map[string][]string{"ArnEquals": {"kms:EncryptionContext:aws:logs:arn": arns}},
		},
	}}
	key := kmskey.NewKmsKey(v, jsii.String(id+"-key"), &kmskey.KmsKeyConfig{
		Description:          jsii.String(description),
		EnableKeyRotation:    jsii.Bool(true),
		DeletionWindowInDays: jsii.Number(30),
		Policy:               s.PolicyString(policy),
		Tags:                 v.tags(id),
	})
	v.name(key, "aws_kms_key", id)
	return key
}
