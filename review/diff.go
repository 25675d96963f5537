package review

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Change is one resource, or one other block (provider.aws,
// terraform.backend.s3, data.external.x, output.y…), that differs from the
// base.
type Change struct {
	// Type is a resource's type, or where another block is:
	// "provider", "terraform.backend", "data.external", "module"…
	Stack, Type, Name string
	Kind              string   // added, removed, changed
	Attributes        []string // changed attributes, for "changed"
	// Warning says why the change destroys the resource (deleted, or a
	// force-new attribute changed), for the watched types.
	Warning string
	// Alert says what a change to a provider or to the backend does to the
	// whole stack: every resource recreated in another region, the state
	// moved, AWS called at other endpoints or as another role.
	Alert string
}

// Address is the resource's (or block's) Terraform address within its
// stack: aws_vpc.net, provider.aws, terraform.backend.s3, output.x.
func (c Change) Address() string {
	if c.Name == "" {
		return c.Type
	}
	return c.Type + "." + c.Name
}

// forceNew lists, for the resources a closed network cannot lose without
// an outage, the arguments whose change makes Terraform destroy and
// recreate them (AWS provider 5.88 schemas, ForceNew).
var forceNew = map[string][]string{
	"aws_vpc":                           {"cidr_block", "instance_tenancy", "ipv4_ipam_pool_id"},
	"aws_subnet":                        {"vpc_id", "cidr_block", "availability_zone", "availability_zone_id", "outpost_arn"},
	"aws_vpc_endpoint":                  {"vpc_id", "service_name", "vpc_endpoint_type", "service_region", "resource_configuration_arn", "service_network_arn"},
	"aws_ec2_instance_connect_endpoint": {"subnet_id", "security_group_ids", "preserve_client_ip"},
	"aws_instance":                      {"ami", "subnet_id", "availability_zone", "private_ip", "associate_public_ip_address", "root_block_device.encrypted", "root_block_device.kms_key_id", "key_name", "tenancy"},
	// Transit Gateway and VPC peering. Provider 5.88 itself could not be
	// read or run here; checked 2026-11-24 on 5.100.0, the build on this
	// machine: `terraform plan -refresh=false` over a state with every
	// argument changed lists these, and only these, in replace_paths. The
	// provider's source agrees (hashicorp/terraform-provider-aws
	// internal/service/ec2, stored copies): transitgateway_.go,
	// _vpc_attachment.go, _route_table_association.go,
	// vpc_peering_connection.go and _accepter.go from 2022–2023, long
	// before 5.88; _route_table.go and _vpc_attachment_accepter.go from
	// 2023; _route.go and _route_table_propagation.go from 2026 (the
	// route has no Update at all). Not listed, as they change in place in
	// 5.100.0: the gateway's amazon_side_asn (ForceNew in the 2022 copy,
	// updatable since pull request 27306 of 2022-10-18),
	// security_group_referencing_support, dns_support and
	// transit_gateway_cidr_blocks; an attachment's subnet_ids and options;
	// a peering's auto_accept and DNS options; an association's
	// replace_existing_association.
	"aws_ec2_transit_gateway":                         {"multicast_support", "default_route_table_association", "default_route_table_propagation"},
	"aws_ec2_transit_gateway_vpc_attachment":          {"transit_gateway_id", "vpc_id"},
	"aws_ec2_transit_gateway_vpc_attachment_accepter": {"transit_gateway_attachment_id"},
	"aws_ec2_transit_gateway_route_table":             {"transit_gateway_id"},
	"aws_ec2_transit_gateway_route_table_association": {"transit_gateway_attachment_id", "transit_gateway_route_table_id"},
	"aws_ec2_transit_gateway_route_table_propagation": {"transit_gateway_attachment_id", "transit_gateway_route_table_id"},
	"aws_ec2_transit_gateway_route":                   {"destination_cidr_block", "transit_gateway_attachment_id", "transit_gateway_route_table_id", "blackhole"},
	"aws_vpc_peering_connection":                      {"vpc_id", "peer_vpc_id", "peer_owner_id", "peer_region"},
	"aws_vpc_peering_connection_accepter":             {"vpc_peering_connection_id"},
}

// replacesWhen narrows forceNew for arguments that replace the resource
// only on some changes (old and cur as written; nil when absent), as
// AWS provider 5.100.0 plans them (checked 2026-11-24, see forceNew):
//   - a gateway's default route table association or propagation: only
//     from "disable" to anything else (the provider's CustomizeDiff forces
//     a new gateway from disable to enable; absent is AWS's default,
//     enable; an expression may be enable). enable to disable is in place;
//   - a peering's peer_region and peer_owner_id are Optional and Computed:
//     removed from the configuration, they keep the value in the state, so
//     only a value written (and different) replaces the peering;
//   - a route's blackhole defaults to false: absent and false are one.
var replacesWhen = map[string]map[string]func(old, cur any) bool{
	"aws_ec2_transit_gateway": {
		"default_route_table_association": fromDisable,
		"default_route_table_propagation": fromDisable,
	},
	"aws_vpc_peering_connection": {"peer_region": written, "peer_owner_id": written},
	"aws_ec2_transit_gateway_route": {"blackhole": func(old, cur any) bool {
		return (old == true) != (cur == true) || !isBool(old) || !isBool(cur)
	}},
}

func fromDisable(old, cur any) bool { return old == "disable" && cur != "disable" }

func written(_, cur any) bool { return cur != nil }

// isBool: absent, true or false (anything else is an expression).
func isBool(x any) bool { return x == nil || x == true || x == false }

// outage says what the replacement of a resource of these types does to
// the traffic between VPCs: Terraform destroys it first, and until the new
// one is made (and associated, and routed) the traffic it carried stops;
// a replaced gateway or peering gets a new ID, so every route to it is
// written again.
var outage = map[string]string{
	"aws_ec2_transit_gateway":                         "an outage: traffic between the attached VPCs stops from the destroy until the new gateway is made, attached and routed, and the new gateway has a new ID, so every attachment, route table and VPC route to it is made again",
	"aws_ec2_transit_gateway_vpc_attachment":          "an outage: traffic between the VPC and the gateway stops from the destroy until the new attachment is made, associated and routed",
	"aws_ec2_transit_gateway_vpc_attachment_accepter": "an outage: destroying the accepter deletes the attachment, and traffic between that VPC and the gateway stops until the new one is accepted, associated and routed",
	"aws_ec2_transit_gateway_route_table":             "an outage: the attachments associated with it have no route table from the destroy until the new table is made and associated, and the gateway drops their traffic",
	"aws_ec2_transit_gateway_route_table_association": "an outage: the attachment has no route table from the destroy until the new association is made, and the gateway drops its traffic",
	"aws_ec2_transit_gateway_route_table_propagation": "the attachment's routes leave the route table from the destroy until the new propagation is made: traffic to that VPC through the table stops meanwhile",
	"aws_ec2_transit_gateway_route":                   "traffic to the destination takes another route of the table, or is dropped, from the destroy until the new route is made",
	"aws_vpc_peering_connection":                      "an outage: traffic between the VPCs stops from the destroy until the new peering is made, accepted and routed, and the new peering has a new ID, so every route to it is written again",
	"aws_vpc_peering_connection_accepter":             "the new accepter accepts the other peering connection; destroying the old one only removes it from the state (the provider does not delete the peering)",
}

// Diff compares stacks with their base, stack by stack: first the blocks
// that apply to the whole stack (terraform, provider), then resource by
// resource, then the other blocks (data, module, import, moved, removed,
// locals, variable, output…); the "//" metadata is ignored.
func Diff(base, head []*Stack) []Change {
	byName := func(ss []*Stack) map[string]*Stack {
		m := map[string]*Stack{}
		for _, s := range ss {
			m[s.Name] = s
		}
		return m
	}
	b, h := byName(base), byName(head)
	names := map[string]bool{}
	for n := range b {
		names[n] = true
	}
	for n := range h {
		names[n] = true
	}
	var stacks []string
	for n := range names {
		stacks = append(stacks, n)
	}
	sort.Strings(stacks)

	var out []Change
	for _, sn := range stacks {
		bs, hs := b[sn], h[sn]
		both := bs != nil && hs != nil
		if bs == nil {
			bs = &Stack{Name: sn}
		}
		if hs == nil {
			hs = &Stack{Name: sn}
		}
		blocks := blockChanges(sn, bs.Blocks, hs.Blocks, both)
		stackWide := 0
		for stackWide < len(blocks) && (blocks[stackWide].Type == "provider" || blocks[stackWide].Type == "terraform" || blocks[stackWide].Type == "terraform.backend") {
			stackWide++
		}
		out = append(out, blocks[:stackWide]...)
		types := map[string]bool{}
		for t := range bs.Resources {
			types[t] = true
		}
		for t := range hs.Resources {
			types[t] = true
		}
		var ts []string
		for t := range types {
			ts = append(ts, t)
		}
		sort.Strings(ts)
		for _, t := range ts {
			all := map[string]bool{}
			for n := range bs.Resources[t] {
				all[n] = true
			}
			for n := range hs.Resources[t] {
				all[n] = true
			}
			var ns []string
			for n := range all {
				ns = append(ns, n)
			}
			sort.Strings(ns)
			for _, n := range ns {
				old, cur := bs.Resources[t][n], hs.Resources[t][n]
				c := Change{Stack: sn, Type: t, Name: n}
				_, watched := forceNew[t]
				switch {
				case old == nil:
					c.Kind = "added"
				case cur == nil:
					c.Kind = "removed"
					if watched {
						c.Warning = "deleted"
					}
				default:
					c.Attributes = changedAttrs(old, cur)
					if len(c.Attributes) == 0 {
						continue
					}
					c.Kind = "changed"
					var fn []string
					for _, f := range forceNew[t] {
						top, sub, nested := strings.Cut(f, ".")
						when := replacesWhen[t][f]
						switch {
						case ignored(cur, top):
						case when != nil && !when(old[f], cur[f]):
						case !nested && contains(c.Attributes, f):
							fn = append(fn, f)
						case nested && contains(c.Attributes, top) && !same(block(old, top)[sub], block(cur, top)[sub]):
							// Only this part of the block forces a new
							// resource (root_block_device.volume_size
							// changes in place).
							fn = append(fn, f)
						}
					}
					if len(fn) > 0 {
						c.Warning = "replaced (" + strings.Join(fn, ", ") + " changed)"
						// Two endpoints cannot hold one service's private
						// DNS in a VPC, so Terraform destroys the old one
						// first: clients lose the service until the new one
						// is up (a service name fixed by privnet 2026-11 in
						// China does this).
						if t == "aws_vpc_endpoint" && (old["private_dns_enabled"] == true || cur["private_dns_enabled"] == true) {
							c.Warning += ": an outage, since with private DNS on the new endpoint cannot exist beside the old one, which is destroyed first and leaves the VPC's clients without the service until the new one is made"
						}
						if o := outage[t]; o != "" {
							c.Warning += ": " + o
						}
					}
				}
				out = append(out, c)
			}
		}
		out = append(out, blocks[stackWide:]...)
	}
	return out
}

// blockKeys are the top-level blocks other than resource, in the order
// the change list shows them; a key not listed (check, a newer block)
// comes after them, by name.
var blockKeys = []string{"terraform", "provider", "data", "module", "import", "moved", "removed", "locals", "variable", "output"}

// entry is one block as Diff compares it: its address and its value.
type entry struct {
	typ, name string
	val       any
}

// entries are one top-level block's parts, each with its Terraform
// address: terraform.required_providers, terraform.backend.s3,
// provider.aws (or provider.aws.<alias>), data.<type>.<name>,
// module.<name>, local.<name>, var.<name>, output.<name>,
// import.<to>, moved.<from>, removed.<from>. A part that is not the
// shape Terraform JSON gives it is compared whole, at the level above.
// An address written twice (Terraform refuses most such documents) gets
// [2], [3]…, so that neither part hides the other.
func entries(key string, v any) []entry {
	if v == nil {
		return nil // absent, or null: no block
	}
	var out []entry
	seen := map[[2]string]int{}
	add := func(typ, name string, val any) {
		if name == "//" {
			return
		}
		a := [2]string{typ, name}
		if seen[a]++; seen[a] > 1 {
			name += fmt.Sprintf("[%d]", seen[a])
		}
		out = append(out, entry{typ, name, one(val)})
	}
	switch key {
	case "terraform", "locals":
		bs, err := objects(v, key)
		if err != nil {
			add(key, "", v)
			break
		}
		typ := key
		if key == "locals" {
			typ = "local"
		}
		for _, b := range bs {
			for _, k := range sortedKeys(b) {
				if backends, ok := labeled(b[k]); key == "terraform" && k == "backend" && ok {
					for _, be := range backends {
						add("terraform.backend", be.name, be.val)
					}
					continue
				}
				add(typ, k, b[k])
			}
		}
	case "provider":
		ps, ok := labeled(v)
		if !ok {
			add(key, "", v)
			break
		}
		for _, p := range ps {
			bs, err := objects(p.val, "provider")
			if err != nil {
				add(key, p.name, p.val)
				continue
			}
			for _, b := range bs {
				name := p.name
				if a := scalar(b["alias"]); a != "" {
					name += "." + a
				}
				add(key, name, b)
			}
		}
	case "data":
		types, ok := labeled(v)
		if !ok {
			add(key, "", v)
			break
		}
		for _, t := range types {
			byName, ok := labeled(t.val)
			if !ok {
				add(key, t.name, t.val)
				continue
			}
			for _, n := range byName {
				add(key+"."+t.name, n.name, n.val)
			}
		}
	case "import", "moved", "removed":
		// Lists of blocks, each known by the address it imports to or
		// moves from.
		bs, err := objects(v, key)
		if err != nil {
			add(key, "", v)
			break
		}
		by := map[string]string{"import": "to", "moved": "from", "removed": "from"}[key]
		for _, b := range bs {
			add(key, scalar(b[by]), b)
		}
	default:
		ns, ok := labeled(v)
		if !ok {
			add(key, "", v)
			break
		}
		typ := key
		if key == "variable" {
			typ = "var"
		}
		for _, n := range ns {
			add(typ, n.name, n.val)
		}
	}
	return out
}

// member is one labeled block: its label and its body.
type member struct {
	name string
	val  any
}

// labeled is one level of labeled blocks as Terraform JSON writes it: an
// object, or a list of objects (HCL's JSON syntax allows both), as its
// labels and bodies, each object's labels sorted; ok is false for any
// other shape.
func labeled(v any) (out []member, ok bool) {
	bs, err := objects(v, "")
	if err != nil {
		return nil, false
	}
	for _, b := range bs {
		for _, k := range sortedKeys(b) {
			out = append(out, member{k, b[k]})
		}
	}
	return out, true
}

// one is a block written as a list of one object as that object, so that
// its attributes can be compared.
func one(v any) any {
	if l, ok := v.([]any); ok && len(l) == 1 {
		if m, ok := l[0].(map[string]any); ok {
			return m
		}
	}
	return v
}

// blockChanges diffs the top-level blocks other than resource of one
// stack. both: the stack is in the base and in the head, so a provider or
// backend change there is an alert (a new stack's are not).
func blockChanges(stack string, base, head map[string]any, both bool) []Change {
	keys := map[string]bool{}
	for k := range base {
		keys[k] = true
	}
	for k := range head {
		keys[k] = true
	}
	var order []string
	for _, k := range blockKeys {
		if keys[k] {
			order = append(order, k)
			delete(keys, k)
		}
	}
	order = append(order, sortedKeys(keys)...)

	var out []Change
	for _, k := range order {
		old, cur := entries(k, base[k]), entries(k, head[k])
		type pair struct{ old, cur any }
		byAddr := map[[2]string]*pair{}
		var addrs [][2]string
		for i, es := range [][]entry{old, cur} {
			for _, e := range es {
				a := [2]string{e.typ, e.name}
				p := byAddr[a]
				if p == nil {
					p = &pair{}
					byAddr[a] = p
					addrs = append(addrs, a)
				}
				if i == 0 {
					p.old = e.val
				} else {
					p.cur = e.val
				}
			}
		}
		sort.Slice(addrs, func(i, j int) bool {
			if addrs[i][0] != addrs[j][0] {
				return addrs[i][0] < addrs[j][0]
			}
			return addrs[i][1] < addrs[j][1]
		})
		for _, a := range addrs {
			p := byAddr[a]
			c := Change{Stack: stack, Type: a[0], Name: a[1]}
			om, oldObj := p.old.(map[string]any)
			cm, curObj := p.cur.(map[string]any)
			switch {
			case p.old == nil:
				c.Kind = "added"
			case p.cur == nil:
				c.Kind = "removed"
			case oldObj && curObj:
				if c.Attributes = changedAttrs(om, cm); len(c.Attributes) == 0 {
					continue
				}
				c.Kind = "changed"
			case same(p.old, p.cur):
				continue
			default:
				c.Kind = "changed"
			}
			if both {
				c.Alert = alert(c, om, cm)
			}
			out = append(out, c)
		}
	}
	if both {
		// A backend replaced by another: one alert, on the new one.
		moved := false
		for _, c := range out {
			moved = moved || (c.Kind == "added" && c.Type == "terraform.backend")
		}
		for i, c := range out {
			if moved && c.Kind == "removed" && c.Type == "terraform.backend" {
				out[i].Alert = ""
			}
		}
	}
	return out
}

// identity are the provider arguments that say where Terraform calls AWS
// and as whom: changed, the same plan acts on another account or through
// another party's endpoint.
var identity = []string{"endpoints", "assume_role", "assume_role_with_web_identity", "profile", "access_key", "secret_key", "token",
	"shared_config_files", "shared_credentials_files", "sts_region", "custom_ca_bundle", "http_proxy", "https_proxy", "insecure",
	"allowed_account_ids", "forbidden_account_ids"}

// alert is what a change of a provider or of the backend does to the
// whole stack, or "".
func alert(c Change, old, cur map[string]any) string {
	switch {
	case c.Type == "terraform.backend" && c.Kind == "added":
		return "the state moves to backend " + backend(c.Name, cur) + ": Terraform would read and write the stack's state there"
	case c.Type == "terraform.backend" && c.Kind == "changed":
		for _, a := range c.Attributes {
			if contains(stateWhere, a) {
				return "backend " + backend(c.Name, cur) + " changed (" + strings.Join(c.Attributes, ", ") + "): the state moves; Terraform would read and write it there"
			}
		}
		return "backend " + c.Name + " settings changed (" + strings.Join(c.Attributes, ", ") + "): Terraform would keep the stack's state as they say"
	case c.Type == "terraform.backend":
		return "backend " + c.Name + " removed: the state moves to a local file in the working directory"
	case c.Type == "terraform" && c.Name == "cloud":
		return "the HCP Terraform settings changed: the state moves"
	case c.Type == "terraform" && c.Name == "required_providers":
		var moved []string
		for _, p := range c.Attributes {
			o, _ := old[p].(map[string]any)
			n, _ := cur[p].(map[string]any)
			if o != nil && n != nil && scalar(o["source"]) != scalar(n["source"]) {
				moved = append(moved, fmt.Sprintf("%s from %s to %s", p, orNone(scalar(o["source"])), orNone(scalar(n["source"]))))
			}
		}
		if len(moved) > 0 {
			return "provider source changed (" + strings.Join(moved, ", ") + "): Terraform would install that build and run it with the stack's credentials"
		}
		return ""
	case c.Type != "provider":
		return ""
	}
	var parts []string
	prov, _, aliased := strings.Cut(c.Name, ".")
	who := "every resource of the stack"
	if aliased {
		who = "every resource that uses provider " + c.Name
	}
	from, to := shownPlain(old["region"]), shownPlain(cur["region"])
	switch {
	case c.Kind == "removed" && !aliased:
		parts = append(parts, fmt.Sprintf("provider %s removed: its region and credentials would come from the environment of whoever runs Terraform", prov))
	case c.Kind != "changed" || !contains(c.Attributes, "region"):
	case cur["region"] == nil:
		parts = append(parts, fmt.Sprintf("region %s removed: the region would come from the environment, and %s would be recreated there", from, who))
	default:
		parts = append(parts, fmt.Sprintf("region changed from %s to %s: %s would be recreated in %s", from, to, who, to))
	}
	var ids []string
	for _, a := range identity {
		if (c.Kind == "changed" && contains(c.Attributes, a)) || (c.Kind == "added" && cur[a] != nil) {
			ids = append(ids, a)
		}
	}
	if verb := "changed"; len(ids) > 0 {
		if c.Kind == "added" {
			verb = "set"
		}
		parts = append(parts, strings.Join(ids, ", ")+" "+verb+": Terraform would call AWS at other endpoints, or as another identity")
	}
	return strings.Join(parts, "; ")
}

func orNone(s string) string {
	if s == "" {
		return "(not set)"
	}
	return s
}

// stateWhere are the backend arguments that say where the state is, and
// with whose access it is read (the backends' own names for them).
var stateWhere = []string{"bucket", "key", "region", "role_arn", "assume_role", "endpoint", "endpoints", "path", "organization", "hostname",
	"address", "storage_account_name", "container_name", "resource_group_name", "subscription_id", "prefix", "workspace_key_prefix", "workspaces"}

// backend is a backend's type and where it keeps the state: s3 (bucket
// "x", key "y", region "z").
func backend(typ string, cfg map[string]any) string {
	var where []string
	for _, k := range stateWhere {
		if v, ok := cfg[k]; ok {
			where = append(where, k+" "+shown(v))
		}
	}
	if len(where) == 0 {
		return typ
	}
	return typ + " (" + strings.Join(where, ", ") + ")"
}

// ignored: lifecycle.ignore_changes names the attribute, so Terraform will
// not act on it (the default AMI).
func ignored(r map[string]any, attr string) bool {
	lc, _ := r["lifecycle"].(map[string]any)
	for _, a := range list(lc, "ignore_changes") {
		if a == attr {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// block is a nested block's attributes, written as an object or a list of
// one.
func block(r map[string]any, name string) map[string]any {
	switch v := r[name].(type) {
	case map[string]any:
		return v
	case []any:
		if len(v) > 0 {
			m, _ := v[0].(map[string]any)
			return m
		}
	}
	return map[string]any{}
}

func same(a, b any) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

func changedAttrs(a, b map[string]any) []string {
	keys := map[string]bool{}
	for k := range a {
		keys[k] = true
	}
	for k := range b {
		keys[k] = true
	}
	var out []string
	for k := range keys {
		if k == "//" {
			continue
		}
		ja, _ := json.Marshal(a[k])
		jb, _ := json.Marshal(b[k])
		if string(ja) != string(jb) {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func (c Change) String() string {
	s := fmt.Sprintf("%s: %s %s", c.Stack, c.Kind, c.Address())
	if len(c.Attributes) > 0 {
		s += " (" + strings.Join(c.Attributes, ", ") + ")"
	}
	return s
}
