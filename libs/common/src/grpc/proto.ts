import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Options } from '@grpc/proto-loader';

/** One set of proto-loader options for servers, clients and the generated types (scripts/gen-proto.sh). */
export const PROTO_LOADER_OPTIONS: Options = {
  keepCase: true,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
};

/**
 * Largest gRPC message either side sends or takes (grpc-js' default receive limit, said out loud
 * on both sides). A group session's record is capped well below it (GROUP_SESSION_RECORD_MAX_BYTES).
 */
export const GRPC_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

export interface ProtoService {
  /** File name inside proto/. */
  readonly file: string;
  readonly pkg: string;
  readonly service: string;
}

export const USER_PROTO: ProtoService = {
  file: 'user.proto',
  pkg: 'fitness.user.v1',
  service: 'UserService',
};
export const ACTIVITY_PROTO: ProtoService = {
  file: 'activity.proto',
  pkg: 'fitness.activity.v1',
  service: 'ActivityService',
};
export const HEALTH_PROTO: ProtoService = {
  file: 'grpc/health/v1/health.proto',
  pkg: 'grpc.health.v1',
  service: 'Health',
};

let cachedDir: string | undefined;

/**
 * The repository's proto/ folder, the one source of truth for every service. Found by walking up
 * from this file, so it works from src/ (tests), dist/ (local runs) and the container images,
 * which keep the repository layout.
 */
export function protoDir(): string {
  if (cachedDir) {
    return cachedDir;
  }
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'proto');
    if (existsSync(join(candidate, USER_PROTO.file))) {
      cachedDir = candidate;
      return candidate;
    }
    dir = dirname(dir);
  }
  throw new Error('proto/ folder not found above ' + fileURLToPath(import.meta.url));
}

export function protoPath(spec: ProtoService): string {
  return join(protoDir(), spec.file);
}
