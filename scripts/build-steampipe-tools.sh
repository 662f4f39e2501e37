#!/usr/bin/env bash
# Builds the Steampipe CLI, its Postgres FDW and Powerpipe from the Go module proxy, caching each
# binary outside the repo under $PARTNERTAP_CACHE (default ~/.cache/steampipe-plugin-partnertap),
# keyed by version, so a second run takes seconds. Usage: build-steampipe-tools.sh [steampipe|fdw|powerpipe]...
set -euo pipefail

# shellcheck source=scripts/steampipe-env.sh
. "$(cd "$(dirname "$0")" && pwd)/steampipe-env.sh"
export GOFLAGS=-mod=mod

. "$(cd "$(dirname "$0")" && pwd)/lib.sh"

build_steampipe() {
  local out=$CACHE/steampipe-$STEAMPIPE_VERSION/steampipe
  if [ -x "$out" ]; then say "steampipe $STEAMPIPE_VERSION: cached at $out"; return; fi
  say "building steampipe $STEAMPIPE_VERSION from the Go module proxy (5-9 minutes the first time)"
  local src=$CACHE/src/steampipe-$STEAMPIPE_VERSION
  module_copy github.com/turbot/steampipe "$STEAMPIPE_VERSION" "$src"
  (cd "$src" && go build -o "$out.tmp" .) || die "building steampipe failed"
  mv "$out.tmp" "$out"
  say "steampipe built: $out"
}

build_fdw() {
  local out=$CACHE/fdw-$FDW_VERSION
  if [ -f "$out/steampipe_postgres_fdw.so" ]; then say "fdw $FDW_VERSION: cached at $out"; return; fi
  command -v pg_config >/dev/null || die "pg_config not found: install postgresql-server-dev-15 first"
  say "building steampipe-postgres-fdw $FDW_VERSION against PostgreSQL $(pg_config --version) (3-4 minutes the first time)"
  local src=$CACHE/src/fdw-$FDW_VERSION
  module_copy github.com/turbot/steampipe-postgres-fdw "$FDW_VERSION" "$src"
  (cd "$src" && make build) || die "building the FDW failed"
  mkdir -p "$out.tmp"
  cp "$src"/build-Linux/steampipe_postgres_fdw.so "$src"/build-Linux/steampipe_postgres_fdw.control \
     "$src"/build-Linux/steampipe_postgres_fdw--1.0.sql "$out.tmp/"
  rm -rf "$out"; mv "$out.tmp" "$out"
  say "fdw built: $out"
}

build_powerpipe() {
  local out=$CACHE/powerpipe-$POWERPIPE_VERSION/powerpipe
  if [ -x "$out" ]; then say "powerpipe $POWERPIPE_VERSION: cached at $out"; return; fi
  say "building powerpipe $POWERPIPE_VERSION from the Go module proxy (6-12 minutes the first time)"
  local src=$CACHE/src/powerpipe-$POWERPIPE_VERSION
  module_copy github.com/turbot/powerpipe "$POWERPIPE_VERSION" "$src"
  (cd "$src" && go build -o "$out.tmp" .) || die "building powerpipe failed"
  mv "$out.tmp" "$out"
  say "powerpipe built: $out"
}

[ $# -gt 0 ] || set -- steampipe fdw
for part in "$@"; do
  case $part in
    steampipe) build_steampipe ;;
    fdw) build_fdw ;;
    powerpipe) build_powerpipe ;;
    *) die "unknown part '$part' (steampipe, fdw or powerpipe)" ;;
  esac
done
