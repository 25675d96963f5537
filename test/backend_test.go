package test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/privnet/privnet/constructs/core"
)

// synthStack synthesizes one stack made with props and returns its JSON.
func synthStack(t *testing.T, props core.StackProps) tfJSON {
	t.Helper()
	dir := t.TempDir()
	app := core.NewApp(&core.AppProps{Outdir: dir})
	s := core.NewStack(app, "t", props)
	testVpc(s, nil)
	if err := app.Run(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "stacks", "t", "cdk.tf.json"))
	if err != nil {
		t.Fatal(err)
	}
	return parse(t, b)
}

func terraformBlock(j tfJSON) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(j["terraform"])
	return strings.TrimSpace(b.String())
}

// State backends: local state outside the output folder; S3 with S3-native
// locking (Terraform 1.10+, which the stack then requires) or DynamoDB.
func TestBackends(t *testing.T) {
	local := synthStack(t, core.StackProps{Region: "us-east-1"})
	if got, want := terraformBlock(local), `{"backend":{"local":{"path":"../../../terraform.t.tfstate","workspace_dir":"../../../terraform.tfstate.d/t"}},"required_providers":{"aws":{"source":"aws","version":"5.88.0"}},"required_version":">= 1.5.0"}`; got != want {
		t.Errorf("local:\n got %s\nwant %s", got, want)
	}
	lockfile := synthStack(t, core.StackProps{Region: "us-east-1", S3Backend: &core.S3Backend{Bucket: "state", UseLockfile: true}})
	if got, want := terraformBlock(lockfile), `{"backend":{"s3":{"bucket":"state","encrypt":true,"key":"privnet/t.tfstate","region":"us-east-1","use_lockfile":true}},"required_providers":{"aws":{"source":"aws","version":"5.88.0"}},"required_version":">= 1.10.0"}`; got != want {
		t.Errorf("use_lockfile:\n got %s\nwant %s", got, want)
	}
	dynamo := synthStack(t, core.StackProps{Region: "eu-west-1", S3Backend: &core.S3Backend{Bucket: "state", DynamodbTable: "locks", Key: "k"}})
	if got, want := terraformBlock(dynamo), `{"backend":{"s3":{"bucket":"state","dynamodb_table":"locks","encrypt":true,"key":"k","region":"eu-west-1"}},"required_providers":{"aws":{"source":"aws","version":"5.88.0"}},"required_version":">= 1.5.0"}`; got != want {
		t.Errorf("dynamodb:\n got %s\nwant %s", got, want)
	}
}

// An S3 backend without a bucket cannot be initialized.
func TestS3BackendNeedsABucket(t *testing.T) {
	wantIssues(t, noPanic(t, func(app *core.App) {
		core.NewStack(app, "t", core.StackProps{Region: "us-east-1", S3Backend: &core.S3Backend{UseLockfile: true}})
	}), `PN-APP-6 t: S3Backend has no Bucket (fix: name the state bucket, or drop S3Backend for local state)`)
}
