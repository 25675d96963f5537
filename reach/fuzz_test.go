package reach

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/privnet/privnet/tfjson"
)

// The JSON of a pull request is untrusted: whatever it holds, the engine
// gives a verdict for every declared need, never a panic, and the same
// verdicts twice.
func FuzzAnalyze(f *testing.F) {
	withNeed := func(s string) []byte {
		var d map[string]any
		_ = json.Unmarshal([]byte(s), &d)
		d["//"] = map[string]any{"privnet": map[string]any{"needs": []any{fromApp(svc("sts"), svc("s3")), fromApp(svc("iam"))}}}
		b, _ := json.Marshal(d)
		return b
	}
	f.Add(withNeed(base))
	files, _ := filepath.Glob(filepath.Join("..", "test", "golden", "*.json"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := tfjson.Parse("t", b)
		if err != nil {
			return
		}
		one := Analyze([]*tfjson.Stack{s})
		two := Analyze([]*tfjson.Stack{s})
		if len(one) != len(s.Needs) || len(two) != len(one) {
			t.Fatalf("%d needs, %d verdicts", len(s.Needs), len(one))
		}
		for i := range one {
			if one[i].Verdict != two[i].Verdict || one[i].Problem != two[i].Problem {
				t.Fatalf("verdicts differ between runs: %+v / %+v", one[i], two[i])
			}
			switch one[i].Verdict {
			case Private, Internet, Unreachable, Unknown:
			default:
				t.Fatalf("verdict %q", one[i].Verdict)
			}
		}
	})
}
