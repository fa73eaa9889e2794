# Shared by test/cluster/*.sh (sourced): work dir, tools, stage timing, bounded waits.
# Work dir CLUSTER_WORK (default /var/tmp/fitness-tracker-cluster): podman config, base image
# sources, FerretDB data, the cluster's state and logs. Built tools live in TOOLS_BIN (like helm
# and FerretDB), so a second run finds them.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE=$ROOT/test/cluster
export TOOLS_BIN=${TOOLS_BIN:-$HOME/.cache/fitness-tracker/bin}
export CLUSTER_WORK=${CLUSTER_WORK:-/var/tmp/fitness-tracker-cluster}
HELM=${HELM:-$TOOLS_BIN/helm}
CHART=$ROOT/charts/fitness-tracker
mkdir -p "$CLUSTER_WORK"
# podman settings this machine kind needs, for this project's podman only (the host's
# /etc/containers is left alone): see test/cluster/containers.conf
export CONTAINERS_CONF=$HERE/containers.conf

# Image names: the chart's defaults (`fitness-<svc>:<appVersion>`, unqualified = docker.io/library).
APP_VERSION=$(sed -n "s/^appVersion: *['\"]\{0,1\}\([^'\"]*\)['\"]\{0,1\}$/\1/p" "$CHART/Chart.yaml")
image_of() { echo "docker.io/library/fitness-$1:$APP_VERSION"; }
SERVICES=(gateway user activity)
FERRETDB_IMAGE=localhost/fitness-ferretdb:1.24.2

T0=$(date +%s)
STAGE=
STAGE_T=$T0
TIMINGS=${TIMINGS:-$CLUSTER_WORK/timings.tsv}
# stage NAME: ends the previous stage (prints and records its time) and starts NAME
stage() {
  local now
  now=$(date +%s)
  if [ -n "$STAGE" ]; then
    printf '=== %-28s done in %4ss\n' "$STAGE" $((now - STAGE_T))
    printf '%s\t%s\t%s\n' "${RUN_NAME:-run}" "$STAGE" $((now - STAGE_T)) >>"$TIMINGS"
  fi
  STAGE=$1
  STAGE_T=$now
  [ -z "$STAGE" ] || printf '=== %-28s (t=%ss)\n' "$STAGE" $((now - T0))
}
die() {
  echo "FAIL${STAGE:+ [$STAGE]}: $*" >&2
  exit 1
}
# need CMD HOW: a clear failure (never a skip) when a tool is missing
need() { command -v "$1" >/dev/null 2>&1 || die "$1 is required: $2"; }
# waitfor DESCRIPTION SECONDS COMMAND...: polls once a second, bounded
waitfor() {
  local what=$1 max=$2 i
  shift 2
  for ((i = 1; i <= max; i++)); do
    if "$@" >/dev/null 2>&1; then
      echo "    $what: up after ${i}s"
      return 0
    fi
    sleep 1
  done
  echo "    $what: NOT up after ${max}s" >&2
  return 1
}
need_root() { [ "$(id -u)" = 0 ] || die "run as root (podman storage, containerd, iptables)"; }

# Debian packages the harness uses; installed when missing (CI and a new machine)
ensure_packages() {
  local missing=() p
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} = 0 ] && return 0
  echo "    installing Debian packages: ${missing[*]}"
  apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
    die "apt-get install ${missing[*]} failed"
}

# node address the pods reach the host's stores at (socat listens there)
node_ip() { hostname -I | awk '{print $1}'; }
