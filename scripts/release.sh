#!/usr/bin/env bash
# Builds the plugin's release as Steampipe's plugin releases are laid out: for linux and darwin on
# amd64 and arm64, steampipe-plugin-partnertap_<os>_<arch>.gz (the plugin binary,
# steampipe-plugin-partnertap.plugin, gzipped), the default connection config partnertap.spc (which
# Steampipe's plugin images carry beside the binaries), and steampipe-plugin-partnertap_<version>_SHA256SUMS.
# Into $RELEASE_DIR (default dist/); $RELEASE_TARGETS picks the os/arch pairs. The binaries are
# static (CGO_ENABLED=0, netgo) and stamped with VERSION, and a commit built again in the same
# checkout gives the same archives: each archive's time is the commit's.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
. "$here/lib.sh"

name=steampipe-plugin-partnertap
version=$(cat "$repo/VERSION")
out=${RELEASE_DIR:-$repo/dist}
targets=${RELEASE_TARGETS:-linux/amd64 linux/arm64 darwin/amd64 darwin/arm64}
commit_time=$(git -C "$repo" log -1 --format=%ct 2>/dev/null || echo 0)
ldflags="-s -w -X github.com/partnertap-oss/steampipe-plugin-partnertap/partnertap.Version=$version"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
rm -f "$out/${name}"_* "$out/partnertap.spc"
cp "$repo/config/partnertap.spc" "$out/partnertap.spc"

for target in $targets; do
  os=${target%/*}
  arch=${target#*/}
  mkdir -p "$work/$os-$arch"
  binary=$work/$os-$arch/$name.plugin
  (cd "$repo" && CGO_ENABLED=0 GOOS=$os GOARCH=$arch go build -tags netgo -ldflags "$ldflags" -o "$binary" .)
  # gzip keeps the binary's name and time in the archive (-N), as Steampipe's releases do; the
  # time is the commit's, so that a rebuild gives the same bytes.
  touch -d "@$commit_time" "$binary"
  gzip -9 -N -c "$binary" > "$out/${name}_${os}_${arch}.gz"
  say "built ${name}_${os}_${arch}.gz"
done

(cd "$out" && sha256sum "${name}"_*.gz partnertap.spc > "${name}_${version}_SHA256SUMS")
say "release $version in $out:"
(cd "$out" && ls -l "${name}"_* partnertap.spc)
