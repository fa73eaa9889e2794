#!/usr/bin/env node
// Starts and stops the whole local system as separate processes: a MongoDB-protocol server
// (FerretDB on SQLite unless MONGO_URL is set), migrations, 2 user + 2 activity instances and
// 2 gateway replicas. PostgreSQL and Redis must already listen (scripts/ensure-infra.sh).
//
//   node scripts/stack.mjs up   [--profile dev|test|fault|bench]   start in the background, wait until ready
//   node scripts/stack.mjs down [--profile dev|test|fault|bench]   stop what `up` started
//   node scripts/stack.mjs status [--profile dev|test|fault|bench]
//   node scripts/stack.mjs rebuild-leaderboards [--profile ...]   refill the leaderboards Redis lost
//
// Logs: .data/<profile>/logs/<process>.log; pids: .data/<profile>/run/<process>.pid.
// The system tests import this module and use the `test` profile, the fault tests the `fault`
// profile (each with its own ports and databases), so they run while a `dev` stack is up.
// Environment of a process, later wins: the stack's connection strings and ports, the profile's
// `env` (every process), then the overrides given to up()/processes() by service ("gateway") or
// process name ("gateway-1"); the fault tests point connections at Toxiproxy listeners that way.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TOOLS_BIN = process.env.TOOLS_BIN ?? join(homedir(), '.cache', 'fitness-tracker', 'bin');
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 15_000;

/**
 * A profile's ports: those of `dev` (gateways 3000-3001, user gRPC 50051-50052 and HTTP
 * 9101-9102, activity gRPC 50061-50062 and HTTP 9111-9112, MongoDB 27017) shifted by `offset`.
 */
function ports(offset) {
  const instances = (grpc, http) =>
    [0, 1].map((i) => ({ grpc: grpc + offset + i, http: http + offset + i }));
  return {
    gateway: [3000 + offset, 3001 + offset],
    user: instances(50051, 9101),
    activity: instances(50061, 9111),
    mongoPort: 27017 + offset,
  };
}

/** Ports and database names of each profile. */
export const PROFILES = {
  dev: { ...ports(0), database: 'fitness', redisDb: 0 },
  test: {
    ...ports(100),
    database: 'fitness_test',
    redisDb: 1,
    env: {
      // Every call logged with its correlation id: the system tests follow one through the logs.
      LOG_LEVEL: 'debug',
      // Traces go to the system tests' own OTLP collector (test/support/otlp-collector.ts).
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4399',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: 100,
      // Short enough for the tests to watch a disconnect turn into a leave.
      GROUP_SESSION_GRACE_MS: 1500,
      // Every test user registers from 127.0.0.1: the per-IP limits would throttle the suite.
      RATE_LIMIT_REGISTER_PER_IP: 10000,
      RATE_LIMIT_LOGIN_PER_IP: 10000,
    },
  },
  fault: {
    ...ports(200),
    database: 'fitness_fault',
    redisDb: 2,
    // Generous per IP (every test client is 127.0.0.1); the per-account login limit keeps its
    // default of 10 a minute, which the fault suite checks.
    env: { RATE_LIMIT_REGISTER_PER_IP: 10000, RATE_LIMIT_LOGIN_PER_IP: 10000 },
  },
  bench: {
    ...ports(400),
    // FerretDB's Prometheus metrics (commands by name): the benchmark counts what a request costs.
    mongoDebugPort: 27418,
    database: 'fitness_bench',
    redisDb: 3,
    // The load generator is one client on 127.0.0.1 driving thousands of users: the per-IP and
    // per-user allowances are lifted (a limit check costs the same either way), logs are quiet.
    env: {
      LOG_LEVEL: 'warn',
      RATE_LIMIT_REGISTER_PER_IP: 1_000_000,
      RATE_LIMIT_LOGIN_PER_IP: 1_000_000,
      CHAT_RATE_PER_SECOND: 1000,
      CHAT_BURST: 2000,
      EXERCISE_RATE_PER_SECOND: 1000,
      EXERCISE_BURST: 2000,
      GROUP_SESSIONS_PER_MINUTE: 10_000,
      SOCKET_MAX_PENDING_EVENTS: 10_000,
    },
  },
};

export function dataDir(profile) {
  return join(ROOT, '.data', profile);
}

/** Connection strings and targets of a profile, the same ones every process gets. */
export function stackEnv(profile) {
  const p = PROFILES[profile];
  if (!p) throw new Error(`unknown profile ${profile}`);
  const pgBase = new URL(process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  pgBase.pathname = `/${p.database}`;
  const redis = new URL(process.env.REDIS_BASE_URL ?? 'redis://127.0.0.1:6379');
  redis.pathname = `/${p.redisDb}`;
  let mongo;
  if (process.env.MONGO_URL) {
    mongo = new URL(process.env.MONGO_URL);
    mongo.pathname = `/${p.database}`;
  } else {
    mongo = new URL(`mongodb://127.0.0.1:${p.mongoPort}/${p.database}`);
  }
  return {
    DATABASE_URL: pgBase.toString(),
    REDIS_URL: redis.toString(),
    MONGO_URL: mongo.toString(),
    USER_SERVICE_TARGET: `ipv4:${p.user.map((u) => `127.0.0.1:${u.grpc}`).join(',')}`,
    ACTIVITY_SERVICE_TARGET: `ipv4:${p.activity.map((a) => `127.0.0.1:${a.grpc}`).join(',')}`,
    JWT_SECRET: process.env.JWT_SECRET ?? secret(profile, 'jwt-secret'),
    INTERNAL_TOKEN_SECRET:
      process.env.INTERNAL_TOKEN_SECRET ?? secret(profile, 'internal-token-secret'),
  };
}

/** A random secret kept per profile, so tokens survive restarts of a local stack. */
function secret(profile, name) {
  const file = join(dataDir(profile), name);
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

/**
 * Every process of the stack: name, script, env and the URL that answers 200 once ready.
 * `overrides` maps a service ("user") or a process name ("user-1") to extra env for it, `nodeArgs`
 * the same keys to extra node flags.
 */
export function processes(profile, overrides = {}, nodeArgs = {}) {
  const p = PROFILES[profile];
  const env = stackEnv(profile);
  const list = [];
  /** The stack's connection settings named in `keys`, in that order. */
  const pick = (keys) => Object.fromEntries(keys.map((k) => [k, env[k]]));
  // A gRPC service: one process per instance, with its own gRPC and HTTP (metrics, health) ports.
  const grpcService = (service, instances, settings) =>
    instances.forEach((port, i) =>
      list.push({
        name: `${service}-${i + 1}`,
        script: `services/${service}/dist/main.js`,
        env: { ...pick(settings), GRPC_PORT: port.grpc, METRICS_PORT: port.http },
        ports: [port.grpc, port.http],
        readyUrl: `http://127.0.0.1:${port.http}/readyz`,
      }),
    );
  grpcService('user', p.user, ['REDIS_URL', 'DATABASE_URL', 'JWT_SECRET', 'INTERNAL_TOKEN_SECRET']);
  grpcService('activity', p.activity, [
    'MONGO_URL',
    'REDIS_URL',
    'USER_SERVICE_TARGET',
    'INTERNAL_TOKEN_SECRET',
  ]);
  p.gateway.forEach((port, i) =>
    list.push({
      name: `gateway-${i + 1}`,
      script: 'services/gateway/dist/main.js',
      env: {
        PORT: port,
        ...pick([
          'REDIS_URL',
          'JWT_SECRET',
          'INTERNAL_TOKEN_SECRET',
          'USER_SERVICE_TARGET',
          'ACTIVITY_SERVICE_TARGET',
        ]),
      },
      ports: [port],
      readyUrl: `http://127.0.0.1:${port}/readyz`,
    }),
  );
  for (const spec of list) {
    const service = spec.name.replace(/-\d+$/, '');
    const flags = [...(nodeArgs[service] ?? []), ...(nodeArgs[spec.name] ?? [])];
    // Node flags before the script (e.g. --cpu-prof for the benchmark's profiles).
    if (flags.length > 0)
      spec.args = [...flags, '--import', '@fitness/common/tracing', join(ROOT, spec.script)];
    spec.env = {
      OTEL_SERVICE_NAME: service,
      OTEL_RESOURCE_ATTRIBUTES: `service.instance.id=${spec.name}`,
      ...spec.env,
      ...overrides[service],
      ...overrides[spec.name],
    };
  }
  return list;
}

const log = (msg) => console.log(`[stack] ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function paths(profile, name) {
  const dir = dataDir(profile);
  return { pid: join(dir, 'run', `${name}.pid`), log: join(dir, 'logs', `${name}.log`) };
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readPid(file) {
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8'));
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function portOpen(port, timeoutMs = 500) {
  return new Promise((resolvePort) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (open) => {
      socket.destroy();
      resolvePort(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function tail(file, lines = 30) {
  if (!existsSync(file)) return '(no log)';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/** Starts one process in the background, detached, output appended to its log file. */
export function startProcess(profile, spec) {
  const { pid: pidFile, log: logFile } = paths(profile, spec.name);
  mkdirSync(dirname(pidFile), { recursive: true });
  mkdirSync(dirname(logFile), { recursive: true });
  const fd = openSync(logFile, 'a');
  // Services start behind the tracing preload (it does nothing unless OTEL_* says where to send).
  const args = spec.args ?? ['--import', '@fitness/common/tracing', join(ROOT, spec.script)];
  const child = spawn(spec.command ?? process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'log',
      ...stringify(PROFILES[profile]?.env),
      ...stringify(spec.env),
    },
    detached: true,
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  child.unref();
  writeFileSync(pidFile, String(child.pid));
  return child.pid;
}

function stringify(env = {}) {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)]));
}

/** SIGTERM (graceful), then SIGKILL after the timeout. Returns once the process is gone. */
export async function stopProcess(profile, name, signal = 'SIGTERM') {
  const { pid: pidFile } = paths(profile, name);
  const pid = readPid(pidFile);
  if (pid && alive(pid)) {
    process.kill(pid, signal);
    const deadline = Date.now() + STOP_TIMEOUT_MS;
    while (alive(pid) && Date.now() < deadline) await sleep(50);
    if (alive(pid)) process.kill(pid, 'SIGKILL');
    while (alive(pid)) await sleep(20);
  }
  rmSync(pidFile, { force: true });
}

export async function waitReady(profile, spec, timeoutMs = READY_TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  const { pid: pidFile, log: logFile } = paths(profile, spec.name);
  while (Date.now() < deadline) {
    const pid = readPid(pidFile);
    if (!pid || !alive(pid)) {
      throw new Error(
        `${spec.name} exited during start-up; last lines of ${logFile}:\n${tail(logFile)}`,
      );
    }
    try {
      const res = await fetch(spec.readyUrl, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(
    `${spec.name} not ready after ${timeoutMs / 1000}s; last lines of ${logFile}:\n${tail(logFile)}`,
  );
}

/**
 * The FerretDB v1 binary (tools cache) and its arguments: SQLite files in `dir`, no state
 * directory or telemetry, Prometheus metrics on `debugPort` if given.
 */
export function ferretdb({ dir, port, debugPort, logLevel = 'warn' }) {
  return {
    command: join(TOOLS_BIN, 'ferretdb'),
    args: [
      '--handler=sqlite',
      `--sqlite-url=file:${dir}/`,
      `--listen-addr=127.0.0.1:${port}`,
      '--state-dir=-',
      `--debug-addr=${debugPort ? `127.0.0.1:${debugPort}` : '-'}`,
      '--telemetry=disable',
      `--log-level=${logLevel}`,
    ],
  };
}

async function startMongo(profile) {
  if (process.env.MONGO_URL) {
    log(`MongoDB: using MONGO_URL`);
    return;
  }
  const port = PROFILES[profile].mongoPort;
  const dir = join(dataDir(profile), 'ferretdb');
  const server = ferretdb({ dir, port, debugPort: PROFILES[profile].mongoDebugPort });
  if (!existsSync(server.command)) {
    throw new Error(
      `FerretDB is not installed at ${server.command}: run scripts/install-tools.sh ferretdb (make does)`,
    );
  }
  if (await portOpen(port)) {
    throw new Error(
      `port ${port} (MongoDB protocol) is already in use: stop that server or set MONGO_URL`,
    );
  }
  mkdirSync(dir, { recursive: true });
  startProcess(profile, { name: 'ferretdb', ...server });
  const deadline = Date.now() + 20_000;
  while (!(await portOpen(port))) {
    if (Date.now() > deadline) {
      throw new Error(
        `FerretDB did not listen on ${port}:\n${tail(paths(profile, 'ferretdb').log)}`,
      );
    }
    await sleep(100);
  }
  log(`FerretDB (SQLite, data in ${dir}) on 127.0.0.1:${port}`);
}

function migrate(profile) {
  const env = stackEnv(profile);
  const res = spawnSync(process.execPath, [join(ROOT, 'services/user/dist/migrate.js')], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: env.DATABASE_URL },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (res.status !== 0) {
    throw new Error(`migrations failed:\n${res.stdout}${res.stderr}`);
  }
  for (const line of res.stdout.trim().split('\n')) log(line);
}

/**
 * Rebuilds the leaderboards after Redis lost them: the user service's script lists the visible
 * users again (PostgreSQL), then the activity service's sets every user's scores (MongoDB). Both
 * print their progress; the stack may keep running meanwhile.
 */
export function rebuildLeaderboards(profile) {
  const env = stackEnv(profile);
  for (const script of [
    'services/user/dist/leaderboard-rebuild.js',
    'services/activity/dist/leaderboard-rebuild.js',
  ]) {
    const res = spawnSync(process.execPath, [join(ROOT, script)], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit'],
      timeout: 30 * 60_000,
    });
    if (res.status !== 0) {
      throw new Error(`${script} failed (exit ${res.status ?? res.signal})`);
    }
  }
}

async function checkInfra(profile) {
  const env = stackEnv(profile);
  const pg = new URL(env.DATABASE_URL);
  const redis = new URL(env.REDIS_URL);
  for (const [what, url] of [
    ['PostgreSQL', pg],
    ['Redis', redis],
  ]) {
    if (!(await portOpen(Number(url.port), 2000))) {
      throw new Error(
        `${what} is not reachable on ${url.hostname}:${url.port}: run scripts/ensure-infra.sh (make does)`,
      );
    }
  }
}

/**
 * Empties a profile's stores: drops its PostgreSQL database, flushes its Redis db and deletes its
 * FerretDB data (a MONGO_URL server is left alone). The test suites start from this.
 */
export async function resetData(profile) {
  const env = stackEnv(profile);
  const { default: pg } = await import('pg');
  const admin = new URL(env.DATABASE_URL);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${PROFILES[profile].database}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
  const { Redis } = await import('ioredis');
  const redis = new Redis(env.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    await redis.flushdb();
  } finally {
    redis.disconnect();
  }
  if (!process.env.MONGO_URL) {
    rmSync(join(dataDir(profile), 'ferretdb'), { recursive: true, force: true });
  }
}

/**
 * `env`: per-service or per-process overrides (see processes()). `prepare`: runs once the previous
 * stack of the profile is stopped and before anything starts, e.g. to put Toxiproxy in front of
 * the stores; what it starts with startProcess(profile, …) is stopped by down(profile). `fresh`:
 * start on empty stores (resetData). `nodeArgs`: per-service or per-process node flags.
 */
export async function up(
  profile = 'dev',
  { env: overrides = {}, nodeArgs = {}, prepare, fresh = false } = {},
) {
  const started = Date.now();
  for (const script of [
    'services/user/dist/main.js',
    'services/activity/dist/main.js',
    'services/gateway/dist/main.js',
  ]) {
    if (!existsSync(join(ROOT, script)))
      throw new Error(`${script} is missing: run npm run build (make does)`);
  }
  await down(profile, { quiet: true });
  await checkInfra(profile);
  if (fresh) await resetData(profile);
  if (prepare) await prepare();
  await startMongo(profile);
  migrate(profile);
  const specs = processes(profile, overrides, nodeArgs);
  for (const spec of specs) {
    for (const port of spec.ports) {
      if (await portOpen(port))
        throw new Error(`port ${port} needed by ${spec.name} is already in use`);
    }
  }
  // Backends first (the gateway's readiness needs them), each pair in parallel.
  const order = [
    specs.filter((s) => s.name.startsWith('user')),
    specs.filter((s) => s.name.startsWith('activity')),
    specs.filter((s) => s.name.startsWith('gateway')),
  ];
  try {
    for (const group of order) {
      for (const spec of group) startProcess(profile, spec);
      await Promise.all(group.map((spec) => waitReady(profile, spec)));
      log(`ready: ${group.map((s) => s.name).join(', ')}`);
    }
  } catch (err) {
    await down(profile, { quiet: true });
    throw err;
  }
  return { seconds: (Date.now() - started) / 1000 };
}

export async function down(profile = 'dev', { quiet = false } = {}) {
  const runDir = join(dataDir(profile), 'run');
  if (!existsSync(runDir)) return;
  const names = readdirSync(runDir)
    .filter((f) => f.endsWith('.pid'))
    .map((f) => f.slice(0, -4));
  // Gateways first, then backends, then the database: nothing loses its upstream mid-request.
  const rank = (n) =>
    n.startsWith('gateway') ? 0 : n.startsWith('activity') ? 1 : n.startsWith('user') ? 2 : 3;
  const groups = [0, 1, 2, 3].map((r) => names.filter((n) => rank(n) === r));
  for (const group of groups) {
    await Promise.all(group.map((name) => stopProcess(profile, name)));
    if (!quiet && group.length > 0) log(`stopped ${group.join(', ')}`);
  }
}

async function status(profile) {
  for (const spec of processes(profile)) {
    const pid = readPid(paths(profile, spec.name).pid);
    let state = 'stopped';
    if (pid && alive(pid)) {
      try {
        const res = await fetch(spec.readyUrl, { signal: AbortSignal.timeout(1000) });
        state = res.ok ? 'ready' : `not ready (${res.status})`;
      } catch {
        state = 'running, not answering';
      }
    }
    console.log(`${spec.name.padEnd(12)} ${state.padEnd(24)} ${spec.readyUrl}`);
  }
}

function printUrls(profile) {
  const p = PROFILES[profile];
  const dir = join(dataDir(profile), 'logs');
  console.log(`
Fitness Goal Tracker is up (${profile}):
  Web client        ${p.gateway.map((g) => `http://127.0.0.1:${g}/`).join('  ')}
  REST API         ${p.gateway.map((g) => `http://127.0.0.1:${g}`).join('  ')}
  API docs          http://127.0.0.1:${p.gateway[0]}/docs
  Metrics           http://127.0.0.1:${p.gateway[0]}/metrics, user :${p.user.map((u) => u.http).join('/:')}, activity :${p.activity.map((a) => a.http).join('/:')}
  user gRPC         ${p.user.map((u) => `127.0.0.1:${u.grpc}`).join(', ')}
  activity gRPC     ${p.activity.map((a) => `127.0.0.1:${a.grpc}`).join(', ')}
  Logs              ${dir}/<process>.log
Stop it with: make down`);
}

async function main() {
  const [command = 'status', ...rest] = process.argv.slice(2);
  const i = rest.indexOf('--profile');
  const profile = i >= 0 ? rest[i + 1] : 'dev';
  if (!PROFILES[profile]) throw new Error(`unknown profile ${profile}`);
  if (command === 'up') {
    const { seconds } = await up(profile);
    printUrls(profile);
    log(`started in ${seconds.toFixed(1)} s`);
  } else if (command === 'down') {
    await down(profile);
  } else if (command === 'status') {
    await status(profile);
  } else if (command === 'rebuild-leaderboards') {
    rebuildLeaderboards(profile);
  } else {
    throw new Error(`unknown command ${command} (up, down, status, rebuild-leaderboards)`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(`[stack] ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  });
}
