#!/usr/bin/env bash
# `make check`: runs the Powerpipe mod's benchmarks (powerpipe/) against the sandbox through the
# local Steampipe service, and writes their results as JSON and Markdown into build/check/.
# Powerpipe's exit code 1 means "alarms", which the sandbox's data is meant to raise; 2 is an error.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
. "$here/steampipe-env.sh"
. "$here/lib.sh"
port=${PARTNERTAP_CHECK_PORT:-8788}
export PARTNERTAP_BASE_URL=http://127.0.0.1:$port
out=$repo/build/check

"$here/steampipe-stack.sh"
"$here/build-steampipe-tools.sh" powerpipe
start_sandbox_and_service "$port"

mkdir -p "$out"
status=0
"$here/powerpipe" benchmark run rep_engagement partner_health --output brief \
  --export "$out/benchmarks.json" --export "$out/benchmarks.md" || status=$?
if [ "$status" -gt 1 ]; then
  die "powerpipe benchmark run failed (exit $status)"
fi
say "results: $out/benchmarks.json and $out/benchmarks.md"
