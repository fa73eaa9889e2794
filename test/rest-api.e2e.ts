import { describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROFILES, ROOT } from '../scripts/stack.mjs';
import { expectStatus, type Schemas } from '@fitness/client';
import {
  A,
  api,
  B,
  counterTotal,
  endWorkout,
  logLines,
  newCredentials,
  rawCall,
  registerAndLogin,
  sleep,
  startWorkout,
  statistics,
  userPath,
  type Session,
} from './support/api.js';

jest.setTimeout(60_000);

type Ended = Schemas['EndedWorkoutDto'];

/** Starts a workout on one replica and ends it on the other, `seconds` after its start. */
async function workout(s: Session, type: string, seconds: number): Promise<Ended> {
  const started = await expectStatus(startWorkout(A, s, type), 201);
  const startMs = Date.parse(started.start_time);
  // end_time may not lie in the future: wait until it is in the past.
  await sleep(Math.max(0, startMs + seconds * 1000 - Date.now() + 20));
  return expectStatus(
    endWorkout(B, s, started.session_id, new Date(startMs + seconds * 1000).toISOString()),
    200,
  );
}

function tomorrow(): string {
  return new Date(Date.now() + 24 * 3600 * 1000).toISOString().slice(0, 10);
}

describe('REST API through both gateway replicas', () => {
  it('should run register → login → goal → start → end → statistics across replicas', async () => {
    const s = await registerAndLogin();

    const profile = await expectStatus(
      api(B, s.token).PATCH('/users/{user_id}', {
        ...userPath(s.user_id),
        body: { weight_kg: 80 },
      }),
      200,
    );
    expect(profile).toMatchObject({ user_id: s.user_id, weight_kg: 80, height_cm: null });

    const goal = await expectStatus(
      api(A, s.token).POST('/users/{user_id}/goals', {
        ...userPath(s.user_id),
        body: { goal_type: 'workouts', target_value: 2, target_date: tomorrow() },
      }),
      201,
    );
    expect(Object.keys(goal).sort()).toEqual(
      [
        'current_progress',
        'goal_id',
        'goal_type',
        'target_date',
        'target_value',
        'period',
        'workout_type',
        'period_start',
        'status',
      ].sort(),
    );
    expect(goal).toMatchObject({
      goal_type: 'workouts',
      target_value: 2,
      current_progress: 0,
      period: 'once',
      workout_type: null,
      status: 'active',
    });
    await expectStatus(
      api(B, s.token).POST('/users/{user_id}/goals', {
        ...userPath(s.user_id),
        body: { goal_type: 'duration_minutes', target_value: 30, target_date: tomorrow() },
      }),
      201,
    );

    // MET × weight × hours: running 9.8 × 80 kg × 1.5 s; cycling 7.5 × 80 kg × 2 s.
    const run = await workout(s, 'running', 1.5);
    expect(run).toEqual({ session_id: expect.any(String), duration: 1.5, calories_burned: 0.33 });
    const ride = await workout(s, 'cycling', 2);
    expect(ride).toMatchObject({ duration: 2, calories_burned: 0.33 });

    for (const base of [A, B]) {
      const both = { workouts: 2, duration: 3.5, calories_burned: 0.66 };
      expect(await statistics(base, s)).toEqual({
        total_workouts: 2,
        total_duration: 3.5,
        total_calories_burned: 0.66,
        average_session_duration: 1.75,
        recent_4_weeks: both,
        year_to_date: both,
        all_time: both,
        by_workout_type: {
          running: { workouts: 1, duration: 1.5, calories_burned: 0.33 },
          cycling: { workouts: 1, duration: 2, calories_burned: 0.33 },
        },
        current_streak_days: 1,
        longest_streak_days: 1,
      });
    }

    const goals = await expectStatus(
      api(A, s.token).GET('/users/{user_id}/goals', userPath(s.user_id)),
      200,
    );
    const byType = Object.fromEntries(goals.items.map((g) => [g.goal_type, g]));
    expect(byType.workouts).toMatchObject({ current_progress: 2, achieved_at: expect.any(String) });
    expect(byType.duration_minutes).toMatchObject({ current_progress: 0.06, achieved_at: null });

    const page1 = await expectStatus(
      api(B, s.token).GET('/users/{user_id}/workouts', {
        params: { path: { user_id: s.user_id }, query: { limit: 1 } },
      }),
      200,
    );
    expect(page1.items.map((w) => w.session_id)).toEqual([ride.session_id]);
    expect(page1.next_cursor).toEqual(expect.any(String));
    const page2 = await expectStatus(
      api(A, s.token).GET('/users/{user_id}/workouts', {
        params: { path: { user_id: s.user_id }, query: { limit: 1, cursor: page1.next_cursor } },
      }),
      200,
    );
    expect(page2.items.map((w) => w.session_id)).toEqual([run.session_id]);
    expect(page2.next_cursor).toBeUndefined();
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
        expectStatus(startWorkout(i % 2 === 0 ? A : B, s, 'strength'), 201),
      ),
    );
    await sleep(50);
    const ends = await Promise.all(
      started.map((w, i) => endWorkout(i % 2 === 0 ? B : A, s, w.session_id)),
    );
    expect(ends.map((e) => e.response.status)).toEqual([200, 200, 200, 200, 200, 200]);
    // The same workout ended four times at once: one end wins, the others are refused.
    const one = await expectStatus(startWorkout(A, s, 'strength'), 201);
    const racing = await Promise.all(
      [A, B, A, B].map((base) => endWorkout(base, s, one.session_id)),
    );
    expect(racing.map((r) => r.response.status).sort()).toEqual([200, 400, 400, 400]);
    expect((await statistics(A, s)).total_workouts).toBe(7);
  });

  // Ill-typed, unknown and missing fields cannot be written with the typed client: rawCall.
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
      const res = await rawCall(A, 'POST', '/users/register', { body });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('INVALID_ARGUMENT');
      expect(res.body.error.details?.map((d) => d.field)).toContain(field);
    }
    const malformed = await rawCall(A, 'POST', '/users/register', { rawBody: '{"a":' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('INVALID_ARGUMENT');
    const array = await rawCall(A, 'POST', '/users/register', { rawBody: '[1]' });
    expect(array.status).toBe(400);
    // None of the refused registrations created the account.
    const login = await api(B).POST('/users/login', {
      body: { email: creds.email, password: creds.password },
    });
    expect(login.response.status).toBe(401);

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
      const res = await rawCall(B, 'POST', `/users/${s.user_id}/goals`, { token: s.token, body });
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.error.details?.map((d) => d.field)).toContain(field);
    }
    const goals = await expectStatus(
      api(A, s.token).GET('/users/{user_id}/goals', userPath(s.user_id)),
      200,
    );
    expect(goals.items).toEqual([]);

    const badStart = await startWorkout(A, s, 'run ning!');
    expect(badStart.response.status).toBe(400);
    expect(badStart.error?.error.details?.[0]?.field).toBe('workout_type');

    const started = await expectStatus(startWorkout(A, s, 'yoga'), 201);
    const endCases: [unknown, string][] = [
      [{ end_time: 'yesterday' }, 'end_time'],
      [{ end_time: '2001-01-01T00:00:00Z' }, 'end_time'],
      [{ end_time: new Date(Date.now() + 3600_000).toISOString() }, 'end_time'],
      [{}, 'end_time'],
    ];
    for (const [body, field] of endCases) {
      const res = await rawCall(B, 'POST', `/workouts/${started.session_id}/end`, {
        token: s.token,
        body,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.details?.map((d) => d.field)).toContain(field);
    }
    expect((await statistics(A, s)).total_workouts).toBe(0);

    const workouts = (query: { limit?: number; cursor?: string }) =>
      api(A, s.token).GET('/users/{user_id}/workouts', {
        params: { path: { user_id: s.user_id }, query },
      });
    const badQuery = await workouts({ limit: 0 });
    expect(badQuery.response.status).toBe(400);
    expect(badQuery.error?.error.details?.[0]?.field).toBe('limit');
    const badCursor = await workouts({ cursor: 'x' });
    expect(badCursor.response.status).toBe(400);
    expect(badCursor.error?.error.details?.[0]?.field).toBe('cursor');
  });

  it('should answer 401 without a token, with a malformed one and with a forged one', async () => {
    const s = await registerAndLogin();
    const none = await api(A).GET('/users/{user_id}/statistics', userPath(s.user_id));
    expect(none.response.status).toBe(401);
    expect(none.error?.error.code).toBe('UNAUTHENTICATED');
    const garbage = await api(B, 'abc').GET('/users/{user_id}', userPath(s.user_id));
    expect(garbage.response.status).toBe(401);
    const [header, payload] = s.token.split('.');
    const forged = await api(A, `${header}.${payload}.${'A'.repeat(43)}`).GET(
      '/users/{user_id}',
      userPath(s.user_id),
    );
    expect(forged.response.status).toBe(401);
    const started = await api(A).POST('/workouts/start', {
      body: { user_id: s.user_id, workout_type: 'yoga' },
    });
    expect(started.response.status).toBe(401);
  });

  it("should answer 403 for someone else's user_id and workout, and change nothing", async () => {
    const alice = await registerAndLogin();
    const bob = await registerAndLogin();
    const asAlice = api(A, alice.token);
    const bobs = userPath(bob.user_id);
    for (const [name, attempt] of [
      ['GET profile', () => asAlice.GET('/users/{user_id}', bobs)],
      [
        'PATCH profile',
        () => asAlice.PATCH('/users/{user_id}', { ...bobs, body: { weight_kg: 99 } }),
      ],
      ['GET statistics', () => asAlice.GET('/users/{user_id}/statistics', bobs)],
      ['GET goals', () => asAlice.GET('/users/{user_id}/goals', bobs)],
      [
        'POST goal',
        () =>
          asAlice.POST('/users/{user_id}/goals', {
            ...bobs,
            body: { goal_type: 'workouts', target_value: 1, target_date: tomorrow() },
          }),
      ],
      ['GET workouts', () => asAlice.GET('/users/{user_id}/workouts', bobs)],
      [
        'POST start',
        () =>
          asAlice.POST('/workouts/start', { body: { user_id: bob.user_id, workout_type: 'yoga' } }),
      ],
    ] as const) {
      const res = await attempt();
      expect({ name, status: res.response.status }).toEqual({ name, status: 403 });
      expect(res.error?.error.code).toBe('PERMISSION_DENIED');
    }
    const bobsWorkout = await expectStatus(startWorkout(B, bob, 'walking'), 201);
    const stolen = await endWorkout(A, alice, bobsWorkout.session_id);
    expect(stolen.response.status).toBe(403);
    const own = await endWorkout(B, bob, bobsWorkout.session_id);
    expect(own.response.status).toBe(200);
    const profile = await expectStatus(api(B, bob.token).GET('/users/{user_id}', bobs), 200);
    expect(profile).toMatchObject({ weight_kg: null });
  });

  it('should refuse a duplicate email (in any case) or username with 409', async () => {
    const s = await registerAndLogin();
    const other = newCredentials();
    const email = await api(B).POST('/users/register', {
      body: { ...other, email: s.email.toUpperCase() },
    });
    expect(email.response.status).toBe(409);
    expect(email.error?.error).toMatchObject({
      code: 'ALREADY_EXISTS',
      details: [{ field: 'email' }],
    });
    const username = await api(A).POST('/users/register', {
      body: { ...other, username: s.username.toUpperCase() },
    });
    expect(username.response.status).toBe(409);
    expect(username.error?.error.details?.[0]?.field).toBe('username');
  });

  it('should give one answer for a wrong password and an unknown email', async () => {
    const s = await registerAndLogin();
    const wrong = await api(A).POST('/users/login', {
      body: { email: s.email, password: 'not-the-password' },
    });
    const unknown = await api(B).POST('/users/login', {
      body: { email: `nobody.${s.email}`, password: s.password },
    });
    expect(wrong.response.status).toBe(401);
    expect(unknown.response.status).toBe(401);
    expect(unknown.error).toEqual(wrong.error);
  });

  it('should answer 404 for an unknown session and 400 for ending a session twice', async () => {
    const s = await registerAndLogin();
    const unknown = await endWorkout(A, s, '8d6f1c52-7a1c-4b8e-9a55-0b4f2b1b9a11');
    expect(unknown.response.status).toBe(404);
    expect(unknown.error?.error.code).toBe('NOT_FOUND');
    const ended = await workout(s, 'hiit', 0.1);
    const again = await endWorkout(A, s, ended.session_id);
    expect(again.response.status).toBe(400);
    expect(again.error?.error.code).toBe('FAILED_PRECONDITION');
    expect((await statistics(B, s)).total_workouts).toBe(1);
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
      await expectStatus(
        api(base, s.token).GET('/users/{user_id}/goals', userPath(s.user_id)),
        200,
      );
      await statistics(base, s);
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

  // Probes, metrics and the document are outside the API's document: rawCall.
  it('should serve probes, metrics, OpenAPI, the error shape and a correlation id', async () => {
    for (const base of [A, B]) {
      expect((await rawCall(base, 'GET', '/healthz')).status).toBe(200);
      const ready = await rawCall<{ status: string; info: Record<string, { status: string }> }>(
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

    const docs = await rawCall<{ paths: Record<string, unknown> }>(A, 'GET', '/docs/json');
    expect(Object.keys(docs.body.paths).sort()).toEqual(
      [
        '/users/register',
        '/users/login',
        '/users/{user_id}',
        '/users/{user_id}/goals',
        '/users/{user_id}/goals/{goal_id}',
        '/users/{user_id}/workouts',
        '/users/{user_id}/statistics',
        '/users/{user_id}/statistics/trend',
        '/leaderboards/{metric}',
        '/workouts/start',
        '/workouts/{session_id}/end',
        '/group-sessions/{session_id}',
        '/users/{user_id}/group-sessions',
      ].sort(),
    );

    const missing = await rawCall(B, 'GET', '/no/such/route');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    const echoed = await rawCall(A, 'GET', '/healthz', {
      headers: { 'x-correlation-id': 'trace-42' },
    });
    expect(echoed.headers.get('x-correlation-id')).toBe('trace-42');
    const generated = await rawCall(A, 'GET', '/healthz');
    expect(generated.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('should serve at /docs/json the document committed in libs/client, built offline', async () => {
    // make client builds libs/client/openapi.json without running anything (Nest preview mode),
    // and make client-check keeps it equal to the gateway's code: here the running gateways
    // prove the offline document is the one they serve.
    const committed = JSON.parse(
      readFileSync(join(ROOT, 'libs/client/openapi.json'), 'utf8'),
    ) as unknown;
    for (const base of [A, B]) {
      const served = await rawCall<unknown>(base, 'GET', '/docs/json');
      expect(served.status).toBe(200);
      expect(served.body).toEqual(committed);
    }
  });

  it('should follow one correlation id through the gateway, activity and user logs', async () => {
    const s = await registerAndLogin();
    const id = `corr-${Date.now().toString(36)}`;
    const started = await expectStatus(startWorkout(A, s, 'yoga'), 201);
    // Ending calls activity, which calls user (GetUser, RecordWorkout): nobody passes the id on
    // by hand, the request context does.
    const endWith = (sessionId: string, correlationId: string) =>
      api(B, s.token).POST('/workouts/{session_id}/end', {
        params: { path: { session_id: sessionId } },
        headers: { 'x-correlation-id': correlationId },
        body: { end_time: new Date().toISOString() },
      });
    const ended = await endWith(started.session_id, id);
    expect(ended.response.status).toBe(200);
    const unknown = await endWith(randomUUID(), `${id}-404`);
    expect(unknown.response.status).toBe(404);
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
