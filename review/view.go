package review

import (
	"fmt"
	"github.com/privnet/privnet/reach"
	"regexp"
	"strings"
	"unicode"
)

// view is one stack with every lookup the report and the diagram need,
// each built in one pass. Scanning every subnet for each VPC, or every
// instance for each rule, made the report quadratic: 4,000 VPCs and 4,000
// subnets took 31 s on a 2-core machine, 43 ms with these maps.
type view struct {
	*Stack
	names      map[string][]string
	tiers      map[string][]*tier // by VPC
	subnetTier map[string]*tier   // by subnet
	vpcByCidr  map[string]string  // the first VPC, by name, with a CIDR
	instByIP   map[string]string  // the first instance, by name, with a private IP
	owners     map[string]owner   // security group -> what it belongs to
	rules      []rule             // every security group rule, ingress first
	problems   []string           // invalid values, reported and left out
	uncovered  []string           // what Terraform applies that the report does not show
	ids        *ids
	matrix     *reach.Matrix     // the stack's reachability
	importedAz map[string]string // imported subnets' AZs, by ID
	// others are the report's stacks by name, to name what a reference
	// through another stack's remote state is.
	others map[string]*Stack
}

type tier struct {
	vpc, name, kind string
	cidrs, azs      []string
	subnets         []string
}

// owner is what a security group belongs to: its kind in words, its
// Terraform name, and its diagram node.
type owner struct{ kind, name, node string }

type rule struct {
	group  string
	egress bool
	ports  rulePorts
	attrs  map[string]any
}

// owners of security groups: type, node prefix, kind in words, the subnet
// attribute (a list or a single reference) and the groups attribute.
var ownerTypes = []struct{ tfType, prefix, kind, subnets, groups string }{
	{"aws_vpc_endpoint", "ep", "endpoint", "subnet_ids", "security_group_ids"},
	{"aws_instance", "i", "instance", "subnet_id", "vpc_security_group_ids"},
	{"aws_ec2_instance_connect_endpoint", "eic", "Instance Connect endpoint", "subnet_id", "security_group_ids"},
	{"aws_vpclattice_resource_gateway", "rgw", "resource gateway", "subnet_ids", "security_group_ids"},
	{"aws_lb", "nlb", "NLB", "subnets", "security_groups"},
	{"aws_route53_resolver_endpoint", "dns", "Resolver endpoint", "ip_address", "security_group_ids"},
}

var ruleTypes = []struct {
	tfType string
	egress bool
}{{"aws_vpc_security_group_ingress_rule", false}, {"aws_vpc_security_group_egress_rule", true}}

func newView(s *Stack) *view {
	v := &view{Stack: s, names: map[string][]string{}, tiers: map[string][]*tier{}, subnetTier: map[string]*tier{},
		vpcByCidr: map[string]string{}, instByIP: map[string]string{}, owners: map[string]owner{}, ids: newIDs()}
	for _, vpc := range v.Names("aws_vpc") {
		if c := str(v.Get("aws_vpc", vpc), "cidr_block"); c != "" && v.vpcByCidr[c] == "" {
			v.vpcByCidr[c] = vpc
		}
	}
	// Tiers: a VPC's subnets grouped by their privnet:tier tag, in the
	// order of their first subnet's name.
	byName := map[[2]string]*tier{}
	for _, n := range v.Names("aws_subnet") {
		sn := v.Get("aws_subnet", n)
		_, vpc, _, ok := Ref(sn["vpc_id"])
		if !ok {
			continue
		}
		tags, _ := sn["tags"].(map[string]any)
		name := str(tags, "privnet:tier")
		if name == "" {
			name = "subnets"
		}
		t := byName[[2]string{vpc, name}]
		if t == nil {
			t = &tier{vpc: vpc, name: name, kind: str(tags, "privnet:kind")}
			byName[[2]string{vpc, name}] = t
			v.tiers[vpc] = append(v.tiers[vpc], t)
		}
		t.cidrs = append(t.cidrs, subnetBlock(sn))
		t.azs = append(t.azs, str(sn, "availability_zone"))
		t.subnets = append(t.subnets, n)
		v.subnetTier[n] = t
	}
	for _, n := range v.Names("aws_instance") {
		if ip := str(v.Get("aws_instance", n), "private_ip"); ip != "" && v.instByIP[ip] == "" {
			v.instByIP[ip] = n
		}
	}
	for _, o := range ownerTypes {
		for _, n := range v.Names(o.tfType) {
			r := v.Get(o.tfType, n)
			kind := o.kind
			if o.tfType == "aws_vpc_endpoint" {
				kind = strings.ToLower(str(r, "vpc_endpoint_type")) + " endpoint"
			}
			for _, g := range sgNames(list(r, o.groups)) {
				v.owners[g] = owner{kind: kind, name: n, node: v.ids.get(o.prefix, n)}
			}
		}
	}
	for _, rt := range ruleTypes {
		for _, n := range v.Names(rt.tfType) {
			r := v.Get(rt.tfType, n)
			// A group of this stack by its name; any other (a literal
			// sg-… id, a data source) as written, so it still shows.
			g := scalar(r["security_group_id"])
			if t, name, _, ok := Ref(r["security_group_id"]); ok && t == "aws_security_group" {
				g = name
			}
			if g == "" {
				v.problem("%s.%s: security_group_id %s names no security group; the rule is left out", rt.tfType, n, shown(r["security_group_id"]))
				continue
			}
			p, err := parseRulePorts(r)
			if err != nil {
				v.problem("%s.%s: %v; the rule is left out", rt.tfType, n, err)
				continue
			}
			v.rules = append(v.rules, rule{group: g, egress: rt.egress, ports: p, attrs: r})
		}
	}
	v.uncovered = append(v.uncovered, s.NotReviewed...)
	v.unshown()
	for _, n := range v.Names("aws_security_group_rule") {
		v.uncovered = append(v.uncovered, fmt.Sprintf("aws_security_group_rule.%s: rules of this type are not shown here (privnet writes aws_vpc_security_group_ingress_rule and _egress_rule); read it in the JSON", n))
	}
	for _, t := range []string{"aws_security_group", "aws_default_security_group"} {
		for _, n := range v.Names(t) {
			if r := v.Get(t, n); len(list(r, "ingress"))+len(list(r, "egress")) > 0 {
				v.uncovered = append(v.uncovered, fmt.Sprintf("%s.%s: its inline ingress and egress rules are not shown here; read them in the JSON", t, n))
			}
		}
	}
	return v
}

// runsAtPlan are the data sources that act outside AWS when Terraform
// reads them, at every plan, before anyone approves an apply.
var runsAtPlan = []struct{ tfType, what string }{
	{"external", "runs a program on the machine that runs Terraform, at every plan; read its program in the JSON"},
	{"http", "sends an HTTP request from the machine that runs Terraform, at every plan; read its url and headers in the JSON"},
}

// provisionerDoes says what each provisioner does; another type is named
// as written.
var provisionerDoes = map[string]string{
	"local-exec":  "runs a command on the machine that runs Terraform",
	"remote-exec": "runs commands on the resource over SSH or WinRM",
	"file":        "copies files to the resource over SSH or WinRM",
}

// unshown lists what the report's sections do not show yet Terraform
// does: data sources that run something (external, http), provisioners,
// and resources made N times by count or for_each (the report shows one).
func (v *view) unshown() {
	types, _ := labeled(v.Blocks["data"])
	for _, d := range runsAtPlan {
		for _, t := range types {
			if t.name != d.tfType {
				continue
			}
			byName, ok := labeled(t.val)
			if !ok {
				v.uncovered = append(v.uncovered, fmt.Sprintf("data.%s, written as %s: %s", d.tfType, shown(t.val), d.what))
			}
			for _, n := range byName {
				v.uncovered = append(v.uncovered, fmt.Sprintf("data.%s.%s: %s", d.tfType, n.name, d.what))
			}
		}
	}
	for _, t := range sortedKeys(v.Resources) {
		for _, n := range v.Names(t) {
			r := v.Get(t, n)
			if p, ok := r["provisioner"]; ok {
				ps, err := objects(p, "provisioner")
				if err != nil {
					v.uncovered = append(v.uncovered, fmt.Sprintf("%s.%s: a provisioner, written as %s; read it in the JSON", t, n, shown(p)))
				}
				for _, p := range ps {
					for _, kind := range sortedKeys(p) {
						does := provisionerDoes[kind]
						if does == "" {
							does = "runs when the resource is created or destroyed"
						}
						v.uncovered = append(v.uncovered, fmt.Sprintf("%s.%s: provisioner %s %s; read it in the JSON", t, n, kind, does))
					}
				}
			}
			if c, ok := r["count"]; ok {
				v.uncovered = append(v.uncovered, fmt.Sprintf("%s.%s: count %s: Terraform makes one resource per count, the report shows one", t, n, shown(c)))
			}
			if _, ok := r["for_each"]; ok {
				v.uncovered = append(v.uncovered, fmt.Sprintf("%s.%s: for_each: Terraform makes one resource per element, the report shows one", t, n))
			}
		}
	}
}

func (v *view) problem(format string, a ...any) {
	v.problems = append(v.problems, fmt.Sprintf(format, a...))
}

// Names is cached: the report asks for some types several times.
func (v *view) Names(tfType string) []string {
	n, ok := v.names[tfType]
	if !ok {
		n = v.Stack.Names(tfType)
		v.names[tfType] = n
	}
	return n
}

// subnetAz is the AZ of a subnet reference.
func (v *view) subnetAz(ref any) string {
	if t, n, _, ok := Ref(ref); ok && t == "aws_subnet" {
		a := v.Get(t, n)
		if az := str(a, "availability_zone"); az != "" {
			return az
		}
		return str(a, "availability_zone_id")
	}
	if id, ok := ref.(string); ok {
		if v.importedAz == nil {
			// Indexed once: the metadata is untrusted and may be large.
			v.importedAz = map[string]string{}
			for _, im := range v.Imported {
				for _, s := range im.Vpc.Subnets {
					if _, dup := v.importedAz[s.Id]; !dup {
						v.importedAz[s.Id] = s.Az
						if s.Az == "" {
							v.importedAz[s.Id] = s.AzId // given by hand with its AZ ID only
						}
					}
				}
			}
		}
		if az, ok := v.importedAz[id]; ok {
			return az
		}
	}
	return "?"
}

func (v *view) azsOf(refs []any) []string {
	var azs []string
	for _, r := range refs {
		azs = append(azs, v.subnetAz(r))
	}
	return azs
}

// named is a kind and a name in words, without a word said twice in a
// row: "resource gateway" for a resource gateway named gateway, "endpoint
// service" for an endpoint service named service, "resource gateway-b"
// for gateway-b, "instance app".
func named(kind, name string) string {
	ks := strings.Fields(kind)
	last := strings.ToLower(ks[len(ks)-1])
	ws := words(name)
	switch {
	case strings.EqualFold(name, last):
		return kind
	case len(ws) == 0 || ws[0] != last || !strings.HasPrefix(strings.ToLower(name), last):
		return kind + " " + name
	case len(ks) == 1:
		return name
	}
	return strings.Join(ks[:len(ks)-1], " ") + " " + name
}

// words are s's lowercase words, split at anything but a letter or digit.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

var cidrsubnet6 = regexp.MustCompile(`^\$\{cidrsubnet\(aws_vpc\.[A-Za-z0-9_-]+\.ipv6_cidr_block, *8, *([0-9]{1,3})\)\}$`)

// subnetBlock is a subnet's addresses for the report: its IPv4 block, or
// for an IPv6-only subnet the /64 it takes of its VPC's /56 (the block
// itself is known only once made).
func subnetBlock(sn map[string]any) string {
	if c := str(sn, "cidr_block"); c != "" {
		return c
	}
	c6 := str(sn, "ipv6_cidr_block")
	switch g := cidrsubnet6.FindStringSubmatch(c6); {
	case g != nil:
		return "IPv6 /64 number " + g[1]
	case c6 != "" && !strings.Contains(c6, "${"):
		return c6
	case c6 != "":
		return "IPv6"
	}
	return ""
}
