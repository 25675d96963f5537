// Command catalogdoc writes docs/catalog.md from the endpoint catalog:
//
//	go run ./cmd/catalogdoc            # writes docs/catalog.md
//	go run ./cmd/catalogdoc -o -       # to stdout
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/privnet/privnet/constructs/endpoints/catalog"
)

func main() {
	out := flag.String("o", "docs/catalog.md", "where to write; - for stdout")
	flag.Parse()
	md := catalog.Markdown()
	if *out == "-" {
		fmt.Print(md)
		return
	}
	if err := os.WriteFile(*out, []byte(md), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "catalogdoc:", err)
		os.Exit(1)
	}
}
