package lattice

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// PortRange is a TCP port range of a resource configuration, From == To
// for one port.
type PortRange struct{ From, To int }

func (p PortRange) String() string {
	if p.From == p.To {
		return strconv.Itoa(p.From)
	}
	return fmt.Sprintf("%d-%d", p.From, p.To)
}

// Ports is a parsed, validated list of port ranges, in the order written.
type Ports []PortRange

// ParsePorts reads what a VPC Lattice resource configuration takes:
// "22", "1-65535", "443,8000-8080". Ports are 1 to 65535, a range's start
// is not above its end, and ranges do not overlap.
func ParsePorts(s string) (Ports, error) {
	if strings.TrimSpace(s) == "" {
		return nil, fmt.Errorf("no ports given")
	}
	var out Ports
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		lo, hi, isRange := strings.Cut(part, "-")
		from, err := port(lo)
		if err != nil {
			return nil, fmt.Errorf("%q: %v", part, err)
		}
		to := from
		if isRange {
			if to, err = port(hi); err != nil {
				return nil, fmt.Errorf("%q: %v", part, err)
			}
			if from > to {
				return nil, fmt.Errorf("%q: the range starts above its end", part)
			}
		}
		out = append(out, PortRange{from, to})
	}
	sorted := append(Ports(nil), out...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].From < sorted[j].From })
	for i := 1; i < len(sorted); i++ {
		if sorted[i].From <= sorted[i-1].To {
			return nil, fmt.Errorf("%s and %s overlap", sorted[i-1], sorted[i])
		}
	}
	return out, nil
}

func port(s string) (int, error) {
	if s == "" || len(s) > 5 {
		return 0, fmt.Errorf("%q is not a port number", s)
	}
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("%q is not a port number", s)
		}
		n = n*10 + int(c-'0')
	}
	if n < 1 || n > 65535 {
		return 0, fmt.Errorf("port %d is outside 1-65535", n)
	}
	return n, nil
}

// Strings is the list as Terraform takes it: ["22", "443"].
func (p Ports) Strings() []string {
	out := make([]string, len(p))
	for i, r := range p {
		out[i] = r.String()
	}
	return out
}

func (p Ports) String() string { return strings.Join(p.Strings(), ",") }
