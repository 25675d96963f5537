//go:build tools

// Package tools pins actionlint, the linter for GitHub Actions workflows,
// in its own module so that the root go.mod stays free of it: run.sh
// builds it from here (go.sum pins it) and checks docs/examples/*.yml.
package tools

import _ "github.com/rhysd/actionlint/cmd/actionlint"
