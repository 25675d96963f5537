//go:build tools

// Package kics pins KICS (Checkmarx), the third scanner of make scan. It
// is a module of its own: its dependencies (a newer OPA, docker client,
// grpc) conflict with trivy's and tflint's in tools/scan, and forcing them
// together moves trivy off the dependency set it was tested with.
package kics

import _ "github.com/Checkmarx/kics/v2/cmd/console"
