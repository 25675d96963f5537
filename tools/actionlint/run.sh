#!/usr/bin/env bash
# tools/actionlint/run.sh [FILE.yml...]: lints GitHub Actions workflows
# with actionlint (default: the examples docs/ci.md gives, docs/examples/*.yml).
#
# actionlint is built from this folder's module, pinned by its go.sum, so
# the root go.mod stays free of it; the module proxy serves pinned versions
# but no version lists, so `go install m@latest` is refused. The binary is
# cached outside the clone, keyed by go.mod and go.sum. When shellcheck is
# installed, actionlint also checks every run: script with it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

key=$(cat "$here/go.mod" "$here/go.sum" | sha256sum | cut -c1-16)
bin="${PRIVNET_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/privnet}/actionlint-$key"
if [ ! -x "$bin/actionlint" ]; then
  echo "actionlint: building the pinned version into $bin (once per go.sum)"
  mkdir -p "$bin"
  (cd "$here" && go build -o "$bin/" github.com/rhysd/actionlint/cmd/actionlint)
fi

if [ $# -eq 0 ]; then
  set -- "$root"/docs/examples/*.yml
  # docs/ci.md shows the same workflows: each must be one of its yaml blocks.
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  awk -v dir="$tmp" '/^```yaml$/ { n++; f = 1; next } /^```$/ { f = 0 } f { print > (dir "/" n ".yml") }' "$root/docs/ci.md"
  for f in "$@"; do
    found=""
    for b in "$tmp"/*.yml; do cmp -s "$f" "$b" && found=1; done
    [ -n "$found" ] || { echo "actionlint: docs/ci.md does not show ${f#"$root"/} as it is (copy the file into its yaml block)" >&2; exit 1; }
  done
fi
command -v shellcheck >/dev/null || echo "actionlint: shellcheck not found: run: scripts are not checked (apt-get install shellcheck)"
"$bin/actionlint" "$@"
echo "actionlint: $# workflow(s) pass ($("$bin/actionlint" -version | head -n 1))"
