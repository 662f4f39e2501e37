# Shared helpers of the stack scripts; sourced, not run.
say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# apt_install installs the Debian packages it is given that are missing.
apt_install() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  if [ ${#missing[@]} -eq 0 ]; then say "apt packages: present ($*)"; return; fi
  say "installing apt packages: ${missing[*]}"
  apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || die "apt-get install ${missing[*]} failed"
}

# install_test_packages installs what the unit tests run besides Go: Python and Debian's requests,
# for PartnerTap's official Python example (internal/officialclient).
install_test_packages() { apt_install python3 python3-requests; }

# install_packages installs Debian's PostgreSQL 15 and what building an FDW needs, once.
install_packages() {
  apt_install postgresql-15 postgresql-server-dev-15 gettext rsync make gcc curl
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

# wait_for_sandbox PORT LOG: waits up to 10 s for the sandbox on PORT to answer; LOG is its output.
wait_for_sandbox() {
  for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$1/_sandbox/health" && return; sleep 0.1; done
  die "the sandbox on port $1 did not start: $(cat "$2")"
}

# start_sandbox_and_service PORT: the sandbox on PORT and the Steampipe service on 9193, both
# stopped when the calling script exits. Needs steampipe-stack.sh to have run with
# PARTNERTAP_BASE_URL=http://127.0.0.1:PORT.
start_sandbox_and_service() {
  local port=$1 repo
  repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
    die "port $port is in use; stop what listens there or choose another port"
  fi
  say "starting the sandbox PartnerTap server on http://127.0.0.1:$port"
  mkdir -p "$repo/bin"
  (cd "$repo" && go build -o bin/partnertap-sandbox ./cmd/partnertap-sandbox)
  "$repo/bin/partnertap-sandbox" -port "$port" > "$repo/bin/sandbox.log" 2>&1 &
  SANDBOX_PID=$!
  trap 'stop_sandbox_and_service' EXIT
  wait_for_sandbox "$port" "$repo/bin/sandbox.log"
  say "starting the Steampipe service"
  "$repo/scripts/steampipe" service stop --force >/dev/null 2>&1 || true
  "$repo/scripts/steampipe" service start --database-listen local --database-port 9193 >/dev/null \
    || die "steampipe service start failed"
  wait_for_connections "$repo"
}

# wait_for_connections REPO: Steampipe imports connections after its service starts, a dynamic
# schema once the plugin has read the org's /columns: wait until none is still loading (3 minutes).
wait_for_connections() {
  local repo=$1 loading
  for _ in $(seq 180); do
    loading=$("$repo/scripts/steampipe" query --output csv --header=false \
      "select count(*) from steampipe_internal.steampipe_connection where state not in ('ready', 'error')" 2>/dev/null || echo 1)
    [ "$loading" = 0 ] && return 0
    sleep 1
  done
  die "Steampipe's connections were still loading after 3 minutes"
}

stop_sandbox_and_service() {
  local repo
  repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  "$repo/scripts/steampipe" service stop --force >/dev/null 2>&1 || true
  [ -z "${SANDBOX_PID:-}" ] || kill "$SANDBOX_PID" 2>/dev/null || true
}
