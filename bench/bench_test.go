//go:build bench

// Package bench measures synth as users pay for it: whole processes of the
// privnet binary, wall time and peak memory of the Go process and its node
// children together. make bench runs it; BENCHMARKS.md records the figures.
package bench

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "privnet-bench-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "privnet")
	flags := []string{"build", "-o", binary}
	if tags := os.Getenv("BENCH_TAGS"); tags != "" {
		flags = append(flags, "-tags", tags)
	}
	build := exec.Command("go", append(flags, "..")...)
	build.Stderr = os.Stderr
	code := 1
	if err := build.Run(); err == nil {
		code = m.Run()
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

// Result is one synth process.
type Result struct {
	Wall      time.Duration
	PeakBytes int64 // Go process + node processes, sampled every 20 ms
	Resources int
}

// run synthesizes config ("" for the embedded default) in a fresh process.
func run(b *testing.B, config string) Result {
	b.Helper()
	out := b.TempDir()
	args := []string{"-q", "-outdir", out}
	if config != "" {
		args = append(args, "-config", config)
	}
	cmd := exec.Command(binary, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var peak int64
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case err := <-done:
			wall := time.Since(start)
			if err != nil {
				b.Fatalf("%v: %s", err, stderr.String())
			}
			// existing-vpc's instance uses an endpoint whose security group
			// is not recorded, and hub-spoke names zones for services whose
			// private DNS names the catalog does not record: those notices
			// are expected.
			var stray []string
			for _, line := range strings.Split(strings.TrimSpace(stderr.String()), "\n") {
				if line != "" && !strings.HasPrefix(line, "privnet: existing-vpc/app: uses endpoint ") && !strings.HasPrefix(line, "privnet: hub-spoke/shared: the zones are named for ") {
					stray = append(stray, line)
				}
			}
			if len(stray) > 0 {
				b.Fatalf("stray output on stderr: %s", strings.Join(stray, "\n"))
			}
			return Result{Wall: wall, PeakBytes: peak, Resources: countResources(b, out)}
		case <-tick.C:
			if rss := treeRSS(cmd.Process.Pid); rss > peak {
				peak = rss
			}
		}
	}
}

// treeRSS sums VmRSS of pid and all its descendants, found through
// /proc/<pid>/task/<tid>/children: a few small reads, so sampling does not
// slow the process it measures (a full /proc scan every 10 ms added ~20%
// to the large app's wall time on 2 cores).
func treeRSS(root int) int64 {
	var total int64
	queue := []int{root}
	for len(queue) > 0 {
		pid := queue[0]
		queue = queue[1:]
		total += rss(pid)
		tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/children", pid))
		for _, t := range tasks {
			b, err := os.ReadFile(t)
			if err != nil {
				continue
			}
			for _, f := range strings.Fields(string(b)) {
				if c, err := strconv.Atoi(f); err == nil {
					queue = append(queue, c)
				}
			}
		}
	}
	return total
}

func rss(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			f := strings.Fields(line)
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb * 1024
		}
	}
	return 0
}

func countResources(b *testing.B, outdir string) int {
	files, _ := filepath.Glob(filepath.Join(outdir, "stacks", "*", "cdk.tf.json"))
	n := 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		var doc struct {
			Resource map[string]map[string]json.RawMessage `json:"resource"`
		}
		if err := json.Unmarshal(raw, &doc); err != nil {
			b.Fatal(err)
		}
		for _, byName := range doc.Resource {
			n += len(byName)
		}
	}
	return n
}

// floor is the last BenchmarkFloor figure of this run, for the ratios.
var floor Result

func bench(b *testing.B, config string) Result {
	var best Result
	for i := 0; i < b.N; i++ {
		r := run(b, config)
		if best.Wall == 0 || r.Wall < best.Wall {
			best.Wall = r.Wall
		}
		if r.PeakBytes > best.PeakBytes {
			best.PeakBytes = r.PeakBytes
		}
		best.Resources = r.Resources
	}
	b.ReportMetric(float64(best.PeakBytes)/(1<<20), "peak-MiB")
	b.ReportMetric(float64(best.Resources), "resources")
	b.ReportMetric(best.Wall.Seconds(), "best-s")
	if floor.Wall > 0 && best.Resources > floor.Resources {
		b.ReportMetric(best.Wall.Seconds()/floor.Wall.Seconds(), "x-floor")
		marginal := (best.Wall - floor.Wall).Seconds() * 1000 / float64(best.Resources-floor.Resources)
		b.ReportMetric(marginal, "ms/extra-resource")
	}
	return best
}

// BenchmarkFloor: a process that loads the AWS provider and synthesizes
// one VPC (the baseline stack).
func BenchmarkFloor(b *testing.B) {
	floor = bench(b, "floor.json")
}

// BenchmarkShipped: every shipped stack in one process.
func BenchmarkShipped(b *testing.B) {
	bench(b, "")
}

// BenchmarkLarge: 20 VPCs × 3 AZs × 30 interface endpoints, over 2,000
// resources in one stack.
func BenchmarkLarge(b *testing.B) {
	r := bench(b, "large.json")
	if r.Resources < 2000 {
		b.Fatalf("large app has %d resources, want over 2,000", r.Resources)
	}
	// Where the time goes, from the binary's own -timing line.
	b.StopTimer()
	out, err := exec.Command(binary, "-timing", "-config", "large.json", "-outdir", b.TempDir()).CombinedOutput()
	if err != nil {
		b.Fatalf("%v: %s", err, out)
	}
	// The -timing line follows the per-stack and summary lines.
	var build, validate, synth float64
	found := false
	for _, line := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(line, "privnet: build ") {
			if _, err := fmt.Sscanf(line, "privnet: build %fs validate %fms synth %fs", &build, &validate, &synth); err != nil {
				b.Fatalf("timing line %q: %v", line, err)
			}
			found = true
		}
	}
	if !found {
		b.Fatalf("no timing line in %q", out)
	}
	b.ReportMetric(validate, "validate-ms")
	b.ReportMetric(synth, "synth-s")
}
