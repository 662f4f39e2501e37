#!/usr/bin/env bash
# Reads every matched sale account of a 100k-account sandbox (99,741 rows, 50 pages) where users
# read it: through the real Steampipe CLI and through the standalone Postgres extension, beside
# two floors: PartnerTap's documented pattern in Python, and a no-op plugin streaming the same rows
# from memory through the same Steampipe (benchfixture/noopplugin, on this repository's
# patched SDK and on the unpatched release), with the CPU of each process (the CLI, Postgres, the
# plugin); prints a Markdown table of medians and the bars' verdicts, each by the median of the
# rounds' own ratios (scripts/bench/steampipe_reads.py; the paths run in the reverse order every
# other round).
# Builds or reuses the local stack and builds the extensions (ours and the fixture's). The query
# cache is off for every read. The sandbox keeps its answers (-page-cache-mb) and every path reads
# once before the timed rounds, so that the server's page build is not on the reader's cores, as
# PartnerTap's is not; BENCH_PAGE_CACHE_MB=0 measures with the sandbox building every page.
# Usage: scripts/bench-steampipe.sh [rounds]   (default 3; about 15 minutes with the builds)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
rounds=${1:-3}
port=${BENCH_PORT:-18931}
pg_port=55433
. "$here/lib.sh"
. "$here/steampipe-env.sh"
cd "$repo"

"$here/steampipe-stack.sh" >&2
"$here/build-postgres-extension.sh" >&2
"$here/build-postgres-extension.sh" noop "$(go list -m)/benchfixture" >&2
page_cache_mb=${BENCH_PAGE_CACHE_MB:-1024}
mkdir -p bin
go build -o bin/partnertap-sandbox ./cmd/partnertap-sandbox
bin/partnertap-sandbox -port "$port" -accounts 100000 -page-cache-mb "$page_cache_mb" > bin/bench-steampipe-sandbox.log 2>&1 &
sandbox=$!
pg_dir=$(mktemp -d /tmp/partnertap-bench-pg-XXXXXX)
spc="$SP_INSTALL_DIR/config/partnertap_bench.spc"
cleanup() {
  "$here/steampipe" service stop --force > /dev/null 2>&1 || true
  rm -f "$spc"
  rm -rf "$SP_INSTALL_DIR/plugins/local/noop" "$SP_INSTALL_DIR/plugins/local/noop_unpatched"
  runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$pg_dir/data" -m immediate stop > /dev/null 2>&1 || true
  rm -rf "$pg_dir"
  kill "$sandbox" 2> /dev/null || true
}
trap cleanup EXIT
wait_for_sandbox "$port" bin/bench-steampipe-sandbox.log
base="http://127.0.0.1:$port"

# The Steampipe service with a connection to this sandbox, and the no-op fixture plugin
# (benchfixture/noopplugin) built on this repository's SDK and on the unpatched release. Every
# row carries its connection's name three times (sp_connection_name, sp_ctx, _ctx), which the FDW
# parses for every row: the fixture's connections have names as long as ours, so that the floor's
# rows are the same size as our rows.
"$here/steampipe-stack.sh" plugin >&2
unpatched=$(mktemp -d /tmp/partnertap-noop-XXXXXX)
sdk=github.com/turbot/steampipe-plugin-sdk/v5
go mod download "$sdk@v5.14.1"
sed "s#^replace $sdk => .*#replace $sdk => $(go env GOMODCACHE)/$sdk@v5.14.1#" go.mod > "$unpatched/go.mod"
cp go.sum "$unpatched/go.sum"
for variant in noop noop_unpatched; do
  mkdir -p "$SP_INSTALL_DIR/plugins/local/$variant"
  modfile=()
  [ "$variant" = noop ] || modfile=(-modfile "$unpatched/go.mod")
  go build "${modfile[@]}" -o "$SP_INSTALL_DIR/plugins/local/$variant/$variant.plugin" ./benchfixture/noopplugin
done
rm -rf "$unpatched"
{
  printf 'connection "partnertap_bench" {\n  plugin   = "local/partnertap"\n  api_key  = "%s"\n  base_url = "%s"\n  dynamic_columns = false\n}\n' "$PARTNERTAP_API_KEY" "$base"
  printf 'connection "noop_patched_sdk" {\n  plugin = "local/noop"\n}\nconnection "noop_release_sdk" {\n  plugin = "local/noop_unpatched"\n}\n'
} > "$spc"
chown -R "$SP_USER:$SP_USER" "$SP_INSTALL_DIR/plugins/local" "$spc"
"$here/steampipe" service stop --force > /dev/null 2>&1 || true
sleep 2
"$here/steampipe" service start --database-listen local --database-port 9193 > /dev/null
"$here/steampipe" query "select count(*) from partnertap_bench.partnertap_dashboard" > /dev/null
"$here/steampipe" query "select count(*) from noop_patched_sdk.noop_sale_account" > /dev/null
"$here/steampipe" query "select count(*) from noop_release_sdk.noop_sale_account" > /dev/null

# A PostgreSQL 15 cluster with the standalone extension pointed at the sandbox. Both plugins read
# the legacy list only: without dynamic_columns, no plugin start (the extension starts one in every
# psql session) reads the v1 /columns, whose 27 requests a start would spend of the sandbox's v1
# limit of 100 a minute; a few sessions in a minute then waited for 429s (count(*) took 3.4-6.5 s).
chown postgres:postgres "$pg_dir"
runuser -u postgres -- /usr/lib/postgresql/15/bin/initdb -D "$pg_dir/data" -A trust -U postgres > /dev/null
STEAMPIPE_CACHE=false runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$pg_dir/data" \
  -o "-p $pg_port -k $pg_dir -c listen_addresses='' -c jit=off" -l "$pg_dir/log" -w start > /dev/null
psql_pg() { runuser -u postgres -- psql -h "$pg_dir" -p "$pg_port" -d postgres -v ON_ERROR_STOP=1 -q -c "$1" > /dev/null; }
psql_pg "create extension steampipe_postgres_partnertap"
psql_pg "create server partnertap foreign data wrapper steampipe_postgres_partnertap options (config 'api_key = \"$PARTNERTAP_API_KEY\"
base_url = \"$base\"
dynamic_columns = false')"
psql_pg "create schema partnertap"
psql_pg "import foreign schema partnertap from server partnertap into partnertap"
psql_pg "create extension steampipe_postgres_noop"
# The server's name is the rows' connection name: as long as ours (partnertap), as above.
psql_pg "create server noop_floor foreign data wrapper steampipe_postgres_noop"
psql_pg "create schema noop"
psql_pg "import foreign schema noop from server noop_floor into noop"

echo "99,741 rows (every matched sale account), $rounds rounds after a warm-up read, $(date -u +%F), $(nproc) cores, sandbox page cache ${page_cache_mb} MiB:"
python3 "$here/bench/steampipe_reads.py" "$rounds" "$base" "$PARTNERTAP_API_KEY" "$pg_dir" "$pg_port"
