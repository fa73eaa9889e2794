import { afterAll, describe, expect, it, jest } from '@jest/globals';
import {
  GATEWAYS,
  ensureRunning,
  logMark,
  logSince,
  metric,
  newSession,
  percentile,
  readyz,
  restart,
  round,
  stop,
  untilGoalsServed,
  getGoals,
} from './support/fault.js';

jest.setTimeout(90_000);

const [A] = GATEWAYS;
const METRICS_A = `${A}/metrics`;
const FAST_FAILS = 200;

/** gRPC calls gateway-1 put on the wire to the user service (an open breaker sends none). */
function userCallsSent(): Promise<number> {
  return metric(METRICS_A, 'grpc_client_handled_total', { upstream: 'user' });
}

function breakerState(): Promise<number> {
  return metric(METRICS_A, 'circuit_breaker_state', { upstream: 'user' });
}

describe('circuit breaker (scenario 2)', () => {
  afterAll(async () => {
    // Leave the stack whole for the other scenarios even if an assertion failed.
    await ensureRunning('user-1', 'user-2');
  });

  it('should open after 3 failures, fail fast without calling, and close again by itself', async () => {
    const s = await newSession(A);
    expect((await getGoals(A, s)).status).toBe(200);
    expect((await readyz(`${A}/readyz`)).body.details.user).toMatchObject({
      status: 'up',
      breaker: 'closed',
    });
    const mark = logMark('gateway-1');

    await Promise.all([stop('user-1'), stop('user-2')]);
    const sentBefore = await userCallsSent();
    const first = [];
    for (let i = 0; i < 3; i++) {
      first.push(await getGoals(A, s));
    }
    expect(first.map((r) => r.status)).toEqual([503, 503, 503]);
    expect(await userCallsSent()).toBe(sentBefore + 3);
    expect(await breakerState()).toBe(2);

    // Open: every call fails fast, and none reaches the (dead) user service.
    const sentWhileOpen = await userCallsSent();
    const fast = [];
    for (let i = 0; i < FAST_FAILS; i++) {
      fast.push(await getGoals(A, s));
    }
    const fastMs = fast.map((r) => r.ms);
    const p99 = percentile(fastMs, 99);
    const sentDuring = (await userCallsSent()) - sentWhileOpen;
    const retryAfter = fast.map((r) => Number(r.retryAfter));
    console.log(
      `[scenario 2] both user instances stopped: first 3 calls 503 after ${first
        .map((r) => `${round(r.ms)} ms`)
        .join(', ')} (sent to the service); breaker open; next ${FAST_FAILS} calls: all 503, ` +
        `p50 ${round(percentile(fastMs, 50), 2)} ms, p99 ${round(p99, 2)} ms, ` +
        `Retry-After ${Math.min(...retryAfter)}-${Math.max(...retryAfter)} s, gRPC calls sent to user meanwhile: ${sentDuring}`,
    );
    expect(fast.every((r) => r.status === 503)).toBe(true);
    expect(fast[0]?.body).toEqual({
      error: { code: 'UNAVAILABLE', message: expect.any(String) },
    });
    // Fast because nothing is sent: asserted below. The p99 itself is measured and printed above
    // (the issue's bar is 20 ms), not asserted: timings flake on a shared machine, and speed is
    // what bench/ is for.
    expect(sentDuring).toBe(0);
    expect(Math.min(...retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...retryAfter)).toBeLessThanOrEqual(5);
    const ready = await readyz(`${A}/readyz`);
    expect(ready.status).toBe(503);
    expect(ready.body.details.user).toMatchObject({ status: 'down', breaker: 'open' });
    // States, never the error texts behind them (addresses, driver messages).
    expect(ready.body.details.user?.state).toBe('UNREACHABLE');
    expect(JSON.stringify(ready.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|"message"/);

    const lines = logSince('gateway-1', mark);
    const failures = lines.filter((l) =>
      l.includes('upstream user failed: method=ListGoals code=UNAVAILABLE'),
    );
    expect(failures).toHaveLength(3);
    expect(failures[0]).toContain('breaker=closed failures=1/3');
    expect(failures[2]).toContain('failures=3/3');
    expect(lines.filter((l) => l.includes('circuit breaker for user opened'))).toHaveLength(1);

    // Back: the half-open trial succeeds and closes the breaker, no gateway restart.
    const restartedAt = Date.now();
    await Promise.all([restart('user-1'), restart('user-2')]);
    const back = await untilGoalsServed('a successful call through gateway-1', A, s);
    expect(back.status).toBe(200);
    const recoveredMs = Date.now() - restartedAt;
    expect(await breakerState()).toBe(0);
    const after = logSince('gateway-1', mark);
    const halfOpen = after.findIndex((l) => l.includes('circuit breaker for user half-open'));
    const closed = after.findIndex((l) => l.includes('circuit breaker for user closed'));
    expect(halfOpen).toBeGreaterThanOrEqual(0);
    expect(closed).toBeGreaterThan(halfOpen);
    console.log(
      `[scenario 2] user instances restarted: half-open → closed, first success ${recoveredMs} ms after the restart began`,
    );
    expect((await readyz(`${A}/readyz`)).body.details.user).toMatchObject({
      status: 'up',
      breaker: 'closed',
    });
  });
});
