#!/usr/bin/env bash
# Runs the read benchmarks against a sandbox in its own process, for each dataset size and injected
# latency, and prints one Markdown table. Usage: scripts/bench.sh [sizes] [latencies]
#   e.g. scripts/bench.sh "10000 100000" "0 50"   (defaults: "10000 100000 1000000" "0 50 200")
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
sizes=${1:-10000 100000 1000000}
latencies=${2:-0 50 200}
port=${BENCH_PORT:-18900}
. "$here/lib.sh"
cd "$repo"
mkdir -p bin
go build -o bin/partnertap-sandbox ./cmd/partnertap-sandbox
go test -c -o bin/client.test ./internal/client/
go test -c -o bin/plugin.test ./partnertap/

echo "| rows | latency | reader | wall time | rows/s | requests | MiB read | peak live heap MiB |"
echo "|---:|---:|---|---:|---:|---:|---:|---:|"
for size in $sizes; do
  bin/partnertap-sandbox -port "$port" -accounts "$size" -v1-rate-limit -1 > bin/bench-sandbox.log 2>&1 &
  pid=$!
  trap 'kill $pid 2>/dev/null || true' EXIT
  wait_for_sandbox "$port" bin/bench-sandbox.log
  for latency in $latencies; do
    for bench in "client.test ReadRawLoop raw net/http loop (sequential)" \
                 "client.test ReadOfficialPattern official pattern (sequential until last)" \
                 "client.test ReadClientSequential client, 1 page at a time" \
                 "client.test ReadClient\$ client, 4 pages at a time" \
                 "plugin.test ReadPlugin\$ plugin in-process through the SDK" \
                 "plugin.test ReadPluginV1\$ plugin, v1 table (Global Overlap List)" \
                 "plugin.test ReadPluginV1Narrow\$ plugin, v1 table, the legacy read's column count"; do
      set -- $bench
      binary=$1 name=$2; shift 2; label="$*"
      line=$(BENCH_SANDBOX_URL="http://127.0.0.1:$port" BENCH_LATENCY_MS=$latency \
        "bin/$binary" -test.run '^$' -test.bench "^Benchmark$name" -test.benchtime 1x 2>/dev/null | grep "^Benchmark" || true)
      [ -n "$line" ] || { echo "| $size | $latency ms | $label | failed | | | | |"; continue; }
      awk -v size="$size" -v lat="$latency" -v label="$label" '{
        for (i = 1; i <= NF; i++) {
          if ($(i+1) == "ns/op") ns = $i; if ($(i+1) == "rows/s") rps = $i; if ($(i+1) == "requests/op") req = $i
          if ($(i+1) == "MiB-read/op") mib = $i; if ($(i+1) == "peak-live-heap-MiB") heap = $i; if ($(i+1) == "rows/op") rows = $i
        }
        printf "| %d | %d ms | %s | %.2f s | %.0f | %d | %s | %.1f |\n", rows, lat, label, ns / 1e9, rps, req, (mib == "" ? "-" : sprintf("%.1f", mib)), heap
      }' <<< "$line"
    done
  done
  kill $pid 2>/dev/null || true
  wait $pid 2>/dev/null || true
done
