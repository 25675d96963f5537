package core

import (
	"path/filepath"

	"golang.org/x/sys/unix"
)

// exchange swaps two paths in one step (renameat2 RENAME_EXCHANGE, Linux
// 3.15+), so that the output directory is never missing.
func exchange(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}

// isMountPoint tells whether path is a mount point (its device differs
// from its parent's): it cannot be renamed.
func isMountPoint(path string) bool {
	var st, parent unix.Stat_t
	if unix.Lstat(path, &st) != nil || unix.Lstat(filepath.Join(path, ".."), &parent) != nil {
		return false
	}
	return st.Dev != parent.Dev
}
