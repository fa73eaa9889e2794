#!/usr/bin/env bash
# A one-node Kubernetes for make test-cluster, from binaries built locally
# (scripts/install-tools.sh kubernetes) and Debian's etcd, containerd, runc and CNI plugins;
# the control plane runs as host processes, each recorded by PID.
#   test/cluster/cluster.sh up     start it (images in $CLUSTER_WORK/k8s/image-tars imported)
#   test/cluster/cluster.sh down   stop it and give the host back as it was: processes by PID,
#                                  pods' sandboxes, mounts, network namespaces, cni0, iptables
#                                  chains (KUBE-*, the pods' CNI-*), sysctls, host paths
# `down` is safe to run at any time (also after a failed `up`); its last line says what is left.
# Host ports: etcd 2479/2480 (loopback), apiserver 6443, the kubelet's and kube-proxy's defaults
# 10248-10259 (loopback except 10250); none of them is a port of the local stacks.
source "$(dirname "$0")/lib.sh"
need_root
K=$CLUSTER_WORK/k8s
KV=${KUBERNETES_VERSION:-v1.34.4}
B=$TOOLS_BIN/kubernetes-$KV
P=$K/pki
C=$K/kubeconfig
L=$K/logs
R=$K/run
S=/run/fitness-k8s-containerd
CTR="ctr -a $S/containerd.sock -n k8s.io"
IP=${IP:-$(node_ip)}
export KUBECONFIG=$C/admin.conf
mkdir -p "$K/etc" "$K/cni/net.d" "$L" "$R"

start() {
  local n=$1
  shift
  nohup "$@" >"$L/$n.log" 2>&1 &
  echo $! >"$R/$n.pid"
  echo "    started $n (pid $!)"
}
alive() { [ -f "$R/$1.pid" ] && kill -0 "$(cat "$R/$1.pid")" 2>/dev/null; }
stop() {
  local f=$R/$1.pid p i
  [ -f "$f" ] || return 0
  p=$(cat "$f")
  if kill "$p" 2>/dev/null; then
    for ((i = 0; i < 40; i++)); do kill -0 "$p" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$p" 2>/dev/null && kill -9 "$p" 2>/dev/null
    echo "    stopped $1 ($p)"
  fi
  rm -f "$f"
}

write_configs() {
  cat >"$K/etc/containerd.toml" <<EOF
version = 2
root = "$K/containerd/root"
state = "$S"
[grpc]
  address = "$S/containerd.sock"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "registry.k8s.io/pause:3.10.1"
  # no CAP_SYS_RESOURCE on this machine kind: runc cannot lower oom_score_adj (pause wants -998)
  restrict_oom_score_adj = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$K/cni/net.d"
EOF
  cat >"$K/etc/kubelet.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
authentication:
  anonymous: { enabled: false }
  webhook: { enabled: true }
  x509: { clientCAFile: $P/ca.crt }
authorization: { mode: Webhook }
cgroupDriver: cgroupfs
containerRuntimeEndpoint: unix://$S/containerd.sock
clusterDNS: [10.96.0.10]
clusterDomain: cluster.local
failSwapOn: false
resolvConf: /etc/resolv.conf
podLogsDir: $K/pod-logs
rotateCertificates: false
serializeImagePulls: false
# the host's memory and disk are shared with the other work on this machine
evictionHard: { memory.available: "200Mi", nodefs.available: "5%", imagefs.available: "5%" }
imageGCHighThresholdPercent: 95
healthzBindAddress: 127.0.0.1
healthzPort: 10248
EOF
  cat >"$K/cni/net.d/10-fitness-bridge.conflist" <<'EOF'
{
  "cniVersion": "0.4.0",
  "name": "fitness-pod-network",
  "plugins": [
    { "type": "bridge", "bridge": "cni0", "isGateway": true, "ipMasq": true, "hairpinMode": true,
      "ipam": { "type": "host-local", "ranges": [[{ "subnet": "10.244.0.0/24" }]], "routes": [{ "dst": "0.0.0.0/0" }] } },
    { "type": "portmap", "capabilities": { "portMappings": true } }
  ]
}
EOF
}

up() {
  local n
  for n in etcd kube-apiserver kube-controller-manager kube-scheduler containerd kubelet kube-proxy; do
    alive $n && die "$n already runs (pid $(cat "$R/$n.pid")): test/cluster/cluster.sh down first"
  done
  [ -x "$B/kubelet" ] || die "Kubernetes binaries missing in $B: scripts/install-tools.sh kubernetes"
  write_configs
  # host state that down gives back: sysctls the kubelet and kube-proxy set, paths they create
  [ -f "$R/sysctl.orig" ] || for s in net.ipv4.conf.all.route_localnet vm.overcommit_memory vm.panic_on_oom \
    kernel.panic kernel.panic_on_oops kernel.keys.root_maxkeys kernel.keys.root_maxbytes \
    net.bridge.bridge-nf-call-iptables net.ipv4.ip_forward; do
    if v=$(sysctl -n $s 2>/dev/null); then echo "$s $v"; fi
  done >"$R/sysctl.orig"
  [ -f "$R/host-paths" ] || for d in /var/lib/kubelet /var/log/pods /var/log/containers /var/lib/cni; do
    [ -e $d ] || echo $d
  done >"$R/host-paths"
  # etcd data of an earlier run is dropped: every run starts from an empty cluster
  rm -rf "$K/etcd-data"
  if [ ! -f "$P/ca.crt" ] || [ "$(cat "$P/ip" 2>/dev/null)" != "$IP" ]; then
    rm -rf "$P" "$C"
    "$B/kubeadm" init phase certs all --cert-dir "$P" --apiserver-advertise-address "$IP" \
      --service-cidr 10.96.0.0/16 --apiserver-cert-extra-sans 127.0.0.1,localhost >"$L/kubeadm.log" 2>&1
    "$B/kubeadm" init phase kubeconfig all --cert-dir "$P" --kubeconfig-dir "$C" \
      --apiserver-advertise-address "$IP" --node-name fitness-node >>"$L/kubeadm.log" 2>&1
    echo "$IP" >"$P/ip"
  fi
  start etcd etcd --name fitness --data-dir "$K/etcd-data" --listen-client-urls http://127.0.0.1:2479 \
    --advertise-client-urls http://127.0.0.1:2479 --listen-peer-urls http://127.0.0.1:2480 \
    --initial-advertise-peer-urls http://127.0.0.1:2480 --initial-cluster fitness=http://127.0.0.1:2480
  waitfor etcd 60 curl -sf http://127.0.0.1:2479/health || die "etcd did not start ($L/etcd.log)"
  start kube-apiserver "$B/kube-apiserver" --advertise-address="$IP" --secure-port=6443 \
    --etcd-servers=http://127.0.0.1:2479 --service-cluster-ip-range=10.96.0.0/16 \
    --client-ca-file="$P/ca.crt" --tls-cert-file="$P/apiserver.crt" --tls-private-key-file="$P/apiserver.key" \
    --kubelet-client-certificate="$P/apiserver-kubelet-client.crt" --kubelet-client-key="$P/apiserver-kubelet-client.key" \
    --kubelet-preferred-address-types=InternalIP \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local \
    --service-account-key-file="$P/sa.pub" --service-account-signing-key-file="$P/sa.key" \
    --authorization-mode=Node,RBAC --enable-admission-plugins=NodeRestriction --allow-privileged=true \
    --enable-bootstrap-token-auth=true \
    --requestheader-client-ca-file="$P/front-proxy-ca.crt" --proxy-client-cert-file="$P/front-proxy-client.crt" \
    --proxy-client-key-file="$P/front-proxy-client.key" --requestheader-allowed-names=front-proxy-client \
    --requestheader-extra-headers-prefix=X-Remote-Extra- --requestheader-group-headers=X-Remote-Group \
    --requestheader-username-headers=X-Remote-User
  waitfor kube-apiserver 90 "$B/kubectl" --kubeconfig "$C/super-admin.conf" get --raw /readyz ||
    die "kube-apiserver did not start ($L/kube-apiserver.log)"
  "$B/kubectl" --kubeconfig "$C/super-admin.conf" create clusterrolebinding kubeadm:cluster-admins \
    --clusterrole=cluster-admin --group=kubeadm:cluster-admins >/dev/null 2>&1 || true
  start kube-controller-manager "$B/kube-controller-manager" --kubeconfig="$C/controller-manager.conf" \
    --authentication-kubeconfig="$C/controller-manager.conf" --authorization-kubeconfig="$C/controller-manager.conf" \
    --bind-address=127.0.0.1 --client-ca-file="$P/ca.crt" --requestheader-client-ca-file="$P/front-proxy-ca.crt" \
    --cluster-signing-cert-file="$P/ca.crt" --cluster-signing-key-file="$P/ca.key" --root-ca-file="$P/ca.crt" \
    --service-account-private-key-file="$P/sa.key" --use-service-account-credentials=true --leader-elect=false \
    --controllers='*,bootstrapsigner,tokencleaner' --service-cluster-ip-range=10.96.0.0/16
  start kube-scheduler "$B/kube-scheduler" --kubeconfig="$C/scheduler.conf" \
    --authentication-kubeconfig="$C/scheduler.conf" --authorization-kubeconfig="$C/scheduler.conf" \
    --bind-address=127.0.0.1 --leader-elect=false
  start containerd containerd --config "$K/etc/containerd.toml"
  waitfor containerd 30 $CTR version || die "containerd did not start ($L/containerd.log)"
  local t
  for t in "$K"/image-tars/*.tar; do
    [ -e "$t" ] || continue
    $CTR images import "$t" >/dev/null || die "ctr import $t failed"
  done
  echo "    imported $(find "$K/image-tars" -name '*.tar' | wc -l) images into containerd"
  start kubelet "$B/kubelet" --config="$K/etc/kubelet.yaml" --kubeconfig="$C/kubelet.conf" --node-ip="$IP" \
    --hostname-override=fitness-node --root-dir="$K/kubelet-root" --cert-dir="$K/kubelet-root/pki"
  start kube-proxy "$B/kube-proxy" --kubeconfig="$C/super-admin.conf" --hostname-override=fitness-node \
    --cluster-cidr=10.244.0.0/16 --proxy-mode=iptables --conntrack-max-per-core=0 \
    --metrics-bind-address=127.0.0.1:10249 --healthz-bind-address=127.0.0.1:10256
  waitfor "node Ready" 120 "$B/kubectl" wait --for=condition=Ready node/fitness-node --timeout=1s ||
    die "the node did not become Ready ($L/kubelet.log)"
}

down() {
  set +e
  stop port-forward
  if alive kube-apiserver; then
    # The whole cluster goes: no pod needs its graceful termination (the harness tested that
    # already), so they are killed at once rather than namespace by namespace after their grace.
    "$B/kubectl" delete ns fitness fitness-dry-kind fitness-dry-minikube --ignore-not-found --wait=false >/dev/null 2>&1
    "$B/kubectl" delete pods -A --all --grace-period=0 --force --wait=true --timeout=60s >/dev/null 2>&1
    "$B/kubectl" wait --for=delete ns/fitness ns/fitness-dry-kind ns/fitness-dry-minikube --timeout=90s >/dev/null 2>&1
    # the kubelet stops each sandbox (CNI DEL: veth, address, masquerade rules, netns)
    if alive kubelet; then
      for ((i = 0; i < 30; i++)); do ip netns list | grep -q '^cni-' || break; sleep 1; done
    fi
  fi
  stop kubelet
  stop kube-proxy
  stop kube-scheduler
  stop kube-controller-manager
  stop kube-apiserver
  stop etcd
  [ -x "$B/kube-proxy" ] && "$B/kube-proxy" --cleanup >/dev/null 2>&1
  if alive containerd; then
    for t in $($CTR tasks ls -q 2>/dev/null); do $CTR tasks kill -s KILL "$t" >/dev/null 2>&1; sleep 0.3; $CTR tasks delete "$t" >/dev/null 2>&1; done
    for c in $($CTR containers ls -q 2>/dev/null); do $CTR containers delete "$c" >/dev/null 2>&1; done
  fi
  stop containerd
  # shims of this containerd (their command line names its socket), by PID
  for p in $(pgrep -f -- "-address $S/containerd.sock"); do echo "    leftover shim $p"; kill "$p"; done
  for f in "$R"/socat-*.pid; do [ -f "$f" ] && stop "$(basename "$f" .pid)"; done
  # mounts of the kubelet (volumes), containerd (rootfs, shm) and the pods' netns, deepest first
  mount | awk -v w="$K/" -v s="$S/" 'index($3, w) == 1 || index($3, s) == 1 {print $3}' | sort -r | xargs -r -n1 umount -l
  for n in $(ip netns list | awk '/^cni-/{print $1}'); do ip netns delete "$n"; done
  ip link delete cni0 2>/dev/null
  rm -rf /var/lib/cni/networks/fitness-pod-network "$S"
  [ -f "$R/host-paths" ] && xargs -r rm -rf <"$R/host-paths" && rm -f "$R/host-paths"
  # every KUBE-* chain (kube-proxy --cleanup leaves the kubelet's) and the pods' masquerade chains
  for ipt in iptables ip6tables; do
    for t in filter nat mangle; do
      cni=$($ipt -t $t -S 2>/dev/null | grep -E '^-A [A-Z]+ .*fitness-pod-network.*-j CNI-' | sed -E 's/.*-j (CNI-[^ ]+).*/\1/' | sort -u)
      $ipt -t $t -S 2>/dev/null | grep -E '^-A [A-Z]+ .*(-j KUBE-|fitness-pod-network)' |
        while read -r r; do eval "$ipt -t $t ${r/#-A/-D}"; done
      for c in $cni; do $ipt -t $t -F "$c"; $ipt -t $t -X "$c"; done
      for c in $($ipt -t $t -S 2>/dev/null | awk '$1 == "-N" && $2 ~ /^KUBE-/ {print $2}'); do $ipt -t $t -F "$c"; done
      for c in $($ipt -t $t -S 2>/dev/null | awk '$1 == "-N" && $2 ~ /^KUBE-/ {print $2}'); do $ipt -t $t -X "$c"; done
    done
  done
  if [ -f "$R/sysctl.orig" ]; then
    while read -r k v; do sysctl -qw "$k=$v" 2>/dev/null; done <"$R/sysctl.orig"
    rm -f "$R/sysctl.orig"
  fi
  local left n_chains
  left=$(for f in "$R"/*.pid; do [ -f "$f" ] && basename "$f" .pid; done)
  n_chains=$(for ipt in iptables ip6tables; do $ipt-save 2>/dev/null; done | grep -c -- '^:KUBE-\|fitness-pod-network')
  echo "    cluster down: pid files left: ${left:-none}; KUBE chains and pod-network rules: $n_chains; cni0: $(ip link show cni0 >/dev/null 2>&1 && echo present || echo gone); pod netns: $(ip netns list | grep -c '^cni-'); mounts: $(mount | grep -c -e "$K/" -e "$S/"); route_localnet=$(cat /proc/sys/net/ipv4/conf/all/route_localnet)"
  [ -z "$left" ] && [ "$n_chains" = 0 ]
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
