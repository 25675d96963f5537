package core

import "github.com/privnet/privnet/constructs/region"

// Region is what privnet knows of an AWS region: see package region, which
// holds the table (pure Go, read by the review report too).
type Region = region.Region

// LookupRegion returns the region table's row for name.
func LookupRegion(name string) (Region, bool) { return region.Lookup(name) }

// RegionNames lists the regions privnet knows, sorted.
func RegionNames() []string { return region.Names() }

// UncoveredPartition tells the partition of a region privnet knows of but
// does not cover.
func UncoveredPartition(name string) (string, bool) { return region.UncoveredPartition(name) }
