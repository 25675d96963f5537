package review

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// rulePorts is what a security group rule lets through: a protocol and a
// port range (ICMP: a type and a code), parsed once and checked, so that
// printing it cannot fail or print nonsense.
type rulePorts struct {
	proto    string // as written (tcp, udp, icmp, 6, …); "-1" is all traffic
	from, to int    // -1: all
}

// AWS takes ports from 0 to 65535, ICMP types and codes from 0 to 255,
// and -1 for all of them.
const minPort, maxPort, maxICMP = -1, 65535, 255

// parseRulePorts reads an aws_vpc_security_group_{ingress,egress}_rule's
// ip_protocol, from_port and to_port. A port that is not an integer from
// -1 to 65535 (1e300, 22.5, "x"), only one of the two ports, or a range
// that runs backwards is an error that names the attribute and its value.
func parseRulePorts(r map[string]any) (rulePorts, error) {
	p := rulePorts{proto: strings.ToLower(scalar(r["ip_protocol"]))}
	if p.proto == "" {
		return p, fmt.Errorf("ip_protocol %s is not a protocol (use tcp, udp, icmp, a protocol number, or -1 for all)", shown(r["ip_protocol"]))
	}
	if p.proto == "-1" || p.proto == "all" {
		p.proto, p.from, p.to = "-1", -1, -1
		return p, nil
	}
	_, hasFrom := r["from_port"]
	_, hasTo := r["to_port"]
	switch {
	case !hasFrom && !hasTo:
		p.from, p.to = -1, -1
		return p, nil
	case hasFrom != hasTo:
		return p, fmt.Errorf("only one of from_port and to_port is set (set both)")
	}
	var err error
	if p.from, err = port(r, "from_port"); err != nil {
		return p, err
	}
	if p.to, err = port(r, "to_port"); err != nil {
		return p, err
	}
	switch {
	case p.icmp() && max(p.from, p.to) > maxICMP:
		return p, fmt.Errorf("ICMP type %d, code %d: ICMP types and codes go from %d to %d", p.from, p.to, minPort, maxICMP)
	case !p.icmp() && (p.from == -1) != (p.to == -1):
		return p, fmt.Errorf("from_port %d and to_port %d: use -1 in both for all ports, or two ports", p.from, p.to)
	case !p.icmp() && p.from > p.to:
		return p, fmt.Errorf("from_port %d is above to_port %d (swap them)", p.from, p.to)
	}
	return p, nil
}

func port(r map[string]any, k string) (int, error) {
	var f float64
	switch v := r[k].(type) {
	case json.Number:
		var err error
		if f, err = strconv.ParseFloat(v.String(), 64); err != nil {
			return 0, badPort(k, r[k])
		}
	case float64:
		f = v
	case string:
		n, err := strconv.Atoi(v)
		if err != nil {
			return 0, badPort(k, r[k])
		}
		f = float64(n)
	default:
		return 0, badPort(k, r[k])
	}
	if f != math.Trunc(f) || f < minPort || f > maxPort {
		return 0, badPort(k, r[k])
	}
	return int(f), nil
}

func badPort(k string, v any) error {
	return fmt.Errorf("%s %s is not a port (an integer from %d to %d)", k, shown(v), minPort, maxPort)
}

// shown is a JSON value as written, cut to 40 characters.
func shown(v any) string {
	var s string
	switch x := v.(type) {
	case nil:
		return "(not set)"
	case string:
		s = strconv.Quote(x)
	case json.Number:
		s = x.String()
	default:
		b, _ := json.Marshal(x)
		s = string(b)
	}
	if r := []rune(s); len(r) > 40 {
		s = string(r[:40]) + "…"
	}
	return s
}

func (p rulePorts) icmp() bool {
	switch p.proto {
	case "icmp", "icmpv6", "1", "58":
		return true
	}
	return false
}

// String is the rule's traffic in words: "443/tcp", "1024-65535/udp",
// "all traffic", "all ICMP", "ICMP type 8 code 0". The protocol is as
// written: escape it where it is printed.
func (p rulePorts) String() string {
	switch {
	case p.proto == "-1":
		return "all traffic"
	case p.icmp() && p.from == -1:
		return "all " + strings.ToUpper(p.proto)
	case p.icmp() && p.to == -1:
		return fmt.Sprintf("%s type %d", strings.ToUpper(p.proto), p.from)
	case p.icmp():
		return fmt.Sprintf("%s type %d code %d", strings.ToUpper(p.proto), p.from, p.to)
	case p.from == -1:
		return "all ports/" + p.proto
	case p.from == p.to:
		return fmt.Sprintf("%d/%s", p.from, p.proto)
	}
	return fmt.Sprintf("%d-%d/%s", p.from, p.to, p.proto)
}
