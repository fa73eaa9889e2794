#!/usr/bin/env node
// What a process' heap holds more of in one V8 heap snapshot than in another, by constructor.
//
//   node bench/heap-diff.mjs before.heapsnapshot after.heapsnapshot [--per 10000] [--top 20]
//
// Objects are grouped by node type and constructor (closures by function name, strings, arrays
// and V8's internal nodes by type); each row gives the growth in count and in self size, and with
// --per N the growth per unit (e.g. per socket connected between the two snapshots). Snapshots
// come from `node --heapsnapshot-signal=SIGUSR2` (bench/run.mjs --heap-snapshots does this for the
// idle-sockets case).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: { per: { type: 'string', default: '1' }, top: { type: 'string', default: '20' } },
});
if (positionals.length !== 2) {
  console.error('usage: node bench/heap-diff.mjs before.heapsnapshot after.heapsnapshot [--per N]');
  process.exit(2);
}

/** Count and self size per group of one snapshot. */
export function summarise(file) {
  const snap = JSON.parse(readFileSync(file, 'utf8'));
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const width = fields.length;
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const named = new Set(['object', 'closure', 'native']);
  const groups = new Map();
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt]];
    const key = named.has(type) ? `${type} ${snap.strings[snap.nodes[i + nameAt]]}` : `(${type})`;
    const g = groups.get(key) ?? { count: 0, size: 0 };
    g.count += 1;
    g.size += snap.nodes[i + sizeAt];
    groups.set(key, g);
  }
  return groups;
}

const [before, after] = positionals.map(summarise);
const per = Number(opts.per);
const rows = [...after].map(([key, a]) => {
  const b = before.get(key) ?? { count: 0, size: 0 };
  return { key, count: a.count - b.count, size: a.size - b.size };
});
const total = rows.reduce((s, r) => s + r.size, 0);
rows.sort((x, y) => y.size - x.size);
const kb = (bytes) => (bytes / 1024).toFixed(2);
console.log(`heap growth: ${kb(total)} KB in all, ${kb(total / per)} KB per unit (${per} units)`);
console.log('| group | objects per unit | bytes per unit | share |');
console.log('| --- | --- | --- | --- |');
for (const r of rows.slice(0, Number(opts.top))) {
  console.log(
    `| ${r.key.slice(0, 60)} | ${(r.count / per).toFixed(1)} | ${(r.size / per).toFixed(0)} | ${((100 * r.size) / total).toFixed(1)} % |`,
  );
}
