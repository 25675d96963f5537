package endpoints

import (
	"fmt"
	"testing"
)

// The needs a workload declares: a service, a chain, another region, the
// endpoint's own name.
func TestNeeds(t *testing.T) {
	show := func(n Need) string {
		d := n.Need()
		return fmt.Sprintf("%s %+v", d.Label, d.Targets)
	}
	for _, c := range []struct {
		need Need
		want string
	}{
		{STS, "sts [{Kind:service Service:sts ServiceName: Region: Addr: Stack: Ports:[] EndpointName:false}]"},
		{SessionManager, "Session Manager [{Kind:service Service:ssm ServiceName: Region: Addr: Stack: Ports:[] EndpointName:false} {Kind:service Service:ssmmessages ServiceName: Region: Addr: Stack: Ports:[] EndpointName:false}]"},
		{InRegion(KMS, "us-west-2"), "kms in us-west-2 [{Kind:service Service:kms ServiceName: Region:us-west-2 Addr: Stack: Ports:[] EndpointName:false}]"},
		{ByEndpointName(S3), "s3 (endpoint name) [{Kind:service Service:s3 ServiceName: Region: Addr: Stack: Ports:[] EndpointName:true}]"},
	} {
		if got := show(c.need); got != c.want {
			t.Errorf("got  %s\nwant %s", got, c.want)
		}
	}
	if got := show(KMS); got != "kms [{Kind:service Service:kms ServiceName: Region: Addr: Stack: Ports:[] EndpointName:false}]" {
		t.Errorf("InRegion changed the catalog's own need: %s", got)
	}
}
