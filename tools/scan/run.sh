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

# KICS is a module of its own (tools/scan/kics: its dependencies conflict
# with trivy's). Its queries are not in the binary: they are copied beside
# it from the module, with the similarity-ID transitions it reads from
# ./assets next to itself. The version is stamped, or it says "development".
kkey=$(cat tools/scan/kics/go.mod tools/scan/kics/go.sum tools/scan/kics/gate/main.go | sha256sum | cut -c1-16)
kbin="$(dirname "$bin")/kics-$kkey"
if [ ! -x "$kbin/kics" ] || [ ! -x "$kbin/gate" ] || [ ! -d "$kbin/assets/queries" ]; then
  echo "scan: building KICS into $kbin (once per go.sum)"
  start=$SECONDS
  mkdir -p "$kbin"
  (cd tools/scan/kics \
    && kver=$(go list -m -f '{{.Version}}' github.com/Checkmarx/kics/v2) \
    && go build -o "$kbin/kics" -ldflags "-X github.com/Checkmarx/kics/v2/internal/constants.Version=$kver" github.com/Checkmarx/kics/v2/cmd/console \
    && go build -o "$kbin/gate" ./gate \
    && kdir=$(go list -m -f '{{.Dir}}' github.com/Checkmarx/kics/v2) \
    && rm -rf "$kbin/assets" && mkdir -p "$kbin/assets" \
    && cp -r "$kdir/assets/queries" "$kdir/assets/libraries" "$kdir/assets/similarityID_transition" "$kbin/assets/" \
    && chmod -R u+w "$kbin/assets")
  echo "scan: KICS built in $((SECONDS - start)) s"
fi
(cd tools/scan/kics && go test -count=1 ./gate >/dev/null) || { echo "scan: the KICS gate's own tests fail (cd tools/scan/kics && go test ./gate)" >&2; exit 2; }

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
# KICS, once over every stack's JSON (it reads cdk.tf.json as Terraform).
# Its exit code says the highest severity found (20 to 60); only 126 and
# 130 are its own failures. The gate applies tools/scan/kics-accepted.json.
kout=$(mktemp -d)
trap 'rm -rf "$kout"' EXIT
kexclude=$("$kbin/gate" -accepted tools/scan/kics-accepted.json -exclude-queries)
krc=0
"$kbin/kics" scan -p "$json" --type Terraform --cloud-provider aws \
  -q "$kbin/assets/queries" --libraries-path "$kbin/assets/libraries" \
  ${kexclude:+--exclude-queries "$kexclude"} --disable-secrets \
  --report-formats json -o "$kout" --output-name kics --no-progress --ci --log-level WARN >"$kout/kics.log" 2>&1 || krc=$?
case $krc in
  0|20|30|40|50|60)
    "$kbin/gate" -report "$kout/kics.json" -accepted tools/scan/kics-accepted.json -stacks "$stacks" || failed=$((failed + 1)) ;;
  *)
    echo "kics: failed (exit $krc):"; tail -20 "$kout/kics.log"; failed=$((failed + 1)) ;;
esac

if [ "$failed" -gt 0 ]; then
  echo "scan: $failed failing scan(s) over $stacks stacks"
  exit 1
fi
echo "scan: $stacks stacks, tflint (aws ruleset), trivy (JSON and HCL) and KICS: no unaccepted findings"
