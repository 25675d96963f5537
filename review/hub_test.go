package review

import (
	"strings"
	"testing"
)

// A hub stack with two endpoints behind zones (one name hostile), one
// spoke associated in the hub's stack, one in another account's stack
// through its authorization, and a zone another stack's Profile brings.
const hubStack = `{"provider":{"aws":[{"region":"eu-west-1"}]},"resource":{
"aws_vpc":{"hub":{"cidr_block":"10.0.0.0/16"},"spoke":{"cidr_block":"10.1.0.0/16"}},
"aws_subnet":{"a":{"vpc_id":"${aws_vpc.hub.id}","cidr_block":"10.0.0.0/24","availability_zone":"eu-west-1a"},"b":{"vpc_id":"${aws_vpc.hub.id}","cidr_block":"10.0.1.0/24","availability_zone":"eu-west-1b"}},
"aws_vpc_endpoint":{
 "ssm":{"vpc_id":"${aws_vpc.hub.id}","service_name":"com.amazonaws.eu-west-1.ssm","vpc_endpoint_type":"Interface","private_dns_enabled":false,"subnet_ids":["${aws_subnet.a.id}","${aws_subnet.b.id}"]},
 "sts":{"vpc_id":"${aws_vpc.hub.id}","service_name":"com.amazonaws.eu-west-1.sts","vpc_endpoint_type":"Interface","private_dns_enabled":false,"subnet_ids":["${aws_subnet.a.id}","${aws_subnet.b.id}"]}},
"aws_route53_zone":{
 "ssm":{"name":"ssm.eu-west-1.amazonaws.com","vpc":[{"vpc_id":"${aws_vpc.hub.id}"}]},
 "sts":{"name":"sts.eu-west-1.amazonaws.com <img src=x>","vpc":[{"vpc_id":"${aws_vpc.hub.id}"}]},
 "public":{"name":"example.com"}},
"aws_route53_record":{
 "ssm":{"zone_id":"${aws_route53_zone.ssm.zone_id}","name":"ssm.eu-west-1.amazonaws.com","type":"A","alias":{"name":"${aws_vpc_endpoint.ssm.dns_entry[0].dns_name}","zone_id":"${aws_vpc_endpoint.ssm.dns_entry[0].hosted_zone_id}","evaluate_target_health":false}},
 "sts":{"zone_id":"${aws_route53_zone.sts.zone_id}","name":"|sts|","type":"A","alias":[{"name":"${aws_vpc_endpoint.sts.dns_entry[0].dns_name}","zone_id":"z","evaluate_target_health":false}]}},
"aws_route53_zone_association":{"spoke":{"zone_id":"${aws_route53_zone.ssm.zone_id}","vpc_id":"${aws_vpc.spoke.id}"}}
},"output":{
 "ssm_zone":{"value":"${aws_route53_zone.ssm.zone_id}"},
 "sts_zone":{"value":"${aws_route53_zone.sts.zone_id}"}}}`

const authorizeStack = `{"provider":{"aws":[{"region":"eu-west-1"}]},"resource":{
"aws_route53_vpc_association_authorization":{"far":{"zone_id":"${data.terraform_remote_state.cross-stack-reference-input-hub.outputs.ssm_zone}","vpc_id":"${data.terraform_remote_state.cross-stack-reference-input-remote.outputs.vpc}"}}
},"output":{"auth_zone":{"value":"${aws_route53_vpc_association_authorization.far.zone_id}"}}}`

const remoteStack = `{"provider":{"aws":[{"region":"eu-west-1"}]},"resource":{
"aws_vpc":{"far":{"cidr_block":"10.2.0.0/16"}}},"output":{"vpc":{"value":"${aws_vpc.far.id}"}}}`

const associateStack = `{"provider":{"aws":[{"region":"eu-west-1"}]},"resource":{
"aws_route53_zone_association":{"far":{"zone_id":"${data.terraform_remote_state.cross-stack-reference-input-authorize.outputs.auth_zone}","vpc_id":"${data.terraform_remote_state.cross-stack-reference-input-remote.outputs.vpc}"},
 "sts":{"zone_id":"${data.terraform_remote_state.cross-stack-reference-input-hub.outputs.sts_zone}","vpc_id":"${data.terraform_remote_state.cross-stack-reference-input-remote.outputs.vpc}"}}}}`

func TestSharedEndpointsSection(t *testing.T) {
	stacks := []*Stack{stackOf(t, "hub", hubStack), stackOf(t, "authorize", authorizeStack), stackOf(t, "remote", remoteStack), stackOf(t, "associate", associateStack)}
	r := Report(stacks, nil)
	i := strings.Index(r, "### Shared endpoints")
	if i < 0 {
		t.Fatalf("no section:\n%s", r)
	}
	got := r[i:]
	got = got[:strings.Index(got, "\n### ")+1]
	for _, want := range []string{
		"- `ssm.eu-west-1.amazonaws.com`: `ssm.eu-west-1.amazonaws.com` → endpoint `ssm` (ssm); associated with `hub` (made with it), `far` of stack `remote`, `spoke`\n",
		"→ endpoint `sts` (sts); associated with `hub` (made with it), `far` of stack `remote`\n",
		"What centralising saves in endpoint-hours (2 endpoints, 4 endpoint-AZs, against each of the 2 spokes running the endpoints it uses, in the hub's AZs)",
		// spoke uses ssm (2 AZs), far ssm and sts (4).
		"| the hub (shared) | 4 | $32.12 |\n", "| each spoke its own | 6 | $48.18 |\n", "| **saved** | 2 | **$16.06** |\n",
		"bills 2190 attachment-hours a month",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	// Names from the JSON are shown in code spans only (GitHub renders no
	// HTML there); a public zone is not a hub's.
	if !strings.Contains(got, "- `sts.eu-west-1.amazonaws.com <img src=x>`: `|sts|` → ") || strings.Count(got, "<img") != 1 || strings.Contains(got, "example.com") {
		t.Errorf("unescaped or public zone shown:\n%s", got)
	}
	// The other accounts' stacks say what they let in and associate.
	for _, want := range []string{
		"### Private hosted zones of other stacks\n\n- authorization `far`: VPC `far` of stack `remote` may be associated with zone `ssm.eu-west-1.amazonaws.com` of stack `hub`\n",
		"- association `far`: VPC `far` of stack `remote` answers from zone `ssm.eu-west-1.amazonaws.com` of stack `hub`, after authorization `far` of stack `authorize`\n",
		"- association `sts`: VPC `far` of stack `remote` answers from zone `sts.eu-west-1.amazonaws.com <img src=x>` of stack `hub`\n",
	} {
		if !strings.Contains(r, want) {
			t.Errorf("missing %q", want)
		}
	}
	// A stack with no zone of its own has no section; one whose zones
	// no spoke uses says the hub saves nothing yet.
	alone := strings.Replace(hubStack, `"aws_route53_zone_association":{"spoke":{"zone_id":"${aws_route53_zone.ssm.zone_id}","vpc_id":"${aws_vpc.spoke.id}"}}`, `"aws_route53_zone_association":{}`, 1)
	if r := Report([]*Stack{stackOf(t, "hub", alone)}, nil); !strings.Contains(r, "No other VPC is associated with the zones: the hub saves nothing yet.") {
		t.Errorf("lonely hub:\n%s", r)
	}
	if strings.Contains(Report([]*Stack{stackOf(t, "remote", remoteStack)}, nil), "### Shared endpoints") {
		t.Error("a section for a stack with no zone")
	}
}
