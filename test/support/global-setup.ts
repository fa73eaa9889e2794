import { rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { PROFILES, dataDir, stackEnv, up } from '../../scripts/stack.mjs';

/**
 * Starts the real system for the system tests (profile `test`: its own ports and databases, so a
 * `make up` stack can keep running), on fresh databases.
 */
export default async function globalSetup(): Promise<void> {
  const env = stackEnv('test');
  const admin = new URL(env.DATABASE_URL);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${PROFILES.test.database} WITH (FORCE)`);
  } finally {
    await client.end();
  }
  if (!process.env.MONGO_URL) {
    rmSync(join(dataDir('test'), 'ferretdb'), { recursive: true, force: true });
  }
  const { seconds } = await up('test');
  console.log(`\n[system tests] stack ready in ${seconds.toFixed(1)} s`);
}
