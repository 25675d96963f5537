#!/usr/bin/env bash
# tools/mermaid/check.sh [-o DIR] [FILE.md...]: renders every ```mermaid
# block of the given Markdown files the way GitHub would (Mermaid in a
# browser), and fails on any block that does not parse or that GitHub would
# not draw. With no file: docs/review-example.md and the review report of
# hostile names (review/hostile_test.go writes it). -o DIR keeps a PNG of
# every block there, to look at.
#
# Needs Node.js 20+ and Chromium (Debian: apt-get install chromium; or set
# PRIVNET_CHROMIUM). mermaid-cli is pinned in tools/mermaid/package-lock.json
# and installed here on first use with PUPPETEER_SKIP_DOWNLOAD=1: puppeteer
# drives the system's Chromium and downloads no browser.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

keep=""
if [ "${1:-}" = "-o" ]; then
  keep=$(mkdir -p "$2" && cd "$2" && pwd)
  shift 2
fi

chromium=${PRIVNET_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  echo "mermaid: no Chromium at $chromium (apt-get install chromium, or set PRIVNET_CHROMIUM)" >&2
  exit 2
fi
mmdc="$here/node_modules/.bin/mmdc"
stamp="$here/node_modules/.privnet-package-lock.json"
if [ ! -x "$mmdc" ] || ! cmp -s "$here/package-lock.json" "$stamp"; then
  echo "mermaid: installing the pinned @mermaid-js/mermaid-cli into tools/mermaid/node_modules"
  (cd "$here" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  cp "$here/package-lock.json" "$stamp"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# As GitHub: the browser sandbox is Chromium's own (--no-sandbox: CI runs
# as root in a container); Mermaid's defaults (securityLevel strict,
# maxTextSize 50000, maxEdges 500).
printf '{"executablePath": "%s", "args": ["--no-sandbox"]}\n' "$chromium" >"$tmp/puppeteer.json"

files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  (cd "$root" && PRIVNET_HOSTILE_REPORT="$tmp/hostile-names.md" go test ./review/ -run '^TestHostileNames$' -count=1 >/dev/null)
  files=("$root/docs/review-example.md" "$tmp/hostile-names.md")
fi

failed=0 blocks=0
line() { local l; l=$(basename "$1" .mmd); echo $((10#${l#block-})); }
for f in "${files[@]}"; do
  [ -f "$f" ] || { echo "mermaid: $f: no such file" >&2; exit 2; }
  name=$(basename "$f" .md)
  # One .mmd per block, named by the line its fence starts on.
  rm -f "$tmp"/block-*.mmd
  awk -v dir="$tmp" '
    /^```mermaid[[:space:]]*$/ { out = sprintf("%s/block-%06d.mmd", dir, NR + 1); inside = 1; next }
    inside && /^```[[:space:]]*$/ { close(out); inside = 0; next }
    inside { print > out }
    END { if (inside) { print FILENAME ": a mermaid block is not closed" > "/dev/stderr"; exit 1 } }
  ' "$f"
  shopt -s nullglob
  mmds=("$tmp"/block-*.mmd)
  shopt -u nullglob
  if [ ${#mmds[@]} -eq 0 ]; then
    echo "mermaid: $f has no mermaid block" >&2
    failed=$((failed + 1))
    continue
  fi
  for mmd in "${mmds[@]}"; do
    blocks=$((blocks + 1))
    # Above maxTextSize Mermaid draws an error box instead of failing.
    if [ "$(wc -c <"$mmd")" -gt 50000 ]; then
      echo "mermaid: $f:$(line "$mmd"): the block is over 50,000 characters; GitHub shows an error instead" >&2
      failed=$((failed + 1))
    fi
  done
  # All blocks of a file in one browser; on a failure, one by one to name
  # the block.
  dir="$tmp/render"; rm -rf "$dir"; mkdir -p "$dir"
  ext=svg; [ -n "$keep" ] && dir=$keep ext=png
  if ! "$mmdc" --quiet -p "$tmp/puppeteer.json" -i "$f" -o "$dir/$name.md" -e "$ext" >"$tmp/log" 2>&1; then
    for mmd in "${mmds[@]}"; do
      if ! log=$("$mmdc" --quiet -p "$tmp/puppeteer.json" -i "$mmd" -o "$tmp/one.svg" 2>&1); then
        echo "mermaid: $f:$(line "$mmd"): does not render:" >&2
        echo "$log" | grep -v '^    at ' >&2
        failed=$((failed + 1))
      fi
    done
  fi
  rm -f "$dir/$name.md"
done
if [ "$failed" -gt 0 ]; then
  echo "mermaid: $failed of $blocks block(s) failed" >&2
  exit 1
fi
echo "mermaid: $blocks block(s) in ${#files[@]} file(s) render${keep:+ (PNGs in $keep)}"
