import { describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { PROFILES } from '../scripts/stack.mjs';
import {
  GATEWAYS,
  call,
  counterTotal,
  logLines,
  newCredentials,
  registerAndLogin,
  sleep,
  type ErrorResponse,
  type Session,
} from './support/api.js';

jest.setTimeout(60_000);

const [A, B] = GATEWAYS as [string, string];

interface Started {
  session_id: string;
  start_time: string;
}
interface Ended {
  session_id: string;
  duration: number;
  calories_burned: number;
}
interface Stats {
  total_workouts: number;
  total_duration: number;
  total_calories_burned: number;
  average_session_duration: number;
}
interface Goal {
  goal_id: string;
  goal_type: string;
  target_value: number;
  target_date: string;
  current_progress: number;
  achieved_at?: string | null;
}

/** Starts a workout on one replica and ends it on the other, `seconds` after its start. */
async function workout(s: Session, type: string, seconds: number): Promise<Ended> {
  const start = await call<Started>(A, 'POST', '/workouts/start', {
    token: s.token,
    body: { user_id: s.user_id, workout_type: type },
  });
  expect(start.status).toBe(201);
  const startMs = Date.parse(start.body.start_time);
  // end_time may not lie in the future: wait until it is in the past.
  await sleep(Math.max(0, startMs + seconds * 1000 - Date.now() + 20));
  const end = await call<Ended>(B, 'POST', `/workouts/${start.body.session_id}/end`, {
    token: s.token,
    body: { end_time: new Date(startMs + seconds * 1000).toISOString() },
  });
  expect(end.status).toBe(200);
  return end.body;
}

function tomorrow(): string {
  return new Date(Date.now() + 24 * 3600 * 1000).toISOString().slice(0, 10);
}

describe('REST API through both gateway replicas', () => {
  it('should run register → login → goal → start → end → statistics across replicas', async () => {
    const s = await registerAndLogin();

    const profile = await call(B, 'PATCH', `/users/${s.user_id}`, {
      token: s.token,
      body: { weight_kg: 80 },
    });
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({ user_id: s.user_id, weight_kg: 80, height_cm: null });

    const goal = await call<Goal>(A, 'POST', `/users/${s.user_id}/goals`, {
      token: s.token,
      body: { goal_type: 'workouts', target_value: 2, target_date: tomorrow() },
    });
    expect(goal.status).toBe(201);
    expect(Object.keys(goal.body).sort()).toEqual(
      ['current_progress', 'goal_id', 'goal_type', 'target_date', 'target_value'].sort(),
    );
    expect(goal.body).toMatchObject({
      goal_type: 'workouts',
      target_value: 2,
      current_progress: 0,
    });
    const minutesGoal = await call<Goal>(B, 'POST', `/users/${s.user_id}/goals`, {
      token: s.token,
      body: { goal_type: 'duration_minutes', target_value: 30, target_date: tomorrow() },
    });
    expect(minutesGoal.status).toBe(201);

    // MET × weight × hours: running 9.8 × 80 kg × 1.5 s; cycling 7.5 × 80 kg × 2 s.
    const run = await workout(s, 'running', 1.5);
    expect(run).toEqual({ session_id: expect.any(String), duration: 1.5, calories_burned: 0.33 });
    const ride = await workout(s, 'cycling', 2);
    expect(ride).toMatchObject({ duration: 2, calories_burned: 0.33 });

    for (const base of [A, B]) {
      const stats = await call<Stats>(base, 'GET', `/users/${s.user_id}/statistics`, {
        token: s.token,
      });
      expect(stats.status).toBe(200);
      expect(stats.body).toEqual({
        total_workouts: 2,
        total_duration: 3.5,
        total_calories_burned: 0.66,
        average_session_duration: 1.75,
      });
    }

    const goals = await call<{ items: Goal[] }>(A, 'GET', `/users/${s.user_id}/goals`, {
      token: s.token,
    });
    expect(goals.status).toBe(200);
    const byType = Object.fromEntries(goals.body.items.map((g) => [g.goal_type, g]));
    expect(byType.workouts).toMatchObject({ current_progress: 2, achieved_at: expect.any(String) });
    expect(byType.duration_minutes).toMatchObject({ current_progress: 0.06, achieved_at: null });

    const page1 = await call<{ items: { session_id: string }[]; next_cursor?: string }>(
      B,
      'GET',
      `/users/${s.user_id}/workouts?limit=1`,
      { token: s.token },
    );
    expect(page1.status).toBe(200);
    expect(page1.body.items.map((w) => w.session_id)).toEqual([ride.session_id]);
    expect(page1.body.next_cursor).toEqual(expect.any(String));
    const page2 = await call<{ items: { session_id: string }[]; next_cursor?: string }>(
      A,
      'GET',
      `/users/${s.user_id}/workouts?limit=1&cursor=${page1.body.next_cursor}`,
      { token: s.token },
    );
    expect(page2.body.items.map((w) => w.session_id)).toEqual([run.session_id]);
    expect(page2.body.next_cursor).toBeUndefined();
  });

  it('should keep sub-second workouts: duration and calories are never rounded to zero', async () => {
    const s = await registerAndLogin();
    const ended = await workout(s, 'running', 0.25);
    expect(ended.duration).toBe(0.25);
    expect(ended.calories_burned).toBeGreaterThan(0);
  });

  it('should count workouts ended concurrently, each once, with no server error or double end', async () => {
    const s = await registerAndLogin();
    const started = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        call<Started>(i % 2 === 0 ? A : B, 'POST', '/workouts/start', {
          token: s.token,
          body: { user_id: s.user_id, workout_type: 'strength' },
        }),
      ),
    );
    await sleep(50);
    const ends = await Promise.all(
      started.map((w, i) =>
        call<Ended>(i % 2 === 0 ? B : A, 'POST', `/workouts/${w.body.session_id}/end`, {
          token: s.token,
          body: { end_time: new Date().toISOString() },
        }),
      ),
    );
    expect(ends.map((e) => e.status)).toEqual([200, 200, 200, 200, 200, 200]);
    // The same workout ended four times at once: one end wins, the others are refused.
    const one = await call<Started>(A, 'POST', '/workouts/start', {
      token: s.token,
      body: { user_id: s.user_id, workout_type: 'strength' },
    });
    const racing = await Promise.all(
      [A, B, A, B].map((base) =>
        call(base, 'POST', `/workouts/${one.body.session_id}/end`, {
          token: s.token,
          body: { end_time: new Date().toISOString() },
        }),
      ),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([200, 400, 400, 400]);
    const stats = await call<Stats>(A, 'GET', `/users/${s.user_id}/statistics`, { token: s.token });
    expect(stats.body.total_workouts).toBe(7);
  });

  it('should reject invalid bodies with 400 naming the field and create nothing', async () => {
    const creds = newCredentials();
    const cases: [unknown, string][] = [
      [{ username: creds.username, password: creds.password }, 'email'],
      [{ ...creds, email: 'not-an-email' }, 'email'],
      [{ ...creds, password: 12345678 }, 'password'],
      [{ ...creds, password: 'short' }, 'password'],
      [{ ...creds, username: 'a' }, 'username'],
      [{ ...creds, is_admin: true }, 'is_admin'],
    ];
    for (const [body, field] of cases) {
      const res = await call<ErrorResponse>(A, 'POST', '/users/register', { body });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('INVALID_ARGUMENT');
      expect(res.body.error.details?.map((d) => d.field)).toContain(field);
    }
    const malformed = await call<ErrorResponse>(A, 'POST', '/users/register', { rawBody: '{"a":' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('INVALID_ARGUMENT');
    const array = await call<ErrorResponse>(A, 'POST', '/users/register', { rawBody: '[1]' });
    expect(array.status).toBe(400);
    // None of the refused registrations created the account.
    const login = await call(B, 'POST', '/users/login', {
      body: { email: creds.email, password: creds.password },
    });
    expect(login.status).toBe(401);

    const s = await registerAndLogin();
    const badGoals: [unknown, string][] = [
      [{ goal_type: 'steps', target_value: 5, target_date: tomorrow() }, 'goal_type'],
      [{ goal_type: 'workouts', target_value: -1, target_date: tomorrow() }, 'target_value'],
      [{ goal_type: 'workouts', target_value: '5', target_date: tomorrow() }, 'target_value'],
      [{ goal_type: 'workouts', target_value: 2.5, target_date: tomorrow() }, 'target_value'],
      [{ goal_type: 'calories', target_value: 1e12, target_date: tomorrow() }, 'target_value'],
      [{ goal_type: 'workouts', target_value: 5, target_date: '2026-02-30' }, 'target_date'],
      [{ goal_type: 'workouts', target_value: 5, target_date: '2001-01-01' }, 'target_date'],
      [{ goal_type: 'workouts', target_value: 5 }, 'target_date'],
    ];
    for (const [body, field] of badGoals) {
      const res = await call<ErrorResponse>(B, 'POST', `/users/${s.user_id}/goals`, {
        token: s.token,
        body,
      });
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.error.details?.map((d) => d.field)).toContain(field);
    }
    const goals = await call<{ items: unknown[] }>(A, 'GET', `/users/${s.user_id}/goals`, {
      token: s.token,
    });
    expect(goals.body.items).toEqual([]);

    const start = await call<ErrorResponse>(A, 'POST', '/workouts/start', {
      token: s.token,
      body: { user_id: s.user_id, workout_type: 'run ning!' },
    });
    expect(start.status).toBe(400);
    expect(start.body.error.details?.[0]?.field).toBe('workout_type');

    const started = await call<Started>(A, 'POST', '/workouts/start', {
      token: s.token,
      body: { user_id: s.user_id, workout_type: 'yoga' },
    });
    const endCases: [unknown, string][] = [
      [{ end_time: 'yesterday' }, 'end_time'],
      [{ end_time: '2001-01-01T00:00:00Z' }, 'end_time'],
      [{ end_time: new Date(Date.now() + 3600_000).toISOString() }, 'end_time'],
      [{}, 'end_time'],
    ];
    for (const [body, field] of endCases) {
      const res = await call<ErrorResponse>(B, 'POST', `/workouts/${started.body.session_id}/end`, {
        token: s.token,
        body,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.details?.map((d) => d.field)).toContain(field);
    }
    const stats = await call<Stats>(A, 'GET', `/users/${s.user_id}/statistics`, { token: s.token });
    expect(stats.body.total_workouts).toBe(0);

    const badQuery = await call<ErrorResponse>(A, 'GET', `/users/${s.user_id}/workouts?limit=0`, {
      token: s.token,
    });
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.details?.[0]?.field).toBe('limit');
    const badCursor = await call<ErrorResponse>(A, 'GET', `/users/${s.user_id}/workouts?cursor=x`, {
      token: s.token,
    });
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.error.details?.[0]?.field).toBe('cursor');
  });

  it('should answer 401 without a token, with a malformed one and with a forged one', async () => {
    const s = await registerAndLogin();
    const none = await call<ErrorResponse>(A, 'GET', `/users/${s.user_id}/statistics`);
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('UNAUTHENTICATED');
    const garbage = await call<ErrorResponse>(B, 'GET', `/users/${s.user_id}`, { token: 'abc' });
    expect(garbage.status).toBe(401);
    const [header, payload] = s.token.split('.');
    const forged = await call<ErrorResponse>(A, 'GET', `/users/${s.user_id}`, {
      token: `${header}.${payload}.${'A'.repeat(43)}`,
    });
    expect(forged.status).toBe(401);
    const start = await call(A, 'POST', '/workouts/start', {
      body: { user_id: s.user_id, workout_type: 'yoga' },
    });
    expect(start.status).toBe(401);
  });

  it("should answer 403 for someone else's user_id and workout, and change nothing", async () => {
    const alice = await registerAndLogin();
    const bob = await registerAndLogin();
    for (const [method, path, body] of [
      ['GET', `/users/${bob.user_id}`, undefined],
      ['PATCH', `/users/${bob.user_id}`, { weight_kg: 99 }],
      ['GET', `/users/${bob.user_id}/statistics`, undefined],
      ['GET', `/users/${bob.user_id}/goals`, undefined],
      [
        'POST',
        `/users/${bob.user_id}/goals`,
        { goal_type: 'workouts', target_value: 1, target_date: tomorrow() },
      ],
      ['GET', `/users/${bob.user_id}/workouts`, undefined],
      ['POST', '/workouts/start', { user_id: bob.user_id, workout_type: 'yoga' }],
    ] as const) {
      const res = await call<ErrorResponse>(A, method, path, { token: alice.token, body });
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 403 });
      expect(res.body.error.code).toBe('PERMISSION_DENIED');
    }
    const bobs = await call<Started>(B, 'POST', '/workouts/start', {
      token: bob.token,
      body: { user_id: bob.user_id, workout_type: 'walking' },
    });
    const stolen = await call<ErrorResponse>(A, 'POST', `/workouts/${bobs.body.session_id}/end`, {
      token: alice.token,
      body: { end_time: new Date().toISOString() },
    });
    expect(stolen.status).toBe(403);
    const own = await call<Ended>(B, 'POST', `/workouts/${bobs.body.session_id}/end`, {
      token: bob.token,
      body: { end_time: new Date().toISOString() },
    });
    expect(own.status).toBe(200);
    const profile = await call(B, 'GET', `/users/${bob.user_id}`, { token: bob.token });
    expect(profile.body).toMatchObject({ weight_kg: null });
  });

  it('should refuse a duplicate email (in any case) or username with 409', async () => {
    const s = await registerAndLogin();
    const other = newCredentials();
    const email = await call<ErrorResponse>(B, 'POST', '/users/register', {
      body: { ...other, email: s.email.toUpperCase() },
    });
    expect(email.status).toBe(409);
    expect(email.body.error).toMatchObject({
      code: 'ALREADY_EXISTS',
      details: [{ field: 'email' }],
    });
    const username = await call<ErrorResponse>(A, 'POST', '/users/register', {
      body: { ...other, username: s.username.toUpperCase() },
    });
    expect(username.status).toBe(409);
    expect(username.body.error.details?.[0]?.field).toBe('username');
  });

  it('should give one answer for a wrong password and an unknown email', async () => {
    const s = await registerAndLogin();
    const wrong = await call<ErrorResponse>(A, 'POST', '/users/login', {
      body: { email: s.email, password: 'not-the-password' },
    });
    const unknown = await call<ErrorResponse>(B, 'POST', '/users/login', {
      body: { email: `nobody.${s.email}`, password: s.password },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
  });

  it('should answer 404 for an unknown session and 400 for ending a session twice', async () => {
    const s = await registerAndLogin();
    const unknown = await call<ErrorResponse>(
      A,
      'POST',
      '/workouts/8d6f1c52-7a1c-4b8e-9a55-0b4f2b1b9a11/end',
      {
        token: s.token,
        body: { end_time: new Date().toISOString() },
      },
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
    const ended = await workout(s, 'hiit', 0.1);
    const again = await call<ErrorResponse>(A, 'POST', `/workouts/${ended.session_id}/end`, {
      token: s.token,
      body: { end_time: new Date().toISOString() },
    });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('FAILED_PRECONDITION');
    const stats = await call<Stats>(B, 'GET', `/users/${s.user_id}/statistics`, { token: s.token });
    expect(stats.body.total_workouts).toBe(1);
  });

  it('should spread calls over both instances of each service', async () => {
    const p = PROFILES.test;
    const metrics = (ports: { http: number }[]) =>
      ports.map((x) => `http://127.0.0.1:${x.http}/metrics`);
    const before = await Promise.all(
      [...metrics(p.user), ...metrics(p.activity)].map((u) =>
        counterTotal(u, 'grpc_server_handled_total'),
      ),
    );
    const s = await registerAndLogin();
    for (let i = 0; i < 10; i++) {
      const base = i % 2 === 0 ? A : B;
      // Goals, not the profile: a profile read is answered from the Redis cache (no gRPC call).
      expect(
        (await call(base, 'GET', `/users/${s.user_id}/goals`, { token: s.token })).status,
      ).toBe(200);
      expect(
        (await call(base, 'GET', `/users/${s.user_id}/statistics`, { token: s.token })).status,
      ).toBe(200);
    }
    const after = await Promise.all(
      [...metrics(p.user), ...metrics(p.activity)].map((u) =>
        counterTotal(u, 'grpc_server_handled_total'),
      ),
    );
    const handled = after.map((n, i) => n - (before[i] ?? 0));
    // 12 user calls (register, login, 10 reads) and 10 activity calls, each set over 2 instances.
    for (const n of handled) {
      expect(n).toBeGreaterThanOrEqual(3);
    }
    const gatewayHits = await Promise.all(
      [A, B].map(async (base) =>
        (await (await fetch(`${base}/metrics`)).text()).includes('route="/users/:user_id/goals"'),
      ),
    );
    expect(gatewayHits).toEqual([true, true]);
  });

  it('should serve probes, metrics, OpenAPI, the error shape and a correlation id', async () => {
    for (const base of [A, B]) {
      expect((await call(base, 'GET', '/healthz')).status).toBe(200);
      const ready = await call<{ status: string; info: Record<string, { status: string }> }>(
        base,
        'GET',
        '/readyz',
      );
      expect(ready.status).toBe(200);
      expect(Object.keys(ready.body.info).sort()).toEqual(['activity', 'redis', 'user']);
    }
    const metrics = await fetch(`${A}/metrics`);
    const text = await metrics.text();
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(text).toContain('process_cpu_seconds_total');

    const docs = await call<{ paths: Record<string, unknown> }>(A, 'GET', '/docs/json');
    expect(Object.keys(docs.body.paths).sort()).toEqual(
      [
        '/users/register',
        '/users/login',
        '/users/{user_id}',
        '/users/{user_id}/goals',
        '/users/{user_id}/workouts',
        '/users/{user_id}/statistics',
        '/workouts/start',
        '/workouts/{session_id}/end',
        '/group-sessions/{session_id}',
        '/users/{user_id}/group-sessions',
      ].sort(),
    );

    const missing = await call<ErrorResponse>(B, 'GET', '/no/such/route');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    const echoed = await call(A, 'GET', '/healthz', {
      headers: { 'x-correlation-id': 'trace-42' },
    });
    expect(echoed.headers.get('x-correlation-id')).toBe('trace-42');
    const generated = await call(A, 'GET', '/healthz');
    expect(generated.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('should follow one correlation id through the gateway, activity and user logs', async () => {
    const s = await registerAndLogin();
    const id = `corr-${Date.now().toString(36)}`;
    const started = await call<Started>(A, 'POST', '/workouts/start', {
      token: s.token,
      body: { user_id: s.user_id, workout_type: 'yoga' },
    });
    // Ending calls activity, which calls user (GetUser, RecordWorkout): nobody passes the id on
    // by hand, the request context does.
    const ended = await call<Ended>(B, 'POST', `/workouts/${started.body.session_id}/end`, {
      token: s.token,
      headers: { 'x-correlation-id': id },
      body: { end_time: new Date().toISOString() },
    });
    expect(ended.status).toBe(200);
    const unknown = await call<ErrorResponse>(B, 'POST', `/workouts/${randomUUID()}/end`, {
      token: s.token,
      headers: { 'x-correlation-id': `${id}-404` },
      body: { end_time: new Date().toISOString() },
    });
    expect(unknown.status).toBe(404);
    await sleep(200);
    const linesWith = (service: string, correlationId: string): Record<string, unknown>[] =>
      logLines('test', service).filter((l) => l.correlation_id === correlationId);
    expect(linesWith('activity', id).map((l) => l.message)).toContainEqual(
      expect.stringMatching(/^endWorkout OK/),
    );
    expect(linesWith('user', id).map((l) => l.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^getUser OK/),
        expect.stringMatching(/^recordWorkout OK/),
      ]),
    );
    // A refusal is logged where it happens and where it is answered, under the caller's id.
    expect(linesWith('activity', `${id}-404`).map((l) => l.message)).toContainEqual(
      expect.stringContaining('NOT_FOUND: workout session not found'),
    );
    expect(linesWith('gateway', `${id}-404`)).toContainEqual(
      expect.objectContaining({ severity: 'DEBUG', context: 'HttpExceptionFilter' }),
    );
  });
});
