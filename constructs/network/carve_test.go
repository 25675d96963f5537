package network

import (
	"net/netip"
	"sort"
	"strings"
	"testing"
)

func carveStrings(t *testing.T, vpc string, blocks []Block) ([][]string, []string) {
	t.Helper()
	out, problems := Carve(netip.MustParsePrefix(vpc), blocks)
	var got [][]string
	for _, tier := range out {
		var s []string
		for _, p := range tier {
			s = append(s, p.String())
		}
		got = append(got, s)
	}
	var msgs []string
	for _, p := range problems {
		msgs = append(msgs, p.Problem)
	}
	return got, msgs
}

func TestCarveConsecutiveAligned(t *testing.T) {
	got, problems := carveStrings(t, "10.0.0.0/16", []Block{
		{Prefix: 24, Count: 2},
		{Prefix: 20, Count: 2}, // aligned up to a /20 boundary
		{Prefix: 28, Count: 3},
	})
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	want := [][]string{
		{"10.0.0.0/24", "10.0.1.0/24"},
		{"10.0.16.0/20", "10.0.32.0/20"},
		{"10.0.48.0/28", "10.0.48.16/28", "10.0.48.32/28"},
	}
	if strings.Join(flatten(got), " ") != strings.Join(flatten(want), " ") {
		t.Fatalf("got %v, want %v", got, want)
	}
}

func TestCarveAppendingATierMovesNothing(t *testing.T) {
	base := []Block{{Prefix: 24, Count: 2}, {Prefix: 26, Count: 2}}
	before, _ := carveStrings(t, "10.1.0.0/16", base)
	after, _ := carveStrings(t, "10.1.0.0/16", append(base, Block{Prefix: 22, Count: 2}))
	for i := range before {
		if strings.Join(before[i], " ") != strings.Join(after[i], " ") {
			t.Fatalf("tier %d moved: %v -> %v", i, before[i], after[i])
		}
	}
}

func TestCarveReserveLeavesRoomForMoreAzs(t *testing.T) {
	two, _ := carveStrings(t, "10.0.0.0/16", []Block{{Prefix: 24, Count: 2, Reserve: 4}, {Prefix: 24, Count: 2, Reserve: 4}})
	three, _ := carveStrings(t, "10.0.0.0/16", []Block{{Prefix: 24, Count: 3, Reserve: 4}, {Prefix: 24, Count: 3, Reserve: 4}})
	if two[1][0] != "10.0.4.0/24" || three[1][0] != "10.0.4.0/24" || three[0][2] != "10.0.2.0/24" {
		t.Fatalf("reserve did not hold the second tier in place: %v / %v", two, three)
	}
}

func TestCarveProblems(t *testing.T) {
	cases := []struct {
		name   string
		vpc    string
		blocks []Block
		want   string
	}{
		{"does not fit", "10.0.0.0/24", []Block{{Prefix: 25, Count: 3}}, "3 subnets of /25 do not fit in 10.0.0.0/24: room is left for 2"},
		{"prefix too short", "10.0.0.0/16", []Block{{Prefix: 12, Count: 1}}, "subnet prefix /12 is outside the /16–/28 AWS allows"},
		{"prefix too long", "10.0.0.0/16", []Block{{Prefix: 29, Count: 1}}, "subnet prefix /29 is outside the /16–/28 AWS allows"},
		{"larger than vpc", "10.0.0.0/20", []Block{{Prefix: 18, Count: 1}}, "subnet prefix /18 is larger than the VPC's /20"},
		{"fixed outside", "10.0.0.0/16", []Block{{Fixed: []netip.Prefix{netip.MustParsePrefix("10.1.0.0/24")}}}, "subnet 10.1.0.0/24 is outside the VPC CIDR 10.0.0.0/16"},
		{"fixed host bits", "10.0.0.0/16", []Block{{Fixed: []netip.Prefix{netip.MustParsePrefix("10.0.0.1/24")}}}, "subnet 10.0.0.1/24 has host bits set"},
		{"fixed overlaps carved", "10.0.0.0/16", []Block{{Prefix: 24, Count: 2}, {Fixed: []netip.Prefix{netip.MustParsePrefix("10.0.1.128/25")}}}, "subnet 10.0.1.128/25 overlaps 10.0.1.0/24"},
		{"fixed overlap each other", "10.0.0.0/16", []Block{{Fixed: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/20"), netip.MustParsePrefix("10.0.8.0/24")}}}, "subnet 10.0.8.0/24 overlaps 10.0.0.0/20"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, problems := carveStrings(t, c.vpc, c.blocks)
			if len(problems) != 1 || problems[0] != c.want {
				t.Fatalf("problems %q, want [%q]", problems, c.want)
			}
		})
	}
}

func flatten(ss [][]string) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s...)
	}
	return out
}

// FuzzCarve: whatever the input, Carve never panics, and when it reports no
// problem every subnet is inside the VPC, of the asked size, and overlaps
// no other.
func FuzzCarve(f *testing.F) {
	f.Add(uint32(0x0a000000), uint8(16), []byte{24, 2, 0, 20, 2, 0, 28, 3, 0})
	f.Add(uint32(0xc0a80000), uint8(24), []byte{26, 4, 0})
	f.Add(uint32(0xac100000), uint8(28), []byte{28, 1, 1})
	f.Add(uint32(0xffffffff), uint8(16), []byte{16, 1, 0, 17, 2, 0})
	f.Fuzz(func(t *testing.T, addr uint32, bits uint8, spec []byte) {
		vpc := netip.PrefixFrom(uintToAddr(addr), int(bits%33)).Masked()
		var blocks []Block
		for i := 0; i+2 < len(spec) && len(blocks) < 8; i += 3 {
			b := Block{Prefix: int(spec[i] % 33), Count: int(spec[i+1] % 8), Reserve: int(spec[i+2] % 10)}
			if spec[i+2] >= 200 {
				// A fixed subnet somewhere in or near the VPC.
				p := netip.PrefixFrom(uintToAddr(addr+uint32(spec[i+1])<<8), int(spec[i]%33)).Masked()
				b = Block{Prefix: p.Bits(), Count: 1, Fixed: []netip.Prefix{p}}
			}
			blocks = append(blocks, b)
		}
		out, problems := Carve(vpc, blocks)
		if len(out) != len(blocks) {
			t.Fatalf("%d tiers out for %d in", len(out), len(blocks))
		}
		if len(problems) > 0 {
			return
		}
		var all []netip.Prefix
		for i, tier := range out {
			if len(tier) != blocks[i].Count {
				t.Fatalf("tier %d: %d subnets, want %d", i, len(tier), blocks[i].Count)
			}
			for _, p := range tier {
				if p.Bits() != blocks[i].Prefix || !vpc.Contains(p.Addr()) || p.Bits() < vpc.Bits() || p != p.Masked() {
					t.Fatalf("tier %d: %v is not a /%d inside %v", i, p, blocks[i].Prefix, vpc)
				}
				all = append(all, p)
			}
		}
		sort.Slice(all, func(a, b int) bool { return addrToUint(all[a].Addr()) < addrToUint(all[b].Addr()) })
		for i := 1; i < len(all); i++ {
			if all[i-1].Overlaps(all[i]) {
				t.Fatalf("%v overlaps %v", all[i-1], all[i])
			}
		}
	})
}
