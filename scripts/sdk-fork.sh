#!/usr/bin/env bash
# The patched Steampipe plugin SDK in third_party/steampipe-plugin-sdk is the module proxy's
# release plus the patch files in third_party/patches/steampipe-plugin-sdk, nothing else.
# Usage: scripts/sdk-fork.sh [check]   rebuild it from the proxy and the patches; fail on any difference
#        scripts/sdk-fork.sh rebuild   rewrite the folder from the proxy and the patches
#        scripts/sdk-fork.sh proof [PATCH...]   show that each patch's regression test (its
#                  "Regression-test: PACKAGE REGEXP [FLAGS]" line) fails without it
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
. "$here/lib.sh"

if ! command -v patch >/dev/null; then
  [ "$(id -u)" = 0 ] || die "patch is not installed: apt-get install patch"
  say "installing patch"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq patch >/dev/null; } || die "apt-get install patch failed"
fi

module=github.com/turbot/steampipe-plugin-sdk/v5
fork=third_party/steampipe-plugin-sdk
patches=$repo/third_party/patches/steampipe-plugin-sdk

# The release is the version go.mod requires; the replace line points it at the fork.
version=$(cd "$repo" && go mod edit -json | sed -n "/\"Path\": \"${module//\//\\/}\"/{n;s/.*\"Version\": \"\(.*\)\".*/\1/p;q}")
[ -n "$version" ] || die "go.mod does not require $module"

# build_patched DIR [SKIP...]: the release from the module proxy with every patch but SKIP applied, in DIR.
build_patched() {
  local dest=$1 p
  shift
  local skip=" $* "
  module_copy "$module" "$version" "$dest"
  for p in "$patches"/*.patch; do
    [[ "$skip" != *" $(basename "$p") "* ]] || continue
    patch -s -p1 -d "$dest" --no-backup-if-mismatch < "$p" || die "$(basename "$p") does not apply to $module@$version${*:+ without $*}"
  done
}

# prove PATCH: runs the patch's regression test against the SDK without that patch, through a
# copy of go.mod whose replace points there; it must fail (and it passes with the fork: make test).
prove() {
  local name=$1 test pkg regexp flags
  test=$(sed -n 's/^Regression-test: //p' "$patches/$name")
  [ -n "$test" ] || die "$name has no Regression-test: line"
  if [[ "$test" == none* ]]; then # e.g. a race the detector sees only under some interleavings
    say "$name: no deterministic regression test (${test#none}); see third_party/README.md"
    return
  fi
  # PACKAGE REGEXP [go test flags, e.g. -race]
  read -r pkg regexp flags <<< "$test"
  # a later patch written on top of this one goes too ("Proof-also-drops: PATCH...")
  build_patched "$tmp/without-$name" "$name" $(sed -n 's/^Proof-also-drops: //p' "$patches/$name")
  sed "s#^replace $module => .*#replace $module => $tmp/without-$name#" "$repo/go.mod" > "$tmp/go.mod"
  cp "$repo/go.sum" "$tmp/go.sum"
  say "$name: running $regexp in $pkg against the SDK without it (it must fail)"
  if (cd "$repo" && go test -modfile="$tmp/go.mod" -count=1 $flags -run "$regexp" "$pkg" > "$tmp/$name.log" 2>&1); then
    tail -5 "$tmp/$name.log" >&2
    die "$regexp passes without $name: it does not show the bug"
  fi
  grep -E '^\s+[a-z_]+_test\.go:[0-9]+:' "$tmp/$name.log" | head -3 >&2 || true
  say "$name: $regexp fails without it, as it must"
}

check_replace() {
  local replaces
  replaces=$(cd "$repo" && go mod edit -json | grep -c "\"Path\": \"$module\"" || true)
  # one require and one replace: the fork is wired by exactly one replace line
  grep -qx "replace $module => ./$fork" "$repo/go.mod" || die "go.mod lacks the line: replace $module => ./$fork"
  [ "$replaces" = 2 ] || die "go.mod names $module $replaces times; expected its require and one replace"
}

tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp"; rm -rf "$tmp"' EXIT

case "${1:-check}" in
  check)
    check_replace
    build_patched "$tmp/sdk"
    if ! diff -r "$tmp/sdk" "$repo/$fork" > "$tmp/diff"; then
      cat "$tmp/diff" >&2
      die "$fork differs from $module@$version plus $(ls "$patches" | wc -l) patches: change the fork only through a patch file (then scripts/sdk-fork.sh rebuild)"
    fi
    say "$fork is $module@$version plus $(ls "$patches" | wc -l) patches, byte for byte"
    ;;
  rebuild)
    build_patched "$tmp/sdk"
    rm -rf "${repo:?}/$fork"
    cp -r "$tmp/sdk" "$repo/$fork"
    say "rebuilt $fork from $module@$version and $(ls "$patches" | wc -l) patches"
    ;;
  proof)
    shift
    [ $# -gt 0 ] || set -- $(cd "$patches" && ls ./*.patch | sed 's#^\./##')
    for name in "$@"; do prove "$name"; done
    ;;
  *) die "usage: $0 [check|rebuild|proof [PATCH...]]" ;;
esac
