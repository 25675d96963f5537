package network

import (
	"fmt"
	"net/netip"
	"sort"
)

// AWS allows subnets (and VPC CIDR blocks) from /16 to /28
// (Amazon VPC User Guide, "VPC CIDR blocks", checked 2026-11).
const (
	minPrefix = 16
	maxPrefix = 28
)

// Block asks for one tier's subnets: Count subnets of the same Prefix, one
// per AZ. Reserve (at least Count) is how many the tier's range holds, so
// that AZs added later fit without moving anything. Fixed, when given, are
// the subnets as the user wrote them, and nothing is carved for the tier.
type Block struct {
	Prefix  int
	Count   int
	Reserve int
	Fixed   []netip.Prefix
	// None: the tier has no IPv4 subnets (IPv6-only). It takes no room,
	// and nothing is carved for it.
	None bool
}

// CarveProblem is one reason a carve failed, tied to the tier it concerns
// (index into the blocks) and, where it matters, the subnet within it.
type CarveProblem struct {
	Tier, Subnet int
	Problem, Fix string
}

// Carve lays the tiers' subnets out in vpc. Carved tiers take consecutive,
// aligned ranges in the order given, so the same input always gives the
// same subnets, and appending a tier never moves an earlier one. Fixed
// subnets are taken as written and only checked: inside the VPC, valid,
// and overlapping nothing. Overlaps are found by sorting, not by comparing
// all pairs.
func Carve(vpc netip.Prefix, blocks []Block) ([][]netip.Prefix, []CarveProblem) {
	var problems []CarveProblem
	out := make([][]netip.Prefix, len(blocks))
	if !vpc.IsValid() || !vpc.Addr().Is4() {
		return out, []CarveProblem{{Tier: -1, Problem: "VPC CIDR is not an IPv4 block"}}
	}
	vpc = vpc.Masked()
	start := uint64(addrToUint(vpc.Addr()))
	end := start + 1<<(32-vpc.Bits()) // exclusive
	cursor := start

	for i, b := range blocks {
		if b.None {
			continue
		}
		if len(b.Fixed) > 0 {
			for j, p := range b.Fixed {
				switch {
				case !p.IsValid() || !p.Addr().Is4():
					problems = append(problems, CarveProblem{i, j, "subnet is not an IPv4 CIDR", "write it like 10.0.1.0/24"})
				case p.Bits() < minPrefix || p.Bits() > maxPrefix:
					problems = append(problems, CarveProblem{i, j, fmt.Sprintf("subnet %v has prefix /%d, outside the /%d–/%d AWS allows", p, p.Bits(), minPrefix, maxPrefix), fmt.Sprintf("use a prefix from /%d to /%d", minPrefix, maxPrefix)})
				case p != p.Masked():
					problems = append(problems, CarveProblem{i, j, fmt.Sprintf("subnet %v has host bits set", p), fmt.Sprintf("write %v", p.Masked())})
				case !vpc.Contains(p.Addr()) || p.Bits() < vpc.Bits():
					problems = append(problems, CarveProblem{i, j, fmt.Sprintf("subnet %v is outside the VPC CIDR %v", p, vpc), fmt.Sprintf("pick a block inside %v", vpc)})
				default:
					out[i] = append(out[i], p)
					continue
				}
				out[i] = append(out[i], netip.Prefix{})
			}
			continue
		}
		if b.Prefix < minPrefix || b.Prefix > maxPrefix {
			problems = append(problems, CarveProblem{i, -1, fmt.Sprintf("subnet prefix /%d is outside the /%d–/%d AWS allows", b.Prefix, minPrefix, maxPrefix), fmt.Sprintf("use a prefix from /%d to /%d", minPrefix, maxPrefix)})
			continue
		}
		if b.Prefix < vpc.Bits() {
			problems = append(problems, CarveProblem{i, -1, fmt.Sprintf("subnet prefix /%d is larger than the VPC's /%d", b.Prefix, vpc.Bits()), fmt.Sprintf("use a prefix from /%d to /%d", vpc.Bits(), maxPrefix)})
			continue
		}
		reserve := b.Reserve
		if reserve < b.Count {
			reserve = b.Count
		}
		size := uint64(1) << (32 - b.Prefix)
		at := (cursor + size - 1) / size * size // align
		if at+uint64(reserve)*size > end {
			free := uint64(0)
			if at < end {
				free = (end - at) / size
			}
			problems = append(problems, CarveProblem{i, -1,
				fmt.Sprintf("%d subnets of /%d do not fit in %v: room is left for %d", reserve, b.Prefix, vpc, free),
				"use a longer subnet prefix, fewer AZs or tiers, or a larger VPC CIDR"})
			cursor = end
			continue
		}
		for j := 0; j < b.Count; j++ {
			out[i] = append(out[i], netip.PrefixFrom(uintToAddr(uint32(at+uint64(j)*size)), b.Prefix))
		}
		cursor = at + uint64(reserve)*size
	}

	// Overlaps (only fixed subnets can cause them): sort by start and
	// compare neighbours, keeping the furthest end seen so far.
	type placed struct {
		p           netip.Prefix
		tier, index int
	}
	var all []placed
	for i, ps := range out {
		for j, p := range ps {
			if p.IsValid() {
				all = append(all, placed{p, i, j})
			}
		}
	}
	sort.SliceStable(all, func(a, b int) bool {
		return addrToUint(all[a].p.Addr()) < addrToUint(all[b].p.Addr())
	})
	var reach uint64
	var last placed
	for n, pl := range all {
		s := uint64(addrToUint(pl.p.Addr()))
		if n > 0 && s < reach {
			problems = append(problems, CarveProblem{pl.tier, pl.index,
				fmt.Sprintf("subnet %v overlaps %v", pl.p, last.p),
				"pick a free block; carved tiers take consecutive ranges from the start of the VPC CIDR in tier order"})
		}
		if e := s + 1<<(32-pl.p.Bits()); e > reach {
			reach, last = e, pl
		}
	}
	return out, problems
}

func addrToUint(a netip.Addr) uint32 {
	b := a.As4()
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

func uintToAddr(u uint32) netip.Addr {
	return netip.AddrFrom4([4]byte{byte(u >> 24), byte(u >> 16), byte(u >> 8), byte(u)})
}
