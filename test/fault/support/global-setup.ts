import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { stackEnv, startProcess, up } from '../../../scripts/stack.mjs';
import { Toxiproxy } from 'toxiproxy-node-client';
import {
  PG_LISTENER,
  PROFILE,
  REDIS_LISTENER,
  TOOLS_BIN,
  TOXIPROXY_API,
  envOverrides,
} from './fault-stack.mjs';

/**
 * Starts Toxiproxy (its own API port, listeners for PostgreSQL and Redis) and then the whole
 * system (profile `fault`: own ports, database and Redis db) with the user service and the gateways
 * connected through those listeners, on fresh data.
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  await up(PROFILE, { env: envOverrides(), prepare: startToxiproxy, fresh: true });
  console.log(
    `\n[fault tests] Toxiproxy and stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

/** Toxiproxy on its own API port, with one listener for PostgreSQL and one for Redis. */
async function startToxiproxy(): Promise<void> {
  const env = stackEnv(PROFILE);
  const binary = join(TOOLS_BIN, 'toxiproxy-server');
  if (!existsSync(binary)) {
    throw new Error(
      `Toxiproxy is not installed at ${binary}: run scripts/install-tools.sh toxiproxy`,
    );
  }
  startProcess(PROFILE, {
    name: 'toxiproxy',
    command: binary,
    args: ['-host', '127.0.0.1', '-port', String(TOXIPROXY_API)],
    readyUrl: `http://127.0.0.1:${TOXIPROXY_API}/version`,
  });
  const tp = new Toxiproxy(`http://127.0.0.1:${TOXIPROXY_API}`);
  const deadline = Date.now() + 10_000;
  while (!(await tp.getVersion().catch(() => undefined))) {
    if (Date.now() > deadline) {
      throw new Error(`Toxiproxy did not answer on 127.0.0.1:${TOXIPROXY_API}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const pgTarget = new URL(env.DATABASE_URL);
  const redisTarget = new URL(env.REDIS_URL);
  await tp.populate([
    {
      name: 'postgres',
      listen: `127.0.0.1:${PG_LISTENER}`,
      upstream: `${pgTarget.hostname}:${pgTarget.port || 5432}`,
    },
    {
      name: 'redis',
      listen: `127.0.0.1:${REDIS_LISTENER}`,
      upstream: `${redisTarget.hostname}:${redisTarget.port || 6379}`,
    },
  ]);
}
