package network

import (
	"regexp"
	"strings"
)

// AZ IDs name the same physical zone in every account (use1-az1), where
// AZ names (us-east-1a) map to zones per account in the older regions.
// An AZ ID is the region's code, -az and a number: the code is the
// country, the initials of the direction words, and the region's number
// (use1, euw1, apne1, cac1, usgw1, cnnw1). "AWS Regions and Availability
// Zones", AZ IDs and "AWS Availability Zones" (AZ ID tables), checked
// 2026-11; the docs' shorthand "first three letters" does not cover
// ap-northeast-1 (apne1), whose ID the same tables list.
var directionCode = map[string]string{
	"east": "e", "west": "w", "north": "n", "south": "s", "central": "c",
	"northeast": "ne", "northwest": "nw", "southeast": "se", "southwest": "sw", "gov": "g",
}

var azIdNumber = regexp.MustCompile(`^-az[0-9]{1,2}$`)

// AzIdPrefix is the code AZ IDs of a region start with ("use1" for
// us-east-1), "" for a name it cannot read.
func AzIdPrefix(region string) string {
	parts := strings.Split(region, "-")
	if len(parts) < 3 {
		return ""
	}
	code := parts[0]
	for _, p := range parts[1 : len(parts)-1] {
		c, ok := directionCode[p]
		if !ok {
			return ""
		}
		code += c
	}
	return code + parts[len(parts)-1]
}

// IsAzId tells whether id is an AZ ID of region.
func IsAzId(region, id string) bool {
	p := AzIdPrefix(region)
	return p != "" && strings.HasPrefix(id, p) && azIdNumber.MatchString(id[len(p):])
}

var azIdShape = regexp.MustCompile(`^[a-z]{3,7}[0-9]{1,2}-az[0-9]{1,2}$`)

// LooksLikeAzId tells an AZ ID (use1-az1) from an AZ name without the
// region.
func LooksLikeAzId(s string) bool { return azIdShape.MatchString(s) }
