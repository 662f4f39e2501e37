#!/usr/bin/env bash
# Builds the standalone Postgres extension steampipe_postgres_partnertap from Steampipe's FDW
# v1.13.0 and this checkout, and installs it into Debian's PostgreSQL 15 (as root).
# Its .so links AGPL-3.0 modules, like upstream's: it is built on the user's machine, never committed.
# Usage: scripts/build-postgres-extension.sh [PLUGIN [PARENT]]: another package of this module
# named PLUGIN under the import path PARENT (scripts/bench-steampipe.sh builds the benchmark
# fixture: noop under <module>/benchfixture), as steampipe_postgres_PLUGIN.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
. "$here/steampipe-env.sh"
. "$here/lib.sh"

module=$(cd "$repo" && go list -m)
plugin=${1:-partnertap}
parent=${2:-$module}
work=$CACHE/src/standalone-fdw-$FDW_VERSION
out=$repo/build/postgres
if [ "$plugin" != partnertap ]; then
  work=$work-$plugin
  out=$out-$plugin
fi

[ "$(id -u)" = 0 ] || die "run as root: it installs packages and the extension into PostgreSQL"
install_packages

say "building steampipe_postgres_$plugin from FDW $FDW_VERSION and $repo (4-5 minutes the first time)"
module_copy github.com/turbot/steampipe-postgres-fdw "$FDW_VERSION" "$work"
# The FDW's Makefile copies its tree to work/ and `go get`s the plugin: point it at this checkout.
(cd "$work" && go mod edit -replace "$module=$repo")
# Our go.mod's replace lines (the patched SDK in third_party/) apply only to builds of our own
# module: the FDW's build gets the same ones, with absolute paths.
while read -r old new; do
  (cd "$work" && go mod edit -replace "$old=$new")
done < <(cd "$repo" && go list -m -f '{{with .Replace}}{{$.Path}} {{.Dir}}{{end}}' all | grep .)
if [ "$parent" = "$module" ]; then
  (cd "$work" && make standalone plugin="$plugin" plugin_version=v0.0.0 plugin_github_url="$parent" > "$work/build.log" 2>&1)
else
  # `make standalone` runs `go get PARENT@VERSION`, which works only when PARENT is a module: for
  # a package inside ours, its steps (render, then build_from_work) with our module required.
  (cd "$work" && go mod edit -require "$module@v0.0.0" && make prebuild.go && rm -rf work && mkdir work &&
    rsync -a --exclude=.git --exclude=work . work/ &&
    (cd work && go run generate/generator.go templates . "$plugin" v0.0.0 "$parent" && go mod tidy) &&
    make build_from_work plugin="$plugin") > "$work/build.log" 2>&1
fi \
  || die "make standalone failed; see $work/build.log"
rm -rf "$out" && mkdir -p "$out"
cp "$work"/build-Linux/steampipe_postgres_"$plugin"* "$out/"
ls "$out/steampipe_postgres_$plugin.so" >/dev/null 2>&1 || die "the build made no steampipe_postgres_$plugin.so (see $work/build.log)"

say "installing into PostgreSQL $(pg_config --version)"
install -m 0755 "$out/steampipe_postgres_$plugin.so" "$(pg_config --pkglibdir)/"
install -m 0644 "$out/steampipe_postgres_$plugin.control" "$out/steampipe_postgres_$plugin--1.0.sql" "$(pg_config --sharedir)/extension/"
say "installed: CREATE EXTENSION steampipe_postgres_$plugin; in any database of this PostgreSQL"
