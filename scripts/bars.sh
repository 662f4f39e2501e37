#!/usr/bin/env bash
# Measures issue 6's bars and prints them as a Markdown table with verdicts. Single runs on a
# shared 2-core machine vary by 20% and more, so every reader runs ROUNDS times (default 7),
# interleaved so that a noisy minute hits all of them, and the table gives medians and ranges.
# Usage: scripts/bars.sh [rounds]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
rounds=${1:-7}
port=${BENCH_PORT:-18910}
concurrency=4 # page_concurrency's default, which the benchmarks use
. "$here/lib.sh"
cd "$repo"
mkdir -p bin
go build -o bin/partnertap-sandbox ./cmd/partnertap-sandbox
go test -c -o bin/client.test ./internal/client/
go test -c -o bin/plugin.test ./partnertap/
results=$(mktemp)
# Two sandboxes: 100k accounts read in pages of 2000, and 10k accounts read in pages of 200, both
# about 50 pages.
bin/partnertap-sandbox -port "$port" -accounts 100000 -v1-rate-limit -1 > bin/bars-sandbox.log 2>&1 &
pid=$!
bin/partnertap-sandbox -port "$((port + 1))" -accounts 10000 > bin/bars-sandbox-small.log 2>&1 &
small=$!
trap 'kill $pid $small 2>/dev/null || true; rm -f "$results"' EXIT
wait_for_sandbox "$port" bin/bars-sandbox.log
wait_for_sandbox "$((port + 1))" bin/bars-sandbox-small.log

# run <label> <latency ms> <binary> <benchmark> [page size]: appends "label seconds requests rows"
# to results; a page size of 200 reads the small sandbox.
run() {
  local line url="http://127.0.0.1:$port"
  [ "${5:-2000}" = 2000 ] || url="http://127.0.0.1:$((port + 1))"
  line=$(BENCH_SANDBOX_URL="$url" BENCH_LATENCY_MS=$2 BENCH_PAGE_SIZE=${5:-2000} \
    "bin/$3" -test.run '^$' -test.bench "^Benchmark$4\$" -test.benchtime 1x 2>/dev/null | grep "^Benchmark")
  awk -v label="$1" '{
    for (i = 1; i <= NF; i++) {
      if ($(i+1) == "ns/op") ns = $i; if ($(i+1) == "requests/op") req = $i; if ($(i+1) == "rows/op") rows = $i
    }
    printf "%s %.3f %d %d\n", label, ns / 1e9, req, rows
  }' <<< "$line" >> "$results"
}

for round in $(seq "$rounds"); do
  echo "round $round of $rounds" >&2
  run raw0 0 client.test ReadRawLoop
  run plugin0 0 plugin.test ReadPlugin
  run plugin200 200 plugin.test ReadPlugin
  run client200 200 client.test ReadClient
  run sequential200 200 client.test ReadRawLoop
  run small200 200 plugin.test ReadPlugin 200
  run smallsequential200 200 client.test ReadRawLoop 200
done

# stat <label>: "median min max requests rows" of the label's runs.
stat() {
  grep "^$1 " "$results" | sort -k2 -g | awk '{ t[NR] = $2; req = $3; rows = $4 }
    END { m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2; printf "%.2f %.2f %.2f %d %d\n", m, t[1], t[NR], req, rows }'
}
read -r raw0 raw0min raw0max _ rows < <(stat raw0)
read -r plugin0 plugin0min plugin0max _ _ < <(stat plugin0)
read -r plugin200 plugin200min plugin200max pages _ < <(stat plugin200)
read -r client200 client200min client200max _ _ < <(stat client200)
read -r seq200 seq200min seq200max _ _ < <(stat sequential200)
read -r small200 small200min small200max smallpages smallrows < <(stat small200)
read -r smallseq200 smallseq200min smallseq200max _ _ < <(stat smallsequential200)
verdict() { awk -v ok="$1" 'BEGIN { print (ok ? "met" : "NOT met") }'; }

ratio0=$(awk -v a="$plugin0" -v b="$raw0" 'BEGIN { printf "%.2f", a / b }')
bound=$(awk -v p="$pages" -v c="$concurrency" 'BEGIN { printf "%.2f", 1.3 * p / c * 0.2 }')
speedup=$(awk -v a="$seq200" -v b="$plugin200" 'BEGIN { printf "%.1f", a / b }')
smallbound=$(awk -v p="$smallpages" -v c="$concurrency" 'BEGIN { printf "%.2f", 1.3 * p / c * 0.2 }')
smallspeedup=$(awk -v a="$smallseq200" -v b="$small200" 'BEGIN { printf "%.1f", a / b }')
echo
echo "Medians of $rounds interleaved runs (range in brackets); $rows rows in pages of 2000, sandbox in its own process."
echo
echo "| Bar | Measured | Verdict |"
echo "|---|---|---|"
echo "| In-process plugin read, no latency: at most 1.15x the raw loop | plugin $plugin0 s [$plugin0min-$plugin0max], raw loop $raw0 s [$raw0min-$raw0max]: **${ratio0}x** | $(verdict "$(awk -v r="$ratio0" 'BEGIN { print (r <= 1.15) }')") |"
echo "| 200 ms latency, $pages pages: at most 1.3 x ($pages / $concurrency) x 0.2 s = $bound s | plugin **$plugin200 s** [$plugin200min-$plugin200max], client alone $client200 s [$client200min-$client200max] | $(verdict "$(awk -v a="$plugin200" -v b="$bound" 'BEGIN { print (a <= b) }')") |"
echo "| 200 ms latency: at least 3x faster than sequential paging | raw sequential $seq200 s [$seq200min-$seq200max] / plugin $plugin200 s = **${speedup}x** | $(verdict "$(awk -v s="$speedup" 'BEGIN { print (s >= 3) }')") |"
echo "| the same, $smallpages pages of 200 rows ($smallrows rows): at most 1.3 x ($smallpages / $concurrency) x 0.2 s = $smallbound s | plugin **$small200 s** [$small200min-$small200max] | $(verdict "$(awk -v a="$small200" -v b="$smallbound" 'BEGIN { print (a <= b) }')") |"
echo "| the same: at least 3x faster than sequential paging | raw sequential $smallseq200 s [$smallseq200min-$smallseq200max] / plugin $small200 s = **${smallspeedup}x** | $(verdict "$(awk -v s="$smallspeedup" 'BEGIN { print (s >= 3) }')") |"
