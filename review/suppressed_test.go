package review

import (
	"strings"
	"testing"
)

// A suppression the base already had still hides whatever new problem of
// its rule the change brings: the report names each one at the top.
func TestNewProblemsUnderAnOldSuppression(t *testing.T) {
	stack := func(silenced ...string) *Stack {
		s, err := Parse("shop", []byte(tinyStack))
		if err != nil {
			t.Fatal(err)
		}
		s.Suppressed = []Suppressed{{Rule: "PN-SG-5", Title: "No rule opens a group to the whole internet", Path: "shop", Reason: "a public demo", Silenced: silenced}}
		return s
	}
	a := "PN-SG-5 shop/web/sg: rule ingress 443/tcp from 0.0.0.0/0 opens the group to the whole internet (fix: ...)"
	b := "PN-SG-5 shop/web/sg: rule ingress 22/tcp from 0.0.0.0/0 opens the group to the whole internet (fix: ...)"
	md := Report([]*Stack{stack(a, b)}, []*Stack{stack(a)})
	want := "> [!IMPORTANT]\n> This change adds 0 rule suppression(s) and hides 1 new problem(s) under existing ones:\n" +
		"> - **shop** silences under the existing `PN-SG-5` on `shop`: " + text(b) + "\n"
	if !strings.Contains(md, want) {
		t.Errorf("report lacks\n%s\nin\n%s", want, md[:min(len(md), 1500)])
	}
	// Nothing new: a note, no alarm.
	md = Report([]*Stack{stack(a)}, []*Stack{stack(a)})
	if strings.Contains(md, "[!IMPORTANT]") || !strings.Contains(md, "> [!NOTE]\n> 1 rule suppression(s) are in force;") {
		t.Errorf("unchanged suppression reported as:\n%s", md[:min(len(md), 800)])
	}
}
