package review

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// Names a pull request's author could choose, each trying to break out of
// where the report prints it. Every one holds EVIL, so the test can find
// where each landed.
var hostile = []string{
	"EVIL|pipe|",
	"EVIL\nnewline\n## Fake heading",
	"EVIL\r\n> [!NOTE]\r\n> fake note",
	"EVIL`tick`",
	"EVIL``double``backticks`",
	"old`<!-- EVIL",
	"EVIL<!--",
	"EVIL<script>alert(1)</script>",
	`EVIL"]-->x`,
	"EVIL\"]\nclick ep_net call alert()\n%%",
	"EVIL\nclick x href \"javascript:alert(1)\"",
	"EVIL]]>",
	"%%{init: {'securityLevel': 'loose'}}%%EVIL",
	"EVIL<img src=x onerror=alert(1)>",
	"EVIL[link](https://example.com)![img](x) www.example.com",
	"EVIL*bold* _em_ ~~strike~~ $x$ \\",
	"EVIL\u202egnp.exe",
	"EVIL\\|b",
	"EVIL#quot;#35;",
	"EVIL & &lt; &#124;",
	"EVIL\tend\nsubgraph x\nend",
	"` EVIL `",
	"_EVIL_",
	"@acme/security-team EVIL",
	"EVIL @octocat fixes #1, GH-2 and acme/repo#3",
}

// hostileStacks is a base and a head in which every name, tag, CIDR,
// service name, description and number is hostile where the JSON allows
// it; references (which must match Terraform's name syntax to resolve)
// use plain names. Against the base, the head replaces a VPC named
// old`<!-- EVIL and deletes a subnet, and in its first stack moves the
// region, the backend's bucket and the provider's source and drops the
// provider's endpoints: all must show as warnings.
func hostileStacks(t testing.TB) (head, base []*Stack) {
	t.Helper()
	h := func(i int) string { return hostile[i%len(hostile)] }
	res := map[string]map[string]any{
		"aws_vpc": {
			"net":               map[string]any{"cidr_block": "10.0.0.0/16"},
			"old`<!-- EVIL":     map[string]any{"cidr_block": "10.9.0.0/16"},
			"EVIL<script>x":     map[string]any{"cidr_block": h(7)},
			"EVIL\nclick a b()": map[string]any{"cidr_block": h(12)},
		},
		"aws_subnet": map[string]any{},
		"aws_security_group": {
			"sg1":  map[string]any{},
			"sg2":  map[string]any{},
			h(0):   map[string]any{},
			h(22):  map[string]any{},
			"sg_e": map[string]any{},
		},
		"aws_vpc_endpoint":                    map[string]any{},
		"aws_instance":                        map[string]any{},
		"aws_vpc_security_group_ingress_rule": map[string]any{},
		"aws_vpc_security_group_egress_rule":  map[string]any{},
		"aws_vpclattice_resource_gateway": {
			"gw": map[string]any{"vpc_id": "${aws_vpc.net.id}", "subnet_ids": []any{"${aws_subnet.s0.id}"}, "security_group_ids": []any{"${aws_security_group.sg2.id}"}, "ip_address_type": h(8)},
		},
		"aws_vpclattice_resource_configuration": {
			"rc": map[string]any{"type": h(9), "resource_gateway_identifier": "${aws_vpclattice_resource_gateway.gw.id}", "port_ranges": []any{h(10), 22},
				"resource_configuration_definition": []any{map[string]any{"ip_resource": []any{map[string]any{"ip_address": "10.0.0.5"}}}}},
			h(11): map[string]any{"type": "SINGLE", "resource_configuration_definition": []any{map[string]any{"dns_resource": []any{map[string]any{"domain_name": h(13)}}}}},
		},
		"aws_vpc_endpoint_service": {
			"service": map[string]any{"supported_regions": []any{h(14), "us-east-1"}, "acceptance_required": true},
			h(15):     map[string]any{"supported_regions": []any{h(16)}},
		},
		"aws_ec2_instance_connect_endpoint": {
			h(17): map[string]any{"subnet_id": "${aws_subnet.s1.id}", "timeouts": map[string]any{"create": h(18)}, "security_group_ids": []any{"${aws_security_group.sg_e.id}"}},
		},
		"aws_security_group_rule": {h(19): map[string]any{"type": "ingress"}},
		// The hybrid link and Resolver: every name and value hostile where
		// a reference does not need it plain.
		"aws_vpn_gateway": {
			"vgw": map[string]any{"vpc_id": "${aws_vpc.net.id}", "amazon_side_asn": h(21)},
			h(22): map[string]any{"vpc_id": h(23)},
		},
		"aws_customer_gateway": {"cgw": map[string]any{"ip_address": h(24), "bgp_asn": h(25)}},
		"aws_vpn_connection": {
			"conn": map[string]any{"vpn_gateway_id": "${aws_vpn_gateway.vgw.id}", "customer_gateway_id": "${aws_customer_gateway.cgw.id}", "static_routes_only": true},
			h(26):  map[string]any{"vpn_gateway_id": "${aws_vpn_gateway.vgw.id}", "customer_gateway_id": h(27)},
		},
		"aws_vpn_connection_route":          {h(28): map[string]any{"vpn_connection_id": "${aws_vpn_connection.conn.id}", "destination_cidr_block": h(29)}},
		"aws_dx_gateway_association":        {h(30): map[string]any{"associated_gateway_id": "${aws_vpn_gateway.vgw.id}", "dx_gateway_id": h(31), "allowed_prefixes": []any{h(32)}}},
		"aws_vpn_gateway_route_propagation": {h(33): map[string]any{"vpn_gateway_id": "${aws_vpn_gateway.vgw.id}", "route_table_id": h(34)}},
		"aws_route":                         {h(35): map[string]any{"route_table_id": h(36), "gateway_id": "${aws_vpn_gateway.vgw.id}", "destination_cidr_block": h(37)}},
		"aws_route53_resolver_endpoint": {
			"inb": map[string]any{"direction": "INBOUND", "security_group_ids": []any{"${aws_security_group.sg1.id}"},
				"ip_address": []any{map[string]any{"subnet_id": "${aws_subnet.s0.id}", "ip": h(38)}, map[string]any{"subnet_id": h(39)}}},
			h(40): map[string]any{"direction": h(41), "ip_address": []any{map[string]any{"subnet_id": "${aws_subnet.s1.id}", "ip": h(42)}}},
		},
		"aws_route53_resolver_rule": {
			h(43): map[string]any{"domain_name": h(44), "rule_type": h(45), "resolver_endpoint_id": "${aws_route53_resolver_endpoint.inb.id}",
				"target_ip": []any{map[string]any{"ip": h(46), "port": h(47)}}},
			"rule": map[string]any{"domain_name": h(48), "rule_type": "FORWARD", "target_ip": []any{map[string]any{"ip": "192.168.1.1", "port": 53}}},
		},
		"aws_route53_resolver_rule_association": {h(49): map[string]any{"resolver_rule_id": "${aws_route53_resolver_rule.rule.id}", "vpc_id": h(50)}},
	}
	for i := range 4 {
		res["aws_subnet"][fmt.Sprintf("s%d", i)] = map[string]any{"vpc_id": "${aws_vpc.net.id}", "cidr_block": fmt.Sprintf("10.0.%d.0/24", i),
			"availability_zone": h(i + 3), "tags": map[string]any{"privnet:tier": h(i * 5), "privnet:kind": h(i*5 + 1)}}
	}
	// A mention and an issue reference as a tier's name (and as the last
	// stack's name, below): the bot posting the report must not ping or
	// link them.
	res["aws_subnet"]["s_mention"] = map[string]any{"vpc_id": "${aws_vpc.net.id}", "cidr_block": "10.0.9.0/24",
		"availability_zone": "us-east-1a", "tags": map[string]any{"privnet:tier": "@octocat fixes #1", "privnet:kind": "isolated"}}
	res["aws_subnet"]["gone_EVIL"] = map[string]any{"vpc_id": "${aws_vpc.net.id}", "cidr_block": h(20)}
	for i, n := range hostile {
		res["aws_vpc_endpoint"][n] = map[string]any{"vpc_endpoint_type": []string{"Interface", "Gateway", h(i)}[i%3], "service_name": "com.amazonaws.us-east-1." + h(i+1),
			"subnet_ids": []any{"${aws_subnet.s0.id}", "${aws_subnet.s1.id}"}, "security_group_ids": []any{"${aws_security_group.sg1.id}"}, "service_region": h(i + 2)}
		res["aws_instance"][n] = map[string]any{"instance_type": h(i + 3), "subnet_id": "${aws_subnet.s2.id}", "private_ip": h(i + 4),
			"vpc_security_group_ids": []any{"${aws_security_group.sg2.id}"}}
		res["aws_vpc_security_group_ingress_rule"][n] = map[string]any{"security_group_id": "${aws_security_group.sg1.id}", "ip_protocol": h(i + 5),
			"from_port": 443, "to_port": 443, "cidr_ipv4": h(i + 6), "description": h(i + 7)}
		res["aws_vpc_security_group_egress_rule"][n] = map[string]any{"security_group_id": "${aws_security_group.sg2.id}", "ip_protocol": "tcp",
			"from_port": 22, "to_port": 22, "cidr_ipv4": h(i+8) + "/32", "description": h(i + 9)}
	}
	res["aws_instance"]["target"] = map[string]any{"private_ip": "10.0.0.5", "subnet_id": "${aws_subnet.s2.id}"}
	// Mermaid's keywords as names: the ids are prefixed (i_end), the labels quoted.
	for _, k := range []string{"end", "subgraph", "click", "style", "classDef", "class", "linkStyle", "default", "graph", "flowchart", "direction", "o", "x", "call", "href"} {
		res["aws_instance"][k] = map[string]any{"subnet_id": "${aws_subnet.s3.id}", "instance_type": k, "vpc_security_group_ids": []any{"${aws_security_group." + k + ".id}"}}
		res["aws_security_group"][k] = map[string]any{}
		res["aws_vpc_security_group_ingress_rule"]["kw_"+k] = map[string]any{"security_group_id": "${aws_security_group." + k + ".id}", "ip_protocol": k,
			"from_port": 1, "to_port": 2, "referenced_security_group_id": "${aws_security_group.sg2.id}"}
		res["aws_vpc"][k] = map[string]any{"cidr_block": k}
	}
	// Numbers no port can be: refused and listed, never printed.
	res["aws_vpc_security_group_ingress_rule"]["huge"] = map[string]any{"security_group_id": "${aws_security_group.sg1.id}", "ip_protocol": "tcp",
		"from_port": json.RawMessage("1e300"), "to_port": json.RawMessage("1e300"), "cidr_ipv4": "10.0.0.0/16"}
	res["aws_vpc_security_group_ingress_rule"]["half"] = map[string]any{"security_group_id": "${aws_security_group.sg1.id}", "ip_protocol": "tcp",
		"from_port": 22.5, "to_port": 23, "cidr_ipv4": "10.0.0.0/16"}
	res["aws_vpc_security_group_ingress_rule"]["wide"] = map[string]any{"security_group_id": "${aws_security_group.sg1.id}", "ip_protocol": "udp",
		"from_port": 70000, "to_port": -5, "cidr_ipv4": "10.0.0.0/16"}
	// What runs outside AWS, and what is made N times: named under "Not
	// in this report".
	res["aws_instance"]["target"].(map[string]any)["provisioner"] = []any{map[string]any{h(12): map[string]any{}}, map[string]any{"local-exec": map[string]any{"command": h(13)}}}
	res["aws_vpc"]["net"].(map[string]any)["count"] = h(14)
	res["aws_vpc"]["net"].(map[string]any)["for_each"] = h(15)
	headDoc := map[string]any{"provider": map[string]any{"aws": []any{map[string]any{"region": h(1)}}}, "resource": res,
		"module": map[string]any{h(2): map[string]any{"source": h(3)}},
		"terraform": map[string]any{"backend": map[string]any{"s3": map[string]any{"bucket": h(4), "key": h(5)}},
			"required_providers": map[string]any{"aws": map[string]any{"source": "hashicorp/aws"}}},
		"data":   map[string]any{"external": map[string]any{h(6): map[string]any{"program": []any{h(7)}}}, "http": map[string]any{h(8): map[string]any{"url": h(9)}}},
		"output": map[string]any{h(10): map[string]any{"value": h(11)}}}
	parse := func(name string, doc any) *Stack {
		b, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		s, err := Parse(name, b)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	// Rules suppressed in the head (core.Suppress writes them into the
	// stack's metadata): the reason, path and title are the author's text.
	headDoc["//"] = map[string]any{"privnet": map[string]any{"suppressed": []any{
		map[string]any{"rule": "PN-EP-5", "title": h(4), "path": h(5), "reason": h(6), "silenced": []any{h(7), h(8)}},
		map[string]any{"rule": "PN-SSM-1", "title": h(9), "path": "", "reason": h(10), "silenced": []any{}},
	}}}
	baseDoc := map[string]any{}
	for k, v := range headDoc {
		if k != "//" {
			baseDoc[k] = v
		}
	}
	for i, n := range []string{"EVIL|stack<!--", "EVIL`stack\n# x", "plain", "@acme/security-team"} {
		head = append(head, parse(n, headDoc))
		b := parse(n, baseDoc)
		if i == 0 {
			b.Resources["aws_vpc"]["old`<!-- EVIL"]["cidr_block"] = "10.8.0.0/16" // replaced in head
			// The head moves the region, the state and the provider's
			// source, and drops the base's endpoints: all warnings.
			b.Blocks["provider"] = map[string]any{"aws": []any{map[string]any{"region": "us-east-1", "endpoints": map[string]any{h(16): h(17)}}}}
			tf := b.Blocks["terraform"].(map[string]any)
			tf["backend"] = map[string]any{"s3": map[string]any{"bucket": "base-bucket", "key": h(5)}}
			tf["required_providers"] = map[string]any{"aws": map[string]any{"source": h(18)}}
			b.Blocks["output"] = map[string]any{h(10): map[string]any{"value": h(19)}, h(20): map[string]any{}}
		} else {
			delete(b.Resources["aws_subnet"], "gone_EVIL") // head adds it
		}
		base = append(base, b)
	}
	delete(head[0].Resources["aws_subnet"], "gone_EVIL") // deleted in head
	return head, base
}

// The report of hostile names: every string lands escaped, the warnings
// and every section after them stay visible, each table row keeps its
// cells, and every diagram line is a statement privnet writes.
// PRIVNET_HOSTILE_REPORT=path writes the report there, for
// tools/mermaid/check.sh to render its diagrams.
func TestHostileNames(t *testing.T) {
	head, base := hostileStacks(t)
	md := Report(head, base)
	if p := os.Getenv("PRIVNET_HOSTILE_REPORT"); p != "" {
		if err := os.WriteFile(p, []byte(md), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// The warnings come first, intact, one per destroyed resource.
	for _, w := range []string{
		"> [!WARNING]\n> This change destroys 2 resource(s) a closed network depends on:\n",
		"> - **EVIL&#124;stack&lt;!--** ``aws_vpc.old`<!-- EVIL``: replaced (cidr_block changed)\n",
		"> - **EVIL&#124;stack&lt;!--** `aws_subnet.gone_EVIL`: deleted\n",
	} {
		if !strings.Contains(md, w) {
			t.Errorf("report lacks %q", w)
		}
	}
	// The head's region, backend and provider source differ from the
	// base's, and it drops the base's endpoints: warnings too, escaped.
	for _, w := range []string{
		"> [!WARNING]\n> This change moves a stack's state, or changes where and as whom Terraform applies it:\n",
		"> - **EVIL&#124;stack&lt;!--** `provider.aws`: region changed from us-east-1 to EVIL␊newline␊#\u200b#\u200b Fake heading: every resource of the stack would be recreated in EVIL␊newline␊#\u200b#\u200b Fake heading; endpoints changed: Terraform would call AWS at other endpoints, or as another identity\n",
		"> - **EVIL&#124;stack&lt;!--** `terraform.backend.s3`: backend s3 (bucket \"EVIL\\`\\`double\\`\\`backticks\\`\", key \"old\\`&lt;!-- EVIL\") changed (bucket): the state moves; Terraform would read and write it there\n",
		"> - **EVIL&#124;stack&lt;!--** `terraform.required_providers`: provider source changed (aws from EVIL#\u200bquot;#\u200b35; to hashicorp/aws)",
		"| EVIL&#124;stack&lt;!-- | changed | ``aws_vpc.old`<!-- EVIL`` | cidr_block |\n",
		"| EVIL&#124;stack&lt;!-- | changed | `output.EVIL␊click x href \"javascript:alert(1)\"` | value |\n",
	} {
		if !strings.Contains(md, w) {
			t.Errorf("report lacks %q", w)
		}
	}
	// Every section is there, in order, after the warnings.
	var want []string
	want = append(want, "# privnet review", "> [!WARNING]", "> [!WARNING]", "> [!CAUTION]", "> [!IMPORTANT]\n> This change adds 5 rule suppression(s) and hides 0 new problem(s) under existing ones:\n",
		"## Changes against the base", "| stack | region |")
	for range head {
		want = append(want, "## Stack ", "### Endpoints", "### EC2 Instance Connect endpoints", "### Instances", "### VPC Lattice and endpoint services",
			"### Security group rules", "### Suppressed rules", "### Estimated cost", "### Not in this report", "### Diagram", "```mermaid", "```")
	}
	checkOrder(t, md, want)

	// Numbers that are not ports are listed as invalid and printed nowhere else.
	for _, w := range []string{
		"- invalid: aws_vpc_security_group_ingress_rule.huge: from_port 1e300 is not a port (an integer from -1 to 65535); the rule is left out\n",
		"- invalid: aws_vpc_security_group_ingress_rule.half: from_port 22.5 is not a port (an integer from -1 to 65535); the rule is left out\n",
		"- invalid: aws_vpc_security_group_ingress_rule.wide: from_port 70000 is not a port (an integer from -1 to 65535); the rule is left out\n",
		"> - **plain**: 3 invalid value(s), left out of the report; 8 thing(s) Terraform applies that the report does not show\n",
		// What runs outside AWS, and what Terraform makes N times.
		"- not shown: data.external.EVIL&lt;!--: runs a program on the machine that runs Terraform, at every plan; read its program in the JSON\n",
		"- not shown: data.http.EVIL\"\\]--&gt;x: sends an HTTP request from the machine that runs Terraform, at every plan; read its url and headers in the JSON\n",
		"- not shown: aws_instance.target: provisioner %%{init: {'securityLevel': 'loose'}}%%EVIL runs when the resource is created or destroyed; read it in the JSON\n",
		"- not shown: aws_instance.target: provisioner local-exec runs a command on the machine that runs Terraform; read it in the JSON\n",
		"- not shown: aws_vpc.net: count \"EVIL\\[link\\](https\\://example.com)!\\[img\\](x…: Terraform makes one resource per count, the report shows one\n",
		"- not shown: aws_vpc.net: for_each: Terraform makes one resource per element, the report shows one\n",
		"- not shown: aws_security_group_rule.EVIL &amp; &amp;lt; &amp;#\u200b124;: rules of this type are not shown here",
		"- not shown: module \"EVIL\\\\r\\\\n&gt; \\[!NOTE\\]\\\\r\\\\n&gt; fake note\" (source \"EVIL\\`tick\\`\"): its resources are not in this report\n",
		// A suppression's reason is the author's text, escaped like a name.
		"> - **plain** adds `PN-EP-5` on ``old`<!-- EVIL``: EVIL&lt;!--\n",
		"> - **plain** adds `PN-SSM-1` on `the whole app`: EVIL␊click x href \"javascript:alert(1)\"\n",
	} {
		if !strings.Contains(md, w) {
			t.Errorf("report lacks %q", w)
		}
	}
	// Mentions and issue references are broken by a zero-width space,
	// in text; code spans keep them as written (GitHub links nothing there).
	for _, w := range []string{
		"## Stack @\u200bacme/security-team (",
		"[@\u200bacme/security-team](#stack-acme-security-team)",
		"; @\u200boctocat fixes #\u200b1 (isolated: 10.0.9.0/24)",
		"@\u200bacme/security-team EVIL",
		"EVIL @\u200boctocat fixes #\u200b1, GH-\u200b2 and acme/repo#\u200b3",
		"`EVIL @octocat fixes #1, GH-2 and acme/repo#3`",
	} {
		if !strings.Contains(md, w) {
			t.Errorf("report lacks %q", w)
		}
	}
	if strings.Contains(md, "@octocat fixes #1 (") || strings.Contains(md, "**@acme") {
		t.Error("a mention reached the report's text as written")
	}
	if strings.Contains(md, "9223372036854775808") || strings.Contains(md, "70000/") {
		t.Error("an invalid port is printed as a port")
	}
	checkMarkdown(t, md)
	checkMermaid(t, md)
}

func checkOrder(t *testing.T, md string, want []string) {
	t.Helper()
	at := 0
	for _, w := range want {
		i := strings.Index(md[at:], w)
		if i < 0 {
			t.Fatalf("%q missing, or out of order, after byte %d", w, at)
		}
		at += i + len(w)
	}
}

var (
	allowedHTML = regexp.MustCompile(`^<a id="stack-[a-z0-9-]*"></a>$`)
	// Markdown's escapes and the entities text writes.
	mdEscapes = regexp.MustCompile(`\\[\\` + "`" + `*\[\]~$!_|]|&(amp|lt|gt|#124);`)
	// A mention or an issue reference GitHub would link: an @, a # or
	// GH- not followed by a zero-width space. ourHashes are the report's
	// own: headings and the links to the stacks' anchors.
	mention   = regexp.MustCompile(`(?i)[@#][^\x{200b}]|[@#]$|\bgh-[^\x{200b}]`)
	ourHashes = regexp.MustCompile(`^#+ |\]\(#stack-[a-z0-9-]*\)`)
	// Our own line starts; a line from a name would start otherwise.
	lineStarts = regexp.MustCompile(`^(# privnet review|## Stack |## Changes|### [A-Z]|\| |\|---|> |- |  - |<a id=|Prices: |No |On top|Left out|Cross-region endpoints to AWS services \(|Whether each AWS service is offered in |AZ support was not checked for |AZ support was not checked against the recorded lookups for |AZ support, checked against the recorded lookups:|✓ private, |Private hosted zones that send |What centralising saves |Against the saving: |Through the hub, |[0-9]+\. |$)`)
)

// checkMarkdown checks, line by line outside the mermaid fences, what
// GitHub's Markdown would make of the report: code spans close on their
// line, no raw HTML but the anchors, no stray backtick, every table row
// has its header's number of cells, and no line starts with anything
// privnet does not write.
func checkMarkdown(t *testing.T, md string) {
	t.Helper()
	fence := false
	header := 0
	for n, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "```") {
			fence = !fence
			continue
		}
		if fence {
			continue
		}
		if !lineStarts.MatchString(line) {
			t.Errorf("line %d starts with text privnet does not write: %q", n+1, line)
		}
		if allowedHTML.MatchString(line) {
			continue
		}
		rest, pipes := outsideCode(t, n+1, strings.TrimPrefix(line, "> "))
		rest = mdEscapes.ReplaceAllString(rest, "")
		if strings.ContainsAny(rest, "<>`\r\u202e") {
			t.Errorf("line %d: raw <, >, a backtick or a control character outside code spans: %q", n+1, line)
		}
		if m := mention.FindString(ourHashes.ReplaceAllString(rest, "")); m != "" {
			t.Errorf("line %d: %q outside code spans would ping someone or link an issue: %q", n+1, m, line)
		}
		switch {
		case strings.HasPrefix(line, "|---"):
		case strings.HasPrefix(line, "| ") && header == 0:
			header = pipes
		case strings.HasPrefix(line, "| ") && pipes != header:
			t.Errorf("line %d: %d cell separators, the header has %d: %q", n+1, pipes, header, line)
		case !strings.HasPrefix(line, "| "):
			header = 0
		}
	}
	if fence {
		t.Error("a code fence is left open")
	}
}

// outsideCode is line without its code spans (CommonMark: a run of N
// backticks opens a span that the next run of exactly N closes), failing
// on a span that does not close; and the number of table cell separators:
// | outside code spans, or in a table row, any | not after a backslash.
func outsideCode(t *testing.T, n int, line string) (string, int) {
	var out strings.Builder
	pipes := 0
	for i := 0; i < len(line); {
		switch {
		case line[i] == '\\' && i+1 < len(line):
			out.WriteString(line[i : i+2])
			i += 2
		case line[i] == '`':
			j := i
			for j < len(line) && line[j] == '`' {
				j++
			}
			run := line[i:j]
			end := -1
			for k := j; k < len(line); {
				if line[k] != '`' {
					k++
					continue
				}
				m := k
				for m < len(line) && line[m] == '`' {
					m++
				}
				if m-k == len(run) {
					end = k
					break
				}
				k = m
			}
			if end < 0 {
				t.Errorf("line %d: code span %q opened at byte %d does not close: %q", n, run, i, line)
				return "", 0
			}
			inner := line[j:end]
			for k := 0; k < len(inner); k++ {
				if inner[k] == '|' && (k == 0 || inner[k-1] != '\\') {
					pipes++ // would split a table cell
				}
			}
			i = end + len(run)
		case line[i] == '|':
			pipes++
			i++
		default:
			out.WriteByte(line[i])
			i++
		}
	}
	return out.String(), pipes
}

var (
	mmLabel = `(?:[A-Za-z0-9 \-._/:,()+=@]|#[0-9]+;|<br/>)*`
	mmID    = `[A-Za-z][A-Za-z0-9_]*`
	mmLine  = regexp.MustCompile(`^(?:flowchart LR|\s+end` +
		`|\s+subgraph ` + mmID + `\["` + mmLabel + `"\]` +
		`|\s+` + mmID + `(?:\["` + mmLabel + `"\]|\[\("` + mmLabel + `"\)\]|\(\["` + mmLabel + `"\]\)|\{\{"` + mmLabel + `"\}\}|\[/"` + mmLabel + `"/\]|\[/"` + mmLabel + `"\\\]|\(\("` + mmLabel + `"\)\))` +
		`|\s+` + mmID + ` (?:-->|-- "` + mmLabel + `" -->|-\. "` + mmLabel + `" \.->|---|-- "` + mmLabel + `" ---) ` + mmID + `(?:\(\("` + mmLabel + `"\)\))?` +
		`)$`)
)

// checkMermaid checks every line of every diagram against the statements
// privnet writes, with labels made only of safe characters and numeric
// entities: no quote, no %%, no click, no second statement on a line.
func checkMermaid(t *testing.T, md string) {
	t.Helper()
	blocks := 0
	for _, block := range strings.Split(md, "```mermaid\n")[1:] {
		blocks++
		body, _, ok := strings.Cut(block, "```")
		if !ok {
			t.Fatal("a mermaid block does not close")
		}
		for _, line := range strings.Split(strings.TrimSuffix(body, "\n"), "\n") {
			if !mmLine.MatchString(line) {
				t.Errorf("diagram line is not a statement privnet writes: %q", line)
			}
		}
		ids := regexp.MustCompile(`(?m)^\s+(?:subgraph )?(`+mmID+`)[\[({]`).FindAllStringSubmatch(body, -1)
		seen := map[string]bool{}
		for _, m := range ids {
			if seen[m[1]] {
				t.Errorf("node id %s is defined twice: two resources would share a node", m[1])
			}
			seen[m[1]] = true
		}
	}
	// A diagram too large for GitHub (a huge name in every label) is left
	// out with a sentence instead; otherwise there is one.
	if blocks == 0 && !strings.Contains(md, "### Diagram\n\nLeft out: ") {
		t.Error("no diagram, and no sentence saying why")
	}
}

// The same report through cmark-gfm, the C library GitHub's Markdown is
// built on, when it is installed (apt-get install cmark-gfm; CI installs
// it): raw HTML passes through (as GitHub passes it to its sanitizer),
// yet none of the names became HTML or a comment, and every heading,
// warning and table cell is where the report put it.
func TestHostileNamesWithCmarkGFM(t *testing.T) {
	bin, err := exec.LookPath("cmark-gfm")
	if err != nil {
		t.Skip("cmark-gfm is not installed (apt-get install cmark-gfm)")
	}
	head, base := hostileStacks(t)
	md := Report(head, base)
	cmd := exec.Command(bin, "--unsafe", "-e", "table", "-e", "autolink", "-e", "strikethrough", "-e", "tagfilter")
	cmd.Stdin = strings.NewReader(md)
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	html := string(out)
	for _, bad := range []string{"<!--", "<script", "<img", `<a href="http`, "<em>", "<strong>bold", "<del>"} {
		if strings.Contains(html, bad) {
			t.Errorf("a name became HTML: %q in the rendered report", bad)
		}
	}
	// GitHub finds mentions and issue references in the HTML's text,
	// outside code: each must be broken by a zero-width space there.
	textOnly := regexp.MustCompile(`(?s)<code[^>]*>.*?</code>|href="#stack-[a-z0-9-]*"`).ReplaceAllString(html, "")
	for _, m := range mention.FindAllString(textOnly, -1) {
		t.Errorf("the rendered report mentions or links %q", m)
	}
	if !strings.Contains(html, "<h2>Stack @\u200bacme/security-team (") {
		t.Error("the stack named @acme/security-team lost its zero-width space")
	}
	if n := strings.Count(html, "<h2>Stack "); n != len(head) {
		t.Errorf("%d stack headings rendered, want %d", n, len(head))
	}
	if n := strings.Count(html, `<code class="language-mermaid">`); n != len(head) {
		t.Errorf("%d diagrams rendered, want %d", n, len(head))
	}
	// The title, the change list, and per stack its heading and 11 sections.
	if n, want := strings.Count(html, "<h1>")+strings.Count(html, "<h2>")+strings.Count(html, "<h3>"), 2+12*len(head); n != want {
		t.Errorf("%d headings rendered, want %d (a name made or hid one)", n, want)
	}
	warn := strings.Split(html[:strings.Index(html, "[!CAUTION]")], "[!WARNING]")
	if len(warn) != 3 {
		t.Fatalf("%d warning blocks rendered, want 2", len(warn)-1)
	}
	if n := strings.Count(warn[1], "<li>"); n != 2 {
		t.Errorf("%d destroyed resources rendered, want 2:\n%s", n, warn[1])
	}
	if n := strings.Count(warn[2], "<li>"); n != 3 {
		t.Errorf("%d state or provider warnings rendered, want 3:\n%s", n, warn[2])
	}
	// Every table row has its header's cells.
	for _, table := range strings.Split(html, "<table>")[1:] {
		table = table[:strings.Index(table, "</table>")]
		rows := strings.Split(table, "<tr>")[1:]
		want := strings.Count(rows[0], "<th")
		for _, r := range rows[1:] {
			if got := strings.Count(r, "<td"); got != want {
				t.Errorf("a table row has %d cells, its header %d: %s", got, want, r)
			}
		}
	}
}
