# Deployment targets: containers and Kubernetes. Included by the root Makefile
# (`-include mk/deploy.mk`); also usable alone: `make -f mk/deploy.mk chart-lint`.
#
# Offline (no Docker engine, no cluster): tools-helm, tools-kube-score, chart-lint, test-deploy,
# compose-env, k8s-secrets.
# Need a Docker engine: compose-up, compose-down, kind-up, kind-down.
# Need a cluster (current kube context): deploy, undeploy, dev.

TOOLS_BIN ?= $(HOME)/.cache/fitness-tracker/bin
# Pinned helm. Built from source with the machine's Go (1.26 here: v3.16.4
# builds). Should a later Go refuse it, set a newer v3 release, e.g. v3.18.6.
HELM_VERSION ?= v3.16.4
HELM ?= $(TOOLS_BIN)/helm
# Kubernetes minor that release binaries of $(HELM_VERSION) default to (its
# client-go minor). A plain `go install` leaves helm at a compiled-in v1.20,
# which fails the chart's kubeVersion (>= 1.27); helm's own Makefile sets these
# ldflags, so do we.
HELM_K8S_MINOR ?= 31
HELM_LDFLAGS = -X helm.sh/helm/v3/internal/version.version=$(HELM_VERSION) \
	-X helm.sh/helm/v3/pkg/chartutil.k8sVersionMajor=1 \
	-X helm.sh/helm/v3/pkg/chartutil.k8sVersionMinor=$(HELM_K8S_MINOR) \
	-X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMajor=1 \
	-X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMinor=$(HELM_K8S_MINOR)
# Kubernetes version the offline checks render for.
KUBE_VERSION ?= 1.31.0
# Pinned kube-score (static checks of the renders), built like helm: v1.20.0 builds
# with Go 1.26 through the module proxy. Its version string is set as its release
# builds do (goreleaser ldflags).
KUBE_SCORE_VERSION ?= v1.20.0
KUBE_SCORE ?= $(TOOLS_BIN)/kube-score

KIND ?= kind
SKAFFOLD ?= skaffold
# Compose v2 (`docker compose`) when the engine has it, else docker-compose v1.
DOCKER_COMPOSE ?= $(shell docker compose version >/dev/null 2>&1 && echo 'docker compose' || echo docker-compose)

CHART_DIR ?= charts/fitness-tracker
# Release name = chart name: objects are called fitness-tracker-<component>
# (as with skaffold, whose port-forward relies on it).
RELEASE ?= fitness-tracker
NAMESPACE ?= fitness
KIND_CLUSTER ?= fitness
HELM_TIMEOUT ?= 10m
# Extra `helm upgrade --install` arguments, e.g. HELM_ARGS="--set image.registry=registry.example.com/me".
HELM_ARGS ?=
# kind or minikube
SKAFFOLD_PROFILE ?= kind

.PHONY: test-images test-cluster tools-kubernetes tools-skaffold tools-helm tools-kube-score kind-up kind-down deploy undeploy dev compose-env compose-up compose-down k8s-secrets chart-lint test-deploy

tools-helm: $(TOOLS_BIN)/helm ## build the pinned helm (v3.16.4) into TOOLS_BIN with go install, once

$(TOOLS_BIN)/helm:
	@mkdir -p $(TOOLS_BIN)
	GOBIN=$(TOOLS_BIN) go install -ldflags '$(HELM_LDFLAGS)' helm.sh/helm/v3/cmd/helm@$(HELM_VERSION)
	@$(TOOLS_BIN)/helm version --short

tools-kube-score: $(TOOLS_BIN)/kube-score ## build the pinned kube-score (v1.20.0) into TOOLS_BIN with go install, once

$(TOOLS_BIN)/kube-score:
	@mkdir -p $(TOOLS_BIN)
	GOBIN=$(TOOLS_BIN) go install -ldflags '-X main.version=$(KUBE_SCORE_VERSION)' github.com/zegl/kube-score/cmd/kube-score@$(KUBE_SCORE_VERSION)
	@$(TOOLS_BIN)/kube-score version

kind-up: ## create the kind cluster (k8s/kind-config.yaml: host ports 80/443, ingress-ready node)
	@$(KIND) get clusters 2>/dev/null | grep -qx '$(KIND_CLUSTER)' \
		|| $(KIND) create cluster --name $(KIND_CLUSTER) --config k8s/kind-config.yaml

kind-down: ## delete the kind cluster
	$(KIND) delete cluster --name $(KIND_CLUSTER)

# Images must be reachable from the cluster (kind: `kind load docker-image
# fitness-gateway:0.1.0 --name fitness`, ...); `make dev` builds and loads them.
deploy: tools-helm ## helm upgrade --install the chart on the current kube context
	$(HELM) upgrade --install $(RELEASE) $(CHART_DIR) \
		--namespace $(NAMESPACE) --create-namespace \
		--wait --timeout $(HELM_TIMEOUT) $(HELM_ARGS)

undeploy: tools-helm ## helm uninstall the release (PVCs of the in-chart databases stay)
	$(HELM) uninstall $(RELEASE) --namespace $(NAMESPACE) --wait

dev: ## skaffold dev with file sync on the current context (SKAFFOLD_PROFILE=kind|minikube)
	$(SKAFFOLD) dev --profile $(SKAFFOLD_PROFILE),sync

# docker-compose.yml ships no secret and refuses to start without them.
compose-env: ## write .env with random JWT/internal-token secrets and PostgreSQL password (never replaces one)
	@scripts/gen-secrets.sh compose .env

compose-up: compose-env ## build the images and start docker-compose.yml (gateway on http://localhost:8080)
	$(DOCKER_COMPOSE) up --build --detach $(if $(findstring docker compose,$(DOCKER_COMPOSE)),--wait)

compose-down: ## stop docker-compose.yml (add -v by hand to drop the database volumes)
	$(DOCKER_COMPOSE) down --remove-orphans

# The kustomize base generates its Secrets from these gitignored files (k8s/base/secrets/README.md).
k8s-secrets: ## write k8s/base/secrets/{auth,datastores}.env with random values (never replaces them)
	@scripts/gen-secrets.sh k8s k8s/base/secrets

chart-lint: tools-helm ## helm lint --strict, default and external-database values
	$(HELM) lint --strict --kube-version $(KUBE_VERSION) $(CHART_DIR)
	$(HELM) lint --strict --kube-version $(KUBE_VERSION) $(CHART_DIR) -f test/deploy/values-external.yaml

# kube-score runs over the chart's renders and both overlays (test/deploy/kube-score.test.mjs);
# a CRITICAL not listed in test/deploy/kube-score-accepted.yaml fails the target.
test-deploy: tools-helm tools-kube-score ## offline tests of the chart, k8s/, compose, the Dockerfile, skaffold.yaml; kube-score
	@command -v docker-compose >/dev/null 2>&1 || { \
		echo "docker-compose missing: installing the Debian package"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update && $$SUDO apt-get install -y --no-install-recommends docker-compose; }
	TOOLS_BIN=$(TOOLS_BIN) KUBE_VERSION=$(KUBE_VERSION) KUBE_SCORE=$(KUBE_SCORE) \
		KUBE_SCORE_VERSION=$(KUBE_SCORE_VERSION) node --test test/deploy/

# Real containers and a real cluster (root, Debian: podman, containerd, etcd from apt; the
# Kubernetes binaries built from the Go module proxy into TOOLS_BIN once). docs/deployment.md
# ("Proven on a real cluster") says what each checks; scripts in test/cluster/.
tools-kubernetes: ## build Kubernetes v1.34.4 (+ pause, CoreDNS) into TOOLS_BIN from the Go module proxy, once (~10 min)
	@scripts/install-tools.sh kubernetes

tools-skaffold: ## build Skaffold v2.16.1 into TOOLS_BIN from its Go module (go build; go install @version is refused), once
	@scripts/install-tools.sh skaffold

test-images: install tools-helm tool-ferretdb ## build the 3 images (podman), run them as the chart renders them: migrate, smoke, Socket.IO, SIGTERM
	test/cluster/test-images.sh

test-cluster: install tools-helm tools-kubernetes tool-ferretdb ## one-node Kubernetes: helm install --wait, helm test, overlays, rolling restarts under load, pod deletion, teardown
	test/cluster/test-cluster.sh
