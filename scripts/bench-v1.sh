#!/usr/bin/env bash
# Measures issue 14's v1 bars: a 100k-row read of a Report Analytics v1 table (the Global Overlap
# List, partnertap_global_overlap_account) beside the legacy read of as many rows
# (partnertap_sale_account where matched), in-process through the plugin's gRPC Execute
# (BenchmarkReadPlugin*), against a sandbox in its own process. Every reader runs ROUNDS times
# (default 5), interleaved, after a warm-up round; prints medians, ranges, the sandbox's CPU and
# the verdicts. The sandbox keeps its answers (-page-cache-mb), so that its page build, which
# PartnerTap runs on its own machines, is not on the reader's 2 cores; BENCH_PAGE_CACHE_MB=0
# measures with the sandbox building every page. Usage: scripts/bench-v1.sh [rounds]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
rounds=${1:-5}
port=${BENCH_PORT:-18912}
page_cache_mb=${BENCH_PAGE_CACHE_MB:-1024}
. "$here/lib.sh"
cd "$repo"
mkdir -p bin
go build -o bin/partnertap-sandbox ./cmd/partnertap-sandbox
go test -c -o bin/plugin.test ./partnertap/
results=$(mktemp)
bin/partnertap-sandbox -port "$port" -accounts 100000 -v1-rate-limit -1 -page-cache-mb "$page_cache_mb" > bin/bench-v1-sandbox.log 2>&1 &
sandbox=$!
trap 'kill $sandbox 2>/dev/null || true; rm -f "$results"' EXIT
wait_for_sandbox "$port" bin/bench-v1-sandbox.log

sandbox_cpu() { awk '{ printf "%.2f", ($14 + $15) / 100 }' "/proc/$sandbox/stat"; }

# run <label> <benchmark>: appends "label seconds peak-heap-MiB rows sandbox-cpu" to results.
run() {
  local before line
  before=$(sandbox_cpu)
  line=$(BENCH_SANDBOX_URL="http://127.0.0.1:$port" bin/plugin.test -test.run '^$' -test.bench "^Benchmark$2\$" \
    -test.benchtime 1x 2>/dev/null | grep "^Benchmark")
  awk -v label="$1" -v before="$before" -v after="$(sandbox_cpu)" '{
    for (i = 1; i <= NF; i++) {
      if ($(i+1) == "ns/op") ns = $i; if ($(i+1) == "peak-live-heap-MiB") heap = $i; if ($(i+1) == "rows/op") rows = $i
    }
    printf "%s %.3f %.1f %d %.2f\n", label, ns / 1e9, heap, rows, after - before
  }' <<< "$line" >> "$results"
}

readers=("legacy ReadPlugin" "narrow ReadPluginV1Narrow" "wide ReadPluginV1")
for round in $(seq 0 "$rounds"); do
  echo "round $round of $rounds (0: warm-up, not counted)" >&2
  for reader in "${readers[@]}"; do
    read -r label bench <<< "$reader"
    run "$label" "$bench"
  done
  [ "$round" = 0 ] && : > "$results"
done

# stat <label> <column>: "median min max" of a column of the label's runs (2 time, 3 heap, 5 cpu).
stat() {
  grep "^$1 " "$results" | sort -k"$2" -g | awk -v c="$2" '{ v[NR] = $c }
    END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f %.2f %.2f\n", m, v[1], v[NR] }'
}
rows=$(grep -m1 "^legacy " "$results" | awk '{ print $4 }')
verdict() { awk -v ok="$1" 'BEGIN { print (ok ? "met" : "NOT met") }'; }
echo
echo "Medians of $rounds interleaved runs after a warm-up (range in brackets); $rows rows, 2000-row pages, 4 at a time;"
echo "sandbox page cache $page_cache_mb MiB."
echo
echo "| Read | Wall time | Against legacy | Peak live heap MiB | Sandbox CPU s |"
echo "|---|---:|---:|---:|---:|"
read -r legacy _ _ < <(stat legacy 2)
for reader in "legacy partnertap_sale_account, 18 columns" "narrow partnertap_global_overlap_account, the first 18 columns" \
  "wide partnertap_global_overlap_account, every column"; do
  read -r label name <<< "$reader"
  read -r t tmin tmax < <(stat "$label" 2)
  read -r h _ hmax < <(stat "$label" 3)
  read -r c _ _ < <(stat "$label" 5)
  echo "| $name | $t s [$tmin-$tmax] | $(awk -v a="$t" -v b="$legacy" 'BEGIN { printf "%.2fx", a / b }') | $h (at most $hmax) | $c |"
done
read -r narrow _ _ < <(stat narrow 2)
read -r _ _ narrowheap < <(stat narrow 3)
read -r _ _ wideheap < <(stat wide 3)
ratio=$(awk -v a="$narrow" -v b="$legacy" 'BEGIN { printf "%.2f", a / b }')
echo
echo "| Bar | Measured | Verdict |"
echo "|---|---|---|"
echo "| v1 read within 1.3x of the legacy read per row (as many columns) | $narrow s against $legacy s: **${ratio}x** | $(verdict "$(awk -v r="$ratio" 'BEGIN { print (r <= 1.3) }')") |"
echo "| peak live heap under 100 MiB, as many columns | at most **$narrowheap MiB** | $(verdict "$(awk -v h="$narrowheap" 'BEGIN { print (h < 100) }')") |"
echo "| peak live heap under 100 MiB, every column | at most **$wideheap MiB** | $(verdict "$(awk -v h="$wideheap" 'BEGIN { print (h < 100) }')") |"
