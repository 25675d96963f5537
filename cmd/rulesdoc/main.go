// Command rulesdoc writes docs/rules.md from privnet's rule registry:
//
//	go run ./cmd/rulesdoc            # writes docs/rules.md
//	go run ./cmd/rulesdoc -o -       # to stdout
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/privnet/privnet/constructs/core"
	// Every package that registers rules.
	_ "github.com/privnet/privnet/constructs/endpoints"
	_ "github.com/privnet/privnet/constructs/endpointservice"
	_ "github.com/privnet/privnet/constructs/instance"
	_ "github.com/privnet/privnet/constructs/instanceconnect"
	_ "github.com/privnet/privnet/constructs/lattice"
	_ "github.com/privnet/privnet/constructs/network"
	_ "github.com/privnet/privnet/constructs/resolver"
	_ "github.com/privnet/privnet/constructs/securitygroup"
	_ "github.com/privnet/privnet/constructs/transit"
	_ "github.com/privnet/privnet/constructs/vpn"
)

func main() {
	out := flag.String("o", "docs/rules.md", "where to write; - for stdout")
	flag.Parse()
	md := core.RulesMarkdown()
	if *out == "-" {
		fmt.Print(md)
		return
	}
	if err := os.WriteFile(*out, []byte(md), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "rulesdoc:", err)
		os.Exit(1)
	}
}
