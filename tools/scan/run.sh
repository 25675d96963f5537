#!/usr/bin/env bash
# make scan: build the pinned scanners once, then scan every synthesized
# stack. Exits non-zero on any finding that .trivyignore-tfjson does not
# accept with a reason.
#
# The scanners are built from this folder's module (go.sum pins them): the
# module proxy serves pinned versions but no version lists, so `go install
# m@v` is refused. The binaries are cached outside the clone, keyed by
# go.mod and go.sum, so fresh clones on one machine build them once.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

key=$(cat tools/scan/go.mod tools/scan/go.sum | sha256sum | cut -c1-16)
bin="${PRIVNET_SCAN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/privnet/scan-$key}"
if [ ! -x "$bin/trivy" ] || [ ! -x "$bin/tflint" ] || [ ! -x "$bin/plugins/tflint-ruleset-aws" ]; then
  echo "scan: building trivy, tflint and tflint-ruleset-aws into $bin (once per go.sum)"
  start=$SECONDS
  mkdir -p "$bin/plugins"
  (cd tools/scan && go build -o "$bin/" github.com/aquasecurity/trivy/cmd/trivy github.com/terraform-linters/tflint \
    && go build -o "$bin/plugins/" github.com/terraform-linters/tflint-ruleset-aws)
  echo "scan: built in $((SECONDS - start)) s"
fi
trivy_cache="$bin/trivy-cache"

json=cdktf.out/stacks
hcl=cdktf.out.hcl/stacks
[ -d "$json" ] && [ -d "$hcl" ] || { echo "scan: run make synth and make synth-hcl first" >&2; exit 2; }

failed=0 stacks=0
for dir in "$json"/*/; do
  stack=$(basename "$dir")
  stacks=$((stacks + 1))
  out=$(cd "$dir" && TFLINT_PLUGIN_DIR="$bin/plugins" "$bin/tflint" --config "$root/.tflint.hcl" --format compact 2>&1) || {
    echo "tflint $stack:"; echo "$out"; failed=$((failed + 1)); }
  for kind in json hcl; do
    target="$json/$stack" ignore=(--ignorefile "$root/.trivyignore-tfjson")
    if [ "$kind" = hcl ]; then target="$hcl/$stack" ignore=(--ignorefile /dev/null); fi
    out=$("$bin/trivy" config --quiet --skip-check-update --cache-dir "$trivy_cache" "${ignore[@]}" \
      --exit-code 1 --format table "$target" 2>&1) || {
      echo "trivy ($kind) $stack:"; echo "$out" | grep -E "AVD-|Failures|FATAL|ERROR" || echo "$out"; failed=$((failed + 1)); }
  done
done
if [ "$failed" -gt 0 ]; then
  echo "scan: $failed failing scan(s) over $stacks stacks"
  exit 1
fi
echo "scan: $stacks stacks, tflint (aws ruleset) and trivy (JSON and HCL): no unaccepted findings"
