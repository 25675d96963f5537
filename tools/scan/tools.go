//go:build tools

// Package scan pins the security scanners privnet's shipped stacks must
// pass. The module proxy here serves pinned versions but no version lists,
// so `go install m@v` is refused; building from this module works, and its
// go.sum pins every dependency. `make scan` builds them once into .cache/bin.
package scan

import (
	_ "github.com/aquasecurity/trivy/cmd/trivy"
	_ "github.com/terraform-linters/tflint"
	_ "github.com/terraform-linters/tflint-ruleset-aws"
)
