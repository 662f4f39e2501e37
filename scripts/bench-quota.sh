#!/usr/bin/env bash
# Measures issue 14's quota bars against a sandbox in its own process that enforces PartnerTap's
# v1 rule (100 requests per key in any rolling minute), and prints them as a Markdown table:
# - a 50-page legacy read with the quota (requests_per_minute = 100) against the same read without
#   it: at most 1.1x (medians of ROUNDS interleaved runs);
# - a ~501-page v1 read: at most 1.05x the quota bound, floor((pages - 1) / 100) minutes, and no 429;
# - two such reads at once on two connections sharing the key: at most 1.05x the bound of their
#   combined pages, and no 429.
# About 20 minutes, most of it the quota's own pace. Usage: scripts/bench-quota.sh [rounds]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
rounds=${1:-3}
port=${BENCH_PORT:-18920}
limit=100
. "$here/lib.sh"
cd "$repo"
mkdir -p bin
go build -o bin/partnertap-sandbox ./cmd/partnertap-sandbox
go test -c -o bin/plugin.test ./partnertap/
bin/partnertap-sandbox -port "$port" -accounts 100000 -v1-rate-limit "$limit" > bin/bench-quota-sandbox.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
wait_for_sandbox "$port" bin/bench-quota-sandbox.log

# bench BENCHMARK PAGE_SIZE REQUESTS_PER_MINUTE: prints "seconds requests rows 429s"
bench() {
  BENCH_SANDBOX_URL="http://127.0.0.1:$port" BENCH_PAGE_SIZE=$2 BENCH_REQUESTS_PER_MINUTE=$3 \
    bin/plugin.test -test.run '^$' -test.bench "^Benchmark$1\$" -test.benchtime 1x 2>/dev/null | grep "^Benchmark" |
    awk '{ for (i = 1; i <= NF; i++) {
        if ($(i+1) == "ns/op") ns = $i; if ($(i+1) == "requests/op") req = $i
        if ($(i+1) == "rows/op") rows = $i; if ($(i+1) == "429s/op") rejected = $i }
      printf "%.2f %d %d %d\n", ns / 1e9, req, rows, rejected }'
}
median() { sort -g | awk '{ t[NR] = $1 } END { print (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }'; }
verdict() { awk -v a="$1" -v b="$2" 'BEGIN { print (a <= b ? "met" : "NOT met") }'; }

with=() without=()
for round in $(seq "$rounds"); do
  echo "legacy read, round $round of $rounds" >&2
  read -r t _ pages _ < <(bench ReadPlugin 2000 0); without+=("$t")
  read -r t legacypages _ legacy429 < <(bench ReadPlugin 2000 "$limit"); with+=("$t")
done
withmed=$(printf '%s\n' "${with[@]}" | median)
withoutmed=$(printf '%s\n' "${without[@]}" | median)
ratio=$(awk -v a="$withmed" -v b="$withoutmed" 'BEGIN { printf "%.2f", a / b }')

echo "v1 read of about 501 pages (about 5 minutes)" >&2
read -r v1time v1pages v1rows v1429 < <(bench ReadPluginV1 199 "$limit")
v1bound=$(awk -v p="$v1pages" -v l="$limit" 'BEGIN { print int((p - 1) / l) * 60 }')
sleep 61 # the sandbox's window forgets the read before the next starts
echo "two v1 reads at once sharing the key (about 10 minutes)" >&2
read -r sharedtime sharedpages sharedrows shared429 < <(bench ReadPluginV1Shared 199 "$limit")
sharedbound=$(awk -v p="$sharedpages" -v l="$limit" 'BEGIN { print int((p - 1) / l) * 60 }')

echo
echo "Against a sandbox enforcing $limit requests per key in any rolling minute; the plugin's requests_per_minute = $limit."
echo
echo "| Bar | Measured | Verdict |"
echo "|---|---|---|"
echo "| $legacypages-page legacy read with the quota: at most 1.1x the same read without it | $withmed s against $withoutmed s (medians of $rounds): **${ratio}x**, $legacy429 answered 429 | $(verdict "$ratio" 1.1) |"
echo "| $v1pages-page v1 read ($v1rows rows): at most 1.05 x the quota bound, $v1bound s | **$v1time s** ($(awk -v a="$v1time" -v b="$v1bound" 'BEGIN { printf "%.3f", a / b }')x), $v1429 answered 429 | $(verdict "$v1time" "$(awk -v b="$v1bound" 'BEGIN { print 1.05 * b }')")$( [ "$v1429" = 0 ] || echo ", 429s") |"
echo "| two at once sharing the key, $sharedpages pages ($sharedrows rows): at most 1.05 x $sharedbound s | **$sharedtime s** ($(awk -v a="$sharedtime" -v b="$sharedbound" 'BEGIN { printf "%.3f", a / b }')x), $shared429 answered 429 | $(verdict "$sharedtime" "$(awk -v b="$sharedbound" 'BEGIN { print 1.05 * b }')")$( [ "$shared429" = 0 ] || echo ", 429s") |"
