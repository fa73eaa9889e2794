#!/usr/bin/env bash
# Regenerates the TypeScript types of proto/ into libs/common/src/generated (`make proto`).
set -euo pipefail
cd "$(dirname "$0")/.."
out=libs/common/src/generated
rm -rf "$out"
npx proto-loader-gen-types --keepCase --longs=Number --enums=String --defaults --oneofs \
  --grpcLib=@grpc/grpc-js --importFileExtension=.js -I proto -O "$out" \
  user.proto activity.proto grpc/health/v1/health.proto
