#!/usr/bin/env bash
# Generates the TypeScript types of proto/ into libs/common/src/generated (`make proto`; `make build`
# runs it when a .proto changed). Build output: not committed, proto/ is the one source.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run -s generate -w @fitness/common
