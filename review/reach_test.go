package review

import (
	"strings"
	"testing"

	"github.com/privnet/privnet/reach"
	"github.com/privnet/privnet/reach/need"
)

// Each stack's matrix: sources as rows, declared needs and what is present
// as columns, a footnote per ✗ and ?.
func TestReachMatrix(t *testing.T) {
	md := Report(golden(t), nil)
	for _, w := range []string{
		"| source | `iam` \\* | `sts` \\* | `instance iam-privatelink/app on [22]` \\* |\n|---|---|---|---|\n" +
			"| `aws_instance.app` | ✓ | ✓ | – |\n| `aws_ec2_instance_connect_endpoint.eic` | – | – | ✓ |\n",
		"| `on-premises (192.168.0.0/16)` | ✓ |",
		"| `aws_subnet.consumer_app_us-east-1a, aws_subnet.consumer_app_us-east-1b` | ✓ |",
		"It does not check IAM, endpoint policies or the service's own authorization.",
	} {
		if !strings.Contains(md, w) {
			t.Errorf("report lacks %q", w)
		}
	}
	if n := strings.Count(md, "### Reachability\n"); n != len(golden(t)) {
		t.Errorf("%d reachability sections, want one per stack", n)
	}
}

// What changed: the pairs whose verdict a change turns, at the top.
func TestReachChanges(t *testing.T) {
	base, head := golden(t), golden(t)
	iam := find(t, head, "iam-privatelink")
	delete(iam.Resources["aws_vpc_security_group_ingress_rule"], "iam_sts_sg_443-tcp_from_sg-app_sg")
	ssm := find(t, head, "ssm-private-instance")
	ssm.Resources["aws_vpc_endpoint"]["ssm_ec2messages"]["private_dns_enabled"] = false
	md := Report(head, base)
	want := "> [!WARNING]\n> This change turns 2 reachability verdict(s), 2 of them worse (the network only: not IAM, not endpoint policies):\n" +
		"> - **iam-privatelink** aws_instance.app → sts: was ✓ private, now ✗ unreachable: aws_vpc_endpoint.iam_sts (security groups aws_security_group.iam_sts_sg) does not admit TCP 443 from aws_instance.app\n" +
		"> - **ssm-private-instance** aws_instance.app → ec2messages: was ✓ private, now ✗ unreachable: endpoint aws_vpc_endpoint.ssm_ec2messages has private DNS off and aws_instance.app uses the public name, which resolves to public addresses; no route to the internet (aws_route_table.network_private_ap-northeast-1a has no default route): the call times out\n"
	if !strings.Contains(md, want) {
		i := strings.Index(md, "This change turns")
		t.Fatalf("report lacks the change list; it has:\n%s", md[max(0, i-20):min(len(md), i+900)])
	}
	// It comes before the stacks' sections, beside the other warnings.
	if strings.Index(md, "This change turns") > strings.Index(md, "## Stack ") {
		t.Error("the reachability changes are not at the top")
	}
	if got := reach.Changes(reach.Matrices(base), reach.Matrices(golden(t))); len(got) != 0 {
		t.Errorf("no change, yet %v", got)
	}
}

// Names from the pull request are escaped in the matrix and its notes.
func TestReachMatrixHostileNames(t *testing.T) {
	head := golden(t)
	iam := find(t, head, "iam-privatelink")
	evil := "app`|<!--x--> @octocat #1\n## Fake"
	iam.Needs[0].Need.Label = "a|b|c `x` <!-- y -->" // a column header of its own
	iam.Resources["aws_instance"][evil] = iam.Resources["aws_instance"]["app"]
	delete(iam.Resources["aws_instance"], "app")
	md := Report(head, nil)
	checkMarkdown(t, md) // code spans closed, no raw HTML, no line a name started
	if strings.Contains(md, "\n## Fake") {
		t.Error("a name made a heading")
	}
	if !strings.Contains(md, "| source | ``a\\|b\\|c `x` <!-- y -->`` \\* |") {
		t.Error("the hostile need label is not one escaped header cell")
	}
	if !strings.Contains(md, "| ``aws_instance.app`\\|<!--x--> @octocat #1␊## Fake`` |") {
		t.Error("the matrix row of the hostile instance is not a code span")
	}
}

// A need that is new and unreachable is a warning, listed.
func TestReachNewBrokenNeedWarns(t *testing.T) {
	base, head := golden(t), golden(t)
	iam := find(t, head, "iam-privatelink")
	n := iam.Needs[0]
	n.Need.Label, n.Need.Targets = "kms", []need.Target{{Kind: need.Service, Service: "kms"}}
	iam.Needs = append(iam.Needs, n)
	md := Report(head, base)
	if !strings.Contains(md, "> [!WARNING]\n> This change turns 1 reachability verdict(s), 1 of them worse") ||
		!strings.Contains(md, "aws_instance.app → kms: was absent, now ✗ unreachable: no endpoint for kms") {
		i := strings.Index(md, "eachability")
		t.Errorf("no warning for the new broken need:\n%s", md[max(0, i-40):min(len(md), i+400)])
	}
}
