#!/usr/bin/env bash
# make test-images: build the three images (build-images.sh), run them the way the chart runs
# their pods, and use them:
#   1. `helm template` with test/cluster/values-images.yaml; every container's podman options
#      come from that render (podman-args.mjs: env, ConfigMap and Secret values, user, read-only
#      root, dropped capabilities, no-new-privileges, tmpfs /tmp, memory/CPU limits, grace period)
#   2. the host's PostgreSQL and Redis (scripts/ensure-infra.sh) and a FerretDB container
#   3. the migrations Job's container, then user, activity and gateway; each ready (/readyz)
#   4. the chart's `helm test` pod (files/smoke-test.mjs) run from its own render against the
#      containerised gateway: register, login, profile, goal, workout, statistics and a Socket.IO
#      group session round trip (create, chat relayed, end)
#   5. SIGTERM to each container (podman stop): exit code 0 within the pod's grace period
# The containers share the host's network on ports no local stack uses (values-images.yaml);
# the chart's Service names are mapped to 127.0.0.1 (--add-host). Everything started is removed
# on exit, also on failure. Needs root. KEEP_IMAGES_UP=1 leaves the containers running.
source "$(dirname "$0")/lib.sh"
need_root
RUN_NAME=${RUN_NAME:-images}
W=$CLUSTER_WORK/images
mkdir -p "$W"
PREFIX=fitness-img
CONTAINERS=($PREFIX-gateway $PREFIX-activity $PREFIX-user $PREFIX-migrate $PREFIX-smoke $PREFIX-ferretdb)
FERRET_PORT=27327

cleanup() {
  local rc=$?
  stage cleanup
  if [ $rc != 0 ]; then
    for c in $PREFIX-user $PREFIX-activity $PREFIX-gateway; do
      podman container exists $c 2>/dev/null && { echo "--- logs of $c" >&2; podman logs --tail 25 $c >&2 2>&1 || true; }
    done
  fi
  if [ "${KEEP_IMAGES_UP:-0}" != 1 ]; then
    for c in "${CONTAINERS[@]}"; do podman rm -f -t 5 "$c" >/dev/null 2>&1 || true; done
  fi
  stage ''
  [ $rc = 0 ] && echo "test-images: passed in $(($(date +%s) - T0))s" || echo "test-images: FAILED (exit $rc)" >&2
  exit $rc
}
trap cleanup EXIT

stage "build images"
"$HERE/build-images.sh"

stage "render chart"
[ -x "$HELM" ] || die "helm missing at $HELM: make tools-helm"
"$HELM" template fitness-tracker "$CHART" --namespace fitness \
  -f "$HERE/values-images.yaml" >"$W/render.yaml" || die "helm template failed"
args() { node "$HERE/podman-args.mjs" "$W/render.yaml" "$@" >"$W/args-${1//\//-}.json" || die "podman-args $*"; }
args Deployment/fitness-tracker-gateway
args Deployment/fitness-tracker-user
args Deployment/fitness-tracker-activity
args Job/fitness-tracker-user-migrate
args Pod/fitness-tracker-smoke-test
# run NAME ARGS_JSON [extra podman options...]: podman run with the rendered options
run() {
  local name=$1 json=$W/args-$2.json
  shift 2
  local opts=() h
  mapfile -t opts < <(node -e 'for (const a of JSON.parse(require("fs").readFileSync(process.argv[1])).args) console.log(a)' "$json")
  for h in $(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).hosts.join(" "))' "$json"); do
    opts=(--add-host "$h:127.0.0.1" "${opts[@]}")
  done
  podman run --name "$name" --network host --pull=never --no-healthcheck "$@" "${opts[@]}"
}
for c in "${CONTAINERS[@]}"; do podman rm -f -t 1 "$c" >/dev/null 2>&1 || true; done

stage "stores"
"$ROOT/scripts/ensure-infra.sh" >/dev/null || die "PostgreSQL/Redis not available (scripts/ensure-infra.sh)"
psql -h 127.0.0.1 -U postgres -qc 'DROP DATABASE IF EXISTS fitness_images' >/dev/null
psql -h 127.0.0.1 -U postgres -qc 'CREATE DATABASE fitness_images' >/dev/null || die "cannot create database fitness_images"
redis-cli -n 8 flushdb >/dev/null 2>&1 || true
rm -rf "$W/ferretdb-data"
mkdir -p "$W/ferretdb-data"
chown 1000:1000 "$W/ferretdb-data"
podman run -d --name $PREFIX-ferretdb --network host --read-only --tmpfs /tmp:rw,size=16m --cap-drop ALL \
  --security-opt no-new-privileges --user 1000:1000 --no-healthcheck --memory 512m \
  -v "$W/ferretdb-data:/state" $FERRETDB_IMAGE --listen-addr=127.0.0.1:$FERRET_PORT --log-level=warn >/dev/null
waitfor "FerretDB on :$FERRET_PORT" 30 bash -c "exec 3<>/dev/tcp/127.0.0.1/$FERRET_PORT"

stage "migrate"
run $PREFIX-migrate Job-fitness-tracker-user-migrate --rm || die "the migrations Job's container failed"

stage "start services"
grace() { node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).grace)' "$W/args-Deployment-fitness-tracker-$1.json"; }
run $PREFIX-user Deployment-fitness-tracker-user -d >/dev/null
run $PREFIX-activity Deployment-fitness-tracker-activity -d >/dev/null
run $PREFIX-gateway Deployment-fitness-tracker-gateway -d >/dev/null
# ready = /readyz of each (user and activity on their metrics ports, the gateway on its port)
for u in 9391/readyz 9392/readyz 3390/readyz; do
  waitfor "127.0.0.1:$u" 90 curl -sf -o /dev/null --max-time 3 "http://127.0.0.1:$u" || die "not ready: $u"
done
for c in user activity gateway; do
  echo "    $PREFIX-$c: $(podman inspect -f 'user={{.Config.User}} readonly={{.HostConfig.ReadonlyRootfs}} caps_dropped={{.HostConfig.CapDrop}} memory={{.HostConfig.Memory}} stop_timeout={{.Config.StopTimeout}}' $PREFIX-$c)"
done

stage "smoke + socket.io"
# the chart's helm test pod, with its rendered environment (GATEWAY_URL -> the gateway's Service name)
run $PREFIX-smoke Pod-fitness-tracker-smoke-test --rm || die "smoke test (the chart's helm test pod) failed"

stage "sigterm"
for c in gateway activity user; do
  g=$(grace "$c")
  t=$(date +%s%N)
  podman stop -t "$g" $PREFIX-$c >/dev/null
  ms=$((($(date +%s%N) - t) / 1000000))
  code=$(podman inspect -f '{{.State.ExitCode}}' $PREFIX-$c)
  echo "    $PREFIX-$c: SIGTERM -> exit $code after ${ms} ms (grace ${g}s)"
  [ "$code" = 0 ] || { podman logs --tail 15 $PREFIX-$c >&2; die "$c exited $code on SIGTERM"; }
  [ "$ms" -lt $((g * 1000)) ] || die "$c took ${ms} ms, beyond its ${g}s grace period (killed)"
done
