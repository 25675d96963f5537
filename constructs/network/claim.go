package network

import (
	"net/netip"
	"strings"
	"sync"
)

// CidrSlug writes a CIDR for a Terraform name: 192.168.0.0/16 is
// 192_168_0_0_16.
func CidrSlug(p netip.Prefix) string {
	return strings.NewReplacer(".", "_", "/", "_").Replace(p.String())
}

// routeClaims records, per route table (its ID token) and destination,
// the construct that wrote the route: AWS keeps one route per
// destination in a table (CreateRoute fails with RouteAlreadyExists), so
// a second writer is an error at synth, not at apply.
type routeClaims struct {
	mu sync.Mutex
	by map[string]string
}

// ClaimRoute records that path writes a route to p in s's route table.
// It returns the path that wrote one there before, or "" when the
// destination is free (or s has no table privnet writes). The same path
// claiming twice is the same route, and free.
func (v *Vpc) ClaimRoute(s *Subnet, p netip.Prefix, path string) string {
	if v == nil || s == nil || s.RouteTableId == nil {
		return ""
	}
	v.claims.mu.Lock()
	defer v.claims.mu.Unlock()
	if v.claims.by == nil {
		v.claims.by = map[string]string{}
	}
	key := *s.RouteTableId + "|" + p.Masked().String()
	if prev, ok := v.claims.by[key]; ok && prev != path {
		return prev
	}
	v.claims.by[key] = path
	return ""
}
