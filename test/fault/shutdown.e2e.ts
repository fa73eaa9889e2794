import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import {
  GATEWAYS,
  USER_METRICS,
  P,
  addLatency,
  ensureRunning,
  inAYear,
  logMark,
  logSince,
  metric,
  newSession,
  rawHit,
  restart,
  round,
  sessionWithGoal,
  spawnOwned,
  stop,
  until,
  type Hit,
  createGoal,
  getProfile,
} from './support/fault.js';

jest.setTimeout(90_000);

const [A, B] = GATEWAYS;
const GRACE_MS = 10_000;
const IN_FLIGHT = 20;
const DB_LATENCY_MS = 300;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function exited(child: ChildProcess): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve({ code: child.exitCode, signal: child.signalCode });
      return;
    }
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

async function ready(url: string): Promise<true | undefined> {
  const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
  return res.ok ? true : undefined;
}

/** Slows every PostgreSQL answer, so requests are surely in flight when the signal comes. */
const slowDatabase = (): Promise<() => Promise<void>> =>
  addLatency('postgres', 'slow', DB_LATENCY_MS);

describe('graceful shutdown under load (scenario 5)', () => {
  let restore: (() => Promise<void>) | undefined;

  // A failed test must not leave its latency toxic (Toxiproxy: 409) or a stopped process behind.
  afterEach(async () => {
    await restore?.().catch(() => undefined);
    restore = undefined;
    await ensureRunning('gateway-1', 'user-1');
  });

  it('should let a gateway finish every accepted request on SIGTERM and exit 0', async () => {
    const { s, goal } = await sessionWithGoal(B);
    expect(goal.status).toBe(201);

    // gateway-1 as a child of this test, to see its exit code.
    await stop('gateway-1');
    const child = spawnOwned('gateway-1');
    await until('gateway-1 ready', () => ready(`${A}/readyz`), 30_000);
    const mark = logMark('gateway-1');
    restore = await slowDatabase();

    const inFlight = Array.from({ length: IN_FLIGHT }, () =>
      rawHit(A, 'GET', `/users/${s.user_id}/goals`, s.token),
    );
    // Signalled once the gateway holds all of them (not after a fixed pause: on a busy machine a
    // request may still wait in the listen backlog, and that one is not accepted yet). The
    // metrics request counts itself.
    await until(
      `gateway-1 holding ${IN_FLIGHT} requests`,
      async () =>
        (await metric(`${A}/metrics`, 'http_requests_in_flight')) > IN_FLIGHT ? true : undefined,
      5000,
      20,
    );
    const signalledAt = Date.now();
    child.kill('SIGTERM');
    // Keep knocking while it drains: new connections are refused (or get 503 while closing).
    const late: (Hit & { connected: boolean })[] = [];
    const knocking = (async () => {
      for (let i = 0; i < 30 && child.exitCode === null; i++) {
        late.push(await rawHit(A, 'GET', `/users/${s.user_id}/goals`, s.token));
        await sleep(50);
      }
    })();
    const results = await Promise.all(inFlight);
    const exit = await exited(child);
    const exitMs = Date.now() - signalledAt;
    await knocking;

    const lateOutcomes = new Map<string, number>();
    for (const r of late) {
      const key = String(r.status || r.error);
      lateOutcomes.set(key, (lateOutcomes.get(key) ?? 0) + 1);
    }
    console.log(
      `[scenario 5] gateway-1 SIGTERM with ${IN_FLIGHT} requests in flight (each ~${2 * DB_LATENCY_MS} ms of SQL): ` +
        `${results.filter((r) => r.status === 200).length}/${IN_FLIGHT} completed 200 ` +
        `(slowest ${round(Math.max(...results.map((r) => r.ms)))} ms), exit code ${exit.code} ` +
        `after ${exitMs} ms (grace ${GRACE_MS} ms); requests sent after the signal: ${[
          ...lateOutcomes,
        ]
          .map(([k, n]) => `${n}× ${k}`)
          .join(', ')}`,
    );
    for (const r of results) {
      expect({ status: r.status, error: r.error }).toEqual({ status: 200, error: undefined });
    }
    expect(exit).toEqual({ code: 0, signal: null });
    expect(exitMs).toBeLessThan(GRACE_MS);
    const lines = logSince('gateway-1', mark);
    expect(lines.some((l) => l.includes('stopped cleanly'))).toBe(true);
    // The other replica kept serving throughout.
    expect((await getProfile(B, s)).status).toBe(200);

    await restore();
    restore = undefined;
    await restart('gateway-1');
  });

  it('should let a user instance finish in-flight gRPC writes on SIGTERM and exit 0', async () => {
    const s = await newSession(B);
    await stop('user-1');
    const child = spawnOwned('user-1');
    await until('user-1 ready', () => ready(`http://127.0.0.1:${P.user[0]?.http}/readyz`), 30_000);
    // Let the gateways' channels pick the new instance up again.
    await sleep(2500);
    const user2Before = await metric(USER_METRICS[1], 'grpc_server_handled_total', {
      method: 'createGoal',
    });
    restore = await slowDatabase();
    const writes = Array.from({ length: 10 }, (_, i) =>
      createGoal(GATEWAYS[i % 2], s, {
        goal_type: 'calories',
        target_value: 100 + i,
        target_date: inAYear(),
      }),
    );
    await sleep(150);
    const signalledAt = Date.now();
    child.kill('SIGTERM');
    const results = await Promise.all(writes);
    const exit = await exited(child);
    const exitMs = Date.now() - signalledAt;
    const onUser2 =
      (await metric(USER_METRICS[1], 'grpc_server_handled_total', {
        method: 'createGoal',
      })) - user2Before;
    console.log(
      `[scenario 5] user-1 SIGTERM with goal writes in flight: ${results.filter((r) => r.status === 201).length}/10 ` +
        `created (${10 - onUser2} of them routed to user-1, finished during its drain), exit code ${exit.code} after ${exitMs} ms`,
    );
    expect(results.map((r) => r.status)).toEqual(Array.from({ length: 10 }, () => 201));
    expect(10 - onUser2).toBeGreaterThan(0);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(exitMs).toBeLessThan(GRACE_MS);
    await restore?.();
    restore = undefined;
    await restart('user-1');
  });
});
