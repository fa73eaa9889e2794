import { afterAll, describe, expect, it, jest } from '@jest/globals';
import {
  DEADLINE_MS,
  GATEWAYS,
  pidOf,
  round,
  sessionWithGoal,
  setProxyEnabled,
  untilGoalsServed,
  type Hit,
  getGoals,
  getProfile,
  login,
  patchProfile,
} from './support/fault.js';

jest.setTimeout(60_000);

const [A, B] = GATEWAYS;

describe('PostgreSQL cut (scenario 4)', () => {
  afterAll(async () => {
    await setProxyEnabled('postgres', true);
  });

  it('should fail user calls cleanly with 503 and recover without a restart', async () => {
    const { s, goal } = await sessionWithGoal(A);
    expect(goal.status).toBe(201);
    const pids = [pidOf('user-1'), pidOf('user-2')];

    await setProxyEnabled('postgres', false);
    const during: (Hit & { what: string })[] = [];
    for (let i = 0; i < 12; i++) {
      const base = i % 2 === 0 ? A : B;
      during.push({
        what: 'GET goals',
        ...(await getGoals(base, s)),
      });
      if (i % 4 === 0) {
        during.push({
          what: 'PATCH profile',
          ...(await patchProfile(base, s, { height_cm: 180 })),
        });
        during.push({
          what: 'login',
          ...(await login(base, s)),
        });
      }
    }
    // The profile itself is still served from the cache (the login put it there).
    const profile = await getProfile(A, s);
    const statuses = new Map<string, number>();
    for (const r of during) {
      const key = `${r.what} ${r.status || r.error}`;
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
    }
    const maxMs = Math.max(...during.map((r) => r.ms));
    console.log(
      `[scenario 4] PostgreSQL cut: ${during.length} user-service calls → ${[...statuses]
        .map(([k, n]) => `${n}× ${k}`)
        .join(', ')}; slowest ${round(maxMs)} ms; cached profile read: ${profile.status}`,
    );
    for (const r of during) {
      expect(r.status).toBe(503);
      expect(r.body).toEqual({ error: { code: 'UNAVAILABLE', message: expect.any(String) } });
      expect(r.retryAfter).toEqual(expect.stringMatching(/^\d+$/));
    }
    expect(maxMs).toBeLessThan(DEADLINE_MS);
    expect(profile.status).toBe(200);

    await setProxyEnabled('postgres', true);
    const restoredAt = Date.now();
    const back = await untilGoalsServed('user calls to succeed again', B, s);
    expect((back.body as { items: unknown[] }).items).toHaveLength(1);
    const recoveredMs = Date.now() - restoredAt;
    // Both gateways and both user instances serve again; the user processes never restarted.
    for (const base of [A, B]) {
      const ok = await untilGoalsServed(`${base} to serve user calls`, base, s);
      expect(ok.status).toBe(200);
    }
    const patched = await patchProfile(A, s, { height_cm: 181 });
    expect(patched.status).toBe(200);
    expect([pidOf('user-1'), pidOf('user-2')]).toEqual(pids);
    console.log(
      `[scenario 4] PostgreSQL back: first success after ${recoveredMs} ms (breaker half-open trial), same user processes`,
    );
  });
});
