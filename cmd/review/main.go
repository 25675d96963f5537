// Command review writes the pull-request report of synthesized stacks:
//
//	go run ./cmd/review                              # cdktf.out -> cdktf.out/review.md
//	go run ./cmd/review -base ../main/cdktf.out      # with the changes against a base
//	go run ./cmd/review -out head -base base -o -    # to stdout
//
// It reads the stacks that <out>/manifest.json lists. The output may come
// from an untrusted pull request: see the review package for what it
// checks. Exit status: 0 written, 1 an error (named, with the fix), 2 a
// usage error.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/privnet/privnet/review"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("review", flag.ContinueOnError)
	fl.SetOutput(stderr)
	head := fl.String("out", "cdktf.out", "the synthesized output directory to review (a directory, read through its manifest.json)")
	base := fl.String("base", "", "the base branch's output directory, for the change list and replacement warnings")
	dest := fl.String("o", "", "where to write the report: a file, or - for stdout (default <out>/review.md)")
	maxBytes := fl.Int("max-bytes", 0, "cut the report at whole sections to at most this many bytes (a GitHub comment takes 65536 characters); 0: no limit")
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "review: unexpected argument %q: flags only (-out DIR, -base DIR, -o FILE)\n", fl.Arg(0))
		return 2
	}
	if *maxBytes < 0 || (*maxBytes > 0 && *maxBytes < 1024) {
		fmt.Fprintf(stderr, "review: -max-bytes %d is too small (use 0 for no limit, or at least 1024)\n", *maxBytes)
		return 2
	}
	if err := write(*head, *base, *dest, *maxBytes, stdout, stderr); err != nil {
		fmt.Fprintln(stderr, "review:", err)
		return 1
	}
	return 0
}

func write(head, base, dest string, maxBytes int, stdout, stderr io.Writer) error {
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
	var md string
	if maxBytes > 0 {
		md = review.ReportLimited(h, b, maxBytes)
	} else {
		md = review.Report(h, b)
	}
	switch dest {
	case "-":
		_, err = io.WriteString(stdout, md)
		return err
	case "":
		dest = filepath.Join(head, "review.md")
	}
	if err := replaceFile(dest, []byte(md)); err != nil {
		return err
	}
	fmt.Fprintln(stderr, "review: wrote", dest)
	return nil
}

// replaceFile writes data to dest without ever writing through a symlink:
// the reviewed tree is untrusted, and a review.md planted there as a
// symlink once made the review overwrite the file it pointed to. It
// refuses a dest that is a symlink or not a regular file, writes a
// temporary file in dest's directory and renames it over dest (a rename
// replaces a directory entry, it does not follow it).
func replaceFile(dest string, data []byte) error {
	fi, err := os.Lstat(dest)
	switch {
	case err == nil && fi.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("%s is a symlink; the review does not write through symlinks (delete it, or pass -o with another file)", dest)
	case err == nil && !fi.Mode().IsRegular():
		return fmt.Errorf("%s exists and is not a regular file; the review replaces only regular files (pass -o with another file)", dest)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(dest), ".review-*.md.tmp")
	if err != nil {
		return fmt.Errorf("cannot write next to %s: %w", dest, err)
	}
	defer os.Remove(tmp.Name()) // gone after the rename; removes it after a failure
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), dest)
}
