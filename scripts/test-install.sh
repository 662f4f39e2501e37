#!/usr/bin/env bash
# Checks `make install`: under STEAMPIPE_INSTALL_DIR, over an installed plugin that is running (as
# the Steampipe service runs it), the new binary is installed and the running process goes on.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
. "$here/lib.sh"
dir=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$dir"' EXIT
installed=$dir/plugins/local/partnertap/partnertap.plugin
mkdir -p "$(dirname "$installed")"
cp "$(command -v sleep)" "$installed" # a running executable at the installed path
"$installed" 300 &
pid=$!
sleep 0.2
cp /dev/null "$installed" 2>/dev/null && die "the running file could be overwritten in place: this test shows nothing"
make -s -C "$repo" install STEAMPIPE_INSTALL_DIR="$dir" > "$dir/out" || die "make install failed over a running plugin: $(cat "$dir/out")"
cmp -s "$repo/bin/partnertap.plugin" "$installed" || die "make install did not install bin/partnertap.plugin into STEAMPIPE_INSTALL_DIR"
[ -f "$dir/config/partnertap.spc" ] || die "make install did not install config/partnertap.spc"
kill -0 "$pid" || die "the running plugin process did not survive the install"
grep -q "steampipe service restart" "$dir/out" || die "make install does not say to restart the service"
version=$(cat "$repo/VERSION")
go version -m "$installed" | grep -q -- "-X github.com/partnertap-oss/steampipe-plugin-partnertap/partnertap.Version=$version" \
  || die "the installed plugin is not stamped with VERSION ($version)"
say "make install: replaced a running plugin under STEAMPIPE_INSTALL_DIR"
