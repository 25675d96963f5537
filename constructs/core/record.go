package core

import (
	"errors"
	"fmt"
	"sync"

	"github.com/privnet/privnet/record"
)

// RuleRecord guards the recorded lookups: synth reads only the record, so
// a missing or unreadable entry must stop it with the command that fixes
// it, never turn into a guess.
var RuleRecord = NewRule(Rule{
	ID:    "PN-APP-9",
	Title: "What the app imports or checks against AWS is in the recorded lookups",
	Fact: "Synth runs with no credentials and no network: existing VPCs, the AZs an endpoint service supports and the AZ IDs of an account come from privnet.context.json, written by go run github.com/privnet/privnet/cmd/lookup (as AWS CDK's cdk.context.json). " +
		"A record that cannot be read, or that lacks a VPC, subnet or service the app uses, stops synth with the exact lookup command; once a region is recorded, every endpoint service used there must be too, so that AZ support is checked everywhere or the review says it was not.",
	Source: "privnet design, after AWS CDK's context providers (cdk.context.json, \"Context values and the AWS CDK\")", Checked: "2026-11", Unsuppressible: true,
})

// recordState is the app's record, loaded once on first use.
type recordState struct {
	once sync.Once
	file string
	rec  *record.File
	err  error
	// asked is what constructs asked of each region, for the command.
	asked map[string]*record.Lookup
}

// ContextFile is where the app reads its recorded lookups.
func (a *App) ContextFile() string {
	if a == nil {
		return record.DefaultFile
	}
	return a.rec.file
}

func (a *App) loadRecord() (*record.File, error) {
	a.rec.once.Do(func() {
		r, err := record.Load(a.rec.file)
		switch {
		case errors.Is(err, record.ErrNotExist) && a.contextGiven:
			a.rec.err = fmt.Errorf("the recorded lookups %s, named by AppProps.ContextFile, do not exist", a.rec.file)
			a.issues = append(a.issues, &Issue{Rule: RuleRecord, Path: "app", Problem: a.rec.err.Error(),
				Fix: "write them with " + (record.Lookup{Region: "<region>", Vpcs: []string{"<vpc-id>"}}).Command(a.rec.file) + ", or leave ContextFile empty"})
		case errors.Is(err, record.ErrNotExist):
		case err != nil:
			a.rec.err = err
			a.issues = append(a.issues, &Issue{Rule: RuleRecord, Path: "app", Problem: "cannot use the recorded lookups: " + err.Error(),
				Fix: "run " + record.CommandName + " again for the regions it records, or restore the file from version control"})
		default:
			a.rec.rec = r
		}
	})
	return a.rec.rec, a.rec.err
}

// Recorded is the stack's region as the recorded lookups have it, nil
// when the record has no entry for it (or there is no record). Reading it
// never calls AWS.
func (s *Stack) Recorded() *record.Region {
	if s != nil && s.record != nil {
		return s.record.Regions[s.Region.Name]
	}
	if s == nil || s.app == nil {
		return nil
	}
	r, _ := s.app.loadRecord()
	if r == nil {
		return nil
	}
	return r.Regions[s.Region.Name]
}

// RecordBroken tells whether the record exists but cannot be used (its
// error is already an issue of the app): constructs then make nothing
// from it, and report nothing more.
func (s *Stack) RecordBroken() bool {
	if s == nil || s.app == nil || s.record != nil {
		return false
	}
	_, err := s.app.loadRecord()
	return err != nil
}

// AskRecord notes that the app needs VPCs or services of the stack's
// region from the record, so that the lookup command a missing entry names
// records all of them at once.
func (s *Stack) AskRecord(vpcs, services []string) {
	if s == nil || s.app == nil {
		return
	}
	a := s.app
	if a.rec.asked == nil {
		a.rec.asked = map[string]*record.Lookup{}
	}
	l := a.rec.asked[s.Region.Name]
	if l == nil {
		l = &record.Lookup{Region: s.Region.Name}
		a.rec.asked[s.Region.Name] = l
	}
	l.Vpcs = append(l.Vpcs, vpcs...)
	l.Services = append(l.Services, services...)
}

// LookupCommand is the exact command that records everything the app asks
// of the stack's region, so that running it leaves nothing missing (the
// command keeps the record's other entries). Call it at Validate (in a
// deferred check), when every construct has asked.
func (s *Stack) LookupCommand() string {
	l := record.Lookup{Region: s.Region.Name}
	if s.app != nil {
		if asked := s.app.rec.asked[s.Region.Name]; asked != nil {
			l.Vpcs = append(l.Vpcs, asked.Vpcs...)
			l.Services = append(l.Services, asked.Services...)
		}
	}
	// What the record holds already and the app does not ask for is
	// left out: the command keeps what it does not name, and naming a VPC
	// deleted since would make it fail.
	file := record.DefaultFile
	if s.app != nil {
		file = s.app.rec.file
	}
	return l.Command(file)
}
