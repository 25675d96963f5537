// Package tfjson reads the Terraform JSON that cdktf synthesizes: one
// stack's cdk.tf.json (Parse) and the stacks an output directory's
// manifest.json lists (Load), into a Stack of plain Go maps, with helpers
// to read its attributes. It reads JSON only: no jsii, no AWS.
//
// The JSON of a pull request is untrusted. Load reads only the files that
// manifest.json names, through os.Root, so that no path or symlink leads
// out of the output directory; it reads only regular files, within size
// limits (MaxManifestBytes, MaxStackBytes, MaxTotalBytes). A key written
// twice in one object is refused (Terraform merges both, encoding/json
// keeps the last one: a duplicate could hide resources from a reader).
// Any unexpected shape is an error that says where, never a panic.
package tfjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/privnet/privnet/reach/need"
	"github.com/privnet/privnet/record"
)

// Stack is one synthesized stack.
type Stack struct {
	Name string
	// File is the stack's file as the manifest names it, relative to the
	// output directory (checked to stay inside it); "" when parsed alone.
	File   string
	Region string
	// Account is the one account the default provider allows
	// (allowed_account_ids), or the account of the role it assumes; ""
	// when it names neither. AccountF says why the account cannot be
	// known (several allowed accounts, an expression).
	Account, AccountF string
	// Resources by type, then Terraform name: the attributes as written
	// (numbers as json.Number, so that 1e300 is seen as written).
	Resources map[string]map[string]map[string]any
	Outputs   map[string]any
	// Blocks are the document's other top-level blocks, as written, by
	// key: terraform (backend, required_providers), provider, data,
	// module, locals, variable, output, import, moved, removed, check…
	// (not resource, not the "//" metadata). The change list diffs them.
	Blocks map[string]any
	// NotReviewed is what Terraform would also apply that this report
	// does not read: modules, and other Terraform files in the stack's
	// working directory.
	NotReviewed []string
	// Imported are the VPCs the stack imports, with their facts as
	// recorded ("//".privnet.imported); Placements say how each interface
	// endpoint's AZs were chosen ("//".privnet.placement).
	Imported   []record.Imported
	Placements []record.Placement
	// Suppressed are the rules core.Suppress silenced in the stack, from
	// its metadata ("//" of cdk.tf.json).
	Suppressed []Suppressed
	// Needs are what the stack's workloads declared they must reach
	// (instance.Props.Reaches, core.Expect), from its metadata
	// ("//".privnet.needs), for package reach.
	Needs []need.Declared
}

// Suppressed is one rule silenced for a construct (and what is in it),
// with the reason given and the messages it silenced.
type Suppressed struct {
	Rule, Title, Path, Reason string
	Silenced                  []string
}

// Parse reads one stack's cdk.tf.json. Resources may be written as an
// object or as a list of one object (both are Terraform JSON); any other
// shape is an error that names the resource, never a panic.
func Parse(name string, b []byte) (*Stack, error) {
	var doc map[string]any
	if err := DecodeJSON(b, &doc); err != nil {
		return nil, err
	}
	if doc == nil {
		return nil, errors.New("the document is null, not a Terraform JSON object")
	}
	s := &Stack{Name: name, Resources: map[string]map[string]map[string]any{}, Blocks: map[string]any{}}
	for k, v := range doc {
		if k != "resource" && k != "//" {
			s.Blocks[k] = v
		}
	}

	providers, err := Object(doc["provider"], "provider")
	if err != nil {
		return nil, err
	}
	aws, err := Objects(providers["aws"], "provider.aws")
	if err != nil {
		return nil, err
	}
	// The default provider (no alias) sets the stack's region.
	for _, p := range aws {
		if _, aliased := p["alias"]; !aliased {
			s.Region = Scalar(p["region"])
			s.Account, s.AccountF = ProviderAccount(p)
			break
		}
	}
	if s.Region == "" && len(aws) > 0 {
		s.Region = Scalar(aws[0]["region"])
	}

	resources, err := Object(doc["resource"], "resource")
	if err != nil {
		return nil, err
	}
	for tfType, v := range resources {
		byName, err := Object(v, "resource."+tfType)
		if err != nil {
			return nil, err
		}
		s.Resources[tfType] = map[string]map[string]any{}
		for n, r := range byName {
			where := fmt.Sprintf("resource.%s[%q]", tfType, n)
			attrs, err := Objects(r, where)
			if err != nil {
				return nil, err
			}
			if len(attrs) != 1 {
				return nil, fmt.Errorf("%s: %d blocks for one resource (Terraform JSON allows one)", where, len(attrs))
			}
			s.Resources[tfType][n] = attrs[0]
		}
	}

	if s.Outputs, err = Object(doc["output"], "output"); err != nil {
		return nil, err
	}
	modules, err := Object(doc["module"], "module")
	if err != nil {
		return nil, err
	}
	for _, n := range SortedKeys(modules) {
		m, _ := modules[n].(map[string]any)
		s.NotReviewed = append(s.NotReviewed, fmt.Sprintf("module %q (source %q): its resources are not in this report", n, Scalar(m["source"])))
	}
	if s.Suppressed, err = suppressions(doc); err != nil {
		return nil, err
	}
	if s.Needs, err = needs(doc); err != nil {
		return nil, err
	}
	if err = metaList(doc, "imported", &s.Imported); err != nil {
		return nil, err
	}
	if err = metaList(doc, "placement", &s.Placements); err != nil {
		return nil, err
	}
	return s, nil
}

// metaList reads the list "//".privnet.<key>, which core.App writes, into
// out. The JSON is untrusted: its shape is checked by the decoder, and
// what it says is checked by whoever reads it.
func metaList(doc map[string]any, key string, out any) error {
	meta, _ := doc["//"].(map[string]any)
	pn, _ := meta["privnet"].(map[string]any)
	raw, ok := pn[key]
	if !ok {
		return nil
	}
	b, err := json.Marshal(raw)
	if err == nil {
		err = json.Unmarshal(b, out)
	}
	if err != nil {
		return fmt.Errorf("//.privnet.%s: not the list privnet writes: %v", key, err)
	}
	return nil
}

// suppressions reads "//".privnet.suppressed, which core.App writes.
func suppressions(doc map[string]any) ([]Suppressed, error) {
	meta, err := Object(doc["//"], "//")
	if err != nil {
		return nil, err
	}
	pn, err := Object(meta["privnet"], "//.privnet")
	if err != nil {
		return nil, err
	}
	list, err := Objects(pn["suppressed"], "//.privnet.suppressed")
	if err != nil {
		return nil, err
	}
	var out []Suppressed
	for i, e := range list {
		sup := Suppressed{Rule: Scalar(e["rule"]), Title: Scalar(e["title"]), Path: Scalar(e["path"]), Reason: Scalar(e["reason"])}
		if sup.Rule == "" {
			return nil, fmt.Errorf("//.privnet.suppressed[%d] names no rule", i)
		}
		msgs, _ := e["silenced"].([]any)
		for _, m := range msgs {
			sup.Silenced = append(sup.Silenced, Scalar(m))
		}
		out = append(out, sup)
	}
	return out, nil
}

// needs reads "//".privnet.needs, which core.App writes. The JSON is
// untrusted: every need must name its source and at least one target.
func needs(doc map[string]any) ([]need.Declared, error) {
	meta, _ := doc["//"].(map[string]any)
	pn, _ := meta["privnet"].(map[string]any)
	raw, ok := pn["needs"]
	if !ok {
		return nil, nil
	}
	b, err := json.Marshal(raw)
	if err != nil {
		return nil, fmt.Errorf("//.privnet.needs: %v", err)
	}
	var out []need.Declared
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, fmt.Errorf("//.privnet.needs: a list of needs was expected: %v", err)
	}
	for i, d := range out {
		if len(d.Need.Targets) == 0 || (len(d.From.Addrs) == 0 && d.From.External == nil) {
			return nil, fmt.Errorf("//.privnet.needs[%d] names no source or no target", i)
		}
	}
	return out, nil
}

// DecodeJSON decodes one JSON document, numbers as json.Number, and says
// where a syntax error is (line and column) and when data follows it. It
// refuses a key written twice in one object (see noDuplicateKeys).
func DecodeJSON(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			line, col := lineCol(b, syn.Offset-1) // Offset is just after the bad byte
			return fmt.Errorf("line %d, column %d: %v", line, col, err)
		case errors.As(err, &typ):
			line, col := lineCol(b, typ.Offset-1)
			return fmt.Errorf("line %d, column %d: %s is a JSON %s, where %s was expected", line, col, orTop(typ.Field), typ.Value, goKind(typ.Type))
		case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
			return errors.New("the JSON ends early (empty or truncated file)")
		}
		return err
	}
	end := dec.InputOffset()
	if _, err := dec.Token(); err != io.EOF {
		for end < int64(len(b)) && strings.ContainsRune(" \t\r\n", rune(b[end])) {
			end++
		}
		line, col := lineCol(b, end)
		return fmt.Errorf("line %d, column %d: data after the JSON document", line, col)
	}
	return noDuplicateKeys(b)
}

// noDuplicateKeys refuses a key written twice in one object, anywhere in
// the document b (already read whole, so its syntax is sound). Terraform
// merges duplicate keys (two "resource" keys, one resource type twice:
// Terraform applies the resources of both), where encoding/json keeps the
// last one only: a pull request could hide resources from the report
// behind a duplicate. One pass over the tokens, with the keys of each open
// object in a map: linear in the size of b.
func noDuplicateKeys(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	// One frame per open object or array; keys is nil for an array.
	// wantKey: the object's next token is a key or its closing }.
	type frame struct {
		keys    map[string]int64
		wantKey bool
	}
	var stack []frame
	for {
		off := dec.InputOffset()
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if n := len(stack); n > 0 && stack[n-1].keys != nil && stack[n-1].wantKey {
			top := &stack[n-1]
			if tok == json.Delim('}') {
				stack = stack[:n-1]
				continue
			}
			// The key starts after the blanks and the comma before it.
			for off < int64(len(b)) && strings.IndexByte(" \t\r\n,", b[off]) >= 0 {
				off++
			}
			key, _ := tok.(string) // the Decoder allows only strings here
			if first, dup := top.keys[key]; dup {
				line, col := lineCol(b, off)
				fl, fc := lineCol(b, first)
				return fmt.Errorf("line %d, column %d: key %s appears twice in one object (first at line %d, column %d): Terraform merges both, and this review would read only one; write each key once",
					line, col, quoteShort(key), fl, fc)
			}
			top.keys[key] = off
			top.wantKey = false
			continue
		}
		// A value: it ends the member of the object it is in.
		if n := len(stack); n > 0 && stack[n-1].keys != nil {
			stack[n-1].wantKey = true
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, frame{keys: map[string]int64{}, wantKey: true})
		case json.Delim('['):
			stack = append(stack, frame{})
		case json.Delim(']'):
			stack = stack[:len(stack)-1]
		}
	}
}

// quoteShort is %q of s, cut to its first 40 characters when longer, so
// that a key of a megabyte makes a one-line message.
func quoteShort(s string) string {
	if r := []rune(s); len(r) > 40 {
		return fmt.Sprintf("%q… (%d characters)", string(r[:40]), len(r))
	}
	return strconv.Quote(s)
}

func goKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Map, reflect.Struct:
		return "an object"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	}
	return "a number"
}

func orTop(field string) string {
	if field == "" {
		return "the document"
	}
	return field
}

// lineCol is the 1-based line and column of the byte at pos.
func lineCol(b []byte, pos int64) (line, col int) {
	pos = min(max(pos, 0), int64(len(b)))
	before := b[:pos]
	line = bytes.Count(before, []byte("\n")) + 1
	col = int(pos) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}

// Object is v as a JSON object; absent (nil) is an empty one. Any other
// value is an error that names where, such as "resource.aws_vpc".
func Object(v any, where string) (map[string]any, error) {
	switch o := v.(type) {
	case nil:
		return map[string]any{}, nil
	case map[string]any:
		return o, nil
	}
	return nil, fmt.Errorf("%s: a JSON object was expected, not %s", where, jsonKind(v))
}

// Objects is v as Terraform JSON writes blocks: an object, or a list of
// objects; absent (nil) is none. Any other value is an error that names
// where.
func Objects(v any, where string) ([]map[string]any, error) {
	switch o := v.(type) {
	case nil:
		return nil, nil
	case map[string]any:
		return []map[string]any{o}, nil
	case []any:
		out := make([]map[string]any, len(o))
		for i, x := range o {
			m, ok := x.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("%s[%d]: a JSON object was expected, not %s", where, i, jsonKind(x))
			}
			out[i] = m
		}
		return out, nil
	}
	return nil, fmt.Errorf("%s: a JSON object or a list of objects was expected, not %s", where, jsonKind(v))
}

func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case json.Number, float64:
		return "a number"
	case bool:
		return "a boolean"
	case []any:
		return "a list"
	}
	return "an object"
}

// SortedKeys is the keys of m, sorted.
func SortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Names of one type, sorted.
func (s *Stack) Names(tfType string) []string { return SortedKeys(s.Resources[tfType]) }

// Get is one resource's attributes, or nil.
func (s *Stack) Get(tfType, name string) map[string]any { return s.Resources[tfType][name] }

// Count is the number of resources in the stack.
func (s *Stack) Count() int {
	n := 0
	for _, byName := range s.Resources {
		n += len(byName)
	}
	return n
}

var refRe = regexp.MustCompile(`^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)\}$`)

// Ref splits "${aws_subnet.x.id}" into type, name and attribute.
func Ref(v any) (tfType, name, attr string, ok bool) {
	s, _ := v.(string)
	m := refRe.FindStringSubmatch(s)
	if m == nil {
		return "", "", "", false
	}
	return m[1], m[2], m[3], true
}

var endpointDNSRe = regexp.MustCompile(`^\$\{aws_vpc_endpoint\.([A-Za-z0-9_-]+)\.dns_entry\[0\]\.dns_name\}$`)

// EndpointDNS is the name of the endpoint whose regional DNS name a record
// answers with ("${aws_vpc_endpoint.x.dns_entry[0].dns_name}", the
// provider's first DNS entry): x.
func EndpointDNS(v any) (string, bool) {
	s, _ := v.(string)
	m := endpointDNSRe.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	return m[1], true
}

// Str is m[k] when it is a string; "" otherwise.
func Str(m map[string]any, k string) string {
	v, _ := m[k].(string)
	return v
}

// Scalar is a string, number or boolean as written; "" for anything else.
func Scalar(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	case float64, bool:
		return fmt.Sprint(x)
	}
	return ""
}

// List is m[k] when it is a JSON list; nil otherwise.
func List(m map[string]any, k string) []any {
	v, _ := m[k].([]any)
	return v
}

var (
	accountID = regexp.MustCompile(`^[0-9]{12}$`)
	roleARN   = regexp.MustCompile(`^arn:[a-z-]+:iam::([0-9]{12}):role/`)
)

// ProviderAccount is the account an AWS provider block deploys into: the
// one it allows, or the one of the role it assumes; "" when it names
// neither, and a fact when what it names cannot be read as one account.
func ProviderAccount(p map[string]any) (string, string) {
	allowed := ""
	// Null and an empty list are Terraform's "not set".
	if v, ok := p["allowed_account_ids"]; ok && v != nil && !isEmptyList(v) {
		ids, _ := v.([]any)
		if len(ids) != 1 {
			return "", "the provider allows several accounts, or names them by an expression"
		}
		a := Scalar(ids[0])
		if !accountID.MatchString(a) {
			return "", "the provider's allowed account is not a 12-digit account ID"
		}
		allowed = a
	}
	if v, ok := p["assume_role"]; ok && v != nil && !isEmptyList(v) {
		roles, _ := v.([]any)
		if m, ok := v.(map[string]any); ok {
			roles = []any{m}
		}
		role := ""
		if len(roles) == 1 {
			if m, ok := roles[0].(map[string]any); ok {
				role, _ = m["role_arn"].(string)
			}
		}
		g := roleARN.FindStringSubmatch(role)
		switch {
		case g == nil:
			return "", "the provider assumes a role whose account cannot be read"
		case allowed != "" && g[1] != allowed:
			return "", "the provider allows account " + allowed + " and assumes a role of account " + g[1]
		}
		return g[1], ""
	}
	return allowed, ""
}

func isEmptyList(v any) bool {
	l, ok := v.([]any)
	return ok && len(l) == 0
}
