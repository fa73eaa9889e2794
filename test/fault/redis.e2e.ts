import { afterAll, describe, expect, it, jest } from '@jest/globals';
import type { Latency } from 'toxiproxy-node-client';
import { expectAck } from '@fitness/client';
import { api } from '../support/api.js';
import { closeAll, connect, waitFor } from '../support/realtime.js';
import {
  GATEWAYS,
  P,
  metric,
  newSession,
  percentile,
  proxy,
  readyz,
  round,
  setProxyEnabled,
  until,
  getProfile,
  getStatistics,
  hit,
  login,
  patchProfile,
} from './support/fault.js';

jest.setTimeout(60_000);

const [A, B] = GATEWAYS;
const USER_READYZ = P.user.map((u) => `http://127.0.0.1:${u.http}/readyz`);

async function gatewayGetUserCalls(): Promise<number> {
  const counts = await Promise.all(
    GATEWAYS.map((g) =>
      metric(`${g}/metrics`, 'grpc_client_handled_total', { upstream: 'user', method: 'GetUser' }),
    ),
  );
  return counts.reduce((a, b) => a + b, 0);
}

/** Every gateway and user instance sees Redis in `state` ('up' or 'degraded'). */
async function redisEverywhere(state: string): Promise<true | undefined> {
  const reports = await Promise.all(
    [...GATEWAYS.map((g) => `${g}/readyz`), ...USER_READYZ].map((url) => readyz(url)),
  );
  return reports.every((r) => r.status === 200 && r.body.details.redis?.status === state)
    ? true
    : undefined;
}

describe('Redis cut (scenario 3)', () => {
  afterAll(async () => {
    closeAll();
    await setProxyEnabled('redis', true);
  });

  it('should answer correctly without Redis, keep login working, and cache again after', async () => {
    const s = await newSession(A);
    const socket = await connect(A, s.token);
    const warm = await getProfile(A, s);
    expect(warm.body).toMatchObject({ weight_kg: null });
    expect((await patchProfile(A, s, { leaderboard_visible: true })).status).toBe(200);

    await setProxyEnabled('redis', false);
    const cutAt = Date.now();
    await until('readiness to report redis degraded', () => redisEverywhere('degraded'), 10_000);
    console.log(
      `[scenario 3] redis cut: every readiness report says redis degraded (HTTP 200) after ${Date.now() - cutAt} ms`,
    );

    const reads = [];
    for (let i = 0; i < 20; i++) {
      const res = await getProfile(i % 2 === 0 ? A : B, s);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ user_id: s.user_id, email: s.email, weight_kg: null });
      reads.push(res.ms);
    }
    // A change made while Redis is away: its invalidation can't reach Redis now.
    const patched = await patchProfile(B, s, { weight_kg: 75 });
    expect(patched.status).toBe(200);
    const afterPatch = await getProfile(A, s);
    expect(afterPatch.body).toMatchObject({ weight_kg: 75 });
    const loggedIn = await login(A, s);
    expect(loggedIn.status).toBe(200);
    // A workout ends while the leaderboards are out of reach: the end is kept, the board waits.
    const started = await hit(() =>
      api(A, s.token).POST('/workouts/start', {
        body: { user_id: s.user_id, workout_type: 'running' },
      }),
    );
    expect(started.status).toBe(201);
    const sessionId = (started.body as { session_id: string }).session_id;
    const ended = await hit(() =>
      api(B, s.token).POST('/workouts/{session_id}/end', {
        params: { path: { session_id: sessionId } },
        body: { end_time: new Date().toISOString() },
      }),
    );
    expect(ended.status).toBe(200);
    const stats = await getStatistics(B, s);
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({ total_workouts: 1 });
    // Group sessions live in Redis: without it they answer a clear, retryable refusal.
    const refused = await socket.emit('create_group_session', { workout_type: 'yoga' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    console.log(
      `[scenario 3] without redis: create_group_session acked ${JSON.stringify(refused.error)}`,
    );
    console.log(
      `[scenario 3] without redis: 20/20 profile reads correct (p50 ${round(percentile(reads, 50))} ms, ` +
        `max ${round(Math.max(...reads))} ms), update visible at once, login ${loggedIn.status}`,
    );

    await setProxyEnabled('redis', true);
    const restoredAt = Date.now();
    await until('readiness to report redis up', () => redisEverywhere('up'), 15_000);
    console.log(
      `[scenario 3] redis restored: all instances report it up after ${Date.now() - restoredAt} ms`,
    );

    // The stale copy from before the cut must not come back: the user service applied the
    // invalidation it could not send during the outage.
    const first = await getProfile(A, s);
    expect(first.body).toMatchObject({ weight_kg: 75 });
    // Caching resumes: after at most a refill, reads are answered from Redis (no GetUser).
    const served = await until(
      'a profile read served from the cache',
      async () => {
        const before = await gatewayGetUserCalls();
        const res = await getProfile(B, s);
        expect(res.body).toMatchObject({ weight_kg: 75 });
        return (await gatewayGetUserCalls()) === before ? true : undefined;
      },
      5000,
    );
    expect(served).toBe(true);
    console.log('[scenario 3] after restore: the next profile read was served from the cache');

    // The workout that ended during the cut reaches the leaderboards by itself (the activity
    // service's follow-up sweep), without a rebuild.
    const listedAt = Date.now();
    const listed = await until(
      'the workout ended during the cut on the weekly leaderboard',
      async () => {
        const { data } = await api(A, s.token).GET('/leaderboards/{metric}', {
          params: { path: { metric: 'workouts' }, query: { period: 'week', limit: 100 } },
        });
        const mine = data?.items.find((e) => e.user_id === s.user_id);
        return mine?.value === 1 && data?.me.value === 1 ? mine : undefined;
      },
      20_000,
      250,
    );
    expect(listed).toMatchObject({ username: s.username, value: 1 });
    console.log(
      `[scenario 3] after restore: the leaderboard caught up in ${Date.now() - listedAt} ms`,
    );

    // Group sessions resume by themselves, across replicas (the adapter's clients reconnected).
    const created = await socket.emit('create_group_session', { workout_type: 'yoga' });
    expect(created.ok).toBe(true);
    const other = await connect(B, s.token);
    const sent = await other.emit('send_message', {
      user_id: s.user_id,
      session_id: expectAck('create_group_session', created).session_id,
      message: 'back',
    });
    expect(sent.ok).toBe(true);
    await waitFor('the message relayed to the socket on the other replica', () =>
      socket.updates.some((u) => u.update_type === 'message'),
    );
  });

  it('should answer every socket event, UNAVAILABLE, while Redis stalls instead of going away', async () => {
    const s = await newSession(B);
    const socket = await connect(B, s.token);
    const created = expectAck(
      'create_group_session',
      await socket.emit('create_group_session', { workout_type: 'yoga' }),
    );
    // Redis still accepts connections but answers nothing for 20 s: only a command timeout can
    // tell, and without one every event would wait until the client gives up (no ack at all).
    const redis = await proxy('redis');
    await redis.addToxic<Latency>({
      name: 'stall',
      type: 'latency',
      stream: 'downstream',
      toxicity: 1,
      attributes: { latency: 20_000, jitter: 0 },
    });
    try {
      const started = Date.now();
      const acks = await Promise.all([
        socket.emit('send_message', {
          user_id: s.user_id,
          session_id: created.session_id,
          message: 'anyone?',
        }),
        socket.emit('create_group_session', { workout_type: 'hiit' }),
      ]);
      for (const ack of acks) {
        expect(ack).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
      }
      console.log(
        `[scenario 3] redis stalled: events acked UNAVAILABLE after ${Date.now() - started} ms`,
      );
    } finally {
      await (await (await proxy('redis')).getToxic('stall')).remove();
    }
  });
});
