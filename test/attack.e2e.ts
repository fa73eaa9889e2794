// The attacks that once broke the running system, replayed against it (issue "hostile input"):
// each case failed before its fix. Hostile requests go through the raw helper `rawCall` on purpose:
// a typed client would not let them be sent.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it, jest } from '@jest/globals';
import * as grpc from '@grpc/grpc-js';
import { Redis } from 'ioredis';
import { createSigner } from 'fast-jwt';
import { credential, rawClient, serviceToken, unary } from '../scripts/internal-grpc.mjs';
import { PROFILES, stackEnv } from '../scripts/stack.mjs';
import { expectAck, type ErrorBody } from '@fitness/client';
import { A, B, rawCall, registerAndLogin, registerUsers, sleep } from './support/api.js';
import { closeAll, connect, startGroupSession, waitFor } from './support/realtime.js';

jest.setTimeout(120_000);

const env = stackEnv('test');
const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 2 });

afterEach(() => closeAll());
afterAll(() => redis.disconnect());

interface Readyz {
  status: string;
  details: Record<string, { status: string; breaker?: string; [k: string]: unknown }>;
}

async function breakersClosed(): Promise<void> {
  for (const base of [A, B]) {
    const ready = await rawCall<Readyz>(base, 'GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.details.user?.breaker).toBe('closed');
    expect(ready.body.details.activity?.breaker).toBe('closed');
  }
}

async function savedSession(
  token: string,
  id: string,
  timeoutMs = 15_000,
): Promise<Record<string, unknown>> {
  let body: Record<string, unknown> = {};
  await waitFor(
    `group session ${id} stored by the activity service`,
    async () => {
      const res = await rawCall<Record<string, unknown>>(A, 'GET', `/group-sessions/${id}`, {
        token,
      });
      body = res.body;
      return res.status === 200 && res.body.saved === true;
    },
    timeoutMs,
  );
  return body;
}

describe('attack 1: a value PostgreSQL refuses never opens the breaker for everyone', () => {
  it.each([
    ['a NUL character', 'x\u0000@a.io'],
    ['a lone surrogate', 'x\ud800@a.io'],
    ['a control character', 'x\u0007@a.io'],
  ])(
    'should refuse an email with %s in login and register with 400, keeping the breakers closed',
    async (_what, email) => {
      for (let i = 0; i < 4; i++) {
        const login = await rawCall<ErrorBody>(A, 'POST', '/users/login', {
          body: { email, password: 'whatever-123' },
        });
        expect(login.status).toBe(400);
        expect(login.body.error.details?.[0]?.field).toBe('email');
        const register = await rawCall<ErrorBody>(B, 'POST', '/users/register', {
          body: { username: `u_${randomUUID().slice(0, 8)}`, email, password: 'whatever-123' },
        });
        expect(register.status).toBe(400);
        expect(register.body.error.details?.[0]?.field).toBe('email');
      }
      await breakersClosed();
      // Everyone else is still served.
      await registerAndLogin();
    },
  );

  it('should refuse control characters in usernames, workout types and ids', async () => {
    const s = await registerAndLogin();
    const cases: [string, string, Record<string, unknown>, string][] = [
      ['PATCH', `/users/${s.user_id}`, { username: 'bad\u0000name' }, 'username'],
      [
        'POST',
        '/workouts/start',
        { user_id: s.user_id, workout_type: 'run\u0000' },
        'workout_type',
      ],
      [
        'POST',
        '/workouts/start',
        { user_id: `${s.user_id}\u0000`, workout_type: 'run' },
        'user_id',
      ],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await rawCall<ErrorBody>(A, method, path, { token: s.token, body });
      expect([res.status, res.body.error.details?.[0]?.field]).toEqual([400, field]);
    }
    const badId = await rawCall<ErrorBody>(A, 'POST', `/workouts/a%00b/end`, {
      token: s.token,
      body: { end_time: new Date().toISOString() },
    });
    expect(badId.status).toBe(400);
    await breakersClosed();
  });
});

describe('attack 2: a workout type named like an object member', () => {
  it('should refuse "__proto__" as a workout type (not a name), with 400', async () => {
    const s = await registerAndLogin();
    const res = await rawCall<ErrorBody>(A, 'POST', '/workouts/start', {
      token: s.token,
      body: { user_id: s.user_id, workout_type: '__proto__' },
    });
    expect([res.status, res.body.error.details?.[0]?.field]).toEqual([400, 'workout_type']);
  });

  it.each(['constructor', 'Constructor', 'toString', 'hasOwnProperty', 'valueOf'])(
    'should end a "%s" workout with finite calories, exactly once',
    async (type) => {
      const s = await registerAndLogin();
      const started = await rawCall<{ session_id: string; start_time: string }>(
        A,
        'POST',
        '/workouts/start',
        { token: s.token, body: { user_id: s.user_id, workout_type: type } },
      );
      expect(started.status).toBe(201);
      await sleep(50);
      const end = () =>
        rawCall<{ duration: number; calories_burned: number }>(
          B,
          'POST',
          `/workouts/${started.body.session_id}/end`,
          { token: s.token, body: { end_time: new Date().toISOString() } },
        );
      const ended = await end();
      expect(ended.status).toBe(200);
      expect(Number.isFinite(ended.body.calories_burned)).toBe(true);
      expect(ended.body.calories_burned).toBeGreaterThanOrEqual(0);
      const list = await rawCall<{ items: { status: string }[] }>(
        A,
        'GET',
        `/users/${s.user_id}/workouts`,
        { token: s.token },
      );
      expect(list.body.items.map((w) => w.status)).toEqual(['ended']);
      expect((await end()).status).toBe(400);
      const stats = await rawCall<{ total_workouts: number }>(
        A,
        'GET',
        `/users/${s.user_id}/statistics`,
        { token: s.token },
      );
      expect(stats.body.total_workouts).toBe(1);
      await breakersClosed();
    },
  );
});

describe('attack 3: one bad group session never stops the others from being saved', () => {
  it('should save a "constructor" session and a normal one ended after it', async () => {
    const alice = await registerAndLogin();
    const a = await connect(A, alice.token);
    const poison = await startGroupSession(a, { workout_type: 'constructor' });
    expect((await a.emit('end_group_session', { session_id: poison })).ok).toBe(true);
    const normal = await startGroupSession(a, { workout_type: 'yoga' });
    expect((await a.emit('end_group_session', { session_id: normal })).ok).toBe(true);
    await savedSession(alice.token, normal, 10_000);
    await savedSession(alice.token, poison, 10_000);
    // Both participations count, with numbers that are numbers.
    await waitFor('both sessions in the statistics', async () => {
      const stats = await rawCall<Record<string, number | null>>(
        A,
        'GET',
        `/users/${alice.user_id}/statistics`,
        { token: alice.token },
      );
      return stats.body.total_workouts === 2;
    });
    const stats = await rawCall<Record<string, unknown>>(
      A,
      'GET',
      `/users/${alice.user_id}/statistics`,
      { token: alice.token },
    );
    // Every number, the totals per period and per workout type ('constructor' included) too.
    const numbers = (v: unknown): unknown[] =>
      typeof v === 'object' && v !== null ? Object.values(v).flatMap(numbers) : [v];
    expect(numbers(stats.body).length).toBeGreaterThan(10);
    for (const value of numbers(stats.body)) {
      expect(Number.isFinite(value)).toBe(true);
    }
    expect(stats.body.by_workout_type).toHaveProperty('constructor.workouts', 1);
    await breakersClosed();
  });

  it('should set aside records the activity service refuses, with the reason, and go on', async () => {
    const alice = await registerAndLogin();
    const a = await connect(A, alice.token);
    // A record no retry can fix, queued as a replica would queue it.
    const refusedId = randomUUID();
    const refused = {
      session_id: refusedId,
      name: '',
      workout_type: 'yoga',
      creator_id: alice.user_id,
      started_at: new Date().toISOString(),
      ended_at: new Date(Date.now() - 3_600_000).toISOString(),
      participants: [],
      messages: [],
      exercise_updates: [],
    };
    await queueRecord(refused);
    const normal = await startGroupSession(a, { workout_type: 'yoga' });
    expect((await a.emit('end_group_session', { session_id: normal })).ok).toBe(true);
    await savedSession(alice.token, normal, 10_000);
    await waitFor('the refused record in the dead letters', async () => {
      const dead = await deadLetters();
      return dead.some((d) => d.session_id === refusedId);
    });
    const letter = (await deadLetters()).find((d) => d.session_id === refusedId);
    expect(letter?.reason).toMatch(/INVALID_ARGUMENT/);
  });

  it('should save a session whose log exceeds what one gRPC message can carry, trimmed', async () => {
    const alice = await registerAndLogin();
    const a = await connect(A, alice.token);
    const id = await startGroupSession(a, { workout_type: 'cycling' });
    // A very long session: 6,000 messages of 1,000 characters (about 6 MB of log).
    const line = JSON.stringify({
      type: 'message',
      user_id: alice.user_id,
      username: alice.username,
      message: 'x'.repeat(1000),
      sent_at: new Date().toISOString(),
    });
    const pipeline = redis.pipeline();
    for (let i = 0; i < 6000; i++) {
      pipeline.rpush(`gs:v1:${id}:log`, line);
    }
    await pipeline.exec();
    expect(
      (await a.emit('send_message', { user_id: alice.user_id, session_id: id, message: 'last' }))
        .ok,
    ).toBe(true);
    expect((await a.emit('end_group_session', { session_id: id })).ok).toBe(true);
    const saved = await savedSession(alice.token, id, 15_000);
    const messages = saved.messages as { message: string }[];
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.length).toBeLessThan(6001);
    // The newest survive the trim; what was dropped is counted.
    expect(messages[messages.length - 1]?.message).toBe('last');
    expect(saved.messages_dropped).toBe(6001 - messages.length);
  });

  it('should hold every acknowledged message in the saved record, even one sent while ending', async () => {
    const users = await registerUsers(4);
    const [creator, ...others] = users;
    const c = await connect(A, creator.token);
    const senders = await Promise.all(others.map((u, i) => connect(i % 2 ? A : B, u.token)));
    for (let round = 0; round < 6; round++) {
      const id = await startGroupSession(c, { workout_type: 'hiit' });
      for (const [i, u] of others.entries()) {
        const joined = await senders[i].emit('join_group_session', {
          user_id: u.user_id,
          session_id: id,
        });
        expect(joined.ok).toBe(true);
      }
      // Three senders on both replicas keep sending while the creator ends the session.
      const sends = others.flatMap((u, i) =>
        Array.from({ length: 6 }, (_, n) => ({
          text: `m${round}-${i}-${n}`,
          ack: senders[i].emit('send_message', {
            user_id: u.user_id,
            session_id: id,
            message: `m${round}-${i}-${n}`,
          }),
        })),
      );
      await sleep(round);
      const end = await c.emit('end_group_session', { session_id: id });
      expect(end.ok).toBe(true);
      const acked: string[] = [];
      for (const { text, ack } of sends) {
        if ((await ack).ok) {
          acked.push(text);
        }
      }
      const saved = await savedSession(creator.token, id);
      const stored = (saved.messages as { message: string }[]).map((m) => m.message);
      expect(stored.sort()).toEqual(acked.sort());
      await sleep(2100);
    }
  });
});

describe('attack 4: the internal gRPC ports are closed to callers without a credential', () => {
  it('should refuse a plain grpc-js call on every instance, and a forged credential', async () => {
    const s = await registerAndLogin();
    const forged = new grpc.Metadata();
    forged.set(
      'authorization',
      `Bearer ${serviceToken('not-the-secret-0123456789abcdef', 'gateway')}`,
    );
    for (const u of PROFILES.test.user) {
      const client = rawClient('user', `127.0.0.1:${u.grpc}`);
      for (const md of [new grpc.Metadata(), forged]) {
        expect((await unary(client, 'GetUser', { user_id: s.user_id }, md)).code).toBe(
          grpc.status.UNAUTHENTICATED,
        );
        expect(
          (await unary(client, 'UpdateUser', { user_id: s.user_id, username: 'pwned' }, md)).code,
        ).toBe(grpc.status.UNAUTHENTICATED);
        expect(
          (
            await unary(
              client,
              'RecordWorkout',
              {
                user_id: s.user_id,
                workout_id: randomUUID(),
                ended_at: new Date().toISOString(),
                duration: 60,
                calories_burned: 1,
              },
              md,
            )
          ).code,
        ).toBe(grpc.status.UNAUTHENTICATED);
      }
      // The same call with the real credential is served: the refusal above is the credential's.
      const good = credential(env.INTERNAL_TOKEN_SECRET);
      expect((await unary(client, 'GetUser', { user_id: s.user_id }, good)).code).toBe(
        grpc.status.OK,
      );
      client.close();
    }
    for (const a of PROFILES.test.activity) {
      const client = rawClient('activity', `127.0.0.1:${a.grpc}`);
      for (const md of [new grpc.Metadata(), forged]) {
        expect(
          (
            await unary(
              client,
              'SaveGroupSession',
              {
                session_id: randomUUID(),
                workout_type: 'yoga',
                creator_id: s.user_id,
                started_at: new Date().toISOString(),
                ended_at: new Date().toISOString(),
                participants: [
                  {
                    user_id: s.user_id,
                    username: 'x',
                    joined_at: new Date().toISOString(),
                    duration: 3600,
                  },
                ],
              },
              md,
            )
          ).code,
        ).toBe(grpc.status.UNAUTHENTICATED);
        expect((await unary(client, 'GetStatistics', { user_id: s.user_id }, md)).code).toBe(
          grpc.status.UNAUTHENTICATED,
        );
      }
      client.close();
    }
    const profile = await rawCall<{ username: string }>(A, 'GET', `/users/${s.user_id}`, {
      token: s.token,
    });
    expect(profile.body.username).toBe(s.username);
  });
});

describe('attack 6: sockets and their limits', () => {
  it('should disconnect a socket when its token expires, saying why', async () => {
    const s = await registerAndLogin();
    // A token of the real issuer that expires in 2 s.
    const token = createSigner({ key: env.JWT_SECRET, iss: 'fitness-user', aud: 'fitness' })({
      sub: s.user_id,
      exp: Math.floor(Date.now() / 1000) + 2,
    });
    const c = await connect(A, token);
    const expired: unknown[] = [];
    c.socket.on('session_expired', (e: unknown) => expired.push(e));
    await waitFor('the disconnect at expiry', () => !c.socket.connected, 6000);
    expect(expired).toEqual([{ reason: 'token_expired' }]);
  });

  it('should limit group sessions created and exercise updates per user', async () => {
    const s = await registerAndLogin();
    const c = await connect(A, s.token);
    const creates = await Promise.all(
      Array.from({ length: 30 }, () => c.emit('create_group_session', { workout_type: 'yoga' })),
    );
    expect(creates.filter((x) => x.ok).length).toBeGreaterThan(0);
    expect(creates.find((x) => !x.ok)?.error?.code).toBe('RESOURCE_EXHAUSTED');
    const id = creates.find((x) => x.ok)?.session_id as string;
    // The limit is the user's, across sockets and replicas: three sockets, 30 updates each (each
    // socket's queue stays under its bound, so only the user's limit can refuse them), sent at
    // once. A socket handles its events one by one, so one socket alone on a slow machine would
    // let the allowance refill as fast as it spends it.
    const sockets = [c, await connect(B, s.token), await connect(A, s.token)];
    for (const other of sockets.slice(1)) {
      expectAck(
        'join_group_session',
        await other.emit('join_group_session', { user_id: s.user_id, session_id: id }),
      );
    }
    const updates = await Promise.all(
      sockets.flatMap((socket) =>
        Array.from({ length: 30 }, (_, i) =>
          socket.emit('exercise_update', { session_id: id, exercise: 'reps', value: i, unit: 'n' }),
        ),
      ),
    );
    expect(updates.filter((x) => x.ok).length).toBeGreaterThan(0);
    expect(updates.find((x) => !x.ok)?.error?.code).toBe('RESOURCE_EXHAUSTED');
  });

  it('should bound the events waiting on one socket and answer the excess at once', async () => {
    const s = await registerAndLogin();
    // 300 events in one request: the server reads them in one go however loaded this machine is
    // (over a WebSocket they may arrive a few at a time and be answered before the bound is met).
    const acks = await burstOverPolling(
      B,
      s.token,
      Array.from({ length: 300 }, (): [string, unknown] => [
        'leave_group_session',
        { session_id: randomUUID() },
      ]),
    );
    const codes = acks.map((x) => (x as { error?: { code?: string } } | undefined)?.error?.code);
    // SOCKET_MAX_PENDING_EVENTS (64) are taken and answered (no such session); the rest are
    // refused before any work is done.
    expect(codes.filter((c) => c === 'NOT_FOUND')).toHaveLength(64);
    expect(codes.filter((c) => c === 'RESOURCE_EXHAUSTED')).toHaveLength(236);
  });
});

/**
 * A hand-written Engine.IO v4 long-polling client, as an attacker could write one: connects with
 * the token, sends every event in ONE HTTP request and collects their acks. Every request is
 * awaited here, so nothing of it outlives the test (socket.io-client's polling transport sends
 * its close request after the test, when Jest has torn the environment down).
 */
async function burstOverPolling(
  base: string,
  token: string,
  events: [string, unknown][],
): Promise<unknown[]> {
  const url = `${base}/socket.io/?EIO=4&transport=polling`;
  const handshake = await (await fetch(url)).text();
  const { sid } = JSON.parse(handshake.slice(1)) as { sid: string };
  const session = `${url}&sid=${encodeURIComponent(sid)}`;
  const post = async (body: string): Promise<void> => {
    const res = await fetch(session, {
      method: 'POST',
      body,
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
    });
    expect(await res.text()).toBe('ok');
  };
  // Packets in a polling payload are separated by the record separator.
  const receive = async (): Promise<string[]> =>
    (await (await fetch(session)).text()).split('\x1e');
  await post(`40${JSON.stringify({ token })}`);
  expect((await receive()).some((p) => p.startsWith('40{'))).toBe(true);
  await post(
    events.map(([name, data], id) => `42${id}${JSON.stringify([name, data])}`).join('\x1e'),
  );
  const acks = new Map<number, unknown>();
  const deadline = Date.now() + 15_000;
  while (acks.size < events.length && Date.now() < deadline) {
    for (const packet of await receive()) {
      const ack = /^43(\d+)(\[.*\])$/s.exec(packet);
      if (ack?.[1] !== undefined && ack[2] !== undefined) {
        acks.set(Number(ack[1]), (JSON.parse(ack[2]) as unknown[])[0]);
      }
    }
  }
  await post('1');
  return events.map((_, id) => acks.get(id));
}

describe('attack 6: HTTP hardening', () => {
  it('should send security headers and keep CORS closed to other origins', async () => {
    const res = await fetch(`${A}/healthz`, { headers: { origin: 'https://evil.example' } });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBeTruthy();
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${A}/users/login`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});

/** Queues a finished-session record in the outbox exactly as the end of a session does. */
async function queueRecord(record: { session_id: string }): Promise<void> {
  await redis.eval(
    `redis.call('HSET', KEYS[2], ARGV[1], ARGV[2]) redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1]) return 1`,
    2,
    'gs:v2:outbox',
    'gs:v2:outbox:items',
    record.session_id,
    JSON.stringify(record),
    Date.now(),
  );
}

async function deadLetters(): Promise<{ session_id: string; reason: string }[]> {
  const raw = await redis.hvals('gs:v2:outbox:dead');
  return raw.map((r) => JSON.parse(r) as { session_id: string; reason: string });
}
