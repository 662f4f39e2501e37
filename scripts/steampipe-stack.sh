#!/usr/bin/env bash
# Provisions the local Steampipe stack on this machine, as root, idempotently:
#   Debian's PostgreSQL 15, Steampipe v1.2.0 and its FDW v1.13.0 built from the Go module proxy
#   (cached by version outside the repo), an unprivileged user to run Steampipe as (it refuses
#   root), its install folder using Debian's PostgreSQL, and this checkout's plugin installed as
#   local/partnertap with a connection pointed at PARTNERTAP_BASE_URL (the sandbox by default).
# Usage: scripts/steampipe-stack.sh            provision (or refresh) everything
#        scripts/steampipe-stack.sh plugin     rebuild and reinstall only the plugin and its .spc
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
# shellcheck source=scripts/steampipe-env.sh
. "$here/steampipe-env.sh"

. "$here/lib.sh"

[ "$(id -u)" = 0 ] || die "run as root: it installs packages and creates the $SP_USER user"

create_user() {
  if ! id "$SP_USER" >/dev/null 2>&1; then
    say "creating user $SP_USER"
    useradd --create-home --home-dir "$SP_HOME" --shell /bin/bash "$SP_USER"
  fi
  usermod -a -G postgres "$SP_USER"
  install -d -o postgres -g postgres -m 2775 /var/run/postgresql
}

# lay_out_database makes Steampipe's database folder point at Debian's PostgreSQL 15 and our FDW.
lay_out_database() {
  local x=$SP_INSTALL_DIR/db/14.17.0/postgres fdw=$CACHE/fdw-$FDW_VERSION
  say "laying out $SP_INSTALL_DIR with Debian's PostgreSQL 15"
  mkdir -p "$x/lib/postgresql/15" "$x/share/postgresql/extension" "$x/share/postgresql/15"
  rsync -a --delete /usr/lib/postgresql/15/bin/ "$x/lib/postgresql/15/bin/"
  rsync -a /usr/lib/postgresql/15/lib/ "$x/lib/postgresql/15/lib/"
  rsync -a /usr/share/postgresql/15/ "$x/share/postgresql/15/"
  ln -sfn lib/postgresql/15/bin "$x/bin"
  cp "$fdw/steampipe_postgres_fdw.so" "$x/lib/postgresql/"
  cp "$fdw/steampipe_postgres_fdw.control" "$fdw/steampipe_postgres_fdw--1.0.sql" "$x/share/postgresql/extension/"
  ln -sfn ../../steampipe_postgres_fdw.so "$x/lib/postgresql/15/lib/steampipe_postgres_fdw.so"
  for f in steampipe_postgres_fdw.control steampipe_postgres_fdw--1.0.sql; do
    ln -sfn "../../extension/$f" "$x/share/postgresql/15/extension/$f"
  done
  cat > "$SP_INSTALL_DIR/db/versions.json" <<JSON
{"fdw_extension":{"name":"fdw","version":"1.13.0","image_digest":"local-build","struct_version":20220411},"embedded_db":{"name":"embeddedDB","version":"14.17.0","image_digest":"sha256:4d66131a30139b2b912abe17bcd93c6b4e6a89224874960fea0f141ca51168e7","struct_version":20220411},"struct_version":20220411}
JSON
}

install_steampipe() {
  mkdir -p "$SP_HOME/bin"
  install -m 0755 "$CACHE/steampipe-$STEAMPIPE_VERSION/steampipe" "$SP_HOME/bin/steampipe"
}

install_plugin() {
  say "building the plugin from $repo"
  mkdir -p "$SP_INSTALL_DIR/plugins/local/partnertap" "$SP_INSTALL_DIR/config"
  (cd "$repo" && go build -ldflags "-X github.com/partnertap-oss/steampipe-plugin-partnertap/partnertap.Version=$(cat VERSION)" \
    -o "$SP_INSTALL_DIR/plugins/local/partnertap/partnertap.plugin.tmp" .) || die "building the plugin failed"
  mv "$SP_INSTALL_DIR/plugins/local/partnertap/partnertap.plugin.tmp" "$SP_INSTALL_DIR/plugins/local/partnertap/partnertap.plugin"
  cat > "$SP_INSTALL_DIR/config/partnertap.spc" <<SPC
connection "partnertap" {
  plugin   = "local/partnertap"
  api_key  = "$PARTNERTAP_API_KEY"
  base_url = "$PARTNERTAP_BASE_URL"
}
SPC
  chown -R "$SP_USER:$SP_USER" "$SP_HOME"
}

case "${1:-all}" in
  plugin)
    install_plugin
    ;;
  all)
    install_packages
    "$here/build-steampipe-tools.sh" steampipe fdw
    create_user
    install_steampipe
    lay_out_database
    install_plugin
    say "ready: run queries with scripts/steampipe query \"select ...\""
    ;;
  *) die "usage: $0 [all|plugin]" ;;
esac
