// Command privnet is the cdktf app: with no arguments it synthesizes the
// example stacks of the embedded default configuration into cdktf.out/.
//
//	go run .                      # every stack of stacks/default.json
//	go run . baseline             # only the named stacks
//	go run . -config my.json      # another configuration
//	go run . -list                # list the configured stacks
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/stacks"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("privnet", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configPath := fs.String("config", "", "stack configuration (JSON); default: the embedded stacks/default.json")
	outdir := fs.String("outdir", "", "output directory; default: $CDKTF_OUTDIR or cdktf.out")
	hcl := fs.Bool("hcl", false, "write HCL instead of JSON")
	list := fs.Bool("list", false, "list the configured stacks and exit")
	timing := fs.Bool("timing", false, "print how long building, validating and synthesizing took, on stderr")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: privnet [flags] [stack ...]\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}

	raw := stacks.DefaultConfig
	if *configPath != "" {
		b, err := os.ReadFile(*configPath)
		if err != nil {
			fmt.Fprintln(stderr, "privnet:", err)
			return 2
		}
		raw = b
	}
	cfg, err := stacks.ParseConfig(raw)
	if err != nil {
		fmt.Fprintln(stderr, "privnet:", err)
		return 2
	}
	if *list {
		for _, s := range cfg.Stacks {
			fmt.Fprintf(stdout, "%s\t%s\n", s.Name, s.Kind)
		}
		return 0
	}

	// Shutdown stops the jsii runtime cleanly whatever happens next.
	defer core.Shutdown()
	t0 := time.Now()
	app := core.NewApp(&core.AppProps{Outdir: *outdir, HclOutput: *hcl})
	if err := stacks.Build(app, cfg, fs.Args()...); err != nil {
		fmt.Fprintln(stderr, "privnet:", err)
		return 2
	}
	t1 := time.Now()
	if err := app.Validate(); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	t2 := time.Now()
	if err := app.Run(); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	if *timing {
		// Run validates again; its checks ran once already, so the
		// second pass only gathers issues.
		fmt.Fprintf(stderr, "privnet: build %.3fs validate %.3fms synth %.3fs\n",
			t1.Sub(t0).Seconds(), float64(t2.Sub(t1).Microseconds())/1000, time.Since(t2).Seconds())
	}
	return 0
}
