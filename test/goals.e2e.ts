import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import pg from 'pg';
import { expectStatus, type Schemas } from '@fitness/client';
import { stackEnv } from '../scripts/stack.mjs';
import {
  A,
  api,
  B,
  DAY,
  importWorkouts,
  pastWorkout,
  quickWorkout,
  rawCall,
  registerAndLogin,
  sleep,
  userPath,
  type Session,
} from './support/api.js';
import { closeAll, connect, waitFor } from './support/realtime.js';

// Goals per period (once, week, month) and workout type, against the real stack: progress counted
// by the user service from the workouts the activity service reports, per period, each period's
// achievement alerted once on the socket, whichever replica it is on.

jest.setTimeout(120_000);

type Goal = Schemas['GoalListItemDto'];
type GoalBody = Schemas['CreateGoalDto'];

const farDate = (): string => new Date(Date.now() + 60 * DAY).toISOString().slice(0, 10);

let db: pg.Client;

beforeAll(async () => {
  db = new pg.Client({ connectionString: stackEnv('test').DATABASE_URL });
  await db.connect();
});

afterAll(async () => {
  closeAll();
  await db.end();
});

/**
 * Moves a goal (with nothing counted yet) into the past: clients cannot create a goal before now,
 * and a recurring goal's periods only cross a boundary after days.
 */
async function backdate(goalId: string, createdAt: Date, targetDate?: Date): Promise<void> {
  await db.query(
    `UPDATE goals SET created_at = $2, target_date = COALESCE($3, target_date) WHERE id = $1`,
    [goalId, createdAt, targetDate ?? null],
  );
}

/** Creates a goal, due in 60 days unless the body says otherwise. */
function createGoal(
  base: string,
  s: Session,
  body: Omit<GoalBody, 'target_date'> & { target_date?: string },
): Promise<Schemas['GoalDto']> {
  return expectStatus(
    api(base, s.token).POST('/users/{user_id}/goals', {
      ...userPath(s.user_id),
      body: { target_date: farDate(), ...body },
    }),
    201,
    'create goal',
  );
}

/** Changes goal `goalId` of `s` on `base` (the answer as it comes). */
function patchGoal(base: string, s: Session, goalId: string, body: Schemas['UpdateGoalDto']) {
  return api(base, s.token).PATCH('/users/{user_id}/goals/{goal_id}', {
    params: { path: { user_id: s.user_id, goal_id: goalId } },
    body,
  });
}

async function goals(base: string, s: Session): Promise<Goal[]> {
  return (
    await expectStatus(api(base, s.token).GET('/users/{user_id}/goals', userPath(s.user_id)), 200)
  ).items;
}

async function goal(base: string, s: Session, goalId: string): Promise<Goal> {
  const found = (await goals(base, s)).find((g) => g.goal_id === goalId);
  if (!found) {
    throw new Error(`goal ${goalId} not listed`);
  }
  return found;
}

const utcDay = (d: Date): Date =>
  new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));

describe('goals per period', () => {
  it('should count a weekly goal afresh in each period and alert each period once, with its period_start', async () => {
    const s = await registerAndLogin();
    const socket = await connect(B, s.token);
    const created = await createGoal(A, s, {
      goal_type: 'workouts',
      target_value: 2,
      period: 'week',
    });
    expect(created).toMatchObject({ period: 'week', workout_type: null, status: 'active' });
    const createdAt = new Date(Date.now() - 10 * DAY);
    await backdate(created.goal_id, createdAt);
    const first = utcDay(createdAt);
    const second = new Date(first.getTime() + 7 * DAY);
    expect(second.getTime()).toBeLessThan(Date.now());

    // Two workouts in the first week (one a second before it ends), one in the second week, its
    // very first instant; and one before the goal existed, which counts nowhere.
    const before = new Date(createdAt.getTime() - 3600_000);
    await importWorkouts(s.user_id, [
      pastWorkout('before', 'running', before),
      pastWorkout('w1-a', 'running', new Date(createdAt.getTime() + 3600_000)),
      pastWorkout('w1-b', 'cycling', new Date(second.getTime() - 1000)),
      pastWorkout('w2-a', 'yoga', second, 10),
    ]);
    let g = await goal(B, s, created.goal_id);
    expect(g).toMatchObject({
      period: 'week',
      status: 'active',
      period_start: second.toISOString(),
      current_progress: 1,
      achieved_at: null,
    });
    await waitFor('the alert of the first week', () => socket.alerts.length >= 1);
    expect(socket.alerts[0]).toMatchObject({
      goal_id: created.goal_id,
      goal_type: 'workouts',
      target_value: 2,
      period_start: first.toISOString(),
    });

    // The second week reaches the target too: a second alert, for that week.
    await importWorkouts(s.user_id, [
      pastWorkout('w2-b', 'running', new Date(Date.now() - 60_000), 5),
    ]);
    await waitFor('the alert of the second week', () => socket.alerts.length >= 2);
    expect(socket.alerts[1]).toMatchObject({
      goal_id: created.goal_id,
      period_start: second.toISOString(),
    });
    g = await goal(A, s, created.goal_id);
    expect(g).toMatchObject({ current_progress: 2, status: 'active' });
    expect(g.achieved_at).not.toBeNull();

    // Imported again (a retry, the other instance): counted once, alerted once per period.
    await importWorkouts(
      s.user_id,
      [
        pastWorkout('w1-a', 'running', new Date(createdAt.getTime() + 3600_000)),
        pastWorkout('w2-b', 'running', new Date(Date.now() - 60_000), 5),
      ],
      1,
    );
    await quickWorkout(s, 'running');
    await sleep(500);
    expect((await goal(B, s, created.goal_id)).current_progress).toBe(3);
    expect(socket.alerts).toHaveLength(2);
    // Nothing is left pending for the next connection either.
    const later = await connect(A, s.token);
    await sleep(500);
    expect(later.alerts).toHaveLength(0);
  });

  it('should clamp monthly periods and show the current one', async () => {
    const s = await registerAndLogin();
    const created = await createGoal(A, s, {
      goal_type: 'duration_minutes',
      target_value: 600,
      period: 'month',
    });
    const createdAt = new Date(Date.now() - 40 * DAY);
    await backdate(created.goal_id, createdAt);
    const anchor = utcDay(createdAt);
    // The period holding now starts on the anchor's day of this or the previous month (clamped).
    const now = new Date();
    const clamp = (y: number, m: number): Date =>
      new Date(
        Date.UTC(y, m, Math.min(anchor.getUTCDate(), new Date(Date.UTC(y, m + 1, 0)).getUTCDate())),
      );
    let expected = clamp(now.getUTCFullYear(), now.getUTCMonth());
    if (expected.getTime() > now.getTime()) {
      expected = clamp(now.getUTCFullYear(), now.getUTCMonth() - 1);
    }
    await importWorkouts(s.user_id, [
      pastWorkout('old', 'running', new Date(anchor.getTime() + DAY), 60),
      pastWorkout(
        'new',
        'running',
        new Date(Math.max(expected.getTime() + 60_000, now.getTime() - 120_000)),
        45,
      ),
    ]);
    expect(await goal(B, s, created.goal_id)).toMatchObject({
      period: 'month',
      period_start: expected.toISOString(),
      current_progress: 45,
    });
  });

  it('should count only workouts of the goal type, whatever its name', async () => {
    const s = await registerAndLogin();
    // Three goals alike but for their workout type.
    const base = { goal_type: 'workouts' as const, target_value: 5 };
    const running = await createGoal(A, s, { ...base, workout_type: 'Running' });
    expect(running.workout_type).toBe('running');
    const odd = await createGoal(B, s, { ...base, workout_type: 'constructor' });
    const any = await createGoal(A, s, base);
    await quickWorkout(s, 'running');
    await quickWorkout(s, 'RUNNING');
    await quickWorkout(s, 'cycling');
    await quickWorkout(s, 'constructor');
    const listed = await goals(B, s);
    const progress = (id: string): number | undefined =>
      listed.find((g) => g.goal_id === id)?.current_progress;
    expect([progress(running.goal_id), progress(odd.goal_id), progress(any.goal_id)]).toEqual([
      2, 1, 4,
    ]);
    // Each bad value of a field, on a goal otherwise valid: 400 naming that field.
    for (const [field, base, values] of [
      ['workout_type', A, ['', 'run ning', 'run\u0000', '__proto__', 'x'.repeat(33), 42, null]],
      ['period', B, ['daily', 'constructor', 'ONCE', '', 7]],
    ] as const) {
      for (const value of values) {
        const res = await rawCall(base, 'POST', `/users/${s.user_id}/goals`, {
          token: s.token,
          body: { goal_type: 'workouts', target_value: 1, target_date: farDate(), [field]: value },
        });
        expect([value, res.status, res.body.error.details?.[0]?.field]).toEqual([
          value,
          400,
          field,
        ]);
      }
    }
  });

  it('should filter by status', async () => {
    const s = await registerAndLogin();
    const base = { goal_type: 'workouts' as const };
    const achieved = await createGoal(A, s, { ...base, target_value: 1 });
    const active = await createGoal(A, s, { ...base, target_value: 50 });
    const weekly = await createGoal(A, s, { ...base, target_value: 1, period: 'week' });
    const expired = await createGoal(A, s, { ...base, target_value: 50 });
    const expiredWeekly = await createGoal(A, s, { ...base, target_value: 1, period: 'week' });
    await backdate(expired.goal_id, new Date(Date.now() - 3 * DAY), new Date(Date.now() - DAY));
    await backdate(
      expiredWeekly.goal_id,
      new Date(Date.now() - 9 * DAY),
      new Date(Date.now() - DAY),
    );
    await quickWorkout(s, 'running');

    const ids = async (status?: 'active' | 'achieved' | 'expired'): Promise<string[]> =>
      (
        await expectStatus(
          api(B, s.token).GET('/users/{user_id}/goals', {
            params: { path: { user_id: s.user_id }, query: status ? { status } : {} },
          }),
          200,
        )
      ).items
        .map((g) => g.goal_id)
        .sort();
    const sorted = (...g: { goal_id: string }[]): string[] => g.map((x) => x.goal_id).sort();
    expect(await ids('achieved')).toEqual(sorted(achieved));
    // A recurring goal stays active after a period is reached.
    expect(await ids('active')).toEqual(sorted(active, weekly));
    expect(await ids('expired')).toEqual(sorted(expired, expiredWeekly));
    expect(await ids()).toHaveLength(5);
    const all = await goals(A, s);
    expect(all.find((g) => g.goal_id === weekly.goal_id)).toMatchObject({
      status: 'active',
      current_progress: 1,
    });
    expect(all.find((g) => g.goal_id === weekly.goal_id)?.achieved_at).not.toBeNull();
    expect(all.find((g) => g.goal_id === achieved.goal_id)?.status).toBe('achieved');

    for (const query of [
      'status=done',
      'status=',
      'status=ACTIVE',
      'status=constructor',
      'status=active&status=expired',
      'status[]=active',
    ]) {
      const res = await rawCall(A, 'GET', `/users/${s.user_id}/goals?${query}`, { token: s.token });
      expect([query, res.status]).toEqual([query, 400]);
    }
  });
});

describe('changing and deleting goals', () => {
  it('should change target_value and target_date, validated', async () => {
    const s = await registerAndLogin();
    const g = await createGoal(A, s, { goal_type: 'calories', target_value: 1000 });
    const changed = await expectStatus(
      patchGoal(B, s, g.goal_id, { target_value: 1500.5, target_date: '2030-01-31' }),
      200,
    );
    expect(changed).toMatchObject({
      goal_id: g.goal_id,
      target_value: 1500.5,
      target_date: '2030-01-31T23:59:59.999Z',
      period: 'once',
      status: 'active',
    });
    expect((await goal(A, s, g.goal_id)).target_value).toBe(1500.5);
    // One field alone changes only that field.
    const dateOnly = await expectStatus(
      patchGoal(A, s, g.goal_id, { target_date: '2031-06-30T12:00:00Z' }),
      200,
    );
    expect(dateOnly).toMatchObject({
      target_value: 1500.5,
      target_date: '2031-06-30T12:00:00.000Z',
    });

    for (const [body, field] of [
      [{}, 'target_value'],
      [{ target_value: -1 }, 'target_value'],
      [{ target_value: 0 }, 'target_value'],
      [{ target_value: 1e12 }, 'target_value'],
      [{ target_value: '12' }, 'target_value'],
      [{ target_value: null }, 'target_value'],
      [{ target_date: '2026-02-30' }, 'target_date'],
      [{ target_date: '2001-01-01' }, 'target_date'],
      [{ target_date: 'next\u0000week' }, 'target_date'],
      [{ goal_type: 'workouts' }, 'goal_type'],
      [{ period: 'week' }, 'period'],
    ] as const) {
      const res = await rawCall(A, 'PATCH', `/users/${s.user_id}/goals/${g.goal_id}`, {
        token: s.token,
        body,
      });
      expect([
        body,
        res.status,
        res.body.error.details?.[0]?.field ?? res.body.error.message,
      ]).toEqual([body, 400, field]);
    }
    expect((await goal(A, s, g.goal_id)).target_value).toBe(1500.5);
  });

  it("should keep goals to their owner: 403 on another user_id, 404 on another user's goal", async () => {
    const alice = await registerAndLogin();
    const bob = await registerAndLogin();
    const g = await createGoal(A, alice, { goal_type: 'workouts', target_value: 3 });
    const body = { target_value: 1 };
    for (const method of ['PATCH', 'DELETE']) {
      /** `method` on goal `goalId` of user `userId`, as `token` (or anonymous), on `base`. */
      const send = (base: string, userId: string, goalId: string, token?: string) =>
        rawCall(base, method, `/users/${userId}/goals/${goalId}`, {
          token,
          ...(method === 'PATCH' ? { body } : {}),
        });
      // Bob on Alice's path: 403, as on every route under /users/{user_id}.
      const res = await send(B, alice.user_id, g.goal_id, bob.token);
      expect([method, res.status]).toEqual([method, 403]);
      // Bob's own path with Alice's goal: no such goal of his.
      const mine = await send(B, bob.user_id, g.goal_id, bob.token);
      expect([method, mine.status, mine.body.error.code]).toEqual([method, 404, 'NOT_FOUND']);
      const anonymous = await send(A, alice.user_id, g.goal_id);
      expect([method, anonymous.status]).toEqual([method, 401]);
      const malformed = await send(A, alice.user_id, 'not-a-goal', alice.token);
      expect([method, malformed.status]).toEqual([method, 400]);
    }
    expect(await goal(A, alice, g.goal_id)).toMatchObject({ target_value: 3 });
  });

  it('should delete a goal: 204, then 404, and gone from the list', async () => {
    const s = await registerAndLogin();
    const g = await createGoal(A, s, { goal_type: 'workouts', target_value: 2, period: 'week' });
    await quickWorkout(s, 'running');
    const path = { params: { path: { user_id: s.user_id, goal_id: g.goal_id } } };
    const first = await api(B, s.token).DELETE('/users/{user_id}/goals/{goal_id}', path);
    expect(first.response.status).toBe(204);
    const again = await api(A, s.token).DELETE('/users/{user_id}/goals/{goal_id}', path);
    expect(again.response.status).toBe(404);
    const patch = await patchGoal(A, s, g.goal_id, { target_value: 3 });
    expect(patch.response.status).toBe(404);
    expect((await goals(A, s)).map((x) => x.goal_id)).not.toContain(g.goal_id);
    // Workouts after the deletion still end normally.
    await quickWorkout(s, 'running');
  });

  it('should alert once when a lowered target is already reached', async () => {
    const s = await registerAndLogin();
    const socket = await connect(A, s.token);
    const g = await createGoal(B, s, { goal_type: 'workouts', target_value: 3 });
    await quickWorkout(s, 'running');
    await sleep(300);
    expect(socket.alerts).toHaveLength(0);
    const changed = await expectStatus(patchGoal(B, s, g.goal_id, { target_value: 1 }), 200);
    expect(changed).toMatchObject({ status: 'achieved', current_progress: 1 });
    expect(changed.achieved_at).not.toBeNull();
    await waitFor('the alert of the lowered goal', () => socket.alerts.length >= 1);
    expect(socket.alerts[0]).toMatchObject({
      goal_id: g.goal_id,
      period_start: changed.period_start,
    });
    await expectStatus(patchGoal(A, s, g.goal_id, { target_value: 1 }), 200);
    await quickWorkout(s, 'running');
    await sleep(500);
    expect(socket.alerts).toHaveLength(1);
  });
});
