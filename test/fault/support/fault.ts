import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { Toxiproxy, type Latency, type Proxy } from 'toxiproxy-node-client';
import { expectStatus, type Schemas } from '@fitness/client';
import {
  PROFILES,
  ROOT,
  dataDir,
  processes,
  startProcess,
  stopProcess,
  waitReady,
  type ProcessSpec,
} from '../../../scripts/stack.mjs';
import { api, newCredentials, userPath } from '../../support/api.js';
import { PROFILE, TOXIPROXY_API, envOverrides } from './fault-stack.mjs';

export { PROFILE, envOverrides };

/** The fault suite's own stack (profile `fault`) and Toxiproxy, all on 127.0.0.1. */
export const P = PROFILES.fault;
export const GATEWAYS = P.gateway.map((port) => `http://127.0.0.1:${port}`) as [string, string];
export const USER_METRICS = P.user.map((u) => `http://127.0.0.1:${u.http}/metrics`);
export const ACTIVITY_METRICS = P.activity.map((a) => `http://127.0.0.1:${a.http}/metrics`);
/** GRPC_DEADLINE_MS of the gateways (default). */
export const DEADLINE_MS = 3000;

export function spec(name: string): ProcessSpec {
  const found = processes(PROFILE, envOverrides()).find((s) => s.name === name);
  if (!found) {
    throw new Error(`no process ${name} in the fault profile`);
  }
  return found;
}

export async function restart(name: string): Promise<void> {
  const s = spec(name);
  startProcess(PROFILE, s);
  await waitReady(PROFILE, s, 30_000);
}

export function isRunning(name: string): boolean {
  const pid = pidOf(name);
  if (!pid) {
    return false;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** For afterAll: brings back whatever a failed test left stopped, so the next scenario has a stack. */
export async function ensureRunning(...names: string[]): Promise<void> {
  await Promise.all(names.filter((n) => !isRunning(n)).map((n) => restart(n)));
}

export function stop(name: string, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return stopProcess(PROFILE, name, signal);
}

export function pidOf(name: string): number | undefined {
  const file = join(dataDir(PROFILE), 'run', `${name}.pid`);
  return existsSync(file) ? Number(readFileSync(file, 'utf8')) : undefined;
}

/**
 * Starts one process of the stack as a child of this test (not detached like the stack's), so the
 * test sees its exit code. Its pid file is written as the stack's are, so teardown stops it too.
 */
export function spawnOwned(name: string): ChildProcess {
  const s = spec(name);
  const fd = openSync(logPath(name), 'a');
  const env = Object.fromEntries(
    Object.entries({ LOG_LEVEL: 'log', ...P.env, ...s.env }).map(([k, v]) => [k, String(v)]),
  );
  const child = spawn(
    process.execPath,
    ['--import', '@fitness/common/tracing', join(ROOT, s.script as string)],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', fd, fd],
    },
  );
  closeSync(fd);
  writeFileSync(join(dataDir(PROFILE), 'run', `${name}.pid`), String(child.pid));
  return child;
}

export function logPath(name: string): string {
  return join(dataDir(PROFILE), 'logs', `${name}.log`);
}

/** Where a log file ends now: read what a test makes a process log after this point. */
export function logMark(name: string): number {
  return existsSync(logPath(name)) ? statSync(logPath(name)).size : 0;
}

export function logSince(name: string, mark: number): string[] {
  const text = readFileSync(logPath(name), 'utf8').slice(mark);
  return text.split('\n').filter((l) => l.length > 0);
}

export function toxiproxy(): Toxiproxy {
  return new Toxiproxy(`http://127.0.0.1:${TOXIPROXY_API}`);
}

export function proxy(name: 'postgres' | 'redis'): Promise<Proxy> {
  return toxiproxy().get(name);
}

/** Disables (cut: listener closed, connections dropped) or re-enables a Toxiproxy proxy. */
export async function setProxyEnabled(name: 'postgres' | 'redis', enabled: boolean): Promise<void> {
  const p = await proxy(name);
  await p.update({ enabled, listen: p.listen, upstream: p.upstream });
}

/**
 * Delays every answer of a proxied store by `latencyMs` (a Toxiproxy latency toxic named `toxic`
 * on the downstream stream). Returns what removes it again.
 */
export async function addLatency(
  name: 'postgres' | 'redis',
  toxic: string,
  latencyMs: number,
): Promise<() => Promise<void>> {
  const p = await proxy(name);
  await p.addToxic<Latency>({
    name: toxic,
    type: 'latency',
    stream: 'downstream',
    toxicity: 1,
    attributes: { latency: latencyMs, jitter: 0 },
  });
  return async () => {
    await (await (await proxy(name)).getToxic(toxic)).remove();
  };
}

/** Sum of a Prometheus series over the label sets matching `labels`. */
export async function metric(
  url: string,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  const text = await res.text();
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) {
      continue;
    }
    const matches = Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`));
    if (matches) {
      total += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return total;
}

export interface Hit {
  status: number;
  ms: number;
  /** Network-level failure (no HTTP answer), e.g. ECONNREFUSED or ECONNRESET. */
  error?: string;
  retryAfter?: string | null;
  body?: unknown;
}

/** One call of the typed client that never throws, timed (the client's timeout: 10 s). */
export async function hit(
  call: () => Promise<{ data?: unknown; error?: unknown; response: Response }>,
): Promise<Hit> {
  const started = performance.now();
  try {
    const { data, error, response } = await call();
    return {
      status: response.status,
      ms: performance.now() - started,
      retryAfter: response.headers.get('retry-after'),
      body: data ?? error,
    };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause;
    return {
      status: 0,
      ms: performance.now() - started,
      error: cause?.code ?? (err instanceof Error ? err.name : String(err)),
    };
  }
}

// The calls the scenarios make, each as a Hit, by a session on one gateway replica.
type Call<Args extends unknown[] = []> = (
  base: string,
  s: FaultSession,
  ...args: Args
) => Promise<Hit>;

/** A read of the session's own user (a path under /users/{user_id}). */
const ownRead =
  (path: '/users/{user_id}' | '/users/{user_id}/goals' | '/users/{user_id}/statistics'): Call =>
  (base, s) =>
    hit(() => api(base, s.token).GET(path, userPath(s.user_id)));

export const getProfile = ownRead('/users/{user_id}');
export const getGoals = ownRead('/users/{user_id}/goals');
export const getStatistics = ownRead('/users/{user_id}/statistics');

export const patchProfile: Call<[Schemas['UpdateProfileDto']]> = (base, s, body) =>
  hit(() => api(base, s.token).PATCH('/users/{user_id}', { ...userPath(s.user_id), body }));

export const createGoal: Call<[Schemas['CreateGoalDto']]> = (base, s, body) =>
  hit(() => api(base, s.token).POST('/users/{user_id}/goals', { ...userPath(s.user_id), body }));

export const getWorkouts: Call<[limit: number]> = (base, s, limit) =>
  hit(() =>
    api(base, s.token).GET('/users/{user_id}/workouts', {
      params: { path: { user_id: s.user_id }, query: { limit } },
    }),
  );

export const login = (base: string, s: Pick<FaultSession, 'email' | 'password'>): Promise<Hit> =>
  hit(() => api(base).POST('/users/login', { body: { email: s.email, password: s.password } }));

/**
 * A request on a connection of its own (no keep-alive pool), so "accepted by the server" is
 * unambiguous: a connection refused was never accepted; a reset after connecting would be a
 * request lost in flight. Raw node:http on purpose: fetch (and so the typed client) pools
 * connections and hides whether one was ever made.
 */
export function rawHit(
  base: string,
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<Hit & { connected: boolean }> {
  const url = new URL(path, base);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const started = performance.now();
  return new Promise((resolve) => {
    let connected = false;
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method,
        agent: false,
        timeout: 15_000,
        headers: {
          authorization: `Bearer ${token}`,
          connection: 'close',
          ...(payload ? { 'content-type': 'application/json' } : {}),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, connected }),
        );
      },
    );
    req.on('socket', (socket) => socket.on('connect', () => (connected = true)));
    req.on('timeout', () => req.destroy(new Error('client timeout')));
    req.on('error', (err: NodeJS.ErrnoException) =>
      resolve({
        status: 0,
        ms: performance.now() - started,
        error: err.code ?? err.message,
        connected,
      }),
    );
    req.end(payload);
  });
}

export interface FaultSession {
  user_id: string;
  token: string;
  username: string;
  email: string;
  password: string;
}

export async function newSession(base = GATEWAYS[0]): Promise<FaultSession> {
  const creds = newCredentials();
  await expectStatus(api(base).POST('/users/register', { body: creds }), 201, 'register');
  const session = await expectStatus(
    api(base).POST('/users/login', { body: { email: creds.email, password: creds.password } }),
    200,
    'login',
  );
  return { ...creds, user_id: session.user_id, token: session.token };
}

/** A new session on `base` and the answer to its first goal (3 workouts, due in a year). */
export async function sessionWithGoal(base: string): Promise<{ s: FaultSession; goal: Hit }> {
  const s = await newSession(base);
  const goal = await createGoal(base, s, {
    goal_type: 'workouts',
    target_value: 3,
    target_date: inAYear(),
  });
  return { s, goal };
}

/** Polls until `check` returns a value (not undefined), at most `timeoutMs`. */
export async function until<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 20_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Polls `base`'s GET /users/:id/goals every 250 ms (at most 20 s) until it answers 200. */
export const untilGoalsServed = (what: string, base: string, s: FaultSession): Promise<Hit> =>
  until(
    what,
    async () => {
      const r = await getGoals(base, s);
      return r.status === 200 ? r : undefined;
    },
    20_000,
    250,
  );

export function percentile(values: number[], p: number): number {
  if (values.length === 0) {
    return 0;
  }
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export function inAYear(): string {
  return new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString().slice(0, 10);
}

export const round = (n: number, digits = 1): number => Number(n.toFixed(digits));

interface Readyz {
  status: string;
  details: Record<
    string,
    { status: string; state?: string; breaker?: string; retry_after_s?: number }
  >;
}

export async function readyz(url: string): Promise<{ status: number; body: Readyz }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  return { status: res.status, body: (await res.json()) as Readyz };
}
