package review

import (
	"strings"
	"testing"
)

func TestText(t *testing.T) {
	for in, want := range map[string]string{
		"ssm_ssm_sg":                 "ssm_ssm_sg", // intraword _ cannot emphasize
		"_em_ *b* ~s~ $m$":           `\_em\_ \*b\* \~s\~ \$m\$`,
		"a|b":                        "a&#124;b",
		"old`<!-- x":                 "old\\`&lt;!-- x",
		"<script>&amp;":              "&lt;script&gt;&amp;amp;",
		"[x](y) \\":                  `\[x\](y) \\`,
		"a\nb\r\tc\x00":              "a␊b␍␉c␀",
		"x\u202ey\u200bz\u2028":      "x\uFFFDy\uFFFDz\uFFFD",
		"https://e.com www.e.com":    `https\://e.com www\.e.com`,
		"10.0.0.0/16 us-east-1a 443": "10.0.0.0/16 us-east-1a 443",
		// No mention, no issue reference (a zero-width space breaks them).
		"@acme/security-team":      "@\u200bacme/security-team",
		"@octocat fixes #1":        "@\u200boctocat fixes #\u200b1",
		"gh-2 GH-3 acme/r#4 a@b.c": "gh-\u200b2 GH-\u200b3 acme/r#\u200b4 a@\u200bb.c",
		"x-y high-5":               "x-y high-5",
	} {
		if got := text(in); got != want {
			t.Errorf("text(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCode(t *testing.T) {
	for in, want := range map[string]string{
		"app_sg":      "`app_sg`",
		"a`b":         "``a`b``",
		"a``b`":       "``` a``b` ```",
		"`x":          "`` `x ``",
		" x ":         "`  x  `",
		"a\nb":        "`a␊b`",
		"<!-- x":      "`<!-- x`",
		"":            "(empty)",
		"a|b":         "`a|b`", // cells escapes it in tables
		"```mermaid":  "```` ```mermaid ````",
		"@octocat #1": "`@octocat #1`", // GitHub links nothing in code
	} {
		if got := code(in); got != want {
			t.Errorf("code(%q) = %q, want %q", in, got, want)
		}
	}
	if got := cells("`a|b`", "x"); got != "| `a\\|b` | x |\n" {
		t.Errorf("cells: %q", got)
	}
}

func TestLabel(t *testing.T) {
	for in, want := range map[string]string{
		"instance app":      "instance app",
		"10.0.0.0/16 (x)":   "10.0.0.0/16 (x)",
		`x"]-->y`:           "x#34;#93;--#62;y",
		"a\nclick b call c": "a#9226;click b call c",
		"%%{init: {}}%%":    "#37;#37;#123;init: #123;#125;#125;#37;#37;",
		"#quot; ]]> <b>":    "#35;quot#59; #93;#93;#62; #60;b#62;",
		"`md`":              "#96;md#96;",
		"é":                 "#233;",
	} {
		if got := label(in); got != want {
			t.Errorf("label(%q) = %q, want %q", in, got, want)
		}
	}
}

// Names that clean up to the same id get their own ids: a hostile name
// cannot merge its node with another's.
func TestIDsAreUnique(t *testing.T) {
	r := newIDs()
	a, b, c := r.get("i", "a-b"), r.get("i", "a.b"), r.get("i", "a_b")
	if a != "i_a_b" || b != "i_a_b_2" || c != "i_a_b_3" || r.get("i", "a.b") != b {
		t.Errorf("ids %s %s %s", a, b, c)
	}
	if r.get("i", "a_b_2") == b {
		t.Error("a name equal to another's suffixed id took that id")
	}
	if id := r.get("ep", strings.Repeat("x", 500)); len(id) > 3+maxIDName {
		t.Errorf("id of %d characters", len(id))
	}
	an := newAnchors()
	if x, y := an.get("Stack A"), an.get("stack-a"); x != "stack-stack-a" || y != "stack-stack-a-2" {
		t.Errorf("anchors %s %s", x, y)
	}
	if x := an.get(`"><script>`); x != "stack-script" {
		t.Errorf("anchor %s", x)
	}
}

// No label repeats a word: "endpoint service service", "resource gateway
// gateway" were.
func TestNamedSaysEachWordOnce(t *testing.T) {
	for _, c := range [][3]string{
		{"endpoint service", "service", "endpoint service"},
		{"resource gateway", "gateway", "resource gateway"},
		{"resource gateway", "gateway-b", "resource gateway-b"},
		{"interface endpoint", "endpoint service of another stack", "interface endpoint service of another stack"},
		{"resource endpoint", "server-endpoint", "resource endpoint server-endpoint"},
		{"instance", "app", "instance app"},
		{"NLB", "nlb", "NLB"},
		{"NLB", "service", "NLB service"},
		{"instance", "", "instance "},
	} {
		if got := named(c[0], c[1]); got != c[2] {
			t.Errorf("named(%q, %q) = %q, want %q", c[0], c[1], got, c[2])
		}
	}
	md := Report(golden(t), nil)
	for _, twice := range []string{"service service", "gateway gateway", "endpoint endpoint"} {
		if strings.Contains(md, twice) {
			t.Errorf("the report says %q", twice)
		}
	}
}
