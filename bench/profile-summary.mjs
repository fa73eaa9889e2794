#!/usr/bin/env node
// The top self-time frames of V8 CPU profiles (node --cpu-prof, e.g. `node bench/run.mjs --part
// http --cpu-prof bench/results/profiles`), per profile: where a process spends its CPU.
//
//   node bench/profile-summary.mjs <file.cpuprofile | dir> [...] [--top 15] [--by frame|package] [--all]
//
// Only the samples of the load window (window.json beside the profiles, written by bench/run.mjs:
// the read paths, not start-up or the write path) are counted, unless --all.
// Self time of a frame = the sampling intervals in which it was on top of the stack. Frames are
// grouped by function, file and line; `--by package` groups them by where the code lives
// (node_modules/<package>, node: internals, the project's own code, the VM's (garbage collector),
// (program), (idle)).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv.splice(i, 2)[1] : fallback;
};
const TOP = Math.max(1, Math.min(200, Number(option('top', 15)) || 15));
const BY = option('by', 'frame');
const ALL = argv.includes('--all') && argv.splice(argv.indexOf('--all'), 1).length > 0;
const ROOT = process.cwd();

function files(paths) {
  return paths.flatMap((p) =>
    statSync(p).isDirectory()
      ? readdirSync(p)
          .filter((f) => f.endsWith('.cpuprofile'))
          .sort()
          .map((f) => join(p, f))
      : [p],
  );
}

/** Where a frame's code lives, for --by package. */
export function packageOf(url, functionName) {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node: internals';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  const path = url.replace(/^file:\/\//, '');
  const own = /\/(services\/[^/]+|libs\/[^/]+)\//.exec(path);
  return own ? own[1] : relative(ROOT, path);
}

/**
 * Self time per key (ms) and the profile's total (ms); only the samples inside `window` ({startUs,
 * endUs} on the monotonic clock, as bench/run.mjs writes to window.json) when one is given.
 */
export function selfTimes(profile, keyOf, window) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  const { samples = [], timeDeltas = [] } = profile;
  let t = profile.startTime;
  // Sample i's interval is timeDeltas[i + 1] (the time until the next sample): V8's own convention.
  for (let i = 0; i < samples.length; i++) {
    t += timeDeltas[i] ?? 0;
    if (window && (t < window.startUs || t > window.endUs)) continue;
    const dt = timeDeltas[i + 1] ?? 0;
    selfUs.set(samples[i], (selfUs.get(samples[i]) ?? 0) + Math.max(0, dt));
  }
  const totals = new Map();
  let total = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const key = keyOf(node.callFrame);
    totals.set(key, (totals.get(key) ?? 0) + us / 1000);
    total += us / 1000;
  }
  return { totals, total };
}

const frameKey = (f) => {
  const where = f.url
    ? `${f.url.replace(/^file:\/\//, '').replace(`${ROOT}/`, '')}:${f.lineNumber + 1}`
    : '';
  return `${f.functionName || '(anonymous)'} ${where}`.trim();
};
const packageKey = (f) => packageOf(f.url, f.functionName);

/** The load window bench/run.mjs wrote beside the profiles, unless --all. */
function windowOf(file) {
  const path = join(dirname(file), 'window.json');
  return ALL || !existsSync(path) ? undefined : JSON.parse(readFileSync(path, 'utf8'));
}

function summarise(file) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const { totals, total } = selfTimes(
    profile,
    BY === 'package' ? packageKey : frameKey,
    windowOf(file),
  );
  const idle = totals.get('(idle)') ?? 0;
  const busy = total - idle;
  console.log(
    `\n${basename(file)}: ${(total / 1000).toFixed(1)} s sampled, ${(busy / 1000).toFixed(1)} s busy (self time, % of busy)`,
  );
  const rows = [...totals]
    .filter(([k]) => k !== '(idle)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP);
  for (const [key, ms] of rows) {
    console.log(
      `  ${((100 * ms) / Math.max(busy, 1e-9)).toFixed(1).padStart(5)} %  ${(ms / 1000).toFixed(2).padStart(7)} s  ${key}`,
    );
  }
}

if (argv.length === 0) {
  console.error(
    'usage: node bench/profile-summary.mjs <file.cpuprofile | dir> [...] [--top N] [--by frame|package]',
  );
  process.exit(2);
}
for (const file of files(argv)) summarise(file);
