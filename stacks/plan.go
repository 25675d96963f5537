package stacks

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/netip"
	"os"
	"reflect"
	"regexp"
	"strings"
	"syscall"

	"github.com/privnet/privnet/constructs/core"
	"github.com/privnet/privnet/constructs/endpoints"
	"github.com/privnet/privnet/constructs/endpoints/catalog"
	"github.com/privnet/privnet/constructs/lattice"
)

// Limits checked before anything is read further: a configuration is a few
// kilobytes, and each stack costs node memory that is never freed.
const (
	MaxConfigBytes = 1 << 20
	MaxStacks      = 500
	// MaxNameLen keeps directory, state file and workspace names short.
	MaxNameLen = 64
)

// DefaultName names the embedded configuration in messages.
const DefaultName = "stacks/default.json (embedded)"

// nameRule is what a stack name may be: it names a directory under
// cdktf.out/stacks, a state file and a Terraform workspace, so nothing is
// rewritten on the way ("a b", "a_b" and "a/b" would all become "a_b").
var nameRule = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9-]*$`)

// Config is a configuration parsed and checked into a plan: every stack's
// settings are typed and in range, and every reference names a stack made
// earlier. Nothing in it has touched the jsii runtime.
type Config struct {
	// File names the configuration in messages.
	File   string
	Stacks []StackConfig
}

// StackConfig is one planned stack.
type StackConfig struct {
	Name string
	Kind string
	// Needs names the stacks this one references (an xregion-consumer's
	// service stack); each comes earlier in the configuration.
	Needs []string
	// Spec is the kind's settings, for example *BaselineConfig.
	Spec Spec
}

// Spec is the typed settings of one kind of stack.
type Spec interface {
	// check validates formats, ranges and references, without jsii.
	check(c *checker)
	// build makes the stack; built holds what earlier stacks export.
	build(app *core.App, name string, built map[string]any) error
}

// needer is a Spec that references other stacks.
type needer interface{ needs() []string }

// Default is the embedded configuration, planned.
func Default() (*Config, error) { return Parse(DefaultName, DefaultConfig) }

// ParseConfig plans a configuration held in memory. Messages name it
// "stack configuration"; use Parse to give its file name.
func ParseConfig(b []byte) (*Config, error) { return Parse("stack configuration", b) }

// Load reads and plans the configuration file at path. It refuses what is
// not a regular file (a FIFO would block, a device never ends) and files
// over MaxConfigBytes.
func Load(path string) (*Config, error) {
	b, err := readFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, b)
}

func readFile(path string) ([]byte, error) {
	fail := func(problem, fix string) error {
		return &ConfigError{File: path, Problems: []Problem{{Problem: problem, Fix: fix}}}
	}
	cause := func(err error) string {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return pe.Err.Error()
		}
		return err.Error()
	}
	notRegular := func(m fs.FileMode) error {
		what := "not a regular file"
		switch {
		case m.IsDir():
			what = "a directory"
		case m&fs.ModeNamedPipe != 0:
			what = "a named pipe (FIFO)"
		case m&fs.ModeDevice != 0 || m&fs.ModeCharDevice != 0:
			what = "a device"
		case m&fs.ModeSocket != 0:
			what = "a socket"
		}
		return fail("is "+what+", not a regular file", "write the configuration to a file and give its path")
	}
	// Stat first, so that a FIFO or a device is never opened; the open
	// file is checked again in case the path changed in between.
	st, err := os.Stat(path)
	if err != nil {
		return nil, fail("cannot read the configuration: "+cause(err), "")
	}
	if !st.Mode().IsRegular() {
		return nil, notRegular(st.Mode())
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, fail("cannot read the configuration: "+cause(err), "")
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		if err != nil {
			return nil, fail("cannot read the configuration: "+cause(err), "")
		}
		return nil, notRegular(st.Mode())
	}
	b, err := io.ReadAll(io.LimitReader(f, MaxConfigBytes+1))
	if err != nil {
		return nil, fail("cannot read the configuration: "+cause(err), "")
	}
	if len(b) > MaxConfigBytes {
		return nil, tooLarge(path)
	}
	return b, nil
}

func tooLarge(file string) error {
	return &ConfigError{File: file, Problems: []Problem{{
		Problem: fmt.Sprintf("is larger than %d bytes (1 MiB), far more than any configuration needs", MaxConfigBytes),
		Fix:     "check that this is the configuration file",
	}}}
}

// Parse plans the configuration b, read from file (named in messages). The
// error, a *ConfigError, lists every problem found, each with its line,
// column and field path.
func Parse(file string, b []byte) (*Config, error) {
	if len(b) > MaxConfigBytes {
		return nil, tooLarge(file)
	}
	r := newReader(file, b)
	doc := r.document()
	if doc == nil || len(r.problems) > 0 {
		// Broken, or with a key written twice: which value counts is
		// anyone's guess, so nothing more is checked.
		return nil, r.err()
	}
	if doc.kind != '{' {
		r.fail(doc.off, "", "the configuration is "+describe(doc)+", not an object", `write {"stacks": [...]} as in stacks/default.json`)
		return nil, r.err()
	}
	var list *value
	for i, k := range doc.keys {
		switch {
		case k.name == "stacks":
			list = &doc.vals[i]
		case strings.EqualFold(k.name, "stacks"):
			r.fail(k.off, "", fmt.Sprintf("key %s must be written \"stacks\": keys are case-sensitive", quote(k.name)), "")
		default:
			r.fail(k.off, "", fmt.Sprintf("unknown key %s at the top level", quote(k.name)), `the configuration has one key, "stacks"`)
		}
	}
	fixEmpty := `list the stacks to make, each {"name": ..., "kind": ...} with the kind's settings, as in stacks/default.json`
	switch {
	case list == nil:
		r.fail(doc.off, "stacks", "missing, so the configuration makes no stack", fixEmpty)
	case list.kind != '[':
		r.fail(list.off, "stacks", "want a list of stacks, got "+describe(list), fixEmpty)
	case len(list.vals) == 0:
		r.fail(list.off, "stacks", "the list is empty, so the configuration makes no stack", fixEmpty)
	case len(list.vals) > MaxStacks:
		r.fail(list.off, "stacks", fmt.Sprintf("%d stacks, more than the %d one configuration may have", len(list.vals), MaxStacks),
			"split the configuration into several files")
	}
	if len(r.problems) > 0 {
		return nil, r.err()
	}

	cfg := &Config{File: file}
	index := map[string]int{}  // name -> position in the list
	folded := map[string]int{} // lower-case name -> position
	kindOf := map[string]string{}
	for i := range list.vals {
		v := &list.vals[i]
		at := fmt.Sprintf("stacks[%d]", i)
		if v.kind != '{' {
			r.fail(v.off, at, "want an object with name and kind, got "+describe(v), "")
			continue
		}
		name, nameOK := r.name(v, at, index, folded)
		kind, kindOK := r.kind(v, at)
		if nameOK {
			index[name] = i
			folded[strings.ToLower(name)] = i
		}
		if !kindOK {
			continue
		}
		if nameOK {
			kindOf[name] = kind
		}
		spec := kinds[kind]()
		if !r.fill(v, spec, at, "for kind "+kind, "name", "kind") {
			continue
		}
		// Read above with their own checks; set for whoever reads the Spec.
		rv := reflect.ValueOf(spec).Elem()
		rv.FieldByName("Name").SetString(name)
		rv.FieldByName("Kind").SetString(kind)
		c := &checker{r: r, at: at, obj: v, index: i, kindOf: kindOf, later: list.vals[i+1:]}
		spec.check(c)
		s := StackConfig{Name: name, Kind: kind, Spec: spec}
		if n, ok := spec.(needer); ok {
			s.Needs = n.needs()
		}
		cfg.Stacks = append(cfg.Stacks, s)
	}
	if err := r.err(); err != nil {
		return nil, err
	}
	return cfg, nil
}

// name reads and checks a stack's name.
func (r *reader) name(v *value, at string, index, folded map[string]int) (string, bool) {
	n, ok := v.member("name")
	if !ok {
		r.fail(v.off, at+".name", "missing", "give the stack a name: letters, digits and hyphens, starting with a letter")
		return "", false
	}
	r.pos[at+".name"] = n.off
	if n.kind != 's' {
		r.fail(n.off, at+".name", "want a string, got "+describe(n), "")
		return "", false
	}
	s := n.text
	switch {
	case s == "":
		r.fail(n.off, at+".name", "is empty", "give the stack a name: letters, digits and hyphens, starting with a letter")
	case !nameRule.MatchString(s):
		r.fail(n.off, at+".name", fmt.Sprintf("%s is not a usable stack name: it names a directory, a state file and a Terraform workspace", quote(s)),
			"start with a letter and use only letters, digits and hyphens")
	case len(s) > MaxNameLen:
		r.fail(n.off, at+".name", fmt.Sprintf("%s is longer than %d characters", quote(s), MaxNameLen), "use a shorter name")
	default:
		if j, dup := index[s]; dup {
			r.fail(n.off, at+".name", fmt.Sprintf("%s is also the name of stacks[%d]", quote(s), j), "give every stack its own name")
		} else if j, dup := folded[strings.ToLower(s)]; dup {
			r.fail(n.off, at+".name", fmt.Sprintf("%s differs from the name of stacks[%d] only in letter case; the two would share a directory and a state file on macOS and Windows", quote(s), j),
				"give every stack its own name")
		} else {
			return s, true
		}
	}
	return "", false
}

// kind reads and checks a stack's kind.
func (r *reader) kind(v *value, at string) (string, bool) {
	fix := "use one of " + strings.Join(Kinds(), ", ")
	k, ok := v.member("kind")
	switch {
	case !ok:
		r.fail(v.off, at+".kind", "missing", fix)
	case k.kind != 's':
		r.fail(k.off, at+".kind", "want a string, got "+describe(k), fix)
	case kinds[k.text] == nil:
		r.fail(k.off, at+".kind", fmt.Sprintf("%s is not a stack kind", quote(k.text)), fix)
	default:
		return k.text, true
	}
	return "", false
}

// checker validates one stack's settings, pointing at their fields.
type checker struct {
	r      *reader
	at     string // "stacks[2]"
	obj    *value
	index  int
	kindOf map[string]string // valid names of earlier stacks -> kind
	later  []value           // the stacks after this one
}

// has tells whether the field was written.
func (c *checker) has(field string) bool {
	_, ok := c.r.pos[c.at+"."+field]
	return ok
}

func (c *checker) fail(field, problem, fix string) {
	off, ok := c.r.pos[c.at+"."+field]
	if !ok {
		off = c.obj.off
	}
	c.r.fail(off, c.at+"."+field, problem, fix)
}

func (c *checker) missing(field string, fix string) bool {
	if c.has(field) {
		return false
	}
	c.fail(field, "missing", fix)
	return true
}

// region checks a required region name against the region table.
func (c *checker) region(field, name string) {
	fix := fmt.Sprintf("use one of %s, or add a row to constructs/core/regions.go", strings.Join(core.RegionNames(), ", "))
	if c.missing(field, fix) {
		return
	}
	if _, ok := core.LookupRegion(name); !ok {
		c.fail(field, fmt.Sprintf("%s is not in privnet's region table", quote(name)), fix)
	}
}

// cidr checks that s is an IPv4 prefix; whether it suits a VPC is the
// VPC construct's rule.
func (c *checker) cidr(field, s string) {
	if p, err := netip.ParsePrefix(s); err != nil || !p.Addr().Is4() {
		c.fail(field, fmt.Sprintf("%s is not an IPv4 CIDR", quote(s)), `write it like "10.0.0.0/16"`)
	}
}

func (c *checker) requiredCidr(field, s string) {
	if !c.missing(field, `give an IPv4 CIDR like "10.0.0.0/16"`) {
		c.cidr(field, s)
	}
}

// maxAzs is the most AZs any region of the table has: a larger count is a
// typo, whatever the region.
var maxAzs = func() int {
	n := 0
	for _, name := range core.RegionNames() {
		r, _ := core.LookupRegion(name)
		n = max(n, len(r.Azs))
	}
	return n
}()

// azCount checks an optional AZ count; the VPC construct checks it against
// its region.
func (c *checker) azCount(field string, n int) {
	fix := fmt.Sprintf("use 1 to %d, or leave it out for 2", maxAzs)
	switch {
	case n < 0:
		c.fail(field, fmt.Sprintf("%d is negative", n), fix)
	case n > maxAzs:
		c.fail(field, fmt.Sprintf("%d is more than any region in privnet's table has (%d)", n, maxAzs), fix)
	}
}

// count checks that a whole number is within lo..hi.
func (c *checker) count(field string, n, lo, hi int, fix string) {
	switch {
	case n < 0 && lo >= 0:
		c.fail(field, fmt.Sprintf("%d is negative", n), fix)
	case n < lo || n > hi:
		c.fail(field, fmt.Sprintf("%d is outside %d–%d", n, lo, hi), fix)
	}
}

// services checks catalog keys, each listed once.
func (c *checker) services(field string, keys []string) {
	seen := map[string]bool{}
	for i, k := range keys {
		f := fmt.Sprintf("%s[%d]", field, i)
		switch {
		case seen[k]:
			c.fail(f, fmt.Sprintf("%s is listed twice", quote(k)), "list each service once")
		default:
			if _, ok := endpoints.Lookup(k); !ok {
				fix := fmt.Sprintf("use a key of the catalog's %d services (docs/catalog.md lists them)", len(endpoints.Keys()))
				c.r.unknownKeys++
				// Suggestions for the first ten only: each compares with
				// every key, and a hostile file may hold thousands.
				if near := closest(c.r.unknownKeys, k); len(near) > 0 {
					fix += ": did you mean " + strings.Join(quoteAll(near), " or ") + "?"
				}
				c.fail(f, fmt.Sprintf("%s is not in the endpoint catalog", quote(k)), fix)
			}
		}
		seen[k] = true
	}
}

// ports checks a VPC Lattice port list with the construct's own parser.
func (c *checker) ports(field, s string) {
	fix := `write TCP ports and ranges like "22,443" or "8000-8080"`
	if c.missing(field, fix) {
		return
	}
	if _, err := lattice.ParsePorts(s); err != nil {
		c.fail(field, err.Error(), fix)
	}
}

// ipv4 checks a required IPv4 address.
func (c *checker) ipv4(field, s string) {
	fix := `write it like "10.0.1.10"`
	if c.missing(field, fix) {
		return
	}
	if a, err := netip.ParseAddr(s); err != nil || !a.Is4() {
		c.fail(field, fmt.Sprintf("%s is not an IPv4 address", quote(s)), fix)
	}
}

// regions checks a list of region names, each listed once.
func (c *checker) regions(field string, names []string) {
	seen := map[string]bool{}
	for i, n := range names {
		f := fmt.Sprintf("%s[%d]", field, i)
		if seen[n] {
			c.fail(f, fmt.Sprintf("%s is listed twice", quote(n)), "list each region once")
		} else if _, ok := core.LookupRegion(n); !ok {
			c.fail(f, fmt.Sprintf("%s is not in privnet's region table", quote(n)),
				fmt.Sprintf("use one of %s, or add a row to constructs/core/regions.go", strings.Join(core.RegionNames(), ", ")))
		}
		seen[n] = true
	}
}

// stackOfKind checks a reference to an earlier stack of the given kind.
func (c *checker) stackOfKind(field, name, kind string) {
	var candidates []string
	for n, k := range c.kindOf {
		if k == kind {
			candidates = append(candidates, n)
		}
	}
	fix := fmt.Sprintf("name a stack of kind %s listed before this one", kind)
	if len(candidates) > 0 {
		fix += ": " + strings.Join(sortedNames(candidates), ", ")
	}
	if c.missing(field, fix) {
		return
	}
	if k, ok := c.kindOf[name]; ok {
		if k != kind {
			c.fail(field, fmt.Sprintf("%s is a stack of kind %s, not %s", quote(name), k, kind), fix)
		}
		return
	}
	for i := range c.later {
		if n, ok := c.later[i].member("name"); ok && n.kind == 's' && n.text == name {
			c.fail(field, fmt.Sprintf("%s comes after this stack in the configuration (stacks[%d]); stacks are made in order", quote(name), c.index+1+i),
				"move it before this one")
			return
		}
	}
	c.fail(field, fmt.Sprintf("no stack is named %s", quote(name)), fix)
}

func sortedNames(names []string) []string {
	m := map[string]bool{}
	for _, n := range names {
		m[n] = true
	}
	return sortedKeys(m)
}

// Names lists the configured stacks' names, in order.
func (c *Config) Names() []string {
	out := make([]string, len(c.Stacks))
	for i, s := range c.Stacks {
		out[i] = s.Name
	}
	return out
}

// Select returns the plan of the named stacks and the stacks they need,
// in configuration order; all of them when no name is given. An unknown
// name is an error that lists the known ones.
func (c *Config) Select(names ...string) (*Config, error) {
	if len(names) == 0 {
		return c, nil
	}
	byName := map[string]*StackConfig{}
	for i := range c.Stacks {
		byName[c.Stacks[i].Name] = &c.Stacks[i]
	}
	want := map[string]bool{}
	var unknown []string
	var add func(string)
	add = func(n string) {
		if want[n] {
			return
		}
		s, ok := byName[n]
		if !ok {
			unknown = append(unknown, quote(n))
			return
		}
		want[n] = true
		for _, d := range s.Needs {
			add(d)
		}
	}
	for _, n := range names {
		add(n)
	}
	if len(unknown) > 0 {
		known := c.Names()
		list := strings.Join(known, ", ")
		if len(known) > 20 {
			list = strings.Join(known[:20], ", ") + fmt.Sprintf(", … (%d in all: -list shows them)", len(known))
		}
		noun := "no stack named"
		if len(unknown) > 1 {
			noun = "no stacks named"
		}
		return nil, &ConfigError{File: c.File, Problems: []Problem{{
			Problem: fmt.Sprintf("%s %s", noun, strings.Join(unknown, ", ")),
			Fix:     "name stacks of the configuration: " + list,
		}}}
	}
	out := &Config{File: c.File}
	for _, s := range c.Stacks {
		if want[s.Name] {
			out.Stacks = append(out.Stacks, s)
		}
	}
	return out, nil
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = quote(s)
	}
	return out
}

func closest(n int, key string) []string {
	if n > 10 {
		return nil
	}
	return catalog.Closest(key)
}
