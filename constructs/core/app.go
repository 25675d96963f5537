package core

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawscalleridentity"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/provider"
	"github.com/hashicorp/terraform-cdk-go/cdktf"
	"github.com/privnet/privnet/reach/need"
	"github.com/privnet/privnet/record"
)

// StackProps configures a Stack.
type StackProps struct {
	// Region is the AWS region of the stack's provider. Required.
	Region string
	// Tags go on every resource through the provider's default_tags, beside
	// privnet:stack. Default: none.
	Tags map[string]string
	// Record is the recorded lookups this stack reads instead of the
	// app's (AppProps.ContextFile): for a stack whose record ships with
	// it, such as the existing-vpc example. Default: the app's.
	Record *record.File
	// Account is the 12-digit AWS account the stack deploys into. The
	// provider allows only it (allowed_account_ids), so credentials of
	// another account fail at plan instead of building there; pieces that
	// join stacks of two accounts (a Transit Gateway shared through RAM, a
	// peering) read it. Default: the credentials' account, unnamed.
	Account string
	// AssumeRole is the IAM role ARN the stack's provider assumes (the
	// provider's assume_role), typically a role in Account. Default: the
	// credentials as they are.
	AssumeRole string
	// S3Backend keeps state in S3. Default: a local state file
	// terraform.<stack>.tfstate in the directory that holds the output
	// directory (the project root), written as a relative path (StatePath).
	S3Backend *S3Backend
}

// S3Backend is the remote state most teams use.
type S3Backend struct {
	Bucket string
	// Key Default: privnet/<stack>.tfstate
	Key    string
	Region string // Default: the stack's region
	// UseLockfile locks the state with a lock file in the bucket, S3-native
	// locking (Terraform 1.10 or newer: the stack then asks for it). The
	// recommended lock. Default: false.
	UseLockfile bool
	// DynamodbTable locks the state in a DynamoDB table, for Terraform
	// older than 1.10 (which deprecates it). Default: no table.
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
	// Account is StackProps.Account (or AssumeRole's account): "" when
	// the stack names neither.
	Account string
	// deps are the stacks this one refers to, with why (Needs).
	deps   map[*Stack][]dep
	depsMu sync.Mutex

	app      *App
	issues   Issues
	checks   []func()
	names    map[string]string // "type.name" -> construct path that took it
	children map[string]bool   // construct paths privnet made in the stack
	caller   dataawscalleridentity.DataAwsCallerIdentity
	regionOK bool
	orphan   bool // made by plain cdktf: jsii knows it as TerraformStack, not *Stack
	// quiet stray stacks keep only the issue that says why they exist.
	quiet bool
	// suppressions of rules for constructs of the stack (core.Suppress);
	// appSilenced are its issues the app's suppressions silenced.
	suppressions []*Suppression
	appSilenced  []*Issue
	// needs declared from the stack's sources (Declare, Expect).
	needs []need.Declared
	// record replaces the app's recorded lookups for this stack.
	record *record.File
	// meta are lists for "//".privnet.<key> (Meta); notes for the user.
	meta  map[string][]any
	notes []string
}

// Scope is what to pass to jsii as the stack: the *Stack itself, or the
// plain cdktf stack privnet did not make.
func (s *Stack) Scope() constructs.Construct {
	if s.orphan {
		return s.TerraformStack
	}
	return s
}

var stackName = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9-]*$`)

// MaxStackName is the longest stack name: it names a directory, a Terraform
// workspace and tags.
const MaxStackName = 64

// NewStack makes a stack in app. Problems with the props are collected, not
// panicked on, and come back from app.Run.
func NewStack(app *App, name string, props StackProps) *Stack {
	fix := "pass the app made by core.NewApp"
	switch {
	case app == nil:
		s := strayStack(nil, name, props, false)
		s.Report(RuleScope, s.Name, "core.NewStack was given a nil app", fix)
		return s
	case app.gen != currentGeneration():
		s := strayStack(app, name, props, false)
		s.Report(RuleRuntime, s.Name, "core.NewStack was called after core.Shutdown, with an app made before it",
			"call core.Shutdown once, when the program is done with every construct")
		return s
	}
	return newStack(app, name, props)
}

func isTaken(names map[string]string, name string) bool {
	_, taken := names[name]
	return taken
}

func currentGeneration() int {
	registryMu.Lock()
	defer registryMu.Unlock()
	return generation
}

func newStack(app *App, name string, props StackProps) *Stack {
	s := &Stack{Name: name, app: app, names: map[string]string{}, children: map[string]bool{}, record: props.Record}
	app.stacks = append(app.stacks, s)
	switch {
	case len(name) > MaxStackName:
		s.Report(RuleNames, Quote(name), fmt.Sprintf("stack name %s is longer than %d characters", Quote(name), MaxStackName),
			"use a short name of letters, digits and hyphens")
		name = sanitize(name[:MaxStackName])
	case !stackName.MatchString(name):
		s.Report(RuleNames, name, fmt.Sprintf("stack name %q is not usable as a directory and Terraform workspace name", name),
			"start with a letter and use only letters, digits and hyphens")
		name = sanitize(name)
	}
	if name == "" {
		name = "stack"
	}
	// Two names that clean up to one would be one directory (and cdktf
	// would panic): the second gets a free name, and an issue.
	free := name
	for n := 2; isTaken(app.stackNames, free); n++ {
		free = fmt.Sprintf("%s-%d", name, n)
	}
	if free != name {
		s.Report(RuleNames, Quote(s.Name), fmt.Sprintf("stack name %s is already used by stack %s (each stack is a directory of its own)", Quote(s.Name), Quote(app.stackNames[name])),
			"give every stack its own name")
		name = free
	}
	app.stackNames[name] = s.Name
	s.Name = name
	// Registered with jsii as *Stack: cdktf.TerraformStack_Of then returns it.
	cdktf.NewTerraformStack_Override(s, app, jsii.String(name))
	for _, child := range []string{"aws", "current", "backend"} { // made below
		s.children[name+"/"+child] = true
	}

	reg, ok := LookupRegion(props.Region)
	s.regionOK = ok
	if part, known := UncoveredPartition(props.Region); !ok && known {
		s.Report(RuleRegion, name, fmt.Sprintf("region %s is in partition %s, which privnet does not cover: its service names, ARNs and DNS suffixes differ from the commercial ones privnet would write", props.Region, part),
			"use a region of aws, aws-cn or aws-us-gov")
		reg = Region{Name: props.Region, Partition: part}
	} else if !ok {
		s.Report(RuleRegion, name, fmt.Sprintf("region %s is not in privnet's region table", Quote(props.Region)),
			fmt.Sprintf("use one of %s, or add a row to constructs/core/regions.go", strings.Join(RegionNames(), ", ")))
		reg = Region{Name: props.Region, Partition: "aws", DNSSuffix: "amazonaws.com"}
	}
	s.Region = reg

	tags := map[string]*string{"privnet:stack": jsii.String(name), "ManagedBy": jsii.String("privnet")}
	for k, v := range props.Tags {
		tags[k] = jsii.String(v)
	}
	pcfg := &provider.AwsProviderConfig{
		Region:      jsii.String(props.Region),
		DefaultTags: &[]*provider.AwsProviderDefaultTags{{Tags: &tags}},
	}
	if a := props.Account; a != "" {
		if !accountId.MatchString(a) {
			s.Report(RuleAccount, name, fmt.Sprintf("Account %s is not a 12-digit AWS account ID", Quote(a)), "write the account ID, like \"111122223333\"")
		} else {
			s.Account = a
			pcfg.AllowedAccountIds = &[]*string{jsii.String(a)}
		}
	}
	if r := props.AssumeRole; r != "" && props.Account == "" {
		// The role's account is the stack's: named, so that pieces across
		// accounts see it, and allowed alone.
		if m := roleArn.FindStringSubmatch(r); m != nil {
			s.Account = m[2]
			pcfg.AllowedAccountIds = &[]*string{jsii.String(m[2])}
		}
	}
	if r := props.AssumeRole; r != "" {
		if m := roleArn.FindStringSubmatch(r); m == nil {
			s.Report(RuleAccount, name, fmt.Sprintf("AssumeRole %s is not an IAM role ARN", Quote(r)), "write it like \"arn:aws:iam::111122223333:role/deploy\"")
		} else {
			if s.Account != "" && m[2] != s.Account {
				s.Report(RuleAccount, name, fmt.Sprintf("AssumeRole %s is a role of account %s, and the stack's Account is %s", Quote(r), m[2], s.Account), "assume a role of the stack's account")
			}
			if m[1] != reg.Partition {
				s.Report(RuleAccount, name, fmt.Sprintf("AssumeRole %s is in partition %s, and region %s in %s", Quote(r), m[1], reg.Name, reg.Partition), "assume a role of the stack's partition")
			}
			pcfg.AssumeRole = &[]*provider.AwsProviderAssumeRole{{RoleArn: jsii.String(r), SessionName: jsii.String("privnet-" + name)}}
		}
	}
	s.Provider = provider.NewAwsProvider(s, jsii.String("aws"), pcfg)

	// Terraform 1.5 is the oldest that reads everything privnet writes;
	// tflint's terraform_required_version asks for the pin. S3-native
	// state locking needs 1.10. Not in HCL: cdktf 0.20.12's
	// renderTerraform prints other terraform-block attributes by their
	// index ("0 = \"required_version\"").
	minTerraform := ">= 1.5.0"
	if props.S3Backend != nil && props.S3Backend.UseLockfile {
		minTerraform = ">= 1.10.0"
	}
	if !app.hcl {
		s.AddOverride(jsii.String("terraform.required_version"), jsii.String(minTerraform))
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
			s.Report(RuleBackend, name, "S3Backend has no Bucket", "name the state bucket, or drop S3Backend for local state")
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
		if b.UseLockfile {
			// cdktf 0.20.12's S3BackendConfig predates use_lockfile
			// (Terraform 1.10, "Backend Type: s3", state locking).
			s.AddOverride(jsii.String("terraform.backend.s3.use_lockfile"), true)
		}
	} else {
		// cdktf's implicit local backend writes an absolute path, which
		// differs per machine. Terraform runs in <outdir>/stacks/<stack>,
		// so this points at the directory that holds the output directory
		// (the project root for cdktf.out), outside every output folder.
		cdktf.NewLocalBackend(s, &cdktf.LocalBackendConfig{Path: jsii.String(StatePath(name)), WorkspaceDir: jsii.String(WorkspaceDir(name))})
	}
	return s
}

// Report records an issue at path. It never stops construction: every
// problem of the app is reported together by Synth.
func (s *Stack) Report(rule *Rule, path, problem, fix string) {
	if s.quiet && len(s.issues) > 0 {
		return
	}
	s.issues = append(s.issues, &Issue{Rule: rule, Path: path, Problem: problem, Fix: fix})
}

// Defer registers a check that needs the whole stack (two endpoints for one
// service, a gateway endpoint that must exist). It runs once, at Validate,
// in the order registered; one registered by a check runs in a later round,
// after every check of every stack made before it.
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

var (
	accountId = regexp.MustCompile(`^[0-9]{12}$`)
	roleArn   = regexp.MustCompile(`^arn:(aws|aws-cn|aws-us-gov):iam::([0-9]{12}):role/[A-Za-z0-9+=,.@_/-]{1,512}$`)
)

// ramPrincipal is what AWS RAM shares with: an account ID, an
// organization ARN or an OU ARN (AWS provider 5.88 documentation,
// aws_ram_principal_association: principal).
var ramPrincipal = regexp.MustCompile(`^([0-9]{12}|arn:aws[a-z-]*:organizations::[0-9]{12}:(organization/o-[a-z0-9]{10,32}|ou/o-[a-z0-9]{10,32}/ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}))$`)

// IsRamPrincipal tells whether p is an account ID, organization ARN or OU
// ARN, which AWS RAM shares with.
func IsRamPrincipal(p string) bool { return ramPrincipal.MatchString(p) }

// OtherAccount tells whether stacks s and o deploy into different
// accounts, as far as their Account says: unnamed is the credentials'
// account, one account for every stack that does not name one.
// Stray tells a stand-in stack: a construct made outside any stack got
// one, and its own issue says why (PN-APP-3); checks of where it stands
// would only repeat that.
func (s *Stack) Stray() bool { return s != nil && s.quiet }

func (s *Stack) OtherAccount(o *Stack) bool { return s != nil && o != nil && s.Account != o.Account }

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
		s.Report(RuleNames, path, fmt.Sprintf("Terraform name %s is already used by %s", key, prev),
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
	if root, ok := packageCacheUnwritable(); ok {
		// The runtime caches unpacked packages under $HOME and fails on
		// its first call when it cannot write there (an unwritable HOME in
		// CI). Without the cache it unpacks into its temporary directory:
		// slower, but synth works.
		want["JSII_RUNTIME_PACKAGE_CACHE"] = "disabled"
		fmt.Fprintf(os.Stderr, "privnet: cannot write the jsii package cache %s; running without it (slower). Fix: make it writable, or set JSII_RUNTIME_PACKAGE_CACHE_ROOT to a writable directory\n", root)
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

// packageCacheUnwritable finds where the jsii runtime keeps its package
// cache (jsii-runtime-go v1.140.0, kernel defaultCacheRoot) and tells
// whether it cannot be written.
func packageCacheUnwritable() (string, bool) {
	if _, set := os.LookupEnv("JSII_RUNTIME_PACKAGE_CACHE"); set {
		return "", false
	}
	root := os.Getenv("JSII_RUNTIME_PACKAGE_CACHE_ROOT")
	if root == "" {
		home := os.Getenv("HOME")
		if home == "" || runtime.GOOS != "linux" {
			return "", false // the runtime then uses its temporary directory
		}
		root = filepath.Join(home, ".cache", "aws", "jsii", "package-cache")
	}
	if err := os.MkdirAll(root, 0o755); err != nil {
		return root, true
	}
	f, err := os.CreateTemp(root, ".privnet-write-test-")
	if err != nil {
		return root, true
	}
	f.Close()
	os.Remove(f.Name())
	return "", false
}

// Base is embedded by every privnet construct: its stack, its construct
// path (for messages) and its Name, the path below the stack with "_" for
// "/", which starts the Terraform names of its resources.
type Base struct {
	Stack *Stack
	Path  string
	Name  string
	// Literal: the construct's IDs are values written in the code (an
	// imported VPC's), not references, so using it from another stack
	// makes no cross-stack reference.
	Literal bool
}

// PrivnetBase lets a construct used as a scope tell its stack and path
// without asking the jsii runtime.
func (b *Base) PrivnetBase() *Base { return b }

type hasBase interface{ PrivnetBase() *Base }

// Uses checks that other, a piece b is wired to (its VPC, a resource
// gateway), can be used from b's stack: made in the same app since the
// last Shutdown, and in the same region, since b's resources are made
// with the region of its own stack (a VPC of another region would get an
// endpoint named for the wrong region). Otherwise it reports at b and
// returns false, and b makes nothing on it.
func (b *Base) Uses(what string, other *Base) bool {
	if other == nil || other.Stack == nil {
		return true // the caller reports a missing piece
	}
	mine, theirs := b.Stack, other.Stack
	switch {
	case theirs.app != mine.app && (theirs.quiet || mine.quiet):
		if !mine.quiet {
			b.Report(RuleWiring, fmt.Sprintf("%s %s was made without a usable stack", what, other.Path), "fix that construct first (its own error says why)")
		}
		return false
	case theirs.app != mine.app:
		b.Report(RuleWiring, fmt.Sprintf("%s %s belongs to another app", what, other.Path),
			"make the constructs that are wired together in one app (one core.NewApp)")
		return false
	case theirs.Region.Name != mine.Region.Name:
		b.Report(RuleWiring, fmt.Sprintf("%s %s is in stack %s (%s), and this construct is in stack %s (%s), whose resources are made in %s",
			what, other.Path, theirs.Name, theirs.Region.Name, mine.Name, mine.Region.Name, mine.Region.Name),
			fmt.Sprintf("make it in a stack of %s; to reach something across regions, use an endpoint with ServiceRegion, or endpointservice.NewConsumer, in a VPC of %s", theirs.Region.Name, mine.Region.Name))
		return false
	}
	if mine != theirs && !other.Literal {
		// Most uses are within a stack: the words are built only for a
		// reference across stacks.
		mine.Needs(theirs, b.Path, b.Path+" uses "+what+" "+other.Path)
	}
	return true
}

// Needs records that s refers to values of o (a cdktf cross-stack
// reference, which makes o deploy first): path is the construct that
// makes the reference, why says what it is. Validate reports a
// circle of such references, which cdktf would refuse at synth with a
// message that names no construct.
func (s *Stack) Needs(o *Stack, path, why string) {
	if s == nil || o == nil || s == o {
		return
	}
	s.depsMu.Lock()
	defer s.depsMu.Unlock()
	if s.deps == nil {
		s.deps = map[*Stack][]dep{}
	}
	s.deps[o] = append(s.deps[o], dep{path, why})
}

// dep is one reference from a stack to another: the construct that makes
// it, and why.
type dep struct{ path, why string }

// checkCycles reports the first circle of stack references, with the
// construct that makes each one. A reference recorded by a construct that
// reported an issue (bad is the paths with one) is left out: it may never
// have been made.
func checkCycles(stacks []*Stack, bad map[string]bool) *Issue {
	reason := func(s, o *Stack) string {
		for _, d := range s.deps[o] {
			if !bad[d.path] {
				return d.why
			}
		}
		return ""
	}
	const (
		unseen = iota
		open
		done
	)
	state := map[*Stack]int{}
	var path []*Stack
	var found *Issue
	var visit func(s *Stack)
	visit = func(s *Stack) {
		state[s] = open
		path = append(path, s)
		next := make([]*Stack, 0, len(s.deps))
		for o := range s.deps {
			if reason(s, o) != "" {
				next = append(next, o)
			}
		}
		slices.SortFunc(next, func(a, b *Stack) int { return strings.Compare(a.Name, b.Name) })
		for _, o := range next {
			if found != nil {
				return
			}
			switch state[o] {
			case open:
				i := slices.Index(path, o)
				var steps []string
				circle := append(slices.Clone(path[i:]), o)
				for j := 0; j+1 < len(circle); j++ {
					steps = append(steps, fmt.Sprintf("%s needs %s (%s)", circle[j].Name, circle[j+1].Name, reason(circle[j], circle[j+1])))
				}
				found = &Issue{Rule: RuleWiring, Path: o.Name, Problem: "stacks refer to one another in a circle, which cdktf refuses (each must be deployed before the other): " + strings.Join(steps, "; "),
					Fix: "move one of those pieces to a stack of its own that comes after both (an AccepterScope, for the pieces that take one)"}
				return
			case unseen:
				visit(o)
			}
		}
		path = path[:len(path)-1]
		state[s] = done
	}
	for _, s := range stacks {
		if state[s] == unseen && found == nil {
			visit(s)
		}
	}
	return found
}

// Unbuilt is what an ID or ARN of a construct that could not be built reads
// (its resource was never made, and the construct said why): a value that
// later constructs can take without a panic. app.Run refuses the app, so it
// never reaches Terraform.
func Unbuilt(path string) *string { return jsii.String("unbuilt:" + path) }

// Report records an issue at the construct's path.
func (b *Base) Report(rule *Rule, problem, fix string) { b.Stack.Report(rule, b.Path, problem, fix) }

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
	ctor := callerName(2)
	stack, owner, problemRule, problem, fix := resolveScope(scope)
	wanted := "" // the path the user meant, for a construct without a usable scope
	if problem != "" {
		if !isNil(scope) {
			if p, ok := scopePath(scope); ok {
				wanted = p + "/" + id
			}
		}
		if wanted == "" {
			wanted = id
		}
		stack = strayStack(owner, "stray", StackProps{}, true)
		scope = stack
	}
	b.Stack = stack
	if id == "" {
		id = "unnamed"
		b.Stack.Report(RuleNames, pathIn(scope, id), ctor+" was given an empty construct id", "give every construct an id, unique in its scope")
	}
	// The constructs library writes "/" in an id as "--"; taking that
	// into account here keeps "a/b" and "a--b" apart.
	id = strings.ReplaceAll(id, "/", "--")
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
	if problem != "" {
		b.Path = wanted
		b.Stack.Report(problemRule, b.Path, ctor+" "+problem, fix)
		return
	}
	if free != id {
		b.Stack.Report(RuleNames, b.Path, fmt.Sprintf("another construct is already named %s in %s", Quote(id), parent),
			"give each construct its own id")
	}
}

// pathIn is the path id would have in scope, for a message.
func pathIn(scope constructs.Construct, id string) string {
	if p, ok := scopePath(scope); ok {
		return p + "/" + id
	}
	return id
}

// callerName is the package-qualified name of the function skip frames up
// (network.NewVpc), for messages about how it was called.
func callerName(skip int) string {
	pc, _, _, ok := runtime.Caller(skip)
	if !ok {
		return "a privnet constructor"
	}
	name := runtime.FuncForPC(pc).Name() // github.com/privnet/privnet/constructs/network.NewVpc
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	return name
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
	case *App:
		return "", false // its runtime may be gone: no call
	}
	if isNil(scope) {
		return "", false
	}
	return *scope.Node().Path(), false
}
