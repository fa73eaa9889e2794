#!/usr/bin/env bash
# make test-cluster: the chart on a real one-node Kubernetes, built and started on this machine.
# Stages (each printed with its time; also appended to $CLUSTER_WORK/timings.tsv):
#   tools          Kubernetes v1.34.4 (+ pause, CoreDNS) built from the Go module proxy into
#                  TOOLS_BIN once (about 10 min on 2 cores), helm; Debian's etcd/containerd/CNI
#   images         the three images (build-images.sh, podman), pause and CoreDNS images FROM
#                  scratch, archives for containerd (written again only when an image changed)
#   cluster up     etcd, control plane, containerd, kubelet, kube-proxy (cluster.sh up), CoreDNS
#   stores         host PostgreSQL/Redis and a FerretDB container, reached by the pods through
#                  socat on the node's address (the in-chart stores' images cannot be had here)
#   install        helm upgrade --install --wait; the gateway runs its HPA minimum from the start
#   helm test      helm test --logs
#   kustomize      both overlays, server-side dry run
#   skaffold       skaffold render for the kind and minikube profiles (skipped, and said so, only
#                  when SKAFFOLD=0; a binary that cannot be built fails the stage)
#   rolling        rollout restart of each Deployment under light load (load.mjs), 0 failures
#   pod deletion   a group session survives the deletion of gateway, user and activity pods
#   memory         each pod's memory (cgroup memory.usage of its containers; no metrics-server)
#   teardown       cluster.sh down, also on failure (trap); the host is left as it was found
# KEEP_CLUSTER=1 leaves the cluster up (cluster.sh down stops it).
source "$(dirname "$0")/lib.sh"
need_root
RUN_NAME=${RUN_NAME:-cluster}
K=$CLUSTER_WORK/k8s
KV=${KUBERNETES_VERSION:-v1.34.4}
B=$TOOLS_BIN/kubernetes-$KV
KUBECTL=$B/kubectl
export KUBECONFIG=$K/kubeconfig/admin.conf
IP=${IP:-$(node_ip)}
export IP
NS=fitness
REL=fitness-tracker
FERRET_PORT=27427
mkdir -p "$K/image-tars" "$K/images/pause" "$K/images/coredns" "$K/run" "$K/logs"
RESULTS=$K/results
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

diag() {
  echo "--- diagnostics" >&2
  "$KUBECTL" get pods -A -o wide >&2 2>&1
  "$KUBECTL" get events -A --sort-by=.lastTimestamp 2>/dev/null | tail -30 >&2
  for p in $("$KUBECTL" -n $NS get pods -o name 2>/dev/null); do
    echo "--- $p" >&2
    "$KUBECTL" -n $NS logs "$p" --all-containers --tail=15 >&2 2>&1
  done
}
finish() {
  local rc=$?
  set +e
  [ $rc = 0 ] || { [ -f "$KUBECONFIG" ] && diag; }
  for f in "$K"/run/load.pid "$K"/run/group.pid; do [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null; rm -f "$f"; done
  stage teardown
  if [ "${KEEP_CLUSTER:-0}" = 1 ]; then
    echo "    KEEP_CLUSTER=1: cluster left up; test/cluster/cluster.sh down stops it"
  else
    "$HERE/cluster.sh" down || { echo "teardown left something behind" >&2; [ $rc != 0 ] || rc=1; }
    podman rm -f -t 5 fitness-k8s-ferretdb >/dev/null 2>&1
  fi
  stage ''
  if [ $rc = 0 ]; then echo "test-cluster: passed in $(($(date +%s) - T0))s"; else echo "test-cluster: FAILED (exit $rc)" >&2; fi
  exit $rc
}
trap finish EXIT
trap 'exit 130' INT TERM

stage tools
ensure_packages containerd etcd-server conntrack socat postgresql-client gcc libc6-dev \
  containernetworking-plugins iptables iproute2
"$ROOT/scripts/install-tools.sh" kubernetes
make -s -C "$ROOT" tools-helm >/dev/null
"$KUBECTL" version --client | sed -n 1p # sed reads all: no SIGPIPE under pipefail

stage images
"$HERE/build-images.sh"
cp "$B/pause" "$K/images/pause/pause"
printf 'FROM scratch\nCOPY pause /pause\nUSER 65535:65535\nENTRYPOINT ["/pause"]\n' >"$K/images/pause/Containerfile"
cmp -s "$B/coredns" "$K/images/coredns/coredns" || cp "$B/coredns" "$K/images/coredns/"
printf 'FROM scratch\nCOPY coredns /coredns\nUSER 65532:65532\nENTRYPOINT ["/coredns"]\n' >"$K/images/coredns/Containerfile"
podman build -q --pull=never --format docker -t registry.k8s.io/pause:3.10.1 "$K/images/pause" >/dev/null
podman build -q --pull=never --format docker -t registry.k8s.io/coredns/coredns:v1.12.1 "$K/images/coredns" >/dev/null
# archives for containerd, written again only when the image changed
save() {
  local id
  id=$(podman image inspect -f '{{.Id}}' "$1")
  if [ -s "$2" ] && [ "$(cat "$2.id" 2>/dev/null)" = "$id" ]; then return 0; fi
  rm -f "$2"
  podman save -q --format docker-archive -o "$2" "$1" >/dev/null && echo "$id" >"$2.id"
  echo "    saved $1"
}
save registry.k8s.io/pause:3.10.1 "$K/image-tars/pause.tar"
save registry.k8s.io/coredns/coredns:v1.12.1 "$K/image-tars/coredns.tar"
for s in "${SERVICES[@]}"; do save "$(image_of "$s")" "$K/image-tars/fitness-$s.tar"; done

stage "cluster up"
"$HERE/cluster.sh" up
"$KUBECTL" apply -f "$HERE/manifests/coredns.yaml" >/dev/null
"$KUBECTL" -n kube-system rollout status deploy/coredns --timeout=120s

stage stores
"$ROOT/scripts/ensure-infra.sh" >/dev/null || die "PostgreSQL/Redis not available (scripts/ensure-infra.sh)"
psql -h 127.0.0.1 -U postgres -qc 'DROP DATABASE IF EXISTS fitness_k8s' >/dev/null 2>&1
psql -h 127.0.0.1 -U postgres -qc 'CREATE DATABASE fitness_k8s' >/dev/null || die "cannot create database fitness_k8s"
redis-cli -n 9 flushdb >/dev/null 2>&1 || true
podman rm -f -t 1 fitness-k8s-ferretdb >/dev/null 2>&1 || true
rm -rf "$K/ferretdb-data"
mkdir -p "$K/ferretdb-data"
chown 1000:1000 "$K/ferretdb-data"
podman run -d --name fitness-k8s-ferretdb --network host --read-only --tmpfs /tmp:rw,size=16m --cap-drop ALL \
  --security-opt no-new-privileges --user 1000:1000 --no-healthcheck --memory 512m \
  -v "$K/ferretdb-data:/state" $FERRETDB_IMAGE --listen-addr=127.0.0.1:$FERRET_PORT --log-level=warn >/dev/null
waitfor "FerretDB on :$FERRET_PORT" 30 bash -c "exec 3<>/dev/tcp/127.0.0.1/$FERRET_PORT" || die "FerretDB did not start"
# pods reach the host's stores at the node's address (the stores listen on loopback only)
for f in "15432 5432" "16379 6379" "27417 $FERRET_PORT"; do
  set -- $f
  nohup socat "TCP-LISTEN:$1,bind=$IP,reuseaddr,fork" "TCP:127.0.0.1:$2" >"$K/logs/socat-$1.log" 2>&1 &
  echo $! >"$K/run/socat-$1.pid"
done
sleep 1
for p in 15432 16379 27417; do
  kill -0 "$(cat "$K/run/socat-$p.pid")" 2>/dev/null || die "socat on $IP:$p: $(cat "$K/logs/socat-$p.log")"
done
sed "s#@IP@#$IP#g" "$HERE/values-cluster.yaml" >"$K/values-cluster.yaml"

stage install
t=$(date +%s)
"$HELM" upgrade --install $REL "$CHART" -n $NS --create-namespace -f "$K/values-cluster.yaml" \
  --wait --timeout 6m || die "helm upgrade --install --wait failed"
echo "    helm upgrade --install --wait: $(($(date +%s) - t))s"
"$KUBECTL" -n $NS get deploy,statefulset,job,hpa,pdb -o wide
hpa_min=$("$KUBECTL" -n $NS get hpa $REL-gateway -o jsonpath='{.spec.minReplicas}')
ready=$("$KUBECTL" -n $NS get deploy $REL-gateway -o jsonpath='{.status.readyReplicas}')
echo "    gateway: $ready ready replicas right after --wait (HPA minimum $hpa_min)"
[ "$ready" = "$hpa_min" ] || die "gateway has $ready ready replicas after --wait, HPA minimum is $hpa_min"
GW_IP=$("$KUBECTL" -n $NS get svc $REL-gateway -o jsonpath='{.spec.clusterIP}')
GW_PORT=$("$KUBECTL" -n $NS get svc $REL-gateway -o jsonpath='{.spec.ports[0].port}')
# from the node, the Service's ClusterIP (kube-proxy's rules): every request reaches a ready
# endpoint, which `kubectl port-forward` (bound to one pod) cannot guarantee across restarts
GW=http://$GW_IP:$GW_PORT
waitfor "gateway Service $GW/readyz" 30 curl -sf -o /dev/null --max-time 3 "$GW/readyz" || die "gateway Service not answering"

stage "helm test"
"$HELM" test $REL -n $NS --logs --timeout 4m || die "helm test --logs failed"
# the pod stays until the next helm test (hook-delete-policy before-hook-creation)
"$KUBECTL" -n $NS get pod $REL-smoke-test -o jsonpath='{.status.phase}{"\n"}'

stage "port-forward smoke"
# the way README tells users to reach it: kubectl port-forward (port 3490: no local stack uses it)
nohup "$KUBECTL" -n $NS port-forward svc/$REL-gateway 3490:$GW_PORT >"$K/logs/port-forward.log" 2>&1 &
echo $! >"$K/run/port-forward.pid"
waitfor "port-forward :3490" 30 curl -sf -o /dev/null --max-time 3 http://127.0.0.1:3490/readyz || die "port-forward did not answer"
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 http://127.0.0.1:3490/healthz)
[ "$code" = 200 ] || die "GET /healthz through the port-forward: $code"
echo "    GET /healthz through kubectl port-forward: 200"
kill "$(cat "$K/run/port-forward.pid")" 2>/dev/null
rm -f "$K/run/port-forward.pid"

stage kustomize
kdir=$(mktemp -d)
cp -r "$ROOT/k8s" "$kdir/"
rm -f "$kdir"/k8s/base/secrets/*.env
"$ROOT/scripts/gen-secrets.sh" k8s "$kdir/k8s/base/secrets" >/dev/null
for o in kind minikube; do
  "$KUBECTL" create namespace fitness-dry-$o --dry-run=client -o yaml | "$KUBECTL" apply -f - >/dev/null
  "$KUBECTL" kustomize "$kdir/k8s/overlays/$o" >"$RESULTS/kustomize-$o.yaml" || die "kustomize $o failed"
  out=$("$KUBECTL" apply --dry-run=server -n fitness-dry-$o -f "$RESULTS/kustomize-$o.yaml" 2>&1) ||
    { echo "$out" >&2; die "server-side dry run of overlay $o failed"; }
  if grep -qi warning <<<"$out"; then echo "$out" | grep -i warning >&2; die "server-side dry run of overlay $o warned"; fi
  echo "    overlay $o: $(grep -c 'server dry run' <<<"$out") objects accepted (server dry run, no warning)"
done
rm -rf "$kdir"

stage skaffold
if [ "${SKAFFOLD:-1}" = 0 ]; then
  echo "    SKAFFOLD=0: skaffold render not run"
else
  "$ROOT/scripts/install-tools.sh" skaffold || die "skaffold could not be built (SKAFFOLD=0 skips this stage)"
  SKAFFOLD_HOME=$K/skaffold-home
  mkdir -p "$SKAFFOLD_HOME"
  HOME=$SKAFFOLD_HOME "$TOOLS_BIN/skaffold" config set --global collect-metrics false >/dev/null
  for p in kind minikube; do
    # skaffold runs helm template (the pinned helm, first on PATH); images by tag, nothing built.
    # Its own HOME: no usage metrics collected, nothing written to the user's ~/.skaffold.
    (cd "$ROOT" && export HOME=$SKAFFOLD_HOME PATH=$TOOLS_BIN:$PATH SKAFFOLD_UPDATE_CHECK=false &&
      "$TOOLS_BIN/skaffold" render --profile $p --offline=true --digest-source=tag \
        >"$RESULTS/skaffold-$p.yaml" 2>"$RESULTS/skaffold-$p.err") ||
      { cat "$RESULTS/skaffold-$p.err" >&2; die "skaffold render --profile $p failed"; }
    # into its own namespace (the overlay's): not an update of the release installed above
    sed -E "s/^( *namespace:) $NS\$/\1 fitness-dry-$p/" "$RESULTS/skaffold-$p.yaml" |
      "$KUBECTL" apply --dry-run=server -f - >/dev/null ||
      die "the render of skaffold profile $p fails the server-side dry run"
    echo "    skaffold render --profile $p: $(grep -c '^kind:' "$RESULTS/skaffold-$p.yaml") objects, server dry run passed"
  done
fi

stage "rolling restart"
rm -f "$K/run/load.stop"
(cd "$ROOT" && GATEWAY_URL=$GW STOP_FILE=$K/run/load.stop READY_FILE=$K/run/load.ready RATE=10 MAX_SECONDS=420 \
  exec node "$HERE/load.mjs") >"$RESULTS/load.json" 2>"$RESULTS/load.err" &
echo $! >"$K/run/load.pid"
waitfor "load running" 30 test -f "$K/run/load.ready" || { cat "$RESULTS/load.err" >&2; die "load did not start"; }
for d in gateway user activity; do
  t=$(date +%s)
  "$KUBECTL" -n $NS rollout restart deploy/$REL-$d >/dev/null
  "$KUBECTL" -n $NS rollout status deploy/$REL-$d --timeout=180s >/dev/null || die "rollout of $d did not finish"
  echo "    rollout restart $d: $(($(date +%s) - t))s"
done
sleep 3
touch "$K/run/load.stop"
lp=$(cat "$K/run/load.pid")
wait "$lp"
lrc=$?
rm -f "$K/run/load.pid"
echo "    load: $(node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1]));console.log(`${r.requests} requests in ${r.seconds}s, ${r.failed} failed, statuses ${JSON.stringify(r.statuses)}, p50 ${r.p50_ms} ms, p99 ${r.p99_ms} ms`)' "$RESULTS/load.json" 2>/dev/null || cat "$RESULTS/load.err")"
[ $lrc = 0 ] || { cat "$RESULTS/load.json" "$RESULTS/load.err" >&2; die "requests failed during the rolling restarts"; }

stage "pod deletion"
rm -f "$K/run/group.ready" "$K/run/group.go"
(cd "$ROOT" && GATEWAY_URL=$GW READY_FILE=$K/run/group.ready GO_FILE=$K/run/group.go MAX_WAIT_SECONDS=300 \
  exec node "$HERE/group-session.mjs") >"$RESULTS/group.out" 2>&1 &
echo $! >"$K/run/group.pid"
waitfor "group session open" 60 test -f "$K/run/group.ready" || { cat "$RESULTS/group.out" >&2; die "group session did not open"; }
# each gateway pod in turn (so both members' sockets are cut), then one user and one activity pod
for p in $("$KUBECTL" -n $NS get pods -l app.kubernetes.io/component=gateway -o name); do
  t=$(date +%s)
  "$KUBECTL" -n $NS delete "$p" --wait=true --timeout=90s >/dev/null
  "$KUBECTL" -n $NS rollout status deploy/$REL-gateway --timeout=120s >/dev/null || die "gateway did not recover"
  echo "    deleted $p; gateway back to full strength after $(($(date +%s) - t))s"
done
for c in user activity; do
  p=$("$KUBECTL" -n $NS get pods -l app.kubernetes.io/component=$c -o name | sed -n 1p)
  "$KUBECTL" -n $NS delete "$p" --wait=true --timeout=90s >/dev/null
  echo "    deleted $p"
done
touch "$K/run/group.go"
gp=$(cat "$K/run/group.pid")
wait "$gp"
grc=$?
rm -f "$K/run/group.pid"
sed 's/^/    /' "$RESULTS/group.out"
[ $grc = 0 ] || die "the group session did not survive the pod deletions"
for c in user activity; do
  "$KUBECTL" -n $NS rollout status deploy/$REL-$c --timeout=120s >/dev/null || die "$c did not recover"
done

stage memory
# no metrics-server (kubectl top): each pod's containers' cgroup memory, read on the node
"$HERE/pod-memory.sh" $NS | tee "$RESULTS/memory.txt"
