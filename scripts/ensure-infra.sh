#!/usr/bin/env bash
# Makes sure PostgreSQL (127.0.0.1:5432, user postgres without password) and Redis (127.0.0.1:6379)
# answer. Uses the ones already listening; otherwise installs Debian's packages and starts local,
# throwaway servers (PostgreSQL with trust auth on loopback only). Needs root (or sudo) to install.
set -euo pipefail
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() {
  local port=$1 what=$2
  for _ in $(seq 1 60); do listening "$port" && return 0; sleep 0.5; done
  echo "ensure-infra: $what did not start listening on 127.0.0.1:$port" >&2
  exit 1
}

apt_updated=""
apt_install() {
  [ -n "$apt_updated" ] || { $SUDO apt-get update -qq; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

if listening 6379; then
  echo "ensure-infra: Redis is listening on 127.0.0.1:6379"
else
  command -v redis-server >/dev/null || { echo "ensure-infra: installing redis-server"; apt_install redis-server; }
  echo "ensure-infra: starting Redis on 127.0.0.1:6379 (no persistence)"
  $SUDO mkdir -p /var/lib/redis /var/log/redis
  $SUDO redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/fitness.log
  wait_for 6379 Redis
fi

if listening 5432; then
  echo "ensure-infra: PostgreSQL is listening on 127.0.0.1:5432"
else
  if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    echo "ensure-infra: installing postgresql"
    apt_install postgresql
  fi
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  if ! ls /etc/postgresql/"$version"/main >/dev/null 2>&1; then
    $SUDO pg_createcluster "$version" main >/dev/null
  fi
  hba=/etc/postgresql/$version/main/pg_hba.conf
  if ! grep -q '# fitness-tracker' "$hba"; then
    # A local development server: trust connections from this machine only.
    $SUDO sed -i '1i # fitness-tracker: local development server, loopback only\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
  fi
  echo "ensure-infra: starting PostgreSQL $version on 127.0.0.1:5432"
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start
  wait_for 5432 PostgreSQL
fi
