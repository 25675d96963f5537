package network

import "sync"

// Link is a way between two VPCs (a peering, a Transit Gateway), as
// the construct that made it declares it, so that a security group can
// tell whether a rule may reference a group of the other VPC.
type Link struct {
	// To is the VPC at the other end.
	To *Vpc
	// Via is the path of the construct that joins them; Kind says what it
	// is ("VPC peering", "Transit Gateway").
	Via, Kind string
	// Ingress and Egress tell whether inbound and outbound rules may
	// reference the other VPC's groups across it; NoRefs says why not.
	Ingress, Egress bool
	NoRefs          string
}

type links struct {
	mu   sync.Mutex
	list []Link
}

// AddLink records a link from v to l.To; the caller records the other
// direction.
func (v *Vpc) AddLink(l Link) {
	if v == nil || l.To == nil {
		return
	}
	v.links.mu.Lock()
	defer v.links.mu.Unlock()
	v.links.list = append(v.links.list, l)
}

// LinksTo are the links from v to o, in the order they were made.
func (v *Vpc) LinksTo(o *Vpc) []Link {
	if v == nil {
		return nil
	}
	v.links.mu.Lock()
	defer v.links.mu.Unlock()
	var out []Link
	for _, l := range v.links.list {
		if l.To == o {
			out = append(out, l)
		}
	}
	return out
}
