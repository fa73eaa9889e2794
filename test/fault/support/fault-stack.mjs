// The fault suite's Toxiproxy layout, shared by its Jest global setup (loaded without the TS
// module mapping, hence plain JS) and its tests. Everything listens on 127.0.0.1.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { stackEnv } from '../../../scripts/stack.mjs';

export const PROFILE = 'fault';
export const TOOLS_BIN =
  process.env.TOOLS_BIN ?? join(homedir(), '.cache', 'fitness-tracker', 'bin');
/** Toxiproxy's API and the listeners standing in for PostgreSQL and Redis. */
export const TOXIPROXY_API = 8475;
export const PG_LISTENER = 25432;
export const REDIS_LISTENER = 26379;

function viaProxy(url, port) {
  const u = new URL(url);
  u.hostname = '127.0.0.1';
  u.port = String(port);
  return u.toString();
}

/**
 * The user service reaches PostgreSQL and Redis, and the gateways and activity services reach
 * Redis, through Toxiproxy, so a test can cut or slow either without touching the shared servers.
 */
export function envOverrides() {
  const env = stackEnv(PROFILE);
  const redis = viaProxy(env.REDIS_URL, REDIS_LISTENER);
  return {
    user: { DATABASE_URL: viaProxy(env.DATABASE_URL, PG_LISTENER), REDIS_URL: redis },
    gateway: { REDIS_URL: redis },
    activity: { REDIS_URL: redis },
  };
}
