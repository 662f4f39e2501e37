# Shared helpers of the stack scripts; sourced, not run.
say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# install_packages installs Debian's PostgreSQL 15 and what building an FDW needs, once.
install_packages() {
  local missing=() pkg
  for pkg in postgresql-15 postgresql-server-dev-15 gettext rsync make gcc curl; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  if [ ${#missing[@]} -eq 0 ]; then say "apt packages: present"; return; fi
  say "installing apt packages: ${missing[*]}"
  apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || die "apt-get install ${missing[*]} failed"
  # The server and its headers must be the same version for an FDW to load.
  local server dev
  server=$(dpkg-query -W -f='${Version}' postgresql-15)
  dev=$(dpkg-query -W -f='${Version}' postgresql-server-dev-15)
  [ "$server" = "$dev" ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "postgresql-server-dev-15=$server" >/dev/null \
    || die "postgresql-server-dev-15 $dev does not match the server $server"
}

# module_copy MODULE VERSION DEST: a writable copy of a module's source from the Go module proxy.
module_copy() {
  local module=$1 version=$2 dest=$3 dir
  dir=$(cd /tmp && GOFLAGS= go mod download -json "$module@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -n "$dir" ] && [ -d "$dir" ] || die "go mod download $module@$version failed"
  rm -rf "$dest"
  mkdir -p "$(dirname "$dest")"
  cp -r "$dir" "$dest"
  chmod -R u+w "$dest"
}
