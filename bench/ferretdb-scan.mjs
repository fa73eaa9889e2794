#!/usr/bin/env node
// How FerretDB v1 (SQLite) answers one document by _id as its collection grows: the cost behind
// the activity service's numbers in `make bench` (docs/performance.md).
//
//   node bench/ferretdb-scan.mjs [--sizes 1000,10000] [--port 27998]
//
// Starts a FerretDB of its own (the tools cache's binary, a fresh data directory under .data/),
// fills one collection per size with string _ids as the activity service uses, and times a find,
// an $inc update and a delete by _id, and an insert, each the median of 20. A store that finds
// by _id through an index answers in the same time at every size; one that scans does not.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { MongoClient } from 'mongodb';
import { ferretdb, ROOT } from '../scripts/stack.mjs';

const { values: opts } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000' },
    port: { type: 'string', default: '27998' },
  },
});
const sizes = opts.sizes
  .split(',')
  .map(Number)
  .filter((n) => n > 0 && n <= 100_000);
const port = Number(opts.port);
const dir = join(ROOT, '.data', 'ferretdb-scan');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

const { command, args } = ferretdb({ dir, port, logLevel: 'error' });
const server = spawn(command, args, { stdio: 'inherit' });

const listening = () =>
  new Promise((resolve) => {
    const socket = createConnection(port, '127.0.0.1', () => resolve(socket.end() && true));
    socket.on('error', () => resolve(false));
  });

async function median(fn, runs = 20) {
  await fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

try {
  for (let i = 0; i < 100 && !(await listening()); i++) await sleep(100);
  const client = await MongoClient.connect(`mongodb://127.0.0.1:${port}/scan`);
  const rows = [];
  for (const size of sizes) {
    const collection = client.db('scan').collection(`c${size}`);
    for (let i = 0; i < size; i += 1000) {
      const batch = [];
      for (let j = i; j < Math.min(size, i + 1000); j++) batch.push({ _id: `stats:${j}`, n: j });
      await collection.insertMany(batch);
    }
    const middle = `stats:${Math.floor(size / 2)}`;
    rows.push({
      size,
      find: await median(() => collection.findOne({ _id: middle })),
      update: await median(() => collection.updateOne({ _id: middle }, { $inc: { n: 1 } })),
      delete: await median(() => collection.deleteOne({ _id: 'absent' })),
      insert: await median((i) => collection.insertOne({ _id: `new:${size}:${i ?? 'warm'}` })),
    });
    console.log(`[ferretdb-scan] ${size} documents measured`);
  }
  await client.close();
  console.log('\n| documents | find by _id | $inc by _id | delete by _id | insert |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const r of rows) {
    const ms = (v) => `${v.toFixed(2)} ms`;
    console.log(
      `| ${r.size} | ${ms(r.find)} | ${ms(r.update)} | ${ms(r.delete)} | ${ms(r.insert)} |`,
    );
  }
} finally {
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
