package review

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/privnet/privnet/constructs/endpoints/catalog"
	"github.com/privnet/privnet/reach"
	"github.com/privnet/privnet/record"
)

// Report renders the Markdown for the head stacks; base, when not nil, is
// the base branch's stacks for the change list and its warnings.
func Report(head, base []*Stack) string { return strings.Join(reportBlocks(head, base), "") }

// ReportLimited is Report cut to at most maxBytes (GitHub refuses comments
// over 65,536 characters): it drops whole blocks from the end (a stack's
// section, the change table), never part of one, so no table, code span or
// diagram is left open, and says what it left out. The warnings come first
// and are kept.
func ReportLimited(head, base []*Stack, maxBytes int) string {
	blocks := reportBlocks(head, base)
	var b strings.Builder
	for i, bl := range blocks {
		note := fmt.Sprintf(cutNote, len(blocks)-i)
		switch {
		case b.Len()+len(bl)+len(note)+1 <= maxBytes || (i == len(blocks)-1 && b.Len()+len(bl) <= maxBytes):
			b.WriteString(bl)
			continue
		case i == 0:
			// The title and the warnings alone are too long: keep whole
			// lines of them (each line closes what it opens).
			for _, line := range strings.SplitAfter(bl, "\n") {
				if b.Len()+len(line)+len(note)+1 > maxBytes {
					break
				}
				b.WriteString(line)
			}
			b.WriteString("\n")
		}
		b.WriteString(note)
		return b.String()
	}
	return b.String()
}

const cutNote = "> [!NOTE]\n> The report was cut here to fit a comment: %d section(s) left out. The full report is the review.md the review command wrote.\n"

// reportBlocks is the report in self-contained blocks: each ends with a
// blank line and closes every table, list, code span and fence it opens.
func reportBlocks(head, base []*Stack) []string {
	views := make([]*view, len(head))
	headMx := reach.Matrices(head)
	byName := map[string]*Stack{}
	for _, s := range head {
		byName[s.Name] = s
	}
	for i, s := range head {
		views[i] = newView(s)
		views[i].matrix = &headMx[i]
		views[i].others = byName
	}
	var blocks []string
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	flush := func() {
		if b.Len() > 0 {
			blocks = append(blocks, b.String())
			b.Reset()
		}
	}
	w("# privnet review\n\n")
	var changes []Change
	if base != nil {
		changes = Diff(base, head)
		var warn, alerts []Change
		for _, c := range changes {
			if c.Warning != "" {
				warn = append(warn, c)
			}
			if c.Alert != "" {
				alerts = append(alerts, c)
			}
		}
		if len(warn) > 0 {
			w("> [!WARNING]\n> This change destroys %d resource(s) a closed network depends on:\n", len(warn))
			for _, c := range warn {
				w("> - **%s** %s: %s\n", text(c.Stack), code(c.Address()), text(c.Warning))
			}
			w("\n")
		}
		if len(alerts) > 0 {
			w("> [!WARNING]\n> This change moves a stack's state, or changes where and as whom Terraform applies it:\n")
			for _, c := range alerts {
				w("> - **%s** %s: %s\n", text(c.Stack), code(c.Address()), text(c.Alert))
			}
			w("\n")
		}
		flush() // the reachability changes are a block of their own, kept whole or left out with a note
		reachChanges(&b, reach.Changes(reach.Matrices(base), headMx))
		flush()
	}
	caution(&b, views)
	suppressedNote(&b, head, base)
	flush()
	if base != nil {
		w("## Changes against the base\n\n")
		if len(changes) == 0 {
			w("No changes.\n\n")
		} else {
			w("| stack | change | address | attributes |\n|---|---|---|---|\n")
			for _, c := range changes {
				w("%s", cells(text(c.Stack), c.Kind, code(c.Address()), texts(c.Attributes)))
			}
			w("\n")
		}
		flush()
	}
	anchor := newAnchors()
	w("| stack | region | resources | estimated fixed cost / month |\n|---|---|---|---|\n")
	for _, v := range views {
		w("%s", cells(fmt.Sprintf("[%s](#%s)", text(v.Name), anchor.get(v.Name)), text(v.Region), fmt.Sprint(v.Count()), money(Estimate(v.Stack))))
	}
	w("\nPrices: %s. Estimates cover hourly charges only; usage charges (per GB, per NLCU-hour) and what is not estimated are listed per stack.\n\n", PricesAsOf)
	flush()
	for _, v := range views {
		stackSection(&b, v, anchor.get(v.Name))
		flush()
	}
	return blocks
}

// caution lists, at the top, the stacks with invalid values or with
// things the report does not cover, so that a long report cannot bury them.
func caution(b *strings.Builder, views []*view) {
	var lines []string
	for _, v := range views {
		var parts []string
		for _, vpc := range v.Names("aws_vpc") {
			if e := v.egress(vpc); e.internet && e.firewall == "" {
				parts = append(parts, fmt.Sprintf("VPC %s reaches the internet (%s) with no Network Firewall: every address is open to what may leave", code(vpc), e.through))
			}
		}
		if n := len(v.problems); n > 0 {
			parts = append(parts, fmt.Sprintf("%d invalid value(s), left out of the report", n))
		}
		if n := len(v.uncovered); n > 0 {
			parts = append(parts, fmt.Sprintf("%d thing(s) Terraform applies that the report does not show", n))
		}
		if len(parts) > 0 {
			lines = append(lines, fmt.Sprintf("> - **%s**: %s\n", text(v.Name), strings.Join(parts, "; ")))
		}
	}
	if len(lines) == 0 {
		return
	}
	fmt.Fprintf(b, "> [!CAUTION]\n> Read these; each stack's section says more (\"Not in this report\" for what the report does not show):\n%s\n", strings.Join(lines, ""))
}

// ssmManaged tells whether an instance's role has
// AmazonSSMManagedInstanceCore: instance -> profile -> role -> attachment.
func (v *view) ssmManaged(i map[string]any) bool {
	_, profile, _, ok := Ref(i["iam_instance_profile"])
	if !ok {
		return false
	}
	_, role, _, ok := Ref(v.Get("aws_iam_instance_profile", profile)["role"])
	if !ok {
		return false
	}
	for _, n := range v.Names("aws_iam_role_policy_attachment") {
		a := v.Get("aws_iam_role_policy_attachment", n)
		if _, r, _, ok := Ref(a["role"]); ok && r == role && strings.HasSuffix(str(a, "policy_arn"), "/AmazonSSMManagedInstanceCore") {
			return true
		}
	}
	return false
}

// vpcOfSubnet is the VPC (Terraform name) of a subnet reference, or "".
func (v *view) vpcOfSubnet(ref any) string {
	if _, sn, _, ok := Ref(ref); ok {
		if t := v.subnetTier[sn]; t != nil {
			return t.vpc
		}
	}
	return ""
}

// hasInterface tells whether a VPC has an interface endpoint to the AWS
// service key (the last part of its service name).
func (v *view) hasInterface(vpc, key string) bool {
	for _, n := range v.Names("aws_vpc_endpoint") {
		e := v.Get("aws_vpc_endpoint", n)
		if _, ev, _, ok := Ref(e["vpc_id"]); ok && ev == vpc && str(e, "vpc_endpoint_type") == "Interface" && strings.HasSuffix(str(e, "service_name"), "."+key) {
			return true
		}
	}
	return false
}

// egress is how a VPC reaches the internet: through an internet gateway
// (and NAT gateways), filtered by a Network Firewall or not.
type egress struct {
	internet bool
	through  string // "NAT gateways and internet gateway x"
	firewall string // the firewall's Terraform name
	// filtered: the firewall is privnet's allow list, and nothing reaches
	// the internet gateway around it; only then is the domain list what
	// the VPC reaches. why says what is not so.
	filtered  bool
	why       string
	domains   []string
	protocols []string // HTTPS (TLS_SNI), HTTP (HTTP_HOST), sorted
}

func (v *view) egress(vpc string) egress {
	var e egress
	inVpc := func(r map[string]any) bool {
		_, n, _, ok := Ref(r["vpc_id"])
		return ok && n == vpc
	}
	var igws, eigws []string
	for _, n := range v.Names("aws_internet_gateway") {
		if inVpc(v.Get("aws_internet_gateway", n)) {
			igws = append(igws, n)
		}
	}
	// An egress-only internet gateway lets IPv6 out with no internet
	// gateway at all: the VPC reaches the internet all the same.
	for _, n := range v.Names("aws_egress_only_internet_gateway") {
		if inVpc(v.Get("aws_egress_only_internet_gateway", n)) {
			eigws = append(eigws, n)
		}
	}
	if len(igws) == 0 && len(eigws) == 0 {
		return e
	}
	e.internet = true
	if len(igws) == 0 {
		e.through = "egress-only internet gateway " + codes(eigws) + " (IPv6 out)"
		return e
	}
	nats := 0
	for _, n := range v.Names("aws_nat_gateway") {
		if _, sn, _, ok := Ref(v.Get("aws_nat_gateway", n)["subnet_id"]); ok {
			if t := v.subnetTier[sn]; t != nil && t.vpc == vpc {
				nats++
			}
		}
	}
	e.through = "internet gateway " + codes(igws)
	if nats > 0 {
		e.through = fmt.Sprintf("%s, and %s in the public tier", e.through, plural(nats, "NAT gateway"))
	}
	if len(eigws) > 0 {
		e.through += ", and egress-only internet gateway " + codes(eigws) + " (IPv6 out)"
	}
	for _, n := range v.Names("aws_networkfirewall_firewall") {
		if f := v.Get("aws_networkfirewall_firewall", n); inVpc(f) {
			e.firewall = n
			e.domains, e.protocols, e.why = v.allowList(f)
			if e.why == "" {
				e.why = v.firewallBypass(vpc, n, igws)
			}
			e.filtered = e.why == ""
			break
		}
	}
	return e
}

// allowList returns the domains of a firewall that is privnet's kind of
// allow list: strict order, a drop default, and only ALLOWLIST domain
// lists as stateful rules, no stateless rules; or why it is not one (the
// report then does not claim what it filters).
func (v *view) allowList(f map[string]any) (domains, protocols []string, why string) {
	_, p, _, ok := Ref(f["firewall_policy_arn"])
	if !ok {
		return nil, nil, "its policy is not in the stack"
	}
	pols := objectsIn(v.Get("aws_networkfirewall_firewall_policy", p), "firewall_policy")
	if len(pols) != 1 {
		return nil, nil, "its policy is not in the stack"
	}
	pol := pols[0]
	if len(objectsIn(pol, "stateless_rule_group_reference")) > 0 {
		return nil, nil, "its policy has stateless rule groups"
	}
	drops := false
	for _, a := range list(pol, "stateful_default_actions") {
		if d := scalar(a); strings.HasPrefix(d, "aws:drop_") {
			drops = true
		}
	}
	if !drops {
		return nil, nil, "its policy does not drop what no rule passes"
	}
	seen := map[string]bool{}
	for _, ref := range objectsIn(pol, "stateful_rule_group_reference") {
		_, g, _, ok := Ref(ref["resource_arn"])
		if !ok {
			return nil, nil, "a rule group of its policy is not in the stack"
		}
		rg := v.Get("aws_networkfirewall_rule_group", g)
		srcs := objectsIn(rg, "rule_group", "rules_source")
		lists := objectsIn(rg, "rule_group", "rules_source", "rules_source_list")
		if len(srcs) == 1 && len(lists) == 0 && len(objectsIn(srcs[0], "stateful_rule")) == 0 && dropsOnly(str(srcs[0], "rules_string")) {
			continue // drop rules only (privnet's UDP and ICMP drops) take nothing out
		}
		if len(srcs) != 1 || len(lists) != 1 || str(srcs[0], "rules_string") != "" || len(objectsIn(srcs[0], "stateful_rule")) > 0 {
			return nil, nil, "a rule group of its policy is not a domain list alone"
		}
		if str(lists[0], "generated_rules_type") != "ALLOWLIST" {
			return nil, nil, "a domain list of its policy is not an allow list"
		}
		for _, d := range list(lists[0], "targets") {
			domains = append(domains, scalar(d))
		}
		for _, t := range list(lists[0], "target_types") {
			p := map[string]string{"TLS_SNI": "HTTPS", "HTTP_HOST": "HTTP"}[scalar(t)]
			if p == "" {
				return nil, nil, "a domain list of its policy has a target type this report does not know"
			}
			if !seen[p] {
				seen[p] = true
				protocols = append(protocols, p)
			}
		}
	}
	sort.Strings(protocols)
	return domains, protocols, ""
}

// dropsOnly tells whether Suricata rules are all drop rules (comments and
// blank lines aside), which can only take traffic out.
func dropsOnly(rules string) bool {
	n := 0
	for _, l := range strings.Split(rules, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		if !strings.HasPrefix(l, "drop ") {
			return false
		}
		n++
	}
	return n > 0
}

// firewallBypass says how traffic could leave the VPC without the
// firewall n, or "" when it cannot: every route to an internet gateway is
// from a route table whose subnets are all the firewall's (a table with no
// subnet of its own, such as the main route table that serves every
// subnet without one, counts as a bypass), no route table has inline
// routes the report does not read, no egress-only gateway lets IPv6 out,
// and each gateway's edge route table sends traffic on to the firewall.
func (v *view) firewallBypass(vpc, n string, igws []string) string {
	for _, t := range []string{"aws_route_table", "aws_default_route_table"} {
		for _, rt := range v.Names(t) {
			if len(objectsIn(v.Get(t, rt), "route")) > 0 {
				return "route table " + code(rt) + " has inline routes"
			}
		}
	}
	for _, g := range v.Names("aws_egress_only_internet_gateway") {
		if _, vn, _, ok := Ref(v.Get("aws_egress_only_internet_gateway", g)["vpc_id"]); ok && vn == vpc {
			return "IPv6 leaves through egress-only internet gateway " + code(g) + " around it"
		}
	}
	isIgw := map[string]bool{}
	for _, g := range igws {
		isIgw[g] = true
	}
	subnetsOf := map[string][]string{} // route table -> associated subnets
	edge := map[string]bool{}          // route tables associated with a gateway
	for _, a := range v.Names("aws_route_table_association") {
		r := v.Get("aws_route_table_association", a)
		t, rt, _, ok := Ref(r["route_table_id"])
		if !ok || t != "aws_route_table" {
			continue
		}
		if _, sn, _, ok := Ref(r["subnet_id"]); ok {
			subnetsOf[rt] = append(subnetsOf[rt], sn)
		}
		if t, g, _, ok := Ref(r["gateway_id"]); ok && t == "aws_internet_gateway" && isIgw[g] {
			edge[rt] = true
		}
	}
	through := "aws_networkfirewall_firewall." + n + "."
	edgeToFirewall := false
	for _, rn := range v.Names("aws_route") {
		r := v.Get("aws_route", rn)
		t, rt, _, ok := Ref(r["route_table_id"])
		if !ok || t != "aws_route_table" {
			rt = ""
		}
		if gt, g, _, ok := Ref(r["gateway_id"]); ok && gt == "aws_internet_gateway" && isIgw[g] {
			if len(subnetsOf[rt]) == 0 {
				return "route " + code(rn) + " sends traffic to the internet gateway from a route table with no subnet of its own (the main route table serves every subnet without one)"
			}
			for _, sn := range subnetsOf[rt] {
				if tr := v.subnetTier[sn]; tr == nil || tr.vpc != vpc || tr.kind != "firewall" {
					return "route " + code(rn) + " sends traffic to the internet gateway around it"
				}
			}
		}
		if rt != "" && edge[rt] && strings.Contains(str(r, "vpc_endpoint_id"), through) {
			edgeToFirewall = true
		}
	}
	if !edgeToFirewall {
		return "replies from the internet gateway do not come back through it"
	}
	return ""
}

// objectsIn follows nested blocks (each written as an object or a list of
// objects) and returns the objects at the end of the path.
func objectsIn(r map[string]any, path ...string) []map[string]any {
	cur := []map[string]any{r}
	for _, p := range path {
		var next []map[string]any
		for _, c := range cur {
			switch x := c[p].(type) {
			case map[string]any:
				next = append(next, x)
			case []any:
				for _, e := range x {
					if m, ok := e.(map[string]any); ok {
						next = append(next, m)
					}
				}
			}
		}
		cur = next
	}
	return cur
}

// suppressedNote says at the top how many rules are silenced, and, against
// a base, which suppressions this change adds and which problems it
// silences under suppressions already there: a reviewer must see a rule
// switched off, or a new problem hidden by an old switch, as clearly as a
// resource replaced.
func suppressedNote(b *strings.Builder, head, base []*Stack) {
	key := func(stack string, s Suppressed) string {
		if s.Path == "" {
			stack = "" // the app's: one suppression, whatever the stack
		}
		return stack + "\x00" + s.Rule + "\x00" + s.Path + "\x00" + s.Reason
	}
	was := map[string]map[string]bool{} // suppression -> stack+message silenced in the base
	for _, s := range base {
		for _, sup := range s.Suppressed {
			k := key(s.Name, sup)
			if was[k] == nil {
				was[k] = map[string]bool{}
			}
			for _, m := range sup.Silenced {
				was[k][s.Name+"\x00"+m] = true
			}
		}
	}
	inForce := map[string]bool{}
	added := map[string]bool{}
	var lines []string
	for _, s := range head {
		for _, sup := range s.Suppressed {
			k := key(s.Name, sup)
			inForce[k] = true
			old, existed := was[k]
			if base == nil {
				continue
			}
			if !existed {
				added[k] = true
				lines = append(lines, fmt.Sprintf("> - **%s** adds %s on %s: %s\n", text(s.Name), code(sup.Rule), code(orApp(sup.Path)), text(sup.Reason)))
				continue
			}
			for _, m := range sup.Silenced {
				if !old[s.Name+"\x00"+m] {
					lines = append(lines, fmt.Sprintf("> - **%s** silences under the existing %s on %s: %s\n", text(s.Name), code(sup.Rule), code(orApp(sup.Path)), text(m)))
				}
			}
		}
	}
	if len(lines) > 0 {
		fmt.Fprintf(b, "> [!IMPORTANT]\n> This change adds %d rule suppression(s) and hides %d new problem(s) under existing ones:\n%s\n",
			len(added), silencedNew(lines), strings.Join(lines, ""))
	} else if len(inForce) > 0 {
		fmt.Fprintf(b, "> [!NOTE]\n> %d rule suppression(s) are in force; each stack lists them with their reasons under \"Suppressed rules\".\n\n", len(inForce))
	}
}

// silencedNew counts the lines of suppressedNote that name a silenced
// problem under an existing suppression.
func silencedNew(lines []string) int {
	n := 0
	for _, l := range lines {
		if strings.Contains(l, "** silences under the existing ") {
			n++
		}
	}
	return n
}

func orApp(path string) string {
	if path == "" {
		return "the whole app"
	}
	return path
}

// suppressedSection lists a stack's suppressed rules with their reasons
// and what they silenced.
func suppressedSection(b *strings.Builder, v *view) {
	if len(v.Suppressed) == 0 {
		return
	}
	fmt.Fprintf(b, "### Suppressed rules\n\n| rule | for | reason | silenced |\n|---|---|---|---|\n")
	for _, sup := range v.Suppressed {
		fmt.Fprintf(b, "%s", cells(code(sup.Rule)+" "+text(sup.Title), code(orApp(sup.Path)), text(sup.Reason), texts(sup.Silenced)))
	}
	fmt.Fprintf(b, "\n")
}

func money(c Cost) string {
	if c.Unknown == 0 && len(c.Lines) == 0 {
		return "not estimated"
	}
	if c.Unknown == len(c.Lines) {
		return fmt.Sprintf("not estimated (%d item(s) without a price)", c.Unknown)
	}
	s := fmt.Sprintf("$%.2f", c.Total)
	if c.Unknown > 0 {
		s += fmt.Sprintf(" + %d item(s) without a price", c.Unknown)
	}
	return s
}

func yesNo(v any) string {
	switch v {
	case true:
		return "yes"
	case false:
		return "no"
	}
	return "—"
}

func stackSection(b *strings.Builder, v *view, anchor string) {
	w := func(format string, a ...any) { fmt.Fprintf(b, format, a...) }
	w("<a id=\"%s\"></a>\n## Stack %s (%s)\n\n", anchor, text(v.Name), text(v.Region))

	for _, vpc := range v.Names("aws_vpc") {
		var parts []string
		for _, t := range v.tiers[vpc] {
			parts = append(parts, fmt.Sprintf("%s (%s: %s)", text(t.name), text(t.kind), texts(t.cidrs)))
		}
		w("- VPC %s %s, tiers: %s\n", code(vpc), text(str(v.Get("aws_vpc", vpc), "cidr_block")), strings.Join(parts, "; "))
		switch e := v.egress(vpc); {
		case !e.internet:
			w("  - internet: none (no internet gateway)\n")
		case e.firewall == "":
			w("  - internet: through %s, **with no Network Firewall**\n", e.through)
		case !e.filtered:
			w("  - internet: through %s, with Network Firewall %s, whose filtering this report does not analyse (%s)\n", e.through, code(e.firewall), e.why)
		case len(e.domains) == 0:
			w("  - internet: through %s, filtered both ways by Network Firewall %s, which lets no request out (TCP handshakes pass; the first data is dropped)\n",
				e.through, code(e.firewall))
		default:
			w("  - internet: through %s, filtered both ways by Network Firewall %s, which lets out %s to %s and drops the rest\n",
				e.through, code(e.firewall), strings.Join(e.protocols, " and "), codes(e.domains))
		}
	}
	importedVpcs(b, v)
	w("\n")

	if names := v.Names("aws_vpc_endpoint"); len(names) > 0 {
		var crossAws []string
		awsServices := 0
		w("### Endpoints\n\n| endpoint | service | type | AZs | private DNS | security group | cross-region |\n|---|---|---|---|---|---|---|\n")
		for _, n := range names {
			e := v.Get("aws_vpc_endpoint", n)
			typ := str(e, "vpc_endpoint_type")
			svc := text(shortService(str(e, "service_name")))
			if name := str(e, "service_name"); (typ == "Interface" || typ == "Gateway") && isAwsService(name) {
				awsServices++
				if _, _, ok := catalog.ByServiceName(name); !ok && !(typ == "Gateway" && gatewayInCatalog(name)) {
					svc += " (not in the catalog)"
				}
			}
			azs := texts(v.azsOf(list(e, "subnet_ids")))
			switch typ {
			case "Gateway":
				azs = fmt.Sprintf("route tables: %d", len(list(e, "route_table_ids")))
			case "Resource":
				if _, cfg, _, ok := Ref(e["resource_configuration_arn"]); ok {
					svc = "resource configuration " + code(cfg)
				} else {
					svc = text(str(e, "resource_configuration_arn"))
				}
			case "ServiceNetwork":
				if _, sn, _, ok := Ref(e["service_network_arn"]); ok {
					svc = "service network " + code(sn)
				}
			}
			cross := "—"
			if r := str(e, "service_region"); r != "" {
				cross = "to " + text(r)
			}
			pdns := yesNo(e["private_dns_enabled"])
			if typ == "Interface" && e["private_dns_enabled"] == true {
				if d, _ := e["dns_options"].(map[string]any); d["private_dns_only_for_inbound_resolver_endpoint"] == true {
					pdns = "yes (inbound resolver only)"
				}
			}
			sg := texts(sgNames(list(e, "security_group_ids")))
			if sg == "" {
				sg = "—"
			}
			w("%s", cells(code(n), svc, text(typ), azs, pdns, sg, cross))
			if r := str(e, "service_region"); r != "" && typ == "Interface" && isAwsService(str(e, "service_name")) {
				crossAws = append(crossAws, code(n)+" to "+text(r))
			}
		}
		w("\n")
		placement(b, v, names)
		if awsServices > 0 {
			w("Whether each AWS service is offered in %s is not known offline: privnet assumes it is (AWS refuses the endpoint at apply if not).\n\n", text(v.Region))
		}
		if len(crossAws) > 0 {
			// docs/endpoints.md, "Cross-region endpoints to AWS services".
			version := "not pinned in the stack"
			if tf, ok := v.Blocks["terraform"].(map[string]any); ok {
				if rp, ok := tf["required_providers"].(map[string]any); ok {
					if aws, ok := rp["aws"].(map[string]any); ok && str(aws, "version") != "" {
						version = text(str(aws, "version"))
					}
				}
			}
			w("Cross-region endpoints to AWS services (%s) rest on the AWS provider passing `service_region` to CreateVpcEndpoint with no lookup first: "+
				"read in its 2026 source, inferred for the version this stack pins (%s; docs/endpoints.md). "+
				"If an apply fails with InvalidServiceName, reach the service from a VPC in its region over peering or a Transit Gateway, or upgrade the provider.\n\n", strings.Join(crossAws, ", "), version)
		}
	}

	if names := v.Names("aws_ec2_instance_connect_endpoint"); len(names) > 0 {
		w("### EC2 Instance Connect endpoints\n\n")
		for _, n := range names {
			e := v.Get("aws_ec2_instance_connect_endpoint", n)
			to, _ := e["timeouts"].(map[string]any)
			w("- %s in %s, preserve_client_ip %s, security group %s, create timeout %s\n", code(n), text(v.subnetAz(e["subnet_id"])),
				yesNo(e["preserve_client_ip"]), codes(sgNames(list(e, "security_group_ids"))), text(str(to, "create")))
		}
		w("\n")
	}

	if names := v.Names("aws_instance"); len(names) > 0 {
		w("### Instances\n\n")
		for _, n := range names {
			i := v.Get("aws_instance", n)
			md, _ := i["metadata_options"].(map[string]any)
			ip := text(str(i, "private_ip"))
			if _, sn, _, ok := Ref(i["subnet_id"]); ip == "" && ok && v.Get("aws_subnet", sn)["ipv6_native"] == true {
				ip = "none (IPv6-only subnet: an IPv6 address assigned by AWS)"
			} else if ip == "" {
				ip = "assigned by AWS"
			}
			imds := "optional"
			if str(md, "http_tokens") == "required" {
				imds = "required"
			}
			w("- %s %s in %s, private IP %s, public IP %s, IMDSv2 %s, security group %s\n", code(n), text(str(i, "instance_type")), text(v.subnetAz(i["subnet_id"])),
				ip, yesNo(i["associate_public_ip_address"]), imds, codes(sgNames(list(i, "vpc_security_group_ids"))))
			if v.ssmManaged(i) {
				if vpc := v.vpcOfSubnet(i["subnet_id"]); vpc != "" && !v.hasInterface(vpc, "ec2messages") {
					w("  - note: managed by Systems Manager, and VPC %s has no ec2messages endpoint: SSM Agent 3.3.40.0 and newer do not need it (they fall back to it only when ssmmessages fails); older agents do\n", code(vpc))
				}
			}
		}
		w("\n")
	}

	lattice(b, v)
	hybrid(b, v)
	transit(b, v)
	sharedEndpoints(b, v)
	zoneLinks(b, v)
	reachSection(b, v.matrix)
	rules(b, v)
	suppressedSection(b, v)
	costSection(b, v.Stack)
	if len(v.problems)+len(v.uncovered) > 0 {
		w("### Not in this report\n\n")
		for _, p := range v.problems {
			w("- invalid: %s\n", text(p))
		}
		for _, u := range v.uncovered {
			w("- not shown: %s\n", text(u))
		}
		w("\n")
	}
	d, edges := diagram(v)
	if len(d) > maxDiagramChars || edges > maxDiagramEdges {
		w("### Diagram\n\nLeft out: %d characters and %d edges, more than Mermaid renders on GitHub (%d characters, %d edges).\n\n", len(d), edges, maxDiagramChars, maxDiagramEdges)
		return
	}
	w("### Diagram\n\n```mermaid\n%s```\n\n", d)
}

// Mermaid's defaults (maxTextSize, maxEdges), which GitHub keeps: a larger
// diagram shows an error box instead of a drawing.
const maxDiagramChars, maxDiagramEdges = 50000, 500

func lattice(b *strings.Builder, v *view) {
	w := func(format string, a ...any) { fmt.Fprintf(b, format, a...) }
	gws, cfgs := v.Names("aws_vpclattice_resource_gateway"), v.Names("aws_vpclattice_resource_configuration")
	sns, svcs := v.Names("aws_vpclattice_service_network"), v.Names("aws_vpc_endpoint_service")
	if len(gws)+len(cfgs)+len(sns)+len(svcs) == 0 {
		return
	}
	w("### VPC Lattice and endpoint services\n\n")
	for _, n := range gws {
		g := v.Get("aws_vpclattice_resource_gateway", n)
		_, vpc, _, _ := Ref(g["vpc_id"])
		w("- resource gateway %s in VPC %s, AZs %s, %s\n", code(n), code(vpc), texts(v.azsOf(list(g, "subnet_ids"))), text(str(g, "ip_address_type")))
	}
	for _, n := range cfgs {
		c := v.Get("aws_vpclattice_resource_configuration", n)
		target := "—"
		for _, d := range list(c, "resource_configuration_definition") {
			dm, _ := d.(map[string]any)
			for _, k := range []string{"ip_resource", "dns_resource", "arn_resource"} {
				for _, x := range list(dm, k) {
					xm, _ := x.(map[string]any)
					for _, a := range []string{"ip_address", "domain_name", "arn"} {
						if s := str(xm, a); s != "" {
							target = text(s)
						}
					}
				}
			}
		}
		via := ""
		if _, g, _, ok := Ref(c["resource_gateway_identifier"]); ok {
			via = " through gateway " + code(g)
		}
		if _, g, _, ok := Ref(c["resource_configuration_group_id"]); ok {
			via = " in group " + code(g)
		}
		var ports []string
		for _, p := range list(c, "port_ranges") {
			ports = append(ports, shownPlain(p))
		}
		w("- resource configuration %s %s → %s, TCP %s%s, shareable service networks %s\n", code(n), text(str(c, "type")), target,
			text(strings.Join(ports, ",")), via, yesNo(c["allow_association_to_shareable_service_network"]))
	}
	for _, n := range sns {
		w("- service network %s, auth %s\n", code(n), text(str(v.Get("aws_vpclattice_service_network", n), "auth_type")))
	}
	for _, n := range svcs {
		e := v.Get("aws_vpc_endpoint_service", n)
		var regions []string
		for _, r := range list(e, "supported_regions") {
			regions = append(regions, shownPlain(r))
		}
		w("- endpoint service %s: regions %s, acceptance required %s, %d allowed principal(s)\n", code(n), texts(regions),
			yesNo(e["acceptance_required"]), len(list(e, "allowed_principals")))
	}
	w("\n")
}

// shownPlain is a scalar as written, or other JSON as JSON.
func shownPlain(v any) string {
	if s := scalar(v); s != "" {
		return s
	}
	return shown(v)
}

// rules writes each security group's rules in words, each once: the
// rule's description is added only when it says something the rule, its
// group and its peer do not (privnet's "443/tcp to ec2 from the VPC" on
// ec2_sg, from 10.1.0.0/16, the VPC's CIDR, adds nothing).
func rules(b *strings.Builder, v *view) {
	byGroup := map[string][]string{}
	for _, r := range v.rules {
		peerMD, peerWords := v.peer(r)
		word := "from"
		if r.egress {
			word = "to"
		}
		line := text(r.ports.String()) + " " + word + " " + peerMD
		own := v.owners[r.group]
		known := strings.Join([]string{r.ports.String(), word, peerWords, r.group, own.kind, own.name, v.Name, v.service(own)}, " ")
		if d := extra(str(r.attrs, "description"), r.ports.String(), known); d != "" {
			line += ": “" + text(d) + "”"
		}
		byGroup[r.group] = append(byGroup[r.group], line)
	}
	groups := v.Names("aws_security_group")
	ours := map[string]bool{}
	for _, g := range groups {
		ours[g] = true
	}
	var others []string
	for g := range byGroup {
		if !ours[g] {
			others = append(others, g)
		}
	}
	sort.Strings(others)
	if len(groups)+len(others) == 0 {
		return
	}
	fmt.Fprintf(b, "### Security group rules\n\n")
	for _, g := range append(groups, others...) {
		rs := byGroup[g]
		sort.Strings(rs)
		head := code(g)
		if o, ok := v.owners[g]; ok {
			head += fmt.Sprintf(" (%s %s)", text(o.kind), code(o.name))
		}
		if !ours[g] {
			head += " (not a security group of this stack)"
		}
		if len(rs) == 0 {
			fmt.Fprintf(b, "- %s: no rules (nothing in, nothing out)\n", head)
			continue
		}
		fmt.Fprintf(b, "- %s:\n", head)
		for _, r := range rs {
			fmt.Fprintf(b, "  - %s\n", r)
		}
	}
	fmt.Fprintf(b, "\n")
}

// vpcIpv6 is a VPC's Amazon-provided IPv6 block, by reference.
var vpcIpv6 = regexp.MustCompile(`^\$\{aws_vpc\.([A-Za-z0-9_-]+)\.ipv6_cidr_block\}$`)

// peer is a rule's other side, as Markdown and as plain words: the CIDR
// (with the VPC or instance it is), the security group (with what it
// belongs to) or the prefix list.
func (v *view) peer(r rule) (md, plain string) {
	if c := str(r.attrs, "cidr_ipv4"); c != "" {
		if vpc := v.vpcByCidr[c]; vpc != "" {
			return text(c) + " (VPC " + code(vpc) + ")", c + " VPC " + vpc
		}
		if ip, ok := strings.CutSuffix(c, "/32"); ok && v.instByIP[ip] != "" {
			return text(c) + " (instance " + code(v.instByIP[ip]) + ")", c + " instance " + v.instByIP[ip]
		}
		return text(c), c
	}
	if c := str(r.attrs, "cidr_ipv6"); c != "" {
		// A dual-stack VPC's Amazon-provided block, known once made.
		if m := vpcIpv6.FindStringSubmatch(c); m != nil {
			return "the IPv6 block of VPC " + code(m[1]), "IPv6 VPC " + m[1]
		}
		return text(c), c
	}
	if t, g, _, ok := Ref(r.attrs["referenced_security_group_id"]); ok && t == "aws_security_group" {
		md, plain = "sg "+code(g), "sg "+g
		if o, ok := v.owners[g]; ok {
			md += fmt.Sprintf(" (%s %s)", text(o.kind), code(o.name))
			plain += " " + o.kind + " " + o.name + " " + v.service(o)
		}
		return md, plain
	}
	if t, n, _, ok := Ref(r.attrs["prefix_list_id"]); ok && t == "aws_vpc_endpoint" {
		svc := shortService(str(v.Get(t, n), "service_name"))
		return "the " + text(svc) + " prefix list (gateway endpoint " + code(n) + ")", svc + " prefix list gateway endpoint " + n
	}
	for _, k := range []string{"referenced_security_group_id", "prefix_list_id"} {
		if s := scalar(r.attrs[k]); s != "" {
			return code(s), s
		}
	}
	return "?", ""
}

// service is the AWS service of an endpoint that owns a group.
func (v *view) service(o owner) string {
	if e := v.Get("aws_vpc_endpoint", o.name); e != nil && strings.HasSuffix(o.kind, "endpoint") {
		return shortService(str(e, "service_name"))
	}
	return ""
}

// quiet words say nothing a rule does not: "443/tcp to the VPC's ...".
var quiet = map[string]bool{"to": true, "from": true, "the": true, "a": true, "an": true, "of": true, "s": true, "and": true, "sg": true}

// extra is a rule's description without its leading port text, or "" when
// every word of it is already in known.
func extra(desc, ports, known string) string {
	desc = strings.TrimSpace(desc)
	desc = strings.TrimSpace(strings.TrimPrefix(desc, ports))
	have := map[string]bool{}
	for _, w := range words(known) {
		have[w] = true
	}
	for _, w := range words(desc) {
		if !have[w] && !quiet[w] {
			return desc
		}
	}
	return ""
}

func costSection(b *strings.Builder, s *Stack) {
	c := Estimate(s)
	fmt.Fprintf(b, "### Estimated cost (%s)\n\n", text(s.Region))
	if len(c.Lines) == 0 {
		fmt.Fprintf(b, "No hourly charges in privnet's price table: VPCs, subnets, route tables, security groups, gateway endpoints, Instance Connect endpoints and resource configurations are free.\n\n")
	} else {
		fmt.Fprintf(b, "| item | quantity | rate | per month |\n|---|---|---|---|\n")
		for _, l := range c.Lines {
			if !l.Known {
				fmt.Fprintf(b, "| %s | %s | no price in the table | — |\n", l.Item, l.Quantity)
				continue
			}
			fmt.Fprintf(b, "| %s | %s | $%g per unit | $%.2f |\n", l.Item, l.Quantity, l.Rate, l.Monthly)
		}
		fmt.Fprintf(b, "| **total** | | | **%s** |\n\n", money(c))
	}
	var on strings.Builder
	if len(c.NotEstimated) > 0 {
		fmt.Fprintf(&on, "- not estimated, billed as usual: %s\n", strings.Join(c.NotEstimated, ", "))
	}
	for _, x := range []struct {
		head  string
		items []string
	}{{"per GB", c.PerGB}, {"by usage", c.Usage}, {"no charge of their own", c.Free}} {
		if len(x.items) > 0 {
			fmt.Fprintf(&on, "- %s:\n", x.head)
			for _, i := range x.items {
				fmt.Fprintf(&on, "  - %s\n", i)
			}
		}
	}
	if on.Len() > 0 {
		fmt.Fprintf(b, "On top of the estimate:\n%s\n", on.String())
	}
}

// isAwsService tells an AWS service's name (com.amazonaws.<region>.ssm,
// cn.com.amazonaws.…) from a customer endpoint service's
// (com.amazonaws.vpce.<region>.vpce-svc-…) or a reference to one.
func isAwsService(name string) bool {
	if strings.Contains(name, "${") || strings.HasPrefix(name, "com.amazonaws.vpce.") || strings.HasPrefix(name, "cn.com.amazonaws.vpce.") {
		return false
	}
	for _, p := range []string{"com.amazonaws.", "cn.com.amazonaws.", "aws.api.", "aws.sagemaker."} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// gatewayInCatalog tells a gateway endpoint's name (com.amazonaws.<region>.s3,
// in China too) of a catalog gateway service.
func gatewayInCatalog(name string) bool {
	rest, ok := strings.CutPrefix(name, "com.amazonaws.")
	if !ok {
		return false
	}
	_, key, ok := strings.Cut(rest, ".")
	s, found := catalog.Lookup(key)
	return ok && found && s.Offers(catalog.Gateway)
}

// importedVpcs describes the VPCs the stack imports: privnet adds to them
// and owns nothing of theirs.
func importedVpcs(b *strings.Builder, v *view) {
	w := func(format string, a ...any) { fmt.Fprintf(b, format, a...) }
	for _, im := range v.Imported {
		from := "given by hand"
		if im.FromRecord {
			from = "from the recorded lookups"
		}
		byTier := map[string][]string{}
		var tiers []string
		for _, t := range im.Tiers {
			if byTier[t.Tier] == nil {
				tiers = append(tiers, t.Tier)
			}
			byTier[t.Tier] = append(byTier[t.Tier], t.Subnet)
		}
		var parts []string
		for _, t := range tiers {
			parts = append(parts, fmt.Sprintf("%s (%s)", text(t), codes(byTier[t])))
		}
		w("- Existing VPC %s %s (%s, %s), tiers: %s\n", code(im.Vpc.Id), texts(im.Vpc.Cidrs), text(im.Path), from, strings.Join(parts, "; "))
		w("  - not managed here: its route tables, network ACLs, default security group and flow logs stay its owner's; privnet only adds resources that reference it\n")
		if len(im.Unknown) > 0 {
			w("  - unknown to privnet (reachability through them is unknown): %s\n", texts(im.Unknown))
		} else {
			w("  - DNS support %s, DNS hostnames %s\n", onOff(im.Vpc.DnsSupport), onOff(im.Vpc.DnsHostnames))
		}
		var existing []string
		for _, e := range im.Vpc.Endpoints {
			d := code(e.Id) + " " + text(shortService(e.ServiceName)) + " (" + text(e.Type)
			if e.PrivateDns {
				d += ", private DNS"
			}
			existing = append(existing, d+")")
		}
		if len(existing) > 0 {
			w("  - endpoints already there: %s\n", strings.Join(existing, ", "))
		}
	}
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

// placement says, for the stack's interface endpoints, whether the AZs
// their services support were checked against the recorded lookups, and
// which subnets were skipped.
func placement(b *strings.Builder, v *view, names []string) {
	checked := map[string]record.Placement{}
	for _, p := range v.Placements {
		checked[p.Path+"|"+p.Service] = p
	}
	var not, cross []string
	var lines []string
	for _, n := range names {
		e := v.Get("aws_vpc_endpoint", n)
		if str(e, "vpc_endpoint_type") != "Interface" {
			continue
		}
		if r := str(e, "service_region"); r != "" && r != v.Region {
			cross = append(cross, code(n))
			continue
		}
		// By the construct path of the endpoint's resource, which the
		// stack records beside the placement.
		var p record.Placement
		ok := false
		if meta, _ := e["//"].(map[string]any); meta != nil {
			if md, _ := meta["metadata"].(map[string]any); md != nil {
				path, _ := md["path"].(string)
				if q, found := checked[strings.TrimSuffix(path, "/endpoint")+"|"+str(e, "service_name")]; found {
					p, ok = q, true
				}
			}
		}
		switch {
		case !ok || !p.Checked:
			not = append(not, code(n))
		case len(p.Skipped) > 0:
			lines = append(lines, fmt.Sprintf("- %s: %s supports %s; subnets skipped: %s\n", code(n), text(p.Service), text(p.Supported), texts(p.Skipped)))
		default:
			lines = append(lines, fmt.Sprintf("- %s: %s supports %s; every subnet is in a supported AZ\n", code(n), text(p.Service), text(p.Supported)))
		}
	}
	if len(lines) > 0 {
		fmt.Fprintf(b, "AZ support, checked against the recorded lookups:\n\n%s\n", strings.Join(lines, ""))
	}
	switch {
	case len(not) > 0 && len(v.Placements) > 0:
		// The region is recorded: these endpoints' services were not
		// (a service name known only at plan, an endpoint service of
		// the app, whose AZs are its load balancer's).
		fmt.Fprintf(b, "AZ support was not checked against the recorded lookups for %s: their service names are known only at plan (an endpoint service of this app is offered in its load balancer's AZs, which privnet compares when both are in one region).\n\n", strings.Join(not, ", "))
	case len(not) > 0:
		fmt.Fprintf(b, "AZ support was not checked for %s: no recorded lookup of %s (go run github.com/privnet/privnet/cmd/lookup); an AZ the service does not support fails the apply.\n\n", strings.Join(not, ", "), text(v.Region))
	}
	if len(cross) > 0 {
		fmt.Fprintf(b, "AZ support was not checked for %s: cross-region endpoints are not checked (the zones a service offers another region are not recorded).\n\n", strings.Join(cross, ", "))
	}
}
