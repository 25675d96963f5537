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
	app := core.NewApp(&core.AppProps{Outdir: *outdir, HclOutput: *hcl})
	if err := stacks.Build(app, cfg, fs.Args()...); err != nil {
		fmt.Fprintln(stderr, "privnet:", err)
		return 2
	}
	if err := app.Run(); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	return 0
}
