# Shared settings of the local Steampipe stack scripts; sourced, not run.
STEAMPIPE_VERSION=v1.2.0
FDW_VERSION=v1.13.0
POWERPIPE_VERSION=v1.5.2
CACHE=${PARTNERTAP_CACHE:-$HOME/.cache/steampipe-plugin-partnertap}
SP_USER=${PARTNERTAP_SP_USER:-steampipe}
SP_HOME=${PARTNERTAP_SP_HOME:-/home/$SP_USER}
SP_INSTALL_DIR=$SP_HOME/.steampipe
# The connection the stack installs: the sandbox's demo key and address unless told otherwise.
PARTNERTAP_API_KEY=${PARTNERTAP_API_KEY:-3f6c1c52-7d0e-4a51-9b3e-5d1f0a2b7c41}
PARTNERTAP_BASE_URL=${PARTNERTAP_BASE_URL:-http://127.0.0.1:8787}
