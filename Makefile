# Fitness Goal Tracker. `make up` starts the whole system, `make test` runs everything CI runs.
# Both install what they need first (npm deps, Go-built tools, PostgreSQL/Redis if missing).
SHELL := /bin/bash
.DEFAULT_GOAL := help
export TOOLS_BIN ?= $(HOME)/.cache/fitness-tracker/bin
JEST := node --experimental-vm-modules --disable-warning=ExperimentalWarning node_modules/jest/bin/jest.js

.PHONY: seed leaderboards-rebuild bench tool-ferretdb tool-toxiproxy tool-chromium help install tools infra build proto client client-check openapi-lint lint format format-check check test test-unit test-system test-fault up down status clean

help: ## list the targets
	@grep -hE '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

node_modules/.install-stamp: package-lock.json package.json libs/*/package.json services/*/package.json web/package.json
	npm ci --no-audit --no-fund
	@touch $@

install: node_modules/.install-stamp ## npm ci when the lockfile changed

tools: tool-ferretdb tool-toxiproxy ## build FerretDB (unless MONGO_URL is set) and Toxiproxy into $(TOOLS_BIN), once

tool-ferretdb:
	@if [ -z "$$MONGO_URL" ]; then scripts/install-tools.sh ferretdb; fi

tool-toxiproxy:
	@scripts/install-tools.sh toxiproxy

tool-chromium: ## Debian's Chromium for the browser tests (apt-get, once; CHROMIUM_PATH to use another)
	@scripts/install-tools.sh chromium

infra: ## make sure PostgreSQL and Redis answer on 127.0.0.1 (installs and starts them if not)
	@scripts/ensure-infra.sh

PROTO_TYPES := libs/common/src/generated/.stamp
# (Defined before `build`: make expands a rule's prerequisites as it reads it.)
OPENAPI_JSON := libs/client/openapi.json
# The client's TypeScript types are build output (not committed): libs/client's `generate`
# script (openapi-typescript) writes them from the committed openapi.json.
CLIENT_TYPES := libs/client/src/generated/api.ts

# The TypeScript types of proto/ are build output (not committed): regenerated when a .proto changes.
$(PROTO_TYPES): node_modules/.install-stamp $(shell find proto -name '*.proto')
	scripts/gen-proto.sh
	@touch $@

build: install $(PROTO_TYPES) $(CLIENT_TYPES) ## compile every workspace (tsc -b, incremental) and bundle the web client (web/dist)
	npx tsc -b libs/common libs/client services/user services/activity services/gateway
	npm run -s build -w @fitness/web

proto: install ## regenerate the TypeScript types of proto/ (make build does when a .proto changed)
	scripts/gen-proto.sh
	@touch $(PROTO_TYPES)

# Redocly CLI: no usage data sent, no update check (CI and these machines reach no such host).
REDOCLY := REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true npx redocly

$(CLIENT_TYPES): node_modules/.install-stamp $(OPENAPI_JSON)
	npm run -s generate -w @fitness/client

# The OpenAPI document is built from the gateway's code offline (Nest preview mode: nothing
# connects) and committed (see client-check); make build generates the client's types from it.
client: build ## regenerate libs/client/openapi.json (offline, from the gateway's code) and its TypeScript types
	node services/gateway/dist/openapi-document.js > $(OPENAPI_JSON).tmp
	mv $(OPENAPI_JSON).tmp $(OPENAPI_JSON)
	npm run -s generate -w @fitness/client
	npx tsc -b libs/client

client-check: client ## fail if the committed OpenAPI document differs from what the gateway's code gives
	@git diff --exit-code --stat -- $(OPENAPI_JSON) \
		|| { echo "libs/client/openapi.json is out of date with the gateway: run make client and commit the result" >&2; exit 1; }

openapi-lint: install ## lint the OpenAPI document with Redocly (redocly.yaml: recommended-strict)
	$(REDOCLY) lint $(OPENAPI_JSON) --config redocly.yaml

lint: build ## ESLint (type-aware, needs the built libs), no warnings allowed
	npx eslint . --max-warnings 0

format: install ## rewrite files with Prettier
	npx prettier --write .

format-check: install ## check that Prettier has nothing to change
	npx prettier --check .

check: build ## type-check everything, tests included
	npx tsc -p tsconfig.test.json --noEmit
	npm run -s check -w @fitness/web

test-unit: install ## unit tests (*.spec.ts beside the code)
	$(JEST) --selectProjects unit

test-system: build tool-ferretdb tool-chromium infra ## system tests: the real stack as separate processes (the web client's in Chromium too)
	$(JEST) --selectProjects system --runInBand

test-fault: build tools infra ## fault tests: kill, cut and slow down parts of a real stack (Toxiproxy)
	$(JEST) --selectProjects fault --runInBand

test: install lint format-check check client-check openapi-lint test-unit test-system test-fault test-deploy ## everything CI runs

up: build tool-ferretdb infra ## start the whole system in the background and print its URLs
	node scripts/stack.mjs up

seed: build ## demo data for the running system: users, months of workouts, goals, group sessions (SEED_ARGS="--users 50 --months 6")
	node scripts/seed.mjs $(if $(PROFILE),--profile $(PROFILE)) $(SEED_ARGS)

leaderboards-rebuild: build ## after Redis lost its data: rebuild the leaderboards of the local system from PostgreSQL and MongoDB
	node scripts/stack.mjs rebuild-leaderboards $(if $(PROFILE),--profile $(PROFILE))

down: ## stop what make up started
	node scripts/stack.mjs down

status: ## show which processes of the local system are ready
	node scripts/stack.mjs status

# The bench stack has its own ports, but shares PostgreSQL, Redis and the machine with the test
# stacks: one at a time, under the same lock the system tests take.
bench: build tool-ferretdb infra ## benchmark (own stack, baselines in the same run): bench/results/latest.md and .png
	flock /tmp/fitness-stack.lock node bench/run.mjs $(BENCH_ARGS)

clean: down ## stop and delete local data and build output
	rm -rf .data libs/*/dist services/*/dist
	find . -name '*.tsbuildinfo' -not -path './node_modules/*' -delete

-include mk/deploy.mk

# The chart's smoke script imports the built @fitness/client (test/deploy/smoke-script.test.mjs).
test-deploy: build
