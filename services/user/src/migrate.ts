import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { errorMessage } from '@fitness/common';
import { dataSourceOptions } from './database/data-source.js';

/**
 * Creates the database if it is missing, then runs pending migrations. Run once per deploy
 * (`make up`, the compose one-shot service, the Helm Job), never by each replica.
 */
async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error('DATABASE_URL is required');
  }
  await createDatabaseIfMissing(url);
  const dataSource = new DataSource(dataSourceOptions(url, 2));
  await dataSource.initialize();
  try {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    console.log(
      ran.length === 0
        ? 'migrate: schema is up to date'
        : `migrate: applied ${ran.map((m) => m.name).join(', ')}`,
    );
  } finally {
    await dataSource.destroy();
  }
}

async function createDatabaseIfMissing(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      console.log(`migrate: created database ${name}`);
    }
  } finally {
    await client.end();
  }
}

main().catch((err: unknown) => {
  console.error(`migrate failed: ${errorMessage(err)}`);
  process.exit(1);
});
