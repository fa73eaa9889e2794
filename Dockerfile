# The image of each service, from one file; the build argument SERVICE names the service.
# Built from the repository root, so an image can take libs/ and proto/:
#   docker build --build-arg SERVICE=gateway -t fitness-gateway:0.1.0 .    (user, activity alike)
#
# manifests (checks SERVICE, gathers the workspaces' package.json) → build (npm ci, proto types,
# tsc) → dev (skaffold's sync profile); manifests → prod-deps (the service's node_modules);
# service-<name> (what differs per image: ports, env defaults, health check) → runtime, the
# release image: the last stage, so the default target.
ARG NODE_IMAGE=node:24.11.1-bookworm-slim
# gateway | user | activity. No default: a build that does not name its service fails instead
# of producing some image.
ARG SERVICE

# ---- manifests: check SERVICE; the package.json of every workspace ------------------------
# build and prod-deps copy from here before their npm ci, so a missing or unknown SERVICE
# stops the build at this check. npm ci needs the manifest of every workspace the
# lockfile names (libs/*, services/*, however many there are); taking only those (COPY --from
# is cached by content) keeps the install layers until a manifest or the lockfile changes.
FROM ${NODE_IMAGE} AS manifests
ARG SERVICE
RUN case "${SERVICE:-}" in \
      gateway | user | activity) ;; \
      *) echo "SERVICE must be gateway, user or activity (docker build --build-arg SERVICE=gateway ...), not '${SERVICE:-}'" >&2; exit 1 ;; \
    esac
WORKDIR /src
COPY package.json package-lock.json .npmrc ./
COPY libs/ libs/
COPY services/ services/
COPY web/package.json web/
RUN mkdir /manifests \
 && cp --parents package.json package-lock.json .npmrc libs/*/package.json services/*/package.json web/package.json /manifests/

# ---- build: full install (dev deps included) and TypeScript compile ------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY --from=manifests /manifests/ ./
# No install script is needed to compile (argon2's native build happens in prod-deps).
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.base.json ./
COPY libs/ libs/
COPY proto/ proto/
# Build output, not committed: the TypeScript types of proto/ (libs/common's `generate` script)
# and of the REST client (libs/client's, from openapi.json); made for every workspace that has
# such a script.
RUN npm run -s generate --workspaces --if-present
# Declared after the install and the generated types, so that the three images share the
# layers above.
ARG SERVICE
COPY services/${SERVICE}/ services/${SERVICE}/
# The web client's sources (small): bundled for the gateway only, which serves web/dist at /.
COPY web/ web/
# tsc -b follows the service's project references: it compiles the libs the service uses, and
# only those. /release gathers what the runtime image takes: the libs' package.json, the dist/
# of those compiled, the service's package.json and dist/, proto/, and for the gateway web/dist.
RUN npx tsc -b "services/${SERVICE}" \
 && mkdir /release \
 && if [ "$SERVICE" = gateway ]; then \
      npm run -s build -w @fitness/web && cp -r --parents web/dist /release/; \
    fi \
 && cp -r --parents libs/*/package.json libs/*/dist "services/${SERVICE}/package.json" "services/${SERVICE}/dist" proto /release/

# ---- dev: the inner loop of `make dev` (skaffold profile `sync`) --------------------------
# Sources synced into the container are recompiled by tsc --watch and node --watch restarts the
# service; never used for a release (the last stage, runtime, is the default target).
FROM build AS dev
ARG SERVICE
RUN chown -R 1000:1000 /app/libs /app/services
USER 1000:1000
ENV NODE_ENV=development \
    SERVICE=${SERVICE}
CMD ["sh", "-c", "npx tsc -b services/$SERVICE --watch --preserveWatchOutput & exec node --watch services/$SERVICE/dist/main.js"]

# ---- prod-deps: only this service's runtime dependencies -----------------------------------
FROM ${NODE_IMAGE} AS prod-deps
ARG SERVICE
# user's argon2 is native: node-gyp-build keeps its prebuilt binary when that loads and
# compiles it otherwise (the glibc prebuild has crashed on some hosts), so the toolchain is
# here, in a stage that is thrown away, and for user only (no other service has a native
# module). Only argon2's install script runs; the others (protobufjs' version check, analytics
# pings) are not needed.
RUN if [ "$SERVICE" = user ]; then \
      apt-get update \
      && apt-get install -y --no-install-recommends python3 make g++ \
      && rm -rf /var/lib/apt/lists/*; \
    fi
WORKDIR /app
COPY --from=manifests /manifests/ ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
      --workspace "@fitness/${SERVICE}" --include-workspace-root=false \
 && if [ "$SERVICE" = user ]; then npm rebuild argon2; fi \
 && npm cache clean --force

# ---- service-<name>: what differs between the images --------------------------------------
# Default ports, the ports exposed, and the health check: the gateway answers /healthz on PORT;
# user and activity, the gRPC services, on METRICS_PORT (grpc-service, their common base).
FROM ${NODE_IMAGE} AS service-gateway
ENV PORT=3000
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz', { signal: AbortSignal.timeout(2500) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

FROM ${NODE_IMAGE} AS grpc-service
ENV METRICS_PORT=9100
EXPOSE 9100
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.METRICS_PORT || 9100) + '/healthz', { signal: AbortSignal.timeout(2500) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

FROM grpc-service AS service-user
ENV GRPC_PORT=50051
EXPOSE 50051

FROM grpc-service AS service-activity
ENV GRPC_PORT=50061
EXPOSE 50061

# ---- runtime: the release image ------------------------------------------------------------
# Starts from the settings of the service SERVICE names. A missing or unknown SERVICE is stopped
# by the check in manifests, which every build runs (prod-deps and build copy from it). Not
# `${SERVICE:?}` here: Buildah (podman build, as in make test-images) refuses that modifier in a
# FROM line ("Unsupported modifier (?) in substitution") even with SERVICE set.
FROM service-${SERVICE} AS runtime
ARG SERVICE
ENV NODE_ENV=production \
    SERVICE=${SERVICE}
WORKDIR /app
# Files stay root-owned: the process (uid 1000) can read but not modify its code.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /release/ ./
# The image's `node` user, given numerically so Kubernetes' runAsNonRoot can verify it.
USER 1000:1000
# Exec-form CMD cannot expand a build argument, hence ENV SERVICE and a shell to expand it.
# `exec` replaces that shell with node, so node runs as PID 1 (tini's child under compose's
# `init: true`) and gets SIGTERM itself, no shell in between: the app's shutdown handler
# (libs/common/src/shutdown.ts) drains and exits.
# user's migrations: `node services/user/dist/migrate.js` (compose user-migrate, the chart's Job).
CMD ["sh", "-c", "exec node services/$SERVICE/dist/main.js"]
