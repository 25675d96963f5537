package reach

import (
	"testing"
	"time"

	"github.com/privnet/privnet/tfjson"
)

func large(vpcs int) *tfjson.Stack { return Synthetic(vpcs) }

// BenchmarkAnalyze10k: the model and every need of a 10,000-resource
// app (205 VPCs, 1,025 needs). Issue 15's target: under 200 ms.
func BenchmarkAnalyze10k(b *testing.B) {
	s := large(205)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, r := range Analyze([]*tfjson.Stack{s}) {
			if r.Verdict != Private {
				b.Fatalf("%s: %s %s", r.Path, r.Verdict, r.Problem)
			}
		}
	}
	b.ReportMetric(float64(s.Count()), "resources")
	b.ReportMetric(float64(len(s.Needs)), "needs")
}

// The engine stays linear: twice the resources take well under four
// times as long (a quadratic engine would take four; best of five runs,
// 3.5 times and 50 ms allowed for a loaded machine), and 10,000 take
// under two seconds even on a slow machine.
func TestAnalyzeScales(t *testing.T) {
	if testing.Short() {
		t.Skip("timing")
	}
	timeOf := func(vpcs int) time.Duration {
		s := large(vpcs)
		best := time.Hour
		for i := 0; i < 5; i++ {
			start := time.Now()
			Analyze([]*tfjson.Stack{s})
			best = min(best, time.Since(start))
		}
		return best
	}
	small, big := timeOf(103), timeOf(205)
	t.Logf("5,000 resources: %v; 10,000: %v", small, big)
	if big > 2*time.Second {
		t.Errorf("10,000 resources took %v", big)
	}
	if big > 7*small/2+50*time.Millisecond {
		t.Errorf("twice the resources took %v against %v: not linear", big, small)
	}
}
