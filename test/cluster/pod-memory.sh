#!/usr/bin/env bash
# Memory of each pod of a namespace and of the control plane, without metrics-server (no
# `kubectl top`): the containers' cgroups read on the node (cgroup v1 memory.usage_in_bytes and
# the working set the kubelet reports = usage - total_inactive_file; cgroup v2 memory.current),
# and the host processes' VmRSS from /proc. Usage: test/cluster/pod-memory.sh NAMESPACE
source "$(dirname "$0")/lib.sh"
NS=${1:?namespace}
K=$CLUSTER_WORK/k8s
KUBECTL=$TOOLS_BIN/kubernetes-${KUBERNETES_VERSION:-v1.34.4}/kubectl
export KUBECONFIG=$K/kubeconfig/admin.conf
mib() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1048576 }'; }
total=0
printf '    %-48s %10s %12s\n' POD 'usage MiB' 'working MiB'
while read -r pod ids; do
  usage=0 ws=0
  for id in ${ids//,/ }; do
    id=${id#containerd://}
    [ -n "$id" ] || continue
    d=$(find /sys/fs/cgroup/memory /sys/fs/cgroup -maxdepth 6 -type d -name "$id" 2>/dev/null | sed -n 1p)
    [ -n "$d" ] || continue
    if [ -f "$d/memory.usage_in_bytes" ]; then
      u=$(cat "$d/memory.usage_in_bytes")
      inact=$(awk '$1 == "total_inactive_file" {print $2}' "$d/memory.stat")
    else
      u=$(cat "$d/memory.current")
      inact=$(awk '$1 == "inactive_file" {print $2}' "$d/memory.stat")
    fi
    usage=$((usage + u))
    ws=$((ws + u - ${inact:-0}))
  done
  total=$((total + ws))
  printf '    %-48s %10s %12s\n' "$pod" "$(mib $usage)" "$(mib $ws)"
done < <("$KUBECTL" -n "$NS" get pods --field-selector=status.phase=Running \
  -o jsonpath='{range .items[*]}{.metadata.name}{" "}{range .status.containerStatuses[*]}{.containerID}{","}{end}{"\n"}{end}')
printf '    %-48s %10s %12s\n' "all pods of $NS (working set)" '' "$(mib $total)"
cp=0
for f in "$K"/run/*.pid; do
  [ -f "$f" ] || continue
  p=$(cat "$f")
  rss=$(awk '/^VmRSS/ {print $2 * 1024}' "/proc/$p/status" 2>/dev/null || echo 0)
  cp=$((cp + ${rss:-0}))
  printf '    %-48s %10s\n' "$(basename "$f" .pid) (host process, RSS)" "$(mib "${rss:-0}")"
done
printf '    %-48s %10s\n' "node processes (RSS)" "$(mib $cp)"
