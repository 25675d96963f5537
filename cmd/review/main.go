// Command review writes the pull-request report of synthesized stacks:
//
//	go run ./cmd/review                              # cdktf.out -> cdktf.out/review.md
//	go run ./cmd/review -base ../main/cdktf.out      # with the changes against a base
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/privnet/privnet/review"
)

func main() {
	head := flag.String("out", "cdktf.out", "synthesized stacks to review")
	base := flag.String("base", "", "the base branch's cdktf.out, for the change list and replacement warnings")
	dest := flag.String("o", "", "where to write the report; default <out>/review.md, - for stdout")
	flag.Parse()
	if err := run(*head, *base, *dest); err != nil {
		fmt.Fprintln(os.Stderr, "review:", err)
		os.Exit(1)
	}
}

func run(head, base, dest string) error {
	h, err := review.Load(head)
	if err != nil {
		return err
	}
	var b []*review.Stack
	if base != "" {
		if b, err = review.Load(base); err != nil {
			return fmt.Errorf("base: %w", err)
		}
	}
	md := review.Report(h, b)
	switch dest {
	case "-":
		_, err = os.Stdout.WriteString(md)
		return err
	case "":
		dest = head + "/review.md"
	}
	if err := os.WriteFile(dest, []byte(md), 0o644); err != nil {
		return err
	}
	fmt.Fprintln(os.Stderr, "review: wrote", dest)
	return nil
}
