#!/usr/bin/env bash
# tools/fuzz.sh PACKAGE TARGET FUZZTIME [go test flags...]: fuzzes one
# target for FUZZTIME and fails on a real finding: a failing input written to
# testdata/fuzz, a panic, or any other failure.
#
# Go 1.26's fuzzing coordinator can end a duration-bounded run with a bare
# "context deadline exceeded" and no input, when the -fuzztime deadline fires
# while a worker is mid-call (golang/go#75804, fixed in Go 1.27 by CL 774140,
# not backported to 1.26.x). That run found nothing: the target's seed corpus
# is then replayed deterministically, and only its result counts.
set -uo pipefail
pkg=$1 target=$2 fuzztime=$3
shift 3
go=${GO:-go}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
"$go" test "$pkg" -run '^$' -fuzz "^$target\$" -fuzztime "$fuzztime" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
if [ "$status" -eq 0 ]; then
  exit 0
fi
# The race, and nothing else: every line is the coordinator's progress, or
# the bare failure it reports.
if grep -q '^    context deadline exceeded$' "$log" && ! grep -q 'Failing input written' "$log" \
  && [ "$(grep -cvE '^(fuzz: |--- FAIL: Fuzz[A-Za-z0-9_]+ \([0-9.]+s\)$|    context deadline exceeded$|FAIL$|FAIL	|exit status 1$)' "$log")" -eq 0 ]; then
  echo "fuzz: $target ended with the coordinator's deadline race (golang/go#75804), not an input; replaying its corpus"
  exec "$go" test "$pkg" -run "^$target\$" -count=1
fi
exit "$status"
