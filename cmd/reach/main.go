// Command reach answers, from synthesized stacks and before deploy, what
// each workload can reach privately, and why not:
//
//	go run ./cmd/reach                                  # every declared need, a line each
//	go run ./cmd/reach -from aws_instance.app -to sts   # one path, hop by hop
//	go run ./cmd/reach -from 192.168.0.0/16 -to s3 -stack s3-onprem
//	go run ./cmd/reach -json -                          # every verdict as JSON (privnet.reach/v1)
//	go run ./cmd/reach -sarif reach.sarif               # broken and undecided needs, SARIF 2.1.0
//
// It reads the stacks that <out>/manifest.json lists (-out, default
// cdktf.out), as the review does: the output may come from an untrusted
// pull request, and every name printed is quoted.
//
// Exit status: 0 private (every need passes), 3 through the internet (one
// path), 4 unreachable, 5 unknown, 1 an error, 2 a usage error.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/netip"
	"os"
	"strconv"
	"strings"
	"unicode"

	"github.com/privnet/privnet/constructs/endpoints/catalog"
	"github.com/privnet/privnet/constructs/region"
	"github.com/privnet/privnet/reach"
	"github.com/privnet/privnet/reach/need"
	"github.com/privnet/privnet/tfjson"
)

const (
	exitOK          = 0
	exitError       = 1
	exitUsage       = 2
	exitInternet    = 3
	exitUnreachable = 4
	exitUnknown     = 5
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("reach", flag.ContinueOnError)
	fl.SetOutput(stderr)
	out := fl.String("out", "cdktf.out", "the synthesized output directory (read through its manifest.json)")
	from := fl.String("from", "", "one path from: an instance, subnet or Instance Connect endpoint (aws_instance.app), or an IPv4 CIDR outside the VPC")
	to := fl.String("to", "", "one path to: a catalog service (sts, or sts@us-west-2), or an aws_instance, aws_vpclattice_resource_configuration or aws_vpc_endpoint_service address ([stack/]type.name)")
	stackName := fl.String("stack", "", "the stack -from is in (default: the one stack that has it)")
	vpcAddr := fl.String("vpc", "", "for a CIDR: the VPC it arrives in (default: the stack's only VPC)")
	ports := fl.String("port", "", "ports to reach, comma-separated (default: the target's own)")
	jsonOut := fl.String("json", "", "write every verdict as JSON to this file, or - for stdout")
	sarifOut := fl.String("sarif", "", "write broken and undecided needs as SARIF 2.1.0 to this file, or - for stdout")
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "reach: unexpected argument %s: flags only\n", strconv.Quote(fl.Arg(0)))
		return exitUsage
	}
	switch {
	case (*from == "") != (*to == ""):
		fmt.Fprintln(stderr, "reach: -from and -to go together (one path)")
		return exitUsage
	case *from != "" && (*jsonOut != "" || *sarifOut != ""):
		fmt.Fprintln(stderr, "reach: -json and -sarif write every need; one path (-from, -to) prints its hops")
		return exitUsage
	case *from == "" && (*ports != "" || *stackName != "" || *vpcAddr != ""):
		fmt.Fprintln(stderr, "reach: -port, -stack and -vpc are for one path (-from, -to)")
		return exitUsage
	case *jsonOut == "-" && *sarifOut == "-":
		fmt.Fprintln(stderr, "reach: -json - and -sarif - would put two documents on stdout: write one of them to a file")
		return exitUsage
	}
	stacks, err := tfjson.Load(*out)
	if err != nil {
		fmt.Fprintln(stderr, "reach:", safe(err.Error()))
		return exitError
	}
	if *from != "" {
		return onePath(stacks, *stackName, *from, *to, *vpcAddr, *ports, stdout, stderr)
	}
	results := reach.Analyze(stacks)
	for _, w := range []struct {
		dest string
		body []byte
	}{{*jsonOut, reach.JSON(results)}, {*sarifOut, reach.SARIF(results, stacks)}} {
		if w.dest == "" {
			continue
		}
		if err := write(w.dest, w.body, stdout); err != nil {
			fmt.Fprintln(stderr, "reach:", safe(err.Error()))
			return exitError
		}
	}
	code := exitOK
	for _, r := range results {
		if *jsonOut == "" && *sarifOut == "" {
			fmt.Fprintf(stdout, "%s %s  %s → %s (need %s): %s\n", r.Verdict.Symbol(), safe(r.Stack), safe(r.From), safe(r.Target), "\""+safe(r.Need)+"\"", safe(explain(r.Verdict, r.Via, r.Problem, r.Fix, r.Link)))
		}
		switch {
		case r.Verdict == reach.Unreachable:
			code = exitUnreachable
		case r.Verdict == reach.Unknown && code == exitOK:
			code = exitUnknown
		}
	}
	if len(results) == 0 && *jsonOut == "" && *sarifOut == "" {
		fmt.Fprintln(stdout, "No stack declares a need (instance Props.Reaches, core.Expect).")
	}
	return code
}

func explain(v reach.Verdict, via, problem, fix string, link *reach.Link) string {
	switch v {
	case reach.Private, reach.Internet:
		return string(v) + ", " + via
	}
	s := string(v) + ": " + problem
	if link != nil {
		s += " [link: " + link.ID + "]"
	}
	if fix != "" {
		s += " (fix: " + fix + ")"
	}
	return s
}

// onePath traces one source to one target, hop by hop.
func onePath(stacks []*tfjson.Stack, stackName, from, to, vpcAddr, ports string, stdout, stderr io.Writer) int {
	src, st, err := source(stacks, stackName, from, vpcAddr)
	if err != nil {
		fmt.Fprintln(stderr, "reach:", safe(err.Error()))
		return exitUsage
	}
	t, err := target(stacks, st, to, ports)
	if err != nil {
		fmt.Fprintln(stderr, "reach:", safe(err.Error()))
		return exitUsage
	}
	r, hops := reach.New(stacks).Trace(st, src, t)
	fmt.Fprintf(stdout, "%s → %s in stack %s\n", safe(r.From), safe(r.Target), safe(st))
	for i, h := range hops {
		mark := map[string]string{"passes": "✓", "stops": "✗", "unknown": "?", "info": "·"}[h.Status]
		fmt.Fprintf(stdout, "%2d  %s %-11s %s: %s\n", i+1, mark, h.Step, safe(h.Resource), safe(h.Detail))
	}
	fmt.Fprintf(stdout, "%s %s\n", r.Verdict.Symbol(), safe(explain(r.Verdict, r.Via, r.Problem, r.Fix, r.Link)))
	fmt.Fprintln(stdout, reach.Scope)
	switch r.Verdict {
	case reach.Private:
		return exitOK
	case reach.Internet:
		return exitInternet
	case reach.Unreachable:
		return exitUnreachable
	}
	return exitUnknown
}

// source finds -from: an address in one stack, or a CIDR arriving in a VPC.
func source(stacks []*tfjson.Stack, stackName, from, vpcAddr string) (need.Source, string, error) {
	var in []*tfjson.Stack
	for _, s := range stacks {
		if stackName == "" || s.Name == stackName {
			in = append(in, s)
		}
	}
	if len(in) == 0 {
		return need.Source{}, "", fmt.Errorf("no stack %s in the output", strconv.Quote(stackName))
	}
	if p, err := netip.ParsePrefix(from); err == nil {
		if !p.Addr().Is4() || p.Masked() != p {
			return need.Source{}, "", fmt.Errorf("-from %s: write an IPv4 network like 192.168.0.0/16", strconv.Quote(from))
		}
		if len(in) != 1 {
			return need.Source{}, "", errors.New("a CIDR needs -stack, the stack whose VPC it arrives in")
		}
		s := in[0]
		if vpcAddr == "" {
			vpcs := s.Names("aws_vpc")
			if len(vpcs) != 1 {
				return need.Source{}, "", fmt.Errorf("stack %s has %d VPCs: name the one the network arrives in with -vpc aws_vpc.NAME", safe(s.Name), len(vpcs))
			}
			vpcAddr = "aws_vpc." + vpcs[0]
		}
		if typ, name, _ := strings.Cut(vpcAddr, "."); typ != "aws_vpc" || s.Get(typ, name) == nil {
			return need.Source{}, "", fmt.Errorf("-vpc %s: stack %s has no such VPC (write aws_vpc.NAME)", strconv.Quote(vpcAddr), safe(s.Name))
		}
		return need.Source{External: &need.External{Name: from, CIDRs: []string{from}, Vpc: vpcAddr}}, s.Name, nil
	}
	typ, name, ok := strings.Cut(from, ".")
	if !ok {
		return need.Source{}, "", fmt.Errorf("-from %s: write a Terraform address like aws_instance.app, or a CIDR", strconv.Quote(from))
	}
	var found []string
	for _, s := range in {
		if s.Get(typ, name) != nil {
			found = append(found, s.Name)
		}
	}
	switch len(found) {
	case 0:
		return need.Source{}, "", fmt.Errorf("no %s in %s", strconv.Quote(from), orAll(stackName))
	case 1:
		return need.Source{Addrs: []string{from}}, found[0], nil
	}
	return need.Source{}, "", fmt.Errorf("%s is in stacks %s: choose one with -stack", strconv.Quote(from), safe(strings.Join(found, ", ")))
}

func orAll(stack string) string {
	if stack == "" {
		return "any stack"
	}
	return "stack " + strconv.Quote(stack)
}

// target reads -to, and checks that what it names exists.
func target(stacks []*tfjson.Stack, from, to, ports string) (need.Target, error) {
	var t need.Target
	for _, p := range strings.Split(ports, ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return t, fmt.Errorf("-port %s: ports are numbers from 1 to 65535", strconv.Quote(p))
		}
		t.Ports = append(t.Ports, n)
	}
	stack, addr := "", to
	if i := strings.LastIndexByte(to, '/'); i > 0 {
		stack, addr = to[:i], to[i+1:]
	}
	if a, p, ok := strings.Cut(addr, ":"); ok && strings.Contains(a, ".") {
		// aws_instance.app:22
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return t, fmt.Errorf("-to %s: the port after : is a number from 1 to 65535", strconv.Quote(to))
		}
		addr = a
		t.Ports = append(t.Ports, n)
	}
	typ, _, isAddr := strings.Cut(addr, ".")
	switch {
	case isAddr && typ == "aws_instance":
		t.Kind = need.Instance
	case isAddr && typ == "aws_vpclattice_resource_configuration":
		t.Kind = need.Resource
	case isAddr && typ == "aws_vpc_endpoint_service":
		t.Kind = need.EndpointService
	default:
		if stack != "" {
			return t, fmt.Errorf("-to %s: a service is called from the source's stack; give its key alone (sts, or sts@us-west-2)", strconv.Quote(to))
		}
		key, reg, _ := strings.Cut(addr, "@")
		if _, ok := catalog.Lookup(key); !ok {
			hint := ""
			if c := catalog.Closest(key); len(c) > 0 {
				hint = " (did you mean " + strings.Join(c, ", ") + "?)"
			}
			return t, fmt.Errorf("-to %s: not a service of the catalog%s, nor an aws_instance, aws_vpclattice_resource_configuration or aws_vpc_endpoint_service address", strconv.Quote(to), hint)
		}
		if _, ok := region.Lookup(reg); reg != "" && !ok {
			return t, fmt.Errorf("-to %s: %s is not a region", strconv.Quote(to), strconv.Quote(reg))
		}
		return need.Target{Kind: need.Service, Service: key, Region: reg, Ports: t.Ports}, nil
	}
	in := from
	if stack != "" {
		in = stack
	}
	for _, s := range stacks {
		if s.Name == in {
			typ, name, _ := strings.Cut(addr, ".")
			if s.Get(typ, name) == nil {
				return t, fmt.Errorf("-to %s: stack %s has no %s", strconv.Quote(to), strconv.Quote(in), strconv.Quote(addr))
			}
			t.Stack, t.Addr = stack, addr
			return t, nil
		}
	}
	return t, fmt.Errorf("-to %s: no stack %s in the output", strconv.Quote(to), strconv.Quote(in))
}

// safe prints a name from the (untrusted) output: control and format
// characters are escaped, so that a name cannot move the cursor, clear
// the screen or hide text in a terminal.
func safe(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			fmt.Fprintf(&b, "\\u%04x", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// write puts b in a file, or on stdout for -.
func write(dest string, b []byte, stdout io.Writer) error {
	if dest == "-" {
		_, err := stdout.Write(b)
		return err
	}
	return os.WriteFile(dest, b, 0o644)
}
