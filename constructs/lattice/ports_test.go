package lattice

import (
	"strings"
	"testing"
)

func TestParsePorts(t *testing.T) {
	good := map[string]string{
		"22":            "22",
		"1-65535":       "1-65535",
		"443,8000-8080": "443,8000-8080",
		" 22 , 443 ":    "22,443",
		"8080-8080":     "8080",
		"65535,1":       "65535,1",
	}
	for in, want := range good {
		p, err := ParsePorts(in)
		if err != nil || p.String() != want {
			t.Errorf("ParsePorts(%q) = %v, %v; want %s", in, p, err, want)
		}
	}
	bad := map[string]string{
		"":             "no ports given",
		"0":            `"0": port 0 is outside 1-65535`,
		"65536":        `"65536": port 65536 is outside 1-65535`,
		"22-":          `"22-": "" is not a port number`,
		"ssh":          `"ssh": "ssh" is not a port number`,
		"443-80":       `"443-80": the range starts above its end`,
		"1-100,50":     "1-100 and 50 overlap",
		"22,,443":      `"": "" is not a port number`,
		"+22":          `"+22": "+22" is not a port number`,
		"100000000000": `"100000000000": "100000000000" is not a port number`,
	}
	for in, want := range bad {
		if _, err := ParsePorts(in); err == nil || err.Error() != want {
			t.Errorf("ParsePorts(%q) error %v, want %q", in, err, want)
		}
	}
}

// FuzzParsePorts: any input either fails cleanly or yields valid,
// non-overlapping ranges that print back to something that parses the same.
func FuzzParsePorts(f *testing.F) {
	for _, s := range []string{"22", "1-65535", "443,8000-8080", "0", "-", ",", "1-2-3", "99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePorts(s)
		if err != nil {
			return
		}
		for _, r := range p {
			if r.From < 1 || r.To > 65535 || r.From > r.To {
				t.Fatalf("%q gave invalid range %v", s, r)
			}
		}
		again, err := ParsePorts(p.String())
		if err != nil || again.String() != p.String() {
			t.Fatalf("%q -> %q does not round-trip: %v", s, p, err)
		}
		if strings.Count(p.String(), ",") != len(p)-1 {
			t.Fatalf("%q printed as %q", s, p)
		}
	})
}
