package review

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// Everything the report prints from a cdk.tf.json is untrusted: a pull
// request's author chooses resource names, tags, CIDR strings, service
// names and descriptions. Every such string goes through one of these
// helpers, by where it lands:
//
//   - text: Markdown text (a table cell, a list item, a heading, a link's text);
//   - code: a Markdown code span;
//   - cells: one table row, whose cells are text or code;
//   - label: a quoted Mermaid label;
//   - ids.get and anchors.get: Mermaid node ids and HTML anchors, built from
//     names but made only of [A-Za-z0-9_-] and unique per diagram or report.
//
// None of them lets a string end a line, open raw HTML or a comment, close
// a code span or a label, split a table cell, or start a Mermaid statement.
//
// Nor does text let a string mention anyone or link an issue: the report
// is posted as a comment by a bot, and GitHub finds @user, @org/team,
// #123, GH-123 and owner/repo#123 in the rendered HTML's text, where an
// entity or a backslash is already gone. text puts a zero-width space
// (U+200B) after every @, after every # and after the - of GH-, so
// "@acme/security-team" pings no one and "fixes #1" links nothing, while
// reading the same. Code spans are left as written: GitHub links neither
// mentions nor references inside them. (A zero-width space in the JSON
// itself is shown as U+FFFD, see visible, so the ones in the report are
// all text's.)

// visible replaces characters that would break a line or hide text:
// control characters become their Unicode control pictures (a newline
// shows as ␊), and format characters (bidirectional overrides, zero-width
// spaces), line and paragraph separators become U+FFFD.
func visible(r rune) rune {
	switch {
	case r < 0x20:
		return 0x2400 + r
	case r == 0x7f:
		return 0x2421
	case unicode.IsControl(r), unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp):
		return unicode.ReplacementChar
	}
	return r
}

// text escapes s for Markdown text: HTML's special characters become
// entities (no raw HTML, no comment), | becomes an entity (no table split),
// and Markdown's inline punctuation is backslash-escaped (no code span,
// link, emphasis, strikethrough or math). An underscore between two
// letters or digits stays as it is, since it cannot start emphasis there
// (ssm_ssm_sg reads as written). URLs are not made links either, nor
// mentions and issue references (see the top of this file).
func text(s string) string {
	var b strings.Builder
	rs := []rune(s)
	alnum := func(i int) bool {
		return i >= 0 && i < len(rs) && rs[i] < 0x80 && (unicode.IsLetter(rs[i]) || unicode.IsDigit(rs[i]))
	}
	for i, r := range rs {
		switch r = visible(r); r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '|':
			b.WriteString("&#124;")
		case '\\', '`', '*', '[', ']', '~', '$':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '_':
			if !alnum(i-1) || !alnum(i+1) {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		case '@', '#':
			// No mention, no issue reference: @\u200bacme, #\u200b1.
			b.WriteRune(r)
			b.WriteRune(zeroWidthSpace)
		case '-':
			// GH-1 is an issue reference too (high-5 is not).
			b.WriteRune(r)
			if i >= 2 && (rs[i-1] == 'H' || rs[i-1] == 'h') && (rs[i-2] == 'G' || rs[i-2] == 'g') && !alnum(i-3) {
				b.WriteRune(zeroWidthSpace)
			}
		case ':', '.':
			// No autolink: GFM links https://… and www.… in text, but
			// not https\://… or www\.…
			if (r == ':' && i+2 < len(rs) && rs[i+1] == '/' && rs[i+2] == '/') || (r == '.' && i >= 3 && strings.EqualFold(string(rs[i-3:i]), "www")) {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// zeroWidthSpace breaks a mention or an issue reference without showing.
const zeroWidthSpace = '\u200b'

// code is s as a Markdown code span: fenced by one more backtick than the
// longest run inside, padded when s starts or ends with a backtick or a
// space (CommonMark strips one space on each side), with control
// characters made visible (a code span cannot hold a line break). A code
// span's content is literal: <!-- or <script> inside it is text. In a
// table, cells escapes the | that a code span may hold.
func code(s string) string {
	if s == "" {
		return "(empty)"
	}
	s = strings.Map(visible, s)
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") || (strings.HasPrefix(s, " ") && strings.HasSuffix(s, " ")) {
		s = " " + s + " "
	}
	return fence + s + fence
}

// codes is each of ss as a code span, joined by ", "; "—" when there are none.
func codes(ss []string) string {
	if len(ss) == 0 {
		return "—"
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = code(s)
	}
	return strings.Join(out, ", ")
}

// texts is each of ss as text, joined by ", ".
func texts(ss []string) string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = text(s)
	}
	return strings.Join(out, ", ")
}

// cells is one Markdown table row. The cells are already text or code;
// a | left in one can only be inside a code span, and GFM reads \| there
// as a | that does not end the cell.
func cells(cs ...string) string {
	for i, c := range cs {
		cs[i] = strings.ReplaceAll(c, "|", `\|`)
	}
	return "| " + strings.Join(cs, " | ") + " |\n"
}

// label escapes s for a quoted Mermaid label ("…"): letters, digits, space
// and -._/:,()+=@ stay; every other character becomes Mermaid's entity
// code #<decimal>; — so " cannot end the label, % cannot open a %%{init}%%
// directive, # cannot fake an entity, < > & cannot make HTML, and a
// newline (a control picture here) cannot start a click statement.
func label(s string) string {
	var b strings.Builder
	for _, r := range s {
		r = visible(r)
		switch {
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)), strings.ContainsRune(" -._/:,()+=@", r):
			b.WriteRune(r)
		default:
			fmt.Fprintf(&b, "#%d;", r)
		}
	}
	return b.String()
}

var notIDChar = regexp.MustCompile(`[^A-Za-z0-9_]+`)

// ids gives each (kind, name) a Mermaid node id made of letters, digits
// and underscores, readable (ep_kinesis_streams) and unique within one
// diagram: two names that clean up to the same id (a-b, a.b) get _2, _3
// in the order they are first asked for, so a resource cannot merge its
// node with another's.
type ids struct {
	byKey map[string]string
	used  map[string]bool
	// next is, per base, the suffix to try next (0: the base itself), so
	// that the 10,000th name cleaning up to one id does not try _2 to
	// _10000 again: a-b_c, a_b-c… made the report quadratic.
	next map[string]int
}

func newIDs() *ids {
	return &ids{byKey: map[string]string{}, used: map[string]bool{}, next: map[string]int{}}
}

const maxIDName = 60

func (r *ids) get(kind, name string) string {
	clean := notIDChar.ReplaceAllString(name, "_")
	if len(clean) > maxIDName {
		clean = clean[:maxIDName]
	}
	return r.unique(kind+"\x00"+name, kind+"_"+clean, "_")
}

// unique is key's id: base, or base_2, base_3… (with sep) when another
// key has it. base must be made of letters, digits and underscores (or
// dashes, for anchors), and start with a letter.
func (r *ids) unique(key, base, sep string) string {
	if id, ok := r.byKey[key]; ok {
		return id
	}
	// Every suffix below next[base] is taken (an id, once used, stays
	// used), so the search resumes there. An id base_sep_N can only be
	// skipped by the one base it extends, so all the searches of a
	// report together try each id at most twice: linear.
	n := r.next[base]
	for {
		id := base
		if n > 0 {
			id = base + sep + strconv.Itoa(n)
		}
		n = max(n+1, 2)
		if !r.used[id] {
			r.next[base] = n
			r.byKey[key], r.used[id] = id, true
			return id
		}
	}
}

// anchors gives each stack an HTML anchor (stack-<name>) made of
// lowercase letters, digits and dashes, unique within one report.
type anchors struct{ ids }

func newAnchors() *anchors { return &anchors{*newIDs()} }

var notAnchorChar = regexp.MustCompile(`[^a-z0-9]+`)

func (a *anchors) get(name string) string {
	clean := strings.Trim(notAnchorChar.ReplaceAllString(strings.ToLower(name), "-"), "-")
	if len(clean) > maxIDName {
		clean = clean[:maxIDName]
	}
	return a.unique(name, "stack-"+clean, "-")
}
