package core

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
	"sync"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawscalleridentity"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/provider"
	"github.com/hashicorp/terraform-cdk-go/cdktf"
)

// App is a cdktf app that validates every privnet construct in it before it
// synthesizes anything.
type App struct {
	cdktf.App
	stacks []*Stack
	issues Issues // of the app itself
	hcl    bool
	// adopted are stacks privnet did not make, taken in by Validate.
	adopted []*Stack
}

// AppProps configures an App.
type AppProps struct {
	// Outdir is where synth writes. Default: $CDKTF_OUTDIR when the cdktf CLI
	// runs the app, else "cdktf.out".
	Outdir string
	// HclOutput writes HCL instead of JSON. Default: false.
	HclOutput bool
}

// NewApp makes an app. Call Run on it, and Shutdown once at exit.
func NewApp(props *AppProps) *App {
	if props == nil {
		props = &AppProps{}
	}
	env := map[string]string{}
	if props.HclOutput {
		// cdktf 0.20.12 renames the file for AppConfig.HclOutput, but each
		// stack's synthesizer converts to HCL only when the node process
		// sees SYNTH_HCL_OUTPUT (terraform-stack.js); without it cdk.tf
		// holds JSON.
		env["SYNTH_HCL_OUTPUT"] = "true"
	}
	restarted := prepareNode(env)
	cfg := &cdktf.AppConfig{
		// Stack traces in metadata would put this machine's paths in the JSON.
		StackTraces: jsii.Bool(false),
		HclOutput:   jsii.Bool(props.HclOutput),
	}
	a := &App{hcl: props.HclOutput}
	if props.HclOutput && !restarted && os.Getenv("SYNTH_HCL_OUTPUT") != "true" {
		a.issues = append(a.issues, &Issue{Path: "app", Problem: "HCL output was asked for after the jsii runtime had started",
			Fix: "make the HCL app first in the process, or set SYNTH_HCL_OUTPUT=true in the environment"})
	}
	if props.Outdir != "" {
		// cdktf makes only the last directory of the path, and panics when
		// it cannot.
		if err := os.MkdirAll(props.Outdir, 0o755); err != nil {
			a.issues = append(a.issues, &Issue{Path: "app", Problem: fmt.Sprintf("cannot make output directory: %v", err),
				Fix: "pick a writable Outdir"})
		} else {
			cfg.Outdir = jsii.String(props.Outdir)
		}
	}
	// The _Override form registers *App itself with jsii, so an *App can be
	// passed wherever cdktf wants a scope.
	cdktf.NewApp_Override(a, cfg)
	return a
}

// Stacks returns the privnet stacks of the app in the order they were made.
func (a *App) Stacks() []*Stack { return a.stacks }

// Validate runs every stack's deferred checks once and returns all issues
// found, in the order the constructs were made; nil when there are none.
func (a *App) Validate() error {
	// Stacks privnet did not make are checked by the first app that
	// validates, so their issues are never lost.
	registryMu.Lock()
	a.adopted = append(a.adopted, orphans...)
	orphans = nil
	registryMu.Unlock()
	stacks := append(append([]*Stack(nil), a.adopted...), a.stacks...)
	all := append(Issues(nil), a.issues...)
	for _, s := range stacks {
		for _, check := range s.checks {
			check()
		}
		s.checks = nil
		all = append(all, s.issues...)
	}
	if len(all) == 0 {
		return nil
	}
	return all
}

// Run validates the app and, when nothing is wrong, synthesizes every stack
// (cdktf's own Synth, which skips privnet's checks, stays reachable as
// app.App.Synth for those who want it).
// A failure inside the jsii runtime comes back as an error with its first
// line, not as a panic with a JavaScript stack trace.
func (a *App) Run() (err error) {
	if err := a.Validate(); err != nil {
		return err
	}
	defer func() {
		if r := recover(); r != nil {
			msg := fmt.Sprint(r)
			if i := strings.IndexByte(msg, '\n'); i >= 0 {
				msg = msg[:i]
			}
			err = fmt.Errorf("privnet: synth failed in the cdktf runtime: %s", msg)
		}
	}()
	a.App.Synth()
	return nil
}

// StackProps configures a Stack.
type StackProps struct {
	// Region is the AWS region of the stack's provider. Required.
	Region string
	// Tags go on every resource through the provider's default_tags, beside
	// privnet:stack. Default: none.
	Tags map[string]string
	// S3Backend keeps state in S3. Default: a local state file
	// terraform.<stack>.tfstate at the project root, written as a relative path.
	S3Backend *S3Backend
}

// S3Backend is the remote state most teams use.
type S3Backend struct {
	Bucket string
	// Key Default: privnet/<stack>.tfstate
	Key    string
	Region string // Default: the stack's region
	// DynamodbTable locks the state. Default: no locking.
	DynamodbTable string
	// KmsKeyId encrypts the state with a customer key. Default: S3-managed.
	KmsKeyId string
}

// Stack is a cdktf stack with one AWS provider in one region.
type Stack struct {
	cdktf.TerraformStack
	Name     string
	Region   Region
	Provider provider.AwsProvider

	app      *App
	issues   Issues
	checks   []func()
	names    map[string]string // "type.name" -> construct path that took it
	children map[string]bool   // construct paths privnet made in the stack
	caller   dataawscalleridentity.DataAwsCallerIdentity
	regionOK bool
	orphan   bool // made by plain cdktf: jsii knows it as TerraformStack, not *Stack
}

// Scope is what to pass to jsii as the stack: the *Stack itself, or the
// plain cdktf stack privnet did not make.
func (s *Stack) Scope() constructs.Construct {
	if s.orphan {
		return s.TerraformStack
	}
	return s
}

var (
	// registry holds the stacks privnet did not make, so each gets its
	// issue once; orphans are those not yet validated.
	registryMu sync.Mutex
	registry   = map[cdktf.TerraformStack]*Stack{}
	orphans    []*Stack
	stackName  = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9-]*$`)
)

// NewStack makes a stack in app. Problems with the props are collected, not
// panicked on, and come back from app.Synth.
func NewStack(app *App, name string, props StackProps) *Stack {
	s := &Stack{Name: name, app: app, names: map[string]string{}, children: map[string]bool{}}
	app.stacks = append(app.stacks, s)
	if !stackName.MatchString(name) {
		s.Report(name, fmt.Sprintf("stack name %q is not usable as a directory and Terraform workspace name", name),
			"start with a letter and use only letters, digits and hyphens")
		name = sanitize(name)
		if name == "" {
			name = "stack"
		}
	}
	// Registered with jsii as *Stack: cdktf.TerraformStack_Of then returns it.
	cdktf.NewTerraformStack_Override(s, app, jsii.String(name))
	for _, child := range []string{"aws", "current", "backend"} { // made below
		s.children[name+"/"+child] = true
	}

	reg, ok := LookupRegion(props.Region)
	s.regionOK = ok
	if !ok {
		s.Report(name, fmt.Sprintf("region %q is not in privnet's region table", props.Region),
			fmt.Sprintf("use one of %s, or add a row to constructs/core/regions.go", strings.Join(RegionNames(), ", ")))
		reg = Region{Name: props.Region, Partition: "aws", DNSSuffix: "amazonaws.com"}
	}
	s.Region = reg

	tags := map[string]*string{"privnet:stack": jsii.String(name), "ManagedBy": jsii.String("privnet")}
	for k, v := range props.Tags {
		tags[k] = jsii.String(v)
	}
	s.Provider = provider.NewAwsProvider(s, jsii.String("aws"), &provider.AwsProviderConfig{
		Region:      jsii.String(props.Region),
		DefaultTags: &[]*provider.AwsProviderDefaultTags{{Tags: &tags}},
	})

	// Terraform 1.5 is the oldest that reads everything privnet writes;
	// tflint's terraform_required_version asks for the pin. Not in HCL:
	// cdktf 0.20.12's renderTerraform prints other terraform-block
	// attributes by their index ("0 = \"required_version\"").
	if !app.hcl {
		s.AddOverride(jsii.String("terraform.required_version"), jsii.String(">= 1.5.0"))
	}

	if b := props.S3Backend; b != nil {
		key, region := b.Key, b.Region
		if key == "" {
			key = "privnet/" + name + ".tfstate"
		}
		if region == "" {
			region = props.Region
		}
		if b.Bucket == "" {
			s.Report(name, "S3Backend has no Bucket", "name the state bucket, or drop S3Backend for local state")
		}
		cfg := &cdktf.S3BackendConfig{Bucket: jsii.String(b.Bucket), Key: jsii.String(key),
			Region: jsii.String(region), Encrypt: jsii.Bool(true)}
		if b.DynamodbTable != "" {
			cfg.DynamodbTable = jsii.String(b.DynamodbTable)
		}
		if b.KmsKeyId != "" {
			cfg.KmsKeyId = jsii.String(b.KmsKeyId)
		}
		cdktf.NewS3Backend(s, cfg)
	} else {
		// cdktf's implicit local backend writes an absolute path, which
		// differs per machine. Terraform runs in cdktf.out/stacks/<stack>,
		// so this points at the project root.
		cdktf.NewLocalBackend(s, &cdktf.LocalBackendConfig{
			Path: jsii.String("../../terraform." + name + ".tfstate"),
		})
	}
	return s
}

// StackOf finds the privnet stack that scope belongs to. A construct placed
// in a plain cdktf stack gets an issue asking for core.NewStack, since
// privnet needs the stack's region.
func StackOf(scope constructs.Construct) *Stack {
	switch sc := scope.(type) {
	case *Stack:
		return sc
	case hasBase:
		if b := sc.PrivnetBase(); b.Stack != nil {
			return b.Stack
		}
	}
	ts := cdktf.TerraformStack_Of(scope)
	if s, ok := ts.(*Stack); ok {
		return s
	}
	registryMu.Lock()
	defer registryMu.Unlock()
	if s, ok := registry[ts]; ok {
		return s
	}
	path := *ts.Node().Path()
	s := &Stack{TerraformStack: ts, Name: path, names: map[string]string{}, children: map[string]bool{}, orphan: true,
		Region: Region{Partition: "aws", DNSSuffix: "amazonaws.com"}}
	s.Report(path, "stack was made with cdktf.NewTerraformStack, so privnet does not know its AWS region",
		"make it with core.NewStack(app, name, core.StackProps{Region: ...}) on a core.App")
	registry[ts] = s
	orphans = append(orphans, s)
	return s
}

// Report records an issue at path. It never stops construction: every
// problem of the app is reported together by Synth.
func (s *Stack) Report(path, problem, fix string) {
	s.issues = append(s.issues, &Issue{Path: path, Problem: problem, Fix: fix})
}

// Defer registers a check that needs the whole stack (two endpoints for one
// service, a gateway endpoint that must exist). It runs once, at Validate.
func (s *Stack) Defer(check func()) { s.checks = append(s.checks, check) }

// RegionKnown tells whether the stack's region is in the region table.
func (s *Stack) RegionKnown() bool { return s.regionOK }

// PolicyString renders an IAM policy for a resource argument: the literal
// JSON string a reviewer reads, or, when the app writes HCL, a jsonencode()
// expression. cdktf 0.20.12's HCL renderer does not escape the quotes of a
// string that holds an interpolation (hcl/render.js escapeQuotes), so a
// literal policy naming the account would come out as invalid HCL.
func (s *Stack) PolicyString(p Policy) *string {
	if s.app == nil || !s.app.hcl {
		return jsii.String(p.JSON())
	}
	var doc any
	_ = json.Unmarshal([]byte(p.JSON()), &doc) // our own JSON: cannot fail
	return cdktf.Fn_Jsonencode(doc)
}

// AccountId is the deploying account, read by a data source at plan time
// (synth itself needs no credentials). One data source serves the stack.
func (s *Stack) AccountId() *string {
	if s.caller == nil {
		// At the top level, cdktf keeps "current" as the Terraform name.
		s.caller = dataawscalleridentity.NewDataAwsCallerIdentity(s.Scope(), jsii.String("current"), &dataawscalleridentity.DataAwsCallerIdentityConfig{})
	}
	return s.caller.AccountId()
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9_-]+`)

func sanitize(s string) string {
	s = unsafeName.ReplaceAllString(s, "_")
	if s != "" && (s[0] >= '0' && s[0] <= '9' || s[0] == '-') {
		s = "_" + s
	}
	return s
}

// NameResource gives a Terraform element a readable, stable name built from parts
// (joined with "_"), instead of cdktf's path hash, so that a reviewer reads
// aws_subnet.network_app_us-east-1a. Two elements of one type with the same
// name are an issue at path.
func (s *Stack) NameResource(el interface{ OverrideLogicalId(*string) }, tfType, path string, parts ...string) string {
	name := sanitize(strings.Join(parts, "_"))
	s.claim(tfType, name, path)
	el.OverrideLogicalId(jsii.String(name))
	return name
}

// Placement says where to make an element whose Terraform name is Name.
// When Override is false, Scope is the stack and ID the name itself: cdktf
// keeps a top-level element's id as its Terraform name, which saves the
// override round trip (BENCHMARKS.md). Otherwise Scope and ID are the ones
// asked for, and the caller overrides the logical id with Name.
type Placement struct {
	Scope    constructs.Construct
	ID       string
	Name     string
	Override bool
}

// Place decides where an element named from parts goes: at the stack's top
// level under its name when that id is free there, else in scope under id.
// The name is registered as NameResource does.
func (s *Stack) Place(scope constructs.Construct, id, tfType, path string, parts ...string) Placement {
	name := sanitize(strings.Join(parts, "_"))
	s.claim(tfType, name, path)
	if top := s.Name + "/" + name; !s.orphan && !s.children[top] {
		s.children[top] = true
		return Placement{Scope: s, ID: name, Name: name}
	}
	return Placement{Scope: scope, ID: id, Name: name, Override: true}
}

func (s *Stack) claim(tfType, name, path string) {
	key := tfType + "." + name
	if prev, taken := s.names[key]; taken {
		s.Report(path, fmt.Sprintf("Terraform name %s is already used by %s", key, prev),
			"give one of the constructs another id")
	} else {
		s.names[key] = path
	}
}

// Output makes a Terraform output with a readable name, placed by Place.
func (s *Stack) Output(scope constructs.Construct, path, id, name, description string, value interface{}) cdktf.TerraformOutput {
	p := s.Place(scope, id, "output", path, name)
	o := cdktf.NewTerraformOutput(p.Scope, jsii.String(p.ID), &cdktf.TerraformOutputConfig{
		Value: value, Description: jsii.String(description),
	})
	if p.Override {
		o.OverrideLogicalId(jsii.String(p.Name))
	}
	return o
}

// Ref is a reference to an attribute of a resource of this stack, written
// as Terraform does ("${aws_vpc.network.id}"). It resolves to the same text
// as the resource's token, without a round trip to the jsii runtime, but it
// is only valid inside this stack: use the token (resource.Id()) for
// anything another stack may read.
func (s *Stack) Ref(tfType, name, attr string) *string {
	return jsii.String("${" + tfType + "." + name + "." + attr + "}")
}

// prepareNode sets the environment the jsii runtime's node process needs,
// and reports whether the runtime was restarted to see it.
//
// It keeps the Node.js end-of-life banner out of the output: Node 20 left
// jsii support on 2026-10-30 (its EOL 2026-04-30 plus six months), and the
// banner goes to stderr on every run.
//
// The jsii client is made (and its environment fixed) while package init
// registers the bindings' types, before any of our code runs; when a
// variable was missing and node has not started yet, that client is closed
// so that the next call starts one that sees it. Once node runs, nothing
// can change its environment.
func prepareNode(extra map[string]string) bool {
	want := map[string]string{
		// The end-of-life check reads a list of major versions.
		"JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "14,16,18,20,22,24",
		"JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION":  "1",
		"JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION":    "1",
	}
	for k, v := range extra {
		want[k] = v
	}
	changed := false
	for k, v := range want {
		if _, set := os.LookupEnv(k); set && extra[k] == "" {
			continue // the user's own setting wins, except what the props ask
		}
		if os.Getenv(k) != v {
			os.Setenv(k, v)
			changed = true
		}
	}
	if changed && jsiiChild() == 0 {
		jsii.Close()
		return true
	}
	return false
}

// Base is embedded by every privnet construct: its stack, its construct
// path (for messages) and its Name, the path below the stack with "_" for
// "/", which starts the Terraform names of its resources.
type Base struct {
	Stack *Stack
	Path  string
	Name  string
}

// PrivnetBase lets a construct used as a scope tell its stack and path
// without asking the jsii runtime.
func (b *Base) PrivnetBase() *Base { return b }

type hasBase interface{ PrivnetBase() *Base }

// Report records an issue at the construct's path.
func (b *Base) Report(problem, fix string) { b.Stack.Report(b.Path, problem, fix) }

// Init registers c (the Go struct that embeds b and constructs.Construct)
// with jsii as a construct named id under scope, so that c itself can be
// the scope of its resources, and fills b.
//
// Paths and taken ids are kept on the Go side for scopes privnet made (a
// stack or a privnet construct): asking the runtime for them cost 6 of the
// ~13 round trips per construct (BENCHMARKS.md). An id already taken in
// scope is an issue (cdktf would panic) and c gets a free id, so that
// construction goes on and every other problem is still reported.
func (b *Base) Init(c constructs.Construct, scope constructs.Construct, id string) {
	b.Stack = StackOf(scope)
	parent, known := scopePath(scope)
	taken := func(name string) bool {
		if known {
			return b.Stack.children[parent+"/"+name]
		}
		return scope.Node().TryFindChild(jsii.String(name)) != nil
	}
	free := id
	for n := 2; taken(free); n++ {
		free = fmt.Sprintf("%s-%d", id, n)
	}
	constructs.NewConstruct_Override(c, scope, jsii.String(free))
	if known {
		b.Path = parent + "/" + free
		b.Stack.children[b.Path] = true
	} else {
		b.Path = *c.Node().Path()
	}
	// Sanitized once here, so names built from it (outputs, references
	// written as text) match the Terraform names NameResource gives.
	b.Name = sanitize(strings.ReplaceAll(strings.TrimPrefix(b.Path, b.Stack.Name+"/"), "/", "_"))
	if free != id {
		b.Stack.Report(b.Path, fmt.Sprintf("another construct is already named %q in %s", id, parent),
			"give each construct its own id")
	}
}

// scopePath is the path of a scope privnet made, without a runtime call.
func scopePath(scope constructs.Construct) (string, bool) {
	switch sc := scope.(type) {
	case *Stack:
		return sc.Name, !sc.orphan
	case hasBase:
		if b := sc.PrivnetBase(); b.Stack != nil && !b.Stack.orphan {
			return b.Path, true
		}
	}
	return *scope.Node().Path(), false
}
