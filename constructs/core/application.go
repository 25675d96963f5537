package core

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/privnet/privnet/record"
)

// App is a cdktf app that validates every privnet construct in it before it
// synthesizes anything, and that replaces its output directory only when
// synth succeeded (outdir.go).
type App struct {
	cdktf.App
	stacks []*Stack
	issues Issues // of the app itself
	hcl    bool
	// outdir is where Run puts the output; cdktf writes into staging, and
	// Run swaps it in. staging is "" when the outdir was refused.
	outdir, staging string
	notes           []string
	ran             bool
	// gen is the jsii runtime generation the app lives in (see Shutdown).
	gen int
	// stackNames maps each stack's directory name to the name it was given.
	stackNames map[string]string
	// adopted are stacks privnet did not make, or stray stacks of
	// constructs made without a usable scope, taken in by Validate.
	adopted []*Stack
	// suppressions made on the app itself, for every stack.
	suppressions []*Suppression
	// rec is the recorded lookups (privnet.context.json), read on first use.
	rec          recordState
	contextGiven bool
}

// AppProps configures an App.
type AppProps struct {
	// Outdir is where synth writes. It must be missing, empty or an earlier
	// cdktf output, and is replaced whole when synth succeeds. Default:
	// $CDKTF_OUTDIR when the cdktf CLI runs the app, else "cdktf.out".
	Outdir string
	// HclOutput writes HCL instead of JSON. Default: false.
	HclOutput bool
	// ContextFile is the recorded lookups that imported VPCs and the AZ
	// check of endpoints read (go run github.com/privnet/privnet/cmd/lookup writes it). A file named
	// here must exist. Default: privnet.context.json in the working
	// directory (the project root) when it exists; without it, endpoints
	// are placed as before and the review says AZ support was not checked.
	ContextFile string
}

var (
	// registryMu guards what follows, shared by every app of the process.
	registryMu sync.Mutex
	// registry holds the stacks privnet did not make, so each gets its
	// issue once; orphans are stacks not yet taken in by an app's Validate.
	registry = map[cdktf.TerraformStack]*Stack{}
	orphans  []*Stack
	// generation counts Shutdown calls. Objects made before a Shutdown
	// belong to a jsii runtime that is gone: using one would panic in the
	// runtime, so privnet reports it instead.
	generation int
	// limboApp holds the stray stacks of constructs made without a usable
	// scope, so that building goes on and every problem is reported. It is
	// never synthesized.
	limboApp *App
	// temporary are directories to remove at Shutdown: staging directories
	// never committed, and the scratch output of apps that cannot write.
	temporary = map[string]bool{}
)

// NewApp makes an app. Call Run on it, and Shutdown once at exit.
func NewApp(props *AppProps) *App {
	if props == nil {
		props = &AppProps{}
	}
	return newApp(props, false)
}

func newApp(props *AppProps, limbo bool) *App {
	env := map[string]string{}
	if props.HclOutput {
		// cdktf 0.20.12 renames the file for AppConfig.HclOutput, but each
		// stack's synthesizer converts to HCL only when the node process
		// sees SYNTH_HCL_OUTPUT (terraform-stack.js); without it cdk.tf
		// holds JSON.
		env["SYNTH_HCL_OUTPUT"] = "true"
	}
	restarted := prepareNode(env)
	registryMu.Lock()
	a := &App{hcl: props.HclOutput, outdir: props.Outdir, gen: generation, stackNames: map[string]string{}}
	registryMu.Unlock()
	a.rec.file, a.contextGiven = props.ContextFile, props.ContextFile != ""
	if a.rec.file == "" {
		a.rec.file = record.DefaultFile
	}
	if a.outdir == "" {
		a.outdir = os.Getenv("CDKTF_OUTDIR")
	}
	if a.outdir == "" {
		a.outdir = "cdktf.out"
	}
	if props.HclOutput && !restarted && os.Getenv("SYNTH_HCL_OUTPUT") != "true" {
		a.issues = append(a.issues, &Issue{Rule: RuleRuntime, Path: "app", Problem: "HCL output was asked for after the jsii runtime had started",
			Fix: "make the HCL app first in the process, or set SYNTH_HCL_OUTPUT=true in the environment"})
	}
	cfg := &cdktf.AppConfig{
		// Stack traces in metadata would put this machine's paths in the JSON.
		StackTraces: jsii.Bool(false),
		HclOutput:   jsii.Bool(props.HclOutput),
		Outdir:      jsii.String(a.stage(limbo)),
	}
	// The _Override form registers *App itself with jsii, so an *App can be
	// passed wherever cdktf wants a scope.
	cdktf.NewApp_Override(a, cfg)
	return a
}

// stage returns the directory cdktf writes into: a staging directory
// beside the output directory, or, when the output directory cannot be
// replaced (the app then reports why and Run writes nothing), a scratch
// directory removed at Shutdown.
func (a *App) stage(limbo bool) string {
	if !limbo {
		err := checkOutdir(a.outdir)
		if err == nil {
			a.staging, err = makeStaging(a.outdir)
		}
		if err == nil {
			registryMu.Lock()
			temporary[a.staging] = true
			registryMu.Unlock()
			return a.staging
		}
		a.issues = append(a.issues, &Issue{Rule: RuleOutdir, Path: "app", Problem: err.Error()})
	}
	dir, err := os.MkdirTemp("", "privnet-unused-")
	if err != nil {
		// cdktf makes the directory itself; nothing is written there
		// before Run, which this app refuses.
		return os.TempDir() + string(os.PathSeparator) + "privnet-unused"
	}
	registryMu.Lock()
	temporary[dir] = true
	registryMu.Unlock()
	return dir
}

// OutputDir is where Run writes the synthesized stacks: AppProps.Outdir,
// else $CDKTF_OUTDIR, else cdktf.out.
func (a *App) OutputDir() string { return a.outdir }

// Notices are things Run did that the user should know and that are not
// errors (a stack directory kept because it holds files privnet did not
// make), in order.
func (a *App) Notices() []string { return a.notes }

// Stacks returns the privnet stacks of the app in the order they were made.
func (a *App) Stacks() []*Stack { return a.stacks }

// Validate runs every stack's deferred checks once and returns all issues
// found, in the order the constructs were made; nil when there are none.
func (a *App) Validate() error {
	// Stacks privnet did not make, and strays of constructs made with a
	// nil scope, are checked by the first app that validates, so their
	// issues are never lost.
	registryMu.Lock()
	a.adopted = append(a.adopted, orphans...)
	orphans = nil
	dead := a.gen != generation
	registryMu.Unlock()
	stacks := append(append([]*Stack(nil), a.adopted...), a.stacks...)
	a.loadRecord() // its problem, if any, is an issue of the app
	all := append(Issues(nil), a.issues...)
	if dead {
		all = append(all, &Issue{Rule: RuleRuntime, Path: "app", Problem: "the app was made before core.Shutdown, which stopped the jsii runtime it lives in",
			Fix: "call core.Shutdown once, when the program is done with every construct"})
	}
	// Deferred checks run in rounds over every stack: a check may defer
	// another, which runs after every check of the round, in any stack
	// (a hybrid link's route check waits for the needs that forwarding
	// rules record, wherever they are).
	for pending := true; pending; {
		pending = false
		for _, s := range stacks {
			round := s.checks
			s.checks = nil
			for _, check := range round {
				check()
			}
		}
		for _, s := range stacks {
			pending = pending || len(s.checks) > 0
		}
	}
	for _, s := range stacks {
		a.silence(s)
		all = append(all, s.issues...)
	}
	bad := map[string]bool{}
	for _, is := range all {
		bad[is.Path] = true
	}
	if is := checkCycles(a.stacks, bad); is != nil {
		all = append(all, is)
	}
	if len(all) == 0 {
		return nil
	}
	return all
}

// Run validates the app and, when nothing is wrong, synthesizes every stack
// into a staging directory and swaps it in for the output directory
// (cdktf's own Synth, which skips privnet's checks, stays reachable as
// app.App.Synth for those who want it). When anything fails, the previous
// output is left as it was.
// A failure inside the jsii runtime comes back as an error with its first
// line, not as a panic with a JavaScript stack trace.
func (a *App) Run() (err error) {
	if a.ran {
		return &Issue{Rule: RuleRuntime, Path: "app", Problem: "Run was already called on this app", Fix: "make a new app for another synth"}
	}
	a.ran = true
	if err := a.Validate(); err != nil {
		a.discardStaging()
		return err
	}
	defer func() {
		if r := recover(); r != nil {
			msg := fmt.Sprint(r)
			if i := strings.IndexByte(msg, '\n'); i >= 0 {
				msg = msg[:i]
			}
			err = Issues{&Issue{Rule: RuleRuntime, Path: "app", Problem: fmt.Sprintf("synth failed in the cdktf runtime: %s; the previous output in %s is unchanged", msg, a.outdir),
				Fix: "report it with the program that causes it: privnet's checks should have caught it"}}
		}
		if err != nil {
			a.discardStaging()
		}
	}()
	side := map[string][]byte{}
	for _, s := range a.stacks {
		if b := a.recordSuppressions(s); b != nil {
			side[s.Name] = b
		}
		a.recordNeeds(s)
	}
	a.App.Synth()
	if err := a.checkReach(); err != nil {
		return err
	}
	for name, b := range side {
		// Written into the staging directory privnet made: no symlink.
		if err := os.WriteFile(filepath.Join(a.staging, "stacks", name, SuppressedFile), b, 0o644); err != nil {
			return Issues{&Issue{Rule: RuleOutdir, Path: "app", Problem: fmt.Sprintf("cannot record the suppressions of stack %s: %v", name, err)}}
		}
	}
	for _, s := range a.stacks {
		a.notes = append(a.notes, s.notes...)
	}
	a.notes = append(a.notes, a.unusedSuppressions()...)
	for _, s := range a.stacks {
		if s.Region.OptIn {
			a.notes = append(a.notes, fmt.Sprintf("stack %s is in %s, a region an account must enable before deploying to it (aws account enable-region --region-name %s)", s.Name, s.Region.Name, s.Region.Name))
		}
	}
	notes, err := commitOutdir(a.staging, a.outdir, func() {
		registryMu.Lock()
		delete(temporary, a.staging)
		registryMu.Unlock()
	})
	a.notes = append(a.notes, notes...)
	if err != nil {
		return Issues{&Issue{Rule: RuleOutdir, Path: "app", Problem: err.Error()}}
	}
	return nil
}

// discardStaging removes the staging directory while it holds only this
// run's output: once the swap began, it may hold the previous output, which
// is never removed here.
func (a *App) discardStaging() {
	registryMu.Lock()
	defer registryMu.Unlock()
	if a.staging == "" || !temporary[a.staging] {
		return
	}
	os.RemoveAll(a.staging)
	delete(temporary, a.staging)
}

// RemoveTemporary removes the staging directories of apps that have not
// swapped theirs in, and scratch directories, without calling the jsii
// runtime: for a signal handler, before the process exits.
func RemoveTemporary() {
	registryMu.Lock()
	defer registryMu.Unlock()
	for dir := range temporary {
		os.RemoveAll(dir)
		delete(temporary, dir)
	}
}

// strayStack makes a stack for constructs that were given no usable scope
// (nil, the app itself, an app whose runtime Shutdown stopped), in the
// limbo app of the current runtime, so that building goes on without a
// panic. Its issues reach owner's Validate, or, with no owner, the next
// app's. A quiet stray keeps only the issues reported on it directly (its
// constructs' other problems follow from the missing scope).
func strayStack(owner *App, name string, props StackProps, quiet bool) *Stack {
	registryMu.Lock()
	if limboApp == nil || limboApp.gen != generation {
		registryMu.Unlock()
		l := newApp(&AppProps{}, true)
		registryMu.Lock()
		limboApp = l
	}
	l := limboApp
	registryMu.Unlock()
	s := newStack(l, name, props)
	if quiet {
		s.issues, s.quiet = nil, true
	}
	registryMu.Lock()
	if owner != nil {
		owner.adopted = append(owner.adopted, s)
	} else {
		orphans = append(orphans, s)
	}
	registryMu.Unlock()
	return s
}

// isNil tells whether v is nil or a typed nil pointer in an interface.
func isNil(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice, reflect.Func:
		return rv.IsNil()
	}
	return false
}

// resolveScope finds the privnet stack of scope, or says why there is none
// that can be used: owner is the app the problem should be reported to.
func resolveScope(scope constructs.Construct) (s *Stack, owner *App, rule *Rule, problem, fix string) {
	const stackFix = "make it in a stack made by core.NewStack(app, name, core.StackProps{Region: ...}), which gives it its AWS region"
	if isNil(scope) {
		return nil, nil, RuleScope, "was given a nil scope", stackFix
	}
	switch sc := scope.(type) {
	case *App:
		return nil, sc, RuleScope, "was made in the app itself, not in a stack", stackFix
	case *Stack:
		s = sc
	case hasBase:
		s = sc.PrivnetBase().Stack
	}
	if s == nil {
		s, problem = stackOfForeign(scope)
		if s == nil {
			return nil, nil, RuleScope, problem, stackFix
		}
	}
	registryMu.Lock()
	dead := s.app != nil && s.app.gen != generation
	registryMu.Unlock()
	if dead {
		return nil, s.app, RuleRuntime, "was called after core.Shutdown, with a scope made before it",
			"call core.Shutdown once, when the program is done with every construct"
	}
	return s, nil, nil, "", ""
}

// stackOfForeign asks cdktf for the stack of a scope privnet did not make;
// cdktf panics when there is none.
func stackOfForeign(scope constructs.Construct) (s *Stack, problem string) {
	defer func() {
		if r := recover(); r != nil {
			s, problem = nil, "was given a scope that is in no stack"
		}
	}()
	ts := cdktf.TerraformStack_Of(scope)
	if st, ok := ts.(*Stack); ok {
		return st, ""
	}
	registryMu.Lock()
	defer registryMu.Unlock()
	if st, ok := registry[ts]; ok {
		return st, ""
	}
	path := *ts.Node().Path()
	st := &Stack{TerraformStack: ts, Name: path, names: map[string]string{}, children: map[string]bool{}, orphan: true,
		Region: Region{Partition: "aws", DNSSuffix: "amazonaws.com"}}
	st.Report(RuleScope, path, "stack was made with cdktf.NewTerraformStack, so privnet does not know its AWS region",
		"make it with core.NewStack(app, name, core.StackProps{Region: ...}) on a core.App")
	registry[ts] = st
	orphans = append(orphans, st)
	return st, ""
}

// StackOf finds the privnet stack that scope belongs to. A construct placed
// in a plain cdktf stack gets an issue asking for core.NewStack, since
// privnet needs the stack's region; a scope with no usable stack (nil, the
// app itself) gets a stray stack, and the construct's Init reports why.
func StackOf(scope constructs.Construct) *Stack {
	s, owner, _, problem, _ := resolveScope(scope)
	if problem != "" {
		return strayStack(owner, "stray", StackProps{}, true)
	}
	return s
}
