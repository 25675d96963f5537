//go:build !linux

package core

// exchange is not available: the caller renames in two steps.
func exchange(a, b string) error { return errNoExchange }

// isMountPoint is not checked here: the rename reports it.
func isMountPoint(string) bool { return false }
