// Command privnet is the cdktf app: with no arguments it synthesizes the
// example stacks of the embedded default configuration into cdktf.out/.
//
//	go run .                      # every stack of stacks/default.json
//	go run . baseline             # the named stacks and the stacks they need
//	go run . -config my.json      # another configuration
//	go run . -list                # list the configured stacks
//
// Flags may come before or after stack names; "--" ends the flags. Exit
// codes: 0 done, 1 the stacks did not validate or synthesize, 2 a usage or
// configuration error (found before anything is built).
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/stacks"
)

func main() {
	// Interrupted, remove the staging directory of the output being
	// written (the previous output stays as it was) and stop; node exits
	// when its stdin closes with this process.
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		s := <-sig
		core.RemoveTemporary()
		fmt.Fprintf(os.Stderr, "privnet: %v: stopped; the output directory is as it was\n", s)
		os.Exit(130)
	}()
	code := run(os.Args[1:], os.Stdout, os.Stderr)
	// Shutdown stops the jsii runtime cleanly whatever run did.
	core.Shutdown()
	os.Exit(code)
}

// Exit codes.
const (
	exitOK      = 0
	exitInvalid = 1 // validation or synth failed
	exitUsage   = 2 // bad flags, names or configuration: nothing was built
)

// run is the whole command; it never calls core.Shutdown, so that tests
// can call it several times in one jsii runtime.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("privnet", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configPath := fs.String("config", "", "stack configuration (JSON); default: the embedded stacks/default.json")
	outdir := fs.String("outdir", "", "output directory; default: $CDKTF_OUTDIR or cdktf.out")
	hcl := fs.Bool("hcl", false, "write HCL instead of JSON")
	contextFile := fs.String("context", "", "recorded lookups (go run github.com/privnet/privnet/cmd/lookup); default: privnet.context.json when it exists")
	list := fs.Bool("list", false, "list the stacks (the named ones and those they need, or all) and exit")
	quiet := fs.Bool("q", false, "print nothing when all goes well (no line per stack, no summary)")
	timing := fs.Bool("timing", false, "print how long building, validating and synthesizing took, on stderr")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: privnet [flags] [stack ...]\n"+
			"Synthesizes the named stacks and the stacks they need (all stacks when none is named).\n"+
			"Flags may come before or after stack names; -- ends the flags.\n")
		fs.PrintDefaults()
	}
	names, err := parseArgs(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		return exitUsage // the flag package printed the problem and the usage
	}

	// The plan: everything that can be wrong with the input is found here,
	// in pure Go, before the jsii runtime starts.
	var cfg *stacks.Config
	if *configPath != "" {
		cfg, err = stacks.Load(*configPath)
	} else {
		cfg, err = stacks.Default()
	}
	if err == nil {
		cfg, err = cfg.Select(names...)
	}
	if err != nil {
		fmt.Fprintln(stderr, "privnet:", err)
		return exitUsage
	}
	if *list {
		for _, s := range cfg.Stacks {
			fmt.Fprintf(stdout, "%s\t%s\n", s.Name, s.Kind)
		}
		return exitOK
	}

	t0 := time.Now()
	app := core.NewApp(&core.AppProps{Outdir: *outdir, HclOutput: *hcl, ContextFile: *contextFile})
	b := stacks.NewBuilder(app)
	took := make([]time.Duration, len(cfg.Stacks))
	// made are the other stacks a configured one makes (lattice-peer's
	// accepter stack), by its index.
	made := make([][]string, len(cfg.Stacks))
	for i, s := range cfg.Stacks {
		start := time.Now()
		before := len(app.Stacks())
		if err := b.Build(s); err != nil {
			fmt.Fprintln(stderr, "privnet:", err)
			return exitInvalid
		}
		took[i] = time.Since(start)
		for _, st := range app.Stacks()[before:] {
			if st.Name != s.Name {
				made[i] = append(made[i], st.Name)
			}
		}
	}
	t1 := time.Now()
	if err := app.Validate(); err != nil {
		fmt.Fprintln(stderr, err)
		return exitInvalid
	}
	t2 := time.Now()
	if err := app.Run(); err != nil {
		fmt.Fprintln(stderr, err)
		return exitInvalid
	}
	t3 := time.Now()
	for _, n := range app.Notices() {
		fmt.Fprintln(stderr, "privnet:", n)
	}
	if !*quiet {
		dir := app.OutputDir()
		counts, err := countResources(dir, cfg.Names())
		if err != nil {
			fmt.Fprintf(stderr, "privnet: synthesized, but cannot read the output back: %v\n", err)
			return exitInvalid
		}
		width, n := 0, 0
		for i, s := range cfg.Stacks {
			width = max(width, len(s.Name))
			for _, m := range made[i] {
				width = max(width, len(m))
			}
		}
		total := 0
		for i, s := range cfg.Stacks {
			total += counts[i]
			n++
			fmt.Fprintf(stderr, "privnet: %-*s %5d resources  built in %.2fs\n", width, s.Name, counts[i], took[i].Seconds())
			extra, err := countResources(dir, made[i])
			if err != nil {
				fmt.Fprintf(stderr, "privnet: synthesized, but cannot read the output back: %v\n", err)
				return exitInvalid
			}
			for j, m := range made[i] {
				total += extra[j]
				n++
				fmt.Fprintf(stderr, "privnet: %-*s %5d resources  made with %s\n", width, m, extra[j], s.Name)
			}
		}
		fmt.Fprintf(stderr, "privnet: %d %s, %d resources in %s (build %.2fs, synth %.2fs, total %.2fs)\n",
			n, plural(n, "stack", "stacks"), total, dir,
			t1.Sub(t0).Seconds(), t3.Sub(t2).Seconds(), t3.Sub(t0).Seconds())
	}
	if *timing {
		// Run validates again; its checks ran once already, so the
		// second pass only gathers issues.
		fmt.Fprintf(stderr, "privnet: build %.3fs validate %.3fms synth %.3fs\n",
			t1.Sub(t0).Seconds(), float64(t2.Sub(t1).Microseconds())/1000, t3.Sub(t2).Seconds())
	}
	return exitOK
}

// parseArgs parses flags wherever they are among the stack names
// ("go run . baseline -timing"); after "--" every argument is a name.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var names []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		used := args[:len(args)-len(rest)]
		// The flag package drops a "--" that ends the flags; one that is
		// the value of a flag ("-config --") does not end them.
		if n := len(used); n > 0 && used[n-1] == "--" && !(n > 1 && takesValue(fs, used[n-2])) {
			return append(names, rest...), nil
		}
		if len(rest) == 0 {
			return names, nil
		}
		names = append(names, rest[0])
		args = rest[1:]
	}
}

// takesValue tells whether arg is a flag that takes the next argument as
// its value ("-config", not "-config=x" nor a boolean flag).
func takesValue(fs *flag.FlagSet, arg string) bool {
	if !strings.HasPrefix(arg, "-") || strings.Contains(arg, "=") {
		return false
	}
	f := fs.Lookup(strings.TrimLeft(arg, "-"))
	if f == nil {
		return false
	}
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return !ok || !b.IsBoolFlag()
}

// countResources counts the resources (not data sources) of each named
// stack in a synthesized output directory, reading the manifest for the
// stack files: Terraform JSON (cdk.tf.json) or HCL (cdk.tf).
func countResources(outdir string, names []string) ([]int, error) {
	raw, err := os.ReadFile(filepath.Join(outdir, "manifest.json"))
	if err != nil {
		return nil, err
	}
	var manifest struct {
		Stacks map[string]struct {
			SynthesizedStackPath string `json:"synthesizedStackPath"`
		} `json:"stacks"`
	}
	if err := json.Unmarshal(raw, &manifest); err != nil {
		return nil, fmt.Errorf("%s: %v", filepath.Join(outdir, "manifest.json"), err)
	}
	counts := make([]int, len(names))
	for i, n := range names {
		s, ok := manifest.Stacks[n]
		if !ok || s.SynthesizedStackPath == "" {
			return nil, fmt.Errorf("%s lists no stack %q", filepath.Join(outdir, "manifest.json"), n)
		}
		path := filepath.Join(outdir, filepath.FromSlash(s.SynthesizedStackPath))
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		if counts[i], err = countIn(path, b); err != nil {
			return nil, err
		}
	}
	return counts, nil
}

// countIn counts the resources of one synthesized stack file.
func countIn(path string, b []byte) (int, error) {
	if strings.HasSuffix(path, ".json") {
		var doc struct {
			Resource map[string]map[string]json.RawMessage `json:"resource"`
		}
		if err := json.Unmarshal(b, &doc); err != nil {
			return 0, fmt.Errorf("%s: %v", path, err)
		}
		n := 0
		for _, byName := range doc.Resource {
			n += len(byName)
		}
		return n, nil
	}
	// cdktf writes HCL blocks at the start of a line.
	n := 0
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, `resource "`) {
			n++
		}
	}
	return n, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
