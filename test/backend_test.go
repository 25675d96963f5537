package test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
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

// A stack that names its account allows only it, and assumes a role of
// it; malformed or disagreeing values are refused.
func TestStackAccount(t *testing.T) {
	j := synthStack(t, core.StackProps{Region: "us-east-1", Account: "111122223333", AssumeRole: "arn:aws:iam::111122223333:role/deploy"})
	p := j["provider"].(map[string]any)["aws"].([]any)[0].(map[string]any)
	if !reflect.DeepEqual(p["allowed_account_ids"], []any{"111122223333"}) ||
		!reflect.DeepEqual(p["assume_role"], []any{map[string]any{"role_arn": "arn:aws:iam::111122223333:role/deploy", "session_name": "privnet-t"}}) {
		t.Errorf("provider %v", p)
	}
	// A role alone names the account it belongs to.
	if p := synthStack(t, core.StackProps{Region: "us-east-1", AssumeRole: "arn:aws:iam::444455556666:role/network"})["provider"].(map[string]any)["aws"].([]any)[0].(map[string]any); !reflect.DeepEqual(p["allowed_account_ids"], []any{"444455556666"}) {
		t.Errorf("a stack that assumes a role: provider %v", p)
	}
	if p := synthStack(t, core.StackProps{Region: "us-east-1"})["provider"].(map[string]any)["aws"].([]any)[0].(map[string]any); p["allowed_account_ids"] != nil || p["assume_role"] != nil {
		t.Errorf("a stack that names no account: provider %v", p)
	}
	wantIssues(t, noPanic(t, func(app *core.App) {
		core.NewStack(app, "a", core.StackProps{Region: "us-east-1", Account: "1111-2222-3333"})
		core.NewStack(app, "b", core.StackProps{Region: "us-east-1", Account: "111122223333", AssumeRole: "arn:aws:iam::444455556666:role/deploy"})
		core.NewStack(app, "c", core.StackProps{Region: "cn-north-1", AssumeRole: "arn:aws:iam::444455556666:role/deploy"})
		core.NewStack(app, "d", core.StackProps{Region: "us-east-1", AssumeRole: "deploy"})
	}),
		`PN-APP-10 a: Account "1111-2222-3333" is not a 12-digit AWS account ID (fix: write the account ID, like "111122223333")`,
		`PN-APP-10 b: AssumeRole "arn:aws:iam::444455556666:role/deploy" is a role of account 444455556666, and the stack's Account is 111122223333 (fix: assume a role of the stack's account)`,
		`PN-APP-10 c: AssumeRole "arn:aws:iam::444455556666:role/deploy" is in partition aws, and region cn-north-1 in aws-cn (fix: assume a role of the stack's partition)`,
		`PN-APP-10 d: AssumeRole "deploy" is not an IAM role ARN (fix: write it like "arn:aws:iam::111122223333:role/deploy")`)
}
