package review

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// FuzzNames puts one string everywhere a stack's author chooses text (a
// resource name, a tag, a CIDR, a service name, a description, a region, a
// stack name, a backend's bucket, a data source's or an output's name, a
// provisioner's type) and checks the report as TestHostileNames does: no raw HTML,
// code spans that close, table rows with their header's cells, no line
// privnet does not start, every diagram line a statement privnet writes.
func FuzzNames(f *testing.F) {
	for _, h := range hostile {
		f.Add(h)
	}
	f.Add("end")
	f.Fuzz(func(t *testing.T, s string) {
		doc := map[string]any{
			"provider": map[string]any{"aws": []any{map[string]any{"region": s}}},
			"resource": map[string]any{
				"aws_vpc":            map[string]any{"net": map[string]any{"cidr_block": s}, s: map[string]any{"cidr_block": s}},
				"aws_subnet":         map[string]any{"sn": map[string]any{"vpc_id": "${aws_vpc.net.id}", "cidr_block": s, "availability_zone": s, "tags": map[string]any{"privnet:tier": s, "privnet:kind": s}}},
				"aws_security_group": map[string]any{"g": map[string]any{}, s: map[string]any{}},
				"aws_instance":       map[string]any{s: map[string]any{"subnet_id": "${aws_subnet.sn.id}", "private_ip": s, "instance_type": s, "vpc_security_group_ids": []any{"${aws_security_group.g.id}"}}},
				"aws_vpc_endpoint": map[string]any{s: map[string]any{"vpc_endpoint_type": "Interface", "service_name": s, "subnet_ids": []any{"${aws_subnet.sn.id}"},
					"security_group_ids": []any{"${aws_security_group.g.id}"}, "service_region": s}},
				"aws_vpc_security_group_ingress_rule": map[string]any{s: map[string]any{"security_group_id": "${aws_security_group.g.id}", "ip_protocol": s,
					"from_port": 1, "to_port": 2, "cidr_ipv4": s, "description": s}},
				"aws_vpc_security_group_egress_rule": map[string]any{s: map[string]any{"security_group_id": "${aws_security_group.g.id}", "ip_protocol": "tcp",
					"from_port": 1, "to_port": 2, "cidr_ipv4": s + "/32", "description": s}},
				"aws_vpc_endpoint_service": map[string]any{s: map[string]any{"supported_regions": []any{s}}},
				"terraform_data":           map[string]any{"d": map[string]any{"count": s, "provisioner": []any{map[string]any{s: map[string]any{}}}}},
			},
			"terraform": map[string]any{"backend": map[string]any{"s3": map[string]any{"bucket": s}}},
			"data":      map[string]any{"external": map[string]any{s: map[string]any{}}, "http": map[string]any{s: map[string]any{}}},
			"output":    map[string]any{s: map[string]any{"value": s}},
		}
		b, err := json.Marshal(doc)
		if err != nil {
			t.Skip() // not UTF-8: JSON cannot carry it as written
		}
		st, err := Parse(s, b)
		if err != nil {
			t.Fatal(err)
		}
		base, _ := Parse(s, b)
		delete(base.Resources["aws_vpc"], "net")
		// The base's region, backend, provider source and outputs differ:
		// the head's, made of s, are in the warnings and the change list.
		base.Blocks["provider"] = map[string]any{"aws": map[string]any{"region": "base-region", "endpoints": map[string]any{s: s}}}
		base.Blocks["terraform"] = map[string]any{"backend": map[string]any{"s3": map[string]any{"bucket": "base"}},
			"required_providers": map[string]any{"aws": map[string]any{"source": s}}}
		base.Blocks["output"] = map[string]any{s + "x": map[string]any{"value": s}}
		md := Report([]*Stack{st}, []*Stack{base})
		checkMarkdown(t, md)
		checkMermaid(t, md)
	})
}

// FuzzParse: whatever the bytes, Parse and Report return; no panic.
func FuzzParse(f *testing.F) {
	// The smallest shipped stack: with the larger ones as seeds, the
	// coverage-guided fuzzer spends its time minimizing them (measured:
	// 17 executions in 11 s).
	if b, err := os.ReadFile(filepath.Join("..", "test", "golden", "baseline.json")); err == nil {
		f.Add(b)
	}
	f.Add([]byte(tinyStack))
	f.Add([]byte(`{"resource":{"aws_vpc_security_group_ingress_rule":{"r":{"security_group_id":"x","ip_protocol":"tcp","from_port":1e300,"to_port":-0}}}}`))
	f.Add([]byte(transitStack)) // every transit type, with references between them
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := Parse("s", b)
		if err != nil {
			return
		}
		Report([]*Stack{s}, []*Stack{s})
	})
}
