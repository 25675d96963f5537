package stacks

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The configuration is read in two passes, both pure Go. The first walks
// the JSON tokens into a tree of values that remember where they start, so
// that every message can point at line:column, and refuses what
// encoding/json lets through: duplicate keys and data after the document.
// The second fills the typed settings from that tree by exact key:
// encoding/json matches keys case-insensitively even with
// DisallowUnknownFields, so "CIDR" would silently set Cidr.

// value is one JSON value of the configuration.
type value struct {
	off  int    // byte offset where it starts
	kind byte   // '{' object, '[' array, 's' string, 'n' number, 'b' bool, '0' null
	text string // a string's contents, a number as written
	bool bool
	keys []key   // an object's members, in order
	vals []value // an object's member values, or an array's elements
}

type key struct {
	name string
	off  int
}

// member returns the value of an object's key, written exactly so.
func (v *value) member(name string) (*value, bool) {
	for i, k := range v.keys {
		if k.name == name {
			return &v.vals[i], true
		}
	}
	return nil, false
}

// maxDepth bounds nesting: the configuration is three levels deep, and
// anything deeper is a mistake worth a short message, not a long walk.
const maxDepth = 32

// Problem is one thing wrong with a configuration: where (line and column
// when known, and the field path), what, and how to fix it.
type Problem struct {
	Line, Col int    // 1-based; 0 when the problem is the file as a whole
	Field     string // "stacks[2].endpointsPerVpc"; "" for the document
	Problem   string
	Fix       string
}

// ConfigError is every problem found in one configuration file, reported
// together (up to maxProblems of them).
type ConfigError struct {
	File     string
	Problems []Problem
	// More counts problems found beyond maxProblems and not listed.
	More int
}

const maxProblems = 20

func (e *ConfigError) line(p Problem) string {
	var b strings.Builder
	b.WriteString(e.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", p.Line, p.Col)
	}
	b.WriteString(": ")
	if p.Field != "" {
		b.WriteString(p.Field)
		b.WriteString(": ")
	}
	b.WriteString(p.Problem)
	if p.Fix != "" {
		fmt.Fprintf(&b, " (fix: %s)", p.Fix)
	}
	return b.String()
}

// Error is one line per problem, each starting with the file name.
func (e *ConfigError) Error() string {
	if len(e.Problems) == 1 && e.More == 0 {
		return e.line(e.Problems[0])
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d errors in the configuration:", len(e.Problems)+e.More)
	for _, p := range e.Problems {
		b.WriteString("\n  - ")
		b.WriteString(e.line(p))
	}
	if e.More > 0 {
		fmt.Fprintf(&b, "\n  - and %d more", e.More)
	}
	return b.String()
}

// Messages returns each problem's line, in order; tests compare these.
func (e *ConfigError) Messages() []string {
	out := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		out[i] = e.line(p)
	}
	return out
}

// reader collects the problems of one configuration, with positions.
type reader struct {
	file     string
	raw      []byte
	problems []Problem
	more     int
	pos      map[string]int // field path -> offset of its value
	// unknownKeys counts catalog keys not found, for the "did you mean"
	// budget.
	unknownKeys int
}

func newReader(file string, raw []byte) *reader {
	return &reader{file: file, raw: raw, pos: map[string]int{}}
}

// at turns a byte offset into a 1-based line and column (in bytes).
func (r *reader) at(off int) (int, int) {
	if off < 0 {
		return 0, 0
	}
	if off > len(r.raw) {
		off = len(r.raw)
	}
	before := r.raw[:off]
	line := 1 + bytes.Count(before, []byte{'\n'})
	col := off - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}

// fail records a problem at byte offset off (-1: the file as a whole).
func (r *reader) fail(off int, field, problem, fix string) {
	if len(r.problems) >= maxProblems {
		r.more++
		return
	}
	line, col := r.at(off)
	r.problems = append(r.problems, Problem{Line: line, Col: col, Field: field, Problem: problem, Fix: fix})
}

func (r *reader) err() error {
	if len(r.problems) == 0 {
		return nil
	}
	return &ConfigError{File: r.file, Problems: r.problems, More: r.more}
}

// document reads the one JSON value of the file; nil when it is broken
// (the problem is recorded).
func (r *reader) document() *value {
	if len(bytes.TrimSpace(r.raw)) == 0 {
		r.fail(-1, "", "the file is empty", `write {"stacks": [...]} as in stacks/default.json`)
		return nil
	}
	// Unmarshal checks the whole input, trailing data included, and its
	// syntax errors carry exact offsets (a Decoder's are relative to its
	// buffer).
	var whole json.RawMessage
	if err := json.Unmarshal(r.raw, &whole); err != nil {
		var se *json.SyntaxError
		switch {
		case !errors.As(err, &se):
			r.fail(-1, "", "cannot read JSON: "+err.Error(), "")
		case strings.Contains(se.Error(), "after top-level value"):
			r.fail(int(se.Offset)-1, "", "data after the end of the configuration document", "keep exactly one JSON object in the file")
		case strings.Contains(se.Error(), "unexpected end"):
			r.fail(len(r.raw), "", "the document ends before it is complete", "close every { and [ and string")
		default:
			r.fail(max(int(se.Offset)-1, 0), "", "JSON syntax error: "+se.Error(), "")
		}
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(r.raw))
	dec.UseNumber()
	w := walker{r: r, dec: dec}
	doc, ok := w.value("", 0)
	if !ok {
		return nil
	}
	return &doc
}

type walker struct {
	r   *reader
	dec *json.Decoder
}

// next returns the next token and the offset where it starts.
func (w *walker) next() (json.Token, int, error) {
	off := int(w.dec.InputOffset())
	tok, err := w.dec.Token()
	for off < len(w.r.raw) && strings.IndexByte(" \t\r\n,:", w.r.raw[off]) >= 0 {
		off++
	}
	return tok, off, err
}

// broken records a token error. The document was checked whole before the
// walk, so this is only a safety net.
func (w *walker) broken(err error, off int) {
	w.r.fail(off, "", "cannot read JSON: "+err.Error(), "")
}

func (w *walker) value(path string, depth int) (value, bool) {
	tok, off, err := w.next()
	if err != nil {
		w.broken(err, off)
		return value{}, false
	}
	return w.valueFrom(tok, off, path, depth)
}

func (w *walker) valueFrom(tok json.Token, off int, path string, depth int) (value, bool) {
	v := value{off: off}
	switch t := tok.(type) {
	case json.Delim:
		if depth >= maxDepth {
			w.r.fail(off, path, fmt.Sprintf("values are nested more than %d levels deep", maxDepth), "the configuration is three levels deep: an object of stacks, each an object")
			return v, false
		}
		if t == '[' {
			v.kind = '['
			for {
				tok, eoff, err := w.next()
				if err != nil {
					w.broken(err, eoff)
					return v, false
				}
				if d, ok := tok.(json.Delim); ok && d == ']' {
					return v, true
				}
				e, ok := w.valueFrom(tok, eoff, fmt.Sprintf("%s[%d]", path, len(v.vals)), depth+1)
				if !ok {
					return v, false
				}
				v.vals = append(v.vals, e)
			}
		}
		v.kind = '{'
		first := map[string]int{}
		for {
			tok, koff, err := w.next()
			if err != nil {
				w.broken(err, koff)
				return v, false
			}
			if d, ok := tok.(json.Delim); ok && d == '}' {
				return v, true
			}
			name := tok.(string) // the Decoder allows only strings as keys
			if prev, dup := first[name]; dup {
				line, col := w.r.at(prev)
				w.r.fail(koff, path, fmt.Sprintf("key %s appears twice in this object (first at line %d, column %d)", quote(name), line, col),
					"keep one; JSON readers disagree on which one wins")
			} else {
				first[name] = koff
			}
			m, ok := w.value(join(path, name), depth+1)
			if !ok {
				return v, false
			}
			v.keys = append(v.keys, key{name, koff})
			v.vals = append(v.vals, m)
		}
	case string:
		v.kind, v.text = 's', t
	case json.Number:
		v.kind, v.text = 'n', string(t)
	case bool:
		v.kind, v.bool = 'b', t
	case nil:
		v.kind = '0'
	}
	return v, true
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// describe names a value for a type error.
func describe(v *value) string {
	switch v.kind {
	case '{':
		return "an object"
	case '[':
		return "a list"
	case 's':
		return "the string " + quote(v.text)
	case 'n':
		return "the number " + short(v.text)
	case 'b':
		return strconv.FormatBool(v.bool)
	}
	return "null"
}

// quote is %q of s, cut short when long, so that a 10,000-character value
// makes a one-line message that still says how long it was.
func quote(s string) string {
	const keep = 32
	if len(s) <= keep+8 {
		return strconv.Quote(s)
	}
	cut := keep
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return fmt.Sprintf("%s… (%d characters)", strconv.Quote(s[:cut]), utf8.RuneCountInString(s))
}

// short is a number as written, cut short when long.
func short(s string) string {
	if len(s) <= 40 {
		return s
	}
	return fmt.Sprintf("%s… (%d characters)", s[:32], len(s))
}

// fields lists the JSON keys of a settings struct, in field order, with the
// index of each field.
func fields(t reflect.Type) ([]string, map[string]int) {
	var names []string
	index := map[string]int{}
	for i := 0; i < t.NumField(); i++ {
		tag, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if tag == "" || tag == "-" || !t.Field(i).IsExported() {
			continue
		}
		names = append(names, tag)
		index[tag] = i
	}
	return names, index
}

// fill sets the struct that into points at from an object, by exact key.
// Keys in skip were read already by the caller. label says, in messages,
// which kind of entry this is.
func (r *reader) fill(v *value, into any, path, label string, skip ...string) bool {
	before := len(r.problems) + r.more
	rv := reflect.ValueOf(into).Elem()
	names, index := fields(rv.Type())
	for i, k := range v.keys {
		if contains(skip, k.name) {
			continue
		}
		f, ok := index[k.name]
		if !ok {
			r.unknownKey(k, path, label, names)
			continue
		}
		r.set(&v.vals[i], rv.Field(f), join(path, k.name))
	}
	return len(r.problems)+r.more == before
}

func (r *reader) unknownKey(k key, path, label string, known []string) {
	for _, n := range known {
		if strings.EqualFold(n, k.name) {
			r.fail(k.off, path, fmt.Sprintf("key %s must be written %q: keys are case-sensitive", quote(k.name), n), "")
			return
		}
	}
	r.fail(k.off, path, fmt.Sprintf("unknown key %s %s", quote(k.name), label), "use "+strings.Join(known, ", "))
}

// set fills one field from a value, refusing any type but the field's.
func (r *reader) set(v *value, f reflect.Value, path string) {
	r.pos[path] = v.off
	switch f.Kind() {
	case reflect.String:
		if v.kind != 's' {
			r.fail(v.off, path, "want a string, got "+describe(v), "")
			return
		}
		f.SetString(v.text)
	case reflect.Int:
		if v.kind != 'n' {
			r.fail(v.off, path, "want a whole number, got "+describe(v), "")
			return
		}
		n, err := strconv.ParseInt(v.text, 10, 32)
		if err != nil {
			if errors.Is(err, strconv.ErrRange) {
				r.fail(v.off, path, short(v.text)+" is too large", "")
			} else {
				r.fail(v.off, path, short(v.text)+" is not a whole number", "write digits only, like 2")
			}
			return
		}
		f.SetInt(n)
	case reflect.Bool:
		if v.kind != 'b' {
			r.fail(v.off, path, "want true or false, got "+describe(v), "")
			return
		}
		f.SetBool(v.bool)
	case reflect.Slice:
		if v.kind != '[' {
			r.fail(v.off, path, "want a list, got "+describe(v), "")
			return
		}
		s := reflect.MakeSlice(f.Type(), len(v.vals), len(v.vals))
		for i := range v.vals {
			r.set(&v.vals[i], s.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
		f.Set(s)
	default:
		panic("stacks: settings field of unsupported type " + f.Type().String())
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// sortedKeys returns a map's keys, sorted.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
