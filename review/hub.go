package review

import (
	"fmt"
	"strings"

	"github.com/privnet/privnet/tfjson"
)

// A hub's shared endpoints: its private hosted zones, what their records
// answer with, the VPCs they are associated with (in any stack of the
// report), and what centralising the endpoints saves in endpoint-hours
// against the Transit Gateway it needs.

// resolved is a reference followed to the resource it names, through
// other stacks' remote state: stack and Terraform type and name.
type resolved struct{ stack, typ, name string }

// follow names what x refers to, from stack s: a plain reference, or
// another stack's output that is one (a few hops at most: untrusted JSON
// may make outputs name one another).
func (v *view) follow(s *Stack, x any) (resolved, bool) {
	for range 4 {
		if t, n, _, ok := Ref(x); ok {
			return resolved{s.Name, t, n}, true
		}
		str, _ := x.(string)
		m := crossStack.FindStringSubmatch(str)
		if m == nil || v.others[m[1]] == nil {
			return resolved{}, false
		}
		s = v.others[m[1]]
		o, _ := s.Outputs[m[2]].(map[string]any)
		x = o["value"]
	}
	return resolved{}, false
}

// zoneOf follows an association's zone_id to a zone, through a
// cross-account authorization when it names one.
func (v *view) zoneOf(s *Stack, x any) (resolved, bool) {
	r, ok := v.follow(s, x)
	if ok && r.typ == "aws_route53_vpc_association_authorization" {
		if o := v.others[r.stack]; o != nil {
			return v.follow(o, o.Get(r.typ, r.name)["zone_id"])
		}
		return resolved{}, false
	}
	return r, ok && r.typ == "aws_route53_zone"
}

// vpcMD names a VPC reached from stack s, in Markdown.
func (v *view) vpcMD(r resolved) string {
	if r.stack == v.Name {
		return code(r.name)
	}
	return code(r.name) + " of stack " + code(r.stack)
}

func sharedEndpoints(b *strings.Builder, v *view) {
	w := func(format string, a ...any) { fmt.Fprintf(b, format, a...) }
	type zone struct {
		name, records string
		vpcs          []string
	}
	var zones []zone
	served := map[string]bool{}            // endpoints the zones send names to
	spokes := map[string]map[string]bool{} // VPCs the zones are associated with, but the hub's own, and the endpoints they use
	inline := map[string]bool{}            // the VPCs the zones are made with
	byZone := map[string][]string{}
	// Associations and Profile associations of every stack that name a
	// zone (or a Profile) of this one.
	profileZones := map[string][]string{} // profile -> zones
	for _, n := range v.Names("aws_route53profiles_resource_association") {
		a := v.Get("aws_route53profiles_resource_association", n)
		p, ok1 := v.follow(v.Stack, a["profile_id"])
		z, ok2 := v.follow(v.Stack, a["resource_arn"])
		if ok1 && ok2 && p.stack == v.Name && z.stack == v.Name && z.typ == "aws_route53_zone" {
			profileZones[p.name] = append(profileZones[p.name], z.name)
		}
	}
	stacks := v.others
	if stacks == nil {
		stacks = map[string]*Stack{v.Name: v.Stack}
	}
	for _, sn := range sortedKeys(stacks) {
		o := stacks[sn]
		for _, n := range o.Names("aws_route53_zone_association") {
			a := o.Get("aws_route53_zone_association", n)
			z, ok := v.zoneOf(o, a["zone_id"])
			vp, ok2 := v.follow(o, a["vpc_id"])
			if ok && ok2 && z.stack == v.Name {
				k := vp.stack + "/" + vp.name
				byZone[z.name] = append(byZone[z.name], k)
			}
		}
		for _, n := range o.Names("aws_route53profiles_association") {
			a := o.Get("aws_route53profiles_association", n)
			p, ok := v.follow(o, a["profile_id"])
			vp, ok2 := v.follow(o, a["resource_id"])
			if ok && ok2 && p.stack == v.Name {
				for _, z := range profileZones[p.name] {
					byZone[z] = append(byZone[z], vp.stack+"/"+vp.name+"\x00"+p.name)
				}
			}
		}
	}
	records := map[string][]string{}
	zoneEPs := map[string][]string{} // zone -> the endpoints its records send names to
	for _, n := range v.Names("aws_route53_record") {
		r := v.Get("aws_route53_record", n)
		z, ok := v.follow(v.Stack, r["zone_id"])
		if !ok || z.stack != v.Name || z.typ != "aws_route53_zone" {
			continue
		}
		target := "an answer that is not an endpoint of this stack"
		if als, _ := objects(r["alias"], "alias"); len(als) == 1 {
			if en, ok := tfjson.EndpointDNS(als[0]["name"]); ok && v.Get("aws_vpc_endpoint", en) != nil {
				target = "endpoint " + code(en) + " (" + text(shortService(str(v.Get("aws_vpc_endpoint", en), "service_name"))) + ")"
				zoneEPs[z.name] = append(zoneEPs[z.name], en)
			}
		}
		records[z.name] = append(records[z.name], fmt.Sprintf("%s → %s", code(shownPlain(r["name"])), target))
	}
	for _, n := range v.Names("aws_route53_zone") {
		zr := v.Get("aws_route53_zone", n)
		vs, _ := objects(zr["vpc"], "vpc")
		if len(vs) == 0 || len(records[n]) == 0 {
			continue // a public zone, or one that serves no endpoint
		}
		z := zone{name: shownPlain(zr["name"]), records: strings.Join(records[n], "; ")}
		for _, en := range zoneEPs[n] {
			served[en] = true
		}
		for _, b := range vs {
			if r, ok := v.follow(v.Stack, b["vpc_id"]); ok {
				inline[r.stack+"/"+r.name] = true
				z.vpcs = append(z.vpcs, v.vpcMD(r)+" (made with it)")
			}
		}
		for _, k := range byZone[n] {
			vp, profile, _ := strings.Cut(k, "\x00")
			st, name, _ := strings.Cut(vp, "/")
			how := ""
			if profile != "" {
				how = " (through Route 53 Profile " + code(profile) + ")"
			}
			z.vpcs = append(z.vpcs, v.vpcMD(resolved{stack: st, name: name})+how)
			if spokes[vp] == nil {
				spokes[vp] = map[string]bool{}
			}
			for _, en := range zoneEPs[n] {
				spokes[vp][en] = true
			}
		}
		zones = append(zones, z)
	}
	if len(zones) == 0 {
		return
	}
	for k := range inline {
		delete(spokes, k)
	}
	w("### Shared endpoints\n\n")
	w("Private hosted zones that send AWS service names to this stack's endpoints, and the VPCs that use them:\n\n")
	for _, z := range zones {
		w("- %s: %s; associated with %s\n", code(z.name), z.records, strings.Join(z.vpcs, ", "))
	}
	w("\n")
	azsOf := func(eps map[string]bool) int {
		n := 0
		for en := range eps {
			n += len(list(v.Get("aws_vpc_endpoint", en), "subnet_ids"))
		}
		return n
	}
	azs := azsOf(served)
	s := len(spokes)
	if s == 0 {
		w("No other VPC is associated with the zones: the hub saves nothing yet.\n\n")
		return
	}
	// Without the hub each spoke would run the endpoints it uses, in as
	// many AZs as the hub's.
	own := 0
	for _, eps := range spokes {
		own += azsOf(eps)
	}
	w("What centralising saves in endpoint-hours (%d endpoints, %d endpoint-AZs, against each of the %s running the endpoints it uses, in the hub's AZs):\n\n", len(served), azs, plural(s, "spoke"))
	rate, priced := interfaceEndpointAzHour[v.Region]
	month := func(n int) string {
		if !priced {
			return "no price in the table"
		}
		if n < 0 {
			return fmt.Sprintf("−$%.2f", round2(float64(-n*HoursPerMonth)*rate))
		}
		return fmt.Sprintf("$%.2f", round2(float64(n*HoursPerMonth)*rate))
	}
	w("| | endpoint-AZs × %d h | per month |\n|---|---|---|\n", HoursPerMonth)
	w("| the hub (shared) | %d | %s |\n", azs, month(azs))
	w("| each spoke its own | %d | %s |\n", own, month(own))
	switch saved := own - azs; {
	case saved > 0:
		w("| **saved** | %d | **%s** |\n\n", saved, month(saved))
	case saved == 0:
		w("| **saved** | 0 | **%s** (no saving: the spokes would run as many) |\n\n", month(0))
	default:
		w("| **saved** | %d | **%s** (the hub runs more than the spokes would) |\n\n", saved, month(saved))
	}
	w("Against the saving: the Transit Gateway (or peering) that joins the spokes to the hub. A Transit Gateway bills %d attachment-hours a month for the hub and the spokes (unless they are attached for other reasons), and data processing for every GB the spokes send to the endpoints; privnet's table has no USD rate for either (see the cost section). The endpoints' own per-GB charge is the same either way.\n\n", (s+1)*HoursPerMonth)
	for _, en := range sortedKeys(served) {
		if k := shortService(str(v.Get("aws_vpc_endpoint", en), "service_name")); k == "s3" || k == "dynamodb" {
			w("Through the hub, %s replaces the spokes' free gateway endpoints: every GB then pays the interface endpoint's and the Transit Gateway's data processing.\n\n", text(k))
		}
	}
}

// zoneLinks lists the stack's authorizations and zone associations of
// zones in other stacks (a hub's spokes in other accounts): what each
// lets into which zone.
func zoneLinks(b *strings.Builder, v *view) {
	var lines []string
	zoneMD := func(z resolved, ok bool) string {
		if !ok {
			return "a zone not in this report"
		}
		name := "zone " + code(z.name)
		if o := v.others[z.stack]; o != nil {
			if zr := o.Get("aws_route53_zone", z.name); zr != nil {
				name = "zone " + code(shownPlain(zr["name"]))
			}
		}
		return name + " of stack " + code(z.stack)
	}
	vpcMD := func(s *Stack, x any) string {
		if r, ok := v.follow(s, x); ok {
			return "VPC " + v.vpcMD(r)
		}
		return "VPC " + v.anyRef(x)
	}
	for _, n := range v.Names("aws_route53_vpc_association_authorization") {
		a := v.Get("aws_route53_vpc_association_authorization", n)
		z, ok := v.follow(v.Stack, a["zone_id"])
		if ok && z.stack == v.Name {
			continue
		}
		lines = append(lines, fmt.Sprintf("- authorization %s: %s may be associated with %s\n", code(n), vpcMD(v.Stack, a["vpc_id"]), zoneMD(z, ok && z.typ == "aws_route53_zone")))
	}
	for _, n := range v.Names("aws_route53_zone_association") {
		a := v.Get("aws_route53_zone_association", n)
		z, ok := v.zoneOf(v.Stack, a["zone_id"])
		if ok && z.stack == v.Name {
			continue // the hub's own: its section shows it
		}
		how := ""
		if r, ok := v.follow(v.Stack, a["zone_id"]); ok && r.typ == "aws_route53_vpc_association_authorization" {
			how = fmt.Sprintf(", after authorization %s of stack %s", code(r.name), code(r.stack))
		}
		lines = append(lines, fmt.Sprintf("- association %s: %s answers from %s%s\n", code(n), vpcMD(v.Stack, a["vpc_id"]), zoneMD(z, ok), how))
	}
	if len(lines) == 0 {
		return
	}
	fmt.Fprintf(b, "### Private hosted zones of other stacks\n\n%s\n", strings.Join(lines, ""))
}
