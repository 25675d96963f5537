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
# The build goes to a temporary folder renamed into place when complete, so
# an interrupted build is never taken for a cache; the key covers this
# script, which holds the recipe.
kkey=$(cat tools/scan/kics/go.mod tools/scan/kics/go.sum tools/scan/kics/gate/main.go tools/scan/run.sh | sha256sum | cut -c1-16)
kbin="$(dirname "$bin")/kics-$kkey"
if [ ! -f "$kbin/complete" ]; then
  echo "scan: building KICS into $kbin (once per go.sum)"
  start=$SECONDS
  ktmp=$(mktemp -d "$(dirname "$bin")/.kics-build.XXXXXX")
  (cd tools/scan/kics \
    && kver=$(go list -m -f '{{.Version}}' github.com/Checkmarx/kics/v2) \
    && go build -o "$ktmp/kics" -ldflags "-X github.com/Checkmarx/kics/v2/internal/constants.Version=$kver" github.com/Checkmarx/kics/v2/cmd/console \
    && go build -o "$ktmp/gate" ./gate \
    && kdir=$(go list -m -f '{{.Dir}}' github.com/Checkmarx/kics/v2) \
    && mkdir -p "$ktmp/assets" \
    && cp -r "$kdir/assets/queries" "$kdir/assets/libraries" "$kdir/assets/similarityID_transition" "$ktmp/assets/" \
    && chmod -R u+w "$ktmp/assets" \
    && touch "$ktmp/complete") || { rm -rf "$ktmp"; echo "scan: building KICS failed" >&2; exit 2; }
  rm -rf "$kbin" && mv -T "$ktmp" "$kbin"
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
# KICS, one stack at a time: some of its queries look across every file of
# a scan (a firewall in one stack would hide another stack's VPC without
# one). Its exit code says the highest severity found (20 to 60); anything
# else is its own failure. The gate applies tools/scan/kics-accepted.json
# to every report and checks that each scan was complete.
kout=$(mktemp -d)
trap 'rm -rf "$kout"' EXIT
kexclude=$("$kbin/gate" -accepted tools/scan/kics-accepted.json -exclude-queries)
kstacks=() kfailed=0
for dir in "$json"/*/; do
  stack=$(basename "$dir")
  kstacks+=("$stack")
  krc=0
  "$kbin/kics" scan -p "$json/$stack" --type Terraform --cloud-provider aws \
    -q "$kbin/assets/queries" --libraries-path "$kbin/assets/libraries" \
    ${kexclude:+--exclude-queries "$kexclude"} --disable-secrets \
    --report-formats json -o "$kout" --output-name "$stack" --no-progress --ci --log-level WARN >"$kout/$stack.log" 2>&1 || krc=$?
  case $krc in
    0|20|30|40|50|60) ;;
    *) echo "kics $stack: failed (exit $krc):"; tail -20 "$kout/$stack.log"; kfailed=1 ;;
  esac
done
if [ "$kfailed" -eq 0 ]; then
  (IFS=,; "$kbin/gate" -reports "$kout" -accepted tools/scan/kics-accepted.json -stacks "${kstacks[*]}") || failed=$((failed + 1))
else
  failed=$((failed + 1))
fi

if [ "$failed" -gt 0 ]; then
  echo "scan: $failed failing scan(s) over $stacks stacks"
  exit 1
fi
echo "scan: $stacks stacks, tflint (aws ruleset), trivy (JSON and HCL) and KICS: no unaccepted findings"
