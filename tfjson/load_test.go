package tfjson

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const tinyStack = `{"provider":{"aws":[{"region":"us-east-1"}]},"resource":{"aws_vpc":{"net":{"cidr_block":"10.0.0.0/16"}}}}`

// outdir writes a cdktf output directory: manifest.json listing stacks
// (name -> synthesizedStackPath) and the files given (path -> content).
func outdir(t *testing.T, dir string, stacks map[string]string, files map[string]string) string {
	t.Helper()
	if dir == "" {
		dir = t.TempDir()
	}
	m := map[string]any{}
	for name, p := range stacks {
		m[name] = map[string]any{"name": name, "synthesizedStackPath": p, "workingDirectory": filepath.ToSlash(filepath.Dir(p))}
	}
	b, _ := json.Marshal(map[string]any{"stacks": m})
	files["manifest.json"] = string(b)
	for p, content := range files {
		if content == "" {
			continue
		}
		f := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func loadErr(t *testing.T, dir string) string {
	t.Helper()
	_, err := Load(dir)
	if err == nil {
		t.Fatalf("Load(%s) accepted it", dir)
	}
	return err.Error()
}

func wantErr(t *testing.T, got string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(got, p) {
			t.Errorf("error %q lacks %q", got, p)
		}
	}
}

// The stacks come from manifest.json: a folder left by an older synth is
// not reported. The directory's name is a name, not a glob pattern.
func TestLoadReadsTheManifest(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out*[x]?")
	outdir(t, dir, map[string]string{"b": "stacks/b/cdk.tf.json", "a": "stacks/a/cdk.tf.json"}, map[string]string{
		"stacks/a/cdk.tf.json":     tinyStack,
		"stacks/b/cdk.tf.json":     tinyStack,
		"stacks/stale/cdk.tf.json": tinyStack,
		"stacks/b/extra.tf":        `resource "aws_vpc" "x" {}`,
	})
	stacks, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(stacks) != 2 || stacks[0].Name != "a" || stacks[1].Name != "b" || stacks[0].Region != "us-east-1" {
		t.Fatalf("loaded %d stacks: %+v", len(stacks), stacks)
	}
	if got := strings.Join(stacks[1].NotReviewed, "\n"); got != "stacks/b/extra.tf: Terraform also loads this file, and this report does not read it" {
		t.Errorf("not reviewed: %q", got)
	}
}

func TestLoadRefusesBadDirectories(t *testing.T) {
	tmp := t.TempDir()
	wantErr(t, loadErr(t, filepath.Join(tmp, "missing")), "missing does not exist (run make synth first")
	f := filepath.Join(tmp, "file")
	os.WriteFile(f, nil, 0o644)
	wantErr(t, loadErr(t, f), "file is not a directory (pass -out with the synthesized output directory")
	wantErr(t, loadErr(t, tmp), tmp+" has no manifest.json (run make synth first")

	os.WriteFile(filepath.Join(tmp, "manifest.json"), []byte("{\n  \"stacks\": {,}\n}"), 0o644)
	wantErr(t, loadErr(t, tmp), filepath.Join(tmp, "manifest.json")+": line 2, column 14: invalid character ','")
	os.WriteFile(filepath.Join(tmp, "manifest.json"), []byte(`{"stacks":{}}`), 0o644)
	wantErr(t, loadErr(t, tmp), "manifest.json lists no stacks")
	os.WriteFile(filepath.Join(tmp, "manifest.json"), []byte(`{"stacks":[]}`), 0o644)
	wantErr(t, loadErr(t, tmp), "manifest.json: line 1, column 11: stacks is a JSON array, where an object was expected")
}

// The manifest's paths are untrusted too.
func TestLoadRefusesPathsOutOfTheTree(t *testing.T) {
	for p, want := range map[string]string{
		"/etc/passwd":                "manifest.json: stack \"a\": synthesizedStackPath \"/etc/passwd\" is absolute; it must be relative to the output directory",
		"../elsewhere/cdk.tf.json":   "synthesizedStackPath \"../elsewhere/cdk.tf.json\" leaves the output directory; it must stay inside it (no ..)",
		"stacks/../../x/cdk.tf.json": "leaves the output directory",
		"stacks/a/cdk.tf":            "was synthesized as HCL (stacks/a/cdk.tf): the review reads Terraform JSON only (synthesize without -hcl",
		"stacks/a/notes.txt":         "synthesizedStackPath \"stacks/a/notes.txt\" is not a .tf.json file",
		"stacks/a/missing.tf.json":   "stacks/a/missing.tf.json: no such file or directory (synthesize again with make synth)",
	} {
		dir := outdir(t, "", map[string]string{"a": p}, map[string]string{})
		wantErr(t, loadErr(t, dir), want)
	}
	dir := outdir(t, "", map[string]string{"a": ""}, map[string]string{})
	wantErr(t, loadErr(t, dir), `stack "a": synthesizedStackPath is empty`)
}

// Bad JSON is an error that names the file and where, never a panic.
func TestLoadNamesBadJSON(t *testing.T) {
	for content, want := range map[string]string{
		tinyStack + "\n{}":                       "cdk.tf.json: line 2, column 1: data after the JSON document",
		"":                                       "cdk.tf.json: the JSON ends early (empty or truncated file)",
		`{"resource":{"aws_vpc":{"x":"str"}}}`:   `cdk.tf.json: resource.aws_vpc["x"]: a JSON object or a list of objects was expected, not a string`,
		`{"resource":{"aws_vpc":{"x":[{},{}]}}}`: `resource.aws_vpc["x"]: 2 blocks for one resource (Terraform JSON allows one)`,
		`{"resource":{"aws_vpc":[1]}}`:           "resource.aws_vpc: a JSON object was expected, not a list",
		`{"provider":{"aws":"x"}}`:               "provider.aws: a JSON object or a list of objects was expected, not a string",
		`{"provider":{"aws":[1]}}`:               "provider.aws[0]: a JSON object was expected, not a number",
		`[]`:                                     "line 1, column 1: the document is a JSON array, where an object was expected",
		`null`:                                   "the document is null, not a Terraform JSON object",
		strings.Repeat("[", 20000):               "exceeded max depth",
		`{"resource":{"aws_vpc":{"x":{"a":1e400}}}}`: "",
	} {
		dir := outdir(t, "", map[string]string{"a": "stacks/a/cdk.tf.json"}, map[string]string{"stacks/a/cdk.tf.json": content})
		if content == "" {
			os.MkdirAll(filepath.Join(dir, "stacks", "a"), 0o755)
			os.WriteFile(filepath.Join(dir, "stacks", "a", "cdk.tf.json"), nil, 0o644)
		}
		_, err := Load(dir)
		switch {
		case want == "" && err != nil:
			t.Errorf("%.40s: %v", content, err)
		case want != "":
			if err == nil {
				t.Errorf("%.40s: accepted", content)
				continue
			}
			wantErr(t, err.Error(), want)
		}
	}
}

// A key written twice in one object, anywhere, is refused with where both
// are: Terraform merges them (it applies the resources of both "resource"
// keys), encoding/json keeps the last, so the report would show less than
// Terraform applies.
func TestDuplicateKeysAreRefused(t *testing.T) {
	for doc, want := range map[string]string{
		// Two "resource" keys: the report read only the second, and did
		// not show the instance.
		"{\"resource\": {\"aws_instance\": {\"hidden\": {}}},\n \"resource\": {\"aws_vpc\": {\"net\": {}}}}": `line 2, column 2: key "resource" appears twice in one object (first at line 1, column 2)`,
		// One resource type twice.
		`{"resource":{"aws_vpc":{"a":{}},"aws_vpc":{"b":{}}}}`: `line 1, column 33: key "aws_vpc" appears twice in one object (first at line 1, column 14)`,
		// Deep in a list, and written with an escape.
		`{"resource":{"aws_vpc":{"a":[{"tags":{"x":"1", "\u0078":"2"}}]}}}`:                 `line 1, column 48: key "x" appears twice`,
		`{"data":{"external":{"x":{}}}, "data":{}}`:                                         `key "data" appears twice`,
		`{"provider":{"aws":[{"region":"a","region":"b"}]}}`:                                `line 1, column 35: key "region" appears twice`,
		`{"a":{"` + strings.Repeat("k", 100) + `":1,"` + strings.Repeat("k", 100) + `":2}}`: `key "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"… (100 characters) appears twice`,
	} {
		_, err := Parse("s", []byte(doc))
		if err == nil {
			t.Errorf("%.60s: accepted", doc)
			continue
		}
		wantErr(t, err.Error(), want)
	}
	// The same key in two objects, or as a value, is no duplicate.
	for _, doc := range []string{
		`{"resource":{"aws_vpc":{"a":{"tags":{"x":"x"}},"b":{"tags":{"x":"x"}}}}}`,
		`{"resource":{"aws_vpc":{"a":{"l":[{"x":1},{"x":2}],"x":{"x":{}}}}}}`,
		`{"locals":{}, "output":{"resource":{"value":"resource"}}}`,
	} {
		if _, err := Parse("s", []byte(doc)); err != nil {
			t.Errorf("%s: %v", doc, err)
		}
	}
	// manifest.json too: the second listing of a stack would replace
	// the first.
	dir := outdir(t, "", map[string]string{"a": "stacks/a/cdk.tf.json"}, map[string]string{"stacks/a/cdk.tf.json": tinyStack})
	os.WriteFile(filepath.Join(dir, "manifest.json"), []byte(`{"stacks": {
  "a": {"synthesizedStackPath": "stacks/a/cdk.tf.json"},
  "a": {"synthesizedStackPath": "stacks/a/cdk.tf.json"}}}`), 0o644)
	wantErr(t, loadErr(t, dir), "manifest.json: line 3, column 3: key \"a\" appears twice in one object (first at line 2, column 3)")
}

// Resources may be written as a list of one object; an aliased provider
// does not set the region.
func TestParseTerraformJSONForms(t *testing.T) {
	s, err := Parse("s", []byte(`{"provider":{"aws":[{"alias":"east","region":"us-east-1"},{"region":"eu-west-1"}]},
		"resource":{"aws_vpc":{"x":[{"cidr_block":"10.0.0.0/16"}]}},
		"module":{"m":{"source":"./m"}}}`))
	if err != nil {
		t.Fatal(err)
	}
	if s.Region != "eu-west-1" || Str(s.Get("aws_vpc", "x"), "cidr_block") != "10.0.0.0/16" {
		t.Errorf("%+v", s)
	}
	if got := strings.Join(s.NotReviewed, ""); got != `module "m" (source "./m"): its resources are not in this report` {
		t.Errorf("modules: %q", got)
	}
}
