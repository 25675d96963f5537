// Package endpoints is VPC endpoints (PrivateLink): a typed catalog of AWS
// services, interface and gateway endpoints with their own security groups,
// recipes for SSM, IAM and ECR, and their rules (PN-EP-*, docs/rules.md).
package endpoints

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/privnet/privnet/constructs/core"
)

// Type is a kind of VPC endpoint.
type Type string

const (
	Interface Type = "Interface"
	Gateway   Type = "Gateway"
)

// Service is a catalog entry: what privnet knows of one AWS service's
// endpoints, as data.
type Service struct {
	// Key is the last part of the service name: "ssm", "ecr.api".
	Key string
	// Types the service offers (interface, gateway or both).
	Types []Type
	// PrivateDns tells whether private DNS applies to its interface
	// endpoint (it does for every AWS service listed; not for custom ones).
	PrivateDns bool
	// CrossRegion: reachable from another region with service_region
	// (AWS "Cross-region enabled AWS services", Nov 2025).
	CrossRegion bool
	// Regionless services are named without a region: com.amazonaws.iam.
	Regionless bool
	// Homed services have their only endpoint in one region per partition
	// (IAM: HomeRegion).
	Homed bool
	// custom is an endpoint service of someone's own (NLB or GWLB).
	custom string
	// label names a custom service in descriptions when its name is a
	// token that only Terraform resolves.
	label string
}

// Offers tells whether the service has endpoints of type t.
func (s *Service) Offers(t Type) bool {
	for _, x := range s.Types {
		if x == t {
			return true
		}
	}
	return false
}

// IsCustom tells whether s is an endpoint service of someone's own.
func (s *Service) IsCustom() bool { return s.custom != "" }

// GatewayServiceName is the name of the service's gateway endpoint in
// region.
func (s *Service) GatewayServiceName(region core.Region) string {
	return "com.amazonaws." + region.Name + "." + s.Key
}

// ServiceName is the name to give AWS for an interface endpoint in region
// (the service's region: the stack's, or service_region for a
// cross-region one).
func (s *Service) ServiceName(region core.Region) string {
	if s.custom != "" {
		return s.custom
	}
	prefix, suffix := "com.amazonaws", ""
	if chinaPrefixed[region.Name][s.Key] {
		prefix = "cn.com.amazonaws"
	}
	if chinaSuffixed[region.Name][s.Key] {
		suffix = ".cn"
	}
	if s.Regionless {
		return prefix + "." + s.Key
	}
	return prefix + "." + region.Name + "." + s.Key + suffix
}

// HomeRegion is the only region of partition whose endpoint for the
// service exists, for homed services (IAM); "" for the others, and for a
// partition with no such endpoint.
func (s *Service) HomeRegion(partition string) string {
	if !s.Homed {
		return ""
	}
	return iamHome[partition]
}

// CrossRegionIn tells whether the service can be reached cross-region in
// partition, and whether that is known.
func (s *Service) CrossRegionIn(partition string) (ok, known bool) {
	if s.custom != "" {
		return true, true // endpoint services of your own, Nov 2024
	}
	if !s.CrossRegion {
		return false, true
	}
	return crossRegionPartitions[partition], partition == "aws" || partition == "aws-cn"
}

func (s *Service) String() string {
	if s.label != "" {
		return s.label
	}
	if s.custom != "" {
		return s.custom
	}
	return s.Key
}

var catalog = map[string]*Service{}

func add(s Service) *Service {
	if s.Types == nil {
		s.Types = []Type{Interface}
		s.PrivateDns = true
	}
	catalog[s.Key] = &s
	return &s
}

var both = []Type{Gateway, Interface}

// The catalog: one row per service. Sources: AWS PrivateLink "AWS services
// that integrate with AWS PrivateLink" and "Cross-region enabled AWS
// services" (checked 2026-11).
var (
	SSM                  = add(Service{Key: "ssm"})
	SSMMessages          = add(Service{Key: "ssmmessages"}) // no hyphen: not ssm-messages
	EC2Messages          = add(Service{Key: "ec2messages"})
	EC2                  = add(Service{Key: "ec2"})
	STS                  = add(Service{Key: "sts"})
	IAM                  = add(Service{Key: "iam", Regionless: true, Homed: true, CrossRegion: true})
	KMS                  = add(Service{Key: "kms", CrossRegion: true})
	Logs                 = add(Service{Key: "logs"})
	Monitoring           = add(Service{Key: "monitoring"})
	S3                   = add(Service{Key: "s3", Types: both, PrivateDns: true, CrossRegion: true})
	DynamoDB             = add(Service{Key: "dynamodb", Types: both, PrivateDns: true})
	ECRApi               = add(Service{Key: "ecr.api", CrossRegion: true})
	ECRDkr               = add(Service{Key: "ecr.dkr", CrossRegion: true})
	ECS                  = add(Service{Key: "ecs", CrossRegion: true})
	ElasticLoadBalancing = add(Service{Key: "elasticloadbalancing"})
	KinesisStreams       = add(Service{Key: "kinesis-streams"})
	KinesisFirehose      = add(Service{Key: "kinesis-firehose", CrossRegion: true})
	ServiceCatalog       = add(Service{Key: "servicecatalog"})
	SecretsManager       = add(Service{Key: "secretsmanager"})
	Lambda               = add(Service{Key: "lambda", CrossRegion: true})
	SQS                  = add(Service{Key: "sqs"})
	SNS                  = add(Service{Key: "sns"})
	ExecuteApi           = add(Service{Key: "execute-api"})
	Events               = add(Service{Key: "events"})
	States               = add(Service{Key: "states"})
	ElasticFileSystem    = add(Service{Key: "elasticfilesystem"})
	CodeBuild            = add(Service{Key: "codebuild"})
	Athena               = add(Service{Key: "athena"})
	Glue                 = add(Service{Key: "glue"})
	RDS                  = add(Service{Key: "rds"})
	EBS                  = add(Service{Key: "ebs"})
	AutoScaling          = add(Service{Key: "autoscaling"})
	CloudFormation       = add(Service{Key: "cloudformation"})
	XRay                 = add(Service{Key: "xray"})
	ECSAgent             = add(Service{Key: "ecs-agent"})
	ECSTelemetry         = add(Service{Key: "ecs-telemetry"})
)

// Lookup finds a catalog service by its key ("ssm", "ecr.api").
func Lookup(key string) (*Service, bool) {
	s, ok := catalog[key]
	return s, ok
}

// Keys lists the catalog, sorted.
func Keys() []string {
	out := make([]string, 0, len(catalog))
	for k := range catalog {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Endpoint services of your own: com.amazonaws.vpce.<region>.vpce-svc-…,
// and cn.com.amazonaws.vpce.<region>.vpce-svc-… in China (names seen in
// China configurations, e.g. cn.com.amazonaws.vpce.cn-northwest-1.vpce-svc-070f9283a2c0d1f0c).
var customName = regexp.MustCompile(`^(cn\.)?com\.amazonaws\.vpce\.[a-z0-9-]+\.vpce-svc-[0-9a-f]{8,17}$`)

// Custom is an endpoint service of someone's own (an NLB or GWLB behind
// aws_vpc_endpoint_service), named com.amazonaws.vpce.<region>.vpce-svc-…
// Private DNS is off for it unless the provider verified a domain. A name
// that does not look like one is reported when an endpoint uses it.
func Custom(serviceName string) *Service {
	return &Service{Key: serviceName, Types: []Type{Interface}, custom: serviceName, CrossRegion: true}
}

// CustomLabeled is Custom with a label for descriptions and messages, for
// a service whose name is a token (from another stack).
func CustomLabeled(serviceName, label string) *Service {
	s := Custom(serviceName)
	s.label = label
	return s
}

// checkCustom returns the problem with a custom service name, if any. A
// token (the name of an endpoint service in this or another stack) is taken
// as it is.
func checkCustom(s *Service) string {
	if strings.Contains(s.custom, "${") || customName.MatchString(s.custom) {
		return ""
	}
	return fmt.Sprintf("%q is neither a catalog service nor an endpoint service name like com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", s.custom)
}
