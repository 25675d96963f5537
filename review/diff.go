package review

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Change is one resource that differs from the base.
type Change struct {
	Stack, Type, Name string
	Kind              string   // added, removed, changed
	Attributes        []string // changed attributes, for "changed"
	// Warning says why the change destroys the resource (deleted, or a
	// force-new attribute changed), for the watched types.
	Warning string
}

// Address is the resource's Terraform address within its stack.
func (c Change) Address() string { return c.Type + "." + c.Name }

// forceNew lists, for the resources a closed network cannot lose without
// an outage, the arguments whose change makes Terraform destroy and
// recreate them (AWS provider 5.88 schemas, ForceNew).
var forceNew = map[string][]string{
	"aws_vpc":                           {"cidr_block", "instance_tenancy", "ipv4_ipam_pool_id"},
	"aws_subnet":                        {"vpc_id", "cidr_block", "availability_zone", "availability_zone_id", "outpost_arn"},
	"aws_vpc_endpoint":                  {"vpc_id", "service_name", "vpc_endpoint_type", "service_region", "resource_configuration_arn", "service_network_arn"},
	"aws_ec2_instance_connect_endpoint": {"subnet_id", "security_group_ids", "preserve_client_ip"},
	"aws_instance":                      {"ami", "subnet_id", "availability_zone", "private_ip", "associate_public_ip_address", "root_block_device.encrypted", "root_block_device.kms_key_id", "key_name", "tenancy"},
}

// Diff compares stacks with their base, stack by stack and resource by
// resource; the "//" metadata is ignored.
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
		if bs == nil {
			bs = &Stack{Name: sn}
		}
		if hs == nil {
			hs = &Stack{Name: sn}
		}
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
						switch {
						case ignored(cur, top):
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
					}
				}
				out = append(out, c)
			}
		}
	}
	return out
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
