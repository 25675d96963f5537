//go:build !linux

package core

// exchange is not available: the caller renames in two steps.
func exchange(a, b string) error { return errNoExchange }
