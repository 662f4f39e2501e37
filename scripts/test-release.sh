#!/usr/bin/env bash
# Checks `make release`: one archive per os/arch in Steampipe's layout, each the plugin binary for
# that platform, static and stamped with VERSION; the default config; checksums that verify; the
# same bytes when the commit is built again.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
. "$here/lib.sh"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
name=steampipe-plugin-partnertap
version=$(cat "$repo/VERSION")

make -s -C "$repo" release RELEASE_DIR="$dir/dist" > "$dir/out" 2>&1 || die "make release failed: $(tail -20 "$dir/out")"
expected="partnertap.spc ${name}_${version}_SHA256SUMS ${name}_darwin_amd64.gz ${name}_darwin_arm64.gz ${name}_linux_amd64.gz ${name}_linux_arm64.gz"
found=$(cd "$dir/dist" && ls | sort | xargs)
[ "$found" = "$expected" ] || die "make release wrote [$found], expected [$expected]"
(cd "$dir/dist" && sha256sum --quiet -c "${name}_${version}_SHA256SUMS") || die "the release's checksums do not verify"
[ "$(wc -l < "$dir/dist/${name}_${version}_SHA256SUMS")" -eq 5 ] || die "the checksums do not list the 4 archives and the config"
cmp -s "$repo/config/partnertap.spc" "$dir/dist/partnertap.spc" || die "the release's partnertap.spc is not config/partnertap.spc"

for archive in "$dir"/dist/*.gz; do
  platform=$(basename "$archive" .gz)
  platform=${platform#"${name}_"}
  os=${platform%_*}
  arch=${platform#*_}
  inner=$(gzip -lN "$archive" | awk 'NR == 2 { print $4 }')
  [ "$(basename "$inner")" = "$name.plugin" ] || die "$archive holds $inner, not $name.plugin"
  gzip -dc "$archive" > "$dir/$platform.plugin"
  info=$(go version -m "$dir/$platform.plugin")
  for want in "GOOS=$os" "GOARCH=$arch" "CGO_ENABLED=0" "-tags=netgo" \
    "-X github.com/partnertap-oss/steampipe-plugin-partnertap/partnertap.Version=$version"; do
    grep -q -- "$want" <<< "$info" || die "$archive: the binary's build lacks $want"
  done
done

# The linux/amd64 binary runs here: a plugin started by hand says so and exits.
chmod +x "$dir/linux_amd64.plugin"
"$dir/linux_amd64.plugin" > "$dir/run" 2>&1 && die "the plugin binary started without Steampipe did not refuse"
grep -q "This binary is a plugin" "$dir/run" || die "the linux/amd64 binary did not run as a plugin: $(cat "$dir/run")"

make -s -C "$repo" release RELEASE_DIR="$dir/again" RELEASE_TARGETS=linux/amd64 > "$dir/out" 2>&1 \
  || die "make release of linux/amd64 failed: $(tail -20 "$dir/out")"
cmp -s "$dir/dist/${name}_linux_amd64.gz" "$dir/again/${name}_linux_amd64.gz" \
  || die "building the same commit again gave another linux/amd64 archive"
say "make release: 4 platforms in Steampipe's layout, checksums verified, rebuilt byte for byte"
